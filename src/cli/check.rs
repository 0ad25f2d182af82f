use super::{ColorChoice, FailSeverity, PublishArgs};
use crate::check;
use crate::diagnostics::{Totals, human};
use crate::error::AppError;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Spec files, or folders to search for .yaml/.yml/.json files
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub publish: PublishArgs,
    /// Exit 1 when a finding reaches this severity
    #[arg(long, value_enum, default_value_t = FailSeverity::Error, value_name = "SEVERITY")]
    pub fail_severity: FailSeverity,
    /// Colour the human report
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

pub fn run(args: CheckArgs) -> Result<i32, AppError> {
    let flags = args.publish.to_flags()?;
    let inputs = check::collect_inputs(&args.paths)?;
    let reports = check::check_files(&inputs, &flags)?;
    let text = human::render(&reports, args.color.enabled());
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    let totals = Totals::of(&reports);
    Ok(if args.fail_severity.fails(totals.max_severity()) {
        1
    } else {
        0
    })
}
