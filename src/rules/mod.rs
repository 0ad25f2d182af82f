//! Stage 3 — the rule catalog (AL001…AL963) and the engine that runs it.
//!
//! Each rule is a `static` [`Rule`] in its area's folder (`rules/<area>/…`): id, short name,
//! default severity, one-line summary, user documentation (printed by `applinkc explain`), and a
//! check function. An area's `mod.rs` lists its rules in `RULES`; [`all`] is their union, sorted.
//! Rules read the document through [`Context`] (the [`Spec`] index and the publish flags) and
//! report through a [`Sink`], which computes the JSON pointer of each finding from its span.

pub mod action;
pub mod authorization;
pub mod callbacks;
pub mod diff;
pub mod document;
pub mod file;
pub(crate) mod grouping;
pub mod limits;
pub mod media;
pub mod operations;
pub mod parameters;
pub mod schemas;
pub mod sources;
pub mod topic;
pub mod wording;

pub use crate::finding::RuleId;
use crate::finding::{Diagnostic, Related, Severity};
use crate::flags::PublishFlags;
use crate::source::{Node, SourceFile, Span};
use crate::spec::Spec;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Severities that replace the rules' own: rule id → new severity, `None` for `off`
/// (`applinkc.toml`'s `[rules]`, [`crate::config::Config::severities`]).
pub type Overrides = BTreeMap<RuleId, Option<Severity>>;

/// The severity a rule declares. `AgentError` is the catalog's `E*`: an error when the finding
/// is on an agent-action operation (`publishAsAgentAction: true`), a warning elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSeverity {
    Error,
    AgentError,
    Warning,
    Info,
}

impl RuleSeverity {
    /// The severity of a finding; `agent` says whether it concerns an agent-action operation.
    pub fn resolve(self, agent: bool) -> Severity {
        match self {
            RuleSeverity::Error => Severity::Error,
            RuleSeverity::AgentError if agent => Severity::Error,
            RuleSeverity::AgentError | RuleSeverity::Warning => Severity::Warning,
            RuleSeverity::Info => Severity::Info,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RuleSeverity::Error => "error",
            RuleSeverity::AgentError => "error on agent actions, warning elsewhere",
            RuleSeverity::Warning => "warning",
            RuleSeverity::Info => "info",
        }
    }
}

/// One rule of the catalog.
pub struct Rule {
    /// `AL805`
    pub id: RuleId,
    /// kebab-case short name: `agent-action-flags-missing`.
    pub name: &'static str,
    pub severity: RuleSeverity,
    /// One line, shown by `applinkc rules` and in SARIF `shortDescription`.
    pub summary: &'static str,
    /// Markdown: what it does, why, a failing and a passing example, the source; and where the
    /// catalog was wrong or unsure, what applinkc does instead and why.
    pub docs: &'static str,
    pub check: fn(&Context<'_>, &mut Sink<'_>),
}

/// A problem `applinkc build` cannot compile past, declared beside the rule that reports it in
/// `check`: `publication` refuses the build under this rule, and the refusal pairs with
/// `check`'s finding by rule, span and [`Diagnostic::flag`] — never by wording. Where `check`
/// only warns (or the config turned the rule off or ignored the finding), build shows that
/// finding raised to an error, with [`why`](StopsBuild::why) in its help.
#[derive(Debug)]
pub struct StopsBuild {
    pub rule: &'static Rule,
    /// Why build needs it: `the registration names each operation after its operationId`.
    pub why: &'static str,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).finish()
    }
}

/// For rules whose findings come from the loader (AL001–AL004, AL010, AL011): nothing to do on
/// the tree.
pub fn reported_by_loader(_: &Context<'_>, _: &mut Sink<'_>) {}

/// What a rule may read.
pub struct Context<'a> {
    pub source: &'a SourceFile,
    pub spec: &'a Spec<'a>,
    pub flags: &'a PublishFlags,
}

impl<'a> Context<'a> {
    pub fn root(&self) -> &'a Node {
        self.spec.root
    }

    /// The text a node was written as (`1.10`, `"x"`).
    pub fn raw(&self, node: &Node) -> &'a str {
        node.raw(&self.source.text)
    }
}

/// Where a rule reports its findings.
pub struct Sink<'a> {
    rule: &'static Rule,
    root: &'a Node,
    out: &'a mut Vec<Diagnostic>,
    /// The tree's children are in source order: pointers are found by binary search.
    in_order: bool,
    /// The severity the configuration gives this rule: `Some(None)` is `off`.
    setting: Option<Option<Severity>>,
    /// Where the findings of an `off` rule go, out of the sight of [`Sink::earlier`].
    off: Option<&'a mut Vec<Diagnostic>>,
    /// Whether `out` holds the findings of the rules before this one (see [`READS_EARLIER`]).
    sees_earlier: bool,
    /// The descent to the last place reported: the next pointer starts from it (a grouped
    /// finding lists thousands of places in order).
    cursor: std::cell::RefCell<crate::source::node::PointerCursor<'a>>,
}

