//! The sources that rule docs cite as `S1`…`S29` (the rule catalog's numbering) and
//! `corpus #N` (the real specs applinkc is tested on), so that `applinkc explain` can print
//! what each one is and where to find it; docs/sources.md is this table (a test keeps them
//! equal).

/// `(id, what and where)`.
pub const SOURCES: &[(&str, &str)] = &[
    (
        "S1",
        "Heroku Dev Center, *Configuring OpenAPI Specification for Heroku AppLink* — https://devcenter.heroku.com/articles/openapi-spec-heroku-applink",
    ),
    (
        "S2",
        "Heroku Dev Center, *Heroku AppLink User Mode Options* — https://devcenter.heroku.com/articles/heroku-applink-user-modes",
    ),
    (
        "S3",
        "Heroku Dev Center article on external client apps for AppLink — https://devcenter.heroku.com/articles/heroku-applink-eca (last updated 2026-05-12)",
    ),
    (
        "S4",
        "Heroku Dev Center article on JWT authorizations for AppLink — https://devcenter.heroku.com/articles/jwt-heroku-applink (versions 2025-12-05 and 2026-04-30)",
    ),
    (
        "S5",
        "Heroku Dev Center, *Getting Started with Heroku AppLink and Salesforce* — https://devcenter.heroku.com/articles/getting-started-heroku-applink",
    ),
    (
        "S6",
        "Salesforce Help, *OpenAPI 2.0 and 3.0 Support* — help.salesforce.com `platform.external_services_intro_openapi_2_3_support.htm`",
    ),
    (
        "S7",
        "Salesforce Help, *Schema Definitions* — `platform.external_services_schema_def_definition.htm`",
    ),
    (
        "S8",
        "Salesforce Help, *System Limits* (External Services) — `platform.external_services_schema_def_limits.htm`",
    ),
    (
        "S9",
        "Salesforce Help, *Naming and Description Conventions* — `platform.external_services_schema_def_naming_description.htm`",
    ),
    (
        "S10",
        "Salesforce Help, *Apex Reserved Keywords* (External Services) — `platform.external_services_schema_def_apex_reserved_keywords.htm`",
    ),
    (
        "S11",
        "Salesforce Help, *Media Type Directives and Mapping* — `platform.external_services_schema_def_media_type_schema_directives.htm`",
    ),
    (
        "S12",
        "Salesforce Help, *Operation Output Parameters* — `platform.external_services_schema_def_operation_output_params.htm`",
    ),
    (
        "S13",
        "Salesforce Help, *Callouts and Callbacks: Limits and Usage* — `platform.external_services_schema_def_usage_considerations.htm`",
    ),
    (
        "S14",
        "Salesforce Help, *Asynchronous Callback Operations Using Apex* — `platform.external_services_async_ops.htm`, `platform.external_services_async_ops_example.htm`",
    ),
    (
        "S15",
        "Salesforce Help, *External Service Registrations in Apex* — `platform.external_services_apex_registrations.htm`",
    ),
    (
        "S16",
        "Metadata API, *ExternalServiceRegistration* (v252, v258, v260) — developer.salesforce.com `api_meta/meta_externalserviceregistration.htm`",
    ),
    (
        "S17",
        "Tooling API, *ExternalServiceRegistration* (DeveloperName rules) — developer.salesforce.com `api_tooling/tooling_api_objects_externalserviceregistration.htm`",
    ),
    (
        "S18",
        "Agentforce Developer Guide, *Verify Metadata and OpenAPI Specification Documents* (Apex REST actions) — https://developer.salesforce.com/docs/ai/agentforce/guide/agent-apex-verify-spec.html",
    ),
    (
        "S19",
        "Agentforce Developer Guide, *OpenAPI Extensions to Automatically Create Agent Actions* (AuraEnabled actions) — https://developer.salesforce.com/docs/ai/agentforce/guide/agent-auraenabled-extensions.html",
    ),
    (
        "S20",
        "Salesforce Field Reference, *GenAiPluginDefinition* (topic) and *GenAiFunctionDefinition* (action) field lengths — developer.salesforce.com/docs/platform/field-reference",
    ),
    (
        "S21",
        "Metadata API, *GenAiPluginInstructionDef* (developerName rules) — developer.salesforce.com `api_meta/meta_genaiplugininstructiondef.htm`",
    ),
    (
        "S22",
        "MuleSoft, *Enabling an API Project for Topics and Agent Actions* — https://docs.mulesoft.com/anypoint-code-builder/ai-enabling-api-project-topic-center",
    ),
    (
        "S23",
        "Apex Developer Guide, *Reserved Keywords* — developer.salesforce.com `apexcode/apex_reserved_words.htm` (v240/v262)",
    ),
    (
        "S24",
        "Heroku blog, *AppLink Fundamentals II* — https://www.heroku.com/blog/applink-fundamentals-advanced-integrations-automation-ai",
    ),
    (
        "S25",
        "`heroku/heroku-cli-plugin-applink` @ fd1281a89ecb5086e08ee311b0f76e0837fe3827 (v2.0.3): `src/commands/salesforce/publish.ts`, `publications.ts`, `src/lib/applink/types.ts`, `CHANGELOG.md`",
    ),
    (
        "S26",
        "Sample READMEs: `heroku-reference-apps/applink-getting-started-python` README @8db5405 (\"This value must match the `externalClientApp` / `permissionSet` value defined in `api-spec.yaml`\"); `heroku-examples/heroku-agentforce-tutorial` README; pattern READMEs (org-action, org-job)",
    ),
    (
        "S27",
        "Metadata API, *ExternalServicesSettings* — `api_meta/meta_externalservicessettings.htm`",
    ),
    (
        "S28",
        "`afawcett/applink-apex-integration` README @daa49dd (\"converts `x-callbacks` to `callbacks` (required for AppLink)\"; BackgroundOperation; 24 h)",
    ),
    (
        "S29",
        "OpenAPI Specification 3.0.3 — https://spec.openapis.org/oas/v3.0.3",
    ),
    (
        "corpus #1",
        "heroku-reference-apps/heroku-applink-pattern-org-action-nodejs `api-docs.yaml` @d23886fc (a real AppLink spec)",
    ),
    (
        "corpus #2",
        "heroku-examples/heroku-applink-pattern-org-action-java `api-docs.yaml` @58546394 (a real AppLink spec)",
    ),
    (
        "corpus #3",
        "heroku-examples/heroku-applink-pattern-org-job-nodejs `api-docs.yaml` @75ea8d36 (a real AppLink spec)",
    ),
    (
        "corpus #4",
        "heroku-examples/heroku-agentforce-tutorial-java `api-spec.yaml` @f5df2aa2 (a real AppLink spec)",
    ),
    (
        "corpus #5",
        "heroku-examples/heroku-agentforce-tutorial-java `api-spec.yaml` @6e7d2c75 (a real AppLink spec)",
    ),
    (
        "corpus #6",
        "heroku-examples/heroku-tdx25-agentforce `api-docs.yaml` @194169ca (a real AppLink spec)",
    ),
    (
        "corpus #7",
        "heroku-reference-apps/applink-getting-started-python `api-spec.yaml` @8db54051 (a real AppLink spec)",
    ),
    (
        "corpus #8",
        "heroku-reference-apps/applink-getting-started-python `api-spec.yaml` @f58488ca (a real AppLink spec)",
    ),
    (
        "corpus #9",
        "heroku-reference-apps/applink-getting-started-nodejs `api-spec.yaml` @b680c073 (a real AppLink spec)",
    ),
    (
        "corpus #10",
        "afawcett/applink-apex-integration `api-docs.yaml` @daa49dd8 (a real AppLink spec)",
    ),
    (
        "corpus #11",
        "aagnone-sfhk/data-cloud-inspector `api-spec.yaml` @04d01fe3 (a real AppLink spec)",
    ),
    (
        "corpus #12",
        "aagnone-sfhk/agentforce-ui `api-spec.yaml` @9b08ccc4 (a real AppLink spec)",
    ),
    (
        "corpus #13",
        "aditya930/heroku-applink-dev `api-spec.yaml` @3458ed31 (a real AppLink spec)",
    ),
    (
        "corpus #14",
        "haribabuas/applink-express `api-spec.yaml` @c5a24515 (a real AppLink spec)",
    ),
    (
        "corpus #15",
        "heroku-examples/jj-applink-express-hello `api-spec.yaml` @1ddabe4b (a real AppLink spec)",
    ),
    (
        "corpus #16",
        "heroku-examples/df25-heroku-minihack-instructions `api-docs.yaml` @3be78b8c (a real AppLink spec)",
    ),
    (
        "corpus #17",
        "alansf/apex-zombie-killer `apispec.yaml` @3ed025aa (a real AppLink spec)",
    ),
    (
        "corpus #18",
        "heroku-examples/agentforce-collage-agent-sf-integration `api-docs.yaml` @ef595e65 (a real AppLink spec)",
    ),
    (
        "corpus #19",
        "heroku-examples/heroku-agentforce-tutorial-python `api-spec.json (branch `heroku-integration-pilot`)` @036289a6 (a real AppLink spec)",
    ),
    (
        "corpus #20",
        "sfdcarter/heroku-integration-fastapi `openapi.json` @f2edb4d5 (a real AppLink spec)",
    ),
    (
        "corpus #21",
        "heroku/heroku-applink-python `examples/applink-getting-started-python/api-spec.yaml` @23ef3b2d (a real AppLink spec)",
    ),
];

