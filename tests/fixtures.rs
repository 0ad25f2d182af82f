//! Every rule has `fixtures/<RULE>/`: files named `fail*` that must trigger it and files named
//! `pass*` (the nearest valid variants) that must not. `expected.txt` pins each finding of that
//! rule as `file:line:col severity pointer`, then its `  message:` and `  help:` lines, and
//! `  also file:line:col pointer` for each other place of a grouped finding. `args.txt` (optional) holds publish flags for every
//! file of the folder, e.g. `--client-name Quote --authorization-permission-set-name Perms`;
//! `args-<stem>.txt` replaces it for the one file `<stem>.yaml|json` (for rules about the flags
//! alone, whose pass case differs only in the flags); `--metadata-dir` is relative to the
//! fixture folder.
//!
//! `cargo test --test fixtures al805` runs one rule's fixtures; `UPDATE_FIXTURES=1 cargo test
//! --test fixtures` rewrites the expected files (review the diff).

mod common;

use applinkc::check::check_bytes;
use applinkc::flags::{MetadataDir, PublishFlags};
use applinkc::rules;
use std::path::Path;

fn flags_for(dir: &Path, file: &Path) -> PublishFlags {
    let mut flags = PublishFlags::default();
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let own = dir.join(format!("args-{stem}.txt"));
    let args = if own.is_file() { own } else { dir.join("args.txt") };
    let Ok(text) = std::fs::read_to_string(args) else {
        return flags;
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.chunks(2) {
        let value = pair.get(1).map(std::string::ToString::to_string);
        match pair[0] {
            "--client-name" => flags.client_name = value,
            "--authorization-connected-app-name" => flags.connected_app_name = value,
            "--authorization-external-client-app-name" => flags.external_client_app_name = value,
            "--authorization-permission-set-name" => flags.permission_set_name = value,
            "--metadata-dir" => {
                let path = dir.join(value.expect("--metadata-dir needs a value"));
                flags.metadata_dir = Some(MetadataDir::read(&path).expect("metadata dir"));
            }
            other => panic!("{}: unknown flag {other}", dir.display()),
        }
    }
    flags
}

fn findings(dir: &Path, rule: &str) -> (Vec<String>, Vec<String>) {
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut saw_fail = false;
    let mut saw_pass = false;
    for path in files {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        // `fail.yaml.fixed` is what `fail.yaml` becomes after its fixes (see the test below).
        if !(name.starts_with("fail") || name.starts_with("pass")) || name.ends_with(".fixed") {
            continue;
        }
        let flags = flags_for(dir, &path);
        let report = check_bytes(&name, std::fs::read(&path).unwrap(), &flags);
        let mine: Vec<_> = report.diagnostics.iter().filter(|d| d.rule == rule).collect();
        if name.starts_with("fail") {
            saw_fail = true;
            if mine.is_empty() {
                problems.push(format!("{rule}/{name}: expected at least one {rule} finding, got none"));
            }
        } else {
            saw_pass = true;
            if !mine.is_empty() {
                problems.push(format!(
                    "{rule}/{name}: expected no {rule} finding, got: {}",
                    mine[0].message
                ));
            }
        }
        for d in mine {
            let at = report.start(d);
            lines.push(format!("{name}:{}:{} {} {}", at.line, at.col, d.severity, d.pointer));
            // The wording is pinned too: a message or help changed on purpose shows in the diff.
            // A path into the fixture folder (`--metadata-dir`) is shown relative to the repository.
            let here = dir.display().to_string();
            let shown = |text: &str| text.replace(&here, &format!("fixtures/{rule}"));
            lines.push(format!("  message: {}", shown(&d.message)));
            if let Some(help) = &d.help {
                lines.push(format!("  help: {}", shown(help)));
            }
            for r in &d.related {
                let at = report.source.line_col(r.span.start);
                lines.push(format!("  also {name}:{}:{} {}", at.line, at.col, r.pointer));
            }
        }
    }
    if !saw_fail {
        problems.push(format!("{rule}: no fail* fixture"));
    }
    if !saw_pass {
        problems.push(format!("{rule}: no pass* fixture"));
    }
    (lines, problems)
}

/// Rules whose failing input is too large to keep as a file; tested in `tests/limits.rs`
/// (AL004) and `tests/org_limits.rs` (AL960–AL962).
const GENERATED: &[&str] = &["AL004", "AL960", "AL961", "AL962"];

/// One rule's fixtures: every `fail*` file triggers it, no `pass*` file does, and the findings
/// are the ones `expected.txt` pins (`UPDATE_FIXTURES=1` rewrites it).
fn rule_fixtures(id: &str) {
    let dir = common::repo().join("fixtures").join(id);
    assert!(dir.is_dir(), "{id}: no fixtures/{id} folder");
    let (lines, problems) = findings(&dir, id);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let actual = lines.join("\n") + "\n";
    let expected_path = dir.join("expected.txt");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(expected, actual, "{id}: findings differ from expected.txt");
}

/// One test per rule, named after it: `cargo test --test fixtures al805` runs AL805's fixtures.
macro_rules! rule_tests {
    ($($name:ident => $id:literal),* $(,)?) => {
        $(#[test] fn $name() { rule_fixtures($id); })*

        /// Every rule of the registry has its test above (or is generated elsewhere, or is a
        /// diff rule: tests/diff.rs runs those).
        #[test]
        fn every_rule_has_a_fixture_test() {
            let listed = [$($id),*];
            for rule in rules::all() {
                if rule.id.as_str().starts_with("ALD") {
                    continue;
                }
                assert_eq!(
                    listed.contains(&rule.id.as_str()),
                    !GENERATED.contains(&rule.id.as_str()),
                    "{}: add it to rule_tests! in tests/fixtures.rs (or to GENERATED)",
                    rule.id
                );
            }
        }
    };
}

rule_tests! {
    al001 => "AL001",
    al002 => "AL002",
    al003 => "AL003",
    al005 => "AL005",
    al006 => "AL006",
    al007 => "AL007",
    al008 => "AL008",
    al009 => "AL009",
    al010 => "AL010",
    al011 => "AL011",
    al100 => "AL100",
    al101 => "AL101",
    al102 => "AL102",
    al103 => "AL103",
    al104 => "AL104",
    al105 => "AL105",
    al106 => "AL106",
    al107 => "AL107",
    al108 => "AL108",
    al109 => "AL109",
    al110 => "AL110",
    al111 => "AL111",
    al112 => "AL112",
    al113 => "AL113",
    al200 => "AL200",
    al201 => "AL201",
    al202 => "AL202",
    al203 => "AL203",
    al204 => "AL204",
    al205 => "AL205",
    al206 => "AL206",
    al207 => "AL207",
    al208 => "AL208",
    al209 => "AL209",
    al210 => "AL210",
    al211 => "AL211",
    al212 => "AL212",
    al213 => "AL213",
    al214 => "AL214",
    al300 => "AL300",
    al301 => "AL301",
    al302 => "AL302",
    al303 => "AL303",
    al304 => "AL304",
    al305 => "AL305",
    al306 => "AL306",
    al307 => "AL307",
    al308 => "AL308",
    al309 => "AL309",
    al310 => "AL310",
    al311 => "AL311",
    al400 => "AL400",
    al401 => "AL401",
    al402 => "AL402",
    al403 => "AL403",
    al404 => "AL404",
    al405 => "AL405",
    al406 => "AL406",
    al500 => "AL500",
    al501 => "AL501",
    al502 => "AL502",
    al503 => "AL503",
    al504 => "AL504",
    al505 => "AL505",
    al506 => "AL506",
    al507 => "AL507",
    al508 => "AL508",
    al509 => "AL509",
    al510 => "AL510",
    al511 => "AL511",
    al512 => "AL512",
    al600 => "AL600",
    al601 => "AL601",
    al602 => "AL602",
    al603 => "AL603",
    al604 => "AL604",
    al605 => "AL605",
    al606 => "AL606",
    al700 => "AL700",
    al701 => "AL701",
    al702 => "AL702",
    al703 => "AL703",
    al704 => "AL704",
    al705 => "AL705",
    al706 => "AL706",
    al707 => "AL707",
    al708 => "AL708",
    al709 => "AL709",
    al710 => "AL710",
    al711 => "AL711",
    al800 => "AL800",
    al801 => "AL801",
    al802 => "AL802",
    al803 => "AL803",
    al804 => "AL804",
    al805 => "AL805",
    al806 => "AL806",
    al807 => "AL807",
    al808 => "AL808",
    al809 => "AL809",
    al810 => "AL810",
    al811 => "AL811",
    al900 => "AL900",
    al901 => "AL901",
    al902 => "AL902",
    al903 => "AL903",
    al904 => "AL904",
    al905 => "AL905",
    al906 => "AL906",
    al907 => "AL907",
    al908 => "AL908",
    al909 => "AL909",
    al910 => "AL910",
    al911 => "AL911",
    al950 => "AL950",
    al951 => "AL951",
    al952 => "AL952",
    al953 => "AL953",
    al954 => "AL954",
    al963 => "AL963",
}

/// `fixtures/<RULE>/fail*.fixed` is the file before it (`fail.yaml.fixed` of `fail.yaml`)
/// after every fix, safe and unsafe, in rounds, byte for byte; the fixed text loads and has no
/// finding of that rule with a fix left. A fail file whose finding carries a fix must have one.
/// The fixes' safety across a rule's fixtures is what `rules::FIXABLE` says.
#[test]
fn fixes_give_the_fixed_files_byte_for_byte() {
    use applinkc::edit::Safety;
    let root = common::repo().join("fixtures");
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut problems = Vec::new();
    let mut seen = 0;
    for rule in rules::all() {
        let dir = root.join(rule.id.as_str());
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        let mut safeties: Vec<Safety> = Vec::new();
        for path in files {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if !name.starts_with("fail") || name.ends_with(".fixed") {
                continue;
            }
            let fixture = Fixture {
                rule: rule.id,
                dir: &dir,
                path: &path,
                name: &name,
                update,
            };
            if fixture.check_fix(&mut safeties, &mut problems) {
                seen += 1;
            }
        }
        let found = fixes_of(&safeties);
        if found.is_some() && found != rules::fix_of(rule.id) {
            problems.push(format!(
                "{}: the fixtures' fixes are {found:?}, rules::FIXABLE says {:?}",
                rule.id,
                rules::fix_of(rule.id)
            ));
        }
    }
    assert!(seen >= 10, "only {seen} fixable fixtures");
    assert!(
        problems.is_empty(),
        "{} fix problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// One `fail*` fixture of a rule, for the check of its fixes.
struct Fixture<'a> {
    rule: rules::RuleId,
    dir: &'a Path,
    path: &'a Path,
    name: &'a str,
    /// `UPDATE_FIXTURES`: write the `.fixed` file instead of comparing with it.
    update: bool,
}

impl Fixture<'_> {
    /// Fixes the fixture and compares the result with its `.fixed` file, collecting the fixes'
    /// safety and the problems; true when the rule's finding in it has a fix.
    fn check_fix(&self, safeties: &mut Vec<applinkc::edit::Safety>, problems: &mut Vec<String>) -> bool {
        use applinkc::fix::{Applying, Fixed, fix_source};
        let (rule, name) = (self.rule, self.name);
        let fixed_path = self.dir.join(format!("{name}.fixed"));
        let flags = flags_for(self.dir, self.path);
        // AL011's fixtures are not UTF-8: nothing to fix there.
        let Ok(text) = String::from_utf8(std::fs::read(self.path).unwrap()) else {
            return false;
        };
        let before = check_bytes(name, text.clone().into_bytes(), &flags);
        let fixes = before.diagnostics.iter().filter(|d| d.rule == rule);
        safeties.extend(fixes.filter_map(|d| d.fix.as_ref().map(|f| f.safety)));
        let fixable = before.diagnostics.iter().any(|d| d.rule == rule && d.fix.is_some());
        if !fixable {
            if fixed_path.exists() {
                problems.push(format!("{rule}/{name}: has a .fixed file but no {rule} fix"));
            }
            return false;
        }
        let fixed = match fix_source(name, &text, &flags, Applying::All) {
            Fixed::Text { text, .. } => text,
            Fixed::Refused { why, .. } => {
                problems.push(format!("{rule}/{name}: the fixed text does not load: {why}"));
                return true;
            }
        };
        let after = check_bytes(name, fixed.clone().into_bytes(), &flags);
        if let Some(d) = after.diagnostics.iter().find(|d| d.rule == rule && d.fix.is_some()) {
            problems.push(format!("{rule}/{name}: still fixable after the fix: {}", d.message));
        }
        if self.update {
            std::fs::write(&fixed_path, &fixed).unwrap();
            return true;
        }
        match std::fs::read(&fixed_path) {
            Ok(expected) if expected == fixed.as_bytes() => {}
            Ok(expected) => problems.push(format!(
                "{rule}/{name}: fixed text differs from {name}.fixed\n--- expected\n{}--- actual\n{fixed}",
                String::from_utf8_lossy(&expected)
            )),
            Err(_) => problems.push(format!("{rule}/{name}: a fix applies but there is no {name}.fixed")),
        }
        true
    }
}

/// Which fixes a rule's fixtures have, from the safeties of their fixes.
fn fixes_of(safeties: &[applinkc::edit::Safety]) -> Option<applinkc::rules::Fixes> {
    use applinkc::edit::Safety;
    use applinkc::rules::Fixes;
    match (safeties.contains(&Safety::Safe), safeties.contains(&Safety::Unsafe)) {
        (false, false) => None,
        (true, false) => Some(Fixes::Safe),
        (false, true) => Some(Fixes::Unsafe),
        (true, true) => Some(Fixes::SafeOrUnsafe),
    }
}
