//! What the server computes for one document: its check (with the config applied), and from
//! that check the diagnostics, hover, completion, definition, symbols and code actions.

use super::Doc;
use super::position::{Encoding, Lines};
use crate::apex;
use crate::config::{self, Config};
use crate::diagnostics::{FileReport, Severity};
use crate::flags::PublishNames;
use crate::source::{Entry, Node, Span, Value};
use crate::spec::{Spec, xsfdc};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CompletionItem, CompletionItemKind, CompletionResponse,
    DiagnosticSeverity, DocumentSymbol, Documentation, Hover, HoverContents, Location, MarkupContent, MarkupKind,
    NumberOrString, Position, Range, SymbolKind, TextEdit, Uri, WorkspaceEdit,
};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One check of one document's text.
pub struct Analysis {
    /// The findings, after the config (severities, `off`, ignores, baseline).
    pub report: FileReport,
    pub tree: Option<Node>,
    pub lines: Lines,
    /// The document is an OpenAPI spec (a root `openapi` or `swagger` key): others get nothing.
    pub is_spec: bool,
    /// `applinkc.toml` in force, or where a new one would go.
    pub config: PathBuf,
    pub config_exists: bool,
    /// The path of the document (for `[[ignore]]` entries), when it has one.
    pub path: Option<PathBuf>,
    /// `client-name` of the config's `[publish]`, for the Apex names in hovers.
    pub client: String,
    /// The Apex surface of this text, built at the first hover on an operation.
    pub surface: OnceCell<apex::Surface>,
}

/// `file:///a%20b/c.yaml` → `/a b/c.yaml`.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// `/a b/c.yaml` → `file:///a%20b/c.yaml`.
pub fn path_uri(path: &Path) -> Option<Uri> {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

/// Checks `text` as `applinkc check` would check the file.
pub fn analyse(uri: &Uri, language: &str, text: &str, root: Option<&Path>) -> Analysis {
    let path = uri_path(uri);
    let dir = path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| root.map(Path::to_path_buf))
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
    // A config that does not parse is ignored here; `applinkc check` reports it.
    let config = Config::discover(None, &dir).unwrap_or_default();
    let baseline = config
        .baseline
        .as_deref()
        .and_then(|b| crate::baseline::Baseline::load(b).ok())
        .unwrap_or_default();
    let publish = config.publish.merge_under(&PublishNames::default());
    let flags = publish
        .to_flags()
        .or_else(|_| {
            PublishNames {
                metadata_dir: None,
                ..publish.clone()
            }
            .to_flags()
        })
        .unwrap_or_default();
    // The name decides the format: the path's extension, else the document's language.
    let name = match &path {
        Some(p) if crate::source::Format::from_path(p).is_some() => crate::check::display_name(p),
        _ if language == "json" => "untitled.json".to_string(),
        _ => "untitled.yaml".to_string(),
    };
    let (report, tree) =
        crate::check::check_bytes_configured(&name, text.as_bytes().to_vec(), &flags, &config.severities);
    let is_spec = match &tree {
        Some(root) => root.get("openapi").is_some() || root.get("swagger").is_some(),
        // It did not load: a spec being typed, if it names itself as one.
        None => text.contains("openapi") || text.contains("swagger"),
    };
    let mut reports = [report];
    config.apply(&mut reports, &baseline, &dir);
    let [report] = reports;
    let config_exists = config.path.is_some();
    Analysis {
        report,
        tree,
        lines: Lines::new(text),
        is_spec,
        config: config.path.clone().unwrap_or_else(|| dir.join(config::FILE_NAME)),
        config_exists,
        path,
        client: config
            .publish
            .client_name
            .clone()
            .unwrap_or_else(|| "Client".to_string()),
        surface: OnceCell::new(),
    }
}

pub fn diagnostics(text: &str, a: &Analysis, enc: Encoding) -> Vec<lsp_types::Diagnostic> {
    if !a.is_spec {
        return Vec::new();
    }
    a.report
        .diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            lsp_types::Diagnostic {
                range: a.lines.range(text, d.span.start as usize, d.span.end as usize, enc),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    Severity::Info => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(d.rule.to_string())),
                source: Some("applinkc".to_string()),
                message,
                data: Some(serde_json::json!({ "pointer": d.pointer })),
                ..Default::default()
            }
        })
        .collect()
}

