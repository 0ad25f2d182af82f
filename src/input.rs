//! The one bounded reader: every file applinkc reads (specs, `--metadata-dir` files, the config,
//! baselines) is read here, with a size cap enforced while reading.
//!
//! - A file **named** by the user (on the command line, or by the config as its baseline) is
//!   read whatever it is — a regular file, a symlink to one, a FIFO, `/dev/stdin` — but never
//!   more than the cap: `take(cap + 1)` stops `check /dev/zero` at 64 MiB with a clear error.
//!   A regular file over the cap is refused from its metadata, before reading.
//! - A file **found** by a folder search is read only when it is a regular file (not a
//!   symlink, FIFO, socket or device): the search itself skips anything else, so a FIFO in a
//!   folder never blocks `check .`.
//! - A file **inside `--metadata-dir`** must be a regular file, not a symlink (the heroku CLI
//!   would upload whatever it points to) and is checked to be the same file once opened
//!   ([`read_in_folder`]).

use crate::error::AppError;
use std::io::Read;
use std::path::Path;

/// Largest spec, config or baseline applinkc reads (64 MiB, six times the largest spec in the
/// corpus). External Services' own limits (AL004) are far lower and reported as findings.
pub const MAX_FILE_BYTES: u64 = crate::source::limits::MAX_FILE_BYTES;

/// How a file came to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Given by the user: any readable file, symlinks followed, FIFOs read with the cap.
    Named,
    /// Found by a folder search: regular files only.
    Found,
}

/// Reads at most `cap` bytes of `path`; more is [`AppError::TooLarge`] (from the metadata) or
/// [`AppError::TooLong`] (found while reading a FIFO or device), and a folder is a usage error.
pub fn read(path: &Path, origin: Origin, cap: u64) -> Result<Vec<u8>, AppError> {
    let meta = std::fs::metadata(path).map_err(|e| AppError::io(path, e))?;
    if meta.is_dir() {
        return Err(AppError::Usage(format!("{}: is a folder, not a file", path.display())));
    }
    if origin == Origin::Found && !regular(path) {
        return Err(AppError::Usage(format!(
            "{}: is not a regular file; a folder search reads only regular files (name it to read it)",
            path.display()
        )));
    }
    if meta.is_file() && meta.len() > cap {
        return Err(AppError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: cap,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| AppError::io(path, e))?;
    read_capped(file, path, meta.is_file().then_some(meta.len()), cap)
}

/// [`read`] with the 64 MiB cap, decoded as UTF-8 (configs and baselines are TOML).
pub fn read_text(path: &Path, origin: Origin) -> Result<String, AppError> {
    let bytes = read(path, origin, MAX_FILE_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        AppError::Failed(format!(
            "{}: is not valid UTF-8 (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

fn read_capped(file: std::fs::File, path: &Path, size: Option<u64>, cap: u64) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::with_capacity(size.unwrap_or(0).min(cap) as usize);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::io(path, e))?;
    if bytes.len() as u64 > cap {
        return Err(AppError::TooLong {
            path: path.to_path_buf(),
            limit: cap,
        });
    }
    Ok(bytes)
}

/// Whether `path` itself (not what a symlink points to) is a regular file.
pub fn regular(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

/// Reads the file `name` inside `dir` (`--metadata-dir`): a regular file, not a symlink, at most
/// `cap` bytes, and still the same file once opened (not swapped for a symlink in between).
/// `display` is how the file is named in errors.
pub fn read_in_folder(dir: &Path, name: &str, cap: u64) -> Result<Vec<u8>, AppError> {
    let path = dir.join(name);
    let display = crate::paths::display_name(&path);
    let meta = std::fs::symlink_metadata(&path).map_err(|e| AppError::io(&path, e))?;
    if meta.file_type().is_symlink() {
        return Err(AppError::Usage(format!(
            "{display}: is a symlink; applinkc reads only regular files inside --metadata-dir \
             (the heroku CLI would upload whatever it points to)"
        )));
    }
    if !meta.file_type().is_file() {
        return Err(AppError::Usage(format!(
            "{display}: is not a regular file; --metadata-dir must hold `{name}` as a file"
        )));
    }
    if meta.len() > cap {
        return Err(AppError::TooLarge {
            path,
            size: meta.len(),
            limit: cap,
        });
    }
    // O_NONBLOCK: if the entry was swapped for a FIFO since the check above, opening it must
    // not wait for a writer; the same-file check below then refuses it.
    let file = open_nonblocking(&path).map_err(|e| AppError::io(&path, e))?;
    let opened = file.metadata().map_err(|e| AppError::io(&path, e))?;
    if !same_file(&meta, &opened) {
        return Err(AppError::Usage(format!(
            "{display}: changed while it was read (replaced by a symlink?); refusing to read it"
        )));
    }
    read_capped(file, &path, Some(meta.len()), cap)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino() && b.file_type().is_file()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    b.file_type().is_file()
}

/// Refuses (exit 2, before anything is read or written) an output path that is an input of the
/// command, or links to one (same canonical path or same inode: a symlink or a hard link), or
/// an existing folder that holds one (`--layout dir --force` would replace it); and two outputs
/// that are the same file. `what` names the command in the message ("the build").
///
/// `outputs` are `(option, path)`: `("--output", "report.json")`.
pub fn refuse_outputs_onto_inputs(what: &str, outputs: &[(&str, &Path)], inputs: &[&Path]) -> Result<(), AppError> {
    for (i, (flag, out)) in outputs.iter().enumerate() {
        for input in inputs {
            if same_path(out, input) || holds(out, input) {
                return Err(AppError::Usage(format!(
                    "{}: is an input of {what} ({}); `{flag}` would replace it, write the output elsewhere",
                    out.display(),
                    input.display()
                )));
            }
        }
        for (other_flag, other) in &outputs[..i] {
            if out == other || same_path(out, other) {
                return Err(AppError::Usage(format!(
                    "{}: `{other_flag}` and `{flag}` name the same file; give each output its own",
                    out.display()
                )));
            }
        }
    }
    Ok(())
}

/// Whether two paths are the same existing file or folder.
pub fn same_path(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    if same_inode(&ma, &mb) {
        return true;
    }
    matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

/// Whether `dir` is an existing folder that holds `path` (at any depth).
fn holds(dir: &Path, path: &Path) -> bool {
    if !std::fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    match (std::fs::canonicalize(dir), std::fs::canonicalize(path)) {
        (Ok(dir), Ok(path)) => path != dir && path.starts_with(&dir),
        _ => false,
    }
}

#[cfg(unix)]
fn same_inode(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}
