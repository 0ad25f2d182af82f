//! Stage 7 (build) — lays the rendered files out and writes them, deterministically and
//! atomically.
//!
//! Layouts: a Metadata API zip (`unpackaged/package.xml` + `unpackaged/<folder>/…`, what
//! `sf project deploy start --metadata-dir out.zip` and `retrieve()` use), the same tree as a
//! folder, or SFDX source format (`force-app/main/default/<folder>/<Name>.<suffix>-meta.xml`
//! plus `sfdx-project.json`).
//!
//! Zips are byte-identical for the same input: entries sorted bytewise, fixed 1980-01-01
//! timestamps, Unix permissions 0644, Deflate level 6, no directory entries, no comment
//! (crates.md §6). Output goes to a temporary file or folder beside the target and is renamed
//! into place only when complete, so a failure leaves nothing behind; an existing target is
//! replaced only with `--force`.

use crate::emit::Emitted;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How the publication is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// A Metadata API zip: unpackaged/package.xml and one folder per type
    Zip,
    /// The same tree as the zip, in a folder
    Dir,
    /// SFDX source format under force-app/main/default, with sfdx-project.json
    Source,
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{}: already exists; pass --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("{}: {why}", path.display())]
    Unusable { path: PathBuf, why: String },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("zip: {0}")]
    Zip(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ArchiveError + '_ {
    move |source| ArchiveError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Every file of the layout as `(path with / separators, bytes)`, sorted bytewise by path.
pub fn files(emitted: &Emitted, layout: Layout, api_version: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let (base, meta) = match layout {
        Layout::Zip | Layout::Dir => ("unpackaged", ""),
        Layout::Source => ("force-app/main/default", "-meta.xml"),
    };
    if layout != Layout::Source {
        out.push((format!("{base}/package.xml"), emitted.package_xml.clone()));
    }
    for c in &emitted.components {
        let folder = c.ty.folder();
        let suffix = c.ty.suffix();
        if c.ty.is_bundle() {
            let dir = format!("{base}/{folder}/{}", c.name);
            out.push((format!("{dir}/{}.{suffix}-meta.xml", c.name), c.xml.clone()));
            for (rel, bytes) in &c.extra {
                out.push((format!("{dir}/{rel}"), bytes.clone()));
            }
        } else {
            out.push((format!("{base}/{folder}/{}.{suffix}{meta}", c.name), c.xml.clone()));
        }
    }
    if layout == Layout::Source {
        let project = format!(
            "{{\n    \"packageDirectories\": [\n        {{\n            \"path\": \"force-app\",\n            \"default\": true\n        }}\n    ],\n    \"sourceApiVersion\": \"{api_version}\"\n}}\n"
        );
        out.push(("sfdx-project.json".to_string(), project.into_bytes()));
    }
    out.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    out
}

/// The deterministic zip of `files` (crates.md §6): entries sorted bytewise by path, Deflate
/// level 6, dated 1980-01-01 00:00:00, made on Unix with mode 0644, no extra fields, no folder
/// entries, no comment. The same files always give the same bytes with the same `Cargo.lock`.
pub fn zip_bytes(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ArchiveError> {
    let mut files: Vec<&(String, Vec<u8>)> = files.iter().collect();
    files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    use zip::write::SimpleFileOptions;
    let zip_err = |e: zip::result::ZipError| ArchiveError::Zip(e.to_string());
    let time = zip::DateTime::from_date_and_time(1980, 1, 1, 0, 0, 0).map_err(|e| ArchiveError::Zip(e.to_string()))?;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(time)
        .unix_permissions(0o644)
        .system(zip::System::Unix);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, bytes) in files {
        zip.start_file(path.as_str(), options).map_err(zip_err)?;
        zip.write_all(bytes).map_err(|e| ArchiveError::Zip(e.to_string()))?;
    }
    Ok(zip.finish().map_err(zip_err)?.into_inner())
}

/// Refuses early (before any work) when `out` exists and `force` is off, or when it exists as
/// the wrong kind of entry.
pub fn check_target(out: &Path, layout: Layout, force: bool) -> Result<(), ArchiveError> {
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(());
    };
    if !force {
        return Err(ArchiveError::Exists(out.to_path_buf()));
    }
    let want_dir = layout != Layout::Zip;
    if meta.is_dir() != want_dir {
        return Err(ArchiveError::Unusable {
            path: out.to_path_buf(),
            why: format!(
                "is a {}; --force replaces only a {} of the same kind",
                if meta.is_dir() { "folder" } else { "file" },
                if want_dir { "folder" } else { "file" }
            ),
        });
    }
    Ok(())
}

