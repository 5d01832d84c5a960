use rust_decimal::prelude::ToPrimitive;
use yusuan_model::{Comparator, Diagnostic, IndicatorPeriod, Location, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-TARGET-COST: a unit-cost ceiling times an exact count leaves part of the funds
/// without a standard.
pub struct TargetCost;

impl Rule for TargetCost {
    fn id(&self) -> &'static str {
        "R-TARGET-COST"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "成本标准乘以数量与项目资金对不上"
    }
    fn doc(&self) -> &'static str {
        "For a cost indicator in 元 per unit (`≤2500元/人`) and a quantity indicator with that \
unit and an exact count (`26人`, no ≥), count × standard is the most the standard allows. If \
that is less than the project's annual funds, the funds cannot be spent within the standard. \
Counts with ≥ / > are open-ended and skipped. Why: the 长治 2024 乡镇理事考核补贴 budgets \
80,000 元 for 26 people at ≤2,500 元 each (65,000 元)."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for p in &cx.report.projects {
            let Some(funds) = p.funds_annual.total.map(|a| a.fen()) else {
                continue;
            };
            for cost in p.indicators_of(IndicatorPeriod::Annual) {
                let (Some(c), Some(unit)) = (cost.value.number, cost.value.unit.as_deref()) else {
                    continue;
                };
                let Some(per) = unit.strip_prefix("元/") else {
                    continue;
                };
                if matches!(cost.value.comparator, Some(Comparator::Ge | Comparator::Gt)) {
                    continue;
                }
                let counts: Vec<_> = p
                    .indicators_of(IndicatorPeriod::Annual)
                    .filter(|q| q.value.unit.as_deref() == Some(per))
                    .filter(|q| matches!(q.value.comparator, None | Some(Comparator::Eq)))
                    .filter_map(|q| q.value.number.map(|n| (q, n)))
                    .collect();
                let [(quantity, n)] = counts.as_slice() else {
                    continue;
                };
                let Some(most) = (c * n * rust_decimal::Decimal::from(100)).to_i64() else {
                    continue;
                };
                if most + 100 < funds {
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "项目「{}」：{}「{}」×{}「{}」= {} 元，少于年度资金 {} 元",
                                p.name,
                                quantity.name,
                                quantity.value.raw,
                                cost.name,
                                cost.value.raw,
                                yusuan_model::Amount(most).yuan(),
                                yusuan_model::Amount(funds).yuan()
                            ),
                            Location {
                                row: Some(format!("{} / {}", p.name, cost.name)),
                                ..cx.at_file()
                            },
                        )
                        .with_hint("按成本标准无法用完项目资金：核对数量、标准或资金"),
                    );
                }
            }
        }
    }
}
