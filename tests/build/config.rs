//! applinkc.toml: the publish defaults, rule severities and `fail-severity` in build.

use super::*;

#[test]
fn applinkc_toml_gives_client_name_and_app_url_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("tests/data/build/plain.json"), dir.path().join("api-spec.json")).unwrap();
    std::fs::write(
        dir.path().join("applinkc.toml"),
        "[publish]\nclient-name = \"Inventory\"\napp-url = \"https://inventory-from-config.herokuapp.com\"\n",
    )
    .unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    // Found from a sub-folder; the default output is named after the config's client name.
    applinkc_in(&sub)
        .args(["build", "../api-spec.json"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "built Inventory.zip: 4 components in 5 files (zip layout, API 66.0)\nnext, in the org",
        ));
    let files = read_zip(&sub.join("Inventory.zip"));
    let credential = files
        .iter()
        .find(|(p, _)| p == "unpackaged/namedCredentials/Inventory.namedCredential")
        .expect("the named credential");
    let text = String::from_utf8_lossy(&credential.1);
    assert!(text.contains("https://inventory-from-config.herokuapp.com"), "{text}");

    applinkc_in(dir.path())
        .args(["build", "api-spec.json", "--client-name", "Stock"])
        .args(["--app-url", "https://stock.herokuapp.com"])
        .assert()
        .success();
    let files = read_zip(&dir.path().join("Stock.zip"));
    let credential = files
        .iter()
        .find(|(p, _)| p == "unpackaged/namedCredentials/Stock.namedCredential")
        .expect("the named credential");
    assert!(String::from_utf8_lossy(&credential.1).contains("https://stock.herokuapp.com"));

    // Without either, a usage error names both places.
    std::fs::write(
        dir.path().join("applinkc.toml"),
        "[publish]\nclient-name = \"Inventory\"\n",
    )
    .unwrap();
    applinkc_in(dir.path())
        .args(["build", "api-spec.json", "-o", "x.zip"])
        .assert()
        .code(2)
        .stderr("error: build needs --app-url (or `app-url` in [publish] of applinkc.toml): the URL of the Heroku app, https://APP.herokuapp.com\n");
    assert!(!dir.path().join("x.zip").exists());
}

#[test]
fn the_config_changes_what_check_reports_but_not_what_build_cannot_compile() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3
info: {title: \"Quotes\\u0001\", version: '1', description: Reads quotes from the quote service.}
paths:
  /quotes:
    get:
      summary: Lists the quotes
      responses: {'200': {description: OK}}
",
    )
    .unwrap();
    // AL009 turned off and AL203 ignored: check is silent, build still refuses both.
    std::fs::write(
        dir.path().join("applinkc.toml"),
        "[rules]\nAL009 = \"off\"\n\n[[ignore]]\nrule = \"AL203\"\nreason = \"generated spec\"\n",
    )
    .unwrap();
    applinkc_in(dir.path())
        .args(["check", "api-spec.yaml"])
        .assert()
        .success()
        .stdout("0 errors, 0 warnings, 0 infos in 1 file (1 ignored by the config or baseline)\n");
    let output = applinkc_in(dir.path())
        .args([
            "build",
            "api-spec.yaml",
            "--client-name",
            "Q",
            "--app-url",
            "https://q.herokuapp.com",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        json_findings(&output.stdout),
        [
            "error[AL009] api-spec.yaml:2:15 /info/title this string decodes to U+0001, a character XML 1.0 does not allow",
            "error[AL203] api-spec.yaml:5:5 /paths/~1quotes/get GET /quotes has no operationId; its Apex and Flow names are derived from the method and path",
        ]
    );
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["summary"]["ignored"], 0);
    assert!(!dir.path().join("Q.zip").exists());
}

#[test]
fn fail_severity_warning_refuses_a_build_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.zip");
    let (code, findings, stderr) = run(build_cmd(
        &example("tests/data/build/plain.json"),
        "Inventory",
        &out,
        &["--fail-severity", "warning"],
    ));
    assert_eq!(code, 1);
    assert_eq!(
        findings[0],
        "warning[AL204] plain.json:11:24 operationId `get_stock` becomes `getx5fstock` in Apex"
    );
    assert!(
        stderr.ends_with("plain.json has findings at --fail-severity warning or above; nothing was built\n"),
        "{stderr}"
    );
    assert!(!out.exists());
}
