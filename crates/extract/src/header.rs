//! Table headers: header cells from stacked words, the leaf each value column sits
//! under, and its path of parents. Positions decide first; the official templates'
//! headers (`KNOWN_HEADERS`, `GROUPS`) decide where `pdftotext -layout` has moved or
//! wrapped them.

use std::sync::LazyLock;

use yusuan_pdf::Word;

use crate::grid::{overlap, Column};
use crate::names::squeeze;

/// A header cell: words stacked in one cell of the header, with its x extent.
#[derive(Clone, Debug)]
pub(crate) struct HeadCell {
    pub(crate) x0: f32,
    pub(crate) x1: f32,
    pub(crate) y: f32,
    pub(crate) text: String,
}

/// Header cells: words stacked with overlapping x extent belong to one cell.
pub(crate) fn header_cells(lines: &[(u32, f32, Vec<Word>)], label_end: f32) -> Vec<HeadCell> {
    let mut cells: Vec<HeadCell> = Vec::new();
    for (_, y, ws) in lines {
        let ws: Vec<Word> = ws.iter().flat_map(split_known_headers).collect();
        for w in ws.iter().filter(|w| w.x1 > label_end) {
            // A wrapped header continues the cell right above it with the same extent.
            let above = cells.iter_mut().rev().find(|c| {
                let ov = overlap(c.x0, c.x1, w.x0, w.x1);
                let gap = *y - c.y;
                // A known header is a cell of its own (`“三公”经费` over
                // `公务用车购置及运行维护费`).
                let known = known(&w.text);
                let wraps = gap < 1.6 * w.size && !is_header_word_complete(&c.text) && !known
                    // Tall cells space their lines wider: a fragment that grows into a
                    // known header still belongs to it.
                    || gap <= 2.5 * w.size && completes_known_header(&c.text, &w.text);
                ov > 0.5 * (w.x1 - w.x0).min(c.x1 - c.x0) && wraps
            });
            match above {
                Some(c) => {
                    c.text.push_str(&w.text);
                    c.x0 = c.x0.min(w.x0);
                    c.x1 = c.x1.max(w.x1);
                    c.y = *y;
                }
                None => cells.push(HeadCell {
                    x0: w.x0,
                    x1: w.x1,
                    y: *y,
                    text: w.text.clone(),
                }),
            }
        }
    }
    cells
}

/// Headers that pdftotext had room to part by one space only (`基本支出 项目支出`): one
/// word each when every part is a whole header or the start of one.
fn split_known_headers(w: &Word) -> Vec<Word> {
    let parts: Vec<&str> = w.text.split(' ').collect();
    // A part may also be the first line of a known header wrapped below (`公务接待 会议费`).
    let whole = |t: &str| {
        is_header_word_complete(t)
            || t.chars().count() >= 2 && KNOWN_HEADERS.iter().any(|h| h.starts_with(t))
    };
    if parts.len() < 2 || !parts.iter().all(|t| whole(t)) {
        return vec![w.clone()];
    }
    let per_char = (w.x1 - w.x0) / w.text.chars().count() as f32;
    let mut at = 0;
    parts
        .iter()
        .map(|t| {
            let n = t.chars().count();
            let x0 = w.x0 + per_char * at as f32;
            at += n + 1;
            Word {
                x0,
                x1: x0 + per_char * n as f32,
                text: (*t).to_owned(),
                size: w.size,
            }
        })
        .collect()
}

/// Header cells printed over a group of columns, with the columns they group.
const GROUPS: &[(&str, &[&str])] = &[
    ("基本支出", &["人员经费", "公用经费"]),
    (
        "公务用车购置及运行费",
        &["购置费", "运行费", "公务用车购置费", "公务用车运行费"],
    ),
    (
        "公务用车购置及运行维护费",
        &[
            "购置费",
            "运行维护费",
            "公务用车购置费",
            "公务用车运行维护费",
        ],
    ),
];

/// Column headers the templates print that are not a declared column's name: the 维护
/// wording of the 用车 columns, and the headers of columns a family prints under another
/// tidy name.
const PRINTED_ONLY: &[&str] = &[
    "公务用车购置及运行维护费",
    "公务用车运行维护费",
    "财政专户管理资金",
    "单位资金",
    "上年结转",
    "本年收入合计",
    "本年支出合计",
    "机关运行经费",
];

