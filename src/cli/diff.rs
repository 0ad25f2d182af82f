use super::PublishArgs;
use super::report::ReportArgs;
use crate::diff;
use crate::error::AppError;
use clap::Args;

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The published spec: a file, REV:PATH (`HEAD:api-spec.yaml`), an
    /// ExternalServiceRegistration file, or a zip or folder `build` wrote
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The spec to republish (the same kinds of input)
    #[arg(value_name = "NEW")]
    pub new: String,
    #[command(flatten)]
    pub publish: PublishArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

pub fn run(args: DiffArgs) -> Result<i32, AppError> {
    let reporting = args.report.load()?;
    let flags = reporting.publish_args(&args.publish).to_flags()?;
    let (reports, trees) = diff::diff_keeping_trees(&args.old, &args.new, flags.client_name.as_deref())?;
    // The process ends after the report: the operating system takes the trees back at once.
    std::mem::forget(trees);
    reporting.finish(reports, &args.report)
}
