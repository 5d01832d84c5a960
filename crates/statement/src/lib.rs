//! The explanation's grammar, one for both directions. [`render`] writes a statement the
//! way reports print it; [`read`] finds the statements in running text. What `render`
//! writes, `read` gives back (the round-trip tests), so the explanation yusuan drafts and
//! the one it reads from a published report meet in the same [`Statement`]s.
//!
//! Covered today: statements about one functional 类 / 款 / 项, named by its printed path
//! in either of the two styles reports use (`“A-B-C”科目` and `A（类）B（款）C（项）`),
//! with the claims that follow it — its amount and share, the change against last year,
//! 当年预算执行数 / 预算安排 and the rate between them (Shanghai budgets), 年初预算 /
//! 全年预算 / 决算 / 完成率 and the comparison word (final accounts), the purpose
//! (主要用于) and the reason (主要原因); and each 类 named alone in the list of what
//! the general budget is spent on (`主要用于以下方面：教育支出0.45万元，占0.04%；…`),
//! which [`render_list`] writes.

use std::sync::LazyLock;

use regex::Regex;
use yusuan_model::{
    with_separators, Claim, ClaimValue, CountUnit, Measure, MoneyUnit, PathStyle, Printed, Source,
    Statement, Subject, TextLine, Way,
};

mod named;

pub use named::{key_for, key_for_label, without_item_number, words_for};

/// The levels of a path, by position.
const MARKERS: [&str; 3] = ["（类）", "（款）", "（项）"];

// ---------------------------------------------------------------------------------------
// Writing

/// The sentence(s) of one statement, as the reports print them.
pub fn render(s: &Statement) -> String {
    let (path, style) = match &s.subject {
        Subject::Item { path, style } => (path, style),
        Subject::Named { .. } => {
            // Final accounts: `“三公”经费财政拨款支出年初预算为…，支出决算为…，完成年初预算的…%。`
            let in_first = |c: &&Claim| {
                matches!(
                    c.measure,
                    Measure::Amount
                        | Measure::Share
                        | Measure::Change
                        | Measure::ChangeRate
                        | Measure::Count
                )
            };
            let head = render_head(s);
            let tail = render_tail(s);
            let first = if s.claims.iter().any(|c| in_first(&c)) || s.purpose.is_some() {
                format!("{head}{tail}。")
            } else {
                head
            };
            let reason = if has_verdict(s) {
                s.reason.as_deref()
            } else {
                None
            };
            return format!("{first}{}", sequel(s, &in_first, reason));
        }
    };
    let mut out = match style {
        PathStyle::Dashed => format!("“{}”科目", path.join("-")),
        PathStyle::Bare => path.join(""),
        PathStyle::Marked => {
            let marked: String = path
                .iter()
                .zip(MARKERS)
                .map(|(name, marker)| format!("{name}{marker}"))
                .collect();
            format!("“{marked}”")
        }
    };
    let has_prior = s.claims.iter().any(|c| c.measure == Measure::PriorExecuted);
    let in_head = |c: &&Claim| match c.measure {
        Measure::Amount | Measure::Share | Measure::Change => true,
        Measure::ChangeRate => !has_prior,
        _ => false,
    };
    for c in s.claims.iter().filter(in_head) {
        match (c.measure, c.value) {
            (Measure::Amount, ClaimValue::Money(m)) => out.push_str(&money(m)),
            (Measure::Share, v) => out.push_str(&format!("，占{}", rate(v))),
            (Measure::Change, ClaimValue::Delta { money: m, way }) => {
                out.push_str(&format!("，与上年相比{}{}", change_word(way), money(m)))
            }
            (Measure::ChangeRate, v) => out.push_str(&format!("，{}", rate(v))),
            _ => {}
        }
    }
    if let Some(p) = &s.purpose {
        out.push_str(&format!("，主要用于{p}"));
    }
    out.push('。');
    out.push_str(&sequel(s, &in_head, s.reason.as_deref()));
    out
}

