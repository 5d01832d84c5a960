//! Report → typst source. Layout follows the printed templates: a cover, every table
//! on its own page with its number, title, unit line and a header that repeats on
//! every page, the two halves of a two-sided table side by side, the empty-table note,
//! then the explanation and the projects' targets.

use std::fmt::Write;
use yusuan_profile::{Header, Labels, Profile};

use yusuan_model::{
    with_separators, Block, IndicatorPeriod, Project, Report, Row, RowRole, Table, TextLine,
};

/// A typst string literal: the text can never be read as markup.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const NUMERALS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 10 → 十, 25 → 二十五.
fn numeral(n: usize) -> String {
    match n {
        0..=9 => NUMERALS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", NUMERALS[n - 10]),
        _ => format!("{}十{}", NUMERALS[n / 10], NUMERALS[n % 10]),
    }
}

/// Row labels of a two-sided summary carry the ordinal the template prints
/// (`一、一般公共预算`) until the first total; a qualified label shows its last part.
fn side_labels(block: &Block) -> Vec<String> {
    let mut n = 0;
    let mut numbering = true;
    block
        .rows
        .iter()
        .map(|r| {
            let name = r.name.rsplit('/').next().unwrap_or(&r.name).to_owned();
            if r.role == RowRole::Total {
                numbering = false;
            }
            let heading_child = r.name.contains('/');
            if numbering
                && !heading_child
                && r.role == RowRole::Data
                && !name.starts_with("上年")
                && !name.starts_with("年终")
            {
                n += 1;
                format!("{}、{name}", numeral(n))
            } else {
                name
            }
        })
        .collect()
}

fn cells(row: &Row, width: usize) -> Vec<String> {
    (0..width)
        .map(|i| row.cell(i).map(with_separators).unwrap_or_default())
        .collect()
}

fn table_source(out: &mut String, report: &Report, profile: Option<&Profile>, t: &Table) {
    // The family's declaration says what stands above the table and how the page turns;
    // a report of no declared family gets the 单位名称 line on a landscape page.
    let issuer = yusuan_profile::issuer_of(profile);
    let spec = profile.and_then(|p| p.tables.iter().find(|s| s.kind == t.kind));
    let portrait = spec.is_some_and(|s| s.portrait);
    let uses_beside = spec.is_some_and(|s| s.uses_beside_classes);
    let year = report.meta.year;
    let _ = writeln!(out, "#pagebreak(weak: true)");
    let _ = writeln!(out, "#set page(flipped: {})", !portrait);
    if let Some(n) = &t.number {
        let _ = writeln!(out, "#align(right, text({}))", lit(n));
    }
    let _ = writeln!(
        out,
        "#align(center, text(size: 15pt, weight: \"bold\", {}))",
        lit(&t.title)
    );
    let _ = writeln!(
        out,
        "#grid(columns: (1fr, auto), {}, {})",
        lit(&match issuer {
            Some(label) => format!("{label}{}", report.meta.unit_name),
            None => String::new(),
        }),
        lit(&format!("单位：{}", t.unit.label()))
    );
    let two_sided = t.blocks.len() == 2 && t.blocks.iter().all(|b| b.side.is_some());
    let mut header: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut numeric: Vec<bool> = Vec::new();
    if two_sided && uses_beside {
        return uses_beside_classes(out, t);
    }
    if two_sided {
        let (inc, exp) = (&t.blocks[0], &t.blocks[1]);
        for b in [inc, exp] {
            header.push("项目".to_owned());
            numeric.push(false);
            header.extend(b.columns.iter().map(|c| c.as_str().to_owned()));
            numeric.extend(b.columns.iter().map(|_| true));
        }
        let (li, le) = (side_labels(inc), side_labels(exp));
        for i in 0..inc.rows.len().max(exp.rows.len()) {
            let mut row = Vec::new();
            for (b, labels) in [(inc, &li), (exp, &le)] {
                match b.rows.get(i) {
                    Some(r) => {
                        row.push(labels[i].clone());
                        row.extend(cells(r, b.columns.len()));
                    }
                    None => row.extend(std::iter::repeat_n(String::new(), b.columns.len() + 1)),
                }
            }
            rows.push(row);
        }
    } else if t.blocks.len() == 2 {
        // Two side-less halves (a 决算's 人员经费 and 公用经费) side by side, each with its
        // codes, names and figures, as the template prints them.
        let (left, right) = (block_grid(t, &t.blocks[0]), block_grid(t, &t.blocks[1]));
        header = left.0.iter().chain(&right.0).cloned().collect();
        numeric = left.2.iter().chain(&right.2).copied().collect();
        for i in 0..left.1.len().max(right.1.len()) {
            let mut row = Vec::new();
            for (h, r, _) in [&left, &right] {
                match r.get(i) {
                    Some(cells) => row.extend(cells.iter().cloned()),
                    None => row.extend(std::iter::repeat_n(String::new(), h.len())),
                }
            }
            rows.push(row);
        }
    } else {
        // More side-less blocks: one under the other, each with its header.
        for (i, b) in t.blocks.iter().enumerate() {
            let (header, rows, numeric) = block_grid(t, b);
            if i + 1 < t.blocks.len() {
                let grid = yusuan_profile::header::header(profile, t, &[i], year);
                grid_source(out, &header, &grid, &rows, &numeric);
            } else {
                let grid = yusuan_profile::header::header(profile, t, &[i], year);
                return finish(out, t, header, &grid, rows, numeric);
            }
        }
    }
    let blocks: Vec<usize> = (0..t.blocks.len()).collect();
    let grid = yusuan_profile::header::header(profile, t, &blocks, year);
    finish(out, t, header, &grid, rows, numeric);
}

