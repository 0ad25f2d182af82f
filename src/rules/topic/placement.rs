//! AL711: an agent topic written below the root.

use crate::rules::wording::operation;
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Entry, Node};

pub static AL711: Rule = Rule {
    id: RuleId::new("AL711"),
    name: "topic-below-root",
    severity: RuleSeverity::Warning,
    summary: "the agent topic is declared at the root, not on a path or operation",
    docs: r#"## What it does
Reports `x-sfdc.agent.topic` written on a path item or an operation.

## Why
The topic is documented, and used by every sample, only at the document root
(`x-sfdc.agent.topic`). A topic below the root is ignored: the actions are created without a
topic.

## Example
```yaml
paths:
  /quote:
    post:
      x-sfdc:
        agent:
          topic:
            name: quotes
```

## Use instead
```yaml
x-sfdc:
  agent:
    topic:
      name: quotes
      # …
paths:
  /quote:
    post:
      x-sfdc:
        agent:
          action:
            publishAsAgentAction: true
```

## Source
Heroku Dev Center (S1); all agent samples in the corpus.
"#,
    check: check_al711,
};

fn check_al711(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let root_has_topic = ctx.root().path(&["x-sfdc", "agent", "topic"]).is_some();
    let mut report = |entry: &Entry, place: String| {
        sink.report(
            entry.key_span,
            format!("agent topic declared on {place}; AppLink reads it only at the root"),
        )
        .help(if root_has_topic {
            "remove it: the spec already has a root `x-sfdc.agent.topic`"
        } else {
            "move it to the root: `x-sfdc.agent.topic`"
        });
    };
    if let Some(paths) = ctx.root().get("paths") {
        for path in paths.entries() {
            if let Some(entry) = topic_of(&path.value) {
                report(entry, format!("path `{}`", path.key));
            }
        }
    }
    for op in &ctx.spec.operations {
        if let Some(entry) = topic_of(op.node) {
            report(entry, format!("operation {}", operation(op)));
        }
    }
}

fn topic_of(node: &Node) -> Option<&Entry> {
    node.path(&["x-sfdc", "agent"])?.entry("topic")
}
