//! `applinkc bundle`: the exact payload `heroku salesforce:publish` uploads — a zip with the spec
//! renamed `api-spec.yaml`/`api-spec.json` by its extension plus, when `--metadata-dir` holds
//! them, `connectedapp-meta.xml` and `permissionset-meta.xml` — and the `app_request` JSON it
//! posts beside the zip (applink-publish.md §2.3).
//!
//! Owns what only bundling needs: reading the two metadata files safely (no symlinks, nothing
//! outside the folder, a size cap) and checking their XML ([`metadata`]). The deterministic zip
//! and the atomic, no-clobber write are `archive`'s, shared with `build`.

pub mod metadata;

use crate::error::AppError;
use crate::flags::{MetadataDir, PublishFlags};
use crate::source::Format;
use std::path::Path;

/// The two file names the CLI reads from `--metadata-dir` (exact, case-sensitive).
pub const CONNECTED_APP_FILE: &str = "connectedapp-meta.xml";
pub const PERMISSION_SET_FILE: &str = "permissionset-meta.xml";

/// Largest metadata file applinkc reads (a real permission set or connected app is a few KiB).
pub const MAX_METADATA_BYTES: u64 = 1024 * 1024;

/// Which of the two metadata files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetadataKind {
    ConnectedApp,
    PermissionSet,
}

impl MetadataKind {
    pub const ALL: [MetadataKind; 2] = [MetadataKind::ConnectedApp, MetadataKind::PermissionSet];

    pub fn file_name(self) -> &'static str {
        match self {
            MetadataKind::ConnectedApp => CONNECTED_APP_FILE,
            MetadataKind::PermissionSet => PERMISSION_SET_FILE,
        }
    }

    /// The Metadata API type, which is the root element.
    pub fn root_element(self) -> &'static str {
        match self {
            MetadataKind::ConnectedApp => "ConnectedApp",
            MetadataKind::PermissionSet => "PermissionSet",
        }
    }
}

/// One metadata file read from the folder.
pub struct MetadataInput {
    pub kind: MetadataKind,
    /// As shown in reports: `meta/permissionset-meta.xml`.
    pub display: String,
    pub bytes: Vec<u8>,
}

/// The entry name the CLI gives the spec: `api-spec.yaml` for `.yaml`/`.yml`, `api-spec.json`
/// for `.json` (extension compared lower-cased); `None` for any other extension (AL001).
pub fn spec_entry_name(path: &Path) -> Option<&'static str> {
    match Format::from_path(path)? {
        Format::Yaml => Some("api-spec.yaml"),
        Format::Json => Some("api-spec.json"),
    }
}

/// Reads `connectedapp-meta.xml` and `permissionset-meta.xml` when the folder has them.
///
/// Refuses (an error, exit 2) an entry with one of these names that is a symlink, a folder or
/// anything but a regular file (a FIFO is refused, never waited on), or larger than
/// [`MAX_METADATA_BYTES`]: the heroku CLI would follow a symlink and upload whatever it points
/// to, inside the folder or not. `bundle` and `build` both read the folder here
/// ([`crate::input::read_in_folder`]).
pub fn read_metadata(dir: &MetadataDir) -> Result<Vec<MetadataInput>, AppError> {
    let mut out = Vec::new();
    for kind in MetadataKind::ALL {
        let Some(listed) = dir.files.iter().find(|f| f.name == kind.file_name()) else {
            continue;
        };
        let display = crate::check::display_name(&dir.path.join(kind.file_name()));
        if listed.is_symlink {
            return Err(AppError::Usage(format!(
                "{display}: is a symlink; applinkc reads only regular files inside --metadata-dir \
                 (the heroku CLI would upload whatever it points to)"
            )));
        }
        let bytes = crate::input::read_in_folder(&dir.path, kind.file_name(), MAX_METADATA_BYTES)?;
        out.push(MetadataInput { kind, display, bytes });
    }
    Ok(out)
}

/// The zip entries as `(name, bytes)`, sorted bytewise by name.
pub fn entries(spec_name: &str, spec_bytes: Vec<u8>, metadata: Vec<MetadataInput>) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![(spec_name.to_string(), spec_bytes)];
    out.extend(metadata.into_iter().map(|m| (m.kind.file_name().to_string(), m.bytes)));
    out.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    out
}

/// The `app_request` part the CLI posts: its keys in the CLI's order, unset flags left out, no
/// spaces and no final newline, as `JSON.stringify` writes it.
pub fn app_request(flags: &PublishFlags) -> String {
    let mut map = serde_json::Map::new();
    let fields = [
        ("authorization_connected_app_name", &flags.connected_app_name),
        (
            "authorization_external_client_app_name",
            &flags.external_client_app_name,
        ),
        ("authorization_permission_set_name", &flags.permission_set_name),
        ("client_name", &flags.client_name),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            map.insert(key.to_string(), serde_json::Value::String(value.clone()));
        }
    }
    serde_json::Value::Object(map).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_entry_is_named_by_the_lower_cased_extension() {
        assert_eq!(spec_entry_name(Path::new("a/openapi.YML")), Some("api-spec.yaml"));
        assert_eq!(spec_entry_name(Path::new("spec.yaml")), Some("api-spec.yaml"));
        assert_eq!(spec_entry_name(Path::new("spec.Json")), Some("api-spec.json"));
        assert_eq!(spec_entry_name(Path::new("spec.txt")), None);
    }

    #[test]
    fn app_request_drops_unset_flags_and_keeps_the_cli_order() {
        let flags = PublishFlags {
            client_name: Some("Quote".into()),
            permission_set_name: Some("QuotePerms".into()),
            ..PublishFlags::default()
        };
        assert_eq!(
            app_request(&flags),
            r#"{"authorization_permission_set_name":"QuotePerms","client_name":"Quote"}"#
        );
        assert_eq!(app_request(&PublishFlags::default()), "{}");
    }
}
