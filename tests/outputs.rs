//! No output of any command replaces one of its inputs: `check --output` and
//! `--write-baseline`, `build -o` and `--report-output`, `bundle -o` and `--request` are
//! refused (exit 2, nothing written, the input untouched) when the path is an input, a symlink
//! or hard link to one, or a folder that holds one.

mod common;

use common::applinkc_in as applinkc;
use predicates::prelude::*;
use std::path::Path;

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

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("specs")).unwrap();
    std::fs::write(dir.path().join("specs/api.yaml"), SPEC).unwrap();
    dir
}

fn untouched(dir: &Path) {
    assert_eq!(std::fs::read_to_string(dir.join("specs/api.yaml")).unwrap(), SPEC);
}

fn refused(dir: &Path, args: &[&str], message: &str) {
    applinkc(dir)
        .args(args)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!("error: {message}\n"));
    untouched(dir);
}

#[test]
fn check_never_writes_a_report_or_a_baseline_onto_a_spec() {
    let dir = project();
    let p = dir.path();
    refused(
        p,
        &[
            "check",
            "specs/api.yaml",
            "--format",
            "json",
            "--output",
            "specs/api.yaml",
        ],
        "specs/api.yaml: is an input of check (specs/api.yaml); `--output` would replace it, write the output elsewhere",
    );
    refused(
        p,
        &["check", "specs/api.yaml", "--write-baseline", "specs/api.yaml"],
        "specs/api.yaml: is an input of check (specs/api.yaml); `--write-baseline` would replace it, write the output elsewhere",
    );
    // A spec found by a folder search, named another way.
    refused(
        p,
        &[
            "check",
            "specs",
            "--format",
            "sarif",
            "--output",
            "./specs/../specs/api.yaml",
        ],
        "./specs/../specs/api.yaml: is an input of check (specs/api.yaml); `--output` would replace it, write the output elsewhere",
    );
    // Two outputs on one file.
    applinkc(p)
        .args([
            "check", "specs", "--format", "json", "--output", "r.json", "--format", "sarif", "--output", "r.json",
        ])
        .assert()
        .code(2)
        .stderr("error: r.json: `--output` and `--output` name the same file; give each output its own\n");
    assert!(!p.join("r.json").exists());
}

#[cfg(unix)]
#[test]
fn links_to_an_input_are_refused() {
    let dir = project();
    let p = dir.path();
    std::os::unix::fs::symlink("specs/api.yaml", p.join("link.json")).unwrap();
    std::fs::hard_link(p.join("specs/api.yaml"), p.join("hard.json")).unwrap();
    refused(
        p,
        &["check", "specs/api.yaml", "--format", "json", "--output", "link.json"],
        "link.json: is an input of check (specs/api.yaml); `--output` would replace it, write the output elsewhere",
    );
    refused(
        p,
        &["check", "specs/api.yaml", "--write-baseline", "hard.json"],
        "hard.json: is an input of check (specs/api.yaml); `--write-baseline` would replace it, write the output elsewhere",
    );
    refused(
        p,
        &["bundle", "specs/api.yaml", "-o", "link.json", "--force"],
        "link.json: is an input of the bundle (specs/api.yaml); `-o` would replace it, write the output elsewhere",
    );
}

#[test]
fn the_config_and_the_baseline_are_inputs_too() {
    let dir = project();
    let p = dir.path();
    std::fs::write(p.join("applinkc.toml"), "[rules]\nAL104 = \"warning\"\n").unwrap();
    applinkc(p)
        .args(["check", "specs", "--write-baseline", "baseline.toml"])
        .assert()
        .code(0);
    let config = p.join("applinkc.toml");
    applinkc(p)
        .args(["check", "specs", "--format", "json", "--output", "applinkc.toml"])
        .assert()
        .code(2)
        .stderr(format!(
            "error: applinkc.toml: is an input of check ({}); `--output` would replace it, write the output elsewhere\n",
            config.display()
        ));
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "[rules]\nAL104 = \"warning\"\n"
    );
    let baseline = std::fs::read_to_string(p.join("baseline.toml")).unwrap();
    applinkc(p)
        .args([
            "check",
            "specs",
            "--baseline",
            "baseline.toml",
            "--format",
            "json",
            "--output",
            "baseline.toml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: baseline.toml: is an input of check (",
        ));
    assert_eq!(std::fs::read_to_string(p.join("baseline.toml")).unwrap(), baseline);
}

#[test]
fn build_never_writes_onto_its_spec_nor_replaces_a_folder_holding_it() {
    let dir = project();
    let p = dir.path();
    let build = [
        "build",
        "specs/api.yaml",
        "--client-name",
        "Quote",
        "--app-url",
        "https://quote.herokuapp.com",
    ];
    let with = |extra: &[&'static str]| build.iter().copied().chain(extra.iter().copied()).collect::<Vec<_>>();
    refused(
        p,
        &with(&["--format", "json", "--report-output", "specs/api.yaml"]),
        "specs/api.yaml: is an input of the build (specs/api.yaml); `--report-output` would replace it, write the output elsewhere",
    );
    refused(
        p,
        &with(&["--layout", "dir", "-o", "specs", "--force"]),
        "specs: is an input of the build (specs/api.yaml); `-o/--output` would replace it, write the output elsewhere",
    );
    refused(
        p,
        &with(&["-o", "out.zip", "--format", "json", "--report-output", "out.zip"]),
        "out.zip: `-o/--output` and `--report-output` name the same file; give each output its own",
    );
    assert!(!p.join("out.zip").exists());
}
