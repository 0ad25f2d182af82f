//! AL707, AL708, AL710: the topic name — recommended style, API-name validity, org uniqueness.

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink, StopsBuild};
use crate::source::Node;
use crate::spec::xsfdc::{api_name_problem, api_name_suggestion};

/// The topic `name` node when it is a non-empty string (AL705 reports the other cases).
fn name_node<'a>(ctx: &Context<'a>) -> Option<(&'a Node, &'a str)> {
    let node = ctx.root().path(&["x-sfdc", "agent", "topic", "name"])?;
    let name = node.as_str().filter(|s| !s.trim().is_empty())?;
    Some((node, name))
}

pub static AL707: Rule = Rule {
    id: RuleId::new("AL707"),
    name: "topic-name-snake-case",
    severity: RuleSeverity::Warning,
    summary: "the topic name is snake_case, starting with a lower-case letter",
    docs: r#"## What it does
Checks that the topic `name` follows the documented recommendation: snake case, starting with a
letter — lower-case letters, digits and underscores (`^[a-z][a-z0-9_]*$`). Spaces are tolerated,
as the documentation allows them.

## Why
The Heroku documentation recommends "snake case, starting with a letter, containing
alphanumeric characters, spaces, and underscores". Every published topic follows it
(`heroku_badge_generation`, `data_cloud_inspector_v4`).

## Example
```yaml
topic:
  name: HerokuBadges
```

## Use instead
```yaml
topic:
  name: heroku_badges
```

## Source
Heroku Dev Center, *Configuring OpenAPI Specification for Heroku AppLink* (S1).

## applinkc differs from the catalog
A name that AL708 rejects (an invalid API name) is not reported here as well: fix AL708 first.
"#,
    check: check_al707,
};

fn check_al707(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some((node, name)) = name_node(ctx) else {
        return;
    };
    if api_name_problem(name, true).is_some() || is_snake(name) {
        return;
    }
    let snake = to_snake(name);
    let d = sink.report(node.span, format!("topic name `{name}` is not snake_case"));
    if is_snake(&snake) {
        d.help(format!("the documentation recommends snake_case: `{snake}`"));
    } else {
        d.help("the documentation recommends snake_case: lower-case letters, digits and underscores");
    }
}

fn is_snake(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == ' ')
}

/// `HerokuBadges` → `heroku_badges`, `Badge Service` → `badge_service`.
fn to_snake(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_lower = true;
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    out.trim_matches('_').to_string()
}

pub static AL708: Rule = Rule {
    id: RuleId::new("AL708"),
    name: "topic-name-api-name",
    severity: RuleSeverity::Error,
    summary: "the topic name is usable as an API name",
    docs: r#"## What it does
Checks that the topic `name` can be the topic's API name (GenAiPluginDefinition
DeveloperName): at most 80 characters, starting with a letter, only letters, digits,
underscores (and spaces, which the Heroku documentation allows), no two consecutive
underscores, not ending with an underscore.

## Why
The topic is created under this name. A name Salesforce cannot use as an API name makes the
topic fail to be created.

## Example
```yaml
topic:
  name: heroku__badges_
```

## Use instead
```yaml
topic:
  name: heroku_badges
```

## Source
Salesforce Field Reference, *GenAiPluginDefinition* (S20); Metadata API
*GenAiPluginInstructionDef* developer-name rules (S21); Heroku Dev Center (S1) for spaces.

## applinkc differs from the catalog
The catalog leaves spaces open ("allowed only if AppLink converts them — unverified").
applinkc accepts them, because the Heroku documentation lists spaces among the characters of a
topic name: an error here would contradict the documentation. Leading spaces and the other
rules (`__`, trailing `_`, length) still apply.
"#,
    check: check_al708,
};

/// `applinkc build` cannot compile past AL708's problem (`publication` refuses it).
pub static AL708_STOPS_BUILD: StopsBuild = StopsBuild {
    rule: &AL708,
    why: super::NAMES_TOPIC,
};

fn check_al708(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some((node, name)) = name_node(ctx) else {
        return;
    };
    let Some(problem) = api_name_problem(name, true) else {
        return;
    };
    let d = sink.report(
        node.span,
        format!("topic name `{name}` cannot be an API name: {problem}"),
    );
    match api_name_suggestion(&to_snake(name)) {
        Some(fixed) => d.help(format!("use `{}`", fixed.to_ascii_lowercase())),
        None => d.help("start with a letter; use letters, digits and single underscores"),
    };
}

pub static AL710: Rule = Rule {
    id: RuleId::new("AL710"),
    name: "topic-name-org-unique",
    severity: RuleSeverity::Info,
    summary: "the topic name is specific enough to be unique in the org",
    docs: r#"## What it does
Reports a topic name that is likely to collide with another topic in the org: a single generic
word (no underscore or space, e.g. `quotes`), or the topic name of a Heroku sample
(`heroku_badge_generation`, kept when a spec is copied from the Agentforce tutorial).

## Why
Topics are org metadata: two specs (or two versions of one app published under different
client names) that declare the same topic name collide. One author versioned theirs
`data_cloud_inspector_v4` to avoid it. applinkc cannot see the org, so it only points out
names that are likely to be taken.

## Example
```yaml
topic:
  name: quotes
```

## Use instead
```yaml
topic:
  name: acme_quote_service
```

## Source
Corpus #4 and #11; inference from GenAiPluginDefinition being org metadata.

## applinkc differs from the catalog
The catalog describes the rule as "not checkable locally", which would make it an info line on
every spec with a topic. applinkc reports only names that are likely to collide (one generic
word, or a sample's name), so that a specific name gives no finding.
"#,
    check: check_al710,
};

/// Topic names of Heroku's published samples, which specs copied from them keep.
const SAMPLE_TOPICS: [&str; 1] = ["heroku_badge_generation"];

fn check_al710(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some((node, name)) = name_node(ctx) else {
        return;
    };
    if SAMPLE_TOPICS.contains(&name) {
        sink.report(
            node.span,
            format!("topic `{name}` is the topic of Heroku's Agentforce tutorial; topic names are org-wide, and another app built from the tutorial collides with it"),
        )
        .help("use a name specific to this app");
    } else if !name.contains(['_', ' ']) {
        sink.report(
            node.span,
            format!("topic name `{name}` is one generic word; topic names are org-wide, and another app with a `{name}` topic collides with it"),
        )
        .help(format!("use a name specific to this app, e.g. `<app>_{}`", name.to_ascii_lowercase()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_suggestions() {
        assert_eq!(to_snake("HerokuBadges"), "heroku_badges");
        assert_eq!(to_snake("Badge Service-v2"), "badge_service_v2");
        assert!(is_snake("data_cloud_inspector_v4"));
        assert!(!is_snake("Data"));
    }
}
