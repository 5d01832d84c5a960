//! 江苏省级部门预算: 12 tables, all in 万元, each labelled `公开NN表` (江苏省人民检察院
//! and 江苏省政协办公厅, 2019; `shared/spec/families.md` §B).

use yusuan_model::{
    Category, Family, FundingSource as F, MoneyUnit, Side, SourceDetail, TableKind,
};

use crate::parts::{listed_classes, one, tree};

/// The 21 支出功能分类 类 the 收支预算总表 prints, empty or not (2019 list).
const CLASSES: &[&str] = &[
    "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
    "215", "216", "217", "220", "221", "222", "224", "229",
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
        number: Some("公开{nn}表"),
        ..parts::table(kind, title, MoneyUnit::WanYuan, filter, blocks, note)
    }
}

/// 其他资金: what is neither appropriated nor kept in a 财政专户.
const OTHER_FUNDS: &[F] = &[
    F::UnitFunds,
    F::BusinessIncome,
    F::OperatingIncome,
    F::OtherIncome,
    F::UpperGrant,
    F::SubsidiaryRemittance,
];

/// The three uses of the money: 基本支出, 项目支出, 单位预留机动经费.
fn uses() -> Vec<RowSpec> {
    let all = Filter::all;
    vec![
        row("基本支出", all().basic()),
        row("项目支出", all().categories(&[Category::Project])),
        row("单位预留机动经费", all().categories(&[Category::Reserve])),
    ]
}

/// A code table: 合计 first, then the rows, in one 预算数 column.
fn coded(rows: RowSpec) -> Vec<BlockSpec> {
    one(
        vec![col("预算数", Filter::all())],
        vec![total("合计", Filter::all()), rows],
    )
}

