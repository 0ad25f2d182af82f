use super::PublishArgs;
use super::report::ReportArgs;
use crate::check;
use crate::error::AppError;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Spec files, or folders to search for .yaml/.yml/.json files
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub publish: PublishArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Write the current findings to FILE as [[ignore]] entries (a baseline), then exit 0
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

pub fn run(args: CheckArgs) -> Result<i32, AppError> {
    let reporting = if args.write_baseline.is_some() {
        args.report.load_config()?
    } else {
        args.report.load()?
    };
    let flags = reporting.publish_args(&args.publish).to_flags()?;
    let inputs = check::collect_inputs(&args.paths)?;
    let mut reports = check::check_files(&inputs, &flags)?;
    if let Some(path) = &args.write_baseline {
        reporting.config.apply(&mut reports, &[], &reporting.cwd);
        super::report::sort_reports(&mut reports);
        let written = crate::config::write_baseline(path, &reports, &reporting.cwd)?;
        let entries = if written == 1 { "entry" } else { "entries" };
        eprintln!("wrote {written} [[ignore]] {entries} to {}", path.display());
        return Ok(0);
    }
    reporting.finish(reports, &args.report)
}
