//! `yusuan extract FILE…`: published reports → tidy CSV / JSON, or one dataset (Parquet
//! or CSV tables with a manifest and datapackage.json), in parallel.

use std::io::IsTerminal;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::Context;
use yusuan_catalog::Catalog;
use yusuan_dataset::{Claim, Dataset, Entry, Failure, Format, Source};

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// PDF or text files, or folders of them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Tidy CSV: a file (`-` for standard output) for one input, a folder for several.
    #[arg(long)]
    tidy: Option<PathBuf>,
    /// JSON of the whole report: a file (`-`) for one input, a folder for several.
    #[arg(long)]
    json: Option<PathBuf>,
    #[command(flatten)]
    dataset: DatasetArgs,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    #[command(flatten)]
    catalog: crate::CatalogArgs,
}

fn output_for(dir_or_file: &Path, input: &Path, many: bool, ext: &str) -> PathBuf {
    if many {
        let stem = input
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("report");
        dir_or_file.join(format!("{stem}.{ext}"))
    } else {
        dir_or_file.to_path_buf()
    }
}

/// Where a batch (`extract`, `export`) writes its dataset.
#[derive(clap::Args)]
pub struct DatasetArgs {
    /// Write all reports as one dataset into this folder: reports, tables, cells and
    /// findings as Parquet (cells and findings under family=…/year=…), manifest.csv and
    /// datapackage.json (docs/dataset.md).
    #[arg(long, value_name = "DIR")]
    pub parquet: Option<PathBuf>,
    /// The same dataset as CSV files.
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// Continue the dataset in --parquet / --csv: skip the sources its manifest records as
    /// written (by SHA-256), try the failed ones again.
    #[arg(long)]
    pub resume: bool,
}

impl DatasetArgs {
    /// The dataset folders the arguments name.
    pub fn targets(&self) -> Vec<(Format, PathBuf)> {
        let mut targets = Vec::new();
        if let Some(dir) = &self.parquet {
            targets.push((Format::Parquet, dir.clone()));
        }
        if let Some(dir) = &self.csv {
            targets.push((Format::Csv, dir.clone()));
        }
        targets
    }
}

/// How a batch shows its progress: a bar with count, rate and time left on a terminal,
/// one plain line per finished input otherwise (a log, CI).
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
    finished: AtomicUsize,
    start: Instant,
}

impl Progress {
    pub fn new(total: usize, show: bool) -> Progress {
        let bar = (show && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} {per_sec} 剩余 {eta} {msg}",
                )
                .expect("valid template"),
            );
            bar
        });
        Progress {
            bar,
            total: if show { total } else { 0 },
            finished: AtomicUsize::new(0),
            start: Instant::now(),
        }
    }

    /// Prints a line without tearing the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// One input is done; `what` says how it went (写出, 跳过, 失败, ...).
    pub fn finished(&self, name: &str, what: &str) {
        let n = self.finished.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.set_message(name.to_owned());
            bar.inc(1);
        } else if self.total > 0 {
            let secs = self.start.elapsed().as_secs_f64().max(1e-3);
            let rate = n as f64 / secs;
            let left = (self.total - n.min(self.total)) as f64 / rate;
            eprintln!(
                "[{n}/{}] {what} {name}（{rate:.2} 份/秒，预计剩余 {left:.0} 秒）",
                self.total
            );
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// How one input went.
enum Outcome {
    Written,
    Skipped,
    Duplicate,
    Failed,
}

/// What the workers share.
struct Batch<'a> {
    args: &'a ExtractArgs,
    many: bool,
    dataset: Option<&'a Dataset>,
    catalog: &'a Catalog,
    progress: &'a Progress,
}

