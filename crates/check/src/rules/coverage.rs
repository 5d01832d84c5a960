use yusuan_model::{Diagnostic, FactValue, Severity, TableKind};

use crate::rules::text_figures::fact_at;
use crate::util::{fen, percent_of, total_row, Cx};
use crate::Rule;

/// R-COVERAGE: the share of project spending the text says has performance targets.
pub struct Coverage;

impl Rule for Coverage {
    fn id(&self) -> &'static str {
        "R-COVERAGE"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "绩效目标覆盖率与表中项目支出相符"
    }
    fn doc(&self) -> &'static str {
        "When the text states the amount of projects with performance targets and its share of \
project spending (`涉及项目金额758.00万元，占…项目支出总额的100%`), the share must equal that \
amount over this year's 项目支出 of 一般公共预算支出表, ±0.1 percentage point. Why: coverage is \
how a finance bureau is assessed; an overstated one hides projects without targets."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let spent = cx.table(TableKind::GeneralBudget).and_then(|t| {
            let b = t.blocks.first()?;
            total_row(b)?.cell(b.column_index("项目支出")?)
        });
        let Some(spent) = spent.filter(|s| !s.is_zero()) else {
            return;
        };
        let facts = &cx.report.facts;
        for (i, f) in facts.iter().enumerate() {
            let ("projects.amount.pct", FactValue::Percent(stated)) = (f.key.as_str(), &f.value)
            else {
                continue;
            };
            let Some(FactValue::Money(amount)) = facts[..i]
                .iter()
                .rev()
                .find(|g| g.key == "projects.amount")
                .map(|g| &g.value)
            else {
                continue;
            };
            let computed = percent_of(fen(*amount), fen(spent)).unwrap_or(0);
            if (computed - stated).abs() > 10 {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "说明称绩效目标覆盖{}.{:02}%，按{}/{}（一般公共预算项目支出）计算为{}.{:02}%",
                            stated / 100,
                            stated % 100,
                            amount,
                            spent,
                            computed / 100,
                            computed % 100
                        ),
                        fact_at(cx, f),
                    )
                    .with_hint("覆盖率 = 有绩效目标的项目金额 ÷ 项目支出"),
                );
            }
        }
    }
}
