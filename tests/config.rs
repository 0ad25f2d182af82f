//! `applinkc.toml` end to end through the CLI: severity overrides, `off`, `[[ignore]]` entries,
//! baselines (written, then read back), discovery from a subfolder, and bad files (exit 2 with
//! file:line:col).
mod common;

use predicates::prelude::*;
use predicates::str::contains;
use std::path::Path;

/// `[rules]` turning off every rule except `keep`, so outputs stay put as rules are added.
fn only(keep: &[&str]) -> String {
    let mut out = String::from("[rules]\n");
    for rule in applinkc::rules::all() {
        if !keep.contains(&rule.id.as_str()) && !applinkc::rules::is_load_failure(rule.id) {
            out.push_str(&format!("{} = \"off\"\n", rule.id));
        }
    }
    out
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

use common::applinkc_in as applinkc;

const FLOAT: &str = "openapi: 3.0\ninfo:\n  title: A\n  version: '1'\npaths: {}\n";
const V31: &str = "openapi: 3.1.0\ninfo:\n  title: B\n  version: '1'\npaths: {}\n";

fn project(config_extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "applinkc.toml", &(only(&["AL101"]) + config_extra));
    write(dir.path(), "specs/float.yaml", FLOAT);
    write(dir.path(), "specs/legacy/v31.yaml", V31);
    dir
}

fn summary(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = applinkc(dir).arg("check").args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let last = stdout.lines().last().unwrap_or("").to_string();
    (out.status.code().unwrap(), last)
}

#[test]
fn severity_override_and_off() {
    let dir = project("AL101 = \"warning\"\n");
    applinkc(dir.path()).args(["check", "specs"]).assert().code(0).stdout(
        contains("warning[AL101]: `openapi` is the number 3.0 here")
            .and(contains("0 errors, 2 warnings, 0 infos in 2 files\n")),
    );
    let dir = project("AL101 = \"off\"\n");
    assert_eq!(
        summary(dir.path(), &["specs"]),
        (0, "0 errors, 0 warnings, 0 infos in 2 files".into())
    );
}

#[test]
fn config_sets_the_default_fail_severity_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "applinkc.toml",
        &format!("fail-severity = \"warning\"\n{}AL101 = \"warning\"\n", only(&["AL101"])),
    );
    write(dir.path(), "a.yaml", FLOAT);
    applinkc(dir.path()).args(["check", "a.yaml"]).assert().code(1);
    applinkc(dir.path())
        .args(["check", "a.yaml", "--fail-severity", "error"])
        .assert()
        .code(0);
}

#[test]
fn ignore_entries_by_rule_file_glob_and_pointer() {
    let entry = |file: &str, pointer: &str| {
        format!("\n[[ignore]]\nrule = \"AL101\"\nfile = \"{file}\"\npointer = \"{pointer}\"\nreason = \"legacy API\"\n")
    };
    // The glob and the pointer both match: the legacy finding is ignored and counted.
    let dir = project(&entry("specs/legacy/**", "/openapi"));
    let (code, last) = summary(dir.path(), &["specs"]);
    assert_eq!(code, 1);
    assert_eq!(
        last,
        "1 error, 0 warnings, 0 infos in 2 files (1 ignored by the config or baseline)"
    );
    applinkc(dir.path())
        .args(["check", "specs", "--format", "json"])
        .assert()
        .stdout(contains("\"ignored\": 1").and(contains("\"file\": \"specs/legacy").not()));
    // `*` does not cross folders; a pointer elsewhere matches nothing.
    for (file, pointer) in [("specs/*.yaml", "/openapi"), ("specs/legacy/**", "/info")] {
        let dir = project(&entry(file, pointer));
        let (_, last) = summary(dir.path(), &["specs/legacy/v31.yaml"]);
        assert_eq!(last, "1 error, 0 warnings, 0 infos in 1 file", "{file} {pointer}");
    }
    // Without file and pointer an entry covers the rule everywhere.
    let dir = project("\n[[ignore]]\nrule = \"AL101\"\nreason = \"not yet\"\n");
    assert_eq!(
        summary(dir.path(), &["specs"]),
        (
            0,
            "0 errors, 0 warnings, 0 infos in 2 files (2 ignored by the config or baseline)".into()
        )
    );
}

