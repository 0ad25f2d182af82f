//! Stage 1 — bytes to a spanned node tree.
//!
//! Owns reading a spec file, decoding it, choosing the parser by extension, and turning every
//! problem found on the way into a [`LoadProblem`] with a byte span. Line and column are
//! computed from a [`LineIndex`] only when something is reported.

pub mod json;
pub mod limits;
pub mod node;
pub mod text;
pub mod yaml;

pub use node::{Entry, Node, Span, Value};
pub use text::Text;

use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The kind of file, chosen by extension like `heroku salesforce:publish` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
}

impl Format {
    /// `.yaml`/`.yml`/`.json`, compared lower-cased (the CLI's own rule).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// One spec file: its display name, its text and a lazily built line table.
pub struct SourceFile {
    pub name: String,
    /// Shared with the strings of the tree loaded from it (see [`Text`]).
    pub text: Arc<String>,
    lines: OnceLock<LineIndex>,
    /// Set by [`load`] when every mapping and list of the tree holds its children in source
    /// order with disjoint spans (JSON, and YAML in which no alias was expanded), so that a node can be found
    /// from its span by binary search ([`Node::pointer_to_ordered`]).
    in_order: bool,
    /// Set by [`load`] when the text parsed as JSON: it then holds no raw control character
    /// (RFC 8259 allows none outside the whitespace between tokens, and the parser refuses
    /// them in strings).
    parsed_json: bool,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: Arc::new(text.into()),
            lines: OnceLock::new(),
            in_order: false,
            parsed_json: false,
        }
    }

    /// Whether the tree loaded from this file has its children in source order (see the field).
    pub fn tree_in_source_order(&self) -> bool {
        self.in_order
    }

    /// Whether this text parsed as JSON (see the field).
    pub fn parsed_as_json(&self) -> bool {
        self.parsed_json
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.lines().line_col(&self.text, offset as usize)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Byte offset of the start of every line.
pub struct LineIndex {
    starts: Vec<usize>,
    /// For non-ASCII text: the number of characters before every `CHECKPOINT`-th byte (rounded
    /// down to a character boundary), so that a column on a long line (minified JSON is one
    /// line) costs at most two short counts instead of a count from the line start.
    checkpoints: Option<Vec<usize>>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text.as_bytes()));
        let checkpoints = (!text.is_ascii()).then(|| {
            let mut out = Vec::with_capacity(text.len() / CHECKPOINT + 1);
            let (mut at, mut chars) = (0, 0);
            for i in 0..=text.len() / CHECKPOINT {
                let next = text.floor_char_boundary(i * CHECKPOINT);
                chars += text[at..next].chars().count();
                out.push(chars);
                at = next;
            }
            out
        });
        LineIndex { starts, checkpoints }
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = match &self.checkpoints {
            None => offset - start,
            Some(_) if offset - start <= 2 * CHECKPOINT => text[start..offset].chars().count(),
            Some(cps) => self.chars_before(cps, text, offset) - self.chars_before(cps, text, start),
        } + 1;
        LineCol { line: line + 1, col }
    }

    fn chars_before(&self, cps: &[usize], text: &str, offset: usize) -> usize {
        let i = offset / CHECKPOINT;
        let from = text.floor_char_boundary(i * CHECKPOINT);
        cps.get(i).copied().unwrap_or(0) + text[from..offset].chars().count()
    }

    /// Byte range of line `line` (1-based), without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        let end = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)
}

/// Why a file could not be loaded (or loaded with a problem, such as a duplicate key).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadProblem {
    pub kind: ProblemKind,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// For a duplicate key: the key, appended to the pointer of the mapping that holds it.
    pub key: Option<Box<str>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// AL001
    Extension,
    /// AL010: the text gives no tree (a load failure; cannot be turned off).
    Syntax,
    Empty,
    TooDeep,
    AliasBudget,
    /// AL002
    DuplicateKey,
    /// AL011: the bytes are not UTF-8 (a load failure; cannot be turned off).
    Encoding,
    /// AL003
    ByteOrderMark,
    /// AL004
    Size,
}

