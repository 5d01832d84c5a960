//! Template profiles. A profile says which tables a region's template prints, in which
//! order, under which titles and units, and what each column and row means — as
//! filters over budget lines. The derivation reads profiles; it knows no region.
//!
//! A cell is the sum of the budget lines that pass the table's filter, its row's
//! filter and its column's filter, rounded to the table's unit on its own.

pub mod header;
pub use header::{Header, HeaderCell, Labels};
mod final_accounts;
mod jiangsu;
mod shanghai;
mod shanxi;

use yusuan_model::{
    Category, Family, FuncLevel, FundingSource, Line, MoneyUnit, PathStyle, Period, RowRole, Side,
    SourceDetail, TableKind,
};

/// Which budget lines a table, row or column takes. Every set condition must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub sources: Option<Vec<FundingSource>>,
    pub period: Option<Period>,
    pub categories: Option<Vec<Category>>,
    /// Departmental economic codes (款, or a 类 prefix like `310`).
    pub econ: Option<Vec<&'static str>>,
    /// Only units that have 机关运行经费 (行政 and 参公); nothing for others.
    pub admin_units_only: bool,
    /// Takes no line at all (年终结转 in a budget).
    pub none: bool,
    /// Which of the budget's figures the cell adds up (spending lines when unset). The
    /// row's choice wins over the column's, the column's over the table's.
    pub figures: Option<&'static [Figures]>,
    /// Lines of this named part of their source (`Some(Some(专项收入))`), or of none
    /// (`Some(None)`: the rest of the source).
    pub detail: Option<Option<SourceDetail>>,
}

/// The figures of a budget a cell can add up. A budget's tables add up its spending
/// lines; a 决算 also prints income, balances and the year's budget beside its actuals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figures {
    /// The lines: what is spent (planned in a budget, actual in a 决算).
    Spending,
    /// 决算 income by 项 and source (`income.csv`).
    Income,
    /// 年初结转和结余, by source.
    Opening,
    /// 年末结转和结余, by source.
    Closing,
    /// 使用非财政拨款结余（含专用结余）.
    NonFiscalUsed,
    /// 结余分配.
    Distribution,
    /// What the year's budget planned, where a 决算 prints it beside the actuals (三公 预算数).
    Budgeted,
}

/// Facts about the unit a filter may depend on.
#[derive(Clone, Copy, Debug)]
pub struct UnitContext {
    pub has_admin_running_cost: bool,
}

impl Filter {
    pub fn all() -> Filter {
        Filter::default()
    }

    pub fn nothing() -> Filter {
        Filter {
            none: true,
            ..Filter::default()
        }
    }

    pub fn sources(mut self, sources: &[FundingSource]) -> Filter {
        self.sources = Some(sources.to_vec());
        self
    }

    pub fn source(self, source: FundingSource) -> Filter {
        self.sources(&[source])
    }

    pub fn fiscal(self) -> Filter {
        self.sources(FISCAL)
    }

    pub fn period(mut self, period: Period) -> Filter {
        self.period = Some(period);
        self
    }

    pub fn current(self) -> Filter {
        self.period(Period::Current)
    }

    pub fn carry_over(self) -> Filter {
        self.period(Period::CarryOver)
    }

    pub fn categories(mut self, categories: &[Category]) -> Filter {
        self.categories = Some(categories.to_vec());
        self
    }

    pub fn basic(self) -> Filter {
        self.categories(&[Category::Personnel, Category::Public])
    }

