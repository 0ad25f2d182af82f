//! `input/schema.json` and `output/schema.json` of an agent action (GenAiFunction bundle).
//!
//! Shape from metadata-formats.md §4.7 and Salesforce-produced bundles: an object schema with
//! `lightning:type` `lightning__objectType`, one property per input or output, each with
//! `title`, `description`, `lightning:type`, `lightning:isPII` and the `copilotAction:*` flags.
//! Inputs are the operation's parameters and the top-level properties of its JSON request body;
//! outputs are the top-level properties of its lowest `2xx` response (AppLink uses only that one).

use crate::source::Node;
use crate::spec::{Operation, Spec, xsfdc};
use serde_json::{Map, Value, json};

/// How deep nested object schemas are described before they become plain objects.
const MAX_DEPTH: usize = 6;

pub fn input_schema<'a>(spec: &Spec<'a>, op: &Operation<'a>) -> Value {
    let action = xsfdc::action(op.node).unwrap_or_default();
    let mut properties = Map::new();
    let mut required: Vec<Value> = Vec::new();
    for (_, param) in spec.parameters(op) {
        let Some(name) = param.get("name").and_then(Node::as_str) else {
            continue;
        };
        let schema = param.get("schema").map(|s| spec.deref(s));
        let description = text(param, "description").or_else(|| schema.and_then(|s| text(s, "description")));
        let mut prop = property(spec, name, schema, description, 0);
        input_flags(&mut prop, schema, action);
        if param.get("required").and_then(Node::as_bool) == Some(true) {
            required.push(json!(name));
        }
        properties.insert(name.to_string(), Value::Object(prop));
    }
    if let Some(body) = op.node.get("requestBody").map(|b| spec.deref(b))
        && let Some(schema) = json_schema(spec, body)
    {
        let body_required: Vec<&str> = schema
            .get("required")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str)
            .collect();
        match schema.get("properties") {
            Some(props) if props.is_map() => {
                for entry in props.entries() {
                    let prop_schema = spec.deref(&entry.value);
                    let mut prop = property(spec, &entry.key, Some(prop_schema), text(prop_schema, "description"), 0);
                    input_flags(&mut prop, Some(prop_schema), action);
                    if body_required.contains(&&*entry.key) {
                        required.push(json!(&*entry.key));
                    }
                    properties.insert(entry.key.to_string(), Value::Object(prop));
                }
            }
            _ => {
                let mut prop = property(spec, "body", Some(schema), text(body, "description"), 0);
                input_flags(&mut prop, Some(schema), action);
                if body.get("required").and_then(Node::as_bool) == Some(true) {
                    required.push(json!("body"));
                }
                properties.insert("body".to_string(), Value::Object(prop));
            }
        }
    }
    let mut out = Map::new();
    if !required.is_empty() {
        out.insert("required".into(), Value::Array(required));
    }
    out.insert("unevaluatedProperties".into(), json!(false));
    out.insert("properties".into(), Value::Object(properties));
    out.insert("lightning:type".into(), json!("lightning__objectType"));
    Value::Object(out)
}

pub fn output_schema<'a>(spec: &Spec<'a>, op: &Operation<'a>) -> Value {
    let action = xsfdc::action(op.node).unwrap_or_default();
    let mut properties = Map::new();
    if let Some(response) = lowest_success(spec, op)
        && let Some(schema) = json_schema(spec, response)
    {
        match schema.get("properties") {
            Some(props) if props.is_map() => {
                for entry in props.entries() {
                    let prop_schema = spec.deref(&entry.value);
                    let mut prop = property(spec, &entry.key, Some(prop_schema), text(prop_schema, "description"), 0);
                    output_flags(&mut prop, Some(prop_schema), action);
                    properties.insert(entry.key.to_string(), Value::Object(prop));
                }
            }
            _ => {
                let mut prop = property(spec, "response", Some(schema), text(response, "description"), 0);
                output_flags(&mut prop, Some(schema), action);
                properties.insert("response".to_string(), Value::Object(prop));
            }
        }
    }
    let mut out = Map::new();
    out.insert("unevaluatedProperties".into(), json!(false));
    out.insert("properties".into(), Value::Object(properties));
    out.insert("lightning:type".into(), json!("lightning__objectType"));
    Value::Object(out)
}