pub fn profile() -> Profile {
    let all = Filter::all;
    let gpb = || all().source(F::GeneralPublicBudget);
    let mut expenditure = vec![listed_classes(CLASSES)];
    expenditure.extend(uses());
    expenditure.extend([
        total("当年支出小计", all()),
        row("结转下年资金", Filter::nothing()),
        total("支出合计", all()),
    ]);
    let mut fiscal_uses = uses();
    fiscal_uses.push(total("支出合计", all()));
    let tables = vec![
        TableSpec {
            uses_beside_classes: true,
            ..table(
                TableKind::SummaryTotal,
                "收支预算总表",
                all(),
                vec![
                    BlockSpec {
                        side: Some(Side::Income),
                        columns: vec![col("预算数", all())],
                        rows: vec![
                            row("财政拨款", all().fiscal().current()),
                            row("一般公共预算", gpb().current()),
                            row("政府性基金预算", all().source(F::GovernmentFund).current()),
                            row(
                                "财政专户管理资金",
                                all().source(F::FiscalSpecialAccount).current(),
                            ),
                            row("其他资金", all().sources(OTHER_FUNDS).current()),
                            total("当年收入小计", all().current()),
                            row("上年结转资金", all().carry_over()),
                            total("收入合计", all()),
                        ],
                    },
                    BlockSpec {
                        side: Some(Side::Expenditure),
                        columns: vec![col("预算数", all())],
                        rows: expenditure,
                    },
                ],
                "",
            )
        },
        table(
            TableKind::Income,
            "收入预算总表",
            all(),
            one(
                vec![col("预算数", all())],
                vec![
                    total("收入总计", all()),
                    // A repeated 小计 is qualified by its group (tidy-export's rule).
                    row("小计", gpb().current()),
                    row("公共财政拨款（补助）资金", gpb().current().undetailed()),
                    row(
                        "专项收入",
                        gpb().current().detail(SourceDetail::SpecialRevenue),
                    ),
                    row("政府性基金/小计", all().source(F::GovernmentFund).current()),
                    row(
                        "财政专户管理资金/小计",
                        all().source(F::FiscalSpecialAccount).current(),
                    ),
                    row(
                        "专户管理教育收费",
                        all().current().detail(SourceDetail::EducationFees),
                    ),
                    row(
                        "其他非税收入",
                        all().current().detail(SourceDetail::OtherNonTax),
                    ),
                    row("其他资金/小计", all().sources(OTHER_FUNDS).current()),
                    row("事业收入", all().source(F::BusinessIncome).current()),
                    row("经营收入", all().source(F::OperatingIncome).current()),
                    row(
                        "其他收入",
                        all()
                            .sources(&[
                                F::OtherIncome,
                                F::UnitFunds,
                                F::UpperGrant,
                                F::SubsidiaryRemittance,
                            ])
                            .current(),
                    ),
                    row("上年结转和结余资金/小计", all().carry_over()),
                    row("动用上年结转和结余资金", all().carry_over()),
                ],
            ),
            "",
        ),
        table(
            TableKind::Expenditure,
            "支出预算总表",
            all(),
            one(
                vec![
                    col("合计", all()),
                    col("基本支出", all().basic()),
                    col("项目支出", all().categories(&[Category::Project])),
                    col("单位预留机动经费", all().categories(&[Category::Reserve])),
                    col("结转下年资金", Filter::nothing()),
                ],
                vec![row("", all())],
            ),
            "",
        ),
        table(
            TableKind::FiscalSummary,
            "财政拨款收支预算总表",
            all().fiscal(),
            vec![
                BlockSpec {
                    side: Some(Side::Income),
                    columns: vec![col("预算数", all())],
                    rows: vec![
                        row("一般公共预算", all().source(F::GeneralPublicBudget)),
                        row("政府性基金预算", all().source(F::GovernmentFund)),
                        total("收入合计", all()),
                    ],
                },
                BlockSpec {
                    side: Some(Side::Expenditure),
                    columns: vec![col("预算数", all())],
                    rows: fiscal_uses,
                },
            ],
            "",
        ),
        table(
            TableKind::FiscalExpenditure,
            "财政拨款支出预算表（功能科目）",
            all().fiscal(),
            coded(tree()),
            "此表为空",
        ),
        table(
            TableKind::FiscalBasic,
            "财政拨款基本支出预算表（经济科目）",
            all().fiscal().basic(),
            coded(RowSpec::Econ),
            "此表为空",
        ),
        table(
            TableKind::GeneralBudget,
            "一般公共预算支出预算表（功能科目）",
            gpb(),
            coded(tree()),
            "此表为空",
        ),
        table(
            TableKind::GeneralBudgetBasic,
            "一般公共预算基本支出预算表（经济科目）",
            gpb().basic(),
            coded(RowSpec::Econ),
            "此表为空",
        ),
        table(
            TableKind::ThreePublic,
            "“三公”经费、会议费、培训费支出预算表",
            gpb().econ(&[
                "30212", "30217", "31013", "30913", "30231", "30215", "30216",
            ]),
            one(
                vec![
                    col("合计", all()),
                    col("三公经费", all().econ(ECON_THREE_PUBLIC)),
                    col("因公出国（境）费", all().econ(ECON_OUTBOUND)),
                    col("公务用车购置及运行费", all().econ(ECON_VEHICLES)),
                    col("公务用车购置费", all().econ(ECON_VEHICLE_PURCHASE)),
                    col("公务用车运行费", all().econ(ECON_VEHICLE_OPERATION)),
                    col("公务接待费", all().econ(ECON_RECEPTION)),
                    col("会议费", all().econ(ECON_MEETINGS)),
                    col("培训费", all().econ(ECON_TRAINING)),
                ],
                vec![row("", all())],
            ),
            "",
        ),
        table(
            TableKind::GovFundExpenditure,
            "政府性基金预算财政拨款支出预算表",
            all().source(F::GovernmentFund),
            coded(tree()),
            "此表为空",
        ),
        table(
            TableKind::AdminRunningCost,
            "一般公共预算机关运行经费支出预算表",
            gpb().basic().econ(&["302"]).admin_units_only(),
            coded(RowSpec::Econ),
            "此表为空",
        ),
        table(
            TableKind::Procurement,
            "政府采购支出预算表",
            all(),
            one(vec![col("预算数", all())], vec![RowSpec::Procurement]),
            "此表为空",
        ),
    ];
    Profile {
        id: "jiangsu",
        name: "江苏省级部门预算公开（12张表）",
        region: "江苏",
        family: Family::Budget,
        tables,
        explanation: Some(include_str!("../templates/jiangsu.txt")),
        issuer: Some("部门名称："),
        item_style: yusuan_model::PathStyle::Marked,
        generated: true,
    }
}
