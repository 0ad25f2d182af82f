//! AL112: OpenAPI 3.1 fields in a document that declares 3.0.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Entry;

pub static AL112: Rule = Rule {
    id: RuleId::new("AL112"),
    name: "openapi-31-fields",
    severity: RuleSeverity::Error,
    summary: "no OpenAPI 3.1-only fields in a 3.0 document",
    docs: r##"## What it does
Reports fields that exist only in OpenAPI 3.1: `webhooks`, `jsonSchemaDialect`,
`components.pathItems`, `info.summary` and `info.license.identifier` — in a document whose
`openapi` is not 3.1 or later (for those, AL101 already reports the version).

## Why
External Services support OpenAPI 2.0 and 3.0. These fields usually mean the spec was written
for, or generated as, 3.1 and then relabelled `3.0.x`; the rest of the document is then likely
to use other 3.1 constructs too (`type: [string, 'null']`, `examples` lists in schemas, `const`).
A 3.0 validator rejects unknown fixed fields.

## Example
```yaml
openapi: 3.0.3
info:
  title: Quotes
  summary: Quote generation
  version: 1.0.0
webhooks:
  newQuote: …
```

## Use instead
```yaml
openapi: 3.0.3
info:
  title: Quotes
  description: Quote generation
  version: 1.0.0
```
Describe callbacks Salesforce should receive with `callbacks` on the operation.

## Source
OpenAPI Specification 3.0.3 (S29) and 3.1.0 (fields added in 3.1).
"##,
    check,
};

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let root = ctx.root();
    let Some(version) = root.get("openapi") else {
        return; // AL100 / AL102
    };
    if version
        .as_str()
        .is_some_and(|v| v.starts_with("3.") && !v.starts_with("3.0"))
    {
        return; // AL101 reports the version itself
    }
    let declared = ctx.raw(version).trim();
    let info = root.get("info");
    let found: [(Option<&Entry>, &str, &str); 5] = [
        (
            root.entry("webhooks"),
            "webhooks",
            "describe the requests Salesforce receives as `callbacks` of an operation, or remove them",
        ),
        (
            root.entry("jsonSchemaDialect"),
            "jsonSchemaDialect",
            "remove it: 3.0 schemas have one fixed dialect",
        ),
        (
            root.get("components").and_then(|c| c.entry("pathItems")),
            "components.pathItems",
            "write the path items under `paths`",
        ),
        (
            info.and_then(|i| i.entry("summary")),
            "info.summary",
            "use `info.description` instead",
        ),
        (
            info.and_then(|i| i.get("license")).and_then(|l| l.entry("identifier")),
            "info.license.identifier",
            "use `info.license.url` instead",
        ),
    ];
    for (entry, name, help) in found {
        if let Some(entry) = entry {
            sink.report(
                entry.key_span,
                format!("`{name}` is an OpenAPI 3.1 field, but the document declares `openapi: {declared}`"),
            )
            .help(help);
        }
    }
}
