//! Inputs the fuzzers found (fuzz/artifacts/…), kept as regression tests.

use applinkc::source::{Format, parse_text};

fn assert_spans_inside(text: &str, format: Format) {
    let loaded = parse_text(text, format, Vec::new());
    for p in &loaded.problems {
        assert!(
            p.span.start <= p.span.end && p.span.end as usize <= text.len(),
            "{:?}: span {:?} outside a text of {} bytes",
            p.message,
            p.span,
            text.len()
        );
    }
}

#[test]
fn crash_bbd2cb55_problem_span_past_the_end() {
    let bytes = include_bytes!("data/fuzz/crash-bbd2cb55b24076fd9ff12fc9e6214c83aac2db5d");
    let text = String::from_utf8_lossy(bytes);
    assert_spans_inside(&text, Format::Yaml);
}
