//! YAML 1.2 → [`Node`] tree, built from `saphyr-parser` events.
//!
//! Our own builder (not `saphyr::MarkedYaml`) so that nesting depth and alias expansion are
//! bounded (no stack overflow, no "billion laughs"), duplicate keys are found on the normalised
//! key text (`a`/`"a"`, `200`/`"200"`), and exactly one document is accepted.

use super::limits::{MAX_ALIAS_NODES, MAX_DEPTH};
use super::node::{Entry, Node, Span, Text, Value};
use super::{LoadProblem, ProblemKind};
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use std::sync::Arc;

/// Parses `text`; on a fatal problem returns it, otherwise the root node and the non-fatal
/// problems (duplicate keys).
pub fn parse(text: &str) -> Result<(Node, Vec<LoadProblem>), LoadProblem> {
    parse_shared(&Arc::new(text.to_owned()), 0).map(|(root, problems, _)| (root, problems))
}

/// [`parse`] of `buf[base..]`, whose strings share `buf` where they are written as they read
/// (spans stay relative to `base`).
///
/// The flag says whether an alias was expanded: only an alias puts a copy of a node (with its
/// anchor's span) in another place, so without one the tree is in source order.
pub fn parse_shared(buf: &Arc<String>, base: usize) -> Result<(Node, Vec<LoadProblem>, bool), LoadProblem> {
    let text = &buf[base..];
    let mut builder = Builder::new(text);
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0usize;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| {
            let at = builder.offsets.byte(e.marker().index());
            // One character at the error, or an empty span at the end of the file.
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            LoadProblem::new(
                ProblemKind::Syntax,
                Span::new(at, end),
                format!("invalid YAML: {}", e.info()),
            )
        })?;
        let span = builder.span(span);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(LoadProblem::new(
                        ProblemKind::Syntax,
                        span,
                        "the file holds more than one YAML document; a spec is exactly one".into(),
                    ));
                }
            }
            Event::Alias(id) => builder.alias(id, span)?,
            Event::Scalar(text, style, anchor, tag) => {
                // A key keeps the text as written (`200`, not the number); values are resolved.
                // A key is resolved only when anchored (an alias may use it as a value).
                let string = || Text::written_or_owned(buf, base + span.range().start, base + span.range().end, &*text);
                let (value, key_text) = if builder.expects_key() {
                    let value = if anchor > 0 {
                        resolve_scalar(&text, style, tag.as_deref(), string)
                    } else {
                        Value::Null
                    };
                    (value, Some(string()))
                } else {
                    (resolve_scalar(&text, style, tag.as_deref(), string), None)
                };
                builder.push_value(Node::new(span, value), anchor, key_text)?;
            }
            Event::SequenceStart(anchor, _) => builder.open(Frame::seq(span, anchor, builder.items.len()))?,
            Event::MappingStart(anchor, _) => builder.open(Frame::map(span, anchor, builder.entries.len()))?,
            Event::SequenceEnd | Event::MappingEnd => builder.close(span)?,
        }
    }
    match builder.root.take() {
        Some(root) => Ok((root, builder.problems, builder.expanded > 0)),
        None => Err(LoadProblem::new(
            ProblemKind::Empty,
            Span::empty(0),
            "the file holds no YAML document".into(),
        )),
    }
}

struct Frame {
    span: Span,
    anchor: usize,
    /// Nodes below this frame, for the alias budget.
    count: usize,
    kind: FrameKind,
}

/// A collection's children wait on the builder's shared stacks (`items`, `entries`) from
/// `base` on, and move into a vector of the exact size when it closes.
enum FrameKind {
    Seq { base: usize },
    Map { base: usize, key: Option<(Text, Span)> },
}

impl Frame {
    fn seq(span: Span, anchor: usize, base: usize) -> Frame {
        Frame {
            span,
            anchor,
            count: 1,
            kind: FrameKind::Seq { base },
        }
    }
    fn map(span: Span, anchor: usize, base: usize) -> Frame {
        Frame {
            span,
            anchor,
            count: 1,
            kind: FrameKind::Map { base, key: None },
        }
    }
}

