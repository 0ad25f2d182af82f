//! Agent actions (GenAiFunction bundles) in the shape orgs retrieve (docs/build.md, "Agent
//! actions"): every property of both schema files of a spec that has each kind of input and
//! output; `build` and `apex` naming the same classes on every real spec; a spec whose schemas
//! reuse each other exponentially still builds small files; unique instruction names.

mod common;

use common::applinkc;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;

/// Builds `spec` with `--layout dir` into `out`; returns standard output.
fn build_dir(spec: &Path, client: &str, out: &Path) -> String {
    let output = applinkc()
        .arg("build")
        .arg(spec)
        .args(["--client-name", client, "--app-url", "https://app.herokuapp.com"])
        .args(["--contact-email", "integrations@example.com", "--layout", "dir", "-o"])
        .arg(out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{}: build failed:\n{stdout}{}",
        spec.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// A property as the org writes an output: title, description, type and the three flags.
fn output(title: &str, description: &str, ty: &str, pii: bool, displayable: bool) -> Value {
    json!({
        "title": title,
        "description": description,
        "lightning:type": ty,
        "lightning:isPII": pii,
        "copilotAction:isDisplayable": displayable,
        "copilotAction:isUsedByPlanner": true
    })
}

fn input(title: &str, description: &str, ty: &str, pii: bool, user_input: bool) -> Value {
    json!({
        "title": title,
        "description": description,
        "lightning:type": ty,
        "lightning:isPII": pii,
        "copilotAction:isUserInput": user_input
    })
}

const CLASS: &str = "@apexClassType/ExternalService__c__";

#[test]
fn schema_files_have_the_shape_orgs_retrieve() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_dir(
        &common::repo().join("tests/data/build/agent-shapes.yaml"),
        "Shipping",
        &out,
    );
    let functions = out.join("unpackaged/genAiFunctions");

    // A `$ref` body, path and query parameters; a `$ref` success response, an error response
    // with a body (`400Exc`) and one without (404: nothing but `responseCode`).
    assert_eq!(
        read_json(&functions.join("Shipping_createShipment/input/schema.json")),
        json!({
            "required": ["orderId", "body"],
            "unevaluatedProperties": false,
            "properties": {
                "orderId": input("Order Id", "The order to ship", "lightning__textType", false, true),
                "dryRun": input("Dry Run", "Dry Run", "lightning__booleanType", false, true),
                "body": input("Body", "Body", &format!("{CLASS}Shipping_ShipmentRequest"), false, true)
            },
            "lightning:type": "lightning__objectType"
        })
    );
    assert_eq!(
        read_json(&functions.join("Shipping_createShipment/output/schema.json")),
        json!({
            "unevaluatedProperties": false,
            "properties": {
                "201": output("201", "The shipment", &format!("{CLASS}Shipping_Shipment"), false, true),
                "responseCode": output("Response Code", "response code", "lightning__integerType", false, false),
                "400Exc": output("400 Exception", "The request is invalid", &format!("{CLASS}Shipping_Problem"), false, false),
                "defaultExc": output("Default Exception", "Default response", "lightning__textType", false, false)
            },
            "lightning:type": "lightning__objectType"
        })
    );

    // An inline body (optional: not required), an inline success and error response; the
    // operation's PII flag on every input and output but the status code.
    assert_eq!(
        read_json(&functions.join("Shipping_trackParcel/input/schema.json")),
        json!({
            "unevaluatedProperties": false,
            "properties": {
                "maxEvents": input("Max Events", "Max Events", "lightning__integerType", true, false),
                "body": input("Body", "Body", &format!("{CLASS}Shipping_trackParcel_IN_body"), true, false)
            },
            "lightning:type": "lightning__objectType"
        })
    );
    assert_eq!(
        read_json(&functions.join("Shipping_trackParcel/output/schema.json")),
        json!({
            "unevaluatedProperties": false,
            "properties": {
                "200": output("200", "Where the parcel is", &format!("{CLASS}Shipping_trackParcel_OUT_200"), true, false),
                "responseCode": output("Response Code", "response code", "lightning__integerType", false, false),
                "500Exc": output("500 Exception", "The carrier failed", &format!("{CLASS}Shipping_trackParcel_OUT_500"), true, false),
                "defaultExc": output("Default Exception", "Default response", "lightning__textType", true, false)
            },
            "lightning:type": "lightning__objectType"
        })
    );

    // Instruction names stay unique: `Rule 1.` at index 1 and `Rule!` at index 11 would both be
    // `instruction_rule11` without the separator.
    let plugin = std::fs::read_to_string(out.join("unpackaged/genAiPlugins/shipment_desk.genAiPlugin")).unwrap();
    let names: Vec<&str> = plugin
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<developerName>instruction_"))
        .map(|l| l.trim_end_matches("</developerName>"))
        .collect();
    assert_eq!(names.len(), 12, "{plugin}");
    assert_eq!(names[1], "rule1_1");
    assert_eq!(names[11], "rule_11");
    assert_eq!(names.iter().collect::<BTreeSet<_>>().len(), 12, "{names:?}");
}

/// Every `@apexClassType/…` that build writes is a class that `apex` lists, for the bundled
/// example, the shapes fixture and each real spec with agent actions.
#[test]
fn build_and_apex_name_the_same_classes() {
    let mut specs = vec![
        common::repo().join("examples/api-spec.yaml"),
        common::repo().join("tests/data/build/agent-shapes.yaml"),
    ];
    match common::shared() {
        Some(shared) => specs.extend(common::files_with(
            &shared.join("corpus/real"),
            &["yaml", "yml", "json"],
        )),
        None => eprintln!("1 test part could not run: the 21 real specs need ../shared"),
    }
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for (i, spec) in specs.iter().enumerate() {
        let checked = applinkc::check::check_file(spec, &Default::default()).unwrap();
        if checked
            .diagnostics
            .iter()
            .any(|d| d.severity == applinkc::diagnostics::Severity::Error)
        {
            continue;
        }
        let out = dir.path().join(format!("out{i}"));
        build_dir(spec, "CorpusApp", &out);
        let mut built = BTreeSet::new();
        let functions = out.join("unpackaged/genAiFunctions");
        for function in std::fs::read_dir(&functions).into_iter().flatten() {
            let function = function.unwrap().path();
            for file in ["input/schema.json", "output/schema.json"] {
                collect_classes(&read_json(&function.join(file)), &mut built);
            }
        }
        let apex = applinkc()
            .arg("apex")
            .arg(spec)
            .args(["--client-name", "CorpusApp", "--format", "json"])
            .output()
            .unwrap();
        let surface: Value = serde_json::from_slice(&apex.stdout).unwrap();
        let listed: BTreeSet<String> = surface["schema_classes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                c["class"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("HerokuAppLink.")
                    .to_string()
            })
            .collect();
        let missing: Vec<&String> = built.difference(&listed).collect();
        assert!(
            missing.is_empty(),
            "{}: build names classes apex does not list: {missing:?}",
            spec.display()
        );
        compared += built.len();
    }
    assert!(compared >= 6, "only {compared} class names compared");
}