    pub fn econ(mut self, codes: &[&'static str]) -> Filter {
        self.econ = Some(codes.to_vec());
        self
    }

    pub fn figures(mut self, figures: &'static [Figures]) -> Filter {
        self.figures = Some(figures);
        self
    }

    /// Only the lines of this named part of their source.
    pub fn detail(mut self, detail: SourceDetail) -> Filter {
        self.detail = Some(Some(detail));
        self
    }

    /// Only the lines that name no part of their source.
    pub fn undetailed(mut self) -> Filter {
        self.detail = Some(None);
        self
    }

    pub fn admin_units_only(mut self) -> Filter {
        self.admin_units_only = true;
        self
    }

    pub fn matches(&self, line: &Line, unit: UnitContext) -> bool {
        !self.none
            && (!self.admin_units_only || unit.has_admin_running_cost)
            && self
                .sources
                .as_ref()
                .is_none_or(|s| s.contains(&line.source))
            && self.period.is_none_or(|p| p == line.period)
            && self.detail.is_none_or(|d| d == line.detail)
            && self
                .categories
                .as_ref()
                .is_none_or(|c| c.contains(&line.category))
            && self
                .econ
                .as_ref()
                .is_none_or(|codes| codes.iter().any(|c| line.econ.as_str().starts_with(c)))
    }
}

pub const FISCAL: &[FundingSource] = &[
    FundingSource::GeneralPublicBudget,
    FundingSource::GovernmentFund,
    FundingSource::StateCapital,
];

/// 单位资金 in the 山西 sense: everything that is not appropriated.
pub const UNIT_FUNDS: &[FundingSource] = &[
    FundingSource::UnitFunds,
    FundingSource::BusinessIncome,
    FundingSource::OperatingIncome,
    FundingSource::OtherIncome,
    FundingSource::UpperGrant,
    FundingSource::SubsidiaryRemittance,
];

/// 三公 economic codes: 因公出国（境）费用, 公务接待费, 公务用车运行维护费, 公务用车购置.
pub const ECON_OUTBOUND: &[&str] = &["30212"];
pub const ECON_RECEPTION: &[&str] = &["30217"];
pub const ECON_VEHICLE_PURCHASE: &[&str] = &["31013", "30913"];
pub const ECON_VEHICLE_OPERATION: &[&str] = &["30231"];
pub const ECON_VEHICLES: &[&str] = &["31013", "30913", "30231"];
pub const ECON_THREE_PUBLIC: &[&str] = &["30212", "30217", "31013", "30913", "30231"];
/// 会议费 and 培训费, which 江苏 prints beside the 三公.
pub const ECON_MEETINGS: &[&str] = &["30215"];
pub const ECON_TRAINING: &[&str] = &["30216"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub filter: Filter,
    /// The header levels printed over the column, top first and `/`-separated, `{year}`
    /// replaced, when they are not its tidy name (`本年收入/合计`; the 决算 三公 table's
    /// `公务用车购置及运行费/小计/预算数` for `公务用车购置及运行费/预算数`).
    pub printed: Option<&'static str>,
}

pub fn col(name: &'static str, filter: Filter) -> ColumnSpec {
    ColumnSpec {
        name,
        filter,
        printed: None,
    }
}

impl ColumnSpec {
    /// The column printed under these header levels.
    pub fn printed(self, path: &'static str) -> ColumnSpec {
        ColumnSpec {
            printed: Some(path),
            ..self
        }
    }
}

/// How a functional tree is listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FuncTree {
    /// The deepest level listed (类 only in a 收支总表, down to 项 elsewhere).
    pub depth: FuncLevel,
    /// Every 类 of the year's catalogue, in order, even when empty (山西 收支总表).
    pub every_class: bool,
    /// The 类 the template prints whatever the catalogue holds, in its order, each even
    /// when empty (the 26 of a 部门决算 总表); overrides `every_class`.
    pub listed: Option<&'static [&'static str]>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowSpec {
    /// One row with its own filter. The name may be qualified by its heading
    /// (`上年财政拨款结转/一般公共预算`).
    Fixed {
        name: &'static str,
        role: RowRole,
        filter: Filter,
    },
    /// The functional classification rows.
    Func(FuncTree),
    /// Economic classification rows: each departmental 类, then its 款.
    Econ,
    /// Economic rows a template prints whether or not they hold money, in its order (类
    /// and 款 codes; the 款 list of a 部门决算 基本支出表).
    EconListed(&'static [&'static str]),
    /// One row per project.
    Projects,
    /// One row named after the unit, taking every line of the table.
    UnitName,
    /// The 政府采购 lines: a total, each kind, each 专项 and 经济科目, each item.
    Procurement,
}

pub fn row(name: &'static str, filter: Filter) -> RowSpec {
    RowSpec::Fixed {
        name,
        role: RowRole::Data,
        filter,
    }
}

