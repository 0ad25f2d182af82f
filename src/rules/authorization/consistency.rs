//! AL905: one OAuth client and one permission set across the spec.

use super::{AuthKind, AuthName, auth_names, op_name};
use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};

pub static AL905: Rule = Rule {
    id: RuleId::new("AL905"),
    name: "heroku-one-app-per-spec",
    severity: RuleSeverity::Warning,
    summary: "all operations name the same OAuth client and the same permission set",
    docs: r#"## What it does
Compares the `x-sfdc.heroku.authorization` of all operations: one OAuth client (the same
`connectedApp` or `externalClientApp` name) and one `permissionSet` name across the spec.
Each differing name is reported once, at its first use.

## Why
The publish flags name exactly one app and one permission set to create. Any other name in the
spec is not created by the publish and must already exist in the org; usually a second name
is a copy-paste slip. Every published sample uses a single name.

## Example
```yaml
/quote:
  post:
    x-sfdc: {heroku: {authorization: {externalClientApp: QuoteApp, permissionSet: QuotePerms}}}
/order:
  post:
    x-sfdc: {heroku: {authorization: {externalClientApp: OrderApp, permissionSet: QuotePerms}}}
```

## Use instead
The same `externalClientApp` (and `permissionSet`) on every operation; a YAML anchor keeps
them in one place.

## Source
Heroku CLI applink plugin `publish.ts` (S25); corpus.
"#,
    check: check_al905,
};

fn check_al905(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let names = auth_names(ctx.spec);
    // One OAuth client per operation: two on the same operation are AL903's finding.
    let mut clients: Vec<&AuthName<'_>> = Vec::new();
    for n in names.iter().filter(|n| n.kind.is_oauth_client()) {
        if !clients.iter().any(|c| c.op == n.op) {
            clients.push(n);
        }
    }
    let sets: Vec<&AuthName<'_>> = names.iter().filter(|n| n.kind == AuthKind::PermissionSet).collect();
    for group in [clients, sets] {
        let mut seen: Vec<&AuthName<'_>> = Vec::new();
        for n in group {
            let Some(name) = n.name else { continue };
            if seen.iter().any(|s| s.kind == n.kind && s.name == Some(name)) {
                continue;
            }
            if let Some(reference) = seen.first() {
                let what = |x: &AuthName<'_>| format!("{} `{}`", x.kind.noun(), x.name.unwrap_or_default());
                sink.report(
                    n.entry.value.span,
                    format!(
                        "{} uses {}, but {} uses {}; one publish creates one {}",
                        op_name(ctx.spec, n.op),
                        what(n),
                        op_name(ctx.spec, reference.op),
                        what(reference),
                        if n.kind.is_oauth_client() {
                            "OAuth client"
                        } else {
                            "permission set"
                        },
                    ),
                )
                .help(format!(
                    "use `{}` on every operation, or make sure `{name}` already exists in the org",
                    reference.name.unwrap_or_default()
                ));
            }
            seen.push(n);
        }
    }
}
