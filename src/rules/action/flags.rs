//! AL804–AL808: the agent flags — their type, the required ones, where they may be written.

use crate::edit::{Edit, Fix};
use crate::rules::wording::operation;
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Entry, Node, Span, Value};
use crate::spec::xsfdc::{AGENT_FLAGS, operation_blocks};
use crate::spec::{SchemaRole, Spec};
use rustc_hash::FxHashSet;
use std::collections::HashSet;

/// The flag entries of one `x-sfdc` mapping (of an operation or a schema): those under
/// `agent.action` and `privacy.isPii`.
fn flag_entries(sfdc: &Node) -> impl Iterator<Item = &Entry> {
    let action = sfdc
        .path(&["agent", "action"])
        .map(Node::entries)
        .unwrap_or_default()
        .iter()
        .filter(|e| AGENT_FLAGS.contains(&&*e.key));
    let privacy = sfdc.get("privacy").and_then(|p| p.entry("isPii"));
    action.chain(privacy)
}

pub static AL804: Rule = Rule {
    id: RuleId::new("AL804"),
    name: "agent-flag-boolean",
    severity: RuleSeverity::Error,
    summary: "agent flags are YAML/JSON booleans, not strings or numbers",
    docs: r#"## What it does
Checks that every `publishAsAgentAction`, `isUserInput`, `isDisplayable` and `isPii` — on an
operation (`x-sfdc.agent.action`, `x-sfdc.privacy`) or on a schema — is a real boolean.

## Why
"These OpenAPI extensions are boolean fields." `"true"` in quotes is a **string**, and so are
`yes`, `on` and `True` in YAML 1.2; `1` is a number. None of them is `true`: with
`publishAsAgentAction: "true"` the operation is not published as an agent action at all.

## Example
```yaml
x-sfdc:
  agent:
    action:
      publishAsAgentAction: "true"
      isUserInput: yes
      isDisplayable: 1
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

`applinkc check --fix` writes the boolean a string or number stands for (`"false"`, `no`,
`0` → `false`; `"true"`, `yes`, `1` → `true`) in place. Writing `false` is a safe fix: a flag
that is not `true` is off already. Writing `true` is unsafe (`--unsafe-fixes`): it turns the
flag on, so the publication changes (an operation becomes an agent action). Other values
(`maybe`, empty) are not fixed.

## Source
Agentforce Developer Guide, *OpenAPI Extensions to Automatically Create Agent Actions* (S19).
"#,
    check: check_al804,
};

fn check_al804(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (_, sfdc) in operation_blocks(ctx.spec) {
        for entry in flag_entries(sfdc) {
            not_boolean(ctx, sink, entry, true);
        }
    }
    for site in ctx.spec.schema_sites() {
        if let Some(sfdc) = site.node.get("x-sfdc") {
            for entry in flag_entries(sfdc) {
                not_boolean(ctx, sink, entry, false);
            }
        }
    }
}

fn not_boolean(ctx: &Context<'_>, sink: &mut Sink<'_>, entry: &Entry, on_operation: bool) {
    let node = &entry.value;
    let key = &*entry.key;
    let meant = match &node.value {
        Value::Bool(_) => return,
        Value::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "on" | "1" => Some(true),
            "false" | "no" | "n" | "off" | "0" => Some(false),
            _ => None,
        },
        Value::Int(1) => Some(true),
        Value::Int(0) => Some(false),
        _ => None,
    };
    let what = match &node.value {
        Value::Str(_) => {
            let raw = ctx.raw(node);
            if raw.starts_with(['"', '\'']) {
                format!("the string `{raw}`")
            } else {
                format!("the string `{raw}` (YAML 1.2 reads it as text)")
            }
        }
        Value::Int(_) | Value::Float(_) => format!("the number {}", ctx.raw(node)),
        Value::Null => "empty".to_string(),
        _ => node.kind_name().to_string(),
    };
    let mut message = format!("`{key}` is {what}, not a boolean");
    if on_operation && key == "publishAsAgentAction" {
        message.push_str("; the operation is not published as an agent action");
    }
    let d = sink.report(node.span, message);
    match meant {
        Some(b) if ctx.raw(node).starts_with(['"', '\'']) => {
            d.help(format!("write the boolean without quotes: `{key}: {b}`"))
        }
        Some(b) => d.help(format!("write the boolean: `{key}: {b}`")),
        None => d.help(format!("write `{key}: true` or `{key}: false`")),
    };
    // Only a value written as a plain or quoted scalar (not `&a "true"`, `!!str true`).
    let raw = ctx.raw(node);
    let plain = raw
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'"' | b'\'' | b' '));
    if let Some(b) = meant.filter(|_| plain) {
        let edits = vec![Edit::replace(node.span, b.to_string())];
        let title = format!("write the boolean `{b}`");
        // A flag that is not `true` is off: writing `false` keeps what is published; writing
        // `true` turns the flag on.
        d.fixed_by(if b {
            Fix::unsafe_(title, edits)
        } else {
            Fix::safe(title, edits)
        });
    }
}

pub static AL805: Rule = Rule {
    id: RuleId::new("AL805"),
    name: "agent-action-flags-missing",
    severity: RuleSeverity::Error,
    summary: "an agent action declares `isUserInput` and `isDisplayable`",
    docs: r#"## What it does
For every operation with `publishAsAgentAction: true`, checks that `isUserInput` and
`isDisplayable` are declared — either in `x-sfdc.agent.action` (the form of every published
Heroku agent sample) or in an inline schema of the operation (a parameter schema, the request
body or a response: "the metadata must be defined inside a schema").

## Why
Both flags are "Required if publishAsAgentAction is enabled". They tell the agent which
values it collects from the user and which results it may show; without them the action is
not created as intended.

## Example
```yaml
x-sfdc:
  agent:
    action:
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
Heroku Dev Center (S1); Agentforce Developer Guide (S18, S19); corpus #4, #11, #12.
"#,
    check: check_al805,
};