pub fn total(name: &'static str, filter: Filter) -> RowSpec {
    RowSpec::Fixed {
        name,
        role: RowRole::Total,
        filter,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockSpec {
    pub side: Option<Side>,
    pub columns: Vec<ColumnSpec>,
    pub rows: Vec<RowSpec>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableSpec {
    pub kind: TableKind,
    /// Number label, `{n}` replaced by the position (`预算公开表{n}`), `{nn}` by it in two
    /// digits (`公开{nn}表` → `公开01表`).
    pub number: Option<&'static str>,
    /// Title, `{year}` replaced by the budget year.
    pub title: &'static str,
    pub unit: MoneyUnit,
    pub prints_codes: bool,
    /// Economic rows print the 政府预算 economic name beside the departmental one.
    pub prints_gov_econ: bool,
    pub filter: Filter,
    pub blocks: Vec<BlockSpec>,
    /// Printed when the table has no data; `{year}` replaced.
    pub empty_note: &'static str,
    /// Set on an upright page (部门决算 tables 一、五、六); the others are set landscape.
    pub portrait: bool,
    /// A header cell printed over every figure column (`财政拨款“三公”经费`,
    /// `{year}年预算数`).
    pub header_over: Option<&'static str>,
    /// The 支出 side prints its 类 (功能分类) and its uses (支出用途) side by side, the
    /// closing rows spanning both (江苏 收支预算总表).
    pub uses_beside_classes: bool,
}

impl TableSpec {
    pub fn title_for(&self, year: u16) -> String {
        self.title.replace("{year}", &year.to_string())
    }

    /// The title without its year, as a list of tables names it.
    pub fn plain_title(&self) -> String {
        self.title.replace("{year}年", "").replace("{year}", "")
    }

    pub fn number_for(&self, position: usize) -> Option<String> {
        self.number.map(|n| {
            n.replace("{nn}", &format!("{position:02}"))
                .replace("{n}", &position.to_string())
        })
    }

    /// The empty-table note, `{year}` and `{unit}` (the unit's name) replaced.
    pub fn empty_note_for(&self, year: u16, unit: &str) -> String {
        self.empty_note
            .replace("{year}", &year.to_string())
            .replace("{unit}", unit)
    }
}

/// One document family, declared once: every stage that needs to know a family's tables,
/// their order, titles, units, columns and rows, or its explanation, reads this.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub id: &'static str,
    /// Chinese name for people (`山西省市级单位预算公开（13张表）`).
    pub name: &'static str,
    /// Where the template is prescribed (`山西`, `上海`, `江苏`, `全国`).
    pub region: &'static str,
    pub family: Family,
    pub tables: Vec<TableSpec>,
    /// The explanation's outline and words (a minijinja template the derivation fills
    /// with figures computed from the budget); `None`: no explanation is drafted.
    pub explanation: Option<&'static str>,
    /// The label before the unit's name above each table (`单位名称：`, `编制部门：`,
    /// `部门名称：`); `None` when the template prints none (部门决算).
    pub issuer: Option<&'static str>,
    /// How the explanation names a functional 项 (`“A-B-C”科目` or `A（类）B（款）C（项）`).
    pub item_style: PathStyle,
    /// Whether yusuan builds this family from budget data. A family that is only read
    /// declares its tables' kinds, titles and units, and no rows or columns yet.
    pub generated: bool,
}

/// Building blocks the profiles share.
pub mod parts {
    use yusuan_model::{Category, FuncLevel, FundingSource as F, MoneyUnit, TableKind};

    use crate::{col, BlockSpec, ColumnSpec, Filter, FuncTree, RowSpec, TableSpec};

    /// A table with the common defaults: summaries print no codes.
    pub fn table(
        kind: TableKind,
        title: &'static str,
        unit: MoneyUnit,
        filter: Filter,
        blocks: Vec<BlockSpec>,
        note: &'static str,
    ) -> TableSpec {
        TableSpec {
            kind,
            number: None,
            title,
            unit,
            // The summaries list 类 by name and ordinal only.
            prints_codes: !matches!(
                kind,
                TableKind::SummaryTotal
                    | TableKind::FiscalSummary
                    | TableKind::FinalSummary
                    | TableKind::FinalFiscalSummary
            ),
            prints_gov_econ: false,
            filter,
            blocks,
            empty_note: note,
            portrait: false,
            header_over: None,
            uses_beside_classes: false,
        }
    }

    /// A one-sided table's only block.
    pub fn one(columns: Vec<ColumnSpec>, rows: Vec<RowSpec>) -> Vec<BlockSpec> {
        vec![BlockSpec {
            side: None,
            columns,
            rows,
        }]
    }

    /// 合计 / 基本支出 / 项目支出.
    pub fn basic_project_columns() -> Vec<ColumnSpec> {
        vec![
            col("合计", Filter::all()),
            col("基本支出", Filter::all().basic()),
            col("项目支出", Filter::all().categories(&[Category::Project])),
        ]
    }

    /// 合计 / 一般公共预算 / 政府性基金预算 / 国有资本经营预算.
    pub fn fiscal_columns() -> Vec<ColumnSpec> {
        vec![
            col("合计", Filter::all()),
            col("一般公共预算", Filter::all().source(F::GeneralPublicBudget)),
            col("政府性基金预算", Filter::all().source(F::GovernmentFund)),
            col("国有资本经营预算", Filter::all().source(F::StateCapital)),
        ]
    }

    /// Functional rows down to the 项.
    pub fn tree() -> RowSpec {
        RowSpec::Func(FuncTree {
            depth: FuncLevel::Xiang,
            every_class: false,
            listed: None,
        })
    }

    /// 类 rows only; `every_class` lists the year's every 类, empty or not.
    pub fn classes(every_class: bool) -> RowSpec {
        RowSpec::Func(FuncTree {
            depth: FuncLevel::Lei,
            every_class,
            listed: None,
        })
    }

    /// The 类 rows a template lists by code, each even when empty.
    pub fn listed_classes(codes: &'static [&'static str]) -> RowSpec {
        RowSpec::Func(FuncTree {
            depth: FuncLevel::Lei,
            every_class: false,
            listed: Some(codes),
        })
    }
}

/// The registry: every declared family, in the order they are listed to people.
pub fn profiles() -> Vec<Profile> {
    vec![
        shanxi::profile(),
        shanghai::profile(),
        jiangsu::profile(),
        final_accounts::profile(),
    ]
}

/// The declared family with this id, generated or only read.
pub fn profile(id: &str) -> Option<Profile> {
    profiles().into_iter().find(|p| p.id == id)
}

/// The label before the unit's name above each table of a report of this family; a report
/// of no declared family (a tidy CSV read back) gets `单位名称：`.
pub fn issuer(id: &str) -> Option<&'static str> {
    issuer_of(profile(id).as_ref())
}

