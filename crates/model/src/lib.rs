//! The yusuan data model. No I/O, no clock: loading, deriving, checking and rendering
//! live in other crates and meet here.

#[macro_use]
mod terms;
mod budget;
mod code;
mod diag;
mod money;
mod names;
mod project;
mod report;
mod statement;
mod years;

pub use budget::{
    Assets, Balances, Budget, IncomeLine, ItemBalance, Line, Performance, PriorYear, Procurement,
    ProcurementItem, Reasons, ThreePublicCounts, ThreePublicFigures, UnitInfo,
};
pub use code::{join_code, CodeError, EconCode, EconSystem, FuncCode, FuncLevel};
pub use diag::{has_errors, Diagnostic, Location, Severity, Tally};
pub use money::{with_separators, Amount, MoneyUnit, ParseAmountError, Printed};
pub use names::{heading_unit_name, is_unit_name, unit_name_before};
pub use project::{FundSplit, Indicator, IndicatorValue, Project};
pub use report::{
    Block, CellRef, Column, Fact, FactValue, Origin, Report, ReportMeta, Row, RowRole, Table,
    TableKind, TextLine, TocEntry,
};
pub use statement::{
    Claim, ClaimValue, CountUnit, Measure, PathStyle, Source, Statement, Subject, Way,
};
pub use terms::{
    Category, Comparator, Family, FundingSource, IndicatorPeriod, Period, ProcurementKind,
    ProjectType, Scope, Side, SourceDetail, UnitKind,
};
pub use years::{compared, first_own_year, first_year, report_years, years_in};
