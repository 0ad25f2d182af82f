//! The components of the app's authorization: the named and external credentials, the
//! permission sets, and the OAuth clients of user-plus mode (external client app or connected
//! app), each named by its flag, a `--metadata-dir` file or the spec, as publish names them.

use super::Builder;
use crate::flags::{Flag, PublishFlags};
use crate::publication::components::*;
use crate::publication::names::{self, API_NAME_HELP, ApiName, MAX_API_NAME, humanize, truncate};
use crate::publication::{Body, MAX_ECA_NAME, MetadataType, ModelError, POLICY_SUFFIX};
use crate::rules::authorization::{AL906_STOPS_BUILD, AL907_STOPS_BUILD, AL951_STOPS_BUILD};
use crate::source::Span;

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
pub(in crate::publication) struct AuthorizationNames<'a> {
    pub(in crate::publication) connected_app: Vec<(&'a str, Span)>,
    pub(in crate::publication) external_client_app: Vec<(&'a str, Span)>,
    pub(in crate::publication) permission_set: Vec<(&'a str, Span)>,
}

const OAUTH_CLIENT_DESCRIPTION: &str = "uses to call back into Salesforce (user-plus mode).";

impl<'a> Builder<'a> {
    /// The named credential (the app URL), its external credential and the permission set that
    /// grants the principal.
    pub(in crate::publication) fn credentials(&mut self) {
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
    pub(in crate::publication) fn user_plus_permission_sets(
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
    pub(in crate::publication) fn external_client_apps(
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
    pub(in crate::publication) fn connected_apps(
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

    fn callback_url(&self) -> String {
        format!("{}/oauth/callback", self.app_url)
    }

    pub(in crate::publication) fn authorization_names(&self) -> AuthorizationNames<'a> {
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
