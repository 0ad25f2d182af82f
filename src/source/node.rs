//! The spanned node tree every later stage reads: YAML and JSON both become this.
//!
//! A node keeps its byte range in the source; line and column are computed only when a
//! finding is reported (see [`super::LineIndex`]). Keys are normalised to text, so the YAML
//! keys `200` and `"200"` are the same key, as OpenAPI means them to be. Strings and keys are
//! [`Text`]: ranges of the file's text where written as they read (no allocation per string).

pub use super::text::Text;

/// A byte range `start..end` in one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    pub fn empty(at: usize) -> Span {
        Span::new(at, at)
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One value of the document with the place it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Text),
    Seq(Box<[Node]>),
    Map(Box<[Entry]>),
}

/// One `key: value` pair of a mapping; the key keeps its own span for findings about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Text,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    pub fn new(span: Span, value: Value) -> Node {
        Node { span, value }
    }

    /// The value of `key` when this node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| &*e.key == key),
            _ => None,
        }
    }

    /// Walks a chain of mapping keys: `node.path(&["x-sfdc", "agent", "topic"])`.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    pub fn is_seq(&self) -> bool {
        matches!(self.value, Value::Seq(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// What a user calls this kind of value, for messages: "a mapping", "the number 1.1".
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The text this node was written as (for scalars: `1.10`, `"x"`, `true`).
    pub fn raw<'s>(&self, source: &'s str) -> &'s str {
        source.get(self.span.range()).unwrap_or("")
    }

    /// Counts this node and everything below it.
    pub fn count(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::count).sum(),
            Value::Map(entries) => entries.iter().map(|e| e.value.count()).sum(),
            _ => 0,
        }
    }

    /// The spans of this node, every node below it and every mapping key, in document order:
    /// the places a finding can point at.
    pub fn spans(&self) -> Vec<Span> {
        fn collect(node: &Node, out: &mut Vec<Span>) {
            out.push(node.span);
            for e in node.entries() {
                out.push(e.key_span);
                collect(&e.value, out);
            }
            node.items().iter().for_each(|n| collect(n, out));
        }
        let mut out = Vec::new();
        collect(self, &mut out);
        out
    }

    /// The first of `targets` for which the binary-search lookups of a tree in source order
    /// ([`Node::pointer_to_ordered`], and [`Node::pointer_to_ordered_from`] over `targets` in
    /// this order) give another pointer than the scan of [`Node::pointer_to`], with the lookup's
    /// and the scan's pointer. The invariant the unit, property and fuzz tests assert.
    pub fn ordered_lookup_disagreement(&self, targets: &[Span]) -> Option<(Span, String, String)> {
        let mut cursor = PointerCursor::default();
        targets.iter().find_map(|&target| {
            let scan = self.pointer_to(target);
            [
                self.pointer_to_ordered(target),
                self.pointer_to_ordered_from(target, &mut cursor),
            ]
            .into_iter()
            .find(|found| *found != scan)
            .map(|found| (target, found, scan))
        })
    }

    /// The JSON pointer (RFC 6901) of the deepest node, or mapping key, whose span is `target`.
    ///
    /// Pointers are derived from spans only when a finding is reported, so checking never
    /// allocates a path per node. A node copied from a YAML anchor points at the anchor.
    pub fn pointer_to(&self, target: Span) -> String {
        let mut pointer = String::with_capacity(128);
        let mut node = self;
        'descend: loop {
            if node.span == target && !matches!(node.value, Value::Map(_) | Value::Seq(_)) {
                break;
            }
            match &node.value {
                Value::Map(entries) => {
                    for entry in entries {
                        if entry.key_span == target {
                            push_token(&mut pointer, &entry.key);
                            break 'descend;
                        }
                        if entry.value.span.contains(target) && entry.value.span != node.span {
                            push_token(&mut pointer, &entry.key);
                            node = &entry.value;
                            continue 'descend;
                        }
                    }
                    break;
                }
                Value::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if item.span.contains(target) && item.span != node.span {
                            pointer.push('/');
                            pointer.push_str(&i.to_string());
                            node = item;
                            continue 'descend;
                        }
                    }
                    break;
                }
                _ => break,
            }
        }
        pointer.shrink_to_fit();
        pointer
    }

    /// [`Node::pointer_to`] for a tree whose mappings and lists hold their children in source
    /// order with disjoint spans (see [`super::SourceFile::tree_in_source_order`]): the child
    /// that can contain `target` is found by binary search instead of a scan, which matters
    /// under `paths` and `components.schemas` with hundreds of entries. Same result.
    pub fn pointer_to_ordered(&self, target: Span) -> String {
        let mut pointer = String::with_capacity(128);
        let mut node = self;
        loop {
            if node.span == target && !matches!(node.value, Value::Map(_) | Value::Seq(_)) {
                break;
            }
            match &node.value {
                Value::Map(entries) => match entry_for(entries, target, node.span) {
                    Some(EntryMatch::Key(entry)) => {
                        push_token(&mut pointer, &entry.key);
                        break;
                    }
                    Some(EntryMatch::Value(entry)) => {
                        push_token(&mut pointer, &entry.key);
                        node = &entry.value;
                    }
                    None => break,
                },
                Value::Seq(items) => {
                    let Some(i) = item_for(items, target, node.span) else {
                        break;
                    };
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    node = &items[i];
                }
                _ => break,
            }
        }
        pointer.shrink_to_fit();
        pointer
    }

    /// [`Node::pointer_to_ordered`] that starts from the part of `cursor`'s previous descent
    /// that still contains `target` instead of from the root: the same pointer, without the
    /// binary searches of `paths` and `components.schemas` again for each of the thousands of
    /// places a grouped finding lists in order.
    pub fn pointer_to_ordered_from<'n>(&'n self, target: Span, cursor: &mut PointerCursor<'n>) -> String {
        // A node the descent passed through still lies on the path to `target` when it holds
        // `target` and no earlier sibling can: an empty `target` at the node's very start or
        // end may belong to the sibling before or after it, so the descent starts higher.
        let empty = target.start == target.end;
        while let Some(&(node, _)) = cursor.path.last() {
            if node.span.contains(target) && target.start < node.span.end && !(empty && target.start == node.span.start)
            {
                break;
            }
            cursor.path.pop();
        }
        if cursor.path.is_empty() {
            cursor.path.push((self, 0));
        }
        let (mut node, len) = cursor.path[cursor.path.len() - 1];
        let pointer = &mut cursor.pointer;
        pointer.truncate(len);
        loop {
            if node.span == target && !matches!(node.value, Value::Map(_) | Value::Seq(_)) {
                break;
            }
            let child = match &node.value {
                Value::Map(entries) => match entry_for(entries, target, node.span) {
                    Some(EntryMatch::Key(entry)) => {
                        // A key ends the pointer but is not a node to start from.
                        let mut found = pointer.clone();
                        push_token(&mut found, &entry.key);
                        return found;
                    }
                    Some(EntryMatch::Value(entry)) => {
                        push_token(pointer, &entry.key);
                        &entry.value
                    }
                    None => break,
                },
                Value::Seq(items) => {
                    let Some(i) = item_for(items, target, node.span) else {
                        break;
                    };
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    &items[i]
                }
                _ => break,
            };
            cursor.path.push((child, pointer.len()));
            node = child;
        }
        pointer.clone()
    }

    /// The string or mapping key whose span contains byte `offset`, with that span, in a tree
    /// whose children are in source order (see [`Node::pointer_to_ordered`]): found by binary
    /// search from the root, without visiting the rest of the tree.
    pub fn string_at_ordered(&self, offset: u32) -> Option<(&str, Span)> {
        let inside = |span: Span| span.start <= offset && offset < span.end;
        let mut node = self;
        loop {
            match &node.value {
                Value::Str(s) => return inside(node.span).then_some((&**s, node.span)),
                Value::Map(entries) => {
                    let i = entries.partition_point(|e| e.key_span.start <= offset);
                    let entry = &entries[i.checked_sub(1)?];
                    if inside(entry.key_span) {
                        return Some((&entry.key, entry.key_span));
                    }
                    if !inside(entry.value.span) {
                        return None;
                    }
                    node = &entry.value;
                }
                Value::Seq(items) => {
                    let i = items.partition_point(|n| n.span.start <= offset);
                    let item = &items[i.checked_sub(1)?];
                    if !inside(item.span) {
                        return None;
                    }
                    node = item;
                }
                _ => return None,
            }
        }
    }

    /// Resolves a JSON pointer (`/paths/~1pets/get`) from this node.
    pub fn at_pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut node = self;
        for token in rest.split('/') {
            let token = unescape_token(token);
            node = match &node.value {
                Value::Map(_) => node.get(&token)?,
                Value::Seq(items) => {
                    if token.len() > 1 && token.starts_with('0') {
                        return None;
                    }
                    items.get(token.parse::<usize>().ok()?)?
                }
                _ => return None,
            };
        }
        Some(node)
    }
}

