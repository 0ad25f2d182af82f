//! `check --fix`: the edits that findings carry, applied to the original bytes.
//!
//! A [`Fix`] is a title and byte-range [`Edit`]s on the source the finding came from, computed
//! by the rule from the spanned tree, so every byte outside the edits (comments, indentation,
//! quoting, key order, line endings) stays as it was. [`fix_text`] applies the fixes of a
//! report in rounds: the fixes that do not overlap are applied, the text is checked again,
//! and the fixes of the new findings are applied, until nothing changes (at most
//! [`MAX_ROUNDS`]). Text that would no longer load is refused.

pub mod unified;

pub use crate::edit::{Edit, Fix, Safety, apply};
use crate::finding::Diagnostic;

/// The most rounds of apply → check again that [`fix_text`] runs.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes a run applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applying {
    /// `--fix`: safe fixes only.
    Safe,
    /// `--fix --unsafe-fixes`: every fix.
    All,
}

impl Applying {
    pub fn takes(self, fix: &Fix) -> bool {
        self == Applying::All || fix.safety == Safety::Safe
    }
}

/// What fixing one file gave.
#[derive(Debug)]
pub enum Fixed {
    /// The fixed text (the same as the original when nothing applied), the number of fixes
    /// applied and of rounds run.
    Text {
        text: String,
        applied: usize,
        rounds: usize,
    },
    /// The fixed text of round `round` would not load; `why` is the loader's message.
    Refused { round: usize, why: String },
}

/// Fixes `text` in rounds: `check` gives the findings of a text (with the configuration
/// applied, so only reported findings are fixed), and `None` when the text does not load.
pub fn fix_text(
    text: &str,
    findings: &[Diagnostic],
    applying: Applying,
    mut check: impl FnMut(&str) -> Result<Vec<Diagnostic>, String>,
) -> Fixed {
    let mut current = text.to_string();
    let mut diagnostics = findings.to_vec();
    let mut applied = 0;
    let mut rounds = 0;
    while rounds < MAX_ROUNDS {
        let fixes: Vec<&Fix> = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| applying.takes(f))
            .collect();
        if fixes.is_empty() {
            break;
        }
        let (next, n) = apply(&current, &fixes);
        if n == 0 || next == current {
            break;
        }
        rounds += 1;
        match check(&next) {
            Ok(found) => diagnostics = found,
            Err(why) => return Fixed::Refused { round: rounds, why },
        }
        applied += n;
        current = next;
    }
    Fixed::Text {
        text: current,
        applied,
        rounds,
    }
}

/// [`fix_text`] with the rules' own severities and no configuration: checks `text` as the
/// file `name` and fixes it (the library's way to what `check --fix` does).
pub fn fix_source(name: &str, text: &str, flags: &crate::flags::PublishFlags, applying: Applying) -> Fixed {
    let check = |text: &str| {
        let report = crate::check::check_bytes(name, text.as_bytes().to_vec(), flags);
        match report
            .diagnostics
            .iter()
            .find(|d| crate::rules::is_load_failure(d.rule))
        {
            Some(d) => Err(format!("{}: {}", d.rule, d.message)),
            None => Ok(report.diagnostics),
        }
    };
    // A file that does not load has nothing to fix.
    let findings: Vec<Diagnostic> = check(text).unwrap_or_default();
    fix_text(text, &findings, applying, check)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(start: u32, end: u32, text: &str) -> Fix {
        Fix::safe(
            "t",
            vec![Edit {
                start,
                end,
                text: text.into(),
            }],
        )
    }

    #[test]
    fn applies_disjoint_fixes_and_skips_overlapping_ones() {
        let (a, b, c) = (fix(0, 3, "X"), fix(2, 5, "Y"), fix(6, 7, "Z"));
        let (out, n) = apply("abcdefgh", &[&b, &c, &a]);
        assert_eq!((out.as_str(), n), ("XdefZh", 2));
        let (out, _) = apply("abcdefgh", &[&a, &c]);
        assert_eq!(out, "XdefZh");
    }

    #[test]
    fn skips_edits_outside_the_text_or_inside_a_character() {
        let (out, n) = apply("é", &[&fix(1, 2, "x"), &fix(0, 9, "x")]);
        assert_eq!((out.as_str(), n), ("é", 0));
    }

    #[test]
    fn two_insertions_at_one_place_apply_once() {
        let (out, n) = apply("ab", &[&fix(1, 1, "x"), &fix(1, 1, "y")]);
        assert_eq!((out.as_str(), n), ("axb", 1));
    }
}
