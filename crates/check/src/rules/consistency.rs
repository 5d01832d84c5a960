use yusuan_model::{Diagnostic, Family, Severity};

use crate::util::{around, text_windows, Cx};
use crate::Rule;

/// R-CONSISTENT: one unit and one kind of report throughout, and the unit's name never
/// cut short.
pub struct Consistent;

impl Rule for Consistent {
    fn id(&self) -> &'static str {
        "R-CONSISTENT"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "各表单位名称、预算/决算一致"
    }
    fn doc(&self) -> &'static str {
        "Every table heading that names its unit (单位名称 / 编制部门 / 部门) names the report's unit, \
and in a 预算 report no table title says 决算 (in a 决算 report every title does). Why: a \
table from another unit or another kind of report is the usual trace of copying; the reader \
would take its figures for this unit's. And the unit's full name is never printed without \
its last character (`《长治市残疾人联合残疾人信访制度》` for 长治市残疾人联合会, when the name \
ends in the word of its kind of body: 会, 局, 院, 委, 办, 厅, 室, 所, 站, 馆, 校, 处), without one \
of its 区 or 县 (`上海市普陀财政局`; a city is often named without its 市), or with its 和 written 与, in the running \
text or a project's texts, for names of six characters or more: a name misprinted is a slip \
of the pen or a trace of another unit's text. A part heading that names the report's unit \
before its year (`兴庆区第十七学习2017年部门预算——单位概况` under a cover of `…兴庆区第十七小学`) \
names it as the cover does: not the same place followed by words as long as the cover's \
that begin as they do and differ in one or two characters (a subordinate unit's name, \
`…残疾人康复中心` in the report of `…残疾人联合会`, is no slip)."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        self.name_cut_short(cx, out);
        self.heading_names_another(cx, out);
        let unit = &cx.report.meta.unit_name;
        for t in &cx.report.tables {
            if let Some(issuer) = t
                .issuer
                .as_deref()
                .filter(|i| !unit.is_empty() && *i != unit)
            {
                out.push(Diagnostic::warning(
                    self.id(),
                    format!("{}的表头单位为「{issuer}」，报告单位为「{unit}」", t.kind),
                    cx.at(t, None, None),
                ));
            }
            let says_final = t.title.contains("决算");
            let wrong = match cx.report.meta.family {
                Family::Budget => says_final,
                Family::Final => !says_final,
            };
            if wrong {
                out.push(Diagnostic::warning(
                    self.id(),
                    format!(
                        "{}报告中的表题「{}」{}",
                        cx.report.meta.family,
                        t.title,
                        if says_final {
                            "写的是决算"
                        } else {
                            "不是决算表"
                        }
                    ),
                    cx.at(t, None, None),
                ));
            }
        }
    }
}

impl Consistent {
    /// The unit's name with a character lost (`长治市残疾人联合` + anything but `会`,
    /// `上海市普陀财政局`) or its 和 written 与.
    fn name_cut_short(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        const BODIES: &str = "会局院委办厅室所站馆校处";
        // 区 and 县 only: `景德镇陶瓷…` for 景德镇市陶瓷… is how cities are named in use.
        const DIVISIONS: &str = "区县";
        let unit: String = cx
            .report
            .meta
            .unit_name
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let chars: Vec<char> = unit.chars().collect();
        if chars.len() < 6 {
            return;
        }
        // (the name as misprinted, what is wrong, whether it lost its last character).
        let mut variants: Vec<(String, String, bool)> = Vec::new();
        let last = chars[chars.len() - 1];
        if BODIES.contains(last) {
            variants.push((
                chars[..chars.len() - 1].iter().collect(),
                format!("少了“{last}”字"),
                true,
            ));
        }
        for (i, c) in chars.iter().enumerate().take(chars.len() - 1) {
            if DIVISIONS.contains(*c) {
                let mut v = chars.clone();
                v.remove(i);
                variants.push((v.into_iter().collect(), format!("少了“{c}”字"), false));
            }
            if *c == '和' {
                let mut v = chars.clone();
                v[i] = '与';
                variants.push((v.into_iter().collect(), "把“和”写作“与”".to_owned(), false));
            }
        }
        for (window, own, location) in text_windows(cx) {
            for (variant, wrong, cut_at_end) in &variants {
                for (at, _) in window
                    .match_indices(variant.as_str())
                    .filter(|(at, _)| *at < own)
                {
                    let next = window[at + variant.len()..].chars().next();
                    if *cut_at_end && next.is_none_or(|c| c == last || !is_cjk(c)) {
                        continue;
                    }
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "单位名称「{unit}」{wrong}：{}",
                                around(&window, at, variant.len())
                            ),
                            location.clone(),
                        )
                        .with_hint(format!("写全单位名称「{unit}」")),
                    );
                }
            }
        }
    }
}

impl Consistent {
    /// A part heading naming the unit otherwise than the cover, past their common place
    /// (`兴庆区第十七学习` for `宁夏回族自治区兴庆区第十七小学`, probe 17's 06).
    fn heading_names_another(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        const PLACES: &[char] = &['省', '市', '区', '县', '镇', '乡', '旗', '州'];
        let unit = cx.report.meta.unit_name.as_str();
        let split = |name: &str| -> (String, Vec<char>) {
            let at = name.rfind(PLACES).map_or(0, |i| i + '区'.len_utf8());
            (name[..at].to_owned(), name[at..].chars().collect())
        };
        let (unit_place, unit_rest) = split(unit);
        if unit_rest.len() < 2 {
            return;
        }
        for line in &cx.report.text {
            let squeezed: String = line.text.chars().filter(|c| !c.is_whitespace()).collect();
            let Some(name) = yusuan_model::heading_unit_name(&squeezed) else {
                continue;
            };
            // A name that lost its last character is name_cut_short's.
            let cut = unit.char_indices().last().map_or(unit, |(i, _)| &unit[..i]);
            if name.chars().count() < 4
                || name.starts_with(cut)
                || unit.ends_with(name)
                || name.ends_with(unit)
                || unit.starts_with(name)
                || name.starts_with(unit)
            {
                continue;
            }
            // The same place, then words as long as the cover's that begin as they do and
            // differ in a character or two: a slip. A subordinate unit's name (`…残疾人康复
            // 中心` in the report of `…残疾人联合会`) is not one.
            let (place, rest) = split(name);
            let common = rest
                .iter()
                .zip(&unit_rest)
                .take_while(|(a, b)| a == b)
                .count();
            let differ = rest.iter().zip(&unit_rest).filter(|(a, b)| a != b).count();
            if !unit_place.ends_with(&place)
                || common < 2
                || rest.len() != unit_rest.len()
                || differ > 2
            {
                continue;
            }
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!("标题中的单位名称「{name}」与封面的「{unit}」不一致"),
                    cx.at_line(line),
                )
                .with_hint(format!("核对单位名称，统一写作「{unit}」")),
            );
        }
    }
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}
