use yusuan_model::{Diagnostic, Printed, Severity, Table, TableKind};

use crate::util::{fen, slack, Cx};
use crate::Rule;

/// R-SANGONG: 三公 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费, and
/// 公务用车购置及运行费 = 购置费 + 运行费, whether the items are rows or columns.
pub struct ThreePublic;

/// The item's figure: a row's first value, or a column of the table's single row.
/// `suffix` selects `预算数` / `决算数` columns in a 决算 table.
fn item(table: &Table, names: &[&str], suffix: &str) -> Option<Printed> {
    let block = table.blocks.first()?;
    let by_row = block
        .rows
        .iter()
        .find(|r| names.contains(&r.name.as_str()))
        .and_then(|r| r.cell(0));
    let by_col = || {
        let row = block.rows.first()?;
        names.iter().find_map(|n| {
            let col = if suffix.is_empty() {
                (*n).to_owned()
            } else {
                format!("{n}/{suffix}")
            };
            block.column_index(&col).and_then(|c| row.cell(c))
        })
    };
    by_row.or_else(by_col)
}

impl Rule for ThreePublic {
    fn id(&self) -> &'static str {
        "R-SANGONG"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "三公合计等于出国、接待、用车之和，用车等于购置加运行"
    }
    fn doc(&self) -> &'static str {
        "In the 三公 table (items as rows, as in 山西, or as columns of one row, as in 上海 and \
江苏): the 三公 total equals 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费, and the vehicle \
figure equals 购置费 + 运行费. Where the table adds 会议费 and 培训费 (江苏), the 三公 total is its \
`三公经费` subtotal. A blank item counts as zero. Tolerance: half a printed digit per term."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let from = out.len();
        self.sums(cx, out);
        // A table whose 预算数 and 决算数 read the same cells says each thing once.
        let mut seen: Vec<String> = Vec::new();
        let mut i = from;
        while i < out.len() {
            if seen.contains(&out[i].message) {
                out.remove(i);
            } else {
                seen.push(out[i].message.clone());
                i += 1;
            }
        }
    }
}

impl ThreePublic {
    fn sums(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for kind in [TableKind::ThreePublic, TableKind::FinalThreePublic] {
            let Some(table) = cx.table(kind) else {
                continue;
            };
            let suffixes: &[&str] = if kind == TableKind::FinalThreePublic {
                &["预算数", "决算数"]
            } else {
                &[""]
            };
            for suffix in suffixes {
                let get = |names: &[&str]| item(table, names, suffix);
                let total = get(&["三公经费", "三公经费/小计", "三公经费合计"]).or_else(|| {
                    // Without 会议费 / 培训费 columns the table's 合计 is the 三公 total.
                    (get(&["会议费"]).is_none() && get(&["培训费"]).is_none())
                        .then(|| get(&["合计"]))
                        .flatten()
                });
                let outbound = get(&["因公出国（境）费", "因公出国（境）费用"]);
                let reception = get(&["公务接待费"]);
                let vehicles = get(&["公务用车购置及运行费", "公务用车购置及运行维护费"]);
                let purchase = get(&["公务用车购置费"]);
                let operation = get(&["公务用车运行费", "公务用车运行维护费"]);
                let location = cx.at(table, None, None);
                let prefix = format!("{}：", table.kind);
                if let Some(t) = total {
                    let parts = [outbound, reception, vehicles];
                    let n = parts.iter().flatten().count();
                    if n > 0 {
                        let sum = parts.iter().flatten().map(|p| fen(*p)).sum();
                        cx.compare(
                            out,
                            self.id(),
                            self.severity(),
                            (fen(t), "三公经费合计"),
                            (sum, "出国、接待、用车之和"),
                            slack(parts.iter().flatten()) + slack([&t]),
                            table.unit,
                            location.clone(),
                            &prefix,
                        );
                    }
                }
                let parts = [purchase, operation];
                let n = parts.iter().flatten().count();
                // Parts printed blank are not printed zero: no split to check.
                if n > 0 {
                    let sum = parts.iter().flatten().map(|p| fen(*p)).sum();
                    cx.compare(
                        out,
                        self.id(),
                        self.severity(),
                        (vehicles.map_or(0, fen), "公务用车购置及运行费"),
                        (sum, "购置费与运行费之和"),
                        slack(parts.iter().flatten()) + slack(vehicles.as_ref()),
                        table.unit,
                        location,
                        &prefix,
                    );
                }
            }
        }
    }
}
