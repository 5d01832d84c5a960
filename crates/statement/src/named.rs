//! Totals the explanation names in words (`一般公共预算当年支出`, `“三公”经费预算`,
//! `机关运行经费`): the one vocabulary of their keys, which the facts reader keys its
//! figures by too, and finding them in running text as statement subjects.

use std::sync::LazyLock;

use regex::Regex;

/// Canonical keys by the label words that name them, most specific first.
const KEYS: &[(&str, &str)] = &[
    ("因公出国", "three_public.outbound"),
    ("公务接待", "three_public.reception"),
    ("公务用车购置费", "three_public.vehicle_purchase"),
    ("公务用车购置支出", "three_public.vehicle_purchase"),
    ("公务用车运行", "three_public.vehicle_operation"),
    ("公务用车购置及运行", "three_public.vehicles"),
    // Shorter names of the same items (probe 5: `车辆运行费28.91万元`, probe 9: `公车购置费0万元`).
    ("公车购置费", "three_public.vehicle_purchase"),
    ("车辆购置费", "three_public.vehicle_purchase"),
    ("公车运行", "three_public.vehicle_operation"),
    ("车辆运行", "three_public.vehicle_operation"),
    ("公车购置及运行", "three_public.vehicles"),
    ("车辆购置及运行", "three_public.vehicles"),
    ("三公", "three_public.total"),
    ("机关运行经费", "admin_running_cost"),
    ("政府采购货物", "procurement.goods"),
    ("政府采购工程", "procurement.works"),
    ("政府采购服务", "procurement.services"),
    ("中小企业", "procurement.reserved_sme"),
    ("政府采购", "procurement.total"),
    ("特定目标类", "projects.specific.amount"),
    ("其他运转类", "projects.operating.amount"),
    ("绩效", "projects.amount"),
    ("人员经费", "expenditure.personnel"),
    ("公用经费", "expenditure.public"),
    ("基本支出", "expenditure.basic"),
    ("项目支出", "expenditure.project"),
    ("上年结转", "income.carry_over"),
    ("一般公共预算当年支出", "general_budget.current"),
    ("一般公共预算拨款收入", "income.general_budget"),
    ("政府性基金预算拨款收入", "income.government_fund"),
    ("国有资本经营预算拨款收入", "income.state_capital"),
    ("一般公共预算收入", "income.general_budget"),
    ("政府性基金预算收入", "income.government_fund"),
    ("国有资本经营预算收入", "income.state_capital"),
    ("一般公共预算拨款", "fiscal.general_budget"),
    ("政府性基金预算拨款", "fiscal.government_fund"),
    ("国有资本经营预算拨款", "fiscal.state_capital"),
    ("财政专户管理资金", "income.fiscal_special_account"),
    ("单位资金", "income.unit_funds"),
    ("财政拨款收支总预算", "fiscal.total"),
    ("财政拨款收入支出总计", "fiscal.total"),
    ("一般公共预算财政拨款支出", "general_budget.spending"),
    ("财政拨款收入", "income.fiscal"),
    ("上级补助收入", "income.upper_grant"),
    ("事业单位经营收入", "income.operating"),
    ("附属单位上缴收入", "income.affiliated"),
    ("事业收入", "income.business"),
    ("其他收入", "income.other"),
    ("本年支出合计", "expenditure.current"),
    ("本年收入", "income.current"),
    // A 决算's 收入合计 / 支出合计 are the year's own, before what was carried over.
    ("收入合计", "income.current"),
    ("支出合计", "expenditure.current"),
    ("本年预算安排", "expenditure.current"),
    ("收入支出总计", "expenditure.total"),
    ("支出总计", "expenditure.total"),
    ("支出预算", "expenditure.total"),
    ("收入总计", "income.total"),
    ("预算收入", "income.total"),
    ("收入预算", "income.total"),
    // `…卫生院本年支出合计525.54万元` read without its 合计, as 本年收入 is (probe 20's 12);
    // last, so `本年支出预算合计` stays the 支出预算 it was.
    ("本年支出", "expenditure.current"),
];

/// Words that narrow a total to a part of it (`政府性基金拨款支出预算` is not the total).
const QUALIFIERS: &[&str] = &[
    "政府性基金",
    "国有资本",
    "一般公共预算",
    "财政拨款",
    "基本",
    "项目",
    "科目",
    "单位资金",
    "事业",
    "经营",
    "其他",
];

