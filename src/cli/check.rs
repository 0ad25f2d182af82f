use super::PublishArgs;
use super::report::ReportArgs;
use crate::check;
use crate::error::AppError;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Spec files, or folders to search for .yaml/.yml/.json files (a file found there is
    /// checked only when its root has an `openapi` or `swagger` key)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub publish: PublishArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Write the current findings to FILE as a baseline (one fingerprint per finding), then exit
    /// 0, or 1 when a file does not load (a baseline cannot accept that)
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Apply the safe fixes of the findings to the files in place (every other byte is kept),
    /// then report what is left
    #[arg(long, conflicts_with = "write_baseline")]
    pub fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too (they change what is published)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change and write nothing; exit 1 when there is
    /// something to fix
    #[arg(long, conflicts_with = "write_baseline")]
    pub diff: bool,
}

pub fn run(args: CheckArgs) -> Result<i32, AppError> {
    let mut reporting = if args.write_baseline.is_some() {
        args.report.load_config()?
    } else {
        args.report.load()?
    };
    let publish = reporting.publish_args(&args.publish);
    let flags = publish.to_flags()?;
    let inputs = check::collect_inputs(&args.paths)?;
    let paths: Vec<PathBuf> = inputs.iter().map(|i| i.path.clone()).collect();
    refuse_outputs_onto_inputs(&args, &reporting, &publish, &paths)?;
    let overrides = &reporting.config.severities;
    let outcomes = match inputs.as_slice() {
        [one] => vec![check_one_and_keep_tree(one, &flags, overrides)?],
        _ => check::check_inputs_configured(&inputs, &flags, overrides)?,
    };
    let mut reports = Vec::new();
    for outcome in outcomes {
        match outcome {
            check::Outcome::Checked(report) => reports.push(report),
            check::Outcome::Skipped(skipped) => reporting.skipped.push(skipped),
        }
    }
    reporting.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    if args.unsafe_fixes && !args.fix && !args.diff {
        return Err(AppError::Usage("--unsafe-fixes needs --fix or --diff".into()));
    }
    if reports.is_empty() {
        let folder = args.paths.first().map(|p| p.display().to_string()).unwrap_or_default();
        return Err(AppError::Usage(format!(
            "{folder}: no OpenAPI spec found; {} .yaml/.yml/.json file(s) without a root `openapi` or `swagger` key were skipped (name a file to check it anyway)",
            reporting.skipped.len()
        )));
    }
    if let Some(path) = &args.write_baseline {
        reporting
            .config
            .apply(&mut reports, &crate::baseline::Baseline::default(), &reporting.cwd);
        super::report::sort_reports(&mut reports);
        let written = crate::baseline::write(path, &reports, &reporting.cwd)?;
        let entries = if written.entries == 1 { "entry" } else { "entries" };
        eprintln!("wrote {} baseline {entries} to {}", written.entries, path.display());
        // A file that does not load was not checked: a baseline cannot accept that.
        for name in &written.not_loaded {
            eprintln!(
                "error: {name} could not be loaded (AL010/AL011) and is not in the baseline; `applinkc check {name}` shows why"
            );
        }
        return Ok(i32::from(!written.not_loaded.is_empty()));
    }
    if args.fix || args.diff {
        return fix_reports(&args, &reporting, &flags, reports);
    }
    reporting.finish(reports, &args.report)
}

