//! What rules share: reading cells, comparing printed figures with their rounding, and
//! locating a finding.

use yusuan_catalog::Catalog;
use yusuan_model::{
    Block, Diagnostic, Location, MoneyUnit, Printed, Report, Row, Severity, Side, Table, TableKind,
};

pub struct Cx<'a> {
    pub report: &'a Report,
    pub catalog: &'a Catalog,
    pub file: &'a str,
    /// The tables, in order, that the report's template profile requires, when known.
    pub profile_tables: Option<&'a [TableKind]>,
}

impl Cx<'_> {
    /// The report's running text as one string without whitespace, so a phrase is
    /// found across the line breaks and spaces of an extracted text.
    pub fn squeezed_text(&self) -> String {
        self.report
            .text
            .iter()
            .flat_map(|l| l.text.chars())
            .filter(|c| !c.is_whitespace())
            .collect()
    }
}

/// A figure in fen.
pub fn fen(p: Printed) -> i64 {
    p.hundredths * p.unit.fen_per_hundredth()
}

/// Half of a figure's last printed digit, in fen: how far rounding may have moved it.
pub fn half_step(unit: MoneyUnit) -> i64 {
    unit.fen_per_hundredth() / 2
}

/// How far printed figures may miss each other by rounding alone: half a unit of the
/// last printed digit of each, in fen, whatever the table's unit (a whole-元 `94,995,790`
/// may stand for 94,995,789.50).
pub fn slack<'a>(figures: impl IntoIterator<Item = &'a Printed>) -> i64 {
    figures.into_iter().map(|p| p.half_unit_fen()).sum()
}

/// A fen amount in a unit, with as many decimals as it needs (at least two).
pub fn show_fen(fen: i64, unit: MoneyUnit) -> String {
    let per = unit.fen_per_hundredth() * 100;
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs() as i64;
    let int = abs / per;
    let frac = abs % per;
    let digits = match unit {
        MoneyUnit::Yuan => 2,
        MoneyUnit::WanYuan => 6,
    };
    let mut f = format!("{frac:0digits$}");
    while f.len() > 2 && f.ends_with('0') {
        f.pop();
    }
    format!("{sign}{int}.{f}")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Same,
    /// Within the rounding of the terms.
    Rounding,
    Differs,
}

/// Compares two amounts given how much rounding the printed terms allow.
pub fn judge(a: i64, b: i64, tolerance: i64) -> Verdict {
    let diff = (a - b).abs();
    if diff == 0 {
        Verdict::Same
    } else if diff <= tolerance {
        Verdict::Rounding
    } else {
        Verdict::Differs
    }
}

impl Cx<'_> {
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.report.table(kind)
    }

    /// A table, or a row of it where it is printed (a row read from a document knows
    /// its page or line; otherwise the table's).
    pub fn at(&self, table: &Table, row: Option<&Row>, column: Option<&str>) -> Location {
        let (page, line) = match row {
            Some(r) if r.page.is_some() || r.line.is_some() => (r.page, r.line),
            _ => (table.page, table.line),
        };
        Location {
            file: Some(self.file.to_owned()),
            line,
            page,
            table: Some(table.kind.label().to_owned()),
            row: row.map(Row::label),
            column: column.map(str::to_owned),
            ..Location::default()
        }
    }

    pub fn at_file(&self) -> Location {
        Location::file(self.file)
    }

    /// Where a line of the running text is printed.
    pub fn at_line(&self, line: &yusuan_model::TextLine) -> Location {
        Location {
            page: line.page,
            line: line.line,
            ..self.at_file()
        }
    }

    /// Reports `a` against `b`: nothing when equal, a note within rounding, else a
    /// finding of `severity`. `what` describes the two sides in Chinese.
    #[allow(clippy::too_many_arguments)]
    pub fn compare(
        &self,
        out: &mut Vec<Diagnostic>,
        rule: &str,
        severity: Severity,
        (a, a_label): (i64, &str),
        (b, b_label): (i64, &str),
        tolerance: i64,
        unit: MoneyUnit,
        location: Location,
        prefix: &str,
    ) {
        let diff = a - b;
        match judge(a, b, tolerance) {
            Verdict::Same => {}
            Verdict::Rounding => out.push(
                Diagnostic::new(
                    rule,
                    Severity::Note,
                    format!(
                        "{prefix}{a_label} {} 与{b_label} {} 相差 {} {}，在四舍五入误差之内",
                        show_fen(a, unit),
                        show_fen(b, unit),
                        show_fen(diff.abs(), unit),
                        unit.label()
                    ),
                    location,
                )
                .with_hint("各数分别取整后相加会有尾差，不是错误"),
            ),
            Verdict::Differs => out.push(
                Diagnostic::new(
                    rule,
                    severity,
                    format!(
                        "{prefix}{a_label} {} ≠ {b_label} {}（差 {} {}）",
                        show_fen(a, unit),
                        show_fen(b, unit),
                        show_fen(diff.abs(), unit),
                        unit.label()
                    ),
                    location,
                )
                .with_hint(format!(
                    "差额超过各项四舍五入误差之和（{} {}）",
                    show_fen(tolerance, unit),
                    unit.label()
                )),
            ),
        }
    }
}

