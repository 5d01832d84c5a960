//! A Budget: exact line items plus the unit facts the document needs. It derives a
//! [`Report`](crate::Report) under a template profile.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::code::{EconCode, FuncCode};
use crate::money::Amount;
use crate::project::Project;
use crate::terms::{
    Category, Family, FundingSource, Period, ProcurementKind, Scope, SourceDetail, UnitKind,
};

/// One budget line: an amount under one functional 项, one departmental economic 款,
/// one funding source, one period and one spending category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub func: FuncCode,
    pub econ: EconCode,
    pub category: Category,
    pub source: FundingSource,
    /// The named part of its source, when the input gives one (`专项收入`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<SourceDetail>,
    pub period: Period,
    /// The project it pays for; required for 项目支出, absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    pub amount: Amount,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitInfo {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub kind: UnitKind,
    pub year: u16,
    pub family: Family,
    pub scope: Scope,
    /// Template profile id (`shanxi`, `shanghai`).
    pub profile: String,
}

/// The 三公 items, in 元.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreePublicFigures {
    pub outbound: Option<Amount>,
    pub reception: Option<Amount>,
    pub vehicle_purchase: Option<Amount>,
    pub vehicle_operation: Option<Amount>,
}

impl ThreePublicFigures {
    /// The “三公” total of the parts given; none when no part is.
    pub fn total(&self) -> Option<Amount> {
        [
            self.outbound,
            self.reception,
            self.vehicle_purchase,
            self.vehicle_operation,
        ]
        .into_iter()
        .flatten()
        .reduce(|a, b| a + b)
    }
}

/// Last year's figures that the explanation compares with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorYear {
    pub income_total: Option<Amount>,
    pub expenditure_total: Option<Amount>,
    pub fiscal_total: Option<Amount>,
    pub general_budget_current: Option<Amount>,
    pub admin_running_cost: Option<Amount>,
    #[serde(default)]
    pub three_public: ThreePublicFigures,
}

/// 政府采购预算 by goods / works / services, in 元.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Procurement {
    pub goods: Option<Amount>,
    pub works: Option<Amount>,
    pub services: Option<Amount>,
    /// 面向中小企业预留.
    pub reserved_sme: Option<Amount>,
    /// 决算: 面向小微企业预留; awarded to 中小企业 / 小微企业 in the reserved projects, and to
    /// 中小企业 in the other projects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserved_micro: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarded_sme: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarded_micro: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarded_sme_other: Option<Amount>,
}

/// One line of a 政府采购预算 as the 江苏 table lists it: a 品目 bought for a 专项 under
/// an economic item, with the way it is bought.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcurementItem {
    pub kind: ProcurementKind,
    /// 专项名称: the project or purpose it is bought for.
    pub project: String,
    /// 经济科目, by name as the table prints it (`办公设备购置`).
    pub econ: String,
    /// 采购物品名称 (财库〔2013〕189号 品目).
    pub item: String,
    /// 采购组织形式 (政府集中采购 / 部门集中采购 / 分散自行组织).
    pub method: String,
    pub amount: Amount,
}

/// One 决算 income line: what came in under a functional 项 from one source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeLine {
    pub func: FuncCode,
    pub source: FundingSource,
    pub amount: Amount,
}

/// One 项's 结转和结余 from one source (the 政府性基金 / 国有资本经营 决算 tables list them by 项).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemBalance {
    pub func: FuncCode,
    pub source: FundingSource,
    pub opening: Amount,
    pub closing: Amount,
}

/// 结转和结余 of a 决算: what was carried in at the start of the year and out at its end,
/// by source, and how the non-fiscal balance moved.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balances {
    /// 年初结转和结余.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub opening: BTreeMap<FundingSource, Amount>,
    /// 年末结转和结余.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub closing: BTreeMap<FundingSource, Amount>,
    /// 使用非财政拨款结余（含专用结余）.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_fiscal_used: Option<Amount>,
    /// 结余分配.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<Amount>,
}

/// 预算绩效管理情况 of a 决算: how many projects went through each step, and the result.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    /// Projects with 绩效目标, and their budget.
    pub targets: Option<i64>,
    pub targets_amount: Option<Amount>,
    /// Projects under 绩效跟踪.
    pub tracked: Option<i64>,
    pub tracked_amount: Option<Amount>,
    /// Projects with a 绩效自评, their budget and the average score as printed (`99.43`).
    pub evaluated: Option<i64>,
    pub evaluated_amount: Option<Amount>,
    #[serde(default)]
    pub average_score: String,
    /// 优 / 良 / 合格 / 不合格.
    pub excellent: Option<i64>,
    pub good: Option<i64>,
    pub pass: Option<i64>,
    pub fail: Option<i64>,
    /// Problems found, fixed, being fixed.
    pub problems: Option<i64>,
    pub fixed: Option<i64>,
    pub fixing: Option<i64>,
}