/// A 收支总表 whose 支出 side prints its 类 and its uses side by side (江苏): 收入 | 功能分类 |
/// 支出用途, each a label and an amount, each numbered on its own; the closing rows of both
/// sides share the last lines, the 支出 one spanning 功能分类 and 支出用途.
fn uses_beside_classes(out: &mut String, t: &Table) {
    let (inc, exp) = (&t.blocks[0], &t.blocks[1]);
    let amount = |r: &Row| r.cell(0).map(with_separators).unwrap_or_default();
    let numbered = |rows: &[&Row]| -> Vec<(String, String)> {
        rows.iter()
            .enumerate()
            .map(|(i, r)| (format!("{}、{}", numeral(i + 1), r.name), amount(r)))
            .collect()
    };
    let first_total = |b: &Block| {
        b.rows
            .iter()
            .position(|r| r.role == RowRole::Total)
            .unwrap_or(b.rows.len())
    };
    let (inc_head, inc_close) = inc.rows.split_at(first_total(inc));
    let (exp_head, exp_close) = exp.rows.split_at(first_total(exp));
    let income: Vec<(String, String)> = side_labels(inc)
        .into_iter()
        .zip(inc_head)
        .map(|(label, r)| (label, amount(r)))
        .collect();
    let classes: Vec<&Row> = exp_head.iter().filter(|r| r.code.is_some()).collect();
    let uses: Vec<&Row> = exp_head.iter().filter(|r| r.code.is_none()).collect();
    let (classes, uses) = (numbered(&classes), numbered(&uses));
    let lit_cells = |cells: &[String]| cells.iter().map(|c| lit(c)).collect::<Vec<_>>().join(", ");
    let _ = writeln!(
        out,
        "#table(columns: (1fr, auto, 1fr, auto, 1fr, auto), align: (left, right, left, right, left, right), inset: 4pt,"
    );
    let bold = |h: &str| format!("[*#{}*]", lit(h));
    let _ = writeln!(
        out,
        "  table.header(table.cell(colspan: 2, align: center, {}), table.cell(colspan: 2, align: center, {}), table.cell(colspan: 2, align: center, {}), {}, {}, {}, {}, {}, {}),",
        bold("收入"),
        bold("功能分类"),
        bold("支出用途"),
        bold("项目名称"),
        bold("金额"),
        bold("功能科目名称"),
        bold("金额"),
        bold("项目名称"),
        bold("金额")
    );
    let blank = (String::new(), String::new());
    for i in 0..income.len().max(classes.len()).max(uses.len()) {
        let mut cells = Vec::new();
        for side in [&income, &classes, &uses] {
            let (l, a) = side.get(i).unwrap_or(&blank);
            cells.push(l.clone());
            cells.push(a.clone());
        }
        let _ = writeln!(out, "  {},", lit_cells(&cells));
    }
    for i in 0..inc_close.len().max(exp_close.len()) {
        let (il, ia) = inc_close
            .get(i)
            .map_or((String::new(), String::new()), |r| {
                (r.name.clone(), amount(r))
            });
        let (el, ea) = exp_close
            .get(i)
            .map_or((String::new(), String::new()), |r| {
                (r.name.clone(), amount(r))
            });
        let _ = writeln!(
            out,
            "  {}, {}, table.cell(colspan: 3, {}), {},",
            lit(&il),
            lit(&ia),
            lit(&el),
            lit(&ea)
        );
    }
    let _ = writeln!(out, ")");
}

