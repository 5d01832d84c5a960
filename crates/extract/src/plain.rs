//! Plain text of a report: cells joined by single spaces, a blank cell as an extra
//! space, wrapped labels on lines of their own, and both halves of a two-sided table
//! glued on one line (`1087.83一、一般公共服务支出`). Positions are gone, so the
//! recognised profile supplies each table's columns and the accounting identities
//! (合计 = the sum of its parts) decide where a value belongs when the spaces do not.

use yusuan_model::TableKind;
use yusuan_profile::{Profile, RowSpec};

use crate::grid::{amount, figure, Fig, GridRow};
use crate::names::row_name;

/// A token of a line and its slot (its index among the single-space-separated cells).
#[derive(Clone, Debug)]
struct Token {
    slot: usize,
    text: String,
}

/// Splits at single spaces, keeping blank cells as slots, and cuts a value glued to
/// the label after it.
fn tokens(line: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut slot = 0;
    for cell in line.trim_end().split(' ') {
        if cell.is_empty() {
            slot += 1;
            continue;
        }
        let cut = cell
            .char_indices()
            .find(|(i, c)| *i > 0 && !(c.is_ascii_digit() || *c == ',' || *c == '.'))
            .map(|(i, _)| i)
            .filter(|&i| is_value(&cell[..i]));
        match cut {
            Some(i) => {
                out.push(Token {
                    slot,
                    text: cell[..i].to_owned(),
                });
                slot += 1;
                out.push(Token {
                    slot,
                    text: cell[i..].to_owned(),
                });
            }
            None => out.push(Token {
                slot,
                text: cell.to_owned(),
            }),
        }
        slot += 1;
    }
    out
}

/// A printed figure: in plain text every amount carries its decimals.
fn is_value(text: &str) -> bool {
    text.contains('.') && amount(text).is_some()
}

fn is_code(text: &str) -> bool {
    matches!(text.len(), 3 | 5 | 7) && text.bytes().all(|b| b.is_ascii_digit())
}

/// Labels that begin a row rather than continue a wrapped one.
fn starts_row(text: &str) -> bool {
    let first = text.chars().next();
    first.is_some_and(|c| "一二三四五六七八九十（(①②③④⑤⑥⑦⑧⑨".contains(c))
        || text.contains("合计")
        || text.contains("总计")
        || text.starts_with("上年")
        || text.starts_with("年终")
}

/// Columns of a block, from the profile, and which of them add up to the first.
#[derive(Clone, Debug)]
pub struct Columns {
    pub names: Vec<String>,
    /// Indexes that sum to column 0 when column 0 is 合计.
    parts: Vec<usize>,
}

impl Columns {
    pub fn new(names: Vec<String>) -> Columns {
        let parts = if names.first().is_some_and(|n| n == "合计") {
            (1..names.len())
                .filter(|&i| names[i] != "上年结转")
                .collect()
        } else {
            Vec::new()
        };
        Columns { names, parts }
    }

    /// Places values (hundredths, with their slots counted from the first value slot)
    /// in increasing columns: the identity first, then the nearest slots.
    /// The cells, and whether the identity moved a value from the column its spaces
    /// point to.
    fn place(&self, values: &[(usize, Fig)]) -> (Vec<Option<Fig>>, bool) {
        let n = self.names.len();
        let k = values.len().min(n);
        let mut best: Option<(i64, Vec<usize>)> = None;
        let mut choice = Vec::with_capacity(k);
        self.search(values, k, 0, &mut choice, &mut best);
        let by_slots = Columns {
            names: self.names.clone(),
            parts: Vec::new(),
        };
        let mut nearest: Option<(i64, Vec<usize>)> = None;
        by_slots.search(values, k, 0, &mut Vec::with_capacity(k), &mut nearest);
        let inferred = best.as_ref().map(|b| &b.1) != nearest.as_ref().map(|b| &b.1);
        let mut cells = vec![None; n];
        if let Some((_, cols)) = best {
            for (i, c) in cols.into_iter().enumerate() {
                cells[c] = Some(values[i].1);
            }
        }
        (cells, inferred)
    }

    fn search(
        &self,
        values: &[(usize, Fig)],
        k: usize,
        from: usize,
        choice: &mut Vec<usize>,
        best: &mut Option<(i64, Vec<usize>)>,
    ) {
        if choice.len() == k {
            let score = self.score(values, choice);
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                *best = Some((score, choice.clone()));
            }
            return;
        }
        for c in from..self.names.len() {
            choice.push(c);
            self.search(values, k, c + 1, choice, best);
            choice.pop();
        }
    }

    fn score(&self, values: &[(usize, Fig)], cols: &[usize]) -> i64 {
        let distance: i64 = cols
            .iter()
            .zip(values)
            .map(|(c, (slot, _))| (*c as i64 - *slot as i64).abs())
            .sum();
        if self.parts.is_empty() {
            return distance;
        }
        let at = |col: usize| {
            cols.iter()
                .position(|c| *c == col)
                .map_or(0, |i| values[i].1.h)
        };
        let parts: Vec<i64> = self.parts.iter().map(|&p| at(p)).collect();
        let terms = parts.iter().filter(|v| **v != 0).count() as i64;
        let off = (at(0) - parts.iter().sum::<i64>()).abs();
        // Printed parts may miss their printed total by 0.01 each.
        let identity = if off <= terms.max(1) { 0 } else { 1000 };
        identity + distance
    }
}

