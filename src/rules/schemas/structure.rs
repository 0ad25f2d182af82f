//! AL500–AL503, AL506–AL508, AL511: schema constructs, one pass over the shared schema sites
//! each.

use crate::edit::{Edit, Fix};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Format, Node, Span, Value};

pub static AL500: Rule = Rule {
    id: RuleId::new("AL500"),
    name: "schema-not",
    severity: RuleSeverity::Error,
    summary: "no `not` in schemas",
    docs: r#"## What it does
Reports the keyword `not` in any schema (components, parameters, bodies, responses,
callbacks, and everything nested in them).

## Why
External Services list "The composite schema keyword: not" under *Unsupported Schema
Constructs* for OpenAPI 3.0, and unsupported constructs invalidate the registration. The
agent documentation also says "Don't use not blocks".

## Example
```yaml
status:
  type: string
  not: {enum: [deleted]}
```

## Use instead
```yaml
status:
  type: string
  enum: [draft, sent, accepted]
```

## Source
Salesforce Help, *OpenAPI 2.0 and 3.0 Support* (S6); Agentforce Developer Guide, *Verify
Metadata and OpenAPI Specification Documents* (S18).
"#,
    check: check_not,
};

fn check_not(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for site in ctx.spec.schema_sites() {
        if let Some(not) = site.node.entry("not") {
            sink.report(not.key_span, "`not` is not supported by External Services")
                .help("list the allowed values with `enum`, or drop the constraint");
        }
    }
}

pub static AL501: Rule = Rule {
    id: RuleId::new("AL501"),
    name: "property-without-schema",
    severity: RuleSeverity::Error,
    summary: "every property has a schema",
    docs: r#"## What it does
Checks that `properties` is a mapping and that every property in it has a schema (a mapping),
not nothing. In YAML, `name:` with nothing after it is null.

## Why
External Services: "A property must include a value". A property without a schema has no
Apex type, and registration fails.

## Example
```yaml
properties:
  name:
  amount: {type: number}
```

## Use instead
```yaml
properties:
  name: {type: string}
  amount: {type: number}
```

## Source
Salesforce Help, *Schema Definitions* (S7).
"#,
    check: check_property_values,
};

fn check_property_values(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for site in ctx.spec.schema_sites() {
        let Some(props) = site.node.get("properties") else {
            continue;
        };
        if !props.is_map() {
            sink.report(
                props.span,
                format!("`properties` is {}, not a mapping", props.kind_name()),
            )
            .help("write `properties` as a mapping from property name to schema");
            continue;
        }
        for prop in props.entries() {
            let message = match &prop.value.value {
                Value::Map(_) => continue,
                Value::Null => format!("property `{}` has no schema", prop.key),
                _ => format!("property `{}` is {}, not a schema", prop.key, prop.value.kind_name()),
            };
            sink.report(prop.key_span, message)
                .help("give it a schema, such as `{type: string}`");
        }
    }
}

pub static AL502: Rule = Rule {
    id: RuleId::new("AL502"),
    name: "schema-type",
    severity: RuleSeverity::Error,
    summary: "`type` is one of the six OpenAPI 3.0 types, written as one string",
    docs: r#"## What it does
Checks that a schema's `type`, when present, is one string among `string`, `number`,
`integer`, `boolean`, `array` and `object`.

## Why
OpenAPI 3.0 takes a single type. Type lists (`type: [string, 'null']`) and the type `null`
are OpenAPI 3.1 (JSON Schema 2020-12); in 3.0 a nullable value is `nullable: true`. External
Services cannot derive an Apex type from anything else.

## Example
```yaml
nickname:
  type: [string, 'null']
```

## Use instead
```yaml
nickname:
  type: string
  nullable: true
```

`applinkc check --fix` rewrites a list of one type and `'null'` that way (a safe fix: both say
"this type, or null"): the list becomes the type, and `nullable: true` is added beside it in
the mapping's style (a new line at the key's indentation, or `, nullable: true` in a flow
mapping and in JSON). Other lists, `type: 'null'` and a schema with `nullable: false` are not
fixed.

## Source
OpenAPI 3.0.3 §4.7.24 (S29).
"#,
    check: check_type,
};

const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];

