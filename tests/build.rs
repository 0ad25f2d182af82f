//! `applinkc build`: the complete file set of a few specs pinned as snapshots; schema validity
//! (xmllint against the 66.0 WSDL) and source-deploy-retrieve recognition over the real corpus;
//! deterministic bytes; the three layouts agree; failures leave nothing behind; `--force`.

mod common;

use assert_cmd::Command;
use common::{applinkc, applinkc_in};
use predicates::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};

type Files = Vec<(String, Vec<u8>)>;

/// The publish flags of the README's quick start: they make build emit the external client app
/// and the permission set the example names, as they make publishing create them.
const QUICK_START_FLAGS: &[&str] = &[
    "--authorization-external-client-app-name",
    "AcmePricingApp",
    "--authorization-permission-set-name",
    "AcmePricingPermissions",
];

/// The `build` command line for a spec; `extra` adds flags.
fn build_cmd(spec: &Path, client: &str, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = applinkc();
    cmd.arg("build")
        .arg(spec)
        .args([
            "--client-name",
            client,
            "--app-url",
            "https://example-app.herokuapp.com",
            "-o",
        ])
        .arg(out)
        .args(extra)
        .env("NO_COLOR", "1");
    cmd
}

/// The findings of a human report, one line each: `error[AL202] api-spec.yaml:9:20 message`
/// (the file without its folder), followed by `  help: …` when the finding has help.
fn findings_of(stdout: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut head: Option<String> = None;
    for line in stdout.lines() {
        let trimmed = line.trim_start();
        if let Some((sev, rest)) = line.split_once('[')
            && ["error", "warning", "info"].contains(&sev)
            && let Some((id, message)) = rest.split_once("]: ")
        {
            head = Some(format!("{sev}[{id}] {{at}} {message}"));
        } else if let (Some(location), Some(h)) = (trimmed.strip_prefix("--> "), head.take()) {
            let file = location.rsplit('/').next().unwrap_or(location);
            out.push(h.replace("{at}", file));
        } else if let Some(help) = trimmed.strip_prefix("= help: ") {
            out.push(format!("  help: {help}"));
        }
    }
    out
}

