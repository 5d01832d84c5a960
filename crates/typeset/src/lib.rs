//! The disclosure document as PDF. The report becomes typst source (every figure and
//! label passed as a string literal, so report text can never become markup); typst
//! lays it out in a World of our own — one source, the fonts we are given, no files,
//! no network, no clock — and typst-pdf writes it. The same report and fonts give the
//! same bytes.

mod source;

use typst::diag::{FileError, FileResult};
use typst::foundations::Duration;
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use yusuan_model::Report;

pub use source::document_source;

/// Fonts from font files' bytes (a `.ttc` gives several).
pub fn load_fonts(files: Vec<Vec<u8>>) -> Vec<Font> {
    files
        .into_iter()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect()
}

/// Where the Debian CJK font packages put their files; `fonts-wqy-microhei` and
/// `fonts-noto-cjk` are what `scripts/setup.sh` installs.
pub const FONT_DIRS: &[&str] = &[
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/opentype/noto",
];

/// The font files in `dirs`, sorted so the same machine always gives the same fonts.
/// In the Debian folders (`FONT_DIRS`) only Noto Sans CJK regular and bold and
/// WenQuanYi Micro Hei are taken — the serif and other weights stay unread (each Noto
/// file is 20 MB); in a folder the user names, every `.ttf`, `.otf` and `.ttc`.
pub fn font_files(dirs: &[&std::path::Path]) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = dirs
        .iter()
        .filter_map(|d| {
            std::fs::read_dir(d).ok().map(|entries| {
                (
                    FONT_DIRS.iter().any(|f| std::path::Path::new(f) == *d),
                    entries,
                )
            })
        })
        .flat_map(|(debian, entries)| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .map(move |p| (debian, p))
        })
        .filter(|(debian, p)| {
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_lowercase();
            if *debian {
                name.starts_with("wqy-microhei.")
                    || name.starts_with("notosanscjk-regular.")
                    || name.starts_with("notosanscjk-bold.")
            } else {
                [".ttf", ".otf", ".ttc"]
                    .iter()
                    .any(|ext| name.ends_with(ext))
            }
        })
        .map(|(_, p)| p)
        .collect();
    files.sort();
    files
}

struct DocWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    id: FileId,
    main: Source,
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.id {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// The PDF of a report, or the typesetting errors in Chinese.
pub fn pdf(report: &Report, fonts: &[Font]) -> Result<Vec<u8>, String> {
    if fonts.is_empty() {
        return Err("没有可用的中文字体：请安装 fonts-noto-cjk 或 fonts-wqy-microhei".to_owned());
    }
    let id = FileId::new(RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new("/report.typ").expect("a valid path"),
    ));
    let world = DocWorld {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(fonts)),
        fonts: fonts.to_vec(),
        id,
        main: Source::new(id, document_source(report)),
    };
    let doc: PagedDocument = typst::compile(&world).output.map_err(|errors| {
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("；")
    })?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(format!(
            "yusuan/{}/{}",
            report.meta.unit_name, report.meta.year
        )),
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&doc, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("；")
    })
}
