//! Completion of `x-sfdc` keys and of their boolean values.

use super::Doc;
use super::features::{Analysis, x_sfdc_place};
use super::position::Encoding;
use crate::source::{Entry, Node, Span, Value};
use crate::spec::xsfdc;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, Documentation, MarkupContent, MarkupKind, Position,
};
use std::path::Path;

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
    let items: Vec<CompletionItem> = match cursor_slot(doc, a, at, enc)? {
        Slot::Key(keys, present) => key_items(&keys, &present),
        Slot::Value(keys) => value_items(&keys),
    };
    Some(CompletionResponse::Array(items))
}

/// What the cursor at `at` is writing: a key of a mapping, or the value of an entry.
fn cursor_slot(doc: &Doc, a: &Analysis, at: Position, enc: Encoding) -> Option<Slot> {
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
    if fresh {
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
    }
}

/// The `x-sfdc` keys (not yet `present`) valid in the mapping at `keys`.
fn key_items(keys: &[String], present: &[String]) -> Vec<CompletionItem> {
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
    } else if let Some((place, depth)) = x_sfdc_place(keys) {
        xsfdc::children(place, &keys[depth..])
            .filter(fresh_key)
            .map(key_item)
            .collect()
    } else {
        Vec::new()
    }
}

/// A completion item for an `x-sfdc` key: its dotted path, kind and documentation.
fn key_item(k: &xsfdc::Key) -> CompletionItem {
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
}

/// `true` and `false` as the value of the boolean `x-sfdc` key at `keys`; nothing for others.
fn value_items(keys: &[String]) -> Vec<CompletionItem> {
    match x_sfdc_place(keys).and_then(|(p, d)| xsfdc::key(p, &keys[d..])) {
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
    }
}
