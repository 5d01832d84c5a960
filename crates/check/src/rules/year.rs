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
        (y.starts_with("20") && y.bytes().all(|c| c.is_ascii_digit()) && text.get(i + 4..)?.starts_with('年')).then(|| y.parse().ok()).flatten()
    })
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
        "Every table title that states a year (`2024年预算收支总表`) states the report's year. \
Why: a year from another report is the usual trace of a copied table."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let year = cx.report.meta.year;
        if year == 0 {
            return;
        }
        for t in &cx.report.tables {
            if let Some(y) = year_in(&t.title).filter(|y| *y != year) {
                out.push(
                    Diagnostic::warning(self.id(), format!("{}的表题写{}年，报告年度为{}年：{}", t.kind, y, year, t.title), cx.at(t, None, None))
                        .with_hint("核对表格是否来自其他年度的报告"),
                );
            }
        }
    }
}
