//! Extraction: a published report (PDF or its text) → a [`Report`].
//!
//! Both inputs become positioned lines (`yusuan_pdf::Line`); the document is cut at
//! table titles; each table is parsed into blocks by [`grid`]; the template profile
//! is recognised from the tables found. Nothing here knows a region's layout: titles,
//! headers and labels decide.

mod facts;
mod grid;
mod header;
mod names;
mod plain;
mod targets;
mod text;
mod titles;

use yusuan_model::{
    Block, Column, Diagnostic, Family, Location, MoneyUnit, Printed, Report, ReportMeta, Row,
    RowRole, Scope, Severity, Side, Table, TableKind,
};
use yusuan_pdf::{Line, Page};

pub use crate::grid::amount;
use crate::grid::{parse_block, BlockInput, PLine};
pub use crate::text::{pages_from_layout_text, pages_from_plain_text};
pub use crate::titles::kind_of_title;
pub use yusuan_pdf::quiet_guarded_panics;

/// What extraction gives: the report, what it noticed, and how sure it is of the profile.
#[derive(Clone, Debug)]
pub struct Extracted {
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
    /// Share of the recognised profile's tables that were found (0–1).
    pub confidence: f32,
    /// Pages of the source PDF; `None` for text.
    pub pages: Option<u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("{0}")]
    Pdf(#[from] yusuan_pdf::PdfError),
    #[error("没有文字层（可能是扫描件），无法提取；请提供带文字的 PDF 或其文本")]
    NoText,
    #[error("没有找到任何预算公开表格")]
    NoTables,
    #[error("这是{0}，不是预算或决算公开报告，未提取")]
    OtherDocument(&'static str),
    #[error("文字为繁体（如{0}），暂只能读取简体；请提供简体原文，或先转换为简体")]
    Traditional(String),
}

/// Traditional forms of the words every report prints, with their simplified ones.
const TRADITIONAL: &[(char, char)] = &[
    ('預', '预'),
    ('決', '决'),
    ('萬', '万'),
    ('說', '说'),
    ('財', '财'),
    ('經', '经'),
    ('費', '费'),
    ('務', '务'),
    ('與', '与'),
    ('較', '较'),
    ('數', '数'),
    ('項', '项'),
    ('機', '机'),
    ('車', '车'),
    ('門', '门'),
];

/// The traditional words of a text, when it is written in them: more of the pairs above in
/// their traditional form than in their simplified one, ten at least (mirror sites convert
/// reports; a simplified report quoting one traditional name is not one).
fn traditional_sample(text: &str) -> Option<String> {
    let (mut trad, mut simp) = (0, 0);
    let mut seen = String::new();
    for c in text.chars() {
        if let Some((t, _)) = TRADITIONAL.iter().find(|(t, _)| *t == c) {
            trad += 1;
            if seen.matches('「').count() < 4 && !seen.contains(*t) {
                seen.push_str(&format!("「{t}」"));
            }
        } else if TRADITIONAL.iter().any(|(_, s)| *s == c) {
            simp += 1;
        }
    }
    (trad >= 10 && trad > simp).then_some(seen)
}

/// Extracts a report from PDF bytes.
pub fn extract_pdf(bytes: Vec<u8>, file: &str) -> Result<Extracted, ExtractError> {
    let pages = yusuan_pdf::read(bytes)?;
    if pages.iter().all(|p| p.lines.is_empty()) {
        return Err(ExtractError::NoText);
    }
    let mut ex = extract_pages(&pages, file)?;
    ex.pages = u32::try_from(pages.len()).ok();
    // A page without a text layer (a scanned page inside a text PDF) is unreadable, not empty.
    for p in pages.iter().filter(|p| p.lines.is_empty()) {
        ex.diagnostics.push(
            Diagnostic::warning(
                "W-EXTRACT-NO-TEXT",
                format!(
                    "第{}页没有文字，未能读取（若不是空白页，可能是扫描页）",
                    p.number
                ),
                Location {
                    file: Some(file.to_owned()),
                    page: Some(p.number),
                    ..Location::default()
                },
            )
            .with_hint("请提供带文字层的原始 PDF"),
        );
    }
    Ok(ex)
}

/// Extracts a report from text: `pdftotext -layout` output, or plain text with cells
/// joined by single spaces.
pub fn extract_text(text: &str, file: &str) -> Result<Extracted, ExtractError> {
    if text.trim().is_empty() {
        return Err(ExtractError::NoText);
    }
    if text::looks_like_layout(text) {
        extract_pages(&pages_from_layout_text(text), file)
    } else {
        extract_plain(text, file)
    }
}

struct Segment {
    /// Page and baseline of the title.
    page: u32,
    y: f32,
    kind: TableKind,
    title: String,
    number: Option<String>,
    lines: Vec<PLine>,
    /// Lines of a note under the table (`注：…`), which also stay in `lines`.
    notes: Vec<PLine>,
}

/// A title the 目录 lists, with its page and (text) line.
struct Listed {
    title: String,
    page: u32,
    line: Option<u32>,
}

/// A segment's note lines as running text, with their page (PDF) or line (plain text).
fn note_lines(seg: &Segment, plain: bool) -> Vec<yusuan_model::TextLine> {
    text_lines(&seg.notes, plain)
}

/// The lines of a table's body printed above its first figure, but its issuer: the
/// column headers as read (`2024年预算数`), for the rules that read their words.
fn header_lines(body: &[PLine], plain: bool) -> Vec<yusuan_model::TextLine> {
    let head: Vec<PLine> = body
        .iter()
        .take_while(|pl| !pl.line.words.iter().any(|w| grid::strong_amount(&w.text)))
        .filter(|pl| issuer_of(&squeeze(&pl.line.text())).is_none())
        .cloned()
        .collect();
    text_lines(&head, plain)
}

/// Whether a row's label of a table read from plain text holds figures glued to its end
/// or a second item's number inside it.
fn swallows_figures(table: &Table) -> bool {
    static GLUED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[\u{4e00}-\u{9fff}）)][0-9]{2,}$|[\u{4e00}-\u{9fff}）)][0-9]{1,2}[.．、][\u{4e00}-\u{9fff}]")
            .expect("valid")
    });
    table
        .blocks
        .iter()
        .flat_map(|b| &b.rows)
        .any(|r| GLUED.is_match(&r.name))
}

