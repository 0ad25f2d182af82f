use super::report::{BuildReportArgs, ReportFormat, Reporting};
use super::{ColorChoice, FailSeverity, PublishArgs};
use crate::archive::{self, Layout};
use crate::build::Outcome;
use crate::check;
use crate::diagnostics::{FileReport, Severity};
use crate::emit::Templates;
use crate::error::AppError;
use crate::publication::steps::{Step, steps};
use crate::publication::{DEFAULT_API_VERSION, Publication};
use crate::rules::wording::shell_word;
use clap::Args;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The spec to compile (.yaml, .yml or .json)
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    #[command(flatten)]
    pub publish: PublishArgs,
    /// URL of the Heroku app the named credential calls: https://APP.herokuapp.com [default:
    /// `app-url` in [publish] of applinkc.toml]
    #[arg(long, value_name = "URL")]
    pub app_url: Option<String>,
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
    /// `separate`: write the agent topic and actions to a second output (`<output>-agent`), to
    /// deploy after the first
    #[arg(long, value_enum, default_value_t = AgentPackage::Together, value_name = "HOW")]
    pub agent_package: AgentPackage,
    /// Replace an existing output
    #[arg(long)]
    pub force: bool,
    /// Do everything build does — check, the model, the templates, the archive in memory — and
    /// write nothing: exit 1 exactly when build would refuse the spec (the output path is not
    /// looked at; reports are still written)
    #[arg(long)]
    pub dry_run: bool,
    /// Colour the findings
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    #[command(flatten)]
    pub report: BuildReportArgs,
}

/// Where the agent topic and actions go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AgentPackage {
    /// In the one output, with everything else
    Together,
    /// In a second output, `<output>-agent` (`acme.zip` → `acme-agent.zip`)
    Separate,
}

/// `acme.zip` → `acme-agent.zip`; `out` → `out-agent`.
fn agent_output(output: &std::path::Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match name.strip_suffix(".zip") {
        Some(stem) => format!("{stem}-agent.zip"),
        None => format!("{name}-agent"),
    };
    output.with_file_name(name)
}

pub fn run(mut args: BuildArgs) -> Result<i32, AppError> {
    args.report.0.color = args.color;
    let report_args = &args.report.0;
    let reporting = report_args.load()?;
    let flags = reporting.publish_args(&args.publish).to_flags()?;
    let (client_name, app_url) = required_names(&args, &reporting, &flags)?;
    let output = args.output.clone().unwrap_or_else(|| match args.layout {
        Layout::Zip => PathBuf::from(format!("{client_name}.zip")),
        Layout::Dir | Layout::Source => PathBuf::from(&client_name),
    });
    let read = files_read(&args, &reporting);
    if !args.dry_run {
        let mut outputs = vec![("-o/--output", output.as_path())];
        outputs.extend(report_args.outputs("--report-output"));
        refuse_input(&outputs, &read)?;
        archive::check_target(&output, args.layout, args.force).map_err(|e| AppError::Failed(e.to_string()))?;
    }
    let templates = Templates::new(args.templates.as_deref()).map_err(|e| AppError::Failed(e.to_string()))?;

    let bytes = check::read_spec(&args.spec)?;
    let fail = reporting.fail_severity(report_args);
    let outcome = crate::build::run(crate::build::Request {
        name: &check::display_name(&args.spec),
        bytes,
        flags: &flags,
        config: &reporting.config,
        baseline: &reporting.baseline,
        cwd: &reporting.cwd,
        fail_at: fail.threshold(),
        client_name: &client_name,
        app_url: &app_url,
        api_version: &args.api_version,
        contact_email: args.contact_email.as_deref(),
        separate_agent: args.agent_package == AgentPackage::Separate,
    })?;
    let (reports, ignored, publication, agent) = match outcome {
        Outcome::Refused { reports, ignored } => return refuse(&reporting, reports, ignored, report_args, fail),
        Outcome::Built {
            reports,
            ignored,
            publication,
            agent,
        } => (reports, ignored, publication, agent.map(|p| (agent_output(&output), p))),
    };
    if let Some((path, _)) = &agent
        && !args.dry_run
    {
        refuse_input(
            &[("-o/--output", output.as_path()), ("--agent-package separate", path)],
            &read,
        )?;
        archive::check_target(path, args.layout, args.force).map_err(|e| AppError::Failed(e.to_string()))?;
    }
    let files = emit_files(&templates, &publication, agent.as_ref().map(|(_, p)| p), args.layout)?;
    if args.dry_run {
        return dry_run(
            &reporting,
            reports,
            ignored,
            report_args,
            &output,
            &agent,
            [&files.0, files.1.as_ref().unwrap_or(&Vec::new())],
            args.layout,
        );
    }
    let written = write_outputs(&args, &output, &agent, &files)?;
    let built = Built {
        output: &output,
        agent: &agent,
        publication: &publication,
        layout: args.layout,
        written,
    };
    let steps = built.steps();
    reporting.write_with_build(reports, ignored, 0, report_args, Some(built.result(&steps)))?;
    print_summary(&built.next_steps_text(&steps), machine_on_stdout(report_args));
    Ok(0)
}

