use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Severity};

use crate::util::{around, starts_in, text_windows, Cx, Joined};
use crate::Rule;

/// R-PUNCT: doubled punctuation in the explanation, and a 。 that cuts a clause from its
/// subject.
pub struct Punctuation;

const DOUBLED: &[&str] = &[
    "，，", "。。", "、、", "；；", "：：", "，。", "。，", "，；", "；，", "，.", "。.", ".，",
];

impl Rule for Punctuation {
    fn id(&self) -> &'static str {
        "R-PUNCT"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "说明中有重复、连用或断句错误的标点"
    }
    fn doc(&self) -> &'static str {
        "Doubled or clashing punctuation (，，  。。  、、  ，。  ，.) anywhere in the running text, \
found on the line it starts on; and a 。 before a clause that has no subject of its own \
(`公务接待费0.00万元。与2023年预算持平`, `总收入3647.88万元。比上年增长12.16%`: what is 持平 or grew \
is the figure before the 。); and a \
sentence whose “ and ” do not pair (`三公”经费`; a quote opened in the text's last words without \
their 。 may close past a cut, and is not judged); and a closing bracket no opening one within \
about two hundred characters before it pairs (`…综合管理服务)。`, `。)公务用车购置及运行维护费` where \
`（二` was lost; an item number closed alone, `1)` or `一)`, is a style); and a rate run on from its amount with no \
comma (`增加116.29万元增长2.01%`); and two clauses run together with no mark between — two \
amounts (`决算数688.84万元131.49万元`), a share, a rate or a 持平 and the next item's figure \
(`占99.74%基金补助收入15.52万元`, `与上年持平公务接待费0万元`), a numbered heading and its \
first sentence (`1.总体情况2021年度收入总计…`), a rate and its reason (`下降8.7%主要原因是`); a \
document number whose year lost its closing bracket (`〔20218号`) or its opening one (`藏机编发2025〕4号`); a bracketed number with a 、 \
after it (`（一）、`, said once for the report, with how many times); a pair of marks with \
nothing between (`转发<>关于`, `《》`); a document number's year in angle brackets (`<2016>114号`); a half-width full stop ending a \
sentence after a figure (`占本年度收入0.24%.`); a 、 before 等 (`口腔科、等`); an amount run into the next item of a list of \
income (`746.50万元上年结转8.01`); a list whose numbering mark changes midway (`2.` then `3、`); a section heading numbered as the one before it (`二、部门决算情况说明` … `二、部门决算情况`; 一、 again \
opens a new part); a section's last paragraph closed by a ；(`…项目支出0万元；` before \
`四、政府采购情况`, when `三、…` heads the section: a list numbered 一、二、 is no section, and a \
list's item may end in ；). A warning of form: it changes no figure, but it is usually \
where text was cut from another report or an edit was left half done."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static CUT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"[0-9]万?元。(与[^。，；,;]{1,16}(?:持平|相同|一致)|(?:比|较)上年度?(?:增长|下降|增加|减少)[0-9.]+(?:[%％]|万元|元))",
            )
            .expect("valid")
        });
        // A quotation mark without its pair, within one sentence (`三公”经费`).
        let joined = Joined::of(cx);
        let mut start = 0;
        for sentence in joined.text.split_inclusive('。') {
            let opens = sentence.matches('“').count();
            let closes = sentence.matches('”').count();
            // The text's last words without their 。 may be cut short (an excerpt, a page
            // that runs on): a quote they open may close past the cut (probe 24's 06).
            let cut = start + sentence.len() == joined.text.len() && !sentence.ends_with('。');
            if opens != closes && !(cut && opens > closes) {
                let at = sentence
                    .find(if opens < closes { '”' } else { '“' })
                    .map_or(start, |i| start + i);
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "引号不成对（“ {opens} 个，” {closes} 个）：{}",
                            around(&joined.text, at, '”'.len_utf8())
                        ),
                        joined.at(at),
                    )
                    .with_hint("补全引号"),
                );
            }
            start += sentence.len();
        }
        for at in stray_closes(&joined.text) {
            let len = joined.text[at..].chars().next().map_or(1, char::len_utf8);
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "右括号前没有对应的左括号：{}",
                        around(&joined.text, at, len)
                    ),
                    joined.at(at),
                )
                .with_hint("补上左括号或删去多余的右括号"),
            );
        }
        self.semicolon_before_section(cx, out);
        // `（一）、`: a habit of the whole list, said once, where it first shows.
        let mut numbered: Option<(String, yusuan_model::Location)> = None;
        let mut times = 0;
        for (window, own, location) in text_windows(cx) {
            for m in NUMBER_COMMA.find_iter(&window).filter(|m| m.start() < own) {
                times += 1;
                numbered.get_or_insert((around(&window, m.start(), m.len()), location.clone()));
            }
        }
        if let Some((quote, location)) = numbered {
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!("括号序号后多了顿号（共{times}处）：{quote}"),
                    location,
                )
                .with_hint("写作“（一）”，后面不加顿号"),
            );
        }
        for (window, own, location) in text_windows(cx) {
            for c in CUT.captures_iter(&window) {
                let clause = c.get(1).expect("group");
                if clause.start() - '。'.len_utf8() >= own {
                    continue;
                }
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "句号把「{}」与它所说的金额断开：{}",
                            clause.as_str(),
                            around(&window, clause.start() - '。'.len_utf8(), clause.len() + 3)
                        ),
                        location.clone(),
                    )
                    .with_hint("句号改为逗号"),
                );
            }
            // Every run-on the line starts: each is a mark (and often a word) left out.
            for run in RUN_ONS {
                for m in run
                    .pattern
                    .find_iter(&window)
                    .filter(|m| m.start() < own && (run.holds)(&window, own, *m))
                {
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!("{}：{}", run.said, around(&window, m.start(), m.len())),
                            location.clone(),
                        )
                        .with_hint(run.hint),
                    );
                }
            }
            if let Some((p, at)) = starts_in(&window, own, DOUBLED) {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!("标点「{p}」连用：{}", around(&window, at, p.len())),
                        location,
                    )
                    .with_hint("删去多余的标点"),
                );
            }
        }
    }
}

