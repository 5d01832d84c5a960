//! 部门决算 九张表 (the national template; 上海市普陀区财政局 2024): every table in 万元,
//! titles without year or number, 决算数 beside what the year's budget planned where the
//! template prints both (`shared/spec/families.md` §A).

use yusuan_model::{Category, Family, FundingSource as F, MoneyUnit, Side, TableKind};

use crate::parts::{listed_classes, one, tree};

/// The 26 支出功能分类 类 a 部门决算 总表 prints, empty or not (2024 list).
const FINAL_CLASSES: &[&str] = &[
    "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
    "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234",
];
use crate::*;

fn table(
    kind: TableKind,
    title: &'static str,
    filter: Filter,
    blocks: Vec<BlockSpec>,
    note: &'static str,
) -> TableSpec {
    TableSpec {
        // 一、五、六 are set upright, the wide ones landscape.
        portrait: matches!(
            kind,
            TableKind::FinalSummary
                | TableKind::FinalGeneralBudget
                | TableKind::FinalGeneralBudgetBasic
        ),
        ..parts::table(kind, title, MoneyUnit::WanYuan, filter, blocks, note)
    }
}

use Figures as G;

const INCOME: &[Figures] = &[G::Income];
const OPENING: &[Figures] = &[G::Opening];
const CLOSING: &[Figures] = &[G::Closing];
/// 其他收入 in the 决算 sense: what is not 财政拨款 nor one of the named sources.
const OTHER: &[F] = &[F::OtherIncome, F::UnitFunds, F::FiscalSpecialAccount];

/// The 经济分类 款 a 部门决算 基本支出表 prints, each under its 类: 工资福利 and 对个人和家庭的
/// 补助 on the left (人员经费), 商品和服务 and 资本性 on the right (公用经费).
const PERSONNEL: &[&str] = &[
    "301", "30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111",
    "30112", "30113", "30114", "30199", "303", "30301", "30302", "30303", "30304", "30305",
    "30307", "30308", "30309", "30310", "30311", "30399",
];
const PUBLIC: &[&str] = &[
    "302", "30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209",
    "30211", "30212", "30213", "30214", "30215", "30216", "30217", "30218", "30224", "30225",
    "30226", "30227", "30228", "30229", "30231", "30239", "30240", "30299", "310", "31001",
    "31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099",
];

fn income(filter: Filter) -> Filter {
    filter.figures(INCOME)
}

/// 合计 / 基本支出 / 项目支出 / 上缴上级支出 / 经营支出 / 对附属单位补助支出.
fn uses() -> Vec<ColumnSpec> {
    let all = Filter::all;
    vec![
        col("合计", all()),
        col("基本支出", all().basic()),
        col("项目支出", all().categories(&[Category::Project])),
        col("上缴上级支出", all().categories(&[Category::Remittance])),
        col("经营支出", all().categories(&[Category::Business])),
        col(
            "对附属单位补助支出",
            all().categories(&[Category::SubsidiaryGrant]),
        ),
    ]
}

/// 八 / 九: a fund's income and spending by 项 with its balances.
fn fund_table(kind: TableKind, title: &'static str, fund: F, note: &'static str) -> TableSpec {
    let all = Filter::all;
    table(
        kind,
        title,
        all().source(fund),
        one(
            vec![
                col("年初结转和结余", all().figures(OPENING)),
                col("本年收入", all().figures(INCOME)),
                col("合计", all()),
                col("基本支出", all().basic()),
                col("项目支出", all().categories(&[Category::Project])),
                col("年末结转和结余", all().figures(CLOSING)),
            ],
            vec![tree(), total("合计", all())],
        ),
        note,
    )
}

