//! From positioned lines to a table: header cells, value columns, rows and cells.
//!
//! Values are right-aligned (or centred) under their header, so a column is a cluster
//! of value right edges (or centres); its name is the header cell above it. Labels sit
//! left of the first column. A label wrapped over two lines and a value printed at
//! the top of a centred cell are put back on their row by vertical distance.

use yusuan_model::Family;
use yusuan_pdf::{Line, Word};

use crate::header::{column_paths, header_cells};
use crate::names::{name_columns, row_name};

/// The words of each label column of a row, with where each starts.
type LabelWords = Vec<Vec<(f32, String)>>;

/// A figure as printed: hundredths of the printed unit, and how many decimals it had
/// (the tidy export writes it as printed, and its rounding depends on them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fig {
    pub h: i64,
    pub decimals: u8,
}

/// A parsed amount: hundredths of the printed unit.
pub fn amount(text: &str) -> Option<i64> {
    figure(text).map(|f| f.h)
}

/// A parsed amount with its printed decimals.
pub fn figure(text: &str) -> Option<Fig> {
    let t = text.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    if body.is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    if body.starts_with(',')
        || body.starts_with('.') && body.len() == 1
        || body.matches('.').count() > 1
    {
        return None;
    }
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if body.contains('.') && frac.is_empty() {
        return None;
    }
    if frac.len() > 2 || frac.contains(',') {
        return None;
    }
    // Thousands separators must group by three.
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let int: String = int.chars().filter(|c| *c != ',').collect();
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut f: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    if frac.len() == 1 {
        f *= 10;
    }
    let v = int.checked_mul(100)?.checked_add(f)?;
    Some(Fig {
        h: if neg { -v } else { v },
        decimals: frac.len() as u8,
    })
}

/// An amount beyond doubt: it has a decimal point or a thousands separator.
pub(crate) fn strong_amount(text: &str) -> bool {
    (text.contains('.') || text.contains(',')) && amount(text).is_some()
}

#[derive(Clone, Debug)]
pub struct GridRow {
    pub code: Option<String>,
    pub name: String,
    /// One per column; `None` is blank.
    pub cells: Vec<Option<Fig>>,
    /// Baseline of the line that carried the label (or the values).
    pub y: f32,
    pub page: u32,
    /// Which label column named the row (tables with several label columns), for
    /// qualifying a repeated name by the row above it in an outer column.
    pub level: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub columns: Vec<String>,
    pub rows: Vec<GridRow>,
    /// Rows (page, y) that an identity, not the layout, gave some of their figures.
    pub inferred: Vec<(u32, f32)>,
}

/// A line of one block, tagged with its page.
#[derive(Clone, Debug)]
pub struct PLine {
    pub page: u32,
    pub line: Line,
}

pub(crate) fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}

/// Column anchors: clusters of value words by right edge (right-aligned) or centre.
#[derive(Clone, Debug)]
pub(crate) struct Column {
    pub(crate) x0: f32,
    pub(crate) x1: f32,
}

fn cluster_columns(values: &[&Word]) -> Vec<Column> {
    let by = |key: &dyn Fn(&Word) -> f32| -> Vec<Vec<&Word>> {
        let mut sorted: Vec<&Word> = values.to_vec();
        sorted.sort_by(|a, b| key(a).total_cmp(&key(b)));
        let mut clusters: Vec<Vec<&Word>> = Vec::new();
        for w in sorted {
            match clusters.last_mut() {
                Some(c) if key(w) - key(c.last().expect("non-empty")) <= w.size.max(4.0) * 0.8 => {
                    c.push(w)
                }
                _ => clusters.push(vec![w]),
            }
        }
        clusters
    };
    let right = by(&|w: &Word| w.x1);
    let centre = by(&|w: &Word| (w.x0 + w.x1) / 2.0);
    let best = if centre.len() < right.len() {
        centre
    } else {
        right
    };
    let mut columns: Vec<Column> = best
        .into_iter()
        .map(|c| Column {
            x0: c.iter().map(|w| w.x0).fold(f32::MAX, f32::min),
            x1: c.iter().map(|w| w.x1).fold(f32::MIN, f32::max),
        })
        .collect();
    // A table continued on a page printed a few points to the side gives two clusters
    // for one column; columns themselves never overlap.
    columns.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut merged: Vec<Column> = Vec::new();
    for c in columns {
        match merged.last_mut() {
            Some(m) if overlap(m.x0, m.x1, c.x0, c.x1) > 0.5 * (c.x1 - c.x0).min(m.x1 - m.x0) => {
                m.x0 = m.x0.min(c.x0);
                m.x1 = m.x1.max(c.x1);
            }
            _ => merged.push(c),
        }
    }
    merged
}

