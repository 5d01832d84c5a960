use yusuan_model::{Diagnostic, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-PUNCT: doubled punctuation in the explanation.
pub struct Punctuation;

const DOUBLED: &[&str] = &[
    "，，", "。。", "、、", "；；", "：：", "，。", "。，", "，；", "；，",
];

impl Rule for Punctuation {
    fn id(&self) -> &'static str {
        "R-PUNCT"
    }
    fn severity(&self) -> Severity {
        Severity::Note
    }
    fn title(&self) -> &'static str {
        "说明中有重复或连用的标点"
    }
    fn doc(&self) -> &'static str {
        "Doubled or clashing punctuation (，，  。。  、、  ，。) in the explanation's sentences. A \
note: it does not change a figure, but it is usually where text was cut from another report."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let mut seen: Vec<&str> = Vec::new();
        for f in &cx.report.facts {
            let Some(s) = f.sentence.as_deref().filter(|s| !seen.contains(s)) else {
                continue;
            };
            seen.push(s);
            if let Some(p) = DOUBLED.iter().find(|p| s.contains(*p)) {
                out.push(Diagnostic::new(
                    self.id(),
                    Severity::Note,
                    format!("标点「{p}」连用：{s}"),
                    crate::rules::text_figures::fact_at(cx, f),
                ));
            }
        }
    }
}
