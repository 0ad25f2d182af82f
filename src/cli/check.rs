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
    let overrides = &reporting.config.severities;
    let mut reports = match inputs.as_slice() {
        [one] => vec![check_one_and_keep_tree(one, &flags, overrides)?],
        _ => check::check_files_configured(&inputs, &flags, overrides)?,
    };
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

/// Checks one file and leaks its node tree on purpose.
///
/// The tree of a 13 MB spec is millions of small allocations; freeing them one by one takes
/// longer than some whole stages of `check` (35 ms of 250 on GitHub's spec), and the process
/// ends right after the report is written, when the operating system takes the memory back at
/// once. So a single-file `check` skips the free. Only here: the library API drops its trees,
/// and checking many files drops each tree before the next is loaded, so memory does not add
/// up.
fn check_one_and_keep_tree(
    path: &std::path::Path,
    flags: &crate::flags::PublishFlags,
    overrides: &crate::rules::Overrides,
) -> Result<crate::diagnostics::FileReport, AppError> {
    let bytes = check::read_spec(path)?;
    let (report, tree) = check::check_bytes_configured(&check::display_name(path), bytes, flags, overrides);
    std::mem::forget(tree);
    Ok(report)
}
