//! AL907–AL909, AL950, AL951: the publish flags compared with the spec, and `--client-name`.

use super::{AuthKind, auth_names, distinct};
use crate::flags::{Flag, PublishFlags};
use crate::rules::wording::shell_word;
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink, StopsBuild};
use crate::source::Span;
use crate::spec::xsfdc::{api_name_problem, api_name_suggestion};

/// Whether the user described a publish command (gave any publish flag). Without flags
/// applinkc cannot know what the publish creates, so it does not guess.
fn describes_publish(flags: &PublishFlags) -> bool {
    flags.client_name.is_some()
        || flags.connected_app_name.is_some()
        || flags.external_client_app_name.is_some()
        || flags.permission_set_name.is_some()
        || flags.metadata_dir.is_some()
}

fn has_file(flags: &PublishFlags, kind: AuthKind) -> bool {
    match (kind.file(), &flags.metadata_dir) {
        (Some(file), Some(dir)) => dir.has(file),
        _ => false,
    }
}

pub static AL907: Rule = Rule {
    id: RuleId::new("AL907"),
    name: "authorization-flags-match-spec",
    severity: RuleSeverity::Error,
    summary: "the `--authorization-*` flags equal the names in the spec",
    docs: r#"## What it does
When `--authorization-external-client-app-name`, `--authorization-connected-app-name` or
`--authorization-permission-set-name` is given, checks that every `externalClientApp`,
`connectedApp` or `permissionSet` in the spec has exactly that value. Each differing name is
reported once, at its first use.

## Why
The flags name what the publish creates; the spec names what each operation uses. "This value
must match the `externalClientApp` value defined in `api-spec.yaml`." When they differ, the
publish creates one app or permission set and the operations look for another, which does not
exist.

## Example
```console
$ applinkc check api-spec.yaml --authorization-permission-set-name MyPermSet
```
with `permissionSet: MyAppLinkPermSet` in the spec.

## Use instead
```console
$ applinkc check api-spec.yaml --authorization-permission-set-name MyAppLinkPermSet
```

## Source
Template README (S26): "This value must match the `externalClientApp` value defined in
`api-spec.yaml`"; Heroku Dev Center, external client apps (S3).
"#,
    check: check_al907,
};

/// `applinkc build` cannot compile past AL907's problem (`publication` refuses it).
pub static AL907_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL907,
    why: "publish creates the flag's name, and build emits what publish creates",
};

fn check_al907(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let names = auth_names(ctx.spec);
    for kind in AuthKind::ALL {
        let Some(flag) = kind.flag_value(ctx.flags) else {
            continue;
        };
        for (first, _) in distinct(&names, kind) {
            let name = first.name.unwrap_or_default();
            if name == flag {
                continue;
            }
            let case = if name.eq_ignore_ascii_case(flag) {
                " (they differ in letter case)"
            } else {
                ""
            };
            sink.report(
                first.entry.value.span,
                format!("`{}` is `{name}`, but `{}` is `{flag}`{case}", kind.key(), kind.flag()),
            )
            .help(format!(
                "use one name in both places; the publish creates {} `{flag}`",
                kind.noun()
            ));
        }
    }
}

pub static AL908: Rule = Rule {
    id: RuleId::new("AL908"),
    name: "authorization-not-created",
    severity: RuleSeverity::Warning,
    summary: "every app and permission set the spec names is created by the publish or already exists",
    docs: r#"## What it does
When you describe the publish command (any publish flag is given), reports each
`connectedApp`, `externalClientApp` and `permissionSet` name of the spec that this publish does
not create: its `--authorization-*` flag is absent and `--metadata-dir` has no matching
`connectedapp-meta.xml` / `permissionset-meta.xml`.

## Why
Such a name must already exist in the org. That is fine when you reuse an app or permission
set, but usually the flag was forgotten, and the operations fail at run time for lack of it.

## Example
```console
$ applinkc check api-spec.yaml --client-name Quote
```
with `permissionSet: QuotePermissions` in the spec.

## Use instead
```console
$ applinkc check api-spec.yaml --client-name Quote --authorization-permission-set-name QuotePermissions
```

## Source
Heroku CLI applink plugin `publish.ts` (S25); corpus #13, #14.

## applinkc differs from the catalog
Without any publish flag applinkc cannot know what the publish creates, so AL908 is silent:
`applinkc check api-spec.yaml` alone does not warn about every name in the spec. Give the flags
you publish with (at least `--client-name`) to enable it.
"#,
    check: check_al908,
};