/// Right edges of a page's strong amounts, grouped (figures are right-aligned).
fn value_edges(lines: &[(u32, f32, Vec<Word>)], page: u32) -> Vec<f32> {
    let mut xs: Vec<f32> = lines
        .iter()
        .filter(|(p, _, _)| *p == page)
        .flat_map(|(_, _, ws)| ws.iter())
        .filter(|w| strong_amount(&w.text))
        .map(|w| w.x1)
        .collect();
    xs.sort_by(f32::total_cmp);
    let mut edges: Vec<f32> = Vec::new();
    for x in xs {
        match edges.last() {
            Some(e) if x - e <= 1.5 * w_char() => {}
            _ => edges.push(x),
        }
    }
    edges
}

/// One character of monospaced text, in the units `text.rs` gives positions in.
fn w_char() -> f32 {
    crate::text::CHAR
}

/// Moves the figures of every later page of a monospaced table sideways so that its
/// value columns line up with the first page's: the shift that makes the most right
/// edges meet, the smallest of those.
fn register_pages(mut lines: Vec<(u32, f32, Vec<Word>)>) -> Vec<(u32, f32, Vec<Word>)> {
    let mut pages: Vec<u32> = lines.iter().map(|(p, _, _)| *p).collect();
    pages.dedup();
    let Some(first) = pages
        .iter()
        .copied()
        .find(|p| !value_edges(&lines, *p).is_empty())
    else {
        return lines;
    };
    let reference = value_edges(&lines, first);
    for page in pages.into_iter().filter(|p| *p != first) {
        let edges = value_edges(&lines, page);
        if edges.is_empty() {
            continue;
        }
        let hits = |s: f32| {
            edges
                .iter()
                .filter(|e| reference.iter().any(|r| (*e + s - r).abs() <= w_char()))
                .count()
        };
        let mut best = (hits(0.0), 0.0f32);
        for r in &reference {
            for e in &edges {
                let s = r - e;
                let h = hits(s);
                if h > best.0 || (h == best.0 && s.abs() < best.1.abs()) {
                    best = (h, s);
                }
            }
        }
        let shift = best.1;
        if shift == 0.0 {
            continue;
        }
        // The page's value zone starts at its leftmost figure; labels stay.
        let zone = lines
            .iter()
            .filter(|(p, _, _)| *p == page)
            .flat_map(|(_, _, ws)| ws.iter())
            .filter(|w| strong_amount(&w.text))
            .map(|w| w.x0)
            .fold(f32::MAX, f32::min)
            - 2.0 * w_char();
        for (_, _, ws) in lines.iter_mut().filter(|(p, _, _)| *p == page) {
            for w in ws.iter_mut().filter(|w| w.x0 >= zone) {
                w.x0 += shift;
                w.x1 += shift;
            }
        }
    }
    lines
}

