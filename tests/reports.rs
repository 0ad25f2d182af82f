//! Every report format checked against its definition, through the CLI:
//! SARIF with Microsoft's validator and the SARIF 2.1.0 JSON Schema, JSON against
//! `docs/report.schema.json`, JUnit parsed back, GitHub workflow commands matched exactly.
//! The validators are Node tools installed by `scripts/setup` into `.tools`; without them these
//! checks skip with a message, except under `CI=true`, where they fail.

mod common;

use assert_cmd::Command;
use common::applinkc_in as applinkc;
use std::path::{Path, PathBuf};

/// A folder holding a config that turns off every rule but `keep`, so the expected output
/// does not change when rules are added.
fn workspace(keep: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut config = String::from("[rules]\n");
    for rule in applinkc::rules::all() {
        if !keep.contains(&rule.id.as_str()) && !applinkc::rules::is_load_failure(rule.id) {
            config.push_str(&format!("{} = \"off\"\n", rule.id));
        }
    }
    std::fs::write(dir.path().join("applinkc.toml"), config).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const FLOAT: &str = "openapi: 3.0\ninfo:\n  title: A\n  version: '1'\npaths: {}\n";
const V31: &str =
    "{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": \"B\", \"version\": \"1\"},\n  \"paths\": {}\n}\n";
const CLEAN: &str = "openapi: 3.0.3\ninfo:\n  title: C\n  version: '1'\npaths: {}\n";

/// Three specs (two with an AL101 error, one clean) in a workspace that only runs AL101.
fn three_specs() -> tempfile::TempDir {
    let dir = workspace(&["AL101"]);
    write(dir.path(), "specs/float.yaml", FLOAT);
    write(dir.path(), "specs/v31.json", V31);
    write(dir.path(), "specs/clean.yaml", CLEAN);
    dir
}

fn node_tools() -> Option<PathBuf> {
    let tools = common::repo().join(".tools/node_modules");
    if tools.join("@microsoft/sarif-multitool/package.json").is_file() && tools.join("ajv-formats").is_dir() {
        return Some(tools);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing: scripts/setup installs the validators", tools.display());
    }
    common::skipped(&format!("{} not found; run scripts/setup", tools.display()));
    None
}

/// The SARIF 2.1.0 JSON Schema shipped in the multitool's platform package.
fn sarif_schema(tools: &Path) -> PathBuf {
    ["linux", "darwin", "win32"]
        .iter()
        .map(|os| tools.join(format!("@microsoft/sarif-multitool-{os}/sarif-2.1.0.json")))
        .find(|p| p.is_file())
        .expect("the multitool package ships sarif-2.1.0.json")
}

/// Validates JSON files against a schema with Ajv (scripts/validate-json.cjs).
fn ajv(schema: &Path, files: &[&Path], lax: bool) {
    let mut cmd = std::process::Command::new("node");
    cmd.arg(common::repo().join("scripts/validate-json.cjs"));
    if lax {
        cmd.arg("--lax");
    }
    let out = cmd.arg(schema).args(files).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{} rejected by {}:\n{stdout}{}",
        files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        schema.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn json_report_matches_its_schema_and_is_sorted() {
    let dir = three_specs();
    applinkc(dir.path())
        .args(["check", "specs", "--format", "json", "--output", "report.json"])
        .assert()
        .code(1)
        .stdout("");
    let path = dir.path().join("report.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "applinkc");
    assert_eq!(doc["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let files: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["specs/clean.yaml", "specs/float.yaml", "specs/v31.json"]);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert_eq!(
        findings[0],
        serde_json::json!({
            "rule": "AL101",
            "rule_name": "openapi-version",
            "severity": "error",
            "message": "`openapi` is the number 3.0 here, not a string",
            "help": "quote it and give the patch version: `openapi: \"3.0.3\"`",
            "pointer": "/openapi",
            "file": "specs/float.yaml",
            "start": {"line": 1, "col": 10},
            "end": {"line": 1, "col": 13},
            "bytes": {"start": 9, "end": 12},
            "fix": {
                "title": "quote the version",
                "safety": "safe",
                "edits": [{"start": 9, "end": 12, "text": "\"3.0.3\""}]
            }
        })
    );
    assert_eq!(findings[1]["file"], "specs/v31.json");
    assert_eq!(findings[1]["start"], serde_json::json!({"line": 2, "col": 14}));
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 3, "errors": 2, "warnings": 0, "infos": 0, "ignored": 0})
    );
    if node_tools().is_some() {
        ajv(&common::repo().join("docs/report.schema.json"), &[&path], false);
    }
}

#[test]
fn sarif_report_passes_the_microsoft_validator_and_the_sarif_schema() {
    let dir = three_specs();
    applinkc(dir.path())
        .args(["check", "specs", "--format", "sarif", "--output", "report.sarif"])
        .assert()
        .code(1);
    let path = dir.path().join("report.sarif");
    let log: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), applinkc::rules::all().len(), "every rule is described");
    let al101 = rules.iter().position(|r| r["id"] == "AL101").unwrap();
    assert_eq!(rules[al101]["name"], "OpenapiVersion");
    assert_eq!(rules[al101]["shortDescription"]["text"], "`openapi` is a string 3.0.x.");
    assert_eq!(rules[al101]["defaultConfiguration"]["level"], "error");
    assert!(rules[al101]["help"]["markdown"].as_str().unwrap().contains("## Why"));
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert_eq!(run["invocations"][0]["exitCode"], 1);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "AL101");
    assert_eq!(results[0]["ruleIndex"], al101);
    assert_eq!(results[0]["level"], "error");
    let location = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "specs/float.yaml");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 1, "startColumn": 10, "endLine": 1, "endColumn": 13, "byteOffset": 9, "byteLength": 3})
    );
    assert_eq!(
        run["artifacts"].as_array().unwrap().len(),
        3,
        "clean files are listed too"
    );

    let Some(tools) = node_tools() else { return };
    let out = std::process::Command::new(tools.join(".bin/sarif-multitool"))
        .arg("validate")
        .arg(&path)
        .output()
        .expect("the SARIF multitool runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The multitool exits 0 even when it reports errors: read its report.
    let errors: Vec<&str> = stdout.lines().filter(|l| l.contains(": error ")).collect();
    assert!(
        out.status.success() && stdout.contains("Analysis completed successfully") && errors.is_empty(),
        "sarif-multitool validate failed:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The multitool checks SARIF's rules but not the JSON schema: check that with Ajv.
    ajv(
        &tools.join("@microsoft/sarif-multitool-linux/sarif-2.1.0.json"),
        &[&path],
        true,
    );
}

#[test]
fn sarif_schema_check_catches_a_broken_log() {
    // Guards the guard: the schema check must reject an invalid level.
    let Some(tools) = node_tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.sarif");
    std::fs::write(
        &path,
        r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"A","level":"fatal","message":{"text":"m"}}]}]}"#,
    )
    .unwrap();
    let out = std::process::Command::new("node")
        .arg(common::repo().join("scripts/validate-json.cjs"))
        .arg("--lax")
        .arg(sarif_schema(&tools))
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("/runs/0/results/0/level must be equal to one of the allowed values")
    );
}

