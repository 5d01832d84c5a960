use yusuan_model::{Diagnostic, Severity};

use crate::util::Cx;
use crate::Rule;

/// R-TOC: the 目录 lists the tables the body prints, under the same titles.
pub struct Toc;

fn core(title: &str) -> String {
    // Compare without the year and the decorations a 目录 adds.
    let t: String = title
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"'))
        .collect();
    // An ordinal (`九、`, `表九：`, `1.`) numbers the entry, it is not its title.
    let numbered =
        t.trim_start_matches(|c: char| "表一二三四五六七八九十".contains(c) || c.is_ascii_digit());
    let separators = ['、', '：', ':', '.', '．'];
    let t = if numbered.len() < t.len() && numbered.starts_with(separators) {
        numbered.trim_start_matches(separators)
    } else {
        t.as_str()
    };
    // What precedes the year is the unit's name or the entry's number
    // (`杜集经济开发区管委会2020年“三公”经费支出预算表`, `一、2020年…`).
    let t = t
        .match_indices("20")
        .find(|(i, _)| {
            t.get(*i..i + 4)
                .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
                && t[i + 4..].starts_with('年')
        })
        .map_or(t, |(i, _)| &t[i..]);
    let t = t
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches('年');
    t.replace("部门", "")
        .replace("单位", "")
        .replace("预算单位", "")
}

impl Rule for Toc {
    fn id(&self) -> &'static str {
        "R-TOC"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "目录与正文表格一致"
    }
    fn doc(&self) -> &'static str {
        "When the document has a 目录: every table it lists is printed, every printed table is \
listed, and a table is listed under the title it is printed with (the year, 部门 / 单位 and \
quotation marks aside). A section the 目录 lists (`一、主要职能`) whose heading in the body is \
nearly but not quite the same (`一、主要职责`: same number, most characters shared) is named \
too; a section with no such heading is not judged. Findings point at the 目录 entry and \
quote both titles. Why: readers find the tables and sections through the 目录; the 江苏 \
2019 reports list titles that differ from the pages."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let toc = &cx.report.toc;
        if toc.is_empty() {
            return;
        }
        let mut seen: Vec<&str> = Vec::new();
        for entry in toc {
            let Some(kind) = entry.kind else { continue };
            // A 目录 printed twice (once more before the tables) says each title once.
            if seen.contains(&entry.title.as_str()) {
                continue;
            }
            seen.push(&entry.title);
            // The finding is about the 目录: it points at the entry.
            let listed = yusuan_model::Location {
                page: entry.page,
                line: entry.line,
                ..cx.at_file()
            };
            match cx.table(kind) {
                // A report read without any table (its tables published apart, said by
                // N-EXTRACT-NO-TABLES) does not miss this one more than the others.
                None if cx.report.tables.is_empty() => {}
                None => out.push(Diagnostic::warning(
                    self.id(),
                    format!("目录列有《{}》，正文中没有这张表", entry.title),
                    listed,
                )),
                Some(t) if core(&t.title) != core(&entry.title) => out.push(Diagnostic::warning(
                    self.id(),
                    format!("目录标题《{}》与正文标题《{}》不一致", entry.title, t.title),
                    yusuan_model::Location {
                        table: Some(t.kind.label().to_owned()),
                        ..listed
                    },
                )),
                Some(_) => {}
            }
        }
        sections(cx, self.id(), out);
        for t in &cx.report.tables {
            if !toc.iter().any(|e| e.kind == Some(t.kind)) {
                out.push(Diagnostic::warning(
                    self.id(),
                    format!("正文中的《{}》不在目录中", t.title),
                    cx.at(t, None, None),
                ));
            }
        }
    }
}

/// `一、`, `（三）`, `第二部分`: the number a heading opens with, and the words after it.
fn numbered(line: &str) -> Option<(&str, &str)> {
    let numerals = |c: char| "一二三四五六七八九十".contains(c);
    let rest = line.trim_start_matches(numerals);
    if rest.len() < line.len() {
        if let Some(words) = rest.strip_prefix('、') {
            return Some((&line[..line.len() - words.len()], words));
        }
    }
    let after = line.strip_prefix('第')?;
    let rest = after.trim_start_matches(numerals);
    let words = rest.strip_prefix("部分")?;
    (rest.len() < after.len()).then(|| (&line[..line.len() - words.len()], words))
}

/// Section headings listed in the 目录 against the body's: the 目录 runs from its `目录`
/// line over numbered lines, until the body starts again with its first entry.
fn sections(cx: &Cx<'_>, id: &str, out: &mut Vec<Diagnostic>) {
    let lines: Vec<(String, &yusuan_model::TextLine)> = cx
        .report
        .text
        .iter()
        .map(|l| (l.text.chars().filter(|c| !c.is_whitespace()).collect(), l))
        .collect();
    let Some(start) = lines.iter().position(|(t, _)| t == "目录") else {
        return;
    };
    let mut listed: Vec<(&str, &yusuan_model::TextLine)> = Vec::new();
    let mut end = start + 1;
    while let Some((t, l)) = lines.get(end) {
        if numbered(t).is_none() || listed.first().map(|(e, _)| *e) == Some(t.as_str()) {
            break;
        }
        listed.push((t, l));
        end += 1;
    }
    // Body headings, each also with the line after it when that is a short end the
    // heading wrapped onto (`…部门决算情况` / `说明`).
    let mut body: Vec<(String, &yusuan_model::TextLine)> = Vec::new();
    for (i, (t, l)) in lines.iter().enumerate().skip(end) {
        if numbered(t).is_none() || t.chars().count() > 40 {
            continue;
        }
        body.push((t.clone(), l));
        if let Some((next, _)) = lines.get(i + 1) {
            if numbered(next).is_none() && next.chars().count() <= 6 {
                body.push((format!("{t}{next}"), l));
            }
        }
    }
    for (entry, at) in listed {
        let Some((number, words)) = numbered(entry) else {
            continue;
        };
        // A table's title is R-TOC's other half; an exact heading is fine.
        if kind_listed(entry) || body.iter().any(|(t, _)| t == entry) {
            continue;
        }
        let near = body
            .iter()
            .find(|(t, _)| numbered(t).is_some_and(|(n, w)| n == number && nearly(w, words)));
        if let Some((heading, _)) = near {
            // About the 目录, like the tables' entries: it points at the entry.
            out.push(Diagnostic::warning(
                id,
                format!("目录中的「{entry}」与正文标题「{heading}」不一致"),
                yusuan_model::Location {
                    page: at.page,
                    line: at.line,
                    ..cx.at_file()
                },
            ));
        }
    }
}

/// A 目录 entry that names a table (its title ends in 表).
fn kind_listed(entry: &str) -> bool {
    entry.ends_with('表')
}

/// Two headings' words that share most of their characters at the start and the end.
fn nearly(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let longer = a.len().max(b.len());
    a != b && prefix >= 2 && (prefix + suffix).min(a.len().min(b.len())) * 10 >= longer * 6
}