/// The sources `docs` cites, in the order of first mention, each with what it is.
pub fn cited(docs: &str) -> Vec<(&'static str, &'static str)> {
    let mut found: Vec<(usize, &'static str, &'static str)> = Vec::new();
    for &(id, what) in SOURCES {
        let mut from = 0;
        while let Some(at) = docs[from..].find(id) {
            let start = from + at;
            let end = start + id.len();
            from = end;
            // `S1` is not the start of `S18`, nor `corpus #1` of `corpus #13`.
            let before_ok = start == 0 || !docs.as_bytes()[start - 1].is_ascii_alphanumeric();
            let after_ok = docs.as_bytes().get(end).is_none_or(|b| !b.is_ascii_digit());
            if before_ok && after_ok {
                found.push((start, id, what));
                break;
            }
        }
    }
    found.sort_unstable();
    found.into_iter().map(|(_, id, what)| (id, what)).collect()
}

/// docs/sources.md.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Sources cited by the rule docs\n\nRule docs (`applinkc explain RULE`) cite their sources by id; `explain` prints\nthis table's line for each id it cites. Generated from `src/rules/sources.rs`.\n\n| id | source |\n| --- | --- |\n",
    );
    for (id, what) in SOURCES {
        out.push_str(&format!("| {id} | {what} |\n"));
    }
    out
}
