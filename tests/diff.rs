//! `applinkc diff`: each diff rule's fixtures, every kind of input, the real corpus against
//! itself, and the command line (exit codes, a side that does not load).
//!
//! `fixtures/ALDnn/` holds pairs `<case>.old.yaml` + `<case>.new.yaml|json`. `expected.txt` pins
//! every finding of every `fail*` pair, of any diff rule, as
//! `<file>:<line>:<col> <severity> <rule> <pointer> <message>`; a `pass*` pair must give no
//! warning and no error (infos are listed like the rest). `cargo test --test diff ald05` runs
//! one rule's cases; `UPDATE_FIXTURES=1` rewrites the expected files (review the diff).

mod common;

use std::path::{Path, PathBuf};

fn findings(dir: &Path) -> (Vec<String>, Vec<String>) {
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    let mut olds: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".old.yaml"))
        .collect();
    olds.sort();
    assert!(!olds.is_empty(), "{}: no *.old.yaml", dir.display());
    for old in olds {
        let case = old
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".old.yaml")
            .to_string();
        let new = ["yaml", "json"]
            .iter()
            .map(|ext| dir.join(format!("{case}.new.{ext}")))
            .find(|p| p.is_file())
            .unwrap_or_else(|| panic!("{}: no {case}.new.yaml or .json", dir.display()));
        let reports = applinkc::diff::diff(old.to_str().unwrap(), new.to_str().unwrap(), Some("Shipping")).unwrap();
        let mut serious = 0;
        for report in &reports {
            let file = Path::new(&report.source.name)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            for d in &report.diagnostics {
                if d.severity != applinkc::diagnostics::Severity::Info {
                    serious += 1;
                }
                let at = report.start(d);
                lines.push(format!(
                    "{file}:{}:{} {} {} {} {}",
                    at.line, at.col, d.severity, d.rule, d.pointer, d.message
                ));
            }
        }
        if case.starts_with("pass") && serious > 0 {
            problems.push(format!(
                "{}/{case}: a pass case gave {serious} warnings or errors",
                dir.display()
            ));
        }
        if case.starts_with("fail") && serious == 0 && !dir.ends_with("ALD12") {
            problems.push(format!(
                "{}/{case}: a fail case gave no warning or error",
                dir.display()
            ));
        }
    }
    (lines, problems)
}

fn fixture(rule: &str) {
    let dir = common::repo().join("fixtures").join(rule);
    let (lines, problems) = findings(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let actual = lines.join("\n") + "\n";
    let expected_path = dir.join("expected.txt");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(expected, actual, "{rule}: findings differ from expected.txt");
    // The rule of the folder is among them.
    if rule != "ALD12" || lines.iter().any(|l| l.contains(" ALD12 ")) {
        assert!(
            lines.iter().any(|l| l.contains(&format!(" {rule} "))),
            "{rule}: never reported"
        );
    }
}

macro_rules! fixtures {
    ($($name:ident => $rule:literal),* $(,)?) => {
        $(#[test] fn $name() { fixture($rule); })*

        /// Every diff rule has a fixture folder (and a test above).
        #[test]
        fn every_diff_rule_has_fixtures() {
            let tested = [$($rule),*];
            for rule in applinkc::rules::all().iter().filter(|r| r.id.as_str().starts_with("ALD")) {
                assert!(tested.contains(&rule.id.as_str()), "{}: no fixture test", rule.id);
            }
        }
    };
}

fixtures! {
    ald01 => "ALD01", ald02 => "ALD02", ald03 => "ALD03", ald04 => "ALD04",
    ald05 => "ALD05", ald06 => "ALD06", ald07 => "ALD07", ald08 => "ALD08",
    ald09 => "ALD09", ald10 => "ALD10", ald11 => "ALD11", ald12 => "ALD12",
}

use common::applinkc_in as applinkc;

use common::git;

/// `REV:PATH`, a registration file of `build --layout dir`, a built zip and a built folder all
/// give the findings of the two files.
#[test]
fn every_kind_of_input_compares_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = common::repo().join("fixtures/ALD01");
    std::fs::copy(fixtures.join("fail.old.yaml"), dir.path().join("api-spec.yaml")).unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "api-spec.yaml"]);
    git(dir.path(), &["commit", "-q", "-m", "published"]);
    let build = |out: &str, layout: &str| {
        applinkc(dir.path())
            .args([
                "build",
                "api-spec.yaml",
                "--client-name",
                "Shipping",
                "--app-url",
                "https://ship.herokuapp.com",
            ])
            .args(["--layout", layout, "-o", out])
            .assert()
            .success();
    };
    build("built.zip", "zip");
    build("built", "dir");
    build("source", "source");
    std::fs::copy(fixtures.join("fail.new.yaml"), dir.path().join("api-spec.yaml")).unwrap();
    let expected_line =
        |file: &str| format!("error[ALD01]: operation `createShipment` (POST /shipments) is removed\n  --> {file}:");
    for (old, shown) in [
        ("HEAD:api-spec.yaml", "HEAD:api-spec.yaml".to_string()),
        ("built.zip", "built.zip:unpackaged/externalServiceRegistrations/Shipping.externalServiceRegistration <schema>".to_string()),
        ("built", "built/unpackaged/externalServiceRegistrations/Shipping.externalServiceRegistration <schema>".to_string()),
        (
            "built/unpackaged/externalServiceRegistrations/Shipping.externalServiceRegistration",
            "built/unpackaged/externalServiceRegistrations/Shipping.externalServiceRegistration <schema>".to_string(),
        ),
        (
            "source",
            "source/force-app/main/default/externalServiceRegistrations/Shipping.externalServiceRegistration-meta.xml <schema>".to_string(),
        ),
    ] {
        let output = applinkc(dir.path()).args(["diff", old, "api-spec.yaml"]).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{old}: {stdout}{}", String::from_utf8_lossy(&output.stderr));
        assert!(stdout.starts_with(&expected_line(&shown)), "{old}:\n{stdout}");
        assert!(stdout.ends_with("1 error, 0 warnings, 0 infos in 2 files\n"), "{old}:\n{stdout}");
    }
}

