//! AL100, AL102: the root is an OpenAPI 3.0 document.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Span;

pub static AL100: Rule = Rule {
    id: RuleId::new("AL100"),
    name: "openapi-document",
    severity: RuleSeverity::Error,
    summary: "the root is a mapping with an `openapi` (or `swagger`) field",
    docs: r##"## What it does
Checks that the document's root is a mapping (an object) and that it declares its version with
`openapi` (or, for Swagger 2.0, `swagger`).

## Why
Without a version field the file is not an OpenAPI document, and External Services reject it
before reading anything else. A root that is a list or a plain value usually means the wrong
file was given, or the spec was pasted into another document.

## Example
```yaml
- openapi: 3.0.3
  info: {title: Quotes, version: 1.0.0}
```
```yaml
info: {title: Quotes, version: 1.0.0}
paths: {}
```

## Use instead
```yaml
openapi: 3.0.3
info: {title: Quotes, version: 1.0.0}
paths: {}
```

## Source
OpenAPI Specification 3.0.3 §4.7.1, *OpenAPI Object* (catalog S29).
"##,
    check: check_root,
};

pub static AL102: Rule = Rule {
    id: RuleId::new("AL102"),
    name: "swagger-2",
    severity: RuleSeverity::Warning,
    summary: "the spec is OpenAPI 3.0, not Swagger 2.0",
    docs: r##"## What it does
Reports a `swagger` field (Swagger / OpenAPI 2.0).

## Why
External Services accept OpenAPI 2.0, but the AppLink CLI documents "OpenAPI 3.x" and every
`x-sfdc` extension is documented on OpenAPI 3.0 objects (`requestBody`, `components`); only the
AppLink pilot (`salesforce:import`) was seen publishing a 2.0 file. Agent actions, Heroku
authorization and the other applinkc checks assume 3.0.

## Example
```yaml
swagger: "2.0"
info: {title: Quotes, version: 1.0.0}
```

## Use instead
```yaml
openapi: 3.0.3
info: {title: Quotes, version: 1.0.0}
```
Converters such as `swagger2openapi` (npm) or the Swagger Editor do this mechanically.

## Source
Salesforce Help, *OpenAPI 2.0 and 3.0 Support* (S6); heroku-cli-plugin-applink (S25); corpus #19.
"##,
    check: check_swagger,
};

fn check_root(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let root = ctx.root();
    if !root.is_map() {
        sink.report(
            root.span,
            format!("the document is {}, not a mapping of OpenAPI fields", root.kind_name()),
        )
        .help("an OpenAPI document is a mapping that starts with `openapi: 3.0.3`");
        return;
    }
    if root.get("openapi").is_none() && root.get("swagger").is_none() {
        sink.report(
            Span::empty(root.span.start as usize),
            "the document has no `openapi` field, so it is not an OpenAPI document",
        )
        .help("start the file with `openapi: 3.0.3`");
    }
}

fn check_swagger(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let root = ctx.root();
    let Some(node) = root.get("swagger") else {
        return;
    };
    let raw = ctx.raw(node).trim_matches(|c| c == '"' || c == '\'');
    let d = sink.report(
        node.span,
        format!("Swagger `{raw}` document: AppLink and the `x-sfdc` extensions are documented for OpenAPI 3.0"),
    );
    if root.get("openapi").is_some() {
        d.help("remove `swagger`: the document already declares `openapi`");
    } else {
        d.help("convert the spec to OpenAPI 3.0 (e.g. with `swagger2openapi`) and declare `openapi: 3.0.3`");
    }
}