/// A one-sided block as header labels, rows of cell texts, and which columns are figures.
fn block_grid(t: &Table, b: &Block) -> (Vec<String>, Vec<Vec<String>>, Vec<bool>) {
    let (mut header, mut rows, mut numeric) = (Vec::new(), Vec::new(), Vec::new());
    {
        let Labels { codes, aux } = Labels::of(t, b);
        if codes {
            header.push("科目编码".to_owned());
            numeric.push(false);
        }
        header.push(if codes { "科目名称" } else { "项目" }.to_owned());
        numeric.push(false);
        if aux {
            header.push("政府预算经济科目".to_owned());
            numeric.push(false);
        }
        header.extend(b.columns.iter().map(|c| c.as_str().to_owned()));
        numeric.extend(b.columns.iter().map(|_| true));
        for r in &b.rows {
            let mut row = Vec::new();
            if codes {
                row.push(r.code.clone().unwrap_or_default());
            }
            row.push(r.name.clone());
            if aux {
                row.push(r.aux.clone().unwrap_or_default());
            }
            row.extend(cells(r, b.columns.len()));
            rows.push(row);
        }
    }
    (header, rows, numeric)
}

fn finish(
    out: &mut String,
    t: &Table,
    header: Vec<String>,
    grid: &Header,
    rows: Vec<Vec<String>>,
    numeric: Vec<bool>,
) {
    grid_source(out, &header, grid, &rows, &numeric);
    if let Some(note) = &t.empty_note {
        let _ = writeln!(out, "#text({})", lit(note));
    }
}

/// One typst table under its declared header (`yusuan_profile::header`): a level shared
/// by neighbouring columns is one cell over them, a short path spans down. `header` is
/// each column's bottom label, which sets its width.
fn grid_source(
    out: &mut String,
    header: &[String],
    grid: &Header,
    rows: &[Vec<String>],
    numeric: &[bool],
) {
    if !header.is_empty() {
        // Figures and codes take their width, labels share the rest.
        let widths: Vec<&str> = numeric
            .iter()
            .zip(header)
            .map(|(n, h)| {
                if *n || h == "科目编码" {
                    "auto"
                } else {
                    "1fr"
                }
            })
            .collect();
        let aligns: Vec<&str> = numeric
            .iter()
            .map(|n| if *n { "right" } else { "left" })
            .collect();
        let _ = writeln!(
            out,
            "#table(columns: ({},), align: ({},), inset: 4pt,",
            widths.join(", "),
            aligns.join(", ")
        );
        let _ = writeln!(out, "  table.header({}),", header_cells(grid).join(", "));
        for row in rows {
            let _ = writeln!(
                out,
                "  {},",
                row.iter().map(|c| lit(c)).collect::<Vec<_>>().join(", ")
            );
        }
        let _ = writeln!(out, ")");
    }
}

fn header_cells(grid: &Header) -> Vec<String> {
    grid.cells
        .iter()
        .map(|c| {
            let mut args = format!("x: {}, y: {}", c.col, c.row);
            if c.rows > 1 {
                let _ = write!(args, ", rowspan: {}", c.rows);
            }
            if c.cols > 1 {
                let _ = write!(args, ", colspan: {}, align: center", c.cols);
            }
            // As printed: `2024年预算数`, no space between the year and its word.
            format!(
                "table.cell({args}, text(weight: \"bold\", cjk-latin-spacing: none, {}))",
                lit(&c.label)
            )
        })
        .collect()
}

/// Running text on a new page; part headings (第…部分) and numbered section headings
/// (一、…) are set bold.
/// `第二部分 2024年单位预算报表` (山西), `四、部门预算表` (上海).
fn announces_tables(text: &str) -> bool {
    text.starts_with("第二部分")
        || (text.chars().count() <= 16
            && text.contains('、')
            && (text.ends_with("预算表") || text.ends_with("报表")))
}

