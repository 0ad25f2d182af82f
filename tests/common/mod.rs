//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the clone (or `$APPLINKC_SHARED`). Under CI (`CI=true`) a missing folder
/// fails the test loudly; elsewhere the caller skips.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("APPLINKC_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing: CI must have ../shared beside the clone", dir.display());
    }
    skipped(&format!("{} not found", dir.display()));
    None
}

/// Files of a folder with one of the given extensions, sorted.
pub fn files_with(dir: &std::path::Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    out.sort();
    out
}

/// Records that the calling test could not run, and why: `scripts/test` counts the lines of
/// `target/tmp/skipped-tests.txt` after the run ("N tests could not run"), so a machine without
/// `../shared` or a tool never passes silently.
pub fn skipped(why: &str) {
    eprintln!("skipping: {why}");
    let name = std::thread::current().name().unwrap_or("?").to_string();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("skipped-tests.txt");
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        use std::io::Write;
        let _ = writeln!(file, "{} {name}: {why}", env!("CARGO_CRATE_NAME"));
    }
}

/// Runs `git ARGS` in `dir` with a fixed identity and no signing; panics with git's message.
pub fn git(dir: &std::path::Path, args: &[&str]) {
    let output = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Whether `tool` is on the PATH; under `CI=true` a missing tool fails the test, elsewhere the
/// test is recorded as one that could not run.
pub fn have(tool: &str) -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{tool} is missing: CI must install it (scripts/setup)");
        }
        skipped(&format!("{tool} not found"));
    }
    found
}

/// `applinkc`, without colour, killed after two minutes (a hung run fails its test instead of
/// holding up the suite).
pub fn applinkc() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("applinkc").unwrap();
    cmd.env("NO_COLOR", "1").timeout(std::time::Duration::from_secs(120));
    cmd
}

/// [`applinkc`] run in `dir` (where an `applinkc.toml` may be).
pub fn applinkc_in(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = applinkc();
    cmd.current_dir(dir);
    cmd
}

/// The entries of a zip, in archive order, with their bytes.
pub fn unzip(path: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().unwrap().to_string(), content)
        })
        .collect()
}
