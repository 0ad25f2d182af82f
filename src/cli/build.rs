use super::{ColorChoice, PublishArgs};
use crate::archive::{self, Layout};
use crate::check;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::{Severity, human};
use crate::emit::Templates;
use crate::error::AppError;
use crate::publication::{BuildInputs, DEFAULT_API_VERSION, ModelError, Publication, Refusal};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The spec to compile (.yaml, .yml or .json)
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    #[command(flatten)]
    pub publish: PublishArgs,
    /// URL of the Heroku app the named credential calls: https://APP.herokuapp.com
    #[arg(long, value_name = "URL")]
    pub app_url: String,
    /// Where to write: a .zip for --layout zip, a folder otherwise [default: <client-name>.zip
    /// or <client-name>]
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Metadata API version written to package.xml (and sfdx-project.json)
    #[arg(long, value_name = "VERSION", default_value = DEFAULT_API_VERSION)]
    pub api_version: String,
    /// Output layout
    #[arg(long, value_enum, default_value_t = Layout::Zip)]
    pub layout: Layout,
    /// Folder of templates that replace the built-in ones with the same file name
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Contact email of an emitted connected app or external client app [default: the spec's
    /// info.contact.email]
    #[arg(long, value_name = "EMAIL")]
    pub contact_email: Option<String>,
    /// Replace an existing output
    #[arg(long)]
    pub force: bool,
    /// Colour the findings
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

pub fn run(args: BuildArgs) -> Result<i32, AppError> {
    let flags = args.publish.to_flags()?;
    let Some(client_name) = flags.client_name.clone() else {
        return Err(AppError::Usage(
            "build needs --client-name: the name of the External Service and its permission set".into(),
        ));
    };
    let output = args.output.clone().unwrap_or_else(|| match args.layout {
        Layout::Zip => PathBuf::from(format!("{client_name}.zip")),
        Layout::Dir | Layout::Source => PathBuf::from(&client_name),
    });
    if let (Ok(a), Ok(b)) = (std::fs::canonicalize(&output), std::fs::canonicalize(&args.spec))
        && a == b
    {
        return Err(AppError::Usage(format!(
            "{}: the output would replace the spec itself",
            output.display()
        )));
    }
    archive::check_target(&output, args.layout, args.force).map_err(|e| AppError::Failed(e.to_string()))?;
    let templates = Templates::new(args.templates.as_deref()).map_err(|e| AppError::Failed(e.to_string()))?;

    let bytes = check::read_spec(&args.spec)?;
    let (mut report, root) = check::check_bytes_with_tree(&check::display_name(&args.spec), bytes, &flags);
    let color = args.color.enabled();
    let has_errors = |r: &crate::diagnostics::FileReport| r.diagnostics.iter().any(|d| d.severity == Severity::Error);
    let root = match root {
        Some(root) if !has_errors(&report) => root,
        _ => return Ok(refuse(report, color)),
    };
    let given = |name: &str| -> Result<Option<(String, String)>, AppError> {
        let Some(dir) = flags.metadata_dir.as_ref().filter(|d| d.has(name)) else {
            return Ok(None);
        };
        let path = dir.path.join(name);
        let bytes = check::read_spec(&path)?;
        let text =
            String::from_utf8(bytes).map_err(|_| AppError::Failed(format!("{}: is not UTF-8", path.display())))?;
        Ok(Some((check::display_name(&path), text)))
    };
    let inputs = BuildInputs {
        client_name: &client_name,
        app_url: &args.app_url,
        api_version: &args.api_version,
        contact_email: args.contact_email.as_deref(),
        flags: &flags,
        permission_set_file: given("permissionset-meta.xml")?,
        connected_app_file: given("connectedapp-meta.xml")?,
    };
    let publication = match Publication::from_spec(&report.source, &root, &inputs) {
        Ok(p) => p,
        Err(ModelError::Usage(message)) => return Err(AppError::Usage(message)),
        Err(ModelError::Findings(refusals)) => {
            let raw = report.diagnostics.clone();
            merge_refusals(&mut report.diagnostics, &raw, refusals);
            report.sort();
            return Ok(refuse(report, color));
        }
    };
    let emitted = templates
        .emit(&publication)
        .map_err(|e| AppError::Failed(e.to_string()))?;
    let files = archive::files(&emitted, args.layout, &publication.api_version);
    let written =
        archive::write(&output, args.layout, &files, args.force).map_err(|e| AppError::Failed(e.to_string()))?;

    let mut stdout = std::io::stdout().lock();
    if !report.diagnostics.is_empty() {
        let _ = stdout.write_all(human::render(std::slice::from_ref(&report), color).as_bytes());
    }
    let _ = writeln!(
        stdout,
        "built {}: {} components in {written} files ({} layout, API {})",
        check::display_name(&output),
        publication.components.len(),
        match args.layout {
            Layout::Zip => "zip",
            Layout::Dir => "dir",
            Layout::Source => "source",
        },
        publication.api_version
    );
    let _ = stdout.flush();
    Ok(0)
}

/// Prints the findings and says that nothing was written; exit code 1.
fn refuse(report: crate::diagnostics::FileReport, color: bool) -> i32 {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(human::render(std::slice::from_ref(&report), color).as_bytes());
    let _ = stdout.flush();
    eprintln!("error: {} has errors; nothing was built", report.source.name);
    1
}

/// Adds build's refusals to the findings shown. Where `check` reported the same problem at the
/// same place (in `raw`, its findings before the config changed or dropped any), that finding
/// is shown, raised to an error with build's reason when `check` gave less; otherwise build's
/// own. So one problem is one finding, worded as `check` words it.
fn merge_refusals(shown: &mut Vec<Diagnostic>, raw: &[Diagnostic], refusals: Vec<Refusal>) {
    for refusal in refusals {
        if let Some(d) = shown.iter_mut().find(|d| refusal.matches(d)) {
            escalate(d, &refusal.why);
        } else if let Some(d) = raw.iter().find(|d| refusal.matches(d)) {
            let mut d = d.clone();
            escalate(&mut d, &refusal.why);
            shown.push(d);
        } else {
            shown.push(refusal.diagnostic);
        }
    }
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
