use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Family, Severity};

use crate::util::{around, chinese_number, Cx, Joined};
use crate::Rule;

/// R-MEETING: the explanation cites a meeting held after the report was written.
pub struct Meeting;

/// The Party's national congresses (session 0) and the plenary sessions of each central
/// committee, with the day each opened: (congress, session, year, month, day).
const MEETINGS: &[(u32, u32, u16, u8, u8)] = &[
    (17, 0, 2007, 10, 15),
    (17, 1, 2007, 10, 22),
    (17, 2, 2008, 2, 25),
    (17, 3, 2008, 10, 9),
    (17, 4, 2009, 9, 15),
    (17, 5, 2010, 10, 15),
    (17, 6, 2011, 10, 15),
    (17, 7, 2012, 11, 1),
    (18, 0, 2012, 11, 8),
    (18, 1, 2012, 11, 15),
    (18, 2, 2013, 2, 26),
    (18, 3, 2013, 11, 9),
    (18, 4, 2014, 10, 20),
    (18, 5, 2015, 10, 26),
    (18, 6, 2016, 10, 24),
    (18, 7, 2017, 10, 11),
    (19, 0, 2017, 10, 18),
    (19, 1, 2017, 10, 25),
    (19, 2, 2018, 1, 18),
    (19, 3, 2018, 2, 26),
    (19, 4, 2019, 10, 28),
    (19, 5, 2020, 10, 26),
    (19, 6, 2021, 11, 8),
    (19, 7, 2022, 10, 9),
    (20, 0, 2022, 10, 16),
    (20, 1, 2022, 10, 23),
    (20, 2, 2023, 2, 26),
    (20, 3, 2024, 7, 15),
    (20, 4, 2025, 10, 20),
];

/// When a cited meeting opened, and whether that day is known or only a lower bound (a
/// later session of a committee than the table holds opened no earlier than its last
/// one in the table).
fn opened(congress: u32, session: u32) -> Option<((u16, u8, u8), bool)> {
    let known = MEETINGS
        .iter()
        .find(|m| m.0 == congress && m.1 == session)
        .map(|m| ((m.2, m.3, m.4), true));
    known.or_else(|| {
        MEETINGS
            .iter()
            .filter(|m| m.0 == congress && m.1 < session)
            .max_by_key(|m| m.1)
            .filter(|_| session > 0)
            .map(|m| ((m.2, m.3, m.4), false))
    })
}

/// The printed name of a meeting: `二十届三中全会`, `党的二十大`.
fn name(congress: &str, session: u32) -> String {
    match session {
        0 => format!("党的{congress}大"),
        s => format!(
            "{congress}届{}中全会",
            "一二三四五六七八九"
                .chars()
                .nth(s as usize - 1)
                .unwrap_or('?')
        ),
    }
}

impl Rule for Meeting {
    fn id(&self) -> &'static str {
        "R-MEETING"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明引用了报告编制之后才召开的会议"
    }
    fn doc(&self) -> &'static str {
        "A report cannot cite a meeting held after it was written. The running text's \
references to the Party's national congresses (`党的二十大`, `十九大精神`) and to plenary \
sessions (`二十届二中、三中全会`, `十八届三中全会`) are dated by the day each opened (a table \
from 十七大 to 二十届四中全会; a later session of a committee opened no earlier than its last \
one in the table). A 预算 of year Y is written before it is published early in Y and a 决算 \
of Y during Y+1; a meeting that opened in April of Y+1 or later (of Y+2 for a 决算) cannot \
be cited: an error, at the line that cites it. The quarter's margin keeps a report whose \
year was read one short from being blamed. Why: 信阳高新区's 2023 预算 cites \
二十届二中、三中、四中、五中全会, held from 2023 to 2025."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static PLENUMS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(十七|十八|十九|二十)届((?:[一二三四五六七八九]中(?:全会)?[、，,和及与]?)+)全会",
            )
            .expect("valid")
        });
        static SESSION: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"([一二三四五六七八九])中").expect("valid"));
        static CONGRESS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(党的)?(十七|十八|十九|二十)大(精神|报告|以来|胜利|召开|部署|和|、|及)?")
                .expect("valid")
        });
        let year = cx.report.meta.year;
        if year == 0 {
            return;
        }
        // The first day a meeting could not have been cited.
        let after = match cx.report.meta.family {
            Family::Final => (year + 2, 4, 1),
            Family::Budget => (year + 1, 4, 1),
        };
        let joined = Joined::of(cx);
        // (where, how long, congress as printed, session) of every meeting cited.
        let mut cited: Vec<(usize, usize, &str, u32)> = Vec::new();
        for c in PLENUMS.captures_iter(&joined.text) {
            let m = c.get(0).expect("match");
            let congress = c.get(1).expect("congress").as_str();
            for s in SESSION.captures_iter(&c[2]) {
                let session = chinese_number(&s[1]).unwrap_or(0);
                cited.push((m.start(), m.len(), congress, session));
            }
        }
        for c in CONGRESS.captures_iter(&joined.text) {
            let m = c.get(0).expect("match");
            // `二十大` is a congress when the text says so: `党的二十大`, `二十大精神`.
            if c.get(1).is_none() && c.get(3).is_none() || joined.text[..m.start()].ends_with('第')
            {
                continue;
            }
            cited.push((m.start(), m.len(), c.get(2).expect("congress").as_str(), 0));
        }
        cited.sort_by_key(|c| c.0);
        let mut blamed: Option<usize> = None;
        for (at, len, congress, session) in cited {
            let Some(number) = chinese_number(congress) else {
                continue;
            };
            let Some((day, exact)) = opened(number, session) else {
                continue;
            };
            // One finding for a list of meetings: the first one too late.
            if day < after || blamed == Some(at) {
                continue;
            }
            blamed = Some(at);
            let when = match exact {
                true => format!("{}年{}月召开", day.0, day.1),
                false => format!("不早于{}年{}月召开", day.0, day.1),
            };
            out.push(
                Diagnostic::error(
                    self.id(),
                    format!(
                        "说明引用{}（{when}），晚于{year}年{}的编制：{}",
                        name(congress, session),
                        cx.report.meta.family,
                        around(&joined.text, at, len)
                    ),
                    joined.at(at),
                )
                .with_hint("核对是否沿用了后来的文字，或报告年度有误"),
            );
        }
    }
}
