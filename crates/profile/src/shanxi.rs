//! 山西 (长治市) 单位预算公开: the 13 tables of the seed report, in 万元.

use yusuan_model::{Category, Family, FundingSource as F, MoneyUnit, Side, TableKind};

use crate::parts::{basic_project_columns, fiscal_columns, one, tree};
use crate::*;

const NOTE: &str = "本表无数据";

/// The project tables print the fiscal sources under one heading.
const FISCAL_GPB: &str = "{year}年财政拨款/一般公共预算";
const FISCAL_GF: &str = "{year}年财政拨款/政府性基金预算";
const FISCAL_SC: &str = "{year}年财政拨款/国有资本经营预算";

/// Printed over the figure columns of the spending tables.
const YEAR_BUDGET: &str = "{year}年预算数";

fn table(
    kind: TableKind,
    title: &'static str,
    filter: Filter,
    blocks: Vec<BlockSpec>,
) -> TableSpec {
    TableSpec {
        number: Some("预算公开表{n}"),
        ..parts::table(kind, title, MoneyUnit::WanYuan, filter, blocks, NOTE)
    }
}

fn classes() -> RowSpec {
    parts::classes(true)
}

pub fn profile() -> Profile {
    let all = Filter::all;
    let cur = || Filter::all().current();
    let tables = vec![
        table(
            TableKind::SummaryTotal,
            "{year}年预算收支总表",
            all(),
            vec![
                BlockSpec {
                    side: Some(Side::Income),
                    columns: vec![col("预算数", all())],
                    rows: vec![
                        row("一般公共预算", cur().source(F::GeneralPublicBudget)),
                        row("政府性基金预算", cur().source(F::GovernmentFund)),
                        row("国有资本经营预算", cur().source(F::StateCapital)),
                        row("财政专户管理资金", cur().source(F::FiscalSpecialAccount)),
                        row("单位资金", cur().sources(UNIT_FUNDS)),
                        total("本年收入合计", cur()),
                        row("上年结转", all().carry_over()),
                        total("收入总计", all()),
                    ],
                },
                BlockSpec {
                    side: Some(Side::Expenditure),
                    columns: vec![
                        col("合计", all()),
                        col("当年预算安排", cur()),
                        col("上年结转安排", all().carry_over()),
                    ],
                    rows: vec![
                        classes(),
                        total("本年支出合计", all()),
                        row("年终结转", Filter::nothing()),
                        total("支出总计", all()),
                    ],
                },
            ],
        ),
        table(
            TableKind::Income,
            "{year}年预算收入总表",
            all(),
            one(
                vec![
                    col("合计", cur()).printed("本年收入/合计"),
                    col("一般公共预算", cur().source(F::GeneralPublicBudget))
                        .printed("本年收入/一般公共预算"),
                    col("政府性基金预算", cur().source(F::GovernmentFund))
                        .printed("本年收入/政府性基金预算"),
                    col("国有资本经营预算", cur().source(F::StateCapital))
                        .printed("本年收入/国有资本经营预算"),
                    col("财政专户管理资金", cur().source(F::FiscalSpecialAccount))
                        .printed("本年收入/财政专户管理资金"),
                    col("单位资金", cur().sources(UNIT_FUNDS)).printed("本年收入/单位资金"),
                    col("上年结转", all().carry_over()),
                ],
                vec![total("合计", all()), tree()],
            ),
        ),
        TableSpec {
            header_over: Some(YEAR_BUDGET),
            ..table(
                TableKind::Expenditure,
                "{year}年预算支出总表",
                all(),
                one(basic_project_columns(), vec![total("合计", all()), tree()]),
            )
        },
        table(
            TableKind::FiscalSummary,
            "{year}年财政拨款收支总表",
            all().fiscal(),
            vec![
                BlockSpec {
                    side: Some(Side::Income),
                    columns: vec![col("预算数", all())],
                    rows: vec![
                        row("一般公共预算", cur().source(F::GeneralPublicBudget)),
                        row("政府性基金预算", cur().source(F::GovernmentFund)),
                        row("国有资本经营预算", cur().source(F::StateCapital)),
                        total("本年收入合计", cur()),
                        row("上年财政拨款结转", all().carry_over()),
                        row(
                            "上年财政拨款结转/一般公共预算",
                            all().carry_over().source(F::GeneralPublicBudget),
                        ),
                        row(
                            "上年财政拨款结转/政府性基金预算",
                            all().carry_over().source(F::GovernmentFund),
                        ),
                        row(
                            "上年财政拨款结转/国有资本经营预算",
                            all().carry_over().source(F::StateCapital),
                        ),
                        total("收入总计", all()),
                    ],
                },
                BlockSpec {
                    side: Some(Side::Expenditure),
                    columns: fiscal_columns(),
                    rows: vec![
                        classes(),
                        total("本年支出合计", all()),
                        row("年终结转", Filter::nothing()),
                        total("支出总计", all()),
                    ],
                },
            ],
        ),
        TableSpec {
            header_over: Some(YEAR_BUDGET),
            ..table(
                TableKind::GeneralBudget,
                "{year}年一般公共预算支出预算表（不含上年结转）",
                cur().source(F::GeneralPublicBudget),
                one(basic_project_columns(), vec![total("合计", all()), tree()]),
            )
        },
        TableSpec {
            prints_codes: false,
            prints_gov_econ: true,
            header_over: Some(YEAR_BUDGET),
            ..table(
                TableKind::GeneralBudgetBasic,
                "{year}年一般公共预算安排基本支出分经济科目表（不含上年结转）",
                cur().source(F::GeneralPublicBudget).basic(),
                one(
                    vec![
                        col("合计", all()),
                        col("人员经费", all().categories(&[Category::Personnel])),
                        col("公用经费", all().categories(&[Category::Public])),
                    ],
                    vec![total("合计", all()), RowSpec::Econ],
                ),
            )
        },
        // Income by 政府性基金 revenue code is not modelled yet: the table prints its total.
        table(
            TableKind::GovFundIncome,
            "{year}年政府性基金预算收入表（不含上年结转）",
            cur().source(F::GovernmentFund),
            one(
                vec![col("预算数", all()).printed("政府性基金收入预算")],
                vec![total("合计", all())],
            ),
        ),
        table(
            TableKind::GovFundExpenditure,
            "{year}年政府性基金预算支出表（不含上年结转）",
            cur().source(F::GovernmentFund),
            one(basic_project_columns(), vec![total("合计", all()), tree()]),
        ),
        table(
            TableKind::StateCapital,
            "{year}年国有资本经营预算收支预算表（不含上年结转）",
            cur().source(F::StateCapital),
            vec![
                BlockSpec {
                    side: Some(Side::Income),
                    columns: vec![col("预算数", all())],
                    rows: vec![total("合计", all())],
                },
                BlockSpec {
                    side: Some(Side::Expenditure),
                    columns: basic_project_columns(),
                    rows: vec![total("合计", all()), tree()],
                },
            ],
        ),
        TableSpec {
            header_over: Some(YEAR_BUDGET),
            ..table(
                TableKind::ThreePublic,
                "{year}年财政拨款安排“三公”经费支出预算表",
                cur().fiscal(),
                one(
                    fiscal_columns(),
                    vec![
                        row("因公出国（境）费", all().econ(ECON_OUTBOUND)),
                        row("公务接待费", all().econ(ECON_RECEPTION)),
                        row("公务用车购置及运行费", all().econ(ECON_VEHICLES)),
                        row("公务用车购置费", all().econ(ECON_VEHICLE_PURCHASE)),
                        row("公务用车运行维护费", all().econ(ECON_VEHICLE_OPERATION)),
                        total("合计", all().econ(ECON_THREE_PUBLIC)),
                    ],
                ),
            )
        },
        TableSpec {
            header_over: Some(YEAR_BUDGET),
            ..table(
                TableKind::AdminRunningCost,
                "{year}年财政拨款安排机关运行经费预算表",
                cur()
                    .source(F::GeneralPublicBudget)
                    .categories(&[Category::Public])
                    .admin_units_only(),
                one(
                    fiscal_columns(),
                    vec![total("部门合计", all()), RowSpec::UnitName],
                ),
            )
        },
        table(
            TableKind::Projects,
            "{year}年项目支出预算表（本年预算）",
            cur().categories(&[Category::Project]),
            one(
                vec![
                    col("合计", all()),
                    col("一般公共预算", all().source(F::GeneralPublicBudget)).printed(FISCAL_GPB),
                    col("政府性基金预算", all().source(F::GovernmentFund)).printed(FISCAL_GF),
                    col("国有资本经营预算", all().source(F::StateCapital)).printed(FISCAL_SC),
                    col("财政专户管理资金", all().source(F::FiscalSpecialAccount)),
                    col("单位资金", all().sources(UNIT_FUNDS)),
                ],
                vec![total("合计", all()), RowSpec::Projects],
            ),
        ),
        table(
            TableKind::ProjectsCarryOver,
            "{year}年项目支出预算表（上年结转）",
            all().carry_over().categories(&[Category::Project]),
            one(
                fiscal_columns()
                    .into_iter()
                    .zip([None, Some(FISCAL_GPB), Some(FISCAL_GF), Some(FISCAL_SC)])
                    .map(|(c, printed)| ColumnSpec { printed, ..c })
                    .collect(),
                vec![total("合计", all()), RowSpec::Projects],
            ),
        ),
    ];
    Profile {
        id: "shanxi",
        name: "山西省市级单位预算公开（13张表）",
        region: "山西",
        family: Family::Budget,
        tables,
        explanation: Some(include_str!("../templates/shanxi.txt")),
        issuer: Some("单位名称："),
        item_style: yusuan_model::PathStyle::Dashed,
        generated: true,
    }
}
