//! `income.csv`: a 决算's income by functional 项 and source (收入决算表).
//!
//! Header (any order): `func,source,amount`. A budget has no such file: its income is
//! what its lines spend.

use yusuan_catalog::Catalog;
use yusuan_model::{Amount, Diagnostic, FuncCode, FuncLevel, FundingSource, IncomeLine, Location};

use crate::lines::csv_error;

const COLUMNS: &[&str] = &["func", "source", "amount"];

pub fn parse_income(
    file: &str,
    text: &str,
    year: Option<u16>,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Vec<IncomeLine> {
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
    if index.iter().any(Option::is_none) {
        diags.push(
            Diagnostic::error(
                "E-INPUT-HEADER",
                "收入明细表头应包含 func、source、amount 三列".to_owned(),
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
        let get = |k: usize| record.get(index[k]).unwrap_or("");
        let func = match FuncCode::parse(get(0)) {
            Ok(c) if c.level() == FuncLevel::Xiang => {
                if year.is_some_and(|y| catalog.func(&c, y).is_none()) {
                    diags.push(
                        Diagnostic::warning(
                            "W-CODE-UNKNOWN",
                            format!("科目表中没有编码「{c}」"),
                            at(0),
                        )
                        .with_hint("用 --catalog 加载当年官方科目表，或检查编码是否有误"),
                    );
                }
                Some(c)
            }
            Ok(c) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-CODE",
                    format!("收入行的功能分类科目「{c}」应编到项级（7位）"),
                    at(0),
                ));
                None
            }
            Err(e) => {
                diags.push(Diagnostic::error("E-INPUT-CODE", e.to_string(), at(0)));
                None
            }
        };
        let source = FundingSource::from_label(get(1));
        if source.is_none() {
            diags.push(
                Diagnostic::error(
                    "E-INPUT-VALUE",
                    format!("资金来源「{}」无效", get(1)),
                    at(1),
                )
                .with_hint(format!("可选：{}", FundingSource::labels())),
            );
        }
        let amount = match Amount::parse_yuan(get(2)) {
            Ok(a) => Some(a),
            Err(e) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-AMOUNT",
                    format!("{e}（单位：元，最多两位小数）"),
                    at(2),
                ));
                None
            }
        };
        if let (Some(func), Some(source), Some(amount)) = (func, source, amount) {
            out.push(IncomeLine {
                func,
                source,
                amount,
            });
        }
    }
    out
}
