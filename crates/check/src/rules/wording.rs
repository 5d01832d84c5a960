use regex::{Captures, Regex};
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Location, Printed, Severity};

use crate::util::{around, fen, slack, text_windows, Cx};
use crate::Rule;

/// R-WORDING: words a reviewer corrects on sight — a short, sourced list of typos seen in
/// published reports, an amount whose unit is cut short, a rate without its %, a year
/// without its 年.
pub struct Wording;

/// Typos seen in published reports, with the word meant. Each is wrong wherever it stands.
const TYPOS: &[(&str, &str)] = &[
    // probe 21: 05, a village school's 2019 决算 (每个教师都热忠于教育事业); 07, a school's 2020
    // 决算 (；一政府性基金预算财政拨款3.95万元: a stray 一 from 一般公共预算 above it)
    ("热忠于", "热衷于"),
    // probe 22: 03, a middle school's 2018 budget (增加2496227元,主要有因是…人员增资增加)
    ("主要有因是", "主要原因是"),
    // Labelled in probes 15 (12: 四、名称解释), 18 (07: 2.部门概括), 20 (08: 职成评定), 23 (10:
    // 其他商业和服务支出, the economic class 商品和服务支出) and 24 (06: 转项转移支付).
    ("名称解释", "名词解释"),
    ("部门概括", "部门概况"),
    ("职成评定", "职称评定"),
    ("商业和服务支出", "商品和服务支出"),
    ("转项转移支付", "专项转移支付"),
    ("一政府性基金", "政府性基金"),
    // probe 18: 04, a town's 2016 决算 (主要原是：1.人员工资调资增加)
    ("主要原是", "主要原因是"),
    // probe 18: 01, a culture centre's 2017 决算 (在职职工40人，与比上年减少4人): 与…相比 and
    // 比上年 run together
    ("与比上年", "比上年"),
    // 长治市残联 2024, 绩效目标表 (lines 1344, 1346 of the seed)
    ("选拨", "选拔"),
    // issue 13's reviewers, in a 部门决算
    ("上一度", "上年度"),
    // probe 5 (golden/external/2026-12-07-probe-5.md): 02, a county 部门决算
    ("较底", "较低"),
    // probe 5: 07, a 部门决算's 三公 explanation (決算數大小于預算數)
    ("大小于", "大于或小于"),
    // probe 5: 15 and 16, two 部门预算 (上年预算数年相比)
    ("预算数年相比", "预算数相比"),
    ("决算数年相比", "决算数相比"),
    // probe 8: 08, a district procuratorate's 2019 决算 (离退休健康修养费)
    ("修养费", "休养费"),
    // probe 10: 02, a county funeral home's 2020 决算 (较上年比较收、支总计增加)
    ("较上年比较", "较上年"),
    // probe 13: 03 (因公出(境)国), 02 (遗嘱补助), 07 (次表中支出情况), 10 (结转结和结余),
    // 09 (主要原因是主要是由于)
    ("因公出(境)国", "因公出国(境)"),
    ("因公出（境）国", "因公出国（境）"),
    ("遗嘱补助", "遗属补助"),
    ("次表中", "此表中"),
    ("结转结和结余", "结转和结余"),
    ("主要原因是主要是", "主要原因是"),
    // probe 15: 12, a middle school's 2018 决算 (增长原因主要是主要是人员经费调整; 第四部分 名称解释)
    ("主要是主要是", "主要是"),
    ("名称解释", "名词解释"),
    // probe 15: 12's 目录 (“三公”经费支出情况决算情况说明)
    ("支出情况决算情况说明", "支出决算情况说明"),
];

