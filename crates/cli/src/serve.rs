//! `yusuan serve` and `yusuan import`: the arguments of the web crate's server and import.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use yusuan_store::{Imported, Store};

/// The embedded default: a SQLite file in the working directory.
const DEFAULT_DB: &str = "sqlite:yusuan.db";

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Database: `sqlite:FILE` (default `sqlite:yusuan.db`) or `postgres://USER:PASS@HOST/DB`.
    #[arg(long, default_value = DEFAULT_DB)]
    db: String,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Token for uploads and deletes (else $YUSUAN_TOKEN, else one generated on first run).
    #[arg(long, env = "YUSUAN_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Budget directories loaded into an empty store on first start.
    #[arg(long, default_value = "examples")]
    examples: PathBuf,
    /// Largest upload, in MB.
    #[arg(long, default_value_t = 50)]
    upload_limit_mb: usize,
    /// Longest an extraction may take, in seconds.
    #[arg(long, default_value_t = 120)]
    extract_timeout: u64,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// Files (PDF, text, workbook) and folders; a folder with unit.toml is one budget.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Database, as for `serve`.
    #[arg(long, default_value = DEFAULT_DB)]
    db: String,
    /// The 部门 the imported units belong to (created when missing).
    #[arg(long, value_name = "NAME")]
    department: Option<String>,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("无法启动异步运行时")
}

pub fn import(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let files = yusuan_pipeline::inputs(&args.inputs, yusuan_pipeline::Kinds::Any)
        .map_err(anyhow::Error::msg)?;
    runtime()?.block_on(async {
        let store = Store::open(&args.db).await?;
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .expect("valid template"),
        );
        let department = match &args.department {
            Some(name) => Some(store.ensure_unit(name, "部门").await?),
            None => None,
        };
        let (mut new, mut existing, mut failed) = (0, 0, 0);
        for path in &files {
            bar.set_message(path.display().to_string());
            let done = yusuan_web::import(&store, path).await;
            if let (Some(parent), Ok(done)) = (department, &done) {
                if let Some(row) = store.report_row(done.id()).await? {
                    if row.unit_id != parent {
                        store.set_parent(row.unit_id, Some(parent)).await?;
                    }
                }
            }
            match done {
                Ok(Imported::New(id)) => {
                    new += 1;
                    bar.suspend(|| println!("{}\t新入库，编号 {id}", path.display()));
                }
                Ok(Imported::Existing(id)) => {
                    existing += 1;
                    bar.suspend(|| println!("{}\t已在库中，编号 {id}", path.display()));
                }
                Err(e) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("{}\t未能入库：{e}", path.display()));
                }
            }
            bar.inc(1);
        }
        bar.finish_and_clear();
        println!("新入库 {new} 份，已在库中 {existing} 份，失败 {failed} 份");
        store.close().await;
        Ok(ExitCode::from(if failed > 0 { 2 } else { 0 }))
    })
}

pub fn serve(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(yusuan_web::serve(yusuan_web::ServeOptions {
        db: args.db.clone(),
        addr: args.addr.clone(),
        token: args.token.clone(),
        examples: args.examples.clone(),
        upload_limit: args.upload_limit_mb * 1024 * 1024,
        extract_timeout: Duration::from_secs(args.extract_timeout),
    }))?;
    Ok(ExitCode::SUCCESS)
}
