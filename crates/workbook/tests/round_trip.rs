//! The budget workbook as an officer uses it: take the empty template, type the example's
//! figures into it under the template's own headers, build, and get the same report as
//! the directory format gives.
//!
//! The filling works from the example's source files (`unit.toml`, `lines.csv`,
//! `projects.toml`) read as plain TOML and CSV, and from the labels the template prints;
//! it does not use the workbook writer's `--from` mode, so a mismatch between what the
//! template asks for and what the reader expects shows up here.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Workbook, Worksheet};
use yusuan_catalog::Catalog;
use yusuan_model::{Budget, Diagnostic};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

/// Form label (without the `*` of required fields) → key in the example's files.
const UNIT_LABELS: &[(&str, &str)] = &[
    ("单位名称", "unit.name"),
    ("单位编码", "unit.code"),
    ("单位性质", "unit.kind"),
    ("预算年度", "unit.year"),
    ("报告类别", "unit.family"),
    ("报告范围", "unit.scope"),
    ("公开模板", "unit.profile"),
    ("上年收入总计（元）", "prior.income_total"),
    ("上年支出总计（元）", "prior.expenditure_total"),
    ("上年财政拨款收支总计（元）", "prior.fiscal_total"),
    (
        "上年一般公共预算当年拨款（元）",
        "prior.general_budget_current",
    ),
    ("上年机关运行经费（元）", "prior.admin_running_cost"),
    ("上年因公出国（境）费（元）", "prior.three_public.outbound"),
    ("上年公务接待费（元）", "prior.three_public.reception"),
    (
        "上年公务用车购置费（元）",
        "prior.three_public.vehicle_purchase",
    ),
    (
        "上年公务用车运行维护费（元）",
        "prior.three_public.vehicle_operation",
    ),
    ("政府采购预算：货物（元）", "procurement.goods"),
    ("政府采购预算：工程（元）", "procurement.works"),
    ("政府采购预算：服务（元）", "procurement.services"),
    ("面向中小企业预留（元）", "procurement.reserved_sme"),
    ("资产统计截止日期", "assets.as_of"),
    ("公务用车实有（辆）", "assets.vehicles"),
    ("单价50万元以上设备（台/套）", "assets.equipment_over_1m"),
    ("本年拟购置公务用车（辆）", "assets.new_vehicles"),
    ("收支总额增减原因", "reasons.total_change"),
    ("一般公共预算拨款增减原因", "reasons.general_budget_change"),
    ("“三公”经费增减原因", "reasons.three_public_change"),
    ("机关运行经费增减原因", "reasons.admin_running_cost_change"),
    (
        "决算：年初结转和结余·一般公共预算（元）",
        "balances.opening.\"一般公共预算\"",
    ),
    (
        "决算：年初结转和结余·政府性基金预算（元）",
        "balances.opening.\"政府性基金预算\"",
    ),
    (
        "决算：年初结转和结余·国有资本经营预算（元）",
        "balances.opening.\"国有资本经营预算\"",
    ),
    (
        "决算：年初结转和结余·非财政拨款（元）",
        "balances.opening.\"其他收入\"",
    ),
    (
        "决算：年末结转和结余·一般公共预算（元）",
        "balances.closing.\"一般公共预算\"",
    ),
    (
        "决算：年末结转和结余·政府性基金预算（元）",
        "balances.closing.\"政府性基金预算\"",
    ),
    (
        "决算：年末结转和结余·国有资本经营预算（元）",
        "balances.closing.\"国有资本经营预算\"",
    ),
    (
        "决算：年末结转和结余·非财政拨款（元）",
        "balances.closing.\"其他收入\"",
    ),
    ("决算：使用非财政拨款结余（元）", "balances.non_fiscal_used"),
    ("决算：结余分配（元）", "balances.distribution"),
    (
        "决算：因公出国（境）费预算数（元）",
        "three_public_budget.outbound",
    ),
    (
        "决算：公务接待费预算数（元）",
        "three_public_budget.reception",
    ),
    (
        "决算：公务用车购置费预算数（元）",
        "three_public_budget.vehicle_purchase",
    ),
    (
        "决算：公务用车运行维护费预算数（元）",
        "three_public_budget.vehicle_operation",
    ),
    (
        "决算：因公出国（境）团组（个）",
        "three_public_counts.outbound_groups",
    ),
    (
        "决算：因公出国（境）人次",
        "three_public_counts.outbound_people",
    ),
    (
        "决算：公务用车购置（辆）",
        "three_public_counts.vehicles_bought",
    ),
    (
        "决算：公务用车保有量（辆）",
        "three_public_counts.vehicles_held",
    ),
    (
        "决算：国内公务接待（批次）",
        "three_public_counts.receptions",
    ),
    (
        "决算：国内公务接待人次",
        "three_public_counts.reception_people",
    ),
    (
        "决算：外事接待（批次）",
        "three_public_counts.foreign_receptions",
    ),
    (
        "决算：外事接待人次",
        "three_public_counts.foreign_reception_people",
    ),
    (
        "决算：政府采购面向小微企业预留（元）",
        "procurement.reserved_micro",
    ),
    (
        "决算：政府采购中小企业中标或成交（预留项目）（元）",
        "procurement.awarded_sme",
    ),
    (
        "决算：政府采购小微企业中标或成交（预留项目）（元）",
        "procurement.awarded_micro",
    ),
    (
        "决算：政府采购中小企业中标或成交（其他项目）（元）",
        "procurement.awarded_sme_other",
    ),
    ("决算：编报绩效目标的项目（个）", "performance.targets"),
    (
        "决算：编报绩效目标的项目金额（元）",
        "performance.targets_amount",
    ),
    ("决算：绩效跟踪的项目（个）", "performance.tracked"),
    (
        "决算：绩效跟踪的项目金额（元）",
        "performance.tracked_amount",
    ),
    ("决算：绩效自评的项目（个）", "performance.evaluated"),
    (
        "决算：绩效自评的项目金额（元）",
        "performance.evaluated_amount",
    ),
    ("决算：绩效评级为优（个）", "performance.excellent"),
    ("决算：绩效评级为良（个）", "performance.good"),
    ("决算：绩效评级为合格（个）", "performance.pass"),
    ("决算：绩效评级为不合格（个）", "performance.fail"),
    ("决算：自评发现问题（个）", "performance.problems"),
    ("决算：已完成整改（个）", "performance.fixed"),
    ("决算：正在整改（个）", "performance.fixing"),
    (
        "决算：车辆按用途（名称 数量，以顿号分隔）",
        "assets.vehicles_by_use",
    ),
    ("决算：绩效自评平均得分", "performance.average_score"),
    (
        "决算：一般公共预算决算与年初预算差异原因",
        "reasons.final_against_budget",
    ),
];

