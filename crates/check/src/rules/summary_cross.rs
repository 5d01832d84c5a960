use yusuan_model::{Diagnostic, Severity, Side, TableKind};

use crate::util::{fen, row_named, slack, total_row, Cx};
use crate::Rule;

/// R-CROSS-SUMMARY: 收入总表 and 支出总表 agree with 收支总表.
pub struct SummaryCross;

impl Rule for SummaryCross {
    fn id(&self) -> &'static str {
        "R-CROSS-SUMMARY"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "收入总表、支出总表与收支总表一致"
    }
    fn doc(&self) -> &'static str {
        "收入总表's total (合计, plus 上年结转 where it is printed beside it) equals 收支总表's \
收入总计; 支出总表's total equals 收支总表's 支出总计; and each 类 row of 支出总表 equals the 类 \
row of the same name in 收支总表 (合计 column). Tolerance: one rounding per cell compared \
(units are converted first). Why: the summary and the detail tables are printed from one set \
of books."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let Some(summary) = cx.table(TableKind::SummaryTotal) else {
            return;
        };
        let summary_total = |side: Side, names: &[&str]| {
            summary
                .blocks
                .iter()
                .filter(|b| b.side == Some(side))
                .find_map(|b| {
                    b.rows
                        .iter()
                        .find(|r| names.contains(&r.name.as_str()))
                        .and_then(|r| r.cells.iter().flatten().next().copied())
                })
        };
        if let (Some(income), Some(total_in)) = (
            cx.table(TableKind::Income),
            summary_total(Side::Income, &["收入总计", "收入合计"]),
        ) {
            if let Some(block) = income.blocks.first() {
                if let Some(row) = total_row(block) {
                    let parts = ["合计", "上年结转"]
                        .iter()
                        .filter_map(|c| block.column_index(c).and_then(|i| row.cell(i)))
                        .collect::<Vec<_>>();
                    if !parts.is_empty() {
                        let sum: i64 = parts.iter().map(|p| fen(*p)).sum();
                        cx.compare(
                            out,
                            self.id(),
                            self.severity(),
                            (sum, "收入总表合计"),
                            (fen(total_in), "收支总表收入总计"),
                            slack(&parts) + slack([&total_in]),
                            income.unit,
                            cx.at(income, Some(row), Some("合计")),
                            "",
                        );
                    }
                }
            }
        }
        let Some(expenditure) = cx.table(TableKind::Expenditure) else {
            return;
        };
        let Some(block) = expenditure.blocks.first() else {
            return;
        };
        let Some(total_col) = block.column_index("合计") else {
            return;
        };
        if let (Some(row), Some(total_out)) = (
            total_row(block),
            summary_total(Side::Expenditure, &["支出总计", "支出合计", "本年支出合计"]),
        ) {
            if let Some(v) = row.cell(total_col) {
                cx.compare(
                    out,
                    self.id(),
                    self.severity(),
                    (fen(v), "支出总表合计"),
                    (fen(total_out), "收支总表支出总计"),
                    slack([&v, &total_out]),
                    expenditure.unit,
                    cx.at(expenditure, Some(row), Some("合计")),
                    "",
                );
            }
        }
        for row in block
            .rows
            .iter()
            .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
        {
            let Some(v) = row.cell(total_col) else {
                continue;
            };
            let Some((sblock, srow)) = summary
                .blocks
                .iter()
                .filter(|b| b.side == Some(Side::Expenditure))
                .find_map(|b| {
                    row_named(summary, b.side, &row.name).filter(|(bb, _)| std::ptr::eq(*bb, b))
                })
            else {
                continue;
            };
            let Some(s) = srow
                .cells
                .first()
                .copied()
                .flatten()
                .or_else(|| sblock.column_index("合计").and_then(|c| srow.cell(c)))
            else {
                continue;
            };
            cx.compare(
                out,
                self.id(),
                self.severity(),
                (fen(v), "支出总表"),
                (fen(s), "收支总表"),
                slack([&v, &s]),
                expenditure.unit,
                cx.at(expenditure, Some(row), Some("合计")),
                &format!("{}：", row.name),
            );
        }
    }
}
