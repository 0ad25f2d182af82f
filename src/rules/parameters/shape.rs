//! AL300–AL304: what every Parameter Object must look like in OpenAPI 3.0.

use super::{ParamUse, is_swagger2, used};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Node, Span};
use rustc_hash::FxHashSet;

pub static AL300: Rule = Rule {
    id: RuleId::new("AL300"),
    name: "parameter-name-and-location",
    severity: RuleSeverity::Error,
    summary: "every parameter has a non-empty `name` and an `in`",
    docs: r#"## What it does
Checks that every parameter (on an operation, on a path item, or a referenced
`components.parameters` entry) is a mapping with a non-empty string `name` and an `in`.

## Why
External Services: "Each parameter must have a name". OpenAPI 3.0 makes `name` and `in`
required; without them the parameter cannot be sent, and registration fails.

## Example
```yaml
parameters:
  - in: query
    schema: {type: integer}
```

## Use instead
```yaml
parameters:
  - name: limit
    in: query
    schema: {type: integer}
```

## Source
Salesforce Help, *Schema Definitions* (S7); OpenAPI 3.0.3 §4.7.12 (S29).
"#,
    check: check_name_and_location,
};

fn check_name_and_location(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for p in used(ctx, true) {
        if p.node.get("$ref").is_some() {
            continue; // an unresolvable reference: AL006
        }
        if !p.node.is_map() {
            sink.report(
                p.node.span,
                format!("a parameter is {}, not a mapping", p.node.kind_name()),
            )
            .help("write the parameter as a mapping with `name`, `in` and `schema`");
            continue;
        }
        match p.node.get("name") {
            None => {
                sink.report(p.node.span, "a parameter has no `name`")
                    .help("add `name:` with the name the parameter has on the wire");
            }
            Some(name) => match name.as_str() {
                Some(s) if !s.trim().is_empty() => {}
                Some(_) => {
                    sink.report(name.span, "a parameter has an empty `name`")
                        .help("give the name the parameter has on the wire");
                }
                None => {
                    sink.report(
                        name.span,
                        format!("parameter `name` is {}, not a string", name.kind_name()),
                    )
                    .help("quote the name: `name: \"2024\"`");
                }
            },
        }
        if p.node.get("in").is_none() {
            sink.report(p.node.span, format!("{} has no `in`", p.label()))
                .help("add `in: query`, `in: path` or `in: header`");
        }
    }
}

pub static AL301: Rule = Rule {
    id: RuleId::new("AL301"),
    name: "parameter-location",
    severity: RuleSeverity::Error,
    summary: "`in` is `path`, `query`, `header` or `cookie`",
    docs: r#"## What it does
Checks that a parameter's `in` is one of `path`, `query`, `header` or `cookie`.

## Why
These are the only locations OpenAPI 3.0 has. `in: body` and `in: formData` are Swagger 2.0:
in OpenAPI 3.0 a body is a `requestBody`, and form fields are the properties of an
`application/x-www-form-urlencoded` request body. A spec that mixes the two versions fails to
register.

## Example
```yaml
parameters:
  - name: payload
    in: body
    schema: {$ref: '#/components/schemas/Quote'}
```

## Use instead
```yaml
requestBody:
  content:
    application/json:
      schema: {$ref: '#/components/schemas/Quote'}
```

## Source
OpenAPI 3.0.3 §4.7.12.2 (S29).

## applinkc differs from the catalog
In a Swagger 2.0 document (`swagger: "2.0"`, reported as a whole by AL102) `body` and
`formData` are valid locations and `cookie` is not, so the rule checks the 2.0 list there.
"#,
    check: check_location,
};

const OAS3_LOCATIONS: &[&str] = &["path", "query", "header", "cookie"];
const SWAGGER2_LOCATIONS: &[&str] = &["path", "query", "header", "formData", "body"];

