//! `yusuan check FILE|DIR…`: run the rule catalogue on reports of any origin.

use std::path::PathBuf;
use std::process::ExitCode;

use yusuan_model::{Diagnostic, Severity, Tally};

#[derive(clap::Args)]
pub struct CheckArgs {
    /// PDF, report text, tidy CSV, report JSON, a budget directory, or a folder of these
    /// (every report in it is checked and summed up in one table).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output: rustc-style text, a JSON array of findings, or SARIF 2.1.0.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Leave notes (rounding differences) out of the output.
    #[arg(long)]
    no_notes: bool,
    #[command(flatten)]
    catalog: crate::CatalogArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
}

/// One report's line of the summary.
struct Summary {
    report: String,
    tally: Tally,
    unreadable: bool,
}

/// The summary table of a folder check: a row per report, then the totals.
fn print_summary(rows: &[Summary]) {
    // Counts first: names are of any width, and CJK text does not pad by characters.
    println!("错误  警告  提示  报告（主要规则）");
    for r in rows {
        let top = r.tally.top(3);
        let top = match (r.unreadable, top.is_empty()) {
            (true, _) => "（无法读取）".to_owned(),
            (false, true) => String::new(),
            (false, false) => format!("（{}）", top.join("，")),
        };
        let t = &r.tally;
        println!(
            "{:>4}  {:>4}  {:>4}  {}{top}",
            t.errors, t.warnings, t.notes, r.report
        );
    }
    let sum = |f: fn(&Tally) -> usize| rows.iter().map(|r| f(&r.tally)).sum::<usize>();
    let unreadable = rows.iter().filter(|r| r.unreadable).count();
    println!(
        "共 {} 份报告{}：{} 个错误，{} 个警告，{} 个提示",
        rows.len(),
        if unreadable > 0 {
            format!("（{unreadable} 份无法读取）")
        } else {
            String::new()
        },
        sum(|t| t.errors),
        sum(|t| t.warnings),
        sum(|t| t.notes)
    );
}

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let (catalog, mut all) = crate::catalog(&args.catalog);
    let mut unreadable = false;
    let mut rows = Vec::new();
    let inputs = yusuan_pipeline::inputs(&args.inputs, yusuan_pipeline::Kinds::Any)
        .map_err(anyhow::Error::msg)?;
    for input in inputs {
        let name = input.display().to_string();
        // A report that cannot be read is recorded, and the others are still checked.
        let (mut findings, failed) = match yusuan_pipeline::open_and_check(&input, &catalog) {
            Ok(checked) => (checked.findings, false),
            Err(diags) => {
                unreadable = true;
                (diags, true)
            }
        };
        if args.no_notes {
            findings.retain(|d| d.severity != Severity::Note);
        }
        rows.push(Summary {
            report: name,
            tally: Tally::of(&findings),
            unreadable: failed,
        });
        all.extend(findings);
    }
    if args.no_notes {
        all.retain(|d| d.severity != Severity::Note);
    }
    match args.format {
        Format::Text => {
            for d in &all {
                println!("{d}\n");
            }
            if rows.len() > 1 {
                print_summary(&rows);
            } else {
                let count = |s| all.iter().filter(|d| d.severity == s).count();
                println!(
                    "共 {} 个错误，{} 个警告，{} 个提示",
                    count(Severity::Error),
                    count(Severity::Warning),
                    count(Severity::Note)
                );
            }
        }
        Format::Json => println!("{}", serde_json::to_string_pretty(&all)?),
        Format::Sarif => println!("{}", serde_json::to_string_pretty(&sarif(&all))?),
    }
    Ok(if unreadable {
        ExitCode::from(2)
    } else if yusuan_model::has_errors(&all) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A minimal SARIF 2.1.0 log: one run, the rule catalogue, one result per finding.
fn sarif(diags: &[Diagnostic]) -> serde_json::Value {
    let rules: Vec<_> = yusuan_check::RULES
        .iter()
        .map(|r| serde_json::json!({ "id": r.id(), "shortDescription": { "text": r.title() }, "fullDescription": { "text": r.doc().trim() } }))
        .collect();
    let results: Vec<_> = diags
        .iter()
        .map(|d| {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            let mut region = serde_json::Map::new();
            if let Some(line) = d.location.line {
                region.insert("startLine".into(), line.into());
            }
            if let Some(col) = d.location.column_number {
                region.insert("startColumn".into(), col.into());
            }
            let mut physical = serde_json::json!({ "artifactLocation": { "uri": d.location.file.clone().unwrap_or_default() } });
            if !region.is_empty() {
                physical["region"] = serde_json::Value::Object(region);
            }
            let logical: Vec<_> = [&d.location.table, &d.location.row, &d.location.column]
                .iter()
                .filter_map(|s| s.as_ref())
                .map(|s| serde_json::json!({ "name": s }))
                .collect();
            serde_json::json!({
                "ruleId": d.rule,
                "level": level,
                "message": { "text": match &d.hint { Some(h) => format!("{}（{h}）", d.message), None => d.message.clone() } },
                "locations": [{ "physicalLocation": physical, "logicalLocations": logical }],
                "properties": { "page": d.location.page },
            })
        })
        .collect();
    serde_json::json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{ "tool": { "driver": { "name": "yusuan", "version": env!("CARGO_PKG_VERSION"), "rules": rules } }, "results": results }],
    })
}
