//! Checks `connectedapp-meta.xml` and `permissionset-meta.xml` before they are uploaded.
//!
//! The heroku CLI copies these files as bytes and lets the AppLink service reject them. Each
//! problem found here is a finding of **AL952** (the contents of `--metadata-dir`), located in the
//! XML file at `file:line:col`; its pointer is the element path (`/PermissionSet/fullName`).
//! Severity: `error` when the file cannot be the metadata it is named for (not UTF-8, not
//! well-formed, wrong root element or namespace, a required element missing, a `fullName` that
//! contradicts the spec); `warning` when it is valid but will probably not do what is meant.
//! docs/bundle.md explains why these go under AL952 rather than a new id.

use super::{MetadataInput, MetadataKind};
use crate::diagnostics::{Diagnostic, FileReport, Severity};
use crate::flags::PublishFlags;
use crate::publication::METADATA_NS;
use crate::source::{SourceFile, Span};
use crate::spec::{Spec, xsfdc};

/// The rule the findings of this module are given under.
const RULE: crate::rules::RuleId = crate::rules::authorization::AL952.id;

/// Checks one metadata file against its kind, the spec and the publish flags.
pub fn check(input: &MetadataInput, spec: Option<&Spec<'_>>, flags: &PublishFlags) -> FileReport {
    let mut findings = Findings::default();
    let text = match std::str::from_utf8(&input.bytes) {
        Ok(text) => text.to_string(),
        Err(e) => {
            let at = e.valid_up_to();
            findings.error(
                Span::new(at, at + 1),
                "",
                format!(
                    "`{}` is not valid UTF-8 (invalid byte at offset {at})",
                    input.kind.file_name()
                ),
                "save it as UTF-8, the encoding Metadata API files declare",
            );
            let text = String::from_utf8_lossy(&input.bytes).into_owned();
            return findings.into_report(SourceFile::new(input.display.clone(), text));
        }
    };
    let source = SourceFile::new(input.display.clone(), text);
    check_text(input.kind, &source, spec, flags, &mut findings);
    findings.into_report(source)
}

/// Checks the text of a metadata file: well-formed XML, its root element and what it holds.
fn check_text(
    kind: MetadataKind,
    source: &SourceFile,
    spec: Option<&Spec<'_>>,
    flags: &PublishFlags,
    findings: &mut Findings,
) {
    let text = &source.text;
    let doc = match roxmltree::Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let pos = e.pos();
            let at = offset_of(source, pos.row as usize, pos.col as usize);
            findings.error(
                Span::new(at, at),
                "",
                format!("`{}` is not well-formed XML: {e}", kind.file_name()),
                "fix the XML; the AppLink service rejects a file it cannot parse",
            );
            return;
        }
    };
    let Some(root) = Root::checked(kind, text, doc.root_element(), findings) else {
        return;
    };
    check_namespace(&root, findings);
    check_required(&root, findings);

    // The file carries no API name: the service names the component after the spec
    // (`x-sfdc.heroku.authorization`). A `fullName` that says otherwise is a contradiction.
    let names = spec_names(spec, kind);
    check_full_name(&root, &names, findings);
    if spec.is_some() && names.is_empty() {
        warn_unnamed(&root, spec, findings);
    }
    if kind == MetadataKind::PermissionSet {
        check_activation(&root, findings);
    }
    // Publishing also creates a permission set named after `--client-name` that grants access to
    // the service; a user-plus permission set of the same name meets it. (Conflicts between the
    // files and the other flags, AL953 and AL954, are reported by the check pipeline.)
    if kind == MetadataKind::PermissionSet
        && let Some(client) = flags.client_name.as_deref()
    {
        check_client_name(&root, &names, client, findings);
    }
}

/// The root element of a metadata file, with the span and path findings about it point at.
struct Root<'a, 'input> {
    kind: MetadataKind,
    text: &'a str,
    node: roxmltree::Node<'a, 'input>,
    name: &'a str,
    span: Span,
    path: String,
}

impl<'a, 'input> Root<'a, 'input> {
    /// The root of the file when it is the element its kind names; otherwise reports it and gives `None`.
    fn checked(
        kind: MetadataKind,
        text: &'a str,
        node: roxmltree::Node<'a, 'input>,
        findings: &mut Findings,
    ) -> Option<Self> {
        let name = node.tag_name().name();
        let root = Root {
            kind,
            text,
            node,
            name,
            span: tag_span(text, node.range().start),
            path: format!("/{name}"),
        };
        if name != kind.root_element() {
            findings.error(
                root.span,
                &root.path,
                format!(
                    "`{}` holds a `{name}`, not a `{}`",
                    kind.file_name(),
                    kind.root_element()
                ),
                format!(
                    "the file named `{}` must contain one `<{}>` component",
                    kind.file_name(),
                    kind.root_element()
                ),
            );
            return None;
        }
        Some(root)
    }

