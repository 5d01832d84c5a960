use yusuan_model::{Diagnostic, EconCode, FuncCode, Severity};

use crate::util::{name_key, Cx};
use crate::Rule;

/// R-CODE: a classification code unknown for the report's year, or printed with
/// another name than the year's catalogue gives it.
pub struct Codes;

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
official edition loaded with --catalog). A code that cannot exist (no such 类) is a \
warning. A code the year's edition lacks is a warning only when that edition is complete \
(an official one loaded with --catalog) or its 类 is (the embedded 301 and 302 of 2018 on, \
whose every 款 the 部门决算 template prints); the embedded editions are otherwise partial, \
harvested from the reports read, so there it is a note. A name that differs from the catalogue's \
(whitespace and bracket width ignored, wrapped cells joined) is a warning when the \
catalogue has the code for the report's own year, and a note when only another year's \
edition has it, since names change between editions. A row without a name of its own (two \
Chinese characters, no `|` cell marks) is not judged: its number may be an amount. Why: the catalogue is revised every \
year; a wrong code or a stale name puts money in the wrong place."
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
                        // A 类 printed by name alone (收支总表): an earlier edition's name.
                        if let Some((class, old, now)) = cx.catalog.stale_class_name(&r.name, year)
                        {
                            out.push(
                                Diagnostic::warning(
                                    self.id(),
                                    format!(
                                        "类名「{}」是{old}年及以前的名称，{year}年科目表中 {class} 为「{now}」",
                                        r.name
                                    ),
                                    cx.at(t, Some(r), None),
                                )
                                .with_hint("按当年科目表的类名书写"),
                            );
                        }
                        continue;
                    };
                    // A number with no name beside it (`246 |` of a table flattened into
                    // text) may be an amount read as a code: nothing to judge.
                    let named = r
                        .name
                        .chars()
                        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                        .count()
                        >= 2
                        && !r.name.contains('|');
                    if !named {
                        continue;
                    }
                    let lookup = |code: &str| match (FuncCode::parse(code), EconCode::parse(code)) {
                        (Ok(c), _) => cx.catalog.func(&c, year),
                        (_, Ok(c)) => cx.catalog.econ(&c, year),
                        _ => None,
                    };
                    let class = code.get(..3).unwrap_or(code);
                    let (severity, message) = match lookup(code) {
                        None if lookup(class).is_none() => (
                            Severity::Warning,
                            format!("编码「{code}」不存在：没有「{class}」这一类（{}）", r.name),
                        ),
                        None if cx.catalog.is_complete_for(code, year) => (
                            Severity::Warning,
                            format!("{}年科目表中没有编码「{code}」（{}）", year, r.name),
                        ),
                        None => (
                            Severity::Note,
                            format!(
                                "内置的{year}年科目表不全，没有收录编码「{code}」（{}），无法判断",
                                r.name
                            ),
                        ),
                        Some(f) if !r.name.is_empty() && name_key(f.name) != name_key(&r.name) => {
                            let message = format!(
                                "编码「{code}」印作「{}」，{}年科目表为「{}」",
                                r.name, f.year, f.name
                            );
                            if f.exact_year {
                                (Severity::Warning, message)
                            } else {
                                (
                                    Severity::Note,
                                    format!(
                                        "{message}（{year}年的名称未收录，科目名称逐年有调整）"
                                    ),
                                )
                            }
                        }
                        Some(_) => continue,
                    };
                    out.push(
                        Diagnostic::new(self.id(), severity, message, cx.at(t, Some(r), None))
                            .with_hint("核对编码，或用 --catalog 加载当年官方科目表"),
                    );
                }
            }
        }
    }
}
