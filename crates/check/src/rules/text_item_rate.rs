use yusuan_model::{ClaimValue, Diagnostic, Measure, Severity, Way};

use crate::rules::statements::{at, money, rate, show_path};
use crate::util::{fen, percent_of, rate_spread, show_fen, show_rate, slack, Cx, RateVerdict};
use crate::Rule;

/// R-TEXT-ITEM-RATE: inside one statement, the rates and words follow from its figures.
pub struct TextItemRate;

fn word(w: Way) -> &'static str {
    match w {
        Way::Up => "增加",
        Way::Down => "减少",
        Way::Level => "持平",
    }
}

impl Rule for TextItemRate {
    fn id(&self) -> &'static str {
        "R-TEXT-ITEM-RATE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中各科目的增减率、完成率和比较用词与其金额相符"
    }
    fn doc(&self) -> &'static str {
        "Inside one statement about a 类 / 款 / 项: the change rate against 当年预算执行数 is \
(预算安排 − 执行数) ÷ 执行数, and against last year (与上年相比增加X万元，增长R%) X ÷ (amount ∓ X); \
its word (增加 / 减少) has the sign of the change; 预算安排 restates the amount; 完成年初预算的R% is \
决算 ÷ 年初预算 (÷ 全年预算 where 年初 is 0 and 全年 is not); 决算数大于 / 小于 / 与预算数持平 agrees with the two figures. A rate from a base \
of 0 is undefined, not 100%. Tolerance: what rounding each printed figure to its last digit \
allows, plus 0.01 point for the rate's own rounding; 基本持平 allows 5%. A change rate within \
that allowance but not the figures' rate rounded half up at its decimals (`减少35.77%` for \
35.7774%) is a warning. Why: these are the \
sentences a reader checks first, and a rate computed from the wrong base is a common slip."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for s in crate::rules::statements::items(cx) {
            let push = |out: &mut Vec<Diagnostic>, claim, message: String, hint: &str| {
                out.push(
                    Diagnostic::error(self.id(), message, at(cx, s, claim))
                        .with_hint(hint.to_owned()),
                );
            };
            let amount = money(s, Measure::Amount);
            // 预算安排 restates the amount printed with the subject.
            if let (Some((_, a)), Some((claim, p))) = (amount, money(s, Measure::Planned)) {
                if (fen(a) - fen(p)).abs() > slack([&a, &p]) {
                    push(
                        out,
                        Some(claim),
                        format!("说明中“{}”先称{a}万元，后称预算安排{p}万元", show_path(s)),
                        "同一科目的金额应前后一致",
                    );
                }
            }
            // The change rate, from its base.
            if let Some((claim, stated, decimals, way)) = rate(s, Measure::ChangeRate) {
                let base = match (
                    money(s, Measure::PriorExecuted),
                    s.claims.iter().find_map(|c| match c.value {
                        ClaimValue::Delta { money, way } if c.measure == Measure::Change => {
                            Some((money, way))
                        }
                        _ => None,
                    }),
                ) {
                    (Some((_, prior)), _) => {
                        money(s, Measure::Planned).or(amount).map(|(_, now)| {
                            (
                                fen(now) - fen(prior),
                                fen(prior),
                                slack([&now, &prior]),
                                prior.half_unit_fen(),
                                prior,
                            )
                        })
                    }
                    (None, Some((change, change_way))) => amount.map(|(_, now)| {
                        let delta = if change_way == Way::Down {
                            -fen(change)
                        } else {
                            fen(change)
                        };
                        (
                            delta,
                            fen(now) - delta,
                            change.half_unit_fen(),
                            now.half_unit_fen() + change.half_unit_fen(),
                            now,
                        )
                    }),
                    _ => None,
                };
                if let Some((delta, prior, delta_slack, prior_slack, shown)) = base {
                    if prior <= 0 {
                        push(
                            out,
                            Some(claim),
                            format!(
                                "说明中“{}”的上年数为 0，增减率无从计算，却写了{}",
                                show_path(s),
                                show_rate(stated)
                            ),
                            "上年为 0 时不写增减率",
                        );
                        continue;
                    }
                    let actual = if delta.abs() <= delta_slack {
                        Way::Level
                    } else if delta > 0 {
                        Way::Up
                    } else {
                        Way::Down
                    };
                    let ratio = crate::util::Ratio {
                        part: delta,
                        part_slack: delta_slack,
                        whole: prior,
                        whole_slack: prior_slack,
                    };
                    let printed = crate::util::rounding_of_decimals(decimals);
                    let verdict = crate::util::judge_rate(stated, 0, printed, ratio);
                    if let RateVerdict::Slip(slip) = &verdict {
                        out.push(
                            Diagnostic::warning(
                                self.id(),
                                format!(
                                    "说明称“{}”{}{}，按上年 {} 万元计算为{}，四舍五入应为{}",
                                    show_path(s),
                                    way.map_or("", word),
                                    slip.stated,
                                    show_fen(prior, shown.unit),
                                    slip.exact,
                                    slip.right
                                ),
                                at(cx, s, Some(claim)),
                            )
                            .with_hint("比率按四舍五入保留小数，不截断"),
                        );
                    }
                    if let RateVerdict::Off { computed } = verdict {
                        push(
                            out,
                            Some(claim),
                            format!(
                                "说明称“{}”{}{}，按上年 {} 万元计算应为{}",
                                show_path(s),
                                way.map_or("", word),
                                show_rate(stated),
                                show_fen(prior, shown.unit),
                                show_rate(computed)
                            ),
                            "增减率 = 增减额 ÷ 上年数",
                        );
                    } else if way.is_some_and(|w| w != actual && actual != Way::Level) {
                        push(
                            out,
                            Some(claim),
                            format!(
                                "说明称“{}”{}，金额却是{}",
                                show_path(s),
                                word(way.unwrap_or(Way::Level)),
                                word(actual)
                            ),
                            "核对增减用词",
                        );
                    }
                }
            }
            // The budget a 决算 is completed against: 年初预算, or 全年预算 when there was no
            // 年初 (an item funded during the year: `年初预算为0，全年预算为5.00万元`).
            let initial = money(s, Measure::InitialBudget)
                .filter(|(_, p)| !p.is_zero() || money(s, Measure::FullYearBudget).is_none())
                .or(money(s, Measure::FullYearBudget));
            let last = money(s, Measure::Final);
            // 完成年初预算的 R%.
            if let (Some((_, budget)), Some((_, spent)), Some((claim, stated, _, _))) =
                (initial, last, rate(s, Measure::Completion))
            {
                if let Some(computed) = percent_of(fen(spent), fen(budget)) {
                    let spread = rate_spread(
                        computed,
                        spent.half_unit_fen(),
                        budget.half_unit_fen(),
                        fen(budget),
                    );
                    if (computed - stated).abs() > spread {
                        push(
                            out,
                            Some(claim),
                            format!(
                                "说明称“{}”完成预算的{}，{spent} ÷ {budget} 应为{}",
                                show_path(s),
                                show_rate(stated),
                                show_rate(computed)
                            ),
                            "完成率 = 决算数 ÷ 预算数",
                        );
                    }
                }
            }
            // 决算数大于 / 小于 / 与预算数持平.
            let verdict = s.claims.iter().find_map(|c| match c.value {
                ClaimValue::Word(w) if c.measure == Measure::FinalAgainstBudget => Some((c, w)),
                _ => None,
            });
            if let (Some((_, budget)), Some((_, spent)), Some((claim, w))) =
                (initial, last, verdict)
            {
                let d = fen(spent) - fen(budget);
                let tolerance = slack([&spent, &budget]);
                let holds = match w {
                    Way::Up => d > tolerance,
                    Way::Down => d < -tolerance,
                    Way::Level => d.abs() <= tolerance.max(fen(budget).abs() / 20),
                };
                if !holds {
                    let said = match w {
                        Way::Up => "大于",
                        Way::Down => "小于",
                        Way::Level => "与预算数持平",
                    };
                    push(
                        out,
                        Some(claim),
                        format!(
                            "说明称“{}”决算数{said}预算数，决算 {spent} 万元，预算 {budget} 万元",
                            show_path(s)
                        ),
                        "核对比较用词与金额",
                    );
                }
            }
        }
    }
}