/// Words too common to say a header was wrapped (`合计`, `预算数`).
const GENERIC: &[&str] = &["合计", "小计", "预算数", "决算数", "金额", "项目"];

/// Column headers of the templates, for joining a header wrapped in a tall cell: every
/// column the registry declares (each level of `A/B`), and what is printed only.
static KNOWN_HEADERS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut out: Vec<String> = PRINTED_ONLY.iter().map(|h| (*h).to_owned()).collect();
    for p in yusuan_profile::profiles() {
        for b in p.tables.iter().flat_map(|t| &t.blocks) {
            for c in &b.columns {
                for part in c.name.split('/') {
                    if !GENERIC.contains(&part) && !out.iter().any(|h| h == part) {
                        out.push(part.to_owned());
                    }
                }
            }
        }
    }
    out
});

fn known(text: &str) -> bool {
    KNOWN_HEADERS.iter().any(|h| h == text)
}

fn completes_known_header(above: &str, below: &str) -> bool {
    // `2024年机关运行经` / `费预算数`: the year and the measure around a known header.
    let bare = |s: String| {
        let s = match s.split_once('年') {
            Some((year, rest)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => {
                rest.to_owned()
            }
            _ => s,
        };
        s.strip_suffix("预算数")
            .or_else(|| s.strip_suffix("决算数"))
            .map_or(s.clone(), str::to_owned)
    };
    let (a, joined) = (
        bare(squeeze(above)),
        bare(squeeze(&format!("{above}{below}"))),
    );
    !known(&a) && KNOWN_HEADERS.iter().any(|h| h.starts_with(joined.as_str()))
}

/// Header words that are whole by themselves, so the word under them starts a new cell.
fn is_header_word_complete(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        t.as_str(),
        "合计"
            | "小计"
            | "基本支出"
            | "项目支出"
            | "人员经费"
            | "公用经费"
            | "预算数"
            | "决算数"
            | "金额"
            | "本年收入"
            | "本年支出"
    ) || t.ends_with("预算数")
        || t.ends_with("决算数")
}

