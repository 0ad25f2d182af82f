//! AL5xx — Schema Objects: constructs External Services do not support, names that become Apex
//! identifiers, and what agent actions need from their input and output schemas.
//!
//! The structural rules iterate [`Spec::schema_sites`](crate::spec::Spec::schema_sites) (one
//! shared walk of every schema written in the document). The agent rules start from the agent
//! operations and follow `$ref`s, since the schemas they use are usually components.

mod agent;
mod classes;
mod names;
mod structure;

pub use classes::AL512;
pub use names::AL504;
pub(crate) use structure::AL502;

use super::{Context, Rule};
use crate::source::Node;
use rustc_hash::FxHashSet;

pub const RULES: &[&Rule] = &[
    &structure::AL500,
    &structure::AL501,
    &structure::AL502,
    &structure::AL503,
    &names::AL504,
    &names::AL505,
    &structure::AL506,
    &structure::AL507,
    &structure::AL508,
    &agent::AL509,
    &agent::AL510,
    &structure::AL511,
    &classes::AL512,
];

/// Which schemas of the agent operations to visit.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum AgentSchemas {
    /// Request body schemas only.
    Inputs,
    /// Request body and response schemas.
    InputsAndOutputs,
}

/// Visits every schema reachable from the request bodies (and responses) of agent operations,
/// following `$ref`s; each resolved schema once, even when many operations share it.
pub(crate) fn visit_agent_schemas<'a>(ctx: &Context<'a>, which: AgentSchemas, mut visit: impl FnMut(&'a Node)) {
    let spec = ctx.spec;
    let mut stack: Vec<&'a Node> = Vec::new();
    let content_schemas = |holder: &'a Node, stack: &mut Vec<&'a Node>| {
        let holder = spec.deref(holder);
        for media in holder.get("content").map(Node::entries).unwrap_or_default() {
            if let Some(schema) = media.value.get("schema") {
                stack.push(schema);
            }
        }
    };
    for op in spec.operations.iter().filter(|op| op.agent) {
        if let Some(body) = op.node.get("requestBody") {
            content_schemas(body, &mut stack);
        }
        if which == AgentSchemas::InputsAndOutputs {
            for response in op.node.get("responses").map(Node::entries).unwrap_or_default() {
                content_schemas(&response.value, &mut stack);
            }
        }
    }
    let mut seen: FxHashSet<*const Node> = FxHashSet::default();
    while let Some(written) = stack.pop() {
        let schema = spec.deref(written);
        if !schema.is_map() || schema.get("$ref").is_some() || !seen.insert(schema) {
            continue;
        }
        visit(schema);
        for entry in schema.entries() {
            match &*entry.key {
                "properties" => stack.extend(entry.value.entries().iter().map(|p| &p.value)),
                "items" | "additionalProperties" | "not" => stack.push(&entry.value),
                "allOf" | "anyOf" | "oneOf" => stack.extend(entry.value.items()),
                _ => {}
            }
        }
    }
}
