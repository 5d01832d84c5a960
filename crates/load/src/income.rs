//! `income.csv`: a 决算's income by functional 项 and source (收入决算表).
//!
//! Header (any order): `func,source,amount`. A budget has no such file: its income is
//! what its lines spend.

use yusuan_catalog::Catalog;
use yusuan_model::{Diagnostic, FuncCode, FuncLevel, FundingSource, IncomeLine};

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
            let func = match FuncCode::parse(row.get(0)) {
                Ok(c) if c.level() == FuncLevel::Xiang => {
                    if year.is_some_and(|y| catalog.func(&c, y).is_none()) {
                        diags.push(
                            Diagnostic::warning(
                                "W-CODE-UNKNOWN",
                                format!("科目表中没有编码「{c}」"),
                                row.at(0),
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
                        row.at(0),
                    ));
                    None
                }
                Err(e) => {
                    diags.push(Diagnostic::error("E-INPUT-CODE", e.to_string(), row.at(0)));
                    None
                }
            };
            let source = FundingSource::from_label(row.get(1));
            if source.is_none() {
                diags.push(
                    Diagnostic::error(
                        "E-INPUT-VALUE",
                        format!("资金来源「{}」无效", row.get(1)),
                        row.at(1),
                    )
                    .with_hint(format!("可选：{}", FundingSource::labels())),
                );
            }
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
