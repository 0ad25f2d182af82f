//! What the server computes for one document: its check (with the config applied), and from
//! that check the diagnostics, hover, symbols and code actions (completion is in [`super::complete`], `$ref`
//! navigation in [`super::navigate`]).

use super::Doc;
use super::position::{Encoding, Lines};
use crate::apex;
use crate::config::{self, Config};
use crate::diagnostics::{FileReport, Severity};
use crate::flags::PublishNames;
use crate::source::{Node, Span, Value};
use crate::spec::{Spec, xsfdc};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DiagnosticSeverity, DocumentSymbol, Hover, HoverContents,
    MarkupContent, MarkupKind, NumberOrString, Position, Range, SymbolKind, TextEdit, Uri, WorkspaceEdit,
};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One check of one document's text.
pub struct Analysis {
    /// The findings, after the config (severities, `off`, ignores, baseline).
    pub report: FileReport,
    pub tree: Option<Node>,
    pub lines: Lines,
    /// The document is an OpenAPI spec (a root `openapi` or `swagger` key): others get nothing.
    pub is_spec: bool,
    /// `applinkc.toml` in force, or where a new one would go.
    pub config: PathBuf,
    pub config_exists: bool,
    /// Why the `applinkc.toml` in force does not load (the check then ran without it).
    pub config_error: Option<String>,
    /// The path of the document (for `[[ignore]]` entries), when it has one.
    pub path: Option<PathBuf>,
    /// `client-name` of the config's `[publish]`, for the Apex names in hovers.
    pub client: String,
    /// The Apex surface of this text, built at the first hover on an operation.
    pub surface: OnceCell<apex::Surface>,
}

/// `file:///a%20b/c.yaml` → `/a b/c.yaml`.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// `/a b/c.yaml` → `file:///a%20b/c.yaml`.
pub fn path_uri(path: &Path) -> Option<Uri> {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

/// Checks `text` as `applinkc check` would check the file.
pub fn analyse(uri: &Uri, language: &str, text: &str, root: Option<&Path>) -> Analysis {
    let path = uri_path(uri);
    let dir = path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| root.map(Path::to_path_buf))
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
    // The config `Config::discover` would load. One that does not load is left out of the
    // check (`applinkc check` stops on it) and is still the config in force: no edit may
    // treat it as missing.
    let nearest = config::nearest(&dir);
    let (config, config_error) = match nearest.as_deref().map(Config::load).transpose() {
        Ok(config) => (config.unwrap_or_default(), None),
        Err(e) => (Config::default(), Some(e.to_string())),
    };
    let baseline = config
        .baseline
        .as_deref()
        .and_then(|b| crate::baseline::Baseline::load(b).ok())
        .unwrap_or_default();
    let publish = config.publish.merge_under(&PublishNames::default());
    let flags = publish
        .to_flags()
        .or_else(|_| {
            PublishNames {
                metadata_dir: None,
                ..publish.clone()
            }
            .to_flags()
        })
        .unwrap_or_default();
    // The name decides the format: the path's extension, else the document's language.
    let name = match &path {
        Some(p) if crate::source::Format::from_path(p).is_some() => crate::check::display_name(p),
        _ if language == "json" => "untitled.json".to_string(),
        _ => "untitled.yaml".to_string(),
    };
    let (report, tree) =
        crate::check::check_bytes_configured(&name, text.as_bytes().to_vec(), &flags, &config.severities);
    let is_spec = match &tree {
        Some(root) => root.get("openapi").is_some() || root.get("swagger").is_some(),
        // It did not load: a spec being typed, if it names itself as one.
        None => text.contains("openapi") || text.contains("swagger"),
    };
    let mut reports = [report];
    config.apply(&mut reports, &baseline, &dir);
    let [report] = reports;
    Analysis {
        report,
        tree,
        lines: Lines::new(text),
        is_spec,
        config_exists: nearest.is_some(),
        config: nearest.unwrap_or_else(|| dir.join(config::FILE_NAME)),
        config_error,
        path,
        client: config
            .publish
            .client_name
            .clone()
            .unwrap_or_else(|| "Client".to_string()),
        surface: OnceCell::new(),
    }
}

