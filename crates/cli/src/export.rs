//! `yusuan export`: the reports of the store as one dataset (the same tables, manifest and
//! datapackage.json as `yusuan extract --parquet`), read one report at a time.

use std::process::ExitCode;

use anyhow::Context;
use yusuan_dataset::{Claim, Dataset, Entry, SourceId};
use yusuan_model::Origin;
use yusuan_store::Store;

use crate::extract::{DatasetArgs, Progress};

#[derive(clap::Args)]
pub struct ExportArgs {
    /// Database, as for `serve`: `sqlite:FILE` or `postgres://USER:PASS@HOST/DB`.
    #[arg(long, default_value = "sqlite:yusuan.db")]
    db: String,
    #[command(flatten)]
    dataset: DatasetArgs,
}

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let targets = args.dataset.targets();
    anyhow::ensure!(!targets.is_empty(), "请用 --parquet 或 --csv 指定输出目录");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("无法启动异步运行时")?;
    let (mut written, mut skipped, mut failed) = (0usize, 0usize, 0usize);
    runtime.block_on(async {
        let store = Store::open(&args.db).await?;
        let sources = store.sources().await?;
        // Opened once the store is: a wrong --db leaves no empty dataset behind.
        let dataset = Dataset::open(&targets, args.dataset.resume)?;
        let progress = Progress::new(sources.len(), true);
        for s in &sources {
            let id = SourceId::new(
                s.source_name.clone(),
                s.source_name.clone(),
                s.source_hash.clone(),
            );
            if dataset.claim(&id) != Claim::New {
                skipped += 1;
                progress.finished(&s.source_name, "已有，跳过");
                continue;
            }
            let (report, findings) = (store.report(s.id).await?, store.findings(s.id).await?);
            let Some(report) = report else {
                // Deleted while the export ran.
                skipped += 1;
                progress.finished(&s.source_name, "已删除，跳过");
                continue;
            };
            let origin = if s.origin == "built" {
                Origin::Built
            } else {
                Origin::Extracted
            };
            let entry = Entry {
                source: &id,
                report: &report,
                findings: &findings,
                origin,
                pages: None,
            };
            match dataset.write(&entry) {
                Ok(()) => {
                    written += 1;
                    progress.finished(&s.source_name, "完成");
                }
                Err(e) => {
                    failed += 1;
                    progress.println(&format!("error: {}（编号 {}）：{e}", s.source_name, s.id));
                    progress.finished(&s.source_name, "失败");
                }
            }
        }
        progress.finish();
        store.close().await;
        dataset.finish()?;
        anyhow::Ok(())
    })?;
    eprintln!("写出 {written} 份，已有跳过 {skipped} 份，失败 {failed} 份");
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
