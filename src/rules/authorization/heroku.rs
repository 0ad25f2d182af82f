//! AL900–AL904, AL906, AL910, AL911: the shape, keys and names of an operation's
//! `x-sfdc.heroku.authorization`.

use super::{AuthKind, auth_names, distinct, op_name};
use crate::edit::{Edit, Fix};
use crate::finding::Severity;
use crate::rules::wording::{closest, shell_word};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink, StopsBuild};
use crate::source::Node;
use crate::spec::xsfdc::{self, api_name_problem, api_name_suggestion, operation_blocks};

pub static AL900: Rule = Rule {
    id: RuleId::new("AL900"),
    name: "heroku-block-shape",
    severity: RuleSeverity::Error,
    summary: "an operation's `x-sfdc.heroku` is a mapping holding `authorization`",
    docs: r#"## What it does
Checks that an operation's `x-sfdc.heroku` is a mapping (an **error** otherwise) and that its
only key is `authorization` (other keys: **warning**).

## Why
`x-sfdc.heroku.authorization` is the only form any published spec uses. A string or list here
holds no authorization, so the operation runs in plain user mode instead of user-plus; another
key is ignored.

## Example
```yaml
x-sfdc:
  heroku: ActionsService
```

## Use instead
```yaml
x-sfdc:
  heroku:
    authorization:
      externalClientApp: ActionsServiceApp
      permissionSet: ActionsServicePermissions
```

## Source
Every published sample in the corpus; Heroku Dev Center, *Heroku AppLink User Mode Options*
(S2).
"#,
    check: check_al900,
};

fn check_al900(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let Some(heroku) = sfdc.get("heroku") else {
            continue;
        };
        if !heroku.is_map() {
            sink.report(
                heroku.span,
                format!(
                    "`x-sfdc.heroku` of {} is {}, not a mapping",
                    op_name(ctx.spec, i),
                    heroku.kind_name()
                ),
            )
            .help("write `heroku: {authorization: {externalClientApp: …, permissionSet: …}}`");
            continue;
        }
        for entry in heroku.entries().iter().filter(|e| &*e.key != "authorization") {
            let d = sink.report_with(
                Severity::Warning,
                entry.key_span,
                format!(
                    "`x-sfdc.heroku.{}` of {} is not read by AppLink",
                    entry.key,
                    op_name(ctx.spec, i)
                ),
            );
            match closest(&entry.key, &["authorization"]) {
                Some(k) => d.help(format!("did you mean `{k}`?")),
                None => d.help("`x-sfdc.heroku` reads only `authorization`"),
            };
        }
    }
}

pub static AL901: Rule = Rule {
    id: RuleId::new("AL901"),
    name: "heroku-authorization-values",
    severity: RuleSeverity::Error,
    summary: "`x-sfdc.heroku.authorization` is a mapping of non-empty names",
    docs: r#"## What it does
Checks that an operation's `x-sfdc.heroku.authorization` is a mapping and that its
`connectedApp`, `externalClientApp` and `permissionSet` values are non-empty strings.

## Why
These values name the OAuth client and the session-based permission set that AppLink uses for
user-plus mode. A number, a list or an empty value names nothing: the publish fails or the
operation silently loses its elevated permissions.

## Example
```yaml
authorization:
  externalClientApp: 123
  permissionSet:
```

## Use instead
```yaml
authorization:
  externalClientApp: QuoteApp
  permissionSet: QuotePermissions
```

## Source
Heroku Dev Center, external client apps for AppLink (S3); template README (S26).
"#,
    check: check_al901,
};

fn check_al901(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let Some(auth) = sfdc.path(&["heroku", "authorization"]) else {
            continue;
        };
        if !auth.is_map() {
            sink.report(
                auth.span,
                format!(
                    "`x-sfdc.heroku.authorization` of {} is {}, not a mapping",
                    op_name(ctx.spec, i),
                    auth.kind_name()
                ),
            )
            .help("write `authorization: {externalClientApp: …, permissionSet: …}`");
        }
    }
    for n in auth_names(ctx.spec).iter().filter(|n| n.first) {
        let node = &n.entry.value;
        match n.name {
            Some(s) if !s.trim().is_empty() => {}
            Some(_) => {
                sink.report(node.span, format!("`{}` is empty", n.kind.key()))
                    .help(format!("name the {} or remove the key", n.kind.noun()));
            }
            None => {
                sink.report(
                    node.span,
                    format!("`{}` is {}, not a name", n.kind.key(), node.kind_name()),
                )
                .help(format!("write the {}'s API name as a string", n.kind.noun()));
            }
        }
    }
}

