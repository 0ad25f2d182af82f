//! `applinkc check --fix`, `--unsafe-fixes` and `--diff` (issue 13), and the properties of
//! fixes: they keep a file loadable, and a second `--fix` changes nothing.

mod common;

use applinkc::check::check_bytes;
use applinkc::diagnostics::Diagnostic;
use applinkc::fix::{self, Applying, Edit, Fix, Fixed};
use applinkc::flags::PublishFlags;

use common::applinkc_in as applinkc;

/// A spec with a safe fix (AL101: `openapi: 3.0`), an unsafe one (AL605: `x-callbacks`) and a
/// comment, and nothing else to report.
const SPEC: &str = "openapi: 3.0 # quoted by --fix\r\n\
info: {title: Quotes, version: 1.0.0, description: Quotes.}\r\n\
paths:\r\n\
\x20 /quotes:\r\n\
\x20   post:\r\n\
\x20     operationId: createQuotes\r\n\
\x20     description: Creates quotes.\r\n\
\x20     responses:\r\n\
\x20       '201': {description: Accepted}\r\n\
\x20     x-callbacks:\r\n\
\x20       done: {'{$request.body#/callbackUrl}': {post: {responses: {'200': {description: OK}}}}}\r\n";

fn spec_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api.yaml"), SPEC).unwrap();
    dir
}

fn rules_of(text: &str) -> Vec<&'static str> {
    let report = check_bytes("api.yaml", text.as_bytes().to_vec(), &PublishFlags::default());
    report.diagnostics.iter().map(|d| d.rule.as_str()).collect()
}

#[test]
fn the_spec_has_the_two_fixable_findings() {
    let rules = rules_of(SPEC);
    assert!(rules.contains(&"AL101") && rules.contains(&"AL605"), "{rules:?}");
}

#[test]
fn fix_applies_the_safe_fixes_in_place_and_reports_what_is_left() {
    let dir = spec_dir();
    let out = applinkc(dir.path())
        .args(["check", "--fix", "api.yaml"])
        .assert()
        .code(0)
        .stderr("applied 1 fix to 1 file\n")
        .get_output()
        .stdout
        .clone();
    let fixed = std::fs::read_to_string(dir.path().join("api.yaml")).unwrap();
    assert_eq!(fixed, SPEC.replacen("openapi: 3.0 ", "openapi: \"3.0.3\" ", 1));
    let stdout = String::from_utf8(out).unwrap();
    assert!(stdout.contains("warning[AL605]"), "{stdout}");
    assert!(
        stdout.contains("= fix: rename `x-callbacks` to `callbacks` (unsafe)"),
        "{stdout}"
    );
    assert!(!stdout.contains("AL101"), "{stdout}");
    assert!(stdout.ends_with("0 errors, 1 warning, 0 infos in 1 file\n"), "{stdout}");
    // No temporary file is left beside the spec.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["api.yaml"]);
    // A second run has nothing left to fix.
    applinkc(dir.path())
        .args(["check", "--fix", "api.yaml"])
        .assert()
        .code(0)
        .stderr("applied 0 fixes to 0 files\n");
    assert_eq!(std::fs::read_to_string(dir.path().join("api.yaml")).unwrap(), fixed);
}

#[test]
fn unsafe_fixes_apply_the_unsafe_ones_too() {
    let dir = spec_dir();
    applinkc(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "api.yaml"])
        .assert()
        .stderr("applied 2 fixes to 1 file\n");
    let fixed = std::fs::read_to_string(dir.path().join("api.yaml")).unwrap();
    let expected = SPEC
        .replacen("openapi: 3.0 ", "openapi: \"3.0.3\" ", 1)
        .replacen("x-callbacks:", "callbacks:", 1);
    assert_eq!(fixed, expected);
    let rules = rules_of(&fixed);
    assert!(!rules.contains(&"AL101") && !rules.contains(&"AL605"), "{rules:?}");
}

#[test]
fn diff_prints_what_fix_would_change_and_writes_nothing() {
    let dir = spec_dir();
    applinkc(dir.path())
        .args(["check", "--diff", "api.yaml"])
        .assert()
        .code(1)
        .stdout(
            "--- a/api.yaml\n+++ b/api.yaml\n@@ -1,4 +1,4 @@\n\
             -openapi: 3.0 # quoted by --fix\r\n\
             +openapi: \"3.0.3\" # quoted by --fix\r\n \
             info: {title: Quotes, version: 1.0.0, description: Quotes.}\r\n \
             paths:\r\n   \
             /quotes:\r\n",
        )
        .stderr("would apply 1 fix to 1 file\n");
    assert_eq!(std::fs::read_to_string(dir.path().join("api.yaml")).unwrap(), SPEC);
    // With the unsafe fixes: two hunks.
    let out = applinkc(dir.path())
        .args(["check", "--diff", "--unsafe-fixes", "api.yaml"])
        .assert()
        .code(1)
        .stderr("would apply 2 fixes to 1 file\n")
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("-      x-callbacks:\r\n+      callbacks:\r\n"), "{out}");
    assert_eq!(std::fs::read_to_string(dir.path().join("api.yaml")).unwrap(), SPEC);
}

