//! One operation as an Apex method: its request fields, its `_Response` and
//! `_ResponseException` fields, and its callbacks.

use super::{Builder, Callback, Field, Method, NAMESPACE, ResponseField};
use crate::source::{Node, Span};
use crate::spec::apex_type::media_schema;
use crate::spec::{Operation, apex_name};

/// The fields of `_Response` and `_ResponseException`, and the status keys in spec order.
struct Responses {
    success: Vec<ResponseField>,
    exception: Vec<ResponseField>,
    statuses: Vec<String>,
}

impl<'a> Builder<'_, 'a> {
    pub(super) fn method(&self, op: &Operation<'a>) -> Method {
        let operation_id = op.operation_id().map(str::to_owned);
        let name = operation_id.as_deref().map(apex_name::encode);
        let class = |suffix: &str| {
            name.as_ref()
                .map(|n| format!("{NAMESPACE}.{}.{n}_{suffix}", self.client))
        };
        let request_fields = self.request_fields(op, operation_id.as_deref());
        let responses = self.responses(op, operation_id.as_deref());
        let callbacks = self.callbacks(op, name.as_deref());
        let asynchronous = !callbacks.is_empty();
        Method {
            operation: op.label(),
            // Observed: an operation without parameters or body is called with no argument
            // (`service.datacreate()`), so there is no request class to build.
            request_class: if request_fields.is_empty() {
                None
            } else {
                class("Request")
            },
            response_class: class("Response"),
            exception_class: class("ResponseException"),
            callback_class: if asynchronous { class("Callback") } else { None },
            operation_id,
            name,
            request_fields,
            response_fields: responses.success,
            exception_fields: responses.exception,
            asynchronous,
            callbacks,
            statuses: responses.statuses,
            span: op.method_entry.key_span,
            agent: op.agent,
        }
    }

    /// The parameters (path, query, header, cookie), then the request body as `body`.
    fn request_fields(&self, op: &Operation<'a>, operation_id: Option<&str>) -> Vec<Field> {
        let mut fields = Vec::new();
        for (_, param) in self.spec.parameters(op) {
            let Some(wire) = param.get("name").and_then(Node::as_str) else {
                continue;
            };
            let location = match param.get("in").and_then(Node::as_str) {
                Some("path") => "path",
                Some("query") => "query",
                Some("header") => "header",
                Some("cookie") => "cookie",
                _ => continue,
            };
            let schema = param.get("schema").or_else(|| media_schema(param));
            fields.push(Field {
                name: apex_name::encode(wire),
                wire_name: wire.to_string(),
                apex_type: schema.map_or_else(|| "Object".to_string(), |s| self.apex_type(s, None)),
                source: location,
                required: param.get("required").and_then(Node::as_bool) == Some(true),
                span: param.span,
            });
        }
        if let Some(entry) = op.node.entry("requestBody") {
            let body = self.spec.deref(&entry.value);
            let inline = operation_id.map(|id| self.types.request_body_class(id));
            fields.push(Field {
                name: "body".to_string(),
                wire_name: "body".to_string(),
                apex_type: media_schema(body)
                    .map_or_else(|| "Object".to_string(), |s| self.apex_type(s, inline.as_deref())),
                source: "body",
                required: body.get("required").and_then(Node::as_bool) == Some(true),
                span: entry.key_span,
            });
        }
        fields
    }

    /// 2xx statuses (and `2XX`) become `_Response` fields, the others `_ResponseException`
    /// fields, followed by the two members every exception has.
    fn responses(&self, op: &Operation<'a>, operation_id: Option<&str>) -> Responses {
        let mut out = Responses {
            success: Vec::new(),
            exception: Vec::new(),
            statuses: Vec::new(),
        };
        let mut default_response = None;
        for entry in op.node.get("responses").map(Node::entries).unwrap_or_default() {
            let status = entry.key.to_string();
            out.statuses.push(status.clone());
            let numeric = status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit());
            let response = self.spec.deref(&entry.value);
            let inline = operation_id.and_then(|id| self.types.response_class(id, &status));
            let apex_type = media_schema(response).map(|s| self.apex_type(s, inline.as_deref()));
            if status == "default" {
                default_response = Some((apex_type, entry.key_span));
                continue;
            }
            let success = (numeric && status.starts_with('2')) || status.eq_ignore_ascii_case("2XX");
            let field = ResponseField {
                name: numeric.then(|| format!("Code{status}")),
                apex_type,
                status: Some(status),
                span: entry.key_span,
            };
            if success {
                out.success.push(field);
            } else {
                out.exception.push(field);
            }
        }
        // Observed on every `_ResponseException`: `defaultResponse` (the body of any other
        // status, as text) and `responseCode`.
        out.exception.push(ResponseField {
            status: default_response.as_ref().map(|_| "default".to_string()),
            name: Some("defaultResponse".to_string()),
            span: default_response.as_ref().map_or(Span::empty(0), |(_, span)| *span),
            apex_type: Some(
                default_response
                    .and_then(|(ty, _)| ty)
                    .unwrap_or_else(|| "String".to_string()),
            ),
        });
        out.exception.push(ResponseField {
            status: None,
            name: Some("responseCode".to_string()),
            apex_type: Some("Integer".to_string()),
            span: Span::empty(0),
        });
        out
    }

    /// `callbacks.<name>.<expression>.<post|put>`: only the first expression and its first
    /// operation are processed (Salesforce Help, *Callouts and Callbacks*; AL602).
    fn callbacks(&self, op: &Operation<'a>, method: Option<&str>) -> Vec<Callback> {
        let mut out = Vec::new();
        for entry in op.node.get("callbacks").map(Node::entries).unwrap_or_default() {
            let callback = self.spec.deref(&entry.value);
            let body_type = callback
                .entries()
                .first()
                .map(|expression| self.spec.deref(&expression.value))
                .and_then(|item| {
                    item.entries()
                        .iter()
                        .find(|m| matches!(&*m.key, "post" | "put"))
                        .map(|m| &m.value)
                })
                .and_then(|cb_op| cb_op.get("requestBody"))
                .map(|body| self.spec.deref(body))
                .and_then(media_schema)
                .map(|schema| self.apex_type(schema, None));
            let encoded = apex_name::encode(&entry.key);
            out.push(Callback {
                name: entry.key.to_string(),
                item_class: method.map(|m| format!("{NAMESPACE}.{}.{m}_{encoded}_Callback", self.client)),
                method: encoded,
                body_type,
                span: entry.key_span,
            });
        }
        out
    }
}