impl Rule for Wording {
    fn id(&self) -> &'static str {
        "R-WORDING"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "错别字、金额缺“元”、比率缺“%”、年份缺“年”、“与…”缺“相比”"
    }
    fn doc(&self) -> &'static str {
        "In the running text: a typo from a short list of ones seen in published reports (选拨 for \
选拔, 上一度 for 上年度, 修养费 for 休养费, 较上年比较 for 较上年); a count of people with no 人 (`实有人数73；`, `事业编制11，`); a change printed in 元 after a figure in 万元 (`255,325万元，比上年同期增支14,484元`); an amount in 万 with no 元 after it before the punctuation or a word of money (`0.39万，`, `1000万政府性基金`: \
万人, 万平方米 are counts, not amounts, and are left alone); an amount after 结转 / 收入 / 支出 / 拨款 / 经费 with no unit at all (`上年结转8.01。`); a rate after 增长 / 下降 / 占 with no \
% (`增长5.12，`); a year with no 年 before the figure it dates (`2024预算数`), before “三公” (`2023“三公”经费`, `2017三公经费`) or before the report it names (`2023单位预算情况说明`), or opening a title line (`2026西藏成办…中心`), in the text \
and in the column headers of the tables; a year glued to last year's figure (`6.39万元，较20155.88万元增加`: 2015年5.88万元; `与2019498.83万元相比`), told \
by size — the figure without the year is of this year's order, with it a hundred times more — or by sum — two other \
amounts of the line make the figure without the year; \
a rate after a change with no word of its own (`增加0万元，0%`); last year's figure with no unit (`较上年2.5减少`); 主要原因 with no 是 (`主要原因文化建设工程…`), or a rate's reason with no 原因是 (`增加61.32%,主要中继站建设…`); \
a character left out (公出国, 务用车, 支总计 or 收总计 for 支出总计 or 收入总计 — not 收、支总计 —, 部门算 or 单位算, 第三部, 201年, 2017度 for 2017年度, 2019.8月 for 2019年8月, 201912月) or a year of five digits (22017年), 年 again after 年度 (`2020年度年无结转结余`), an amount \
with a second point (`488.8.万元`), 较少 for 减少 before a figure (`较上年决算数较少126.11万元`); `与上年下降` without its 相比, `，2023年度相比` without its 与, `比上年预算数持平` (持平 wants 与: a note, as reviewers differ on it); a change of a tenth or more called slight in its own sentence (`下降16.9%…略有减少`); a word of two to four characters printed twice in a row \
within a line, when the report uses that word elsewhere too (`农林水支出支出`, `其中：其中：`; \
`上访接访接待` doubles no word). Each is a warning, on the line it starts on; a slip of one kind repeated along a line is said once, \
with how many (`本行同类共10处`). Why: these are the slips a \
reader notices first and the ones that make a figure ambiguous."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for (text, location) in header_lines(cx) {
            self.year_without_nian(&text, text.len(), &location, out);
        }
        self.cut_figures(cx, out);
        self.slight_for_large(cx, out);
        // The catalogue's names, listed once, at the first figure after a 支.
        let names = std::cell::OnceCell::new();
        for (window, own, location) in text_windows(cx) {
            self.year_without_nian(&window, own, &location, out);
            self.word_cut_short(&window, own, &location, out);
            self.class_name_cut(cx, &names, &window, own, &location, out);
            // `农林水支出支出`, `其中：其中：`: a word printed twice in a row.
            // Within its own line (a cover's `…部门预算` over `预算主管部门` is two lines), and a
            // word the report uses elsewhere too (`上访接访接待` doubles no word).
            // Counted without its punctuation: `其中:其中:` doubles the 其中 of `其中：`.
            let doubled = doubled_word(&window[..own]).filter(|(_, word)| {
                let bare = word.trim_end_matches(|c: char| !('\u{4e00}'..='\u{9fff}').contains(&c));
                cx.report
                    .text
                    .iter()
                    .map(|l| l.text.matches(bare).count())
                    .sum::<usize>()
                    >= 3
            });
            if let Some((at, word)) = doubled {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "文字重复「{word}{word}」：{}",
                            around(&window, at, 2 * word.len())
                        ),
                        location.clone(),
                    )
                    .with_hint(format!("删去一个“{word}”")),
                );
            }
            // A slip repeated along one line (`编制人数42,其中:行政编制人数19、…`, ten counts
            // without 人 in probe 21's 03) is the line's habit: said once, with how many.
            for slip in SLIPS {
                let found: Vec<(regex::Match, String, String)> = slip
                    .pattern
                    .captures_iter(&window)
                    .filter_map(|c| {
                        let m = c.get(slip.at).filter(|m| m.start() < own)?;
                        let (said, hint) = (slip.says)(&c)?;
                        Some((m, said, hint))
                    })
                    .collect();
                let Some((m, said, hint)) = found.first() else {
                    continue;
                };
                let more = match found.len() {
                    1 => String::new(),
                    n => format!("（本行同类共{n}处）"),
                };
                out.push(
                    Diagnostic::new(
                        self.id(),
                        slip.severity,
                        format!("{said}：{}{more}", around(&window, m.start(), m.len())),
                        location.clone(),
                    )
                    .with_hint(hint.clone()),
                );
            }
            for (typo, meant) in TYPOS {
                for (at, _) in window.match_indices(typo).filter(|(at, _)| *at < own) {
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "「{typo}」应为「{meant}」：{}",
                                around(&window, at, typo.len())
                            ),
                            location.clone(),
                        )
                        .with_hint("改正错别字"),
                    );
                }
            }
        }
    }
}

