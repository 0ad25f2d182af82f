//! Builds the components of a publication from the spec, one kind at a time.

use super::components::*;
use super::names::{self, ApiName, MAX_API_NAME, humanize};
use super::{Body, Component, MetadataType, ModelError, Publication, Refusal, agent};
use crate::flags::Flag;
use crate::rules::StopsBuild;
use crate::rules::authorization::AL953_STOPS_BUILD;
use crate::rules::file::xml_chars::{self, AL009_STOPS_BUILD};
use crate::rules::operations::{AL202_STOPS_BUILD, AL203_STOPS_BUILD, AL206_STOPS_BUILD};
use crate::source::{Format, Node, SourceFile, Span};
use crate::spec::apex_type::ApexTypes;
use crate::spec::{Spec, apex_name};
use std::path::Path;

mod authorization;
mod topic;

/// Builds the components one kind at a time, collecting findings as it goes.
pub(super) struct Builder<'a> {
    source: &'a SourceFile,
    root: &'a Node,
    spec: &'a Spec<'a>,
    client: ApiName,
    /// The named principal of the external credential: `<client>Principal`.
    principal: ApiName,
    /// `Acme Pricing` for `AcmePricing`.
    label: String,
    app_url: String,
    /// The app's host, for descriptions.
    host: String,
    contact_email: Option<String>,
    pub(super) components: Vec<Component>,
    findings: Vec<Refusal>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(
        source: &'a SourceFile,
        spec: &'a Spec<'a>,
        client: ApiName,
        app_url: String,
        contact_email: Option<String>,
    ) -> Result<Builder<'a>, ModelError> {
        let principal = client
            .with_suffix("Principal", MAX_API_NAME)
            .map_err(|e| ModelError::Usage(e.to_string()))?;
        Ok(Builder {
            source,
            root: spec.root,
            spec,
            principal,
            label: humanize(client.as_str()),
            host: app_url.trim_start_matches("https://").to_string(),
            client,
            app_url,
            contact_email,
            components: Vec::new(),
            findings: Vec::new(),
        })
    }

    fn push(&mut self, ty: MetadataType, name: ApiName, body: Body) {
        self.components.push(Component {
            ty,
            name,
            body,
            extra: Vec::new(),
        });
    }

    /// The External Service registration, one operation per operation of the spec; returns the
    /// agent actions (GenAiFunction bundles) of the operations that publish one.
    pub(super) fn registration_and_actions(&mut self) -> Vec<Component> {
        let spec = self.spec;
        let client = self.client.clone();
        let mut operations: Vec<(String, Span)> = Vec::new();
        let mut functions = Vec::new();
        let types = ApexTypes::new(spec, client.as_str());
        for op in &spec.operations {
            let Some((id_node, id, dev_name)) = self.operation_name(op, &operations) else {
                continue;
            };
            operations.push((dev_name, id_node.span));
            if !op.agent {
                continue;
            }
            functions.extend(self.agent_action(op, id_node, id, &types));
        }
        let registration = self.registration(operations.into_iter().map(|(n, _)| n).collect());
        self.push(
            MetadataType::ExternalServiceRegistration,
            client,
            Body::Registration(registration),
        );
        functions
    }

    /// The operationId of an operation (its node and text) and the registration operation name
    /// it becomes; refuses, giving `None`, a missing one or one that repeats an earlier name.
    fn operation_name(
        &mut self,
        op: &'a crate::spec::Operation<'a>,
        operations: &[(String, Span)],
    ) -> Option<(&'a Node, &'a str, String)> {
        // Where `check`'s AL203 reports it: the method key when it is missing, else the value.
        let id_node = op.node.get("operationId");
        let Some((id_node, id)) = id_node.and_then(|n| n.as_str().filter(|s| !s.trim().is_empty()).map(|s| (n, s)))
        else {
            self.refuse(
                &AL203_STOPS_BUILD,
                id_node.map_or(op.method_entry.key_span, |n| n.span),
                format!(
                    "{} has no operationId, so build cannot name its registration operation",
                    op.label()
                ),
                "add a unique operationId of letters and digits",
            );
            return None;
        };
        let dev_name = apex_name::collision_key(id);
        if let Some((_, first)) = operations.iter().find(|(n, _)| *n == dev_name) {
            let line = self.source.line_col(first.start).line;
            self.refuse(
                &AL202_STOPS_BUILD,
                id_node.span,
                format!(
                    "operationId `{id}` becomes the operation name `{dev_name}`, like the operationId on line {line}"
                ),
                "make operationIds unique, ignoring case and after Apex encoding",
            );
            return None;
        }
        Some((id_node, id, dev_name))
    }

    /// The agent action (GenAiFunction bundle) of an operation; refuses, giving `None`, a name
    /// that is no API name.
    fn agent_action(
        &mut self,
        op: &crate::spec::Operation<'a>,
        id_node: &Node,
        id: &str,
        types: &ApexTypes<'_, 'a>,
    ) -> Option<Component> {
        let spec = self.spec;
        let client = &self.client;
        let name = format!("{client}_{}", apex_name::encode(id));
        let name = match ApiName::parse(&name, MAX_API_NAME) {
            Ok(name) => name,
            Err(e) => {
                self.refuse(
                    &AL206_STOPS_BUILD,
                    id_node.span,
                    format!("the agent action name `{name}` of operationId `{id}` {}", e.why),
                    "shorten the operationId (or --client-name)",
                );
                return None;
            }
        };
        let summary = op.node.get("summary").and_then(|n| self.text(n));
        let description = op
            .node
            .get("description")
            .and_then(|n| self.text(n))
            .or_else(|| summary.clone())
            .unwrap_or_else(|| op.label());
        let master_label = match summary {
            Some(s) => names::label(&s),
            None => humanize(id),
        };
        Some(Component {
            ty: MetadataType::GenAiFunction,
            name,
            body: Body::Function(Function {
                description,
                invocation_target: format!("{client}.{id}"),
                master_label,
            }),
            extra: vec![
                ("input/schema.json".to_string(), agent::input_schema(spec, types, op)),
                ("output/schema.json".to_string(), agent::output_schema(spec, types, op)),
            ],
        })
    }

    /// The External Service registration of the spec as written, with these operation names.
    fn registration(&self, operations: Vec<String>) -> Registration {
        let client = &self.client;
        let info = self.root.get("info");
        let title = info.and_then(|i| i.get("title")).and_then(|n| self.text(n));
        let description = info.and_then(|i| i.get("description")).and_then(|n| self.text(n));
        let text = &self.source.text;
        let json = Format::from_path(Path::new(&self.source.name)) == Some(Format::Json);
        Registration {
            label: title
                .map(|t| names::label(&t))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| self.label.clone()),
            description,
            named_credential: client.clone(),
            operations,
            provider_type: "Custom",
            // The spec as written: never re-serialised (docs/build.md).
            schema: text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
            schema_type: if self.root.get("swagger").is_some() {
                "OpenApi"
            } else {
                "OpenApi3"
            },
            upload_extension: if json { "json" } else { "yaml" },
            upload_file_name: format!("{}_openapi", client.as_str().to_ascii_lowercase()),
            system_version: SYSTEM_VERSION,
        }
    }

    /// Sorts the components, refuses duplicates and an API version too old for them.
    pub(super) fn finish(mut self, api_major: u32, api_version: &str) -> Result<Publication, ModelError> {
        if !self.findings.is_empty() {
            return Err(ModelError::Findings(self.findings));
        }
        let components = &mut self.components;
        components.sort_by(|a, c| (a.ty.name(), a.name.as_str()).cmp(&(c.ty.name(), c.name.as_str())));
        if let Some(pair) = components
            .windows(2)
            .find(|w| w[0].ty == w[1].ty && w[0].name == w[1].name)
        {
            return Err(ModelError::Usage(format!(
                "two {} components would both be named `{}`; give the permission sets and apps distinct names",
                pair[0].ty.name(),
                pair[0].name
            )));
        }
        if let Some(oldest) = components.iter().max_by_key(|c| c.ty.min_api_version())
            && api_major < oldest.ty.min_api_version()
        {
            return Err(ModelError::Usage(format!(
                "--api-version {api_version} is too old for this publication: {} as emitted needs {}.0 or later",
                oldest.ty.name(),
                oldest.ty.min_api_version()
            )));
        }
        Ok(Publication {
            api_version: format!("{api_major}.0"),
            client: self.client,
            components: self.components,
        })
    }

    /// Refuses the build with a finding at `span` (see [`Refusal`]).
    fn refuse(&mut self, stops: &'static StopsBuild, span: Span, message: String, help: &str) {
        let mut refusal = Refusal::new(stops, span, message, help.to_string(), None);
        refusal.diagnostic.pointer = self.root.pointer_to(span);
        self.findings.push(refusal);
    }

    /// Refuses the build for a flag's value (a finding at the start of the file).
    fn refuse_flag(&mut self, stops: &'static StopsBuild, flag: Flag, message: String, help: &str) {
        self.findings.push(Refusal::new(
            stops,
            Span::empty(0),
            message,
            help.to_string(),
            Some(flag),
        ));
    }

    /// A `--metadata-dir` file together with its flag: heroku salesforce:publish refuses that.
    fn flag_conflict(&mut self, file: &str, flag: Flag) {
        self.refuse_flag(
            &AL953_STOPS_BUILD,
            flag,
            format!("`{flag}` and `{file}` in `--metadata-dir` both define the component; publish refuses both"),
            &format!("keep either the flag or the file `{file}`"),
        );
    }

    /// The text of a string node that goes into a file (characters XML forbids are AL009's,
    /// refused by [`Builder::xml_characters`]).
    fn text(&self, node: &Node) -> Option<String> {
        let text = node.as_str()?;
        if text.trim().is_empty() {
            return None;
        }
        Some(text.to_string())
    }

    /// The spec is embedded in the registration and its text goes into XML files: AL009's
    /// findings, whatever the config made of the rule, stop the build.
    pub(super) fn xml_characters(&mut self) {
        for found in xml_chars::scan(self.source, self.root) {
            self.refuse(&AL009_STOPS_BUILD, found.span, found.message, found.help);
        }
    }
}
