//! The budget workbook: the directory format (`unit.toml`, `lines.csv`, `projects.toml`)
//! as one XLSX file a finance officer fills in WPS or Excel.
//!
//! [`template`] writes the workbook, empty or filled from a budget, with drop-down lists
//! for every closed choice (funding sources, categories, codes from the catalogue).
//! [`read`] turns a filled workbook back into the three texts of the directory format and
//! hands them to [`yusuan_load::parse_budget`], so both inputs go through one set of
//! rules; the diagnostics are then moved from the generated text to the `sheet!cell` the
//! value came from.
//!
//! The sheets and their columns are declared once, below, and both directions use them.

mod read;
mod write;

use yusuan_model::{
    Amount, Budget, Category, Family, FundingSource, IndicatorPeriod, Period, ProcurementKind,
    ProjectType, Scope, SourceDetail, UnitKind,
};

pub use read::read;
pub use write::template;

/// Sheet names, as the officer sees them.
pub const SHEET_GUIDE: &str = "填表说明";
pub const SHEET_UNIT: &str = "单位信息";
pub const SHEET_OVERVIEW: &str = "单位概况";
pub const SHEET_LINES: &str = "预算明细";
pub const SHEET_PROJECTS: &str = "项目";
pub const SHEET_INDICATORS: &str = "绩效指标";
pub const SHEET_ITEMS: &str = "科目说明";
pub const SHEET_INCOME: &str = "收入明细";
pub const SHEET_BALANCES: &str = "结转结余明细";
pub const SHEET_PROCUREMENT: &str = "政府采购明细";
pub const SHEET_CODES: &str = "科目表";

/// What a cell holds, which decides how it is written, validated and read.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Text,
    /// 元 with up to two decimals.
    Money,
    /// A whole number (a year, a count of vehicles).
    Count,
    /// Named counts in one cell, `名称 数量` parted by `、` (`执法执勤用车 40、其他用车 2`).
    CountList,
    /// One of a closed list.
    Choice(fn() -> Vec<&'static str>),
    /// A code from the catalogue (a list on the 科目表 sheet).
    FuncCode,
    EconCode,
}

/// A value of a budget, as one cell shows it.
pub(crate) enum Value {
    Text(String),
    Money(Option<Amount>),
    Count(Option<i64>),
}

/// One input field: its key in the directory format, its Chinese label and how to get it
/// out of a budget (for a filled workbook).
pub(crate) struct Field<T> {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub note: &'static str,
    pub get: fn(&T) -> Value,
}

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| label(*v)).collect()
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

macro_rules! field {
    ($key:expr, $label:expr, $kind:expr, $req:literal, $note:literal, |$b:ident: $t:ty| $get:expr) => {
        Field {
            key: $key,
            label: $label,
            kind: $kind,
            required: $req,
            note: $note,
            get: |$b: $t| $get,
        }
    };
    ($key:expr, $label:expr, $kind:expr, $req:literal, $note:literal, |$b:ident| $get:expr) => {
        Field {
            key: $key,
            label: $label,
            kind: $kind,
            required: $req,
            note: $note,
            get: |$b| $get,
        }
    };
}

