//! The unit's name as headings print it.

/// The unit's name a heading prints before its year, without the heading's number
/// (`第一部分`, `二、`) and the `部门` / `单位` after it; empty when it is a sentence
/// (`按照《预算法》…，现将`), not a name.
pub fn unit_name_before(text: &str) -> &str {
    // A web page's field table (`名称|商洛市统计局2016年部门预算说明(2)|`, probe 24's 02): the
    // name is the field's value, after its label's cell.
    let text = text.rsplit(['|', '｜']).next().unwrap_or(text);
    let mut name = text
        .trim_start_matches(|c: char| "第一二三四五六七八九十部分、．.:： ".contains(c))
        .trim_end();
    // `纳入天津市武清区河西务镇人民政府2023年部门预算编制范围的…`.
    name = name.strip_prefix("纳入").unwrap_or(name);
    // `广水市白泉卫生院部门2023年度部门决算`, `重庆市巫溪县档案馆单位 2022年度…`.
    while let Some(bare) = name
        .strip_suffix("部门")
        .or_else(|| name.strip_suffix("单位"))
    {
        name = bare.trim_end();
    }
    let sentence = name
        .chars()
        .any(|c| "，,。；;：:《》<>“”!！?？".contains(c))
        || ["按照", "根据", "现将", "经"]
            .iter()
            .any(|w| name.starts_with(w));
    if sentence || name.chars().count() > 40 {
        ""
    } else {
        name
    }
}

/// Whether a name ends in the word of a kind of body (`局`, `卫生院`, `中心`, `人民政府`),
/// a note on it in brackets aside (`武山县气象局(人影中心)`): a unit's name, not a
/// heading's words (`预算收支及增减变化情况`).
pub fn is_unit_name(name: &str) -> bool {
    let bare = match name.strip_suffix([')', '）']) {
        Some(open) => open.rsplit_once(['(', '（']).map_or(open, |(n, _)| n),
        None => name,
    };
    bare.chars()
        .last()
        .is_some_and(|c| "局院会委办室所站馆校学园心府处队部厅社团场台司庭署央联".contains(c))
}

/// A heading that names a report of a unit before its year (`上海市普陀区财政局2024年度部门决算`,
/// `二、刘堡镇卫生院2021年度部门决算情况说明`): the name it prints, empty when it prints none
/// (`2017年部门预算` under the cover's name) or prints a sentence, not a name. None for a
/// line that is no such heading.
pub fn heading_unit_name(line: &str) -> Option<&str> {
    let at = line.find("20")?;
    let rest = &line[at..];
    let is_heading = rest.len() > 6
        && rest
            .as_bytes()
            .get(..4)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
        && ["部门决算", "部门预算", "单位预算", "单位决算"]
            .iter()
            .any(|w| rest.contains(w));
    is_heading.then(|| unit_name_before(&line[..at]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_names_its_unit_before_the_year() {
        assert_eq!(
            heading_unit_name("二、刘堡镇卫生院2021年度部门决算情况说明"),
            Some("刘堡镇卫生院")
        );
        // A web page's field table (probe 24's 02): the value, not its label's cell.
        assert_eq!(
            heading_unit_name("名称|商洛市统计局2016年部门预算说明(2)|||||"),
            Some("商洛市统计局")
        );
        assert_eq!(
            heading_unit_name("按照《预算法》，现将2021年部门决算公开如下"),
            Some("")
        );
    }
}
