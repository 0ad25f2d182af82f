//! Errors that stop a command (exit code 2). Findings are not errors: they are diagnostics.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: the file is {size} bytes; applinkc reads at most {limit} bytes (see AL004)", path.display())]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{}: more than {limit} bytes; applinkc reads at most {limit} bytes (see AL004)", path.display())]
    TooLong { path: PathBuf, limit: u64 },
    #[error("{}: no .yaml, .yml or .json file found in this folder", path.display())]
    NoSpecs { path: PathBuf },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Config {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Failed(String),
}

impl AppError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> AppError {
        AppError::Io {
            path: path.into(),
            source,
        }
    }
}