#[test]
fn globs_are_relative_to_the_config_and_it_is_found_from_a_subfolder() {
    let dir = project("\n[[ignore]]\nrule = \"AL101\"\nfile = \"specs/legacy/*.yaml\"\nreason = \"legacy\"\n");
    let sub = dir.path().join("specs/legacy");
    assert_eq!(
        summary(&sub, &["v31.yaml", "../float.yaml"]),
        (
            1,
            "1 error, 0 warnings, 0 infos in 2 files (1 ignored by the config or baseline)".into()
        )
    );
    // --config names another file explicitly.
    write(dir.path(), "other/strict.toml", &only(&["AL101"]));
    assert_eq!(
        summary(&sub, &["v31.yaml", "--config", "../../other/strict.toml"]),
        (1, "1 error, 0 warnings, 0 infos in 1 file".into())
    );
}

#[test]
fn baseline_written_then_read_back() {
    let dir = project("");
    applinkc(dir.path())
        .args(["check", "specs", "--write-baseline", "baseline.toml"])
        .assert()
        .code(0)
        .stderr("wrote 2 baseline entries to baseline.toml\n");
    let baseline = std::fs::read_to_string(dir.path().join("baseline.toml")).unwrap();
    assert!(
        baseline.ends_with(
            "version = 2\n\n\
             [[finding]]\nfile = \"specs/float.yaml\"\nrule = \"AL101\"\nseverity = \"error\"\npointer = \"/openapi\"\n\
             message = \"`openapi` is the number 3.0 here, not a string\"\n\n\
             [[finding]]\nfile = \"specs/legacy/v31.yaml\"\nrule = \"AL101\"\nseverity = \"error\"\npointer = \"/openapi\"\n\
             message = \"OpenAPI version `3.1.0` is not supported; External Services accept 3.0.x\"\n"
        ),
        "{baseline}"
    );
    assert_eq!(
        summary(dir.path(), &["specs", "--baseline", "baseline.toml"]),
        (
            0,
            "0 errors, 0 warnings, 0 infos in 2 files (2 ignored by the config or baseline)".into()
        )
    );
    // A new finding is still reported.
    write(dir.path(), "specs/new.yaml", V31);
    assert_eq!(
        summary(dir.path(), &["specs", "--baseline", "baseline.toml"]),
        (
            1,
            "1 error, 0 warnings, 0 infos in 3 files (2 ignored by the config or baseline)".into()
        )
    );
    // The config can name the baseline (relative to the config's folder).
    let config = std::fs::read_to_string(dir.path().join("applinkc.toml")).unwrap();
    write(
        dir.path(),
        "applinkc.toml",
        &format!("baseline = \"baseline.toml\"\n{config}"),
    );
    let sub = dir.path().join("specs");
    assert_eq!(
        summary(&sub, &["float.yaml", "legacy"]),
        (
            0,
            "0 errors, 0 warnings, 0 infos in 2 files (2 ignored by the config or baseline)".into()
        )
    );
    // Rewriting the baseline ignores the old one, so it still lists every finding.
    applinkc(dir.path())
        .args(["check", "specs", "--write-baseline", "baseline.toml"])
        .assert()
        .code(0)
        .stderr("wrote 3 baseline entries to baseline.toml\n");
}

#[test]
fn the_first_baseline_can_be_written_when_the_config_already_names_it() {
    let dir = project("");
    let config = std::fs::read_to_string(dir.path().join("applinkc.toml")).unwrap();
    write(
        dir.path(),
        "applinkc.toml",
        &format!("baseline = \"ci/baseline.toml\"\n{config}"),
    );
    // Reading it fails while it does not exist...
    applinkc(dir.path())
        .args(["check", "specs"])
        .assert()
        .code(2)
        .stderr(contains("ci/baseline.toml: No such file"));
    // ...but writing it does not need it.
    applinkc(dir.path())
        .args(["check", "specs/float.yaml", "--write-baseline", "ci/baseline.toml"])
        .assert()
        .code(0)
        .stderr("wrote 1 baseline entry to ci/baseline.toml\n");
    assert_eq!(
        summary(dir.path(), &["specs"]),
        (
            1,
            "1 error, 0 warnings, 0 infos in 2 files (1 ignored by the config or baseline)".into()
        )
    );
}

#[test]
fn baseline_file_names_are_plain_paths_not_globs() {
    let dir = project("");
    write(dir.path(), "specs/we[ir]d {1}*.yaml", FLOAT);
    applinkc(dir.path())
        .args(["check", "specs", "--write-baseline", "ci/baseline.toml"])
        .assert()
        .code(0);
    let baseline = std::fs::read_to_string(dir.path().join("ci/baseline.toml")).unwrap();
    assert!(baseline.contains("file = \"../specs/we[ir]d {1}*.yaml\""), "{baseline}");
    assert_eq!(
        summary(dir.path(), &["specs", "--baseline", "ci/baseline.toml"]),
        (
            0,
            "0 errors, 0 warnings, 0 infos in 3 files (3 ignored by the config or baseline)".into()
        )
    );
}