impl<'a> Sink<'a> {
    pub fn new(rule: &'static Rule, root: &'a Node, out: &'a mut Vec<Diagnostic>) -> Sink<'a> {
        Sink {
            rule,
            root,
            out,
            in_order: false,
            setting: None,
            off: None,
            sees_earlier: true,
            cursor: Default::default(),
        }
    }

    /// Applies the configuration's severity for this rule as findings are reported, so that
    /// the rules after it ([`Sink::earlier`]) see the findings as the user will. The findings
    /// of an `off` rule go to `off` instead of the shared list.
    pub fn configured(mut self, overrides: &Overrides, off: &'a mut Vec<Diagnostic>) -> Sink<'a> {
        self.setting = overrides.get(&self.rule.id).copied();
        self.off = Some(off);
        self
    }

    /// Declares that `root` came from [`crate::source::load`] of a file whose
    /// [`SourceFile::tree_in_source_order`] is true, so that pointers are found by binary
    /// search (a finding under `components.schemas` no longer scans hundreds of entries).
    pub fn tree_in_source_order(mut self, in_order: bool) -> Sink<'a> {
        self.in_order = in_order;
        self
    }

    /// Reports a finding at `span` with the rule's default severity (for `E*` rules: warning).
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.report_with(self.rule.severity.resolve(false), span, message)
    }

    /// Reports a finding about an operation; `agent` decides the severity of `E*` rules.
    pub fn report_agent(&mut self, agent: bool, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.report_with(self.rule.severity.resolve(agent), span, message)
    }

    /// The findings of the rules that ran before this one on this file (rules run in id order),
    /// with the configuration's severities; the findings of rules it turns `off` are not here.
    pub fn earlier(&self) -> &[Diagnostic] {
        assert!(
            self.sees_earlier,
            "{} reads the findings of earlier rules: list it in READS_EARLIER",
            self.rule.id
        );
        self.out
    }

    /// Another place of a finding that groups one cause found in many places: set
    /// [`Diagnostic::related`] to these (notes in the human report, SARIF `relatedLocations`).
    pub fn related(&self, span: Span, message: impl Into<String>) -> Related {
        Related {
            span,
            pointer: self.pointer(span),
            message: message.into(),
        }
    }

    fn pointer(&self, span: Span) -> String {
        if self.in_order {
            self.root.pointer_to_ordered_from(span, &mut self.cursor.borrow_mut())
        } else {
            self.root.pointer_to(span)
        }
    }

    /// Reports with an explicit severity (for rules whose catalog entry varies by case).
    pub fn report_with(&mut self, severity: Severity, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let pointer = self.pointer(span);
        let severity = match self.setting {
            Some(Some(configured)) => configured,
            _ => severity,
        };
        let out = match (self.setting, &mut self.off) {
            (Some(None), Some(off)) => off,
            _ => &mut *self.out,
        };
        out.push(Diagnostic {
            rule: self.rule.id,
            severity,
            message: message.into(),
            help: None,
            pointer,
            span,
            notes: Vec::new(),
            related: Vec::new(),
            fix: None,
            flag: None,
        });
        out.last_mut().expect("just pushed")
    }
}

/// Sets the help text of a finding in a chain: `sink.report(..).help("quote it")`.
pub trait Help {
    fn help(&mut self, text: impl Into<String>) -> &mut Self;
    /// Sets the other places of a grouped finding ([`Sink::related`] makes them).
    fn also_at(&mut self, related: Vec<Related>) -> &mut Self;
    /// Adds a note: something true of the finding that is not what to do about it.
    fn note(&mut self, text: impl Into<String>) -> &mut Self;
    /// Sets the edits that resolve the finding (`check --fix`).
    fn fixed_by(&mut self, fix: crate::edit::Fix) -> &mut Self;
    /// Says which publish flag the finding is about (see [`Diagnostic::flag`]).
    fn about(&mut self, flag: crate::flags::Flag) -> &mut Self;
}

impl Help for Diagnostic {
    fn help(&mut self, text: impl Into<String>) -> &mut Self {
        self.help = Some(text.into());
        self
    }

    fn also_at(&mut self, related: Vec<Related>) -> &mut Self {
        self.related = related;
        self
    }

    fn note(&mut self, text: impl Into<String>) -> &mut Self {
        self.notes.push(text.into());
        self
    }

    fn fixed_by(&mut self, fix: crate::edit::Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    fn about(&mut self, flag: crate::flags::Flag) -> &mut Self {
        self.flag = Some(flag);
        self
    }
}

/// Every rule, sorted by id.
pub fn all() -> &'static [&'static Rule] {
    &catalog().rules
}

