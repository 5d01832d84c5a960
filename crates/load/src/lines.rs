//! `lines.csv`: one budget line per row.
//!
//! Header (any order, UTF-8, RFC 4180): `func,econ,category,source,period,project,amount`
//! plus an optional `memo`. `period` may be left blank for 当年; `project` is required
//! for 项目支出 and must be blank otherwise.

use yusuan_catalog::Catalog;
use yusuan_model::{
    Amount, Category, Diagnostic, EconCode, FuncCode, FuncLevel, FundingSource, Line, Location,
    Period, Project, SourceDetail,
};

const REQUIRED: &[&str] = &["func", "econ", "category", "source", "amount"];
const KNOWN: &[&str] = &[
    "func", "econ", "category", "source", "period", "project", "amount", "memo",
];

/// The parsed lines, each with its 1-based line number in the file.
pub fn parse_lines(
    file: &str,
    text: &str,
    year: Option<u16>,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(u32, Line)> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(csv_error(file, &e));
            return Vec::new();
        }
    };
    let index = |name: &str| headers.iter().position(|h| h == name);
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|n| index(n).is_none())
        .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::error(
                "E-INPUT-HEADER",
                format!("表头缺少列：{}", missing.join("、")),
                Location::file(file).at(1, 1),
            )
            .with_hint(format!("表头应为：{}", KNOWN[..7].join(","))),
        );
        return Vec::new();
    }
    for (i, h) in headers.iter().enumerate() {
        if !KNOWN.contains(&h) {
            diags.push(Diagnostic::warning(
                "W-INPUT-COLUMN",
                format!("未知列「{h}」，已忽略"),
                Location::file(file).at(1, i as u32 + 1),
            ));
        }
    }
    let [func_i, econ_i, cat_i, src_i, amount_i] =
        [0, 1, 2, 3, 4].map(|k| index(REQUIRED[k]).expect("checked"));
    let (period_i, project_i) = (index("period"), index("project"));
    let mut out = Vec::new();
    let mut warned_codes: Vec<String> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                diags.push(csv_error(file, &e));
                continue;
            }
        };
        let line_no = record.position().map_or(0, |p| p.line() as u32);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let at = |i: usize| Location::file(file).at(line_no, i as u32 + 1);
        let get = |i: usize| record.get(i).unwrap_or("");
        let before = diags.len();
        if record.len() != headers.len() {
            diags.push(
                Diagnostic::error(
                    "E-INPUT-CSV",
                    format!("本行有{}列，表头有{}列", record.len(), headers.len()),
                    Location::file(file).at(line_no, 1),
                )
                .with_hint("含逗号的字段要用英文双引号括起来"),
            );
            continue;
        }
        let func = match FuncCode::parse(get(func_i)) {
            Ok(c) if c.level() == FuncLevel::Xiang => Some(c),
            Ok(c) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-CODE",
                    format!(
                        "功能分类科目「{c}」是{}级，预算行应编到项级（7位）",
                        c.level().label()
                    ),
                    at(func_i),
                ));
                None
            }
            Err(e) => {
                diags.push(Diagnostic::error("E-INPUT-CODE", e.to_string(), at(func_i)));
                None
            }
        };
        let econ = match EconCode::parse(get(econ_i)) {
            Ok(c) if !c.is_class() && c.as_str().starts_with('3') => Some(c),
            Ok(c) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-CODE",
                    format!("经济分类科目「{c}」应为部门预算经济分类的款级编码（3开头的5位数字）"),
                    at(econ_i),
                ));
                None
            }
            Err(e) => {
                diags.push(Diagnostic::error("E-INPUT-CODE", e.to_string(), at(econ_i)));
                None
            }
        };
        let category = Category::from_label(get(cat_i));
        if category.is_none() {
            diags.push(bad_label(
                at(cat_i),
                "支出类别",
                get(cat_i),
                Category::labels(),
            ));
        }
        // A source, or a named part of one (`专项收入`).
        let detail = SourceDetail::from_label(get(src_i));
        let source = FundingSource::from_label(get(src_i)).or(detail.map(SourceDetail::source));
        if source.is_none() {
            diags.push(bad_label(
                at(src_i),
                "资金来源",
                get(src_i),
                format!("{} / {}", FundingSource::labels(), SourceDetail::labels()),
            ));
        }
        let period = match period_i.map(get).unwrap_or("") {
            "" => Some(Period::Current),
            text => Period::from_label(text).or_else(|| {
                diags.push(bad_label(
                    at(period_i.expect("has text")),
                    "资金期间",
                    text,
                    Period::labels(),
                ));
                None
            }),
        };
        let amount = match Amount::parse_yuan(get(amount_i)) {
            Ok(a) => Some(a),
            Err(e) => {
                diags.push(Diagnostic::error(
                    "E-INPUT-AMOUNT",
                    format!("{e}（单位：元，最多两位小数）"),
                    at(amount_i),
                ));
                None
            }
        };
        let project = project_i
            .map(get)
            .filter(|p| !p.is_empty())
            .map(str::to_owned);
        match (category, &project) {
            (Some(Category::Project), None) => diags.push(Diagnostic::error(
                "E-INPUT-PROJECT",
                "项目支出行必须填写项目名称（project 列）",
                at(project_i.unwrap_or(cat_i)),
            )),
            (Some(c), Some(p)) if c != Category::Project => diags.push(Diagnostic::error(
                "E-INPUT-PROJECT",
                format!("{c}行不应填写项目「{p}」"),
                at(project_i.expect("has project")),
            )),
            _ => {}
        }
        if diags.len() > before {
            continue;
        }
        let (Some(func), Some(econ), Some(category), Some(source), Some(period), Some(amount)) =
            (func, econ, category, source, period, amount)
        else {
            continue;
        };
        if let Some(year) = year {
            for (code, known, i) in [
                (func.as_str(), catalog.func(&func, year).is_some(), func_i),
                (econ.as_str(), catalog.econ(&econ, year).is_some(), econ_i),
            ] {
                if !known && !warned_codes.iter().any(|c| c == code) {
                    warned_codes.push(code.to_owned());
                    diags.push(
                        Diagnostic::warning(
                            "W-CODE-UNKNOWN",
                            format!("科目表中没有编码「{code}」"),
                            at(i),
                        )
                        .with_hint("用 --catalog 加载当年官方科目表，或检查编码是否有误"),
                    );
                }
            }
        }
        out.push((
            line_no,
            Line {
                func,
                econ,
                category,
                source,
                detail,
                period,
                project,
                amount,
            },
        ));
    }
    out
}