impl Punctuation {
    /// `渠县中学(本级)项目支出0万元；` right before `四、政府采购情况`: a section's last
    /// paragraph closed by a ；(probe 14, 08). The sections are the headings `三、…` and
    /// `四、…` (short, no stops inside), so a list numbered 一、二、 whose items end in ；
    /// (`一、负责…；二、…`) is no section.
    fn semicolon_before_section(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static HEADING: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^([一二三四五六七八九十]{1,3})、").expect("valid"));
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let lines: Vec<String> = cx.report.text.iter().map(|l| squeeze(&l.text)).collect();
        let number = |l: &str| {
            HEADING
                .captures(l)
                .and_then(|c| crate::util::chinese_number(&c[1]))
        };
        let is_heading = |l: &str| {
            number(l).is_some()
                && l.chars().count() <= 20
                && !l.contains(['。', '，', '；', ',', ';'])
        };
        // A list's items may each end in ；, the last one too (`10.党建办公室;`): a style.
        static ITEM: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?:[0-9]{1,2}[.．、]|[（(][0-9一二三四五六七八九十]{1,3}[)）])")
                .expect("valid")
        });
        // A heading numbered as the heading before it (`二、部门决算情况说明` … `二、部门决算
        // 情况`, probe 15's 01; probe 13's 11), but for 一、, which opens each part's list.
        let mut last_heading: Option<(u32, &str)> = None;
        for (i, line) in lines.iter().enumerate() {
            let Some(n) = number(line).filter(|_| is_heading(line)) else {
                continue;
            };
            // 一、 again opens a new part's numbering; 二、 again is a slip.
            if let Some((m, before)) = last_heading.filter(|(m, _)| *m == n && n > 1) {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!("章节序号重复：「{before}」之后又是「{line}」"),
                        cx.at_line(&cx.report.text[i]),
                    )
                    .with_hint(format!("核对序号，{m}之后应为{}", m + 1)),
                );
            }
            last_heading = Some((n, line));
        }
        // `2. 执行本行政区域内…` then `3、保护集体财产…`: a list that changes its numbering
        // mark midway (probe 16's 04, probe 4's 13).
        static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^([0-9]{1,2})([.．、])[\u{4e00}-\u{9fff}]").expect("valid")
        });
        let mut last_item: Option<(u32, char)> = None;
        for (i, line) in lines.iter().enumerate() {
            let Some(c) = ARABIC.captures(line) else {
                continue;
            };
            let (Ok(n), Some(mark)) = (c[1].parse::<u32>(), c[2].chars().next()) else {
                continue;
            };
            let mark = if mark == '．' { '.' } else { mark };
            if let Some((m, before)) = last_item.filter(|(m, b)| n == m + 1 && *b != mark) {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!("序号格式前后不一致：「{m}{before}」之后是「{n}{mark}」"),
                        cx.at_line(&cx.report.text[i]),
                    )
                    .with_hint("同一列表的序号用同一种格式"),
                );
            }
            last_item = Some((n, mark));
        }
        for (i, line) in lines.iter().enumerate() {
            if !line.ends_with(['；', ';']) || number(line).is_some() || ITEM.is_match(line) {
                continue;
            }
            let Some(next) = lines.get(i + 1).filter(|l| is_heading(l)) else {
                continue;
            };
            let section = lines[..i].iter().rev().find(|l| number(l).is_some());
            let follows = section
                .filter(|l| is_heading(l))
                .and_then(|l| number(l))
                .is_some_and(|n| Some(n + 1) == number(next));
            if !follows {
                continue;
            }
            let last = line.chars().next_back().map_or(0, char::len_utf8);
            let at = line.len() - last;
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "段落以分号结束，其后已是下一节「{next}」：{}",
                        around(line, at, last)
                    ),
                    cx.at_line(&cx.report.text[i]),
                )
                .with_hint("段末用句号"),
            );
        }
    }
}