/// The header path (outer first) of each value column.
///
/// Leaves are header cells with no cell under them. Value columns are matched to
/// leaves in order, minimising the distance between centres (a blank column keeps its
/// leaf and gets no values). A leaf's parent is the lowest cell above it that reaches
/// into the leaf's span (halfway to its neighbours): centred parent text is often
/// narrower than the cells it spans.
pub(crate) fn column_paths(
    head: &[HeadCell],
    columns: &[Column],
    zone_start: f32,
    monospace: bool,
) -> (Vec<Vec<String>>, Vec<String>) {
    let centre = |x0: f32, x1: f32| (x0 + x1) / 2.0;
    let cells: Vec<&HeadCell> = head
        .iter()
        .filter(|h| centre(h.x0, h.x1) > zone_start)
        .collect();
    if monospace {
        if let Some(found) = measure_pairs(&cells, columns) {
            return found;
        }
    }
    let mut leaves: Vec<&HeadCell> = cells
        .iter()
        .copied()
        .filter(|h| {
            // Monospaced header lines are packed each at its own offsets: a cell below
            // that only grazes this one is its neighbour's child.
            let under = |o: &HeadCell| {
                let ov = overlap(h.x0, h.x1, o.x0, o.x1);
                if monospace {
                    ov > 0.5 * (o.x1 - o.x0).min(h.x1 - h.x0)
                } else {
                    ov > 0.0
                }
            };
            // …and a group header stands over its known parts wherever pdftotext put it.
            let group = monospace
                && GROUPS.iter().any(|(parent, parts)| {
                    h.text == *parent
                        && cells
                            .iter()
                            .any(|o| o.y > h.y + 1.0 && parts.contains(&o.text.as_str()))
                });
            !group && !cells.iter().any(|o| o.y > h.y + 1.0 && under(o))
        })
        .collect();
    leaves.sort_by(|a, b| centre(a.x0, a.x1).total_cmp(&centre(b.x0, b.x1)));
    let lc: Vec<f32> = leaves.iter().map(|h| centre(h.x0, h.x1)).collect();
    let vc: Vec<f32> = columns.iter().map(|c| centre(c.x0, c.x1)).collect();
    // Monospaced figures keep only their right edge (pdftotext right-aligns them in
    // the page's grid), which never ends left of its header's centre.
    let ends: Vec<f32> = columns.iter().map(|c| c.x1).collect();
    let matched = align(&vc, &lc, monospace.then_some(&ends[..]));
    // Leaves on a header row that holds a matched leaf: the blank columns' too.
    let rows: Vec<f32> = matched.iter().flatten().map(|&j| leaves[j].y).collect();
    let texts = leaves
        .iter()
        .filter(|h| rows.iter().any(|y| (h.y - y).abs() < 1.0))
        .map(|h| h.text.clone())
        .collect();
    let paths = matched
        .into_iter()
        .map(|m| {
            let Some(j) = m else { return Vec::new() };
            let leaf = leaves[j];
            let lo = if j == 0 {
                leaf.x0
            } else {
                (lc[j - 1] + lc[j]) / 2.0
            };
            let hi = if j + 1 == lc.len() {
                leaf.x1
            } else {
                (lc[j] + lc[j + 1]) / 2.0
            };
            let parent = cells
                .iter()
                .filter(|h| h.y < leaf.y - 1.0 && overlap(h.x0, h.x1, lo, hi) > 0.0)
                .max_by(|a, b| a.y.total_cmp(&b.y))
                // A known part under its group header, wherever pdftotext put the two.
                .or_else(|| {
                    cells.iter().find(|h| {
                        monospace
                            && h.y < leaf.y - 1.0
                            && GROUPS.iter().any(|(parent, parts)| {
                                h.text == *parent && parts.contains(&leaf.text.as_str())
                            })
                    })
                })
                // A 小计 whose parent's centred text is far from it: the nearest grouping cell above.
                .or_else(|| {
                    (leaf.text == "小计").then_some(())?;
                    cells
                        .iter()
                        .filter(|h| {
                            h.y < leaf.y - 1.0
                                && h.x1 > zone_start
                                && !leaves.iter().any(|l| std::ptr::eq(*l, **h))
                        })
                        .min_by(|a, b| {
                            (centre(a.x0, a.x1) - lc[j])
                                .abs()
                                .total_cmp(&(centre(b.x0, b.x1) - lc[j]).abs())
                        })
                });
            // The 小计 right before 购置费 is the 公务用车 subtotal, wherever its parent's text sits.
            let vehicle_subtotal = matches!(leaf.text.as_str(), "小计" | "合计")
                && leaves.get(j + 1).is_some_and(|n| n.text.contains("购置"));
            let mut path: Vec<String> = if vehicle_subtotal {
                vec!["公务用车购置及运行费".to_owned()]
            } else {
                parent.map(|p| p.text.clone()).into_iter().collect()
            };
            path.push(leaf.text.clone());
            path
        })
        .collect();
    (paths, texts)
}

