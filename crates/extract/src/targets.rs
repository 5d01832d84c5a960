//! 项目支出绩效目标表 in plain text: the project header, its funds (实施期 and 年度
//! columns interleaved), its texts, its goals and its indicators. The grid's two halves
//! come out interleaved and wrapped at different widths, so indicators are read as a
//! stream — name fragments until a value, a value with its unit fragments — and the two
//! periods are told apart by pairing each indicator with its twin of the other half.

use yusuan_model::{Amount, FundSplit, Indicator, IndicatorPeriod, IndicatorValue, Project};

const LEVEL1: &[&str] = &["产出指标", "效益指标", "满意度指标"];
const LEVEL2: &[&str] = &[
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
];
/// Words a target can be instead of a figure.
const QUALITATIVE: &[&str] = &[
    "及时",
    "提升",
    "提高",
    "完善",
    "满意",
    "保障",
    "优异",
    "优秀",
    "良好",
    "明显",
    "显著",
    "有效",
    "改善",
    "增强",
    "合格",
    "达标",
    "健全",
    "规范",
    "稳定",
    "按时",
    "是",
    "否",
    "好",
    "较好",
    "逐步提高",
    "持续",
    "长期",
    "降低",
    "减少",
    "增加",
];

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Removes spaces next to CJK text (`2024 年` → `2024年`), keeps them between ASCII words.
fn tidy(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let ascii = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if ascii(prev.as_ref()) && ascii(next) && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(*c);
    }
    out
}

/// Page numbers (`-30-`) and the running title printed inside a cell at a page break.
fn is_furniture(line: &str) -> bool {
    let t = squeeze(line);
    t.starts_with('-') && t.ends_with('-') && t.len() <= 6
        || t.contains("预算公开") && t.ends_with("报告")
}

/// Reads every 项目支出绩效目标表 of a plain-text report.
pub fn projects(lines: &[&str]) -> Vec<Project> {
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = squeeze(l);
            t.contains("绩效目标表") && t.chars().count() < 40 && !t.starts_with('（')
        })
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let body: Vec<&str> = lines[start..end]
            .iter()
            .copied()
            .filter(|l| !l.trim().is_empty() && !is_furniture(l))
            .collect();
        // The last table runs until the next part of the document.
        let stop = body.iter().position(|l| {
            let t = squeeze(l);
            t.starts_with("十一、") || t.starts_with("第四部分") || t.starts_with("十二、")
        });
        let body = &body[..stop.unwrap_or(body.len())];
        if let Some(p) = project(body) {
            out.push(p);
        }
    }
    out
}

fn find(lines: &[&str], from: usize, key: &str) -> Option<usize> {
    lines
        .iter()
        .skip(from)
        .position(|l| squeeze(l).starts_with(key))
        .map(|i| i + from)
}

/// The text between two labels, the first label removed.
fn between(lines: &[&str], start: Option<usize>, end: Option<usize>, label: &str) -> String {
    let (Some(s), Some(e)) = (start, end) else {
        return String::new();
    };
    if e < s {
        return String::new();
    }
    let joined = lines[s..e]
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join("");
    let t = tidy(&joined);
    // The label may wrap (`保证项目实施的制` / `度、措施`): drop it character by character.
    let mut rest = t.as_str();
    for c in label.chars() {
        rest = rest.strip_prefix(c).unwrap_or(rest);
    }
    rest.trim_start_matches(['：', ':']).to_owned()
}

