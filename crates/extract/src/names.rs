//! Normalization of printed labels: column headers (the rules of
//! `shared/spec/tidy-export.md`) and row names (whitespace and one enumerator removed).

use yusuan_model::Family;

/// Whitespace and quotation marks removed; ASCII parentheses made full-width.
pub(crate) fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// A leading year (`2024年合计` → `合计`, `2024预算数` → `预算数`).
fn strip_year(s: &str) -> &str {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4 {
        let rest = &s[4..];
        rest.strip_prefix('年').unwrap_or(rest)
    } else {
        s
    }
}

const TOTALS: &[&str] = &[
    "合计",
    "小计",
    "总计",
    "本年收入合计",
    "本年支出合计",
    "本年收入",
    "本年支出",
];

/// One header cell's canonical name, before the single-column and nesting rules.
pub fn column_name(text: &str) -> String {
    let s = squeeze(text);
    let s = strip_year(&s).to_owned();
    if TOTALS.contains(&s.as_str()) {
        return "合计".to_owned();
    }
    let fund = match s.as_str() {
        "政府性基金" | "政府性基金预算财政拨款" | "政府性基金财政拨款" => {
            Some("政府性基金预算")
        }
        "一般公共预算资金" | "一般公共预算财政拨款" | "一般公共预算拨款" => {
            Some("一般公共预算")
        }
        "国有资本经营预算财政拨款" | "国有资本经营预算资金" => {
            Some("国有资本经营预算")
        }
        "公务用车运行维护费" | "运行维护费" => Some("公务用车运行费"),
        "公务用车购置及运行维护费" => Some("公务用车购置及运行费"),
        "因公出国（境）费用" => Some("因公出国（境）费"),
        _ => None,
    };
    if let Some(f) = fund {
        return f.to_owned();
    }
    // `机关运行经费预算数` → `机关运行经费`: the suffix repeats the table's value kind.
    for suffix in ["预算数", "决算数"] {
        if let Some(stem) = s.strip_suffix(suffix) {
            if !stem.is_empty() && stem != "年初" && stem != "全年" {
                return stem.to_owned();
            }
        }
    }
    s
}

/// Names a block's columns from their header paths (outer header first). Applies, in
/// order: a single value column is 预算数 / 决算数; an inner header under a 三公 parent
/// takes the item's name; an inner header repeated under several parents is
/// qualified by its parent; the rest stand alone.
/// `header_leaves` are the texts of every leaf of the header, blank columns' too: an
/// inner header repeats when the printed header repeats it.
pub fn name_columns(
    paths: &[Vec<String>],
    header_leaves: &[String],
    family: Family,
) -> Vec<String> {
    if paths.len() == 1 {
        return vec![if family == Family::Final {
            "决算数"
        } else {
            "预算数"
        }
        .to_owned()];
    }
    let leaves: Vec<String> = paths
        .iter()
        .map(|p| p.last().map(|s| column_name(s)).unwrap_or_default())
        .collect();
    let parents: Vec<Option<String>> = paths
        .iter()
        .map(|p| p.len().checked_sub(2).map(|i| column_name(&p[i])))
        .collect();
    // 三公 items first (rule 5), so that their 小计 does not count as a repeat.
    let named: Vec<Option<String>> = leaves
        .iter()
        .zip(&parents)
        .zip(paths)
        .map(|((leaf, parent), path)| {
            // A 小计 under a group header names the group (rule 5): the 小计 under
            // “三公”经费 is 三公经费.
            let printed = path.last().map(|s| squeeze(s)).unwrap_or_default();
            if let (Some(group), "小计") = (parent, printed.as_str()) {
                return Some(group.trim_start_matches("财政拨款").to_owned());
            }
            match (
                parent.as_deref().map(|p| p.trim_start_matches("财政拨款")),
                leaf.as_str(),
            ) {
                (Some("公务用车购置及运行费"), "合计") => {
                    Some("公务用车购置及运行费".to_owned())
                }
                (Some("公务用车购置及运行费"), "购置费") => {
                    Some("公务用车购置费".to_owned())
                }
                (Some("公务用车购置及运行费"), "运行费" | "公务用车运行费") => {
                    Some("公务用车运行费".to_owned())
                }
                // `一般公共预算` over `财政拨款`: one cell 一般公共预算财政拨款 wrapped
                // where the layout lost the join (rule 4).
                (
                    Some(fund @ ("一般公共预算" | "政府性基金预算" | "国有资本经营预算")),
                    "财政拨款",
                ) => Some(fund.to_owned()),
                _ => None,
            }
        })
        .collect();
    let mut plain: Vec<String> = leaves
        .iter()
        .zip(&named)
        .filter(|(_, n)| n.is_none())
        .map(|(l, _)| l.clone())
        .collect();
    let all: Vec<String> = header_leaves.iter().map(|l| column_name(l)).collect();
    if all.len() > plain.len() {
        plain = all;
    }
    leaves
        .iter()
        .zip(&parents)
        .zip(named)
        .zip(paths)
        .map(|(((leaf, parent), named), path)| {
            if let Some(n) = named {
                return n;
            }
            let repeated = plain.iter().filter(|x| *x == leaf).count() > 1;
            match parent {
                // Qualified names keep the printed inner header (`三公经费/小计`).
                Some(p) if repeated => format!("{p}/{}", squeeze(path.last().expect("a leaf"))),
                _ => leaf.clone(),
            }
        })
        .collect()
}

