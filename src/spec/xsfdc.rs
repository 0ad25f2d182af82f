//! Typed reading of the `x-sfdc` extensions (agent topic, agent action, privacy, Heroku
//! authorization). These readers are lenient: they take what is well-typed and leave shape
//! problems to the AL7xx–AL9xx rules, which report them with positions.

use crate::source::Node;

/// `x-sfdc.agent.topic` at the document root.
#[derive(Debug, Clone)]
pub struct AgentTopic<'a> {
    pub node: &'a Node,
    pub name: Option<&'a str>,
    pub classification_description: Option<&'a str>,
    pub scope: Option<&'a str>,
    /// `instructions` as a list of strings (a single string counts as one instruction).
    pub instructions: Vec<&'a str>,
}

pub fn topic(root: &Node) -> Option<AgentTopic<'_>> {
    let node = root.path(&["x-sfdc", "agent", "topic"])?;
    if !node.is_map() {
        return None;
    }
    let text = |key: &str| node.get(key).and_then(Node::as_str);
    let instructions = match node.get("instructions") {
        Some(n) if n.is_seq() => n.items().iter().filter_map(Node::as_str).collect(),
        Some(n) => n.as_str().into_iter().collect(),
        None => Vec::new(),
    };
    Some(AgentTopic {
        node,
        name: text("name"),
        classification_description: text("classificationDescription"),
        scope: text("scope"),
        instructions,
    })
}

/// `x-sfdc.agent.action` (+ `x-sfdc.privacy.isPii`) on an operation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgentAction {
    pub publish: bool,
    pub is_user_input: Option<bool>,
    pub is_displayable: Option<bool>,
    /// `x-sfdc.privacy.isPii`, or the undocumented `x-sfdc.agent.action.isPii`.
    pub is_pii: Option<bool>,
}

pub fn action(op: &Node) -> Option<AgentAction> {
    let sfdc = op.get("x-sfdc")?;
    let action = sfdc.path(&["agent", "action"]);
    let flag = |key: &str| action.and_then(|a| a.get(key)).and_then(Node::as_bool);
    let pii = sfdc
        .path(&["privacy", "isPii"])
        .and_then(Node::as_bool)
        .or_else(|| flag("isPii"));
    if action.is_none() && pii.is_none() {
        return None;
    }
    Some(AgentAction {
        publish: flag("publishAsAgentAction") == Some(true),
        is_user_input: flag("isUserInput"),
        is_displayable: flag("isDisplayable"),
        is_pii: pii,
    })
}

/// `x-sfdc.heroku.authorization` on an operation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Authorization<'a> {
    pub connected_app: Option<&'a str>,
    pub external_client_app: Option<&'a str>,
    pub permission_set: Option<&'a str>,
}

pub fn authorization(op: &Node) -> Option<Authorization<'_>> {
    let node = op.path(&["x-sfdc", "heroku", "authorization"])?;
    let text = |key: &str| node.get(key).and_then(Node::as_str);
    Some(Authorization {
        connected_app: text("connectedApp"),
        external_client_app: text("externalClientApp"),
        permission_set: text("permissionSet"),
    })
}

/// Where an `x-sfdc` block sits: at the document root or on an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Root,
    Operation,
}

/// What a key of an `x-sfdc` block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Map,
    Bool,
    Text,
    /// A list of strings (a single string counts as one item).
    TextList,
}

/// One key AppLink reads in an `x-sfdc` block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub place: Place,
    /// The keys from `x-sfdc` (exclusive) down to this key; empty for `x-sfdc` itself.
    pub path: &'static [&'static str],
    pub kind: KeyKind,
    /// What the key does, in markdown.
    pub doc: &'static str,
}

impl Key {
    pub fn name(&self) -> &'static str {
        self.path.last().copied().unwrap_or("x-sfdc")
    }
}

