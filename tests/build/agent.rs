//! The agent topic and actions: the names build derives for them.

use super::*;

/// check accepts a space in the topic name (AL708 follows the Heroku documentation); build
/// derives the GenAiPlugin's API name as Salesforce derives one from a label (`_` for the space)
/// and keeps the name as written as its label.
#[test]
fn a_topic_name_with_a_space_builds_under_the_derived_api_name() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    let text = std::fs::read_to_string(example("examples/api-spec.yaml"))
        .unwrap()
        .replace("name: acme_pricing", "name: Acme  Pricing Desk");
    std::fs::write(&spec, text).unwrap();
    let (code, checked, _) = run(check_cmd(&spec, "AcmePricing", &[]));
    assert_eq!(code, 0, "{checked:#?}");
    assert!(!checked.iter().any(|f| f.contains("[AL708]")), "{checked:#?}");
    let out = dir.path().join("o.zip");
    let (code, built, stderr) = run(build_cmd(&spec, "AcmePricing", &out, &[]));
    assert_eq!(code, 0, "{stderr}{built:#?}");
    let files = read_zip(&out);
    let (_, plugin) = files
        .iter()
        .find(|(name, _)| name.starts_with("unpackaged/genAiPlugins/"))
        .expect("a GenAiPlugin");
    assert!(
        files
            .iter()
            .any(|(name, _)| name == "unpackaged/genAiPlugins/Acme_Pricing_Desk.genAiPlugin"),
        "{:?}",
        files.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    let plugin = String::from_utf8(plugin.clone()).unwrap();
    assert!(
        plugin.contains("<developerName>Acme_Pricing_Desk</developerName>"),
        "{plugin}"
    );
    assert!(
        plugin.contains("<masterLabel>Acme Pricing Desk</masterLabel>"),
        "{plugin}"
    );
}

/// An agent action is named `<client-name>_<operationId>`: build needs 80 characters for that,
/// where check's AL206 (a warning) counts the operationId alone.
#[test]
fn an_agent_action_name_over_80_characters_is_refused_by_build() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.yaml");
    let long = format!("generateQuote{}", "X".repeat(62));
    let text = std::fs::read_to_string(example("examples/api-spec.yaml"))
        .unwrap()
        .replace("operationId: generateQuote", &format!("operationId: {long}"));
    std::fs::write(&spec, text).unwrap();
    let (code, checked, _) = run(check_cmd(&spec, "AcmePricing", &[]));
    assert_eq!(code, 0);
    assert!(!checked.iter().any(|f| f.contains("[AL206]")), "{checked:#?}");
    let out = dir.path().join("o.zip");
    let (code, built, _) = run(build_cmd(&spec, "AcmePricing", &out, &[]));
    assert_eq!(code, 1);
    let errors: Vec<String> = built
        .into_iter()
        .skip_while(|f| !f.starts_with("error["))
        .take(2)
        .collect();
    assert_eq!(
        errors,
        [
            format!(
                "error[AL206] api-spec.yaml:20:20 the agent action name `AcmePricing_{long}` of operationId `{long}` is 87 characters long; the limit is 80"
            ),
            "  help: shorten the operationId (or --client-name)".to_string(),
        ]
    );
    assert!(!out.exists());
}
