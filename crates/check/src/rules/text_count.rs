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
as one or two). Why: 南漳县招商服务中心's 2019 决算 says 设9个内设机构 and lists eight; one of \
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
    }
}