/// The first row named `name` (or starting with it) on a side of a table.
pub fn row_named<'t>(
    table: &'t Table,
    side: Option<Side>,
    name: &str,
) -> Option<(&'t Block, &'t Row)> {
    let block = table.block(side)?;
    block
        .rows
        .iter()
        .find(|r| r.name == name)
        .map(|r| (block, r))
}

/// A block's total row: `合计` (or its variants) without a code.
pub fn total_row(block: &Block) -> Option<&Row> {
    block
        .rows
        .iter()
        .find(|r| r.code.is_none() && matches!(r.name.as_str(), "合计" | "总计" | "部门合计"))
}

/// The running text line by line, white space removed, each with the line after it on the
/// same page (a phrase may wrap), then each text of each project (概况, 依据, 目标 …):
/// `(window, length of the line's own part, where)`. A rule
/// looks for what starts in the own part, so a phrase is found once, on its first line.
pub fn text_windows(cx: &Cx<'_>) -> Vec<(String, usize, Location)> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let lines = &cx.report.text;
    let projects = cx.report.projects.iter().flat_map(|p| {
        project_texts(p)
            .into_iter()
            .filter(|t| !t.is_empty())
            .map(move |t| {
                let text = squeeze(t);
                let len = text.len();
                let location = Location {
                    file: Some(cx.file.to_owned()),
                    row: Some(p.name.clone()),
                    ..Location::default()
                };
                (text, len, location)
            })
    });
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let own = squeeze(&l.text);
            let len = own.len();
            let window = match lines.get(i + 1) {
                Some(next) if next.page == l.page => own + &squeeze(&next.text),
                _ => own,
            };
            (window, len, cx.at_line(l))
        })
        .chain(projects)
        .collect()
}

/// A project's texts in the order its table prints them: 概况, 依据, 必要性, 措施, 计划,
/// 总目标, 年度目标.
pub fn project_texts(p: &yusuan_model::Project) -> [&String; 7] {
    [
        &p.overview,
        &p.basis,
        &p.necessity,
        &p.measures,
        &p.plan,
        &p.goal_total,
        &p.goal_annual,
    ]
}

/// A number written in digits or in Chinese up to 99 (`13`, `十三`, `二十`).
pub fn chinese_number(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32)
    };
    let chars: Vec<char> = text.chars().collect();
    match chars[..] {
        ['十'] => Some(10),
        [c] => digit(c),
        ['十', u] => Some(10 + digit(u)?),
        [t, '十'] => Some(10 * digit(t)?),
        [t, '十', u] => Some(10 * digit(t)? + digit(u)?),
        _ => None,
    }
}

/// The first of `words` that starts inside the first `own` bytes of `window`.
pub fn starts_in<'w>(window: &str, own: usize, words: &[&'w str]) -> Option<(&'w str, usize)> {
    words
        .iter()
        .filter_map(|w| window.find(w).filter(|at| *at < own).map(|at| (*w, at)))
        .min_by_key(|(_, at)| *at)
}

/// A numbered heading printed inside running text: `（二）`, `三、`.
pub static HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、")
        .expect("valid")
});

/// The text of up to `n` characters that ends at byte `at`.
pub fn chars_before(text: &str, at: usize, n: usize) -> &str {
    let start = text[..at].char_indices().rev().nth(n).map_or(0, |(i, _)| i);
    &text[start..at]
}

/// A few characters either side of `at`, for a message.
pub fn around(text: &str, at: usize, len: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(11)
        .map_or(0, |(i, _)| i);
    let end = text[at + len..]
        .char_indices()
        .nth(12)
        .map_or(text.len(), |(i, _)| at + len + i);
    format!("…{}…", &text[start..end])
}