/// The client name and app URL build needs, from the flags or applinkc.toml; a usage error without them.
fn required_names(
    args: &BuildArgs,
    reporting: &Reporting,
    flags: &crate::flags::PublishFlags,
) -> Result<(String, String), AppError> {
    let Some(client_name) = flags.client_name.clone() else {
        return Err(AppError::Usage(
            "build needs --client-name (or `client-name` in [publish] of applinkc.toml): the name of the External Service and its permission set".into(),
        ));
    };
    let Some(app_url) = reporting.config.publish.app_url_under(args.app_url.as_deref()) else {
        return Err(AppError::Usage(
            "build needs --app-url (or `app-url` in [publish] of applinkc.toml): the URL of the Heroku app, https://APP.herokuapp.com".into(),
        ));
    };
    Ok((client_name, app_url))
}

/// Every file build reads: no output may be one of them (or link to one, or hold one).
fn files_read(args: &BuildArgs, reporting: &Reporting) -> Vec<PathBuf> {
    let mut read = vec![args.spec.clone()];
    read.extend(reporting.inputs());
    read.extend(super::metadata_inputs(&reporting.publish_args(&args.publish)));
    read.extend(args.templates.clone());
    read
}

/// The files of an output, by path within it, with their bytes.
type Files = Vec<(String, Vec<u8>)>;

/// The files of the publication and of the separate agent publication, if any, for the layout.
fn emit_files(
    templates: &Templates,
    publication: &Publication,
    agent: Option<&Publication>,
    layout: Layout,
) -> Result<(Files, Option<Files>), AppError> {
    let emitted = templates
        .emit(publication)
        .map_err(|e| AppError::Failed(e.to_string()))?;
    let files = archive::files(&emitted, layout, &publication.api_version);
    let agent_files = match agent {
        Some(p) => {
            let emitted = templates.emit(p).map_err(|e| AppError::Failed(e.to_string()))?;
            Some(archive::files(&emitted, layout, &p.api_version))
        }
        None => None,
    };
    Ok((files, agent_files))
}

/// Writes the output and the agent output, if any, and counts the files written; never one without the other.
fn write_outputs(
    args: &BuildArgs,
    output: &std::path::Path,
    agent: &Option<(PathBuf, Publication)>,
    (files, agent_files): &(Files, Option<Files>),
) -> Result<usize, AppError> {
    let failed = |e: archive::ArchiveError| AppError::Failed(e.to_string());
    let mut written = archive::write(output, args.layout, files, args.force).map_err(failed)?;
    if let (Some((path, _)), Some(files)) = (agent, agent_files) {
        match archive::write(path, args.layout, files, args.force) {
            Ok(n) => written += n,
            Err(e) => {
                // Never one half of a publication: take the first output back.
                let _ = if args.layout == Layout::Zip {
                    std::fs::remove_file(output)
                } else {
                    std::fs::remove_dir_all(output)
                };
                return Err(failed(e));
            }
        }
    }
    Ok(written)
}

/// What a build wrote: the outputs, their publications and how many files.
struct Built<'a> {
    output: &'a std::path::Path,
    agent: &'a Option<(PathBuf, Publication)>,
    publication: &'a Publication,
    layout: Layout,
    written: usize,
}

