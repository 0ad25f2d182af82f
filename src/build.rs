//! The `build` pipeline as a library function: check the spec with the config's severities,
//! apply the config and the baseline, decide whether the findings stop the build, build the
//! model and merge its refusals into check's findings. [`run`] takes typed inputs and returns
//! the findings together with what was built; `cli/build.rs` parses the arguments, loads the
//! config, checks the outputs, emits and writes.

use crate::baseline::Baseline;
use crate::check;
use crate::config::Config;
use crate::error::AppError;
use crate::finding::{Diagnostic, FileReport, Severity};
use crate::flags::PublishFlags;
use crate::publication::{BuildInputs, ModelError, Publication, Refusal};
use std::path::Path;

/// What a build is asked for.
pub struct Request<'a> {
    /// The spec's name as shown (`check::display_name`) and its bytes.
    pub name: &'a str,
    pub bytes: Vec<u8>,
    /// The publish flags, `--metadata-dir` listed ([`crate::flags::PublishNames::to_flags`]).
    pub flags: &'a PublishFlags,
    pub config: &'a Config,
    pub baseline: &'a Baseline,
    /// What the config's and the baseline's paths are relative to.
    pub cwd: &'a Path,
    /// Findings at or above this severity stop the build, as errors always do (`--fail-severity`;
    /// `None` for `never`).
    pub fail_at: Option<Severity>,
    pub client_name: &'a str,
    pub app_url: &'a str,
    pub api_version: &'a str,
    pub contact_email: Option<&'a str>,
    /// `--agent-package separate`: the agent topic and actions become a second publication.
    pub separate_agent: bool,
}

/// What a build came to. Either way `reports` holds the findings to show (one report, the
/// spec's) and `ignored` how many the config's ignores and the baseline covered.
pub enum Outcome {
    /// Nothing can be built: a finding stops it (exit 1).
    Refused { reports: Vec<FileReport>, ignored: usize },
    /// The model, and the agent's own publication for `--agent-package separate` (when the spec
    /// has an agent component).
    Built {
        reports: Vec<FileReport>,
        ignored: usize,
        publication: Publication,
        agent: Option<Publication>,
    },
}

/// Runs the pipeline up to the model. Reads nothing but the `--metadata-dir` files, after the
/// check passed (as `bundle` reads them: regular files only, no symlinks, a size cap while
/// reading, never waiting on a FIFO). Errors: an unusable build-only flag (exit 2), a
/// `--metadata-dir` file that cannot be read or is not UTF-8.
pub fn run(request: Request<'_>) -> Result<Outcome, AppError> {
    let (report, root) =
        check::check_bytes_configured(request.name, request.bytes, request.flags, &request.config.severities);
    // check's findings before the config dropped any (`off` rules' findings come last, with
    // their own severity), and as the config and baseline leave them.
    let raw = report.diagnostics.clone();
    let mut reports = vec![report];
    let mut ignored = request
        .config
        .apply(&mut reports, request.baseline, request.cwd)
        .ignored;
    let stops = |d: &Diagnostic| d.severity == Severity::Error || request.fail_at.is_some_and(|at| d.severity >= at);
    let root = match root {
        Some(root) if !reports[0].diagnostics.iter().any(stops) => root,
        _ => return Ok(Outcome::Refused { reports, ignored }),
    };
    let mut metadata = match &request.flags.metadata_dir {
        Some(dir) => crate::bundle::read_metadata(dir)?,
        None => Vec::new(),
    };
    let mut given = |name: &str| -> Result<Option<(String, String)>, AppError> {
        let Some(at) = metadata.iter().position(|m| m.kind.file_name() == name) else {
            return Ok(None);
        };
        let input = metadata.swap_remove(at);
        let text =
            String::from_utf8(input.bytes).map_err(|_| AppError::Failed(format!("{}: is not UTF-8", input.display)))?;
        Ok(Some((input.display, text)))
    };
    let inputs = BuildInputs {
        client_name: request.client_name,
        app_url: request.app_url,
        api_version: request.api_version,
        contact_email: request.contact_email,
        flags: request.flags,
        permission_set_file: given("permissionset-meta.xml")?,
        connected_app_file: given("connectedapp-meta.xml")?,
    };
    let mut publication = match Publication::from_spec(&reports[0].source, &root, &inputs) {
        Ok(p) => p,
        Err(ModelError::Usage(message)) => return Err(AppError::Usage(message)),
        Err(ModelError::Findings(refusals)) => {
            let shown = &mut reports[0].diagnostics;
            ignored = ignored.saturating_sub(merge_refusals(shown, &raw, refusals, request.config));
            return Ok(Outcome::Refused { reports, ignored });
        }
    };
    let agent = if request.separate_agent {
        publication.split_agent()
    } else {
        None
    };
    Ok(Outcome::Built {
        reports,
        ignored,
        publication,
        agent,
    })
}

/// Adds build's refusals to the findings shown. Where `check` reported the same problem at the
/// same place (in `raw`, its findings before the config dropped any), that finding is shown,
/// raised to an error with build's reason when `check` gave less; otherwise build's own. So one
/// problem is one finding, worded as `check` words it, and the config cannot hide what stops
/// the build. Returns how many of them an ignore entry had covered.
fn merge_refusals(shown: &mut Vec<Diagnostic>, raw: &[Diagnostic], refusals: Vec<Refusal>, config: &Config) -> usize {
    let mut uncovered = 0;
    for refusal in refusals {
        if let Some(d) = shown.iter_mut().find(|d| refusal.matches(d)) {
            escalate(d, refusal.why());
        } else if let Some(d) = raw.iter().find(|d| refusal.matches(d)) {
            let mut d = d.clone();
            escalate(&mut d, refusal.why());
            // Dropped by an ignore entry rather than by `off`: no longer counted as ignored.
            if config.severities.get(&d.rule) != Some(&None) {
                uncovered += 1;
            }
            shown.push(d);
        } else {
            shown.push(refusal.diagnostic);
        }
    }
    uncovered
}

fn escalate(d: &mut Diagnostic, why: &str) {
    if d.severity == Severity::Error {
        return;
    }
    d.severity = Severity::Error;
    d.help = Some(match d.help.take() {
        Some(help) => format!("{help} (build needs it: {why})"),
        None => format!("build needs it: {why}"),
    });
}
