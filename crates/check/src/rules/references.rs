use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Severity};

use crate::util::{Cx, Joined};
use crate::Rule;

/// R-TEXT-REF: the explanation sends the reader to performance target tables the
/// document does not contain.
pub struct References;

impl Rule for References {
    fn id(&self) -> &'static str {
        "R-TEXT-REF"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "说明所引的绩效目标表不在报告中"
    }
    fn doc(&self) -> &'static str {
        "A sentence that sends the reader to a 绩效目标表 (`详见单位的项目绩效目标表`, `绩效目标表\
见附件`) needs one in the document: a project read with its targets, or a printed table of \
targets (a line with 一级指标 / 二级指标 / 指标值). Without one it is a warning, since the \
tables may be published elsewhere; the finding asks to attach them or say where they are. \
Why: 普陀区府办's 2025 budget ends each project's explanation with 详见单位的项目绩效目标表, \
and none of its 22 pages holds one."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?:详见|参见|见)[^。；，]{0,12}绩效目标表|绩效目标表[^。；]{0,6}见附[件表]",
            )
            .expect("valid")
        });
        if !cx.report.projects.is_empty() {
            return;
        }
        let joined = Joined::of(cx);
        let printed = ["一级指标", "二级指标", "指标值"]
            .iter()
            .any(|w| joined.text.contains(w));
        if printed {
            return;
        }
        for m in REFERENCE.find_iter(&joined.text) {
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "说明写“{}”，但报告中没有绩效目标表：{}",
                        m.as_str(),
                        joined.sentence(m.start())
                    ),
                    joined.at(m.start()),
                )
                .with_hint("附上所引的绩效目标表，或写明其公开位置"),
            );
        }
    }
}
