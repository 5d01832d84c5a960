//! Writes the budget workbook, empty (a template) or filled from a budget.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};
use yusuan_catalog::Catalog;
use yusuan_model::{Budget, FuncLevel};

use crate::{
    balance_fields, income_fields, indicator_fields, item_fields, line_fields, procurement_fields,
    project_fields, unit_fields, Field, IndicatorRow, ItemRow, Kind, Value, SHEET_BALANCES,
    SHEET_CODES, SHEET_GUIDE, SHEET_INCOME, SHEET_INDICATORS, SHEET_ITEMS, SHEET_LINES,
    SHEET_OVERVIEW, SHEET_PROCUREMENT, SHEET_PROJECTS, SHEET_UNIT,
};

/// Rows of the list sheets that carry drop-down validation (header excluded).
const INPUT_ROWS: u32 = 5000;

/// Formats shared by every sheet.
struct Formats {
    header: Format,
    text: Format,
    money: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color("DDEBF7")
                .set_border(FormatBorder::Thin),
            text: Format::new().set_num_format("@"),
            money: Format::new().set_num_format("#,##0.00"),
            note: Format::new().set_font_color("808080").set_text_wrap(),
        }
    }
}

/// The workbook: for `budget` filled in, otherwise empty with `year` and `profile`
/// pre-filled. Codes offered in the drop-down lists are the catalogue's.
pub fn template(
    catalog: &Catalog,
    year: u16,
    profile: &str,
    budget: Option<&Budget>,
) -> Result<Vec<u8>, XlsxError> {
    let year = budget.map_or(year, |b| b.unit.year);
    let f = Formats::new();
    let mut book = Workbook::new();

    guide(book.add_worksheet(), &f)?;

    let unit = book.add_worksheet().set_name(SHEET_UNIT)?;
    unit_sheet(unit, &f, year, profile, budget)?;

    let overview = book.add_worksheet().set_name(SHEET_OVERVIEW)?;
    overview.write_string_with_format(
        0,
        0,
        "单位概况（每段一行：主要职责、机构设置等）",
        &f.header,
    )?;
    overview.set_column_width(0, 120)?;
    overview.set_column_format(0, &Format::new().set_text_wrap())?;
    for (i, p) in budget.map_or(&[][..], |b| &b.overview).iter().enumerate() {
        overview.write_string(i as u32 + 1, 0, p)?;
    }

    let lines = book.add_worksheet().set_name(SHEET_LINES)?;
    let rows: Vec<&yusuan_model::Line> =
        budget.map(|b| b.lines.iter().collect()).unwrap_or_default();
    list_sheet(lines, &f, &line_fields(), &rows)?;

    let projects = book.add_worksheet().set_name(SHEET_PROJECTS)?;
    let rows: Vec<&yusuan_model::Project> = budget
        .map(|b| b.projects.iter().collect())
        .unwrap_or_default();
    list_sheet(projects, &f, &project_fields(), &rows)?;

    let indicators = book.add_worksheet().set_name(SHEET_INDICATORS)?;
    let rows: Vec<IndicatorRow> = budget
        .map(|b| {
            b.projects
                .iter()
                .flat_map(|p| {
                    p.indicators.iter().map(|i| IndicatorRow {
                        project: p.name.clone(),
                        indicator: i.clone(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let refs: Vec<&IndicatorRow> = rows.iter().collect();
    list_sheet(indicators, &f, &indicator_fields(), &refs)?;
    // The 项目名称 of an indicator comes from the 项目 sheet.
    let names = DataValidation::new()
        .allow_list_formula(Formula::new(format!(
            "='{SHEET_PROJECTS}'!$A$2:$A${}",
            INPUT_ROWS + 1
        )))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_message("项目名称应与「项目」表中的一致")?;
    indicators.add_data_validation(1, 0, INPUT_ROWS, 0, &names)?;

    let items = book.add_worksheet().set_name(SHEET_ITEMS)?;
    let rows: Vec<ItemRow> = budget.map(ItemRow::of).unwrap_or_default();
    let refs: Vec<&ItemRow> = rows.iter().collect();
    list_sheet(items, &f, &item_fields(), &refs)?;
    items.set_column_width(1, 60)?;
    items.set_column_width(5, 60)?;

    let balances = book.add_worksheet().set_name(SHEET_BALANCES)?;
    let rows: Vec<&yusuan_model::ItemBalance> = budget
        .map(|b| b.item_balances.iter().collect())
        .unwrap_or_default();
    list_sheet(balances, &f, &balance_fields(), &rows)?;

    let income = book.add_worksheet().set_name(SHEET_INCOME)?;
    let rows: Vec<&yusuan_model::IncomeLine> = budget
        .map(|b| b.income.iter().collect())
        .unwrap_or_default();
    list_sheet(income, &f, &income_fields(), &rows)?;

    let procurement = book.add_worksheet().set_name(SHEET_PROCUREMENT)?;
    let rows: Vec<&yusuan_model::ProcurementItem> = budget
        .map(|b| b.procurement_items.iter().collect())
        .unwrap_or_default();
    list_sheet(procurement, &f, &procurement_fields(), &rows)?;

    let codes = book.add_worksheet().set_name(SHEET_CODES)?;
    codes_sheet(codes, &f, catalog, year)?;

    book.save_to_buffer()
}

fn guide(sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_GUIDE)?;
    sheet.set_column_width(0, 110)?;
    let lines = [
        "预算公开填报工作簿（yusuan）",
        "",
        "1. 「单位信息」：逐项填写单位名称、性质、年度、公开模板和上年数；金额单位为元，最多两位小数。",
        "2. 「单位概况」：每段一行，生成报告第一部分。",
        "3. 「预算明细」：每行一笔预算，按功能分类（项级7位编码）、经济分类（款级5位编码）、支出类别、资金来源、资金期间填写；项目支出须填项目名称。",
        "4. 「项目」：每个项目一行，即项目支出绩效目标表的表头部分。",
        "5. 「绩效指标」：每个指标一行，项目名称与「项目」表一致，期间为实施期或年度。",
        "6. 「科目说明」：逐个功能分类项级科目的主要用途、上年数、年初/全年预算数（决算）和增减或差异原因，说明逐项列出时填写，可不填。",
        "7. 「收入明细」：决算的本年收入，按功能分类项级科目和收入来源逐行填写；预算不填。「结转结余明细」：决算中按项列示的年初、年末结转和结余（政府性基金、国有资本经营预算表），可不填。",
        "8. 「政府采购明细」：江苏模板的政府采购支出预算表，每行一个采购品目（品目大类、专项名称、经济科目、物品名称、组织形式、金额），其他模板可不填。",
        "9. 「科目表」：可选的功能分类和经济分类编码，供下拉选择。",
        "",
        "填好后运行：yusuan build 本文件.xlsx -o 输出目录",
        "出错时提示会指出工作表和单元格，如「预算明细!G5」。",
    ];
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            sheet.write_string_with_format(0, 0, *line, &f.header)?;
        } else {
            sheet.write_string(i as u32, 0, *line)?;
        }
    }
    Ok(())
}

fn unit_sheet(
    sheet: &mut Worksheet,
    f: &Formats,
    year: u16,
    profile: &str,
    budget: Option<&Budget>,
) -> Result<(), XlsxError> {
    for (col, title) in ["项目", "填写", "说明"].into_iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &f.header)?;
    }
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 60)?;
    sheet.set_column_width(2, 40)?;
    sheet.set_freeze_panes(1, 0)?;
    for (i, field) in unit_fields().iter().enumerate() {
        let row = i as u32 + 1;
        let label = if field.required {
            format!("{}*", field.label)
        } else {
            field.label.to_owned()
        };
        sheet.write_string(row, 0, label)?;
        sheet.write_string_with_format(row, 2, field.note, &f.note)?;
        let value = match budget {
            Some(b) => (field.get)(b),
            None => match field.key {
                "unit.year" => Value::Count(Some(year.into())),
                "unit.profile" => Value::Text(profile.to_owned()),
                "unit.family" => Value::Text(
                    yusuan_profile::profile(profile)
                        .map_or("预算", |p| p.family.label())
                        .to_owned(),
                ),
                "unit.scope" => Value::Text("单位".to_owned()),
                _ => Value::Text(String::new()),
            },
        };
        write_value(sheet, f, row, 1, value)?;
        if let Some(v) = validation(field.kind, field.label)? {
            sheet.add_data_validation(row, 1, row, 1, &v)?;
        }
    }
    Ok(())
}

/// A sheet with one header row of labels and one record per row below it.
fn list_sheet<T>(
    sheet: &mut Worksheet,
    f: &Formats,
    fields: &[Field<T>],
    rows: &[&T],
) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_row_height(0, 32)?;
    for (col, field) in fields.iter().enumerate() {
        let col16 = col as u16;
        let label = if field.required {
            format!("{}*", field.label)
        } else {
            field.label.to_owned()
        };
        sheet.write_string_with_format(0, col16, label, &f.header)?;
        let width = match field.kind {
            Kind::Text if field.key.len() > 8 || field.key == "overview" => 30,
            Kind::Money => 16,
            _ => 18,
        };
        sheet.set_column_width(col16, width)?;
        match field.kind {
            Kind::Money => sheet.set_column_format(col16, &f.money)?,
            _ => sheet.set_column_format(col16, &f.text)?,
        };
        if let Some(v) = validation(field.kind, field.label)? {
            sheet.add_data_validation(1, col16, INPUT_ROWS, col16, &v)?;
        }
        for (i, row) in rows.iter().enumerate() {
            write_value(sheet, f, i as u32 + 1, col16, (field.get)(row))?;
        }
    }
    Ok(())
}

