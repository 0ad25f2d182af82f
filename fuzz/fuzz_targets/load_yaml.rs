//! YAML loading: any UTF-8 text either loads or gives problems with spans inside the text; a
//! tree that counts as in source order gets the same pointers from the binary-search lookups
//! as from the scan, at every node, key and boundary.
#![no_main]
use applinkc::source::{Span, load};
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
    let spans = root.spans();
    // The scan is linear per lookup: keep big inputs fast (they still load above).
    if spans.len() > 2_000 {
        return;
    }
    let mut places: Vec<Span> = spans
        .iter()
        .flat_map(|s| [*s, Span::empty(s.start as usize), Span::empty(s.end as usize)])
        .collect();
    assert_eq!(root.ordered_lookup_disagreement(&places), None);
    places.sort_by_key(|s| (s.start, s.end));
    assert_eq!(root.ordered_lookup_disagreement(&places), None);
});