fn collect_classes(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if key == "lightning:type"
                    && let Some(class) = v.as_str().and_then(|t| t.strip_prefix(CLASS))
                {
                    out.insert(class.to_string());
                }
                collect_classes(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_classes(v, out)),
        _ => {}
    }
}

/// 30 schemas, each with 10 properties that `$ref` the next: expanding the references in place
/// would write 10^30 properties. Each schema file stays a few hundred bytes.
#[test]
fn schemas_that_reuse_each_other_build_small_files() {
    let mut spec = String::from(
        "openapi: 3.0.3\ninfo: {title: Bomb, version: '1', description: Reuse.}\npaths:\n  /a:\n    post:\n      operationId: bomb\n      description: Takes and returns the nested type.\n      x-sfdc: {agent: {action: {publishAsAgentAction: true, isUserInput: true, isDisplayable: true}}}\n      requestBody:\n        required: true\n        content: {application/json: {schema: {$ref: '#/components/schemas/L0'}}}\n      responses:\n        '200':\n          description: The nested type\n          content: {application/json: {schema: {$ref: '#/components/schemas/L0'}}}\ncomponents:\n  schemas:\n",
    );
    for level in 0..30 {
        spec.push_str(&format!(
            "    L{level}:\n      type: object\n      description: Level {level}.\n      properties:\n"
        ));
        for p in 0..10 {
            if level == 29 {
                spec.push_str(&format!("        p{p}: {{type: string, description: Leaf.}}\n"));
            } else {
                spec.push_str(&format!(
                    "        p{p}: {{$ref: '#/components/schemas/L{}'}}\n",
                    level + 1
                ));
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.yaml");
    std::fs::write(&path, &spec).unwrap();
    let out = dir.path().join("out");
    build_dir(&path, "Bomb", &out);
    let mut total = 0;
    for file in ["input/schema.json", "output/schema.json"] {
        let path = out.join("unpackaged/genAiFunctions/Bomb_bomb").join(file);
        let len = std::fs::metadata(&path).unwrap().len();
        assert!(len < 2_000, "{}: {len} bytes", path.display());
        total += len;
    }
    assert!(
        total < spec.len() as u64,
        "{total} bytes of schema files for a {}-byte spec",
        spec.len()
    );
}

fn zip_names(path: &Path) -> Vec<String> {
    common::unzip(path).into_iter().map(|(name, _)| name).collect()
}

/// `--agent-package separate`: the topic and actions in `<output>-agent.zip`, everything else
/// in the output, each with its own manifest; an existing second output stops the build before
/// anything is written.
#[test]
fn the_agent_package_can_be_deployed_after_the_registration() {
    let dir = tempfile::tempdir().unwrap();
    let spec = common::repo().join("examples/api-spec.yaml");
    let build = |force: bool| {
        let mut cmd = applinkc();
        cmd.current_dir(dir.path())
            .arg("build")
            .arg(&spec)
            .args([
                "--client-name",
                "AcmePricing",
                "--app-url",
                "https://acme-pricing.herokuapp.com",
            ])
            .args(["--authorization-external-client-app-name", "AcmePricingApp"])
            .args(["--authorization-permission-set-name", "AcmePricingPermissions"])
            .args(["--agent-package", "separate", "-o", "acme.zip"]);
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    let output = build(false);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "built acme.zip and acme-agent.zip: 12 components in 16 files (zip layout, API 66.0)\n\
             next, in the org (docs/build.md, \"After deploying\"):\n  \
             1. deploy the registration, credentials and permission sets\n     \
             sf project deploy start --metadata-dir acme.zip --target-org ORG\n  \
             2. then deploy the agent topic and actions (they target the registration's actions)\n     \
             sf project deploy start --metadata-dir acme-agent.zip --target-org ORG\n"
        ),
        "{stdout}"
    );
    assert_eq!(
        zip_names(&dir.path().join("acme-agent.zip")),
        [
            "unpackaged/genAiFunctions/AcmePricing_generateQuote/AcmePricing_generateQuote.genAiFunction-meta.xml",
            "unpackaged/genAiFunctions/AcmePricing_generateQuote/input/schema.json",
            "unpackaged/genAiFunctions/AcmePricing_generateQuote/output/schema.json",
            "unpackaged/genAiPlugins/acme_pricing.genAiPlugin",
            "unpackaged/package.xml",
        ]
    );
    let main = zip_names(&dir.path().join("acme.zip"));
    assert!(
        main.iter()
            .any(|n| n.starts_with("unpackaged/externalServiceRegistrations/")),
        "{main:?}"
    );
    assert!(!main.iter().any(|n| n.contains("genAi")), "{main:?}");

    // The agent zip alone exists: without --force nothing is written, not even the first zip.
    std::fs::remove_file(dir.path().join("acme.zip")).unwrap();
    let output = build(false);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: acme-agent.zip: already exists; pass --force to replace it\n"
    );
    assert!(!dir.path().join("acme.zip").exists());
    assert!(build(true).status.success());
}
