//! AL007: reference cycles, found as the strongly connected components of the graph of
//! references between their targets (each reference belongs to the innermost target holding it).

use crate::rules::{Context, Help, Rule, RuleId, RuleSeverity, Sink};
use crate::source::{Node, Span};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

pub static AL007: Rule = Rule {
    id: RuleId::new("AL007"),
    name: "ref-cycle",
    severity: RuleSeverity::Warning,
    summary: "no reference cycles (recursive schemas)",
    docs: r##"## What it does
Finds cycles of `$ref`s — a schema that contains, directly or through other schemas, a
reference back to itself. Each group of mutually recursive schemas is reported once, at the
reference that closes the shortest loop through the group's first schema; the message shows
that loop and how many more schemas belong to the group (a big API can have hundreds of
overlapping loops, which would otherwise each be a finding).

## Why
External Services generate an Apex class per schema. How they handle a type that contains
itself (a tree, a linked list) is not documented; a reference chain that only points at itself
(`A: {$ref: B}`, `B: {$ref: A}`) cannot be resolved at all. Expect the registration or the
generated types to fail or be cut off.

## Example
```yaml
components:
  schemas:
    Node:
      type: object
      properties:
        children:
          type: array
          items:
            $ref: '#/components/schemas/Node'
```

## Use instead
Flatten the recursion to the depth Salesforce needs:
```yaml
components:
  schemas:
    Node:
      type: object
      properties:
        children:
          type: array
          items:
            $ref: '#/components/schemas/Leaf'
    Leaf:
      type: object
      properties:
        name: {type: string}
```

## Source
Inference (catalog AL007): no Salesforce document describes recursive types in External
Services.
"##,
    check: check_cycles,
};

fn check_cycles(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let sites = ctx.spec.references();
    // Graph nodes are the distinct targets of references, by span.
    let mut targets: Vec<(&Node, &str)> = Vec::new();
    let mut index: FxHashMap<Span, usize> = FxHashMap::default();
    let mut edges_of_site: Vec<Option<usize>> = Vec::with_capacity(sites.len());
    for site in sites {
        let target = site.target.zip(site.value.as_str());
        edges_of_site.push(target.map(|(node, reference)| {
            *index.entry(node.span).or_insert_with(|| {
                targets.push((node, reference));
                targets.len() - 1
            })
        }));
    }
    // Each reference belongs to the innermost target that contains it (a target that is
    // itself `{$ref: …}` contains its own reference).
    let owners = Owners::new(&targets);
    let mut edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); targets.len()];
    for (i, site) in sites.iter().enumerate() {
        let Some(to) = edges_of_site[i] else { continue };
        if let Some(from) = owners.innermost(&targets, site.holder.span) {
            edges[from].push((to, i));
        }
    }
    let components = strongly_connected(&edges);
    let mut component_of = vec![0; targets.len()];
    for (c, component) in components.iter().enumerate() {
        for &k in component {
            component_of[k] = c;
        }
    }
    for component in &components {
        let single = component.len() == 1;
        if single && !edges[component[0]].iter().any(|(to, _)| *to == component[0]) {
            continue;
        }
        // Start the loop at the target written first; follow edges inside the component.
        let Some(&start) = component.iter().min_by_key(|&&k| targets[k].0.span.start) else {
            continue;
        };
        let Some((path, site)) = shortest_loop(&edges, &component_of, start) else {
            continue;
        };
        let mut names: Vec<String> = path.iter().map(|&k| format!("`{}`", short(targets[k].1))).collect();
        names.push(names[0].clone());
        let mut message = if single {
            format!("`{}` refers to itself", short(targets[start].1))
        } else {
            format!("reference cycle: {}", names.join(" → "))
        };
        // One finding per group of mutually recursive schemas; the loop shown is the shortest
        // through the first of them, so say how many more take part.
        match component.len() - path.len() {
            0 => {}
            1 => message.push_str(" (1 more schema is part of this recursion)"),
            more => message.push_str(&format!(" ({more} more schemas are part of this recursion)")),
        }
        sink.report(sites[site].value.span, message)
            .help("External Services do not document recursive types; end the recursion with a separate, non-recursive schema");
    }
}