/// The finding's rule docs; else what an `x-sfdc` key does; else an operation's Apex surface.
pub fn hover(doc: &Doc, a: &Analysis, at: Position, enc: Encoding) -> Option<Hover> {
    if !a.is_spec {
        return None;
    }
    let offset = a.lines.offset(&doc.text, at, enc);
    let mut parts: Vec<String> = Vec::new();
    for d in &a.report.diagnostics {
        if (d.span.start as usize) <= offset
            && offset <= (d.span.end as usize).max(d.span.start as usize + 1)
            && let Some(rule) = crate::rules::find(d.rule)
            && !parts.iter().any(|p| p.starts_with(&format!("**{}**", rule.id)))
        {
            parts.push(format!(
                "**{}** `{}`: {}\n\n{}",
                rule.id, rule.name, rule.summary, rule.docs
            ));
        }
    }
    let root = a.tree.as_ref()?;
    if parts.is_empty()
        && let Some(text) = x_sfdc_doc(&key_path_at(root, offset))
    {
        parts.push(text);
    }
    if parts.is_empty() {
        let spec = Spec::new(root);
        let op = spec.operations.iter().position(|op| {
            op.method_entry.key_span.start as usize <= offset && offset <= op.method_entry.key_span.end as usize
        })?;
        let surface = a.surface.get_or_init(|| apex::surface(&spec, &a.client));
        let label = spec.operations[op].label();
        let method = surface.methods.iter().find(|m| m.operation == label)?;
        let action = surface.actions.iter().find(|x| x.operation == label);
        let mut text = format!("**{label}** in Apex (`--client-name {}`):\n\n```apex\n", a.client);
        match &method.name {
            Some(name) => {
                let request = if method.request_class.is_some() {
                    format!("{name}_Request request")
                } else {
                    String::new()
                };
                text.push_str(&format!(
                    "{}.{name}_Response {name}({request})\n```\n",
                    surface.service_class
                ));
            }
            None => {
                text.push_str("// no operationId: the method name is derived by an undocumented rule (AL203)\n```\n")
            }
        }
        if let Some(action) = action {
            let shown = match (action.flow, action.agent) {
                (false, _) => "Apex only (asynchronous)",
                (true, true) => "Flow and an Agentforce agent action",
                (true, false) => "Flow",
            };
            text.push_str(&format!(
                "\nInvocable action `{}`: {shown}. Outputs: {}.",
                action.name.as_deref().unwrap_or("(unnamed)"),
                action.outputs.join(", ")
            ));
        }
        parts.push(text);
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

/// The keys from the root down to the key or value at `offset`.
fn key_path_at(root: &Node, offset: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut node = root;
    let inside = |s: Span| (s.start as usize) <= offset && offset <= s.end as usize;
    loop {
        match &node.value {
            Value::Map(entries) => {
                let Some(e) = entries.iter().find(|e| inside(e.key_span) || inside(e.value.span)) else {
                    return out;
                };
                out.push(e.key.to_string());
                if inside(e.key_span) {
                    return out;
                }
                node = &e.value;
            }
            Value::Seq(items) => match items.iter().find(|i| inside(i.span)) {
                Some(item) => node = item,
                None => return out,
            },
            _ => return out,
        }
    }
}

/// The place of the `x-sfdc` block on `keys` (from the root) and how many keys lead to it
/// (`x-sfdc` included): the root's, or an operation's.
fn x_sfdc_place<S: AsRef<str>>(keys: &[S]) -> Option<(xsfdc::Place, usize)> {
    let k = |i: usize| keys.get(i).map(AsRef::as_ref);
    if k(0) == Some("x-sfdc") {
        return Some((xsfdc::Place::Root, 1));
    }
    (k(0) == Some("paths") && k(2).is_some_and(|m| crate::spec::METHODS.contains(&m)) && k(3) == Some("x-sfdc"))
        .then_some((xsfdc::Place::Operation, 4))
}

/// What the `x-sfdc` key at `keys` (from the root) does.
fn x_sfdc_doc(keys: &[String]) -> Option<String> {
    let (place, depth) = x_sfdc_place(keys)?;
    let key = xsfdc::key(place, &keys[depth..])?;
    Some(format!("**`{}`** (x-sfdc): {}", key.name(), key.doc))
}

/// What the cursor is writing, for completion.
#[derive(Debug, PartialEq)]
enum Slot {
    /// A key of the mapping at these keys (from the root); the mapping's other keys.
    Key(Vec<String>, Vec<String>),
    /// The value of the entry at these keys.
    Value(Vec<String>),
}

/// The column (in bytes) of `offset` on its line.
fn column(text: &str, offset: usize) -> usize {
    offset - text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The slot at `offset` in `node` (at the keys `path`). `indent` is the cursor's column when
/// nothing but a key being typed precedes it on its line: in a YAML block mapping, that column
/// says which mapping a new key goes into.
fn slot(text: &str, node: &Node, offset: usize, indent: Option<usize>, path: &mut Vec<String>) -> Option<Slot> {
    let inside = |s: Span| (s.start as usize) <= offset && offset <= s.end as usize;
    let entries = match &node.value {
        Value::Map(entries) => entries,
        Value::Seq(items) => {
            let item = items.iter().find(|i| inside(i.span))?;
            path.push("[]".into());
            return slot(text, item, offset, indent, path);
        }
        _ => return Some(Slot::Value(path.clone())),
    };
    let others = |except: Option<&Entry>| -> Vec<String> {
        entries
            .iter()
            .filter(|e| except.is_none_or(|x| !std::ptr::eq(*e, x)))
            .map(|e| e.key.to_string())
            .collect()
    };
    if let Some(e) = entries.iter().find(|e| inside(e.key_span)) {
        return Some(Slot::Key(path.clone(), others(Some(e))));
    }
    let flow = text.as_bytes().get(node.span.start as usize) == Some(&b'{');
    if let Some(e) = entries
        .iter()
        .find(|e| !e.value.span.range().is_empty() && inside(e.value.span))
    {
        // A key typed at this entry's column or left of it is not in its value.
        if !flow && indent.is_some_and(|i| i <= column(text, e.key_span.start as usize)) {
            return Some(Slot::Key(path.clone(), others(None)));
        }
        path.push(e.key.to_string());
        if e.value.is_map() || e.value.is_seq() {
            return slot(text, &e.value, offset, indent, path);
        }
        return Some(Slot::Value(path.clone()));
    }
    if flow {
        return ((node.span.start as usize) < offset && offset < node.span.end as usize)
            .then(|| Slot::Key(path.clone(), others(None)));
    }
    // A YAML block mapping: the cursor is after the last entry that starts before it.
    let last = entries
        .iter()
        .filter(|e| (e.key_span.start as usize) <= offset)
        .max_by_key(|e| e.key_span.start)?;
    if line_of(text, offset) == line_of(text, last.key_span.end as usize) {
        path.push(last.key.to_string());
        return Some(Slot::Value(path.clone()));
    }
    // A key at the column of the last entry or left of it is the mapping's; a deeper one (or a
    // value after the last entry's) is in the last entry's value.
    if let Some(indent) = indent
        && indent <= column(text, last.key_span.start as usize)
    {
        return Some(Slot::Key(path.clone(), others(None)));
    }
    path.push(last.key.to_string());
    match &last.value.value {
        Value::Map(_) => slot(text, &last.value, offset, indent, path),
        Value::Seq(_) => None,
        _ => indent.map(|_| Slot::Key(path.clone(), Vec::new())),
    }
}

/// `x-sfdc` keys valid at the cursor (and `x-sfdc` itself on the root and on an operation),
/// or `true` and `false` as the value of a boolean `x-sfdc` key. The keys and what they do come
/// from [`xsfdc::KEYS`], the table the key rules read.
pub fn completion(doc: &Doc, a: &Analysis, at: Position, enc: Encoding) -> Option<CompletionResponse> {
    if !a.is_spec {
        return None;
    }
    let text = &doc.text;
    let offset = a.lines.offset(text, at, enc);
    let yaml = crate::source::Format::from_path(Path::new(&a.report.source.name)) != Some(crate::source::Format::Json);
    // A key being typed at the start of its line: where the line's indentation puts it.
    let line_start = offset - column(text, offset);
    let before = &text[line_start..offset];
    let typed = before.trim_start();
    let fresh = yaml && typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let indent = fresh.then(|| before.len() - typed.len());
    let mut path = Vec::new();
    let found = if fresh {
        // Parsed without the line (a half-typed key does not load), the cursor at its indentation.
        let line_end = text[offset..].find(['\n', '\r']).map_or(text.len(), |i| offset + i);
        let blanked = format!(
            "{}{}",
            &text[..line_start + before.len() - typed.len()],
            &text[line_end..]
        );
        let root = crate::source::parse_text(&blanked, crate::source::Format::Yaml, Vec::new()).root?;
        let at = line_start + before.len() - typed.len();
        slot(&blanked, &root, at, indent, &mut path)
    } else {
        slot(text, a.tree.as_ref()?, offset, None, &mut path)
    }?;
    let key_item = |k: &xsfdc::Key| {
        let dotted = std::iter::once("x-sfdc")
            .chain(k.path.iter().copied())
            .collect::<Vec<_>>()
            .join(".");
        let kind = match k.kind {
            xsfdc::KeyKind::Map => "mapping",
            xsfdc::KeyKind::Bool => "boolean",
            xsfdc::KeyKind::Text => "string",
            xsfdc::KeyKind::TextList => "list of strings",
        };
        CompletionItem {
            label: k.name().to_string(),
            kind: Some(CompletionItemKind::PROPERTY),
            detail: Some(format!("{dotted} ({kind})")),
            documentation: Some(Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: k.doc.to_string(),
            })),
            ..Default::default()
        }
    };
    let items: Vec<CompletionItem> = match found {
        Slot::Key(keys, present) => {
            let fresh_key = |k: &&xsfdc::Key| !present.iter().any(|p| p == k.name());
            let is_op = keys.len() == 3 && keys[0] == "paths" && crate::spec::METHODS.contains(&keys[2].as_str());
            if keys.is_empty() || is_op {
                let place = if is_op {
                    xsfdc::Place::Operation
                } else {
                    xsfdc::Place::Root
                };
                xsfdc::key::<&str>(place, &[])
                    .filter(fresh_key)
                    .map(key_item)
                    .into_iter()
                    .collect()
            } else if let Some((place, depth)) = x_sfdc_place(&keys) {
                xsfdc::children(place, &keys[depth..])
                    .filter(fresh_key)
                    .map(key_item)
                    .collect()
            } else {
                Vec::new()
            }
        }
        Slot::Value(keys) => match x_sfdc_place(&keys).and_then(|(p, d)| xsfdc::key(p, &keys[d..])) {
            Some(key) if key.kind == xsfdc::KeyKind::Bool => ["true", "false"]
                .into_iter()
                .map(|v| CompletionItem {
                    label: v.to_string(),
                    kind: Some(CompletionItemKind::VALUE),
                    detail: Some(format!("{} (boolean)", key.name())),
                    ..Default::default()
                })
                .collect(),
            _ => Vec::new(),
        },
    };
    Some(CompletionResponse::Array(items))
}

/// The target of the local `$ref` at `at`.
pub fn definition(doc: &Doc, a: &Analysis, at: Position, enc: Encoding) -> Option<lsp_types::GotoDefinitionResponse> {
    let root = a.tree.as_ref()?;
    let offset = a.lines.offset(&doc.text, at, enc);
    let reference = ref_at(root, offset)?;
    let target = Spec::new(root).resolve_ref(reference)?;
    let range = a
        .lines
        .range(&doc.text, target.span.start as usize, target.span.end as usize, enc);
    Some(lsp_types::GotoDefinitionResponse::Scalar(Location::new(
        doc.uri.clone(),
        range,
    )))
}

/// The local `$ref`s to the component whose name is at `at`, or to the target of the `$ref` at
/// `at`, in document order; with `declaration`, the target's name first. Two `$ref`s that are
/// written differently (`Pet`, `P%65t`) but point to one node are references to it.
pub fn references(doc: &Doc, a: &Analysis, at: Position, enc: Encoding, declaration: bool) -> Option<Vec<Location>> {
    let root = a.tree.as_ref().filter(|_| a.is_spec)?;
    let offset = a.lines.offset(&doc.text, at, enc);
    let inside = |s: Span| (s.start as usize) <= offset && offset <= s.end as usize;
    let spec = Spec::new(root);
    let component = root
        .get("components")
        .map(Node::entries)
        .unwrap_or_default()
        .iter()
        .flat_map(|kind| kind.value.entries())
        .find(|e| inside(e.key_span));
    let (target, name) = match component {
        Some(e) => (e.value.span, e.key_span),
        None => {
            let target = spec.resolve_ref(ref_at(root, offset)?)?.span;
            (target, entry_of(root, target).map_or(target, |e| e.key_span))
        }
    };
    let mut spans = Vec::new();
    refs_to(&spec, root, target, &mut spans);
    spans.sort_by_key(|s| s.start);
    spans.dedup();
    if declaration {
        spans.insert(0, name);
    }
    let location = |s: Span| {
        Location::new(
            doc.uri.clone(),
            a.lines.range(&doc.text, s.start as usize, s.end as usize, enc),
        )
    };
    Some(spans.into_iter().map(location).collect())
}

/// The spans of the values of the `$ref`s under `node` that point to the node at `target`.
fn refs_to(spec: &Spec<'_>, node: &Node, target: Span, out: &mut Vec<Span>) {
    match &node.value {
        Value::Map(entries) => {
            for e in entries {
                if &*e.key == "$ref"
                    && let Some(r) = e.value.as_str()
                    && spec.resolve_ref(r).is_some_and(|t| t.span == target)
                {
                    out.push(e.value.span);
                }
                refs_to(spec, &e.value, target, out);
            }
        }
        Value::Seq(items) => items.iter().for_each(|i| refs_to(spec, i, target, out)),
        _ => {}
    }
}

/// The entry whose value is the node at `span`.
fn entry_of(node: &Node, span: Span) -> Option<&Entry> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|e| e.value.span == span)
            .or_else(|| entries.iter().find_map(|e| entry_of(&e.value, span))),
        Value::Seq(items) => items.iter().find_map(|i| entry_of(i, span)),
        _ => None,
    }
}

