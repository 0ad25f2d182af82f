//! Ctrl-C (SIGINT) or SIGTERM during a `--layout dir` build leaves no hidden temporary folder
//! behind, and with `--force` the previous output is kept or replaced whole, never lost.
#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The README's example spec with its agent action copied `n` times: about three files per
/// action, so writing the folder takes long enough to be interrupted.
fn many_actions(n: usize) -> String {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/api-spec.yaml")).unwrap();
    let (head, rest) = src.split_once("paths:\n").unwrap();
    let (paths, components) = rest.split_once("components:\n").unwrap();
    let (action, _) = paths.split_once("  /quotes/{quoteId}:\n").unwrap();
    let mut out = format!("{head}paths:\n");
    for i in 0..n {
        out.push_str(
            &action
                .replace("  /quotes:", &format!("  /quotes{i}:"))
                .replace("operationId: generateQuote", &format!("operationId: generateQuote{i}")),
        );
    }
    out + "components:\n" + components
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(std::result::Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".applinkc-"))
        .collect()
}

/// Starts a build into `dir/out`, sends `signal` as soon as its temporary folder exists, and
/// returns whether the signal caught it while writing (false: the build was faster).
fn interrupt(dir: &Path, signal: &str, extra: &[&str]) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_applinkc"))
        .current_dir(dir)
        .args([
            "build",
            "spec.yaml",
            "--client-name",
            "Acme",
            "--app-url",
            "https://acme.herokuapp.com",
        ])
        .args(["--layout", "dir", "-o", "out"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut sent = false;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success() || sent, "{status:?}");
            return false;
        }
        if temporaries(dir).iter().any(|n| n.ends_with(".tmp")) {
            let killed = Command::new("kill")
                .args([signal, &child.id().to_string()])
                .status()
                .unwrap();
            assert!(killed.success());
            sent = true;
            break;
        }
    }
    assert!(sent, "the build neither finished nor started writing within 20 s");
    let status = child.wait().unwrap();
    if status.success() {
        return false; // the signal came just after the last rename
    }
    let expected = if signal == "-INT" { 2 } else { 15 };
    assert_eq!(status.signal(), Some(expected), "{status:?}");
    true
}

#[test]
fn an_interrupted_build_leaves_no_temporary_folder() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("spec.yaml"), many_actions(1000)).unwrap();
    let mut caught = 0;
    for signal in ["-INT", "-TERM", "-INT"] {
        if interrupt(p, signal, &[]) {
            caught += 1;
            assert_eq!(temporaries(p), Vec::<String>::new());
            assert!(!p.join("out").exists(), "an interrupted first build leaves no output");
        }
        let _ = std::fs::remove_dir_all(p.join("out"));
    }
    assert!(caught > 0, "no run was interrupted while writing");
}

#[test]
fn an_interrupted_forced_build_keeps_or_replaces_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("spec.yaml"), many_actions(1000)).unwrap();
    let mut caught = 0;
    for _ in 0..3 {
        std::fs::create_dir_all(p.join("out")).unwrap();
        std::fs::write(p.join("out/previous.txt"), "the last build").unwrap();
        if interrupt(p, "-INT", &["--force"]) {
            caught += 1;
            assert_eq!(temporaries(p), Vec::<String>::new());
            // Either the previous output, put back, or the new one, whole.
            let previous = p.join("out/previous.txt").exists();
            let new = p.join("out/unpackaged/package.xml").exists();
            assert!(previous != new, "previous: {previous}, new: {new}");
        }
        let _ = std::fs::remove_dir_all(p.join("out"));
    }
    assert!(caught > 0, "no run was interrupted while writing");
}
