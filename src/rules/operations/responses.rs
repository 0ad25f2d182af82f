//! AL210–AL212, AL214: `responses` — a 2xx status, no ranges, no headers, keys that are status
//! codes.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Span;
use rustc_hash::FxHashMap;

pub static AL210: Rule = Rule {
    id: RuleId::new("AL210"),
    name: "success-response",
    severity: RuleSeverity::Warning,
    summary: "every operation declares an explicit 2xx response",
    docs: r##"## What it does
Reports an operation without `responses`, or whose `responses` have no explicit success status
code (`200`–`299`). `default` and the range `2XX` do not count.

## Why
External Services name an operation's outputs after its status codes (`Code200`, `Code201`…).
Without a 2xx code, the only output is `default`, typed as a plain String: Apex and Flow get no
structured result. The agent guide requires "responses in the 200-299 range".

## Example
```yaml
responses:
  default:
    description: The quote
```

## Use instead
```yaml
responses:
  '200':
    description: The quote
    content:
      application/json:
        schema: {$ref: '#/components/schemas/Quote'}
```

## Source
Salesforce Help, *Operation Output Parameters* (S12); Agentforce Developer Guide, *Verify
Metadata and OpenAPI Specification Documents* (S18).
"##,
    check: check_success,
};

pub static AL211: Rule = Rule {
    id: RuleId::new("AL211"),
    name: "response-range",
    severity: RuleSeverity::Warning,
    summary: "responses use explicit status codes, not ranges like `2XX`",
    docs: r##"## What it does
Reports response keys that are ranges: `1XX` … `5XX` (any case).

## Why
External Services name outputs by "the HTTP response code value or default" — `Code200`,
`Code404`. A range has no documented output name: the response is likely dropped, or its output
gets a name you cannot predict.

## Example
```yaml
responses:
  2XX:
    description: Success
```

## Use instead
```yaml
responses:
  '200':
    description: Success
```

## Source
Salesforce Help, *Operation Output Parameters* (S12) and *External Service Registrations in
Apex* (S15); inference.
"##,
    check: check_ranges,
};

pub static AL212: Rule = Rule {
    id: RuleId::new("AL212"),
    name: "response-headers",
    severity: RuleSeverity::AgentError,
    summary: "responses declare no headers",
    docs: r##"## What it does
Reports `headers` in a response (following a `$ref` to `components.responses`). An error on
agent actions, a warning on other operations. A response shared by both kinds is reported once,
as an error.

## Why
External Services: "Response headers aren't supported". The agent guide: "Don't include this
field. Headers aren't allowed in responses." For other operations the headers are dropped and
never reach Apex or Flow; anything the caller needs must be in the body.

## Example
```yaml
responses:
  '200':
    description: The quote
    headers:
      X-Rate-Limit-Remaining: {schema: {type: integer}}
```

## Use instead
```yaml
responses:
  '200':
    description: The quote
    content:
      application/json:
        schema:
          type: object
          properties:
            rateLimitRemaining: {type: integer}
```

## Source
Salesforce Help, *Schema Definitions* (S7); Agentforce Developer Guide, *Verify Metadata and
OpenAPI Specification Documents* (S18).
"##,
    check: check_headers,
};

