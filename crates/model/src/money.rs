//! Exact money: integer fen (分) inside, 元 or 万元 with two decimals when printed.
//!
//! A printed cell is rounded on its own (half away from zero), so printed parts can
//! miss a printed total by 0.01 per term. That is why [`Printed`] keeps the printed
//! value as its own type instead of pretending it is an amount.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub};

use serde::{Deserialize, Serialize};

/// An exact amount of money in fen (1 元 = 100 分).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Amount(pub i64);

/// The unit a table prints its amounts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MoneyUnit {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "万元")]
    WanYuan,
}

impl MoneyUnit {
    /// How many fen one printed hundredth (the last printed digit) is worth.
    pub const fn fen_per_hundredth(self) -> i64 {
        match self {
            MoneyUnit::Yuan => 1,
            MoneyUnit::WanYuan => 10_000,
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::WanYuan => "万元",
        }
    }

    pub fn from_label(s: &str) -> Option<Self> {
        match s.trim() {
            "元" => Some(MoneyUnit::Yuan),
            "万元" => Some(MoneyUnit::WanYuan),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseAmountError {
    #[error("金额为空")]
    Empty,
    #[error("金额「{0}」不是数字")]
    NotANumber(String),
    #[error("金额「{0}」小数位超过两位")]
    TooManyDecimals(String),
    #[error("金额「{0}」超出范围")]
    Overflow(String),
}

/// Parses a decimal with at most two fractional digits into hundredths.
/// Accepts thousands separators (`1,087.83`), a leading sign and surrounding blanks.
fn parse_hundredths(text: &str) -> Result<i64, ParseAmountError> {
    parse_printed(text).map(|(h, _)| h)
}

/// Like [`parse_hundredths`], with the number of decimals printed (0 to 2).
fn parse_printed(text: &str) -> Result<(i64, u8), ParseAmountError> {
    let s: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    if s.is_empty() {
        return Err(ParseAmountError::Empty);
    }
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, f),
        None => (digits, ""),
    };
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty())
        || !all_digits(int_part)
        || !all_digits(frac_part)
    {
        return Err(ParseAmountError::NotANumber(text.trim().to_owned()));
    }
    if frac_part.len() > 2 {
        return Err(ParseAmountError::TooManyDecimals(text.trim().to_owned()));
    }
    let overflow = || ParseAmountError::Overflow(text.trim().to_owned());
    let int: i64 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().map_err(|_| overflow())?
    };
    let mut frac: i64 = if frac_part.is_empty() {
        0
    } else {
        frac_part.parse().map_err(|_| overflow())?
    };
    if frac_part.len() == 1 {
        frac *= 10;
    }
    let value = int
        .checked_mul(100)
        .and_then(|v| v.checked_add(frac))
        .ok_or_else(overflow)?;
    Ok((if negative { -value } else { value }, frac_part.len() as u8))
}

fn fmt_hundredths(value: i64, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
}

impl Amount {
    pub const ZERO: Amount = Amount(0);

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Parses an amount in 元 with at most two decimals (`1,087.83`, `1000000`).
    pub fn parse_yuan(text: &str) -> Result<Amount, ParseAmountError> {
        parse_hundredths(text).map(Amount)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Rounds to the printed unit, half away from zero: the way the reports round each cell.
    pub fn round_to(self, unit: MoneyUnit) -> Printed {
        let step = unit.fen_per_hundredth();
        let half = step / 2;
        let q = if self.0 >= 0 {
            (self.0 + half) / step
        } else {
            -((-self.0 + half) / step)
        };
        Printed::new(q, unit)
    }

    /// The amount in 元 with two decimals (`1087.83`).
    pub fn yuan(self) -> String {
        self.round_to(MoneyUnit::Yuan).to_string()
    }
}

impl fmt::Display for Amount {
    /// Prints 元 with two decimals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_hundredths(self.0, f)
    }
}

impl Add for Amount {
    type Output = Amount;
    fn add(self, rhs: Amount) -> Amount {
        Amount(self.0 + rhs.0)
    }
}

