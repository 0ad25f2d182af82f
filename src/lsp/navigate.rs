//! `$ref` navigation: go to the definition of a local reference, and find every reference to
//! a component.

use super::Doc;
use super::features::Analysis;
use super::position::Encoding;
use crate::source::{Entry, Node, Span, Value};
use crate::spec::Spec;
use lsp_types::{Location, Position};

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
