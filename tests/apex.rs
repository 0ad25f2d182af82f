//! `applinkc apex`: the Apex surface publishing will generate, pinned on real specs, and the
//! collision findings it shares with AL202/AL504 (`spec::apex_name::collisions`).

mod common;

use assert_cmd::Command;
use std::path::Path;

fn apex(spec: &Path, client: &str, format: &str) -> (String, i32) {
    let out = Command::cargo_bin("applinkc")
        .unwrap()
        .args(["apex", "--client-name", client, "--format", format])
        .arg(spec)
        .output()
        .unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).unwrap(), out.status.code().unwrap())
}

fn corpus(name: &str) -> Option<std::path::PathBuf> {
    Some(common::shared()?.join("corpus/real").join(name))
}

/// The spec of the Node.js org-action pattern, whose README calls
/// `HerokuAppLink.GenerateQuote.generateQuote_Request`, `GenerateQuote_QuoteGenerationRequest`
/// and `service.generateQuote(request).Code200.quoteId`.
#[test]
fn org_action_pattern_matches_the_apex_its_readme_calls() {
    let Some(spec) = corpus("heroku-reference-apps__heroku-applink-pattern-org-action-nodejs__api-docs.yaml") else {
        return;
    };
    let (text, code) = apex(&spec, "GenerateQuote", "text");
    assert_eq!(code, 0);
    assert!(text.contains("class HerokuAppLink.GenerateQuote.generateQuote_Request"));
    assert!(text.contains("class HerokuAppLink.GenerateQuote_QuoteGenerationRequest"));
    assert!(text.contains("HerokuAppLink.GenerateQuote_QuoteGenerationResponse Code200;"));
    insta::assert_snapshot!("org_action_nodejs", text);
}

/// The Apex of afawcett/applink-apex-integration (classes `CreateQuoteController`,
/// `CreateQuotesController`, `CreateQuotesCallback`) uses every name checked here.
#[test]
fn apex_integration_sample_with_a_callback() {
    let Some(spec) = corpus("afawcett__applink-apex-integration__api-docs.yaml") else {
        return;
    };
    let (text, code) = apex(&spec, "QuoteService", "text");
    assert_eq!(code, 0);
    for used in [
        "createQuote_Response createQuote(createQuote_Request request);",
        "createQuotes_Response createQuotes(createQuotes_Request request, createQuotes_Callback callback, Datetime timeout);",
        "class HerokuAppLink.QuoteService.createQuote_ResponseException",
        "HerokuAppLink.QuoteService_createQuote_OUT_401 Code401;",
        "String defaultResponse;",
        "Integer responseCode;",
        "HerokuAppLink.QuoteService_CreateQuotesResponse Code201;",
        "abstract class HerokuAppLink.QuoteService.createQuotes_Callback",
        "void createQuotesResponse(List<HerokuAppLink.QuoteService.createQuotes_createQuotesResponse_Callback> callbacks);",
        "class HerokuAppLink.QuoteService_CreateQuotesRequest",
        "List<String> opportunityIds;",
    ] {
        assert!(text.contains(used), "missing {used:?} in:\n{text}");
    }
    insta::assert_snapshot!("apex_integration", text);
}

/// Its README: `herokuapplink.HelloAPI_hellorequestbody`, `postHello_Request`, `api.postHello`.
#[test]
fn express_hello_with_lower_case_schema_names() {
    let Some(spec) = corpus("heroku-examples__jj-applink-express-hello__api-spec.yaml") else {
        return;
    };
    let (text, code) = apex(&spec, "HelloAPI", "text");
    assert_eq!(code, 0);
    insta::assert_snapshot!("express_hello", text);
}

/// Agent actions, an asynchronous (callback) operation and operations without input.
#[test]
fn data_cloud_inspector_with_agent_actions_and_callbacks() {
    let Some(spec) = corpus("aagnone-sfhk__data-cloud-inspector__api-spec.yaml") else {
        return;
    };
    let (text, code) = apex(&spec, "DataCloudInspector", "text");
    assert_eq!(code, 0);
    insta::assert_snapshot!("data_cloud_inspector", text);
}

