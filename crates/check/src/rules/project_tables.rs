use yusuan_model::{Diagnostic, Location, MoneyUnit, Severity, Table, TableKind};

use crate::util::{fen, show_fen, total_row, Cx};
use crate::Rule;

/// R-PROJECT-TABLES: 项目支出表 (本年) and (上年结转) are not empty when the other tables
/// show project spending of that kind.
pub struct ProjectTables;

/// 项目支出 of a table's total row, in fen.
fn project_spending(cx: &Cx<'_>, kind: TableKind) -> Option<(i64, MoneyUnit)> {
    let t = cx.table(kind)?;
    let b = t
        .blocks
        .iter()
        .find(|b| b.column_index("项目支出").is_some())?;
    let v = total_row(b)?.cell(b.column_index("项目支出")?)?;
    Some((fen(v), t.unit))
}

/// Where an empty table says so: its `本表无数据` note when it has one, else the table.
fn empty_at(cx: &Cx<'_>, table: &Table) -> Location {
    let at = cx.at(table, None, None);
    match table.notes.iter().find(|n| n.text.contains("无数据")) {
        Some(n) => Location {
            page: n.page.or(at.page),
            line: n.line.or(at.line),
            ..at
        },
        None => at,
    }
}

fn table_total(cx: &Cx<'_>, kind: TableKind) -> Option<i64> {
    let t = cx.table(kind)?;
    let b = t.blocks.first()?;
    let v = total_row(b).and_then(|r| r.cells.iter().flatten().next().copied());
    let rows: i64 = b
        .rows
        .iter()
        .filter(|r| r.name != "合计")
        .filter_map(|r| r.cells.first().copied().flatten())
        .map(fen)
        .sum();
    Some(v.map_or(rows, fen))
}

impl Rule for ProjectTables {
    fn id(&self) -> &'static str {
        "R-PROJECT-TABLES"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "有项目支出时项目支出表不能为空"
    }
    fn doc(&self) -> &'static str {
        "When 一般公共预算支出表 shows this year's 项目支出, 项目支出表（本年） must list projects \
adding up to at least that; when 支出总表's 项目支出 exceeds this year's, the difference is \
carry-over project spending and 项目支出表（上年结转） must not be empty. Only for profiles that \
print these tables. An empty table's finding quotes its printed title and points at its \
`本表无数据` note. Tolerance: half a printed digit per figure. Why: the 长治 2024 report \
printed both tables empty although 758.00 and 92.40 万元 of projects exist."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let current = project_spending(cx, TableKind::GeneralBudget);
        let all = project_spending(cx, TableKind::Expenditure);
        // A table whose figures extraction could not read is not empty.
        let read = |kind| cx.table(kind).filter(|t| !t.unread);
        if let (Some(table), Some((spent, unit))) = (read(TableKind::Projects), current) {
            let listed = table_total(cx, TableKind::Projects).unwrap_or(0);
            // Listing more than the general budget spends is possible (other sources); less is not.
            if spent > 0 && listed + unit.fen_per_hundredth() / 2 < spent {
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!(
                            "项目支出表（本年）《{}》{}，但一般公共预算支出表列有当年项目支出 {} {}",
                            table.title,
                            if listed == 0 {
                                "为空".to_owned()
                            } else {
                                format!("合计只有 {} {}", show_fen(listed, unit), unit.label())
                            },
                            show_fen(spent, unit),
                            unit.label()
                        ),
                        if listed == 0 {
                            empty_at(cx, table)
                        } else {
                            cx.at(table, None, None)
                        },
                    )
                    .with_hint("逐项列出当年项目支出，或说明为何不公开"),
                );
            }
        }
        if let (Some(table), Some((all, unit))) = (read(TableKind::ProjectsCarryOver), all) {
            let current = table_total(cx, TableKind::Projects)
                .filter(|v| *v > 0)
                .or(current.map(|c| c.0))
                .unwrap_or(0);
            let carried = all - current;
            let listed = table_total(cx, TableKind::ProjectsCarryOver).unwrap_or(0);
            if carried > unit.fen_per_hundredth() && listed == 0 {
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!(
                            "项目支出表（上年结转）《{}》为空，但支出总表项目支出比当年项目支出多 {} {}（上年结转的项目支出）",
                            table.title,
                            show_fen(carried, unit),
                            unit.label()
                        ),
                        empty_at(cx, table),
                    )
                    .with_hint("列出使用上年结转资金的项目"),
                );
            }
        }
    }
}
