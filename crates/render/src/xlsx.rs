//! XLSX: one sheet per table with its heading and headers, numbers stored as numbers
//! with two decimals, frozen header rows; and one tidy data sheet (`数据`).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use yusuan_model::{Block, Report, Table};
use yusuan_profile::Labels;

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

    /// The widths of its columns.
    fn widths(&self) -> Vec<f64> {
        let mut out = Vec::new();
        if self.codes {
            out.push(10.0);
        }
        out.push(32.0);
        if self.aux {
            out.push(20.0);
        }
        out.extend(self.block.columns.iter().map(|_| 16.0));
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
    // The label before the unit's name and the headers, as the report's family prints them.
    let profile = yusuan_profile::profile(&report.meta.profile);
    let issuer = yusuan_profile::issuer_of(profile.as_ref());
    for (i, table) in report.tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(table, i, &mut taken))?;
        // Printed as the family sets the table: on A4, upright or landscape, one page wide,
        // the header rows repeated on every page.
        let upright = profile
            .as_ref()
            .and_then(|p| p.tables.iter().find(|s| s.kind == table.kind))
            .is_some_and(|s| s.portrait);
        if upright {
            ws.set_portrait();
        } else {
            ws.set_landscape();
        }
        ws.set_paper_size(9); // A4
        ws.set_print_fit_to_pages(1, 0);
        // Blocks side by side, as the templates print them: 收入 left of 支出.
        let mut next = 0u16;
        let bands: Vec<Band> = table
            .blocks
            .iter()
            .map(|block| {
                let Labels { codes, aux } = Labels::of(table, block);
                let band = Band {
                    block,
                    start: next,
                    codes,
                    aux,
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
        // The header the family prints (`yusuan_profile::header`), a cell spanning the
        // columns and rows it heads.
        let blocks: Vec<usize> = (0..table.blocks.len()).collect();
        let header =
            yusuan_profile::header::header(profile.as_ref(), table, &blocks, report.meta.year);
        for band in &bands {
            for (c, w) in band.widths().into_iter().enumerate() {
                ws.set_column_width(band.start + c as u16, w)?;
            }
        }
        for cell in &header.cells {
            let (r0, c0) = (2 + cell.row as u32, cell.col as u16);
            let (r1, c1) = (r0 + cell.rows as u32 - 1, c0 + cell.cols as u16 - 1);
            if (r0, c0) == (r1, c1) {
                ws.write_string_with_format(r0, c0, &cell.label, &head)?;
            } else {
                ws.merge_range(r0, c0, r1, c1, &cell.label, &head)?;
            }
        }
        let mut row = 2 + header.depth.max(1) as u32 - 1;
        ws.set_freeze_panes(row + 1, 0)?;
        ws.set_repeat_rows(2, row)?;
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
