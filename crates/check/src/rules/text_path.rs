use yusuan_model::{Diagnostic, Severity};

use crate::rules::statements::{at, path, resolve};
use crate::util::{name_key, Cx};
use crate::Rule;

/// R-TEXT-PATH: the names of a statement's 类 / 款 / 项 path are the names the report's
/// tables print for those codes.
pub struct TextPath;

impl Rule for TextPath {
    fn id(&self) -> &'static str {
        "R-TEXT-PATH"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn title(&self) -> &'static str {
        "说明中科目的类、款名称与表中一致"
    }
    fn doc(&self) -> &'static str {
        "A statement names its 项 by a path of names (`医疗卫生与计划生育支出（类）行政事业单位医疗（款）\
事业单位医疗（项）`). Once the path is tied to a code by its last name, each outer name must be the \
name the report's own tables print for that 类 or 款 code; a stale name (医疗卫生与计划生育支出 for \
卫生健康支出 since 2018) or a wrong 款 is a warning. Names are compared whole, white space and \
bracket width ignored. Why: a reader follows the path to the table; a name the tables do not \
use sends them elsewhere."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let mut seen = std::collections::BTreeSet::new();
        for s in crate::rules::statements::items(cx) {
            let names = path(s);
            let Some(code) = resolve(cx, names) else {
                continue;
            };
            for (level, name) in names.iter().enumerate().take(names.len() - 1) {
                let digits = [3, 5, 7][level];
                let Some(prefix) = code.get(..digits) else {
                    continue;
                };
                let printed: Vec<&str> = cx
                    .report
                    .tables
                    .iter()
                    .flat_map(|t| &t.blocks)
                    .flat_map(|b| &b.rows)
                    .filter(|r| r.code.as_deref() == Some(prefix))
                    .map(|r| r.name.as_str())
                    .collect();
                // `公共安全（类）` for 公共安全支出: the class named without its 支出 is the same.
                let same = |p: &str| {
                    let (p, n) = (name_key(p), name_key(name));
                    p == n || p.strip_suffix("支出") == Some(n.as_str())
                };
                if printed.is_empty() || printed.iter().any(|p| same(p)) {
                    continue;
                }
                // One finding for each misnamed code, however many items repeat it.
                if !seen.insert((prefix.to_owned(), name_key(name))) {
                    continue;
                }
                let marker = ["（类）", "（款）", "（项）"][level];
                out.push(
                    Diagnostic::warning(
                        self.id(),
                        format!(
                            "说明中“{name}{marker}”与表中 {prefix} 的名称「{}」不一致",
                            printed[0]
                        ),
                        at(cx, s, None),
                    )
                    .with_hint("按当年科目表和本报告表中的名称书写"),
                );
            }
        }
    }
}