/// Runs a command; returns its exit code, the findings of its human report and its stderr.
fn run(mut cmd: Command) -> (i32, Vec<String>, String) {
    let output = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (
        output.status.code().unwrap_or(-1),
        findings_of(&stdout),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `applinkc check` with the flags `build_cmd` gives build.
fn check_cmd(spec: &Path, client: &str, extra: &[&str]) -> Command {
    let mut cmd = applinkc();
    cmd.arg("check")
        .arg(spec)
        .args(["--client-name", client])
        .args(extra)
        .env("NO_COLOR", "1");
    cmd
}

fn read_zip(path: &Path) -> Files {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        assert!(entry.is_file(), "{name}: directory entry");
        assert_eq!(entry.unix_mode(), Some(0o100644), "{name}");
        let time = entry.last_modified().expect("a timestamp");
        assert_eq!(
            (
                time.year(),
                time.month(),
                time.day(),
                time.hour(),
                time.minute(),
                time.second()
            ),
            (1980, 1, 1, 0, 0, 0),
            "{name}"
        );
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        out.push((name, bytes));
    }
    out
}

fn read_tree(dir: &Path) -> Files {
    fn walk(base: &Path, dir: &Path, out: &mut Files) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file of a build, path then content: what the snapshots pin.
fn render_files(files: &Files) -> String {
    let mut out = String::new();
    for (path, bytes) in files {
        out.push_str(&format!("=== {path}\n"));
        out.push_str(&String::from_utf8_lossy(bytes));
        if !bytes.ends_with(b"\n") {
            out.push_str("\n(no final newline)\n");
        }
    }
    out
}

/// The mdapi path of a source-format path (`force-app/main/default/x/A.t-meta.xml` →
/// `unpackaged/x/A.t`; bundles keep their names).
fn mdapi_path(source: &str) -> String {
    let rel = source.strip_prefix("force-app/main/default/").unwrap();
    let rel = if rel.starts_with("genAiFunctions/") {
        rel.to_string()
    } else {
        rel.strip_suffix("-meta.xml").unwrap_or(rel).to_string()
    };
    format!("unpackaged/{rel}")
}

/// Builds `spec` in all three layouts and twice as a zip; checks the layouts agree and the
/// zips are byte-identical; returns the zip's files.
fn build_all_layouts(spec: &Path, client: &str, extra: &[&str]) -> (Files, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let zip1 = dir.path().join("one.zip");
    let zip2 = dir.path().join("two.zip");
    build_cmd(spec, client, &zip1, extra).assert().success();
    build_cmd(spec, client, &zip2, extra).assert().success();
    assert_eq!(
        std::fs::read(&zip1).unwrap(),
        std::fs::read(&zip2).unwrap(),
        "two builds of the same input must give byte-identical zips"
    );
    let files = read_zip(&zip1);
    let mut sorted = files.clone();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    assert_eq!(
        files.iter().map(|f| &f.0).collect::<Vec<_>>(),
        sorted.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "zip entries are sorted"
    );

    let as_dir = dir.path().join("dir");
    build_cmd(spec, client, &as_dir, &[extra, &["--layout", "dir"]].concat())
        .assert()
        .success();
    assert_eq!(read_tree(&as_dir), files, "--layout dir holds the zip's tree");

    let as_source = dir.path().join("source");
    build_cmd(spec, client, &as_source, &[extra, &["--layout", "source"]].concat())
        .assert()
        .success();
    let source = read_tree(&as_source);
    let project = source
        .iter()
        .find(|(p, _)| p == "sfdx-project.json")
        .expect("sfdx-project.json");
    assert!(String::from_utf8_lossy(&project.1).contains("\"sourceApiVersion\": \"66.0\""));
    let mut mapped: Files = source
        .iter()
        .filter(|(p, _)| p != "sfdx-project.json")
        .map(|(p, b)| (mdapi_path(p), b.clone()))
        .collect();
    mapped.sort();
    let mut without_manifest: Files = files
        .iter()
        .filter(|(p, _)| p != "unpackaged/package.xml")
        .cloned()
        .collect();
    without_manifest.sort();
    assert_eq!(
        mapped, without_manifest,
        "--layout source holds the same files in source format"
    );
    (files, zip1, dir)
}

fn example(path: &str) -> PathBuf {
    common::repo().join(path)
}

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

use common::have;

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
fn an_unwritable_output_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("file");
    std::fs::write(&not_a_folder, "x").unwrap();
    build_cmd(
        &example("tests/data/build/plain.json"),
        "Inventory",
        &not_a_folder.join("out.zip"),
        &[],
    )
    .assert()
    .code(2)
    // The message names the folder that cannot be made, not an internal temporary name.
    .stderr(predicates::str::contains(format!(
        "error: {}: is a file, so the folder for {} cannot be made",
        not_a_folder.display(),
        not_a_folder.join("out.zip").display()
    )))
    .stderr(predicates::str::contains(".applinkc-").not());
    assert_eq!(listing(dir.path()), ["file"]);
}

#[test]
fn template_errors_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let cases = [
        ("PermissionSet.xml", "{{ no_such_field }}", "undefined"),
        (
            "PermissionSet.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>\n",
            "the root element is <Package>, expected <PermissionSet>",
        ),
        (
            "PermissionSet.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PermissionSet>\n",
            "rendered invalid XML",
        ),
        ("PermissionSet.xml", "{{ label|safe }}", "safe"),
        ("Nonsense.xml", "x", "is not a template applinkc uses"),
    ];
    for (name, text, expected) in cases {
        let templates = tempfile::tempdir().unwrap();
        std::fs::write(templates.path().join(name), text).unwrap();
        for layout in ["zip", "dir", "source"] {
            build_cmd(
                &example("tests/data/build/plain.json"),
                "Inventory",
                &out.join("result"),
                &["--layout", layout, "--templates", templates.path().to_str().unwrap()],
            )
            .assert()
            .code(2)
            .stderr(predicates::str::contains(expected));
            assert!(listing(&out).is_empty(), "{name}: {:?}", listing(&out));
        }
    }
}

#[test]
fn a_template_override_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    // Files that are not .xml templates (a README) are ignored.
    std::fs::copy(example("templates/README.md"), templates.join("README.md")).unwrap();
    let builtin = std::fs::read_to_string(example("templates/PermissionSet.xml")).unwrap();
    std::fs::write(
        templates.join("PermissionSet.xml"),
        builtin.replace("    <label>", "    <!-- overridden -->\n    <label>"),
    )
    .unwrap();
    let zip = dir.path().join("out.zip");
    build_cmd(
        &example("tests/data/build/plain.json"),
        "Inventory",
        &zip,
        &["--templates", templates.to_str().unwrap()],
    )
    .assert()
    .success();
    let files = read_zip(&zip);
    let set = files
        .iter()
        .find(|(p, _)| p == "unpackaged/permissionsets/Inventory.permissionset")
        .unwrap();
    assert!(String::from_utf8_lossy(&set.1).contains("<!-- overridden -->"));
}

#[test]
fn an_existing_output_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let spec = example("tests/data/build/plain.json");
    let zip = dir.path().join("out.zip");
    std::fs::write(&zip, "keep me").unwrap();
    build_cmd(&spec, "Inventory", &zip, &[])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists; pass --force to replace it"));
    assert_eq!(std::fs::read(&zip).unwrap(), b"keep me");
    build_cmd(&spec, "Inventory", &zip, &["--force"]).assert().success();
    assert!(read_zip(&zip).iter().any(|(p, _)| p == "unpackaged/package.xml"));

    let folder = dir.path().join("folder");
    build_cmd(&spec, "Inventory", &folder, &["--layout", "dir"])
        .assert()
        .success();
    std::fs::write(folder.join("stale.txt"), "x").unwrap();
    build_cmd(&spec, "Inventory", &folder, &["--layout", "dir"])
        .assert()
        .code(2);
    assert!(folder.join("stale.txt").exists());
    build_cmd(&spec, "Inventory", &folder, &["--layout", "dir", "--force"])
        .assert()
        .success();
    assert!(!folder.join("stale.txt").exists());
    // --force never replaces a file by a folder or the reverse.
    build_cmd(&spec, "Inventory", &folder, &["--force"]).assert().code(2);
    assert_eq!(listing(dir.path()), ["folder", "out.zip"]);
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

