//! Layouts issue 13 §0.3 and §0.5 found in reports outside the repository, rebuilt as
//! `pdftotext -layout` text from the visible reports' own layout (fuliyuan p.15 for the
//! 三公 table, zfbgs p.22 for the reference): each read as printed.

use std::path::Path;

use yusuan_model::TableKind;

fn read(name: &str) -> yusuan_extract::Extracted {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/layouts")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    yusuan_extract::extract_text(&text, name).unwrap()
}

/// A 三公 row whose leading 合计 cell is blank: the other figures stay under their
/// headers (they became the row's label, and 因公出国 and 公务接待费 were lost).
#[test]
fn a_blank_first_cell_does_not_shift_a_row_of_figures() {
    let ex = read("three-public-blank-total.txt");
    let table = ex.report.table(TableKind::ThreePublic).expect("三公 table");
    let block = &table.blocks[0];
    let [row] = &block.rows[..] else {
        panic!("one row: {:?}", block.rows)
    };
    assert_eq!(row.name, "", "no label: {row:?}");
    let cell = |column: &str| {
        let i = block
            .column_index(column)
            .unwrap_or_else(|| panic!("{column}: {:?}", block.columns));
        row.cell(i).map(|p| p.hundredths)
    };
    // 合计 is printed blank; a column with no figure has no cell to read.
    assert!(block
        .column_index("合计")
        .is_none_or(|i| row.cell(i).is_none()));
    assert_eq!(cell("因公出国（境）费"), Some(0));
    assert_eq!(cell("公务接待费"), Some(0));
    assert_eq!(cell("公务用车购置及运行费"), Some(640));
    assert_eq!(cell("公务用车运行费"), Some(640));
    assert_eq!(cell("机关运行经费"), Some(0));
}

/// A sentence that refers to the targets tables is running text, not their title: it
/// swallowed itself and what followed it until the next heading.
#[test]
fn a_reference_to_a_table_is_no_title() {
    let ex = read("reference-to-targets.txt");
    let text: String = ex.report.text.iter().map(|l| l.text.as_str()).collect();
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains("详见单位的项目绩效目标表"), "{text}");
    assert!(
        text.contains("截至2024年8月31日，本单位共有车辆0辆。"),
        "{text}"
    );
    assert!(ex.report.tables.is_empty(), "{:?}", ex.report.tables);
}

/// A 目录 without page numbers, its last entry right before the body (issue 13 §0.3; the
/// layout of a 部门决算 of 大英县, 2024, and of a 天津 镇's 2023 预算 whose list ends with
/// 十一、关于空表的说明): its entries are 目录 entries, not empty tables, and the 部门职责
/// after the last one stays running text.
#[test]
fn a_contents_list_makes_no_tables() {
    let ex = read("contents-without-page-numbers.txt");
    let kinds: Vec<TableKind> = ex.report.tables.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, [TableKind::ThreePublic], "only the table printed");
    assert_eq!(ex.report.toc.len(), 7, "{:?}", ex.report.toc);
    let text: String = ex.report.text.iter().map(|l| l.text.as_str()).collect();
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains("2.负责全县机构设置、调整审核工作"), "{text}");
}

/// A 决算 whose tables were published apart, read as its explanation: a text that names
/// itself a report is one (it was refused as "no tables" and left unchecked).
#[test]
fn a_report_without_tables_is_read() {
    let ex = read("text-only-report.txt");
    assert!(ex.report.tables.is_empty());
    assert_eq!(ex.report.meta.year, 2022);
    assert!(
        ex.diagnostics
            .iter()
            .any(|d| d.rule == "N-EXTRACT-NO-TABLES"),
        "{:?}",
        ex.diagnostics
    );
    let text: String = ex.report.text.iter().map(|l| l.text.as_str()).collect();
    assert!(text.contains("设3个内设机构"), "{text}");
    // Words that name no report are still no report.
    assert!(yusuan_extract::extract_text("随便写的文字\n", "x.txt").is_err());
}

/// A 目录 whose entries carry their table numbers (`8.预算 08 表 …`, a 2022 county budget):
/// the numbers are labels, not figures, so no entry becomes a table.
#[test]
fn numbered_contents_entries_make_no_tables() {
    let ex = read("numbered-contents.txt");
    let kinds: Vec<TableKind> = ex.report.tables.iter().map(|t| t.kind).collect();
    assert!(kinds.is_empty(), "{kinds:?}");
    assert!(ex.report.toc.len() >= 4, "{:?}", ex.report.toc);
}

