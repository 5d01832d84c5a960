use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Location, Severity};

use crate::util::{starts_in, text_windows, Cx};
use crate::Rule;

/// R-RESIDUE: template residue left in the document.
pub struct Residue;

/// Words a template leaves for the author to replace.
const RESIDUE: &[&str] = &[
    "XX",
    "xx",
    "××",
    // Names masked out (probe 9, 12: `********支出2万元`).
    "****",
    "增长（下降）",
    "增加（减少）",
    "增长(下降)",
    "增加(减少)",
    // probe 21: 08, a 2020 决算 (`较上年度决算数增加(或减少)0万元,增长(或下降)0%`)
    "增加(或减少)",
    "增加（或减少）",
    "减少(或增加)",
    "减少（或增加）",
    "增长(或下降)",
    "增长（或下降）",
    "下降(或增长)",
    "下降（或增长）",
    "下降（增长）",
    "减少（增加）",
    "下降(增长)",
    "减少(增加)",
    // probe 18: 03, a town's 2018 budget (`较2017年决算下降(上升)0%`)
    "下降（上升）",
    "上升（下降）",
    "下降(上升)",
    "上升(下降)",
    // A choice of words left for the author to make.
    "增加/减少",
    "减少/增加",
    "增长/下降",
    "下降/增长",
    "大于/小于",
    "高于/低于",
    // A figure left unfilled before its unit (`占基本支出预算%`, `为万元`).
    "占%",
    "为%",
    "增长%",
    "下降%",
    "为万元",
    "增加万元",
    "减少万元",
    "预算%",
    // An alternative the template offers, left in brackets.
    "（或与预算数持平）",
    "(或与预算数持平)",
    "（或持平）",
    "(或持平)",
    "待填写",
    // A blank to fill left as its underline (probe 20's 06, a table titled
    // `_2014__年“三公”经费预算财政拨款情况统计表`).
    "___",
    "__年",
    "请填写",
    "（略）",
    // Notes a template writes for its author, left in the published text.
    "（增加内容）",
    "(增加内容)",
    "为必填项",
    "仍保留该表格式",
    "规定品目名称填写",
    // probe 5: 20, a 绩效自评表's instructions (`说明…（100字以内）`) and 10, `参照公开模板进行
    // 专业名词解释`
    "字以内）",
    "字以内)",
    "参照公开模板",
    // probe 14: 07, a list left as the template's ellipsis and its note to the author
    // (`本部门内设机构包括……。…（注：如无下属单位，应写明“本部门无下属单位”）`); 09, the
    // template's instruction before the text (`…构成进行详细说明。如：`).
    "包括……",
    "包括:……",
    "包括：……",
    "应写明",
    "详细说明。如：",
    "详细说明。如:",
    // A reason announced and never given.
    "主要原因是。",
    "主要原因：。",
    "主要原因是：。",
];

