//! Stage 4 — findings and their renderers.
//!
//! A [`Diagnostic`] is one finding: rule id, severity, message, optional help, JSON pointer and
//! byte span. Renderers turn a list of [`FileReport`]s into text for people or machines; each
//! format lives in its own module.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
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
    /// The edits that resolve the finding, when the rule knows them (`check --fix`).
    pub fix: Option<crate::fix::Fix>,
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
    /// Files a folder search found and did not check (`--format json` lists them).
    pub skipped: Vec<crate::check::Skipped>,
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

/// Whether a report must not write `c` as it is: control characters (C0 — including tab and
/// line breaks inside a message —, DEL, C1) and the bidirectional marks, embeddings,
/// overrides and isolates ("Trojan Source"). Spec text quoted in a finding could otherwise
/// recolour a terminal, forge lines in a CI log or reorder what a reviewer reads.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every [`is_unsafe_char`] written as a Rust-style escape (`\u{1b}`), for the
/// text of reports read by people (human, GitHub, JUnit).
pub fn escape_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Writes JSON like `serde_json::to_string_pretty`, with every [`is_unsafe_char`] escaped as
/// `\uXXXX` (serde_json escapes only C0): the document decodes to the same text, but carries
/// no raw control or bidirectional character into a log or a viewer.
pub fn to_json_pretty<T: serde::Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser =
        serde_json::Serializer::with_formatter(&mut out, SafeFormatter(serde_json::ser::PrettyFormatter::new()));
    value.serialize(&mut ser).expect("reports serialise");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut from = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe_char(c) {
                w.write_all(&fragment.as_bytes()[from..i])?;
                // Every such character is in the BMP: one `\uXXXX`.
                write!(w, "\\u{:04x}", c as u32)?;
                from = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[from..])
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod escape_tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped_and_json_decodes_back() {
        let text = "a\u{1b}[31m\tb\u{85}\u{202e}c\u{7f}é";
        assert_eq!(escape_text(text), "a\\u{1b}[31m\\u{9}b\\u{85}\\u{202e}c\\u{7f}é");
        assert!(matches!(escape_text("plain é"), std::borrow::Cow::Borrowed(_)));
        let json = to_json_pretty(&serde_json::json!({"m": text}));
        assert!(!json.chars().any(|c| is_unsafe_char(c) && c != '\n'), "{json}");
        assert_eq!(
            json,
            serde_json::to_string_pretty(&serde_json::json!({"m": text}))
                .unwrap()
                .replace('\u{85}', "\\u0085")
                .replace('\u{7f}', "\\u007f")
                .replace('\u{202e}', "\\u202e")
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["m"], text);
    }
}
