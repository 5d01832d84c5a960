//! The examples rebuild their source documents: `yusuan build DIR --tidy -` must equal
//! the hand-checked golden tidy CSV line for line.

use std::path::{Path, PathBuf};
use std::process::Command;

use yusuan_testkit::decimal;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn build(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("runs yusuan")
}

/// How a built amount must match the golden's.
#[derive(Clone, Copy, PartialEq)]
enum Digits {
    /// Written with the same digits: the document printed every figure with two decimals.
    AsPrinted,
    /// Equal in value: the document dropped trailing zeros here and there (`3990.4`, `80`),
    /// where a built document prints two decimals throughout.
    Value,
}

/// A golden or built tidy line with its amount read as an exact decimal (fen), so that
/// `3990.4` and `3990.40` are one cell.
fn by_value(line: &str) -> String {
    let Some((head, amount)) = line.rsplit_once(',') else {
        return line.to_owned();
    };
    match decimal(amount) {
        Some(fen) => format!("{head},{fen}"),
        None => line.to_owned(),
    }
}

fn assert_matches_golden(example: &str, golden: &str) {
    assert_matches_golden_by(example, golden, Digits::AsPrinted)
}

fn assert_matches_golden_by(example: &str, golden: &str, digits: Digits) {
    // The 长治 example keeps the published report's project defects (1005, …), so
    // the built report has errors and needs --force; see refuses_to_write_a_report_with_errors.
    let out = build(&[
        "build",
        &format!("examples/{example}"),
        "--force",
        "--tidy",
        "-",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = String::from_utf8(out.stdout).unwrap();
    let want = std::fs::read_to_string(root().join("golden").join(golden)).unwrap();
    let key = |l: &str| match digits {
        Digits::AsPrinted => l.to_owned(),
        Digits::Value => by_value(l),
    };
    let (got_lines, want_lines): (Vec<String>, Vec<String>) = (
        got.lines().map(key).collect(),
        want.lines().map(key).collect(),
    );
    let missing: Vec<&String> = want_lines
        .iter()
        .filter(|l| !got_lines.contains(l))
        .collect();
    let extra: Vec<&String> = got_lines
        .iter()
        .filter(|l| !want_lines.contains(l))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );
    assert_eq!(got_lines, want_lines, "same cells, different order");
}

#[test]
fn changzhi_rebuilds_every_printed_cell_and_fills_the_project_tables() {
    assert_matches_golden("changzhi-cdpf-2024", "changzhi-cdpf-2024.tidy.csv");
}

#[test]
fn jiancha_rebuilds_the_twelve_jiangsu_tables() {
    assert_matches_golden_by(
        "jiangsu-jiancha-2019",
        "js-jiancha-2019.tidy.csv",
        Digits::Value,
    );
}

/// The 决算 example equals its golden except the cells its NOTES.md lists where the
/// published document contradicts itself: there the golden keeps the printed figure, the
/// build the one the other tables agree on.
#[test]
fn putuo_final_rebuilds_the_nine_final_tables_but_the_self_contradictions() {
    let example = "putuo-caizheng-2024-final";
    let notes =
        std::fs::read_to_string(root().join("examples").join(example).join("NOTES.md")).unwrap();
    // | table,side,code,name,column | printed | built | why |
    let listed: Vec<(String, String, String)> = notes
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('|').map(str::trim).collect();
            (f.len() >= 5 && f[1].matches(',').count() == 4 && decimal(f[2]).is_some())
                .then(|| (f[1].to_owned(), f[2].to_owned(), f[3].to_owned()))
        })
        .collect();
    assert_eq!(listed.len(), 3, "NOTES.md lists the 326.71 / 326.72 cells");
    let out = build(&["build", &format!("examples/{example}"), "--tidy", "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(by_value)
        .collect();
    let want: Vec<String> =
        std::fs::read_to_string(root().join("golden/sh-caizheng-2024-final.tidy.csv"))
            .unwrap()
            .lines()
            .map(by_value)
            .collect();
    assert_eq!(got.len(), want.len(), "same number of cells");
    let mut differ = Vec::new();
    for (g, w) in got.iter().zip(&want) {
        if g != w {
            differ.push((g.clone(), w.clone()));
        }
    }
    let expected: Vec<(String, String)> = listed
        .iter()
        .map(|(cell, printed, built)| {
            (
                by_value(&format!("{cell},{built}")),
                by_value(&format!("{cell},{printed}")),
            )
        })
        .collect();
    assert_eq!(differ, expected, "built vs golden, in order");
}

/// A fund's 结转和结余 given by 项 (`balances.csv`) print on that 项's row of the fund's
/// 决算 table and add into every total; the report stays balanced.
#[test]
fn balances_by_item_print_on_their_rows_of_the_fund_table() {
    let dir = std::env::temp_dir().join(format!("yusuan-balances-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let src = root().join("examples/putuo-caizheng-2024-final");
    for f in ["unit.toml", "lines.csv", "income.csv"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    std::fs::write(
        dir.join("balances.csv"),
        "func,source,opening,closing\n2080505,政府性基金预算,100000,100000\n",
    )
    .unwrap();
    let out = build(&["build", dir.to_str().unwrap(), "--tidy", "-"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let tidy = String::from_utf8(out.stdout).unwrap();
    let fund = "政府性基金预算财政拨款收入支出决算表";
    for line in [
        format!("{fund},,2080505,机关事业单位基本养老保险缴费支出,年初结转和结余,10.00"),
        format!("{fund},,2080505,机关事业单位基本养老保险缴费支出,年末结转和结余,10.00"),
        format!("{fund},,,合计,年初结转和结余,10.00"),
        // 49.14 by source in unit.toml, and the fund's 10.00 by 项.
        "收入支出决算总表,收入,,年初结转和结余,决算数,59.14".to_owned(),
        "财政拨款收入支出决算总表,收入,,年初财政拨款结转和结余/政府性基金预算财政拨款,决算数,10.00"
            .to_owned(),
    ] {
        assert!(tidy.lines().any(|l| l == line), "missing {line}\n{tidy}");
    }
    let check = build(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn putuo_rebuilds_its_nine_tables() {
    assert_matches_golden("putuo-zfbgs-2025", "putuo-zfbgs-2025.tidy.csv");
}

#[test]
fn project_tables_total_758_and_92_40() {
    let out = build(&[
        "build",
        "examples/changzhi-cdpf-2024",
        "--force",
        "--json",
        "-",
    ]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tables = report["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 13);
    let total = |kind: &str| {
        let t = tables.iter().find(|t| t["kind"] == kind).unwrap();
        assert_eq!(t["unit"], "万元");
        let row = &t["blocks"][0]["rows"][0];
        assert_eq!(row["name"], "合计");
        row["cells"][0]["hundredths"].as_i64().unwrap()
    };
    assert_eq!(total("项目支出表"), 75_800);
    assert_eq!(total("项目支出表（上年结转）"), 9_240);
    let projects = tables.iter().find(|t| t["kind"] == "项目支出表").unwrap()["blocks"][0]["rows"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(projects, 14, "合计 and 13 projects");
    assert_eq!(report["projects"].as_array().unwrap().len(), 13);
}

#[test]
fn malformed_input_exits_2_with_a_located_message() {
    let dir = std::env::temp_dir().join(format!("yusuan-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        root().join("examples/changzhi-cdpf-2024/unit.toml"),
        dir.join("unit.toml"),
    )
    .unwrap();
    std::fs::write(dir.join("lines.csv"), "func,econ,category,source,period,project,amount\n2081101,30101,人员经费,一般公共预算,,,abc\n").unwrap();
    let out = build(&["build", dir.to_str().unwrap(), "--tidy", "-"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing written on error");
    assert!(
        stderr.contains("lines.csv:2:7") && stderr.contains("金额「abc」不是数字"),
        "{stderr}"
    );
    std::fs::write(dir.join("lines.csv"), [0xff, 0xfe, b'\n']).unwrap();
    let out = build(&["build", dir.to_str().unwrap(), "--tidy", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn refuses_to_write_a_report_with_errors() {
    let out = build(&["build", "examples/changzhi-cdpf-2024", "--tidy", "-"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing written");
    assert!(
        stderr.contains("error[R-TARGET-PERCENT]") && stderr.contains("1005"),
        "{stderr}"
    );
    assert!(stderr.contains("未写出文件"));
    // A report without errors is written.
    let out = build(&["build", "examples/putuo-zfbgs-2025", "--tidy", "-"]);
    assert!(out.status.success() && !out.stdout.is_empty());
}

/// What we build from correct data is right by construction: no rule finds an error in
/// it. (The 长治 example keeps its published defects on purpose, so it is not here.)
#[test]
fn the_checker_finds_no_error_in_what_we_build() {
    for example in [
        "putuo-zfbgs-2025",
        "jiangsu-jiancha-2019",
        "putuo-caizheng-2024-final",
    ] {
        let out = build(&["check", &format!("examples/{example}"), "--format", "json"]);
        let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors: Vec<_> = findings
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .collect();
        assert!(errors.is_empty(), "{example}: {errors:#?}");
        assert_eq!(out.status.code(), Some(0), "{example}");
    }
}

#[test]
fn check_reports_json_and_sarif_and_exit_codes() {
    let json = build(&["check", "examples/changzhi-cdpf-2024", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1), "errors found");
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let first = &findings[0];
    for key in ["rule", "severity", "message", "location"] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    assert_eq!(first["severity"], "error");
    let sarif = build(&["check", "examples/putuo-zfbgs-2025", "--format", "sarif"]);
    assert_eq!(
        sarif.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&sarif.stderr)
    );
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    // The driver lists every rule of the catalogue, once, and every result names one.
    let listed: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let catalogue: Vec<&str> = yusuan_check::RULES.iter().map(|r| r.id()).collect();
    for id in &catalogue {
        assert_eq!(
            listed.iter().filter(|l| *l == id).count(),
            1,
            "{id} not listed once in the SARIF driver"
        );
    }
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let id = result["ruleId"].as_str().unwrap();
        assert!(listed.contains(&id), "result of an unlisted rule {id}");
    }
    let missing = build(&["check", "no/such/file.pdf"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn build_writes_every_format_into_a_folder() {
    let dir = std::env::temp_dir().join(format!("yusuan-out-{}", std::process::id()));
    let out = build(&[
        "build",
        "examples/putuo-zfbgs-2025",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for ext in ["tidy.csv", "json", "xlsx", "html", "pdf"] {
        let path = dir.join(format!("putuo-zfbgs-2025.{ext}"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(bytes.len() > 1000, "{ext} too small");
    }
    assert!(
        std::fs::read(dir.join("putuo-zfbgs-2025.xlsx"))
            .unwrap()
            .starts_with(b"PK"),
        "an XLSX is a zip"
    );
    // The explanation is drafted from the data, with the input's reason for the change.
    let page = std::fs::read_to_string(dir.join("putuo-zfbgs-2025.html")).unwrap();
    assert!(
        page.contains("比上年减少2,389.52万元，下降20.79%，主要原因是项目调整"),
        "{}",
        &page[page.len().saturating_sub(3000)..]
    );
    std::fs::remove_dir_all(&dir).unwrap();

    // Formats named without a file: only those, into the folder.
    let out = build(&[
        "build",
        "examples/putuo-zfbgs-2025",
        "-o",
        dir.to_str().unwrap(),
        "--xlsx",
        "--tidy",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["putuo-zfbgs-2025.tidy.csv", "putuo-zfbgs-2025.xlsx"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // … and without a folder that is an error, not a silent nothing.
    let out = build(&["build", "examples/putuo-zfbgs-2025", "--pdf"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_explanation_restates_the_seed_figures() {
    let out = build(&[
        "build",
        "examples/changzhi-cdpf-2024",
        "--force",
        "--json",
        "-",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text: String = report["text"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["text"].as_str().unwrap())
        .collect();
    // The figures the published explanation prints, here computed from the budget data.
    for figure in [
        "预算收入总计1,180.23万元",
        "比上年减少12,099.83万元，下降91.11%",
        "一般公共预算收入1,087.83万元，占92.17%",
        "基本支出329.83万元，占27.95%",
        "一般公共预算拨款1,092.63万元，政府性基金预算拨款87.60万元",
        "比上年减少12,029.94万元，下降91.71%",
        "社会保障和就业支出1,040.20万元，占95.62%",
        "人员经费279.36万元",
        "公用经费50.47万元",
        "“三公”经费预算0.20万元，与上年预算持平",
        "机关运行经费财政拨款预算50.47万元，比上年增加19.79万元，增长64.50%，主要原因是公用经费增加",
        "政府采购预算总额18.83万元",
        "政府采购货物预算14.63万元",
        "纳入绩效目标管理的项目13个，共计金额758.00万元",
        "其他运转类项目10个，涉及金额388.00万元",
    ] {
        assert!(text.contains(figure), "missing: {figure}");
    }
}

#[test]
fn a_workbook_filled_from_an_example_builds_the_golden_report() {
    let dir = std::env::temp_dir().join(format!("yusuan-workbook-{}", std::process::id()));
    let book = dir.join("长治.xlsx");
    let book = book.to_str().unwrap();
    let out = build(&["template", book, "--from", "examples/changzhi-cdpf-2024"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_book = build(&["build", book, "--force", "--tidy", "-"]);
    let from_dir = build(&[
        "build",
        "examples/changzhi-cdpf-2024",
        "--force",
        "--tidy",
        "-",
    ]);
    assert!(
        from_book.status.success(),
        "{}",
        String::from_utf8_lossy(&from_book.stderr)
    );
    assert_eq!(
        String::from_utf8(from_book.stdout).unwrap(),
        String::from_utf8(from_dir.stdout).unwrap()
    );

    // Not a workbook: a clear message and exit code 2.
    let bad = dir.join("坏.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 truncated").unwrap();
    let out = build(&["build", bad.to_str().unwrap(), "--tidy", "-"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("无法读取工作簿"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_shanghai_explanation_lists_each_fiscal_item_with_its_purpose() {
    let out = build(&["build", "examples/putuo-zfbgs-2025", "--json", "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<&str> = report["text"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["text"].as_str().unwrap())
        .collect();
    // As the published document (sh_pt_zfbgs_2025, 财政拨款支出主要内容) states them; it
    // prints 4,614 and 2,012 without decimals, the template always prints two.
    for (i, (path, amount, purpose)) in [
        ("一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行", "1,202.95", "行政单位的基本支出"),
        ("一般公共服务支出-政府办公厅（室）及相关机构事务-一般行政管理事务", "4,614.00", "为行政单位未单独设置项级科目的其他项目支出"),
        ("一般公共服务支出-政府办公厅（室）及相关机构事务-事业运行", "380.73", "事业单位的基本支出"),
        ("一般公共服务支出-政府办公厅（室）及相关机构事务-其他政府办公厅（室）及相关机构事务支出", "2,012.00", "未单独设置项级科目的其他项目支出"),
        ("社会保障和就业支出-行政事业单位养老支出-行政单位离退休", "155.42", "实行归口管理的行政单位（包括实行公务员管理的事业单位）开支的离退休经费"),
        ("社会保障和就业支出-行政事业单位养老支出-机关事业单位基本养老保险缴费支出", "176.32", "机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出"),
        ("社会保障和就业支出-行政事业单位养老支出-机关事业单位职业年金缴费支出", "88.16", "机关事业单位实施养老保险制度由单位实际缴纳的职业年金支出"),
        ("社会保障和就业支出-行政事业单位养老支出-其他行政事业单位养老支出", "1.48", "实行归口管理的行政单位（包括实行公务员管理的事业单位）开支的其他养老支出"),
        ("卫生健康支出-行政事业单位医疗-行政单位医疗", "78.29", "财政部门集中安排的行政单位基本医疗保险费缴费经费"),
        ("卫生健康支出-行政事业单位医疗-事业单位医疗", "31.42", "财政部门集中安排的事业单位基本医疗保险费缴费经费"),
        ("住房保障支出-住房改革支出-住房公积金", "174.14", "行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金"),
        ("住房保障支出-住房改革支出-购房补贴", "186.77", "按房改政策规定，行政事业单位向符合条件职工发放的用于购买住房的补贴"),
    ]
    .into_iter()
    .enumerate()
    {
        let want = format!("{}. “{path}”科目{amount}万元，主要用于{purpose}。", i + 1);
        assert!(lines.contains(&want.as_str()), "missing: {want}");
    }

    // The 类 totals are stated in 万元 though the tables print 元 (表 82,096,797.42 元).
    let text = lines.concat();
    assert!(
        text.contains("一般公共服务支出8,209.68万元，占90.20%"),
        "{text}"
    );
    assert!(text.contains("支出包括：一般公共服务支出8,209.68万元、社会保障和就业支出421.38万元"));

    // Without the purposes the items are still listed, each flagged once.
    let dir = std::env::temp_dir().join(format!("yusuan-purposes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let unit = std::fs::read_to_string(root().join("examples/putuo-zfbgs-2025/unit.toml")).unwrap();
    let cut = unit.find("[purposes]").unwrap();
    std::fs::write(dir.join("unit.toml"), &unit[..cut]).unwrap();
    std::fs::copy(
        root().join("examples/putuo-zfbgs-2025/lines.csv"),
        dir.join("lines.csv"),
    )
    .unwrap();
    let out = build(&["build", dir.to_str().unwrap(), "--json", "-"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("W-EXPLAIN-PURPOSE").count(), 12, "{err}");
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("“住房保障支出-住房改革支出-购房补贴”科目186.77万元。"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A PDF that makes pdf_oxide panic (an object header with a byte inside a multi-byte
/// character before `obj`) gives one located message and exit 2 — no panic text.
#[test]
fn a_pdf_that_panics_the_reader_is_one_clean_message() {
    let body = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
    let second = body.len();
    let mut bytes = body.to_vec();
    bytes.extend(b"\xffa obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
    let xref = bytes.len();
    bytes.extend(
        format!(
            "xref\n0 3\n0000000000 65535 f \n{:010} 00000 n \n{second:010} 00000 n \n\
             trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            9
        )
        .bytes(),
    );
    let file = std::env::temp_dir().join(format!("yusuan-broken-{}.pdf", std::process::id()));
    std::fs::write(&file, bytes).unwrap();
    let out = build(&["extract", file.to_str().unwrap(), "--tidy", "-"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("PDF 结构损坏"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    std::fs::remove_file(&file).unwrap();
}

/// `yusuan check FOLDER`: every report in it checked, one summary row each, a file that
/// cannot be read recorded without stopping the others, and the findings of all of them
/// in one JSON array.
#[test]
fn checking_a_folder_sums_up_every_report() {
    let corpus = yusuan_testkit::corpus();
    let dir = std::env::temp_dir().join(format!("yusuan-check-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in yusuan_testkit::VISIBLE {
        std::fs::copy(corpus.join(name), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("broken.pdf"), b"not a pdf").unwrap();
    let folder = dir.to_str().unwrap();
    let text = build(&["check", folder, "--no-notes"]);
    assert_eq!(text.status.code(), Some(2), "an unreadable file is exit 2");
    let out = String::from_utf8_lossy(&text.stdout);
    for name in yusuan_testkit::VISIBLE {
        assert!(
            out.lines()
                .any(|l| l.contains(name) && l.trim_start().starts_with(char::is_numeric)),
            "no summary row for {name}:\n{out}"
        );
    }
    assert!(
        out.lines().any(|l| l.contains("broken.pdf（无法读取）")),
        "{out}"
    );
    assert!(out.contains("共 7 份报告（1 份无法读取）"), "{out}");
    let json = build(&["check", folder, "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let files: std::collections::BTreeSet<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["location"]["file"].as_str())
        .collect();
    // zfbgs has notes only, which JSON keeps; every report speaks.
    assert_eq!(files.len(), 7, "{files:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// 江苏's 收入预算总表 prints 专项收入 within 一般公共预算 and 专户管理教育收费 / 其他非税收入
/// within 财政专户管理资金: a line whose source names that part prints on its row and adds
/// into its group's 小计 and the totals, and leaves 公共财政拨款（补助）资金 as it was.
#[test]
fn jiangsu_named_parts_of_a_source_print_on_their_rows() {
    let dir = std::env::temp_dir().join(format!("yusuan-detail-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let src = root().join("examples/jiangsu-jiancha-2019");
    for f in ["unit.toml", "lines.csv", "procurement.csv"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    let mut lines = std::fs::read_to_string(dir.join("lines.csv")).unwrap();
    lines.push_str("2040401,30201,公用经费,专项收入,当年,,1000000.00\n");
    lines.push_str("2040401,30201,公用经费,专户管理教育收费,当年,,500000.00\n");
    std::fs::write(dir.join("lines.csv"), lines).unwrap();
    let out = build(&["build", dir.to_str().unwrap(), "--tidy", "-", "--force"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let tidy = String::from_utf8(out.stdout).unwrap();
    let income = |row: &str| {
        tidy.lines()
            .find_map(|l| l.strip_prefix(&format!("收入总表,,,{row},预算数,")))
            .map(str::to_owned)
    };
    // The example's own figures (golden: 24169.74 in all, every yuan 公共财政拨款).
    assert_eq!(
        income("公共财政拨款（补助）资金").as_deref(),
        Some("24169.74")
    );
    assert_eq!(income("专项收入").as_deref(), Some("100.00"));
    assert_eq!(income("小计").as_deref(), Some("24269.74"));
    assert_eq!(income("专户管理教育收费").as_deref(), Some("50.00"));
    assert_eq!(income("财政专户管理资金/小计").as_deref(), Some("50.00"));
    assert_eq!(income("其他非税收入"), None, "no line names it");
    assert_eq!(income("收入总计").as_deref(), Some("24319.74"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A reader that stops early (`yusuan rules | head -1`) ends the output: no panic, no
/// message, the exit a Unix tool gives (killed by SIGPIPE).
#[cfg(unix)]
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["rules", "--markdown"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader is gone before the first line: nothing the page prints has anywhere to go.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    // SIGPIPE is 13 on Linux and the BSDs.
    assert_eq!(out.status.signal(), Some(13), "{:?}", out.status);
}
