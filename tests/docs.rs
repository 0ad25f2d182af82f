//! Every console example of the README and docs/ runs as written: each `applinkc …` command
//! (also `cargo run --release -- …` and `npx applinkc …`, run with the built binary) of a
//! `console` block, in a folder laid out as the examples assume (the bundled example as
//! `api-spec.yaml` committed in git and then changed, `examples/`, `specs/`, `meta/`, an
//! `applinkc.toml`). A
//! command must run (exit 0 or 1, never 2: a usage error means the docs rotted), and the first
//! line of output the block shows after it must be among what it prints.

mod common;

use std::path::Path;
use std::process::Command;

/// `(file, command words, the output lines shown after it)`.
fn examples() -> Vec<(String, Vec<String>, Vec<String>)> {
    let repo = common::repo();
    let mut files = vec![repo.join("README.md"), repo.join("npm/applinkc/README.md")];
    files.extend(common::files_with(&repo.join("docs"), &["md"]));
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.strip_prefix(&repo).unwrap().display().to_string();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("```console\n") {
            let block_start = at + "```console\n".len();
            let end = rest[block_start..].find("```").unwrap() + block_start;
            let block = &rest[block_start..end];
            rest = &rest[end + 3..];
            let lines: Vec<&str> = block.lines().collect();
            let mut i = 0;
            while i < lines.len() {
                let mut line = lines[i].trim_start_matches("$ ").to_string();
                while line.ends_with('\\') && i + 1 < lines.len() {
                    line.pop();
                    i += 1;
                    line.push_str(lines[i].trim());
                }
                i += 1;
                let line = line.split("  #").next().unwrap().trim().to_string();
                let words: Vec<String> = match line.split_whitespace().collect::<Vec<_>>().as_slice() {
                    ["applinkc", rest @ ..]
                    | ["npx", "applinkc", rest @ ..]
                    | ["cargo", "run", "--release", "--", rest @ ..] => {
                        rest.iter().map(std::string::ToString::to_string).collect()
                    }
                    _ => continue,
                };
                let is_command = |l: &&&str| {
                    ["$ ", "applinkc ", "npx ", "cargo run "]
                        .iter()
                        .any(|p| l.starts_with(p))
                };
                let shown: Vec<String> = lines[i..]
                    .iter()
                    .take_while(|l| !is_command(l))
                    .map(std::string::ToString::to_string)
                    .collect();
                out.push((name.clone(), words, shown));
            }
        }
    }
    out
}

fn lay_out(dir: &Path) {
    let repo = common::repo();
    let example = std::fs::read_to_string(repo.join("examples/api-spec.yaml")).unwrap();
    std::fs::write(dir.join("api-spec.yaml"), &example).unwrap();
    for sub in ["examples", "examples/metadata", "specs", "meta"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join("examples/api-spec.yaml"), &example).unwrap();
    std::fs::write(dir.join("specs/api-spec.yaml"), &example).unwrap();
    for entry in std::fs::read_dir(repo.join("examples/metadata")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        std::fs::copy(&path, dir.join("examples/metadata").join(name)).unwrap();
    }
    // docs/usage.md's `meta/`: a permission set whose `<fullName>` (line 3) contradicts the spec.
    let permissions = std::fs::read_to_string(repo.join("examples/metadata/permissionset-meta.xml")).unwrap();
    let (head, tail) = permissions.split_at(permissions.find("    <hasActivationRequired>").unwrap());
    std::fs::write(
        dir.join("meta/permissionset-meta.xml"),
        format!("{head}    <fullName>Perms</fullName>\n{tail}"),
    )
    .unwrap();
    std::fs::write(
        dir.join("applinkc.toml"),
        "[publish]\nclient-name = \"AcmePricing\"\napp-url = \"https://acme-pricing.herokuapp.com\"\n",
    )
    .unwrap();
    common::git(dir, &["init", "-q"]);
    common::git(dir, &["add", "api-spec.yaml"]);
    common::git(dir, &["commit", "-q", "-m", "published"]);
    // The `diff` examples: the working copy renames an operationId of the published spec.
    std::fs::write(
        dir.join("api-spec.yaml"),
        example.replace("operationId: getQuote", "operationId: readQuote"),
    )
    .unwrap();
}

#[test]
fn every_console_example_runs() {
    let dir = tempfile::tempdir().unwrap();
    lay_out(dir.path());
    let examples = examples();
    assert!(examples.len() >= 10, "only {} examples found", examples.len());
    let mut problems = Vec::new();
    for (file, words, shown) in &examples {
        let output = Command::new(env!("CARGO_BIN_EXE_applinkc"))
            .current_dir(dir.path())
            .args(words)
            .arg("--force")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        // `--force` is accepted only by the commands that write; retry without it.
        let output = if output.status.code() == Some(2) && String::from_utf8_lossy(&output.stderr).contains("--force") {
            Command::new(env!("CARGO_BIN_EXE_applinkc"))
                .current_dir(dir.path())
                .args(words)
                .env("NO_COLOR", "1")
                .output()
                .unwrap()
        } else {
            output
        };
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let command = words.join(" ");
        match output.status.code() {
            Some(0 | 1) => {}
            code => problems.push(format!("{file}: `applinkc {command}` exited {code:?}: {stderr}")),
        }
        if let Some(first) = shown.iter().find(|l| !l.trim().is_empty())
            && !stdout.lines().chain(stderr.lines()).any(|l| l == first)
        {
            problems.push(format!(
                "{file}: `applinkc {command}` did not print {first:?}:\n{stdout}{stderr}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
