//! `--format github`: GitHub Actions workflow commands, one line per finding, which the runner
//! turns into annotations on the pull request:
//!
//! `::error file=api.yaml,line=4,col=12,endLine=4,endColumn=15,title=AL101::message`
//!
//! `::warning` and `::notice` for the other severities. Columns are sent only when the finding
//! starts and ends on the same line (GitHub ignores them otherwise). The help text follows the
//! message on a second annotation line. Escaping follows `@actions/core`: `%`, CR and LF in the
//! message; also `:` and `,` in property values. Control and bidirectional characters from the
//! spec are written as `\u{1b}` before that ([`super::escape_text`]).

use super::{FileReport, RunInfo, Severity, escape_text};

pub fn render(reports: &[FileReport], run: &RunInfo) -> String {
    let mut out = String::new();
    for report in reports {
        let file = run
            .relative(&report.source.name)
            .unwrap_or_else(|| report.source.name.clone());
        for d in &report.diagnostics {
            let start = report.start(d);
            let end = report.end(d);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = format!("file={},line={}", property(&escape_text(&file)), start.line);
            if start.line == end.line {
                props.push_str(&format!(
                    ",col={},endLine={},endColumn={}",
                    start.col, end.line, end.col
                ));
            } else {
                props.push_str(&format!(",endLine={}", end.line));
            }
            props.push_str(&format!(",title={}", property(d.rule.as_str())));
            // Spec text in a message never reaches the log raw (control characters could forge
            // workflow commands or colour the log): escaped first, then as `@actions/core` does.
            let mut message = escape_text(&d.message).into_owned();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(&escape_text(help));
            }
            out.push_str(&format!("::{command} {props}::{}\n", data(&message)));
        }
    }
    out
}

/// Escapes a command's message (`escapeData` in `@actions/core`).
pub fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (`escapeProperty` in `@actions/core`).
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_actions_core() {
        assert_eq!(data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
