//! AL005–AL008: `$ref`s — local only, resolvable, acyclic, and without ignored siblings.
//!
//! These rules only look at real Reference Objects, not at a `$ref` key inside literal data
//! (`example`, `default`, `enum`) or a property named `$ref`: [`Spec::references`] tells the two
//! apart in one walk of the document, shared by the four rules, and resolves each reference once.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::node::unescape_token;
use crate::source::{Node, Value};
use crate::spec::{MAX_REF_HOPS, Spec};
use rustc_hash::FxHashSet;
mod cycles;

pub use cycles::AL007;

pub static AL005: Rule = Rule {
    id: RuleId::new("AL005"),
    name: "ref-local-only",
    severity: RuleSeverity::Error,
    summary: "every `$ref` is local to the spec (`#/…`)",
    docs: r##"## What it does
Checks that every `$ref` starts with `#`: a reference into the same file. Relative files
(`./schemas/account.yaml`, `common.yaml#/Account`) and URLs are reported.

## Why
`heroku salesforce:publish` uploads exactly one file (`api-spec.yaml` or `api-spec.json`);
nothing else travels with it, so Salesforce cannot resolve a reference to another file or
fetch a URL. Bundle the spec into one file first.

## Example
```yaml
schema:
  $ref: './schemas/account.yaml'
```

## Use instead
```yaml
schema:
  $ref: '#/components/schemas/Account'
components:
  schemas:
    Account: {type: object}
```
Tools such as `redocly bundle` or `swagger-cli bundle` inline external references.

## Source
heroku-cli-plugin-applink `publish.ts` uploads one file (catalog S25); OpenAPI 3.0.3 §4.7.23
(Reference Object).
"##,
    check: check_local,
};

pub static AL006: Rule = Rule {
    id: RuleId::new("AL006"),
    name: "ref-resolves",
    severity: RuleSeverity::Error,
    summary: "every local `$ref` points at something in the spec",
    docs: r##"## What it does
Resolves every local `$ref` as a JSON pointer (with `~0`/`~1` unescaping and URI percent
decoding) and reports the ones that point nowhere, naming the first missing step and the
closest existing name. A `$ref` whose value is not a string is reported too, and so is a chain
of references (`A` is a `$ref` to `B`, which is a `$ref` to `C`, …) longer than 32 hops, at the
reference that starts it.

## Why
A reference that does not resolve makes the spec invalid: the schema registration fails, and
every operation that uses it is lost. applinkc's `check`, `apex` and `build` follow at most 32
hops; past that they would see a different schema than the one you meant, so the chain is a
finding instead of a silent change in the output.

## Example
```yaml
$ref: '#/components/schemas/Acount'
```

## Use instead
```yaml
$ref: '#/components/schemas/Account'
```

## Source
OpenAPI 3.0.3 §4.7.23 (Reference Object); RFC 6901 (JSON Pointer); catalog S29.
"##,
    check: check_resolves,
};

