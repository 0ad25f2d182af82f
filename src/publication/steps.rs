//! What remains to do in the org after a build: the steps no metadata file can hold (a secret,
//! an assignment, a consumer key the org generates), as exact commands where one exists.
//! docs/build.md, "After deploying", explains each.

use super::{Body, MetadataType, Publication};
use serde::Serialize;

/// One step, for people (`title`, `command`) and for the JSON report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// `deploy`, `token`, `assign`, `assign-user-plus`, `oauth-client`, `agent`.
    pub kind: &'static str,
    pub title: String,
    /// A command to run as it is, with `ORG` (and `USER`) to fill in; `None` for a step done in
    /// Setup.
    pub command: Option<String>,
}

/// The steps after deploying `publications` (one, or the main one and the agent package), each
/// written where `deploys` says (the arguments for `sf project deploy start`: `--metadata-dir
/// out.zip`, …), in that order.
pub fn steps(publications: &[&Publication], deploys: &[String]) -> Vec<Step> {
    let Some(first) = publications.first() else {
        return Vec::new();
    };
    let client = first.client.as_str();
    let mut out: Vec<Step> = deploys
        .iter()
        .enumerate()
        .map(|(i, deploy)| Step {
            kind: "deploy",
            title: match (deploys.len(), i) {
                (1, _) => "deploy the components".to_string(),
                (_, 0) => "deploy the registration, credentials and permission sets".to_string(),
                _ => "then deploy the agent topic and actions (they target the registration's actions)".to_string(),
            },
            command: Some(format!("sf project deploy start {deploy} --target-org ORG")),
        })
        .collect();
    out.extend([
        Step {
            kind: "token",
            title: format!(
                "set the secret the app checks in `Authorization: Bearer …`: Setup → Named Credentials → External Credentials → {client} → principal {client}Principal → authentication parameter `token`"
            ),
            command: None,
        },
        Step {
            kind: "assign",
            title: format!("let users invoke the app: assign the permission set {client}"),
            command: Some(format!("sf org assign permset --name {client} --target-org ORG")),
        },
    ]);
    for c in publications.iter().flat_map(|p| &p.components) {
        match (&c.ty, &c.body) {
            (MetadataType::PermissionSet, Body::PermissionSet(p)) if p.activation_required => out.push(Step {
                kind: "assign-user-plus",
                title: format!(
                    "assign the user-plus permission set {} to the users the app acts for",
                    c.name
                ),
                command: Some(format!(
                    "sf org assign permset --name {} --on-behalf-of USER --target-org ORG",
                    c.name
                )),
            }),
            (MetadataType::ExternalClientApplication, _) => out.push(Step {
                kind: "oauth-client",
                title: format!(
                    "give the app the consumer key and secret the org generated for {} (the org needs \"Allow Access to OAuth Consumer Secrets via Metadata API\")",
                    c.name
                ),
                command: Some(format!(
                    "sf project retrieve start --metadata ExtlClntAppGlobalOauthSettings:{} --target-org ORG",
                    c.name
                )),
            }),
            (MetadataType::GenAiPlugin, _) => out.push(Step {
                kind: "agent",
                title: format!(
                    "add the topic {} to an agent in Agent Builder (the org needs Agentforce)",
                    c.name
                ),
                command: None,
            }),
            _ => {}
        }
    }
    const ORDER: [&str; 6] = ["deploy", "token", "assign", "assign-user-plus", "oauth-client", "agent"];
    // Stable: the deploys keep their order.
    out.sort_by_key(|s| ORDER.iter().position(|k| *k == s.kind));
    out
}
