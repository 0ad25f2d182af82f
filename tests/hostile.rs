//! Hostile inputs: each gives a clear message naming the file and place, exit 1 (a finding) or
//! 2 (could not run), never a panic, a hang or a stack overflow.

mod common;

use common::applinkc;
use predicates::prelude::*;
use std::time::{Duration, Instant};

/// Writes `bytes` to `name` in a fresh temp folder and runs `applinkc check` on it.
fn check(name: &str, bytes: &[u8]) -> (assert_cmd::assert::Assert, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let assert = applinkc()
        .current_dir(dir.path())
        .args(["check", "--color", "never", name])
        .assert();
    (assert, dir)
}

fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked")
        .not()
        .and(predicate::str::contains("RUST_BACKTRACE").not())
}

#[test]
fn deep_block_sequence_is_a_finding_not_a_stack_overflow() {
    let text = "- ".repeat(100_000) + "x\n";
    let (assert, _dir) = check("deep.yaml", text.as_bytes());
    assert
        .code(1)
        .stdout(predicate::str::contains(
            "error[AL010]: nesting is deeper than 128 levels",
        ))
        .stdout(predicate::str::contains("deep.yaml:1:"))
        .stderr(no_panic());
}

#[test]
fn deep_flow_brackets_in_yaml_and_json_are_findings() {
    let text = "[".repeat(100_000);
    let (assert, _dir) = check("deep.yaml", text.as_bytes());
    assert
        .code(1)
        .stdout(predicate::str::contains("error[AL010]"))
        .stderr(no_panic());
    let (assert, _dir) = check("deep.json", text.as_bytes());
    assert
        .code(1)
        .stdout(predicate::str::contains(
            "error[AL010]: nesting is deeper than 128 levels\n --> deep.json:1:129",
        ))
        .stderr(no_panic());
}

#[test]
fn billion_laughs_hits_the_alias_budget() {
    let mut text = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        text.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    let (assert, _dir) = check("laughs.yaml", text.as_bytes());
    assert
        .code(1)
        .stdout(predicate::str::contains(
            "error[AL010]: aliases expand to more than 1000000 nodes",
        ))
        .stderr(no_panic());
}

#[test]
fn empty_file_is_a_finding() {
    let (assert, _dir) = check("empty.yaml", b"");
    assert
        .code(1)
        .stdout(predicate::str::contains("error[AL010]: the file is empty"))
        .stdout(predicate::str::contains("empty.yaml:1:1"));
    let (assert, _dir) = check("blank.json", b"  \n\n");
    assert
        .code(1)
        .stdout(predicate::str::contains("error[AL010]: the file is empty"));
}

#[test]
fn binary_garbage_is_an_encoding_finding_with_its_offset() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let valid = std::str::from_utf8(&bytes).map_err(|e| e.valid_up_to()).unwrap_err();
    let (assert, _dir) = check("garbage.yaml", &bytes);
    assert
        .code(1)
        .stdout(predicate::str::contains(format!(
            "error[AL011]: the file is not valid UTF-8 (invalid byte at offset {valid})"
        )))
        .stderr(no_panic());
}

#[test]
fn nul_bytes_in_valid_utf8_are_a_syntax_finding() {
    let (assert, _dir) = check("nul.yaml", b"openapi: 3.0.3\ninfo:\x00 x\n");
    assert
        .code(1)
        .stdout(predicate::str::contains("error[AL010]"))
        .stdout(predicate::str::contains("nul.yaml:2:"))
        .stderr(no_panic());
}

#[test]
fn byte_order_mark_is_an_error_in_json_and_a_warning_in_yaml() {
    let (assert, _dir) = check("bom.json", b"\xef\xbb\xbf{\"openapi\": \"3.0.3\"}");
    assert.code(1).stdout(predicate::str::contains(
        "error[AL003]: the file starts with a UTF-8 byte order mark",
    ));
    let (assert, _dir) = check("bom.yaml", b"\xef\xbb\xbfopenapi: 3.0.3\n");
    assert.stdout(predicate::str::contains(
        "warning[AL003]: the file starts with a UTF-8 byte order mark",
    ));
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap(); // sparse: costs no disk
    applinkc()
        .current_dir(dir.path())
        .args(["check", "huge.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "huge.json: the file is 68157440 bytes; applinkc reads at most 67108864 bytes",
        ));
}

#[test]
fn missing_file_and_usage_errors_exit_2_with_the_path() {
    applinkc()
        .args(["check", "no-such-spec.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: no-such-spec.yaml: No such file or directory",
        ));
    applinkc().args(["check"]).assert().code(2);
    applinkc()
        .args(["explain", "AL999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `AL999`"));
}

#[test]
fn multiple_documents_are_refused() {
    let (assert, _dir) = check("two.yaml", b"openapi: 3.0.3\n---\nopenapi: 3.0.3\n");
    assert
        .code(1)
        .stdout(predicate::str::contains("more than one YAML document"))
        .stdout(predicate::str::contains("two.yaml:2:1"));
}

