//! Positioned text of a PDF. Characters come from pdf_oxide's `extract_chars()` — the
//! only call measured exact on our corpus (`shared/notes/pdf-extraction.md`) — and are
//! grouped into words and lines here: a word is a run of glyphs with no gap wider than
//! about a third of the font size, a line is a run of words sharing a baseline.

mod hidden;
mod programs;

use pdf_oxide::document::PdfDocument;

/// A word: its text and horizontal extent, in points from the left page edge.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
    pub size: f32,
}

/// Words sharing a baseline, left to right; `y` is the baseline, from the page top.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub y: f32,
    pub words: Vec<Word>,
}

impl Line {
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("不是有效的 PDF 文件：{0}")]
    Invalid(String),
    #[error("PDF 已加密，无法读取内容")]
    Encrypted,
    #[error("PDF 文件不完整：在第 {size} 字节处结束，结尾没有 %%EOF 标记（可能下载或复制时中断）")]
    Truncated { size: usize },
    #[error("第{page}页无法读取：{message}")]
    Page { page: u32, message: String },
}

/// Reads every page. A page without a text layer comes back with no lines; telling
/// "scanned" from "empty" is the caller's business.
pub fn read(bytes: Vec<u8>) -> Result<Vec<Page>, PdfError> {
    if !bytes.starts_with(b"%PDF-") && !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(PdfError::Invalid("文件头不是 %PDF-".to_owned()));
    }
    // Every complete PDF ends with %%EOF (a few bytes of padding may follow). A file cut
    // short may still parse in part, which would pass half a report off as the whole.
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(PdfError::Truncated { size: bytes.len() });
    }
    if let Some(hidden) = programs::hide(&bytes) {
        if let Ok((doc, count)) = open(hidden) {
            let plain = guard(|| !programs::needed(&doc, count)).unwrap_or(false);
            if plain {
                if let Ok(pages) = read_pages(&doc, count) {
                    let unmapped = pages
                        .iter()
                        .flat_map(|p| &p.lines)
                        .flat_map(|l| &l.words)
                        .any(|w| w.text.contains('\u{FFFD}'));
                    if !unmapped {
                        return Ok(pages);
                    }
                }
            }
        }
    }
    let (doc, count) = open(bytes)?;
    read_pages(&doc, count)
}

/// The document and its page count, once it is known to be readable.
fn open(bytes: Vec<u8>) -> Result<(PdfDocument, usize), PdfError> {
    let doc = guard(|| PdfDocument::from_bytes(bytes))
        .map_err(PdfError::Invalid)?
        .map_err(|e| PdfError::Invalid(e.to_string()))?;
    let locked =
        guard(|| doc.is_encrypted() && doc.authenticate(b"").map(|ok| !ok).unwrap_or(true))
            .map_err(PdfError::Invalid)?;
    if locked {
        return Err(PdfError::Encrypted);
    }
    let count = guard(|| doc.page_count())
        .map_err(PdfError::Invalid)?
        .map_err(|e| PdfError::Invalid(e.to_string()))?;
    Ok((doc, count))
}

fn read_pages(doc: &PdfDocument, count: usize) -> Result<Vec<Page>, PdfError> {
    let mut pages = Vec::with_capacity(count);
    for index in 0..count {
        let number = index as u32 + 1;
        let fail = |message: String| PdfError::Page {
            page: number,
            message,
        };
        let (x0, y0, x1, y1) = guard(|| doc.get_page_visible_box(index))
            .map_err(&fail)?
            .map_err(|e| fail(e.to_string()))?;
        let chars = guard(|| doc.extract_chars(index))
            .map_err(&fail)?
            .map_err(|e| fail(e.to_string()))?;
        let runs = guard(|| hidden::runs(doc, index)).unwrap_or_default();
        let glyphs = chars
            .iter()
            .filter(|c| hidden::visible(&runs, c.origin_x, c.origin_y))
            .filter(|c| {
                // WPS exports carry the previous page's overflow off the page.
                let inside = c.origin_x >= x0 - 1.0
                    && c.origin_x <= x1 + 1.0
                    && c.origin_y >= y0 - 1.0
                    && c.origin_y <= y1 + 1.0;
                inside && !c.char.is_control()
            })
            .map(|c| Glyph::from_char(c, y1))
            .collect::<Vec<_>>();
        let (width, height, glyphs) = orient(glyphs, x1 - x0, y1 - y0);
        pages.push(Page {
            number,
            width,
            height,
            lines: group(glyphs),
        });
    }
    Ok(pages)
}

