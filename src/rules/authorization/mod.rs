//! AL9xx — Heroku authorization (`x-sfdc.heroku.authorization`, user-plus mode) and the
//! publish flags (`--client-name`, `--authorization-*`, `--metadata-dir`) compared with it.

mod consistency;
mod heroku;
mod metadata_dir;
mod publish_flags;

pub(crate) use heroku::AL904;
pub use heroku::AL906_STOPS_BUILD;
pub use metadata_dir::{AL952, AL953_STOPS_BUILD};
pub use publish_flags::{AL907_STOPS_BUILD, AL950_STOPS_BUILD, AL951_STOPS_BUILD};

use super::Rule;
use crate::flags::{Flag, PublishFlags};
use crate::source::Entry;
use crate::spec::Spec;

pub const RULES: &[&Rule] = &[
    &heroku::AL900,
    &heroku::AL901,
    &heroku::AL902,
    &heroku::AL903,
    &heroku::AL904,
    &consistency::AL905,
    &heroku::AL906,
    &publish_flags::AL907,
    &publish_flags::AL908,
    &publish_flags::AL909,
    &heroku::AL910,
    &heroku::AL911,
    &publish_flags::AL950,
    &publish_flags::AL951,
    &metadata_dir::AL952,
    &metadata_dir::AL953,
    &metadata_dir::AL954,
];

/// What an authorization key names; each kind has its publish flag (and maybe a metadata file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AuthKind {
    ConnectedApp,
    ExternalClientApp,
    PermissionSet,
}

impl AuthKind {
    pub const ALL: [AuthKind; 3] = [
        AuthKind::ConnectedApp,
        AuthKind::ExternalClientApp,
        AuthKind::PermissionSet,
    ];

    /// The key under `x-sfdc.heroku.authorization`.
    pub fn key(self) -> &'static str {
        match self {
            AuthKind::ConnectedApp => "connectedApp",
            AuthKind::ExternalClientApp => "externalClientApp",
            AuthKind::PermissionSet => "permissionSet",
        }
    }

    pub fn flag(self) -> &'static str {
        self.flag_key().as_str()
    }

    /// The flag that names it, as findings about the flag carry it.
    pub fn flag_key(self) -> Flag {
        match self {
            AuthKind::ConnectedApp => Flag::ConnectedAppName,
            AuthKind::ExternalClientApp => Flag::ExternalClientAppName,
            AuthKind::PermissionSet => Flag::PermissionSetName,
        }
    }

    /// The `--metadata-dir` file that creates it, when there is one.
    pub fn file(self) -> Option<&'static str> {
        match self {
            AuthKind::ConnectedApp => Some(CONNECTED_APP_FILE),
            AuthKind::ExternalClientApp => None,
            AuthKind::PermissionSet => Some(PERMISSION_SET_FILE),
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            AuthKind::ConnectedApp => "connected app",
            AuthKind::ExternalClientApp => "external client app",
            AuthKind::PermissionSet => "permission set",
        }
    }

    pub fn flag_value(self, flags: &PublishFlags) -> Option<&str> {
        match self {
            AuthKind::ConnectedApp => flags.connected_app_name.as_deref(),
            AuthKind::ExternalClientApp => flags.external_client_app_name.as_deref(),
            AuthKind::PermissionSet => flags.permission_set_name.as_deref(),
        }
    }

    pub fn is_oauth_client(self) -> bool {
        self != AuthKind::PermissionSet
    }
}

pub(crate) const CONNECTED_APP_FILE: &str = "connectedapp-meta.xml";
pub(crate) const PERMISSION_SET_FILE: &str = "permissionset-meta.xml";

/// One name written in an operation's `x-sfdc.heroku.authorization`.
pub(crate) struct AuthName<'a> {
    pub op: usize,
    pub kind: AuthKind,
    pub entry: &'a Entry,
    /// The value when it is a string (AL901 reports the others).
    pub name: Option<&'a str>,
    /// False when this entry was already listed for another operation (a shared YAML alias):
    /// rules that report at the entry skip it, rules that count operations do not.
    pub first: bool,
}

/// Every authorization name of every operation, in document order.
pub(crate) fn auth_names<'a>(spec: &Spec<'a>) -> Vec<AuthName<'a>> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, op) in spec.operations.iter().enumerate() {
        let Some(auth) = op.node.path(&["x-sfdc", "heroku", "authorization"]) else {
            continue;
        };
        for entry in auth.entries() {
            if let Some(kind) = AuthKind::ALL.into_iter().find(|k| k.key() == &*entry.key) {
                out.push(AuthName {
                    op: i,
                    kind,
                    entry,
                    name: entry.value.as_str(),
                    first: seen.insert(entry.key_span),
                });
            }
        }
    }
    out
}

/// The first occurrence of each distinct string name of `kind`, with how many operations use it.
pub(crate) fn distinct<'n, 'a>(names: &'n [AuthName<'a>], kind: AuthKind) -> Vec<(&'n AuthName<'a>, usize)> {
    let mut out: Vec<(&AuthName<'a>, usize)> = Vec::new();
    for n in names.iter().filter(|n| n.kind == kind) {
        let Some(name) = n.name else { continue };
        match out.iter_mut().find(|(first, _)| first.name == Some(name)) {
            Some((_, count)) => *count += 1,
            None => out.push((n, 1)),
        }
    }
    out
}

/// "operation `getQuote`" or "operation `GET /quote`".
pub(crate) fn op_name(spec: &Spec<'_>, index: usize) -> String {
    spec.operations.get(index).map_or_else(String::new, |op| {
        format!("operation {}", crate::rules::wording::operation(op))
    })
}