    /// The first child element of the root with this name.
    fn child(&self, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
        self.node
            .children()
            .find(|n| n.is_element() && n.tag_name().name() == name)
    }

    /// The span of an element's text (trimmed), or of its tag when it has no text.
    fn value_span(&self, element: roxmltree::Node<'_, '_>) -> Span {
        element.first_child().filter(roxmltree::Node::is_text).map_or_else(
            || tag_span(self.text, element.range().start),
            |t| trimmed_span(self.text, t.range()),
        )
    }
}

/// Reports a root element outside the Metadata API namespace.
fn check_namespace(root: &Root<'_, '_>, findings: &mut Findings) {
    let root_name = root.name;
    let namespace = root.node.tag_name().namespace();
    if namespace != Some(METADATA_NS) {
        findings.error(
            root.span,
            &root.path,
            match namespace {
                Some(ns) => format!("`<{root_name}>` is in the namespace `{ns}`, not the Metadata API namespace"),
                None => format!("`<{root_name}>` has no namespace"),
            },
            format!("write `<{root_name} xmlns=\"{METADATA_NS}\">`"),
        );
    }
}

/// Reports each element the Metadata API requires of this kind that is missing or empty.
fn check_required(root: &Root<'_, '_>, findings: &mut Findings) {
    let required: &[&str] = match root.kind {
        MetadataKind::ConnectedApp => &["contactEmail", "label"],
        MetadataKind::PermissionSet => &["label"],
    };
    for name in required {
        if root
            .child(name)
            .is_none_or(|n| n.text().is_none_or(|t| t.trim().is_empty()))
        {
            findings.error(
                root.span,
                &root.path,
                format!("`<{}>` has no `<{name}>`; the Metadata API requires it", root.name),
                format!("add `<{name}>…</{name}>`"),
            );
        }
    }
}

/// Reports a `fullName` that is none of the names the spec gives this kind.
fn check_full_name(root: &Root<'_, '_>, names: &[&str], findings: &mut Findings) {
    let Some(full_name) = root.child("fullName") else {
        return;
    };
    let value = full_name.text().unwrap_or("").trim();
    let span = root.value_span(full_name);
    if !names.is_empty() && !names.contains(&value) {
        findings.error(
            span,
            &format!("{}/fullName", root.path),
            format!(
                "`fullName` is `{value}` but the spec names the {} `{}`",
                kind_label(root.kind),
                names.join("`, `")
            ),
            format!(
                "remove `<fullName>` (the file name carries no API name) or make it `{}`",
                names[0]
            ),
        );
    }
}

/// Warns that the file is uploaded although no operation of the spec names a component of its kind.
fn warn_unnamed(root: &Root<'_, '_>, spec: Option<&Spec<'_>>, findings: &mut Findings) {
    let kind = root.kind;
    let spec_key = match kind {
        MetadataKind::ConnectedApp => "connectedApp",
        MetadataKind::PermissionSet => "permissionSet",
    };
    let other = match kind {
        MetadataKind::ConnectedApp if !spec_external_client_apps(spec).is_empty() => {
            " (the spec names an `externalClientApp`, for which there is no metadata file)"
        }
        _ => "",
    };
    findings.warning(
        root.span,
        &root.path,
        format!(
            "`{}` is uploaded but no operation names a `{spec_key}` in `x-sfdc.heroku.authorization`{other}",
            kind.file_name()
        ),
        format!("add `{spec_key}: <name>` to the operations that run in user-plus mode, or leave the file out"),
    );
}

/// Warns when a permission set is not session-activated (`hasActivationRequired` is not `true`).
fn check_activation(root: &Root<'_, '_>, findings: &mut Findings) {
    let activation = root
        .child("hasActivationRequired")
        .and_then(|n| n.text())
        .map(str::trim);
    if activation != Some("true") {
        let (span, path) = match root.child("hasActivationRequired") {
            Some(n) => (root.value_span(n), format!("{}/hasActivationRequired", root.path)),
            None => (root.span, root.path.clone()),
        };
        findings.warning(
            span,
            &path,
            "the permission set is not session-activated (`hasActivationRequired` is not `true`)".to_string(),
            "user-plus mode activates this permission set per session; set `<hasActivationRequired>true</hasActivationRequired>`",
        );
    }
}

