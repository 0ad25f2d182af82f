//! Builds the components of a publication from the spec, one kind at a time.

use super::components::*;
use super::names::{self, API_NAME_HELP, ApiName, MAX_API_NAME, humanize, truncate};
use super::{Body, Component, MAX_ECA_NAME, MetadataType, ModelError, POLICY_SUFFIX, Publication, Refusal, agent};
use crate::flags::{Flag, PublishFlags};
use crate::rules::StopsBuild;
use crate::rules::authorization::{AL906_STOPS_BUILD, AL907_STOPS_BUILD, AL951_STOPS_BUILD, AL953_STOPS_BUILD};
use crate::rules::file::xml_chars::{self, AL009_STOPS_BUILD};
use crate::rules::operations::{AL202_STOPS_BUILD, AL203_STOPS_BUILD, AL206_STOPS_BUILD};
use crate::rules::topic::{AL704_STOPS_BUILD, AL705_STOPS_BUILD, AL708_STOPS_BUILD};
use crate::source::{Format, Node, SourceFile, Span};
use crate::spec::apex_type::ApexTypes;
use crate::spec::xsfdc::api_name_suggestion;
use crate::spec::{Spec, apex_name, xsfdc};
use std::path::Path;

/// PermissionSet `description` holds at most 255 characters.
const MAX_DESCRIPTION: usize = 255;

/// The name of the component a `--metadata-dir` file stands for: exactly one in the spec. (The
/// file and the flag together are AL953, refused before.)
fn given_file_name(names: &[(ApiName, Option<Span>)], file: &str, key: &str) -> Result<ApiName, ModelError> {
    match names {
        [(name, _)] => Ok(name.clone()),
        _ => Err(ModelError::Usage(format!(
            "--metadata-dir has {file}, but the spec names {} of them; it needs exactly one `{key}` to name the file",
            names.len()
        ))),
    }
}