/// A slip told by a pattern: the group that places it, and what to say of a match (none
/// when the match is no slip after all).
struct Slip {
    pattern: &'static LazyLock<Regex>,
    at: usize,
    severity: Severity,
    says: fn(&Captures) -> Option<(String, String)>,
}

/// `0.39万，`: an amount cut short of its 元 (万人, 万平方米 count, and are left alone; so is
/// a count the words before name, `人口2.68万。`, probe 18's 05).
static CUT_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(人口|人数|户数|居民|人员|游客|群众|面积|亩)?[约达为共近逾]?(\d+(?:\.\d+)?万(?:[，。；、,;）)]|的|资金|经费|政府|财政|用于))").expect("valid")
});
/// `完成255,325万元，比上年同期增支14,484元，增长6.01%`: a change in 元 of a figure in 万元
/// (probe 14, 10: the rate recomputes only in 万元; probe 18's 01 `与2016年决算数相比，减少
/// 51.48元`).
static CHANGE_IN_YUAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[0-9]万元[，,]?(?:(?:比|较)[^，。；,;]{0,12}?|与[^，。；,;]{0,14}?相比[，,]?)(?:增|减)[^0-9，。；,;]{0,3}([1-9][0-9,]*(?:\.[0-9]+)?元)",
    )
    .expect("valid")
});
/// `年末实有人数73；在职人员29，`, `事业编制11，`: a count of people with no 人 (probe 13, 01;
/// probe 16, 01).
static BARE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:人数|人员|编制)(?:为|共)?([0-9]{1,5})[；;，,。]").expect("valid")
});
/// `上年结转8.01。`, `收支较上年减少484.05，降低11.1%`: an amount of money with no unit at all
/// (probe 11, 06; probe 15, 01). Not a figure whose unit the next one carries
/// (`各减少1267.86,2570.97万元`).
static BARE_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:结转|结余|收入|支出|拨款|经费|资金|增加|减少)(?:为)?([0-9][0-9,]*\.[0-9]{1,2})(?:[。；;]|[，,](?:[^0-9]|$))")
        .expect("valid")
});
/// `增长5.12，`: a rate without its %.
static NO_PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:增长|下降|增幅为|降幅为|占)(\d+\.\d+)[，。；、,;]").expect("valid")
});
/// `与上年下降`: 与 wants its 相比 (or the sentence wants 比).
static WITHOUT_XIANGBI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"与(上年度?|上一年|20[0-9]{2}年度?(?:预算|决算)?数?)(增加|减少|增长|下降)")
        .expect("valid")
});
/// `增加0万元，0%`: the rate's own word left out (probe 5, 11).
static BARE_RATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:增加|减少)[0-9.,]+万?元[，,]([0-9.]+[%％])").expect("valid"));
/// `，2023年度相比，减少…`: 相比 wants its 与 (probe 8, 14).
static NO_YU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[，,；;。])((?:20[0-9]{2}年度?|上年度?)相比)").expect("valid")
});
/// `较上年2.5减少1.95万元`: last year's figure with no unit (probe 9, 01).
static NO_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:较|比)(?:上年度?|上一年|20[0-9]{2}年度?)(?:的|预算数?|决算数?)?([0-9]+(?:\.[0-9]+)?)(?:增加|减少|增长|下降)")
        .expect("valid")
});
/// `2020年度年无结转结余` (probe 21's 09): 年 printed again after 年度, before words that
/// follow a year (无, 共, 实际) — not `年度年末…`, `2016年度年鉴` (probe 24's 06), `年度年金`.
static NIAN_AGAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]{4}年度(年)(?:无|共|实际)").expect("valid"));
/// `本年支出488.8. 万元` (probe 21's 04): an amount with a second point.
static TWO_POINTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9.])([0-9]+\.[0-9]+\.)\s*万?元").expect("valid"));
/// `拨款收支较上年决算数较少126.11万元` (probe 22's 09): 较少 for 减少 before a figure.
static FEWER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(较少)[0-9]").expect("valid"));
/// `主要原因文化建设工程结转…`: 主要原因 with no 是 (probe 8, 08; probe 9, 01; probe 6, 09).
static NO_SHI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"主要原因([^是:：为一系在有如包及和与都分见详，,。；;（(、])").expect("valid")
});
/// `增加61.32%,主要中继站建设项目支出较大`: a reason after a rate with its 原因是 left out
/// (probe 12, 05). What 主要 may be followed by when nothing is missing is checked by `says`.
static NO_CAUSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9][%％][，,]主要([\u{4e00}-\u{9fff}]{2})").expect("valid"));
/// Words that may follow 主要 after a rate when nothing is missing.
const AFTER_ZHUYAO: &[&str] = &[
    "是", "原因", "用于", "包括", "有", "为", "由于", "因为", "系", "在于", "集中", "体现", "表现",
    "来源", "来自", "受", "因", "缘于", "源于", "得益",
];
/// `比上年预算数持平`: 比 compares, 持平 wants 与.
static BI_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"比(上年度?|上一年|20[0-9]{2}年度?)[^，。；,;比与]{0,10}?持平").expect("valid")
});

