//! AL406: what a request body must hold.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Node;
use rustc_hash::FxHashSet;

pub static AL406: Rule = Rule {
    id: RuleId::new("AL406"),
    name: "request-body-content",
    severity: RuleSeverity::Error,
    summary: "a request body has a non-empty `content` whose media types have a `schema`",
    docs: r#"## What it does
Checks that an operation's `requestBody` (after `$ref`) has a `content` map with at least one
media type, and that each media type has a `schema`.

## Why
OpenAPI 3.0 requires `content` in a Request Body Object. External Services build the Apex
input type (the `body` field of `<operationId>_Request`) from its schema: without one there
is nothing to build, and registration fails.

## Example
```yaml
requestBody:
  required: true
```

## Use instead
```yaml
requestBody:
  required: true
  content:
    application/json:
      schema: {$ref: '#/components/schemas/QuoteRequest'}
```
An operation that takes no body has no `requestBody` at all.

## Source
OpenAPI 3.0.3 §4.7.13 (S29); Salesforce Help, *Schema Definitions* (S7).
"#,
    check,
};

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let spec = ctx.spec;
    let mut seen: FxHashSet<*const Node> = FxHashSet::default();
    for op in &spec.operations {
        let Some(entry) = op.node.entry("requestBody") else {
            continue;
        };
        let body = spec.deref(&entry.value);
        if !body.is_map() || body.get("$ref").is_some() || !seen.insert(body) {
            continue; // not a mapping, or an unresolvable reference: other rules
        }
        // A referenced body is reported where it is defined, once.
        let at = if std::ptr::eq(body, &entry.value) {
            entry.key_span
        } else {
            body.span
        };
        let Some(content) = body.entry("content") else {
            sink.report(at, format!("the request body of {} has no `content`", op.label()))
                .help("add `content: {application/json: {schema: …}}`, or remove `requestBody`");
            continue;
        };
        let media = content.value.entries();
        if media.is_empty() {
            sink.report(
                content.key_span,
                format!("the request body of {} has an empty `content`", op.label()),
            )
            .help("add `application/json:` with a `schema`, or remove `requestBody`");
            continue;
        }
        for m in media {
            if m.value.get("schema").is_none() {
                sink.report(
                    m.key_span,
                    format!("media type `{}` of a request body has no `schema`", m.key),
                )
                .help("add a `schema` describing the body");
            }
        }
    }
}
