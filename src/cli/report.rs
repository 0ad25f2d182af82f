//! The report options every reporting command shares (`--format`, `--output`,
//! `--fail-severity`, `--color`, `--config`, `--baseline`) and the one function that applies
//! the config to the findings and writes every requested report.
//!
//! Use: `#[command(flatten)] report: ReportArgs` (or [`BuildReportArgs`] in a command that
//! already has `--output` and `--color`), then
//! `let reporting = args.report.load()?;` (config + baseline), merge the publish flags with
//! [`Reporting::publish_args`], run, and end with `reporting.finish(reports, &args.report)`.

use super::{ColorChoice, FailSeverity, PublishArgs};
use crate::baseline::Baseline;
use crate::config::{self, Config};
use crate::diagnostics::{FileReport, RunInfo, Totals, github, human, json, junit, markdown, sarif};
use crate::error::AppError;
use clap::{Arg, ArgAction, ArgMatches, Command, ValueEnum, value_parser};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A report format.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// rustc-style text with source snippets (default)
    Human,
    /// applinkc's versioned JSON document (docs/report.schema.json)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
    /// GitHub Actions `::error` workflow commands (annotations)
    Github,
    /// JUnit XML: one test suite per file, one failing test case per finding
    Junit,
    /// Markdown: a table per file and the findings, for job summaries and pull requests
    Markdown,
}

impl ReportFormat {
    fn name(self) -> &'static str {
        match self {
            ReportFormat::Human => "human",
            ReportFormat::Json => "json",
            ReportFormat::Sarif => "sarif",
            ReportFormat::Github => "github",
            ReportFormat::Junit => "junit",
            ReportFormat::Markdown => "markdown",
        }
    }
}

/// The report options; flatten them into a command with `#[command(flatten)]`.
#[derive(Clone, Debug, Default)]
pub struct ReportArgs {
    /// Each requested report with its file (`None`: standard output), in command-line order.
    pub reports: Vec<(ReportFormat, Option<PathBuf>)>,
    /// `--fail-severity`; `None` leaves it to the config file (default `error`).
    pub fail_severity: Option<FailSeverity>,
    pub color: ColorChoice,
    /// `--config FILE`; `None` looks for `applinkc.toml` from the current folder up.
    pub config: Option<PathBuf>,
    /// `--baseline FILE`; `None` uses the config's `baseline`, if any.
    pub baseline: Option<PathBuf>,
}

/// How the options are spelled in one command: `check` has `--output` and `--color`; `build`
/// already has `-o/--output` (its archive) and `--color`, so it uses [`BuildReportArgs`].
struct Spelling {
    output: &'static str,
    color: bool,
}

const CHECK: Spelling = Spelling {
    output: "output",
    color: true,
};
const BUILD: Spelling = Spelling {
    output: "report-output",
    color: false,
};

