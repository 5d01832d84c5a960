use yusuan_model::{Diagnostic, FactValue, Severity};

use crate::rules::text_figures::fact_at;
use crate::util::Cx;
use crate::Rule;

/// R-REASON: a change the explanation states comes with its reason.
pub struct Reason;

const REASON_WORDS: &[&str] = &["原因", "主要是", "主要用于", "由于", "因为", "用于", "系"];

impl Rule for Reason {
    fn id(&self) -> &'static str {
        "R-REASON"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "增减变化没有说明原因"
    }
    fn doc(&self) -> &'static str {
        "Every increase or decrease the explanation states (增加 / 减少 against last year) is \
followed, in its sentence or the next ~400 characters, by a reason (原因, 主要是, 由于, 用于 …). \
Why: the rules require the reasons for changes, 三公 above all; a bare figure explains nothing."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        if cx.report.text.is_empty() {
            return;
        }
        let all = cx.squeezed_text();
        let mut seen: Vec<&str> = Vec::new();
        for f in &cx.report.facts {
            let (FactValue::Text(dir), Some(sentence)) = (&f.value, f.sentence.as_deref()) else {
                continue;
            };
            if !f.key.ends_with(".change.direction") || dir == "持平" || seen.contains(&sentence)
            {
                continue;
            }
            seen.push(sentence);
            let Some(at) = all.find(sentence) else {
                continue;
            };
            let window: String = all[at..]
                .chars()
                .take(sentence.chars().count() + 400)
                .collect();
            if !REASON_WORDS.iter().any(|w| window.contains(w)) {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!("增减变化没有说明原因：{sentence}"),
                        fact_at(cx, f),
                    )
                    .with_hint("说明增加或减少的主要原因"),
                );
            }
        }
    }
}
