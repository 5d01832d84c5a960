//! Every rule has documentation, a failing and a passing fixture, and a snapshot of the
//! diagnostics it renders on the failing one (`fixtures/<RULE>/fail/expected.txt`,
//! reviewed by a person; `UPDATE_SNAPSHOTS=1` writes a missing one for review).

use std::path::{Path, PathBuf};

use yusuan_catalog::Catalog;
use yusuan_model::{Fact, FactValue, MoneyUnit, Printed, Report, Severity, UnitKind};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

#[derive(serde::Deserialize, Default)]
struct Meta {
    year: Option<u16>,
    kind: Option<String>,
    unit_name: Option<String>,
    profile: Option<String>,
    /// 预算 (the default) or 决算.
    family: Option<String>,
}

/// A fixture directory as a Report: `tables.csv` (tidy, optional `unit` column),
/// `facts.csv` (key,type,value,unit,line,sentence), `projects.toml`, `meta.toml`,
/// `empty.csv`, `titles.csv`, `headers.csv` (a header line's own line number is its
/// line in the file), `numbers.csv`, `text.txt`, `toc.csv`.
fn load(dir: &Path) -> Report {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let (mut report, diags) = match read("tables.csv") {
        Some(text) => yusuan_render::read_tidy("tables.csv", &text),
        None => {
            yusuan_render::read_tidy("tables.csv", "table,side,row_code,row_name,column,amount\n")
        }
    };
    assert!(diags.is_empty(), "{}: {diags:?}", dir.display());
    let meta: Meta = read("meta.toml")
        .map(|t| toml::from_str(&t).unwrap())
        .unwrap_or_default();
    report.meta.year = meta.year.unwrap_or(2024);
    report.meta.unit_kind = meta.kind.as_deref().and_then(UnitKind::from_label);
    report.meta.unit_name = meta.unit_name.unwrap_or_default();
    report.meta.profile = meta.profile.unwrap_or_default();
    if let Some(family) = meta.family.as_deref() {
        report.meta.family = yusuan_model::Family::from_label(family).expect("预算 or 决算");
    }
    if let Some(text) = read("facts.csv") {
        let mut r = csv::Reader::from_reader(text.as_bytes());
        for rec in r.records() {
            let rec = rec.unwrap();
            let unit = MoneyUnit::from_label(&rec[3]).unwrap_or(MoneyUnit::WanYuan);
            let value = match &rec[1] {
                "money" => FactValue::Money(Printed::parse(&rec[2], unit).unwrap()),
                "percent" => FactValue::Percent(Printed::parse(&rec[2], unit).unwrap().hundredths),
                "count" => FactValue::Count(rec[2].parse().unwrap()),
                _ => FactValue::Text(rec[2].to_owned()),
            };
            let sentence = Some(rec[5].to_owned()).filter(|s| !s.is_empty());
            report.facts.push(Fact {
                key: rec[0].to_owned(),
                value,
                sentence,
                line: rec[4].parse().ok(),
                page: None,
            });
        }
    }
    // Tables printed empty (`empty.csv`: table,note; the note `UNREAD` marks a table whose
    // figures extraction could not read) and printed titles (`titles.csv`).
    if let Some(text) = read("empty.csv") {
        for line in text.lines().skip(1) {
            let (kind, note) = line.split_once(',').unwrap_or((line, ""));
            // `UNREAD`: figures printed that extraction could not place.
            let (note, unread) = match note {
                "UNREAD" => ("", true),
                note => (note, false),
            };
            report.tables.push(yusuan_model::Table {
                kind: yusuan_model::TableKind::from_label(kind).expect("a table kind"),
                number: None,
                title: kind.to_owned(),
                unit: MoneyUnit::WanYuan,
                prints_codes: true,
                blocks: Vec::new(),
                empty_note: Some(note.to_owned()).filter(|n| !n.is_empty()),
                page: None,
                line: None,
                issuer: None,
                notes: Vec::new(),
                header: Vec::new(),
                unread,
            });
        }
    }
    // Empty tables were appended: move each after the last table its template puts
    // before it, leaving the order of the others as the fixture printed them.
    if let Some(profile) = yusuan_profile::profile(&report.meta.profile) {
        let rank = |k| {
            profile
                .tables
                .iter()
                .position(|t| t.kind == k)
                .unwrap_or(usize::MAX)
        };
        let (empty, mut tables): (Vec<_>, Vec<_>) = std::mem::take(&mut report.tables)
            .into_iter()
            .partition(|t| t.blocks.is_empty());
        for t in empty {
            let at = tables
                .iter()
                .rposition(|o| rank(o.kind) < rank(t.kind))
                .map_or(0, |i| i + 1);
            tables.insert(at, t);
        }
        report.tables = tables;
    }
    // `titles.csv`: table,title[,issuer].
    if let Some(text) = read("titles.csv") {
        for line in text.lines().skip(1) {
            let mut f = line.split(',');
            let kind =
                yusuan_model::TableKind::from_label(f.next().unwrap()).expect("a table kind");
            let title = f.next().expect("table,title").to_owned();
            let issuer = f.next().map(str::to_owned);
            for t in report.tables.iter_mut().filter(|t| t.kind == kind) {
                t.title = title.clone();
                t.issuer = issuer.clone();
            }
        }
    }
    // Printed column header lines (`headers.csv`: table,line).
    if let Some(text) = read("headers.csv") {
        for (i, line) in text.lines().skip(1).enumerate() {
            let (kind, header) = line.split_once(',').expect("table,line");
            let kind = yusuan_model::TableKind::from_label(kind).expect("a table kind");
            for t in report.tables.iter_mut().filter(|t| t.kind == kind) {
                t.header.push(yusuan_model::TextLine {
                    text: header.to_owned(),
                    page: None,
                    line: Some(i as u32 + 2),
                });
            }
        }
    }
    // Printed table numbers (`numbers.csv`: table,number).
    if let Some(text) = read("numbers.csv") {
        for line in text.lines().skip(1) {
            let (kind, number) = line.split_once(',').expect("table,number");
            let kind = yusuan_model::TableKind::from_label(kind).expect("a table kind");
            for t in report.tables.iter_mut().filter(|t| t.kind == kind) {
                t.number = Some(number.to_owned());
            }
        }
    }
    // Running text (`text.txt`, one line each) and the 目录 (`toc.csv`: title,table).
    if let Some(text) = read("text.txt") {
        report.text = text
            .lines()
            .enumerate()
            .map(|(i, l)| yusuan_model::TextLine {
                text: l.to_owned(),
                page: None,
                line: Some(i as u32 + 1),
            })
            .collect();
        // Read as the extractor reads it, with the one grammar.
        report.statements = yusuan_statement::read(&report.text);
    }
    if let Some(text) = read("toc.csv") {
        report.toc = text
            .lines()
            .skip(1)
            .map(|l| {
                let (title, kind) = l.split_once(',').unwrap_or((l, ""));
                yusuan_model::TocEntry {
                    title: title.to_owned(),
                    kind: yusuan_model::TableKind::from_label(kind),
                    ..Default::default()
                }
            })
            .collect();
    }
    if let Some(text) = read("projects.toml") {
        let mut diags = Vec::new();
        report.projects = yusuan_load::parse_projects("projects.toml", &text, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
    }
    report
}

fn findings(rule: &str, report: &Report) -> Vec<yusuan_model::Diagnostic> {
    yusuan_check::check(report, &Catalog::embedded(), "fixture")
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

#[test]
fn every_rule_is_documented_and_has_both_fixtures_and_a_snapshot() {
    let mut ids: Vec<&str> = yusuan_check::RULES.iter().map(|r| r.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        yusuan_check::RULES.len(),
        "a rule is registered twice"
    );
    let mut problems = Vec::new();
    for rule in yusuan_check::RULES {
        let id = rule.id();
        if rule.doc().trim().len() < 80 || rule.title().is_empty() {
            problems.push(format!("{id}: documentation too short"));
        }
        let dir = fixtures().join(id);
        for case in ["pass", "fail"] {
            if !dir.join(case).is_dir() {
                problems.push(format!("{id}: no {case} fixture"));
            }
        }
        if !dir.join("fail/expected.txt").is_file()
            && std::env::var_os("UPDATE_SNAPSHOTS").is_none()
        {
            problems.push(format!("{id}: no snapshot fail/expected.txt"));
        }
    }
    // Every fixture directory belongs to a registered rule.
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !ids.contains(&name.as_str()) {
            problems.push(format!("fixtures/{name}: no such rule"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn passing_fixtures_raise_nothing() {
    for rule in yusuan_check::RULES {
        let dir = fixtures().join(rule.id()).join("pass");
        let found: Vec<_> = findings(rule.id(), &load(&dir))
            .into_iter()
            .filter(|d| d.severity > Severity::Note)
            .collect();
        assert!(found.is_empty(), "{}: {found:#?}", rule.id());
    }
}

/// R-SECTIONS holds department reports to the sections 财预〔2016〕143号 lists: not a
/// government's 决算 or budget (probe 11's 04, probe 12's 10), nor a 2014 budget beyond what it
/// already had to cover (probe 11's 03; probe 13's 06, a 2011 budget, before 三公 and 机关运行
/// 经费 were disclosed), nor a document of “三公” tables only (probe 12's 04); terms explained
/// where they are used are a 名词解释 (probe 13's 01).
#[test]
fn sections_are_asked_only_of_whom_the_rules_ask_them() {
    for case in [
        "government",
        "execution",
        "union",
        "taxes",
        "early",
        "early-2011",
        "three-public",
        "three-public-as-follows",
        "three-public-untitled",
        "defined",
    ] {
        let dir = fixtures().join("R-SECTIONS").join(case);
        let found = findings("R-SECTIONS", &load(&dir));
        assert!(found.is_empty(), "{case}: {found:#?}");
    }
}

/// R-REASON asks reasons of reports the rules bind, not of a finance bureau's bulletin of the
/// execution so far (probe 17's 11 and 12), nor of an institution's financial disclosure.
#[test]
fn reasons_are_asked_only_of_reports_bound_to_give_them() {
    // A finance bureau's bulletin; a hospital's 财务信息公开 (probe 22's 12).
    for case in ["bulletin", "hospital"] {
        let dir = fixtures().join("R-REASON").join(case);
        let found = findings("R-REASON", &load(&dir));
        assert!(found.is_empty(), "{case}: {found:#?}");
    }
}

#[test]
fn failing_fixtures_match_their_snapshots() {
    let mut mismatches = Vec::new();
    for rule in yusuan_check::RULES {
        let dir = fixtures().join(rule.id()).join("fail");
        let found = findings(rule.id(), &load(&dir));
        assert!(
            found.iter().any(|d| d.severity == rule.severity()),
            "{}: the failing fixture does not fail",
            rule.id()
        );
        let rendered: String = found.iter().map(|d| format!("{d}\n\n")).collect();
        let path = dir.join("expected.txt");
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == rendered => {}
            Ok(expected) => mismatches.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{rendered}",
                rule.id()
            )),
            Err(_) if std::env::var_os("UPDATE_SNAPSHOTS").is_some() => {
                std::fs::write(&path, rendered).unwrap()
            }
            Err(e) => mismatches.push(format!("{}: {e}", rule.id())),
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn rounding_boundaries_at_a_hundredth_of_wan_yuan() {
    use yusuan_check::Cx;
    let report = load(&fixtures().join("R-ROW-TOTAL/pass"));
    let catalog = Catalog::embedded();
    let cx = Cx {
        report: &report,
        catalog: &catalog,
        file: "t",
        profile_tables: None,
    };
    // Two cells each rounded to 0.01 万元: up to 0.010 万元 (10,000 fen) is rounding.
    let tolerance = 2 * (MoneyUnit::WanYuan.fen_per_hundredth() / 2);
    let verdicts: Vec<Severity> = [9_000, 10_000, 11_000]
        .iter()
        .map(|diff| {
            let mut out = Vec::new();
            cx.compare(
                &mut out,
                "R-X",
                Severity::Error,
                (1_000_000 + diff, "a"),
                (1_000_000, "b"),
                tolerance,
                MoneyUnit::WanYuan,
                yusuan_model::Location::default(),
                "",
            );
            out[0].severity
        })
        .collect();
    assert_eq!(verdicts, [Severity::Note, Severity::Note, Severity::Error]);
}

#[test]
fn rules_page_is_generated_from_the_registry() {
    let page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md"))
            .unwrap_or_default();
    assert!(
        page == yusuan_check::rules_markdown(),
        "docs/rules.md is stale: run `yusuan rules --markdown > docs/rules.md`"
    );
}

/// Precision comes from how each figure is printed, whatever the table's unit: in a table
/// printed in whole 元 (fuliyuan's layout), a 类 of 94,995,790 over items summing to
/// 94,995,789 is rounding (three terms, half a 元 each); printed with cents, the same
/// gap is a real difference.
#[test]
fn whole_yuan_rounding_is_a_note_and_cents_are_exact() {
    let findings = |class: &str, a: &str, b: &str| {
        let tidy = format!(
            "table,side,row_code,row_name,column,amount,unit\n\
             支出总表,,,合计,合计,{class},元\n\
             支出总表,,208,社会保障和就业支出,合计,{class},元\n\
             支出总表,,20805,行政事业单位养老支出,合计,{class},元\n\
             支出总表,,2080501,行政单位离退休,合计,{a},元\n\
             支出总表,,2080505,机关事业单位基本养老保险缴费支出,合计,{b},元\n"
        );
        let (report, diags) = yusuan_render::read_tidy("t.csv", &tidy);
        assert!(diags.is_empty(), "{diags:?}");
        yusuan_check::check(&report, &Catalog::embedded(), "t.csv")
            .into_iter()
            .filter(|d| d.rule == "R-TREE-SUM")
            .map(|d| (d.severity, d.message))
            .collect::<Vec<_>>()
    };
    let whole = findings("94995790", "50000000", "44995789");
    assert!(!whole.is_empty(), "the 1 元 gap is reported");
    assert!(
        whole.iter().all(|(s, _)| *s == Severity::Note),
        "whole 元: {whole:?}"
    );
    let cents = findings("94995790.00", "50000000.00", "44995789.00");
    assert!(
        cents.iter().any(|(s, _)| *s == Severity::Error),
        "with cents: {cents:?}"
    );
}

/// An unknown code is a warning only against a complete edition (an official one the
/// user loads); against the embedded, partial one it is a note. A name is judged
/// against the report's own year: a name differing from another year's edition is a note.
#[test]
fn code_findings_follow_the_edition() {
    let tidy = "table,side,row_code,row_name,column,amount\n\
                支出总表,,2087654,不存在的科目,合计,1.00\n\
                支出总表,,30311,住房公积金,合计,1.00\n";
    let (mut report, _) = yusuan_render::read_tidy("t.csv", tidy);
    let code = |report: &Report, catalog: &Catalog, code: &str| {
        yusuan_check::check(report, catalog, "t.csv")
            .into_iter()
            .filter(|d| d.rule == "R-CODE" && d.message.contains(code))
            .map(|d| d.severity)
            .collect::<Vec<_>>()
    };
    report.meta.year = 2024;
    let embedded = Catalog::embedded();
    assert_eq!(code(&report, &embedded, "2087654"), [Severity::Note]);
    let mut official = Catalog::embedded();
    let diags = official.load_edition(
        "official-2024.csv",
        "code,name\n208,社会保障和就业支出\n20811,残疾人事业\n2081104,残疾人康复\n",
        Some(2024),
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(code(&report, &official, "2087654"), [Severity::Warning]);
    // 30311 is 代缴社会保险费 in the later editions; a 2017 report printed 住房公积金 there.
    report.meta.year = 2017;
    let stale = code(&report, &embedded, "30311");
    assert!(stale.iter().all(|s| *s == Severity::Note), "{stale:?}");
}
