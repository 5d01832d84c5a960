//! Reading a PDF without decoding its embedded TrueType programs when no text needs them.
//!
//! pdf_oxide 0.3.78 loads every font's embedded TrueType program (`/FontFile2`) when it
//! loads the font: it inflates the stream twice (once for the program's cmap, once to keep
//! the program) and hashes it for its font cache. On the visible reports that is over half
//! of all the work of `yusuan check` (the 2024 Putuo 财政局 决算: 58 % of the instructions).
//! Yet a font's text comes from its `/ToUnicode` map, or for a simple font from its named
//! encoding; the program is consulted only when neither says what a code means.
//!
//! So the file is first read with the key spelled `/FontFileZ`, a name pdf_oxide does not
//! know and of the same length, so every byte offset of the cross-reference table stays
//! true. That reading is kept only when every font pdf_oxide loads for a page can say
//! what its codes mean without a program, and no character came out as U+FFFD (a code
//! nothing could map). Otherwise the original bytes are read, as before.

use pdf_oxide::document::PdfDocument;
use pdf_oxide::object::Object;

const KEY: &[u8] = b"/FontFile2";
const HIDDEN: &[u8] = b"/FontFileZ";

/// A copy of `bytes` with every `/FontFile2` key renamed, or `None` when there is none.
/// A key is a whole name: the byte after it must end the name.
pub(crate) fn hide(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut copy: Option<Vec<u8>> = None;
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], KEY).map(|i| from + i) {
        from = at + KEY.len();
        if bytes.get(from).is_some_and(|b| !ends_name(*b)) {
            continue;
        }
        copy.get_or_insert_with(|| bytes.to_vec())[at..from].copy_from_slice(HIDDEN);
    }
    copy
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// White space or a delimiter (ISO 32000-1 §7.2.2).
fn ends_name(b: u8) -> bool {
    matches!(
        b,
        b'\0'
            | b'\t'
            | b'\n'
            | b'\x0c'
            | b'\r'
            | b' '
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

/// True when some font of some page, or of a form the page draws, has neither a
/// `/ToUnicode` map nor, for a simple font, an encoding named in its dictionary
/// (`/WinAnsiEncoding`, or `/BaseEncoding` of a `/Differences` dictionary): its text
/// could come from the program.
pub(crate) fn needed(doc: &PdfDocument, pages: usize) -> bool {
    (0..pages).any(|index| match doc.get_page(index) {
        // `get_page` has merged what the page inherits from its parents.
        Ok(page) => page
            .as_dict()
            .and_then(|d| d.get("Resources"))
            .is_some_and(|r| resources_need(doc, r, 0)),
        Err(_) => true,
    })
}

fn resources_need(doc: &PdfDocument, resources: &Object, depth: u8) -> bool {
    let Some(resources) = resolve(doc, resources) else {
        return true;
    };
    let Some(resources) = resources.as_dict() else {
        return true;
    };
    let entries = |key: &str| match resources.get(key).map(|o| resolve(doc, o)) {
        None => Some(Vec::new()),
        Some(Some(Object::Dictionary(d))) => Some(d.into_values().collect()),
        Some(_) => None,
    };
    let (Some(fonts), Some(forms)) = (entries("Font"), entries("XObject")) else {
        return true;
    };
    fonts.iter().any(|font| font_needs(doc, font))
        || forms.iter().any(|form| match resolve(doc, form) {
            Some(Object::Stream { dict, .. }) => {
                let form = dict.get("Subtype").and_then(Object::as_name) == Some("Form");
                // Deeper than four forms in, the original bytes are read.
                form && dict
                    .get("Resources")
                    .is_some_and(|r| depth >= 4 || resources_need(doc, r, depth + 1))
            }
            Some(_) => false,
            None => true,
        })
}

fn font_needs(doc: &PdfDocument, font: &Object) -> bool {
    let Some(Object::Dictionary(font)) = resolve(doc, font) else {
        return true;
    };
    if font.contains_key("ToUnicode") {
        return false;
    }
    let named = match font.get("Encoding").and_then(|e| resolve(doc, e)) {
        Some(Object::Name(_)) => true,
        Some(Object::Dictionary(d)) => matches!(d.get("BaseEncoding"), Some(Object::Name(_))),
        _ => false,
    };
    let simple = font.get("Subtype").and_then(Object::as_name) != Some("Type0");
    !(simple && named)
}

fn resolve(doc: &PdfDocument, object: &Object) -> Option<Object> {
    match object.as_reference() {
        Some(r) => doc.load_object(r).ok(),
        None => Some(object.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_keys_are_renamed_and_lengths_kept() {
        let bytes = b"<</FontFile2 12 0 R>> <</FontFile20 1 0 R/FontFile2/X>>".to_vec();
        let hidden = hide(&bytes).expect("two keys");
        assert_eq!(hidden.len(), bytes.len());
        assert_eq!(
            hidden,
            b"<</FontFileZ 12 0 R>> <</FontFile20 1 0 R/FontFileZ/X>>".to_vec()
        );
        assert!(hide(b"<</FontFile3 1 0 R>>").is_none());
    }

    /// A one-page document whose only font is `font` (object 4; object 5 is a
    /// ToUnicode stream it may point at).
    fn document(font: &str) -> PdfDocument {
        let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
                    1 begincodespacerange <00> <FF> endcodespacerange \
                    1 beginbfchar <41> <0041> endbfchar endcmap end end";
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 4 0 R >> >> >>"
                .to_owned(),
            font.to_owned(),
            format!(
                "<< /Length {} >>\nstream\n{cmap}\nendstream",
                cmap.len() + 1
            ),
        ];
        let objects: Vec<&str> = objects.iter().map(String::as_str).collect();
        let out = yusuan_testkit::minimal_pdf(&objects, "");
        PdfDocument::from_bytes(out).expect("a valid document")
    }

    #[test]
    fn a_font_without_a_map_or_a_named_encoding_needs_its_program() {
        let simple = "<< /Type /Font /Subtype /TrueType /BaseFont /X";
        let composite = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H \
                         /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X \
                         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                         >>]";
        let needs = |font: String| needed(&document(&font), 1);
        assert!(needs(format!("{simple} >>")));
        assert!(!needs(format!("{simple} /Encoding /WinAnsiEncoding >>")));
        assert!(!needs(format!("{simple} /ToUnicode 5 0 R >>")));
        assert!(needs(format!("{composite} >>")));
        assert!(!needs(format!("{composite} /ToUnicode 5 0 R >>")));
    }
}
