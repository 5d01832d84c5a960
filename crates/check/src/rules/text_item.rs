use yusuan_model::{Diagnostic, Family, Measure, Severity};

use crate::rules::statements::{at, money, path, rate, resolve, rows_for, show_path};
use crate::util::{fen, percent_of, rate_spread, show_fen, show_rate, slack, Cx};
use crate::Rule;

/// R-TEXT-ITEM: the figure a statement gives a 类 / 款 / 项 is the one the tables print
/// for it, and the share it states is that figure over the table's total.
pub struct TextItem;

impl Rule for TextItem {
    fn id(&self) -> &'static str {
        "R-TEXT-ITEM"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明中各科目的金额、占比与表中该科目相符"
    }
    fn doc(&self) -> &'static str {
        "A statement of the explanation about a functional 类 / 款 / 项 (`“社会保障和就业支出（类）\
社会福利（款）社会福利事业单位（项）”738.66万元`, `一般公共服务支出（类）2106.66万元，占71.73%`, or a \
类 named alone in the list of uses, `教育支出0.45万元，占0.04%`) is \
tied to its row through the names the report's own tables print, and its amount (预算数, \
预算安排 or 支出决算) must equal the total that some functional table prints for that code, its \
share that amount over the same table's total. Tolerance: half a unit of each printed digit \
of both figures; for a share, what that rounding allows plus 0.01 point. A statement whose \
path the tables cannot tell apart is not judged. Why: the per-item explanation is what \
readers quote; a figure the tables do not hold is a wrong claim."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let measures: &[Measure] = if cx.report.meta.family == Family::Final {
            &[Measure::Amount, Measure::Final]
        } else {
            &[Measure::Amount, Measure::Planned]
        };
        for s in crate::rules::statements::items(cx) {
            let Some(code) = resolve(cx, path(s)) else {
                continue;
            };
            let rows = rows_for(cx, &code);
            let Some((first_table, _, first_cell)) = rows.first() else {
                continue;
            };
            for measure in measures {
                let Some((claim, v)) = money(s, *measure) else {
                    continue;
                };
                // 预算安排 restating the amount is R-TEXT-ITEM-RATE's; one finding a figure.
                if *measure == Measure::Planned && money(s, Measure::Amount).is_some() {
                    continue;
                }
                let agrees = rows
                    .iter()
                    .any(|(_, _, cell)| (fen(v) - fen(*cell)).abs() <= slack([&v, cell]));
                if !agrees {
                    out.push(
                        Diagnostic::error(
                            self.id(),
                            format!(
                                "说明称“{}”{v}{}，{}中该科目（{code}）为 {} {}",
                                show_path(s),
                                v.unit.label(),
                                first_table.kind,
                                show_fen(fen(*first_cell), v.unit),
                                v.unit.label(),
                            ),
                            at(cx, s, Some(claim)),
                        )
                        .with_hint("核对说明中的金额与表中该科目的合计"),
                    );
                }
            }
            // 占 R%: the amount over the total of a table that prints the code.
            let (Some((_, amount)), Some((claim, stated, _, _))) =
                (money(s, Measure::Amount), rate(s, Measure::Share))
            else {
                continue;
            };
            let mut computed_first = None;
            let agrees = rows.iter().any(|(t, _, _)| {
                let Some(total) = t.blocks.iter().find_map(|b| {
                    let col = crate::rules::statements::total_column(b)?;
                    crate::util::total_row(b).and_then(|r| r.cell(col))
                }) else {
                    return false;
                };
                let Some(computed) = percent_of(fen(amount), fen(total)) else {
                    return false;
                };
                computed_first.get_or_insert((t.kind, total, computed));
                (computed - stated).abs()
                    <= rate_spread(
                        computed,
                        amount.half_unit_fen(),
                        total.half_unit_fen(),
                        fen(total),
                    )
            });
            if let (false, Some((kind, total, computed))) = (agrees, computed_first) {
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!(
                            "说明称“{}”占{}，按{}合计 {} 计算应为{}",
                            show_path(s),
                            show_rate(stated),
                            kind,
                            show_fen(fen(total), amount.unit),
                            show_rate(computed)
                        ),
                        at(cx, s, Some(claim)),
                    )
                    .with_hint("占比 = 该科目金额 ÷ 合计"),
                );
            }
        }
    }
}
