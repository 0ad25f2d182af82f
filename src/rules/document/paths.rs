//! AL105–AL107: the `paths` object.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Entry, Span};
use std::collections::HashMap;

pub static AL105: Rule = Rule {
    id: RuleId::new("AL105"),
    name: "paths-present",
    severity: RuleSeverity::Error,
    summary: "`paths` is a mapping with at least one operation",
    docs: r##"## What it does
Checks that the document has `paths`, that it is a mapping, and that at least one path item
in it declares an operation (`get:`, `post:`, …).

## Why
Each operation becomes an External Service operation (an Apex method, a Flow action, possibly an
agent action). A spec without operations publishes nothing callable; OpenAPI 3.0 also requires
`paths`.

## Example
```yaml
openapi: 3.0.3
info: {title: Quotes, version: 1.0.0}
paths: {}
```

## Use instead
```yaml
openapi: 3.0.3
info: {title: Quotes, version: 1.0.0}
paths:
  /quote:
    post:
      operationId: generateQuote
      responses:
        '200': {description: The quote}
```

## Source
OpenAPI Specification 3.0.3 §4.7.1 and §4.7.8, *Paths Object* (catalog S29).
"##,
    check: check_present,
};

pub static AL106: Rule = Rule {
    id: RuleId::new("AL106"),
    name: "path-leading-slash",
    severity: RuleSeverity::Error,
    summary: "every path starts with `/`",
    docs: r##"## What it does
Checks that every key of `paths` (other than `x-…` extensions) starts with `/`.

## Why
OpenAPI: "The field name MUST begin with a forward slash (`/`)". The path is appended to the
app's URL when Salesforce calls it; without the slash the spec is invalid.

## Example
```yaml
paths:
  accounts:
    get: …
```

## Use instead
```yaml
paths:
  /accounts:
    get: …
```

## Source
OpenAPI Specification 3.0.3 §4.7.8, *Paths Object* (catalog S29).
"##,
    check: check_slash,
};

pub static AL107: Rule = Rule {
    id: RuleId::new("AL107"),
    name: "path-templates-distinct",
    severity: RuleSeverity::Error,
    summary: "no two templated paths differ only in their variable names",
    docs: r##"## What it does
Compares the templated paths with every `{variable}` blanked out and reports a path that is the
same as an earlier one except for the names of its variables.

## Why
OpenAPI: "Templated paths with the same hierarchy but different templated names MUST NOT exist
as they are identical." A request to `/accounts/001` matches both, so the spec is invalid and the
operations of one path item can never be told apart.

## Example
```yaml
paths:
  /accounts/{id}:
    get: …
  /accounts/{accountId}:
    delete: …
```

## Use instead
```yaml
paths:
  /accounts/{id}:
    get: …
    delete: …
```

## Source
OpenAPI Specification 3.0.3 §4.7.8, *Paths Object* (catalog S29).
"##,
    check: check_templates,
};

fn check_present(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let root = ctx.root();
    if !root.is_map() {
        return; // AL100
    }
    let Some(entry) = root.entry("paths") else {
        sink.report(Span::empty(root.span.start as usize), "the document has no `paths`")
            .help("add `paths:` with at least one operation, e.g. `/quote: {post: …}`");
        return;
    };
    if !entry.value.is_map() {
        sink.report(
            entry.value.span,
            format!("`paths` is {}, not a mapping", entry.value.kind_name()),
        )
        .help("write `paths:` as a mapping from paths (`/quote`) to path items");
        return;
    }
    if ctx.spec.operations.is_empty() {
        let message = if entry.value.entries().iter().all(|e| e.key.starts_with("x-")) {
            "`paths` is empty: the spec declares no operation"
        } else {
            "no path in `paths` declares an operation (`get:`, `post:`, …)"
        };
        sink.report(entry.key_span, message)
            .help("publishing creates one External Service operation per OpenAPI operation; add at least one");
    }
}

/// The path keys that are paths (not `x-…` extensions).
fn path_entries<'a>(ctx: &Context<'a>) -> impl Iterator<Item = &'a Entry> {
    ctx.root()
        .get("paths")
        .map(crate::source::node::Node::entries)
        .unwrap_or_default()
        .iter()
        .filter(|e| !e.key.starts_with("x-"))
}

fn check_slash(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for entry in path_entries(ctx) {
        if !entry.key.starts_with('/') {
            sink.report(entry.key_span, format!("path `{}` does not start with `/`", entry.key))
                .help(format!("write `/{}`", entry.key.trim_start()));
        }
    }
}

/// `/a/{id}/b` → `/a/{}/b`.
fn shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_var = false;
    for c in path.chars() {
        match c {
            '{' if !in_var => {
                in_var = true;
                out.push('{');
            }
            '}' if in_var => {
                in_var = false;
                out.push('}');
            }
            _ if in_var => {}
            c => out.push(c),
        }
    }
    out
}

fn check_templates(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut first: HashMap<String, &Entry> = HashMap::new();
    for entry in path_entries(ctx) {
        if !entry.key.contains('{') {
            continue;
        }
        let key = shape(&entry.key);
        match first.get(&key) {
            None => {
                first.insert(key, entry);
            }
            Some(earlier) => {
                let line = ctx.source.line_col(earlier.key_span.start).line;
                sink.report(
                    entry.key_span,
                    format!(
                        "path `{}` is the same as `{}` (line {line}) except for its variable names",
                        entry.key, earlier.key
                    ),
                )
                .help(format!(
                    "move these operations under `{}` and use its variable names",
                    earlier.key
                ));
            }
        }
    }
}
