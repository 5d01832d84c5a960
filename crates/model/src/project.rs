//! Projects (项目) and their performance indicators (绩效指标).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::code::FuncCode;
use crate::money::Amount;
use crate::terms::{Comparator, IndicatorPeriod, ProjectType};

/// 项目资金 split by where the money comes from; a blank cell is `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundSplit {
    pub total: Option<Amount>,
    /// 中央财政资金.
    pub central: Option<Amount>,
    /// 省级财政资金.
    pub provincial: Option<Amount>,
    /// 市县（区）财政资金.
    pub local: Option<Amount>,
    /// 单位自筹.
    pub self_raised: Option<Amount>,
    /// 其他资金.
    pub other: Option<Amount>,
}

impl FundSplit {
    /// The sum of the parts, blanks as zero.
    pub fn parts_sum(&self) -> Amount {
        [
            self.central,
            self.provincial,
            self.local,
            self.self_raised,
            self.other,
        ]
        .into_iter()
        .flatten()
        .sum()
    }
}

/// An indicator value: `≥150人`, `100%`, `≤1000元/例`, `2024年12月31日前`, `及时`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// As printed.
    pub raw: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<Comparator>,
    /// The leading number, when the value starts with one (after the comparator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<Decimal>,
    /// What follows the number (`人`, `%`, `元/人`), when there is a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl IndicatorValue {
    /// Splits a printed value into comparator, number and unit. Never fails: a value
    /// without a leading number (a date, a word) keeps only its raw text.
    pub fn parse(raw: &str) -> IndicatorValue {
        let text: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        let mut rest = text.as_str();
        let mut comparator = None;
        for len in [2usize, 1] {
            let Some((idx, _)) = rest.char_indices().nth(len - 1) else {
                continue;
            };
            let end = idx + rest[idx..].chars().next().map_or(0, char::len_utf8);
            if let Some(c) = Comparator::from_label(&rest[..end]) {
                comparator = Some(c);
                rest = &rest[end..];
                break;
            }
        }
        let digits_end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
            .map_or(rest.len(), |(i, _)| i);
        let number_text: String = rest[..digits_end].chars().filter(|c| *c != ',').collect();
        let tail = &rest[digits_end..];
        // A date or period (2024年12月31日, 1至8月) is not a quantity with a unit.
        let is_date = tail.starts_with('年') || tail.starts_with('至') || tail.starts_with('-');
        let number = if is_date {
            None
        } else {
            number_text.trim_end_matches('.').parse::<Decimal>().ok()
        };
        IndicatorValue {
            raw: raw.trim().to_owned(),
            comparator,
            unit: number.map(|_| tail.to_owned()).filter(|u| !u.is_empty()),
            number,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub period: IndicatorPeriod,
    /// 一级指标: 产出指标 / 效益指标 / 满意度指标 (成本指标 in newer templates).
    pub level1: String,
    /// 二级指标: 数量指标, 质量指标, ...
    pub level2: String,
    /// 三级指标.
    pub name: String,
    pub value: IndicatorValue,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub name: String,
    /// 主管部门及代码, as printed.
    #[serde(default)]
    pub department: String,
    /// 实施单位.
    #[serde(default)]
    pub implementer: String,
    /// 项目属性 (一次性项目 / 经常性项目).
    #[serde(default)]
    pub attribute: String,
    /// 项目期.
    #[serde(default)]
    pub duration: String,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub project_type: Option<ProjectType>,
    /// The functional 项 its money is budgeted under, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub func: Option<FuncCode>,
    #[serde(default)]
    pub overview: String,
    #[serde(default)]
    pub basis: String,
    #[serde(default)]
    pub necessity: String,
    #[serde(default)]
    pub measures: String,
    #[serde(default)]
    pub plan: String,
    /// 实施期目标.
    #[serde(default)]
    pub goal_total: String,
    /// 年度目标.
    #[serde(default)]
    pub goal_annual: String,
    #[serde(default)]
    pub filled_date: String,
    /// 实施期资金.
    #[serde(default)]
    pub funds_total: FundSplit,
    /// 年度资金.
    #[serde(default)]
    pub funds_annual: FundSplit,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

impl Project {
    pub fn indicators_of(&self, period: IndicatorPeriod) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(move |i| i.period == period)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(raw: &str) -> (Option<Comparator>, Option<String>, Option<String>) {
        let v = IndicatorValue::parse(raw);
        (v.comparator, v.number.map(|n| n.to_string()), v.unit)
    }

    #[test]
    fn splits_values() {
        assert_eq!(
            parsed("≥40 人"),
            (Some(Comparator::Ge), Some("40".into()), Some("人".into()))
        );
        assert_eq!(parsed("100%"), (None, Some("100".into()), Some("%".into())));
        assert_eq!(
            parsed("≤1000000元"),
            (
                Some(Comparator::Le),
                Some("1000000".into()),
                Some("元".into())
            )
        );
        assert_eq!(
            parsed("3000元/人"),
            (None, Some("3000".into()), Some("元/人".into()))
        );
        assert_eq!(parsed("1005"), (None, Some("1005".into()), None));
        assert_eq!(
            parsed(">=85%"),
            (Some(Comparator::Ge), Some("85".into()), Some("%".into()))
        );
        assert_eq!(parsed("2024年12月31日"), (None, None, None));
        assert_eq!(parsed("及时"), (None, None, None));
        assert_eq!(
            parsed("1,000,000元"),
            (None, Some("1000000".into()), Some("元".into()))
        );
    }
}
