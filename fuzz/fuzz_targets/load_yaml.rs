//! YAML loading: any UTF-8 text either loads or gives problems with spans inside the text.
#![no_main]
use applinkc::source::{Format, parse_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let loaded = parse_text(text, Format::Yaml, Vec::new());
    for p in &loaded.problems {
        assert!(p.span.start <= p.span.end && p.span.end as usize <= text.len());
    }
    if let Some(root) = &loaded.root {
        assert!(root.span.end as usize <= text.len());
    }
});
