//! AL700–AL702: the shape and keys of the root `x-sfdc` block.

use crate::rules::wording::closest;
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::spec::xsfdc::AGENT_FLAGS;

pub static AL700: Rule = Rule {
    id: RuleId::new("AL700"),
    name: "root-x-sfdc-mapping",
    severity: RuleSeverity::Error,
    summary: "the root `x-sfdc` is a mapping",
    docs: r#"## What it does
Checks that the root `x-sfdc` extension, when present, is a mapping.

## Why
AppLink reads the agent topic from `x-sfdc.agent.topic`. A root `x-sfdc` that is a boolean, a
string or a list holds no topic, so whatever it was meant to declare is not created.

## Example
```yaml
x-sfdc: true
```

## Use instead
```yaml
x-sfdc:
  agent:
    topic:
      name: quote_helper
      classificationDescription: Answers questions about quotes.
      scope: Your job is to help users with quotes.
      instructions:
        - Always confirm the opportunity before generating a quote.
```

## Source
Heroku Dev Center, *Configuring OpenAPI Specification for Heroku AppLink* (S1).
"#,
    check: check_al700,
};

fn check_al700(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(node) = ctx.root().get("x-sfdc") else {
        return;
    };
    if !node.is_map() {
        sink.report(
            node.span,
            format!("the root `x-sfdc` is {}, not a mapping", node.kind_name()),
        )
        .help("write `x-sfdc:` as a mapping, e.g. `x-sfdc: {agent: {topic: {…}}}`, or remove it");
    }
}

pub static AL701: Rule = Rule {
    id: RuleId::new("AL701"),
    name: "root-x-sfdc-keys",
    severity: RuleSeverity::Warning,
    summary: "the root `x-sfdc` holds only `agent`",
    docs: r#"## What it does
Reports keys of the root `x-sfdc` mapping other than `agent`, such as `topics`,
`publishAsAgentAction` or `agentInstructions` (forms found in third-party write-ups).

## Why
Only `x-sfdc.agent.topic` is documented at the root. Any other key is ignored without a word:
the topic or actions it was meant to create do not appear in the org.

## Example
```yaml
x-sfdc:
  publishAsAgentAction: true
  topics:
    - name: quotes
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
Heroku Dev Center, *Configuring OpenAPI Specification for Heroku AppLink* (S1): the documented
key paths.

## applinkc differs from the catalog
A root `x-sfdc.heroku` is reported by AL911 (authorization above operation level), not here, so
that one mistake gives one finding.
"#,
    check: check_al701,
};

fn check_al701(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(node) = ctx.root().get("x-sfdc") else {
        return;
    };
    for entry in node.entries() {
        let key = &*entry.key;
        if key == "agent" || key == "heroku" {
            continue;
        }
        let help = if AGENT_FLAGS.contains(&key) {
            format!("agent actions are declared per operation: `x-sfdc.agent.action.{key}` on each operation")
        } else if matches!(key, "topic" | "topics") {
            "declare one topic as `x-sfdc.agent.topic` (a mapping with name, classificationDescription, scope, instructions)".into()
        } else if let Some(k) = closest(key, &["agent"]) {
            format!("did you mean `{k}`?")
        } else {
            "the root `x-sfdc` only reads `agent.topic`; remove this key".into()
        };
        sink.report(entry.key_span, format!("root `x-sfdc.{key}` is not read by AppLink"))
            .help(help);
    }
}

pub static AL702: Rule = Rule {
    id: RuleId::new("AL702"),
    name: "root-x-sfdc-agent-keys",
    severity: RuleSeverity::Warning,
    summary: "the root `x-sfdc.agent` is a mapping that holds only `topic`",
    docs: r#"## What it does
Reports keys of the root `x-sfdc.agent` other than `topic` (an `action` here is the usual
mistake), and a root `x-sfdc.agent` that is not a mapping.

## Why
At the root AppLink reads only the topic. Agent actions are declared on each operation
(`paths.<path>.<method>.x-sfdc.agent.action`); an `action` block at the root is ignored, so no
operation becomes an agent action.

## Example
```yaml
x-sfdc:
  agent:
    action:
      publishAsAgentAction: true
```

## Use instead
```yaml
paths:
  /quote:
    post:
      x-sfdc:
        agent:
          action:
            publishAsAgentAction: true
            isUserInput: true
            isDisplayable: true
```

## Source
Heroku Dev Center, *Configuring OpenAPI Specification for Heroku AppLink* (S1).
"#,
    check: check_al702,
};

fn check_al702(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(agent) = ctx.root().path(&["x-sfdc", "agent"]) else {
        return;
    };
    if !agent.is_map() {
        sink.report(
            agent.span,
            format!("the root `x-sfdc.agent` is {}, not a mapping", agent.kind_name()),
        )
        .help("write `agent: {topic: {…}}` or remove it");
        return;
    }
    for entry in agent.entries() {
        let key = &*entry.key;
        if key == "topic" {
            continue;
        }
        let help = if key == "action" || key == "actions" || AGENT_FLAGS.contains(&key) {
            "agent actions are declared on each operation: `paths.<path>.<method>.x-sfdc.agent.action`".to_string()
        } else if let Some(k) = closest(key, &["topic"]) {
            format!("did you mean `{k}`?")
        } else {
            "the root `x-sfdc.agent` only reads `topic`; remove this key".into()
        };
        sink.report(
            entry.key_span,
            format!("root `x-sfdc.agent.{key}` is not read by AppLink"),
        )
        .help(help);
    }
}
