//! 上海 区级部门预算: 9 tables, 1–8 in 元, the 三公 / 机关运行经费 table in 万元.

use yusuan_model::{Category, Family, FundingSource as F, MoneyUnit, Side, TableKind};

use crate::parts::{basic_project_columns, one, tree};
use crate::*;

fn table(
    kind: TableKind,
    title: &'static str,
    filter: Filter,
    blocks: Vec<BlockSpec>,
    note: &'static str,
) -> TableSpec {
    parts::table(kind, title, MoneyUnit::Yuan, filter, blocks, note)
}

fn classes() -> RowSpec {
    parts::classes(false)
}

/// 其他收入: what none of the named columns takes (上级补助 and 附属单位上缴 have no
/// column of their own in the 上海 budget).
const OTHER_INCOME: &[F] = &[
    F::OtherIncome,
    F::UnitFunds,
    F::FiscalSpecialAccount,
    F::UpperGrant,
    F::SubsidiaryRemittance,
];

pub fn profile() -> Profile {
    let all = Filter::all;
    let tables = vec![
        table(
            TableKind::SummaryTotal,
            "{year}年部门财务收支预算总表",
            all(),
            vec![
                BlockSpec {
                    side: Some(Side::Income),
                    columns: vec![col("预算数", all())],
                    rows: vec![
                        row("财政拨款收入", all().fiscal()),
                        row("一般公共预算资金", all().source(F::GeneralPublicBudget)),
                        row("政府性基金", all().source(F::GovernmentFund)),
                        row("国有资本经营预算", all().source(F::StateCapital)),
                        row("事业收入", all().source(F::BusinessIncome)),
                        row("事业单位经营收入", all().source(F::OperatingIncome)),
                        row("其他收入", all().sources(OTHER_INCOME)),
                        total("收入总计", all()),
                    ],
                },
                BlockSpec {
                    side: Some(Side::Expenditure),
                    columns: vec![col("预算数", all())],
                    rows: vec![classes(), total("支出总计", all())],
                },
            ],
            "",
        ),
        table(
            TableKind::Income,
            "{year}年部门收入预算总表",
            all(),
            one(
                vec![
                    col("合计", all()),
                    col("财政拨款收入", all().fiscal()),
                    col("事业收入", all().source(F::BusinessIncome)),
                    col("事业单位经营收入", all().source(F::OperatingIncome)),
                    col("其他收入", all().sources(OTHER_INCOME)),
                ],
                vec![tree(), total("合计", all())],
            ),
            "",
        ),
        table(
            TableKind::Expenditure,
            "{year}年部门支出预算总表",
            all(),
            one(basic_project_columns(), vec![tree(), total("合计", all())]),
            "",
        ),
        table(
            TableKind::FiscalSummary,
            "{year}年部门财政拨款收支预算总表",
            all().fiscal(),
            vec![
                BlockSpec {
                    side: Some(Side::Income),
                    columns: vec![col("预算数", all())],
                    rows: vec![
                        row("一般公共预算资金", all().source(F::GeneralPublicBudget)),
                        row("政府性基金", all().source(F::GovernmentFund)),
                        row("国有资本经营预算", all().source(F::StateCapital)),
                        total("收入总计", all()),
                    ],
                },
                BlockSpec {
                    side: Some(Side::Expenditure),
                    columns: vec![
                        col("合计", all()),
                        col("一般公共预算", all().source(F::GeneralPublicBudget)),
                        col("政府性基金预算", all().source(F::GovernmentFund)),
                        col("国有资本经营预算", all().source(F::StateCapital)),
                    ],
                    rows: vec![classes(), total("支出总计", all())],
                },
            ],
            "",
        ),
        table(
            TableKind::GeneralBudget,
            "{year}年部门一般公共预算支出功能分类预算表",
            all().source(F::GeneralPublicBudget),
            one(basic_project_columns(), vec![tree(), total("合计", all())]),
            "注:本部门{year}年无一般公共预算财政拨款安排的预算，故本表为空表。",
        ),
        table(
            TableKind::GovFundExpenditure,
            "{year}年部门政府性基金预算支出功能分类预算表",
            all().source(F::GovernmentFund),
            one(basic_project_columns(), vec![tree(), total("合计", all())]),
            "注:本部门{year}年无政府性基金预算财政拨款安排的预算，故本表为空表。",
        ),
        table(
            TableKind::StateCapital,
            "{year}年部门国有资本经营预算支出功能分类预算表",
            all().source(F::StateCapital),
            vec![BlockSpec {
                side: Some(Side::Expenditure),
                columns: basic_project_columns(),
                rows: vec![tree(), total("合计", all())],
            }],
            "注:本部门{year}年无国有资本经营预算财政拨款安排的预算，故本表为空表。",
        ),
        table(
            TableKind::GeneralBudgetBasic,
            "{year}年部门一般公共预算基本支出部门预算经济分类预算表",
            all().source(F::GeneralPublicBudget).basic(),
            one(
                vec![
                    col("合计", all()),
                    col("人员经费", all().categories(&[Category::Personnel])),
                    col("公用经费", all().categories(&[Category::Public])),
                ],
                vec![RowSpec::Econ, total("合计", all())],
            ),
            "注:本部门{year}年无一般公共预算基本支出，故本表为空表。",
        ),
        TableSpec {
            unit: MoneyUnit::WanYuan,
            ..table(
                TableKind::ThreePublic,
                "{year}年部门“三公”经费和机关运行经费预算表",
                all().fiscal(),
                one(
                    vec![
                        col("合计", all().econ(ECON_THREE_PUBLIC)),
                        col("因公出国（境）费", all().econ(ECON_OUTBOUND)),
                        col("公务接待费", all().econ(ECON_RECEPTION)),
                        col("公务用车购置及运行费", all().econ(ECON_VEHICLES)),
                        col("公务用车购置费", all().econ(ECON_VEHICLE_PURCHASE)),
                        col("公务用车运行费", all().econ(ECON_VEHICLE_OPERATION)),
                        col(
                            "机关运行经费",
                            all()
                                .source(F::GeneralPublicBudget)
                                .categories(&[Category::Public])
                                .admin_units_only(),
                        ),
                    ],
                    vec![row("", all())],
                ),
                "",
            )
        },
    ];
    Profile {
        id: "shanghai",
        name: "上海市区级部门预算公开（9张表）",
        region: "上海",
        family: Family::Budget,
        tables,
        explanation: Some(include_str!("../templates/shanghai.txt")),
        issuer: Some("编制部门："),
        item_style: yusuan_model::PathStyle::Dashed,
        generated: true,
    }
}
