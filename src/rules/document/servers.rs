//! AL108: `servers` — not used for routing; a base path in it may be dropped.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::Node;

pub static AL108: Rule = Rule {
    id: RuleId::new("AL108"),
    name: "server-base-path",
    severity: RuleSeverity::Warning,
    summary: "server URLs have no base path and no unresolved variables",
    docs: r##"## What it does
Looks at every `servers[*].url` at the document root. Substitutes the defaults of declared
server variables, then reports a URL that carries a path other than `/` (a *base path*, such as
`/api/v1`) or that uses a `{variable}` not declared under `variables`. Host names are not
judged: published specs use `http://localhost:8080`, `http://127.0.0.1:3000`, `/`, the app's own
URL, or no `servers` at all.

## Why
Salesforce reaches the app through AppLink, not through the URL in `servers`. Everything the
app needs to receive must therefore be in the paths themselves: a base path written only in
the server URL may be silently dropped, and the calls then land on `/quote` instead of
`/api/v1/quote`. An undeclared variable makes the URL meaningless to every tool.

## Example
```yaml
servers:
  - url: https://quotes.herokuapp.com/api/v1
paths:
  /quote:
    post: …
```

## Use instead
```yaml
servers:
  - url: /
paths:
  /api/v1/quote:
    post: …
```

## Source
Inference from how AppLink routes calls, and observation of the published specs (catalog
section 13); OpenAPI Specification 3.0.3 §4.7.5, *Server Object* (S29).

## applinkc differs from the catalog
The catalog warns on "unresolved server variables". OpenAPI requires a `default` for every
declared variable, so applinkc substitutes the defaults (and then checks the base path) and
warns only about variables that are not declared at all.
"##,
    check,
};

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for server in ctx.root().get("servers").map(Node::items).unwrap_or_default() {
        let Some(url_node) = server.get("url") else { continue };
        let Some(url) = url_node.as_str() else { continue };
        let (resolved, undeclared) = substitute(url, server.get("variables"));
        if let Some(name) = undeclared.first() {
            sink.report(
                url_node.span,
                format!("server URL `{url}` uses `{{{name}}}`, which is not declared under `variables`"),
            )
            .help(format!(
                "declare `variables: {{{name}: {{default: …}}}}`, or use `url: /`: AppLink does not route calls through `servers`"
            ));
            continue;
        }
        let path = base_path(&resolved);
        if !path.is_empty() {
            let shown = if resolved == url {
                format!("`{url}`")
            } else {
                format!("`{url}` (`{resolved}`)")
            };
            sink.report(
                url_node.span,
                format!("server URL {shown} has the base path `{path}`, which calls through AppLink may not use"),
            )
            .help(format!(
                "Salesforce reaches the app through AppLink, not this URL: put `{path}` into every path (`{path}/…`) and use `url: /`"
            ));
        }
    }
}

/// Replaces `{name}` by the variable's default; returns the URL and the undeclared names.
fn substitute(url: &str, variables: Option<&Node>) -> (String, Vec<String>) {
    let mut out = String::with_capacity(url.len());
    let mut undeclared = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..open + close];
        match variables
            .and_then(|v| v.get(name))
            .and_then(|v| v.get("default"))
            .and_then(Node::as_str)
        {
            Some(default) => out.push_str(default),
            None => undeclared.push(name.to_string()),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    (out, undeclared)
}

/// The path of a URL without trailing `/`, query or fragment: `https://h/api/v1/` → `/api/v1`;
/// empty for a root URL.
fn base_path(url: &str) -> &str {
    let url = url.split(['?', '#']).next().unwrap_or(url);
    let path = match url.find("://") {
        Some(scheme_end) => {
            let after = &url[scheme_end + 3..];
            after.find('/').map_or("", |slash| &after[slash..])
        }
        // `//host/path` (scheme-relative) or a relative URL (`/api`, `api`).
        None => match url.strip_prefix("//") {
            Some(after) => after.find('/').map_or("", |slash| &after[slash..]),
            None => url,
        },
    };
    let path = path.trim_end_matches('/');
    if path.is_empty() || path == "." { "" } else { path }
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("http://localhost:8080"), "");
        assert_eq!(base_path("/"), "");
        assert_eq!(base_path("https://app.herokuapp.com/"), "");
        assert_eq!(base_path("https://app.herokuapp.com/api/v1/"), "/api/v1");
        assert_eq!(base_path("/api?x=1"), "/api");
        assert_eq!(base_path("//h.example.com/v2"), "/v2");
    }
}
