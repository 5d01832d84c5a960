//! Encoders of a computed [`Report`]: tidy CSV, JSON, XLSX and HTML. They format what
//! the report holds and never compute a figure of their own.

use std::io::{self, Write};

use yusuan_model::Report;

mod html;
mod tidy_read;
mod xlsx;
pub use html::html_string;
pub use tidy_read::read_tidy;
pub use xlsx::xlsx_bytes;

pub const TIDY_HEADER: [&str; 6] = ["table", "side", "row_code", "row_name", "column", "amount"];

/// Writes the tidy CSV of `shared/spec/tidy-export.md`: one printed cell per line,
/// blank cells and empty tables omitted, amounts in each table's own unit.
pub fn write_tidy<W: Write>(report: &Report, out: W) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(TIDY_HEADER)?;
    for c in report.cells() {
        let code = if c.table.prints_codes {
            c.row.code.as_deref().unwrap_or("")
        } else {
            ""
        };
        w.write_record([
            c.table.kind.label(),
            c.block.side.map_or("", |s| s.label()),
            code,
            &c.row.name,
            c.column.as_str(),
            &c.value.to_string(),
        ])?;
    }
    w.flush()
}

pub fn tidy_string(report: &Report) -> String {
    let mut buf = Vec::new();
    write_tidy(report, &mut buf).expect("writing to memory");
    String::from_utf8(buf).expect("tidy CSV is UTF-8")
}

/// The whole report as pretty JSON, each table with its unit.
pub fn write_json<W: Write>(report: &Report, out: W) -> io::Result<()> {
    let mut out = out;
    serde_json::to_writer_pretty(&mut out, report)?;
    out.write_all(b"\n")
}
