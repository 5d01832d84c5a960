use yusuan_model::{ClaimValue, Diagnostic, Measure, Printed, Severity, Statement, Subject, Way};

use crate::rules::statements::{at, has_unclaimed_figures, money};
use crate::util::{fen, show_fen, slack, Cx};
use crate::Rule;

/// R-TEXT-SUM: a total the explanation states is the sum of the parts it lists after it,
/// where those parts are all of it: 基本支出 = 人员经费 + 公用经费; “三公” spending =
/// 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费 (or 购置费 + 运行维护费); 收入总计 =
/// 本年收入 + 上年结转; 支出总计 = 基本支出 + 项目支出 (or 本年安排 + 上年结转). So are their
/// changes against last year.
pub struct TextSum;

/// Totals and the parts that make them up, each alternative complete.
const WHOLES: &[(&str, &[&[&str]])] = &[
    (
        "expenditure.basic",
        &[&["expenditure.personnel", "expenditure.public"]],
    ),
    // A budget's income: this year's and last year's carried over; its spending: by group,
    // or by the same two sources.
    ("income.total", &[&["income.current", "income.carry_over"]]),
    (
        "expenditure.total",
        &[
            &["expenditure.basic", "expenditure.project"],
            &["expenditure.current", "income.carry_over"],
        ],
    ),
    (
        "expenditure.current",
        &[&["expenditure.basic", "expenditure.project"]],
    ),
    (
        "three_public.vehicles",
        &[&[
            "three_public.vehicle_purchase",
            "three_public.vehicle_operation",
        ]],
    ),
    (
        "three_public.total",
        &[
            &[
                "three_public.outbound",
                "three_public.reception",
                "three_public.vehicles",
            ],
            &[
                "three_public.outbound",
                "three_public.reception",
                "three_public.vehicle_purchase",
                "three_public.vehicle_operation",
            ],
        ],
    ),
];

fn key(s: &Statement) -> Option<&str> {
    s.subject.key()
}

/// The figure a statement gives its subject: its 决算数 when it prints one, else its amount.
fn figure(s: &Statement) -> Option<Printed> {
    money(s, Measure::Final)
        .or_else(|| money(s, Measure::Amount))
        .map(|(_, p)| p)
}

/// A difference the statement states, signed (持平 is zero): its change against last year
/// (`Measure::Change`), or its 决算's distance from the budget (`Measure::BudgetDifference`,
/// `决算数比预算数减少17.54万元`).
fn difference(s: &Statement, measure: Measure) -> Option<(i64, Printed)> {
    s.claims.iter().find_map(|c| match c.value {
        ClaimValue::Delta { money, way } if c.measure == measure => Some((
            match way {
                Way::Down => -fen(money),
                Way::Up => fen(money),
                Way::Level => 0,
            },
            money,
        )),
        _ => None,
    })
}

/// The year of a statement's amount, when printed.
/// The parts printed after a total, each once: a part printed again (the overview lists
/// the “三公” items, then each has its paragraph) adds the claims it did not make yet. None
/// when the two printings give a part different money.
fn merge(printed: &[&Statement]) -> Option<Vec<Statement>> {
    let mut out: Vec<Statement> = Vec::new();
    for s in printed {
        let Some(m) = out.iter_mut().find(|m| key(m) == key(s)) else {
            out.push((*s).clone());
            continue;
        };
        for c in &s.claims {
            match m.claims.iter().find(|o| o.measure == c.measure) {
                Some(o)
                    if matches!(o.value, ClaimValue::Money(_) | ClaimValue::Delta { .. })
                        && o.value != c.value =>
                {
                    return None;
                }
                Some(_) => {}
                None => m.claims.push(c.clone()),
            }
        }
    }
    Some(out)
}