/// Closing brackets no opening bracket pairs (`图3:支出决算结构图)(饼状图)`, `…综合管理服务)。`,
/// `。)公务用车购置及运行维护费` where `（二` was lost: probe 19's 01, probe 4's 16, probe 9's 15).
/// An opening bracket pairs a closing one up to about two hundred characters on, across
/// sentences (`（注：…经济分类科目。）`, a list with a 。 inside it); one left open longer is
/// not judged (a page or a list that runs on may close it). An item's number closed alone
/// (`1)`, `一)`) is a numbering style, not a lost bracket.
fn stray_closes(text: &str) -> Vec<usize> {
    const REACH: usize = 600;
    let numeral = |c: char| c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c);
    let mut open: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' => open.push(i),
            '）' | ')' => {
                open.retain(|o| i - o <= REACH);
                if open.pop().is_some() {
                    continue;
                }
                let before: Vec<char> = text[..i].chars().rev().take(3).collect();
                let digits = before.iter().take_while(|c| numeral(**c)).count();
                let number = (1..=2).contains(&digits)
                    && before
                        .get(digits)
                        .is_none_or(|c| !c.is_ascii_digit() && *c != '.');
                if !number {
                    out.push(i);
                }
            }
            _ => {}
        }
    }
    out
}

/// `增加116.29万元增长2.01%`: the rate runs on from the amount without its comma.
static RATE_RUN_ON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]万?元(增长|下降)[0-9.]+[%％]").expect("valid"));
/// A clause run on into the next with no mark between: two amounts
/// (`决算数688.84万元131.49万元`, a word is missing too), a rate or a 持平 and the next
/// item's figure (`占99.74%基金补助收入15.52万元`, `与上年持平公务接待费0万元`).
static RUN_INTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[0-9]万?元[0-9][0-9,.]*万?元|[0-9][%％][\u{4e00}-\u{9fff}]{2,16}[0-9][0-9,.]*万?元|持平[\u{4e00}-\u{9fff}&&[^的]][\u{4e00}-\u{9fff}]{1,11}[0-9][0-9,.]*万?元",
    )
    .expect("valid")
});
/// A numbered heading run into its first sentence on one line (`1.总体情况2021年度收入总计…`);
/// a heading on a line of its own is not (probe 18's 01).
static HEADING_RUN_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9][.．、][\u{4e00}-\u{9fff}]{2,8}情况20[0-9]{2}年").expect("valid")
});
/// `…746.50万元上年结转8.01。`: an amount run into the next item of a list of income (probe
/// 11, 06).
static ITEM_RUN_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]万?元[\u{4e00}-\u{9fff}]{0,8}(?:收入|结转|结余|拨款)[0-9]").expect("valid")
});
/// `藏机编发2025〕4号`: a document number's year with its opening bracket lost (probe 12, 07).
static CLOSE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^〔\[【［（(0-9])20[0-9]{2}[〕\]】］][0-9]{1,4}号").expect("valid")
});
/// `开州发改价〔20218号`: a document number's year with its closing bracket lost (probe 8,
/// 18; probe 5, 01 `渝北委【2001221号`).
static OPEN_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[〔【\[［](20[0-9]{2})([0-9]{1,4})号").expect("valid"));

/// `下降8.7%主要原因是`, `增长329.31%增长的主要原因`: a rate run into the sentence of its
/// reason (probe 8, 14; probe 9, 08).
static REASON_RUN_ON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9][%％](?:增长|下降|增加|减少)?的?主要原因").expect("valid"));
/// `(一)、`: a bracketed number wants no 、 after it (probe 9, 06 and 13).
static NUMBER_COMMA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(][一二三四五六七八九十]{1,3}[)）]、").expect("valid"));

