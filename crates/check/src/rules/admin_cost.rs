use yusuan_model::{Diagnostic, Severity, TableKind, UnitKind};

use crate::util::{fen, slack, total_row, Cx};
use crate::Rule;

/// R-ADMIN-COST: 机关运行经费 equals the general-budget 公用经费 of a 行政 / 参公 unit.
pub struct AdminCost;

impl Rule for AdminCost {
    fn id(&self) -> &'static str {
        "R-ADMIN-COST"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "机关运行经费等于公用经费（行政、参公单位）"
    }
    fn doc(&self) -> &'static str {
        "For 行政 and 参公 units, 机关运行经费 (its own table, or the column of the 三公 table) \
equals the 公用经费 of 一般公共预算基本支出表. Skipped for 事业 units and where 0 is printed (a \
unit without 机关运行经费); a department that includes plain 事业 units need not satisfy it, \
hence a warning. Tolerance: one rounding per \
figure, units converted."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        if cx.report.meta.unit_kind == Some(UnitKind::Institution) {
            return;
        }
        let Some(basic) = cx.table(TableKind::GeneralBudgetBasic) else {
            return;
        };
        let Some(bb) = basic.blocks.first() else {
            return;
        };
        let Some(public) =
            total_row(bb).and_then(|r| bb.column_index("公用经费").and_then(|c| r.cell(c)))
        else {
            return;
        };
        let admin = cx.table(TableKind::AdminRunningCost).and_then(|t| {
            let b = t.blocks.first()?;
            let row = total_row(b).or(b.rows.first())?;
            Some((t, row.cells.iter().flatten().next().copied()?))
        });
        let admin = admin.or_else(|| {
            let t = cx.table(TableKind::ThreePublic)?;
            let b = t.blocks.first()?;
            let v = b
                .column_index("机关运行经费")
                .and_then(|c| b.rows.first()?.cell(c))?;
            Some((t, v))
        });
        let Some((table, value)) = admin else { return };
        // A unit that prints 0 declares it has no 机关运行经费 (a 事业 unit): nothing to compare.
        if value.is_zero() {
            return;
        }
        cx.compare(
            out,
            self.id(),
            self.severity(),
            (fen(value), "机关运行经费"),
            (fen(public), "一般公共预算基本支出中的公用经费"),
            slack([&value, &public]),
            table.unit,
            cx.at(table, None, Some("机关运行经费")),
            "",
        );
    }
}
