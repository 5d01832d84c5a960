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
one of the figures, or the word 总计 for a year's own income or spending, is wrong. And the \
本年支出 and 年末结转和结余 printed right after a 收入总计 (`一般公共预算收入总计1085.31万元，本年支出\
1070.67万元，年末结转和结余30.65万元`) cannot add up to more than it: the 支出总计 is those two \
and what was distributed from the balance."
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
            self.spent_and_left(&joined, income, out);
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

impl TextBalance {
    /// `一般公共预算收入总计1085.31万元，本年支出1070.67万元，年末结转和结余30.65万元`: the
    /// 支出总计 is the year's spending, what was distributed from the balance and what is
    /// carried over, and equals the 收入总计; so the spending and the carry-over the same
    /// sentence gives cannot add up to more than it.
    fn spent_and_left(&self, joined: &Joined, income: &regex::Captures, out: &mut Vec<Diagnostic>) {
        static SPENT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^[，,]?本年支出(?:合计)?(?:为|是)?([\d,]+(?:\.\d+)?)(万元|元)")
                .expect("valid")
        });
        static LEFT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^[，,]?年末结转和?结余(?:为|是)?([\d,]+(?:\.\d+)?)(万元|元)")
                .expect("valid")
        });
        let whole = income.get(0).expect("match");
        let rest = &joined.text[whole.end()..];
        let (Some(spent), Some(left)) = (
            SPENT.captures(rest),
            SPENT
                .find(rest)
                .and_then(|m| LEFT.captures(&rest[m.end()..])),
        ) else {
            return;
        };
        let figure = |c: &regex::Captures| Printed::read(&format!("{}{}", &c[1], &c[2]));
        let (Some(total), Some(a), Some(b)) = (
            Printed::read(&format!("{}{}", &income[4], &income[5])),
            figure(&spent),
            figure(&left),
        ) else {
            return;
        };
        let sum = fen(a) + fen(b);
        if sum - fen(total) > slack([&total, &a, &b]) {
            let scope = income.get(2).map_or("", |m| m.as_str());
            out.push(
                Diagnostic::error(
                    self.id(),
                    format!(
                        "说明称{scope}收入总计{total}{}，本年支出{a}{}与年末结转和结余{b}{}之和却为{}{}，超过收入总计",
                        total.unit.label(),
                        a.unit.label(),
                        b.unit.label(),
                        crate::util::show_fen(sum, total.unit),
                        total.unit.label(),
                    ),
                    joined.at(whole.start()),
                )
                .with_hint("收入总计 = 支出总计 = 本年支出 + 结余分配 + 年末结转和结余"),
            );
        }
    }
}