/// The value of a `$ref` whose value (or key) spans `offset`.
fn ref_at(node: &Node, offset: usize) -> Option<&str> {
    let inside = |s: Span| (s.start as usize) <= offset && offset <= s.end as usize;
    match &node.value {
        Value::Map(entries) => {
            for e in entries {
                if &*e.key == "$ref" && (inside(e.key_span) || inside(e.value.span)) {
                    return e.value.as_str();
                }
                if inside(e.value.span) {
                    return ref_at(&e.value, offset);
                }
            }
            None
        }
        Value::Seq(items) => items.iter().find(|i| inside(i.span)).and_then(|i| ref_at(i, offset)),
        _ => None,
    }
}

/// Paths, each with its operations.
#[allow(deprecated)]
pub fn symbols(doc: &Doc, a: &Analysis, enc: Encoding) -> lsp_types::DocumentSymbolResponse {
    let mut out = Vec::new();
    let Some(root) = a.tree.as_ref().filter(|_| a.is_spec) else {
        return lsp_types::DocumentSymbolResponse::Nested(out);
    };
    let range = |s: Span| a.lines.range(&doc.text, s.start as usize, s.end as usize, enc);
    for path in root.get("paths").map(Node::entries).unwrap_or_default() {
        let mut children = Vec::new();
        for method in path.value.entries() {
            if !crate::spec::METHODS.contains(&&*method.key) {
                continue;
            }
            let id = method.value.get("operationId").and_then(Node::as_str);
            children.push(DocumentSymbol {
                name: format!("{} {}", method.key.to_ascii_uppercase(), path.key),
                detail: id.map(str::to_string),
                kind: SymbolKind::METHOD,
                tags: None,
                deprecated: None,
                range: range(Span::new(
                    method.key_span.start as usize,
                    method.value.span.end as usize,
                )),
                selection_range: range(method.key_span),
                children: None,
            });
        }
        out.push(DocumentSymbol {
            name: path.key.to_string(),
            detail: None,
            kind: SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range: range(Span::new(path.key_span.start as usize, path.value.span.end as usize)),
            selection_range: range(path.key_span),
            children: Some(children),
        });
    }
    lsp_types::DocumentSymbolResponse::Nested(out)
}

