//! Reads a filled budget workbook through the directory format's parser.
//!
//! Each sheet becomes the text of its file (`unit.toml`, `lines.csv`, `projects.toml`),
//! written so that every generated line remembers the cell it came from. The loader's
//! diagnostics, located by line and column in those texts, are moved back to `sheet!cell`.

use std::io::Cursor;

use calamine::{Data, Range, Reader};
use yusuan_catalog::Catalog;
use yusuan_load::Sources;
use yusuan_model::{has_errors, Amount, Budget, Diagnostic, Location};

use crate::{
    balance_fields, cell_name, income_fields, indicator_fields, item_fields, line_fields,
    procurement_fields, project_fields, unit_fields, Field, Kind, SHEET_BALANCES, SHEET_INCOME,
    SHEET_INDICATORS, SHEET_ITEMS, SHEET_LINES, SHEET_OVERVIEW, SHEET_PROCUREMENT, SHEET_PROJECTS,
    SHEET_UNIT,
};

/// A generated CSV text and the sheet column of each of its columns.
type CsvText = (Generated, Vec<Option<u32>>);

/// Names the generated texts go under while the loader reads them.
const AS_UNIT: &str = "\u{1}unit.toml";
const AS_LINES: &str = "\u{1}lines.csv";
const AS_PROJECTS: &str = "\u{1}projects.toml";
const AS_PROCUREMENT: &str = "\u{1}procurement.csv";
const AS_INCOME: &str = "\u{1}income.csv";
const AS_BALANCES: &str = "\u{1}balances.csv";

/// A generated text and, per line, the cell it came from.
struct Generated {
    text: String,
    origin: Vec<Option<(&'static str, u32, u32)>>,
}

impl Generated {
    fn new() -> Generated {
        Generated {
            text: String::new(),
            origin: Vec::new(),
        }
    }

    fn push(&mut self, line: &str, origin: Option<(&'static str, u32, u32)>) {
        debug_assert!(!line.contains('\n'));
        self.text.push_str(line);
        self.text.push('\n');
        self.origin.push(origin);
    }
}

/// One worksheet, addressed by absolute 0-based row and column.
struct Sheet {
    name: &'static str,
    range: Range<Data>,
}

impl Sheet {
    fn get(&self, row: u32, col: u32) -> &Data {
        self.range.get_value((row, col)).unwrap_or(&Data::Empty)
    }

    /// The last used row, or `None` for an empty sheet.
    fn last_row(&self) -> Option<u32> {
        self.range.end().map(|(r, _)| r)
    }

    fn last_col(&self) -> u32 {
        self.range.end().map_or(0, |(_, c)| c)
    }

