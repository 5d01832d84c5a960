//! For random consistent budgets, the identities between derived tables hold exactly in
//! fen, and nothing depends on the order of the lines.
//!
//! Tables are derived with every unit set to 元, where a printed figure is the exact
//! amount, so any identity that fails here is a derivation bug, not rounding.

use proptest::prelude::*;
use yusuan_catalog::Catalog;
use yusuan_derive::{derive, synthetic};
use yusuan_model::{
    Amount, Budget, Category, EconCode, FuncCode, FuncLevel, FundingSource, Line, MoneyUnit,
    Period, Report, Side, TableKind, UnitKind,
};
use yusuan_profile::Profile;

fn exact(id: &str) -> Profile {
    let mut p = yusuan_profile::profile(id).unwrap();
    for t in &mut p.tables {
        t.unit = MoneyUnit::Yuan;
    }
    p
}

fn line() -> impl Strategy<Value = Line> {
    (
        0..synthetic::FUNC.len(),
        0..synthetic::ECON.len(),
        0..3usize,
        0..FundingSource::ALL.len(),
        prop::bool::weighted(0.2),
        0..6usize,
        1i64..100_000_000,
    )
        .prop_map(|(f, e, c, s, carry, p, amount)| {
            let category = [Category::Personnel, Category::Public, Category::Project][c];
            Line {
                func: FuncCode::parse(synthetic::FUNC[f]).unwrap(),
                econ: EconCode::parse(synthetic::ECON[e]).unwrap(),
                category,
                source: FundingSource::ALL[s],
                detail: None,
                period: if carry {
                    Period::CarryOver
                } else {
                    Period::Current
                },
                project: (category == Category::Project).then(|| format!("项目{p}")),
                amount: Amount(amount),
            }
        })
}

fn budget(lines: Vec<Line>, profile: &str, kind: UnitKind) -> Budget {
    let mut b = synthetic::budget(0, 0, profile, kind);
    b.lines = lines;
    b
}

/// Fen of a cell (0 for a blank cell of a printed row), by table, side, row code or name,
/// column. A row the table does not print is a failure, not 0.
fn cell(r: &Report, kind: TableKind, side: Option<Side>, row: &str, col: &str) -> i64 {
    let t = r.table(kind).unwrap_or_else(|| panic!("no {kind}"));
    assert_eq!(t.unit, MoneyUnit::Yuan);
    let b = t.block(side).unwrap();
    let c = b
        .column_index(col)
        .unwrap_or_else(|| panic!("{kind}: no column {col}"));
    b.row(row)
        .unwrap_or_else(|| panic!("{kind} {side:?}: no row {row}"))
        .cell(c)
        .map_or(0, |p| p.hundredths)
}

/// Fen of a coded row's cell, 0 when the table prints no row for the code (a code tree
/// lists only the codes that have money).
fn coded_cell(r: &Report, kind: TableKind, side: Option<Side>, code: &str, col: &str) -> i64 {
    let b = r.table(kind).unwrap().block(side).unwrap();
    match b.row(code) {
        Some(_) => cell(r, kind, side, code, col),
        None => 0,
    }
}

/// Rows of a block that carry a functional code at `level`.
fn coded(r: &Report, kind: TableKind, side: Option<Side>, digits: usize) -> Vec<(String, String)> {
    let b = r.table(kind).unwrap().block(side).unwrap();
    b.rows
        .iter()
        .filter_map(|row| {
            row.code
                .clone()
                .filter(|c| c.len() == digits)
                .map(|c| (c, row.name.clone()))
        })
        .collect()
}

fn sum_of(lines: &[Line], pred: impl Fn(&Line) -> bool) -> i64 {
    lines
        .iter()
        .filter(|l| pred(l))
        .map(|l| l.amount.fen())
        .sum()
}

