//! A synthetic dataset of any size, for measuring the engines that read ours (DuckDB,
//! Spark, Trino) at national scale: the same four tables and partitions as a real run,
//! made from a few real reports by giving each copy its own id, unit, year and amounts.
//!
//! Unlike a real run, parts hold many reports each (`--per-part`), as a compacted dataset
//! would: half a million one-report files would measure the file system, not the query.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use yusuan_model::{Diagnostic, Family, Origin, Report};

use crate::rows::{rows, Rows, Value};
use crate::schema::{self, TableDef};
use crate::{encode, write_atomically, DatasetError, Entry, Format, SourceId};

/// What to write.
#[derive(Clone, Debug)]
pub struct SynthOptions {
    pub reports: usize,
    /// Reports per part file.
    pub per_part: usize,
    /// Varies the amounts; the same seed writes the same dataset.
    pub seed: u64,
    /// Years the copies spread over, first and last.
    pub years: (u16, u16),
}

/// What was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SynthSummary {
    pub reports: usize,
    pub cells: usize,
    pub findings: usize,
    pub parts: usize,
    pub bytes: u64,
}

/// A small deterministic generator (SplitMix64): no dependency for a benchmark's noise.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Rows waiting for one part file of a partition.
#[derive(Default)]
struct Pending {
    rows: Rows,
}

struct Writer<'a> {
    root: &'a Path,
    format: Format,
    summary: SynthSummary,
    part: usize,
}

impl Writer<'_> {
    fn flush(
        &mut self,
        def: &TableDef,
        key: Option<(&str, u16)>,
        rows: &[Vec<Value>],
    ) -> Result<(), DatasetError> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut dir: PathBuf = self.root.join(def.name);
        if let Some((family, year)) = key {
            dir = dir
                .join(format!("family={family}"))
                .join(format!("year={year}"));
        }
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!(
            "part-synth-{:06}.{}",
            self.part,
            self.format.extension()
        ));
        self.part += 1;
        let format = self.format;
        write_atomically(&path, |f| {
            encode::write(def, rows, format, std::io::BufWriter::new(f))?;
            Ok(())
        })?;
        self.summary.parts += 1;
        self.summary.bytes += std::fs::metadata(&path)?.len();
        Ok(())
    }

    fn flush_pending(
        &mut self,
        family: &str,
        year: u16,
        p: &mut Pending,
    ) -> Result<(), DatasetError> {
        let rows = std::mem::take(&mut p.rows);
        self.flush(&schema::REPORTS, None, &rows.reports)?;
        self.flush(&schema::TABLES, None, &rows.tables)?;
        self.flush(&schema::CELLS, Some((family, year)), &rows.cells)?;
        self.flush(&schema::FINDINGS, Some((family, year)), &rows.findings)?;
        Ok(())
    }
}

/// Positions of columns in the declared tables.
fn index(def: &TableDef, name: &str) -> usize {
    def.fields
        .iter()
        .position(|f| f.name == name)
        .unwrap_or_else(|| panic!("{}.{name} is declared", def.name))
}

/// Writes `options.reports` copies of `bases` (each report with its findings) into `root`
/// in `format`. The root must not hold a dataset yet.
pub fn synth(
    root: &Path,
    format: Format,
    bases: &[(Report, Vec<Diagnostic>)],
    options: &SynthOptions,
) -> Result<SynthSummary, DatasetError> {
    if bases.is_empty() {
        return Err(DatasetError::Internal("没有可复制的报告".to_owned()));
    }
    if root.join("reports").exists() {
        return Err(DatasetError::Exists(root.display().to_string()));
    }
    let base_rows: Vec<(Family, Rows)> = bases
        .iter()
        .map(|(report, findings)| {
            let source = SourceId::new("base", "base", "0".repeat(64));
            let entry = Entry {
                source: &source,
                report,
                findings,
                origin: Origin::Extracted,
                pages: None,
            };
            (report.meta.family, rows(&entry))
        })
        .collect();
    // A copy's rows are its base's with a new id, which every table keeps first.
    for def in [
        &schema::REPORTS,
        &schema::TABLES,
        &schema::CELLS,
        &schema::FINDINGS,
    ] {
        assert_eq!(index(def, "report_id"), 0, "{}", def.name);
    }
    let (unit_r, year_r, name_r, sha_r) = (
        index(&schema::REPORTS, "unit"),
        index(&schema::REPORTS, "year"),
        index(&schema::REPORTS, "source_name"),
        index(&schema::REPORTS, "source_sha256"),
    );
    let amount_c = index(&schema::CELLS, "amount");
    let mut mix = Mix(options.seed);
    let mut writer = Writer {
        root,
        format,
        summary: SynthSummary::default(),
        part: 0,
    };
    let (first, last) = options.years;
    let span = u64::from(last.saturating_sub(first)) + 1;
    let mut pending: BTreeMap<(&'static str, u16), Pending> = BTreeMap::new();
    for i in 0..options.reports {
        // A block of `per_part` reports shares a year, so at most one part per family is
        // pending: memory stays at one part's rows however large the dataset.
        let block = options.per_part.max(1);
        if i > 0 && i % block == 0 {
            for ((family, year), p) in pending.iter_mut() {
                writer.flush_pending(family, *year, p)?;
            }
            pending.clear();
        }
        let (family, base) = &base_rows[i % base_rows.len()];
        let year = first + ((i / block) as u64 % span) as u16;
        let id = crate::sha256_hex(format!("yusuan-synth-{}-{i}", options.seed).as_bytes());
        // Every amount of a copy scaled by one factor (50 % to 150 %), exactly.
        let factor = 50 + i128::from(mix.below(101) as u8);
        let key = (family.label(), year);
        let p = pending.entry(key).or_default();
        let with_id = |row: &Vec<Value>| {
            let mut row = row.clone();
            row[0] = Value::Text(Some(id.clone()));
            row
        };
        for row in &base.reports {
            let mut row = with_id(row);
            row[unit_r] = Value::Text(Some(format!("合成单位{i:07}")));
            row[year_r] = Value::Int(Some(i32::from(year)));
            row[name_r] = Value::Text(Some(format!("synth-{i:07}.pdf")));
            row[sha_r] = Value::Text(Some(id.clone()));
            p.rows.reports.push(row);
        }
        p.rows.tables.extend(base.tables.iter().map(with_id));
        for row in &base.cells {
            let mut row = with_id(row);
            if let Value::Decimal(v) = row[amount_c] {
                row[amount_c] = Value::Decimal(v * factor / 100);
            }
            p.rows.cells.push(row);
        }
        p.rows.findings.extend(base.findings.iter().map(with_id));
        writer.summary.reports += 1;
        writer.summary.cells += base.cells.len();
        writer.summary.findings += base.findings.len();
    }
    for ((family, year), mut p) in pending {
        writer.flush_pending(family, year, &mut p)?;
    }
    Ok(writer.summary)
}