fn check_location(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let swagger2 = is_swagger2(ctx);
    let allowed = if swagger2 { SWAGGER2_LOCATIONS } else { OAS3_LOCATIONS };
    for p in used(ctx, false) {
        let Some(at) = p.node.get("in") else { continue };
        match at.as_str() {
            Some(s) if allowed.contains(&s) => {}
            Some("body") => {
                sink.report(at.span, "`in: body` is Swagger 2.0; OpenAPI 3.0 has no body parameters")
                    .help("describe the body under the operation's `requestBody.content.application/json.schema`");
            }
            Some("formData") => {
                sink.report(
                    at.span,
                    "`in: formData` is Swagger 2.0; OpenAPI 3.0 has no form parameters",
                )
                .help("describe the form as a `requestBody` with `application/x-www-form-urlencoded` content");
            }
            Some(s) => {
                let lower = s.to_ascii_lowercase();
                let help = match allowed.iter().find(|l| l.eq_ignore_ascii_case(&lower)) {
                    Some(l) => format!("locations are case-sensitive: write `in: {l}`"),
                    None => format!("use one of {}", list(allowed)),
                };
                sink.report(at.span, format!("`in: {s}` is not a parameter location"))
                    .help(help);
            }
            None => {
                sink.report(at.span, format!("`in` is {}, not a string", at.kind_name()))
                    .help(format!("use one of {}", list(allowed)));
            }
        }
    }
}

fn list(items: &[&str]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

pub static AL302: Rule = Rule {
    id: RuleId::new("AL302"),
    name: "duplicate-parameter",
    severity: RuleSeverity::Error,
    summary: "no two parameters of one list share `name` and `in`",
    docs: r#"## What it does
Checks that an operation's `parameters`, and a path item's `parameters`, do not list the same
parameter (same `name` and `in`) twice. Header names are compared case-insensitively, as HTTP
does. An operation-level parameter that overrides a path-level one of the same name and
location is allowed: that is how OpenAPI overrides work.

## Why
OpenAPI 3.0: "The list MUST NOT include duplicated parameters." Two parameters with one name
would become two Apex fields with one name, and which value is sent is undefined.

## Example
```yaml
parameters:
  - {name: limit, in: query, schema: {type: integer}}
  - {name: limit, in: query, schema: {type: string}}
```

## Use instead
```yaml
parameters:
  - {name: limit, in: query, schema: {type: integer}}
```

## Source
OpenAPI 3.0.3 §4.7.10 and §4.7.9 (S29).
"#,
    check: check_duplicates,
};

fn check_duplicates(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let spec = ctx.spec;
    for op in &spec.operations {
        duplicates_in(ctx, op.node.get("parameters"), sink);
    }
    // Path items, each once (two paths may `$ref` one item).
    let mut seen_items: FxHashSet<*const Node> = FxHashSet::default();
    for path in ctx.root().get("paths").map(Node::entries).unwrap_or_default() {
        let item = spec.deref(&path.value);
        if seen_items.insert(item) {
            duplicates_in(ctx, item.get("parameters"), sink);
        }
    }
}

fn duplicates_in<'a>(ctx: &Context<'a>, list: Option<&'a Node>, sink: &mut Sink<'_>) {
    let Some(list) = list else { return };
    let mut earlier: Vec<ParamUse<'a>> = Vec::new();
    for written in list.items() {
        let p = ParamUse {
            written,
            node: ctx.spec.deref(written),
            agent: false,
        };
        let (Some(name), Some(at)) = (p.name(), p.location()) else {
            continue;
        };
        let same = |q: &ParamUse<'_>| {
            q.location() == Some(at)
                && q.name().is_some_and(|n| {
                    if at == "header" {
                        n.eq_ignore_ascii_case(name)
                    } else {
                        n == name
                    }
                })
        };
        if earlier.iter().any(same) {
            sink.report(written_span(&p), format!("{} is listed twice", p.label()))
                .help("remove one; OpenAPI allows each name and location once per list");
        } else {
            earlier.push(p);
        }
    }
}

