use yusuan_model::{Diagnostic, FactValue, Severity};

use crate::rules::text_figures::fact_at;
use crate::util::{fen, percent_of, Cx};
use crate::Rule;

/// R-TEXT-SHARE: a share the text states (`占92.17%`) recomputes from its figures.
pub struct TextShare;

impl Rule for TextShare {
    fn id(&self) -> &'static str {
        "R-TEXT-SHARE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中的占比与金额相符"
    }
    fn doc(&self) -> &'static str {
        "A share stated after a figure (`一般公共预算拨款收入1,087.83万元，占92.17%`) equals that \
figure over the subject of the breakdown — the first figure of the last sentence that gives \
several (预算收入1,180.23万元，主要包括…), or the total the share names when it names one \
(`其他收入7000万元，占收入预算总额的90.3%`: the latest 收入预算总额) — to ±0.1 percentage point beyond the rounding its printed decimals allow (`占100.00%` printed with its zeros was not rounded from 99.89); a share of a total it names, or of a subject its breakdown's parts \
add up to, that is within that but is not the figures' share rounded half up at the decimals \
printed (`占基本支出预算18.76%` for 18.7505%, `占29.10%` for 29.1055%) is a warning. A share that \
names a total under words no key knows (`占总支出的45.46%`) is judged only against a subject its \
breakdown's parts add up to (the parts may go on over clauses each ended by a ；; a 其中 part \
that prints its own change, and the ；-clauses after it, stay parts of the subject before), or against the total the same share of the same figure under \
the same words was judged against before (`①基本支出：…12,270.36万元，占总支出的45.46%` after the \
breakdown). When another figure of \
that sentence gives the share (`预算为246万元，决算为167.37万元…占1.3%` is of the 决算), the \
share is of that one and is not judged wrong; a share that none of them gives is reported \
against the 决算 figure when the sentence prints one (a breakdown of what was spent). Why: a \
share that does not recompute hides a wrong figure."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let facts = &cx.report.facts;
        let money = |f: &yusuan_model::Fact| match f.value {
            FactValue::Money(p) => Some(p),
            _ => None,
        };
        // The subject of a breakdown: the first figure of a sentence that gives more
        // than one; it stays the subject for the sentences after it.
        let mut subject: Option<(usize, yusuan_model::Printed)> = None;
        // Whether the last sentence was a 其中 part printing its own change.
        let mut in_parts = false;
        // Every figure of the subject's sentence: a breakdown of a 决算 may be of the
        // second (`预算为246万元，决算为167.37万元…其中…占1.3%`).
        let mut subject_figures: Vec<(usize, yusuan_model::Printed)> = Vec::new();
        // The same, with the clauses the list goes on to after a ；: only to see whether the
        // parts add up to the subject.
        let mut listed_figures: Vec<(usize, yusuan_model::Printed)> = Vec::new();
        // Shares judged against a total beyond doubt: (figure's key, its fen, the words
        // naming the total, the total). The same share printed again of the same figure
        // (`①基本支出：…基本支出12,270.36万元，占总支出的45.46%`) is of the same total.
        let mut judged: Vec<(&str, i64, Option<&str>, yusuan_model::Printed)> = Vec::new();
        for (i, f) in facts.iter().enumerate() {
            let first_of_sentence = i == 0 || facts[i - 1].sentence != f.sentence;
            if first_of_sentence && f.sentence.is_some() {
                let figures = facts[i..]
                    .iter()
                    .take_while(|g| g.sentence == f.sentence)
                    .filter(|g| money(g).is_some())
                    .count();
                // A 其中 part that prints its own change is a part of the subject before, not a
                // new one (`…本年收入合计597.52万元，…；其中：财政拨款收入177.28万元，占29.67%，与2016年
                // 相比增加21.79万元`, probe 20's 12).
                // The list goes on only past a ；: a sentence after a 。 starts afresh.
                let goes_on = in_parts
                    && i > 0
                    && facts[i - 1]
                        .sentence
                        .as_deref()
                        .is_some_and(|s| s.trim_end().ends_with(['；', ';']));
                let part_with_change = (goes_on
                    || f.sentence.as_deref().is_some_and(|s| s.starts_with("其中")))
                    && figures >= 2
                    && facts[i..]
                        .iter()
                        .take_while(|g| g.sentence == f.sentence)
                        .filter(|g| money(g).is_some() && !g.key.contains(".change"))
                        .count()
                        == 1;
                // The list goes on over its ；-clauses (`；事业收入375.81万元，占70.33%…`).
                in_parts = part_with_change;
                if let (Some(p), true) = (money(f), figures >= 2 && !part_with_change) {
                    subject = Some((i, p));
                    subject_figures = facts[i..]
                        .iter()
                        .enumerate()
                        .take_while(|(_, g)| g.sentence == f.sentence)
                        .filter_map(|(j, g)| money(g).map(|p| (i + j, p)))
                        .collect();
                    listed_figures = listed_on(facts, i)
                        .into_iter()
                        .filter_map(|j| money(&facts[j]).map(|p| (j, p)))
                        .collect();
                }
            }
            let (Some(base_key), FactValue::Percent(stated)) =
                (f.key.strip_suffix(".share"), &f.value)
            else {
                continue;
            };
            let Some((pi, part)) = facts[..i]
                .iter()
                .enumerate()
                .rev()
                .find(|(_, g)| g.key == base_key)
                .and_then(|(j, g)| money(g).map(|p| (j, p)))
            else {
                continue;
            };
            // `占收入预算总额的90.3%`: the total the share names, its latest figure among
            // the last sentences (one printed pages before may be another reading of the
            // name: the seed's 项目支出总额 is 758.00 this year, 850.40 with last year's).
            // A share that names a total not printed near it is not judged.
            let of = facts
                .get(i + 1)
                .filter(|g| g.key == format!("{}.of", f.key))
                .and_then(|g| match &g.value {
                    FactValue::Text(of) => Some(of.as_str()),
                    _ => None,
                });
            let named = of.and_then(|of| {
                let mut recent: Vec<&str> = Vec::new();
                facts[..i]
                    .iter()
                    .enumerate()
                    .rev()
                    .take_while(|(_, g)| {
                        let s = g.sentence.as_deref().unwrap_or_default();
                        if !recent.contains(&s) {
                            recent.push(s);
                        }
                        recent.len() <= 6
                    })
                    .find(|(j, g)| *j != pi && g.key == of)
                    .and_then(|(j, g)| money(g).map(|p| (j, p)))
            });
            // The breakdown's parts add up to its subject and this share's figure is one of
            // them (`支出预算1291.68万元，其中：人员类…375.95万元，占29.10%，…`): the subject is the
            // base beyond doubt, so even a share whose named total is not printed under a
            // name the grammar knows (`占总支出的45.46%`) is judged against it, and a last
            // digit cut or slipped shows.
            let parts_make_subject = subject.is_some_and(|(si, s)| {
                let parts: Vec<&yusuan_model::Printed> = listed_figures
                    .iter()
                    .filter(|(j, _)| *j != si)
                    .map(|(_, p)| p)
                    .collect();
                let sum: i64 = parts.iter().map(|p| fen(**p)).sum();
                parts.len() >= 2
                    && (sum - fen(s)).abs() <= crate::util::slack(parts.iter().copied().chain([&s]))
                    && parts.iter().any(|p| fen(**p) == fen(part))
            });
            let unkeyed = of.is_some_and(|o| o.starts_with("text:"));
            let restated = named.is_none().then(|| {
                judged
                    .iter()
                    .rev()
                    .find(|(k, p, o, _)| *k == base_key && *p == fen(part) && *o == of)
                    .map(|(.., t)| (usize::MAX, *t))
            });
            let named = named.or(restated.flatten());
            if of.is_some() && named.is_none() && !(unkeyed && parts_make_subject) {
                continue;
            }
            let Some((si, total)) = named.or(subject.filter(|(si, _)| *si != pi)) else {
                continue;
            };
            // After `预算为24.5万元，支出决算为11.96万元`, a breakdown of what was spent
            // (`…4.02万元，占89.33%`) is of the 决算 figure, not of the 预算 printed first.
            let (_, total) = subject_figures
                .iter()
                .copied()
                .filter(|_| named.is_none())
                .find(|(j, _)| *j != pi && facts[*j].key.contains("决算"))
                .unwrap_or((si, total));
            if fen(total) == 0 {
                continue;
            }
            if named.is_some() || parts_make_subject {
                judged.push((base_key, fen(part), of, total));
            }
            // Hundredths of a percentage point, rounded half up.
            let computed = percent_of(fen(part), fen(total)).unwrap_or(0);
            // `占100.00%` printed with its zeros was not rounded to a whole point.
            let rounding = crate::util::stated_rounding_in(*stated, f.sentence.as_deref());
            let off = (computed - stated).abs().saturating_sub(rounding);
            // The total its family states last (`three_public.total` for a 三公 item's
            // share) is a base as well: the breakdown's own sentence may not repeat it.
            let family_total = base_key.split('.').next().map(|f| format!("{f}.total"));
            let latest_total = facts[..i]
                .iter()
                .rev()
                .find(|g| Some(&g.key) == family_total.as_ref())
                .and_then(|g| money(g).map(|p| (usize::MAX, p)));
            let another_base = subject_figures
                .iter()
                .chain(latest_total.iter())
                .any(|(j, p)| {
                    *j != pi
                        && fen(*p) != 0
                        && (percent_of(fen(part), fen(*p)).unwrap_or(0) - stated).abs()
                            <= 10 + rounding
                });
            // A share whose total the text names, within the allowance but not the figures'
            // share rounded half up (`占…预算总支出的71.82%` for 71.8290%).
            let slip = crate::util::rounding_slip(
                *stated,
                crate::util::stated_rounding_in(*stated, f.sentence.as_deref()),
                crate::util::Ratio {
                    part: fen(part),
                    part_slack: part.half_unit_fen(),
                    whole: fen(total),
                    whole_slack: total.half_unit_fen(),
                },
            );
            if let (Some(slip), true, true) =
                (slip, named.is_some() || parts_make_subject, off <= 10)
            {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "说明称占{}，按金额计算为{}（{part} / {total}），四舍五入应为{}",
                            slip.stated, slip.exact, slip.right
                        ),
                        fact_at(cx, f),
                    )
                    .with_hint("比率按四舍五入保留小数，不截断"),
                );
            }
            if off > 10 && !another_base {
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!(
                            "说明称占{}.{:02}%，按金额计算为{}.{:02}%（{} / {}）",
                            stated / 100,
                            stated % 100,
                            computed / 100,
                            computed % 100,
                            part,
                            total
                        ),
                        fact_at(cx, f),
                    )
                    .with_hint("占比允许±0.1个百分点的误差"),
                );
            }
        }
    }
}

/// The facts of the sentence that starts at `i`, and of the clauses after it while each
/// before ends in ；: a breakdown listed `其中：上年结转…，占比15.26%；一般公共预算拨款收入…；…`
/// is one list (probe 16's 05).
fn listed_on(facts: &[yusuan_model::Fact], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = i;
    while j < facts.len() {
        let sentence = facts[j].sentence.as_deref();
        let group: Vec<usize> = (j..facts.len())
            .take_while(|&k| facts[k].sentence.as_deref() == sentence)
            .collect();
        j += group.len().max(1);
        out.extend(group);
        if !sentence.is_some_and(|s| s.trim_end().ends_with(['；', ';'])) {
            break;
        }
    }
    out
}
