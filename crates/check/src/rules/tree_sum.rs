use yusuan_model::{Block, Diagnostic, Severity, Table};

use crate::util::{fen, slack, total_row, Cx};
use crate::Rule;

/// R-TREE-SUM: a 类 equals the sum of its 款, a 款 the sum of its 项, the total row the
/// sum of the 类 — functional (3/5/7 digits) and economic (3/5 digits) codes alike.
pub struct TreeSum;

fn children<'b>(block: &'b Block, code: &str) -> Vec<&'b yusuan_model::Row> {
    let want = if code.len() == 3 { 5 } else { 7 };
    block
        .rows
        .iter()
        .filter(|r| {
            r.code
                .as_deref()
                .is_some_and(|c| c.len() == want && c.starts_with(code))
        })
        .collect()
}

impl TreeSum {
    /// The `parent` row against the sum of `kids`, column by column, in `block` of `table`.
    fn sum_rule(
        &self,
        cx: &Cx<'_>,
        out: &mut Vec<Diagnostic>,
        (table, block): (&Table, &Block),
        parent: &yusuan_model::Row,
        kids: &[&yusuan_model::Row],
        what: &str,
    ) {
        for (ci, column) in block.columns.iter().enumerate() {
            let cells: Vec<_> = kids.iter().filter_map(|r| r.cell(ci)).collect();
            let total = parent.cell(ci);
            if cells.is_empty() && total.is_none() {
                continue;
            }
            let sum: i64 = cells.iter().map(|p| fen(*p)).sum();
            let tolerance = slack(&cells) + slack(total.as_ref());
            cx.compare(
                out,
                self.id(),
                self.severity(),
                (total.map_or(0, fen), &parent.name),
                (sum, what),
                tolerance,
                table.unit,
                cx.at(table, Some(parent), Some(column.as_str())),
                &format!("{}：", table.kind),
            );
        }
    }
}

impl Rule for TreeSum {
    fn id(&self) -> &'static str {
        "R-TREE-SUM"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "类等于款之和、款等于项之和、合计等于类之和"
    }
    fn doc(&self) -> &'static str {
        "In every table whose rows carry classification codes, each 类 (3 digits) equals the \
sum of its 款 (5 digits), each 款 the sum of its 项 (7 digits), and the total row the sum of \
the 类, column by column. A parent without printed children is not checked. Tolerance: half \
a printed digit per term. Why: the classification tree is how a reader follows money from \
the total to the 项 the law requires to be published."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for table in &cx.report.tables {
            for block in &table.blocks {
                let coded: Vec<_> = block.rows.iter().filter(|r| r.code.is_some()).collect();
                if coded.is_empty() {
                    continue;
                }
                for parent in &coded {
                    let code = parent.code.as_deref().expect("coded");
                    if code.len() == 7 {
                        continue;
                    }
                    let kids = children(block, code);
                    if !kids.is_empty() {
                        let what = if code.len() == 3 {
                            "其下各款之和"
                        } else {
                            "其下各项之和"
                        };
                        self.sum_rule(cx, out, (table, block), parent, &kids, what);
                    }
                }
                // In a 收支总表 the 类 add up to the year's spending; its 总计 adds the
                // 结转和结余 too.
                let spending = block
                    .rows
                    .iter()
                    .find(|r| r.code.is_none() && r.name == "本年支出合计");
                if let Some(total) = spending.or_else(|| total_row(block)) {
                    let classes: Vec<_> = coded
                        .iter()
                        .copied()
                        .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
                        .collect();
                    if !classes.is_empty() {
                        self.sum_rule(cx, out, (table, block), total, &classes, "各类之和");
                    }
                }
            }
        }
    }
}
