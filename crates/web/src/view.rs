//! What the pages show, computed from a report: tables with an anchor on every cell,
//! findings pointing at the cells they are about, chart data, and the differences between
//! two reports.

use serde::Serialize;
use yusuan_model::{with_separators, Diagnostic, Report, Table, TableKind};

#[derive(Serialize)]
pub struct CellView {
    pub text: String,
    pub anchor: String,
    pub flagged: bool,
}

#[derive(Serialize)]
pub struct RowView {
    pub code: String,
    pub name: String,
    pub cells: Vec<CellView>,
}

#[derive(Serialize)]
pub struct BlockView {
    pub side: String,
    pub columns: Vec<String>,
    pub rows: Vec<RowView>,
}

#[derive(Serialize)]
pub struct TableView {
    pub anchor: String,
    pub number: String,
    pub title: String,
    pub unit: String,
    pub codes: bool,
    pub blocks: Vec<BlockView>,
    pub empty_note: String,
    pub empty: bool,
}

#[derive(Serialize)]
pub struct FindingView {
    pub severity: String,
    pub rule: String,
    pub message: String,
    pub location: String,
    pub hint: String,
    /// `#t3-r5-c1` when the finding names a cell (or row, or table) we show, `#p2` a
    /// project, `#l40` the line of the explanation it quotes.
    pub link: Option<String>,
}

/// One line of the explanation, marked when an error or warning points at it.
#[derive(Serialize)]
pub struct TextView {
    pub text: String,
    pub flagged: bool,
}

/// The line of the explanation a finding is about: among the lines printed where it
/// points (its line, or its page), the one that holds the words it quotes.
fn text_line(report: &Report, d: &Diagnostic) -> Option<usize> {
    let (line, page) = (d.location.line, d.location.page);
    if line.is_none() && page.is_none() {
        return None;
    }
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let candidates: Vec<(usize, String)> = report
        .text
        .iter()
        .enumerate()
        .filter(|(_, l)| match line {
            Some(n) => l.line == Some(n),
            None => l.page == page,
        })
        .map(|(i, l)| (i, squeeze(&l.text)))
        .collect();
    // A quote `…twelve before|the words…` starts its words twelve characters in; a whole
    // sentence quoted after `：` starts with them.
    let message = squeeze(&d.message);
    let fragments: Vec<String> = match message.split_once('…') {
        Some((_, quoted)) => vec![quoted.chars().skip(12).take(6).collect()],
        None => message
            .rsplit_once('：')
            .map(|(_, quoted)| vec![quoted.chars().take(6).collect()])
            .unwrap_or_default(),
    };
    candidates
        .iter()
        .find(|(_, text)| {
            fragments
                .iter()
                .any(|f| f.chars().count() >= 4 && text.contains(f.as_str()))
        })
        .or(candidates.first())
        .map(|(i, _)| *i)
}

/// The explanation line by line, each marked when an error or warning quotes it.
pub fn text(report: &Report, diags: &[Diagnostic]) -> Vec<TextView> {
    let flagged: Vec<usize> = diags
        .iter()
        .filter(|d| d.severity != yusuan_model::Severity::Note)
        .filter(|d| target(report, d).is_none() && project_of(report, d).is_none())
        .filter_map(|d| text_line(report, d))
        .collect();
    report
        .text
        .iter()
        .enumerate()
        .map(|(i, l)| TextView {
            text: l.text.clone(),
            flagged: flagged.contains(&i),
        })
        .collect()
}

/// A cell of a table: its block, its row and, when named, its column.
type CellAt = (usize, usize, Option<usize>);

/// Where a finding points: the table, then the row and the column when they are named.
fn target(report: &Report, d: &Diagnostic) -> Option<(usize, Option<CellAt>)> {
    let label = d.location.table.as_deref()?;
    let ti = report.tables.iter().position(|t| {
        t.kind.label() == label || t.title == label || t.number.as_deref() == Some(label)
    })?;
    let t = &report.tables[ti];
    let Some(row) = d.location.row.as_deref() else {
        return Some((ti, None));
    };
    for (bi, b) in t.blocks.iter().enumerate() {
        if let Some(ri) = b
            .rows
            .iter()
            .position(|r| r.label() == row || r.name == row || r.code.as_deref() == Some(row))
        {
            let ci = d
                .location
                .column
                .as_deref()
                .and_then(|c| b.columns.iter().position(|x| x.as_str() == c));
            return Some((ti, Some((bi, ri, ci))));
        }
    }
    Some((ti, None))
}

