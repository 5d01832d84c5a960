use yusuan_model::{Diagnostic, FactValue, Printed, Severity};

use crate::rules::text_figures::fact_at;
use crate::util::{fen, Cx};
use crate::Rule;

/// R-TEXT-COMPARE: 大于 / 小于 / 等于 between two figures says what the figures say.
pub struct TextCompare;

impl Rule for TextCompare {
    fn id(&self) -> &'static str {
        "R-TEXT-COMPARE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "大于、小于、等于与数字相符"
    }
    fn doc(&self) -> &'static str {
        "A comparison word between two figures of one sentence (`本年支出2940.05万元，小于本年收入 \
2946.25万元`) must agree with them: 大于 / 高于 means the first is larger, 小于 / 低于 smaller, \
等于 equal (within half a printed digit each). Why: a wrong comparison word inverts what the \
reader concludes."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for f in cx.report.facts.iter().filter(|f| f.key == "comparison") {
            let FactValue::Text(t) = &f.value else {
                continue;
            };
            let parts: Vec<&str> = t.split('|').collect();
            let [a, word, b] = parts.as_slice() else {
                continue;
            };
            let (Some(a), Some(b)) = (Printed::read(a), Printed::read(b)) else {
                continue;
            };
            let tolerance = a.half_unit_fen() + b.half_unit_fen();
            let d = fen(a) - fen(b);
            let holds = match *word {
                "大于" | "高于" => d > tolerance,
                "小于" | "低于" => d < -tolerance,
                _ => d.abs() <= tolerance,
            };
            if !holds {
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!("说明称 {a} {word} {b}，与数字不符"),
                        fact_at(cx, f),
                    )
                    .with_hint("核对比较用词与金额"),
                );
            }
        }
    }
}
