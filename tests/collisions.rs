//! The Apex name collisions `applinkc apex` reports as errors are `check` findings (AL311,
//! AL512) with the place of both names, and `build` refuses them.
mod common;

use std::path::Path;

use common::applinkc_in as applinkc;

const HEAD: &str =
    "openapi: 3.0.3\ninfo:\n  title: Quotes\n  version: 1.0.0\n  description: Generates price quotes.\npaths:\n";

fn spec(paths: &str, components: &str) -> String {
    format!("{HEAD}{paths}{components}")
}

/// `(rule, message)` of every AL311/AL512 finding, from the JSON report.
fn collisions(dir: &Path) -> Vec<(String, String, String)> {
    let out = applinkc(dir)
        .args(["check", "api.yaml", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| matches!(d["rule"].as_str(), Some("AL311" | "AL512")))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn refused_by_build_and_apex(dir: &Path) {
    let out = applinkc(dir)
        .args([
            "build",
            "api.yaml",
            "--client-name",
            "Quote",
            "--app-url",
            "https://quote.herokuapp.com",
            "-o",
            "out.zip",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: api.yaml has errors; nothing was built\n"
    );
    assert!(!dir.join("out.zip").exists());
    let out = applinkc(dir)
        .args(["apex", "api.yaml", "--client-name", "Quote"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

const OK: &str = "      responses:\n        '200':\n          description: OK\n";

#[test]
fn parameters_that_become_one_apex_field_are_al311() {
    let dir = tempfile::tempdir().unwrap();
    let paths = format!(
        "  /quotes/{{id}}:\n    get:\n      operationId: getQuote\n      description: Reads one quote.\n      parameters:\n\
         \x20       - {{name: id, in: path, required: true, schema: {{type: string}}}}\n\
         \x20       - {{name: id, in: query, schema: {{type: string}}}}\n{OK}\
         \x20 /quotes:\n    get:\n      operationId: listQuotes\n      description: Lists the quotes.\n      parameters:\n\
         \x20       - {{name: id, in: query, schema: {{type: string}}}}\n\
         \x20       - {{name: ID, in: header, schema: {{type: string}}}}\n{OK}\
         \x20   post:\n      operationId: createQuote\n      description: Creates a quote.\n      parameters:\n\
         \x20       - {{name: body, in: query, schema: {{type: string}}}}\n\
         \x20     requestBody:\n        content:\n          application/json:\n            schema: {{type: string}}\n{OK}"
    );
    std::fs::write(dir.path().join("api.yaml"), spec(&paths, "")).unwrap();
    assert_eq!(
        collisions(dir.path()),
        [
            (
                "AL311".into(),
                "/paths/~1quotes~1{id}/get/parameters/1/name".into(),
                "query parameter `id` of GET /quotes/{id} becomes the same Apex field `id` as path parameter `id` (line 12); Apex names ignore case".into()
            ),
            (
                "AL311".into(),
                "/paths/~1quotes/get/parameters/1/name".into(),
                "header parameter `ID` of GET /quotes becomes the same Apex field `ID` as query parameter `id` (line 22); Apex names ignore case".into()
            ),
            (
                "AL311".into(),
                "/paths/~1quotes/post/requestBody".into(),
                "the request body of POST /quotes collides with query parameter `body` (line 31) in Apex: the request class holds the body as the field `body`".into()
            ),
        ]
    );
    refused_by_build_and_apex(dir.path());
}

#[test]
fn schemas_that_become_one_apex_class_are_al512() {
    let dir = tempfile::tempdir().unwrap();
    let paths =
        format!("  /quotes:\n    get:\n      operationId: listQuotes\n      description: Lists the quotes.\n{OK}");
    let components = "components:\n  schemas:\n    Foo:\n      type: object\n      properties: {a: {type: string}}\n    foo:\n      type: object\n      properties: {b: {type: string}}\n";
    std::fs::write(dir.path().join("api.yaml"), spec(&paths, components)).unwrap();
    assert_eq!(
        collisions(dir.path()),
        [(
            "AL512".into(),
            "/components/schemas/foo".into(),
            "schema `foo` becomes the same Apex class as `Foo` (line 16): `HerokuAppLink.<Client>_foo`, and Apex names ignore case".into()
        )]
    );
    refused_by_build_and_apex(dir.path());
}