fn write_value(
    sheet: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    value: Value,
) -> Result<(), XlsxError> {
    match value {
        Value::Text(s) if s.is_empty() => {}
        Value::Text(s) => {
            sheet.write_string_with_format(row, col, s, &f.text)?;
        }
        Value::Money(Some(a)) => {
            // Exact: amounts below 2^53 fen are whole numbers of fen over 100.
            sheet.write_number_with_format(row, col, a.fen() as f64 / 100.0, &f.money)?;
        }
        Value::Count(Some(n)) => {
            sheet.write_number(row, col, n as f64)?;
        }
        Value::Money(None) | Value::Count(None) => {}
    }
    Ok(())
}

/// The drop-down list or number rule of a field.
fn validation(kind: Kind, label: &str) -> Result<Option<DataValidation>, XlsxError> {
    let list = |formula: String| {
        DataValidation::new()
            .allow_list_formula(Formula::new(formula))
            .set_error_style(DataValidationErrorStyle::Warning)
    };
    let v = match kind {
        Kind::Choice(values) => DataValidation::new()
            .allow_list_strings(&values())?
            .set_error_title(label)?
            .set_error_message(format!("请从下拉列表中选择：{}", values().join(" / ")))?,
        // A code missing from the list may still be right (a newer catalogue): warn only.
        Kind::FuncCode => list(format!("='{SHEET_CODES}'!$A$2:$A${}", CODE_ROWS))
            .set_error_message("科目表中没有这个功能分类编码，请核对")?,
        Kind::EconCode => list(format!("='{SHEET_CODES}'!$C$2:$C${}", CODE_ROWS))
            .set_error_message("科目表中没有这个经济分类编码，请核对")?,
        Kind::Money | Kind::Text | Kind::Count | Kind::CountList => return Ok(None),
    };
    Ok(Some(v))
}

