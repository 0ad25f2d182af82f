//! Classes (component schemas and inline objects), their properties, and Apex types.

use super::operations::find_field;
use super::{At, Differ};
use crate::apex::{self, SchemaClass, Surface};
use crate::diagnostics::Severity;
use crate::rules::diff::*;
use crate::source::Span;
use std::collections::{BTreeSet, HashMap};

impl Differ<'_, '_> {
    // ---- classes -------------------------------------------------------------------------

    /// Which component classes are gone and which were renamed, before the operations are
    /// compared: a type that changes only because its class did is reported at the class.
    pub(super) fn classes_first_pass(&mut self, a: &Surface, b: &Surface) {
        let new_names: BTreeSet<String> = b.schema_classes.iter().map(|c| c.class.to_lowercase()).collect();
        let old_names: BTreeSet<String> = a.schema_classes.iter().map(|c| c.class.to_lowercase()).collect();
        for class in a.schema_classes.iter().filter(|c| c.schema.is_some()) {
            let key = class.class.to_lowercase();
            if new_names.contains(&key) {
                continue;
            }
            let candidate = b.schema_classes.iter().find(|n| {
                n.schema.is_some()
                    && !old_names.contains(&n.class.to_lowercase())
                    && !self.renamed.values().any(|v| *v == n.class)
                    && same_shape(class, n)
            });
            match candidate {
                Some(n) => {
                    self.renamed.insert(key, n.class.clone());
                }
                None => {
                    self.removed.insert(key);
                }
            }
        }
    }

    /// Compares the classes: the properties of kept ones, then removed, renamed and added ones.
    pub(super) fn classes(&mut self, a: &Surface, b: &Surface) {
        let used = uses(a);
        let new_by_name: HashMap<String, &SchemaClass> =
            b.schema_classes.iter().map(|c| (c.class.to_lowercase(), c)).collect();
        for class in &a.schema_classes {
            let key = class.class.to_lowercase();
            let users: Vec<&str> = used
                .get(&key)
                .map(|u| u.iter().map(String::as_str).collect())
                .unwrap_or_default();
            if let Some(n) = new_by_name.get(&key) {
                self.properties(class, n, !users.is_empty());
                continue;
            }
            let Some(schema) = &class.schema else {
                continue; // An inline class follows its operation (reported there).
            };
            // Used only by removed operations: it goes with them (once they are deactivated,
            // nothing active references it); said at each of them.
            if !users.is_empty()
                && users.iter().all(|u| self.removed_ops.contains(*u))
                && !self.renamed.contains_key(&key)
            {
                self.goes_with_removed_operations(schema, &users);
                continue;
            }
            self.class_gone(class, schema, &users, &new_by_name);
        }
        self.added_classes(a, b);
    }

    /// Says at each removed operation that uses the schema that the schema goes with it.
    fn goes_with_removed_operations(&mut self, schema: &str, users: &[&str]) {
        for user in users {
            let start = format!("operation {user} (");
            if let Some(d) = self
                .out
                .old
                .iter_mut()
                .find(|d| d.rule == ALD01.id && d.message.starts_with(&start))
                && let Some(help) = &mut d.help
            {
                help.push_str(&format!("; schema `{schema}` goes with it"));
            }
        }
    }

    /// Reports a component class of OLD that NEW has not: renamed (at NEW) or removed (at OLD).
    fn class_gone(
        &mut self,
        class: &SchemaClass,
        schema: &str,
        users: &[&str],
        new_by_name: &HashMap<String, &SchemaClass>,
    ) {
        let key = class.class.to_lowercase();
        let severity = if users.is_empty() {
            Severity::Warning
        } else {
            Severity::Error
        };
        let used_by = if users.is_empty() {
            "no operation uses it, but Apex code may name the class".to_string()
        } else {
            format!("used by {}", list(users))
        };
        match self.renamed.get(&key).cloned() {
            Some(to) => {
                let target = new_by_name.get(&to.to_lowercase()).map_or(Span::empty(0), |c| c.span);
                let new_schema = new_by_name
                    .get(&to.to_lowercase())
                    .and_then(|c| c.schema.clone())
                    .unwrap_or_default();
                self.report(
                    &ALD07,
                    severity,
                    At::New,
                    target,
                    format!(
                        "schema `{schema}` is renamed `{new_schema}`: class `{}` becomes `{to}` ({used_by})",
                        class.class
                    ),
                    format!(
                        "Salesforce treats a rename as a delete; keep the name `{schema}` (was at {})",
                        self.old_place(class.span)
                    ),
                );
            }
            None => self.report(
                &ALD07,
                severity,
                At::Old,
                class.span,
                format!("schema `{schema}` (class `{}`) is removed ({used_by})", class.class),
                if users.is_empty() {
                    "keep the schema if Apex code in the org uses the class".to_string()
                } else {
                    format!(
                        "Salesforce refuses deleting an object that an active operation references: keep `{schema}`, or deactivate {} first",
                        list(users)
                    )
                },
            ),
        }
    }