/// The same for a family already looked up (`None`: no declared family).
pub fn issuer_of(profile: Option<&Profile>) -> Option<&'static str> {
    profile.map_or(Some("单位名称："), |p| p.issuer)
}

/// The family with this id when yusuan can build it from budget data.
pub fn generated(id: &str) -> Option<Profile> {
    profile(id).filter(|p| p.generated)
}

/// Ids of the families yusuan builds, for choices and messages.
pub fn generated_ids() -> Vec<&'static str> {
    profiles()
        .into_iter()
        .filter(|p| p.generated)
        .map(|p| p.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_has_distinct_table_kinds_and_columns() {
        let ids: Vec<_> = profiles().iter().map(|p| p.id).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "an id declared twice: {ids:?}");
        for p in profiles() {
            let id = p.id;
            assert_eq!(
                p.generated,
                p.tables.iter().all(|t| !t.blocks.is_empty()),
                "{id}: a generated family declares every table's rows and columns"
            );
            assert_eq!(
                p.generated,
                p.explanation.is_some(),
                "{id}: a generated family drafts its explanation"
            );
            let mut kinds: Vec<_> = p.tables.iter().map(|t| t.kind).collect();
            kinds.sort();
            kinds.dedup();
            assert_eq!(kinds.len(), p.tables.len(), "{id}: a table kind twice");
            for t in &p.tables {
                for b in &t.blocks {
                    assert!(
                        !b.columns.is_empty(),
                        "{id} {}: block without columns",
                        t.kind
                    );
                    let mut names: Vec<_> = b.columns.iter().map(|c| c.name).collect();
                    names.dedup();
                    assert_eq!(
                        names.len(),
                        b.columns.len(),
                        "{id} {}: column twice",
                        t.kind
                    );
                }
            }
        }
        assert_eq!(profile("shanxi").unwrap().tables.len(), 13);
        assert_eq!(profile("shanghai").unwrap().tables.len(), 9);
        assert_eq!(profile("jiangsu").unwrap().tables.len(), 12);
        assert_eq!(profile("national-final").unwrap().tables.len(), 9);
        assert!(profile("nowhere").is_none());
        assert_eq!(
            generated_ids(),
            ["shanxi", "shanghai", "jiangsu", "national-final"]
        );
    }
}