/// 类 = Σ款 = Σ项 and the total row = Σ类, in every column of a code table.
fn tree_adds_up(r: &Report, kind: TableKind, side: Option<Side>) {
    let b = r.table(kind).unwrap().block(side).unwrap();
    for (ci, col) in b.columns.iter().enumerate() {
        let value = |code: &str| {
            b.row(code)
                .and_then(|r| r.cell(ci))
                .map_or(0, |p| p.hundredths)
        };
        for level in [FuncLevel::Lei, FuncLevel::Kuan] {
            for (code, _) in coded(r, kind, side, level.digits()) {
                let children: i64 = b
                    .rows
                    .iter()
                    .filter(|row| {
                        row.code.as_deref().is_some_and(|c| {
                            FuncCode::parse(c)
                                .ok()
                                .and_then(|c| c.parent())
                                .is_some_and(|p| p.as_str() == code)
                        })
                    })
                    .map(|row| row.cell(ci).map_or(0, |p| p.hundredths))
                    .sum();
                assert_eq!(value(&code), children, "{kind} {code} {col}");
            }
        }
        let classes: i64 = coded(r, kind, side, 3).iter().map(|(c, _)| value(c)).sum();
        assert_eq!(value("合计"), classes, "{kind} 合计 {col}");
    }
}

/// Every row's 合计 = the sum of the columns it splits into.
fn rows_add_up(r: &Report, kind: TableKind, parts: &[&str]) {
    let b = r.table(kind).unwrap().block(None).unwrap();
    let total = b.column_index("合计").unwrap();
    let parts: Vec<usize> = parts.iter().map(|p| b.column_index(p).unwrap()).collect();
    for row in &b.rows {
        let v = |i| row.cell(i).map_or(0, |p| p.hundredths);
        assert_eq!(
            v(total),
            parts.iter().map(|&i| v(i)).sum::<i64>(),
            "{kind} {}",
            row.name
        );
    }
}

