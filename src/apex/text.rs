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
    for op in &surface.unsupported {
        let _ = writeln!(
            out,
            "    // {op}: no method; External Services support only GET, PUT, POST, PATCH and DELETE (AL200)"
        );
    }
    for m in &surface.methods {
        if let Some(request) = &m.request_class {
            let _ = writeln!(out, "\nclass {request}");
            fields(&mut out, &m.request_fields);
        }
        if let Some(response) = &m.response_class {
            let _ = writeln!(out, "\nclass {response}");
            if m.response_fields.is_empty() {
                let _ = writeln!(out, "    // no fields: the operation declares no 2xx response");
            }
            responses(&mut out, &m.response_fields);
        }
        if let Some(exception) = &m.exception_class {
            let _ = writeln!(out, "\nclass {exception}  // thrown for any status but 2xx");
            responses(&mut out, &m.exception_fields);
        }
        callbacks(&mut out, m);
    }
    for class in &surface.schema_classes {
        let _ = writeln!(out, "\nclass {}  // {}", class.class, class.pointer);
        fields(&mut out, &class.properties);
    }
    let _ = writeln!(out, "\ninvocable actions");
    for a in &surface.actions {
        let name = a.name.as_deref().unwrap_or("(name derived by an undocumented rule)");
        if !a.flow {
            let _ = writeln!(
                out,
                "    // {name} ({}): none; asynchronous operations are called from Apex only",
                a.operation
            );
            continue;
        }
        let mut shown = vec!["Flow"];
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
    let mut arguments = Vec::new();
    if m.request_class.is_some() {
        arguments.push(format!("{name}_Request request"));
    }
    if m.asynchronous {
        arguments.push(format!("{name}_Callback callback"));
        arguments.push("Datetime timeout".to_string());
        notes.push("asynchronous: Apex only".to_string());
    }
    let _ = writeln!(
        out,
        "    {name}_Response {name}({});  // {}",
        arguments.join(", "),
        notes.join("; ")
    );
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
    for f in fields {
        let status = f.status.as_deref();
        match (&f.name, &f.apex_type) {
            (Some(name), Some(ty)) => {
                let comment = match (name.as_str(), status) {
                    ("defaultResponse", None) => "  // the body of any undeclared status, as text",
                    ("defaultResponse", Some(_)) => "  // `default`",
                    ("responseCode", _) => "  // the HTTP status",
                    _ => "",
                };
                let _ = writeln!(out, "    {ty} {name};{comment}");
            }
            (Some(name), None) => {
                let _ = writeln!(
                    out,
                    "    // {name}: status {}, the response declares no body",
                    status.unwrap_or("?")
                );
            }
            (None, ty) => {
                let _ = writeln!(
                    out,
                    "    // `{}`: {}; no documented Apex name (AL211)",
                    status.unwrap_or("?"),
                    ty.as_deref().unwrap_or("no body")
                );
            }
        }
    }
}

fn callbacks(out: &mut String, m: &Method) {
    let Some(class) = &m.callback_class else { return };
    let _ = writeln!(out, "\nabstract class {class}  // extend it to receive the callbacks");
    for cb in &m.callbacks {
        let item = cb.item_class.as_deref().unwrap_or("?");
        let note = if cb.method == cb.name {
            String::new()
        } else {
            format!("; callback `{}`", cb.name)
        };
        let _ = writeln!(
            out,
            "    void {}(List<{item}> callbacks);  // override{note}",
            cb.method
        );
    }
    for cb in &m.callbacks {
        let Some(item) = &cb.item_class else { continue };
        let _ = writeln!(out, "\nclass {item}");
        let _ = writeln!(
            out,
            "    {} response.body;  // what the app posts to the callback URL",
            cb.body_type.as_deref().unwrap_or("Object")
        );
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