const REQUIRED: [&str; 2] = ["isUserInput", "isDisplayable"];

fn check_al805(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    // Which flags each operation declares in its inline schemas, in one pass over the sites.
    let mut in_schemas = vec![[false; 2]; ctx.spec.operations.len()];
    for site in ctx.spec.schema_sites() {
        let (Some(i), Some(action)) = (site.op, site.node.path(&["x-sfdc", "agent", "action"])) else {
            continue;
        };
        // Headers are no input or output of the action.
        if site.role == SchemaRole::Header {
            continue;
        }
        for (j, flag) in REQUIRED.iter().enumerate() {
            if action.get(flag).is_some()
                && let Some(seen) = in_schemas.get_mut(i)
            {
                seen[j] = true;
            }
        }
    }
    let mut reported = HashSet::new();
    for (i, op) in ctx.spec.operations.iter().enumerate() {
        if !op.agent {
            continue;
        }
        let Some(agent) = op.node.path(&["x-sfdc", "agent"]) else {
            continue;
        };
        let Some(action_entry) = agent.entry("action") else {
            continue;
        };
        // Operations sharing one aliased block get one finding.
        if !reported.insert(action_entry.key_span) {
            continue;
        }
        let path_level = path_level_parameter_flags(op);
        let missing: Vec<&str> = REQUIRED
            .iter()
            .enumerate()
            .filter(|(j, flag)| action_entry.value.get(flag).is_none() && !in_schemas[i][*j] && !path_level[*j])
            .map(|(_, flag)| *flag)
            .collect();
        let name = operation(op);
        let message = match missing.as_slice() {
            [] => continue,
            [one] => format!("agent action {name} does not declare `{one}`"),
            _ => format!("agent action {name} declares neither `isUserInput` nor `isDisplayable`"),
        };
        let add: Vec<String> = missing.iter().map(|f| format!("`{f}: true`")).collect();
        sink.report(action_entry.key_span, message).help(format!(
            "add {} under `x-sfdc.agent.action` (or in an inline schema of the operation)",
            add.join(" and ")
        ));
    }
}

