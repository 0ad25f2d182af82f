//! Reference Objects: the `$ref`s OpenAPI actually reads.
//!
//! [`super::Spec::refs`] lists every mapping with a `$ref` key, including ones inside literal
//! data (`example`, `default`, `enum`, an Example's `value`) and a property that happens to be
//! *named* `$ref`. [`super::Spec::references`] walks the document once with the little OpenAPI
//! knowledge needed to tell the two apart, and resolves each local reference once; AL005–AL008
//! share that walk.

use crate::source::{Node, Value};
use rustc_hash::FxHashMap;

/// One Reference Object: the mapping holding `$ref` and the `$ref` value.
#[derive(Clone, Copy, Debug)]
pub struct Reference<'a> {
    pub holder: &'a Node,
    pub value: &'a Node,
    /// A Path Item Object with `$ref`, which may have sibling fields.
    pub path_item: bool,
    /// What a local (`#…`) string reference resolves to; `None` when the value is not a string,
    /// not local, or points nowhere.
    pub target: Option<&'a Node>,
}

/// What a mapping is, as far as references care.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// An OpenAPI object (schema, parameter, response…): its keys are keywords.
    Object,
    PathItem,
    /// An Example Object: its `value` is literal data.
    Example,
    /// A map from names to objects (`properties`, `responses`, `components.schemas`…).
    Names {
        child: Child,
        properties: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Child {
    Object,
    PathItem,
    Example,
    /// A Callback Object: a map from expressions to path items.
    Callback,
}

/// Keys whose value is data, not OpenAPI.
const LITERAL: &[&str] = &["example", "default", "enum", "const"];

/// Keys whose value maps names to objects.
const NAME_MAPS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "content",
    "encoding",
    "variables",
    "definitions",
    "patternProperties",
];

/// Every Reference Object of the document in document order; `resolve` resolves a local
/// reference string (each distinct string is resolved once).
pub(super) fn collect<'a>(root: &'a Node, resolve: impl Fn(&str) -> Option<&'a Node>) -> Vec<Reference<'a>> {
    let mut out = Vec::new();
    walk(root, Shape::Object, &mut out);
    let mut memo: FxHashMap<&'a str, Option<&'a Node>> = FxHashMap::default();
    for reference in &mut out {
        if let Some(text) = reference.value.as_str().filter(|r| r.starts_with('#')) {
            reference.target = *memo.entry(text).or_insert_with(|| resolve(text));
        }
    }
    out
}

fn walk<'a>(node: &'a Node, shape: Shape, out: &mut Vec<Reference<'a>>) {
    match &node.value {
        Value::Seq(items) => {
            for item in items {
                walk(item, Shape::Object, out);
            }
        }
        Value::Map(entries) => match shape {
            Shape::Names { child, properties } => {
                for entry in entries {
                    if !properties && entry.key.starts_with("x-") {
                        continue;
                    }
                    let shape = match child {
                        Child::Object => Shape::Object,
                        Child::PathItem => Shape::PathItem,
                        Child::Example => Shape::Example,
                        Child::Callback => Shape::Names {
                            child: Child::PathItem,
                            properties: false,
                        },
                    };
                    walk(&entry.value, shape, out);
                }
            }
            Shape::Object | Shape::PathItem | Shape::Example => {
                if let Some(value) = node.get("$ref") {
                    out.push(Reference {
                        holder: node,
                        value,
                        path_item: shape == Shape::PathItem,
                        target: None,
                    });
                }
                for entry in entries {
                    let key = &*entry.key;
                    if key == "$ref"
                        || key.starts_with("x-")
                        || LITERAL.contains(&key)
                        || (shape == Shape::Example && key == "value")
                    {
                        continue;
                    }
                    // Scalars hold no reference: skip the key classification below.
                    if !matches!(entry.value.value, Value::Map(_) | Value::Seq(_)) {
                        continue;
                    }
                    let names = |child| Shape::Names {
                        child,
                        properties: false,
                    };
                    let inner = match key {
                        "properties" => Shape::Names {
                            child: Child::Object,
                            properties: true,
                        },
                        "paths" | "pathItems" | "webhooks" => names(Child::PathItem),
                        "callbacks" => names(Child::Callback),
                        "examples" if entry.value.is_seq() => continue,
                        "examples" => names(Child::Example),
                        _ if NAME_MAPS.contains(&key) && entry.value.is_map() => names(Child::Object),
                        _ => Shape::Object,
                    };
                    walk(&entry.value, inner, out);
                }
            }
        },
        _ => {}
    }
}
