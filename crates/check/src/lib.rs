//! The rule catalogue. Every rule is a file in `rules/`, listed once in [`RULES`]; it
//! runs on any Report — built from budget data or extracted from a published document —
//! and reports located Chinese diagnostics.
//!
//! Rounding: each printed cell was rounded on its own, so a printed total may miss the
//! sum of its printed parts by half a last digit per term. A difference within that is
//! a note (`取整`), never an error.

mod rules;
mod util;

use yusuan_catalog::Catalog;
use yusuan_model::{Diagnostic, Report, Severity, TableKind};

pub use util::Cx;

/// A named check.
pub trait Rule: Sync {
    /// `R-ROW-TOTAL`.
    fn id(&self) -> &'static str;
    /// The severity of what it finds (a rounding difference is always a note).
    fn severity(&self) -> Severity;
    /// One line in Chinese, for the rule list.
    fn title(&self) -> &'static str;
    /// What it checks, why it matters, its tolerance (English, for docs/rules.md).
    fn doc(&self) -> &'static str;
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>);
}

pub use rules::RULES;

/// Runs every rule. Findings come errors first, then warnings, then notes, each group
/// in the order the rules and tables were visited.
pub fn check(report: &Report, catalog: &Catalog, file: &str) -> Vec<Diagnostic> {
    // The tables the report's template requires, when it is a built-in profile.
    let required: Option<Vec<TableKind>> = yusuan_profile::profile(&report.meta.profile)
        .map(|p| p.tables.iter().map(|t| t.kind).collect());
    let cx = Cx {
        report,
        catalog,
        file,
        profile_tables: required.as_deref(),
    };
    let mut out = Vec::new();
    for rule in RULES {
        rule.check(&cx, &mut out);
    }
    out.sort_by_key(|d| std::cmp::Reverse(d.severity));
    out
}

/// The rule reference page, generated from the registry (docs/rules.md).
pub fn rules_markdown() -> String {
    let mut s = String::from(
        "# Rules\n\nGenerated from the registry by `yusuan rules`; do not edit by hand.\n\n",
    );
    s.push_str("| id | severity | 检查内容 |\n|---|---|---|\n");
    for r in RULES {
        s.push_str(&format!(
            "| [{}](#{}) | {} | {} |\n",
            r.id(),
            r.id().to_lowercase(),
            r.severity().as_str(),
            r.title()
        ));
    }
    for r in RULES {
        s.push_str(&format!(
            "\n## {}\n\n{}（{}）\n\n{}\n",
            r.id(),
            r.title(),
            r.severity().as_str(),
            r.doc().trim()
        ));
    }
    s
}
