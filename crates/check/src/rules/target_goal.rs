use rust_decimal::Decimal;
use yusuan_model::{Diagnostic, IndicatorPeriod, Location, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-TARGET-GOAL: a head count in the goal text agrees with the indicators.
pub struct TargetGoal;

/// Numbers followed by a people unit (`约500名`, `50人`) in a text, each with its words
/// as printed (an `约` before it and the unit after it included).
fn head_counts(text: &str) -> Vec<(Decimal, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let after = chars.get(i).copied();
            let next = chars.get(i + 1).copied();
            if matches!(after, Some('名' | '人')) && next != Some('次') {
                if let Ok(n) = chars[start..i].iter().collect::<String>().parse() {
                    let from = match start.checked_sub(1).map(|b| chars[b]) {
                        Some('约' | '近' | '共' | '超' | '达') => start - 1,
                        _ => start,
                    };
                    out.push((n, chars[from..=i].iter().collect()));
                }
            }
        }
        i += 1;
    }
    out
}

impl Rule for TargetGoal {
    fn id(&self) -> &'static str {
        "R-TARGET-GOAL"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "目标文字中的人数与指标值不一致"
    }
    fn doc(&self) -> &'static str {
        "When a period's goal text states a head count (`约500名`, `50人`) and that period's \
indicators count people (unit 人 or 名), the figure should appear among them. Why: the goal \
and its indicators are one commitment; the seed's 扶残助学圆梦工程 promises about 500 in its \
annual goal and ≥550 in its indicator."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for p in &cx.report.projects {
            for (period, goal) in [
                (IndicatorPeriod::Implementation, &p.goal_total),
                (IndicatorPeriod::Annual, &p.goal_annual),
            ] {
                let counts = head_counts(goal);
                if counts.is_empty() {
                    continue;
                }
                let people: Vec<_> = p
                    .indicators_of(period)
                    .filter(|i| matches!(i.value.unit.as_deref(), Some("人" | "名")))
                    .filter_map(|i| i.value.number.map(|n| (i, n)))
                    .collect();
                if people.is_empty() {
                    continue;
                }
                for (c, printed) in counts {
                    if people.iter().all(|(_, n)| *n != c) {
                        let (i, n) = people[0];
                        out.push(
                            Diagnostic::warning(
                                self.id(),
                                format!(
                                    "项目「{}」{}目标写“{}”，指标「{}」为{}（{}）",
                                    p.name, period, printed, i.name, n, i.value.raw
                                ),
                                Location {
                                    row: Some(p.name.clone()),
                                    column: Some(period.label().to_owned()),
                                    ..cx.at_file()
                                },
                            )
                            .with_hint("目标文字与指标值应一致"),
                        );
                    }
                }
            }
        }
    }
}
