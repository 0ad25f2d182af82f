//! Stage 5 (build) — the publication model: what a build creates in the org, with every name
//! derived and validated once.
//!
//! [`Publication::from_spec`] reads the loaded spec (through [`Spec`]), the publish flags and
//! the app URL, and returns the components to emit, each a typed value the templates render.
//! Problems in the spec come back as findings pointing into it; problems in flags as
//! [`ModelError::Usage`]. Nothing here does I/O or knows about XML or zips.

pub mod agent;
pub mod names;
pub mod types;

use crate::diagnostics::{Diagnostic, Severity};
use crate::flags::PublishFlags;
use crate::source::{Node, SourceFile, Span};
use crate::spec::{Spec, apex_name, xsfdc};
use names::{API_NAME_HELP, ApiName, MAX_API_NAME, first_illegal_xml_char, humanize, truncate};
pub use types::MetadataType;

/// The default `--api-version` (the Metadata API version of the checked-in WSDL).
pub const DEFAULT_API_VERSION: &str = "66.0";

/// Generated base names stay short so that derived names fit (metadata-formats.md §3.1).
pub const MAX_CLIENT_NAME: usize = 40;

/// The External Client App name gets `_defaultPolicy` appended for its policies.
const POLICY_SUFFIX: &str = "_defaultPolicy";

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

#[derive(Debug, serde::Serialize)]
pub struct Verbatim {
    /// Where it came from, for messages.
    pub path: String,
    pub text: String,
}

#[derive(Debug, serde::Serialize)]
pub struct Registration {
    pub label: String,
    pub description: Option<String>,
    pub named_credential: ApiName,
    /// Operation developer names: the operationId in External Services' encoding, lower case.
    pub operations: Vec<String>,
    /// `Custom`: see docs/build.md.
    pub provider_type: &'static str,
    /// The spec exactly as written (without a byte order mark).
    pub schema: String,
    /// `OpenApi3`, or `OpenApi` for a Swagger 2.0 document.
    pub schema_type: &'static str,
    /// `yaml` or `json`.
    pub upload_extension: &'static str,
    pub upload_file_name: String,
}

#[derive(Debug, serde::Serialize)]
pub struct NamedCredential {
    pub label: String,
    pub description: String,
    pub url: String,
    pub external_credential: ApiName,
}

#[derive(Debug, serde::Serialize)]
pub struct ExternalCredential {
    pub label: String,
    pub description: String,
    /// The named principal users are granted (`<Client>Principal`).
    pub principal: ApiName,
    /// `Authorization`
    pub header: &'static str,
    /// `{!'Bearer ' & $Credential.<Client>.token}`: reads the principal's `token` parameter,
    /// which is set in the org after deploying, never in a file.
    pub header_formula: String,
}

#[derive(Debug, serde::Serialize)]
pub struct PermissionSet {
    pub label: String,
    pub description: String,
    /// `<ExternalCredential>-<Principal>` for the invoking set.
    pub principal_access: Option<String>,
    pub activation_required: bool,
}

#[derive(Debug, serde::Serialize)]
pub struct ConnectedApp {
    pub label: String,
    pub description: String,
    pub contact_email: String,
    pub callback_url: String,
    pub permission_set: ApiName,
}

#[derive(Debug, serde::Serialize)]
pub struct ExternalClientApp {
    pub label: String,
    pub description: String,
    pub contact_email: Option<String>,
}

#[derive(Debug, serde::Serialize)]
pub struct EcaGlobalOauth {
    pub app: ApiName,
    pub label: String,
    pub callback_url: String,
}

#[derive(Debug, serde::Serialize)]
pub struct EcaOauth {
    pub app: ApiName,
    pub label: String,
    pub scopes: &'static str,
}

#[derive(Debug, serde::Serialize)]
pub struct EcaOauthPolicy {
    pub app: ApiName,
    pub label: String,
    pub permission_set: ApiName,
}

#[derive(Debug, serde::Serialize)]
pub struct EcaPolicy {
    pub app: ApiName,
    pub label: String,
}

#[derive(Debug, serde::Serialize)]
pub struct Function {
    pub description: String,
    /// `<Registration>.<operationId>`
    pub invocation_target: String,
    pub master_label: String,
}

