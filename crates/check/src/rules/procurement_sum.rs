use yusuan_model::{Diagnostic, FactValue, Severity};

use crate::rules::text_figures::fact_at;
use crate::util::{fen, slack, Cx};
use crate::Rule;

/// R-PROCUREMENT-SUM: 政府采购 total = goods + works + services.
pub struct ProcurementSum;

impl Rule for ProcurementSum {
    fn id(&self) -> &'static str {
        "R-PROCUREMENT-SUM"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn title(&self) -> &'static str {
        "政府采购总额等于货物、工程、服务之和"
    }
    fn doc(&self) -> &'static str {
        "The stated 政府采购 total equals 货物 + 工程 + 服务 as the text gives them. Tolerance: half \
a printed digit per term (the 上海 2024 决算 prints 251.25 over parts adding to 251.26: a \
rounding note). Why: the split is what the disclosure rules require."
    }
    fn check(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let facts = &cx.report.facts;
        for (i, f) in facts.iter().enumerate() {
            if f.key != "procurement.total" {
                continue;
            }
            let FactValue::Money(total) = f.value else {
                continue;
            };
            let part = |key: &str| {
                facts[i..]
                    .iter()
                    .find(|g| g.key == key && g.sentence.is_some())
                    .and_then(|g| match g.value {
                        FactValue::Money(p) => Some(p),
                        _ => None,
                    })
            };
            let parts: Vec<_> = [
                "procurement.goods",
                "procurement.works",
                "procurement.services",
            ]
            .iter()
            .filter_map(|k| part(k))
            .collect();
            if parts.len() < 3 {
                continue;
            }
            let sum: i64 = parts.iter().map(|p| fen(*p)).sum();
            cx.compare(
                out,
                self.id(),
                self.severity(),
                (fen(total), "政府采购总额"),
                (sum, "货物、工程、服务之和"),
                slack(&parts) + slack([&total]),
                total.unit,
                fact_at(cx, f),
                "",
            );
        }
    }
}
