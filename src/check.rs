//! The `check` pipeline: read → load → index → rules → sorted findings, for one file or many.

use crate::diagnostics::{Diagnostic, FileReport, Severity};
use crate::error::AppError;
use crate::flags::PublishFlags;
use crate::input::{self, Origin};
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
    check_loaded(source, loaded, flags, overrides)
}

/// The rules on a loaded file; the findings of loading come first.
fn check_loaded(
    source: SourceFile,
    loaded: source::Loaded,
    flags: &PublishFlags,
    overrides: &Overrides,
) -> (FileReport, Option<Node>) {
    let name = source.name.clone();
    let name = name.as_str();
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
    let rule = rules::file::rule_of(problem.kind);
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
        fix: match problem.kind {
            ProblemKind::ByteOrderMark => Some(crate::edit::Fix::safe(
                "remove the byte order mark",
                vec![crate::edit::Edit::delete(problem.span)],
            )),
            _ => None,
        },
        flag: None,
    }
}

fn pointer_of(root: &Node, problem: &LoadProblem) -> String {
    let mut pointer = root.pointer_to(problem.span);
    if let Some(key) = &problem.key {
        crate::source::node::push_token(&mut pointer, key);
    }
    pointer
}

/// Reads and checks one file named by the user. Errors (unreadable, too large) stop the command.
pub fn check_file(path: &Path, flags: &PublishFlags) -> Result<FileReport, AppError> {
    let bytes = read_spec(path)?;
    Ok(check_bytes(&display_name(path), bytes, flags))
}

/// One file to check: its path, and whether a folder search found it (rather than the user
/// naming it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub found: bool,
}

pub use crate::finding::Skipped;

/// What checking one input gave.
pub enum Outcome {
    Checked(FileReport),
    Skipped(Skipped),
}

/// Reads and checks one input, returning the tree too (see [`check_bytes_with_tree`]).
///
/// A file a folder search found is checked only when it is a spec: its root mapping has an
/// `openapi` or `swagger` key (`package.json`, `app.json` and `docker-compose.yml` have
/// neither). The sniff looks at the loaded tree, so a spec is parsed once; a found file that
/// does not load is a spec (and reported) when its text mentions `openapi` or `swagger`.
pub fn check_input_with_tree(input: &Input, flags: &PublishFlags) -> Result<(Outcome, Option<Node>), AppError> {
    check_input_configured(input, flags, &Overrides::new())
}

/// [`check_input_with_tree`] with the configuration's severities (see [`rules::run_configured`]).
pub fn check_input_configured(
    input: &Input,
    flags: &PublishFlags,
    overrides: &Overrides,
) -> Result<(Outcome, Option<Node>), AppError> {
    let name = display_name(&input.path);
    if !input.found {
        let bytes = read_spec(&input.path)?;
        let (report, tree) = check_bytes_configured(&name, bytes, flags, overrides);
        return Ok((Outcome::Checked(report), tree));
    }
    let bytes = input::read(&input.path, Origin::Found, source::limits::MAX_FILE_BYTES)?;
    let (source, loaded) = source::load(&name, bytes);
    if let Some(reason) = not_a_spec(&source, loaded.root.as_ref()) {
        return Ok((Outcome::Skipped(Skipped { path: name, reason }), None));
    }
    let (report, tree) = check_loaded(source, loaded, flags, overrides);
    Ok((Outcome::Checked(report), tree))
}

/// Why a file found by a folder search is not a spec, or `None` when it is one.
fn not_a_spec(source: &SourceFile, root: Option<&Node>) -> Option<String> {
    match root {
        Some(root) if root.entries().iter().any(|e| matches!(&*e.key, "openapi" | "swagger")) => None,
        Some(_) => Some("no root `openapi` or `swagger` key: not an OpenAPI spec".into()),
        None if source.text.contains("openapi") || source.text.contains("swagger") => None,
        None => Some("does not load and does not mention `openapi` or `swagger`: not an OpenAPI spec".into()),
    }
}

/// Reads a spec file named by the user, with the size cap (see [`crate::input`]).
pub fn read_spec(path: &Path) -> Result<Vec<u8>, AppError> {
    input::read(path, Origin::Named, source::limits::MAX_FILE_BYTES)
}

/// Expands folders into the spec files they hold (recursively, sorted; `found`); files are kept
/// as given. A file given twice (by two paths, or named and found) is checked once, under the
/// first path (named wins over found).
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, AppError> {
    let mut out: Vec<Input> = Vec::new();
    let mut seen: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut add = |out: &mut Vec<Input>, path: PathBuf, found: bool| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        match seen.get(&key) {
            Some(&at) => out[at].found &= found,
            None => {
                seen.insert(key, out.len());
                out.push(Input { path, found });
            }
        }
    };
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| AppError::io(path, e))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk_folder(path, &mut found)?;
            if found.is_empty() {
                return Err(AppError::NoSpecs { path: path.clone() });
            }
            for f in found {
                add(&mut out, f, true);
            }
        } else {
            add(&mut out, path.clone(), false);
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

/// Checks many inputs in parallel; the outcomes come back in input order.
pub fn check_inputs(inputs: &[Input], flags: &PublishFlags) -> Result<Vec<Outcome>, AppError> {
    check_inputs_configured(inputs, flags, &Overrides::new())
}

/// [`check_inputs`] with the configuration's severities (see [`rules::run_configured`]).
pub fn check_inputs_configured(
    inputs: &[Input],
    flags: &PublishFlags,
    overrides: &Overrides,
) -> Result<Vec<Outcome>, AppError> {
    inputs
        .par_iter()
        .map(|i| check_input_configured(i, flags, overrides).map(|(outcome, _)| outcome))
        .collect()
}

pub use crate::paths::display_name;
