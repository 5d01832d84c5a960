//! Reports as one open dataset that DuckDB, pandas or Spark read as it is.
//!
//! A dataset folder holds four tables — `reports`, `tables`, `cells`, `findings` — as
//! Parquet or CSV part files, one part per report and table; `cells` and `findings` are
//! hive-partitioned (`cells/family=预算/year=2025/part-<report id>.parquet`). Beside them
//! `manifest.csv` records every source (written, failed with a code and a message, or a
//! duplicate) and `datapackage.json` describes the tables (Frictionless Table Schema,
//! primary and foreign keys) and lists their parts.
//!
//! Writing is crash-safe: every part is written to a hidden temp file, synced and renamed;
//! a source enters the manifest only after all its parts are renamed. Reopening with
//! `resume` skips what the manifest says is written, retries what failed, and never
//! holds more than the report at hand in memory.

mod encode;
pub mod manifest;
mod package;
mod rows;
pub mod schema;
mod source;
pub mod synth;

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use yusuan_model::{Diagnostic, Origin, Report};

pub use manifest::{Record, Status};
pub use source::{failure, sha256_hex, Failure, Source, SourceId};
pub use synth::{synth, SynthOptions, SynthSummary};

/// The encoding of a dataset's parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Parquet,
    Csv,
}

impl Format {
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv => "csv",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("写入失败：{0}")]
    Io(#[from] std::io::Error),
    #[error("Parquet 写入失败：{0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("CSV 写入失败：{0}")]
    Csv(#[from] csv::Error),
    #[error("清单 {0} 无法读取：{1}")]
    Manifest(String, String),
    #[error(
        "输出目录 {0} 已有数据集（manifest.csv）：接着上次运行请续跑（--resume），重新生成请先删除该目录或换一个目录"
    )]
    Exists(String),
    #[error("内部错误：{0}")]
    Internal(String),
}

/// One report to write, with where it came from and every finding on it.
pub struct Entry<'a> {
    pub source: &'a SourceId,
    pub report: &'a Report,
    pub findings: &'a [Diagnostic],
    pub origin: Origin,
    /// Pages of the source document, when known.
    pub pages: Option<u32>,
}

/// What a source is to this run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// Not seen yet: read it and write it (or record its failure).
    New,
    /// Already written by an earlier run: skip it.
    Done,
    /// The same bytes as this file of the run, which writes them.
    DuplicateOf(String),
}

struct Target {
    format: Format,
    root: PathBuf,
    manifest: Mutex<(manifest::Appender, HashSet<String>)>,
}

/// An open dataset in one or more folders (one per format), written by many threads.
pub struct Dataset {
    targets: Vec<Target>,
    claims: Mutex<HashMap<String, Option<String>>>,
}

