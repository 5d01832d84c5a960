//! What the rules over statements share: finding the row a statement's path names, the
//! figures it claims, and where a finding about it points.

use yusuan_model::{
    Block, Claim, ClaimValue, Location, Measure, Printed, Row, Statement, Subject, Table,
    TableKind, Way,
};

use crate::util::{name_key, Cx};

/// The tables that list functional 类 / 款 / 项 with the money a statement speaks of.
pub const FUNCTIONAL: &[TableKind] = &[
    TableKind::GeneralBudget,
    TableKind::FiscalExpenditure,
    TableKind::GovFundExpenditure,
    TableKind::StateCapital,
    TableKind::Expenditure,
    TableKind::FinalGeneralBudget,
    TableKind::FinalExpenditure,
];

/// The functional code a statement's path names, found through the report's own rows:
/// a row of the path's depth with the path's last name, under a parent with the name
/// before it when that is needed to tell rows apart. None when the rows cannot tell.
pub fn resolve(cx: &Cx<'_>, path: &[String]) -> Option<String> {
    let digits = match path.len() {
        1 => 3,
        2 => 5,
        _ => 7,
    };
    let rows = || {
        cx.report
            .tables
            .iter()
            .flat_map(|t| &t.blocks)
            .flat_map(|b| &b.rows)
            .filter(|r| {
                r.code
                    .as_deref()
                    .is_some_and(|c| c.len() == digits && c.starts_with('2'))
            })
    };
    let leaf = name_key(path.last()?);
    let mut codes: Vec<&str> = rows()
        .filter(|r| name_key(&r.name) == leaf)
        .filter_map(|r| r.code.as_deref())
        .collect();
    codes.sort();
    codes.dedup();
    if codes.len() > 1 && path.len() >= 2 {
        let parent = name_key(&path[path.len() - 2]);
        let parent_codes: Vec<String> = cx
            .report
            .tables
            .iter()
            .flat_map(|t| &t.blocks)
            .flat_map(|b| &b.rows)
            .filter(|r| name_key(&r.name) == parent)
            .filter_map(|r| r.code.clone())
            .collect();
        codes.retain(|c| parent_codes.iter().any(|p| c.starts_with(p.as_str())));
    }
    (codes.len() == 1).then(|| codes[0].to_owned())
}

/// The statements about one functional 类 / 款 / 项.
pub fn items<'a>(cx: &'a Cx<'_>) -> impl Iterator<Item = &'a Statement> {
    cx.report
        .statements
        .iter()
        .filter(|s| matches!(s.subject, Subject::Item { .. }))
}

/// The path of an item statement (none for a named total).
pub fn path(s: &Statement) -> &[String] {
    match &s.subject {
        Subject::Item { path, .. } => path,
        Subject::Named { .. } => &[],
    }
}

/// The path as printed, for messages: `社会保障和就业支出（类）社会福利（款）…`; a named
/// total's words.
pub fn show_path(s: &Statement) -> String {
    let (path, style) = match &s.subject {
        Subject::Item { path, style } => (path, style),
        Subject::Named { name, .. } => return name.clone(),
    };
    match style {
        yusuan_model::PathStyle::Dashed | yusuan_model::PathStyle::Bare => path.join("-"),
        yusuan_model::PathStyle::Marked => path
            .iter()
            .zip(["（类）", "（款）", "（项）"])
            .map(|(n, m)| format!("{n}{m}"))
            .collect(),
    }
}

/// Whether the text quoted for a statement prints more money figures than its claims
/// hold: something it lists has no name the grammar knows (`其他交通费用2846万元`). A
/// statement without a quote may list anything.
pub fn has_unclaimed_figures(s: &Statement) -> bool {
    static FIGURE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\d[\d,]*(?:\.\d+)?(?:万元|元)").expect("valid")
    });
    // A statement a built report writes has no quote: what its sentence lists is unknown.
    let Some(quote) = s.source.as_ref().map(|q| q.quote.as_str()) else {
        return true;
    };
    let claimed = s
        .claims
        .iter()
        .filter(|c| match c.value {
            ClaimValue::Money(_) => true,
            ClaimValue::Delta { way, .. } => way != Way::Level,
            _ => false,
        })
        .count();
    // `公务接待费支出0.18万元，其中：国内接待费支出0.18万元`: a 其中 that restates the
    // amount whole is no other figure.
    let amount = money(s, Measure::Amount).map(|(_, p)| crate::util::fen(p));
    let restated = quote.find("其中").map_or(0, |q| {
        FIGURE
            .find_iter(&quote[q..])
            .filter(|f| {
                Printed::read(f.as_str()).map(crate::util::fen) == amount && amount.is_some()
            })
            .count()
    });
    FIGURE.find_iter(quote).count() - restated > claimed
}

/// The first money figure claimed for a measure.
pub fn money(s: &Statement, measure: Measure) -> Option<(&Claim, Printed)> {
    s.claims.iter().find_map(|c| match c.value {
        ClaimValue::Money(m) if c.measure == measure => Some((c, m)),
        _ => None,
    })
}

/// The first rate claimed for a measure: hundredths of a percent, decimals, way.
pub fn rate(s: &Statement, measure: Measure) -> Option<(&Claim, i64, u8, Option<Way>)> {
    s.claims.iter().find_map(|c| match c.value {
        ClaimValue::Rate {
            hundredths,
            decimals,
            way,
        } if c.measure == measure => Some((c, hundredths, decimals, way)),
        _ => None,
    })
}

/// Where a finding about a claim points: the statement's file, the claim's own page or
/// line, and the path as the subject.
pub fn at(cx: &Cx<'_>, s: &Statement, claim: Option<&Claim>) -> Location {
    let source = s.source.as_ref();
    Location {
        file: Some(cx.file.to_owned()),
        page: claim.and_then(|c| c.page).or(source.and_then(|s| s.page)),
        line: claim.and_then(|c| c.line).or(source.and_then(|s| s.line)),
        row: Some(show_path(s)),
        ..Location::default()
    }
}

/// The total column of a block: `合计`, or its only column.
pub fn total_column(block: &Block) -> Option<usize> {
    block
        .column_index("合计")
        .or_else(|| block.column_index("决算数"))
        .or_else(|| block.column_index("预算数"))
        .or((block.columns.len() == 1).then_some(0))
}

/// Each functional table that prints the code, with the row and its total cell.
pub fn rows_for<'r>(cx: &'r Cx<'r>, code: &str) -> Vec<(&'r Table, &'r Row, Printed)> {
    let mut out = Vec::new();
    for kind in FUNCTIONAL {
        let Some(t) = cx.table(*kind) else { continue };
        for b in t
            .blocks
            .iter()
            .filter(|b| b.side != Some(yusuan_model::Side::Income))
        {
            let Some(col) = total_column(b) else { continue };
            if let Some(r) = b.rows.iter().find(|r| r.code.as_deref() == Some(code)) {
                if let Some(v) = r.cell(col) {
                    out.push((t, r, v));
                }
            }
        }
    }
    out
}

/// Whether a sentence lies inside a statement's quoted text: rules over statements speak
/// for it, so a rule over loose facts stays silent.
pub fn covered(cx: &Cx<'_>, sentence: Option<&str>) -> bool {
    let Some(sentence) = sentence else {
        return false;
    };
    let sentence: String = sentence.chars().filter(|c| !c.is_whitespace()).collect();
    // The item's number (`1．`) opens the sentence but not the statement's quote.
    let sentence = sentence
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['．', '.', '、']);
    items(cx)
        .filter_map(|s| s.source.as_ref())
        .any(|q| q.quote.contains(sentence))
}