/// The project a finding about performance targets names (`项目 / 指标`).
fn project_of(report: &Report, d: &Diagnostic) -> Option<usize> {
    let row = d.location.row.as_deref()?;
    report.projects.iter().position(|p| {
        row == p.name
            || row
                .strip_prefix(p.name.as_str())
                .is_some_and(|r| r.starts_with(" / "))
    })
}

fn anchor(t: usize, b: usize, r: usize, c: Option<usize>) -> String {
    match c {
        Some(c) => format!("t{t}-b{b}-r{r}-c{c}"),
        None => format!("t{t}-b{b}-r{r}"),
    }
}

pub fn findings(report: &Report, diags: &[Diagnostic]) -> Vec<FindingView> {
    diags
        .iter()
        .map(|d| FindingView {
            severity: d.severity.as_str().to_owned(),
            rule: d.rule.clone(),
            message: d.message.clone(),
            location: d.location.to_string(),
            hint: d.hint.clone().unwrap_or_default(),
            link: target(report, d)
                .map(|(t, cell)| match cell {
                    Some((b, r, c)) => anchor(t, b, r, c),
                    None => format!("t{t}"),
                })
                .or_else(|| project_of(report, d).map(|i| format!("p{i}")))
                .or_else(|| text_line(report, d).map(|i| format!("l{i}"))),
        })
        .collect()
}

pub fn tables(report: &Report, diags: &[Diagnostic]) -> Vec<TableView> {
    // Cells (and rows) named by an error or warning are marked.
    let marked: Vec<String> = diags
        .iter()
        .filter(|d| d.severity != yusuan_model::Severity::Note)
        .filter_map(|d| target(report, d))
        .filter_map(|(t, cell)| cell.map(|(b, r, c)| anchor(t, b, r, c)))
        .collect();
    report
        .tables
        .iter()
        .enumerate()
        .map(|(ti, t)| table(ti, t, &marked))
        .collect()
}