    fn at(&self, row: u32, col: u32) -> Location {
        cell_location(&cell_name(self.name, row, col))
    }
}

fn cell_location(cell: &str) -> Location {
    Location {
        cell: Some(cell.to_owned()),
        ..Location::default()
    }
}

/// Reads the workbook `bytes`, reported as `shown`.
pub fn read(shown: &str, bytes: &[u8], catalog: &Catalog) -> (Option<Budget>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "E-INPUT-XLSX",
                    format!("无法读取工作簿：{e}"),
                    Location::file(shown),
                )
                .with_hint("用 yusuan template 生成填报工作簿，在 WPS/Excel 中另存为 .xlsx"),
            );
            return (None, diags);
        }
    };
    let mut sheet = |name: &'static str, required: bool, diags: &mut Vec<Diagnostic>| match book
        .worksheet_range(name)
    {
        Ok(range) => Some(Sheet { name, range }),
        Err(e) => {
            if required || book.sheet_names().iter().any(|n| n == name) {
                diags.push(Diagnostic::error(
                    "E-INPUT-SHEET",
                    format!("缺少工作表「{name}」或无法读取（{e}）"),
                    Location::file(shown),
                ));
            }
            None
        }
    };
    let unit = sheet(SHEET_UNIT, true, &mut diags);
    let overview = sheet(SHEET_OVERVIEW, false, &mut diags);
    let lines = sheet(SHEET_LINES, true, &mut diags);
    let projects = sheet(SHEET_PROJECTS, false, &mut diags);
    let indicators = sheet(SHEET_INDICATORS, false, &mut diags);
    let items = sheet(SHEET_ITEMS, false, &mut diags);
    let procurement = sheet(SHEET_PROCUREMENT, false, &mut diags);
    let income = sheet(SHEET_INCOME, false, &mut diags);
    let balances = sheet(SHEET_BALANCES, false, &mut diags);
    let (Some(unit), Some(lines)) = (unit, lines) else {
        return (None, diags);
    };

    let mut cell_diags = Vec::new();
    let unit_text = unit_toml(&unit, overview.as_ref(), items.as_ref(), &mut cell_diags);
    let lines_text = csv_text(&lines, &line_fields(), &mut cell_diags);
    // An empty 政府采购明细 sheet is no file: the [procurement] totals stand alone.
    let procurement_text = procurement
        .as_ref()
        .filter(|s| s.last_row().is_some_and(|r| r > 0))
        .and_then(|s| csv_text(s, &procurement_fields(), &mut cell_diags));
    let income_text = income
        .as_ref()
        .filter(|s| s.last_row().is_some_and(|r| r > 0))
        .and_then(|s| csv_text(s, &income_fields(), &mut cell_diags));
    let balances_text = balances
        .as_ref()
        .filter(|s| s.last_row().is_some_and(|r| r > 0))
        .and_then(|s| csv_text(s, &balance_fields(), &mut cell_diags));
    let projects_text = projects.as_ref().map(|p| {
        let empty = Sheet {
            name: SHEET_INDICATORS,
            range: Range::empty(),
        };
        projects_toml(p, indicators.as_ref().unwrap_or(&empty), &mut cell_diags)
    });
    for d in &mut cell_diags {
        d.location.file = Some(shown.to_owned());
    }
    diags.extend(cell_diags);
    // Carry on after cell errors, so one run reports every problem; a cell that could
    // not be read is passed on empty, and what the loader says about it is dropped.
    let Some(lines_text) = lines_text else {
        return (None, diags);
    };
    let src = Sources {
        unit: (AS_UNIT, &unit_text.text),
        lines: (AS_LINES, &lines_text.0.text),
        projects: projects_text
            .as_ref()
            .map(|p| (AS_PROJECTS, p.text.as_str())),
        procurement: procurement_text
            .as_ref()
            .map(|p| (AS_PROCUREMENT, p.0.text.as_str())),
        income: income_text.as_ref().map(|i| (AS_INCOME, i.0.text.as_str())),
        balances: balances_text
            .as_ref()
            .map(|b| (AS_BALANCES, b.0.text.as_str())),
    };
    let (budget, more) = yusuan_load::parse_budget(&src, catalog);
    let seen: Vec<Option<String>> = diags.iter().map(|d| d.location.cell.clone()).collect();
    for mut d in more {
        relocate(
            &mut d,
            shown,
            &unit_text,
            &lines_text,
            projects_text.as_ref(),
            &[
                (AS_PROCUREMENT, SHEET_PROCUREMENT, procurement_text.as_ref()),
                (AS_INCOME, SHEET_INCOME, income_text.as_ref()),
                (AS_BALANCES, SHEET_BALANCES, balances_text.as_ref()),
            ],
        );
        if d.location.cell.is_some() && seen.contains(&d.location.cell) {
            continue;
        }
        diags.push(d);
    }
    (budget.filter(|_| !has_errors(&diags)), diags)
}