fn project(lines: &[&str]) -> Option<Project> {
    let name_at = find(lines, 0, "项目名称")?;
    let dept_at = find(lines, name_at, "主管部门");
    let name = between(lines, Some(name_at), dept_at, "项目名称");
    // 主管部门及代码 and 实施单位 share lines: the continuation lines carry both.
    let attr_at = find(lines, name_at, "项目属性");
    let (mut department, mut implementer) = (String::new(), String::new());
    if let (Some(d), Some(a)) = (dept_at, attr_at.filter(|a| Some(*a) >= dept_at)) {
        let mut in_impl = false;
        for (i, l) in lines[d..a].iter().enumerate() {
            let mut t = l.trim();
            if i == 0 {
                t = t.trim_start_matches("主管部门及代码").trim();
            }
            let parts: Vec<&str> = t.split_whitespace().collect();
            for (j, part) in parts.iter().enumerate() {
                if *part == "实施单位" {
                    in_impl = true;
                    continue;
                }
                if in_impl && j == 0 && parts.len() > 1 && !implementer.is_empty() {
                    // ` 联合会 会`: the first word continues the department.
                    department.push_str(part);
                    continue;
                }
                if in_impl {
                    implementer.push_str(part)
                } else {
                    department.push_str(part)
                }
            }
        }
    }
    let funds_at = find(lines, attr_at.unwrap_or(0), "项目资金");
    let (attribute, duration) = match (attr_at, funds_at) {
        (Some(a), Some(f)) => {
            let t = tidy(&lines[a..f].join(" "));
            let t = t.trim_start_matches("项目属性");
            match t.split_once("项目期") {
                Some((attr, dur)) => (attr.trim().to_owned(), dur.trim().to_owned()),
                None => (t.trim().to_owned(), String::new()),
            }
        }
        _ => (String::new(), String::new()),
    };
    let overview_at = find(lines, funds_at.unwrap_or(0), "项目概况");
    let (funds_total, funds_annual) =
        funds(&lines[funds_at.unwrap_or(0)..overview_at.unwrap_or(0).max(funds_at.unwrap_or(0))]);
    let basis_at = find(lines, overview_at.unwrap_or(0), "立项依据");
    let necessity_at = find(lines, basis_at.unwrap_or(0), "项目设立必要性");
    let measures_at = find(lines, necessity_at.unwrap_or(0), "保证项目实施");
    let plan_at = find(lines, measures_at.unwrap_or(0), "项目实施计划");
    let goals_at = lines
        .iter()
        .position(|l| squeeze(l).starts_with("实施期目标"));
    let indicators_at = goals_at.and_then(|g| {
        lines
            .iter()
            .skip(g)
            .position(|l| squeeze(l) == "绩")
            .map(|i| i + g)
    });
    let (goal_total, goal_annual) = goals(
        &lines[goals_at.map_or(0, |g| g + 1)
            ..indicators_at
                .unwrap_or(lines.len())
                .max(goals_at.map_or(0, |g| g + 1))],
    );
    let sign_at = lines.iter().rposition(|l| squeeze(l).starts_with("负"));
    let indicators = indicators(
        &lines[indicators_at.unwrap_or(lines.len())
            ..sign_at
                .unwrap_or(lines.len())
                .max(indicators_at.unwrap_or(lines.len()))],
    );
    // The 14-digit stamp after 填报日期 wraps over lines; its first eight digits are the date.
    let filled_date = lines
        .iter()
        .position(|l| l.contains("填报日"))
        .map(|i| {
            // `填报日` / `期：` may wrap; the digits follow on up to three lines.
            let after = squeeze(lines[i].split("填报日").nth(1).unwrap_or(""));
            let rest = lines[i + 1..]
                .iter()
                .map(|l| squeeze(l))
                .skip_while(|t| t.starts_with("期"));
            let digits: String = std::iter::once(after)
                .chain(
                    rest.take_while(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                        .take(3),
                )
                .collect::<String>()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            digits.chars().take(8).collect::<String>()
        })
        .filter(|d| d.len() == 8)
        .unwrap_or_default();
    Some(Project {
        name,
        department,
        implementer,
        attribute,
        duration,
        project_type: None,
        func: None,
        overview: between(lines, overview_at, basis_at, "项目概况"),
        basis: between(lines, basis_at, necessity_at, "立项依据"),
        necessity: between(lines, necessity_at, measures_at, "项目设立必要性"),
        measures: between(lines, measures_at, plan_at, "保证项目实施的制度、措施"),
        plan: between(lines, plan_at, goals_at, "项目实施计划"),
        goal_total,
        goal_annual,
        filled_date,
        funds_total,
        funds_annual,
        indicators,
    })
}

/// 项目资金: each label is printed twice, 实施期 then 年度, its figure after it.
fn funds(lines: &[&str]) -> (FundSplit, FundSplit) {
    let joined = squeeze(&lines.join(""));
    let labels: [(&str, usize); 7] = [
        ("实施期资金总额：", 0),
        ("年度资金总额：", 0),
        ("中央财政资金", 1),
        ("省级财政资金", 2),
        ("市县（区）财政资金", 3),
        ("单位自筹", 4),
        ("其他资金", 5),
    ];
    let mut total = [None; 6];
    let mut annual = [None; 6];
    for (label, slot) in labels {
        // Each occurrence: the full label, or (when the figure was printed inside a
        // wrapped label, `市县` 150,000 `（区）财政资金`) its first two characters
        // right before a figure.
        let prefix: String = label.chars().take(2).collect();
        let mut at: Vec<usize> = joined
            .match_indices(label)
            .map(|(i, _)| i + label.len())
            .collect();
        for (i, _) in joined.match_indices(prefix.as_str()) {
            let after = i + prefix.len();
            let full = joined[i..].starts_with(label);
            if !full && joined[after..].starts_with(|c: char| c.is_ascii_digit()) {
                at.push(after);
            }
        }
        at.sort_unstable();
        let found: Vec<Option<Amount>> = at
            .iter()
            .map(|&at| {
                let digits: String = joined[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                    .collect();
                Amount::parse_yuan(&digits).ok()
            })
            .collect();
        match label {
            "实施期资金总额：" => total[0] = found.first().copied().flatten(),
            "年度资金总额：" => annual[0] = found.first().copied().flatten(),
            _ => {
                total[slot] = found.first().copied().flatten();
                annual[slot] = found.get(1).copied().flatten();
            }
        }
    }
    let split = |v: [Option<Amount>; 6]| FundSplit {
        total: v[0],
        central: v[1],
        provincial: v[2],
        local: v[3],
        self_raised: v[4],
        other: v[5],
    };
    (split(total), split(annual))
}

/// 实施期目标 then 年度目标: the first ends with its first full stop, or where lines
/// turn noticeably shorter.
fn goals(lines: &[&str]) -> (String, String) {
    // The vertical 总体目标 label comes in fragments.
    let text: Vec<String> = lines
        .iter()
        .map(|l| squeeze(l))
        .filter(|t| !t.is_empty() && !"总体目标".contains(t.as_str()))
        .collect();
    if text.is_empty() {
        return (String::new(), String::new());
    }
    // 实施期目标 ends at its first full stop, or at a line much shorter than its first.
    let first = text[0].chars().count();
    let stop = text
        .iter()
        .position(|t| t.ends_with('。'))
        .map_or(text.len(), |i| i + 1);
    let short = text
        .iter()
        .position(|t| t.chars().count() * 10 < first * 7)
        .map_or(text.len(), |i| i + 1);
    let cut = stop.min(short);
    let (a, b) = text.split_at(cut.min(text.len()));
    (tidy(&a.concat()), tidy(&b.concat()))
}

enum Piece {
    /// Name endings printed after both halves' values (` 及时性 及时性`): one per
    /// indicator, for the last ones read.
    Tail(Vec<String>),
    Level1(String),
    Level2(String),
    Name(String),
    Value(String),
}

fn starts_value(t: &str) -> bool {
    t.starts_with(['≥', '≤', '>', '<', '=', '＞', '＜', '＝'])
        || t.starts_with(|c: char| c.is_ascii_digit())
        || QUALITATIVE.contains(&t)
}

/// What may follow a number inside one value: units and date parts.
fn continues_value(value: &str, t: &str) -> bool {
    // `≤` alone on its line: the number follows.
    if !value.chars().any(|c| c.is_ascii_digit()) {
        return t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    }
    t.chars().count() <= 6
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || "年月日元人次份户个项场天/万%台套辆期名例条所家篇册平方米.前后件至".contains(c)
        })
}

