//! AL400–AL402: which media types External Services read.

use super::{Direction, Support, read_type, support, used};
use crate::finding::Severity;
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Entry;

pub static AL400: Rule = Rule {
    id: RuleId::new("AL400"),
    name: "unsupported-media-type",
    severity: RuleSeverity::Error,
    summary: "request and response media types are ones External Services read",
    docs: r#"## What it does
Checks the media types (the keys of `content`) of every request body and response an
operation uses. Parameters such as `; charset=utf-8` and letter case are ignored. Accepted:
`application/json`, `application/x-www-form-urlencoded`, `text/plain` and `*/*`; in responses
also `application/octet-stream`. Vendor JSON types and the wildcards `application/*` and
`text/*` are AL401. Everything else is an error: `application/xml`, `text/xml`,
`multipart/form-data`, images, `application/pdf`, `text/html`, `text/csv`…

When the same `content` map also holds a supported type, the unsupported one is a **warning**
instead: External Services read the supported type (`application/json` when it is there) and
ignore the others. Alone, an unsupported type is still an error.

## Why
External Services: "Unsupported schema directives invalidate the API spec registration".
Other media types need a media-type mapping, which exists only in the External Services
Setup wizard and the Metadata API, not in `heroku salesforce:publish`.

`*/*` is what springdoc (Spring Boot) writes by default, and published Heroku samples —
among them the official Agentforce Java tutorial — use it: it is accepted.

Beside a supported type, other types do not invalidate the registration. ASP.NET Core writes
`application/json`, `text/json` and `application/*+json` for every request body by default;
`gmodica/heroku-app-link-sample-clause-extraction` published such a spec (`api-spec.json` at
c8d0cc08, unchanged there in 2843bc8), and the Apex added in 2843bc8 calls the classes and
members External Services generated from it (`ExtractFiles`, `Code202`, `Code504`), so it
registered.

## Example
```yaml
responses:
  '200':
    description: The quote as XML
    content:
      application/xml:
        schema: {$ref: '#/components/schemas/Quote'}
```
A warning, not an error (`text/json` is ignored, `application/json` is read):
```yaml
requestBody:
  content:
    application/json: {schema: {$ref: '#/components/schemas/Extract'}}
    text/json: {schema: {$ref: '#/components/schemas/Extract'}}
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
Salesforce Help, *OpenAPI 2.0 and 3.0 Support* (S6), *Media Type Directives and Mapping*
(S11), *Operation Output Parameters* (S12); catalog section 13 (`*/*` in published specs);
`gmodica/heroku-app-link-sample-clause-extraction` `api-spec.json` @c8d0cc08 and its
`ClausesExtractionService.cls` (`../shared/reference/org-evidence.md` §8: siblings of a
supported type).

## applinkc differs from the catalog
The catalog makes every unsupported type an error. A published spec shows that a type beside
a supported one is ignored rather than fatal, so applinkc reports it as a warning (AL400 keeps
one id and reports that case with its own severity, as the `E*` rules do per operation; a
severity set for AL400 in `applinkc.toml` applies to both cases).
"#,
    check: check_unsupported,
};

fn check_unsupported(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for content in used(ctx) {
        let read = read_type(content.media(), content.direction);
        for media in content.media() {
            if support(&media.key, content.direction) != Support::Unsupported {
                continue;
            }
            if let Some(read) = read {
                report_ignored(sink, media, read);
                continue;
            }
            let octet = super::essence(&media.key).eq_ignore_ascii_case("application/octet-stream");
            let message = if octet {
                format!("media type `{}` is supported in responses only", media.key)
            } else {
                format!("media type `{}` is not supported by External Services", media.key)
            };
            let help = match content.direction {
                Direction::Request => "send `application/json` (or `application/x-www-form-urlencoded`, `text/plain`)",
                Direction::Response => "return `application/json` (or `text/plain`, `application/octet-stream`)",
            };
            sink.report(media.key_span, message).help(help);
        }
    }
}

/// A type beside the one External Services read: ignored, a warning (AL400 and AL401).
fn report_ignored(sink: &mut Sink<'_>, media: &Entry, read: &Entry) {
    sink.report_with(
        Severity::Warning,
        media.key_span,
        format!(
            "media type `{}` is ignored: External Services read `{}` here",
            media.key, read.key
        ),
    )
    .help(format!(
        "remove it, or keep it knowing Salesforce sends and reads `{}` only",
        read.key
    ));
}

pub static AL401: Rule = Rule {
    id: RuleId::new("AL401"),
    name: "mapped-media-type",
    severity: RuleSeverity::Warning,
    summary: "vendor JSON and wildcard media types need a mapping AppLink cannot create",
    docs: r#"## What it does
Reports the media types that External Services read only through a media-type mapping:
vendor JSON (`application/problem+json`, `application/vnd.api+json`, any
`application/vnd.*`) and the wildcards `application/*` and `text/*`.

## Why
External Services map such types to JSON or text only when the admin sets a mapping in the
Setup wizard or in the Metadata API. `heroku salesforce:publish` registers the spec without
one, so the body is likely not parsed.

When the same `content` map also holds a supported type (`application/json`), the finding
says the type is ignored instead: External Services read the supported one (see AL400 for the
published spec that shows it).

## Example
```yaml
content:
  application/problem+json:
    schema: {$ref: '#/components/schemas/Problem'}
```

## Use instead
```yaml
content:
  application/json:
    schema: {$ref: '#/components/schemas/Problem'}
```

## Source
Salesforce Help, *OpenAPI 2.0 and 3.0 Support* (S6), *Media Type Directives and Mapping*
(S11); `gmodica/heroku-app-link-sample-clause-extraction` `api-spec.json` @c8d0cc08
(`application/*+json` beside `application/json`).
"#,
    check: check_needs_mapping,
};

fn check_needs_mapping(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for content in used(ctx) {
        let read = read_type(content.media(), content.direction);
        for media in content.media() {
            if support(&media.key, content.direction) == Support::NeedsMapping {
                if let Some(read) = read {
                    report_ignored(sink, media, read);
                    continue;
                }
                sink.report(
                    media.key_span,
                    format!(
                        "media type `{}` needs a media-type mapping, which AppLink does not create",
                        media.key
                    ),
                )
                .help("use `application/json`");
            }
        }
    }
}

pub static AL402: Rule = Rule {
    id: RuleId::new("AL402"),
    name: "several-media-types",
    severity: RuleSeverity::Warning,
    summary: "one media type per request body or response",
    docs: r#"## What it does
Reports a request body or response whose `content` lists more than one media type.

## Why
External Services use one media type per body (JSON when there is one) and build one Apex
type from its schema; the other entries are ignored, and the response types end up in the
`Accept` header of the callout.

## Example
```yaml
content:
  application/json:
    schema: {$ref: '#/components/schemas/Quote'}
  application/xml:
    schema: {$ref: '#/components/schemas/Quote'}
```

## Use instead
```yaml
content:
  application/json:
    schema: {$ref: '#/components/schemas/Quote'}
```

## Source
Salesforce Help, *Media Type Directives and Mapping* (S11).
"#,
    check: check_several,
};

fn check_several(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for content in used(ctx) {
        let media = content.media();
        if media.len() < 2 {
            continue;
        }
        let names: Vec<String> = media.iter().map(|m| format!("`{}`", m.key)).collect();
        sink.report(
            content.content.key_span,
            format!(
                "`content` has {} media types ({}); External Services use only one",
                media.len(),
                names.join(", ")
            ),
        )
        .help("keep one media type, `application/json` when you can");
    }
}
