//! Any text, plain or layout: extraction returns a report or an error, never panics.
#![no_main]
libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = yusuan_extract::extract_text(text, "fuzz.txt");
});