pub static AL902: Rule = Rule {
    id: RuleId::new("AL902"),
    name: "heroku-authorization-keys",
    severity: RuleSeverity::Warning,
    summary: "`x-sfdc.heroku.authorization` holds only `connectedApp`, `externalClientApp` and `permissionSet`",
    docs: r#"## What it does
Reports keys of `x-sfdc.heroku.authorization` other than `connectedApp`, `externalClientApp`
and `permissionSet`, with a suggestion for guessed names such as `permissionSetName`.

## Why
Other keys are ignored: `permissionSetName: MyPerms` leaves the operation without its
permission set, and it runs without the elevated permissions you meant to give it.

## Example
```yaml
authorization:
  externalClientAppName: QuoteApp
  permissionSetName: QuotePermissions
```

## Use instead
```yaml
authorization:
  externalClientApp: QuoteApp
  permissionSet: QuotePermissions
```

## Source
Heroku Dev Center (S3); template README (S26); corpus #17 (invented names, ignored).
"#,
    check: check_al902,
};

fn check_al902(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let Some(auth) = sfdc.path(&["heroku", "authorization"]) else {
            continue;
        };
        let known = xsfdc::child_names(xsfdc::Place::Operation, &["heroku", "authorization"]);
        for entry in auth.entries() {
            let key = &*entry.key;
            if known.contains(&key) {
                continue;
            }
            let guess = key
                .strip_suffix("Name")
                .and_then(|k| closest(k, &known))
                .or_else(|| closest(key, &known));
            let d = sink.report(
                entry.key_span,
                format!(
                    "`authorization.{key}` of {} is not read by AppLink",
                    op_name(ctx.spec, i)
                ),
            );
            match guess {
                Some(k) => d.help(format!("did you mean `{k}`?")),
                None => d.help("authorization reads connectedApp, externalClientApp and permissionSet"),
            };
        }
    }
}

pub static AL903: Rule = Rule {
    id: RuleId::new("AL903"),
    name: "heroku-one-oauth-client",
    severity: RuleSeverity::Error,
    summary: "an operation names a connected app or an external client app, not both",
    docs: r#"## What it does
Reports an operation whose `x-sfdc.heroku.authorization` has both `connectedApp` and
`externalClientApp`.

## Why
User-plus mode uses one OAuth client per operation. With both keys it is undefined which one
AppLink uses.

## Example
```yaml
authorization:
  connectedApp: QuoteConnectedApp
  externalClientApp: QuoteApp
  permissionSet: QuotePermissions
```

## Use instead
```yaml
authorization:
  externalClientApp: QuoteApp
  permissionSet: QuotePermissions
```

## Source
Inference from S2/S3 (one OAuth client per authorization).
"#,
    check: check_al903,
};

fn check_al903(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let Some(auth) = sfdc.path(&["heroku", "authorization"]) else {
            continue;
        };
        let (Some(connected), Some(external)) = (auth.entry("connectedApp"), auth.entry("externalClientApp")) else {
            continue;
        };
        let later = if connected.key_span.start > external.key_span.start {
            connected
        } else {
            external
        };
        sink.report(
            later.key_span,
            format!(
                "{} names both a connected app and an external client app; it can use only one",
                op_name(ctx.spec, i)
            ),
        )
        .help("keep `externalClientApp` (connected apps can no longer be created) and remove `connectedApp`");
    }
}

