//! `yusuan bench`: derivation speed, measured outside the test suite.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use yusuan_model::UnitKind;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Budget directories to derive (every folder of examples/ by default).
    dirs: Vec<PathBuf>,
    /// Lines of the synthetic budget.
    #[arg(long, default_value_t = 100_000)]
    lines: usize,
    /// Repetitions; the minimum and median are reported.
    #[arg(long, default_value_t = 20)]
    runs: usize,
    /// Published reports (PDF or text) to time extraction and checking on.
    #[arg(long = "report")]
    reports: Vec<PathBuf>,
}

fn measure(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[times.len() / 2])
}

/// One line of the results table.
fn row(label: &str, count: impl std::fmt::Display, min: Duration, median: Duration) {
    println!("{label:<40} {count:>8} {min:>12.3?} {median:>12.3?}");
}

pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let catalog = yusuan_catalog::Catalog::embedded();
    // By default every example, one per generated family.
    let dirs = if args.dirs.is_empty() {
        yusuan_pipeline::inputs(&[PathBuf::from("examples")], yusuan_pipeline::Kinds::Any)
            .map_err(anyhow::Error::msg)?
            .into_iter()
            .filter(|p| yusuan_pipeline::is_budget_dir(p))
            .collect()
    } else {
        args.dirs.clone()
    };
    println!(
        "{:<40} {:>8} {:>12} {:>12}",
        "input", "lines", "min", "median"
    );
    for dir in dirs {
        let (budget, diags) = yusuan_pipeline::load_budget(&dir, &catalog);
        let Some(budget) = budget else {
            crate::print_diagnostics(&diags);
            anyhow::bail!("无法读取 {}", dir.display());
        };
        let build = || {
            yusuan_pipeline::build(&budget, &catalog)
                .map_err(|e| anyhow::anyhow!(yusuan_pipeline::first_errors(&e)))
        };
        let (report, _) = build()?;
        let (load_min, load_med) = measure(args.runs, || {
            std::hint::black_box(yusuan_pipeline::load_budget(&dir, &catalog));
        });
        let (min, med) = measure(args.runs, || {
            std::hint::black_box(build().ok());
        });
        let name = dir.display().to_string();
        row(
            &format!("{name} load"),
            budget.lines.len(),
            load_min,
            load_med,
        );
        row(&format!("{name} derive"), budget.lines.len(), min, med);
        let (min, med) = measure(args.runs, || {
            std::hint::black_box(yusuan_check::check(&report, &catalog, "bench"));
        });
        row(
            &format!("{name} check"),
            yusuan_check::RULES.len(),
            min,
            med,
        );
        let (min, med) = measure(args.runs, || {
            std::hint::black_box(yusuan_render::xlsx_bytes(&report).ok());
        });
        row(&format!("{name} xlsx"), "", min, med);
        let (min, med) = measure(args.runs, || {
            std::hint::black_box(yusuan_render::html_string(&report).ok());
        });
        row(&format!("{name} html"), "", min, med);
        let (min, med) = measure(args.runs.min(5), || {
            std::hint::black_box(crate::pdf_bytes(&report, &[]).ok());
        });
        let pages = crate::pdf_bytes(&report, &[])
            .map(|b| format!("{} KB", b.len() / 1024))
            .unwrap_or_default();
        row(
            &format!("{name} pdf (fonts read each run)"),
            pages,
            min,
            med,
        );
    }
    for path in &args.reports {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("report")
            .to_owned();
        let (min, med) = measure(args.runs.min(5), || {
            std::hint::black_box(yusuan_pipeline::extract_file(path).ok());
        });
        row(&format!("{name} extract"), "", min, med);
        let (min, med) = measure(args.runs.min(5), || {
            std::hint::black_box(yusuan_pipeline::open_and_check(path, &catalog).ok());
        });
        row(&format!("{name} open+check"), "", min, med);
        let Ok(ex) = yusuan_pipeline::extract_file(path) else {
            continue;
        };
        let (min, med) = measure(args.runs, || {
            std::hint::black_box(yusuan_check::check(&ex.report, &catalog, "bench"));
        });
        row(
            &format!("{name} check"),
            yusuan_check::RULES.len(),
            min,
            med,
        );
    }
    for profile_id in yusuan_profile::generated_ids() {
        let budget =
            yusuan_derive::synthetic::budget(args.lines, 7, profile_id, UnitKind::Administrative);
        let (min, med) = measure(args.runs.min(10), || {
            std::hint::black_box(yusuan_pipeline::build(&budget, &catalog).ok());
        });
        let name = format!("synthetic ({profile_id}) derive");
        row(&name, args.lines, min, med);
    }
    Ok(ExitCode::SUCCESS)
}
