//! The registry: every rule, once, in the order findings are reported.

mod admin_cost;
mod balance;
mod basic_cross;
mod basic_split;
mod code_balance;
mod codes;
mod consistency;
mod coverage;
mod detail;
mod empty_note;
mod final_balance;
mod fiscal_cross;
mod fund_split;
mod income_sources;
mod meetings;
mod procurement_sum;
mod project_codes;
mod project_department;
mod project_funds;
mod project_ordinal;
mod project_tables;
mod punctuation;
mod reason;
mod references;
mod residue;
mod row_total;
mod sections;
mod statements;
mod summary_cross;
mod table_numbers;
mod tables_present;
mod target_comparator;
mod target_cost;
mod target_goal;
mod target_percent;
mod target_periods;
mod target_series;
mod text_balance;
mod text_change;
mod text_class;
mod text_compare;
mod text_completion;
mod text_count;
mod text_decimals;
mod text_econ;
mod text_figures;
mod text_item;
mod text_item_rate;
mod text_path;
mod text_purpose;
mod text_same;
mod text_share;
mod text_staff;
mod text_sum;
mod text_three_counts;
mod three_public;
mod toc;
mod tree_sum;
mod wording;
mod year;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[
    &row_total::RowTotal,
    &tree_sum::TreeSum,
    &balance::Balance,
    &income_sources::IncomeSources,
    &final_balance::FinalBalance,
    &three_public::ThreePublic,
    &summary_cross::SummaryCross,
    &basic_cross::BasicCross,
    &basic_split::BasicSplit,
    &fiscal_cross::FiscalCross,
    &code_balance::CodeBalance,
    &admin_cost::AdminCost,
    &project_tables::ProjectTables,
    &empty_note::EmptyNote,
    &tables_present::TablesPresent,
    &detail::Detail,
    &toc::Toc,
    &table_numbers::TableNumbers,
    &sections::Sections,
    &project_funds::ProjectFunds,
    &coverage::Coverage,
    &project_codes::ProjectCodes,
    &project_department::ProjectDepartment,
    &project_ordinal::ProjectOrdinal,
    &fund_split::FundSplit,
    &target_percent::TargetPercent,
    &target_comparator::TargetComparator,
    &target_series::TargetSeries,
    &target_periods::TargetPeriods,
    &target_goal::TargetGoal,
    &target_cost::TargetCost,
    &text_figures::TextFigure,
    &text_class::TextClass,
    &text_share::TextShare,
    &text_change::TextChange,
    &text_item::TextItem,
    &text_item_rate::TextItemRate,
    &text_path::TextPath,
    &text_purpose::TextPurpose,
    &text_econ::TextEcon,
    &references::References,
    &text_staff::TextStaff,
    &text_count::TextCount,
    &text_balance::TextBalance,
    &text_sum::TextSum,
    &text_same::TextSame,
    &text_completion::TextCompletion,
    &text_three_counts::TextThreeCount,
    &reason::Reason,
    &text_compare::TextCompare,
    &text_decimals::TextDecimals,
    &procurement_sum::ProcurementSum,
    &residue::Residue,
    &punctuation::Punctuation,
    &wording::Wording,
    &year::Year,
    &meetings::Meeting,
    &consistency::Consistent,
    &codes::Codes,
];