/// Guards against quadratic behaviour (not a speed target: see `scripts/bench`): 100,000
/// nested brackets and a 100,000-key mapping are each loaded in linear time.
#[test]
fn large_flat_and_deep_inputs_load_in_linear_time() {
    let keys: String = (0..100_000).map(|i| format!("k{i}: {i}\n")).collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keys.yaml"), &keys).unwrap();
    std::fs::write(dir.path().join("deep.json"), "[".repeat(100_000)).unwrap();
    for name in ["keys.yaml", "deep.json"] {
        let started = Instant::now();
        let out = applinkc()
            .current_dir(dir.path())
            .args(["check", name])
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{name}: {out:?}");
        let took = started.elapsed();
        assert!(took < Duration::from_secs(5), "{name} took {took:?}: not linear");
    }
}

#[test]
fn minified_json_reports_the_right_column() {
    // One line; `"3.1.0"` starts at byte 11 of the line → column 12.
    let (assert, _dir) = check(
        "min.json",
        br#"{"openapi":"3.1.0","info":{"title":"x","version":"1"},"paths":{}}"#,
    );
    assert.code(1).stdout(predicate::str::contains("min.json:1:12"));
}

/// A schema that composes itself five times over used to make `apex` walk it exponentially often.
#[test]
fn self_composing_schemas_stay_linear_in_check_and_apex() {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/self-composing.yaml");
    for args in [
        vec!["check", "--fail-severity", "never"],
        vec!["apex", "--client-name", "L"],
    ] {
        let started = Instant::now();
        applinkc()
            .args(&args)
            .arg(&spec)
            .assert()
            .success()
            .stdout(predicate::str::contains("panicked").not());
        let took = started.elapsed();
        assert!(took < Duration::from_secs(5), "{args:?} took {took:?}: not linear");
    }
}

/// Runs `build` on one file with extra flags and checks that it stops before anything is
/// written: the finding or error names the problem, the exit code says which kind it is, and no
/// output (nor temporary file) is left.
fn assert_build_refused(name: &str, bytes: &[u8], extra: &[&str], code: i32, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let mut cmd = applinkc();
    cmd.current_dir(dir.path())
        .args(["build", name, "-o", "out.zip", "--color", "never"]);
    if !extra.contains(&"--client-name") {
        cmd.args(["--client-name", "Acme"]);
    }
    if !extra.contains(&"--app-url") {
        cmd.args(["--app-url", "https://acme.herokuapp.com"]);
    }
    let out = cmd.args(extra).output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(code), "{name} {extra:?}: {all}");
    assert!(
        all.contains(expected),
        "{name} {extra:?}: expected {expected:?} in\n{all}"
    );
    assert!(!all.contains("panicked"), "{all}");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from(name)],
        "{name} {extra:?}: files left behind"
    );
}

/// Files that do not load (too deep, an alias bomb, not UTF-8) stop `build` with no output behind.
#[test]
fn build_refusals_of_files_that_do_not_load_leave_no_output_behind() {
    let deep = "- ".repeat(100_000) + "x\n";
    let laughs = {
        let mut t = String::from("a: &a [1,1,1,1,1,1,1,1,1]\n");
        for (x, y) in [
            ("a", "b"),
            ("b", "c"),
            ("c", "d"),
            ("d", "e"),
            ("e", "f"),
            ("f", "g"),
            ("g", "h"),
        ] {
            t.push_str(&format!("{y}: &{y} [{}]\n", vec![format!("*{x}"); 9].join(",")));
        }
        t
    };
    assert_build_refused(
        "deep.yaml",
        deep.as_bytes(),
        &[],
        1,
        "error[AL010]: nesting is deeper than 128 levels",
    );
    assert_build_refused(
        "laughs.yaml",
        laughs.as_bytes(),
        &[],
        1,
        "error[AL010]: aliases expand to more than",
    );
    assert_build_refused("binary.yaml", &[0xff, 0xfe, 0x00, 0x41], &[], 1, "error[AL011]");
}

/// A client name that is a path or a device name, or an app URL that is not https, stops
/// `build` with no output behind.
#[test]
fn build_refusals_of_unsafe_flags_leave_no_output_behind() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/api-spec.yaml");
    let example = std::fs::read(&example).unwrap();
    let cases: [(&[&str], i32, &str); 5] = [
        (&["--client-name", "../x"], 1, "error[AL950]"),
        (&["--client-name", "a/b"], 1, "error[AL950]"),
        (&["--client-name", "/abs"], 1, "error[AL950]"),
        (&["--client-name", "COM1"], 1, "reserved device name"),
        (&["--app-url", "http://insecure"], 2, "https://"),
    ];
    for (extra, code, expected) in cases {
        assert_build_refused("api-spec.yaml", &example, extra, code, expected);
    }
}
