//! AL311: the parameters and the request body of one operation are fields of one Apex request
//! class; two of them must not become the same field.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Node, Span};
use crate::spec::apex_name;
use rustc_hash::FxHashSet;

pub static AL311: Rule = Rule {
    id: RuleId::new("AL311"),
    name: "request-field-collision",
    severity: RuleSeverity::Error,
    summary: "no two parameters of an operation, or a parameter and its request body, become the same Apex field",
    docs: r#"## What it does
Every parameter of an operation (path, query, header, cookie; its own and its path item's) and
its request body become fields of one Apex class, `<Client>.<operationId>_Request`, as
`applinkc apex` shows. The body is the field `body`. This rule reports two of them that get the
same Apex field name: Apex identifiers are case-insensitive and External Services encode names
first, so path `id` and query `id`, query `id` and header `ID`, and a query parameter `body`
beside a request body each become one field. The finding is on the second name and says where
the first is.

Two parameters with the same name *and* location are AL302's (a duplicate), not this rule's.

## Why
On the wire the two are told apart by their location; in Apex they are one field of one
class, which cannot be generated: the registration fails, or one value silently replaces the
other. `applinkc apex` reports these as errors; this rule makes `check` (and so `build`)
report them too.

## Example
```yaml
/quotes/{id}:
  get:
    operationId: getQuote
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: ID, in: header, schema: {type: string}}
```

## Use instead
```yaml
/quotes/{id}:
  get:
    operationId: getQuote
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: X-Request-Id, in: header, schema: {type: string}}
```

## Source
Salesforce Help, *Naming and Description Conventions* (S9: "Implement case consistently for
object name definitions, property names, parameter names, and field names") and *Apex
Reserved Keywords* (S10, the encoding); the request class as generated (catalog appendix C,
`<Client>.<operationId>_Request` "with a `body` field for the request body").

## applinkc differs from the catalog
The catalog has no rule for this: AL302 compares parameters by name and location only, and
AL504 compares the properties of a schema. applinkc adds AL311 (after the catalog's last
parameter rule, AL310) rather than stretching AL504, because the colliding names are
parameters and a request body, not schema properties, and the fix is made in `parameters`.
"#,
    check,
};

/// One field of a request class: the name as written, where it comes from, and the span to
/// report at.
struct RequestField<'a> {
    wire: &'a str,
    /// `query parameter`, `request body`…
    what: String,
    location: &'a str,
    span: Span,
}

/// The methods External Services turn into Apex methods (the others are AL200's).
const APEX_METHODS: [&str; 5] = ["get", "put", "post", "patch", "delete"];

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut reported: FxHashSet<(Span, Span)> = FxHashSet::default();
    for op in &ctx.spec.operations {
        if !APEX_METHODS.contains(&op.method) || !op.node.is_map() {
            continue;
        }
        let mut fields: Vec<RequestField<'_>> = Vec::new();
        for (_, param) in ctx.spec.parameters(op) {
            let (Some(name_node), Some(location)) = (param.get("name"), param.get("in").and_then(Node::as_str)) else {
                continue;
            };
            let Some(wire) = name_node.as_str() else { continue };
            if !matches!(location, "path" | "query" | "header" | "cookie") {
                continue;
            }
            fields.push(RequestField {
                wire,
                what: format!("{location} parameter `{wire}`"),
                location,
                span: name_node.span,
            });
        }
        if let Some(body) = op.node.entries().iter().find(|e| &*e.key == "requestBody") {
            fields.push(RequestField {
                wire: "body",
                what: "the request body".to_string(),
                location: "body",
                span: body.key_span,
            });
        }
        if fields.len() < 2 {
            continue;
        }
        for group in apex_name::collisions(fields.iter().map(|f| f.wire)) {
            // The fields of this group, in order; the names of a group are the fields' own
            // `&str`s, so they are found by pointer.
            let members: Vec<&RequestField<'_>> = group
                .iter()
                .filter_map(|name| fields.iter().find(|f| std::ptr::eq(f.wire.as_ptr(), name.as_ptr())))
                .collect();
            let Some((first, rest)) = members.split_first() else {
                continue;
            };
            for other in rest {
                if other.wire == first.wire && other.location == first.location {
                    continue; // the same parameter twice: AL302
                }
                if !reported.insert((other.span, first.span)) {
                    continue; // shared parameters: reported from the first operation using them
                }
                let line = ctx.source.line_col(first.span.start).line;
                let field = apex_name::encode(other.wire);
                let message = if other.location == "body" {
                    format!(
                        "the request body of {} collides with {} (line {line}) in Apex: the request class holds the body as the field `body`",
                        op.label(),
                        first.what,
                    )
                } else if first.location == "body" {
                    format!(
                        "{} of {} collides with the request body (line {line}) in Apex: the request class holds the body as the field `body`",
                        other.what,
                        op.label(),
                    )
                } else {
                    format!(
                        "{} of {} becomes the same Apex field `{field}` as {} (line {line}); Apex names ignore case",
                        other.what,
                        op.label(),
                        first.what,
                    )
                };
                sink.report(other.span, message)
                    .help("both are fields of one Apex request class; rename one of them");
            }
        }
    }
}
