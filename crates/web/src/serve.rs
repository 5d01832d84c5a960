//! Serving and storing: the server's start (store, token, examples, listener) and the
//! import of files and budget folders into the store, both over the pipeline.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use yusuan_pipeline::Checked;
use yusuan_store::{Imported, NewReport, Store};

/// How to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// `sqlite:FILE` or `postgres://…`.
    pub db: String,
    /// Address to listen on.
    pub addr: String,
    /// The token uploads and deletes need; `None`: the one generated on first run.
    pub token: Option<String>,
    /// Budget folders loaded into an empty store on first start.
    pub examples: PathBuf,
    /// Largest upload, in bytes.
    pub upload_limit: usize,
    /// Longest an extraction may take.
    pub extract_timeout: Duration,
}

/// Why serving stopped or could not start, in Chinese.
#[derive(Debug)]
pub struct ServeError(pub String);

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServeError {}

impl From<yusuan_store::StoreError> for ServeError {
    fn from(e: yusuan_store::StoreError) -> ServeError {
        ServeError(e.to_string())
    }
}

/// An uploaded or imported file as a checked report: what the upload jobs run.
pub fn ingest(name: &str, bytes: Vec<u8>) -> Result<Checked, String> {
    let catalog = yusuan_pipeline::embedded();
    let opened = yusuan_pipeline::open_bytes(name, bytes, catalog)
        .map_err(|diags| yusuan_pipeline::first_errors(&diags))?;
    Ok(yusuan_pipeline::check(opened, catalog, name))
}

/// Reads one input (a budget folder or a file) and stores it, unless its source is
/// stored already.
pub async fn import(store: &Store, path: &Path) -> Result<Imported, String> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let source = if path.is_dir() {
        yusuan_pipeline::budget_source(path)
    } else {
        std::fs::read(path).map_err(|e| format!("无法读取：{e}"))?
    };
    let hash = yusuan_store::source_hash(&source);
    if let Ok(Some(id)) = store.report_by_hash(&hash).await {
        return Ok(Imported::Existing(id));
    }
    let owned = path.to_owned();
    let checked = tokio::task::spawn_blocking(move || {
        let catalog = yusuan_pipeline::embedded();
        yusuan_pipeline::open_and_check(&owned, catalog)
            .map_err(|diags| yusuan_pipeline::first_errors(&diags))
    })
    .await
    .map_err(|_| "读取时发生内部错误".to_owned())??;
    store
        .import(NewReport {
            report: &checked.report,
            findings: &checked.findings,
            source_hash: hash,
            source_name: name,
            origin: checked.origin,
        })
        .await
        .map_err(|e| e.to_string())
}

/// 24 random bytes from the system, as hex.
fn new_token() -> Result<String, ServeError> {
    use std::io::Read;
    let mut bytes = [0u8; 24];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| ServeError(format!("无法生成令牌：{e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Opens the store, settles the token, loads the examples into an empty store, and
/// serves until Ctrl-C.
pub async fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let store = Store::open(&options.db)
        .await
        .map_err(|e| ServeError(format!("无法打开数据库 {}：{e}", options.db)))?;
    // The token: given, or the one generated on first run (only its hash is kept).
    let token_sha256 = match &options.token {
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
    if store.reports().await?.is_empty() && options.examples.is_dir() {
        let dirs = yusuan_pipeline::inputs(
            std::slice::from_ref(&options.examples),
            yusuan_pipeline::Kinds::Any,
        )
        .map_err(ServeError)?;
        for dir in dirs {
            match import(&store, &dir).await {
                Ok(done) => println!("载入示例 {}（编号 {}）", dir.display(), done.id()),
                Err(e) => eprintln!("示例 {} 未能载入：{e}", dir.display()),
            }
        }
    }
    let store = Arc::new(store);
    let app = crate::router(
        store.clone(),
        Arc::new(ingest),
        crate::Config {
            token_sha256,
            upload_limit: options.upload_limit,
            extract_timeout: options.extract_timeout,
        },
    );
    let listener = tokio::net::TcpListener::bind(&options.addr)
        .await
        .map_err(|e| ServeError(format!("无法监听 {}：{e}", options.addr)))?;
    let bound = listener
        .local_addr()
        .map_err(|e| ServeError(format!("无法监听 {}：{e}", options.addr)))?;
    println!("yusuan 已启动：http://{bound}/");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| ServeError(format!("服务出错：{e}")))?;
    store.close().await;
    Ok(())
}
