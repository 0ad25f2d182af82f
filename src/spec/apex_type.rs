//! The Apex type External Services generate for a schema, and the name of every class they
//! generate: the one naming model that `apex` prints and `build` writes into agent actions.
//!
//! Names are returned without a namespace (`AcmePricing_Quote`); each caller adds its own
//! (`HerokuAppLink.` for an AppLink publication, `@apexClassType/ExternalService__c__` in an
//! agent action's schema). Sources, in docs/apex.md:
//!
//! - a component schema: `<Client>_<schema>` (observed in every AppLink sample);
//! - an inline request body: `<Client>_<operationId>_IN_body`, and an inline object in its
//!   property `p`: `…_IN_body_p` (observed: `ProvisioningService_provisioningStatusCallback_IN_body_services`);
//! - an inline response: `<Client>_<operationId>_OUT_<status>` (observed in an org-retrieved agent
//!   action: `PauseCareRouter_routeCarePathway_OUT_200`);
//! - an inline object in property `p` of a component class: `<Client>_<schema>_p` (inferred
//!   from the request-body case);
//! - the items of an array keep the name of the place the array stands (inferred).
//!
//! Where no rule is known (an inline object in a parameter or a callback body, an operation
//! without `operationId`, a range status such as `2XX`), the type is [`ApexType::Unnamed`].

use super::{MAX_REF_HOPS, Spec, apex_name};
use crate::source::Node;
use crate::source::node::unescape_token;

/// Deepest nesting of `items` and single-member `allOf` followed when computing a type.
pub const MAX_TYPE_DEPTH: usize = 16;

/// A scalar Apex type, with the format that decides an agent action's `lightning:type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar {
    String,
    /// `type: string, format: uri|url`: a `String` in Apex.
    Url,
    Date,
    Datetime,
    Blob,
    Integer,
    Long,
    Double,
    Boolean,
    /// Any value: no `type`, `oneOf`/`anyOf`, a bare `type: object`.
    Object,
}

impl Scalar {
    pub fn apex(self) -> &'static str {
        match self {
            Scalar::String | Scalar::Url => "String",
            Scalar::Date => "Date",
            Scalar::Datetime => "Datetime",
            Scalar::Blob => "Blob",
            Scalar::Integer => "Integer",
            Scalar::Long => "Long",
            Scalar::Double => "Double",
            Scalar::Boolean => "Boolean",
            Scalar::Object => "Object",
        }
    }
}

/// The Apex type of a schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApexType {
    Scalar(Scalar),
    /// A generated class, without namespace: `AcmePricing_Quote`.
    Class(String),
    /// A generated class whose name no source documents.
    Unnamed,
    List(Box<ApexType>),
    /// `additionalProperties` alone: `Map<String, T>`.
    Map(Box<ApexType>),
}

impl ApexType {
    /// The type as Apex writes it, each class name passed through `class`.
    pub fn render(&self, class: &dyn Fn(&str) -> String, unnamed: &str) -> String {
        match self {
            ApexType::Scalar(s) => s.apex().to_string(),
            ApexType::Class(name) => class(name),
            ApexType::Unnamed => unnamed.to_string(),
            ApexType::List(inner) => format!("List<{}>", inner.render(class, unnamed)),
            ApexType::Map(inner) => format!("Map<String, {}>", inner.render(class, unnamed)),
        }
    }
}

/// An inline object schema that becomes a class of its own.
#[derive(Clone, Copy, Debug)]
pub struct InlineClass<'a> {
    pub node: &'a Node,
}

/// The naming model for one `--client-name`.
pub struct ApexTypes<'s, 'a> {
    spec: &'s Spec<'a>,
    client: &'s str,
}

impl<'s, 'a> ApexTypes<'s, 'a> {
    pub fn new(spec: &'s Spec<'a>, client: &'s str) -> ApexTypes<'s, 'a> {
        ApexTypes { spec, client }
    }

    /// `components.schemas.<schema>`: `<Client>_<schema>`.
    pub fn component_class(&self, schema: &str) -> String {
        format!("{}_{}", self.client, apex_name::encode(schema))
    }

