use crate::error::AppError;
use clap::Args;

#[derive(Args, Debug)]
pub struct LspArgs {
    /// Accepted for editors that pass it; standard input and output are the only transport
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: LspArgs) -> Result<i32, AppError> {
    let stdin = std::io::BufReader::new(std::io::stdin());
    Ok(crate::lsp::serve(stdin, std::io::stdout()))
}
