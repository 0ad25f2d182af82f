//! rustc-style text: `error[AL805]: …`, ` --> file:line:col`, the line with a caret, `= help:`.

use super::{Diagnostic, FileReport, Severity, Totals, escape_text, is_unsafe_char};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// How much of a line is shown after a finding (minified JSON is one huge line).
const WINDOW: usize = 160;
/// Beyond this many bytes into a line, a finding shows an excerpt instead of the line.
const FAR: usize = 4096;

pub fn render(reports: &[FileReport], color: bool) -> String {
    let mut out = String::new();
    write(reports, color, 0, &mut |chunk| out.push_str(chunk));
    out
}

/// Above this many bytes, [`write`] hands the text rendered so far to its caller.
const CHUNK: usize = 64 * 1024;

/// [`render`] in pieces of about [`CHUNK`] bytes, handed to `emit` in order, so that a report
/// of thousands of findings is never held whole (on GitHub's spec it is 2.7 MB). `ignored`
/// findings, when any, are counted on the summary line.
pub fn write(reports: &[FileReport], color: bool, ignored: usize, emit: &mut dyn FnMut(&str)) {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            if color || !render_plain(&mut out, report, d) {
                out.push_str(&render_one(&renderer, report, d));
            }
            out.push_str("\n\n");
            if out.len() >= CHUNK {
                emit(&out);
                out.clear();
            }
        }
    }
    out.push_str(&Totals::of(reports).summary_line());
    if ignored > 0 {
        out.push_str(&format!(" ({ignored} ignored by the config or baseline)"));
    }
    out.push('\n');
    emit(&out);
}

fn render_one(renderer: &Renderer, report: &FileReport, d: &Diagnostic) -> String {
    let source = &report.source;
    let text = &source.text;
    let start = source.line_col(d.span.start);
    let lines = source.lines();
    let line = lines.line_range(text, start.line);
    // The caret covers the span on its first line only.
    let span_start = text.floor_char_boundary((d.span.start as usize).clamp(line.start, line.end));
    let span_end = text.ceil_char_boundary((d.span.end as usize).clamp(span_start, line.end));
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    // Spec text never reaches the terminal raw: messages, names and pointers are escaped
    // (`\u{1b}`), and the source line shows control characters as visible pictures.
    let message = escape_text(&d.message);
    let name = escape_text(&source.name);
    let title = level.primary_title(message.as_ref()).id(d.rule.as_str());
    let mut group = if span_start - line.start <= FAR {
        // The snippet starts at the line start, so annotate-snippets computes the true column;
        // it trims what does not fit the terminal width itself.
        let end = text.ceil_char_boundary((span_end + WINDOW).min(line.end));
        let a = span_start - line.start;
        let b = span_end.min(end) - line.start;
        let (snippet_text, a, b) = visible(&text[line.start..end], a, b);
        let b = if b == a { next_char_end(&snippet_text, a) } else { b };
        title.element(
            Snippet::source(snippet_text)
                .line_start(start.line)
                .path(name.clone())
                .annotation(AnnotationKind::Primary.span(a..b)),
        )
    } else {
        // Far into a very long line (minified JSON): give the location and an excerpt.
        let from = text.floor_char_boundary(span_start.saturating_sub(WINDOW / 2));
        let to = text.ceil_char_boundary((span_start + WINDOW / 2).min(line.end));
        let origin = Origin::path(name.clone()).line(start.line).char_column(start.col);
        title
            .element(origin)
            .element(Level::NOTE.message(format!("source: …{}…", escape_text(&text[from..to]))))
    };
    if !d.pointer.is_empty() || d.span.start == 0 {
        group = group.element(Level::NOTE.message(format!("at {}", escape_text(&display_pointer(&d.pointer)))));
    }
    let related: Vec<String> = d.related.iter().map(|r| related_note(source, r)).collect();
    for note in d.notes.iter().chain(&related) {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(escape_text(help)));
    }
    if let Some(fix) = &d.fix {
        let text = format!("{} ({})", fix.title, fix.safety.as_str());
        group = group.element(Level::HELP.with_name("fix").message(escape_text(&text).into_owned()));
    }
    let groups: Vec<Group<'_>> = vec![group];
    renderer.render(&groups)
}

