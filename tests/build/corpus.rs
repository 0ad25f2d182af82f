//! The real corpus (`../shared`): schema validity (xmllint against the 66.0 WSDL) and
//! source-deploy-retrieve recognition.

use super::common::have;
use super::*;

/// Builds every real spec that `check` passes without errors (or only those whose file name
/// starts with one of `only`); returns the zips.
fn build_corpus(shared: &Path, out: &Path, only: &[&str]) -> Vec<PathBuf> {
    let files = common::files_with(&shared.join("corpus/real"), &["yaml", "yml", "json"]);
    assert_eq!(files.len(), 21);
    let mut zips = Vec::new();
    for spec in &files {
        let name = spec.file_name().unwrap().to_string_lossy();
        if !only.is_empty() && !only.iter().any(|o| name.starts_with(o)) {
            continue;
        }
        let report = applinkc::check::check_file(spec, &Default::default()).unwrap();
        if report
            .diagnostics
            .iter()
            .any(|d| d.severity == applinkc::diagnostics::Severity::Error)
        {
            eprintln!("{}: has errors, not built", spec.display());
            continue;
        }
        let zip = out.join(format!("{}.zip", spec.file_name().unwrap().to_string_lossy()));
        build_cmd(
            spec,
            "CorpusApp",
            &zip,
            &["--contact-email", "integrations@example.com"],
        )
        .assert()
        .success();
        zips.push(zip);
    }
    zips
}

#[test]
fn every_real_spec_builds_into_schema_valid_metadata() {
    let Some(shared) = common::shared() else { return };
    if !have("xmllint") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut zips = build_corpus(&shared, dir.path(), &[]);
    assert!(zips.len() >= 21, "every real spec builds");
    for (spec, client) in [
        ("tests/data/build/plain.json", "Inventory"),
        ("tests/data/build/user-plus-eca.yaml", "OrderSync"),
        ("examples/api-spec.yaml", "AcmePricing"),
    ] {
        let zip = dir.path().join(format!("{client}.zip"));
        build_cmd(&example(spec), client, &zip, &[]).assert().success();
        zips.push(zip);
    }
    let output = std::process::Command::new(shared.join("tools/sf-schema-check"))
        .args(&zips)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "sf-schema-check failed:\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.trim_end().ends_with("files valid"), "{stdout}");
}

#[test]
fn source_deploy_retrieve_recognises_exactly_the_listed_components() {
    let Some(shared) = common::shared() else { return };
    if !have("node") || !have("npm") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // One sdr-check run takes about 1 s (9 s for the first, which installs the library), so a
    // selection covers each shape: topic + actions + connected app, external client app,
    // JSON specs, a plain spec.
    let zips = build_corpus(
        &shared,
        dir.path(),
        &[
            "aagnone-sfhk__data-cloud-inspector",
            "heroku-reference-apps__applink-getting-started-python__api-spec.yaml",
            "heroku-examples__heroku-agentforce-tutorial-python",
            "sfdcarter__heroku-integration-fastapi",
            "heroku-examples__jj-applink-express-hello",
        ],
    );
    assert_eq!(zips.len(), 5);
    let sdr = shared.join("tools/sdr-check");
    for zip in &zips {
        let output = std::process::Command::new(&sdr).arg(zip).output().unwrap();
        assert!(
            output.status.success(),
            "{}: sdr-check failed:\n{}{}",
            zip.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // --layout source gives the files of SDR's own conversion.
    for (spec, client) in [
        ("tests/data/build/plain.json", "Inventory"),
        ("tests/data/build/user-plus-eca.yaml", "OrderSync"),
        ("examples/api-spec.yaml", "AcmePricing"),
    ] {
        let zip = dir.path().join(format!("{client}.zip"));
        let source = dir.path().join(format!("{client}-source"));
        let converted = dir.path().join(format!("{client}-converted"));
        build_cmd(&example(spec), client, &zip, &[]).assert().success();
        build_cmd(&example(spec), client, &source, &["--layout", "source"])
            .assert()
            .success();
        let output = std::process::Command::new(&sdr)
            .arg(&zip)
            .arg(&converted)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
        // SDR writes <out>/<package name>/main/default/…
        let package = std::fs::read_dir(&converted).unwrap().next().unwrap().unwrap().path();
        assert_eq!(
            read_tree(&source.join("force-app/main/default")),
            read_tree(&package.join("main/default")),
            "{spec}: --layout source differs from SDR's conversion"
        );
    }
}