fn table(ti: usize, t: &Table, marked: &[String]) -> TableView {
    TableView {
        anchor: format!("t{ti}"),
        number: t.number.clone().unwrap_or_default(),
        title: t.title.clone(),
        unit: t.unit.label().to_owned(),
        codes: t.prints_codes,
        empty_note: t.empty_note.clone().unwrap_or_default(),
        empty: t.is_empty(),
        blocks: t
            .blocks
            .iter()
            .enumerate()
            .map(|(bi, b)| BlockView {
                side: b.side.map_or(String::new(), |s| s.label().to_owned()),
                columns: b.columns.iter().map(|c| c.as_str().to_owned()).collect(),
                rows: b
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(ri, r)| RowView {
                        code: r.code.clone().unwrap_or_default(),
                        name: r.name.clone(),
                        cells: (0..b.columns.len())
                            .map(|ci| {
                                let a = anchor(ti, bi, ri, Some(ci));
                                CellView {
                                    text: r.cell(ci).map(with_separators).unwrap_or_default(),
                                    flagged: marked.contains(&a)
                                        || marked.contains(&anchor(ti, bi, ri, None)),
                                    anchor: a,
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Chart data: spending by 类 (treemap), 基本 / 项目, in 万元 as numbers for drawing only.
#[derive(Serialize)]
pub struct Charts {
    pub classes: Vec<(String, String, f64)>,
    pub basic: f64,
    pub project: f64,
    /// (year, total) of the same unit's reports of the same family.
    pub years: Vec<(i64, f64)>,
}

const EXPENDITURE: &[TableKind] = &[TableKind::Expenditure, TableKind::FinalExpenditure];

/// Fen of the 支出总表's column `col` in the 合计 row, or by 类.
pub fn expenditure(report: &Report, col: &str) -> (Option<i64>, Vec<(String, String, i64)>) {
    let Some(t) = EXPENDITURE.iter().find_map(|k| report.table(*k)) else {
        return (None, Vec::new());
    };
    let Some(b) = t.blocks.first() else {
        return (None, Vec::new());
    };
    let Some(c) = b.column_index(col) else {
        return (None, Vec::new());
    };
    let total = b
        .rows
        .iter()
        .find(|r| r.code.is_none() && r.name.contains("合计"))
        .and_then(|r| r.cell(c))
        .map(|p| p.to_amount().fen());
    let classes = b
        .rows
        .iter()
        .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == 3))
        .filter_map(|r| {
            let p = r.cell(c)?;
            Some((
                r.code.clone().unwrap_or_default(),
                r.name.clone(),
                p.to_amount().fen(),
            ))
        })
        .collect();
    (total, classes)
}

pub fn wan(fen: i64) -> f64 {
    (fen as f64 / 1_000_000.0 * 100.0).round() / 100.0
}

pub fn charts(report: &Report, years: Vec<(i64, f64)>) -> Charts {
    let (_, classes) = expenditure(report, "合计");
    let basic = expenditure(report, "基本支出").0.unwrap_or(0);
    let project = expenditure(report, "项目支出").0.unwrap_or(0);
    Charts {
        classes: classes
            .into_iter()
            .map(|(code, name, fen)| (code, name, wan(fen)))
            .collect(),
        basic: wan(basic),
        project: wan(project),
        years,
    }
}

/// One line of a comparison: the same cell in two reports.
#[derive(Serialize)]
pub struct DiffRow {
    pub table: String,
    pub row: String,
    pub column: String,
    pub a: String,
    pub b: String,
    /// b − a in 元, two decimals; empty when one side has no figure.
    pub diff: String,
    pub changed: bool,
}

/// Every cell of either report, matched by table, side, row and column.
pub fn compare(a: &Report, b: &Report) -> Vec<DiffRow> {
    type Key = (String, String, String);
    let cells = |r: &Report| -> Vec<(Key, yusuan_model::Printed)> {
        let mut out = Vec::new();
        for t in &r.tables {
            for bl in &t.blocks {
                let table = match bl.side {
                    Some(s) => format!("{}（{}）", t.kind.label(), s.label()),
                    None => t.kind.label().to_owned(),
                };
                for row in &bl.rows {
                    for (ci, col) in bl.columns.iter().enumerate() {
                        if let Some(p) = row.cell(ci) {
                            out.push(((table.clone(), row.label(), col.as_str().to_owned()), p));
                        }
                    }
                }
            }
        }
        out
    };
    let (ca, cb) = (cells(a), cells(b));
    let mut keys: Vec<&Key> = ca.iter().map(|(k, _)| k).collect();
    for (k, _) in &cb {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .map(|k| {
            let va = ca.iter().find(|(x, _)| x == k).map(|(_, p)| *p);
            let vb = cb.iter().find(|(x, _)| x == k).map(|(_, p)| *p);
            let show = |p: Option<yusuan_model::Printed>| {
                p.map(|p| format!("{} {}", with_separators(p), p.unit.label()))
                    .unwrap_or_default()
            };
            let diff = match (va, vb) {
                (Some(x), Some(y)) => Some(y.to_amount() - x.to_amount()),
                _ => None,
            };
            DiffRow {
                table: k.0.clone(),
                row: k.1.clone(),
                column: k.2.clone(),
                a: show(va),
                b: show(vb),
                changed: diff.is_none_or(|d| !d.is_zero()),
                diff: diff
                    .map(|d| with_separators(d.round_to(yusuan_model::MoneyUnit::Yuan)))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// One functional subject of a unit's year, 预算 beside 决算.
#[derive(Serialize, Debug, PartialEq)]
pub struct ExecutionRow {
    pub code: String,
    pub name: String,
    pub budgeted: String,
    pub spent: String,
    /// 决算 ÷ 预算 in percent, two decimals; empty without a budget figure.
    pub completion: String,
}

/// 预算 against 决算 of one unit's year, 类 / 款 / 项 and the total: the 一般公共预算 table
/// of the budget (its 合计 column) beside the 一般公共预算财政拨款 table of the final
/// accounts. `None` unless `budget` is a 预算 and `actual` a 决算 with those tables.
pub fn execution(budget: &Report, actual: &Report) -> Option<Vec<ExecutionRow>> {
    use yusuan_model::{Family, TableKind};
    if budget.meta.family != Family::Budget || actual.meta.family != Family::Final {
        return None;
    }
    // Code (or "" for the total row) → name and printed amount.
    let figures = |r: &Report, kind| -> Option<Vec<(String, String, yusuan_model::Printed)>> {
        let block = r.table(kind)?.blocks.first()?;
        let c = block.column_index("合计").unwrap_or(0);
        Some(
            block
                .rows
                .iter()
                .filter(|row| row.code.is_some() || row.name == "合计")
                .filter_map(|row| {
                    row.cell(c)
                        .map(|p| (row.code.clone().unwrap_or_default(), row.name.clone(), p))
                })
                .collect(),
        )
    };
    let planned = figures(budget, TableKind::GeneralBudget)?;
    let spent = figures(actual, TableKind::FinalGeneralBudget)?;
    let mut codes: Vec<(String, String)> = Vec::new();
    for (code, name, _) in planned.iter().chain(&spent) {
        if !codes.iter().any(|(c, _)| c == code) {
            codes.push((code.clone(), name.clone()));
        }
    }
    // Codes in order, the total last.
    codes.sort_by(|a, b| (a.0.is_empty(), &a.0).cmp(&(b.0.is_empty(), &b.0)));
    let find = |list: &[(String, String, yusuan_model::Printed)], code: &str| {
        list.iter().find(|(c, _, _)| c == code).map(|(_, _, p)| *p)
    };
    let show = |p: Option<yusuan_model::Printed>| {
        p.map(|p| format!("{} {}", with_separators(p), p.unit.label()))
            .unwrap_or_default()
    };
    Some(
        codes
            .into_iter()
            .map(|(code, name)| {
                let (b, s) = (find(&planned, &code), find(&spent, &code));
                let completion = match (b, s) {
                    (Some(b), s) if !b.to_amount().is_zero() => {
                        let s = s.map_or(0, |s| s.to_amount().fen()) as i128;
                        let h = (s * 20_000 / b.to_amount().fen() as i128 + 1) / 2;
                        format!("{}.{:02}", h / 100, h % 100)
                    }
                    _ => String::new(),
                };
                ExecutionRow {
                    name: if code.is_empty() {
                        "合计".to_owned()
                    } else {
                        name
                    },
                    code,
                    budgeted: show(b),
                    spent: show(s),
                    completion,
                }
            })
            .collect(),
    )
}

/// One statement of the explanation as the page lists it beside the text.
#[derive(Serialize)]
pub struct StatementView {
    pub subject: String,
    pub claims: Vec<String>,
    pub purpose: String,
    pub reason: String,
    pub place: String,
    pub quote: String,
    /// Findings about this statement (their rule and message).
    pub findings: Vec<String>,
}

/// The statements read from (or written into) the explanation, each with what it claims
/// and the findings that point at it.
pub fn statements(report: &Report, diags: &[Diagnostic]) -> Vec<StatementView> {
    report
        .statements
        .iter()
        .map(|s| {
            let path: Vec<String> = match &s.subject {
                yusuan_model::Subject::Item { path, .. } => path.clone(),
                yusuan_model::Subject::Named { name, .. } => vec![name.clone()],
            };
            let source = s.source.as_ref();
            let place = match (source.and_then(|q| q.page), source.and_then(|q| q.line)) {
                (Some(p), _) => format!("第{p}页"),
                (None, Some(l)) => format!("第{l}行"),
                _ => String::new(),
            };
            let printed_path = |d: &&Diagnostic| {
                d.location.row.as_deref().is_some_and(|row| {
                    let names: Vec<&str> = path.iter().map(String::as_str).collect();
                    names.iter().all(|n| row.contains(n))
                }) && d.rule.starts_with("R-TEXT-")
            };
            StatementView {
                subject: path.join(" / "),
                claims: s
                    .claims
                    .iter()
                    .map(|c| format!("{}：{}", c.measure.label(), c.value.show()))
                    .collect(),
                purpose: s.purpose.clone().unwrap_or_default(),
                reason: s.reason.clone().unwrap_or_default(),
                place,
                quote: source.map(|q| q.quote.clone()).unwrap_or_default(),
                findings: diags
                    .iter()
                    .filter(printed_path)
                    .map(|d| format!("{} {}", d.rule, d.message))
                    .collect(),
            }
        })
        .collect()
}
