//! Stage 6 (build) — renders a [`Publication`] into file contents.
//!
//! Every XML file comes from a minijinja template, one per metadata type, embedded from
//! `templates/` (a `--templates DIR` may override any of them by file name). The environment is
//! configured before any template is loaded — the order matters: minijinja fixes a template's
//! escaping when it is added — with:
//! - XML auto-escaping for every template and a formatter that escapes `& < > " '` (and `\r`,
//!   which XML parsers would otherwise turn into `\n`) and refuses characters XML 1.0 forbids;
//!   `|safe` is removed, so nothing bypasses it;
//! - strict undefined values (a typo in a template is an error, not an empty element);
//! - the trailing newline kept, `{% %}` lines trimmed so that the 4-space indent survives.
//!
//! Each rendered file is parsed back with roxmltree and its root element and namespace checked
//! before it is returned; nothing is written here.

use crate::publication::names::is_xml_char;
use crate::publication::types::PACKAGE_TEMPLATE;
use crate::publication::{Body, METADATA_NS, MetadataType, Publication, Verbatim};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};
use std::path::Path;

/// The built-in templates, by file name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("ConnectedApp.xml", include_str!("../../templates/ConnectedApp.xml")),
    (
        "ExternalClientApplication.xml",
        include_str!("../../templates/ExternalClientApplication.xml"),
    ),
    (
        "ExternalCredential.xml",
        include_str!("../../templates/ExternalCredential.xml"),
    ),
    (
        "ExternalServiceRegistration.xml",
        include_str!("../../templates/ExternalServiceRegistration.xml"),
    ),
    (
        "ExtlClntAppConfigurablePolicies.xml",
        include_str!("../../templates/ExtlClntAppConfigurablePolicies.xml"),
    ),
    (
        "ExtlClntAppGlobalOauthSettings.xml",
        include_str!("../../templates/ExtlClntAppGlobalOauthSettings.xml"),
    ),
    (
        "ExtlClntAppOauthConfigurablePolicies.xml",
        include_str!("../../templates/ExtlClntAppOauthConfigurablePolicies.xml"),
    ),
    (
        "ExtlClntAppOauthSettings.xml",
        include_str!("../../templates/ExtlClntAppOauthSettings.xml"),
    ),
    ("GenAiFunction.xml", include_str!("../../templates/GenAiFunction.xml")),
    ("GenAiPlugin.xml", include_str!("../../templates/GenAiPlugin.xml")),
    (
        "NamedCredential.xml",
        include_str!("../../templates/NamedCredential.xml"),
    ),
    ("Package.xml", include_str!("../../templates/Package.xml")),
    ("PermissionSet.xml", include_str!("../../templates/PermissionSet.xml")),
];

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    /// A template file that could not be read (the bounded reader's message names it).
    #[error("{0}")]
    Read(String),
    #[error("--templates: `{0}` is not a template applinkc uses (expected one of: {1})")]
    UnknownTemplate(String, String),
    #[error("template {template}: {detail}")]
    Template { template: String, detail: String },
    #[error("{path}: {detail}")]
    GivenFile { path: String, detail: String },
    #[error("template {template} rendered invalid XML for {component}: {detail}")]
    InvalidXml {
        template: String,
        component: String,
        detail: String,
    },
}

/// One rendered component: its main XML file and the further files of a bundle.
#[derive(Debug)]
pub struct EmittedComponent {
    pub ty: MetadataType,
    pub name: String,
    pub xml: Vec<u8>,
    /// `(path relative to the bundle folder, bytes)`.
    pub extra: Vec<(String, Vec<u8>)>,
}

/// The rendered publication.
#[derive(Debug)]
pub struct Emitted {
    pub package_xml: Vec<u8>,
    pub components: Vec<EmittedComponent>,
}