fn shanxi_identities(lines: &[Line], r: &Report) {
    use TableKind as T;
    let inc = Some(Side::Income);
    let exp = Some(Side::Expenditure);
    let all = sum_of(lines, |_| true);
    let current = sum_of(lines, |l| l.period == Period::Current);
    // 收支总表: both sides balance and split into this year + carry-over.
    assert_eq!(cell(r, T::SummaryTotal, inc, "收入总计", "预算数"), all);
    assert_eq!(cell(r, T::SummaryTotal, exp, "支出总计", "合计"), all);
    assert_eq!(
        cell(r, T::SummaryTotal, inc, "本年收入合计", "预算数"),
        current
    );
    let sources: i64 = [
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        "财政专户管理资金",
        "单位资金",
    ]
    .iter()
    .map(|s| cell(r, T::SummaryTotal, inc, s, "预算数"))
    .sum();
    assert_eq!(sources, current);
    assert_eq!(
        cell(r, T::SummaryTotal, inc, "上年结转", "预算数"),
        all - current
    );
    let classes = coded(r, T::SummaryTotal, exp, 3);
    assert_eq!(classes.len(), 30, "every 类 listed");
    let mut by_class = 0;
    for (code, _) in &classes {
        let [t, c, k] = ["合计", "当年预算安排", "上年结转安排"]
            .map(|col| cell(r, T::SummaryTotal, exp, code, col));
        assert_eq!(t, c + k);
        // 支出总表 by 类 = 收支总表 by 类.
        assert_eq!(t, coded_cell(r, T::Expenditure, None, code, "合计"));
        // 收入总表 合计 (this year) + 上年结转 = 收支总表 by 类.
        assert_eq!(
            t,
            coded_cell(r, T::Income, None, code, "合计")
                + coded_cell(r, T::Income, None, code, "上年结转")
        );
        by_class += t;
    }
    assert_eq!(by_class, all);
    // Code tables add up within and across rows.
    for kind in [
        T::Income,
        T::Expenditure,
        T::GeneralBudget,
        T::GovFundExpenditure,
    ] {
        tree_adds_up(r, kind, None);
    }
    tree_adds_up(r, T::StateCapital, exp);
    rows_add_up(r, T::Expenditure, &["基本支出", "项目支出"]);
    rows_add_up(r, T::GeneralBudget, &["基本支出", "项目支出"]);
    rows_add_up(r, T::GeneralBudgetBasic, &["人员经费", "公用经费"]);
    rows_add_up(
        r,
        T::Income,
        &[
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
            "财政专户管理资金",
            "单位资金",
        ],
    );
    // 财政拨款收支总表 against the fiscal lines and 一般公共预算支出表.
    let fiscal = sum_of(lines, |l| l.source.is_fiscal());
    assert_eq!(cell(r, T::FiscalSummary, inc, "收入总计", "预算数"), fiscal);
    assert_eq!(cell(r, T::FiscalSummary, exp, "支出总计", "合计"), fiscal);
    let gpb_current = sum_of(lines, |l| {
        l.source == FundingSource::GeneralPublicBudget && l.period == Period::Current
    });
    assert_eq!(cell(r, T::GeneralBudget, None, "合计", "合计"), gpb_current);
    // 一般公共预算支出表 基本支出 = 基本支出经济分类表 合计.
    assert_eq!(
        cell(r, T::GeneralBudget, None, "合计", "基本支出"),
        cell(r, T::GeneralBudgetBasic, None, "合计", "合计")
    );
    // 项目支出表 = this year's 项目支出; (上年结转) = carry-over 项目支出 of fiscal money.
    let projects = sum_of(lines, |l| {
        l.category == Category::Project && l.period == Period::Current
    });
    assert_eq!(cell(r, T::Projects, None, "合计", "合计"), projects);
    assert_eq!(
        cell(r, T::Expenditure, None, "合计", "项目支出")
            - cell(r, T::Projects, None, "合计", "合计"),
        sum_of(lines, |l| l.category == Category::Project
            && l.period == Period::CarryOver)
    );
    let p = r.table(T::Projects).unwrap().block(None).unwrap();
    let rows: i64 = p
        .rows
        .iter()
        .skip(1)
        .map(|row| row.cell(0).map_or(0, |c| c.hundredths))
        .sum();
    assert_eq!(rows, projects, "project rows add up to 合计");
    // 三公 合计 = 出国 + 接待 + 用车, 用车 = 购置 + 运行.
    let tp = |row| cell(r, T::ThreePublic, None, row, "合计");
    assert_eq!(
        tp("合计"),
        tp("因公出国（境）费") + tp("公务接待费") + tp("公务用车购置及运行费")
    );
    assert_eq!(
        tp("公务用车购置及运行费"),
        tp("公务用车购置费") + tp("公务用车运行维护费")
    );
    // 机关运行经费 = this year's general-budget 公用经费 for 行政 / 参公 units.
    assert_eq!(
        cell(r, T::AdminRunningCost, None, "部门合计", "合计"),
        cell(r, T::GeneralBudgetBasic, None, "合计", "公用经费")
    );
}

