//! Baselines: the findings accepted when `check --write-baseline FILE` ran, read back by
//! `--baseline FILE` (or the config's `baseline`) to report only what is new.
//!
//! A baseline entry is a **fingerprint** of one finding: file, rule, severity, normalised
//! message and the exact JSON pointer. A finding is hidden only by an entry with the same
//! fingerprint, so:
//!
//! - a warning that becomes an error (AL203 when the operation becomes an agent action) is
//!   shown again: the severity differs;
//! - a new finding of the same rule below a baselined one (a property under a baselined schema)
//!   is shown: the pointer differs;
//! - a load failure (AL010, AL011) is never written to a baseline and a baseline naming one is
//!   refused: a file that does not load was not checked.
//!
//! Pointer-prefix matching stays what hand-written `[[ignore]]` entries of `applinkc.toml` do
//! ([`crate::config::Ignore`]): a person wrote them to cover an area on purpose.
//!
//! ```toml
//! version = 2
//!
//! [[finding]]
//! file = "specs/quote.yaml"          # relative to the baseline's folder
//! rule = "AL203"
//! severity = "warning"
//! pointer = "/paths/~1quote/post"
//! message = "operation `post /quote` has no operationId"
//! ```
//!
//! The first format (`[[ignore]]` entries matched by rule, file and pointer prefix) is refused
//! with a message saying how to write the baseline again: it records no severity, so it cannot
//! be migrated without hiding the errors this format exists to show.

use crate::error::AppError;
use crate::finding::{Diagnostic, FileReport, Severity};
use crate::paths::{absolute, relative_to};
use crate::rules;
use crate::source::LineIndex;
use serde::Deserialize;
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The format version this applinkc writes and reads.
pub const VERSION: i64 = 2;

/// What identifies one finding across runs.
#[derive(Clone, Debug, Hash, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fingerprint {
    /// Relative to the baseline's folder, `/`-separated.
    pub file: String,
    pub rule: String,
    pub severity: Severity,
    pub pointer: String,
    /// [`normalise_message`] of the message.
    pub message: String,
}

/// A loaded baseline (empty when none was given).
#[derive(Debug, Default)]
pub struct Baseline {
    /// The folder file names are relative to.
    base: PathBuf,
    entries: HashSet<Fingerprint>,
}

/// The message as it is compared: whitespace runs made one space and every run of digits made
/// `#`, so that a count or an offset that moves with unrelated edits ("the spec has 3000125
/// characters", "invalid byte at offset 812") does not make an accepted finding new.
pub fn normalise_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut last = '\0';
    for c in message.trim().chars() {
        let c = if c.is_ascii_digit() {
            '#'
        } else if c.is_whitespace() {
            ' '
        } else {
            c
        };
        if (c == '#' || c == ' ') && last == c {
            continue;
        }
        out.push(c);
        last = c;
    }
    out
}

fn fingerprint(base: &Path, file: &Path, d: &Diagnostic) -> Fingerprint {
    Fingerprint {
        file: relative_to(base, file).to_string_lossy().replace('\\', "/"),
        rule: d.rule.to_string(),
        severity: d.severity,
        pointer: d.pointer.clone(),
        message: normalise_message(&d.message),
    }
}

