//! Years as reports print them: the first `20xx年` of a title, and the years a text names
//! as the year of a report (`2023年部门预算`), which extraction and the year rule read alike.

/// The first `20xx年` in a text.
pub fn first_year(text: &str) -> Option<u16> {
    text.match_indices("20").find_map(|(i, _)| year_at(text, i))
}

/// The `20xx年` starting at byte `i`.
fn year_at(text: &str, i: usize) -> Option<u16> {
    let y = text.get(i..i + 4)?;
    (y.bytes().all(|c| c.is_ascii_digit()) && text.get(i + 4..)?.starts_with('年'))
        .then(|| y.parse().ok())
        .flatten()
}

/// Every `20xx年` the text names, in order.
pub fn years_in(text: &str) -> Vec<u16> {
    text.match_indices("20")
        .filter_map(|(i, _)| year_at(text, i))
        .collect()
}

/// Each year the text names as a report's (`2022年度部门预算`, `2022年决算`), with the byte
/// offset it starts at. A figure of a year is no report: `2022年预算执行数`, a column
/// `2023年预算数`, an amount `2023年预算3万元`. The text is read without white space.
/// Whether the year at byte `i` is one compared with (`较2022年`, `比2021年减少`,
/// `与2022年相比`, `上2022年`, `至2023年`), not the text's own.
pub fn compared(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| "较比与同上至".contains(c) || c.is_ascii_digit())
}

/// The first year the text names as its own, not one it compares with.
pub fn first_own_year(text: &str) -> Option<u16> {
    text.match_indices("20").find_map(|(i, _)| {
        let y = text.get(i..i + 4)?;
        (y.bytes().all(|c| c.is_ascii_digit())
            && text.get(i + 4..)?.starts_with('年')
            && !compared(text, i))
        .then(|| y.parse().ok())
        .flatten()
    })
}

pub fn report_years(text: &str) -> Vec<(usize, u16)> {
    text.match_indices("20")
        .filter_map(|(i, _)| {
            let y = text
                .get(i..i + 4)
                .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
            let rest = text[i + 4..].strip_prefix('年')?;
            let rest = rest.strip_prefix('度').unwrap_or(rest);
            let rest = ["部门", "单位"]
                .iter()
                .find_map(|p| rest.strip_prefix(p))
                .unwrap_or(rest);
            let rest = rest
                .strip_prefix("预算")
                .or_else(|| rest.strip_prefix("决算"))?;
            let figure =
                rest.starts_with(['执', '数']) || rest.starts_with(|c: char| c.is_ascii_digit());
            (!figure).then(|| y.parse().ok().map(|y| (i, y))).flatten()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_compared_with_is_not_the_texts_own() {
        assert_eq!(
            first_own_year("编制数比2021年减少，2023年度收入总计"),
            Some(2023)
        );
        assert_eq!(first_own_year("与2022年相比"), None);
    }

    #[test]
    fn years_of_reports_and_of_figures() {
        assert_eq!(first_year("表一2024年预算收支总表"), Some(2024));
        assert_eq!(first_year("收支总表"), None);
        let years = |t: &str| {
            report_years(t)
                .into_iter()
                .map(|(_, y)| y)
                .collect::<Vec<_>>()
        };
        assert_eq!(years("2023年部门预算未安排购置车辆"), [2023]);
        assert_eq!(years("上海市普陀区财政局2024年度部门决算"), [2024]);
        assert_eq!(
            years("比2023年预算执行数增加，2022年预算执行数为5.00万元"),
            Vec::<u16>::new()
        );
        assert_eq!(years("项目|2023年预算数|2024年预算数"), Vec::<u16>::new());
        assert_eq!(years("按照2023年预算3万元公务接待费"), Vec::<u16>::new());
    }
}
