//! A stand-alone “三公” notice read from text (extract's `three-public-notice.txt`, a
//! county office's web page from probe 8 with the unit renamed): the checker says
//! nothing louder than a note about it. It printed R-TABLES errors for eight tables a
//! notice never has, R-SECTIONS warnings for the topics of a whole report, and two
//! R-TEXT-FIGURE errors against figures the plain-text reader had misplaced.

use std::path::Path;

use yusuan_model::Severity;

#[test]
fn a_three_public_notice_raises_nothing_it_cannot_know() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../extract/tests/layouts/three-public-notice.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let ex = yusuan_extract::extract_text(&text, "notice.txt").unwrap();
    let found = yusuan_check::check(
        &ex.report,
        &yusuan_catalog::Catalog::embedded(),
        "notice.txt",
    );
    let loud: Vec<_> = found
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
}
