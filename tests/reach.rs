//! Where AppLink developers run applinkc: the npm packages (installed offline into an empty
//! project: `npx applinkc` and the Node API), the GitHub Action's check step (run with the
//! variables a runner sets, pointing at temporary files) and the pre-commit hook's command.

mod common;

use std::path::Path;
use std::process::Command;

use common::have;

fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn npm_packages_install_offline_and_run() {
    if !have("npm") || !have("node") {
        return;
    }
    let repo = common::repo();
    let dir = tempfile::tempdir().unwrap();
    let packs = dir.path().join("packs");
    let (code, stdout, stderr) = run(Command::new(repo.join("scripts/npm-pack"))
        .arg(&packs)
        .env("APPLINKC_BINARY", env!("CARGO_BIN_EXE_applinkc")));
    assert_eq!(code, 0, "npm-pack: {stdout}{stderr}");
    let version = env!("CARGO_PKG_VERSION");
    let shim = packs.join(format!("applinkc-{version}.tgz"));
    let platform = packs.join(format!("applinkc-linux-x64-{version}.tgz"));
    assert!(shim.is_file() && platform.is_file(), "{stdout}");

    let project = dir.path().join("project");
    std::fs::create_dir(&project).unwrap();
    std::fs::write(
        project.join("package.json"),
        r#"{"name": "t", "version": "1.0.0", "private": true}"#,
    )
    .unwrap();
    let (code, stdout, stderr) = run(Command::new("npm")
        .current_dir(&project)
        .args(["install", "--offline", "--no-audit", "--no-fund", "--loglevel", "error"])
        .arg(&platform)
        .arg(&shim));
    assert_eq!(code, 0, "npm install --offline: {stdout}{stderr}");

    let npx = |args: &[&str]| {
        run(Command::new("npx")
            .current_dir(&project)
            .arg("--offline")
            .arg("applinkc")
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("APPLINKC_BINARY"))
    };
    let (code, stdout, _) = npx(&["--version"]);
    assert_eq!((code, stdout.trim()), (0, format!("applinkc {version}").as_str()));
    let example = repo.join("examples/api-spec.yaml");
    let (code, stdout, stderr) = npx(&["check", example.to_str().unwrap(), "--client-name", "AcmePricing"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.ends_with("0 errors, 2 warnings, 0 infos in 1 file\n"),
        "{stdout}"
    );
    // The exit code passes through.
    let (code, _, _) = npx(&[
        "check",
        example.to_str().unwrap(),
        "--client-name",
        "AcmePricing",
        "--fail-severity",
        "warning",
    ]);
    assert_eq!(code, 1);

    std::fs::copy(repo.join("npm/test/api.js"), project.join("api.js")).unwrap();
    let (code, stdout, stderr) = run(Command::new("node")
        .current_dir(&project)
        .arg("api.js")
        .arg(&repo)
        .env_remove("APPLINKC_BINARY"));
    assert_eq!(code, 0, "node api.js: {stdout}{stderr}");
    assert_eq!(stdout, "node api: 7 passed, 0 failed\n");
}

/// action/check.sh as the runner runs it: annotations on standard output, the markdown summary
/// appended to $GITHUB_STEP_SUMMARY, the SARIF file named in $GITHUB_OUTPUT, the exit code.
#[test]
fn the_action_check_step_annotates_summarises_and_writes_sarif() {
    let repo = common::repo();
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    let outputs = dir.path().join("outputs.txt");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let step = |fail: &str| {
        run(Command::new("bash")
            .current_dir(&repo)
            .arg("action/check.sh")
            .env("APPLINKC_BINARY", env!("CARGO_BIN_EXE_applinkc"))
            .env("INPUT_PATHS", "examples/api-spec.yaml")
            .env("INPUT_CLIENT_NAME", "AcmePricing")
            .env("INPUT_ECA", "AcmePricingApp")
            .env("INPUT_FAIL_SEVERITY", fail)
            .env("INPUT_SARIF", "true")
            .env("RUNNER_TEMP", dir.path())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_OUTPUT", &outputs))
    };
    let (code, stdout, stderr) = step("error");
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "::warning file=examples/api-spec.yaml,line=27,col=28,endLine=27,endColumn=50,title=AL908::permission set `AcmePricingPermissions` is not created by this publish (no `--authorization-permission-set-name` and no `permissionset-meta.xml` in `--metadata-dir`); it must already exist in the org%0Ahelp: publish with `--authorization-permission-set-name AcmePricingPermissions` unless it already exists"
        ]
    );
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("earlier step\n## applinkc\n\n0 errors, 1 warning, 0 infos in 1 file\n"),
        "{text}"
    );
    assert!(text.contains("| `examples/api-spec.yaml` | 0 | 1 | 0 |"), "{text}");
    let sarif = dir.path().join("applinkc.sarif");
    assert_eq!(
        std::fs::read_to_string(&outputs).unwrap(),
        format!("sarif-file={}\n", sarif.display())
    );
    let parsed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(parsed["runs"][0]["results"][0]["ruleId"], "AL908");
    // The job fails when a finding reaches the fail severity.
    assert_eq!(step("warning").0, 1);
    // The action passes every input the script reads.
    let action = std::fs::read_to_string(repo.join("action.yml")).unwrap();
    let script = std::fs::read_to_string(repo.join("action/check.sh")).unwrap();
    for var in script
        .split("${")
        .skip(1)
        .filter_map(|s| s.split([':', '}']).next())
        .filter(|v| v.starts_with("INPUT_"))
    {
        assert!(
            action.contains(&format!("{var}: ${{{{ inputs.")),
            "action.yml does not set {var}"
        );
    }
}