thread_local! {
    /// Set while this thread runs pdf_oxide inside `guard`.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// pdf_oxide must not take the process down on a hostile file: every call into it goes
/// through here (a damaged object table panicked in `page_count`, found by fuzzing).
fn guard<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let outer = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(outer));
    result.map_err(|_| "PDF 结构损坏".to_owned())
}

/// Keeps the panic hook quiet about pdf_oxide panics that `guard` turns into errors, so
/// a damaged file prints its one located message, not a backtrace. Every other panic
/// still reaches the hook installed before. Call once, at start.
pub fn quiet_guarded_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !GUARDED.with(std::cell::Cell::get) {
            previous(info);
        }
    }));
}

#[derive(Clone, Debug)]
struct Glyph {
    ch: char,
    /// Along the reading direction.
    x: f32,
    advance: f32,
    /// Baseline, top-down.
    y: f32,
    size: f32,
    rotated: bool,
}

impl Glyph {
    fn from_char(c: &pdf_oxide::layout::TextChar, top: f32) -> Glyph {
        let rotated = (c.rotation_degrees - 90.0).abs() < 5.0;
        let advance = if c.rendered_advance > 0.0 {
            c.rendered_advance
        } else {
            c.advance_width
        };
        Glyph {
            ch: c.char,
            x: c.origin_x,
            advance,
            y: top - c.origin_y,
            size: c.font_size.abs().max(1.0),
            rotated,
        }
    }
}

/// Pages whose text runs along +y (a `/Rotate 90` page) are turned so that every
/// page reads left to right, top to bottom. Rotated glyphs report no advance, so it
/// is estimated from the font size: full width for CJK, half for the rest.
fn orient(glyphs: Vec<Glyph>, width: f32, height: f32) -> (f32, f32, Vec<Glyph>) {
    let rotated = glyphs.iter().filter(|g| g.rotated).count();
    if rotated * 2 <= glyphs.len() {
        return (width, height, glyphs);
    }
    let turned = glyphs
        .into_iter()
        .map(|g| {
            let advance = if g.advance > 0.0 {
                g.advance
            } else if g.ch.is_ascii() {
                g.size * 0.5
            } else {
                g.size
            };
            // Reading along +y (bottom-up in PDF space): y from the top shrinks as we read.
            Glyph {
                x: height - g.y,
                y: g.x,
                advance,
                ..g
            }
        })
        .collect();
    (height, width, turned)
}

fn group(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Lines: glyphs whose baselines are within a fifth of the font size.
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (g.y - line[0].y).abs() <= 0.2 * g.size.max(line[0].size) => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    lines
        .into_iter()
        .filter_map(|mut line| {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            let y = line.iter().map(|g| g.y).sum::<f32>() / line.len() as f32;
            let words = words(&line);
            (!words.is_empty()).then_some(Line { y, words })
        })
        .collect()
}

fn words(line: &[Glyph]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    let mut last: Option<&Glyph> = None;
    for g in line {
        // Fake bold draws a glyph twice at almost the same place.
        if let Some(prev) = last {
            if prev.ch == g.ch && (prev.x - g.x).abs() < 0.3 * g.size {
                continue;
            }
        }
        if g.ch.is_whitespace() {
            out.extend(current.take());
            last = Some(g);
            continue;
        }
        let end = g.x
            + if g.advance > 0.0 {
                g.advance
            } else {
                g.size * 0.5
            };
        match &mut current {
            // A right-aligned amount can touch the next cell's label: `13,297.11一、…`.
            Some(w)
                if g.x - w.x1 <= 0.3 * g.size
                    && (is_amount_char(g.ch) || !ends_amount(&w.text)) =>
            {
                w.text.push(g.ch);
                w.x1 = w.x1.max(end);
            }
            _ => {
                out.extend(current.take());
                current = Some(Word {
                    x0: g.x,
                    x1: end,
                    text: g.ch.to_string(),
                    size: g.size,
                });
            }
        }
        last = Some(g);
    }
    out.extend(current);
    out
}

fn is_amount_char(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.'
}

/// A word that is a figure with separators or decimals so far (`1,087.83`).
fn ends_amount(text: &str) -> bool {
    text.chars().all(is_amount_char)
        && text.contains(['.', ','])
        && text.chars().next().is_some_and(|c| c.is_ascii_digit())
        && text.chars().last().is_some_and(|c| c.is_ascii_digit())
}
