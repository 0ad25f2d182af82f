//! AL202–AL206: `operationId` — present, unique as an Apex name, plain, not reserved, short.
//!
//! Every Apex name is computed by `spec::apex_name`; these rules only compare and explain.

use crate::rules::grouping::{self, Place};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink, StopsBuild};
use crate::source::{Node, Span, Value};
use crate::spec::{Operation, apex_name};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Why build needs an operationId, unique after Apex encoding.
const NAMES_OPERATIONS: &str = "the registration names each operation after its operationId";

pub static AL202: Rule = Rule {
    id: RuleId::new("AL202"),
    name: "operation-id-unique",
    severity: RuleSeverity::Error,
    summary: "operationIds are unique as Apex names (case-insensitive, after encoding)",
    docs: r##"## What it does
Compares every `operationId` with the ones before it the way Apex sees them: encoded by
External Services' naming rules (`get_account` → `getx5faccount`, `delete` → `z0delete`) and
ignoring case. Reports the second of two operations that end up with the same name.

## Why
OpenAPI requires unique operationIds. Each operation becomes a method of the generated Apex
class (`HerokuAppLink.<Client>`), a Flow action and possibly an agent action, and Apex
identifiers are case-insensitive: `getAccount` and `GetAccount` are one method, and so are
`get-account` and `getx2daccount`. The registration fails or one operation shadows the other.

## Example
```yaml
/accounts:
  get:
    operationId: getAccount
/accounts/{id}:
  get:
    operationId: GetAccount
```

## Use instead
```yaml
/accounts:
  get:
    operationId: listAccounts
/accounts/{id}:
  get:
    operationId: getAccount
```

## Source
OpenAPI Specification 3.0.3 §4.7.10 (S29); Salesforce Help, *Naming and Description
Conventions* (S9) and *Apex Reserved Keywords* (S10).
"##,
    check: check_unique,
};

/// `applinkc build` cannot compile past AL202's problem (`publication` refuses it).
pub static AL202_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL202,
    why: NAMES_OPERATIONS,
};

pub static AL203: Rule = Rule {
    id: RuleId::new("AL203"),
    name: "operation-id-present",
    severity: RuleSeverity::AgentError,
    summary: "every operation has an operationId",
    docs: r##"## What it does
Reports an operation without `operationId`, or with one that is empty or not a string. An
error on agent actions, a warning on other operations.

On other operations `check` keeps it a warning, because `heroku salesforce:publish` accepts
it; the finding notes that `applinkc build` refuses it, at the same place, because the
registration `build` writes names each operation after its operationId. `build --dry-run`
tells beforehand whether `build` would refuse a spec.

## Why
External Services: when `operationId` is missing "it's derived from the HTTP method and resource
path". The derivation is not documented, so the Apex method, the Flow action and the agent
action get a name you cannot predict, and it changes when the path changes — breaking Apex code
and flows that call it. The agent guide requires it: "Provide a unique identifier for the
operation."

## Example
```yaml
post:
  summary: Generate a quote
  responses: …
```

## Use instead
```yaml
post:
  operationId: generateQuote
  summary: Generate a quote
  responses: …
```

## Source
Salesforce Help, *Naming and Description Conventions* (S9); Agentforce Developer Guide,
*Verify Metadata and OpenAPI Specification Documents* (S18).
"##,
    check: check_present,
};

/// `applinkc build` cannot compile past AL203's problem (`publication` refuses it).
pub static AL203_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL203,
    why: NAMES_OPERATIONS,
};

pub static AL204: Rule = Rule {
    id: RuleId::new("AL204"),
    name: "operation-id-plain",
    severity: RuleSeverity::Warning,
    summary: "operationIds are plain Apex identifiers (`^[A-Za-z][A-Za-z0-9]*$`)",
    docs: r##"## What it does
Reports an `operationId` with characters External Services encode: anything other than ASCII
letters and digits, a leading digit — and `_`, which is valid in Apex but still encoded because
External Services join generated names with it. The message shows the Apex name you get.

## Why
The operation still publishes, but under the encoded name: `get_account` is called as
`getx5faccount` from Apex, and Flow and Agent Builder show that name too.

## Example
```yaml
operationId: get_account
```
```yaml
operationId: get-accounts
```

## Use instead
```yaml
operationId: getAccount
```

## Source
Salesforce Help, *Apex Reserved Keywords* (External Services naming, S10); catalog appendix B.

## applinkc differs from the catalog
The catalog reports each operationId. applinkc reports the operationIds encoded for the same
cause (the same characters, such as `_` in `list_accounts` and `create_account`, or a leading
digit) as one finding at the first of them, listing every other one with its place (notes in
the human report, related locations in SARIF): a generator's naming scheme is fixed once. A
cause met once keeps its own message and its suggested name.
"##,
    check: check_plain,
};