impl LoadProblem {
    pub fn new(kind: ProblemKind, span: Span, message: String) -> LoadProblem {
        LoadProblem {
            kind,
            span,
            message,
            help: None,
            key: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> LoadProblem {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn duplicate_key(key: &str, at: Span, _first: Option<Span>) -> LoadProblem {
        let mut problem = LoadProblem::new(ProblemKind::DuplicateKey, at, format!("duplicate key `{key}`"))
            .with_help("parsers disagree on which value wins; keep one");
        problem.key = Some(key.into());
        problem
    }
}

/// What loading produced: the tree when the text parsed, and every problem found.
pub struct Loaded {
    pub root: Option<Node>,
    pub problems: Vec<LoadProblem>,
    /// Whether the tree's children are in source order with disjoint spans: JSON, and YAML in
    /// which no alias was expanded (see [`SourceFile::tree_in_source_order`]).
    in_order: bool,
}

/// From this size on, [`load`] builds the line table while it parses.
const PARALLEL_LINES: usize = 1 << 20;

/// Decodes and parses the bytes of a spec. `name` decides the format by its extension.
///
/// Returns the source (always, so that problems can be rendered) and what loading found.
pub fn load(name: &str, bytes: Vec<u8>) -> (SourceFile, Loaded) {
    load_as(name, bytes, Format::from_path(Path::new(name)))
}

/// Like [`load`], in a format given by the caller (`None`: an unknown extension, reported):
/// for a spec whose name has no extension, such as the `<schema>` of a registration file.
pub fn load_as(name: &str, bytes: Vec<u8>, format: Option<Format>) -> (SourceFile, Loaded) {
    let mut problems = Vec::new();
    if format.is_none() {
        problems.push(
            LoadProblem::new(
                ProblemKind::Extension,
                Span::empty(0),
                format!("`{}` is not a .yaml, .yml or .json file", file_name(name)),
            )
            .with_help("heroku salesforce:publish only accepts these extensions; rename the file"),
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            problems.push(
                LoadProblem::new(
                    ProblemKind::Encoding,
                    // The invalid byte shows as U+FFFD (3 bytes) in the lossy text.
                    Span::new(at, at + '\u{fffd}'.len_utf8()),
                    format!("the file is not valid UTF-8 (invalid byte at offset {at})"),
                )
                .with_help("save the file as UTF-8; External Services read specs only as UTF-8"),
            );
            return (
                SourceFile::new(name, text),
                Loaded {
                    root: None,
                    problems,
                    in_order: false,
                },
            );
        }
    };
    let mut source = SourceFile::new(name, text);
    let format = format.unwrap_or(Format::Yaml);
    // A large file builds its line table (needed for every finding's line and column) on
    // another core while it is parsed. The parse stays on this thread (`rayon::join` called
    // from outside the pool would move both halves onto pool threads): glibc grows the heap
    // of a thread other than the main one in page-sized `mprotect` steps, ~700 system calls
    // for the tree of a 1.5 MB spec.
    let loaded = if source.text.len() >= PARALLEL_LINES {
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| {
                source.lines();
            });
            parse_shared(&source.text, format, problems)
        })
    } else {
        parse_shared(&source.text, format, problems)
    };
    source.in_order = loaded.in_order;
    source.parsed_json = format == Format::Json && loaded.root.is_some();
    (source, loaded)
}

/// Parses already decoded text (used by `load` and by tests).
pub fn parse_text(text: &str, format: Format, problems: Vec<LoadProblem>) -> Loaded {
    parse_shared(&Arc::new(text.to_owned()), format, problems)
}

/// The problem of a spec longer than External Services accept in its format, if it is.
fn size_problem(body: &str, format: Format) -> Option<LoadProblem> {
    let chars = if body.is_ascii() {
        body.len()
    } else {
        body.chars().count()
    };
    let limit = match format {
        Format::Yaml => 3_000_000,
        Format::Json => 10_000_000,
    };
    (chars > limit).then(|| {
        LoadProblem::new(
            ProblemKind::Size,
            Span::empty(0),
            format!(
                "the spec has {chars} characters; External Services accept at most {limit} in a {} schema",
                match format {
                    Format::Yaml => "YAML",
                    Format::Json => "JSON",
                }
            ),
        )
        .with_help(if format == Format::Yaml {
            "split the API, drop unused schemas, or publish it as JSON (limit 10,000,000)"
        } else {
            "split the API or drop unused schemas"
        })
    })
}

