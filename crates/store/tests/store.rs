//! The store on SQLite, and on the PostgreSQL server `YUSUAN_TEST_POSTGRES` names
//! (`scripts/test.sh` starts one; without it the tests fail unless
//! `YUSUAN_SKIP_POSTGRES=1`, see `yusuan-testkit`). Each test runs the same checks on every backend it has.

use std::path::Path;

use yusuan_model::{Column, MoneyUnit, Report, TableKind};
use yusuan_store::{AggregateBy, AggregateQuery, Imported, NewReport, Origin, Store};

fn golden(name: &str) -> Report {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../golden")
            .join(name),
    )
    .unwrap();
    let (mut report, diags) = yusuan_render::read_tidy(name, &text);
    assert!(diags.is_empty(), "{diags:?}");
    // The tidy CSV holds the tables only; the unit and year are the documents'.
    let (unit, year) = match name {
        "changzhi-cdpf-2024.tidy.csv" => ("长治市残疾人联合会", 2024),
        "putuo-zfbgs-2025.tidy.csv" => ("上海市普陀区人民政府办公室", 2025),
        _ => unreachable!(),
    };
    report.meta.unit_name = unit.to_owned();
    report.meta.year = year;
    // 普陀 prints in 元 but for its 三公 table; the tidy file has no units.
    if year == 2025 {
        for t in report
            .tables
            .iter_mut()
            .filter(|t| t.kind != TableKind::ThreePublic)
        {
            t.unit = MoneyUnit::Yuan;
            for cell in t
                .blocks
                .iter_mut()
                .flat_map(|b| &mut b.rows)
                .flat_map(|r| &mut r.cells)
                .flatten()
            {
                cell.unit = MoneyUnit::Yuan;
            }
        }
    }
    report
}

/// Σ of the 7-digit (项) rows of the 长治 golden's 支出总表 合计 column, in fen: 万元
/// with two decimals, so a hundredth is 10,000 fen.
fn golden_xiang_total_fen() -> i64 {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../golden/changzhi-cdpf-2024.tidy.csv"),
    )
    .unwrap();
    let mut sum = 0;
    let mut rows = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[0] == "支出总表" && f[2].len() == 7 && f[4] == "合计" {
            let (int, frac) = f[5].split_once('.').unwrap_or((f[5], ""));
            assert!(frac.len() <= 2, "{line}");
            let hundredths: i64 =
                int.parse::<i64>().unwrap() * 100 + format!("{frac:0<2}").parse::<i64>().unwrap();
            sum += hundredths * 10_000;
            rows += 1;
        }
    }
    assert!(rows >= 10, "only {rows} 项 rows in the golden");
    sum
}

/// A fresh database per test: a SQLite file, and a PostgreSQL schema when configured.
async fn stores(test: &str) -> Vec<(String, Store)> {
    let dir = std::env::temp_dir().join(format!("yusuan-store-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut out = vec![(
        "sqlite".to_owned(),
        Store::open(&format!("sqlite:{}", dir.join("t.db").display()))
            .await
            .unwrap(),
    )];
    if let Some(url) = yusuan_testkit::postgres(&format!("store {test}")) {
        let url = fresh_postgres(&url, test).await;
        out.push(("postgres".to_owned(), Store::open(&url).await.unwrap()));
    }
    out
}

/// A new, empty database named after the test on the server of `url`.
async fn fresh_postgres(url: &str, test: &str) -> String {
    use sqlx::Executor;
    sqlx::any::install_default_drivers();
    let admin = sqlx::AnyPool::connect(url).await.unwrap();
    let name = format!("yusuan_test_{test}");
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
        .await
        .unwrap();
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    admin.close().await;
    let base = url.rsplit_once('/').unwrap().0;
    format!("{base}/{name}")
}

fn new_report<'a>(report: &'a Report, hash: &str) -> NewReport<'a> {
    NewReport {
        report,
        findings: &[],
        source_hash: hash.to_owned(),
        source_name: "t.csv".to_owned(),
        origin: Origin::Extracted,
    }
}

#[tokio::test]
async fn a_report_comes_back_whole_and_reimporting_is_a_no_op() {
    let report = golden("changzhi-cdpf-2024.tidy.csv");
    for (backend, store) in stores("whole").await {
        let findings = yusuan_check::check(&report, &yusuan_catalog::Catalog::embedded(), "t");
        let new = NewReport {
            findings: &findings,
            ..new_report(&report, "h1")
        };
        let id = match store.import(new).await.unwrap() {
            Imported::New(id) => id,
            other => panic!("{backend}: {other:?}"),
        };
        let before = store.counts().await.unwrap();
        let again = NewReport {
            findings: &findings,
            ..new_report(&report, "h1")
        };
        assert_eq!(store.import(again).await.unwrap(), Imported::Existing(id));
        assert_eq!(store.counts().await.unwrap(), before, "{backend}");
        assert_eq!(
            store.report(id).await.unwrap().unwrap(),
            report,
            "{backend}"
        );
        assert_eq!(store.findings(id).await.unwrap(), findings, "{backend}");
        let cells = before.iter().find(|(t, _)| *t == "cells").unwrap().1;
        assert_eq!(
            cells as usize,
            yusuan_render::tidy_string(&report).lines().count() - 1,
            "{backend}: one row per tidy cell"
        );
        let rows = store.reports().await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].unit, "长治市残疾人联合会");
        assert_eq!(rows[0].year, 2024);
        store.close().await;
    }
}

