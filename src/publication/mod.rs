//! Stage 5 (build) — the publication model: what a build creates in the org, with every name
//! derived and validated once.
//!
//! [`Publication::from_spec`] reads the loaded spec (through [`Spec`]), the publish flags and
//! the app URL, and returns the components to emit, each a typed value the templates render.
//! Problems in the spec come back as findings pointing into it; problems in flags as
//! [`ModelError::Usage`]. Nothing here does I/O or knows about XML or zips.

pub mod agent;
mod builder;
pub mod components;
mod inputs;
pub mod names;
pub mod types;

use crate::diagnostics::Diagnostic;
use crate::flags::PublishFlags;
use crate::source::{Node, SourceFile};
use crate::spec::Spec;
use builder::Builder;
pub use components::*;
use inputs::{parse_api_version, parse_app_url, parse_email};
use names::{API_NAME_HELP, ApiName, MAX_API_NAME};
pub use types::MetadataType;

/// The default `--api-version` (the Metadata API version of the checked-in WSDL).
pub const DEFAULT_API_VERSION: &str = "66.0";

/// Generated base names stay short so that derived names fit (metadata-formats.md §3.1).
pub const MAX_CLIENT_NAME: usize = 40;

/// The External Client App name gets `_defaultPolicy` appended for its policies.
const POLICY_SUFFIX: &str = "_defaultPolicy";

/// The longest External Client App name: its policies' names must fit in 80 characters.
const MAX_ECA_NAME: usize = MAX_API_NAME - POLICY_SUFFIX.len();

/// What a build is asked for besides the spec.
#[derive(Clone, Debug)]
pub struct BuildInputs<'a> {
    pub client_name: &'a str,
    pub app_url: &'a str,
    pub api_version: &'a str,
    pub contact_email: Option<&'a str>,
    pub flags: &'a PublishFlags,
    /// `permissionset-meta.xml` of `--metadata-dir`: (shown path, text).
    pub permission_set_file: Option<(String, String)>,
    /// `connectedapp-meta.xml` of `--metadata-dir`: (shown path, text).
    pub connected_app_file: Option<(String, String)>,
}

/// Why no model could be built.
#[derive(Debug)]
pub enum ModelError {
    /// A flag value is unusable (exit 2).
    Usage(String),
    /// The spec cannot be published as asked: findings that point into it.
    Findings(Vec<Diagnostic>),
}

/// Everything a build emits.
#[derive(Debug)]
pub struct Publication {
    /// `66.0`
    pub api_version: String,
    pub client: ApiName,
    /// Sorted by type name, then component name: the order of `package.xml`.
    pub components: Vec<Component>,
    /// Findings that do not stop the build (a legacy connected app, …).
    pub warnings: Vec<Diagnostic>,
    /// Warnings about flag values, which have no place in the spec.
    pub notes: Vec<String>,
}

/// One component: its type, its API name (= file name) and what its template renders.
#[derive(Debug)]
pub struct Component {
    pub ty: MetadataType,
    pub name: ApiName,
    pub body: Body,
    /// Further files of a bundle, relative to its folder (`input/schema.json`).
    pub extra: Vec<(String, serde_json::Value)>,
}

/// The template context of each type.
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
pub enum Body {
    Registration(Registration),
    NamedCredential(NamedCredential),
    ExternalCredential(ExternalCredential),
    PermissionSet(PermissionSet),
    ConnectedApp(ConnectedApp),
    ExternalClientApp(ExternalClientApp),
    EcaGlobalOauth(EcaGlobalOauth),
    EcaOauth(EcaOauth),
    EcaOauthPolicy(EcaOauthPolicy),
    EcaPolicy(EcaPolicy),
    Function(Function),
    Topic(Topic),
    /// A file given with `--metadata-dir`, written as it is (after emit checks its root).
    Verbatim(Verbatim),
}

impl Publication {
    /// The `package.xml` listing: one entry per type, members sorted, types sorted by name.
    pub fn manifest(&self) -> Manifest {
        let mut types: Vec<ManifestType> = Vec::new();
        for c in &self.components {
            match types.last_mut() {
                Some(t) if t.name == c.ty.name() => t.members.push(c.name.to_string()),
                _ => types.push(ManifestType {
                    name: c.ty.name(),
                    members: vec![c.name.to_string()],
                }),
            }
        }
        Manifest {
            types,
            version: self.api_version.clone(),
        }
    }

    /// Builds the model. `root` is the tree `source` loaded into; the caller has already run
    /// `check` and found no error.
    pub fn from_spec(source: &SourceFile, root: &Node, inputs: &BuildInputs<'_>) -> Result<Publication, ModelError> {
        let client = ApiName::parse(inputs.client_name, MAX_CLIENT_NAME).map_err(|e| {
            ModelError::Usage(format!(
                "--client-name: {e}; {API_NAME_HELP} (at most {MAX_CLIENT_NAME} characters, so that derived names fit)"
            ))
        })?;
        let api_major = parse_api_version(inputs.api_version).map_err(ModelError::Usage)?;
        let app_url = parse_app_url(inputs.app_url).map_err(ModelError::Usage)?;
        let contact_email = match inputs.contact_email {
            Some(email) => Some(parse_email(email).map_err(ModelError::Usage)?),
            None => root
                .path(&["info", "contact", "email"])
                .and_then(Node::as_str)
                .and_then(|e| parse_email(e).ok()),
        };
        let flags = inputs.flags;
        let flag_eca = flag_name(
            "authorization-external-client-app-name",
            &flags.external_client_app_name,
            MAX_ECA_NAME,
        )?;
        let flag_ca = flag_name(
            "authorization-connected-app-name",
            &flags.connected_app_name,
            MAX_API_NAME,
        )?;
        let flag_ps = flag_name(
            "authorization-permission-set-name",
            &flags.permission_set_name,
            MAX_API_NAME,
        )?;

        let spec = Spec::new(root);
        let mut b = Builder::new(source, &spec, client, app_url, contact_email)?;
        b.check_xml_text();
        let functions = b.registration_and_actions();
        b.credentials();
        let auth = b.authorization_names();
        b.user_plus_permission_sets(&auth.permission_set, flag_ps, inputs.permission_set_file.clone(), flags)?;
        b.external_client_apps(&auth.external_client_app, flag_eca)?;
        b.connected_apps(&auth.connected_app, flag_ca, inputs.connected_app_file.clone(), flags)?;
        let function_names: Vec<ApiName> = functions.iter().map(|c| c.name.clone()).collect();
        b.topic(&function_names);
        b.components.extend(functions);
        b.finish(api_major, inputs.api_version)
    }
}

/// A name given by a flag, or a usage error.
fn flag_name(flag: &str, value: &Option<String>, max: usize) -> Result<Option<ApiName>, ModelError> {
    value
        .as_deref()
        .map(|v| ApiName::parse(v, max).map_err(|e| ModelError::Usage(format!("--{flag}: {e}; {API_NAME_HELP}"))))
        .transpose()
}