struct Builder<'a> {
    offsets: CharOffsets<'a>,
    stack: Vec<Frame>,
    /// Anchored nodes by anchor id, with their node count.
    anchors: Vec<Option<(Node, usize)>>,
    expanded: usize,
    root: Option<Node>,
    problems: Vec<LoadProblem>,
    /// Elements of the open sequences, innermost last.
    items: Vec<Node>,
    /// Entries of the open mappings, innermost last.
    entries: Vec<Entry>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Builder<'a> {
        Builder {
            offsets: CharOffsets::new(text),
            stack: Vec::new(),
            anchors: Vec::new(),
            expanded: 0,
            root: None,
            problems: Vec::new(),
            items: Vec::new(),
            entries: Vec::new(),
        }
    }

    fn span(&mut self, span: saphyr_parser::Span) -> Span {
        let start = self.offsets.byte(span.start.index());
        let end = self.offsets.byte(span.end.index());
        Span::new(start, end)
    }

    fn expects_key(&self) -> bool {
        matches!(
            self.stack.last().map(|f| &f.kind),
            Some(FrameKind::Map { key: None, .. })
        )
    }

    fn open(&mut self, frame: Frame) -> Result<(), LoadProblem> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(LoadProblem::new(
                ProblemKind::TooDeep,
                frame.span,
                format!("nesting is deeper than {MAX_DEPTH} levels"),
            ));
        }
        if let Some(FrameKind::Map { key: None, .. }) = self.stack.last().map(|f| &f.kind) {
            return Err(LoadProblem::new(
                ProblemKind::Syntax,
                frame.span,
                "a mapping key must be a plain value, not a list or mapping".into(),
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, end: Span) -> Result<(), LoadProblem> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (value, last_end) = match frame.kind {
            FrameKind::Seq { base } => {
                let items: Vec<Node> = self.items.drain(base..).collect();
                let last = items.last().map(|n| n.span.end);
                (Value::Seq(items.into_boxed_slice()), last)
            }
            FrameKind::Map { base, key } => {
                if let Some((key, key_span)) = key {
                    // `key:` followed by the end of the mapping: the value is null.
                    self.entries.push(Entry {
                        key,
                        key_span,
                        value: Node::new(Span::empty(key_span.end as usize), Value::Null),
                    });
                }
                let mut entries: Vec<Entry> = self.entries.drain(base..).collect();
                let last = entries.iter().map(|e| e.value.span.end.max(e.key_span.end)).max();
                self.remove_duplicate_keys(&mut entries);
                (Value::Map(entries.into_boxed_slice()), last)
            }
        };
        // Flow collections end after their closing bracket; block collections where their last
        // child ends, not at the next token.
        let flow = matches!(
            self.offsets.text.as_bytes().get(frame.span.start as usize),
            Some(b'[' | b'{')
        );
        let end = match last_end {
            Some(last) if !flow && frame.span.start < end.start => last.max(frame.span.end),
            _ => end.end.max(frame.span.end),
        };
        let node = Node::new(
            Span {
                start: frame.span.start,
                end,
            },
            value,
        );
        let count = frame.count;
        self.finish(node, frame.anchor, count)
    }

    fn remove_duplicate_keys(&mut self, entries: &mut Vec<Entry>) {
        if entries.len() < 2 {
            return;
        }
        let mut duplicates: Vec<usize> = Vec::new();
        if entries.len() <= 16 {
            for i in 1..entries.len() {
                if entries[..i].iter().any(|e| e.key == entries[i].key) {
                    duplicates.push(i);
                }
            }
        } else {
            let mut order: Vec<usize> = (0..entries.len()).collect();
            order.sort_by(|&a, &b| entries[a].key.cmp(&entries[b].key).then(a.cmp(&b)));
            for pair in order.windows(2) {
                if entries[pair[0]].key == entries[pair[1]].key {
                    duplicates.push(pair[1]);
                }
            }
            duplicates.sort_unstable();
        }
        for &i in duplicates.iter().rev() {
            let dup = entries.remove(i);
            let first = entries.iter().find(|e| e.key == dup.key).map(|e| e.key_span);
            self.problems
                .push(LoadProblem::duplicate_key(&dup.key, dup.key_span, first));
        }
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), LoadProblem> {
        let Some(Some((node, count))) = self.anchors.get(id) else {
            return Err(LoadProblem::new(
                ProblemKind::Syntax,
                span,
                "alias to an unknown anchor".into(),
            ));
        };
        self.expanded += count;
        if self.expanded > MAX_ALIAS_NODES {
            return Err(LoadProblem::new(
                ProblemKind::AliasBudget,
                span,
                format!("aliases expand to more than {MAX_ALIAS_NODES} nodes (an alias bomb?)"),
            ));
        }
        let (node, count) = (node.clone(), *count);
        self.push_counted(node, 0, count, None)
    }

    fn push_value(&mut self, node: Node, anchor: usize, key_text: Option<Text>) -> Result<(), LoadProblem> {
        self.push_counted(node, anchor, 1, key_text)
    }

    fn finish(&mut self, node: Node, anchor: usize, count: usize) -> Result<(), LoadProblem> {
        self.push_counted(node, anchor, count, None)
    }

    fn push_counted(
        &mut self,
        node: Node,
        anchor: usize,
        count: usize,
        key_text: Option<Text>,
    ) -> Result<(), LoadProblem> {
        if anchor > 0 {
            if self.anchors.len() <= anchor {
                self.anchors.resize_with(anchor + 1, || None);
            }
            self.anchors[anchor] = Some((node.clone(), count));
        }
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        parent.count += count;
        match &mut parent.kind {
            FrameKind::Seq { .. } => self.items.push(node),
            FrameKind::Map { key, .. } => match key.take() {
                Some((key, key_span)) => self.entries.push(Entry {
                    key,
                    key_span,
                    value: node,
                }),
                None => {
                    let text = match (key_text, &node.value) {
                        (Some(text), _) => text,
                        (None, Value::Str(s)) => s.clone(),
                        (None, _) => {
                            return Err(LoadProblem::new(
                                ProblemKind::Syntax,
                                node.span,
                                "a mapping key must be a plain value, not a list or mapping".into(),
                            ));
                        }
                    };
                    *key = Some((text, node.span));
                }
            },
        }
        Ok(())
    }
}

