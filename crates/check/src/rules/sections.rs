use yusuan_model::{Diagnostic, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-SECTIONS: the explanation covers what the disclosure rules require.
pub struct Sections;

/// Topic, and the words any of which shows it is covered.
const REQUIRED: &[(&str, &[&str])] = &[
    (
        "收支情况及增减原因",
        &[
            "收支",
            "收入预算",
            "支出预算",
            "收入决算",
            "支出决算",
            "收入支出",
        ],
    ),
    ("“三公”经费", &["三公"]),
    ("机关运行经费", &["机关运行经费"]),
    ("政府采购", &["政府采购"]),
    ("国有资产占有使用情况", &["国有资产", "资产占有"]),
    ("绩效目标或绩效评价", &["绩效"]),
    ("名词解释", &["名词解释"]),
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
Each missing topic is a warning. A report printed as tables only (no running text) is not \
judged here."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        if cx.report.text.is_empty() {
            return;
        }
        let all = cx.squeezed_text();
        for (topic, words) in REQUIRED {
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
