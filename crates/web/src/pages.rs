//! Server-rendered pages, in Chinese. Templates live in `templates/` and are compiled into
//! the binary; every value is HTML-escaped by minijinja (the `.html` names turn it on).

use axum::extract::{Multipart, Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::{context, Environment};
use serde::Deserialize;

use crate::{accept, token_ok, view, Accepted, Failure, State};

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.add_filter("yuan", |fen: i64| {
        yusuan_model::with_separators(
            yusuan_model::Amount(fen).round_to(yusuan_model::MoneyUnit::Yuan),
        )
    });
    for (name, source) in [
        ("base.html", include_str!("../templates/base.html")),
        ("units.html", include_str!("../templates/units.html")),
        ("report.html", include_str!("../templates/report.html")),
        ("compare.html", include_str!("../templates/compare.html")),
        ("upload.html", include_str!("../templates/upload.html")),
        ("job.html", include_str!("../templates/job.html")),
        ("summary.html", include_str!("../templates/summary.html")),
    ] {
        env.add_template(name, source)
            .expect("the built-in templates parse");
    }
    env
}

fn render(state: &crate::AppState, name: &str, ctx: minijinja::Value) -> Result<Response, Failure> {
    let page = state
        .pages
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| {
            Failure(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("页面生成失败：{e}"),
            )
        })?;
    Ok(Html(page).into_response())
}

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

pub async fn units(
    axum::extract::State(state): State,
    Query(search): Query<Search>,
) -> Result<Response, Failure> {
    let units = state.store.units(&search.q).await?;
    let reports = state.store.reports().await?;
    render(
        &state,
        "units.html",
        context! { units, q => search.q, reports },
    )
}

#[derive(Deserialize)]
pub struct SummaryQuery {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    year: Option<String>,
}

/// The findings of every stored report of a unit or a year, one row each, as
/// `yusuan check FOLDER` sums them up: counts by severity and the rules found most.
pub async fn summary(
    axum::extract::State(state): State,
    Query(q): Query<SummaryQuery>,
) -> Result<Response, Failure> {
    let year: Option<i64> = q.year.as_deref().and_then(|y| y.trim().parse().ok());
    let unit = q.unit.trim().to_owned();
    let mut rows = Vec::new();
    let (mut errors, mut warnings, mut notes) = (0, 0, 0);
    for r in state.store.reports().await? {
        if (!unit.is_empty() && !r.unit.contains(&unit)) || year.is_some_and(|y| y != r.year) {
            continue;
        }
        let diags = state.store.findings(r.id).await?;
        let t = yusuan_model::Tally::of(&diags);
        let (e, w, n, top) = (t.errors, t.warnings, t.notes, t.top(3));
        // Each error and warning, linked to what it is about on the report's page.
        let findings = match state.store.report(r.id).await? {
            Some(report) => view::findings(&report, &diags)
                .into_iter()
                .filter(|f| f.severity != "note")
                .collect(),
            None => Vec::new(),
        };
        errors += e;
        warnings += w;
        notes += n;
        rows.push(context! {
            id => r.id, unit => r.unit, year => r.year, scope => r.scope, family => r.family,
            errors => e, warnings => w, notes => n, top, findings,
        });
    }
    render(
        &state,
        "summary.html",
        context! {
            rows, unit, year,
            totals => context! { errors, warnings, notes },
        },
    )
}

