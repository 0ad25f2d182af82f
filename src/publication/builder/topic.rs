//! The agent topic of `x-sfdc.agent.topic` (GenAiPlugin): its name, label, scope and
//! instructions, listing the agent actions.

use super::Builder;
use crate::publication::components::*;
use crate::publication::names::{self, API_NAME_HELP, ApiName, MAX_API_NAME, humanize};
use crate::publication::{Body, MetadataType};
use crate::rules::topic::{AL704_STOPS_BUILD, AL705_STOPS_BUILD, AL708_STOPS_BUILD};
use crate::source::Node;
use crate::spec::xsfdc;
use crate::spec::xsfdc::api_name_suggestion;

impl Builder<'_> {
    /// The agent topic of `x-sfdc.agent.topic`, listing `functions`.
    pub(in crate::publication) fn topic(&mut self, functions: &[ApiName]) {
        let Some(topic) = xsfdc::topic(self.root) else {
            return;
        };
        let name_node = topic.node.get("name");
        let Some((node, text)) = name_node.and_then(|n| n.as_str().filter(|s| !s.trim().is_empty()).map(|s| (n, s)))
        else {
            // Where `check` reports it: AL704 at the `topic` key when it is missing, AL705 at a
            // value that is not a non-empty string.
            let (rule, span) = match name_node {
                None => (
                    &AL704_STOPS_BUILD,
                    self.root
                        .path(&["x-sfdc", "agent"])
                        .and_then(|a| a.entry("topic"))
                        .map_or(topic.node.span, |e| e.key_span),
                ),
                Some(n) => (&AL705_STOPS_BUILD, n.span),
            };
            self.refuse(
                rule,
                span,
                "the agent topic has no name, so build cannot name its GenAiPlugin".to_string(),
                "add `name:` to x-sfdc.agent.topic",
            );
            return;
        };
        // A name that is not an API name as written (Heroku's documentation allows spaces,
        // which AL708 accepts) gets the API name Salesforce derives from a label: other
        // characters become `_` (docs/build.md); the label keeps the name as written.
        let (developer_name, master_label) = match ApiName::parse(text, MAX_API_NAME) {
            Ok(name) => (name, humanize(text)),
            Err(e) => match api_name_suggestion(text).and_then(|n| ApiName::parse(&n, MAX_API_NAME).ok()) {
                Some(derived) => (derived, names::label(text)),
                None => {
                    let help = format!("{API_NAME_HELP}, at most {MAX_API_NAME} characters");
                    self.refuse(&AL708_STOPS_BUILD, node.span, format!("the topic name {e}"), &help);
                    return;
                }
            },
        };
        let instructions = topic_instructions(self, topic.node);
        let description = topic.node.get("classificationDescription").and_then(|n| self.text(n));
        let scope = topic.node.get("scope").and_then(|n| self.text(n));
        self.push(
            MetadataType::GenAiPlugin,
            developer_name.clone(),
            Body::Topic(Topic {
                master_label,
                developer_name,
                description,
                scope,
                functions: functions.to_vec(),
                instructions,
            }),
        );
    }
}

fn topic_instructions(b: &mut Builder<'_>, topic: &Node) -> Vec<Instruction> {
    let nodes: Vec<&Node> = match topic.get("instructions") {
        Some(n) if n.is_seq() => n.items().iter().collect(),
        Some(n) if n.as_str().is_some() => vec![n],
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for node in nodes {
        let Some(text) = b.text(node) else { continue };
        let i = out.len();
        // Salesforce's own topics name instructions `instruction_<first letters><index>`; the
        // `_` before the index keeps them unique (`Rule 1.` at 1 and `Rule!` at 11 would both
        // be `instruction_rule11` without it).
        let stem: String = text
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .take(10)
            .collect();
        out.push(Instruction {
            developer_name: if stem.is_empty() {
                format!("instruction_{i}")
            } else {
                format!("instruction_{stem}_{i}")
            },
            description: text,
            sort_order: i,
        });
    }
    out
}