/// The common case without colour, written directly: one short ASCII line with a caret under
/// the span, a note and/or a help. annotate-snippets lays out any snippet (wide characters,
/// tabs, long lines to trim, several lines) and costs ~7 µs a finding, most of the human
/// report of a big spec; for this case its output is simple and fixed, and
/// `tests::plain_fast_path_matches_annotate_snippets` checks it is byte for byte the same.
/// Returns false, writing nothing, for anything else.
fn render_plain(out: &mut String, report: &FileReport, d: &Diagnostic) -> bool {
    let source = &report.source;
    let text = &source.text;
    let start = source.line_col(d.span.start);
    let line = source.lines().line_range(text, start.line);
    let span_start = d.span.start as usize;
    if span_start < line.start || span_start >= line.end {
        return false;
    }
    let note = !d.pointer.is_empty() || d.span.start == 0;
    if !plain_texts(source, d, note) {
        return false;
    }
    let place = PlainPlace {
        source,
        d,
        start,
        line,
        note,
    };
    let width = if span_start - place.line.start > FAR {
        place.write_excerpt(out)
    } else {
        place.write_snippet(out)
    };
    let Some(width) = width else {
        return false;
    };
    write_plain_notes(out, &place, width);
    true
}

/// Whether every text of the finding that the plain layout shows is printable ASCII.
fn plain_texts(source: &crate::source::SourceFile, d: &Diagnostic, note: bool) -> bool {
    // A related place's note is `also at <file>:<line>:<col>: <message>`: simple when its
    // message and the file name are, so the notes need not be formatted to be checked (a
    // grouped finding can list thousands; `write_plain_notes` writes them in place).
    simple(&d.message)
        && d.notes.iter().all(|n| simple(n))
        && d.related.iter().all(|r| simple(&r.message))
        && simple(&source.name)
        && (!note || simple(&d.pointer))
        && d.help.as_deref().is_none_or(simple)
        && d.fix.as_ref().is_none_or(|f| simple(&f.title))
}

/// Whether the text is printable ASCII only.
fn simple(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Writes `n` spaces.
fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A finding for the plain layout: where it is, and whether it has a pointer note.
struct PlainPlace<'a> {
    source: &'a crate::source::SourceFile,
    d: &'a Diagnostic,
    start: crate::source::LineCol,
    line: std::ops::Range<usize>,
    note: bool,
}

