//! The zip and the request file: their bytes, what is bundled, what is written and kept.

use super::*;

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
