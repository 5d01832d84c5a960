//! `yusuan serve` and `yusuan import`: the store and the web app from the command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use yusuan_catalog::Catalog;
use yusuan_model::has_errors;
use yusuan_store::{Imported, NewReport, Origin, Store};
use yusuan_web::Ingested;

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

/// The embedded catalogue, parsed once for all uploads and imports.
fn embedded() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(Catalog::embedded)
}

/// An uploaded or imported file as a report: a budget workbook is built, anything else
/// extracted; then checked.
pub fn ingest(name: &str, bytes: Vec<u8>) -> Result<Ingested, String> {
    let catalog = embedded();
    let is_workbook =
        bytes.starts_with(b"PK\x03\x04") || name.to_ascii_lowercase().ends_with(".xlsx");
    let (report, mut findings, origin) = if is_workbook {
        let (budget, diags) = yusuan_workbook::read(name, &bytes, catalog);
        let Some(budget) = budget.filter(|_| !has_errors(&diags)) else {
            let first: Vec<String> = diags
                .iter()
                .filter(|d| d.severity == yusuan_model::Severity::Error)
                .take(5)
                .map(|d| format!("{}（{}）", d.message, d.location))
                .collect();
            return Err(format!("工作簿有错误：{}", first.join("；")));
        };
        let profile = yusuan_profile::profile(&budget.unit.profile)
            .ok_or_else(|| format!("未知的模板「{}」", budget.unit.profile))?;
        let (report, more) = yusuan_derive::derive(&budget, &profile, catalog);
        (
            report,
            diags.into_iter().chain(more).collect(),
            Origin::Built,
        )
    } else {
        let extracted = if bytes.starts_with(b"%PDF") {
            yusuan_extract::extract_pdf(bytes, name)
        } else {
            let text = String::from_utf8(bytes)
                .map_err(|_| "文件既不是 PDF，也不是 UTF-8 文本".to_owned())?;
            yusuan_extract::extract_text(&text, name)
        }
        .map_err(|e| e.to_string())?;
        (extracted.report, extracted.diagnostics, Origin::Extracted)
    };
    findings.extend(yusuan_check::check(&report, catalog, name));
    Ok(Ingested {
        report,
        findings,
        origin,
    })
}

/// A budget directory as a report to store, keyed by the hash of its input files.
fn built(dir: &Path) -> Result<(Ingested, String), String> {
    let catalog = embedded();
    let (budget, diags) = yusuan_load::load_budget_dir(dir, catalog);
    let Some(budget) = budget.filter(|_| !has_errors(&diags)) else {
        return Err(format!("{}: 预算数据有错误", dir.display()));
    };
    let profile = yusuan_profile::profile(&budget.unit.profile)
        .ok_or_else(|| format!("未知的模板「{}」", budget.unit.profile))?;
    let (report, more) = yusuan_derive::derive(&budget, &profile, catalog);
    let mut findings: Vec<_> = diags.into_iter().chain(more).collect();
    findings.extend(yusuan_check::check(
        &report,
        &catalog,
        &dir.display().to_string(),
    ));
    let mut source = Vec::new();
    for file in ["unit.toml", "lines.csv", "projects.toml"] {
        if let Ok(bytes) = std::fs::read(dir.join(file)) {
            source.extend(file.as_bytes());
            source.extend(bytes);
        }
    }
    Ok((
        Ingested {
            report,
            findings,
            origin: Origin::Built,
        },
        yusuan_store::source_hash(&source),
    ))
}

/// Reads one input (a budget directory or a file) and stores it.
async fn import_one(store: &Store, path: &Path) -> Result<Imported, String> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let (ingested, hash) = if path.is_dir() {
        let dir = path.to_owned();
        tokio::task::spawn_blocking(move || built(&dir))
            .await
            .map_err(|_| "读取时发生内部错误".to_owned())??
    } else {
        let bytes = std::fs::read(path).map_err(|e| format!("无法读取：{e}"))?;
        let hash = yusuan_store::source_hash(&bytes);
        if let Ok(Some(id)) = store.report_by_hash(&hash).await {
            return Ok(Imported::Existing(id));
        }
        let shown = name.clone();
        let ingested = tokio::task::spawn_blocking(move || ingest(&shown, bytes))
            .await
            .map_err(|_| "读取时发生内部错误".to_owned())??;
        (ingested, hash)
    };
    store
        .import(NewReport {
            report: &ingested.report,
            findings: &ingested.findings,
            source_hash: hash,
            source_name: name,
            origin: ingested.origin,
        })
        .await
        .map_err(|e| e.to_string())
}

/// The inputs under `roots`: budget directories, and PDF, text and workbook files.
fn inputs(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for root in roots {
        if root.is_dir() && !root.join("unit.toml").exists() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(root)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.join("unit.toml").exists()
                        || p.extension().is_some_and(|e| {
                            ["pdf", "txt", "xlsx"]
                                .iter()
                                .any(|x| e.eq_ignore_ascii_case(x))
                        })
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(root.clone());
        }
    }
    out
}

pub fn import(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let files = inputs(&args.inputs);
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
            let done = import_one(&store, path).await;
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

/// 32 random bytes from the system, as hex.
fn new_token() -> anyhow::Result<String> {
    use std::io::Read;
    let mut bytes = [0u8; 24];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .context("无法生成令牌")?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

pub fn serve(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = Store::open(&args.db)
            .await
            .with_context(|| format!("无法打开数据库 {}", args.db))?;
        // The token: given, or the one generated on first run (only its hash is kept).
        let token_hash = match &args.token {
            Some(t) => yusuan_store::source_hash(t.trim().as_bytes()),
            None => match store.setting("token_sha256").await? {
                Some(h) => h,
                None => {
                    let token = new_token()?;
                    let hash = yusuan_store::source_hash(token.as_bytes());
                    store.setting_or_insert("token_sha256", &hash).await?;
                    println!("上传令牌（只显示这一次，请妥善保存）：{token}");
                    hash
                }
            },
        };
        if store.reports().await?.is_empty() && args.examples.is_dir() {
            for dir in inputs(std::slice::from_ref(&args.examples)) {
                match import_one(&store, &dir).await {
                    Ok(done) => println!("载入示例 {}（编号 {}）", dir.display(), done.id()),
                    Err(e) => eprintln!("示例 {} 未能载入：{e}", dir.display()),
                }
            }
        }
        let store = Arc::new(store);
        let app = yusuan_web::router(
            store.clone(),
            Arc::new(ingest),
            yusuan_web::Config {
                token_sha256: token_hash,
                upload_limit: args.upload_limit_mb * 1024 * 1024,
                extract_timeout: Duration::from_secs(args.extract_timeout),
            },
        );
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("无法监听 {}", args.addr))?;
        println!("yusuan 已启动：http://{}/", listener.local_addr()?);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("服务出错")?;
        store.close().await;
        Ok(ExitCode::SUCCESS)
    })
}
