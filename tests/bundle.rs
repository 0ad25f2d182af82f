//! `applinkc bundle`: the zip `heroku salesforce:publish` uploads, through the CLI.

mod common;

use common::unzip;

use assert_cmd::Command;
use std::io::Cursor;
use std::path::{Path, PathBuf};

const SPEC: &str = r##"openapi: 3.0.3
info:
  title: Quotes
  description: Quotes for opportunities.
  version: "1.0"
paths:
  /quotes:
    post:
      operationId: generateQuote
      summary: Generate a quote
      description: Generates a quote for an opportunity.
      x-sfdc:
        heroku:
          authorization:
            connectedApp: QuoteApp
            permissionSet: QuotePerms
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/QuoteRequest"}
      responses:
        "200":
          description: The quote
          content:
            application/json:
              schema: {type: object, properties: {quoteId: {type: string}}}
components:
  schemas:
    QuoteRequest:
      type: object
      properties:
        opportunityId: {type: string}
"##;

const PERMISSION_SET: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <hasActivationRequired>true</hasActivationRequired>
    <label>Quote Permissions</label>
</PermissionSet>
"#;

const CONNECTED_APP: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>admin@example.com</contactEmail>
    <label>Quote App</label>
</ConnectedApp>
"#;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn bundle(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("applinkc")
        .unwrap()
        .current_dir(dir)
        .arg("bundle")
        .args(args)
        .args(["--color", "never"])
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn names(entries: &[(String, Vec<u8>)]) -> Vec<&str> {
    entries.iter().map(|(n, _)| n.as_str()).collect()
}

/// A temp folder with `api-spec.yaml` and `meta/` holding the given files.
fn workspace(meta: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api-spec.yaml"), SPEC).unwrap();
    let meta_dir = dir.path().join("meta");
    std::fs::create_dir(&meta_dir).unwrap();
    for (name, text) in meta {
        std::fs::write(meta_dir.join(name), text).unwrap();
    }
    let path = dir.path().to_path_buf();
    (dir, path)
}

#[test]
fn every_real_spec_bundles_to_one_entry_with_its_bytes_unchanged() {
    let Some(shared) = common::shared() else { return };
    let specs = common::files_with(&shared.join("corpus/real"), &["yaml", "yml", "json"]);
    assert_eq!(specs.len(), 21);
    let out = tempfile::tempdir().unwrap();
    for spec in &specs {
        let zip = out
            .path()
            .join(format!("{}.zip", spec.file_name().unwrap().to_string_lossy()));
        let run = bundle(
            out.path(),
            &[
                spec.to_str().unwrap(),
                "--client-name",
                "Client",
                "-o",
                zip.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}:\n{}", spec.display(), run.stderr);
        let expected = if spec.extension().unwrap() == "json" {
            "api-spec.json"
        } else {
            "api-spec.yaml"
        };
        let entries = unzip(&zip);
        assert_eq!(names(&entries), [expected], "{}", spec.display());
        assert_eq!(
            entries[0].1,
            std::fs::read(spec).unwrap(),
            "{}: bytes changed",
            spec.display()
        );
        assert_eq!(run.stdout, format!("wrote {}: {expected}\n", zip.display()));
    }
}

#[test]
fn the_zip_is_deterministic_and_dated_1980_unix_0644() {
    let (_dir, dir) = workspace(&[("permissionset-meta.xml", PERMISSION_SET)]);
    let first = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "a.zip"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    // Touch the inputs: modification times must not leak into the zip.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(dir.join("api-spec.yaml"), SPEC).unwrap();
    let second = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "b.zip"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let a = std::fs::read(dir.join("a.zip")).unwrap();
    assert_eq!(a, std::fs::read(dir.join("b.zip")).unwrap());
    let mut archive = zip::ZipArchive::new(Cursor::new(a)).unwrap();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        assert_eq!(file.unix_mode().map(|m| m & 0o777), Some(0o644));
        let t = file.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second()),
            (1980, 1, 1, 0, 0, 0)
        );
    }
}

