//! `income.csv`: a 决算's income by functional 项 and source (收入决算表).
//!
//! Header (any order): `func,source,amount`. A budget has no such file: its income is
//! what its lines spend.

use yusuan_catalog::Catalog;
use yusuan_model::{Diagnostic, FundingSource, IncomeLine};

use crate::table::each_row;

pub fn parse_income(
    file: &str,
    text: &str,
    year: Option<u16>,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Vec<IncomeLine> {
    let mut out = Vec::new();
    each_row(
        file,
        text,
        &["func", "source", "amount"],
        diags,
        |row, diags| {
            let func = row.item_code(0, "收入行", diags);
            if let (Some(c), Some(y)) = (&func, year) {
                if catalog.func(c, y).is_none() {
                    diags.push(
                        Diagnostic::warning(
                            "W-CODE-UNKNOWN",
                            format!("科目表中没有编码「{c}」"),
                            row.at(0),
                        )
                        .with_hint("用 --catalog 加载当年官方科目表，或检查编码是否有误"),
                    );
                }
            }
            let source = row.source(1, diags);
            let amount = row.amount(2, diags);
            if let (Some(func), Some(source), Some(amount)) = (func, source, amount) {
                out.push(IncomeLine {
                    func,
                    source,
                    amount,
                });
            }
        },
    );
    out
}

/// `balances.csv`: a 决算's 结转和结余 by 项 and source (`func,source,opening,closing`).
pub fn parse_item_balances(
    file: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<yusuan_model::ItemBalance> {
    let mut out = Vec::new();
    each_row(
        file,
        text,
        &["func", "source", "opening", "closing"],
        diags,
        |row, diags| {
            let func = row.item_code(0, "结转结余行", diags);
            let source = row.source(1, diags);
            let (opening, closing) = (row.amount(2, diags), row.amount(3, diags));
            if let (Some(func), Some(source), Some(opening), Some(closing)) =
                (func, source, opening, closing)
            {
                out.push(yusuan_model::ItemBalance {
                    func,
                    source,
                    opening,
                    closing,
                });
            }
        },
    );
    out
}

/// A source's 结转和结余 by 项 must add up to its total in `unit.toml` where that is given;
/// where it is not, the total is taken from the rows.
pub fn settle_balances(
    file: &str,
    items: &[yusuan_model::ItemBalance],
    balances: &mut yusuan_model::Balances,
    diags: &mut Vec<Diagnostic>,
) {
    let mut sources: Vec<FundingSource> = items.iter().map(|i| i.source).collect();
    sources.sort();
    sources.dedup();
    for source in sources {
        let of = |pick: fn(&yusuan_model::ItemBalance) -> yusuan_model::Amount| {
            items
                .iter()
                .filter(|i| i.source == source)
                .map(pick)
                .sum::<yusuan_model::Amount>()
        };
        for (what, map, sum) in [
            ("年初", &mut balances.opening, of(|i| i.opening)),
            ("年末", &mut balances.closing, of(|i| i.closing)),
        ] {
            match map.get(&source) {
                Some(total) if *total != sum => diags.push(Diagnostic::error(
                    "E-INPUT-BALANCE",
                    format!(
                        "{source}{what}结转和结余按项合计 {} 元，与 unit.toml [balances] 的 {} 元不一致",
                        sum.yuan(),
                        total.yuan()
                    ),
                    yusuan_model::Location::file(file),
                )),
                Some(_) => {}
                None => {
                    map.insert(source, sum);
                }
            }
        }
    }
}