/// The 单位信息 sheet: one row per field, label | value | note. Keys are `table.field`
/// paths of `unit.toml`.
pub(crate) fn unit_fields() -> Vec<Field<Budget>> {
    use Kind::*;
    vec![
        field!(
            "unit.name",
            "单位名称",
            Text,
            true,
            "如：长治市残疾人联合会",
            |b| text(&b.unit.name)
        ),
        field!(
            "unit.code",
            "单位编码",
            Text,
            false,
            "预算单位编码（可空）",
            |b| { text(b.unit.code.as_deref().unwrap_or("")) }
        ),
        field!(
            "unit.kind",
            "单位性质",
            Choice(|| labels(UnitKind::ALL, UnitKind::label)),
            true,
            "行政 / 参公 / 事业",
            |b| { text(b.unit.kind.label()) }
        ),
        field!(
            "unit.year",
            "预算年度",
            Count,
            true,
            "四位年份",
            |b| Value::Count(Some(b.unit.year.into()))
        ),
        field!(
            "unit.family",
            "报告类别",
            Choice(|| labels(Family::ALL, Family::label)),
            false,
            "预算 / 决算，默认预算",
            |b| { text(b.unit.family.label()) }
        ),
        field!(
            "unit.scope",
            "报告范围",
            Choice(|| labels(Scope::ALL, Scope::label)),
            false,
            "单位 / 部门，默认单位",
            |b| { text(b.unit.scope.label()) }
        ),
        field!(
            "unit.profile",
            "公开模板",
            Choice(yusuan_profile::generated_ids),
            true,
            "可生成的模板见 yusuan profiles",
            |b| { text(&b.unit.profile) }
        ),
        field!(
            "prior.income_total",
            "上年收入总计（元）",
            Money,
            false,
            "说明中与上年比较用",
            |b| Value::Money(b.prior.income_total)
        ),
        field!(
            "prior.expenditure_total",
            "上年支出总计（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.prior.expenditure_total)
        ),
        field!(
            "prior.fiscal_total",
            "上年财政拨款收支总计（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.prior.fiscal_total)
        ),
        field!(
            "prior.general_budget_current",
            "上年一般公共预算当年拨款（元）",
            Money,
            false,
            "",
            |b| { Value::Money(b.prior.general_budget_current) }
        ),
        field!(
            "prior.admin_running_cost",
            "上年机关运行经费（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.prior.admin_running_cost)
        ),
        field!(
            "prior.three_public.outbound",
            "上年因公出国（境）费（元）",
            Money,
            false,
            "",
            |b| { Value::Money(b.prior.three_public.outbound) }
        ),
        field!(
            "prior.three_public.reception",
            "上年公务接待费（元）",
            Money,
            false,
            "",
            |b| { Value::Money(b.prior.three_public.reception) }
        ),
        field!(
            "prior.three_public.vehicle_purchase",
            "上年公务用车购置费（元）",
            Money,
            false,
            "",
            |b| { Value::Money(b.prior.three_public.vehicle_purchase) }
        ),
        field!(
            "prior.three_public.vehicle_operation",
            "上年公务用车运行维护费（元）",
            Money,
            false,
            "",
            |b| { Value::Money(b.prior.three_public.vehicle_operation) }
        ),
        field!(
            "procurement.goods",
            "政府采购预算：货物（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.procurement.goods)
        ),
        field!(
            "procurement.works",
            "政府采购预算：工程（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.procurement.works)
        ),
        field!(
            "procurement.services",
            "政府采购预算：服务（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.procurement.services)
        ),
        field!(
            "procurement.reserved_sme",
            "面向中小企业预留（元）",
            Money,
            false,
            "可空",
            |b| Value::Money(b.procurement.reserved_sme)
        ),
        field!(
            "assets.as_of",
            "资产统计截止日期",
            Text,
            false,
            "如：2024年8月31日",
            |b| text(&b.assets.as_of)
        ),
        field!(
            "assets.vehicles",
            "公务用车实有（辆）",
            Count,
            false,
            "",
            |b| Value::Count(b.assets.vehicles)
        ),
        field!(
            "assets.equipment_over_1m",
            "单价50万元以上设备（台/套）",
            Count,
            false,
            "",
            |b| { Value::Count(b.assets.equipment_over_1m) }
        ),
        field!(
            "assets.new_vehicles",
            "本年拟购置公务用车（辆）",
            Count,
            false,
            "",
            |b| Value::Count(b.assets.new_vehicles)
        ),
        field!(
            "reasons.total_change",
            "收支总额增减原因",
            Text,
            false,
            "说明中“主要原因是……”",
            |b| { text(&b.reasons.total_change) }
        ),
        field!(
            "reasons.general_budget_change",
            "一般公共预算拨款增减原因",
            Text,
            false,
            "",
            |b| { text(&b.reasons.general_budget_change) }
        ),
        field!(
            "reasons.three_public_change",
            "“三公”经费增减原因",
            Text,
            false,
            "",
            |b| { text(&b.reasons.three_public_change) }
        ),
        field!(
            "reasons.admin_running_cost_change",
            "机关运行经费增减原因",
            Text,
            false,
            "",
            |b| { text(&b.reasons.admin_running_cost_change) }
        ),
        // What only a 决算 states (empty for a budget).
        field!(
            "balances.opening.\"一般公共预算\"",
            "决算：年初结转和结余·一般公共预算（元）",
            Money,
            false,
            "",
            |b| Value::Money(
                b.balances
                    .opening
                    .get(&FundingSource::GeneralPublicBudget)
                    .copied()
            )
        ),
        field!(
            "balances.opening.\"政府性基金预算\"",
            "决算：年初结转和结余·政府性基金预算（元）",
            Money,
            false,
            "",
            |b| Value::Money(
                b.balances
                    .opening
                    .get(&FundingSource::GovernmentFund)
                    .copied()
            )
        ),
        field!(
            "balances.opening.\"国有资本经营预算\"",
            "决算：年初结转和结余·国有资本经营预算（元）",
            Money,
            false,
            "",
            |b| Value::Money(
                b.balances
                    .opening
                    .get(&FundingSource::StateCapital)
                    .copied()
            )
        ),
        field!(
            "balances.opening.\"其他收入\"",
            "决算：年初结转和结余·非财政拨款（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.balances.opening.get(&FundingSource::OtherIncome).copied())
        ),
        field!(
            "balances.closing.\"一般公共预算\"",
            "决算：年末结转和结余·一般公共预算（元）",
            Money,
            false,
            "",
            |b| Value::Money(
                b.balances
                    .closing
                    .get(&FundingSource::GeneralPublicBudget)
                    .copied()
            )
        ),
        field!(
            "balances.closing.\"政府性基金预算\"",
            "决算：年末结转和结余·政府性基金预算（元）",
            Money,
            false,
            "",
            |b| Value::Money(
                b.balances
                    .closing
                    .get(&FundingSource::GovernmentFund)
                    .copied()
            )
        ),
        field!(
            "balances.closing.\"国有资本经营预算\"",
            "决算：年末结转和结余·国有资本经营预算（元）",
            Money,
            false,
            "",
            |b| Value::Money(
                b.balances
                    .closing
                    .get(&FundingSource::StateCapital)
                    .copied()
            )
        ),
        field!(
            "balances.closing.\"其他收入\"",
            "决算：年末结转和结余·非财政拨款（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.balances.closing.get(&FundingSource::OtherIncome).copied())
        ),
        field!(
            "balances.non_fiscal_used",
            "决算：使用非财政拨款结余（元）",
            Money,
            false,
            "含专用结余",
            |b| Value::Money(b.balances.non_fiscal_used)
        ),
        field!(
            "balances.distribution",
            "决算：结余分配（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.balances.distribution)
        ),
        field!(
            "three_public_budget.outbound",
            "决算：因公出国（境）费预算数（元）",
            Money,
            false,
            "“三公”经费年初预算",
            |b| Value::Money(b.three_public_budget.outbound)
        ),
        field!(
            "three_public_budget.reception",
            "决算：公务接待费预算数（元）",
            Money,
            false,
            "“三公”经费年初预算",
            |b| Value::Money(b.three_public_budget.reception)
        ),
        field!(
            "three_public_budget.vehicle_purchase",
            "决算：公务用车购置费预算数（元）",
            Money,
            false,
            "“三公”经费年初预算",
            |b| Value::Money(b.three_public_budget.vehicle_purchase)
        ),
        field!(
            "three_public_budget.vehicle_operation",
            "决算：公务用车运行维护费预算数（元）",
            Money,
            false,
            "“三公”经费年初预算",
            |b| Value::Money(b.three_public_budget.vehicle_operation)
        ),
        field!(
            "three_public_counts.outbound_groups",
            "决算：因公出国（境）团组（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.three_public_counts.outbound_groups)
        ),
        field!(
            "three_public_counts.outbound_people",
            "决算：因公出国（境）人次",
            Count,
            false,
            "",
            |b| Value::Count(b.three_public_counts.outbound_people)
        ),
        field!(
            "three_public_counts.vehicles_bought",
            "决算：公务用车购置（辆）",
            Count,
            false,
            "",
            |b| Value::Count(b.three_public_counts.vehicles_bought)
        ),
        field!(
            "three_public_counts.vehicles_held",
            "决算：公务用车保有量（辆）",
            Count,
            false,
            "",
            |b| Value::Count(b.three_public_counts.vehicles_held)
        ),
        field!(
            "three_public_counts.receptions",
            "决算：国内公务接待（批次）",
            Count,
            false,
            "",
            |b| Value::Count(b.three_public_counts.receptions)
        ),
        field!(
            "three_public_counts.reception_people",
            "决算：国内公务接待人次",
            Count,
            false,
            "",
            |b| Value::Count(b.three_public_counts.reception_people)
        ),
        field!(
            "three_public_counts.foreign_receptions",
            "决算：外事接待（批次）",
            Count,
            false,
            "",
            |b| Value::Count(b.three_public_counts.foreign_receptions)
        ),
        field!(
            "three_public_counts.foreign_reception_people",
            "决算：外事接待人次",
            Count,
            false,
            "",
            |b| Value::Count(b.three_public_counts.foreign_reception_people)
        ),
        field!(
            "procurement.reserved_micro",
            "决算：政府采购面向小微企业预留（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.procurement.reserved_micro)
        ),
        field!(
            "procurement.awarded_sme",
            "决算：政府采购中小企业中标或成交（预留项目）（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.procurement.awarded_sme)
        ),
        field!(
            "procurement.awarded_micro",
            "决算：政府采购小微企业中标或成交（预留项目）（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.procurement.awarded_micro)
        ),
        field!(
            "procurement.awarded_sme_other",
            "决算：政府采购中小企业中标或成交（其他项目）（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.procurement.awarded_sme_other)
        ),
        field!(
            "performance.targets",
            "决算：编报绩效目标的项目（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.performance.targets)
        ),
        field!(
            "performance.targets_amount",
            "决算：编报绩效目标的项目金额（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.performance.targets_amount)
        ),
        field!(
            "performance.tracked",
            "决算：绩效跟踪的项目（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.performance.tracked)
        ),
        field!(
            "performance.tracked_amount",
            "决算：绩效跟踪的项目金额（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.performance.tracked_amount)
        ),
        field!(
            "performance.evaluated",
            "决算：绩效自评的项目（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.performance.evaluated)
        ),
        field!(
            "performance.evaluated_amount",
            "决算：绩效自评的项目金额（元）",
            Money,
            false,
            "",
            |b| Value::Money(b.performance.evaluated_amount)
        ),
        field!(
            "performance.excellent",
            "决算：绩效评级为优（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.performance.excellent)
        ),
        field!(
            "performance.good",
            "决算：绩效评级为良（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.performance.good)
        ),
        field!(
            "performance.pass",
            "决算：绩效评级为合格（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.performance.pass)
        ),
        field!(
            "performance.fail",
            "决算：绩效评级为不合格（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.performance.fail)
        ),
        field!(
            "performance.problems",
            "决算：自评发现问题（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.performance.problems)
        ),
        field!(
            "performance.fixed",
            "决算：已完成整改（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.performance.fixed)
        ),
        field!(
            "performance.fixing",
            "决算：正在整改（个）",
            Count,
            false,
            "",
            |b| Value::Count(b.performance.fixing)
        ),
        field!(
            "assets.vehicles_by_use",
            "决算：车辆按用途（名称 数量，以顿号分隔）",
            CountList,
            false,
            "如：执法执勤用车 40、其他用车 2",
            |b| text(
                &b.assets
                    .vehicles_by_use
                    .iter()
                    .map(|(u, n)| format!("{u} {n}"))
                    .collect::<Vec<_>>()
                    .join("、")
            )
        ),
        field!(
            "performance.average_score",
            "决算：绩效自评平均得分",
            Text,
            false,
            "如 99.43",
            |b| text(&b.performance.average_score)
        ),
        field!(
            "reasons.final_against_budget",
            "决算：一般公共预算决算与年初预算差异原因",
            Text,
            false,
            "",
            |b| text(&b.reasons.final_against_budget)
        ),
    ]
}

