//! AL504, AL505: property and schema names as Apex identifiers.

use crate::rules::{Context, Help, Rule, RuleSeverity, Sink};
use crate::spec::apex_name;

pub static AL504: Rule = Rule {
    id: "AL504",
    name: "property-name-collision",
    severity: RuleSeverity::Error,
    summary: "no two properties of one object become the same Apex field",
    docs: r#"## What it does
Checks that no two properties of one schema get the same Apex field name. Apex identifiers are
case-insensitive, and External Services encode names first, so `id` and `Id` collide, and so do
`first-name` and `firstx2dname`.

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

fn check_collisions(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for site in ctx.spec.schema_sites() {
        let Some(props) = site.node.get("properties") else {
            continue;
        };
        let entries = props.entries();
        if entries.len() < 2 {
            continue;
        }
        // The same grouping as `applinkc apex`, so both name the same collisions.
        for group in apex_name::collisions(entries.iter().map(|e| &*e.key)) {
            let Some((first, others)) = group.split_first() else {
                continue;
            };
            for name in others {
                if name == first {
                    continue; // a duplicate key: AL002
                }
                let Some(entry) = entries.iter().find(|e| std::ptr::eq(e.key.as_ptr(), name.as_ptr())) else {
                    continue;
                };
                let message = if first.eq_ignore_ascii_case(name) {
                    format!("property `{name}` collides with `{first}` in Apex, where names are case-insensitive")
                } else {
                    format!(
                        "property `{name}` collides with `{first}` in Apex (both become `{}`, ignoring case)",
                        apex_name::encode(first)
                    )
                };
                sink.report(entry.key_span, message)
                    .help("each property becomes a field of one Apex class; rename one of them");
            }
        }
    }
}

pub static AL505: Rule = Rule {
    id: "AL505",
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

## Source
Salesforce Help, *Apex Reserved Keywords* (External Services) (S10); catalog appendices A
and B.
"#,
    check: check_names,
};

fn check_names(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let needs_encoding = |name: &str| !apex_name::is_plain(name) || apex_name::is_reserved(name);
    if let Some(schemas) = ctx.root().path(&["components", "schemas"]) {
        for schema in schemas.entries() {
            if needs_encoding(&schema.key) {
                let apex = apex_name::encode(&schema.key);
                sink.report(
                    schema.key_span,
                    format!("schema `{}` becomes `{apex}` in Apex class names", schema.key),
                )
                .help("rename the schema; its name appears only in generated Apex class names");
            }
        }
    }
    for site in ctx.spec.schema_sites() {
        for prop in site.node.get("properties").map(|p| p.entries()).unwrap_or_default() {
            if needs_encoding(&prop.key) {
                let apex = apex_name::encode(&prop.key);
                sink.report(
                    prop.key_span,
                    format!("property `{}` becomes `{apex}` in Apex", prop.key),
                )
                .help(format!(
                    "the JSON name stays `{}`; Apex, Flow and agents see `{apex}`",
                    prop.key
                ));
            }
        }
    }
}
