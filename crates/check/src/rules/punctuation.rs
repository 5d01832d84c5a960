use yusuan_model::{Diagnostic, Severity};

use crate::util::{around, starts_in, text_windows, Cx};
use crate::Rule;

/// R-PUNCT: doubled punctuation in the explanation.
pub struct Punctuation;

const DOUBLED: &[&str] = &[
    "，，", "。。", "、、", "；；", "：：", "，。", "。，", "，；", "；，", "，.", "。.", ".，",
];

impl Rule for Punctuation {
    fn id(&self) -> &'static str {
        "R-PUNCT"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "说明中有重复或连用的标点"
    }
    fn doc(&self) -> &'static str {
        "Doubled or clashing punctuation (，，  。。  、、  ，。  ，.) anywhere in the running text, \
found on the line it starts on. A warning of form: it changes no figure, but it is usually \
where text was cut from another report or an edit was left half done."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for (window, own, location) in text_windows(cx) {
            if let Some((p, at)) = starts_in(&window, own, DOUBLED) {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!("标点「{p}」连用：{}", around(&window, at, p.len())),
                        location,
                    )
                    .with_hint("删去多余的标点"),
                );
            }
        }
    }
}