fn text_source(out: &mut String, lines: &[TextLine]) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "#pagebreak(weak: true)");
    let _ = writeln!(out, "#set page(flipped: true)");
    for line in lines {
        let t = line.text.as_str();
        let part = t.starts_with('第') && t.chars().take(4).any(|c| c == '部');
        let section = t.chars().count() < 40
            && ((t.starts_with('（') && !t.contains('：'))
                || NUMERALS.iter().skip(1).chain(["十"].iter()).any(|n| {
                    t.starts_with(&format!("{n}、")) || t.starts_with(&format!("十{n}、"))
                }));
        if part {
            let _ = writeln!(
                out,
                "#align(center, text(size: 13pt, weight: \"bold\", {}))",
                lit(t)
            );
        } else if section {
            let _ = writeln!(out, "#par(text(weight: \"bold\", {}))", lit(t));
        } else {
            let _ = writeln!(
                out,
                "#par(first-line-indent: (amount: 2em, all: true), {})",
                lit(t)
            );
        }
    }
}

/// The head of a 绩效目标表: the project's facts in label / value pairs, its texts
/// across the full width; a text the project does not have is left out.
fn project_head(out: &mut String, p: &Project) {
    let funds = |f: &yusuan_model::FundSplit| {
        f.total
            .map(|a| with_separators(a.round_to(yusuan_model::MoneyUnit::Yuan)))
            .unwrap_or_default()
    };
    let wide = |label: &str, value: &str| {
        format!("{}, table.cell(colspan: 3, {}),", lit(label), lit(value))
    };
    let pair = |a: &str, x: &str, b: &str, y: &str| {
        format!("{}, {}, {}, {},", lit(a), lit(x), lit(b), lit(y))
    };
    let mut cells = vec![
        wide("项目名称", &p.name),
        pair("主管部门及代码", &p.department, "实施单位", &p.implementer),
    ];
    if !p.attribute.is_empty() || !p.duration.is_empty() {
        cells.push(pair("项目属性", &p.attribute, "项目期", &p.duration));
    }
    // The totals, then 其中 by source, for the sources either period names.
    type Pick = fn(&yusuan_model::FundSplit) -> Option<yusuan_model::Amount>;
    let sources: [(&str, Pick); 5] = [
        ("中央财政资金", |f| f.central),
        ("省级财政资金", |f| f.provincial),
        ("市县（区）财政资金", |f| f.local),
        ("单位自筹", |f| f.self_raised),
        ("其他资金", |f| f.other),
    ];
    let yuan = |a: Option<yusuan_model::Amount>| {
        a.map(|a| with_separators(a.round_to(yusuan_model::MoneyUnit::Yuan)))
            .unwrap_or_default()
    };
    let named: Vec<_> = sources
        .iter()
        .filter(|(_, pick)| pick(&p.funds_total).is_some() || pick(&p.funds_annual).is_some())
        .collect();
    cells.push(format!(
        "table.cell(rowspan: {}, {}), {}, table.cell(colspan: 2, {}),",
        named.len() + 1,
        lit("项目资金（元）"),
        lit(&format!("实施期资金总额：{}", funds(&p.funds_total))),
        lit(&format!("年度资金总额：{}", funds(&p.funds_annual)))
    ));
    for (label, pick) in named {
        cells.push(format!(
            "{}, table.cell(colspan: 2, {}),",
            lit(&format!("其中：{label}：{}", yuan(pick(&p.funds_total)))),
            lit(&format!("其中：{label}：{}", yuan(pick(&p.funds_annual))))
        ));
    }
    for (label, text) in [
        ("项目概况", &p.overview),
        ("立项依据", &p.basis),
        ("项目设立必要性", &p.necessity),
        ("保证项目实施的制度、措施", &p.measures),
        ("项目实施计划", &p.plan),
    ] {
        if !text.trim().is_empty() {
            cells.push(wide(label, text));
        }
    }
    if !p.goal_total.trim().is_empty() || !p.goal_annual.trim().is_empty() {
        cells.push(format!(
            "table.cell(rowspan: 2, {}), {}, table.cell(colspan: 2, {}),",
            lit("总体目标"),
            lit("实施期目标"),
            lit("年度目标")
        ));
        cells.push(format!(
            "{}, table.cell(colspan: 2, {}),",
            lit(&p.goal_total),
            lit(&p.goal_annual)
        ));
    }
    let _ = writeln!(out, "#table(columns: (auto, 1fr, auto, 1fr), inset: 4pt,");
    for c in cells {
        let _ = writeln!(out, "  {c}");
    }
    let _ = writeln!(out, ")");
}

