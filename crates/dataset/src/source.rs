//! A source file read once: its bytes, its SHA-256 (the report's id), and its extraction,
//! with a failure coded for the manifest.

use std::path::Path;

use sha2::{Digest, Sha256};
use yusuan_extract::{ExtractError, Extracted};
use yusuan_pdf::PdfError;

/// A source document: where it was, its name and the hash of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceId {
    /// The path as given (the manifest's `file`).
    pub file: String,
    /// The file name without folders (reports.source_name).
    pub name: String,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
}

impl SourceId {
    pub fn new(
        file: impl Into<String>,
        name: impl Into<String>,
        sha256: impl Into<String>,
    ) -> Self {
        SourceId {
            file: file.into(),
            name: name.into(),
            sha256: sha256.into(),
        }
    }
}

/// A source with its bytes.
pub struct Source {
    pub id: SourceId,
    pub bytes: Vec<u8>,
}

/// Why a source gave no report: a stable code and a message for a person, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub code: &'static str,
    pub message: String,
}

impl Failure {
    pub fn new(code: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Source {
    /// Reads a file; a file that cannot be read is a failure without a hash.
    pub fn read(path: &Path) -> Result<Source, Failure> {
        let bytes = std::fs::read(path)
            .map_err(|e| Failure::new("E-INPUT-READ", format!("无法读取文件：{e}")))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        Ok(Source {
            id: SourceId::new(path.display().to_string(), name, sha256_hex(&bytes)),
            bytes,
        })
    }

    /// Extracts the published report the source holds: a PDF (by its header or
    /// extension) or its text.
    pub fn extract(self) -> Result<Extracted, Failure> {
        let file = self.id.file.as_str();
        let is_pdf = self.bytes.starts_with(b"%PDF")
            || Path::new(file)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        let result = if is_pdf {
            yusuan_extract::extract_pdf(self.bytes, file)
        } else {
            let text = String::from_utf8(self.bytes).map_err(|_| {
                Failure::new(
                    "E-INPUT-ENCODING",
                    "既不是 PDF，也不是 UTF-8 文本，无法读取",
                )
            })?;
            yusuan_extract::extract_text(&text, file)
        };
        result.map_err(|e| failure(&e))
    }
}

/// The manifest's code of an extraction error.
pub fn failure(e: &ExtractError) -> Failure {
    let code = match e {
        ExtractError::Pdf(PdfError::Invalid(_)) => "E-PDF-INVALID",
        ExtractError::Pdf(PdfError::Encrypted) => "E-PDF-ENCRYPTED",
        ExtractError::Pdf(PdfError::Truncated { .. }) => "E-PDF-TRUNCATED",
        ExtractError::Pdf(PdfError::Page { .. }) => "E-PDF-PAGE",
        ExtractError::NoText => "E-EXTRACT-NO-TEXT",
        ExtractError::NoTables => "E-EXTRACT-NO-TABLES",
        ExtractError::Traditional(_) => "E-EXTRACT-TRADITIONAL",
        ExtractError::OtherDocument(_) => "E-EXTRACT-OTHER-DOCUMENT",
    };
    Failure::new(code, e.to_string())
}
