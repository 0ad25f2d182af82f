//! YAML loading: any UTF-8 text either loads or gives problems with spans inside the text; a
//! tree that counts as in source order gets the same pointers from the binary-search lookups
//! as from the scan, at every node, key and boundary.
#![no_main]
use applinkc::source::node::PointerCursor;
use applinkc::source::{Node, Span, load};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (source, loaded) = load("fuzz.yaml", text.as_bytes().to_vec());
    for p in &loaded.problems {
        assert!(p.span.start <= p.span.end && p.span.end as usize <= text.len());
    }
    let Some(root) = &loaded.root else { return };
    assert!(root.span.end as usize <= text.len());
    if !source.tree_in_source_order() {
        return;
    }
    let mut spans = Vec::new();
    collect(root, &mut spans);
    // The scan is linear per lookup: keep big inputs fast (they still load above).
    if spans.len() > 2_000 {
        return;
    }
    let places: Vec<Span> = spans
        .iter()
        .flat_map(|s| [*s, Span::empty(s.start as usize), Span::empty(s.end as usize)])
        .collect();
    let mut sorted = places.clone();
    sorted.sort_by_key(|s| (s.start, s.end));
    let mut cursor = PointerCursor::default();
    for span in places {
        assert_eq!(root.pointer_to_ordered(span), root.pointer_to(span), "{span:?}");
    }
    for span in sorted {
        assert_eq!(root.pointer_to_ordered_from(span, &mut cursor), root.pointer_to(span), "{span:?}");
    }
});

fn collect(node: &Node, out: &mut Vec<Span>) {
    out.push(node.span);
    for e in node.entries() {
        out.push(e.key_span);
        collect(&e.value, out);
    }
    node.items().iter().for_each(|n| collect(n, out));
}
