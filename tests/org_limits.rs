//! AL960–AL962: specs over the org limits are too large to keep as fixtures, so they are
//! generated here, each with the largest spec that is still within the limit.

use applinkc::check::check_bytes;
use applinkc::diagnostics::{FileReport, Severity};
use applinkc::flags::PublishFlags;
use std::fmt::Write;

fn check(yaml: String) -> FileReport {
    check_bytes("api-spec.yaml", yaml.into_bytes(), &PublishFlags::default())
}

fn findings<'r>(report: &'r FileReport, rule: &str) -> Vec<&'r applinkc::diagnostics::Diagnostic> {
    report.diagnostics.iter().filter(|d| d.rule == rule).collect()
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: Big, version: 1.0.0}\n";

/// `n` operations, each `GET /pN`.
fn operations(n: usize) -> String {
    let mut s = format!("{HEAD}paths:\n");
    for i in 0..n {
        writeln!(
            s,
            "  /p{i}: {{get: {{operationId: op{i}, responses: {{'200': {{description: OK}}}}}}}}"
        )
        .unwrap();
    }
    s
}

#[test]
fn al960_more_than_3000_operations_is_an_error_at_paths() {
    let report = check(operations(3_001));
    let found = findings(&report, "AL960");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].pointer, "/paths");
    assert!(found[0].message.contains("3,001 operations"), "{}", found[0].message);
    assert!(findings(&check(operations(3_000)), "AL960").is_empty());
}

/// One component schema whose `n` properties are each an inline object (plus the schema itself).
fn objects(n: usize) -> String {
    let mut s =
        format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Big:\n      type: object\n      properties:\n");
    for i in 0..n {
        writeln!(s, "        p{i}: {{type: object}}").unwrap();
    }
    s
}

#[test]
fn al961_more_than_3000_objects_is_an_error() {
    let report = check(objects(3_000)); // 3,001 objects with `Big`
    let found = findings(&report, "AL961");
    assert_eq!(found.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(
        found[0].message.contains("3,001 object schemas"),
        "{}",
        found[0].message
    );
    assert!(findings(&check(objects(2_999)), "AL961").is_empty());
}

/// `copies` properties that are each an alias of one object with `width` properties.
fn properties(width: usize, copies: usize) -> String {
    let mut s =
        format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Wide: &wide\n      type: object\n      properties:\n");
    for i in 0..width {
        writeln!(s, "        f{i}: {{}}").unwrap();
    }
    s.push_str("    Many:\n      type: object\n      properties:\n");
    for i in 0..copies {
        writeln!(s, "        c{i}: *wide").unwrap();
    }
    s
}

#[test]
fn al962_more_than_400000_properties_is_an_error() {
    // Wide (1,000) + 400 copies (400,000) + Many's own 400 properties.
    let report = check(properties(1_000, 400));
    let found = findings(&report, "AL962");
    assert_eq!(
        found.len(),
        1,
        "{:?}",
        report.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    assert_eq!(found[0].severity, Severity::Error);
    assert!(found[0].message.contains("401,400 properties"), "{}", found[0].message);
    // 1,000 + 398,000 + 398 = 399,398: within the limit.
    assert!(findings(&check(properties(1_000, 398)), "AL962").is_empty());
}