#[derive(Debug, serde::Serialize)]
pub struct Topic {
    pub developer_name: ApiName,
    pub master_label: String,
    pub description: Option<String>,
    pub scope: Option<String>,
    pub functions: Vec<ApiName>,
    pub instructions: Vec<Instruction>,
}

#[derive(Debug, serde::Serialize)]
pub struct Instruction {
    pub developer_name: String,
    pub description: String,
    pub sort_order: usize,
}

/// The context of `package.xml`.
#[derive(Debug, serde::Serialize)]
pub struct Manifest {
    pub types: Vec<ManifestType>,
    pub version: String,
}

#[derive(Debug, serde::Serialize)]
pub struct ManifestType {
    pub name: &'static str,
    pub members: Vec<String>,
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
            None => None,
        };
        let flag_name = |flag: &str, value: &Option<String>, max: usize| -> Result<Option<ApiName>, ModelError> {
            value
                .as_deref()
                .map(|v| {
                    ApiName::parse(v, max).map_err(|e| ModelError::Usage(format!("--{flag}: {e}; {API_NAME_HELP}")))
                })
                .transpose()
        };
        let flag_eca = flag_name(
            "authorization-external-client-app-name",
            &inputs.flags.external_client_app_name,
            MAX_API_NAME - POLICY_SUFFIX.len(),
        )?;
        let flag_ca = flag_name(
            "authorization-connected-app-name",
            &inputs.flags.connected_app_name,
            MAX_API_NAME,
        )?;
        let flag_ps = flag_name(
            "authorization-permission-set-name",
            &inputs.flags.permission_set_name,
            MAX_API_NAME,
        )?;

        let contact_email = contact_email.or_else(|| {
            root.path(&["info", "contact", "email"])
                .and_then(Node::as_str)
                .and_then(|e| parse_email(e).ok())
        });
        let spec = Spec::new(root);
        let mut b = Builder {
            source,
            root,
            spec: &spec,
            findings: Vec::new(),
            warnings: Vec::new(),
        };
        b.check_xml_text();

        let principal = client
            .with_suffix("Principal", MAX_API_NAME)
            .map_err(|e| ModelError::Usage(e.to_string()))?;
        let label = humanize(client.as_str());
        let host = app_url.trim_start_matches("https://").to_string();
        let mut components = Vec::new();
        let mut notes = Vec::new();

        // External Service registration and its operations.
        let mut operations: Vec<(String, Span)> = Vec::new();
        let mut functions: Vec<(ApiName, Component)> = Vec::new();
        for op in &spec.operations {
            let Some(id_node) = op.node.get("operationId").filter(|n| n.as_str().is_some()) else {
                b.error(
                    "AL203",
                    op.method_entry.key_span,
                    format!(
                        "`{}` has no operationId, so its registration operation has no name",
                        op.label()
                    ),
                    "add a unique operationId",
                );
                continue;
            };
            let id = id_node.as_str().unwrap_or_default();
            let dev_name = apex_name::encode(id).to_ascii_lowercase();
            if let Some((_, first)) = operations.iter().find(|(n, _)| *n == dev_name) {
                let at = b.source.line_col(first.start);
                b.error(
                    "AL202",
                    id_node.span,
                    format!(
                        "operationId `{id}` becomes the operation name `{dev_name}`, like the operationId on line {}",
                        at.line
                    ),
                    "make operationIds unique, ignoring case and after Apex encoding",
                );
                continue;
            }
            operations.push((dev_name, id_node.span));
            if op.agent {
                let name = format!("{client}_{}", apex_name::encode(id));
                let Some(name) = b.name(&name, MAX_API_NAME, "AL206", id_node.span, "agent action") else {
                    continue;
                };
                let summary = op.node.get("summary").and_then(Node::as_str);
                let description = op
                    .node
                    .get("description")
                    .and_then(|n| b.text(n))
                    .or_else(|| op.node.get("summary").and_then(|n| b.text(n)))
                    .unwrap_or_else(|| op.label());
                let master_label = match summary {
                    Some(s) if !s.trim().is_empty() => truncate(s.trim(), names::MAX_LABEL),
                    _ => humanize(id),
                };
                b.check_value_chars(op.node.get("summary"));
                let body = Function {
                    description,
                    invocation_target: format!("{client}.{id}"),
                    master_label,
                };
                let extra = vec![
                    ("input/schema.json".to_string(), agent::input_schema(&spec, op)),
                    ("output/schema.json".to_string(), agent::output_schema(&spec, op)),
                ];
                functions.push((
                    name.clone(),
                    Component {
                        ty: MetadataType::GenAiFunction,
                        name,
                        body: Body::Function(body),
                        extra,
                    },
                ));
            }
        }
        let info = root.get("info");
        let title = info.and_then(|i| i.get("title")).and_then(|n| b.text(n));
        let description = info.and_then(|i| i.get("description")).and_then(|n| b.text(n));
        let schema_text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text).to_string();
        let json =
            crate::source::Format::from_path(std::path::Path::new(&source.name)) == Some(crate::source::Format::Json);
        components.push(Component {
            ty: MetadataType::ExternalServiceRegistration,
            name: client.clone(),
            body: Body::Registration(Registration {
                label: title
                    .map(|t| truncate(t.trim(), names::MAX_LABEL))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| label.clone()),
                description,
                named_credential: client.clone(),
                operations: operations.into_iter().map(|(n, _)| n).collect(),
                provider_type: "Custom",
                schema: schema_text,
                schema_type: if root.get("swagger").is_some() {
                    "OpenApi"
                } else {
                    "OpenApi3"
                },
                upload_extension: if json { "json" } else { "yaml" },
                upload_file_name: format!("{}_openapi", client.as_str().to_ascii_lowercase()),
            }),
            extra: Vec::new(),
        });

        // Callout endpoint and its credential.
        components.push(Component {
            ty: MetadataType::NamedCredential,
            name: client.clone(),
            body: Body::NamedCredential(NamedCredential {
                label: label.clone(),
                description: format!("Callout endpoint of the Heroku app at {host}."),
                url: app_url.clone(),
                external_credential: client.clone(),
            }),
            extra: Vec::new(),
        });
        components.push(Component {
            ty: MetadataType::ExternalCredential,
            name: client.clone(),
            body: Body::ExternalCredential(ExternalCredential {
                label: label.clone(),
                description: format!("Authenticates Salesforce callouts to the Heroku app at {host}."),
                principal: principal.clone(),
                header: "Authorization",
                header_formula: format!("{{!'Bearer ' & $Credential.{client}.token}}"),
            }),
            extra: Vec::new(),
        });
        components.push(Component {
            ty: MetadataType::PermissionSet,
            name: client.clone(),
            body: Body::PermissionSet(PermissionSet {
                label: label.clone(),
                description: truncate(
                    &format!(
                        "Lets assigned users invoke the Heroku app at {host} through the {client} named credential."
                    ),
                    255,
                ),
                principal_access: Some(format!("{client}-{principal}")),
                activation_required: false,
            }),
            extra: Vec::new(),
        });

        // User-plus: the session-activated permission set and the OAuth clients.
        let auth = b.authorization_names();
        let permission_sets = b.resolve(
            "permissionSet",
            "--authorization-permission-set-name",
            flag_ps,
            &auth.permission_set,
            MAX_API_NAME,
        );
        let mut permission_set_file = inputs.permission_set_file.clone();
        if permission_set_file.is_some() {
            if inputs.flags.permission_set_name.is_some() {
                return Err(ModelError::Usage(
                    "--metadata-dir has permissionset-meta.xml and --authorization-permission-set-name is given; heroku salesforce:publish accepts only one of them (AL953)".into(),
                ));
            }
            if permission_sets.len() != 1 {
                return Err(ModelError::Usage(format!(
                    "--metadata-dir has permissionset-meta.xml, but the spec names {} permission sets; it needs exactly one `permissionSet` to name the file",
                    permission_sets.len()
                )));
            }
        }
        for (name, span) in permission_sets {
            if let Some((path, text)) = permission_set_file.take() {
                components.push(Component {
                    ty: MetadataType::PermissionSet,
                    name,
                    body: Body::Verbatim(Verbatim { path, text }),
                    extra: Vec::new(),
                });
                continue;
            }
            if name == client {
                match span {
                    Some(span) => b.error(
                        "AL906",
                        span,
                        format!("permission set `{name}` has the name of the invoking permission set that --client-name creates"),
                        "give the user-plus permission set its own name, such as `<client>Permissions`",
                    ),
                    None => {
                        return Err(ModelError::Usage(format!(
                            "--authorization-permission-set-name `{name}` is the name of the invoking permission set that --client-name creates; choose another name"
                        )));
                    }
                }
                continue;
            }
            components.push(Component {
                ty: MetadataType::PermissionSet,
                body: Body::PermissionSet(PermissionSet {
                    label: humanize(name.as_str()),
                    description: truncate(
                        &format!("Session-based permissions that Heroku AppLink activates while the app at {host} runs for a user (user-plus mode)."),
                        255,
                    ),
                    principal_access: None,
                    activation_required: true,
                }),
                name,
                extra: Vec::new(),
            });
        }
        let callback_url = format!("{app_url}/oauth/callback");
        let ecas = b.resolve(
            "externalClientApp",
            "--authorization-external-client-app-name",
            flag_eca,
            &auth.external_client_app,
            MAX_API_NAME - POLICY_SUFFIX.len(),
        );
        for (name, _) in ecas {
            let app_label = humanize(name.as_str());
            let policy = name
                .with_suffix(POLICY_SUFFIX, MAX_API_NAME)
                .map_err(|e| ModelError::Usage(e.to_string()))?;
            components.push(Component {
                ty: MetadataType::ExternalClientApplication,
                name: name.clone(),
                body: Body::ExternalClientApp(ExternalClientApp {
                    label: app_label.clone(),
                    description: format!(
                        "OAuth client that the Heroku app at {host} uses to call back into Salesforce (user-plus mode)."
                    ),
                    contact_email: contact_email.clone(),
                }),
                extra: Vec::new(),
            });
            components.push(Component {
                ty: MetadataType::ExtlClntAppGlobalOauthSettings,
                name: name.clone(),
                body: Body::EcaGlobalOauth(EcaGlobalOauth {
                    app: name.clone(),
                    label: truncate(&format!("{app_label} Global OAuth"), names::MAX_LABEL),
                    callback_url: callback_url.clone(),
                }),
                extra: Vec::new(),
            });
            components.push(Component {
                ty: MetadataType::ExtlClntAppOauthSettings,
                name: name.clone(),
                body: Body::EcaOauth(EcaOauth {
                    app: name.clone(),
                    label: truncate(&format!("{app_label} OAuth Settings"), names::MAX_LABEL),
                    scopes: "Api, RefreshToken",
                }),
                extra: Vec::new(),
            });
            components.push(Component {
                ty: MetadataType::ExtlClntAppOauthConfigurablePolicies,
                name: policy.clone(),
                body: Body::EcaOauthPolicy(EcaOauthPolicy {
                    app: name.clone(),
                    label: policy.to_string(),
                    permission_set: client.clone(),
                }),
                extra: Vec::new(),
            });
            components.push(Component {
                ty: MetadataType::ExtlClntAppConfigurablePolicies,
                name: policy.clone(),
                body: Body::EcaPolicy(EcaPolicy {
                    app: name.clone(),
                    label: policy.to_string(),
                }),
                extra: Vec::new(),
            });
        }
        let connected_apps = b.resolve(
            "connectedApp",
            "--authorization-connected-app-name",
            flag_ca,
            &auth.connected_app,
            MAX_API_NAME,
        );
        let mut connected_app_file = inputs.connected_app_file.clone();
        if connected_app_file.is_some() {
            if inputs.flags.connected_app_name.is_some() {
                return Err(ModelError::Usage(
                    "--metadata-dir has connectedapp-meta.xml and --authorization-connected-app-name is given; heroku salesforce:publish accepts only one of them (AL953)".into(),
                ));
            }
            if connected_apps.len() != 1 {
                return Err(ModelError::Usage(format!(
                    "--metadata-dir has connectedapp-meta.xml, but the spec names {} connected apps; it needs exactly one `connectedApp` to name the file",
                    connected_apps.len()
                )));
            }
        }
        for (name, span) in connected_apps {
            let message = format!(
                "connected app `{name}` is emitted, but orgs on Spring '26 or later cannot create new connected apps"
            );
            let help = "use an external client app (`externalClientApp` / --authorization-external-client-app-name); deploy this one only to an org that already has it";
            match span {
                Some(at) => b
                    .warnings
                    .push(b.diagnostic("AL904", Severity::Warning, at, message, help)),
                None => notes.push(format!("{message}; {help}")),
            }
            if let Some((path, text)) = connected_app_file.take() {
                components.push(Component {
                    ty: MetadataType::ConnectedApp,
                    name,
                    body: Body::Verbatim(Verbatim { path, text }),
                    extra: Vec::new(),
                });
                continue;
            }
            let Some(email) = contact_email.clone() else {
                return Err(ModelError::Usage(format!(
                    "connected app `{name}` needs a contact email: pass --contact-email (or set info.contact.email in the spec)"
                )));
            };
            components.push(Component {
                ty: MetadataType::ConnectedApp,
                name: name.clone(),
                body: Body::ConnectedApp(ConnectedApp {
                    label: humanize(name.as_str()),
                    description: format!(
                        "OAuth client that the Heroku app at {host} uses to call back into Salesforce (user-plus mode)."
                    ),
                    contact_email: email,
                    callback_url: callback_url.clone(),
                    permission_set: client.clone(),
                }),
                extra: Vec::new(),
            });
        }

        // Agent topic and actions.
        let function_names: Vec<ApiName> = functions.iter().map(|(n, _)| n.clone()).collect();
        if let Some(topic) = xsfdc::topic(root) {
            let name_node = topic.node.get("name");
            match name_node.and_then(|n| n.as_str().map(|s| (n, s))) {
                None => b.error(
                    "AL704",
                    topic.node.span,
                    "the agent topic has no name, so its GenAiPlugin cannot be named".to_string(),
                    "add `name:` to x-sfdc.agent.topic",
                ),
                Some((node, text)) => {
                    if let Some(developer_name) = b.name(text, MAX_API_NAME, "AL708", node.span, "agent topic") {
                        let instructions = topic_instructions(&mut b, topic.node);
                        let description = topic.node.get("classificationDescription").and_then(|n| b.text(n));
                        let scope = topic.node.get("scope").and_then(|n| b.text(n));
                        components.push(Component {
                            ty: MetadataType::GenAiPlugin,
                            name: developer_name.clone(),
                            body: Body::Topic(Topic {
                                master_label: humanize(text),
                                developer_name,
                                description,
                                scope,
                                functions: function_names.clone(),
                                instructions,
                            }),
                            extra: Vec::new(),
                        });
                    }
                }
            }
        }
        components.extend(functions.into_iter().map(|(_, c)| c));

        if !b.findings.is_empty() {
            return Err(ModelError::Findings(b.findings));
        }
        components.sort_by(|a, c| (a.ty.name(), a.name.as_str()).cmp(&(c.ty.name(), c.name.as_str())));
        if let Some(pair) = components
            .windows(2)
            .find(|w| w[0].ty == w[1].ty && w[0].name == w[1].name)
        {
            return Err(ModelError::Usage(format!(
                "two {} components would both be named `{}`; give the permission sets and apps distinct names",
                pair[0].ty.name(),
                pair[0].name
            )));
        }
        let needed = components.iter().map(|c| c.ty.min_api_version()).max().unwrap_or(0);
        if api_major < needed {
            let ty = components
                .iter()
                .find(|c| c.ty.min_api_version() == needed)
                .map(|c| c.ty.name())
                .unwrap_or_default();
            return Err(ModelError::Usage(format!(
                "--api-version {} is too old for this publication: {ty} as emitted needs {needed}.0 or later",
                inputs.api_version
            )));
        }
        Ok(Publication {
            api_version: format!("{api_major}.0"),
            client,
            components,
            warnings: b.warnings,
            notes,
        })
    }
}

