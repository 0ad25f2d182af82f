//! What `diff` can compare: a spec file, `REV:PATH` (a file at a git revision), a retrieved or
//! built `ExternalServiceRegistration` file (the spec embedded in `<schema>`), or a zip or
//! folder that `build` wrote. Each becomes the text of one spec and the name it is shown under.

use crate::check;
use crate::error::AppError;
use crate::source::Format;
use crate::source::limits::MAX_FILE_BYTES;
use std::io::Read;
use std::path::Path;

/// A spec to compare.
#[derive(Debug)]
pub struct Input {
    /// How reports name it: the path, `HEAD:api-spec.yaml`, `Acme.externalServiceRegistration`.
    pub name: String,
    pub bytes: Vec<u8>,
    pub format: Format,
}

/// Reads `arg`; `side` (`OLD`, `NEW`) names it in errors.
pub fn read(arg: &str, side: &str) -> Result<Input, AppError> {
    let path = Path::new(arg);
    let in_side = |e: AppError| AppError::Failed(format!("{side}: {e}"));
    if path.is_dir() {
        return registration_in_dir(path).map_err(in_side);
    }
    if path.exists() {
        let name = check::display_name(path);
        let lower = arg.to_ascii_lowercase();
        if lower.ends_with(".zip") {
            return registration_in_zip(path).map_err(in_side);
        }
        let bytes = check::read_spec(path).map_err(in_side)?;
        if is_registration(&lower) {
            return from_registration(&name, &bytes).map_err(in_side);
        }
        let format = Format::from_path(path).ok_or_else(|| {
            in_side(AppError::Usage(format!(
                "{name}: not a .yaml, .yml or .json spec, an ExternalServiceRegistration file, a zip or a folder"
            )))
        })?;
        return Ok(Input { name, bytes, format });
    }
    if let Some((rev, file)) = arg.split_once(':')
        && !rev.is_empty()
        && !file.is_empty()
    {
        return from_git(arg, rev, file).map_err(in_side);
    }
    Err(in_side(AppError::Usage(format!(
        "{arg}: no such file, and not a `REV:PATH` of git"
    ))))
}

fn is_registration(lower: &str) -> bool {
    lower.ends_with(".externalserviceregistration") || lower.ends_with(".externalserviceregistration-meta.xml")
}

/// `git show REV:PATH`, run in the current folder (a path relative to it works as in git:
/// `HEAD:./api-spec.yaml`; `HEAD:api-spec.yaml` is relative to the repository root).
fn from_git(arg: &str, rev: &str, file: &str) -> Result<Input, AppError> {
    let format = Format::from_path(Path::new(file))
        .ok_or_else(|| AppError::Usage(format!("{arg}: `{file}` is not a .yaml, .yml or .json file")))?;
    let output = std::process::Command::new("git")
        .args(["show", "--no-textconv", &format!("{rev}:{file}")])
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| AppError::Failed(format!("{arg}: cannot run git: {e}")))?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        let why = why.trim().strip_prefix("fatal: ").unwrap_or(why.trim()).to_string();
        return Err(AppError::Failed(format!("{arg}: git cannot show it: {why}")));
    }
    if output.stdout.len() as u64 > MAX_FILE_BYTES {
        return Err(AppError::Failed(format!(
            "{arg}: the file is {} bytes; applinkc reads at most {MAX_FILE_BYTES} bytes (see AL004)",
            output.stdout.len()
        )));
    }
    Ok(Input {
        name: arg.to_string(),
        bytes: output.stdout,
        format,
    })
}

/// The spec in `<schema>` of an ExternalServiceRegistration file, XML-unescaped; its format
/// after `<schemaUploadFileExtension>` (else the text's first character).
fn from_registration(name: &str, bytes: &[u8]) -> Result<Input, AppError> {
    let text = std::str::from_utf8(bytes).map_err(|_| AppError::Failed(format!("{name}: is not UTF-8")))?;
    let doc = roxmltree::Document::parse(text)
        .map_err(|e| AppError::Failed(format!("{name}: is not well-formed XML: {e}")))?;
    let root = doc.root_element();
    if root.tag_name().name() != "ExternalServiceRegistration" {
        return Err(AppError::Failed(format!(
            "{name}: the root element is <{}>, not <ExternalServiceRegistration>",
            root.tag_name().name()
        )));
    }
    let child = |tag: &str| root.children().find(|n| n.has_tag_name(tag)).and_then(|n| n.text());
    let Some(schema) = child("schema") else {
        return Err(AppError::Failed(format!("{name}: has no <schema>")));
    };
    let format = match child("schemaUploadFileExtension")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("json") => Format::Json,
        Some("yaml" | "yml") => Format::Yaml,
        _ if schema.trim_start().starts_with('{') => Format::Json,
        _ => Format::Yaml,
    };
    Ok(Input {
        name: format!("{name} <schema>"),
        bytes: schema.as_bytes().to_vec(),
        format,
    })
}

/// The one registration in a folder `build` wrote (any layout), or in a folder of them.
fn registration_in_dir(dir: &Path) -> Result<Input, AppError> {
    let mut found = Vec::new();
    for sub in [
        "unpackaged/externalServiceRegistrations",
        "force-app/main/default/externalServiceRegistrations",
        "externalServiceRegistrations",
        "",
    ] {
        let folder = dir.join(sub);
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if is_registration(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
                found.push(path);
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    match found.as_slice() {
        [one] => {
            let bytes = check::read_spec(one)?;
            from_registration(&check::display_name(one), &bytes)
        }
        [] => Err(AppError::Usage(format!(
            "{}: no ExternalServiceRegistration file in this folder (nor under unpackaged/ or force-app/)",
            dir.display()
        ))),
        _ => Err(AppError::Usage(format!(
            "{}: {} ExternalServiceRegistration files; name the one to compare",
            dir.display(),
            found.len()
        ))),
    }
}

/// The one registration in a zip `build` wrote.
fn registration_in_zip(path: &Path) -> Result<Input, AppError> {
    let file = std::fs::File::open(path).map_err(|e| AppError::io(path, e))?;
    let mut zip =
        zip::ZipArchive::new(file).map_err(|e| AppError::Failed(format!("{}: not a zip: {e}", path.display())))?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| is_registration(&n.to_ascii_lowercase()))
        .map(std::borrow::Cow::into_owned)
        .collect();
    let [name] = names.as_slice() else {
        return Err(AppError::Usage(format!(
            "{}: holds {} ExternalServiceRegistration files; diff needs exactly one",
            path.display(),
            names.len()
        )));
    };
    let entry = zip
        .by_name(name)
        .map_err(|e| AppError::Failed(format!("{}: {name}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    entry
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::Failed(format!("{}: {name}: {e}", path.display())))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(AppError::Failed(format!(
            "{}: {name} is larger than {MAX_FILE_BYTES} bytes",
            path.display()
        )));
    }
    from_registration(&format!("{}:{name}", check::display_name(path)), &bytes)
}
