//! AL800–AL803: the shape and keys of an operation's `x-sfdc` block.

use crate::rules::wording::{closest, operation};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Node;
use crate::spec::xsfdc::{self, AGENT_FLAGS, operation_blocks};

pub static AL800: Rule = Rule {
    id: RuleId::new("AL800"),
    name: "operation-x-sfdc-mapping",
    severity: RuleSeverity::Error,
    summary: "an operation's `x-sfdc`, `x-sfdc.agent`, `x-sfdc.agent.action` and `x-sfdc.privacy` are mappings",
    docs: r#"## What it does
Checks that an operation's `x-sfdc` is a mapping, and so are its `agent`, `agent.action` and
`privacy` blocks. (`x-sfdc.heroku` is checked by AL900.)

## Why
AppLink reads the agent flags as nested keys: `x-sfdc: {agent: {action: {…}}}`. A string or a
list at any of these levels holds no flags, so the operation is not published as an agent
action, and its privacy setting is lost.

## Example
```yaml
post:
  operationId: generateQuote
  x-sfdc: agent
```

## Use instead
```yaml
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
    check: check_al800,
};

fn check_al800(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let op = &ctx.spec.operations[i];
        let mut not_map = |node: &Node, path: &str| {
            sink.report(
                node.span,
                format!(
                    "`{path}` of operation {} is {}, not a mapping",
                    operation(op),
                    node.kind_name()
                ),
            )
            .help("write nested mappings: `x-sfdc: {agent: {action: {publishAsAgentAction: true, …}}}`");
        };
        if !sfdc.is_map() {
            not_map(sfdc, "x-sfdc");
            continue;
        }
        if let Some(privacy) = sfdc.get("privacy")
            && !privacy.is_map()
        {
            not_map(privacy, "x-sfdc.privacy");
        }
        let Some(agent) = sfdc.get("agent") else {
            continue;
        };
        if !agent.is_map() {
            not_map(agent, "x-sfdc.agent");
        } else if let Some(action) = agent.get("action")
            && !action.is_map()
        {
            not_map(action, "x-sfdc.agent.action");
        }
    }
}

pub static AL801: Rule = Rule {
    id: RuleId::new("AL801"),
    name: "operation-x-sfdc-keys",
    severity: RuleSeverity::Warning,
    summary: "an operation's `x-sfdc` holds only `agent`, `heroku` and `privacy`",
    docs: r#"## What it does
Reports keys of an operation's `x-sfdc` other than `agent`, `heroku` and `privacy`, and keys
of `x-sfdc.privacy` other than `isPii`. A misspelt key gets a suggestion.

## Why
These are the only keys AppLink documents or uses on an operation. Anything else is ignored
without a word: `herokuAuth` instead of `heroku` silently drops user-plus authorization,
`privacy: {isPII: true}` silently drops the PII flag.

## Example
```yaml
x-sfdc:
  herokuAuth:
    authorization:
      permissionSet: QuotePermissions
```

## Use instead
```yaml
x-sfdc:
  heroku:
    authorization:
      externalClientApp: QuoteApp
      permissionSet: QuotePermissions
```

## Source
Heroku Dev Center (S1): the documented key paths; every published sample (corpus).

## applinkc differs from the catalog
The agent flags written directly under `x-sfdc` (`x-sfdc.publishAsAgentAction`) are reported by
AL809 (misplaced spellings), not here.
"#,
    check: check_al801,
};

fn check_al801(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let op_keys = xsfdc::child_names(xsfdc::Place::Operation, &[]);
    let privacy_keys = xsfdc::child_names(xsfdc::Place::Operation, &["privacy"]);
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let op = &ctx.spec.operations[i];
        for entry in sfdc.entries() {
            let key = &*entry.key;
            if op_keys.contains(&key) || AGENT_FLAGS.contains(&key) {
                continue;
            }
            let d = sink.report(
                entry.key_span,
                format!("`x-sfdc.{key}` of operation {} is not read by AppLink", operation(op)),
            );
            match closest(key, &op_keys) {
                Some(k) => d.help(format!("did you mean `{k}`?")),
                None => d.help("an operation's `x-sfdc` reads `agent`, `heroku` and `privacy`; remove this key"),
            };
        }
        for entry in sfdc.get("privacy").map(Node::entries).unwrap_or_default() {
            if privacy_keys.contains(&&*entry.key) {
                continue;
            }
            let d = sink.report(
                entry.key_span,
                format!(
                    "`x-sfdc.privacy.{}` of operation {} is not read by AppLink",
                    entry.key,
                    operation(op)
                ),
            );
            match closest(&entry.key, &privacy_keys) {
                Some(k) => d.help(format!("did you mean `{k}`?")),
                None => d.help("`x-sfdc.privacy` reads only `isPii`"),
            };
        }
    }
}

pub static AL802: Rule = Rule {
    id: RuleId::new("AL802"),
    name: "operation-x-sfdc-agent-keys",
    severity: RuleSeverity::Warning,
    summary: "an operation's `x-sfdc.agent` holds only `action`",
    docs: r#"## What it does
Reports keys of an operation's `x-sfdc.agent` other than `action` (for example `actions`).

## Why
On an operation AppLink reads only `x-sfdc.agent.action`. A misspelt block is ignored and the
operation is silently not published as an agent action.

## Example
```yaml
x-sfdc:
  agent:
    actions:
      publishAsAgentAction: true
```

## Use instead
```yaml
x-sfdc:
  agent:
    action:
      publishAsAgentAction: true
      isUserInput: true
      isDisplayable: true
```

## Source
Heroku Dev Center (S1).

## applinkc differs from the catalog
A `topic` here is reported by AL711 and flags written directly under `agent`
(`x-sfdc.agent.publishAsAgentAction`) by AL809, each with a more specific message.
"#,
    check: check_al802,
};

fn check_al802(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let op = &ctx.spec.operations[i];
        let Some(agent) = sfdc.get("agent") else {
            continue;
        };
        for entry in agent.entries() {
            let key = &*entry.key;
            if key == "action" || key == "topic" || AGENT_FLAGS.contains(&key) {
                continue;
            }
            let d = sink.report(
                entry.key_span,
                format!(
                    "`x-sfdc.agent.{key}` of operation {} is not read by AppLink",
                    operation(op)
                ),
            );
            match closest(key, &["action"]).or((key == "actions").then_some("action")) {
                Some(k) => d.help(format!("did you mean `{k}`?")),
                None => d.help("an operation's `x-sfdc.agent` reads only `action`"),
            };
        }
    }
}

pub static AL803: Rule = Rule {
    id: RuleId::new("AL803"),
    name: "agent-action-keys",
    severity: RuleSeverity::Warning,
    summary: "`x-sfdc.agent.action` holds only the documented flags",
    docs: r#"## What it does
Reports keys of an operation's `x-sfdc.agent.action` other than `publishAsAgentAction`,
`isUserInput`, `isDisplayable` and the tolerated `isPii` (see AL807), with a suggestion for
misspelt ones.

## Why
A typo silently disables the feature: `publishAsAgentActions: true` publishes nothing, and
`isUserinput: true` leaves the required `isUserInput` undeclared.

## Example
```yaml
x-sfdc:
  agent:
    action:
      publishAsAgentActions: true
      isUserinput: true
```

## Use instead
```yaml
x-sfdc:
  agent:
    action:
      publishAsAgentAction: true
      isUserInput: true
      isDisplayable: true
```

## Source
Heroku Dev Center (S1); Agentforce Developer Guide (S18, S19).
"#,
    check: check_al803,
};

fn check_al803(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let op = &ctx.spec.operations[i];
        let Some(action) = sfdc.path(&["agent", "action"]) else {
            continue;
        };
        for entry in action.entries() {
            let key = &*entry.key;
            if AGENT_FLAGS.contains(&key) {
                continue;
            }
            let d = sink.report(
                entry.key_span,
                format!(
                    "`x-sfdc.agent.action.{key}` of operation {} is not read by AppLink",
                    operation(op)
                ),
            );
            match closest(key, &AGENT_FLAGS) {
                Some(k) => d.help(format!("did you mean `{k}`?")),
                None => d.help("the action reads publishAsAgentAction, isUserInput and isDisplayable"),
            };
        }
    }
}
