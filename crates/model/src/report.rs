//! A Report: the canonical tables of a disclosure document, its narrative facts and
//! its projects. Built reports and extracted reports have the same shape.

use serde::{Deserialize, Serialize};

use crate::money::{MoneyUnit, Printed};
use crate::project::Project;
use crate::terms::{Family, Scope, Side, UnitKind};

labelled! {
    /// Canonical table kinds of `shared/spec/tidy-export.md`, never the printed number.
    TableKind {
        SummaryTotal = "收支总表",
        Income = "收入总表",
        Expenditure = "支出总表",
        FiscalSummary = "财政拨款收支总表",
        FiscalExpenditure = "财政拨款支出表",
        FiscalBasic = "财政拨款基本支出表",
        GeneralBudget = "一般公共预算支出表",
        GeneralBudgetBasic = "一般公共预算基本支出表",
        GovFundIncome = "政府性基金预算收入表",
        GovFundExpenditure = "政府性基金预算支出表",
        StateCapital = "国有资本经营预算表",
        ThreePublic = "三公经费表",
        AdminRunningCost = "机关运行经费表",
        Projects = "项目支出表",
        ProjectsCarryOver = "项目支出表（上年结转）",
        Procurement = "政府采购预算表",
        FinalSummary = "收入支出决算总表",
        FinalIncome = "收入决算表",
        FinalExpenditure = "支出决算表",
        FinalFiscalSummary = "财政拨款收入支出决算总表",
        FinalGeneralBudget = "一般公共预算财政拨款支出决算表",
        FinalGeneralBudgetBasic = "一般公共预算财政拨款基本支出决算表",
        FinalThreePublic = "财政拨款三公经费支出决算表",
        FinalGovFund = "政府性基金预算财政拨款收入支出决算表",
        FinalStateCapital = "国有资本经营预算财政拨款收入支出决算表",
    }
}

impl TableKind {
    pub const fn family(self) -> Family {
        match self {
            TableKind::FinalSummary
            | TableKind::FinalIncome
            | TableKind::FinalExpenditure
            | TableKind::FinalFiscalSummary
            | TableKind::FinalGeneralBudget
            | TableKind::FinalGeneralBudgetBasic
            | TableKind::FinalThreePublic
            | TableKind::FinalGovFund
            | TableKind::FinalStateCapital => Family::Final,
            _ => Family::Budget,
        }
    }
}

/// A canonical column name (`合计`, `一般公共预算`, `公务接待费/预算数`, ...).
///
/// Columns stay open text: templates print columns no list anticipates, and the tidy
/// format keeps a header not covered by the normalization rules as it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Column(pub String);

impl Column {
    pub fn new(name: impl Into<String>) -> Column {
        Column(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a row is, for renderers and checks (a total row is summed over, a heading is not).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    #[default]
    Data,
    /// 合计, 本年收入合计, 收入总计 ...
    Total,
    /// A label row that groups the rows under it (上年财政拨款结转).
    Heading,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// Classification code of the row (functional or economic), joined, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The label: whitespace removed, leading enumerator removed, qualified by its
    /// heading when the label repeats on one side (`上年财政拨款结转/一般公共预算`).
    pub name: String,
    /// A second label printed beside the first (表6 prints the 政府预算 economic name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aux: Option<String>,
    #[serde(default)]
    pub role: RowRole,
    /// One cell per column of the block; `None` is a blank cell.
    pub cells: Vec<Option<Printed>>,
    /// Where the row is printed in the document it was read from (page of a PDF, line
    /// of a text); absent for a built report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Row {
    pub fn cell(&self, column: usize) -> Option<Printed> {
        self.cells.get(column).copied().flatten()
    }

    /// How messages and pages name the row: `2081104 残疾人康复`, the code or the name
    /// alone when it has only one.
    pub fn label(&self) -> String {
        match (&self.code, self.name.is_empty()) {
            (Some(c), false) => format!("{c} {}", self.name),
            (Some(c), true) => c.clone(),
            (None, false) => self.name.clone(),
            (None, true) => "（无标签行）".to_owned(),
        }
    }
}

/// A block of rows sharing one header: a one-sided table has one, a two-sided table one
/// per side (Jiangsu's 收支总表 has a second 支出 block).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Block {
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.as_str() == name)
    }

    /// The first row with this code (or, for rows without one, this name).
    pub fn row(&self, code_or_name: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.code.as_deref() == Some(code_or_name))
            .or_else(|| self.rows.iter().find(|r| r.name == code_or_name))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub kind: TableKind,
    /// The number label as printed (`预算公开表1`, `公开01表`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The title as printed, year included.
    pub title: String,
    pub unit: MoneyUnit,
    /// Whether the codes of the rows are printed. The rows keep their codes either way.
    pub prints_codes: bool,
    pub blocks: Vec<Block>,
    /// The note printed when the table has no data (`本表无数据`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty_note: Option<String>,
    /// Where the table starts in the document it was read from (page of a PDF, line of
    /// a text); absent for a built report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The unit or department named in the table's heading (`单位名称：…`), as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The notes printed under the table (`注：…` and its numbered lines), as read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<TextLine>,
    /// The column header lines printed above the first figure, as read (`2024年预算数`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<TextLine>,
    /// Figures are printed in the table that extraction could not place in cells: the
    /// table is not empty, only unread, and no rule may take it for empty.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unread: bool,
}

