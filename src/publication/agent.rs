//! `input/schema.json` and `output/schema.json` of an agent action (GenAiFunction bundle), in
//! the shape orgs retrieve for an action on an External Service (docs/build.md, "Agent
//! actions", with each source):
//!
//! - inputs: each parameter flat, under its name; a request body as **one** input `body`, typed
//!   by the class External Services generate for it (`@apexClassType/ExternalService__c__…`);
//! - outputs: one property per declared `2xx` status with a body (`"200"`), `responseCode`, one
//!   `"<status>Exc"` per declared error status with a body, and `defaultExc`;
//! - titles humanized from the name (`ageBand` → `Age Band`), descriptions falling back to the
//!   title.
//!
//! Every type comes from [`ApexTypes`], the naming model `apex` prints: a class is named once.
//! Nothing is expanded in place, so the files grow linearly with the operation, whatever the
//! schemas reuse.

use super::names::humanize;
use crate::source::Node;
use crate::spec::apex_type::{ApexType, ApexTypes, Scalar, is_status_code, media_schema};
use crate::spec::{Operation, Spec, xsfdc};
use serde_json::{Map, Value, json};

/// How an agent action names a class generated for a Custom External Service.
pub const APEX_CLASS_TYPE: &str = "@apexClassType/ExternalService__c__";

pub fn input_schema<'a>(spec: &Spec<'a>, types: &ApexTypes<'_, 'a>, op: &Operation<'a>) -> Value {
    let action = xsfdc::action(op.node).unwrap_or_default();
    let mut properties = Map::new();
    let mut required: Vec<Value> = Vec::new();
    for (_, param) in spec.parameters(op) {
        let Some(name) = param.get("name").and_then(Node::as_str) else {
            continue;
        };
        let schema = param.get("schema");
        let resolved = schema.map(|s| spec.deref(s));
        let description = text(param, "description").or_else(|| resolved.and_then(|s| text(s, "description")));
        let ty = schema.map_or(ApexType::Scalar(Scalar::String), |s| types.of(s, None));
        let mut prop = property(&humanize(name), description, &ty);
        input_flags(&mut prop, resolved, action);
        if param.get("required").and_then(Node::as_bool) == Some(true) {
            required.push(json!(name));
        }
        properties.insert(name.to_string(), Value::Object(prop));
    }
    if let Some(body) = op.node.get("requestBody").map(|b| spec.deref(b))
        && let Some(schema) = media_schema(body)
    {
        let inline = op.operation_id().map(|id| types.request_body_class(id));
        let ty = types.of(schema, inline.as_deref());
        let mut prop = property("Body", text(body, "description"), &ty);
        input_flags(&mut prop, Some(spec.deref(schema)), action);
        if body.get("required").and_then(Node::as_bool) == Some(true) {
            required.push(json!("body"));
        }
        properties.insert("body".to_string(), Value::Object(prop));
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

pub fn output_schema<'a>(spec: &Spec<'a>, types: &ApexTypes<'_, 'a>, op: &Operation<'a>) -> Value {
    let action = xsfdc::action(op.node).unwrap_or_default();
    let mut success = Map::new();
    let mut errors = Map::new();
    let mut default = None;
    for entry in op.node.get("responses").map(Node::entries).unwrap_or_default() {
        let status = &*entry.key;
        let response = spec.deref(&entry.value);
        let Some(schema) = media_schema(response) else {
            continue; // No body: `responseCode` says it all.
        };
        if status == "default" {
            default = Some((response, schema));
            continue;
        }
        if !is_status_code(status) {
            continue; // `2XX`, `4XX`: no documented output name (AL211).
        }
        let inline = op.operation_id().and_then(|id| types.response_class(id, status));
        let ty = types.of(schema, inline.as_deref());
        let description = text(response, "description");
        if status.starts_with('2') {
            let mut prop = property(status, description, &ty);
            output_flags(&mut prop, Some(spec.deref(schema)), action, true);
            success.insert(status.to_string(), Value::Object(prop));
        } else {
            let mut prop = property(&format!("{status} Exception"), description, &ty);
            output_flags(&mut prop, Some(spec.deref(schema)), action, false);
            errors.insert(format!("{status}Exc"), Value::Object(prop));
        }
    }
    let mut properties = success;
    let mut code = property(
        "Response Code",
        Some("response code"),
        &ApexType::Scalar(Scalar::Integer),
    );
    output_flags(&mut code, None, action, false);
    // The HTTP status is no personal data, whatever the operation returns.
    code.insert("lightning:isPII".into(), json!(false));
    properties.insert("responseCode".into(), Value::Object(code));
    properties.extend(errors);
    let mut default_exc = match default {
        Some((response, schema)) => property(
            "Default Exception",
            text(response, "description"),
            &types.of(schema, None),
        ),
        None => property(
            "Default Exception",
            Some("Default response"),
            &ApexType::Scalar(Scalar::String),
        ),
    };
    output_flags(&mut default_exc, None, action, false);
    properties.insert("defaultExc".into(), Value::Object(default_exc));
    let mut out = Map::new();
    out.insert("unevaluatedProperties".into(), json!(false));
    out.insert("properties".into(), Value::Object(properties));
    out.insert("lightning:type".into(), json!("lightning__objectType"));
    Value::Object(out)
}