/// For each finding in `range`: "ignore it in applinkc.toml" (an `[[ignore]]` with a reason to
/// write), added to the config in force or to a new one beside the document.
pub fn code_actions(
    doc: &Doc,
    a: &Analysis,
    range: Range,
    enc: Encoding,
    _root: Option<&Path>,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    if !a.is_spec {
        return out;
    }
    let (start, end) = (
        a.lines.offset(&doc.text, range.start, enc),
        a.lines.offset(&doc.text, range.end, enc),
    );
    // The fixes of the findings in range first, safe before unsafe (the edits are on the text
    // that was checked, which is the document's current text).
    let mut fixes: Vec<(&crate::finding::Diagnostic, &crate::edit::Fix)> = a
        .report
        .diagnostics
        .iter()
        .filter(|d| (d.span.end as usize) >= start && (d.span.start as usize) <= end)
        .filter_map(|d| d.fix.as_ref().map(|f| (d, f)))
        .collect();
    fixes.sort_by_key(|(_, f)| f.safety);
    for (d, fix) in fixes {
        let edits: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|e| {
                TextEdit::new(
                    a.lines.range(&doc.text, e.start as usize, e.end as usize, enc),
                    e.text.clone(),
                )
            })
            .collect();
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("{} ({}, {})", fix.title, d.rule, fix.safety.as_str()),
            kind: Some(CodeActionKind::QUICKFIX),
            is_preferred: Some(fix.safety == crate::edit::Safety::Safe),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    let Some(config_uri) = path_uri(&a.config) else {
        return out;
    };
    // Read as `Config::load` reads it (bounded, UTF-8); a config that cannot be read gets no
    // "ignore" actions rather than an edit at the wrong place.
    let existing = if a.config_exists {
        match crate::input::read_text(&a.config, crate::input::Origin::Named) {
            Ok(text) => text,
            Err(_) => return out,
        }
    } else {
        String::new()
    };
    let config_lines = Lines::new(&existing);
    let end_of_config = config_lines.position(&existing, existing.len(), enc);
    let base = a.config.parent().map(Path::to_path_buf).unwrap_or_default();
    for d in &a.report.diagnostics {
        let (ds, de) = (d.span.start as usize, d.span.end as usize);
        if de < start || ds > end {
            continue;
        }
        let file = a
            .path
            .as_deref()
            .map(|p| config::relative_to(&base, p).to_string_lossy().replace('\\', "/"));
        let mut entry = String::new();
        if !existing.is_empty() && !existing.ends_with("\n\n") {
            entry.push('\n');
        }
        entry.push_str(&format!("[[ignore]]\nrule = \"{}\"\n", d.rule));
        if let Some(file) = &file {
            entry.push_str(&format!("file = {}\n", toml_string(file)));
        }
        if !d.pointer.is_empty() {
            entry.push_str(&format!("pointer = {}\n", toml_string(&d.pointer)));
        }
        entry.push_str("reason = \"TODO: say why this finding is acceptable\"\n");
        let edit = TextEdit::new(Range::new(end_of_config, end_of_config), entry);
        let workspace = if a.config_exists {
            WorkspaceEdit {
                changes: Some(HashMap::from([(config_uri.clone(), vec![edit])])),
                ..Default::default()
            }
        } else {
            WorkspaceEdit {
                document_changes: Some(lsp_types::DocumentChanges::Operations(vec![
                    lsp_types::DocumentChangeOperation::Op(lsp_types::ResourceOp::Create(lsp_types::CreateFile {
                        uri: config_uri.clone(),
                        options: Some(lsp_types::CreateFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(true),
                        }),
                        annotation_id: None,
                    })),
                    lsp_types::DocumentChangeOperation::Edit(lsp_types::TextDocumentEdit {
                        text_document: lsp_types::OptionalVersionedTextDocumentIdentifier {
                            uri: config_uri.clone(),
                            version: None,
                        },
                        edits: vec![lsp_types::OneOf::Left(edit)],
                    }),
                ])),
                ..Default::default()
            }
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Ignore {} here in {}", d.rule, config::FILE_NAME),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: None,
            edit: Some(workspace),
            ..Default::default()
        }));
    }
    out
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Apex surface is built once per checked text: the second hover on an operation uses
    /// the first one's, and a new check (a new version) starts without one.
    #[test]
    fn the_apex_surface_is_built_once_per_check() {
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1', description: T.}\npaths:\n  /a:\n    get:\n      operationId: getA\n      description: Gets A.\n      responses:\n        '200': {description: OK}\n";
        let uri: Uri = "untitled:spec".parse().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let doc = Doc {
            uri: uri.clone(),
            language: "yaml".into(),
            text: text.into(),
            version: 1,
            analysis: None,
        };
        let a = analyse(&uri, "yaml", text, Some(dir.path()));
        assert!(a.surface.get().is_none());
        let on_get = Position::new(4, 5);
        let first = hover(&doc, &a, on_get, Encoding::Utf16).unwrap();
        let HoverContents::Markup(shown) = &first.contents else {
            panic!("{first:?}")
        };
        assert!(shown.value.contains("getA_Response getA()"), "{}", shown.value);
        let built: *const apex::Surface = a.surface.get().unwrap();
        let second = hover(&doc, &a, on_get, Encoding::Utf16).unwrap();
        assert_eq!(first, second);
        assert!(std::ptr::eq(built, a.surface.get().unwrap()));
        assert!(analyse(&uri, "yaml", text, Some(dir.path())).surface.get().is_none());
    }
}
