use yusuan_model::{Diagnostic, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-TABLES: the tables the report's template requires are all there, in order.
pub struct TablesPresent;

impl Rule for TablesPresent {
    fn id(&self) -> &'static str {
        "R-TABLES"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "模板要求的表格齐全且顺序正确"
    }
    fn doc(&self) -> &'static str {
        "For a report whose family is declared (`yusuan profiles`: 山西 13, 上海 9, 江苏 12, 部门决算 9), every table the \
profile lists must be present — an empty one with its note still counts — and they must come in \
the profile's order (a table out of order is a warning). Why: the template is mandatory; a \
missing table is information withheld."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let Some(kinds) = cx.profile_tables else {
            return;
        };
        for kind in kinds {
            if cx.table(*kind).is_none() {
                out.push(
                    Diagnostic::error(self.id(), format!("缺少模板要求的{kind}"), cx.at_file())
                        .with_hint("无数据的表也应公开，并注明“本表无数据”"),
                );
            }
        }
        let order: Vec<usize> = cx
            .report
            .tables
            .iter()
            .filter_map(|t| kinds.iter().position(|k| *k == t.kind))
            .collect();
        if let Some(w) = order.windows(2).position(|w| w[1] < w[0]) {
            let t = cx
                .report
                .tables
                .iter()
                .filter(|t| kinds.contains(&t.kind))
                .nth(w + 1)
                .expect("in order list");
            out.push(Diagnostic::warning(
                self.id(),
                format!("{}的位置与模板顺序不符", t.kind),
                cx.at(t, None, None),
            ));
        }
    }
}
