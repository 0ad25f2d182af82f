//! The modules form layers, and a module uses only modules of lower layers: no import climbs
//! back up the pipeline, and there is no cycle. The table below is the picture of
//! docs/design.md ("Layers"); a new module must be placed in it. Comment lines and `#[cfg(test)]`
//! sections (tests may drive the whole tool) are not counted.

use std::collections::BTreeMap;
use std::path::Path;

/// Bottom to top. A module may use any module of a lower layer.
const LAYERS: &[&[&str]] = &[
    &["error", "paths", "signals", "source"],
    &["edit", "flags", "spec"],
    &["finding"],
    &["input", "rules"],
    &["apex", "diagnostics"],
    &["check", "publication"],
    &["emit", "bundle", "diff", "fix"],
    &["archive"],
    &["baseline"],
    &["config"],
    &["build", "lsp"],
    &["cli"],
];

fn uses(path: &Path, out: &mut Vec<String>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            uses(&entry.unwrap().path(), out);
        }
        return;
    }
    if path.extension().is_none_or(|e| e != "rs") {
        return;
    }
    for line in std::fs::read_to_string(path).unwrap().lines() {
        if line.contains("#[cfg(test)]") {
            break;
        }
        if line.trim_start().starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            out.push(name);
        }
    }
}

#[test]
fn no_module_uses_a_module_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rank: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, layer)| layer.iter().map(move |m| (*m, i)))
        .collect();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        let Some(&mine) = rank.get(name.as_str()) else {
            problems.push(format!("src/{name}: not in LAYERS (tests/layers.rs)"));
            continue;
        };
        let mut found = Vec::new();
        uses(&path, &mut found);
        found.sort();
        found.dedup();
        for used in found.iter().filter(|u| **u != name) {
            match rank.get(used.as_str()) {
                Some(&theirs) if theirs < mine => {}
                Some(_) => problems.push(format!("{name} uses {used}, which is not below it")),
                None => problems.push(format!("{name} uses crate::{used}, which is not in LAYERS")),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A `RuleId` is made by the rule it names (`id: RuleId::new("AL805")` in the rule's
/// declaration) and nowhere else: everything else takes the id from the rule's static or from
/// `rules::find`, so no id exists that the catalog does not hold.
#[test]
fn rule_ids_are_made_only_by_rule_declarations() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut declared = 0;
    for path in files {
        for (i, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
            if !line.contains("RuleId::new(") || line.trim_start().starts_with("//") {
                continue;
            }
            let declaration = line.trim_start().starts_with("id: RuleId::new(\"AL");
            assert!(
                declaration,
                "{}:{}: a RuleId made outside a rule's declaration",
                path.display(),
                i + 1
            );
            declared += 1;
        }
    }
    assert_eq!(declared, applinkc::rules::all().len(), "one declaration per rule");
}

fn rust_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}