/// A long label pushes a row's figures a few characters right, which opens a cluster
/// beside the true column. Neighbouring clusters that never hold a figure on the same
/// line, and sit closer than the narrowest pair that do, are one column.
fn merge_pushed_columns(columns: Vec<Column>, lines: &[(u32, f32, Vec<Word>)]) -> Vec<Column> {
    if columns.len() < 2 {
        return columns;
    }
    let in_col = |c: &Column, w: &Word| overlap(c.x0, c.x1, w.x0, w.x1) > 0.0;
    let share_a_line = |a: &Column, b: &Column| {
        lines.iter().any(|(_, _, ws)| {
            let figures = || ws.iter().filter(|w| amount(&w.text).is_some());
            figures().any(|w| in_col(a, w) && !in_col(b, w))
                && figures().any(|w| in_col(b, w) && !in_col(a, w))
        })
    };
    let pitch = columns
        .windows(2)
        .filter(|p| share_a_line(&p[0], &p[1]))
        .map(|p| p[1].x1 - p[0].x1)
        .fold(f32::MAX, f32::min);
    let mut out: Vec<Column> = Vec::new();
    for c in columns {
        match out.last_mut() {
            Some(m) if c.x1 - m.x1 < 0.75 * pitch && !share_a_line(m, &c) => {
                m.x0 = m.x0.min(c.x0);
                m.x1 = m.x1.max(c.x1);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Lines that only number the columns (`1 2 3 4`, `栏次`).
pub(crate) fn is_column_numbers(line: &Line) -> bool {
    let t = line.text();
    if t.contains("栏次") || t.contains("行次") && line.words.len() <= 2 {
        return true;
    }
    line.words.len() >= 3
        && line
            .words
            .iter()
            .all(|w| w.text.len() <= 2 && w.text.bytes().all(|b| b.is_ascii_digit()))
}

pub struct BlockInput<'a> {
    pub lines: &'a [PLine],
    /// Left edge of the block's own label zone and right edge of the block.
    pub x_min: f32,
    pub x_max: f32,
    pub family: Family,
    /// The table names its rows in several text columns (政府采购预算表).
    pub text_columns: bool,
    /// Positions are character columns of `pdftotext -layout` text: every page packs
    /// its columns at its own offsets, and a long row label pushes that row's figures
    /// to the right.
    pub monospace: bool,
}

/// Parses one block (one side of a table).
pub fn parse_block(input: &BlockInput<'_>) -> Grid {
    let words_in = |l: &Line| -> Vec<Word> {
        l.words
            .iter()
            .filter(|w| (w.x0 + w.x1) / 2.0 >= input.x_min && (w.x0 + w.x1) / 2.0 < input.x_max)
            .cloned()
            .collect()
    };
    let lines: Vec<(u32, f32, Vec<Word>)> = input
        .lines
        .iter()
        .filter(|pl| !is_column_numbers(&pl.line))
        .map(|pl| (pl.page, pl.line.y, words_in(&pl.line)))
        .filter(|(_, _, w)| !w.is_empty())
        .collect();
    let lines = if input.monospace {
        register_pages(lines)
    } else {
        lines
    };
    // Value columns from the strong amounts.
    let strong: Vec<&Word> = lines
        .iter()
        .flat_map(|(_, _, ws)| ws.iter())
        .filter(|w| strong_amount(&w.text))
        .collect();
    if strong.is_empty() {
        return Grid::default();
    }
    // A body of figures only (a 三公 table's one row) has no labels: a blank first cell
    // must not make the whole numbers after it a label.
    let first_strong = lines
        .iter()
        .position(|(_, _, ws)| ws.iter().any(|w| strong_amount(&w.text)))
        .unwrap_or(0);
    let figures_only = lines[first_strong..]
        .iter()
        .all(|(_, _, ws)| ws.iter().all(|w| amount(&w.text).is_some()));
    let label_end = if figures_only {
        f32::MIN
    } else {
        cluster_columns(&strong)
            .iter()
            .map(|c| c.x0)
            .fold(f32::MAX, f32::min)
            - 2.0
    };
    // Whole numbers (`0`, `6`) in the value zone are values too, and may be a column's only ones.
    let values: Vec<&Word> = lines
        .iter()
        .flat_map(|(_, _, ws)| ws.iter())
        .filter(|w| strong_amount(&w.text) || w.x0 >= label_end && amount(&w.text).is_some())
        .collect();
    let mut columns = cluster_columns(&values);
    if input.monospace {
        columns = merge_pushed_columns(columns, &lines);
    }
    // The body starts at the first line with a value; above it (on its page) is the header.
    let first_value = lines
        .iter()
        .position(|(_, _, ws)| {
            ws.iter()
                .any(|w| strong_amount(&w.text) || w.x0 >= label_end && amount(&w.text).is_some())
        })
        .unwrap_or(lines.len());
    let header_lines = &lines[..first_value];
    let government_names = header_lines.iter().any(|(_, _, ws)| {
        let text = join(ws);
        text.contains("政府预算") && text.contains("经济科目")
    });
    let has_labels = lines[first_value..]
        .iter()
        .any(|(_, _, ws)| ws.iter().any(|w| amount(&w.text).is_none()));
    let zone_start = if has_labels { label_end } else { f32::MIN };
    let head = header_cells(header_lines, zone_start);
    let (paths, leaves) = column_paths(&head, &columns, zone_start, input.monospace);
    let names = name_columns(&paths, &leaves, input.family);

    // Body lines; a repeated header on a later page is dropped.
    let header_text: Vec<String> = header_lines.iter().map(|(_, _, ws)| join(ws)).collect();
    let body: Vec<&(u32, f32, Vec<Word>)> = lines[first_value..]
        .iter()
        .filter(|(_, _, ws)| {
            !header_text.contains(&join(ws)) || ws.iter().any(|w| amount(&w.text).is_some())
        })
        .collect();
    let size = median(
        body.iter()
            .flat_map(|(_, _, ws)| ws.iter().map(|w| w.size))
            .collect(),
    )
    .unwrap_or(10.0);

    struct Piece {
        page: u32,
        y: f32,
        label: Vec<Word>,
        values: Vec<(usize, Fig)>,
    }
    let pieces: Vec<Piece> = body
        .iter()
        .map(|(page, y, ws)| {
            let mut label = Vec::new();
            let mut values = Vec::new();
            for w in ws {
                // The 类 / 款 / 项 header of the code columns can share a line with values.
                if matches!(w.text.as_str(), "类" | "款" | "项") {
                    continue;
                }
                match figure(&w.text) {
                    Some(v)
                        if w.x0 >= label_end || (w.x1 > label_end && strong_amount(&w.text)) =>
                    {
                        values.push((nearest_column(&columns, w), v));
                    }
                    _ => label.push(w.clone()),
                }
            }
            Piece {
                page: *page,
                y: *y,
                label,
                values,
            }
        })
        .collect();

    // Several text columns left of the values (政府采购预算表): every row has a value,
    // so rows are anchored on value lines and each label word joins the nearest one.
    let label_heads = label_columns(header_lines, label_end);
    if input.text_columns && label_heads.len() >= 3 {
        let mut rows: Vec<(GridRow, LabelWords)> = pieces
            .iter()
            .filter(|p| !p.values.is_empty())
            .map(|p| {
                let mut cells = vec![None; columns.len()];
                for &(c, v) in &p.values {
                    cells[c] = Some(v);
                }
                (
                    GridRow {
                        code: None,
                        name: String::new(),
                        cells,
                        y: p.y,
                        page: p.page,
                        level: 0,
                    },
                    vec![Vec::new(); label_heads.len()],
                )
            })
            .collect();
        // Words on a value line belong to its row. The others (text wrapped in tall
        // cells, centred on their row) go to the nearest row that keeps its text
        // columns contiguous — a row names itself in one column and the ones right of
        // it — closest first, and never further than two lines.
        let nearest_head = |w: &Word| {
            let centre = (w.x0 + w.x1) / 2.0;
            (0..label_heads.len())
                .min_by(|&a, &b| {
                    (label_heads[a] - centre)
                        .abs()
                        .total_cmp(&(label_heads[b] - centre).abs())
                })
                .expect("three or more")
        };
        // Monospaced text is left-aligned in its cell: a short wrapped end (`务`) is in
        // the column of the longer start it is aligned with, two lines up at most.
        let column_of = |page: u32, y: f32, w: &Word| {
            let start = input
                .monospace
                .then(|| {
                    pieces
                        .iter()
                        .filter(|q| q.page == page && q.y < y && y - q.y <= 2.5 * size)
                        .flat_map(|q| &q.label)
                        .find(|o| {
                            (o.x0 - w.x0).abs() < 1.0
                                && o.text.chars().count() > w.text.chars().count()
                        })
                })
                .flatten();
            nearest_head(start.unwrap_or(w))
        };
        let mut loose: Vec<(u32, f32, usize, String)> = Vec::new();
        for p in &pieces {
            let own = rows
                .iter()
                .position(|(r, _)| r.page == p.page && (r.y - p.y).abs() < 0.5);
            for w in &p.label {
                let col = column_of(p.page, p.y, w);
                match own {
                    Some(i) => rows[i].1[col].push((p.y, w.text.clone())),
                    None => loose.push((p.page, p.y, col, w.text.clone())),
                }
            }
        }
        let reach = 2.2
            * pitch_of(&rows.iter().map(|(r, _)| (r.page, r.y)).collect::<Vec<_>>())
                .unwrap_or(2.0 * size);
        let nearest = |page: u32, y: f32| {
            rows.iter()
                .filter(|(r, _)| r.page == page)
                .map(|(r, _)| (r.y - y).abs())
                .fold(f32::MAX, f32::min)
        };
        loose.sort_by(|a, b| nearest(a.0, a.1).total_cmp(&nearest(b.0, b.1)));
        // A cell's lines are centred on its row: keep each column's words balanced
        // around the row, retrying what did not fit once more words are placed.
        let balance = 0.6 * reach / 2.2;
        for pass in 0..4 {
            let strict = pass < 3;
            let mut left = Vec::new();
            let waiting: Vec<(u32, f32, usize)> =
                loose.iter().map(|(p, y, c, _)| (*p, *y, *c)).collect();
            for (page, y, col, text) in loose {
                let mut candidates: Vec<usize> = (0..rows.len())
                    .filter(|&i| rows[i].0.page == page && (rows[i].0.y - y).abs() <= reach)
                    .collect();
                // Level between two rows, the one with nothing yet in this column first
                // (`便携式计算机（20万以` between a named row and its own).
                let key = |i: usize| {
                    let d = (rows[i].0.y - y).abs();
                    (d * 2.0).round() + if rows[i].1[col].is_empty() { 0.0 } else { 0.5 }
                };
                candidates.sort_by(|&a, &b| key(a).total_cmp(&key(b)));
                let fits = |row: &GridRow, texts: &Vec<Vec<(f32, String)>>| {
                    let mut used: Vec<usize> =
                        (0..texts.len()).filter(|&c| !texts[c].is_empty()).collect();
                    used.push(col);
                    used.sort_unstable();
                    used.dedup();
                    let contiguous = used.windows(2).all(|w| w[1] == w[0] + 1);
                    // A word waiting on the other side of the row balances this one.
                    let mirror = 2.0 * row.y - y;
                    let opposite = waiting.iter().any(|&(p, wy, c)| {
                        p == page && c == col && (wy - mirror).abs() < 0.5 && (wy - y).abs() > 0.5
                    });
                    let ys: Vec<f32> = texts[col]
                        .iter()
                        .map(|(y, _)| *y)
                        .chain(std::iter::once(y))
                        .chain(opposite.then_some(mirror))
                        .collect();
                    let mean = ys.iter().sum::<f32>() / ys.len() as f32;
                    contiguous && (!strict || (mean - row.y).abs() <= balance)
                };
                match candidates.iter().find(|&&i| fits(&rows[i].0, &rows[i].1)) {
                    Some(&i) => rows[i].1[col].push((y, text)),
                    None => left.push((page, y, col, text)),
                }
            }
            loose = left;
            if loose.is_empty() {
                break;
            }
        }
        let rows = rows
            .into_iter()
            .map(|(mut r, mut texts)| {
                if let Some(level) = texts.iter().position(|t| !t.is_empty()) {
                    texts[level].sort_by(|a, b| a.0.total_cmp(&b.0));
                    r.name = row_name(
                        &texts[level]
                            .iter()
                            .map(|(_, t)| t.as_str())
                            .collect::<String>(),
                    );
                    r.level = level;
                }
                r
            })
            .collect();
        return Grid {
            columns: names,
            rows,
            inferred: Vec::new(),
        };
    }

    // Row pitch: the usual distance between label lines. A label closer than that to
    // the one above is the same cell wrapped.
    let mut gaps: Vec<f32> = pieces
        .windows(2)
        .filter(|w| w[0].page == w[1].page && !w[0].label.is_empty() && !w[1].label.is_empty())
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.5)
        .collect();
    gaps.sort_by(f32::total_cmp);
    let pitch = gaps.get(gaps.len() / 2).copied().unwrap_or(2.0 * size);
    let wrap_gap = (0.8 * pitch).min(1.6 * size);

    let label_left = pieces
        .iter()
        .filter_map(|p| p.label.first())
        .map(|w| w.x0)
        .fold(f32::MAX, f32::min);
    // Rows from label lines; wrapped continuations join the row above.
    let mut rows: Vec<GridRow> = Vec::new();
    let mut last_label_y: Option<(u32, f32)> = None;
    // A label's first line printed above its code line (the code sits in the middle of
    // a cell of three lines): held back for the code's row.
    let mut prefix: Option<String> = None;
    for (k, p) in pieces.iter().enumerate() {
        if p.label.is_empty() {
            continue;
        }
        let next_code_row = pieces[k + 1..]
            .iter()
            .find(|q| !q.label.is_empty())
            .filter(|q| {
                q.page == p.page
                    && split_code(&q.label).0.is_some()
                    && split_code(&q.label).1.is_empty()
                    && q.y - p.y < 1.3 * size
            });
        // Monospaced lines are all one pitch apart: level between the two, the label
        // goes to the code row that has no name of its own.
        let closer_to_next = next_code_row.is_some_and(|q| {
            last_label_y.is_none_or(|(pg, y)| {
                pg != p.page || q.y - p.y < p.y - y || input.monospace && q.y - p.y <= p.y - y
            })
        });
        if closer_to_next && split_code(&p.label).0.is_none() && p.values.is_empty() {
            prefix = Some(join(&p.label));
            continue;
        }
        // Two label columns (a merged group cell beside the row labels): the group
        // becomes a heading row of its own, the row keeps its own label. Under a
        // 政府预算经济科目 heading the second column is the government-side name of
        // the row's departmental item, which the tidy data does not carry.
        let mut label: &[Word] = &p.label;
        if let Some(cut) = label.windows(2).position(|w| {
            let gap = w[1].x0 - w[0].x1;
            // Monospaced, three spaces part two cells of two or more characters
            // (`一般公共预算资金     公共财政拨款(补助)资金`), not a spaced-out `合   计`.
            gap > 2.5 * size
                || input.monospace
                    && gap >= 3.0 * crate::text::CHAR
                    && w.iter().all(|w| w.text.chars().count() >= 2)
        }) {
            let (group, own) = label.split_at(cut + 1);
            let is_text = group
                .iter()
                .all(|w| amount(&w.text).is_none() && !w.text.bytes().all(|b| b.is_ascii_digit()));
            if is_text && government_names {
                label = group;
            } else if is_text && !p.values.is_empty() {
                rows.push(GridRow {
                    code: None,
                    name: join(group),
                    cells: vec![None; columns.len()],
                    y: p.y - 0.01,
                    page: p.page,
                    level: 0,
                });
                label = own;
            }
        }
        let (code, name) = split_code(label);
        let close = last_label_y.is_some_and(|(pg, y)| pg == p.page && p.y - y < wrap_gap);
        // One character is never a row of its own: it ends the label above.
        // Monospaced text may print the row's figures on a line between (`三、单位预留机动经`
        // / `3,990.40` / `费`).
        let reach = if input.monospace { 2.05 } else { 1.2 };
        let single = name.chars().count() == 1
            && last_label_y.is_some_and(|(pg, y)| pg == p.page && p.y - y < reach * pitch);
        // Monospaced lines are all one pitch apart, so a wrapped label shows by what it
        // lacks: right under a coded row, a line with neither code nor values.
        let wraps_coded_row = input.monospace
            && last_label_y.is_some_and(|(pg, y)| pg == p.page && p.y - y <= 1.05 * pitch)
            // …indented like a name: a note under the table starts where the codes do.
            && p.label[0].x0 > label_left + crate::text::CHAR
            && rows.last().is_some_and(|r| r.code.is_some());
        let continues = (close || single || wraps_coded_row)
            && code.is_none()
            && !starts_row(&name)
            && p.values.is_empty()
            && rows.last().is_some_and(|r| !r.name.is_empty());
        // A code printed a little above its name (top-aligned code cells): the code's
        // row takes the name, and a 款 code printed with the name completes the 类.
        let near = last_label_y.is_some_and(|(pg, y)| pg == p.page && p.y - y < 1.3 * size);
        let names_code_row = near
            && rows
                .last()
                .is_some_and(|r| r.name.is_empty() && r.code.is_some())
            && !name.is_empty();
        // A 款 code printed below its 类 code (`302 其他…` / `99`): it completes the code.
        let completes_code = near
            && code.is_none()
            && name.len() == 2
            && name.bytes().all(|b| b.is_ascii_digit())
            && rows.last().is_some_and(|r| {
                r.code
                    .as_ref()
                    .is_some_and(|c| c.len() == 3 || c.len() == 5)
            });
        if completes_code {
            rows.last_mut()
                .expect("checked")
                .code
                .as_mut()
                .expect("checked")
                .push_str(&name);
        } else if continues {
            let row = rows.last_mut().expect("checked");
            row.name.push_str(&name);
        } else if names_code_row && code.is_none() {
            let row = rows.last_mut().expect("checked");
            let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 2
                && row
                    .code
                    .as_ref()
                    .is_some_and(|c| c.len() == 3 || c.len() == 5)
            {
                row.code.as_mut().expect("checked").push_str(&digits);
                row.name = name[digits.len()..].to_owned();
            } else {
                row.name = name;
            }
        } else {
            let name = match (&code, prefix.take()) {
                (Some(_), Some(first)) if name.is_empty() => first,
                (_, _) => name,
            };
            rows.push(GridRow {
                code,
                name,
                cells: vec![None; columns.len()],
                y: p.y,
                page: p.page,
                level: 0,
            });
        }
        last_label_y = Some((p.page, p.y));
    }
    // Values: on their own row, else on the nearest row of the page. Monospaced text
    // prints a tall row's figures a line or two off its label, as near the row above
    // as its own: there the row they complete (total = sum of parts) takes them first.
    let mut unlabelled: Vec<GridRow> = Vec::new();
    let mut deferred: Vec<&Piece> = Vec::new();
    for p in &pieces {
        if p.values.is_empty() {
            continue;
        }
        if input.monospace && p.label.is_empty() {
            deferred.push(p);
            continue;
        }
        let target = if !p.label.is_empty() {
            rows.iter()
                .rposition(|r| r.page == p.page && r.y <= p.y + 0.01)
                .or_else(|| nearest_row(&rows, p.page, p.y, size))
        } else {
            nearest_row(&rows, p.page, p.y, size)
        };
        match target {
            Some(i) => {
                for &(c, v) in &p.values {
                    let cell = &mut rows[i].cells[c];
                    if cell.is_none() {
                        *cell = Some(v);
                    } else if let Some(j) = free_neighbour(&rows, i, c, p.page, p.y, size) {
                        rows[j].cells[c] = Some(v);
                    }
                }
            }
            None => {
                let mut cells = vec![None; columns.len()];
                for &(c, v) in &p.values {
                    cells[c] = Some(v);
                }
                unlabelled.push(GridRow {
                    code: None,
                    name: String::new(),
                    cells,
                    y: p.y,
                    page: p.page,
                    level: 0,
                });
            }
        }
    }
    // A figure line alone, or two adjacent ones (a tall row split over two lines).
    let mut inferred = Vec::new();
    let reach = 2.05 * pitch;
    loop {
        let mut placed = None;
        'search: for k in 0..deferred.len() {
            for n in 1..=2 {
                let Some(group) = deferred.get(k..k + n) else {
                    continue;
                };
                if n == 2
                    && (group[0].page != group[1].page
                        || (group[1].y - group[0].y).abs() > 1.05 * pitch
                        || group[0]
                            .values
                            .iter()
                            .any(|a| group[1].values.iter().any(|b| a.0 == b.0)))
                {
                    continue;
                }
                let balancing: Vec<usize> = (0..rows.len())
                    .filter(|&i| {
                        group
                            .iter()
                            .any(|p| rows[i].page == p.page && (rows[i].y - p.y).abs() <= reach)
                    })
                    .filter(|&i| {
                        let mut cells = rows[i].cells.clone();
                        for &(c, v) in group.iter().flat_map(|p| &p.values) {
                            if cells[c].replace(v).is_some() {
                                return false;
                            }
                        }
                        balances(&cells)
                    })
                    .collect();
                if let [i] = balancing[..] {
                    placed = Some((k, n, i));
                    break 'search;
                }
            }
        }
        let Some((k, n, i)) = placed else { break };
        inferred.push((rows[i].page, rows[i].y));
        for p in deferred.drain(k..k + n) {
            for &(c, v) in &p.values {
                rows[i].cells[c] = Some(v);
            }
        }
    }
    for p in deferred {
        // Level between two rows, a figure line belongs to the one below: pdftotext
        // prints a tall cell's figures above the middle of its label.
        // Two lines off is still near when the row has room for every figure.
        let free = |r: &GridRow| p.values.iter().all(|&(c, _)| r.cells[c].is_none());
        let nearest = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.page == p.page && (r.y - p.y).abs() <= reach && free(r))
            .min_by(|(_, a), (_, b)| {
                let key = |r: &GridRow| ((r.y - p.y).abs(), r.y < p.y);
                key(a).partial_cmp(&key(b)).expect("finite")
            })
            .map(|(i, _)| i)
            .or_else(|| nearest_row(&rows, p.page, p.y, size));
        match nearest {
            Some(i) => {
                for &(c, v) in &p.values {
                    if rows[i].cells[c].is_none() {
                        rows[i].cells[c] = Some(v);
                    } else if let Some(j) = free_neighbour(&rows, i, c, p.page, p.y, size) {
                        rows[j].cells[c] = Some(v);
                    }
                }
            }
            None => unlabelled.push(GridRow {
                code: None,
                name: String::new(),
                cells: p
                    .values
                    .iter()
                    .fold(vec![None; columns.len()], |mut cells, &(c, v)| {
                        cells[c] = Some(v);
                        cells
                    }),
                y: p.y,
                page: p.page,
                level: 0,
            }),
        }
    }
    rows.extend(unlabelled);
    rows.sort_by(|a, b| a.page.cmp(&b.page).then(a.y.total_cmp(&b.y)));
    for r in &mut rows {
        r.name = row_name(&r.name);
    }
    Grid {
        columns: names,
        rows,
        inferred,
    }
}

