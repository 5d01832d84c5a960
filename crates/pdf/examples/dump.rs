//! Prints the lines and words yusuan-pdf sees: `cargo run -p yusuan-pdf --example dump FILE.pdf [PAGE]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE.pdf");
    let only: Option<u32> = args.next().and_then(|p| p.parse().ok());
    let pages = yusuan_pdf::read(std::fs::read(path).expect("readable")).expect("a PDF");
    for page in pages.iter().filter(|p| only.is_none_or(|n| n == p.number)) {
        println!("=== page {} ({}x{})", page.number, page.width, page.height);
        for line in &page.lines {
            let words: Vec<String> = line
                .words
                .iter()
                .map(|w| format!("{}@{:.0}-{:.0}", w.text, w.x0, w.x1))
                .collect();
            println!("{:6.1} {}", line.y, words.join(" | "));
        }
    }
}