/// The 预算明细 sheet: one budget line per row; keys are the columns of `lines.csv`.
pub(crate) fn line_fields() -> Vec<Field<yusuan_model::Line>> {
    use Kind::*;
    vec![
        field!(
            "func",
            "功能分类科目（项级编码）",
            FuncCode,
            true,
            "7位编码，如2081104",
            |l| text(l.func.as_str())
        ),
        field!(
            "econ",
            "经济分类科目（款级编码）",
            EconCode,
            true,
            "5位编码，如30101",
            |l| text(l.econ.as_str())
        ),
        field!(
            "category",
            "支出类别",
            Choice(|| labels(Category::ALL, Category::label)),
            true,
            "",
            |l| { text(l.category.label()) }
        ),
        field!(
            "source",
            "资金来源",
            // A named part of a source (`专项收入`) is written and chosen in its place.
            Choice(|| {
                let mut all = labels(FundingSource::ALL, FundingSource::label);
                all.extend(labels(SourceDetail::ALL, SourceDetail::label));
                all
            }),
            true,
            "",
            |l| { text(l.detail.map_or(l.source.label(), SourceDetail::label)) }
        ),
        field!(
            "period",
            "资金期间",
            Choice(|| labels(Period::ALL, Period::label)),
            false,
            "空为当年",
            |l| { text(l.period.label()) }
        ),
        field!(
            "project",
            "项目名称",
            Text,
            false,
            "项目支出必填，基本支出不填",
            |l| { text(l.project.as_deref().unwrap_or("")) }
        ),
        field!(
            "amount",
            "金额（元）",
            Money,
            true,
            "最多两位小数",
            |l| Value::Money(Some(l.amount))
        ),
        field!("memo", "备注", Text, false, "不进入报告", |_l| text(
            ""
        )),
    ]
}