/// Whether a table's body prints a figure (`167.37`, `1,087`): one that reads no rows is
/// then unread, not empty.
fn prints_figures(body: &[PLine]) -> bool {
    body.iter().any(|pl| figure_line(&pl.line))
}

/// A line that prints a figure: a number that is neither a year (`2022 年`), nor a page
/// number alone on its line, nor one of a row of column numbers (`1 2 3 4 5`).
fn figure_line(line: &Line) -> bool {
    let words = &line.words;
    if grid::is_column_numbers(line) {
        return false;
    }
    let page_number = words.len() == 1 && words[0].text.len() <= 3 && !words[0].text.contains('.');
    // A sentence counts things (`内设 21 个职能处室；下辖 0 个预算单位`); a row does not
    // punctuate.
    let prose = line.text().contains(['，', '。', '；', ',']);
    !page_number
        && !prose
        && words.iter().enumerate().any(|(i, w)| {
            let year = w.text.len() == 4
                && (w.text.starts_with("19") || w.text.starts_with("20"))
                && words.get(i + 1).is_some_and(|n| n.text.starts_with('年'));
            // `预算 09 表`: a table's number.
            let label = words.get(i + 1).is_some_and(|n| n.text.starts_with('表'))
                || i > 0 && words[i - 1].text.ends_with(['表', '算']);
            amount(&w.text).is_some() && !year && !label || glued_figure(&w.text)
        })
}

/// A figure with its decimals glued to the words before it (`行政经费177.50`, a web page's
/// table, probe 18's 02): printed, though no cell can be told from its label.
fn glued_figure(word: &str) -> bool {
    static GLUED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[\u{4e00}-\u{9fff}）)][0-9][0-9,]*\.[0-9]{1,2}$").expect("valid")
    });
    GLUED.is_match(word)
}

/// Lines as running text, with their page (PDF) or line (plain text).
fn text_lines(lines: &[PLine], plain: bool) -> Vec<yusuan_model::TextLine> {
    lines
        .iter()
        .map(|pl| yusuan_model::TextLine {
            text: pl.line.text(),
            page: (!plain).then_some(pl.page),
            line: plain.then(|| line_index(pl) as u32 + 1),
        })
        .collect()
}

