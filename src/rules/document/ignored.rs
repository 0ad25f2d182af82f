//! AL109–AL111: fields that publishing ignores — security, tags and docs, vendor extensions.

use crate::rules::{Context, Help, Rule, RuleSeverity, Sink};
use crate::source::Entry;

pub static AL109: Rule = Rule {
    id: "AL109",
    name: "security-ignored",
    severity: RuleSeverity::Info,
    summary: "`security` and `securitySchemes` are ignored: AppLink authenticates calls",
    docs: r##"## What it does
Notes a root `security` requirement, `components.securitySchemes`, and operation-level
`security` on operations that are not agent actions (on agent actions AL213 reports it). The
operations are reported once, at the first one, with their count; the others are listed as
the finding's other places.

## Why
External Services: "Security settings defined in the API spec are ignored and defer to security
settings in the Named Credential". With AppLink, the Named Credential and the authentication
of each call are managed by AppLink (the app verifies the `x-client-context` header through the
AppLink SDK), so nothing written here is enforced or sent. If the app itself requires a bearer
token, calls from Salesforce will not carry it.

## Example
```yaml
security:
  - bearerAuth: []
components:
  securitySchemes:
    bearerAuth: {type: http, scheme: bearer}
```

## Use instead
Leave it out of the published spec, or keep it for other consumers knowing Salesforce ignores
it; authenticate Salesforce calls with the AppLink SDK.

## Source
Salesforce Help, *Schema Definitions* (S7).

## applinkc differs from the catalog
The catalog lists `$OP.security` as a path; applinkc reports operation-level `security` once,
at the first operation, with the number of operations that carry it, instead of once per
operation.
"##,
    check: check_security,
};

pub static AL110: Rule = Rule {
    id: "AL110",
    name: "tags-docs-ignored",
    severity: RuleSeverity::Info,
    summary: "`tags` and `externalDocs` are ignored by External Services",
    docs: r##"## What it does
Notes root `tags` and `externalDocs`, and the same fields on operations. Operation-level fields
are reported once per kind, at the first operation, with the number of operations that carry
them and each of the others listed (notes in the human report, related locations in SARIF) —
generators put `tags` on every operation, and one note says all there is to say.

## Why
External Services ignore these fields: they group nothing in Flow, Apex or Agent Builder, and
the links are not shown anywhere. Harmless; useful to know before relying on them.

## Example
```yaml
tags:
  - name: quotes
    description: Quote generation
```

## Use instead
Describe the operation in its `summary` and `description`, which Salesforce does show.

## Source
Salesforce Help, *Schema Definitions* (S7).

## applinkc differs from the catalog
The catalog lists `$OP.tags` and `$OP.externalDocs` as paths; reporting each operation would
repeat one note dozens of times on generated specs, so applinkc reports each kind once with a
count.
"##,
    check: check_tags,
};

pub static AL111: Rule = Rule {
    id: "AL111",
    name: "root-extension-ignored",
    severity: RuleSeverity::Warning,
    summary: "no root `x-…` extensions other than `x-sfdc`: they have no effect",
    docs: r##"## What it does
Reports root keys starting with `x-` other than `x-sfdc`, and points out near-misses of
`x-sfdc` (`X-SFDC`, `x-salesforce`, `x-sfdc-agent`).

## Why
Publishing reads only the documented `x-sfdc` extension. People put publish settings into the
spec expecting them to be read — a published sample carries
`x-applink: {userMode: user-plus, clientName: …}`, which does nothing: the client name, the
connected or external client app and the permission set are flags of
`heroku salesforce:publish`.

## Example
```yaml
x-applink:
  userMode: user-plus
  clientName: HerokuAPI
```

## Use instead
```console
$ heroku salesforce:publish api-spec.yaml --client-name HerokuAPI \
    --connection-name my-org --authorization-permission-set-name HerokuAPIPerms
```
Keep an extension only if another tool of yours reads it.

## Source
Observation of the published specs (catalog section 13, corpus #17); inference.
"##,
    check: check_extensions,
};

fn check_security(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let root = ctx.root();
    if let Some(entry) = root.entry("security") {
        sink.report(
            entry.key_span,
            "`security` is ignored: AppLink authenticates the calls Salesforce makes",
        )
        .help("verify calls in the app with the AppLink SDK (`x-client-context`); Salesforce sends no credentials declared here");
    }
    if let Some(entry) = root.get("components").and_then(|c| c.entry("securitySchemes")) {
        sink.report(
            entry.key_span,
            "`components.securitySchemes` are ignored: AppLink authenticates the calls Salesforce makes",
        );
    }
    let ops: Vec<&Entry> = ctx
        .spec
        .operations
        .iter()
        .filter(|op| !op.agent)
        .filter_map(|op| op.node.entry("security"))
        .collect();
    if let Some(first) = ops.first() {
        let related = also_at(sink, &ops[1..], "operation `security`");
        sink.report(
            first.key_span,
            format!(
                "`security` on operations is ignored: AppLink authenticates the calls Salesforce makes{}",
                others(ops.len())
            ),
        )
        .also_at(related);
    }
}

fn check_tags(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let root = ctx.root();
    for key in ["tags", "externalDocs"] {
        if let Some(entry) = root.entry(key) {
            sink.report(entry.key_span, format!("`{key}` is ignored by External Services"));
        }
        let ops: Vec<&Entry> = ctx.spec.operations.iter().filter_map(|op| op.node.entry(key)).collect();
        if let Some(first) = ops.first() {
            let related = also_at(sink, &ops[1..], &format!("operation `{key}`"));
            sink.report(
                first.key_span,
                format!(
                    "operation `{key}` are ignored by External Services{}",
                    others(ops.len())
                ),
            )
            .also_at(related);
        }
    }
}

/// The other operations' entries, as the other places of the finding.
fn also_at(sink: &Sink<'_>, entries: &[&Entry], what: &str) -> Vec<crate::diagnostics::Related> {
    entries.iter().map(|e| sink.related(e.key_span, what)).collect()
}

/// ` (here and on 2 other operations)` when there is more than one.
fn others(count: usize) -> String {
    if count == 2 {
        " (here and on 1 other operation)".to_string()
    } else if count > 2 {
        format!(" (here and on {} other operations)", count - 1)
    } else {
        String::new()
    }
}

fn check_extensions(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for entry in ctx.root().entries() {
        let key = &*entry.key;
        if !key.to_ascii_lowercase().starts_with("x-") || key == "x-sfdc" {
            continue;
        }
        let lower = key.to_ascii_lowercase();
        let near_miss = lower == "x-sfdc" || lower.starts_with("x-sfdc") || lower.starts_with("x-salesforce");
        let d = sink.report(
            entry.key_span,
            format!("root extension `{key}` has no effect on publishing"),
        );
        if near_miss {
            d.help("the only extension publishing reads is `x-sfdc` (lower case): `x-sfdc: {agent: {topic: …}}` at the root, `x-sfdc: {agent: {action: …}, heroku: {authorization: …}}` on operations");
        } else {
            d.help("publish settings are flags of `heroku salesforce:publish` (`--client-name`, `--authorization-permission-set-name`, …); keep the key only if another tool reads it");
        }
    }
}
