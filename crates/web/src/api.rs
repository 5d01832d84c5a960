//! The JSON API (`/api/…`), described by `/api/openapi.json`.

use std::sync::Arc;

use axum::extract::{Multipart, Path, Query};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use yusuan_store::AggregateQuery;

use crate::{accept, bearer_ok, Accepted, AppState, Failure, State};

pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../openapi.json"),
    )
        .into_response()
}

pub async fn reports(axum::extract::State(state): State) -> Result<Response, Failure> {
    let rows = state.store.reports().await?;
    let list: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "unit": r.unit,
                "year": r.year,
                "kind": r.family,
                "scope": r.scope,
                "profile": r.profile,
                "origin": r.origin,
                "source_name": r.source_name,
            })
        })
        .collect();
    Ok(Json(list).into_response())
}

async fn stored(state: &Arc<AppState>, id: i64) -> Result<yusuan_model::Report, Failure> {
    state
        .store
        .report(id)
        .await?
        .ok_or_else(|| Failure(StatusCode::NOT_FOUND, format!("没有编号为 {id} 的报告")))
}

pub async fn report(
    axum::extract::State(state): State,
    Path(id): Path<i64>,
) -> Result<Response, Failure> {
    Ok(Json(stored(&state, id).await?).into_response())
}

pub async fn tidy(
    axum::extract::State(state): State,
    Path(id): Path<i64>,
) -> Result<Response, Failure> {
    let report = stored(&state, id).await?;
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
        yusuan_render::tidy_string(&report),
    )
        .into_response())
}

pub async fn findings(
    axum::extract::State(state): State,
    Path(id): Path<i64>,
) -> Result<Response, Failure> {
    stored(&state, id).await?;
    Ok(Json(state.store.findings(id).await?).into_response())
}

pub async fn xlsx(
    axum::extract::State(state): State,
    Path(id): Path<i64>,
) -> Result<Response, Failure> {
    let report = stored(&state, id).await?;
    let bytes = yusuan_render::xlsx_bytes(&report).map_err(|e| {
        Failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("生成 XLSX 失败：{e}"),
        )
    })?;
    let name = format!("report-{id}.xlsx");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

pub async fn job(
    axum::extract::State(state): State,
    Path(id): Path<i64>,
) -> Result<Response, Failure> {
    match state.store.job(id).await? {
        Some(job) => Ok(Json(job).into_response()),
        None => Err(Failure(
            StatusCode::NOT_FOUND,
            format!("没有编号为 {id} 的任务"),
        )),
    }
}

pub async fn aggregate(
    axum::extract::State(state): State,
    query: Result<Query<AggregateQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Failure> {
    let Query(q) = query.map_err(|e| Failure(StatusCode::BAD_REQUEST, format!("参数错误：{e}")))?;
    let rows = state.store.aggregate(&q).await?;
    Ok(Json(json!({ "query": q, "rows": rows })).into_response())
}

fn unauthorized() -> Failure {
    Failure(
        StatusCode::UNAUTHORIZED,
        "需要令牌：Authorization: Bearer TOKEN".to_owned(),
    )
}

/// The first file field of a multipart body, with its name.
pub(crate) async fn file_field(
    multipart: &mut Multipart,
    limit: usize,
) -> Result<(Option<String>, Option<(String, Vec<u8>)>), Failure> {
    let too_large = || {
        Failure(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("文件超过上限 {} MB", limit / (1024 * 1024)),
        )
    };
    // The body limit shows up as an error of whichever read crosses it.
    let fail = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            Failure(StatusCode::BAD_REQUEST, format!("上传内容无法读取：{e}"))
        }
    };
    let (mut token, mut file) = (None, None);
    while let Some(field) = multipart.next_field().await.map_err(fail)? {
        match field.name() {
            Some("token") => token = Some(field.text().await.map_err(fail)?),
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_owned();
                let bytes = field.bytes().await.map_err(fail)?;
                if bytes.len() > limit {
                    return Err(too_large());
                }
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    Ok((token, file))
}

pub async fn upload(
    axum::extract::State(state): State,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, Failure> {
    // The body is read (within the limit) before the token is judged: a client that is
    // still sending when we answer would see a broken connection instead of the 401.
    let (_, file) = file_field(&mut multipart, state.config.upload_limit).await?;
    if !bearer_ok(&headers, &state.config) {
        return Err(unauthorized());
    }
    let Some((name, bytes)) = file else {
        return Err(Failure(
            StatusCode::BAD_REQUEST,
            "缺少文件字段 file".to_owned(),
        ));
    };
    match accept(&state, name, bytes).await? {
        Accepted::Existing(id) => Ok((
            StatusCode::OK,
            Json(
                json!({ "status": "existing", "report": id, "url": format!("/api/reports/{id}") }),
            ),
        )
            .into_response()),
        Accepted::Queued(job) => Ok((
            StatusCode::ACCEPTED,
            Json(json!({ "status": "queued", "job": job, "url": format!("/api/jobs/{job}") })),
        )
            .into_response()),
    }
}

pub async fn delete_report(
    axum::extract::State(state): State,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, Failure> {
    if !bearer_ok(&headers, &state.config) {
        return Err(unauthorized());
    }
    if state.store.delete_report(id).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(Failure(
            StatusCode::NOT_FOUND,
            format!("没有编号为 {id} 的报告"),
        ))
    }
}