impl AddAssign for Amount {
    fn add_assign(&mut self, rhs: Amount) {
        self.0 += rhs.0;
    }
}

impl Sub for Amount {
    type Output = Amount;
    fn sub(self, rhs: Amount) -> Amount {
        Amount(self.0 - rhs.0)
    }
}

impl Neg for Amount {
    type Output = Amount;
    fn neg(self) -> Amount {
        Amount(-self.0)
    }
}

impl Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        Amount(iter.map(|a| a.0).sum())
    }
}

/// A figure as printed in a table, in the table's unit, with as many decimals as were
/// printed (`80`, `3990.4`, `1,087.83`; a built figure has two).
///
/// Only printed figures are compared with printed figures; converting one to an
/// [`Amount`] gives the midpoint of the interval it was rounded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Printed {
    /// The value in hundredths of `unit` (0.01 万元 = 1).
    pub hundredths: i64,
    pub unit: MoneyUnit,
    /// Decimals as printed, 0 to 2.
    #[serde(default = "two_decimals", skip_serializing_if = "has_two_decimals")]
    pub decimals: u8,
}

fn two_decimals() -> u8 {
    2
}

fn has_two_decimals(d: &u8) -> bool {
    *d == 2
}

impl Printed {
    /// A figure printed with two decimals.
    pub const fn new(hundredths: i64, unit: MoneyUnit) -> Printed {
        Printed {
            hundredths,
            unit,
            decimals: 2,
        }
    }

    /// Reads a figure as printed, keeping how many decimals it has.
    pub fn parse(text: &str, unit: MoneyUnit) -> Result<Printed, ParseAmountError> {
        parse_printed(text).map(|(hundredths, decimals)| Printed {
            hundredths,
            unit,
            decimals,
        })
    }

    /// Reads a figure from running text, where 万元 may be printed to the 元 or to the fen
    /// (`31.9332万元`, `707.132545万元`): such a figure is held in 元, exactly, with the
    /// decimals that are left (`319332` 元, `7071325.45` 元). Three decimals of 万元 (tens of
    /// 元) have no such form and are refused like any figure past two decimals.
    pub fn parse_text(text: &str, unit: MoneyUnit) -> Result<Printed, ParseAmountError> {
        let decimals = text.trim().split_once('.').map_or(0, |(_, f)| f.len());
        if unit != MoneyUnit::WanYuan || !(4..=6).contains(&decimals) {
            return Printed::parse(text, unit);
        }
        // 万元 to 元: the point moves four places right.
        let (int, frac) = text.trim().split_once('.').expect("decimals were counted");
        let moved = format!("{int}{}.{}", &frac[..4], &frac[4..]);
        let moved = moved.trim_end_matches('.');
        Printed::parse(moved, MoneyUnit::Yuan)
    }

    /// A figure with its unit as running text prints it (`1,087.83万元`, `80元`), read as
    /// [`Printed::parse_text`] reads its number.
    pub fn read(figure: &str) -> Option<Printed> {
        let (number, unit) = figure
            .strip_suffix("万元")
            .map(|n| (n, MoneyUnit::WanYuan))
            .or_else(|| figure.strip_suffix('元').map(|n| (n, MoneyUnit::Yuan)))?;
        Printed::parse_text(number, unit).ok()
    }

    pub fn is_zero(self) -> bool {
        self.hundredths == 0
    }

    /// The exact amount this figure names if it was not rounded.
    pub fn to_amount(self) -> Amount {
        Amount(self.hundredths * self.unit.fen_per_hundredth())
    }

    /// Half a unit of the last printed digit, in fen: the most this figure's own rounding
    /// can hide. `1,087.83` 万元: 5,000 fen (0.005 万元); a whole-元 `9,501,164`: 50 fen;
    /// `3990.4` 万元: 50,000 fen. A 元 figure with two decimals is exact: 0. So is a printed
    /// zero (`工程预算0万元` says there is none, not that there is under 0.5 万元).
    pub const fn half_unit_fen(self) -> i64 {
        if self.hundredths == 0 {
            return 0;
        }
        let per_digit = match self.decimals {
            0 => 100,
            1 => 10,
            _ => 1,
        };
        self.unit.fen_per_hundredth() * per_digit / 2
    }