/// [`parse_text`] of a file's text, which the strings of the tree share.
fn parse_shared(buf: &Arc<String>, format: Format, mut problems: Vec<LoadProblem>) -> Loaded {
    let text = buf.as_str();
    let mut body = text;
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        let mut problem = LoadProblem::new(
            ProblemKind::ByteOrderMark,
            Span::new(0, 3),
            "the file starts with a UTF-8 byte order mark".into(),
        )
        .with_help("save the file as UTF-8 without BOM");
        if format == Format::Yaml {
            problem.help = Some("save the file as UTF-8 without BOM; some parsers on the way reject it".into());
        }
        problems.push(problem);
        body = rest;
    }
    if let Some(problem) = size_problem(body, format) {
        problems.push(problem);
    }
    if body.trim().is_empty() {
        problems.push(LoadProblem::new(
            ProblemKind::Empty,
            Span::empty(0),
            "the file is empty".into(),
        ));
        return Loaded {
            root: None,
            problems,
            in_order: false,
        };
    }
    let offset = text.len() - body.len();
    let result = match format {
        Format::Yaml => yaml::parse_shared(buf, offset).map(|(root, found, aliased)| (root, found, !aliased)),
        Format::Json => json::parse_shared(buf, offset).map(|(root, found)| (root, found, true)),
    };
    let shift = |mut p: LoadProblem| {
        p.span.start += offset as u32;
        p.span.end += offset as u32;
        p
    };
    match result {
        Ok((mut root, found, in_order)) => {
            if offset > 0 {
                shift_spans(&mut root, offset as u32);
            }
            problems.extend(found.into_iter().map(shift));
            Loaded {
                root: Some(root),
                problems,
                in_order,
            }
        }
        Err(problem) => {
            problems.push(shift(problem));
            Loaded {
                root: None,
                problems,
                in_order: false,
            }
        }
    }
}

fn shift_spans(node: &mut Node, by: u32) {
    node.span.start += by;
    node.span.end += by;
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| shift_spans(n, by)),
        Value::Map(entries) => entries.iter_mut().for_each(|e| {
            e.key_span.start += by;
            e.key_span.end += by;
            shift_spans(&mut e.value, by);
        }),
        _ => {}
    }
}

