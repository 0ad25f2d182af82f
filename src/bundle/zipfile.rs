//! A deterministic zip (crates.md §6): entries sorted bytewise, Deflate level 6, every entry
//! dated 1980-01-01 00:00:00, made on Unix with mode 0644, no extra fields, no directories,
//! no comment. The same entries always give the same bytes with the same deflate backend.

use super::Entry;
use crate::error::AppError;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub fn write(entries: &[Entry]) -> Result<Vec<u8>, AppError> {
    let fail = |e: &dyn std::fmt::Display| AppError::Failed(format!("could not write the zip: {e}"));
    let epoch = DateTime::from_date_and_time(1980, 1, 1, 0, 0, 0).map_err(|e| fail(&e))?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(epoch)
        .unix_permissions(0o644)
        .system(zip::System::Unix);
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for entry in sorted {
        zip.start_file(entry.name.as_str(), options).map_err(|e| fail(&e))?;
        zip.write_all(&entry.bytes).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn entry(name: &str, text: &str) -> Entry {
        Entry {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn same_entries_in_any_order_give_the_same_bytes() {
        let a = write(&[entry("b.xml", "<b/>"), entry("a.yaml", "openapi: 3.0.3\n")]).unwrap();
        let b = write(&[entry("a.yaml", "openapi: 3.0.3\n"), entry("b.xml", "<b/>")]).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn entries_are_sorted_dated_1980_unix_0644_and_round_trip() {
        let bytes = write(&[entry("z.xml", "<z/>"), entry("api-spec.yaml", "x: 1\n")]).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut seen = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            assert_eq!(file.unix_mode().map(|m| m & 0o777), Some(0o644));
            let t = file.last_modified().unwrap();
            assert_eq!((t.year(), t.month(), t.day(), t.hour(), t.minute()), (1980, 1, 1, 0, 0));
            assert!(file.extra_data().is_none_or(|extra| extra.is_empty()));
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            seen.push((file.name().unwrap().to_string(), text));
        }
        assert_eq!(seen[0], ("api-spec.yaml".to_string(), "x: 1\n".to_string()));
        assert_eq!(seen[1].0, "z.xml");
    }
}