    /// The class of an inline request body: `<Client>_<operationId>_IN_body`.
    pub fn request_body_class(&self, operation_id: &str) -> String {
        format!("{}_{}_IN_body", self.client, apex_name::encode(operation_id))
    }

    /// The class of an inline response body: `<Client>_<operationId>_OUT_<status>`, for a
    /// three-digit status (range and `default` responses have no documented name).
    pub fn response_class(&self, operation_id: &str, status: &str) -> Option<String> {
        is_status_code(status).then(|| format!("{}_{}_OUT_{status}", self.client, apex_name::encode(operation_id)))
    }

    /// The class of an inline object in property `property` of class `parent`.
    pub fn property_class(parent: &str, property: &str) -> String {
        format!("{parent}_{}", apex_name::encode(property))
    }

    /// The Apex type of `schema`, where an inline object would be named `inline` (`None`: no
    /// documented name).
    pub fn of(&self, schema: &'a Node, inline: Option<&str>) -> ApexType {
        self.type_at(schema, inline, 0)
    }

    fn type_at(&self, node: &'a Node, inline: Option<&str>, depth: usize) -> ApexType {
        if depth > MAX_TYPE_DEPTH {
            return ApexType::Scalar(Scalar::Object);
        }
        let Some(node) = self.follow(node) else {
            return ApexType::Scalar(Scalar::Object);
        };
        let (node, named) = node;
        if let Some(class) = named {
            return ApexType::Class(class);
        }
        let format = node.get("format").and_then(Node::as_str);
        match node.get("type").and_then(Node::as_str) {
            Some("string") => ApexType::Scalar(match format {
                Some("date") => Scalar::Date,
                Some("date-time") => Scalar::Datetime,
                Some("binary") => Scalar::Blob,
                Some("uri" | "url") => Scalar::Url,
                _ => Scalar::String,
            }),
            Some("integer") => ApexType::Scalar(if format == Some("int64") {
                Scalar::Long
            } else {
                Scalar::Integer
            }),
            Some("number") => ApexType::Scalar(Scalar::Double),
            Some("boolean") => ApexType::Scalar(Scalar::Boolean),
            Some("array") => match node.get("items") {
                Some(items) => ApexType::List(Box::new(self.type_at(items, inline, depth + 1))),
                None => ApexType::List(Box::new(ApexType::Scalar(Scalar::Object))),
            },
            _ => {
                // A single-member `allOf` is a named type wearing a description.
                if let [only] = node.get("allOf").map(Node::items).unwrap_or_default() {
                    return self.type_at(only, inline, depth + 1);
                }
                if is_class(node) {
                    match inline {
                        Some(name) => ApexType::Class(name.to_string()),
                        None => ApexType::Unnamed,
                    }
                } else {
                    ApexType::Scalar(Scalar::Object)
                }
            }
        }
    }

    /// Follows `$ref`s: the schema reached, and the component class when a hop lands on a
    /// component schema that is a class. `None` when a reference cannot be followed (AL006
    /// reports it, also for a chain longer than [`MAX_REF_HOPS`]).
    fn follow(&self, node: &'a Node) -> Option<(&'a Node, Option<String>)> {
        let mut current = node;
        for hop in 0..=MAX_REF_HOPS {
            let Some(reference) = current.get("$ref").and_then(Node::as_str) else {
                return Some((current, None));
            };
            if hop == MAX_REF_HOPS {
                return None;
            }
            let target = self.spec.resolve_ref(reference)?;
            if let Some(name) = reference.strip_prefix("#/components/schemas/")
                && !name.contains('/')
                && is_class(target)
            {
                return Some((target, Some(self.component_class(&unescape_token(name)))));
            }
            current = target;
        }
        None
    }