/// What the scan of [`Node::pointer_to`] takes in a mapping for `target`: the first entry whose
/// key is `target` or whose value holds it.
enum EntryMatch<'n> {
    Key(&'n Entry),
    Value(&'n Entry),
}

/// [`EntryMatch`] by binary search, for children in source order: the last entry whose key
/// starts at or before `target`, or an earlier one that also holds it (only an empty `target`
/// where one entry's value ends and the next key starts can be held by both; the scan takes
/// the first).
fn entry_for(entries: &[Entry], target: Span, parent: Span) -> Option<EntryMatch<'_>> {
    let i = entries.partition_point(|e| e.key_span.start <= target.start);
    let mut found = None;
    for entry in entries[..i].iter().rev() {
        if entry.key_span == target {
            found = Some(EntryMatch::Key(entry));
        } else if entry.value.span.contains(target) && entry.value.span != parent {
            found = Some(EntryMatch::Value(entry));
        } else if entry.key_span.end.max(entry.value.span.end) < target.end {
            break;
        }
    }
    found
}

/// The index of the first item that holds `target`, by binary search (see [`entry_for`]).
fn item_for(items: &[Node], target: Span, parent: Span) -> Option<usize> {
    let i = items.partition_point(|n| n.span.start <= target.start);
    let mut found = None;
    for (j, item) in items[..i].iter().enumerate().rev() {
        if item.span.contains(target) && item.span != parent {
            found = Some(j);
        } else if item.span.end < target.end {
            break;
        }
    }
    found
}