/// One side of a table being read.
struct SideRows {
    columns: Columns,
    rows: Vec<GridRow>,
    /// Lines (0-based, in the table) where an identity, not the spacing, placed a value.
    inferred: Vec<usize>,
    /// The last row still waiting for its values (its label may be wrapped).
    open: Option<usize>,
}

impl SideRows {
    fn new(columns: Columns) -> SideRows {
        SideRows {
            columns,
            rows: Vec::new(),
            inferred: Vec::new(),
            open: None,
        }
    }

    fn label(&mut self, text: &str, line: usize) {
        let code = text
            .split(' ')
            .next()
            .filter(|t| is_code(t))
            .map(str::to_owned);
        let name: String = match &code {
            Some(c) => text[c.len()..].to_owned(),
            None => text.to_owned(),
        };
        let continues = code.is_none()
            && !starts_row(&name)
            && self
                .open
                .is_some_and(|i| self.rows[i].cells.iter().all(Option::is_none));
        if continues {
            let i = self.open.expect("checked");
            self.rows[i].name.push_str(&name);
        } else {
            self.rows.push(GridRow {
                code,
                name,
                cells: vec![None; self.columns.names.len()],
                y: line as f32,
                page: 1,
                level: 0,
            });
            self.open = Some(self.rows.len() - 1);
        }
    }

    fn values(&mut self, values: &[(usize, Fig)], line: usize) {
        let (cells, inferred) = self.columns.place(values);
        if inferred {
            self.inferred.push(line);
        }
        match self.open {
            Some(i) if self.rows[i].cells.iter().all(Option::is_none) => self.rows[i].cells = cells,
            _ => self.rows.push(GridRow {
                code: None,
                name: String::new(),
                cells,
                y: line as f32,
                page: 1,
                level: 0,
            }),
        }
        self.open = None;
    }
}

/// Reads one table's lines. `income` names the rows of the left side of a two-sided
/// table (its values are then one column); `aux_label` says a second label column
/// follows the first (表6's 政府预算 economic name).
/// One side read: its columns, its rows, and the lines where an identity placed a value.
pub type SideRead = (Vec<String>, Vec<GridRow>, Vec<usize>);

pub fn parse_table(
    lines: &[&str],
    sides: Vec<Columns>,
    income: &[String],
    aux_label: bool,
) -> Vec<SideRead> {
    let two = sides.len() == 2;
    let mut state: Vec<SideRows> = sides.into_iter().map(SideRows::new).collect();
    let first_value = lines
        .iter()
        .position(|l| tokens(l).iter().any(|t| is_value(&t.text)))
        .unwrap_or(lines.len());
    let is_income = |label: &str| {
        let n = row_name(label);
        !n.is_empty() && income.iter().any(|i| i.starts_with(&n))
    };
    // Wrapped label lines that belong just before the first value line.
    let start = (0..first_value)
        .rev()
        .take_while(|&i| !lines[i].trim().is_empty() && !tokens(lines[i]).is_empty())
        .last()
        .unwrap_or(first_value);
    let start = if start < first_value
        && lines[start..first_value]
            .iter()
            .any(|l| is_code(l.split(' ').next().unwrap_or("")))
    {
        start
    } else {
        first_value
    };
    for (n, line) in lines.iter().enumerate().skip(start) {
        let toks = tokens(line);
        if toks.is_empty() || line.trim().starts_with("第") && line.contains("部分") {
            continue;
        }
        let mut parts: Vec<(usize, Vec<Token>)> = Vec::new();
        if two {
            // Left side: a label of the income rows at the start of the line, and its one value slot.
            let left = toks[0].slot == 0 && !is_value(&toks[0].text) && is_income(&toks[0].text);
            let continues_left = !left
                && toks[0].slot == 0
                && !is_value(&toks[0].text)
                && toks.len() == 1
                && state[0].open.is_some_and(|i| {
                    let r = &state[0].rows[i];
                    r.cells.iter().all(Option::is_none)
                        && income
                            .iter()
                            .any(|x| x.starts_with(&row_name(&r.name)) && *x != row_name(&r.name))
                });
            if left || continues_left {
                let mut l = vec![toks[0].clone()];
                let mut rest_from = 1;
                if let Some(t) = toks.get(1).filter(|t| t.slot == 1 && is_value(&t.text)) {
                    l.push(t.clone());
                    rest_from = 2;
                }
                parts.push((0, l));
                let rest: Vec<Token> = toks[rest_from..].to_vec();
                if !rest.is_empty() {
                    parts.push((1, rest));
                }
            } else if toks.iter().all(|t| is_value(&t.text))
                && toks.len() == 1
                && state[0].open.is_some()
            {
                parts.push((0, toks));
            } else {
                parts.push((1, toks));
            }
        } else {
            parts.push((0, toks));
        }
        for (side, toks) in parts {
            read_part(&mut state[side], &toks, n, aux_label);
        }
    }
    state
        .into_iter()
        .map(|s| {
            let rows = s
                .rows
                .into_iter()
                .map(|r| GridRow {
                    name: row_name(&r.name),
                    ..r
                })
                .collect();
            (s.columns.names, rows, s.inferred)
        })
        .collect()
}