/// The key the words of a label name (`一般公共预算当年支出` → `general_budget.current`),
/// and the word that names it; none when no word does, or when a qualifier narrows a
/// report total to a part no key names.
pub fn key_for(label: &str) -> Option<(&'static str, &'static str)> {
    let (word, key) = KEYS.iter().find(|(word, _)| label.contains(word))?;
    if matches!(*key, "income.total" | "expenditure.total")
        && QUALIFIERS.iter().any(|q| label.contains(q))
    {
        return None;
    }
    Some((key, word))
}

/// [`key_for`], and a report total only when what stands before its words is the year,
/// the unit or the fund (`工资性支出预算数` is a part of the spending, not the total).
pub fn key_for_label(label: &str) -> Option<(&'static str, &'static str)> {
    let (key, word) = key_for(label)?;
    if matches!(key, "income.total" | "expenditure.total") {
        let at = label.find(word)?;
        if !is_context(&label[..at]) {
            return None;
        }
    }
    Some((key, word))
}

/// The words that name a key (`three_public.reception` → `公务接待`).
pub fn words_for(key: &str) -> impl Iterator<Item = &'static str> + '_ {
    KEYS.iter().filter(move |(_, k)| *k == key).map(|(w, _)| *w)
}

/// A named total found in the joined text: its key, the words naming it, and the spans
/// of those words and of what follows them (its figure, or a measure word before it).
pub(crate) struct NamedAt {
    pub key: &'static str,
    pub start: usize,
    /// Where the name ends and the claims begin.
    pub end: usize,
    /// A year printed before the name (`2023年“三公”经费…`), the year of its amount.
    pub year: Option<u16>,
}

/// Funds that narrow a total when printed right before its name, longest first.
const FUNDS: &[&str] = &[
    "一般公共预算财政拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "财政拨款",
];

/// Words a change is printed with, as the last words before its figure.
const CHANGE_WORDS: &[&str] = &["增加", "减少", "增长", "下降", "上升", "降低"];

