//! External Services' identifier encoding: how names in a spec become Apex names.
//!
//! The one place that knows it; rules AL202, AL204, AL205, AL308, AL504, AL505 and the `apex`
//! command all call it. Source: Salesforce Help, "Apex Reserved Keywords" (External Services)
//! and "Naming and Description Conventions"; the catalog's appendices A and B.
//!
//! - A name equal (case-insensitively) to an Apex reserved word gets the prefix `z0`:
//!   `type` → `z0type`.
//! - Every character that is not valid in an Apex identifier becomes `x` followed by its UTF-8
//!   bytes in lower-case hex: `-` → `x2d`, `é` → `xc3a9`. A leading digit is encoded too
//!   (`5` → `x35`); later digits are kept.
//! - `_` is valid in Apex but is still encoded (`x5f`), because External Services join
//!   hierarchical names with `_`.

/// Apex reserved keywords (Apex Developer Guide v262), lower case, sorted.
pub const RESERVED: &[&str] = &[
    "abstract",
    "activate",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "autonomous",
    "begin",
    "bigdecimal",
    "blob",
    "boolean",
    "break",
    "bulk",
    "by",
    "byte",
    "case",
    "cast",
    "catch",
    "char",
    "class",
    "collect",
    "commit",
    "const",
    "continue",
    "currency",
    "date",
    "datetime",
    "decimal",
    "default",
    "delete",
    "desc",
    "do",
    "double",
    "else",
    "end",
    "enum",
    "exception",
    "exit",
    "export",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "from",
    "global",
    "goto",
    "group",
    "having",
    "hint",
    "if",
    "implements",
    "import",
    "in",
    "inner",
    "insert",
    "instanceof",
    "int",
    "integer",
    "interface",
    "into",
    "join",
    "like",
    "limit",
    "list",
    "long",
    "loop",
    "map",
    "merge",
    "new",
    "not",
    "null",
    "nulls",
    "number",
    "object",
    "of",
    "on",
    "or",
    "outer",
    "override",
    "package",
    "parallel",
    "pragma",
    "private",
    "protected",
    "public",
    "retrieve",
    "return",
    "rollback",
    "select",
    "set",
    "short",
    "sobject",
    "sort",
    "static",
    "string",
    "super",
    "switch",
    "synchronized",
    "system",
    "testmethod",
    "then",
    "this",
    "throw",
    "time",
    "transaction",
    "trigger",
    "true",
    "try",
    "undelete",
    "update",
    "upsert",
    "using",
    "virtual",
    "void",
    "webservice",
    "when",
    "where",
    "while",
];

/// Names External Services also prefix with `z0` although the Apex guide does not list them:
/// Salesforce's own example renames the property `type` to `z0type`.
pub const ALSO_RENAMED: &[&str] = &["type"];

/// Whether External Services rename `name` with `z0` (case-insensitive).
pub fn is_reserved(name: &str) -> bool {
    // Reserved words are letters only; the longest has 14. Lower-case on the stack.
    if name.len() > 14 || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let mut buf = [0u8; 14];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return false;
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    // Only ASCII letters changed, so the bytes are still the UTF-8 they were.
    let Ok(lower) = std::str::from_utf8(lower) else {
        return false;
    };
    RESERVED.binary_search(&lower).is_ok() || ALSO_RENAMED.contains(&lower)
}

/// `^[A-Za-z][A-Za-z0-9]*$`: a name External Services keeps as it is (unless reserved).
pub fn is_plain(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic()) && bytes.all(|b| b.is_ascii_alphanumeric())
}

/// The Apex name External Services derive from `name`.
pub fn encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    encode_into(name, &mut out);
    out
}

/// [`encode`], appended to `out`.
fn encode_into(name: &str, out: &mut String) {
    if is_reserved(name) {
        out.push_str("z0");
        out.push_str(name);
        return;
    }
    for (i, c) in name.char_indices() {
        let keep = c.is_ascii_alphabetic() || (c.is_ascii_digit() && i > 0);
        if keep {
            out.push(c);
        } else {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let mut buf = [0u8; 4];
            out.push('x');
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 0xf)] as char);
            }
        }
    }
}

