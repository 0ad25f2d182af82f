//! Completion of `x-sfdc` keys and values, and references to a component.

use super::*;

/// The `textDocument/completion` response at `line:character` of `uri`.
fn completion(client: &mut Client, uri: &str, line: u32, character: u32) -> Value {
    client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
}

/// The completion items' labels, or `null` as a string.
fn labels(response: &Value) -> Vec<String> {
    match response["result"].as_array() {
        Some(items) => items.iter().map(|i| i["label"].as_str().unwrap().to_string()).collect(),
        None => vec![response["result"].to_string()],
    }
}

/// Completion offers the `x-sfdc` keys AppLink reads at the cursor's place (not the ones already
/// there) and `true`/`false` for a boolean key, in a half-typed YAML document too.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one LSP session that edits a document and completes at each stage of it"
)]
fn completion_of_x_sfdc_keys_and_booleans() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let mut client = Client::start(&dir);
    let init = initialize(&mut client, &dir, &["utf-16"]);
    assert_eq!(init["result"]["capabilities"]["completionProvider"], json!({}));
    let text = "openapi: 3.0.3
info: {title: Quotes, version: '1'}
paths:
  /quote:
    post:
      operationId: generateQuote
      x-sfdc:
        agent:
          action:
            isUserInput: true
            pub
        privacy:
          isPii: 
      responses:
        '200': {description: OK}
";
    let uri = uri_of(&dir.join("api-spec.yaml"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let mut complete = |line: u32, character: u32| completion(&mut client, &uri, line, character);
    // `pub` is being typed under `action`, beside `isUserInput` (the document does not load).
    let response = complete(10, 15);
    assert_eq!(
        response["result"],
        json!([
            {
                "label": "publishAsAgentAction",
                "kind": 10,
                "detail": "x-sfdc.agent.action.publishAsAgentAction (boolean)",
                "documentation": {
                    "kind": "markdown",
                    "value": "`true`: the operation is also an agent action (the stricter agent rules apply).",
                },
            },
            {
                "label": "isDisplayable",
                "kind": 10,
                "detail": "x-sfdc.agent.action.isDisplayable (boolean)",
                "documentation": {"kind": "markdown", "value": "`true`: the agent shows the output to the user."},
            },
        ])
    );
    // At the column of `agent`: the other keys of an operation's `x-sfdc`.
    assert_eq!(labels(&complete(10, 8)), ["heroku"]);
    // At the column of `x-sfdc`: the operation has its `x-sfdc` already.
    assert_eq!(labels(&complete(10, 6)), Vec::<String>::new());

    // The document loads once `pub` is gone; `isPii: ` is a boolean.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 10, "character": 0}, "end": {"line": 11, "character": 0}}, "text": ""}],
        }),
    );
    let mut complete = |line: u32, character: u32| completion(&mut client, &uri, line, character);
    let response = complete(11, 17);
    assert_eq!(
        response["result"],
        json!([
            {"label": "true", "kind": 12, "detail": "isPii (boolean)"},
            {"label": "false", "kind": 12, "detail": "isPii (boolean)"},
        ])
    );
    // On the key `isUserInput`: the action's keys other than the ones written.
    assert_eq!(
        labels(&complete(9, 14)),
        ["publishAsAgentAction", "isUserInput", "isDisplayable"]
    );
    // A new root key: `x-sfdc`; a key of `info` or a value of `operationId`: nothing.
    assert_eq!(labels(&complete(14, 0)), ["x-sfdc"]);
    assert_eq!(labels(&complete(1, 8)), Vec::<String>::new());
    assert_eq!(labels(&complete(5, 20)), Vec::<String>::new());
    // Hover on an `x-sfdc` key reads the same table.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 9, "character": 14}}),
    );
    assert_eq!(
        hover["result"]["contents"]["value"],
        "**`isUserInput`** (x-sfdc): `true`: the agent asks the user for the inputs it cannot fill."
    );
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
}

const REFS: &str = "openapi: 3.0.3
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {description: \"😀\", type: array, items: {$ref: '#/components/schemas/Pet'}}
    post:
      operationId: addPet
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/P%65t'
      responses:
        '201': {description: Added}
components:
  schemas:
    Pet:
      type: object
      properties:
        friend: {$ref: '#/components/schemas/Pet'}
        other: {$ref: '#/components/schemas/Other'}
    Other: {type: string}
";

/// Find references lists every local `$ref` to a component (however it is escaped), from the
/// component's name or from any `$ref` to it, with the declaration when asked, in the position
/// encoding negotiated (a `$ref` after `😀` on its line).
#[test]
fn references_to_a_component() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let uri = uri_of(&dir.join("api-spec.yaml"));
    for (encoding, first) in [("utf-16", (69, 95)), ("utf-8", (71, 97))] {
        let mut client = Client::start(&dir);
        let init = initialize(&mut client, &dir, &[encoding]);
        assert_eq!(init["result"]["capabilities"]["referencesProvider"], true);
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": REFS}}),
        );
        let mut references = |line: u32, character: u32, declaration: bool| {
            client.request(
                "textDocument/references",
                json!({
                    "textDocument": {"uri": uri},
                    "position": {"line": line, "character": character},
                    "context": {"includeDeclaration": declaration},
                }),
            )["result"]
                .clone()
        };
        let at = |r: Value| json!({"uri": uri, "range": r});
        let to_pet = [
            at(range(11, first.0, first.1)),
            at(range(18, 20, 48)),
            at(range(26, 23, 49)),
        ];
        // On the name `Pet`, with the declaration.
        let mut expected = vec![at(range(23, 4, 7))];
        expected.extend(to_pet.iter().cloned());
        assert_eq!(references(23, 5, true), Value::Array(expected.clone()));
        // On the `$ref` written `P%65t`, with and without the declaration.
        assert_eq!(references(18, 30, true), Value::Array(expected));
        assert_eq!(references(18, 30, false), Value::Array(to_pet.to_vec()));
        // On the `$ref` key of the one to `Other`.
        assert_eq!(references(27, 19, false), json!([at(range(27, 22, 50))]));
        // Not on a component or a `$ref`.
        assert_eq!(references(5, 20, true), Value::Null);
        client.request("shutdown", Value::Null);
        client.notify("exit", Value::Null);
        assert_eq!(client.child.wait().unwrap().code(), Some(0));
    }
}