/// Warns when the permission set would have the name of `--client-name`.
fn check_client_name(root: &Root<'_, '_>, names: &[&str], client: &str, findings: &mut Findings) {
    let full_name = root.child("fullName").and_then(|n| n.text()).map(str::trim);
    let created = full_name.or(match names {
        [only] => Some(*only),
        _ => None,
    });
    if let Some(created) = created
        && created.eq_ignore_ascii_case(client)
    {
        findings.warning(
            root.span,
            &root.path,
            format!(
                "the permission set `{created}` has the name of `--client-name`; publishing also creates a permission set `{client}` that grants access to the service"
            ),
            "give the user-plus permission set its own name, such as `<client>Permissions`",
        );
    }
}

fn kind_label(kind: MetadataKind) -> &'static str {
    match kind {
        MetadataKind::ConnectedApp => "connected app",
        MetadataKind::PermissionSet => "permission set",
    }
}

/// The distinct `connectedApp` / `permissionSet` values of the spec, in document order.
fn spec_names<'a>(spec: Option<&Spec<'a>>, kind: MetadataKind) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = Vec::new();
    for op in spec.map(|s| s.operations.as_slice()).unwrap_or_default() {
        let Some(auth) = xsfdc::authorization(op.node) else {
            continue;
        };
        let name = match kind {
            MetadataKind::ConnectedApp => auth.connected_app,
            MetadataKind::PermissionSet => auth.permission_set,
        };
        if let Some(name) = name
            && !out.contains(&name)
        {
            out.push(name);
        }
    }
    out
}

fn spec_external_client_apps<'a>(spec: Option<&Spec<'a>>) -> Vec<&'a str> {
    spec.map(|s| s.operations.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|op| xsfdc::authorization(op.node)?.external_client_app)
        .collect()
}

/// The span of a tag's name: `PermissionSet` in `<PermissionSet …>`.
fn tag_span(text: &str, start: usize) -> Span {
    let name_start = start + 1;
    let len = text.get(name_start..).map_or(0, |rest| {
        rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len())
    });
    Span::new(name_start, name_start + len)
}

fn trimmed_span(text: &str, range: std::ops::Range<usize>) -> Span {
    let raw = text.get(range.clone()).unwrap_or("");
    let lead = raw.len() - raw.trim_start().len();
    let trail = raw.len() - raw.trim_end().len();
    if lead + trail >= raw.len() {
        return Span::new(range.start, range.start);
    }
    Span::new(range.start + lead, range.end - trail)
}

/// Byte offset of a 1-based row and column (in characters) as roxmltree reports them.
fn offset_of(source: &SourceFile, row: usize, col: usize) -> usize {
    let lines = source.lines();
    let row = row.clamp(1, lines.line_count());
    let line = lines.line_range(&source.text, row);
    let chars = source.text[line.clone()].char_indices();
    let within = chars
        .map(|(i, _)| i)
        .nth(col.saturating_sub(1))
        .unwrap_or(line.end - line.start);
    line.start + within
}

#[derive(Default)]
struct Findings {
    out: Vec<Diagnostic>,
}

impl Findings {
    fn push(&mut self, severity: Severity, span: Span, path: &str, message: String, help: impl Into<String>) {
        self.out.push(Diagnostic {
            rule: RULE,
            severity,
            message,
            help: Some(help.into()),
            pointer: path.to_string(),
            span,
            notes: Vec::new(),
            related: Vec::new(),
            fix: None,
            flag: None,
        });
    }

    fn error(&mut self, span: Span, path: &str, message: String, help: impl Into<String>) {
        self.push(Severity::Error, span, path, message, help);
    }

    fn warning(&mut self, span: Span, path: &str, message: String, help: impl Into<String>) {
        self.push(Severity::Warning, span, path, message, help);
    }

    fn into_report(self, source: SourceFile) -> FileReport {
        let mut report = FileReport {
            source,
            diagnostics: self.out,
        };
        report.sort();
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, parse_text};

    const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /q:
    post:
      operationId: q
      x-sfdc:
        heroku:
          authorization:
            connectedApp: QuoteApp
            permissionSet: QuotePerms
      responses:
        '200': {description: ok}
";

    fn run(kind: MetadataKind, xml: &str) -> Vec<String> {
        let loaded = parse_text(SPEC, Format::Yaml, Vec::new());
        let root = loaded.root.unwrap();
        let spec = Spec::new(&root);
        let input = MetadataInput {
            kind,
            display: format!("meta/{}", kind.file_name()),
            bytes: xml.as_bytes().to_vec(),
        };
        let report = check(&input, Some(&spec), &PublishFlags::default());
        report
            .diagnostics
            .iter()
            .map(|d| {
                let at = report.start(d);
                format!("{}:{} {} {} {}", at.line, at.col, d.severity, d.pointer, d.message)
            })
            .collect()
    }

    const NS: &str = METADATA_NS;

