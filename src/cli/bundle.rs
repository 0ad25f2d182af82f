use super::report::{ReportArgs, Reporting};
use super::{ColorChoice, FailSeverity, PublishArgs};
use crate::archive::{self, Layout};
use crate::bundle::{self, metadata};
use crate::check::{check_bytes, display_name, read_spec};
use crate::diagnostics::{FileReport, Totals, human};
use crate::error::AppError;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct BundleArgs {
    /// The spec file to publish
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    #[command(flatten)]
    pub publish: PublishArgs,
    /// Where to write the zip (`heroku salesforce:publish` uploads the same entries)
    #[arg(short = 'o', long = "output", value_name = "FILE", required = true)]
    pub output: PathBuf,
    /// Also write the `app_request` JSON the CLI posts with the zip (needs --client-name)
    #[arg(long, value_name = "FILE")]
    pub request: Option<PathBuf>,
    /// Replace the output files when they exist
    #[arg(long)]
    pub force: bool,
    /// Write nothing and exit 1 when a finding reaches this severity [default: `fail-severity`
    /// in applinkc.toml, else error]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_severity: Option<FailSeverity>,
    /// The config file: its [publish] flags, severities and ignores apply as in `check`
    /// [default: applinkc.toml in this folder or above]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Colour the report
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

pub fn run(args: BundleArgs) -> Result<i32, AppError> {
    // The config applies as in `check`: [publish] under the flags, severities, ignores, the
    // baseline it names, `fail-severity`.
    let report_args = ReportArgs {
        fail_severity: args.fail_severity,
        color: args.color,
        config: args.config.clone(),
        ..ReportArgs::default()
    };
    let reporting = report_args.load()?;
    let names = reporting.publish_args(&args.publish);
    refuse_overwriting_inputs(&args, &reporting, &names)?;
    archive::check_target(&args.output, Layout::Zip, args.force).map_err(failed)?;
    if let Some(request) = &args.request {
        if names.client_name.is_none() {
            return Err(AppError::Usage(
                "--request needs --client-name (or `client-name` in [publish] of applinkc.toml): `heroku salesforce:publish` requires it and sends it as `client_name`"
                    .into(),
            ));
        }
        archive::check_target(request, Layout::Zip, args.force).map_err(failed)?;
    }
    let flags = names.to_flags()?;
    let spec_bytes = read_spec(&args.spec)?;
    let name = display_name(&args.spec);
    // The check pipeline: every rule, including the metadata-folder rules (AL952–AL954).
    let spec_report = check_bytes(&name, spec_bytes.clone(), &flags);
    let metadata_inputs = match &flags.metadata_dir {
        Some(dir) => bundle::read_metadata(dir)?,
        None => Vec::new(),
    };
    let mut reports: Vec<FileReport> = vec![spec_report];
    {
        let (_, loaded) = crate::source::load(&name, spec_bytes.clone());
        let spec = loaded.root.as_ref().map(crate::spec::Spec::new);
        for input in &metadata_inputs {
            let report = metadata::check(input, spec.as_ref(), &flags);
            if !report.diagnostics.is_empty() {
                reports.push(report);
            }
        }
    }
    if report_findings(&reporting, &report_args, reports) {
        eprintln!("error: nothing written: fix the findings above");
        return Ok(1);
    }
    let Some(entry_name) = bundle::spec_entry_name(&args.spec) else {
        // AL001 fails the check above; this is only reached with --fail-severity never.
        return Err(AppError::Usage(format!(
            "{name}: the heroku CLI uploads only .yaml, .yml or .json specs"
        )));
    };
    let entries = bundle::entries(entry_name, spec_bytes, metadata_inputs);
    let zip = archive::zip_bytes(&entries).map_err(failed)?;
    archive::write_file(&args.output, &zip, args.force).map_err(failed)?;
    let listed: Vec<&str> = entries.iter().map(|(name, _)| name.as_str()).collect();
    println!("wrote {}: {}", args.output.display(), listed.join(", "));
    if let Some(request) = &args.request {
        archive::write_file(request, bundle::app_request(&flags).as_bytes(), args.force).map_err(failed)?;
        println!("wrote {}: app_request", request.display());
    }
    Ok(0)
}

fn failed(e: archive::ArchiveError) -> AppError {
    AppError::Failed(e.to_string())
}

/// Applies the config to the findings and prints what remains to standard error; true when a
/// finding reaches the fail severity (nothing may be written).
fn report_findings(reporting: &Reporting, report_args: &ReportArgs, mut reports: Vec<FileReport>) -> bool {
    let applied = reporting
        .config
        .apply(&mut reports, &reporting.baseline, &reporting.cwd);
    let worst = Totals::of(&reports).max_severity();
    if worst.is_some() {
        let mut text = String::new();
        human::write(&reports, report_args.color.enabled(), applied.ignored, &mut |chunk| {
            text.push_str(chunk);
        });
        eprint!("{text}");
    }
    reporting.fail_severity(report_args).fails(worst)
}

/// `-o` and `--request` must be two files, and neither may be an input (even with `--force`).
fn refuse_overwriting_inputs(
    args: &BundleArgs,
    reporting: &Reporting,
    names: &crate::flags::PublishNames,
) -> Result<(), AppError> {
    let mut outputs = vec![("-o", args.output.as_path())];
    if let Some(request) = &args.request {
        outputs.push(("--request", request));
    }
    let mut read = vec![args.spec.clone()];
    read.extend(reporting.inputs());
    read.extend(super::metadata_inputs(names));
    let read: Vec<&std::path::Path> = read.iter().map(PathBuf::as_path).collect();
    crate::input::refuse_outputs_onto_inputs("the bundle", &outputs, &read)
}
