//! Stage 2 — a typed view of the document for the rules and the publication.
//!
//! [`Spec`] indexes, in one walk, what most rules need: the operations (with their agent flag),
//! every `$ref`, and every schema site. It never copies the tree; everything borrows from it.
//! `$ref` resolution is lazy and local-only (`#/…`), as publishing uploads a single file.

pub mod apex_name;
pub mod apex_type;
pub mod references;
pub mod xsfdc;

pub use references::Reference;

use crate::source::{Entry, Node, Value};
use rustc_hash::FxHashMap;
use std::sync::{Mutex, OnceLock};

/// The longest `$ref` chain followed (`A` → `B` → … → the schema). `apex`, `build` and the rules
/// all stop here; AL006 reports a longer chain, so a result never changes silently past it.
pub const MAX_REF_HOPS: usize = 32;

/// HTTP methods that OpenAPI 3.0 allows as path-item keys.
pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// One operation: `paths['/pets'].post`.
#[derive(Debug)]
pub struct Operation<'a> {
    /// The path template, `/pets/{id}`.
    pub path: &'a str,
    /// The entry of the path under `paths` (its key span is where the path is written).
    pub path_entry: &'a Entry,
    /// The path item after resolving a `$ref` on it.
    pub path_item: &'a Node,
    /// The method entry (`post:`); its key span is where a finding about the whole
    /// operation points.
    pub method_entry: &'a Entry,
    pub method: &'a str,
    pub node: &'a Node,
    /// `x-sfdc.agent.action.publishAsAgentAction: true` (boolean true only).
    pub agent: bool,
}

impl<'a> Operation<'a> {
    pub fn operation_id(&self) -> Option<&'a str> {
        self.node.get("operationId").and_then(Node::as_str)
    }

    /// `POST /pets`, for messages.
    pub fn label(&self) -> String {
        format!("{} {}", self.method.to_ascii_uppercase(), self.path)
    }
}

/// Where a schema sits, for rules that treat inputs and outputs differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaRole {
    /// `components.schemas.X` (and below).
    Component,
    /// A parameter's `schema` (and below).
    Parameter,
    /// A request body's media type `schema` (and below).
    Request,
    /// A response's media type `schema` (and below).
    Response,
    /// A Header Object's `schema` or `content` schema: response headers, `components.headers`,
    /// `encoding.<property>.headers` (and below). External Services drop response headers, so
    /// these schemas become no Apex type, but the spec must still be valid there.
    Header,
    /// Anything else reached by the walk (component request bodies, callbacks…).
    Other,
}

/// One schema object written in the document (a `$ref` is not a site: its target is).
#[derive(Clone, Copy, Debug)]
pub struct SchemaSite<'a> {
    pub node: &'a Node,
    /// Index into [`Spec::operations`] when the schema is written inside an operation.
    pub op: Option<usize>,
    pub role: SchemaRole,
    /// The property name when this schema is `properties.<name>` of its parent.
    pub property: Option<&'a Entry>,
}

pub struct Spec<'a> {
    pub root: &'a Node,
    pub operations: Vec<Operation<'a>>,
    schema_sites: OnceLock<Vec<SchemaSite<'a>>>,
    refs: OnceLock<Vec<&'a Node>>,
    references: OnceLock<Vec<Reference<'a>>>,
    /// Local references resolved so far: rules resolve the same few hundred strings thousands
    /// of times, and each resolution searches mapping keys one by one.
    /// Behind a lock: the rules run in parallel ([`crate::rules::run_configured`]).
    resolved: Mutex<FxHashMap<Box<str>, Option<&'a Node>>>,
}

impl<'a> Spec<'a> {
    pub fn new(root: &'a Node) -> Spec<'a> {
        let mut spec = Spec {
            root,
            operations: Vec::new(),
            schema_sites: OnceLock::new(),
            refs: OnceLock::new(),
            references: OnceLock::new(),
            resolved: Mutex::new(FxHashMap::default()),
        };
        spec.operations = spec.collect_operations();
        spec
    }

    fn collect_operations(&self) -> Vec<Operation<'a>> {
        let mut ops = Vec::new();
        let Some(paths) = self.root.get("paths") else {
            return ops;
        };
        for path_entry in paths.entries() {
            if path_entry.key.starts_with("x-") {
                continue;
            }
            let path_item = self.deref(&path_entry.value);
            for method_entry in path_item.entries() {
                if !METHODS.contains(&&*method_entry.key) {
                    continue;
                }
                let node = &method_entry.value;
                let agent = node
                    .path(&["x-sfdc", "agent", "action", "publishAsAgentAction"])
                    .and_then(Node::as_bool)
                    == Some(true);
                ops.push(Operation {
                    path: &path_entry.key,
                    path_entry,
                    path_item,
                    method_entry,
                    method: &method_entry.key,
                    node,
                    agent,
                });
            }
        }
        ops
    }