    #[test]
    fn a_session_activated_permission_set_passes() {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PermissionSet xmlns=\"{NS}\">\n    \
             <hasActivationRequired>true</hasActivationRequired>\n    <label>Quote Perms</label>\n</PermissionSet>\n"
        );
        assert_eq!(run(MetadataKind::PermissionSet, &xml), Vec::<String>::new());
    }

    #[test]
    fn malformed_xml_is_located() {
        let xml = format!("<PermissionSet xmlns=\"{NS}\">\n  <label>x</labl>\n</PermissionSet>\n");
        let found = run(MetadataKind::PermissionSet, &xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("2:"), "{found:?}");
        assert!(found[0].contains("is not well-formed XML"), "{found:?}");
    }

    #[test]
    fn wrong_root_and_wrong_namespace_are_errors() {
        let xml = format!("<ConnectedApp xmlns=\"{NS}\"><label>x</label></ConnectedApp>");
        assert_eq!(
            run(MetadataKind::PermissionSet, &xml),
            vec!["1:2 error /ConnectedApp `permissionset-meta.xml` holds a `ConnectedApp`, not a `PermissionSet`"]
        );
        let xml = "<PermissionSet><hasActivationRequired>true</hasActivationRequired><label>x</label></PermissionSet>";
        assert_eq!(
            run(MetadataKind::PermissionSet, xml),
            vec!["1:2 error /PermissionSet `<PermissionSet>` has no namespace"]
        );
    }

    #[test]
    fn missing_required_elements_and_a_contradicting_full_name() {
        let xml = format!("<ConnectedApp xmlns=\"{NS}\">\n  <fullName>OtherApp</fullName>\n</ConnectedApp>\n");
        assert_eq!(
            run(MetadataKind::ConnectedApp, &xml),
            vec![
                "1:2 error /ConnectedApp `<ConnectedApp>` has no `<contactEmail>`; the Metadata API requires it",
                "1:2 error /ConnectedApp `<ConnectedApp>` has no `<label>`; the Metadata API requires it",
                "2:13 error /ConnectedApp/fullName `fullName` is `OtherApp` but the spec names the connected app `QuoteApp`",
            ]
        );
    }

    #[test]
    fn a_permission_set_without_activation_is_a_warning() {
        let xml = format!(
            "<PermissionSet xmlns=\"{NS}\">\n<hasActivationRequired>false</hasActivationRequired><label>x</label></PermissionSet>"
        );
        assert_eq!(
            run(MetadataKind::PermissionSet, &xml),
            vec![
                "2:24 warning /PermissionSet/hasActivationRequired the permission set is not session-activated (`hasActivationRequired` is not `true`)"
            ]
        );
    }

    #[test]
    fn a_permission_set_named_like_the_client_is_a_warning() {
        let loaded = parse_text(SPEC, Format::Yaml, Vec::new());
        let root = loaded.root.unwrap();
        let spec = Spec::new(&root);
        let input = MetadataInput {
            kind: MetadataKind::PermissionSet,
            display: "permissionset-meta.xml".into(),
            bytes: format!(
                "<PermissionSet xmlns=\"{NS}\"><hasActivationRequired>true</hasActivationRequired><label>x</label></PermissionSet>"
            )
            .into_bytes(),
        };
        let flags = PublishFlags {
            client_name: Some("quoteperms".into()),
            ..PublishFlags::default()
        };
        let report = check(&input, Some(&spec), &flags);
        assert_eq!(report.diagnostics.len(), 1);
        assert_eq!(
            report.diagnostics[0].message,
            "the permission set `QuotePerms` has the name of `--client-name`; publishing also creates a permission set `quoteperms` that grants access to the service"
        );
    }

    proptest::proptest! {
        /// Any bytes: no panic, and every finding lies inside the file.
        #[test]
        fn arbitrary_files_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200), xmlish in "<[A-Za-z:]{0,12}( xmlns=\"[a-z:/.]{0,20}\")?>[<>/a-z&;]{0,30}") {
            for input in [bytes.clone(), xmlish.clone().into_bytes()] {
                let len = input.len();
                let input = MetadataInput { kind: MetadataKind::PermissionSet, display: "p.xml".into(), bytes: input };
                let report = check(&input, None, &PublishFlags::default());
                for d in &report.diagnostics {
                    proptest::prop_assert!(d.span.end as usize <= len.max(report.source.text.len()));
                }
            }
        }
    }

    #[test]
    fn invalid_utf8_is_an_error_at_its_offset() {
        let input = MetadataInput {
            kind: MetadataKind::PermissionSet,
            display: "m/permissionset-meta.xml".into(),
            bytes: b"<PermissionSet>\xe9</PermissionSet>".to_vec(),
        };
        let report = check(&input, None, &PublishFlags::default());
        assert_eq!(report.diagnostics.len(), 1);
        assert_eq!(report.diagnostics[0].span, Span::new(15, 16));
    }
}
