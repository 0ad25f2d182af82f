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
    if name.len() > 14 {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    RESERVED.binary_search(&lower.as_str()).is_ok() || ALSO_RENAMED.contains(&lower.as_str())
}

/// `^[A-Za-z][A-Za-z0-9]*$`: a name External Services keeps as it is (unless reserved).
pub fn is_plain(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic()) && bytes.all(|b| b.is_ascii_alphanumeric())
}

/// The Apex name External Services derive from `name`.
pub fn encode(name: &str) -> String {
    if is_reserved(name) {
        return format!("z0{name}");
    }
    let mut out = String::with_capacity(name.len() + 8);
    for (i, c) in name.char_indices() {
        let keep = c.is_ascii_alphabetic() || (c.is_ascii_digit() && i > 0);
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            out.push('x');
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("{b:02x}"));
            }
        }
    }
    out
}

/// The key two names collide on in Apex: the encoded name, lower-cased (Apex identifiers are
/// case-insensitive).
pub fn collision_key(name: &str) -> String {
    encode(name).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_list_is_sorted_for_binary_search() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn appendix_b_examples() {
        assert_eq!(encode("type"), "z0type");
        assert_eq!(encode("Type"), "z0Type");
        assert_eq!(encode("5getOpen-bankingV2.2Atms"), "x35getOpenx2dbankingV2x2e2Atms");
        assert_eq!(encode("fixed_array_of_AutoContext"), "fixedx5farrayx5fofx5fAutoContext");
        assert_eq!(encode("get_account"), "getx5faccount");
        assert_eq!(encode("get-accounts"), "getx2daccounts");
        assert_eq!(encode("x-request-id"), "xx2drequestx2did");
        assert_eq!(encode("delete"), "z0delete");
        assert_eq!(encode("getAccount"), "getAccount");
        assert_eq!(encode("é"), "xc3a9");
    }

    #[test]
    fn every_reserved_word_is_prefixed_and_unreserved_words_are_not() {
        for word in RESERVED {
            assert_eq!(encode(word), format!("z0{word}"));
            assert_eq!(encode(&word.to_uppercase()), format!("z0{}", word.to_uppercase()));
        }
        for word in [
            "after", "before", "count", "excludes", "first", "includes", "last", "order", "sharing", "with",
        ] {
            assert_eq!(encode(word), word);
        }
    }
}