/// The sentences after a statement's first: 当年预算执行数 / 预算安排 and their rate
/// (Shanghai), 年初预算 / 全年预算 / 决算 / 完成率 (final accounts), and the comparison
/// word with its reason, or the reason alone. `said` are the claims already written.
fn sequel(s: &Statement, said: &dyn Fn(&&Claim) -> bool, reason: Option<&str>) -> String {
    let mut out = String::new();
    let group = |measures: &[Measure]| -> Vec<String> {
        s.claims
            .iter()
            .filter(|c| measures.contains(&c.measure) && !said(c))
            .filter_map(|c| {
                let year = c.year.map(|y| format!("{y}年")).unwrap_or_default();
                Some(match (c.measure, c.value) {
                    (Measure::PriorExecuted, ClaimValue::Money(m)) => {
                        format!("{year}当年预算执行数为{}", money(m))
                    }
                    (Measure::Planned, ClaimValue::Money(m)) => {
                        format!("{year}预算安排{}", money(m))
                    }
                    (Measure::ChangeRate, v) => format!("比{year}预算执行数{}", rate(v)),
                    (Measure::InitialBudget, ClaimValue::Money(m)) => {
                        format!("年初预算为{}", money(m))
                    }
                    (Measure::FullYearBudget, ClaimValue::Money(m)) => {
                        format!("全年预算为{}", money(m))
                    }
                    (Measure::Final, ClaimValue::Money(m)) => format!("支出决算为{}", money(m)),
                    (Measure::Completion, v) => format!("完成年初预算的{}", rate(v)),
                    _ => return None,
                })
            })
            .collect()
    };
    for measures in [
        &[
            Measure::PriorExecuted,
            Measure::Planned,
            Measure::ChangeRate,
        ][..],
        &[
            Measure::InitialBudget,
            Measure::FullYearBudget,
            Measure::Final,
            Measure::Completion,
        ],
    ] {
        let parts = group(measures);
        if !parts.is_empty() {
            out.push_str(&parts.join("，"));
            out.push('。');
        }
    }
    let verdict = s.claims.iter().find_map(|c| match (c.measure, c.value) {
        (Measure::FinalAgainstBudget, ClaimValue::Word(w)) => Some(w),
        _ => None,
    });
    match (verdict, reason) {
        (Some(Way::Level), reason) => {
            out.push_str("决算数与预算数基本持平");
            if let Some(r) = reason {
                out.push_str(&format!("，主要原因是：{r}"));
            }
            out.push('。');
        }
        (Some(w), Some(r)) => {
            out.push_str(&format!("决算数{}预算数的主要原因：{r}。", cmp_word(w)))
        }
        (Some(w), None) => out.push_str(&format!("决算数{}预算数。", cmp_word(w))),
        (None, Some(r)) => out.push_str(&format!("主要原因是：{r}。")),
        (None, None) => {}
    }
    out
}

/// Whether a statement compares its 决算 with its budget: its reason goes with that word.
fn has_verdict(s: &Statement) -> bool {
    s.claims
        .iter()
        .any(|c| c.measure == Measure::FinalAgainstBudget)
}

/// A named total: `一般公共预算当年支出1,087.83万元，比上年减少12,029.94万元，下降91.71%，
/// 主要原因是…。`, or `…，与上年预算持平。`
/// What a named total's sentence opens with: its name, amount and share
/// (`基本支出329.83万元，占27.95%`). A template may print its parts after it and then the
/// total's [`render_tail`] (`预算收入总计X万元，其中：本年收入…，上年结转…，比上年减少…`):
/// the reader gives a change printed after the parts to the total.
pub fn render_head(s: &Statement) -> String {
    let mut out = match &s.subject {
        Subject::Named { name, .. } => name.clone(),
        Subject::Item { .. } => return render(s).trim_end_matches('。').to_owned(),
    };
    for c in &s.claims {
        match (c.measure, c.value) {
            (Measure::Amount, ClaimValue::Money(m)) => out.push_str(&money(m)),
            (Measure::Share, v) => out.push_str(&format!("，占{}", rate(v))),
            _ => {}
        }
    }
    out
}

/// The rest of a named total's sentence, without its 。: the change against last year and
/// its rate (or 持平), counts, purpose and reason.
pub fn render_tail(s: &Statement) -> String {
    let mut out = String::new();
    for c in &s.claims {
        match (c.measure, c.value) {
            (
                Measure::Change,
                ClaimValue::Delta {
                    way: Way::Level, ..
                },
            ) => match c.year {
                Some(y) => out.push_str(&format!("，与{y}年度持平")),
                None => out.push_str("，与上年预算持平"),
            },
            (Measure::Change, ClaimValue::Delta { money: m, way }) => {
                let than = c.year.map_or("上年".to_owned(), |y| format!("{y}年度"));
                out.push_str(&format!("，比{than}{}{}", change_word(way), money(m)))
            }
            (
                Measure::ChangeRate,
                ClaimValue::Rate {
                    hundredths,
                    decimals,
                    way,
                },
            ) => {
                let word = match way {
                    Some(Way::Up) => "增长",
                    Some(Way::Down) => "下降",
                    _ => "",
                };
                let p = Printed {
                    hundredths,
                    unit: MoneyUnit::Yuan,
                    decimals,
                };
                out.push_str(&format!("，{word}{p}%"))
            }
            _ => {}
        }
    }
    // What the money paid for, in one clause: `团组2个、6人次`, `8批次、92人次`, `购置1辆`.
    let counts: Vec<String> = s
        .claims
        .iter()
        .filter_map(|c| match c.value {
            ClaimValue::Count { n, unit } => Some(match unit {
                CountUnit::Pieces => format!("团组{n}个"),
                CountUnit::Vehicles if s.subject.key() == Some("three_public.vehicle_purchase") => {
                    format!("购置{n}辆")
                }
                CountUnit::Vehicles => format!("保有{n}辆"),
                _ => format!("{n}{}", unit.label()),
            }),
            _ => None,
        })
        .collect();
    if !counts.is_empty() {
        out.push_str(&format!("，{}", counts.join("、")));
    }
    if let Some(p) = &s.purpose {
        out.push_str(&format!("，主要用于{p}"));
    }
    if let Some(r) = s.reason.as_ref().filter(|_| !has_verdict(s)) {
        out.push_str(&format!("，主要原因是{r}"));
    }
    out
}