/// The pre-commit hook runs its `entry` with the staged spec files that match `files`.
#[test]
fn the_pre_commit_hook_checks_the_spec_it_matches() {
    let repo = common::repo();
    let hooks = std::fs::read_to_string(repo.join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: applinkc-check\n"), "{hooks}");
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .expect("an entry");
    assert_eq!(entry, "applinkc check");
    let files = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .expect("files");
    assert_eq!(files, r"(^|/)(api-spec|api-docs|openapi|apispec)\.(ya?ml|json)$");
    let spec = Path::new("examples/api-spec.yaml");
    let (code, stdout, stderr) = run(Command::new(env!("CARGO_BIN_EXE_applinkc"))
        .current_dir(&repo)
        .args(entry.split_whitespace().skip(1))
        .arg(spec)
        .env("NO_COLOR", "1"));
    assert_eq!(code, 0, "{stdout}{stderr}");
}

/// Runs `cmd` in a process group of its own with `limit` to finish: past it the whole group
/// (npm, the shell it starts, node, the server node starts) is killed and the test fails, so
/// a hung child cannot hold the test (or the cargo lock) for longer. Output goes to files, so a
/// grandchild that keeps a pipe open cannot block the read either.
fn run_within(cmd: &mut Command, limit: std::time::Duration) -> (i32, String, String) {
    use std::os::unix::process::CommandExt;
    let out = tempfile::tempfile().unwrap();
    let err = tempfile::tempfile().unwrap();
    let mut child = cmd
        .process_group(0)
        .stdin(std::process::Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(err.try_clone().unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let read = |mut f: std::fs::File| {
        use std::io::{Read, Seek};
        let mut s = String::new();
        f.rewind().unwrap();
        let _ = f.read_to_string(&mut s);
        s
    };
    let (stdout, stderr) = (read(out), read(err));
    let Some(status) = status else {
        panic!("{cmd:?} did not finish within {limit:?}; killed\n{stdout}{stderr}");
    };
    (status.code().unwrap_or(-1), stdout, stderr)
}

/// Copies these files of editors/vscode into `to`, keeping their folders.
fn copy_extension(repo: &std::path::Path, to: &std::path::Path, files: &[&str]) {
    for file in files {
        let target = to.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(repo.join("editors/vscode").join(file), &target).unwrap();
    }
}

/// The VS Code extension builds from its lock file (`npm ci`, `npm run build`).
#[test]
fn the_vscode_extension_builds() {
    if !have("npm") {
        return;
    }
    let repo = common::repo();
    let dir = tempfile::tempdir().unwrap();
    copy_extension(
        &repo,
        dir.path(),
        &["package.json", "package-lock.json", "tsconfig.json", "src/extension.ts"],
    );
    let (code, stdout, stderr) =
        run(Command::new("npm")
            .current_dir(dir.path())
            .args(["ci", "--no-audit", "--no-fund", "--loglevel", "error"]));
    assert_eq!(code, 0, "npm ci: {stdout}{stderr}");
    let (code, stdout, stderr) = run(Command::new("npm").current_dir(dir.path()).args(["run", "build"]));
    assert_eq!(code, 0, "npm run build: {stdout}{stderr}");
    let built = std::fs::read_to_string(dir.path().join("out/extension.js")).unwrap();
    assert!(built.contains("new node_1.LanguageClient('applinkc'"), "{built}");
    assert!(built.contains("args: ['lsp']"), "{built}");
}

/// The extension's Node test (`editors/vscode/test/server.test.js`, `npm test`) starts the
/// `applinkc lsp` cargo built through `vscode-languageserver-protocol`, the library the
/// extension's client speaks through, and runs a session: the exact diagnostic of
/// fixtures/AL904/fail-flow.yaml, hover on it, its two code actions, shutdown, exit code 0.
#[test]
fn the_vscode_extension_talks_to_the_server() {
    if !have("npm") || !have("node") {
        return;
    }
    let repo = common::repo();
    let dir = tempfile::tempdir().unwrap();
    copy_extension(
        &repo,
        dir.path(),
        &["package.json", "package-lock.json", "test/server.test.js"],
    );
    let minutes = |n: u64| std::time::Duration::from_secs(60 * n);
    let (code, stdout, stderr) = run_within(
        Command::new("npm").current_dir(dir.path()).args([
            "ci",
            "--no-audit",
            "--no-fund",
            "--loglevel",
            "error",
            "--prefer-offline",
        ]),
        minutes(3),
    );
    assert_eq!(code, 0, "npm ci: {stdout}{stderr}");
    // The Node test gives the session 30 s and kills the server itself; this is the backstop.
    let (code, stdout, stderr) = run_within(
        Command::new("npm")
            .current_dir(dir.path())
            .arg("test")
            .env("APPLINKC_BIN", env!("CARGO_BIN_EXE_applinkc"))
            .env("APPLINKC_FIXTURES", repo.join("fixtures")),
        minutes(1),
    );
    assert_eq!(code, 0, "npm test: {stdout}{stderr}");
    assert!(
        stdout.contains("# pass 1\n") && stdout.contains("# fail 0\n"),
        "{stdout}{stderr}"
    );
}
