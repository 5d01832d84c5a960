//! `yusuan serve` as a user meets it: a real server process on loopback, over SQLite and
//! over the PostgreSQL server `YUSUAN_TEST_POSTGRES` names (`scripts/test.sh` starts one;
//! without it the tests fail unless `YUSUAN_SKIP_POSTGRES=1`, see `yusuan-testkit`).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TOKEN: &str = "test-token-7d1f";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

use yusuan_testkit::{corpus, Server};

/// How many reports the server lists.
fn report_count(base: &str) -> usize {
    get(&format!("{base}/api/reports"))
        .json()
        .as_array()
        .expect("a list")
        .len()
}

/// An empty scratch folder for one test, and the URL of a SQLite file in it.
fn scratch(test: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("yusuan-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite:{}", dir.join("web.db").display());
    (dir, db)
}

/// The database URLs to run against: a fresh SQLite file, and a fresh PostgreSQL database.
fn databases(test: &str) -> Vec<String> {
    let (_, sqlite) = scratch(&format!("web-{test}"));
    let mut out = vec![sqlite];
    if let Some(url) = yusuan_testkit::postgres(&format!("web {test}")) {
        out.push(yusuan_testkit::fresh_postgres_database(
            &url,
            &format!("yusuan_web_{test}"),
        ));
    }
    out
}

fn serve(db: &str, extra: &[&str]) -> Server {
    let mut args = vec!["--db", db, "--addr", "127.0.0.1:0", "--token", TOKEN];
    args.extend(extra);
    start(&args).0
}

/// `yusuan serve ARGS` (no token from the environment), and what it printed before it
/// said where it listens.
fn start(args: &[&str]) -> (Server, Vec<String>) {
    yusuan_testkit::serve(Path::new(env!("CARGO_BIN_EXE_yusuan")), args)
}