/// Statements in one sentence, `；` between them: the list of what a budget is spent on,
/// each 类 named alone with its amount and share
/// (`教育支出0.45万元，占0.04%；社会保障和就业支出1,040.20万元，占95.62%。`), or the parts
/// of a total (`因公出国（境）费0万元，与上年预算持平；公务接待费0.20万元，…。`).
pub fn render_list(statements: &[Statement]) -> String {
    let items: Vec<String> = statements
        .iter()
        .map(|s| render(s).trim_end_matches('。').to_owned())
        .collect();
    format!("{}。", items.join("；"))
}

fn money(m: Printed) -> String {
    format!("{}{}", with_separators(m), m.unit.label())
}

fn rate(v: ClaimValue) -> String {
    let ClaimValue::Rate {
        hundredths,
        decimals,
        way,
    } = v
    else {
        return String::new();
    };
    let word = way.map(change_word).unwrap_or("");
    let p = Printed {
        hundredths,
        unit: MoneyUnit::Yuan,
        decimals,
    };
    format!("{word}{p}%")
}

fn change_word(w: Way) -> &'static str {
    match w {
        Way::Up => "增加",
        Way::Down => "减少",
        Way::Level => "持平",
    }
}

fn cmp_word(w: Way) -> &'static str {
    match w {
        Way::Up => "大于",
        Way::Down => "小于",
        Way::Level => "等于",
    }
}

// ---------------------------------------------------------------------------------------
// Reading

/// Running text joined, white space removed, remembering where each source line starts.
struct Joined {
    text: String,
    /// (byte offset in `text`, page, line, whether the line opens an item or heading)
    starts: Vec<(usize, Option<u32>, Option<u32>, bool)>,
}

impl Joined {
    fn new(lines: &[TextLine]) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::new();
        for l in lines {
            // Half-width level markers, `检察监督(项)`, read as the full-width ones.
            let squeezed: String = l
                .text
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .replace("(类)", "（类）")
                .replace("(款)", "（款）")
                .replace("(项)", "（项）");
            if squeezed.is_empty() {
                continue;
            }
            starts.push((text.len(), l.page, l.line, opens_item(&squeezed)));
            text.push_str(&squeezed);
        }
        Joined { text, starts }
    }

    /// Page and line of a byte offset.
    fn at(&self, offset: usize) -> (Option<u32>, Option<u32>) {
        self.starts
            .iter()
            .rev()
            .find(|s| s.0 <= offset)
            .map_or((None, None), |s| (s.1, s.2))
    }
}

/// `一、`, `（一）`, `1、`, `1．`, `1.`, `第三部分`: a line that opens an item or heading.
fn opens_item(text: &str) -> bool {
    static OPENS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.](?:\D|$)|第[一二三四五六七八九十]+部分)")
            .expect("valid")
    });
    OPENS.is_match(text)
}

/// A subject found in the text: its path, style and byte span.
struct Found {
    path: Vec<String>,
    style: PathStyle,
    start: usize,
    end: usize,
    /// A total named in words: its key and the year printed before it.
    named: Option<(&'static str, Option<u16>)>,
}

/// Characters that end a name when walking back from a marker.
fn name_boundary(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '、' | '．' | '.' | '：' | ':' | '；' | ';' | '，' | ',' | '。'
    ) || c.is_ascii_digit()
}

/// A leading `（一）` before a name that opened its line.
fn strip_enumerator(name: &str) -> &str {
    static ENUM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[（(][一二三四五六七八九十]+[）)]").expect("valid"));
    ENUM.find(name).map_or(name, |m| &name[m.end()..])
}

