//! Property tests: `check` never panics on any bytes, and is deterministic; every finding
//! renders, with its span inside the file; the binary-search pointer lookups agree with the
//! scan on every tree in source order.

use applinkc::check::check_bytes;
use applinkc::diagnostics::human;
use applinkc::flags::PublishFlags;
use proptest::prelude::*;

fn yamlish() -> impl Strategy<Value = String> {
    // Fragments that build plausible, often broken, specs.
    let piece = prop_oneof![
        Just("openapi: 3.0.3\n".to_string()),
        Just("paths:\n".to_string()),
        Just("  /a/{id}:\n".to_string()),
        Just("    get:\n".to_string()),
        Just("      operationId: x\n".to_string()),
        Just("      x-sfdc: {agent: {action: {publishAsAgentAction: true}}}\n".to_string()),
        Just("  - &a [1, 2]\n".to_string()),
        Just("  b: *a\n".to_string()),
        Just("{\"$ref\": \"#/components/schemas/X\"}\n".to_string()),
        Just("]]>&<\"'\u{1}\u{feff}é\n".to_string()),
        "[ -~]{0,20}\n",
        "\\PC{0,10}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// YAML pieces whose node spans meet at boundaries: implicit nulls, flow pairs, explicit keys,
/// empty items, block scalars, nesting by indentation.
fn yaml_shapes() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a:\n".to_string()),
        Just("b: 1\n".to_string()),
        Just("  c:\n".to_string()),
        Just("  - \n".to_string()),
        Just("  - d\n".to_string()),
        Just("- \n".to_string()),
        Just("- {e, f: , g: [h, i: j]}\n".to_string()),
        Just("k: {l, m: n}\n".to_string()),
        Just("o: [p: q, , r]\n".to_string()),
        Just("? s\n: t\n".to_string()),
        Just("u: |\n  v\n".to_string()),
        Just("w: !!str 2\n".to_string()),
        Just("x: 'y&z'\n".to_string()),
        Just("    aa: {}\n".to_string()),
        "[a-c]{1,2}: [a-c ,\\[\\]{}:]{0,8}\n",
    ];
    proptest::collection::vec(piece, 1..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn ordered_pointer_lookups_agree_with_the_scan(text in yaml_shapes()) {
        use applinkc::source::Span;
        let (source, loaded) = applinkc::source::load("spec.yaml", text.clone().into_bytes());
        let Some(root) = loaded.root else { return Ok(()) };
        prop_assume!(source.tree_in_source_order());
        let mut spans = root.spans();
        for at in 0..=text.len() {
            spans.push(Span::empty(at));
            spans.push(Span::new(at, (at + 2).min(text.len())));
        }
        spans.sort_by_key(|s| (s.start, s.end));
        prop_assert_eq!(root.ordered_lookup_disagreement(&spans), None, "in {:?}", text);
    }

    #[test]
    fn check_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512), json in any::<bool>()) {
        let name = if json { "spec.json" } else { "spec.yaml" };
        let report = check_bytes(name, bytes, &PublishFlags::default());
        for d in &report.diagnostics {
            prop_assert!(d.span.end as usize <= report.source.text.len());
        }
        let _ = human::render(std::slice::from_ref(&report), false);
    }

    #[test]
    fn check_is_deterministic_and_renders(text in yamlish(), json in any::<bool>()) {
        let name = if json { "spec.json" } else { "spec.yaml" };
        let a = check_bytes(name, text.clone().into_bytes(), &PublishFlags::default());
        let b = check_bytes(name, text.into_bytes(), &PublishFlags::default());
        prop_assert_eq!(&a.diagnostics, &b.diagnostics);
        let rendered = human::render(std::slice::from_ref(&a), false);
        prop_assert!(rendered.ends_with(" in 1 file\n"));
    }
}
