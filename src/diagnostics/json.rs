//! `--format json`: one document per run, described by `docs/report.schema.json`.
//!
//! Version 1. Fields are only ever added within a version; a removal or a change of meaning
//! bumps `version`. Findings are in report order: by file, then position, then rule id.

use super::{FileReport, RunInfo, Totals};
use crate::source::LineCol;
use serde::Serialize;

/// The `version` of the document this module writes.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    files: Vec<File<'a>>,
    findings: Vec<Finding<'a>>,
    /// Files a folder search found and did not check; absent when there are none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    skipped: &'a [super::Skipped],
    #[serde(skip_serializing_if = "Option::is_none")]
    build: Option<&'a serde_json::Value>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: crate::finding::RuleId,
    rule_name: &'static str,
    severity: super::Severity,
    message: &'a str,
    help: Option<&'a str>,
    pointer: &'a str,
    file: &'a str,
    start: LineCol,
    end: LineCol,
    bytes: Bytes,
    /// Notes besides the help; left out when there are none.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    /// The other places of a grouped finding; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedPlace<'a>>,
    /// The edits that resolve the finding (`check --fix`); left out when there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a crate::edit::Fix>,
}

#[derive(Serialize)]
struct RelatedPlace<'a> {
    message: &'a str,
    pointer: &'a str,
    start: LineCol,
    end: LineCol,
}

#[derive(Serialize)]
struct Bytes {
    start: u32,
    end: u32,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    ignored: usize,
}

pub fn render(reports: &[FileReport], run: &RunInfo) -> String {
    let mut files = Vec::new();
    let mut findings = Vec::new();
    for report in reports {
        let totals = Totals::of(std::slice::from_ref(report));
        files.push(File {
            path: &report.source.name,
            errors: totals.errors,
            warnings: totals.warnings,
            infos: totals.infos,
        });
        for d in &report.diagnostics {
            findings.push(Finding {
                rule: d.rule,
                rule_name: crate::rules::get(d.rule).name,
                severity: d.severity,
                message: &d.message,
                help: d.help.as_deref(),
                pointer: &d.pointer,
                file: &report.source.name,
                start: report.start(d),
                end: report.end(d),
                bytes: Bytes {
                    start: d.span.start,
                    end: d.span.end,
                },
                notes: &d.notes,
                related: d
                    .related
                    .iter()
                    .map(|r| RelatedPlace {
                        message: &r.message,
                        pointer: &r.pointer,
                        start: report.source.line_col(r.span.start),
                        end: report.source.line_col(r.span.end),
                    })
                    .collect(),
                fix: d.fix.as_ref(),
            });
        }
    }
    let totals = Totals::of(reports);
    let doc = Document {
        version: VERSION,
        tool: Tool {
            name: "applinkc",
            version: env!("CARGO_PKG_VERSION"),
        },
        files,
        findings,
        skipped: &run.skipped,
        build: run.build.as_ref(),
        summary: Summary {
            files: totals.files,
            errors: totals.errors,
            warnings: totals.warnings,
            infos: totals.infos,
            ignored: run.ignored,
        },
    };
    let mut out = super::to_json_pretty(&doc);
    out.push('\n');
    out
}
