//! The pipeline, assembled once: open any input — a budget folder, a budget workbook, a
//! published PDF or its text, a tidy CSV, a report JSON — as a [`Report`], and check it.
//!
//! The CLI, the web app and the benchmarks call these functions; none of them strings the
//! stages together on its own. Options are plain values: this crate knows nothing of
//! command lines or HTTP.

use std::path::{Path, PathBuf};

use yusuan_catalog::Catalog;
use yusuan_model::{has_errors, Budget, Diagnostic, Location, Origin, Report, Severity};

pub use yusuan_extract::Extracted;

/// Which classification editions to use beside the embedded one.
#[derive(Clone, Debug, Default)]
pub struct CatalogOptions {
    /// Official editions as CSV (columns `code,name[,year]`).
    pub files: Vec<PathBuf>,
    /// The year of a file that has no `year` column.
    pub year: Option<u16>,
}

/// The embedded catalogue plus the editions the options name.
pub fn catalog(options: &CatalogOptions) -> (Catalog, Vec<Diagnostic>) {
    let mut catalog = Catalog::embedded();
    let mut diags = Vec::new();
    for path in &options.files {
        let shown = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => diags.extend(catalog.load_edition(
                &shown,
                text.trim_start_matches('\u{feff}'),
                options.year,
            )),
            Err(e) => diags.push(read_error(&shown, format!("无法读取科目表：{e}"))),
        }
    }
    (catalog, diags)
}

/// The embedded catalogue, parsed once per process.
pub fn embedded() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(Catalog::embedded)
}

fn read_error(shown: &str, message: String) -> Diagnostic {
    Diagnostic::error("E-INPUT-READ", message, Location::file(shown))
}

/// A budget directory, or a budget workbook when `input` is a file.
pub fn load_budget(input: &Path, catalog: &Catalog) -> (Option<Budget>, Vec<Diagnostic>) {
    if input.is_dir() {
        return yusuan_load::load_budget_dir(input, catalog);
    }
    let shown = input.display().to_string();
    match std::fs::read(input) {
        Ok(bytes) => yusuan_workbook::read(&shown, &bytes, catalog),
        Err(e) => (None, vec![read_error(&shown, format!("无法读取：{e}"))]),
    }
}

/// The report of a budget under its profile, with what derivation had to say.
pub fn build(
    budget: &Budget,
    catalog: &Catalog,
) -> Result<(Report, Vec<Diagnostic>), Vec<Diagnostic>> {
    let Some(profile) = yusuan_profile::generated(&budget.unit.profile) else {
        return Err(vec![Diagnostic::error(
            "E-UNIT-PROFILE",
            format!(
                "未知的模板「{}」，可用模板：{}",
                budget.unit.profile,
                yusuan_profile::generated_ids().join("、")
            ),
            Location::default(),
        )]);
    };
    Ok(yusuan_derive::derive(budget, &profile, catalog))
}

/// An input read as a report: how reading went, and where the report came from.
#[derive(Debug)]
pub struct Opened {
    pub report: Report,
    /// What reading (loading, deriving, extracting) had to say; never an error.
    pub diagnostics: Vec<Diagnostic>,
    pub origin: Origin,
}

/// A report with every finding on it: reading's diagnostics, then the rules'.
#[derive(Debug)]
pub struct Checked {
    pub report: Report,
    pub findings: Vec<Diagnostic>,
    pub origin: Origin,
}

/// Reads any input as a report. A budget folder or workbook is built; a report JSON or a
/// tidy CSV is read as it is; anything else is extracted as a published PDF or its text.
/// The error is every problem that kept the input from being read.
pub fn open(path: &Path, catalog: &Catalog) -> Result<Opened, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    if path.is_dir() {
        let (budget, diags) = yusuan_load::load_budget_dir(path, catalog);
        return built(budget, diags, catalog);
    }
    let bytes =
        std::fs::read(path).map_err(|e| vec![read_error(&shown, format!("无法读取：{e}"))])?;
    open_bytes(&shown, bytes, catalog)
}

/// Reads a file's bytes (an upload, or a file already read) as a report; `name` gives the
/// extension when the bytes do not say what they are, and is the location of findings.
pub fn open_bytes(
    name: &str,
    bytes: Vec<u8>,
    catalog: &Catalog,
) -> Result<Opened, Vec<Diagnostic>> {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || ext == "xlsx" {
        let (budget, diags) = yusuan_workbook::read(name, &bytes, catalog);
        return built(budget, diags, catalog);
    }
    if bytes.starts_with(b"%PDF") || ext == "pdf" {
        return extracted(yusuan_extract::extract_pdf(bytes, name), name);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(vec![read_error(
            name,
            "文件既不是 PDF，也不是 UTF-8 文本".to_owned(),
        )]);
    };
    match ext.as_str() {
        "json" => serde_json::from_str::<Report>(&text)
            .map(|report| Opened {
                report,
                diagnostics: Vec::new(),
                origin: Origin::Extracted,
            })
            .map_err(|e| {
                vec![Diagnostic::error(
                    "E-INPUT-JSON",
                    format!("不是 yusuan 报告 JSON：{e}"),
                    Location::file(name).at(e.line() as u32, e.column() as u32),
                )]
            }),
        "csv" => {
            let (report, diagnostics) = yusuan_render::read_tidy(name, &text);
            if has_errors(&diagnostics) {
                return Err(diagnostics);
            }
            Ok(Opened {
                report,
                diagnostics,
                origin: Origin::Extracted,
            })
        }
        _ => extracted(yusuan_extract::extract_text(&text, name), name),
    }
}

