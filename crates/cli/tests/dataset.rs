//! The dataset (`yusuan extract --parquet/--csv`, `yusuan export`) as researchers meet it:
//! read back by independent readers — DuckDB and Frictionless, Python packages that
//! `scripts/test.sh` installs into `target/py` and names in `YUSUAN_PYTHON` — and
//! compared with the tidy CSV of the same reports and the web API's `/api/aggregate`.
//! A missing corpus or Python fails these tests; nothing is skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use yusuan_testkit::{corpus, decimal, VISIBLE};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
}

/// An empty scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-dataset-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("yusuan runs");
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The Python with duckdb and frictionless that scripts/test.sh prepares.
fn python() -> PathBuf {
    let Some(path) = std::env::var_os("YUSUAN_PYTHON") else {
        panic!(
            "YUSUAN_PYTHON is not set: the dataset tests read the output with DuckDB and \
             Frictionless from a Python that has both; scripts/test.sh creates one in target/py \
             and sets YUSUAN_PYTHON (or: python3 -m venv target/py && target/py/bin/pip install \
             duckdb frictionless && export YUSUAN_PYTHON=$PWD/target/py/bin/python)"
        )
    };
    let path = PathBuf::from(path);
    assert!(
        path.is_file(),
        "YUSUAN_PYTHON={} is not a file; scripts/test.sh creates target/py/bin/python",
        path.display()
    );
    path
}

/// Runs a Python script with arguments; its standard output, which must be a success.
fn py(script: &str, args: &[&str]) -> String {
    let out = Command::new(python())
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "python failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `(source file name, table) → (cells, sum of amounts in millionths)` of a folder of
/// tidy CSVs, read by the test's own decimal reader.
fn tidy_sums(dir: &Path) -> BTreeMap<(String, String), (usize, i64)> {
    let mut out = BTreeMap::new();
    for name in VISIBLE {
        let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(dir.join(format!("{stem}.tidy.csv"))).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("table,side,row_code,row_name,column,amount")
        );
        for line in lines {
            // The table is the first field and the amount the last; names may hold commas.
            let table = line.split(',').next().unwrap().to_owned();
            let amount = line.rsplit(',').next().unwrap();
            let value = decimal(amount).unwrap_or_else(|| panic!("amount in {line}"));
            let e = out.entry((name.to_owned(), table)).or_insert((0, 0));
            e.0 += 1;
            e.1 += value;
        }
    }
    out
}

/// The same from a Parquet dataset, summed by DuckDB.
const DUCKDB_SUMS: &str = r#"
import duckdb, json, sys
root = sys.argv[1]
rows = duckdb.sql(f"""
    SELECT r.source_name, c."table", count(*), CAST(sum(c.amount) AS VARCHAR)
    FROM read_parquet('{root}/cells/**/*.parquet', hive_partitioning = true) c
    JOIN read_parquet('{root}/reports/*.parquet') r USING (report_id)
    GROUP BY ALL ORDER BY ALL
""").fetchall()
print(json.dumps(rows, ensure_ascii=False))
"#;

fn duckdb_sums(root: &Path) -> BTreeMap<(String, String), (usize, i64)> {
    let rows: Vec<(String, String, usize, String)> =
        serde_json::from_str(&py(DUCKDB_SUMS, &[s(root)])).unwrap();
    rows.into_iter()
        .map(|(file, table, n, sum)| ((file, table), (n, decimal(&sum).expect("a decimal"))))
        .collect()
}

/// Checks a Parquet dataset's datapackage.json against the files: every listed part
/// exists and DuckDB reads each resource with the declared columns and types.
const PARQUET_PACKAGE: &str = r#"
import duckdb, json, os, sys
from frictionless import Package
root = sys.argv[1]
package = Package(os.path.join(root, "datapackage.json"))
types = {"string": "VARCHAR", "integer": "INTEGER", "number": "DECIMAL(18,2)", "boolean": "BOOLEAN"}
names = []
for r in package.resources:
    names.append(r.name)
    if r.format != "parquet":
        continue
    paths = [os.path.join(root, p) for p in r.paths]
    assert all(os.path.isfile(p) for p in paths), r.name
    # The part files themselves: the hive keys are path segments, not columns.
    got = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet({paths!r}, hive_partitioning = false)").fetchall()
    got = [(c[0], c[1]) for c in got]
    want = [(f.name, types[f.type]) for f in r.schema.fields]
    assert got == want, (r.name, got, want)
    assert r.schema.primary_key, r.name
