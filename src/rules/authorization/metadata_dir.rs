//! AL952–AL954: the `--metadata-dir` folder — which files publish reads, and its conflicts with
//! the `--authorization-*` flags.

use super::{CONNECTED_APP_FILE, PERMISSION_SET_FILE};
use crate::finding::Severity;
use crate::flags::{Flag, MetadataDir};
use crate::rules::wording::shell_word;
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink, StopsBuild};
use crate::source::Span;

/// Whether the folder lists `name` at all: the CLI's own test, `readdirSync(dir).includes(name)`,
/// which a folder of that name passes too.
fn listed(dir: &MetadataDir, name: &str) -> bool {
    dir.files.iter().any(|f| f.name == name)
}

fn shown(dir: &MetadataDir) -> String {
    format!("--metadata-dir {}", shell_word(&dir.path.display().to_string()))
}

pub static AL952: Rule = Rule {
    id: RuleId::new("AL952"),
    name: "metadata-dir-file-names",
    severity: RuleSeverity::Warning,
    summary: "`--metadata-dir` holds `connectedapp-meta.xml` / `permissionset-meta.xml`, exactly so named",
    docs: r#"## What it does
Lists `--metadata-dir` as publish will and reports:
- files that look meant for it but are ignored: SFDX source names
  (`GenerateQuote.permissionset-meta.xml`, `X.connectedApp-meta.xml`), the right names in
  other letter case (`ConnectedApp-meta.xml`), external client app files, and API specs;
- an empty `connectedapp-meta.xml` / `permissionset-meta.xml`;
- a **folder** named `connectedapp-meta.xml` or `permissionset-meta.xml` (an **error**:
  publish tries to read it as a file and fails);
- a folder in which none of this applies and neither file exists: nothing from it is uploaded.

`applinkc bundle` also reads the two files it uploads and reports problems in their contents
under this rule, located in the XML file (`file:line:col`; the pointer is the element path,
`#/PermissionSet/fullName`): an **error** when a file cannot be the metadata its name says (not
UTF-8, not well-formed, wrong root element or namespace, a required element missing, a
`fullName` that contradicts the spec), a **warning** when it is valid but probably not what is
meant (a permission set that is not session-activated). See `docs/bundle.md`.

## Why
`heroku salesforce:publish` uploads only files named exactly `connectedapp-meta.xml` and
`permissionset-meta.xml` (case-sensitive) from the top of the folder. Everything else —
despite the flag's help text mentioning an API spec — is silently ignored, and there is no
file for external client apps (use `--authorization-external-client-app-name`).

## Example
```text
meta/
  GenerateQuote.permissionset-meta.xml
```

## Use instead
```text
meta/
  permissionset-meta.xml
```

## Source
Heroku CLI applink plugin `src/commands/salesforce/publish.ts` (S25):
`readdirSync(dir).includes('connectedapp-meta.xml')`.

## applinkc differs from the catalog
The catalog gives AL952 the severity `warning`, for its case: an ignored file does not fail the
publish. A folder named like one of the two files, and a file whose contents cannot be the
metadata it is named for, do make it fail, so those findings are errors.
"#,
    check: check_al952,
};

fn check_al952(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(dir) = &ctx.flags.metadata_dir else {
        return;
    };
    let flag = shown(dir);
    let mut reported = false;
    for file in &dir.files {
        let name = file.name.as_str();
        let lower = name.to_ascii_lowercase();
        let exact = [CONNECTED_APP_FILE, PERMISSION_SET_FILE];
        if exact.contains(&name) {
            if file.is_dir {
                sink.report_with(
                    Severity::Error,
                    Span::empty(0),
                    format!("`{flag}` has a folder named `{name}`; publish reads it as a file and fails"),
                )
                .help(format!("put the XML in a file named `{name}`"));
                reported = true;
            } else if file.size == 0 && !file.is_symlink {
                sink.report(Span::empty(0), format!("`{flag}` file `{name}` is empty"))
                    .help("write the metadata XML into it, or remove it");
                reported = true;
            }
            continue;
        }
        let right = exact.iter().find(|e| lower == **e || lower.ends_with(&format!(".{e}")));
        let (message, help) = if let Some(right) = right {
            let sfdx = lower != *right;
            (
                format!(
                    "`{flag}` file `{name}` is ignored: publish reads only a file named exactly `{right}`{}",
                    if sfdx { "" } else { " (names are case-sensitive)" }
                ),
                if dir.has(right) {
                    format!("`{right}` is the one uploaded; remove `{name}`")
                } else {
                    format!("rename it to `{right}`")
                },
            )
        } else if lower.contains("externalclientapp") || lower.ends_with(".eca-meta.xml") {
            (
                format!("`{flag}` file `{name}` is ignored: publish reads no external client app file"),
                "publish with `--authorization-external-client-app-name <name>` instead".to_string(),
            )
        } else if !file.is_dir && [".yaml", ".yml", ".json"].iter().any(|e| lower.ends_with(e)) {
            (
                format!("`{flag}` file `{name}` is ignored: publish never reads an API spec from this folder"),
                "pass the spec as the first argument of `heroku salesforce:publish`".to_string(),
            )
        } else {
            continue;
        };
        sink.report(Span::empty(0), message).help(help);
        reported = true;
    }
    if !reported && !dir.has(CONNECTED_APP_FILE) && !dir.has(PERMISSION_SET_FILE) {
        sink.report(
            Span::empty(0),
            format!(
                "`{flag}` has neither `{CONNECTED_APP_FILE}` nor `{PERMISSION_SET_FILE}`: nothing from it is uploaded"
            ),
        )
        .help("name the files exactly `connectedapp-meta.xml` / `permissionset-meta.xml`, or drop the flag");
    }
}