/// `dir/.name.tmp`: hidden, and outside every `*.parquet` / `*.csv` glob.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(Default::default, |n| {
        let mut s = std::ffi::OsString::from(".");
        s.push(n);
        s.push(".tmp");
        s
    });
    path.with_file_name(name)
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Writes a file through a synced temp file renamed over it.
pub(crate) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<(), DatasetError>,
) -> Result<(), DatasetError> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut file = File::create(&tmp)?;
        write(&mut file)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent() {
            sync_dir(dir)?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Removes the temp files an interrupted run left.
fn remove_temps(dir: &Path) -> std::io::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            remove_temps(&path)?;
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp"))
        {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// Where a table's part for a report goes.
pub fn part_path(
    root: &Path,
    def: &schema::TableDef,
    format: Format,
    report_id: &str,
    family: &str,
    year: &str,
) -> PathBuf {
    let mut dir = root.join(def.name);
    if def.partitioned {
        dir = dir
            .join(format!("family={family}"))
            .join(format!("year={year}"));
    }
    dir.join(format!("part-{report_id}.{}", format.extension()))
}

impl Dataset {
    /// Opens dataset folders for writing. Without `resume` a folder that already holds a
    /// dataset is refused; with it, what the manifest records as written is kept and
    /// skipped, failures are dropped to be tried again, and stray temp files removed.
    pub fn open(targets: &[(Format, PathBuf)], resume: bool) -> Result<Dataset, DatasetError> {
        let mut open = Vec::new();
        let mut done: Option<HashSet<String>> = None;
        for (format, root) in targets {
            std::fs::create_dir_all(root)?;
            let path = root.join(manifest::FILE);
            let mut written = HashSet::new();
            if path.exists() {
                if !resume {
                    return Err(DatasetError::Exists(root.display().to_string()));
                }
                let records = manifest::read(&path)?;
                written = records
                    .iter()
                    .filter(|r| r.status == Status::Written)
                    .map(|r| r.sha256.clone())
                    .collect();
                let kept: Vec<_> = records
                    .into_iter()
                    .filter(|r| r.status != Status::Failed && written.contains(&r.sha256))
                    .collect();
                manifest::rewrite(&path, &kept)?;
                remove_temps(root)?;
            }
            done = Some(match done {
                None => written.clone(),
                Some(d) => d.intersection(&written).cloned().collect(),
            });
            open.push(Target {
                format: *format,
                root: root.clone(),
                manifest: Mutex::new((manifest::Appender::open(&path)?, written)),
            });
        }
        let claims = done
            .unwrap_or_default()
            .into_iter()
            .map(|sha| (sha, None))
            .collect();
        Ok(Dataset {
            targets: open,
            claims: Mutex::new(claims),
        })
    }

    fn lock_claims(&self) -> std::sync::MutexGuard<'_, HashMap<String, Option<String>>> {
        self.claims.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Claims a source for this run by its hash.
    pub fn claim(&self, source: &SourceId) -> Claim {
        let mut claims = self.lock_claims();
        match claims.get(&source.sha256) {
            Some(None) => Claim::Done,
            Some(Some(first)) => Claim::DuplicateOf(first.clone()),
            None => {
                claims.insert(source.sha256.clone(), Some(source.file.clone()));
                Claim::New
            }
        }
    }

    fn append(&self, record: &Record) -> Result<(), DatasetError> {
        for t in &self.targets {
            let mut guard = t.manifest.lock().unwrap_or_else(|e| e.into_inner());
            let (appender, written) = &mut *guard;
            if record.status == Status::Written && !written.insert(record.sha256.clone()) {
                continue;
            }
            appender.append(record)?;
        }
        Ok(())
    }

    /// Writes one report's parts into every folder, then records it in the manifests.
    pub fn write(&self, entry: &Entry<'_>) -> Result<(), DatasetError> {
        let rows = rows::rows(entry);
        let meta = &entry.report.meta;
        let (family, year) = (meta.family.label(), meta.year.to_string());
        let id = entry.source.sha256.as_str();
        for t in &self.targets {
            let mut renames = Vec::new();
            for def in schema::ALL {
                let data = rows.get(def.name);
                if data.is_empty() {
                    continue;
                }
                let path = part_path(&t.root, def, t.format, id, family, &year);
                let dir = path.parent().expect("a part has a folder");
                std::fs::create_dir_all(dir)?;
                let tmp = temp_path(&path);
                let written = (|| {
                    let mut file = File::create(&tmp)?;
                    let mut out = encode::write(def, data, t.format, BufWriter::new(&mut file))?;
                    out.flush()?;
                    drop(out);
                    file.sync_all()?;
                    Ok::<_, DatasetError>(())
                })();
                if let Err(e) = written {
                    let _ = std::fs::remove_file(&tmp);
                    for (tmp, _) in &renames {
                        let _ = std::fs::remove_file(tmp);
                    }
                    return Err(e);
                }
                renames.push((tmp, path));
            }
            // The reports part is renamed last: a reader starting from reports never
            // meets a report whose other parts are missing.
            let mut dirs = Vec::new();
            for (tmp, path) in &renames {
                std::fs::rename(tmp, path)?;
                let dir = path.parent().expect("a part has a folder").to_path_buf();
                if !dirs.contains(&dir) {
                    dirs.push(dir);
                }
            }
            for dir in dirs {
                sync_dir(&dir)?;
            }
        }
        self.append(&Record {
            file: entry.source.file.clone(),
            sha256: id.to_owned(),
            status: Status::Written,
            report_id: id.to_owned(),
            family: family.to_owned(),
            year,
            code: String::new(),
            message: String::new(),
        })
    }

    /// Records a source that gave no report; `sha256` is None when it could not be read.
    pub fn fail(
        &self,
        file: &str,
        sha256: Option<&str>,
        failure: &Failure,
    ) -> Result<(), DatasetError> {
        self.append(&Record {
            file: file.to_owned(),
            sha256: sha256.unwrap_or("").to_owned(),
            status: Status::Failed,
            report_id: String::new(),
            family: String::new(),
            year: String::new(),
            code: failure.code.to_owned(),
            message: failure.message.clone(),
        })
    }

    /// Records a source with the same bytes as `first`, which is written instead.
    pub fn duplicate(&self, source: &SourceId, first: &str) -> Result<(), DatasetError> {
        self.append(&Record {
            file: source.file.clone(),
            sha256: source.sha256.clone(),
            status: Status::Duplicate,
            report_id: String::new(),
            family: String::new(),
            year: String::new(),
            code: "N-DATASET-DUPLICATE".to_owned(),
            message: format!("与 {first} 内容相同（SHA-256 一致），只写出一次"),
        })
    }

    /// Writes each folder's `datapackage.json`, listing the parts of every written report.
    pub fn finish(self) -> Result<(), DatasetError> {
        for t in &self.targets {
            let records = manifest::read(&t.root.join(manifest::FILE))?;
            package::write(&t.root, t.format, &records)?;
        }
        Ok(())
    }
}