    /// The inline classes at `schema` (where an inline object is named `name`) and nested in
    /// it, in document order, each once: `(class name, schema)`. A `$ref` ends the walk (its
    /// classes are the component's).
    pub fn inline_classes(&self, schema: &'a Node, name: &str, out: &mut Vec<(String, &'a Node)>) {
        self.walk_inline(schema, name, out, 0);
    }

    fn walk_inline(&self, node: &'a Node, name: &str, out: &mut Vec<(String, &'a Node)>, depth: usize) {
        if depth > MAX_TYPE_DEPTH || node.get("$ref").is_some() {
            return;
        }
        if node.get("type").and_then(Node::as_str) == Some("array") {
            if let Some(items) = node.get("items") {
                self.walk_inline(items, name, out, depth + 1);
            }
            return;
        }
        if let [only] = node.get("allOf").map(Node::items).unwrap_or_default() {
            self.walk_inline(only, name, out, depth + 1);
            return;
        }
        if !is_class(node) || out.iter().any(|(n, _)| n == name) {
            return;
        }
        out.push((name.to_string(), node));
        self.walk_properties(node, name, out, depth);
    }

    /// The inline classes nested in the properties of class `name` (its own, its `allOf`
    /// members', its `additionalProperties`).
    pub fn walk_properties(&self, node: &'a Node, name: &str, out: &mut Vec<(String, &'a Node)>, depth: usize) {
        if depth > MAX_TYPE_DEPTH {
            return;
        }
        for prop in node.get("properties").map(Node::entries).unwrap_or_default() {
            self.walk_inline(&prop.value, &Self::property_class(name, &prop.key), out, depth + 1);
        }
        for member in node.get("allOf").map(Node::items).unwrap_or_default() {
            if member.get("$ref").is_none() {
                self.walk_properties(member, name, out, depth + 1);
            }
        }
    }
}

/// Schemas External Services turn into a class: objects with properties or
/// `additionalProperties`, and `allOf` compositions. A bare `type: object` is `Object`.
pub fn is_class(node: &Node) -> bool {
    node.get("$ref").is_none()
        && (node.get("properties").is_some_and(|p| !p.entries().is_empty())
            || node
                .get("additionalProperties")
                .is_some_and(|a| a.is_map() || a.as_bool() == Some(true))
            || node.get("allOf").is_some_and(|a| a.items().len() > 1))
}

/// The schema External Services read from a request body or response (or a parameter's
/// `content`): the one of `application/json` when it is there, else of the first media type.
pub fn media_schema(holder: &Node) -> Option<&Node> {
    let content = holder.get("content")?.entries();
    content
        .iter()
        .find(|e| e.key.starts_with("application/json"))
        .or_else(|| content.first())?
        .value
        .get("schema")
}

/// `200`, `404`: three digits, 100–599.
pub fn is_status_code(status: &str) -> bool {
    status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit()) && ("100"..="599").contains(&status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, parse_text};

    fn spec_of(yaml: &str) -> crate::source::Node {
        parse_text(yaml, Format::Yaml, Vec::new()).root.expect("loads")
    }

    #[test]
    fn inline_classes_are_named_after_their_place() {
        let root = spec_of(
            "openapi: 3.0.3\ncomponents:\n  schemas:\n    Quote:\n      type: object\n      properties:\n        id: {type: string}\n    Alias: {$ref: '#/components/schemas/Quote'}\n",
        );
        let spec = Spec::new(&root);
        let types = ApexTypes::new(&spec, "Acme");
        let inline = spec_of("type: object\nproperties:\n  a: {type: string}\n");
        assert_eq!(
            types.of(&inline, Some("Acme_op_IN_body")),
            ApexType::Class("Acme_op_IN_body".into())
        );
        assert_eq!(types.of(&inline, None), ApexType::Unnamed);
        let list = spec_of("type: array\nitems:\n  $ref: '#/components/schemas/Alias'\n");
        assert_eq!(
            types.of(&list, None),
            ApexType::List(Box::new(ApexType::Class("Acme_Quote".into())))
        );
        assert_eq!(
            types.response_class("get_quote", "200").as_deref(),
            Some("Acme_getx5fquote_OUT_200")
        );
        assert_eq!(types.response_class("getQuote", "2XX"), None);
        assert_eq!(
            ApexTypes::property_class("Acme_op_IN_body", "type"),
            "Acme_op_IN_body_z0type"
        );
    }
}