/// `转发<>关于…`, `《》`: a pair of marks with nothing between (probe 9, 11).
static EMPTY_PAIR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<>|《》|“”").expect("valid"));
/// `琼财预<2016>114号`: a document number's year in angle brackets (probe 9, 09).
static ANGLED_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[<＜](20[0-9]{2})[>＞][0-9]{1,4}号").expect("valid"));

/// `占比0.24%.`: a half-width full stop ends a Chinese sentence after a figure (probe 10, 08).
static HALF_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9](?:[%％]|万?元)\.(?:$|[\u{4e00}-\u{9fff}“（(])").expect("valid")
});

/// `口腔科、等临床科室`: a 、 before 等 (probe 13, 12).
static COMMA_DENG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\u{4e00}-\u{9fff}]、等[\u{4e00}-\u{9fff}]").expect("valid"));

/// Marks left out between two things printed as one run.
struct RunOn {
    pattern: &'static LazyLock<Regex>,
    said: &'static str,
    hint: &'static str,
    /// Whether a match found in `window` (its line's own bytes up to `own`) is one.
    holds: fn(window: &str, own: usize, m: regex::Match) -> bool,
}

/// Anywhere the line starts it.
fn anywhere(_: &str, _: usize, _: regex::Match) -> bool {
    true
}

/// On the line alone: a line break is a mark.
fn on_the_line(_: &str, own: usize, m: regex::Match) -> bool {
    m.end() <= own
}

/// `较2017年部门预算收入总数8014212.00元增长1.13%`: the amount a comparison names is its
/// object, and its rate follows without a comma (probe 18's 03); `较上年增加116.29万元增长
/// 2.01%` is a change run into its rate.
fn not_compared(window: &str, _: usize, m: regex::Match) -> bool {
    let clause = window[..m.start()]
        .rfind(['，', ',', '；', ';', '。'])
        .map_or(&window[..m.start()], |at| &window[at..m.start()]);
    match clause.rfind(['较', '比']) {
        Some(at) => clause[at..].contains(['增', '减', '降', '升']),
        None => true,
    }
}

static RUN_ONS: &[RunOn] = &[
    RunOn {
        pattern: &RATE_RUN_ON,
        said: "金额与增减率之间缺少逗号",
        hint: "在“元”后加逗号",
        holds: not_compared,
    },
    RunOn {
        pattern: &RUN_INTO,
        said: "两个分句之间缺少标点",
        hint: "在分句之间加逗号、分号或句号，并补全缺漏的文字",
        holds: anywhere,
    },
    RunOn {
        pattern: &HEADING_RUN_ON,
        said: "两个分句之间缺少标点",
        hint: "在分句之间加逗号、分号或句号，并补全缺漏的文字",
        holds: on_the_line,
    },
    RunOn {
        pattern: &OPEN_NUMBER,
        said: "文号的年份后缺少“〕”",
        hint: "写作“〔2021〕8号”",
        holds: anywhere,
    },
    RunOn {
        pattern: &CLOSE_NUMBER,
        said: "文号的年份前缺少“〔”",
        hint: "写作“〔2025〕4号”",
        holds: anywhere,
    },
    RunOn {
        pattern: &REASON_RUN_ON,
        said: "比率与其原因之间缺少逗号",
        hint: "在“%”后加逗号",
        holds: anywhere,
    },
    RunOn {
        pattern: &EMPTY_PAIR,
        said: "括号或引号中间是空的",
        hint: "补上漏掉的名称，或删去这对符号",
        holds: anywhere,
    },
    RunOn {
        pattern: &ANGLED_YEAR,
        said: "文号的年份应当用六角括号",
        hint: "写作“〔2016〕114号”",
        holds: anywhere,
    },
    RunOn {
        pattern: &HALF_STOP,
        said: "句末用了半角句号“.”",
        hint: "改为“。”",
        holds: anywhere,
    },
    RunOn {
        pattern: &COMMA_DENG,
        said: "“等”前多了顿号",
        hint: "删去“等”前的顿号",
        holds: anywhere,
    },
    RunOn {
        pattern: &ITEM_RUN_ON,
        said: "金额与下一项之间缺少标点",
        hint: "在“元”后加逗号或顿号",
        holds: anywhere,
    },
];
