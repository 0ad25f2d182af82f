//! The Apex surface that External Services generate when a spec is published with
//! `heroku salesforce:publish --client-name <Client>`: the service class, one method per
//! operation, the request/response/exception classes, one class per component schema, and the
//! invocable actions Flow shows. Every generated name goes through [`crate::spec::apex_name`].
//!
//! Types and class names come from [`crate::spec::apex_type`], the naming model `build` uses
//! too. What is documented and what is inferred is recorded in docs/apex.md. Where the generated
//! name is not documented (inline objects in parameters and callbacks, range responses,
//! operations without an `operationId`), the model says so (`None` / [`INLINE_OBJECT`]) instead
//! of guessing.

pub mod json;
pub mod text;

use crate::source::{Node, Span};
use crate::spec::apex_type::{ApexType, ApexTypes, is_class, media_schema};
use crate::spec::{Operation, Spec, apex_name};
use serde::Serialize;

/// The Apex namespace of AppLink-published services.
pub const NAMESPACE: &str = "HerokuAppLink";

/// The type shown for an inline (anonymous) object schema whose class name no source documents
/// (in a parameter or a callback body, or of an operation without `operationId`).
pub const INLINE_OBJECT: &str = "<inline object>";

/// The field that holds `additionalProperties` in a generated class.
pub const MAP_FIELD: &str = "properties";

/// Deepest `allOf` nesting followed when merging properties.
const MAX_DEPTH: usize = crate::spec::apex_type::MAX_TYPE_DEPTH;

#[derive(Debug, Serialize)]
pub struct Surface {
    /// `--client-name` as given.
    pub client: String,
    /// `HerokuAppLink.<Client>`.
    pub service_class: String,
    pub methods: Vec<Method>,
    pub schema_classes: Vec<SchemaClass>,
    pub actions: Vec<Action>,
    pub collisions: Vec<Collision>,
    /// Operations External Services do not generate (`head`, `options`, `trace`: AL200),
    /// as `HEAD /pets`.
    pub unsupported: Vec<String>,
}

/// One operation as an Apex method of the service class.
#[derive(Debug, Serialize)]
pub struct Method {
    /// `POST /api/generatequote`.
    pub operation: String,
    pub operation_id: Option<String>,
    /// The encoded method name; `None` when the operation has no `operationId` (External
    /// Services derive one from method and path, by an undocumented rule: AL203).
    pub name: Option<String>,
    /// `HerokuAppLink.<Client>.<name>_Request`; `None` when the operation takes no input (the
    /// method then has no argument). Likewise `_Response` and `_ResponseException`.
    pub request_class: Option<String>,
    pub response_class: Option<String>,
    pub exception_class: Option<String>,
    pub request_fields: Vec<Field>,
    /// Fields of `_Response`: the 2xx status codes.
    pub response_fields: Vec<ResponseField>,
    /// Fields of `_ResponseException`: the other status codes, then `defaultResponse` and
    /// `responseCode`, which every exception has.
    pub exception_fields: Vec<ResponseField>,
    /// The operation declares `callbacks`: an asynchronous operation, Apex only (not Flow). The
    /// method then also takes a `<name>_Callback` handler and a `Datetime` timeout.
    pub asynchronous: bool,
    /// `HerokuAppLink.<Client>.<name>_Callback`, the class to extend to receive the callbacks.
    pub callback_class: Option<String>,
    pub callbacks: Vec<Callback>,
    /// The status keys the spec declares, in order (the invocable action's outputs).
    #[serde(skip)]
    statuses: Vec<String>,
    /// The method key (`post:`) in the spec.
    #[serde(skip)]
    pub span: Span,
    /// Whether the operation publishes an agent action.
    #[serde(skip)]
    pub agent: bool,
}