const INCOME_LABELS: &[(&str, &str)] = &[
    ("功能分类科目（项级编码）", "func"),
    ("收入来源", "source"),
    ("金额（元）", "amount"),
];

/// The 科目说明 columns and the unit.toml tables they fill, keyed by the code.
const ITEM_LABELS: &[(&str, &str)] = &[
    ("主要用于", "purposes"),
    ("上年数（元）", "prior_items"),
    ("年初预算数（元）", "initial_budget"),
    ("全年预算数（元）", "full_year_budget"),
    ("增减或差异原因", "item_reasons"),
];

const LINE_LABELS: &[(&str, &str)] = &[
    ("功能分类科目（项级编码）", "func"),
    ("经济分类科目（款级编码）", "econ"),
    ("支出类别", "category"),
    ("资金来源", "source"),
    ("资金期间", "period"),
    ("项目名称", "project"),
    ("金额（元）", "amount"),
];

const PROCUREMENT_LABELS: &[(&str, &str)] = &[
    ("采购品目大类", "kind"),
    ("专项名称", "project"),
    ("经济科目", "econ"),
    ("采购物品名称", "item"),
    ("采购组织形式", "method"),
    ("金额（元）", "amount"),
];

const PROJECT_LABELS: &[(&str, &str)] = &[
    ("项目名称", "name"),
    ("主管部门及代码", "department"),
    ("实施单位", "implementer"),
    ("项目属性", "attribute"),
    ("项目期", "duration"),
    ("项目类型", "type"),
    ("功能分类科目", "func"),
    ("项目概况", "overview"),
    ("立项依据", "basis"),
    ("项目设立必要性", "necessity"),
    ("保证项目实施的制度、措施", "measures"),
    ("项目实施计划", "plan"),
    ("总体目标（实施期）", "goal_total"),
    ("总体目标（年度）", "goal_annual"),
    ("填报日期", "filled_date"),
    ("实施期资金总额（元）", "funds_total.total"),
    ("实施期中央财政资金（元）", "funds_total.central"),
    ("实施期省级财政资金（元）", "funds_total.provincial"),
    ("实施期市县财政资金（元）", "funds_total.local"),
    ("实施期单位自筹（元）", "funds_total.self_raised"),
    ("实施期其他资金（元）", "funds_total.other"),
    ("年度资金总额（元）", "funds_annual.total"),
    ("年度中央财政资金（元）", "funds_annual.central"),
    ("年度省级财政资金（元）", "funds_annual.provincial"),
    ("年度市县财政资金（元）", "funds_annual.local"),
    ("年度单位自筹（元）", "funds_annual.self_raised"),
    ("年度其他资金（元）", "funds_annual.other"),
];