/// A name as rules compare names: white space removed, brackets full width
/// (`政府办公厅(室)` and `政府办公厅（室）` are one name).
pub fn name_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// A rate in hundredths of a percent, `part / whole`, rounded half up.
pub fn percent_of(part: i64, whole: i64) -> Option<i64> {
    (whole != 0).then(|| ((part as i128 * 20_000 / whole as i128 + 1) / 2) as i64)
}

/// How far a stated rate may have been rounded, in hundredths of a point, read from its
/// trailing zeros: `31%` (3100) half a point, `265.6%` (26560) five hundredths, else none
/// beyond the rule's own.
pub fn stated_rounding(stated: i64) -> i64 {
    if stated % 100 == 0 {
        50
    } else if stated % 10 == 0 {
        5
    } else {
        0
    }
}

/// [`stated_rounding`], unless the text the rate was read from prints it with two decimals
/// (`占29.10%`: a trailing zero printed is no rounding).
pub fn stated_rounding_in(stated: i64, text: Option<&str>) -> i64 {
    let two = format!("{}.{:02}", stated / 100, (stated % 100).abs());
    let printed_two = text.is_some_and(|t| {
        t.match_indices(two.as_str()).any(|(at, _)| {
            let before = t[..at].chars().next_back();
            let after = t[at + two.len()..].trim_start();
            !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                && (after.starts_with('%') || after.starts_with('％'))
        })
    });
    if printed_two {
        0
    } else {
        stated_rounding(stated)
    }
}

/// [`stated_rounding`] for a rate whose printed decimals are known.
pub const fn rounding_of_decimals(decimals: u8) -> i64 {
    match decimals {
        0 => 50,
        1 => 5,
        _ => 0,
    }
}

/// How far a rate of `part / whole` may move when both were rounded as printed, in
/// hundredths of a percent (never below one, the printed rate's own rounding).
pub fn rate_spread(rate: i64, part_slack: i64, whole_slack: i64, whole: i64) -> i64 {
    if whole == 0 {
        return 1;
    }
    let spread = (part_slack as i128 * 10_000 + rate.unsigned_abs() as i128 * whole_slack as i128)
        / whole.unsigned_abs() as i128;
    1 + spread as i64
}

/// A ratio of two printed figures, in fen, each with how far its printing may hide its
/// value (`Printed::half_unit_fen`).
#[derive(Clone, Copy, Debug)]
pub struct Ratio {
    pub part: i64,
    pub part_slack: i64,
    pub whole: i64,
    pub whole_slack: i64,
}

/// Whether a stated rate (hundredths of a percent) can be the ratio rounded half up at the
/// decimals it was printed with, for some values the printed figures may hide. A rate cut
/// short instead (`40.48%` for 40.4887%) is not. `rounding` is the stated rate's own, as
/// [`stated_rounding`] gives it.
pub fn rounds_to(stated: i64, rounding: i64, ratio: Ratio) -> bool {
    let (part, whole) = (ratio.part.abs() as i128, ratio.whole.abs() as i128);
    let (ps, ws) = (
        ratio.part_slack.abs() as i128,
        ratio.whole_slack.abs() as i128,
    );
    if whole <= ws {
        return true;
    }
    // Twice the stated rate's own half unit, in hundredths.
    let half2 = match rounding {
        0 => 1,
        r => 2 * r as i128,
    };
    let stated = stated.abs() as i128;
    (part + ps) * 20_000 >= (2 * stated - half2) * (whole - ws)
        && (part - ps) * 20_000 <= (2 * stated + half2) * (whole + ws)
}

/// A rate printed with the wrong last digit (`40.48%` for 40.4887%, `18.76%` for
/// 18.7504%), each rate shown as printed: the stated one, `part / whole` to four decimals,
/// and what that rounds half up to at the stated rate's decimals.
pub struct Slip {
    pub stated: String,
    pub exact: String,
    pub right: String,
}

