//! `--format markdown`: a summary for a GitHub job summary (`$GITHUB_STEP_SUMMARY`) or a
//! pull-request comment — one table row per file with its counts, then each finding as a list
//! item with its rule, place, message and help. Text from the spec is escaped so that it can
//! neither close the table nor inject markup; control characters are written as `\u{…}`.

use super::{FileReport, RunInfo, Severity, Totals};
use std::fmt::Write;

pub fn render(reports: &[FileReport], run: &RunInfo) -> String {
    let totals = Totals::of(reports);
    let mut out = String::from("## applinkc\n\n");
    let _ = writeln!(
        out,
        "{} {}, {} {}, {} {} in {} {}{}\n",
        totals.errors,
        plural(totals.errors, "error"),
        totals.warnings,
        plural(totals.warnings, "warning"),
        totals.infos,
        plural(totals.infos, "info"),
        totals.files,
        plural(totals.files, "file"),
        if run.ignored > 0 {
            format!(" ({} ignored by the config or baseline)", run.ignored)
        } else {
            String::new()
        }
    );
    if reports.is_empty() {
        return out;
    }
    out.push_str("| file | errors | warnings | infos |\n| --- | ---: | ---: | ---: |\n");
    for report in reports {
        let t = Totals::of(std::slice::from_ref(report));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            code(&shown_name(report, run)),
            t.errors,
            t.warnings,
            t.infos
        );
    }
    for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let _ = writeln!(out, "\n### {}\n", code(&shown_name(report, run)));
        for d in &report.diagnostics {
            let at = report.start(d);
            let icon = match d.severity {
                Severity::Error => "🔴 error",
                Severity::Warning => "🟡 warning",
                Severity::Info => "🔵 info",
            };
            let _ = write!(
                out,
                "- {icon} **{}** line {}, column {}: {}",
                d.rule,
                at.line,
                at.col,
                text(&d.message)
            );
            if let Some(help) = &d.help {
                let _ = write!(out, "<br>help: {}", text(help));
            }
            out.push('\n');
        }
    }
    out
}

fn shown_name(report: &FileReport, run: &RunInfo) -> String {
    run.relative(&report.source.name)
        .unwrap_or_else(|| report.source.name.clone())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}

/// A message or help text: its `` `code` `` spans stay code spans (nothing inside one is
/// interpreted), the text between them has markup and HTML characters escaped; line breaks
/// become `<br>` and control characters `\u{…}`. Unbalanced backticks (a value that contains
/// one) make the whole text plain.
fn text(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return plain(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push('`');
            out.push_str(&text_in_code(part));
            out.push('`');
        } else {
            out.push_str(&plain(part));
        }
    }
    out
}

fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            c if super::is_unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A file name as inline code (backticks inside are replaced: names rarely have them).
fn code(s: &str) -> String {
    format!("`{}`", text_in_code(s))
}

/// Inside a code span: no backtick (it would end the span), no line break or control
/// character (shown as `�`), no `|` (it would end a table cell even there).
fn text_in_code(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '`' => '\'',
            '|' => '¦',
            c if super::is_unsafe_char(c) => '�',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_text_cannot_break_the_markup() {
        assert_eq!(
            text("a | b `c <d>` <script>\n*x*\u{1b}"),
            "a \\| b `c <d>` &lt;script&gt;<br>\\*x\\*\\u{001b}"
        );
        assert_eq!(text("odd ` tick"), "odd \\` tick");
        assert_eq!(code("a|b`c"), "`a¦b'c`");
    }
}
