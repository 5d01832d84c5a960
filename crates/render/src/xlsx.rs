//! XLSX: one sheet per table with its heading and headers, numbers stored as numbers
//! with two decimals, frozen header rows; and one tidy data sheet (`数据`).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use yusuan_model::{Block, FundingSource, Report, Table, TableKind};

/// The group a figure column is printed under in the official two-row header, if any:
/// 本年收入 over the sources of a 收入总表, the year's 预算数 over a 支出总表.
pub fn column_group(kind: TableKind, column: &str, year: u16) -> Option<String> {
    match kind {
        TableKind::Income if FundingSource::from_label(column).is_some() => {
            Some("本年收入".to_owned())
        }
        TableKind::Expenditure => Some(format!("{year}年预算数")),
        _ => None,
    }
}

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

/// One block's columns on a sheet: code, name, government-side name, figures.
struct Band<'a> {
    block: &'a Block,
    start: u16,
    codes: bool,
    aux: bool,
}

impl Band<'_> {
    fn width(&self) -> u16 {
        u16::from(self.codes) + 1 + u16::from(self.aux) + self.block.columns.len() as u16
    }

    /// Header labels with their column widths.
    fn labels(&self) -> Vec<(&str, f64)> {
        let mut out = Vec::new();
        if self.codes {
            out.push(("科目编码", 10.0));
        }
        out.push((if self.codes { "科目名称" } else { "项目" }, 32.0));
        if self.aux {
            out.push(("政府预算经济科目", 20.0));
        }
        out.extend(self.block.columns.iter().map(|c| (c.as_str(), 16.0)));
        out
    }
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
    // The label before the unit's name, as the report's family prints it.
    let issuer = yusuan_profile::issuer(&report.meta.profile);
    for (i, table) in report.tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(table, i, &mut taken))?;
        // Blocks side by side, as the templates print them: 收入 left of 支出.
        let mut next = 0u16;
        let bands: Vec<Band> = table
            .blocks
            .iter()
            .map(|block| {
                let band = Band {
                    block,
                    start: next,
                    codes: table.prints_codes && block.rows.iter().any(|r| r.code.is_some()),
                    aux: block.rows.iter().any(|r| r.aux.is_some()),
                };
                next += band.width();
                band
            })
            .collect();
        let width = next.max(4);
        ws.merge_range(0, 0, 0, width - 1, &table.title, &title)?;
        if let Some(label) = issuer {
            ws.write_string(1, 0, format!("{label}{}", report.meta.unit_name))?;
        }
        ws.write_string(1, width - 1, format!("单位：{}", table.unit.label()))?;
        let mut row: u32 = 2;
        if bands.iter().any(|b| b.block.side.is_some()) {
            for band in &bands {
                let label = band.block.side.map_or("", |s| s.label());
                let last = band.start + band.width() - 1;
                if last > band.start {
                    ws.merge_range(row, band.start, row, last, label, &head)?;
                } else {
                    ws.write_string_with_format(row, band.start, label, &head)?;
                }
            }
            row += 1;
        }
        // Two header rows where the template has them: 项目 over 科目编码 and 科目名称, a
        // group over the columns it gathers; a column without a group spans both rows.
        let groups: Vec<Vec<Option<String>>> = bands
            .iter()
            .map(|b| {
                b.block
                    .columns
                    .iter()
                    .map(|c| column_group(table.kind, c.as_str(), report.meta.year))
                    .collect()
            })
            .collect();
        let two_rows =
            bands.iter().any(|b| b.codes) || groups.iter().flatten().any(Option::is_some);
        let merge = |ws: &mut rust_xlsxwriter::Worksheet,
                     (r0, c0): (u32, u16),
                     (r1, c1): (u32, u16),
                     label: &str|
         -> Result<(), XlsxError> {
            if (r0, c0) == (r1, c1) {
                ws.write_string_with_format(r0, c0, label, &head)?;
            } else {
                ws.merge_range(r0, c0, r1, c1, label, &head)?;
            }
            Ok(())
        };
        for (band, groups) in bands.iter().zip(&groups) {
            let labels = band.labels();
            for (c, (_, w)) in labels.iter().enumerate() {
                ws.set_column_width(band.start + c as u16, *w)?;
            }
            if !two_rows {
                for (c, (label, _)) in labels.iter().enumerate() {
                    ws.write_string_with_format(row, band.start + c as u16, *label, &head)?;
                }
                continue;
            }
            let label_cols = labels.len() - band.block.columns.len();
            let last_label = band.start + label_cols as u16 - 1;
            if band.codes {
                merge(ws, (row, band.start), (row, last_label), "项目")?;
                for (c, (label, _)) in labels[..label_cols].iter().enumerate() {
                    ws.write_string_with_format(row + 1, band.start + c as u16, *label, &head)?;
                }
            } else {
                merge(ws, (row, band.start), (row + 1, last_label), labels[0].0)?;
            }
            let mut c = 0;
            while c < groups.len() {
                let col = last_label + 1 + c as u16;
                match &groups[c] {
                    None => {
                        merge(ws, (row, col), (row + 1, col), labels[label_cols + c].0)?;
                        c += 1;
                    }
                    Some(g) => {
                        let n = groups[c..]
                            .iter()
                            .take_while(|x| x.as_ref() == Some(g))
                            .count();
                        merge(ws, (row, col), (row, col + n as u16 - 1), g)?;
                        for k in 0..n {
                            let label = labels[label_cols + c + k].0;
                            ws.write_string_with_format(row + 1, col + k as u16, label, &head)?;
                        }
                        c += n;
                    }
                }
            }
        }
        if two_rows {
            row += 1;
        }
        ws.set_freeze_panes(row + 1, 0)?;
        row += 1;
        let height = bands.iter().map(|b| b.block.rows.len()).max().unwrap_or(0);
        for i in 0..height {
            for band in &bands {
                let mut col = band.start;
                let Some(r) = band.block.rows.get(i) else {
                    for c in col..col + band.width() {
                        ws.write_blank(row, c, &text)?;
                    }
                    continue;
                };
                if band.codes {
                    ws.write_string_with_format(row, col, r.code.as_deref().unwrap_or(""), &text)?;
                    col += 1;
                }
                ws.write_string_with_format(row, col, &r.name, &text)?;
                col += 1;
                if band.aux {
                    ws.write_string_with_format(row, col, r.aux.as_deref().unwrap_or(""), &text)?;
                    col += 1;
                }
                for c in 0..band.block.columns.len() {
                    match r.cell(c) {
                        // Two decimals are exact in the printed unit.
                        Some(p) => ws.write_number_with_format(
                            row,
                            col,
                            p.hundredths as f64 / 100.0,
                            &money,
                        )?,
                        None => ws.write_blank(row, col, &text)?,
                    };
                    col += 1;
                }
            }
            row += 1;
        }
        if let Some(note) = &table.empty_note {
            ws.write_string(row + 1, 0, note)?;
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
