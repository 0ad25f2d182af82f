//! The complete file sets of a few specs, pinned as snapshots, and the README's quick start.

use super::*;

#[test]
fn snapshot_plain_json_spec() {
    let (files, _, _dir) = build_all_layouts(&example("tests/data/build/plain.json"), "Inventory", &[]);
    insta::assert_snapshot!("plain", render_files(&files));
}

#[test]
fn snapshot_user_plus_with_external_client_app() {
    // With the flags that make publishing create the app and the permission set the spec names.
    let (files, _, _dir) = build_all_layouts(
        &example("tests/data/build/user-plus-eca.yaml"),
        "OrderSync",
        &[
            "--authorization-external-client-app-name",
            "OrderSyncApp",
            "--authorization-permission-set-name",
            "OrderSyncPermissions",
        ],
    );
    insta::assert_snapshot!("user_plus_eca", render_files(&files));
}

#[test]
fn snapshot_agent_topic_and_actions() {
    // The README's quick-start command.
    let (files, _, _dir) = build_all_layouts(&example("examples/api-spec.yaml"), "AcmePricing", QUICK_START_FLAGS);
    insta::assert_snapshot!("agent_topic_and_actions", render_files(&files));
}

#[test]
fn snapshot_legacy_connected_app_with_its_warning() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.zip");
    let assert = build_cmd(
        &example("tests/data/build/legacy-connected-app.yaml"),
        "QuoteService",
        &out,
        &[
            "--contact-email",
            "quotes@example.com",
            "--authorization-connected-app-name",
            "QuoteServiceConnectedApp",
            "--authorization-permission-set-name",
            "QuoteServicePermissions",
        ],
    )
    .assert()
    .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    // check's AL904, once: build adds no second wording of it.
    let al904: Vec<String> = findings_of(&stdout)
        .into_iter()
        .filter(|f| f.contains("[AL904]"))
        .collect();
    assert_eq!(
        al904,
        [
            "warning[AL904] legacy-connected-app.yaml:15:13 connected app `QuoteServiceConnectedApp`: Salesforce no longer creates new connected apps"
        ],
        "{stdout}"
    );
    insta::assert_snapshot!("legacy_connected_app", render_files(&read_zip(&out)));
}

#[test]
fn readme_quick_start_command_works() {
    let dir = tempfile::tempdir().unwrap();
    applinkc()
        .current_dir(dir.path())
        .args(["build"])
        .arg(example("examples/api-spec.yaml"))
        .args([
            "--client-name",
            "AcmePricing",
            "--app-url",
            "https://acme-pricing.herokuapp.com",
            "-o",
            "acme-pricing.zip",
        ])
        .args(QUICK_START_FLAGS)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "built acme-pricing.zip: 12 components in 15 files (zip layout, API 66.0)",
        ));
    assert_eq!(listing(dir.path()), ["acme-pricing.zip"]);
}