pub fn diagnostics(text: &str, a: &Analysis, enc: Encoding) -> Vec<lsp_types::Diagnostic> {
    if !a.is_spec {
        return Vec::new();
    }
    a.report
        .diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            lsp_types::Diagnostic {
                range: a.lines.range(text, d.span.start as usize, d.span.end as usize, enc),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    Severity::Info => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(d.rule.to_string())),
                source: Some("applinkc".to_string()),
                message,
                data: Some(serde_json::json!({ "pointer": d.pointer })),
                ..Default::default()
            }
        })
        .chain(a.config_error.as_ref().map(|e| config_not_loaded(e)))
        .collect()
}

/// A config in force that does not load is said at the top of the document (as `applinkc
/// check` would stop on it), so the findings shown without it are not taken for the
/// configured ones.
fn config_not_loaded(error: &str) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("applinkc".to_string()),
        message: format!("the config in force does not load, so these findings are checked without it: {error}"),
        ..Default::default()
    }
}

/// The finding's rule docs; else what an `x-sfdc` key does; else an operation's Apex surface.
pub fn hover(doc: &Doc, a: &Analysis, at: Position, enc: Encoding) -> Option<Hover> {
    if !a.is_spec {
        return None;
    }
    let offset = a.lines.offset(&doc.text, at, enc);
    let mut parts: Vec<String> = Vec::new();
    for d in &a.report.diagnostics {
        if (d.span.start as usize) <= offset
            && offset <= (d.span.end as usize).max(d.span.start as usize + 1)
            && !parts.iter().any(|p| p.starts_with(&format!("**{}**", d.rule)))
        {
            let rule = crate::rules::get(d.rule);
            parts.push(format!(
                "**{}** `{}`: {}\n\n{}",
                rule.id, rule.name, rule.summary, rule.docs
            ));
        }
    }
    let root = a.tree.as_ref()?;
    if parts.is_empty()
        && let Some(text) = x_sfdc_doc(&key_path_at(root, offset))
    {
        parts.push(text);
    }
    if parts.is_empty() {
        let spec = Spec::new(root);
        let op = spec.operations.iter().position(|op| {
            op.method_entry.key_span.start as usize <= offset && offset <= op.method_entry.key_span.end as usize
        })?;
        let surface = a.surface.get_or_init(|| apex::surface(&spec, &a.client));
        let label = spec.operations[op].label();
        let method = surface.methods.iter().find(|m| m.operation == label)?;
        let action = surface.actions.iter().find(|x| x.operation == label);
        let mut text = format!("**{label}** in Apex (`--client-name {}`):\n\n```apex\n", a.client);
        match &method.name {
            Some(name) => {
                let request = if method.request_class.is_some() {
                    format!("{name}_Request request")
                } else {
                    String::new()
                };
                text.push_str(&format!(
                    "{}.{name}_Response {name}({request})\n```\n",
                    surface.service_class
                ));
            }
            None => {
                text.push_str("// no operationId: the method name is derived by an undocumented rule (AL203)\n```\n");
            }
        }
        if let Some(action) = action {
            let shown = match (action.flow, action.agent) {
                (false, _) => "Apex only (asynchronous)",
                (true, true) => "Flow and an Agentforce agent action",
                (true, false) => "Flow",
            };
            text.push_str(&format!(
                "\nInvocable action `{}`: {shown}. Outputs: {}.",
                action.name.as_deref().unwrap_or("(unnamed)"),
                action.outputs.join(", ")
            ));
        }
        parts.push(text);
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

/// The keys from the root down to the key or value at `offset`.
fn key_path_at(root: &Node, offset: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut node = root;
    let inside = |s: Span| (s.start as usize) <= offset && offset <= s.end as usize;
    loop {
        match &node.value {
            Value::Map(entries) => {
                let Some(e) = entries.iter().find(|e| inside(e.key_span) || inside(e.value.span)) else {
                    return out;
                };
                out.push(e.key.to_string());
                if inside(e.key_span) {
                    return out;
                }
                node = &e.value;
            }
            Value::Seq(items) => match items.iter().find(|i| inside(i.span)) {
                Some(item) => node = item,
                None => return out,
            },
            _ => return out,
        }
    }
}

/// The place of the `x-sfdc` block on `keys` (from the root) and how many keys lead to it
/// (`x-sfdc` included): the root's, or an operation's.
pub(super) fn x_sfdc_place<S: AsRef<str>>(keys: &[S]) -> Option<(xsfdc::Place, usize)> {
    let k = |i: usize| keys.get(i).map(AsRef::as_ref);
    if k(0) == Some("x-sfdc") {
        return Some((xsfdc::Place::Root, 1));
    }
    (k(0) == Some("paths") && k(2).is_some_and(|m| crate::spec::METHODS.contains(&m)) && k(3) == Some("x-sfdc"))
        .then_some((xsfdc::Place::Operation, 4))
}

/// What the `x-sfdc` key at `keys` (from the root) does.
fn x_sfdc_doc(keys: &[String]) -> Option<String> {
    let (place, depth) = x_sfdc_place(keys)?;
    let key = xsfdc::key(place, &keys[depth..])?;
    Some(format!("**`{}`** (x-sfdc): {}", key.name(), key.doc))
}

/// Paths, each with its operations.
#[allow(deprecated)]
pub fn symbols(doc: &Doc, a: &Analysis, enc: Encoding) -> lsp_types::DocumentSymbolResponse {
    let mut out = Vec::new();
    let Some(root) = a.tree.as_ref().filter(|_| a.is_spec) else {
        return lsp_types::DocumentSymbolResponse::Nested(out);
    };
    let range = |s: Span| a.lines.range(&doc.text, s.start as usize, s.end as usize, enc);
    for path in root.get("paths").map(Node::entries).unwrap_or_default() {
        let mut children = Vec::new();
        for method in path.value.entries() {
            if !crate::spec::METHODS.contains(&&*method.key) {
                continue;
            }
            let id = method.value.get("operationId").and_then(Node::as_str);
            children.push(DocumentSymbol {
                name: format!("{} {}", method.key.to_ascii_uppercase(), path.key),
                detail: id.map(str::to_string),
                kind: SymbolKind::METHOD,
                tags: None,
                deprecated: None,
                range: range(Span::new(
                    method.key_span.start as usize,
                    method.value.span.end as usize,
                )),
                selection_range: range(method.key_span),
                children: None,
            });
        }
        out.push(DocumentSymbol {
            name: path.key.to_string(),
            detail: None,
            kind: SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range: range(Span::new(path.key_span.start as usize, path.value.span.end as usize)),
            selection_range: range(path.key_span),
            children: Some(children),
        });
    }
    lsp_types::DocumentSymbolResponse::Nested(out)
}

/// For each finding in `range`: its fix, then "ignore it in applinkc.toml" (an `[[ignore]]`
/// with a reason to write), added to the config in force or to a new one beside the document;
/// none while the config in force does not load.
pub fn code_actions(
    doc: &Doc,
    a: &Analysis,
    range: Range,
    enc: Encoding,
    _root: Option<&Path>,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    if !a.is_spec {
        return out;
    }
    let (start, end) = (
        a.lines.offset(&doc.text, range.start, enc),
        a.lines.offset(&doc.text, range.end, enc),
    );
    fix_actions(doc, a, (start, end), enc, &mut out);
    ignore_actions(a, (start, end), enc, &mut out);
    out
}

/// The fixes of the findings in the byte range `start..=end`, safe before unsafe.
fn fix_actions(
    doc: &Doc,
    a: &Analysis,
    (start, end): (usize, usize),
    enc: Encoding,
    out: &mut Vec<CodeActionOrCommand>,
) {
    // The fixes of the findings in range first, safe before unsafe (the edits are on the text
    // that was checked, which is the document's current text).
    let mut fixes: Vec<(&crate::finding::Diagnostic, &crate::edit::Fix)> = a
        .report
        .diagnostics
        .iter()
        .filter(|d| (d.span.end as usize) >= start && (d.span.start as usize) <= end)
        .filter_map(|d| d.fix.as_ref().map(|f| (d, f)))
        .collect();
    fixes.sort_by_key(|(_, f)| f.safety);
    for (d, fix) in fixes {
        let edits: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|e| {
                TextEdit::new(
                    a.lines.range(&doc.text, e.start as usize, e.end as usize, enc),
                    e.text.clone(),
                )
            })
            .collect();
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("{} ({}, {})", fix.title, d.rule, fix.safety.as_str()),
            kind: Some(CodeActionKind::QUICKFIX),
            is_preferred: Some(fix.safety == crate::edit::Safety::Safe),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
}

/// "Ignore it in applinkc.toml" for each finding in the byte range `start..=end`; none while
/// the config in force does not load or cannot be read.
fn ignore_actions(a: &Analysis, (start, end): (usize, usize), enc: Encoding, out: &mut Vec<CodeActionOrCommand>) {
    // An entry appended to a config that does not load would not apply, and a new file would
    // go over (or beside) the one in force: no "ignore" actions until it loads again.
    if a.config_error.is_some() {
        return;
    }
    let Some(config_uri) = path_uri(&a.config) else {
        return;
    };
    // Read as `Config::load` reads it (bounded, UTF-8); a config that cannot be read gets no
    // "ignore" actions rather than an edit at the wrong place.
    let existing = if a.config_exists {
        match crate::input::read_text(&a.config, crate::input::Origin::Named) {
            Ok(text) => text,
            Err(_) => return,
        }
    } else {
        String::new()
    };
    let config_lines = Lines::new(&existing);
    let end_of_config = config_lines.position(&existing, existing.len(), enc);
    let base = a.config.parent().map(Path::to_path_buf).unwrap_or_default();
    for d in &a.report.diagnostics {
        let (ds, de) = (d.span.start as usize, d.span.end as usize);
        if de < start || ds > end {
            continue;
        }
        let file = a
            .path
            .as_deref()
            .map(|p| config::relative_to(&base, p).to_string_lossy().replace('\\', "/"));
        let edit = TextEdit::new(
            Range::new(end_of_config, end_of_config),
            ignore_entry(&existing, file.as_deref(), d),
        );
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Ignore {} here in {}", d.rule, config::FILE_NAME),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: None,
            edit: Some(config_edit(&config_uri, a.config_exists, edit)),
            ..Default::default()
        }));
    }
}

