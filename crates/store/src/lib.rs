//! The report store: every unit's reports across years, in SQLite (the embedded default)
//! or PostgreSQL, through one sqlx `Any` pool and one set of queries.
//!
//! A report is kept whole (its JSON, so nothing read from a document is lost) and spread
//! into rows for querying: tidy cells with exact fen, facts, projects with their
//! indicators, and the check findings. An import runs in one transaction and is keyed by
//! the hash of its source: importing the same file again is a no-op, an import that fails
//! leaves nothing behind. SQL is parameterized throughout (`$1`, which both backends read).

mod aggregate;

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};
use yusuan_model::{Diagnostic, Report, Scope};

pub use aggregate::{AggregateBy, AggregateQuery, AggregateRow, Measure};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("数据库错误：{0}")]
    Sql(#[from] sqlx::Error),
    #[error("数据库迁移失败：{0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("不支持的数据库地址「{0}」，应以 sqlite: 或 postgres:// 开头")]
    Url(String),
    #[error("存储的报告无法读取：{0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub use yusuan_model::Origin;

/// A report to store, with the findings of the checks run on it.
pub struct NewReport<'a> {
    pub report: &'a Report,
    pub findings: &'a [Diagnostic],
    pub source_hash: String,
    pub source_name: String,
    pub origin: Origin,
}

/// What an import did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "id", rename_all = "snake_case")]
pub enum Imported {
    New(i64),
    /// The same source was stored before, under this id.
    Existing(i64),
}

impl Imported {
    pub fn id(self) -> i64 {
        match self {
            Imported::New(id) | Imported::Existing(id) => id,
        }
    }
}

/// One stored report, as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportRow {
    pub id: i64,
    pub unit_id: i64,
    pub unit: String,
    pub year: i64,
    pub family: String,
    pub scope: String,
    pub profile: String,
    pub origin: String,
    pub source_name: String,
}

/// Where a stored report came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredSource {
    pub id: i64,
    /// The sha256 the report is keyed by.
    pub source_hash: String,
    pub source_name: String,
    /// built | extracted
    pub origin: String,
}

/// A unit with its reports, newest year first.
#[derive(Clone, Debug, Serialize)]
pub struct UnitRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
    pub reports: Vec<ReportRow>,
}

/// An upload and how its extraction went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Job {
    pub id: i64,
    pub file_name: String,
    /// `queued`, `done` or `failed`.
    pub status: String,
    pub message: String,
    pub report_id: Option<i64>,
}

/// One tidy cell as the `cells` table holds it.
struct CellRow {
    table: &'static str,
    side: &'static str,
    code: String,
    row: String,
    column: String,
    hundredths: i64,
    fen: i64,
    unit: &'static str,
}

/// The report's cells as rows, and a located finding for each cell the `cells` table
/// cannot hold (a column with no name): the cell stays in the report's JSON, and the
/// rest of the report is stored.
fn storable_cells(report: &Report, file: &str) -> (Vec<CellRow>, Vec<Diagnostic>) {
    let mut rows = Vec::new();
    let mut kept_out = Vec::new();
    for c in report.cells() {
        let (t, b, r, ci, column, p) = (c.table, c.block, c.row, c.column_index, c.column, c.value);
        let row = CellRow {
            table: t.kind.label(),
            side: b.side.map_or("", |s| s.label()),
            code: r.code.clone().unwrap_or_default(),
            row: r.name.clone(),
            column: column.as_str().trim().to_owned(),
            hundredths: p.hundredths,
            fen: p.to_amount().fen(),
            unit: t.unit.label(),
        };
        if row.column.is_empty() {
            let mut location = yusuan_model::Location::file(file);
            location.page = t.page;
            location.table = Some(t.kind.label().to_owned());
            location.row = Some(r.name.clone());
            location.column = Some(format!("第{}列", ci + 1));
            kept_out.push(Diagnostic::new(
                "W-STORE-CELL",
                yusuan_model::Severity::Warning,
                format!(
                    "{}「{}」第{}列没有列名，数值 {p} 未存入单元格表（报告原文已完整保存）",
                    t.kind.label(),
                    r.name,
                    ci + 1
                ),
                location,
            ));
            continue;
        }
        rows.push(row);
    }
    (rows, kept_out)
}

/// Text as both backends keep it: PostgreSQL refuses the NUL character, which a PDF's
/// text can hold.
fn text(s: &str) -> String {
    s.replace('\0', "")
}