/// Appends `/token` with `~` and `/` escaped as RFC 6901 requires.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    // Copies the runs between the characters to escape whole: a pointer is computed for every
    // finding and every related place (10,000s on a large spec), through keys like
    // `/repos/{owner}/{repo}`.
    // Keys are short: a plain loop beats a vectorised search's set-up.
    let mut from = 0;
    for (at, &b) in token.as_bytes().iter().enumerate() {
        if b == b'~' || b == b'/' {
            pointer.push_str(&token[from..at]);
            pointer.push_str(if b == b'~' { "~0" } else { "~1" });
            from = at + 1;
        }
    }
    pointer.push_str(&token[from..]);
}

/// Builds a pointer from plain tokens: `pointer(&["paths", "/pets", "get"])` is `/paths/~1pets/get`.
pub fn pointer(tokens: &[&str]) -> String {
    let mut out = String::new();
    for token in tokens {
        push_token(&mut out, token);
    }
    out
}

pub fn unescape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

impl Drop for Node {
    // Nesting is limited when loading, but a deep tree built by hand (tests, fuzzing) must not
    // overflow the stack when dropped: take children iteratively.
    fn drop(&mut self) {
        let mut stack: Vec<Node> = match &mut self.value {
            Value::Seq(items) if items.iter().any(Node::has_children) => std::mem::take(items).into_vec(),
            Value::Map(entries) if entries.iter().any(|e| e.value.has_children()) => std::mem::take(entries)
                .into_vec()
                .into_iter()
                .map(|e| e.value)
                .collect(),
            _ => return,
        };
        while let Some(mut node) = stack.pop() {
            match &mut node.value {
                Value::Seq(items) => stack.extend(std::mem::take(items).into_vec()),
                Value::Map(entries) => stack.extend(std::mem::take(entries).into_vec().into_iter().map(|e| e.value)),
                _ => {}
            }
        }
    }
}

impl Node {
    fn has_children(&self) -> bool {
        match &self.value {
            Value::Seq(items) => !items.is_empty(),
            Value::Map(entries) => !entries.is_empty(),
            _ => false,
        }
    }
}

/// The descent of the last [`Node::pointer_to_ordered_from`]: each node passed through with the
/// length of the pointer at it.
#[derive(Default)]
pub struct PointerCursor<'n> {
    path: Vec<(&'n Node, usize)>,
    pointer: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped_and_resolved_back() {
        assert_eq!(pointer(&["paths", "/a~b", "get"]), "/paths/~1a~0b/get");
        assert_eq!(unescape_token("~1a~0b"), "/a~b");
    }
}
