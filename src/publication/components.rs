//! The template context of each component: one struct per kind, fields named as the
//! templates in `templates/` use them.

use super::names::ApiName;

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
    /// [`SYSTEM_VERSION`].
    pub system_version: u32,
}

/// The registration's `systemVersion`: what Salesforce's own registration writer (the Apex
/// action generator of the Salesforce Extensions for VS Code) writes for a `Custom` registration
/// with a `namedCredentialReference` (docs/build.md).
pub const SYSTEM_VERSION: u32 = 5;

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
