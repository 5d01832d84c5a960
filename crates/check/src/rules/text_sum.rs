use yusuan_model::{Diagnostic, Fact, FactValue, Printed, Severity};

use crate::rules::text_figures::fact_at;
use crate::util::{fen, show_fen, slack, Cx};
use crate::Rule;

/// R-TEXT-SUM: the 基本支出 the explanation states is its 人员经费 plus its 公用经费.
pub struct TextSum;

impl Rule for TextSum {
    fn id(&self) -> &'static str {
        "R-TEXT-SUM"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中的基本支出等于人员经费与公用经费之和"
    }
    fn doc(&self) -> &'static str {
        "Where the explanation states a 基本支出 and then, in the same or the next two \
sentences, its 人员经费 and its 公用经费 (`基本支出911.7万元，其中：人员经费489.18万元…；公用经费\
46.89万元`), the two parts must add up to it within the rounding of the three printed figures. \
基本支出 is 人员经费 and 公用经费 and nothing else, so the text can be checked without its \
tables (a report whose tables were published apart). Why: a 2023 决算 outside the repository \
states 911.7 for 489.18 + 46.89 = 536.07 — it put 项目支出 into 基本支出."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let facts = &cx.report.facts;
        let money = |f: &Fact| match f.value {
            FactValue::Money(p) => Some(p),
            _ => None,
        };
        // Sentences in order, to bound "the next two".
        let mut sentences: Vec<&str> = Vec::new();
        for f in facts {
            if let Some(s) = f.sentence.as_deref() {
                if sentences.last() != Some(&s) {
                    sentences.push(s);
                }
            }
        }
        let index = |f: &Fact| {
            f.sentence
                .as_deref()
                .and_then(|s| sentences.iter().position(|t| *t == s))
        };
        for (i, basic) in facts.iter().enumerate() {
            let (true, Some(whole), Some(at)) =
                (basic.key == "expenditure.basic", money(basic), index(basic))
            else {
                continue;
            };
            let near = |key: &str| -> Option<Printed> {
                facts[i + 1..]
                    .iter()
                    .take_while(|f| {
                        index(f).is_some_and(|j| j <= at + 2) && f.key != "expenditure.basic"
                    })
                    .find(|f| f.key == key)
                    .and_then(money)
            };
            let (Some(personnel), Some(public)) =
                (near("expenditure.personnel"), near("expenditure.public"))
            else {
                continue;
            };
            let sum = fen(personnel) + fen(public);
            if (sum - fen(whole)).abs() > slack([&whole, &personnel, &public]) {
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!(
                            "说明称基本支出{whole}{u}，其人员经费{personnel}{}与公用经费{public}{}之和为{}{u}",
                            personnel.unit.label(),
                            public.unit.label(),
                            show_fen(sum, whole.unit),
                            u = whole.unit.label()
                        ),
                        fact_at(cx, basic),
                    )
                    .with_hint("基本支出 = 人员经费 + 公用经费"),
                );
            }
        }
    }
}
