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
    /// Time a whole batch instead: `yusuan extract --parquet` over the PDFs of this folder
    /// replicated to `--copies` distinct files, with 1 and with `--jobs` workers.
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Files in the replicated corpus (each copy differs by a PDF comment after %%EOF, so
    /// each has its own SHA-256 and is extracted anew).
    #[arg(long, default_value_t = 1000)]
    copies: usize,
    /// Workers for the second batch run (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
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
    if let Some(corpus) = &args.corpus {
        return corpus_run(corpus, args.copies, args.jobs);
    }
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

/// Peak resident memory (VmHWM) of a running process, in KiB; 0 once it has exited.
fn peak_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// `yusuan extract DIR --parquet OUT -j N` as a child process: its wall time and its peak
/// memory, polled from /proc every 20 ms (VmHWM only grows, so the last reading before
/// the exit is the peak but for the last few milliseconds).
fn batch(
    dir: &std::path::Path,
    out: &std::path::Path,
    jobs: usize,
) -> anyhow::Result<(Duration, u64)> {
    let _ = std::fs::remove_dir_all(out);
    let started = Instant::now();
    let mut child = std::process::Command::new(std::env::current_exe()?)
        .arg("extract")
        .arg(dir)
        .arg("--parquet")
        .arg(out)
        .arg("-j")
        .arg(jobs.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let mut peak = 0;
    let status = loop {
        peak = peak.max(peak_kib(child.id()));
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    anyhow::ensure!(
        status.success(),
        "批量提取失败（{status}）：{}",
        dir.display()
    );
    Ok((elapsed, peak))
}

/// Throughput and peak memory of a whole batch over a replicated corpus, and whether the
/// memory stays flat when the corpus grows tenfold.
fn corpus_run(
    corpus: &std::path::Path,
    copies: usize,
    jobs: Option<usize>,
) -> anyhow::Result<ExitCode> {
    let pdfs: Vec<PathBuf> =
        yusuan_pipeline::inputs(&[corpus.to_path_buf()], yusuan_pipeline::Kinds::Published)
            .map_err(anyhow::Error::msg)?
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
            .collect();
    anyhow::ensure!(!pdfs.is_empty(), "{} 中没有 PDF", corpus.display());
    let originals: Vec<(String, Vec<u8>)> = pdfs
        .iter()
        .map(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("report");
            Ok((stem.to_owned(), std::fs::read(p)?))
        })
        .collect::<std::io::Result<_>>()?;
    let work = std::env::temp_dir().join(format!("yusuan-bench-corpus-{}", std::process::id()));
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    println!(
        "{:<28} {:>6} {:>4} {:>10} {:>10} {:>12} {:>10}",
        "batch", "files", "jobs", "seconds", "PDFs/s", "PDFs/s/core", "peak MB"
    );
    // A tenth of the corpus first: the peak should not grow with the number of files.
    for n in [copies.div_ceil(10), copies] {
        let dir = work.join(format!("in-{n}"));
        std::fs::create_dir_all(&dir)?;
        for i in 0..n {
            let (stem, bytes) = &originals[i % originals.len()];
            let mut copy = bytes.clone();
            copy.extend_from_slice(format!("\n%yusuan-copy-{i}\n").as_bytes());
            std::fs::write(dir.join(format!("{stem}-{i:05}.pdf")), copy)?;
        }
        let runs: &[usize] = if n == copies && jobs > 1 {
            &[1, jobs]
        } else {
            &[1]
        };
        for &j in runs {
            let (elapsed, peak) = batch(&dir, &work.join("out"), j)?;
            let rate = n as f64 / elapsed.as_secs_f64();
            println!(
                "{:<28} {:>6} {:>4} {:>10.1} {:>10.2} {:>12.2} {:>10.0}",
                "extract --parquet",
                n,
                j,
                elapsed.as_secs_f64(),
                rate,
                rate / j as f64,
                peak as f64 / 1024.0
            );
        }
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::remove_dir_all(&work)?;
    Ok(ExitCode::SUCCESS)
}
