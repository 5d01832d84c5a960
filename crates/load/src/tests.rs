//! One tiny input per error kind, with the message and location it must give.

use yusuan_catalog::Catalog;
use yusuan_model::Severity;

use super::*;

const UNIT: &str = r#"
[unit]
name = "测试单位"
kind = "行政"
year = 2024
profile = "shanxi"
"#;

const HEADER: &str = "func,econ,category,source,period,project,amount\n";

fn run(unit: &str, lines: &str, projects: Option<&str>) -> (Option<Budget>, Vec<String>) {
    let src = Sources {
        unit: ("unit.toml", unit),
        lines: ("lines.csv", lines),
        projects: projects.map(|p| ("projects.toml", p)),
        procurement: None,
        income: None,
        balances: None,
    };
    let (budget, diags) = parse_budget(&src, &Catalog::embedded());
    let shown = diags
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {}",
                d.severity.as_str(),
                d.rule,
                d.location,
                d.message
            )
        })
        .collect();
    (budget, shown)
}

fn errors(unit: &str, lines: &str) -> Vec<String> {
    let (budget, diags) = run(unit, lines, None);
    assert!(
        budget.is_none(),
        "an error must withhold the budget: {diags:?}"
    );
    diags
}

#[test]
fn a_good_budget_loads() {
    let lines = format!("{HEADER}2081101,30101,人员经费,一般公共预算,,,\"1,000.50\"\n2081102,30201,项目支出,一般公共预算,上年结转,培训,20\n");
    let (budget, diags) = run(UNIT, &lines, None);
    let budget = budget.expect("loads");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(budget.lines.len(), 2);
    assert_eq!(budget.total().fen(), 102_050);
    assert_eq!(budget.unit.year, 2024);
}

#[test]
fn bad_amount_is_located() {
    let lines = format!("{HEADER}2081101,30101,人员经费,一般公共预算,,,12.345\n");
    assert_eq!(errors(UNIT, &lines), ["error E-INPUT-AMOUNT lines.csv:2:7 金额「12.345」小数位超过两位（单位：元，最多两位小数）"]);
}

#[test]
fn bad_codes_and_labels_are_all_reported() {
    let lines = format!("{HEADER}20811,3010,人员,中央,明年,,1\n");
    let got = errors(UNIT, &lines);
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(
        got[0].starts_with("error E-INPUT-CODE lines.csv:2:1 功能分类科目「20811」是款级"),
        "{got:?}"
    );
    assert!(
        got[1].starts_with("error E-INPUT-CODE lines.csv:2:2 经济分类科目编码「3010」"),
        "{got:?}"
    );
    assert!(
        got[2].starts_with("error E-INPUT-VALUE lines.csv:2:3 支出类别「人员」无效"),
        "{got:?}"
    );
    assert!(
        got[3].starts_with("error E-INPUT-VALUE lines.csv:2:4 资金来源「中央」无效"),
        "{got:?}"
    );
    assert!(
        got[4].starts_with("error E-INPUT-VALUE lines.csv:2:5 资金期间「明年」无效"),
        "{got:?}"
    );
}

#[test]
fn project_lines_need_a_project() {
    let lines = format!("{HEADER}2081102,30201,项目支出,一般公共预算,,,5\n2081101,30101,人员经费,一般公共预算,,某项目,5\n");
    let got = errors(UNIT, &lines);
    assert_eq!(
        got[0],
        "error E-INPUT-PROJECT lines.csv:2:6 项目支出行必须填写项目名称（project 列）"
    );
    assert_eq!(
        got[1],
        "error E-INPUT-PROJECT lines.csv:3:6 人员经费行不应填写项目「某项目」"
    );
}

#[test]
fn ragged_rows_and_missing_headers() {
    let got = errors(UNIT, &format!("{HEADER}2081101,30101\n"));
    assert_eq!(
        got,
        ["error E-INPUT-CSV lines.csv:2:1 本行有2列，表头有7列"]
    );
    let got = errors(UNIT, "func,econ,amount\n");
    assert_eq!(
        got,
        ["error E-INPUT-HEADER lines.csv:1:1 表头缺少列：category、source"]
    );
}

#[test]
fn unknown_code_is_a_warning_not_an_error() {
    let lines = format!("{HEADER}2087654,30101,人员经费,一般公共预算,,,1\n2087654,30101,公用经费,一般公共预算,,,1\n");
    let (budget, diags) = run(UNIT, &lines, None);
    assert!(budget.is_some());
    assert_eq!(
        diags,
        ["warning W-CODE-UNKNOWN lines.csv:2:1 科目表中没有编码「2087654」"]
    );
}

