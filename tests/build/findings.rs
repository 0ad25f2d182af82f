//! What build refuses: the findings are check's, at the same places, and nothing is written.

use super::*;

#[test]
fn a_spec_with_errors_is_refused_with_its_findings_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    std::fs::write(&spec, "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n").unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let zip = out.join("out.zip");
    build_cmd(&spec, "T", &zip, &[])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[AL101]"))
        .stderr(predicates::str::contains("nothing was built"));
    assert!(listing(&out).is_empty());
}

#[test]
fn characters_xml_forbids_are_refused_at_their_place_in_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    let text = std::fs::read_to_string(example("tests/data/build/user-plus-eca.yaml"))
        .unwrap()
        .replace("Syncs orders", "Syncs\u{1} orders")
        // An escape that decodes to an illegal character, in a value that goes into a file.
        .replace("title: Order Sync", "title: \"Order \\u000B Sync\"");
    std::fs::write(&spec, text).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // AL009 is a rule of check: build shows exactly check's findings.
    let (code, built, stderr) = run(build_cmd(&spec, "OrderSync", &out.join("o.zip"), &[]));
    assert_eq!(code, 1, "{stderr}");
    let (_, checked, _) = run(check_cmd(&spec, "OrderSync", &[]));
    assert_eq!(built, checked);
    let al009: Vec<&String> = built.iter().filter(|f| f.contains("[AL009]")).collect();
    assert_eq!(
        al009,
        [
            "error[AL009] api-spec.yaml:3:10 this string decodes to U+000B (vertical tab), a character XML 1.0 does not allow",
            "error[AL009] api-spec.yaml:4:21 the spec contains U+0001, a character XML 1.0 does not allow",
        ],
        "{built:#?}"
    );
    assert!(listing(&out).is_empty());
}

#[test]
fn unusable_values_of_build_only_flags_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let spec = example("tests/data/build/plain.json");
    let out = dir.path().join("o.zip");
    for (args, expected) in [
        (
            vec!["--api-version", "58.0"],
            "error: --api-version 58.0 is too old for this publication: PermissionSet as emitted needs 59.0 or later\n",
        ),
        (
            vec!["--api-version", "latest"],
            "error: --api-version `latest` is not a Metadata API version such as `66.0`\n",
        ),
        (
            vec!["--app-url", "http://a.herokuapp.com"],
            "error: --app-url `http://a.herokuapp.com`: must start with https:// (a Heroku app serves HTTPS)\n",
        ),
        (
            vec!["--authorization-connected-app-name", "Legacy"],
            "error: connected app `Legacy` needs a contact email: pass --contact-email (or set info.contact.email in the spec)\n",
        ),
    ] {
        let mut cmd = applinkc();
        cmd.arg("build").arg(&spec).arg("-o").arg(&out);
        cmd.args(["--client-name", "A"]);
        if !args.contains(&"--app-url") {
            cmd.args(["--app-url", "https://a.herokuapp.com"]);
        }
        cmd.args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::ends_with(expected));
        assert!(listing(dir.path()).is_empty());
    }
}

/// A publish flag that `check` reports (AL950, AL906, AL951) is the same finding in build,
/// exit 1; where build is stricter (derived names must fit), its own finding under that id.
#[test]
fn unusable_publish_flags_are_findings_as_in_check() {
    let dir = tempfile::tempdir().unwrap();
    let spec = example("tests/data/build/plain.json");
    let out = dir.path().join("o.zip");
    let long = "A".repeat(41);
    let long_app = format!("App{}", "x".repeat(67));
    for (client, extra, expected) in [
        (
            "Quote Service",
            vec![],
            vec![
                "error[AL950] plain.json:1:1 `--client-name \"Quote Service\"` is not a valid External Service name: it contains a space".to_string(),
                "  help: use `--client-name Quote_Service`".to_string(),
            ],
        ),
        (
            "../x",
            vec![],
            vec![
                "error[AL950] plain.json:1:1 `--client-name ../x` is not a valid External Service name: it starts with `.`, not a letter".to_string(),
                "  help: use `--client-name x`".to_string(),
            ],
        ),
        (
            long.as_str(),
            vec![],
            vec![
                format!("error[AL950] plain.json:1:1 `--client-name {long}` has 41 characters; build derives longer names from it (`{long}Principal`), so at most 40"),
                "  help: use letters, digits and single underscores, start with a letter and do not end with an underscore, at most 40 characters".to_string(),
            ],
        ),
        (
            "Inventory",
            vec!["--authorization-permission-set-name", "inventory"],
            vec![
                "error[AL951] plain.json:1:1 `--authorization-permission-set-name inventory` is the client name: publishing also creates a permission set named `Inventory` for the service".to_string(),
                "  help: give the user-plus permission set its own name, e.g. `<client-name>Permissions` (build needs it: the permission set that grants access to the service is emitted under the client name)".to_string(),
            ],
        ),
        (
            "Inventory",
            vec!["--authorization-external-client-app-name", long_app.as_str()],
            vec![
                format!("error[AL906] plain.json:1:1 `--authorization-external-client-app-name {long_app}` has 70 characters; build names its policies `{long_app}_defaultPolicy`, which must fit in 80, so at most 66"),
                "  help: use letters, digits and single underscores, start with a letter and do not end with an underscore, at most 66 characters".to_string(),
            ],
        ),
    ] {
        let (code, findings, stderr) = run(build_cmd(&spec, client, &out, &extra));
        assert_eq!(code, 1, "{client}: {findings:?} {stderr}");
        let errors: Vec<&String> = findings
            .iter()
            .skip_while(|f| !f.starts_with("error["))
            .take(2)
            .collect();
        assert_eq!(errors, expected.iter().collect::<Vec<_>>(), "{client}: {findings:#?}");
        assert_eq!(findings.iter().filter(|f| f.starts_with("error[")).count(), 1, "{findings:#?}");
        assert!(stderr.ends_with("has errors; nothing was built\n"), "{stderr}");
        assert!(listing(dir.path()).is_empty());
    }
}