/// The indicators as the official form sets them: 实施期 and 年度 side by side, row i
/// of a 一级指标 holding the i-th indicator of each period under it.
fn indicators_source(out: &mut String, p: &Project) {
    let mut groups: Vec<&str> = Vec::new();
    for i in &p.indicators {
        if !groups.contains(&i.level1.as_str()) {
            groups.push(&i.level1);
        }
    }
    let _ = writeln!(
        out,
        "#table(columns: (auto, auto, 1fr, auto, auto, 1fr, auto), inset: 4pt,"
    );
    let _ = writeln!(
        out,
        "  table.header(table.cell(rowspan: 2, [*#{}*]), table.cell(colspan: 3, [*#{}*]), table.cell(colspan: 3, [*#{}*]), {}),",
        lit("一级指标"),
        lit("实施期指标"),
        lit("年度指标"),
        ["二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
            .iter()
            .map(|h| format!("[*#{}*]", lit(h)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for level1 in groups {
        let of = |period: IndicatorPeriod| {
            p.indicators_of(period)
                .filter(|i| i.level1 == level1)
                .collect::<Vec<_>>()
        };
        let (total, annual) = (
            of(IndicatorPeriod::Implementation),
            of(IndicatorPeriod::Annual),
        );
        let rows = total.len().max(annual.len());
        let _ = write!(out, "  table.cell(rowspan: {rows}, {}),", lit(level1));
        for k in 0..rows {
            for half in [&total, &annual] {
                match half.get(k) {
                    Some(i) => {
                        let _ = write!(
                            out,
                            " {}, {}, {},",
                            lit(&i.level2),
                            lit(&i.name),
                            lit(&i.value.raw)
                        );
                    }
                    None => out.push_str(" [], [], [],"),
                }
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, ")");
}

/// The whole document as typst source.
pub fn document_source(report: &Report) -> String {
    // The family's declaration, read once for every table.
    let profile = yusuan_profile::profile(&report.meta.profile);
    let m = &report.meta;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "#set document(title: {})",
        lit(&format!(
            "{}{}年{}{}公开",
            m.unit_name, m.year, m.scope, m.family
        ))
    );
    let _ = writeln!(
        out,
        "#set page(paper: \"a4\", flipped: true, margin: 1.6cm, numbering: \"1\")"
    );
    let _ = writeln!(out, "#set text(font: (\"Noto Sans CJK SC\", \"WenQuanYi Micro Hei\", \"Noto Serif CJK SC\"), size: 9pt, lang: \"zh\")");
    let _ = writeln!(out, "#set par(justify: true)");
    // Cover.
    let _ = writeln!(out, "#v(6cm)");
    let _ = writeln!(
        out,
        "#align(center, text(size: 26pt, weight: \"bold\", {}))",
        lit(&m.unit_name)
    );
    let _ = writeln!(out, "#v(1cm)");
    let _ = writeln!(
        out,
        "#align(center, text(size: 20pt, {}))",
        lit(&format!("{}年{}{}公开", m.year, m.scope, m.family))
    );
    // The tables follow the heading that announces them; text before it (概况, and in
    //上海 the 名词解释 and 编制说明 as well) comes first, the rest after.
    let split = report
        .text
        .iter()
        .position(|l| announces_tables(&l.text))
        .map_or(0, |i| i + 1);
    let (before, after) = report.text.split_at(split);
    text_source(&mut out, before);
    for t in &report.tables {
        table_source(&mut out, report, profile.as_ref(), t);
    }
    text_source(&mut out, after);
    for p in &report.projects {
        let _ = writeln!(out, "#pagebreak(weak: true)");
        let _ = writeln!(
            out,
            "#align(center, text(size: 13pt, weight: \"bold\", {}))",
            lit("项目支出绩效目标表")
        );
        project_head(&mut out, p);
        indicators_source(&mut out, p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_cannot_escape() {
        assert_eq!(lit(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(lit("#[*]_$"), "\"#[*]_$\"");
        assert_eq!(numeral(1), "一");
        assert_eq!(numeral(10), "十");
        assert_eq!(numeral(19), "十九");
        assert_eq!(numeral(30), "三十");
        assert_eq!(numeral(25), "二十五");
    }
}
