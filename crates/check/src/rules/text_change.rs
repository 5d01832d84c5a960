use yusuan_model::{Diagnostic, FactValue, MoneyUnit, Printed, Severity};

use crate::rules::text_figures::fact_at;
use crate::util::{fen, judge_rate, stated_rounding, Cx, RateVerdict, Ratio};
use crate::Rule;

/// R-TEXT-CHANGE: a year-on-year change's amount, percentage and direction agree.
pub struct TextChange;

/// The rate a fact states, in hundredths of a point.
fn stated_of(f: &yusuan_model::Fact) -> Option<i64> {
    match f.value {
        FactValue::Percent(p) => Some(p),
        _ => None,
    }
}

impl Rule for TextChange {
    fn id(&self) -> &'static str {
        "R-TEXT-CHANGE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "增减额、增减率与增减方向相符"
    }
    fn doc(&self) -> &'static str {
        "For a figure with a stated change (`比上年减少12099.83万元，下降91.11%`): last year's \
figure is this year's minus (增加) or plus (减少) the change, and the stated percentage must \
equal change / last year's within what the rounding of the printed figures allows, plus 0.01 \
point. A sentence inside a statement about one 类 / 款 / 项 is R-TEXT-ITEM-RATE's. A change \
described as 持平 / 相同 must be \
zero (基本持平 / 基本相同: under 5%; a sentence of its own, `…同比下降14.42%。与上年度基本持平。`, speaks \
of the figure before it) (a rate of growth from nothing — this year's figure is the increase — cannot be given: a \
warning) (and a zero change described as 增加 / 减少 is a note: it is 持平, but reviewers of outside reports differ on whether `增加0万元` is a defect), and the amount's direction word must agree with the rate's (`增加…，下降…%` contradicts \
itself); when the sentence prints last year's figure too (`998.51万元，比2021年1,204.33万元减少 \
205.82万元`), the two figures' difference is the change, within their rounding; when it prints last year's \
figure and no change (`较2017年部门预算收入总数8014212.00元增长1.13%`), the rate is judged on the \
two figures. When another figure of the same subject or of the sentence, taken as this year's or \
last year's, gives the stated rate (`较2024年的2190万元减少221万元，下降10.1%`), the reading of \
which figure is which is in doubt and the rate is not judged (when that reading gives it only \
as a slip, the slip stands, a warning, but no error); a figure of an earlier sentence \
that names another total does not put a named figure in doubt (`包括：一般公共预算收入988.65万元` \
before `支出预算1058.28万元，…增加115.56万元，增长13%`). A rate within that allowance that is still not \
the figures' rate rounded half up at its own decimals, for any values the printed figures may \
hide (`增长40.48%` for 40.4887%, `下降33.1%` for 33.047%), is a warning: its last digit was cut or \
slipped. Reviewers of outside reports label these; one visible report cuts its rates throughout. Why: a wrong rate or a wrong direction word misstates the trend."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let facts = &cx.report.facts;
        for (i, f) in facts.iter().enumerate() {
            let Some(base) = f.key.strip_suffix(".change_pct") else {
                continue;
            };
            if crate::rules::statements::covered(cx, f.sentence.as_deref()) {
                continue;
            }
            let FactValue::Percent(stated) = f.value else {
                continue;
            };
            let before = &facts[..i];
            let find = |key: &str| before.iter().rev().find(|g| g.key == key).map(|g| &g.value);
            // `较2017年部门预算收入总数8014212.00元增长1.13%`: last year's figure printed and no
            // change; the change is the two figures' difference.
            let in_sentence = |key: String| {
                before
                    .iter()
                    .rev()
                    .take_while(|g| g.sentence == f.sentence)
                    .find(|g| g.key == key)
                    .map(|g| &g.value)
            };
            let printed_prior = match (
                in_sentence(format!("prior.{base}")),
                in_sentence(format!("{base}.change")),
                in_sentence(base.to_owned()),
            ) {
                (Some(FactValue::Money(prior)), None, Some(FactValue::Money(now)))
                    if prior.unit == now.unit && fen(*now) != fen(*prior) =>
                {
                    // Two figures' rounding: held one digit coarser than the coarser of them.
                    let decimals = prior.decimals.min(now.decimals).saturating_sub(1);
                    let change = Printed {
                        hundredths: (now.hundredths - prior.hundredths).abs(),
                        unit: now.unit,
                        decimals,
                    };
                    let dir = if fen(*now) > fen(*prior) {
                        "增加"
                    } else {
                        "减少"
                    };
                    Some((*now, change, dir.to_owned()))
                }
                _ => None,
            };
            let derived = printed_prior.is_some();
            let (now, change, dir) = match printed_prior {
                Some(read) => read,
                None => {
                    let (
                        Some(FactValue::Money(now)),
                        Some(FactValue::Money(change)),
                        Some(FactValue::Text(dir)),
                    ) = (
                        find(base),
                        find(&format!("{base}.change")),
                        find(&format!("{base}.change.direction")),
                    )
                    else {
                        continue;
                    };
                    (*now, *change, dir.clone())
                }
            };
            // What the sentence said of the change: its amount, or the two figures it printed.
            let said = if derived {
                format!(
                    "由{}{u}{}至{now}{u}",
                    crate::util::show_fen(
                        if dir == "增加" {
                            fen(now) - fen(change)
                        } else {
                            fen(now) + fen(change)
                        },
                        now.unit
                    ),
                    if dir == "增加" { "增" } else { "减" },
                    u = now.unit.label(),
                )
            } else {
                format!("{dir}{change}{}", change.unit.label())
            };
            // `收入总计520.52万元，…减少51.48元，减少11.02%` (probe 18's 01): a change in 元 of a
            // figure in 万元 is read in 万元 when that gives a rate nearer the stated one (the
            // unit cut short is R-WORDING's).
            let change = match (change.unit, now.unit, stated_of(f)) {
                (MoneyUnit::Yuan, MoneyUnit::WanYuan, Some(stated)) => {
                    let as_wan = Printed {
                        unit: MoneyUnit::WanYuan,
                        ..change
                    };
                    let gap = |c: Printed| {
                        let prior = match dir.as_str() {
                            "增加" => fen(now) - fen(c),
                            _ => fen(now) + fen(c),
                        };
                        crate::util::percent_of(fen(c), prior).map(|r| (r - stated).abs())
                    };
                    match (gap(change), gap(as_wan)) {
                        (Some(literal), Some(wan)) if wan < literal => as_wan,
                        _ => change,
                    }
                }
                _ => change,
            };
            let (now, change, dir) = (&now, &change, &dir);
            // Against what the change is (`较年初预算数减少…`: the budget), for the message.
            let against = before
                .iter()
                .rev()
                .take_while(|g| g.sentence == f.sentence)
                .find(|g| g.key == format!("{base}.change.against"))
                .and_then(|g| match &g.value {
                    FactValue::Text(t) => Some(t.as_str()),
                    _ => None,
                })
                .unwrap_or("上年");
            let prior = match dir.as_str() {
                "增加" => fen(*now) - fen(*change),
                "减少" => fen(*now) + fen(*change),
                _ => continue,
            };
            // `增加4.79万元，增长100%` where this year's figure is the change: last year's was
            // nothing, and a rate over nothing is not 100 %, it cannot be given. Judged only
            // when the sentence prints no other figure that could be last year's.
            let from_nothing = dir == "增加"
                && prior.abs() <= now.half_unit_fen() + change.half_unit_fen()
                && stated > 0;
            if from_nothing {
                let others = before.iter().any(|g| {
                    g.sentence == f.sentence
                        && matches!(g.value, FactValue::Money(p) if fen(p) != fen(*now) && fen(p) != fen(*change))
                });
                if !others {
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "说明称增加{change}{}、增长{}.{:02}%，但上年数为零，增长率无从计算",
                                change.unit.label(),
                                stated / 100,
                                stated % 100
                            ),
                            fact_at(cx, f),
                        )
                        .with_hint("上年为零时不写增长率，写“上年无此项支出”"),
                    );
                }
                continue;
            }
            if prior <= 0 {
                continue;
            }
            // The figures were rounded as printed: the rate they allow spans their slack
            // (the change by its own, the prior year by the current figure's and the
            // change's), plus 0.01 for the rate's own rounding (or truncation).
            // A rate printed with fewer digits (`下降31%`, `增长265.6%`) was rounded that far.
            let printed_rounding = stated_rounding(stated);
            let ratio = |prior: i64, prior_slack: i64| Ratio {
                part: fen(*change),
                part_slack: change.half_unit_fen(),
                whole: prior,
                whole_slack: prior_slack,
            };
            // Which figure is this year's and which last year's, a sentence does not always
            // say the way the reading assumed (`较2024年的2190万元减少221万元`; a paragraph
            // on last year's 决算 before this year's comparison): when another figure of the
            // same subject, or of the sentence, taken as either year gives the stated rate,
            // the rate is not shown wrong.
            let reading = |prior: i64, prior_slack: i64| {
                (prior > 0).then(|| {
                    judge_rate(
                        stated,
                        printed_rounding,
                        printed_rounding,
                        ratio(prior, prior_slack),
                    )
                })
            };
            // The five sentences before may give the figure (`年初预算为22.00万元，支出决算为
            // 8.77万元，…。…。决算数比2016年度减少0.28万元，降低3.09%`).
            let mut recent: Vec<&str> = Vec::new();
            for s in before.iter().rev().filter_map(|g| g.sentence.as_deref()) {
                if recent.len() == 6 {
                    break;
                }
                if !recent.contains(&s) {
                    recent.push(s);
                }
            }
            // The verdicts the other readings give.
            let others: Vec<RateVerdict> = before
                .iter()
                // A figure of an earlier sentence that names another total (`一般公共预算收入
                // 988.65万元` before `支出预算…增长13%`) is not a reading of a named one; any
                // may be of a figure no name placed (`比2020年预算6725.00万元增加…`).
                .filter(|g| {
                    g.key == base
                        || g.sentence.as_deref().is_some_and(|s| recent.contains(&s))
                            && !g.key.contains(".change")
                            && (g.sentence == f.sentence
                                || g.key.starts_with("text:")
                                || base.starts_with("text:"))
                })
                .filter_map(|g| match g.value {
                    FactValue::Money(p) => Some(p),
                    _ => None,
                })
                // This year's figure as last year's is the slip the rule is for (a rate
                // over the current amount), never another reading.
                .filter(|p| fen(*p) != fen(*now))
                .flat_map(|p| {
                    let as_now = match dir.as_str() {
                        "增加" => fen(p) - fen(*change),
                        _ => fen(p) + fen(*change),
                    };
                    [
                        reading(fen(p), p.half_unit_fen()),
                        reading(as_now, p.half_unit_fen() + change.half_unit_fen()),
                    ]
                })
                .flatten()
                .filter(|v| !matches!(v, RateVerdict::Off { .. }))
                .collect();
            // Within the spread, but not the figures' rate rounded half up: its last digit
            // was cut or slipped (`增长40.48%` for 40.4887%). Form, not a wrong trend.
            let verdict = judge_rate(
                stated,
                printed_rounding,
                crate::util::stated_rounding_in(stated, f.sentence.as_deref()),
                ratio(prior, now.half_unit_fen() + change.half_unit_fen()),
            );
            // Another reading under which the rate is right clears it; one under which it is
            // only a slip leaves a slip (a slip whichever figure is the base, `下降15.86%` for
            // 15.866% after a 支出合计 that gives 15.868%) but no error.
            if others.iter().any(|v| matches!(v, RateVerdict::Fits))
                || !others.is_empty() && matches!(verdict, RateVerdict::Off { .. })
            {
                continue;
            }
            if let RateVerdict::Slip(slip) = &verdict {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "说明称{said}、变动{}，按{against}{}{unit}计算为{}，四舍五入应为{}",
                            slip.stated,
                            crate::util::show_fen(prior, now.unit),
                            slip.exact,
                            slip.right,
                            unit = now.unit.label(),
                        ),
                        fact_at(cx, f),
                    )
                    .with_hint("比率按四舍五入保留小数，不截断"),
                );
            }
            if let RateVerdict::Off { computed } = verdict {
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!(
                            "说明称{said}、变动{}.{:02}%，按{against}{}{unit}计算应为{}.{:02}%",
                            stated / 100,
                            stated % 100,
                            crate::util::show_fen(prior, now.unit),
                            computed / 100,
                            computed % 100,
                            unit = now.unit.label(),
                        ),
                        fact_at(cx, f),
                    )
                    .with_hint(format!(
                        "增减率 = 增减额 ÷ {}",
                        if against == "上年" {
                            "上年数"
                        } else {
                            against
                        }
                    )),
                );
            }
        }
        self.printed_prior(cx, out);
        // The amount's direction word and the rate's must agree (`增加…，下降…%`).
        // The amount is the last one printed before the rate in its sentence: a sentence may
        // give several changes under one key (a total, then its parts after 其中).
        for (i, f) in facts
            .iter()
            .enumerate()
            .filter(|(_, f)| f.key.ends_with(".change_pct.direction"))
        {
            let amount_key = f.key.replace(".change_pct.direction", ".change.direction");
            let amount = facts[..i]
                .iter()
                .rev()
                .take_while(|g| g.sentence == f.sentence)
                .find(|g| g.key.ends_with(".change.direction"))
                .filter(|g| g.key == amount_key);
            if let (FactValue::Text(rate), Some(FactValue::Text(dir))) =
                (&f.value, amount.map(|g| &g.value))
            {
                if rate != dir {
                    out.push(Diagnostic::error(
                        self.id(),
                        format!("说明中增减方向矛盾：金额{dir}，比率却是{rate}"),
                        fact_at(cx, f),
                    ));
                }
            }
        }
        for (i, f) in facts
            .iter()
            .enumerate()
            .filter(|(_, f)| f.key.ends_with(".change.direction"))
        {
            let FactValue::Text(dir) = &f.value else {
                continue;
            };
            let base = f.key.trim_end_matches(".direction");
            // The amount the word is about is read right before it; a sentence of its own
            // (`…同比减少47.43万元，同比下降14.42%。与上年度基本持平。`, probe 23's 06) speaks of
            // the sentence before.
            let before = facts[..i]
                .iter()
                .rev()
                .find(|g| g.sentence != f.sentence)
                .map(|g| &g.sentence);
            let change_fact = i
                .checked_sub(1)
                .map(|j| &facts[j])
                .filter(|g| g.key == base && g.sentence == f.sentence)
                .or_else(|| {
                    facts
                        .iter()
                        .find(|g| g.key == base && g.sentence == f.sentence)
                })
                .or_else(|| {
                    let alone = f.sentence.as_deref().is_some_and(|s| {
                        s.starts_with("与上年") && !s.contains(|c: char| c.is_ascii_digit())
                    });
                    (dir == "持平" && alone)
                        .then(|| {
                            facts[..i]
                                .iter()
                                .rev()
                                .find(|g| g.key == base && Some(&g.sentence) == before)
                        })
                        .flatten()
                });
            let change = change_fact.map(|g| &g.value);
            // `基本持平` allows a change of under 5% (`增长0.3%…基本持平`): only a larger one
            // contradicts it.
            let roughly = f.sentence.as_deref().is_some_and(|s| {
                ["基本持平", "基本相同", "基本一致"]
                    .iter()
                    .any(|w| s.contains(w))
            });
            let rate = change_fact.and_then(|c| {
                facts
                    .iter()
                    .find(|g| g.key == format!("{base}_pct") && g.sentence == c.sentence)
                    .and_then(|g| match g.value {
                        FactValue::Percent(p) => Some(p),
                        _ => None,
                    })
            });
            if dir == "持平" && roughly && rate.is_none_or(|r| r.abs() < 500) {
                continue;
            }
            // `减少0万元，下降0%`: no change is 持平, and a reason for it explains nothing.
            if let (true, Some(FactValue::Money(change))) = (dir != "持平", change) {
                if change.is_zero() {
                    // Reviewers differ on whether this is a defect: a note, not a warning.
                    out.push(
                        Diagnostic::new(
                            self.id(),
                            Severity::Note,
                            format!(
                                "说明写“{dir}{change}{}”：变动额为零，应为持平",
                                change.unit.label()
                            ),
                            fact_at(cx, f),
                        )
                        .with_hint("没有变动时写“持平”"),
                    );
                }
                continue;
            }
            if let Some(FactValue::Money(change)) = change {
                if !change.is_zero() {
                    out.push(Diagnostic::error(
                        self.id(),
                        format!("说明称“持平”，却写有变动额{change}"),
                        fact_at(cx, f),
                    ));
                }
            }
        }
    }
}