/// One entry of an operation's `callbacks`: a method of `<name>_Callback` to override.
#[derive(Debug, Serialize)]
pub struct Callback {
    /// The key under `callbacks`.
    pub name: String,
    /// The method to override: the encoded callback name.
    pub method: String,
    /// `HerokuAppLink.<Client>.<name>_<callback>_Callback`: the method receives a list of them.
    pub item_class: Option<String>,
    /// The Apex type of `response.body`: the body the app posts to the callback URL.
    pub body_type: Option<String>,
    /// The key under `callbacks`.
    #[serde(skip)]
    pub span: Span,
}

/// A field of a generated class: a request parameter, the request body, or a schema property.
#[derive(Debug, Serialize)]
pub struct Field {
    /// The Apex name.
    pub name: String,
    /// The name in the spec and on the wire (for the request body: `body`).
    pub wire_name: String,
    pub apex_type: String,
    /// `path`, `query`, `header`, `cookie`, `body`, `property` or `additionalProperties`.
    pub source: &'static str,
    pub required: bool,
    /// Where the spec writes it: the parameter, the request body, the property's key.
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct ResponseField {
    /// The key under `responses`: `200`, `404`, `default`, `2XX`; `None` for the members every
    /// exception has (`defaultResponse` when no `default` is declared, `responseCode`).
    pub status: Option<String>,
    /// `Code200`, `defaultResponse`, `responseCode`; `None` for range keys (`2XX`), whose Apex
    /// names are not documented.
    pub name: Option<String>,
    /// The body's Apex type; `None` when the response declares no content.
    pub apex_type: Option<String>,
    /// The status key; empty for the members every exception has.
    #[serde(skip)]
    pub span: Span,
}

/// `components.schemas.<Schema>` (an object schema) as `HerokuAppLink.<Client>_<Schema>`, or an
/// inline object schema as the class named after its place (`…_IN_body`, `…_OUT_200`, `…_<property>`).
#[derive(Debug, Serialize)]
pub struct SchemaClass {
    /// The component schema's name; `None` for an inline schema.
    pub schema: Option<String>,
    /// Where the schema is written: `#/components/schemas/Quote`.
    pub pointer: String,
    pub class: String,
    pub properties: Vec<Field>,
    /// The component's key, or the inline schema.
    #[serde(skip)]
    pub span: Span,
}

/// The invocable action of one operation (Flow's Action element; Agentforce for agent ops).
#[derive(Debug, Serialize)]
pub struct Action {
    /// `<Client>.<method>`; `None` when the method name is unknown.
    pub name: Option<String>,
    pub operation: String,
    /// Shown in Flow Builder (asynchronous operations are Apex only).
    pub flow: bool,
    /// `publishAsAgentAction: true`: also an Agentforce agent action.
    pub agent: bool,
    pub inputs: Vec<String>,
    pub outputs: Vec<String>,
}

/// Names that become one Apex identifier (Apex identifiers are case-insensitive).
#[derive(Debug, Serialize)]
pub struct Collision {
    /// The rule that reports this collision in `check`: AL202 (operations), AL504 (properties),
    /// AL512 (schema classes), AL311 (request fields); `None` for a property that meets the
    /// `additionalProperties` map field.
    pub rule: Option<crate::rules::RuleId>,
    /// `operation`, `schema class`, `property`, `request field`.
    pub kind: &'static str,
    /// Where: the service class, a schema class or a request class.
    pub scope: String,
    /// The colliding names as written in the spec, each with what it is.
    pub names: Vec<CollidingName>,
}

#[derive(Debug, Serialize)]
pub struct CollidingName {
    pub wire_name: String,
    pub apex_name: String,
    /// `POST /a` for operations; the parameter location for request fields.
    pub at: String,
}

/// Builds the surface of a loaded spec for `client`.
pub fn surface(spec: &Spec<'_>, client: &str) -> Surface {
    let builder = Builder {
        spec,
        client,
        types: ApexTypes::new(spec, client),
    };
    let (supported, unsupported): (Vec<&Operation<'_>>, Vec<&Operation<'_>>) = spec
        .operations
        .iter()
        .partition(|op| SUPPORTED_METHODS.contains(&op.method));
    let methods: Vec<Method> = supported.iter().map(|op| builder.method(op)).collect();
    let schema_classes = builder.schema_classes(&supported);
    let actions = methods
        .iter()
        .zip(&supported)
        .map(|(m, op)| Action {
            name: m.name.as_ref().map(|n| format!("{client}.{n}")),
            operation: m.operation.clone(),
            flow: !m.asynchronous,
            agent: op.agent,
            inputs: m.request_fields.iter().map(|f| f.name.clone()).collect(),
            outputs: action_outputs(m),
        })
        .collect();
    let collisions = builder.collisions(&methods, &schema_classes);
    Surface {
        client: client.to_string(),
        service_class: format!("{NAMESPACE}.{client}"),
        methods,
        schema_classes,
        actions,
        collisions,
        unsupported: unsupported.iter().map(|op| op.label()).collect(),
    }
}

/// "You can use the GET, PATCH, PUT, POST, and DELETE methods in a schema" (*Schema Definitions*).
const SUPPORTED_METHODS: [&str; 5] = ["get", "put", "post", "patch", "delete"];

struct Builder<'s, 'a> {
    spec: &'s Spec<'a>,
    client: &'s str,
    types: ApexTypes<'s, 'a>,
}

impl<'a> Builder<'_, 'a> {
    fn method(&self, op: &Operation<'a>) -> Method {
        let operation_id = op.operation_id().map(str::to_owned);
        let name = operation_id.as_deref().map(apex_name::encode);
        let class = |suffix: &str| {
            name.as_ref()
                .map(|n| format!("{NAMESPACE}.{}.{n}_{suffix}", self.client))
        };
        let mut request_fields = Vec::new();
        for (_, param) in self.spec.parameters(op) {
            let Some(wire) = param.get("name").and_then(Node::as_str) else {
                continue;
            };
            let location = match param.get("in").and_then(Node::as_str) {
                Some("path") => "path",
                Some("query") => "query",
                Some("header") => "header",
                Some("cookie") => "cookie",
                _ => continue,
            };
            let schema = param.get("schema").or_else(|| media_schema(param));
            request_fields.push(Field {
                name: apex_name::encode(wire),
                wire_name: wire.to_string(),
                apex_type: schema.map_or_else(|| "Object".to_string(), |s| self.apex_type(s, None)),
                source: location,
                required: param.get("required").and_then(Node::as_bool) == Some(true),
                span: param.span,
            });
        }
        if let Some(entry) = op.node.entry("requestBody") {
            let body = self.spec.deref(&entry.value);
            let inline = operation_id.as_deref().map(|id| self.types.request_body_class(id));
            request_fields.push(Field {
                name: "body".to_string(),
                wire_name: "body".to_string(),
                apex_type: media_schema(body)
                    .map_or_else(|| "Object".to_string(), |s| self.apex_type(s, inline.as_deref())),
                source: "body",
                required: body.get("required").and_then(Node::as_bool) == Some(true),
                span: entry.key_span,
            });
        }
        let mut response_fields = Vec::new();
        let mut exception_fields = Vec::new();
        let mut statuses = Vec::new();
        let mut default_response = None;
        for entry in op.node.get("responses").map(Node::entries).unwrap_or_default() {
            let status = entry.key.to_string();
            statuses.push(status.clone());
            let numeric = status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit());
            let response = self.spec.deref(&entry.value);
            let inline = operation_id
                .as_deref()
                .and_then(|id| self.types.response_class(id, &status));
            let apex_type = media_schema(response).map(|s| self.apex_type(s, inline.as_deref()));
            if status == "default" {
                default_response = Some((apex_type, entry.key_span));
                continue;
            }
            let success = (numeric && status.starts_with('2')) || status.eq_ignore_ascii_case("2XX");
            let field = ResponseField {
                name: numeric.then(|| format!("Code{status}")),
                apex_type,
                status: Some(status),
                span: entry.key_span,
            };
            if success {
                response_fields.push(field);
            } else {
                exception_fields.push(field);
            }
        }
        // Observed on every `_ResponseException`: `defaultResponse` (the body of any other
        // status, as text) and `responseCode`.
        exception_fields.push(ResponseField {
            status: default_response.as_ref().map(|_| "default".to_string()),
            name: Some("defaultResponse".to_string()),
            span: default_response.as_ref().map_or(Span::empty(0), |(_, span)| *span),
            apex_type: Some(
                default_response
                    .and_then(|(ty, _)| ty)
                    .unwrap_or_else(|| "String".to_string()),
            ),
        });
        exception_fields.push(ResponseField {
            status: None,
            name: Some("responseCode".to_string()),
            apex_type: Some("Integer".to_string()),
            span: Span::empty(0),
        });
        let callbacks = self.callbacks(op, name.as_deref());
        let asynchronous = !callbacks.is_empty();
        Method {
            operation: op.label(),
            // Observed: an operation without parameters or body is called with no argument
            // (`service.datacreate()`), so there is no request class to build.
            request_class: if request_fields.is_empty() {
                None
            } else {
                class("Request")
            },
            response_class: class("Response"),
            exception_class: class("ResponseException"),
            callback_class: if asynchronous { class("Callback") } else { None },
            operation_id,
            name,
            request_fields,
            response_fields,
            exception_fields,
            asynchronous,
            callbacks,
            statuses,
            span: op.method_entry.key_span,
            agent: op.agent,
        }
    }

    /// `callbacks.<name>.<expression>.<post|put>`: only the first expression and its first
    /// operation are processed (Salesforce Help, *Callouts and Callbacks*; AL602).
    fn callbacks(&self, op: &Operation<'a>, method: Option<&str>) -> Vec<Callback> {
        let mut out = Vec::new();
        for entry in op.node.get("callbacks").map(Node::entries).unwrap_or_default() {
            let callback = self.spec.deref(&entry.value);
            let body_type = callback
                .entries()
                .first()
                .map(|expression| self.spec.deref(&expression.value))
                .and_then(|item| {
                    item.entries()
                        .iter()
                        .find(|m| matches!(&*m.key, "post" | "put"))
                        .map(|m| &m.value)
                })
                .and_then(|cb_op| cb_op.get("requestBody"))
                .map(|body| self.spec.deref(body))
                .and_then(media_schema)
                .map(|schema| self.apex_type(schema, None));
            let encoded = apex_name::encode(&entry.key);
            out.push(Callback {
                name: entry.key.to_string(),
                item_class: method.map(|m| format!("{NAMESPACE}.{}.{m}_{encoded}_Callback", self.client)),
                method: encoded,
                body_type,
                span: entry.key_span,
            });
        }
        out
    }

    /// The component schemas that are classes, then the inline classes: those of each
    /// operation's request body and responses, and those nested in component classes.
    fn schema_classes(&self, operations: &[&Operation<'a>]) -> Vec<SchemaClass> {
        let mut out = Vec::new();
        let mut inline: Vec<(String, &'a Node)> = Vec::new();
        for e in self
            .spec
            .root
            .path(&["components", "schemas"])
            .map(Node::entries)
            .unwrap_or_default()
        {
            if !is_class(&e.value) {
                continue;
            }
            let class = self.types.component_class(&e.key);
            self.types.walk_properties(&e.value, &class, &mut inline, 0);
            out.push(SchemaClass {
                schema: Some(e.key.to_string()),
                pointer: format!("#{}", self.spec.root.pointer_to(e.value.span)),
                class: self.qualified(&class),
                properties: self.properties(&e.value, &class),
                span: e.key_span,
            });
        }
        for op in operations {
            let Some(id) = op.operation_id() else { continue };
            if let Some(schema) = op
                .node
                .get("requestBody")
                .map(|b| self.spec.deref(b))
                .and_then(media_schema)
            {
                self.types
                    .inline_classes(schema, &self.types.request_body_class(id), &mut inline);
            }
            for entry in op.node.get("responses").map(Node::entries).unwrap_or_default() {
                let response = self.spec.deref(&entry.value);
                if let (Some(schema), Some(name)) = (media_schema(response), self.types.response_class(id, &entry.key))
                {
                    self.types.inline_classes(schema, &name, &mut inline);
                }
            }
        }
        for (class, node) in inline {
            out.push(SchemaClass {
                schema: None,
                pointer: format!("#{}", self.spec.root.pointer_to(node.span)),
                class: self.qualified(&class),
                properties: self.properties(node, &class),
                span: node.span,
            });
        }
        out
    }

    /// `HerokuAppLink.<class>`.
    fn qualified(&self, class: &str) -> String {
        format!("{NAMESPACE}.{class}")
    }

    /// The properties of class `class`, with those of its `allOf` members after its own.
    fn properties(&self, node: &'a Node, class: &str) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        self.collect_properties(node, class, &mut out, 0, &mut Vec::new());
        out
    }

    /// `seen` holds the schemas already merged into this class: a schema that composes itself
    /// (`allOf: [$ref Self, $ref Self]`) would otherwise be walked exponentially often.
    fn collect_properties(
        &self,
        node: &'a Node,
        class: &str,
        out: &mut Vec<Field>,
        depth: usize,
        seen: &mut Vec<*const Node>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let node = self.spec.deref(node);
        if seen.contains(&(node as *const Node)) {
            return;
        }
        seen.push(node);
        let required: Vec<&str> = node
            .get("required")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str)
            .collect();
        for prop in node.get("properties").map(Node::entries).unwrap_or_default() {
            if out.iter().any(|f| f.wire_name == *prop.key) {
                continue;
            }
            let inline = ApexTypes::property_class(class, &prop.key);
            out.push(Field {
                name: apex_name::encode(&prop.key),
                wire_name: prop.key.to_string(),
                apex_type: self.apex_type(&prop.value, Some(&inline)),
                source: "property",
                required: required.contains(&&*prop.key),
                span: prop.key_span,
            });
        }
        for member in node.get("allOf").map(Node::items).unwrap_or_default() {
            self.collect_properties(member, class, out, depth + 1, seen);
        }
        // Documented: `additionalProperties` become one Map field named `properties`.
        if let Some(value_type) = self.additional_properties(node)
            && !out.iter().any(|f| f.source == "additionalProperties")
        {
            out.push(Field {
                name: MAP_FIELD.to_string(),
                wire_name: "additionalProperties".to_string(),
                apex_type: format!("Map<String, {value_type}>"),
                source: "additionalProperties",
                required: false,
                span: node.entry("additionalProperties").map_or(node.span, |e| e.key_span),
            });
        }
    }

    /// The value type of `additionalProperties` (a schema, or `true` for any value).
    fn additional_properties(&self, node: &'a Node) -> Option<String> {
        match node.get("additionalProperties")? {
            value if value.is_map() => Some(self.apex_type(value, None)),
            value if value.as_bool() == Some(true) => Some("Object".to_string()),
            _ => None,
        }
    }

    /// The Apex type External Services give a schema standing where an inline object is named
    /// `inline` (`None`: no documented name).
    fn apex_type(&self, node: &'a Node, inline: Option<&str>) -> String {
        render(&self.types.of(node, inline))
    }

    fn collisions(&self, methods: &[Method], classes: &[SchemaClass]) -> Vec<Collision> {
        let mut out = Vec::new();
        let ids: Vec<(&str, &str)> = methods
            .iter()
            .filter_map(|m| Some((m.operation_id.as_deref()?, m.operation.as_str())))
            .collect();
        for group in apex_name::collisions(ids.iter().map(|(id, _)| *id)) {
            out.push(Collision {
                rule: Some(crate::rules::operations::AL202.id),
                kind: "operation",
                scope: format!("{NAMESPACE}.{}", self.client),
                names: named(&group, |name| {
                    ids.iter()
                        .filter(|(id, _)| *id == name)
                        .map(|(_, at)| at.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                }),
            });
        }
        for group in apex_name::collisions(classes.iter().filter_map(|c| c.schema.as_deref())) {
            out.push(Collision {
                rule: Some(crate::rules::schemas::AL512.id),
                kind: "schema class",
                scope: NAMESPACE.to_string(),
                names: named(&group, |name| format!("#/components/schemas/{name}")),
            });
        }
        for class in classes {
            let properties = class.properties.iter().filter(|f| f.source == "property");
            for group in apex_name::collisions(properties.map(|f| f.wire_name.as_str())) {
                out.push(Collision {
                    rule: Some(crate::rules::schemas::AL504.id),
                    kind: "property",
                    scope: class.class.clone(),
                    names: named(&group, |_| "property".to_string()),
                });
            }
            // A property that becomes `properties` meets the additionalProperties map field.
            if class.properties.iter().any(|f| f.source == "additionalProperties") {
                for f in class.properties.iter().filter(|f| f.source == "property") {
                    if apex_name::collision_key(&f.wire_name) == MAP_FIELD {
                        out.push(Collision {
                            rule: None,
                            kind: "property",
                            scope: class.class.clone(),
                            names: vec![
                                CollidingName {
                                    wire_name: f.wire_name.clone(),
                                    apex_name: f.name.clone(),
                                    at: "property".to_string(),
                                },
                                CollidingName {
                                    wire_name: "additionalProperties".to_string(),
                                    apex_name: MAP_FIELD.to_string(),
                                    at: "additionalProperties map".to_string(),
                                },
                            ],
                        });
                    }
                }
            }
        }
        for method in methods {
            let Some(class) = &method.request_class else { continue };
            // Parameters are told apart by location on the wire, not in Apex.
            for group in apex_name::collisions(method.request_fields.iter().map(|f| f.wire_name.as_str())) {
                let mut names = Vec::new();
                for name in &group {
                    for field in method.request_fields.iter().filter(|f| f.wire_name == *name) {
                        if names
                            .iter()
                            .any(|n: &CollidingName| n.wire_name == *name && n.at == field.source)
                        {
                            continue;
                        }
                        names.push(CollidingName {
                            wire_name: name.to_string(),
                            apex_name: field.name.clone(),
                            at: field.source.to_string(),
                        });
                    }
                }
                out.push(Collision {
                    rule: Some(crate::rules::parameters::AL311.id),
                    kind: "request field",
                    scope: class.clone(),
                    names,
                });
            }
        }
        out
    }
}

/// The outputs of an invocable action (Salesforce Help, *Operation Output Parameters*): one per
/// declared status code or `default`, named by it; `default` (a String) when none is declared;
/// always `responseCode`.
fn action_outputs(m: &Method) -> Vec<String> {
    let mut out: Vec<String> = m.statuses.clone();
    if out.is_empty() {
        out.push("default".to_string());
    }
    out.push("responseCode".to_string());
    out
}

fn named(group: &[&str], at: impl Fn(&str) -> String) -> Vec<CollidingName> {
    let mut out: Vec<CollidingName> = Vec::new();
    for name in group {
        if out.iter().any(|n| n.wire_name == *name) {
            continue;
        }
        out.push(CollidingName {
            wire_name: name.to_string(),
            apex_name: apex_name::encode(name),
            at: at(name),
        });
    }
    out
}

/// An Apex type as `apex` shows it: classes in the `HerokuAppLink` namespace.
fn render(ty: &ApexType) -> String {
    ty.render(&|class| format!("{NAMESPACE}.{class}"), INLINE_OBJECT)
}
