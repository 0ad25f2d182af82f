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

/// A rule's id: `AL805` (the catalog's rules), `ALD03` (diff's). Declared once, by the rule
/// it names ([`crate::rules::Rule::id`]); text a user wrote (config, baselines, `explain`)
/// becomes one only through the catalog ([`crate::rules::find`]), so a finding, a severity
/// override, an ignore entry or a build refusal cannot name a rule that does not exist, and
/// the rule of an id is found in O(1) ([`crate::rules::get`]).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(&'static str);

impl RuleId {
    /// For a rule's declaration only: `AL` and three digits, or `ALD` and two (checked when
    /// compiled: a malformed id does not build).
    pub const fn new(id: &'static str) -> RuleId {
        let b = id.as_bytes();
        let digits_from = if b.len() == 5 && b[2] == b'D' { 3 } else { 2 };
        assert!(
            b.len() == 5 && b[0] == b'A' && b[1] == b'L',
            "a rule id is AL and three digits, or ALD and two"
        );
        let mut i = digits_from;
        while i < 5 {
            assert!(
                b[i].is_ascii_digit(),
                "a rule id is AL and three digits, or ALD and two"
            );
            i += 1;
        }
        RuleId(id)
    }

    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::fmt::Debug for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Tests and renderers compare with the id as written: `d.rule == "AL805"`.
impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// So that the catalog finds a rule by the text of its id ([`crate::rules::find`]): the derived
/// `Hash` of a `RuleId` is that of its text.
impl std::borrow::Borrow<str> for RuleId {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl serde::Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// One finding in one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub rule: RuleId,
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