#[test]
fn github_annotations_are_exact() {
    let dir = three_specs();
    write(dir.path(), "specs/odd, name:%.yaml", FLOAT);
    let out = applinkc(dir.path())
        .args(["check", "specs", "--format", "github"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let help = "quote it and give the patch version: `openapi: \"3.0.3\"`";
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!(
            "::error file=specs/float.yaml,line=1,col=10,endLine=1,endColumn=13,title=AL101::`openapi` is the number 3.0 here, not a string%0Ahelp: {help}\n\
             ::error file=specs/odd%2C name%3A%25.yaml,line=1,col=10,endLine=1,endColumn=13,title=AL101::`openapi` is the number 3.0 here, not a string%0Ahelp: {help}\n\
             ::error file=specs/v31.json,line=2,col=14,endLine=2,endColumn=21,title=AL101::OpenAPI version `3.1.0` is not supported; External Services accept 3.0.x%0Ahelp: set `openapi: 3.0.3` (for FastAPI: `FastAPI(openapi_version=\"3.0.3\")`)\n"
        )
    );
}

#[test]
fn github_severities_map_to_warning_and_notice() {
    let dir = workspace(&["AL101", "AL003"]);
    std::fs::write(
        dir.path().join("applinkc.toml"),
        std::fs::read_to_string(dir.path().join("applinkc.toml")).unwrap() + "AL101 = \"info\"\n",
    )
    .unwrap();
    write(dir.path(), "a.yaml", FLOAT);
    applinkc(dir.path())
        .args(["check", "a.yaml", "--format", "github"])
        .assert()
        .code(0)
        .stdout(predicates::str::starts_with(
            "::notice file=a.yaml,line=1,col=10,endLine=1,endColumn=13,title=AL101::",
        ));
}

#[test]
fn junit_report_parses_back() {
    let dir = three_specs();
    applinkc(dir.path())
        .args(["check", "specs", "--format", "junit", "--output", "junit.xml"])
        .assert()
        .code(1);
    let text = std::fs::read_to_string(dir.path().join("junit.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("3"));
    assert_eq!(root.attribute("failures"), Some("2"));
    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    let names: Vec<_> = suites.iter().map(|s| s.attribute("name").unwrap()).collect();
    assert_eq!(names, ["specs/clean.yaml", "specs/float.yaml", "specs/v31.json"]);
    // The clean file: one passing test case.
    let clean: Vec<_> = suites[0].children().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(clean.len(), 1);
    assert!(clean[0].children().all(|n| !n.has_tag_name("failure")));
    assert_eq!(suites[0].attribute("failures"), Some("0"));
    // A finding: one failing test case naming rule and location.
    let case = suites[1].children().find(|n| n.has_tag_name("testcase")).unwrap();
    assert_eq!(case.attribute("name"), Some("AL101 specs/float.yaml:1:10"));
    assert_eq!(case.attribute("line"), Some("1"));
    let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("type"), Some("error"));
    assert_eq!(
        failure.attribute("message"),
        Some("`openapi` is the number 3.0 here, not a string")
    );
    assert_eq!(
        failure.text(),
        Some(
            "error[AL101]: `openapi` is the number 3.0 here, not a string\n --> specs/float.yaml:1:10\nat #/openapi\nhelp: quote it and give the patch version: `openapi: \"3.0.3\"`"
        )
    );
}

#[test]
fn one_run_writes_a_file_and_prints_to_the_log() {
    let dir = three_specs();
    applinkc(dir.path())
        .args([
            "check",
            "specs",
            "--format",
            "sarif",
            "--output",
            "a.sarif",
            "--format",
            "human",
            "--format",
            "json",
            "--output",
            "out/a.json",
        ])
        .assert()
        .code(1)
        .stdout(
            predicates::str::starts_with("error[AL101]:")
                .and(predicates::str::ends_with("2 errors, 0 warnings, 0 infos in 3 files\n")),
        );
    assert!(dir.path().join("a.sarif").is_file());
    assert!(dir.path().join("out/a.json").is_file());
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn output_pairing_mistakes_are_usage_errors() {
    let dir = three_specs();
    applinkc(dir.path())
        .args(["check", "specs", "--output", "a.sarif", "--format", "sarif"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`--output a.sarif` must follow the `--format` it is for",
        ));
    applinkc(dir.path())
        .args(["check", "specs", "--format", "sarif", "--output", "a", "--output", "b"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`--format sarif` has two `--output` files"));
    applinkc(dir.path())
        .args(["check", "specs", "--format", "json", "--format", "sarif"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("would both go to standard output"));
    applinkc(dir.path())
        .args(["check", "specs", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn fail_severity_decides_the_exit_code() {
    let dir = three_specs();
    for (fail, code) in [("error", 1), ("never", 0)] {
        applinkc(dir.path())
            .args(["check", "specs", "--format", "json", "--fail-severity", fail])
            .assert()
            .code(code);
    }
    let dir = workspace(&["AL101"]);
    let config = std::fs::read_to_string(dir.path().join("applinkc.toml")).unwrap();
    std::fs::write(dir.path().join("applinkc.toml"), config + "AL101 = \"warning\"\n").unwrap();
    write(dir.path(), "a.yaml", FLOAT);
    for (fail, code) in [("error", 0), ("warning", 1), ("info", 1), ("never", 0)] {
        applinkc(dir.path())
            .args(["check", "a.yaml", "--fail-severity", fail])
            .assert()
            .code(code);
    }
}

/// Many files in several folders, given in different orders: one report, byte-identical,
/// sorted by file then position, checked in parallel.
#[test]
fn batch_reports_are_merged_and_deterministic() {
    let dir = workspace(&["AL101"]);
    let mut names = Vec::new();
    for i in 0..40 {
        let (name, text) = match i % 3 {
            0 => (format!("b/spec{i:02}.yaml"), FLOAT),
            1 => (format!("a/spec{i:02}.json"), V31),
            _ => (format!("c/spec{i:02}.yaml"), CLEAN),
        };
        write(dir.path(), &name, text);
        names.push(name);
    }
    let run = |args: &[&str]| {
        let out = applinkc(dir.path())
            .arg("check")
            .args(args)
            .args(["--format", "json"])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let folders = run(&["c", "a", "b"]);
    let mut reversed: Vec<&str> = names.iter().map(String::as_str).collect();
    reversed.reverse();
    let files = run(&reversed);
    assert_eq!(folders, files, "same findings whatever the order of the inputs");
    let again = run(&["b", "a", "c", "a/spec01.json"]);
    assert_eq!(folders, again, "a file given twice is reported once");
    let doc: serde_json::Value = serde_json::from_str(&folders).unwrap();
    let paths: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert_eq!(doc["summary"]["files"], 40);
    assert_eq!(doc["summary"]["errors"], 27);
}

/// Every fixture of every rule (all kinds of spans: empty, multi-line, keys, loader errors)
/// gives a SARIF log the validator accepts and a JSON report its schema accepts.
#[test]
fn reports_of_every_fixture_are_valid() {
    let Some(tools) = node_tools() else { return };
    let out = tempfile::tempdir().unwrap();
    let sarif = out.path().join("fixtures.sarif");
    let json = out.path().join("fixtures.json");
    let junit = out.path().join("fixtures.xml");
    Command::cargo_bin("applinkc")
        .unwrap()
        .current_dir(common::repo())
        .args([
            "check",
            "fixtures",
            "--fail-severity",
            "never",
            "--format",
            "sarif",
            "--output",
        ])
        .arg(&sarif)
        .args(["--format", "json", "--output"])
        .arg(&json)
        .args(["--format", "junit", "--output"])
        .arg(&junit)
        .assert()
        .code(0);
    let out = std::process::Command::new(tools.join(".bin/sarif-multitool"))
        .arg("validate")
        .arg(&sarif)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Analysis completed successfully") && !stdout.contains(": error "),
        "{stdout}"
    );
    ajv(&sarif_schema(&tools), &[&sarif], true);
    ajv(&common::repo().join("docs/report.schema.json"), &[&json], false);
    let text = std::fs::read_to_string(&junit).unwrap();
    roxmltree::Document::parse(&text).expect("well-formed JUnit XML");
}

/// A typical AppLink app folder: `check .` checks the one spec and lists the JSON and YAML
/// files that are not specs as skipped; a file named on the command line is still checked.
#[test]
fn folder_search_skips_files_that_are_not_specs() {
    let dir = workspace(&["AL100", "AL101"]);
    write(
        dir.path(),
        "package.json",
        "{\"name\": \"quotes\", \"scripts\": {\"start\": \"node index.js\"}, \"dependencies\": {\"express\": \"^4\"}}\n",
    );
    write(
        dir.path(),
        "app.json",
        "{\"name\": \"Quotes\", \"buildpacks\": [{\"url\": \"heroku/nodejs\"}], \"addons\": [\"heroku-applink\"]}\n",
    );
    write(
        dir.path(),
        "docker-compose.yml",
        "services:\n  web:\n    build: .\n    ports: ['3000:3000']\n",
    );
    write(
        dir.path(),
        "tsconfig.json",
        "{\n  // comments: not strict JSON\n  \"strict\": true,\n}\n",
    );
    write(dir.path(), "api-spec.yaml", CLEAN);
    let out = applinkc(dir.path())
        .args(["check", ".", "--format", "json", "--output", "report.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let path = dir.path().join("report.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        doc["files"],
        serde_json::json!([{"path": "api-spec.yaml", "errors": 0, "warnings": 0, "infos": 0}])
    );
    let not_a_spec = "no root `openapi` or `swagger` key: not an OpenAPI spec";
    assert_eq!(
        doc["skipped"],
        serde_json::json!([
            {"path": "app.json", "reason": not_a_spec},
            {"path": "docker-compose.yml", "reason": not_a_spec},
            {"path": "package.json", "reason": not_a_spec},
            {"path": "tsconfig.json", "reason": "does not load and does not mention `openapi` or `swagger`: not an OpenAPI spec"},
        ])
    );
    if node_tools().is_some() {
        ajv(&common::repo().join("docs/report.schema.json"), &[&path], false);
    }
    std::fs::remove_file(&path).unwrap();
    // The human report counts only the spec.
    applinkc(dir.path())
        .args(["check", "."])
        .assert()
        .code(0)
        .stdout(predicates::str::ends_with("0 errors, 0 warnings, 0 infos in 1 file\n"));
    // Named, a file is checked whatever it holds.
    applinkc(dir.path())
        .args(["check", "package.json"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[AL100]"));
    // A folder with no spec at all: exit 2, saying what was skipped.
    std::fs::remove_file(dir.path().join("api-spec.yaml")).unwrap();
    applinkc(dir.path())
        .args(["check", "."])
        .assert()
        .code(2)
        .stderr(
            "error: .: no OpenAPI spec found; 4 .yaml/.yml/.json file(s) without a root `openapi` or `swagger` key were skipped (name a file to check it anyway)\n",
        );
}

/// The same file given by two paths (or named and inside a searched folder) is checked and
/// reported once.
#[test]
fn a_file_given_twice_is_reported_once() {
    let dir = three_specs();
    let out = applinkc(dir.path())
        .args([
            "check",
            "specs/float.yaml",
            "./specs/float.yaml",
            "specs/../specs/float.yaml",
            "specs",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["specs/clean.yaml", "specs/float.yaml", "specs/v31.json"]);
    assert_eq!(doc["summary"]["errors"], 2);
}

/// Control and bidirectional characters from the spec never reach a report raw: `--format
/// github` (a CI log) and `human` (a terminal) show them escaped, JSON and SARIF as `\uXXXX`.
#[test]
fn control_characters_from_the_spec_are_escaped_in_every_format() {
    let dir = workspace(&["AL106"]);
    // Escaped in the JSON text: ESC, NEL (C1), RIGHT-TO-LEFT OVERRIDE; and a raw override in a
    // YAML key, which YAML allows.
    write(
        dir.path(),
        "a.json",
        "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"T\", \"version\": \"1\"}, \"paths\": {\"\\u001b[31mred\\u0085\\u202e\": {}}}\n",
    );
    write(
        dir.path(),
        "b.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  ab\u{202e}cd: {}\n",
    );
    let unsafe_char = |c: char| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c);
    let run = |format: &str| {
        let out = applinkc(dir.path())
            .args(["check", "a.json", "b.yaml", "--color", "always", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let github = run("github");
    assert_eq!(
        github,
        "::error file=a.json,line=1,col=72,endLine=1,endColumn=99,title=AL106::path `\\u{1b}[31mred\\u{85}\\u{202e}` does not start with `/`%0Ahelp: write `/\\u{1b}[31mred\\u{85}\\u{202e}`\n\
         ::error file=b.yaml,line=4,col=3,endLine=4,endColumn=8,title=AL106::path `ab\\u{202e}cd` does not start with `/`%0Ahelp: write `/ab\\u{202e}cd`\n"
    );
    // Human, with colour on (its own escape sequences are the only ones): the messages are
    // escaped and the source line shows the override as U+FFFD.
    let human = run("human");
    let without_colour: String = {
        let mut s = String::new();
        let mut chars = human.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                // Skip the colour sequence `ESC [ … m`.
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                s.push(c);
            }
        }
        s
    };
    assert!(!without_colour.chars().any(unsafe_char), "{without_colour:?}");
    assert!(
        without_colour.contains("path `\\u{1b}[31mred\\u{85}\\u{202e}` does not start with `/`"),
        "{without_colour}"
    );
    assert!(without_colour.contains("4 |   ab\u{fffd}cd: {}"), "{without_colour}");
    for format in ["json", "sarif", "junit", "markdown"] {
        let text = run(format);
        assert!(!text.chars().any(unsafe_char), "{format}: {text:?}");
    }
    // JSON still decodes to the spec's text.
    let doc: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(doc["findings"][0]["pointer"], "/paths/\u{1b}[31mred\u{85}\u{202e}");
}

/// `applinkc explain` resolves the source ids its docs cite, and docs/sources.md is the table
/// they come from.
#[test]
fn explain_prints_what_each_cited_source_is() {
    let out = assert_cmd::Command::cargo_bin("applinkc")
        .unwrap()
        .args(["explain", "AL708"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let tail = &text[text.find("## Sources cited above\n").expect("a sources section")..];
    assert!(
        tail.contains("\n- S20: Salesforce Field Reference, *GenAiPluginDefinition*"),
        "{tail}"
    );
    assert!(tail.contains("\n- S1: Heroku Dev Center, *Configuring OpenAPI Specification for Heroku AppLink* — https://devcenter.heroku.com/articles/openapi-spec-heroku-applink"), "{tail}");
    let table = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/sources.md")).unwrap();
    assert_eq!(
        table,
        applinkc::rules::sources::markdown(),
        "regenerate docs/sources.md"
    );
    // Every id a rule cites is in the table.
    for rule in applinkc::rules::all() {
        for word in rule.docs.split(|c: char| !c.is_ascii_alphanumeric()) {
            if word.len() >= 2 && word.starts_with('S') && word[1..].bytes().all(|b| b.is_ascii_digit()) {
                assert!(
                    applinkc::rules::sources::SOURCES.iter().any(|(id, _)| *id == word),
                    "{}: cites {word}, which docs/sources.md does not list",
                    rule.id
                );
            }
        }
    }
}