impl TextChange {
    /// `998.51万元，比2021年1,204.33万元减少205.82万元`: when the sentence prints last year's
    /// figure too, this year's minus last year's is the change, within the rounding of the
    /// three figures.
    fn printed_prior(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let facts = &cx.report.facts;
        let money = |f: &yusuan_model::Fact| match f.value {
            FactValue::Money(p) => Some(p),
            _ => None,
        };
        for (i, f) in facts.iter().enumerate() {
            let (Some(base), Some(change)) = (f.key.strip_suffix(".change"), money(f)) else {
                continue;
            };
            let same = |g: &&yusuan_model::Fact| g.sentence == f.sentence;
            let direction = facts[i + 1..]
                .iter()
                .take_while(same)
                .find(|g| g.key == format!("{base}.change.direction"))
                .and_then(|g| match &g.value {
                    FactValue::Text(d) => Some(d.as_str()),
                    _ => None,
                });
            let before: Vec<&yusuan_model::Fact> =
                facts[..i].iter().rev().take_while(same).collect();
            let prior_key = format!("prior.{base}");
            let (Some(now), Some(prior), Some(dir)) = (
                before.iter().find(|g| g.key == base).and_then(|g| money(g)),
                before
                    .iter()
                    .find(|g| g.key == prior_key)
                    .and_then(|g| money(g)),
                direction,
            ) else {
                continue;
            };
            let signed = match dir {
                "增加" => fen(change),
                "减少" => -fen(change),
                _ => continue,
            };
            let difference = fen(now) - fen(prior);
            if (difference - signed).abs() <= crate::util::slack([&now, &prior, &change]) {
                continue;
            }
            let unit = now.unit.label();
            out.push(
                Diagnostic::error(
                    self.id(),
                    format!(
                        "说明称{now}{unit}比上年{prior}{}{dir}{change}{}，两数相比却是{}{}",
                        prior.unit.label(),
                        change.unit.label(),
                        match difference.signum() {
                            1 => "增加",
                            -1 => "减少",
                            _ => "持平",
                        },
                        match difference {
                            0 => String::new(),
                            d => crate::util::show_fen(d.abs(), now.unit) + unit,
                        },
                    ),
                    fact_at(cx, f),
                )
                .with_hint("增减额 = 本年数 − 上年数"),
            );
        }
    }
}
