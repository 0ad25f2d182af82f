//! `applinkc lsp` driven over stdio with real JSON-RPC framing: initialize, open, diagnostics
//! with exact UTF-16 (and UTF-8) ranges after a non-BMP character, change → new diagnostics,
//! hover, a code action whose edit, applied, removes the finding, definition of a `$ref`,
//! document symbols, completion of `x-sfdc` keys, a malformed message and an unknown method,
//! shutdown and exit.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_applinkc"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                stdout.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages: rx,
            next_id: 1,
        }
    }

    fn raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.raw(&json!({"jsonrpc": "2.0", "method": method, "params": params}).to_string());
    }

    /// Sends a request and returns its response (notifications before it are skipped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.raw(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string());
        loop {
            let message = self.next();
            if message["id"] == json!(id) {
                return message;
            }
        }
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(30))
            .expect("a message from the server within 30 s")
    }

    /// The next `publishDiagnostics` for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.next();
            if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

const SPEC: &str = "openapi: 3.0.3
info: {title: \"😀 Pets\", version: 1.10, description: Pets.}
paths:
  /pets:
    get:
      operationId: listPets
      description: Lists pets.
      responses:
        '200':
          description: The pets
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
components:
  schemas:
    Pet:
      type: object
      properties:
        id: {type: string}
";

fn uri_of(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

fn initialize(client: &mut Client, dir: &std::path::Path, encodings: &[&str]) -> Value {
    let response = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": uri_of(dir),
            "capabilities": {"general": {"positionEncodings": encodings}},
        }),
    );
    client.notify("initialized", json!({}));
    response
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one LSP session, each step building on the state the previous ones left"
)]
fn a_session_from_initialize_to_exit() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let path = dir.join("api-spec.yaml");
    std::fs::write(&path, SPEC).unwrap();
    let uri = uri_of(&path);
    let mut client = Client::start(&dir);

    // Requests before initialize are refused.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);

    let init = initialize(&mut client, &dir, &["utf-16"]);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["result"]["serverInfo"]["name"], "applinkc");

    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": SPEC}}),
    );
    let found = client.diagnostics(&uri);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d["code"], "AL103");
    assert_eq!(d["source"], "applinkc");
    assert_eq!(d["severity"], 1);
    // `1.10` after `😀` (two UTF-16 code units) on line 2.
    assert_eq!(
        d["range"],
        json!({"start": {"line": 1, "character": 34}, "end": {"line": 1, "character": 38}})
    );
    assert_eq!(
        d["message"],
        "`info.version` is the number 1.1, not a string: `1.10` is read as a float\nhelp: quote it to keep it as written: `version: \"1.10\"`"
    );

    // Hover on the finding: its rule's documentation.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 35}}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**AL103** `"), "{text}");
    assert!(text.contains("## What it does"), "{text}");

    // Hover on an operation: its Apex method and invocable action.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 5}}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("HerokuAppLink.Client.listPets_Response listPets()"),
        "{text}"
    );
    assert!(text.contains("Invocable action `Client.listPets`: Flow."), "{text}");

    // Go to the definition of the `$ref`.
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": 13, "character": 30}}),
    );
    assert_eq!(definition["result"]["uri"], uri);
    assert_eq!(
        definition["result"]["range"]["start"],
        json!({"line": 17, "character": 6})
    );

    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    assert_eq!(symbols["result"][0]["name"], "/pets");
    assert_eq!(symbols["result"][0]["children"][0]["name"], "GET /pets");
    assert_eq!(symbols["result"][0]["children"][0]["detail"], "listPets");

    // A malformed message gets a parse error; an unknown method, "method not found"; the
    // session goes on.
    client.raw("{not json");
    let error = client.next();
    assert_eq!(error["error"]["code"], -32700, "{error}");
    let unknown = client.request("textDocument/unknownThing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);

    // The code action adds an [[ignore]] to a new applinkc.toml; applied, the finding goes.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 1, "character": 34}, "end": {"line": 1, "character": 38}},
            "context": {"diagnostics": []},
        }),
    );
    let action = &actions["result"][0];
    assert_eq!(action["title"], "Ignore AL103 here in applinkc.toml");
    let ops = action["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    let config_uri = ops[0]["uri"].as_str().unwrap();
    assert_eq!(config_uri, uri_of(&dir.join("applinkc.toml")));
    let inserted = ops[1]["edits"][0]["newText"].as_str().unwrap();
    assert_eq!(
        inserted,
        "[[ignore]]\nrule = \"AL103\"\nfile = \"api-spec.yaml\"\npointer = \"/info/version\"\nreason = \"TODO: say why this finding is acceptable\"\n"
    );
    std::fs::write(dir.join("applinkc.toml"), inserted).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 1}]}),
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());

    // A change: an incremental edit that breaks the `$ref`.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 13, "character": 42}, "end": {"line": 13, "character": 45}},
                "text": "Cat",
            }],
        }),
    );
    let found = client.diagnostics(&uri);
    let rules: Vec<&str> = found.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(rules, ["AL006"], "{found:#?}");
    assert_eq!(found[0]["range"]["start"], json!({"line": 13, "character": 22}));

    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    let after = client.request("textDocument/hover", json!({}));
    assert_eq!(after["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

/// A client that offers UTF-8 gets byte columns; a file that is not a spec gets nothing; exit
/// without shutdown is exit code 1; a client that disconnects ends the server too.
#[test]
fn utf8_positions_non_specs_and_abrupt_ends() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let mut client = Client::start(&dir);
    let init = initialize(&mut client, &dir, &["utf-8", "utf-16"]);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let uri = uri_of(&dir.join("api-spec.yaml"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": SPEC}}),
    );
    let found = client.diagnostics(&uri);
    // `😀` is 4 bytes: 15 + 4 + 17 = 36.
    assert_eq!(found[0]["range"]["start"], json!({"line": 1, "character": 36}));
    let compose = uri_of(&dir.join("docker-compose.yml"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": compose, "languageId": "yaml", "version": 1, "text": "services:\n  web: {image: x}\n"}}),
    );
    assert_eq!(client.diagnostics(&compose), Vec::<Value>::new());
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));

    let mut client = Client::start(&dir);
    initialize(&mut client, &dir, &[]);
    drop(client.stdin);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}

/// A finding with a fix is offered as a quick fix (safe first) whose edit, applied to the
/// document, removes the finding.
#[test]
fn a_fix_is_a_quick_fix() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let mut client = Client::start(&dir);
    initialize(&mut client, &dir, &["utf-16"]);
    let uri = uri_of(&dir.join("api-spec.yaml"));
    let text = SPEC.replacen("openapi: 3.0.3", "openapi: 3.0", 1);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let found = client.diagnostics(&uri);
    assert!(found.iter().any(|d| d["code"] == "AL101"), "{found:#?}");
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 12}},
            "context": {"diagnostics": []},
        }),
    );
    let action = &actions["result"][0];
    assert_eq!(action["title"], "quote the version (AL101, safe)", "{actions:#}");
    assert_eq!(action["isPreferred"], true);
    let edit = &action["edit"]["changes"][&uri][0];
    assert_eq!(
        edit["range"],
        json!({"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 12}})
    );
    let replacement = edit["newText"].as_str().unwrap().to_string();
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": edit["range"], "text": replacement}],
        }),
    );
    let found = client.diagnostics(&uri);
    assert!(!found.iter().any(|d| d["code"] == "AL101"), "{found:#?}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
}