#[test]
fn unusable_inputs_exit_2_naming_the_side() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ok.yaml"),
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.yaml"), "openapi: [3.0.3\n").unwrap();
    git(dir.path(), &["init", "-q"]);
    for (old, new, message) in [
        ("ok.yaml", "broken.yaml", "error: NEW: broken.yaml does not load: "),
        (
            "missing.yaml",
            "ok.yaml",
            "error: OLD: missing.yaml: no such file, and not a `REV:PATH` of git\n",
        ),
        (
            "HEAD:ok.yaml",
            "ok.yaml",
            "error: OLD: HEAD:ok.yaml: git cannot show it: ",
        ),
    ] {
        let output = applinkc(dir.path()).args(["diff", old, new]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{old} {new}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with(message), "{old} {new}: {stderr}");
        assert!(output.stdout.is_empty());
    }
}

/// Every real spec against itself: nothing.
#[test]
fn every_real_spec_is_unchanged_against_itself() {
    let Some(shared) = common::shared() else { return };
    for spec in common::files_with(&shared.join("corpus/real"), &["yaml", "yml", "json"]) {
        let path = spec.to_str().unwrap();
        let reports = applinkc::diff::diff(path, path, Some("CorpusApp")).unwrap();
        let found: Vec<&String> = reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .map(|d| &d.message)
            .collect();
        assert!(found.is_empty(), "{path}: {found:?}");
    }
}

/// The corpus keeps an earlier version of two specs (`…@<commit>`): their changes, pinned.
#[test]
fn real_specs_against_their_earlier_versions() {
    let Some(shared) = common::shared() else { return };
    let real = shared.join("corpus/real");
    let mut lines = Vec::new();
    for (old, new) in [
        (
            "heroku-examples__heroku-agentforce-tutorial-java__api-spec@6e7d2c7.yaml",
            "heroku-examples__heroku-agentforce-tutorial-java__api-spec.yaml",
        ),
        (
            "heroku-reference-apps__applink-getting-started-python__api-spec@f58488c.yaml",
            "heroku-reference-apps__applink-getting-started-python__api-spec.yaml",
        ),
    ] {
        lines.push(format!("{old} → {new}"));
        let reports = applinkc::diff::diff(
            real.join(old).to_str().unwrap(),
            real.join(new).to_str().unwrap(),
            Some("Corpus"),
        )
        .unwrap();
        for report in &reports {
            for d in &report.diagnostics {
                let at = report.start(d);
                let file = if report.source.name.ends_with(old) {
                    "OLD"
                } else {
                    "NEW"
                };
                lines.push(format!(
                    "  {file}:{}:{} {}[{}] {}\n    help: {}",
                    at.line,
                    at.col,
                    d.severity,
                    d.rule,
                    d.message,
                    d.help.as_deref().unwrap_or_default()
                ));
            }
        }
    }
    insta::assert_snapshot!("corpus_earlier_versions", lines.join("\n"));
}

/// The console example of the `diff` section of docs/usage.md, run as written.
#[test]
fn the_documented_example_is_what_diff_prints() {
    let readme = std::fs::read_to_string(common::repo().join("docs/usage.md")).unwrap();
    let command = "$ applinkc diff HEAD:api-spec.yaml api-spec.yaml\n";
    let start = readme.find(command).expect("docs/usage.md has the diff example") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(common::repo().join("examples/api-spec.yaml")).unwrap();
    std::fs::write(dir.path().join("api-spec.yaml"), &spec).unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "api-spec.yaml"]);
    git(dir.path(), &["commit", "-q", "-m", "published"]);
    std::fs::write(
        dir.path().join("api-spec.yaml"),
        spec.replace("operationId: getQuote", "operationId: readQuote"),
    )
    .unwrap();
    let output = applinkc(dir.path())
        .args(["diff", "HEAD:api-spec.yaml", "api-spec.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stdout), shown);
}
