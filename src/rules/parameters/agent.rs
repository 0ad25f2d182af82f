//! AL305–AL307, AL309, AL310: locations, headers and fields that agent actions (and External
//! Services) do not take.

use super::used;
use crate::rules::grouping::{self, Place};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};

pub static AL305: Rule = Rule {
    id: RuleId::new("AL305"),
    name: "cookie-parameter",
    severity: RuleSeverity::AgentError,
    summary: "no cookie parameters",
    docs: r#"## What it does
Reports parameters with `in: cookie`: an error when an agent action uses the parameter, a
warning elsewhere.

## Why
The agent documentation: "Provide query, header, and path parameter locations. Don't provide
cookie." External Services document path, query, header and form parameters and never
mention cookies, so the value may never be sent.

## Example
```yaml
parameters:
  - {name: session, in: cookie, schema: {type: string}}
```

## Use instead
```yaml
parameters:
  - {name: session, in: header, schema: {type: string}}
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18);
Salesforce Help, *OpenAPI 2.0 and 3.0 Support* (S6).
"#,
    check: check_cookie,
};

fn check_cookie(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for p in used(ctx, false) {
        let Some(at) = p.node.get("in") else { continue };
        if at.as_str() == Some("cookie") {
            sink.report_agent(
                p.agent,
                at.span,
                format!(
                    "{} is not supported; External Services and agent actions take path, query and header parameters",
                    p.label()
                ),
            )
            .help("pass the value as a query or header parameter");
        }
    }
}

pub static AL306: Rule = Rule {
    id: RuleId::new("AL306"),
    name: "reserved-header-parameter",
    severity: RuleSeverity::AgentError,
    summary: "no `Authorization`, cookie, `Content-Length` or `x-client-context` header parameters",
    docs: r#"## What it does
Reports header parameters named (case-insensitively) `Authorization`, `Cookie`, `Set-Cookie`,
`Set-Cookie2`, `Content-Length` or `x-client-context`: an error when an agent action uses the
parameter, a warning elsewhere.

## Why
The agent documentation lists the first five under "Don't use these headers". Salesforce and
AppLink set them: AppLink authenticates every call itself and adds `x-client-context`, which
the AppLink SDKs read to build the Salesforce client. A parameter with one of these names
becomes an Apex field nobody should fill, or overrides what AppLink sends.

## Example
```yaml
parameters:
  - {name: Authorization, in: header, schema: {type: string}}
```

## Use instead
Remove the parameter; AppLink authenticates the call.

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18);
AppLink SDK READMEs (`x-client-context`).
"#,
    check: check_reserved_header,
};

/// Why a header cannot be a parameter, and what to do, for the headers AL306 reports.
fn reserved_header(name: &str) -> Option<(&'static str, &'static str)> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "authorization" => (
            "is set by AppLink",
            "AppLink authenticates the call; remove the parameter",
        ),
        "cookie" | "set-cookie" | "set-cookie2" => (
            "is a cookie header, which agent actions must not declare",
            "cookies are not passed through; remove the parameter",
        ),
        "content-length" => ("is set by the HTTP client", "remove the parameter"),
        "x-client-context" => (
            "is set by AppLink on every call",
            "the AppLink SDK reads it to build the Salesforce client; remove the parameter",
        ),
        _ => return None,
    })
}

fn check_reserved_header(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for p in used(ctx, false) {
        if p.location() != Some("header") {
            continue;
        }
        let Some(name) = p.node.get("name") else { continue };
        let Some(text) = name.as_str() else { continue };
        if let Some((why, help)) = reserved_header(text) {
            sink.report_agent(p.agent, name.span, format!("header parameter `{text}` {why}"))
                .help(help);
        }
    }
}

pub static AL307: Rule = Rule {
    id: RuleId::new("AL307"),
    name: "ignored-header-parameter",
    severity: RuleSeverity::Info,
    summary: "`Accept` and `Content-Type` header parameters are ignored",
    docs: r#"## What it does
Reports header parameters named (case-insensitively) `Accept` or `Content-Type`.

## Why
OpenAPI 3.0: "If `in` is "header" and the name field is "Accept", "Content-Type" or
"Authorization", the parameter definition SHALL be ignored." The media types come from the
`content` maps of the request body and the responses. (`Authorization` is AL306.)

## Example
```yaml
parameters:
  - {name: Content-Type, in: header, schema: {type: string}}
```

## Use instead
```yaml
requestBody:
  content:
    application/json:
      schema: {$ref: '#/components/schemas/Quote'}
```

## Source
OpenAPI 3.0.3 §4.7.12.1 (S29).
"#,
    check: check_ignored_header,
};

fn check_ignored_header(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for p in used(ctx, false) {
        if p.location() != Some("header") {
            continue;
        }
        let Some(name) = p.node.get("name") else { continue };
        let Some(text) = name.as_str() else { continue };
        if text.eq_ignore_ascii_case("accept") || text.eq_ignore_ascii_case("content-type") {
            sink.report(
                name.span,
                format!("header parameter `{text}` is ignored; OpenAPI 3.0 takes it from `content`"),
            )
            .help("remove it and declare the media type under `requestBody.content` or `responses.*.content`");
        }
    }
}

pub static AL309: Rule = Rule {
    id: RuleId::new("AL309"),
    name: "parameter-serialization-fields",
    severity: RuleSeverity::AgentError,
    summary: "no `style`, `explode`, `allowReserved`, `deprecated` or `allowEmptyValue` on parameters",
    docs: r#"## What it does
Reports the parameter fields `style`, `explode`, `allowReserved`, `deprecated` and
`allowEmptyValue`: an error when an agent action uses the parameter, a warning elsewhere.

## Why
The agent documentation says "Don't include this field" for each of them. External Services
document none of these serialization options, so do not count on them in callouts from
Salesforce either: that is the warning on operations that are not agent actions.

## Example
```yaml
parameters:
  - name: ids
    in: query
    explode: true
    schema: {type: array, items: {type: string}}
```

## Use instead
```yaml
parameters:
  - name: ids
    in: query
    schema: {type: array, items: {type: string}}
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18).
"#,
    check: check_serialization_fields,
};