/// The first cell is the sum of the others, which are two or more, to a hundredth a
/// term (each printed figure rounded on its own).
fn balances(cells: &[Option<Fig>]) -> bool {
    let Some((Some(Fig { h: total, .. }), parts)) = cells.split_first() else {
        return false;
    };
    let parts: Vec<i64> = parts.iter().flatten().map(|f| f.h).collect();
    parts.len() >= 2 && (parts.iter().sum::<i64>() - total).abs() <= parts.len() as i64
}

fn join(ws: &[Word]) -> String {
    ws.iter().map(|w| w.text.as_str()).collect()
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    Some(v[v.len() / 2])
}

fn nearest_column(columns: &[Column], w: &Word) -> usize {
    let score = |c: &Column| {
        let ov = overlap(c.x0, c.x1, w.x0, w.x1);
        if ov > 0.0 {
            -ov
        } else {
            (c.x0 - w.x1).abs().min((w.x0 - c.x1).abs())
        }
    };
    (0..columns.len())
        .min_by(|&a, &b| score(&columns[a]).total_cmp(&score(&columns[b])))
        .unwrap_or(0)
}

/// The row nearest in y on the same page, within about one and a half lines.
fn nearest_row(rows: &[GridRow], page: u32, y: f32, size: f32) -> Option<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.page == page && (r.y - y).abs() <= 1.8 * size)
        .min_by(|(_, a), (_, b)| (a.y - y).abs().total_cmp(&(b.y - y).abs()))
        .map(|(i, _)| i)
}

