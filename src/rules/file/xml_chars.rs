//! AL009: characters XML 1.0 forbids, written in the spec or decoded from an escape. Not in the
//! catalog; `build` refuses these characters, so `check` reports them first. [`scan`] is the
//! one implementation, used by the rule and by `build`.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink, StopsBuild};
use crate::source::{Node, SourceFile, Span, Value};

/// At most this many characters written in the file are listed one by one; one more finding
/// counts the rest.
const MAX_LISTED: usize = 10;

pub static AL009: Rule = Rule {
    id: RuleId::new("AL009"),
    name: "xml-characters",
    severity: RuleSeverity::Error,
    summary: "the spec holds no character XML 1.0 forbids (control characters, U+FFFE, U+FFFF)",
    docs: r#"## What it does
Reports every character that XML 1.0 does not allow in a document — the control characters
U+0000–U+001F other than tab, line feed and carriage return, and U+FFFE and U+FFFF:

- written in the file as it is (at most 10 listed one by one; one more finding counts the
  rest), and
- decoded from an escape in a string or key (`"\u0001"` in JSON, `"\x0B"` in YAML), at that
  string.

## Why
Salesforce keeps the spec and the text taken from it in XML: the External Service
registration holds the whole spec in its `schema` element, and labels, descriptions, topic
instructions and agent actions are metadata XML too. XML 1.0 has no way to write these
characters, not even as `&#1;` (§2.2, production `Char`), so a file that holds one is not XML
and cannot be deployed or retrieved. `applinkc build` refuses such a spec; AL009 says so
before you build. They are invisible in most editors: they usually come from a copy and paste
out of a PDF or a terminal.

## Example
```yaml
info:
  title: "Quotes\u000B"
```

## Use instead
```yaml
info:
  title: Quotes
```

## Source
Extensible Markup Language (XML) 1.0, §2.2 *Characters*; Metadata API
*ExternalServiceRegistration* `schema` (S16): the spec is stored in the registration.

## applinkc differs from the catalog
The catalog has no AL009: its file rules end at AL008. applinkc adds it because `build`
refuses these characters (it writes XML), and a spec check should tell you before a build
does; the id continues the catalog's file rules. It is an error because no XML file can carry
the character, so neither a build nor, as far as applinkc can tell, a publish through the
Metadata API can succeed with it.
"#,
    check: check_al009,
};

/// `applinkc build` cannot compile past AL009's problem (`publication` refuses it).
pub static AL009_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL009,
    why: "metadata files are XML",
};

/// One character XML forbids, where it is.
pub struct Found {
    pub span: Span,
    pub message: String,
    pub help: &'static str,
}

fn check_al009(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for found in scan(ctx.source, ctx.root()) {
        sink.report(found.span, found.message).help(found.help);
    }
}

/// Whether XML 1.0 allows `c` in a document (production `Char`, §2.2).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// The first character of `text` that XML 1.0 forbids, with its byte offset.
pub fn first_illegal_xml_char(text: &str) -> Option<(usize, char)> {
    // Such a character starts with a C0 control byte (other than tab, line feed, carriage
    // return) or with 0xEF (U+FFFE and U+FFFF are EF BF BE/BF). Blocks without either byte are
    // skipped with a check the compiler vectorises: decoding every character of a 13 MB spec,
    // twice, was the slowest rule.
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let suspicious = |b: u8| (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0xEF;
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + BLOCK).min(bytes.len());
        if bytes[at..end].iter().fold(false, |found, &b| found | suspicious(b)) {
            let from = text.floor_char_boundary(at);
            let hit = text[from..]
                .char_indices()
                .take_while(|(i, _)| from + i < end)
                .find(|(_, c)| !is_xml_char(*c));
            if let Some((i, c)) = hit {
                return Some((from + i, c));
            }
        }
        at = end;
    }
    None
}

/// The first U+FFFE or U+FFFF of `text` (EF BF BE, EF BF BF), found with a vectorised search
/// for 0xEF: for text that cannot hold a C0 control character.
fn first_noncharacter(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xEF, bytes).find_map(|at| match bytes.get(at + 1..at + 3) {
        Some([0xBF, 0xBE]) => Some((at, '\u{FFFE}')),
        Some([0xBF, 0xBF]) => Some((at, '\u{FFFF}')),
        _ => None,
    })
}