/// The slip of a stated rate; none when it can be the rounding of some values the printed
/// figures hide ([`rounds_to`]).
pub fn rounding_slip(stated: i64, rounding: i64, ratio: Ratio) -> Option<Slip> {
    if ratio.whole == 0 || rounds_to(stated, rounding, ratio) {
        return None;
    }
    let (part, whole) = (ratio.part.abs() as i128, ratio.whole.abs() as i128);
    // Ten-thousandths of a percent, rounded half up.
    let fine = ((part * 2_000_000 / whole + 1) / 2) as i64;
    // Decimals printed.
    let decimals = match rounding {
        0 => 2,
        5 => 1,
        _ => 0,
    };
    let step = 10_i64.pow(4 - decimals);
    let right = (fine + step / 2) / step * step;
    let show = |v: i64| {
        let whole_part = v / 10_000;
        match decimals {
            0 => format!("{whole_part}%"),
            d => {
                let frac = (v % 10_000) / 10_i64.pow(4 - d);
                format!("{whole_part}.{frac:0w$}%", w = d as usize)
            }
        }
    };
    Some(Slip {
        stated: show(stated * 100),
        exact: format!("{}.{:04}%", fine / 10_000, fine % 10_000),
        right: show(right),
    })
}

/// What a stated rate is against the ratio it claims to be.
pub enum RateVerdict {
    /// The rate any values the printed figures may hide give, rounded as printed.
    Fits,
    /// Within the allowance, but its last digit cut or slipped: a warning.
    Slip(Slip),
    /// Outside what the figures allow: the ratio is `computed`, rounded half up.
    Off { computed: i64 },
}

/// Judges a stated rate against a ratio: off when it differs from the ratio by more than the
/// figures' slack allow plus `allowance` (the rate's own rounding, as [`stated_rounding`]
/// reads it, or none), else a slip when no values round to it at the decimals `printed`
/// gives ([`rounding_slip`]).
pub fn judge_rate(stated: i64, allowance: i64, printed: i64, ratio: Ratio) -> RateVerdict {
    let computed = percent_of(ratio.part.abs(), ratio.whole).unwrap_or(0);
    let spread =
        rate_spread(computed, ratio.part_slack, ratio.whole_slack, ratio.whole) + allowance;
    if (computed - stated).abs() > spread {
        return RateVerdict::Off { computed };
    }
    match rounding_slip(stated, printed, ratio) {
        Some(slip) => RateVerdict::Slip(slip),
        None => RateVerdict::Fits,
    }
}

pub fn show_rate(hundredths: i64) -> String {
    format!("{}.{:02}%", hundredths / 100, (hundredths % 100).abs())
}

/// The running text as one string without white space, so a sentence is read whole
/// across line breaks, with where each byte of it is printed.
pub struct Joined {
    pub text: String,
    /// (byte offset where a line starts in `text`, where that line is printed).
    starts: Vec<(usize, Location)>,
}

impl Joined {
    pub fn of(cx: &Cx<'_>) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::new();
        for l in &cx.report.text {
            starts.push((text.len(), cx.at_line(l)));
            text.extend(l.text.chars().filter(|c| !c.is_whitespace()));
        }
        Joined { text, starts }
    }

    /// Where the byte at `offset` is printed.
    pub fn at(&self, offset: usize) -> Location {
        let i = self.starts.partition_point(|(start, _)| *start <= offset);
        self.starts
            .get(i.saturating_sub(1))
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    }

    /// Where the printed line holding `offset` starts in `text`.
    pub fn line_start(&self, offset: usize) -> usize {
        let i = self.starts.partition_point(|(start, _)| *start <= offset);
        self.starts
            .get(i.saturating_sub(1))
            .map_or(0, |(start, _)| *start)
    }

    /// The sentence around `offset`: from after the `。` before it to its own `。`.
    pub fn sentence(&self, offset: usize) -> &str {
        let start = self.text[..offset]
            .rfind('。')
            .map_or(0, |i| i + '。'.len_utf8());
        let end = self.text[offset..]
            .find('。')
            .map_or(self.text.len(), |i| offset + i + '。'.len_utf8());
        &self.text[start..end]
    }
}

/// A government's budget or 决算 (a district's, a town's: `预算草案`, `全区一般公共预算收入`,
/// `上解上级支出`), not a department's: its contents are the 四本 budgets, transfers and debt,
/// which the department rules this rule holds do not describe.
pub fn government_report(text: &str) -> bool {
    static GOVERNMENT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"预算草案|预算稳定调节基金|债务转贷|上解上级支出|本级预算支出|全[省市区县州镇乡旗](?:财政)?一般公共预算(?:总)?(?:收入|支出)|地方一般公共预算收入",
        )
        .expect("valid")
    });
    // A government's revenue is its taxes and the rest; a department reports neither.
    GOVERNMENT.is_match(text) || text.contains("税收收入") && text.contains("非税收入")
}