const INDICATOR_LABELS: &[(&str, &str)] = &[
    ("项目名称", "project"),
    ("期间", "period"),
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("指标值", "value"),
];

type Grid = Vec<Vec<Data>>;

/// The template's sheets, in order, as grids of cells.
fn template_sheets(bytes: &[u8]) -> Vec<(String, Grid)> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let grid = range.rows().map(|r| r.to_vec()).collect();
            (name, grid)
        })
        .collect()
}

fn label(data: &Data) -> String {
    data.to_string().trim_end_matches('*').to_owned()
}

fn lookup<'a>(table: &[(&str, &'a str)], label: &str) -> &'a str {
    table
        .iter()
        .find(|(l, _)| *l == label)
        .unwrap_or_else(|| panic!("the template has a column the test does not know: {label}"))
        .1
}

/// A TOML value at a dotted path.
fn at<'a>(value: &'a toml::Value, path: &str) -> Option<&'a toml::Value> {
    path.split('.')
        .try_fold(value, |v, k| v.get(k.trim_matches('"')))
}

/// Types a value the way an officer would: amounts and codes as numbers, the rest as text.
fn type_in(sheet: &mut Worksheet, row: u32, col: u16, key: &str, value: &toml::Value) {
    let numeric = key.ends_with("total")
        || key.contains("funds_")
        || key.starts_with("prior")
        || key.starts_with("procurement")
        || key.starts_with("balances")
        || key.starts_with("three_public_budget")
        || key.ends_with("_amount")
        || matches!(key, "amount" | "func" | "econ");
    match value {
        toml::Value::String(s) if s.is_empty() => {}
        toml::Value::String(s) if numeric && s.parse::<f64>().is_ok() => {
            sheet
                .write_number(row, col, s.parse::<f64>().unwrap())
                .unwrap();
        }
        toml::Value::String(s) => {
            sheet.write_string(row, col, s).unwrap();
        }
        toml::Value::Integer(n) => {
            sheet.write_number(row, col, *n as f64).unwrap();
        }
        // Named counts, typed into one cell as the sheet's note asks.
        toml::Value::Array(pairs) => {
            let text: Vec<String> = pairs
                .iter()
                .map(|p| format!("{} {}", p[0].as_str().unwrap(), p[1].as_integer().unwrap()))
                .collect();
            sheet.write_string(row, col, text.join("、")).unwrap();
        }
        other => panic!("unexpected value {other}"),
    }
}

/// Copies a template sheet (labels and all) into `sheet`.
fn copy(sheet: &mut Worksheet, grid: &Grid) {
    for (r, row) in grid.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Data::String(s) => {
                    sheet.write_string(r as u32, c as u16, s).unwrap();
                }
                Data::Float(f) => {
                    sheet.write_number(r as u32, c as u16, *f).unwrap();
                }
                Data::Empty => {}
                other => panic!("unexpected template cell {other:?}"),
            }
        }
    }
}