    /// Reports each component class of NEW that OLD has not and that is no rename.
    fn added_classes(&mut self, a: &Surface, b: &Surface) {
        let renamed_to: BTreeSet<String> = self.renamed.values().map(|v| v.to_lowercase()).collect();
        for class in &b.schema_classes {
            let key = class.class.to_lowercase();
            if class.schema.is_none()
                || renamed_to.contains(&key)
                || a.schema_classes.iter().any(|c| c.class.to_lowercase() == key)
            {
                continue;
            }
            let schema = class.schema.as_deref().unwrap_or_default();
            self.report(
                &ALD12,
                Severity::Info,
                At::New,
                class.span,
                format!("schema `{schema}` is added (class `{}`)", class.class),
                "compatible: adding objects is supported".to_string(),
            );
        }
    }

    fn properties(&mut self, old: &SchemaClass, new: &SchemaClass, active: bool) {
        let class = &new.class;
        for p in &old.properties {
            match find_field(&new.properties, p) {
                None => {
                    let (severity, help) = if p.required && active {
                        (
                            Severity::Error,
                            "Salesforce refuses deleting a required property of an object an active operation references: keep it".to_string(),
                        )
                    } else {
                        (
                            Severity::Warning,
                            "accepted, but Apex, Flows and agents that read or set it break: keep it if anything uses it".to_string(),
                        )
                    };
                    let what = if p.required { "required" } else { "optional" };
                    self.report(
                        &ALD08,
                        severity,
                        At::Old,
                        p.span,
                        format!("{what} property `{}` of `{class}` is removed", p.wire_name),
                        help,
                    );
                }
                Some(n) => {
                    if !p.required && n.required {
                        self.report(
                            &ALD09,
                            Severity::Error,
                            At::New,
                            n.span,
                            format!("property `{}` of `{class}` is now required", n.wire_name),
                            format!(
                                "callers that build `{class}` leave it out; keep it optional (was optional at {})",
                                self.old_place(p.span)
                            ),
                        );
                    }
                    self.types(
                        &p.apex_type,
                        &n.apex_type,
                        n.span,
                        &format!("property `{}` of `{class}`", n.wire_name),
                        p.span,
                    );
                }
            }
        }
        for n in &new.properties {
            if find_field(&old.properties, n).is_some() {
                continue;
            }
            if n.required {
                self.report(
                    &ALD09,
                    Severity::Warning,
                    At::New,
                    n.span,
                    format!("new property `{}` of `{class}` is required", n.wire_name),
                    format!("callers that build `{class}` do not set it; make it optional"),
                );
            } else {
                self.report(
                    &ALD12,
                    Severity::Info,
                    At::New,
                    n.span,
                    format!("property `{}` is added to `{class}`", n.wire_name),
                    "compatible: adding optional properties is supported".to_string(),
                );
            }
        }
    }

    // ---- types ---------------------------------------------------------------------------

    /// Reports a change of Apex type from `was` to `now` of `what` (at `span` in NEW).
    pub(super) fn types(&mut self, was: &str, now: &str, span: Span, what: &str, old_span: Span) {
        let mut renamed_was = was.to_string();
        for (from, to) in &self.renamed {
            renamed_was = replace_class(&renamed_was, from, to);
        }
        if renamed_was.eq_ignore_ascii_case(now) {
            return;
        }
        // Its class is gone: reported once, at the class.
        if classes_in(was).iter().any(|c| self.removed.contains(&c.to_lowercase())) {
            return;
        }
        // Another class with the same properties (a `$ref` written inline, or the reverse): the
        // wire is the same, the class name is not.
        if let ([from], [to]) = (classes_in(&renamed_was).as_slice(), classes_in(now).as_slice())
            && replace_class(&renamed_was, &from.to_lowercase(), to).eq_ignore_ascii_case(now)
            && self.shapes[0].contains_key(&from.to_lowercase())
            && self.shapes[0].get(&from.to_lowercase()) == self.shapes[1].get(&to.to_lowercase())
        {
            self.report(
                &ALD05,
                Severity::Warning,
                At::New,
                span,
                format!("{what} is now of class `{to}` instead of `{from}`, with the same properties"),
                format!(
                    "the wire format is unchanged, but Apex code that names `{from}` stops compiling; keep the schema as it was (at {})",
                    self.old_place(old_span)
                ),
            );
            return;
        }
        let severity = if same_family(was, now) {
            Severity::Warning
        } else {
            Severity::Error
        };
        self.report(
            &ALD05,
            severity,
            At::New,
            span,
            format!("{what} changes type: `{was}` → `{now}`"),
            format!(
                "Apex, Flows and agents that use it break, and Salesforce requires deactivating the operation first; keep the type (was at {})",
                self.old_place(old_span)
            ),
        );
    }
}

