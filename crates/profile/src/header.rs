//! The printed header of a table, as its family declares it: the one layout the PDF, the
//! workbook and the HTML page all draw, so that the three agree cell for cell.
//!
//! Each printed column has a path of header levels, top first: a label column
//! (`项目` over `科目编码`), a figure column under the table's `header_over`, its declared
//! printed path or its tidy name split at `/` (`合计/预算数`). Neighbouring columns that
//! share a level's prefix share its cell; a path that ends early spans down to the last
//! header row.

use yusuan_model::{Block, Table};

use crate::{Profile, TableSpec};

/// One header cell and the grid area it covers (rows and columns from 0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderCell {
    pub label: String,
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// Header rows.
    pub depth: usize,
    /// Printed columns, labels and figures.
    pub width: usize,
    pub cells: Vec<HeaderCell>,
}

/// What a block prints left of its figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Labels {
    /// A 科目编码 column (codes printed and some row has one).
    pub codes: bool,
    /// A 政府预算经济科目 column beside the departmental name.
    pub aux: bool,
}

impl Labels {
    /// A 收支总表's two sides print a 项目 name each; other blocks their codes when the
    /// table prints codes and the 政府预算 economic name when a row has one.
    pub fn of(table: &Table, block: &Block) -> Labels {
        if two_sided(table) {
            return Labels {
                codes: false,
                aux: false,
            };
        }
        Labels {
            codes: table.prints_codes && block.rows.iter().any(|r| r.code.is_some()),
            aux: block.rows.iter().any(|r| r.aux.is_some()),
        }
    }

    /// Columns left of the figures.
    pub fn count(self) -> usize {
        usize::from(self.codes) + 1 + usize::from(self.aux)
    }

    fn paths(self) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        if self.codes {
            out.push(vec!["项目".to_owned(), "科目编码".to_owned()]);
            out.push(vec!["项目".to_owned(), "科目名称".to_owned()]);
        } else {
            out.push(vec!["项目".to_owned()]);
        }
        if self.aux {
            out.push(vec!["政府预算经济科目".to_owned()]);
        }
        out
    }
}

/// A 收支总表: 收入 beside 支出.
pub fn two_sided(table: &Table) -> bool {
    table.blocks.len() == 2 && table.blocks.iter().all(|b| b.side.is_some())
}

/// The header of the given blocks of `table` printed side by side, in that order. A block
/// with a side (收入 / 支出) is headed by its side's label when more than one is printed.
pub fn header(profile: Option<&Profile>, table: &Table, blocks: &[usize], year: u16) -> Header {
    let spec = profile.and_then(|p| p.tables.iter().find(|s| s.kind == table.kind));
    let sided = blocks.len() > 1 && blocks.iter().all(|&b| table.blocks[b].side.is_some());
    let mut paths: Vec<Vec<String>> = Vec::new();
    for &b in blocks {
        let block = &table.blocks[b];
        let side: Vec<String> = match block.side {
            Some(side) if sided => vec![side.label().to_owned()],
            _ => Vec::new(),
        };
        for label in Labels::of(table, block).paths() {
            paths.push(side.iter().cloned().chain(label).collect());
        }
        for column in &block.columns {
            let mut path = side.clone();
            if let Some(over) = spec.and_then(|s| s.header_over) {
                path.push(over.to_owned());
            }
            let printed = printed_path(spec, b, column.as_str());
            path.extend(printed.split('/').map(str::to_owned));
            for level in &mut path {
                *level = level.replace("{year}", &year.to_string());
            }
            paths.push(path);
        }
    }
    grid(&paths)
}

/// A column's printed path: as declared, or its tidy name.
fn printed_path<'a>(spec: Option<&'a TableSpec>, block: usize, name: &'a str) -> &'a str {
    spec.and_then(|s| s.blocks.get(block))
        .and_then(|b| b.columns.iter().find(|c| c.name == name))
        .and_then(|c| c.printed)
        .unwrap_or(name)
}

/// The cells of columns with the given paths.
pub fn grid(paths: &[Vec<String>]) -> Header {
    let depth = paths.iter().map(Vec::len).max().unwrap_or(0);
    let mut cells = Vec::new();
    for d in 0..depth {
        let mut i = 0;
        while i < paths.len() {
            let path = &paths[i];
            if path.len() <= d {
                i += 1;
                continue;
            }
            let last = path.len() == d + 1;
            let run = paths[i..]
                .iter()
                .take_while(|p| p.len() > d && p[..=d] == path[..=d] && (p.len() == d + 1) == last)
                .count();
            // A cell that ends its path takes the rows below; two columns of the same
            // name that both end here are two cells.
            let run = if last { 1 } else { run };
            cells.push(HeaderCell {
                label: path[d].clone(),
                row: d,
                col: i,
                rows: if last { depth - d } else { 1 },
                cols: run,
            });
            i += run;
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Header {
        depth,
        width: paths.len(),
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(cols: &[&str]) -> Vec<Vec<String>> {
        cols.iter()
            .map(|c| c.split('/').map(str::to_owned).collect())
            .collect()
    }

    fn cell(label: &str, row: usize, col: usize, rows: usize, cols: usize) -> HeaderCell {
        HeaderCell {
            label: label.to_owned(),
            row,
            col,
            rows,
            cols,
        }
    }

    #[test]
    fn shared_prefixes_share_a_cell_and_short_paths_span_down() {
        let h = grid(&paths(&[
            "项目",
            "三公/合计/预算数",
            "三公/合计/决算数",
            "三公/用车/小计/预算数",
            "三公/用车/购置/预算数",
        ]));
        assert_eq!((h.depth, h.width), (4, 5));
        assert_eq!(
            h.cells,
            vec![
                cell("项目", 0, 0, 4, 1),
                cell("三公", 0, 1, 1, 4),
                cell("合计", 1, 1, 1, 2),
                cell("用车", 1, 3, 1, 2),
                cell("预算数", 2, 1, 2, 1),
                cell("决算数", 2, 2, 2, 1),
                cell("小计", 2, 3, 1, 1),
                cell("购置", 2, 4, 1, 1),
                cell("预算数", 3, 3, 1, 1),
                cell("预算数", 3, 4, 1, 1),
            ]
        );
    }

    #[test]
    fn every_grid_cell_is_covered_exactly_once() {
        let h = grid(&paths(&[
            "项目/科目编码",
            "项目/科目名称",
            "本年收入/合计",
            "本年收入/单位资金",
            "上年结转",
        ]));
        let mut seen = vec![vec![0; h.width]; h.depth];
        for c in &h.cells {
            for row in seen.iter_mut().skip(c.row).take(c.rows) {
                for n in row.iter_mut().skip(c.col).take(c.cols) {
                    *n += 1;
                }
            }
        }
        assert!(seen.iter().flatten().all(|&n| n == 1), "{seen:?}");
        assert_eq!(h.cells.iter().filter(|c| c.label == "项目").count(), 1);
    }
}
