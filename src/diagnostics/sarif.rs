//! `--format sarif`: SARIF 2.1.0 (OASIS), the subset GitHub code scanning and Azure DevOps read.
//!
//! Own serde structs rather than `serde-sarif` (33 crates with its build dependencies; see
//! `docs/` and the crate notes). Every rule of the registry is listed in `tool.driver.rules`;
//! results point at it by `ruleIndex`. File URIs are relative to `%SRCROOT%`, the working
//! directory; files outside it get an absolute `file://` URI. Columns count Unicode code points
//! (`columnKind: unicodeCodePoints`), like every other applinkc report.

use super::{FileReport, RunInfo, Severity};
use crate::rules::{self, Rule, RuleSeverity};
use serde::Serialize;
use std::collections::BTreeMap;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
    properties: RunProperties,
}

#[derive(Serialize)]
struct RunProperties {
    /// Findings covered by `[[ignore]]` entries or the baseline (not listed as results).
    ignored: usize,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    /// `repository` of Cargo.toml, when set.
    #[serde(skip_serializing_if = "str::is_empty")]
    information_uri: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    exit_code: i32,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
    /// `analysisTarget`: every file checked is listed, clean ones too.
    roles: [&'static str; 1],
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: ResultProperties,
}

#[derive(Serialize)]
struct ResultProperties {
    pointer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: u32,
    byte_length: u32,
}

pub fn render(reports: &[FileReport], run: &RunInfo) -> String {
    let all = rules::all();
    let mut artifacts = Vec::new();
    let mut results = Vec::new();
    for (index, report) in reports.iter().enumerate() {
        let mut location = artifact_location(&report.source.name, run);
        artifacts.push(Artifact {
            location: location.clone(),
            roles: ["analysisTarget"],
        });
        location.index = Some(index);
        for d in &report.diagnostics {
            let start = report.start(d);
            let end = report.end(d);
            results.push(SarifResult {
                rule_id: d.rule,
                rule_index: all.iter().position(|r| r.id == d.rule).unwrap_or(0),
                level: level(d.severity),
                message: Text {
                    text: d.message.clone(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: location.clone(),
                        region: Region {
                            start_line: start.line,
                            start_column: start.col,
                            end_line: end.line,
                            end_column: end.col,
                            byte_offset: d.span.start,
                            byte_length: d.span.end - d.span.start,
                        },
                    },
                }],
                partial_fingerprints: BTreeMap::from([(
                    "applinkcPointer/v1",
                    format!("{:016x}", fingerprint(&[d.rule, &location.uri, &d.pointer])),
                )]),
                properties: ResultProperties {
                    pointer: d.pointer.clone(),
                    help: d.help.clone(),
                },
            });
        }
    }
    let version = env!("CARGO_PKG_VERSION");
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "applinkc",
                    version,
                    semantic_version: version,
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: all.iter().map(|r| descriptor(r)).collect(),
                },
            },
            invocations: vec![Invocation {
                execution_successful: true,
                exit_code: run.exit_code,
            }],
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                ArtifactLocation {
                    uri: file_uri(&run.cwd.to_string_lossy(), true),
                    uri_base_id: None,
                    index: None,
                },
            )]),
            artifacts,
            results,
            column_kind: "unicodeCodePoints",
            properties: RunProperties { ignored: run.ignored },
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    out.push('\n');
    out
}

fn descriptor(rule: &'static Rule) -> Descriptor {
    Descriptor {
        id: rule.id,
        name: pascal_case(rule.name),
        short_description: Text {
            text: sentence(rule.summary),
        },
        full_description: Text {
            text: sentence(&what_it_does(rule)),
        },
        help: Help {
            text: rule.docs,
            markdown: rule.docs,
        },
        default_configuration: Configuration {
            level: match rule.severity {
                RuleSeverity::Error | RuleSeverity::AgentError => "error",
                RuleSeverity::Warning => "warning",
                RuleSeverity::Info => "note",
            },
        },
    }
}

/// SARIF asks for a rule name in PascalCase (`OpenapiVersion`); ours are kebab-case.
fn pascal_case(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// SARIF descriptions are sentences: capitalised, ending with a period.
fn sentence(s: &str) -> String {
    let s = s.trim();
    let mut c = s.chars();
    let mut out = c
        .next()
        .map(|f| f.to_uppercase().to_string() + c.as_str())
        .unwrap_or_default();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The first paragraph of the `## What it does` section of a rule's docs, else its summary.
fn what_it_does(rule: &Rule) -> String {
    let Some(rest) = rule.docs.split("## What it does").nth(1) else {
        return rule.summary.to_string();
    };
    let para: Vec<&str> = rest
        .trim_start()
        .lines()
        .take_while(|l| !l.trim().is_empty() && !l.starts_with("##"))
        .collect();
    if para.is_empty() {
        rule.summary.to_string()
    } else {
        para.join(" ")
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn artifact_location(name: &str, run: &RunInfo) -> ArtifactLocation {
    match run.relative(name) {
        Some(rel) => ArtifactLocation {
            uri: percent_encode(&rel),
            uri_base_id: Some(SRCROOT),
            index: None,
        },
        None => ArtifactLocation {
            uri: file_uri(
                &crate::config::absolute(&run.cwd, std::path::Path::new(name)).to_string_lossy(),
                false,
            ),
            uri_base_id: None,
            index: None,
        },
    }
}

/// `file:///abs/path` (with a final `/` for a folder).
fn file_uri(path: &str, folder: bool) -> String {
    let path = path.replace('\\', "/");
    let mut uri = String::from("file://");
    if !path.starts_with('/') {
        uri.push('/'); // Windows: file:///C:/…
    }
    uri.push_str(&percent_encode(&path));
    if folder && !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Percent-encodes every byte outside RFC 3986 unreserved characters and `/` (and `:` for a
/// Windows drive).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// FNV-1a over the parts (separated), stable across runs and platforms.
fn fingerprint(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(pascal_case("openapi-version"), "OpenapiVersion");
        assert_eq!(sentence("`openapi` is a string 3.0.x"), "`openapi` is a string 3.0.x.");
        assert_eq!(percent_encode("specs/my api#1.yaml"), "specs/my%20api%231.yaml");
        assert_eq!(file_uri("/work/x y", true), "file:///work/x%20y/");
    }
}