pub fn profile() -> Profile {
    let all = Filter::all;
    let gpb = || all().source(F::GeneralPublicBudget);
    let mut spending = vec![listed_classes(FINAL_CLASSES)];
    spending.extend([
        total("本年支出合计", all()),
        row("结余分配", all().figures(&[G::Distribution])),
        row("年末结转和结余", all().figures(CLOSING)),
        total(
            "总计",
            all().figures(&[G::Spending, G::Distribution, G::Closing]),
        ),
    ]);
    let mut fiscal_spending = vec![listed_classes(FINAL_CLASSES)];
    fiscal_spending.extend([
        total("本年支出合计", all()),
        row("年末财政拨款结转和结余", all().figures(CLOSING)),
        total("总计", all().figures(&[G::Spending, G::Closing])),
    ]);
    let tables = vec![
        table(
            TableKind::FinalSummary,
            "收入支出决算总表",
            all(),
            vec![
                BlockSpec {
                    side: Some(Side::Income),
                    columns: vec![col("决算数", all())],
                    rows: vec![
                        row("一般公共预算财政拨款收入", income(gpb())),
                        row(
                            "政府性基金预算财政拨款收入",
                            income(all().source(F::GovernmentFund)),
                        ),
                        row(
                            "国有资本经营预算财政拨款收入",
                            income(all().source(F::StateCapital)),
                        ),
                        row("上级补助收入", income(all().source(F::UpperGrant))),
                        row("事业收入", income(all().source(F::BusinessIncome))),
                        row("经营收入", income(all().source(F::OperatingIncome))),
                        row(
                            "附属单位上缴收入",
                            income(all().source(F::SubsidiaryRemittance)),
                        ),
                        row("其他收入", income(all().sources(OTHER))),
                        total("本年收入合计", income(all())),
                        row(
                            "使用非财政拨款结余（含专用结余）",
                            all().figures(&[G::NonFiscalUsed]),
                        ),
                        row("年初结转和结余", all().figures(OPENING)),
                        total(
                            "总计",
                            all().figures(&[G::Income, G::NonFiscalUsed, G::Opening]),
                        ),
                    ],
                },
                BlockSpec {
                    side: Some(Side::Expenditure),
                    columns: vec![col("决算数", all())],
                    rows: spending,
                },
            ],
            "",
        ),
        table(
            TableKind::FinalIncome,
            "收入决算表",
            all().figures(INCOME),
            one(
                vec![
                    col("合计", all()),
                    col("财政拨款收入", all().fiscal()),
                    col("上级补助收入", all().source(F::UpperGrant)),
                    col("事业收入", all().source(F::BusinessIncome)),
                    col("经营收入", all().source(F::OperatingIncome)),
                    col("附属单位上缴收入", all().source(F::SubsidiaryRemittance)),
                    col("其他收入", all().sources(OTHER)),
                ],
                vec![total("合计", all()), tree()],
            ),
            "",
        ),
        table(
            TableKind::FinalExpenditure,
            "支出决算表",
            all(),
            one(uses(), vec![total("合计", all()), tree()]),
            "",
        ),
        table(
            TableKind::FinalFiscalSummary,
            "财政拨款收入支出决算总表",
            all().fiscal(),
            vec![
                BlockSpec {
                    side: Some(Side::Income),
                    columns: vec![col("决算数", all())],
                    rows: vec![
                        row("一般公共预算财政拨款", income(gpb())),
                        row(
                            "政府性基金预算财政拨款",
                            income(all().source(F::GovernmentFund)),
                        ),
                        row(
                            "国有资本经营预算财政拨款",
                            income(all().source(F::StateCapital)),
                        ),
                        total("本年收入合计", income(all())),
                        row("年初财政拨款结转和结余", all().figures(OPENING)),
                        row(
                            "年初财政拨款结转和结余/一般公共预算财政拨款",
                            gpb().figures(OPENING),
                        ),
                        row(
                            "年初财政拨款结转和结余/政府性基金预算财政拨款",
                            all().source(F::GovernmentFund).figures(OPENING),
                        ),
                        row(
                            "年初财政拨款结转和结余/国有资本经营预算财政拨款",
                            all().source(F::StateCapital).figures(OPENING),
                        ),
                        total("总计", all().figures(&[G::Income, G::Opening])),
                    ],
                },
                BlockSpec {
                    side: Some(Side::Expenditure),
                    columns: vec![
                        col("合计", all()),
                        col("一般公共预算", gpb()),
                        col("政府性基金预算", all().source(F::GovernmentFund)),
                        col("国有资本经营预算", all().source(F::StateCapital)),
                    ],
                    rows: fiscal_spending,
                },
            ],
            "",
        ),
        table(
            TableKind::FinalGeneralBudget,
            "一般公共预算财政拨款支出决算表",
            gpb(),
            one(
                vec![
                    col("合计", all()),
                    col("基本支出", all().basic()),
                    col("项目支出", all().categories(&[Category::Project])),
                ],
                vec![tree(), total("合计", all())],
            ),
            "",
        ),
        table(
            TableKind::FinalGeneralBudgetBasic,
            "一般公共预算财政拨款基本支出决算表",
            gpb().basic(),
            vec![
                BlockSpec {
                    side: None,
                    columns: vec![col("决算数", all().econ(&["301", "303"]))],
                    rows: vec![RowSpec::EconListed(PERSONNEL), total("人员经费合计", all())],
                },
                BlockSpec {
                    side: None,
                    columns: vec![col("决算数", all().econ(&["302", "310"]))],
                    rows: vec![RowSpec::EconListed(PUBLIC), total("公用经费合计", all())],
                },
            ],
            "",
        ),
        TableSpec {
            header_over: Some("财政拨款“三公”经费"),
            ..table(
                TableKind::FinalThreePublic,
                "财政拨款“三公”经费支出决算表",
                all().fiscal(),
                one(three_public_columns(), vec![row("", all())]),
                "",
            )
        },
        fund_table(
            TableKind::FinalGovFund,
            "政府性基金预算财政拨款收入支出决算表",
            F::GovernmentFund,
            "注：{unit}无政府性基金预算财政拨款支出，故本表无数据。",
        ),
        fund_table(
            TableKind::FinalStateCapital,
            "国有资本经营预算财政拨款收入支出决算表",
            F::StateCapital,
            "注：{unit}无国有资本经营预算财政拨款支出，故本表无数据。",
        ),
    ];
    Profile {
        id: "national-final",
        name: "部门决算公开（9张表）",
        region: "全国",
        family: Family::Final,
        tables,
        explanation: Some(include_str!("../templates/national-final.txt")),
        issuer: None,
        item_style: yusuan_model::PathStyle::Marked,
        generated: true,
    }
}

