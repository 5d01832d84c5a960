//! Narrative facts: the figures of the explanation section, each with its sentence
//! and where it was read. A figure's key comes from the words before it
//! (`基本支出329.83万元` → `expenditure.basic`); one no key names keeps its label
//! (`text:…`), so nothing printed is dropped.

use std::sync::LazyLock;

use regex::Regex;
use yusuan_model::{Fact, FactValue, MoneyUnit, Printed};

/// A line of running text and where it is.
pub struct TextLine<'a> {
    pub text: &'a str,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

/// The key a label names (`yusuan_statement::key_for`, the one vocabulary of named
/// totals); a label no key names keeps its words (`text:…`).
fn key_for(label: &str) -> String {
    yusuan_statement::key_for_label(label)
        .map_or_else(|| format!("text:{label}"), |(key, _)| key.to_owned())
}

/// Number at the start of `s` (digits, separators, one point): its text and length.
fn number_at(s: &str) -> Option<(&str, usize)> {
    let len = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map_or(s.len(), |(i, _)| i);
    let t = s[..len].trim_end_matches(['.', ',']);
    (!t.is_empty() && t.starts_with(|c: char| c.is_ascii_digit())).then_some((t, t.len()))
}

fn hundredths(t: &str) -> Option<i64> {
    let clean: String = t.chars().filter(|c| *c != ',').collect();
    let (int, frac) = clean.split_once('.').unwrap_or((&clean, ""));
    if frac.len() > 2 {
        return None;
    }
    let mut f: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    if frac.len() == 1 {
        f *= 10;
    }
    int.parse::<i64>().ok()?.checked_mul(100)?.checked_add(f)
}

/// The label of a figure: the words since the last clause break before it.
fn label_before(s: &str) -> String {
    let cut = s
        .rfind(['，', '、', '：', '；', '。', ',', ':'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(0, char::len_utf8));
    let label = s[cut..].trim_start_matches("其中");
    let label = label
        .strip_suffix("共计")
        .or_else(|| label.strip_suffix("合计"))
        .unwrap_or(label);
    label
        .trim_end_matches(['为', '是', '约', '共'])
        .trim()
        .to_owned()
}

/// A comparison closing the words before a change (`均较上年决算数`, `比2016年度`,
/// `与上年相比，`).
static COMPARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:均|各|都)?(?:(?:较|比)(?:上年|上一年|\d{4}年)度?(?:决算|预算)?数?|与(?:上年|\d{4}年)度?(?:决算|预算)?数?相比[，,]?)$",
    )
    .expect("valid")
});

/// The words that print last year's figure right before it, closing the text before the
/// figure (`比2021年`, `较上年`, `比去年同期`, `比上年预算数`), possibly naming it again
/// (`较2017年部门预算收入总数8014212.00元增长1.13%`, `与2016年公共财政预算收入1631.06万元，相比增加…`).
static PRIOR_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[，,](?:比|较|与)(?:上年|上年度|去年|去年同期|上年同期|([0-9]{4})年度?)的?[^，,。；;：:0-9增减降升]{0,14}$")
        .expect("valid")
});

/// The words of a comparison that prints last year's figure next (`，比2021年`,
/// `，较2017年部门预算收入总数`); not one already closed by 相比 (`与2016年相比21.79万元，增加…`,
/// probe 20's 12: the change with its 增加 dropped).
fn compared_figure(before: &str) -> Option<regex::Captures<'_>> {
    PRIOR_FIGURE
        .captures(before)
        .filter(|c| !c[0].contains("相比"))
}

/// Words naming last year's figure as this year's with 上年 before them (`209年收入决算…元，
/// 上年收入决算…元`, probe 20's 10): `last_label` is this year's figure's words.
fn named_last_year(before: &str, last_label: &str) -> bool {
    let label = label_before(before);
    label
        .strip_prefix("上年度")
        .or_else(|| label.strip_prefix("上年"))
        .is_some_and(|rest| rest.chars().count() >= 2 && last_label.ends_with(rest))
}

const CHANGES: &[(&str, &str)] = &[
    // `与上年相比增9.85%` (probe 20's 10).
    ("相比增", "增加"),
    ("相比减", "减少"),
    ("增加", "增加"),
    ("增长", "增加"),
    ("上升", "增加"),
    ("减少", "减少"),
    ("下降", "减少"),
    ("降低", "减少"),
];

/// A sentence of running text, and where each of its source lines starts in it
/// (byte offset, page, line).
struct Sentence {
    text: String,
    starts: Vec<(usize, Option<u32>, Option<u32>)>,
}