pub static AL904: Rule = Rule {
    id: RuleId::new("AL904"),
    name: "heroku-connected-app-deprecated",
    severity: RuleSeverity::Warning,
    summary: "user-plus authorization uses an external client app, not a connected app",
    docs: r#"## What it does
Reports each connected app named in `x-sfdc.heroku.authorization.connectedApp`, once per name
(at its first use, with the number of operations that use it).

`--authorization-connected-app-name` is reported too, at the start of the file, when no
operation names its app (otherwise the finding at the spec's name covers it).

## Why
"As of the Salesforce Spring '26 release, you can no longer create new connected apps … use
external client apps instead." Publishing with `--authorization-connected-app-name` fails to
create the app in newer orgs, and the Heroku CLI flags it as deprecated. A connected app that
already exists in the org can still be referenced.

## Example
```yaml
authorization:
  connectedApp: GenerateQuoteConnectedApp
  permissionSet: GenerateQuotePermissions
```

## Use instead
```yaml
authorization:
  externalClientApp: GenerateQuoteApp
  permissionSet: GenerateQuotePermissions
```
and publish with `--authorization-external-client-app-name GenerateQuoteApp`.

`applinkc check --fix --unsafe-fixes` renames every `connectedApp` key that names the app to
`externalClientApp`, keeping the name and every other byte; the fix's title gives the flag to
publish with. It is unsafe: publishing then creates (or looks up) an external client app
instead of the connected app. There is no fix when one of those operations names an
`externalClientApp` already, nor for the `--authorization-connected-app-name` flag alone.

## Source
Heroku Dev Center, external client apps (S3) and JWT authorizations (S4); Heroku CLI applink
plugin 1.3.0 changelog (S25).

## applinkc differs from the catalog
One finding per connected-app name, not per operation: a spec whose ten operations share one
app gets one warning.
"#,
    check: check_al904,
};

fn check_al904(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let names = auth_names(ctx.spec);
    let in_spec = distinct(&names, AuthKind::ConnectedApp);
    if let Some(flag) = ctx.flags.connected_app_name.as_deref()
        && !in_spec.iter().any(|(first, _)| first.name == Some(flag))
    {
        sink.report(
            crate::source::Span::empty(0),
            format!(
                "`--authorization-connected-app-name {}` creates connected app `{flag}`: Salesforce no longer creates new connected apps",
                shell_word(flag)
            ),
        )
        .help("use an external client app: `--authorization-external-client-app-name` with `externalClientApp` in the spec");
    }
    for (first, count) in in_spec {
        let name = first.name.unwrap_or_default();
        let used = if count == 1 {
            String::new()
        } else {
            format!(" (used by {count} operations)")
        };
        let finding = sink
            .report(
                first.entry.key_span,
                format!("connected app `{name}`{used}: Salesforce no longer creates new connected apps"),
            )
            .help(format!(
                "use an external client app: `externalClientApp: {name}` with `--authorization-external-client-app-name {name}`; keep `connectedApp` only if the app already exists in the org"
            ));
        if let Some(fix) = external_client_app_fix(ctx, &names, name) {
            finding.fixed_by(fix);
        }
    }
}

/// Renames every `connectedApp` key naming `name` to `externalClientApp` (an entry shared by
/// a YAML alias once). No fix when one of those operations names an external client app
/// already (the two keys would have to be merged by hand), or a key is written with escapes.
fn external_client_app_fix(ctx: &Context<'_>, names: &[super::AuthName<'_>], name: &str) -> Option<Fix> {
    let mut edits = Vec::new();
    for n in names
        .iter()
        .filter(|n| n.kind == AuthKind::ConnectedApp && n.name == Some(name))
    {
        let has_external = names
            .iter()
            .any(|m| m.op == n.op && m.kind == AuthKind::ExternalClientApp);
        if has_external {
            return None;
        }
        if !n.first {
            continue;
        }
        let raw = n.entry.key_span.range();
        let at = ctx.source.text.get(raw.clone())?.find("connectedApp")?;
        let start = raw.start + at;
        edits.push(Edit::replace(
            crate::source::Span::new(start, start + "connectedApp".len()),
            "externalClientApp",
        ));
    }
    edits.sort_by_key(|e| e.start);
    Some(Fix::unsafe_(
        format!(
            "rename `connectedApp` to `externalClientApp` (then publish with `--authorization-external-client-app-name {}`)",
            shell_word(name)
        ),
        edits,
    ))
}

pub static AL906: Rule = Rule {
    id: RuleId::new("AL906"),
    name: "heroku-authorization-api-names",
    severity: RuleSeverity::Error,
    summary: "connected app, external client app and permission set names are valid API names",
    docs: r#"## What it does
Checks every `connectedApp`, `externalClientApp` and `permissionSet` value, and the
`--authorization-*` flag values, against the Salesforce API-name rules: letters, digits and
underscores, starting with a letter, no two consecutive underscores, not ending with an
underscore, at most 80 characters.

## Why
These values are the API names of the apps and permission sets AppLink creates or looks up.
A name with a space or a hyphen cannot exist in the org, so publishing fails or the operation
never gets its permissions. (The external client app's API name, filled from its label in
Setup, "must match the externalClientApp reference in your API spec file".)

## Example
```yaml
authorization:
  externalClientApp: Quote-App
  permissionSet: Generate Quote Perms
```

## Use instead
```yaml
authorization:
  externalClientApp: Quote_App
  permissionSet: Generate_Quote_Perms
```

## Source
Heroku Dev Center (S3); Tooling API DeveloperName rules (S17).
"#,
    check: check_al906,
};