    /// Re-expresses the figure in another unit, rounding half away from zero.
    pub fn convert(self, unit: MoneyUnit) -> Printed {
        if unit == self.unit {
            self
        } else {
            self.to_amount().round_to(unit)
        }
    }
}

impl fmt::Display for Printed {
    /// As printed, without thousands separators: the tidy form (`80`, `3990.4`, `1087.83`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.hundredths < 0 { "-" } else { "" };
        let abs = self.hundredths.unsigned_abs();
        match self.decimals {
            0 if abs.is_multiple_of(100) => write!(f, "{sign}{}", abs / 100),
            1 if abs.is_multiple_of(10) => write!(f, "{sign}{}.{}", abs / 100, abs % 100 / 10),
            _ => fmt_hundredths(self.hundredths, f),
        }
    }
}

/// Formats hundredths with thousands separators (`1,087.83`), as documents print them.
pub fn with_separators(p: Printed) -> String {
    let plain = p.to_string();
    let (sign, rest) = plain
        .strip_prefix('-')
        .map_or(("", plain.as_str()), |r| ("-", r));
    let (int, frac) = rest.split_once('.').unwrap_or((rest, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 万元 printed to the 元 or the fen in running text (two outside 预算 explanations):
    /// held in 元, exactly, with what rounding the last digit allows.
    #[test]
    fn running_text_may_print_wan_yuan_to_the_yuan() {
        let p = Printed::parse_text("31.9332", MoneyUnit::WanYuan).unwrap();
        assert_eq!(
            (p.hundredths, p.unit, p.decimals),
            (31_933_200, MoneyUnit::Yuan, 0)
        );
        assert_eq!(p.half_unit_fen(), 50);
        let p = Printed::parse_text("707.132545", MoneyUnit::WanYuan).unwrap();
        assert_eq!(p.to_amount(), Amount(707_132_545));
        assert_eq!(p.half_unit_fen(), 0);
        let p = Printed::parse_text("1,234.56789", MoneyUnit::WanYuan).unwrap();
        assert_eq!((p.to_amount(), p.decimals), (Amount(1_234_567_890), 1));
        assert!(Printed::parse_text("1.234", MoneyUnit::WanYuan).is_err());
        assert!(Printed::parse_text("1.2345", MoneyUnit::Yuan).is_err());
        assert_eq!(
            Printed::parse_text("12.5", MoneyUnit::WanYuan),
            Printed::parse("12.5", MoneyUnit::WanYuan)
        );
        // With its unit, as a sentence prints it.
        assert_eq!(
            Printed::read("31.9332万元").map(Printed::to_amount),
            Some(Amount(31_933_200))
        );
        assert_eq!(
            Printed::read("1,080元").map(Printed::to_amount),
            Some(Amount(108_000))
        );
        assert_eq!(Printed::read("80%"), None);
    }

    #[test]
    fn parses_yuan() {
        assert_eq!(Amount::parse_yuan("1,087.83"), Ok(Amount(108_783)));
        assert_eq!(Amount::parse_yuan(" 12 "), Ok(Amount(1_200)));
        assert_eq!(Amount::parse_yuan("0.5"), Ok(Amount(50)));
        assert_eq!(Amount::parse_yuan("-3.07"), Ok(Amount(-307)));
        assert_eq!(Amount::parse_yuan(".25"), Ok(Amount(25)));
        assert!(matches!(
            Amount::parse_yuan("1.234"),
            Err(ParseAmountError::TooManyDecimals(_))
        ));
        assert!(matches!(
            Amount::parse_yuan("12a"),
            Err(ParseAmountError::NotANumber(_))
        ));
        assert!(matches!(
            Amount::parse_yuan("."),
            Err(ParseAmountError::NotANumber(_))
        ));
        assert!(matches!(
            Amount::parse_yuan(""),
            Err(ParseAmountError::Empty)
        ));
        assert!(matches!(
            Amount::parse_yuan("99999999999999999999"),
            Err(ParseAmountError::Overflow(_))
        ));
    }

    #[test]
    fn rounds_half_away_from_zero_per_cell() {
        // 0.005 万元 = 50 元 = 5000 fen rounds up; one fen less rounds down.
        assert_eq!(
            Amount(5_000).round_to(MoneyUnit::WanYuan).to_string(),
            "0.01"
        );
        assert_eq!(
            Amount(4_999).round_to(MoneyUnit::WanYuan).to_string(),
            "0.00"
        );
        assert_eq!(
            Amount(-5_000).round_to(MoneyUnit::WanYuan).to_string(),
            "-0.01"
        );
        assert_eq!(
            Amount(1_087_830_000)
                .round_to(MoneyUnit::WanYuan)
                .to_string(),
            "1087.83"
        );
        assert_eq!(Amount(123).round_to(MoneyUnit::Yuan).to_string(), "1.23");
    }

    #[test]
    fn a_figure_prints_as_it_was_printed() {
        for (text, tidy, grouped) in [
            ("164,978,640", "164978640", "164,978,640"),
            ("3990.4", "3990.4", "3,990.4"),
            ("80", "80", "80"),
            ("1,087.83", "1087.83", "1,087.83"),
            ("-0.5", "-0.5", "-0.5"),
        ] {
            let p = Printed::parse(text, MoneyUnit::Yuan).unwrap();
            assert_eq!(p.to_string(), tidy);
            assert_eq!(with_separators(p), grouped);
        }
        // A built figure has two decimals, and its JSON stays as before.
        let built = Amount(8_000).round_to(MoneyUnit::Yuan);
        assert_eq!(built.to_string(), "80.00");
        assert_eq!(
            serde_json::to_string(&built).unwrap(),
            r#"{"hundredths":8000,"unit":"元"}"#
        );
        let whole: Printed =
            serde_json::from_str(r#"{"hundredths":8000,"unit":"元","decimals":0}"#).unwrap();
        assert_eq!(whole.to_string(), "80");
    }

    #[test]
    fn rounding_slack_follows_the_printed_digits() {
        let slack = |t: &str, u| Printed::parse(t, u).unwrap().half_unit_fen();
        assert_eq!(slack("1,087.83", MoneyUnit::WanYuan), 5_000);
        assert_eq!(slack("3990.4", MoneyUnit::WanYuan), 50_000);
        assert_eq!(slack("80", MoneyUnit::WanYuan), 500_000);
        assert_eq!(slack("94,995,790", MoneyUnit::Yuan), 50);
        assert_eq!(slack("91,016,775.35", MoneyUnit::Yuan), 0);
    }

    #[test]
    fn prints_with_separators() {
        let p = Printed::parse("91016775.35", MoneyUnit::Yuan).unwrap();
        assert_eq!(with_separators(p), "91,016,775.35");
        assert_eq!(
            with_separators(Printed::parse("-0.45", MoneyUnit::WanYuan).unwrap()),
            "-0.45"
        );
        assert_eq!(
            with_separators(Printed::new(10_000, MoneyUnit::Yuan)),
            "100.00"
        );
        assert_eq!(
            with_separators(Printed::parse("100", MoneyUnit::Yuan).unwrap()),
            "100"
        );
    }

    proptest::proptest! {
        #[test]
        fn yuan_text_round_trips(fen in -1_000_000_000_000i64..1_000_000_000_000) {
            let text = Amount(fen).to_string();
            proptest::prop_assert_eq!(Amount::parse_yuan(&text), Ok(Amount(fen)));
        }

        #[test]
        fn rounding_error_is_at_most_half_a_step(fen in -1_000_000_000_000i64..1_000_000_000_000) {
            let p = Amount(fen).round_to(MoneyUnit::WanYuan);
            let err = (p.to_amount().0 - fen).abs();
            proptest::prop_assert!(err <= 5_000);
        }
    }
}