impl PlainPlace<'_> {
    /// `error`, `warning` or `info`.
    fn level(&self) -> &'static str {
        match self.d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Far into a very long line: the heading, location and an excerpt, as in `render_one`;
    /// the width of the margin (none), or `None`, writing nothing, when the excerpt is not simple.
    fn write_excerpt(&self, out: &mut String) -> Option<usize> {
        use std::fmt::Write;
        let (text, d) = (&self.source.text, self.d);
        let span_start = d.span.start as usize;
        let from = text.floor_char_boundary(span_start.saturating_sub(WINDOW / 2));
        let to = text.ceil_char_boundary((span_start + WINDOW / 2).min(self.line.end));
        let excerpt = &text[from..to];
        if !simple(excerpt) {
            return None;
        }
        let _ = writeln!(out, "{}[{}]: {}", self.level(), d.rule, d.message);
        let _ = writeln!(out, "--> {}:{}:{}", self.source.name, self.start.line, self.start.col);
        let _ = write!(out, " = note: source: …{excerpt}…");
        Some(0)
    }

    /// The heading, location and the line with a caret under the span; the width of the line
    /// number margin, or `None`, writing nothing, for a line the plain layout cannot show.
    fn write_snippet(&self, out: &mut String) -> Option<usize> {
        /// Lines longer than this may be trimmed to the terminal width by annotate-snippets.
        const MAX_LINE: usize = 100;
        use std::fmt::Write;
        let (line, d) = (&self.line, self.d);
        let line_text = &self.source.text[line.clone()];
        if line.len() > MAX_LINE || !simple(line_text) || line_text.ends_with(' ') || (!self.note && d.help.is_none()) {
            return None;
        }
        let (span_start, span_end) = (d.span.start as usize, d.span.end as usize);
        let a = span_start - line.start;
        let b = span_end.clamp(span_start + 1, line.end) - line.start;
        let width = self.start.line.to_string().len();
        let _ = writeln!(out, "{}[{}]: {}", self.level(), d.rule, d.message);
        pad(out, width);
        let _ = writeln!(out, "--> {}:{}:{}", self.source.name, self.start.line, a + 1);
        pad(out, width + 1);
        out.push_str("|\n");
        // Deep indentation is cut like annotate-snippets does (its margin.rs): when the
        // indentation before the span passes 26 columns, the line is shown from 16 columns
        // before that margin, its first three characters replaced by `...`.
        let indent = line_text.len() - line_text.trim_start_matches(' ').len();
        let margin = indent.min(a).saturating_sub(6);
        let left = if margin > 20 { margin - 16 } else { 0 };
        let _ = write!(out, "{} | ", self.start.line);
        if left > 0 {
            out.push_str("...");
            out.push_str(&line_text[left + 3..]);
        } else {
            out.push_str(line_text);
        }
        out.push('\n');
        pad(out, width + 1);
        out.push_str("| ");
        pad(out, a - left);
        out.extend(std::iter::repeat_n('^', b - a));
        out.push('\n');
        pad(out, width + 1);
        out.push('|');
        Some(width)
    }
}

/// The `= note:`, `= help:` and `= fix:` lines of a finding in the plain layout.
fn write_plain_notes(out: &mut String, place: &PlainPlace<'_>, width: usize) {
    use std::fmt::Write;
    let d = place.d;
    let item = |out: &mut String| {
        out.push('\n');
        pad(out, width + 1);
    };
    if place.note {
        item(out);
        let _ = write!(out, "= note: at {}", display_pointer(&d.pointer));
    }
    for note in &d.notes {
        item(out);
        let _ = write!(out, "= note: {note}");
    }
    for r in &d.related {
        item(out);
        out.push_str("= note: ");
        write_related(out, place.source, r);
    }
    if let Some(help) = &d.help {
        item(out);
        let _ = write!(out, "= help: {help}");
    }
    if let Some(fix) = &d.fix {
        item(out);
        let _ = write!(out, "= fix: {} ({})", fix.title, fix.safety.as_str());
    }
}

/// A source line as shown: every unsafe character but tab (which annotate-snippets lays out)
/// replaced by a visible one-column character — its Control Picture (`␛` for ESC) for C0 and
/// DEL, `�` for the others — with the span `a..b` moved to match.
fn visible(line: &str, a: usize, b: usize) -> (std::borrow::Cow<'_, str>, usize, usize) {
    if !line.chars().any(|c| c != '\t' && is_unsafe_char(c)) {
        return (std::borrow::Cow::Borrowed(line), a, b);
    }
    let (mut out, mut na, mut nb) = (String::with_capacity(line.len() + 8), a, b);
    for (i, c) in line.char_indices() {
        if i == a {
            na = out.len();
        }
        if i == b {
            nb = out.len();
        }
        out.push(match c {
            '\t' => '\t',
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if is_unsafe_char(c) => '\u{fffd}',
            c => c,
        });
    }
    if a >= line.len() {
        na = out.len();
    }
    if b >= line.len() {
        nb = out.len();
    }
    (std::borrow::Cow::Owned(out), na, nb)
}

/// `also at api-spec.yaml:12:7: property `last_name` becomes `lastx5fname``: one other place of
/// a grouped finding.
fn related_note(source: &crate::source::SourceFile, r: &super::Related) -> String {
    let mut note = String::new();
    write_related(&mut note, source, r);
    note
}

