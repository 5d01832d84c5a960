//! One grammar both ways: what `render` writes, `read` gives back; and real sentences,
//! as the visible reports print them, read into the statements a person reads in them.

use proptest::prelude::*;
use yusuan_model::{
    Claim, ClaimValue, CountUnit, Measure, MoneyUnit, PathStyle, Printed, Statement, Subject,
    TextLine, Way,
};
use yusuan_statement::{read, render, render_list};

fn lines(text: &str) -> Vec<TextLine> {
    text.lines()
        .enumerate()
        .map(|(i, t)| TextLine {
            text: t.to_owned(),
            page: None,
            line: Some(i as u32 + 1),
        })
        .collect()
}

/// Statements as read, without where they were read.
fn bare(mut s: Vec<Statement>) -> Vec<Statement> {
    for st in &mut s {
        st.source = None;
        for c in &mut st.claims {
            c.line = None;
            c.page = None;
        }
    }
    s
}

fn wan(text: &str) -> ClaimValue {
    ClaimValue::Money(Printed::parse(text, MoneyUnit::WanYuan).unwrap())
}

fn rate(text: &str, way: Option<Way>) -> ClaimValue {
    let p = Printed::parse(text, MoneyUnit::Yuan).unwrap();
    ClaimValue::Rate {
        hundredths: p.hundredths,
        decimals: p.decimals,
        way,
    }
}

fn claim(measure: Measure, value: ClaimValue, year: Option<u16>) -> Claim {
    Claim {
        measure,
        value,
        year,
        page: None,
        line: None,
    }
}

#[test]
fn a_shanghai_budget_item_as_fuliyuan_prints_it() {
    // p. 6 of sh_pt_fuliyuan_2024_unit_budget.pdf, item 4, as the PDF's lines break it.
    let text = "  4. “社会保障和就业支出（类）社会福利（款）社会福利事业单位（项）”738.66万元，主要用于人员经费及公用经费。2023年当\n年预算执行数为711.34万元，2024年预算安排738.66万元，比2023年预算执行数增加3.84%。主要原因是：根据实际支出。\n  5. “医疗卫生与计划生育支出（类）行政事业单位医疗（款）事业单位医疗（项）”50.37万元，主要用于人员医疗保险。";
    let got = read(&lines(text));
    assert_eq!(got.len(), 2);
    let first = &got[0];
    assert_eq!(
        first.subject,
        Subject::Item {
            path: vec![
                "社会保障和就业支出".into(),
                "社会福利".into(),
                "社会福利事业单位".into()
            ],
            style: PathStyle::Marked
        }
    );
    assert_eq!(
        bare(vec![first.clone()])[0].claims,
        vec![
            claim(Measure::Amount, wan("738.66"), None),
            claim(Measure::PriorExecuted, wan("711.34"), Some(2023)),
            claim(Measure::Planned, wan("738.66"), Some(2024)),
            claim(Measure::ChangeRate, rate("3.84", Some(Way::Up)), Some(2023)),
        ]
    );
    assert_eq!(first.purpose.as_deref(), Some("人员经费及公用经费"));
    assert_eq!(first.reason.as_deref(), Some("根据实际支出"));
    // The prior-year figure sits on the second line.
    assert_eq!(first.claims[1].line, Some(2));
    assert_eq!(first.source.as_ref().unwrap().line, Some(1));
}

#[test]
fn a_final_accounts_item_as_caizheng_prints_it() {
    let text = "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人\n员经费及公用经费等的基本支出。年初预算为 1560.05 万元，支出决算为1511.89万\n元。 决算数小于预算数的主要原因：人员进出及退休变化，减少人员经费开支。\n2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：\n局财政业务指导与宣传等基本支出。年初预算为 10.00 万元，支出决算为10.00万元。\n决算数与预算数基本持平。";
    let got = bare(read(&lines(text)));
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(
        got[0].claims,
        vec![
            claim(Measure::InitialBudget, wan("1560.05"), None),
            claim(Measure::Final, wan("1511.89"), None),
            claim(
                Measure::FinalAgainstBudget,
                ClaimValue::Word(Way::Down),
                None
            ),
        ]
    );
    assert_eq!(
        got[0].reason.as_deref(),
        Some("人员进出及退休变化，减少人员经费开支")
    );
    assert_eq!(
        got[1].claims.last().unwrap(),
        &claim(
            Measure::FinalAgainstBudget,
            ClaimValue::Word(Way::Level),
            None
        )
    );
}

