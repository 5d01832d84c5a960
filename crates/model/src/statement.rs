//! Statements: what a sentence of the explanation claims, about what. A built report's
//! explanation is written from statements and an extracted one is read back into them
//! (`yusuan-statement` holds the one grammar both directions use), so rules compare
//! claims with tables whichever way the report came.

use serde::{Deserialize, Serialize};

use crate::Printed;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub subject: Subject,
    pub claims: Vec<Claim>,
    /// 主要用于… as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// 主要原因是… as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where it was read; absent for a statement a built report writes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// What a statement is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Subject {
    /// A functional 类 / 款 / 项, by the names printed for it, outermost first. Its code is
    /// found through the report's own rows (names, not codes, are what the text prints).
    Item { path: Vec<String>, style: PathStyle },
    /// A total the text names in words rather than by a path: the report's income or
    /// spending, a fund's, a group's (基本支出), the “三公” spending and its parts, 机关运行经费,
    /// 政府采购. `key` is the canonical key facts use too (`income.total`,
    /// `three_public.outbound`, from `yusuan_statement::key_for`); `name` is the words printed.
    Named { key: String, name: String },
}

impl Subject {
    /// The subject as a reviewer reads it: `“A-B-C”` for an item, the printed words for a
    /// named total.
    pub fn show(&self) -> String {
        match self {
            Subject::Item { path, .. } => format!("“{}”", path.join("-")),
            Subject::Named { name, .. } => format!("“{name}”"),
        }
    }

    /// The key of a named total.
    pub fn key(&self) -> Option<&str> {
        match self {
            Subject::Named { key, .. } => Some(key),
            Subject::Item { .. } => None,
        }
    }
}

/// How a 类-款-项 path is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathStyle {
    /// `“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目`
    Dashed,
    /// `“一般公共服务支出（类）财政事务（款）行政运行（项）”`
    Marked,
    /// A 类 named alone in the list of what a budget is spent on
    /// (`主要用于以下方面：教育支出0.45万元，占0.04%；…`).
    Bare,
}

/// One claim: a measure of the subject and its value, and the line that prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub measure: Measure,
    pub value: ClaimValue,
    /// The year the measure is of, when printed (`2023年当年预算执行数`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// The figure printed with the subject: its 预算数 (budget) or 决算数 (final accounts).
    Amount,
    /// 当年预算执行数 of an earlier year.
    PriorExecuted,
    /// 预算安排: this year's budget, restated.
    Planned,
    /// 与上年相比增加 / 减少 X万元: the change of `Amount` against last year.
    Change,
    /// 增长 / 下降 R%, or 比…预算执行数增加 R%: the change of `Planned` against
    /// `PriorExecuted` when both are printed, else of `Amount` against `Amount − Change`.
    ChangeRate,
    /// 占 R%: the subject's share of the total it is listed under.
    Share,
    /// 年初预算为.
    InitialBudget,
    /// 全年预算为.
    FullYearBudget,
    /// 支出决算为.
    Final,
    /// 完成年初预算的 R%.
    Completion,
    /// 决算数 大于 / 小于 / 等于 预算数 (or 基本持平).
    FinalAgainstBudget,
    /// 决算比（年初）预算数增加 / 减少 X万元: how far the 决算 is from the budget, in money.
    BudgetDifference,
    /// A count of what the money paid for: 团组, 批次, 人次, 辆 (`组织出国团组2个，6人次`).
    Count,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum ClaimValue {
    Money(Printed),
    /// An amount of change with its direction word (`减少1,237.7万元`).
    Delta {
        money: Printed,
        way: Way,
    },
    /// A rate in hundredths of a percent, with its direction word when it has one
    /// (`增加8.57%`; a share `占71.73%` has none).
    Rate {
        hundredths: i64,
        decimals: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        way: Option<Way>,
    },
    /// A comparison word alone (`决算数小于预算数`).
    Word(Way),
    /// A count and what it counts.
    Count {
        n: i64,
        unit: CountUnit,
    },
}

/// What a count counts, by the measure word printed after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountUnit {
    /// 个 (团组, 项目)
    Pieces,
    /// 批次
    Batches,
    /// 人次
    PersonTimes,
    /// 辆
    Vehicles,
}

impl CountUnit {
    pub const fn label(self) -> &'static str {
        match self {
            CountUnit::Pieces => "个",
            CountUnit::Batches => "批次",
            CountUnit::PersonTimes => "人次",
            CountUnit::Vehicles => "辆",
        }
    }
}

/// The direction a text gives a change or a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Way {
    /// 增加 / 增长 / 大于 / 高于
    Up,
    /// 减少 / 下降 / 小于 / 低于
    Down,
    /// 持平 / 等于 / 基本持平
    Level,
}

/// Where a statement was read: its first line, and the text it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub quote: String,
}

impl Measure {
    /// The measure's name in Chinese, as a reviewer reads it.
    pub const fn label(self) -> &'static str {
        match self {
            Measure::Amount => "金额",
            Measure::PriorExecuted => "上年预算执行数",
            Measure::Planned => "预算安排",
            Measure::Change => "比上年增减",
            Measure::ChangeRate => "增减率",
            Measure::Share => "占比",
            Measure::InitialBudget => "年初预算",
            Measure::FullYearBudget => "全年预算",
            Measure::Final => "决算",
            Measure::Completion => "完成率",
            Measure::FinalAgainstBudget => "决算与预算相比",
            Measure::BudgetDifference => "决算比预算增减",
            Measure::Count => "数量",
        }
    }
}

impl Way {
    pub const fn label(self) -> &'static str {
        match self {
            Way::Up => "增加",
            Way::Down => "减少",
            Way::Level => "持平",
        }
    }
}

impl ClaimValue {
    /// The value as a reviewer reads it: `738.66万元`, `增加3.84%`, `减少`.
    pub fn show(&self) -> String {
        let rate = |h: i64, d: u8| {
            Printed {
                hundredths: h,
                unit: crate::MoneyUnit::Yuan,
                decimals: d,
            }
            .to_string()
        };
        match *self {
            ClaimValue::Money(m) => format!("{}{}", crate::with_separators(m), m.unit.label()),
            ClaimValue::Delta { money, way } => {
                format!(
                    "{}{}{}",
                    way.label(),
                    crate::with_separators(money),
                    money.unit.label()
                )
            }
            ClaimValue::Rate {
                hundredths,
                decimals,
                way,
            } => format!(
                "{}{}%",
                way.map_or("", Way::label),
                rate(hundredths, decimals)
            ),
            ClaimValue::Word(w) => w.label().to_owned(),
            ClaimValue::Count { n, unit } => format!("{n}{}", unit.label()),
        }
    }
}
