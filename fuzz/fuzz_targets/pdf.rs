//! Any bytes as a PDF: extraction returns a report or an error, never panics.
//!
//! `yusuan-pdf` calls pdf_oxide inside `catch_unwind` and turns its panics into errors
//! (a fuzz build has overflow checks on, so pdf_oxide's arithmetic can panic). libFuzzer's
//! panic hook aborts before that boundary is reached, so it is replaced by a silent one;
//! a panic that escapes our API still ends in libFuzzer's abort and is reported.
#![no_main]

static QUIET: std::sync::Once = std::sync::Once::new();

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let _ = yusuan_extract::extract_pdf(bytes.to_vec(), "fuzz.pdf");
});