/// The completion items' labels, or `null` as a string.
/// The `textDocument/completion` response at `line:character` of `uri`.
fn completion(client: &mut Client, uri: &str, line: u32, character: u32) -> Value {
    client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
}

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

fn range(line: u32, start: u32, end: u32) -> Value {
    json!({"start": {"line": line, "character": start}, "end": {"line": line, "character": end}})
}

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

/// The "ignore" action reads `applinkc.toml` through the bounded reader `check` uses: a config
/// past the 64 MiB cap (grown since the check) gets no "ignore" action, and the fixes stay.
#[test]
fn a_config_too_large_to_read_gets_no_ignore_action() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let config = dir.join("applinkc.toml");
    std::fs::write(&config, "# rules\n").unwrap();
    let mut client = Client::start(&dir);
    initialize(&mut client, &dir, &["utf-16"]);
    let uri = uri_of(&dir.join("api-spec.yaml"));
    let text = SPEC.replacen("openapi: 3.0.3", "openapi: 3.0", 1);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    client.diagnostics(&uri);
    let titles = |client: &mut Client| -> Vec<String> {
        let actions = client.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 12}},
                "context": {"diagnostics": []},
            }),
        );
        actions["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        titles(&mut client),
        ["quote the version (AL101, safe)", "Ignore AL101 here in applinkc.toml"]
    );
    // Sparse: 65 MiB of NULs on disk in no time (valid UTF-8, so only the cap refuses it).
    std::fs::File::create(&config).unwrap().set_len(65 << 20).unwrap();
    assert_eq!(titles(&mut client), ["quote the version (AL101, safe)"]);
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
}

/// An `applinkc.toml` that exists but does not load is still the config in force: beside the
/// document or in a folder above it, no "ignore" action is offered (neither a new file over or
/// under it nor an entry that would not apply), the finding's own fix is, and the document is
/// checked as without a config, which a diagnostic at the top of the document says.
#[test]
fn a_config_that_does_not_load_gets_no_ignore_action() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let config = dir.join("applinkc.toml");
    let broken = "[rules]\nAL101 = \"loud\"\n";
    std::fs::write(&config, broken).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    let mut client = Client::start(&dir);
    initialize(&mut client, &dir, &["utf-16"]);
    let text = SPEC.replacen("openapi: 3.0.3", "openapi: 3.0", 1);
    for path in [dir.join("api-spec.yaml"), dir.join("sub/api-spec.yaml")] {
        let uri = uri_of(&path);
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        let found = client.diagnostics(&uri);
        let rules: Vec<Option<&str>> = found.iter().map(|d| d["code"].as_str()).collect();
        assert_eq!(rules, [Some("AL101"), Some("AL103"), None], "{found:#?}");
        assert_eq!(
            found[2],
            json!({
                "range": range(0, 0, 0),
                "severity": 1,
                "source": "applinkc",
                "message": format!(
                    "the config in force does not load, so these findings are checked without it: {}:2:9: \
                     severity `loud` of AL101 is not one of error, warning, info, off",
                    config.display()
                ),
            })
        );
        let actions = client.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": range(0, 9, 12),
                "context": {"diagnostics": []},
            }),
        );
        assert_eq!(
            actions["result"],
            json!([{
                "title": "quote the version (AL101, safe)",
                "kind": "quickfix",
                "isPreferred": true,
                "edit": {"changes": {uri.as_str(): [{"range": range(0, 9, 12), "newText": "\"3.0.3\""}]}},
            }]),
            "{path:?}"
        );
    }
    assert_eq!(std::fs::read_to_string(&config).unwrap(), broken);
    assert!(!dir.join("sub/applinkc.toml").exists());
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
}
