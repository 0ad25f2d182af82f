//! AL504, AL505: property and schema names as Apex identifiers.

use crate::rules::grouping::{self, Place};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Entry, Node, Span};
use crate::spec::{Spec, apex_name};
use rustc_hash::FxHashSet;

pub static AL504: Rule = Rule {
    id: RuleId::new("AL504"),
    name: "property-name-collision",
    severity: RuleSeverity::Error,
    summary: "no two properties of one object become the same Apex field",
    docs: r#"## What it does
Checks that no two properties of one schema get the same Apex field name. Apex identifiers are
case-insensitive, and External Services encode names first, so `id` and `Id` collide, and so do
`first-name` and `firstx2dname`. A schema with `allOf` is one Apex class holding its own
properties and its members' (as `applinkc apex` shows), so those are compared together.

## Why
Each property becomes a field of the generated Apex class; two fields with one name cannot be
generated. External Services: "Implement case consistently for object name definitions,
property names, parameter names, and field names."

## Example
```yaml
properties:
  id: {type: string}
  Id: {type: string}
```

## Use instead
```yaml
properties:
  id: {type: string}
  externalId: {type: string}
```

## Source
Salesforce Help, *Naming and Description Conventions* (S9) and *Apex Reserved Keywords*
(S10); catalog appendix B.

## applinkc differs from the catalog
The catalog compares the names as written, case-insensitively. applinkc compares the Apex
names External Services derive from them (the encoding of `spec::apex_name`), so it also
finds `type` and `z0type`, or `first-name` and `firstx2dname`, which become one field too.
"#,
    check: check_collisions,
};

/// One property of a class: its entry and the `properties` map that holds it.
type Field<'a> = (&'a Entry, *const Node);

/// The properties of a schema as `applinkc apex` builds its class: its own, then those of its
/// `allOf` members (recursively, after `$ref`, each schema once), the first of each wire name.
fn class_fields<'a>(spec: &Spec<'a>, node: &'a Node, out: &mut Vec<Field<'a>>, seen: &mut Vec<*const Node>) {
    let node = spec.deref(node);
    if seen.contains(&(node as *const Node)) || seen.len() > 256 {
        return;
    }
    seen.push(node);
    if let Some(props) = node.get("properties") {
        for prop in props.entries() {
            if !out.iter().any(|(e, _)| e.key == prop.key) {
                out.push((prop, props));
            }
        }
    }
    for member in node.get("allOf").map(Node::items).unwrap_or_default() {
        class_fields(spec, member, out, seen);
    }
}

fn check_collisions(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut fields: Vec<Field<'_>> = Vec::new();
    let mut reported: FxHashSet<(Span, Span)> = FxHashSet::default();
    let mut seen: Vec<*const Node> = Vec::new();
    for site in ctx.spec.schema_sites() {
        fields.clear();
        let own: *const Node = site
            .node
            .get("properties")
            .map_or(std::ptr::null(), |p| p as *const Node);
        if site.node.get("allOf").is_some() {
            seen.clear();
            class_fields(ctx.spec, site.node, &mut fields, &mut seen);
        } else if let Some(props) = site.node.get("properties") {
            fields.extend(props.entries().iter().map(|e| (e, props as *const Node)));
        }
        if fields.len() < 2 {
            continue;
        }
        // The same grouping as `applinkc apex`, so both name the same collisions.
        for group in apex_name::collisions(fields.iter().map(|(e, _)| &*e.key)) {
            let field = |name: &str| {
                fields
                    .iter()
                    .find(|(e, _)| std::ptr::eq(e.key.as_ptr(), name.as_ptr()))
                    .copied()
            };
            let Some((first, first_map)) = group.first().and_then(|n| field(n)) else {
                continue;
            };
            for name in &group[1..] {
                let Some((other, other_map)) = field(name) else {
                    continue;
                };
                if other.key == first.key {
                    continue; // a duplicate key: AL002
                }
                // Report in this schema's own `properties` when one of the two is there: a
                // shared `allOf` member is not the one to rename.
                let (at, with) = if other_map != own && first_map == own {
                    (first, other)
                } else {
                    (other, first)
                };
                if !reported.insert((at.key_span, with.key_span)) {
                    continue; // already reported from another schema composing the same ones
                }
                let from = if first_map == other_map {
                    ""
                } else {
                    " (merged through `allOf`)"
                };
                let (a, b) = (&*at.key, &*with.key);
                let message = if a.eq_ignore_ascii_case(b) {
                    format!("property `{a}` collides with `{b}`{from} in Apex, where names are case-insensitive")
                } else {
                    format!(
                        "property `{a}` collides with `{b}`{from} in Apex (both become `{}`, ignoring case)",
                        apex_name::encode(b)
                    )
                };
                sink.report(at.key_span, message)
                    .help("each property becomes a field of one Apex class; rename one of them");
            }
        }
    }
}

