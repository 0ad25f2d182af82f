//! `applinkc.toml` applied to bundle as to check: publish flags, fail-severity, ignores, `--config`.

use super::*;

/// The `[publish]` section the config tests of bundle start from.
const PUBLISH: &str = "[publish]\nclient-name = \"Quotes\"\nauthorization-connected-app-name = \"QuoteApp\"\n\
                       authorization-permission-set-name = \"QuotePerms\"\n";

/// A workspace whose `applinkc.toml` holds `config`.
fn configured_workspace(config: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = workspace(&[]);
    std::fs::write(dir.join("applinkc.toml"), config).unwrap();
    (tmp, dir)
}

#[test]
fn the_config_supplies_the_publish_flags_and_the_command_line_wins() {
    let (_dir, dir) = configured_workspace(PUBLISH);
    // [publish] supplies the flags, `--request`'s client name included.
    let run = bundle(
        &dir,
        &["api-spec.yaml", "-o", "publish.zip", "--request", "request.json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("request.json")).unwrap(),
        r#"{"authorization_connected_app_name":"QuoteApp","authorization_permission_set_name":"QuotePerms","client_name":"Quotes"}"#
    );
    assert!(
        run.stderr.starts_with("warning[AL904]: connected app `QuoteApp`"),
        "{}",
        run.stderr
    );
    // A flag on the command line wins over the config.
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "--client-name",
            "Other",
            "-o",
            "publish.zip",
            "--request",
            "request.json",
            "--force",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(dir.join("request.json"))
            .unwrap()
            .ends_with(r#""client_name":"Other"}"#),
        "the command line's --client-name"
    );
}

#[test]
fn the_config_fail_severity_stops_the_bundle_and_the_command_line_wins() {
    // The config's fail-severity stops the bundle on the warning; the command line's wins.
    let (_dir, dir) = configured_workspace(&format!("fail-severity = \"warning\"\n{PUBLISH}"));
    let run = bundle(&dir, &["api-spec.yaml", "-o", "publish.zip"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("0 errors, 1 warning, 0 infos in 1 file\nerror: nothing written: fix the findings above\n"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("publish.zip").exists());
    let run = bundle(
        &dir,
        &["api-spec.yaml", "-o", "publish.zip", "--fail-severity", "error"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The config of the last two tests: fail at warnings, the publish flags, and AL904 ignored.
fn ignoring_config() -> String {
    let ignore = "[[ignore]]\nrule = \"AL904\"\nreason = \"the app exists in the org\"\n";
    format!("fail-severity = \"warning\"\n{PUBLISH}{ignore}")
}

#[test]
fn an_ignore_in_the_config_covers_the_finding() {
    // An ignore covers the finding: nothing is reported and the bundle is written.
    let (_dir, dir) = configured_workspace(&ignoring_config());
    let run = bundle(&dir, &["api-spec.yaml", "-o", "publish.zip"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, "wrote publish.zip: api-spec.yaml\n");
}

#[test]
fn a_config_named_with_config_overrides_severities_and_is_an_input() {
    let (_dir, dir) = configured_workspace(&ignoring_config());
    // A severity override, from a config named with --config (the one in the folder is not read).
    let other = dir.join("ci");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("strict.toml"), "[rules]\nAL904 = \"error\"\n").unwrap();
    let run = bundle(
        &dir,
        &["api-spec.yaml", "-o", "publish.zip", "--config", "ci/strict.toml"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error[AL904]: connected app `QuoteApp`"),
        "{}",
        run.stderr
    );
    // A config is an input: the zip may not overwrite it.
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "-o",
            "ci/strict.toml",
            "--config",
            "ci/strict.toml",
            "--force",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("ci/strict.toml"), "{}", run.stderr);
}