pub static AL205: Rule = Rule {
    id: RuleId::new("AL205"),
    name: "operation-id-reserved",
    severity: RuleSeverity::Warning,
    summary: "operationIds are not Apex reserved words",
    docs: r##"## What it does
Reports an `operationId` equal, ignoring case, to an Apex reserved keyword (`delete`, `insert`,
`update`, `merge`, `list`, `select`…), which External Services rename with a `z0` prefix.

## Why
The method is published as `z0delete`: Apex callers and Flow builders see the prefixed name.
(The prefix is documented for property names; applinkc assumes operations are treated alike.)

## Example
```yaml
delete:
  operationId: delete
```

## Use instead
```yaml
delete:
  operationId: deleteAccount
```

## Source
Salesforce Help, *Apex Reserved Keywords* (S10); Apex Developer Guide, *Reserved Keywords*
(S23); catalog appendix A.

## applinkc differs from the catalog
The catalog reports each operationId. When several are reserved words (`delete`, `update`, a
CRUD API's usual names), applinkc reports them as one finding at the first, listing every
other one with its place (notes in the human report, related locations in SARIF); one alone
keeps its own message and suggested name.
"##,
    check: check_reserved,
};

pub static AL206: Rule = Rule {
    id: RuleId::new("AL206"),
    name: "operation-id-length",
    severity: RuleSeverity::Warning,
    summary: "operationIds have at most 80 characters as Apex names",
    docs: r##"## What it does
Reports an `operationId` whose Apex name (after External Services' encoding, which only makes
names longer) has more than 80 characters.

## Why
Agent actions are `GenAiFunctionDefinition` records, whose developer name holds at most 80
characters; Salesforce developer names in general share that limit. A longer name risks being
cut or rejected when an action is created from the operation. Generators that build
operationIds from paths (`get_account_contacts_by_account_id_and_contact_id_…`) reach it easily.

## Example
```yaml
operationId: getTheCurrentPriceQuoteForTheOpportunityIncludingAllLineItemsDiscountsAndTaxesForTheRegion
```

## Use instead
```yaml
operationId: getOpportunityQuote
```

## Source
Salesforce Field Reference, *GenAiFunctionDefinition* (S20); mapping of operations to agent
actions is inferred.

## applinkc differs from the catalog
The catalog counts the characters of the `operationId` as written; applinkc counts the Apex name
External Services derive from it (`_`, `-`, `.` each become three characters), which is the name
Salesforce stores. For a plain operationId both are the same.
"##,
    check: check_length,
};

/// `applinkc build` cannot compile past AL206's problem (`publication` refuses it).
pub static AL206_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL206,
    why: "each agent action is named `<client-name>_<operationId in Apex>`, at most 80 characters",
};

/// Operations with a string operationId, and that value node.
fn with_id<'a>(ctx: &Context<'a>) -> impl Iterator<Item = (&'a Operation<'a>, &'a Node, &'a str)> {
    ctx.spec.operations.iter().filter_map(|op| {
        let node = op.node.get("operationId")?;
        Some((op, node, node.as_str()?))
    })
}

fn check_unique(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut seen: HashMap<String, (&Operation<'_>, &Node, &str)> = HashMap::new();
    for (op, node, id) in with_id(ctx) {
        if id.is_empty() {
            continue;
        }
        let key = apex_name::collision_key(id);
        let Some(&(first, first_node, first_id)) = seen.get(&key) else {
            seen.insert(key, (op, node, id));
            continue;
        };
        let line = ctx.source.line_col(first_node.span.start).line;
        let message = if id == first_id {
            format!("operationId `{id}` is already used by {} (line {line})", first.label())
        } else if id.eq_ignore_ascii_case(first_id) {
            format!(
                "operationId `{id}` differs from `{first_id}` of {} (line {line}) only in case; Apex names ignore case",
                first.label()
            )
        } else {
            format!(
                "operationId `{id}` becomes the same Apex name as `{first_id}` of {} (line {line}): `{}`",
                first.label(),
                apex_name::encode(id)
            )
        };
        sink.report(node.span, message)
            .help(format!("give {} its own operationId", op.label()));
    }
}

/// `heroku salesforce:publish` accepts an operation without an operationId (External Services
/// derive a name); `applinkc build` cannot, because it writes the registration's operation
/// names itself, and refuses the spec at this very place (`publication::builder`).
const BUILD_REFUSES: &str =
    "`applinkc build` refuses this operation: the registration it writes names each operation after its operationId";

fn check_present(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    // An operation that is not a mapping has no fields to check.
    for op in ctx.spec.operations.iter().filter(|op| op.node.is_map()) {
        let suggestion = suggest(op);
        match op.node.get("operationId") {
            None => {
                sink.report_agent(
                    op.agent,
                    op.method_entry.key_span,
                    format!(
                        "{} has no operationId; its {} derived from the method and path",
                        op.label(),
                        if op.agent {
                            "Apex, Flow and agent action names are"
                        } else {
                            "Apex and Flow names are"
                        }
                    ),
                )
                .help(format!(
                    "add `operationId: {suggestion}`: a stable name that does not change with the path"
                ))
                .note(BUILD_REFUSES);
            }
            Some(node) => match node.as_str() {
                Some(id) if !id.trim().is_empty() => {}
                Some(_) => {
                    sink.report_agent(
                        op.agent,
                        node.span,
                        format!("the operationId of {} is empty", op.label()),
                    )
                    .help(format!("name the operation: `operationId: {suggestion}`"))
                    .note(BUILD_REFUSES);
                }
                None => {
                    let what = match node.value {
                        Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                            format!("{} (`{}`)", node.kind_name(), ctx.raw(node).trim())
                        }
                        _ => node.kind_name().to_string(),
                    };
                    sink.report_agent(
                        op.agent,
                        node.span,
                        format!("the operationId of {} is {what}, not a string", op.label()),
                    )
                    .help(format!(
                        "name the operation with letters and digits: `operationId: {suggestion}`"
                    ))
                    .note(BUILD_REFUSES);
                }
            },
        }
    }
}