/// Lines joined into sentences, cut at 。；. A heading (a line opening with an
/// enumerator or 第…部分 and holding no sentence punctuation) is a sentence of its own,
/// so a paragraph's first sentence never starts at the heading above it.
fn sentences(lines: &[TextLine<'_>]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current = Sentence {
        text: String::new(),
        starts: Vec::new(),
    };
    let flush = |current: &mut Sentence, out: &mut Vec<Sentence>| {
        if !current.text.is_empty() {
            out.push(std::mem::replace(
                current,
                Sentence {
                    text: String::new(),
                    starts: Vec::new(),
                },
            ));
        }
    };
    let squeezed: Vec<String> = lines
        .iter()
        .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    for (i, l) in lines.iter().enumerate() {
        let text = &squeezed[i];
        if text.is_empty() {
            continue;
        }
        let heading = is_heading(text);
        if heading || opens_item(text) {
            flush(&mut current, &mut out);
        }
        if !current.text.is_empty() {
            current.starts.push((current.text.len(), l.page, l.line));
        }
        for ch in text.chars() {
            if current.text.is_empty() {
                current.starts.push((0, l.page, l.line));
            }
            current.text.push(ch);
            if matches!(ch, '。' | '；' | ';') {
                flush(&mut current, &mut out);
            }
        }
        // A line that ends a claim without its 。 (`…与2021年预算持平`) before a line that
        // starts anew (not with punctuation or a figure) ends its sentence.
        let next = squeezed[i + 1..].iter().find(|t| !t.is_empty());
        let claim_ends = ["持平", "相同", "%", "万元"]
            .iter()
            .any(|w| text.ends_with(w));
        let next_goes_on = next.is_none_or(|n| {
            n.starts_with(|c: char| "，,；;。、）)".contains(c) || c.is_ascii_digit())
        });
        if heading || claim_ends && !next_goes_on {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// `一、…`, `（一）…`, `第三部分 …`: a line that opens a new item.
fn opens_item(text: &str) -> bool {
    let numerals = "一二三四五六七八九十";
    let rest = text.trim_start_matches(|c: char| numerals.contains(c));
    if rest.len() < text.len() && rest.starts_with('、') {
        return true;
    }
    if let Some(r) = text.strip_prefix('（').or_else(|| text.strip_prefix('(')) {
        let inner = r.trim_start_matches(|c: char| numerals.contains(c));
        if inner.len() < r.len() && (inner.starts_with('）') || inner.starts_with(')')) {
            return true;
        }
    }
    text.strip_prefix('第').is_some_and(|r| {
        let inner = r.trim_start_matches(|c: char| numerals.contains(c));
        inner.len() < r.len() && inner.starts_with("部分")
    })
}

/// A short line that opens an item and holds no sentence punctuation: a heading.
fn is_heading(text: &str) -> bool {
    opens_item(text) && text.chars().count() <= 40 && !text.contains(['。', '；', ';', '，', ','])
}

/// `与2021年相比`, `与2021年度相比`, `比2021年`, `较2021年度`: a sentence that opens by
/// comparing with a named year.
fn compared_with_a_year(sentence: &str) -> bool {
    let Some(rest) = ["与", "比", "较"]
        .iter()
        .find_map(|w| sentence.strip_prefix(w))
    else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &rest[digits..];
    let rest = rest
        .strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'));
    // `与2015年决算数相比`: what of that year is compared may be named.
    let compared = |r: &str| {
        let r = ["决算数", "预算数", "决算", "预算", "同期"]
            .iter()
            .find_map(|w| r.strip_prefix(w))
            .unwrap_or(r);
        r.starts_with("相比")
    };
    digits == 4 && rest.is_some_and(|r| !sentence.starts_with('与') || compared(r))
}

/// The total a share names (`占收入预算总额的`, `占部门支出总额`), its words in the group.
static SHARE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"占([^，,。；;：:%0-9占]{2,14}?)的?(?:比重|比例)?(?:为)?$").expect("valid")
});

