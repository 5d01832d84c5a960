use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Location, Severity};

use crate::util::{around, project_texts, Cx, Joined};
use crate::Rule;

/// R-TEXT-STAFF: the unit's staff, where the report states it more than once, is one
/// figure.
pub struct TextStaff;

impl Rule for TextStaff {
    fn id(&self) -> &'static str {
        "R-TEXT-STAFF"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "同一编制下的在职人数前后不一致"
    }
    fn doc(&self) -> &'static str {
        "Each statement of staffing (`机关编制17名，现有在职干部职工14人`, `编制17人，现有16人`) in the \
running text and in the projects' texts gives a 编制 and the staff on it. Two statements with \
the same 编制 and different staff contradict each other: a warning quoting both, at the \
second. Statements with different 编制 (机关 and 事业, or another year) are not compared. \
Why: the seed's 业务工作经费 project says 现有16人 where the unit's description says 14."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static STAFF: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"编制(?:数)?(?:为)?([0-9]+)(?:人|名)[，,、]?(?:现有|实有|在职|在编)[^，。；0-9]{0,10}?([0-9]+)(?:人|名)",
            )
            .expect("valid")
        });
        // (编制, staff, quoted words, where).
        let mut seen: Vec<(u32, u32, String, Location)> = Vec::new();
        let joined = Joined::of(cx);
        let texts = std::iter::once((joined.text.clone(), None)).chain(
            cx.report.projects.iter().flat_map(|p| {
                project_texts(p)
                    .into_iter()
                    .map(move |t| (t.chars().filter(|c| !c.is_whitespace()).collect(), Some(p)))
            }),
        );
        for (text, project) in texts {
            for c in STAFF.captures_iter(&text) {
                let (Ok(quota), Ok(staff)) = (c[1].parse::<u32>(), c[2].parse::<u32>()) else {
                    continue;
                };
                let m = c.get(0).expect("match");
                let location = match project {
                    None => joined.at(m.start()),
                    Some(p) => Location {
                        row: Some(p.name.clone()),
                        ..cx.at_file()
                    },
                };
                let quoted = around(&text, m.start(), m.len());
                if let Some((.., first, _)) =
                    seen.iter().find(|(q, s, ..)| *q == quota && *s != staff)
                {
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!("编制{quota}人的在职人数前后不一致：{quoted}；另处为{first}"),
                            location.clone(),
                        )
                        .with_hint("核对在职人数，全文统一"),
                    );
                }
                seen.push((quota, staff, quoted, location));
            }
        }
    }
}