/// The template environment: built-in templates, overridden by the files of `overrides`.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    pub fn new(overrides: Option<&Path>) -> Result<Templates, EmitError> {
        let mut env = Environment::new();
        // Escaping, formatter and syntax must be set before the first template is added.
        env.set_auto_escape_callback(|_| AutoEscape::Custom("xml".into()));
        env.set_formatter(xml_formatter);
        env.remove_filter("safe");
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| template_error("(syntax)", &e))?;
        env.set_syntax(syntax);
        let mut sources: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        if let Some(dir) = overrides {
            let io = |e| EmitError::Io {
                path: dir.display().to_string(),
                source: e,
            };
            let mut entries: Vec<_> = std::fs::read_dir(dir)
                .map_err(io)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            for path in entries {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string();
                // Notes beside the templates (a README, a .gitignore) are not templates.
                if name.starts_with('.') || !name.ends_with(".xml") {
                    continue;
                }
                let Some(slot) = sources.iter_mut().find(|(n, _)| *n == name) else {
                    let known: Vec<&str> = TEMPLATES.iter().map(|(n, _)| *n).collect();
                    return Err(EmitError::UnknownTemplate(name, known.join(", ")));
                };
                // The bounded reader, like every input: a size cap while reading.
                slot.1 = crate::input::read_text(&path, crate::input::Origin::Named)
                    .map_err(|e| EmitError::Read(e.to_string()))?;
            }
        }
        for (name, text) in sources {
            env.add_template_owned(name.clone(), text)
                .map_err(|e| template_error(&name, &e))?;
        }
        Ok(Templates { env })
    }

    /// Renders every component and `package.xml`, each parsed back and checked.
    pub fn emit(&self, publication: &Publication) -> Result<Emitted, EmitError> {
        let mut components = Vec::with_capacity(publication.components.len());
        for c in &publication.components {
            let xml = match &c.body {
                Body::Verbatim(file) => verify_given(file, c.ty)?,
                body => self.render(
                    c.ty.template(),
                    Value::from(minijinja::value::Serde(body)),
                    c.ty.name(),
                    c.name.as_str(),
                )?,
            };
            let mut extra = Vec::new();
            for (path, json) in &c.extra {
                extra.push((path.clone(), json_bytes(json)));
            }
            components.push(EmittedComponent {
                ty: c.ty,
                name: c.name.to_string(),
                xml,
                extra,
            });
        }
        let package_xml = self.render(
            PACKAGE_TEMPLATE,
            Value::from(minijinja::value::Serde(publication.manifest())),
            "Package",
            "package.xml",
        )?;
        Ok(Emitted {
            package_xml,
            components,
        })
    }

    fn render(&self, template: &str, ctx: Value, root: &str, component: &str) -> Result<Vec<u8>, EmitError> {
        let text = self
            .env
            .get_template(template)
            .and_then(|t| t.render(ctx))
            .map_err(|e| template_error(template, &e))?;
        verify(&text, root).map_err(|detail| EmitError::InvalidXml {
            template: template.to_string(),
            component: component.to_string(),
            detail,
        })?;
        Ok(text.into_bytes())
    }
}

fn template_error(template: &str, e: &Error) -> EmitError {
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail.push_str(&format!(": {s}"));
        source = s.source();
    }
    EmitError::Template {
        template: template.to_string(),
        detail,
    }
}

/// Writes a value into XML text: strings escaped, `none` and undefined refused, characters
/// XML 1.0 forbids refused.
fn xml_formatter(
    out: &mut minijinja::Output<'_>,
    state: &mut minijinja::State<'_, '_>,
    value: &Value,
) -> Result<(), Error> {
    if !matches!(state.auto_escape(), AutoEscape::Custom(name) if name == "xml") {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_undefined() || value.is_none() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "a missing value (none) cannot be written into XML; guard it with {% if %}",
        ));
    }
    // XML Schema booleans are lower case; minijinja writes `True`/`False`.
    let text = match (value.kind(), value.as_str()) {
        (_, Some(s)) => s.to_string(),
        (minijinja::value::ValueKind::Bool, None) => value.is_true().to_string(),
        (minijinja::value::ValueKind::Number, None) => value.to_string(),
        (kind, None) => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("a {kind} cannot be written into XML; write its items one by one"),
            ));
        }
    };
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\r' => escaped.push_str("&#13;"),
            c if !is_xml_char(c) => {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("U+{:04X} is not allowed in XML 1.0", c as u32),
                ));
            }
            c => escaped.push(c),
        }
    }
    out.write_str(&escaped).map_err(Error::from)
}

/// Checks a rendered file: declaration, well-formed, root element and namespace, final newline.
pub fn verify(text: &str, root: &str) -> Result<(), String> {
    if !text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") {
        return Err("the file must start with <?xml version=\"1.0\" encoding=\"UTF-8\"?> and a newline".into());
    }
    if !text.ends_with('\n') {
        return Err("the file must end with a newline".into());
    }
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let element = doc.root_element();
    if element.tag_name().name() != root {
        return Err(format!(
            "the root element is <{}>, expected <{root}>",
            element.tag_name().name()
        ));
    }
    if element.tag_name().namespace() != Some(METADATA_NS) {
        return Err(format!("the root element is not in the namespace {METADATA_NS}"));
    }
    Ok(())
}