impl Built<'_> {
    /// The components of the publication and of the agent publication.
    fn components(&self) -> usize {
        self.publication.components.len() + self.agent.as_ref().map_or(0, |(_, p)| p.components.len())
    }

    /// The name of the layout as `--layout` spells it.
    fn layout_name(&self) -> &'static str {
        match self.layout {
            Layout::Zip => "zip",
            Layout::Dir => "dir",
            Layout::Source => "source",
        }
    }

    /// The steps to take in the org after deploying each output.
    fn steps(&self) -> Vec<Step> {
        let mut deploys = vec![deploy_flag(self.output, self.layout)];
        let mut publications = vec![self.publication];
        if let Some((path, p)) = self.agent {
            deploys.push(deploy_flag(path, self.layout));
            publications.push(p);
        }
        steps(&publications, &deploys)
    }

    /// The `build` section of the machine-readable reports.
    fn result(&self, steps: &[Step]) -> serde_json::Value {
        let mut written_to = vec![check::display_name(self.output)];
        written_to.extend(self.agent.as_ref().map(|(path, _)| check::display_name(path)));
        serde_json::json!({
            "outputs": written_to,
            "layout": self.layout_name(),
            "api_version": self.publication.api_version,
            "components": self.components(),
            "files": self.written,
            "next_steps": steps,
        })
    }

    /// The line saying what was built, then the numbered next steps.
    fn next_steps_text(&self, steps: &[Step]) -> String {
        let mut text = format!(
            "built {}: {} components in {} files ({} layout, API {})\nnext, in the org (docs/build.md, \"After deploying\"):\n",
            outputs_shown(self.output, self.agent),
            self.components(),
            self.written,
            self.layout_name(),
            self.publication.api_version
        );
        for (i, step) in steps.iter().enumerate() {
            let _ = writeln!(text, "  {}. {}", i + 1, step.title);
            if let Some(command) = &step.command {
                let _ = writeln!(text, "     {command}");
            }
        }
        text
    }
}

/// The `sf project deploy start` flag that deploys the output at `path` in this layout.
fn deploy_flag(path: &std::path::Path, layout: Layout) -> String {
    let shown = check::display_name(path);
    match layout {
        Layout::Zip => format!("--metadata-dir {}", shell_word(&shown)),
        Layout::Dir => format!("--metadata-dir {}", shell_word(&format!("{shown}/unpackaged"))),
        Layout::Source => format!("--source-dir {}", shell_word(&format!("{shown}/force-app"))),
    }
}

/// The output and the agent output, if any, as the messages name them.
fn outputs_shown(output: &std::path::Path, agent: &Option<(PathBuf, Publication)>) -> String {
    let mut outputs = check::display_name(output);
    if let Some((path, _)) = agent {
        outputs = format!("{outputs} and {}", check::display_name(path));
    }
    outputs
}

/// Whether a machine-readable report goes to standard output.
fn machine_on_stdout(report_args: &super::report::ReportArgs) -> bool {
    report_args
        .reports
        .iter()
        .any(|(f, o)| o.is_none() && matches!(f, ReportFormat::Json | ReportFormat::Sarif | ReportFormat::Junit))
}

/// Prints the summary: to standard error when standard output carries a machine-readable report.
fn print_summary(text: &str, machine_on_stdout: bool) {
    if machine_on_stdout {
        eprint!("{text}");
    } else {
        let mut stdout = std::io::stdout().lock();
        let _ = write!(stdout, "{text}");
        let _ = stdout.flush();
    }
}

/// `--dry-run` after everything succeeded: the zip built in memory (for `--layout zip`, as
/// `build` would), the reports written, one line saying what would have been written.
#[allow(clippy::too_many_arguments)]
fn dry_run(
    reporting: &Reporting,
    reports: Vec<FileReport>,
    ignored: usize,
    args: &super::report::ReportArgs,
    output: &std::path::Path,
    agent: &Option<(PathBuf, Publication)>,
    files: [&Vec<(String, Vec<u8>)>; 2],
    layout: Layout,
) -> Result<i32, AppError> {
    if layout == Layout::Zip {
        for f in files {
            if !f.is_empty() {
                archive::zip_bytes(f).map_err(|e| AppError::Failed(e.to_string()))?;
            }
        }
    }
    reporting.write(reports, ignored, 0, args)?;
    eprintln!(
        "dry run: build would write {} ({} files); nothing was written",
        outputs_shown(output, agent),
        files[0].len() + files[1].len()
    );
    Ok(0)
}

/// An output that is an input of the build (or links to one, or a folder holding one) is refused.
fn refuse_input(outputs: &[(&str, &std::path::Path)], read: &[PathBuf]) -> Result<(), AppError> {
    let read: Vec<&std::path::Path> = read.iter().map(PathBuf::as_path).collect();
    crate::input::refuse_outputs_onto_inputs("the build", outputs, &read)
}

/// Writes the reports and says that nothing was built; exit code 1.
fn refuse(
    reporting: &Reporting,
    reports: Vec<FileReport>,
    ignored: usize,
    args: &super::report::ReportArgs,
    fail: FailSeverity,
) -> Result<i32, AppError> {
    let name = reports.first().map(|r| r.source.name.clone()).unwrap_or_default();
    let errors = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity == Severity::Error);
    reporting.write(reports, ignored, 1, args)?;
    if errors {
        eprintln!("error: {name} has errors; nothing was built");
    } else {
        let level = match fail {
            FailSeverity::Info => "info",
            _ => "warning",
        };
        eprintln!("error: {name} has findings at --fail-severity {level} or above; nothing was built");
    }
    Ok(1)
}
