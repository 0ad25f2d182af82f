//! `applinkc bundle`: the zip `heroku salesforce:publish` uploads, through the CLI.
//!
//! One test binary, `bundle`, in modules: `output` (the zip, the request file, what is written
//! and what is kept), `metadata` (the `--metadata-dir` files and their checks) and `config`
//! (`applinkc.toml`); the spec, the metadata files and the helpers they share are here.

#[path = "../common/mod.rs"]
mod common;
mod config;
mod metadata;
mod output;

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