/// Flags declared in the schemas of inline path-level parameters (not indexed per operation).
fn path_level_parameter_flags(op: &crate::spec::Operation<'_>) -> [bool; 2] {
    let mut seen = [false; 2];
    for param in op.path_item.get("parameters").map(Node::items).unwrap_or_default() {
        if param.get("$ref").is_some() {
            continue;
        }
        if let Some(action) = param.path(&["schema", "x-sfdc", "agent", "action"]) {
            for (j, flag) in REQUIRED.iter().enumerate() {
                seen[j] |= action.get(flag).is_some();
            }
        }
    }
    seen
}

pub static AL806: Rule = Rule {
    id: RuleId::new("AL806"),
    name: "agent-metadata-in-ref-schema",
    severity: RuleSeverity::Warning,
    summary: "agent metadata of an agent action is written inline, not in a component schema used by `$ref`",
    docs: r#"## What it does
Reports `x-sfdc.agent` written in a schema under `components.schemas` (at any depth) when an
agent action reaches that schema through `$ref`.

## Why
"Don't add agent metadata in a schema that's defined using $ref." Metadata in a referenced
schema is not read for the action: the flags you wrote there have no effect.

## Example
```yaml
paths:
  /pets/{id}:
    get:
      x-sfdc: {agent: {action: {publishAsAgentAction: true, isUserInput: true}}}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      x-sfdc: {agent: {action: {isDisplayable: true}}}
```

## Use instead
Declare the flag on the operation (`x-sfdc.agent.action.isDisplayable: true`) or in an inline
schema of the operation.

## Source
Agentforce Developer Guide (S18, S19) — documented for Apex REST and AuraEnabled actions and
applied to Heroku actions by inference.
"#,
    check: check_al806,
};

fn check_al806(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(schemas) = ctx.root().path(&["components", "schemas"]) else {
        return;
    };
    // Component schemas that carry agent metadata, with the name of the schema they are in.
    let mut tagged: Vec<(&Entry, &str, Span)> = Vec::new();
    for site in ctx.spec.schema_sites() {
        if site.role != SchemaRole::Component {
            continue;
        }
        let Some(agent) = site.node.get("x-sfdc").and_then(|s| s.entry("agent")) else {
            continue;
        };
        let Some(component) = schemas.entries().iter().find(|e| e.value.span.contains(site.node.span)) else {
            continue;
        };
        tagged.push((agent, &component.key, site.node.span));
    }
    if tagged.is_empty() {
        return;
    }
    let mut reported = HashSet::new();
    for op in ctx.spec.operations.iter().filter(|op| op.agent) {
        let reached = referenced_spans(ctx.spec, op.node);
        for (agent, component, span) in &tagged {
            if reached.iter().any(|r| r.contains(*span)) && reported.insert(agent.key_span) {
                let name = operation(op);
                sink.report(
                    agent.key_span,
                    format!(
                        "schema `{component}` carries agent metadata, but agent action {name} uses it through `$ref`, where it is not read"
                    ),
                )
                .help("declare the flags on the operation (`x-sfdc.agent.action`) or in an inline schema of the operation");
            }
        }
    }
}