/// `applinkc build` cannot compile past AL906's problem (`publication` refuses it).
pub static AL906_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL906,
    why: "the component is emitted under this API name",
};

fn check_al906(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let names = auth_names(ctx.spec);
    for n in names.iter().filter(|n| n.first) {
        let Some(name) = n.name.filter(|s| !s.trim().is_empty()) else {
            continue;
        };
        if let Some(problem) = api_name_problem(name, false) {
            let d = sink.report(
                n.entry.value.span,
                format!("{} name `{name}` is not a valid API name: {problem}", n.kind.noun()),
            );
            if let Some(fixed) = api_name_suggestion(name) {
                d.help(format!("use `{fixed}` here and in `{}`", n.kind.flag()));
            }
        }
    }
    for kind in AuthKind::ALL {
        let Some(value) = kind.flag_value(ctx.flags) else {
            continue;
        };
        if let Some(problem) = api_name_problem(value, false) {
            let d = sink.report(
                crate::source::Span::empty(0),
                format!(
                    "`{} {}` is not a valid {} API name: {problem}",
                    kind.flag(),
                    shell_word(value),
                    kind.noun()
                ),
            );
            d.about(kind.flag_key());
            if let Some(fixed) = api_name_suggestion(value) {
                d.help(format!("use `{fixed}` in the flag and in `{}`", kind.key()));
            }
        }
    }
}

pub static AL910: Rule = Rule {
    id: RuleId::new("AL910"),
    name: "heroku-permission-set-alone",
    severity: RuleSeverity::Warning,
    summary: "a `permissionSet` comes with a `connectedApp` or `externalClientApp`",
    docs: r#"## What it does
Reports an operation whose `x-sfdc.heroku.authorization` names a `permissionSet` but neither
a `connectedApp` nor an `externalClientApp`.

## Why
User-plus mode activates the session-based permission set through the OAuth client that
AppLink creates for the publication. A permission set alone is undocumented and probably
leaves the operation in plain user mode.

## Example
```yaml
authorization:
  permissionSet: QuotePermissions
```

## Use instead
```yaml
authorization:
  externalClientApp: QuoteApp
  permissionSet: QuotePermissions
```

## Source
Heroku Dev Center, *Heroku AppLink User Mode Options* (S2); inference.
"#,
    check: check_al910,
};

fn check_al910(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for (i, sfdc) in operation_blocks(ctx.spec) {
        let Some(auth) = sfdc.path(&["heroku", "authorization"]) else {
            continue;
        };
        let Some(entry) = auth.entry("permissionSet") else {
            continue;
        };
        if auth.get("connectedApp").is_some() || auth.get("externalClientApp").is_some() {
            continue;
        }
        sink.report(
            entry.key_span,
            format!(
                "{} names a permission set but no external client app or connected app",
                op_name(ctx.spec, i)
            ),
        )
        .help("add `externalClientApp: <name>`; user-plus mode needs the OAuth client AppLink creates");
    }
}

pub static AL911: Rule = Rule {
    id: RuleId::new("AL911"),
    name: "heroku-authorization-placement",
    severity: RuleSeverity::Warning,
    summary: "`x-sfdc.heroku` is written on operations, not at the root or on a path",
    docs: r#"## What it does
Reports `x-sfdc.heroku` written at the document root or on a path item.

## Why
Every published spec annotates each operation with its own `x-sfdc.heroku.authorization`. A
block above the operations is undocumented and most likely ignored: the operations run in
plain user mode.

## Example
```yaml
x-sfdc:
  heroku:
    authorization:
      externalClientApp: QuoteApp
```

## Use instead
```yaml
paths:
  /quote:
    post:
      x-sfdc:
        heroku:
          authorization:
            externalClientApp: QuoteApp
            permissionSet: QuotePermissions
```
A YAML anchor (`x-sfdc: &auth …`, then `x-sfdc: *auth`) avoids repeating it.

## Source
Every published sample in the corpus.
"#,
    check: check_al911,
};

fn check_al911(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut report = |node: &Node, place: &str| {
        if let Some(entry) = node.get("x-sfdc").and_then(|s| s.entry("heroku")) {
            sink.report(
                entry.key_span,
                format!("`x-sfdc.heroku` on {place} is not read; AppLink reads it on each operation"),
            )
            .help("move `x-sfdc.heroku.authorization` into each operation (a YAML anchor avoids repeating it)");
        }
    };
    report(ctx.root(), "the document root");
    if let Some(paths) = ctx.root().get("paths") {
        for path in paths.entries() {
            report(&path.value, &format!("path `{}`", path.key));
        }
    }
}