/// The empty template, filled from the example directory `name`.
fn filled(name: &str, edit: impl Fn(&str, &mut Worksheet)) -> Vec<u8> {
    let dir = example(name);
    let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
    let unit: toml::Value = toml::from_str(&read("unit.toml")).unwrap();
    let projects: toml::Value = match std::fs::read_to_string(dir.join("projects.toml")) {
        Ok(text) => toml::from_str(&text).unwrap(),
        Err(_) => toml::from_str("project = []").unwrap(),
    };
    let year = at(&unit, "unit.year").unwrap().as_integer().unwrap() as u16;
    let template = yusuan_workbook::template(&Catalog::embedded(), year, "shanxi", None).unwrap();

    let mut book = Workbook::new();
    for (sheet_name, grid) in template_sheets(&template) {
        let sheet = book.add_worksheet();
        sheet.set_name(&sheet_name).unwrap();
        copy(sheet, &grid.iter().take(1).cloned().collect());
        let header: Vec<String> = grid
            .first()
            .map_or(vec![], |r| r.iter().map(label).collect());
        match sheet_name.as_str() {
            "单位信息" => {
                copy(sheet, &grid);
                for (r, row) in grid.iter().enumerate().skip(1) {
                    let key = lookup(UNIT_LABELS, &label(&row[0]));
                    if let Some(v) = at(&unit, key) {
                        type_in(sheet, r as u32, 1, key, v);
                    }
                }
            }
            "单位概况" => {
                for (i, p) in unit["overview"].as_array().unwrap().iter().enumerate() {
                    sheet
                        .write_string(i as u32 + 1, 0, p.as_str().unwrap())
                        .unwrap();
                }
            }
            "预算明细" | "政府采购明细" | "收入明细" => {
                let (file, labels) = match sheet_name.as_str() {
                    "预算明细" => ("lines.csv", LINE_LABELS),
                    "收入明细" => ("income.csv", INCOME_LABELS),
                    _ => ("procurement.csv", PROCUREMENT_LABELS),
                };
                let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
                    edit(&sheet_name, sheet);
                    continue;
                };
                let mut csv = csv::Reader::from_reader(text.as_bytes());
                let heads = csv.headers().unwrap().clone();
                for (i, record) in csv.records().enumerate() {
                    let record = record.unwrap();
                    for (c, head) in header.iter().enumerate() {
                        let Some(key) = labels.iter().find(|(l, _)| l == head).map(|p| p.1) else {
                            continue;
                        };
                        let k = heads.iter().position(|h| h == key).unwrap();
                        let value = toml::Value::String(record[k].to_owned());
                        type_in(sheet, i as u32 + 1, c as u16, key, &value);
                    }
                }
            }
            "项目" => {
                for (i, p) in projects["project"].as_array().unwrap().iter().enumerate() {
                    for (c, head) in header.iter().enumerate() {
                        let key = lookup(PROJECT_LABELS, head);
                        if let Some(v) = at(p, key) {
                            type_in(sheet, i as u32 + 1, c as u16, key, v);
                        }
                    }
                }
            }
            "绩效指标" => {
                let mut r = 1;
                for p in projects["project"].as_array().unwrap() {
                    for ind in p
                        .get("indicator")
                        .and_then(|v| v.as_array())
                        .unwrap_or(&vec![])
                    {
                        for (c, head) in header.iter().enumerate() {
                            let key = lookup(INDICATOR_LABELS, head);
                            let v = if key == "project" {
                                &p["name"]
                            } else {
                                &ind[key]
                            };
                            type_in(sheet, r, c as u16, key, v);
                        }
                        r += 1;
                    }
                }
            }
            "科目说明" => {
                // One row per code any per-项 table of unit.toml names, each in its column.
                let empty = toml::value::Table::new();
                let table = |name: &str| {
                    unit.get(name)
                        .and_then(|v| v.as_table())
                        .unwrap_or(&empty)
                        .clone()
                };
                let mut codes: Vec<String> = ITEM_LABELS
                    .iter()
                    .flat_map(|(_, t)| table(t).keys().cloned().collect::<Vec<_>>())
                    .collect();
                codes.sort();
                codes.dedup();
                for (i, code) in codes.iter().enumerate() {
                    let r = i as u32 + 1;
                    for (c, head) in header.iter().enumerate() {
                        if head.starts_with("功能分类科目") {
                            // Typed as a number, as a code usually is.
                            sheet
                                .write_number(r, c as u16, code.parse::<f64>().unwrap())
                                .unwrap();
                            continue;
                        }
                        let name = lookup(ITEM_LABELS, head);
                        if let Some(v) = table(name).get(code) {
                            let key = if name == "purposes" || name == "item_reasons" {
                                "text"
                            } else {
                                "amount"
                            };
                            type_in(sheet, r, c as u16, key, v);
                        }
                    }
                }
            }
            _ => copy(sheet, &grid),
        }
        edit(&sheet_name, sheet);
    }
    book.save_to_buffer().unwrap()
}

fn from_dir(name: &str) -> Budget {
    let (budget, diags) = yusuan_load::load_budget_dir(&example(name), &Catalog::embedded());
    budget.unwrap_or_else(|| panic!("{diags:?}"))
}

