use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Location, Severity};

use crate::util::{chinese_number, project_texts, Cx};
use crate::Rule;

/// R-PROJECT-ORDINAL: one project numbers one event the same way throughout (第十三届
/// 山西省残运会, not 第三届 as well).
pub struct ProjectOrdinal;

impl Rule for ProjectOrdinal {
    fn id(&self) -> &'static str {
        "R-PROJECT-ORDINAL"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "同一项目中同一活动的届次前后不一致"
    }
    fn doc(&self) -> &'static str {
        "In one project (its name and its texts), each event numbered by 届 (`第13届山西省残运会`, \
`山西省第十三届残疾人运动会`) is named from after 届 up to the word that ends an event (会, 赛, \
节, 展, 演; four characters or more). The same event with two numbers (13 and 3, in Chinese \
or Arabic numerals) is a warning quoting both. Why: the seed's 第13届山西省残运会 project calls \
it 第三届 once; a wrong ordinal names another event."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"第?([0-9]{1,3}|[一二三四五六七八九十]{1,3})届(\p{Han}{1,10}?[会赛节展演])")
                .expect("valid")
        });
        for p in &cx.report.projects {
            let texts = std::iter::once(&p.name).chain(project_texts(p));
            // event → (number, as printed), the first seen.
            let mut seen: Vec<(String, u32, String)> = Vec::new();
            for text in texts {
                let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                for c in ORDINAL.captures_iter(&text) {
                    let (Some(n), event) = (chinese_number(&c[1]), &c[2]) else {
                        continue;
                    };
                    if event.chars().count() < 4 {
                        continue;
                    }
                    let printed = c[0].to_owned();
                    match seen.iter().find(|(e, ..)| e == event) {
                        Some((_, first, first_printed)) if *first != n => out.push(
                            Diagnostic::warning(
                                self.id(),
                                format!(
                                    "项目「{}」中「{printed}」与「{first_printed}」的届次不一致",
                                    p.name
                                ),
                                Location {
                                    row: Some(p.name.clone()),
                                    ..cx.at_file()
                                },
                            )
                            .with_hint("核对届次，全文统一"),
                        ),
                        Some(_) => {}
                        None => seen.push((event.to_owned(), n, printed)),
                    }
                }
            }
        }
    }
}
