//! `--format junit`: JUnit XML as read by GitLab, Jenkins, Azure DevOps and the JUnit report
//! actions. One `<testsuite>` per file; one failing `<testcase>` per finding, named after its
//! rule and location; a clean file gets one passing test case, `no findings`.

use super::{FileReport, RunInfo, Severity, Totals};
use crate::rules::file::xml_chars::is_xml_char;
use std::fmt::Write;

pub fn render(reports: &[FileReport], _run: &RunInfo) -> String {
    let totals = Totals::of(reports);
    let cases = |r: &FileReport| r.diagnostics.len().max(1);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let findings = totals.errors + totals.warnings + totals.infos;
    let _ = writeln!(
        out,
        "<testsuites name=\"applinkc\" tests=\"{}\" failures=\"{findings}\" errors=\"0\">",
        reports.iter().map(cases).sum::<usize>(),
    );
    for report in reports {
        let file = escape(&report.source.name);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{file}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            cases(report),
            report.diagnostics.len()
        );
        if report.diagnostics.is_empty() {
            let _ = writeln!(out, "    <testcase name=\"no findings\" classname=\"{file}\"/>");
        }
        for d in &report.diagnostics {
            let at = report.start(d);
            let name = format!("{} {}:{}:{}", d.rule, report.source.name, at.line, at.col);
            let mut body = format!(
                "{}[{}]: {}\n --> {}:{}:{}\nat #{}",
                d.severity, d.rule, d.message, report.source.name, at.line, at.col, d.pointer
            );
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            let _ = writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"{file}\" file=\"{file}\" line=\"{}\">",
                escape(&name),
                at.line
            );
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&d.message),
                severity(d.severity),
                escape(&body).replace("&#10;", "\n")
            );
            let _ = writeln!(out, "    </testcase>");
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    out.push_str("</testsuites>\n");
    out
}

fn severity(s: Severity) -> &'static str {
    s.as_str()
}

/// Escapes text for an attribute or element; characters XML 1.0 forbids become U+FFFD, and
/// line breaks inside attributes are kept as character references.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Control and bidirectional characters never appear raw: a character reference
            // where XML 1.0 allows the character, else a `\u{1b}` escape.
            c if super::is_unsafe_char(c) && is_xml_char(c) => out.push_str(&format!("&#x{:x};", c as u32)),
            c if super::is_unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_illegal_characters() {
        assert_eq!(escape("a<b & \"c\"\u{1}\n"), "a&lt;b &amp; &quot;c&quot;\\u{1}&#10;");
        assert_eq!(escape("\u{85}\u{202e}\u{FFFF}"), "&#x85;&#x202e;\u{FFFD}");
    }
}
