//! HTML: one self-contained page of the report for a portal, with real table markup
//! (column and row headers scoped) so screen readers can read it. Every piece of
//! report text is escaped by the template engine.

use minijinja::{context, AutoEscape, Environment};
use serde::Serialize;
use yusuan_model::{with_separators, Report, Table};
use yusuan_profile::Labels;

const TEMPLATE: &str = include_str!("../templates/report.html");

#[derive(Serialize)]
struct RowView {
    code: String,
    name: String,
    aux: String,
    cells: Vec<String>,
}

#[derive(Serialize)]
struct HeadCell {
    label: String,
    rows: usize,
    cols: usize,
}

#[derive(Serialize)]
struct BlockView {
    side: Option<&'static str>,
    codes: bool,
    aux: bool,
    /// The family's header, row by row.
    head: Vec<Vec<HeadCell>>,
    rows: Vec<RowView>,
}

#[derive(Serialize)]
struct TableView {
    number: Option<String>,
    title: String,
    unit: &'static str,
    note: Option<String>,
    blocks: Vec<BlockView>,
}

#[derive(Serialize)]
struct IndicatorView {
    period: &'static str,
    level1: String,
    level2: String,
    name: String,
    value: String,
}

#[derive(Serialize)]
struct ProjectView {
    name: String,
    department: String,
    implementer: String,
    funds: String,
    indicators: Vec<IndicatorView>,
}

/// The page of a report.
pub fn html_string(report: &Report) -> Result<String, minijinja::Error> {
    let profile = yusuan_profile::profile(&report.meta.profile);
    let head = |t: &Table, block: usize| {
        let grid = yusuan_profile::header::header(profile.as_ref(), t, &[block], report.meta.year);
        let mut rows: Vec<Vec<HeadCell>> = (0..grid.depth).map(|_| Vec::new()).collect();
        for c in grid.cells {
            rows[c.row].push(HeadCell {
                label: c.label,
                rows: c.rows,
                cols: c.cols,
            });
        }
        rows
    };
    let tables: Vec<TableView> = report
        .tables
        .iter()
        .map(|t| TableView {
            number: t.number.clone(),
            title: t.title.clone(),
            unit: t.unit.label(),
            note: t.empty_note.clone(),
            blocks: t
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| !b.rows.is_empty())
                .map(|(i, b)| (i, b, Labels::of(t, b)))
                .map(|(i, b, Labels { codes, aux })| BlockView {
                    side: b.side.map(|s| s.label()),
                    codes,
                    aux,
                    head: head(t, i),
                    rows: b
                        .rows
                        .iter()
                        .map(|r| RowView {
                            code: r.code.clone().unwrap_or_default(),
                            name: r.name.clone(),
                            aux: r.aux.clone().unwrap_or_default(),
                            cells: r
                                .cells
                                .iter()
                                .map(|c| c.map(with_separators).unwrap_or_default())
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let projects: Vec<ProjectView> = report
        .projects
        .iter()
        .map(|p| ProjectView {
            name: p.name.clone(),
            department: p.department.clone(),
            implementer: p.implementer.clone(),
            funds: p.funds_annual.total.map(|a| a.yuan()).unwrap_or_default(),
            indicators: p
                .indicators
                .iter()
                .map(|i| IndicatorView {
                    period: i.period.label(),
                    level1: i.level1.clone(),
                    level2: i.level2.clone(),
                    name: i.name.clone(),
                    value: i.value.raw.clone(),
                })
                .collect(),
        })
        .collect();
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_template("report.html", TEMPLATE)?;
    env.get_template("report.html")?.render(context! {
        unit => report.meta.unit_name,
        year => report.meta.year,
        family => report.meta.family.label(),
        scope => report.meta.scope.label(),
        tables => tables,
        text => report.text.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
        projects => projects,
    })
}
