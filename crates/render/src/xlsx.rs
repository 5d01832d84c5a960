//! XLSX: one sheet per table with its heading and headers, numbers stored as numbers
//! with two decimals, frozen header rows; and one tidy data sheet (`数据`).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use yusuan_model::{Report, Table};

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(table: &Table, index: usize, taken: &mut Vec<String>) -> String {
    let base = format!(
        "{}{}",
        table
            .number
            .clone()
            .unwrap_or_else(|| format!("表{}", index + 1)),
        table.kind.label()
    );
    let clean: String = base
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(28)
        .collect();
    let mut name = clean.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{clean}{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The workbook of a report, as bytes.
pub fn xlsx_bytes(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let text = Format::new().set_border(FormatBorder::Thin);
    let money = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.00");
    let mut taken = Vec::new();
    for (i, table) in report.tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(table, i, &mut taken))?;
        let width = table
            .blocks
            .iter()
            .map(|b| b.columns.len() + 3)
            .max()
            .unwrap_or(4) as u16;
        ws.merge_range(0, 0, 0, width - 1, &table.title, &title)?;
        ws.write_string(1, 0, format!("单位名称：{}", report.meta.unit_name))?;
        ws.write_string(1, width - 1, format!("单位：{}", table.unit.label()))?;
        ws.set_column_width(0, 10)?;
        ws.set_column_width(1, 32)?;
        let mut row: u32 = 2;
        let mut frozen = false;
        for block in &table.blocks {
            if let Some(side) = block.side {
                ws.write_string_with_format(row, 0, side.label(), &head)?;
                row += 1;
            }
            let aux = block.rows.iter().any(|r| r.aux.is_some());
            ws.write_string_with_format(row, 0, "科目编码", &head)?;
            ws.write_string_with_format(row, 1, "项目", &head)?;
            let first = if aux { 3 } else { 2 };
            if aux {
                ws.write_string_with_format(row, 2, "政府预算经济科目", &head)?;
            }
            for (c, column) in block.columns.iter().enumerate() {
                ws.write_string_with_format(row, first + c as u16, column.as_str(), &head)?;
                ws.set_column_width(first + c as u16, 16)?;
            }
            if !frozen {
                ws.set_freeze_panes(row + 1, 0)?;
                frozen = true;
            }
            row += 1;
            for r in &block.rows {
                let code = if table.prints_codes {
                    r.code.as_deref().unwrap_or("")
                } else {
                    ""
                };
                ws.write_string_with_format(row, 0, code, &text)?;
                ws.write_string_with_format(row, 1, &r.name, &text)?;
                if aux {
                    ws.write_string_with_format(row, 2, r.aux.as_deref().unwrap_or(""), &text)?;
                }
                for (c, cell) in r.cells.iter().enumerate() {
                    let col = first + c as u16;
                    match cell {
                        // Two decimals are exact in the printed unit.
                        Some(p) => ws.write_number_with_format(
                            row,
                            col,
                            p.hundredths as f64 / 100.0,
                            &money,
                        )?,
                        None => ws.write_blank(row, col, &text)?,
                    };
                }
                row += 1;
            }
            row += 1;
        }
        if let Some(note) = &table.empty_note {
            ws.write_string(row, 0, note)?;
        }
    }
    // The tidy data, one printed cell a row, for pivot tables.
    let ws = wb.add_worksheet();
    ws.set_name("数据")?;
    for (c, h) in crate::TIDY_HEADER.iter().chain(["unit"].iter()).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let mut row = 1;
    for t in &report.tables {
        for b in &t.blocks {
            for r in &b.rows {
                for (column, cell) in b.columns.iter().zip(&r.cells) {
                    let Some(p) = cell else { continue };
                    ws.write_string(row, 0, t.kind.label())?;
                    ws.write_string(row, 1, b.side.map_or("", |s| s.label()))?;
                    ws.write_string(
                        row,
                        2,
                        if t.prints_codes {
                            r.code.as_deref().unwrap_or("")
                        } else {
                            ""
                        },
                    )?;
                    ws.write_string(row, 3, &r.name)?;
                    ws.write_string(row, 4, column.as_str())?;
                    ws.write_number_with_format(row, 5, p.hundredths as f64 / 100.0, &money)?;
                    ws.write_string(row, 6, t.unit.label())?;
                    row += 1;
                }
            }
        }
    }
    wb.save_to_buffer()
}