fn check_type(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for site in ctx.spec.schema_sites() {
        let Some(ty) = site.node.get("type") else { continue };
        match &ty.value {
            Value::Str(s) if TYPES.contains(&&**s) => {}
            Value::Str(s) if &**s == "null" => {
                sink.report(ty.span, "`type: 'null'` is OpenAPI 3.1, not 3.0")
                    .help("give the value's type and add `nullable: true`");
            }
            Value::Str(s) => {
                let help = match TYPES.iter().find(|t| t.eq_ignore_ascii_case(s)) {
                    Some(t) => format!("types are lower-case: `type: {t}`"),
                    None => "use `string`, `number`, `integer`, `boolean`, `array` or `object`".to_string(),
                };
                sink.report(ty.span, format!("`type: {s}` is not an OpenAPI type"))
                    .help(help);
            }
            Value::Seq(items) => {
                let names: Vec<&str> = items.iter().filter_map(Node::as_str).collect();
                let others: Vec<&str> = names.iter().copied().filter(|n| *n != "null").collect();
                let help = match others.as_slice() {
                    [one] if names.contains(&"null") => format!("write `type: {one}` and `nullable: true`"),
                    [one] => format!("write `type: {one}`"),
                    _ => "OpenAPI 3.0 takes one type; use `anyOf` of object schemas, or a string".to_string(),
                };
                let finding = sink
                    .report(ty.span, "`type` is a list; OpenAPI 3.0 takes a single type")
                    .help(help);
                if let ([one], [_, _]) = (others.as_slice(), names.as_slice())
                    && items.len() == 2
                    && names.contains(&"null")
                    && TYPES.contains(one)
                    && let Some(fix) = nullable_fix(ctx, site.node, one)
                {
                    finding.fixed_by(fix);
                }
            }
            _ => {
                sink.report(ty.span, format!("`type` is {}, not a string", ty.kind_name()))
                    .help("use `string`, `number`, `integer`, `boolean`, `array` or `object`");
            }
        }
    }
}

/// `type: [integer, 'null']` → `type: integer` and `nullable: true`, as a sibling written in
/// the mapping's own style: `, "nullable": true` after the value in JSON and in a YAML flow
/// mapping, a new line at the `type` key's indentation in a block mapping. `None` when the
/// schema has `nullable` other than `true`, or the list has an anchor or tag, or the `type`
/// key's line does not start with spaces (and `- `) before it.
fn nullable_fix(ctx: &Context<'_>, schema: &Node, one: &str) -> Option<Fix> {
    let text = &ctx.source.text;
    let entry = schema.entry("type")?;
    let ty = &entry.value;
    let nullable = match schema.get("nullable") {
        None => false,
        Some(n) if n.as_bool() == Some(true) => true,
        Some(_) => return None,
    };
    let raw = ctx.raw(ty);
    let Value::Seq(items) = &ty.value else { return None };
    // Where the list ends: after its last item (block) or at its `]` (flow). The span the
    // YAML parser gives a flow list can run on over a comment after it.
    let last = items.last()?.span.end as usize;
    let list_end = if raw.starts_with('[') {
        let rest = text.get(last..)?;
        let close = rest.find(|c: char| !(c.is_whitespace() || c == ','))?;
        if !rest[close..].starts_with(']') {
            return None;
        }
        last + close + 1
    } else {
        last
    };
    let ty_span = Span::new(ty.span.start as usize, list_end);
    let json = Format::from_path(std::path::Path::new(&ctx.source.name)) == Some(Format::Json);
    let flow = json || ctx.raw(schema).starts_with('{');
    let mut edits = Vec::new();
    if flow {
        if !raw.starts_with('[') {
            return None;
        }
        let value = if json { format!("\"{one}\"") } else { one.to_string() };
        edits.push(Edit::replace(ty_span, value));
        if !nullable {
            // Minified JSON (one line) stays without spaces.
            let sibling = match (json, text.trim_end().contains('\n')) {
                (true, false) => ",\"nullable\":true",
                (true, true) => ", \"nullable\": true",
                (false, _) => ", nullable: true",
            };
            edits.push(Edit::replace(Span::empty(list_end), sibling));
        }
        return Some(Fix::safe("write `nullable: true` beside the type", edits));
    }
    if !raw.starts_with(['[', '-']) {
        return None;
    }
    // From the end of the key to the end of the list: `: [integer, 'null']` or the lines of a
    // block sequence.
    let key_end = entry.key_span.end as usize;
    let colon = text.get(key_end..ty.span.start as usize)?;
    if !colon.trim_start().starts_with(':') || colon.contains('#') {
        return None;
    }
    edits.push(Edit::replace(Span::new(key_end, list_end), format!(": {one}")));
    if !nullable {
        let key_start = entry.key_span.start as usize;
        let line_start = text[..key_start].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..key_start];
        if !before.bytes().all(|b| b == b' ' || b == b'-') {
            return None;
        }
        let end = list_end;
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let line_end = if text[..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        };
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let indent = " ".repeat(before.len());
        edits.push(Edit::replace(
            Span::empty(line_end),
            format!("{eol}{indent}nullable: true"),
        ));
    }
    Some(Fix::safe("write `nullable: true` beside the type", edits))
}

