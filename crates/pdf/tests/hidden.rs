//! Text drawn in an invisible render mode (3: neither filled nor stroked; 7: clip only)
//! is not read; visible text beside it on the same line and page is.

/// A one-page PDF with the given content stream, Helvetica as /F1.
fn pdf(content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let objects: Vec<&str> = objects.iter().map(String::as_str).collect();
    yusuan_testkit::minimal_pdf(&objects, "")
}

fn words(bytes: Vec<u8>) -> Vec<String> {
    yusuan_pdf::read(bytes)
        .unwrap()
        .into_iter()
        .flat_map(|p| p.lines)
        .flat_map(|l| l.words)
        .map(|w| w.text)
        .collect()
}

#[test]
fn invisible_text_is_not_read() {
    let got = words(pdf("BT /F1 12 Tf 72 700 Td (VISIBLE 123) Tj ET\n\
                         BT 3 Tr /F1 12 Tf 72 650 Td (HIDDEN 999) Tj ET\n\
                         q BT 7 Tr /F1 12 Tf 72 600 Td (CLIP 888) Tj ET Q\n\
                         BT /F1 12 Tf 72 550 Td (STILL 666) Tj ET\n\
                         BT 0 Tr /F1 12 Tf 72 500 Td (AFTER 777) Tj ET"));
    // The mode belongs to the graphics state: it outlives ET (STILL stays hidden) and
    // comes back after Q; only `0 Tr` paints again.
    assert_eq!(got, ["VISIBLE", "123", "AFTER", "777"]);
}

#[test]
fn a_hidden_run_beside_a_visible_one_on_the_same_line_is_dropped_alone() {
    let got = words(pdf(
        "BT /F1 12 Tf 72 700 Td (SHOWN 1) Tj 3 Tr 200 0 Td (COVERED 2) Tj \
                         0 Tr 150 0 Td (SHOWN 3) Tj ET",
    ));
    assert_eq!(got, ["SHOWN", "1", "SHOWN", "3"]);
}

#[test]
fn the_same_text_visible_is_read() {
    // The control: without `3 Tr` the run is read, so the test above can fail.
    let got = words(pdf("BT /F1 12 Tf 72 650 Td (HIDDEN 999) Tj ET"));
    assert_eq!(got, ["HIDDEN", "999"]);
}
