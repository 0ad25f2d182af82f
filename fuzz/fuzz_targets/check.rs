//! `check` on arbitrary bytes: never panics, every finding renders, spans stay in the file.
#![no_main]
use applinkc::check::check_bytes;
use applinkc::diagnostics::human;
use applinkc::flags::PublishFlags;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (json, bytes) = match data.split_first() {
        Some((flag, rest)) => (flag & 1 == 1, rest),
        None => (false, data),
    };
    let name = if json { "api-spec.json" } else { "api-spec.yaml" };
    let flags = PublishFlags { client_name: Some("Fuzz".into()), ..PublishFlags::default() };
    let report = check_bytes(name, bytes.to_vec(), &flags);
    for d in &report.diagnostics {
        assert!(d.span.end as usize <= report.source.text.len());
    }
    let _ = human::render(std::slice::from_ref(&report), false);
});
