//! `projects.toml`: projects and their performance indicators, as the 绩效目标表 prints them.

use serde::Deserialize;
use toml::Spanned;
use yusuan_model::{
    Amount, Diagnostic, FuncCode, FundSplit, Indicator, IndicatorPeriod, IndicatorValue, Location,
    Project, ProjectType,
};

use crate::{line_col, toml_error};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    project: Vec<RawProject>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    name: Spanned<String>,
    #[serde(default)]
    department: String,
    #[serde(default)]
    implementer: String,
    #[serde(default)]
    attribute: String,
    #[serde(default)]
    duration: String,
    #[serde(rename = "type")]
    project_type: Option<Spanned<String>>,
    func: Option<Spanned<String>>,
    #[serde(default)]
    overview: String,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    necessity: String,
    #[serde(default)]
    measures: String,
    #[serde(default)]
    plan: String,
    #[serde(default)]
    goal_total: String,
    #[serde(default)]
    goal_annual: String,
    #[serde(default)]
    filled_date: String,
    #[serde(default)]
    funds_total: RawFunds,
    #[serde(default)]
    funds_annual: RawFunds,
    #[serde(default)]
    indicator: Vec<RawIndicator>,
}

type Money = Option<Spanned<String>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFunds {
    total: Money,
    central: Money,
    provincial: Money,
    local: Money,
    self_raised: Money,
    other: Money,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    period: Spanned<String>,
    level1: String,
    level2: String,
    name: String,
    value: String,
}

pub fn parse_projects(file: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Project> {
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            diags.push(toml_error(file, text, &e));
            return Vec::new();
        }
    };
    let at = |span: std::ops::Range<usize>| {
        let (line, col) = line_col(text, span.start);
        Location::file(file).at(line, col)
    };
    let mut out: Vec<Project> = Vec::new();
    for p in raw.project {
        if out.iter().any(|q| q.name == *p.name.get_ref()) {
            diags.push(Diagnostic::error(
                "E-INPUT-PROJECT",
                format!("项目「{}」重复", p.name.get_ref()),
                at(p.name.span()),
            ));
            continue;
        }
        let mut money = |v: &Money| -> Option<Amount> {
            let v = v.as_ref()?;
            if v.get_ref().trim().is_empty() {
                return None;
            }
            Amount::parse_yuan(v.get_ref())
                .map_err(|e| {
                    diags.push(Diagnostic::error(
                        "E-INPUT-AMOUNT",
                        format!("{e}（单位：元）"),
                        at(v.span()),
                    ))
                })
                .ok()
        };
        let mut funds = |f: &RawFunds| FundSplit {
            total: money(&f.total),
            central: money(&f.central),
            provincial: money(&f.provincial),
            local: money(&f.local),
            self_raised: money(&f.self_raised),
            other: money(&f.other),
        };
        let funds_total = funds(&p.funds_total);
        let funds_annual = funds(&p.funds_annual);
        let project_type = p.project_type.as_ref().and_then(|t| {
            ProjectType::from_label(t.get_ref()).or_else(|| {
                diags.push(
                    Diagnostic::error(
                        "E-INPUT-VALUE",
                        format!("项目类型「{}」无效", t.get_ref()),
                        at(t.span()),
                    )
                    .with_hint(format!("可选：{}", ProjectType::labels())),
                );
                None
            })
        });
        let func = p.func.as_ref().and_then(|f| {
            FuncCode::parse(f.get_ref())
                .map_err(|e| {
                    diags.push(Diagnostic::error(
                        "E-INPUT-CODE",
                        e.to_string(),
                        at(f.span()),
                    ))
                })
                .ok()
        });
        let mut indicators = Vec::new();
        for i in p.indicator {
            let Some(period) = IndicatorPeriod::from_label(i.period.get_ref()) else {
                diags.push(
                    Diagnostic::error(
                        "E-INPUT-VALUE",
                        format!("指标期间「{}」无效", i.period.get_ref()),
                        at(i.period.span()),
                    )
                    .with_hint(format!("可选：{}", IndicatorPeriod::labels())),
                );
                continue;
            };
            indicators.push(Indicator {
                period,
                level1: i.level1,
                level2: i.level2,
                name: i.name,
                value: IndicatorValue::parse(&i.value),
            });
        }
        out.push(Project {
            name: p.name.into_inner(),
            department: p.department,
            implementer: p.implementer,
            attribute: p.attribute,
            duration: p.duration,
            project_type,
            func,
            overview: p.overview,
            basis: p.basis,
            necessity: p.necessity,
            measures: p.measures,
            plan: p.plan,
            goal_total: p.goal_total,
            goal_annual: p.goal_annual,
            filled_date: p.filled_date,
            funds_total,
            funds_annual,
            indicators,
        });
    }
    out
}