struct Reply {
    status: u16,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

fn reply(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut res = result.expect("the request reaches the server");
    let status = res.status().as_u16();
    let mut body = Vec::new();
    res.body_mut().as_reader().read_to_end(&mut body).unwrap();
    Reply { status, body }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

fn get(url: &str) -> Reply {
    reply(agent().get(url).call())
}

/// POSTs one file as multipart/form-data.
fn upload(base: &str, token: Option<&str>, name: &str, bytes: &[u8]) -> Reply {
    let boundary = "yusuan-test-boundary-7d1f";
    let mut body = Vec::new();
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut req = agent().post(&format!("{base}/api/reports")).header(
        "Content-Type",
        &format!("multipart/form-data; boundary={boundary}"),
    );
    if let Some(t) = token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    reply(req.send(&body[..]))
}

/// Waits for an upload's job to finish; the report id, or the failure message.
fn wait(base: &str, accepted: &Reply) -> Result<i64, String> {
    let v = accepted.json();
    if v["status"] == "existing" {
        return Ok(v["report"].as_i64().unwrap());
    }
    assert_eq!(accepted.status, 202, "{}", accepted.text());
    let url = format!("{base}{}", v["url"].as_str().unwrap());
    let start = Instant::now();
    loop {
        let job = get(&url).json();
        match job["status"].as_str().unwrap() {
            "done" => return Ok(job["report_id"].as_i64().unwrap()),
            "failed" => return Err(job["message"].as_str().unwrap().to_owned()),
            _ if start.elapsed() > Duration::from_secs(300) => panic!("job never finished"),
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// The status line the server answers a 2 MB upload with, sending only its headers.
fn oversize_status(base: &str) -> String {
    use std::io::Write;
    let addr = base.trim_start_matches("http://");
    let mut conn = std::net::TcpStream::connect(addr).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let head = format!(
        "POST /api/reports HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {}\r\n\r\n",
        2 * 1024 * 1024
    );
    conn.write_all(head.as_bytes()).unwrap();
    let mut first = String::new();
    BufReader::new(conn).read_line(&mut first).unwrap();
    first
}

fn build_tidy(example: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .current_dir(root())
        .args([
            "build",
            &format!("examples/{example}"),
            "--force",
            "--tidy",
            "-",
        ])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The budget folders under `examples/`, which a first start and `import examples` load.
fn examples() -> usize {
    std::fs::read_dir(root().join("examples"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("unit.toml").is_file())
        .count()
}

#[test]
fn examples_are_served_through_pages_and_api() {
    for db in databases("examples") {
        let server = serve(&db, &[]);
        let base = &server.base;
        assert_eq!(get(&format!("{base}/healthz")).text(), "ok");
        let list = get(&format!("{base}/api/reports")).json();
        let list = list.as_array().unwrap();
        assert_eq!(
            list.len(),
            examples(),
            "{db}: every example loaded on first start"
        );
        for item in list {
            let id = item["id"].as_i64().unwrap();
            let example = item["source_name"].as_str().unwrap();
            // The stored report gives back exactly the tidy CSV the build gives.
            let tidy = get(&format!("{base}/api/reports/{id}/tidy")).text();
            assert_eq!(tidy, build_tidy(example), "{db}: {example}");
            let report = get(&format!("{base}/api/reports/{id}")).json();
            assert_eq!(report["meta"]["unit_name"], item["unit"]);
            let findings = get(&format!("{base}/api/reports/{id}/findings")).json();
            assert!(findings.is_array());
            let xlsx = get(&format!("{base}/api/reports/{id}/xlsx"));
            assert_eq!(xlsx.status, 200);
            assert!(xlsx.body.starts_with(b"PK"));
            let page = get(&format!("{base}/reports/{id}"));
            assert_eq!(page.status, 200);
            assert!(page.text().contains(item["unit"].as_str().unwrap()));
        }
        // The seed's errors are shown, linked to the table they are about.
        let changzhi = list
            .iter()
            .find(|r| r["unit"] == "长治市残疾人联合会")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let page = get(&format!("{base}/reports/{changzhi}")).text();
        assert!(page.contains("R-TARGET-PERCENT"), "{db}");
        assert!(
            page.contains("class=\"num flagged\"") || page.contains("href=\"#t"),
            "{db}"
        );

        // Aggregate: 208 of the 长治 支出总表 is 1,045.00 万元; cut by unit and year.
        let agg = get(&format!(
            "{base}/api/aggregate?by=class&unit=%E9%95%BF%E6%B2%BB%E5%B8%82%E6%AE%8B%E7%96%BE%E4%BA%BA%E8%81%94%E5%90%88%E4%BC%9A&year=2024"
        ))
        .json();
        let rows = agg["rows"].as_array().unwrap();
        let r208 = rows.iter().find(|r| r["key"] == "208").unwrap();
        assert_eq!(r208["fen"], 1_045_000_000i64, "{db}");
        assert!(rows.iter().all(|r| r["year"] == 2024));
        let bad = get(&format!("{base}/api/aggregate?by=nonsense"));
        assert_eq!(bad.status, 400, "{db}");

        // Search, compare, and a missing report.
        let found = get(&format!("{base}/?q=%E6%99%AE%E9%99%80")).text();
        assert!(
            found.contains("上海市普陀区人民政府办公室")
                && !found.contains("长治市残疾人联合会</th>")
        );
        let ids: Vec<i64> = list.iter().map(|r| r["id"].as_i64().unwrap()).collect();
        let cmp = get(&format!("{base}/compare?a={}&b={}", ids[0], ids[1]));
        assert_eq!(cmp.status, 200);
        assert!(cmp.text().contains("个不同"));
        assert_eq!(get(&format!("{base}/api/reports/9999")).status, 404);

        // Every GET path of the OpenAPI document answers a real id with 200, a status
        // the document lists: a report id for reports, a job id (an upload's) for jobs.
        let job = upload(base, Some(TOKEN), "x.txt", "不是报告".as_bytes());
        assert_eq!(job.status, 202, "{db}: {}", job.text());
        let job_id = job.json()["job"].as_i64().expect("a job id");
        let api = get(&format!("{base}/api/openapi.json")).json();
        let mut asked = 0;
        for (path, ops) in api["paths"].as_object().unwrap() {
            let Some(op) = ops.get("get") else { continue };
            let documented: Vec<&String> = op["responses"].as_object().unwrap().keys().collect();
            let id = if path.starts_with("/api/jobs/") {
                job_id
            } else {
                ids[0]
            };
            let url = format!("{base}{}", path.replace("{id}", &id.to_string()));
            let url = if path == "/api/aggregate" {
                format!("{url}?by=class")
            } else {
                url
            };
            let status = get(&url).status;
            assert!(
                status == 200 && documented.iter().any(|s| *s == "200"),
                "{db}: GET {path} → {status} (documented {documented:?})"
            );
            asked += 1;
        }
        assert!(asked >= 8, "{db}: only {asked} GET paths documented");
    }
}

#[test]
fn uploads_need_the_token_are_stored_once_and_can_be_deleted() {
    let corpus = corpus();
    let pdf = std::fs::read(corpus.join("sh_pt_fuliyuan_2024_unit_budget.pdf")).unwrap();
    for db in databases("uploads") {
        let server = serve(&db, &["--upload-limit-mb", "1"]);
        let base = &server.base;
        assert_eq!(upload(base, None, "a.pdf", &pdf).status, 401);
        assert_eq!(upload(base, Some("wrong"), "a.pdf", &pdf).status, 401);
        let id = wait(base, &upload(base, Some(TOKEN), "福利院.pdf", &pdf)).unwrap();
        let report = get(&format!("{base}/api/reports/{id}")).json();
        assert!(report["tables"].as_array().unwrap().len() >= 8, "{db}");
        // The explanation's statements, in the API and beside the text on the page, with
        // the finding about the one whose figure the tables contradict.
        // Six about a 项, eighteen about totals named in words.
        assert_eq!(report["statements"].as_array().unwrap().len(), 24, "{db}");
        let page = get(&format!("{base}/reports/{id}")).text();
        assert!(page.contains("说明中的陈述（24）"), "{db}");
        assert!(
            page.contains("R-TEXT-ITEM 说明称“社会保障和就业支出（类）社会福利（款）社会福利事业单位（项）”738.66万元"),
            "{db}"
        );
        // The check summary of a year: a row per stored report, linked to its findings.
        let summary = get(&format!("{base}/summary?year=2024")).text();
        assert!(
            summary.contains(&format!("href=\"/reports/{id}#findings\"")),
            "{db}"
        );
        assert!(
            // 13 names unlike their codes', two stale 类 names, 711 twice, 302 10 (no such 款).
            summary.contains("上海市普陀区社会福利院") && summary.contains("R-CODE×18"),
            "{db}"
        );
        assert!(
            summary.contains("长治市残疾人联合会"),
            "{db}: the 2024 example too"
        );
        assert!(
            !summary.contains("上海市普陀区人民政府办公室"),
            "{db}: 2025 is another year"
        );
        // Each of its warnings is listed too, linked to the line of the explanation it
        // quotes: p.16's 公务接待费0.00万元。与2023年预算持平 (R-PUNCT).
        let link = summary
            .split(&format!("href=\"/reports/{id}#"))
            .skip(1)
            .find(|rest| rest.contains("R-PUNCT") && rest.find("R-PUNCT") < rest.find("</li>"))
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{db}: no linked R-PUNCT finding in the summary"))
            .to_owned();
        assert!(link.starts_with('l'), "{db}: {link}");
        let line = page
            .split(&format!("<p id=\"{link}\""))
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .unwrap_or_else(|| panic!("{db}: no line {link} on the report page"));
        assert!(line.starts_with(" class=\"flagged\""), "{db}: {line}");
        let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squeezed.contains("公务接待费0.00万元。与2023年预算持平"),
            "{db}: {line}"
        );
        let one = get(&format!("{base}/summary?unit=%E7%A6%8F%E5%88%A9%E9%99%A2")).text();
        assert!(one.contains("共 1 份"), "{db}");
        // The same file again: stored already, nothing new.
        let again = upload(base, Some(TOKEN), "again.pdf", &pdf);
        assert_eq!(again.status, 200, "{db}: {}", again.text());
        assert_eq!(again.json()["report"], id);
        assert_eq!(report_count(base), examples() + 1);
        // Not a report: the job fails with a reason, nothing is stored.
        let failed = wait(
            base,
            &upload(base, Some(TOKEN), "x.txt", "随便写的文字".as_bytes()),
        );
        assert!(failed.unwrap_err().contains("没有找到"), "{db}");
        let scanned = wait(
            base,
            &upload(base, Some(TOKEN), "bad.pdf", b"%PDF-1.4 truncated"),
        );
        assert!(scanned.is_err(), "{db}");
        assert_eq!(report_count(base), examples() + 1);
        // Over the limit: refused from the declared length, before the body is read.
        assert!(oversize_status(base).starts_with("HTTP/1.1 413"), "{db}");
        // Delete needs the token too.
        let url = format!("{base}/api/reports/{id}");
        assert_eq!(reply(agent().delete(&url).call()).status, 401);
        let del = agent()
            .delete(&url)
            .header("Authorization", &format!("Bearer {TOKEN}"))
            .call();
        assert_eq!(reply(del).status, 204);
        assert_eq!(get(&url).status, 404);
    }
}

#[test]
fn concurrent_uploads_of_the_corpus_store_each_report_once() {
    let corpus = corpus();
    let files: Vec<(String, Vec<u8>)> = yusuan_testkit::VISIBLE
        .iter()
        .map(|name| (name.to_string(), std::fs::read(corpus.join(name)).unwrap()))
        .collect();
    for db in databases("concurrent") {
        let server = serve(&db, &["--examples", "none"]);
        let base = server.base.clone();
        // Every file three times, all at once.
        let results: Vec<(String, Result<i64, String>)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..3)
                .flat_map(|_| files.iter())
                .map(|(name, bytes)| {
                    let base = base.clone();
                    s.spawn(move || {
                        let r = upload(&base, Some(TOKEN), name, bytes);
                        (name.clone(), wait(&base, &r))
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (name, _) in &files {
            let ids: Vec<i64> = results
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, r)| r.clone().unwrap_or_else(|e| panic!("{db}: {name}: {e}")))
                .collect();
            assert!(
                ids.iter().all(|id| *id == ids[0]),
                "{db}: {name} stored as {ids:?}"
            );
        }
        let stored = get(&format!("{base}/api/reports")).json();
        assert_eq!(stored.as_array().unwrap().len(), files.len(), "{db}");
        for (name, result) in results.iter().take(files.len()) {
            browsable(&base, *result.as_ref().unwrap(), &format!("{db}: {name}"));
        }
    }
}

/// A stored report can be read: its page, its JSON with tables, its tidy cells.
fn browsable(base: &str, id: i64, what: &str) {
    let page = get(&format!("{base}/reports/{id}"));
    assert_eq!(page.status, 200, "{what}: page");
    let report = get(&format!("{base}/api/reports/{id}")).json();
    assert!(
        !report["tables"].as_array().unwrap().is_empty(),
        "{what}: no tables"
    );
    let tidy = get(&format!("{base}/api/reports/{id}/tidy")).text();
    assert!(
        tidy.lines().count() > 50,
        "{what}: {} tidy lines",
        tidy.lines().count()
    );
    assert!(
        page.text().contains("<table"),
        "{what}: the page shows no table"
    );
}

#[test]
fn import_stores_every_visible_report() {
    let corpus = corpus();
    for db in databases("import_corpus") {
        let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .current_dir(root())
            .arg("import")
            .arg(&corpus)
            .args(["--db", &db])
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{db}: {printed}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let n = yusuan_testkit::VISIBLE.len();
        assert!(
            printed.contains(&format!("新入库 {n} 份，已在库中 0 份，失败 0 份")),
            "{db}: {printed}"
        );
        let server = serve(&db, &["--examples", "none"]);
        let list = get(&format!("{}/api/reports", server.base)).json();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), n, "{db}");
        for item in list {
            let id = item["id"].as_i64().unwrap();
            browsable(&server.base, id, &format!("{db}: {}", item["source_name"]));
        }
    }
}

#[test]
fn report_text_is_shown_as_text() {
    // A unit named like a script: built from a workbook, uploaded, shown escaped.
    let (dir, _) = scratch("xss");
    std::fs::create_dir_all(dir.join("budget")).unwrap();
    let src = root().join("examples/putuo-zfbgs-2025");
    let unit = std::fs::read_to_string(src.join("unit.toml"))
        .unwrap()
        .replace(
            "上海市普陀区人民政府办公室",
            "<script>alert(1)</script>办公室",
        );
    std::fs::write(dir.join("budget/unit.toml"), unit).unwrap();
    std::fs::copy(src.join("lines.csv"), dir.join("budget/lines.csv")).unwrap();
    let book = dir.join("xss.xlsx");
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["template", book.to_str().unwrap(), "--from"])
        .arg(dir.join("budget"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for db in databases("xss") {
        let server = serve(&db, &["--examples", "none"]);
        let base = &server.base;
        let id = wait(
            base,
            &upload(
                base,
                Some(TOKEN),
                "xss.xlsx",
                &std::fs::read(&book).unwrap(),
            ),
        )
        .unwrap();
        for url in [format!("{base}/reports/{id}"), format!("{base}/")] {
            let page = get(&url).text();
            assert!(
                !page.contains("<script>alert(1)"),
                "{db}: {url} runs report text"
            );
            assert!(
                page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;办公室")
                    || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;办公室"),
                "{db}: {url}"
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn import_loads_a_folder_once_under_its_department() {
    let (dir, db) = scratch("import");
    let import = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .current_dir(root())
            .args(["import", "examples", "--db", &db])
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = import(&["--department", "示例部门"]);
    assert_eq!(code, Some(0), "{out}");
    let n = examples();
    assert!(n >= 3, "the 山西, 上海 and 江苏 examples");
    assert!(
        out.contains(&format!("新入库 {n} 份，已在库中 0 份，失败 0 份")),
        "{out}"
    );
    let (code, out) = import(&[]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains(&format!("新入库 0 份，已在库中 {n} 份")),
        "{out}"
    );
    // The units hang under the department on the unit list.
    let server = serve(&db, &[]);
    let page = get(&format!("{}/", server.base)).text();
    assert_eq!(page.matches("<td>示例部门</td>").count(), n, "{page}");
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_extraction_over_the_time_limit_fails_its_job_and_stores_nothing() {
    let corpus = corpus();
    let pdf = std::fs::read(corpus.join("sh_pt_caizheng_2024_dept_final.pdf")).unwrap();
    let (dir, db) = scratch("timeout");
    let server = serve(&db, &["--examples", "none", "--extract-timeout", "0"]);
    let base = &server.base;
    let failed = wait(base, &upload(base, Some(TOKEN), "决算.pdf", &pdf));
    assert!(failed.unwrap_err().contains("提取超时"));
    assert_eq!(report_count(base), 0);
    // The server still answers.
    assert_eq!(get(&format!("{base}/healthz")).text(), "ok");
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_generated_token_is_printed_once_and_works() {
    let (dir, db) = scratch("token");
    // Started without --token: the first start prints one, later starts do not.
    let launch = || start(&["--db", &db, "--addr", "127.0.0.1:0", "--examples", "none"]);
    let (server, printed) = launch();
    let token = printed
        .iter()
        .find_map(|l| l.split('：').nth(1).filter(|_| l.contains("令牌")))
        .expect("the first start prints the token")
        .trim()
        .to_owned();
    assert!(token.len() >= 32);
    drop(server);
    let (server, printed) = launch();
    assert!(printed.iter().all(|l| !l.contains(&token)), "{printed:?}");
    // The printed token is the one the restarted server accepts.
    let ok = wait(
        &server.base,
        &upload(&server.base, Some(&token), "x.txt", b"abc"),
    );
    assert!(ok.unwrap_err().contains("没有找到"));
    assert_eq!(
        upload(&server.base, Some("other"), "x.txt", b"abc").status,
        401
    );
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A unit's 预算 and 决算 of one year, stored side by side, compare as 预算数, 决算数 and
/// 完成率 per subject. The 预算 is written here from the 年初预算 the 决算 example states
/// for each 项 (元, under 30299), so the totals are the explanation's own: 2,993.93 planned,
/// 2,940.05 spent, 98.20 %.
#[test]
fn a_budget_and_its_final_accounts_compare_as_execution() {
    let (dir, db) = scratch("execution");
    let final_dir = root().join("examples/putuo-caizheng-2024-final");
    let unit = std::fs::read_to_string(final_dir.join("unit.toml")).unwrap();
    let table = initial_budget(&unit);
    let budget_dir = dir.join("budget");
    std::fs::create_dir_all(&budget_dir).unwrap();
    std::fs::write(
        budget_dir.join("unit.toml"),
        "[unit]\nname = \"上海市普陀区财政局\"\nkind = \"行政\"\nyear = 2024\nfamily = \"预算\"\nscope = \"部门\"\nprofile = \"shanghai\"\n",
    )
    .unwrap();
    let mut lines = String::from("func,econ,category,source,period,project,amount\n");
    for (code, amount) in &table {
        lines.push_str(&format!(
            "{code},30299,公用经费,一般公共预算,当年,,{amount}\n"
        ));
    }
    std::fs::write(budget_dir.join("lines.csv"), lines).unwrap();
    for input in [budget_dir.as_path(), final_dir.as_path()] {
        let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args(["import", input.to_str().unwrap(), "--db", &db])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let server = serve(&db, &["--examples", "none"]);
    let base = &server.base;
    let list = get(&format!("{base}/api/reports")).json();
    let ids: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    let page = get(&format!("{base}/compare?a={}&b={}", ids[0], ids[1])).text();
    assert!(page.contains("id=\"execution\""), "{page}");
    // 合计: 29,939,300.00 元 planned, 2,940.05 万元 spent.
    assert!(
        page.contains("29,939,300.00 元")
            && page.contains("2,940.05 万元")
            && page.contains("98.20"),
        "{page}"
    );
    // 行政运行: 1,511.89 / 1,560.05 = 96.91 %.
    assert!(page.contains("96.91"), "{page}");
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The `[initial_budget]` table of a unit.toml (code, 元), read by the test itself.
fn initial_budget(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == "[initial_budget]";
            continue;
        }
        if let (true, Some((k, v))) = (inside, line.split_once('=')) {
            out.push((
                k.trim().trim_matches('"').to_owned(),
                v.trim().trim_matches('"').to_owned(),
            ));
        }
    }
    out
}