#[test]
fn malformed_toml_is_located() {
    let got = errors("[unit]\nname = \"x\"\nkind = \"行政\nyear = 2024\n", HEADER);
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("error E-INPUT-TOML unit.toml:3:"),
        "{got:?}"
    );
    let got = errors(&UNIT.replace("kind = \"行政\"", "kind = \"机关\""), HEADER);
    assert_eq!(
        got,
        ["error E-INPUT-VALUE unit.toml:4:8 单位性质「机关」无效"]
    );
    let got = errors(
        &UNIT.replace("profile = \"shanxi\"", "profile = \"mars\""),
        HEADER,
    );
    assert_eq!(
        got,
        ["error E-INPUT-PROFILE unit.toml:6:11 未知的模板「mars」"]
    );
    let got = errors(&format!("{UNIT}colour = 1\n"), HEADER);
    assert!(got[0].contains("未知字段 `colour`"), "{got:?}");
    let got = errors(
        &format!("{UNIT}[prior]\nincome_total = \"1.2.3\"\n"),
        HEADER,
    );
    assert_eq!(
        got,
        ["error E-INPUT-AMOUNT unit.toml:8:16 金额「1.2.3」不是数字（单位：元）"]
    );
}

#[test]
fn projects_file_errors() {
    let lines = format!("{HEADER}2081102,30201,项目支出,一般公共预算,,甲,5\n");
    let projects = "[[project]]\nname = \"甲\"\ntype = \"其它\"\n[[project.indicator]]\nperiod = \"全年\"\nlevel1 = \"产出指标\"\nlevel2 = \"数量指标\"\nname = \"x\"\nvalue = \"1\"\n";
    let (budget, diags) = run(UNIT, &lines, Some(projects));
    assert!(budget.is_none());
    assert_eq!(
        diags,
        [
            "error E-INPUT-VALUE projects.toml:3:8 项目类型「其它」无效",
            "error E-INPUT-VALUE projects.toml:5:10 指标期间「全年」无效",
        ]
    );
    let (_, diags) = run(UNIT, &lines, Some("[[project]]\nname = \"乙\"\n"));
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(diags
        .iter()
        .all(|d| d.starts_with("warning W-INPUT-PROJECT")));
}

#[test]
fn severity_order_is_meaningful() {
    assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Note);
}

/// Like `run`, with the optional 决算 / 江苏 files.
fn run_with(
    unit: &str,
    lines: &str,
    income: Option<&str>,
    procurement: Option<&str>,
) -> (Option<Budget>, Vec<String>) {
    let src = Sources {
        unit: ("unit.toml", unit),
        lines: ("lines.csv", lines),
        projects: None,
        procurement: procurement.map(|p| ("procurement.csv", p)),
        income: income.map(|i| ("income.csv", i)),
        balances: None,
    };
    let (budget, diags) = parse_budget(&src, &Catalog::embedded());
    let shown = diags
        .iter()
        .map(|d| format!("{} {} {}", d.rule, d.location, d.message))
        .collect();
    (budget, shown)
}

#[test]
fn final_only_spending_is_refused_in_a_budget() {
    let lines = format!("{HEADER}2081101,30101,经营支出,一般公共预算,,,100\n");
    let diags = errors(UNIT, &lines);
    assert_eq!(
        diags,
        ["error E-INPUT-CATEGORY lines.csv:2:1 「经营支出」只出现在决算中，预算行不能使用"]
    );
}

#[test]
fn a_final_reads_its_income_and_balances() {
    let unit = UNIT.replace("profile = \"shanxi\"", "family = \"决算\"\nprofile = \"national-final\"")
        + "[balances]\nopening = { \"一般公共预算\" = \"10\", \"其他收入\" = \"5\" }\nclosing = { \"一般公共预算\" = \"10\" }\n";
    let lines = format!("{HEADER}2081101,30101,经营支出,一般公共预算,,,100\n");
    let income = "func,source,amount\n2081101,一般公共预算,100\n2081101,其他收入,5\n";
    let (budget, diags) = run_with(&unit, &lines, Some(income), None);
    let budget = budget.unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(budget.income.len(), 2);
    assert_eq!(
        budget
            .balances
            .opening
            .values()
            .map(|a| a.fen())
            .sum::<i64>(),
        1_500
    );
    // A bad source and a bad amount, each located in income.csv.
    let income = "source,func,amount\n火星,2081101,5\n一般公共预算,2081101,abc\n";
    let (budget, diags) = run_with(&unit, &lines, Some(income), None);
    assert!(budget.is_none());
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("E-INPUT-VALUE income.csv:2:1 资金来源「火星」无效")),
        "{diags:?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("E-INPUT-AMOUNT income.csv:3:3")),
        "{diags:?}"
    );
    let (_, diags) = run_with(&unit, &lines, Some("func,amount\n"), None);
    assert_eq!(diags, ["E-INPUT-HEADER income.csv:1:1 表头缺少列：source"]);
}