fn check_al908(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    if !describes_publish(ctx.flags) {
        return;
    }
    let names = auth_names(ctx.spec);
    for kind in AuthKind::ALL {
        if kind.flag_value(ctx.flags).is_some() || has_file(ctx.flags, kind) {
            continue;
        }
        for (first, _) in distinct(&names, kind) {
            let name = first.name.unwrap_or_default();
            let file = kind
                .file()
                .map_or_else(String::new, |f| format!(" and no `{f}` in `--metadata-dir`"));
            sink.report(
                first.entry.value.span,
                format!(
                    "{} `{name}` is not created by this publish (no `{}`{file}); it must already exist in the org",
                    kind.noun(),
                    kind.flag()
                ),
            )
            .help(format!(
                "publish with `{} {name}` unless it already exists",
                kind.flag()
            ));
        }
    }
}

pub static AL909: Rule = Rule {
    id: RuleId::new("AL909"),
    name: "authorization-created-but-unused",
    severity: RuleSeverity::Warning,
    summary: "what the `--authorization-*` flags create is used by some operation",
    docs: r#"## What it does
Reports an `--authorization-*` flag (or a `connectedapp-meta.xml` / `permissionset-meta.xml` in
`--metadata-dir`) when no operation names an app or permission set of that kind in
`x-sfdc.heroku.authorization`.

## Why
The publish creates the app or permission set, but no operation uses it, so every call runs in
plain user mode. The DF25 mini-hack instructions do exactly this: user-plus flags with an
unannotated spec.

## Example
```console
$ applinkc check api-spec.yaml --authorization-permission-set-name QuotePermissions
```
with no `x-sfdc.heroku.authorization` in the spec.

## Use instead
```yaml
x-sfdc:
  heroku:
    authorization:
      externalClientApp: QuoteApp
      permissionSet: QuotePermissions
```
on each operation that needs the extra permissions (or drop the flag).

## Source
Corpus #16 and its README; inference.

## applinkc differs from the catalog
The catalog fires only when the spec has no authorization at all. applinkc checks each kind:
`--authorization-connected-app-name` with a spec that only names `externalClientApp` creates
an app nobody uses, too.
"#,
    check: check_al909,
};

fn check_al909(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let names = auth_names(ctx.spec);
    for kind in AuthKind::ALL {
        if names.iter().any(|n| n.kind == kind) {
            continue;
        }
        let key = kind.key();
        if let Some(value) = kind.flag_value(ctx.flags) {
            sink.report(
                Span::empty(0),
                format!(
                    "`{} {}` creates {} `{value}`, but no operation names it in `x-sfdc.heroku.authorization.{key}`",
                    kind.flag(),
                    shell_word(value),
                    kind.noun()
                ),
            )
            .help(format!(
                "add `{key}: {value}` to the operations that need it, or drop the flag"
            ));
        }
        if has_file(ctx.flags, kind)
            && let (Some(file), Some(dir)) = (kind.file(), &ctx.flags.metadata_dir)
        {
            sink.report(
                Span::empty(0),
                format!(
                    "`--metadata-dir {}` has `{file}`, but no operation names a {} in `x-sfdc.heroku.authorization.{key}`",
                    dir.path.display(),
                    kind.noun()
                ),
            )
            .help(format!("add `{key}: <name>` to the operations that need it, or remove the file"));
        }
    }
}

pub static AL950: Rule = Rule {
    id: RuleId::new("AL950"),
    name: "client-name-valid",
    severity: RuleSeverity::Error,
    summary: "`--client-name` is a valid External Service name",
    docs: r#"## What it does
Checks the `--client-name` flag: letters, digits and underscores, starting with a letter, no
two consecutive underscores, not ending with an underscore, at most 80 characters.

## Why
The client name becomes the External Service registration's developer name ("only
underscores and alphanumeric characters … must begin with a letter, not include spaces, not
end with an underscore, and not contain two consecutive underscores"), the Apex class
`HerokuAppLink.<client-name>` and a permission set name. An invalid name fails the publish.

## Example
```console
$ applinkc check api-spec.yaml --client-name "Quote Service"
```

## Use instead
```console
$ applinkc check api-spec.yaml --client-name QuoteService
```

## Source
Tooling API, *ExternalServiceRegistration* DeveloperName (S17); template README (S26).
"#,
    check: check_al950,
};

