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
    /// Write nothing and exit 1 when a finding reaches this severity
    #[arg(long, value_enum, default_value_t = FailSeverity::Error, value_name = "SEVERITY")]
    pub fail_severity: FailSeverity,
    /// Colour the report
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

pub fn run(args: BundleArgs) -> Result<i32, AppError> {
    refuse_overwriting_inputs(&args)?;
    archive::check_target(&args.output, Layout::Zip, args.force).map_err(failed)?;
    if let Some(request) = &args.request {
        if args.publish.client_name.is_none() {
            return Err(AppError::Usage(
                "--request needs --client-name: `heroku salesforce:publish` requires it and sends it as `client_name`"
                    .into(),
            ));
        }
        archive::check_target(request, Layout::Zip, args.force).map_err(failed)?;
    }
    let flags = args.publish.to_flags()?;
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
    let totals = Totals::of(&reports);
    if totals.max_severity().is_some() {
        eprint!("{}", human::render(&reports, args.color.enabled()));
    }
    if args.fail_severity.fails(totals.max_severity()) {
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

/// `-o` and `--request` must be two files, and neither may be an input (even with `--force`).
fn refuse_overwriting_inputs(args: &BundleArgs) -> Result<(), AppError> {
    let mut outputs = vec![("-o", args.output.as_path())];
    if let Some(request) = &args.request {
        outputs.push(("--request", request));
    }
    let mut read = vec![args.spec.clone()];
    read.extend(super::metadata_inputs(&args.publish.names()));
    let read: Vec<&std::path::Path> = read.iter().map(PathBuf::as_path).collect();
    crate::input::refuse_outputs_onto_inputs("the bundle", &outputs, &read)
}
