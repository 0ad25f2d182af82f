//! AL509, AL510: what agent actions need from the schemas of their inputs and outputs.

use super::{AgentSchemas, visit_agent_schemas};
use crate::rules::grouping::{self, Place};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Node;

pub static AL509: Rule = Rule {
    id: RuleId::new("AL509"),
    name: "agent-input-free-form-object",
    severity: RuleSeverity::AgentError,
    summary: "object schemas in agent action inputs declare `properties`",
    docs: r#"## What it does
Follows the request body schemas of agent actions (`publishAsAgentAction: true`) through
`$ref`s, `properties`, `items` and compositions, and reports every object schema that declares
no `properties` (or an empty one) and no `allOf`/`anyOf`/`oneOf`: a free-form object or a
map (`additionalProperties` only).

## Why
The agent documentation: "Include a properties object with the input properties that should
be present". A free-form object becomes an untyped Apex `Object` or `Map`: the agent has no
fields to fill.

## Example
```yaml
requestBody:
  content:
    application/json:
      schema:
        type: object
```

## Use instead
```yaml
requestBody:
  content:
    application/json:
      schema:
        type: object
        properties:
          name: {type: string, description: Name to put on the badge}
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18).

## applinkc differs from the catalog
Only agent actions' request bodies are checked, as the catalog's path says: on other
operations a free-form object is a legitimate Apex `Map`, so there is no warning for them.
"#,
    check: check_free_form_inputs,
};

fn is_free_form_object(schema: &Node) -> bool {
    let ty = schema.get("type").and_then(Node::as_str);
    let object = ty == Some("object") || (ty.is_none() && schema.get("additionalProperties").is_some());
    let has_properties = schema.get("properties").is_some_and(|p| !p.entries().is_empty());
    let composed = ["allOf", "anyOf", "oneOf"].iter().any(|k| schema.get(k).is_some());
    object && !has_properties && !composed
}

fn check_free_form_inputs(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    visit_agent_schemas(ctx, AgentSchemas::Inputs, |schema| {
        if !is_free_form_object(schema) {
            return;
        }
        let at = schema
            .get("type")
            .map(|t| t.span)
            .or_else(|| schema.entry("additionalProperties").map(|e| e.key_span))
            .unwrap_or(schema.span);
        let what = if schema.get("additionalProperties").is_some() {
            "a map without `properties`"
        } else {
            "an object without `properties`"
        };
        sink.report_agent(
            true,
            at,
            format!("agent action input is {what}; it becomes an untyped Apex value"),
        )
        .help("list the input fields under `properties`, each with a `type` and a `description`");
    });
}

pub static AL510: Rule = Rule {
    id: RuleId::new("AL510"),
    name: "agent-property-description",
    severity: RuleSeverity::Warning,
    summary: "properties of agent action inputs and outputs have a description",
    docs: r#"## What it does
Follows the request body and response schemas of agent actions (`publishAsAgentAction:
true`) through `$ref`s, and reports each property without a `description` (a `description`
on the property or on the schema its `$ref` points to both count). Several are one finding,
at the first, that lists every other one with its place.

## Why
The agent sees the descriptions: they tell it what to put in each input field and how to
read each output field. Salesforce's own FastAPI generator fills in missing ones for this
reason.

## Example
```yaml
properties:
  quoteId: {type: string}
```

## Use instead
```yaml
properties:
  quoteId:
    type: string
    description: Record id of the generated Quote
```

## Source
Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (S18).

## applinkc differs from the catalog
The catalog reports each property. A generated spec leaves most of them undescribed (36 in
one published spec), so applinkc reports one finding, "36 properties of agent actions have no
description", at the first, listing every other property with its place (notes in the human
report, related locations in SARIF). One alone keeps its own message.
"#,
    check: check_property_descriptions,
};

fn check_property_descriptions(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let spec = ctx.spec;
    let mut places = Vec::new();
    visit_agent_schemas(ctx, AgentSchemas::InputsAndOutputs, |schema| {
        for prop in schema.get("properties").map(Node::entries).unwrap_or_default() {
            let described = |n: &Node| {
                n.get("description")
                    .and_then(Node::as_str)
                    .is_some_and(|d| !d.trim().is_empty())
            };
            if !prop.value.is_map() || described(&prop.value) || described(spec.deref(&prop.value)) {
                continue;
            }
            places.push(Place {
                name: prop.key.to_string(),
                span: prop.key_span,
                message: format!("property `{}` of an agent action has no description", prop.key),
            });
        }
    });
    grouping::report_one_cause(
        sink,
        places,
        "properties of agent actions have no description",
        "add a `description`; the agent reads it to fill or show the field",
    );
}
