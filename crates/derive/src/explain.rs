//! The explanation section drafted from the data. The words are templates kept as data
//! (the profile's `explanation`, `crates/profile/templates/<profile>.txt`, minijinja); every figure is computed here from exact
//! lines, and every change carries the reason the input gives (none is invented).

use minijinja::{context, Environment};
use serde::Serialize;
use std::collections::BTreeMap;

use yusuan_model::{
    with_separators, Amount, Budget, Category, Claim, ClaimValue, Diagnostic, FundingSource,
    Location, Measure, MoneyUnit, PathStyle, Period, Report, Side, Statement, Subject, TableKind,
    TextLine, Way,
};
use yusuan_profile::{
    Profile, ECON_MEETINGS, ECON_OUTBOUND, ECON_RECEPTION, ECON_THREE_PUBLIC, ECON_TRAINING,
    ECON_VEHICLES, ECON_VEHICLE_OPERATION, ECON_VEHICLE_PURCHASE,
};

fn wan(a: Amount) -> String {
    with_separators(a.round_to(MoneyUnit::WanYuan))
}

/// A share in percent with two decimals, rounded half up.
fn share(part: Amount, total: Amount) -> String {
    if total.fen() == 0 {
        return "0.00".to_owned();
    }
    let h = (part.fen() as i128 * 20_000 / total.fen() as i128 + 1) / 2;
    format!("{}.{:02}", h / 100, h % 100)
}

/// `，比上年增加X万元，增长Y%` / `，与上年预算持平`; empty without a prior figure.
fn change(now: Amount, prior: Option<Amount>) -> String {
    let Some(prior) = prior else {
        return String::new();
    };
    let diff = now - prior;
    if diff.round_to(MoneyUnit::WanYuan).is_zero() {
        return "，与上年预算持平".to_owned();
    }
    let (word, rate) = if diff.fen() > 0 {
        ("增加", "增长")
    } else {
        ("减少", "下降")
    };
    let pct = if prior.fen() == 0 {
        String::new()
    } else {
        format!("，{rate}{}%", share(Amount(diff.fen().abs()), prior))
    };
    format!("，比上年{word}{}万元{pct}", wan(Amount(diff.fen().abs())))
}

/// A total as the template prints it: `head` (name, amount, share) and `tail` (change,
/// rate, reason), written by the grammar.
#[derive(Serialize)]
struct Stated {
    head: String,
    tail: String,
}

impl Stated {
    fn of(s: &Statement) -> Stated {
        Stated {
            head: yusuan_statement::render_head(s),
            tail: yusuan_statement::render_tail(s),
        }
    }
}