/// Finds, for a span, the innermost target whose span contains it.
///
/// Node spans nest like the tree (a child inside its parent, siblings apart), so the targets'
/// spans form a forest: sorted by start (longest first), each one's parent is the nearest
/// earlier span that contains it. The innermost target containing a span is then the first
/// container on the parent chain of the last target starting at or before it. Should spans ever
/// overlap without nesting, the lookup falls back to comparing with every target.
struct Owners {
    /// Target indices sorted by (start, longest first); empty spans left out (they contain no
    /// reference holder, which is never empty).
    order: Vec<usize>,
    starts: Vec<u32>,
    /// For each position in `order`: the position of its parent, if any.
    parent: Vec<Option<usize>>,
    laminar: bool,
}

impl Owners {
    fn new(targets: &[(&Node, &str)]) -> Owners {
        let span = |k: usize| targets[k].0.span;
        let mut order: Vec<usize> = (0..targets.len()).filter(|&k| span(k).start < span(k).end).collect();
        order.sort_by_key(|&k| (span(k).start, std::cmp::Reverse(span(k).end)));
        let starts = order.iter().map(|&k| span(k).start).collect();
        let mut parent = Vec::with_capacity(order.len());
        let mut stack: Vec<usize> = Vec::new();
        let mut laminar = true;
        for (at, &k) in order.iter().enumerate() {
            while let Some(&top) = stack.last() {
                let outer = span(order[top]);
                if outer.contains(span(k)) {
                    break;
                }
                if outer.end > span(k).start {
                    laminar = false; // overlapping without nesting
                }
                stack.pop();
            }
            parent.push(stack.last().copied());
            stack.push(at);
        }
        Owners {
            order,
            starts,
            parent,
            laminar,
        }
    }

    fn innermost(&self, targets: &[(&Node, &str)], inner: Span) -> Option<usize> {
        if !self.laminar || inner.start == inner.end {
            return targets
                .iter()
                .enumerate()
                .filter(|(_, (t, _))| t.span.contains(inner))
                .min_by_key(|(_, (t, _))| t.span.end - t.span.start)
                .map(|(k, _)| k);
        }
        let mut at = self.starts.partition_point(|&s| s <= inner.start).checked_sub(1);
        while let Some(i) = at {
            let k = self.order[i];
            if targets[k].0.span.contains(inner) {
                return Some(k);
            }
            at = self.parent[i];
        }
        None
    }
}

/// The shortest loop from `start` back to itself inside its component: the targets on it, in
/// order, and the reference that closes it. Breadth-first, so the message names few schemas.
fn shortest_loop(edges: &[Vec<(usize, usize)>], component_of: &[usize], start: usize) -> Option<(Vec<usize>, usize)> {
    let mut parent: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for &(to, site) in &edges[at] {
            if to == start {
                let mut path = vec![at];
                let mut k = at;
                while let Some(&p) = parent.get(&k) {
                    path.push(p);
                    k = p;
                }
                path.reverse();
                return Some((path, site));
            }
            if component_of[to] == component_of[start] && !parent.contains_key(&to) {
                parent.insert(to, at);
                queue.push_back(to);
            }
        }
    }
    None
}

/// `#/components/schemas/Node` → `Node`; other pointers are kept whole.
fn short(reference: &str) -> &str {
    reference
        .strip_prefix("#/components/schemas/")
        .filter(|name| !name.contains('/'))
        .unwrap_or(reference)
}

/// Tarjan's algorithm, iterative; components come out in reverse topological order.
fn strongly_connected(edges: &[Vec<(usize, usize)>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = call.last_mut() {
            if let Some(&(w, _)) = edges[v].get(*i) {
                *i += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut component = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component.push(w);
                        if w == v {
                            break;
                        }
                    }
                    out.push(component);
                }
            }
        }
    }
    out
}
