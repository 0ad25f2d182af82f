//! AL209: the variables of a path template and the operation's path parameters match.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Node, Span};
use rustc_hash::FxHashSet;

pub static AL209: Rule = Rule {
    id: RuleId::new("AL209"),
    name: "path-parameters-match",
    severity: RuleSeverity::Error,
    summary: "the `{variables}` of each path and its `in: path` parameters match",
    docs: r##"## What it does
For each operation, compares the variables of its path template (`/accounts/{id}`) with the
parameters that apply to it (path-level and operation-level, `$ref`s resolved) that have
`in: path`:
- every `{name}` needs a parameter `name` with `in: path` and `required: true`;
- every `in: path` parameter must appear in the template (names are case-sensitive).

## Why
OpenAPI requires both. Salesforce builds the request URL by substituting the path parameters;
a variable without a parameter stays a literal `{id}` in the URL (or the spec is rejected), and
a path parameter that is not in the template is an input that is never sent.

## Example
```yaml
/accounts/{id}:
  get:
    operationId: getAccount
    parameters:
      - {name: accountId, in: path, required: true, schema: {type: string}}
```

## Use instead
```yaml
/accounts/{id}:
  get:
    operationId: getAccount
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
```

## Source
OpenAPI Specification 3.0.3 §4.7.8 (Paths Object) and §4.7.12 (Parameter Object: "If the
parameter location is "path", this property is REQUIRED and its value MUST be true") (S29).
"##,
    check,
};

/// The variable names of a path template, in order.
fn variables(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out
}

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut done: FxHashSet<Span> = FxHashSet::default();
    for op in &ctx.spec.operations {
        let vars = variables(op.path);
        let params: Vec<(&Node, &str)> = ctx
            .spec
            .parameters(op)
            .into_iter()
            .filter(|(_, p)| p.get("in").and_then(Node::as_str) == Some("path"))
            .filter_map(|(_, p)| Some((p, p.get("name")?.as_str()?)))
            .collect();
        for var in &vars {
            match params.iter().find(|(_, name)| name == var) {
                None => {
                    let d = sink.report(
                        op.method_entry.key_span,
                        format!("{} has no path parameter for `{{{var}}}`", op.label()),
                    );
                    match params.iter().find(|(_, name)| name.eq_ignore_ascii_case(var)) {
                        Some((_, name)) => d.help(format!(
                            "the parameter `{name}` differs only in case; names are case-sensitive: rename it `{var}`"
                        )),
                        None => d.help(format!(
                            "add `- {{name: {var}, in: path, required: true, schema: {{type: string}}}}` to `parameters`"
                        )),
                    };
                }
                Some((param, name)) => {
                    let required = param.get("required").and_then(Node::as_bool) == Some(true);
                    if required {
                        continue;
                    }
                    let at = param
                        .get("required")
                        .map(|n| n.span)
                        .or_else(|| param.entry("name").map(|e| e.key_span))
                        .unwrap_or(param.span);
                    if done.insert(at) {
                        sink.report(at, format!("path parameter `{name}` is not marked `required: true`"))
                            .help("path parameters are always required: add `required: true`");
                    }
                }
            }
        }
        for (param, name) in &params {
            if vars.contains(name) {
                continue;
            }
            let Some(at) = param.get("name").map(|n| n.span) else {
                continue;
            };
            if !done.insert(at) {
                continue;
            }
            let d = sink.report(
                at,
                format!("path parameter `{name}` does not appear in the path `{}`", op.path),
            );
            match vars.iter().find(|v| v.eq_ignore_ascii_case(name)) {
                Some(var) => d.help(format!("names are case-sensitive: rename it `{var}`")),
                None if vars.is_empty() => d.help(format!(
                    "add `{{{name}}}` to the path, or make it a query parameter (`in: query`)"
                )),
                None => d.help(format!(
                    "the path's variables are {}; rename the parameter or add `{{{name}}}` to the path",
                    vars.iter().map(|v| format!("`{{{v}}}`")).collect::<Vec<_>>().join(", ")
                )),
            };
        }
    }
}
