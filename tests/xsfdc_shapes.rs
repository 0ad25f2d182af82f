//! The AL7xx–AL9xx rules read user-written `x-sfdc` blocks of any shape: every value of the
//! wrong kind at every level must give findings, never a panic, and every finding must point
//! inside the file.

use applinkc::check::check_bytes;
use applinkc::flags::{MetadataDir, MetadataFile, PublishFlags};

const VALUES: [&str; 8] = ["null", "true", "\"true\"", "42", "[]", "[a, 1]", "{}", "''"];

/// The places a value is substituted: each `$` in one template.
const TEMPLATES: [&str; 9] = [
    "x-sfdc: $\n",
    "x-sfdc: {agent: $}\n",
    "x-sfdc: {agent: {topic: $}}\n",
    "x-sfdc: {agent: {topic: {name: $, classificationDescription: $, scope: $, instructions: $}}}\n",
    "paths: {/a: {post: {operationId: a, x-sfdc: $, responses: {'200': {description: OK}}}}}\n",
    "paths: {/a: {post: {operationId: a, x-sfdc: {agent: {action: $}}, responses: {'200': {description: OK}}}}}\n",
    "paths: {/a: {post: {operationId: a, x-sfdc: {agent: {action: {publishAsAgentAction: true, isUserInput: $, isDisplayable: $}}, privacy: {isPii: $}}, responses: {'200': {description: OK}}}}}\n",
    "paths: {/a: {post: {operationId: a, x-sfdc: {heroku: $}, responses: {'200': {description: OK}}}}}\n",
    "paths: {/a: {post: {operationId: a, x-sfdc: {heroku: {authorization: {connectedApp: $, externalClientApp: $, permissionSet: $}}}, responses: {'200': {description: OK}}}}}\n",
];

fn flags() -> PublishFlags {
    let file = |name: &str, is_dir: bool, size: u64| MetadataFile {
        name: name.into(),
        is_symlink: false,
        is_dir,
        size,
    };
    PublishFlags {
        client_name: Some("Quote Service".into()),
        connected_app_name: Some("".into()),
        external_client_app_name: Some("App__".into()),
        permission_set_name: Some("quote service".into()),
        metadata_dir: Some(MetadataDir {
            path: "meta dir".into(),
            files: vec![
                file("connectedapp-meta.xml", true, 0),
                file("permissionset-meta.xml", false, 0),
                file("X.PermissionSet-meta.xml", false, 10),
                file("openapi.json", false, 10),
            ],
        }),
    }
}

#[test]
fn any_shape_of_x_sfdc_gives_findings_inside_the_file_and_no_panic() {
    let flags = flags();
    for template in TEMPLATES {
        for value in VALUES {
            let body = template.replace('$', value);
            let text = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\n{body}");
            for with_flags in [false, true] {
                let f = if with_flags {
                    flags.clone()
                } else {
                    PublishFlags::default()
                };
                let report = check_bytes("api-spec.yaml", text.clone().into_bytes(), &f);
                for d in &report.diagnostics {
                    assert!(d.span.end as usize <= text.len(), "{text}: {} out of range", d.rule);
                }
            }
        }
    }
}