/// Checks a file given with `--metadata-dir` (written as it is): well-formed, the expected root
/// element in the metadata namespace, and — for the user-plus permission set — session-activated.
fn verify_given(file: &Verbatim, ty: MetadataType) -> Result<Vec<u8>, EmitError> {
    let fail = |detail: String| EmitError::GivenFile {
        path: file.path.clone(),
        detail,
    };
    let doc = roxmltree::Document::parse(&file.text).map_err(|e| fail(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != ty.name() || root.tag_name().namespace() != Some(METADATA_NS) {
        return Err(fail(format!(
            "the root element must be <{} xmlns=\"{METADATA_NS}\">",
            ty.name()
        )));
    }
    if ty == MetadataType::PermissionSet {
        let activated = root
            .children()
            .find(|n| n.has_tag_name((METADATA_NS, "hasActivationRequired")))
            .and_then(|n| n.text())
            .is_some_and(|t| t.trim() == "true");
        if !activated {
            return Err(fail(
                "the user-plus permission set must be session-activated: add <hasActivationRequired>true</hasActivationRequired>".into(),
            ));
        }
    }
    Ok(file.text.clone().into_bytes())
}

/// `schema.json` bytes: 4-space indent, keys in the order built, final newline.
fn json_bytes(value: &serde_json::Value) -> Vec<u8> {
    use serde::Serialize;
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    // Serialising a serde_json::Value into a Vec cannot fail.
    let _ = value.serialize(&mut ser);
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_with(name: &str, text: &str) -> Result<Templates, EmitError> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        Templates::new(Some(dir.path()))
    }

    #[test]
    fn escaping_is_xml_and_installed_before_loading() {
        let t = Templates::new(None).unwrap();
        let out = t
            .env
            .render_str("{{ v }}", minijinja::context! { v => "a&b<c>\"d'e/f\r" })
            .unwrap_or_default();
        assert_eq!(out, "a&amp;b&lt;c&gt;&quot;d&apos;e/f&#13;");
        let err = t.env.render_str("{{ v }}", minijinja::context! { v => "a\u{1}" });
        assert!(err.is_err());
        assert!(t.env.render_str("{{ missing }}", ()).is_err());
        assert!(t.env.render_str("{{ v }}", minijinja::context! { v => () }).is_err());
        assert!(
            t.env
                .render_str("{{ v|safe }}", minijinja::context! { v => "<" })
                .is_err()
        );
        assert_eq!(
            t.env.render_str("{{ v }}", minijinja::context! { v => true }).unwrap(),
            "true"
        );
        assert_eq!(
            t.env.render_str("{{ v }}", minijinja::context! { v => 3 }).unwrap(),
            "3"
        );
        assert!(
            t.env
                .render_str("{{ v }}", minijinja::context! { v => vec![1] })
                .is_err()
        );
    }

    proptest::proptest! {
        /// Any text either renders into XML that parses back to the same text, or is refused
        /// because XML 1.0 cannot carry one of its characters.
        #[test]
        fn any_text_round_trips_through_the_formatter_or_is_refused(text in "\\PC*|[\\x00-\\x20&<>\"'\\r\\u{FFFE}\\u{FFFF}a]*") {
            let t = Templates::new(None).unwrap();
            let rendered = t.env.render_str("<a>{{ v }}</a>", minijinja::context! { v => text.clone() });
            match rendered {
                Ok(xml) => {
                    let doc = roxmltree::Document::parse(&xml).unwrap();
                    proptest::prop_assert_eq!(doc.root_element().text().unwrap_or(""), text.as_str());
                }
                Err(_) => proptest::prop_assert!(text.chars().any(|c| !is_xml_char(c))),
            }
        }
    }

    #[test]
    fn unknown_override_is_refused() {
        assert!(matches!(env_with("Nope.xml", "x"), Err(EmitError::UnknownTemplate(..))));
    }

    #[test]
    fn verify_checks_root_and_namespace() {
        let ok = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>\n";
        assert!(verify(ok, "Package").is_ok());
        assert!(verify(ok, "PermissionSet").is_err());
        assert!(verify(&ok.replace("2006/04", "2016/11"), "Package").is_err());
        assert!(verify(ok.trim_end(), "Package").is_err());
        assert!(verify(&ok.replace("/>", ">"), "Package").is_err());
    }
}