/// A trade union's accounts (`我校工会2023年度财务收支情况`: 工会拨交经费收入, 会员会费收入),
/// not a department's budget or 决算 (probe 16's 04): the disclosure rules do not shape it.
pub fn union_accounts(text: &str) -> bool {
    // Its income, not 工会经费, which every budget spends.
    (text.contains("会费收入") || text.contains("拨交经费")) && !names_department_report(text)
}

/// Whether a text names a department's or unit's budget or 决算 anywhere.
fn names_department_report(text: &str) -> bool {
    ["部门预算", "部门决算", "单位预算", "单位决算"]
        .iter()
        .any(|w| text.contains(w))
}

/// A public hospital's (or another institution's) financial disclosure
/// (`常州市金坛第一人民医院2020年财务信息公开`, probe 22's 12: 业务收入, 门急诊人次): its own
/// rules shape it, not the department budget disclosure rules.
pub fn financial_disclosure(text: &str) -> bool {
    text.contains("财务信息公开") && !names_department_report(text)
}

/// A text the department disclosure rules do not shape: a government's budget or execution
/// report, a trade union's accounts, an institution's financial disclosure. Their sections
/// are not asked for.
pub fn outside_department_rules(text: &str) -> bool {
    government_report(text) || union_accounts(text) || financial_disclosure(text)
}

/// A finance bureau's note on the execution so far (`1-8月份，地方一般公共预算收入完成…`,
/// `截至2015年8月底，累计完成…`): a bulletin of figures, not a report that must give reasons.
pub fn execution_bulletin(text: &str) -> bool {
    static PERIOD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"1[-—－~至]1?[0-9]月|截至[0-9年]{0,6}1?[0-9]月底").expect("valid")
    });
    government_report(text) && PERIOD.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::chinese_number;

    #[test]
    fn numbers_in_both_numerals() {
        for (text, n) in [
            ("13", 13),
            ("三", 3),
            ("十", 10),
            ("十三", 13),
            ("二十", 20),
            ("二十一", 21),
        ] {
            assert_eq!(chinese_number(text), Some(n), "{text}");
        }
        assert_eq!(chinese_number("三十三十"), None);
    }

    /// Rates from outside reports and a visible one: cut (40.48% for 40.4887%), rounded the
    /// wrong way at one decimal (33.1% for 33.047%), or rounded right.
    #[test]
    fn a_rate_cut_short_is_not_its_rounding() {
        use super::{rounding_slip, rounds_to, Ratio};
        let ratio = |part, part_slack, whole, whole_slack| Ratio {
            part,
            part_slack,
            whole,
            whole_slack,
        };
        // 707.13万元 over 1746.50万元, in fen, each printed to 0.01万元 (slack 5,000 fen; the
        // prior, this year's less the change, 10,000).
        let grew = ratio(707_130_000, 5_000, 1_746_500_000, 10_000);
        assert!(!rounds_to(4048, 0, grew));
        assert!(rounds_to(4049, 0, grew));
        // A whole 元 figure's slack lets a share sit on either side of a half.
        assert!(rounds_to(5000, 50, ratio(50_000, 50, 100_050, 50)));
        let fell = ratio(3_117_380_000, 5_000, 9_433_070_000, 10_000);
        let slip = rounding_slip(3310, 5, fell).unwrap();
        assert_eq!(
            (
                slip.stated.as_str(),
                slip.exact.as_str(),
                slip.right.as_str()
            ),
            ("33.1%", "33.0474%", "33.0%")
        );
        let jiancha = ratio(2_228_780_000, 5_000, 21_940_960_000, 10_000);
        let slip = rounding_slip(1015, 0, jiancha).unwrap();
        assert_eq!(
            (slip.exact.as_str(), slip.right.as_str()),
            ("10.1581%", "10.16%")
        );
        assert!(rounding_slip(1016, 0, jiancha).is_none());
    }

    /// A trailing zero printed is no rounding: `占29.10%` has two decimals, `29.1%` one.
    #[test]
    fn a_rate_s_decimals_are_read_from_its_text() {
        use super::stated_rounding_in;
        assert_eq!(
            stated_rounding_in(2910, Some("人员类项目支出375.95万元，占29.10%，")),
            0
        );
        assert_eq!(stated_rounding_in(2910, Some("占29.10 %")), 0);
        assert_eq!(stated_rounding_in(2910, Some("占29.1%，")), 5);
        assert_eq!(stated_rounding_in(2910, Some("占129.10%")), 5);
        assert_eq!(stated_rounding_in(3100, None), 50);
    }
}