/// Every `A（类）B（款）C（项）` path (a path may start at 款, under a 类 heading).
fn marked_paths(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut from = 0;
    while let Some((level, at)) = MARKERS
        .iter()
        .enumerate()
        .filter_map(|(i, m)| text[from..].find(m).map(|p| (i, from + p)))
        .min_by_key(|(_, p)| *p)
    {
        // The name before the first marker: back to a boundary.
        let before = &text[..at];
        let name_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| name_boundary(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let name_start = at - strip_enumerator(&before[name_start..]).len();
        let mut path = vec![before[name_start..].to_owned()];
        let mut end = at + MARKERS[level].len();
        let mut next = level + 1;
        // The following levels, each a name and its marker with nothing else between.
        while next < 3 {
            let rest = &text[end..];
            let Some(p) = rest.find(MARKERS[next]) else {
                break;
            };
            let name = &rest[..p];
            if name.is_empty() || name.chars().count() > 30 || name.contains(name_boundary_strict) {
                break;
            }
            path.push(name.to_owned());
            end += p + MARKERS[next].len();
            next += 1;
        }
        if path[0].is_empty() {
            from = end;
            continue;
        }
        let start = if text[..name_start].ends_with('“') {
            name_start - '“'.len_utf8()
        } else {
            name_start
        };
        if text[end..].starts_with('”') {
            end += '”'.len_utf8();
        }
        // Paths that start at 款 or 项 are completed by the caller from the heading above.
        let missing = level;
        let mut path_full = vec![String::new(); missing];
        path_full.extend(path);
        out.push(Found {
            path: path_full,
            style: PathStyle::Marked,
            start,
            end,
            named: None,
        });
        from = end;
    }
    out
}

/// Punctuation that cannot stand inside a name between two markers.
fn name_boundary_strict(c: char) -> bool {
    matches!(c, '“' | '”' | '、' | '：' | '；' | '，' | '。' | '%') || c.is_ascii_digit()
}

/// Every 类 named alone in a `主要用于以下方面：A X万元，占R%；B …。` list: a name of
/// Chinese characters ending in 支出, then its figure.
fn listed_paths(text: &str) -> Vec<Found> {
    static LIST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"主要用于以下(?:几个)?方面[：:]([^。]+)").expect("valid"));
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&r"^\p{Han}{2,20}支出(?:NUM)(?:万元|元)".replace("NUM", NUM)).expect("valid")
    });
    let mut out = Vec::new();
    for list in LIST.captures_iter(text) {
        let list = list.get(1).expect("group");
        let mut at = list.start();
        for item in list.as_str().split('；') {
            if let Some(m) = ITEM.find(item) {
                let name_end = m
                    .as_str()
                    .find(|c: char| c.is_ascii_digit())
                    .expect("a figure");
                let name = &item[..name_end];
                out.push(Found {
                    path: vec![name.to_owned()],
                    style: PathStyle::Bare,
                    start: at,
                    end: at + name_end,
                    named: None,
                });
            }
            at += item.len() + '；'.len_utf8();
        }
    }
    out
}

/// Every `“A-B-C”科目` path.
fn dashed_paths(text: &str) -> Vec<Found> {
    static DASHED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"“([^“”。；，]+?-[^“”。；，]+?)”科目").expect("valid"));
    DASHED
        .captures_iter(text)
        .map(|c| {
            let whole = c.get(0).expect("match");
            Found {
                path: c[1].split('-').map(str::to_owned).collect(),
                style: PathStyle::Dashed,
                start: whole.start(),
                end: whole.end(),
                named: None,
            }
        })
        .collect()
}

const NUM: &str = r"(\d[\d,]*(?:\.\d+)?)";

struct Pattern {
    re: Regex,
    measure: Measure,
}

/// The claims a statement can make after its subject, each a pattern of the text.
fn patterns() -> &'static [Pattern] {
    static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
        let p = |re: &str, measure| Pattern {
            re: Regex::new(&re.replace("NUM", NUM)).expect("valid"),
            measure,
        };
        vec![
            p(
                r"(\d{4})年(?:当年)?预算执行数为NUM(万元|元)",
                Measure::PriorExecuted,
            ),
            p(r"(\d{4})年预算安排NUM(万元|元)", Measure::Planned),
            p(
                r"比(\d{4})年(?:当年)?预算执行数(增加|减少|增长|下降)NUM%",
                Measure::ChangeRate,
            ),
            p(r"()年初预算(?:数)?为NUM(万元|元)", Measure::InitialBudget),
            p(r"()全年预算(?:数)?为NUM(万元|元)", Measure::FullYearBudget),
            p(r"()(?:支出)?决算(?:数)?为NUM(万元|元)", Measure::Final),
            p(r"()完成(?:年初)?预算的NUM%", Measure::Completion),
            // `决算数比预算数减少17.54万元`, `较年初预算数减少0.04万元`: the 决算's distance
            // from the budget (a 决算's “三公” items print it).
            // The template's `增加(减少)0万元` left as printed is no difference.
            p(
                r"()(?:比|较)(?:年初|全年)?预算数?(增加|减少)(?:[（(](?:增加|减少)[）)])?了?NUM(万元|元)",
                Measure::BudgetDifference,
            ),
        ]
    });
    &PATTERNS
}

