//! Narrative facts of a built report: the figures the explanation section states,
//! computed from exact lines (never from rounded cells) and printed in 万元.

use yusuan_model::{
    Amount, Budget, Category, Fact, FactValue, Family, MoneyUnit, Period, ProjectType, Report,
};
use yusuan_profile::{
    ECON_OUTBOUND, ECON_RECEPTION, ECON_THREE_PUBLIC, ECON_VEHICLE_OPERATION, ECON_VEHICLE_PURCHASE,
};

fn money(key: &str, amount: Amount) -> Fact {
    Fact {
        key: key.to_owned(),
        value: FactValue::Money(amount.round_to(MoneyUnit::WanYuan)),
        sentence: None,
        line: None,
        page: None,
    }
}

fn count(key: &str, n: usize) -> Fact {
    Fact {
        key: key.to_owned(),
        value: FactValue::Count(n as i64),
        sentence: None,
        line: None,
        page: None,
    }
}

/// The totals both the facts and the explanation state. A budget balances, so its
/// income is what its lines spend; a 决算's income is its income lines, and its 总计
/// adds the 结转和结余 carried in.
pub(crate) struct Totals {
    /// 收入总计 (收入支出总计 of a 决算).
    pub total: Amount,
    /// 本年收入.
    pub current: Amount,
    /// 上年结转 (年初结转和结余 of a 决算).
    pub carry_over: Amount,
    /// 财政拨款收支总计.
    pub fiscal: Amount,
}

impl Totals {
    pub(crate) fn of(budget: &Budget) -> Totals {
        if budget.unit.family != Family::Final {
            return Totals {
                total: budget.total(),
                current: budget.sum_where(|l| l.period == Period::Current),
                carry_over: budget.sum_where(|l| l.period == Period::CarryOver),
                fiscal: budget.sum_where(|l| l.source.is_fiscal()),
            };
        }
        let b = &budget.balances;
        let current: Amount = budget.income.iter().map(|i| i.amount).sum();
        let carry_over: Amount = b.opening.values().copied().sum();
        let fiscal_in: Amount = budget
            .income
            .iter()
            .filter(|i| i.source.is_fiscal())
            .map(|i| i.amount)
            .sum();
        let fiscal_opening: Amount = b
            .opening
            .iter()
            .filter(|(s, _)| s.is_fiscal())
            .map(|(_, a)| *a)
            .sum();
        Totals {
            total: current + carry_over + b.non_fiscal_used.unwrap_or_default(),
            current,
            carry_over,
            fiscal: fiscal_in + fiscal_opening,
        }
    }
}

pub fn derive_facts(budget: &Budget, _report: &Report) -> Vec<Fact> {
    let totals = Totals::of(budget);
    let sum = |pred: &dyn Fn(&yusuan_model::Line) -> bool| budget.sum_where(pred);
    let econ_in = |codes: &[&str], l: &yusuan_model::Line| l.econ_in(codes);
    let fiscal_current =
        |l: &yusuan_model::Line| l.source.is_fiscal() && l.period == Period::Current;
    let mut facts = vec![
        money("income.total", totals.total),
        money("income.current", totals.current),
        money("income.carry_over", totals.carry_over),
        money("expenditure.basic", sum(&|l| l.category.is_basic())),
        money(
            "expenditure.project",
            sum(&|l| l.category == Category::Project),
        ),
        money(
            "expenditure.personnel",
            sum(&|l| l.category == Category::Personnel),
        ),
        money(
            "expenditure.public",
            sum(&|l| l.category == Category::Public),
        ),
        money("fiscal.total", totals.fiscal),
        money(
            "general_budget.current",
            sum(&|l| {
                l.source == yusuan_model::FundingSource::GeneralPublicBudget
                    && l.period == Period::Current
            }),
        ),
        money(
            "three_public.total",
            sum(&|l| fiscal_current(l) && econ_in(ECON_THREE_PUBLIC, l)),
        ),
        money(
            "three_public.outbound",
            sum(&|l| fiscal_current(l) && econ_in(ECON_OUTBOUND, l)),
        ),
        money(
            "three_public.reception",
            sum(&|l| fiscal_current(l) && econ_in(ECON_RECEPTION, l)),
        ),
        money(
            "three_public.vehicle_purchase",
            sum(&|l| fiscal_current(l) && econ_in(ECON_VEHICLE_PURCHASE, l)),
        ),
        money(
            "three_public.vehicle_operation",
            sum(&|l| fiscal_current(l) && econ_in(ECON_VEHICLE_OPERATION, l)),
        ),
    ];
    if budget.unit.kind.has_admin_running_cost() {
        facts.push(money(
            "admin_running_cost",
            sum(&|l| {
                l.source == yusuan_model::FundingSource::GeneralPublicBudget
                    && l.period == Period::Current
                    && l.category == Category::Public
            }),
        ));
    }
    let prior = &budget.prior;
    let optional = [
        ("prior.income.total", prior.income_total),
        ("prior.expenditure.total", prior.expenditure_total),
        ("prior.fiscal.total", prior.fiscal_total),
        ("prior.general_budget.current", prior.general_budget_current),
        ("prior.admin_running_cost", prior.admin_running_cost),
        ("prior.three_public.outbound", prior.three_public.outbound),
        ("prior.three_public.reception", prior.three_public.reception),
        (
            "prior.three_public.vehicle_purchase",
            prior.three_public.vehicle_purchase,
        ),
        (
            "prior.three_public.vehicle_operation",
            prior.three_public.vehicle_operation,
        ),
        ("procurement.goods", budget.procurement.goods),
        ("procurement.works", budget.procurement.works),
        ("procurement.services", budget.procurement.services),
        ("procurement.reserved_sme", budget.procurement.reserved_sme),
    ];
    facts.extend(
        optional
            .into_iter()
            .filter_map(|(k, v)| v.map(|a| money(k, a))),
    );
    let p = &budget.procurement;
    if p.goods.is_some() || p.works.is_some() || p.services.is_some() {
        let total = [p.goods, p.works, p.services].into_iter().flatten().sum();
        facts.push(money("procurement.total", total));
    }
    let annual = |pt: Option<ProjectType>| -> (usize, Amount) {
        let chosen: Vec<_> = budget
            .projects
            .iter()
            .filter(|p| pt.is_none() || p.project_type == pt)
            .collect();
        (
            chosen.len(),
            chosen.iter().filter_map(|p| p.funds_annual.total).sum(),
        )
    };
    if !budget.projects.is_empty() {
        for (key, pt) in [
            ("projects", None),
            ("projects.operating", Some(ProjectType::Operating)),
            ("projects.specific", Some(ProjectType::SpecificGoal)),
        ] {
            let (n, amount) = annual(pt);
            facts.push(count(&format!("{key}.count"), n));
            facts.push(money(&format!("{key}.amount"), amount));
        }
    }
    facts
}
