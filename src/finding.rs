//! A finding and the report of one file: what the rules produce and every renderer, command
//! and the language server reads. Below the rules (which create findings) and the renderers
//! (`diagnostics`), so that neither depends on the other's layer.

use crate::source::{LineCol, SourceFile, Span};

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding in one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    /// One lower-case sentence without a final period that names the offending value.
    pub message: String,
    pub help: Option<String>,
    /// RFC 6901 pointer into the document ("" is the root).
    pub pointer: String,
    pub span: Span,
    /// Notes about the finding besides its help (AL203: "`applinkc build` refuses it"). Empty
    /// for most findings.
    pub notes: Vec<String>,
    /// The other places of a finding that groups one cause found in many places (AL505: every
    /// name that contains `_`): notes in the human report, `relatedLocations` in SARIF,
    /// `related` in JSON. Empty for most findings.
    pub related: Vec<Related>,
    /// The edits that resolve the finding, when the rule knows them (`check --fix`).
    pub fix: Option<crate::edit::Fix>,
    /// The publish flag a finding at the start of the file is about (`--client-name …`), for
    /// the rules that `build` shares a refusal with: the key that pairs the two.
    pub flag: Option<crate::flags::Flag>,
}

/// Another place of the same finding, in the same file.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    pub span: Span,
    pub pointer: String,
    /// What is there, as a short lower-case phrase (`property `last_name` becomes …`).
    pub message: String,
}

impl Diagnostic {
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

/// The findings of one file together with its source (to compute lines and show snippets).
pub struct FileReport {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// Sorts findings by position, then rule id, then message: the order every renderer uses.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule, &a.message).cmp(&(b.span.start, b.span.end, b.rule, &b.message))
        });
    }

    pub fn start(&self, d: &Diagnostic) -> LineCol {
        self.source.line_col(d.span.start)
    }

    pub fn end(&self, d: &Diagnostic) -> LineCol {
        self.source.line_col(d.span.end)
    }
}

/// A file a folder search found and did not check, and why (listed by `--format json`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}