/// Moves a diagnostic from a generated text to the cell its line came from.
fn relocate(
    d: &mut Diagnostic,
    shown: &str,
    unit: &Generated,
    lines: &CsvText,
    projects: Option<&Generated>,
    lists: &[(&str, &'static str, Option<&CsvText>)],
) {
    let (generated, sheet, columns) = match d.location.file.as_deref() {
        Some(AS_UNIT) => (unit, SHEET_UNIT, None),
        Some(AS_LINES) => (&lines.0, SHEET_LINES, Some(&lines.1)),
        Some(AS_PROJECTS) => match projects {
            Some(p) => (p, SHEET_PROJECTS, None),
            None => return,
        },
        Some(file) => match lists.iter().find(|(as_file, _, _)| *as_file == file) {
            Some((_, sheet, Some(list))) => (&list.0, *sheet, Some(&list.1)),
            _ => return,
        },
        None => return,
    };
    let origin = d
        .location
        .line
        .and_then(|l| generated.origin.get(l as usize - 1).copied().flatten());
    let cell = match (origin, columns, d.location.column_number) {
        // A CSV column number picks the sheet column the value was in.
        (Some((sheet, row, _)), Some(cols), Some(c)) => match cols.get(c as usize - 1) {
            Some(Some(col)) => cell_name(sheet, row, *col),
            _ => cell_name(sheet, row, 0),
        },
        (Some((sheet, row, col)), _, _) => cell_name(sheet, row, col),
        (None, _, _) => sheet.to_owned(),
    };
    d.location.file = Some(shown.to_owned());
    d.location.line = None;
    d.location.column_number = None;
    d.location.cell = Some(cell);
    for (from, to) in [
        ("projects.toml", "「项目」表"),
        ("lines.csv", "「预算明细」表"),
        ("procurement.csv", "「政府采购明细」表"),
        ("income.csv", "「收入明细」表"),
        ("balances.csv", "「结转结余明细」表"),
        ("（project 列）", "（项目名称列）"),
    ] {
        d.message = d.message.replace(from, to);
    }
}

/// A cell as the text of a field, or a message saying why it cannot be one.
fn cell_text(data: &Data, kind: Kind) -> Result<Option<String>, String> {
    let text = match data {
        Data::Empty => return Ok(None),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => match kind {
            Kind::Money => return money(*f).map(Some),
            _ if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            _ => f.to_string(),
        },
        Data::Bool(b) => return Err(format!("应填文字或数字，不是逻辑值 {b}")),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            return Err("单元格是日期格式，请设为文本后按原样填写（如 20231112）".to_owned())
        }
        Data::Error(e) => return Err(format!("单元格是错误值 {e}")),
    };
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// A spreadsheet number as 元 with two decimals. Spreadsheets keep binary floats, so a
/// value within a millionth of a fen of a whole fen is that fen; anything else has more
/// than two decimals and is refused rather than rounded.
fn money(f: f64) -> Result<String, String> {
    if !f.is_finite() || f.abs() >= 9e13 {
        return Err(format!("金额 {f} 超出范围"));
    }
    let fen = (f * 100.0).round();
    if (f * 100.0 - fen).abs() > 1e-6 {
        return Err(format!("金额 {f} 超过两位小数（单位：元）"));
    }
    Ok(Amount(fen as i64).yuan())
}

/// A TOML basic string, on one line.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `key = value` in TOML for one cell: numbers where the field counts, strings elsewhere.
fn toml_value(kind: Kind, text: &str) -> String {
    match kind {
        Kind::Count if text.parse::<i64>().is_ok() => text.to_owned(),
        Kind::CountList => count_list(text).unwrap_or_else(|| quoted(text)),
        _ => quoted(text),
    }
}

/// `执法执勤用车 40、其他用车 2` as a TOML array of [name, count]; `None` when a part has no
/// count, so the text goes on as it is and the loader says where it is wrong.
fn count_list(text: &str) -> Option<String> {
    let parts: Option<Vec<String>> = text
        .split(['、', ';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (name, n) = p.rsplit_once(char::is_whitespace)?;
            let n: i64 = n.trim().parse().ok()?;
            Some(format!("[{}, {n}]", quoted(name.trim())))
        })
        .collect();
    Some(format!("[{}]", parts?.join(", ")))
}

/// A header label as written by the template, or the field's key.
fn field_of<'f, T>(fields: &'f [Field<T>], header: &str) -> Option<&'f Field<T>> {
    let header = header.trim().trim_end_matches(['*', '＊']).trim();
    fields.iter().find(|f| f.label == header || f.key == header)
}

