//! AL601: the runtime expression that gives Salesforce the callback URL.

use super::callbacks;
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Node;
use crate::source::node::unescape_token;
use crate::spec::{Operation, Spec};

pub static AL601: Rule = Rule {
    id: RuleId::new("AL601"),
    name: "callback-expression",
    severity: RuleSeverity::Error,
    summary: "callback expressions are `{$request.query.<name>}` or `{$request.body#/<pointer>}` to a string",
    docs: r#"## What it does
Checks each callback's runtime expression. It must be exactly `{$request.query.<name>}` or
`{$request.body#/<json-pointer>}` (the pointer may end in an array index:
`#/callbackUrls/0`). The query parameter must exist on the operation, and the pointer must
reach a property (or array element) declared in the request body schema, following `$ref`s,
`properties`, `items` and compositions; what it reaches must be a `string`.

## Why
Salesforce reads the callback URL from the request it sends, through this expression. "Other
complex expressions aren't currently supported"; an expression that points at nothing gives
no URL, and the operation cannot be registered as asynchronous.

## Example
```yaml
callbacks:
  quoteDone:
    '{$request.header.X-Callback-Url}':
      post: {…}
```

## Use instead
```yaml
callbacks:
  quoteDone:
    '{$request.body#/callbackUrl}':
      post: {…}
```
with `callbackUrl: {type: string}` in the request body schema.

## Source
Salesforce Help, *Callouts and Callbacks: Limits and Usage* (S13).
"#,
    check,
};

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for cb in callbacks(ctx) {
        for expression in &cb.expressions {
            if let Err((message, help)) = validate(ctx.spec, cb.op, &expression.key) {
                sink.report(expression.key_span, message).help(help);
            }
        }
    }
}

type Problem = (String, String);

fn validate<'a>(spec: &Spec<'a>, op: &Operation<'a>, expression: &str) -> Result<(), Problem> {
    let unsupported = || {
        (
            format!("callback expression `{expression}` is not supported"),
            "use `{$request.body#/<property>}` or `{$request.query.<name>}`".to_string(),
        )
    };
    let inner = expression
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .filter(|s| !s.contains(['{', '}']))
        .ok_or_else(unsupported)?;
    if let Some(name) = inner.strip_prefix("$request.query.") {
        return query_parameter(spec, op, expression, name);
    }
    if let Some(pointer) = inner.strip_prefix("$request.body#") {
        return body_pointer(spec, op, expression, pointer);
    }
    Err(unsupported())
}

fn query_parameter<'a>(spec: &Spec<'a>, op: &Operation<'a>, expression: &str, name: &str) -> Result<(), Problem> {
    let param = spec.parameters(op).into_iter().map(|(_, p)| p).find(|p| {
        p.get("in").and_then(Node::as_str) == Some("query") && p.get("name").and_then(Node::as_str) == Some(name)
    });
    let Some(param) = param else {
        return Err((
            format!(
                "callback expression `{expression}` names query parameter `{name}`, which {} does not have",
                op.label()
            ),
            format!("add a `{name}` query parameter of type string, or point the expression at the body"),
        ));
    };
    match param
        .get("schema")
        .map(|s| spec.deref(s))
        .and_then(|s| s.get("type"))
        .and_then(Node::as_str)
    {
        Some(ty) if ty != "string" => Err((
            format!("callback expression `{expression}` names query parameter `{name}`, which is `{ty}`, not a string"),
            "the callback URL must be a string".to_string(),
        )),
        _ => Ok(()),
    }
}

fn body_pointer<'a>(spec: &Spec<'a>, op: &Operation<'a>, expression: &str, pointer: &str) -> Result<(), Problem> {
    let missing = |what: String| {
        (
            format!("callback expression `{expression}` points to {what}"),
            "declare the callback URL as a string property of the request body".to_string(),
        )
    };
    let Some(tokens) = pointer.strip_prefix('/') else {
        return Err(missing("the whole request body, not a property".to_string()));
    };
    let Some(body) = op.node.get("requestBody").map(|b| spec.deref(b)) else {
        return Err(missing(format!("the request body, but {} has none", op.label())));
    };
    let content = body.get("content").map(Node::entries).unwrap_or_default();
    let media = content
        .iter()
        .find(|m| m.key.starts_with("application/json"))
        .or_else(|| content.first());
    let Some(mut schema) = media.and_then(|m| m.value.get("schema")).map(|s| spec.deref(s)) else {
        return Err(missing("the request body, which has no schema".to_string()));
    };
    let mut walked = String::new();
    for token in tokens.split('/') {
        let token = unescape_token(token);
        if schema.get("$ref").is_some() {
            return Ok(()); // an unresolvable reference: AL006
        }
        walked.push('/');
        walked.push_str(&token);
        match step(spec, schema, &token, &mut Vec::new()) {
            Some(next) => schema = next,
            None => {
                return Err(missing(format!(
                    "`{walked}`, which the request body schema does not declare"
                )));
            }
        }
    }
    match schema.get("type").and_then(Node::as_str) {
        Some("array") => Err((
            format!("callback expression `{expression}` points to an array, not a string"),
            format!("point to one element: `{{$request.body#{pointer}/0}}`"),
        )),
        Some(ty) if ty != "string" => Err((
            format!("callback expression `{expression}` points to a `{ty}`, not a string"),
            "the callback URL must be a string".to_string(),
        )),
        _ => Ok(()),
    }
}

/// One pointer step inside a schema: a declared property, or an array element. Compositions
/// are searched once per schema (`seen`), as a schema may compose itself through `$ref`.
fn step<'a>(spec: &Spec<'a>, schema: &'a Node, token: &str, seen: &mut Vec<*const Node>) -> Option<&'a Node> {
    if seen.contains(&(schema as *const Node)) || seen.len() > 256 {
        return None;
    }
    seen.push(schema);
    if let Some(prop) = schema.get("properties").and_then(|p| p.get(token)) {
        return Some(spec.deref(prop));
    }
    if token.bytes().all(|b| b.is_ascii_digit())
        && !token.is_empty()
        && let Some(items) = schema.get("items")
    {
        return Some(spec.deref(items));
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        for member in schema.get(keyword).map(Node::items).unwrap_or_default() {
            if let Some(found) = step(spec, spec.deref(member), token, seen) {
                return Some(found);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::check::check_bytes;
    use crate::flags::PublishFlags;

    #[test]
    fn a_schema_composing_itself_does_not_recurse_forever() {
        let spec = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    post:
      operationId: a
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Loop'}
      responses: {'200': {description: OK}}
      callbacks:
        done:
          '{$request.body#/missing}':
            post: {responses: {'200': {description: OK}}}
components:
  schemas:
    Loop:
      allOf:
        - $ref: '#/components/schemas/Loop'
        - $ref: '#/components/schemas/Loop'
        - $ref: '#/components/schemas/Loop'
"#;
        let report = check_bytes("loop.yaml", spec.as_bytes().to_vec(), &PublishFlags::default());
        assert!(report.diagnostics.iter().any(|d| d.rule == "AL601"));
    }
}