/// Every character XML forbids in the spec: those written in the text (at most
/// [`MAX_LISTED`], then one finding for the rest), then strings and keys whose escapes decode
/// to one, in document order.
pub fn scan(source: &SourceFile, root: &Node) -> Vec<Found> {
    let text = &source.text;
    let mut out = Vec::new();
    let mut from = 0;
    let mut count = 0;
    let mut rest: Option<(Span, usize)> = None;
    // Parsed JSON holds no raw control character: only U+FFFE and U+FFFF can be written.
    let find = if source.parsed_as_json() {
        first_noncharacter
    } else {
        first_illegal_xml_char
    };
    while let Some((at, c)) = find(&text[from..]) {
        let start = from + at;
        let span = Span::new(start, start + c.len_utf8());
        count += 1;
        if count <= MAX_LISTED {
            out.push(Found {
                span,
                message: format!(
                    "the spec contains {}, a character XML 1.0 does not allow",
                    describe(c)
                ),
                help: "remove it: the spec is stored in the External Service registration, an XML file, which cannot carry it",
            });
        } else {
            rest.get_or_insert((span, 0)).1 += 1;
        }
        from = start + c.len_utf8();
    }
    if let Some((span, n)) = rest {
        out.push(Found {
            span,
            message: format!(
                "the spec contains {n} more characters XML 1.0 does not allow, from here on (not listed one by one)"
            ),
            help: "remove the control characters: the spec is stored in an XML file, which cannot carry them",
        });
    }
    let mut seen: Vec<Span> = Vec::new();
    if source.tree_in_source_order() {
        // Only an escape can decode to a character that is not written: look up the strings
        // holding one instead of walking every string of the tree (in source order, so the
        // findings come in the walk's order).
        for at in escapes(text) {
            if let Some((value, span)) = root.string_at_ordered(at as u32)
                && seen.last() != Some(&span)
            {
                decoded(value, span, text, &mut seen, &mut out);
            }
        }
    } else {
        walk(root, text, &mut seen, &mut out);
    }
    out
}

/// Byte offsets of the escapes that can decode to a character XML forbids, in JSON (`\b`,
/// `\f`, `\u`) and in YAML double-quoted strings (also `\0`, `\a`, `\e`, `\v`, `\x`,
/// `\U`). `\\` is an escaped backslash, skipped as a pair. A backslash that is no escape (a
/// plain YAML scalar) may be listed too: [`decoded`] then finds nothing to report.
fn escapes(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'\\', &bytes[from..]) {
        let at = from + i;
        match bytes.get(at + 1) {
            Some(b'\\') => {
                from = at + 2;
                continue;
            }
            Some(b'0' | b'a' | b'b' | b'e' | b'f' | b'u' | b'v' | b'x' | b'U') => out.push(at),
            _ => {}
        }
        from = at + 1;
    }
    out
}

/// Strings and keys with an escape that decodes to a character XML forbids. Aliases share
/// spans: each place is reported once.
fn walk(node: &Node, text: &str, seen: &mut Vec<Span>, out: &mut Vec<Found>) {
    match &node.value {
        Value::Str(s) => decoded(s, node.span, text, seen, out),
        Value::Map(entries) => {
            for entry in entries {
                decoded(&entry.key, entry.key_span, text, seen, out);
                walk(&entry.value, text, seen, out);
            }
        }
        Value::Seq(items) => {
            for item in items {
                walk(item, text, seen, out);
            }
        }
        _ => {}
    }
}

/// A string or key at `span` whose value is `value`.
fn decoded(value: &str, span: Span, text: &str, seen: &mut Vec<Span>, out: &mut Vec<Found>) {
    // Written as it is (no escape: a plain scalar, or the text between the quotes): the text
    // scan has seen these characters. Comparing is much cheaper than decoding again.
    let raw = text.get(span.range()).unwrap_or("");
    if raw == value || (raw.len() == value.len() + 2 && raw.get(1..raw.len() - 1) == Some(value)) {
        return;
    }
    let Some((_, c)) = first_illegal_xml_char(value) else {
        return;
    };
    // The escape decodes to such a character, but one is written too: the text scan reported it.
    if first_illegal_xml_char(raw).is_some() || seen.contains(&span) {
        return;
    }
    seen.push(span);
    out.push(Found {
        span,
        message: format!(
            "this string decodes to {}, a character XML 1.0 does not allow",
            describe(c)
        ),
        help: "remove the escape sequence: Salesforce keeps spec text in XML metadata, which cannot carry this character",
    });
}

