//! AL4xx — request bodies and media types: which `content` types External Services and agent
//! actions read, and what a request body must hold.
//!
//! The rules see each request body and response once (after `$ref` resolution); one referenced
//! from an agent-action operation counts as an agent one.

mod agent;
mod body;
mod types;

use super::{Context, Rule};
use crate::source::{Entry, Node};
use rustc_hash::FxHashMap;

pub const RULES: &[&Rule] = &[
    &types::AL400,
    &types::AL401,
    &types::AL402,
    &agent::AL403,
    &agent::AL404,
    &agent::AL405,
    &body::AL406,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Request,
    Response,
}

/// One `content` map of a request body or a response that an operation uses.
pub(crate) struct ContentUse<'a> {
    /// The `content` entry (its key span is where findings about the whole map go).
    pub content: &'a Entry,
    pub direction: Direction,
    /// Whether an agent-action operation uses it.
    pub agent: bool,
}

impl<'a> ContentUse<'a> {
    pub fn media(&self) -> &'a [Entry] {
        self.content.value.entries()
    }
}

/// Every `content` map of the operations' request bodies and responses, once each.
pub(crate) fn used<'a>(ctx: &Context<'a>) -> Vec<ContentUse<'a>> {
    let spec = ctx.spec;
    let mut out: Vec<ContentUse<'a>> = Vec::new();
    let mut index: FxHashMap<*const Node, usize> = FxHashMap::default();
    let mut add = |holder: &'a Node, direction: Direction, agent: bool| {
        let Some(content) = holder.entry("content") else { return };
        match index.get(&(holder as *const Node)) {
            Some(&i) => out[i].agent |= agent,
            None => {
                index.insert(holder, out.len());
                out.push(ContentUse {
                    content,
                    direction,
                    agent,
                });
            }
        }
    };
    for op in &spec.operations {
        if let Some(body) = op.node.get("requestBody") {
            add(spec.deref(body), Direction::Request, op.agent);
        }
        for response in op.node.get("responses").map(Node::entries).unwrap_or_default() {
            add(spec.deref(&response.value), Direction::Response, op.agent);
        }
    }
    out
}

/// The media type without parameters and surrounding blanks: `application/json; charset=utf-8`
/// is `application/json`. Compare it case-insensitively.
pub(crate) fn essence(media: &str) -> &str {
    media.split(';').next().unwrap_or(media).trim()
}

/// The media type External Services read in a `content` map that holds several: `application/json`
/// when it is there ("JSON when there is one"), else the first supported one. `None` when no
/// entry is supported.
pub(crate) fn read_type(media: &[Entry], direction: Direction) -> Option<&Entry> {
    media
        .iter()
        .find(|m| essence(&m.key).eq_ignore_ascii_case("application/json"))
        .or_else(|| media.iter().find(|m| support(&m.key, direction) == Support::Supported))
}

/// How External Services treat a media type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Support {
    /// Read as is.
    Supported,
    /// Needs a media-type mapping, which only the Setup wizard and Metadata API offer (AL401).
    NeedsMapping,
    /// Not supported (AL400).
    Unsupported,
}

pub(crate) fn support(media: &str, direction: Direction) -> Support {
    let m = essence(media);
    let is = |s: &str| m.eq_ignore_ascii_case(s);
    // `get` rather than indexing: a media type may hold non-ASCII text.
    let starts = |p: &str| m.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    let ends = |p: &str| {
        m.len()
            .checked_sub(p.len())
            .and_then(|at| m.get(at..))
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    };
    let octet_response = direction == Direction::Response && is("application/octet-stream");
    if is("application/json")
        || is("application/x-www-form-urlencoded")
        || is("text/plain")
        || is("*/*")
        || octet_response
    {
        Support::Supported
    } else if (starts("application/") && ends("+json"))
        || starts("application/vnd.")
        || is("application/*")
        || is("text/*")
    {
        Support::NeedsMapping
    } else {
        Support::Unsupported
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_classified_without_parameters_and_case() {
        use Direction::*;
        use Support::*;
        assert_eq!(support("application/json; charset=UTF-8", Request), Supported);
        assert_eq!(support("Application/JSON", Response), Supported);
        assert_eq!(support("*/*", Response), Supported);
        assert_eq!(support("application/octet-stream", Response), Supported);
        assert_eq!(support("application/octet-stream", Request), Unsupported);
        assert_eq!(support("application/problem+json", Response), NeedsMapping);
        assert_eq!(support("application/vnd.github.v3+json", Response), NeedsMapping);
        assert_eq!(support("text/*", Response), NeedsMapping);
        assert_eq!(support("application/xml", Response), Unsupported);
        assert_eq!(support("multipart/form-data", Request), Unsupported);
        assert_eq!(support("text/csv", Response), Unsupported);
        assert_eq!(support("é/+json", Response), Unsupported);
        assert_eq!(support("applicatioé/x", Response), Unsupported);
        assert_eq!(support("a/éjson", Response), Unsupported);
    }
}