#[test]
fn both_metadata_files_are_bundled_with_their_bytes_and_sorted() {
    let (_dir, dir) = workspace(&[
        ("permissionset-meta.xml", PERMISSION_SET),
        ("connectedapp-meta.xml", CONNECTED_APP),
    ]);
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "wrote publish.zip: api-spec.yaml, connectedapp-meta.xml, permissionset-meta.xml\n"
    );
    let entries = unzip(&dir.join("publish.zip"));
    assert_eq!(
        names(&entries),
        ["api-spec.yaml", "connectedapp-meta.xml", "permissionset-meta.xml"]
    );
    assert_eq!(entries[0].1, SPEC.as_bytes());
    assert_eq!(entries[1].1, CONNECTED_APP.as_bytes());
    assert_eq!(entries[2].1, PERMISSION_SET.as_bytes());
}

#[test]
fn sfdx_names_other_files_and_a_spec_in_the_folder_are_not_bundled() {
    let (_dir, dir) = workspace(&[
        ("QuotePerms.permissionset-meta.xml", PERMISSION_SET),
        ("QuoteApp.connectedApp-meta.xml", CONNECTED_APP),
        ("PermissionSet-meta.xml", PERMISSION_SET),
        ("api-spec.yaml", SPEC),
        ("notes.txt", "hello"),
    ]);
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(names(&unzip(&dir.join("publish.zip"))), ["api-spec.yaml"]);
}

#[test]

fn sfdx_names_are_warned_about_under_al952() {
    let (_dir, dir) = workspace(&[("QuotePerms.permissionset-meta.xml", PERMISSION_SET)]);
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[AL952]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("QuotePerms.permissionset-meta.xml"),
        "{}",
        run.stderr
    );
}

#[test]

fn a_metadata_file_and_its_flag_together_are_refused_under_al953() {
    let (_dir, dir) = workspace(&[("permissionset-meta.xml", PERMISSION_SET)]);
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "--metadata-dir",
            "meta",
            "--authorization-permission-set-name",
            "QuotePerms",
            "-o",
            "publish.zip",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[AL953]"), "{}", run.stderr);
    assert!(!dir.join("publish.zip").exists());
}

#[test]

fn a_connected_app_file_with_the_eca_flag_is_a_warning_under_al954() {
    let (_dir, dir) = workspace(&[("connectedapp-meta.xml", CONNECTED_APP)]);
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "--metadata-dir",
            "meta",
            "--authorization-external-client-app-name",
            "QuoteApp",
            "-o",
            "publish.zip",
        ],
    );
    assert!(run.stderr.contains("warning[AL954]"), "{}", run.stderr);
}

#[test]
fn malformed_metadata_xml_is_located_and_nothing_is_written() {
    let (_dir, dir) = workspace(&[(
        "permissionset-meta.xml",
        "<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>x</labl>\n</PermissionSet>\n",
    )]);
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[AL952]: `permissionset-meta.xml` is not well-formed XML"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> meta/permissionset-meta.xml:2:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error: nothing written"), "{}", run.stderr);
    assert!(!dir.join("publish.zip").exists());
}

#[test]
fn wrong_root_namespace_and_full_name_are_errors_with_positions() {
    let (_dir, dir) = workspace(&[
        (
            "connectedapp-meta.xml",
            "<ConnectedApp xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n  <fullName>OtherApp</fullName>\n  \
             <contactEmail>a@example.com</contactEmail>\n  <label>x</label>\n</ConnectedApp>\n",
        ),
        (
            "permissionset-meta.xml",
            "<PermissionSet>\n  <label>x</label>\n</PermissionSet>\n",
        ),
    ]);
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = [
        "error[AL952]: `fullName` is `OtherApp` but the spec names the connected app `QuoteApp`",
        "--> meta/connectedapp-meta.xml:2:13",
        "error[AL952]: `<PermissionSet>` has no namespace",
        "--> meta/permissionset-meta.xml:1:2",
        "warning[AL952]: the permission set is not session-activated",
    ];
    for line in expected {
        assert!(run.stderr.contains(line), "missing {line:?} in:\n{}", run.stderr);
    }
    assert!(!dir.join("publish.zip").exists());
}

