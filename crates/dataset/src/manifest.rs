//! `manifest.csv`: one line per source, appended (and synced) only after the source's
//! part files are in place, so it is the dataset's commit log. A line cut short by a
//! crash is dropped when the manifest is read back.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use crate::DatasetError;

pub const FILE: &str = "manifest.csv";
pub const HEADER: [&str; 8] = [
    "file",
    "sha256",
    "status",
    "report_id",
    "family",
    "year",
    "code",
    "message",
];

/// What happened to a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Its report is in the dataset.
    Written,
    /// It could not be read; `code` and `message` say why.
    Failed,
    /// The same bytes as another source of the run, written once under that one.
    Duplicate,
}

impl Status {
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Written => "written",
            Status::Failed => "failed",
            Status::Duplicate => "duplicate",
        }
    }

    fn parse(s: &str) -> Option<Status> {
        match s {
            "written" => Some(Status::Written),
            "failed" => Some(Status::Failed),
            "duplicate" => Some(Status::Duplicate),
            _ => None,
        }
    }
}

/// One manifest line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub file: String,
    pub sha256: String,
    pub status: Status,
    pub report_id: String,
    pub family: String,
    pub year: String,
    pub code: String,
    pub message: String,
}

impl Record {
    fn fields(&self) -> [&str; 8] {
        [
            &self.file,
            &self.sha256,
            self.status.as_str(),
            &self.report_id,
            &self.family,
            &self.year,
            &self.code,
            &self.message,
        ]
    }
}

/// The records of a manifest, up to the first line that is not a whole record.
pub fn read(path: &Path) -> Result<Vec<Record>, DatasetError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| DatasetError::Manifest(path.display().to_string(), e.to_string()))?;
    let mut out = Vec::new();
    for record in reader.records() {
        let Ok(r) = record else { break };
        let Some(status) = r.get(2).and_then(Status::parse) else {
            break;
        };
        if r.len() != HEADER.len() {
            break;
        }
        let get = |i: usize| r.get(i).unwrap_or("").to_owned();
        out.push(Record {
            file: get(0),
            sha256: get(1),
            status,
            report_id: get(3),
            family: get(4),
            year: get(5),
            code: get(6),
            message: get(7),
        });
    }
    Ok(out)
}

fn encode(fields: &[&str]) -> Result<Vec<u8>, DatasetError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields)?;
    w.into_inner().map_err(|e| DatasetError::Io(e.into_error()))
}

/// Writes a whole manifest (header and records) atomically: temp file, sync, rename.
pub fn rewrite(path: &Path, records: &[Record]) -> Result<(), DatasetError> {
    let mut bytes = encode(&HEADER)?;
    for r in records {
        bytes.extend(encode(&r.fields())?);
    }
    crate::write_atomically(path, |f| f.write_all(&bytes).map_err(DatasetError::from))
}

/// The manifest opened for appending.
pub struct Appender {
    file: File,
}

impl Appender {
    pub fn open(path: &Path) -> Result<Appender, DatasetError> {
        if !path.exists() {
            rewrite(path, &[])?;
        }
        let file = OpenOptions::new().append(true).open(path)?;
        Ok(Appender { file })
    }

    /// Appends one record in one write and syncs it to disk.
    pub fn append(&mut self, record: &Record) -> Result<(), DatasetError> {
        let bytes = encode(&record.fields())?;
        self.file.write_all(&bytes)?;
        self.file.sync_data()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(file: &str, status: Status) -> Record {
        Record {
            file: file.to_owned(),
            sha256: format!("{file}-hash"),
            status,
            report_id: String::new(),
            family: "预算".to_owned(),
            year: "2025".to_owned(),
            code: String::new(),
            message: "含逗号，和\"引号\"的说明".to_owned(),
        }
    }

    #[test]
    fn appended_records_read_back_and_a_torn_last_line_is_dropped() {
        let dir = std::env::temp_dir().join(format!("yusuan-manifest-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(FILE);
        let mut appender = Appender::open(&path).unwrap();
        let (a, b) = (
            record("a.pdf", Status::Written),
            record("b,c.pdf", Status::Failed),
        );
        appender.append(&a).unwrap();
        appender.append(&b).unwrap();
        assert_eq!(read(&path).unwrap(), vec![a.clone(), b]);

        // A crash in the middle of the third line.
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("c.pdf,c-hash,writ");
        std::fs::write(&path, text).unwrap();
        assert_eq!(read(&path).unwrap().len(), 2);
        rewrite(&path, std::slice::from_ref(&a)).unwrap();
        assert_eq!(read(&path).unwrap(), vec![a]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
