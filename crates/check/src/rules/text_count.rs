use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Severity};

use crate::util::{around, chinese_number, Cx, Joined};
use crate::Rule;

/// R-TEXT-COUNT: a count the text gives of what it then lists (`设9个内设机构，分别为：…`)
/// is the number of names listed.
pub struct TextCount;

impl Rule for TextCount {
    fn id(&self) -> &'static str {
        "R-TEXT-COUNT"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "说明中的个数与列出的名称数不符"
    }
    fn doc(&self) -> &'static str {
        "A count of bodies the text then names one by one (`设9个内设机构，分别为：办公室、…`, \
`下属单位包括5个：…`, 内设机构 / 科室 / 股室 / 处室 / 下属单位 / 二级单位 / 预算单位) must equal \
the names listed up to the 。, separated by 、 or ； (a last pair joined by 和 or 及 may count \
as one or two). And the parts a 其中 lists of a count (`二级预算单位0个，其中行政单位7个`) \
cannot add up to more than it: an error (a part counted on another line — 实有, 退休, 女, \
党员 — ends the list, and so do parts that already make the whole, unless the whole is 0 \
(`二级决算单位0个，其中行政单位0个，参照公务员法管理的事业单位1个`); who holds some of a part \
(`区财政局占用1名`) is no part, nor are the parts of a part named by its name (`在职人数49，行政在职人数19、…`); \
a figure right after 人数 counts people without its 人 (`编制人数42，其中：行政编制人数19、…`); but a whole's own \
partition goes on: the kinds of 编制 of a 核定编制, 在职 / 退休 / 离休 / 遗属 of a 实有 or 财政供养 \
count that is not only the on-duty staff's; a part's change, `与比上年减少4人`, and the parts \
of a part after 包括 are no parts). A partition that names the rest of its whole (`…退休人员0人；年末 \
其他人员0人`) is all of it, and then its parts cannot fall short of the whole either. Why: 南漳县招商服务中心's 2019 决算 says 设9个内设机构 and lists eight; one of \
the two is wrong."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static LISTED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"([0-9]{1,3}|[一二三四五六七八九十]{1,3})个(内设机构|职能科室|科室|股室|处室|下属单位|二级单位|预算单位)[，,]?(?:分别为|分别是|包括|即)[：:]?([^。]+)",
            )
            .expect("valid")
        });
        let joined = Joined::of(cx);
        for c in LISTED.captures_iter(&joined.text) {
            let Some(said) = chinese_number(&c[1]).map(|n| n as usize) else {
                continue;
            };
            let list = c[3].trim_end_matches(['等', '；', ';']);
            // `等` leaves the list open.
            if c[3].contains('等') {
                continue;
            }
            let names: Vec<&str> = list
                .split(['、', '；', ';'])
                .filter(|n| !n.is_empty())
                .collect();
            let joined_last = names
                .last()
                .is_some_and(|n| n.contains('和') || n.contains('及'));
            if names.len() == said || joined_last && names.len() + 1 == said {
                continue;
            }
            let m = c.get(0).expect("match");
            out.push(
                Diagnostic::warning(
                    self.id(),
                    format!(
                        "说明称{}个{}，列出的却是{}个：{}",
                        &c[1],
                        &c[2],
                        names.len(),
                        around(&joined.text, m.start(), m.len())
                    ),
                    joined.at(m.start()),
                )
                .with_hint("核对个数与所列名称"),
            );
        }
        self.parts_over_whole(&joined, out);
    }
}

