//! `procurement.csv`: the 政府采购预算 line by line, for templates that list it (江苏).
//!
//! Header (any order): `kind,project,econ,item,method,amount` — 采购品目大类 (货物 / 工程 /
//! 服务), 专项名称, 经济科目 (by name), 采购物品名称, 采购组织形式, amount in 元. Rows keep
//! their order: the table lists them as they are given, grouped by kind, 专项 and 经济科目.

use yusuan_model::{Amount, Diagnostic, Location, ProcurementItem, ProcurementKind};

use crate::table::each_row;

const COLUMNS: &[&str] = &["kind", "project", "econ", "item", "method", "amount"];

pub fn parse_procurement(
    file: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ProcurementItem> {
    let mut out = Vec::new();
    each_row(file, text, COLUMNS, diags, |row, diags| {
        let kind = ProcurementKind::from_label(row.get(0));
        if kind.is_none() {
            diags.push(
                Diagnostic::error(
                    "E-INPUT-VALUE",
                    format!("采购品目大类「{}」无效", row.get(0)),
                    row.at(0),
                )
                .with_hint(format!("可选：{}", ProcurementKind::labels())),
            );
        }
        for (k, what) in [(1, "专项名称"), (2, "经济科目"), (3, "采购物品名称")] {
            if row.get(k).is_empty() {
                diags.push(Diagnostic::error(
                    "E-INPUT-PROCUREMENT",
                    format!("政府采购行缺少{what}"),
                    row.at(k),
                ));
            }
        }
        let amount = row.amount(5, diags);
        if let (Some(kind), Some(amount)) = (kind, amount) {
            out.push(ProcurementItem {
                kind,
                project: row.get(1).to_owned(),
                econ: row.get(2).to_owned(),
                item: row.get(3).to_owned(),
                method: row.get(4).to_owned(),
                amount,
            });
        }
    });
    out
}

/// The items must add up to the 货物 / 工程 / 服务 totals `unit.toml` gives, where it gives them.
pub fn check_totals(
    file: &str,
    items: &[ProcurementItem],
    totals: &yusuan_model::Procurement,
    diags: &mut Vec<Diagnostic>,
) {
    for (kind, total) in [
        (ProcurementKind::Goods, totals.goods),
        (ProcurementKind::Works, totals.works),
        (ProcurementKind::Services, totals.services),
    ] {
        let Some(total) = total else { continue };
        let sum: Amount = items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| i.amount)
            .sum();
        if sum != total {
            diags.push(Diagnostic::error(
                "E-INPUT-PROCUREMENT",
                format!(
                    "{}类采购明细合计 {} 元，与 unit.toml [procurement] 的 {} 元不一致",
                    kind.label(),
                    sum.yuan(),
                    total.yuan()
                ),
                Location::file(file),
            ));
        }
    }
}

/// The 货物 / 工程 / 服务 totals, taken from the items where `unit.toml` leaves them out.
pub fn with_totals(
    mut totals: yusuan_model::Procurement,
    items: &[ProcurementItem],
) -> yusuan_model::Procurement {
    if items.is_empty() {
        return totals;
    }
    let sum = |kind| -> Option<Amount> {
        Some(
            items
                .iter()
                .filter(|i| i.kind == kind)
                .map(|i| i.amount)
                .sum(),
        )
    };
    totals.goods = totals.goods.or_else(|| sum(ProcurementKind::Goods));
    totals.works = totals.works.or_else(|| sum(ProcurementKind::Works));
    totals.services = totals.services.or_else(|| sum(ProcurementKind::Services));
    totals
}
