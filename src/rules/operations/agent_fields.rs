//! AL213: fields the agent guide says not to include on an agent action.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Span;
use rustc_hash::FxHashSet;

pub static AL213: Rule = Rule {
    id: RuleId::new("AL213"),
    name: "agent-operation-fields",
    severity: RuleSeverity::AgentError,
    summary: "agent actions declare no `deprecated`, `security` or `servers`",
    docs: r##"## What it does
On agent actions (`x-sfdc.agent.action.publishAsAgentAction: true`), reports the operation
fields `deprecated`, `security` and `servers`, and `servers` on the path item the operation
belongs to. `callbacks` on an agent action, which the agent guide forbids too, is AL606.
Other operations are not checked: there `security` is ignored (AL109) and the rest is
harmless.

## Why
The agent guide lists each of these as "Don't include this field". An agent action is called
synchronously by the agent through AppLink: it is authenticated
and routed by AppLink, and a deprecated action should simply not be published as one.

## Example
```yaml
post:
  operationId: generateQuote
  deprecated: true
  security: [{bearerAuth: []}]
  x-sfdc:
    agent:
      action: {publishAsAgentAction: true, isUserInput: true, isDisplayable: true}
```

## Use instead
```yaml
post:
  operationId: generateQuote
  x-sfdc:
    agent:
      action: {publishAsAgentAction: true, isUserInput: true, isDisplayable: true}
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18).

## applinkc differs from the catalog
The catalog marks the rule `E*`, but its paths apply only to agent operations, so applinkc
reports it only there — always as an error. Operations that are not agent actions never get
this finding. The catalog lists `callbacks` here and again as AL606; applinkc reports it once,
as AL606.
"##,
    check,
};

fn help(field: &str) -> &'static str {
    match field {
        "deprecated" => "remove `deprecated`; to retire the action, stop publishing it as an agent action",
        "security" => "remove it: AppLink authenticates the call",
        _ => "remove it: AppLink routes the call to the app",
    }
}

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut done: FxHashSet<Span> = FxHashSet::default();
    for op in ctx.spec.operations.iter().filter(|op| op.agent) {
        for field in ["deprecated", "security", "servers"] {
            if let Some(entry) = op.node.entry(field) {
                sink.report_agent(
                    op.agent,
                    entry.key_span,
                    format!("agent action {} declares `{field}`; agent actions must not", op.label()),
                )
                .help(help(field));
            }
        }
        if let Some(entry) = op.path_item.entry("servers")
            && done.insert(entry.key_span)
        {
            sink.report_agent(
                op.agent,
                entry.key_span,
                format!(
                    "path `{}` of agent action {} declares `servers`; agent actions must not",
                    op.path,
                    op.label()
                ),
            )
            .help(help("servers"));
        }
    }
}
