use yusuan_model::{Diagnostic, Location, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-FUND-SPLIT: a project's funds total equals the sum of its sources.
pub struct FundSplit;

impl Rule for FundSplit {
    fn id(&self) -> &'static str {
        "R-FUND-SPLIT"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "项目资金总额等于各来源之和"
    }
    fn doc(&self) -> &'static str {
        "In a 绩效目标表, 实施期资金总额 and 年度资金总额 each equal 中央 + 省级 + 市县 + 自筹 + 其他 \
(blank counts as zero), exactly in 元. Why: the split tells who pays; a gap is money with no \
source."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for p in &cx.report.projects {
            for (label, f) in [("实施期", &p.funds_total), ("年度", &p.funds_annual)] {
                let Some(total) = f.total else { continue };
                let parts = f.parts_sum();
                let any = [f.central, f.provincial, f.local, f.self_raised, f.other]
                    .iter()
                    .any(Option::is_some);
                if any && parts != total {
                    out.push(Diagnostic::error(
                        self.id(),
                        format!(
                            "项目「{}」{}资金总额 {} 元 ≠ 各来源之和 {} 元",
                            p.name,
                            label,
                            total.yuan(),
                            parts.yuan()
                        ),
                        Location {
                            row: Some(p.name.clone()),
                            column: Some(label.to_owned()),
                            ..cx.at_file()
                        },
                    ));
                }
            }
        }
    }
}
