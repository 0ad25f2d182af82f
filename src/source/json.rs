//! JSON → [`Node`] tree through `jsonc-parser` with every leniency switched off, so that what
//! loads here is what a strict JSON parser on the server accepts.

use super::limits::MAX_DEPTH;
use super::node::{Entry, Node, Span, Value};
use super::{LoadProblem, ProblemKind};
use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};

pub fn parse(text: &str) -> Result<(Node, Vec<LoadProblem>), LoadProblem> {
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &collect, &options).map_err(|e| {
        let range = e.range();
        LoadProblem::new(
            ProblemKind::Syntax,
            Span::new(
                range.start,
                range.end.max(range.start + 1).min(text.len().max(range.start)),
            ),
            format!("invalid JSON: {}", lower_first(&e.kind().to_string())),
        )
    })?;
    let Some(value) = parsed.value else {
        return Err(LoadProblem::new(
            ProblemKind::Empty,
            Span::empty(0),
            "the file holds no JSON value".into(),
        ));
    };
    let mut problems = Vec::new();
    let root = convert(value, 0, &mut problems)?;
    Ok((root, problems))
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn span(range: jsonc_parser::common::Range) -> Span {
    Span::new(range.start, range.end)
}

fn convert(value: ast::Value<'_>, depth: usize, problems: &mut Vec<LoadProblem>) -> Result<Node, LoadProblem> {
    Ok(match value {
        ast::Value::StringLit(s) => Node::new(span(s.range), Value::Str(s.value.into())),
        ast::Value::NumberLit(n) => Node::new(span(n.range), number(n.value)),
        ast::Value::BooleanLit(b) => Node::new(span(b.range), Value::Bool(b.value)),
        ast::Value::NullKeyword(n) => Node::new(span(n.range), Value::Null),
        ast::Value::Array(a) => {
            check_depth(depth, span(a.range))?;
            let mut items = Vec::with_capacity(a.elements.len());
            for element in a.elements {
                items.push(convert(element, depth + 1, problems)?);
            }
            Node::new(span(a.range), Value::Seq(items))
        }
        ast::Value::Object(o) => {
            check_depth(depth, span(o.range))?;
            let mut entries: Vec<Entry> = Vec::with_capacity(o.properties.len());
            let many = o.properties.len() > 16;
            let mut seen = if many {
                Some(std::collections::HashMap::with_capacity(o.properties.len()))
            } else {
                None
            };
            for prop in o.properties {
                let (key, key_span) = match prop.name {
                    ast::ObjectPropName::String(s) => (s.value.into_owned().into_boxed_str(), span(s.range)),
                    ast::ObjectPropName::Word(w) => (w.value.into(), span(w.range)),
                };
                let first = match &mut seen {
                    Some(seen) => seen.get(&key).copied(),
                    None => entries.iter().find(|e| e.key == key).map(|e| e.key_span),
                };
                if let Some(first) = first {
                    problems.push(LoadProblem::duplicate_key(&key, key_span, Some(first)));
                    continue;
                }
                let value = convert(prop.value, depth + 1, problems)?;
                if let Some(seen) = &mut seen {
                    seen.insert(key.clone(), key_span);
                }
                entries.push(Entry { key, key_span, value });
            }
            Node::new(span(o.range), Value::Map(entries))
        }
    })
}

fn check_depth(depth: usize, at: Span) -> Result<(), LoadProblem> {
    if depth >= MAX_DEPTH {
        return Err(LoadProblem::new(
            ProblemKind::TooDeep,
            at,
            format!("nesting is deeper than {MAX_DEPTH} levels"),
        ));
    }
    Ok(())
}

fn number(text: &str) -> Value {
    if !text.contains(['.', 'e', 'E'])
        && let Ok(i) = text.parse::<i64>()
    {
        return Value::Int(i);
    }
    Value::Float(text.parse::<f64>().unwrap_or(f64::NAN))
}
