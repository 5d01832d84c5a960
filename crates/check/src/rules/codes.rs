use yusuan_model::{Diagnostic, EconCode, FuncCode, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-CODE: a classification code unknown for the report's year, or printed with
/// another name than the year's catalogue gives it.
pub struct Codes;

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

impl Rule for Codes {
    fn id(&self) -> &'static str {
        "R-CODE"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "科目编码不存在或名称与当年科目表不符"
    }
    fn doc(&self) -> &'static str {
        "Every functional (3/5/7-digit) and economic (3/5-digit) code printed on a row is looked \
up in the classification catalogue of the report's year (the embedded default, or the \
official edition loaded with --catalog): an unknown code, or a name that differs from the \
catalogue's (whitespace and bracket width ignored), is a warning. Why: the catalogue is \
revised every year; a wrong code or a stale name puts money in the wrong place."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let year = cx.report.meta.year;
        if year == 0 {
            return;
        }
        for t in &cx.report.tables {
            for b in &t.blocks {
                for r in &b.rows {
                    let Some(code) = r.code.as_deref() else {
                        continue;
                    };
                    let found = match (FuncCode::parse(code), EconCode::parse(code)) {
                        (Ok(c), _) => cx.catalog.func(&c, year),
                        (_, Ok(c)) => cx.catalog.econ(&c, year),
                        _ => None,
                    };
                    let message = match found {
                        None => format!("{}年科目表中没有编码「{code}」（{}）", year, r.name),
                        Some(f) if !r.name.is_empty() && squeeze(f.name) != squeeze(&r.name) => {
                            format!(
                                "编码「{code}」印作「{}」，{}年科目表为「{}」",
                                r.name, f.year, f.name
                            )
                        }
                        Some(_) => continue,
                    };
                    out.push(
                        Diagnostic::warning(self.id(), message, cx.at(t, Some(r), None))
                            .with_hint("核对编码，或用 --catalog 加载当年官方科目表"),
                    );
                }
            }
        }
    }
}
