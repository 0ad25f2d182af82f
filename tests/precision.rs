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
        .filter(|d| rules.contains(&d.rule.as_str()))
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
            "warning[AL510]: 2 properties of agent actions have no description; first: property `opportunityId` of an agent action has no description",
            "1 error, 1 warning, 1 info in 1 file",
        ]
    );
    // Turned off, AL805 blocks nothing: no "blocked by 1 error (AL805)" next to "0 errors".
    assert_eq!(
        check_with_config("[rules]\nAL805 = \"off\"\n"),
        [
            "warning[AL510]: 2 properties of agent actions have no description; first: property `opportunityId` of an agent action has no description",
            "0 errors, 1 warning, 0 infos in 1 file",
        ]
    );
    // Lowered to a warning, it is no error to cite either.
    assert_eq!(
        check_with_config("[rules]\nAL805 = \"warning\"\n"),
        [
            "warning[AL805]: agent action `generateQuote` does not declare `isDisplayable`",
            "warning[AL510]: 2 properties of agent actions have no description; first: property `opportunityId` of an agent action has no description",
            "0 errors, 2 warnings, 0 infos in 1 file",
        ]
    );
}

#[test]
fn same_cause_names_are_one_finding_that_lists_every_place() {
    let spec = "openapi: 3.0.3
info: {title: Accounts, version: 1.0.0}
paths:
  /accounts:
    get:
      operationId: list_accounts
      parameters:
        - {name: page_size, in: query, schema: {type: integer}}
        - {name: sort_by, in: query, schema: {type: string}}
      responses:
        '200':
          description: Listed
          content:
            application/json:
              schema:
                type: object
                properties:
                  first_name: {type: string}
                  last_name: {type: string}
                  x-id: {type: string}
                  type: {type: string}
    post:
      operationId: create_account
      responses:
        '204': {description: Created}
";
    let report = check_bytes("spec.yaml", spec.as_bytes().to_vec(), &PublishFlags::default());
    let shown: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| ["AL204", "AL308", "AL505"].contains(&d.rule.as_str()))
        .flat_map(|d| {
            let at = report.start(d);
            let mut lines = vec![format!(
                "{}:{} {}[{}] {}",
                at.line, at.col, d.severity, d.rule, d.message
            )];
            for r in &d.related {
                let at = report.source.line_col(r.span.start);
                lines.push(format!("  {}:{} {} — {}", at.line, at.col, r.pointer, r.message));
            }
            lines
        })
        .collect();
    assert_eq!(
        shown,
        [
            "6:20 warning[AL204] 2 operationId names contain `_`; first: operationId `list_accounts` becomes `listx5faccounts` in Apex",
            "  23:20 /paths/~1accounts/post/operationId — operationId `create_account` becomes `createx5faccount` in Apex",
            "8:18 warning[AL308] 2 parameter names contain `_`; first: query parameter `page_size` becomes `pagex5fsize` in Apex",
            "  9:18 /paths/~1accounts/get/parameters/1/name — query parameter `sort_by` becomes `sortx5fby` in Apex",
            "18:19 warning[AL505] 2 property names contain `_`; first: property `first_name` becomes `firstx5fname` in Apex",
            "  19:19 /paths/~1accounts/get/responses/200/content/application~1json/schema/properties/last_name — property `last_name` becomes `lastx5fname` in Apex",
            "20:19 warning[AL505] property `x-id` becomes `xx2did` in Apex",
            "21:19 warning[AL505] property `type` becomes `z0type` in Apex",
        ]
    );
}

#[test]
fn grouped_places_are_sarif_related_locations_and_json_related() {
    let spec = "openapi: 3.0.3
info: {title: Accounts, version: 1.0.0}
paths: {}
components:
  schemas:
    Account:
      properties:
        first_name: {type: string}
        last_name: {type: string}
";
    let mut report = check_bytes("spec.yaml", spec.as_bytes().to_vec(), &PublishFlags::default());
    report.diagnostics.retain(|d| d.rule == "AL505");
    let run = applinkc::diagnostics::RunInfo {
        cwd: std::env::current_dir().unwrap(),
        ..Default::default()
    };
    let reports = [report];
    let sarif: serde_json::Value = serde_json::from_str(&applinkc::diagnostics::sarif::render(&reports, &run)).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(
        result["relatedLocations"],
        serde_json::json!([{
            "id": 0,
            "physicalLocation": {
                "artifactLocation": {"uri": "spec.yaml", "uriBaseId": "%SRCROOT%", "index": 0},
                "region": {"startLine": 9, "startColumn": 9, "endLine": 9, "endColumn": 18, "byteOffset": 162, "byteLength": 9}
            },
            "message": {"text": "property `last_name` becomes `lastx5fname` in Apex"}
        }])
    );
    let json: serde_json::Value = serde_json::from_str(&applinkc::diagnostics::json::render(&reports, &run)).unwrap();
    assert_eq!(
        json["findings"][0]["related"],
        serde_json::json!([{
            "message": "property `last_name` becomes `lastx5fname` in Apex",
            "pointer": "/components/schemas/Account/properties/last_name",
            "start": {"line": 9, "col": 9},
            "end": {"line": 9, "col": 18}
        }])
    );
    // Findings without other places carry no `related` key.
    let single = check_bytes(
        "one.yaml",
        spec.replace("last_name", "lastName").into_bytes(),
        &PublishFlags::default(),
    );
    let json: serde_json::Value = serde_json::from_str(&applinkc::diagnostics::json::render(&[single], &run)).unwrap();
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f.get("related").is_none())
    );
}

