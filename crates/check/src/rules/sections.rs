use yusuan_model::{Diagnostic, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-SECTIONS: the explanation covers what the disclosure rules require.
pub struct Sections;

/// Topic, the words any of which shows it is covered, and the year from which a report
/// published then must cover it: 三公 and 机关运行经费 from 2013, when local departments began
/// to disclose them; the rest under 财预〔2016〕143号, from 2017 (a 2017 budget, a 2016 决算).
const REQUIRED: &[(&str, &[&str], u16)] = &[
    (
        "收支情况及增减原因",
        &[
            "收支",
            "收入预算",
            "支出预算",
            "收入决算",
            "支出决算",
            "收入支出",
            // `经费总收入4089.45万元…总支出4826.3万元` (probe 10's 08).
            "总收入",
            "总支出",
            "决算收入",
            "预算收入",
        ],
        0,
    ),
    ("“三公”经费", &["三公"], 2013),
    // `机关(事业)运行经费`, `单位运行经费` (probe 8's 03) name it too.
    ("机关运行经费", &["机关运行经费", "运行经费"], 2013),
    ("政府采购", &["政府采购"], 2017),
    ("国有资产占有使用情况", &["国有资产", "资产占有"], 2017),
    // Not 绩效工资, a kind of pay (probe 15's 09).
    (
        "绩效目标或绩效评价",
        &[
            "绩效目标",
            "绩效评价",
            "绩效管理",
            "绩效自评",
            "绩效运行",
            "绩效监控",
            "预算绩效",
            "项目绩效",
            "绩效情况",
            "绩效信息",
            "绩效指标",
            "整体绩效",
        ],
        2017,
    ),
    ("名词解释", &["名词解释"], 2017),
];

impl Rule for Sections {
    fn id(&self) -> &'static str {
        "R-SECTIONS"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "说明部分缺少规定的内容"
    }
    fn doc(&self) -> &'static str {
        "A report with an explanation section must cover: 收支 totals and why they changed, 三公, \
机关运行经费, 政府采购, 国有资产占有使用, 绩效目标 (决算: 绩效评价) and 名词解释 (财预〔2016〕143号). \
Each missing topic is a warning. A report published before 143号 (a budget before 2017, a 决算 \
before 2016's) is held to 收支, 三公 and 机关运行经费 only, and one published before 2013 to 收支 \
only; terms explained where they are used (`…收入，是指…`, twice or more) are its 名词解释. A report printed as tables only (no running text) is not \
judged here, nor a stand-alone “三公” disclosure (its title, in the first lines, names “三公” \
and no whole report: `…2018年部门预算“三公”经费公开情况说明`, `…“三公”经费预算2014年情况如下：`), which \
covers one topic by design, \
or whose only tables are “三公” tables, or that has no tables and states nothing but “三公” \
figures (an untitled note: `某某区2016年一般公共预算安排“三公”经费决算数2364万元，…分项情况是：…`), \
nor a government's budget, 决算 or execution report (`预算草案`, `全区一般公共预算收入`, \
`全县财政一般公共预算支出`, `地方一般公共预算收入`, `上解上级支出`, `预算稳定调节基金`, 税收收入 with 非税收入), whose contents the department rules do not describe, nor a trade union's accounts (会费收入, 拨交经费) or an institution's 财务信息公开 that name no 部门 / 单位 budget or 决算."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        if cx.report.text.is_empty()
            || three_public_notice(cx)
            || three_public_tables_only(cx)
            || three_public_statements_only(cx)
        {
            return;
        }
        let all = cx.squeezed_text();
        if crate::util::outside_department_rules(&all) {
            return;
        }
        // The year the report was published: a budget in its own year, a 决算 the next.
        let meta = &cx.report.meta;
        let published = match meta.family {
            yusuan_model::Family::Budget => meta.year,
            yusuan_model::Family::Final => meta.year + 1,
        };
        // Terms explained where they are used (`一般预算财政拨款(补助)收入，是指…`, `一般公共服务，
        // 指反映…`) are a 名词解释 without its heading.
        let defined = ["，是指", ",是指", "，指", ",指"]
            .iter()
            .map(|w| all.matches(w).count())
            .sum::<usize>()
            >= 2;
        for (topic, words, since) in REQUIRED {
            if meta.year != 0 && published < *since {
                continue;
            }
            if *topic == "名词解释" && defined {
                continue;
            }
            if !words.iter().any(|w| all.contains(w)) {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!("说明部分没有“{topic}”的内容"),
                        cx.at_file(),
                    )
                    .with_hint("按公开规定补充该部分，没有的也应说明“无”"),
                );
            }
        }
    }
}

/// A document whose only tables are “三公” tables (`一、2021年一般公共预算“三公”经费支出预算表 …
/// 二、2021年“三公”经费支出预算情况说明`): a stand-alone “三公” disclosure, whatever its title.
fn three_public_tables_only(cx: &Cx<'_>) -> bool {
    use yusuan_model::TableKind;
    !cx.report.tables.is_empty()
        && cx
            .report
            .tables
            .iter()
            .all(|t| matches!(t.kind, TableKind::ThreePublic | TableKind::FinalThreePublic))
}

/// A text without tables whose every statement is of “三公” spending, two or more
/// (`衢江区2016年一般公共预算安排“三公”经费决算数2364万元，…分项情况是：因公出国（境）经费12万元…`,
/// probe 3's 29, untitled): a stand-alone “三公” disclosure.
fn three_public_statements_only(cx: &Cx<'_>) -> bool {
    let statements = &cx.report.statements;
    cx.report.tables.is_empty()
        && statements.len() >= 2
        && statements.iter().all(|s| {
            s.subject
                .key()
                .is_some_and(|k| k.starts_with("three_public."))
        })
}

/// A stand-alone “三公” disclosure: one of its first lines is a title naming “三公”
/// 经费 and its year (`富源县人民政府办公室2018年部门预算“三公”经费公开情况说明`).
fn three_public_notice(cx: &Cx<'_>) -> bool {
    // A title may wrap (`…拨款“三公”经费支出决算情况说` / `明`): each line with the next.
    let lines: Vec<String> = cx
        .report
        .text
        .iter()
        .take(9)
        .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    lines.iter().enumerate().any(|(i, l)| {
        let with_next = format!("{l}{}", lines.get(i + 1).map_or("", String::as_str));
        [l.as_str(), with_next.as_str()].iter().any(|t| {
            // `…“三公”经费预算2014年情况如下：` opens the note it titles (probe 20's 07).
            let t = t
                .trim_end_matches(".pdf")
                .trim_end_matches([':', '：'])
                .trim_end_matches("如下");
            t.contains("三公")
                && t.contains("经费")
                && ["说明", "情况", "决算", "预算"].iter().any(|w| t.ends_with(w))
                && t.chars().count() <= 60
                // A title names its year; a 目录 entry (`七、“三公”经费情况说明`) opens
                // with its number and names none.
                && t.contains("年")
                && t.chars().any(|c| c.is_ascii_digit())
                && crate::util::HEADING.find(t).is_none_or(|m| m.start() != 0)
        })
    })
}