/// What the 三公 money of a 决算 bought: 团组 and 人次 abroad, vehicles bought and held,
/// receptions and their guests (国内 and 外事).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreePublicCounts {
    pub outbound_groups: Option<i64>,
    pub outbound_people: Option<i64>,
    pub vehicles_bought: Option<i64>,
    pub vehicles_held: Option<i64>,
    pub receptions: Option<i64>,
    pub reception_people: Option<i64>,
    pub foreign_receptions: Option<i64>,
    pub foreign_reception_people: Option<i64>,
}

/// 国有资产占有使用情况.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assets {
    /// The date the figures are taken at (`2024年8月31日`), as text.
    #[serde(default)]
    pub as_of: String,
    pub vehicles: Option<i64>,
    pub equipment_over_1m: Option<i64>,
    pub new_vehicles: Option<i64>,
    /// Vehicles by use, in the order the template lists them (`[["执法执勤用车", 40], …]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vehicles_by_use: Vec<(String, i64)>,
}

/// Reasons the explanation gives for changes, from the input (never invented).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reasons {
    #[serde(default)]
    pub total_change: String,
    #[serde(default)]
    pub general_budget_change: String,
    #[serde(default)]
    pub three_public_change: String,
    #[serde(default)]
    pub admin_running_cost_change: String,
    /// 决算: why 一般公共预算 spending differs from its 年初预算.
    #[serde(default)]
    pub final_against_budget: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub unit: UnitInfo,
    pub lines: Vec<Line>,
    #[serde(default)]
    pub projects: Vec<Project>,
    #[serde(default)]
    pub prior: PriorYear,
    #[serde(default)]
    pub procurement: Procurement,
    /// 政府采购 line by line (`procurement.csv`), for templates that list them (江苏).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procurement_items: Vec<ProcurementItem>,
    #[serde(default)]
    pub assets: Assets,
    /// 决算: income by 项 and source (`income.csv`); a budget's income is its spending.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub income: Vec<IncomeLine>,
    /// 决算: 结转和结余.
    #[serde(default)]
    pub balances: Balances,
    /// 决算: 结转和结余 by 项 and source (`balances.csv`); a source listed here has its
    /// `balances` totals from these rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item_balances: Vec<ItemBalance>,
    /// 决算: 预算绩效管理情况.
    #[serde(default)]
    pub performance: Performance,
    /// 决算: the 三公 figures budgeted for the year (预算数), beside the lines' 决算数.
    #[serde(default)]
    pub three_public_budget: ThreePublicFigures,
    /// 决算: each functional 项's 年初预算数 (元), by 7-digit code, for the explanation.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub initial_budget: BTreeMap<String, Amount>,
    /// 决算: each 项's 全年预算数 (the budget as adjusted during the year), where the
    /// template states it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub full_year_budget: BTreeMap<String, Amount>,
    /// 决算: what the 三公 money bought.
    #[serde(default)]
    pub three_public_counts: ThreePublicCounts,
    /// Last year's figure of each functional 项 (元), by 7-digit code, for templates that
    /// state each 项's change (江苏).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prior_items: BTreeMap<String, Amount>,
    /// Why a 项 changed on last year (预算) or why its 决算数 differs from its 年初预算数
    /// (决算), by 7-digit code, as the unit states it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub item_reasons: BTreeMap<String, String>,
    #[serde(default)]
    pub reasons: Reasons,
    /// Free text of 第一部分 概况 (职责, 机构设置), kept for the document.
    #[serde(default)]
    pub overview: Vec<String>,
    /// What the money of a functional 项 is for (“主要用于……”), by 7-digit code, for
    /// templates that explain each 项 (上海). From the input, never invented.
    #[serde(default)]
    pub purposes: BTreeMap<String, String>,
}

impl Budget {
    pub fn total(&self) -> Amount {
        self.lines.iter().map(|l| l.amount).sum()
    }

    /// The sum of the lines `pred` selects.
    pub fn sum_where(&self, pred: impl Fn(&Line) -> bool) -> Amount {
        self.lines
            .iter()
            .filter(|l| pred(l))
            .map(|l| l.amount)
            .sum()
    }
}

impl Line {
    /// Whether the line's economic code falls under one of `codes` (prefixes).
    pub fn econ_in(&self, codes: &[&str]) -> bool {
        codes.iter().any(|c| self.econ.as_str().starts_with(c))
    }
}