#[test]
fn bad_config_files_are_clear_errors_with_exit_2() {
    let cases = [
        (
            "[rules]\nAL999 = \"off\"\n",
            "applinkc.toml:2:1: unknown rule `AL999`; `applinkc rules` lists them",
        ),
        (
            "[rules]\nAL101 = \"fatal\"\n",
            "applinkc.toml:2:9: severity `fatal` of AL101 is not one of error, warning, info, off",
        ),
        ("[rules\nAL101 = \"off\"\n", "applinkc.toml:1:7: "),
        ("colour = \"always\"\n", "applinkc.toml:1:1: unknown field `colour`"),
        (
            "[publish]\nclient = \"X\"\n",
            "applinkc.toml:2:1: unknown field `client`",
        ),
        (
            "\n[[ignore]]\nrule = \"AL101\"\n",
            "applinkc.toml:2:1: this [[ignore]] entry for AL101 has no `reason`",
        ),
        (
            "[[ignore]]\nrule = \"AL101\"\nreason = \" \"\n",
            "applinkc.toml:3:10: the reason of an [[ignore]] entry is empty",
        ),
        (
            "[[ignore]]\nrule = \"AL101\"\nfile = \"a/[b\"\nreason = \"x\"\n",
            "applinkc.toml:3:8: bad file glob `a/[b`",
        ),
        (
            "[[ignore]]\nrule = \"AL101\"\npointer = \"paths\"\nreason = \"x\"\n",
            "applinkc.toml:3:11: pointer `paths` is not a JSON pointer",
        ),
        (
            "[rules]\nAL010 = \"off\"\n",
            "applinkc.toml:2:1: AL010 reports a file that could not be loaded (nothing else of it was checked); its severity cannot be changed or turned off",
        ),
        (
            "[rules]\nal011 = \"warning\"\n",
            "applinkc.toml:2:1: AL011 reports a file that could not be loaded (nothing else of it was checked); its severity cannot be changed or turned off",
        ),
        (
            "[[ignore]]\nrule = \"AL010\"\nreason = \"generated\"\n",
            "applinkc.toml:2:8: AL010 reports a file that could not be loaded (nothing else of it was checked); it cannot be ignored",
        ),
        (
            "fail-severity = \"loud\"\n",
            "applinkc.toml:1:17: fail-severity `loud` is not one of error, warning, info, never",
        ),
    ];
    for (text, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "applinkc.toml", text);
        write(dir.path(), "a.yaml", FLOAT);
        let out = applinkc(dir.path()).args(["check", "a.yaml"]).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}: {stderr}");
        assert!(
            stderr.starts_with(&format!(
                "error: {}",
                expected.replace("applinkc.toml", &dir.path().join("applinkc.toml").display().to_string())
            )),
            "{text}\n{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn missing_and_bad_config_and_baseline_files_are_errors_with_exit_2() {
    // A missing --config or --baseline file.
    let dir = project("");
    applinkc(dir.path())
        .args(["check", "specs", "--config", "nope.toml"])
        .assert()
        .code(2)
        .stderr(contains("nope.toml: No such file"));
    applinkc(dir.path())
        .args(["check", "specs", "--baseline", "nope.toml"])
        .assert()
        .code(2)
        .stderr(contains("nope.toml: No such file"));
    // A baseline holds only its version and [[finding]] entries.
    write(dir.path(), "b.toml", "version = 2\n[rules]\nAL101 = \"off\"\n");
    applinkc(dir.path())
        .args(["check", "specs", "--baseline", "b.toml"])
        .assert()
        .code(2)
        .stderr(contains(
            "b.toml:2:2: unknown field `rules`, expected `version` or `finding`",
        ));
    write(dir.path(), "b.toml", "version = 3\n");
    applinkc(dir.path())
        .args(["check", "specs", "--baseline", "b.toml"])
        .assert()
        .code(2)
        .stderr(contains(
            "b.toml:1:11: baseline version 3 is not supported; this applinkc reads and writes version 2",
        ));
}

