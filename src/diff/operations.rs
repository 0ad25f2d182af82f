//! Operations: inputs, responses, callbacks, agent actions, and the topic.

use super::{At, Differ};
use crate::apex::{Field, Method, ResponseField, Surface};
use crate::diagnostics::Severity;
use crate::rules::diff::*;
use crate::source::{Node, Span};
use crate::spec::{Spec, apex_name, xsfdc};
use std::collections::{BTreeSet, HashMap, HashSet};

impl<'a> Differ<'_, 'a> {
    // ---- operations ----------------------------------------------------------------------

    /// Matches the operations of OLD and NEW and reports those kept, renamed, removed and added.
    pub(super) fn operations(&mut self, a: &Surface, b: &Surface) {
        let mut matched: BTreeSet<usize> = BTreeSet::new();
        let old_keys: HashSet<String> = a.methods.iter().map(op_key).collect();
        let mut new_keys: HashMap<String, usize> = HashMap::new();
        for (i, n) in b.methods.iter().enumerate() {
            new_keys.entry(op_key(n)).or_insert(i);
        }
        let unmatched_new: Vec<bool> = b.methods.iter().map(|n| !old_keys.contains(&op_key(n))).collect();
        for m in &a.methods {
            let key = op_key(m);
            if let Some(&i) = new_keys.get(&key) {
                matched.insert(i);
                self.kept_operation(m, &b.methods[i]);
                continue;
            }
            // Same method and path under another operationId: a rename.
            if let Some((i, n)) = b
                .methods
                .iter()
                .enumerate()
                .find(|(i, n)| unmatched_new[*i] && !matched.contains(i) && n.operation == m.operation)
            {
                matched.insert(i);
                self.renamed_operation(m, n);
                continue;
            }
            self.removed_operation(m);
        }
        for (i, n) in b.methods.iter().enumerate() {
            if matched.contains(&i) {
                continue;
            }
            self.report(
                &ALD12,
                Severity::Info,
                At::New,
                n.span,
                format!("operation {} ({}) is added", op_name(n), n.operation),
                "compatible: adding operations is supported".to_string(),
            );
        }
    }

    /// An operation both have: a change of the operationId's case, then what changed inside it.
    fn kept_operation(&mut self, m: &Method, n: &Method) {
        if m.operation_id != n.operation_id {
            let (was, now) = (
                m.operation_id.as_deref().unwrap_or_default(),
                n.operation_id.as_deref().unwrap_or_default(),
            );
            self.report(
                &ALD02,
                Severity::Info,
                At::New,
                id_span(self.new_spec, n),
                format!("operationId `{was}` is now `{now}`: a change of case only"),
                "compatible: Salesforce supports changing the casing of an operation, and Apex names ignore case"
                    .to_string(),
            );
        }
        self.operation(m, n);
    }

    /// Reports an operation of OLD found in NEW under another operationId.
    fn renamed_operation(&mut self, m: &Method, n: &Method) {
        let was = m.operation_id.as_deref().unwrap_or("(none)");
        let now = n.operation_id.as_deref().unwrap_or("(none)");
        self.report(
            &ALD02,
            Severity::Error,
            At::New,
            id_span(self.new_spec, n),
            format!(
                "{}: operationId `{was}` is renamed `{now}`, which renames its Apex method, classes and actions",
                n.operation
            ),
            format!(
                "Salesforce treats a rename as deleting the active operation `{was}`; keep the old operationId (was at {})",
                self.old_place(m.span)
            ),
        );
    }

    /// Reports an operation of OLD that NEW has not, and remembers it as removed.
    fn removed_operation(&mut self, m: &Method) {
        let name = op_name(m);
        self.removed_ops.insert(name.clone());
        self.report(
            &ALD01,
            Severity::Error,
            At::Old,
            m.span,
            format!("operation {name} ({}) is removed", m.operation),
            format!(
                "Salesforce refuses deleting an active operation: deactivate {name} in Setup before republishing, or keep the operation and mark it deprecated"
            ),
        );
    }

    fn operation(&mut self, m: &Method, n: &Method) {
        let name = op_name(n);
        self.inputs(m, n, &name);
        self.responses(m, n, &name);
        self.callbacks(m, n, &name);
        self.agent(m, n, &name);
        let (old_op, new_op) = (op_node(self.old_spec, m), op_node(self.new_spec, n));
        if let (Some(o), Some(p)) = (old_op, new_op) {
            let auth = |node: &'a Node| {
                let at = node.path(&["x-sfdc", "heroku", "authorization"]);
                ["connectedApp", "externalClientApp", "permissionSet"]
                    .into_iter()
                    .filter_map(|k| Some(format!("{k} `{}`", at?.get(k)?.as_str()?)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (was, now) = (auth(o), auth(p));
            if was != now {
                let span = p
                    .path(&["x-sfdc", "heroku"])
                    .and_then(|h| h.entry("authorization"))
                    .map_or(n.span, |e| e.key_span);
                let shown = |s: &str| {
                    if s.is_empty() {
                        "none".to_string()
                    } else {
                        s.to_string()
                    }
                };
                self.report(
                    &ALD12,
                    Severity::Info,
                    At::New,
                    span,
                    format!("the user-plus authorization of {name} changes: {} → {}", shown(&was), shown(&now)),
                    "publish creates what the new names need with the --authorization-… flags; components of the old names stay in the org until you delete them".to_string(),
                );
            }
            for key in ["summary", "description"] {
                let (was, now) = (o.get(key).and_then(Node::as_str), p.get(key).and_then(Node::as_str));
                if was != now {
                    let span = p.entry(key).map_or(n.span, |e| e.key_span);
                    let change = match (was, now) {
                        (None, _) => "is added",
                        (_, None) => "is removed",
                        _ => "changed",
                    };
                    self.report(
                        &ALD12,
                        Severity::Info,
                        At::New,
                        span,
                        format!("the {key} of {name} {change}"),
                        "compatible: changing a description is supported; Flow and Agent Builder show the new text"
                            .to_string(),
                    );
                }
            }
        }
    }

    fn inputs(&mut self, m: &Method, n: &Method, name: &str) {
        for f in &m.request_fields {
            match find_field(&n.request_fields, f) {
                None => {
                    let what = describe(f);
                    let (severity, help) = if f.required {
                        (
                            Severity::Error,
                            format!(
                                "Salesforce refuses deleting a required parameter of an active operation: keep it, or deactivate {name} before republishing"
                            ),
                        )
                    } else {
                        (
                            Severity::Warning,
                            "accepted, but callers that set it break: keep it and ignore it in the app".to_string(),
                        )
                    };
                    let kind = if f.required { "required" } else { "optional" };
                    self.report(
                        &ALD03,
                        severity,
                        At::Old,
                        f.span,
                        format!("{kind} {what} of {name} is removed"),
                        help,
                    );
                }
                Some(g) => {
                    if !f.required && g.required {
                        self.report(
                            &ALD04,
                            Severity::Error,
                            At::New,
                            g.span,
                            format!("{} of {name} is now required", describe(g)),
                            format!(
                                "existing callers do not pass it; keep it optional (was optional at {})",
                                self.old_place(f.span)
                            ),
                        );
                    }
                    self.types(
                        &f.apex_type,
                        &g.apex_type,
                        g.span,
                        &format!("{} of {name}", describe(g)),
                        f.span,
                    );
                }
            }
        }
        for g in &n.request_fields {
            if find_field(&m.request_fields, g).is_some() {
                continue;
            }
            if g.required {
                self.report(
                    &ALD04,
                    Severity::Error,
                    At::New,
                    g.span,
                    format!("new required {} of {name}", describe(g)),
                    "existing callers do not pass it: add it as optional, with a default the app applies".to_string(),
                );
            } else {
                self.report(
                    &ALD12,
                    Severity::Info,
                    At::New,
                    g.span,
                    format!("optional {} is added to {name}", describe(g)),
                    "compatible: adding optional parameters is supported".to_string(),
                );
            }
        }
    }

    fn responses(&mut self, m: &Method, n: &Method, name: &str) {
        let declared = |f: &&ResponseField| f.status.is_some() && f.span != Span::empty(0);
        let old: Vec<&ResponseField> = m
            .response_fields
            .iter()
            .chain(&m.exception_fields)
            .filter(declared)
            .collect();
        let new: Vec<&ResponseField> = n
            .response_fields
            .iter()
            .chain(&n.exception_fields)
            .filter(declared)
            .collect();
        for f in &old {
            let status = f.status.as_deref().unwrap_or_default();
            match new.iter().find(|g| g.status.as_deref() == Some(status)) {
                None => self.report(
                    &ALD06,
                    Severity::Error,
                    At::Old,
                    f.span,
                    format!("response `{status}` of {name} is removed"),
                    format!(
                        "its member `{}` and the action output `{status}` disappear; keep declaring it",
                        f.name.as_deref().unwrap_or(status)
                    ),
                ),
                Some(g) => match (&f.apex_type, &g.apex_type) {
                    (Some(_), None) => self.report(
                        &ALD06,
                        Severity::Error,
                        At::New,
                        g.span,
                        format!("response `{status}` of {name} no longer has a body"),
                        format!(
                            "callers that read its body break; keep the body (was at {})",
                            self.old_place(f.span)
                        ),
                    ),
                    (Some(was), Some(now)) => {
                        let what = format!("the body of response `{status}` of {name}");
                        self.types(was, now, g.span, &what, f.span);
                    }
                    _ => {}
                },
            }
        }
        for g in &new {
            let status = g.status.as_deref().unwrap_or_default();
            if !old.iter().any(|f| f.status.as_deref() == Some(status)) {
                self.report(
                    &ALD12,
                    Severity::Info,
                    At::New,
                    g.span,
                    format!("response `{status}` is added to {name}"),
                    "compatible: a new output; existing callers ignore it".to_string(),
                );
            }
        }
    }

    fn callbacks(&mut self, m: &Method, n: &Method, name: &str) {
        if m.asynchronous != n.asynchronous {
            let (message, help) = if n.asynchronous {
                (
                    format!("{name} gains callbacks: it becomes asynchronous"),
                    "its Apex method takes a callback handler and its Flow action disappears; add the asynchronous variant as a new operation",
                )
            } else {
                (
                    format!("{name} loses its callbacks: it is no longer asynchronous"),
                    "its Apex method signature changes and callback handlers stop compiling; keep the callbacks",
                )
            };
            self.report(&ALD11, Severity::Error, At::New, n.span, message, help.to_string());
            return;
        }
        for cb in &m.callbacks {
            if !n.callbacks.iter().any(|c| c.method.eq_ignore_ascii_case(&cb.method)) {
                self.report(
                    &ALD11,
                    Severity::Error,
                    At::Old,
                    cb.span,
                    format!("callback `{}` of {name} is removed", cb.name),
                    format!("handler classes that override `{}` stop compiling; keep it", cb.method),
                );
            }
        }
    }

    fn agent(&mut self, m: &Method, n: &Method, name: &str) {
        if m.agent && !n.agent {
            self.report(
                &ALD10,
                Severity::Error,
                At::New,
                n.span,
                format!("{name} no longer publishes an agent action"),
                "agents that use the action break; remove it from the agents first, or keep `publishAsAgentAction: true`".to_string(),
            );
            return;
        }
        if !m.agent && n.agent {
            self.report(
                &ALD12,
                Severity::Info,
                At::New,
                n.span,
                format!("{name} now also publishes an agent action"),
                "compatible: a new agent action".to_string(),
            );
            return;
        }
        if !n.agent {
            return;
        }
        let (Some(o), Some(p)) = (op_node(self.old_spec, m), op_node(self.new_spec, n)) else {
            return;
        };
        let (was, now) = (
            xsfdc::action(o).unwrap_or_default(),
            xsfdc::action(p).unwrap_or_default(),
        );
        for (flag, before, after) in [
            ("isUserInput", was.is_user_input, now.is_user_input),
            ("isDisplayable", was.is_displayable, now.is_displayable),
            ("isPii", was.is_pii, now.is_pii),
        ] {
            if before.unwrap_or(false) != after.unwrap_or(false) {
                self.report(
                    &ALD10,
                    Severity::Warning,
                    At::New,
                    n.span,
                    format!(
                        "agent action {name}: `{flag}` changes from {} to {}",
                        before.unwrap_or(false),
                        after.unwrap_or(false)
                    ),
                    "agents now ask for or show different fields; check the agents' instructions".to_string(),
                );
            }
        }
    }

    pub(super) fn topic(&mut self) {
        let name_of = |root: &'a Node| {
            xsfdc::topic(root).map(|t| {
                let node = t.node.get("name");
                (
                    t.name.unwrap_or_default().to_string(),
                    node.map_or(t.node.span, |n| n.span),
                )
            })
        };
        match (name_of(self.old.root), name_of(self.new.root)) {
            (Some((was, span)), None) => self.report(
                &ALD10,
                Severity::Error,
                At::Old,
                span,
                format!("the agent topic `{was}` is removed"),
                "agents that have the topic lose it and its actions; keep `x-sfdc.agent.topic`".to_string(),
            ),
            (Some((was, old_span)), Some((now, span))) if was != now => self.report(
                &ALD10,
                Severity::Error,
                At::New,
                span,
                format!("the agent topic `{was}` is renamed `{now}`"),
                format!(
                    "a new topic is created and agents keep the old one; keep the name `{was}` (was at {})",
                    self.old_place(old_span)
                ),
            ),
            (None, Some((now, span))) => self.report(
                &ALD12,
                Severity::Info,
                At::New,
                span,
                format!("the agent topic `{now}` is added"),
                "compatible: add it to an agent in Agent Builder".to_string(),
            ),
            _ => {}
        }
    }
}

