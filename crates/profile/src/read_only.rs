//! Families yusuan reads but does not yet build: their tables in order, with the titles
//! and units the visible documents print (`shared/spec/families.md`). Rows and columns
//! are declared when a family becomes generated.

use yusuan_model::{Family, MoneyUnit, TableKind as K};

use crate::{Filter, Profile, TableSpec};

fn listed(kind: K, number: Option<&'static str>, title: &'static str) -> TableSpec {
    TableSpec {
        kind,
        number,
        title,
        unit: MoneyUnit::WanYuan,
        prints_codes: false,
        prints_gov_econ: false,
        filter: Filter::all(),
        blocks: Vec::new(),
        empty_note: "",
    }
}

/// 江苏省级部门预算, 12 tables (江苏省人民检察院 and 江苏省政协办公厅, 2019).
pub fn jiangsu() -> Profile {
    let n = Some("公开{n}表");
    Profile {
        id: "jiangsu",
        name: "江苏省级部门预算公开（12张表）",
        region: "江苏",
        family: Family::Budget,
        tables: vec![
            listed(K::SummaryTotal, n, "收支预算总表"),
            listed(K::Income, n, "收入预算总表"),
            listed(K::Expenditure, n, "支出预算总表"),
            listed(K::FiscalSummary, n, "财政拨款收支预算总表"),
            listed(K::FiscalExpenditure, n, "财政拨款支出预算表（功能科目）"),
            listed(K::FiscalBasic, n, "财政拨款基本支出预算表（经济科目）"),
            listed(K::GeneralBudget, n, "一般公共预算支出预算表（功能科目）"),
            listed(
                K::GeneralBudgetBasic,
                n,
                "一般公共预算基本支出预算表（经济科目）",
            ),
            listed(K::ThreePublic, n, "“三公”经费、会议费、培训费支出预算表"),
            listed(K::GovFundExpenditure, n, "政府性基金预算财政拨款支出预算表"),
            listed(K::AdminRunningCost, n, "一般公共预算机关运行经费支出预算表"),
            listed(K::Procurement, n, "政府采购支出预算表"),
        ],
        explanation: None,
        generated: false,
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
            listed(K::FinalSummary, None, "收入支出决算总表"),
            listed(K::FinalIncome, None, "收入决算表"),
            listed(K::FinalExpenditure, None, "支出决算表"),
            listed(K::FinalFiscalSummary, None, "财政拨款收入支出决算总表"),
            listed(
                K::FinalGeneralBudget,
                None,
                "一般公共预算财政拨款支出决算表",
            ),
            listed(
                K::FinalGeneralBudgetBasic,
                None,
                "一般公共预算财政拨款基本支出决算表",
            ),
            listed(K::FinalThreePublic, None, "财政拨款“三公”经费支出决算表"),
            listed(
                K::FinalGovFund,
                None,
                "政府性基金预算财政拨款收入支出决算表",
            ),
            listed(
                K::FinalStateCapital,
                None,
                "国有资本经营预算财政拨款收入支出决算表",
            ),
        ],
        explanation: None,
        generated: false,
    }
}