pub static AL953: Rule = Rule {
    id: RuleId::new("AL953"),
    name: "metadata-dir-flag-conflict",
    severity: RuleSeverity::Error,
    summary: "a metadata file and the matching `--authorization-*` flag are not given together",
    docs: r#"## What it does
Reports `connectedapp-meta.xml` in `--metadata-dir` together with
`--authorization-connected-app-name`, and `permissionset-meta.xml` together with
`--authorization-permission-set-name`.

## Why
The Heroku CLI refuses both before uploading: "You can only specify the connected app name
with connectedapp-meta.xml in the metadata directory or with the
--authorization-connected-app-name flag, not both." (and likewise for the permission set).

## Example
```console
$ applinkc check api-spec.yaml --metadata-dir meta --authorization-permission-set-name QuotePerms
```
with `meta/permissionset-meta.xml`.

## Use instead
Either the file or the flag:
```console
$ applinkc check api-spec.yaml --authorization-permission-set-name QuotePerms
```

## Source
Heroku CLI applink plugin `src/commands/salesforce/publish.ts` (S25).
"#,
    check: check_al953,
};

/// `applinkc build` cannot compile past AL953's problem (`publication` refuses it).
pub static AL953_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL953,
    why: "heroku salesforce:publish refuses both, and build emits what publish creates",
};

fn check_al953(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(dir) = &ctx.flags.metadata_dir else {
        return;
    };
    let pairs = [
        (
            CONNECTED_APP_FILE,
            Flag::ConnectedAppName,
            &ctx.flags.connected_app_name,
            "connected app",
        ),
        (
            PERMISSION_SET_FILE,
            Flag::PermissionSetName,
            &ctx.flags.permission_set_name,
            "permission set",
        ),
    ];
    for (file, flag, value, noun) in pairs {
        let Some(value) = value else { continue };
        if listed(dir, file) {
            sink.report(
                Span::empty(0),
                format!(
                    "`{flag} {}` and `{file}` in `{}` both define the {noun}; publish refuses both",
                    shell_word(value),
                    shown(dir)
                ),
            )
            .help(format!("keep either the flag or the file `{file}`"))
            .about(flag);
        }
    }
}

pub static AL954: Rule = Rule {
    id: RuleId::new("AL954"),
    name: "metadata-dir-connected-app-with-eca",
    severity: RuleSeverity::Warning,
    summary: "`connectedapp-meta.xml` is not combined with `--authorization-external-client-app-name`",
    docs: r#"## What it does
Reports `connectedapp-meta.xml` in `--metadata-dir` together with
`--authorization-external-client-app-name`.

## Why
The CLI does not reject this combination, but the publish then asks for both a connected app
and an external client app; which OAuth client the operations end up with is undefined.

## Example
```console
$ applinkc check api-spec.yaml --metadata-dir meta --authorization-external-client-app-name QuoteApp
```
with `meta/connectedapp-meta.xml`.

## Use instead
Drop `connectedapp-meta.xml` (connected apps can no longer be created) and keep the external
client app flag.

## Source
Heroku CLI applink plugin `publish.ts` (S25): no conflict check for this pair; inference.
"#,
    check: check_al954,
};

fn check_al954(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let (Some(dir), Some(value)) = (&ctx.flags.metadata_dir, &ctx.flags.external_client_app_name) else {
        return;
    };
    if listed(dir, CONNECTED_APP_FILE) {
        sink.report(
            Span::empty(0),
            format!(
                "`--authorization-external-client-app-name {}` with `{CONNECTED_APP_FILE}` in `{}`: which OAuth client the operations use is undefined",
                shell_word(value),
                shown(dir)
            ),
        )
        .help(format!("remove `{CONNECTED_APP_FILE}` and keep the external client app"));
    }
}