impl Baseline {
    /// Whether this baseline accepts the finding `d` of the file at the absolute path `file`.
    pub fn covers(&self, file: &Path, d: &Diagnostic) -> bool {
        !self.entries.is_empty()
            && !rules::is_load_failure(d.rule)
            && self.entries.contains(&fingerprint(&self.base, file, d))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads a baseline file (read with the bounded reader, like every input).
    pub fn load(path: &Path) -> Result<Baseline, AppError> {
        let text = crate::input::read_text(path, crate::input::Origin::Named)?;
        Baseline::parse(path, &text)
    }

    /// Parses baseline text; `path` names the file in errors and anchors the file names.
    pub fn parse(path: &Path, text: &str) -> Result<Baseline, AppError> {
        let at = |span: Range<usize>, message: String| {
            let lc = LineIndex::new(text).line_col(text, span.start);
            AppError::Config {
                path: path.to_path_buf(),
                line: lc.line,
                col: lc.col,
                message,
            }
        };
        let table: toml::Table = toml::from_str(text)
            .map_err(|e: toml::de::Error| at(e.span().unwrap_or(0..0), e.message().trim_end().to_string()))?;
        if table.contains_key("ignore") || !table.contains_key("version") {
            return Err(at(
                0..0,
                format!(
                    "this baseline is in the old format ([[ignore]] entries matched by rule, file and \
                     pointer prefix, without severity), which can hide new errors; applinkc no longer \
                     reads it. Write it again with `applinkc check … --write-baseline {}` (hand-written \
                     [[ignore]] entries belong in applinkc.toml)",
                    path.display()
                ),
            ));
        }
        let raw: RawBaseline = toml::from_str(text)
            .map_err(|e: toml::de::Error| at(e.span().unwrap_or(0..0), e.message().trim_end().to_string()))?;
        if *raw.version.get_ref() != VERSION {
            return Err(at(
                raw.version.span(),
                format!(
                    "baseline version {} is not supported; this applinkc reads and writes version {VERSION}",
                    raw.version.get_ref()
                ),
            ));
        }
        let mut entries = HashSet::new();
        for entry in &raw.finding {
            let rule = rules::find(entry.rule.get_ref())
                .ok_or_else(|| at(entry.rule.span(), format!("unknown rule `{}`", entry.rule.get_ref())))?;
            if rules::is_load_failure(rule.id) {
                return Err(at(
                    entry.rule.span(),
                    format!(
                        "{} reports a file that could not be loaded; a baseline cannot accept it",
                        rule.id
                    ),
                ));
            }
            entries.insert(Fingerprint {
                file: entry.file.clone(),
                rule: rule.id.to_string(),
                severity: entry.severity,
                pointer: entry.pointer.clone(),
                message: normalise_message(&entry.message),
            });
        }
        Ok(Baseline {
            base: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            entries,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    version: Spanned<i64>,
    #[serde(default)]
    finding: Vec<RawFinding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinding {
    file: String,
    rule: Spanned<String>,
    severity: Severity,
    pointer: String,
    message: String,
}

/// What [`write`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub entries: usize,
    /// Files with a load failure (AL010, AL011), not written: a baseline cannot accept them.
    pub not_loaded: Vec<String>,
}

/// Writes the findings as a baseline at `path` (atomically: a temporary file beside it, renamed
/// into place), file names relative to the baseline's folder.
pub fn write(path: &Path, reports: &[FileReport], cwd: &Path) -> Result<Written, AppError> {
    let target = absolute(cwd, path);
    let base = target.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut entries: Vec<(Fingerprint, &str)> = Vec::new();
    let mut written = Written::default();
    for report in reports {
        let file = absolute(cwd, Path::new(&report.source.name));
        for d in &report.diagnostics {
            if rules::is_load_failure(d.rule) {
                if written.not_loaded.last() != Some(&report.source.name) {
                    written.not_loaded.push(report.source.name.clone());
                }
                continue;
            }
            entries.push((fingerprint(&base, &file, d), d.message.as_str()));
        }
    }
    entries.sort();
    entries.dedup_by(|a, b| a.0 == b.0);
    let mut out = format!(
        "# applinkc baseline: findings accepted when it was written. A finding is accepted only\n\
         # with the same file, rule, severity, pointer and message (digits aside).\n\
         # Regenerate with `applinkc check … --write-baseline FILE`; remove entries as you fix them.\n\
         version = {VERSION}\n"
    );
    for (f, message) in &entries {
        out.push_str(&format!(
            "\n[[finding]]\nfile = {}\nrule = {}\nseverity = {}\npointer = {}\nmessage = {}\n",
            toml_string(&f.file),
            toml_string(&f.rule),
            toml_string(f.severity.as_str()),
            toml_string(&f.pointer),
            toml_string(message),
        ));
    }
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| AppError::io(parent, e))?;
    }
    crate::archive::write_file(&target, out.as_bytes(), true).map_err(|e| AppError::Failed(e.to_string()))?;
    written.entries = entries.len();
    Ok(written)
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_compared_without_digits_and_extra_spaces() {
        assert_eq!(
            normalise_message("  the spec has 3000125  characters "),
            "the spec has # characters"
        );
        assert_eq!(normalise_message("offset 1, 22"), "offset #, #");
        assert_ne!(normalise_message("`a` and `b`"), normalise_message("`a` and `c`"));
    }
}