/// A 决算 explanation published without its tables, opening with a staffing comparison
/// (a 2023 决算 outside the repository): its year is its own (2023), not the one it compares
/// with (比2021年减少), and it is a 决算 because it says so.
#[test]
fn a_final_without_tables_keeps_its_own_year() {
    let ex = read("text-only-final.txt");
    assert!(ex.report.tables.is_empty());
    assert_eq!(ex.report.meta.year, 2023);
    assert_eq!(ex.report.meta.family, yusuan_model::Family::Final);
}

/// A stand-alone “三公” notice (a county office's web page, probe 8's 07, the figures
/// kept, the unit renamed): its one table is printed with integers and single spaces, so
/// the plain-text reader took figures for words (`公务用车购置及运行14140`) and two rows
/// for one (`因公出国(境)费2.公务接待费`). Such a table is unread, not wrong; and a notice
/// of one table is no whole report missing the others (no family's table list applies).
#[test]
fn a_three_public_notice_is_no_report_missing_tables() {
    let ex = read("three-public-notice.txt");
    let table = ex.report.table(TableKind::ThreePublic).expect("三公 table");
    assert!(table.unread, "figures taken for words: {:?}", table.blocks);
    assert!(table.is_empty());
    assert_eq!(ex.report.meta.profile, "");
    assert!(ex.diagnostics.iter().any(|d| d.rule == "N-EXTRACT-UNREAD"));
}

/// The unit's name is the cover's, over its year (probe 17's 06: `…第十七小学` over
/// `2017年部门预算`, where a later heading misprints it), or a numbered heading's
/// (probe 17's 10: `二、刘堡镇卫生院2021年度部门决算情况说明`), never the sentence that
/// opens a notice (`按照《预算法》…，现将2021年部门决算公开如下`).
#[test]
fn the_unit_is_named_by_the_cover_or_a_heading_not_a_sentence() {
    let name = |file: &str| read(file).report.meta.unit_name;
    assert_eq!(
        name("unit-name-over-the-year.txt"),
        "某自治区某某区第九小学"
    );
    assert_eq!(name("unit-name-after-a-preamble.txt"), "某某镇卫生院");
}

/// A budget whose preamble cites `《地方预决算公开操作规程》` is a budget: the 决算公开 inside
/// 预决算公开 names no 决算 (seven budgets of probes 1–17 were read as 决算).
#[test]
fn a_budget_citing_the_disclosure_rules_stays_a_budget() {
    let ex = read("budget-citing-the-rules.txt");
    assert_eq!(ex.report.meta.family, yusuan_model::Family::Budget);
    assert_eq!(ex.report.meta.year, 2022);
}

/// A text without tables that speaks of the 决算 of its own year is a 决算, though it says
/// neither 部门决算 nor 决算情况说明 (`现将某某镇2020年度“三公”经费决算情况公布如下`: seventeen
/// such notes of probes 1–20 were read as budgets); a budget naming last year's 决算 stays a
/// budget.
#[test]
fn a_note_on_its_own_years_final_is_a_final() {
    let family = |file: &str| read(file).report.meta.family;
    assert_eq!(
        family("three-public-final-notice.txt"),
        yusuan_model::Family::Final
    );
    assert_eq!(
        family("three-public-budget-notice.txt"),
        yusuan_model::Family::Budget
    );
}

/// A text that names itself a report with the unit's name between its year and its kind
/// (`2016年某某县信访局部门决算情况说明`, probe 22's 04, cut before its figures) is a report
/// whose explanation is checked, not a file with no budget tables in it.
#[test]
fn a_title_with_the_units_name_inside_names_a_report() {
    let ex = read("title-and-overview-only.txt");
    assert!(ex.report.tables.is_empty());
    assert_eq!(ex.report.meta.year, 2016);
    assert_eq!(ex.report.meta.family, yusuan_model::Family::Final);
}

/// A “三公” table whose figures are glued to their labels (`行政经费177.50`, a web page,
/// probe 18's 02): it prints figures the reader cannot place, so it is unread — not an
/// empty table missing its note.
#[test]
fn a_table_with_figures_glued_to_its_labels_is_unread_not_empty() {
    let ex = read("three-public-glued.txt");
    let table = ex.report.table(TableKind::ThreePublic).expect("三公 table");
    assert!(table.unread, "{:?}", table.blocks);
}
