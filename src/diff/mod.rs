//! `applinkc diff OLD NEW`: what republishing NEW over OLD does to the org — refused by
//! Salesforce, breaking the Apex, Flows and agents generated from OLD, or compatible.
//!
//! The comparison is on what External Services generate, read from `apex`'s model (one source
//! of truth for names and types): operations by their encoded operationId ignoring case,
//! parameters by location and encoded name, responses by status, classes by name with their
//! properties, plus the agent action flags and the topic. Layout, key order, YAML or JSON and
//! `$ref` chains that reach the same schema are not changes, because none of them changes that
//! model. Each change is a finding of a diff rule (ALD01–ALD12, `src/rules/diff.rs`), located in
//! NEW, or in OLD for what NEW no longer has. The classification and its sources: docs/diff.md.

mod classes;
pub mod input;
mod operations;

use crate::apex::{self, Surface};
use crate::diagnostics::{Diagnostic, FileReport, Severity};
use crate::error::AppError;
use crate::rules::Rule;
use crate::source::{Node, SourceFile, Span};
use crate::spec::{Spec, apex_name};
use std::collections::{BTreeSet, HashMap};

/// One side of the comparison: a loaded spec.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub source: &'a SourceFile,
    pub root: &'a Node,
}

/// The findings, split by the file they point into.
#[derive(Debug, Default)]
pub struct Changes {
    pub old: Vec<Diagnostic>,
    pub new: Vec<Diagnostic>,
}

/// The whole command: reads OLD and NEW (any kind of [`input`]), compares them, and returns
/// the findings as two reports, OLD's and NEW's. `client`: `--client-name`, which only names
/// the classes in messages (both sides alike). A side that cannot be read or does not load is
/// an error naming it.
pub fn diff(old: &str, new: &str, client: Option<&str>) -> Result<Vec<FileReport>, AppError> {
    diff_keeping_trees(old, new, client).map(|(reports, _)| reports)
}

/// [`diff`], also returning the two trees, so that a process about to exit can skip freeing
/// millions of nodes (as a single-file `check` does; see `cli/check.rs`).
pub fn diff_keeping_trees(
    old: &str,
    new: &str,
    client: Option<&str>,
) -> Result<(Vec<FileReport>, [Node; 2]), AppError> {
    let client = client.unwrap_or("Client");
    // The two sides are independent: read and parse them at once.
    let (old_side, new_side) = rayon::join(
        || load(input::read(old, "OLD")?, "OLD"),
        || load(input::read(new, "NEW")?, "NEW"),
    );
    let ((old_source, old_root), (new_source, new_root)) = (old_side?, new_side?);
    let changes = compare(
        Side {
            source: &old_source,
            root: &old_root,
        },
        Side {
            source: &new_source,
            root: &new_root,
        },
        client,
    );
    let mut reports = vec![
        FileReport {
            source: old_source,
            diagnostics: changes.old,
        },
        FileReport {
            source: new_source,
            diagnostics: changes.new,
        },
    ];
    reports.iter_mut().for_each(FileReport::sort);
    Ok((reports, [old_root, new_root]))
}

/// Loads one side; a spec that does not load stops the diff, naming the side.
fn load(input: input::Input, side: &str) -> Result<(SourceFile, Node), AppError> {
    let (source, loaded) = crate::source::load_as(&input.name, input.bytes, Some(input.format));
    match loaded.root {
        Some(root) => Ok((source, root)),
        None => {
            let why = loaded.problems.first().map_or_else(
                || "it does not parse".to_string(),
                |p| {
                    let at = source.line_col(p.span.start);
                    format!("{}:{}: {}", at.line, at.col, p.message)
                },
            );
            Err(AppError::Failed(format!(
                "{side}: {} does not load: {why}; run `applinkc check` on it",
                source.name
            )))
        }
    }
}

/// Compares OLD with NEW as published with `--client-name client`.
pub fn compare(old: Side<'_>, new: Side<'_>, client: &str) -> Changes {
    // One index per side (shareable across threads), for the Apex surfaces and the comparison.
    let (old_spec, new_spec) = rayon::join(|| Spec::new(old.root), || Spec::new(new.root));
    let (a, b) = rayon::join(|| apex::surface(&old_spec, client), || apex::surface(&new_spec, client));
    let mut d = Differ {
        old,
        new,
        old_spec: &old_spec,
        new_spec: &new_spec,
        out: Changes::default(),
        renamed: HashMap::new(),
        removed: BTreeSet::new(),
        shapes: [shapes(&a), shapes(&b)],
        removed_ops: BTreeSet::new(),
    };
    d.classes_first_pass(&a, &b);
    d.operations(&a, &b);
    d.classes(&a, &b);
    d.topic();
    d.out
}

struct Differ<'s, 'a> {
    old: Side<'a>,
    new: Side<'a>,
    old_spec: &'s Spec<'a>,
    new_spec: &'s Spec<'a>,
    out: Changes,
    /// Component classes of OLD renamed in NEW (lower-case old name → new name).
    renamed: HashMap<String, String>,
    /// Component classes of OLD that NEW no longer has (lower case), renamed ones excluded.
    removed: BTreeSet<String>,
    /// Each class's properties (Apex name, type, required), by lower-case class name: OLD's
    /// and NEW's.
    shapes: [HashMap<String, Shape>; 2],
    /// Operations of OLD that NEW no longer has, as messages name them (`` `getQuote` ``).
    removed_ops: BTreeSet<String>,
}

/// The properties of a class as (lower-case Apex name, type, required), sorted.
type Shape = Vec<(String, String, bool)>;

fn shapes(s: &Surface) -> HashMap<String, Shape> {
    s.schema_classes
        .iter()
        .map(|c| {
            let mut shape: Shape = c
                .properties
                .iter()
                .map(|p| (apex_name::collision_key(&p.wire_name), p.apex_type.clone(), p.required))
                .collect();
            shape.sort();
            (c.class.to_lowercase(), shape)
        })
        .collect()
}

/// Where a finding points.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    Old,
    New,
}

impl<'a> Differ<'_, 'a> {
    pub(super) fn report(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        at: At,
        span: Span,
        message: String,
        help: String,
    ) {
        let (side, list) = match at {
            At::Old => (self.old, &mut self.out.old),
            At::New => (self.new, &mut self.out.new),
        };
        list.push(Diagnostic {
            rule: rule.id,
            severity,
            message,
            help: Some(help),
            pointer: side.root.pointer_to(span),
            span,
            notes: Vec::new(),
            related: Vec::new(),
            fix: None,
            flag: None,
        });
    }

    /// `file:line:col` of a span in OLD, for a finding in NEW that says where it was.
    pub(super) fn old_place(&self, span: Span) -> String {
        let at = self.old.source.line_col(span.start);
        format!("{}:{}:{}", self.old.source.name, at.line, at.col)
    }
}
