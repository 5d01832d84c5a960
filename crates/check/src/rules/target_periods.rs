use yusuan_model::{Diagnostic, IndicatorPeriod, Location, Project, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-TARGET-PERIODS: in a one-year project the 实施期 and 年度 targets agree.
pub struct TargetPeriods;

/// One year long: 项目期 `1年`, or a 一次性项目 (1年结束).
pub fn one_year(p: &Project) -> bool {
    let sq = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    sq(&p.duration) == "1年" || sq(&p.attribute).contains("1年结束")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Rule for TargetPeriods {
    fn id(&self) -> &'static str {
        "R-TARGET-PERIODS"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "一年期项目的实施期目标与年度目标不一致"
    }
    fn doc(&self) -> &'static str {
        "For a project that lasts one year (项目期 1年, or 一次性项目（1年结束）) the 实施期 and \
年度 columns describe the same year: an indicator printed in both with different values is a \
contradiction. Why: one of the two targets is wrong, and the project will be evaluated \
against it."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for p in cx.report.projects.iter().filter(|p| one_year(p)) {
            for i in p.indicators_of(IndicatorPeriod::Implementation) {
                let twins: Vec<_> = p
                    .indicators_of(IndicatorPeriod::Annual)
                    .filter(|a| squeeze(&a.name) == squeeze(&i.name))
                    .collect();
                // Only a single twin is comparable; a name printed twice is ambiguous.
                let [annual] = twins.as_slice() else { continue };
                if squeeze(&annual.value.raw) != squeeze(&i.value.raw) {
                    out.push(
                        Diagnostic::error(
                            self.id(),
                            format!(
                                "一年期项目「{}」的指标「{}」：实施期为「{}」，年度为「{}」",
                                p.name, i.name, i.value.raw, annual.value.raw
                            ),
                            Location {
                                row: Some(format!("{} / {}", p.name, i.name)),
                                ..cx.at_file()
                            },
                        )
                        .with_hint("一年期项目的实施期目标与年度目标应一致"),
                    );
                }
            }
        }
    }
}
