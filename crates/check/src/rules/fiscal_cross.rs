use yusuan_model::{Diagnostic, Severity, Side, TableKind};

use crate::util::{fen, half_step, total_row, Cx};
use crate::Rule;

/// R-CROSS-FISCAL: 财政拨款收支总表's general-budget income equals 一般公共预算支出表's total.
pub struct FiscalCross;

impl Rule for FiscalCross {
    fn id(&self) -> &'static str {
        "R-CROSS-FISCAL"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "财政拨款收支总表的一般公共预算与一般公共预算支出表一致"
    }
    fn doc(&self) -> &'static str {
        "The 一般公共预算 income of 财政拨款收支总表 (this year's appropriation) equals the total of \
一般公共预算支出表, which every template prints for the same money (山西: 不含上年结转 on both \
sides). Tolerance: one rounding per figure, units converted. Why: the appropriation received \
is the appropriation spent."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(fiscal), Some(general)) = (cx.table(TableKind::FiscalSummary), cx.table(TableKind::GeneralBudget)) else { return };
        let Some(income) = fiscal.block(Some(Side::Income)) else { return };
        let Some(row) = income.rows.iter().find(|r| matches!(r.name.as_str(), "一般公共预算" | "一般公共预算资金")) else { return };
        let Some(received) = row.cell(0) else { return };
        let Some(block) = general.blocks.first() else { return };
        let Some(spent) = total_row(block).and_then(|r| block.column_index("合计").and_then(|c| r.cell(c))) else { return };
        cx.compare(
            out,
            self.id(),
            self.severity(),
            (fen(received), "财政拨款收支总表一般公共预算收入"),
            (fen(spent), "一般公共预算支出表合计"),
            half_step(fiscal.unit) + half_step(general.unit),
            fiscal.unit,
            cx.at(fiscal, Some(row), None),
            "",
        );
    }
}