#[tokio::test]
async fn a_failed_import_leaves_nothing_behind() {
    let mut report = golden("putuo-zfbgs-2025.tidy.csv");
    // A year the schema refuses, found after the unit row is written: the whole import
    // must roll back, unit included.
    report.meta.unit_name = "只在失败的导入里出现的单位".to_owned();
    report.meta.year = 1900;
    for (backend, store) in stores("failed").await {
        assert!(store.import(new_report(&report, "bad")).await.is_err());
        for (table, n) in store.counts().await.unwrap() {
            assert_eq!(n, 0, "{backend}: {table} keeps {n} rows of a failed import");
        }
        store.close().await;
    }
}

#[tokio::test]
async fn a_cell_the_schema_cannot_hold_is_reported_and_the_rest_is_kept() {
    let mut report = golden("putuo-zfbgs-2025.tidy.csv");
    // An extracted column with no name (a header the reader found nothing for), and a NUL
    // character in a row name (PostgreSQL refuses it in text).
    let last = report.tables.len() - 1;
    let kind = report.tables[last].kind;
    report.tables[last].blocks[0].columns[0] = Column::new("");
    let unnamed: usize = report.tables[last].blocks[0]
        .rows
        .iter()
        .filter(|r| r.cells[0].is_some())
        .count();
    assert!(unnamed > 0);
    report.tables[0].blocks[0].rows[0].name.push('\0');
    let all: usize = report
        .tables
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.rows)
        .map(|r| r.cells.iter().flatten().count())
        .sum();
    for (backend, store) in stores("unnamed").await {
        let id = store
            .import(new_report(&report, "unnamed"))
            .await
            .unwrap()
            .id();
        let counts: std::collections::HashMap<_, _> =
            store.counts().await.unwrap().into_iter().collect();
        assert_eq!(counts["cells"], (all - unnamed) as i64, "{backend}");
        let findings = store.findings(id).await.unwrap();
        let kept_out: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == "W-STORE-CELL")
            .collect();
        assert_eq!(kept_out.len(), unnamed, "{backend}");
        assert!(
            kept_out[0].message.contains(kind.label()) && kept_out[0].message.contains("第1列"),
            "{backend}: {}",
            kept_out[0].message
        );
        assert_eq!(kept_out[0].location.column.as_deref(), Some("第1列"));
        // The report as read is kept whole, the unnamed cells included.
        let stored = store.report(id).await.unwrap().unwrap();
        assert_eq!(stored.tables[last], report.tables[last], "{backend}");
        store.close().await;
    }
}

#[tokio::test]
async fn concurrent_imports_of_one_source_store_it_once() {
    let report = golden("putuo-zfbgs-2025.tidy.csv");
    for (backend, store) in stores("concurrent").await {
        let store = std::sync::Arc::new(store);
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (store, report) = (store.clone(), report.clone());
            tasks.push(tokio::spawn(async move {
                store.import(new_report(&report, "same")).await.unwrap()
            }));
        }
        let mut new = 0;
        for t in tasks {
            if let Imported::New(_) = t.await.unwrap() {
                new += 1;
            }
        }
        assert_eq!(new, 1, "{backend}");
        assert_eq!(store.reports().await.unwrap().len(), 1, "{backend}");
        store.close().await;
    }
}

#[tokio::test]
async fn aggregates_add_up_to_the_tables() {
    let a = golden("changzhi-cdpf-2024.tidy.csv");
    let b = golden("putuo-zfbgs-2025.tidy.csv");
    for (backend, store) in stores("aggregate").await {
        store.import(new_report(&a, "a")).await.unwrap();
        store.import(new_report(&b, "b")).await.unwrap();
        let by_class = store
            .aggregate(&AggregateQuery {
                by: AggregateBy::Class,
                ..Default::default()
            })
            .await
            .unwrap();
        // 208 of the seed's 支出总表: 1,045.00 万元; 201 of putuo: 82,096,797.42 元.
        let find = |unit: &str, key: &str| {
            by_class
                .iter()
                .find(|r| r.unit.starts_with(unit) && r.key == key)
                .unwrap_or_else(|| panic!("{backend}: no {unit} {key} in {by_class:?}"))
                .fen
        };
        // 1,045.00 万元, in fen.
        assert_eq!(find("长治", "208"), 104_500 * 10_000, "{backend}");
        assert_eq!(find("上海", "201"), 8_209_679_742, "{backend}");
        // Cut by unit and year.
        let cut = store
            .aggregate(&AggregateQuery {
                by: AggregateBy::Xiang,
                unit: Some("长治市残疾人联合会".to_owned()),
                year: Some(2024),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(cut
            .iter()
            .all(|r| r.unit == "长治市残疾人联合会" && r.key.len() == 7));
        // Σ 项 of the stored 支出总表, in fen, is exactly the sum of the 项 the golden
        // prints in its 合计 column (read here with a parser of the test's own).
        let total: i64 = cut.iter().map(|r| r.fen).sum();
        assert_eq!(total, golden_xiang_total_fen(), "{backend}");
        let none = store
            .aggregate(&AggregateQuery {
                year: Some(1999),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(none.is_empty());
        store.close().await;
    }
}

#[tokio::test]
async fn deleting_a_report_removes_all_it_stored() {
    let report = golden("changzhi-cdpf-2024.tidy.csv");
    for (backend, store) in stores("delete").await {
        let id = store.import(new_report(&report, "d")).await.unwrap().id();
        assert!(store.delete_report(id).await.unwrap());
        assert!(!store.delete_report(id).await.unwrap());
        for (table, n) in store.counts().await.unwrap() {
            let expected = if table == "units" { 1 } else { 0 };
            assert_eq!(n, expected, "{backend}: {table}");
        }
        store.close().await;
    }
}
