//! `yusuan synth OUT`: a synthetic dataset of national size, for measuring the engines
//! that read ours (docs/scale.md). Made from real reports: the visible corpus, the
//! examples, or whatever is given.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use yusuan_dataset::{Format, SynthOptions};

#[derive(clap::Args)]
pub struct SynthArgs {
    /// The dataset folder to write (must not hold a dataset yet).
    out: PathBuf,
    /// Reports, budget folders, or folders of them, to copy (default: examples/).
    #[arg(long = "from", value_name = "PATH")]
    from: Vec<PathBuf>,
    /// Reports in the dataset.
    #[arg(long, default_value_t = 500_000)]
    reports: usize,
    /// Reports per part file (and per block of one year); also bounds the memory.
    #[arg(long, default_value_t = 1_000)]
    per_part: usize,
    /// Varies the amounts; the same seed writes the same dataset.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write CSV instead of Parquet.
    #[arg(long)]
    csv: bool,
}

pub fn run(args: &SynthArgs) -> anyhow::Result<ExitCode> {
    let roots = if args.from.is_empty() {
        vec![PathBuf::from("examples")]
    } else {
        args.from.clone()
    };
    let catalog = yusuan_pipeline::embedded();
    let mut bases = Vec::new();
    for path in
        yusuan_pipeline::inputs(&roots, yusuan_pipeline::Kinds::Any).map_err(anyhow::Error::msg)?
    {
        match yusuan_pipeline::open_and_check(&path, catalog) {
            Ok(checked) => bases.push((checked.report, checked.findings)),
            Err(diags) => eprintln!(
                "跳过 {}：{}",
                path.display(),
                yusuan_pipeline::first_errors(&diags)
            ),
        }
    }
    anyhow::ensure!(!bases.is_empty(), "没有可复制的报告（--from）");
    let started = Instant::now();
    let format = if args.csv {
        Format::Csv
    } else {
        Format::Parquet
    };
    let summary = yusuan_dataset::synth(
        &args.out,
        format,
        &bases,
        &SynthOptions {
            reports: args.reports,
            per_part: args.per_part,
            seed: args.seed,
            years: (2017, 2026),
        },
    )?;
    eprintln!(
        "已写出 {} 份报告（{} 个单元格，{} 条检查结果），{} 个文件，{:.1} MB，用时 {:.1} 秒（由 {} 份报告复制）",
        summary.reports,
        summary.cells,
        summary.findings,
        summary.parts,
        summary.bytes as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64(),
        bases.len()
    );
    Ok(ExitCode::SUCCESS)
}
