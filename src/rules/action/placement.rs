//! AL809–AL811: misplaced agent flags, actions without a topic, and the per-action summary.

use super::flags::referenced_spans;
use crate::edit::{Edit, Fix};
use crate::finding::Severity;
use crate::rules::wording::{and_list, operation};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Entry, Node, Span, Value};
use crate::spec::xsfdc::{AGENT_FLAGS, operation_blocks};

pub static AL809: Rule = Rule {
    id: RuleId::new("AL809"),
    name: "agent-flag-misplaced",
    severity: RuleSeverity::Warning,
    summary: "agent flags are written in the nested `x-sfdc.agent.action` form, on operations",
    docs: r#"## What it does
Reports spellings of the agent annotations that AppLink does not read:
- flat keys such as `x-sfdc-publishAsAgentAction: true` or a dotted key
  `x-sfdc.agent.action.publishAsAgentAction: true` on a path or an operation (at the document
  root, AL111 reports them with the other ignored root extensions);
- a flag directly under an operation's `x-sfdc` or `x-sfdc.agent`
  (`x-sfdc: {publishAsAgentAction: true}`);
- `x-sfdc.agent.action` on a path item instead of on its operations.

## Why
AppLink reads nested mappings: `x-sfdc: {agent: {action: {publishAsAgentAction: true}}}` on
each operation. The other forms appear in third-party write-ups and are silently ignored, so
no agent action is created.

## Example
```yaml
post:
  operationId: generateQuote
  x-sfdc-publishAsAgentAction: true
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

`applinkc check --fix --unsafe-fixes` rewrites the flat keys of an operation
(`x-sfdc-publishAsAgentAction: true`, `x-sfdc.agent.action.isUserInput: true`) as one nested
`x-sfdc` block at the first key's line, with the file's indentation and line endings; values
keep how they were written and comments after them move with them. It is unsafe: AppLink
starts reading the flags, so the operation becomes an agent action. There is no fix in JSON or
flow mappings, when the operation has an `x-sfdc` already (merge by hand), for flat keys on a
path item, or for flags at the wrong level of `x-sfdc`.

## Source
Heroku Dev Center (S1): the documented key paths.
"#,
    check: check_al809,
};

/// Where a flag belongs, as a dotted path under `x-sfdc`.
fn home(flag: &str) -> String {
    if flag == "isPii" {
        "x-sfdc.privacy.isPii".into()
    } else {
        format!("x-sfdc.agent.action.{flag}")
    }
}

/// The nested path a flat key stands for (`x-sfdc-isUserInput` → `x-sfdc.agent.action.isUserInput`).
fn flat_target(key: &str) -> Option<String> {
    let rest = ["x-sfdc-", "x-sfdc.", "x-sfdc/", "x-sfdc_"]
        .iter()
        .find_map(|p| key.strip_prefix(p))?;
    Some(if AGENT_FLAGS.contains(&rest) {
        home(rest)
    } else {
        format!("x-sfdc.{}", rest.replace('/', "."))
    })
}

fn flat_keys(ctx: &Context<'_>, sink: &mut Sink<'_>, node: &Node, place: &str, fixable: bool) {
    let fix = if fixable { nest_flat_keys(ctx, node) } else { None };
    for entry in node.entries() {
        let key = &*entry.key;
        let Some(nested) = flat_target(key) else {
            continue;
        };
        let finding = sink
            .report(
                entry.key_span,
                format!("`{key}` on {place} is not read by AppLink, which reads nested `x-sfdc` mappings"),
            )
            .help(format!("write nested mappings: `{}`", nested_yaml(&nested)));
        if let Some(fix) = &fix {
            finding.fixed_by(fix.clone());
        }
    }
}

/// One mapping of the nested block being built: keys in order of first use.
#[derive(Default)]
struct Tree<'a> {
    entries: Vec<(&'a str, Branch<'a>)>,
}

enum Branch<'a> {
    Leaf(&'a str),
    Map(Tree<'a>),
}

impl<'a> Tree<'a> {
    /// Adds `value` at `path`; `None` on a conflict (a key given twice, or both a value and a
    /// mapping).
    fn add(&mut self, path: &[&'a str], value: &'a str) -> Option<()> {
        let (first, rest) = path.split_first()?;
        let at = self.entries.iter().position(|(k, _)| k == first);
        match (at, rest.is_empty()) {
            (Some(_), true) => None,
            (None, true) => {
                self.entries.push((first, Branch::Leaf(value)));
                Some(())
            }
            (Some(i), false) => match &mut self.entries[i].1 {
                Branch::Map(tree) => tree.add(rest, value),
                Branch::Leaf(_) => None,
            },
            (None, false) => {
                let mut tree = Tree::default();
                tree.add(rest, value)?;
                self.entries.push((first, Branch::Map(tree)));
                Some(())
            }
        }
    }

    fn render(&self, out: &mut String, indent: &str, step: &str, eol: &str) {
        for (key, branch) in &self.entries {
            match branch {
                Branch::Leaf(value) => out.push_str(&format!("{indent}{key}: {value}{eol}")),
                Branch::Map(tree) => {
                    out.push_str(&format!("{indent}{key}:{eol}"));
                    tree.render(out, &format!("{indent}{step}"), step, eol);
                }
            }
        }
    }
}

/// Rewrites the flat keys of an operation as one nested `x-sfdc` block at the first one's
/// line, in block-style YAML only: the operation a block mapping without `x-sfdc`, each flat
/// key alone on its line with a one-line scalar value, no two keys for one place. The value
/// keeps how it was written; a comment after it moves with it.
fn nest_flat_keys(ctx: &Context<'_>, op: &Node) -> Option<Fix> {
    let text = ctx.source.text.as_str();
    let json =
        crate::source::Format::from_path(std::path::Path::new(&ctx.source.name)) == Some(crate::source::Format::Json);
    if json || ctx.raw(op).starts_with('{') || op.entry("x-sfdc").is_some() {
        return None;
    }
    let flat: Vec<(&Entry, String)> = op
        .entries()
        .iter()
        .filter_map(|e| flat_target(&e.key).map(|t| (e, t)))
        .collect();
    let (first, _) = flat.first()?;
    let line_of = |at: usize| {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        (start, end)
    };
    let (first_start, _) = line_of(first.key_span.start as usize);
    let indent = &text[first_start..first.key_span.start as usize];
    if indent.is_empty() || !indent.bytes().all(|b| b == b' ') {
        return None;
    }
    // One indentation step: the operation's children against the line of its method key (the
    // nearest line above, not blank or a comment, that is indented less); else two spaces.
    let op_start = text[..op.span.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let parent_indent = text[..op_start]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.len() - l.trim_start_matches(' ').len());
    let step = match parent_indent {
        Some(n) if n < indent.len() => " ".repeat(indent.len() - n),
        _ => "  ".to_string(),
    };
    let step = step.as_str();
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut tree = Tree::default();
    let mut lines = Vec::new();
    let mut leaves = Vec::new();
    for (entry, target) in &flat {
        let value = &entry.value;
        let raw = ctx.raw(value);
        if !matches!(value.value, Value::Bool(_) | Value::Str(_) | Value::Int(_)) || raw.contains('\n') {
            return None;
        }
        let (start, end) = line_of(entry.key_span.start as usize);
        if line_of(value.span.end as usize).0 != start || &text[start..entry.key_span.start as usize] != indent {
            return None;
        }
        let after = text[value.span.end as usize..end].trim();
        if !(after.is_empty() || after.starts_with('#')) {
            return None;
        }
        let comment = text[value.span.end as usize..end].trim_end();
        leaves.push((
            target.split('.').filter(|p| !p.is_empty()).collect::<Vec<_>>(),
            format!("{raw}{comment}"),
        ));
        lines.push((start, end));
    }
    for (path, value) in &leaves {
        tree.add(path, value)?;
    }
    let mut block = String::new();
    tree.render(&mut block, indent, step, eol);
    if !text[..lines.last()?.1].ends_with('\n') {
        return None;
    }
    let mut edits = Vec::new();
    for (i, (start, end)) in lines.iter().enumerate() {
        let new = if i == 0 { block.clone() } else { String::new() };
        edits.push(Edit::replace(Span::new(*start, *end), new));
    }
    Some(Fix::unsafe_("write the flags as nested `x-sfdc` mappings", edits))
}

/// `x-sfdc.agent.action.isUserInput` → `x-sfdc: {agent: {action: {isUserInput: …}}}`.
fn nested_yaml(dotted: &str) -> String {
    let parts: Vec<&str> = dotted.split('.').filter(|p| !p.is_empty()).collect();
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(" {");
        }
        out.push_str(part);
        out.push(':');
    }
    out.push_str(" …");
    out.push_str(&"}".repeat(parts.len().saturating_sub(1)));
    out
}

fn misplaced_flags(sink: &mut Sink<'_>, node: &Node, prefix: &str, label: &str) {
    for entry in node.entries() {
        if AGENT_FLAGS.contains(&&*entry.key) {
            sink.report(
                entry.key_span,
                format!("`{prefix}.{}` of operation {label} is not read by AppLink", entry.key),
            )
            .help(format!("move it to `{}`", home(&entry.key)));
        }
    }
}

fn check_al809(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    if let Some(paths) = ctx.root().get("paths") {
        for path in paths.entries() {
            let place = format!("path `{}`", path.key);
            flat_keys(ctx, sink, &path.value, &place, false);
            if let Some(entry) = path.value.path(&["x-sfdc", "agent"]).and_then(|a| a.entry("action")) {
                sink.report(
                    entry.key_span,
                    format!("`x-sfdc.agent.action` on {place} is not read; agent actions are declared per operation"),
                )
                .help("move it into each operation of the path");
            }
        }
    }
    for op in &ctx.spec.operations {
        flat_keys(ctx, sink, op.node, &format!("operation {}", operation(op)), true);
    }
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let label = operation(&ctx.spec.operations[i]);
        misplaced_flags(sink, sfdc, "x-sfdc", &label);
        if let Some(agent) = sfdc.get("agent") {
            misplaced_flags(sink, agent, "x-sfdc.agent", &label);
        }
    }
}

pub static AL810: Rule = Rule {
    id: RuleId::new("AL810"),
    name: "agent-actions-without-topic",
    severity: RuleSeverity::Info,
    summary: "agent actions are grouped under a root topic",
    docs: r#"## What it does
Reports, once per spec, agent actions (`publishAsAgentAction: true`) in a spec without a root
`x-sfdc.agent.topic`.

## Why
The actions are created but not grouped into a topic, so no agent uses them until you assign
them to a topic in Agent Builder. That may be what you want (an existing topic); if not,
declare the topic in the spec.

## Example
An operation with `x-sfdc.agent.action.publishAsAgentAction: true` and no root `x-sfdc`.

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
Heroku Dev Center (S1).
"#,
    check: check_al810,
};

fn check_al810(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    if ctx.root().path(&["x-sfdc", "agent", "topic"]).is_some() {
        return;
    }
    let agents: Vec<_> = ctx.spec.operations.iter().filter(|op| op.agent).collect();
    let Some(first) = agents.first() else {
        return;
    };
    let Some(entry) = publish_entry(first.node) else {
        return;
    };
    let count = match agents.len() {
        1 => "1 agent action is".to_string(),
        n => format!("{n} agent actions are"),
    };
    sink.report(
        entry.key_span,
        format!("{count} published without a topic: the spec has no root `x-sfdc.agent.topic`"),
    )
    .help("declare `x-sfdc.agent.topic` at the root, or assign the actions to a topic in Agent Builder");
}

fn publish_entry(op: &Node) -> Option<&Entry> {
    op.path(&["x-sfdc", "agent", "action"])?.entry("publishAsAgentAction")
}

pub static AL811: Rule = Rule {
    id: RuleId::new("AL811"),
    name: "agent-action-blocked",
    severity: RuleSeverity::Info,
    summary: "an agent action blocked by agent-restriction errors gets one summary line",
    docs: r#"## What it does
For each agent action (`publishAsAgentAction: true`) that has errors from the agent-action
restrictions, adds one summary line at its `publishAsAgentAction` naming the rules that fired:
the catalog's `E*` rules (AL200, AL203, AL208, AL212, AL213, AL305, AL306, AL309, AL403–AL405,
AL500, AL509: errors on agent actions, warnings elsewhere) and the agent-flag errors
(AL800, AL804, AL805). Findings inside the operation and in the component schemas it reaches through
`$ref` count.

## Why
The Apex-REST agent restrictions are spread over many rules, each reported where the problem
is. This line ties them to the action they block, so that one glance tells which agent actions
will not be created and why.

## Example
```yaml
post:
  operationId: get_quote
  x-sfdc:
    agent:
      action:
        publishAsAgentAction: true
        isUserInput: "yes"
```

## Use instead
Fix the findings it names; the summary disappears with them.

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18).

## applinkc differs from the catalog
The catalog gives AL811 the `E*` severity as a combined reminder of restrictions that have
their own rules. Reporting them again as errors would count every problem twice, so applinkc
reports AL811 as **info**, and only for agent actions where at least one of those rules fired.
It names the rules; the findings themselves carry the positions and the fixes.
"#,
    check: check_al811,
};

fn check_al811(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    // The agent-restriction errors found so far: (rule, span). Most specs have none.
    let candidates: Vec<(RuleId, Span)> = sink
        .earlier()
        .iter()
        .filter(|d| d.severity == Severity::Error && is_agent_restriction(d.rule))
        .map(|d| (d.rule, d.span))
        .collect();
    if candidates.is_empty() {
        return;
    }
    let mut reported = std::collections::HashSet::new();
    for op in ctx.spec.operations.iter().filter(|op| op.agent) {
        let Some(entry) = publish_entry(op.node) else {
            continue;
        };
        if !reported.insert(entry.key_span) {
            continue;
        }
        // From the method key (`post:`, where findings about the whole operation point) to the
        // end of the operation; then the component schemas it reaches, walked only if needed.
        let whole = Span::new(op.method_entry.key_span.start as usize, op.node.span.end as usize);
        let mut reached: Option<Vec<Span>> = None;
        let mut rules: Vec<RuleId> = Vec::new();
        for (rule, span) in &candidates {
            let inside = whole.contains(*span)
                || reached
                    .get_or_insert_with(|| referenced_spans(ctx.spec, op.node))
                    .iter()
                    .any(|r| r.contains(*span));
            if inside {
                rules.push(*rule);
            }
        }
        if rules.is_empty() {
            continue;
        }
        let count = rules.len();
        rules.sort_unstable();
        rules.dedup();
        let names: Vec<String> = rules.iter().map(std::string::ToString::to_string).collect();
        let errors = if count == 1 {
            "1 error".to_string()
        } else {
            format!("{count} errors")
        };
        sink.report_with(
            Severity::Info,
            entry.key_span,
            format!(
                "agent action {} is blocked by {errors} ({})",
                operation(op),
                and_list(&names)
            ),
        )
        .help("fix the errors reported for these rules; `applinkc explain <rule>` tells why each matters");
    }
}

fn is_agent_restriction(id: RuleId) -> bool {
    [super::shape::AL800.id, super::flags::AL804.id, super::flags::AL805.id].contains(&id)
        || crate::rules::get(id).severity == RuleSeverity::AgentError
}