/// Reads the statements of running text, in order.
pub fn read(lines: &[TextLine]) -> Vec<Statement> {
    let joined = Joined::new(lines);
    let text = &joined.text;
    let mut found = marked_paths(text);
    found.extend(dashed_paths(text));
    found.extend(listed_paths(text));
    // A total named in words, where no path names the item; never reaching back into the
    // heading above it.
    let heading_ends: Vec<usize> = joined
        .starts
        .windows(2)
        .filter(|w| w[0].3 && !text[w[0].0..w[1].0].contains(['。', '，', '；', ',']))
        .map(|w| w[1].0)
        .collect();
    let named: Vec<Found> = named::named_totals(text, &heading_ends)
        .into_iter()
        .filter(|n| !found.iter().any(|f| n.start < f.end && f.start < n.end))
        .map(|n| Found {
            path: vec![text[n.start..n.end].to_owned()],
            style: PathStyle::Bare,
            start: n.start,
            end: n.end,
            named: Some((n.key, n.year)),
        })
        .collect();
    found.extend(named);
    found.sort_by_key(|f| f.start);
    // A line opening an item ends the statement before it.
    let breaks: Vec<usize> = joined.starts.iter().filter(|s| s.3).map(|s| s.0).collect();
    let mut out: Vec<(usize, Statement)> = Vec::new();
    let mut class_heading: Option<String> = None;
    // A named total whose parts are printed in brackets after its figure
    // (`公务用车购置及运行维护费2712万元（其中：购置费0万元，运行维护费2712万元），比预算数减少
    // 107万元`): its index in `out` while the bracket is open. What follows the bracket is the
    // total's again.
    let mut bracketed_by: Option<(usize, &'static str)> = None;
    for (i, f) in found.iter().enumerate() {
        let next = found.get(i + 1).map_or(text.len(), |n| n.start);
        let stop = breaks
            .iter()
            .copied()
            .find(|b| *b > f.end)
            .map_or(next, |b| b.min(next));
        let mut body = &text[f.end..stop.max(f.end)];
        if let Some((key, year)) = f.named {
            // A bracket opened after the named total before this one: this is its part.
            if bracketed_by.is_none() && i > 0 {
                let prev = &found[i - 1];
                let gap = &text[prev.end..f.start];
                let opened = gap.matches(['（', '(']).count() > gap.matches(['）', ')']).count();
                // The total must be the statement last read (it had claims of its own).
                let last = out.len().checked_sub(1).filter(|&j| out[j].0 == prev.start);
                if let (Some((prev_key, _)), true, Some(last)) = (prev.named, opened, last) {
                    bracketed_by = Some((last, prev_key));
                }
            }
            // A bracket left open past the total's sentence was no list of its parts.
            if bracketed_by.is_some_and(|(whole, _)| text[out[whole].0..f.start].contains('。')) {
                bracketed_by = None;
            }
            if let Some((whole, whole_key)) = bracketed_by {
                // The bracket closes in this part's text: the rest is the total's.
                let mut depth = 0i32;
                let close = body.char_indices().find(|(_, c)| {
                    match c {
                        '（' | '(' => depth += 1,
                        '）' | ')' => depth -= 1,
                        _ => {}
                    }
                    depth < 0
                });
                if let Some((close, c)) = close {
                    let after = close + c.len_utf8();
                    let rest = sentence_and_sequel(&body[after..], whole_key);
                    let more = claims(&joined, f.end + after, rest, Some(whole_key));
                    let st = &mut out[whole].1;
                    let has = |m: Measure| st.claims.iter().any(|c| c.measure == m);
                    let new: Vec<Claim> = more.into_iter().filter(|c| !has(c.measure)).collect();
                    st.claims.extend(new);
                    body = &body[..close];
                    bracketed_by = None;
                }
            }
            body = sentence_and_sequel(body, key);
            let mut claims = claims(&joined, f.end, body, Some(key));
            claims.extend(named_claims(&joined, f.end, body, key));
            for c in claims.iter_mut().filter(|c| c.measure == Measure::Amount) {
                c.year = year;
            }
            if claims.is_empty() {
                continue;
            }
            let subject = Subject::Named {
                key: key.to_owned(),
                name: f.path[0].clone(),
            };
            let mut st = statement(&joined, f, body, subject, claims);
            // `主要用于以下方面：` opens the list of 类, not a purpose.
            st.purpose = st.purpose.filter(|p| !p.starts_with("以下"));
            st.reason = st.reason.or_else(|| capture(&REASON_PLAIN, body));
            out.push((f.start, st));
            continue;
        }
        if f.style == PathStyle::Bare {
            // A listed 类 is its figure and share: the list goes on after `；`.
            body = body.split(['；', '。']).next().unwrap_or(body);
        }
        let mut path = f.path.clone();
        if path.first().is_some_and(String::is_empty) {
            let Some(class) = &class_heading else {
                continue;
            };
            path[0] = class.clone();
            if path.len() > 1 && path[1].is_empty() {
                continue;
            }
        }
        let claims = claims(&joined, f.end, body, None);
        if claims.is_empty() && f.style == PathStyle::Marked && path.len() == 1 {
            // `（一）公共安全（类）`: a heading the items below continue.
            class_heading = Some(path[0].clone());
            continue;
        }
        if claims.is_empty() {
            continue;
        }
        let subject = Subject::Item {
            path,
            style: f.style,
        };
        out.push((f.start, statement(&joined, f, body, subject, claims)));
    }
    give_the_change_to_the_whole(text, &breaks, &mut out);
    out.into_iter().map(|(_, s)| s).collect()
}

/// A statement read at `f`, its claims from `body`, with its purpose, reason and source.
fn statement(
    joined: &Joined,
    f: &Found,
    body: &str,
    subject: Subject,
    claims: Vec<Claim>,
) -> Statement {
    let (page, line) = joined.at(f.start);
    Statement {
        subject,
        claims,
        purpose: capture(&PURPOSE, body),
        reason: capture(&REASON, body).or_else(|| capture(&REASON_BARE, body)),
        source: Some(Source {
            page,
            line,
            quote: joined.text[f.start..f.end + body.len()].to_owned(),
        }),
    }
}

/// The sentence a named total's figure is printed in, and the next when that one goes on
/// about it (`与上年相比…`, `与2016年相比…`, `主要原因是…`). A sentence of counts alone may
/// stand between the figure and its change (`因公出国（境）费22.00万元。全年组织出国团组10个，
/// 16人次。与2016年相比，…减少28.23万元`).
/// A sequel that names another total before its first figure (`…因公出国(境)费0万元。较2014年
/// 度部门决算公开“三公”经费合计16.08万元增加15.15万元`) speaks of that one.
fn sentence_and_sequel<'b>(body: &'b str, key: &str) -> &'b str {
    static SEQUEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:与(?:上年|\d{4}年)度?相比|[比较](?:上年|\d{4}年)|同比|主要原因|原因是|决算数)",
        )
        .expect("valid")
    });
    static MONEY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d[\d,]*(?:\.\d+)?万?元").expect("valid"));
    static COUNTS_ALONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[^。%万元]*\d+(?:个|批次|人次|辆)[^。%万元]*。").expect("valid")
    });
    let mut end = 0;
    loop {
        let rest = &body[end..];
        let Some(stop) = rest.find('。') else {
            return body;
        };
        end += stop + '。'.len_utf8();
        if SEQUEL.is_match(&body[end..]) {
            let sentence = body[end..].split('。').next().unwrap_or_default();
            let other = MONEY
                .find(sentence)
                .and_then(|m| named::key_for(&sentence[..m.start()]))
                .is_some_and(|(k, _)| k != key);
            if other {
                return &body[..end];
            }
            continue;
        }
        match COUNTS_ALONE.find(&body[end..]) {
            Some(counts) if SEQUEL.is_match(&body[end + counts.end()..]) => end += counts.end(),
            _ => return &body[..end],
        }
    }
}

