use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Printed, Severity};

use crate::util::{fen, slack, Cx, Joined};
use crate::Rule;

/// R-TEXT-BALANCE: the 收入总计 and the 支出总计 the text gives of one scope are equal.
pub struct TextBalance;

impl Rule for TextBalance {
    fn id(&self) -> &'static str {
        "R-TEXT-BALANCE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中的收入总计与支出总计相等"
    }
    fn doc(&self) -> &'static str {
        "Where the explanation gives a 收入总计 and then, within its paragraph, the 支出总计 of the \
same scope (both unqualified, or both 财政拨款 / 一般公共预算财政拨款), the two are equal: a \
budget balances, and a 决算's totals include what was carried over on each side. Not judged: a \
支出总计 said of last year (`上年支出总计`) or of another year than the 收入总计's. Why: a town's \
2021 决算 outside the repository gives 财政拨款收入总计2951.23万元 and 财政拨款支出总计3084.82万元; \
one of the figures, or the word 总计 for a year's own income or spending, is wrong."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(\d{4}年度?)?((?:一般公共预算)?财政拨款|一般公共预算)?(收入|支出)(?:预算|决算)?总计(?:为|是)?([\d,]+(?:\.\d+)?)(万元|元)",
            )
            .expect("valid")
        });
        let joined = Joined::of(cx);
        let text = &joined.text;
        let totals: Vec<regex::Captures> = TOTAL.captures_iter(text).collect();
        for (i, income) in totals.iter().enumerate() {
            if &income[3] != "收入" {
                continue;
            }
            let start = income.get(0).expect("match").start();
            // The next total, if it is the 支出总计 of the same scope in the same paragraph.
            let Some(spending) = totals.get(i + 1) else {
                continue;
            };
            let at = spending.get(0).expect("match").start();
            let between = &text[income.get(0).expect("match").end()..at];
            let scope = |c: &regex::Captures| c.get(2).map_or("", |m| m.as_str()).to_owned();
            let year = |c: &regex::Captures| {
                c.get(1)
                    .map(|m| m.as_str().trim_end_matches('度').to_owned())
            };
            if &spending[3] != "支出"
                || scope(income) != scope(spending)
                || between.chars().count() > 120
                || between.contains('\n')
                || ["上年", "去年", "上一年"]
                    .iter()
                    .any(|w| between.ends_with(w))
                || year(spending).is_some_and(|y| Some(y) != year(income))
            {
                continue;
            }
            let figure = |c: &regex::Captures| Printed::read(&format!("{}{}", &c[4], &c[5]));
            let (Some(a), Some(b)) = (figure(income), figure(spending)) else {
                continue;
            };
            if (fen(a) - fen(b)).abs() > slack([&a, &b]) {
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!(
                            "说明称{s}收入总计{a}{}，{s}支出总计却为{b}{}：收支总计应相等",
                            a.unit.label(),
                            b.unit.label(),
                            s = scope(income),
                        ),
                        joined.at(start),
                    )
                    .with_hint("收入总计 = 支出总计；本年收入、本年支出不称“总计”"),
                );
            }
        }
    }
}
