//! Table titles → canonical kinds. Titles differ between regions and years
//! (收支总表, 收支预算总表, 财务收支预算总表 …); the number printed beside them never decides.

use std::sync::LazyLock;

use yusuan_model::TableKind;

/// Every declared family's table titles (cleaned, year left out), longest first: a title
/// that ends with one names its kind.
static DECLARED: LazyLock<Vec<(String, TableKind)>> = LazyLock::new(|| {
    let mut out: Vec<(String, TableKind)> = yusuan_profile::profiles()
        .iter()
        .flat_map(|p| p.tables.iter())
        .map(|t| (clean_title(&t.plain_title()), t.kind))
        .collect();
    out.sort_by_key(|(title, _)| std::cmp::Reverse(title.chars().count()));
    out.dedup();
    out
});

/// Strips what decorates a title: whitespace, quotes, a leading year, a printed number
/// (`表一`, `公开01表`, `预算公开表1`, `1.`), and a trailing page reference of a 目录.
pub fn clean_title(text: &str) -> String {
    let s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"'))
        .collect();
    s
}

/// The kind a title names, if the line reads as a table title.
pub fn kind_of_title(line: &str) -> Option<TableKind> {
    let t = clean_title(line);
    let prose = ['。', '，', '；', ';', '《', '》']
        .iter()
        .any(|c| t.contains(*c))
        || t.contains("万元");
    if t.chars().count() > 48 || prose || t.contains("情况说明") || t.contains("绩效目标") {
        return None;
    }
    if !(t.ends_with('表')
        || t.contains("表（")
        || t.contains("表(")
        || t.ends_with("表）")
        || t.ends_with("表)"))
    {
        return None;
    }
    // A title a family declares names its kind; other regions' titles are read by their
    // words.
    // Not when what precedes the declared title narrows it to a fund or a part the
    // declared one does not name (`国有资本经营预算财政拨款支出决算表` is no 支出决算表).
    const NARROWING: &[&str] = &[
        "国有资本经营",
        "政府性基金",
        "一般公共预算",
        "财政拨款",
        "基本支出",
        "项目支出",
        "三公",
    ];
    if let Some((_, kind)) = DECLARED.iter().find(|(title, _)| {
        t.strip_suffix(title.as_str()).is_some_and(|before| {
            !NARROWING
                .iter()
                .any(|w| before.contains(w) && !title.contains(w))
        })
    }) {
        return Some(*kind);
    }
    let has = |s: &str| t.contains(s);
    use TableKind as K;
    let kind = if has("决算") {
        if has("三公") {
            K::FinalThreePublic
        } else if has("政府性基金") {
            K::FinalGovFund
        } else if has("国有资本经营") {
            K::FinalStateCapital
        } else if has("基本支出") {
            K::FinalGeneralBudgetBasic
        } else if has("一般公共预算") {
            K::FinalGeneralBudget
        } else if has("财政拨款收入支出") {
            K::FinalFiscalSummary
        } else if has("收入支出决算总表") {
            K::FinalSummary
        } else if has("收入决算表") {
            K::FinalIncome
        } else if has("支出决算表") {
            K::FinalExpenditure
        } else {
            return None;
        }
    } else if has("三公") {
        K::ThreePublic
    } else if has("机关运行经费") {
        K::AdminRunningCost
    } else if has("政府采购") {
        K::Procurement
    } else if has("项目支出") {
        if has("上年结转") {
            K::ProjectsCarryOver
        } else {
            K::Projects
        }
    } else if has("政府性基金") {
        if has("收入") && !has("支出") {
            K::GovFundIncome
        } else {
            K::GovFundExpenditure
        }
    } else if has("国有资本经营") {
        K::StateCapital
    } else if has("财政拨款收支") {
        K::FiscalSummary
    } else if has("财政拨款基本支出") {
        K::FiscalBasic
    } else if has("财政拨款支出") {
        K::FiscalExpenditure
    } else if has("一般公共预算") && has("基本支出") {
        K::GeneralBudgetBasic
    } else if has("一般公共预算") && has("支出") {
        K::GeneralBudget
    } else if has("收支") && has("总表") {
        K::SummaryTotal
    } else if has("收入") && has("总表") {
        K::Income
    } else if has("支出") && has("总表") {
        K::Expenditure
    } else {
        return None;
    };
    Some(kind)
}