fn unit_toml(
    unit: &Sheet,
    overview: Option<&Sheet>,
    items: Option<&Sheet>,
    diags: &mut Vec<Diagnostic>,
) -> Generated {
    let fields = unit_fields();
    let mut out = Generated::new();
    if let Some(sheet) = overview {
        out.push("overview = [", None);
        for row in 1..=sheet.last_row().unwrap_or(0) {
            match cell_text(sheet.get(row, 0), Kind::Text) {
                Ok(Some(p)) => out.push(&format!("  {},", quoted(&p)), Some((sheet.name, row, 0))),
                Ok(None) => {}
                Err(e) => diags.push(Diagnostic::error("E-INPUT-CELL", e, sheet.at(row, 0))),
            }
        }
        out.push("]", None);
    }
    // Values by field, in the order of the field table, whatever the row order.
    let mut found: Vec<Option<(u32, String)>> = fields.iter().map(|_| None).collect();
    for row in 1..=unit.last_row().unwrap_or(0) {
        let label = match unit.get(row, 0) {
            Data::String(s) => s.clone(),
            Data::Empty => continue,
            other => other.to_string(),
        };
        let Some(i) = fields
            .iter()
            .position(|f| field_of(std::slice::from_ref(f), &label).is_some())
        else {
            diags.push(Diagnostic::warning(
                "W-INPUT-COLUMN",
                format!("未知项目「{label}」，已忽略"),
                unit.at(row, 0),
            ));
            continue;
        };
        match cell_text(unit.get(row, 1), fields[i].kind) {
            Ok(Some(text)) => found[i] = Some((row, text)),
            Ok(None) if fields[i].required => diags.push(Diagnostic::error(
                "E-INPUT-REQUIRED",
                format!("「{}」必须填写", fields[i].label),
                unit.at(row, 1),
            )),
            Ok(None) => {}
            Err(e) => diags.push(Diagnostic::error("E-INPUT-CELL", e, unit.at(row, 1))),
        }
    }
    for (field, value) in fields.iter().zip(&found) {
        match value {
            Some((row, text)) => out.push(
                &format!("{} = {}", field.key, toml_value(field.kind, text)),
                Some((unit.name, *row, 1)),
            ),
            None if field.required && !diags.iter().any(|d| d.message.contains(field.label)) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-REQUIRED",
                    format!("缺少「{}」一行", field.label),
                    cell_location(unit.name),
                ))
            }
            None => {}
        }
    }
    if let Some(sheet) = items {
        // Each column after the code is a table of unit.toml keyed by the code; a table's
        // entries are written together, so none is defined out of order.
        let fields = item_fields();
        let cols = header_columns(sheet, &fields, diags);
        let rows: Vec<(u32, Vec<Option<String>>)> = (1..=sheet.last_row().unwrap_or(0))
            .map(|row| (row, row_values(sheet, row, &fields, &cols, diags)))
            .collect();
        for (row, values) in &rows {
            if values[0].is_none() && values[1..].iter().any(Option::is_some) {
                diags.push(Diagnostic::error(
                    "E-INPUT-REQUIRED",
                    "科目说明的每一行都要填写科目编码".to_owned(),
                    sheet.at(*row, cols[0].unwrap_or(0)),
                ));
            }
        }
        for (k, field) in fields.iter().enumerate().skip(1) {
            for (row, values) in &rows {
                if let (Some(code), Some(value)) = (&values[0], &values[k]) {
                    out.push(
                        &format!(
                            "{}.{} = {}",
                            field.key,
                            quoted(code),
                            toml_value(field.kind, value)
                        ),
                        Some((sheet.name, *row, cols[k].unwrap_or(0))),
                    );
                }
            }
        }
    }
    out
}

