//! AL004: External Services' schema size limits, on generated files (too large to keep as
//! fixtures): 3,000,000 characters for YAML, 10,000,000 for JSON, counted in characters.

use applinkc::check::check_bytes;
use applinkc::diagnostics::Severity;
use applinkc::flags::PublishFlags;

const HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: Big\n  version: 1.0.0\n  description: ";

fn yaml_of_chars(total: usize, filler: char) -> String {
    let tail = "\npaths: {}\n";
    let filler_count = total - HEAD.chars().count() - tail.chars().count();
    let mut text = String::from(HEAD);
    text.extend(std::iter::repeat_n(filler, filler_count));
    text.push_str(tail);
    assert_eq!(text.chars().count(), total);
    text
}

fn al004(name: &str, text: String) -> Vec<(String, Severity, String)> {
    let report = check_bytes(name, text.into_bytes(), &PublishFlags::default());
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "AL004")
        .map(|d| {
            let at = report.start(d);
            (format!("{}:{}", at.line, at.col), d.severity, d.message.clone())
        })
        .collect()
}

#[test]
fn yaml_over_three_million_characters_is_an_error_at_the_start() {
    let found = al004("big.yaml", yaml_of_chars(3_000_001, 'a'));
    assert_eq!(
        found,
        vec![(
            "1:1".to_string(),
            Severity::Error,
            "the spec has 3000001 characters; External Services accept at most 3000000 in a YAML schema".to_string()
        )]
    );
    assert!(al004("big.yaml", yaml_of_chars(3_000_000, 'a')).is_empty());
}

#[test]
fn the_limit_counts_characters_not_bytes() {
    // 2,000,000 two-byte characters: 4 MB but under the limit.
    assert!(al004("big.yaml", yaml_of_chars(2_000_000, 'é')).is_empty());
}

#[test]
fn json_limit_is_ten_million_characters() {
    let json = |n: usize| {
        let head = "{\"openapi\": \"3.0.3\", \"paths\": {}, \"x\": \"";
        let tail = "\"}";
        format!("{head}{}{tail}", "a".repeat(n - head.len() - tail.len()))
    };
    assert_eq!(al004("big.json", json(10_000_001)).len(), 1);
    assert!(al004("big.json", json(10_000_000)).is_empty());
}
