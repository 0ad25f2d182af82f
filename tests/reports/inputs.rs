//! What a report covers: the files a folder search reads, a file given twice, and `explain`'s sources.

use super::*;

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
