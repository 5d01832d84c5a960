//! Budget input as a directory:
//!
//! - `unit.toml`: unit facts, template profile, prior-year figures, 三公, 政府采购, assets;
//! - `lines.csv`: one budget line per row, amounts in 元 with up to two decimals;
//! - `projects.toml`: projects and their performance indicators (optional).
//!
//! Loading never stops at the first problem: every malformed field becomes a located
//! [`Diagnostic`] (`file:line:column`, Chinese message), and the budget is returned only
//! when no error was found. The format is documented in `docs/input-format.md`.

mod income;
mod lines;
mod procurement;
mod projects;
mod table;
mod unit;

use std::path::Path;

use yusuan_catalog::Catalog;
use yusuan_model::{has_errors, Budget, Diagnostic, Location};

pub use lines::parse_lines;
pub use projects::parse_projects;
pub use unit::{parse_unit, UnitFile};

/// Texts of the three input files, with the names to report them under.
pub struct Sources<'a> {
    pub unit: (&'a str, &'a str),
    pub lines: (&'a str, &'a str),
    pub projects: Option<(&'a str, &'a str)>,
    pub procurement: Option<(&'a str, &'a str)>,
    /// `income.csv` of a 决算.
    pub income: Option<(&'a str, &'a str)>,
    /// `balances.csv` of a 决算.
    pub balances: Option<(&'a str, &'a str)>,
}

/// Parses a budget from its file texts. `None` when any error was found.
pub fn parse_budget(src: &Sources<'_>, catalog: &Catalog) -> (Option<Budget>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let unit = parse_unit(src.unit.0, src.unit.1, &mut diags);
    let year = unit.as_ref().map(|u| u.info.year);
    let lines = parse_lines(src.lines.0, src.lines.1, year, catalog, &mut diags);
    let projects = match src.projects {
        Some((name, text)) => parse_projects(name, text, &mut diags),
        None => Vec::new(),
    };
    if let Some(unit) = &unit {
        if yusuan_profile::generated(&unit.info.profile).is_none() {
            let message = match yusuan_profile::profile(&unit.info.profile) {
                Some(p) => format!(
                    "模板「{}」（{}）目前只能读取，不能由预算数据生成",
                    p.id, p.name
                ),
                None => format!("未知的模板「{}」", unit.info.profile),
            };
            diags.push(
                Diagnostic::error("E-INPUT-PROFILE", message, unit.profile_location.clone())
                    .with_hint(format!(
                        "可用模板：{}",
                        yusuan_profile::generated_ids().join("、")
                    )),
            );
        }
    }
    lines::cross_check_projects(src.lines.0, &lines, &projects, &mut diags);
    let mut item_balances = Vec::new();
    let mut balances = unit
        .as_ref()
        .map(|u| u.balances.clone())
        .unwrap_or_default();
    if let Some((name, text)) = src.balances {
        item_balances = income::parse_item_balances(name, text, &mut diags);
        income::settle_balances(name, &item_balances, &mut balances, &mut diags);
    }
    let income = match src.income {
        Some((name, text)) => income::parse_income(name, text, year, catalog, &mut diags),
        None => Vec::new(),
    };
    if let Some(unit) = &unit {
        if unit.info.family == yusuan_model::Family::Budget {
            for (line, l) in &lines {
                if l.category.is_final_only() {
                    diags.push(Diagnostic::error(
                        "E-INPUT-CATEGORY",
                        format!("「{}」只出现在决算中，预算行不能使用", l.category),
                        Location::file(src.lines.0).at(*line, 1),
                    ));
                }
            }
        }
    }
    let procurement_items = match src.procurement {
        Some((name, text)) => {
            let items = procurement::parse_procurement(name, text, &mut diags);
            if let Some(unit) = &unit {
                procurement::check_totals(name, &items, &unit.procurement, &mut diags);
            }
            items
        }
        None => Vec::new(),
    };
    if has_errors(&diags) {
        return (None, diags);
    }
    let Some(unit) = unit else {
        return (None, diags);
    };
    let budget = Budget {
        unit: unit.info,
        lines: lines.into_iter().map(|(_, l)| l).collect(),
        projects,
        prior: unit.prior,
        procurement: procurement::with_totals(unit.procurement, &procurement_items),
        procurement_items,
        income,
        balances,
        item_balances,
        three_public_budget: unit.three_public_budget,
        initial_budget: unit.initial_budget,
        item_reasons: unit.item_reasons,
        prior_items: unit.prior_items,
        full_year_budget: unit.full_year_budget,
        three_public_counts: unit.three_public_counts,
        performance: unit.performance,
        assets: unit.assets,
        reasons: unit.reasons,
        overview: unit.overview,
        purposes: unit.purposes,
    };
    (Some(budget), diags)
}

/// Reads `dir/unit.toml`, `dir/lines.csv` and, if present, `dir/projects.toml`.
pub fn load_budget_dir(dir: &Path, catalog: &Catalog) -> (Option<Budget>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut read = |name: &str, required: bool| -> Option<(String, String)> {
        let path = dir.join(name);
        let shown = path.display().to_string();
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Some((shown, text.trim_start_matches('\u{feff}').to_owned())),
                Err(e) => {
                    let (line, col) = line_col(
                        &String::from_utf8_lossy(e.as_bytes()),
                        e.utf8_error().valid_up_to(),
                    );
                    diags.push(
                        Diagnostic::error(
                            "E-INPUT-ENCODING",
                            "文件不是 UTF-8 编码".to_owned(),
                            Location::file(&shown).at(line, col),
                        )
                        .with_hint("请另存为 UTF-8 编码（WPS/Excel：CSV UTF-8）"),
                    );
                    None
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => None,
            Err(e) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-READ",
                    format!("无法读取文件：{e}"),
                    Location::file(&shown),
                ));
                None
            }
        }
    };
    let unit = read("unit.toml", true);
    let lines = read("lines.csv", true);
    let projects = read("projects.toml", false);
    let procurement = read("procurement.csv", false);
    let income = read("income.csv", false);
    let balances = read("balances.csv", false);
    let (Some(unit), Some(lines)) = (unit, lines) else {
        return (None, diags);
    };
    let src = Sources {
        unit: (&unit.0, &unit.1),
        lines: (&lines.0, &lines.1),
        projects: projects.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
        procurement: procurement.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
        income: income.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
        balances: balances.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
    };
    let (budget, more) = parse_budget(&src, catalog);
    diags.extend(more);
    (budget, diags)
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, col)
}

/// A located error for a TOML deserialization failure.
pub(crate) fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
    Diagnostic::error(
        "E-INPUT-TOML",
        format!("TOML 格式错误：{}", translate_toml(e.message())),
        Location::file(file).at(line, col),
    )
}

/// Common TOML messages in Chinese; others keep their text after a Chinese lead-in.
fn translate_toml(msg: &str) -> String {
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("缺少字段 {rest}");
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest);
        return format!("未知字段 {field}");
    }
    if msg.starts_with("invalid type") {
        return format!("类型不对（{msg}）");
    }
    if msg.starts_with("unknown variant") {
        return format!("取值不在允许范围内（{msg}）");
    }
    msg.to_string()
}

#[cfg(test)]
mod tests;
