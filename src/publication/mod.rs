//! Stage 5 (build) — the publication model: what a build creates in the org, with every name
//! derived and validated once.
//!
//! [`Publication::from_spec`] reads the loaded spec (through [`Spec`]), the publish flags and
//! the app URL, and returns the components to emit, each a typed value the templates render.
//! Problems in the spec and in the publish flags come back as [`Refusal`]s (findings under the
//! id of the rule that covers the problem, pointing into the spec; a flag's at the file); a
//! value of a build-only flag (`--app-url`, `--api-version`, …) that is unusable is a
//! [`ModelError::Usage`]. Nothing here does I/O or knows about XML or zips.

pub mod agent;
mod builder;
pub mod components;
mod inputs;
pub mod names;
pub mod steps;
pub mod types;

use crate::diagnostics::Diagnostic;
use crate::flags::{Flag, PublishFlags};
use crate::rules::StopsBuild;
use crate::rules::authorization::{AL906_STOPS_BUILD, AL950_STOPS_BUILD};
use crate::rules::wording::shell_word;
use crate::source::{Node, SourceFile, Span};
use crate::spec::Spec;
use builder::Builder;
pub use components::*;
use inputs::{parse_api_version, parse_app_url, parse_email};
use names::{API_NAME_HELP, ApiName, MAX_API_NAME};
pub use types::MetadataType;

/// The Metadata API namespace every metadata file declares (emitted by `emit`, required by
/// `bundle` of a `--metadata-dir` file).
pub const METADATA_NS: &str = "http://soap.sforce.com/2006/04/metadata";

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
    /// A value of a build-only flag is unusable (exit 2).
    Usage(String),
    /// The spec cannot be built as asked: findings that point into it.
    Findings(Vec<Refusal>),
}

/// Something build cannot compile, as a finding under the rule that declares it
/// ([`StopsBuild`], beside the rule). `check` may report the same problem at the same place,
/// as an error or (when build is stricter than `check`) as a warning; the caller then keeps
/// that finding, raised to an error and told [`why`](StopsBuild::why), rather than this second
/// wording of it.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub stops: &'static StopsBuild,
    /// Under `stops.rule`; about a flag (at the start of the file, like the rules' flag
    /// findings), its [`Diagnostic::flag`] names the flag, as `check`'s finding does.
    pub diagnostic: Diagnostic,
}

impl Refusal {
    /// A refusal under `stops`' rule at `span` (its pointer is the caller's to set).
    fn new(stops: &'static StopsBuild, span: Span, message: String, help: String, flag: Option<Flag>) -> Refusal {
        Refusal {
            stops,
            diagnostic: Diagnostic {
                rule: stops.rule.id,
                severity: crate::diagnostics::Severity::Error,
                message,
                help: Some(help),
                pointer: String::new(),
                span,
                notes: Vec::new(),
                related: Vec::new(),
                fix: None,
                flag,
            },
        }
    }

    /// Whether `d` is `check`'s finding of the same problem: same rule, place and flag.
    pub fn matches(&self, d: &Diagnostic) -> bool {
        d.rule == self.diagnostic.rule && d.span == self.diagnostic.span && d.flag == self.diagnostic.flag
    }

    /// Why build needs it (for the help of `check`'s finding when it was less than an error).
    pub fn why(&self) -> &'static str {
        self.stops.why
    }
}

/// Everything a build emits.
#[derive(Debug)]
pub struct Publication {
    /// `66.0`
    pub api_version: String,
    pub client: ApiName,
    /// Sorted by type name, then component name: the order of `package.xml`.
    pub components: Vec<Component>,
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

    /// Moves the agent topic and actions into a publication of their own, deployed after this
    /// one (`--agent-package separate`): they target the invocable actions the org generates
    /// when it saves the registration. `None` when there is no agent component.
    pub fn split_agent(&mut self) -> Option<Publication> {
        let (agent, rest): (Vec<Component>, Vec<Component>) = std::mem::take(&mut self.components)
            .into_iter()
            .partition(|c| matches!(c.ty, MetadataType::GenAiFunction | MetadataType::GenAiPlugin));
        self.components = rest;
        (!agent.is_empty()).then(|| Publication {
            api_version: self.api_version.clone(),
            client: self.client.clone(),
            components: agent,
        })
    }