#[test]
fn a_jiangsu_item_under_its_class_heading() {
    let text = "（一）公共安全（类）\n1．检察（款）行政运行（项）支出12,268.62 万元，与上年相比增加1,849.73万元，增长17.75%。主要用于检察院机关正常运转。";
    let got = bare(read(&lines(text)));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(
        got[0].subject,
        Subject::Item {
            path: vec!["公共安全".into(), "检察".into(), "行政运行".into()],
            style: PathStyle::Marked
        }
    );
    assert_eq!(
        got[0].claims,
        vec![
            claim(Measure::Amount, wan("12,268.62"), None),
            claim(
                Measure::Change,
                ClaimValue::Delta {
                    money: Printed::parse("1,849.73", MoneyUnit::WanYuan).unwrap(),
                    way: Way::Up
                },
                None
            ),
            claim(Measure::ChangeRate, rate("17.75", Some(Way::Up)), None),
        ]
    );
}

#[test]
fn a_sangong_list_and_a_sequel_about_another_total() {
    // Probe 5's 13 (甘南 transport, 2015 决算): the sentence after the list compares the
    // “三公” total, not the last item; 车辆运行费 is 公务用车运行维护费; `较2014年度增加` is a
    // change against that year.
    let text = "2015年部门决算公开“三公”经费合计31.23万元,其中:公务接待费1.58万元,车辆运行费28.91万元,因公出国(境)费0万元。较2014年度部门决算公开“三公”经费合计16.08万元增加15.15万元。\n公务用车运行维护费28.91万元,较2014年度增加14.79万元,原因为:一是油价上涨。";
    let got = read(&lines(text));
    let keys: Vec<Option<&str>> = got.iter().map(|s| s.subject.key()).collect();
    assert_eq!(
        keys,
        [
            Some("three_public.total"),
            Some("three_public.reception"),
            Some("three_public.vehicle_operation"),
            Some("three_public.outbound"),
            Some("three_public.vehicle_operation"),
        ]
    );
    assert_eq!(
        got[3].source.as_ref().map(|s| s.quote.as_str()),
        Some("因公出国(境)费0万元。")
    );
    assert_eq!(
        bare(got)[4].claims[1],
        claim(
            Measure::Change,
            ClaimValue::Delta {
                money: Printed::parse("14.79", MoneyUnit::WanYuan).unwrap(),
                way: Way::Up
            },
            Some(2014)
        )
    );
}

#[test]
fn class_shares_in_one_sentence() {
    let text = "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；社会保障和就业支出（类）326.72万元，占11.11%。";
    let got = bare(read(&lines(text)));
    // The 决算's general budget spending, named in words, then its two 类.
    assert_eq!(
        got[0].subject.key(),
        Some("general_budget.spending"),
        "{got:#?}"
    );
    let got = &got[1..];
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(
        got[0].claims,
        vec![
            claim(Measure::Amount, wan("2106.66"), None),
            claim(Measure::Share, rate("71.73", None), None),
        ]
    );
}