/// A total as the template prints it, kept under `at` (the context name the template prints
/// it by) when the vocabulary knows its name, to place the statement in the text's order.
fn stated(said: &mut Vec<(&'static str, Statement)>, at: &'static str, s: Statement) -> Stated {
    let text = Stated::of(&s);
    if s.subject.key().is_some_and(|k| !k.is_empty()) {
        said.push((at, s));
    }
    text
}

/// A statement's change compared with a named year (`比2023年度减少…`).
fn against_year(mut s: Statement, year: u16) -> Statement {
    for c in s.claims.iter_mut().filter(|c| c.measure == Measure::Change) {
        c.year = Some(year);
    }
    s
}

/// A share of `base` in hundredths, rounded half up, as the text prints it.
fn share_claim(measure: Measure, part: Amount, base: Amount) -> Claim {
    let h = if base.is_zero() {
        0
    } else {
        (part.fen() as i128 * 20_000 / base.fen() as i128 + 1) / 2
    };
    claim(
        measure,
        ClaimValue::Rate {
            hundredths: h as i64,
            decimals: 2,
            way: None,
        },
    )
}

#[derive(Serialize)]
struct Named {
    name: String,
    amount: String,
    share: String,
}

/// A claim the explanation writes: a measure and its value, located when it is read back.
fn claim(measure: Measure, value: ClaimValue) -> Claim {
    Claim {
        measure,
        value,
        year: None,
        page: None,
        line: None,
    }
}

/// A total named in words, as the explanation states it: its amount in 万元, and against
/// last year's figure (when the input gives one) the change and its rate, or 持平 when the
/// change rounds to nothing. `year` is printed before it.
fn named(
    name: &str,
    year: Option<u16>,
    now: Amount,
    prior: Option<Amount>,
    reason: Option<String>,
) -> Statement {
    // The key is the one the vocabulary gives the printed name, as the reader finds it.
    let key = yusuan_statement::key_for(name).map_or("", |(k, _)| k);
    let mut amount = claim(
        Measure::Amount,
        ClaimValue::Money(now.round_to(MoneyUnit::WanYuan)),
    );
    amount.year = year;
    let mut claims = vec![amount];
    if let Some(prior) = prior {
        let diff = now - prior;
        let printed = Amount(diff.fen().abs()).round_to(MoneyUnit::WanYuan);
        if printed.is_zero() {
            claims.push(claim(
                Measure::Change,
                ClaimValue::Delta {
                    money: printed,
                    way: Way::Level,
                },
            ));
        } else {
            let way = if diff.fen() > 0 { Way::Up } else { Way::Down };
            claims.push(claim(
                Measure::Change,
                ClaimValue::Delta {
                    money: printed,
                    way,
                },
            ));
            if prior.fen() != 0 {
                let h = (diff.fen().unsigned_abs() as i128 * 20_000 / prior.fen().abs() as i128
                    + 1)
                    / 2;
                claims.push(claim(
                    Measure::ChangeRate,
                    ClaimValue::Rate {
                        hundredths: h as i64,
                        decimals: 2,
                        way: Some(way),
                    },
                ));
            }
        }
    }
    Statement {
        subject: Subject::Named {
            key: key.to_owned(),
            name: name.to_owned(),
        },
        claims,
        purpose: None,
        reason,
        source: None,
    }
}

/// Each 类 a table prints (on one side), with its 合计 cell.
fn class_cells(
    report: &Report,
    kind: TableKind,
    side: Option<Side>,
) -> Vec<(&yusuan_model::Row, yusuan_model::Printed)> {
    let Some(b) = report.table(kind).and_then(|t| {
        if side.is_some() {
            t.block(side)
        } else {
            t.block(None).or(t.blocks.first())
        }
    }) else {
        return Vec::new();
    };
    let c = b.column_index("合计").unwrap_or(0);
    b.rows
        .iter()
        .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
        .filter_map(|r| r.cell(c).map(|v| (r, v)))
        .collect()
}

/// Each 类 a table prints, with its amount and its share of `base`: the statements of the
/// list of what a budget is spent on (`主要用于以下方面：…`).
fn class_statements(
    report: &Report,
    kind: TableKind,
    base: Amount,
    style: PathStyle,
) -> Vec<Statement> {
    class_cells(report, kind, None)
        .into_iter()
        .map(|(r, v)| {
            let h = if base.is_zero() {
                0
            } else {
                (v.to_amount().fen() as i128 * 20_000 / base.fen() as i128 + 1) / 2
            };
            Statement {
                subject: Subject::Item {
                    path: vec![r.name.clone()],
                    style,
                },
                claims: vec![
                    // The text states amounts in 万元 whatever the table's unit.
                    claim(
                        Measure::Amount,
                        ClaimValue::Money(v.to_amount().round_to(MoneyUnit::WanYuan)),
                    ),
                    claim(
                        Measure::Share,
                        ClaimValue::Rate {
                            hundredths: h as i64,
                            decimals: 2,
                            way: None,
                        },
                    ),
                ],
                purpose: None,
                reason: None,
                source: None,
            }
        })
        .collect()
}

/// One functional 项 paid from 财政拨款: the statement the explanation makes of it
/// (“类-款-项”科目X万元，主要用于……), and its sentence as the grammar writes it.
#[derive(Serialize)]
struct Item {
    code: String,
    path: String,
    sentence: String,
    #[serde(skip)]
    statement: Statement,
}

/// Every functional 项 with 财政拨款 money, in code order, named 类-款-项 as the report's
/// tables name them.
fn fiscal_items(budget: &Budget, style: PathStyle, report: &Report) -> Vec<Item> {
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    for row in report
        .tables
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.rows)
    {
        if let Some(code) = row.code.as_deref() {
            names.entry(code).or_insert(row.name.as_str());
        }
    }
    let mut by_code: BTreeMap<&str, Amount> = BTreeMap::new();
    for l in budget.lines.iter().filter(|l| l.source.is_fiscal()) {
        *by_code.entry(l.func.as_str()).or_default() += l.amount;
    }
    by_code
        .into_iter()
        .filter(|(_, a)| !a.is_zero())
        .map(|(code, a)| {
            let path: Vec<String> = [&code[..3], &code[..5], code]
                .map(|c| names.get(c).copied().unwrap_or(c).to_owned())
                .into();
            let printed = a.round_to(MoneyUnit::WanYuan);
            // A 决算 states each 项's 年初预算 and 决算 and how they compare; a budget its amount.
            let planned = budget
                .initial_budget
                .get(code)
                .or_else(|| budget.full_year_budget.get(code));
            let (claims, reason) = match planned {
                Some(initial) if budget.unit.family == yusuan_model::Family::Final => {
                    let initial = initial.round_to(MoneyUnit::WanYuan);
                    let way = match printed.to_amount().cmp(&initial.to_amount()) {
                        std::cmp::Ordering::Less => Way::Down,
                        std::cmp::Ordering::Equal => Way::Level,
                        std::cmp::Ordering::Greater => Way::Up,
                    };
                    let reason = (way != Way::Level)
                        .then(|| budget.item_reasons.get(code).cloned())
                        .flatten();
                    // 年初预算 where given, 全年预算 beside or instead of it; the verdict
                    // compares with the first.
                    let mut claims = Vec::new();
                    if let Some(a) = budget.initial_budget.get(code) {
                        claims.push(claim(
                            Measure::InitialBudget,
                            ClaimValue::Money(a.round_to(MoneyUnit::WanYuan)),
                        ));
                    }
                    if let Some(a) = budget.full_year_budget.get(code) {
                        claims.push(claim(
                            Measure::FullYearBudget,
                            ClaimValue::Money(a.round_to(MoneyUnit::WanYuan)),
                        ));
                    }
                    claims.push(claim(Measure::Final, ClaimValue::Money(printed)));
                    claims.push(claim(Measure::FinalAgainstBudget, ClaimValue::Word(way)));
                    (claims, reason)
                }
                _ => {
                    // A budget states the amount, and its change on last year where the
                    // input gives last year's figure.
                    let mut claims = vec![claim(Measure::Amount, ClaimValue::Money(printed))];
                    let mut reason = None;
                    if let Some(prior) = budget.prior_items.get(code) {
                        let delta = a - *prior;
                        let way = match delta.fen().cmp(&0) {
                            std::cmp::Ordering::Less => Way::Down,
                            std::cmp::Ordering::Equal => Way::Level,
                            std::cmp::Ordering::Greater => Way::Up,
                        };
                        let size = Amount(delta.fen().abs());
                        claims.push(claim(
                            Measure::Change,
                            ClaimValue::Delta {
                                money: size.round_to(MoneyUnit::WanYuan),
                                way,
                            },
                        ));
                        if !prior.is_zero() {
                            let h = (size.fen() as i128 * 20_000 / prior.fen() as i128 + 1) / 2;
                            claims.push(claim(
                                Measure::ChangeRate,
                                ClaimValue::Rate {
                                    hundredths: h as i64,
                                    decimals: 2,
                                    way: Some(way),
                                },
                            ));
                        }
                        reason = budget.item_reasons.get(code).cloned();
                    }
                    (claims, reason)
                }
            };
            let statement = Statement {
                subject: Subject::Item {
                    path: path.clone(),
                    style,
                },
                claims,
                purpose: budget.purposes.get(code).filter(|p| !p.is_empty()).cloned(),
                reason,
                source: None,
            };
            Item {
                code: code.to_owned(),
                path: path.join("-"),
                sentence: yusuan_statement::render(&statement),
                statement,
            }
        })
        .collect()
}