/// The hex sha256 of a source.
pub fn source_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer; imports take turns instead of failing with SQLITE_BUSY.
    writer: tokio::sync::Mutex<()>,
}

const REPORT_COLUMNS: &str = "r.id, r.unit_id, u.name, r.year, r.family, r.scope, r.profile, \
                              r.origin, r.source_name";

fn report_row(row: &AnyRow) -> std::result::Result<ReportRow, sqlx::Error> {
    Ok(ReportRow {
        id: row.try_get(0)?,
        unit_id: row.try_get(1)?,
        unit: row.try_get(2)?,
        year: row.try_get(3)?,
        family: row.try_get(4)?,
        scope: row.try_get(5)?,
        profile: row.try_get(6)?,
        origin: row.try_get(7)?,
        source_name: row.try_get(8)?,
    })
}

impl Store {
    /// Opens (creating a SQLite file when needed) and migrates the database at `url`:
    /// `sqlite:PATH`, `sqlite::memory:` or `postgres://…`.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if let Some(rest) = url.strip_prefix("sqlite:") {
            let mut url = format!("sqlite:{rest}");
            if !rest.contains(":memory:") && !rest.contains("mode=") {
                url.push_str(if rest.contains('?') {
                    "&mode=rwc"
                } else {
                    "?mode=rwc"
                });
            }
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_owned())
        } else {
            return Err(StoreError::Url(url.to_owned()));
        };
        let mut options = AnyPoolOptions::new().max_connections(8);
        if backend == Backend::Sqlite {
            // One in-memory database must be one connection, or each sees its own.
            if url.contains(":memory:") {
                options = options.max_connections(1);
            }
            options = options.after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    Ok(())
                })
            });
        }
        let pool = options.connect(&url).await?;
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        Ok(Store {
            pool,
            backend,
            writer: tokio::sync::Mutex::new(()),
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.backend == Backend::Sqlite
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The id of the report stored from this source, if any.
    pub async fn report_by_hash(&self, hash: &str) -> Result<Option<i64>> {
        let row = sqlx::query("SELECT id FROM reports WHERE source_hash = $1")
            .bind(hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get::<i64, _>(0)))
    }

    /// Stores a report in one transaction; a source stored before is not stored again.
    pub async fn import(&self, new: NewReport<'_>) -> Result<Imported> {
        let _turn = self.writer.lock().await;
        if let Some(id) = self.report_by_hash(&new.source_hash).await? {
            return Ok(Imported::Existing(id));
        }
        match self.insert(&new).await {
            Ok(id) => Ok(Imported::New(id)),
            // Another process stored the same source meanwhile: the unique hash says so.
            Err(StoreError::Sql(e))
                if e.as_database_error()
                    .is_some_and(|d| d.is_unique_violation()) =>
            {
                match self.report_by_hash(&new.source_hash).await? {
                    Some(id) => Ok(Imported::Existing(id)),
                    None => Err(StoreError::Sql(e)),
                }
            }
            Err(e) => Err(e),
        }
    }

    async fn insert(&self, new: &NewReport<'_>) -> Result<i64> {
        let report = new.report;
        let meta = &report.meta;
        let mut tx = self.pool.begin().await?;
        let kind = match meta.scope {
            Scope::Department => "部门",
            Scope::Unit => "单位",
        };
        let unit_id: i64 = match sqlx::query("SELECT id FROM units WHERE name = $1")
            .bind(&meta.unit_name)
            .fetch_optional(&mut *tx)
            .await?
        {
            Some(row) => row.try_get(0)?,
            None => sqlx::query("INSERT INTO units (name, kind) VALUES ($1, $2) RETURNING id")
                .bind(text(&meta.unit_name))
                .bind(kind)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?,
        };
        let json = serde_json::to_string(report)?;
        let report_id: i64 = sqlx::query(
            "INSERT INTO reports (unit_id, year, family, scope, profile, source_hash, \
             source_name, origin, created_at, report_json) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(unit_id)
        .bind(i64::from(meta.year))
        .bind(meta.family.label())
        .bind(meta.scope.label())
        .bind(&meta.profile)
        .bind(&new.source_hash)
        .bind(text(&new.source_name))
        .bind(new.origin.as_str())
        .bind(now())
        .bind(&json)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;

        let (cells, kept_out) = storable_cells(report, &new.source_name);
        for (seq, c) in cells.iter().enumerate() {
            sqlx::query(
                "INSERT INTO cells (report_id, seq, table_kind, side, row_code, \
                 row_name, col, hundredths, fen, unit) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(report_id)
            .bind(seq as i64)
            .bind(c.table)
            .bind(c.side)
            .bind(text(&c.code))
            .bind(text(&c.row))
            .bind(text(&c.column))
            .bind(c.hundredths)
            .bind(c.fen)
            .bind(c.unit)
            .execute(&mut *tx)
            .await?;
        }
        for (i, f) in report.facts.iter().enumerate() {
            sqlx::query(
                "INSERT INTO facts (report_id, seq, key, value, sentence) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(report_id)
            .bind(i as i64)
            .bind(text(&f.key))
            .bind(serde_json::to_string(&f.value)?)
            .bind(f.sentence.as_deref().map(text))
            .execute(&mut *tx)
            .await?;
        }
        for p in &report.projects {
            let project_id: i64 = sqlx::query(
                "INSERT INTO projects (report_id, name, annual_fen) VALUES ($1, $2, $3) RETURNING id",
            )
            .bind(report_id)
            .bind(text(&p.name))
            .bind(p.funds_annual.total.map(|a| a.fen()))
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
            for (i, ind) in p.indicators.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO indicators (project_id, seq, period, level1, level2, name, value) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(project_id)
                .bind(i as i64)
                .bind(ind.period.label())
                .bind(text(&ind.level1))
                .bind(text(&ind.level2))
                .bind(text(&ind.name))
                .bind(text(&ind.value.raw))
                .execute(&mut *tx)
                .await?;
            }
        }
        for (i, d) in new.findings.iter().chain(&kept_out).enumerate() {
            sqlx::query(
                "INSERT INTO findings (report_id, seq, rule, severity, message, location_json, hint) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(report_id)
            .bind(i as i64)
            .bind(&d.rule)
            .bind(d.severity.as_str())
            .bind(text(&d.message))
            .bind(serde_json::to_string(&d.location)?)
            .bind(d.hint.as_deref())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(report_id)
    }

    /// Every stored report's source, in the order stored: what a dataset export keys
    /// each report by. Small rows, so an export can list them all and then read one
    /// report at a time.
    pub async fn sources(&self) -> Result<Vec<StoredSource>> {
        let rows =
            sqlx::query("SELECT id, source_hash, source_name, origin FROM reports ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        let mut out = Vec::new();
        for row in &rows {
            out.push(StoredSource {
                id: row.try_get(0)?,
                source_hash: row.try_get(1)?,
                source_name: row.try_get(2)?,
                origin: row.try_get(3)?,
            });
        }
        Ok(out)
    }

    /// Every report, by unit and year.
    pub async fn reports(&self) -> Result<Vec<ReportRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {REPORT_COLUMNS} FROM reports r JOIN units u ON u.id = r.unit_id \
             ORDER BY u.name, r.year DESC, r.id"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(report_row)
            .collect::<std::result::Result<_, _>>()?)
    }

    /// Units whose name contains `search` (all when empty), each with its reports.
    pub async fn units(&self, search: &str) -> Result<Vec<UnitRow>> {
        let pattern = format!("%{}%", search.trim());
        let units = sqlx::query(
            "SELECT u.id, u.name, u.kind, p.name FROM units u LEFT JOIN units p ON p.id = u.parent_id \
             WHERE u.name LIKE $1 ORDER BY u.name",
        )
        .bind(&pattern)
        .fetch_all(&self.pool)
        .await?;
        let reports = self.reports().await?;
        let mut out = Vec::new();
        for row in &units {
            let id: i64 = row.try_get(0)?;
            out.push(UnitRow {
                id,
                name: row.try_get(1)?,
                kind: row.try_get(2)?,
                parent: row.try_get(3)?,
                reports: reports
                    .iter()
                    .filter(|r| r.unit_id == id)
                    .cloned()
                    .collect(),
            });
        }
        Ok(out)
    }

    /// The id of the unit with this name, created as `kind` (部门 / 单位) when missing.
    pub async fn ensure_unit(&self, name: &str, kind: &str) -> Result<i64> {
        let _turn = self.writer.lock().await;
        if let Some(row) = sqlx::query("SELECT id FROM units WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?
        {
            return Ok(row.try_get(0)?);
        }
        Ok(
            sqlx::query("INSERT INTO units (name, kind) VALUES ($1, $2) RETURNING id")
                .bind(name)
                .bind(kind)
                .fetch_one(&self.pool)
                .await?
                .try_get(0)?,
        )
    }

    /// Sets the 部门 a unit belongs to.
    pub async fn set_parent(&self, unit: i64, parent: Option<i64>) -> Result<()> {
        sqlx::query("UPDATE units SET parent_id = $1 WHERE id = $2")
            .bind(parent)
            .bind(unit)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn report_row(&self, id: i64) -> Result<Option<ReportRow>> {
        let row = sqlx::query(&format!(
            "SELECT {REPORT_COLUMNS} FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(report_row).transpose()?)
    }

    /// The whole report as it was stored.
    pub async fn report(&self, id: i64) -> Result<Option<Report>> {
        let row = sqlx::query("SELECT report_json FROM reports WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => Ok(Some(serde_json::from_str(&row.try_get::<String, _>(0)?)?)),
            None => Ok(None),
        }
    }

    /// The findings of the checks run when the report was stored, in their order.
    pub async fn findings(&self, id: i64) -> Result<Vec<Diagnostic>> {
        let rows = sqlx::query(
            "SELECT rule, severity, message, location_json, hint FROM findings \
             WHERE report_id = $1 ORDER BY seq",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for row in &rows {
            let severity: String = row.try_get(1)?;
            let severity = match severity.as_str() {
                "error" => yusuan_model::Severity::Error,
                "warning" => yusuan_model::Severity::Warning,
                _ => yusuan_model::Severity::Note,
            };
            out.push(Diagnostic {
                rule: row.try_get(0)?,
                severity,
                message: row.try_get(2)?,
                location: serde_json::from_str(&row.try_get::<String, _>(3)?)?,
                hint: row.try_get(4)?,
            });
        }
        Ok(out)
    }

    /// Deletes a report and everything stored with it; false when there was none.
    pub async fn delete_report(&self, id: i64) -> Result<bool> {
        let _turn = self.writer.lock().await;
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "DELETE FROM indicators WHERE project_id IN (SELECT id FROM projects WHERE report_id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        for table in ["projects", "cells", "facts", "findings"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE report_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE jobs SET report_id = NULL WHERE report_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM reports WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(done > 0)
    }

    /// How many rows each table holds (for tests and `yusuan import`'s summary).
    pub async fn counts(&self) -> Result<Vec<(&'static str, i64)>> {
        let mut out = Vec::new();
        for table in [
            "units",
            "reports",
            "cells",
            "facts",
            "projects",
            "indicators",
            "findings",
        ] {
            let n: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&self.pool)
                .await?
                .try_get(0)?;
            out.push((table, n));
        }
        Ok(out)
    }

    pub async fn create_job(&self, file_name: &str, hash: &str) -> Result<i64> {
        let _turn = self.writer.lock().await;
        Ok(sqlx::query(
            "INSERT INTO jobs (file_name, source_hash, status, message, created_at) \
             VALUES ($1, $2, 'queued', '', $3) RETURNING id",
        )
        .bind(file_name)
        .bind(hash)
        .bind(now())
        .fetch_one(&self.pool)
        .await?
        .try_get(0)?)
    }

    pub async fn finish_job(
        &self,
        id: i64,
        status: &str,
        message: &str,
        report: Option<i64>,
    ) -> Result<()> {
        let _turn = self.writer.lock().await;
        sqlx::query("UPDATE jobs SET status = $1, message = $2, report_id = $3 WHERE id = $4")
            .bind(status)
            .bind(message)
            .bind(report)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn job(&self, id: i64) -> Result<Option<Job>> {
        let row =
            sqlx::query("SELECT id, file_name, status, message, report_id FROM jobs WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(Job {
            id: row.try_get(0)?,
            file_name: row.try_get(1)?,
            status: row.try_get(2)?,
            message: row.try_get(3)?,
            report_id: row.try_get(4)?,
        }))
    }

    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get::<String, _>(0)))
    }

    /// Sets a setting unless it is set; returns the value in force.
    pub async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String> {
        let _turn = self.writer.lock().await;
        if let Some(v) = self.setting(key).await? {
            return Ok(v);
        }
        sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)")
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await?;
        Ok(value.to_owned())
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}