#[test]
fn unknown_extensions_on_operations_and_schemas_are_reported() {
    let spec = "openapi: 3.0.3
info: {title: Quotes, version: 1.0.0}
x-applink: {clientName: Quotes}
paths:
  /quotes:
    post:
      operationId: generateQuote
      x-salesforce: {agent: {action: {publishAsAgentAction: true}}}
      x-callbacks: {}
      x-sfdc: {heroku: {authorization: {connectedApp: Quotes}}}
      responses:
        '200':
          description: The quote
          content:
            application/json:
              schema: {type: object, x-internal: true, properties: {id: {type: string, x-internal: true}}}
";
    assert_eq!(
        findings("spec.yaml", spec, &["AL111", "AL113"]),
        [
            "3:1 warning[AL111] /x-applink — root extension `x-applink` has no effect on publishing",
            "8:7 warning[AL113] /paths/~1quotes/post/x-salesforce — extension `x-salesforce` on operation POST /quotes has no effect on publishing",
            "16:38 warning[AL113] /paths/~1quotes/post/responses/200/content/application~1json/schema/x-internal — extension `x-internal` on a schema has no effect on publishing (here and in 1 other place)",
        ]
    );
}

#[test]
fn check_notes_what_build_refuses_and_dry_run_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let spec = "openapi: 3.0.3
info: {title: Quotes, version: 1.0.0, description: Quotes.}
paths:
  /quotes:
    post:
      description: Generates a quote.
      responses:
        '204': {description: Generated}
";
    std::fs::write(dir.path().join("spec.yaml"), spec).unwrap();
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("applinkc")
            .unwrap()
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
    };
    let note = "  = note: `applinkc build` refuses this operation: the registration it writes names each operation after its operationId\n";
    let (code, out) = run(&["check", "spec.yaml"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning[AL203]: POST /quotes has no operationId") && out.contains(" --> spec.yaml:5:5\n"),
        "{out}"
    );
    assert!(out.contains(note), "{out}");
    let build = [
        "build",
        "spec.yaml",
        "--client-name",
        "Quotes",
        "--app-url",
        "https://q.herokuapp.com",
    ];
    let (code, out) = run(&[&build[..], &["--dry-run"]].concat());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[AL203]: POST /quotes has no operationId") && out.contains(" --> spec.yaml:5:5\n"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "the dry run wrote nothing"
    );
    // With an operationId, the dry run passes and still writes nothing; build then writes.
    std::fs::write(
        dir.path().join("spec.yaml"),
        spec.replace("    post:\n", "    post:\n      operationId: generateQuote\n"),
    )
    .unwrap();
    assert_eq!(run(&[&build[..], &["--dry-run"]].concat()).0, 0);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "the dry run wrote nothing"
    );
    assert_eq!(run(&build).0, 0);
    assert!(dir.path().join("Quotes.zip").is_file());
}

#[test]
fn al951_notes_that_build_refuses_it() {
    let flags = PublishFlags {
        client_name: Some("Quotes".into()),
        permission_set_name: Some("quotes".into()),
        ..Default::default()
    };
    let spec = "openapi: 3.0.3\ninfo: {title: Quotes, version: 1.0.0}\npaths: {}\n";
    let report = check_bytes("spec.yaml", spec.as_bytes().to_vec(), &flags);
    let al951: Vec<_> = report.diagnostics.iter().filter(|d| d.rule == "AL951").collect();
    assert_eq!(al951.len(), 1);
    assert_eq!(al951[0].severity, applinkc::diagnostics::Severity::Warning);
    assert_eq!(
        al951[0].notes,
        [
            "`applinkc build` refuses this: it emits the permission set that grants access to the service under the client name"
        ]
    );
}
