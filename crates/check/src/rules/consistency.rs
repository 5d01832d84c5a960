use yusuan_model::{Diagnostic, Family, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-CONSISTENT: one unit and one kind of report throughout.
pub struct Consistent;

impl Rule for Consistent {
    fn id(&self) -> &'static str {
        "R-CONSISTENT"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "各表单位名称、预算/决算一致"
    }
    fn doc(&self) -> &'static str {
        "Every table heading that names its unit (单位名称 / 编制部门 / 部门) names the report's unit, \
and in a 预算 report no table title says 决算 (in a 决算 report every title does). Why: a \
table from another unit or another kind of report is the usual trace of copying; the reader \
would take its figures for this unit's."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let unit = &cx.report.meta.unit_name;
        for t in &cx.report.tables {
            if let Some(issuer) = t
                .issuer
                .as_deref()
                .filter(|i| !unit.is_empty() && *i != unit)
            {
                out.push(Diagnostic::warning(
                    self.id(),
                    format!("{}的表头单位为「{issuer}」，报告单位为「{unit}」", t.kind),
                    cx.at(t, None, None),
                ));
            }
            let says_final = t.title.contains("决算");
            let wrong = match cx.report.meta.family {
                Family::Budget => says_final,
                Family::Final => !says_final,
            };
            if wrong {
                out.push(Diagnostic::warning(
                    self.id(),
                    format!(
                        "{}报告中的表题「{}」{}",
                        cx.report.meta.family,
                        t.title,
                        if says_final {
                            "写的是决算"
                        } else {
                            "不是决算表"
                        }
                    ),
                    cx.at(t, None, None),
                ));
            }
        }
    }
}