/// Writes the layout to `out` atomically. Returns the number of files written.
pub fn write(out: &Path, layout: Layout, files: &[(String, Vec<u8>)], force: bool) -> Result<usize, ArchiveError> {
    if layout == Layout::Zip {
        write_file(out, &zip_bytes(files)?, force)?;
        return Ok(files.len());
    }
    check_target(out, layout, force)?;
    let (parent, file_name) = prepare(out)?;
    let temp = Temp::new(parent.join(format!(".{file_name}.applinkc-{}.tmp", std::process::id())));
    // Each step holds off a signal's clean-up (`signals`) until it is done.
    let step = crate::signals::step();
    std::fs::create_dir(&temp.path).map_err(io(&temp.path))?;
    temp.created();
    drop(step);
    for (rel, bytes) in files {
        let _step = crate::signals::step();
        let path = temp.path.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::write(&path, bytes).map_err(io(&path))?;
    }
    let _step = crate::signals::step();
    if std::fs::symlink_metadata(out).is_ok() {
        if !force {
            return Err(ArchiveError::Exists(out.to_path_buf()));
        }
        let old = Temp::new(parent.join(format!(".{file_name}.applinkc-{}.old", std::process::id())));
        std::fs::rename(out, &old.path).map_err(io(out))?;
        old.created_moved_from(out);
        if let Err(e) = std::fs::rename(&temp.path, out) {
            // Put the previous output back.
            let _ = std::fs::rename(&old.path, out);
            return Err(io(out)(e));
        }
    } else {
        std::fs::rename(&temp.path, out).map_err(io(out))?;
    }
    Ok(files.len())
}

/// Writes `bytes` to the file `out` atomically: a temporary file beside it, synced, then moved
/// into place (`tempfile`'s persist). Without `force` an existing file is never replaced, even
/// one created meanwhile (`persist_noclobber`: an atomic no-replace rename where the system has
/// one, a hard link otherwise).
pub fn write_file(out: &Path, bytes: &[u8], force: bool) -> Result<(), ArchiveError> {
    check_target(out, Layout::Zip, force)?;
    let (parent, file_name) = prepare(out)?;
    // One step from the temporary file to the rename: a signal's clean-up waits for it.
    let _step = crate::signals::step();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}.applinkc-"))
        .suffix(".tmp")
        .tempfile_in(&parent)
        .map_err(io(&parent))?;
    let tracked = temp.path().to_path_buf();
    crate::signals::track(&tracked, None);
    let written = temp.write_all(bytes).and_then(|()| temp.as_file().sync_all());
    let persisted = match written {
        Err(e) => Err(io(&tracked)(e)),
        Ok(()) => {
            let result = if force {
                temp.persist(out)
            } else {
                temp.persist_noclobber(out)
            };
            // A refused persist hands the temporary file back; dropping it removes it.
            result.map(drop).map_err(|e| match e.error.kind() {
                std::io::ErrorKind::AlreadyExists => ArchiveError::Exists(out.to_path_buf()),
                _ => io(out)(e.error),
            })
        }
    };
    crate::signals::untrack(&tracked);
    persisted
}

/// The folder `out` goes in (made if missing) and `out`'s file name.
fn prepare(out: &Path) -> Result<(PathBuf, &str), ArchiveError> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // An output in a folder that does not exist yet gets the folder, as report files do.
    if let Some(file) = parent.ancestors().find(|a| a.is_file()) {
        return Err(ArchiveError::Unusable {
            path: file.to_path_buf(),
            why: format!("is a file, so the folder for {} cannot be made", out.display()),
        });
    }
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let file_name = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| ArchiveError::Unusable {
            path: out.to_path_buf(),
            why: "has no file name".into(),
        })?;
    Ok((parent, file_name))
}

