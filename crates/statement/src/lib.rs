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
    with_separators, Claim, ClaimValue, Measure, MoneyUnit, PathStyle, Printed, Source, Statement,
    Subject, TextLine, Way,
};

/// The levels of a path, by position.
const MARKERS: [&str; 3] = ["（类）", "（款）", "（项）"];

// ---------------------------------------------------------------------------------------
// Writing

/// The sentence(s) of one statement, as the reports print them.
pub fn render(s: &Statement) -> String {
    let Subject::Item { path, style } = &s.subject;
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
    let group = |measures: &[Measure]| -> Vec<String> {
        s.claims
            .iter()
            .filter(|c| measures.contains(&c.measure) && !in_head(c))
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
    match (verdict, &s.reason) {
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

/// The list of what a budget is spent on, each 类 named alone with its amount and share
/// (`教育支出0.45万元，占0.04%；社会保障和就业支出1,040.20万元，占95.62%。`).
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
    found.sort_by_key(|f| f.start);
    // A line opening an item ends the statement before it.
    let breaks: Vec<usize> = joined.starts.iter().filter(|s| s.3).map(|s| s.0).collect();
    let mut out = Vec::new();
    let mut class_heading: Option<String> = None;
    for (i, f) in found.iter().enumerate() {
        let next = found.get(i + 1).map_or(text.len(), |n| n.start);
        let stop = breaks
            .iter()
            .copied()
            .find(|b| *b > f.end)
            .map_or(next, |b| b.min(next));
        let mut body = &text[f.end..stop.max(f.end)];
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
        let claims = claims(&joined, f.end, body);
        if claims.is_empty() && f.style == PathStyle::Marked && path.len() == 1 {
            // `（一）公共安全（类）`: a heading the items below continue.
            class_heading = Some(path[0].clone());
            continue;
        }
        if claims.is_empty() {
            continue;
        }
        let (page, line) = joined.at(f.start);
        out.push(Statement {
            subject: Subject::Item {
                path,
                style: f.style,
            },
            claims,
            purpose: capture(&PURPOSE, body),
            reason: capture(&REASON, body).or_else(|| capture(&REASON_BARE, body)),
            source: Some(Source {
                page,
                line,
                quote: text[f.start..f.end + body.len()].to_owned(),
            }),
        });
    }
    out
}

static PURPOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"主要用于[：:]?([^。；]+)").expect("valid"));
static REASON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"主要原因(?:是)?[：:]([^。]*)").expect("valid"));
static REASON_BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"主要原因是([^。]+)").expect("valid"));

fn capture(re: &Regex, body: &str) -> Option<String> {
    re.captures(body)
        .map(|c| c[1].trim_end_matches(['，', ',']).to_owned())
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
    let unit = if unit == "元" {
        MoneyUnit::Yuan
    } else {
        MoneyUnit::WanYuan
    };
    Printed::parse(num, unit).ok()
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
fn claims(joined: &Joined, offset: usize, body: &str) -> Vec<Claim> {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&r"^(?:科目|支出)?[：:]?NUM(万元|元)".replace("NUM", NUM)).expect("valid")
    });
    static SHARE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&r"^，?占NUM%".replace("NUM", NUM)).expect("valid"));
    static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            &r"(?:与上年相比|比上年|较上年)(增加|减少)NUM(万元|元)(?:，(增长|下降|增加|减少)NUM%)?"
                .replace("NUM", NUM),
        )
        .expect("valid")
    });
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
    if let Some(c) = HEAD.captures(body) {
        if let Some(m) = printed(&c[1], &c[2]) {
            out.push(claim(0, Measure::Amount, ClaimValue::Money(m), None));
        }
        let mut pos = c.get(0).expect("match").end();
        if let Some(s) = SHARE.captures(&body[pos..]) {
            if let Some(v) = percent(&s[1], None) {
                out.push(claim(pos, Measure::Share, v, None));
            }
            pos += s.get(0).expect("match").end();
        }
        // The change against last year may follow the purpose (Jiangsu prints it so).
        if let Some(c) = CHANGE.captures(&body[pos..]) {
            let base = pos;
            let pos = base + c.get(2).expect("a figure").start();
            if let Some(m) = printed(&c[2], &c[3]) {
                out.push(claim(
                    pos,
                    Measure::Change,
                    ClaimValue::Delta {
                        money: m,
                        way: way(&c[1]),
                    },
                    None,
                ));
            }
            if let (Some(w), Some(n)) = (c.get(4), c.get(5)) {
                if let Some(v) = percent(n.as_str(), Some(way(w.as_str()))) {
                    out.push(claim(base + n.start(), Measure::ChangeRate, v, None));
                }
            }
        }
    }
    for p in patterns() {
        for c in p.re.captures_iter(body) {
            // A claim is where its figure is printed (a sentence may break before it).
            let figure = if p.measure == Measure::ChangeRate {
                3
            } else {
                2
            };
            let at = c.get(figure).expect("a figure").start();
            let year = c.get(1).and_then(|y| y.as_str().parse().ok());
            let value = match p.measure {
                Measure::ChangeRate => percent(&c[3], Some(way(&c[2]))),
                Measure::Completion => percent(&c[2], None),
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
