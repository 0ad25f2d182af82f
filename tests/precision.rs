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

/// `check` in a folder holding `applinkc.toml` with `config` and the AL805 fixture: the
/// findings' titles and the summary line.
fn check_with_config(config: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/AL805/fail-no-displayable.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("spec.yaml"), spec).unwrap();
    std::fs::write(dir.path().join("applinkc.toml"), config).unwrap();
    let out = assert_cmd::Command::cargo_bin("applinkc")
        .unwrap()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "spec.yaml"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.contains("]: ") || l.contains(" in 1 file"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn al811_cites_only_what_the_config_leaves_an_error() {
    assert_eq!(
        check_with_config(""),
        [
            "error[AL805]: agent action `generateQuote` does not declare `isDisplayable`",
            "info[AL811]: agent action `generateQuote` is blocked by 1 error (AL805)",
            "warning[AL510]: property `opportunityId` of an agent action has no description",
            "warning[AL510]: property `quoteId` of an agent action has no description",
            "1 error, 2 warnings, 1 info in 1 file",
        ]
    );
    // Turned off, AL805 blocks nothing: no "blocked by 1 error (AL805)" next to "0 errors".
    assert_eq!(
        check_with_config("[rules]\nAL805 = \"off\"\n"),
        [
            "warning[AL510]: property `opportunityId` of an agent action has no description",
            "warning[AL510]: property `quoteId` of an agent action has no description",
            "0 errors, 2 warnings, 0 infos in 1 file",
        ]
    );
    // Lowered to a warning, it is no error to cite either.
    assert_eq!(
        check_with_config("[rules]\nAL805 = \"warning\"\n"),
        [
            "warning[AL805]: agent action `generateQuote` does not declare `isDisplayable`",
            "warning[AL510]: property `opportunityId` of an agent action has no description",
            "warning[AL510]: property `quoteId` of an agent action has no description",
            "0 errors, 3 warnings, 0 infos in 1 file",
        ]
    );
}