/// Facts from running text: money in 万元 / 元, shares and changes in %, counts of 个.
pub fn facts(lines: &[TextLine<'_>]) -> Vec<Fact> {
    let sentences = sentences(lines);
    let mut out = Vec::new();
    // The figure a sentence that opens with a comparison (`与上年相比减少…`) speaks of:
    // the last one of the sentence before.
    let mut previous: Option<String> = None;
    // The report totals keyed so far, latest last.
    let mut totals_seen: Vec<String> = Vec::new();
    for Sentence {
        text: sentence,
        starts,
    } in &sentences
    {
        // A fact points at the line that holds its figure, not where the sentence began.
        let fact = |key: String, value: FactValue, at: usize| {
            let (_, page, line) = starts
                .iter()
                .rev()
                .find(|(from, _, _)| *from <= at)
                .copied()
                .unwrap_or((0, None, None));
            Fact {
                key,
                value,
                sentence: Some(sentence.clone()),
                line,
                page,
            }
        };
        // `与上年度基本持平。`: a sentence of its own about the figure before (probe 23's 06).
        static LEVEL_WITH_LAST_YEAR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^与上年度?(?:同期)?(?:基本)?(?:持平|相同|一致)[。；;]?$").expect("valid")
        });
        // `与2021年相比，收、支总计各增加…`: a named year opens a comparison too.
        // `收支较上年决算数增加1995.90万元`: both totals of the sentence before, compared.
        static BOTH_COMPARED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^收、?支(?:总计)?(?:均|各)?(?:较|比|与)(?:上年|\d{4}年)").expect("valid")
        });
        let opens_with_comparison = [
            "与上年相比",
            "与上年度相比",
            "与上年决算数相比",
            "与上年预算数相比",
            "比上年",
            "较上年",
            "同比",
        ]
        .iter()
        .any(|w| sentence.starts_with(w))
            || compared_with_a_year(sentence)
            || BOTH_COMPARED.is_match(sentence)
            || LEVEL_WITH_LAST_YEAR.is_match(sentence);
        // `较年初预算数减少1311.69万元，下降15.86%。`: the figure before, against its budget.
        static AGAINST_BUDGET: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?:较|比)(?:年初|全年|调整后)?预算数?(?:增加|减少|增长|下降)")
                .expect("valid")
        });
        let against_budget = AGAINST_BUDGET.is_match(sentence);
        let opens_with_comparison = opens_with_comparison || against_budget;
        // The words of the last figure keyed in this sentence (`209年收入决算`).
        let mut last_label = String::new();
        let mut last_key: Option<String> = if opens_with_comparison {
            previous.clone()
        } else {
            None
        };
        let mut first_key: Option<String> = last_key.clone();
        // The figure the last change in this sentence was about, for its percentage.
        let mut change_base: Option<String> = None;
        // The last change amount's direction and where it ended, for a rate printed in
        // brackets right after it (`减少1.5万元（42.86%）`).
        let mut last_change: Option<(&str, usize)> = None;
        // Direction facts of changes printed with the template's choice of word
        // (`增加(减少)67.65万元`): the rate's word that follows gives it, else it is unknown.
        let mut undecided: Vec<usize> = Vec::new();
        // Where the last change's direction fact is, and whether a rate printed its own word.
        let mut last_direction: Option<usize> = None;
        // Where each keyed money figure of the sentence is printed, and its key.
        let mut keyed_at: Vec<(usize, String)> = Vec::new();
        let mut i = 0;
        // Money figures of the sentence and where they stand, for 大于 / 小于 / 等于.
        let mut figures: Vec<(usize, Printed)> = Vec::new();
        while i < sentence.len() {
            let rest = &sentence[i..];
            let Some((num, len)) = number_at(rest).filter(|_| {
                i == 0
                    || !sentence[..i]
                        .ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
            }) else {
                i += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            };
            let after = &rest[len..];
            let before = &sentence[..i];
            // `比上年减少支出613.80万元`: what changed may be named between the word and
            // its figure.
            let change_stem = before.trim_end_matches('了');
            let change_stem = change_stem.strip_suffix("支出").unwrap_or(change_stem);
            let templated = ["增加(减少)", "增加（减少）", "减少(增加)", "减少（增加）"]
                .iter()
                .any(|w| change_stem.ends_with(w));
            let change = CHANGES
                .iter()
                .find(|(w, _)| change_stem.ends_with(w))
                .or(templated.then_some(&CHANGES[0]));
            let unit = if after.starts_with("万元") {
                Some(MoneyUnit::WanYuan)
            } else if after.starts_with('元') {
                Some(MoneyUnit::Yuan)
            } else {
                None
            };
            if let Some(printed) = unit.and_then(|u| Printed::parse_text(num, u).ok()) {
                let value = FactValue::Money(printed);
                figures.push((i, printed));
                // After a 其中 list, a change speaks of the sentence's subject; a change with
                // no figure before it speaks of the words before it (`收入支出总计减少56.95万元`).
                let named = change.and_then(|(w, _)| {
                    let stem = change_stem.strip_suffix(w)?;
                    // `财政拨款收入、支出均较上年决算数减少358.94万元`: the words before the
                    // comparison name what changed; two totals of one source joined by 、
                    // are named by the first.
                    let stem = COMPARED.find(stem).map_or(stem, |m| &stem[..m.start()]);
                    let key = key_for(&label_before(stem));
                    let key = match stem.rsplit_once('、') {
                        Some((first, _)) if key.starts_with("text:") => {
                            key_for(&label_before(first))
                        }
                        _ => key,
                    };
                    // `收入增加950.05万元…。支出增加841.13万元`: 收入 / 支出 alone name the
                    // report's totals printed last.
                    let key = match label_before(stem).as_str() {
                        "收入" | "支出" if key.starts_with("text:") => {
                            let side = if label_before(stem) == "收入" {
                                ["income.total", "income.current"]
                            } else {
                                ["expenditure.total", "expenditure.current"]
                            };
                            totals_seen
                                .iter()
                                .rev()
                                .find(|k| side.contains(&k.as_str()))
                                .cloned()
                                .unwrap_or(key)
                        }
                        _ => key,
                    };
                    (!key.starts_with("text:")).then_some(key)
                });
                let base = if sentence[..i].contains("其中") {
                    first_key.clone()
                } else {
                    last_key.clone()
                };
                // A change whose own words name what changed (`主要原因:一是人员经费增加50.35
                // 万元`) is of that, whatever the sentence spoke of before.
                let base = named.or(base);
                match (change, base.as_ref()) {
                    (Some((_, dir)), Some(base)) => {
                        change_base = Some(base.clone());
                        let unit_len = if after.starts_with("万元") {
                            "万元".len()
                        } else {
                            "元".len()
                        };
                        last_change = Some((dir, i + len + unit_len));
                        if against_budget {
                            out.push(fact(
                                format!("{base}.change.against"),
                                FactValue::Text("预算数".to_owned()),
                                i,
                            ));
                        }
                        out.push(fact(format!("{base}.change"), value, i));
                        out.push(fact(
                            format!("{base}.change.direction"),
                            FactValue::Text((*dir).to_owned()),
                            i,
                        ));
                        last_direction = Some(out.len() - 1);
                        if templated {
                            undecided.push(out.len() - 1);
                        }
                    }
                    // `…998.51万元，比2021年1,204.33万元减少205.82万元`, `…，上年收入决算
                    // 39312554.51元`: last year's figure of what the sentence speaks of, printed in
                    // its comparison or named as this year's with 上年 before.
                    _ if last_key.is_some()
                        && (compared_figure(before).is_some()
                            || named_last_year(before, &last_label)) =>
                    {
                        let base = last_key.clone().expect("checked");
                        // `2016年度收入总计…，与2016年公共财政预算收入1631.06万元，相比…`: the
                        // budget of the sentence's own year, not last year's figure.
                        if let Some(words) = compared_figure(before) {
                            let own_year = words.get(1).is_some_and(|y| {
                                let opening = &before[..words.get(0).expect("match").start()];
                                yusuan_model::years_in(opening)
                                    .contains(&y.as_str().parse().unwrap_or(0))
                            });
                            if own_year && words[0].contains("预算") {
                                out.push(fact(
                                    format!("{base}.change.against"),
                                    FactValue::Text("预算数".to_owned()),
                                    i,
                                ));
                            }
                        }
                        out.push(fact(format!("prior.{base}"), value, i));
                    }
                    _ => {
                        let label = label_before(before);
                        last_label = label.clone();
                        let mut key = key_for(&label);
                        // `项目13个，共计金额758.00万元`: the amount of what was just counted.
                        if key.starts_with("text:")
                            && (label.contains("金额") || label.contains("资金"))
                        {
                            if let Some(counted) =
                                last_key.as_ref().filter(|k| k.ends_with(".amount"))
                            {
                                key = counted.clone();
                            }
                        }
                        if matches!(
                            key.as_str(),
                            "income.total"
                                | "income.current"
                                | "expenditure.total"
                                | "expenditure.current"
                        ) {
                            totals_seen.push(key.clone());
                        }
                        last_key = Some(key.clone());
                        first_key.get_or_insert_with(|| key.clone());
                        keyed_at.push((i, key.clone()));
                        out.push(fact(key, value, i));
                    }
                }
            } else if after.starts_with('%') {
                // `减少1.5万元（42.86%）`: the change's own rate.
                let bracketed = last_change
                    .filter(|(_, end)| matches!(&sentence[*end..i], "（" | "("))
                    .map(|(dir, _)| dir);
                let worded = change.is_some();
                let change =
                    change.or(bracketed.and_then(|dir| CHANGES.iter().find(|(_, d)| *d == dir)));
                let base = if change.is_some() && sentence[..i].contains("其中") {
                    first_key.as_ref()
                } else {
                    last_key.as_ref()
                };
                // A change's rate is of what the change was about (`人员经费增加50.35万元，增长
                // 18.68%` in a sentence about the totals).
                let base = match change {
                    Some(_) => change_base.as_ref().or(base),
                    None => base.or(change_base.as_ref()),
                };
                // `占收入预算总额的90.3%`: a share that names the total it is of.
                // A total no key names keeps its words (`占总支出的45.46%`: `text:总支出`).
                let share = SHARE_OF.captures(before);
                let share_of = share.as_ref().map(|c| key_for(&c[1]));
                // `财政拨款收入1,077.36万元（其中，一般公共预算…0万元），占收入合计93.57%`: the
                // share is of the figure before the bracket, not of the last one inside it.
                let speaks_of_share = share.is_some() || before.ends_with('占');
                let stem = share.as_ref().map_or_else(
                    || before.strip_suffix('占').unwrap_or(before),
                    |c| &before[..c.get(0).expect("match").start()],
                );
                let stem = stem.trim_end_matches(['，', ',']);
                let bracketed = stem.ends_with(['）', ')']).then(|| {
                    let mut depth = 0;
                    stem.char_indices().rev().find_map(|(at, c)| {
                        match c {
                            '）' | ')' => depth += 1,
                            '（' | '(' => depth -= 1,
                            _ => {}
                        }
                        (depth == 0).then_some(at)
                    })
                });
                let outer = bracketed
                    .flatten()
                    .and_then(|open| keyed_at.iter().rev().find(|(at, _)| *at < open))
                    .map(|(_, key)| key.clone());
                let base = match outer.as_ref() {
                    Some(outer) if speaks_of_share => Some(outer),
                    _ => base,
                };
                if let (Some(h), Some(base)) = (hundredths(num), base) {
                    let key =
                        if change.is_some() || before.ends_with("增长") || before.ends_with("下降")
                        {
                            format!("{base}.change_pct")
                        } else if before.ends_with('占')
                            || before.ends_with("占比")
                            || before.ends_with("占比为")
                            || share_of.is_some()
                        {
                            format!("{base}.share")
                        } else {
                            format!("{base}.pct")
                        };
                    let pct_direction = change.map(|(_, d)| *d);
                    let is_change = key.ends_with(".change_pct");
                    let is_share = key.ends_with(".share");
                    out.push(fact(key.clone(), FactValue::Percent(h), i));
                    if let (true, Some(of)) = (is_share, share_of) {
                        out.push(fact(format!("{key}.of"), FactValue::Text(of), i));
                    }
                    // A change printed with the template's choice of word takes the word of
                    // the rate printed right after it (`增加(减少)67.65万元，增长100%`).
                    if let (true, true, Some(dir)) = (is_change, worded, pct_direction) {
                        if let Some(j) = last_direction.filter(|j| undecided.last() == Some(j)) {
                            undecided.pop();
                            out[j].value = FactValue::Text(dir.to_owned());
                        }
                    }
                    // The rate's own direction word, to compare with the amount's.
                    if let (true, Some(dir)) = (is_change, pct_direction) {
                        out.push(fact(
                            format!("{key}.direction"),
                            FactValue::Text(dir.to_owned()),
                            i,
                        ));
                    }
                }
            } else if after.starts_with('个')
                && (before.ends_with("项目") || before.contains("项目"))
            {
                if let Ok(n) = num.parse::<i64>() {
                    let label = label_before(before);
                    let key = key_for(&label).replace(".amount", ".count");
                    let key = if key.starts_with("text:") {
                        format!("{key}.count")
                    } else {
                        key
                    };
                    last_key = Some(key.replace(".count", ".amount"));
                    out.push(fact(key, FactValue::Count(n), i));
                }
            }
            i += len;
        }
        // `A小于B`: a comparison between the figures either side of the word.
        for word in ["大于", "小于", "等于", "高于", "低于"] {
            for (at, _) in sentence.match_indices(word) {
                let left = figures.iter().rev().find(|(p, _)| *p < at);
                let right = figures.iter().find(|(p, _)| *p > at);
                // `本年数小于上年预算数40.05万元`: the figure after a last-year noun is the
                // difference from a figure not printed here, not the other side.
                let difference = right.is_some_and(|(p, _)| {
                    let between = &sentence[at + word.len()..*p];
                    between.contains("上年") || between.contains("同期")
                });
                if let (Some((_, a)), Some((_, b)), false) = (left, right, difference) {
                    out.push(fact(
                        "comparison".to_owned(),
                        FactValue::Text(format!(
                            "{}{}|{word}|{}{}",
                            a,
                            a.unit.label(),
                            b,
                            b.unit.label()
                        )),
                        at,
                    ));
                }
            }
        }
        // A templated change no rate decided has no direction.
        for j in undecided.into_iter().rev() {
            out.remove(j);
        }
        // A sentence of words alone (a reason) leaves the figure before it the one a
        // comparison opening the next speaks of (`…增长15.82%。主要原因是…。较年初预算数减少…`).
        if last_key.is_some() || !figures.is_empty() {
            previous = last_key.clone();
        }
        if let Some(base) = &last_key {
            if let Some(at) = ["相同", "持平"].iter().find_map(|w| sentence.find(w)) {
                out.push(fact(
                    format!("{base}.change.direction"),
                    FactValue::Text("持平".to_owned()),
                    at,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, String)> {
        let lines = [TextLine {
            text,
            page: None,
            line: Some(1),
        }];
        facts(&lines)
            .into_iter()
            .map(|f| {
                let v = match f.value {
                    FactValue::Money(p) => format!("{p}{}", p.unit.label()),
                    FactValue::Percent(h) => format!("{}.{:02}%", h / 100, h % 100),
                    FactValue::Count(n) => format!("{n}个"),
                    FactValue::Text(t) => t,
                };
                (f.key, v)
            })
            .collect()
    }

    /// `…同比减少47.43万元，同比下降14.42%。与上年度基本持平。` (probe 23's 06): the sentence
    /// of its own says the figure before is level with last year's.
    #[test]
    fn a_level_sentence_of_its_own_speaks_of_the_figure_before() {
        let k = keys("基本支出281.6万元,同比减少47.43万元,同比下降14.42%。与上年度基本持平。");
        assert!(
            k.contains(&(
                "expenditure.basic.change.direction".to_owned(),
                "持平".to_owned()
            )),
            "{k:?}"
        );
    }

    /// A 2021 决算 outside the repository (probe 6's 08): the share after a bracket of the
    /// figure's funds is the figure's, named 收入合计, not the last fund's 0万元.
    #[test]
    fn a_share_after_a_bracket_is_the_figure_s_before_it() {
        let got = keys("本年收入合计1,151.41万元；包括财政拨款收入1,077.36万元（其中，一般公共预算1,077.36万元，政府性基金预算0万元），占收入合计93.57%；");
        assert!(
            got.contains(&("income.fiscal.share".to_owned(), "93.57%".to_owned())),
            "{got:?}"
        );
        assert!(
            got.contains(&(
                "income.fiscal.share.of".to_owned(),
                "income.current".to_owned()
            )),
            "{got:?}"
        );
    }

    #[test]
    fn a_sentence_comparing_with_a_named_year_speaks_of_the_last_figure() {
        let lines = [
            TextLine {
                text: "2022年度收入总计500.00万元，支出总计500.00万元。",
                page: None,
                line: Some(1),
            },
            TextLine {
                text: "与2021年相比，收、支总计各增加100.00万元，增长25.00%。",
                page: None,
                line: Some(2),
            },
        ];
        let got: Vec<String> = facts(&lines).into_iter().map(|f| f.key).collect();
        assert!(
            got.contains(&"expenditure.total.change".to_owned()),
            "{got:?}"
        );
        assert!(
            got.contains(&"expenditure.total.change_pct".to_owned()),
            "{got:?}"
        );
        assert!(compared_with_a_year("比2021年增加"));
        assert!(!compared_with_a_year("与2021年度预算持平"));
    }

    /// `…收、支总计各增加182.78万元，增长35.22%，主要原因：一是人员经费增加50.35万元，增长
    /// 18.68%` (a district bureau's 2017 决算, probe 13): a change that names what changed is
    /// of that, and so is its rate.
    #[test]
    fn a_change_naming_its_subject_is_that_subject_s() {
        let got = keys("2017年度收入总计701.73万元，支出总计701.73万元。与2016年相比，收、支总计各增加182.78万元，增长35.22%，主要原因：一是人员经费增加50.35万元，增长18.68%。");
        assert!(
            got.contains(&("expenditure.personnel.change".into(), "50.35万元".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("expenditure.personnel.change_pct".into(), "18.68%".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("expenditure.total.change_pct".into(), "35.22%".into())),
            "{got:?}"
        );
    }

    /// `收支较上年决算数减少289.23万元、下降47.4%，主要原因是(1)本年度财政拨款收入、支出均较上年
    /// 决算数减少358.94万元，下降61.7%` (a kindergarten's 2021 决算, probe 14): the words
    /// before the comparison name what changed, the first of two joined by 、.
    #[test]
    fn a_change_named_before_its_comparison_is_that_subject_s() {
        let got = keys("2021年度收入总计321.30万元，支出总计321.30万元。收支较上年决算数减少289.23万元、下降47.4%，主要原因是(1)本年度财政拨款收入、支出均较上年决算数减少358.94万元，下降61.7%；");
        assert!(
            got.contains(&("income.fiscal.change".into(), "358.94万元".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("income.fiscal.change_pct".into(), "61.70%".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("expenditure.total.change_pct".into(), "47.40%".into())),
            "{got:?}"
        );
    }

    /// `2022年收入预算998.51万元，比2021年1,204.33万元减少205.82万元` (a forest farm's 2022
    /// budget, probe 16): the figure in the comparison is last year's, and the change is
    /// the subject's.
    #[test]
    fn last_year_s_figure_in_the_comparison() {
        let got = keys("2022年收入预算998.51万元，比2021年1,204.33万元减少205.82万元，下降17.1%。");
        for want in [
            ("income.total", "998.51万元"),
            ("prior.income.total", "1204.33万元"),
            ("income.total.change", "205.82万元"),
        ] {
            assert!(
                got.contains(&(want.0.into(), want.1.into())),
                "{want:?} in {got:?}"
            );
        }
    }

    /// Last year's figure named again in its comparison (`较2017年部门预算收入总数…元`, a
    /// town's 2018 budget, probe 18's 03), and the budget of the sentence's own year (`与2016
    /// 年公共财政预算收入…万元，相比增加`, probe 18's 04), which the change is then against; a
    /// change word after the comparison is no name (`比上年减收1070万元` prints the change).
    #[test]
    fn last_year_s_figure_named_again_in_the_comparison() {
        let got = keys(
            "2018年部门预算收入总数8105563.00元，较2017年部门预算收入总数8014212.00元增长1.13%。",
        );
        assert!(
            got.contains(&("prior.income.total".into(), "8014212.00元".into())),
            "{got:?}"
        );
        let got = keys("2016年度收入总计9,937.38万元，与2016年公共财政预算收入1631.06万元，相比增加8306.32万元，增长509.25%。");
        for want in [
            ("income.total.change.against", "预算数"),
            ("prior.income.total", "1631.06万元"),
            ("income.total.change", "8306.32万元"),
        ] {
            assert!(
                got.contains(&(want.0.into(), want.1.into())),
                "{want:?} in {got:?}"
            );
        }
        let got = keys("税收收入8103万元，比上年增收1284万元，增长18.8%。");
        assert!(!got.iter().any(|(k, _)| k.starts_with("prior.")), "{got:?}");
        // Last year's figure named as this year's with 上年 before it, and a rate after
        // `相比增` (a school's 2019 决算, probe 20's 10).
        let got =
            keys("2019年收入决算43187160.08元，上年收入决算39312554.51元，与上年相比增9.85%。");
        for want in [
            ("prior.text:2019年收入决算", "39312554.51元"),
            ("text:2019年收入决算.change_pct", "9.85%"),
        ] {
            assert!(
                got.contains(&(want.0.into(), want.1.into())),
                "{want:?} in {got:?}"
            );
        }
        // A comparison closed by 相比 prints no figure of last year's (`与2016年相比21.79万元，
        // 增加14.01%`, probe 20's 12, its 增加 dropped).
        let got = keys("2017年收入177.28万元，与2016年相比21.79万元，增加14.01%。");
        assert!(!got.iter().any(|(k, _)| k.starts_with("prior.")), "{got:?}");
    }

    /// `…收入总计6955.73万元，支出总计6,954.57万元。与2015年决算数相比，收入增加950.05万元、增长
    /// 15.82%，…。支出增加841.13万元，增长13.36%` (a procuratorate's 2016 决算, probe 16): a
    /// comparison may name what of the year it compares, and 收入 / 支出 alone name the totals.
    #[test]
    fn income_and_spending_alone_name_the_totals() {
        let got = keys("本部门2016年度收入总计6955.73万元，支出总计6,954.57万元。与2015年决算数相比，收入增加950.05万元、增长15.82%，主要原因是项目增加。支出增加841.13万元，增长13.36%，主要原因是购置办案工作区。");
        for want in [
            ("income.total.change", "950.05万元"),
            ("income.total.change_pct", "15.82%"),
            ("expenditure.total.change", "841.13万元"),
            ("expenditure.total.change_pct", "13.36%"),
        ] {
            assert!(
                got.contains(&(want.0.into(), want.1.into())),
                "{want:?} in {got:?}"
            );
        }
        assert!(compared_with_a_year("与2015年决算数相比，收入增加"));
    }

    /// `财政拨款收入6955.73万元，较上年决算数增加950.05万元，增长15.82%。主要原因是…。较年初预算数
    /// 减少1311.69万元，下降15.86%。` (probe 16's 06): after a sentence of words alone, a
    /// comparison with the budget speaks of the figure before, against its budget.
    #[test]
    fn a_comparison_with_the_budget_after_a_reason() {
        let got = keys("本部门2016年度财政拨款收入6955.73万元，较上年决算数增加950.05万元，增长15.82%。主要原因是项目增加。较年初预算数减少1311.69万元，下降15.86%。");
        for want in [
            ("income.fiscal.change.against", "预算数"),
            ("income.fiscal.change", "1311.69万元"),
            ("income.fiscal.change_pct", "15.86%"),
        ] {
            assert!(
                got.contains(&(want.0.into(), want.1.into())),
                "{want:?} in {got:?}"
            );
        }
    }

    /// `各增加(减少)67.65万元，增长100%` (a kindergarten's first 决算, probe 12): a change printed
    /// with the template's choice of word takes the word of the rate right after it; with no
    /// rate of its own word, its direction is unknown and not recorded.
    #[test]
    fn a_templated_change_takes_its_rate_s_word() {
        let got = keys("2023年度收入总计67.65万元，支出总计67.65万元，与2022年度相比，收入、支出总计各增加(减少)67.65万元，增长100%。");
        assert!(
            got.contains(&("expenditure.total.change.direction".into(), "增加".into())),
            "{got:?}"
        );
        let got = keys("因公出国(境)经费0万元，较上年增加(减少)0万元(0%)；运行费17万元，比上年减少0.5万元，下降2.85%。");
        let directions: Vec<&(String, String)> = got
            .iter()
            .filter(|(k, _)| k.ends_with(".change.direction"))
            .collect();
        assert_eq!(directions.len(), 1, "{got:?}");
        assert_eq!(directions[0].1, "减少");
    }

    /// `占总支出的45.46%` (a medical college's 2016 决算): a share of a total no key names
    /// keeps the total's words.
    #[test]
    fn a_share_keeps_the_words_of_its_total() {
        let got = keys("其中基本支出12,270.36万元，占总支出的45.46%，项目支出14,629.33万元。");
        assert!(
            got.contains(&("expenditure.basic.share".into(), "45.46%".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("expenditure.basic.share.of".into(), "text:总支出".into())),
            "{got:?}"
        );
    }

    /// `收支较上年决算数增加1995.90万元` after a sentence of both totals (a CDC's 2021 决算):
    /// the change is of the totals just printed.
    #[test]
    fn a_sentence_comparing_both_totals_speaks_of_them() {
        let lines = [
            TextLine {
                text: "2021年度收入总计16062.73万元，支出总计16062.73万元。",
                page: None,
                line: Some(1),
            },
            TextLine {
                text: "收支较上年决算数增加1995.90万元，增长14.18%，主要原因是项目资金增加。",
                page: None,
                line: Some(2),
            },
        ];
        let got: Vec<String> = facts(&lines).into_iter().map(|f| f.key).collect();
        assert!(
            got.contains(&"expenditure.total.change_pct".to_owned()),
            "{got:?}"
        );
    }

    /// `比上年减少支出613.80万元` (a district's 2017 “三公” notice): the words between the
    /// change word and its figure name what changed; the change is the total's.
    #[test]
    fn what_changed_may_stand_between_the_word_and_the_figure() {
        let got =
            keys("“三公”经费公共财政拨款支出1360.13万元，比上年减少支出613.80万元，下降36.0%。");
        assert!(
            got.contains(&("three_public.total.change".into(), "613.80万元".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("three_public.total.change_pct".into(), "36.00%".into())),
            "{got:?}"
        );
    }

    #[test]
    fn a_rate_in_brackets_after_a_change_is_its_rate() {
        let got = keys(
            "公务接待费2.30万元，较上年减少1.5万元（42.86%），减少的主要原因是压缩接待费开支。",
        );
        assert!(
            got.contains(&("three_public.reception.change_pct".into(), "42.86%".into())),
            "{got:?}"
        );
        assert!(got.contains(&(
            "three_public.reception.change_pct.direction".into(),
            "减少".into()
        )));
    }

    #[test]
    fn reads_amounts_shares_and_changes() {
        let got = keys("2024年度长治市残疾人联合会支出预算1180.23万元，其中：基本支出329.83万元，占27.95%；项目支出850.4万元，占72.05%。");
        assert_eq!(
            got,
            [
                ("expenditure.total".into(), "1180.23万元".into()),
                ("expenditure.basic".into(), "329.83万元".into()),
                ("expenditure.basic.share".into(), "27.95%".into()),
                ("expenditure.project".into(), "850.4万元".into()),
                ("expenditure.project.share".into(), "72.05%".into()),
            ]
        );
        let got = keys("本单位机关运行经费财政拨款预算50.47万元，比2023年预算增加19.79万元，增长64.5%，原因是公用经费增加。");
        assert_eq!(got[0], ("admin_running_cost".into(), "50.47万元".into()));
        assert_eq!(
            got[1],
            ("admin_running_cost.change".into(), "19.79万元".into())
        );
        assert_eq!(
            got[2],
            ("admin_running_cost.change.direction".into(), "增加".into())
        );
        assert_eq!(
            got[3],
            ("admin_running_cost.change_pct".into(), "64.50%".into())
        );
        let got = keys("公务接待费0.20万元，与上年预算数相同；");
        assert_eq!(
            got.last().unwrap(),
            &(
                "three_public.reception.change.direction".to_owned(),
                "持平".to_owned()
            )
        );
    }

    #[test]
    fn a_figure_after_a_last_year_noun_is_a_difference_not_a_side() {
        let comparisons = |text: &str| -> Vec<String> {
            keys(text)
                .into_iter()
                .filter(|(k, _)| k == "comparison")
                .map(|(_, v)| v)
                .collect()
        };
        // Issue 13's reviewers: 40.05 is how much smaller, not what 116.5 is compared with.
        assert!(comparisons("本年收入116.5万元，本年数小于上年预算数40.05万元。").is_empty());
        assert_eq!(
            comparisons("决算数1511.89万元，小于预算数1560.05万元。"),
            ["1511.89万元|小于|1560.05万元"]
        );
    }
}
