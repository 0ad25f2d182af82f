//! The schema classes: component object schemas, then the inline object classes named after
//! their place, each with its merged properties.

use super::{Builder, Field, MAP_FIELD, MAX_DEPTH, SchemaClass};
use crate::source::Node;
use crate::spec::apex_type::{ApexTypes, is_class, media_schema};
use crate::spec::{Operation, apex_name};

impl<'a> Builder<'_, 'a> {
    /// The component schemas that are classes, then the inline classes: those of each
    /// operation's request body and responses, and those nested in component classes.
    pub(super) fn schema_classes(&self, operations: &[&Operation<'a>]) -> Vec<SchemaClass> {
        let mut out = Vec::new();
        let mut inline: Vec<(String, &'a Node)> = Vec::new();
        for e in self
            .spec
            .root
            .path(&["components", "schemas"])
            .map(Node::entries)
            .unwrap_or_default()
        {
            if !is_class(&e.value) {
                continue;
            }
            let class = self.types.component_class(&e.key);
            self.types.walk_properties(&e.value, &class, &mut inline, 0);
            out.push(SchemaClass {
                schema: Some(e.key.to_string()),
                pointer: format!("#{}", self.spec.root.pointer_to(e.value.span)),
                class: self.qualified(&class),
                properties: self.properties(&e.value, &class),
                span: e.key_span,
            });
        }
        for op in operations {
            let Some(id) = op.operation_id() else { continue };
            if let Some(schema) = op
                .node
                .get("requestBody")
                .map(|b| self.spec.deref(b))
                .and_then(media_schema)
            {
                self.types
                    .inline_classes(schema, &self.types.request_body_class(id), &mut inline);
            }
            for entry in op.node.get("responses").map(Node::entries).unwrap_or_default() {
                let response = self.spec.deref(&entry.value);
                if let (Some(schema), Some(name)) = (media_schema(response), self.types.response_class(id, &entry.key))
                {
                    self.types.inline_classes(schema, &name, &mut inline);
                }
            }
        }
        for (class, node) in inline {
            out.push(SchemaClass {
                schema: None,
                pointer: format!("#{}", self.spec.root.pointer_to(node.span)),
                class: self.qualified(&class),
                properties: self.properties(node, &class),
                span: node.span,
            });
        }
        out
    }

    /// The properties of class `class`, with those of its `allOf` members after its own.
    fn properties(&self, node: &'a Node, class: &str) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        self.collect_properties(node, class, &mut out, 0, &mut Vec::new());
        out
    }

    /// `seen` holds the schemas already merged into this class: a schema that composes itself
    /// (`allOf: [$ref Self, $ref Self]`) would otherwise be walked exponentially often.
    fn collect_properties(
        &self,
        node: &'a Node,
        class: &str,
        out: &mut Vec<Field>,
        depth: usize,
        seen: &mut Vec<*const Node>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let node = self.spec.deref(node);
        if seen.contains(&(node as *const Node)) {
            return;
        }
        seen.push(node);
        let required: Vec<&str> = node
            .get("required")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str)
            .collect();
        for prop in node.get("properties").map(Node::entries).unwrap_or_default() {
            if out.iter().any(|f| f.wire_name == *prop.key) {
                continue;
            }
            let inline = ApexTypes::property_class(class, &prop.key);
            out.push(Field {
                name: apex_name::encode(&prop.key),
                wire_name: prop.key.to_string(),
                apex_type: self.apex_type(&prop.value, Some(&inline)),
                source: "property",
                required: required.contains(&&*prop.key),
                span: prop.key_span,
            });
        }
        for member in node.get("allOf").map(Node::items).unwrap_or_default() {
            self.collect_properties(member, class, out, depth + 1, seen);
        }
        // Documented: `additionalProperties` become one Map field named `properties`.
        if let Some(value_type) = self.additional_properties(node)
            && !out.iter().any(|f| f.source == "additionalProperties")
        {
            out.push(Field {
                name: MAP_FIELD.to_string(),
                wire_name: "additionalProperties".to_string(),
                apex_type: format!("Map<String, {value_type}>"),
                source: "additionalProperties",
                required: false,
                span: node.entry("additionalProperties").map_or(node.span, |e| e.key_span),
            });
        }
    }

    /// The value type of `additionalProperties` (a schema, or `true` for any value).
    fn additional_properties(&self, node: &'a Node) -> Option<String> {
        match node.get("additionalProperties")? {
            value if value.is_map() => Some(self.apex_type(value, None)),
            value if value.as_bool() == Some(true) => Some("Object".to_string()),
            _ => None,
        }
    }
}
