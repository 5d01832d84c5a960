//! Any bytes as a PDF: extraction returns a report or an error, never panics.
#![no_main]
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let _ = yusuan_extract::extract_pdf(bytes.to_vec(), "fuzz.pdf");
});
