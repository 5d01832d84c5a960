use yusuan_model::{Diagnostic, FactValue, Printed, Severity};

use crate::rules::text_figures::fact_at;
use crate::util::{fen, percent_of, rate_spread, stated_rounding, Cx};
use crate::Rule;

/// R-TEXT-COMPLETION: a 完成预算的 R% the text states is its 决算 over its 预算.
pub struct TextCompletion;

impl Rule for TextCompletion {
    fn id(&self) -> &'static str {
        "R-TEXT-COMPLETION"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中的完成预算比例与预算数、决算数相符"
    }
    fn doc(&self) -> &'static str {
        "A rate of completion stated after a figure (`预算为3万元，支出决算为1.71万元，完成预算的\
43%`) is that figure over a budget figure given before it in the same sentence. When no \
figure of the sentence before it gives the rate (within the rounding of the figures and of \
the rate as printed: `43%` may be 42.5–43.5%), the rate is wrong: an error. A sentence with \
no figure before the completed one is not judged, and a figure with a completion rate of its \
own is no budget. Why: a 2023 决算 outside the repository \
says 完成预算的43% for 1.71 of 3 (57%), another 100% for 2112.86 of 1255.37."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let facts = &cx.report.facts;
        let money = |f: &yusuan_model::Fact| match f.value {
            FactValue::Money(p) => Some(p),
            _ => None,
        };
        for (i, f) in facts.iter().enumerate() {
            let (Some(base), &FactValue::Percent(stated), Some(sentence)) =
                (f.key.strip_suffix(".pct"), &f.value, f.sentence.as_deref())
            else {
                continue;
            };
            if !(sentence.contains("完成") && sentence.contains("预算的")) {
                continue;
            }
            // The completed figure: the one the rate follows.
            let Some((j, done)) = facts[..i]
                .iter()
                .enumerate()
                .rev()
                .take_while(|(_, g)| g.sentence == f.sentence)
                .find(|(_, g)| g.key == base)
                .and_then(|(j, g)| money(g).map(|p| (j, p)))
            else {
                continue;
            };
            // Every figure before it in the sentence may be the budget, but one with a
            // completion rate of its own (`总收入410338万元，完成调整后预算的97.3%，其中地方…
            // 271630万元，完成调整后预算的99.2%`) is a figure completed, not a budget.
            let completed = |g: &yusuan_model::Fact| {
                let own = format!("{}.pct", g.key);
                facts[..j]
                    .iter()
                    .any(|h| h.sentence == f.sentence && h.key == own)
            };
            let budgets: Vec<Printed> = facts[..j]
                .iter()
                .rev()
                .take_while(|g| g.sentence == f.sentence)
                .filter(|g| !completed(g))
                .filter_map(money)
                .filter(|p| fen(*p) != 0)
                .collect();
            if budgets.is_empty() {
                continue;
            }
            let fits = |budget: &Printed| {
                let c = percent_of(fen(done), fen(*budget)).unwrap_or(0);
                let spread = rate_spread(
                    c,
                    done.half_unit_fen(),
                    budget.half_unit_fen(),
                    fen(*budget),
                ) + stated_rounding(stated);
                (c - stated).abs() <= spread
            };
            if budgets.iter().any(fits) {
                continue;
            }
            let budget = budgets.last().expect("not empty");
            let c = percent_of(fen(done), fen(*budget)).unwrap_or(0);
            out.push(
                Diagnostic::error(
                    self.id(),
                    format!(
                        "说明称完成预算的{}.{:02}%，按{done}{u} / {budget}{u}计算为{}.{:02}%",
                        stated / 100,
                        stated % 100,
                        c / 100,
                        c % 100,
                        u = done.unit.label()
                    ),
                    fact_at(cx, f),
                )
                .with_hint("完成预算比例 = 决算数 ÷ 预算数"),
            );
        }
    }
}