fn text<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    node.get(key).and_then(Node::as_str).filter(|s| !s.trim().is_empty())
}

/// `title`, `description` (the title when there is none) and `lightning:type`.
fn property(title: &str, description: Option<&str>, ty: &ApexType) -> Map<String, Value> {
    let mut prop = Map::new();
    prop.insert("title".into(), json!(title));
    prop.insert("description".into(), json!(description.unwrap_or(title)));
    lightning_type(&mut prop, ty);
    prop
}

/// The `lightning:type` of an Apex type, with `items` for a list.
fn lightning_type(prop: &mut Map<String, Value>, ty: &ApexType) {
    let name = match ty {
        ApexType::Class(class) => format!("{APEX_CLASS_TYPE}{class}"),
        ApexType::List(inner) => {
            let mut items = Map::new();
            lightning_type(&mut items, inner);
            prop.insert("lightning:type".into(), json!("lightning__listType"));
            prop.insert("items".into(), Value::Object(items));
            return;
        }
        ApexType::Unnamed | ApexType::Map(_) => "lightning__objectType".to_string(),
        ApexType::Scalar(scalar) => match scalar {
            Scalar::Date => "lightning__dateType",
            Scalar::Datetime => "lightning__dateTimeType",
            Scalar::Url => "lightning__urlType",
            Scalar::Integer | Scalar::Long => "lightning__integerType",
            Scalar::Double => "lightning__numberType",
            Scalar::Boolean => "lightning__booleanType",
            Scalar::String | Scalar::Blob | Scalar::Object => "lightning__textType",
        }
        .to_string(),
    };
    prop.insert("lightning:type".into(), json!(name));
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

/// `displayable`: whether the action's `isDisplayable` applies (a success body); the response
/// code and the exceptions are never shown to the user, as in the org's files.
fn output_flags(prop: &mut Map<String, Value>, schema: Option<&Node>, op: xsfdc::AgentAction, displayable: bool) {
    let own = schema_flags(schema);
    let pii = own.is_pii.or(op.is_pii).unwrap_or(false);
    let shown = displayable && own.is_displayable.or(op.is_displayable).unwrap_or(false);
    prop.insert("lightning:isPII".into(), json!(pii));
    prop.insert("copilotAction:isDisplayable".into(), json!(shown));
    // "At least one output property must have this value as true" (GenAiFunction docs); the
    // org's files set it on every output.
    prop.insert("copilotAction:isUsedByPlanner".into(), json!(true));
}
