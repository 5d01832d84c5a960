//! The four tables of the dataset, declared once: the Parquet writer, the CSV writer and
//! `datapackage.json` all read these declarations, so they cannot disagree.

use std::sync::Arc;

use arrow_schema::{DataType, Field as ArrowField, Schema};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    /// An exact amount: Decimal128(18, 2) in Parquet, two decimals in CSV.
    Decimal,
    Bool,
}

/// One column of a table.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    /// Never empty (a Frictionless `required` constraint; not nullable in Parquet).
    pub required: bool,
    pub description: &'static str,
}

const fn field(name: &'static str, kind: Kind, description: &'static str) -> Field {
    Field {
        name,
        kind,
        required: true,
        description,
    }
}

const fn optional(name: &'static str, kind: Kind, description: &'static str) -> Field {
    Field {
        name,
        kind,
        required: false,
        description,
    }
}

/// One table of the dataset: its folder, whether it is hive-partitioned by family and
/// year, its columns and keys.
#[derive(Debug)]
pub struct TableDef {
    pub name: &'static str,
    pub title: &'static str,
    /// Written under `family=…/year=…/`; the two keys are then path segments, not columns.
    pub partitioned: bool,
    pub fields: &'static [Field],
    pub primary_key: &'static [&'static str],
    /// (columns, referenced table, referenced columns)
    pub foreign_keys: &'static [(
        &'static [&'static str],
        &'static str,
        &'static [&'static str],
    )],
}

use Kind::{Bool, Decimal, Int, Text};

pub const REPORTS: TableDef = TableDef {
    name: "reports",
    title: "报告",
    partitioned: false,
    fields: &[
        field(
            "report_id",
            Text,
            "SHA-256 of the source (hex): the same document always has the same id",
        ),
        field("unit", Text, "单位 or 部门 name as the report prints it"),
        optional("unit_code", Text, "unit code, when printed"),
        optional(
            "region",
            Text,
            "region of the report's template profile (山西, 上海, 江苏, 全国)",
        ),
        field("year", Int, "budget or final-accounts year"),
        field("family", Text, "预算 or 决算"),
        field("scope", Text, "部门 (consolidated) or 单位"),
        field(
            "profile",
            Text,
            "template profile id (shanxi, shanghai, ...)",
        ),
        field(
            "source_name",
            Text,
            "file name of the source (no folder); a budget folder's name for built reports",
        ),
        field("source_sha256", Text, "SHA-256 of the source bytes (hex)"),
        optional("pages", Int, "pages of the source document, when known"),
        field(
            "origin",
            Text,
            "extracted (from a published document) or built",
        ),
        field("tables", Int, "tables read"),
        field("cells", Int, "cells written to the cells table"),
        field("errors", Int, "error findings"),
        field("warnings", Int, "warning findings"),
    ],
    primary_key: &["report_id"],
    foreign_keys: &[],
};

pub const TABLES: TableDef = TableDef {
    name: "tables",
    title: "表格",
    partitioned: false,
    fields: &[
        field("report_id", Text, "the report (reports.report_id)"),
        field(
            "table_index",
            Int,
            "position of the table in the report, from 0",
        ),
        field(
            "table",
            Text,
            "canonical table kind (shared/spec/tidy-export.md), never the printed number",
        ),
        optional("number", Text, "the number label as printed (预算公开表1)"),
        field("title", Text, "the title as printed"),
        field(
            "unit",
            Text,
            "unit of every amount in the table: 万元 or 元",
        ),
        field(
            "prints_codes",
            Bool,
            "whether the table prints its rows' classification codes",
        ),
        optional("page", Int, "page (PDF) the table starts on"),
        field("cells", Int, "cells of the table in the cells table"),
    ],
    primary_key: &["report_id", "table_index"],
    foreign_keys: &[(&["report_id"], "reports", &["report_id"])],
};

pub const CELLS: TableDef = TableDef {
    name: "cells",
    title: "单元格",
    partitioned: true,
    fields: &[
        field("report_id", Text, "the report (reports.report_id)"),
        field("seq", Int, "position of the cell in the report, from 0"),
        field("table_index", Int, "the table (tables.table_index)"),
        field("table", Text, "canonical table kind"),
        optional("side", Text, "收入 or 支出 for two-sided tables"),
        optional(
            "row_code",
            Text,
            "the row's classification code, joined (2010301), also when the table does not print it (tables.prints_codes)",
        ),
        field("row_name", Text, "the row label, normalized as in the tidy CSV").allow_empty(),
        field("column", Text, "canonical column name").allow_empty(),
        field(
            "amount",
            Decimal,
            "the figure as printed, exact, in the table's unit",
        ),
        field(
            "decimals",
            Int,
            "decimals the figure was printed with (0-2)",
        ),
        field("unit", Text, "万元 or 元 (the table's unit)"),
        optional("page", Int, "page (PDF) of the table"),
    ],
    primary_key: &["report_id", "seq"],
    foreign_keys: &[
        (&["report_id"], "reports", &["report_id"]),
        (
            &["report_id", "table_index"],
            "tables",
            &["report_id", "table_index"],
        ),
    ],
};

pub const FINDINGS: TableDef = TableDef {
    name: "findings",
    title: "检查发现",
    partitioned: true,
    fields: &[
        field("report_id", Text, "the report (reports.report_id)"),
        field("seq", Int, "position of the finding, from 0"),
        field("rule", Text, "rule id (R-SUM-001, N-EXTRACT-INFERRED, ...)"),
        field("severity", Text, "error, warning or note"),
        field("message", Text, "the finding, in Chinese"),
        optional("hint", Text, "what to do about it"),
        optional("page", Int, "page the finding points at"),
        optional("line", Int, "line (text sources)"),
        optional("table", Text, "table the finding points at"),
        optional("row", Text, "row label"),
        optional("column", Text, "column name"),
    ],
    primary_key: &["report_id", "seq"],
    foreign_keys: &[(&["report_id"], "reports", &["report_id"])],
};

/// The tables in the order they are written for a report: the reports row last, so a
/// reader that starts from `reports` never meets a report whose cells are missing.
pub const ALL: [&TableDef; 4] = [&CELLS, &FINDINGS, &TABLES, &REPORTS];

impl Field {
    /// A required text that may be the empty string (a row without a label): present in
    /// every row, but not constrained, since Frictionless reads `""` as missing.
    const fn allow_empty(mut self) -> Field {
        self.required = false;
        self
    }

    fn data_type(&self) -> DataType {
        match self.kind {
            Kind::Text => DataType::Utf8,
            Kind::Int => DataType::Int32,
            Kind::Decimal => DataType::Decimal128(18, 2),
            Kind::Bool => DataType::Boolean,
        }
    }

    /// The Frictionless (Table Schema) type.
    pub fn table_schema_type(&self) -> &'static str {
        match self.kind {
            Kind::Text => "string",
            Kind::Int => "integer",
            Kind::Decimal => "number",
            Kind::Bool => "boolean",
        }
    }
}

impl TableDef {
    pub fn arrow_schema(&self) -> Arc<Schema> {
        Arc::new(Schema::new(
            self.fields
                .iter()
                .map(|f| ArrowField::new(f.name, f.data_type(), !f.required))
                .collect::<Vec<_>>(),
        ))
    }
}
