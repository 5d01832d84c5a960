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
quotation marks aside). Why: readers find the tables through the 目录; the 江苏 2019 reports \
list titles that differ from the pages."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let toc = &cx.report.toc;
        if toc.is_empty() {
            return;
        }
        for entry in toc {
            let Some(kind) = entry.kind else { continue };
            match cx.table(kind) {
                None => out.push(Diagnostic::warning(
                    self.id(),
                    format!("目录列有《{}》，正文中没有这张表", entry.title),
                    cx.at_file(),
                )),
                Some(t) if core(&t.title) != core(&entry.title) => out.push(Diagnostic::warning(
                    self.id(),
                    format!("目录标题《{}》与正文标题《{}》不一致", entry.title, t.title),
                    cx.at(t, None, None),
                )),
                Some(_) => {}
            }
        }
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