#[test]
fn spec_names_that_cannot_be_api_names_are_findings_as_in_check() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    let original = std::fs::read_to_string(example("examples/api-spec.yaml")).unwrap();
    let text = original.replacen("permissionSet: AcmePricingPermissions", "permissionSet: Acme__Perms", 1);
    std::fs::write(&spec, text).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // check's error, once, and exactly as check gives it.
    let (code, built, _) = run(build_cmd(&spec, "AcmePricing", &out.join("o.zip"), &[]));
    assert_eq!(code, 1);
    let (_, checked, _) = run(check_cmd(&spec, "AcmePricing", &[]));
    assert_eq!(built, checked);
    let errors: Vec<&String> = built.iter().filter(|f| f.starts_with("error[")).collect();
    assert_eq!(
        errors,
        [
            "error[AL906] api-spec.yaml:27:28 permission set name `Acme__Perms` is not a valid API name: it contains two consecutive underscores"
        ]
    );
    assert!(listing(&out).is_empty());
}

/// Collisions and a name that differs from its flag are check's errors: build shows exactly
/// check's findings.
#[test]
fn operations_that_cannot_be_named_and_names_that_differ_from_flags_are_findings_as_in_check() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: getQuote
      responses: {'200': {description: OK}}
    post:
      operationId: GetQuote
      responses: {'200': {description: OK}}
  /b:
    get:
      x-sfdc:
        heroku:
          authorization: {permissionSet: SpecPerms}
      responses: {'200': {description: OK}}
",
    )
    .unwrap();
    let out = dir.path().join("out.zip");
    let flags = ["--authorization-permission-set-name", "FlagPerms"];
    let (code, built, _) = run(build_cmd(&spec, "T", &out, &flags));
    assert_eq!(code, 1);
    let (_, checked, _) = run(check_cmd(&spec, "T", &flags));
    assert_eq!(built, checked);
    let errors: Vec<&String> = built.iter().filter(|f| f.starts_with("error[")).collect();
    assert_eq!(
        errors,
        [
            "error[AL202] api-spec.yaml:9:20 operationId `GetQuote` differs from `getQuote` of GET /a (line 6) only in case; Apex names ignore case",
            "error[AL907] api-spec.yaml:15:42 `permissionSet` is `SpecPerms`, but `--authorization-permission-set-name` is `FlagPerms`",
        ]
    );
    // The operation without operationId is check's warning here, not a second finding.
    assert_eq!(built.iter().filter(|f| f.contains("[AL203]")).count(), 1);
    assert!(!out.exists());
}

/// A missing operationId is a warning of check on an operation that is not an agent action;
/// build cannot name the registration's operation without it: the same finding, as an error.
#[test]
fn build_raises_a_warning_it_cannot_build_past_to_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3
info: {title: T, version: '1', description: Reads quotes from the quote service.}
paths:
  /quotes:
    get:
      summary: Lists the quotes
      responses: {'200': {description: OK}}
",
    )
    .unwrap();
    let (code, checked, _) = run(check_cmd(&spec, "T", &[]));
    assert_eq!(code, 0);
    assert_eq!(
        checked,
        [
            "warning[AL203] api-spec.yaml:5:5 GET /quotes has no operationId; its Apex and Flow names are derived from the method and path",
            "  help: add `operationId: getQuotes`: a stable name that does not change with the path",
        ]
    );
    let out = dir.path().join("out.zip");
    let (code, built, stderr) = run(build_cmd(&spec, "T", &out, &[]));
    assert_eq!(code, 1);
    assert_eq!(
        built,
        [
            "error[AL203] api-spec.yaml:5:5 GET /quotes has no operationId; its Apex and Flow names are derived from the method and path",
            "  help: add `operationId: getQuotes`: a stable name that does not change with the path (build needs it: the registration names each operation after its operationId)",
        ]
    );
    assert!(
        stderr.ends_with("api-spec.yaml has errors; nothing was built\n"),
        "{stderr}"
    );
    assert!(!out.exists());
}
