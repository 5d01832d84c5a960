use yusuan_model::{Diagnostic, Severity, TableKind};

use crate::util::{fen, slack, Cx};
use crate::Rule;

/// Columns that split a row's 合计 into its parts, per table kind. A part that is
/// itself split (基本支出 into 人员经费 and 公用经费) is counted once.
fn parts_of(kind: TableKind, columns: &[&str]) -> Vec<usize> {
    let skip = |c: &str| {
        c == "合计"
            || c.contains('/')
            // 收入总表's 合计 is this year's income; 上年结转 stands beside it.
            || kind == TableKind::Income && c == "上年结转"
            || (c == "人员经费" || c == "公用经费") && columns.contains(&"基本支出")
            || (c == "公务用车购置费" || c == "公务用车运行费") && columns.contains(&"公务用车购置及运行费")
            || c == "机关运行经费"
    };
    (0..columns.len()).filter(|&i| !skip(columns[i])).collect()
}

/// R-ROW-TOTAL: every row's 合计 equals the sum of the columns it splits into.
pub struct RowTotal;

impl Rule for RowTotal {
    fn id(&self) -> &'static str {
        "R-ROW-TOTAL"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "行合计等于各列之和"
    }
    fn doc(&self) -> &'static str {
        "For every table with a `合计` column, each row's 合计 must equal the sum of the \
columns it splits into (当年 + 结转; 基本 + 项目; 人员 + 公用; the fund columns). A part that \
is split further (基本支出 into 人员经费 / 公用经费) counts once; 收入总表's 上年结转 stands \
beside its 合计. Tolerance: half a printed digit per printed term (0.005 × terms in the \
table's unit); a difference within it is a rounding note. Why: a row that does not add up \
means a figure was typed or extracted wrongly."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for table in &cx.report.tables {
            if matches!(
                table.kind,
                TableKind::ThreePublic | TableKind::FinalThreePublic | TableKind::Procurement
            ) {
                continue;
            }
            for block in &table.blocks {
                let names: Vec<&str> = block.columns.iter().map(|c| c.as_str()).collect();
                let Some(total) = block.column_index("合计") else {
                    continue;
                };
                let parts = parts_of(table.kind, &names);
                if parts.is_empty() {
                    continue;
                }
                for row in &block.rows {
                    let Some(t) = row.cell(total) else { continue };
                    let cells: Vec<_> = parts.iter().filter_map(|&i| row.cell(i)).collect();
                    if cells.is_empty() {
                        continue;
                    }
                    let sum: i64 = cells.iter().map(|p| fen(*p)).sum();
                    let tolerance = slack(&cells) + slack([&t]);
                    cx.compare(
                        out,
                        self.id(),
                        self.severity(),
                        (fen(t), "合计"),
                        (sum, "各列之和"),
                        tolerance,
                        table.unit,
                        cx.at(table, Some(row), Some("合计")),
                        &format!("{}：", table.kind),
                    );
                }
            }
        }
    }
}