/// The key two names collide on in Apex: the encoded name, lower-cased (Apex identifiers are
/// case-insensitive).
pub fn collision_key(name: &str) -> String {
    let mut key = encode(name);
    key.make_ascii_lowercase();
    key
}

/// Groups of names that become the same Apex identifier (same [`collision_key`]), each group in
/// the order the names were given, groups ordered by their first member. Names that collide
/// with nothing are left out. Shared by AL202 (operations), AL504 (properties) and `apex`.
pub fn collisions<'a, I>(names: I) -> Vec<Vec<&'a str>>
where
    I: IntoIterator<Item = &'a str>,
{
    let names: Vec<&'a str> = names.into_iter().collect();
    if names.len() < 2 {
        return Vec::new();
    }
    // All keys in one buffer (one allocation per call, not one per name).
    let mut buffer = String::new();
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::with_capacity(names.len());
    for name in &names {
        let start = buffer.len();
        encode_into(name, &mut buffer);
        buffer[start..].make_ascii_lowercase();
        ranges.push(start..buffer.len());
    }
    let key = |i: usize| &buffer[ranges[i].clone()];
    // Sort positions by key (stable: equal keys stay in name order), then gather runs of
    // equal keys; most lists have none, and this stays n log n on a schema with many names.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| key(a).cmp(key(b)));
    let mut groups: Vec<(usize, Vec<&'a str>)> = order
        .chunk_by(|&a, &b| key(a) == key(b))
        .filter(|run| run.len() > 1)
        .map(|run| (run[0], run.iter().map(|&i| names[i]).collect()))
        .collect();
    // Groups in the order of their first member (the first position of each run).
    groups.sort_unstable_by_key(|(first, _)| *first);
    groups.into_iter().map(|(_, members)| members).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_list_is_sorted_for_binary_search() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]));
    }

    /// Every example of the catalog's appendix B (and the encoded names quoted in rules AL204,
    /// AL205, AL308, AL505 and metadata-formats §3.3), as `(spec name, Apex name)`.
    const APPENDIX_B: &[(&str, &str)] = &[
        ("type", "z0type"),
        ("Type", "z0Type"),
        ("5getOpen-bankingV2.2Atms", "x35getOpenx2dbankingV2x2e2Atms"),
        ("fixed_array_of_AutoContext", "fixedx5farrayx5fofx5fAutoContext"),
        ("get_account", "getx5faccount"),
        ("get-accounts", "getx2daccounts"),
        ("x-request-id", "xx2drequestx2did"),
        ("delete", "z0delete"),
        ("date", "z0date"),
        ("number", "z0number"),
        ("first-name", "firstx2dname"),
        ("LAER_Table__c", "LAERx5fTablex5fx5fc"),
        ("mcptool__compute_routes", "mcptoolx5fx5fcomputex5froutes"),
        ("generateQuote", "generateQuote"),
        ("getAccount", "getAccount"),
        ("QuoteGenerationRequest", "QuoteGenerationRequest"),
        ("é", "xc3a9"),
        ("a.b", "ax2eb"),
        ("9", "x39"),
        ("v2", "v2"),
        ("", ""),
    ];

    /// Appendix A of the catalog, verbatim (Apex Developer Guide v262).
    const APPENDIX_A: &str = "
