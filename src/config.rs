//! `applinkc.toml`: per-rule severity overrides, default publish flags, `[[ignore]]` entries and
//! a baseline file. Found by walking up from the current folder, or given with `--config`.
//!
//! ```toml
//! fail-severity = "warning"          # default of --fail-severity
//! baseline = "applinkc-baseline.toml" # findings accepted, written by --write-baseline
//!
//! [rules]
//! AL805 = "warning"                  # error | warning | info | off
//!
//! [publish]                          # defaults for the publish flags; the command line wins
//! client-name = "AcmePricing"
//! app-url = "https://acme-pricing.herokuapp.com"
//!
//! [[ignore]]
//! rule = "AL805"
//! file = "specs/legacy/**"           # glob, relative to this file's folder (optional)
//! pointer = "/paths/~1quotes"        # JSON pointer prefix (optional)
//! reason = "legacy API, removed in Q3"
//! ```
//!
//! Every problem is an [`AppError::Config`] naming the file and the line:col of the problem.
//! Severities apply while the rules run (`check::check_bytes_configured`), so that a rule that
//! reads the findings of others (AL811) sees them as the user will; [`Config::apply`] then drops
//! the findings of `off` rules and those an ignore entry covers.

use crate::baseline::Baseline;
use crate::diagnostics::{Diagnostic, FileReport, Severity};
use crate::error::AppError;
use crate::flags::PublishNames;
use crate::rules;
use crate::source::LineIndex;
use globset::{GlobBuilder, GlobMatcher};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The name looked for in the current folder and its parents.
pub const FILE_NAME: &str = "applinkc.toml";

/// A loaded configuration (empty when no file was found).
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from.
    pub path: Option<PathBuf>,
    /// Rule id → new severity; `None` is `off`.
    pub severities: rules::Overrides,
    pub publish: PublishDefaults,
    /// `fail-severity`, as written (`error`, `warning`, `info`, `never`).
    pub fail_severity: Option<String>,
    /// `[[ignore]]` entries of the config file itself.
    pub ignores: Vec<Ignore>,
    /// The `baseline` file named by the config (resolved against the config's folder); see
    /// [`crate::baseline`].
    pub baseline: Option<PathBuf>,
}

/// Defaults for the publish flags of `check` and `build`; explicit command-line flags win.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublishDefaults {
    pub client_name: Option<String>,
    pub app_url: Option<String>,
    pub authorization_connected_app_name: Option<String>,
    pub authorization_external_client_app_name: Option<String>,
    pub authorization_permission_set_name: Option<String>,
    /// Resolved against the config file's folder.
    pub metadata_dir: Option<PathBuf>,
}

impl PublishDefaults {
    /// Fills every flag the command line left out with the config's value.
    pub fn merge_under(&self, cli: &PublishNames) -> PublishNames {
        let pick = |cli: &Option<String>, config: &Option<String>| cli.clone().or_else(|| config.clone());
        PublishNames {
            client_name: pick(&cli.client_name, &self.client_name),
            authorization_connected_app_name: pick(
                &cli.authorization_connected_app_name,
                &self.authorization_connected_app_name,
            ),
            authorization_external_client_app_name: pick(
                &cli.authorization_external_client_app_name,
                &self.authorization_external_client_app_name,
            ),
            authorization_permission_set_name: pick(
                &cli.authorization_permission_set_name,
                &self.authorization_permission_set_name,
            ),
            metadata_dir: cli.metadata_dir.clone().or_else(|| self.metadata_dir.clone()),
        }
    }

    /// `--app-url` (a `build` flag): the command line's value, else the config's.
    pub fn app_url_under(&self, cli: Option<&str>) -> Option<String> {
        cli.map(str::to_owned).or_else(|| self.app_url.clone())
    }
}

