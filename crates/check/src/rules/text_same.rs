use yusuan_model::{
    with_separators, ClaimValue, Diagnostic, Measure, Printed, Severity, Statement, Subject,
};

use crate::rules::statements::at;
use crate::util::{fen, slack, Cx};
use crate::Rule;

/// R-TEXT-SAME: a total the explanation names twice, in the same words and of the same year,
/// has one amount and one rate of change.
pub struct TextSame;

/// Groups the text also gives for each item it describes (`机构运行1100910.5元，其中：基本
/// 支出…，项目支出…`): a second figure under the same words may be another item's.
const PER_ITEM: &[&str] = &[
    "expenditure.basic",
    "expenditure.project",
    "expenditure.personnel",
    "expenditure.public",
];

/// The statement's amount and the year printed with it.
fn amount(s: &Statement) -> Option<(Printed, Option<u16>)> {
    s.claims.iter().find_map(|c| match (c.measure, c.value) {
        (Measure::Amount, ClaimValue::Money(m)) => Some((m, c.year)),
        _ => None,
    })
}

/// The rate of change, in hundredths of a percent with its direction, and half a unit of
/// its last printed digit.
fn rate(s: &Statement) -> Option<(i64, i64)> {
    s.claims.iter().find_map(|c| match (c.measure, c.value) {
        (
            Measure::ChangeRate,
            ClaimValue::Rate {
                hundredths,
                decimals,
                way: Some(way),
            },
        ) => {
            let sign = match way {
                yusuan_model::Way::Down => -1,
                _ => 1,
            };
            Some((
                sign * hundredths,
                10i64.pow(2 - u32::from(decimals.min(2))) / 2,
            ))
        }
        _ => None,
    })
}

impl Rule for TextSame {
    fn id(&self) -> &'static str {
        "R-TEXT-SAME"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明两处所称同一数字不一致"
    }
    fn doc(&self) -> &'static str {
        "A total the explanation names in words (`一般公共预算当年支出`, `“三公”经费预算`, \
`机关运行经费`) may be stated more than once — in the overview of income and spending and \
again in its own section. Where two statements name the same total in the same words (a name \
that differs by 预算 / 决算 / 执行 / 收入 / 支出 / a fund may be another figure of it) and of the \
same year, their amounts agree within the rounding \
of the two printed figures, and so do their rates of change against last year. Only the first \
statement of each is compared with the later ones. 基本支出, 项目支出, 人员经费 and 公用经费 are \
not compared: texts give them for each item they describe too; nor is a total named after a \
fund's in its sentence (`财政拨款收入总计…，支出总计…` speaks of the fund's 支出总计), or in a section \
whose heading names a fund (`（二）政府性基金预算收支情况`). Why: a report that gives one total two \
figures, or one growth two rates, has at least one of them wrong, and a reader cannot tell \
which."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let named: Vec<(&Statement, &str, &str)> = cx
            .report
            .statements
            .iter()
            .filter_map(|s| match &s.subject {
                Subject::Named { key, name } if !PER_ITEM.contains(&key.as_str()) => {
                    Some((s, key.as_str(), name.as_str()))
                }
                Subject::Named { .. } => None,
                Subject::Item { .. } => None,
            })
            .collect();
        // A total named after a fund's in its sentence (`财政拨款收入总计…，支出总计…`) is
        // that fund's: not compared with the report's total of the same words.
        let joined = crate::util::Joined::of(cx);
        let in_a_funds_sentence = |s: &Statement, name: &str| {
            let Some(quote) = s.source.as_ref().map(|q| q.quote.as_str()) else {
                return false;
            };
            let Some(at) = joined.text.find(quote) else {
                return false;
            };
            let start = joined.text[..at]
                .rfind('。')
                .map_or(0, |i| i + '。'.len_utf8());
            // An earlier total of the sentence, with its figure, named after a fund.
            let before = &joined.text[start..at];
            let figure = before
                .find(|c: char| c.is_ascii_digit())
                .is_some_and(|d| before[d..].contains("万元") || before[d..].contains('元'));
            const FUNDS: [&str; 4] = ["财政拨款", "一般公共预算", "政府性基金", "国有资本经营"];
            // A fund the name does not carry itself.
            let other_fund = |t: &str| FUNDS.iter().any(|f| t.contains(f) && !name.contains(f));
            let in_sentence = figure && other_fund(before);
            // A section headed by a fund (`（二）政府性基金预算收支情况`) speaks of that fund's
            // totals in all its sentences.
            let section = crate::util::HEADING
                .find_iter(&joined.text[..at])
                .last()
                .map(|h| &joined.text[h.start()..at])
                .filter(|t| t.len() <= 600);
            let in_section = section.is_some_and(|t| {
                let heading = t.split(['。', '，', ',']).next().unwrap_or(t);
                other_fund(heading)
            });
            in_sentence || in_section
        };
        let named: Vec<(&Statement, &str, &str)> = named
            .into_iter()
            .filter(|(s, _, name)| !in_a_funds_sentence(s, name))
            .collect();
        let mut judged: Vec<usize> = Vec::new();
        for (i, (first, key, name)) in named.iter().enumerate() {
            if judged.contains(&i) {
                continue;
            }
            let same = |(s, k, n): &(&Statement, &str, &str)| {
                k == key
                    && n == name
                    && amount(s).map(|a| a.1) == amount(first).map(|a| a.1)
                    && s.source.as_ref().map(|q| &q.quote)
                        != first.source.as_ref().map(|q| &q.quote)
            };
            for (j, later) in named.iter().enumerate().skip(i + 1) {
                if !same(later) {
                    continue;
                }
                judged.push(j);
                let (s, _, later_name) = later;
                let line = |st: &Statement| {
                    st.source
                        .as_ref()
                        .and_then(|q| {
                            q.page
                                .map(|p| format!("第{p}页"))
                                .or(q.line.map(|l| format!("第{l}行")))
                        })
                        .unwrap_or_default()
                };
                if let (Some((a, _)), Some((b, _))) = (amount(first), amount(s)) {
                    if (fen(a) - fen(b)).abs() > slack([&a, &b]) {
                        out.push(
                            Diagnostic::error(
                                self.id(),
                                format!(
                                    "说明两处所称“{later_name}”不同：{}为{}{}，{}为{}{}",
                                    line(first),
                                    with_separators(a),
                                    a.unit.label(),
                                    line(s),
                                    with_separators(b),
                                    b.unit.label()
                                ),
                                at(cx, s, None),
                            )
                            .with_hint("同一合计只有一个数，核对哪一处有误"),
                        );
                        continue;
                    }
                }
                if let (Some((r1, h1)), Some((r2, h2))) = (rate(first), rate(s)) {
                    if (r1 - r2).abs() > h1 + h2 {
                        let show = |r: i64| crate::util::show_rate(r.abs());
                        out.push(
                            Diagnostic::error(
                                self.id(),
                                format!(
                                    "说明两处所称“{later_name}”的增减率不同：{}为{}，{}为{}",
                                    line(first),
                                    show(r1),
                                    line(s),
                                    show(r2)
                                ),
                                at(cx, s, None),
                            )
                            .with_hint("同一增减只有一个增减率，核对哪一处有误"),
                        );
                    }
                }
            }
        }
    }
}
