//! Text input as positioned lines. `pdftotext -layout` keeps columns aligned, so a
//! character's column is its position; plain text (cells joined by single spaces)
//! has no positions, and its cells are placed one slot apart.

use yusuan_pdf::{Line, Page, Word};

/// Width of one character column of layout text, in points.
pub(crate) const CHAR: f32 = 5.0;

/// Layout text aligns columns with runs of spaces; pdftotext separates its pages with
/// form feeds.
pub fn looks_like_layout(text: &str) -> bool {
    if text.contains('\u{c}') {
        return true;
    }
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(400)
        .collect();
    let wide = lines.iter().filter(|l| l.trim().contains("     ")).count();
    wide * 4 > lines.len()
}

/// Width of a character in pdftotext's layout grid: one column each, CJK included.
fn width(_: char) -> usize {
    1
}

/// `pdftotext -layout` text: pages split at form feeds, words at runs of two or more spaces.
pub fn pages_from_layout_text(text: &str) -> Vec<Page> {
    text.split('\u{c}')
        .enumerate()
        .map(|(i, page)| {
            let lines = page
                .lines()
                .enumerate()
                .filter_map(|(n, raw)| {
                    let mut words: Vec<Word> = Vec::new();
                    let mut col = 0usize;
                    let mut current: Option<(usize, String)> = None;
                    let mut spaces = 0usize;
                    for c in raw.chars() {
                        if c == ' ' {
                            spaces += 1;
                        } else {
                            // Numbers never hold a space: one space between two numbers
                            // is a column boundary that pdftotext had no room to widen.
                            // An amount with two decimals or thousands separators is
                            // whole, so one space after it ends the word whatever
                            // follows (`91,016,775.35 一、一般公共服务支出`: the other
                            // side of a two-sided table).
                            let last_token = current
                                .as_ref()
                                .map_or("", |(_, w)| w.rsplit(' ').next().unwrap_or(""));
                            let numeric = last_token.chars().any(|d| d.is_ascii_digit())
                                && last_token
                                    .chars()
                                    .all(|d| d.is_ascii_digit() || ",.-".contains(d));
                            let whole_amount = numeric
                                && (last_token.contains(',')
                                    || last_token
                                        .rsplit_once('.')
                                        .is_some_and(|(_, dec)| dec.len() == 2));
                            let numbers_meet = spaces == 1
                                && ((numeric && (c.is_ascii_digit() || c == '-')) || whole_amount);
                            if spaces >= 2 || current.is_none() || numbers_meet {
                                if let Some((start, w)) = current.take() {
                                    let end = start + w.chars().map(width).sum::<usize>();
                                    words.push(word(start, end, w.trim_end()));
                                }
                                current = Some((col, String::new()));
                            } else if let (1, Some(word)) = (spaces, current.as_mut()) {
                                word.1.push(' ');
                            }
                            spaces = 0;
                            current.as_mut().expect("started").1.push(c);
                        }
                        col += width(c);
                    }
                    if let Some((start, w)) = current.take() {
                        let end = start + w.chars().map(width).sum::<usize>();
                        words.push(word(start, end, w.trim_end()));
                    }
                    (!words.is_empty()).then_some(Line {
                        y: n as f32 * 12.0,
                        words,
                    })
                })
                .collect();
            Page {
                number: i as u32 + 1,
                width: 0.0,
                height: 0.0,
                lines,
            }
        })
        .collect()
}

fn word(start: usize, end: usize, text: &str) -> Word {
    Word {
        x0: start as f32 * CHAR,
        x1: end as f32 * CHAR,
        text: text.to_owned(),
        size: 10.0,
    }
}

/// Plain text: each space-separated cell gets its own slot, so blank cells (extra
/// spaces) keep later values in their columns.
pub fn pages_from_plain_text(text: &str) -> Vec<Page> {
    let lines = text
        .lines()
        .enumerate()
        .filter_map(|(n, raw)| {
            let cells: Vec<&str> = raw.trim_end().split(' ').collect();
            let mut words = Vec::new();
            let mut slot = 0usize;
            let mut first = true;
            for cell in cells {
                if cell.is_empty() && first {
                    continue;
                }
                first = false;
                if !cell.is_empty() {
                    let x0 = slot as f32 * 60.0;
                    words.push(Word {
                        x0,
                        x1: x0 + 50.0,
                        text: cell.to_owned(),
                        size: 10.0,
                    });
                }
                slot += 1;
            }
            (!words.is_empty()).then_some(Line {
                y: n as f32 * 12.0,
                words,
            })
        })
        .collect();
    vec![Page {
        number: 1,
        width: 0.0,
        height: 0.0,
        lines,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_space_between_numbers_splits_columns_but_not_words() {
        let pages = pages_from_layout_text(
            "201   一般公共服务支出     82,096,797.42 82,096,797.42\n合计 总额   1 至 8 月\n\
             一、财政拨款收入   91,016,775.35 一、一般公共服务支出   1. 一般公共预算资金\n",
        );
        let texts: Vec<Vec<&str>> = pages[0]
            .lines
            .iter()
            .map(|l| l.words.iter().map(|w| w.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec!["201", "一般公共服务支出", "82,096,797.42", "82,096,797.42"],
                vec!["合计 总额", "1 至 8 月"],
                vec![
                    "一、财政拨款收入",
                    "91,016,775.35",
                    "一、一般公共服务支出",
                    "1. 一般公共预算资金"
                ],
            ]
        );
    }
}
