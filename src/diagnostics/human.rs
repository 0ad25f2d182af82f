//! rustc-style text: `error[AL805]: …`, ` --> file:line:col`, the line with a caret, `= help:`.

use super::{Diagnostic, FileReport, Severity, Totals};
use crate::source::floor_char_boundary;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// How much of a line is shown after a finding (minified JSON is one huge line).
const WINDOW: usize = 160;
/// Beyond this many bytes into a line, a finding shows an excerpt instead of the line.
const FAR: usize = 4096;

pub fn render(reports: &[FileReport], color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            out.push_str(&render_one(&renderer, report, d));
            out.push_str("\n\n");
        }
    }
    out.push_str(&Totals::of(reports).summary_line());
    out.push('\n');
    out
}

fn render_one(renderer: &Renderer, report: &FileReport, d: &Diagnostic) -> String {
    let source = &report.source;
    let text = &source.text;
    let start = source.line_col(d.span.start);
    let lines = source.lines();
    let line = lines.line_range(text, start.line);
    // The caret covers the span on its first line only.
    let span_start = floor_char_boundary(text, (d.span.start as usize).clamp(line.start, line.end));
    let span_end = ceil_char_boundary(text, (d.span.end as usize).clamp(span_start, line.end));
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = level.primary_title(d.message.as_str()).id(d.rule);
    let mut group = if span_start - line.start <= FAR {
        // The snippet starts at the line start, so annotate-snippets computes the true column;
        // it trims what does not fit the terminal width itself.
        let end = ceil_char_boundary(text, (span_end + WINDOW).min(line.end));
        let snippet_text = &text[line.start..end];
        let a = span_start - line.start;
        let b = span_end.min(end) - line.start;
        let b = if b == a { next_char_end(snippet_text, a) } else { b };
        title.element(
            Snippet::source(snippet_text)
                .line_start(start.line)
                .path(source.name.as_str())
                .annotation(AnnotationKind::Primary.span(a..b)),
        )
    } else {
        // Far into a very long line (minified JSON): give the location and an excerpt.
        let from = floor_char_boundary(text, span_start.saturating_sub(WINDOW / 2));
        let to = ceil_char_boundary(text, (span_start + WINDOW / 2).min(line.end));
        let origin = Origin::path(source.name.as_str())
            .line(start.line)
            .char_column(start.col);
        title
            .element(origin)
            .element(Level::NOTE.message(format!("source: …{}…", &text[from..to])))
    };
    if !d.pointer.is_empty() || d.span.start == 0 {
        group = group.element(Level::NOTE.message(format!("at {}", display_pointer(&d.pointer))));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let groups: Vec<Group<'_>> = vec![group];
    renderer.render(&groups)
}

fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
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
