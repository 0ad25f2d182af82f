//! The one bounded reader: every input is read with the size cap enforced while reading, a
//! folder search reads only regular files, and `--metadata-dir` refuses symlinks, oversized
//! files and FIFOs in `build` as in `bundle`. No test may hang: each has a generous timeout.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(20);
const SPEC: &str = r#"openapi: 3.0.3
info:
  title: Quotes
  version: 1.0.0
  description: Generates price quotes.
paths:
  /quote:
    post:
      operationId: generateQuote
      description: Generates a price quote.
      responses:
        '200':
          description: The quote
"#;

fn applinkc(dir: &Path) -> Command {
    let mut cmd = common::applinkc_in(dir);
    cmd.timeout(TIMEOUT);
    cmd
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(target_os = "linux")]
#[test]
fn check_of_dev_zero_stops_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    applinkc(dir.path())
        .args(["check", "/dev/zero"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: /dev/zero: more than 67108864 bytes; applinkc reads at most 67108864 bytes (see AL004)\n");
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_searched_folder_is_skipped_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("specs")).unwrap();
    std::fs::write(dir.path().join("specs/a.yaml"), SPEC).unwrap();
    mkfifo(&dir.path().join("specs/pipe.yaml"));
    applinkc(dir.path())
        .args(["check", "specs"])
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("0 errors, 0 warnings, 0 infos in 1 file\n"));
}

#[cfg(unix)]
#[test]
fn an_explicit_fifo_is_read_with_the_cap() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    // A FIFO with a writer that sends a spec: checked like a file.
    let fifo = dir.path().join("spec.yaml");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut w = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            w.write_all(SPEC.as_bytes()).unwrap();
        })
    };
    applinkc(dir.path())
        .args(["check", "spec.yaml"])
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("0 errors, 0 warnings, 0 infos in 1 file\n"));
    writer.join().unwrap();

    // A writer that never stops: stopped at the cap.
    let endless = dir.path().join("endless.yaml");
    mkfifo(&endless);
    let writer = {
        let endless = endless.clone();
        std::thread::spawn(move || {
            let mut w = std::fs::OpenOptions::new().write(true).open(endless).unwrap();
            let block = vec![b'#'; 1 << 20];
            // Ends with a broken pipe once applinkc stops reading.
            while w.write_all(&block).is_ok() {}
        })
    };
    applinkc(dir.path())
        .args(["check", "endless.yaml"])
        .assert()
        .code(2)
        .stderr("error: endless.yaml: more than 67108864 bytes; applinkc reads at most 67108864 bytes (see AL004)\n");
    writer.join().unwrap();
}

/// A config or baseline that is not a regular file is read with the cap too.
#[cfg(target_os = "linux")]
#[test]
fn config_and_baseline_are_read_with_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), SPEC).unwrap();
    applinkc(dir.path())
        .args(["check", "a.yaml", "--config", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: /dev/zero: more than 67108864 bytes",
        ));
    applinkc(dir.path())
        .args(["check", "a.yaml", "--baseline", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: /dev/zero: more than 67108864 bytes",
        ));
}

fn build_with_metadata(dir: &Path) -> assert_cmd::assert::Assert {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/build/legacy-connected-app.yaml");
    applinkc(dir)
        .arg("build")
        .arg(spec)
        .args([
            "--client-name",
            "QuoteService",
            "--app-url",
            "https://example-app.herokuapp.com",
            "--contact-email",
            "q@example.com",
            "--metadata-dir",
            "meta",
            "-o",
            "out.zip",
        ])
        .assert()
}

#[cfg(unix)]
#[test]
fn build_metadata_dir_refuses_symlinks_oversized_files_and_fifos() {
    let dir = tempfile::tempdir().unwrap();
    let meta = dir.path().join("meta");
    std::fs::create_dir(&meta).unwrap();
    let target = meta.join("permissionset-meta.xml");

    // A symlink (here to a file outside the folder).
    std::fs::write(dir.path().join("secret.xml"), "<PermissionSet/>").unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.xml"), &target).unwrap();
    let out = build_with_metadata(dir.path()).get_output().clone();
    assert_ne!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("meta/permissionset-meta.xml"), "{text}");
    assert!(text.contains("symlink"), "{text}");
    assert!(!dir.path().join("out.zip").exists());
    std::fs::remove_file(&target).unwrap();

    // Over the 1 MiB cap (sparse, so the test writes nothing).
    let file = std::fs::File::create(&target).unwrap();
    file.set_len(2 * 1024 * 1024).unwrap();
    build_with_metadata(dir.path()).code(2).stderr(predicate::str::contains(
        "meta/permissionset-meta.xml: the file is 2097152 bytes; applinkc reads at most 1048576 bytes",
    ));
    assert!(!dir.path().join("out.zip").exists());
    std::fs::remove_file(&target).unwrap();

    // A FIFO without a writer: refused at once, never waited on.
    mkfifo(&target);
    build_with_metadata(dir.path()).code(2).stderr(predicate::str::contains(
        "meta/permissionset-meta.xml: is not a regular file; --metadata-dir must hold `permissionset-meta.xml` as a file",
    ));
    assert!(!dir.path().join("out.zip").exists());
}

/// `--templates` files are read with the cap too (a sparse 65 MiB template is refused).
#[test]
fn build_templates_are_read_with_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("tpl")).unwrap();
    let file = std::fs::File::create(dir.path().join("tpl/ExternalCredential.xml")).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/build/plain.json");
    applinkc(dir.path())
        .arg("build")
        .arg(spec)
        .args(["--client-name", "Inventory", "--app-url", "https://inventory.herokuapp.com"])
        .args(["--templates", "tpl", "-o", "out.zip"])
        .assert()
        .code(2)
        .stderr("error: tpl/ExternalCredential.xml: the file is 68157440 bytes; applinkc reads at most 67108864 bytes (see AL004)\n");
    assert!(!dir.path().join("out.zip").exists());
}