fn topic_instructions(b: &mut Builder<'_>, topic: &Node) -> Vec<Instruction> {
    let nodes: Vec<&Node> = match topic.get("instructions") {
        Some(n) if n.is_seq() => n.items().iter().collect(),
        Some(n) if n.as_str().is_some() => vec![n],
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for node in nodes {
        let Some(text) = b.text(node) else { continue };
        let i = out.len();
        // Salesforce's own topics name instructions `instruction_<first letters><index>`.
        let stem: String = text
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .take(10)
            .collect();
        out.push(Instruction {
            developer_name: format!("instruction_{stem}{i}"),
            description: text,
            sort_order: i,
        });
    }
    out
}

/// `66.0` → 66. Only `NN.0` versions exist.
fn parse_api_version(text: &str) -> Result<u32, String> {
    let bad = || format!("--api-version `{text}` is not a Metadata API version such as `66.0`");
    let major = text.strip_suffix(".0").ok_or_else(bad)?;
    if major.is_empty() || major.len() > 3 || !major.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    major.parse().map_err(|_| bad())
}

/// An `https://host[:port][/path]` URL without credentials, query or fragment; the trailing
/// `/` is dropped.
fn parse_app_url(text: &str) -> Result<String, String> {
    let bad = |why: &str| format!("--app-url `{}`: {why}", text.escape_debug());
    let rest = text
        .strip_prefix("https://")
        .ok_or_else(|| bad("must start with https:// (a Heroku app serves HTTPS)"))?;
    if let Some(c) = text
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\'))
    {
        return Err(bad(&format!("contains {}", c.escape_debug())));
    }
    if rest.contains(['?', '#']) {
        return Err(bad("must not have a query or a fragment"));
    }
    let host = rest.split('/').next().unwrap_or("");
    if host.contains('@') {
        return Err(bad(
            "must not contain credentials; set secrets in the org after deploying",
        ));
    }
    if host.is_empty() {
        return Err(bad("has no host"));
    }
    Ok(text.trim_end_matches('/').to_string())
}

fn parse_email(text: &str) -> Result<String, String> {
    let ok = text.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && domain.contains('.')
            && !text
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    });
    if ok {
        Ok(text.to_string())
    } else {
        Err(format!(
            "--contact-email `{}` is not an email address",
            text.escape_debug()
        ))
    }
}

