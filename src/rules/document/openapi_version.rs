use crate::edit::{Edit, Fix};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Value;

pub static AL101: Rule = Rule {
    id: RuleId::new("AL101"),
    name: "openapi-version",
    severity: RuleSeverity::Error,
    summary: "`openapi` is a string 3.0.x",
    docs: r#"## What it does
Checks that `openapi` is a **string** matching `3.0.<n>`.

## Why
External Services accept OpenAPI 2.0 and 3.0 only; 3.1 and 3.2 are not supported, and every
published AppLink spec is 3.0.0–3.0.3. Recent FastAPI emits 3.1.0 by default. An unquoted
`openapi: 3.0` is a YAML *number* (3.0, read as `3`), which OpenAPI forbids: quote it.

## Example
```yaml
openapi: 3.1.0
```
```yaml
openapi: 3.0
```

## Use instead
```yaml
openapi: 3.0.3
```
For FastAPI: `FastAPI(openapi_version="3.0.3")`.

`applinkc check --fix` quotes a number `3.0` (or `3`) as `"3.0.3"`: a safe fix, the version
stays 3.0 and becomes the string OpenAPI asks for. Another number (`3.1`) becomes `"3.0.3"`
only with `--unsafe-fixes`, since that changes the version. A string version such as `3.1.0`
is not fixed: going back to 3.0 may need other changes to the spec. Nor is a number with a
YAML anchor or tag (`&v 3.0`): another place shares it.

## Source
Salesforce Help, *OpenAPI 2.0 and 3.0 Support* (S6); Metadata API *ExternalServiceRegistration*
(S16); OpenAPI 3.0.3 §4.7.1.
"#,
    check,
};

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(entry) = ctx.root().entry("openapi") else {
        return; // AL100 reports a missing version
    };
    let node = &entry.value;
    match &node.value {
        Value::Str(s) if is_30(s) => {}
        Value::Str(s) => {
            sink.report(
                node.span,
                format!("OpenAPI version `{s}` is not supported; External Services accept 3.0.x"),
            )
            .help("set `openapi: 3.0.3` (for FastAPI: `FastAPI(openapi_version=\"3.0.3\")`)");
        }
        Value::Float(_) | Value::Int(_) => {
            let raw = ctx.raw(node);
            let version = suggested(raw);
            let finding = sink
                .report(node.span, format!("`openapi` is the number {raw} here, not a string"))
                .help(format!("quote it and give the patch version: `openapi: \"{version}\"`"));
            // Only a number written as digits: an anchored or tagged value (`&v 3.0`) is
            // shared with another place, which the fix would change too.
            if raw.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                finding.fixed_by(number_fix(raw, node.span, &version));
            }
        }
        _ => {
            sink.report(
                node.span,
                format!("`openapi` is {}, not a version string", node.kind_name()),
            )
            .help("set `openapi: 3.0.3`");
        }
    }
}

/// Quoting `3.0` keeps the version (safe); turning `3.1` into 3.0.3 changes it (unsafe).
fn number_fix(raw: &str, span: crate::source::Span, version: &str) -> Fix {
    let edits = vec![Edit::replace(span, format!("\"{version}\""))];
    let zero = raw == "3"
        || raw
            .strip_prefix("3.")
            .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b == b'0'));
    if zero {
        Fix::safe("quote the version", edits)
    } else {
        Fix::unsafe_(format!("set the version to \"{version}\""), edits)
    }
}

fn is_30(s: &str) -> bool {
    s.strip_prefix("3.0.")
        .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
}

fn suggested(raw: &str) -> String {
    if is_30(raw) {
        raw.to_string()
    } else {
        "3.0.3".to_string()
    }
}
