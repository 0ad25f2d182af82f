use crate::error::AppError;
use crate::rules;
use clap::Args;

#[derive(Args, Debug)]
pub struct RulesArgs {}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Rule id, such as AL805
    #[arg(value_name = "RULE")]
    pub rule: String,
}

pub fn list(_: RulesArgs) -> Result<i32, AppError> {
    let mut out = String::new();
    for rule in rules::all() {
        out.push_str(&format!(
            "{}  {:<8} {:<15} {}\n",
            rule.id,
            short_severity(rule.severity),
            rules::fix_of(rule.id).map_or(String::new(), |f| format!("fix:{}", f.as_str())),
            rule.summary
        ));
    }
    print!("{out}");
    Ok(0)
}

fn short_severity(s: rules::RuleSeverity) -> &'static str {
    match s {
        rules::RuleSeverity::Error => "error",
        rules::RuleSeverity::AgentError => "error*",
        rules::RuleSeverity::Warning => "warning",
        rules::RuleSeverity::Info => "info",
    }
}

pub fn explain(args: ExplainArgs) -> Result<i32, AppError> {
    let Some(rule) = rules::find(&args.rule) else {
        return Err(AppError::Usage(format!(
            "unknown rule `{}`; `applinkc rules` lists them",
            args.rule
        )));
    };
    println!("# {} {}\n", rule.id, rule.name);
    println!("{}\n", rule.summary);
    println!("Default severity: {}\n", rule.severity.label());
    print!("{}", rule.docs.trim_start());
    let cited = rules::sources::cited(rule.docs);
    if !cited.is_empty() {
        println!("\n## Sources cited above\n");
        for (id, what) in cited {
            println!("- {id}: {what}");
        }
    }
    Ok(0)
}