impl Rule for Residue {
    fn id(&self) -> &'static str {
        "R-RESIDUE"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "模板残留文字（XX、增长（下降）、待填写）"
    }
    fn doc(&self) -> &'static str {
        "Placeholders a template leaves for the author — XX, ××, 增长（下降）, 增加（减少）, 增加（或减少）, 待填写, a blank left as its underline (`___`, `__年`), \
a choice left open (增加/减少, 大于/小于), a figure left unfilled before its unit (占%, \
为万元, 预算%), one direction of a pair left in its brackets (`较上年(减少)16.23万元`), \
a template's instruction (`（100字以内）`, 参照公开模板) — \
in table titles, the explanation's sentences and project texts; and “省直部门” (单位, 行政, 机关) in the text of a \
unit whose name places it below a province (市, 区 or 县 and no 省), a province's template \
wording. Why: they show the document was published unfinished or copied from another level's \
template."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let mut texts: Vec<(String, Location)> = Vec::new();
        for t in &cx.report.tables {
            texts.push((t.title.clone(), cx.at(t, None, None)));
            // The notes under the table, each table's on their own: a template note left
            // under six tables is six findings, one where each is printed.
            if !t.notes.is_empty() {
                let joined: String = t.notes.iter().map(|l| l.text.as_str()).collect();
                let location = Location {
                    page: t.notes[0].page.or(t.page),
                    line: t.notes[0].line,
                    ..cx.at(t, None, None)
                };
                texts.push((joined, location));
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for f in &cx.report.facts {
            if let Some(s) = f.sentence.as_deref().filter(|s| !seen.contains(s)) {
                seen.push(s);
                texts.push((s.to_owned(), crate::rules::text_figures::fact_at(cx, f)));
            }
        }
        // The running text line by line (with the next line, a phrase may wrap) and the
        // projects' texts: what no fact sentence or title above already holds.
        for p in &cx.report.projects {
            texts.push((
                p.name.clone(),
                Location {
                    row: Some(p.name.clone()),
                    ..cx.at_file()
                },
            ));
        }
        // A line's window (the line and the next, a phrase may wrap) reports the words that
        // start on the line itself: the next line's are its own.
        let mut windows: Vec<(String, Location, usize)> = Vec::new();
        for (window, own, location) in text_windows(cx) {
            let Some((_, at)) = starts_in(&window, own, RESIDUE) else {
                continue;
            };
            let snippet: String = window[at..].chars().take(6).collect();
            if !texts.iter().any(|(t, _)| squeeze(t).contains(&snippet)) {
                windows.push((window, location, own));
            }
        }
        // A province's template in a city's or county's report: its departments are not
        // 省直部门 (the seed's 名词解释 copies the 山西 provincial wording).
        let unit = &cx.report.meta.unit_name;
        let below_province =
            !unit.contains('省') && ['市', '区', '县'].iter().any(|c| unit.contains(*c));
        if below_province {
            for (window, own, location) in text_windows(cx) {
                let word = starts_in(
                    &window,
                    own,
                    &["省直部门", "省直单位", "省直行政", "省直机关"],
                );
                if let Some((word, _)) = word {
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "文中写“{word}”，但{unit}不是省级单位，疑为省级模板残留：{}",
                                excerpt(&window, word)
                            ),
                            location,
                        )
                        .with_hint("改为本级的说法，如“市直部门”“区级部门”"),
                    );
                }
            }
        }
        // `较上年(减少)16.23万元`, `(减)幅`: one direction of a template's pair, its brackets
        // left on (probe 5, 15).
        static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"[（(](?:增|减|增加|减少|增长|下降)[)）](?:[0-9]|幅)").expect("valid")
        });
        let texts = texts
            .into_iter()
            .map(|(t, l)| {
                let own = t.len();
                (t, l, own)
            })
            .chain(windows);
        for (text, location, own) in texts {
            // `增加(减少)` is a pair, found above as a whole.
            let paired = |at: usize| {
                ["增加", "减少", "增长", "下降", "增", "减"]
                    .iter()
                    .any(|w| text[..at].ends_with(w))
            };
            for m in BRACKETED
                .find_iter(&text)
                .filter(|m| m.start() < own && !paired(m.start()))
            {
                let word = m.as_str().trim_end_matches(|c: char| c.is_ascii_digit());
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "文中留有模板的括注「{word}」：{}",
                            excerpt(&text, m.as_str())
                        ),
                        location.clone(),
                    )
                    .with_hint("去掉括号，只留实际的增减"),
                );
            }
            // Every residue of the text, once: a word inside a longer one found is that one.
            let found: Vec<&str> = RESIDUE
                .iter()
                .copied()
                .filter(|w| stands_alone(&text, w, own))
                .collect();
            let distinct = found
                .iter()
                .filter(|w| !found.iter().any(|v| v != *w && v.contains(**w)));
            for word in distinct {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!("文中留有模板文字「{word}」：{}", excerpt(&text, word)),
                        location.clone(),
                    )
                    .with_hint("替换为实际内容"),
                );
            }
        }
    }
}

/// Whether a residue word is printed as itself: `XX` between Latin letters or digits is
/// part of a code (`索引号yxxzf5/2024-00033`), not a placeholder.
fn stands_alone(text: &str, word: &str, own: usize) -> bool {
    text.match_indices(word).any(|(i, _)| {
        if i >= own {
            return false;
        }
        if !word.is_ascii() {
            return true;
        }
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        ![before, after]
            .iter()
            .any(|c| c.is_some_and(|c| c.is_ascii_alphanumeric()))
    })
}

/// About twenty characters around the word.
fn excerpt(text: &str, word: &str) -> String {
    let at = text.find(word).unwrap_or(0);
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(10)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(word.chars().count() + 10)
        .map_or(text.len(), |(i, _)| at + i);
    format!("…{}…", &text[start..end])
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
