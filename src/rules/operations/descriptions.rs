//! AL207, AL208: operation and parameter descriptions — long enough to help, short enough to keep.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Node, Span};
use rustc_hash::FxHashSet;

/// External Services keep the first 1,333 characters of a description.
const MAX_DESCRIPTION: usize = 1333;
/// Shorter descriptions are padded by Salesforce's own FastAPI → MuleSoft generator.
const MIN_DESCRIPTION: usize = 10;

pub static AL207: Rule = Rule {
    id: RuleId::new("AL207"),
    name: "description-length",
    severity: RuleSeverity::Warning,
    summary: "operation and parameter descriptions have at most 1,333 characters",
    docs: r##"## What it does
Counts the characters of each operation's `description` and `summary` and of each parameter's
`description`, and reports those over 1,333.

## Why
External Services: longer descriptions are truncated to the first 1,333 characters (which
"doesn't affect the integrity of your schema"). What comes after — often the part that says
when *not* to use the operation — never reaches Flow builders or the agent.

## Example
A 2,000-character operation `description` pasted from the API's handbook.

## Use instead
Keep the description to what a caller needs to choose and call the operation; link the rest
from your own documentation.

## Source
Salesforce Help, *Naming and Description Conventions* (S9).
"##,
    check: check_length,
};

pub static AL208: Rule = Rule {
    id: RuleId::new("AL208"),
    name: "operation-described",
    severity: RuleSeverity::AgentError,
    summary: "every operation has a description or summary of at least 10 characters",
    docs: r##"## What it does
Reports an operation with neither `description` nor `summary`, or whose longest one has fewer
than 10 characters. An error on agent actions, a warning on other operations.

## Why
Flow Builder and Agent Builder show this text to the people choosing the action, and for an
agent action the model decides *when to call it* from the description — the agent guide says
"Provide a detailed description of the operation". Salesforce's own FastAPI → MuleSoft
generator pads descriptions shorter than 10 characters, the threshold used here.

## Example
```yaml
post:
  operationId: run
  summary: Run
```

## Use instead
```yaml
post:
  operationId: generateQuote
  description: >-
    Generates a price quote for an opportunity: list prices, discounts by volume and
    region, and taxes. Returns the quote id and the total.
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18);
Salesforce's FastAPI generator (catalog, observed).
"##,
    check: check_described,
};

fn chars(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

fn check_length(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut done: FxHashSet<Span> = FxHashSet::default();
    let mut long = |sink: &mut Sink<'_>, node: Option<&Node>, what: String| {
        let Some(node) = node else { return };
        let Some(text) = node.as_str() else { return };
        let n = chars(text);
        if n > MAX_DESCRIPTION && done.insert(node.span) {
            sink.report(
                node.span,
                format!("{what} has {n} characters; Salesforce keeps the first {MAX_DESCRIPTION}"),
            )
            .help("shorten it to what a caller needs to choose and call the operation");
        }
    };
    for op in &ctx.spec.operations {
        for field in ["description", "summary"] {
            long(sink, op.node.get(field), format!("the {field} of {}", op.label()));
        }
        for (_, param) in ctx.spec.parameters(op) {
            let name = param.get("name").and_then(Node::as_str).unwrap_or("?");
            long(
                sink,
                param.get("description"),
                format!("the description of parameter `{name}` of {}", op.label()),
            );
        }
    }
}

fn check_described(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    // An operation that is not a mapping has no fields to check.
    for op in ctx.spec.operations.iter().filter(|op| op.node.is_map()) {
        let texts: Vec<(&str, &Node, &str)> = ["description", "summary"]
            .into_iter()
            .filter_map(|field| {
                let node = op.node.get(field)?;
                Some((field, node, node.as_str()?.trim()))
            })
            .collect();
        let why = if op.agent {
            "the agent chooses actions by their description"
        } else {
            "Flow and Agent Builder show it to the people choosing the action"
        };
        let Some(&(field, node, text)) = texts.iter().max_by_key(|(_, _, text)| chars(text)) else {
            sink.report_agent(
                op.agent,
                op.method_entry.key_span,
                format!("{} has no description or summary", op.label()),
            )
            .help(format!(
                "add a `description` saying what the operation does and returns; {why}"
            ));
            continue;
        };
        if chars(text) >= MIN_DESCRIPTION {
            continue;
        }
        let message = if text.is_empty() {
            format!("the {field} of {} is empty", op.label())
        } else {
            format!(
                "the {field} of {}, `{text}`, is too short to say what it does",
                op.label()
            )
        };
        sink.report_agent(op.agent, node.span, message).help(format!(
            "describe in a sentence or two what the operation does and returns; {why}"
        ));
    }
}
