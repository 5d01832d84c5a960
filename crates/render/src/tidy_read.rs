//! Reading a tidy CSV back into a Report: tables, blocks and rows in order of first
//! appearance. The tidy format has no units; an optional seventh column `unit`
//! (`元` / `万元`) gives them, else every table is in 万元.

use yusuan_model::{
    Block, Column, Diagnostic, Family, Location, MoneyUnit, Printed, Report, ReportMeta, Row,
    RowRole, Scope, Side, Table, TableKind,
};

/// Reads tidy CSV text. Lines that do not parse are reported and skipped.
pub fn read_tidy(file: &str, text: &str) -> (Report, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as u32);
                diags.push(Diagnostic::error(
                    "E-TIDY-CSV",
                    format!("CSV 格式错误：{e}"),
                    Location::file(file).at(line, 1),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as u32);
        let get = |i: usize| record.get(i).unwrap_or("").trim();
        let at = |col: u32| Location::file(file).at(line, col);
        let Some(kind) = TableKind::from_label(get(0)) else {
            diags.push(Diagnostic::error(
                "E-TIDY-TABLE",
                format!("未知的表类型「{}」", get(0)),
                at(1),
            ));
            continue;
        };
        let side = match get(1) {
            "" => None,
            s => match Side::from_label(s) {
                Some(side) => Some(side),
                None => {
                    diags.push(Diagnostic::error(
                        "E-TIDY-SIDE",
                        format!("未知的收支方向「{s}」"),
                        at(2),
                    ));
                    continue;
                }
            },
        };
        let unit = match get(6) {
            "" => MoneyUnit::WanYuan,
            u => MoneyUnit::from_label(u).unwrap_or(MoneyUnit::WanYuan),
        };
        let value = match Printed::parse(get(5), unit) {
            Ok(v) => v,
            Err(e) => {
                diags.push(Diagnostic::error("E-TIDY-AMOUNT", e.to_string(), at(6)));
                continue;
            }
        };
        let (code, name, column) = (get(2), get(3), get(4));
        let t = match tables.iter().position(|t| t.kind == kind) {
            Some(i) => i,
            None => {
                tables.push(Table {
                    kind,
                    number: None,
                    title: kind.label().to_owned(),
                    unit,
                    prints_codes: true,
                    blocks: Vec::new(),
                    empty_note: None,
                    page: None,
                    line: Some(line),
                    issuer: None,
                    notes: Vec::new(),
                    header: Vec::new(),
                    unread: false,
                });
                tables.len() - 1
            }
        };
        let table = &mut tables[t];
        let b = match table.blocks.iter().position(|b| b.side == side) {
            Some(b) => b,
            None => {
                table.blocks.push(Block {
                    side,
                    columns: Vec::new(),
                    rows: Vec::new(),
                });
                table.blocks.len() - 1
            }
        };
        let block = &mut table.blocks[b];
        let c = match block.column_index(column) {
            Some(c) => c,
            None => {
                block.columns.push(Column::new(column));
                for r in &mut block.rows {
                    r.cells.push(None);
                }
                block.columns.len() - 1
            }
        };
        let code = (!code.is_empty()).then(|| code.to_owned());
        let r = match block
            .rows
            .iter()
            .position(|r| r.code == code && r.name == name)
        {
            Some(r) => r,
            None => {
                let role = if name.contains("合计") || name.contains("总计") {
                    RowRole::Total
                } else {
                    RowRole::Data
                };
                block.rows.push(Row {
                    code,
                    name: name.to_owned(),
                    aux: None,
                    role,
                    cells: vec![None; block.columns.len()],
                    page: None,
                    line: None,
                });
                block.rows.len() - 1
            }
        };
        block.rows[r].cells[c] = Some(value);
    }
    let meta = ReportMeta {
        unit_name: String::new(),
        unit_code: None,
        unit_kind: None,
        year: 0,
        family: if tables.iter().any(|t| t.kind.family() == Family::Final) {
            Family::Final
        } else {
            Family::Budget
        },
        scope: Scope::Unit,
        profile: String::new(),
    };
    (
        Report {
            meta,
            tables,
            facts: Vec::new(),
            projects: Vec::new(),
            text: Vec::new(),
            toc: Vec::new(),
            statements: Vec::new(),
        },
        diags,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_built_report() {
        let text = "table,side,row_code,row_name,column,amount\n收支总表,收入,,收入总计,预算数,1180.23\n收入总表,,2081104,残疾人康复,合计,15.00\n收入总表,,2081104,残疾人康复,上年结转,2.00\n三公经费表,,,,合计,867.50,万元\n";
        let (report, diags) = read_tidy("t.csv", text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(report.tables.len(), 3);
        assert_eq!(crate::tidy_string(&report), text.replace(",万元", ""));
        let (_, diags) = read_tidy(
            "t.csv",
            "table,side,row_code,row_name,column,amount\n无表,,,,合计,1\n收入总表,,,x,合计,abc\n",
        );
        let rules: Vec<&str> = diags.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["E-TIDY-TABLE", "E-TIDY-AMOUNT"]);
    }
}
