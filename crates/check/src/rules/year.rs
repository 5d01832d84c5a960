use yusuan_model::{Diagnostic, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-YEAR: a table title names another year than the report's.
pub struct Year;

/// The first `20xx年` in a text.
pub fn year_in(text: &str) -> Option<u16> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(4)).find_map(|i| {
        let y = text.get(i..i + 4)?;
        (y.starts_with("20")
            && y.bytes().all(|c| c.is_ascii_digit())
            && text.get(i + 4..)?.starts_with('年'))
        .then(|| y.parse().ok())
        .flatten()
    })
}

/// Years written as the year of a report: `2022年度部门预算`, `2022年预算`, `2022年决算`.
fn report_years(text: &str) -> Vec<u16> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    for (i, _) in t.match_indices("20") {
        let Some(y) = t
            .get(i..i + 4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let rest = &t[i + 4..];
        let rest = rest
            .strip_prefix("年度")
            .or_else(|| rest.strip_prefix('年'))
            .unwrap_or("");
        let rest = rest
            .strip_prefix("部门")
            .or_else(|| rest.strip_prefix("单位"))
            .unwrap_or(rest);
        // `2022年预算执行数` reports an execution figure, not a report.
        if (rest.starts_with("预算") || rest.starts_with("决算")) && !rest.starts_with("预算执行")
        {
            if let Ok(y) = y.parse() {
                out.push(y);
            }
        }
    }
    out
}

impl Rule for Year {
    fn id(&self) -> &'static str {
        "R-YEAR"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "表题年度与报告年度不一致"
    }
    fn doc(&self) -> &'static str {
        "Every table title that states a year (`2024年预算收支总表`) states the report's year, and \
the running text names no other year's report (`2022年度部门预算`, `2022年预算`) than this \
year's or last year's, which it compares with. Why: a year from another report is the usual \
trace of a copied table or paragraph."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let year = cx.report.meta.year;
        if year == 0 {
            return;
        }
        for line in &cx.report.text {
            for y in report_years(&line.text) {
                if y != year && y + 1 != year {
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "说明中提到{y}年的报告（本报告为{year}年）：{}",
                                line.text.trim()
                            ),
                            yusuan_model::Location {
                                line: line.line,
                                page: line.page,
                                ..cx.at_file()
                            },
                        )
                        .with_hint("核对是否沿用了其他年度的文字"),
                    );
                }
            }
        }
        for t in &cx.report.tables {
            if let Some(y) = year_in(&t.title).filter(|y| *y != year) {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "{}的表题写{}年，报告年度为{}年：{}",
                            t.kind, y, year, t.title
                        ),
                        cx.at(t, None, None),
                    )
                    .with_hint("核对表格是否来自其他年度的报告"),
                );
            }
        }
    }
}
