use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Location, Severity};

use crate::util::{around, Cx, Joined};
use crate::Rule;

/// R-TEXT-THREE-COUNT: a 三公 item said to have cost nothing does not count trips,
/// receptions or cars bought.
pub struct TextThreeCount;

/// Each item, the words that name it, and the counts the text gives of it.
const ITEMS: [(&str, &[&str], &str); 3] = [
    (
        "因公出国（境）费",
        &[
            "因公出国（境）费",
            "因公出国(境)费",
            "因公出国（境）经费",
            "因公出国(境)经费",
        ],
        r"团组(?:共|数)?([0-9]+)[个次]|([0-9]+)个团组|(?:累计)?出国（?\(?境）?\)?([0-9]+)人次",
    ),
    (
        "公务接待费",
        &["公务接待费"],
        r"接待(?:共|数)?([0-9]+)批次|([0-9]+)批次|接待(?:共)?([0-9]+)人次",
    ),
    (
        "公务用车购置费",
        &["公务用车购置费", "车辆购置费", "公车购置费"],
        r"购置(?:公务用车|车辆|公务车)(?:共)?([0-9]+)辆|购(?:置|买)([0-9]+)辆",
    ),
];

/// Words that start another item, ending the one before.
const NEXT: &[&str] = &[
    "因公出国",
    "公务接待费",
    "公务用车购置",
    "公务用车运行",
    "公务用车购置及运行",
    "机关运行经费",
    "。（",
];

impl Rule for TextThreeCount {
    fn id(&self) -> &'static str {
        "R-TEXT-THREE-COUNT"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "“三公”经费为零却写有团组、批次或购车数"
    }
    fn doc(&self) -> &'static str {
        "The explanation of each 三公 item runs from its name to the next item's. When every \
amount it gives for the item is zero (`公务接待费支出决算0.00万元`) and it still counts what the \
money pays for (`国内公务接待15批次`, `因公出国（境）团组2个`, `购置公务用车1辆`), the figure or the \
count is wrong: a warning. So is a count in a paragraph of its own (`公务用车购置及保有情况：\
本年度…购置公务用车7辆`) when the item is zero wherever its amounts are given, unless the \
count's sentence names another year. Counts of zero, and counts with money, are not judged. Why: the \
rules require the counts beside the money, and a trip, a reception or a car bought costs \
something."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static AMOUNT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"([0-9][0-9,]*(?:\.[0-9]+)?)(?:万元|元)").expect("valid"));
        static COUNTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
            ITEMS
                .iter()
                .map(|(_, _, counts)| Regex::new(counts).expect("valid"))
                .collect()
        });
        let joined = Joined::of(cx);
        let text = &joined.text;
        for ((item, names, _), counts) in ITEMS.iter().zip(COUNTS.iter()) {
            // Whether every amount given of the item is zero, and where its explanations are.
            let mut all_zero: Option<bool> = None;
            let mut bodies: Vec<std::ops::Range<usize>> = Vec::new();
            let found = out.len();
            for name in *names {
                for (at, _) in text.match_indices(name) {
                    let body_start = at + name.len();
                    // The item's own words may come again (`…团组由因公出国…`).
                    let end = NEXT
                        .iter()
                        .filter(|n| !name.starts_with(**n))
                        .filter_map(|n| text[body_start..].find(n))
                        .min()
                        .map_or(text.len(), |e| body_start + e);
                    let body = &text[body_start..end];
                    // Whether each amount is zero, read from its digits.
                    let zeros: Vec<bool> = AMOUNT
                        .captures_iter(body)
                        .map(|c| c[1].chars().all(|d| matches!(d, '0' | '.' | ',')))
                        .collect();
                    if zeros.is_empty() {
                        continue;
                    }
                    bodies.push(body_start..end);
                    let zero = !zeros.contains(&false);
                    all_zero = Some(all_zero.unwrap_or(true) && zero);
                    if !zero {
                        continue;
                    }
                    let Some(c) = counts.captures_iter(body).find(|c| {
                        c.iter()
                            .skip(1)
                            .flatten()
                            .any(|g| g.as_str().parse::<u32>().is_ok_and(|n| n > 0))
                    }) else {
                        continue;
                    };
                    let m = c.get(0).expect("match");
                    let quote = around(text, at, end.min(body_start + m.end()) - at);
                    out.push(self.counted(item, m.as_str(), quote, joined.at(at)));
                }
            }
            if all_zero == Some(true) && out.len() == found {
                self.counted_elsewhere(cx, &joined, item, counts, &bodies, out);
            }
        }
    }
}

impl TextThreeCount {
    /// An item zero wherever its amounts are given, counted in a paragraph of its own
    /// (`公车购置费0万元…。公务用车购置及保有情况：本年度…购置公务用车7辆`). A count in a
    /// sentence that names another year than the report's is that year's.
    fn counted_elsewhere(
        &self,
        cx: &Cx<'_>,
        joined: &Joined,
        item: &str,
        counts: &Regex,
        bodies: &[std::ops::Range<usize>],
        out: &mut Vec<Diagnostic>,
    ) {
        let text = &joined.text;
        let Some(c) = counts.captures_iter(text).find(|c| {
            let m = c.get(0).expect("match");
            let sentence = text[..m.start()]
                .rfind(['。', '；'])
                .map_or(0, |at| at + '。'.len_utf8());
            c.iter()
                .skip(1)
                .flatten()
                .any(|g| g.as_str().parse::<u32>().is_ok_and(|n| n > 0))
                && !bodies.iter().any(|b| b.contains(&m.start()))
                && yusuan_model::years_in(&text[sentence..m.start()])
                    .iter()
                    .all(|y| *y == cx.report.meta.year)
        }) else {
            return;
        };
        let m = c.get(0).expect("match");
        let quote = around(text, m.start(), m.len());
        out.push(self.counted(item, m.as_str(), quote, joined.at(m.start())));
    }

    /// `{item}为零，却写有「{count}」`: the finding, at where it is printed.
    fn counted(&self, item: &str, count: &str, quote: String, at: Location) -> Diagnostic {
        Diagnostic::warning(
            self.id(),
            format!("{item}为零，却写有「{count}」：{quote}"),
            at,
        )
        .with_hint("核对该项的金额与团组、批次或购车数")
    }
}
