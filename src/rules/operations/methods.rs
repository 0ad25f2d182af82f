//! AL200, AL201: which operations External Services can call.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::spec::METHODS;

pub static AL200: Rule = Rule {
    id: RuleId::new("AL200"),
    name: "method-supported",
    severity: RuleSeverity::Error,
    summary: "operations use only GET, PUT, POST, PATCH or DELETE",
    docs: r##"## What it does
Reports `head`, `options` and `trace` operations, and method keys written in upper or mixed
case (`GET:`), which OpenAPI does not read as operations at all.

## Why
External Services: "You can use the GET, PATCH, PUT, POST, and DELETE methods in a schema"; the
agent guide says of `head`, `options` and `trace`: "Don't include". Frameworks that generate
specs sometimes emit `head`/`options` handlers (CORS preflight) that Salesforce has no use for.
A `GET:` key is silently not an operation: the operation you meant is missing from the
publication.

## Example
```yaml
paths:
  /quote:
    options:
      responses:
        '204': {description: CORS preflight}
    GET:
      operationId: getQuote
```

## Use instead
```yaml
paths:
  /quote:
    get:
      operationId: getQuote
```

## Source
Salesforce Help, *Schema Definitions* (S7); Agentforce Developer Guide, *Verify Metadata and
OpenAPI Specification Documents* (S18); OpenAPI 3.0.3 §4.7.9 (S29).
"##,
    check: check_methods,
};

pub static AL201: Rule = Rule {
    id: RuleId::new("AL201"),
    name: "get-without-body",
    severity: RuleSeverity::Error,
    summary: "a GET operation declares no request body",
    docs: r##"## What it does
Reports `requestBody` on a `get` operation.

## Why
External Services: "A GET method with an empty request body results in a validation error".
A GET with a real body is no better: HTTP gives a GET body no meaning, and the Apex callout
Salesforce generates does not send one. The inputs are lost.

## Example
```yaml
get:
  operationId: searchAccounts
  requestBody:
    content:
      application/json:
        schema: {$ref: '#/components/schemas/Search'}
```

## Use instead
```yaml
post:
  operationId: searchAccounts
  requestBody:
    content:
      application/json:
        schema: {$ref: '#/components/schemas/Search'}
```
or pass the inputs as query parameters of the GET.

## Source
Salesforce Help, *Schema Definitions* (S7).
"##,
    check: check_get_body,
};

const SUPPORTED: [&str; 5] = ["get", "put", "post", "patch", "delete"];

fn check_methods(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for op in &ctx.spec.operations {
        if SUPPORTED.contains(&op.method) {
            continue;
        }
        let help = if op.method == "options" {
            "remove it from the published spec: CORS preflight handlers are not operations Salesforce can call"
        } else {
            "remove it from the published spec, or expose the behaviour as a GET"
        };
        sink.report(
            op.method_entry.key_span,
            format!(
                "{}: `{}` operations are not supported by External Services (only GET, PUT, POST, PATCH and DELETE)",
                op.label(),
                op.method
            ),
        )
        .help(help);
    }
    // `GET:` is not an operation in OpenAPI; the operation meant is silently missing.
    let Some(paths) = ctx.root().get("paths") else { return };
    for path in paths.entries() {
        if path.key.starts_with("x-") {
            continue;
        }
        let item = ctx.spec.deref(&path.value);
        for entry in item.entries() {
            let lower = entry.key.to_ascii_lowercase();
            if *entry.key != *lower && METHODS.contains(&lower.as_str()) {
                sink.report(
                    entry.key_span,
                    format!(
                        "`{}` under `{}` is not an operation: OpenAPI method keys are lower case",
                        entry.key, path.key
                    ),
                )
                .help(format!("write `{lower}:`"));
            }
        }
    }
}

fn check_get_body(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for op in &ctx.spec.operations {
        if op.method != "get" {
            continue;
        }
        if let Some(entry) = op.node.entry("requestBody") {
            sink.report(
                entry.key_span,
                format!(
                    "{} declares a request body; External Services reject a GET with a body",
                    op.label()
                ),
            )
            .help("pass the inputs as query parameters, or make the operation a POST");
        }
    }
}
