//! AL703–AL706, AL709: the root agent topic — one mapping, four required fields, their types
//! and lengths, and at least one action to group.

use crate::finding::Severity;
use crate::rules::wording::and_list;
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink, StopsBuild};
use crate::source::{Entry, Node, Value};
use crate::spec::xsfdc;

/// The four fields of a topic, in the order they are reported.
fn fields() -> Vec<&'static str> {
    xsfdc::child_names(xsfdc::Place::Root, &["agent", "topic"])
}

/// The `topic` entry under the root `x-sfdc.agent`, when there is one.
fn topic_entry<'a>(ctx: &Context<'a>) -> Option<&'a Entry> {
    ctx.root().path(&["x-sfdc", "agent"])?.entry("topic")
}

pub static AL703: Rule = Rule {
    id: RuleId::new("AL703"),
    name: "topic-single-mapping",
    severity: RuleSeverity::Error,
    summary: "`x-sfdc.agent.topic` is one mapping, not a list",
    docs: r#"## What it does
Checks that the root `x-sfdc.agent.topic` is a single mapping.

## Why
A spec declares at most one Agentforce topic: each topic field has exactly one documented path,
and every published sample writes one mapping. A list of topics (or a string) is not read, so
no topic is created.

## Example
```yaml
x-sfdc:
  agent:
    topic:
      - name: quotes
      - name: orders
```

## Use instead
```yaml
x-sfdc:
  agent:
    topic:
      name: quotes
      classificationDescription: Answers questions about quotes.
      scope: Your job is to help users with quotes.
      instructions:
        - Confirm the opportunity before generating a quote.
```
Split unrelated actions into separate specs (one topic each).

## Source
Heroku Dev Center, *Configuring OpenAPI Specification for Heroku AppLink* (S1); every agent
sample in the corpus (#4, #11, #12).
"#,
    check: check_al703,
};

fn check_al703(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(entry) = topic_entry(ctx) else {
        return;
    };
    let node = &entry.value;
    if node.is_seq() {
        sink.report(
            node.span,
            format!(
                "`x-sfdc.agent.topic` is a list of {} topics; a spec declares one topic, as a mapping",
                node.items().len()
            ),
        )
        .help("keep one topic mapping here and move the other actions to their own spec");
    } else if !node.is_map() {
        sink.report(
            node.span,
            format!("`x-sfdc.agent.topic` is {}, not a mapping", node.kind_name()),
        )
        .help("write the topic as a mapping with name, classificationDescription, scope and instructions");
    }
}

pub static AL704: Rule = Rule {
    id: RuleId::new("AL704"),
    name: "topic-fields-present",
    severity: RuleSeverity::Error,
    summary: "an agent topic has `name`, `classificationDescription`, `scope` and `instructions`",
    docs: r#"## What it does
When the root `x-sfdc.agent.topic` exists, checks that it has all four fields: `name`,
`classificationDescription`, `scope` and `instructions`.

## Why
The Heroku documentation marks all four "Required" when a topic is defined. Without them the
topic cannot be created, and the agent has nothing to route requests to it by.

## Example
```yaml
x-sfdc:
  agent:
    topic:
      name: quotes
      classificationDescription: Answers questions about quotes.
```

## Use instead
```yaml
x-sfdc:
  agent:
    topic:
      name: quotes
      classificationDescription: Answers questions about quotes.
      scope: Your job is to help users with quotes.
      instructions:
        - Confirm the opportunity before generating a quote.
```

## Source
Heroku Dev Center, *Configuring OpenAPI Specification for Heroku AppLink* (S1).
"#,
    check: check_al704,
};

/// `applinkc build` cannot compile past AL704's problem (`publication` refuses it).
pub static AL704_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL704,
    why: super::NAMES_TOPIC,
};

fn check_al704(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(entry) = topic_entry(ctx) else {
        return;
    };
    if !entry.value.is_map() {
        return; // AL703
    }
    let missing: Vec<String> = fields()
        .iter()
        .filter(|f| entry.value.get(f).is_none())
        .map(|f| format!("`{f}`"))
        .collect();
    if missing.is_empty() {
        return;
    }
    sink.report(
        entry.key_span,
        format!("the agent topic is missing {}", and_list(&missing)),
    )
    .help("a topic needs name, classificationDescription, scope and instructions");
}

pub static AL705: Rule = Rule {
    id: RuleId::new("AL705"),
    name: "topic-field-types",
    severity: RuleSeverity::Error,
    summary: "topic text fields are non-empty strings and `instructions` is a list of them",
    docs: r#"## What it does
Checks the values of the topic fields: `name`, `classificationDescription` and `scope` are
non-empty strings; `instructions` is a non-empty list of non-empty strings. A single string as
`instructions` is a **warning** (it may be read as one instruction); anything else is an error.

## Why
These fields become the topic's name, classification description, scope and instruction
records. A number, a mapping or an empty value cannot be turned into them, and the topic is
not created.

## Example
```yaml
topic:
  name: quotes
  classificationDescription: ""
  scope: Your job is to help users with quotes.
  instructions: 42
```

## Use instead
```yaml
topic:
  name: quotes
  classificationDescription: Answers questions about quotes.
  scope: Your job is to help users with quotes.
  instructions:
    - Confirm the opportunity before generating a quote.
```

## Source
Heroku Dev Center, *Configuring OpenAPI Specification for Heroku AppLink* (S1); all topic
samples in the corpus (#4, #11, #12) write `instructions` as a list.
"#,
    check: check_al705,
};

/// `applinkc build` cannot compile past AL705's problem (`publication` refuses it).
pub static AL705_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL705,
    why: super::NAMES_TOPIC,
};

