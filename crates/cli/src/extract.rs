//! `yusuan extract FILE…`: published reports → tidy CSV / JSON, in parallel.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::Context;

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
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
}

pub use yusuan_pipeline::extract_file;

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
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .expect("valid template"),
    );
    if !many {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::<String>::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(files.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let outcome = extract_file(path).and_then(|ex| {
                    for d in &ex.diagnostics {
                        bar.suspend(|| eprintln!("{d}\n"));
                    }
                    if let Some(out) = &args.tidy {
                        crate::write_to(&output_for(out, path, many, "tidy.csv"), |w| {
                            yusuan_render::write_tidy(&ex.report, w)
                        })
                        .map_err(|e| format!("{e:#}"))?;
                    }
                    if let Some(out) = &args.json {
                        crate::write_to(&output_for(out, path, many, "json"), |w| {
                            yusuan_render::write_json(&ex.report, w)
                        })
                        .map_err(|e| format!("{e:#}"))?;
                    }
                    Ok(())
                });
                if let Err(message) = outcome {
                    bar.suspend(|| eprintln!("error: {message}"));
                    failures.lock().expect("not poisoned").push(message);
                }
                bar.set_message(
                    path.file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or("")
                        .to_owned(),
                );
                bar.inc(1);
            });
        }
    });
    bar.finish_and_clear();
    let failed = failures.into_inner().expect("not poisoned").len();
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
