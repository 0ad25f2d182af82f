//! The command line: argument definitions and one module per command. `main.rs` only calls
//! [`run`]; commands return an exit code or an [`AppError`] (exit 2).

mod apex;
mod build;
mod bundle;
mod check;
mod diff;
mod lsp;
pub mod report;
mod rules;

use crate::error::AppError;
use crate::flags::{PublishFlags, PublishNames};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "applinkc", version, about = "Check and compile OpenAPI specs for Heroku AppLink publishing", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Report every publish problem in one or more specs (files or folders)
    Check(Box<check::CheckArgs>),
    /// Compile a spec into a deployable Salesforce publication (Metadata API zip or source)
    Build(Box<build::BuildArgs>),
    /// Write the exact zip (and app_request JSON) `heroku salesforce:publish` uploads
    Bundle(bundle::BundleArgs),
    /// Show the Apex classes, methods and actions that publishing will generate
    Apex(apex::ApexArgs),
    /// Say whether republishing NEW over OLD is refused, or breaks Apex, Flows and agents
    Diff(Box<diff::DiffArgs>),
    /// Run the language server (LSP on standard input and output) for editors
    Lsp(lsp::LspArgs),
    /// List every rule: id, default severity, summary
    Rules(rules::RulesArgs),
    /// Print the documentation of one rule
    Explain(rules::ExplainArgs),
}

/// The flags of `heroku salesforce:publish`, all optional.
#[derive(Args, Debug, Clone, Default)]
pub struct PublishArgs {
    /// Client name given to `heroku salesforce:publish` (External Service and Apex class name)
    #[arg(long, value_name = "NAME")]
    pub client_name: Option<String>,
    /// Connected app that publishing creates (deprecated by the Heroku CLI)
    #[arg(long, value_name = "NAME")]
    pub authorization_connected_app_name: Option<String>,
    /// External client app that publishing creates for user-plus mode
    #[arg(long, value_name = "NAME")]
    pub authorization_external_client_app_name: Option<String>,
    /// Session-activated permission set that publishing creates for user-plus mode
    #[arg(long, value_name = "NAME")]
    pub authorization_permission_set_name: Option<String>,
    /// Folder with connectedapp-meta.xml / permissionset-meta.xml, as given to publish
    #[arg(long, value_name = "DIR")]
    pub metadata_dir: Option<PathBuf>,
}

impl PublishArgs {
    /// The flags as given, without clap.
    pub fn names(&self) -> PublishNames {
        PublishNames {
            client_name: self.client_name.clone(),
            authorization_connected_app_name: self.authorization_connected_app_name.clone(),
            authorization_external_client_app_name: self.authorization_external_client_app_name.clone(),
            authorization_permission_set_name: self.authorization_permission_set_name.clone(),
            metadata_dir: self.metadata_dir.clone(),
        }
    }

    pub fn to_flags(&self) -> Result<PublishFlags, AppError> {
        self.names().to_flags()
    }
}

/// The `--metadata-dir` files a command may read (for the output-onto-input check).
pub fn metadata_inputs(publish: &PublishNames) -> Vec<PathBuf> {
    publish
        .metadata_dir
        .iter()
        .flat_map(|dir| [crate::bundle::CONNECTED_APP_FILE, crate::bundle::PERMISSION_SET_FILE].map(|n| dir.join(n)))
        .collect()
}

/// When to colour human output.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
        }
    }
}

/// The lowest severity that makes the command fail (exit 1).
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FailSeverity {
    #[default]
    Error,
    Warning,
    Info,
    Never,
}

impl FailSeverity {
    pub fn fails(self, worst: Option<crate::diagnostics::Severity>) -> bool {
        use crate::diagnostics::Severity;
        let Some(worst) = worst else { return false };
        match self {
            FailSeverity::Error => worst >= Severity::Error,
            FailSeverity::Warning => worst >= Severity::Warning,
            FailSeverity::Info => true,
            FailSeverity::Never => false,
        }
    }

    /// The lowest severity that fails: `None` for `never`.
    pub fn threshold(self) -> Option<crate::diagnostics::Severity> {
        use crate::diagnostics::Severity;
        match self {
            FailSeverity::Error => Some(Severity::Error),
            FailSeverity::Warning => Some(Severity::Warning),
            FailSeverity::Info => Some(Severity::Info),
            FailSeverity::Never => None,
        }
    }
}

/// Parses the command line and runs the command; returns the process exit code.
pub fn run() -> i32 {
    // Before any other thread starts, so that every thread blocks the signals.
    crate::signals::install();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Build(args) => build::run(*args),
        Command::Rules(args) => rules::list(args),
        Command::Explain(args) => rules::explain(args),
        Command::Bundle(args) => bundle::run(args),
        Command::Apex(args) => apex::run(args),
        Command::Diff(args) => diff::run(*args),
        Command::Lsp(args) => lsp::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}
