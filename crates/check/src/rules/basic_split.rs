use yusuan_model::{Diagnostic, Row, Severity, TableKind};

use crate::util::{fen, Cx};
use crate::Rule;

/// R-BASIC-SPLIT: 工资福利支出 (301) is 人员经费 and 商品和服务支出 (302) is 公用经费.
pub struct BasicSplit;

/// The economic 类 whose money belongs to one column only: code, name, the column it
/// belongs to, the column it must not appear in.
const CLASSES: &[(&str, &str, &str, &str)] = &[
    ("301", "工资福利支出", "人员经费", "公用经费"),
    ("302", "商品和服务支出", "公用经费", "人员经费"),
];

impl Rule for BasicSplit {
    fn id(&self) -> &'static str {
        "R-BASIC-SPLIT"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "基本支出表中工资福利支出列入公用经费、商品和服务支出列入人员经费"
    }
    fn doc(&self) -> &'static str {
        "In the tables of basic expenditure by economic classification, 人员经费 is 工资福利支出 \
(301) and 对个人和家庭的补助 (303), 公用经费 is 商品和服务支出 (302) and part of 资本性支出: a \
301 item with money under 公用经费, or a 302 item under 人员经费, is listed (by code, or by its \
place under the 类 row when the table prints no codes). A warning, since some units deviate \
on purpose; the sums are R-ROW-TOTAL's. Why: the split feeds 机关运行经费, which a misplaced \
item distorts."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for kind in [
            TableKind::GeneralBudgetBasic,
            TableKind::FiscalBasic,
            TableKind::FinalGeneralBudgetBasic,
        ] {
            let Some(table) = cx.table(kind) else {
                continue;
            };
            for block in &table.blocks {
                // The 类 each row falls under: its code, or the last 类 row above it.
                let mut class: Option<&str> = None;
                let mut misplaced: Vec<(&str, &Row, &str)> = Vec::new();
                for row in &block.rows {
                    // A 类 row, by its code or (no code printed) by the catalogue's name.
                    let class_code = match row.code.as_deref() {
                        Some(c) if c.len() == 3 => Some(c.to_owned()),
                        Some(_) => None,
                        None => class_named(cx, &row.name),
                    };
                    if let Some(c) = class_code {
                        class = CLASSES
                            .iter()
                            .find(|(code, ..)| *code == c)
                            .map(|(code, ..)| *code);
                        continue;
                    }
                    let under = match row.code.as_deref() {
                        Some(c) if c.len() == 5 => CLASSES
                            .iter()
                            .find(|(code, ..)| c.starts_with(code))
                            .map(|(code, ..)| *code),
                        Some(_) => None,
                        None => class,
                    };
                    let Some((_, class_name, _, wrong)) =
                        under.and_then(|u| CLASSES.iter().find(|(code, ..)| *code == u))
                    else {
                        continue;
                    };
                    let Some(col) = block.column_index(wrong) else {
                        continue;
                    };
                    if row.cell(col).is_some_and(|v| fen(v) != 0) {
                        misplaced.push((class_name, row, wrong));
                    }
                }
                for (class_name, row, wrong) in misplaced {
                    let col = block.column_index(wrong).expect("found above");
                    let v = row.cell(col).expect("found above");
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "{}：{class_name}中的「{}」有 {v} {}列在{wrong}",
                                table.kind,
                                row.name,
                                v.unit.label()
                            ),
                            cx.at(table, Some(row), Some(wrong)),
                        )
                        .with_hint("工资福利支出属人员经费，商品和服务支出属公用经费"),
                    );
                }
            }
        }
    }
}

/// The economic 类 (3xx or 5xx) the catalogue gives this name, in the report's year.
fn class_named(cx: &Cx<'_>, name: &str) -> Option<String> {
    let year = cx.report.meta.year;
    (301..=399)
        .chain(501..=599)
        .map(|c: u32| c.to_string())
        .find(|c| {
            yusuan_model::EconCode::parse(c)
                .ok()
                .and_then(|code| cx.catalog.econ(&code, year))
                .is_some_and(|f| f.name == name)
        })
}