const SLIPS: &[Slip] = &[
    Slip {
        pattern: &FEWER,
        at: 1,
        severity: Severity::Warning,
        says: |_| Some(("「较少」应为「减少」".into(), "改为“减少”".into())),
    },
    Slip {
        pattern: &NIAN_AGAIN,
        at: 1,
        severity: Severity::Warning,
        says: |_| Some(("「年度」后多了“年”".into(), "删去多余的“年”".into())),
    },
    Slip {
        pattern: &TWO_POINTS,
        at: 1,
        severity: Severity::Warning,
        says: |c| {
            Some((
                format!("金额「{}」多了一个点", &c[1]),
                "删去多余的点".into(),
            ))
        },
    },
    Slip {
        pattern: &CUT_UNIT,
        at: 2,
        severity: Severity::Warning,
        says: |c| {
            if c.get(1).is_some() {
                return None;
            }
            let figure =
                c[2].trim_end_matches(|c: char| !c.is_ascii_digit() && c != '.' && c != '万');
            Some((format!("金额「{figure}」缺少单位“元”"), "写作“万元”".into()))
        },
    },
    Slip {
        pattern: &BARE_AMOUNT,
        at: 0,
        severity: Severity::Warning,
        says: |c| {
            Some((
                format!("金额「{}」缺少单位", &c[1]),
                "写作“…万元”或“…元”".into(),
            ))
        },
    },
    Slip {
        pattern: &NO_PERCENT,
        at: 0,
        severity: Severity::Warning,
        says: |c| Some((format!("比率「{}」缺少“%”", &c[1]), "比率后加“%”".into())),
    },
    Slip {
        pattern: &WITHOUT_XIANGBI,
        at: 0,
        severity: Severity::Warning,
        says: |c| {
            Some((
                format!("「{}」缺“相比”", &c[0]),
                format!("写作“比{}{}”或“与{}相比{}”", &c[1], &c[2], &c[1], &c[2]),
            ))
        },
    },
    Slip {
        pattern: &BARE_RATE,
        at: 0,
        severity: Severity::Warning,
        says: |c| {
            Some((
                format!("增减率「{}」前缺“增长”或“下降”", &c[1]),
                "写作“增长…%”或“下降…%”".into(),
            ))
        },
    },
    Slip {
        pattern: &NO_YU,
        at: 1,
        severity: Severity::Warning,
        says: |c| Some((format!("「{}」缺“与”", &c[1]), format!("写作“与{}”", &c[1]))),
    },
    Slip {
        pattern: &NO_UNIT,
        at: 1,
        severity: Severity::Warning,
        says: |c| Some((format!("金额「{}」缺少单位", &c[1]), "写作“…万元”".into())),
    },
    Slip {
        pattern: &CHANGE_IN_YUAN,
        // Where the figure in 万元 is printed: the change may be on the next line.
        at: 0,
        severity: Severity::Warning,
        says: |c| {
            Some((
                format!("金额以万元计，其增减额「{}」却以元计", &c[1]),
                "核对单位，应为“万元”".into(),
            ))
        },
    },
    Slip {
        pattern: &BARE_COUNT,
        at: 1,
        severity: Severity::Warning,
        says: |c| {
            Some((
                format!("人数「{}」缺少单位“人”", &c[1]),
                format!("写作“{}人”", &c[1]),
            ))
        },
    },
    Slip {
        pattern: &NO_SHI,
        // The word after it on its own line: a heading ends in 主要原因 (`七、基本支出预算
        // 变动的主要原因` over `八、…`, probe 24's 06).
        at: 1,
        severity: Severity::Warning,
        says: |_| Some(("「主要原因」后缺“是”".into(), "写作“主要原因是…”".into())),
    },
    Slip {
        pattern: &NO_CAUSE,
        at: 0,
        severity: Severity::Warning,
        says: |c| {
            if AFTER_ZHUYAO.iter().any(|w| c[1].starts_with(w)) {
                return None;
            }
            Some((
                "比率后的「主要」缺“原因是”".into(),
                "写作“主要原因是…”".into(),
            ))
        },
    },
    // A note: Shanghai's template prints it (普陀区政府办 2025, p. 7) and that report's
    // labeller let it pass, where probe 6's flagged it.
    Slip {
        pattern: &BI_LEVEL,
        at: 0,
        severity: Severity::Note,
        says: |c| Some((format!("「{}」搭配不当", &c[0]), "写作“与…持平”".into())),
    },
];

