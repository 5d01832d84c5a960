use yusuan_model::{Diagnostic, Severity, Side, TableKind};

use crate::util::{fen, slack, Cx};
use crate::Rule;

/// R-INCOME-SOURCES: 收支总表's 本年收入合计 is the sum of the sources above it, and
/// 收入总计 = 本年收入合计 + 上年结转.
pub struct IncomeSources;

/// Source rows of the 山西-style income side (the others are totals or carry-over).
const SOURCES: &[&str] = &[
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "财政专户管理资金",
    "单位资金",
];

impl Rule for IncomeSources {
    fn id(&self) -> &'static str {
        "R-INCOME-SOURCES"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "本年收入合计等于各来源之和，收入总计等于本年收入加上年结转"
    }
    fn doc(&self) -> &'static str {
        "On the income side of 收支总表 where it prints 本年收入合计 (the 山西 template): 本年收入合计 \
equals 一般公共预算 + 政府性基金预算 + 国有资本经营预算 + 财政专户管理资金 + 单位资金, and 收入总计 \
equals 本年收入合计 + 上年结转 (+ 使用非财政拨款结余 where printed). Templates that nest their \
sources (上海's 财政拨款收入 over its three funds) are not checked here. Tolerance: half a \
printed digit per term."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let Some(table) = cx.table(TableKind::SummaryTotal) else {
            return;
        };
        let Some(block) = table.block(Some(Side::Income)) else {
            return;
        };
        let value = |name: &str| {
            block
                .rows
                .iter()
                .find(|r| r.name == name)
                .and_then(|r| r.cell(0))
        };
        let row = |name: &str| block.rows.iter().find(|r| r.name == name);
        let prefix = format!("{}：", table.kind);
        if let Some(current_row) = row("本年收入合计") {
            let current_cell = current_row.cell(0);
            let current = current_cell.map_or(0, fen);
            let parts: Vec<_> = SOURCES.iter().filter_map(|s| value(s)).collect();
            let sum: i64 = parts.iter().map(|p| fen(*p)).sum();
            cx.compare(
                out,
                self.id(),
                self.severity(),
                (current, "本年收入合计"),
                (sum, "各来源之和"),
                slack(&parts) + slack(current_cell.as_ref()),
                table.unit,
                cx.at(table, Some(current_row), None),
                &prefix,
            );
            if let Some(total_row) = row("收入总计") {
                let extra: Vec<_> = ["上年结转", "使用非财政拨款结余"]
                    .iter()
                    .filter_map(|s| value(s))
                    .collect();
                let sum = current + extra.iter().map(|p| fen(*p)).sum::<i64>();
                cx.compare(
                    out,
                    self.id(),
                    self.severity(),
                    (total_row.cell(0).map_or(0, fen), "收入总计"),
                    (sum, "本年收入合计与上年结转之和"),
                    slack(&extra)
                        + slack(current_cell.as_ref())
                        + slack(total_row.cell(0).as_ref()),
                    table.unit,
                    cx.at(table, Some(total_row), None),
                    &prefix,
                );
            }
        }
    }
}
