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