/// A 决算 total's budget and final figures, when it prints both (`“三公”经费支出预算为
/// 89.90万元，支出决算为57.53万元`): its distance from the budget, though not stated.
fn budget_and_final(s: &Statement) -> Option<(Printed, Printed)> {
    let (_, final_) = money(s, Measure::Final)?;
    let named_budget = match &s.subject {
        Subject::Named { name, .. } => name.ends_with("预算") || name.ends_with("预算数"),
        Subject::Item { .. } => false,
    };
    let budgets: Vec<Printed> = [Measure::InitialBudget, Measure::FullYearBudget]
        .into_iter()
        .filter_map(|m| money(s, m).map(|(_, p)| p))
        .chain(
            money(s, Measure::Amount)
                .filter(|_| named_budget)
                .map(|(_, p)| p),
        )
        .collect();
    // Two budgets (年初 and 全年): which one the parts' differences are from is unknown.
    match budgets[..] {
        [budget] => Some((budget, final_)),
        _ => None,
    }
}

/// A part's difference, with the figures it was printed as. 公务用车购置及运行费 that states
/// none has its two parts' when both are listed under it with one (`（二）公务用车购置及运行费
/// 1116.14万元。其中：1、公务用车购置费…减少79.4万元…2、公务用车运行费…减少596.98万元`).
fn part_difference(
    part: &Statement,
    measure: Measure,
    listed: &[&Statement],
) -> Option<(i64, Vec<Printed>)> {
    if let Some((d, printed)) = difference(part, measure) {
        return Some((d, vec![printed]));
    }
    if key(part) != Some("three_public.vehicles") {
        return None;
    }
    let [purchase, operation] = [
        "three_public.vehicle_purchase",
        "three_public.vehicle_operation",
    ]
    .map(|k| {
        listed
            .iter()
            .find(|s| key(s) == Some(k))
            .and_then(|s| difference(s, measure))
    });
    let ((a, pa), (b, pb)) = (purchase?, operation?);
    Some((a + b, vec![pa, pb]))
}

/// `政府办公厅(室)及相关事务5,631万元，其中：基本支出3,931万元；项目1,745万元。`: spending of an
/// item the grammar does not name, split into its two kinds and nothing else, is their sum. A
/// total a key names is the statements' to judge.
fn basic_and_project(joined: &crate::util::Joined, id: &'static str, out: &mut Vec<Diagnostic>) {
    static SPLIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let n = r"([\d,]+(?:\.\d+)?)(万元|元)";
        regex::Regex::new(&format!(
            r"{n}[，,]?其中[:：]?基本支出(?:为)?{n}[；;，,、]项目(?:支出)?(?:为)?{n}(?:[。；;]|$)"
        ))
        .expect("valid")
    });
    let text = &joined.text;
    for c in SPLIT.captures_iter(text) {
        let figure = |i: usize| Printed::read(&format!("{}{}", &c[i], &c[i + 1]));
        let (Some(total), Some(basic), Some(project)) = (figure(1), figure(3), figure(5)) else {
            continue;
        };
        let start = c.get(0).expect("match").start();
        let before = &text[..start];
        let label_start = before
            .rfind(['，', ',', '。', '；', ';', '：', ':'])
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(0, char::len_utf8)
            })
            .max(joined.line_start(start));
        // Without its item number (`1.`, `（二）`, `三、`).
        let label = yusuan_statement::without_item_number(&before[label_start..]);
        if yusuan_statement::key_for(label).is_some() {
            continue;
        }
        let sum = fen(basic) + fen(project);
        if (sum - fen(total)).abs() > slack([&total, &basic, &project]) {
            out.push(
                Diagnostic::error(
                    id,
                    format!(
                        "说明称{label}{total}{u}，其中基本支出{basic}{}、项目支出{project}{}，之和为{}{u}",
                        basic.unit.label(),
                        project.unit.label(),
                        show_fen(sum, total.unit),
                        u = total.unit.label()
                    ),
                    joined.at(start),
                )
                .with_hint("支出 = 基本支出 + 项目支出"),
            );
        }
    }
}