fn free_neighbour(
    rows: &[GridRow],
    i: usize,
    c: usize,
    page: u32,
    y: f32,
    size: f32,
) -> Option<usize> {
    rows.iter()
        .enumerate()
        .filter(|(j, r)| {
            *j != i && r.page == page && r.cells[c].is_none() && (r.y - y).abs() <= 1.8 * size
        })
        .min_by(|(_, a), (_, b)| (a.y - y).abs().total_cmp(&(b.y - y).abs()))
        .map(|(j, _)| j)
}

/// A label that begins a row: an enumerator, a total, `其中`.
fn starts_row(name: &str) -> bool {
    let first = name.chars().next();
    first.is_some_and(|c| "一二三四五六七八九十（(①②③④⑤⑥⑦⑧⑨".contains(c) || c.is_ascii_digit())
        || name.contains("合计")
        || name.contains("总计")
        || name.starts_with("其中")
}

/// Leading digit words are the code (printed in one column or split 类/款/项).
fn split_code(label: &[Word]) -> (Option<String>, String) {
    let mut code = String::new();
    let mut parts = 0;
    let mut rest = Vec::new();
    let mut in_code = true;
    let mut pieces: Vec<&str> = Vec::new();
    for w in label {
        // A code glued to its name (`30205水费`) is two pieces.
        let digits = w.text.bytes().take_while(u8::is_ascii_digit).count();
        if in_code && matches!(digits, 3 | 5 | 7) && digits < w.text.len() {
            pieces.push(&w.text[..digits]);
            pieces.push(&w.text[digits..]);
        } else {
            pieces.push(&w.text);
        }
    }
    for text in pieces {
        if in_code && text.bytes().all(|b| b.is_ascii_digit()) && !text.is_empty() {
            // A 款 or 项 printed without its leading zero (`301 2` is 30102).
            if text.len() == 1 && matches!(code.len(), 3 | 5) {
                code.push('0');
            }
            code.push_str(text);
            parts += 1;
        } else {
            in_code = false;
            rest.push(text);
        }
    }
    // Codes printed in split 类/款/项 columns are kept as printed, even a defective 类.
    let plausible = matches!(code.len(), 3 | 5 | 7)
        && (parts > 1 || matches!(code.as_bytes()[0], b'2' | b'3' | b'5' | b'1'));
    if plausible {
        (Some(code), rest.concat())
    } else {
        let all: String = label.iter().map(|w| w.text.as_str()).collect();
        (None, all)
    }
}