/// The 项目 sheet: one project per row; keys are the fields of `[[project]]`.
pub(crate) fn project_fields() -> Vec<Field<yusuan_model::Project>> {
    use Kind::*;
    macro_rules! funds {
        ($part:literal, $label:literal, $f:ident) => {
            <[Field<yusuan_model::Project>; 6]>::from([
                field!(
                    concat!($part, ".total"),
                    concat!($label, "资金总额（元）"),
                    Money,
                    false,
                    "",
                    |p: &yusuan_model::Project| Value::Money(p.$f.total)
                ),
                field!(
                    concat!($part, ".central"),
                    concat!($label, "中央财政资金（元）"),
                    Money,
                    false,
                    "",
                    |p: &yusuan_model::Project| Value::Money(p.$f.central)
                ),
                field!(
                    concat!($part, ".provincial"),
                    concat!($label, "省级财政资金（元）"),
                    Money,
                    false,
                    "",
                    |p: &yusuan_model::Project| Value::Money(p.$f.provincial)
                ),
                field!(
                    concat!($part, ".local"),
                    concat!($label, "市县财政资金（元）"),
                    Money,
                    false,
                    "",
                    |p: &yusuan_model::Project| Value::Money(p.$f.local)
                ),
                field!(
                    concat!($part, ".self_raised"),
                    concat!($label, "单位自筹（元）"),
                    Money,
                    false,
                    "",
                    |p: &yusuan_model::Project| Value::Money(p.$f.self_raised)
                ),
                field!(
                    concat!($part, ".other"),
                    concat!($label, "其他资金（元）"),
                    Money,
                    false,
                    "",
                    |p: &yusuan_model::Project| Value::Money(p.$f.other)
                ),
            ])
        };
    }
    let mut v: Vec<Field<yusuan_model::Project>> = vec![
        field!(
            "name",
            "项目名称",
            Text,
            true,
            "与预算明细中的项目名称一致",
            |p| text(&p.name)
        ),
        field!(
            "department",
            "主管部门及代码",
            Text,
            false,
            "",
            |p| text(&p.department)
        ),
        field!("implementer", "实施单位", Text, false, "", |p| text(
            &p.implementer
        )),
        field!(
            "attribute",
            "项目属性",
            Text,
            false,
            "如：经常性项目",
            |p| text(&p.attribute)
        ),
        field!("duration", "项目期", Text, false, "如：1年", |p| text(
            &p.duration
        )),
        field!(
            "type",
            "项目类型",
            Choice(|| labels(ProjectType::ALL, ProjectType::label)),
            false,
            "",
            |p| { text(p.project_type.map_or("", ProjectType::label)) }
        ),
        field!("func", "功能分类科目", FuncCode, false, "", |p| text(
            p.func.as_ref().map_or("", |f| f.as_str())
        )),
        field!("overview", "项目概况", Text, false, "", |p| text(
            &p.overview
        )),
        field!("basis", "立项依据", Text, false, "", |p| text(&p.basis)),
        field!("necessity", "项目设立必要性", Text, false, "", |p| {
            text(&p.necessity)
        }),
        field!(
            "measures",
            "保证项目实施的制度、措施",
            Text,
            false,
            "",
            |p| text(&p.measures)
        ),
        field!("plan", "项目实施计划", Text, false, "", |p| text(
            &p.plan
        )),
        field!(
            "goal_total",
            "总体目标（实施期）",
            Text,
            false,
            "",
            |p| text(&p.goal_total)
        ),
        field!(
            "goal_annual",
            "总体目标（年度）",
            Text,
            false,
            "",
            |p| text(&p.goal_annual)
        ),
        field!(
            "filled_date",
            "填报日期",
            Text,
            false,
            "如：20231112",
            |p| text(&p.filled_date)
        ),
    ];
    v.extend(funds!("funds_total", "实施期", funds_total));
    v.extend(funds!("funds_annual", "年度", funds_annual));
    v
}