/// `对个人和家庭的补助支出1391.19万元（其中专项支出1554.57万元）` (probe 23's 10): the first
/// part a 其中 names cannot be more than the figure it belongs to. That figure is the one right
/// before the 其中 — or, when that one is a change, the figure the change is of. A 其中 that
/// opens a sentence (`…基本支出281.6万元，同比减少47.43万元，同比下降14.42%。与上年度基本持平。其中：
/// 一般公共服务支出预算312.01万元`, probe 23's 06; `…支出629.31万元，比2024年减少88.85万元。其中：
/// 基本支出768.93万元`, probe 20's 09) belongs to the first figure of the sentence before with a
/// figure, counted from its own last 其中 or item number, that is neither a change nor compared
/// with (`较2022年决算数688.84万元`).
fn part_above_whole(joined: &crate::util::Joined, id: &'static str, out: &mut Vec<Diagnostic>) {
    /// A figure and its unit, as two groups.
    const FIGURE: &str = r"([0-9][0-9,]*(?:\.[0-9]+)?)(万元|元)";
    static OF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(&format!(
            r"(?:{FIGURE}[，,]?[（(]?|。)其中[:：]?([^0-9。；;]{{0,16}}?){FIGURE}"
        ))
        .expect("valid")
    });
    static AMOUNT: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(FIGURE).expect("valid"));
    static OPENS_LIST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"其中[:：]?|(?:^|[^0-9.])[0-9]{1,2}、").expect("valid")
    });
    const CHANGE: &[&str] = &[
        "增加", "减少", "增收", "减收", "增支", "减支", "增长", "下降", "增", "减",
    ];
    let text = &joined.text;
    let is_change = |at: usize| CHANGE.iter().any(|w| text[..at].ends_with(w));
    let figure = |c: &regex::Captures, i: usize| Printed::read(&format!("{}{}", &c[i], &c[i + 1]));
    // A figure of `text[from..to]` that is its subject's own: no change, nothing compared.
    let own = |from: usize, to: usize| -> Vec<Printed> {
        AMOUNT
            .captures_iter(&text[from..to])
            .filter(|a| {
                let at = from + a.get(1).expect("group").start();
                let clause = text[..at]
                    .rfind(['，', ',', '；', ';'])
                    .map_or(from, |i| i.max(from));
                !is_change(at)
                    && !["比", "较", "与"]
                        .iter()
                        .any(|w| text[clause..at].contains(w))
            })
            .filter_map(|a| figure(&a, 1))
            .collect()
    };
    for c in OF.captures_iter(text) {
        let label = &c[3];
        if CHANGE.iter().any(|w| label.contains(w))
            || ["比", "较", "累计", "同期"]
                .iter()
                .any(|w| label.contains(w))
        {
            continue;
        }
        let whole = match c.get(1) {
            Some(w) if !is_change(w.start()) => figure(&c, 1),
            Some(w) => {
                let start = text[..w.start()]
                    .rfind('。')
                    .map_or(0, |i| i + '。'.len_utf8());
                own(start, w.start()).last().copied()
            }
            None => {
                // The sentence before with a figure (a sentence of words, `与上年度基本持平。`,
                // is passed over once).
                let mut end = c.get(0).expect("match").start();
                let mut whole = None;
                for _ in 0..2 {
                    let start = text[..end].rfind('。').map_or(0, |i| i + '。'.len_utf8());
                    let sentence = &text[start..end];
                    let from = OPENS_LIST
                        .find_iter(sentence)
                        .last()
                        .map_or(start, |m| start + m.end());
                    whole = own(from, end).first().copied();
                    if whole.is_some() || AMOUNT.is_match(sentence) || start == 0 {
                        break;
                    }
                    end = start - '。'.len_utf8();
                }
                whole
            }
        };
        let (Some(whole), Some(part)) = (whole, figure(&c, 4)) else {
            continue;
        };
        if fen(part) - fen(whole) > slack([&whole, &part]) {
            let start = c.get(0).expect("match").start();
            out.push(
                Diagnostic::error(
                    id,
                    format!(
                        "说明称其中{}{part}{}，超过其所属的{whole}{}：{}",
                        label.trim_start_matches(['：', ':']),
                        part.unit.label(),
                        whole.unit.label(),
                        crate::util::around(text, start, c.get(0).expect("match").len())
                    ),
                    joined.at(c.get(4).expect("group").start()),
                )
                .with_hint("其中所列的一项不能大于它所属的总数"),
            );
        }
    }
}

/// Kinds of income no one of which holds another, by how reports break 收入 down: a 决算's
/// 财政拨款收入 or a budget's funds (一般公共预算拨款收入, 政府性基金…, 单位资金 …), each with the
/// sources both name ([`OTHER_SOURCES`]).
const INCOME_SOURCES: &[&[&str]] = &[
    &["income.fiscal"],
    &[
        "income.general_budget",
        "income.government_fund",
        "income.state_capital",
        "income.fiscal_special_account",
        "income.unit_funds",
    ],
];