/// 山西 and 上海 budgets name each 类 alone in the list (the seed, line 825).
#[test]
fn classes_named_alone_in_the_list_of_uses() {
    let text = "2024年度长治市残疾人联合会一般公共预算当年支出1,087.83万元,主要用于以\n下方面：教育支出0.45万元；社会保障和就业支出1,040.20万元，占95.62%；卫生\n健康支出10.84万元，占1.00%；农林水支出10.50万元，占0.97%；住房保障支出\n25.83万元，占2.37%等。\n六、一般公共预算基本支出情况说明";
    let got = bare(read(&lines(text)));
    // The sentence's subject is the general budget, named in words; `以下方面` is no purpose.
    assert_eq!(
        got[0],
        named(
            "general_budget.current",
            "一般公共预算当年支出",
            vec![claim(Measure::Amount, wan("1,087.83"), Some(2024))]
        )
    );
    let got = &got[1..];
    let paths: Vec<_> = got
        .iter()
        .map(|s| {
            let Subject::Item { path, style } = &s.subject else {
                panic!("{s:?}")
            };
            assert_eq!(*style, PathStyle::Bare);
            path.join("")
        })
        .collect();
    assert_eq!(
        paths,
        [
            "教育支出",
            "社会保障和就业支出",
            "卫生健康支出",
            "农林水支出",
            "住房保障支出"
        ]
    );
    assert_eq!(
        got[0].claims,
        vec![claim(Measure::Amount, wan("0.45"), None)]
    );
    assert_eq!(
        got[4].claims,
        vec![
            claim(Measure::Amount, wan("25.83"), None),
            claim(Measure::Share, rate("2.37", None), None),
        ]
    );
    assert!(got
        .iter()
        .all(|s| s.purpose.is_none() && s.reason.is_none()));
}

#[test]
fn what_yusuan_writes_for_shanghai_reads_back() {
    let s = Statement {
        subject: Subject::Item {
            path: vec![
                "一般公共服务支出".into(),
                "政府办公厅（室）及相关机构事务".into(),
                "行政运行".into(),
            ],
            style: PathStyle::Dashed,
        },
        claims: vec![claim(Measure::Amount, wan("1,202.95"), None)],
        purpose: Some("行政单位的基本支出".into()),
        reason: None,
        source: None,
    };
    let text = render(&s);
    assert_eq!(
        text,
        "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，主要用于行政单位的基本支出。"
    );
    assert_eq!(bare(read(&lines(&format!("1. {text}")))), vec![s]);
}

fn money_value() -> impl Strategy<Value = ClaimValue> {
    (0i64..100_000_000, 0u8..=2).prop_map(|(h, d)| {
        let h = match d {
            0 => h / 100 * 100,
            1 => h / 10 * 10,
            _ => h,
        };
        ClaimValue::Money(Printed {
            hundredths: h,
            unit: MoneyUnit::WanYuan,
            decimals: d,
        })
    })
}

fn rate_value(with_way: bool) -> impl Strategy<Value = ClaimValue> {
    (0i64..20_000, prop::sample::select(vec![Way::Up, Way::Down])).prop_map(move |(h, w)| {
        ClaimValue::Rate {
            hundredths: h,
            decimals: 2,
            way: with_way.then_some(w),
        }
    })
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "一般公共服务支出",
        "政府办公厅（室）及相关机构事务",
        "行政运行",
        "社会保障和就业支出",
        "行政事业单位养老支出",
        "机关事业单位基本养老保险缴费支出",
        "住房公积金",
    ])
    .prop_map(str::to_owned)
}

fn text_value() -> impl Strategy<Value = Option<String>> {
    prop::option::of(
        prop::sample::select(vec![
            "人员经费及公用经费",
            "根据实际支出",
            "在职人员住房公积金",
        ])
        .prop_map(str::to_owned),
    )
}