/// Each 三公 item's 预算数 and 决算数, the 用车 小计 and the 合计 first.
fn three_public_columns() -> Vec<ColumnSpec> {
    let budgeted =
        |codes: &'static [&'static str]| Filter::all().econ(codes).figures(&[G::Budgeted]);
    let spent = |codes: &'static [&'static str]| Filter::all().econ(codes);
    // Each item's 预算数 and 决算数 (tidy name, printed path when it differs): the vehicle
    // items print under 公务用车购置及运行费, its own total as 小计.
    let pair = |[planned, actual]: [(&'static str, Option<&'static str>); 2],
                codes: &'static [&'static str]| {
        [(planned, budgeted(codes)), (actual, spent(codes))].map(|((name, printed), filter)| {
            ColumnSpec {
                printed,
                ..col(name, filter)
            }
        })
    };
    [
        pair(
            [("合计/预算数", None), ("合计/决算数", None)],
            ECON_THREE_PUBLIC,
        ),
        pair(
            [
                ("因公出国（境）费/预算数", None),
                ("因公出国（境）费/决算数", None),
            ],
            ECON_OUTBOUND,
        ),
        pair(
            [
                (
                    "公务用车购置及运行费/预算数",
                    Some("公务用车购置及运行费/小计/预算数"),
                ),
                (
                    "公务用车购置及运行费/决算数",
                    Some("公务用车购置及运行费/小计/决算数"),
                ),
            ],
            ECON_VEHICLES,
        ),
        pair(
            [
                (
                    "公务用车购置费/预算数",
                    Some("公务用车购置及运行费/公务用车购置费/预算数"),
                ),
                (
                    "公务用车购置费/决算数",
                    Some("公务用车购置及运行费/公务用车购置费/决算数"),
                ),
            ],
            ECON_VEHICLE_PURCHASE,
        ),
        pair(
            [
                (
                    "公务用车运行费/预算数",
                    Some("公务用车购置及运行费/公务用车运行费/预算数"),
                ),
                (
                    "公务用车运行费/决算数",
                    Some("公务用车购置及运行费/公务用车运行费/决算数"),
                ),
            ],
            ECON_VEHICLE_OPERATION,
        ),
        pair(
            [("公务接待费/预算数", None), ("公务接待费/决算数", None)],
            ECON_RECEPTION,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}
