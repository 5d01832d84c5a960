//! The explanation section drafted from the data. The words are templates kept as data
//! (the profile's `explanation`, `crates/profile/templates/<profile>.txt`, minijinja); every figure is computed here from exact
//! lines, and every change carries the reason the input gives (none is invented).

use minijinja::{context, Environment};
use serde::Serialize;
use std::collections::BTreeMap;

use yusuan_model::{
    with_separators, Amount, Budget, Category, Claim, ClaimValue, Diagnostic, FundingSource,
    Location, Measure, MoneyUnit, PathStyle, Period, Report, Side, Statement, Subject, TableKind,
    TextLine,
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

#[derive(Serialize)]
struct Named {
    name: String,
    amount: String,
    share: String,
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
            let statement = Statement {
                subject: Subject::Item {
                    path: path.clone(),
                    style,
                },
                claims: vec![Claim {
                    measure: Measure::Amount,
                    value: ClaimValue::Money(a.round_to(MoneyUnit::WanYuan)),
                    year: None,
                    page: None,
                    line: None,
                }],
                purpose: budget.purposes.get(code).filter(|p| !p.is_empty()).cloned(),
                reason: None,
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
    let classes = |kind: TableKind, side: Option<Side>, base: Amount| -> Vec<Named> {
        let Some(t) = report.table(kind) else {
            return Vec::new();
        };
        let Some(b) = t.block(side) else {
            return Vec::new();
        };
        let c = b.column_index("合计").unwrap_or(0);
        b.rows
            .iter()
            .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
            .filter_map(|r| r.cell(c).map(|v| (r, v)))
            .map(|(r, v)| Named {
                name: r.name.clone(),
                amount: wan(v.to_amount()),
                share: share(v.to_amount(), base),
            })
            .collect()
    };
    // The 款 of 一般公共预算 基本支出 in one category, named as the economic table names them.
    let items = |category: Category| -> String {
        let Some(b) = report
            .table(TableKind::GeneralBudgetBasic)
            .and_then(|t| t.blocks.first())
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
            .filter_map(|c| b.rows.iter().find(|r| r.code.as_deref() == Some(*c)))
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
    let ctx = context! {
        unit => budget.unit.name,
        year => budget.unit.year,
        overview => budget.overview,
        income_total => wan(total),
        income_current => wan(current),
        income_carry_over => wan(carry),
        income_change => change(total, prior.income_total),
        reason_total => nonempty(&reasons.total_change),
        sources => sources,
        basic => wan(basic),
        basic_share => share(basic, total),
        project => wan(project),
        project_share => share(project, total),
        fiscal_total => wan(fiscal_total),
        fiscal_general => wan(sum(&|l| l.source == FundingSource::GeneralPublicBudget)),
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
        general => wan(general),
        general_change => change(general, prior.general_budget_current),
        reason_general => nonempty(&reasons.general_budget_change),
        general_classes => classes(TableKind::GeneralBudget, None, general),
        basic_general => wan(general_basic),
        personnel => wan(sum(&|l| l.source == FundingSource::GeneralPublicBudget && l.period == Period::Current && l.category == Category::Personnel)),
        public => wan(sum(&|l| l.source == FundingSource::GeneralPublicBudget && l.period == Period::Current && l.category == Category::Public)),
        personnel_items => items(Category::Personnel),
        public_items => items(Category::Public),
        three_public => wan(three(ECON_THREE_PUBLIC)),
        three_public_change => change(three(ECON_THREE_PUBLIC), [tp.outbound, tp.reception, tp.vehicle_purchase, tp.vehicle_operation].iter().flatten().copied().reduce(|a, b| a + b)),
        reason_three_public => nonempty(&reasons.three_public_change),
        outbound => wan(three(ECON_OUTBOUND)),
        outbound_change => change(three(ECON_OUTBOUND), tp.outbound),
        reception => wan(three(ECON_RECEPTION)),
        reception_change => change(three(ECON_RECEPTION), tp.reception),
        vehicle_purchase => wan(three(ECON_VEHICLE_PURCHASE)),
        vehicle_purchase_change => change(three(ECON_VEHICLE_PURCHASE), tp.vehicle_purchase),
        vehicle_operation => wan(three(ECON_VEHICLE_OPERATION)),
        vehicle_operation_change => change(three(ECON_VEHICLE_OPERATION), tp.vehicle_operation),
        admin => admin.map(wan),
        admin_change => admin.map(|a| change(a, prior.admin_running_cost)).unwrap_or_default(),
        reason_admin => nonempty(&reasons.admin_running_cost_change),
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
        vehicle_costs => wan(three(ECON_VEHICLES)),
        equipment => budget.assets.equipment_over_1m.unwrap_or(0),
        new_vehicles => budget.assets.new_vehicles.unwrap_or(0),
        fiscal_items => fiscal,
        reserve => wan(reserve),
        reserve_any => !reserve.is_zero(),
        reserve_share => share(reserve, total),
        fiscal_share => share(fiscal_total, total),
        fund_any => !sum(&|l| l.source == FundingSource::GovernmentFund).is_zero(),
        all_classes => classes(TableKind::SummaryTotal, Some(Side::Expenditure), total),
        basic_fiscal => wan(sum(&|l| l.source.is_fiscal() && l.category.is_basic())),
        personnel_fiscal => wan(sum(&|l| l.source.is_fiscal() && l.category == Category::Personnel)),
        public_fiscal => wan(sum(&|l| l.source.is_fiscal() && l.category == Category::Public)),
        meetings => wan(general_econ(ECON_MEETINGS)),
        training => wan(general_econ(ECON_TRAINING)),
    };
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
