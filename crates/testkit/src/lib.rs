//! What the integration tests of several crates share, so each decides it the same way:
//! where the real published reports are, which database backends a test runs on, and how a
//! hand-made PDF is written.
//!
//! Missing data fails a test; it is never a silent skip. The only way to leave a backend
//! out is to say so (`YUSUAN_SKIP_POSTGRES=1`), and the test output then says it was.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The six documents of the visible corpus, which `.ci/run` also checks for.
pub const VISIBLE: [&str; 6] = [
    "changzhi-cdpf-2024-budget.txt",
    "js_jiancha_2019_dept_budget.pdf",
    "js_zhengxie_2019_dept_budget_tables.pdf",
    "sh_pt_caizheng_2024_dept_final.pdf",
    "sh_pt_fuliyuan_2024_unit_budget.pdf",
    "sh_pt_zfbgs_2025_dept_budget.pdf",
];

/// A minimal PDF from object bodies (object `i + 1` is `objects[i]`) with a correct
/// cross-reference table; `trailer_extra` goes into the trailer after `/Root 1 0 R`.
pub fn minimal_pdf(objects: &[&str], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The visible corpus: `YUSUAN_CORPUS`, or `../shared/corpus/visible` beside the clone
/// when the variable is unset. Panics, naming the variable and the folder, when the
/// folder is missing or lacks one of the six documents.
pub fn corpus() -> PathBuf {
    let (dir, from) = match std::env::var_os("YUSUAN_CORPUS") {
        Some(d) => (PathBuf::from(d), "YUSUAN_CORPUS"),
        None => (
            root().join("../shared/corpus/visible"),
            "the default (YUSUAN_CORPUS unset)",
        ),
    };
    assert!(
        dir.is_dir(),
        "corpus folder {} not found ({from}); set YUSUAN_CORPUS to the folder of the visible reports",
        dir.display()
    );
    let missing: Vec<_> = VISIBLE.iter().filter(|f| !dir.join(f).is_file()).collect();
    assert!(
        missing.is_empty(),
        "corpus folder {} ({from}) lacks {missing:?}",
        dir.display()
    );
    dir
}

/// The bytes of one visible document.
pub fn corpus_file(name: &str) -> Vec<u8> {
    let path = corpus().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The PostgreSQL server URL to test against (`YUSUAN_TEST_POSTGRES`, which
/// `scripts/test.sh` sets after starting a local cluster). Without it the test fails,
/// unless `YUSUAN_SKIP_POSTGRES=1` says to leave PostgreSQL out; then `None`, and the
/// skip is written to the terminal past the test harness's capture.
pub fn postgres(test: &str) -> Option<String> {
    if let Ok(url) = std::env::var("YUSUAN_TEST_POSTGRES") {
        assert!(
            url.starts_with("postgres://"),
            "YUSUAN_TEST_POSTGRES is not a postgres:// URL: {url}"
        );
        return Some(url);
    }
    if std::env::var("YUSUAN_SKIP_POSTGRES").as_deref() == Ok("1") {
        // Straight to the file descriptor: cargo test captures only print! and eprint!.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED BACKEND: {test} ran on SQLite only (YUSUAN_SKIP_POSTGRES=1)"
        );
        return None;
    }
    panic!(
        "{test}: no PostgreSQL to test against: set YUSUAN_TEST_POSTGRES to a server URL \
         (scripts/test.sh starts one), or YUSUAN_SKIP_POSTGRES=1 to leave that backend out"
    )
}

/// An amount as the metric compares it (tidy-compare.py uses Python's Decimal): exact,
/// in millionths, separators dropped; None for what is not a number. The test's own
/// reader, so that a fault in the readers' amount parsing cannot hide in a test that uses this.
pub fn decimal(text: &str) -> Option<i64> {
    let t: String = text.trim().chars().filter(|c| *c != ',').collect();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !ok(int) || !ok(frac) || frac.len() > 6 {
        return None;
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac: i64 = format!("{frac:0<6}").parse().ok()?;
    let value = int.checked_mul(1_000_000)?.checked_add(frac)?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
#[test]
fn the_test_reads_amounts_as_decimals() {
    assert_eq!(decimal("1,087.83"), Some(1_087_830_000));
    assert_eq!(decimal("80"), decimal("80.00"));
    assert_eq!(decimal("-0.5"), Some(-500_000));
    assert_eq!(decimal("164,978,640"), Some(164_978_640_000_000));
    assert_eq!(decimal("abc"), None);
    assert_eq!(decimal(""), None);
}

/// A new, empty database `name` on the server at `url` (dropped first if a run left it),
/// made with `psql`; its URL.
pub fn fresh_postgres_database(url: &str, name: &str) -> String {
    for sql in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        let ok = std::process::Command::new("psql")
            .env("PGOPTIONS", "--client-min-messages=warning")
            .args([url, "-q", "-c", &sql])
            .status()
            .expect("psql runs");
        assert!(ok.success(), "{sql}");
    }
    format!(
        "{}/{name}",
        url.rsplit_once('/').expect("a URL with a path").0
    )
}

/// A running `yusuan serve`, killed when dropped.
pub struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`, as the server printed it.
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `BIN serve ARGS` from the repository root (no token from the environment), and what it
/// printed before it said where it listens.
pub fn serve(bin: &Path, args: &[&str]) -> (Server, Vec<String>) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(bin)
        .current_dir(root())
        .arg("serve")
        .args(args)
        .env_remove("YUSUAN_TOKEN")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("starts yusuan serve");
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("piped")).lines();
    let mut printed = Vec::new();
    let base = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .expect("UTF-8 output");
        if let Some(url) = line.split("http://").nth(1) {
            break format!("http://{}", url.trim_end_matches('/'));
        }
        printed.push(line);
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (Server { child, base }, printed)
}