/// The spans of every `$ref` target reachable from `start`, following references transitively.
pub(super) fn referenced_spans(spec: &Spec<'_>, start: &Node) -> Vec<Span> {
    let mut seen: FxHashSet<*const Node> = FxHashSet::default();
    let mut out = Vec::new();
    let mut stack = vec![start];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Map(entries) => {
                if let Some(target) = node
                    .get("$ref")
                    .and_then(Node::as_str)
                    .and_then(|r| spec.resolve_ref(r))
                    && seen.insert(target as *const Node)
                {
                    out.push(target.span);
                    stack.push(target);
                }
                stack.extend(entries.iter().map(|e| &e.value));
            }
            Value::Seq(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    out
}

pub static AL807: Rule = Rule {
    id: RuleId::new("AL807"),
    name: "agent-is-pii-placement",
    severity: RuleSeverity::Warning,
    summary: "`isPii` is written as `x-sfdc.privacy.isPii`, on an agent action",
    docs: r#"## What it does
Reports `isPii` written under `x-sfdc.agent.action` (the documented place is
`x-sfdc.privacy.isPii`), and `isPii` on an operation that is not an agent action, where it has
no effect.

## Why
The Heroku documentation lists `x-sfdc/privacy/isPii`, "only meaningful if
publishAsAgentAction is enabled". The official Java agent tutorial writes
`x-sfdc.agent.action.isPii` instead; that form is undocumented and may be ignored.

## Example
```yaml
x-sfdc:
  agent:
    action:
      publishAsAgentAction: true
      isUserInput: true
      isDisplayable: true
      isPii: true
```

## Use instead
```yaml
x-sfdc:
  agent:
    action:
      publishAsAgentAction: true
      isUserInput: true
      isDisplayable: true
  privacy:
    isPii: true
```

`applinkc check --fix --unsafe-fixes` moves `isPii` from `x-sfdc.agent.action` to a new
`x-sfdc.privacy` after `agent`, in block-style YAML (its line moves there with its comment;
the new lines use the file's indentation and line endings). It is unsafe: AppLink may read the
flag only in its new place, so what is published can change. There is no fix in JSON or flow
mappings, when `x-sfdc.privacy` exists already, or when `isPii` is the only key of `action`.

## Source
Heroku Dev Center (S1); corpus #4 (the tutorial's form, published without error — so this is
a warning).
"#,
    check: check_al807,
};

fn check_al807(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let op = &ctx.spec.operations[i];
        if let Some(entry) = sfdc.path(&["agent", "action"]).and_then(|a| a.entry("isPii")) {
            let mut message = "`isPii` under `x-sfdc.agent.action` is undocumented and may be ignored".to_string();
            if !op.agent {
                message.push_str("; the operation is not an agent action either");
            }
            let finding = sink
                .report(entry.key_span, message)
                .help("write it as `x-sfdc.privacy.isPii`");
            if let Some(fix) = move_is_pii(ctx, sfdc, entry) {
                finding.fixed_by(fix);
            }
        }
        if let Some(entry) = sfdc.get("privacy").and_then(|p| p.entry("isPii"))
            && !op.agent
        {
            sink.report(
                entry.key_span,
                format!("`isPii` has no effect: operation {} is not an agent action", operation(op)),
            )
            .help("`isPii` only applies with `x-sfdc.agent.action.publishAsAgentAction: true`; remove it or publish the action");
        }
    }
}

/// The start of the line holding byte `at`, and the byte after the end of that line (after
/// its line break, or the end of the text).
fn line_around(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    (start, end)
}

/// The spaces before a key that starts its line, or `None` when something else is there.
fn indent_of(text: &str, key: Span) -> Option<&str> {
    let (start, _) = line_around(text, key.start as usize);
    let before = &text[start..key.start as usize];
    before.bytes().all(|b| b == b' ').then_some(before)
}

