use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::{Diagnostic, Severity, TableKind};

use crate::util::{around, fen, name_key, Cx, Joined};
use crate::Rule;

/// R-TEXT-ECON: the 款 the explanation lists as what 人员经费 or 公用经费 includes are
/// spent in the basic spending tables, under the right one of the two.
pub struct TextEcon;

/// The 经济分类 类 of each group: 人员经费 is 工资福利 and 对个人和家庭的补助, 公用经费
/// is 商品和服务 and 资本性支出.
const GROUPS: [(&str, [&str; 2]); 2] = [("人员经费", ["301", "303"]), ("公用经费", ["302", "310"])];

impl Rule for TextEcon {
    fn id(&self) -> &'static str {
        "R-TEXT-ECON"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "说明列举的人员经费、公用经费科目与基本支出表相符"
    }
    fn doc(&self) -> &'static str {
        "A sentence listing what 人员经费 or 公用经费 includes (`人员经费2152.26万元，主要包括：基本\
工资、津贴补贴……`) names economic 款. Each name that is a row of a table printing 经济分类 \
codes must have money on that row in some such table (an error when every table prints it \
blank or zero), and must belong to its group: 人员经费 is 301 and 303, 公用经费 302 and 310 (a \
warning otherwise; a name no table prints is placed by the catalogue). Names that are neither \
a row nor a 款 of the catalogue are not judged. Why: the 普陀区财政局 2024 决算 lists \
个人农业生产补贴 under 人员经费 while its 基本支出决算表 prints 30310 empty (its 303 money is \
退休费 and 奖励金); the list was copied, not written from the table."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        static LIST: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(人员经费|公用经费)[0-9.,，万元]*(?:主要)?(?:包括|用于)[：:]?([^；;。]+)")
                .expect("valid")
        });
        // Every economic 款 row: key of its name → (code, any money printed on it). A basic
        // spending table that prints names only (山西) is read through the catalogue.
        let year = cx.report.meta.year;
        let mut rows: Vec<(String, String, bool)> = Vec::new();
        for t in &cx.report.tables {
            let basic = matches!(
                t.kind,
                TableKind::GeneralBudgetBasic
                    | TableKind::FiscalBasic
                    | TableKind::FinalGeneralBudgetBasic
            );
            for b in &t.blocks {
                for r in &b.rows {
                    let code = match r.code.as_deref() {
                        Some(c) => Some(c),
                        None if basic => cx.catalog.econ_by_name(&r.name, year),
                        None => None,
                    };
                    let Some(code) = code.filter(|c| c.starts_with('3') && c.len() == 5) else {
                        continue;
                    };
                    let spent = r.cells.iter().flatten().any(|p| fen(*p) != 0);
                    let key = name_key(&r.name);
                    match rows.iter_mut().find(|(k, c, _)| *k == key && c == code) {
                        Some(row) => row.2 |= spent,
                        None => rows.push((key, code.to_owned(), spent)),
                    }
                }
            }
        }
        let joined = Joined::of(cx);
        for c in LIST.captures_iter(&joined.text) {
            let (group, list) = (&c[1], c.get(2).expect("group"));
            let classes = GROUPS
                .iter()
                .find(|(g, _)| *g == group)
                .map(|(_, c)| c)
                .expect("listed");
            let mut at = list.start();
            for item in list.as_str().split('、') {
                let start = at;
                at += item.len() + '、'.len_utf8();
                let name = item.trim_end_matches('等').trim_end_matches("支出");
                let key = name_key(name);
                let matching: Vec<_> = rows.iter().filter(|(k, ..)| *k == key).collect();
                // A name no table prints is still a 款 of the catalogue (a report whose
                // tables were published apart): its group can be judged, its money not.
                let Some(code) = matching
                    .first()
                    .map(|(_, code, _)| code.as_str())
                    .or_else(|| cx.catalog.econ_by_name(name, year))
                else {
                    continue;
                };
                let location = joined.at(start);
                if !matching.is_empty() && matching.iter().all(|(.., spent)| !spent) {
                    out.push(
                        Diagnostic::error(
                            self.id(),
                            format!(
                                "说明称{group}包括「{name}」，但表中 {code} {name} 没有支出：{}",
                                around(&joined.text, start, name.len())
                            ),
                            location,
                        )
                        .with_hint("按基本支出表中有支出的科目列举"),
                    );
                } else if !classes.iter().any(|class| code.starts_with(class)) {
                    out.push(
                        Diagnostic::warning(
                            self.id(),
                            format!(
                                "说明把「{name}」（{code}）列入{group}，但它不属于{group}（{}）：{}",
                                classes.join("、"),
                                around(&joined.text, start, name.len())
                            ),
                            location,
                        )
                        .with_hint("人员经费为工资福利支出和对个人和家庭的补助，公用经费为商品和服务支出和资本性支出"),
                    );
                }
            }
        }
    }
}
