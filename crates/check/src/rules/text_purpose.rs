use yusuan_model::{Diagnostic, Severity, Statement};

use crate::rules::statements::{at, path, resolve, show_path};
use crate::util::{fen, show_fen, Cx};
use crate::Rule;

/// R-TEXT-PURPOSE: what the explanation says a 项 is used for (`主要用于：…等基本支出`)
/// agrees with the column the tables print its money in.
pub struct TextPurpose;

/// The two uses a purpose can name, by the table column that holds them.
const USES: [&str; 2] = ["基本支出", "项目支出"];

impl Rule for TextPurpose {
    fn id(&self) -> &'static str {
        "R-TEXT-PURPOSE"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中科目的用途（基本支出或项目支出）与表中该科目的支出类别相符"
    }
    fn doc(&self) -> &'static str {
        "A statement about a functional 类 / 款 / 项 whose purpose names one use only \
(`主要用于：局财政业务指导与宣传等基本支出`) is compared with the rows the tables print for \
that code: when every table that splits the code into 基本支出 and 项目支出 prints nothing \
under the use named and money under the other, the purpose contradicts the tables. A purpose \
naming both uses, or neither, is not judged; nor is a code no table splits. Why: the 普陀区 \
财政局 2024 决算 says its 一般行政管理事务 paid 基本支出 while both its tables put all 10.00 万元 \
under 项目支出. \
And one purpose of 15 characters or more, word for word, under two different subjects is a \
warning at the second: a long purpose is specific to its 项, so a copy is usually one left \
from the paragraph before (short ones such as 退休人员经费支出 are shared by right)."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        self.same_purpose(cx, out);
        for s in crate::rules::statements::items(cx) {
            let Some(purpose) = s.purpose.as_deref() else {
                continue;
            };
            let named: Vec<usize> = (0..USES.len())
                .filter(|&i| purpose.contains(USES[i]))
                .collect();
            let [said] = named[..] else { continue };
            let other = 1 - said;
            let Some(code) = resolve(cx, path(s)) else {
                continue;
            };
            // Every table that splits the code: (table, amount under the use said, under the other).
            let mut splits = Vec::new();
            for t in &cx.report.tables {
                for b in &t.blocks {
                    let (Some(cs), Some(co)) =
                        (b.column_index(USES[said]), b.column_index(USES[other]))
                    else {
                        continue;
                    };
                    if let Some(r) = b
                        .rows
                        .iter()
                        .find(|r| r.code.as_deref() == Some(code.as_str()))
                    {
                        let value = |c: usize| r.cell(c).map_or(0, fen);
                        splits.push((t, r, value(cs), r.cell(co)));
                    }
                }
            }
            let contradicts = !splits.is_empty()
                && splits.iter().all(|(_, _, said_fen, other)| {
                    *said_fen == 0 && other.is_some_and(|v| fen(v) != 0)
                });
            if !contradicts {
                continue;
            }
            let (table, _, _, other_value) = &splits[0];
            let other_value = other_value.expect("checked");
            out.push(
                Diagnostic::error(
                    self.id(),
                    format!(
                        "说明称“{}”主要用于「{purpose}」（{}），但{}中该科目（{code}）{}为空、{} {} {}",
                        show_path(s),
                        USES[said],
                        table.kind.label(),
                        USES[said],
                        USES[other],
                        show_fen(fen(other_value), table.unit),
                        table.unit.label()
                    ),
                    at(cx, s, None),
                )
                .with_hint("核对该科目的用途说明与表中的基本支出、项目支出"),
            );
        }
    }
}

impl TextPurpose {
    /// The same long purpose under two subjects.
    fn same_purpose(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        const LONG: usize = 15;
        let mut seen: Vec<(&str, &Statement)> = Vec::new();
        for s in crate::rules::statements::items(cx) {
            let Some(purpose) = s.purpose.as_deref() else {
                continue;
            };
            let key = purpose.trim_end_matches(['。', '；', '，']);
            if key.chars().count() < LONG {
                continue;
            }
            match seen.iter().find(|(p, o)| *p == key && path(o) != path(s)) {
                Some((_, first)) => out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "“{}”与“{}”的用途一字不差：主要用于{purpose}",
                            show_path(s),
                            show_path(first)
                        ),
                        at(cx, s, None),
                    )
                    .with_hint("按该科目的实际用途改写"),
                ),
                None => seen.push((key, s)),
            }
        }
    }
}