fn file_name(name: &str) -> &str {
    Path::new(name).file_name().and_then(|n| n.to_str()).unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings written as they read are ranges of the file's text; the others own a copy.
    #[test]
    fn strings_written_as_they_read_share_the_file_text() {
        let shared = |name: &str, text: &str| -> Vec<(String, bool)> {
            let (source, loaded) = load(name, text.as_bytes().to_vec());
            let root = loaded.root.expect("loads");
            let mut out = Vec::new();
            for e in root.entries() {
                out.push((e.key.to_string(), e.key.shares(&source.text)));
                if let Value::Str(s) = &e.value.value {
                    out.push((s.to_string(), s.shares(&source.text)));
                }
            }
            out
        };
        let t = |s: &str, b: bool| (s.to_string(), b);
        assert_eq!(
            shared("a.json", "\u{feff}{\"a\": \"x y\", \"b\\u0041\": \"l\\n\"}"),
            vec![t("a", true), t("x y", true), t("bA", false), t("l\n", false)]
        );
        assert_eq!(
            shared("a.yaml", "a: x y\n'b': \"q\"\nc: \"e\\t\"\nd: |\n  block\ne: 'it''s'\n"),
            vec![
                t("a", true),
                t("x y", true),
                t("b", true),
                t("q", true),
                t("c", true),
                t("e\t", false),
                t("d", true),
                t("block\n", true),
                t("e", true),
                t("it's", false),
            ]
        );
    }

    fn naive(text: &str, offset: usize) -> LineCol {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        LineCol {
            line,
            col: text[start..offset].chars().count() + 1,
        }
    }

    #[test]
    fn columns_count_characters_on_long_non_ascii_lines() {
        // One 40 KB line with multi-byte characters around the checkpoints, then short lines.
        let mut text = String::new();
        for i in 0..12_000 {
            text.push(if i % 7 == 0 {
                'é'
            } else if i % 11 == 0 {
                '😀'
            } else {
                'a'
            });
        }
        text.push_str("\nab\né\n");
        let index = LineIndex::new(&text);
        for offset in (0..=text.len()).step_by(97).chain([4095, 4096, 4097, 8192, text.len()]) {
            assert_eq!(index.line_col(&text, offset), naive(&text, offset), "offset {offset}");
        }
        let ascii = "x".repeat(10_000) + "\ny";
        let index = LineIndex::new(&ascii);
        assert_eq!(index.line_col(&ascii, 9_000), naive(&ascii, 9_000));
        assert_eq!(index.line_col(&ascii, ascii.len()), naive(&ascii, ascii.len()));
    }

    /// Only an expanded alias takes a YAML tree out of source order.
    #[test]
    fn a_yaml_tree_is_in_source_order_unless_an_alias_was_expanded() {
        let in_order = |name: &str, text: &str| load(name, text.as_bytes().to_vec()).0.tree_in_source_order();
        assert!(in_order("a.yaml", "a: 'q&r'\nb: &x 1\nc: [&y {d: e}]\n"));
        assert!(!in_order("a.yaml", "a: &x 1\nb: *x\n"));
        assert!(!in_order("a.yaml", "a: &x {c: 1}\nb:\n  <<: *x\n"));
        assert!(in_order("a.json", r#"{"a": "&x", "b": "*x"}"#));
        assert!(!in_order("a.yaml", "a: [\n"), "a file that does not load has no tree");
    }

    #[test]
    fn ordered_pointer_lookup_agrees_with_the_scan() {
        let json = r#"{"a": {"b~/c": [1, {"d": null}, []], "e": {}}, "f": "x", "g": [[2], {"h": true}]}"#;
        let yaml = "a:\n  b: [1, {d: null}]\n  e:\nf: x\ng:\n  - - 2\n  - h: true\n";
        // Anchors without an alias (and a `&` in a string) leave the tree in source order.
        let anchored = "a: &x\n  b: 'q&r'\nc: [1, &y 2, {&k d: e}]\n";
        let mut docs = vec![(json, Format::Json), (yaml, Format::Yaml), (anchored, Format::Yaml)];
        // YAML whose node spans are easy to get out of order: implicit nulls, single-pair
        // mappings in flow sequences, explicit keys, block scalars, multi-line scalars, tags.
        for tricky in [
            "{a, b: 1, c: }\n",
            "[a: 1, b, {c: d}: e]\n",
            "? x\n: y\n? [k]\n",
            "a:\nb: c\nd:\n",
            "- \n- a\n-\n",
            "a: !!str 1\nb: !custom [x]\n",
            "a: |\n  text\n  more\nb: >-\n  folded\n  text\nc: 1\n",
            "a: plain\n  continued\nb: \"quoted\n  continued\"\n",
            "a:\n- 1\n- b:\n  c: 2\n",
            "%YAML 1.2\n---\na: 1\n...\n",
        ] {
            docs.push((tricky, Format::Yaml));
        }
        for (text, format) in docs {
            let Some(root) = parse_text(text, format, Vec::new()).root else {
                continue;
            };
            let mut spans = root.spans();
            for at in 0..=text.len() {
                spans.push(Span::empty(at));
                spans.push(Span::new(at, (at + 2).min(text.len())));
            }
            // Each lookup, the one from the previous descent in walk order, in source order and
            // backwards.
            let mut sorted = spans.clone();
            sorted.sort_by_key(|s| (s.start, s.end));
            let backwards: Vec<Span> = sorted.iter().rev().copied().collect();
            for order in [&spans, &sorted, &backwards] {
                assert_eq!(root.ordered_lookup_disagreement(order), None, "in {text}");
            }
        }
    }
}