impl TextCount {
    /// `二级预算单位0个，其中行政单位7个`, `职工19人，其中在编人员13人，招聘2人，临时工
    /// 5人`: the parts a 其中 lists of a count cannot add up to more than it. A part that
    /// counts on another line (实有, 退休, 女, 党员, 以上…) ends the list.
    fn parts_over_whole(&self, joined: &Joined, out: &mut Vec<Diagnostic>) {
        static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"([0-9]{1,5})(个|人|名|辆)?[，,]?其中[：:]?").expect("valid")
        });
        static PART: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"^([\u{4e00}-\u{9fff}（）()]{1,16}?)(?:为|有)?([0-9]{1,5})(个|人|名|辆)?(?:[（(][^（()）]{1,30}[）)])?([、，,；;]?)",
            )
            .expect("valid")
        });
        const OTHER_LINE: &[&str] = &[
            "实有",
            "现有",
            "在职",
            "实际",
            "退休",
            "离休",
            "遗属",
            "编制",
            "空编",
            "超编",
            "女",
            "男",
            "党员",
            "民族",
            "以上",
            "以下",
            "学历",
            "本科",
            "研究生",
            "大专",
            "其中",
            "年",
            "新增",
            "减少",
            "增加",
            "另",
        ];
        for c in WHOLE.captures_iter(&joined.text) {
            let Ok(whole) = c[1].parse::<u64>() else {
                continue;
            };
            let m = c.get(0).expect("match");
            // What the whole counts, read back to the clause before it (`核定编制`,
            // `实有财政供养人数`): its own partition is no other line.
            let label = joined.text[..m.start()]
                .rsplit(['，', ',', '。', '；', ';', '：', ':'])
                .next()
                .unwrap_or("");
            // `编制人数42,其中:行政编制人数19、…` (probe 21's 03): a 人数 printed without its
            // 人 counts people all the same; any other bare figure is no count.
            let Some(unit) = c.get(2).map(|u| u.as_str()).or_else(|| bare_people(label)) else {
                continue;
            };
            let partition: &[&str] = if label.contains("编制") {
                &["编制"]
            } else if ["实有", "供养", "现有"].iter().any(|w| label.contains(w))
                // `现有在岗职工34人，其中：在编21人，聘用13人，退休职工10人`: the on-duty
                // staff, whom the retired are not part of.
                && !["在职", "在岗", "在编"].iter().any(|w| label.contains(w))
            {
                &["在职", "退休", "离休", "遗属"]
            } else {
                &[]
            };
            let mut rest = &joined.text[m.end()..];
            let mut parts: Vec<u64> = Vec::new();
            let mut complete = false;
            let mut last_label: Option<String> = None;
            while let Some(p) = PART.captures(rest) {
                let Some(part_unit) = p.get(3).map(|u| u.as_str()).or_else(|| bare_people(&p[1]))
                else {
                    break;
                };
                // `在职人数49,行政在职人数19、…自收自支在职人数13;退休人数13`: the parts of
                // the part before, each named by its name, no parts of the whole.
                if last_label
                    .as_deref()
                    .is_some_and(|l| p[1].len() > l.len() && p[1].ends_with(l))
                {
                    rest = &rest[p.get(0).expect("match").end()..];
                    continue;
                }
                // `在职职工40人，与比上年减少4人；退休18人`: a part's change, no part.
                // `行政编制20名,区财政局占用1名;`: who holds some of a part, no part.
                if (own_change(&p[1]) || p[1].contains("占用")) && !p[4].is_empty() {
                    rest = &rest[p.get(0).expect("match").end()..];
                    continue;
                }
                // `在职人员48人，包括行政人员22人，全部补助事业人员26人；退休人员15人`: the
                // parts of a part, no parts of the whole.
                if p[1].starts_with("包括") {
                    let mut left = parts.last().copied().unwrap_or(0);
                    let mut sub = Some(p);
                    while let Some(q) = sub.filter(|_| left > 0) {
                        left = left.saturating_sub(q[2].parse().unwrap_or(0));
                        rest = &rest[q.get(0).expect("match").end()..];
                        sub = PART.captures(rest);
                    }
                    continue;
                }
                // `…退休人员0人；年末其他人员0人`: the rest of the whole, which closes it.
                let rest_of_whole = !partition.is_empty() && p[1].contains("其他");
                let own = (rest_of_whole || partition.iter().any(|w| p[1].contains(w)))
                    && !["实有", "现有", "实际", "空编", "超编", "其中"]
                        .iter()
                        .any(|w| p[1].contains(w));
                if part_unit != unit || !own && OTHER_LINE.iter().any(|w| p[1].contains(w)) {
                    break;
                }
                parts.push(p[2].parse().unwrap_or(0));
                last_label = Some(p[1].to_owned());
                complete |= rest_of_whole;
                rest = &rest[p.get(0).expect("match").end()..];
                // Parts that already make the whole close the list: what follows counts
                // on another line (`总人口48368人，其中农业人口40556人，城镇人口7812人，街镇
                // 常住人口2378人`) — unless the whole's own partition goes on (`在职40人…；退休
                // 18人…；遗属1人` of 实有财政供养人数58人, probe 18's 01).
                let goes_on = || {
                    let mut next = PART.captures(rest);
                    // Past a part's own change (`，与比上年减少0人；`).
                    if let Some(end) = next
                        .as_ref()
                        .filter(|n| own_change(&n[1]))
                        .map(|n| n.get(0).expect("match").end())
                    {
                        next = PART.captures(&rest[end..]);
                    }
                    next.is_some_and(|n| partition.iter().any(|w| n[1].contains(w)))
                };
                // A whole of none is made by no part yet (`二级决算单位0个,其中行政单位0个,参照
                // 公务员法管理的事业单位1个`, probe 20's 02).
                if p[4].is_empty() || whole > 0 && parts.iter().sum::<u64>() == whole && !goes_on()
                {
                    break;
                }
            }
            let sum: u64 = parts.iter().sum();
            let start = m.start();
            let len = joined.text.len() - rest.len() - start;
            // A list that names the rest of the whole (其他) is all of it.
            if complete && sum < whole {
                out.push(
                    Diagnostic::error(
                        self.id(),
                        format!(
                            "说明称共{whole}{unit}，其中所列各项连同“其他”合计{sum}{unit}，少于总数：{}",
                            around(&joined.text, start, len)
                        ),
                        joined.at(start),
                    )
                    .with_hint("核对总数与其中各项"),
                );
                continue;
            }
            if parts.is_empty() || sum <= whole {
                continue;
            }
            out.push(
                Diagnostic::error(
                    self.id(),
                    format!(
                        "说明称共{whole}{unit}，其中所列各项合计{sum}{unit}，多于总数：{}",
                        around(&joined.text, start, len)
                    ),
                    joined.at(start),
                )
                .with_hint("核对总数与其中各项"),
            );
        }
    }
}

/// `人`, for a figure printed right after 人数 without its unit (`编制人数42`).
fn bare_people(label: &str) -> Option<&'static str> {
    label.ends_with("人数").then_some("人")
}

/// A part's own change (`与比上年减少4人`), printed among the parts: no part.
fn own_change(words: &str) -> bool {
    ["比", "较"].iter().any(|w| words.contains(w))
        && ["增加", "减少", "持平"].iter().any(|w| words.contains(w))
}