/// The sources of income outside 财政拨款 both breakdowns name, and what was carried over.
const OTHER_SOURCES: &[&str] = &[
    "income.upper_grant",
    "income.business",
    "income.operating",
    "income.affiliated",
    "income.other",
    "income.carry_over",
];

/// Whether a key is a kind of income of breakdown `group`.
fn of_breakdown(group: &[&str], key: &str) -> bool {
    group.contains(&key) || OTHER_SOURCES.contains(&key)
}

/// The kinds of income listed after a 收入总计 (or a 本年收入合计, without what was carried
/// over), when they are of one breakdown and each is listed once: whatever the list leaves
/// out, they cannot add up to more than it.
fn income_beyond_total(
    cx: &Cx<'_>,
    joined: &crate::util::Joined,
    statements: &[Statement],
    i: usize,
    id: &'static str,
    out: &mut Vec<Diagnostic>,
) {
    let whole = &statements[i];
    // A year's own income (本年收入合计) holds no carry-over: a list that goes on to it has
    // ended the year's kinds of income.
    let current = key(whole) == Some("income.current");
    let any_source = |k: &str| {
        INCOME_SOURCES.iter().any(|g| of_breakdown(g, k)) && !(current && k == "income.carry_over")
    };
    let printed: Vec<&Statement> = statements[i + 1..]
        .iter()
        .take_while(|s| {
            matches!(s.subject, Subject::Named { .. }) && key(s).is_some_and(any_source)
        })
        .collect();
    let Some(parts) = merge(&printed) else {
        return;
    };
    let one_breakdown = INCOME_SOURCES.iter().any(|g| {
        parts
            .iter()
            .all(|p| key(p).is_some_and(|k| of_breakdown(g, k)))
    });
    if parts.len() < 2
        || !one_breakdown
        || std::iter::once(whole)
            .chain(printed.iter().copied())
            .any(has_unclaimed_figures)
        || !follows(joined, whole, &parts[0])
        || parts
            .iter()
            .any(|p| year(p).is_some_and(|y| Some(y) != year(whole)))
    {
        return;
    }
    let (Some(total), Some(figures)) = (
        figure(whole),
        parts.iter().map(figure).collect::<Option<Vec<_>>>(),
    ) else {
        return;
    };
    let parts: Vec<&Statement> = parts.iter().collect();
    let sum: i64 = figures.iter().map(|p| fen(*p)).sum();
    if sum - fen(total) > slack(figures.iter().chain([&total])) {
        out.push(
            Diagnostic::error(
                id,
                parts_said(whole, total, &parts, &figures, "而其下所列", "之和已达"),
                at(cx, whole, None),
            )
            .with_hint("各项收入之和不能超过收入总计"),
        );
    }
}

/// A statement's subject in its printed words.
fn name(s: &Statement) -> String {
    match &s.subject {
        Subject::Named { name, .. } => name.clone(),
        Subject::Item { .. } => String::new(),
    }
}

/// `说明称X{total}，{link}A…、B…{sum_word}{sum}`: a total and the figures of its parts.
fn parts_said(
    whole: &Statement,
    total: Printed,
    parts: &[&Statement],
    figures: &[Printed],
    link: &str,
    sum_word: &str,
) -> String {
    let listed: Vec<String> = parts
        .iter()
        .zip(figures)
        .map(|(p, f)| format!("{}{f}{}", name(p), f.unit.label()))
        .collect();
    let sum: i64 = figures.iter().map(|p| fen(*p)).sum();
    format!(
        "说明称{}{total}{u}，{link}{}{sum_word}{}{u}",
        name(whole),
        listed.join("、"),
        show_fen(sum, total.unit),
        u = total.unit.label()
    )
}

fn year(s: &Statement) -> Option<u16> {
    s.claims
        .iter()
        .find(|c| c.measure == Measure::Amount)
        .and_then(|c| c.year)
}