/// Every money figure whose label names a total: `…一般公共预算当年支出1,087.83万元`.
/// `heading_ends` are where headings end (a label never reaches back into one).
pub(crate) fn named_totals(text: &str, heading_ends: &[usize]) -> Vec<NamedAt> {
    static FIGURE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d[\d,]*(?:\.\d+)?(?:万元|元)").expect("valid"));
    // What a name may end with before its figure, taken as a claim's words.
    static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:支出)?决算(?:数)?为$|年初预算(?:数)?为$|全年预算(?:数)?为$").expect("valid")
    });
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d{4})年(?:度)?").expect("valid"));
    // A comparison that ends a label, up to the change word before the figure.
    static COMPARED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:支出)?(?:决算)?数?(?:比|较)(?:(?:年初|全年)?预算|上年度?(?:决算|支出)?)数?(?:增加|减少)(?:[（(](?:增加|减少)[）)])?了?$")
            .expect("valid")
    });
    let mut out = Vec::new();
    for m in FIGURE.find_iter(text) {
        let before = &text[..m.start()];
        if before.ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
            continue;
        }
        // The label: the words since the last clause break.
        // An opening bracket breaks a clause too (`…237万元（公务用车购置费…`), but not
        // the one inside a name (`因公出国（境）费`).
        let bracket = before
            .rmatch_indices(['（', '('])
            .find(|(i, _)| {
                let inside = before[*i..].trim_start_matches(['（', '(']);
                // `（境）` in a name, `（二）` numbering an item.
                let numbering = inside
                    .trim_start_matches(|c: char| {
                        "一二三四五六七八九十".contains(c) || c.is_ascii_digit()
                    })
                    .starts_with(['）', ')']);
                // `增加(减少)`: the template's choice of word, left as printed.
                let choice = ["增加", "减少", "增长", "下降"]
                    .iter()
                    .any(|w| inside.starts_with(w));
                !inside.starts_with('境') && !numbering && !choice
            })
            .map(|(i, _)| i);
        let cut = before
            .rfind(['，', '、', '：', '；', '。', ',', ':', ';', '%'])
            .max(bracket)
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(0, char::len_utf8)
            });
        let heading = heading_ends
            .iter()
            .copied()
            .filter(|e| *e <= m.start())
            .max();
        let cut = heading.map_or(cut, |h| h.max(cut));
        let label = &before[cut..];
        // A total printed again with its difference alone (`公务用车购置及运行费支出决算数比预算数
        // 减少17.54万元`, `公务接待费较上年减少12.39万元`): named by the words before the
        // comparison, its claims from the comparison on.
        let compared = COMPARED.find(label).map(|c| c.start()).filter(|c| *c > 0);
        let label = compared.map_or(label, |c| &label[..c]);
        // The sentence the figure is printed in (a list of parts separated by `；` is one).
        let sentence_start = before.rfind('。').map_or(0, |i| {
            i + before[i..].chars().next().map_or(0, char::len_utf8)
        });
        let sentence_start = heading.map_or(sentence_start, |h| h.max(sentence_start));
        let Some((key, word)) = key_for(label) else {
            continue;
        };
        let stem = label.trim_end_matches('了');
        // Only words of measure may follow the naming word: `一般公共预算拨款安排的会议费`
        // names what is paid for, `项目支出包括委员活动经费` one project.
        let after_word = &label[label.find(word).unwrap_or(0) + word.len()..];
        if key.starts_with("projects.")
            || CHANGE_WORDS.iter().any(|w| stem.ends_with(w))
            || label.contains("比")
            || label.contains("较")
            || (label.contains("上年") && !label.contains("上年结转"))
            || label.contains("去年")
            || !is_filler(after_word)
        {
            continue;
        }
        // The name starts at the first word naming the same key (`预算收入总计`), with an
        // opening quotation mark.
        let first = KEYS
            .iter()
            .filter(|(_, k)| *k == key)
            .filter_map(|(w, _)| label.find(w))
            .min()
            .unwrap_or_else(|| label.find(word).unwrap_or(0));
        // A fund printed right before the name narrows it and is part of it
        // (`一般公共预算财政拨款基本支出`, `政府性基金预算财政拨款收入`).
        let first = FUNDS
            .iter()
            .find(|f| label[..first].ends_with(*f))
            .map_or(first, |f| first - f.len());
        // What stands before the name is the year, the unit, or words of what pays
        // (`财政拨款安排的`), not a noun that narrows it (`工资福利支出预算` is not the
        // report's spending).
        // “三公” in its quotation marks names one total only, whatever places it
        // (`…和事业单位使用财政拨款安排 “三公”经费支出总额为3825万元`).
        let quoted_three_public =
            key == "three_public.total" && label[..first].trim_end().ends_with('“');
        if !is_context(&label[..first]) && !quoted_three_public {
            continue;
        }
        // A part listed under a figure no key names (`机构运行1100910.5元，其中：基本支出…`)
        // is that figure's part, not the report's total.
        if let Some(q) = text[sentence_start..cut].rfind("其中") {
            let head = &text[sentence_start..sentence_start + q];
            if let Some(h) = FIGURE.find_iter(head).last() {
                let head_label = &head[..h.start()];
                let head_cut = head_label
                    .rfind(['，', '、', '：', '；', ',', ':', ';'])
                    .map_or(0, |i| {
                        i + head_label[i..].chars().next().map_or(0, char::len_utf8)
                    });
                if key_for(&head_label[head_cut..]).is_none() {
                    continue;
                }
            }
        }
        let mut start = cut + first;
        if text[..start].ends_with('“') {
            start -= '“'.len_utf8();
        }
        // Its year: printed before it, else the sentence's latest before it (a part in a 其中
        // list is of its whole's year; `2023年度收入总计…，2022年度收入总计400.22万元，支出总计
        // 400.22万元` gives the second 支出总计 2022's).
        // A year compared with (`比2023年预算增加…`) is not the year of what follows.
        let own = |from: usize, to: usize| -> Vec<u16> {
            YEAR.captures_iter(&text[from..to])
                .filter(|c| !yusuan_model::compared(text, from + c.get(0).expect("match").start()))
                .filter_map(|c| c[1].parse().ok())
                .collect()
        };
        let year = own(cut, start)
            .last()
            .copied()
            .or_else(|| own(sentence_start, start).last().copied());
        let name = &text[start..m.start()];
        let end = match (compared, MEASURE.find(name)) {
            (Some(c), _) => cut + c,
            (None, Some(w)) => start + w.start(),
            (None, None) => start + name.trim_end_matches(['为', '是', '约']).len(),
        };
        out.push(NamedAt {
            key,
            start,
            end,
            year,
        });
    }
    out
}

/// Whether the words after a total's naming word only say which figure of it is meant
/// (`“三公”经费财政拨款预算`, `因公出国（境）费`, `公务用车购置及运行维护费`).
fn is_filler(after: &str) -> bool {
    const FILLERS: &[&str] = &[
        "（境）",
        "(境)",
        "”",
        "\"",
        "财政拨款",
        "公共财政拨款",
        "拨款",
        "经费",
        "费用",
        "维护费",
        "和结余",
        "维护",
        "费",
        "预算",
        "决算",
        "执行",
        "支出",
        "收入",
        "总计",
        "合计",
        "总额",
        "汇总",
        "金额",
        "数",
        "安排",
        "共计",
        "累计",
        "本年",
        "当年",
        "全年",
        "年初",
        "为",
        "是",
        "约",
        "共",
        "总",
        "了",
    ];
    let mut rest = after;
    while let Some(w) = FILLERS.iter().find(|w| rest.starts_with(*w)) {
        rest = &rest[w.len()..];
    }
    rest.is_empty()
}

