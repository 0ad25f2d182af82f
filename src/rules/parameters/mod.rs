//! AL3xx — parameters: names, locations, duplicates, shapes, and what agent actions accept.
//!
//! The rules see each Parameter Object once (after `$ref` resolution), whether it is written on
//! an operation, on a path item, or under `components.parameters` and referenced. A parameter
//! counts as an agent one when any agent-action operation it applies to uses it.

mod agent;
mod apex;
mod collisions;
mod shape;

pub use collisions::AL311;

use super::{Context, Rule};
use crate::source::Node;
use rustc_hash::FxHashMap;

pub const RULES: &[&Rule] = &[
    &shape::AL300,
    &shape::AL301,
    &shape::AL302,
    &shape::AL303,
    &shape::AL304,
    &agent::AL305,
    &agent::AL306,
    &agent::AL307,
    &apex::AL308,
    &agent::AL309,
    &agent::AL310,
    &collisions::AL311,
];

/// One Parameter Object as the operations use it.
pub(crate) struct ParamUse<'a> {
    /// The item as written in a `parameters` list (possibly a `$ref`).
    pub written: &'a Node,
    /// The parameter after resolving `$ref`.
    pub node: &'a Node,
    /// Whether an agent-action operation uses it.
    pub agent: bool,
}

impl<'a> ParamUse<'a> {
    pub fn name(&self) -> Option<&'a str> {
        self.node.get("name").and_then(Node::as_str)
    }

    pub fn location(&self) -> Option<&'a str> {
        self.node.get("in").and_then(Node::as_str)
    }

    /// `header parameter \`X-Id\``, for messages.
    pub fn label(&self) -> String {
        match (self.location(), self.name()) {
            (Some(at), Some(name)) => format!("{at} parameter `{name}`"),
            (None, Some(name)) => format!("parameter `{name}`"),
            _ => "this parameter".to_string(),
        }
    }
}

/// Every parameter written on an operation or a path item, once each (a component parameter
/// referenced from many places is one entry), in the order first met. Unresolvable `$ref`s
/// (AL006) and non-mappings are left out unless `keep_odd` is set.
pub(crate) fn used<'a>(ctx: &Context<'a>, keep_odd: bool) -> Vec<ParamUse<'a>> {
    let spec = ctx.spec;
    let mut out: Vec<ParamUse<'a>> = Vec::new();
    let mut index: FxHashMap<*const Node, usize> = FxHashMap::default();
    let mut add = |written: &'a Node, node: &'a Node, agent: bool| {
        if !keep_odd && (!node.is_map() || node.get("$ref").is_some()) {
            return;
        }
        match index.get(&(node as *const Node)) {
            Some(&i) => out[i].agent |= agent,
            None => {
                index.insert(node, out.len());
                out.push(ParamUse { written, node, agent });
            }
        }
    };
    for op in &spec.operations {
        for (written, node) in spec.parameters(op) {
            add(written, node, op.agent);
        }
    }
    // Path-level parameters of path items without operations, or overridden everywhere.
    if let Some(paths) = ctx.root().get("paths") {
        for path in paths.entries() {
            let item = spec.deref(&path.value);
            for written in item.get("parameters").map(Node::items).unwrap_or_default() {
                add(written, spec.deref(written), false);
            }
        }
    }
    out
}

/// A Swagger 2.0 document (`swagger: "2.0"`, no `openapi`): its parameters have another shape
/// (`in: body`, `type` instead of `schema`), which AL102 already reports as a whole.
pub(crate) fn is_swagger2(ctx: &Context<'_>) -> bool {
    ctx.root().get("openapi").is_none() && ctx.root().get("swagger").is_some()
}