/// `收入总计X万元，其中：本年收入A万元，上年结转B万元，比上年减少C万元，…`: when only the
/// last part of a 其中 list has a change, the change (and its rate and reason) is the
/// whole's, printed after its parts.
fn give_the_change_to_the_whole(text: &str, breaks: &[usize], out: &mut [(usize, Statement)]) {
    let is_named = |s: &Statement| matches!(s.subject, Subject::Named { .. });
    let changes = |s: &Statement| {
        s.claims
            .iter()
            .any(|c| matches!(c.measure, Measure::Change | Measure::ChangeRate))
    };
    let mut i = 0;
    while i < out.len() {
        // The statements of one sentence after the whole `i`.
        let start = out[i].0;
        let sentence_end = text[start..]
            .find(['。', '；'])
            .map_or(text.len(), |e| start + e)
            .min(
                breaks
                    .iter()
                    .copied()
                    .find(|b| *b > start)
                    .unwrap_or(text.len()),
            );
        let parts = (i + 1..out.len())
            .take_while(|&j| out[j].0 < sentence_end && is_named(&out[j].1))
            .count();
        let whole_then_list = is_named(&out[i].1)
            && parts >= 2
            && text[out[i].0..out[i + 1].0].contains("其中")
            && !changes(&out[i].1);
        if whole_then_list {
            let last = i + parts;
            let only_last = (i + 1..last).all(|j| !changes(&out[j].1)) && changes(&out[last].1);
            if only_last {
                let (moved, kept): (Vec<Claim>, Vec<Claim>) =
                    std::mem::take(&mut out[last].1.claims)
                        .into_iter()
                        .partition(|c| matches!(c.measure, Measure::Change | Measure::ChangeRate));
                out[last].1.claims = kept;
                out[i].1.claims.extend(moved);
                if out[i].1.reason.is_none() {
                    out[i].1.reason = out[last].1.reason.take();
                }
            }
        }
        i += parts.max(1);
    }
}