/// Text without the item number it opens with (`1.`, `（二）`, `三、`).
pub fn without_item_number(text: &str) -> &str {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[、.．])")
            .expect("valid")
    });
    NUMBER.find(text).map_or(text, |m| &text[m.end()..])
}

/// Whether the words before a total's name only place it: a year, the unit's name, words
/// of the budget it is in or of what pays for it.
fn is_context(prefix: &str) -> bool {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:\d{4}年度?)").expect("valid"));
    static TRAILING_YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{4}(?:年度?)?$").expect("valid"));
    let prefix = without_item_number(prefix.trim_end_matches(['“', '"']));
    let prefix = prefix.trim_start_matches(['（', '(']);
    let prefix = ["主要包括", "包括", "其中", "分别为", "主要有"]
        .iter()
        .find_map(|w| prefix.strip_prefix(w))
        .unwrap_or(prefix);
    const TRAILING: &[&str] = &[
        "的",
        "财政拨款安排",
        "财政拨款",
        "一般公共预算拨款安排",
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        "安排",
        "本年度",
        "本年",
        "当年",
        "全年",
        "年度",
        "单位预算",
        "部门预算",
        "预算",
        "汇总",
        "本级",
        "共",
        "全部",
        "年",
    ];
    const UNITS: &[&str] = &[
        "会", "局", "院", "委", "办", "部", "处", "所", "站", "中心", "单位", "部门", "政府", "室",
        "队", "馆", "校", "园", "社", "团", "厅", "署", "镇", "乡", "街道", "公司", "集团", "县",
        "区", "市", "省", "级", "学", "组", "庭", "科", "司", "台", "场", "库", "协", "联", "盟",
        "我",
    ];
    let mut p = YEAR.find(prefix).map_or(prefix, |m| &prefix[m.end()..]);
    while let Some(w) = TRAILING.iter().find(|w| p.ends_with(*w)) {
        p = &p[..p.len() - w.len()];
    }
    let p = YEAR.find(p).map_or(p, |m| &p[m.end()..]);
    // `上海市普陀区财政局2024年度`: the unit, then the year.
    let p = TRAILING_YEAR.find(p).map_or(p, |m| &p[..m.start()]);
    p.is_empty() || UNITS.iter().any(|u| p.ends_with(u))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_place_may_stand_before_a_name() {
        assert!(is_context(""));
        assert!(is_context("2024年度长治市残疾人联合会"));
        assert!(is_context("2024年长治市残疾人联合会财政拨款安排的"));
        assert!(is_context("本单位"));
        assert!(is_context("本年单位预算"));
        assert!(is_context("（二）"));
        assert!(is_context("主要包括"));
        assert!(is_context("（"));
        assert!(is_context("上海市普陀区财政局2024年度"));
        assert!(is_context("2024年度某单位“"));
        assert!(!is_context("工资福利"));
        assert!(is_context("2023年一般公共预算财政拨款"));
        assert!(is_filler("（境）费"));
        assert!(is_filler("”经费财政拨款支出年初预算为"));
        assert!(!is_filler("包括委员活动经费"));
        assert!(!is_filler("安排的会议费"));
        assert!(!is_context("对个人和家庭的补助"));
    }

    #[test]
    fn a_qualified_total_is_not_the_report_total() {
        assert_eq!(key_for("支出预算").map(|k| k.0), Some("expenditure.total"));
        assert_eq!(key_for("政府性基金支出预算"), None);
        assert_eq!(
            key_for("2024年度某单位一般公共预算当年支出").map(|k| k.0),
            Some("general_budget.current")
        );
    }

    #[test]
    fn a_label_names_the_report_total_only_after_a_place() {
        // Probe 1's wuzhou budgets: `工资福利支出预算716052.51元` is a part of the spending.
        assert_eq!(key_for_label("工资福利支出预算"), None);
        assert_eq!(key_for_label("工资性支出预算数为"), None);
        assert_eq!(
            key_for_label("本单位2024年支出预算").map(|k| k.0),
            Some("expenditure.total")
        );
        assert_eq!(
            key_for_label("公务接待费").map(|k| k.0),
            Some("three_public.reception")
        );
        // Probe 20's 12: `…卫生院本年支出合计525.54万元`, its 合计 taken off as 本年收入's is.
        assert_eq!(
            key_for_label("2017年达州市达川区马家镇卫生院本年支出").map(|k| k.0),
            Some("expenditure.current")
        );
    }
}