/// The usual distance between consecutive rows on a page.
fn pitch_of(rows: &[(u32, f32)]) -> Option<f32> {
    let mut gaps: Vec<f32> = rows
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| (w[1].1 - w[0].1).abs())
        .filter(|g| *g > 0.5)
        .collect();
    gaps.sort_by(f32::total_cmp);
    gaps.get(gaps.len() / 2).copied()
}

/// Centres of the text columns' headers left of the values, from every header line
/// (a header wrapped over two lines counts once).
fn label_columns(lines: &[(u32, f32, Vec<Word>)], label_end: f32) -> Vec<f32> {
    let mut spans: Vec<(f32, f32)> = Vec::new();
    for (_, _, ws) in lines {
        for w in ws.iter().filter(|w| w.x1 <= label_end + 2.0) {
            match spans
                .iter_mut()
                .find(|(a, b)| overlap(*a, *b, w.x0, w.x1) > 0.0)
            {
                Some(span) => *span = (span.0.min(w.x0), span.1.max(w.x1)),
                None => spans.push((w.x0, w.x1)),
            }
        }
    }
    let mut centres: Vec<f32> = spans.iter().map(|(a, b)| (a + b) / 2.0).collect();
    centres.sort_by(f32::total_cmp);
    centres
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_balances_when_its_total_is_its_parts_to_a_hundredth_a_term() {
        let two = |h| Some(Fig { h, decimals: 2 });
        assert!(balances(&[two(294_005), two(233_691), two(60_314)]));
        assert!(balances(&[two(294_006), two(233_691), two(60_314)]));
        assert!(!balances(&[two(294_008), two(233_691), two(60_314)]));
        // One part equal to the total says nothing about where a figure belongs.
        assert!(!balances(&[two(32_672), two(32_672), None]));
        assert!(!balances(&[None, two(1), two(2)]));
    }

    #[test]
    fn figures_keep_their_printed_decimals() {
        for (text, h, decimals) in [
            ("164,978,640", 16_497_864_000, 0),
            ("3990.4", 399_040, 1),
            ("80", 8_000, 0),
            ("1,087.83", 108_783, 2),
        ] {
            assert_eq!(figure(text), Some(Fig { h, decimals }), "{text}");
        }
    }

    #[test]
    fn split_codes_join_with_their_leading_zeros() {
        let words = |texts: &[&str]| -> Vec<Word> {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Word {
                    x0: i as f32 * 20.0,
                    x1: i as f32 * 20.0 + 10.0,
                    text: (*t).to_owned(),
                    size: 9.0,
                })
                .collect()
        };
        for (label, code, name) in [
            (&["301", "02", "津贴补贴"][..], "30102", "津贴补贴"),
            (&["301", "2", "津贴补贴"][..], "30102", "津贴补贴"),
            (
                &["208", "5", "1", "行政单位离退休"][..],
                "2080501",
                "行政单位离退休",
            ),
            (&["30205水费"][..], "30205", "水费"),
        ] {
            let (got_code, got_name) = split_code(&words(label));
            assert_eq!(got_code.as_deref(), Some(code), "{label:?}");
            assert_eq!(got_name, name, "{label:?}");
        }
        // A lone digit is no code.
        assert_eq!(split_code(&words(&["1", "合计"])).0, None);
    }

    #[test]
    fn amounts() {
        assert_eq!(amount("1,087.83"), Some(108_783));
        assert_eq!(amount("91,016,775.35"), Some(9_101_677_535));
        assert_eq!(amount("6.4"), Some(640));
        assert_eq!(amount("0"), Some(0));
        assert_eq!(amount("-3.07"), Some(-307));
        assert_eq!(amount("1,0,0"), None);
        assert_eq!(amount("2024年"), None);
        assert_eq!(amount("1.2.3"), None);
        assert_eq!(amount("."), None);
        assert_eq!(amount("1."), None);
    }
}
