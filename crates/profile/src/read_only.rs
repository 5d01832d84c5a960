//! Families yusuan reads but does not yet build: their tables in order, with the titles
//! and units the visible documents print (`shared/spec/families.md`). Rows and columns
//! are declared when a family becomes generated.

use yusuan_model::{Family, MoneyUnit, TableKind as K};

use crate::{Filter, Profile, TableSpec};

fn listed(kind: K, title: &'static str) -> TableSpec {
    TableSpec {
        kind,
        number: None,
        title,
        unit: MoneyUnit::WanYuan,
        prints_codes: false,
        prints_gov_econ: false,
        filter: Filter::all(),
        blocks: Vec::new(),
        empty_note: "",
    }
}

/// 部门决算 九张表 (上海市普陀区财政局 2024): titles without year or number.
pub fn national_final() -> Profile {
    Profile {
        id: "national-final",
        name: "部门决算公开（9张表）",
        region: "全国",
        family: Family::Final,
        tables: vec![
            listed(K::FinalSummary, "收入支出决算总表"),
            listed(K::FinalIncome, "收入决算表"),
            listed(K::FinalExpenditure, "支出决算表"),
            listed(K::FinalFiscalSummary, "财政拨款收入支出决算总表"),
            listed(K::FinalGeneralBudget, "一般公共预算财政拨款支出决算表"),
            listed(
                K::FinalGeneralBudgetBasic,
                "一般公共预算财政拨款基本支出决算表",
            ),
            listed(K::FinalThreePublic, "财政拨款“三公”经费支出决算表"),
            listed(K::FinalGovFund, "政府性基金预算财政拨款收入支出决算表"),
            listed(
                K::FinalStateCapital,
                "国有资本经营预算财政拨款收入支出决算表",
            ),
        ],
        explanation: None,
        item_style: yusuan_model::PathStyle::Dashed,
        generated: false,
    }
}
