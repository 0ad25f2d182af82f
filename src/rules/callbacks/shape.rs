//! AL600, AL602–AL606: which callbacks External Services process, and how.

use super::callbacks;
use crate::edit::{Edit, Fix};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};

pub static AL600: Rule = Rule {
    id: RuleId::new("AL600"),
    name: "asynchronous-operation",
    severity: RuleSeverity::Info,
    summary: "an operation with `callbacks` is an asynchronous action, usable from Apex only",
    docs: r#"## What it does
Reports each operation that declares `callbacks`.

## Why
AppLink registers such an operation as an External Services asynchronous operation:
Salesforce calls it, then waits for your app to call back. It is "supported in Apex but not
in Flow"; the Apex caller sets the timeout, at most 24 hours.

## Example
```yaml
post:
  operationId: createQuotes
  callbacks:
    createQuotesResponse:
      '{$request.body#/callbackUrl}':
        post: {…}
```

## Use instead
Nothing to change when an Apex caller is what you want. For Flow, offer a synchronous
operation as well.

## Source
Salesforce Help, *Callouts and Callbacks: Limits and Usage* (S13), *Asynchronous Callback
Operations Using Apex* (S14).
"#,
    check: check_asynchronous,
};

fn check_asynchronous(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for op in &ctx.spec.operations {
        let Some(entry) = op.node.entry("callbacks") else {
            continue;
        };
        if entry.value.entries().iter().all(|e| e.key.starts_with("x-")) {
            continue;
        }
        let name = crate::rules::wording::operation(op);
        sink.report(
            entry.key_span,
            format!("operation {name} is an asynchronous action, usable from Apex only"),
        )
        .help("Flow cannot call it; the Apex caller waits up to 24 hours for the callback");
    }
}

pub static AL602: Rule = Rule {
    id: RuleId::new("AL602"),
    name: "callback-single-operation",
    severity: RuleSeverity::Warning,
    summary: "each callback has one expression with one operation",
    docs: r#"## What it does
Checks that each `callbacks.<name>` has exactly one runtime expression, and that the
expression has exactly one operation.

## Why
External Services: "One callback parameter must contain only one callback operation … only
the first callback operation … is processed". The others are silently dropped.

## Example
```yaml
callbacks:
  quoteDone:
    '{$request.body#/callbackUrl}':
      post: {…}
      put: {…}
```

## Use instead
```yaml
callbacks:
  quoteDone:
    '{$request.body#/callbackUrl}':
      post: {…}
```

## Source
Salesforce Help, *Callouts and Callbacks: Limits and Usage* (S13).
"#,
    check: check_single,
};

fn check_single(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for cb in callbacks(ctx) {
        let Some((first, others)) = cb.expressions.split_first() else {
            sink.report(
                cb.name.key_span,
                format!("callback `{}` has no runtime expression", cb.name.key),
            )
            .help("add one expression, such as `'{$request.body#/callbackUrl}'`, with a `post` operation");
            continue;
        };
        for extra in others {
            sink.report(
                extra.key_span,
                format!(
                    "callback `{}` has a second expression; only the first is processed",
                    cb.name.key
                ),
            )
            .help("keep one expression per callback");
        }
        let methods = cb.methods(ctx, first);
        match methods.split_first() {
            None => {
                sink.report(first.key_span, format!("callback `{}` has no operation", cb.name.key))
                    .help("add the `post` operation your app calls back with");
            }
            Some((_, others)) => {
                for extra in others {
                    sink.report(
                        extra.key_span,
                        format!(
                            "callback `{}` has a second operation; only the first is processed",
                            cb.name.key
                        ),
                    )
                    .help("keep one operation per callback");
                }
            }
        }
    }
}

pub static AL603: Rule = Rule {
    id: RuleId::new("AL603"),
    name: "callback-method",
    severity: RuleSeverity::Warning,
    summary: "callback operations are `post` or `put`",
    docs: r#"## What it does
Reports callback operations whose method is not `post` or `put`.

## Why
External Services accept the callback as a POST or PUT request: "All other methods are
ignored."

## Example
```yaml
'{$request.body#/callbackUrl}':
  get: {…}
```

## Use instead
```yaml
'{$request.body#/callbackUrl}':
  post: {…}
```

## Source
Salesforce Help, *Callouts and Callbacks: Limits and Usage* (S13).
"#,
    check: check_method,
};

fn check_method(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for cb in callbacks(ctx) {
        for expression in &cb.expressions {
            for method in cb.methods(ctx, expression) {
                if method.key.as_ref() != "post" && method.key.as_ref() != "put" {
                    sink.report(
                        method.key_span,
                        format!(
                            "callback operation `{}` is ignored; callbacks are POST or PUT",
                            method.key
                        ),
                    )
                    .help("call back with `post`");
                }
            }
        }
    }
}

