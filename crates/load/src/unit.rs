//! `unit.toml`: who publishes, under which template, and the facts the text needs.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use yusuan_model::{
    Amount, Assets, Diagnostic, Family, FuncCode, FuncLevel, Location, PriorYear, Procurement,
    Reasons, Scope, ThreePublicFigures, UnitInfo, UnitKind,
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
    let mut money = |v: &Money| -> Option<Amount> {
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
        income_total: money(&p.income_total),
        expenditure_total: money(&p.expenditure_total),
        fiscal_total: money(&p.fiscal_total),
        general_budget_current: money(&p.general_budget_current),
        admin_running_cost: money(&p.admin_running_cost),
        three_public: ThreePublicFigures {
            outbound: money(&p.three_public.outbound),
            reception: money(&p.three_public.reception),
            vehicle_purchase: money(&p.three_public.vehicle_purchase),
            vehicle_operation: money(&p.three_public.vehicle_operation),
        },
    };
    let r = &raw.procurement;
    let procurement = Procurement {
        goods: money(&r.goods),
        works: money(&r.works),
        services: money(&r.services),
        reserved_sme: money(&r.reserved_sme),
    };
    let mut purposes = BTreeMap::new();
    for (code, text) in &raw.purposes {
        match FuncCode::parse(code.get_ref()) {
            Ok(c) if c.level() == FuncLevel::Xiang => {
                purposes.insert(c.as_str().to_owned(), text.trim().to_owned());
            }
            Ok(c) => diags.push(Diagnostic::error(
                "E-INPUT-CODE",
                format!("用途说明的科目「{c}」应为项级（7位）功能分类编码"),
                at(code.span()),
            )),
            Err(e) => diags.push(Diagnostic::error(
                "E-INPUT-CODE",
                e.to_string(),
                at(code.span()),
            )),
        }
    }
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
    })
}
