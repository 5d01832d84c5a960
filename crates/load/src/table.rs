//! What the optional CSV files (`income.csv`, `procurement.csv`) share: a header that must
//! name given columns in any order, and rows read with their line for every message.

use csv::StringRecord;
use yusuan_model::{Amount, Diagnostic, FuncCode, FuncLevel, FundingSource, Location};

use crate::lines::csv_error;

/// One data row: its cells by the position of each declared column, and where it is.
pub(crate) struct Row<'a> {
    record: &'a StringRecord,
    index: &'a [usize],
    file: &'a str,
    line: u32,
}

impl Row<'_> {
    /// The cell of the `k`-th declared column, trimmed.
    pub fn get(&self, k: usize) -> &str {
        self.record.get(self.index[k]).unwrap_or("")
    }

    pub fn at(&self, k: usize) -> Location {
        Location::file(self.file).at(self.line, self.index[k] as u32 + 1)
    }

    /// The `k`-th cell as a functional 项 code (7 digits); an error message when it is not
    /// one. `what` names the row in the message (`收入行`).
    pub fn item_code(&self, k: usize, what: &str, diags: &mut Vec<Diagnostic>) -> Option<FuncCode> {
        match FuncCode::parse(self.get(k)) {
            Ok(c) if c.level() == FuncLevel::Xiang => Some(c),
            Ok(c) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-CODE",
                    format!("{what}的功能分类科目「{c}」应编到项级（7位）"),
                    self.at(k),
                ));
                None
            }
            Err(e) => {
                diags.push(Diagnostic::error("E-INPUT-CODE", e.to_string(), self.at(k)));
                None
            }
        }
    }

    /// The `k`-th cell as a funding source; an error message when it is not one.
    pub fn source(&self, k: usize, diags: &mut Vec<Diagnostic>) -> Option<FundingSource> {
        let source = FundingSource::from_label(self.get(k));
        if source.is_none() {
            diags.push(
                Diagnostic::error(
                    "E-INPUT-VALUE",
                    format!("资金来源「{}」无效", self.get(k)),
                    self.at(k),
                )
                .with_hint(format!("可选：{}", FundingSource::labels())),
            );
        }
        source
    }

    /// The `k`-th cell as an amount in 元; an error message when it is not one.
    pub fn amount(&self, k: usize, diags: &mut Vec<Diagnostic>) -> Option<Amount> {
        match Amount::parse_yuan(self.get(k)) {
            Ok(a) => Some(a),
            Err(e) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-AMOUNT",
                    format!("{e}（单位：元，最多两位小数）"),
                    self.at(k),
                ));
                None
            }
        }
    }
}

/// Calls `row` for every non-empty data row of a CSV file whose header names every one of
/// `columns`; a missing column is one located error and no rows.
pub(crate) fn each_row(
    file: &str,
    text: &str,
    columns: &[&str],
    diags: &mut Vec<Diagnostic>,
    mut row: impl FnMut(&Row<'_>, &mut Vec<Diagnostic>),
) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(csv_error(file, &e));
            return;
        }
    };
    let found: Vec<Option<usize>> = columns
        .iter()
        .map(|c| headers.iter().position(|h| h == *c))
        .collect();
    let missing: Vec<&str> = columns
        .iter()
        .zip(&found)
        .filter(|(_, i)| i.is_none())
        .map(|(c, _)| *c)
        .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::error(
                "E-INPUT-HEADER",
                format!("表头缺少列：{}", missing.join("、")),
                Location::file(file).at(1, 1),
            )
            .with_hint(format!("表头应为：{}", columns.join(","))),
        );
        return;
    }
    let index: Vec<usize> = found.into_iter().flatten().collect();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                diags.push(csv_error(file, &e));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line() as u32);
        row(
            &Row {
                record: &record,
                index: &index,
                file,
                line,
            },
            diags,
        );
    }
}