/// What a 决算's explanation states beyond a budget's: income by source, totals with the
/// balances, 年初预算 against 决算, the 三公 budgeted against spent, and 绩效.
fn final_context(
    budget: &Budget,
    report: &Report,
) -> (
    minijinja::Value,
    Vec<Statement>,
    Vec<(&'static str, Statement)>,
) {
    let totals = crate::facts::Totals::of(budget);
    let prior = &budget.prior;
    let income_by = |pred: &dyn Fn(FundingSource) -> bool| -> Amount {
        budget
            .income
            .iter()
            .filter(|i| pred(i.source))
            .map(|i| i.amount)
            .sum()
    };
    let mut incomes: Vec<Named> = Vec::new();
    let fiscal = income_by(&|s| s.is_fiscal());
    if !fiscal.is_zero() {
        incomes.push(Named {
            name: "财政拨款收入".to_owned(),
            amount: wan(fiscal),
            share: share(fiscal, totals.current),
        });
    }
    for s in FundingSource::ALL.iter().filter(|s| !s.is_fiscal()) {
        let a = income_by(&|x| x == *s);
        if !a.is_zero() {
            incomes.push(Named {
                name: s.label().to_owned(),
                amount: wan(a),
                share: share(a, totals.current),
            });
        }
    }
    let spent = budget.total();
    let general = budget.sum_where(|l| l.source == FundingSource::GeneralPublicBudget);
    let initial: Amount = budget.initial_budget.values().copied().sum();
    // Each 类 with its amount and share, written by the grammar like the 项.
    let class_statements = class_statements(
        report,
        TableKind::FinalGeneralBudget,
        general,
        PathStyle::Marked,
    );
    let general_classes: Vec<String> = class_statements
        .iter()
        .map(yusuan_statement::render)
        .collect();
    let compare = |actual: Amount, planned: Amount| {
        let (a, p) = (
            actual.round_to(MoneyUnit::WanYuan),
            planned.round_to(MoneyUnit::WanYuan),
        );
        match a.to_amount().cmp(&p.to_amount()) {
            std::cmp::Ordering::Less => "小于",
            std::cmp::Ordering::Equal => "等于",
            std::cmp::Ordering::Greater => "大于",
        }
    };
    let spent_on = |codes: &[&str]| budget.sum_where(|l| l.source.is_fiscal() && l.econ_in(codes));
    let tb = &budget.three_public_budget;
    let planned = |a: Option<Amount>| a.unwrap_or_default();
    let tp_items = [
        ("因公出国（境）费", ECON_OUTBOUND, planned(tb.outbound)),
        (
            "公务用车购置及运行维护费",
            ECON_VEHICLES,
            planned(tb.vehicle_purchase) + planned(tb.vehicle_operation),
        ),
        ("公务接待费", ECON_RECEPTION, planned(tb.reception)),
    ];
    let tp_planned: Amount = tp_items.iter().map(|(_, _, p)| *p).sum();
    let tp_spent = spent_on(ECON_THREE_PUBLIC);
    let tp = &prior.three_public;
    let tp_prior: Option<Amount> = tp.total();
    let f = &budget.performance;
    let count = |n: Option<i64>| n.unwrap_or(0);
    let last = format!("{}年度", budget.unit.year - 1);
    // The totals the 决算 explanation states through the grammar.
    let mut said: Vec<(&'static str, Statement)> = Vec::new();
    let year = budget.unit.year;
    let reason = |r: &String| (!r.trim().is_empty()).then(|| r.clone());
    let reasons = &budget.reasons;
    let final_total_s = stated(
        &mut said,
        "final_total_s",
        against_year(
            named(
                "收入支出总计",
                Some(year),
                totals.total,
                prior.income_total,
                reason(&reasons.total_change),
            ),
            year - 1,
        ),
    );
    let final_income_s = stated(
        &mut said,
        "final_income_s",
        named("本年收入合计", None, totals.current, None, None),
    );
    let mut sources: Vec<(String, Amount)> = Vec::new();
    if !fiscal.is_zero() {
        sources.push(("财政拨款收入".to_owned(), fiscal));
    }
    for s in FundingSource::ALL.iter().filter(|s| !s.is_fiscal()) {
        let a = income_by(&|x| x == *s);
        if !a.is_zero() {
            sources.push((s.label().to_owned(), a));
        }
    }
    let final_incomes_s: Vec<Stated> = sources
        .iter()
        .map(|(name, a)| {
            let mut st = named(name, None, *a, None, None);
            st.claims
                .push(share_claim(Measure::Share, *a, totals.current));
            stated(&mut said, "final_incomes_s", st)
        })
        .collect();
    let basic_all = budget.sum_where(|l| l.category.is_basic());
    let project_all = budget.sum_where(|l| l.category == Category::Project);
    let final_spent_s = stated(
        &mut said,
        "final_spent_s",
        named("本年支出合计", None, spent, None, None),
    );
    let with_share = |name: &str, a: Amount| {
        let mut st = named(name, None, a, None, None);
        st.claims.push(share_claim(Measure::Share, a, spent));
        st
    };
    let final_basic_s = stated(
        &mut said,
        "final_basic_s",
        with_share("基本支出", basic_all),
    );
    let final_project_s = stated(
        &mut said,
        "final_project_s",
        with_share("项目支出", project_all),
    );
    let final_fiscal_s = stated(
        &mut said,
        "final_fiscal_s",
        against_year(
            named(
                "财政拨款收入支出总计",
                Some(year),
                totals.fiscal,
                prior.fiscal_total,
                None,
            ),
            year - 1,
        ),
    );
    let final_general_s = stated(
        &mut said,
        "final_general_s",
        against_year(
            named(
                "一般公共预算财政拨款支出",
                None,
                general,
                prior.general_budget_current,
                reason(&reasons.general_budget_change),
            ),
            year - 1,
        ),
    );
    let final_general_amount_s = stated(
        &mut said,
        "final_general_amount_s",
        named("一般公共预算财政拨款支出", None, general, None, None),
    );
    // 年初预算 against 决算, and the comparison word where a reason is given for it.
    let finals = |name: &str, planned: Amount, actual: Amount, why: Option<String>| {
        let mut st = named(name, None, actual, None, None);
        st.claims = vec![
            claim(
                Measure::InitialBudget,
                ClaimValue::Money(planned.round_to(MoneyUnit::WanYuan)),
            ),
            claim(
                Measure::Final,
                ClaimValue::Money(actual.round_to(MoneyUnit::WanYuan)),
            ),
            share_claim(Measure::Completion, actual, planned),
        ];
        if let Some(why) = why {
            let (a, p) = (
                actual.round_to(MoneyUnit::WanYuan).to_amount(),
                planned.round_to(MoneyUnit::WanYuan).to_amount(),
            );
            let way = match a.cmp(&p) {
                std::cmp::Ordering::Less => Way::Down,
                std::cmp::Ordering::Equal => Way::Level,
                std::cmp::Ordering::Greater => Way::Up,
            };
            st.claims
                .push(claim(Measure::FinalAgainstBudget, ClaimValue::Word(way)));
            st.reason = Some(why);
        }
        st
    };
    let general_final = finals(
        "一般公共预算财政拨款支出",
        initial,
        general,
        reason(&budget.reasons.final_against_budget),
    );
    let final_general_final_s = yusuan_statement::render(&general_final);
    said.push(("final_general_final_s", general_final));
    let personnel_final = budget.sum_where(|l| {
        l.source == FundingSource::GeneralPublicBudget && l.category == Category::Personnel
    });
    let public_final = budget.sum_where(|l| {
        l.source == FundingSource::GeneralPublicBudget && l.category == Category::Public
    });
    let basic_final = budget
        .sum_where(|l| l.source == FundingSource::GeneralPublicBudget && l.category.is_basic());
    let final_basic_general_s = stated(
        &mut said,
        "final_basic_general_s",
        named(
            "一般公共预算财政拨款基本支出",
            None,
            basic_final,
            None,
            None,
        ),
    );
    let final_personnel_s = stated(
        &mut said,
        "final_personnel_s",
        named("人员经费", None, personnel_final, None, None),
    );
    let final_public_s = stated(
        &mut said,
        "final_public_s",
        named("公用经费", None, public_final, None, None),
    );
    // “三公” spending: budgeted against spent, the whole and each part; the parts' figures
    // with what they paid for.
    let mut three_final = finals("“三公”经费财政拨款支出", tp_planned, tp_spent, None);
    three_final
        .claims
        .retain(|c| c.measure != Measure::FinalAgainstBudget);
    let final_three_public_s = yusuan_statement::render(&three_final);
    said.push(("final_three_public_s", three_final));
    let three_parts: Vec<Statement> = tp_items
        .iter()
        .map(|(name, codes, p)| {
            let mut st = finals(name, *p, spent_on(codes), None);
            // Each part says what it spent and how much of its budget: no 年初预算 of its own.
            st.claims.retain(|c| c.measure != Measure::InitialBudget);
            st
        })
        .collect();
    let final_three_public_parts = yusuan_statement::render_list(&three_parts);
    for st in three_parts {
        said.push(("final_three_public_parts", st));
    }
    let c = &budget.three_public_counts;
    let counted =
        |n: Option<i64>, unit| n.map(|n| claim(Measure::Count, ClaimValue::Count { n, unit }));
    let with_counts = |name: &str, codes: &[&str], counts: Vec<Option<Claim>>| {
        let mut st = named(name, None, spent_on(codes), None, None);
        st.claims.extend(counts.into_iter().flatten());
        st
    };
    // Printed only where there was “三公” spending (else the text says there was none).
    let any_three_public = !tp_spent.round_to(MoneyUnit::WanYuan).is_zero();
    let final_three_details: Vec<Stated> = [
        with_counts(
            "因公出国（境）费",
            ECON_OUTBOUND,
            vec![
                counted(c.outbound_groups, yusuan_model::CountUnit::Pieces),
                counted(c.outbound_people, yusuan_model::CountUnit::PersonTimes),
            ],
        ),
        with_counts(
            "公务用车购置费",
            ECON_VEHICLE_PURCHASE,
            vec![counted(
                c.vehicles_bought,
                yusuan_model::CountUnit::Vehicles,
            )],
        ),
        with_counts(
            "公务用车运行维护费",
            ECON_VEHICLE_OPERATION,
            vec![counted(c.vehicles_held, yusuan_model::CountUnit::Vehicles)],
        ),
        with_counts(
            "公务接待费",
            ECON_RECEPTION,
            vec![
                counted(c.receptions, yusuan_model::CountUnit::Batches),
                counted(c.reception_people, yusuan_model::CountUnit::PersonTimes),
            ],
        ),
    ]
    .into_iter()
    .filter(|_| any_three_public)
    .map(|st| stated(&mut said, "final_three_details", st))
    .collect();
    let final_admin_s = budget.unit.kind.has_admin_running_cost().then(|| {
        let a = budget.sum_where(|l| {
            l.source == FundingSource::GeneralPublicBudget && l.category == Category::Public
        });
        stated(
            &mut said,
            "final_admin_s",
            named(
                "机关运行经费支出",
                None,
                a,
                prior.admin_running_cost,
                reason(&reasons.admin_running_cost_change),
            ),
        )
    });
    let value = context! {
        final_total_s => final_total_s,
        final_income_s => final_income_s,
        final_incomes_s => final_incomes_s,
        final_spent_s => final_spent_s,
        final_basic_s => final_basic_s,
        final_project_s => final_project_s,
        final_fiscal_s => final_fiscal_s,
        final_general_s => final_general_s,
        final_general_amount_s => final_general_amount_s,
        final_general_final_s => final_general_final_s,
        final_basic_general_s => final_basic_general_s,
        final_personnel_s => final_personnel_s,
        final_public_s => final_public_s,
        final_three_public_s => final_three_public_s,
        final_three_public_parts => final_three_public_parts,
        final_three_details => final_three_details,
        final_admin_s => final_admin_s,
        foreign_receptions => match (c.foreign_receptions, c.foreign_reception_people) {
            (Some(b), Some(p)) => format!("其中：外事接待{b}批次、{p}人次。"),
            _ => String::new(),
        },
        final_general_share => share(general, spent),
        final_general_classes => general_classes,
        final_three_public_against => compare(tp_spent, tp_planned),
        final_three_public_change => change(tp_spent, tp_prior).replace("上年预算", &last).replace("上年", &last),
        perf_targets => count(f.targets),
        perf_targets_amount => wan(f.targets_amount.unwrap_or_default()),
        perf_tracked => count(f.tracked),
        perf_tracked_amount => wan(f.tracked_amount.unwrap_or_default()),
        perf_evaluated => count(f.evaluated),
        perf_evaluated_amount => wan(f.evaluated_amount.unwrap_or_default()),
        perf_score => f.average_score.clone(),
        perf_excellent => count(f.excellent),
        perf_good => count(f.good),
        perf_pass => count(f.pass),
        perf_fail => count(f.fail),
        perf_problems => count(f.problems),
        perf_fixed => count(f.fixed),
        perf_fixing => count(f.fixing),
        sme_reserved => budget.procurement.reserved_sme.map(wan),
        micro_reserved => wan(budget.procurement.reserved_micro.unwrap_or_default()),
        sme_awarded => wan(budget.procurement.awarded_sme.unwrap_or_default()),
        micro_awarded => wan(budget.procurement.awarded_micro.unwrap_or_default()),
        sme_awarded_other => wan(budget.procurement.awarded_sme_other.unwrap_or_default()),
        vehicles_by_use => budget.assets.vehicles_by_use.iter().map(|(u, n)| format!("{u}{n}辆")).collect::<Vec<_>>().join("、"),
    };
    (value, class_statements, said)
}

/// The explanation: its lines and the statements they were written from (none when the
/// profile has no template), and a warning for each figure the template wants explained
/// and the input does not explain.
pub fn explain(
    budget: &Budget,
    profile: &Profile,
    report: &Report,
) -> (Vec<TextLine>, Vec<Statement>, Vec<Diagnostic>) {
    let Some(template) = profile.explanation else {
        return (Vec::new(), Vec::new(), Vec::new());
    };
    let fiscal = fiscal_items(budget, profile.item_style, report);
    let statements: Vec<Statement> = if template.contains("fiscal_items") {
        fiscal.iter().map(|i| i.statement.clone()).collect()
    } else {
        Vec::new()
    };
    let mut diags = Vec::new();
    if template.contains("fiscal_items") {
        for item in fiscal.iter().filter(|i| i.statement.purpose.is_none()) {
            diags.push(
                Diagnostic::warning(
                    "W-EXPLAIN-PURPOSE",
                    format!(
                        "说明要写明“{}”科目（{}）主要用于什么，输入中没有，只列金额",
                        item.path, item.code
                    ),
                    Location {
                        row: Some(item.code.clone()),
                        ..Location::default()
                    },
                )
                .with_hint(format!(
                    "在 unit.toml 的 [purposes] 中填写，如 \"{}\" = \"行政单位的基本支出\"",
                    item.code
                )),
            );
        }
    }
    let sum = |pred: &dyn Fn(&yusuan_model::Line) -> bool| budget.sum_where(pred);
    let econ_in = |codes: &[&str], l: &yusuan_model::Line| l.econ_in(codes);
    let fiscal_now = |l: &yusuan_model::Line| l.source.is_fiscal() && l.period == Period::Current;
    let total = budget.total();
    let current = sum(&|l| l.period == Period::Current);
    let carry = sum(&|l| l.period == Period::CarryOver);
    let basic = sum(&|l| l.category.is_basic());
    let project = sum(&|l| l.category == Category::Project);
    let reserve = sum(&|l| l.category == Category::Reserve);
    let fiscal_total = sum(&|l| l.source.is_fiscal());
    let general_econ = |codes: &[&str]| {
        sum(&|l| l.source == FundingSource::GeneralPublicBudget && l.econ_in(codes))
    };
    let general =
        sum(&|l| l.source == FundingSource::GeneralPublicBudget && l.period == Period::Current);
    let general_basic = sum(&|l| {
        l.source == FundingSource::GeneralPublicBudget
            && l.period == Period::Current
            && l.category.is_basic()
    });
    let mut sources: Vec<Named> = FundingSource::ALL
        .iter()
        .map(|s| (s, sum(&|l| l.source == *s && l.period == Period::Current)))
        .filter(|(_, a)| !a.is_zero())
        .map(|(s, a)| Named {
            name: format!("{}收入", s.label()),
            amount: wan(a),
            share: share(a, total),
        })
        .collect();
    if !carry.is_zero() {
        sources.push(Named {
            name: "上年结转".to_owned(),
            amount: wan(carry),
            share: share(carry, total),
        });
    }
    let general_classes =
        class_statements(report, TableKind::GeneralBudget, general, PathStyle::Bare);
    let classes = |kind: TableKind, side: Option<Side>, base: Amount| -> Vec<Named> {
        class_cells(report, kind, side)
            .into_iter()
            .map(|(r, v)| Named {
                name: r.name.clone(),
                amount: wan(v.to_amount()),
                share: share(v.to_amount(), base),
            })
            .collect()
    };
    // The 款 of 一般公共预算 基本支出 in one category, named as the economic table names them.
    let items = |category: Category| -> String {
        let Some(t) = report
            .table(TableKind::GeneralBudgetBasic)
            .or_else(|| report.table(TableKind::FinalGeneralBudgetBasic))
        else {
            return String::new();
        };
        let mut codes: Vec<&str> = budget
            .lines
            .iter()
            .filter(|l| {
                l.source == FundingSource::GeneralPublicBudget
                    && l.period == Period::Current
                    && l.category == category
                    && !l.amount.is_zero()
            })
            .map(|l| l.econ.as_str())
            .collect();
        codes.sort();
        codes.dedup();
        let names: Vec<&str> = codes
            .iter()
            .filter_map(|c| {
                t.blocks
                    .iter()
                    .flat_map(|b| &b.rows)
                    .find(|r| r.code.as_deref() == Some(*c))
            })
            .map(|r| r.name.as_str())
            .collect();
        names.join("、")
    };
    let prior = &budget.prior;
    let tp = &prior.three_public;
    let three = |codes: &[&str]| sum(&|l| fiscal_now(l) && econ_in(codes, l));
    let admin = budget.unit.kind.has_admin_running_cost().then(|| {
        sum(&|l| {
            l.source == FundingSource::GeneralPublicBudget
                && l.period == Period::Current
                && l.category == Category::Public
        })
    });
    let procurement = &budget.procurement;
    let p_total: Amount = [procurement.goods, procurement.works, procurement.services]
        .into_iter()
        .flatten()
        .sum();
    let typed = |t: Option<yusuan_model::ProjectType>| {
        let chosen: Vec<_> = budget
            .projects
            .iter()
            .filter(|p| t.is_none() || p.project_type == t)
            .collect();
        (
            chosen.len(),
            wan(chosen.iter().filter_map(|p| p.funds_annual.total).sum()),
        )
    };
    let (projects_count, projects_amount) = typed(None);
    let (operating_count, operating_amount) = typed(Some(yusuan_model::ProjectType::Operating));
    let (specific_count, specific_amount) = typed(Some(yusuan_model::ProjectType::SpecificGoal));
    let reasons = &budget.reasons;
    let nonempty = |s: &String| (!s.trim().is_empty()).then(|| s.clone());
    // The totals the 山西 and 上海 explanations state through the grammar: each a head
    // (name, amount, share) and a tail (change, rate, reason) the templates print, and a
    // statement where the vocabulary knows the name. `said` keeps them by the context name
    // the template prints them under, to put the statements in the text's order.
    let year = Some(budget.unit.year);
    let mut said: Vec<(&'static str, Statement)> = Vec::new();
    let mut say = |at: &'static str, s: Statement| stated(&mut said, at, s);
    let with_share = |mut s: Statement, base: Amount| {
        let part = match s.claims[0].value {
            ClaimValue::Money(m) => m.to_amount(),
            _ => Amount::default(),
        };
        s.claims.insert(1, share_claim(Measure::Share, part, base));
        s
    };
    let reason_total = nonempty(&reasons.total_change);
    let income_s = say(
        "income_s",
        named(
            "预算收入总计",
            year,
            total,
            prior.income_total,
            reason_total.clone(),
        ),
    );
    let spending_s = say(
        "spending_s",
        named("支出总计", None, total, prior.income_total, reason_total),
    );
    let sources_s: Vec<Stated> = sources
        .iter()
        .map(|n| {
            let amount = FundingSource::ALL
                .iter()
                .find(|f| format!("{}收入", f.label()) == n.name)
                .map(|f| sum(&|l| l.source == *f && l.period == Period::Current))
                .unwrap_or(carry);
            say(
                "sources_s",
                with_share(named(&n.name, year, amount, None, None), total),
            )
        })
        .collect();
    let fiscal_parts_s: Vec<Stated> = [
        ("一般公共预算拨款", FundingSource::GeneralPublicBudget),
        ("政府性基金预算拨款", FundingSource::GovernmentFund),
        ("国有资本经营预算拨款", FundingSource::StateCapital),
    ]
    .into_iter()
    .map(|(name, f)| {
        say(
            "fiscal_parts_s",
            named(name, None, sum(&|l| l.source == f), None, None),
        )
    })
    .collect();
    let personnel_amount = sum(&|l| {
        l.source == FundingSource::GeneralPublicBudget
            && l.period == Period::Current
            && l.category == Category::Personnel
    });
    let public_amount = sum(&|l| {
        l.source == FundingSource::GeneralPublicBudget
            && l.period == Period::Current
            && l.category == Category::Public
    });
    let general_statement = named(
        "一般公共预算当年支出",
        year,
        general,
        prior.general_budget_current,
        nonempty(&reasons.general_budget_change),
    );
    // The same total again as the list of 类 is introduced: its amount alone.
    let general_amount = named("一般公共预算当年支出", year, general, None, None);
    let three_public_statement = named(
        "“三公”经费预算",
        year,
        three(ECON_THREE_PUBLIC),
        tp.total(),
        nonempty(&reasons.three_public_change),
    );
    let three_public_parts: Vec<Statement> = [
        ("因公出国（境）费", ECON_OUTBOUND, tp.outbound),
        ("公务接待费", ECON_RECEPTION, tp.reception),
        ("公务用车购置费", ECON_VEHICLE_PURCHASE, tp.vehicle_purchase),
        (
            "公务用车运行维护费",
            ECON_VEHICLE_OPERATION,
            tp.vehicle_operation,
        ),
    ]
    .into_iter()
    .map(|(name, codes, prior)| named(name, None, three(codes), prior, None))
    .collect();
    let admin_statement = admin.map(|a| {
        named(
            "机关运行经费财政拨款预算",
            None,
            a,
            prior.admin_running_cost,
            nonempty(&reasons.admin_running_cost_change),
        )
    });
    // The 江苏 explanation's totals.
    let js_total_s = say(
        "js_total_s",
        named(
            "支出预算总计",
            year,
            total,
            prior.income_total,
            nonempty(&reasons.total_change),
        ),
    );
    let source_amounts: Vec<(String, Amount)> = sources
        .iter()
        .map(|n| {
            let amount = FundingSource::ALL
                .iter()
                .find(|f| format!("{}收入", f.label()) == n.name)
                .map(|f| sum(&|l| l.source == *f && l.period == Period::Current))
                .unwrap_or(carry);
            (n.name.clone(), amount)
        })
        .collect();
    let js_sources_s: Vec<Stated> = source_amounts
        .iter()
        .map(|(name, a)| say("js_sources_s", named(name, None, *a, None, None)))
        .collect();
    let js_sources_share_s: Vec<Stated> = source_amounts
        .iter()
        .map(|(name, a)| {
            say(
                "js_sources_share_s",
                with_share(named(name, None, *a, None, None), total),
            )
        })
        .collect();
    let js_fiscal_parts_s: Vec<Stated> = [
        ("一般公共预算拨款", FundingSource::GeneralPublicBudget),
        ("政府性基金预算拨款", FundingSource::GovernmentFund),
    ]
    .into_iter()
    .map(|(name, f)| {
        say(
            "js_fiscal_parts_s",
            named(name, None, sum(&|l| l.source == f), None, None),
        )
    })
    .collect();
    let fiscal_basic = sum(&|l| l.source.is_fiscal() && l.category.is_basic());
    let fiscal_personnel = sum(&|l| l.source.is_fiscal() && l.category == Category::Personnel);
    let fiscal_public = sum(&|l| l.source.is_fiscal() && l.category == Category::Public);
    let js_general_s = say(
        "js_general_s",
        named(
            "一般公共预算财政拨款支出预算",
            year,
            general,
            prior.general_budget_current,
            nonempty(&reasons.general_budget_change),
        ),
    );
    let js_three_s = say(
        "js_three_s",
        named(
            "“三公”经费预算支出",
            year,
            three(ECON_THREE_PUBLIC),
            tp.total(),
            nonempty(&reasons.three_public_change),
        ),
    );
    let js_outbound_s = say(
        "js_outbound_s",
        named(
            "因公出国（境）费",
            None,
            three(ECON_OUTBOUND),
            tp.outbound,
            None,
        ),
    );
    let js_vehicles_s = say(
        "js_vehicles_s",
        named(
            "公务用车购置及运行费",
            None,
            three(ECON_VEHICLES),
            None,
            None,
        ),
    );
    let js_vehicle_purchase_s = say(
        "js_vehicle_purchase_s",
        named(
            "公务用车购置费",
            None,
            three(ECON_VEHICLE_PURCHASE),
            tp.vehicle_purchase,
            None,
        ),
    );
    let js_vehicle_operation_s = say(
        "js_vehicle_operation_s",
        named(
            "公务用车运行维护费",
            None,
            three(ECON_VEHICLE_OPERATION),
            tp.vehicle_operation,
            None,
        ),
    );
    let js_reception_s = say(
        "js_reception_s",
        named(
            "公务接待费",
            None,
            three(ECON_RECEPTION),
            tp.reception,
            None,
        ),
    );
    let fund_total = sum(&|l| l.source == FundingSource::GovernmentFund);
    let js_fund_s = (!fund_total.is_zero()).then(|| {
        say(
            "js_fund_s",
            named("政府性基金预算拨款支出预算", year, fund_total, None, None),
        )
    });
    let js_admin_s = admin.map(|a| {
        say(
            "js_admin_s",
            named(
                "一般公共预算机关运行经费预算支出",
                year,
                a,
                prior.admin_running_cost,
                nonempty(&reasons.admin_running_cost_change),
            ),
        )
    });

    let procurement_parts_s: Vec<Stated> = [
        ("政府采购货物预算", procurement.goods),
        ("政府采购工程预算", procurement.works),
        ("政府采购服务预算", procurement.services),
    ]
    .into_iter()
    .map(|(name, a)| {
        say(
            "procurement_parts_s",
            named(name, None, a.unwrap_or_default(), None, None),
        )
    })
    .collect();
    // Totals printed with their amount alone, or with their share of another: the context
    // name the template prints each by, its printed name, whether the year stands before
    // it in its sentence, its amount, and what its share is of.
    let plain: Vec<(&'static str, &str, bool, Amount, Option<Amount>)> = vec![
        ("current_s", "本年收入", true, current, None),
        ("carry_in_s", "上年结转", true, carry, None),
        ("spending_current_s", "本年预算安排", false, current, None),
        ("carry_out_s", "上年结转", false, carry, None),
        ("income_total_s", "预算收入", true, total, None),
        ("spending_total_s", "支出预算", true, total, None),
        ("basic_s", "基本支出", true, basic, Some(total)),
        ("project_s", "项目支出", true, project, Some(total)),
        ("fiscal_s", "财政拨款收支总预算", true, fiscal_total, None),
        ("basic_general_s", "基本支出", true, general_basic, None),
        ("personnel_s", "人员经费", true, personnel_amount, None),
        ("public_s", "公用经费", true, public_amount, None),
        ("procurement_s", "政府采购预算总额", true, p_total, None),
        ("js_income_s", "收入预算总计", false, total, None),
        ("js_spending_s", "支出预算总计", false, total, None),
        ("js_basic_s", "基本支出预算数", false, basic, None),
        ("js_project_s", "项目支出预算数", false, project, None),
        ("js_current_s", "本年收入预算合计", false, total, None),
        ("js_spending_total_s", "支出预算合计", false, total, None),
        ("js_basic_share_s", "基本支出", false, basic, Some(total)),
        (
            "js_project_share_s",
            "项目支出",
            false,
            project,
            Some(total),
        ),
        (
            "js_basic_fiscal_s",
            "财政拨款基本支出预算",
            true,
            fiscal_basic,
            None,
        ),
        (
            "js_personnel_fiscal_s",
            "人员经费",
            false,
            fiscal_personnel,
            None,
        ),
        ("js_public_fiscal_s", "公用经费", false, fiscal_public, None),
        (
            "js_basic_general_s",
            "一般公共预算财政拨款基本支出预算",
            true,
            general_basic,
            None,
        ),
        ("js_personnel_s", "人员经费", false, personnel_amount, None),
        ("js_public_s", "公用经费", false, public_amount, None),
        (
            "js_procurement_s",
            "政府采购支出预算总额",
            true,
            p_total,
            None,
        ),
    ];
    let plain: BTreeMap<&str, Stated> = plain
        .into_iter()
        .map(|(at, name, dated, amount, base)| {
            let s = named(name, dated.then_some(budget.unit.year), amount, None, None);
            let s = match base {
                Some(base) => with_share(s, base),
                None => s,
            };
            (at, say(at, s))
        })
        .collect();

    let ctx = context! {
        unit => budget.unit.name,
        year => budget.unit.year,
        overview => budget.overview,
        fiscal_total => wan(fiscal_total),
        fiscal_fund => wan(sum(&|l| l.source == FundingSource::GovernmentFund)),
        fiscal_capital => wan(sum(&|l| l.source == FundingSource::StateCapital)),
        fiscal_classes => {
            let by_summary = classes(TableKind::FiscalSummary, Some(Side::Expenditure), total);
            if by_summary.is_empty() {
                classes(TableKind::FiscalExpenditure, None, total)
            } else {
                by_summary
            }
        },
        general_classes => yusuan_statement::render_list(&general_classes),
        income_s => income_s,
        spending_s => spending_s,
        sources_s => sources_s,
        fiscal_parts_s => fiscal_parts_s,
        js_total_s => js_total_s,
        js_sources_s => js_sources_s,
        js_sources_share_s => js_sources_share_s,
        js_fiscal_parts_s => js_fiscal_parts_s,
        js_general_s => js_general_s,
        js_three_s => js_three_s,
        js_outbound_s => js_outbound_s,
        js_vehicles_s => js_vehicles_s,
        js_vehicle_purchase_s => js_vehicle_purchase_s,
        js_vehicle_operation_s => js_vehicle_operation_s,
        js_reception_s => js_reception_s,
        js_fund_s => js_fund_s,
        js_admin_s => js_admin_s,
        procurement_parts_s => procurement_parts_s,
        general_statement => yusuan_statement::render(&general_statement),
        general_amount => yusuan_statement::render(&general_amount).trim_end_matches('。').to_owned(),
        three_public_statement => yusuan_statement::render(&three_public_statement),
        three_public_parts => yusuan_statement::render_list(&three_public_parts),
        admin_statement => admin_statement.as_ref().map(yusuan_statement::render),
        personnel_items => items(Category::Personnel),
        public_items => items(Category::Public),
        reason_three_public => nonempty(&reasons.three_public_change),
        admin => admin.map(wan),
        procurement_total => wan(p_total),
        goods => wan(procurement.goods.unwrap_or_default()),
        works => wan(procurement.works.unwrap_or_default()),
        services => wan(procurement.services.unwrap_or_default()),
        projects_count => projects_count,
        projects_amount => projects_amount,
        operating_count => operating_count,
        operating_amount => operating_amount,
        specific_count => specific_count,
        specific_amount => specific_amount,
        assets_as_of => nonempty(&budget.assets.as_of),
        vehicles => budget.assets.vehicles.unwrap_or(0),
        equipment => budget.assets.equipment_over_1m.unwrap_or(0),
        new_vehicles => budget.assets.new_vehicles.unwrap_or(0),
        fiscal_items => fiscal,
        reserve => wan(reserve),
        reserve_any => !reserve.is_zero(),
        reserve_share => share(reserve, total),
        fiscal_share => share(fiscal_total, total),
        fund_any => !sum(&|l| l.source == FundingSource::GovernmentFund).is_zero(),
        all_classes => classes(TableKind::SummaryTotal, Some(Side::Expenditure), total),
        meetings => wan(general_econ(ECON_MEETINGS)),
        training => wan(general_econ(ECON_TRAINING)),
    };
    let (more_ctx, class_statements, final_said) = final_context(budget, report);
    said.extend(final_said);
    let ctx = context! { ..ctx, ..more_ctx, ..minijinja::Value::from_serialize(&plain) };
    // The statements in the order the template prints them.
    let mut placed: Vec<(usize, Vec<Statement>)> = [
        ("final_general_classes", class_statements),
        ("fiscal_items", statements),
        ("{{ general_classes }}", general_classes),
        ("{{ general_statement }}", vec![general_statement]),
        ("{{ general_amount }}", vec![general_amount]),
        ("{{ three_public_statement }}", vec![three_public_statement]),
        ("{{ three_public_parts }}", three_public_parts),
        (
            "{{ admin_statement }}",
            admin_statement.into_iter().collect(),
        ),
    ]
    .into_iter()
    .filter_map(|(marker, st)| template.find(marker).map(|at| (at, st)))
    .collect();
    // The figures said through `say`: a list's items in order at the list's place.
    for (at, st) in said {
        let pos = template
            .find(&format!("{{{{ {at}."))
            .or_else(|| template.find(&format!("{{{{ {at} }}}}")))
            .or_else(|| template.find(&format!(" in {at} ")));
        if let Some(pos) = pos {
            match placed.iter_mut().find(|(p, _)| *p == pos) {
                Some((_, list)) => list.push(st),
                None => placed.push((pos, vec![st])),
            }
        }
    }
    placed.sort_by_key(|(at, _)| *at);
    let statements: Vec<Statement> = placed.into_iter().flat_map(|(_, st)| st).collect();
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    let rendered = env
        .render_str(template, ctx)
        .expect("the built-in templates render");
    let lines = rendered
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| TextLine {
            text: l.to_owned(),
            page: None,
            line: Some(i as u32 + 1),
        })
        .collect();
    (lines, statements, diags)
}