pub static AL503: Rule = Rule {
    id: RuleId::new("AL503"),
    name: "array-without-items",
    severity: RuleSeverity::Error,
    summary: "`type: array` has `items`",
    docs: r#"## What it does
Checks that every schema with `type: array` has `items`.

## Why
OpenAPI 3.0: "items MUST be present if the type is array". External Services build the Apex
`List<T>` from it; without `items` there is no `T`.

## Example
```yaml
tags:
  type: array
```

## Use instead
```yaml
tags:
  type: array
  items: {type: string}
```

## Source
OpenAPI 3.0.3 §4.7.24.1 (S29).
"#,
    check: check_items,
};

fn check_items(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for site in ctx.spec.schema_sites() {
        let Some(ty) = site.node.get("type") else { continue };
        if ty.as_str() == Some("array") && site.node.get("items").is_none() {
            sink.report(ty.span, "`type: array` without `items`")
                .help("add `items` with the schema of one element");
        }
    }
}

pub static AL506: Rule = Rule {
    id: RuleId::new("AL506"),
    name: "nested-anonymous-array",
    severity: RuleSeverity::Warning,
    summary: "no arrays of inline arrays",
    docs: r#"## What it does
Reports an array whose `items` is itself an array written inline (not a `$ref` to a named
schema).

## Why
External Services generate `List<List<T>>` for it, "which isn't supported as a field on an
Apex-defined variable in Flow".

## Example
```yaml
matrix:
  type: array
  items:
    type: array
    items: {type: number}
```

## Use instead
```yaml
matrix:
  type: array
  items: {$ref: '#/components/schemas/Row'}
```
with `Row` an object holding the inner array, such as `{type: object, properties: {values:
{type: array, items: {type: number}}}}`.

## Source
Salesforce Help, *Schema Definitions* (S7).
"#,
    check: check_nested_arrays,
};

fn check_nested_arrays(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for site in ctx.spec.schema_sites() {
        let Some(items) = site.node.entry("items") else {
            continue;
        };
        if items.value.get("type").and_then(Node::as_str) == Some("array") {
            sink.report(
                items.key_span,
                "an array of inline arrays becomes `List<List<…>>`, which Flow cannot use",
            )
            .help("wrap the inner array in a named object schema under `components.schemas`");
        }
    }
}

pub static AL507: Rule = Rule {
    id: RuleId::new("AL507"),
    name: "discriminator-mapping",
    severity: RuleSeverity::Info,
    summary: "`discriminator.mapping` is ignored",
    docs: r#"## What it does
Reports `discriminator.mapping`.

## Why
External Services: "The discriminator/mapping in OpenApi 3.0 is ignored"; only
`discriminator.propertyName` is used, so the schemas are matched by their names.

## Example
```yaml
discriminator:
  propertyName: kind
  mapping:
    card: '#/components/schemas/CardPayment'
```

## Use instead
```yaml
discriminator:
  propertyName: kind
```
with the values of `kind` equal to the schema names.

## Source
Salesforce Help, *Schema Definitions* (S7).
"#,
    check: check_discriminator,
};

fn check_discriminator(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for site in ctx.spec.schema_sites() {
        let Some(mapping) = site.node.get("discriminator").and_then(|d| d.entry("mapping")) else {
            continue;
        };
        sink.report(
            mapping.key_span,
            "`discriminator.mapping` is ignored by External Services",
        )
        .help("External Services match `discriminator.propertyName` values to schema names");
    }
}