/// A property named `from` (reserved: `z0from`).
#[test]
fn zombie_killer_with_a_reserved_property_name() {
    let Some(spec) = corpus("alansf__apex-zombie-killer__apispec.yaml") else {
        return;
    };
    let (text, code) = apex(&spec, "ZombieKiller", "text");
    assert_eq!(code, 0);
    assert!(text.contains("z0from;  // `from`"), "{text}");
    insta::assert_snapshot!("zombie_killer", text);
}

/// A JSON spec (operationId `post_process` → `postx5fprocess`), rendered as JSON.
#[test]
fn agentforce_tutorial_python_as_json() {
    let Some(spec) = corpus("heroku-examples__heroku-agentforce-tutorial-python__api-spec.json") else {
        return;
    };
    let (json, code) = apex(&spec, "AgentforceTutorial", "json");
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["methods"][0]["name"], "postx5fprocess");
    insta::assert_snapshot!("agentforce_tutorial_python_json", json);
}

#[test]
fn every_real_spec_gives_a_surface_without_collisions() {
    let Some(shared) = common::shared() else { return };
    for spec in common::files_with(&shared.join("corpus/real"), &["yaml", "yml", "json"]) {
        let (text, code) = apex(&spec, "Client", "text");
        assert_eq!(code, 0, "{}:\n{text}", spec.display());
        assert!(text.contains("no name collisions"), "{}", spec.display());
    }
}

const COLLIDING: &str = r##"openapi: 3.0.3
info: {title: Accounts, version: "1"}
paths:
  /accounts/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      operationId: getAccount
      parameters:
        - {name: ID, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Account"}
  /accounts:
    get:
      operationId: GetAccount
      responses:
        default: {description: anything}
    post:
      operationId: get_account
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/account"}
      responses:
        "201": {description: created}
        "4XX": {description: client error}
    delete:
      responses:
        "204": {description: gone}
    head:
      operationId: headAccounts
      responses:
        "200": {description: ok}
components:
  schemas:
    Account:
      type: object
      required: [type]
      properties:
        type: {type: string}
        z0Type: {type: string}
        createdAt: {type: string, format: date-time}
        tags: {type: array, items: {type: string}}
        extra: {type: object, additionalProperties: {type: integer, format: int64}}
    account:
      type: object
      properties:
        Properties: {type: string}
      additionalProperties: {type: number}
"##;

#[test]
fn collisions_after_encoding_are_shown_and_fail() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    std::fs::write(&spec, COLLIDING).unwrap();
    let (text, code) = apex(&spec, "Accounts", "text");
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!("collisions", text);
    let (json, code) = apex(&spec, "Accounts", "json");
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rules: Vec<&str> = value["collisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(rules, ["AL202", "AL512", "AL504", "-", "AL311"]);
    // `--fail-severity never` prints the same surface and exits 0.
    let out = Command::cargo_bin("applinkc")
        .unwrap()
        .args(["apex", "--client-name", "Accounts", "--fail-severity", "never"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
}

#[test]
fn a_spec_that_does_not_load_is_reported_like_check() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.json");
    std::fs::write(&spec, "{\"openapi\": ").unwrap();
    let out = Command::cargo_bin("applinkc")
        .unwrap()
        .args(["apex", "--client-name", "C"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[AL010]"));
}

#[test]
fn client_name_is_required() {
    let out = Command::cargo_bin("applinkc")
        .unwrap()
        .args(["apex", "api-spec.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--client-name"));
}

/// `[publish] client-name` of applinkc.toml names the classes when the flag is left out, as for
/// every command that takes publish flags; the flag wins.
#[test]
fn client_name_comes_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/api-spec.yaml"),
        dir.path().join("api-spec.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("applinkc.toml"),
        "[publish]\nclient-name = \"FromConfig\"\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let out = Command::cargo_bin("applinkc")
            .unwrap()
            .current_dir(dir.path())
            .args(["apex", "api-spec.yaml"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run(&[]).contains("class HerokuAppLink.FromConfig\n"));
    assert!(run(&["--client-name", "FromFlag"]).contains("class HerokuAppLink.FromFlag\n"));
}