    /// The node a local `$ref` (`#/components/schemas/X`) points to.
    pub fn resolve_ref(&self, reference: &str) -> Option<&'a Node> {
        let pointer = reference.strip_prefix('#')?;
        // A rule that panicked while holding the lock left the map consistent.
        let memo = || self.resolved.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&found) = memo().get(reference) {
            return found;
        }
        let found = self.root.at_pointer(&percent_decode(pointer));
        memo().insert(reference.into(), found);
        found
    }

    /// Follows `$ref` chains (at most [`MAX_REF_HOPS`] hops); returns `node` itself when it is
    /// not a reference, and the last node reached when a reference cannot be resolved.
    pub fn deref(&self, node: &'a Node) -> &'a Node {
        let mut current = node;
        for _ in 0..MAX_REF_HOPS {
            match current
                .get("$ref")
                .and_then(Node::as_str)
                .and_then(|r| self.resolve_ref(r))
            {
                Some(target) => current = target,
                None => return current,
            }
        }
        current
    }

    /// The parameters that apply to an operation: path-level ones overridden by operation-level
    /// ones with the same `name` and `in`, each resolved through `$ref`. Each item is the node as
    /// written (possibly a `$ref`) and its resolved target.
    pub fn parameters(&self, op: &Operation<'a>) -> Vec<(&'a Node, &'a Node)> {
        let mut out: Vec<(&'a Node, &'a Node)> = Vec::new();
        let key = |n: &Node| {
            (
                n.get("name").and_then(Node::as_str).map(str::to_owned),
                n.get("in").and_then(Node::as_str).map(str::to_owned),
            )
        };
        for written in op.node.get("parameters").map(Node::items).unwrap_or_default() {
            out.push((written, self.deref(written)));
        }
        for written in op.path_item.get("parameters").map(Node::items).unwrap_or_default() {
            let resolved = self.deref(written);
            if !out
                .iter()
                .any(|(_, r)| key(r) == key(resolved) && key(resolved).0.is_some())
            {
                out.push((written, resolved));
            }
        }
        out
    }

    /// Every mapping in the document that has a `$ref` key.
    pub fn refs(&self) -> &[&'a Node] {
        self.refs.get_or_init(|| {
            let mut out = Vec::new();
            collect_refs(self.root, &mut out);
            out
        })
    }

    /// Every Reference Object (a `$ref` where OpenAPI reads one, not inside `example`, `default`
    /// or `enum` data), in document order, with its local target resolved. Walked once and
    /// shared by the `$ref` rules.
    pub fn references(&self) -> &[Reference<'a>] {
        self.references
            .get_or_init(|| references::collect(self.root, |r| self.resolve_ref(r)))
    }

    /// Every schema object written in the document, each once, in document order within a
    /// section. `$ref`s are not followed, so component schemas are visited under `components`.
    ///
    /// The places a Schema Object can stand in OpenAPI 3.0 (docs/design.md lists them):
    /// `components.schemas`; the `schema` or `content.<media>.schema` of a parameter (operation,
    /// path item, `components.parameters`) and of a header (response `headers`,
    /// `components.headers`, `encoding.<property>.headers`); `content.<media>.schema` of request
    /// bodies and responses (operations, `components.requestBodies`, `components.responses`);
    /// all of these in callback operations (of operations and of `components.callbacks`); and
    /// below each schema, `properties.*`, `items`, `additionalProperties`, `not`, `allOf`,
    /// `anyOf` and `oneOf` members.
    pub fn schema_sites(&self) -> &[SchemaSite<'a>] {
        self.schema_sites.get_or_init(|| {
            let mut walk = SchemaWalk { out: Vec::new() };
            if let Some(schemas) = self.root.path(&["components", "schemas"]) {
                for e in schemas.entries() {
                    walk.schema(&e.value, None, SchemaRole::Component, None);
                }
            }
            if let Some(params) = self.root.path(&["components", "parameters"]) {
                for e in params.entries() {
                    walk.parameter(&e.value, None);
                }
            }
            if let Some(bodies) = self.root.path(&["components", "requestBodies"]) {
                for e in bodies.entries() {
                    walk.content(&e.value, None, SchemaRole::Request);
                }
            }
            if let Some(responses) = self.root.path(&["components", "responses"]) {
                for e in responses.entries() {
                    walk.response(&e.value, None);
                }
            }
            if let Some(headers) = self.root.path(&["components", "headers"]) {
                for e in headers.entries() {
                    walk.header(&e.value, None);
                }
            }
            if let Some(callbacks) = self.root.path(&["components", "callbacks"]) {
                for cb in callbacks.entries() {
                    walk.callback(&cb.value, None, 0);
                }
            }
            for (i, op) in self.operations.iter().enumerate() {
                walk.operation(op.node, Some(i), 0);
            }
            // Path-level parameters belong to no single operation.
            if let Some(paths) = self.root.get("paths") {
                for p in paths.entries() {
                    for param in p.value.get("parameters").map(Node::items).unwrap_or_default() {
                        walk.parameter(param, None);
                    }
                }
            }
            walk.out
        })
    }

    /// The operations whose node is `node` (for rules that start from a node).
    pub fn operation_index(&self, node: &Node) -> Option<usize> {
        self.operations.iter().position(|op| std::ptr::eq(op.node, node))
    }
}

