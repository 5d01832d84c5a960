use std::collections::BTreeMap;

use yusuan_model::{Diagnostic, Severity, TableKind};

use crate::util::{fen, half_step, Cx};
use crate::Rule;

/// R-PROJECT-CODES: per functional 项, the projects' annual funds equal the 项目支出
/// the tables print for it.
pub struct ProjectCodes;

impl Rule for ProjectCodes {
    fn id(&self) -> &'static str {
        "R-PROJECT-CODES"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "各项级科目的项目资金与项目支出一致"
    }
    fn doc(&self) -> &'static str {
        "When projects carry the functional 项 they are budgeted under (a built report always \
does), the sum of their 年度资金总额 per 项 equals that 项's 项目支出 in 一般公共预算支出表. A \
project whose code has no 项目支出 in the table, or a 项 whose projects do not add up, is a \
warning. Tolerance: half a printed digit. Why: a project's targets must be budgeted where its \
money is."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let mut funds: BTreeMap<&str, i64> = BTreeMap::new();
        for p in &cx.report.projects {
            if let (Some(code), Some(total)) = (&p.func, p.funds_annual.total) {
                *funds.entry(code.as_str()).or_default() += total.fen();
            }
        }
        if funds.is_empty() {
            return;
        }
        let Some(table) = cx.table(TableKind::GeneralBudget) else {
            return;
        };
        let Some(block) = table.blocks.first() else {
            return;
        };
        let Some(col) = block.column_index("项目支出") else {
            return;
        };
        for (code, sum) in funds {
            let row = block.rows.iter().find(|r| r.code.as_deref() == Some(code));
            let spent = row.and_then(|r| r.cell(col)).map_or(0, fen);
            cx.compare(
                out,
                self.id(),
                self.severity(),
                (sum, "项目年度资金合计"),
                (spent, "一般公共预算支出表项目支出"),
                half_step(table.unit),
                table.unit,
                cx.at(table, row, Some("项目支出")),
                &format!("{code}："),
            );
        }
    }
}