/// A statement in one of the shapes the grammar writes, claims in its order.
fn statement() -> impl Strategy<Value = Statement> {
    (
        prop::collection::vec(name(), 1..=3),
        prop::bool::ANY,
        money_value(),
        prop::option::of(rate_value(false)),
        0..3usize,
        (money_value(), money_value(), rate_value(true)),
        (money_value(), money_value(), rate_value(false)),
        prop::sample::select(vec![Way::Up, Way::Down, Way::Level]),
        text_value(),
        text_value(),
    )
        .prop_map(
            |(
                path,
                dashed,
                amount,
                share,
                shape,
                (prior, planned, change),
                (initial, fin, done),
                verdict,
                purpose,
                reason,
            )| {
                let style = if dashed && path.len() > 1 {
                    PathStyle::Dashed
                } else {
                    PathStyle::Marked
                };
                let mut claims = vec![claim(Measure::Amount, amount, None)];
                if let Some(s) = share {
                    claims.push(claim(Measure::Share, s, None));
                }
                match shape {
                    1 => claims.extend([
                        claim(Measure::PriorExecuted, prior, Some(2023)),
                        claim(Measure::Planned, planned, Some(2024)),
                        claim(Measure::ChangeRate, change, Some(2023)),
                    ]),
                    2 => claims.extend([
                        claim(Measure::InitialBudget, initial, None),
                        claim(Measure::Final, fin, None),
                        claim(Measure::Completion, done, None),
                        claim(Measure::FinalAgainstBudget, ClaimValue::Word(verdict), None),
                    ]),
                    _ => {}
                }
                Statement {
                    subject: Subject::Item { path, style },
                    claims,
                    purpose,
                    reason,
                    source: None,
                }
            },
        )
}

fn named(key: &str, name: &str, claims: Vec<Claim>) -> Statement {
    Statement {
        subject: Subject::Named {
            key: key.into(),
            name: name.into(),
        },
        claims,
        purpose: None,
        reason: None,
        source: None,
    }
}

/// A named total as derive writes it: its amount, the change against last year (an
/// amount and its rate, or 持平), counts for “三公” spending, and a reason.
fn named_statement() -> impl Strategy<Value = Statement> {
    let names = prop::sample::select(vec![
        ("general_budget.current", "一般公共预算当年支出"),
        ("three_public.total", "“三公”经费预算"),
        ("three_public.outbound", "因公出国（境）费"),
        ("three_public.reception", "公务接待费"),
        ("three_public.vehicle_purchase", "公务用车购置费"),
        ("three_public.vehicle_operation", "公务用车运行维护费"),
        ("admin_running_cost", "机关运行经费财政拨款预算"),
        ("income.total", "预算收入总计"),
        ("expenditure.basic", "基本支出"),
    ]);
    (
        names,
        money_value(),
        0..3usize,
        money_value(),
        rate_value(true),
        prop::option::of((1i64..50, 1i64..500)),
        text_value(),
    )
        .prop_map(|((key, name), amount, shape, change, r, counts, reason)| {
            let mut claims = vec![claim(Measure::Amount, amount, None)];
            let ClaimValue::Money(m) = change else {
                unreachable!()
            };
            let way = match r {
                ClaimValue::Rate { way, .. } => way.unwrap(),
                _ => unreachable!(),
            };
            match shape {
                0 => claims.push(claim(
                    Measure::Change,
                    ClaimValue::Delta {
                        money: Printed {
                            hundredths: 0,
                            unit: MoneyUnit::WanYuan,
                            decimals: 2,
                        },
                        way: Way::Level,
                    },
                    None,
                )),
                1 => claims.extend([
                    claim(Measure::Change, ClaimValue::Delta { money: m, way }, None),
                    claim(Measure::ChangeRate, r, None),
                ]),
                _ => {}
            }
            // What each “三公” part counts, as the 决算 template prints it.
            let units: &[CountUnit] = match key {
                "three_public.outbound" => &[CountUnit::Pieces, CountUnit::PersonTimes],
                "three_public.reception" | "three_public.total" => {
                    &[CountUnit::Batches, CountUnit::PersonTimes]
                }
                "three_public.vehicle_purchase" | "three_public.vehicle_operation" => {
                    &[CountUnit::Vehicles]
                }
                _ => &[],
            };
            if let Some((a, b)) = counts {
                for (unit, n) in units.iter().zip([a, b]) {
                    claims.push(claim(
                        Measure::Count,
                        ClaimValue::Count { n, unit: *unit },
                        None,
                    ));
                }
            }
            let mut s = named(key, name, claims);
            s.reason = reason;
            s
        })
}

