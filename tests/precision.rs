//! Issue #17, precision on real specs: what really published gives no false error, no schema
//! place goes unchecked, `check` and `build` agree. Each test pins the exact findings (rule,
//! line:col, severity, pointer, message) of a small spec written for it.

use applinkc::check::check_bytes;
use applinkc::flags::PublishFlags;

/// `line:col severity[rule] pointer — message` for the findings of `rules` on `text`.
fn findings(name: &str, text: &str, rules: &[&str]) -> Vec<String> {
    let report = check_bytes(name, text.as_bytes().to_vec(), &PublishFlags::default());
    report
        .diagnostics
        .iter()
        .filter(|d| rules.contains(&d.rule))
        .map(|d| {
            let at = report.start(d);
            format!(
                "{}:{} {}[{}] {} — {}",
                at.line, at.col, d.severity, d.rule, d.pointer, d.message
            )
        })
        .collect()
}

/// The ASP.NET Core default triple, as `gmodica/heroku-app-link-sample-clause-extraction`
/// published it (our own spec, same shape).
const TRIPLE: &str = r##"{
  "openapi": "3.0.1",
  "info": {"title": "Clauses", "version": "1.0"},
  "paths": {
    "/extract": {
      "post": {
        "operationId": "ExtractFiles",
        "requestBody": {
          "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Req"}},
            "text/json": {"schema": {"$ref": "#/components/schemas/Req"}},
            "application/*+json": {"schema": {"$ref": "#/components/schemas/Req"}}
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {"text/xml": {"schema": {"$ref": "#/components/schemas/Req"}}}
          }
        }
      }
    }
  },
  "components": {"schemas": {"Req": {"type": "object", "properties": {"url": {"type": "string"}}}}}
}
"##;

#[test]
fn media_types_beside_a_supported_one_are_ignored_not_fatal() {
    assert_eq!(
        findings("api-spec.json", TRIPLE, &["AL400", "AL401"]),
        [
            "11:13 warning[AL400] /paths/~1extract/post/requestBody/content/text~1json — media type `text/json` is ignored: External Services read `application/json` here",
            "12:13 warning[AL401] /paths/~1extract/post/requestBody/content/application~1*+json — media type `application/*+json` is ignored: External Services read `application/json` here",
            "18:25 error[AL400] /paths/~1extract/post/responses/200/content/text~1xml — media type `text/xml` is not supported by External Services",
        ]
    );
}

#[test]
fn schemas_under_headers_are_checked() {
    let spec = "openapi: 3.0.3
info: {title: Quotes, version: 1.0.0}
paths:
  /quotes:
    get:
      operationId: listQuotes
      responses:
        '200':
          description: The quotes
          headers:
            X-Rate-Limit: {schema: {type: [integer, 'null']}}
            X-Ids: {$ref: '#/components/headers/Ids'}
components:
  headers:
    Ids: {schema: {type: array}}
";
    assert_eq!(
        findings("spec.yaml", spec, &["AL500", "AL502", "AL503"]),
        [
            "11:43 error[AL502] /paths/~1quotes/get/responses/200/headers/X-Rate-Limit/schema/type — `type` is a list; OpenAPI 3.0 takes a single type",
            "15:26 error[AL503] /components/headers/Ids/schema/type — `type: array` without `items`",
        ]
    );
}
