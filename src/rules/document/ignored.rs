//! AL109–AL111, AL113: fields that publishing ignores — security, tags and docs, vendor
//! extensions at the root, on operations and on schemas.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Entry;

pub static AL109: Rule = Rule {
    id: RuleId::new("AL109"),
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
    id: RuleId::new("AL110"),
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
    id: RuleId::new("AL111"),
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

pub static AL113: Rule = Rule {
    id: RuleId::new("AL113"),
    name: "extension-ignored",
    severity: RuleSeverity::Warning,
    summary: "no `x-…` extensions on operations and schemas other than `x-sfdc`: they have no effect",
    docs: r##"## What it does
Reports keys starting with `x-` on operations and on schemas (every place a schema can stand,
inline or under `components.schemas`) other than `x-sfdc`, and points out near-misses of
`x-sfdc` (`X-SFDC`, `x-salesforce`, `x-sfdc-agent`). `x-callbacks` and `x-callback` on
operations are AL605's. Each extension name is one finding, at its first place, listing every
other place where it is written.

## Why
Publishing reads only the documented `x-sfdc` extension: `x-sfdc.agent` and
`x-sfdc.heroku` on operations, `x-sfdc.agent.action` on schemas. Anything else is dropped
without a word, so `x-salesforce: {agent: {action: {publishAsAgentAction: true}}}` on an
operation publishes no agent action, and nobody notices until the agent lacks it. Generator
and gateway extensions (`x-github`, `x-amazon-apigateway-integration`) are harmless, but
worth knowing they do nothing in Salesforce.

## Example
```yaml
paths:
  /quotes:
    post:
      operationId: generateQuote
      x-salesforce:
        agent:
          action: {publishAsAgentAction: true}
```

## Use instead
```yaml
paths:
  /quotes:
    post:
      operationId: generateQuote
      x-sfdc:
        agent:
          action: {publishAsAgentAction: true}
```
Keep another tool's extension if that tool reads it, or turn the rule off in `applinkc.toml`
(`AL113 = "off"`) for a spec full of them.

## Source
Heroku Dev Center, *AppLink* `x-sfdc` extensions (S1); Salesforce Help, *Schema Definitions*
(S7), which documents no other extension; inference.

## applinkc differs from the catalog
The catalog checks extensions at the root only (AL111). An extension on an operation or a
schema has no more effect than one at the root, and a misspelt `x-sfdc` there silently
drops an agent action, so applinkc reports them too, under an id of its own so that a spec
whose generator writes thousands of `x-github` keys can turn it off without losing AL111.
"##,
    check: check_inner_extensions,
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
fn also_at(sink: &Sink<'_>, entries: &[&Entry], what: &str) -> Vec<crate::finding::Related> {
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

/// `X-SFDC`, `x-sfdc-agent`, `x-salesforce…`: meant to be `x-sfdc`.
fn near_miss(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    lower.starts_with("x-sfdc") || lower.starts_with("x-salesforce")
}

/// What the only extension publishing reads looks like.
const X_SFDC_HELP: &str = "the only extension publishing reads is `x-sfdc` (lower case): `x-sfdc: {agent: {topic: …}}` at the root, `x-sfdc: {agent: {action: …}, heroku: {authorization: …}}` on operations";

fn check_inner_extensions(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    // Extension name → every place it is written, with what holds it.
    let mut places: indexmap::IndexMap<&str, Vec<(&Entry, String)>> = indexmap::IndexMap::new();
    for op in &ctx.spec.operations {
        for entry in op.node.entries() {
            let key = &*entry.key;
            if is_extension(key) && !matches!(key, "x-callbacks" | "x-callback") {
                places
                    .entry(key)
                    .or_default()
                    .push((entry, format!("operation {}", op.label())));
            }
        }
    }
    for site in ctx.spec.schema_sites() {
        for entry in site.node.entries() {
            if is_extension(&entry.key) {
                places
                    .entry(&entry.key)
                    .or_default()
                    .push((entry, "a schema".to_string()));
            }
        }
    }
    let mut groups: Vec<(&str, Vec<(&Entry, String)>)> = places.into_iter().collect();
    for (_, at) in &mut groups {
        at.sort_by_key(|(e, _)| e.key_span.start);
    }
    groups.sort_by_key(|(_, at)| at[0].0.key_span.start);
    for (key, at) in groups {
        let (first, holder) = &at[0];
        let related = at[1..]
            .iter()
            .map(|(e, holder)| sink.related(e.key_span, format!("`{key}` on {holder}")))
            .collect();
        let elsewhere = match at.len() - 1 {
            0 => String::new(),
            1 => " (here and in 1 other place)".to_string(),
            n => format!(" (here and in {n} other places)"),
        };
        let d = sink.report(
            first.key_span,
            format!("extension `{key}` on {holder} has no effect on publishing{elsewhere}"),
        );
        if near_miss(key) {
            d.help(X_SFDC_HELP);
        } else {
            d.help("publishing reads only `x-sfdc`; keep the key if another tool reads it");
        }
        d.also_at(related);
    }
}

/// An `x-` key other than `x-sfdc` (any letter case: `X-Foo` too).
fn is_extension(key: &str) -> bool {
    key.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("x-")) && key != "x-sfdc"
}

fn check_extensions(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for entry in ctx.root().entries() {
        let key = &*entry.key;
        if !is_extension(key) {
            continue;
        }
        let near_miss = near_miss(key);
        let d = sink.report(
            entry.key_span,
            format!("root extension `{key}` has no effect on publishing"),
        );
        if near_miss {
            d.help(X_SFDC_HELP);
        } else {
            d.help("publish settings are flags of `heroku salesforce:publish` (`--client-name`, `--authorization-permission-set-name`, …); keep the key only if another tool reads it");
        }
    }
}
