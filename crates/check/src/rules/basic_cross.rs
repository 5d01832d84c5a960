use yusuan_model::{Diagnostic, Severity, TableKind};

use crate::util::{fen, slack, total_row, Cx};
use crate::Rule;

/// R-CROSS-BASIC: 一般公共预算支出表's 基本支出 equals the economic 基本支出表's 合计.
pub struct BasicCross;

impl Rule for BasicCross {
    fn id(&self) -> &'static str {
        "R-CROSS-BASIC"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "一般公共预算基本支出与经济分类表合计一致"
    }
    fn doc(&self) -> &'static str {
        "The 基本支出 of 一般公共预算支出表's total row equals the total of 一般公共预算基本支出表 \
(its 合计 column, or its only column). Tolerance: one rounding per cell. Why: the two tables \
show the same basic expenditure by function and by economic nature."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(general), Some(basic)) = (
            cx.table(TableKind::GeneralBudget),
            cx.table(TableKind::GeneralBudgetBasic),
        ) else {
            return;
        };
        let Some(gb) = general.blocks.first() else {
            return;
        };
        let Some(bb) = basic.blocks.first() else {
            return;
        };
        let (Some(grow), Some(brow)) = (total_row(gb), total_row(bb)) else {
            return;
        };
        let Some(g) = gb.column_index("基本支出").and_then(|c| grow.cell(c)) else {
            return;
        };
        let Some(b) = bb
            .column_index("合计")
            .or((bb.columns.len() == 1).then_some(0))
            .and_then(|c| brow.cell(c))
        else {
            return;
        };
        cx.compare(
            out,
            self.id(),
            self.severity(),
            (fen(g), "一般公共预算支出表基本支出"),
            (fen(b), "基本支出经济分类表合计"),
            slack([&g, &b]),
            general.unit,
            cx.at(general, Some(grow), Some("基本支出")),
            "",
        );
    }
}