/// The catalog: the rules in id order, and where each id is in it.
struct Catalog {
    rules: Vec<&'static Rule>,
    index: rustc_hash::FxHashMap<RuleId, usize>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut rules: Vec<&'static Rule> = [
            file::RULES,
            document::RULES,
            operations::RULES,
            parameters::RULES,
            media::RULES,
            schemas::RULES,
            callbacks::RULES,
            topic::RULES,
            action::RULES,
            authorization::RULES,
            limits::RULES,
            diff::RULES,
        ]
        .concat();
        rules.sort_by_key(|r| r.id);
        let index: rustc_hash::FxHashMap<RuleId, usize> = rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        assert_eq!(index.len(), rules.len(), "two rules share an id");
        Catalog { rules, index }
    })
}

/// The rule an id names. Every [`RuleId`] is declared by a rule of the catalog.
pub fn get(id: RuleId) -> &'static Rule {
    all()[position(id)]
}

/// Where the rule an id names is in [`all`] (SARIF's `ruleIndex`).
pub fn position(id: RuleId) -> usize {
    match catalog().index.get(&id) {
        Some(&i) => i,
        None => panic!("{id} is declared outside the catalog"),
    }
}

/// The rule with this id as a user wrote it (case-insensitive: `al805` works).
pub fn find(id: &str) -> Option<&'static Rule> {
    let mut upper = [0u8; 5];
    if id.len() != upper.len() {
        return None;
    }
    for (to, from) in upper.iter_mut().zip(id.bytes()) {
        *to = from.to_ascii_uppercase();
    }
    let index = catalog().index.get(std::str::from_utf8(&upper).ok()?)?;
    Some(all()[*index])
}

/// Whether findings of this rule say that the file could not be loaded (AL010, AL011): the
/// config cannot change, turn off or ignore them, and a baseline never holds them.
pub fn is_load_failure(id: RuleId) -> bool {
    file::LOAD_FAILURES.iter().any(|f| f.id == id)
}

/// How a rule's findings are fixed (`applinkc rules` shows it as `fix:<this>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fixes {
    /// Every fix is safe (`--fix` applies it).
    Safe,
    /// Every fix changes what is published (only `--unsafe-fixes` applies it).
    Unsafe,
    /// Safe in some cases, unsafe in others.
    SafeOrUnsafe,
}

impl Fixes {
    pub fn as_str(self) -> &'static str {
        match self {
            Fixes::Safe => "safe",
            Fixes::Unsafe => "unsafe",
            Fixes::SafeOrUnsafe => "safe/unsafe",
        }
    }
}

/// The rules whose findings carry a fix (`check --fix`): `applinkc rules` shows them, and
/// `tests/fix.rs` checks that every rule with `.fixed` fixtures is listed, and each fixture's
/// fixes have the safety listed here.
pub static FIXABLE: &[(&Rule, Fixes)] = &[
    (&file::AL003, Fixes::Safe),
    (&document::AL101, Fixes::SafeOrUnsafe),
    (&schemas::AL502, Fixes::Safe),
    (&callbacks::AL605, Fixes::Unsafe),
    (&action::AL804, Fixes::SafeOrUnsafe),
    (&action::AL807, Fixes::Unsafe),
    (&action::AL809, Fixes::Unsafe),
    (&authorization::AL904, Fixes::Unsafe),
];

/// How the findings of rule `id` are fixed, if they are.
pub fn fix_of(id: RuleId) -> Option<Fixes> {
    FIXABLE.iter().find(|(r, _)| r.id == id).map(|(_, f)| *f)
}

/// Runs every rule on a loaded document.
pub fn run(ctx: &Context<'_>) -> Vec<Diagnostic> {
    run_configured(ctx, &Overrides::new())
}

/// Runs every rule with the configuration's severities applied as each finding is reported,
/// so that a rule reading the findings of others (AL811) never cites one the configuration
/// changed or turned off. The findings of `off` rules come last, with their own severity:
/// [`crate::config::Config::apply`] drops them, and `build` still finds there what check
/// said about a problem that stops it.
pub fn run_configured(ctx: &Context<'_>, overrides: &Overrides) -> Vec<Diagnostic> {
    // A small file is checked in less time than starting the threads takes.
    run_rules(ctx, overrides, ctx.source.text.len() >= PARALLEL_RULES)
}

