//! Names that become one Apex identifier: operations, schema classes, properties and request
//! fields, each labelled with the rule that reports it in `check`.

use super::{Builder, CollidingName, Collision, MAP_FIELD, Method, NAMESPACE, SchemaClass};
use crate::spec::apex_name;

impl Builder<'_, '_> {
    pub(super) fn collisions(&self, methods: &[Method], classes: &[SchemaClass]) -> Vec<Collision> {
        let mut out = self.operation_collisions(methods);
        schema_class_collisions(classes, &mut out);
        for class in classes {
            property_collisions(class, &mut out);
        }
        for method in methods {
            request_field_collisions(method, &mut out);
        }
        out
    }

    /// Operation ids that become one method of the service class (AL202).
    fn operation_collisions(&self, methods: &[Method]) -> Vec<Collision> {
        let ids: Vec<(&str, &str)> = methods
            .iter()
            .filter_map(|m| Some((m.operation_id.as_deref()?, m.operation.as_str())))
            .collect();
        apex_name::collisions(ids.iter().map(|(id, _)| *id))
            .into_iter()
            .map(|group| Collision {
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
            })
            .collect()
    }
}

/// Component schemas that become one class (AL512).
fn schema_class_collisions(classes: &[SchemaClass], out: &mut Vec<Collision>) {
    for group in apex_name::collisions(classes.iter().filter_map(|c| c.schema.as_deref())) {
        out.push(Collision {
            rule: Some(crate::rules::schemas::AL512.id),
            kind: "schema class",
            scope: NAMESPACE.to_string(),
            names: named(&group, |name| format!("#/components/schemas/{name}")),
        });
    }
}

/// Properties of one class that become one field (AL504), and a property that becomes
/// `properties`, the field of the `additionalProperties` map.
fn property_collisions(class: &SchemaClass, out: &mut Vec<Collision>) {
    let properties = class.properties.iter().filter(|f| f.source == "property");
    for group in apex_name::collisions(properties.map(|f| f.wire_name.as_str())) {
        out.push(Collision {
            rule: Some(crate::rules::schemas::AL504.id),
            kind: "property",
            scope: class.class.clone(),
            names: named(&group, |_| "property".to_string()),
        });
    }
    if !class.properties.iter().any(|f| f.source == "additionalProperties") {
        return;
    }
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

/// Request fields of one method that become one field of its `_Request` class (AL311).
/// Parameters are told apart by location on the wire, not in Apex.
fn request_field_collisions(method: &Method, out: &mut Vec<Collision>) {
    let Some(class) = &method.request_class else { return };
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