impl clap::FromArgMatches for ReportArgs {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        ReportArgs::from_matches(m, &CHECK)
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = ReportArgs::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Args for ReportArgs {
    fn augment_args(cmd: Command) -> Command {
        ReportArgs::augment(cmd, &CHECK)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        ReportArgs::augment_args(cmd)
    }
}

/// [`ReportArgs`] for a command that already has `--output` and `--color` (`build`): the
/// report file option is `--report-output FILE`, and the command sets `color` itself.
#[derive(Clone, Debug, Default)]
pub struct BuildReportArgs(pub ReportArgs);

impl clap::FromArgMatches for BuildReportArgs {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        ReportArgs::from_matches(m, &BUILD).map(BuildReportArgs)
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = BuildReportArgs::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Args for BuildReportArgs {
    fn augment_args(cmd: Command) -> Command {
        ReportArgs::augment(cmd, &BUILD)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        BuildReportArgs::augment_args(cmd)
    }
}

impl ReportArgs {
    fn from_matches(m: &ArgMatches, spelling: &Spelling) -> Result<Self, clap::Error> {
        let out = spelling.output;
        let formats: Vec<(usize, ReportFormat)> = indexed(m, "format");
        let outputs: Vec<(usize, PathBuf)> = indexed(m, "report_output");
        let mut reports: Vec<(ReportFormat, Option<PathBuf>)> = Vec::new();
        // Each output file belongs to the closest --format before it.
        let mut fi = 0;
        for (oi, path) in outputs {
            while fi + 1 < formats.len() && formats[fi + 1].0 < oi {
                fi += 1;
            }
            let Some(&(_, format)) = formats.get(fi).filter(|(at, _)| *at < oi) else {
                return Err(usage(format!(
                    "`--{out} {}` must follow the `--format` it is for (e.g. `--format sarif --{out} {0}`)",
                    path.display()
                )));
            };
            while reports.len() < fi {
                reports.push((formats[reports.len()].1, None));
            }
            if reports.len() > fi {
                return Err(usage(format!(
                    "`--format {}` has two `--{out}` files; give `--format` again for another report",
                    format.name()
                )));
            }
            reports.push((format, Some(path)));
        }
        while reports.len() < formats.len() {
            reports.push((formats[reports.len()].1, None));
        }
        if reports.is_empty() {
            reports.push((ReportFormat::Human, None));
        }
        let on_stdout: Vec<&str> = reports
            .iter()
            .filter(|(f, o)| o.is_none() && !matches!(f, ReportFormat::Human | ReportFormat::Github))
            .map(|(f, _)| f.name())
            .collect();
        if on_stdout.len() > 1 {
            return Err(usage(format!(
                "`--format {}` and `--format {}` would both go to standard output; give one of them an `--{out} FILE`",
                on_stdout[0], on_stdout[1]
            )));
        }
        Ok(ReportArgs {
            reports,
            fail_severity: m.get_one::<FailSeverity>("fail_severity").copied(),
            color: if spelling.color {
                m.get_one::<ColorChoice>("color").copied().unwrap_or_default()
            } else {
                ColorChoice::default()
            },
            config: m.get_one::<PathBuf>("config").cloned(),
            baseline: m.get_one::<PathBuf>("baseline").cloned(),
        })
    }
}

fn indexed<T: Clone + Send + Sync + 'static>(m: &ArgMatches, id: &str) -> Vec<(usize, T)> {
    match (m.indices_of(id), m.get_many::<T>(id)) {
        (Some(indices), Some(values)) => indices.zip(values.cloned()).collect(),
        _ => Vec::new(),
    }
}

fn usage(message: String) -> clap::Error {
    clap::Error::raw(clap::error::ErrorKind::ArgumentConflict, message + "\n")
}

impl ReportArgs {
    fn augment(cmd: Command, spelling: &Spelling) -> Command {
        let cmd = cmd
            .arg(
                Arg::new("format")
                    .long("format")
                    .value_name("FORMAT")
                    .value_parser(value_parser!(ReportFormat))
                    .action(ArgAction::Append)
                    .help("Report format; repeat for several reports [default: human]"),
            )
            .arg(
                Arg::new("report_output")
                    .long(spelling.output)
                    .value_name("FILE")
                    .value_parser(value_parser!(PathBuf))
                    .action(ArgAction::Append)
                    .help("Write the report of the `--format` just before to FILE instead of standard output"),
            )
            .arg(
                Arg::new("fail_severity")
                    .long("fail-severity")
                    .value_name("SEVERITY")
                    .value_parser(value_parser!(FailSeverity))
                    .help("Exit 1 when a finding reaches this severity [default: error, or the config's]"),
            )
            .arg(
                Arg::new("config")
                    .long("config")
                    .value_name("FILE")
                    .value_parser(value_parser!(PathBuf))
                    .help("Config file [default: the nearest applinkc.toml from the current folder up]"),
            )
            .arg(
                Arg::new("baseline")
                    .long("baseline")
                    .value_name("FILE")
                    .value_parser(value_parser!(PathBuf))
                    .help("Baseline of accepted findings ([[ignore]] entries) [default: the config's `baseline`]"),
            );
        if !spelling.color {
            return cmd;
        }
        cmd.arg(
            Arg::new("color")
                .long("color")
                .value_name("WHEN")
                .value_parser(value_parser!(ColorChoice))
                .default_value("auto")
                .help("Colour the human report on a terminal"),
        )
    }
}

/// The loaded config and baseline of one command run.
#[derive(Debug, Default)]
pub struct Reporting {
    pub config: Config,
    pub baseline: Baseline,
    /// The baseline file read, if any.
    pub baseline_path: Option<PathBuf>,
    /// Files a folder search found and did not check (not OpenAPI specs).
    pub skipped: Vec<crate::check::Skipped>,
    pub cwd: PathBuf,
}

impl ReportArgs {
    /// Finds and reads the config file and the baseline (errors: exit 2 with file:line:col).
    pub fn load(&self) -> Result<Reporting, AppError> {
        let mut reporting = self.load_config()?;
        let baseline_path = match &self.baseline {
            Some(b) => Some(config::absolute(&reporting.cwd, b)),
            None => reporting.config.baseline.clone(),
        };
        if let Some(path) = baseline_path {
            reporting.baseline = Baseline::load(&path)?;
            reporting.baseline_path = Some(path);
        }
        Ok(reporting)
    }