/// Resolves a scalar by the YAML 1.2 core schema; quoted and block scalars are strings.
/// `string` makes the [`Text`] of a string (shared with the file when written as it reads).
fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>, string: impl FnOnce() -> Text) -> Value {
    if let Some(tag) = tag {
        if tag.handle == "!!" || tag.handle == "tag:yaml.org,2002:" {
            match tag.suffix.as_str() {
                "str" | "binary" | "timestamp" => return Value::Str(string()),
                "null" => return Value::Null,
                _ => {}
            }
        } else {
            return Value::Str(string());
        }
    }
    if style != ScalarStyle::Plain {
        return Value::Str(string());
    }
    resolve_plain(text, string)
}

pub(crate) fn resolve_plain(text: &str, string: impl FnOnce() -> Text) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let bytes = text.as_bytes();
    let first = bytes[0];
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return Value::Str(string());
    }
    if let Some(hex) = text.strip_prefix("0x")
        && !hex.is_empty()
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return i64::from_str_radix(hex, 16)
            .map(Value::Int)
            .unwrap_or_else(|_| Value::Str(string()));
    }
    if let Some(oct) = text.strip_prefix("0o")
        && !oct.is_empty()
        && oct.bytes().all(|b| (b'0'..=b'7').contains(&b))
    {
        return i64::from_str_radix(oct, 8)
            .map(Value::Int)
            .unwrap_or_else(|_| Value::Str(string()));
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
        };
    }
    if is_core_float(digits)
        && let Ok(f) = text.parse::<f64>()
    {
        return Value::Float(f);
    }
    Value::Str(string())
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` without the sign.
fn is_core_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (int.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit()))
                && !(int.is_empty() && frac.is_empty())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

/// Converts saphyr's character indices to byte offsets. Events arrive nearly in order, so a
/// forward cursor makes this linear; a step back restarts from the start of the text.
struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    char_pos: usize,
    byte_pos: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            char_pos: 0,
            byte_pos: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        if char_index < self.char_pos {
            self.char_pos = 0;
            self.byte_pos = 0;
        }
        let mut chars = self.text[self.byte_pos..].chars();
        while self.char_pos < char_index {
            match chars.next() {
                Some(c) => {
                    self.char_pos += 1;
                    self.byte_pos += c.len_utf8();
                }
                None => break,
            }
        }
        self.byte_pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Value {
        resolve_plain(text, || text.into())
    }

    fn spans(text: &str) -> Vec<(String, &str)> {
        let (root, _) = parse(text).unwrap();
        root.entries()
            .iter()
            .map(|e| (e.key.to_string(), &text[e.value.span.range()]))
            .collect()
    }

    #[test]
    fn flow_collections_span_their_brackets_and_block_ones_their_content() {
        let text = "a: [1, 2]\nb: {c: 1}\nd:\n  - x\n  - y\n\ne: 1\n";
        assert_eq!(
            spans(text),
            vec![
                ("a".into(), "[1, 2]"),
                ("b".into(), "{c: 1}"),
                ("d".into(), "- x\n  - y"),
                ("e".into(), "1"),
            ]
        );
    }

    #[test]
    fn non_ascii_text_gets_byte_spans() {
        let text = "é: [ü, \"ß\"]\nk: 1\n";
        assert_eq!(spans(text), vec![("é".into(), "[ü, \"ß\"]"), ("k".into(), "1")]);
    }

    #[test]
    fn core_schema_scalars() {
        assert_eq!(plain("1.10"), Value::Float(1.1));
        assert_eq!(plain("3.0"), Value::Float(3.0));
        assert_eq!(plain("0o17"), Value::Int(15));
        assert_eq!(plain("yes"), Value::Str("yes".into()));
        assert_eq!(plain("1_000"), Value::Str("1_000".into()));
        assert_eq!(plain("~"), Value::Null);
        assert_eq!(plain("2006-03-01"), Value::Str("2006-03-01".into()));
    }

    #[test]
    fn an_anchored_key_can_be_used_as_a_value() {
        let (root, _) = parse("&k 200: a\nb: *k\n").unwrap();
        assert_eq!(root.entries()[0].key.as_ref(), "200");
        assert_eq!(root.get("b").map(|n| &n.value), Some(&Value::Int(200)));
    }
}