fn indicators(lines: &[&str]) -> Vec<Indicator> {
    // Tokens: lines split at spaces. A line that starts with a space after a value and
    // holds only text is a run of name endings.
    let mut tokens: Vec<String> = Vec::new();
    let mut tails: Vec<(usize, Vec<String>)> = Vec::new();
    let split = |l: &str| -> Vec<String> { l.split_whitespace().map(str::to_owned).collect() };
    // A label's ending (`度指标`, `标`) is no name ending.
    let fragment = |w: &String| {
        !starts_value(w)
            && !LEVEL1.iter().chain(LEVEL2).any(|x| x.ends_with(w.as_str()))
            && w.chars().count() > 1
    };
    let mut k = 0;
    while k < lines.len() {
        let l = lines[k];
        let words = split(l);
        k += 1;
        let tail = l.starts_with(' ')
            && !words.is_empty()
            && words.iter().all(fragment)
            && tokens
                .last()
                .is_some_and(|t| starts_value(t) || continues_value("0", t));
        if !tail {
            if !(l.starts_with(' ') && mend_row_endings(&mut tokens, &words)) {
                tokens.extend(words);
            }
            continue;
        }
        if words.len() > 1 {
            // One ending per column on one line.
            tails.push((tokens.len(), words));
            continue;
        }
        // One word: the endings may run on over the next lines (` 展及时`, `性`, `展及时`,
        // `性`). Followed by a value, the words were the next indicator's name instead.
        let mut group = words.clone();
        let mut j = k;
        while let Some(next) = lines.get(j) {
            let ws = split(next);
            // A one-character ending (`性`) may stand alone on its line.
            let short = ws.len() == 1
                && ws[0].chars().count() == 1
                && !starts_value(&ws[0])
                && !LEVEL1
                    .iter()
                    .chain(LEVEL2)
                    .any(|x| x.ends_with(ws[0].as_str()));
            if ws.len() != 1 || !(fragment(&ws[0]) || short) {
                break;
            }
            group.extend(ws);
            j += 1;
        }
        let then_value = lines
            .get(j)
            .and_then(|l| l.split_whitespace().next())
            .is_some_and(starts_value);
        if then_value {
            tokens.extend(words);
        } else {
            tails.push((tokens.len(), group));
            k = j;
        }
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut i = 0;
    let mut name = String::new();
    while i < tokens.len() {
        if let Some((_, words)) = tails.iter().find(|(at, _)| *at == i) {
            if !name.is_empty() {
                pieces.push(Piece::Name(std::mem::take(&mut name)));
            }
            pieces.push(Piece::Tail(words.clone()));
        }
        let t = tokens[i].as_str();
        // A level label, possibly wrapped over several tokens; followed directly by a
        // value it is an indicator's name that repeats the label.
        let mut matched = None;
        for n in 1..=6.min(tokens.len() - i) {
            let joined: String = tokens[i..i + n].concat();
            if LEVEL1.contains(&joined.as_str()) || LEVEL2.contains(&joined.as_str()) {
                matched = Some((n, joined));
                break;
            }
        }
        if let Some((n, label)) = matched {
            let next_is_value = tokens.get(i + n).is_some_and(|t| starts_value(t));
            if !(next_is_value
                && LEVEL2.contains(&label.as_str())
                && name.is_empty()
                && !pieces.is_empty())
            {
                if !name.is_empty() {
                    pieces.push(Piece::Name(std::mem::take(&mut name)));
                }
                pieces.push(if LEVEL1.contains(&label.as_str()) {
                    Piece::Level1(label)
                } else {
                    Piece::Level2(label)
                });
                i += n;
                continue;
            }
        }
        // The vertical 一级 labels come one character a line.
        match t {
            "产" | "产出" => pieces.push(Piece::Level1("产出指标".into())),
            "效" | "效益" => pieces.push(Piece::Level1("效益指标".into())),
            // 满意 after a name is that indicator's value, not the vertical label.
            "满" | "满意" if name.is_empty() => pieces.push(Piece::Level1("满意度指标".into())),
            // Single characters between indicators are the vertical labels; inside a
            // name they are its wrapped end.
            _ if t.chars().count() == 1
                && "出指标益意度一级二三值".contains(t)
                && name.is_empty() => {}
            _ if starts_value(t)
                && (!name.is_empty()
                    || QUALITATIVE.contains(&t)
                    || t.starts_with(|c: char| !c.is_ascii_digit())) =>
            {
                let mut value = t.to_owned();
                let numeric = !QUALITATIVE.contains(&t);
                while numeric
                    && i + 1 < tokens.len()
                    && continues_value(&value, &tokens[i + 1])
                    && !starts_value_alone(&tokens[i + 1])
                {
                    i += 1;
                    value.push_str(&tokens[i]);
                }
                pieces.push(Piece::Name(std::mem::take(&mut name)));
                pieces.push(Piece::Value(value));
            }
            "指标值" | "三级指标" | "二级指标" | "一级指标" | "指标" | "二级" => {
            }
            _ => name.push_str(t),
        }
        i += 1;
    }
    // (level1, level2, name, value), in print order.
    let mut found: Vec<(String, String, String, String)> = Vec::new();
    let (mut l1, mut l2) = (String::new(), String::new());
    let mut pending: Option<String> = None;
    for p in pieces {
        match p {
            Piece::Level1(l) => l1 = l,
            Piece::Level2(l) => {
                if l == "成本指标" || l == "数量指标" {
                    l1 = "产出指标".into();
                }
                l2 = l;
            }
            Piece::Name(n) => pending = Some(n),
            Piece::Tail(words) => {
                // Twins (the same indicator in both halves) share their endings evenly.
                let twins = found.len() >= 2 && {
                    let (a, b) = (&found[found.len() - 2], &found[found.len() - 1]);
                    a.1 == b.1 && a.2 == b.2
                };
                let even = (1..words.len())
                    .find(|&k| words[..k].concat() == words[k..].concat())
                    .filter(|_| twins && words.len() > 2);
                if let Some(k) = even {
                    let ending = words[..k].concat();
                    let last = found.len();
                    for f in &mut found[last - 2..] {
                        f.2.push_str(&ending);
                    }
                    continue;
                }
                let n = words.len().min(found.len());
                let start = found.len() - n;
                for (f, w) in found[start..].iter_mut().zip(words) {
                    f.2.push_str(&w);
                }
            }
            Piece::Value(v) => {
                if let Some(n) = pending.take().filter(|n| !n.is_empty()) {
                    found.push((l1.clone(), l2.clone(), n, v));
                }
            }
        }
    }
    let mut period = vec![IndicatorPeriod::Implementation; found.len()];
    let mut paired = vec![false; found.len()];
    // The grid comes out row by row, 实施期 cell then 年度 cell, so inside one 二级 block
    // the indicators alternate between the halves — when both halves then hold the same
    // indicators. Halves listed in different orders (`参加 订阅 下乡 入户 | 订阅 下乡 入户
    // 参加`) are told apart only this way.
    let mut start = 0;
    while start < found.len() {
        let same = |f: &(String, String, String, String)| {
            (&f.0, &f.1) == (&found[start].0, &found[start].1)
        };
        let end = start + found[start..].iter().take_while(|f| same(f)).count();
        let run = &found[start..end];
        let names = |parity: usize| {
            let mut v: Vec<&str> = run
                .iter()
                .skip(parity)
                .step_by(2)
                .map(|f| f.2.as_str())
                .collect();
            v.sort_unstable();
            v
        };
        if run.len().is_multiple_of(2) && names(0) == names(1) {
            for k in start..end {
                paired[k] = true;
                if (k - start) % 2 == 1 {
                    period[k] = IndicatorPeriod::Annual;
                }
            }
        }
        start = end;
    }
    // Otherwise each indicator is printed in both halves: the first of a pair is 实施期.
    for a in 0..found.len() {
        if paired[a] {
            continue;
        }
        if let Some(b) = (a + 1..found.len())
            .find(|&b| !paired[b] && found[b].1 == found[a].1 && found[b].2 == found[a].2)
        {
            paired[a] = true;
            paired[b] = true;
            period[b] = IndicatorPeriod::Annual;
        }
    }
    let build = |which: IndicatorPeriod| {
        found
            .iter()
            .zip(&period)
            .filter(move |(_, p)| **p == which)
            .map(move |((l1, l2, n, v), _)| Indicator {
                period: which,
                level1: l1.clone(),
                level2: l2.clone(),
                name: n.clone(),
                value: IndicatorValue::parse(v),
            })
    };
    build(IndicatorPeriod::Implementation)
        .chain(build(IndicatorPeriod::Annual))
        .collect()
}

/// A line of cell endings under the last row (` 标 度指标 度 度指标 度`): the last line of
/// every wrapped cell of that row, label cells included, printed after its values. Each
/// ending is put back where it belongs, from the right: a label's ending completes the
/// nearest fragments that spell the label with it, a name's ending goes before the
/// nearest value. False, and nothing changed, when the line is not such a row.
fn mend_row_endings(tokens: &mut [String], words: &[String]) -> bool {
    let labels = || LEVEL1.iter().chain(LEVEL2);
    let label_end = |w: &str| labels().any(|x| x.ends_with(w) && *x != w);
    if words.len() < 2
        || !words.iter().any(|w| label_end(w))
        || words.iter().any(|w| starts_value(w))
        || !tokens.last().is_some_and(|t| starts_value(t))
    {
        return false;
    }
    let is_value = |t: &str| {
        t.starts_with(['≥', '≤', '>', '<', '＞', '＜'])
            || t.starts_with(|c: char| c.is_ascii_digit())
    };
    let floor = tokens.len().saturating_sub(24);
    let mut edits: Vec<(usize, &str)> = Vec::new();
    let mut cursor = tokens.len();
    for w in words.iter().rev() {
        let w = w.as_str();
        if label_end(w) {
            // The closest window before the cursor that spells a label with this ending.
            let found = (floor..cursor).rev().find_map(|b| {
                (b.saturating_sub(4).max(floor)..=b).rev().find_map(|a| {
                    let joined = format!("{}{w}", tokens[a..=b].concat());
                    labels().any(|x| *x == joined).then_some((a, b))
                })
            });
            let Some((a, b)) = found else { return false };
            edits.push((b, w));
            cursor = a;
        } else {
            let Some(v) = (floor..cursor).rev().find(|&i| is_value(&tokens[i])) else {
                return false;
            };
            if v == 0 || v - 1 < floor {
                return false;
            }
            edits.push((v - 1, w));
            cursor = v - 1;
        }
    }
    for (i, w) in edits {
        tokens[i].push_str(w);
    }
    true
}

/// A token that starts a value of its own (a comparator, a qualitative word), so it
/// does not continue the one before.
fn starts_value_alone(t: &str) -> bool {
    t.starts_with(['≥', '≤', '>', '<', '＞', '＜']) || QUALITATIVE.contains(&t)
}
