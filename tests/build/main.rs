//! `applinkc build`: the complete file set of a few specs pinned as snapshots; schema validity
//! (xmllint against the 66.0 WSDL) and source-deploy-retrieve recognition over the real corpus;
//! deterministic bytes; the three layouts agree; failures leave nothing behind; `--force`.
//!
//! One test binary, `build`, in modules by subject: `files` (the snapshots), `corpus`,
//! `findings`, `output`, `authorization`, `agent`, `reports` and `config`. The helpers they
//! share are here; `tests/common` is the helper module of every test file.

#[path = "../common/mod.rs"]
mod common;

mod agent;
mod authorization;
mod config;
mod corpus;
mod files;
mod findings;
mod output;
mod reports;

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

/// The findings of a JSON report, one line each (rule, place, pointer and message).
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