/// Two classes with the same properties (name, type, required): a rename candidate.
pub(super) fn same_shape(a: &SchemaClass, b: &SchemaClass) -> bool {
    a.properties.len() == b.properties.len()
        && a.properties.iter().all(|p| {
            find_field(&b.properties, p).is_some_and(|q| q.required == p.required && q.apex_type == p.apex_type)
        })
}

/// The class names (`HerokuAppLink.C_Quote`) a rendered Apex type mentions.
pub(super) fn classes_in(ty: &str) -> Vec<String> {
    let prefix = format!("{}.", apex::NAMESPACE);
    let mut out = Vec::new();
    let mut rest = ty;
    while let Some(at) = rest.find(&prefix) {
        let tail = &rest[at..];
        let end = tail[prefix.len()..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(tail.len(), |e| e + prefix.len());
        out.push(tail[..end].to_string());
        rest = &tail[end..];
    }
    out
}

/// `ty` with the class `from` (lower case) written as `to`.
pub(super) fn replace_class(ty: &str, from: &str, to: &str) -> String {
    let mut out = ty.to_string();
    for class in classes_in(ty) {
        if class.to_lowercase() == from {
            out = out.replace(&class, to);
        }
    }
    out
}

/// A change of `format` within one OpenAPI type: `String`/`Date`/`Datetime`/`Blob`, or
/// `Integer`/`Long`.
pub(super) fn same_family(a: &str, b: &str) -> bool {
    const TEXT: [&str; 4] = ["String", "Date", "Datetime", "Blob"];
    const WHOLE: [&str; 2] = ["Integer", "Long"];
    (TEXT.contains(&a) && TEXT.contains(&b)) || (WHOLE.contains(&a) && WHOLE.contains(&b))
}

/// For each class of `s` (lower case), the operations that use it, directly or through other
/// classes: Salesforce's "active" objects, since AppLink publishes every operation active.
pub(super) fn uses(s: &Surface) -> HashMap<String, BTreeSet<String>> {
    let props: HashMap<String, Vec<String>> = s
        .schema_classes
        .iter()
        .map(|c| {
            let inner = c
                .properties
                .iter()
                .flat_map(|p| classes_in(&p.apex_type))
                .map(|c| c.to_lowercase())
                .collect();
            (c.class.to_lowercase(), inner)
        })
        .collect();
    let mut out: HashMap<String, BTreeSet<String>> = HashMap::new();
    for m in &s.methods {
        let name = m
            .operation_id
            .as_deref()
            .map_or_else(|| m.operation.clone(), |id| format!("`{id}`"));
        let mut stack: Vec<String> = m
            .request_fields
            .iter()
            .map(|f| f.apex_type.as_str())
            .chain(
                m.response_fields
                    .iter()
                    .chain(&m.exception_fields)
                    .filter_map(|f| f.apex_type.as_deref()),
            )
            .flat_map(classes_in)
            .map(|c| c.to_lowercase())
            .collect();
        while let Some(class) = stack.pop() {
            let entry = out.entry(class.clone()).or_default();
            if !entry.insert(name.clone()) {
                continue;
            }
            if let Some(inner) = props.get(&class) {
                stack.extend(inner.iter().cloned());
            }
        }
    }
    out
}

/// `a`, `a and b`, `a, b and 3 more`.
pub(super) fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] if rest.len() < 4 => format!("{} and {last}", rest.join(", ")),
        _ => format!("{} and {} more", items[..3].join(", "), items.len() - 3),
    }
}