fn check_plain(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let places = with_id(ctx)
        .filter(|(_, _, id)| !id.is_empty() && !apex_name::is_plain(id) && !apex_name::is_reserved(id))
        .map(|(_, node, id)| Place {
            name: id.to_string(),
            span: node.span,
            message: format!("operationId `{id}` becomes `{}` in Apex", apex_name::encode(id)),
        })
        .collect();
    grouping::report(
        sink,
        grouping::group(places),
        "operationId",
        |p| match camel_case(&p.name) {
            Some(plain) => format!("rename it `{plain}`: letters and digits only, starting with a letter"),
            None => "use letters and digits only, starting with a letter".to_string(),
        },
        "rename them with letters and digits only, each starting with a letter",
    );
}

fn check_reserved(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut better: FxHashMap<Span, String> = FxHashMap::default();
    let mut places = Vec::new();
    for (op, node, id) in with_id(ctx) {
        if !apex_name::is_reserved(id) {
            continue;
        }
        let resource = resource_name(op.path);
        better.insert(
            node.span,
            format!("{}{}", id.to_ascii_lowercase(), capitalize(&resource)),
        );
        places.push(Place {
            name: id.to_string(),
            span: node.span,
            message: format!(
                "operationId `{id}` is {} and becomes `{}`",
                if apex_name::RESERVED.contains(&id.to_ascii_lowercase().as_str()) {
                    "an Apex reserved word"
                } else {
                    "a name External Services rename"
                },
                apex_name::encode(id)
            ),
        });
    }
    grouping::report(
        sink,
        grouping::group(places),
        "operationId",
        |p| format!("name it after what it does, e.g. `{}`", better[&p.span]),
        "name each operation after what it does, e.g. `deleteQuote` rather than `delete`",
    );
}

fn check_length(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (op, node, id) in with_id(ctx) {
        let apex = apex_name::encode(id);
        let chars = apex.chars().count();
        if chars <= 80 {
            continue;
        }
        let written = id.chars().count();
        let what = if written == chars {
            format!("has {chars} characters")
        } else {
            format!("becomes an Apex name of {chars} characters")
        };
        let head: String = id.chars().take(24).collect();
        let target = if op.agent {
            "agent action names"
        } else {
            "Salesforce developer names"
        };
        sink.report(
            node.span,
            format!("operationId `{head}…` {what}; {target} hold at most 80"),
        )
        .help("shorten it to at most 80 letters and digits");
    }
}

/// A plain operationId for an operation without one: `get /accounts/{id}` → `getAccountsById`.
fn suggest(op: &Operation<'_>) -> String {
    let mut out = op.method.to_ascii_lowercase();
    let mut by = Vec::new();
    for segment in op.path.split('/').filter(|s| !s.is_empty()) {
        if let Some(var) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            by.push(capitalize(&camel_case(var).unwrap_or_default()));
        } else {
            out.push_str(&capitalize(&camel_case(segment).unwrap_or_default()));
        }
    }
    if !by.is_empty() {
        out.push_str("By");
        out.push_str(&by.join("And"));
    }
    out
}

/// `get_account-list` → `getAccountList`; `None` when nothing alphanumeric is left.
fn camel_case(name: &str) -> Option<String> {
    let mut out = String::new();
    for (i, word) in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if i == 0 {
            out.push_str(word);
        } else {
            out.push_str(&capitalize(word));
        }
    }
    let out = out.trim_start_matches(|c: char| c.is_ascii_digit()).to_string();
    (!out.is_empty()).then_some(out)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The last fixed segment of a path, as a plain word: `/accounts/{id}` → `accounts`.
fn resource_name(path: &str) -> String {
    path.split('/')
        .rev()
        .find(|s| !s.is_empty() && !s.starts_with('{'))
        .and_then(camel_case)
        .unwrap_or_else(|| "Item".to_string())
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn camel_case_names() {
        assert_eq!(camel_case("get_account").as_deref(), Some("getAccount"));
        assert_eq!(camel_case("get-accounts.v2").as_deref(), Some("getAccountsV2"));
        assert_eq!(camel_case("5getOpen").as_deref(), Some("getOpen"));
        assert_eq!(camel_case("--"), None);
    }
}