abstract activate and any array as asc autonomous begin bigdecimal blob boolean break bulk by byte
case cast catch char class collect commit const continue currency date datetime decimal default
delete desc do double else end enum exception exit export extends false final finally float for
from global goto group having hint if implements import in inner insert instanceof int integer
interface into join like limit list long loop map merge new not null nulls number object of on or
outer override package parallel pragma private protected public retrieve return rollback select
set short sobject sort static string super switch synchronized system testmethod then this throw
time transaction trigger true try undelete update upsert using virtual void webservice when where
while
";

    /// Appendix A: "Not reserved (usable as identifiers)".
    const NOT_RESERVED: &[&str] = &[
        "after", "before", "count", "excludes", "first", "includes", "last", "order", "sharing", "with",
    ];

    /// Listed only by the older guide (v222); applinkc follows v262 and keeps them (see
    /// docs/apex.md).
    const ONLY_IN_V222: &[&str] = &["convertcurrency", "future", "returning", "savepoint", "search", "stat"];

    #[test]
    fn every_appendix_b_example_encodes_as_documented() {
        for (name, apex) in APPENDIX_B {
            assert_eq!(encode(name), *apex, "encode({name:?})");
        }
    }

    #[test]
    fn the_reserved_list_is_exactly_appendix_a() {
        let appendix: Vec<&str> = APPENDIX_A.split_whitespace().collect();
        assert_eq!(appendix.len(), RESERVED.len());
        let mut sorted = appendix.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, RESERVED);
    }

    #[test]
    fn every_reserved_word_is_prefixed_in_any_case_and_unreserved_words_are_not() {
        for word in APPENDIX_A.split_whitespace() {
            assert!(is_reserved(word), "{word}");
            assert_eq!(encode(word), format!("z0{word}"));
            assert_eq!(encode(&word.to_uppercase()), format!("z0{}", word.to_uppercase()));
            let capitalised = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
            assert_eq!(encode(&capitalised), format!("z0{capitalised}"));
        }
        for word in NOT_RESERVED.iter().chain(ONLY_IN_V222) {
            assert!(!is_reserved(word), "{word}");
            assert_eq!(encode(word), *word);
        }
        // A reserved word inside a longer name is not reserved.
        assert_eq!(encode("typeName"), "typeName");
        assert_eq!(encode("deleted"), "deleted");
    }

    #[test]
    fn collision_keys_are_case_insensitive_and_taken_after_encoding() {
        assert_eq!(collision_key("getAccount"), collision_key("GetAccount"));
        assert_eq!(collision_key("get_account"), collision_key("getx5faccount"));
        assert_eq!(collision_key("type"), collision_key("z0type"));
        assert_ne!(collision_key("get_account"), collision_key("getaccount"));
    }

    proptest::proptest! {
        /// Whatever the spec says, the result is an Apex identifier, and names that differ only
        /// in case collide.
        #[test]
        fn every_encoded_name_is_an_apex_identifier(name in "\\PC{1,24}") {
            let apex = encode(&name);
            let mut chars = apex.chars();
            proptest::prop_assert!(chars.next().is_some_and(|c| c.is_ascii_alphabetic()), "{apex}");
            proptest::prop_assert!(chars.all(|c| c.is_ascii_alphanumeric()), "{apex}");
            proptest::prop_assert_eq!(collision_key(&name.to_ascii_uppercase()), collision_key(&name.to_ascii_lowercase()));
        }
    }

    #[test]
    fn collisions_are_grouped_in_input_order() {
        let names = [
            "getAccount",
            "list",
            "GetAccount",
            "get_account",
            "getx5faccount",
            "z0list",
            "other",
        ];
        assert_eq!(
            collisions(names),
            vec![
                vec!["getAccount", "GetAccount"],
                vec!["list", "z0list"],
                vec!["get_account", "getx5faccount"]
            ]
        );
        assert!(collisions(["a", "b"]).is_empty());
    }

    #[test]
    fn collisions_match_a_pairwise_grouping() {
        // The sort-based grouping against the obvious quadratic one.
        let names = [
            "a_b", "A_B", "ax5fb", "type", "Type", "z0type", "x", "X", "é", "xc3xa9", "b", "a_b", "1a", "x31a",
            "Class", "class", "z0class", "end", "END",
        ];
        let mut naive: Vec<(String, Vec<&str>)> = Vec::new();
        for name in names {
            let key = collision_key(name);
            match naive.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push(name),
                None => naive.push((key, vec![name])),
            }
        }
        let naive: Vec<Vec<&str>> = naive.into_iter().map(|(_, m)| m).filter(|m| m.len() > 1).collect();
        assert_eq!(collisions(names), naive);
    }
}
