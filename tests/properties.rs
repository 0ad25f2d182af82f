//! Property tests: `check` never panics on any bytes, and is deterministic; every finding
//! renders, with its span inside the file.

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

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
