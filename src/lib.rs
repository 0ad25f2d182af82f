//! applinkc — compile an OpenAPI spec with Heroku AppLink `x-sfdc` extensions into a checked
//! Salesforce publication.
//!
//! The pipeline, each stage knowing only the ones before it:
//! [`source`] (bytes → spanned nodes) → [`spec`] (typed view, `$ref`s) → [`rules`] (the AL
//! catalog) → [`diagnostics`] (renderers); and for `build`, the publication model, the emitted
//! files and the archive.

// Every dependency in Cargo.toml is used by the library (the binary is `cli::run`); a test build
// also sees the dev-dependencies, which only the integration tests use.
#![cfg_attr(not(test), warn(unused_crate_dependencies))]

pub mod apex;
pub mod archive;
pub mod baseline;
pub mod build;
pub mod bundle;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod diff;
pub mod edit;
pub mod emit;
pub mod error;
pub mod finding;
pub mod fix;
pub mod flags;
pub mod input;
pub mod lsp;
pub mod paths;
pub mod publication;
pub mod rules;
pub mod signals;
pub mod source;
pub mod spec;
