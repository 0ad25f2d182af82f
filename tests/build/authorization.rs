//! The authorization components: `--metadata-dir` files and the `--authorization-…` flags.

use super::*;

#[test]
fn metadata_dir_files_become_the_user_plus_permission_set_and_connected_app() {
    let dir = tempfile::tempdir().unwrap();
    let meta = dir.path().join("meta");
    std::fs::create_dir(&meta).unwrap();
    let permission_set = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <fieldPermissions>\n        <editable>false</editable>\n        <field>Opportunity.Amount</field>\n        <readable>true</readable>\n    </fieldPermissions>\n    <hasActivationRequired>true</hasActivationRequired>\n    <label>Quote Service Permissions</label>\n</PermissionSet>\n";
    std::fs::write(meta.join("permissionset-meta.xml"), permission_set).unwrap();
    let zip = dir.path().join("out.zip");
    let spec = example("tests/data/build/legacy-connected-app.yaml");
    build_cmd(
        &spec,
        "QuoteService",
        &zip,
        &[
            "--metadata-dir",
            meta.to_str().unwrap(),
            "--contact-email",
            "q@example.com",
        ],
    )
    .assert()
    .success();
    let files = read_zip(&zip);
    let given = files
        .iter()
        .find(|(p, _)| p == "unpackaged/permissionsets/QuoteServicePermissions.permissionset")
        .unwrap();
    assert_eq!(given.1, permission_set.as_bytes());

    // Not session-activated: refused, nothing written.
    std::fs::write(
        meta.join("permissionset-meta.xml"),
        permission_set.replace("<hasActivationRequired>true", "<hasActivationRequired>false"),
    )
    .unwrap();
    let out = dir.path().join("second.zip");
    build_cmd(
        &spec,
        "QuoteService",
        &out,
        &[
            "--metadata-dir",
            meta.to_str().unwrap(),
            "--contact-email",
            "q@example.com",
        ],
    )
    .assert()
    .code(2)
    .stderr(predicates::str::contains("must be session-activated"));
    assert!(!out.exists());

    // With the flag too: heroku salesforce:publish refuses that combination (AL953, reported
    // by check when the rule is there, else by build as a usage error).
    let output = build_cmd(
        &spec,
        "QuoteService",
        &out,
        &[
            "--metadata-dir",
            meta.to_str().unwrap(),
            "--authorization-permission-set-name",
            "QuoteServicePermissions",
        ],
    )
    .output()
    .unwrap();
    assert!(!output.status.success());
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text.contains("AL953"), "{text}");
    assert!(!out.exists());
}

/// A connected app named by the flag alone: check's AL904 (at the start of the file, as for
/// every flag finding) is the one warning; build adds none of its own.
#[test]
fn a_connected_app_from_the_flag_alone_has_checks_warning_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.zip");
    let (code, findings, stderr) = run(build_cmd(
        &example("tests/data/build/plain.json"),
        "Inventory",
        &out,
        &[
            "--authorization-connected-app-name",
            "InventoryConnectedApp",
            "--contact-email",
            "ops@example.com",
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    let al904: Vec<&String> = findings.iter().filter(|f| f.contains("[AL904]")).collect();
    assert_eq!(
        al904,
        [
            "warning[AL904] plain.json:1:1 `--authorization-connected-app-name InventoryConnectedApp` creates connected app `InventoryConnectedApp`: Salesforce no longer creates new connected apps"
        ]
    );
    assert_eq!(stderr, "");
    assert!(
        read_zip(&out)
            .iter()
            .any(|(p, _)| p == "unpackaged/connectedApps/InventoryConnectedApp.connectedApp")
    );
}

/// The `--authorization-…` flags change what build emits exactly as they change what a publish
/// creates: without them, the external client app and the permission set the spec names are not
/// emitted (they must exist in the org), and AL908 says so for build too.
#[test]
fn authorization_flags_decide_what_is_emitted() {
    let dir = tempfile::tempdir().unwrap();
    let names = |zip: &Path| -> Vec<String> {
        read_zip(zip)
            .into_iter()
            .map(|(n, _)| n)
            .filter(|n| n.contains("AcmePricingApp") || n.contains("AcmePricingPermissions"))
            .collect()
    };
    let without = dir.path().join("without.zip");
    let (code, found, stderr) = run(build_cmd(
        &example("examples/api-spec.yaml"),
        "AcmePricing",
        &without,
        &[],
    ));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names(&without), Vec::<String>::new());
    assert!(
        found.iter().any(|f| f.starts_with(
            "warning[AL908] api-spec.yaml:26:32 external client app `AcmePricingApp` is not created by this publish"
        )),
        "{found:#?}"
    );
    let with = dir.path().join("with.zip");
    let (code, _, stderr) = run(build_cmd(
        &example("examples/api-spec.yaml"),
        "AcmePricing",
        &with,
        QUICK_START_FLAGS,
    ));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        names(&with),
        [
            "unpackaged/externalClientApps/AcmePricingApp.eca",
            "unpackaged/extlClntAppGlobalOauthSets/AcmePricingApp.ecaGlblOauth",
            "unpackaged/extlClntAppOauthPolicies/AcmePricingApp_defaultPolicy.ecaOauthPlcy",
            "unpackaged/extlClntAppOauthSettings/AcmePricingApp.ecaOauth",
            "unpackaged/extlClntAppPolicies/AcmePricingApp_defaultPolicy.ecaPlcy",
            "unpackaged/permissionsets/AcmePricingPermissions.permissionset",
        ]
    );
}
