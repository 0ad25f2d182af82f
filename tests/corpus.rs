//! The real AppLink specs in ../shared/corpus/real were all published: none may give an
//! error-severity finding. Their warnings and infos are pinned in a snapshot.
//! The large specs must load and check without a crash.

mod common;

use applinkc::check::check_file;
use applinkc::diagnostics::Severity;
use applinkc::flags::PublishFlags;

#[test]
fn real_specs_have_no_errors_and_their_warnings_are_pinned() {
    let Some(shared) = common::shared() else { return };
    let files = common::files_with(&shared.join("corpus/real"), &["yaml", "yml", "json"]);
    assert_eq!(files.len(), 21, "the corpus has 21 real specs");
    let mut pinned = String::new();
    let mut errors = Vec::new();
    for path in &files {
        let report = check_file(path, &PublishFlags::default()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        for d in &report.diagnostics {
            let at = report.start(d);
            let line = format!(
                "{name}:{}:{} {}[{}] {} — {}\n",
                at.line, at.col, d.severity, d.rule, d.pointer, d.message
            );
            if d.severity == Severity::Error {
                errors.push(line.clone());
            }
            pinned.push_str(&line);
            for r in &d.related {
                let at = report.source.line_col(r.span.start);
                pinned.push_str(&format!(
                    "  also {}:{} {} — {}\n",
                    at.line, at.col, r.pointer, r.message
                ));
            }
        }
    }
    assert!(
        errors.is_empty(),
        "published specs must not give errors:\n{}",
        errors.concat()
    );
    insta::assert_snapshot!("real_corpus_findings", pinned);
}

#[test]
fn large_specs_load_and_check_without_a_crash() {
    let Some(shared) = common::shared() else { return };
    let files = common::files_with(&shared.join("corpus/large"), &["yaml", "yml", "json"]);
    assert_eq!(files.len(), 7);
    for path in &files {
        let report = check_file(path, &PublishFlags::default()).unwrap();
        // Every finding has a position inside the file.
        for d in &report.diagnostics {
            assert!(
                d.span.end as usize <= report.source.text.len(),
                "{}: span out of range",
                path.display()
            );
        }
    }
}
