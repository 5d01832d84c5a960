use yusuan_model::{Diagnostic, Severity, TableKind};

use crate::util::Cx;
use crate::Rule;

/// R-DETAIL: general-budget spending to the 项 of the functional classification, basic
/// spending to the 款 of the economic classification.
pub struct Detail;

impl Rule for Detail {
    fn id(&self) -> &'static str {
        "R-DETAIL"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "一般公共预算支出细化到项级科目，基本支出细化到经济分类款级"
    }
    fn doc(&self) -> &'static str {
        "The disclosure rules (财预〔2016〕143号) require 一般公共预算支出 by functional classification \
down to the 项 (7 digits) and 一般公共预算基本支出 by economic classification down to the 款 (5 \
digits). A table whose rows carry codes but none at that level fails; a table printing no \
codes is not judged here."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for (kinds, digits, what) in [
            (
                &[TableKind::GeneralBudget, TableKind::FinalGeneralBudget][..],
                7,
                "功能分类项级（7位）",
            ),
            (
                &[
                    TableKind::GeneralBudgetBasic,
                    TableKind::FinalGeneralBudgetBasic,
                ][..],
                5,
                "经济分类款级（5位）",
            ),
        ] {
            for kind in kinds {
                let Some(table) = cx.table(*kind) else {
                    continue;
                };
                let codes: Vec<usize> = table
                    .blocks
                    .iter()
                    .flat_map(|b| {
                        b.rows
                            .iter()
                            .filter_map(|r| r.code.as_ref().map(String::len))
                    })
                    .collect();
                if !codes.is_empty() && !codes.contains(&digits) {
                    out.push(
                        Diagnostic::error(
                            self.id(),
                            format!("{}未细化到{what}科目", table.kind),
                            cx.at(table, None, None),
                        )
                        .with_hint("按规定公开到项级功能科目、款级经济科目"),
                    );
                }
            }
        }
    }
}