/// The title of a 目录 line: dot leaders, a page number and a leading number removed.
pub fn toc_title(line: &str) -> Option<String> {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    // A leading 一、 / 1. / 4． numbers the entry, not the title.
    let n = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .count();
    let rest: String = t.chars().skip(n).collect();
    let t = match rest.strip_prefix(['、', '.', '．']) {
        Some(r) if n > 0 && n <= 3 => r.to_owned(),
        _ => t,
    };
    let t = t
        .split(['…', '·'])
        .next()
        .unwrap_or("")
        .split("..")
        .next()
        .unwrap_or("")
        .to_owned();
    kind_of_title(&t).map(|_| t)
}

/// A line of a 目录: a title followed by dot leaders or a page number. A line with the
/// stops of a sentence is prose, whatever ellipsis it prints (`本部门内设机构包括……。`, a
/// template's placeholder, probe 14).
pub fn is_toc_line(line: &str) -> bool {
    let leaders =
        line.contains("……") || line.contains("...") || line.contains("·····") || line.contains("…");
    leaders && !line.contains(['。', '，', '；', ',', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each family's own titles read back as the kinds it declares, with a year and a
    /// number before them; two families never give one title two kinds.
    #[test]
    fn declared_titles_name_their_kinds() {
        let mut n = 0;
        for p in yusuan_profile::profiles() {
            for (i, t) in p.tables.iter().enumerate() {
                let title = t.title_for(2024);
                let numbered = format!("{}{title}", t.number_for(i + 1).unwrap_or_default());
                assert_eq!(
                    kind_of_title(&numbered),
                    Some(t.kind),
                    "{} {numbered}",
                    p.id
                );
                n += 1;
            }
        }
        assert!(n >= 40, "{n} titles declared");
    }

    #[test]
    fn a_sentence_with_an_ellipsis_is_no_toc_line() {
        assert!(is_toc_line("一、部门收支总表……………………5"));
        assert!(is_toc_line("第三部分 2019年度部门决算情况说明...12"));
        assert!(!is_toc_line(
            "1. 根据部门职责分工,本部门内设机构包括…… 。本部门下属单位包括:……。"
        ));
        assert!(!is_toc_line("具体包括: XX部门本级、 XX、XX、……。"));
    }

    #[test]
    fn titles_of_every_region() {
        let cases = [
            ("2024年预算收支总表", TableKind::SummaryTotal),
            ("2025年部门财务收支预算总表", TableKind::SummaryTotal),
            ("收支预算总表", TableKind::SummaryTotal),
            ("2024年预算收入总表", TableKind::Income),
            ("2025年部门支出预算总表", TableKind::Expenditure),
            ("2024年财政拨款收支总表", TableKind::FiscalSummary),
            (
                "财政拨款支出预算表（功能科目）",
                TableKind::FiscalExpenditure,
            ),
            ("财政拨款基本支出预算表（经济科目）", TableKind::FiscalBasic),
            (
                "2024年一般公共预算支出预算表（不含上年结转）",
                TableKind::GeneralBudget,
            ),
            (
                "2025年部门一般公共预算基本支出部门预算经济分类预算表",
                TableKind::GeneralBudgetBasic,
            ),
            (
                "2024年政府性基金预算收入表（不含上年结转）",
                TableKind::GovFundIncome,
            ),
            (
                "财政拨款政府性基金支出预算表",
                TableKind::GovFundExpenditure,
            ),
            (
                "2024年国有资本经营预算收支预算表（不含上年结转）",
                TableKind::StateCapital,
            ),
            (
                "2024年财政拨款安排“三公”经费支出预算表",
                TableKind::ThreePublic,
            ),
            (
                "一般公共预算机关运行经费支出预算表",
                TableKind::AdminRunningCost,
            ),
            (
                "2024年项目支出预算表（上年结转）",
                TableKind::ProjectsCarryOver,
            ),
            ("2024年项目支出预算表（本年预算）", TableKind::Projects),
            ("2019年政府采购预算表", TableKind::Procurement),
            ("收入支出决算总表", TableKind::FinalSummary),
            ("财政拨款收入支出决算总表", TableKind::FinalFiscalSummary),
            (
                "一般公共预算财政拨款基本支出决算表",
                TableKind::FinalGeneralBudgetBasic,
            ),
            ("财政拨款“三公”经费支出决算表", TableKind::FinalThreePublic),
        ];
        for (title, kind) in cases {
            assert_eq!(kind_of_title(title), Some(kind), "{title}");
        }
        assert_eq!(kind_of_title("（项目绩效目标表公开情况见附件）"), None);
        assert_eq!(
            kind_of_title("省检察院本级划转240万元办案费;二是《财政拨款支出预算表"),
            None
        );
        assert_eq!(
            kind_of_title("长治市市级预算部门（单位）项目支出绩效目标表"),
            None
        );
        assert_eq!(
            kind_of_title("本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。"),
            None
        );
    }
}
