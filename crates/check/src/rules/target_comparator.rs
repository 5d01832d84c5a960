use yusuan_model::{Diagnostic, Location, Severity};

use crate::rules::target_percent::is_rate;
use crate::util::Cx;
use crate::Rule;

/// R-TARGET-COMPARATOR: a satisfaction or rate target written as a bare figure (`85%`)
/// where a floor (`≥85%`) is meant.
pub struct TargetComparator;

impl Rule for TargetComparator {
    fn id(&self) -> &'static str {
        "R-TARGET-COMPARATOR"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "满意度、比率类指标缺少≥、≤等比较符"
    }
    fn doc(&self) -> &'static str {
        "A 满意度 / 率 indicator given as a percentage below 100% without a comparator (`85%`) \
states an exact value where a floor or ceiling is meant. 100% and 0% are exact and pass. \
Why: an exact satisfaction figure cannot be met or missed in a meaningful way."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for p in &cx.report.projects {
            for i in &p.indicators {
                let v = &i.value;
                let exact = v
                    .number
                    .is_some_and(|n| n.is_zero() || n == rust_decimal::Decimal::from(100));
                if v.comparator.is_none()
                    && v.unit.as_deref() == Some("%")
                    && !exact
                    && is_rate(&i.name)
                {
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "项目「{}」{}指标「{}」的指标值「{}」没有比较符",
                                p.name, i.period, i.name, v.raw
                            ),
                            Location {
                                row: Some(format!("{} / {}", p.name, i.name)),
                                column: Some(i.period.label().to_owned()),
                                ..cx.at_file()
                            },
                        )
                        .with_hint("写明目标方向，如“≥85%”"),
                    );
                }
            }
        }
    }
}