#[test]
fn publish_defaults_come_from_the_config_and_resolve_against_its_folder() {
    // `metadata-dir` is read before checking: a missing folder names the resolved path.
    let dir = project("\n[publish]\nclient-name = \"Acme\"\nmetadata-dir = \"meta\"\n");
    let sub = dir.path().join("specs");
    applinkc(&sub)
        .args(["check", "float.yaml"])
        .assert()
        .code(2)
        .stderr(contains(dir.path().join("meta").display().to_string()));
    // The command line wins.
    std::fs::create_dir(sub.join("m2")).unwrap();
    applinkc(&sub)
        .args(["check", "float.yaml", "--metadata-dir", "m2"])
        .assert()
        .code(1);
}

/// The config example of docs/usage.md parses, says what it means, and works as written beside
/// the bundled example: check, build, bundle and apex need no flag and find nothing.
#[test]
fn the_documented_config_example_is_valid_and_works_beside_the_example() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let usage = std::fs::read_to_string(repo.join("docs/usage.md")).unwrap();
    let start = usage.find("```toml\n").expect("a toml block") + "```toml\n".len();
    let block = &usage[start..start + usage[start..].find("```").unwrap()];
    let config = applinkc::config::Config::parse(Path::new("/repo/applinkc.toml"), block).unwrap();
    assert_eq!(config.fail_severity.as_deref(), Some("warning"));
    assert_eq!(config.baseline, None);
    assert_eq!(
        config.publish.app_url.as_deref(),
        Some("https://acme-pricing.herokuapp.com")
    );
    assert_eq!(config.ignores.len(), 1);
    assert_eq!(
        config.severities.get("AL101"),
        Some(&Some(applinkc::diagnostics::Severity::Warning))
    );

    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "applinkc.toml", block);
    std::fs::create_dir_all(dir.path().join("examples/metadata")).unwrap();
    for file in ["api-spec.yaml", "metadata/permissionset-meta.xml"] {
        std::fs::copy(repo.join("examples").join(file), dir.path().join("examples").join(file)).unwrap();
    }
    let spec = "examples/api-spec.yaml";
    let clean = "0 errors, 0 warnings, 0 infos in 1 file\n";
    for (args, shown) in [
        (vec!["check", spec], clean),
        (vec!["build", spec, "-o", "out.zip"], clean),
        (
            vec!["bundle", spec, "-o", "bundle.zip"],
            "wrote bundle.zip: api-spec.yaml\n",
        ),
    ] {
        let out = applinkc(dir.path()).args(&args).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(0), "{args:?}: {text}");
        assert!(text.contains(shown), "{args:?}: {text}");
    }
    let apex = applinkc(dir.path()).args(["apex", spec]).output().unwrap();
    assert_eq!(apex.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&apex.stdout).contains("`--client-name AcmePricing`"));
}

/// Turning off the duplicate-key (AL002) and BOM (AL003) rules does not turn off the load
/// failures they used to share an id with: a file that does not parse or is not UTF-8 still
/// fails with AL010 / AL011.
#[test]
fn turning_off_duplicate_keys_and_bom_keeps_load_failures() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "applinkc.toml",
        "[rules]\nAL002 = \"off\"\nAL003 = \"off\"\n",
    );
    write(
        dir.path(),
        "dup.yaml",
        "openapi: 3.0.3\ninfo:\n  title: A\n  title: B\n  version: '1'\npaths: {}\n",
    );
    write(dir.path(), "broken.yaml", "openapi: 3.0.3\ninfo: {title: A\n");
    std::fs::write(
        dir.path().join("latin1.yaml"),
        b"\xef\xbb\xbfopenapi: 3.0.3\ninfo: {title: caf\xe9}\n",
    )
    .unwrap();
    let out = applinkc(dir.path())
        .args(["check", "--format", "json", "dup.yaml", "broken.yaml", "latin1.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| ["AL002", "AL003", "AL010", "AL011"].contains(&d["rule"].as_str().unwrap()))
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        vec![
            ("broken.yaml".to_string(), "AL010".to_string()),
            ("latin1.yaml".to_string(), "AL011".to_string()),
        ]
    );
}

/// Writes `text` as `specs/api.yaml`, then the baseline of it, then `later` as the spec; returns
/// the exit code and the findings (`severity[rule] pointer`) of checking `later` against it.
fn against_baseline(text: &str, later: &[u8]) -> (i32, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "specs/api.yaml", text);
    applinkc(dir.path())
        .args(["check", "specs/api.yaml", "--write-baseline", "baseline.toml"])
        .assert()
        .code(0);
    std::fs::write(dir.path().join("specs/api.yaml"), later).unwrap();
    let out = applinkc(dir.path())
        .args([
            "check",
            "specs/api.yaml",
            "--baseline",
            "baseline.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}[{}] {}",
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["pointer"].as_str().unwrap()
            )
        })
        .collect();
    (out.status.code().unwrap(), findings)
}