fn shanghai_identities(lines: &[Line], r: &Report) {
    use TableKind as T;
    let all = sum_of(lines, |_| true);
    assert_eq!(
        cell(r, T::SummaryTotal, Some(Side::Income), "收入总计", "预算数"),
        all
    );
    assert_eq!(
        cell(
            r,
            T::SummaryTotal,
            Some(Side::Expenditure),
            "支出总计",
            "预算数"
        ),
        all
    );
    // Against the generated lines themselves, not only table against table.
    let inc = Some(Side::Income);
    let by_source = |s: FundingSource| sum_of(lines, |l| l.source == s);
    let fiscal = sum_of(lines, |l| l.source.is_fiscal());
    let other = sum_of(lines, |l| {
        matches!(
            l.source,
            FundingSource::OtherIncome
                | FundingSource::UnitFunds
                | FundingSource::FiscalSpecialAccount
                | FundingSource::UpperGrant
                | FundingSource::SubsidiaryRemittance
        )
    });
    for (row, want) in [
        ("财政拨款收入", fiscal),
        (
            "一般公共预算资金",
            by_source(FundingSource::GeneralPublicBudget),
        ),
        ("政府性基金", by_source(FundingSource::GovernmentFund)),
        ("国有资本经营预算", by_source(FundingSource::StateCapital)),
        ("事业收入", by_source(FundingSource::BusinessIncome)),
        (
            "事业单位经营收入",
            by_source(FundingSource::OperatingIncome),
        ),
        ("其他收入", other),
    ] {
        assert_eq!(
            cell(r, T::SummaryTotal, inc, row, "预算数"),
            want,
            "收支总表 {row}"
        );
    }
    for (col, want) in [
        ("合计", all),
        ("财政拨款收入", fiscal),
        ("事业收入", by_source(FundingSource::BusinessIncome)),
        (
            "事业单位经营收入",
            by_source(FundingSource::OperatingIncome),
        ),
        ("其他收入", other),
    ] {
        assert_eq!(
            cell(r, T::Income, None, "合计", col),
            want,
            "收入总表 {col}"
        );
    }
    let basic = sum_of(lines, |l| l.category != Category::Project);
    assert_eq!(cell(r, T::Expenditure, None, "合计", "基本支出"), basic);
    assert_eq!(
        cell(r, T::Expenditure, None, "合计", "项目支出"),
        all - basic
    );
    if fiscal > 0 {
        assert_eq!(cell(r, T::FiscalSummary, inc, "收入总计", "预算数"), fiscal);
        for (col, s) in [
            ("一般公共预算", FundingSource::GeneralPublicBudget),
            ("政府性基金预算", FundingSource::GovernmentFund),
            ("国有资本经营预算", FundingSource::StateCapital),
        ] {
            assert_eq!(
                cell(
                    r,
                    T::FiscalSummary,
                    Some(Side::Expenditure),
                    "支出总计",
                    col
                ),
                by_source(s),
                "财政拨款收支总表 {col}"
            );
        }
    }
    // Each fund's table holds exactly that fund's lines, or is printed empty.
    for (kind, source) in [
        (T::GeneralBudget, FundingSource::GeneralPublicBudget),
        (T::GovFundExpenditure, FundingSource::GovernmentFund),
    ] {
        let want = by_source(source);
        if want == 0 {
            assert!(r.table(kind).unwrap().is_empty(), "{kind} should be empty");
        } else {
            assert_eq!(cell(r, kind, None, "合计", "合计"), want, "{kind}");
        }
    }
    let gpb_basic = |c: Category| {
        sum_of(lines, |l| {
            l.source == FundingSource::GeneralPublicBudget && l.category == c
        })
    };
    if gpb_basic(Category::Personnel) + gpb_basic(Category::Public) > 0 {
        for (col, c) in [
            ("人员经费", Category::Personnel),
            ("公用经费", Category::Public),
        ] {
            assert_eq!(
                cell(r, T::GeneralBudgetBasic, None, "合计", col),
                gpb_basic(c),
                "一般公共预算基本支出表 {col}"
            );
        }
    }
    for kind in [T::Income, T::Expenditure, T::GeneralBudget] {
        if !r.table(kind).unwrap().is_empty() {
            tree_adds_up(r, kind, None);
        }
    }
    rows_add_up(r, T::Expenditure, &["基本支出", "项目支出"]);
    rows_add_up(
        r,
        T::Income,
        &["财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"],
    );
    rows_add_up(r, T::GeneralBudgetBasic, &["人员经费", "公用经费"]);
    assert_eq!(
        cell(r, T::GeneralBudget, None, "合计", "基本支出"),
        cell(r, T::GeneralBudgetBasic, None, "合计", "合计")
    );
    let tp = |col| cell(r, T::ThreePublic, None, "", col);
    assert_eq!(
        tp("合计"),
        tp("因公出国（境）费") + tp("公务接待费") + tp("公务用车购置及运行费")
    );
    assert_eq!(
        tp("公务用车购置及运行费"),
        tp("公务用车购置费") + tp("公务用车运行费")
    );
    assert_eq!(
        tp("机关运行经费"),
        cell(r, T::GeneralBudgetBasic, None, "合计", "公用经费")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn shanxi_tables_agree_exactly(lines in prop::collection::vec(line(), 1..60)) {
        let catalog = Catalog::embedded();
        let b = budget(lines, "shanxi", UnitKind::CivilServiceManaged);
        let (r, _) = derive(&b, &exact("shanxi"), &catalog);
        shanxi_identities(&b.lines, &r);
    }

    #[test]
    fn shanghai_tables_agree_exactly(lines in prop::collection::vec(line(), 1..60)) {
        let catalog = Catalog::embedded();
        let b = budget(lines, "shanghai", UnitKind::Administrative);
        let (r, _) = derive(&b, &exact("shanghai"), &catalog);
        shanghai_identities(&b.lines, &r);
    }

    #[test]
    fn line_order_does_not_matter(lines in prop::collection::vec(line(), 1..60), seed in any::<u64>()) {
        let catalog = Catalog::embedded();
        for id in yusuan_profile::generated_ids() {
            let profile = yusuan_profile::profile(id).unwrap();
            let b = budget(lines.clone(), id, UnitKind::Administrative);
            let mut shuffled = b.clone();
            let mut rng = synthetic::Lcg::new(seed);
            for i in (1..shuffled.lines.len()).rev() {
                shuffled.lines.swap(i, rng.below(i + 1));
            }
            // Project rows follow first appearance: pin it with a project list.
            let names: std::collections::BTreeSet<_> = b.lines.iter().filter_map(|l| l.project.clone()).collect();
            let projects: Vec<_> = names.into_iter().map(|name| yusuan_model::Project {
                name, ..serde_free_project()
            }).collect();
            let (mut b, mut shuffled) = (b, shuffled);
            b.projects = projects.clone();
            shuffled.projects = projects;
            prop_assert_eq!(derive(&b, &profile, &catalog).0, derive(&shuffled, &profile, &catalog).0);
        }
    }
}

fn serde_free_project() -> yusuan_model::Project {
    yusuan_model::Project {
        name: String::new(),
        department: String::new(),
        implementer: String::new(),
        attribute: String::new(),
        duration: String::new(),
        project_type: None,
        func: None,
        overview: String::new(),
        basis: String::new(),
        necessity: String::new(),
        measures: String::new(),
        plan: String::new(),
        goal_total: String::new(),
        goal_annual: String::new(),
        filled_date: String::new(),
        funds_total: Default::default(),
        funds_annual: Default::default(),
        indicators: Vec::new(),
    }
}

#[test]
fn an_institution_has_no_admin_running_cost() {
    let catalog = Catalog::embedded();
    let b = synthetic::budget(500, 3, "shanxi", UnitKind::Institution);
    let (r, _) = derive(&b, &yusuan_profile::profile("shanxi").unwrap(), &catalog);
    let t = r.table(TableKind::AdminRunningCost).unwrap();
    assert!(t.is_empty());
    assert_eq!(t.empty_note.as_deref(), Some("本表无数据"));
    let admin = synthetic::budget(500, 3, "shanxi", UnitKind::Administrative);
    let (r, _) = derive(
        &admin,
        &yusuan_profile::profile("shanxi").unwrap(),
        &catalog,
    );
    assert!(!r.table(TableKind::AdminRunningCost).unwrap().is_empty());
}

#[test]
fn unknown_codes_warn_once_and_name_the_row_by_code() {
    let catalog = Catalog::embedded();
    let mut b = synthetic::budget(0, 0, "shanxi", UnitKind::Administrative);
    for _ in 0..2 {
        b.lines.push(Line {
            func: FuncCode::parse("2087654").unwrap(),
            econ: EconCode::parse("30101").unwrap(),
            category: Category::Personnel,
            source: FundingSource::GeneralPublicBudget,
            detail: None,
            period: Period::Current,
            project: None,
            amount: Amount(100),
        });
    }
    let (r, diags) = derive(&b, &yusuan_profile::profile("shanxi").unwrap(), &catalog);
    // The 款 20876 and the 项 2087654 are both unknown; each is reported once.
    let codes: Vec<&str> = diags
        .iter()
        .map(|d| {
            d.message
                .split('「')
                .nth(1)
                .unwrap()
                .split('」')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(codes, ["20876", "2087654"], "{diags:?}");
    assert!(diags.iter().all(|d| d.rule == "W-CODE-UNKNOWN"));
    let row = r.table(TableKind::Income).unwrap().blocks[0]
        .row("2087654")
        .unwrap();
    assert_eq!(row.name, "2087654");
}