impl Batch<'_> {
    fn failed(&self, file: &str, sha256: Option<&str>, failure: &Failure) -> Outcome {
        self.progress
            .println(&format!("error: {file}: {}", failure.message));
        if let Some(ds) = self.dataset {
            if let Err(e) = ds.fail(file, sha256, failure) {
                self.progress
                    .println(&format!("error: {file}: 无法记入清单：{e}"));
            }
        }
        Outcome::Failed
    }

    fn one(&self, path: &Path) -> Outcome {
        let file = path.display().to_string();
        let source = match Source::read(path) {
            Ok(s) => s,
            Err(f) => return self.failed(&file, None, &f),
        };
        let id = source.id.clone();
        if let Some(ds) = self.dataset {
            match ds.claim(&id) {
                Claim::New => {}
                Claim::Done => return Outcome::Skipped,
                Claim::DuplicateOf(first) => {
                    return match ds.duplicate(&id, &first) {
                        Ok(()) => Outcome::Duplicate,
                        Err(e) => self.failed(
                            &file,
                            Some(&id.sha256),
                            &Failure::new("E-DATASET-WRITE", e.to_string()),
                        ),
                    };
                }
            }
        }
        let ex = match source.extract() {
            Ok(ex) => ex,
            Err(f) => return self.failed(&file, Some(&id.sha256), &f),
        };
        if self.dataset.is_none() {
            for d in &ex.diagnostics {
                self.progress.println(&format!("{d}\n"));
            }
        }
        let args = self.args;
        let outputs = (|| {
            if let Some(out) = &args.tidy {
                crate::write_to(&output_for(out, path, self.many, "tidy.csv"), |w| {
                    yusuan_render::write_tidy(&ex.report, w)
                })?;
            }
            if let Some(out) = &args.json {
                crate::write_to(&output_for(out, path, self.many, "json"), |w| {
                    yusuan_render::write_json(&ex.report, w)
                })?;
            }
            anyhow::Ok(())
        })();
        if let Err(e) = outputs {
            return self.failed(
                &file,
                Some(&id.sha256),
                &Failure::new("E-OUTPUT-WRITE", format!("{e:#}")),
            );
        }
        let Some(ds) = self.dataset else {
            return Outcome::Written;
        };
        let pages = ex.pages;
        let opened = yusuan_pipeline::Opened {
            report: ex.report,
            diagnostics: ex.diagnostics,
            origin: yusuan_model::Origin::Extracted,
        };
        let checked = yusuan_pipeline::check(opened, self.catalog, &file);
        let entry = Entry {
            source: &id,
            report: &checked.report,
            findings: &checked.findings,
            origin: checked.origin,
            pages,
        };
        match ds.write(&entry) {
            Ok(()) => Outcome::Written,
            Err(e) => self.failed(
                &file,
                Some(&id.sha256),
                &Failure::new("E-DATASET-WRITE", e.to_string()),
            ),
        }
    }
}

pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let files = yusuan_pipeline::inputs(&args.inputs, yusuan_pipeline::Kinds::Published)
        .map_err(anyhow::Error::msg)?;
    let many = files.len() > 1;
    for out in [&args.tidy, &args.json].into_iter().flatten() {
        if many {
            anyhow::ensure!(out.as_os_str() != "-", "多个输入时 --tidy/--json 应为目录");
            std::fs::create_dir_all(out)
                .with_context(|| format!("无法创建目录 {}", out.display()))?;
        }
    }
    let targets = args.dataset.targets();
    anyhow::ensure!(
        !args.dataset.resume || !targets.is_empty(),
        "--resume 只用于数据集输出（--parquet 或 --csv）"
    );
    let dataset = if targets.is_empty() {
        None
    } else {
        Some(Dataset::open(&targets, args.dataset.resume)?)
    };
    let (catalog, diags) = crate::catalog(&args.catalog);
    crate::print_diagnostics(&diags);
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let progress = Progress::new(files.len(), many || dataset.is_some());
    let batch = Batch {
        args,
        many,
        dataset: dataset.as_ref(),
        catalog: &catalog,
        progress: &progress,
    };
    let next = AtomicUsize::new(0);
    let counts: [AtomicUsize; 4] = Default::default();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(files.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                // A defect on one input must not end the run: it is recorded like a failure.
                let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| batch.one(path)))
                    .unwrap_or_else(|_| {
                        batch.failed(
                            &path.display().to_string(),
                            None,
                            &Failure::new(
                                "E-INTERNAL",
                                "处理此文件时程序出错（内部缺陷），已跳过；请报告此文件",
                            ),
                        )
                    });
                let (slot, what) = match outcome {
                    Outcome::Written => (0, "完成"),
                    Outcome::Skipped => (1, "已有，跳过"),
                    Outcome::Duplicate => (2, "内容重复，跳过"),
                    Outcome::Failed => (3, "失败"),
                };
                counts[slot].fetch_add(1, Ordering::Relaxed);
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                progress.finished(&name, what);
            });
        }
    });
    progress.finish();
    let [written, skipped, duplicate, failed] = counts.map(AtomicUsize::into_inner);
    if let Some(ds) = dataset {
        ds.finish()?;
        let dirs: Vec<String> = targets
            .iter()
            .map(|(_, d)| d.join("manifest.csv").display().to_string())
            .collect();
        eprintln!(
            "写出 {written} 份，已有跳过 {skipped} 份，内容重复 {duplicate} 份，失败 {failed} 份；清单见 {}",
            dirs.join("、")
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