#[test]
fn a_metadata_file_the_spec_does_not_use_is_a_warning_and_still_bundled() {
    let (_dir, dir) = workspace(&[("connectedapp-meta.xml", CONNECTED_APP)]);
    let spec = SPEC.replace("connectedApp: QuoteApp", "externalClientApp: QuoteApp");
    std::fs::write(dir.join("api-spec.yaml"), spec).unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[AL952]: `connectedapp-meta.xml` is uploaded but no operation names a `connectedApp` in \
             `x-sfdc.heroku.authorization` (the spec names an `externalClientApp`"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        names(&unzip(&dir.join("publish.zip"))),
        ["api-spec.yaml", "connectedapp-meta.xml"]
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_metadata_file_is_refused_even_inside_the_folder() {
    let (_dir, dir) = workspace(&[("real.xml", PERMISSION_SET)]);
    std::os::unix::fs::symlink("real.xml", dir.join("meta/permissionset-meta.xml")).unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("meta/permissionset-meta.xml: is a symlink"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("publish.zip").exists());

    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::remove_file(dir.join("meta/permissionset-meta.xml")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.join("meta/connectedapp-meta.xml")).unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is a symlink"), "{}", run.stderr);
}

#[test]
fn a_folder_with_a_metadata_name_and_an_oversized_file_are_refused() {
    let (_dir, dir) = workspace(&[]);
    std::fs::create_dir(dir.join("meta/permissionset-meta.xml")).unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not a regular file"), "{}", run.stderr);

    std::fs::remove_dir(dir.join("meta/permissionset-meta.xml")).unwrap();
    let big = format!("<!-- {} -->", "x".repeat(1024 * 1024));
    std::fs::write(dir.join("meta/connectedapp-meta.xml"), big).unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("applinkc reads at most 1048576 bytes"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("publish.zip").exists());
}

#[test]
fn an_existing_output_is_kept_unless_forced() {
    let (_dir, dir) = workspace(&[]);
    std::fs::write(dir.join("publish.zip"), "precious").unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "-o", "publish.zip"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("publish.zip: already exists; pass --force to replace it"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(dir.join("publish.zip")).unwrap(), b"precious");

    let run = bundle(&dir, &["api-spec.yaml", "-o", "publish.zip", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(names(&unzip(&dir.join("publish.zip"))), ["api-spec.yaml"]);
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_request_file_is_the_app_request_json_the_cli_posts() {
    let (_dir, dir) = workspace(&[]);
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "--client-name",
            "Quotes",
            "--authorization-connected-app-name",
            "QuoteApp",
            "--authorization-permission-set-name",
            "QuotePerms",
            "-o",
            "publish.zip",
            "--request",
            "request.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("request.json")).unwrap(),
        r#"{"authorization_connected_app_name":"QuoteApp","authorization_permission_set_name":"QuotePerms","client_name":"Quotes"}"#
    );
    assert!(
        run.stdout.ends_with("wrote request.json: app_request\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_request_needs_a_client_name() {
    let (_dir, dir) = workspace(&[]);
    let run = bundle(
        &dir,
        &["api-spec.yaml", "-o", "publish.zip", "--request", "request.json"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--request needs --client-name (or `client-name` in [publish] of applinkc.toml)"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("publish.zip").exists());
}

#[test]
fn a_spec_with_errors_is_not_bundled() {
    let (_dir, dir) = workspace(&[]);
    std::fs::write(
        dir.join("api-spec.yaml"),
        SPEC.replace("openapi: 3.0.3", "openapi: 3.1.0"),
    )
    .unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "-o", "publish.zip"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[AL101]"), "{}", run.stderr);
    assert!(!dir.join("publish.zip").exists());

    std::fs::write(dir.join("api-spec.txt"), SPEC).unwrap();
    let run = bundle(&dir, &["api-spec.txt", "-o", "publish.zip"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[AL001]"), "{}", run.stderr);
}

#[test]
fn json_and_yml_specs_are_named_by_their_extension() {
    let (_dir, dir) = workspace(&[]);
    std::fs::write(dir.join("openapi.YML"), SPEC).unwrap();
    let run = bundle(&dir, &["openapi.YML", "-o", "a.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(names(&unzip(&dir.join("a.zip"))), ["api-spec.yaml"]);
    let json = r#"{"openapi": "3.0.3", "info": {"title": "t", "description": "d", "version": "1"},
 "paths": {"/a": {"get": {"operationId": "a", "description": "Reads the a.", "responses": {"200": {"description": "ok"}}}}}}"#;
    std::fs::write(dir.join("spec.json"), json).unwrap();
    let run = bundle(&dir, &["spec.json", "-o", "b.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let entries = unzip(&dir.join("b.zip"));
    assert_eq!(names(&entries), ["api-spec.json"]);
    assert_eq!(entries[0].1, json.as_bytes());
}

#[test]
fn inputs_are_never_overwritten_even_with_force() {
    let (_dir, dir) = workspace(&[("permissionset-meta.xml", PERMISSION_SET)]);
    let run = bundle(&dir, &["api-spec.yaml", "-o", "api-spec.yaml", "--force"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("api-spec.yaml: is an input of the bundle"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(dir.join("api-spec.yaml")).unwrap(), SPEC);
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "--metadata-dir",
            "meta",
            "-o",
            "meta/permissionset-meta.xml",
            "--force",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("meta/permissionset-meta.xml")).unwrap(),
        PERMISSION_SET
    );
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "--client-name",
            "Q",
            "-o",
            "out.zip",
            "--request",
            "out.zip",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("out.zip: `-o` and `--request` name the same file"),
        "{}",
        run.stderr
    );
}

/// The `[publish]` section the config tests of bundle start from.
const PUBLISH: &str = "[publish]\nclient-name = \"Quotes\"\nauthorization-connected-app-name = \"QuoteApp\"\n\
                       authorization-permission-set-name = \"QuotePerms\"\n";

/// A workspace whose `applinkc.toml` holds `config`.
fn configured_workspace(config: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = workspace(&[]);
    std::fs::write(dir.join("applinkc.toml"), config).unwrap();
    (tmp, dir)
}

#[test]
fn the_config_supplies_the_publish_flags_and_the_command_line_wins() {
    let (_dir, dir) = configured_workspace(PUBLISH);
    // [publish] supplies the flags, `--request`'s client name included.
    let run = bundle(
        &dir,
        &["api-spec.yaml", "-o", "publish.zip", "--request", "request.json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("request.json")).unwrap(),
        r#"{"authorization_connected_app_name":"QuoteApp","authorization_permission_set_name":"QuotePerms","client_name":"Quotes"}"#
    );
    assert!(
        run.stderr.starts_with("warning[AL904]: connected app `QuoteApp`"),
        "{}",
        run.stderr
    );
    // A flag on the command line wins over the config.
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "--client-name",
            "Other",
            "-o",
            "publish.zip",
            "--request",
            "request.json",
            "--force",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(dir.join("request.json"))
            .unwrap()
            .ends_with(r#""client_name":"Other"}"#),
        "the command line's --client-name"
    );
}

#[test]
fn the_config_fail_severity_stops_the_bundle_and_the_command_line_wins() {
    // The config's fail-severity stops the bundle on the warning; the command line's wins.
    let (_dir, dir) = configured_workspace(&format!("fail-severity = \"warning\"\n{PUBLISH}"));
    let run = bundle(&dir, &["api-spec.yaml", "-o", "publish.zip"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("0 errors, 1 warning, 0 infos in 1 file\nerror: nothing written: fix the findings above\n"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("publish.zip").exists());
    let run = bundle(
        &dir,
        &["api-spec.yaml", "-o", "publish.zip", "--fail-severity", "error"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The config of the last two tests: fail at warnings, the publish flags, and AL904 ignored.
fn ignoring_config() -> String {
    let ignore = "[[ignore]]\nrule = \"AL904\"\nreason = \"the app exists in the org\"\n";
    format!("fail-severity = \"warning\"\n{PUBLISH}{ignore}")
}

#[test]
fn an_ignore_in_the_config_covers_the_finding() {
    // An ignore covers the finding: nothing is reported and the bundle is written.
    let (_dir, dir) = configured_workspace(&ignoring_config());
    let run = bundle(&dir, &["api-spec.yaml", "-o", "publish.zip"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, "wrote publish.zip: api-spec.yaml\n");
}

#[test]
fn a_config_named_with_config_overrides_severities_and_is_an_input() {
    let (_dir, dir) = configured_workspace(&ignoring_config());
    // A severity override, from a config named with --config (the one in the folder is not read).
    let other = dir.join("ci");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("strict.toml"), "[rules]\nAL904 = \"error\"\n").unwrap();
    let run = bundle(
        &dir,
        &["api-spec.yaml", "-o", "publish.zip", "--config", "ci/strict.toml"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error[AL904]: connected app `QuoteApp`"),
        "{}",
        run.stderr
    );
    // A config is an input: the zip may not overwrite it.
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "-o",
            "ci/strict.toml",
            "--config",
            "ci/strict.toml",
            "--force",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("ci/strict.toml"), "{}", run.stderr);
}
