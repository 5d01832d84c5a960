use rust_decimal::Decimal;
use yusuan_model::{Diagnostic, Location, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-TARGET-PERCENT: a rate written without its % and over 100 (`1005` for 100%).
pub struct TargetPercent;

/// Indicator names that measure a rate or a degree.
pub fn is_rate(name: &str) -> bool {
    ["率", "度", "符合", "满意", "占比", "比例"]
        .iter()
        .any(|w| name.contains(w))
}

impl Rule for TargetPercent {
    fn id(&self) -> &'static str {
        "R-TARGET-PERCENT"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "比率类指标值疑似缺少%或数值错误"
    }
    fn doc(&self) -> &'static str {
        "A rate or degree indicator (率, 度, 符合, 满意, 比例 in its name) whose value is a bare \
number with no unit: over 100 it is an error (the seed's `1005` where 100% was meant), \
otherwise a warning that the % is missing. Why: the value is what the project will be \
judged against."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for p in &cx.report.projects {
            for i in &p.indicators {
                let v = &i.value;
                let (Some(n), None) = (v.number, &v.unit) else {
                    continue;
                };
                if !is_rate(&i.name) {
                    continue;
                }
                let location = Location {
                    row: Some(format!("{} / {}", p.name, i.name)),
                    column: Some(i.period.label().to_owned()),
                    ..cx.at_file()
                };
                let over = n > Decimal::from(100);
                out.push(
                    Diagnostic::new(
                        self.id(),
                        if over {
                            Severity::Error
                        } else {
                            Severity::Warning
                        },
                        format!(
                            "项目「{}」{}指标「{}」的指标值「{}」{}",
                            p.name,
                            i.period,
                            i.name,
                            v.raw,
                            if over {
                                "超过100且没有%，疑为笔误"
                            } else {
                                "没有单位%"
                            }
                        ),
                        location,
                    )
                    .with_hint(if over {
                        "比率类指标值应为百分数，如“100%”"
                    } else {
                        "补上单位，如“95%”"
                    }),
                );
            }
        }
    }
}