/// The keys of the `x-sfdc` blocks AppLink reads, each at its place (Heroku Dev Center,
/// *Configuring OpenAPI Specification for Heroku AppLink*, S1), in the order they are listed
/// in messages. The key rules (AL704, AL705, AL801, AL902) and the language server's
/// hover and completion read this table.
pub const KEYS: &[Key] = &[
    Key {
        place: Place::Root,
        path: &[],
        kind: KeyKind::Map,
        doc: "Heroku AppLink's extension at the document root: `agent.topic`, the Agentforce topic.",
    },
    Key {
        place: Place::Root,
        path: &["agent"],
        kind: KeyKind::Map,
        doc: "Agentforce at the document root: the `topic`.",
    },
    Key {
        place: Place::Root,
        path: &["agent", "topic"],
        kind: KeyKind::Map,
        doc: "The agent topic publishing creates (a GenAiPlugin): `name`, `classificationDescription`, `scope`, `instructions`.",
    },
    Key {
        place: Place::Root,
        path: &["agent", "topic", "name"],
        kind: KeyKind::Text,
        doc: "The topic's name, also its API name (spaces become `_`; see AL708).",
    },
    Key {
        place: Place::Root,
        path: &["agent", "topic", "classificationDescription"],
        kind: KeyKind::Text,
        doc: "When the agent picks this topic: the planner reads it.",
    },
    Key {
        place: Place::Root,
        path: &["agent", "topic", "scope"],
        kind: KeyKind::Text,
        doc: "What the topic's actions are for, and what they must not do.",
    },
    Key {
        place: Place::Root,
        path: &["agent", "topic", "instructions"],
        kind: KeyKind::TextList,
        doc: "Rules the agent follows in this topic, one per item.",
    },
    Key {
        place: Place::Operation,
        path: &[],
        kind: KeyKind::Map,
        doc: "Heroku AppLink's extension on an operation: `agent.action` (an Agentforce agent action), `heroku.authorization` (user-plus mode), `privacy`.",
    },
    Key {
        place: Place::Operation,
        path: &["agent"],
        kind: KeyKind::Map,
        doc: "Agentforce on an operation: the `action`.",
    },
    Key {
        place: Place::Operation,
        path: &["agent", "action"],
        kind: KeyKind::Map,
        doc: "This operation as an Agentforce agent action: `publishAsAgentAction`, `isUserInput`, `isDisplayable`.",
    },
    Key {
        place: Place::Operation,
        path: &["agent", "action", "publishAsAgentAction"],
        kind: KeyKind::Bool,
        doc: "`true`: the operation is also an agent action (the stricter agent rules apply).",
    },
    Key {
        place: Place::Operation,
        path: &["agent", "action", "isUserInput"],
        kind: KeyKind::Bool,
        doc: "`true`: the agent asks the user for the inputs it cannot fill.",
    },
    Key {
        place: Place::Operation,
        path: &["agent", "action", "isDisplayable"],
        kind: KeyKind::Bool,
        doc: "`true`: the agent shows the output to the user.",
    },
    Key {
        place: Place::Operation,
        path: &["heroku"],
        kind: KeyKind::Map,
        doc: "`authorization`: what publishing creates for user-plus mode.",
    },
    Key {
        place: Place::Operation,
        path: &["heroku", "authorization"],
        kind: KeyKind::Map,
        doc: "User-plus mode: `externalClientApp` (or the legacy `connectedApp`) and the session-activated `permissionSet`.",
    },
    Key {
        place: Place::Operation,
        path: &["heroku", "authorization", "connectedApp"],
        kind: KeyKind::Text,
        doc: "The legacy connected app of user-plus mode (AL904: Spring '26 orgs cannot create new ones).",
    },
    Key {
        place: Place::Operation,
        path: &["heroku", "authorization", "externalClientApp"],
        kind: KeyKind::Text,
        doc: "The External Client App of user-plus mode; `--authorization-external-client-app-name` creates it.",
    },
    Key {
        place: Place::Operation,
        path: &["heroku", "authorization", "permissionSet"],
        kind: KeyKind::Text,
        doc: "The session-activated permission set of user-plus mode; `--authorization-permission-set-name` creates it.",
    },
    Key {
        place: Place::Operation,
        path: &["privacy"],
        kind: KeyKind::Map,
        doc: "`isPii`: whether inputs and outputs hold personal data.",
    },
    Key {
        place: Place::Operation,
        path: &["privacy", "isPii"],
        kind: KeyKind::Bool,
        doc: "`true`: the inputs and outputs are personal data (`lightning:isPII` in the agent action).",
    },
];

/// The key at `path` (from `x-sfdc`, exclusive) of a block at `place`.
pub fn key<S: AsRef<str>>(place: Place, path: &[S]) -> Option<&'static Key> {
    KEYS.iter().find(|k| {
        k.place == place && k.path.len() == path.len() && k.path.iter().zip(path).all(|(a, b)| *a == b.as_ref())
    })
}