/// `applinkc build` cannot compile past AL950's problem (`publication` refuses it).
pub static AL950_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL950,
    why: "the registration, its credentials and permission set are named after the client name",
};

fn check_al950(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(name) = ctx.flags.client_name.as_deref() else {
        return;
    };
    let Some(problem) = api_name_problem(name, false) else {
        return;
    };
    let d = sink.report(
        Span::empty(0),
        format!(
            "`--client-name {}` is not a valid External Service name: {problem}",
            shell_word(name)
        ),
    );
    d.about(Flag::ClientName);
    match api_name_suggestion(name) {
        Some(fixed) => d.help(format!("use `--client-name {fixed}`")),
        None => d.help("start with a letter; use letters, digits and single underscores"),
    };
}

pub static AL951: Rule = Rule {
    id: RuleId::new("AL951"),
    name: "client-name-unique",
    severity: RuleSeverity::Warning,
    summary: "the `--client-name` does not also name the user-plus permission set",
    docs: r#"## What it does
Reports a `--client-name` that equals (ignoring letter case) the user-plus permission set
name: `--authorization-permission-set-name` or a `permissionSet` of the spec.

## Why
The client name must be unique in the org, and publishing uses it for more than the External
Service registration: it also creates a permission set named after it, which grants access to
the service ("The above process created `BadgeService` and `BadgeServicePermissions`
permission sets"). A user-plus permission set of the same name collides with it: API names are
unique in the org regardless of case. (Whether publishing again under the same client name
replaces the registration, and with it the generated `HerokuAppLink.<name>` Apex classes that
your Apex compiles against, is unverified.)

## Example
```console
$ applinkc check api-spec.yaml --client-name BadgeService --authorization-permission-set-name BadgeService
```

## Use instead
```console
$ applinkc check api-spec.yaml --client-name BadgeService --authorization-permission-set-name BadgeServicePermissions
```

## Source
heroku-examples/heroku-agentforce-tutorial README (S26); Metadata API
*ExternalServiceRegistration* (S16); inference.

## applinkc differs from the catalog
The catalog's AL951 is an info reminder that cannot be checked locally, which would print on
every check with `--client-name`. applinkc reports only the one collision it can see — the
permission set named after the client — and as a warning, because the second permission set
cannot be created. The finding notes that `applinkc build` refuses it (an error there: build
emits both permission sets), at the place of build's refusal.
"#,
    check: check_al951,
};

/// `applinkc build` cannot compile past AL951's problem (`publication` refuses it).
pub static AL951_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL951,
    why: "the permission set that grants access to the service is emitted under the client name",
};

/// `applinkc build` emits the service's permission set under the client name itself, so a
/// second one of that name is a refusal there, at this same place (`publication::builder`).
const BUILD_REFUSES_AL951: &str = "`applinkc build` refuses this: it emits the permission set that grants access to the service under the client name";

fn check_al951(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(client) = ctx.flags.client_name.as_deref() else {
        return;
    };
    if api_name_problem(client, false).is_some() {
        return; // AL950
    }
    let help = "give the user-plus permission set its own name, e.g. `<client-name>Permissions`";
    if let Some(set) = ctx
        .flags
        .permission_set_name
        .as_deref()
        .filter(|s| s.eq_ignore_ascii_case(client))
    {
        sink.report(
            Span::empty(0),
            format!(
                "`--authorization-permission-set-name {}` is the client name: publishing also creates a permission set named `{client}` for the service",
                shell_word(set)
            ),
        )
        .help(help)
        .note(BUILD_REFUSES_AL951)
        .about(Flag::PermissionSetName);
        return;
    }
    let names = auth_names(ctx.spec);
    for (first, _) in distinct(&names, AuthKind::PermissionSet) {
        let name = first.name.unwrap_or_default();
        if name.eq_ignore_ascii_case(client) {
            sink.report(
                first.entry.value.span,
                format!(
                    "permission set `{name}` has the name of `--client-name {client}`: publishing also creates a permission set named `{client}` for the service"
                ),
            )
            .help(help)
            .note(BUILD_REFUSES_AL951);
        }
    }
}