fn read_part(side: &mut SideRows, toks: &[Token], line: usize, aux_label: bool) {
    let label_end = toks
        .iter()
        .position(|t| is_value(&t.text))
        .unwrap_or(toks.len());
    // Label tokens are the leading ones up to the first blank slot or value.
    let mut label: Vec<&Token> = Vec::new();
    for t in &toks[..label_end] {
        let contiguous = label.last().is_none_or(|l: &&Token| t.slot == l.slot + 1);
        if !contiguous && !aux_label {
            break;
        }
        label.push(t);
    }
    let first_slot = toks.first().map_or(0, |t| t.slot);
    if !label.is_empty() {
        let text = if aux_label && label.len() >= 2 && !is_code(&label[0].text) {
            label[0].text.clone()
        } else {
            label
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        side.label(&text, line);
    }
    // Slots are counted from the first slot after the label (two label columns for 表6).
    let value_base = if label.is_empty() {
        first_slot
    } else if aux_label {
        label[0].slot + 2
    } else {
        label.last().map_or(first_slot, |t| t.slot + 1)
    };
    let values: Vec<(usize, Fig)> = toks[label_end..]
        .iter()
        .filter(|t| is_value(&t.text))
        .map(|t| {
            (
                t.slot.saturating_sub(value_base),
                figure(&t.text).expect("is a value"),
            )
        })
        .collect();
    if !values.is_empty() {
        side.values(&values, line);
    }
}

/// The columns a profile prints for a table kind, per block, and its income row names.
pub fn profile_columns(
    profile: &Profile,
    kind: TableKind,
) -> Option<(Vec<Columns>, Vec<String>, bool)> {
    let spec = profile.tables.iter().find(|t| t.kind == kind)?;
    let sides = spec
        .blocks
        .iter()
        .map(|b| Columns::new(b.columns.iter().map(|c| c.name.to_owned()).collect()))
        .collect();
    let income = if spec.blocks.len() == 2 {
        spec.blocks[0]
            .rows
            .iter()
            .filter_map(|r| match r {
                RowSpec::Fixed { name, .. } => {
                    Some(name.rsplit('/').next().unwrap_or(name).to_owned())
                }
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    Some((sides, income, spec.prints_gov_econ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(h: i64) -> Fig {
        Fig { h, decimals: 2 }
    }

    fn cols(names: &[&str]) -> Columns {
        Columns::new(names.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn identities_place_values_when_spaces_do_not() {
        let c = cols(&["合计", "基本支出", "项目支出"]);
        assert_eq!(
            c.place(&[(0, f(45)), (1, f(45))]),
            (vec![Some(f(45)), Some(f(45)), None], false)
        );
        assert_eq!(
            c.place(&[(0, f(5000)), (2, f(5000))]),
            (vec![Some(f(5000)), None, Some(f(5000))], false)
        );
        // Three spaces where two would do: still 项目支出.
        assert_eq!(
            c.place(&[(0, f(8760)), (3, f(8760))]),
            (vec![Some(f(8760)), None, Some(f(8760))], false)
        );
        // One space too few: the spacing says 基本支出, 合计 = Σ parts still allows it.
        assert_eq!(
            c.place(&[(0, f(100)), (1, f(60)), (1, f(40))]).0,
            vec![Some(f(100)), Some(f(60)), Some(f(40))]
        );
        let income = cols(&[
            "合计",
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
            "财政专户管理资金",
            "单位资金",
            "上年结转",
        ]);
        let (cells, inferred) = income.place(&[(0, f(108783)), (1, f(108783)), (3, f(9240))]);
        assert_eq!(cells[6], Some(f(9240)), "上年结转 is outside 合计");
        assert!(inferred, "the spaces pointed at 政府性基金预算");
    }

    #[test]
    fn glued_halves_are_cut() {
        let t = tokens("一、一般公共预算 1087.83一、一般公共服务支出    ");
        let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            ["一、一般公共预算", "1087.83", "一、一般公共服务支出"]
        );
        assert_eq!(t[2].slot, 2);
    }
}