pub static AL008: Rule = Rule {
    id: RuleId::new("AL008"),
    name: "ref-siblings-ignored",
    severity: RuleSeverity::Warning,
    summary: "no keys next to `$ref`: OpenAPI 3.0 ignores them",
    docs: r##"## What it does
Reports keys written next to a `$ref` (`description`, `nullable`, `x-sfdc`, …). Path items are
exempt: OpenAPI 3.0 lets a Path Item Object combine `$ref` with its own fields.

## Why
In OpenAPI 3.0 a Reference Object "cannot be extended with additional properties and any
properties added SHALL be ignored". The keys are silently dropped — including agent metadata
under `x-sfdc` (the agent guide: "Don't add agent metadata in a schema that's defined using
$ref") and a `description` meant for Flow or the agent.

## Example
```yaml
schema:
  $ref: '#/components/schemas/Quote'
  description: The generated quote
```

## Use instead
Put the key on the referenced schema, or wrap the reference:
```yaml
schema:
  description: The generated quote
  allOf:
    - $ref: '#/components/schemas/Quote'
```

## Source
OpenAPI 3.0.3 §4.7.23 (Reference Object); Agentforce Developer Guide, *Verify Metadata and
OpenAPI Specification Documents* (S18).

## applinkc differs from the catalog
The catalog flags every `{ $ref, … }`. A Path Item Object is not a Reference Object: OpenAPI 3.0
defines `$ref` as one of its fields, next to `summary`, `parameters` and the operations, so
applinkc does not report path items.
"##,
    check: check_siblings,
};

fn check_local(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for site in ctx.spec.references() {
        let Some(reference) = site.value.as_str() else {
            continue; // AL006
        };
        if reference.starts_with('#') {
            continue;
        }
        let what = if reference.contains("://") {
            "a URL"
        } else {
            "another file"
        };
        let d = sink.report(
            site.value.span,
            format!("`$ref` `{reference}` refers to {what}; publishing uploads only this file"),
        );
        // `$ref: Account` or `$ref: Account.yaml` often means a schema that is already here.
        let stem = reference.rsplit('/').next().unwrap_or(reference);
        let stem = stem.split('#').next().unwrap_or(stem);
        let stem = stem
            .strip_suffix(".yaml")
            .or_else(|| stem.strip_suffix(".yml"))
            .or_else(|| stem.strip_suffix(".json"))
            .unwrap_or(stem);
        if !stem.is_empty() && ctx.root().path(&["components", "schemas", stem]).is_some() {
            d.help(format!(
                "this spec has the schema `{stem}`: refer to `#/components/schemas/{stem}`"
            ));
        } else {
            d.help("bundle the spec into one file (e.g. `redocly bundle`) so that every `$ref` starts with `#/`");
        }
    }
}

fn check_resolves(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    check_chains(ctx, sink);
    for site in ctx.spec.references() {
        let Some(reference) = site.value.as_str() else {
            sink.report(
                site.value.span,
                format!("`$ref` is {}, not a reference string", site.value.kind_name()),
            )
            .help("write the reference as a string: `$ref: '#/components/schemas/Name'`");
            continue;
        };
        let Some(fragment) = reference.strip_prefix('#') else {
            continue; // AL005
        };
        if site.target.is_some() {
            continue;
        }
        if !fragment.starts_with('/') {
            sink.report(
                site.value.span,
                format!("`$ref` `{reference}` is not a JSON pointer: after `#` it must start with `/`"),
            )
            .help(format!("write `#/{}`", fragment.trim_start_matches('/')));
            continue;
        }
        let (message, help) = explain_unresolved(ctx.spec, reference);
        let d = sink.report(site.value.span, message);
        if let Some(help) = help {
            d.help(help);
        }
    }
}

/// Chains of more than [`MAX_REF_HOPS`] references, reported at the reference that starts each
/// (one no other reference leads to). Cycles are AL007's.
fn check_chains(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let sites = ctx.spec.references();
    let targets: FxHashSet<*const Node> = sites
        .iter()
        .filter_map(|s| s.target)
        .map(|t| t as *const Node)
        .collect();
    for site in sites {
        if targets.contains(&(site.holder as *const Node)) {
            continue;
        }
        let (mut hops, mut cycle) = (0, false);
        let mut current = site.holder;
        let mut seen: FxHashSet<*const Node> = FxHashSet::default();
        while let Some(next) = current
            .get("$ref")
            .and_then(Node::as_str)
            .and_then(|r| ctx.spec.resolve_ref(r))
        {
            if !seen.insert(next) {
                cycle = true;
                break;
            }
            hops += 1;
            if hops > MAX_REF_HOPS {
                break;
            }
            current = next;
        }
        if !cycle && hops > MAX_REF_HOPS {
            let reference = site.value.as_str().unwrap_or_default();
            sink.report(
                site.value.span,
                format!("`$ref` `{reference}` starts a chain of more than {MAX_REF_HOPS} references; applinkc follows at most {MAX_REF_HOPS}"),
            )
            .help("refer to the schema itself instead of to a reference to it");
        }
    }
}

/// Names the first step of an unresolved pointer that is missing, and the nearest existing name.
fn explain_unresolved(spec: &Spec<'_>, reference: &str) -> (String, Option<String>) {
    let tokens: Vec<&str> = reference.trim_start_matches('#').split('/').skip(1).collect();
    let mut node = spec.root;
    let mut walked = String::from("#");
    for raw in &tokens {
        // Resolve step by step with the same decoding as `Spec::resolve_ref`.
        let next = spec.resolve_ref(&format!("{walked}/{raw}"));
        match next {
            Some(next) => {
                node = next;
                walked.push('/');
                walked.push_str(raw);
            }
            None => {
                let token = unescape_token(raw);
                let message = if walked == "#" {
                    format!("`$ref` `{reference}` does not resolve: the spec has no top-level `{token}`")
                } else {
                    format!("`$ref` `{reference}` does not resolve: `{walked}` has no `{token}`")
                };
                // Swagger 2.0 habits: `#/definitions/X` for `#/components/schemas/X`.
                if walked == "#"
                    && let Some(section) = SWAGGER_SECTIONS.iter().find(|(old, _)| token == *old)
                    && let Some(rest) = tokens.get(1)
                {
                    let new = format!("#/components/{}/{rest}", section.1);
                    if spec.resolve_ref(&new).is_some() {
                        let help = format!("`#/{}` is Swagger 2.0; in OpenAPI 3.0 write `{new}`", section.0);
                        return (message, Some(help));
                    }
                }
                let help = match &node.value {
                    Value::Map(entries) => nearest(&token, entries.iter().map(|e| &*e.key))
                        .map(|name| format!("did you mean `{walked}/{}`?", escape(name))),
                    Value::Seq(items) => Some(format!(
                        "`{walked}` is a list of {} items; use an index from 0",
                        items.len()
                    )),
                    _ => Some(format!("`{walked}` is {}, which has nothing inside", node.kind_name())),
                };
                return (message, help);
            }
        }
    }
    (format!("`$ref` `{reference}` does not resolve"), None)
}

/// Swagger 2.0 root sections and where OpenAPI 3.0 keeps them.
const SWAGGER_SECTIONS: [(&str, &str); 3] = [
    ("definitions", "schemas"),
    ("parameters", "parameters"),
    ("responses", "responses"),
];

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The candidate closest to `wanted`: equal ignoring case, or within a small edit distance.
fn nearest<'n>(wanted: &str, candidates: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    let lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).clamp(1, 3);
    candidates
        .map(|c| {
            let d = if c.to_lowercase() == lower {
                0
            } else {
                strsim::levenshtein(&lower, &c.to_lowercase())
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn check_siblings(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for site in ctx.spec.references() {
        if site.path_item || site.holder.entries().iter().all(|e| &*e.key == "$ref") {
            continue;
        }
        let siblings: Vec<_> = site.holder.entries().iter().filter(|e| &*e.key != "$ref").collect();
        let Some(first) = siblings.first() else { continue };
        let names: Vec<String> = siblings.iter().map(|e| format!("`{}`", e.key)).collect();
        let list = match names.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => continue,
        };
        let verb = if siblings.len() == 1 { "is" } else { "are" };
        let help = if siblings.iter().any(|e| &*e.key == "x-sfdc") {
            "move `x-sfdc` to the operation (`x-sfdc.agent.action`) or into an inline schema; agent metadata on a `$ref` is dropped"
        } else {
            "move the keys into the referenced object, or wrap the reference: `allOf: [{$ref: …}]` next to the keys"
        };
        sink.report(
            first.key_span,
            format!("{list} next to `$ref` {verb} ignored in OpenAPI 3.0"),
        )
        .help(help);
    }
}