/// The header row of a list sheet: for each field, the column it is in.
fn header_columns<T>(
    sheet: &Sheet,
    fields: &[Field<T>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<u32>> {
    let mut cols: Vec<Option<u32>> = fields.iter().map(|_| None).collect();
    for col in 0..=sheet.last_col() {
        let Ok(Some(head)) = cell_text(sheet.get(0, col), Kind::Text) else {
            continue;
        };
        match fields
            .iter()
            .position(|f| field_of(std::slice::from_ref(f), &head).is_some())
        {
            Some(i) => cols[i] = Some(col),
            None => diags.push(Diagnostic::warning(
                "W-INPUT-COLUMN",
                format!("未知列「{head}」，已忽略"),
                sheet.at(0, col),
            )),
        }
    }
    for (field, col) in fields.iter().zip(&cols) {
        if field.required && col.is_none() {
            diags.push(Diagnostic::error(
                "E-INPUT-HEADER",
                format!("表头缺少列「{}」", field.label),
                sheet.at(0, 0),
            ));
        }
    }
    cols
}

/// The cells of one row under the header, as text; errors go to `diags`.
fn row_values<T>(
    sheet: &Sheet,
    row: u32,
    fields: &[Field<T>],
    cols: &[Option<u32>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<String>> {
    fields
        .iter()
        .zip(cols)
        .map(|(field, col)| {
            let col = (*col)?;
            cell_text(sheet.get(row, col), field.kind)
                .map_err(|e| diags.push(Diagnostic::error("E-INPUT-CELL", e, sheet.at(row, col))))
                .ok()
                .flatten()
        })
        .collect()
}

/// A CSV file (`lines.csv`, `procurement.csv`) with line n+1 for sheet row n, and the
/// sheet column of each CSV column.
fn csv_text<T>(sheet: &Sheet, fields: &[Field<T>], diags: &mut Vec<Diagnostic>) -> Option<CsvText> {
    let before = diags.len();
    let cols = header_columns(sheet, fields, diags);
    if has_errors(&diags[before..]) {
        return None;
    }
    let mut out = Generated::new();
    let record = |values: &[String]| -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(values).expect("writes to memory");
        let bytes = w.into_inner().expect("writes to memory");
        String::from_utf8(bytes)
            .expect("UTF-8 in")
            .trim_end()
            .to_owned()
    };
    let keys: Vec<String> = fields.iter().map(|f| f.key.to_owned()).collect();
    out.push(&record(&keys), Some((sheet.name, 0, 0)));
    for row in 1..=sheet.last_row().unwrap_or(0) {
        let values: Vec<String> = row_values(sheet, row, fields, &cols, diags)
            .into_iter()
            .map(|v| v.unwrap_or_default().replace(['\n', '\r'], " "))
            .collect();
        out.push(&record(&values), Some((sheet.name, row, 0)));
    }
    Some((out, cols))
}

/// `projects.toml`: one `[[project]]` per row of 项目, with the 绩效指标 rows naming it.
fn projects_toml(projects: &Sheet, indicators: &Sheet, diags: &mut Vec<Diagnostic>) -> Generated {
    let pfields = project_fields();
    let ifields = indicator_fields();
    let pcols = header_columns(projects, &pfields, diags);
    let icols = if indicators.last_row().is_some() {
        header_columns(indicators, &ifields, diags)
    } else {
        ifields.iter().map(|_| None).collect()
    };
    // Indicator rows, each with its project name.
    let mut rows: Vec<(u32, Vec<Option<String>>)> = Vec::new();
    for row in 1..=indicators.last_row().unwrap_or(0) {
        let values = row_values(indicators, row, &ifields, &icols, diags);
        if values.iter().all(Option::is_none) {
            continue;
        }
        for ((field, col), value) in ifields.iter().zip(&icols).zip(&values) {
            if field.required && value.is_none() {
                diags.push(Diagnostic::error(
                    "E-INPUT-REQUIRED",
                    format!("「{}」必须填写", field.label),
                    indicators.at(row, col.unwrap_or(0)),
                ));
            }
        }
        rows.push((row, values));
    }
    let mut out = Generated::new();
    let mut names: Vec<String> = Vec::new();
    for row in 1..=projects.last_row().unwrap_or(0) {
        let values = row_values(projects, row, &pfields, &pcols, diags);
        if values.iter().all(Option::is_none) {
            continue;
        }
        let name_col = pcols[0].unwrap_or(0);
        let Some(name) = values[0].clone() else {
            diags.push(Diagnostic::error(
                "E-INPUT-REQUIRED",
                "「项目名称」必须填写".to_owned(),
                projects.at(row, name_col),
            ));
            continue;
        };
        out.push("[[project]]", Some((projects.name, row, name_col)));
        for ((field, col), value) in pfields.iter().zip(&pcols).zip(&values) {
            if let (Some(col), Some(value)) = (col, value) {
                out.push(
                    &format!("{} = {}", field.key, toml_value(field.kind, value)),
                    Some((projects.name, row, *col)),
                );
            }
        }
        for (irow, ivalues) in rows.iter().filter(|(_, v)| v[0].as_deref() == Some(&name)) {
            out.push(
                "[[project.indicator]]",
                Some((indicators.name, *irow, icols[0].unwrap_or(0))),
            );
            for ((field, col), value) in ifields.iter().zip(&icols).zip(ivalues).skip(1) {
                if let (Some(col), Some(value)) = (col, value) {
                    out.push(
                        &format!("{} = {}", field.key, quoted(value)),
                        Some((indicators.name, *irow, *col)),
                    );
                }
            }
        }
        names.push(name);
    }
    for (irow, values) in &rows {
        if let Some(name) = &values[0] {
            if !names.contains(name) {
                diags.push(Diagnostic::error(
                    "E-INPUT-PROJECT",
                    format!("项目「{name}」不在「项目」表中"),
                    indicators.at(*irow, icols[0].unwrap_or(0)),
                ));
            }
        }
    }
    out
}
