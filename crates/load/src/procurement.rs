//! `procurement.csv`: the 政府采购预算 line by line, for templates that list it (江苏).
//!
//! Header (any order): `kind,project,econ,item,method,amount` — 采购品目大类 (货物 / 工程 /
//! 服务), 专项名称, 经济科目 (by name), 采购物品名称, 采购组织形式, amount in 元. Rows keep
//! their order: the table lists them as they are given, grouped by kind, 专项 and 经济科目.

use yusuan_model::{Amount, Diagnostic, Location, ProcurementItem, ProcurementKind};

use crate::lines::csv_error;

const COLUMNS: &[&str] = &["kind", "project", "econ", "item", "method", "amount"];

pub fn parse_procurement(
    file: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ProcurementItem> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(csv_error(file, &e));
            return Vec::new();
        }
    };
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| headers.iter().position(|h| h == *c))
        .collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(&index)
        .filter(|(_, i)| i.is_none())
        .map(|(c, _)| *c)
        .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::error(
                "E-INPUT-HEADER",
                format!("表头缺少列：{}", missing.join("、")),
                Location::file(file).at(1, 1),
            )
            .with_hint(format!("表头应为：{}", COLUMNS.join(","))),
        );
        return Vec::new();
    }
    let index: Vec<usize> = index.into_iter().flatten().collect();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                diags.push(csv_error(file, &e));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line() as u32);
        let at = |k: usize| Location::file(file).at(line, index[k] as u32 + 1);
        let get = |k: usize| record.get(index[k]).unwrap_or("").to_owned();
        let kind = ProcurementKind::from_label(&get(0));
        if kind.is_none() {
            diags.push(
                Diagnostic::error(
                    "E-INPUT-VALUE",
                    format!("采购品目大类「{}」无效", get(0)),
                    at(0),
                )
                .with_hint(format!("可选：{}", ProcurementKind::labels())),
            );
        }
        for k in [1, 2, 3] {
            if get(k).is_empty() {
                diags.push(Diagnostic::error(
                    "E-INPUT-PROCUREMENT",
                    format!(
                        "政府采购行缺少{}",
                        ["", "专项名称", "经济科目", "采购物品名称"][k]
                    ),
                    at(k),
                ));
            }
        }
        let amount = match Amount::parse_yuan(&get(5)) {
            Ok(a) => Some(a),
            Err(e) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-AMOUNT",
                    format!("{e}（单位：元，最多两位小数）"),
                    at(5),
                ));
                None
            }
        };
        if let (Some(kind), Some(amount)) = (kind, amount) {
            out.push(ProcurementItem {
                kind,
                project: get(1),
                econ: get(2),
                item: get(3),
                method: get(4),
                amount,
            });
        }
    }
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