/// A row label: whitespace removed and one leading enumerator removed
/// (`一、`, `二十九、`, `（一）`, `(1)`, `1.`, `1．`, `①`, `其中：`).
pub fn row_name(text: &str) -> String {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    strip_enumerator(&s).to_owned()
}

fn strip_enumerator(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix("其中：").or_else(|| s.strip_prefix("其中:")) {
        return rest;
    }
    let chinese_numeral = |c: char| "一二三四五六七八九十百".contains(c);
    // 一、 二十九、
    let n = s.chars().take_while(|c| chinese_numeral(*c)).count();
    if n > 0 {
        let rest: &str = &s[s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)..];
        if let Some(r) = rest.strip_prefix('、') {
            return r;
        }
    }
    // （一） (1) （1）
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = s.strip_prefix(open) {
            if let Some(end) = rest.find(close) {
                let inner = &rest[..end];
                if !inner.is_empty()
                    && inner
                        .chars()
                        .all(|c| chinese_numeral(c) || c.is_ascii_digit())
                {
                    return &rest[end + close.len_utf8()..];
                }
            }
        }
    }
    // 1. 1． 1、
    let d = s.bytes().take_while(u8::is_ascii_digit).count();
    if d > 0 && d < 3 {
        let rest = &s[d..];
        for sep in [".", "．", "、"] {
            if let Some(r) = rest.strip_prefix(sep) {
                if !r.starts_with(|c: char| c.is_ascii_digit()) {
                    return r;
                }
            }
        }
    }
    // ① … ⑳
    if let Some(c) = s.chars().next() {
        if ('①'..='⑳').contains(&c) {
            return &s[c.len_utf8()..];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_names() {
        for (printed, name) in [
            ("一、一般公共预算", "一般公共预算"),
            ("二十九、债务发行费用支出", "债务发行费用支出"),
            ("（一）财政拨款", "财政拨款"),
            ("(1) 小计", "小计"),
            ("1. 一般公共预算资金", "一般公共预算资金"),
            ("4．项目", "项目"),
            ("①公务用车购置费", "公务用车购置费"),
            ("其中：上年结转", "上年结转"),
            ("因 公 出 国 （ 境 ） 费用", "因公出国（境）费用"),
            ("2010301", "2010301"),
            ("十、卫生健康支出", "卫生健康支出"),
        ] {
            assert_eq!(row_name(printed), name, "{printed}");
        }
    }

    #[test]
    fn columns() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            name_columns(&[p(&["2024年"])], &[], Family::Budget),
            ["预算数"]
        );
        assert_eq!(
            name_columns(&[p(&["金额"])], &[], Family::Final),
            ["决算数"]
        );
        assert_eq!(
            name_columns(
                &[
                    p(&["2024年合计"]),
                    p(&["当年预算安排"]),
                    p(&["上年结转安排"])
                ],
                &[],
                Family::Budget
            ),
            ["合计", "当年预算安排", "上年结转安排"]
        );
        assert_eq!(
            name_columns(
                &[
                    p(&["“三公”经费预算数", "合计"]),
                    p(&["因公出国(境)费"]),
                    p(&["公务用车购置及运行费", "小计"]),
                    p(&["公务用车购置及运行费", "购置费"]),
                    p(&["机关运行经费预算数"])
                ],
                &[],
                Family::Budget
            ),
            [
                "合计",
                "因公出国（境）费",
                "公务用车购置及运行费",
                "公务用车购置费",
                "机关运行经费"
            ]
        );
        assert_eq!(
            name_columns(
                &[
                    p(&["合计", "预算数"]),
                    p(&["合计", "决算数"]),
                    p(&["公务接待费", "预算数"])
                ],
                &p(&["预算数", "决算数", "预算数", "决算数"]),
                Family::Final
            ),
            ["合计/预算数", "合计/决算数", "公务接待费/预算数"]
        );
        // 一般公共预算财政拨款 wrapped so that 财政拨款 became a cell of its own, twice.
        assert_eq!(
            name_columns(
                &[
                    p(&["合计"]),
                    p(&["一般公共预算", "财政拨款"]),
                    p(&["政府性基金预算", "财政拨款"])
                ],
                &[],
                Family::Final
            ),
            ["合计", "一般公共预算", "政府性基金预算"]
        );
        assert_eq!(column_name("政府性基金"), "政府性基金预算");
        assert_eq!(column_name("本年收入合计"), "合计");
    }
}