fn run_rules(ctx: &Context<'_>, overrides: &Overrides, parallel: bool) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    // The rules run in parallel, each into lists of its own, joined in catalog order: the same
    // findings in the same order as one rule after the other. A rule that reads the findings
    // of the rules before it ([`READS_EARLIER`]) runs in that order, after them.
    let one = |&rule: &&'static Rule| {
        (!READS_EARLIER.iter().any(|r| r.id == rule.id)).then(|| {
            let (mut shown, mut off) = (Vec::new(), Vec::new());
            run_one(ctx, rule, overrides, &mut shown, &mut off, false);
            (shown, off)
        })
    };
    let found: Vec<Option<(Vec<Diagnostic>, Vec<Diagnostic>)>> = if parallel {
        all().par_iter().map(one).collect()
    } else {
        all().iter().map(one).collect()
    };
    let mut out = Vec::new();
    let mut off = Vec::new();
    for (&rule, found) in all().iter().zip(found) {
        match found {
            Some((mut shown, mut hidden)) => {
                out.append(&mut shown);
                off.append(&mut hidden);
            }
            None => run_one(ctx, rule, overrides, &mut out, &mut off, true),
        }
    }
    out.append(&mut off);
    out
}

/// From this size of file on, [`run_configured`] runs the rules in parallel.
const PARALLEL_RULES: usize = 256 * 1024;

/// Rules that read the findings of the rules before them ([`Sink::earlier`]).
const READS_EARLIER: &[&Rule] = &[&action::AL811];

fn run_one(
    ctx: &Context<'_>,
    rule: &'static Rule,
    overrides: &Overrides,
    out: &mut Vec<Diagnostic>,
    off: &mut Vec<Diagnostic>,
    sees_earlier: bool,
) {
    let mut sink = Sink::new(rule, ctx.spec.root, out)
        .tree_in_source_order(ctx.source.tree_in_source_order())
        .configured(overrides, off);
    sink.sees_earlier = sees_earlier;
    (rule.check)(ctx, &mut sink);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rules that are not in the catalog: applinkc's own additions.
    const APPLINKC_OWN: &[&str] = &["AL009", "AL010", "AL011", "AL113", "AL214", "AL311", "AL512"];

    /// In parallel or one after the other, the rules give the same findings in the same order,
    /// AL811 (which reads the others' findings) included.
    #[test]
    fn parallel_rules_find_what_sequential_rules_find() {
        let files = [
            "fixtures/AL811/fail-errors.yaml",
            "fixtures/AL505/fail.yaml",
            "tests/data/build/agent-shapes.yaml",
        ];
        let mut overrides = Overrides::new();
        overrides.insert(find("AL204").unwrap().id, None);
        for file in files {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            let Ok(bytes) = std::fs::read(&path) else {
                panic!("{file} is missing");
            };
            let (source, loaded) = crate::source::load(file, bytes);
            let root = loaded.root.expect("loads");
            let spec = Spec::new(&root);
            let flags = PublishFlags::default();
            let ctx = Context {
                source: &source,
                spec: &spec,
                flags: &flags,
            };
            let key = |v: Vec<Diagnostic>| v.into_iter().map(|d| (d.rule, d.span, d.message)).collect::<Vec<_>>();
            let sequential = key(run_rules(&ctx, &overrides, false));
            assert!(!sequential.is_empty(), "{file}");
            if file.contains("AL811") {
                assert!(sequential.iter().any(|(rule, ..)| *rule == "AL811"), "{file}");
            }
            assert_eq!(key(run_rules(&ctx, &overrides, true)), sequential, "{file}");
        }
    }

    #[test]
    fn ids_are_unique_and_well_formed() {
        let rules = all();
        for pair in rules.windows(2) {
            assert_ne!(pair[0].id, pair[1].id, "duplicate rule id");
        }
        for rule in rules {
            assert_eq!(find(&rule.id.as_str().to_lowercase()).map(|r| r.id), Some(rule.id));
            assert!(!rule.summary.ends_with('.'), "{}: summary ends with a period", rule.id);
            assert!(rule.docs.len() > 80, "{}: docs too short", rule.id);
        }
    }

    /// `applinkc explain` is the user documentation: every rule has the same sections, in order.
    #[test]
    fn every_rule_documents_what_why_examples_and_source() {
        let sections = ["## What it does", "## Why", "## Example", "## Use instead", "## Source"];
        let catalog_count = all()
            .iter()
            .filter(|r| !APPLINKC_OWN.contains(&r.id.as_str()) && !r.id.as_str().starts_with("ALD"))
            .count();
        assert_eq!(
            catalog_count, 117,
            "the catalog has 117 rules (APPLINKC_OWN and the diff rules ALDxx are applinkc's own)"
        );
        for rule in all() {
            let mut from = 0;
            for section in sections {
                let at = rule.docs[from..]
                    .lines()
                    .position(|l| l.starts_with(section))
                    .map(|_| rule.docs[from..].find(section).unwrap_or(0) + from);
                let Some(at) = at else {
                    panic!("{}: no `{section}` section after the previous one", rule.id);
                };
                from = at + section.len();
            }
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                rule.name
            );
        }
    }
}
