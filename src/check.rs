//! The `check` pipeline: read → load → index → rules → sorted findings, for one file or many.

use crate::diagnostics::{Diagnostic, FileReport, Severity};
use crate::error::AppError;
use crate::flags::PublishFlags;
use crate::rules::{self, Overrides};
use crate::source::{self, Format, LoadProblem, Node, ProblemKind, SourceFile};
use crate::spec::Spec;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Checks a spec given as bytes; `name` is how the file is shown and decides the format.
pub fn check_bytes(name: &str, bytes: Vec<u8>, flags: &PublishFlags) -> FileReport {
    check_bytes_with_tree(name, bytes, flags).0
}

/// [`check_bytes`], also returning the loaded tree (for `build`, which goes on from it).
pub fn check_bytes_with_tree(name: &str, bytes: Vec<u8>, flags: &PublishFlags) -> (FileReport, Option<Node>) {
    check_bytes_configured(name, bytes, flags, &Overrides::new())
}

/// [`check_bytes_with_tree`] with the configuration's rule severities applied while the rules
/// run (see [`rules::run_configured`]); [`crate::config::Config::apply`] still has to run on
/// the report, to drop `off` findings and apply the ignores.
pub fn check_bytes_configured(
    name: &str,
    bytes: Vec<u8>,
    flags: &PublishFlags,
    overrides: &Overrides,
) -> (FileReport, Option<Node>) {
    let (source, loaded) = source::load(name, bytes);
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let yaml = Format::from_path(Path::new(name)) != Some(Format::Json);
    let root_for_pointers = loaded.root.as_ref();
    for problem in &loaded.problems {
        diagnostics.push(load_diagnostic(problem, yaml, root_for_pointers));
    }
    if let Some(root) = &loaded.root {
        diagnostics.extend(run_rules_configured(&source, root, flags, overrides));
    }
    let mut report = FileReport { source, diagnostics };
    report.sort();
    (report, loaded.root)
}

/// Runs the rules on a loaded tree: `root` must be the tree loaded with `source`.
pub fn run_rules(source: &SourceFile, root: &Node, flags: &PublishFlags) -> Vec<Diagnostic> {
    run_rules_configured(source, root, flags, &Overrides::new())
}

/// [`run_rules`] with the configuration's severities (see [`rules::run_configured`]).
pub fn run_rules_configured(
    source: &SourceFile,
    root: &Node,
    flags: &PublishFlags,
    overrides: &Overrides,
) -> Vec<Diagnostic> {
    let spec = Spec::new(root);
    let ctx = rules::Context {
        source,
        spec: &spec,
        flags,
    };
    rules::run_configured(&ctx, overrides)
}

fn load_diagnostic(problem: &LoadProblem, yaml: bool, root: Option<&Node>) -> Diagnostic {
    let id = problem.kind.rule_id();
    let rule = rules::find(id).expect("loader rules are registered");
    let severity = match problem.kind {
        ProblemKind::ByteOrderMark if yaml => Severity::Warning,
        _ => rule.severity.resolve(false),
    };
    Diagnostic {
        rule: rule.id,
        severity,
        message: problem.message.clone(),
        help: problem.help.clone(),
        pointer: root.map(|r| pointer_of(r, problem)).unwrap_or_default(),
        span: problem.span,
        notes: Vec::new(),
        related: Vec::new(),
    }
}

fn pointer_of(root: &Node, problem: &LoadProblem) -> String {
    let mut pointer = root.pointer_to(problem.span);
    if let Some(key) = &problem.key {
        crate::source::node::push_token(&mut pointer, key);
    }
    pointer
}

/// Reads and checks one file. Errors (unreadable, too large) stop the command.
pub fn check_file(path: &Path, flags: &PublishFlags) -> Result<FileReport, AppError> {
    let bytes = read_spec(path)?;
    Ok(check_bytes(&display_name(path), bytes, flags))
}

/// Reads a spec file with the size cap checked before reading.
pub fn read_spec(path: &Path) -> Result<Vec<u8>, AppError> {
    let meta = std::fs::metadata(path).map_err(|e| AppError::io(path, e))?;
    if meta.is_dir() {
        return Err(AppError::Usage(format!(
            "{}: is a folder, not a spec file",
            path.display()
        )));
    }
    let limit = source::limits::MAX_FILE_BYTES;
    if meta.len() > limit {
        return Err(AppError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit,
        });
    }
    std::fs::read(path).map_err(|e| AppError::io(path, e))
}

/// Expands folders into the spec files they hold (recursively, sorted); files are kept as given.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, AppError> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| AppError::io(path, e))?;
        if meta.is_dir() {
            let before = out.len();
            walk_folder(path, &mut out)?;
            if out.len() == before {
                return Err(AppError::NoSpecs { path: path.clone() });
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk_folder(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), AppError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| AppError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk_folder(&path, out)?;
        } else if meta.is_file() && Format::from_path(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
}

/// Checks many files in parallel; the reports come back in input order.
pub fn check_files(paths: &[PathBuf], flags: &PublishFlags) -> Result<Vec<FileReport>, AppError> {
    check_files_configured(paths, flags, &Overrides::new())
}

/// [`check_files`] with the configuration's severities (see [`rules::run_configured`]).
pub fn check_files_configured(
    paths: &[PathBuf],
    flags: &PublishFlags,
    overrides: &Overrides,
) -> Result<Vec<FileReport>, AppError> {
    let one = |path: &PathBuf| -> Result<FileReport, AppError> {
        let bytes = read_spec(path)?;
        Ok(check_bytes_configured(&display_name(path), bytes, flags, overrides).0)
    };
    if paths.len() == 1 {
        return Ok(vec![one(&paths[0])?]);
    }
    paths.par_iter().map(one).collect()
}

/// How a path is shown in reports: as given, with `/` separators and no leading `./`.
pub fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}
