//! AL512: component schemas that become the same Apex class.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::spec::apex_name;
use crate::spec::apex_type::is_class;

pub static AL512: Rule = Rule {
    id: RuleId::new("AL512"),
    name: "schema-class-collision",
    severity: RuleSeverity::Error,
    summary: "no two component schemas become the same Apex class",
    docs: r#"## What it does
Every object schema under `components.schemas` (one with properties, `additionalProperties`
or an `allOf` of several members) becomes an Apex class `HerokuAppLink.<Client>_<Schema>`, as
`applinkc apex` shows. This rule reports two schemas whose names give the same class: Apex
identifiers are case-insensitive and External Services encode names first, so `Foo` and `foo`
are one class, and so are `Quote_Line` and `Quotex5fLine`. The finding is on the second name
and says where the first is.

## Why
Two classes with one name cannot be generated: the registration fails, or one schema's class
silently stands for both. `applinkc apex` reports these as errors; this rule makes `check` (and
so `build`) report them too.

## Example
```yaml
components:
  schemas:
    Quote: {type: object, properties: {id: {type: string}}}
    quote: {type: object, properties: {amount: {type: number}}}
```

## Use instead
```yaml
components:
  schemas:
    Quote: {type: object, properties: {id: {type: string}}}
    QuoteAmount: {type: object, properties: {amount: {type: number}}}
```

## Source
Salesforce Help, *Naming and Description Conventions* (S9: "Implement case consistently for
object name definitions…") and *Apex Reserved Keywords* (S10, the encoding); catalog AL505
(schema names become Apex class names `HerokuAppLink.<Client>_<Schema>`).

## applinkc differs from the catalog
The catalog has no rule for this: AL504 compares the properties of one schema, and AL505 warns
about one schema name that is encoded. applinkc adds AL512 (after the catalog's last schema
rule, AL511) for two names that meet, which AL505's warning about each name alone does not say.
"#,
    check,
};

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(schemas) = ctx.root().path(&["components", "schemas"]) else {
        return;
    };
    let classes: Vec<_> = schemas.entries().iter().filter(|e| is_class(&e.value)).collect();
    if classes.len() < 2 {
        return;
    }
    let client = ctx.flags.client_name.as_deref().unwrap_or("<Client>");
    for group in apex_name::collisions(classes.iter().map(|e| &*e.key)) {
        let entry = |name: &str| {
            classes
                .iter()
                .find(|e| std::ptr::eq(e.key.as_ptr(), name.as_ptr()))
                .copied()
        };
        let Some(first) = group.first().and_then(|n| entry(n)) else {
            continue;
        };
        for name in &group[1..] {
            let Some(other) = entry(name) else { continue };
            if other.key == first.key {
                continue; // a duplicate key: AL002
            }
            let line = ctx.source.line_col(first.key_span.start).line;
            sink.report(
                other.key_span,
                format!(
                    "schema `{}` becomes the same Apex class as `{}` (line {line}): `HerokuAppLink.{client}_{}`, and Apex names ignore case",
                    other.key,
                    first.key,
                    apex_name::encode(&other.key)
                ),
            )
            .help("each object schema becomes one Apex class; rename one of them");
        }
    }
}
