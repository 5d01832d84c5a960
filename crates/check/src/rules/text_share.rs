use yusuan_model::{Diagnostic, FactValue, Severity};

use crate::rules::text_figures::fact_at;
use crate::util::{fen, Cx};
use crate::Rule;

/// R-TEXT-SHARE: a share the text states (`占92.17%`) recomputes from its figures.
pub struct TextShare;

/// Facts a share is taken of.
const BASES: &[&str] = &["income.total", "expenditure.total", "general_budget.current", "fiscal.total"];

impl Rule for TextShare {
    fn id(&self) -> &'static str {
        "R-TEXT-SHARE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中的占比与金额相符"
    }
    fn doc(&self) -> &'static str {
        "A share stated after a figure (`一般公共预算拨款收入1,087.83万元，占92.17%`) equals that \
figure over the total last stated before it (收入总计, 支出总计, 一般公共预算当年支出 or 财政拨款 \
总预算), to ±0.1 percentage point. Why: a share that does not recompute hides a wrong figure."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let facts = &cx.report.facts;
        for (i, f) in facts.iter().enumerate() {
            let (Some(base_key), FactValue::Percent(stated)) = (f.key.strip_suffix(".share"), &f.value) else { continue };
            let Some(FactValue::Money(part)) = facts[..i].iter().rev().find(|g| g.key == base_key).map(|g| &g.value) else { continue };
            let Some(FactValue::Money(total)) = facts[..i].iter().rev().find(|g| BASES.contains(&g.key.as_str()) && g.key != base_key).map(|g| &g.value) else { continue };
            if fen(*total) == 0 {
                continue;
            }
            // Hundredths of a percentage point, rounded half up.
            let computed = (fen(*part) as i128 * 20_000 / fen(*total) as i128 + 1) / 2;
            let off = (computed as i64 - stated).abs();
            if off > 10 {
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!(
                            "说明称占{}.{:02}%，按金额计算为{}.{:02}%（{} / {}）",
                            stated / 100,
                            stated % 100,
                            computed / 100,
                            computed % 100,
                            part,
                            total
                        ),
                        fact_at(cx, f),
                    )
                    .with_hint("占比允许±0.1个百分点的误差"),
                );
            }
        }
    }
}
