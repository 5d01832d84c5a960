use yusuan_model::{Diagnostic, Location, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-RESIDUE: template residue left in the document.
pub struct Residue;

/// Words a template leaves for the author to replace.
const RESIDUE: &[&str] = &[
    "XX",
    "xx",
    "××",
    "增长（下降）",
    "增加（减少）",
    "增长(下降)",
    "增加(减少)",
    "待填写",
    "请填写",
    "（略）",
];

impl Rule for Residue {
    fn id(&self) -> &'static str {
        "R-RESIDUE"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "模板残留文字（XX、增长（下降）、待填写）"
    }
    fn doc(&self) -> &'static str {
        "Placeholders a template leaves for the author — XX, ××, 增长（下降）, 增加（减少）, 待填写 — \
in table titles, the explanation's sentences and project texts. Why: they show the document was \
published unfinished."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let mut texts: Vec<(String, Location)> = Vec::new();
        for t in &cx.report.tables {
            texts.push((t.title.clone(), cx.at(t, None, None)));
        }
        let mut seen: Vec<&str> = Vec::new();
        for f in &cx.report.facts {
            if let Some(s) = f.sentence.as_deref().filter(|s| !seen.contains(s)) {
                seen.push(s);
                texts.push((s.to_owned(), crate::rules::text_figures::fact_at(cx, f)));
            }
        }
        for p in &cx.report.projects {
            for text in [&p.name, &p.overview, &p.goal_total, &p.goal_annual, &p.plan] {
                texts.push((
                    text.clone(),
                    Location {
                        row: Some(p.name.clone()),
                        ..cx.at_file()
                    },
                ));
            }
        }
        for (text, location) in texts {
            if let Some(word) = RESIDUE.iter().find(|w| text.contains(*w)) {
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!("文中留有模板文字「{word}」：{}", excerpt(&text, word)),
                        location,
                    )
                    .with_hint("替换为实际内容"),
                );
            }
        }
    }
}

/// About twenty characters around the word.
fn excerpt(text: &str, word: &str) -> String {
    let at = text.find(word).unwrap_or(0);
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(10)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(word.chars().count() + 10)
        .map_or(text.len(), |(i, _)| at + i);
    format!("…{}…", &text[start..end])
}