/// A monospaced header whose last line is `预算数 决算数` pairs (the 决算 三公 table): the
/// pairs are the leaves, and each pair belongs to the item above nearest its centre —
/// pdftotext centres an item between its two measures, over neither. Items are the cells
/// above that group no others (not `“三公”经费`, not 公务用车购置及运行费 itself).
fn measure_pairs(
    cells: &[&HeadCell],
    columns: &[Column],
) -> Option<(Vec<Vec<String>>, Vec<String>)> {
    let centre = |h: &HeadCell| (h.x0 + h.x1) / 2.0;
    let is_measure = |t: &str| t == "预算数" || t == "决算数";
    let bottom = cells.iter().map(|h| h.y).fold(f32::MIN, f32::max);
    let mut leaves: Vec<&HeadCell> = cells
        .iter()
        .copied()
        .filter(|h| (h.y - bottom).abs() < 1.0)
        .collect();
    leaves.sort_by(|a, b| centre(a).total_cmp(&centre(b)));
    let pairs = leaves.len() / 2;
    let alternate = leaves
        .iter()
        .enumerate()
        .all(|(i, h)| h.text == if i % 2 == 0 { "预算数" } else { "决算数" });
    if pairs < 2 || !leaves.len().is_multiple_of(2) || !alternate {
        return None;
    }
    let mut items: Vec<&HeadCell> = cells
        .iter()
        .copied()
        .filter(|h| h.y < bottom - 1.0 && !is_measure(&h.text) && !h.text.contains("三公"))
        .filter(|h| !GROUPS.iter().any(|(parent, _)| h.text == *parent))
        .collect();
    items.sort_by(|a, b| centre(a).total_cmp(&centre(b)));
    let pair_centres: Vec<f32> = leaves
        .chunks(2)
        .map(|p| (centre(p[0]) + centre(p[1])) / 2.0)
        .collect();
    let item_centres: Vec<f32> = items.iter().map(|h| centre(h)).collect();
    let owners = align(&pair_centres, &item_centres, None);
    let leaf_centres: Vec<f32> = leaves.iter().map(|h| centre(h)).collect();
    let values: Vec<f32> = columns.iter().map(|c| (c.x0 + c.x1) / 2.0).collect();
    let ends: Vec<f32> = columns.iter().map(|c| c.x1).collect();
    let paths = align(&values, &leaf_centres, Some(&ends))
        .into_iter()
        .map(|m| {
            let Some(j) = m else { return Vec::new() };
            let item = owners[j / 2].map(|k| {
                let text = items[k].text.clone();
                // The 小计 right before 购置费 is the 公务用车 subtotal.
                let vehicle = matches!(text.as_str(), "小计" | "合计")
                    && items.get(k + 1).is_some_and(|n| n.text.contains("购置"));
                if vehicle {
                    "公务用车购置及运行费".to_owned()
                } else {
                    text
                }
            });
            item.into_iter().chain([leaves[j].text.clone()]).collect()
        })
        .collect();
    Some((paths, leaves.iter().map(|h| h.text.clone()).collect()))
}

/// Order-preserving matching of value columns to leaves with the least total distance.
/// A column left without a leaf (more columns than leaves) gets `None`.
fn align(values: &[f32], leaves: &[f32], ends: Option<&[f32]>) -> Vec<Option<usize>> {
    let (n, m) = (values.len(), leaves.len());
    const SKIP: f32 = 400.0;
    let short = |i: usize, j: usize| match ends {
        Some(ends) if ends[i] + crate::text::CHAR < leaves[j] => SKIP / 2.0,
        _ => 0.0,
    };
    // cost[i][j]: best for the first i values using the first j leaves.
    let mut cost = vec![vec![f32::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![0u8; m + 1]; n + 1];
    cost[0].fill(0.0);
    for i in 1..=n {
        cost[i][0] = cost[i - 1][0] + SKIP;
        back[i][0] = 2;
        for j in 1..=m {
            let take =
                cost[i - 1][j - 1] + (values[i - 1] - leaves[j - 1]).abs() + short(i - 1, j - 1);
            let skip_leaf = cost[i][j - 1];
            let skip_value = cost[i - 1][j] + SKIP;
            let (best, how) = [(take, 0u8), (skip_leaf, 1), (skip_value, 2)]
                .into_iter()
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .expect("three");
            cost[i][j] = best;
            back[i][j] = how;
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (n, m);
    while i > 0 {
        match back[i][j] {
            0 if j > 0 => {
                out[i - 1] = Some(j - 1);
                i -= 1;
                j -= 1;
            }
            1 if j > 0 => j -= 1,
            _ => i -= 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_parted_by_one_space_are_split_only_when_whole() {
        let word = |text: &str| Word {
            x0: 100.0,
            x1: 100.0 + 5.0 * text.chars().count() as f32,
            text: text.to_owned(),
            size: 10.0,
        };
        let parts = split_known_headers(&word("基本支出 项目支出"));
        assert_eq!(
            parts
                .iter()
                .map(|w| (w.text.as_str(), w.x0, w.x1))
                .collect::<Vec<_>>(),
            [("基本支出", 100.0, 120.0), ("项目支出", 125.0, 145.0)]
        );
        assert_eq!(split_known_headers(&word("其他 对个人")).len(), 1);
    }
}
