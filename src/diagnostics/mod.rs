//! Stage 4 — findings and their renderers.
//!
//! A [`Diagnostic`] is one finding: rule id, severity, message, optional help, JSON pointer and
//! byte span. Renderers turn a list of [`FileReport`]s into text for people or machines; each
//! format lives in its own module.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::source::{LineCol, SourceFile, Span};
use std::path::{Path, PathBuf};

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

/// Counts of findings by severity, for summary lines and exit codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files: usize,
}

impl Totals {
    pub fn of(reports: &[FileReport]) -> Totals {
        let mut t = Totals {
            files: reports.len(),
            ..Totals::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
        t
    }

    pub fn max_severity(&self) -> Option<Severity> {
        if self.errors > 0 {
            Some(Severity::Error)
        } else if self.warnings > 0 {
            Some(Severity::Warning)
        } else if self.infos > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }

    /// `2 errors, 1 warning, 0 infos in 3 files`
    pub fn summary_line(&self) -> String {
        fn plural(n: usize, one: &str, many: &str) -> String {
            format!("{n} {}", if n == 1 { one } else { many })
        }
        format!(
            "{}, {}, {} in {}",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            plural(self.infos, "info", "infos"),
            plural(self.files, "file", "files"),
        )
    }
}

/// What the machine-readable formats say about a run besides the findings.
#[derive(Clone, Debug, Default)]
pub struct RunInfo {
    /// Findings covered by an `[[ignore]]` entry or the baseline, so not reported.
    pub ignored: usize,
    /// The working directory: SARIF and GitHub file names are relative to it.
    pub cwd: PathBuf,
    /// The exit code the command returns (SARIF `invocations[0].exitCode`).
    pub exit_code: i32,
}

impl RunInfo {
    /// A file name relative to the working directory (`/`-separated), or `None` when the file
    /// is outside it.
    pub fn relative(&self, name: &str) -> Option<String> {
        let abs = crate::config::absolute(&self.cwd, Path::new(name));
        let rel = abs.strip_prefix(&self.cwd).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }
}
