//! AL960–AL963: operations, objects and object properties against the org's limits.
//!
//! The limits are per org (all External Service registrations together), so one spec can only
//! be proven to exceed them on its own; otherwise the counts are printed when a spec takes a
//! large share.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Node, Span};
use crate::spec::Spec;

/// Active operations per org.
pub const MAX_OPERATIONS: usize = 3_000;
/// Active objects (Apex classes for object schemas) per org.
pub const MAX_OBJECTS: usize = 3_000;
/// Object properties per org.
pub const MAX_PROPERTIES: usize = 400_000;

/// What one spec contributes to the org's counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub operations: usize,
    pub objects: usize,
    pub properties: usize,
}

/// Counts operations, object schemas and their properties in one pass over the schema sites.
///
/// An object is a schema with `type: object`, or with `properties` and no `type`: each named
/// component schema once, and each inline object where it is written (each becomes its own
/// Apex class). A `$ref` is not an object of its own.
pub fn counts(spec: &Spec<'_>) -> Counts {
    let mut counts = Counts {
        operations: spec.operations.len(),
        ..Counts::default()
    };
    for site in spec.schema_sites() {
        // External Services drop headers ("Response headers aren't supported", AL212): their
        // schemas become no Apex class.
        if site.role == crate::spec::SchemaRole::Header {
            continue;
        }
        // One pass over the schema's keys (three rules count, on every schema of the spec).
        let (mut ty, mut properties) = (None, None);
        for entry in site.node.entries() {
            match &*entry.key {
                "type" if ty.is_none() => ty = Some(&entry.value),
                "properties" if properties.is_none() => properties = Some(&entry.value),
                _ => {}
            }
        }
        if is_object(ty, properties) {
            counts.objects += 1;
            counts.properties += properties.map_or(0, |p| p.entries().len());
        }
    }
    counts
}

/// `type: object`, or no `type` and a `properties` mapping.
fn is_object(ty: Option<&Node>, properties: Option<&Node>) -> bool {
    match ty.map(Node::as_str) {
        Some(Some(t)) => t == "object",
        Some(None) => false,
        None => properties.is_some_and(Node::is_map),
    }
}

/// `302` of `3000` → `10.1%`.
fn percent(n: usize, max: usize) -> String {
    format!("{:.1}%", n as f64 * 100.0 / max as f64)
}

pub static AL960: Rule = Rule {
    id: RuleId::new("AL960"),
    name: "org-operation-limit",
    severity: RuleSeverity::Error,
    summary: "the spec has at most 3,000 operations",
    docs: r#"## What it does
Counts the spec's operations (every method under `paths`) and reports more than 3,000.

## Why
An org holds at most 3,000 active External Service operations (10,000 active and inactive),
across all registrations. A spec with more cannot be registered even in an empty org.

## Example
A generated spec with 3,200 operations.

## Use instead
Split the API into several specs (several client names), or publish only the operations
Salesforce calls.

## Source
Salesforce Help, *External Services System Limits* (S8).
"#,
    check: check_al960,
};

fn check_al960(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let n = ctx.spec.operations.len();
    if n <= MAX_OPERATIONS {
        return;
    }
    let span = ctx.root().entry("paths").map_or(Span::empty(0), |e| e.key_span);
    sink.report(
        span,
        format!(
            "the spec has {} operations; an org holds at most {} active External Service operations",
            thousands(n),
            thousands(MAX_OPERATIONS)
        ),
    )
    .help("split the API into several specs, or leave out the operations Salesforce does not call");
}

pub static AL961: Rule = Rule {
    id: RuleId::new("AL961"),
    name: "org-object-limit",
    severity: RuleSeverity::Error,
    summary: "the spec has at most 3,000 object schemas",
    docs: r#"## What it does
Counts the spec's objects and reports more than 3,000. An object is each named component
schema of type object plus each inline object schema where it is written (each becomes an
Apex class); a schema with `properties` and no `type` counts as an object; a `$ref` does not.

## Why
An org holds at most 3,000 active External Service objects (10,000 active and inactive),
across all registrations.

## Example
A generated spec whose 3,500 inline response objects each become a class.

## Use instead
Share one component schema through `$ref` instead of repeating inline objects, drop unused
schemas, or split the API.

## Source
Salesforce Help, *External Services System Limits* (S8); the counting is an inference.
"#,
    check: check_al961,
};