const QUOTE: &str = r#"openapi: 3.0.3
info:
  title: Quotes
  version: 1.0.0
  description: Generates price quotes.
paths:
  /quote:
    post:
      description: Generates a price quote.
      responses:
        '200':
          description: The quote
"#;

/// A baselined BOM warning (AL003) does not hide that the file later stops being UTF-8.
#[test]
fn a_baselined_bom_does_not_hide_a_file_that_is_not_utf8() {
    let with_bom = format!("\u{feff}{}", QUOTE.replace("operationId", "x"));
    let mut latin1 = with_bom.clone().into_bytes();
    let at = latin1.len() - "quote\n".len();
    latin1[at] = 0xe9;
    let (code, findings) = against_baseline(&with_bom, &latin1);
    assert_eq!(code, 1);
    assert_eq!(findings, ["error[AL011] "]);
}

/// A baselined AL203 warning (no operationId) does not hide the error it becomes when the
/// operation becomes an agent action.
#[test]
fn a_baselined_warning_does_not_hide_the_error_it_becomes() {
    let agent = QUOTE.replace(
        "      description: Generates a price quote.\n",
        "      description: Generates a price quote.\n      x-sfdc:\n        agent:\n          action:\n            publishAsAgentAction: true\n",
    );
    let (code, findings) = against_baseline(QUOTE, agent.as_bytes());
    assert_eq!(code, 1);
    assert!(
        findings.contains(&"error[AL203] /paths/~1quote/post".to_string()),
        "{findings:?}"
    );
    // Unchanged, the warning stays accepted.
    let (code, findings) = against_baseline(QUOTE, QUOTE.as_bytes());
    assert_eq!((code, findings), (0, Vec::<String>::new()));
}

/// A baselined schema-level finding does not hide new findings of the same rule beneath it.
#[test]
fn a_baselined_schema_finding_does_not_hide_new_ones_beneath_it() {
    let schema = format!(
        "{QUOTE}components:\n  schemas:\n    Quote:\n      type: object\n      not: {{type: string}}\n      properties:\n        amount:\n          type: number\n"
    );
    let later = schema.replace(
        "          type: number\n",
        "          type: number\n          not: {type: string}\n",
    );
    let (code, findings) = against_baseline(&schema, later.as_bytes());
    assert_eq!(code, 1);
    let al500: Vec<&String> = findings.iter().filter(|f| f.contains("[AL500]")).collect();
    assert_eq!(al500, ["error[AL500] /components/schemas/Quote/properties/amount/not"]);
}

/// The first baseline format matched by pointer prefix without severity: refused, with how to
/// write it again. A baseline naming a load failure is refused too.
#[test]
fn old_baselines_and_load_failures_in_a_baseline_are_refused() {
    let dir = project("");
    write(
        dir.path(),
        "old.toml",
        "[[ignore]]\nrule = \"AL101\"\nfile = \"specs/float.yaml\"\npointer = \"/openapi\"\nreason = \"baseline: x\"\n",
    );
    applinkc(dir.path())
        .args(["check", "specs", "--baseline", "old.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "error: {}:1:1: this baseline is in the old format ([[ignore]] entries matched by rule, file and pointer prefix, \
             without severity), which can hide new errors; applinkc no longer reads it. Write it again with \
             `applinkc check … --write-baseline {}` (hand-written [[ignore]] entries belong in applinkc.toml)\n",
            dir.path().join("old.toml").display(),
            dir.path().join("old.toml").display()
        ));
    write(
        dir.path(),
        "b.toml",
        "version = 2\n[[finding]]\nfile = \"specs/float.yaml\"\nrule = \"AL010\"\nseverity = \"error\"\npointer = \"\"\nmessage = \"x\"\n",
    );
    applinkc(dir.path())
        .args(["check", "specs", "--baseline", "b.toml"])
        .assert()
        .code(2)
        .stderr(contains(
            "b.toml:4:8: AL010 reports a file that could not be loaded; a baseline cannot accept it",
        ));
    // Writing a baseline of a file that does not load: the file is named, exit 1.
    write(dir.path(), "specs/broken.yaml", "openapi: [\n");
    applinkc(dir.path())
        .args(["check", "specs", "--write-baseline", "new.toml"])
        .assert()
        .code(1)
        .stderr(
            "wrote 2 baseline entries to new.toml\n\
             error: specs/broken.yaml could not be loaded (AL010/AL011) and is not in the baseline; `applinkc check specs/broken.yaml` shows why\n",
        );
}