fn from_book(bytes: &[u8]) -> (Option<Budget>, Vec<Diagnostic>) {
    yusuan_workbook::read("填报.xlsx", bytes, &Catalog::embedded())
}

fn same_report(name: &str) {
    let (budget, diags) = from_book(&filled(name, |_, _| {}));
    let budget = budget.unwrap_or_else(|| panic!("{diags:#?}"));
    let expected = from_dir(name);
    assert_eq!(budget, expected);
    let catalog = Catalog::embedded();
    let profile = yusuan_profile::profile(&expected.unit.profile).unwrap();
    let (a, _) = yusuan_derive::derive(&budget, &profile, &catalog);
    let (b, _) = yusuan_derive::derive(&expected, &profile, &catalog);
    assert_eq!(a, b);
}

#[test]
fn changzhi_workbook_builds_the_same_report_as_its_directory() {
    same_report("changzhi-cdpf-2024");
}

#[test]
fn putuo_workbook_builds_the_same_report_as_its_directory() {
    same_report("putuo-zfbgs-2025");
}

#[test]
fn jiangsu_workbook_builds_the_same_report_as_its_directory() {
    // Its 政府采购 lines go through the 政府采购明细 sheet.
    same_report("jiangsu-jiancha-2019");
}

#[test]
fn a_final_workbook_builds_the_same_report_as_its_directory() {
    // Income, balances, 年初预算 and reasons go through 收入明细, 单位信息 and 科目说明.
    same_report("putuo-caizheng-2024-final");
}

#[test]
fn errors_point_to_the_sheet_and_cell() {
    let bytes = filled("changzhi-cdpf-2024", |sheet_name, sheet| match sheet_name {
        // G3: amount with three decimals; C4: a category not in the list.
        "预算明细" => {
            sheet.write_number(2, 6, 12.345).unwrap();
            sheet.write_string(3, 2, "人头费").unwrap();
        }
        "单位信息" => {
            // 预算年度 is row 5 (B5).
            sheet.write_string(4, 1, "二〇二四").unwrap();
        }
        "绩效指标" => {
            sheet.write_string(1, 0, "不存在的项目").unwrap();
        }
        _ => {}
    });
    let (budget, diags) = from_book(&bytes);
    assert!(budget.is_none());
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    let has = |cell: &str, text: &str| {
        assert!(
            shown.iter().any(|d| d.contains(cell) && d.contains(text)),
            "no diagnostic at {cell} saying {text}:\n{}",
            shown.join("\n")
        );
    };
    has("填报.xlsx 预算明细!G3", "超过两位小数");
    has("填报.xlsx 预算明细!C4", "支出类别「人头费」无效");
    has("填报.xlsx 单位信息!B5", "类型不对");
    has("填报.xlsx 绩效指标!A2", "不在「项目」表中");
}

#[test]
fn the_template_offers_drop_down_lists() {
    let bytes = yusuan_workbook::template(&Catalog::embedded(), 2024, "shanxi", None).unwrap();
    let sheets = template_sheets(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "填表说明",
            "单位信息",
            "单位概况",
            "预算明细",
            "项目",
            "绩效指标",
            "科目说明",
            "结转结余明细",
            "收入明细",
            "政府采购明细",
            "科目表"
        ]
    );
    // The code lists hold the catalogue's codes with their names.
    let codes = &sheets.iter().find(|(n, _)| n == "科目表").unwrap().1;
    assert!(codes
        .iter()
        .any(|r| r[0] == Data::String("2081104".into()) && r[1].to_string().contains("残疾人")));
    assert!(codes
        .iter()
        .any(|r| r[2] == Data::String("30101".into()) && r[3] == Data::String("基本工资".into())));

    // Validation lives in the sheet XML; calamine does not read it.
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet4.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    for list in [
        "'科目表'!$A$2:$A$",
        "'科目表'!$C$2:$C$",
        "\"人员经费,公用经费,项目支出,单位预留机动经费,上缴上级支出,经营支出,对附属单位补助支出\"",
        "一般公共预算,政府性基金预算",
        "\"当年,上年结转\"",
    ] {
        let list = list.replace('"', "&quot;");
        assert!(
            xml.contains(&list) || xml.contains(&list.replace("&quot;", "\"")),
            "预算明细 has no list {list}"
        );
    }
}
