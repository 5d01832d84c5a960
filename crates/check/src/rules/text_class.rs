use yusuan_model::{Diagnostic, FactValue, Severity, Side, TableKind};

use crate::rules::text_figures::fact_at;
use crate::util::{fen, Cx};
use crate::Rule;

/// R-TEXT-CLASS: an amount the text gives for a 类 (`社会保障和就业支出1,040.20万元`)
/// is printed for that 类 in one of the tables.
pub struct TextClass;

impl Rule for TextClass {
    fn id(&self) -> &'static str {
        "R-TEXT-CLASS"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中各类支出金额与表中一致"
    }
    fn doc(&self) -> &'static str {
        "The explanation states amounts per 类 in several senses (all money, this year's, \
appropriations, the general budget). Each such amount must equal the same 类's figure in at \
least one table column that prints 类: 收支总表, 财政拨款收支总表, 支出总表, 一般公共预算支出表 (or \
their 决算 twins). Tolerance: half a printed digit of each side. Why: a 类 amount found in no \
table is a mistyped figure."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        const TABLES: &[TableKind] = &[
            TableKind::SummaryTotal,
            TableKind::FiscalSummary,
            TableKind::Expenditure,
            TableKind::GeneralBudget,
            TableKind::FinalSummary,
            TableKind::FinalFiscalSummary,
            TableKind::FinalExpenditure,
            TableKind::FinalGeneralBudget,
        ];
        // Every figure printed for each 类 name, in fen with its half step.
        let mut printed: Vec<(String, i64, i64)> = Vec::new();
        for kind in TABLES {
            let Some(t) = cx.table(*kind) else { continue };
            for b in t.blocks.iter().filter(|b| b.side != Some(Side::Income)) {
                for r in &b.rows {
                    let is_class = r.code.as_deref().is_some_and(|c| c.len() == 3)
                        || r.code.is_none() && r.name.ends_with("支出");
                    if !is_class {
                        continue;
                    }
                    for v in r.cells.iter().flatten() {
                        printed.push((r.name.clone(), fen(*v), v.half_unit_fen()));
                    }
                }
            }
        }
        if printed.is_empty() {
            return;
        }
        for f in &cx.report.facts {
            let (Some(name), FactValue::Money(v)) = (f.key.strip_prefix("text:"), &f.value) else {
                continue;
            };
            let figures: Vec<_> = printed.iter().filter(|(n, _, _)| n == name).collect();
            if figures.is_empty() {
                continue;
            }
            let ok = figures
                .iter()
                .any(|(_, x, step)| (x - fen(*v)).abs() <= step + v.half_unit_fen());
            if !ok {
                let shown: Vec<String> = figures
                    .iter()
                    .map(|(_, x, _)| crate::util::show_fen(*x, v.unit))
                    .collect();
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!(
                            "说明中{name} {v} {}，与表中该类任何一个数都不符（表中：{}）",
                            v.unit.label(),
                            shown.join("、")
                        ),
                        fact_at(cx, f),
                    )
                    .with_hint("核对说明中的类级支出金额"),
                );
            }
        }
    }
}