/// The lowest `2xx` response (numeric codes only), resolved.
fn lowest_success<'a>(spec: &Spec<'a>, op: &Operation<'a>) -> Option<&'a Node> {
    let responses = op.node.get("responses")?;
    responses
        .entries()
        .iter()
        .filter_map(|e| {
            e.key
                .parse::<u16>()
                .ok()
                .filter(|c| (200..300).contains(c))
                .map(|c| (c, e))
        })
        .min_by_key(|(c, _)| *c)
        .map(|(_, e)| spec.deref(&e.value))
}

/// The schema of the JSON (or first) media type of a request body or response.
fn json_schema<'a>(spec: &Spec<'a>, holder: &'a Node) -> Option<&'a Node> {
    let content = holder.get("content")?;
    let media = content
        .entries()
        .iter()
        .find(|e| e.key.starts_with("application/json"))
        .or_else(|| content.entries().first())?;
    media.value.get("schema").map(|s| spec.deref(s))
}

fn text<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    node.get(key).and_then(Node::as_str).filter(|s| !s.trim().is_empty())
}

fn property<'a>(
    spec: &Spec<'a>,
    name: &str,
    schema: Option<&'a Node>,
    description: Option<&str>,
    depth: usize,
) -> Map<String, Value> {
    let mut prop = Map::new();
    prop.insert("title".into(), json!(name));
    prop.insert("description".into(), json!(description.unwrap_or(name)));
    let kind = schema.and_then(|s| s.get("type")).and_then(Node::as_str);
    let format = schema.and_then(|s| s.get("format")).and_then(Node::as_str);
    let lightning = match (kind, format) {
        (Some("string"), Some("date")) => "lightning__dateType",
        (Some("string"), Some("date-time")) => "lightning__dateTimeType",
        (Some("string"), Some("uri" | "url")) => "lightning__urlType",
        (Some("integer"), _) => "lightning__integerType",
        (Some("number"), _) => "lightning__numberType",
        (Some("boolean"), _) => "lightning__booleanType",
        (Some("array"), _) => "lightning__listType",
        (Some("object"), _) => "lightning__objectType",
        (None, _) if schema.is_some_and(|s| s.get("properties").is_some()) => "lightning__objectType",
        _ => "lightning__textType",
    };
    prop.insert("lightning:type".into(), json!(lightning));
    if lightning == "lightning__listType"
        && let Some(items) = schema.and_then(|s| s.get("items")).map(|i| spec.deref(i))
        && depth < MAX_DEPTH
    {
        let mut item = property(spec, name, Some(items), text(items, "description"), depth + 1);
        item.remove("title");
        item.remove("description");
        prop.insert("items".into(), Value::Object(item));
    }
    if lightning == "lightning__objectType"
        && depth < MAX_DEPTH
        && let Some(props) = schema.and_then(|s| s.get("properties"))
    {
        let mut nested = Map::new();
        for entry in props.entries() {
            let s = spec.deref(&entry.value);
            nested.insert(
                entry.key.to_string(),
                Value::Object(property(spec, &entry.key, Some(s), text(s, "description"), depth + 1)),
            );
        }
        prop.insert("properties".into(), Value::Object(nested));
    }
    prop
}

/// The schema-level `x-sfdc` flags of a property override the operation-level ones.
fn schema_flags(schema: Option<&Node>) -> xsfdc::AgentAction {
    schema.and_then(xsfdc::action).unwrap_or_default()
}

fn input_flags(prop: &mut Map<String, Value>, schema: Option<&Node>, op: xsfdc::AgentAction) {
    let own = schema_flags(schema);
    let pii = own.is_pii.or(op.is_pii).unwrap_or(false);
    let user_input = own.is_user_input.or(op.is_user_input).unwrap_or(false);
    prop.insert("lightning:isPII".into(), json!(pii));
    prop.insert("copilotAction:isUserInput".into(), json!(user_input));
}

fn output_flags(prop: &mut Map<String, Value>, schema: Option<&Node>, op: xsfdc::AgentAction) {
    let own = schema_flags(schema);
    let pii = own.is_pii.or(op.is_pii).unwrap_or(false);
    let displayable = own.is_displayable.or(op.is_displayable).unwrap_or(false);
    prop.insert("lightning:isPII".into(), json!(pii));
    prop.insert("copilotAction:isDisplayable".into(), json!(displayable));
    // "At least one output property must have this value as true" (GenAiFunction docs).
    prop.insert("copilotAction:isUsedByPlanner".into(), json!(true));
}
