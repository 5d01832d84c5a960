//! The XLSX and HTML encoders hold every printed figure of the report, as numbers in the
//! workbook and as text in the page, and never let report text run as markup.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use yusuan_model::Report;

fn golden(name: &str) -> Report {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../golden")
            .join(name),
    )
    .unwrap();
    let (report, diags) = yusuan_render::read_tidy(name, &text);
    assert!(diags.is_empty());
    report
}

#[test]
fn workbook_data_sheet_holds_every_cell_as_a_number() {
    let report = golden("changzhi-cdpf-2024.tidy.csv");
    let bytes = yusuan_render::xlsx_bytes(&report).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names.len(),
        report.tables.len() + 1,
        "one sheet per table and 数据"
    );
    let data = book.worksheet_range("数据").unwrap();
    let mut got = Vec::new();
    for row in data.rows().skip(1) {
        let s = |i: usize| row[i].to_string();
        let amount = match &row[5] {
            Data::Float(f) => format!("{f:.2}"),
            other => panic!("amount stored as {other:?}, not a number"),
        };
        got.push(format!(
            "{},{},{},{},{},{}",
            s(0),
            s(1),
            s(2),
            s(3),
            s(4),
            amount
        ));
    }
    let tidy = yusuan_render::tidy_string(&report);
    let want: Vec<&str> = tidy.lines().skip(1).collect();
    assert_eq!(got, want);
    // A table sheet has its figures as numbers too.
    let first = book.worksheet_range(&names[1]).unwrap();
    assert!(first.rows().any(|r| r
        .iter()
        .any(|c| matches!(c, Data::Float(f) if (*f - 1087.83).abs() < 1e-9))));
}

#[test]
fn page_shows_every_figure_with_scoped_headers() {
    let report = golden("putuo-zfbgs-2025.tidy.csv");
    let html = yusuan_render::html_string(&report).unwrap();
    assert!(html.contains(r#"<th scope="col">合计</th>"#));
    assert!(html.contains(r#"<th scope="row">行政运行</th>"#));
    for line in yusuan_render::tidy_string(&report).lines().skip(1) {
        let amount = line.rsplit(',').next().unwrap();
        let p = yusuan_model::Printed::parse(amount, yusuan_model::MoneyUnit::Yuan).unwrap();
        assert!(
            html.contains(&yusuan_model::with_separators(p)),
            "{amount} missing"
        );
    }
}

#[test]
fn report_text_is_escaped() {
    let mut report = golden("putuo-zfbgs-2025.tidy.csv");
    report.meta.unit_name = "<script>alert(1)</script>".to_owned();
    report.tables[0].blocks[0].rows[0].name = "<img src=x onerror=alert(2)>".to_owned();
    let html = yusuan_render::html_string(&report).unwrap();
    assert!(!html.contains("<script>alert") && !html.contains("<img src=x"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
}