/// A list of 类 named alone, as `render_list` writes it after `主要用于以下方面：`.
fn listed() -> impl Strategy<Value = Vec<Statement>> {
    let class = prop::sample::select(vec![
        "一般公共服务支出",
        "教育支出",
        "社会保障和就业支出",
        "卫生健康支出",
        "节能环保支出",
        "城乡社区支出",
        "住房保障支出",
    ]);
    prop::collection::vec(
        (class, money_value(), prop::option::of(rate_value(false))),
        1..6,
    )
    .prop_map(|items| {
        items
            .into_iter()
            .map(|(name, amount, share)| {
                let mut claims = vec![claim(Measure::Amount, amount, None)];
                claims.extend(share.map(|s| claim(Measure::Share, s, None)));
                Statement {
                    subject: Subject::Item {
                        path: vec![name.to_owned()],
                        style: PathStyle::Bare,
                    },
                    claims,
                    purpose: None,
                    reason: None,
                    source: None,
                }
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn a_list_of_classes_reads_back(list in listed()) {
        let text = format!("一般公共预算当年支出100.00万元，主要用于以下方面：{}", render_list(&list));
        let general = named("general_budget.current", "一般公共预算当年支出", vec![
            claim(Measure::Amount, wan("100.00"), None),
        ]);
        let want: Vec<Statement> = std::iter::once(general).chain(list).collect();
        prop_assert_eq!(bare(read(&lines(&text))), want, "{}", text);
    }

    #[test]
    fn a_named_total_and_its_parts_read_back(
        whole in named_statement(),
        parts in prop::collection::vec(named_statement(), 0..4),
    ) {
        // As derive writes a total and, in the next sentence, its parts.
        let mut text = format!("2024年度某单位{}", render(&whole));
        if !parts.is_empty() {
            text.push_str(&format!("其中：{}", render_list(&parts)));
        }
        // The year printed before the whole is its amount's.
        let mut whole = whole;
        whole.claims[0].year = Some(2024);
        let want: Vec<Statement> = std::iter::once(whole).chain(parts).collect();
        prop_assert_eq!(bare(read(&lines(&text))), want, "{}", text);
    }

    #[test]
    fn render_then_read_gives_the_statements_back(list in prop::collection::vec(statement(), 1..5)) {
        let text: String = list
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}. {}\n", i + 1, render(s)))
            .collect();
        prop_assert_eq!(bare(read(&lines(&text))), list, "{}", text);
    }
}

/// The seed, lines 776–787: the change printed after the 其中 list is the total's.
#[test]
fn a_change_after_the_parts_is_the_totals() {
    let text = "2024年度长治市残疾人联合会预算收入总计1,180.23万元，其中：本年收入\n1,087.83万元，上年结转92.40万元，比上年减少12099.83万元 ，下降91.11%，主\n要原因是上年补报以前年度各市直单位残疾人就业保障金，预算金额远大于今年；";
    let got = bare(read(&lines(text)));
    let mut whole = named(
        "income.total",
        "预算收入总计",
        vec![
            claim(Measure::Amount, wan("1,180.23"), Some(2024)),
            claim(
                Measure::Change,
                ClaimValue::Delta {
                    money: Printed::parse("12099.83", MoneyUnit::WanYuan).unwrap(),
                    way: Way::Down,
                },
                None,
            ),
            claim(Measure::ChangeRate, rate("91.11", Some(Way::Down)), None),
        ],
    );
    whole.reason = Some("上年补报以前年度各市直单位残疾人就业保障金，预算金额远大于今年".into());
    assert_eq!(
        got,
        vec![
            whole,
            // The parts are of the sentence's year.
            named(
                "income.current",
                "本年收入",
                vec![claim(Measure::Amount, wan("1,087.83"), Some(2024))]
            ),
            named(
                "income.carry_over",
                "上年结转",
                vec![claim(Measure::Amount, wan("92.40"), Some(2024))]
            ),
        ]
    );
}

/// A 三公 part with what it paid for, and a figure of another year that names no subject.
#[test]
fn counts_of_three_public_spending() {
    let text = "（二）公务接待费26.4万元，与2015年度决算相比，减少9.6万元，下降26.67%，共接待220批次，2929人次。\n2015年公务接待费36万元。";
    let got = bare(read(&lines(text)));
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        got[0]
            .claims
            .iter()
            .map(|c| c.value.show())
            .collect::<Vec<_>>(),
        [
            "26.4万元",
            "减少9.6万元",
            "减少26.67%",
            "220批次",
            "2929人次"
        ]
    );
    // The earlier year's figure keeps its year.
    assert_eq!(got[1].claims[0].year, Some(2015));
}

/// fuliyuan p. 3: a year compared with (`比2023年预算增加…`) earlier in the sentence is not
/// the year of the totals that follow it.
#[test]
fn a_year_compared_with_is_not_a_totals_year() {
    let text = "财政拨款支出预算中，一般公共预算拨款支出预算950.12万元，比2023年预算增加0.46万元；国有资本经营预算拨款支出预算0.00万元，与2023年预算持平。";
    let got = bare(read(&lines(text)));
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got.iter().all(|s| s.claims[0].year.is_none()), "{got:#?}");
    // The years compared with are the changes'.
    assert_eq!(got[1].claims[1].year, Some(2023));
}

/// A change whose subject is named again after the comparison (a district's 2017 “三公”
/// notice, probe 9): the change is the statement's own; another subject named there (a part
/// of it, or something else) gives it no change.
#[test]
fn a_change_may_name_its_own_subject_again() {
    let text = "1、公务用车购置费34.71万元，购置1辆中巴车，与2016年相比，公务用车购置费减少79.4万元，下降69.6%。\n基本支出100.00万元，与上年相比，项目支出减少5.00万元。";
    let got = bare(read(&lines(text)));
    let change = |s: &Statement| {
        s.claims
            .iter()
            .find(|c| c.measure == Measure::Change)
            .map(|c| c.value)
    };
    let purchase = got
        .iter()
        .find(|s| s.subject.key() == Some("three_public.vehicle_purchase"))
        .expect("the purchase statement");
    assert_eq!(
        change(purchase),
        Some(ClaimValue::Delta {
            money: Printed::parse("79.4", MoneyUnit::WanYuan).unwrap(),
            way: Way::Down
        })
    );
    let basic = got
        .iter()
        .find(|s| s.subject.key() == Some("expenditure.basic"))
        .expect("the basic statement");
    assert_eq!(change(basic), None, "{basic:?}");
}

/// A total whose parts are printed in brackets after its figure, its own claims after the
/// bracket (a city's 2017 “三公” notice, probe 9): what follows the bracket is the total's,
/// not its last part's; and “三公” in its quotation marks names the total whatever places it.
#[test]
fn what_follows_a_bracket_of_parts_is_the_total_s() {
    let text = "2017年本市行政单位和事业单位使用财政拨款安排“三公”经费支出总额为3825万元，比预算数减少1188万元。\n2017年公务用车购置及运行维护费2712万元(其中:公务用车购置费0万元,公务用车运行维护费2712万元),比预算数减少107万元。";
    let got = bare(read(&lines(text)));
    let difference = |key: &str| {
        got.iter()
            .find(|s| s.subject.key() == Some(key))
            .unwrap_or_else(|| panic!("{key}: {got:?}"))
            .claims
            .iter()
            .find(|c| c.measure == Measure::BudgetDifference)
            .map(|c| c.value)
    };
    let down = |n: &str| {
        Some(ClaimValue::Delta {
            money: Printed::parse(n, MoneyUnit::WanYuan).unwrap(),
            way: Way::Down,
        })
    };
    assert_eq!(difference("three_public.total"), down("1188"));
    assert_eq!(difference("three_public.vehicles"), down("107"));
    assert_eq!(difference("three_public.vehicle_operation"), None);
}

/// A district's 2017 “三公” notice (probe 9): what changed named between the word and its
/// figure (`比上年减少支出613.80万元`), 公共财政拨款 (the old name of 一般公共预算拨款) after the
/// total's name, and a change printed after a sentence of counts alone, its subject named
/// again (`因公出国（境）费22.00万元。全年组织出国团组10个…。与2016年相比，因公出国（境）经费支出
/// 减少28.23万元`). A sentence of counts does not carry a change past a sentence that is not one.
#[test]
fn a_change_may_follow_a_sentence_of_counts() {
    let text = "2017年区级“三公”经费公共财政拨款支出1360.13万元，比上年减少支出613.80万元，下降36.0%。\n（一）因公出国（境）费22.00万元。全年区级部门组织出国团组10个，因公出国（境）累计16人次。与2016年相比， 因公出国（境）经费支出减少28.23万元，下降56.2%。\n（二）公务接待费221.98万元。国内公务接待893批次。严格执行接待规定。与2016年相比，公务接待费支出增加1.36万元。";
    let got = bare(read(&lines(text)));
    let change = |key: &str| {
        got.iter()
            .find(|s| s.subject.key() == Some(key))
            .unwrap_or_else(|| panic!("{key}: {got:?}"))
            .claims
            .iter()
            .find(|c| c.measure == Measure::Change)
            .map(|c| c.value)
    };
    let down = |n: &str| {
        Some(ClaimValue::Delta {
            money: Printed::parse(n, MoneyUnit::WanYuan).unwrap(),
            way: Way::Down,
        })
    };
    assert_eq!(change("three_public.total"), down("613.80"));
    assert_eq!(change("three_public.outbound"), down("28.23"));
    assert_eq!(change("three_public.reception"), None);
}

/// A total printed again with its difference alone (a Haikou court's 2021 “三公” 决算,
/// probe 9; a Chongqing township's, probe 9): named by the words before the comparison,
/// and the template's `增加(减少)0万元` read as no difference.
#[test]
fn a_total_may_be_printed_again_with_its_difference_alone() {
    let text = "因公出国(境)费支出决算比预算数增加(减少)0万元，增长(下降)0%。\n公务用车购置及运行费支出决算数比预算数减少17.54万元，下降23.42%。\n公务接待费较上年减少12.39万元，较年初预算数减少0.04万元。";
    let got = bare(read(&lines(text)));
    let claim = |key: &str, measure: Measure| {
        got.iter()
            .find(|s| s.subject.key() == Some(key))
            .unwrap_or_else(|| panic!("{key}: {got:?}"))
            .claims
            .iter()
            .find(|c| c.measure == measure)
            .map(|c| c.value)
    };
    let delta = |n: &str, way| {
        Some(ClaimValue::Delta {
            money: Printed::parse(n, MoneyUnit::WanYuan).unwrap(),
            way,
        })
    };
    assert_eq!(
        claim("three_public.outbound", Measure::BudgetDifference),
        delta("0", Way::Up)
    );
    assert_eq!(
        claim("three_public.vehicles", Measure::BudgetDifference),
        delta("17.54", Way::Down)
    );
    assert_eq!(
        claim("three_public.reception", Measure::Change),
        delta("12.39", Way::Down)
    );
    assert_eq!(
        claim("three_public.reception", Measure::BudgetDifference),
        delta("0.04", Way::Down)
    );
    assert!(got
        .iter()
        .all(|s| s.claims.iter().all(|c| c.measure != Measure::Amount)));
}

/// Two years' totals in one sentence (a kindergarten's 2023 决算, probe 12): a total with no
/// year of its own is of the latest year printed before it, not of the sentence's first.
#[test]
fn a_total_without_its_year_is_of_the_latest_year_before_it() {
    let text = "2023年度收入总计453.13万元，支出总计453.13万元，2022年度收入总计400.22万元，支出总计400.22万元，与2022年度相比，收入、支出总计各增加52.91万元。";
    let got = bare(read(&lines(text)));
    let years: Vec<Option<u16>> = got
        .iter()
        .filter(|s| s.subject.key() == Some("expenditure.total"))
        .map(|s| s.claims[0].year)
        .collect();
    assert_eq!(years, [Some(2023), Some(2022)], "{got:#?}");
}