fn check_al705(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(entry) = topic_entry(ctx) else {
        return;
    };
    for field in fields().into_iter().filter(|f| *f != "instructions") {
        if let Some(node) = entry.value.get(field) {
            check_text(sink, field, node);
        }
    }
    let Some(node) = entry.value.get("instructions") else {
        return;
    };
    match &node.value {
        Value::Seq(items) if items.is_empty() => {
            sink.report(node.span, "topic `instructions` is an empty list")
                .help("add at least one instruction");
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                match item.as_str() {
                    Some(s) if !s.trim().is_empty() => {}
                    Some(_) => {
                        sink.report(item.span, format!("topic instruction {} is empty", i + 1))
                            .help("write the instruction or remove the item");
                    }
                    None => {
                        sink.report(
                            item.span,
                            format!("topic instruction {} is {}, not a string", i + 1, item.kind_name()),
                        )
                        .help("write each instruction as one line of text (quote it if it contains `: `)");
                    }
                }
            }
        }
        Value::Str(s) if !s.trim().is_empty() => {
            sink.report_with(
                Severity::Warning,
                node.span,
                "topic `instructions` is a single string, not a list",
            )
            .help("write a list: `instructions: [\"…\"]`, one item per instruction");
        }
        _ => {
            check_text(sink, "instructions", node);
        }
    }
}

fn check_text(sink: &mut Sink<'_>, field: &str, node: &Node) {
    match node.as_str() {
        Some(s) if !s.trim().is_empty() => {}
        Some(_) => {
            sink.report(node.span, format!("topic `{field}` is empty"))
                .help(format!("write the topic's {field}"));
        }
        None => {
            sink.report(
                node.span,
                format!("topic `{field}` is {}, not a string", node.kind_name()),
            )
            .help("write it as text (quote it if YAML reads it as something else)");
        }
    }
}

pub static AL706: Rule = Rule {
    id: RuleId::new("AL706"),
    name: "topic-needs-action",
    severity: RuleSeverity::Error,
    summary: "a spec with an agent topic has at least one agent action",
    docs: r#"## What it does
When the root declares `x-sfdc.agent.topic`, checks that at least one operation has
`x-sfdc.agent.action.publishAsAgentAction: true` (the boolean).

## Why
"If you have one topic defined, you must have at least one action defined as well." A topic
without actions is rejected. `publishAsAgentAction: "true"` (a string) does not count: see
AL804.

## Example
```yaml
x-sfdc:
  agent:
    topic: {name: quotes, classificationDescription: …, scope: …, instructions: [ … ]}
paths:
  /quote:
    post:
      operationId: generateQuote
```

## Use instead
```yaml
paths:
  /quote:
    post:
      operationId: generateQuote
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
    check: check_al706,
};

fn check_al706(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(entry) = topic_entry(ctx) else {
        return;
    };
    if entry.value.is_null() || ctx.spec.operations.iter().any(|op| op.agent) {
        return;
    }
    sink.report(
        entry.key_span,
        "the agent topic has no actions: no operation sets `x-sfdc.agent.action.publishAsAgentAction: true`",
    )
    .help("publish at least one operation as an agent action, or remove the topic");
}

pub static AL709: Rule = Rule {
    id: RuleId::new("AL709"),
    name: "topic-text-length",
    severity: RuleSeverity::Warning,
    summary: "the topic `classificationDescription` has at most 2,000 characters",
    docs: r#"## What it does
Counts the characters of the topic's `classificationDescription` (at most 2,000) and `scope`
(at most 131,072).

## Why
These are the lengths of the topic record's Description and Scope fields
(GenAiPluginDefinition). Longer text is truncated or rejected; the classification description
is also what the agent reads to pick the topic, so it should be short.

## Example
A `classificationDescription` of 2,500 characters.

## Use instead
Keep the classification description to a few sentences; put detailed guidance in
`instructions`.

## Source
Salesforce Field Reference, *GenAiPluginDefinition* (S20).
"#,
    check: check_al709,
};

fn check_al709(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(entry) = topic_entry(ctx) else {
        return;
    };
    for (field, max) in [("classificationDescription", 2_000), ("scope", 131_072)] {
        let Some(node) = entry.value.get(field) else {
            continue;
        };
        let Some(text) = node.as_str() else { continue };
        let len = text.chars().count();
        if len > max {
            sink.report(
                node.span,
                format!("topic `{field}` has {len} characters; the topic record holds at most {max}"),
            )
            .help("shorten it; detailed guidance belongs in `instructions`");
        }
    }
}