impl Wording {
    /// A word with a character left out, told by the character it stands after or before:
    /// `公出国` after anything but 因 (probe 5, 04), `务用车` after a mark (probe 9, 17), `第三部` before anything but 分 or 门 (probe 5, 03), a year of three digits
    /// (`在201年基础上`, probe 5, 04) or of five (`22017年`, probe 9, 12), a year and its
    /// month joined by a point or by nothing (`2019.8月调入`, probe 14, 07; `截至201912月`,
    /// probe 15, 10).
    /// A classification name that lost its last character before its figure
    /// (`医疗卫生与计划生育支7.1万元`, probe 17's 02): a 类 or 款 of any edition, printed
    /// whole but for the 出 of 支出.
    fn class_name_cut<'c>(
        &self,
        cx: &Cx<'c>,
        names: &std::cell::OnceCell<Vec<&'c str>>,
        window: &str,
        own: usize,
        location: &Location,
        out: &mut Vec<Diagnostic>,
    ) {
        for (at, _) in window[..own].match_indices('支') {
            let end = at + '支'.len_utf8();
            if !window[end..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let Some((name, cut)) = names
                .get_or_init(|| cx.catalog.spending_names())
                .iter()
                .map(|n| (*n, n.strip_suffix('出').unwrap_or(n)))
                .find(|(_, cut)| window[..end].ends_with(cut))
            else {
                continue;
            };
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "缺字，应为「{name}」：{}",
                        around(window, end - cut.len(), cut.len())
                    ),
                    location.clone(),
                )
                .with_hint(format!("补全科目名称“{name}”")),
            );
        }
    }

    fn word_cut_short(
        &self,
        window: &str,
        own: usize,
        location: &Location,
        out: &mut Vec<Diagnostic>,
    ) {
        static CUT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:^|(.))(公出国|务用车|支总计|收总计|部门算|单位算)|(第[一二三四五六七八九十]{1,3}部)(?:$|(.))|(?:^|[^0-9.．])(20[12]年|20[0-9]年度?(?:收入|支出|预算|决算|部门)|[0-9]20[0-9]{2}年)|(?:^|[^0-9.．])(20[0-3][0-9])度(?:$|[^电])|(?:^|[^0-9.．])((20[0-3][0-9])[.．]?(1[0-2]|0?[1-9])月)")
                .expect("valid")
        });
        for c in CUT.captures_iter(window) {
            let (word, meant) = if let Some(m) = c.get(2) {
                let before = c.get(1).map(|b| b.as_str());
                let han = |b: &str| b.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                let meant = match m.as_str() {
                    "公出国" if before != Some("因") => "因公出国",
                    // 业务用车 is a word, and a line may break inside 公务用车: only a mark
                    // before it (`(务用车购置费`) shows the 公 lost.
                    "务用车" if before.is_some_and(|b| !han(b)) => "公务用车",
                    // `收、支总计` and `收支总计` name both totals at once; `收总计增加…`,
                    // `支总计460.06万元` (probes 19, 20) lost the 入 or 出.
                    "支总计"
                        if !["收", "收、", "收,", "收，"]
                            .iter()
                            .any(|w| window[..m.start()].ends_with(w)) =>
                    {
                        "支出总计"
                    }
                    "收总计" if before.is_none_or(|b| !han(b) || "年度".contains(b)) => {
                        "收入总计"
                    }
                    // `2016海丰县信访局部门算表` (probe 22's 04): 预 or 决 lost.
                    "部门算" => "部门预算」或「部门决算",
                    "单位算" => "单位预算」或「单位决算",
                    _ => continue,
                };
                (m, format!("缺字，应为「{meant}」"))
            } else if let Some(m) = c.get(3) {
                if c.get(4).is_some_and(|a| matches!(a.as_str(), "分" | "门")) {
                    continue;
                }
                (m, format!("缺字，应为「{}分」", m.as_str()))
            } else if let Some(m) = c.get(6) {
                (m, format!("年份后缺“年”，应为「{}年度」", m.as_str()))
            } else if let Some(m) = c.get(7) {
                (m, format!("年份后缺“年”，应为「{}年{}月」", &c[8], &c[9]))
            } else {
                let m = c.get(5).expect("group");
                let said = if m.as_str().chars().take_while(char::is_ascii_digit).count() == 3 {
                    "年份不足四位"
                } else {
                    "年份多了一位"
                };
                (m, said.to_owned())
            };
            if word.start() >= own {
                continue;
            }
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "「{}」{meant}：{}",
                        word.as_str(),
                        around(window, word.start(), word.len())
                    ),
                    location.clone(),
                )
                .with_hint("补全漏写的字"),
            );
        }
    }

    /// `减少956.31万元，下降16.9%，…故造成本年收支总体略有减少` (probe 15, 08): a change of a
    /// tenth or more called slight (略有, 小幅) in its own sentence.
    fn slight_for_large(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static SLIGHT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:略有|小幅|稍有)(增加|增长|上升|减少|下降|降低)").expect("valid")
        });
        static RATE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(增加|增长|上升|减少|下降|降低)了?([0-9]+(?:\.[0-9]+)?)[%％]")
                .expect("valid")
        });
        let up = |w: &str| matches!(w, "增加" | "增长" | "上升");
        let joined = crate::util::Joined::of(cx);
        let mut start = 0;
        for sentence in joined.text.split_inclusive('。') {
            let here = start;
            start += sentence.len();
            let Some(slight) = SLIGHT.captures(sentence) else {
                continue;
            };
            let way = up(&slight[1]);
            let large = RATE.captures_iter(sentence).find(|c| {
                up(&c[1]) == way
                    && c[2]
                        .split('.')
                        .next()
                        .and_then(|whole| whole.parse::<u32>().ok())
                        .is_some_and(|r| r >= 10)
            });
            let Some(rate) = large else {
                continue;
            };
            let m = slight.get(0).expect("match");
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "说“{}”，同一句的变动却是{}{}%：{}",
                        m.as_str(),
                        &rate[1],
                        &rate[2],
                        around(&joined.text, here + m.start(), m.len())
                    ),
                    joined.at(here + m.start()),
                )
                .with_hint("变动一成以上不宜称“略有”“小幅”"),
            );
        }
    }

    /// `1, 537.4万元`: a thousands separator followed by a space, read in the printed
    /// line (the windows have their spaces taken out).
    fn cut_figures(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:^|[^0-9.,])([0-9]{1,3}, +[0-9]{3}(?:\.[0-9]+)?)(?:万元|元)")
                .expect("valid")
        });
        for line in &cx.report.text {
            for c in SPLIT.captures_iter(&line.text) {
                let m = c.get(1).expect("group");
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "金额「{}」的千位分隔符后多了空格：{}",
                            m.as_str(),
                            around(&line.text, m.start(), m.len())
                        ),
                        cx.at_line(line),
                    )
                    .with_hint("删去空格"),
                );
            }
        }
    }

    /// `2024预算数`: a year written straight before the figure it dates, without 年.
    fn year_without_nian(
        &self,
        window: &str,
        own: usize,
        location: &Location,
        out: &mut Vec<Diagnostic>,
    ) {
        static BARE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r#"(?:^|[^0-9])(20[0-9]{2})((?:预算|决算|执行)数|[“"]?三公|(?:单位|部门)(?:预算|决算))"#)
                .expect("valid")
        });
        // A title that opens with its year and no 年 (`2026西藏成办综合服务保障中心`, probe 12,
        // 07): a line of no more than 40 characters, no 。, the year's next character a word.
        static TITLE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*(?:第[一二三四五六七八九十]{1,2}部分\s*)?(20[0-9]{2})([\u{4e00}-\u{9fff}&&[^年度]])")
                .expect("valid")
        });
        // Last year's figure with its year run into it, the 年 lost: `6.39万元，较20155.88万元增加
        // 了0.51万元` (probe 8's 06: 2015年5.88万元), `与2019498.83万元相比` (probe 21's 07). Told
        // by size — the figure right before the comparison is of the order of the rest, a
        // hundredth of the whole — or by sum: two other amounts of the line make the rest
        // (424.71 + 74.12 = 498.83). A real 20155.88万元 is neither by chance.
        static GLUED_YEAR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:([0-9][0-9,]*(?:\.[0-9]+)?)万元[，,]?)?(?:与|较|比)((20[0-3][0-9])([0-9]{1,6}(?:\.[0-9]{1,2})?))万元")
                .expect("valid")
        });
        static AMOUNT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"[0-9][0-9,]*(?:\.[0-9]+)?万元").expect("valid"));
        let read = |t: &str| Printed::read(&format!("{t}万元"));
        for c in GLUED_YEAR.captures_iter(window) {
            let glued = c.get(2).expect("group");
            let (Some(whole), Some(rest)) = (read(glued.as_str()), read(&c[4])) else {
                continue;
            };
            if glued.start() >= own {
                continue;
            }
            let by_size = c.get(1).and_then(|n| read(n.as_str())).is_some_and(|now| {
                let (now, rest, whole) = (fen(now), fen(rest), fen(whole));
                now > 0 && rest <= 10 * now && rest * 10 >= now && whole >= 100 * now
            });
            let others: Vec<Printed> = AMOUNT
                .find_iter(window)
                .filter(|a| !(a.start() <= glued.start() && glued.start() < a.end()))
                .filter_map(|a| Printed::read(a.as_str()))
                .collect();
            let by_sum = others.iter().enumerate().any(|(i, a)| {
                others[i + 1..].iter().any(|b| {
                    let tolerance = slack([a, b, &rest]);
                    (fen(*a) + fen(*b) - fen(rest)).abs() <= tolerance
                        || ((fen(*a) - fen(*b)).abs() - fen(rest)).abs() <= tolerance
                })
            });
            if !(by_size || by_sum) {
                continue;
            }
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "「{}万元」疑为年份与金额连写，缺“年”：{}",
                        glued.as_str(),
                        around(window, glued.start(), glued.len())
                    ),
                    location.clone(),
                )
                .with_hint(format!("写作“{}年{}万元”", &c[3], &c[4])),
            );
        }
        let line = &window[..own];
        let title = TITLE_YEAR
            .captures(line)
            .filter(|_| !line.contains('。') && line.trim().chars().count() <= 40);
        let mut said_at_title = false;
        for c in BARE_YEAR.captures_iter(window) {
            let (year, figure) = (c.get(1).expect("group"), &c[2]);
            if year.start() >= own {
                continue;
            }
            said_at_title |= title
                .as_ref()
                .is_some_and(|t| t.get(1).is_some_and(|y| y.start() == year.start()));
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "「{}{figure}」年份后缺“年”字，应为「{}年{figure}」：{}",
                        year.as_str(),
                        year.as_str(),
                        around(window, year.start(), year.len() + figure.len())
                    ),
                    location.clone(),
                )
                .with_hint("年份写作“2024年”"),
            );
        }
        if let (Some(t), false) = (title, said_at_title) {
            let year = t.get(1).expect("group");
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "标题的年份「{}」后缺“年”字：{}",
                        year.as_str(),
                        around(window, year.start(), year.len() + t[2].len())
                    ),
                    location.clone(),
                )
                .with_hint("年份写作“2024年”"),
            );
        }
    }
}