/// Where a parameter is written: its `$ref` value, or its `name` value.
fn written_span(p: &ParamUse<'_>) -> Span {
    p.written
        .get("$ref")
        .or_else(|| p.node.get("name"))
        .map_or(p.written.span, |n| n.span)
}

pub static AL303: Rule = Rule {
    id: RuleId::new("AL303"),
    name: "parameter-schema-or-content",
    severity: RuleSeverity::Error,
    summary: "a parameter has exactly one of `schema` or `content`",
    docs: r#"## What it does
Checks that every parameter has either a `schema` or a `content` map, not both and not
neither, and that a `content` map has exactly one media type.

## Why
OpenAPI 3.0: "A parameter MUST contain either a schema property, or a content property, but
not both", and its `content` "MUST only contain one entry". External Services derive the Apex
type of the parameter from it; without one there is no type.

## Example
```yaml
parameters:
  - name: limit
    in: query
```

## Use instead
```yaml
parameters:
  - name: limit
    in: query
    schema: {type: integer}
```

## Source
OpenAPI 3.0.3 §4.7.12.1 (S29).

## applinkc differs from the catalog
Not checked in Swagger 2.0 documents, where non-body parameters carry `type` instead.
"#,
    check: check_schema_or_content,
};

fn check_schema_or_content(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    if is_swagger2(ctx) {
        return;
    }
    for p in used(ctx, false) {
        let schema = p.node.entry("schema");
        let content = p.node.entry("content");
        match (schema, content) {
            (None, None) => {
                sink.report(p.node.span, format!("{} has neither `schema` nor `content`", p.label()))
                    .help("add a `schema`, such as `schema: {type: string}`");
            }
            (Some(_), Some(content)) => {
                sink.report(
                    content.key_span,
                    format!("{} has both `schema` and `content`", p.label()),
                )
                .help("keep `schema` and remove `content`");
            }
            (None, Some(content)) => {
                let n = content.value.entries().len();
                if n != 1 {
                    sink.report(
                        content.key_span,
                        format!("the `content` of {} has {n} media types, not one", p.label()),
                    )
                    .help("a parameter's `content` holds exactly one media type; better, use `schema`");
                }
            }
            (Some(_), None) => {}
        }
    }
}

pub static AL304: Rule = Rule {
    id: RuleId::new("AL304"),
    name: "parameter-content",
    severity: RuleSeverity::Warning,
    summary: "parameters use `schema`, not `content`",
    docs: r#"## What it does
Reports a parameter described by a `content` map instead of a `schema`.

## Why
External Services document parameter types only through `schema`; support for parameter
`content` (a serialized JSON value in a query string, say) is undocumented, and the agent
documentation says "Use only application/json for media type". A plain `schema` gives a typed
Apex field that Flow and agents can fill.

## Example
```yaml
parameters:
  - name: filter
    in: query
    content:
      application/json:
        schema: {type: object, properties: {status: {type: string}}}
```

## Use instead
```yaml
parameters:
  - name: status
    in: query
    schema: {type: string}
```

## Source
Salesforce Help, *Schema Definitions* (S7); Agentforce Developer Guide, *Verify Metadata and
OpenAPI Specification Documents* (S18).
"#,
    check: check_content,
};

fn check_content(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    if is_swagger2(ctx) {
        return;
    }
    for p in used(ctx, false) {
        let Some(content) = p.node.entry("content") else {
            continue;
        };
        if p.node.get("schema").is_some() {
            continue; // AL303
        }
        let media = content.value.entries().first().map(|e| &*e.key);
        let what = match media {
            Some(m) => format!(" (`{m}`)"),
            None => String::new(),
        };
        sink.report(
            content.key_span,
            format!(
                "{} is described by `content`{what}; External Services document only `schema`",
                p.label()
            ),
        )
        .help("describe the value with `schema`, or split it into plain parameters");
    }
}