/// Lines that end the tables part: the explanation and the glossary.
fn ends_tables(text: &str) -> bool {
    [
        "第三部分",
        "情况说明",
        "编制说明",
        "名词解释",
        "其他相关情况",
        "部门预算编制说明",
    ]
    .iter()
    .any(|k| text.starts_with(k))
        || text.chars().count() < 32 && (text.contains("情况说明") || text.contains("编制说明"))
        || text.contains("项目支出绩效目标表") && !text.contains("项目支出表")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `公开01表`, `预算公开表1`, `部门公开表9`, `公开表一`.
fn number_label(text: &str) -> Option<String> {
    let t = squeeze(text);
    let numbered = t.chars().any(|c| c.is_ascii_digit())
        || t.ends_with(|c: char| "一二三四五六七八九十".contains(c));
    let is_label = t.chars().count() <= 8 && t.contains("表") && t.contains("公开") && numbered;
    is_label.then_some(t)
}

fn all_lines(pages: &[Page]) -> Vec<PLine> {
    pages
        .iter()
        .flat_map(|p| {
            // A bare page number in the bottom tenth of the page; on a page of text with
            // no size (`pdftotext -layout`), its last line.
            let bottom = if p.height > 0.0 {
                p.height * 0.9
            } else {
                p.lines.last().map_or(0.0, |l| l.y)
            };
            p.lines
                .iter()
                .filter(move |l| {
                    let t = squeeze(&l.text());
                    !((p.height > 0.0 && l.y > bottom || p.height == 0.0 && l.y >= bottom)
                        && p.lines.len() > 1
                        && t.len() <= 3
                        && t.bytes().all(|b| b.is_ascii_digit()))
                })
                .map(move |l| PLine {
                    page: p.number,
                    line: l.clone(),
                })
        })
        .filter(|pl| !is_page_furniture(&pl.line))
        .collect()
}

/// Cuts the document at table titles; a segment runs to the next title or to the
/// explanation part.
/// The tables, the running text, and the titles the 目录 lists.
fn segments(all: &[PLine]) -> (Vec<Segment>, Vec<PLine>, Vec<Listed>) {
    let mut segments: Vec<Segment> = Vec::new();
    let mut prose: Vec<PLine> = Vec::new();
    let mut toc: Vec<Listed> = Vec::new();
    let mut pending_number: Option<String> = None;
    let mut in_tables = false;
    let mut in_note = false;
    // 项目支出绩效目标表 are read as projects, not as running text.
    let mut in_targets = false;
    for pl in all {
        let text = squeeze(&pl.line.text());
        // A sentence that refers to the tables (`详见单位的项目绩效目标表`) is no title.
        if text.contains("绩效目标表")
            && text.chars().count() < 40
            && !text.starts_with('（')
            && !text.starts_with('(')
            && !["详见", "参见", "见附"].iter().any(|w| text.contains(w))
        {
            in_targets = true;
            in_tables = false;
            continue;
        }
        if in_targets {
            let heading = text.starts_with("第") && text.contains("部分")
                || text
                    .chars()
                    .take_while(|c| "一二三四五六七八九十".contains(*c))
                    .count()
                    > 0
                    && text.contains('、')
                    && text.chars().count() < 30;
            if !heading {
                continue;
            }
            in_targets = false;
        }
        if let Some(n) = number_label(&text) {
            pending_number = Some(n);
            continue;
        }
        if titles::is_toc_line(&pl.line.text()) {
            if let Some(title) = titles::toc_title(&text) {
                toc.push(Listed {
                    title,
                    page: pl.page,
                    line: Some(line_index(pl) as u32 + 1),
                });
            }
        }
        let title_kind = if titles::is_toc_line(&pl.line.text()) {
            None
        } else {
            kind_of_title(&text)
        };
        match title_kind {
            // The same title again right below (a running header): the same table.
            Some(kind)
                if segments
                    .last()
                    .is_some_and(|s| s.kind == kind && s.lines.len() <= 4 && in_tables) =>
            {
                // `表一…` / `预算公开表1` / the title: the label printed between the two
                // is this table's, not the next one's.
                let last = segments.last_mut().expect("checked above");
                if last.number.is_none() {
                    last.number = pending_number.take();
                }
            }
            Some(kind) => {
                in_note = false;
                segments.push(Segment {
                    page: pl.page,
                    y: pl.line.y,
                    kind,
                    title: text,
                    number: pending_number.take(),
                    lines: Vec::new(),
                    notes: Vec::new(),
                });
                in_tables = true;
            }
            None if ends_tables(&text) => {
                in_tables = false;
                prose.push(pl.clone());
            }
            None if in_tables => {
                let seg = segments.last_mut().expect("in a segment");
                // A note opens with 注 (or a bare `：“` where 注 was dropped) and runs until a
                // line that is a row of figures again.
                let figures = pl
                    .line
                    .words
                    .iter()
                    .filter(|w| amount(&w.text).is_some() && w.text.contains(['.', ',']))
                    .count();
                if text.starts_with('注') || text.starts_with("：“") {
                    in_note = true;
                } else if figures >= 2 {
                    in_note = false;
                }
                if in_note {
                    seg.notes.push(pl.clone());
                }
                seg.lines.push(pl.clone())
            }
            None if !titles::is_toc_line(&pl.line.text()) => prose.push(pl.clone()),
            None => {}
        }
    }
    // A table exists where a table is printed: a title with nothing under it before the
    // next title, or with only prose (a 目录's last entry before the body starts), is a
    // 目录 entry, not a table; the prose it held is running text again.
    let (segments, phantoms): (Vec<Segment>, Vec<Segment>) =
        segments.into_iter().partition(looks_like_table);
    if phantoms.iter().any(|s| !s.lines.is_empty()) {
        prose.extend(phantoms.iter().flat_map(|s| s.lines.iter().cloned()));
        prose.sort_by(|a, b| a.page.cmp(&b.page).then(a.line.y.total_cmp(&b.line.y)));
    }
    // A 目录 without dot leaders: titles with nothing under them before the next title.
    if toc.is_empty() {
        toc = phantoms
            .iter()
            .filter_map(|s| {
                titles::toc_title(&s.title).map(|title| Listed {
                    title,
                    page: s.page,
                    line: None,
                })
            })
            .collect();
    }
    (segments, prose, toc)
}

/// Whether what follows a title is a table: a figure (not a year), the unit line, the
/// unit's name, a note that the table is empty, or a short line of column headers.
fn looks_like_table(seg: &Segment) -> bool {
    const HEADERS: &[&str] = &[
        "合计",
        "科目编码",
        "科目名称",
        "项目名称",
        "金额",
        "预算数",
        "决算数",
        "单位：",
        "单位:",
        "编制单位",
        "部门名称",
        "本表无数据",
        "空表",
        "无数据",
    ];
    seg.lines.iter().any(|pl| {
        let text = squeeze(&pl.line.text());
        // Another table's title (`8.预算08表政府性基金预算支出表`) is the list going on.
        if titles::kind_of_title(&pl.line.text()).is_some() {
            return false;
        }
        // A numbered heading (`十一、关于空表的说明`) is a section of the text.
        let numbered = text
            .trim_start_matches(|c: char| "一二三四五六七八九十".contains(c))
            .starts_with('、');
        figure_line(&pl.line)
            || text == "项目"
            || !numbered && text.chars().count() <= 40 && HEADERS.iter().any(|h| text.contains(h))
    })
}

/// Keeps one table per kind: a 目录 entry gives a title with nothing under it.
fn keep_best(tables: Vec<Table>) -> Vec<Table> {
    let mut kept: Vec<Table> = Vec::new();
    let filled = |t: &Table| t.blocks.iter().map(|b| b.rows.len()).sum::<usize>();
    for table in tables {
        match kept.iter().position(|t| t.kind == table.kind) {
            Some(i)
                if filled(&table) >= filled(&kept[i])
                    || kept[i].empty_note.is_none() && kept[i].is_empty() =>
            {
                kept.remove(i);
                kept.push(table);
            }
            Some(_) => {}
            None => kept.push(table),
        }
    }
    kept
}

fn finish(
    all: &[PLine],
    prose: &[PLine],
    toc: &[Listed],
    plain: bool,
    tables: Vec<Table>,
    file: &str,
) -> Result<Extracted, ExtractError> {
    let mut diagnostics = Vec::new();
    let meta = metadata(all, &tables);
    // No tables, no profile: a template's table list says nothing of such a document.
    // Nor does a stand-alone “三公” disclosure, whose one table is its 三公 table: it is
    // not a whole report missing the others.
    let three_public_only = tables
        .iter()
        .all(|t| matches!(t.kind, TableKind::ThreePublic | TableKind::FinalThreePublic));
    let (profile, confidence) = if tables.is_empty() || three_public_only {
        ("", 0.0)
    } else {
        recognise_profile(&tables)
    };
    for t in &tables {
        if t.unread {
            // What yusuan could not read, not a defect of the report: a note.
            diagnostics.push(Diagnostic::new(
                "N-EXTRACT-UNREAD",
                Severity::Note,
                format!(
                    "{}印有数字，但未能读出（版式无法识别），其数据未检查",
                    t.kind
                ),
                Location {
                    file: Some(file.to_owned()),
                    table: Some(t.kind.label().to_owned()),
                    ..Location::default()
                },
            ));
        } else if t.is_empty() && t.empty_note.is_none() {
            diagnostics.push(Diagnostic::warning(
                "W-EXTRACT-EMPTY",
                format!("{}没有读到数据，也没有空表说明", t.kind),
                Location {
                    file: Some(file.to_owned()),
                    table: Some(t.kind.label().to_owned()),
                    ..Location::default()
                },
            ));
        }
    }
    let texts: Vec<String> = prose.iter().map(|pl| pl.line.text()).collect();
    let lines: Vec<facts::TextLine<'_>> = prose
        .iter()
        .zip(&texts)
        .map(|(pl, text)| facts::TextLine {
            text,
            page: (!plain).then_some(pl.page),
            line: plain.then(|| line_index(pl) as u32 + 1),
        })
        .collect();
    let facts = facts::facts(&lines);
    let text: Vec<yusuan_model::TextLine> = lines
        .iter()
        .map(|l| yusuan_model::TextLine {
            text: l.text.to_owned(),
            page: l.page,
            line: l.line,
        })
        .collect();
    let statements = yusuan_statement::read(&text);
    if tables.is_empty() {
        // An explanation whose tables were published apart (具体公开表样附后) is still read
        // and checked; text with nothing a report says is no report.
        // A text that names itself a report (`2022年度部门决算情况说明`), or speaks of a
        // budget with a figure, is one: its explanation is checked.
        let keyed = facts.iter().filter(|f| !f.key.starts_with("text:")).count();
        // The unit's name may stand between the year and the report's kind
        // (`2016年海丰县信访局部门决算情况说明`, probe 22's 04).
        let names_report = text.iter().any(|l| {
            let line = squeeze(&l.text);
            report_year(&line).is_some() || titles_a_report(&line)
        });
        let speaks_of_budget = text
            .iter()
            .any(|l| ["预算", "决算", "三公"].iter().any(|w| l.text.contains(w)))
            && !facts.is_empty();
        if statements.is_empty() && keyed < 3 && !names_report && !speaks_of_budget {
            let all: String = text.iter().map(|l| l.text.as_str()).collect();
            // A document of another kind the same offices publish (probe 18's 06, a town's
            // 部门整体支出绩效自评表): said so, not only that no table was found.
            let other = [
                ("绩效自评表", "绩效自评表"),
                ("绩效自评报告", "绩效自评报告"),
                ("绩效评价报告", "绩效评价报告"),
            ]
            .into_iter()
            .find(|(w, _)| squeeze(&all).contains(w))
            .map(|(_, kind)| kind);
            return Err(match (traditional_sample(&all), other) {
                (Some(sample), _) => ExtractError::Traditional(sample),
                (None, Some(kind)) => ExtractError::OtherDocument(kind),
                (None, None) => ExtractError::NoTables,
            });
        }
        diagnostics.push(
            Diagnostic::new(
                "N-EXTRACT-NO-TABLES",
                Severity::Note,
                "本文件没有表格，只有说明文字（表格可能另行公开，如“具体公开表样附后”）：只检查说明中的陈述",
                Location::file(file),
            )
            .with_hint("把同一份报告的表格一并提供，才能核对说明与表格"),
        );
    }
    let report = Report {
        meta: ReportMeta {
            profile: profile.to_owned(),
            ..meta
        },
        tables,
        facts,
        projects: Vec::new(),
        text,
        toc: toc
            .iter()
            .map(|t| yusuan_model::TocEntry {
                title: t.title.clone(),
                kind: kind_of_title(&t.title),
                page: (!plain).then_some(t.page),
                line: t.line.filter(|_| plain),
            })
            .collect(),
        statements,
    };
    Ok(Extracted {
        report,
        diagnostics,
        confidence,
        pages: None,
    })
}

pub fn extract_pages(pages: &[Page], file: &str) -> Result<Extracted, ExtractError> {
    let all = all_lines(pages);
    let (segs, prose, toc) = segments(&all);
    // `pdftotext -layout` pages have no size: positions are character columns.
    let monospace = !pages.is_empty() && pages.iter().all(|p| p.width == 0.0);
    let mut notes = Vec::new();
    let tables = keep_best(
        segs.iter()
            .map(|s| parse_segment(s, monospace, file, &mut notes))
            .collect(),
    );
    let mut ex = finish(&all, &prose, &toc, false, tables, file)?;
    ex.diagnostics.extend(notes);
    Ok(ex)
}

/// Plain text: the profile recognised from the titles supplies the columns.
fn extract_plain(text: &str, file: &str) -> Result<Extracted, ExtractError> {
    let raw: Vec<&str> = text.lines().collect();
    let pages = pages_from_plain_text(text);
    let all = all_lines(&pages);
    let (segs, prose, toc) = segments(&all);
    let kinds: Vec<TableKind> = segs.iter().map(|s| s.kind).collect();
    let (profile_id, _) = recognise_kinds(&kinds);
    let profile = yusuan_profile::profile(profile_id);
    let mut tables = Vec::new();
    let mut notes = Vec::new();
    for seg in &segs {
        let (unit, empty_note, body, issuer) = heading(&seg.lines);
        let lines: Vec<&str> = match (seg.lines.first(), seg.lines.last()) {
            (Some(a), Some(b)) => raw[line_index(a)..=line_index(b)].to_vec(),
            _ => Vec::new(),
        };
        // A table flattened with `|` between its cells (a web page's table as text) has
        // lost its columns wherever a cell is blank: its figures are not placed.
        let piped = seg
            .lines
            .iter()
            .filter(|pl| pl.line.text().contains('|'))
            .count()
            >= 2;
        let columns = profile
            .as_ref()
            .filter(|_| !piped)
            .and_then(|p| plain::profile_columns(p, seg.kind));
        let blocks = match columns {
            Some((sides, income, aux)) => {
                let two = sides.len() == 2;
                let first = seg.lines.first().map_or(0, line_index);
                plain::parse_table(&lines, sides, &income, aux)
                    .into_iter()
                    .enumerate()
                    .map(|(i, (names, rows, inferred))| {
                        for at in inferred {
                            let row = rows
                                .iter()
                                .rfind(|r| r.y as usize <= at)
                                .map(|r| r.name.clone());
                            notes.push(inferred_note(
                                seg.kind,
                                "在的列（空格数与列数不符）",
                                Location {
                                    file: Some(file.to_owned()),
                                    line: Some((first + at) as u32 + 1),
                                    row,
                                    ..Location::default()
                                },
                            ));
                        }
                        let side = if !two {
                            None
                        } else if i == 0 {
                            Some(Side::Income)
                        } else {
                            Some(Side::Expenditure)
                        };
                        to_block(
                            grid::Grid {
                                columns: names,
                                rows,
                                inferred: Vec::new(),
                            },
                            side,
                            unit,
                            Placed::LinesFrom(first),
                        )
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let line = Some((seg.y / 12.0).round() as u32 + 1);
        let mut table = Table {
            kind: seg.kind,
            number: seg.number.clone(),
            title: seg.title.clone(),
            unit,
            prints_codes: true,
            blocks,
            empty_note,
            page: None,
            line,
            issuer,
            notes: note_lines(seg, true),
            header: header_lines(&body, true),
            unread: false,
        };
        // Figures taken for words (`公务用车购置及运行14140`, a web page's integers) or two
        // rows read as one (`因公出国(境)费2.公务接待费`): the spacing did not say where the
        // cells are, and no figure of the table can be trusted. It is unread, not wrong.
        if swallows_figures(&table) {
            for r in table.blocks.iter_mut().flat_map(|b| &mut b.rows) {
                r.cells.iter_mut().for_each(|c| *c = None);
            }
        }
        table.unread = table.is_empty() && prints_figures(&body);
        if table.is_empty() {
            for b in &mut table.blocks {
                b.rows.retain(|r| !r.name.is_empty());
            }
        }
        tables.push(table);
    }
    let mut ex = finish(&all, &prose, &toc, true, keep_best(tables), file)?;
    ex.report.projects = targets::projects(&raw);
    ex.diagnostics.extend(notes);
    Ok(ex)
}

/// A note that 合计 = Σ parts, not the layout, placed a figure: `what` ends the sentence
/// "确定了数字所…" with what was decided and why the layout could not.
fn inferred_note(kind: TableKind, what: &str, location: Location) -> Diagnostic {
    Diagnostic::new(
        "N-EXTRACT-INFERRED",
        yusuan_model::Severity::Note,
        format!("{kind}：按“合计＝各项之和”确定了数字所{what}"),
        Location {
            table: Some(kind.label().to_owned()),
            ..location
        },
    )
}

fn line_index(pl: &PLine) -> usize {
    (pl.line.y / 12.0).round() as usize
}

/// The table's unit and empty-table note, and the lines that are neither.
/// The unit or department a table heading names (`单位名称：长治市残疾人联合会单位：万元`).
fn issuer_of(line: &str) -> Option<String> {
    let prefixes = [
        "单位名称：",
        "单位名称:",
        "编制部门：",
        "编制部门:",
        "编制单位：",
        "编制单位:",
        "部门名称：",
        "部门名称:",
        "预算单位：",
        "部门：",
        "部门:",
    ];
    let rest = prefixes
        .iter()
        .find_map(|p| line.find(p).map(|i| &line[i + p.len()..]))?;
    let end = ["单位：", "单位:", "金额单位"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    let name = rest[..end].trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// The table's unit, its empty-table note, its issuer, and the lines that are none of these.
fn heading(lines: &[PLine]) -> (MoneyUnit, Option<String>, Vec<PLine>, Option<String>) {
    let mut issuer = None;
    let mut unit = MoneyUnit::WanYuan;
    let mut empty_note = None;
    let mut body: Vec<PLine> = Vec::new();
    let mut in_notes = false;
    for pl in lines {
        let t = squeeze(&pl.line.text());
        if issuer.is_none() {
            issuer = issuer_of(&t);
        }
        if t.contains("单位")
            && (t.contains("万元") || t.contains("：元") || t.contains(":元") || t.ends_with("元"))
            && t.chars().count() < 60
        {
            unit = if t.contains("万元") {
                MoneyUnit::WanYuan
            } else {
                MoneyUnit::Yuan
            };
            continue;
        }
        if [
            "本表无数据",
            "空表",
            "无该项目",
            "此表为空",
            "本表为空",
            "故本表无数据",
        ]
        .iter()
        .any(|k| t.contains(k))
        {
            empty_note = Some(t);
            continue;
        }
        // A footnote block ends the table.
        if t.starts_with("注：") || t.starts_with("注:") {
            in_notes = true;
            continue;
        }
        if !in_notes {
            body.push(pl.clone());
        }
    }
    (unit, empty_note, body, issuer)
}

/// The year of a report a line names (`2023年部门预算`, `2024年度决算`), not one it compares
/// with (`较2022年预算`) nor an execution figure (`2022年预算执行数`).
/// Whether a line speaks of the 决算 of the report's own year within one clause
/// (`现将焦石镇2020年度“三公”经费决算情况公布如下`, `2021年“三公”经费决算汇总情况`): a
/// budget names the 决算 of the years before it only.
fn final_of_year(t: &str, year: u16) -> bool {
    let nian = format!("{year}年");
    t.match_indices(&nian).any(|(i, _)| {
        let rest = &t[i + nian.len()..];
        let clause = rest
            .find(['。', '，', ',', '；', ';', '：', ':'])
            .map_or(rest, |end| &rest[..end]);
        clause
            .match_indices("决算")
            .any(|(j, _)| !clause[..j].ends_with('预') && clause[..j].chars().count() <= 20)
    })
}

/// A title naming a year and, within a unit's name after it, a department's or unit's
/// budget or 决算 (`2016年海丰县信访局部门决算情况说明`).
fn titles_a_report(line: &str) -> bool {
    static TITLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"20[0-9]{2}年度?[^。，,；;]{0,30}?(?:部门|单位)(?:决算|预算)")
            .expect("valid")
    });
    line.chars().count() <= 60 && TITLE.is_match(line)
}

fn report_year(t: &str) -> Option<u16> {
    yusuan_model::report_years(t)
        .into_iter()
        .find(|(i, _)| !yusuan_model::compared(t, *i))
        .map(|(_, y)| y)
}

/// Page numbers and similar furniture.
fn is_page_furniture(line: &Line) -> bool {
    let t = squeeze(&line.text());
    let digits = t
        .trim_matches(|c| matches!(c, '-' | '—' | '第' | '页' | '共' | '/'))
        .to_owned();
    (!digits.is_empty()
        && digits.len() <= 3
        && digits.bytes().all(|b| b.is_ascii_digit())
        && t.len() > digits.len())
        || t.starts_with("第") && t.ends_with("页") && t.chars().count() <= 10
}

fn two_sided(kind: TableKind) -> bool {
    matches!(
        kind,
        TableKind::SummaryTotal
            | TableKind::FiscalSummary
            | TableKind::FinalSummary
            | TableKind::FinalFiscalSummary
            | TableKind::StateCapital
    )
}

fn parse_segment(seg: &Segment, monospace: bool, file: &str, notes: &mut Vec<Diagnostic>) -> Table {
    let (unit, empty_note, body, issuer) = heading(&seg.lines);
    let family = seg.kind.family();
    let x_max = body
        .iter()
        .flat_map(|pl| pl.line.words.iter().map(|w| w.x1))
        .fold(0.0f32, f32::max)
        + 1.0;
    let bounds = if two_sided(seg.kind) {
        side_bounds(&body)
    } else {
        Vec::new()
    };
    // A one-sided table printed as two halves side by side repeats its header words.
    let halves = if bounds.is_empty() {
        repeated_header(&body)
    } else {
        None
    };
    let body = match halves {
        Some(bound) if monospace => register_second_half(body, bound),
        _ => body,
    };
    let bounds = match halves {
        Some(x) => vec![x],
        None => bounds,
    };
    let mut edges = vec![0.0f32];
    edges.extend(&bounds);
    edges.push(x_max);
    let mut grids: Vec<grid::Grid> = edges
        .windows(2)
        .map(|pair| {
            parse_block(&BlockInput {
                lines: &body,
                x_min: pair[0],
                x_max: pair[1],
                family,
                text_columns: seg.kind == TableKind::Procurement,
                monospace,
            })
        })
        .collect();
    join_split_rows(&mut grids);
    for grid in &grids {
        for &(page, y) in &grid.inferred {
            let row = grid
                .rows
                .iter()
                .find(|r| r.page == page && r.y == y)
                .map(|r| {
                    r.code
                        .iter()
                        .cloned()
                        .chain([r.name.clone()])
                        .collect::<Vec<_>>()
                        .join(" ")
                });
            notes.push(inferred_note(
                seg.kind,
                "属的行（数字不在行名所在的文本行上）",
                Location {
                    file: Some(file.to_owned()),
                    page: Some(page),
                    row,
                    ..Location::default()
                },
            ));
        }
    }
    let blocks = grids
        .into_iter()
        .enumerate()
        .map(|(i, grid)| {
            let side = if bounds.is_empty() || halves.is_some() {
                None
            } else if i == 0 {
                Some(Side::Income)
            } else {
                Some(Side::Expenditure)
            };
            to_block(grid, side, unit, Placed::Pages)
        })
        .collect();
    let mut table = Table {
        kind: seg.kind,
        number: seg.number.clone(),
        title: seg.title.clone(),
        unit,
        prints_codes: true,
        blocks,
        empty_note,
        page: Some(seg.page),
        line: None,
        issuer,
        notes: note_lines(seg, false),
        header: header_lines(&body, false),
        unread: false,
    };
    table.unread = table.is_empty() && prints_figures(&body);
    if table.is_empty() && table.empty_note.is_none() {
        // A table printed with only its grid: keep it, with no rows.
        for b in &mut table.blocks {
            b.rows.clear();
        }
    }
    table
}

/// pdftotext packs every page at its own offsets, so the second half of a table printed
/// as two halves starts elsewhere on each page (its `302` codes a few columns left of the
/// first page's). On each page, whatever is printed right of the first half's figures
/// is moved to start at the split.
fn register_second_half(mut lines: Vec<PLine>, bound: f32) -> Vec<PLine> {
    let is_value = |w: &yusuan_pdf::Word| {
        amount(&w.text).is_some() && (w.text.contains('.') || w.text.contains(','))
    };
    let mut pages: Vec<u32> = lines.iter().map(|pl| pl.page).collect();
    pages.dedup();
    for page in pages {
        let words = || {
            lines
                .iter()
                .filter(move |pl| pl.page == page)
                .flat_map(|pl| &pl.line.words)
        };
        let first_values = words()
            .filter(|w| is_value(w) && w.x1 < bound)
            .map(|w| w.x1)
            .fold(f32::MIN, f32::max);
        let start = words()
            .filter(|w| w.x0 > first_values && w.x0 < bound)
            .map(|w| w.x0)
            .fold(f32::MAX, f32::min);
        if first_values == f32::MIN || start == f32::MAX {
            continue;
        }
        let shift = bound - start + 1.0;
        for pl in lines.iter_mut().filter(|pl| pl.page == page) {
            for w in pl.line.words.iter_mut().filter(|w| w.x0 >= start) {
                w.x0 += shift;
                w.x1 += shift;
            }
        }
    }
    lines
}

/// Where a second (third) side starts: labels printed to the right of the first value
/// column, on the body lines, or a repeated `项目` header.
fn side_bounds(lines: &[PLine]) -> Vec<f32> {
    let is_value = |w: &yusuan_pdf::Word| {
        amount(&w.text).is_some() && (w.text.contains('.') || w.text.contains(','))
    };
    let Some(first_body) = lines
        .iter()
        .position(|pl| pl.line.words.iter().any(is_value))
    else {
        return Vec::new();
    };
    // Right edge of the leftmost value column.
    let mut rights: Vec<f32> = lines[first_body..]
        .iter()
        .flat_map(|pl| pl.line.words.iter().filter(|w| is_value(w)).map(|w| w.x1))
        .collect();
    rights.sort_by(f32::total_cmp);
    let first_col = rights
        .iter()
        .take_while(|x| **x - rights[0] < 12.0)
        .last()
        .copied()
        .unwrap_or(0.0);
    // Enumerated labels (`一、…`, `1.…`) right of the first value column start a side.
    let enumerated = |t: &str| {
        let t = squeeze(t);
        let mut chars = t.chars();
        let first = chars.next();
        first.is_some_and(|c| "一二三四五六七八九十".contains(c)) && t.contains('、')
            || first.is_some_and(|c| c.is_ascii_digit())
                && chars.next().is_some_and(|c| c == '.' || c == '．')
    };
    let mut starts: Vec<f32> = Vec::new();
    for pl in &lines[first_body..] {
        for w in &pl.line.words {
            if w.x0 > first_col && amount(&w.text).is_none() && enumerated(&w.text) {
                starts.push(w.x0);
            }
        }
    }
    let cluster = |mut xs: Vec<f32>, min: usize| -> Vec<f32> {
        xs.sort_by(f32::total_cmp);
        let mut clusters: Vec<Vec<f32>> = Vec::new();
        for x in xs {
            match clusters.last_mut() {
                Some(c) if x - c[0] < 60.0 => c.push(x),
                _ => clusters.push(vec![x]),
            }
        }
        clusters
            .into_iter()
            .filter(|c| c.len() >= min)
            .map(|c| c[0] - 2.0)
            .collect()
    };
    let from_body = cluster(starts, 2);
    if !from_body.is_empty() {
        return from_body;
    }
    // Otherwise a header that prints 项目 twice starts a side at the second.
    let mut items = Vec::new();
    for pl in &lines[..first_body] {
        let xs: Vec<f32> = pl
            .line
            .words
            .iter()
            .filter(|w| squeeze(&w.text) == "项目")
            .map(|w| w.x0)
            .collect();
        items.extend(xs.iter().skip(1));
    }
    cluster(items, 1)
}

/// Where the second half of a table printed twice side by side starts: a header line
/// that prints the same words twice (科目编码 … 科目编码).
fn repeated_header(lines: &[PLine]) -> Option<f32> {
    let is_value = |w: &yusuan_pdf::Word| {
        amount(&w.text).is_some() && (w.text.contains('.') || w.text.contains(','))
    };
    let first_body = lines
        .iter()
        .position(|pl| pl.line.words.iter().any(is_value))?;
    let mut seconds: Vec<f32> = Vec::new();
    // Repeated value headers (预算数 / 决算数 under each item) are not a second half.
    let mut labels = false;
    for pl in &lines[..first_body] {
        let words = &pl.line.words;
        for (i, w) in words.iter().enumerate() {
            let t = squeeze(&w.text);
            if t.chars().count() >= 2 && words[..i].iter().any(|o| squeeze(&o.text) == t) {
                seconds.push(w.x0);
                labels |= ["科目", "项目", "编码", "名称"]
                    .iter()
                    .any(|k| t.contains(k));
            }
        }
    }
    // Two or more words repeated: a real second half, not one repeated label.
    (labels && seconds.len() >= 2).then(|| seconds.iter().copied().fold(f32::MAX, f32::min) - 16.0)
}

/// A totals row whose label is centred over one block and whose value sits in the next
/// (Jiangsu's 当年支出小计): the value's row takes the label.
fn join_split_rows(grids: &mut [grid::Grid]) {
    for k in 1..grids.len() {
        let (left, right) = grids.split_at_mut(k);
        let prev = &mut left[k - 1];
        for row in right[0].rows.iter_mut().filter(|r| r.name.is_empty()) {
            let found = prev.rows.iter().position(|p| {
                p.page == row.page
                    && (p.y - row.y).abs() < 2.0
                    && p.cells.iter().all(Option::is_none)
                    && !p.name.is_empty()
            });
            if let Some(i) = found {
                row.name = prev.rows.remove(i).name;
            }
        }
    }
}

/// Where a grid's rows are: on PDF (or layout text) pages, or on the lines of a plain
/// text from this 0-based line on.
#[derive(Clone, Copy)]
enum Placed {
    Pages,
    LinesFrom(usize),
}

fn to_block(grid: grid::Grid, side: Option<Side>, unit: MoneyUnit, placed: Placed) -> Block {
    let mut rows: Vec<Row> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut heading: Option<String> = None;
    // Last row named from each label column, for tables with several.
    let mut outer: Vec<String> = Vec::new();
    for r in grid.rows {
        let mut name = r.name.clone();
        if seen.contains(&name) && !name.is_empty() {
            let by_level = (r.level > 0)
                .then(|| {
                    outer[..r.level.min(outer.len())]
                        .iter()
                        .rev()
                        .find(|s| !s.is_empty())
                        .cloned()
                })
                .flatten();
            if let Some(h) = by_level.or_else(|| heading.clone()) {
                name = format!("{h}/{name}");
            }
        }
        if r.name.contains("结转") || r.name.contains("结余") || r.name.ends_with("资金") {
            heading = Some(r.name.clone());
        }
        if outer.len() <= r.level {
            outer.resize(r.level + 1, String::new());
        }
        outer[r.level] = r.name.clone();
        outer.truncate(r.level + 1);
        seen.push(r.name.clone());
        let role = if name.contains("合计") || name.contains("总计") {
            RowRole::Total
        } else {
            RowRole::Data
        };
        let cells = r
            .cells
            .iter()
            .map(|c| {
                c.map(|f| Printed {
                    hundredths: f.h,
                    unit,
                    decimals: f.decimals,
                })
            })
            .collect();
        let (page, line) = match placed {
            Placed::Pages => (Some(r.page), None),
            Placed::LinesFrom(first) => (None, Some((first + r.y as usize) as u32 + 1)),
        };
        rows.push(Row {
            code: r.code,
            name,
            aux: None,
            role,
            cells,
            page,
            line,
        });
    }
    Block {
        side,
        columns: grid.columns.into_iter().map(Column::new).collect(),
        rows,
    }
}

fn metadata(lines: &[PLine], tables: &[Table]) -> ReportMeta {
    let texts: Vec<String> = lines.iter().map(|pl| squeeze(&pl.line.text())).collect();
    let mut unit_name = String::new();
    for pl in lines {
        let words = &pl.line.words;
        for (i, w) in words.iter().enumerate() {
            let t = squeeze(&w.text);
            for prefix in [
                "单位名称：",
                "编制部门：",
                "编制单位：",
                "预算单位：",
                "部门：",
                "单位名称:",
                "编制部门:",
                "编制单位:",
                "部门:",
            ] {
                if let Some(rest) = t.strip_prefix(prefix) {
                    let mut name = rest.to_owned();
                    if name.is_empty() {
                        name = words
                            .get(i + 1)
                            .map(|w| squeeze(&w.text))
                            .unwrap_or_default();
                    }
                    let name = name.split("单位").next().unwrap_or("").to_owned();
                    if !name.is_empty() && unit_name.is_empty() {
                        unit_name = name;
                    }
                }
            }
        }
        if !unit_name.is_empty() {
            break;
        }
    }
    // A cover or part heading naming the unit before the year: `上海市普陀区财政局2024年度部门决算`,
    // `二、刘堡镇卫生院2021年度部门决算情况说明`; a cover may print the name on the line above
    // (`宁夏回族自治区兴庆区第十七小学` over `2017年部门预算`). A sentence is no name (`…，现将2021年
    // 部门预算公开如下`).
    if unit_name.is_empty() {
        unit_name = texts
            .iter()
            .take(80)
            .enumerate()
            .find_map(|(i, t)| {
                let name = match yusuan_model::heading_unit_name(t)? {
                    "" if t.starts_with("20") => {
                        yusuan_model::unit_name_before(texts.get(i.checked_sub(1)?)?)
                    }
                    name => name,
                };
                (name.chars().count() >= 4 && yusuan_model::is_unit_name(name))
                    .then(|| name.to_owned())
            })
            .unwrap_or_default();
    }
    // The year the report is of: a table title's, else the first that names a report
    // (`2023年部门预算`, not `较2022年预算`), else the first year printed.
    let first_year = |t: &str| yusuan_model::first_year(t);
    let named_report = texts.iter().find_map(|t| report_year(t));
    let year = tables
        .iter()
        .find_map(|t| first_year(&t.title))
        .or(named_report)
        .or_else(|| texts.iter().find_map(|t| yusuan_model::first_own_year(t)))
        .unwrap_or(0);
    // A text without tables is a 决算 when it says so (`单位决算情况说明`).
    // Not in `《地方预决算公开操作规程》`, which a budget's preamble cites.
    let says_final = tables.is_empty()
        && texts.iter().take(80).any(|t| {
            ["部门决算", "单位决算", "决算情况说明", "决算公开"]
                .iter()
                .any(|w| t.match_indices(w).any(|(i, _)| !t[..i].ends_with('预')))
                || final_of_year(t, year)
        });
    let family = if tables.iter().any(|t| t.kind.family() == Family::Final) || says_final {
        Family::Final
    } else {
        Family::Budget
    };
    let scope = if tables.iter().any(|t| t.title.contains("部门"))
        || texts
            .iter()
            .take(40)
            .any(|t| t.contains("部门预算") || t.contains("部门决算"))
    {
        Scope::Department
    } else {
        Scope::Unit
    };
    ReportMeta {
        unit_name,
        unit_code: None,
        unit_kind: None,
        year,
        family,
        scope,
        profile: String::new(),
    }
}

/// The declared family whose table set the document matches best.
fn recognise_profile(tables: &[Table]) -> (&'static str, f32) {
    recognise_kinds(&tables.iter().map(|t| t.kind).collect::<Vec<_>>())
}

fn recognise_kinds(kinds: &[TableKind]) -> (&'static str, f32) {
    let candidates: Vec<(&'static str, Vec<TableKind>)> = yusuan_profile::profiles()
        .into_iter()
        .map(|p| (p.id, p.tables.iter().map(|t| t.kind).collect()))
        .collect();
    let score = |expected: &[TableKind]| {
        let hit = expected.iter().filter(|k| kinds.contains(k)).count() as f32;
        let extra = kinds.iter().filter(|k| !expected.contains(k)).count() as f32;
        hit / (expected.len() as f32 + extra)
    };
    candidates
        .iter()
        .map(|(id, expected)| (*id, score(expected)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or(("", 0.0))
}

#[cfg(test)]
mod tests {
    use super::report_year;

    #[test]
    fn the_year_a_line_names_as_a_report() {
        assert_eq!(report_year("2023年部门预算未安排购置车辆"), Some(2023));
        assert_eq!(
            report_year("上海市普陀区财政局2024年度部门决算"),
            Some(2024)
        );
        assert_eq!(report_year("机关运行经费较2022年预算增加15.60万元"), None);
        assert_eq!(report_year("比2023年预算执行数增加"), None);
        assert_eq!(report_year("2022年预算执行数为5.00万元"), None);
        assert_eq!(report_year("项目|2023年预算数|2024年预算数"), None);
        assert_eq!(report_year("按照2023年预算3万元公务接待费"), None);
    }
}
