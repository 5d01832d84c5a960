//! `unit.toml`: who publishes, under which template, and the facts the text needs.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use yusuan_model::{
    Amount, Assets, Balances, Diagnostic, Family, FuncCode, FuncLevel, FundingSource, Location,
    Performance, PriorYear, Procurement, Reasons, Scope, ThreePublicCounts, ThreePublicFigures,
    UnitInfo, UnitKind,
};

use crate::{line_col, toml_error};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    unit: RawUnit,
    #[serde(default)]
    prior: RawPrior,
    #[serde(default)]
    procurement: RawProcurement,
    #[serde(default)]
    assets: Assets,
    #[serde(default)]
    reasons: Reasons,
    #[serde(default)]
    overview: Vec<String>,
    #[serde(default)]
    purposes: BTreeMap<Spanned<String>, String>,
    #[serde(default)]
    balances: RawBalances,
    #[serde(default)]
    three_public_budget: RawThreePublic,
    #[serde(default)]
    initial_budget: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    item_reasons: BTreeMap<Spanned<String>, String>,
    #[serde(default)]
    prior_items: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    full_year_budget: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    three_public_counts: ThreePublicCounts,
    #[serde(default)]
    performance: RawPerformance,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPerformance {
    targets: Option<i64>,
    targets_amount: Money,
    tracked: Option<i64>,
    tracked_amount: Money,
    evaluated: Option<i64>,
    evaluated_amount: Money,
    #[serde(default)]
    average_score: String,
    excellent: Option<i64>,
    good: Option<i64>,
    pass: Option<i64>,
    fail: Option<i64>,
    problems: Option<i64>,
    fixed: Option<i64>,
    fixing: Option<i64>,
}

/// 决算 结转和结余: by source label.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBalances {
    #[serde(default)]
    opening: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    closing: BTreeMap<Spanned<String>, Spanned<String>>,
    non_fiscal_used: Money,
    distribution: Money,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    name: String,
    code: Option<String>,
    kind: Spanned<String>,
    year: Spanned<i64>,
    #[serde(default)]
    family: Option<Spanned<String>>,
    #[serde(default)]
    scope: Option<Spanned<String>>,
    profile: Spanned<String>,
}