/// `--fix` and `--diff`: fixes every file that loaded, in rounds (see [`crate::fix`]).
fn fix_reports(
    args: &CheckArgs,
    reporting: &super::report::Reporting,
    flags: &crate::flags::PublishFlags,
    mut reports: Vec<crate::diagnostics::FileReport>,
) -> Result<i32, AppError> {
    use crate::fix::{self, Applying, Fixed};
    let applying = if args.unsafe_fixes {
        Applying::All
    } else {
        Applying::Safe
    };
    let overrides = &reporting.config.severities;
    // The findings the user sees: the config's ignores and the baseline applied.
    let visible = |report: &crate::diagnostics::FileReport| {
        let mut one = [crate::diagnostics::FileReport {
            source: crate::source::SourceFile::new(report.source.name.clone(), String::new()),
            diagnostics: report.diagnostics.clone(),
        }];
        reporting.config.apply(&mut one, &reporting.baseline, &reporting.cwd);
        let [one] = one;
        one.diagnostics
    };
    let (mut fixed_files, mut fixes, mut refused) = (0usize, 0usize, false);
    let mut diffs = String::new();
    for report in &mut reports {
        if report.diagnostics.iter().any(|d| crate::rules::is_load_failure(d.rule)) {
            continue;
        }
        let name = report.source.name.clone();
        let mut last = None;
        let outcome = fix::fix_text(&report.source.text, &visible(report), applying, |text| {
            let (again, _) = check::check_bytes_configured(&name, text.as_bytes().to_vec(), flags, overrides);
            if let Some(d) = again.diagnostics.iter().find(|d| crate::rules::is_load_failure(d.rule)) {
                return Err(format!("{}: {}", d.rule, d.message));
            }
            let found = visible(&again);
            last = Some(again);
            Ok(found)
        });
        match outcome {
            Fixed::Refused { why, .. } => {
                refused = true;
                eprintln!("error: {name}: the fixed text would not load ({why}); the file is left as it was");
            }
            Fixed::Text { applied: 0, .. } => {}
            Fixed::Text { text, applied, .. } => {
                if args.diff {
                    diffs.push_str(&fix::unified::diff(&name, &report.source.text, &text));
                } else {
                    write_fixed(Path::new(&name), &text)?;
                }
                fixed_files += 1;
                fixes += applied;
                if let Some(again) = last {
                    *report = again;
                }
            }
        }
    }
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let (fixes, files) = (plural(fixes, "fix", "fixes"), plural(fixed_files, "file", "files"));
    if args.diff {
        print!("{diffs}");
        eprintln!("would apply {fixes} to {files}");
        return Ok(if refused { 2 } else { i32::from(fixed_files > 0) });
    }
    eprintln!("applied {fixes} to {files}");
    let code = reporting.finish(reports, &args.report)?;
    Ok(if refused { 2 } else { code })
}

/// Replaces a spec with its fixed text atomically (a temporary file renamed over it), keeping
/// its permissions; a symbolic link is followed, so the file it names is replaced.
fn write_fixed(path: &Path, text: &str) -> Result<(), AppError> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let permissions = std::fs::metadata(&target).map(|m| m.permissions()).ok();
    crate::archive::write_file(&target, text.as_bytes(), true).map_err(|e| AppError::Failed(e.to_string()))?;
    if let Some(permissions) = permissions {
        std::fs::set_permissions(&target, permissions).map_err(|e| AppError::io(&target, e))?;
    }
    Ok(())
}

/// Checks one input and leaks its node tree on purpose.
///
/// The tree of a 13 MB spec is millions of small allocations; freeing them one by one takes
/// longer than some whole stages of `check` (35 ms of 250 on GitHub's spec), and the process
/// ends right after the report is written, when the operating system takes the memory back at
/// once. So a single-file `check` skips the free. Only here: the library API drops its trees,
/// and checking many files drops each tree before the next is loaded, so memory does not add
/// up.
fn check_one_and_keep_tree(
    input: &check::Input,
    flags: &crate::flags::PublishFlags,
    overrides: &crate::rules::Overrides,
) -> Result<check::Outcome, AppError> {
    let (outcome, tree) = check::check_input_configured(input, flags, overrides)?;
    std::mem::forget(tree);
    Ok(outcome)
}

/// No report file and no baseline written may replace a spec, the config, the baseline read or
/// a `--metadata-dir` file (exit 2 before anything is checked).
fn refuse_outputs_onto_inputs(
    args: &CheckArgs,
    reporting: &super::report::Reporting,
    publish: &crate::flags::PublishNames,
    inputs: &[PathBuf],
) -> Result<(), AppError> {
    let mut outputs = args.report.outputs("--output");
    if let Some(path) = &args.write_baseline {
        outputs.push(("--write-baseline", path));
    }
    if outputs.is_empty() {
        return Ok(());
    }
    let mut read: Vec<PathBuf> = inputs.to_vec();
    read.extend(reporting.inputs());
    read.extend(super::metadata_inputs(publish));
    let read: Vec<&std::path::Path> = read.iter().map(PathBuf::as_path).collect();
    crate::input::refuse_outputs_onto_inputs("check", &outputs, &read)
}