struct SchemaWalk<'a> {
    out: Vec<SchemaSite<'a>>,
}

impl<'a> SchemaWalk<'a> {
    fn operation(&mut self, op: &'a Node, index: Option<usize>, depth: usize) {
        for param in op.get("parameters").map(Node::items).unwrap_or_default() {
            self.parameter(param, index);
        }
        if let Some(body) = op.get("requestBody") {
            self.content(body, index, SchemaRole::Request);
        }
        if let Some(responses) = op.get("responses") {
            for r in responses.entries() {
                self.response(&r.value, index);
            }
        }
        if let Some(callbacks) = op.get("callbacks") {
            for cb in callbacks.entries() {
                self.callback(&cb.value, index, depth);
            }
        }
    }

    /// A Callback Object: `<expression>.<method>` operations, their schemas with the role
    /// `Other`. Nested callbacks are followed four deep.
    fn callback(&mut self, callback: &'a Node, index: Option<usize>, depth: usize) {
        if depth >= 4 {
            return;
        }
        for expr in callback.entries() {
            for method in expr.value.entries() {
                if METHODS.contains(&&*method.key) {
                    let mut inner = SchemaWalk { out: Vec::new() };
                    inner.operation(&method.value, index, depth + 1);
                    self.out.extend(inner.out.into_iter().map(|mut s| {
                        s.role = SchemaRole::Other;
                        s
                    }));
                }
            }
        }
    }

    /// A Response Object: its `content` and its `headers`.
    fn response(&mut self, response: &'a Node, op: Option<usize>) {
        self.content(response, op, SchemaRole::Response);
        self.headers(response, op);
    }

    /// `headers.<name>` of a response or of an encoding.
    fn headers(&mut self, holder: &'a Node, op: Option<usize>) {
        for header in holder.get("headers").map(Node::entries).unwrap_or_default() {
            self.header(&header.value, op);
        }
    }

    /// A Header Object holds a `schema`, or a `content` map, as a parameter does.
    fn header(&mut self, header: &'a Node, op: Option<usize>) {
        if let Some(schema) = header.get("schema") {
            self.schema(schema, op, SchemaRole::Header, None);
        }
        self.content(header, op, SchemaRole::Header);
    }

    fn parameter(&mut self, param: &'a Node, op: Option<usize>) {
        if let Some(schema) = param.get("schema") {
            self.schema(schema, op, SchemaRole::Parameter, None);
        }
        self.content(param, op, SchemaRole::Parameter);
    }

    /// `content.<media>.schema` of a request body, response, parameter or header, and the
    /// headers of each `content.<media>.encoding.<property>`.
    fn content(&mut self, holder: &'a Node, op: Option<usize>, role: SchemaRole) {
        if let Some(content) = holder.get("content") {
            for media in content.entries() {
                if let Some(schema) = media.value.get("schema") {
                    self.schema(schema, op, role, None);
                }
                for encoding in media.value.get("encoding").map(Node::entries).unwrap_or_default() {
                    self.headers(&encoding.value, op);
                }
            }
        }
    }

    fn schema(&mut self, node: &'a Node, op: Option<usize>, role: SchemaRole, property: Option<&'a Entry>) {
        if !node.is_map() || node.get("$ref").is_some() {
            return;
        }
        self.out.push(SchemaSite {
            node,
            op,
            role,
            property,
        });
        for entry in node.entries() {
            match &*entry.key {
                "properties" => {
                    for prop in entry.value.entries() {
                        self.schema(&prop.value, op, role, Some(prop));
                    }
                }
                "items" | "additionalProperties" | "not" => self.schema(&entry.value, op, role, None),
                "allOf" | "anyOf" | "oneOf" => {
                    for member in entry.value.items() {
                        self.schema(member, op, role, None);
                    }
                }
                _ => {}
            }
        }
    }
}

fn collect_refs<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    match &node.value {
        Value::Map(entries) => {
            if entries.iter().any(|e| &*e.key == "$ref") {
                out.push(node);
            }
            for e in entries {
                collect_refs(&e.value, out);
            }
        }
        Value::Seq(items) => items.iter().for_each(|n| collect_refs(n, out)),
        _ => {}
    }
}

/// `$ref` values are URI fragments: `%7B` and friends are percent-encoded.
fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned().into()
}