    /// Finds and reads the config file only (for `--write-baseline`, which replaces the
    /// baseline and so must not need it).
    pub fn load_config(&self) -> Result<Reporting, AppError> {
        let cwd = std::env::current_dir().map_err(|e| AppError::io(".", e))?;
        let config = Config::discover(self.config.as_deref(), &cwd)?;
        Ok(Reporting {
            config,
            baseline: Baseline::default(),
            baseline_path: None,
            skipped: Vec::new(),
            cwd,
        })
    }
}

impl ReportArgs {
    /// The report files asked for, as `(option, path)`; `option` is how `check` spells it
    /// (`--output`) or `build` (`--report-output`).
    pub fn outputs<'a>(&'a self, option: &'static str) -> Vec<(&'static str, &'a Path)> {
        self.reports
            .iter()
            .filter_map(|(_, o)| o.as_deref().map(|p| (option, p)))
            .collect()
    }
}

impl Reporting {
    /// The files read besides the specs: the config and the baseline.
    pub fn inputs(&self) -> Vec<PathBuf> {
        self.config.path.iter().chain(&self.baseline_path).cloned().collect()
    }

    /// The publish flags: explicit command-line flags over the config's `[publish]` defaults.
    pub fn publish_args(&self, cli: &PublishArgs) -> crate::flags::PublishNames {
        self.config.publish.merge_under(&cli.names())
    }

    /// The `--fail-severity` in force: the command line's, else the config's, else `error`.
    pub fn fail_severity(&self, args: &ReportArgs) -> FailSeverity {
        args.fail_severity.unwrap_or_else(|| {
            self.config
                .fail_severity
                .as_deref()
                .and_then(|s| FailSeverity::from_str(s, true).ok())
                .unwrap_or_default()
        })
    }

    /// Applies severity overrides and ignores to the findings, sorts the reports by file,
    /// writes every requested report and returns the exit code (0, or 1 when a finding reaches
    /// the fail severity).
    pub fn finish(&self, mut reports: Vec<FileReport>, args: &ReportArgs) -> Result<i32, AppError> {
        let applied = self.config.apply(&mut reports, &self.baseline, &self.cwd);
        let code = i32::from(self.fail_severity(args).fails(Totals::of(&reports).max_severity()));
        self.write(reports, applied.ignored, code, args)?;
        Ok(code)
    }

    /// Sorts and writes every requested report of findings that the config was already applied
    /// to (`ignored` of them covered by ignores), with the exit code the command decided
    /// (`build`, whose exit code says whether it built).
    pub fn write(
        &self,
        reports: Vec<FileReport>,
        ignored: usize,
        exit_code: i32,
        args: &ReportArgs,
    ) -> Result<(), AppError> {
        self.write_with_build(reports, ignored, exit_code, args, None)
    }