#[test]
fn procurement_lines_are_checked_against_the_stated_totals() {
    let lines = format!("{HEADER}2081101,30101,人员经费,一般公共预算,,,100\n");
    let csv = "kind,project,econ,item,method,amount\n货物,办公,办公设备购置,复印机,部门集中采购,80\n工艺,办公,办公设备购置,,部门集中采购,20\n";
    let (budget, diags) = run_with(UNIT, &lines, None, Some(csv));
    assert!(budget.is_none());
    assert!(
        diags
            .iter()
            .any(|d| d == "E-INPUT-VALUE procurement.csv:3:1 采购品目大类「工艺」无效"),
        "{diags:?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d == "E-INPUT-PROCUREMENT procurement.csv:3:4 政府采购行缺少采购物品名称"),
        "{diags:?}"
    );
    let unit = format!("{UNIT}[procurement]\ngoods = \"90\"\n");
    let csv =
        "kind,project,econ,item,method,amount\n货物,办公,办公设备购置,复印机,部门集中采购,80\n";
    let (budget, diags) = run_with(&unit, &lines, None, Some(csv));
    assert!(budget.is_none());
    assert_eq!(
        diags,
        ["E-INPUT-PROCUREMENT procurement.csv 货物类采购明细合计 80.00 元，与 unit.toml [procurement] 的 90.00 元不一致"]
    );
    // Without stated totals they are taken from the lines.
    let (budget, _) = run_with(UNIT, &lines, None, Some(csv));
    assert_eq!(
        budget.unwrap().procurement.goods.map(|a| a.fen()),
        Some(8_000)
    );
}

#[test]
fn a_final_reads_full_year_budgets_and_three_public_counts() {
    let unit = UNIT.replace("profile = \"shanxi\"", "family = \"决算\"\nprofile = \"national-final\"")
        + "[full_year_budget]\n\"2081101\" = \"120\"\n[three_public_counts]\nreceptions = 2\nreception_people = 15\n";
    let lines = format!("{HEADER}2081101,30101,人员经费,一般公共预算,,,100\n");
    let (budget, diags) = run_with(&unit, &lines, None, None);
    let budget = budget.unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(budget.full_year_budget["2081101"].fen(), 12_000);
    assert_eq!(budget.three_public_counts.receptions, Some(2));
    // A misspelt count is refused, not dropped.
    let bad = unit.replace("receptions = 2", "reception = 2");
    let (budget, diags) = run_with(&bad, &lines, None, None);
    assert!(budget.is_none());
    assert!(diags.iter().any(|d| d.contains("reception")), "{diags:?}");
}

#[test]
fn balances_by_item_must_add_up_to_the_stated_totals() {
    let unit = UNIT.replace(
        "profile = \"shanxi\"",
        "family = \"决算\"\nprofile = \"national-final\"",
    ) + "[balances]\nopening = { \"政府性基金预算\" = \"50\" }\n";
    let lines = format!("{HEADER}2081101,30101,人员经费,一般公共预算,,,100\n");
    let src = Sources {
        unit: ("unit.toml", &unit),
        lines: ("lines.csv", &lines),
        projects: None,
        procurement: None,
        income: None,
        balances: Some((
            "balances.csv",
            "func,source,opening,closing\n2081101,政府性基金预算,40,30\n",
        )),
    };
    let (budget, diags) = parse_budget(&src, &Catalog::embedded());
    assert!(budget.is_none());
    let shown: Vec<String> = diags
        .iter()
        .map(|d| format!("{} {}", d.rule, d.message))
        .collect();
    assert_eq!(
        shown,
        ["E-INPUT-BALANCE 政府性基金预算年初结转和结余按项合计 40.00 元，与 unit.toml [balances] 的 50.00 元不一致"]
    );
    // Without a stated total the rows give it: 年末 30.00.
    let unit = unit.replace(
        "[balances]\nopening = { \"政府性基金预算\" = \"50\" }\n",
        "",
    );
    let src = Sources {
        unit: ("unit.toml", &unit),
        ..src
    };
    let (budget, diags) = parse_budget(&src, &Catalog::embedded());
    let budget = budget.unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(
        budget.balances.closing[&yusuan_model::FundingSource::GovernmentFund].fen(),
        3_000
    );
}