/// check accepts a space in the topic name (AL708 follows the Heroku documentation); build
/// derives the GenAiPlugin's API name as Salesforce derives one from a label (`_` for the space)
/// and keeps the name as written as its label.
#[test]
fn a_topic_name_with_a_space_builds_under_the_derived_api_name() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    let text = std::fs::read_to_string(example("examples/api-spec.yaml"))
        .unwrap()
        .replace("name: acme_pricing", "name: Acme  Pricing Desk");
    std::fs::write(&spec, text).unwrap();
    let (code, checked, _) = run(check_cmd(&spec, "AcmePricing", &[]));
    assert_eq!(code, 0, "{checked:#?}");
    assert!(!checked.iter().any(|f| f.contains("[AL708]")), "{checked:#?}");
    let out = dir.path().join("o.zip");
    let (code, built, stderr) = run(build_cmd(&spec, "AcmePricing", &out, &[]));
    assert_eq!(code, 0, "{stderr}{built:#?}");
    let files = read_zip(&out);
    let (_, plugin) = files
        .iter()
        .find(|(name, _)| name.starts_with("unpackaged/genAiPlugins/"))
        .expect("a GenAiPlugin");
    assert!(
        files
            .iter()
            .any(|(name, _)| name == "unpackaged/genAiPlugins/Acme_Pricing_Desk.genAiPlugin"),
        "{:?}",
        files.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    let plugin = String::from_utf8(plugin.clone()).unwrap();
    assert!(
        plugin.contains("<developerName>Acme_Pricing_Desk</developerName>"),
        "{plugin}"
    );
    assert!(
        plugin.contains("<masterLabel>Acme Pricing Desk</masterLabel>"),
        "{plugin}"
    );
}

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

#[test]
fn the_output_never_replaces_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.json");
    std::fs::copy(example("tests/data/build/plain.json"), &spec).unwrap();
    build_cmd(&spec, "Inventory", &spec, &["--force"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("api-spec.json: is an input of the build ("));
    assert_eq!(
        std::fs::read(&spec).unwrap(),
        std::fs::read(example("tests/data/build/plain.json")).unwrap()
    );
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

fn json_findings(stdout: &[u8]) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_slice(stdout).expect("the JSON report");
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}[{}] {}:{}:{} {} {}",
                f["severity"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["start"]["line"],
                f["start"]["col"],
                f["pointer"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect()
}

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

/// An agent action is named `<client-name>_<operationId>`: build needs 80 characters for that,
/// where check's AL206 (a warning) counts the operationId alone.
#[test]
fn an_agent_action_name_over_80_characters_is_refused_by_build() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    let long = format!("generateQuote{}", "X".repeat(62));
    let text = std::fs::read_to_string(example("examples/api-spec.yaml"))
        .unwrap()
        .replace("operationId: generateQuote", &format!("operationId: {long}"));
    std::fs::write(&spec, text).unwrap();
    let (code, checked, _) = run(check_cmd(&spec, "AcmePricing", &[]));
    assert_eq!(code, 0);
    assert!(!checked.iter().any(|f| f.contains("[AL206]")), "{checked:#?}");
    let out = dir.path().join("o.zip");
    let (code, built, _) = run(build_cmd(&spec, "AcmePricing", &out, &[]));
    assert_eq!(code, 1);
    let errors: Vec<String> = built
        .into_iter()
        .skip_while(|f| !f.starts_with("error["))
        .take(2)
        .collect();
    assert_eq!(
        errors,
        [
            format!(
                "error[AL206] api-spec.yaml:20:20 the agent action name `AcmePricing_{long}` of operationId `{long}` is 87 characters long; the limit is 80"
            ),
            "  help: shorten the operationId (or --client-name)".to_string(),
        ]
    );
    assert!(!out.exists());
}

/// An output in a folder that does not exist yet gets the folder (as report files do), for
/// build and bundle alike.
#[test]
fn outputs_in_new_folders_are_created() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("out/nested/acme.zip");
    let (code, _, stderr) = run(build_cmd(&example("examples/api-spec.yaml"), "AcmePricing", &zip, &[]));
    assert_eq!(code, 0, "{stderr}");
    assert!(zip.is_file());
    let payload = dir.path().join("payload/p.zip");
    let output = applinkc()
        .args(["bundle"])
        .arg(example("examples/api-spec.yaml"))
        .arg("-o")
        .arg(&payload)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(payload.is_file());
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