#[test]
fn diff_of_a_file_without_fixes_is_empty_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("v31.json"), "{\"openapi\": \"3.1.0\", \"paths\": {}}\n").unwrap();
    applinkc(dir.path())
        .args(["check", "--diff", "v31.json"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("would apply 0 fixes to 0 files\n");
}

#[test]
fn unsafe_fixes_alone_and_fix_with_a_baseline_are_usage_errors() {
    let dir = spec_dir();
    applinkc(dir.path())
        .args(["check", "--unsafe-fixes", "api.yaml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--unsafe-fixes needs --fix or --diff"));
    applinkc(dir.path())
        .args(["check", "--fix", "--write-baseline", "b.json", "api.yaml"])
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(dir.path().join("api.yaml")).unwrap(), SPEC);
}

#[test]
fn an_ignored_finding_is_not_fixed() {
    let dir = spec_dir();
    std::fs::write(dir.path().join("applinkc.toml"), "[rules]\nAL101 = \"off\"\n").unwrap();
    applinkc(dir.path())
        .args(["check", "--fix", "api.yaml"])
        .assert()
        .stderr("applied 0 fixes to 0 files\n");
    assert_eq!(std::fs::read_to_string(dir.path().join("api.yaml")).unwrap(), SPEC);
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_permissions_and_follows_a_symbolic_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = spec_dir();
    let spec = dir.path().join("api.yaml");
    std::fs::set_permissions(&spec, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("api.yaml", dir.path().join("link.yaml")).unwrap();
    applinkc(dir.path())
        .args(["check", "--fix", "link.yaml"])
        .assert()
        .code(0);
    assert!(
        std::fs::symlink_metadata(dir.path().join("link.yaml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&spec)
            .unwrap()
            .starts_with("openapi: \"3.0.3\"")
    );
    assert_eq!(std::fs::metadata(&spec).unwrap().permissions().mode() & 0o777, 0o640);
}

/// The loader's verdict on a fixed text, as `check --fix` asks it.
fn loads(text: &str) -> Result<Vec<Diagnostic>, String> {
    let report = check_bytes("api.yaml", text.as_bytes().to_vec(), &PublishFlags::default());
    match report
        .diagnostics
        .iter()
        .find(|d| applinkc::rules::is_load_failure(d.rule))
    {
        Some(d) => Err(format!("{}: {}", d.rule, d.message)),
        None => Ok(report.diagnostics),
    }
}

#[test]
fn a_fix_whose_text_would_not_load_is_refused() {
    let mut findings = check_bytes("api.yaml", SPEC.as_bytes().to_vec(), &PublishFlags::default()).diagnostics;
    // A broken fix: it removes the closing brace of the `info` flow mapping.
    let at = SPEC.find("Quotes.}").unwrap() + "Quotes.".len();
    findings[0].fix = Some(Fix::safe(
        "break it",
        vec![Edit::delete(applinkc::source::Span::new(at, at + 1))],
    ));
    match fix::fix_text(SPEC, &findings, Applying::Safe, loads) {
        Fixed::Refused { round, why } => {
            assert_eq!(round, 1);
            assert!(why.starts_with("AL010: "), "{why}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Every real spec: applying every fix (safe and unsafe) keeps it loadable, each fix removes
/// its finding, and fixing the fixed text again changes nothing.
#[test]
fn fixes_on_the_real_corpus_keep_it_loadable_and_are_idempotent() {
    let Some(shared) = common::shared() else { return };
    let files = common::files_with(&shared.join("corpus/real"), &["yaml", "yml", "json"]);
    assert!(!files.is_empty());
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        for applying in [Applying::Safe, Applying::All] {
            let fixed = match fix::fix_source(&name, &text, &PublishFlags::default(), applying) {
                Fixed::Text { text, .. } => text,
                Fixed::Refused { why, .. } => panic!("{name}: fixed text does not load: {why}"),
            };
            match fix::fix_source(&name, &fixed, &PublishFlags::default(), applying) {
                Fixed::Text { text, applied, .. } => {
                    assert_eq!(applied, 0, "{name}: a second fix applied something");
                    assert_eq!(text, fixed);
                }
                Fixed::Refused { why, .. } => panic!("{name}: {why}"),
            }
        }
    }
}

/// The same on variants of the corpus specs that every fixable rule fires on: a BOM, a number
/// version, `x-callbacks` on the first operation; with CRLF line endings or not.
#[test]
fn fixes_on_broken_variants_of_the_corpus_keep_it_loadable_and_are_idempotent() {
    let Some(shared) = common::shared() else { return };
    let files = common::files_with(&shared.join("corpus/real"), &["yaml", "yml"]);
    let mut fixed_some = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let Some(version) = text.lines().find(|l| l.starts_with("openapi:")) else {
            continue;
        };
        let broken = format!("\u{feff}{}", text.replacen(version, "openapi: 3.0", 1));
        for variant in [broken.clone(), broken.replace("\r\n", "\n").replace('\n', "\r\n")] {
            let before = rules_of(&variant);
            assert!(
                before.contains(&"AL003") && before.contains(&"AL101"),
                "{name}: {before:?}"
            );
            let fixed = match fix::fix_source(&name, &variant, &PublishFlags::default(), Applying::Safe) {
                Fixed::Text { text, applied, .. } => {
                    assert!(applied >= 2, "{name}");
                    text
                }
                Fixed::Refused { why, .. } => panic!("{name}: {why}"),
            };
            let after = rules_of(&fixed);
            assert!(
                !after.contains(&"AL003") && !after.contains(&"AL101"),
                "{name}: {after:?}"
            );
            assert!(matches!(
                fix::fix_source(&name, &fixed, &PublishFlags::default(), Applying::Safe),
                Fixed::Text { applied: 0, .. }
            ));
            fixed_some += 1;
        }
    }
    assert!(fixed_some > 0, "no corpus spec has an `openapi:` line");
}

fn fixes_of(dir: &str, file: &str, rule: &str) -> Vec<(String, fix::Safety)> {
    let path = common::repo().join("fixtures").join(dir).join(file);
    let report = check_bytes(file, std::fs::read(path).unwrap(), &PublishFlags::default());
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .filter_map(|d| d.fix.as_ref())
        .map(|f| (f.title.clone(), f.safety))
        .collect()
}

#[test]
fn writing_false_is_safe_and_writing_true_unsafe() {
    use fix::Safety::{Safe, Unsafe};
    assert_eq!(
        fixes_of("AL804", "fail-schema.yaml", "AL804"),
        [
            ("write the boolean `false`".to_string(), Safe),
            ("write the boolean `true`".to_string(), Unsafe)
        ]
    );
}

#[test]
fn the_external_client_app_fix_is_unsafe_and_names_the_flag() {
    assert_eq!(
        fixes_of("AL904", "fail-connected-app.yaml", "AL904"),
        [(
            "rename `connectedApp` to `externalClientApp` (then publish with `--authorization-external-client-app-name QuoteConnectedApp`)"
                .to_string(),
            fix::Safety::Unsafe
        )]
    );
    // One fix renames the key in both operations that use the app.
    let path = common::repo().join("fixtures/AL904/fail-connected-app.yaml");
    let report = check_bytes("a.yaml", std::fs::read(path).unwrap(), &PublishFlags::default());
    let d = report.diagnostics.iter().find(|d| d.rule == "AL904").unwrap();
    assert_eq!(d.fix.as_ref().unwrap().edits.len(), 2);
}

#[test]
fn fix_on_a_folder_rewrites_only_the_files_with_fixes_and_exits_1_on_errors_left() {
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path().join("specs");
    std::fs::create_dir(&specs).unwrap();
    let bom = "\u{feff}{\"openapi\": \"3.1.0\", \"paths\": {}}\n";
    std::fs::write(specs.join("a.json"), bom).unwrap();
    std::fs::write(specs.join("b.yaml"), SPEC).unwrap();
    std::fs::write(specs.join("package.json"), "{\"name\": \"x\"}\n").unwrap();
    let out = applinkc(dir.path())
        .args(["check", "--fix", "specs"])
        .assert()
        .code(1)
        .stderr("applied 2 fixes to 2 files\n")
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("error[AL101]: OpenAPI version `3.1.0` is not supported"),
        "{out}"
    );
    assert!(!out.contains("AL003"), "{out}");
    assert_eq!(
        std::fs::read_to_string(specs.join("a.json")).unwrap(),
        "{\"openapi\": \"3.1.0\", \"paths\": {}}\n"
    );
    assert!(
        std::fs::read_to_string(specs.join("b.yaml"))
            .unwrap()
            .starts_with("openapi: \"3.0.3\"")
    );
    assert_eq!(
        std::fs::read_to_string(specs.join("package.json")).unwrap(),
        "{\"name\": \"x\"}\n"
    );
}

/// `applinkc rules` shows which rules fix: exactly those whose fixtures have `.fixed` files.
#[test]
fn the_rule_list_names_the_rules_that_fix() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut with_fixed: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let has_fixed = std::fs::read_dir(&dir)
            .map(|d| d.flatten().any(|f| f.path().to_string_lossy().ends_with(".fixed")))
            .unwrap_or(false);
        if has_fixed {
            with_fixed.push(dir.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    with_fixed.sort();
    let listed: Vec<String> = applinkc::rules::FIXABLE
        .iter()
        .map(|(rule, _)| rule.id.to_string())
        .collect();
    assert_eq!(with_fixed, listed);
    let out = assert_cmd::Command::cargo_bin("applinkc")
        .unwrap()
        .arg("rules")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().find(|l| l.starts_with("AL101 ")).unwrap();
    assert_eq!(line, "AL101  error    fix:safe/unsafe `openapi` is a string 3.0.x");
}