impl Table {
    pub fn block(&self, side: Option<Side>) -> Option<&Block> {
        self.blocks.iter().find(|b| b.side == side)
    }

    /// True when no cell of the table holds a figure.
    pub fn is_empty(&self) -> bool {
        self.blocks
            .iter()
            .all(|b| b.rows.iter().all(|r| r.cells.iter().all(Option::is_none)))
    }
}

/// Unit, year and kind of document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMeta {
    pub unit_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_kind: Option<UnitKind>,
    pub year: u16,
    pub family: Family,
    pub scope: Scope,
    /// Id of the template profile the report follows (`shanxi`, `shanghai`, ...).
    pub profile: String,
}

/// A figure of the explanation section: from budget data when built, from a sentence
/// when extracted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable key (`income.total`, `prior.income.total`, `procurement.goods`, ...).
    pub key: String,
    pub value: FactValue,
    /// The sentence it came from, when extracted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum FactValue {
    Money(Printed),
    /// Hundredths of a percentage point (92.17% = 9217).
    Percent(i64),
    Count(i64),
    Text(String),
}

/// A line of the document's running text (the explanation, the glossary), where it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLine {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub meta: ReportMeta,
    pub tables: Vec<Table>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub projects: Vec<Project>,
    /// The running text outside the tables, in reading order (empty for a built report
    /// until its explanation is drafted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<TextLine>,
    /// The tables the 目录 lists, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub toc: Vec<TocEntry>,
    /// What the explanation claims, read from it or written into it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<crate::Statement>,
}

/// A 目录 entry: the title as listed, the table kind it names, and where the 目录 lists
/// it (page of a PDF, line of a text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TableKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// One printed (non-blank) cell of a report, with where it stands.
#[derive(Clone, Copy, Debug)]
pub struct CellRef<'a> {
    /// Position of the table in the report, from 0.
    pub table_index: usize,
    pub table: &'a Table,
    pub block: &'a Block,
    pub row: &'a Row,
    /// Position of the column in its block, from 0.
    pub column_index: usize,
    pub column: &'a Column,
    pub value: Printed,
}

impl Report {
    /// Every printed cell, table by table, block by block, row by row, left to right:
    /// the one walk the tidy CSV, the store and the dataset all take.
    pub fn cells(&self) -> impl Iterator<Item = CellRef<'_>> {
        self.tables
            .iter()
            .enumerate()
            .flat_map(|(table_index, table)| {
                table.blocks.iter().flat_map(move |block| {
                    block.rows.iter().flat_map(move |row| {
                        block.columns.iter().zip(&row.cells).enumerate().filter_map(
                            move |(column_index, (column, cell))| {
                                cell.map(|value| CellRef {
                                    table_index,
                                    table,
                                    block,
                                    row,
                                    column_index,
                                    column,
                                    value,
                                })
                            },
                        )
                    })
                })
            })
    }

    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }

    pub fn fact(&self, key: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.key == key)
    }
}

/// Where a report came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Built from budget data (a directory or a workbook).
    Built,
    /// Extracted from a published document.
    Extracted,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Built => "built",
            Origin::Extracted => "extracted",
        }
    }
}