/// One row of the 绩效指标 sheet: an indicator with the project it belongs to.
pub(crate) struct IndicatorRow {
    pub project: String,
    pub indicator: yusuan_model::Indicator,
}

/// The 绩效指标 sheet; `project` links a row to the 项目 sheet.
pub(crate) fn indicator_fields() -> Vec<Field<IndicatorRow>> {
    use Kind::*;
    vec![
        field!(
            "project",
            "项目名称",
            Text,
            true,
            "与项目表中的项目名称一致",
            |r| text(&r.project)
        ),
        field!(
            "period",
            "期间",
            Choice(|| labels(IndicatorPeriod::ALL, IndicatorPeriod::label)),
            true,
            "实施期 / 年度",
            |r| { text(r.indicator.period.label()) }
        ),
        field!(
            "level1",
            "一级指标",
            Choice(|| vec!["产出指标", "效益指标", "满意度指标", "成本指标"]),
            true,
            "",
            |r| { text(&r.indicator.level1) }
        ),
        field!(
            "level2",
            "二级指标",
            Text,
            true,
            "如：数量指标",
            |r| text(&r.indicator.level2)
        ),
        field!("name", "三级指标", Text, true, "", |r| text(
            &r.indicator.name
        )),
        field!("value", "指标值", Text, true, "如：≥95%", |r| text(
            &r.indicator.value.raw
        )),
    ]
}