/// One `[[ignore]]` entry: findings of `rule`, in files matching `file`, at or under `pointer`.
#[derive(Debug)]
pub struct Ignore {
    pub rule: rules::RuleId,
    /// The glob as written, and its matcher (paths relative to `base`).
    pub file: Option<(String, GlobMatcher)>,
    pub pointer: Option<String>,
    pub reason: String,
    /// The folder the glob is relative to: the folder of the file holding the entry.
    pub base: PathBuf,
}

impl Ignore {
    /// Whether this entry covers a finding in the file at the absolute path `file`.
    pub fn covers(&self, file: &Path, d: &Diagnostic) -> bool {
        if d.rule != self.rule {
            return false;
        }
        if let Some(prefix) = &self.pointer
            && !pointer_has_prefix(&d.pointer, prefix)
        {
            return false;
        }
        match &self.file {
            None => true,
            Some((_, glob)) => glob.is_match(relative_to(&self.base, file)),
        }
    }
}

/// `/a/b` is under `/a` and `/a/b`, not under `/a/bc`; every pointer is under `""`.
pub fn pointer_has_prefix(pointer: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    pointer == prefix || (pointer.starts_with(prefix) && pointer.as_bytes().get(prefix.len()) == Some(&b'/'))
}

/// What [`Config::apply`] did: how many findings the ignores and the baseline covered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub ignored: usize,
}

