//! AL103, AL104: the `info` object.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Node, Span, Value};

pub static AL103: Rule = Rule {
    id: RuleId::new("AL103"),
    name: "info-title-version",
    severity: RuleSeverity::Error,
    summary: "`info` has a non-empty string `title` and `version`",
    docs: r##"## What it does
Checks that `info` is a mapping with `title` and `version`, both non-empty **strings**.

A version written without quotes is a YAML (or JSON) number, not a string: `version: 1` is the
integer 1 and `version: 1.10` is the float 1.1 — the trailing zero is gone before any tool sees
it. applinkc names the value as it was read and shows how to quote it.

## Why
OpenAPI requires both fields, as strings. A spec without them fails validation when the
External Service is registered, and a number where a string is expected is rejected by strict
parsers or silently rewritten (`1.10` becomes `1.1`).

## Example
```yaml
info:
  title: Quotes
```
```yaml
info:
  title: Quotes
  version: 1.10
```

## Use instead
```yaml
info:
  title: Quotes
  version: "1.10"
```

## Source
OpenAPI Specification 3.0.3 §4.7.2, *Info Object* (catalog S29); YAML 1.2.2 §10.3.2 (core
schema: `1.10` resolves to a float).
"##,
    check: check_info,
};

pub static AL104: Rule = Rule {
    id: RuleId::new("AL104"),
    name: "info-description",
    severity: RuleSeverity::Warning,
    summary: "`info` has a description",
    docs: r##"## What it does
Reports an `info` object without a `description` (or with an empty one).

## Why
For External Service registrations that Salesforce generates itself, the API catalog shows the
document's top-level description; AppLink publications are assumed to do the same. Admins and
Flow builders choosing the service in Setup see nothing but the client name without it.

## Example
```yaml
info:
  title: Quotes
  version: 1.0.0
```

## Use instead
```yaml
info:
  title: Quotes
  version: 1.0.0
  description: Generates price quotes for opportunities from the Heroku pricing engine.
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18);
inference for AppLink.
"##,
    check: check_description,
};

fn check_info(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let root = ctx.root();
    if !root.is_map() {
        return; // AL100
    }
    let Some(entry) = root.entry("info") else {
        sink.report(Span::empty(root.span.start as usize), "the document has no `info`")
            .help("add `info: {title: My API, version: \"1.0.0\"}`");
        return;
    };
    let info = &entry.value;
    if !info.is_map() {
        sink.report(info.span, format!("`info` is {}, not a mapping", info.kind_name()))
            .help("write `info: {title: My API, version: \"1.0.0\"}`");
        return;
    }
    for field in ["title", "version"] {
        match info.entry(field) {
            None => {
                sink.report(entry.key_span, format!("`info` has no `{field}`"))
                    .help(match field {
                        "title" => "add `title:` with the API's name",
                        _ => "add `version: \"1.0.0\"` (the version of your API, quoted)",
                    });
            }
            Some(e) => check_text(ctx, sink, field, &e.value),
        }
    }
}

fn check_text(ctx: &Context<'_>, sink: &mut Sink<'_>, field: &str, node: &Node) {
    let json = ctx.source.name.to_ascii_lowercase().ends_with(".json");
    let quoted = |text: &str| {
        if json {
            format!("`\"{field}\": \"{text}\"`")
        } else {
            format!("`{field}: \"{text}\"`")
        }
    };
    match &node.value {
        Value::Str(s) if !s.trim().is_empty() => {}
        Value::Str(_) => {
            sink.report(node.span, format!("`info.{field}` is empty"))
                .help(format!("give the API's {field}"));
        }
        Value::Float(f) => {
            let raw = ctx.raw(node).trim();
            let read = format_float(*f);
            let message = if raw == read {
                format!("`info.{field}` is the number {read}, not a string")
            } else {
                format!("`info.{field}` is the number {read}, not a string: `{raw}` is read as a float")
            };
            sink.report(node.span, message)
                .help(format!("quote it to keep it as written: {}", quoted(raw)));
        }
        Value::Int(_) | Value::Bool(_) => {
            let raw = ctx.raw(node).trim();
            let what = if matches!(node.value, Value::Int(_)) {
                format!("the number {raw}")
            } else {
                format!("the boolean `{raw}`")
            };
            sink.report(node.span, format!("`info.{field}` is {what}, not a string"))
                .help(format!("quote it: {}", quoted(raw)));
        }
        Value::Null => {
            sink.report(node.span, format!("`info.{field}` is empty (null)"))
                .help(format!("give the API's {field}"));
        }
        Value::Seq(_) | Value::Map(_) => {
            sink.report(
                node.span,
                format!("`info.{field}` is {}, not a string", node.kind_name()),
            )
            .help(format!("write the {field} as a single string"));
        }
    }
}

/// How a float reads back: `1.1`, `2` for `2.0` (the way JavaScript, which runs the AppLink
/// CLI, prints it).
fn format_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

fn check_description(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(entry) = ctx.root().entry("info") else {
        return;
    };
    if !entry.value.is_map() {
        return;
    }
    let described = entry
        .value
        .get("description")
        .and_then(Node::as_str)
        .is_some_and(|d| !d.trim().is_empty());
    if !described {
        sink.report(entry.key_span, "`info` has no description")
            .help("add `description:` saying what the API does; Salesforce shows it to admins and builders");
    }
}
