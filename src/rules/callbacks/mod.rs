//! AL6xx — callbacks: operations with `callbacks` become External Services asynchronous
//! operations (Apex only, up to 24 hours), with strict limits on the callback's shape.

mod expression;
mod shape;

pub(crate) use shape::AL605;

use super::{Context, Rule};
use crate::source::{Entry, Node};
use crate::spec::{METHODS, Operation};

pub const RULES: &[&Rule] = &[
    &shape::AL600,
    &expression::AL601,
    &shape::AL602,
    &shape::AL603,
    &shape::AL604,
    &shape::AL605,
    &shape::AL606,
];

/// One `callbacks.<name>` of an operation.
pub(crate) struct Callback<'a> {
    pub op: &'a Operation<'a>,
    /// `<name>:` under `callbacks`.
    pub name: &'a Entry,
    /// The runtime expressions (`'{$request.body#/callbackUrl}':`), after resolving a `$ref`
    /// on the callback; extensions (`x-…`) left out.
    pub expressions: Vec<&'a Entry>,
}

impl<'a> Callback<'a> {
    /// The operations (`post:` …) of one expression's path item.
    pub fn methods(&self, ctx: &Context<'a>, expression: &'a Entry) -> Vec<&'a Entry> {
        ctx.spec
            .deref(&expression.value)
            .entries()
            .iter()
            .filter(|e| METHODS.contains(&&*e.key))
            .collect()
    }
}

/// Every callback of every operation, in document order.
pub(crate) fn callbacks<'a>(ctx: &Context<'a>) -> Vec<Callback<'a>> {
    let mut out = Vec::new();
    for op in &ctx.spec.operations {
        for name in op.node.get("callbacks").map(Node::entries).unwrap_or_default() {
            if name.key.starts_with("x-") {
                continue;
            }
            let object = ctx.spec.deref(&name.value);
            let expressions = object.entries().iter().filter(|e| !e.key.starts_with("x-")).collect();
            out.push(Callback { op, name, expressions });
        }
    }
    out
}