const SERIALIZATION_FIELDS: &[&str] = &["style", "explode", "allowReserved", "deprecated", "allowEmptyValue"];

fn check_serialization_fields(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for p in used(ctx, false) {
        for entry in p.node.entries() {
            if SERIALIZATION_FIELDS.contains(&&*entry.key) {
                let message = if p.agent {
                    format!("`{}` on {} is not allowed on agent actions", entry.key, p.label())
                } else {
                    format!(
                        "`{}` on {} is not allowed on agent actions, and External Services do not document it",
                        entry.key,
                        p.label()
                    )
                };
                sink.report_agent(p.agent, entry.key_span, message).help(format!(
                    "remove `{}`; Salesforce sends parameters in the default style",
                    entry.key
                ));
            }
        }
    }
}

pub static AL310: Rule = Rule {
    id: RuleId::new("AL310"),
    name: "agent-parameter-description",
    severity: RuleSeverity::Warning,
    summary: "parameters of agent actions have a description",
    docs: r#"## What it does
Reports a parameter used by an agent action (`publishAsAgentAction: true`) that has no
`description`, or an empty one. Several are one finding, at the first, that lists every
other one with its place.

## Why
The agent documentation: "Provide a brief description of the parameter's purpose". The
agent reads it to decide what value to pass; an `example` helps as well.

## Example
```yaml
parameters:
  - name: space
    in: query
    schema: {type: string}
```

## Use instead
```yaml
parameters:
  - name: space
    in: query
    description: Data space to inspect, such as `default`.
    schema: {type: string}
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18).

## applinkc differs from the catalog
The catalog reports each parameter. applinkc reports the parameters without a description as
one finding at the first, listing every other one with its place (notes in the human report,
related locations in SARIF), and the same for empty descriptions; one alone keeps its own
message.
"#,
    check: check_description,
};

fn check_description(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let (mut missing, mut empty) = (Vec::new(), Vec::new());
    for p in used(ctx, false) {
        if !p.agent {
            continue;
        }
        let name = p.name().unwrap_or_default().to_string();
        match p.node.get("description") {
            None => missing.push(Place {
                name,
                span: p.node.span,
                message: format!("{} of an agent action has no description", p.label()),
            }),
            Some(d) if d.as_str().is_some_and(|s| s.trim().is_empty()) || d.is_null() => empty.push(Place {
                name,
                span: d.span,
                message: format!("{} of an agent action has an empty description", p.label()),
            }),
            Some(_) => {}
        }
    }
    grouping::report_one_cause(
        sink,
        missing,
        "parameters of agent actions have no description",
        "add a `description`: the agent reads it to choose the value",
    );
    grouping::report_one_cause(
        sink,
        empty,
        "parameters of agent actions have an empty description",
        "describe what the value means; the agent reads it to choose the value",
    );
}
