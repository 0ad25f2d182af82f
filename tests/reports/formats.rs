//! The formats' exact text (GitHub workflow commands, JUnit parsed back), where reports go, and what decides the exit code.

use super::*;

#[test]
fn github_annotations_are_exact() {
    let dir = three_specs();
    write(dir.path(), "specs/odd, name:%.yaml", FLOAT);
    let out = applinkc(dir.path())
        .args(["check", "specs", "--format", "github"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let help = "quote it and give the patch version: `openapi: \"3.0.3\"`";
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!(
            "::error file=specs/float.yaml,line=1,col=10,endLine=1,endColumn=13,title=AL101::`openapi` is the number 3.0 here, not a string%0Ahelp: {help}\n\
             ::error file=specs/odd%2C name%3A%25.yaml,line=1,col=10,endLine=1,endColumn=13,title=AL101::`openapi` is the number 3.0 here, not a string%0Ahelp: {help}\n\
             ::error file=specs/v31.json,line=2,col=14,endLine=2,endColumn=21,title=AL101::OpenAPI version `3.1.0` is not supported; External Services accept 3.0.x%0Ahelp: set `openapi: 3.0.3` (for FastAPI: `FastAPI(openapi_version=\"3.0.3\")`)\n"
        )
    );
}

#[test]
fn github_severities_map_to_warning_and_notice() {
    let dir = workspace(&["AL101", "AL003"]);
    std::fs::write(
        dir.path().join("applinkc.toml"),
        std::fs::read_to_string(dir.path().join("applinkc.toml")).unwrap() + "AL101 = \"info\"\n",
    )
    .unwrap();
    write(dir.path(), "a.yaml", FLOAT);
    applinkc(dir.path())
        .args(["check", "a.yaml", "--format", "github"])
        .assert()
        .code(0)
        .stdout(predicates::str::starts_with(
            "::notice file=a.yaml,line=1,col=10,endLine=1,endColumn=13,title=AL101::",
        ));
}

#[test]
fn junit_report_parses_back() {
    let dir = three_specs();
    applinkc(dir.path())
        .args(["check", "specs", "--format", "junit", "--output", "junit.xml"])
        .assert()
        .code(1);
    let text = std::fs::read_to_string(dir.path().join("junit.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("3"));
    assert_eq!(root.attribute("failures"), Some("2"));
    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    let names: Vec<_> = suites.iter().map(|s| s.attribute("name").unwrap()).collect();
    assert_eq!(names, ["specs/clean.yaml", "specs/float.yaml", "specs/v31.json"]);
    // The clean file: one passing test case.
    let clean: Vec<_> = suites[0].children().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(clean.len(), 1);
    assert!(clean[0].children().all(|n| !n.has_tag_name("failure")));
    assert_eq!(suites[0].attribute("failures"), Some("0"));
    // A finding: one failing test case naming rule and location.
    let case = suites[1].children().find(|n| n.has_tag_name("testcase")).unwrap();
    assert_eq!(case.attribute("name"), Some("AL101 specs/float.yaml:1:10"));
    assert_eq!(case.attribute("line"), Some("1"));
    let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("type"), Some("error"));
    assert_eq!(
        failure.attribute("message"),
        Some("`openapi` is the number 3.0 here, not a string")
    );
    assert_eq!(
        failure.text(),
        Some(
            "error[AL101]: `openapi` is the number 3.0 here, not a string\n --> specs/float.yaml:1:10\nat #/openapi\nhelp: quote it and give the patch version: `openapi: \"3.0.3\"`"
        )
    );
}

#[test]
fn one_run_writes_a_file_and_prints_to_the_log() {
    let dir = three_specs();
    applinkc(dir.path())
        .args([
            "check",
            "specs",
            "--format",
            "sarif",
            "--output",
            "a.sarif",
            "--format",
            "human",
            "--format",
            "json",
            "--output",
            "out/a.json",
        ])
        .assert()
        .code(1)
        .stdout(
            predicates::str::starts_with("error[AL101]:")
                .and(predicates::str::ends_with("2 errors, 0 warnings, 0 infos in 3 files\n")),
        );
    assert!(dir.path().join("a.sarif").is_file());
    assert!(dir.path().join("out/a.json").is_file());
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn output_pairing_mistakes_are_usage_errors() {
    let dir = three_specs();
    applinkc(dir.path())
        .args(["check", "specs", "--output", "a.sarif", "--format", "sarif"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`--output a.sarif` must follow the `--format` it is for",
        ));
    applinkc(dir.path())
        .args(["check", "specs", "--format", "sarif", "--output", "a", "--output", "b"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`--format sarif` has two `--output` files"));
    applinkc(dir.path())
        .args(["check", "specs", "--format", "json", "--format", "sarif"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("would both go to standard output"));
    applinkc(dir.path())
        .args(["check", "specs", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn fail_severity_decides_the_exit_code() {
    let dir = three_specs();
    for (fail, code) in [("error", 1), ("never", 0)] {
        applinkc(dir.path())
            .args(["check", "specs", "--format", "json", "--fail-severity", fail])
            .assert()
            .code(code);
    }
    let dir = workspace(&["AL101"]);
    let config = std::fs::read_to_string(dir.path().join("applinkc.toml")).unwrap();
    std::fs::write(dir.path().join("applinkc.toml"), config + "AL101 = \"warning\"\n").unwrap();
    write(dir.path(), "a.yaml", FLOAT);
    for (fail, code) in [("error", 0), ("warning", 1), ("info", 1), ("never", 0)] {
        applinkc(dir.path())
            .args(["check", "a.yaml", "--fail-severity", fail])
            .assert()
            .code(code);
    }
}

/// Many files in several folders, given in different orders: one report, byte-identical,
/// sorted by file then position, checked in parallel.
#[test]
fn batch_reports_are_merged_and_deterministic() {
    let dir = workspace(&["AL101"]);
    let mut names = Vec::new();
    for i in 0..40 {
        let (name, text) = match i % 3 {
            0 => (format!("b/spec{i:02}.yaml"), FLOAT),
            1 => (format!("a/spec{i:02}.json"), V31),
            _ => (format!("c/spec{i:02}.yaml"), CLEAN),
        };
        write(dir.path(), &name, text);
        names.push(name);
    }
    let run = |args: &[&str]| {
        let out = applinkc(dir.path())
            .arg("check")
            .args(args)
            .args(["--format", "json"])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let folders = run(&["c", "a", "b"]);
    let mut reversed: Vec<&str> = names.iter().map(String::as_str).collect();
    reversed.reverse();
    let files = run(&reversed);
    assert_eq!(folders, files, "same findings whatever the order of the inputs");
    let again = run(&["b", "a", "c", "a/spec01.json"]);
    assert_eq!(folders, again, "a file given twice is reported once");
    let doc: serde_json::Value = serde_json::from_str(&folders).unwrap();
    let paths: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert_eq!(doc["summary"]["files"], 40);
    assert_eq!(doc["summary"]["errors"], 27);
}

/// Control and bidirectional characters from the spec never reach a report raw: `--format
/// github` (a CI log) and `human` (a terminal) show them escaped, JSON and SARIF as `\uXXXX`.
#[test]
fn control_characters_from_the_spec_are_escaped_in_every_format() {
    let dir = workspace(&["AL106"]);
    // Escaped in the JSON text: ESC, NEL (C1), RIGHT-TO-LEFT OVERRIDE; and a raw override in a
    // YAML key, which YAML allows.
    write(
        dir.path(),
        "a.json",
        "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"T\", \"version\": \"1\"}, \"paths\": {\"\\u001b[31mred\\u0085\\u202e\": {}}}\n",
    );
    write(
        dir.path(),
        "b.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  ab\u{202e}cd: {}\n",
    );
    let unsafe_char = |c: char| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c);
    let run = |format: &str| {
        let out = applinkc(dir.path())
            .args(["check", "a.json", "b.yaml", "--color", "always", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let github = run("github");
    assert_eq!(
        github,
        "::error file=a.json,line=1,col=72,endLine=1,endColumn=99,title=AL106::path `\\u{1b}[31mred\\u{85}\\u{202e}` does not start with `/`%0Ahelp: write `/\\u{1b}[31mred\\u{85}\\u{202e}`\n\
         ::error file=b.yaml,line=4,col=3,endLine=4,endColumn=8,title=AL106::path `ab\\u{202e}cd` does not start with `/`%0Ahelp: write `/ab\\u{202e}cd`\n"
    );
    // Human, with colour on (its own escape sequences are the only ones): the messages are
    // escaped and the source line shows the override as U+FFFD.
    let human = run("human");
    let without_colour: String = {
        let mut s = String::new();
        let mut chars = human.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                // Skip the colour sequence `ESC [ … m`.
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                s.push(c);
            }
        }
        s
    };
    assert!(!without_colour.chars().any(unsafe_char), "{without_colour:?}");
    assert!(
        without_colour.contains("path `\\u{1b}[31mred\\u{85}\\u{202e}` does not start with `/`"),
        "{without_colour}"
    );
    assert!(without_colour.contains("4 |   ab\u{fffd}cd: {}"), "{without_colour}");
    for format in ["json", "sarif", "junit", "markdown"] {
        let text = run(format);
        assert!(!text.chars().any(unsafe_char), "{format}: {text:?}");
    }
    // JSON still decodes to the spec's text.
    let doc: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(doc["findings"][0]["pointer"], "/paths/\u{1b}[31mred\u{85}\u{202e}");
}
