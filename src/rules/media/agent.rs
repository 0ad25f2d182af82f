//! AL403–AL405: media types and encodings of agent actions.

use super::{Direction, Support, essence, support, used};
use crate::finding::Severity;
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Node;
use crate::spec::Spec;

pub static AL403: Rule = Rule {
    id: RuleId::new("AL403"),
    name: "agent-request-media-type",
    severity: RuleSeverity::AgentError,
    summary: "agent actions take `application/json` request bodies only",
    docs: r#"## What it does
Reports a request body media type other than `application/json` (parameters such as
`; charset=utf-8` ignored) on an agent action (`publishAsAgentAction: true`).

## Why
The agent documentation: "Use only application/json for media type". The agent builds the
input as JSON; a form or text body cannot be filled.

## Example
```yaml
requestBody:
  content:
    application/x-www-form-urlencoded:
      schema: {$ref: '#/components/schemas/QuoteRequest'}
```

## Use instead
```yaml
requestBody:
  content:
    application/json:
      schema: {$ref: '#/components/schemas/QuoteRequest'}
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18).

## applinkc differs from the catalog
Only agent actions are checked (the catalog's path for this rule): a form body on an
operation that is not an agent action is fine, so it gets no warning either.
"#,
    check: check_request,
};

fn check_request(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for content in used(ctx) {
        if !content.agent || content.direction != Direction::Request {
            continue;
        }
        for media in content.media() {
            if !essence(&media.key).eq_ignore_ascii_case("application/json") {
                sink.report_agent(
                    true,
                    media.key_span,
                    format!("agent action request body uses `{}`, not `application/json`", media.key),
                )
                .help("agents send JSON: declare the body as `application/json`");
            }
        }
    }
}

pub static AL404: Rule = Rule {
    id: RuleId::new("AL404"),
    name: "agent-response-media-type",
    severity: RuleSeverity::AgentError,
    summary: "agent actions return objects as `application/json` and strings as `text/plain`",
    docs: r#"## What it does
On an agent action (`publishAsAgentAction: true`), checks each response media type against
its schema (after `$ref`): an object or array schema must be `application/json`, a string
schema `text/plain`. `*/*` gives a warning instead of an error. Media types that AL400
rejects are left to AL400.

## Why
The agent documentation asks for `application/json` for objects and `text/plain` for
strings; the agent reads and shows the output by that type.

## Example
```yaml
responses:
  '200':
    description: The quote
    content:
      text/plain:
        schema: {type: object, properties: {quoteId: {type: string}}}
```

## Use instead
```yaml
responses:
  '200':
    description: The quote
    content:
      application/json:
        schema: {type: object, properties: {quoteId: {type: string}}}
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18);
catalog corpus #4.

## applinkc differs from the catalog
The official Agentforce Java tutorial (heroku-examples/heroku-agentforce-tutorial-java) is
published with a `*/*` response holding `type: string` — springdoc's default for a `String`
return. `*/*` matches both JSON and text, and the action works, so applinkc reports `*/*` on
an agent action as a **warning** (with the exact type to declare), never as an error. A
mismatch between a concrete media type and the schema stays an error. Operations that are
not agent actions are not checked.
"#,
    check: check_response,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Object,
    Array,
    String,
    Other,
}

fn shape<'a>(spec: &Spec<'a>, schema: &'a Node) -> Shape {
    let schema = spec.deref(schema);
    match schema.get("type").and_then(Node::as_str) {
        Some("object") => Shape::Object,
        Some("array") => Shape::Array,
        Some("string") => Shape::String,
        Some(_) => Shape::Other,
        None if ["properties", "additionalProperties", "allOf", "anyOf", "oneOf"]
            .iter()
            .any(|k| schema.get(k).is_some()) =>
        {
            Shape::Object
        }
        None if schema.get("items").is_some() => Shape::Array,
        None => Shape::Other,
    }
}

fn check_response(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for content in used(ctx) {
        if !content.agent || content.direction != Direction::Response {
            continue;
        }
        for media in content.media() {
            if support(&media.key, Direction::Response) == Support::Unsupported {
                continue; // AL400
            }
            let Some(schema) = media.value.get("schema") else {
                continue;
            };
            let m = essence(&media.key);
            let (what, want) = match shape(ctx.spec, schema) {
                Shape::Object => ("an object", "application/json"),
                Shape::Array => ("an array", "application/json"),
                Shape::String => ("a string", "text/plain"),
                Shape::Other => continue,
            };
            if m.eq_ignore_ascii_case(want) {
                continue;
            }
            let message = format!("agent action returns {what} as `{}`; agents expect `{want}`", media.key);
            let help = format!("declare the response as `{want}`");
            if m == "*/*" {
                sink.report_with(Severity::Warning, media.key_span, message)
                    .help(format!(
                        "{help} (with springdoc: `produces = \"{want}\"` on the mapping)"
                    ));
            } else {
                sink.report_agent(true, media.key_span, message).help(help);
            }
        }
    }
}

pub static AL405: Rule = Rule {
    id: RuleId::new("AL405"),
    name: "media-type-encoding",
    severity: RuleSeverity::AgentError,
    summary: "no `encoding` in media types",
    docs: r#"## What it does
Reports an `encoding` map inside a media type of a request body or response: an error on
agent actions, a warning elsewhere.

## Why
The agent documentation: "Encoding: Don't include this field." `encoding` describes how
multipart and form parts are serialized, which External Services do not document; on
operations that are not agent actions this is a warning.

## Example
```yaml
content:
  application/x-www-form-urlencoded:
    schema: {$ref: '#/components/schemas/Upload'}
    encoding:
      tags: {style: form, explode: true}
```

## Use instead
```yaml
content:
  application/json:
    schema: {$ref: '#/components/schemas/Upload'}
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18).
"#,
    check: check_encoding,
};

fn check_encoding(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for content in used(ctx) {
        for media in content.media() {
            if let Some(encoding) = media.value.entry("encoding") {
                let message = if content.agent {
                    format!("`encoding` of `{}` is not allowed on agent actions", media.key)
                } else {
                    format!(
                        "`encoding` of `{}` is not allowed on agent actions, and External Services do not document it",
                        media.key
                    )
                };
                sink.report_agent(content.agent, encoding.key_span, message)
                    .help("remove `encoding`; send the body as `application/json`");
            }
        }
    }
}
