//! `applinkc lsp`: a Language Server Protocol server on standard input and output.
//!
//! It sits on the same layers as `check`: a document is checked by [`crate::check`] with the
//! nearest `applinkc.toml` (severities, ignores, baseline, `[publish]` flags) applied, exactly
//! as `applinkc check FILE` reports it, and shown as diagnostics; hover shows a finding's rule
//! documentation (`applinkc explain`), what an `x-sfdc` key does, and the Apex method and
//! invocable action an operation becomes (`apex`'s model); go-to-definition follows a local
//! `$ref` and find-references lists the `$ref`s to a component; completion offers the `x-sfdc` keys valid at the cursor and their boolean values;
//! document symbols list paths and operations; a code action adds an `[[ignore]]` for a
//! finding to `applinkc.toml`. Messages use `lsp-server`'s types and `lsp-types`'s parameters
//! (docs/design.md, "Language server"); the framing is ours so that a malformed message gets a
//! parse error instead of ending the session.
//!
//! Changes are coalesced: after a change the server waits [`DEBOUNCE`] for more messages, and a
//! newer change replaces the text before it is checked, so only the latest version is checked.

mod complete;
mod features;
mod navigate;
mod position;
mod transport;

use features::Analysis;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{Uri, notification, request};
use position::{Encoding, Lines};
use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;
use transport::Incoming;

/// How long the server waits after a change for the next one before checking.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

/// Serves one session; returns the process exit code (0 after `shutdown` then `exit`, 1 when
/// the client exits without `shutdown` or the stream ends).
pub fn serve<R: BufRead + Send + 'static, W: Write>(mut input: R, output: W) -> i32 {
    let (tx, rx) = mpsc::channel::<Incoming>();
    std::thread::spawn(move || {
        loop {
            let incoming = transport::read(&mut input);
            let end = matches!(incoming, Incoming::End);
            if tx.send(incoming).is_err() || end {
                break;
            }
        }
    });
    let mut server = Server {
        out: output,
        encoding: Encoding::Utf16,
        docs: HashMap::new(),
        dirty: BTreeSet::new(),
        root: None,
        initialized: false,
        shutdown: false,
    };
    loop {
        let incoming = if server.dirty.is_empty() {
            match rx.recv() {
                Ok(m) => m,
                Err(_) => return 1,
            }
        } else {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(m) => m,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    server.check_dirty();
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return 1,
            }
        };
        match incoming {
            Incoming::End => return 1,
            Incoming::Malformed(why) => {
                server.send(Message::Response(Response::new_err(
                    RequestId::from(0),
                    ErrorCode::ParseError as i32,
                    format!("not a JSON-RPC message: {why}"),
                )));
            }
            Incoming::Message(Message::Request(req)) => server.request(req),
            Incoming::Message(Message::Notification(n)) => {
                if n.method == notification::Exit::METHOD {
                    return if server.shutdown { 0 } else { 1 };
                }
                server.notification(n);
            }
            Incoming::Message(Message::Response(_)) => {} // We send no requests.
        }
    }
}

/// An open document.
struct Doc {
    uri: Uri,
    language: String,
    text: String,
    version: i32,
    /// The last check of the current text; `None` while a change waits.
    analysis: Option<Analysis>,
}

struct Server<W: Write> {
    out: W,
    encoding: Encoding,
    docs: HashMap<String, Doc>,
    /// Documents changed since they were last checked.
    dirty: BTreeSet<String>,
    /// The workspace folder, where `applinkc.toml` is looked for when a document has no path.
    root: Option<PathBuf>,
    initialized: bool,
    shutdown: bool,
}

impl<W: Write> Server<W> {
    fn send(&mut self, message: Message) {
        // A client that went away is noticed when the input ends.
        let _ = transport::write(&mut self.out, &message);
    }

    fn reply<T: serde::Serialize>(&mut self, id: RequestId, result: T) {
        self.send(Message::Response(Response::new_ok(id, result)));
    }

