use yusuan_model::{Diagnostic, IndicatorPeriod, Location, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-TARGET-SERIES: indicators numbered as a series (一等奖…, 二等奖…, 三等奖…) are worded
/// alike but for their number.
pub struct TargetSeries;

const ORDINALS: &str = "一二三四五六七八九十";

impl Rule for TargetSeries {
    fn id(&self) -> &'static str {
        "R-TARGET-SERIES"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "成系列的指标名称写法不一"
    }
    fn doc(&self) -> &'static str {
        "Among one project's indicators of one period, the names that start with a Chinese \
numeral (`一等奖发放标准`, `二等奖发放标准`, …) form a series when at least two of them read \
the same after the numeral. A name of the same length that differs from the series in one \
character after its numeral (`二等级发放标准`) is a warning, with the name the series \
suggests. Why: the seed's project for the 2024 matches prints 二等级 between 一等奖 and 三等奖, in both \
periods."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for p in &cx.report.projects {
            for period in [IndicatorPeriod::Implementation, IndicatorPeriod::Annual] {
                let names: Vec<Vec<char>> = p
                    .indicators_of(period)
                    .map(|i| {
                        i.name
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .collect::<Vec<_>>()
                    })
                    .filter(|n| n.len() > 2 && ORDINALS.contains(n[0]))
                    .collect();
                for name in &names {
                    let tail = &name[1..];
                    let series: Vec<&Vec<char>> = names
                        .iter()
                        .filter(|o| o[0] != name[0] && o.len() == name.len() && o[1..] != *tail)
                        .collect();
                    // The series' own wording: a tail that two others share.
                    let Some(common) = series
                        .iter()
                        .map(|o| &o[1..])
                        .find(|t| series.iter().filter(|o| o[1..] == **t).count() >= 2)
                    else {
                        continue;
                    };
                    let differing = tail.iter().zip(common).filter(|(a, b)| a != b).count();
                    if differing != 1 {
                        continue;
                    }
                    let shown = |n: &[char]| n.iter().collect::<String>();
                    let others: Vec<String> = series
                        .iter()
                        .filter(|o| o[1..] == *common)
                        .map(|o| format!("「{}」", shown(o)))
                        .collect();
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "项目「{}」{period}指标「{}」与{}写法不一，疑为「{}{}」",
                                p.name,
                                shown(name),
                                others.join(""),
                                name[0],
                                shown(common)
                            ),
                            Location {
                                row: Some(p.name.clone()),
                                column: Some(period.label().to_owned()),
                                ..cx.at_file()
                            },
                        )
                        .with_hint("统一指标名称的写法"),
                    );
                }
            }
        }
    }
}
