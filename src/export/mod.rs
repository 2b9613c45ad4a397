//! Exporters: document tree -> bytes of a file format. They take the tree and options,
//! nothing else (no data, no templates, no files); [`export`] is the one entry the pipeline
//! calls.

pub mod docx;
pub mod pdf;

use crate::doc::Document;

pub use pdf::Standard as PdfStandard;

/// An output file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// PDF (typst).
    Pdf,
    /// Word 2007+ (OOXML).
    Docx,
}

impl Format {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// Which formats a run writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Formats {
    /// Only PDF.
    Pdf,
    /// Only DOCX.
    Docx,
    /// PDF and DOCX (the default).
    #[default]
    Both,
}

impl Formats {
    /// The formats, PDF before DOCX.
    pub fn list(self) -> &'static [Format] {
        match self {
            Formats::Pdf => &[Format::Pdf],
            Formats::Docx => &[Format::Docx],
            Formats::Both => &[Format::Pdf, Format::Docx],
        }
    }
}

/// One exported file.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Pages of the laid-out document (PDF only: Word lays out the DOCX itself).
    pub pages: Option<usize>,
}

/// An exporter failed. User text reaches the exporters only as data, so this is a bug of
/// vanban or of a dependency, never a problem in the input.
#[derive(Debug, Clone)]
pub struct ExportError {
    /// The format that failed.
    pub format: Format,
    /// What happened.
    pub detail: String,
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self.format {
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
        };
        write!(f, "không tạo được {name}: {}", self.detail)
    }
}

impl std::error::Error for ExportError {}

/// Write `doc` in `format`.
pub fn export(doc: &Document, format: Format, pdf: PdfStandard) -> Result<Exported, ExportError> {
    match format {
        Format::Pdf => pdf::export_paged(doc, pdf)
            .map(|(bytes, pages)| Exported {
                bytes,
                pages: Some(pages),
            })
            .map_err(|e| ExportError {
                format,
                detail: e.to_string(),
            }),
        Format::Docx => docx::export(doc)
            .map(|bytes| Exported { bytes, pages: None })
            .map_err(|e| ExportError {
                format,
                detail: e.to_string(),
            }),
    }
}