/// Rows the code lists may fill on the 科目表 sheet.
const CODE_ROWS: u32 = 2001;

fn codes_sheet(
    sheet: &mut Worksheet,
    f: &Formats,
    catalog: &Catalog,
    year: u16,
) -> Result<(), XlsxError> {
    let heads = ["功能分类编码（项）", "名称", "经济分类编码（款）", "名称"];
    for (col, title) in heads.into_iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &f.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (col, width) in [18, 36, 18, 36].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    let func: Vec<(String, String)> = catalog
        .func_codes(FuncLevel::Xiang)
        .into_iter()
        .filter_map(|c| {
            let code = yusuan_model::FuncCode::parse(c).ok()?;
            let name = catalog.func(&code, year)?.name.to_owned();
            Some((c.to_owned(), name))
        })
        .collect();
    let econ: Vec<(String, String)> = catalog
        .econ_codes()
        .into_iter()
        .filter_map(|c| {
            let code = yusuan_model::EconCode::parse(c).ok()?;
            let name = catalog.econ(&code, year)?.name.to_owned();
            Some((c.to_owned(), name))
        })
        .collect();
    for (col, list) in [(0u16, &func), (2, &econ)] {
        for (i, (code, name)) in list.iter().take(CODE_ROWS as usize - 1).enumerate() {
            sheet.write_string_with_format(i as u32 + 1, col, code, &f.text)?;
            sheet.write_string(i as u32 + 1, col + 1, name)?;
        }
    }
    Ok(())
}