/// One row of the 科目说明 sheet: what the text says of a functional 项 — what it is for,
/// last year's figure and this year's 年初 / 全年预算 (决算), and the reason for the change.
pub(crate) struct ItemRow {
    pub code: String,
    pub purpose: Option<String>,
    pub prior: Option<Amount>,
    pub initial: Option<Amount>,
    pub full_year: Option<Amount>,
    pub reason: Option<String>,
}

impl ItemRow {
    /// A row for every 项 any of the budget's per-项 tables names, in code order.
    pub(crate) fn of(b: &Budget) -> Vec<ItemRow> {
        let mut codes: Vec<&String> = b
            .purposes
            .keys()
            .chain(b.prior_items.keys())
            .chain(b.initial_budget.keys())
            .chain(b.full_year_budget.keys())
            .chain(b.item_reasons.keys())
            .collect();
        codes.sort();
        codes.dedup();
        codes
            .into_iter()
            .map(|c| ItemRow {
                code: c.clone(),
                purpose: b.purposes.get(c).cloned(),
                prior: b.prior_items.get(c).copied(),
                initial: b.initial_budget.get(c).copied(),
                full_year: b.full_year_budget.get(c).copied(),
                reason: b.item_reasons.get(c).cloned(),
            })
            .collect()
    }
}

/// The 收入明细 sheet (决算): one income line per row; keys are the columns of `income.csv`.
pub(crate) fn income_fields() -> Vec<Field<yusuan_model::IncomeLine>> {
    use Kind::*;
    vec![
        field!(
            "func",
            "功能分类科目（项级编码）",
            FuncCode,
            true,
            "7位编码",
            |i| text(i.func.as_str())
        ),
        field!(
            "source",
            "收入来源",
            Choice(|| labels(FundingSource::ALL, FundingSource::label)),
            true,
            "",
            |i| text(i.source.label())
        ),
        field!(
            "amount",
            "金额（元）",
            Money,
            true,
            "最多两位小数",
            |i| { Value::Money(Some(i.amount)) }
        ),
    ]
}