/// The `[[ignore]]` entry for a finding, appended to the config text `existing`.
fn ignore_entry(existing: &str, file: Option<&str>, d: &crate::finding::Diagnostic) -> String {
    let mut entry = String::new();
    if !existing.is_empty() && !existing.ends_with("\n\n") {
        entry.push('\n');
    }
    entry.push_str(&format!("[[ignore]]\nrule = \"{}\"\n", d.rule));
    if let Some(file) = file {
        entry.push_str(&format!("file = {}\n", toml_string(file)));
    }
    if !d.pointer.is_empty() {
        entry.push_str(&format!("pointer = {}\n", toml_string(&d.pointer)));
    }
    entry.push_str("reason = \"TODO: say why this finding is acceptable\"\n");
    entry
}

/// The edit to the config at `config_uri`: in place when it exists, else creating it first.
fn config_edit(config_uri: &lsp_types::Uri, exists: bool, edit: TextEdit) -> WorkspaceEdit {
    if exists {
        WorkspaceEdit {
            changes: Some(HashMap::from([(config_uri.clone(), vec![edit])])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            document_changes: Some(lsp_types::DocumentChanges::Operations(vec![
                lsp_types::DocumentChangeOperation::Op(lsp_types::ResourceOp::Create(lsp_types::CreateFile {
                    uri: config_uri.clone(),
                    options: Some(lsp_types::CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                })),
                lsp_types::DocumentChangeOperation::Edit(lsp_types::TextDocumentEdit {
                    text_document: lsp_types::OptionalVersionedTextDocumentIdentifier {
                        uri: config_uri.clone(),
                        version: None,
                    },
                    edits: vec![lsp_types::OneOf::Left(edit)],
                }),
            ])),
            ..Default::default()
        }
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Apex surface is built once per checked text: the second hover on an operation uses
    /// the first one's, and a new check (a new version) starts without one.
    #[test]
    fn the_apex_surface_is_built_once_per_check() {
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1', description: T.}\npaths:\n  /a:\n    get:\n      operationId: getA\n      description: Gets A.\n      responses:\n        '200': {description: OK}\n";
        let uri: Uri = "untitled:spec".parse().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let doc = Doc {
            uri: uri.clone(),
            language: "yaml".into(),
            text: text.into(),
            version: 1,
            analysis: None,
        };
        let a = analyse(&uri, "yaml", text, Some(dir.path()));
        assert!(a.surface.get().is_none());
        let on_get = Position::new(4, 5);
        let first = hover(&doc, &a, on_get, Encoding::Utf16).unwrap();
        let HoverContents::Markup(shown) = &first.contents else {
            panic!("{first:?}")
        };
        assert!(shown.value.contains("getA_Response getA()"), "{}", shown.value);
        let built: *const apex::Surface = a.surface.get().unwrap();
        let second = hover(&doc, &a, on_get, Encoding::Utf16).unwrap();
        assert_eq!(first, second);
        assert!(std::ptr::eq(built, a.surface.get().unwrap()));
        assert!(analyse(&uri, "yaml", text, Some(dir.path())).surface.get().is_none());
    }
}
