use yusuan_model::{Diagnostic, Family, Severity, TableKind};

use crate::util::{fen, slack, Cx};
use crate::Rule;

/// R-CODE-BALANCE: per functional code, this year's income plus carry-over equals the
/// expenditure (a budget has no 年终结转).
pub struct CodeBalance;

impl Rule for CodeBalance {
    fn id(&self) -> &'static str {
        "R-CODE-BALANCE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "各科目收入加上年结转等于支出"
    }
    fn doc(&self) -> &'static str {
        "For every functional code that both 收入总表 and 支出总表 print, the income (合计, plus \
上年结转 where printed beside it) equals the expenditure (合计): in a budget there is no \
年终结转, so each code spends what it receives. Not applied to 决算 reports, which carry 结余. \
Tolerance: half a printed digit per term."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        if cx.report.meta.family == Family::Final {
            return;
        }
        let (Some(income), Some(expenditure)) = (
            cx.table(TableKind::Income),
            cx.table(TableKind::Expenditure),
        ) else {
            return;
        };
        let (Some(ib), Some(eb)) = (income.blocks.first(), expenditure.blocks.first()) else {
            return;
        };
        let Some(spent_col) = eb.column_index("合计") else {
            return;
        };
        let cols: Vec<usize> = ["合计", "上年结转"]
            .iter()
            .filter_map(|c| ib.column_index(c))
            .collect();
        for er in eb.rows.iter().filter(|r| r.code.is_some()) {
            let Some(ir) = ib.rows.iter().find(|r| r.code == er.code) else {
                continue;
            };
            let parts: Vec<_> = cols.iter().filter_map(|&c| ir.cell(c)).collect();
            let got: i64 = parts.iter().map(|p| fen(*p)).sum();
            let spent = er.cell(spent_col).map_or(0, fen);
            cx.compare(
                out,
                self.id(),
                self.severity(),
                (got, "收入总表收入（含上年结转）"),
                (spent, "支出总表支出"),
                slack(&parts) + slack(er.cell(spent_col).as_ref()),
                income.unit,
                cx.at(income, Some(ir), None),
                &format!("{}：", er.label()),
            );
        }
    }
}