pub static AL508: Rule = Rule {
    id: RuleId::new("AL508"),
    name: "composition-of-non-objects",
    severity: RuleSeverity::Warning,
    summary: "`allOf`, `anyOf` and `oneOf` compose object schemas",
    docs: r#"## What it does
Reports a member of `allOf`, `anyOf` or `oneOf` whose `type` (after `$ref`) is not `object`.
Members without a `type` are not reported.

## Why
External Services support `allOf` "as an object composition", and for `anyOf`/`oneOf` "only
object schemas can constitute composition types". A composition of strings and numbers has
no Apex class to become.

## Example
```yaml
amount:
  oneOf:
    - {type: string}
    - {type: number}
```

## Use instead
```yaml
amount:
  type: number
```

## Source
Salesforce Help, *Schema Definitions* (S7).

## applinkc differs from the catalog
The catalog's path names only `allOf`, while its text quotes the same restriction for
`anyOf` and `oneOf`; applinkc checks all three.
"#,
    check: check_composition,
};

fn check_composition(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let spec = ctx.spec;
    for site in spec.schema_sites() {
        for keyword in ["allOf", "anyOf", "oneOf"] {
            let Some(members) = site.node.get(keyword) else {
                continue;
            };
            for member in members.items() {
                let resolved = spec.deref(member);
                let Some(ty) = resolved.get("type").and_then(Node::as_str) else {
                    continue;
                };
                if ty == "object" {
                    continue;
                }
                let at = member
                    .get("$ref")
                    .map_or_else(|| resolved.get("type").map_or(member.span, |t| t.span), |r| r.span);
                sink.report(
                    at,
                    format!("`{keyword}` member is `type: {ty}`; External Services compose object schemas only"),
                )
                .help("compose object schemas only, or use a single type");
            }
        }
    }
}

pub static AL511: Rule = Rule {
    id: RuleId::new("AL511"),
    name: "unsupported-format",
    severity: RuleSeverity::Info,
    summary: "formats without an External Services type fall back to the base type",
    docs: r#"## What it does
Reports a `format` other than `int32`, `int64`, `float`, `double`, `byte`, `binary`, `date`,
`date-time` and `password`.

## Why
External Services map these to Apex types (Integer, Long, Double, Blob, Date, Datetime…).
Other formats (`uuid`, `email`, `uri`, `decimal`…) are not validated or converted: the value
is the plain base type, usually a `String`.

## Example
```yaml
id:
  type: string
  format: uuid
```

## Use instead
Nothing to change if a string is what you want; document the format in `description`.

## applinkc differs from the catalog
One finding per distinct format, at its first place, with the number of other schemas using
it, each listed as one of the finding's other places: an info per `uuid` property would bury
everything else (10,800 findings on GitHub's spec).

## Source
Salesforce Help, *Schema Definitions* (S7); OpenAPI 3.0.3 §4.4 (S29).
"#,
    check: check_format,
};

const FORMATS: &[&str] = &[
    "int32",
    "int64",
    "float",
    "double",
    "byte",
    "binary",
    "date",
    "date-time",
    "password",
];

fn check_format(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    // One finding per distinct format, at its first place, with the count of the others.
    let mut first: indexmap::IndexMap<&str, (&Node, &str, usize, Vec<&Node>)> = indexmap::IndexMap::new();
    for site in ctx.spec.schema_sites() {
        let Some(format) = site.node.get("format") else {
            continue;
        };
        let Some(text) = format.as_str() else { continue };
        if FORMATS.contains(&text) {
            continue;
        }
        let base = site.node.get("type").and_then(Node::as_str).unwrap_or("string");
        let slot = first.entry(text).or_insert((format, base, 0, Vec::new()));
        slot.2 += 1;
        slot.3.push(format);
        // Schema sites are walked by section; report the place written first.
        if format.span.start < slot.0.span.start {
            (slot.0, slot.1) = (format, base);
        }
    }
    for (text, (format, base, count, mut places)) in first {
        places.sort_by_key(|n| n.span.start);
        let related = places
            .iter()
            .filter(|n| n.span != format.span)
            .map(|n| sink.related(n.span, format!("format `{text}`")))
            .collect();
        let elsewhere = match count - 1 {
            0 => String::new(),
            1 => " (here and in 1 other schema)".to_string(),
            n => format!(" (here and in {n} other schemas)"),
        };
        sink.report(
            format.span,
            format!("format `{text}` has no External Services type; the value is a plain {base}{elsewhere}"),
        )
        .help("nothing to change if that is what you want; describe the format in `description`")
        .also_at(related);
    }
}
