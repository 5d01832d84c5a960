use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Family, Severity};

use crate::util::{around, Cx, Joined};
use crate::Rule;

/// R-YEAR: a table title, a 截至 date or a comparison names another year than the
/// report's.
pub struct Year;

/// The first `20xx年` in a text.
pub fn year_in(text: &str) -> Option<u16> {
    yusuan_model::first_year(text)
}

/// Years written as the year of a report: `2022年度部门预算`, `2022年预算`, `2022年决算`.
fn report_years(text: &str) -> Vec<u16> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    yusuan_model::report_years(&t)
        .into_iter()
        .map(|(_, y)| y)
        .collect()
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
year's or last year's, which it compares with (but the report's own 编制范围 — `纳入…部门决算编制范围`, `…部门预算范围`, `纳入本部门2020年度决算编制的` — \
is this year's), unless the title names two reports as its own (`2011年决算和2012年预算情况的说明`). A 截至 date is of the report's year or the \
year before (a 预算 is written during the year before), or the year after (a 决算 is written \
then); a comparison of the report's figures (`比2023年预算增加`, `与2023年度相比`) is with \
the year before (or, in a 决算, with the year's own 预算). Why: a year from another report is the usual \
trace of a copied table or paragraph."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let year = cx.report.meta.year;
        if year == 0 {
            return;
        }
        // `纳入…2022年度部门决算编制范围的`: the report's own scope names its own year;
        // last year's report, allowed elsewhere as the one compared with, is not it.
        static SCOPE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(20[0-9]{2})年度?(?:部门|单位)(?:预算|决算)(?:编制)?范围|纳入[^。，,]{0,12}?(20[0-9]{2})年度?(?:部门|单位)?(?:预算|决算)编制",
            )
            .expect("valid")
        });
        // A title may name two reports as its own (`“三公”经费2011年决算和2012年预算情况的说明`):
        // both years are the document's.
        let own: Vec<u16> = cx
            .report
            .text
            .iter()
            .take(3)
            .map(|l| report_years(&l.text))
            .find(|ys| ys.len() > 1 && ys.contains(&year))
            .unwrap_or_default();
        for line in &cx.report.text {
            let squeezed: String = line.text.chars().filter(|c| !c.is_whitespace()).collect();
            let scope = SCOPE
                .captures(&squeezed)
                .and_then(|c| c.get(1).or(c.get(2)))
                .and_then(|y| y.as_str().parse::<u16>().ok());
            for y in report_years(&line.text) {
                if y != year && !own.contains(&y) && (y + 1 != year || scope == Some(y)) {
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "说明中提到{y}年的报告（本报告为{year}年）：{}",
                                line.text.trim()
                            ),
                            cx.at_line(line),
                        )
                        .with_hint("核对是否沿用了其他年度的文字"),
                    );
                }
            }
        }
        self.dates_and_comparisons(cx, out);
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

impl Year {
    /// `截至2024年8月31日` and `比2023年预算增加` against the report's year.
    fn dates_and_comparisons(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static DATED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(截至|截止|比|与|较)(20[0-9]{2})年度?(?:预算|决算|执行数|预算数|决算数|同期|年初预算)*(相比|持平|增加|减少|相同|增长|下降|基本持平|[0-9]{1,2}月)?",
            )
            .expect("valid")
        });
        let year = cx.report.meta.year;
        let is_final = cx.report.meta.family == Family::Final;
        let joined = Joined::of(cx);
        for c in DATED.captures_iter(&joined.text) {
            let Ok(y) = c[2].parse::<u16>() else { continue };
            let (allowed, what): (&[u16], &str) = match &c[1] {
                "截至" | "截止" if c.get(3).is_some() => {
                    if is_final {
                        (&[year, year + 1], "截至日期")
                    } else {
                        (&[year - 1, year], "截至日期")
                    }
                }
                // `比2022年预算…` names a report: the check above reads it.
                "比" | "与" | "较"
                    if c.get(3).is_some_and(|m| !m.as_str().ends_with('月'))
                        && report_years(c.get(0).expect("match").as_str()).is_empty() =>
                {
                    if is_final {
                        (&[year - 1, year], "比较年度")
                    } else {
                        (&[year - 1], "比较年度")
                    }
                }
                _ => continue,
            };
            if allowed.contains(&y) {
                continue;
            }
            let m = c.get(0).expect("match");
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "{what}写{y}年，本报告为{year}年{}：{}",
                        cx.report.meta.family,
                        around(&joined.text, m.start(), m.len())
                    ),
                    joined.at(m.start()),
                )
                .with_hint("核对是否沿用了其他年度的文字"),
            );
        }
    }
}
