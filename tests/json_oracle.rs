//! Differential test: applinkc's JSON parser against `jsonc-parser` with every leniency off.
//! Both must accept and reject the same inputs and build the same values (first key wins on
//! duplicates, which applinkc reports as AL002).

mod common;

use applinkc::source::{self, Format, Node, Value};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, ast};
use proptest::prelude::*;
use serde_json::json;

fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

fn oracle(text: &str) -> Option<serde_json::Value> {
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &collect, &strict()).ok()?;
    parsed.value.map(|v| from_ast(&v))
}

fn from_ast(v: &ast::Value<'_>) -> serde_json::Value {
    match v {
        ast::Value::StringLit(s) => json!(s.value.as_ref()),
        ast::Value::NumberLit(n) => number(n.value),
        ast::Value::BooleanLit(b) => json!(b.value),
        ast::Value::NullKeyword(_) => serde_json::Value::Null,
        ast::Value::Array(a) => serde_json::Value::Array(a.elements.iter().map(from_ast).collect()),
        ast::Value::Object(o) => {
            let mut map = serde_json::Map::new();
            for p in &o.properties {
                map.entry(p.name.as_str().to_string())
                    .or_insert_with(|| from_ast(&p.value));
            }
            serde_json::Value::Object(map)
        }
    }
}

fn number(text: &str) -> serde_json::Value {
    if let (false, Ok(i)) = (text.contains(['.', 'e', 'E']), text.parse::<i64>()) {
        return json!(i);
    }
    json!(format!("float:{}", text.parse::<f64>().unwrap()))
}

fn ours(text: &str) -> Option<serde_json::Value> {
    let loaded = source::parse_text(text, Format::Json, Vec::new());
    loaded.root.as_ref().map(to_json)
}

fn to_json(n: &Node) -> serde_json::Value {
    match &n.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(i),
        Value::Float(f) => json!(format!("float:{f}")),
        Value::Str(s) => json!(s.as_ref()),
        Value::Seq(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => {
            serde_json::Value::Object(entries.iter().map(|e| (e.key.to_string(), to_json(&e.value))).collect())
        }
    }
}

fn agree(text: &str) -> Result<(), TestCaseError> {
    let (a, b) = (ours(text), oracle(text));
    prop_assert_eq!(&a, &b, "input: {:?}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn token_soup_agrees_with_the_oracle(tokens in proptest::collection::vec(prop_oneof![
        Just("{"), Just("}"), Just("["), Just("]"), Just(","), Just(":"), Just(" "), Just("\n"),
        Just("\"a\""), Just("\"b\""), Just("\"\\u00e9\""), Just("\"\\ud83d\\ude00\""), Just("\"\\n\\t\\\"\""),
        Just("\"é\""), Just("1"), Just("-0"), Just("0"), Just("12"), Just("1.5e3"), Just("-2E-2"),
        Just("true"), Just("false"), Just("null"), Just("\"x\":1"), Just("{\"k\":[1,{}]}"),
    ], 0..16)) {
        agree(&tokens.concat())?;
    }

    #[test]
    fn arbitrary_values_agree_with_the_oracle(v in arb_json()) {
        let text = serde_json::to_string(&v).unwrap();
        agree(&text)?;
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        agree(&pretty)?;
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(|b| json!(b)),
        any::<i64>().prop_map(|i| json!(i)),
        "\\PC{0,12}".prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("[a-z$/~]{0,6}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn edge_cases_agree_with_the_oracle() {
    for text in [
        "01",
        "-",
        "1.",
        ".5",
        "+1",
        "1e",
        "1e+",
        "\"\\ud83d\"",
        "\"\\ude00\"",
        "\"\\ud83d\\u0041\"",
        "\"\\x41\"",
        "\"\\'\"",
        "'a'",
        "[1,]",
        "{\"a\":1,}",
        "{a:1}",
        "NaN",
        "Infinity",
        "// c\n1",
        "/* c */1",
        "[1 2]",
        "{\"a\" 1}",
        "tru",
        "nulll",
        "1 2",
        "",
        "   ",
        "9223372036854775808",
        "-9223372036854775809",
        "1E400",
        "{\"a\":1,\"a\":2}",
        "\"\u{7f}\"",
        "[\"\\/\"]",
    ] {
        assert_eq!(ours(text), oracle(text), "input: {text:?}");
    }
}

/// RFC 8259 §7: control characters must be escaped. `jsonc-parser` accepts them even in its
/// strict mode, as does no strict JSON parser on the way (`JSON.parse` rejects them).
#[test]
fn raw_control_characters_in_strings_are_rejected_where_the_oracle_is_lenient() {
    for text in ["\"\t\"", "\"a\nb\"", "{\"k\u{1}\":1}"] {
        assert_eq!(ours(text), None, "input: {text:?}");
        assert!(
            oracle(text).is_some(),
            "oracle now rejects {text:?}: merge this case into the agreement test"
        );
    }
}

#[test]
fn corpus_json_files_build_the_same_tree_as_the_oracle() {
    let Some(shared) = common::shared() else { return };
    for dir in ["corpus/real", "corpus/large"] {
        for path in common::files_with(&shared.join(dir), &["json"]) {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(ours(&text) == oracle(&text), "{}: trees differ", path.display());
        }
    }
}