    /// Builds the model. `root` is the tree `source` loaded into; the caller has already run
    /// `check` and found no error.
    pub fn from_spec(source: &SourceFile, root: &Node, inputs: &BuildInputs<'_>) -> Result<Publication, ModelError> {
        let api_major = parse_api_version(inputs.api_version).map_err(ModelError::Usage)?;
        let app_url = parse_app_url(inputs.app_url).map_err(ModelError::Usage)?;
        let contact_email = match inputs.contact_email {
            Some(email) => Some(parse_email(email).map_err(ModelError::Usage)?),
            None => root
                .path(&["info", "contact", "email"])
                .and_then(Node::as_str)
                .and_then(|e| parse_email(e).ok()),
        };
        // The flags first: without a client name there is nothing to build.
        let mut refusals = Vec::new();
        let client = client_name(inputs.client_name, &mut refusals);
        let flags = inputs.flags;
        let flag_eca = flag_name(
            Flag::ExternalClientAppName,
            "external client app",
            &flags.external_client_app_name,
            MAX_ECA_NAME,
            &mut refusals,
        );
        let flag_ca = flag_name(
            Flag::ConnectedAppName,
            "connected app",
            &flags.connected_app_name,
            MAX_API_NAME,
            &mut refusals,
        );
        let flag_ps = flag_name(
            Flag::PermissionSetName,
            "permission set",
            &flags.permission_set_name,
            MAX_API_NAME,
            &mut refusals,
        );
        let Some(client) = client.filter(|_| refusals.is_empty()) else {
            return Err(ModelError::Findings(refusals));
        };

        let spec = Spec::new(root);
        let mut b = Builder::new(source, &spec, client, app_url, contact_email)?;
        b.xml_characters();
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

/// A refusal about a flag's value, at the start of the file like the rules' flag findings.
fn flag_refusal(stops: &'static StopsBuild, flag: Flag, message: String, help: String) -> Refusal {
    Refusal::new(stops, Span::empty(0), message, help, Some(flag))
}

/// `--client-name` as an API name of at most [`MAX_CLIENT_NAME`] characters, or an AL950
/// refusal (`check`'s AL950 allows 80; build derives longer names from it).
fn client_name(value: &str, refusals: &mut Vec<Refusal>) -> Option<ApiName> {
    let flag = Flag::ClientName;
    match ApiName::parse(value, MAX_CLIENT_NAME) {
        Ok(name) => Some(name),
        Err(e) => {
            let shown = shell_word(value);
            let message = if e.why.contains("characters long") && value.len() <= MAX_API_NAME {
                format!(
                    "`{flag} {shown}` has {} characters; build derives longer names from it (`{value}Principal`), so at most {MAX_CLIENT_NAME}",
                    value.len()
                )
            } else if e.why.contains("device name") {
                format!("`{flag} {shown}` cannot name files: it {}", e.why)
            } else {
                format!("`{flag} {shown}` is not a valid External Service name: it {}", e.why)
            };
            refusals.push(flag_refusal(
                &AL950_STOPS_BUILD,
                flag,
                message,
                format!("{API_NAME_HELP}, at most {MAX_CLIENT_NAME} characters"),
            ));
            None
        }
    }
}

/// A name given by a flag, or an AL906 refusal.
fn flag_name(
    flag: Flag,
    noun: &str,
    value: &Option<String>,
    max: usize,
    refusals: &mut Vec<Refusal>,
) -> Option<ApiName> {
    let value = value.as_deref()?;
    match ApiName::parse(value, max) {
        Ok(name) => Some(name),
        Err(e) => {
            let shown = shell_word(value);
            let message = if max < MAX_API_NAME && e.why.starts_with("is ") && value.len() <= MAX_API_NAME {
                format!(
                    "`{flag} {shown}` has {} characters; build names its policies `{value}{POLICY_SUFFIX}`, which must fit in {MAX_API_NAME}, so at most {max}",
                    value.len()
                )
            } else {
                format!("`{flag} {shown}` is not a valid {noun} API name: it {}", e.why)
            };
            refusals.push(flag_refusal(
                &AL906_STOPS_BUILD,
                flag,
                message,
                format!("{API_NAME_HELP}, at most {max} characters"),
            ));
            None
        }
    }
}