/// Each column header line of each table, white space removed, where it is printed.
/// The first word of two to four Chinese characters (with the punctuation after it) that is
/// printed twice in a row: `支出支出`, `其中：其中：`. A single character doubled (`常常`) is
/// a word of its own, not a slip.
fn doubled_word(text: &str) -> Option<(usize, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for i in 0..chars.len() {
        for n in 2..=4 {
            if i + 2 * n > chars.len() {
                break;
            }
            let first = &chars[i..i + n];
            let second = &chars[i + n..i + 2 * n];
            let words: usize = first.iter().filter(|(_, c)| han(*c)).count();
            let same = first.iter().zip(second).all(|(a, b)| a.1 == b.1);
            let one_char = first.iter().all(|(_, c)| *c == first[0].1);
            // Punctuation may close the word (`其中：其中：`); a path's `>` or `/` (a web
            // page's `预算/决算>决算>`) is not a slip.
            let marks = first
                .iter()
                .all(|(_, c)| han(*c) || "：:，,、；;".contains(*c));
            if same && words >= 2 && han(first[0].1) && !one_char && marks {
                let end = chars.get(i + n).map_or(text.len(), |(b, _)| *b);
                return Some((chars[i].0, &text[chars[i].0..end]));
            }
        }
    }
    None
}

fn header_lines<'a>(cx: &'a Cx<'_>) -> impl Iterator<Item = (String, Location)> + 'a {
    cx.report.tables.iter().flat_map(move |t| {
        t.header.iter().map(move |h| {
            let mut at = cx.at(t, None, None);
            at.page = h.page.or(at.page);
            at.line = h.line.or(at.line);
            (h.text.chars().filter(|c| !c.is_whitespace()).collect(), at)
        })
    })
}