/// An operation's identity: its encoded operationId, ignoring case; `GET /path` without one.
pub(super) fn op_key(m: &Method) -> String {
    match &m.operation_id {
        Some(id) => apex_name::collision_key(id),
        None => m.operation.clone(),
    }
}

/// The operation of `spec` whose method key is at the span `apex` recorded.
pub(super) fn op_node<'a>(spec: &Spec<'a>, m: &Method) -> Option<&'a Node> {
    spec.operations
        .iter()
        .find(|op| op.method_entry.key_span == m.span)
        .map(|op| op.node)
}

/// The `operationId` value of an operation, else its method key.
pub(super) fn id_span(spec: &Spec<'_>, m: &Method) -> Span {
    op_node(spec, m)
        .and_then(|n| n.get("operationId"))
        .map_or(m.span, |n| n.span)
}

/// A request field or property of the other side with the same place and Apex name.
pub(super) fn find_field<'f>(fields: &'f [Field], f: &Field) -> Option<&'f Field> {
    // The same name as written is by far the most common case; encoding is for the rest.
    fields
        .iter()
        .find(|g| g.source == f.source && g.wire_name == f.wire_name)
        .or_else(|| {
            let key = apex_name::collision_key(&f.wire_name);
            fields
                .iter()
                .find(|g| g.source == f.source && apex_name::collision_key(&g.wire_name) == key)
        })
}

/// `query parameter `region``, `the request body`.
pub(super) fn describe(f: &Field) -> String {
    match f.source {
        "body" => "the request body".to_string(),
        "property" | "additionalProperties" => format!("property `{}`", f.wire_name),
        location => format!("{location} parameter `{}`", f.wire_name),
    }
}

/// How messages name an operation: its operationId in backticks, or its method and path.
fn op_name(m: &Method) -> String {
    m.operation_id
        .as_deref()
        .map_or_else(|| m.operation.clone(), |id| format!("`{id}`"))
}
