use yusuan_model::{Diagnostic, Severity, Side, TableKind};

use crate::util::{fen, slack, Cx};
use crate::Rule;

/// R-FINAL-BALANCE: the 决算 totals: 总计 = 本年收入合计 + 年初结转和结余 on the income
/// side, 本年支出合计 + 结余分配 + 年末结转和结余 on the expenditure side.
pub struct FinalBalance;

impl Rule for FinalBalance {
    fn id(&self) -> &'static str {
        "R-FINAL-BALANCE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "决算总计等于本年合计加结转结余"
    }
    fn doc(&self) -> &'static str {
        "In 收入支出决算总表 and 财政拨款收入支出决算总表: income 总计 = 本年收入合计 + 年初结转和结余 \
(+ 使用非财政拨款结余); expenditure 总计 = 本年支出合计 + 结余分配 + 年末结转和结余 (first value \
column). Tolerance: half a printed digit per term. Why: these are the identities of the \
national 决算 template; a gap means money unaccounted for between years."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for kind in [TableKind::FinalSummary, TableKind::FinalFiscalSummary] {
            let Some(table) = cx.table(kind) else {
                continue;
            };
            for (side, current, extras) in [
                (
                    Side::Income,
                    "本年收入合计",
                    &["年初", "使用非财政拨款结余"][..],
                ),
                (Side::Expenditure, "本年支出合计", &["结余分配", "年末"][..]),
            ] {
                let Some(block) = table.block(Some(side)) else {
                    continue;
                };
                let value = |pred: &dyn Fn(&str) -> bool| {
                    block
                        .rows
                        .iter()
                        .filter(|r| pred(&r.name))
                        .find_map(|r| r.cells.iter().flatten().next().copied())
                };
                let (Some(total), Some(now)) = (value(&|n| n == "总计"), value(&|n| n == current))
                else {
                    continue;
                };
                let parts: Vec<_> = extras
                    .iter()
                    .filter_map(|e| value(&|n| n.starts_with(e) && !n.contains('/')))
                    .collect();
                let sum = fen(now) + parts.iter().map(|p| fen(*p)).sum::<i64>();
                let row = block.rows.iter().find(|r| r.name == "总计");
                cx.compare(
                    out,
                    self.id(),
                    self.severity(),
                    (fen(total), "总计"),
                    (sum, &format!("{current}与结转结余之和")),
                    slack([&total, &now]) + slack(&parts),
                    table.unit,
                    cx.at(table, row, None),
                    &format!("{}（{}）：", table.kind, side),
                );
            }
        }
    }
}