fn check_al961(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    if ctx.spec.schema_sites().len() <= MAX_OBJECTS {
        return; // every object is a schema site
    }
    let n = counts(ctx.spec).objects;
    if n > MAX_OBJECTS {
        sink.report(
            Span::empty(0),
            format!(
                "the spec has {} object schemas; an org holds at most {} active External Service objects",
                thousands(n),
                thousands(MAX_OBJECTS)
            ),
        )
        .help("reuse component schemas through `$ref` instead of repeating inline objects, or split the API");
    }
}

pub static AL962: Rule = Rule {
    id: RuleId::new("AL962"),
    name: "org-property-limit",
    severity: RuleSeverity::Error,
    summary: "the spec's objects have at most 400,000 properties in all",
    docs: r#"## What it does
Adds up the `properties` of every object counted by AL961 and reports more than 400,000.

## Why
An org holds at most 400,000 External Service object properties, across all registrations.

## Example
A generated spec of a large SaaS API with every field of every resource inline.

## Use instead
Reuse component schemas through `$ref`, drop properties Salesforce does not need, or split
the API.

## Source
Salesforce Help, *External Services System Limits* (S8).
"#,
    check: check_al962,
};

fn check_al962(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let n = counts(ctx.spec).properties;
    if n > MAX_PROPERTIES {
        sink.report(
            Span::empty(0),
            format!(
                "the spec's objects have {} properties; an org holds at most {}",
                thousands(n),
                thousands(MAX_PROPERTIES)
            ),
        )
        .help("reuse component schemas through `$ref`, drop unneeded properties, or split the API");
    }
}

pub static AL963: Rule = Rule {
    id: RuleId::new("AL963"),
    name: "org-limit-share",
    severity: RuleSeverity::Info,
    summary: "a spec that takes more than 10% of an org limit says so",
    docs: r#"## What it does
Prints the spec's operation, object and property counts against the org limits (3,000
operations, 3,000 objects, 400,000 properties) when the spec alone takes more than 10% of one
of them and none is exceeded (AL960–AL962 report that).

## Why
The limits are shared by every External Service registration in the org, which is also capped
at 700 registrations and 100 MB of upload/download files. A spec that takes a large share
leaves little room for the others; applinkc cannot see the org, so it says how much this spec
uses.

## Example
A spec with 450 operations: `450 of 3,000 operations (15.0%)`.

## Use instead
Nothing to fix; check what else is registered in the org.

## Source
Salesforce Help, *External Services System Limits* (S8).

## applinkc differs from the catalog
The catalog prints the counts for every spec. applinkc prints them only when one limit is more
than 10% used, so that ordinary specs get no info line on every check.
"#,
    check: check_al963,
};

fn check_al963(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let c = counts(ctx.spec);
    let shares = [
        (c.operations, MAX_OPERATIONS, "operations"),
        (c.objects, MAX_OBJECTS, "objects"),
        (c.properties, MAX_PROPERTIES, "object properties"),
    ];
    if shares.iter().any(|(n, max, _)| n > max) || !shares.iter().any(|(n, max, _)| n * 10 > *max) {
        return;
    }
    let parts: Vec<String> = shares
        .iter()
        .map(|(n, max, what)| {
            format!(
                "{} of {} {what} ({})",
                thousands(*n),
                thousands(*max),
                percent(*n, *max)
            )
        })
        .collect();
    sink.report(
        Span::empty(0),
        format!(
            "this spec alone uses more than 10% of an org-wide External Services limit: {}",
            parts.join(", ")
        ),
    )
    .help("the limits are shared by every registration in the org; check what else is registered there");
}

/// `400000` → `400,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(400_000), "400,000");
        assert_eq!(thousands(3_000), "3,000");
        assert_eq!(thousands(12), "12");
    }
}
