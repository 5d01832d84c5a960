//! A report as the rows of the four tables, each row a list of values in its table's
//! column order. The figures are taken as the report holds them: nothing is recomputed.

use yusuan_model::{Diagnostic, Report, Severity};

use crate::Entry;

/// One value of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(Option<String>),
    Int(Option<i32>),
    /// Hundredths (scale 2).
    Decimal(i128),
    Bool(bool),
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(Some(s.into()))
}

fn opt_text(s: Option<&str>) -> Value {
    Value::Text(s.filter(|s| !s.is_empty()).map(str::to_owned))
}

fn int(n: impl TryInto<i32>) -> Value {
    Value::Int(n.try_into().ok())
}

fn opt_int(n: Option<u32>) -> Value {
    Value::Int(n.and_then(|n| i32::try_from(n).ok()))
}

/// The rows of one report, by table.
#[derive(Debug, Default)]
pub struct Rows {
    pub reports: Vec<Vec<Value>>,
    pub tables: Vec<Vec<Value>>,
    pub cells: Vec<Vec<Value>>,
    pub findings: Vec<Vec<Value>>,
}

impl Rows {
    pub fn get(&self, table: &str) -> &[Vec<Value>] {
        match table {
            "reports" => &self.reports,
            "tables" => &self.tables,
            "cells" => &self.cells,
            _ => &self.findings,
        }
    }
}

/// Region of a profile id, from the registry.
fn region(profile: &str) -> Option<&'static str> {
    yusuan_profile::profile(profile).map(|p| p.region)
}

pub fn rows(entry: &Entry<'_>) -> Rows {
    let report: &Report = entry.report;
    let id = &entry.source.sha256;
    let mut out = Rows::default();
    let mut per_table = vec![0usize; report.tables.len()];
    for (seq, c) in report.cells().enumerate() {
        per_table[c.table_index] += 1;
        out.cells.push(vec![
            text(id.as_str()),
            int(seq),
            int(c.table_index),
            text(c.table.kind.label()),
            opt_text(c.block.side.map(|s| s.label())),
            opt_text(c.row.code.as_deref()),
            text(c.row.name.as_str()),
            text(c.column.as_str()),
            Value::Decimal(i128::from(c.value.hundredths)),
            int(c.value.decimals),
            text(c.table.unit.label()),
            opt_int(c.table.page),
        ]);
    }
    let seq = out.cells.len();
    for (ti, table) in report.tables.iter().enumerate() {
        out.tables.push(vec![
            text(id.as_str()),
            int(ti),
            text(table.kind.label()),
            opt_text(table.number.as_deref()),
            text(table.title.as_str()),
            text(table.unit.label()),
            Value::Bool(table.prints_codes),
            opt_int(table.page),
            int(per_table[ti]),
        ]);
    }
    for (i, d) in entry.findings.iter().enumerate() {
        out.findings.push(finding(id, i, d));
    }
    let count = |s| entry.findings.iter().filter(|d| d.severity == s).count();
    let meta = &report.meta;
    out.reports.push(vec![
        text(id.as_str()),
        text(meta.unit_name.as_str()),
        opt_text(meta.unit_code.as_deref()),
        Value::Text(region(&meta.profile).map(str::to_owned)),
        int(meta.year),
        text(meta.family.label()),
        text(meta.scope.label()),
        text(meta.profile.as_str()),
        text(entry.source.name.as_str()),
        text(entry.source.sha256.as_str()),
        opt_int(entry.pages),
        text(entry.origin.as_str()),
        int(report.tables.len()),
        int(seq),
        int(count(Severity::Error)),
        int(count(Severity::Warning)),
    ]);
    out
}

fn finding(id: &str, seq: usize, d: &Diagnostic) -> Vec<Value> {
    let at = &d.location;
    vec![
        text(id),
        int(seq),
        text(d.rule.as_str()),
        text(d.severity.as_str()),
        text(d.message.as_str()),
        opt_text(d.hint.as_deref()),
        opt_int(at.page),
        opt_int(at.line),
        opt_text(at.table.as_deref()),
        opt_text(at.row.as_deref()),
        opt_text(at.column.as_deref()),
    ]
}
