//! Strict JSON (RFC 8259) → [`Node`] tree in one pass.
//!
//! applinkc started on `jsonc-parser` with every leniency off; building its AST and then our
//! tree cost two allocations per value and made the 13 MB spec slower than the parse floor
//! target (docs/performance.md). This parser builds the spanned tree directly. `jsonc-parser`
//! stays as the test oracle: `tests/json_oracle.rs` checks both accept and reject the same
//! inputs and build the same values.

use super::limits::MAX_DEPTH;
use super::node::{Entry, Node, Span, Text, Value};
use super::{LoadProblem, ProblemKind};
use rustc_hash::FxHashSet;
use std::sync::Arc;

pub fn parse(text: &str) -> Result<(Node, Vec<LoadProblem>), LoadProblem> {
    parse_shared(&Arc::new(text.to_owned()), 0)
}

/// [`parse`] of `buf[base..]`, whose strings without escapes share `buf` (spans stay relative
/// to `base`).
pub fn parse_shared(buf: &Arc<String>, base: usize) -> Result<(Node, Vec<LoadProblem>), LoadProblem> {
    let text = &buf[base..];
    let mut p = Parser {
        buf,
        base,
        text,
        bytes: text.as_bytes(),
        pos: 0,
        problems: Vec::new(),
        entries: Vec::new(),
        items: Vec::new(),
    };
    p.skip_ws();
    if p.pos == p.bytes.len() {
        return Err(LoadProblem::new(
            ProblemKind::Empty,
            Span::empty(0),
            "the file holds no JSON value".into(),
        ));
    }
    let root = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error_here("unexpected content after the JSON value"));
    }
    Ok((root, p.problems))
}

fn trailing_comma(at: usize, close: char) -> LoadProblem {
    LoadProblem::new(
        ProblemKind::Syntax,
        Span::new(at, at + 1),
        format!("invalid JSON: trailing comma before `{close}`"),
    )
    .with_help("remove the comma: JSON allows none after the last element")
}

struct Parser<'a> {
    /// The whole file, shared by the strings of the tree; `text` is `buf[base..]`.
    buf: &'a Arc<String>,
    base: usize,
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    problems: Vec<LoadProblem>,
    /// The members of the objects being parsed, innermost last: an object collects its members
    /// here and moves them into a vector of the exact size when it closes (one allocation per
    /// object instead of a growing vector per object).
    entries: Vec<Entry>,
    /// The same for array elements.
    items: Vec<Node>,
}