pub static AL214: Rule = Rule {
    id: RuleId::new("AL214"),
    name: "response-status-key",
    severity: RuleSeverity::Error,
    summary: "response keys are status codes (100–599), ranges (`1XX`–`5XX`) or `default`",
    docs: r##"## What it does
Reports a key of an operation's `responses` that is not an HTTP status code from `100` to
`599`, a range `1XX` … `5XX`, `default`, or a specification extension (`x-…`): `foo`, `99`,
`600`, `true`, `20O`.

## Why
OpenAPI defines the keys of the Responses Object as exactly these. External Services name each
output after its status code (`Code200`); a key that is not one is rejected by the
registration, or the response it describes is silently dropped — and with it the output the
Apex, Flow or agent caller expects. A YAML key written `true` or `2.0` is not a status either.

## Example
```yaml
responses:
  ok:
    description: The quote
  '600':
    description: Other
```

## Use instead
```yaml
responses:
  '200':
    description: The quote
  default:
    description: Other
```

## Source
OpenAPI Specification 3.0.3 §4.7.16 *Responses Object* (S29: "Any HTTP status code can be used
as the property name, but only one property per code"; ranges `1XX`–`5XX`; `default`);
Salesforce Help, *Operation Output Parameters* (S12).

## applinkc differs from the catalog
The catalog has no rule for this: AL210 and AL211 assume the keys are status codes. applinkc
adds AL214 (after the catalog's last operation rule, AL213), because a key that is not a status
code got no finding at all.
"##,
    check: check_status_keys,
};

/// A key the Responses Object allows: `100`–`599`, `1XX`–`5XX`, `default`, `x-…`.
fn is_status_key(key: &str) -> bool {
    let b = key.as_bytes();
    let code = b.len() == 3 && (b'1'..=b'5').contains(&b[0]) && b[1].is_ascii_digit() && b[2].is_ascii_digit();
    code || is_range(key) || key == "default" || key.starts_with("x-")
}

fn check_status_keys(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for op in &ctx.spec.operations {
        for entry in op
            .node
            .get("responses")
            .map(crate::source::node::Node::entries)
            .unwrap_or_default()
        {
            if is_status_key(&entry.key) {
                continue;
            }
            sink.report(
                entry.key_span,
                format!(
                    "response key `{}` of {} is not a status code (100–599), a range (`1XX`–`5XX`) or `default`",
                    entry.key,
                    op.label()
                ),
            )
            .help("use the status code the app returns, quoted: `'200'`");
        }
    }
}

fn is_range(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 3
        && (b'1'..=b'5').contains(&b[0])
        && b[1].eq_ignore_ascii_case(&b'x')
        && b[2].eq_ignore_ascii_case(&b'x')
}

fn is_success(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 3 && b[0] == b'2' && b[1].is_ascii_digit() && b[2].is_ascii_digit()
}

fn check_success(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    // An operation that is not a mapping has no fields to check.
    for op in ctx.spec.operations.iter().filter(|op| op.node.is_map()) {
        let Some(entry) = op.node.entry("responses") else {
            sink.report(op.method_entry.key_span, format!("{} has no `responses`", op.label()))
                .help("declare the success response, e.g. `'200': {description: …, content: …}`");
            continue;
        };
        let codes = entry.value.entries();
        if codes.iter().any(|e| is_success(&e.key)) {
            continue;
        }
        let has_range = codes.iter().any(|e| e.key.eq_ignore_ascii_case("2xx"));
        let (message, help) = if has_range {
            (
                format!("{} has only the range `2XX` as success response", op.label()),
                "use the status the app returns (`'200'`): outputs are named after status codes (`Code200`)",
            )
        } else {
            (
                format!(
                    "{} has no 2xx response; its only output would be `default`, a plain string",
                    op.label()
                ),
                "declare the success response with its status code, e.g. `'200'`; outputs are named after status codes (`Code200`)",
            )
        };
        sink.report(entry.key_span, message).help(help);
    }
}

fn check_ranges(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for op in &ctx.spec.operations {
        for entry in op
            .node
            .get("responses")
            .map(crate::source::node::Node::entries)
            .unwrap_or_default()
        {
            if is_range(&entry.key) {
                let example = match entry.key.as_bytes()[0] {
                    b'2' => "'200'",
                    b'4' => "'400'",
                    b'5' => "'500'",
                    b'3' => "'302'",
                    _ => "'100'",
                };
                sink.report(
                    entry.key_span,
                    format!(
                        "response range `{}` of {} has no documented Apex output name",
                        entry.key,
                        op.label()
                    ),
                )
                .help(format!("list the status codes the app returns, e.g. `{example}`"));
            }
        }
    }
}

fn check_headers(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    // A response in `components` may be shared by agent and other operations: report it once,
    // as an error if any agent action uses it.
    let mut found: Vec<(Span, bool, String)> = Vec::new();
    let mut index: FxHashMap<Span, usize> = FxHashMap::default();
    for op in &ctx.spec.operations {
        for response in op
            .node
            .get("responses")
            .map(crate::source::node::Node::entries)
            .unwrap_or_default()
        {
            let resolved = ctx.spec.deref(&response.value);
            let Some(headers) = resolved.entry("headers") else {
                continue;
            };
            let names: Vec<String> = headers.value.entries().iter().map(|h| format!("`{}`", h.key)).collect();
            let what = match names.len() {
                0 => "an empty `headers`".to_string(),
                1 => format!("the header {}", names[0]),
                _ => format!("the headers {}", names.join(", ")),
            };
            let message = format!(
                "response `{}` of {} declares {what}; response headers are not supported",
                response.key,
                op.label()
            );
            match index.get(&headers.key_span) {
                Some(&i) => found[i].1 |= op.agent,
                None => {
                    index.insert(headers.key_span, found.len());
                    found.push((headers.key_span, op.agent, message));
                }
            }
        }
    }
    for (span, agent, message) in found {
        sink.report_agent(agent, span, message)
            .help("remove `headers` and return what the caller needs in the response body");
    }
}
