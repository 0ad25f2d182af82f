//! Every rule has `fixtures/<RULE>/`: files named `fail*` that must trigger it and files named
//! `pass*` (the nearest valid variants) that must not. `expected.txt` pins each finding of that
//! rule as `file:line:col severity pointer`, followed by `  also file:line:col pointer` for each
//! other place of a grouped finding. `args.txt` (optional) holds publish flags for every
//! file of the folder, e.g. `--client-name Quote --authorization-permission-set-name Perms`;
//! `args-<stem>.txt` replaces it for the one file `<stem>.yaml|json` (for rules about the flags
//! alone, whose pass case differs only in the flags); `--metadata-dir` is relative to the
//! fixture folder.
//!
//! `UPDATE_FIXTURES=1 cargo test --test fixtures` rewrites the expected files (review the diff).

mod common;

use applinkc::check::check_bytes;
use applinkc::flags::{MetadataDir, PublishFlags};
use applinkc::rules;
use std::path::Path;

fn flags_for(dir: &Path, file: &Path) -> PublishFlags {
    let mut flags = PublishFlags::default();
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let own = dir.join(format!("args-{stem}.txt"));
    let args = if own.is_file() { own } else { dir.join("args.txt") };
    let Ok(text) = std::fs::read_to_string(args) else {
        return flags;
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.chunks(2) {
        let value = pair.get(1).map(|s| s.to_string());
        match pair[0] {
            "--client-name" => flags.client_name = value,
            "--authorization-connected-app-name" => flags.connected_app_name = value,
            "--authorization-external-client-app-name" => flags.external_client_app_name = value,
            "--authorization-permission-set-name" => flags.permission_set_name = value,
            "--metadata-dir" => {
                let path = dir.join(value.expect("--metadata-dir needs a value"));
                flags.metadata_dir = Some(MetadataDir::read(&path).expect("metadata dir"));
            }
            other => panic!("{}: unknown flag {other}", dir.display()),
        }
    }
    flags
}

fn findings(dir: &Path, rule: &str) -> (Vec<String>, Vec<String>) {
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut saw_fail = false;
    let mut saw_pass = false;
    for path in files {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        // `fail.yaml.fixed` is what `fail.yaml` becomes after its fixes (see the test below).
        if !(name.starts_with("fail") || name.starts_with("pass")) || name.ends_with(".fixed") {
            continue;
        }
        let flags = flags_for(dir, &path);
        let report = check_bytes(&name, std::fs::read(&path).unwrap(), &flags);
        let mine: Vec<_> = report.diagnostics.iter().filter(|d| d.rule == rule).collect();
        if name.starts_with("fail") {
            saw_fail = true;
            if mine.is_empty() {
                problems.push(format!("{rule}/{name}: expected at least one {rule} finding, got none"));
            }
        } else {
            saw_pass = true;
            if !mine.is_empty() {
                problems.push(format!(
                    "{rule}/{name}: expected no {rule} finding, got: {}",
                    mine[0].message
                ));
            }
        }
        for d in mine {
            let at = report.start(d);
            lines.push(format!("{name}:{}:{} {} {}", at.line, at.col, d.severity, d.pointer));
            for r in &d.related {
                let at = report.source.line_col(r.span.start);
                lines.push(format!("  also {name}:{}:{} {}", at.line, at.col, r.pointer));
            }
        }
    }
    if !saw_fail {
        problems.push(format!("{rule}: no fail* fixture"));
    }
    if !saw_pass {
        problems.push(format!("{rule}: no pass* fixture"));
    }
    (lines, problems)
}

/// Rules whose failing input is too large to keep as a file; tested in `tests/limits.rs`
/// (AL004) and `tests/org_limits.rs` (AL960–AL962).
const GENERATED: &[&str] = &["AL004", "AL960", "AL961", "AL962"];

#[test]
fn every_rule_fires_on_its_fail_fixtures_and_not_on_its_pass_fixtures() {
    let root = common::repo().join("fixtures");
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut problems = Vec::new();
    for rule in rules::all() {
        // The diff rules compare two specs: tests/diff.rs runs their fixtures.
        if GENERATED.contains(&rule.id) || rule.id.starts_with("ALD") {
            continue;
        }
        let dir = root.join(rule.id);
        if !dir.is_dir() {
            problems.push(format!("{}: no fixtures/{} folder", rule.id, rule.id));
            continue;
        }
        let (lines, mut found) = findings(&dir, rule.id);
        problems.append(&mut found);
        let actual = lines.join("\n") + "\n";
        let expected_path = dir.join("expected.txt");
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            problems.push(format!(
                "{}: findings differ from expected.txt\n--- expected\n{expected}--- actual\n{actual}",
                rule.id
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} fixture problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// `fixtures/<RULE>/fail*.fixed` is the file before it (`fail.yaml.fixed` of `fail.yaml`)
/// after every fix, safe and unsafe, in rounds, byte for byte; the fixed text loads and has no
/// finding of that rule with a fix left. A fail file whose finding carries a fix must have one.
#[test]
fn fixes_give_the_fixed_files_byte_for_byte() {
    use applinkc::fix::{Applying, Fixed, fix_source};
    let root = common::repo().join("fixtures");
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut problems = Vec::new();
    let mut seen = 0;
    for rule in rules::all() {
        let dir = root.join(rule.id);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if !name.starts_with("fail") || name.ends_with(".fixed") {
                continue;
            }
            let fixed_path = dir.join(format!("{name}.fixed"));
            let flags = flags_for(&dir, &path);
            // AL011's fixtures are not UTF-8: nothing to fix there.
            let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) else {
                continue;
            };
            let before = check_bytes(&name, text.clone().into_bytes(), &flags);
            let fixable = before.diagnostics.iter().any(|d| d.rule == rule.id && d.fix.is_some());
            if !fixable {
                if fixed_path.exists() {
                    problems.push(format!("{}/{name}: has a .fixed file but no {} fix", rule.id, rule.id));
                }
                continue;
            }
            seen += 1;
            let fixed = match fix_source(&name, &text, &flags, Applying::All) {
                Fixed::Text { text, .. } => text,
                Fixed::Refused { why, .. } => {
                    problems.push(format!("{}/{name}: the fixed text does not load: {why}", rule.id));
                    continue;
                }
            };
            let after = check_bytes(&name, fixed.clone().into_bytes(), &flags);
            if let Some(d) = after.diagnostics.iter().find(|d| d.rule == rule.id && d.fix.is_some()) {
                problems.push(format!(
                    "{}/{name}: still fixable after the fix: {}",
                    rule.id, d.message
                ));
            }
            if update {
                std::fs::write(&fixed_path, &fixed).unwrap();
                continue;
            }
            match std::fs::read(&fixed_path) {
                Ok(expected) if expected == fixed.as_bytes() => {}
                Ok(expected) => problems.push(format!(
                    "{}/{name}: fixed text differs from {name}.fixed\n--- expected\n{}--- actual\n{fixed}",
                    rule.id,
                    String::from_utf8_lossy(&expected)
                )),
                Err(_) => problems.push(format!(
                    "{}/{name}: a fix applies but there is no {name}.fixed",
                    rule.id
                )),
            }
        }
    }
    assert!(seen >= 10, "only {seen} fixable fixtures");
    assert!(
        problems.is_empty(),
        "{} fix problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