pub async fn report(
    axum::extract::State(state): State,
    Path(id): Path<i64>,
) -> Result<Response, Failure> {
    let (Some(row), Some(report)) = (
        state.store.report_row(id).await?,
        state.store.report(id).await?,
    ) else {
        return Err(Failure(
            StatusCode::NOT_FOUND,
            format!("没有编号为 {id} 的报告"),
        ));
    };
    let diags = state.store.findings(id).await?;
    // The same unit's other reports of this family, for the year-on-year bars.
    let others = state.store.reports().await?;
    let mut years = Vec::new();
    for other in &others {
        if other.unit_id == row.unit_id && other.family == row.family {
            let r = if other.id == id {
                Some(report.clone())
            } else {
                state.store.report(other.id).await?
            };
            if let Some(total) = r.and_then(|r| view::expenditure(&r, "合计").0) {
                years.push((other.year, view::wan(total)));
            }
        }
    }
    years.sort_by_key(|(y, _)| *y);
    years.dedup_by_key(|(y, _)| *y);
    let charts = view::charts(&report, years);
    // `<` cannot end the script element the chart data sits in.
    let charts = serde_json::to_string(&charts)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    let count = |s: yusuan_model::Severity| diags.iter().filter(|d| d.severity == s).count();
    let counts = context! {
        errors => count(yusuan_model::Severity::Error),
        warnings => count(yusuan_model::Severity::Warning),
        notes => count(yusuan_model::Severity::Note),
    };
    render(
        &state,
        "report.html",
        context! {
            row,
            tables => view::tables(&report, &diags),
            findings => view::findings(&report, &diags),
            counts,
            text => view::text(&report, &diags),
            statements => view::statements(&report, &diags),
            projects => report.projects,
            charts,
            others,
        },
    )
}

#[derive(Deserialize)]
pub struct Pair {
    a: Option<i64>,
    b: Option<i64>,
}

pub async fn compare(
    axum::extract::State(state): State,
    Query(pair): Query<Pair>,
) -> Result<Response, Failure> {
    let reports = state.store.reports().await?;
    let (Some(a), Some(b)) = (pair.a, pair.b) else {
        return render(&state, "compare.html", context! { reports });
    };
    let load = |id: i64| {
        let store = state.store.clone();
        async move {
            match (store.report_row(id).await?, store.report(id).await?) {
                (Some(row), Some(report)) => Ok((row, report)),
                _ => Err(Failure(
                    StatusCode::NOT_FOUND,
                    format!("没有编号为 {id} 的报告"),
                )),
            }
        }
    };
    let (ra, a_report) = load(a).await?;
    let (rb, b_report) = load(b).await?;
    let rows = view::compare(&a_report, &b_report);
    let changed = rows.iter().filter(|r| r.changed).count();
    // A 预算 and a 决算 (either way round): how the budget was carried out.
    let execution =
        view::execution(&a_report, &b_report).or_else(|| view::execution(&b_report, &a_report));
    render(
        &state,
        "compare.html",
        context! { reports, a => ra, b => rb, rows, changed, execution },
    )
}

pub async fn upload_form(axum::extract::State(state): State) -> Result<Response, Failure> {
    render(
        &state,
        "upload.html",
        context! { limit_mb => state.config.upload_limit / (1024 * 1024) },
    )
}

pub async fn upload(
    axum::extract::State(state): State,
    mut multipart: Multipart,
) -> Result<Response, Failure> {
    let (token, file) = crate::api::file_field(&mut multipart, state.config.upload_limit).await?;
    let limit_mb = state.config.upload_limit / (1024 * 1024);
    if !token.is_some_and(|t| token_ok(&t, &state.config)) {
        let page = render(
            &state,
            "upload.html",
            context! { limit_mb, error => "令牌不对，未上传" },
        )?;
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let page = render(
            &state,
            "upload.html",
            context! { limit_mb, error => "请选择要上传的文件" },
        )?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    Ok(match accept(&state, name, bytes).await? {
        Accepted::Existing(id) => Redirect::to(&format!("/reports/{id}")).into_response(),
        Accepted::Queued(job) => Redirect::to(&format!("/jobs/{job}")).into_response(),
    })
}

pub async fn job(
    axum::extract::State(state): State,
    Path(id): Path<i64>,
) -> Result<Response, Failure> {
    let Some(job) = state.store.job(id).await? else {
        return Err(Failure(
            StatusCode::NOT_FOUND,
            format!("没有编号为 {id} 的任务"),
        ));
    };
    if let (Some(report), "done") = (job.report_id, job.status.as_str()) {
        return Ok(Redirect::to(&format!("/reports/{report}")).into_response());
    }
    render(&state, "job.html", context! { job })
}