    fn error(&mut self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Message::Response(Response::new_err(id, code as i32, message)));
    }

    fn request(&mut self, req: Request) {
        if req.method == request::Initialize::METHOD {
            self.initialize(req);
            return;
        }
        if !self.initialized {
            self.error(req.id, ErrorCode::ServerNotInitialized, "initialize first".into());
            return;
        }
        if self.shutdown {
            self.error(req.id, ErrorCode::InvalidRequest, "the server is shutting down".into());
            return;
        }
        let id = req.id.clone();
        let method = req.method.clone();
        let result = match method.as_str() {
            request::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            request::HoverRequest::METHOD => self.with_params(req, |s, p: lsp_types::HoverParams| {
                let (at, enc) = (p.text_document_position_params, s.encoding);
                s.analysed(&at.text_document.uri)
                    .and_then(|(doc, a)| features::hover(doc, a, at.position, enc))
            }),
            request::GotoDefinition::METHOD => self.with_params(req, |s, p: lsp_types::GotoDefinitionParams| {
                let (at, enc) = (p.text_document_position_params, s.encoding);
                s.analysed(&at.text_document.uri)
                    .and_then(|(doc, a)| navigate::definition(doc, a, at.position, enc))
            }),
            request::References::METHOD => self.with_params(req, |s, p: lsp_types::ReferenceParams| {
                let (at, enc) = (p.text_document_position, s.encoding);
                let declaration = p.context.include_declaration;
                s.analysed(&at.text_document.uri)
                    .and_then(|(doc, a)| navigate::references(doc, a, at.position, enc, declaration))
            }),
            request::DocumentSymbolRequest::METHOD => self.with_params(req, |s, p: lsp_types::DocumentSymbolParams| {
                let enc = s.encoding;
                s.analysed(&p.text_document.uri)
                    .map(|(doc, a)| features::symbols(doc, a, enc))
            }),
            request::Completion::METHOD => self.with_params(req, |s, p: lsp_types::CompletionParams| {
                let (at, enc) = (p.text_document_position, s.encoding);
                s.analysed(&at.text_document.uri)
                    .and_then(|(doc, a)| complete::completion(doc, a, at.position, enc))
            }),
            request::CodeActionRequest::METHOD => self.with_params(req, |s, p: lsp_types::CodeActionParams| {
                let (root, enc) = (s.root.clone(), s.encoding);
                s.analysed(&p.text_document.uri)
                    .map(|(doc, a)| features::code_actions(doc, a, p.range, enc, root.as_deref()))
            }),
            _ => Err((ErrorCode::MethodNotFound, format!("`{method}` is not supported"))),
        };
        match result {
            Ok(value) => self.reply(id, value),
            Err((code, message)) => self.error(id, code, message),
        }
    }

    /// Parses the params of `req` and runs `f`; a result of `None` is JSON `null`.
    fn with_params<P, T>(
        &mut self,
        req: Request,
        f: impl FnOnce(&mut Self, P) -> Option<T>,
    ) -> Result<serde_json::Value, (ErrorCode, String)>
    where
        P: serde::de::DeserializeOwned,
        T: serde::Serialize,
    {
        let params: P = serde_json::from_value(req.params)
            .map_err(|e| (ErrorCode::InvalidParams, format!("{}: {e}", req.method)))?;
        let result = f(self, params);
        serde_json::to_value(result).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    fn initialize(&mut self, req: Request) {
        if self.initialized {
            self.error(
                req.id,
                ErrorCode::InvalidRequest,
                "initialize was already called".into(),
            );
            return;
        }
        let params: lsp_types::InitializeParams = match serde_json::from_value(req.params) {
            Ok(p) => p,
            Err(e) => {
                self.error(req.id, ErrorCode::InvalidParams, format!("initialize: {e}"));
                return;
            }
        };
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.clone())
            .unwrap_or_default();
        self.encoding = if offered.contains(&lsp_types::PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(params.root_uri.clone());
        self.root = root.as_ref().and_then(features::uri_path);
        let capabilities = lsp_types::ServerCapabilities {
            position_encoding: Some(match self.encoding {
                Encoding::Utf8 => lsp_types::PositionEncodingKind::UTF8,
                Encoding::Utf16 => lsp_types::PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(lsp_types::TextDocumentSyncCapability::Options(
                lsp_types::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp_types::TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                },
            )),
            hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
            definition_provider: Some(lsp_types::OneOf::Left(true)),
            references_provider: Some(lsp_types::OneOf::Left(true)),
            document_symbol_provider: Some(lsp_types::OneOf::Left(true)),
            completion_provider: Some(lsp_types::CompletionOptions::default()),
            code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
            ..Default::default()
        };
        let result = lsp_types::InitializeResult {
            capabilities,
            server_info: Some(lsp_types::ServerInfo {
                name: "applinkc".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        self.initialized = true;
        self.reply(req.id, result);
    }

    fn notification(&mut self, n: Notification) {
        if !self.initialized {
            return;
        }
        match n.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    let key = d.uri.as_str().to_string();
                    self.docs.insert(
                        key.clone(),
                        Doc {
                            uri: d.uri,
                            language: d.language_id,
                            text: d.text,
                            version: d.version,
                            analysis: None,
                        },
                    );
                    self.dirty.insert(key);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params) {
                    let key = p.text_document.uri.as_str().to_string();
                    let encoding = self.encoding;
                    if let Some(doc) = self.docs.get_mut(&key) {
                        for change in p.content_changes {
                            match change.range {
                                Some(range) => {
                                    let lines = Lines::new(&doc.text);
                                    let start = lines.offset(&doc.text, range.start, encoding);
                                    let end = lines.offset(&doc.text, range.end, encoding).max(start);
                                    doc.text.replace_range(start..end, &change.text);
                                }
                                None => doc.text = change.text,
                            }
                        }
                        doc.version = p.text_document.version;
                        doc.analysis = None;
                        self.dirty.insert(key);
                    }
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                    let key = p.text_document.uri.as_str().to_string();
                    self.dirty.remove(&key);
                    if let Some(doc) = self.docs.remove(&key) {
                        self.publish(doc.uri, Vec::new(), None);
                    }
                }
            }
            // The config is read again at every check, so a changed applinkc.toml applies to the
            // next one; re-check what is open now.
            notification::DidChangeWatchedFiles::METHOD | notification::DidSaveTextDocument::METHOD => {
                for doc in self.docs.values_mut() {
                    doc.analysis = None;
                }
                self.dirty.extend(self.docs.keys().cloned());
            }
            _ => {}
        }
    }

    /// Checks every changed document and publishes its diagnostics.
    fn check_dirty(&mut self) {
        for key in std::mem::take(&mut self.dirty) {
            let root = self.root.clone();
            let encoding = self.encoding;
            let Some(doc) = self.docs.get_mut(&key) else { continue };
            let analysis = features::analyse(&doc.uri, &doc.language, &doc.text, root.as_deref());
            let diagnostics = features::diagnostics(&doc.text, &analysis, encoding);
            doc.analysis = Some(analysis);
            let (uri, version) = (doc.uri.clone(), doc.version);
            self.publish(uri, diagnostics, Some(version));
        }
    }

    fn publish(&mut self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = lsp_types::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Message::Notification(Notification::new(
            notification::PublishDiagnostics::METHOD.to_string(),
            params,
        )));
    }

    /// The document and its check of the current text (checked now if a change waits).
    fn analysed(&mut self, uri: &Uri) -> Option<(&Doc, &Analysis)> {
        let key = uri.as_str().to_string();
        if self.docs.get(&key)?.analysis.is_none() {
            self.dirty.insert(key.clone());
            self.check_dirty();
        }
        let doc = self.docs.get(&key)?;
        Some((doc, doc.analysis.as_ref()?))
    }
}