/// [`related_note`], written onto `out`.
fn write_related(out: &mut String, source: &crate::source::SourceFile, r: &super::Related) {
    use std::fmt::Write;
    let at = source.line_col(r.span.start);
    let _ = write!(out, "also at {}:{}:{}: {}", source.name, at.line, at.col, r.message);
}

fn display_pointer(pointer: &str) -> String {
    if pointer.is_empty() {
        "#".to_string()
    } else {
        format!("#{pointer}")
    }
}

fn next_char_end(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, Span};

    #[test]
    fn plain_fast_path_matches_annotate_snippets() {
        let renderer = Renderer::plain();
        let mut checked = 0;
        for lines_before in [0, 8, 9, 98, 12_345] {
            for indent in [0, 1, 19, 26, 27, 28, 33, 40, 60] {
                let code = "\"created_at\": {\"type\": \"string\"}";
                let mut text = "x\n".repeat(lines_before);
                let line_start = text.len();
                text.push_str(&" ".repeat(indent));
                text.push_str(code);
                text.push_str("\n}\n");
                let source = SourceFile::new("dir/api-spec.json", text);
                let mut report = FileReport {
                    source,
                    diagnostics: Vec::new(),
                };
                // Spans at the key, inside the line, empty, and running past the line end.
                for (from, len) in [(0, 12), (14, 1), (3, 0), (16, 200), (code.len() - 1, 1)] {
                    let start = line_start + indent + from;
                    for (pointer, help) in [
                        ("/a/b", None),
                        ("", Some("rename it")),
                        ("/a~1b", Some("do `this`")),
                        ("", None),
                    ] {
                        let d = Diagnostic {
                            rule: crate::rules::find("AL505").unwrap().id,
                            severity: Severity::Warning,
                            message: "property `created_at` becomes `createdx5fat` in Apex".into(),
                            help: help.map(str::to_string),
                            pointer: pointer.into(),
                            span: Span::new(start, start + len),
                            notes: Vec::new(),
                            related: Vec::new(),
                            fix: None,
                            flag: None,
                        };
                        // A grouped finding: its other places are notes.
                        let mut grouped = d.clone();
                        grouped.notes = vec!["`applinkc build` refuses it".into()];
                        grouped.related = vec![
                            super::super::Related {
                                span: Span::new(0, 1),
                                pointer: "/x".into(),
                                message: "property `a_b` becomes `ax5fb`".into(),
                            };
                            2
                        ];
                        for d in [d, grouped] {
                            report.diagnostics = vec![d.clone()];
                            let mut fast = String::new();
                            if render_plain(&mut fast, &report, &d) {
                                assert_eq!(fast, render_one(&renderer, &report, &d), "{d:?} indent {indent}");
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 800, "the fast path was taken {checked} times");
    }

    #[test]
    fn plain_fast_path_matches_annotate_snippets_far_into_a_long_line() {
        let renderer = Renderer::plain();
        // Far into one long line (minified JSON): the excerpt layout.
        let text = format!("{{\"a\":\"{}\",\"b_c\":{{\"type\":\"string\"}}}}", "x".repeat(5000));
        let at = text.find("\"b_c\"").unwrap();
        let mut report = FileReport {
            source: SourceFile::new("min.json", text),
            diagnostics: Vec::new(),
        };
        for (pointer, help) in [("/b_c", Some("rename it")), ("/b_c", None), ("", Some("x")), ("", None)] {
            let d = Diagnostic {
                rule: crate::rules::find("AL505").unwrap().id,
                severity: Severity::Info,
                message: "m".into(),
                help: help.map(str::to_string),
                pointer: pointer.into(),
                span: Span::new(at, at + 5),
                notes: Vec::new(),
                related: Vec::new(),
                fix: None,
                flag: None,
            };
            report.diagnostics = vec![d.clone()];
            let mut fast = String::new();
            assert!(render_plain(&mut fast, &report, &d));
            assert_eq!(fast, render_one(&renderer, &report, &d));
        }
    }
}
