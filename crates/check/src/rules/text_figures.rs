use yusuan_model::{Diagnostic, Fact, FactValue, Location, Printed, Severity, Side, TableKind};

use crate::util::{fen, slack, total_row, Cx};
use crate::Rule;

/// R-TEXT-FIGURE: a figure the explanation states equals its cell in the tables.
pub struct TextFigure;

pub fn fact_at(cx: &Cx<'_>, f: &Fact) -> Location {
    Location {
        line: f.line,
        page: f.page,
        row: Some(f.key.clone()),
        ..cx.at_file()
    }
}

/// The table cell a fact key speaks of.
fn cell_for(cx: &Cx<'_>, key: &str) -> Option<(Printed, &'static str)> {
    // A 决算 report prints the same totals in its own tables.
    let twin = |kind| match kind {
        TableKind::SummaryTotal => TableKind::FinalSummary,
        TableKind::FiscalSummary => TableKind::FinalFiscalSummary,
        k => k,
    };
    let side_total = |kind, side, names: &[&str]| -> Option<Printed> {
        let t = cx.table(kind).or_else(|| cx.table(twin(kind)))?;
        t.blocks
            .iter()
            .filter(|b| b.side == Some(side))
            .find_map(|b| {
                b.rows
                    .iter()
                    .find(|r| names.contains(&r.name.as_str()))?
                    .cells
                    .iter()
                    .flatten()
                    .next()
                    .copied()
            })
    };
    let total_col = |kind, col: &str| -> Option<Printed> {
        let t = cx.table(kind)?;
        let b = t.blocks.first()?;
        total_row(b)?.cell(b.column_index(col)?)
    };
    let three_public = |names: &[&str]| -> Option<Printed> {
        let t = cx.table(TableKind::ThreePublic)?;
        let b = t.blocks.first()?;
        b.rows
            .iter()
            .find(|r| names.contains(&r.name.as_str()))
            .and_then(|r| r.cell(0))
            .or_else(|| {
                names
                    .iter()
                    .find_map(|n| b.rows.first()?.cell(b.column_index(n)?))
            })
    };
    Some(match key {
        "income.total" => (
            side_total(
                TableKind::SummaryTotal,
                Side::Income,
                &["收入总计", "收入合计", "总计"],
            )?,
            "收支总表收入总计",
        ),
        "income.current" => (
            side_total(TableKind::SummaryTotal, Side::Income, &["本年收入合计"])?,
            "收支总表本年收入合计",
        ),
        "income.carry_over" => (
            side_total(TableKind::SummaryTotal, Side::Income, &["上年结转"])?,
            "收支总表上年结转",
        ),
        "expenditure.total" => (
            side_total(
                TableKind::SummaryTotal,
                Side::Expenditure,
                &["支出总计", "支出合计", "总计"],
            )?,
            "收支总表支出总计",
        ),
        "expenditure.basic" => (
            total_col(TableKind::Expenditure, "基本支出")?,
            "支出总表基本支出",
        ),
        "expenditure.project" => (
            total_col(TableKind::Expenditure, "项目支出")?,
            "支出总表项目支出",
        ),
        "expenditure.personnel" => (
            total_col(TableKind::GeneralBudgetBasic, "人员经费")?,
            "基本支出经济分类表人员经费",
        ),
        "expenditure.public" => (
            total_col(TableKind::GeneralBudgetBasic, "公用经费")?,
            "基本支出经济分类表公用经费",
        ),
        "general_budget.current" => (
            total_col(TableKind::GeneralBudget, "合计")?,
            "一般公共预算支出表合计",
        ),
        "fiscal.total" => (
            side_total(
                TableKind::FiscalSummary,
                Side::Income,
                &["收入总计", "收入合计", "总计"],
            )?,
            "财政拨款收支总表收入总计",
        ),
        // 江苏 prints 会议费 and 培训费 beside the 三公 and adds them into 合计: its 三公
        // total is the 三公经费 column.
        "three_public.total" => (
            three_public(&["三公经费", "三公经费/小计", "合计"])?,
            "三公经费表“三公”经费合计",
        ),
        "three_public.reception" => (three_public(&["公务接待费"])?, "三公经费表公务接待费"),
        "three_public.outbound" => (
            three_public(&["因公出国（境）费"])?,
            "三公经费表因公出国（境）费",
        ),
        "admin_running_cost" => {
            let t = cx.table(TableKind::AdminRunningCost)?;
            let b = t.blocks.first()?;
            (
                total_row(b)?.cells.iter().flatten().next().copied()?,
                "机关运行经费表合计",
            )
        }
        _ => return None,
    })
}

impl Rule for TextFigure {
    fn id(&self) -> &'static str {
        "R-TEXT-FIGURE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中的数字与表中数字一致"
    }
    fn doc(&self) -> &'static str {
        "Every figure of the explanation that names a table cell — 收入总计, 本年收入, 上年结转, \
支出总计, 基本支出, 项目支出, 人员经费, 公用经费, 一般公共预算当年支出, 财政拨款收支总预算, 三公 \
items, 机关运行经费 — equals that cell, after converting units. Text figures drop trailing \
zeros (`850.4万元`); a blank cell counts as zero. Tolerance: half a printed digit of each \
side. Why: readers quote the text; it must say what the tables say."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for f in &cx.report.facts {
            let FactValue::Money(value) = f.value else {
                continue;
            };
            let Some((cell, label)) = cell_for(cx, &f.key) else {
                continue;
            };
            let unit = value.unit;
            cx.compare(
                out,
                self.id(),
                self.severity(),
                (fen(value), "说明中的数字"),
                (fen(cell), label),
                slack([&value, &cell]),
                unit,
                fact_at(cx, f),
                "",
            );
        }
    }
}
