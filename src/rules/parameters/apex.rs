//! AL308: parameter names as Apex sees them.

use super::used;
use crate::rules::grouping::{self, Place};
use crate::rules::{Context, Rule, RuleId, RuleSeverity, Sink};
use crate::spec::apex_name;

pub static AL308: Rule = Rule {
    id: RuleId::new("AL308"),
    name: "parameter-apex-name",
    severity: RuleSeverity::Warning,
    summary: "parameter names are plain Apex identifiers",
    docs: r#"## What it does
Reports a parameter whose name External Services must encode to make it an Apex identifier:
a name that is not `^[A-Za-z][A-Za-z0-9]*$` (characters such as `-`, `.` and `_` become `x`
and their hex code) or that is an Apex reserved word (it gets the prefix `z0`).

## Why
The name sent over HTTP does not change, but Apex code, Flow and agent builders see the
encoded name: `x-request-id` becomes `xx2drequestx2did`, `type` becomes `z0type`,
`page_size` becomes `pagex5fsize`.

## Example
```yaml
parameters:
  - {name: page_size, in: query, schema: {type: integer}}
```

## Use instead
```yaml
parameters:
  - {name: pageSize, in: query, schema: {type: integer}}
```
When the name is fixed by the API (a header, say), keep it: this is a warning.

## Source
Salesforce Help, *Apex Reserved Keywords* (External Services) (S10); catalog appendices A
and B.

## applinkc differs from the catalog
The catalog reports each parameter. applinkc reports the parameters encoded for the same
cause (the same characters, such as `_` in `page_size` and `sort_by`; a leading digit; a
reserved word) as one finding at the first of them, listing every other one with its place
(notes in the human report, related locations in SARIF): the decision to rename or keep wire
names is taken once. A cause met once keeps its own message.
"#,
    check,
};

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut places = Vec::new();
    for p in used(ctx, false) {
        let Some(name) = p.node.get("name") else { continue };
        let Some(text) = name.as_str() else { continue };
        if text.is_empty() {
            continue; // AL300
        }
        let encoded = apex_name::encode(text);
        if encoded != text {
            places.push(Place {
                name: text.to_string(),
                span: name.span,
                message: format!("{} becomes `{encoded}` in Apex", p.label()),
            });
        }
    }
    grouping::report(
        sink,
        grouping::group(places),
        "parameter",
        |p| {
            format!(
                "the name on the wire stays `{}`; Apex, Flow and agents see `{}`",
                p.name,
                apex_name::encode(&p.name)
            )
        },
        "the names on the wire stay as they are; Apex, Flow and agents see the encoded names",
    );
}