impl Rule for TextSum {
    fn id(&self) -> &'static str {
        "R-TEXT-SUM"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中的合计等于其各组成部分之和"
    }
    fn doc(&self) -> &'static str {
        "Where the explanation states a total and then lists its parts, each a statement of its \
own (`基本支出911.7万元，其中：人员经费489.18万元…；公用经费46.89万元`, `“三公”经费预算12.5万元，…\
其中：因公出国（境）费…；公务接待费…；公务用车购置费…；公务用车运行维护费…`), and the parts \
listed are all the total has (基本支出 is 人员经费 and 公用经费; “三公” spending is 因公出国（境）费, \
公务接待费 and 公务用车购置及运行费, the last alone or as 购置费 and 运行维护费; a budget's 收入总计 is \
本年收入 and 上年结转, its 支出总计 基本支出 and 项目支出 or 本年预算安排 and 上年结转; 本年支出合计 is \
基本支出 and 项目支出), the parts add up \
to the total within the rounding of the printed figures. Where the total and every part state \
their change against last year (持平 is none), the changes add up too (公务用车购置及运行费 \
stating none has its 购置费's and 运行费's when both are listed under it with one); so do the 决算's \
distances from the budget (`决算数比预算数减少17.54万元`) where every part states one and the \
total states one or prints its budget and its 决算 (`“三公”经费支出预算为89.90万元，支出决算为57.53万元`). \
A part printed twice (in the overview's list, then in its own paragraph, perhaps with its \
difference alone) is one part; two printings that give it different money are not judged. \
Kinds of income listed after a 收入总计 (a 决算's 财政拨款收入 / 上级补助收入 / 事业收入 / … / \
上年结转和结余, or a budget's funds), each once and of one breakdown, cannot add up to more \
than it, whatever the list leaves out; nor can those listed after a 本年收入合计 (收入合计 in a \
决算), without what was carried over. Spending of an item the grammar does not name, split into \
基本支出 and 项目支出 and nothing else (`政府办公厅(室)及相关事务5,631万元，其中：基本支出3,931万元；\
项目1,745万元`), is their sum. The first part a 其中 names right after a figure is no more than that figure \
(`对个人和家庭的补助支出1391.19万元（其中专项支出1554.57万元）`); after a change (`…支出629.31万元，比2024年\
减少88.85万元。其中：基本支出768.93万元`) the whole is the figure the change is of; a 其中 opening a \
sentence belongs to the first figure, neither a change nor compared with, of the sentence before \
(counted from its own last 其中 or item number; a sentence of words such as `与上年度基本持平。` is \
passed over). A “三公” item the list leaves out that the text says there was \
none of in the report's year (`2015年度…无新购车辆`, `无因公出国…`) counts as zero, its \
changes unjudged. A list that leaves any other part \
out, that prints a figure under a name the grammar does not know (`其他交通费用2846万元`), or \
parts of another year, or a list with a figure between it and its total, is not judged; nor \
are the statements a built report writes, which quote no text. The text is checked without its tables, so a \
report whose tables were published apart is checked too. Why: a 2023 决算 outside the \
repository states 911.7 for 489.18 + 46.89 = 536.07 (it put 项目支出 into 基本支出), and \
“三公” paragraphs give their parts' changes that do not make the total's."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let statements = &cx.report.statements;
        let joined = crate::util::Joined::of(cx);
        basic_and_project(&joined, self.id(), out);
        part_above_whole(&joined, self.id(), out);
        // What the text says there was none of, read once when a total needs it.
        let nil_once = std::cell::OnceCell::new();
        for (i, whole) in statements.iter().enumerate() {
            if matches!(key(whole), Some("income.total" | "income.current")) {
                income_beyond_total(cx, &joined, statements, i, self.id(), out);
            }
            let Some((_, alternatives)) = WHOLES.iter().find(|(k, _)| key(whole) == Some(*k))
            else {
                continue;
            };
            let all_parts: Vec<&str> = alternatives
                .iter()
                .flat_map(|a| a.iter().copied())
                .collect();
            // The parts listed right after it, up to the first statement of anything else.
            let printed_parts: Vec<&Statement> = statements[i + 1..]
                .iter()
                .take_while(|s| {
                    matches!(s.subject, Subject::Named { .. })
                        && key(s).is_some_and(|k| all_parts.contains(&k))
                })
                .collect();
            // A part printed twice (in the overview's list, then under its own heading) is
            // one part: its claims together.
            let Some(merged) = merge(&printed_parts) else {
                continue;
            };
            let listed: Vec<&Statement> = merged.iter().collect();
            let nil = nil_once.get_or_init(|| nil_parts(cx, &joined));
            let Some((parts, absent)) = alternatives.iter().find_map(|alt| {
                // A “三公” item the list leaves out that the text says there was none of
                // this year (`无新购车辆`) is zero.
                let absent: Vec<(&str, &str)> = alt
                    .iter()
                    .filter(|k| !listed.iter().any(|s| key(s) == Some(**k)))
                    .map(|k| nil.iter().find(|(n, _)| n == k).copied().ok_or(()))
                    .collect::<Result<_, _>>()
                    .ok()?;
                let chosen: Vec<&Statement> = alt
                    .iter()
                    .filter_map(|k| listed.iter().copied().find(|s| key(s) == Some(*k)))
                    .collect();
                if chosen.len() < 2 {
                    return None;
                }
                // Each part once: a list that names one twice is not this decomposition. The
                // parts of 公务用车购置及运行费 may follow it.
                let own = listed
                    .iter()
                    .filter(|s| key(s).is_some_and(|k| alt.contains(&k)));
                let nested = |s: &&&Statement| {
                    alt.contains(&"three_public.vehicles")
                        && key(s).is_some_and(|k| k.starts_with("three_public.vehicle_"))
                };
                let extra = listed
                    .iter()
                    .filter(|s| !key(s).is_some_and(|k| alt.contains(&k)));
                (own.count() == chosen.len() && extra.clone().all(|s| nested(&s)))
                    .then_some((chosen, absent))
            }) else {
                continue;
            };
            if parts
                .iter()
                .any(|p| year(p).is_some_and(|y| Some(y) != year(whole)))
            {
                continue;
            }
            // A part printed without a name the grammar knows: the list is not all here.
            if std::iter::once(whole)
                .chain(printed_parts.iter().copied())
                .any(has_unclaimed_figures)
            {
                continue;
            }
            // The list follows the total: no figure stands between them (`支出总计…。…支出合计
            // 12638.86万元，其中：基本支出…` lists the parts of another total).
            if !follows(&joined, whole, printed_parts[0]) {
                continue;
            }
            if let (Some(total), Some(figures)) = (
                figure(whole),
                parts.iter().map(|p| figure(p)).collect::<Option<Vec<_>>>(),
            ) {
                let sum: i64 = figures.iter().map(|p| fen(*p)).sum();
                if (sum - fen(total)).abs() > slack(figures.iter().chain([&total])) {
                    let none: String = absent
                        .iter()
                        .map(|(k, said)| {
                            let item = yusuan_statement::words_for(k).next().unwrap_or(k);
                            format!("（说明称“{said}”，{item}计为0）")
                        })
                        .collect();
                    out.push(
                        Diagnostic::error(
                            self.id(),
                            parts_said(whole, total, &parts, &figures, "其组成", "之和为") + &none,
                            at(cx, whole, None),
                        )
                        .with_hint(hint(key(whole))),
                    );
                }
            }
            // Changes against last year, and the 决算's distance from the budget: each adds
            // up as the amounts do. An item there was none of this year may have had money
            // last year or in the budget: not judged.
            if !absent.is_empty() {
                continue;
            }
            for (measure, against) in [
                (Measure::Change, "比上年"),
                (Measure::BudgetDifference, "决算比预算"),
            ] {
                let stated = difference(whole, measure).map(|(d, p)| (d, vec![p], None));
                let derived = || {
                    (measure == Measure::BudgetDifference)
                        .then(|| budget_and_final(whole))
                        .flatten()
                        .map(|(b, f)| (fen(f) - fen(b), vec![b, f], Some((b, f))))
                };
                if let (Some((total, total_printed, from)), Some(changes)) = (
                    stated.or_else(derived),
                    parts
                        .iter()
                        .map(|p| part_difference(p, measure, &listed))
                        .collect::<Option<Vec<_>>>(),
                ) {
                    let printed = total_printed[0];
                    let sum: i64 = changes.iter().map(|(c, _)| c).sum();
                    let tolerance = slack(
                        changes
                            .iter()
                            .flat_map(|(_, p)| p.iter())
                            .chain(total_printed.iter()),
                    );
                    if (sum - total).abs() > tolerance {
                        let signed = |f: i64| {
                            let word = match f.signum() {
                                1 => "增加",
                                -1 => "减少",
                                _ => "持平",
                            };
                            if f == 0 {
                                word.to_owned()
                            } else {
                                format!(
                                    "{word}{}{}",
                                    show_fen(f.abs(), printed.unit),
                                    printed.unit.label()
                                )
                            }
                        };
                        let listed: Vec<String> = parts
                            .iter()
                            .zip(&changes)
                            .map(|(p, (c, _))| format!("{}{}", name(p), signed(*c)))
                            .collect();
                        out.push(
                            Diagnostic::error(
                                self.id(),
                                format!(
                                    "说明称{}{}，而其组成{}，合计{}",
                                    name(whole),
                                    match from {
                                        Some((b, f)) => format!(
                                            "{b}{u}、决算{f}{u}（{against}{}）",
                                            signed(total),
                                            u = b.unit.label()
                                        ),
                                        None => format!("{against}{}", signed(total)),
                                    },
                                    listed.join("、"),
                                    signed(sum)
                                ),
                                at(cx, whole, None),
                            )
                            .with_hint(format!("{}；增减额同样相加", hint(key(whole)))),
                        );
                    }
                }
            }
        }
    }
}

