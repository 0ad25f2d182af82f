use super::FailSeverity;
use crate::apex;
use crate::check::{display_name, read_spec};
use crate::diagnostics::{FileReport, Severity, human};
use crate::error::AppError;
use crate::spec::Spec;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ApexArgs {
    /// The spec file to publish
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// Client name given to `heroku salesforce:publish` (the Apex class `HerokuAppLink.<NAME>`)
    /// [default: `client-name` in [publish] of applinkc.toml]
    #[arg(long, value_name = "NAME")]
    pub client_name: Option<String>,
    /// The config file [default: applinkc.toml in this folder or above]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ApexFormat::Text, value_name = "FORMAT")]
    pub format: ApexFormat,
    /// Exit 1 when a name collision (an error) reaches this severity; `never` always exits 0
    /// once the surface is printed
    #[arg(long, value_enum, default_value_t = FailSeverity::Error, value_name = "SEVERITY")]
    pub fail_severity: FailSeverity,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ApexFormat {
    #[default]
    Text,
    Json,
}

/// Prints the surface; exit 1 when names collide in Apex (see `--fail-severity`) or the spec
/// does not load.
pub fn run(args: ApexArgs) -> Result<i32, AppError> {
    let cwd = std::env::current_dir().map_err(|e| AppError::io(".", e))?;
    let config = crate::config::Config::discover(args.config.as_deref(), &cwd)?;
    let Some(client_name) = args.client_name.clone().or_else(|| config.publish.client_name.clone()) else {
        return Err(AppError::Usage(
            "apex needs --client-name (or `client-name` in [publish] of applinkc.toml): the name the Apex classes are generated under".into(),
        ));
    };
    let bytes = read_spec(&args.spec)?;
    let name = display_name(&args.spec);
    let (_, loaded) = crate::source::load(&name, bytes.clone());
    let Some(root) = loaded.root.as_ref() else {
        // The spec did not load: show why, as `check` would (from the original bytes, so an
        // encoding problem is reported as such).
        let report = crate::check::check_bytes(&name, bytes, &Default::default());
        let text = human::render(std::slice::from_ref::<FileReport>(&report), false);
        eprint!("{text}");
        return Ok(1);
    };
    let spec = Spec::new(root);
    let surface = apex::surface(&spec, &client_name);
    let text = match args.format {
        ApexFormat::Text => apex::text::render(&surface),
        ApexFormat::Json => apex::json::render(&surface),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    let worst = (!surface.collisions.is_empty()).then_some(Severity::Error);
    Ok(if args.fail_severity.fails(worst) { 1 } else { 0 })
}
