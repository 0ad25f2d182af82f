//! Reports checked against their definitions with the Node validators: JSON against `docs/report.schema.json`, SARIF with Microsoft's validator and the SARIF 2.1.0 schema.

use super::*;

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