/// Claims only a named total makes: a change word without figures (`与上年预算持平`), a
/// rate without its amount (`比上年增长5.2%`), and the counts of “三公” spending.
fn named_claims(joined: &Joined, offset: usize, body: &str, key: &str) -> Vec<Claim> {
    static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"与(?:上年|\d{4}年)度?(?:支出|预算|决算)*数?(?:相比)?(?:基本)?(?:持平|相同|一致)",
        )
        .expect("valid")
    });
    static RATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"^(?:{LEAD})(增长|下降|增加|减少)了?{NUM}%")).expect("valid")
    });
    static COUNT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[^\d.,])(\d+)(个|批次|人次|辆)").expect("valid"));
    let at = |pos: usize| joined.at(offset + pos);
    let claim = |pos: usize, measure, value| {
        let (page, line) = at(pos);
        Claim {
            measure,
            value,
            year: None,
            page,
            line,
        }
    };
    let mut out = Vec::new();
    // Only the first sentence speaks of the change.
    let first = &body[..body.find('。').map_or(body.len(), |e| e + '。'.len_utf8())];
    let has_change = CHANGE.is_match(body);
    if !has_change {
        if let Some(m) = LEVEL.find(first) {
            let mut level = claim(
                m.start(),
                Measure::Change,
                ClaimValue::Delta {
                    money: Printed {
                        hundredths: 0,
                        unit: MoneyUnit::WanYuan,
                        decimals: 2,
                    },
                    way: Way::Level,
                },
            );
            level.year = year_in(m.as_str());
            out.push(level);
        } else if let Some((pos, c)) = first
            .match_indices(['比', '较', '与', '同'])
            .find_map(|(p, _)| RATE.captures(&first[p..]).map(|c| (p, c)))
        {
            let n = c.get(2).expect("a figure");
            if let Some(v) = percent(n.as_str(), Some(way(&c[1]))) {
                out.push(claim(pos + n.start(), Measure::ChangeRate, v));
            }
        }
    }
    if key.starts_with("three_public.") {
        for c in COUNT.captures_iter(first) {
            let n = c.get(1).expect("a count");
            let unit = match &c[2] {
                "批次" => CountUnit::Batches,
                "人次" => CountUnit::PersonTimes,
                "辆" => CountUnit::Vehicles,
                _ => CountUnit::Pieces,
            };
            if let Ok(v) = n.as_str().parse() {
                out.push(claim(
                    n.start(),
                    Measure::Count,
                    ClaimValue::Count { n: v, unit },
                ));
            }
        }
    }
    out
}

/// A year printed in a comparison (`比2023年度`, `与2023年度持平`).
fn year_in(text: &str) -> Option<u16> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})年").expect("valid"));
    YEAR.captures(text).and_then(|c| c[1].parse().ok())
}

/// The words a change against last year opens with.
const LEAD: &str = r"与(?:上年|\d{4}年)度?(?:支出|预算|决算)*数?相比[，,]?|[比较]上年度?(?:支出|预算|决算)*数?|[比较]\d{4}年度?(?:支出|预算|决算)*数?|同比";

/// The change against last year, its subject possibly named again after the comparison
/// (`与2016年相比，公务用车购置费减少79.4万元`: group 1, which must name the statement's own
/// subject), and what changed possibly named after the word (`比上年减少支出613.80万元`).
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{LEAD})\s*([\u{{4e00}}-\u{{9fff}}（）()“”]{{2,16}}?)?(增加|减少|增长|下降)了?(?:支出)?{NUM}(万元|元)(?:[，,]?(增长|下降|增加|减少)了?{NUM}%|[（(]{NUM}%[）)])?"
    ))
    .expect("valid")
});

static PURPOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"主要用于[：:]?([^。；]+)").expect("valid"));
static REASON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"主要原因(?:是)?[：:]([^。]*)").expect("valid"));
static REASON_BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"主要原因是([^。]+)").expect("valid"));
static REASON_PLAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"原因(?:是|为|[：:])[：:]?([^。]+)").expect("valid"));

fn capture(re: &Regex, body: &str) -> Option<String> {
    re.captures(body)
        .map(|c| c[1].trim_end_matches(['，', ',', '；', ';']).to_owned())
        .filter(|s| !s.is_empty())
}

fn way(word: &str) -> Way {
    match word {
        "增加" | "增长" | "大于" | "高于" => Way::Up,
        "减少" | "下降" | "小于" | "低于" => Way::Down,
        _ => Way::Level,
    }
}

fn printed(num: &str, unit: &str) -> Option<Printed> {
    Printed::parse_text(num, MoneyUnit::from_label(unit)?).ok()
}