/// A temporary file or folder removed on drop (whatever remains of it).
struct Temp {
    path: PathBuf,
    exists: std::cell::Cell<bool>,
}

impl Temp {
    fn new(path: PathBuf) -> Temp {
        Temp {
            path,
            exists: std::cell::Cell::new(false),
        }
    }

    fn created(&self) {
        self.exists.set(true);
        crate::signals::track(&self.path, None);
    }

    /// For the previous output moved aside: a signal puts it back at `out` if nothing is there.
    fn created_moved_from(&self, out: &Path) {
        self.exists.set(true);
        crate::signals::track(&self.path, Some(out));
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.exists.get() {
            return;
        }
        match std::fs::symlink_metadata(&self.path) {
            Ok(m) if m.is_dir() => {
                let _ = std::fs::remove_dir_all(&self.path);
            }
            Ok(_) => {
                let _ = std::fs::remove_file(&self.path);
            }
            Err(_) => {}
        }
        crate::signals::untrack(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<(String, Vec<u8>)> {
        vec![
            ("unpackaged/a.xml".to_string(), b"a\n".to_vec()),
            ("unpackaged/b/c.xml".to_string(), b"c\n".to_vec()),
        ]
    }

    #[test]
    fn zips_are_deterministic() {
        let a = zip_bytes(&sample()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let b = zip_bytes(&sample()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn zip_refuses_to_overwrite_without_force_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.zip");
        std::fs::write(&out, b"keep").unwrap();
        assert!(matches!(
            write(&out, Layout::Zip, &sample(), false),
            Err(ArchiveError::Exists(_))
        ));
        assert_eq!(std::fs::read(&out).unwrap(), b"keep");
        write(&out, Layout::Zip, &sample(), true).unwrap();
        assert_ne!(std::fs::read(&out).unwrap(), b"keep");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn folders_are_replaced_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write(&out, Layout::Dir, &sample(), false).unwrap();
        assert_eq!(std::fs::read(out.join("unpackaged/b/c.xml")).unwrap(), b"c\n");
        assert!(matches!(
            write(&out, Layout::Dir, &sample(), false),
            Err(ArchiveError::Exists(_))
        ));
        std::fs::write(out.join("stale.txt"), b"x").unwrap();
        write(&out, Layout::Dir, &sample(), true).unwrap();
        assert!(!out.join("stale.txt").exists());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}

#[cfg(test)]
mod zip_tests {
    use super::*;
    use std::io::{Cursor, Read};

    fn file(name: &str, text: &str) -> (String, Vec<u8>) {
        (name.to_string(), text.as_bytes().to_vec())
    }

    #[test]
    fn same_files_in_any_order_give_the_same_bytes() {
        let a = zip_bytes(&[file("b.xml", "<b/>"), file("a.yaml", "openapi: 3.0.3\n")]).unwrap();
        let b = zip_bytes(&[file("a.yaml", "openapi: 3.0.3\n"), file("b.xml", "<b/>")]).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn entries_are_sorted_dated_1980_unix_0644_and_round_trip() {
        let bytes = zip_bytes(&[file("z.xml", "<z/>"), file("api-spec.yaml", "x: 1\n")]).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut seen = Vec::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            assert_eq!(entry.unix_mode().map(|m| m & 0o777), Some(0o644));
            let t = entry.last_modified().unwrap();
            assert_eq!((t.year(), t.month(), t.day(), t.hour(), t.minute()), (1980, 1, 1, 0, 0));
            assert!(entry.extra_data().is_none_or(|extra| extra.is_empty()));
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            seen.push((entry.name().unwrap().to_string(), text));
        }
        assert_eq!(seen[0], ("api-spec.yaml".to_string(), "x: 1\n".to_string()));
        assert_eq!(seen[1].0, "z.xml");
    }

    #[test]
    fn write_file_never_replaces_without_force_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.zip");
        write_file(&out, b"one", false).unwrap();
        assert!(matches!(write_file(&out, b"two", false), Err(ArchiveError::Exists(_))));
        assert_eq!(std::fs::read(&out).unwrap(), b"one");
        write_file(&out, b"two", true).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.zip")]);
    }
}
