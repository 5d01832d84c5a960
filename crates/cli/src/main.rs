//! The `yusuan` command line: a thin front end over the library crates.

mod bench;
mod check;
mod export;
mod extract;
mod serve;
mod synth;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use yusuan_catalog::Catalog;
use yusuan_model::{has_errors, Diagnostic, Severity};

// With the system allocator a fifth of `yusuan check`'s wall time was system time:
// buffers mapped and unmapped again. mimalloc keeps its arenas (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "yusuan",
    version,
    about = "预算公开：由预算数据生成、检查、提取部门/单位预算公开报告"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the report of a budget directory (unit.toml, lines.csv, projects.toml) or workbook (.xlsx).
    Build(BuildArgs),
    /// Write a budget workbook to fill in WPS or Excel (`--from DIR` fills it from a budget).
    Template(TemplateArgs),
    /// Check reports (PDF, text, tidy CSV, JSON, budget directory or workbook) against the rule catalogue.
    Check(check::CheckArgs),
    /// List the rules (`--markdown` writes the reference page, docs/rules.md).
    Rules {
        #[arg(long)]
        markdown: bool,
    },
    /// Extract the tables of published reports (PDF or text) into the Report model.
    Extract(extract::ExtractArgs),
    /// Write the reports of the store as one dataset (Parquet or CSV, datapackage.json).
    Export(export::ExportArgs),
    /// Serve the web app and JSON API over the report store (SQLite by default).
    Serve(serve::ServeArgs),
    /// Load budget directories, published PDFs and workbooks into the report store.
    Import(serve::ImportArgs),
    /// List the declared document families (id, region, family, tables, whether yusuan builds it).
    Profiles,
    /// Measure derivation speed on an example and on a synthetic budget.
    Bench(bench::BenchArgs),
    /// Write a synthetic dataset of any size from real reports, for measuring DuckDB, Spark or Trino at scale.
    Synth(synth::SynthArgs),
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Budget directory, or budget workbook (.xlsx) written by `yusuan template`.
    input: PathBuf,
    /// Write the tidy CSV here (`-` for standard output).
    #[arg(long, num_args = 0..=1, default_missing_value = IN_OUT, value_name = "FILE")]
    tidy: Option<PathBuf>,
    /// Write the whole report as JSON here (`-` for standard output).
    #[arg(long, num_args = 0..=1, default_missing_value = IN_OUT, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write the workbook (one sheet per table, plus the tidy data) here.
    #[arg(long, num_args = 0..=1, default_missing_value = IN_OUT, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// Write the report as one self-contained HTML page here.
    #[arg(long, num_args = 0..=1, default_missing_value = IN_OUT, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Write the disclosure document as PDF here.
    #[arg(long, num_args = 0..=1, default_missing_value = IN_OUT, value_name = "FILE")]
    pdf: Option<PathBuf>,
    /// Take the PDF's CJK fonts from this folder instead of the Debian font folders.
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
    /// Write into this folder (`<name>.tidy.csv`, `.json`, `.xlsx`, `.html`, `.pdf`): the
    /// formats named without a file (`-o out --pdf --xlsx`), or every format when none is.
    #[arg(long, short = 'o', value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write even when an error-level rule fires on the built report.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    catalog: CatalogArgs,
}

#[derive(clap::Args)]
struct TemplateArgs {
    /// The workbook to write (.xlsx).
    output: PathBuf,
    /// Budget year the code lists are taken for.
    #[arg(long = "year", default_value_t = 2025)]
    budget_year: u16,
    /// Template profile pre-filled on the 单位信息 sheet.
    #[arg(long, default_value = "shanxi")]
    profile: String,
    /// Fill the workbook from this budget directory.
    #[arg(long, value_name = "DIR")]
    from: Option<PathBuf>,
    #[command(flatten)]
    catalog: CatalogArgs,
}