print(json.dumps(names))
"#;

fn serve(db: &str) -> yusuan_testkit::Server {
    let args = ["--db", db, "--addr", "127.0.0.1:0", "--examples", "none"];
    let token = ["--token", "dataset-test-token"];
    let args: Vec<&str> = args.iter().chain(&token).copied().collect();
    yusuan_testkit::serve(Path::new(env!("CARGO_BIN_EXE_yusuan")), &args).0
}

fn get_json(url: &str) -> serde_json::Value {
    let mut res = ureq::get(url).call().expect("the server answers");
    let mut body = Vec::new();
    res.body_mut().as_reader().read_to_end(&mut body).unwrap();
    serde_json::from_slice(&body).expect("JSON")
}

/// The store's aggregation recomputed by DuckDB from the dataset: the 支出总表's 合计 by
/// functional code of `digits` digits, per year and unit, in fen.
const DUCKDB_AGGREGATE: &str = r#"
import duckdb, json, sys
root, digits = sys.argv[1], int(sys.argv[2])
rows = duckdb.sql(f"""
    SELECT r.year, r.unit, c.row_code,
           CAST(sum(c.amount * CASE c.unit WHEN '万元' THEN 1000000 ELSE 100 END) AS BIGINT)
    FROM read_parquet('{root}/cells/**/*.parquet', hive_partitioning = true) c
    JOIN read_parquet('{root}/reports/*.parquet') r USING (report_id)
    WHERE c."table" IN ('支出总表', '支出决算表') AND c."column" = '合计'
      AND length(c.row_code) = {digits}
    GROUP BY ALL ORDER BY ALL
""").fetchall()
print(json.dumps(rows, ensure_ascii=False))
"#;

type AggregateRows = BTreeSet<(i64, String, String, i64)>;

fn duckdb_aggregate(root: &Path, digits: usize) -> AggregateRows {
    let rows: Vec<(i64, String, String, i64)> =
        serde_json::from_str(&py(DUCKDB_AGGREGATE, &[s(root), &digits.to_string()])).unwrap();
    rows.into_iter().collect()
}