/// Moves `isPii: V` from `x-sfdc.agent.action` to a new `x-sfdc.privacy` written after
/// `agent`, in block-style YAML only: each of `x-sfdc`, `agent` and `action` a block mapping,
/// `isPii` alone on its line, no `privacy` yet, `action` keeping another key. Otherwise no fix.
fn move_is_pii(ctx: &Context<'_>, sfdc: &Node, entry: &Entry) -> Option<Fix> {
    let text = ctx.source.text.as_str();
    if crate::source::Format::from_path(std::path::Path::new(&ctx.source.name)) == Some(crate::source::Format::Json)
        || sfdc.entry("privacy").is_some()
    {
        return None;
    }
    let agent = sfdc.entry("agent")?;
    let action = agent.value.entry("action")?;
    if action.value.entries().len() < 2
        || [&agent.value, &action.value, sfdc]
            .iter()
            .any(|n| ctx.raw(n).starts_with('{'))
    {
        return None;
    }
    let value = ctx.raw(&entry.value);
    if !matches!(entry.value.value, Value::Bool(_) | Value::Str(_) | Value::Int(_)) || value.contains('\n') {
        return None;
    }
    let (agent_indent, action_indent) = (indent_of(text, agent.key_span)?, indent_of(text, action.key_span)?);
    indent_of(text, entry.key_span)?;
    let step = action_indent.len().checked_sub(agent_indent.len()).filter(|n| *n > 0)?;
    // The `isPii` line goes; the rest of the line must be blank or a comment.
    let (line_start, line_end) = line_around(text, entry.key_span.start as usize);
    let after = text[entry.value.span.end as usize..line_end].trim();
    if !(after.is_empty() || after.starts_with('#')) || line_around(text, entry.value.span.end as usize).0 != line_start
    {
        return None;
    }
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    // After the last line of `agent`'s value.
    let (_, insert_at) = line_around(
        text,
        (agent.value.span.end as usize)
            .saturating_sub(1)
            .max(agent.key_span.end as usize),
    );
    let lead = if insert_at == text.len() && !text.ends_with('\n') {
        eol
    } else {
        ""
    };
    // A comment after the value moves with it.
    let comment = text[entry.value.span.end as usize..line_end].trim_end();
    let block = format!(
        "{lead}{agent_indent}privacy:{eol}{agent_indent}{}isPii: {value}{comment}{eol}",
        " ".repeat(step)
    );
    let mut edits = vec![Edit::delete(Span::new(line_start, line_end))];
    edits.push(Edit::replace(Span::empty(insert_at), block));
    if edits[0].end > edits[1].start {
        return None;
    }
    Some(Fix::unsafe_("move `isPii` to `x-sfdc.privacy`", edits))
}

pub static AL808: Rule = Rule {
    id: RuleId::new("AL808"),
    name: "agent-flag-direction",
    severity: RuleSeverity::Info,
    summary: "schema-level `isUserInput` is on inputs and `isDisplayable` on outputs",
    docs: r#"## What it does
Reports a schema-level `isUserInput` on a response schema, and a schema-level `isDisplayable`
on a request-body or parameter schema.

## Why
Inputs are collected from the user and outputs are displayed: `isUserInput` on a response, or
`isDisplayable` on a request, is probably meaningless and may hide a flag that was meant for
the other side.

## Example
```yaml
responses:
  '200':
    content:
      application/json:
        schema:
          type: object
          x-sfdc: {agent: {action: {isUserInput: true}}}
```

## Use instead
```yaml
responses:
  '200':
    content:
      application/json:
        schema:
          type: object
          x-sfdc: {agent: {action: {isDisplayable: true}}}
```

## Source
Heroku Dev Center (S1); inference.
"#,
    check: check_al808,
};

fn check_al808(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for site in ctx.spec.schema_sites() {
        let Some(action) = site.node.path(&["x-sfdc", "agent", "action"]) else {
            continue;
        };
        let (flag, side) = match site.role {
            SchemaRole::Response => ("isUserInput", "a response"),
            SchemaRole::Request => ("isDisplayable", "a request body"),
            SchemaRole::Parameter => ("isDisplayable", "a parameter"),
            _ => continue,
        };
        if let Some(entry) = action.entry(flag) {
            sink.report(
                entry.key_span,
                format!("`{flag}` on {side} schema is probably meaningless"),
            )
            .help(if flag == "isUserInput" {
                "outputs are displayed, not collected: use `isDisplayable` on responses"
            } else {
                "inputs are collected, not displayed: use `isUserInput` on requests and parameters"
            });
        }
    }
}