impl<'a> Parser<'a> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// An error at the current character (or at the end of the file).
    fn error_here(&self, what: &str) -> LoadProblem {
        let (span, found) = match self.text[self.pos..].chars().next() {
            Some(c) => (
                Span::new(self.pos, self.pos + c.len_utf8()),
                format!("found `{}`", c.escape_debug()),
            ),
            None => (Span::empty(self.pos), "found the end of the file".to_string()),
        };
        LoadProblem::new(ProblemKind::Syntax, span, format!("invalid JSON: {what}, {found}"))
    }

    fn value(&mut self, depth: usize) -> Result<Node, LoadProblem> {
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let start = self.pos;
                let s = self.string()?;
                Ok(Node::new(Span::new(start, self.pos), Value::Str(s)))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            _ => Err(self.error_here("expected a value")),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Node, LoadProblem> {
        let start = self.pos;
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(Node::new(Span::new(start, self.pos), value))
        } else {
            Err(self.error_here("expected a value"))
        }
    }

    fn enter(&self, depth: usize) -> Result<(), LoadProblem> {
        if depth >= MAX_DEPTH {
            return Err(LoadProblem::new(
                ProblemKind::TooDeep,
                Span::new(self.pos, self.pos + 1),
                format!("nesting is deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Node, LoadProblem> {
        self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node::new(Span::new(start, self.pos), Value::Seq(Box::default())));
        }
        let base = self.items.len();
        let mut comma = None;
        loop {
            self.skip_ws();
            if let (Some(comma), Some(b']')) = (comma, self.peek()) {
                return Err(trailing_comma(comma, ']'));
            }
            let item = self.value(depth + 1)?;
            self.items.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                }
                Some(b']') => {
                    self.pos += 1;
                    let items: Box<[Node]> = self.items.drain(base..).collect();
                    return Ok(Node::new(Span::new(start, self.pos), Value::Seq(items)));
                }
                _ => return Err(self.error_here("expected `,` or `]` after an array element")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, LoadProblem> {
        self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        // Past 16 members, duplicate keys are looked up in a set instead of compared one by one
        // (a `Text` is a shared range of the file: cloning one copies no text).
        let mut index: Option<FxHashSet<Text>> = None;
        let mut comma = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node::new(Span::new(start, self.pos), Value::Map(Box::default())));
        }
        let base = self.entries.len();
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                if let (Some(comma), Some(b'}')) = (comma, self.peek()) {
                    return Err(trailing_comma(comma, '}'));
                }
                return Err(self.error_here("expected a string key in double quotes"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error_here("expected `:` after an object key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            let duplicate = match &index {
                Some(index) => index.contains(&*key),
                None => self.entries[base..].iter().any(|e| e.key == key),
            };
            if duplicate {
                self.problems.push(LoadProblem::duplicate_key(&key, key_span, None));
            } else {
                if let Some(index) = &mut index {
                    index.insert(key.clone());
                } else if self.entries.len() - base == 16 {
                    let mut set: FxHashSet<Text> = self.entries[base..].iter().map(|e| e.key.clone()).collect();
                    set.insert(key.clone());
                    index = Some(set);
                }
                self.entries.push(Entry { key, key_span, value });
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                }
                Some(b'}') => {
                    self.pos += 1;
                    let entries: Box<[Entry]> = self.entries.drain(base..).collect();
                    return Ok(Node::new(Span::new(start, self.pos), Value::Map(entries)));
                }
                _ => return Err(self.error_here("expected `,` or `}` after an object member")),
            }
        }
    }

    /// A string starting at the opening quote; leaves `pos` after the closing quote.
    fn string(&mut self) -> Result<Text, LoadProblem> {
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escapes.
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'"' => {
                    let s = Text::shared(self.buf, self.base + start, self.base + self.pos);
                    self.pos += 1;
                    return Ok(s);
                }
                b'\\' => break,
                0..=0x1f => return Err(self.error_here("control characters must be escaped in strings")),
                _ => self.pos += 1,
            }
        }
        // An escape: the decoded string is at most as long as what is written up to the closing
        // quote, so it is allocated once at that size (growing it by doubling kept up to half
        // of each buffer unused for as long as the tree lives).
        let mut written = self.pos;
        while let Some(&b) = self.bytes.get(written) {
            match b {
                b'"' => break,
                b'\\' => written += 2,
                _ => written += 1,
            }
        }
        let mut out = String::with_capacity(written.min(self.bytes.len()) - start);
        out.push_str(&self.text[start..self.pos]);
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(self.error_here("unterminated string"));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(Text::owned(out));
                }
                b'\\' => {
                    let escape_at = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape(escape_at)?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error_here("invalid escape in string")),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                0..=0x1f => return Err(self.error_here("control characters must be escaped in strings")),
                _ => {
                    // Copy a run of plain characters at once.
                    let run_start = self.pos;
                    while let Some(&b) = self.bytes.get(self.pos) {
                        if b == b'"' || b == b'\\' || b < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    out.push_str(&self.text[run_start..self.pos]);
                }
            }
        }
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` for a surrogate pair.
    fn unicode_escape(&mut self, escape_at: usize) -> Result<char, LoadProblem> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.bytes[self.pos..].starts_with(b"\\u") {
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..0xE000).contains(&second) {
                    return Err(self.surrogate_error(escape_at));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            } else {
                return Err(self.surrogate_error(escape_at));
            }
        } else if (0xDC00..0xE000).contains(&first) {
            return Err(self.surrogate_error(escape_at));
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.surrogate_error(escape_at))
    }

    fn surrogate_error(&self, at: usize) -> LoadProblem {
        LoadProblem::new(
            ProblemKind::Syntax,
            Span::new(at, (at + 6).min(self.bytes.len())),
            "invalid JSON: `\\u` escape is a lone UTF-16 surrogate".into(),
        )
    }

    fn hex4(&mut self) -> Result<u32, LoadProblem> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit));
        let Some(digits) = digits else {
            return Err(self.error_here("expected four hex digits after `\\u`"));
        };
        let value = digits
            .iter()
            .fold(0u32, |acc, &d| acc * 16 + (d as char).to_digit(16).unwrap_or(0));
        self.pos += 4;
        Ok(value)
    }

    fn number(&mut self) -> Result<Node, LoadProblem> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error_here("expected a digit")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit in the exponent"));
            }
            self.digits();
        }
        if let Some(b'0'..=b'9') = self.peek() {
            return Err(self.error_here("numbers must not have leading zeros"));
        }
        let text = &self.text[start..self.pos];
        let value = match integer.then(|| text.parse::<i64>().ok()).flatten() {
            Some(i) => Value::Int(i),
            None => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
        };
        Ok(Node::new(Span::new(start, self.pos), value))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past 16 members the duplicate check switches to a set: a key written again, with or
    /// without an escape, is still found there, and the first one is kept.
    #[test]
    fn duplicates_past_sixteen_members_are_found() {
        let members: Vec<String> = (0..20).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}, \"k3\": 0, \"k\\u0034\": 1}}", members.join(", "));
        let (root, problems) = parse(&text).unwrap();
        let found: Vec<&str> = problems.iter().map(|p| &text[p.span.range()]).collect();
        assert_eq!(found, ["\"k3\"", "\"k\\u0034\""]);
        assert_eq!(root.entries().len(), 20);
        assert_eq!(
            root.get("k4").and_then(|n| match n.value {
                Value::Int(i) => Some(i),
                _ => None,
            }),
            Some(4)
        );
    }
}
