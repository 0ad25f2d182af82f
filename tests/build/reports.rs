//! Build's reports: JSON on standard output, and report files beside the output.

use super::*;

#[test]
fn a_failing_build_reports_in_json_on_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("tests/data/build/plain.json"), dir.path().join("api-spec.json")).unwrap();
    let output = applinkc_in(dir.path())
        .args(["build", "api-spec.json", "--client-name", "Quote Service"])
        .args(["--app-url", "https://a.herokuapp.com", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        json_findings(&output.stdout),
        [
            "error[AL950] api-spec.json:1:1  `--client-name \"Quote Service\"` is not a valid External Service name: it contains a space",
            "warning[AL204] api-spec.json:11:24 /paths/~1stock~1{sku}/get/operationId operationId `get_stock` becomes `getx5fstock` in Apex",
        ]
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: api-spec.json has errors; nothing was built\n"
    );
    assert_eq!(listing(dir.path()), ["api-spec.json"]);
}

#[test]
fn a_successful_build_keeps_standard_output_for_the_report_and_writes_report_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("tests/data/build/plain.json"), dir.path().join("api-spec.json")).unwrap();
    let output = applinkc_in(dir.path())
        .args(["build", "api-spec.json", "--client-name", "Inventory"])
        .args(["--app-url", "https://a.herokuapp.com", "-o", "out.zip"])
        .args([
            "--format",
            "sarif",
            "--report-output",
            "reports/build.sarif",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        json_findings(&output.stdout),
        [
            "warning[AL204] api-spec.json:11:24 /paths/~1stock~1{sku}/get/operationId operationId `get_stock` becomes `getx5fstock` in Apex"
        ]
    );
    // The JSON report says what was built and what remains to do in the org.
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["build"],
        serde_json::json!({
            "outputs": ["out.zip"],
            "layout": "zip",
            "api_version": "66.0",
            "components": 4,
            "files": 5,
            "next_steps": [
                {"kind": "deploy", "title": "deploy the components", "command": "sf project deploy start --metadata-dir out.zip --target-org ORG"},
                {"kind": "token", "title": "set the secret the app checks in `Authorization: Bearer …`: Setup → Named Credentials → External Credentials → Inventory → principal InventoryPrincipal → authentication parameter `token`", "command": null},
                {"kind": "assign", "title": "let users invoke the app: assign the permission set Inventory", "command": "sf org assign permset --name Inventory --target-org ORG"},
            ],
        })
    );
    // The line and the steps that remain go to standard error: standard output is the report.
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "built out.zip: 4 components in 5 files (zip layout, API 66.0)
next, in the org (docs/build.md, \"After deploying\"):
  1. deploy the components
     sf project deploy start --metadata-dir out.zip --target-org ORG
  2. set the secret the app checks in `Authorization: Bearer …`: Setup → Named Credentials → External Credentials → Inventory → principal InventoryPrincipal → authentication parameter `token`
  3. let users invoke the app: assign the permission set Inventory
     sf org assign permset --name Inventory --target-org ORG
"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("reports/build.sarif")).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "AL204");
    assert!(
        read_zip(&dir.path().join("out.zip"))
            .iter()
            .any(|(p, _)| p == "unpackaged/package.xml")
    );
}