fn built(
    budget: Option<Budget>,
    mut diagnostics: Vec<Diagnostic>,
    catalog: &Catalog,
) -> Result<Opened, Vec<Diagnostic>> {
    let Some(budget) = budget.filter(|_| !has_errors(&diagnostics)) else {
        return Err(diagnostics);
    };
    let (report, more) = build(&budget, catalog)?;
    diagnostics.extend(more);
    Ok(Opened {
        report,
        diagnostics,
        origin: Origin::Built,
    })
}

fn extracted(
    result: Result<Extracted, yusuan_extract::ExtractError>,
    name: &str,
) -> Result<Opened, Vec<Diagnostic>> {
    match result {
        Ok(ex) => Ok(Opened {
            report: ex.report,
            diagnostics: ex.diagnostics,
            origin: Origin::Extracted,
        }),
        Err(e) => Err(vec![read_error(name, e.to_string())]),
    }
}

/// Runs the rule catalogue on an opened report; `file` names it in the findings.
pub fn check(opened: Opened, catalog: &Catalog, file: &str) -> Checked {
    let mut findings = opened.diagnostics;
    findings.extend(yusuan_check::check(&opened.report, catalog, file));
    Checked {
        report: opened.report,
        findings,
        origin: opened.origin,
    }
}

/// Opens and checks one input: what `yusuan check`, uploads and imports do.
pub fn open_and_check(path: &Path, catalog: &Catalog) -> Result<Checked, Vec<Diagnostic>> {
    let opened = open(path, catalog)?;
    Ok(check(opened, catalog, &path.display().to_string()))
}

/// The first errors of a failed read, in one line, for a job page or a batch log.
pub fn first_errors(diags: &[Diagnostic]) -> String {
    let shown: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .take(5)
        .map(|d| {
            let at = d.location.to_string();
            if at.is_empty() {
                d.message.clone()
            } else {
                format!("{}（{at}）", d.message)
            }
        })
        .collect();
    if shown.is_empty() {
        "无法读取".to_owned()
    } else {
        shown.join("；")
    }
}

/// Extracts one published report (PDF or its text); the error is the message to show.
pub fn extract_file(path: &Path) -> Result<Extracted, String> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: 无法读取：{e}"))?;
    let is_pdf = bytes.starts_with(b"%PDF")
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let result = if is_pdf {
        yusuan_extract::extract_pdf(bytes, &shown)
    } else {
        let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: 文本不是 UTF-8 编码"))?;
        yusuan_extract::extract_text(&text, &shown)
    };
    result.map_err(|e| format!("{shown}: {e}"))
}

/// What kind of input a folder entry may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kinds {
    /// Published reports only: PDF and text.
    Published,
    /// Anything `open` reads: budget folders, workbooks, PDF, text, tidy CSV, JSON.
    Any,
}

/// The inputs `roots` name, in name order inside each folder: a file or a budget folder
/// (one with `unit.toml`) is itself; any other folder gives the inputs directly in it.
pub fn inputs(roots: &[PathBuf], kinds: Kinds) -> Result<Vec<PathBuf>, String> {
    let accepted: &[&str] = match kinds {
        Kinds::Published => &["pdf", "txt"],
        Kinds::Any => &["pdf", "txt", "xlsx", "csv", "json"],
    };
    let mut out = Vec::new();
    for root in roots {
        if !root.is_dir() || (kinds == Kinds::Any && is_budget_dir(root)) {
            out.push(root.clone());
            continue;
        }
        let entries =
            std::fs::read_dir(root).map_err(|e| format!("无法读取目录 {}：{e}", root.display()))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                if p.is_dir() {
                    return kinds == Kinds::Any && is_budget_dir(p);
                }
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| accepted.iter().any(|a| e.eq_ignore_ascii_case(a)))
            })
            .collect();
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

pub fn is_budget_dir(path: &Path) -> bool {
    path.join("unit.toml").is_file()
}

/// The bytes a budget folder's report is keyed by in the store: its input files, named.
pub fn budget_source(dir: &Path) -> Vec<u8> {
    let mut source = Vec::new();
    for file in ["unit.toml", "lines.csv", "projects.toml"] {
        if let Ok(bytes) = std::fs::read(dir.join(file)) {
            source.extend(file.as_bytes());
            source.extend(bytes);
        }
    }
    source
}

/// The report typeset as PDF with the CJK fonts of `dirs` (default: the Debian font folders).
pub fn pdf_bytes(report: &Report, dirs: &[PathBuf]) -> Result<Vec<u8>, String> {
    let dirs: Vec<&Path> = if dirs.is_empty() {
        yusuan_typeset::FONT_DIRS.iter().map(Path::new).collect()
    } else {
        dirs.iter().map(PathBuf::as_path).collect()
    };
    let mut data = Vec::new();
    for file in yusuan_typeset::font_files(&dirs) {
        data.push(
            std::fs::read(&file).map_err(|e| format!("无法读取字体 {}：{e}", file.display()))?,
        );
    }
    let fonts = yusuan_typeset::load_fonts(data);
    yusuan_typeset::pdf(report, &fonts).map_err(|e| format!("生成 PDF 失败：{e}"))
}