/// `U+000B (vertical tab)`.
fn describe(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{B}' => " (vertical tab)",
        '\u{C}' => " (form feed)",
        '\u{1B}' => " (escape)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_chars() {
        assert!(is_xml_char('\t') && is_xml_char('é') && is_xml_char('\u{1F600}'));
        assert!(!is_xml_char('\u{1}') && !is_xml_char('\u{B}') && !is_xml_char('\u{FFFE}'));
        assert_eq!(first_illegal_xml_char("ab\u{1}"), Some((2, '\u{1}')));
    }

    fn found(text: &str, name: &str) -> Vec<(String, String)> {
        let (source, loaded) = crate::source::load(name, text.as_bytes().to_vec());
        let root = loaded.root.expect("loads");
        scan(&source, &root)
            .into_iter()
            .map(|f| (text[f.span.range()].to_string(), f.message))
            .collect()
    }

    /// The look-up of escaped strings (trees in source order) finds what the walk of every
    /// string finds, in the same order.
    #[test]
    fn escape_look_up_agrees_with_the_walk() {
        let docs = [
            (
                "a.json",
                r#"{"a\u0001": ["\\u0001", "x\by", {"k": "\ufffe\u0007"}], "b": "\\\f", "c": "\t\n"}"#,
            ),
            (
                "a.yaml",
                "a: \"\\x01\"\nb: '\\x01'\nc: \\x01\n\"k\\e\": [\"\\U00000002\", \"\\\\a\", \"\\\\\\a\"]\nd: \"\\0\\v\"\n",
            ),
            ("b.yaml", "x:\n  - \"ok\\u0009\"\n  - {y: \"\\b\"}\n"),
            // Anchors without an alias keep the tree in source order, so the look-up runs.
            ("c.yaml", "u: 'q&r'\nv: &x \"\\a\"\nw: {&k \"\\e\": [&y \"\\x0B\"]}\n"),
        ];
        for (name, text) in docs {
            let (source, loaded) = crate::source::load(name, text.as_bytes().to_vec());
            let root = loaded.root.expect("loads");
            assert!(source.tree_in_source_order(), "{name}");
            let spans = |v: Vec<Found>| v.into_iter().map(|f| (f.span, f.message)).collect::<Vec<_>>();
            let mut walked = Vec::new();
            walk(&root, &source.text, &mut Vec::new(), &mut walked);
            let looked_up: Vec<_> = spans(scan(&source, &root));
            assert_eq!(looked_up, spans(walked), "{name}");
            assert!(!looked_up.is_empty(), "{name}");
        }
    }

    #[test]
    fn in_parsed_json_only_noncharacters_can_be_written() {
        let text = "{\"a\": \"x\u{FFFE}y\u{FFFF}\u{FFFD}\", \"\u{EF}\": 1}";
        assert_eq!(first_noncharacter(text), first_illegal_xml_char(text));
        let found = |t: &str| {
            let mut out = Vec::new();
            let mut from = 0;
            while let Some((at, c)) = first_noncharacter(&t[from..]) {
                out.push((from + at, c));
                from += at + c.len_utf8();
            }
            out
        };
        assert_eq!(found(text), [(8, '\u{FFFE}'), (12, '\u{FFFF}')]);
        let (source, _) = crate::source::load("a.json", text.as_bytes().to_vec());
        assert!(source.parsed_as_json());
        let (source, _) = crate::source::load("a.json", b"{\"a\": \"\x01\"}".to_vec());
        assert!(!source.parsed_as_json(), "a raw control character is a load error");
    }

    #[test]
    fn written_and_escaped_characters_are_found_once_each() {
        let yaml = "a: \"x\\u000By\"\nb: &s \"\\x01\"\nc: *s\n\"k\\u0007\": 1\nd: \"\u{1}\"\n";
        assert_eq!(
            found(yaml, "s.yaml"),
            [
                (
                    "\u{1}".to_string(),
                    "the spec contains U+0001, a character XML 1.0 does not allow".to_string()
                ),
                (
                    "\"x\\u000By\"".to_string(),
                    "this string decodes to U+000B (vertical tab), a character XML 1.0 does not allow".to_string()
                ),
                (
                    // An anchored node's span holds its anchor.
                    "&s \"\\x01\"".to_string(),
                    "this string decodes to U+0001, a character XML 1.0 does not allow".to_string()
                ),
                (
                    "\"k\\u0007\"".to_string(),
                    "this string decodes to U+0007 (bell), a character XML 1.0 does not allow".to_string()
                ),
            ]
        );
        assert!(found("{\"a\": \"\\t\\n\\r\\u00e9\"}", "s.json").is_empty());
    }

    #[test]
    fn past_ten_written_characters_one_finding_counts_the_rest() {
        let yaml = format!("a: \"{}\"\n", "\u{2}".repeat(25));
        let all = found(&yaml, "s.yaml");
        assert_eq!(all.len(), 11);
        assert_eq!(
            all[10].1,
            "the spec contains 15 more characters XML 1.0 does not allow, from here on (not listed one by one)"
        );
    }

    #[test]
    fn the_block_scan_finds_what_the_character_scan_finds() {
        let naive = |t: &str| t.char_indices().find(|(_, c)| !is_xml_char(*c));
        let pieces = [
            "a", "\n", "\t", "é", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{1}", "\u{1F}", "\u{EFFF}", "😀", "\u{FF10}",
        ];
        let mut text = String::new();
        for i in 0..3000usize {
            text.push_str(pieces[(i * 7 + i / 13) % 4]);
            if i % 61 == 60 {
                text.push_str(pieces[4 + (i / 61) % 8]);
            }
        }
        for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)).step_by(17) {
            let t = &text[start..];
            assert_eq!(first_illegal_xml_char(t), naive(t), "from {start}");
        }
    }
}
