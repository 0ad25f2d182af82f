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

mod classes;
mod collisions;
pub mod json;
mod methods;
pub mod text;

use crate::source::{Node, Span};
use crate::spec::apex_type::{ApexType, ApexTypes};
use crate::spec::{Operation, Spec};
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
    /// `HerokuAppLink.<class>`.
    fn qualified(&self, class: &str) -> String {
        format!("{NAMESPACE}.{class}")
    }

    /// The Apex type External Services give a schema standing where an inline object is named
    /// `inline` (`None`: no documented name).
    fn apex_type(&self, node: &'a Node, inline: Option<&str>) -> String {
        render(&self.types.of(node, inline))
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

/// An Apex type as `apex` shows it: classes in the `HerokuAppLink` namespace.
fn render(ty: &ApexType) -> String {
    ty.render(&|class| format!("{NAMESPACE}.{class}"), INLINE_OBJECT)
}
