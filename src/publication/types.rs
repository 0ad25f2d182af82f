//! The Salesforce metadata types a publication is made of: folder, suffix, template, root
//! element and first API version of each (metadata-formats.md §1, from SDR's registry and the
//! 66.0 WSDL).

/// One metadata type applinkc emits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetadataType {
    ConnectedApp,
    ExternalClientApplication,
    ExternalCredential,
    ExternalServiceRegistration,
    ExtlClntAppConfigurablePolicies,
    ExtlClntAppGlobalOauthSettings,
    ExtlClntAppOauthConfigurablePolicies,
    ExtlClntAppOauthSettings,
    GenAiFunction,
    GenAiPlugin,
    NamedCredential,
    PermissionSet,
}

impl MetadataType {
    /// The type name: `package.xml` `<name>` and the root element of its files.
    pub fn name(self) -> &'static str {
        match self {
            MetadataType::ConnectedApp => "ConnectedApp",
            MetadataType::ExternalClientApplication => "ExternalClientApplication",
            MetadataType::ExternalCredential => "ExternalCredential",
            MetadataType::ExternalServiceRegistration => "ExternalServiceRegistration",
            MetadataType::ExtlClntAppConfigurablePolicies => "ExtlClntAppConfigurablePolicies",
            MetadataType::ExtlClntAppGlobalOauthSettings => "ExtlClntAppGlobalOauthSettings",
            MetadataType::ExtlClntAppOauthConfigurablePolicies => "ExtlClntAppOauthConfigurablePolicies",
            MetadataType::ExtlClntAppOauthSettings => "ExtlClntAppOauthSettings",
            MetadataType::GenAiFunction => "GenAiFunction",
            MetadataType::GenAiPlugin => "GenAiPlugin",
            MetadataType::NamedCredential => "NamedCredential",
            MetadataType::PermissionSet => "PermissionSet",
        }
    }

    /// The folder of the type, in both formats.
    pub fn folder(self) -> &'static str {
        match self {
            MetadataType::ConnectedApp => "connectedApps",
            MetadataType::ExternalClientApplication => "externalClientApps",
            MetadataType::ExternalCredential => "externalCredentials",
            MetadataType::ExternalServiceRegistration => "externalServiceRegistrations",
            MetadataType::ExtlClntAppConfigurablePolicies => "extlClntAppPolicies",
            MetadataType::ExtlClntAppGlobalOauthSettings => "extlClntAppGlobalOauthSets",
            MetadataType::ExtlClntAppOauthConfigurablePolicies => "extlClntAppOauthPolicies",
            MetadataType::ExtlClntAppOauthSettings => "extlClntAppOauthSettings",
            MetadataType::GenAiFunction => "genAiFunctions",
            MetadataType::GenAiPlugin => "genAiPlugins",
            MetadataType::NamedCredential => "namedCredentials",
            MetadataType::PermissionSet => "permissionsets",
        }
    }

    /// The file suffix in Metadata API format (`-meta.xml` is added in source format).
    pub fn suffix(self) -> &'static str {
        match self {
            MetadataType::ConnectedApp => "connectedApp",
            MetadataType::ExternalClientApplication => "eca",
            MetadataType::ExternalCredential => "externalCredential",
            MetadataType::ExternalServiceRegistration => "externalServiceRegistration",
            MetadataType::ExtlClntAppConfigurablePolicies => "ecaPlcy",
            MetadataType::ExtlClntAppGlobalOauthSettings => "ecaGlblOauth",
            MetadataType::ExtlClntAppOauthConfigurablePolicies => "ecaOauthPlcy",
            MetadataType::ExtlClntAppOauthSettings => "ecaOauth",
            MetadataType::GenAiFunction => "genAiFunction",
            MetadataType::GenAiPlugin => "genAiPlugin",
            MetadataType::NamedCredential => "namedCredential",
            MetadataType::PermissionSet => "permissionset",
        }
    }

    /// A bundle type keeps one folder per component, in both formats, and its main file is
    /// always `<Name>.<suffix>-meta.xml` (SDR's `genAiFunctions` fixture).
    pub fn is_bundle(self) -> bool {
        self == MetadataType::GenAiFunction
    }

    /// The template file in `templates/` that renders it.
    pub fn template(self) -> &'static str {
        match self {
            MetadataType::ConnectedApp => "ConnectedApp.xml",
            MetadataType::ExternalClientApplication => "ExternalClientApplication.xml",
            MetadataType::ExternalCredential => "ExternalCredential.xml",
            MetadataType::ExternalServiceRegistration => "ExternalServiceRegistration.xml",
            MetadataType::ExtlClntAppConfigurablePolicies => "ExtlClntAppConfigurablePolicies.xml",
            MetadataType::ExtlClntAppGlobalOauthSettings => "ExtlClntAppGlobalOauthSettings.xml",
            MetadataType::ExtlClntAppOauthConfigurablePolicies => "ExtlClntAppOauthConfigurablePolicies.xml",
            MetadataType::ExtlClntAppOauthSettings => "ExtlClntAppOauthSettings.xml",
            MetadataType::GenAiFunction => "GenAiFunction.xml",
            MetadataType::GenAiPlugin => "GenAiPlugin.xml",
            MetadataType::NamedCredential => "NamedCredential.xml",
            MetadataType::PermissionSet => "PermissionSet.xml",
        }
    }

    /// The first Metadata API version (as `major`) that has the type in the shape emitted
    /// (metadata-formats.md §1 and §4: SecuredEndpoint 56.0, principal access 59.0, …).
    pub fn min_api_version(self) -> u32 {
        match self {
            MetadataType::ConnectedApp => 59, // isPkceRequired
            MetadataType::ExternalClientApplication
            | MetadataType::ExtlClntAppGlobalOauthSettings
            | MetadataType::ExtlClntAppOauthSettings => 60, // isClientCredentialsFlowEnabled
            MetadataType::ExtlClntAppOauthConfigurablePolicies => 61, // isGuestCodeCredFlowEnabled
            MetadataType::ExtlClntAppConfigurablePolicies => 63, // startPage
            MetadataType::ExternalCredential => 56,
            MetadataType::ExternalServiceRegistration => 56, // schemaUploadFileName
            MetadataType::GenAiFunction => 60,
            MetadataType::GenAiPlugin => 62,
            MetadataType::NamedCredential => 59, // calloutStatus
            MetadataType::PermissionSet => 59,   // externalCredentialPrincipalAccesses
        }
    }
}

/// The template of `package.xml`.
pub const PACKAGE_TEMPLATE: &str = "Package.xml";
