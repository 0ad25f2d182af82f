//! The publish flags of `heroku salesforce:publish`, shared by `check`, `build` and `bundle`.
//! The AL9xx rules compare them with the spec.

use crate::error::AppError;
use std::path::PathBuf;

/// The publish flags as given — on the command line, in `applinkc.toml`'s `[publish]`, by the
/// language server — before `--metadata-dir` is read. The CLI's clap struct converts into it
/// (`cli::PublishArgs::names`), so nothing below the CLI depends on clap.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublishNames {
    pub client_name: Option<String>,
    pub authorization_connected_app_name: Option<String>,
    pub authorization_external_client_app_name: Option<String>,
    pub authorization_permission_set_name: Option<String>,
    pub metadata_dir: Option<PathBuf>,
}

impl PublishNames {
    /// Reads `--metadata-dir` (its listing) and returns the flags the rules compare.
    pub fn to_flags(&self) -> Result<PublishFlags, AppError> {
        let metadata_dir = match &self.metadata_dir {
            Some(dir) => Some(MetadataDir::read(dir).map_err(|e| AppError::io(dir, e))?),
            None => None,
        };
        Ok(PublishFlags {
            client_name: self.client_name.clone(),
            connected_app_name: self.authorization_connected_app_name.clone(),
            external_client_app_name: self.authorization_external_client_app_name.clone(),
            permission_set_name: self.authorization_permission_set_name.clone(),
            metadata_dir,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublishFlags {
    /// `--client-name`: External Service name, Apex class `HerokuAppLink.<name>`.
    pub client_name: Option<String>,
    /// `--authorization-connected-app-name` (deprecated by the CLI since 1.3.0).
    pub connected_app_name: Option<String>,
    /// `--authorization-external-client-app-name`.
    pub external_client_app_name: Option<String>,
    /// `--authorization-permission-set-name`: the session-activated user-plus permission set.
    pub permission_set_name: Option<String>,
    /// `--metadata-dir`, with what was found in it (read once, before the rules run).
    pub metadata_dir: Option<MetadataDir>,
}

/// The listing of `--metadata-dir`, taken before checking so that rules do no I/O.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetadataDir {
    pub path: PathBuf,
    pub files: Vec<MetadataFile>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataFile {
    /// File name inside the folder (no path).
    pub name: String,
    pub is_symlink: bool,
    pub is_dir: bool,
    pub size: u64,
}

impl MetadataDir {
    /// Lists a folder without following symlinks. Errors name the folder.
    pub fn read(path: &std::path::Path) -> std::io::Result<MetadataDir> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(path)? {
            let entry = entry?;
            let meta = std::fs::symlink_metadata(entry.path())?;
            files.push(MetadataFile {
                name: entry.file_name().to_string_lossy().into_owned(),
                is_symlink: meta.file_type().is_symlink(),
                is_dir: meta.is_dir(),
                size: meta.len(),
            });
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(MetadataDir {
            path: path.to_path_buf(),
            files,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.files.iter().any(|f| f.name == name && !f.is_dir)
    }
}

/// A publish flag that a finding can be about. Findings about a flag's value stand at the start
/// of the file; [`crate::finding::Diagnostic::flag`] says which flag, so that `build`'s refusal
/// of a flag and `check`'s finding about it pair up by this key, not by their wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flag {
    ClientName,
    ConnectedAppName,
    ExternalClientAppName,
    PermissionSetName,
}

impl Flag {
    /// `--client-name`
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::ClientName => "--client-name",
            Flag::ConnectedAppName => "--authorization-connected-app-name",
            Flag::ExternalClientAppName => "--authorization-external-client-app-name",
            Flag::PermissionSetName => "--authorization-permission-set-name",
        }
    }
}

impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