/// Names found under `x-sfdc.heroku.authorization` of every operation, with where each is.
#[derive(Default)]
struct AuthorizationNames<'a> {
    connected_app: Vec<(&'a str, Span)>,
    external_client_app: Vec<(&'a str, Span)>,
    permission_set: Vec<(&'a str, Span)>,
}

struct Builder<'a> {
    source: &'a SourceFile,
    root: &'a Node,
    spec: &'a Spec<'a>,
    findings: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Builder<'a> {
    fn diagnostic(
        &self,
        rule: &'static str,
        severity: Severity,
        span: Span,
        message: String,
        help: &str,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message,
            help: Some(help.to_string()),
            pointer: self.root.pointer_to(span),
            span,
        }
    }

    fn error(&mut self, rule: &'static str, span: Span, message: String, help: &str) {
        let d = self.diagnostic(rule, Severity::Error, span, message, help);
        self.findings.push(d);
    }

    /// An API name from the spec, or a finding at `span`.
    fn name(&mut self, text: &str, max: usize, rule: &'static str, span: Span, what: &str) -> Option<ApiName> {
        match ApiName::parse(text, max) {
            Ok(name) => Some(name),
            Err(e) => {
                self.error(
                    rule,
                    span,
                    format!("the {what} name {e}"),
                    &format!("{API_NAME_HELP}, at most {max} characters"),
                );
                None
            }
        }
    }

    /// The text of a string node that goes into a file; `None` (with a finding) when it holds
    /// a character XML 1.0 forbids that the source-text scan did not already report.
    fn text(&mut self, node: &Node) -> Option<String> {
        let text = node.as_str()?;
        if text.trim().is_empty() {
            return None;
        }
        if self.check_value_chars(Some(node)) {
            Some(text.to_string())
        } else {
            None
        }
    }

    /// Reports a YAML/JSON escape (`"\u0001"`) that decodes to a character XML forbids.
    fn check_value_chars(&mut self, node: Option<&Node>) -> bool {
        let Some(node) = node else { return true };
        let Some(text) = node.as_str() else { return true };
        let Some((_, c)) = first_illegal_xml_char(text) else {
            return true;
        };
        if first_illegal_xml_char(node.raw(&self.source.text)).is_none() {
            self.error(
                "AL009",
                node.span,
                format!(
                    "this text decodes to U+{:04X}, a character XML 1.0 does not allow",
                    c as u32
                ),
                "remove the escape sequence; Salesforce metadata files cannot carry this character",
            );
        }
        false
    }

    /// The spec text is embedded in the registration: every character must be legal XML.
    fn check_xml_text(&mut self) {
        let text = &self.source.text;
        let mut count = 0;
        let mut from = 0;
        while let Some((at, c)) = first_illegal_xml_char(&text[from..]) {
            let start = from + at;
            count += 1;
            if count <= 10 {
                self.error(
                    "AL009",
                    Span::new(start, start + c.len_utf8()),
                    format!(
                        "the spec contains U+{:04X}, a character XML 1.0 does not allow",
                        c as u32
                    ),
                    "remove it: the spec is embedded in the ExternalServiceRegistration file, which cannot carry it",
                );
            }
            from = start + c.len_utf8();
        }
    }

    fn authorization_names(&self) -> AuthorizationNames<'a> {
        let mut out = AuthorizationNames::default();
        for op in &self.spec.operations {
            let Some(auth) = op.node.path(&["x-sfdc", "heroku", "authorization"]) else {
                continue;
            };
            for (key, list) in [
                ("connectedApp", &mut out.connected_app),
                ("externalClientApp", &mut out.external_client_app),
                ("permissionSet", &mut out.permission_set),
            ] {
                if let Some(node) = auth.get(key)
                    && let Some(text) = node.as_str()
                {
                    list.push((text, node.span));
                }
            }
        }
        out
    }

    /// The components of one kind to create: every distinct name the spec uses plus the flag's,
    /// sorted. A spec name that differs from the flag is AL907; an invalid one AL906.
    fn resolve(
        &mut self,
        key: &str,
        flag: &str,
        flag_value: Option<ApiName>,
        spec_values: &[(&str, Span)],
        max: usize,
    ) -> Vec<(ApiName, Option<Span>)> {
        let mut out: Vec<(ApiName, Option<Span>)> = Vec::new();
        for (text, span) in spec_values {
            let trimmed = text.trim();
            if let Some(flag_name) = &flag_value
                && trimmed != flag_name.as_str()
            {
                self.error(
                    "AL907",
                    *span,
                    format!("{key} `{trimmed}` differs from {flag} `{flag_name}`"),
                    &format!("publish creates only `{flag_name}`; use the same name in the spec and the flag"),
                );
                continue;
            }
            let Some(name) = self.name(trimmed, max, "AL906", *span, key) else {
                continue;
            };
            if !out.iter().any(|(n, _)| *n == name) {
                out.push((name, Some(*span)));
            }
        }
        if let Some(name) = flag_value
            && !out.iter().any(|(n, _)| *n == name)
        {
            out.push((name, None));
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_versions() {
        assert_eq!(parse_api_version("66.0"), Ok(66));
        assert!(parse_api_version("66").is_err());
        assert!(parse_api_version("66.1").is_err());
        assert!(parse_api_version("x.0").is_err());
    }

    #[test]
    fn app_urls() {
        assert_eq!(
            parse_app_url("https://a.herokuapp.com/").unwrap(),
            "https://a.herokuapp.com"
        );
        assert_eq!(
            parse_app_url("https://a.herokuapp.com/api").unwrap(),
            "https://a.herokuapp.com/api"
        );
        for bad in [
            "http://a.herokuapp.com",
            "https://user:secret@a.herokuapp.com",
            "https://a.com?x=1",
            "https://",
            "https://a b.com",
            "https://a.com/<x>",
        ] {
            assert!(parse_app_url(bad).is_err(), "{bad}");
        }
    }
}
