//! `applinkc apex` (text): the surface written as Apex-like declarations, with the spec's own
//! name in a comment wherever the Apex name differs from it.

use super::{Collision, Field, Method, ResponseField, Surface};
use std::fmt::Write;

pub fn render(surface: &Surface) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// Apex that External Services generate for `--client-name {}`",
        surface.client
    );
    let _ = writeln!(
        out,
        "// Apex names are case-insensitive; requests and responses keep the spec's names on the wire\n"
    );
    let _ = writeln!(out, "class {}", surface.service_class);
    for m in &surface.methods {
        method_line(&mut out, m);
    }
    for m in &surface.methods {
        if let Some(request) = &m.request_class {
            let _ = writeln!(out, "\nclass {request}");
            fields(&mut out, &m.request_fields);
        }
        if let Some(response) = &m.response_class {
            let _ = writeln!(out, "\nclass {response}");
            responses(&mut out, &m.response_fields);
        }
        if let Some(exception) = &m.exception_class {
            let _ = writeln!(out, "\nclass {exception}");
            responses(&mut out, &m.exception_fields);
        }
    }
    for class in &surface.schema_classes {
        let _ = writeln!(out, "\nclass {}  // #/components/schemas/{}", class.class, class.schema);
        fields(&mut out, &class.properties);
    }
    let _ = writeln!(out, "\ninvocable actions");
    for a in &surface.actions {
        let name = a.name.as_deref().unwrap_or("(name derived by an undocumented rule)");
        let mut shown = Vec::new();
        shown.push(if a.flow { "Flow" } else { "Apex only (asynchronous)" });
        if a.agent {
            shown.push("Agentforce agent action");
        }
        let _ = writeln!(out, "    {name}  // {}; {}", a.operation, shown.join(", "));
        let _ = writeln!(out, "        inputs: {}", list(&a.inputs));
        let _ = writeln!(out, "        outputs: {}", list(&a.outputs));
    }
    if surface.collisions.is_empty() {
        let _ = writeln!(out, "\nno name collisions");
    } else {
        let _ = writeln!(out);
        for c in &surface.collisions {
            collision(&mut out, c);
        }
    }
    out
}

fn method_line(out: &mut String, m: &Method) {
    let Some(name) = &m.name else {
        let _ = writeln!(
            out,
            "    // {}: no operationId; External Services derive the method name from method and path by an undocumented rule (AL203)",
            m.operation
        );
        return;
    };
    let mut notes = vec![m.operation.clone()];
    if let Some(id) = &m.operation_id
        && id != name
    {
        notes.push(format!("operationId `{id}`"));
    }
    if m.exception_class.is_some() {
        notes.push(format!("throws {name}_ResponseException"));
    }
    if m.asynchronous {
        notes.push("asynchronous (callbacks)".to_string());
    }
    let argument = if m.request_class.is_some() {
        format!("{name}_Request request")
    } else {
        String::new()
    };
    let _ = writeln!(out, "    {name}_Response {name}({argument});  // {}", notes.join("; "));
}

fn fields(out: &mut String, fields: &[Field]) {
    if fields.is_empty() {
        let _ = writeln!(out, "    // no fields");
    }
    for f in fields {
        let mut notes = Vec::new();
        if f.name != f.wire_name && f.source != "additionalProperties" {
            notes.push(format!("`{}`", f.wire_name));
        }
        match f.source {
            "property" => {}
            "additionalProperties" => notes.push("additionalProperties".to_string()),
            "body" => notes.push("request body".to_string()),
            location => notes.push(format!("{location} parameter")),
        }
        if f.required {
            notes.push("required".to_string());
        }
        let comment = if notes.is_empty() {
            String::new()
        } else {
            format!("  // {}", notes.join(", "))
        };
        let _ = writeln!(out, "    {} {};{comment}", f.apex_type, f.name);
    }
}

fn responses(out: &mut String, fields: &[ResponseField]) {
    if fields.is_empty() {
        let _ = writeln!(out, "    // no fields: the operation declares no 2xx response");
    }
    for f in fields {
        match &f.name {
            Some(name) if let Some(ty) = &f.apex_type => {
                let _ = writeln!(out, "    {ty} {name};");
            }
            Some(name) => {
                let _ = writeln!(out, "    // {name}: status {}, the response declares no body", f.status);
            }
            None => {
                let _ = writeln!(
                    out,
                    "    // `{}`: {}; no documented Apex name (AL211)",
                    f.status,
                    f.apex_type.as_deref().unwrap_or("no body")
                );
            }
        }
    }
}

fn collision(out: &mut String, c: &Collision) {
    let rule = c.rule.map(|r| format!("[{r}]")).unwrap_or_default();
    let names: Vec<String> = c
        .names
        .iter()
        .map(|n| format!("`{}` ({}) → `{}`", n.wire_name, n.at, n.apex_name))
        .collect();
    let _ = writeln!(
        out,
        "error{rule}: {} names collide in `{}` (Apex names are case-insensitive): {}",
        c.kind,
        c.scope,
        names.join(", ")
    );
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}
