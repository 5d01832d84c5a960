use yusuan_model::{ClaimValue, Diagnostic, FactValue, Location, Printed, Severity};

use crate::rules::statements::at;

use crate::rules::text_figures::fact_at;
use crate::util::Cx;
use crate::Rule;

/// R-TEXT-DECIMALS: the amounts of one sentence are printed to the same decimals.
pub struct TextDecimals;

impl Rule for TextDecimals {
    fn id(&self) -> &'static str {
        "R-TEXT-DECIMALS"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "同一句中的金额小数位一致"
    }
    fn doc(&self) -> &'static str {
        "In one sentence of the explanation, an amount printed with one decimal (`4335.3万元`, \
`6.2万元`) beside amounts printed with two (`15,844.04万元`) has lost a trailing zero: a \
warning, quoting it. Whole amounts are not judged (a round figure is often written so). Why: \
a reader cannot tell a dropped digit from a truncated figure."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let mut shown: Vec<String> = Vec::new();
        let mut judge =
            |figures: Vec<(Printed, Location)>, quote: &str, out: &mut Vec<Diagnostic>| {
                // A figure printed otherwise than it is held (`2453.62708万元`, held in 元) has
                // decimals of its own printing.
                let printed_so = |p: &Printed| {
                    let unit = p.unit.label();
                    quote.contains(&format!("{p}{unit}"))
                        || quote.contains(&format!("{}{unit}", yusuan_model::with_separators(*p)))
                };
                let figures: Vec<(Printed, Location)> =
                    figures.into_iter().filter(|(p, _)| printed_so(p)).collect();
                if !figures.iter().any(|(p, _)| p.decimals == 2) {
                    return;
                }
                for (p, location) in figures.into_iter().filter(|(p, _)| p.decimals == 1) {
                    let text = format!("{p}{}", p.unit.label());
                    let key = format!("{text}@{:?}{:?}", location.page, location.line);
                    if shown.contains(&key) {
                        continue;
                    }
                    shown.push(key);
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!("同一句中其他金额保留两位小数，{text}只有一位：{quote}"),
                            location,
                        )
                        .with_hint("金额统一保留两位小数"),
                    );
                }
            };
        // Sentences to their 。: facts cut at ；, so clauses of one sentence are joined.
        let facts = &cx.report.facts;
        let running: String = cx
            .report
            .text
            .iter()
            .flat_map(|l| l.text.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        // Two clauses are one sentence when the first ends with ； (or ;) and the text prints
        // them one after the other (no heading between).
        let continues = |prev: &str, next: &str| {
            prev.ends_with(['；', ';']) && running.contains(&format!("{prev}{next}"))
        };
        let mut i = 0;
        while i < facts.len() {
            let mut end = i + 1;
            let mut quote = facts[i].sentence.clone().unwrap_or_default();
            while end < facts.len() {
                let (prev, next) = (&facts[end - 1].sentence, &facts[end].sentence);
                if next == prev {
                    end += 1;
                } else if prev
                    .as_deref()
                    .zip(next.as_deref())
                    .is_some_and(|(p, n)| continues(p, n))
                {
                    quote.push_str(next.as_deref().unwrap_or(""));
                    end += 1;
                } else {
                    break;
                }
            }
            let figures = facts[i..end]
                .iter()
                .filter_map(|f| match f.value {
                    FactValue::Money(p) => Some((p, fact_at(cx, f))),
                    _ => None,
                })
                .collect();
            judge(figures, &quote, out);
            i = end;
        }
        // A statement about one item: its amount and its change belong together.
        for s in crate::rules::statements::items(cx) {
            let figures = s
                .claims
                .iter()
                .filter_map(|c| match c.value {
                    ClaimValue::Money(p) | ClaimValue::Delta { money: p, .. } => {
                        Some((p, at(cx, s, Some(c))))
                    }
                    _ => None,
                })
                .collect();
            let quote = s.source.as_ref().map_or("", |q| q.quote.as_str());
            judge(figures, quote, out);
        }
    }
}