fn percent(num: &str, way: Option<Way>) -> Option<ClaimValue> {
    let p = Printed::parse(num, MoneyUnit::Yuan).ok()?;
    Some(ClaimValue::Rate {
        hundredths: p.hundredths,
        decimals: p.decimals,
        way,
    })
}

/// The claims of a statement's body, in the order printed. `offset` is where the body
/// starts in the joined text, for the line of each claim.
fn claims(joined: &Joined, offset: usize, body: &str, key: Option<&str>) -> Vec<Claim> {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&r"^(?:科目|支出)?(?:为|是)?[：:]?NUM(万元|元)".replace("NUM", NUM))
            .expect("valid")
    });
    static SHARE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&r"^，?占NUM%".replace("NUM", NUM)).expect("valid"));
    static VERDICT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"决算数(大于|小于|等于)预算数|决算数与预算数(?:基本)?持平").expect("valid")
    });
    let mut out: Vec<(usize, Claim)> = Vec::new();
    let claim = |at: usize, measure, value, year: Option<u16>| {
        let (page, line) = joined.at(offset + at);
        (
            at,
            Claim {
                measure,
                value,
                year,
                page,
                line,
            },
        )
    };
    let head = HEAD.captures(body);
    // A named total printed again with its change alone (`公务用车购置及运行维护费较上年减少
    // 2.90万元`): the change opens the body.
    let change_alone =
        head.is_none() && key.is_some() && CHANGE.find(body).is_some_and(|c| c.start() == 0);
    if head.is_some() || change_alone {
        let mut pos = 0;
        if let Some(c) = head {
            if let Some(m) = printed(&c[1], &c[2]) {
                out.push(claim(0, Measure::Amount, ClaimValue::Money(m), None));
            }
            pos = c.get(0).expect("match").end();
            if let Some(s) = SHARE.captures(&body[pos..]) {
                if let Some(v) = percent(&s[1], None) {
                    out.push(claim(pos, Measure::Share, v, None));
                }
                pos += s.get(0).expect("match").end();
            }
        }
        // The change against last year may follow the purpose (Jiangsu prints it so).
        // A subject named again after the comparison must be this statement's own.
        let own_again = |c: &regex::Captures| {
            c.get(1).is_none_or(|again| {
                key.is_some_and(|k| named::key_for(again.as_str()).is_some_and(|(a, _)| a == k))
            })
        };
        if let Some(c) = CHANGE.captures(&body[pos..]).filter(own_again) {
            let base = pos;
            let pos = base + c.get(3).expect("a figure").start();
            // The year compared with, when printed (`比2023年度减少…`).
            let lead =
                &c[0][..c.get(2).expect("a word").start() - c.get(0).expect("match").start()];
            if let Some(m) = printed(&c[3], &c[4]) {
                out.push(claim(
                    pos,
                    Measure::Change,
                    ClaimValue::Delta {
                        money: m,
                        way: way(&c[2]),
                    },
                    year_in(lead),
                ));
            }
            if let (Some(w), Some(n)) = (c.get(5), c.get(6)) {
                if let Some(v) = percent(n.as_str(), Some(way(w.as_str()))) {
                    out.push(claim(base + n.start(), Measure::ChangeRate, v, None));
                }
            } else if let Some(n) = c.get(7) {
                // `减少1.5万元（42.86%）`: the rate in brackets is the change's.
                if let Some(v) = percent(n.as_str(), Some(way(&c[2]))) {
                    out.push(claim(base + n.start(), Measure::ChangeRate, v, None));
                }
            }
        }
    }
    for p in patterns() {
        for c in p.re.captures_iter(body) {
            // A claim is where its figure is printed (a sentence may break before it).
            let figure = if matches!(p.measure, Measure::ChangeRate | Measure::BudgetDifference) {
                3
            } else {
                2
            };
            let at = c.get(figure).expect("a figure").start();
            let year = c.get(1).and_then(|y| y.as_str().parse().ok());
            let value = match p.measure {
                Measure::ChangeRate => percent(&c[3], Some(way(&c[2]))),
                Measure::Completion => percent(&c[2], None),
                Measure::BudgetDifference => printed(&c[3], &c[4]).map(|money| ClaimValue::Delta {
                    money,
                    way: way(&c[2]),
                }),
                _ => printed(&c[2], &c[3]).map(ClaimValue::Money),
            };
            if let Some(v) = value {
                out.push(claim(at, p.measure, v, year));
            }
        }
    }
    if let Some(m) = VERDICT.find(body) {
        let w = VERDICT
            .captures(body)
            .and_then(|c| c.get(1).map(|g| way(g.as_str())))
            .unwrap_or(Way::Level);
        out.push(claim(
            m.start(),
            Measure::FinalAgainstBudget,
            ClaimValue::Word(w),
            None,
        ));
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, c)| c).collect()
}