    /// [`Reporting::write`] for a successful `build`: `build` is what it wrote and the steps
    /// that remain (the JSON report's `build`).
    pub fn write_with_build(
        &self,
        mut reports: Vec<FileReport>,
        ignored: usize,
        exit_code: i32,
        args: &ReportArgs,
        build: Option<serde_json::Value>,
    ) -> Result<(), AppError> {
        sort_reports(&mut reports);
        let run = RunInfo {
            ignored,
            skipped: self.skipped.clone(),
            cwd: self.cwd.clone(),
            exit_code,
            build,
        };
        write_reports(&reports, &run, args)
    }
}

/// Orders reports by file name (each report is already sorted by position) and drops a file
/// given twice, so a batch gives one deterministic report whatever the order of the work.
pub fn sort_reports(reports: &mut Vec<FileReport>) {
    for r in reports.iter_mut() {
        r.sort();
    }
    reports.sort_by(|a, b| a.source.name.cmp(&b.source.name));
    reports.dedup_by(|a, b| a.source.name == b.source.name);
}

/// Renders and writes every report `args` asks for. Files are written whole; standard output
/// gets the reports without a file, in the order given.
pub fn write_reports(reports: &[FileReport], run: &RunInfo, args: &ReportArgs) -> Result<(), AppError> {
    let mut stdout = std::io::stdout().lock();
    for (format, output) in &args.reports {
        let color = output.is_none() && args.color.enabled();
        match output {
            Some(path) => write_file(path, &render(*format, reports, run, color))?,
            // The human report can be megabytes: written as it is rendered.
            None if *format == ReportFormat::Human => {
                human::write(reports, color, run.ignored, &mut |chunk| {
                    let _ = stdout.write_all(chunk.as_bytes());
                });
            }
            None => {
                let _ = stdout.write_all(render(*format, reports, run, color).as_bytes());
            }
        }
    }
    let _ = stdout.flush();
    Ok(())
}

/// One report as text.
pub fn render(format: ReportFormat, reports: &[FileReport], run: &RunInfo, color: bool) -> String {
    match format {
        ReportFormat::Human => {
            let mut text = String::new();
            human::write(reports, color, run.ignored, &mut |chunk| text.push_str(chunk));
            text
        }
        ReportFormat::Json => json::render(reports, run),
        ReportFormat::Sarif => sarif::render(reports, run),
        ReportFormat::Github => github::render(reports, run),
        ReportFormat::Junit => junit::render(reports, run),
        ReportFormat::Markdown => markdown::render(reports, run),
    }
}

/// Writes a report file, creating its folder (CI jobs write to `reports/…`): a temporary file
/// beside it renamed into place, so a failed write never leaves half a report.
fn write_file(path: &Path, text: &str) -> Result<(), AppError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| AppError::io(parent, e))?;
    }
    crate::archive::write_file(path, text.as_bytes(), true).map_err(|e| AppError::Failed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        crate::cli::Cli::command().debug_assert();
    }

    /// `build` has `-o/--output` and `--color` of its own: BuildReportArgs must fit beside them.
    #[test]
    fn build_report_args_fit_beside_an_output_option() {
        #[derive(clap::Parser, Debug)]
        struct Build {
            #[arg(short, long)]
            output: Option<std::path::PathBuf>,
            #[arg(long)]
            color: Option<String>,
            #[command(flatten)]
            report: super::BuildReportArgs,
        }
        Build::command().debug_assert();
        let b = <Build as clap::Parser>::try_parse_from([
            "build",
            "-o",
            "x.zip",
            "--format",
            "sarif",
            "--report-output",
            "r.sarif",
            "--format",
            "human",
        ])
        .unwrap();
        assert_eq!(b.output.as_deref(), Some(std::path::Path::new("x.zip")));
        assert_eq!(
            b.report.0.reports,
            vec![
                (super::ReportFormat::Sarif, Some("r.sarif".into())),
                (super::ReportFormat::Human, None)
            ]
        );
    }
}