pub static AL505: Rule = Rule {
    id: RuleId::new("AL505"),
    name: "schema-apex-name",
    severity: RuleSeverity::Warning,
    summary: "property and schema names are plain Apex identifiers",
    docs: r#"## What it does
Reports property names and `components.schemas` names that External Services must encode to
make them Apex identifiers: names that are not `^[A-Za-z][A-Za-z0-9]*$` (`-`, `.`, `_` and
other characters become `x` and their hex code, a leading digit too) and Apex reserved words
(they get the prefix `z0`).

## Why
The JSON on the wire keeps the original names, but Apex code, Flow and agent builders see the
encoded ones: `first_name` becomes `firstx5fname`, `type` becomes `z0type`, `LAER_Table__c`
becomes `LAERx5fTablex5fx5fc`. Schema names also become Apex class names
(`HerokuAppLink.<Client>_<Schema>`).

## Example
```yaml
properties:
  first_name: {type: string}
  type: {type: string}
```

## Use instead
```yaml
properties:
  firstName: {type: string}
  kind: {type: string}
```
When the JSON names are fixed by the API, keep them: this is a warning.

## applinkc differs from the catalog
The catalog reports every property key. applinkc takes each distinct property name once, at
its first place, with the number of other schemas that use it: generated specs repeat names
like `created_at` hundreds of times (24,000 findings on GitHub's spec), and renaming is one
decision per name. The names encoded for the same cause — the same characters (`_`; `-` and
`_`), a leading digit, or a reserved word — are then one finding, at the first of them, that
lists every other name with its place (notes in the human report, related locations in SARIF,
`related` in JSON): a spec with 81 `snake_case` names gets one warning, "81 property names
contain `_`", not 81. Schema names are grouped the same way, apart from property names. A
cause met once keeps its own message.

## Source
Salesforce Help, *Apex Reserved Keywords* (External Services) (S10); catalog appendices A
and B.
"#,
    check: check_names,
};

fn check_names(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let needs_encoding = |name: &str| !apex_name::is_plain(name) || apex_name::is_reserved(name);
    let mut schemas = Vec::new();
    if let Some(components) = ctx.root().path(&["components", "schemas"]) {
        for schema in components.entries() {
            if needs_encoding(&schema.key) {
                let apex = apex_name::encode(&schema.key);
                schemas.push(Place {
                    name: schema.key.to_string(),
                    span: schema.key_span,
                    message: format!("schema `{}` becomes `{apex}` in Apex class names", schema.key),
                });
            }
        }
    }
    // Each distinct property name once, at its first place: a generated spec repeats
    // `created_at` hundreds of times, and renaming is one decision per name.
    let mut first: indexmap::IndexMap<&str, (&crate::source::Entry, usize)> = indexmap::IndexMap::new();
    for site in ctx.spec.schema_sites() {
        for prop in site
            .node
            .get("properties")
            .map(crate::source::node::Node::entries)
            .unwrap_or_default()
        {
            if needs_encoding(&prop.key) {
                let slot = first.entry(&prop.key).or_insert((prop, 0));
                slot.1 += 1;
                // Schema sites are walked by section; report the place written first.
                if prop.key_span.start < slot.0.key_span.start {
                    slot.0 = prop;
                }
            }
        }
    }
    let properties = first
        .into_iter()
        .map(|(name, (prop, count))| {
            let apex = apex_name::encode(name);
            let elsewhere = match count - 1 {
                0 => String::new(),
                1 => " (here and in 1 other schema)".to_string(),
                n => format!(" (here and in {n} other schemas)"),
            };
            Place {
                name: name.to_string(),
                span: prop.key_span,
                message: format!("property `{name}` becomes `{apex}` in Apex{elsewhere}"),
            }
        })
        .collect();
    grouping::report(
        sink,
        grouping::group(schemas),
        "schema",
        |_| "rename the schema; its name appears only in generated Apex class names".into(),
        "rename the schemas; their names appear only in generated Apex class names",
    );
    grouping::report(
        sink,
        grouping::group(properties),
        "property",
        |p| {
            format!(
                "the JSON name stays `{}`; Apex, Flow and agents see `{}`",
                p.name,
                apex_name::encode(&p.name)
            )
        },
        "the JSON names stay as they are; Apex, Flow and agents see the encoded names",
    );
}