/// The 政府采购明细 sheet (江苏): one line per row; keys are the columns of
/// `procurement.csv`.
pub(crate) fn procurement_fields() -> Vec<Field<yusuan_model::ProcurementItem>> {
    use Kind::*;
    vec![
        field!(
            "kind",
            "采购品目大类",
            Choice(|| labels(ProcurementKind::ALL, ProcurementKind::label)),
            true,
            "",
            |p| text(p.kind.label())
        ),
        field!("project", "专项名称", Text, true, "", |p| text(
            &p.project
        )),
        field!(
            "econ",
            "经济科目",
            Text,
            true,
            "科目名称，如办公设备购置",
            |p| text(&p.econ)
        ),
        field!(
            "item",
            "采购物品名称",
            Text,
            true,
            "按政府采购品目分类目录",
            |p| { text(&p.item) }
        ),
        field!(
            "method",
            "采购组织形式",
            Text,
            false,
            "政府集中采购 / 部门集中采购 / 分散自行组织",
            |p| text(&p.method)
        ),
        field!(
            "amount",
            "金额（元）",
            Money,
            true,
            "最多两位小数",
            |p| { Value::Money(Some(p.amount)) }
        ),
    ]
}

/// The 结转结余明细 sheet (决算): a 项's 年初 and 年末结转和结余 from one source per row; keys
/// are the columns of `balances.csv`.
pub(crate) fn balance_fields() -> Vec<Field<yusuan_model::ItemBalance>> {
    use Kind::*;
    vec![
        field!(
            "func",
            "功能分类科目（项级编码）",
            FuncCode,
            true,
            "7位编码",
            |i| text(i.func.as_str())
        ),
        field!(
            "source",
            "资金来源",
            Choice(|| labels(FundingSource::ALL, FundingSource::label)),
            true,
            "",
            |i| text(i.source.label())
        ),
        field!(
            "opening",
            "年初结转和结余（元）",
            Money,
            true,
            "",
            |i| { Value::Money(Some(i.opening)) }
        ),
        field!(
            "closing",
            "年末结转和结余（元）",
            Money,
            true,
            "",
            |i| { Value::Money(Some(i.closing)) }
        ),
    ]
}

/// The 科目说明 sheet: one functional 项 per row; each column after the code is one table
/// of `unit.toml` keyed by the code (`[purposes]`, `[prior_items]`, `[initial_budget]`,
/// `[full_year_budget]`, `[item_reasons]`).
pub(crate) fn item_fields() -> Vec<Field<ItemRow>> {
    use Kind::*;
    vec![
        field!(
            "code",
            "功能分类科目（项级编码）",
            FuncCode,
            true,
            "7位编码",
            |r| text(&r.code)
        ),
        field!(
            "purposes",
            "主要用于",
            Text,
            false,
            "上海、江苏模板的说明逐项写明",
            |r| text(r.purpose.as_deref().unwrap_or(""))
        ),
        field!(
            "prior_items",
            "上年数（元）",
            Money,
            false,
            "说明写明逐项增减的模板（江苏）",
            |r| Value::Money(r.prior)
        ),
        field!(
            "initial_budget",
            "年初预算数（元）",
            Money,
            false,
            "决算",
            |r| Value::Money(r.initial)
        ),
        field!(
            "full_year_budget",
            "全年预算数（元）",
            Money,
            false,
            "决算，调整后的预算",
            |r| Value::Money(r.full_year)
        ),
        field!(
            "item_reasons",
            "增减或差异原因",
            Text,
            false,
            "比上年增减（预算）或决算与预算差异（决算）的原因",
            |r| text(r.reason.as_deref().unwrap_or(""))
        ),
    ]
}

/// `A`, `B`, … `Z`, `AA` … for a 0-based column.
pub(crate) fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// `sheet!B5` for a 0-based row and column.
pub(crate) fn cell_name(sheet: &str, row: u32, col: u32) -> String {
    format!("{sheet}!{}{}", column_letters(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_wrap_like_a_spreadsheet() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn every_sheet_has_unique_keys_and_labels() {
        fn unique<T>(fields: &[Field<T>]) {
            for (i, f) in fields.iter().enumerate() {
                for g in &fields[i + 1..] {
                    assert_ne!(f.key, g.key);
                    assert_ne!(f.label, g.label);
                }
            }
        }
        unique(&unit_fields());
        unique(&line_fields());
        unique(&project_fields());
        unique(&indicator_fields());
        unique(&item_fields());
        unique(&income_fields());
        unique(&balance_fields());
        unique(&procurement_fields());
    }
}