#[derive(clap::Args)]
pub struct CatalogArgs {
    /// Load an official classification edition from CSV (columns code,name[,year]).
    #[arg(long = "catalog", value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The year of a --catalog file that has no `year` column.
    #[arg(long = "catalog-year", value_name = "YEAR")]
    year: Option<u16>,
}

/// The value of a format flag given without a file: write into the `-o` folder.
const IN_OUT: &str = "<-o>";

/// Exit codes: 0 done, 1 the report has errors (checks), 2 input could not be read.
const EXIT_INPUT: u8 = 2;

fn main() -> ExitCode {
    // `yusuan rules | head`: a reader that stops early ends the output quietly, as for any
    // Unix tool, instead of a panic in the next print.
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    yusuan_extract::quiet_guarded_panics();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(&args),
        Command::Template(args) => template(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Synth(args) => synth::run(&args),
        Command::Serve(args) => serve::serve(&args),
        Command::Import(args) => serve::import(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Profiles => {
            println!("模板\t地区\t类别\t表数\t生成\t名称");
            for p in yusuan_profile::profiles() {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    p.id,
                    p.region,
                    p.family.label(),
                    p.tables.len(),
                    if p.generated {
                        "可生成"
                    } else {
                        "只读取"
                    },
                    p.name
                );
                for (i, t) in p.tables.iter().enumerate() {
                    println!("\t{:>2}. {}（{}）", i + 1, t.plain_title(), t.kind);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { markdown } => {
            if markdown {
                print!("{}", yusuan_check::rules_markdown());
            } else {
                for r in yusuan_check::RULES {
                    println!("{:<22} {:<8} {}", r.id(), r.severity().as_str(), r.title());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_INPUT)
        }
    }
}

/// The embedded catalogue plus the editions named on the command line.
pub fn catalog(args: &CatalogArgs) -> (Catalog, Vec<Diagnostic>) {
    yusuan_pipeline::catalog(&yusuan_pipeline::CatalogOptions {
        files: args.files.clone(),
        year: args.year,
    })
}

pub fn print_diagnostics(diags: &[Diagnostic]) {
    let mut err = io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{d}\n");
    }
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    if errors + warnings > 0 {
        let _ = writeln!(err, "共 {errors} 个错误，{warnings} 个警告");
    }
}

fn template(args: &TemplateArgs) -> anyhow::Result<ExitCode> {
    let (catalog, mut diags) = catalog(&args.catalog);
    let budget = match &args.from {
        Some(dir) => {
            let (budget, more) = yusuan_pipeline::load_budget(dir, &catalog);
            diags.extend(more);
            match budget.filter(|_| !has_errors(&diags)) {
                Some(b) => Some(b),
                None => {
                    print_diagnostics(&diags);
                    return Ok(ExitCode::from(EXIT_INPUT));
                }
            }
        }
        None => None,
    };
    if yusuan_profile::generated(&args.profile).is_none() {
        anyhow::bail!(
            "未知的模板「{}」，可用模板：{}",
            args.profile,
            yusuan_profile::generated_ids().join("、")
        );
    }
    print_diagnostics(&diags);
    let bytes =
        yusuan_workbook::template(&catalog, args.budget_year, &args.profile, budget.as_ref())
            .map_err(|e| anyhow::anyhow!("生成工作簿失败：{e}"))?;
    write_to(&args.output, |w| w.write_all(&bytes))?;
    Ok(ExitCode::SUCCESS)
}

fn build(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let (catalog, mut diags) = catalog(&args.catalog);
    let (budget, more) = yusuan_pipeline::load_budget(&args.input, &catalog);
    diags.extend(more);
    let Some(budget) = budget.filter(|_| !has_errors(&diags)) else {
        print_diagnostics(&diags);
        return Ok(ExitCode::from(EXIT_INPUT));
    };
    let opened = match yusuan_pipeline::build(&budget, &catalog) {
        Ok((report, more)) => yusuan_pipeline::Opened {
            report,
            diagnostics: more,
            origin: yusuan_model::Origin::Built,
        },
        Err(e) => {
            diags.extend(e);
            print_diagnostics(&diags);
            return Ok(ExitCode::from(EXIT_INPUT));
        }
    };
    let checked = yusuan_pipeline::check(opened, &catalog, &args.input.display().to_string());
    let report = checked.report;
    let findings = checked.findings;
    let refused = has_errors(&findings) && !args.force;
    // Rounding notes are expected in any 万元 report; the check command shows them.
    diags.extend(
        findings
            .into_iter()
            .filter(|d| d.severity != Severity::Note),
    );
    print_diagnostics(&diags);
    if refused {
        eprintln!("检查发现错误，未写出文件；核对后可用 --force 强制写出");
        return Ok(ExitCode::from(1));
    }
    let name = args
        .input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("report")
        .to_owned();
    // A format flag without a file writes into the -o folder; with no flag, every format does.
    let flags = [&args.tidy, &args.json, &args.xlsx, &args.html, &args.pdf];
    let all = flags.iter().all(|f| f.is_none());
    let target = |flag: &Option<PathBuf>, ext: &str| -> anyhow::Result<Option<PathBuf>> {
        let in_dir = || args.out.as_ref().map(|d| d.join(format!("{name}.{ext}")));
        match flag {
            Some(p) if p.as_os_str() == IN_OUT => in_dir()
                .map(Some)
                .ok_or_else(|| anyhow::anyhow!("--{ext} 未给文件名时需要 -o 目录")),
            Some(p) => Ok(Some(p.clone())),
            None if all => Ok(in_dir()),
            None => Ok(None),
        }
    };
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("无法创建目录 {}：{e}", dir.display()))?;
    }
    if let Some(path) = target(&args.tidy, "tidy.csv")? {
        write_to(&path, |w| yusuan_render::write_tidy(&report, w))?;
    }
    if let Some(path) = target(&args.json, "json")? {
        write_to(&path, |w| yusuan_render::write_json(&report, w))?;
    }
    if let Some(path) = target(&args.xlsx, "xlsx")? {
        let bytes = yusuan_render::xlsx_bytes(&report)
            .map_err(|e| anyhow::anyhow!("生成 XLSX 失败：{e}"))?;
        write_to(&path, |w| w.write_all(&bytes))?;
    }
    if let Some(path) = target(&args.html, "html")? {
        let page = yusuan_render::html_string(&report)
            .map_err(|e| anyhow::anyhow!("生成 HTML 失败：{e}"))?;
        write_to(&path, |w| w.write_all(page.as_bytes()))?;
    }
    if let Some(path) = target(&args.pdf, "pdf")? {
        let bytes = pdf_bytes(&report, &args.font_dirs)?;
        write_to(&path, |w| w.write_all(&bytes))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The report typeset as PDF with the CJK fonts of `dirs` (default: the Debian font folders).
pub fn pdf_bytes(report: &yusuan_model::Report, dirs: &[PathBuf]) -> anyhow::Result<Vec<u8>> {
    yusuan_pipeline::pdf_bytes(report, dirs).map_err(anyhow::Error::msg)
}

/// Writes to a file, or to standard output for `-`.
pub fn write_to(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    use anyhow::Context;
    if path.as_os_str() == "-" {
        let mut out = io::stdout().lock();
        write(&mut out).context("写入标准输出失败")?;
        return Ok(());
    }
    // Written beside the target and renamed over it once complete, so a failed write
    // never leaves a truncated file where the user's previous one was.
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("无法创建目录 {}", parent.display()))?;
    }
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let result = (|| {
        let file =
            File::create(&part).with_context(|| format!("无法创建文件 {}", part.display()))?;
        let mut out = BufWriter::new(file);
        write(&mut out).with_context(|| format!("写入 {} 失败", path.display()))?;
        out.flush()
            .with_context(|| format!("写入 {} 失败", path.display()))?;
        std::fs::rename(&part, path).with_context(|| format!("无法写入 {}", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}
