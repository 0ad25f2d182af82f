//! The edits a finding carries: a [`Fix`] is a title, a [`Safety`] and byte-range [`Edit`]s
//! on the source the finding came from; [`apply`] puts the ones that do not overlap into the
//! text. Below the finding types (which hold a `Fix`); the rounds of `check --fix` are in
//! `crate::fix`.

use crate::source::Span;

/// Whether applying a fix keeps what is published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    /// The publication means the same after the fix (`--fix` applies it).
    Safe,
    /// The fix changes what is published (only `--unsafe-fixes` applies it).
    Unsafe,
}

impl Safety {
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes `start..end` of the original source with `text`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

impl Edit {
    pub fn replace(span: Span, text: impl Into<String>) -> Edit {
        Edit {
            start: span.start,
            end: span.end,
            text: text.into(),
        }
    }

    pub fn delete(span: Span) -> Edit {
        Edit::replace(span, "")
    }
}

/// What a finding proposes to do about itself.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    /// A short lower-case imperative: `quote the version`.
    pub title: String,
    pub safety: Safety,
    /// Sorted by position, not overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            safety: Safety::Safe,
            edits,
        }
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            safety: Safety::Unsafe,
            edits,
        }
    }

    /// The bytes the fix touches, from its first edit's start to its last edit's end.
    pub fn extent(&self) -> (u32, u32) {
        let start = self.edits.iter().map(|e| e.start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.end).max().unwrap_or(0);
        (start, end)
    }
}

/// Applies the fixes that do not overlap an earlier one (by position) to `text`. Returns the
/// new text and how many fixes were applied. A fix whose edits are out of the text's bounds or
/// not on character boundaries is skipped.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut chosen: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| !f.edits.is_empty() && f.edits.iter().all(|e| fits(text, e)) && edits_disjoint(f))
        .collect();
    chosen.sort_by_key(|f| f.extent());
    let mut taken: Vec<&Fix> = Vec::new();
    // Two fixes overlap when their extents do; an insertion at the very end of another fix's
    // extent overlaps too (the order of the two texts would be a guess).
    let mut last_end: Option<u32> = None;
    for fix in chosen {
        let (start, end) = fix.extent();
        if last_end.is_some_and(|e| start < e || (start == e && start == end)) {
            continue;
        }
        if taken.last().is_some_and(|prev| prev.edits == fix.edits) {
            continue;
        }
        last_end = Some(end);
        taken.push(fix);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for edit in taken.iter().flat_map(|f| &f.edits) {
        out.push_str(&text[at..edit.start as usize]);
        out.push_str(&edit.text);
        at = edit.end as usize;
    }
    out.push_str(&text[at..]);
    (out, taken.len())
}

fn fits(text: &str, e: &Edit) -> bool {
    let (s, t) = (e.start as usize, e.end as usize);
    s <= t && t <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(t)
}

fn edits_disjoint(f: &Fix) -> bool {
    f.edits
        .windows(2)
        .all(|w| w[0].end <= w[1].start && w[0].start < w[1].start)
}
