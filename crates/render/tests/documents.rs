//! The XLSX and HTML encoders hold every printed figure of the report, as numbers in the
//! workbook and as text in the page, and never let report text run as markup.

use std::path::{Path, PathBuf};

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

/// The report's workbook, `book.xlsx` in a fresh scratch folder, converted there by
/// LibreOffice (headless, installed by `scripts/setup.sh --test`) to `to`; the folder.
fn libreoffice_converts(report: &Report, test: &str, to: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-lo-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let book = dir.join("book.xlsx");
    std::fs::write(&book, yusuan_render::xlsx_bytes(report).unwrap()).unwrap();
    // Files named after the sheets are Chinese: a C locale cannot write them.
    let out = std::process::Command::new("soffice")
        .env("LC_ALL", "C.UTF-8")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(&dir)
        .arg(&book)
        .output()
        .expect("soffice (libreoffice-calc-nogui) is installed by scripts/setup.sh --test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// LibreOffice (headless, installed by `scripts/setup.sh --test`) reads our workbook:
/// its CSV of the 数据 sheet is our tidy export, and the table sheets show the same
/// figures, as an independent spreadsheet application sees them.
#[test]
fn libreoffice_reads_the_same_numbers() {
    let report = golden("changzhi-cdpf-2024.tidy.csv");
    let dir = libreoffice_converts(
        &report,
        "csv",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
    );
    let mut sheets: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    sheets.sort();
    assert_eq!(
        sheets.len(),
        report.tables.len() + 1,
        "one CSV per sheet: {sheets:?}"
    );
    let tidy = yusuan_render::tidy_string(&report);
    let want: Vec<&str> = tidy.lines().skip(1).collect();
    let number = |s: &str| s.replace(',', "");
    let mut data = csv::ReaderBuilder::new()
        .from_path(dir.join("book-数据.csv"))
        .unwrap();
    let got: Vec<String> = data
        .records()
        .map(|r| {
            let r = r.unwrap();
            format!(
                "{},{},{},{},{},{}",
                &r[0],
                &r[1],
                &r[2],
                &r[3],
                &r[4],
                number(&r[5])
            )
        })
        .collect();
    // Cells as shown: the 0.00 format keeps 92.40 from reading as 92.4.
    let first_difference = got.iter().zip(&want).find(|(g, w)| g != w);
    assert!(
        first_difference.is_none() && got.len() == want.len(),
        "{} rows, {} wanted; first difference {first_difference:?}",
        got.len(),
        want.len()
    );
    // Every figure of every table sheet, as a multiset, is the tidy export's.
    let is_amount = |s: &str| {
        let s = s.strip_prefix('-').unwrap_or(s).replace(',', "");
        s.split_once('.').is_some_and(|(i, f)| {
            !i.is_empty()
                && i.bytes().all(|b| b.is_ascii_digit())
                && f.len() == 2
                && f.bytes().all(|b| b.is_ascii_digit())
        })
    };
    let mut shown: Vec<String> = Vec::new();
    for sheet in sheets.iter().filter(|p| !p.ends_with("book-数据.csv")) {
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(sheet)
            .unwrap();
        for r in rd.records() {
            shown.extend(r.unwrap().iter().filter(|c| is_amount(c)).map(number));
        }
    }
    let mut expected: Vec<String> = want
        .iter()
        .map(|l| l.rsplit(',').next().unwrap().to_owned())
        .collect();
    shown.sort();
    expected.sort();
    assert!(
        shown == expected,
        "table sheets show {} figures, the tidy export has {}",
        shown.len(),
        expected.len()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn income_sheet_has_the_official_two_row_header() {
    // The seed's tables; a tidy CSV names no family, the seed is 山西's.
    let mut report = golden("changzhi-cdpf-2024.tidy.csv");
    report.meta.profile = "shanxi".to_owned();
    let bytes = yusuan_render::xlsx_bytes(&report).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let name = book
        .sheet_names()
        .into_iter()
        .find(|n| n.ends_with("收入总表"))
        .unwrap();
    let sheet = book.worksheet_range(&name).unwrap();
    let row = |r: usize| -> Vec<String> {
        sheet
            .rows()
            .nth(r)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect()
    };
    // Rows 3–4 as the seed prints them: 项目 over code and name, 本年收入 over 合计 and
    // the sources, 上年结转 over both rows.
    let (top, bottom) = (row(2), row(3));
    assert_eq!(top[0], "项目");
    assert_eq!(bottom[..2], ["科目编码", "科目名称"]);
    let group = top.iter().position(|c| c == "本年收入").unwrap();
    assert_eq!(bottom[group..group + 2], ["合计", "一般公共预算"]);
    let merged = book.merge_cells_by_sheet_name(&name).unwrap();
    let spans = |r: u32, c: u32| {
        merged
            .iter()
            .any(|m| m.start == (r, c) && m.end.1 > c && m.end.0 == r)
    };
    assert!(spans(2, 0), "项目 spans the code and name columns");
    assert!(spans(2, group as u32), "本年收入 spans its columns");
    // The golden prints one source (一般公共预算), so 本年收入 spans two columns.
    let carry = group + 2;
    assert_eq!(top[carry], "上年结转");
    assert!(
        merged
            .iter()
            .any(|m| m.start == (2, carry as u32) && m.end == (3, carry as u32)),
        "上年结转 spans both header rows"
    );
}

/// LibreOffice prints each table sheet of a 决算 workbook on A4, upright where the family
/// sets the table upright (一、五、六) and landscape elsewhere, one page wide.
#[test]
fn libreoffice_prints_each_table_as_the_family_sets_it() {
    let mut report = golden("sh-caizheng-2024-final.tidy.csv");
    report.meta.profile = "national-final".to_owned();
    let profile = yusuan_profile::profile("national-final").unwrap();
    let dir = libreoffice_converts(&report, "print", "pdf");
    let pdf = dir.join("book.pdf");
    let poppler = |cmd: &str, page: usize| -> String {
        let out = std::process::Command::new(cmd)
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&pdf)
            .args(if cmd == "pdftotext" {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .expect("poppler-utils is installed by scripts/setup.sh --test");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let info = poppler("pdfinfo", 1);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let texts: Vec<String> = (1..=pages)
        .map(|p| {
            poppler("pdftotext", p)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect();
    for table in &report.tables {
        let spec = profile
            .tables
            .iter()
            .find(|s| s.kind == table.kind)
            .unwrap();
        let title: String = table.title.chars().filter(|c| !c.is_whitespace()).collect();
        let page = texts
            .iter()
            .position(|t| t.contains(&title))
            .unwrap_or_else(|| panic!("no page prints {title}"))
            + 1;
        let size = poppler("pdfinfo", page);
        let line = size
            .lines()
            .find(|l| l.starts_with("Page") && l.contains("size:"))
            .unwrap_or_else(|| panic!("pdfinfo: {size}"));
        // `Page    3 size: 841.89 x 595.276 pts (A4)`
        let dims: Vec<f64> = line
            .split("size:")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        let (w, h) = (dims[0], dims[1]);
        let a4 = |a: f64, b: f64| (a - 595.0).abs() < 2.0 && (b - 842.0).abs() < 2.0;
        assert!(a4(w, h) || a4(h, w), "{title}: {line}");
        assert_eq!(w < h, spec.portrait, "{title} on page {page}: {line}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