/// Every project named in the lines should have its performance targets, and every
/// project with targets should have money.
pub(crate) fn cross_check_projects(
    file: &str,
    lines: &[(u32, Line)],
    projects: &[Project],
    diags: &mut Vec<Diagnostic>,
) {
    if projects.is_empty() {
        return;
    }
    let mut seen: Vec<&str> = Vec::new();
    for (line_no, line) in lines {
        let Some(name) = line.project.as_deref() else {
            continue;
        };
        // Money carried over from last year was targeted last year.
        if line.period != yusuan_model::Period::Current || seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if !projects.iter().any(|p| p.name == name) {
            diags.push(Diagnostic::warning(
                "W-INPUT-PROJECT",
                format!("项目「{name}」不在 projects.toml 中，没有绩效目标"),
                Location::file(file).at(*line_no, 1),
            ));
        }
    }
    let any_line = |name: &str| {
        lines
            .iter()
            .any(|(_, l)| l.project.as_deref() == Some(name))
    };
    for p in projects {
        if !any_line(&p.name) && !seen.contains(&p.name.as_str()) {
            diags.push(Diagnostic::warning(
                "W-INPUT-PROJECT",
                format!(
                    "projects.toml 中的项目「{}」在 lines.csv 中没有预算行",
                    p.name
                ),
                Location::file(file),
            ));
        }
    }
}

fn bad_label(at: Location, what: &str, text: &str, labels: String) -> Diagnostic {
    let shown = if text.is_empty() { "（空）" } else { text };
    Diagnostic::error("E-INPUT-VALUE", format!("{what}「{shown}」无效"), at)
        .with_hint(format!("可选：{labels}"))
}

pub(crate) fn csv_error(file: &str, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(1, |p| p.line() as u32);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "文件不是 UTF-8 编码".to_owned(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("本行有{len}列，表头有{expected_len}列"),
        _ => format!("CSV 格式错误：{e}"),
    };
    Diagnostic::error("E-INPUT-CSV", message, Location::file(file).at(line, 1))
}