pub static AL604: Rule = Rule {
    id: RuleId::new("AL604"),
    name: "callback-responses",
    severity: RuleSeverity::Info,
    summary: "callback `responses` are ignored",
    docs: r#"## What it does
Reports `responses` of callback operations.

## Why
Salesforce answers the callback itself, always with 200, 404, 408 or 500; what the spec
declares is not used. Keeping the responses for documentation is fine.

## Example
```yaml
post:
  requestBody: {…}
  responses:
    '204': {description: Accepted}
```

## Use instead
```yaml
post:
  requestBody: {…}
  responses:
    '200': {description: Salesforce accepted the callback}
```

## Source
Salesforce Help, *Callouts and Callbacks: Limits and Usage* (S13).
"#,
    check: check_responses,
};

fn check_responses(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for cb in callbacks(ctx) {
        for expression in &cb.expressions {
            for method in cb.methods(ctx, expression) {
                if let Some(responses) = method.value.entry("responses") {
                    sink.report(
                        responses.key_span,
                        "callback responses are ignored; Salesforce replies 200, 404, 408 or 500",
                    )
                    .help("expect one of these status codes when your app calls back");
                }
            }
        }
    }
}

pub static AL605: Rule = Rule {
    id: RuleId::new("AL605"),
    name: "callback-extension",
    severity: RuleSeverity::Warning,
    summary: "callbacks are declared with `callbacks`, not `x-callbacks`",
    docs: r#"## What it does
Reports `x-callbacks` and `x-callback` on operations.

## Why
Some frameworks write callbacks under an extension. AppLink reads only the standard
OpenAPI 3.0 `callbacks` field: the operation is registered as a synchronous one, and the
callback is never expected.

## Example
```yaml
post:
  operationId: createQuotes
  x-callbacks:
    quoteDone: {…}
```

## Use instead
```yaml
post:
  operationId: createQuotes
  callbacks:
    quoteDone: {…}
```

`applinkc check --fix --unsafe-fixes` renames the key to `callbacks` (keeping its quotes, if
any). The fix is unsafe: it changes what is published, the operation becomes asynchronous
with the callback. There is no fix when the operation has `callbacks` already (merge the two
by hand).

## Source
afawcett/applink-apex-integration README ("converts `x-callbacks` to `callbacks` (required
for AppLink)") (S28).
"#,
    check: check_extension,
};

fn check_extension(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for op in &ctx.spec.operations {
        for key in ["x-callbacks", "x-callback"] {
            if let Some(entry) = op.node.entry(key) {
                let finding = sink
                    .report(
                        entry.key_span,
                        format!("`{key}` is not read; AppLink reads `callbacks`"),
                    )
                    .help(format!("rename `{key}` to `callbacks`"));
                if let Some(fix) = rename_fix(ctx, op.node, entry, key) {
                    finding.fixed_by(fix);
                }
            }
        }
    }
}

/// Renames the key in place: the text of the key is found in what the key was written as
/// (`x-callbacks`, `"x-callbacks"`, `'x-callbacks'`); a key written with escapes is not fixed,
/// nor one beside an existing `callbacks` (a duplicate key).
fn rename_fix(ctx: &Context<'_>, op: &crate::source::Node, entry: &crate::source::Entry, key: &str) -> Option<Fix> {
    // With both extensions, only `x-callbacks` is renamed; `x-callback` stays for the user.
    if op.entry("callbacks").is_some() || (key == "x-callback" && op.entry("x-callbacks").is_some()) {
        return None;
    }
    let raw = entry.key_span.range();
    let written = ctx.source.text.get(raw.clone())?;
    let at = written.find(key)?;
    let start = raw.start + at;
    let span = crate::source::Span::new(start, start + key.len());
    Some(Fix::unsafe_(
        format!("rename `{key}` to `callbacks`"),
        vec![Edit::replace(span, "callbacks")],
    ))
}

pub static AL606: Rule = Rule {
    id: RuleId::new("AL606"),
    name: "agent-action-callbacks",
    severity: RuleSeverity::AgentError,
    summary: "agent actions have no `callbacks`",
    docs: r#"## What it does
Reports `callbacks` on an agent action (`publishAsAgentAction: true`).

## Why
The agent documentation: "Callback Object: Don't use this object". An agent calls an action
and waits for its answer; an asynchronous operation is callable from Apex only.

## Example
```yaml
post:
  operationId: createQuotes
  callbacks: {…}
  x-sfdc:
    agent:
      action: {publishAsAgentAction: true, isUserInput: true, isDisplayable: true}
```

## Use instead
Offer a synchronous operation for the agent, and keep the asynchronous one for Apex, without
`publishAsAgentAction`.

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18).

## applinkc differs from the catalog
Only agent actions are checked (the catalog's path): callbacks on other operations are
AL600. The catalog lists the same check again under AL213; applinkc reports it here only,
once.
"#,
    check: check_agent,
};

fn check_agent(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for op in ctx.spec.operations.iter().filter(|op| op.agent) {
        if let Some(entry) = op.node.entry("callbacks") {
            let name = crate::rules::wording::operation(op);
            sink.report_agent(
                true,
                entry.key_span,
                format!("agent action {name} has `callbacks`; agent actions answer synchronously"),
            )
            .help("remove `publishAsAgentAction`, or offer a synchronous operation for the agent");
        }
    }
}
