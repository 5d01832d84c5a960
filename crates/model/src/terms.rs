//! Domain enums and their Chinese labels, both ways, in one place.
//! `docs/glossary.md` lists the same pairs for people.

use serde::{Deserialize, Serialize};

/// Declares an enum whose every variant has one canonical Chinese label and,
/// optionally, accepted synonyms.
macro_rules! labelled {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $label:literal $(| $alias:literal)*,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $label)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// Accepts the label or a synonym, ignoring surrounding whitespace.
            pub fn from_label(text: &str) -> Option<$name> {
                match text.trim() {
                    $($label $(| $alias)* => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The accepted labels, for error messages.
            pub fn labels() -> String {
                [$($label),+].join(" / ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

labelled! {
    /// 资金来源: where the money of a budget line comes from.
    FundingSource {
        GeneralPublicBudget = "一般公共预算" | "一般公共预算资金" | "一般公共预算拨款",
        GovernmentFund = "政府性基金预算" | "政府性基金",
        StateCapital = "国有资本经营预算",
        FiscalSpecialAccount = "财政专户管理资金",
        UnitFunds = "单位资金",
        /// 事业收入 (上海-style income breakdown of 单位资金).
        BusinessIncome = "事业收入",
        /// 事业单位经营收入.
        OperatingIncome = "事业单位经营收入" | "经营收入",
        /// 其他收入.
        OtherIncome = "其他收入",
        /// 上级补助收入 (决算).
        UpperGrant = "上级补助收入",
        /// 附属单位上缴收入 (决算).
        SubsidiaryRemittance = "附属单位上缴收入",
    }
}

labelled! {
    /// A named part of a source that some templates print on a row of its own (江苏
    /// 收入预算总表: 专项收入 within 一般公共预算; 专户管理教育收费 and 其他非税收入 within
    /// 财政专户管理资金).
    SourceDetail {
        /// 专项收入: 一般公共预算 money from earmarked non-tax revenue.
        SpecialRevenue = "专项收入",
        /// 专户管理教育收费.
        EducationFees = "专户管理教育收费",
        /// 其他非税收入 kept in a 财政专户.
        OtherNonTax = "其他非税收入",
    }
}

impl SourceDetail {
    /// The source it is part of.
    pub const fn source(self) -> FundingSource {
        match self {
            SourceDetail::SpecialRevenue => FundingSource::GeneralPublicBudget,
            SourceDetail::EducationFees | SourceDetail::OtherNonTax => {
                FundingSource::FiscalSpecialAccount
            }
        }
    }
}

impl FundingSource {
    /// 财政拨款: money appropriated by the finance department.
    pub const fn is_fiscal(self) -> bool {
        matches!(
            self,
            FundingSource::GeneralPublicBudget
                | FundingSource::GovernmentFund
                | FundingSource::StateCapital
        )
    }
}

labelled! {
    /// 当年 vs 上年结转: this year's appropriation or money carried over from last year.
    Period {
        Current = "当年" | "本年" | "当年预算",
        CarryOver = "上年结转",
    }
}

labelled! {
    /// 支出类别: 基本支出 splits into 人员经费 and 公用经费; the rest is 项目支出.
    Category {
        Personnel = "人员经费",
        Public = "公用经费",
        Project = "项目支出",
        /// 单位预留机动经费 (江苏): money set aside unallocated, neither 基本 nor 项目.
        Reserve = "单位预留机动经费" | "预留机动经费",
        /// 上缴上级支出 (决算).
        Remittance = "上缴上级支出",
        /// 经营支出 (决算).
        Business = "经营支出",
        /// 对附属单位补助支出 (决算).
        SubsidiaryGrant = "对附属单位补助支出",
    }
}

labelled! {
    /// 采购品目大类 of a 政府采购 line.
    ProcurementKind {
        Goods = "货物",
        Works = "工程",
        Services = "服务",
    }
}

impl ProcurementKind {
    /// The letter the 江苏 table prints after the category (`货物A`).
    pub const fn letter(self) -> char {
        match self {
            ProcurementKind::Goods => 'A',
            ProcurementKind::Works => 'B',
            ProcurementKind::Services => 'C',
        }
    }
}

impl Category {
    /// Spending a 决算 reports and a budget does not plan.
    pub const fn is_final_only(self) -> bool {
        matches!(
            self,
            Category::Remittance | Category::Business | Category::SubsidiaryGrant
        )
    }

    /// 基本支出 = 人员经费 + 公用经费.
    pub const fn is_basic(self) -> bool {
        matches!(self, Category::Personnel | Category::Public)
    }
}

labelled! {
    /// 单位性质.
    UnitKind {
        Administrative = "行政" | "行政单位",
        /// 参照公务员法管理的事业单位.
        CivilServiceManaged = "参公" | "参公事业单位" | "参照公务员法管理",
        Institution = "事业" | "事业单位",
    }
}

impl UnitKind {
    /// 机关运行经费 exists for 行政 units and 参公 事业 units only.
    pub const fn has_admin_running_cost(self) -> bool {
        matches!(
            self,
            UnitKind::Administrative | UnitKind::CivilServiceManaged
        )
    }
}

labelled! {
    /// 项目类型.
    ProjectType {
        Operating = "其他运转类",
        SpecificGoal = "特定目标类",
    }
}

labelled! {
    /// 绩效目标 period: over the whole implementation or for this year.
    IndicatorPeriod {
        Implementation = "实施期",
        Annual = "年度",
    }
}

labelled! {
    /// 指标值 comparator.
    Comparator {
        Ge = "≥" | ">=" | "＞=",
        Le = "≤" | "<=" | "＜=",
        Eq = "=" | "＝",
        Gt = ">" | "＞",
        Lt = "<" | "＜",
    }
}

labelled! {
    /// Side of a two-sided table.
    Side {
        Income = "收入",
        Expenditure = "支出",
    }
}

labelled! {
    /// 预算 (budget) or 决算 (final accounts).
    Family {
        Budget = "预算",
        Final = "决算",
    }
}

labelled! {
    /// 部门 (a department with its units, consolidated) or 单位 (one unit).
    Scope {
        Department = "部门",
        Unit = "单位",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for s in FundingSource::ALL {
            assert_eq!(FundingSource::from_label(s.label()), Some(*s));
        }
        for c in Category::ALL {
            assert_eq!(Category::from_label(c.label()), Some(*c));
        }
        assert_eq!(
            FundingSource::from_label(" 政府性基金 "),
            Some(FundingSource::GovernmentFund)
        );
        assert_eq!(
            UnitKind::from_label("参公"),
            Some(UnitKind::CivilServiceManaged)
        );
        assert_eq!(Comparator::from_label(">="), Some(Comparator::Ge));
        assert_eq!(Period::from_label("结转"), None);
    }

    #[test]
    fn serde_uses_labels() {
        let json = serde_json::to_string(&FundingSource::GovernmentFund).unwrap();
        assert_eq!(json, "\"政府性基金预算\"");
    }
}
