//! Every report format checked against its definition, through the CLI:
//! SARIF with Microsoft's validator and the SARIF 2.1.0 JSON Schema, JSON against
//! `docs/report.schema.json`, JUnit parsed back, GitHub workflow commands matched exactly.
//! The validators are Node tools installed by `scripts/setup` into `.tools`; without them these
//! checks skip with a message, except under `CI=true`, where they fail.
//!
//! One test binary, `reports`, in modules: `schemas` (the validators), `formats` (exact text,
//! outputs, exit codes) and `inputs` (what a report covers); the helpers they share are here.

#[path = "../common/mod.rs"]
mod common;
mod formats;
mod inputs;
mod schemas;

use assert_cmd::Command;
use common::applinkc_in as applinkc;
use std::path::{Path, PathBuf};

/// A folder holding a config that turns off every rule but `keep`, so the expected output
/// does not change when rules are added.
fn workspace(keep: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut config = String::from("[rules]\n");
    for rule in applinkc::rules::all() {
        if !keep.contains(&rule.id.as_str()) && !applinkc::rules::is_load_failure(rule.id) {
            config.push_str(&format!("{} = \"off\"\n", rule.id));
        }
    }
    std::fs::write(dir.path().join("applinkc.toml"), config).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const FLOAT: &str = "openapi: 3.0\ninfo:\n  title: A\n  version: '1'\npaths: {}\n";
const V31: &str =
    "{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": \"B\", \"version\": \"1\"},\n  \"paths\": {}\n}\n";
const CLEAN: &str = "openapi: 3.0.3\ninfo:\n  title: C\n  version: '1'\npaths: {}\n";

/// Three specs (two with an AL101 error, one clean) in a workspace that only runs AL101.
fn three_specs() -> tempfile::TempDir {
    let dir = workspace(&["AL101"]);
    write(dir.path(), "specs/float.yaml", FLOAT);
    write(dir.path(), "specs/v31.json", V31);
    write(dir.path(), "specs/clean.yaml", CLEAN);
    dir
}

fn node_tools() -> Option<PathBuf> {
    let tools = common::repo().join(".tools/node_modules");
    if tools.join("@microsoft/sarif-multitool/package.json").is_file() && tools.join("ajv-formats").is_dir() {
        return Some(tools);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing: scripts/setup installs the validators", tools.display());
    }
    common::skipped(&format!("{} not found; run scripts/setup", tools.display()));
    None
}

/// The SARIF 2.1.0 JSON Schema shipped in the multitool's platform package.
fn sarif_schema(tools: &Path) -> PathBuf {
    ["linux", "darwin", "win32"]
        .iter()
        .map(|os| tools.join(format!("@microsoft/sarif-multitool-{os}/sarif-2.1.0.json")))
        .find(|p| p.is_file())
        .expect("the multitool package ships sarif-2.1.0.json")
}

/// Validates JSON files against a schema with Ajv (scripts/validate-json.cjs).
fn ajv(schema: &Path, files: &[&Path], lax: bool) {
    let mut cmd = std::process::Command::new("node");
    cmd.arg(common::repo().join("scripts/validate-json.cjs"));
    if lax {
        cmd.arg("--lax");
    }
    let out = cmd.arg(schema).args(files).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{} rejected by {}:\n{stdout}{}",
        files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        schema.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}