/// The keys AppLink reads in the mapping at `parent` (from `x-sfdc`, exclusive; empty for the
/// `x-sfdc` block itself) of a block at `place`.
pub fn children<S: AsRef<str>>(place: Place, parent: &[S]) -> impl Iterator<Item = &'static Key> + '_ {
    KEYS.iter().filter(move |k| {
        k.place == place && k.path.len() == parent.len() + 1 && k.path.iter().zip(parent).all(|(a, b)| *a == b.as_ref())
    })
}

/// The names of [`children`].
pub fn child_names(place: Place, parent: &[&str]) -> Vec<&'static str> {
    children(place, parent).map(Key::name).collect()
}

/// The four boolean agent flags (`x-sfdc.agent.action.*`; `isPii` belongs under `privacy`).
pub const AGENT_FLAGS: [&str; 4] = ["publishAsAgentAction", "isUserInput", "isDisplayable", "isPii"];

/// The longest Salesforce API name (DeveloperName), in characters.
pub const API_NAME_MAX: usize = 80;

/// Why `name` is not a Salesforce API name (DeveloperName): letters, digits and underscores,
/// starting with a letter, no `__`, not ending in `_`, at most 80 characters. `allow_spaces`
/// accepts spaces as well (the Heroku doc allows them in topic names).
pub fn api_name_problem(name: &str, allow_spaces: bool) -> Option<String> {
    let Some(first) = name.chars().next() else {
        return Some("it is empty".into());
    };
    let len = name.chars().count();
    if len > API_NAME_MAX {
        return Some(format!("it is {len} characters long (at most {API_NAME_MAX})"));
    }
    if !first.is_ascii_alphabetic() {
        return Some(match first {
            ' ' => "it starts with a space, not a letter".into(),
            c => format!("it starts with `{c}`, not a letter"),
        });
    }
    if let Some(c) = name
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || c == '_' || (allow_spaces && c == ' ')))
    {
        return Some(match c {
            ' ' => "it contains a space".into(),
            c => format!("it contains `{c}`"),
        });
    }
    if name.contains("__") {
        return Some("it contains two consecutive underscores".into());
    }
    if name.ends_with('_') {
        return Some("it ends with an underscore".into());
    }
    None
}

/// A valid API name close to `name`: other characters become `_`, runs of `_` collapse, leading
/// and trailing `_` go, a leading digit gets an `X` prefix. `None` when nothing usable is left.
pub fn api_name_suggestion(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '_' };
        if !(c == '_' && (out.is_empty() || out.ends_with('_'))) {
            out.push(c);
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'X');
    }
    let out: String = out.chars().take(API_NAME_MAX).collect();
    let out = out.trim_end_matches('_').to_string();
    (!out.is_empty() && api_name_problem(&out, false).is_none()).then_some(out)
}

/// Each operation's `x-sfdc` block with the index of its operation, once per block as written:
/// operations that share one block through a YAML alias (`x-sfdc: *auth`) yield it once, so a
/// finding in it is reported once, at the anchor.
pub fn operation_blocks<'a>(spec: &crate::spec::Spec<'a>) -> Vec<(usize, &'a Node)> {
    let mut seen = std::collections::HashSet::new();
    spec.operations
        .iter()
        .enumerate()
        .filter_map(|(i, op)| op.node.get("x-sfdc").map(|n| (i, n)))
        .filter(|(_, n)| seen.insert(n.span))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names_follow_the_developer_name_rules() {
        assert_eq!(api_name_problem("GenerateQuote", false), None);
        assert_eq!(
            api_name_problem("Quote Service", false).as_deref(),
            Some("it contains a space")
        );
        assert_eq!(api_name_problem("Quote Service", true), None);
        assert_eq!(
            api_name_problem("a__b", false).as_deref(),
            Some("it contains two consecutive underscores")
        );
        assert_eq!(
            api_name_problem("ab_", false).as_deref(),
            Some("it ends with an underscore")
        );
        assert_eq!(
            api_name_problem("1ab", false).as_deref(),
            Some("it starts with `1`, not a letter")
        );
        assert!(api_name_problem(&"a".repeat(81), false).is_some());
        assert_eq!(api_name_suggestion("Quote Service").as_deref(), Some("Quote_Service"));
        assert_eq!(api_name_suggestion("heroku__badges_").as_deref(), Some("heroku_badges"));
        assert_eq!(api_name_suggestion("1st-app").as_deref(), Some("X1st_app"));
        assert_eq!(api_name_suggestion("--"), None);
    }
}