impl Config {
    /// `--config FILE` when given, else the nearest `applinkc.toml` from `cwd` upwards, else none.
    pub fn discover(explicit: Option<&Path>, cwd: &Path) -> Result<Config, AppError> {
        if let Some(path) = explicit {
            return Config::load(&absolute(cwd, path));
        }
        match nearest(cwd) {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    pub fn load(path: &Path) -> Result<Config, AppError> {
        let text = crate::input::read_text(path, crate::input::Origin::Named)?;
        Config::parse(path, &text)
    }

    /// Parses config text; `path` names the file in errors and anchors relative paths.
    pub fn parse(path: &Path, text: &str) -> Result<Config, AppError> {
        let err = ConfigErrors { path, text };
        let raw: RawConfig = toml::from_str(text).map_err(|e| err.toml(&e))?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut severities = BTreeMap::new();
        for (id, value) in &raw.rules {
            let rule = find_rule(id, &err)?;
            if rules::is_load_failure(rule.id) {
                return Err(err.at(
                    id.span(),
                    format!(
                        "{} reports a file that could not be loaded (nothing else of it was checked); \
                         its severity cannot be changed or turned off",
                        rule.id
                    ),
                ));
            }
            let severity = match value.get_ref().as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "info" => Some(Severity::Info),
                "off" => None,
                other => {
                    return Err(err.at(
                        value.span(),
                        format!(
                            "severity `{other}` of {} is not one of error, warning, info, off",
                            rule.id
                        ),
                    ));
                }
            };
            severities.insert(rule.id, severity);
        }
        if let Some(fail) = &raw.fail_severity
            && !["error", "warning", "info", "never"].contains(&fail.get_ref().as_str())
        {
            return Err(err.at(
                fail.span(),
                format!(
                    "fail-severity `{}` is not one of error, warning, info, never",
                    fail.get_ref()
                ),
            ));
        }
        let publish = raw.publish.unwrap_or_default();
        Ok(Config {
            path: Some(path.to_path_buf()),
            severities,
            publish: PublishDefaults {
                client_name: publish.client_name,
                app_url: publish.app_url,
                authorization_connected_app_name: publish.authorization_connected_app_name,
                authorization_external_client_app_name: publish.authorization_external_client_app_name,
                authorization_permission_set_name: publish.authorization_permission_set_name,
                metadata_dir: publish.metadata_dir.map(|d| absolute(&base, &d)),
            },
            fail_severity: raw.fail_severity.map(Spanned::into_inner),
            ignores: ignores(&raw.ignore, &base, &err)?,
            baseline: raw.baseline.map(|b| absolute(&base, &b)),
        })
    }

    /// Changes severities, drops `off` rules, findings covered by an `[[ignore]]` entry of the
    /// config (pointer prefix) and findings of `baseline` (exact fingerprint, after the
    /// severity change); returns how many findings the ignores and the baseline covered. Load
    /// failures (AL010, AL011) are never changed or dropped.
    pub fn apply(&self, reports: &mut [FileReport], baseline: &Baseline, cwd: &Path) -> Applied {
        let mut by_rule: BTreeMap<rules::RuleId, Vec<&Ignore>> = BTreeMap::new();
        for entry in &self.ignores {
            by_rule.entry(entry.rule).or_default().push(entry);
        }
        let mut applied = Applied::default();
        for report in reports {
            let file = absolute(cwd, Path::new(&report.source.name));
            report.diagnostics.retain_mut(|d| {
                if rules::is_load_failure(d.rule) {
                    return true;
                }
                match self.severities.get(&d.rule) {
                    Some(None) => return false,
                    Some(Some(severity)) => d.severity = *severity,
                    None => {}
                }
                let entries = by_rule.get(&d.rule).map_or(&[][..], Vec::as_slice);
                if entries.iter().any(|i| i.covers(&file, d)) || baseline.covers(&file, d) {
                    applied.ignored += 1;
                    return false;
                }
                true
            });
        }
        applied
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    publish: Option<RawPublish>,
    fail_severity: Option<Spanned<String>>,
    baseline: Option<PathBuf>,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPublish {
    client_name: Option<String>,
    app_url: Option<String>,
    authorization_connected_app_name: Option<String>,
    authorization_external_client_app_name: Option<String>,
    authorization_permission_set_name: Option<String>,
    metadata_dir: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    rule: Spanned<String>,
    file: Option<Spanned<String>>,
    pointer: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
}

fn ignores(raw: &[Spanned<RawIgnore>], base: &Path, err: &ConfigErrors<'_>) -> Result<Vec<Ignore>, AppError> {
    let mut out = Vec::new();
    for entry in raw {
        let span = entry.span();
        let entry = entry.get_ref();
        let rule = find_rule(&entry.rule, err)?;
        if rules::is_load_failure(rule.id) {
            return Err(err.at(
                entry.rule.span(),
                format!(
                    "{} reports a file that could not be loaded (nothing else of it was checked); \
                     it cannot be ignored",
                    rule.id
                ),
            ));
        }
        let reason = match &entry.reason {
            Some(r) if !r.get_ref().trim().is_empty() => r.get_ref().clone(),
            Some(r) => return Err(err.at(r.span(), "the reason of an [[ignore]] entry is empty".into())),
            None => {
                return Err(err.at(
                    span,
                    format!(
                        "this [[ignore]] entry for {} has no `reason`; say why it is accepted",
                        rule.id
                    ),
                ));
            }
        };
        let file = match &entry.file {
            None => None,
            Some(f) => {
                let glob = GlobBuilder::new(f.get_ref())
                    .literal_separator(true)
                    .build()
                    .map_err(|e| err.at(f.span(), format!("bad file glob `{}`: {}", f.get_ref(), e.kind())))?;
                Some((f.get_ref().clone(), glob.compile_matcher()))
            }
        };
        let pointer = match &entry.pointer {
            None => None,
            Some(p) if p.get_ref().is_empty() || p.get_ref().starts_with('/') => Some(p.get_ref().clone()),
            Some(p) => {
                return Err(err.at(
                    p.span(),
                    format!(
                        "pointer `{}` is not a JSON pointer; it starts with `/` (e.g. `/paths/~1quotes`)",
                        p.get_ref()
                    ),
                ));
            }
        };
        out.push(Ignore {
            rule: rule.id,
            file,
            pointer,
            reason,
            base: base.to_path_buf(),
        });
    }
    Ok(out)
}

fn find_rule(id: &Spanned<String>, err: &ConfigErrors<'_>) -> Result<&'static rules::Rule, AppError> {
    rules::find(id.get_ref()).ok_or_else(|| {
        err.at(
            id.span(),
            format!("unknown rule `{}`; `applinkc rules` lists them", id.get_ref()),
        )
    })
}

struct ConfigErrors<'a> {
    path: &'a Path,
    text: &'a str,
}

impl ConfigErrors<'_> {
    fn at(&self, span: Range<usize>, message: String) -> AppError {
        let at = LineIndex::new(self.text).line_col(self.text, span.start);
        AppError::Config {
            path: self.path.to_path_buf(),
            line: at.line,
            col: at.col,
            message,
        }
    }

    fn toml(&self, e: &toml::de::Error) -> AppError {
        let message = e.message().trim_end().to_string();
        self.at(e.span().unwrap_or(0..0), message)
    }
}

/// The nearest `applinkc.toml` from `cwd` upwards: the file [`Config::discover`] loads when no
/// `--config` is given.
pub fn nearest(cwd: &Path) -> Option<PathBuf> {
    cwd.ancestors().map(|d| d.join(FILE_NAME)).find(|c| c.is_file())
}

pub use crate::paths::{absolute, relative_to};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_prefixes_stop_at_token_boundaries() {
        assert!(pointer_has_prefix("/paths/~1a/get", "/paths/~1a"));
        assert!(pointer_has_prefix("/paths/~1a", "/paths/~1a"));
        assert!(pointer_has_prefix("/paths/~1a", "/paths/~1a/"));
        assert!(!pointer_has_prefix("/paths/~1ab", "/paths/~1a"));
        assert!(pointer_has_prefix("/anything", ""));
        assert!(pointer_has_prefix("", ""));
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let e = Config::parse(Path::new("applinkc.toml"), "[rules]\nAL101 = \"loud\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "applinkc.toml:2:9: severity `loud` of AL101 is not one of error, warning, info, off"
        );
        let e = Config::parse(Path::new("c.toml"), "[[ignore]]\nrule = \"AL101\"\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("c.toml:1:1: this [[ignore]] entry for AL101 has no `reason`"),
            "{e}"
        );
        let e = Config::parse(Path::new("c.toml"), "colour = 1\n").unwrap_err();
        assert!(e.to_string().starts_with("c.toml:1:1: unknown field `colour`"), "{e}");
    }

    #[test]
    fn command_line_publish_flags_win_over_the_config() {
        let config = Config::parse(
            Path::new("/repo/applinkc.toml"),
            "[publish]\nclient-name = \"Acme\"\napp-url = \"https://acme.example\"\nmetadata-dir = \"meta\"\n\
             authorization-permission-set-name = \"Perms\"\n",
        )
        .unwrap();
        let cli = PublishNames {
            client_name: Some("Cli".into()),
            ..Default::default()
        };
        let merged = config.publish.merge_under(&cli);
        assert_eq!(merged.client_name.as_deref(), Some("Cli"));
        assert_eq!(merged.authorization_permission_set_name.as_deref(), Some("Perms"));
        assert_eq!(merged.metadata_dir, Some(PathBuf::from("/repo/meta")));
        assert_eq!(merged.authorization_connected_app_name, None);
        assert_eq!(
            config.publish.app_url_under(None).as_deref(),
            Some("https://acme.example")
        );
        assert_eq!(
            config.publish.app_url_under(Some("https://cli.example")).as_deref(),
            Some("https://cli.example")
        );
    }

    #[test]
    fn lexical_absolute_paths() {
        assert_eq!(
            absolute(Path::new("/a/b"), Path::new("../c/./d")),
            PathBuf::from("/a/c/d")
        );
        assert_eq!(absolute(Path::new("/a"), Path::new("/x")), PathBuf::from("/x"));
        assert_eq!(
            relative_to(Path::new("/r/ci"), Path::new("/r/specs/a.yaml")),
            PathBuf::from("../specs/a.yaml")
        );
        assert_eq!(
            relative_to(Path::new("/r"), Path::new("/r/specs/a.yaml")),
            PathBuf::from("specs/a.yaml")
        );
    }
}