/// Names found under `x-sfdc.heroku.authorization` of every operation, with where each is.
#[derive(Default)]
pub(super) struct AuthorizationNames<'a> {
    pub(super) connected_app: Vec<(&'a str, Span)>,
    pub(super) external_client_app: Vec<(&'a str, Span)>,
    pub(super) permission_set: Vec<(&'a str, Span)>,
}

/// Builds the components one kind at a time, collecting findings as it goes.
pub(super) struct Builder<'a> {
    source: &'a SourceFile,
    root: &'a Node,
    spec: &'a Spec<'a>,
    client: ApiName,
    /// The named principal of the external credential: `<client>Principal`.
    principal: ApiName,
    /// `Acme Pricing` for `AcmePricing`.
    label: String,
    app_url: String,
    /// The app's host, for descriptions.
    host: String,
    contact_email: Option<String>,
    pub(super) components: Vec<Component>,
    findings: Vec<Refusal>,
}

const OAUTH_CLIENT_DESCRIPTION: &str = "uses to call back into Salesforce (user-plus mode).";

impl<'a> Builder<'a> {
    pub(super) fn new(
        source: &'a SourceFile,
        spec: &'a Spec<'a>,
        client: ApiName,
        app_url: String,
        contact_email: Option<String>,
    ) -> Result<Builder<'a>, ModelError> {
        let principal = client
            .with_suffix("Principal", MAX_API_NAME)
            .map_err(|e| ModelError::Usage(e.to_string()))?;
        Ok(Builder {
            source,
            root: spec.root,
            spec,
            principal,
            label: humanize(client.as_str()),
            host: app_url.trim_start_matches("https://").to_string(),
            client,
            app_url,
            contact_email,
            components: Vec::new(),
            findings: Vec::new(),
        })
    }

    fn push(&mut self, ty: MetadataType, name: ApiName, body: Body) {
        self.components.push(Component {
            ty,
            name,
            body,
            extra: Vec::new(),
        });
    }

    /// The External Service registration, one operation per operation of the spec; returns the
    /// agent actions (GenAiFunction bundles) of the operations that publish one.
    pub(super) fn registration_and_actions(&mut self) -> Vec<Component> {
        let spec = self.spec;
        let client = self.client.clone();
        let mut operations: Vec<(String, Span)> = Vec::new();
        let mut functions = Vec::new();
        let types = ApexTypes::new(spec, client.as_str());
        for op in &spec.operations {
            // Where `check`'s AL203 reports it: the method key when it is missing, else the value.
            let id_node = op.node.get("operationId");
            let Some((id_node, id)) = id_node.and_then(|n| n.as_str().filter(|s| !s.trim().is_empty()).map(|s| (n, s)))
            else {
                self.refuse(
                    &AL203_STOPS_BUILD,
                    id_node.map_or(op.method_entry.key_span, |n| n.span),
                    format!(
                        "{} has no operationId, so build cannot name its registration operation",
                        op.label()
                    ),
                    "add a unique operationId of letters and digits",
                );
                continue;
            };
            let dev_name = apex_name::collision_key(id);
            if let Some((_, first)) = operations.iter().find(|(n, _)| *n == dev_name) {
                let line = self.source.line_col(first.start).line;
                self.refuse(
                    &AL202_STOPS_BUILD,
                    id_node.span,
                    format!("operationId `{id}` becomes the operation name `{dev_name}`, like the operationId on line {line}"),
                    "make operationIds unique, ignoring case and after Apex encoding",
                );
                continue;
            }
            operations.push((dev_name, id_node.span));
            if !op.agent {
                continue;
            }
            let name = format!("{client}_{}", apex_name::encode(id));
            let name = match ApiName::parse(&name, MAX_API_NAME) {
                Ok(name) => name,
                Err(e) => {
                    self.refuse(
                        &AL206_STOPS_BUILD,
                        id_node.span,
                        format!("the agent action name `{name}` of operationId `{id}` {}", e.why),
                        "shorten the operationId (or --client-name)",
                    );
                    continue;
                }
            };
            let summary = op.node.get("summary").and_then(|n| self.text(n));
            let description = op
                .node
                .get("description")
                .and_then(|n| self.text(n))
                .or_else(|| summary.clone())
                .unwrap_or_else(|| op.label());
            let master_label = match summary {
                Some(s) => names::label(&s),
                None => humanize(id),
            };
            functions.push(Component {
                ty: MetadataType::GenAiFunction,
                name,
                body: Body::Function(Function {
                    description,
                    invocation_target: format!("{client}.{id}"),
                    master_label,
                }),
                extra: vec![
                    ("input/schema.json".to_string(), agent::input_schema(spec, &types, op)),
                    ("output/schema.json".to_string(), agent::output_schema(spec, &types, op)),
                ],
            });
        }
        let info = self.root.get("info");
        let title = info.and_then(|i| i.get("title")).and_then(|n| self.text(n));
        let description = info.and_then(|i| i.get("description")).and_then(|n| self.text(n));
        let text = &self.source.text;
        let json = Format::from_path(Path::new(&self.source.name)) == Some(Format::Json);
        let registration = Registration {
            label: title
                .map(|t| names::label(&t))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| self.label.clone()),
            description,
            named_credential: client.clone(),
            operations: operations.into_iter().map(|(n, _)| n).collect(),
            provider_type: "Custom",
            // The spec as written: never re-serialised (docs/build.md).
            schema: text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
            schema_type: if self.root.get("swagger").is_some() {
                "OpenApi"
            } else {
                "OpenApi3"
            },
            upload_extension: if json { "json" } else { "yaml" },
            upload_file_name: format!("{}_openapi", client.as_str().to_ascii_lowercase()),
            system_version: SYSTEM_VERSION,
        };
        self.push(
            MetadataType::ExternalServiceRegistration,
            client,
            Body::Registration(registration),
        );
        functions
    }

    /// The named credential (the app URL), its external credential and the permission set that
    /// grants the principal.
    pub(super) fn credentials(&mut self) {
        let client = self.client.clone();
        let (label, host) = (self.label.clone(), self.host.clone());
        self.push(
            MetadataType::NamedCredential,
            client.clone(),
            Body::NamedCredential(NamedCredential {
                label: label.clone(),
                description: format!("Callout endpoint of the Heroku app at {host}."),
                url: self.app_url.clone(),
                external_credential: client.clone(),
            }),
        );
        self.push(
            MetadataType::ExternalCredential,
            client.clone(),
            Body::ExternalCredential(ExternalCredential {
                label: label.clone(),
                description: format!("Authenticates Salesforce callouts to the Heroku app at {host}."),
                principal: self.principal.clone(),
                header: "Authorization",
                header_formula: format!("{{!'Bearer ' & $Credential.{client}.token}}"),
            }),
        );
        let principal_access = format!("{client}-{}", self.principal);
        self.push(
            MetadataType::PermissionSet,
            client.clone(),
            Body::PermissionSet(PermissionSet {
                label,
                description: truncate(
                    &format!(
                        "Lets assigned users invoke the Heroku app at {host} through the {client} named credential."
                    ),
                    MAX_DESCRIPTION,
                ),
                principal_access: Some(principal_access),
                activation_required: false,
            }),
        );
    }

    /// The session-activated permission sets of user-plus mode, or the one `--metadata-dir`
    /// gives.
    pub(super) fn user_plus_permission_sets(
        &mut self,
        in_spec: &[(&str, Span)],
        flag: Option<ApiName>,
        file: Option<(String, String)>,
        flags: &PublishFlags,
    ) -> Result<(), ModelError> {
        let names = self.resolve(
            "permissionSet",
            "--authorization-permission-set-name",
            flag,
            in_spec,
            MAX_API_NAME,
            file.is_some(),
        );
        if let Some((path, text)) = file {
            if flags.permission_set_name.is_some() {
                self.flag_conflict("permissionset-meta.xml", Flag::PermissionSetName);
                return Ok(());
            }
            let name = given_file_name(&names, "permissionset-meta.xml", "permissionSet")?;
            self.push(
                MetadataType::PermissionSet,
                name,
                Body::Verbatim(Verbatim { path, text }),
            );
            return Ok(());
        }
        for (name, span) in names {
            // API names are unique in the org whatever their case (AL951).
            if name.as_str().eq_ignore_ascii_case(self.client.as_str()) {
                let help = "give the user-plus permission set its own name, such as `<client-name>Permissions`";
                // The flag when it names it (where `check`'s AL951 reports it), else the spec.
                let by_flag = flags.permission_set_name.as_deref() == Some(name.as_str());
                match span.filter(|_| !by_flag) {
                    Some(span) => self.refuse(
                        &AL951_STOPS_BUILD,
                        span,
                        format!("permission set `{name}` has the name of the permission set that --client-name creates"),
                        help,
                    ),
                    None => self.refuse_flag(
                        &AL951_STOPS_BUILD,
                        Flag::PermissionSetName,
                        format!(
                            "`--authorization-permission-set-name {name}` is the name of the permission set that --client-name creates"
                        ),
                        help,
                    ),
                }
                continue;
            }
            let description = truncate(
                &format!(
                    "Session-based permissions that Heroku AppLink activates while the app at {} runs for a user (user-plus mode).",
                    self.host
                ),
                MAX_DESCRIPTION,
            );
            self.push(
                MetadataType::PermissionSet,
                name.clone(),
                Body::PermissionSet(PermissionSet {
                    label: humanize(name.as_str()),
                    description,
                    principal_access: None,
                    activation_required: true,
                }),
            );
        }
        Ok(())
    }

    /// The External Client App family for each name: app, global OAuth settings, OAuth
    /// settings, and the two `_defaultPolicy` policies.
    pub(super) fn external_client_apps(
        &mut self,
        in_spec: &[(&str, Span)],
        flag: Option<ApiName>,
    ) -> Result<(), ModelError> {
        let names = self.resolve(
            "externalClientApp",
            "--authorization-external-client-app-name",
            flag,
            in_spec,
            MAX_ECA_NAME,
            false,
        );
        for (name, _) in names {
            let label = humanize(name.as_str());
            let policy = name
                .with_suffix(POLICY_SUFFIX, MAX_API_NAME)
                .map_err(|e| ModelError::Usage(e.to_string()))?;
            let description = format!(
                "OAuth client that the Heroku app at {} {OAUTH_CLIENT_DESCRIPTION}",
                self.host
            );
            self.push(
                MetadataType::ExternalClientApplication,
                name.clone(),
                Body::ExternalClientApp(ExternalClientApp {
                    label: label.clone(),
                    description,
                    contact_email: self.contact_email.clone(),
                }),
            );
            self.push(
                MetadataType::ExtlClntAppGlobalOauthSettings,
                name.clone(),
                Body::EcaGlobalOauth(EcaGlobalOauth {
                    app: name.clone(),
                    label: truncate(&format!("{label} Global OAuth"), names::MAX_LABEL),
                    callback_url: self.callback_url(),
                }),
            );
            self.push(
                MetadataType::ExtlClntAppOauthSettings,
                name.clone(),
                Body::EcaOauth(EcaOauth {
                    app: name.clone(),
                    label: truncate(&format!("{label} OAuth Settings"), names::MAX_LABEL),
                    scopes: "Api, RefreshToken",
                }),
            );
            self.push(
                MetadataType::ExtlClntAppOauthConfigurablePolicies,
                policy.clone(),
                Body::EcaOauthPolicy(EcaOauthPolicy {
                    app: name.clone(),
                    label: policy.to_string(),
                    permission_set: self.client.clone(),
                }),
            );
            self.push(
                MetadataType::ExtlClntAppConfigurablePolicies,
                policy.clone(),
                Body::EcaPolicy(EcaPolicy {
                    app: name,
                    label: policy.to_string(),
                }),
            );
        }
        Ok(())
    }

    /// Legacy connected apps, each with warning AL904 (or the one `--metadata-dir` gives).
    pub(super) fn connected_apps(
        &mut self,
        in_spec: &[(&str, Span)],
        flag: Option<ApiName>,
        file: Option<(String, String)>,
        flags: &PublishFlags,
    ) -> Result<(), ModelError> {
        let names = self.resolve(
            "connectedApp",
            "--authorization-connected-app-name",
            flag,
            in_spec,
            MAX_API_NAME,
            file.is_some(),
        );
        if file.is_some() && flags.connected_app_name.is_some() {
            self.flag_conflict("connectedapp-meta.xml", Flag::ConnectedAppName);
            return Ok(());
        }
        let mut file = match file {
            Some(file) => Some((given_file_name(&names, "connectedapp-meta.xml", "connectedApp")?, file)),
            None => None,
        };
        // `check`'s AL904 warns about each of them (a name of the spec or the flag's).
        for (name, _) in names {
            if let Some((_, (path, text))) = file.take() {
                self.push(
                    MetadataType::ConnectedApp,
                    name,
                    Body::Verbatim(Verbatim { path, text }),
                );
                continue;
            }
            let Some(contact_email) = self.contact_email.clone() else {
                return Err(ModelError::Usage(format!(
                    "connected app `{name}` needs a contact email: pass --contact-email (or set info.contact.email in the spec)"
                )));
            };
            let description = format!(
                "OAuth client that the Heroku app at {} {OAUTH_CLIENT_DESCRIPTION}",
                self.host
            );
            self.push(
                MetadataType::ConnectedApp,
                name.clone(),
                Body::ConnectedApp(ConnectedApp {
                    label: humanize(name.as_str()),
                    description,
                    contact_email,
                    callback_url: self.callback_url(),
                    permission_set: self.client.clone(),
                }),
            );
        }
        Ok(())
    }

    /// The agent topic of `x-sfdc.agent.topic`, listing `functions`.
    pub(super) fn topic(&mut self, functions: &[ApiName]) {
        let Some(topic) = xsfdc::topic(self.root) else {
            return;
        };
        let name_node = topic.node.get("name");
        let Some((node, text)) = name_node.and_then(|n| n.as_str().filter(|s| !s.trim().is_empty()).map(|s| (n, s)))
        else {
            // Where `check` reports it: AL704 at the `topic` key when it is missing, AL705 at a
            // value that is not a non-empty string.
            let (rule, span) = match name_node {
                None => (
                    &AL704_STOPS_BUILD,
                    self.root
                        .path(&["x-sfdc", "agent"])
                        .and_then(|a| a.entry("topic"))
                        .map_or(topic.node.span, |e| e.key_span),
                ),
                Some(n) => (&AL705_STOPS_BUILD, n.span),
            };
            self.refuse(
                rule,
                span,
                "the agent topic has no name, so build cannot name its GenAiPlugin".to_string(),
                "add `name:` to x-sfdc.agent.topic",
            );
            return;
        };
        // A name that is not an API name as written (Heroku's documentation allows spaces,
        // which AL708 accepts) gets the API name Salesforce derives from a label: other
        // characters become `_` (docs/build.md); the label keeps the name as written.
        let (developer_name, master_label) = match ApiName::parse(text, MAX_API_NAME) {
            Ok(name) => (name, humanize(text)),
            Err(e) => match api_name_suggestion(text).and_then(|n| ApiName::parse(&n, MAX_API_NAME).ok()) {
                Some(derived) => (derived, names::label(text)),
                None => {
                    let help = format!("{API_NAME_HELP}, at most {MAX_API_NAME} characters");
                    self.refuse(&AL708_STOPS_BUILD, node.span, format!("the topic name {e}"), &help);
                    return;
                }
            },
        };
        let instructions = topic_instructions(self, topic.node);
        let description = topic.node.get("classificationDescription").and_then(|n| self.text(n));
        let scope = topic.node.get("scope").and_then(|n| self.text(n));
        self.push(
            MetadataType::GenAiPlugin,
            developer_name.clone(),
            Body::Topic(Topic {
                master_label,
                developer_name,
                description,
                scope,
                functions: functions.to_vec(),
                instructions,
            }),
        );
    }

    /// Sorts the components, refuses duplicates and an API version too old for them.
    pub(super) fn finish(mut self, api_major: u32, api_version: &str) -> Result<Publication, ModelError> {
        if !self.findings.is_empty() {
            return Err(ModelError::Findings(self.findings));
        }
        let components = &mut self.components;
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
        if let Some(oldest) = components.iter().max_by_key(|c| c.ty.min_api_version())
            && api_major < oldest.ty.min_api_version()
        {
            return Err(ModelError::Usage(format!(
                "--api-version {api_version} is too old for this publication: {} as emitted needs {}.0 or later",
                oldest.ty.name(),
                oldest.ty.min_api_version()
            )));
        }
        Ok(Publication {
            api_version: format!("{api_major}.0"),
            client: self.client,
            components: self.components,
        })
    }

    fn callback_url(&self) -> String {
        format!("{}/oauth/callback", self.app_url)
    }

    /// Refuses the build with a finding at `span` (see [`Refusal`]).
    fn refuse(&mut self, stops: &'static StopsBuild, span: Span, message: String, help: &str) {
        let mut refusal = Refusal::new(stops, span, message, help.to_string(), None);
        refusal.diagnostic.pointer = self.root.pointer_to(span);
        self.findings.push(refusal);
    }

    /// Refuses the build for a flag's value (a finding at the start of the file).
    fn refuse_flag(&mut self, stops: &'static StopsBuild, flag: Flag, message: String, help: &str) {
        self.findings.push(Refusal::new(
            stops,
            Span::empty(0),
            message,
            help.to_string(),
            Some(flag),
        ));
    }

    /// A `--metadata-dir` file together with its flag: heroku salesforce:publish refuses that.
    fn flag_conflict(&mut self, file: &str, flag: Flag) {
        self.refuse_flag(
            &AL953_STOPS_BUILD,
            flag,
            format!("`{flag}` and `{file}` in `--metadata-dir` both define the component; publish refuses both"),
            &format!("keep either the flag or the file `{file}`"),
        );
    }

    /// The text of a string node that goes into a file (characters XML forbids are AL009's,
    /// refused by [`Builder::xml_characters`]).
    fn text(&self, node: &Node) -> Option<String> {
        let text = node.as_str()?;
        if text.trim().is_empty() {
            return None;
        }
        Some(text.to_string())
    }

    /// The spec is embedded in the registration and its text goes into XML files: AL009's
    /// findings, whatever the config made of the rule, stop the build.
    pub(super) fn xml_characters(&mut self) {
        for found in xml_chars::scan(self.source, self.root) {
            self.refuse(&AL009_STOPS_BUILD, found.span, found.message, found.help);
        }
    }

    pub(super) fn authorization_names(&self) -> AuthorizationNames<'a> {
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

    /// The components of one kind to create, as `heroku salesforce:publish` creates them: the
    /// flag's name; without the flag, none (AL908 warns that the spec's names must already
    /// exist in the org) — unless `from_file`: a `--metadata-dir` file defines the component,
    /// named by the spec. Every spec name is still validated: one that differs from the flag
    /// is AL907, an invalid one AL906.
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &mut self,
        key: &str,
        flag: &str,
        flag_value: Option<ApiName>,
        spec_values: &[(&str, Span)],
        max: usize,
        from_file: bool,
    ) -> Vec<(ApiName, Option<Span>)> {
        let mut out: Vec<(ApiName, Option<Span>)> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (text, span) in spec_values {
            // Like `check`, one finding per distinct name, at its first use.
            if seen.contains(text) {
                continue;
            }
            seen.push(text);
            if let Some(flag_name) = &flag_value
                && *text != flag_name.as_str()
            {
                self.refuse(
                    &AL907_STOPS_BUILD,
                    *span,
                    format!("{key} `{text}` differs from {flag} `{flag_name}`"),
                    &format!("publish creates only `{flag_name}`; use the same name in the spec and the flag"),
                );
                continue;
            }
            let name = match ApiName::parse(text, max) {
                Ok(name) => name,
                Err(e) => {
                    let message = if max < MAX_API_NAME && e.why.starts_with("is ") && text.len() <= MAX_API_NAME {
                        format!(
                            "{key} `{text}` has {} characters; build names its policies `{text}{POLICY_SUFFIX}`, which must fit in {MAX_API_NAME}, so at most {max}",
                            text.len()
                        )
                    } else {
                        format!("{key} {e}")
                    };
                    self.refuse(
                        &AL906_STOPS_BUILD,
                        *span,
                        message,
                        &format!("{API_NAME_HELP}, at most {max} characters"),
                    );
                    continue;
                }
            };
            if (from_file || flag_value.is_some()) && !out.iter().any(|(n, _)| *n == name) {
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
        // Salesforce's own topics name instructions `instruction_<first letters><index>`; the
        // `_` before the index keeps them unique (`Rule 1.` at 1 and `Rule!` at 11 would both
        // be `instruction_rule11` without it).
        let stem: String = text
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .take(10)
            .collect();
        out.push(Instruction {
            developer_name: if stem.is_empty() {
                format!("instruction_{i}")
            } else {
                format!("instruction_{stem}_{i}")
            },
            description: text,
            sort_order: i,
        });
    }
    out
}