fn api_aggregate(base: &str, by: &str) -> AggregateRows {
    let body = get_json(&format!("{base}/api/aggregate?by={by}"));
    body["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["year"].as_i64().unwrap(),
                r["unit"].as_str().unwrap().to_owned(),
                r["key"].as_str().unwrap().to_owned(),
                r["fen"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_visible_corpus_as_a_dataset_reads_back_in_duckdb_frictionless_and_the_web_api() {
    let corpus = corpus();
    let dir = scratch("corpus");
    let (parquet, csv, tidy) = (dir.join("parquet"), dir.join("csv"), dir.join("tidy"));
    let out = run(bin().arg("extract").arg(&corpus).args([
        "--parquet",
        s(&parquet),
        "--csv",
        s(&csv),
        "--tidy",
        s(&tidy),
    ]));
    assert!(out.status.success(), "extract failed");

    // Frictionless validates the CSV dataset: types, required fields, primary keys and
    // the foreign keys cells → tables → reports, findings → reports.
    let validate = Command::new(python())
        .args(["-m", "frictionless", "validate"])
        .arg(csv.join("datapackage.json"))
        .output()
        .expect("frictionless runs");
    assert!(
        validate.status.success(),
        "frictionless validate failed:\n{}",
        String::from_utf8_lossy(&validate.stdout)
    );
    // The Parquet package lists files that exist, with the columns and types declared.
    let names: Vec<String> = serde_json::from_str(&py(PARQUET_PACKAGE, &[s(&parquet)])).unwrap();
    assert_eq!(
        names,
        ["reports", "tables", "cells", "findings", "manifest"]
    );

    // Per report and table, DuckDB's sums of the Parquet cells equal the tidy CSV's.
    let from_tidy = tidy_sums(&tidy);
    let files: BTreeSet<&String> = from_tidy.keys().map(|(f, _)| f).collect();
    assert_eq!(files.len(), VISIBLE.len(), "every visible report has cells");
    assert_eq!(duckdb_sums(&parquet), from_tidy);

    // Findings are one query away: each report's errors in the findings table are the
    // count its reports row states, and the 2024 reports are found by partition.
    let errors = py(
        r#"
import duckdb, sys
root = sys.argv[1]
print(duckdb.sql(f"""
    SELECT count(*) FROM read_parquet('{root}/reports/*.parquet') r
    WHERE r.errors <> (SELECT count(*) FROM read_parquet('{root}/findings/**/*.parquet',
                       hive_partitioning = true) f
                       WHERE f.report_id = r.report_id AND f.severity = 'error')
""").fetchall()[0][0])
print(duckdb.sql(f"""
    SELECT count(DISTINCT report_id) FROM read_parquet('{root}/findings/**/*.parquet',
    hive_partitioning = true) WHERE year = 2024
""").fetchall()[0][0])
"#,
        &[s(&parquet)],
    );
    let counts: Vec<&str> = errors.lines().collect();
    assert_eq!(
        counts[0], "0",
        "error counts disagree with the findings table"
    );
    let reports_2024 = VISIBLE.iter().filter(|f| f.contains("2024")).count();
    assert_eq!(counts[1], reports_2024.to_string());

    // The same reports through the store: `yusuan export` writes the same cells, and the
    // web API's aggregate equals DuckDB's over the dataset.
    let db = format!("sqlite:{}", dir.join("store.db").display());
    let imported = run(bin().arg("import").arg(&corpus).args(["--db", &db]));
    assert!(imported.status.success(), "import failed");
    let exported = dir.join("exported");
    let out = run(bin().args(["export", "--db", &db, "--parquet", s(&exported)]));
    assert!(out.status.success(), "export failed");
    assert_eq!(duckdb_sums(&exported), from_tidy);

    let server = serve(&db);
    for (by, digits) in [("class", 3), ("kuan", 5), ("xiang", 7)] {
        let api = api_aggregate(&server.base, by);
        assert!(!api.is_empty(), "the API sums something by {by}");
        assert_eq!(duckdb_aggregate(&parquet, digits), api, "by {by}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn manifest(root: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(root.join("manifest.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| {
            // The test's files and messages here hold no commas or quotes but the message.
            let mut fields: Vec<String> = l.splitn(8, ',').map(str::to_owned).collect();
            fields.resize(header.len(), String::new());
            header.iter().map(|h| h.to_string()).zip(fields).collect()
        })
        .collect()
}

fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn an_unreadable_file_is_recorded_and_the_others_written() {
    let corpus = corpus();
    let dir = scratch("corrupt");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for name in [VISIBLE[0], VISIBLE[2]] {
        std::fs::copy(corpus.join(name), input.join(name)).unwrap();
    }
    // Half a real PDF (cut off in transfer), and a file that only calls itself one.
    let pdf = std::fs::read(corpus.join(VISIBLE[2])).unwrap();
    std::fs::write(input.join("cut.pdf"), &pdf[..pdf.len() / 2]).unwrap();
    std::fs::write(input.join("fake.pdf"), "这不是 PDF").unwrap();
    let out_dir = dir.join("out");
    let out = run(bin()
        .arg("extract")
        .arg(&input)
        .args(["--parquet", s(&out_dir), "-j", "2"]));
    assert_eq!(
        out.status.code(),
        Some(2),
        "a failed file makes the run fail"
    );

    let records = manifest(&out_dir);
    assert_eq!(records.len(), 4, "{records:?}");
    let by_file = |name: &str| {
        records
            .iter()
            .find(|r| r["file"].ends_with(name))
            .unwrap_or_else(|| panic!("{name} in the manifest"))
    };
    for name in [VISIBLE[0], VISIBLE[2]] {
        let r = by_file(name);
        assert_eq!(r["status"], "written");
        assert_eq!(r["sha256"], sha256(&input.join(name)));
        assert_eq!(r["report_id"], r["sha256"]);
    }
    for (name, code) in [
        ("cut.pdf", "E-PDF-TRUNCATED"),
        ("fake.pdf", "E-PDF-INVALID"),
    ] {
        let r = by_file(name);
        assert_eq!(r["status"], "failed");
        assert_eq!(r["code"], code);
        assert_eq!(r["sha256"], sha256(&input.join(name)));
        assert!(
            r["message"]
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "a Chinese message: {}",
            r["message"]
        );
    }
    // The two readable reports are in the dataset, and only they.
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("datapackage.json")).unwrap()).unwrap();
    let reports = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "reports")
        .unwrap();
    assert_eq!(reports["path"].as_array().unwrap().len(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every file under a dataset folder but the manifest, with its bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out.remove("manifest.csv");
    out
}

/// The manifest without the folder the inputs were in, in a fixed order.
fn manifest_set(root: &Path) -> BTreeSet<Vec<String>> {
    manifest(root)
        .into_iter()
        .map(|r| {
            let name = Path::new(&r["file"])
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned();
            let mut v = vec![name];
            v.extend(
                ["sha256", "status", "report_id", "family", "year", "code"]
                    .iter()
                    .map(|k| r[*k].clone()),
            );
            v
        })
        .collect()
}

fn identity(path: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).unwrap();
    (m.ino(), m.modified().unwrap())
}

#[test]
fn resume_writes_only_what_is_missing_and_ends_as_one_run_would() {
    let corpus = corpus();
    let dir = scratch("resume");
    let (whole, part) = (dir.join("whole"), dir.join("part"));
    std::fs::create_dir_all(&whole).unwrap();
    std::fs::create_dir_all(&part).unwrap();
    for name in VISIBLE {
        std::fs::copy(corpus.join(name), whole.join(name)).unwrap();
    }
    std::fs::write(whole.join("fake.pdf"), "这不是 PDF").unwrap();
    let extract = |input: &Path, out: &Path, resume: bool| {
        let mut cmd = bin();
        cmd.arg("extract").arg(input).args([
            "--parquet",
            s(&out.join("pq")),
            "--csv",
            s(&out.join("csv")),
        ]);
        if resume {
            cmd.arg("--resume");
        }
        run(&mut cmd)
    };

    // One run over everything.
    let one = dir.join("one");
    assert_eq!(extract(&whole, &one, false).status.code(), Some(2));

    // A run over half the files; then a crash is staged: the last report's parts are in
    // place but its manifest line never made it (only a torn start of it did), and a
    // temp file of a part being written is left behind.
    for name in &VISIBLE[..3] {
        std::fs::copy(corpus.join(name), part.join(name)).unwrap();
    }
    let resumed = dir.join("resumed");
    assert!(extract(&part, &resumed, false).status.success());
    let recorded: Vec<String> = manifest(&resumed.join("pq"))
        .into_iter()
        .take(2)
        .map(|r| r["report_id"].clone())
        .collect();
    for format in ["pq", "csv"] {
        let path = resumed.join(format).join("manifest.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        let last = lines.pop().unwrap().to_owned();
        let mut torn = lines.join("\n");
        torn.push('\n');
        torn.push_str(&last[..20]);
        std::fs::write(&path, torn).unwrap();
        std::fs::write(
            resumed
                .join(format)
                .join("reports")
                .join(".part-0000.parquet.tmp"),
            "half a part",
        )
        .unwrap();
    }
    // The parts of the two recorded reports, and which inode and time each has now.
    let kept: Vec<(PathBuf, (u64, std::time::SystemTime))> = files(&resumed.join("pq"))
        .keys()
        .filter(|k| recorded.iter().any(|id| k.contains(id.as_str())))
        .map(|k| resumed.join("pq").join(k))
        .map(|p| {
            let id = identity(&p);
            (p, id)
        })
        .collect();
    assert!(!kept.is_empty());

    // Without --resume an existing dataset is refused, and left as it was.
    for name in &VISIBLE[3..] {
        std::fs::copy(corpus.join(name), part.join(name)).unwrap();
    }
    std::fs::write(part.join("fake.pdf"), "这不是 PDF").unwrap();
    let refused = extract(&part, &resumed, false);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--resume"));

    let out = extract(&part, &resumed, true);
    assert_eq!(out.status.code(), Some(2), "fake.pdf still fails");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("写出 4 份，已有跳过 2 份"),
        "the two recorded reports are skipped, the unrecorded one redone: {said}"
    );
    // What the first run recorded was not written again.
    let rewritten: Vec<_> = kept.iter().filter(|(p, id)| identity(p) != *id).collect();
    assert!(rewritten.is_empty(), "rewritten on resume: {rewritten:?}");

    for format in ["pq", "csv"] {
        let (a, b) = (one.join(format), resumed.join(format));
        let (fa, fb) = (files(&a), files(&b));
        assert_eq!(
            fa.keys().collect::<Vec<_>>(),
            fb.keys().collect::<Vec<_>>(),
            "{format}: the same files"
        );
        for (k, v) in &fa {
            assert!(fb[k] == *v, "{format}: {k} differs");
        }
        assert_eq!(
            manifest_set(&a),
            manifest_set(&b),
            "{format}: the same manifest"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_run_killed_midway_loses_nothing_and_resumes_to_the_same_dataset() {
    let corpus = corpus();
    let dir = scratch("kill");
    let one = dir.join("one");
    let out = run(bin()
        .arg("extract")
        .arg(&corpus)
        .args(["--parquet", s(&one)]));
    assert!(out.status.success());

    // One worker, killed (SIGKILL: no clean-up runs) once the manifest holds a report
    // and before the run is over.
    let killed = dir.join("killed");
    let mut child = bin()
        .arg("extract")
        .arg(&corpus)
        .args(["--parquet", s(&killed), "-j", "1"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let manifest_path = killed.join("manifest.csv");
    let lines = || {
        std::fs::read_to_string(&manifest_path)
            .map(|t| t.lines().count())
            .unwrap_or(0)
    };
    while lines() < 2 && child.try_wait().unwrap().is_none() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let recorded = lines().saturating_sub(1);
    assert!(
        recorded < VISIBLE.len(),
        "the run was killed before it finished ({recorded} recorded)"
    );

    let out = run(bin()
        .arg("extract")
        .arg(&corpus)
        .args(["--parquet", s(&killed), "--resume"]));
    assert!(out.status.success());
    let (a, b) = (files(&one), files(&killed));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(b[k] == *v, "{k} differs");
    }
    assert_eq!(manifest_set(&one), manifest_set(&killed));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_from_postgresql_writes_the_same_cells_as_extract() {
    let Some(url) = yusuan_testkit::postgres("dataset export") else {
        return;
    };
    let corpus = corpus();
    let dir = scratch("postgres");
    let db = yusuan_testkit::fresh_postgres_database(&url, "yusuan_dataset_export");
    let imported = run(bin().arg("import").arg(&corpus).args(["--db", &db]));
    assert!(imported.status.success(), "import failed");
    let (exported, extracted, tidy) = (dir.join("pg"), dir.join("pq"), dir.join("tidy"));
    let out = run(bin().args(["export", "--db", &db, "--parquet", s(&exported)]));
    assert!(out.status.success(), "export failed");
    let out = run(bin().arg("extract").arg(&corpus).args([
        "--parquet",
        s(&extracted),
        "--tidy",
        s(&tidy),
    ]));
    assert!(out.status.success(), "extract failed");
    let from_tidy = tidy_sums(&tidy);
    assert_eq!(duckdb_sums(&exported), from_tidy);
    assert_eq!(duckdb_sums(&extracted), from_tidy);
    // The same reports under the same ids, with the same findings.
    let reports = |root: &Path| {
        py(
            r#"
import duckdb, sys
root = sys.argv[1]
for row in duckdb.sql(f"""
    SELECT report_id, unit, year, family, region, errors, warnings, cells
    FROM read_parquet('{root}/reports/*.parquet') ORDER BY report_id
""").fetchall():
    print(row)
"#,
            &[s(root)],
        )
    };
    assert_eq!(reports(&exported), reports(&extracted));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `yusuan synth`: copies of real reports, each with its own id, as the same tables the
/// engines read. Checked by DuckDB against the tidy CSV of the reports it copies.
#[test]
fn a_synthetic_dataset_is_copies_of_its_reports_with_ids_of_their_own() {
    let out = scratch("synth");
    let bases = [
        "putuo-zfbgs-2025",
        "jiangsu-jiancha-2019",
        "putuo-caizheng-2024-final",
    ]
    .map(|b| yusuan_testkit::root().join("examples").join(b));
    // Each base's printed cells and their sum, by our tidy CSV.
    let mut expected: Vec<(usize, i64)> = bases
        .iter()
        .map(|dir| {
            let tidy = run(bin().args(["build", s(dir), "--tidy", "-"]));
            assert!(tidy.status.success());
            let text = String::from_utf8(tidy.stdout).unwrap();
            let amounts: Vec<i64> = text
                .lines()
                .skip(1)
                .map(|l| decimal(l.rsplit(',').next().unwrap()).unwrap() / 10_000)
                .collect();
            (amounts.len(), amounts.iter().sum())
        })
        .collect();
    expected.sort();
    let mut cmd = bin();
    cmd.args(["synth", s(&out), "--reports", "2400", "--per-part", "200"]);
    for b in &bases {
        cmd.args(["--from", s(b)]);
    }
    assert!(run(&mut cmd).status.success());
    let got = py(
        r#"
import duckdb, sys
root = sys.argv[1]
con = duckdb.connect()
con.sql(f"create view r as select * from read_parquet('{root}/reports/*.parquet')")
con.sql(f"create view c as select * from read_parquet('{root}/cells/**/*.parquet', hive_partitioning = true)")
print(con.sql("select count(*), count(distinct report_id) from r").fetchall()[0])
print(con.sql("select count(*) from c anti join r using (report_id)").fetchall()[0][0])
print(con.sql("select count(distinct year) from c").fetchall()[0][0])
for n, reports, lo, hi in con.sql("""
    select n, count(*), min(total), max(total) from
      (select report_id, count(*) n, sum(amount * 100)::hugeint total from c group by 1)
    group by n order by n"""
).fetchall():
    print(n, reports, lo, hi)
"#,
        &[s(&out)],
    );
    let mut lines = got.lines();
    assert_eq!(lines.next(), Some("(2400, 2400)"), "{got}");
    assert_eq!(lines.next(), Some("0"), "cells of no report: {got}");
    assert_eq!(lines.next(), Some("10"), "years 2017–2026: {got}");
    let groups: Vec<(usize, usize, i64, i64)> = lines
        .map(|l| {
            let v: Vec<&str> = l.split(' ').collect();
            (
                v[0].parse().unwrap(),
                v[1].parse().unwrap(),
                v[2].parse().unwrap(),
                v[3].parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(groups.len(), 3, "{got}");
    for ((n, reports, lo, hi), (cells, sum)) in groups.iter().zip(&expected) {
        // A copy of each base for every third report, all its cells, scaled 50–150 %.
        assert_eq!((*n, *reports), (*cells, 800), "{got}");
        assert!(
            *lo >= sum / 2 - *n as i64 && *hi <= sum * 3 / 2 + *n as i64,
            "{got}"
        );
        assert!(lo < hi, "amounts vary: {got}");
    }
    std::fs::remove_dir_all(&out).unwrap();
}

/// `reports.pages` is the page count poppler's `pdfinfo` reads from the same PDFs.
#[test]
fn reports_carry_the_page_count_pdfinfo_reads() {
    let out = scratch("pages");
    let data = out.join("data");
    let pdfs: Vec<PathBuf> = VISIBLE
        .iter()
        .filter(|n| n.ends_with(".pdf"))
        .map(|n| corpus().join(n))
        .collect();
    let mut cmd = bin();
    cmd.arg("extract");
    cmd.args(pdfs.iter().map(|p| s(p)));
    cmd.args(["--parquet", s(&data)]);
    assert!(run(&mut cmd).status.success());
    let got = py(
        r#"
import duckdb, sys
for name, pages in duckdb.sql(f"select source_name, pages from read_parquet('{sys.argv[1]}/reports/*.parquet') order by 1").fetchall():
    print(name, pages)
"#,
        &[s(&data)],
    );
    let mut expected: Vec<String> = pdfs
        .iter()
        .map(|p| {
            let info = Command::new("pdfinfo")
                .arg(p)
                .output()
                .expect("pdfinfo (poppler-utils) runs");
            let text = String::from_utf8_lossy(&info.stdout);
            let pages = text
                .lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .expect("pdfinfo prints Pages:")
                .trim()
                .to_owned();
            format!("{} {pages}", p.file_name().unwrap().to_str().unwrap())
        })
        .collect();
    expected.sort();
    assert_eq!(got.lines().collect::<Vec<_>>(), expected);
    std::fs::remove_dir_all(&out).unwrap();
}
