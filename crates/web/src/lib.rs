//! The web app and JSON API over the report store.
//!
//! Pages are rendered on the server (minijinja, HTML auto-escaping on) with a little
//! JavaScript for the charts (ECharts, vendored under `assets/`, served by us). Reading is
//! public; uploading and deleting need the token. An upload is hashed and answered at
//! once; extraction runs off the request path, on a blocking thread with a time limit,
//! and the upload's job page shows how it went.

mod api;
mod pages;
mod serve;
mod view;

pub use serve::{import, ingest, serve, ServeError, ServeOptions};

use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use yusuan_pipeline::Checked;
use yusuan_store::Store;

/// Reads an uploaded file (name, bytes) into a checked report, or says in Chinese why
/// not. [`ingest`] (the pipeline) in the server; a test may give another.
pub type Ingest = Arc<dyn Fn(&str, Vec<u8>) -> Result<Checked, String> + Send + Sync>;

#[derive(Clone, Debug)]
pub struct Config {
    /// sha256 (hex) of the bearer token uploads and deletes need; the token itself is
    /// not kept.
    pub token_sha256: String,
    /// Largest accepted upload, in bytes.
    pub upload_limit: usize,
    /// Longest an extraction may run.
    pub extract_timeout: Duration,
}

pub(crate) struct AppState {
    pub store: Arc<Store>,
    pub ingest: Ingest,
    pub config: Config,
    /// Extractions at a time (the machine's cores, not the requests').
    pub workers: tokio::sync::Semaphore,
    pub pages: minijinja::Environment<'static>,
}

pub(crate) type State = axum::extract::State<Arc<AppState>>;

/// The whole application.
pub fn router(store: Arc<Store>, ingest: Ingest, config: Config) -> Router {
    let limit = config.upload_limit;
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = Arc::new(AppState {
        store,
        ingest,
        config,
        workers: tokio::sync::Semaphore::new(workers),
        pages: pages::environment(),
    });
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/", get(pages::units))
        .route("/reports/{id}", get(pages::report))
        .route("/compare", get(pages::compare))
        .route("/summary", get(pages::summary))
        .route("/upload", get(pages::upload_form).post(pages::upload))
        .route("/jobs/{id}", get(pages::job))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/reports", get(api::reports).post(api::upload))
        .route(
            "/api/reports/{id}",
            get(api::report).delete(api::delete_report),
        )
        .route("/api/reports/{id}/tidy", get(api::tidy))
        .route("/api/reports/{id}/findings", get(api::findings))
        .route("/api/reports/{id}/xlsx", get(api::xlsx))
        .route("/api/jobs/{id}", get(api::job))
        .route("/api/aggregate", get(api::aggregate))
        .route("/assets/{name}", get(asset))
        // Multipart framing on top of the file itself.
        .layer(DefaultBodyLimit::max(limit + 64 * 1024))
        .layer(axum::middleware::from_fn_with_state(
            limit + 64 * 1024,
            declared_length,
        ))
        .with_state(state)
        .fallback(|| async { (StatusCode::NOT_FOUND, "没有这个页面") })
        .layer(axum::middleware::from_fn(security_headers))
}

/// A body declared larger than the limit is refused before a byte of it is read.
async fn declared_length(
    axum::extract::State(limit): axum::extract::State<usize>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        let mb = (limit - 64 * 1024) / (1024 * 1024);
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [(header::CONNECTION, "close")],
            format!("文件超过上限 {mb} MB"),
        )
            .into_response();
    }
    next.run(req).await
}

/// No page of ours loads anything from elsewhere.
async fn security_headers(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'"
            .parse()
            .expect("static header"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        "nosniff".parse().expect("static header"),
    );
    res
}

async fn asset(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    let (body, kind): (&'static [u8], &str) = match name.as_str() {
        "echarts.min.js" => (
            include_bytes!("../assets/echarts/echarts.min.js"),
            "text/javascript; charset=utf-8",
        ),
        "app.js" => (
            include_bytes!("../assets/app.js"),
            "text/javascript; charset=utf-8",
        ),
        "style.css" => (
            include_bytes!("../assets/style.css"),
            "text/css; charset=utf-8",
        ),
        _ => return (StatusCode::NOT_FOUND, "没有这个文件").into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// True when the request carries the token, as `Authorization: Bearer …`.
pub(crate) fn bearer_ok(headers: &HeaderMap, config: &Config) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|given| token_ok(given, config))
}

pub(crate) fn token_ok(given: &str, config: &Config) -> bool {
    same(
        &yusuan_store::source_hash(given.trim().as_bytes()),
        &config.token_sha256,
    )
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// What an upload became.
pub(crate) enum Accepted {
    /// The same file is stored already.
    Existing(i64),
    /// Extraction runs; this job tells how it went.
    Queued(i64),
}

/// Hashes the upload and, unless it is stored already, queues its extraction.
pub(crate) async fn accept(
    state: &Arc<AppState>,
    name: String,
    bytes: Vec<u8>,
) -> Result<Accepted, yusuan_store::StoreError> {
    let hash = yusuan_store::source_hash(&bytes);
    if let Some(id) = state.store.report_by_hash(&hash).await? {
        return Ok(Accepted::Existing(id));
    }
    let job = state.store.create_job(&name, &hash).await?;
    let state = state.clone();
    tokio::spawn(async move {
        let (status, message, report) = run_job(&state, name, hash, bytes).await;
        if let Err(e) = state.store.finish_job(job, status, &message, report).await {
            eprintln!("任务 {job} 无法记录结果：{e}");
        }
    });
    Ok(Accepted::Queued(job))
}

async fn run_job(
    state: &Arc<AppState>,
    name: String,
    hash: String,
    bytes: Vec<u8>,
) -> (&'static str, String, Option<i64>) {
    let Ok(_permit) = state.workers.acquire().await else {
        return ("failed", "服务正在关闭".to_owned(), None);
    };
    let ingest = state.ingest.clone();
    let shown = name.clone();
    let work = tokio::task::spawn_blocking(move || ingest(&shown, bytes));
    let ingested = match tokio::time::timeout(state.config.extract_timeout, work).await {
        Err(_) => {
            return (
                "failed",
                format!(
                    "提取超时（超过 {} 秒）",
                    state.config.extract_timeout.as_secs()
                ),
                None,
            )
        }
        Ok(Err(_)) => return ("failed", "提取时发生内部错误".to_owned(), None),
        Ok(Ok(Err(message))) => return ("failed", message, None),
        Ok(Ok(Ok(ingested))) => ingested,
    };
    let new = yusuan_store::NewReport {
        report: &ingested.report,
        findings: &ingested.findings,
        source_hash: hash,
        source_name: name,
        origin: ingested.origin,
    };
    match state.store.import(new).await {
        Ok(done) => ("done", String::new(), Some(done.id())),
        Err(e) => ("failed", e.to_string(), None),
    }
}

/// An error page or JSON error with its status.
pub(crate) struct Failure(pub StatusCode, pub String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.0, self.1).into_response()
    }
}

impl From<yusuan_store::StoreError> for Failure {
    fn from(e: yusuan_store::StoreError) -> Failure {
        Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}
