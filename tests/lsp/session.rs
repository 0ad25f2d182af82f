//! A session from initialize to exit: diagnostics, positions in both encodings, quick fixes
//! and the "ignore" action.

use super::*;

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