/// “三公” items the text says there were none of in the report's year (`无新购车辆`,
/// `未发生因公出国（境）费用`), with the words that say so. A sentence naming another year
/// speaks of that year.
fn nil_parts(cx: &Cx<'_>, joined: &crate::util::Joined) -> Vec<(&'static str, &'static str)> {
    const NONE: &[(&str, &[&str])] = &[
        (
            "three_public.vehicle_purchase",
            &[
                "无新购车辆",
                "未购置公务用车",
                "未购置车辆",
                "未新购车辆",
                "无购置车辆",
                "购置公务用车0辆",
            ],
        ),
        (
            "three_public.outbound",
            &["无因公出国", "未发生因公出国", "未安排因公出国"],
        ),
        ("three_public.reception", &["无公务接待", "未发生公务接待"]),
    ];
    let text = &joined.text;
    let year = cx.report.meta.year;
    let mut out = Vec::new();
    for (key, words) in NONE {
        let said = words.iter().find(|w| {
            text.match_indices(**w).any(|(at, _)| {
                let start = text[..at]
                    .rfind(['。', '；'])
                    .map_or(0, |i| i + '。'.len_utf8());
                let end = text[at..].find(['。', '；']).map_or(text.len(), |i| at + i);
                yusuan_model::years_in(&text[start..end])
                    .iter()
                    .all(|y| *y == year)
            })
        });
        if let Some(said) = said {
            out.push((*key, *said));
        }
    }
    out
}

/// Whether `part` is printed right after `whole`, with no money figure between the end of
/// the whole's quote and the part.
fn follows(joined: &crate::util::Joined, whole: &Statement, part: &Statement) -> bool {
    let quote = |s: &Statement| s.source.as_ref().map(|q| q.quote.clone());
    let (Some(w), Some(p)) = (quote(whole), quote(part)) else {
        return false;
    };
    let Some(at) = joined.text.find(&w) else {
        return false;
    };
    let end = at + w.len();
    let Some(next) = joined.text[end..].find(&p) else {
        return false;
    };
    let between = &joined.text[end..end + next];
    !between.contains("万元") && !between.contains('元')
}

fn hint(key: Option<&str>) -> &'static str {
    match key {
        Some("expenditure.basic") => "基本支出 = 人员经费 + 公用经费",
        Some("income.total") => "收入总计 = 本年收入 + 上年结转",
        Some("expenditure.total") => "支出总计 = 基本支出 + 项目支出 = 本年预算安排 + 上年结转",
        Some("expenditure.current") => "本年支出合计 = 基本支出 + 项目支出",
        _ => "“三公”经费 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费",
    }
}
