use yusuan_model::{Diagnostic, Severity, TableKind};

use crate::util::{fen, show_fen, total_row, Cx};
use crate::Rule;

/// R-PROJECT-FUNDS: the projects' annual funds add up to the current 项目支出.
pub struct ProjectFunds;

impl Rule for ProjectFunds {
    fn id(&self) -> &'static str {
        "R-PROJECT-FUNDS"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "各项目年度资金之和与当年项目支出一致"
    }
    fn doc(&self) -> &'static str {
        "When a report carries 绩效目标表, the sum of the projects' 年度资金总额 is compared with \
this year's 项目支出 of 一般公共预算支出表 (项目支出表（本年） when it lists projects). A \
difference is a warning: some project spending may have no targets, or a target table is \
missing. Tolerance: half a printed digit."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        if cx.report.projects.is_empty() {
            return;
        }
        let funds: i64 = cx
            .report
            .projects
            .iter()
            .filter_map(|p| p.funds_annual.total)
            .map(|a| a.fen())
            .sum();
        let spent = cx.table(TableKind::GeneralBudget).and_then(|t| {
            let b = t.blocks.first()?;
            Some((t, total_row(b)?.cell(b.column_index("项目支出")?)?))
        });
        let Some((table, spent)) = spent else { return };
        let unit = table.unit;
        if (fen(spent) - funds).abs() > unit.fen_per_hundredth() / 2 {
            out.push(Diagnostic::warning(
                self.id(),
                format!(
                    "{}个项目的年度资金合计 {} {}，与一般公共预算支出表当年项目支出 {} {} 不符",
                    cx.report.projects.len(),
                    show_fen(funds, unit),
                    unit.label(),
                    spent,
                    unit.label()
                ),
                cx.at(table, None, Some("项目支出")),
            ));
        }
    }
}
