//! `applinkc lsp` driven over stdio with real JSON-RPC framing: initialize, open, diagnostics
//! with exact UTF-16 (and UTF-8) ranges after a non-BMP character, change → new diagnostics,
//! hover, a code action whose edit, applied, removes the finding, definition of a `$ref`,
//! document symbols, completion of `x-sfdc` keys, a malformed message and an unknown method,
//! shutdown and exit.
//!
//! One test binary, `lsp`, in modules: `session` (a session from initialize to exit, positions,
//! quick fixes, the ignore action) and `navigate` (completion and references); the client and
//! the helpers they share are here.

mod navigate;
mod session;

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

/// An LSP range within one line.
fn range(line: u32, start: u32, end: u32) -> Value {
    json!({"start": {"line": line, "character": start}, "end": {"line": line, "character": end}})
}
