//! `build` on specs that pass `check`: every produced file is well-formed XML in the Salesforce
//! namespace (bundle JSON files parse), and the zip holds one component file per package.xml
//! member, and the output stays within a linear bound of the input. Specs that `check` or the
//! model refuse must stop cleanly.
#![no_main]
use applinkc::archive::{self, Layout};
use applinkc::check::check_bytes_with_tree;
use applinkc::diagnostics::Severity;
use applinkc::emit::Templates;
use applinkc::flags::PublishFlags;
use applinkc::publication::{BuildInputs, Publication};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let flags = PublishFlags { client_name: Some("Fuzz".into()), ..PublishFlags::default() };
    let (report, root) = check_bytes_with_tree("api-spec.yaml", data.to_vec(), &flags);
    if report.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return;
    }
    let Some(root) = root else { return };
    let inputs = BuildInputs {
        client_name: "Fuzz",
        app_url: "https://fuzz.herokuapp.com",
        api_version: "66.0",
        contact_email: Some("fuzz@example.com"),
        flags: &flags,
        permission_set_file: None,
        connected_app_file: None,
    };
    let Ok(publication) = Publication::from_spec(&report.source, &root, &inputs) else { return };
    let emitted = Templates::new(None).expect("built-in templates").emit(&publication).expect("checked model renders");
    let files = archive::files(&emitted, Layout::Zip, &publication.api_version);
    // Output grows linearly: the registration embeds the spec (XML escaping at most ×6), every
    // other file is bounded by the nodes it describes. An exponential expansion (a schema
    // inlined at every reference) fails this long before it runs out of memory.
    let emitted_bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let limit = 64 * 1024 + 8 * data.len() + 512 * root.count();
    assert!(emitted_bytes <= limit, "{emitted_bytes} bytes emitted for {} input bytes, {} nodes", data.len(), root.count());
    let mut members = 0;
    let mut components = 0;
    for (path, bytes) in &files {
        if path.ends_with(".json") {
            assert!(serde_json::from_slice::<serde_json::Value>(bytes).is_ok(), "{path}");
            continue;
        }
        let text = std::str::from_utf8(bytes).expect("UTF-8 XML");
        let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(doc.root_element().tag_name().namespace(), Some("http://soap.sforce.com/2006/04/metadata"));
        if path == "unpackaged/package.xml" {
            members = doc.descendants().filter(|n| n.has_tag_name("members")).count();
        } else {
            components += 1;
        }
    }
    assert_eq!(members, components);
    archive::zip_bytes(&files).expect("zip");
});