type Money = Option<Spanned<String>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPrior {
    income_total: Money,
    expenditure_total: Money,
    fiscal_total: Money,
    general_budget_current: Money,
    admin_running_cost: Money,
    #[serde(default)]
    three_public: RawThreePublic,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawThreePublic {
    outbound: Money,
    reception: Money,
    vehicle_purchase: Money,
    vehicle_operation: Money,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawProcurement {
    goods: Money,
    works: Money,
    services: Money,
    reserved_sme: Money,
    reserved_micro: Money,
    awarded_sme: Money,
    awarded_micro: Money,
    awarded_sme_other: Money,
}

/// What `unit.toml` gives the budget.
pub struct UnitFile {
    pub info: UnitInfo,
    pub profile_location: Location,
    pub prior: PriorYear,
    pub procurement: Procurement,
    pub assets: Assets,
    pub reasons: Reasons,
    pub overview: Vec<String>,
    pub purposes: BTreeMap<String, String>,
    pub balances: Balances,
    pub three_public_budget: ThreePublicFigures,
    pub initial_budget: BTreeMap<String, Amount>,
    pub item_reasons: BTreeMap<String, String>,
    pub prior_items: BTreeMap<String, Amount>,
    pub full_year_budget: BTreeMap<String, Amount>,
    pub three_public_counts: ThreePublicCounts,
    pub performance: Performance,
}

pub fn parse_unit(file: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<UnitFile> {
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            diags.push(toml_error(file, text, &e));
            return None;
        }
    };
    let before = diags.len();
    let at = |span: std::ops::Range<usize>| {
        let (line, col) = line_col(text, span.start);
        Location::file(file).at(line, col)
    };
    let mut label = |value: &Spanned<String>, what: &str, labels: String| {
        diags.push(
            Diagnostic::error(
                "E-INPUT-VALUE",
                format!("{what}「{}」无效", value.get_ref()),
                at(value.span()),
            )
            .with_hint(format!("可选：{labels}")),
        );
    };
    let kind = UnitKind::from_label(raw.unit.kind.get_ref());
    if kind.is_none() {
        label(&raw.unit.kind, "单位性质", UnitKind::labels());
    }
    let family = match &raw.unit.family {
        None => Some(Family::Budget),
        Some(f) => Family::from_label(f.get_ref()).or_else(|| {
            label(f, "报告类别", Family::labels());
            None
        }),
    };
    let scope = match &raw.unit.scope {
        None => Some(Scope::Unit),
        Some(s) => Scope::from_label(s.get_ref()).or_else(|| {
            label(s, "报告范围", Scope::labels());
            None
        }),
    };
    let year = u16::try_from(*raw.unit.year.get_ref())
        .ok()
        .filter(|y| (1990..=2100).contains(y));
    if year.is_none() {
        diags.push(Diagnostic::error(
            "E-INPUT-VALUE",
            format!("年度「{}」无效，应为四位年份", raw.unit.year.get_ref()),
            at(raw.unit.year.span()),
        ));
    }
    let money = |diags: &mut Vec<Diagnostic>, v: &Money| -> Option<Amount> {
        let v = v.as_ref()?;
        match Amount::parse_yuan(v.get_ref()) {
            Ok(a) => Some(a),
            Err(e) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-AMOUNT",
                    format!("{e}（单位：元）"),
                    at(v.span()),
                ));
                None
            }
        }
    };
    let p = &raw.prior;
    let prior = PriorYear {
        income_total: money(diags, &p.income_total),
        expenditure_total: money(diags, &p.expenditure_total),
        fiscal_total: money(diags, &p.fiscal_total),
        general_budget_current: money(diags, &p.general_budget_current),
        admin_running_cost: money(diags, &p.admin_running_cost),
        three_public: ThreePublicFigures {
            outbound: money(diags, &p.three_public.outbound),
            reception: money(diags, &p.three_public.reception),
            vehicle_purchase: money(diags, &p.three_public.vehicle_purchase),
            vehicle_operation: money(diags, &p.three_public.vehicle_operation),
        },
    };
    let r = &raw.procurement;
    let procurement = Procurement {
        goods: money(diags, &r.goods),
        works: money(diags, &r.works),
        services: money(diags, &r.services),
        reserved_sme: money(diags, &r.reserved_sme),
        reserved_micro: money(diags, &r.reserved_micro),
        awarded_sme: money(diags, &r.awarded_sme),
        awarded_micro: money(diags, &r.awarded_micro),
        awarded_sme_other: money(diags, &r.awarded_sme_other),
    };
    let f = &raw.performance;
    let performance = Performance {
        targets: f.targets,
        targets_amount: money(diags, &f.targets_amount),
        tracked: f.tracked,
        tracked_amount: money(diags, &f.tracked_amount),
        evaluated: f.evaluated,
        evaluated_amount: money(diags, &f.evaluated_amount),
        average_score: f.average_score.trim().to_owned(),
        excellent: f.excellent,
        good: f.good,
        pass: f.pass,
        fail: f.fail,
        problems: f.problems,
        fixed: f.fixed,
        fixing: f.fixing,
    };
    let t = &raw.three_public_budget;
    let three_public_budget = ThreePublicFigures {
        outbound: money(diags, &t.outbound),
        reception: money(diags, &t.reception),
        vehicle_purchase: money(diags, &t.vehicle_purchase),
        vehicle_operation: money(diags, &t.vehicle_operation),
    };
    let b = &raw.balances;
    let (non_fiscal_used, distribution) = (
        money(diags, &b.non_fiscal_used),
        money(diags, &b.distribution),
    );
    let by_source = |diags: &mut Vec<Diagnostic>,
                     raw: &BTreeMap<Spanned<String>, Spanned<String>>| {
        let mut out = BTreeMap::new();
        for (source, amount) in raw {
            let Some(s) = FundingSource::from_label(source.get_ref()) else {
                diags.push(
                    Diagnostic::error(
                        "E-INPUT-VALUE",
                        format!("资金来源「{}」无效", source.get_ref()),
                        at(source.span()),
                    )
                    .with_hint(format!("可选：{}", FundingSource::labels())),
                );
                continue;
            };
            if let Some(a) = money(diags, &Some(amount.clone())) {
                out.insert(s, a);
            }
        }
        out
    };
    let balances = Balances {
        opening: by_source(diags, &b.opening),
        closing: by_source(diags, &b.closing),
        non_fiscal_used,
        distribution,
    };
    // Amounts keyed by a functional 项: its 年初预算, last year's figure.
    let amounts_by_item = |diags: &mut Vec<Diagnostic>,
                           raw: &BTreeMap<Spanned<String>, Spanned<String>>,
                           what: &str| {
        let mut out = BTreeMap::new();
        for (code, amount) in raw {
            match FuncCode::parse(code.get_ref()) {
                Ok(c) if c.level() == FuncLevel::Xiang => {
                    if let Some(a) = money(diags, &Some(amount.clone())) {
                        out.insert(c.as_str().to_owned(), a);
                    }
                }
                Ok(c) => diags.push(Diagnostic::error(
                    "E-INPUT-CODE",
                    format!("{what}的科目「{c}」应为项级（7位）功能分类编码"),
                    at(code.span()),
                )),
                Err(e) => diags.push(Diagnostic::error(
                    "E-INPUT-CODE",
                    e.to_string(),
                    at(code.span()),
                )),
            }
        }
        out
    };
    let initial_budget = amounts_by_item(diags, &raw.initial_budget, "年初预算");
    let prior_items = amounts_by_item(diags, &raw.prior_items, "上年数");
    let full_year_budget = amounts_by_item(diags, &raw.full_year_budget, "全年预算");
    // Texts keyed by a functional 项: what it is for, why its 决算 differs.
    let by_item =
        |diags: &mut Vec<Diagnostic>, raw: &BTreeMap<Spanned<String>, String>, what: &str| {
            let mut out = BTreeMap::new();
            for (code, text) in raw {
                match FuncCode::parse(code.get_ref()) {
                    Ok(c) if c.level() == FuncLevel::Xiang => {
                        out.insert(c.as_str().to_owned(), text.trim().to_owned());
                    }
                    Ok(c) => diags.push(Diagnostic::error(
                        "E-INPUT-CODE",
                        format!("{what}的科目「{c}」应为项级（7位）功能分类编码"),
                        at(code.span()),
                    )),
                    Err(e) => diags.push(Diagnostic::error(
                        "E-INPUT-CODE",
                        e.to_string(),
                        at(code.span()),
                    )),
                }
            }
            out
        };
    let purposes = by_item(diags, &raw.purposes, "用途说明");
    let item_reasons = by_item(diags, &raw.item_reasons, "决算差异原因");
    if diags.len() > before {
        return None;
    }
    let profile_location = at(raw.unit.profile.span());
    Some(UnitFile {
        info: UnitInfo {
            name: raw.unit.name,
            code: raw.unit.code,
            kind: kind?,
            year: year?,
            family: family?,
            scope: scope?,
            profile: raw.unit.profile.into_inner(),
        },
        profile_location,
        prior,
        procurement,
        assets: raw.assets,
        reasons: raw.reasons,
        overview: raw.overview,
        purposes,
        balances,
        three_public_budget,
        initial_budget,
        item_reasons,
        prior_items,
        full_year_budget,
        three_public_counts: raw.three_public_counts,
        performance,
    })
}
