use yusuan_model::{Diagnostic, Severity, Side, TableKind};

use crate::util::{fen, slack, total_row, Cx};
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
sides); and each appropriation (一般公共预算, 政府性基金预算, 国有资本经营预算) on its income side \
equals the same row of 收支总表's income side. Tolerance: one rounding per figure, units \
converted; 政府性基金预算支出表's total equals the 政府性基金预算 income of 收支总表. Why: the \
appropriation received is the appropriation spent, and one figure is printed once."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let (Some(fiscal), Some(general)) = (
            cx.table(TableKind::FiscalSummary),
            cx.table(TableKind::GeneralBudget),
        ) else {
            return;
        };
        let Some(income) = fiscal.block(Some(Side::Income)) else {
            return;
        };
        let Some(row) = income
            .rows
            .iter()
            .find(|r| matches!(r.name.as_str(), "一般公共预算" | "一般公共预算资金"))
        else {
            return;
        };
        let Some(received) = row.cell(0) else { return };
        let Some(block) = general.blocks.first() else {
            return;
        };
        let Some(spent) =
            total_row(block).and_then(|r| block.column_index("合计").and_then(|c| r.cell(c)))
        else {
            return;
        };
        cx.compare(
            out,
            self.id(),
            self.severity(),
            (fen(received), "财政拨款收支总表一般公共预算收入"),
            (fen(spent), "一般公共预算支出表合计"),
            slack([&received, &spent]),
            fiscal.unit,
            cx.at(fiscal, Some(row), None),
            "",
        );
        // Each appropriation this year, as 收支总表 lists it beside the other sources.
        let Some(summary) = cx.table(TableKind::SummaryTotal) else {
            return;
        };
        let Some(sblock) = summary.block(Some(Side::Income)) else {
            return;
        };
        // 政府性基金预算支出表 spends what 收支总表 receives from the fund (blank = 0).
        if let Some(fund) = cx.table(TableKind::GovFundExpenditure) {
            let spent_cell = fund.blocks.first().and_then(|b| {
                total_row(b).and_then(|r| b.column_index("合计").and_then(|c| r.cell(c)))
            });
            let spent = spent_cell.map_or(0, fen);
            let received_cell = sblock
                .rows
                .iter()
                .find(|r| matches!(r.name.as_str(), "政府性基金预算" | "政府性基金"))
                .and_then(|r| r.cell(0));
            if let Some(received) = received_cell.map(fen).or((spent != 0).then_some(0)) {
                cx.compare(
                    out,
                    self.id(),
                    self.severity(),
                    (spent, "政府性基金预算支出表合计"),
                    (received, "收支总表政府性基金预算收入"),
                    slack(spent_cell.iter().chain(received_cell.iter())),
                    fund.unit,
                    cx.at(fund, None, Some("合计")),
                    "",
                );
            }
        }
        for names in [
            &["一般公共预算", "一般公共预算资金"][..],
            &["政府性基金预算", "政府性基金"][..],
            &["国有资本经营预算"][..],
        ] {
            fn find<'b>(
                b: &'b yusuan_model::Block,
                names: &[&str],
            ) -> Option<(&'b yusuan_model::Row, Option<yusuan_model::Printed>)> {
                b.rows
                    .iter()
                    .find(|r| names.contains(&r.name.as_str()))
                    .map(|r| (r, r.cell(0)))
            }
            let (Some((frow, f)), Some((_, s))) = (find(income, names), find(sblock, names)) else {
                continue;
            };
            cx.compare(
                out,
                self.id(),
                self.severity(),
                (f.map_or(0, fen), "财政拨款收支总表"),
                (s.map_or(0, fen), "收支总表"),
                slack(f.iter().chain(s.iter())),
                fiscal.unit,
                cx.at(fiscal, Some(frow), None),
                &format!("{}：", names[0]),
            );
        }
    }
}
