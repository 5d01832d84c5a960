use yusuan_model::{Diagnostic, Severity, Side, TableKind};

use crate::util::{fen, slack, Cx};
use crate::Rule;

/// R-BALANCE: a two-sided table's 收入总计 equals its 支出总计.
pub struct Balance;

const INCOME: &[&str] = &["收入总计", "收入合计", "总计"];
const EXPENDITURE: &[&str] = &["支出总计", "支出合计", "总计"];

impl Rule for Balance {
    fn id(&self) -> &'static str {
        "R-BALANCE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "收入总计等于支出总计"
    }
    fn doc(&self) -> &'static str {
        "In 收支总表, 财政拨款收支总表 and their 决算 twins, the income side's 收入总计 must equal \
the expenditure side's 支出总计 (first value column). Tolerance: one rounding per side. Why: \
a budget balances; a gap means a missing or mistyped figure on one side."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for kind in [
            TableKind::SummaryTotal,
            TableKind::FiscalSummary,
            TableKind::FinalSummary,
            TableKind::FinalFiscalSummary,
        ] {
            let Some(table) = cx.table(kind) else {
                continue;
            };
            let find = |side, names: &[&str]| {
                table
                    .blocks
                    .iter()
                    .filter(|b| b.side == Some(side))
                    .find_map(|b| {
                        b.rows
                            .iter()
                            .find(|r| names.contains(&r.name.as_str()))
                            .and_then(|r| r.cells.iter().flatten().next().copied().map(|v| (v, r)))
                    })
            };
            let (Some((inc, _)), Some((exp, row))) = (
                find(Side::Income, INCOME),
                find(Side::Expenditure, EXPENDITURE),
            ) else {
                continue;
            };
            cx.compare(
                out,
                self.id(),
                self.severity(),
                (fen(inc), "收入总计"),
                (fen(exp), "支出总计"),
                slack([&inc, &exp]),
                table.unit,
                cx.at(table, Some(row), None),
                &format!("{}：", table.kind),
            );
        }
    }
}
