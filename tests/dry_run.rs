//! `build --dry-run` runs everything `build` does and writes nothing: on every fixture and every
//! real spec it exits with the code `build` exits with (1 exactly when `build` refuses the
//! spec), and leaves its folder empty.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The publish flags of a fixture (`args-<stem>.txt`, else `args.txt`), with `--metadata-dir`
/// made absolute; `--client-name` and `--app-url` added when the fixture gives none.
fn flags(file: &Path) -> Vec<String> {
    let dir = file.parent().unwrap();
    let stem = file.file_stem().unwrap().to_str().unwrap();
    let own = dir.join(format!("args-{stem}.txt"));
    let args = if own.is_file() { own } else { dir.join("args.txt") };
    let mut out: Vec<String> = std::fs::read_to_string(args)
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    for i in 0..out.len() {
        if out[i] == "--metadata-dir" {
            out[i + 1] = dir.join(&out[i + 1]).to_string_lossy().into_owned();
        }
    }
    if !out.iter().any(|a| a == "--client-name") {
        out.extend(["--client-name".into(), "DryRun".into()]);
    }
    out.extend(["--app-url".into(), "https://dry-run.herokuapp.com".into()]);
    out
}

/// `applinkc build SPEC FLAGS… [--dry-run]` in an empty folder: the exit code, and whether the
/// folder is still empty afterwards.
fn build(spec: &Path, flags: &[String], dry_run: bool) -> (i32, bool) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_applinkc"));
    cmd.current_dir(dir.path())
        .env("NO_COLOR", "1")
        .arg("build")
        .arg(spec)
        .args(flags);
    if dry_run {
        cmd.arg("--dry-run");
    }
    let out = cmd.output().unwrap();
    let empty = std::fs::read_dir(dir.path()).unwrap().next().is_none();
    (out.status.code().unwrap_or(-1), empty)
}

fn specs() -> Vec<(PathBuf, Vec<String>)> {
    let mut out = Vec::new();
    let fixtures = common::repo().join("fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        for file in common::files_with(&dir, &["yaml", "yml", "json"]) {
            let name = file.file_name().unwrap().to_str().unwrap();
            if name.starts_with("fail") || name.starts_with("pass") {
                let flags = flags(&file);
                out.push((file, flags));
            }
        }
    }
    if let Some(shared) = common::shared() {
        for file in common::files_with(&shared.join("corpus/real"), &["yaml", "yml", "json"]) {
            out.push((file, flags(Path::new("/nonexistent/spec.yaml"))));
        }
    }
    out
}

#[test]
fn dry_run_exits_as_build_does_and_writes_nothing() {
    let specs = specs();
    assert!(specs.len() > 300, "{} specs", specs.len());
    let chunks: Vec<&[(PathBuf, Vec<String>)]> = specs.chunks(specs.len().div_ceil(2)).collect();
    let results: Vec<(String, i32, i32, bool)> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|(spec, flags)| {
                            let (built, _) = build(spec, flags, false);
                            let (dry, empty) = build(spec, flags, true);
                            (spec.display().to_string(), built, dry, empty)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let mut problems = Vec::new();
    for (spec, built, dry, empty) in &results {
        if built != dry {
            problems.push(format!("{spec}: build exits {built}, build --dry-run exits {dry}"));
        }
        if !empty {
            problems.push(format!("{spec}: build --dry-run wrote into its folder"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Both outcomes occur, so the comparison means something.
    let refused = results.iter().filter(|r| r.1 == 1).count();
    let built = results.iter().filter(|r| r.1 == 0).count();
    assert!(refused > 50 && built > 50, "{refused} refused, {built} built");
}
