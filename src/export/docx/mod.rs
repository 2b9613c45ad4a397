//! DOCX exporter: document tree -> bytes of a .docx (WordprocessingML, transitional).
//!
//! Steps:
//! 1. `build` maps the tree onto docx-rs: one named paragraph style per
//!    [`StyleName`](crate::doc::StyleName), paragraphs with their direct formatting, borderless
//!    tables for [`Columns`](crate::doc::Columns), framed one-cell tables for stamps, ruled
//!    tables, sections (landscape appendices numbered from 1), footnotes and the page-number
//!    header. Raw Word units (twips, half-points, eighths of a point) appear only there.
//! 2. docx-rs packs its parts into a stored (uncompressed) zip.
//! 3. `package` reads every XML part back and, once for the whole package, brings children into
//!    the schema's order and drops what the schema forbids (`schema`), adds what docx-rs cannot
//!    write (footnote separators and marks, repeated table header rows, a theme), numbers
//!    paragraph ids deterministically, writes the core properties and repacks the zip deflated
//!    with fixed timestamps.
//!
//! The same tree always gives the same bytes, whatever was exported before in the process.

mod build;
mod container;
mod measure;
mod package;
mod schema;
mod xml;

#[cfg(test)]
mod tests;

use std::fmt;

use crate::doc::Document;

/// An internal failure while writing a DOCX: a bug of ours or of a dependency, never a
/// problem in the user's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxError {
    message: String,
}

impl DocxError {
    fn new(message: impl Into<String>) -> Self {
        DocxError {
            message: message.into(),
        }
    }

    /// Wraps a dependency's error with what we were doing.
    fn wrap(context: &str, err: impl fmt::Display) -> Self {
        DocxError::new(format!("{context}: {err}"))
    }
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DocxError {}

/// Writes `doc` as a .docx and returns the file's bytes.
///
/// The output is deterministic: the same tree gives byte-identical files across runs and
/// whatever else the process exported before.
pub fn export(doc: &Document) -> Result<Vec<u8>, DocxError> {
    let built = build::build(doc)?;
    let mut stored = std::io::Cursor::new(Vec::new());
    built
        .docx
        .pack(&mut stored)
        .map_err(|e| DocxError::wrap("docx-rs could not pack the document", e))?;
    package::repack(
        stored.get_ref(),
        &doc.meta,
        built.footnotes > 0,
        &built.header_rows,
    )
}
