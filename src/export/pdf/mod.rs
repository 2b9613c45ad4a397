//! PDF exporter: the document tree -> typst -> PDF.
//!
//! A typst program lays the tree out: a fixed start (`render.typ`, compiled into the binary:
//! page, text and footnote rules, reading the page set-up from one virtual file,
//! `/data.json`), then the document's blocks written as typst code for it (`source.rs`),
//! with line-keeping and rule widths worked out in Rust (`data.rs`). User text is written
//! only as string literals, never as typst markup.
//! The [`Engine`] holds what every document shares (the library, the bundled fonts, the
//! program) and is built once per run. Output is deterministic: a fixed clock, a fixed PDF
//! identifier, no timestamp, and only the bundled fonts.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::doc::Document;

mod data;
mod fit;
mod preview;
mod source;
pub use preview::{PagePreview, svg_pages};

const PROGRAM: &str = include_str!("render.typ");

/// The PDF could not be made. Since user text reaches typst only as data, this is a bug of
/// vanban, reported as an internal error.
#[derive(Debug, Clone)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "lỗi nội bộ khi dựng PDF (xin báo lại cho nhóm phát triển): {}",
            self.0
        )
    }
}

impl std::error::Error for PdfError {}

/// PDF variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Standard {
    /// Plain PDF 1.7.
    #[default]
    Plain,
    /// PDF/A-2b, for archiving.
    A2b,
}

/// What every document shares: built once, used for every document of a run.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main_id: FileId,
    data_id: FileId,
}

static ENGINE: LazyLock<Result<Engine, PdfError>> = LazyLock::new(Engine::build);

impl Engine {
    /// The process-wide engine.
    pub fn get() -> Result<&'static Engine, PdfError> {
        ENGINE.as_ref().map_err(Clone::clone)
    }

    fn build() -> Result<Engine, PdfError> {
        let fonts: Vec<Font> = crate::fonts::FACES
            .iter()
            .flat_map(|bytes| Font::iter(Bytes::new(*bytes)))
            .collect();
        if fonts.len() != crate::fonts::FACES.len() {
            return Err(PdfError("a bundled font could not be read".into()));
        }
        let id = |p: &str| -> Result<FileId, PdfError> {
            let vp = VirtualPath::new(p).map_err(|e| PdfError(format!("{e:?}")))?;
            Ok(FileId::new(RootedPath::new(VirtualRoot::Project, vp)))
        };
        let main_id = id("/main.typ")?;
        let data_id = id("/data.json")?;
        Ok(Engine {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main_id,
            data_id,
        })
    }

    /// Lay out and write one document.
    pub fn export(&self, doc: &Document, standard: Standard) -> Result<Vec<u8>, PdfError> {
        self.export_paged(doc, standard).map(|(bytes, _)| bytes)
    }

    /// Lay out and write one document; also returns its number of pages.
    pub fn export_paged(
        &self,
        doc: &Document,
        standard: Standard,
    ) -> Result<(Vec<u8>, usize), PdfError> {
        let paged = self.layout(doc)?;
        let mut options = PdfOptions {
            ident: typst::foundations::Smart::Custom("vanban".into()),
            timestamp: None,
            ..PdfOptions::default()
        };
        if standard == Standard::A2b {
            // PDF/A needs a document date: the document's own date, or for a draft without
            // a full date the fixed date of our clock (output stays deterministic).
            let date = doc
                .meta
                .date
                .as_deref()
                .and_then(|d| {
                    let mut it = d.split('-').map(|x| x.parse::<u32>().ok());
                    let (y, m, dd) = (it.next()??, it.next()??, it.next()??);
                    Datetime::from_ymd(y as i32, u8::try_from(m).ok()?, u8::try_from(dd).ok()?)
                })
                .or_else(|| Datetime::from_ymd(2000, 1, 1));
            options.timestamp = date.map(typst_pdf::Timestamp::new_utc);
            options.standards =
                PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| PdfError(format!("{e:?}")))?;
        }
        let pages = paged.pages().len();
        typst_pdf::pdf(&paged, &options)
            .map(|bytes| (bytes, pages))
            .map_err(|d| PdfError(describe(&d)))
    }
}

impl Engine {
    /// Lay out another fixed typst `program` of vanban (compiled into the binary, e.g. the
    /// register of issued documents) over the JSON `data` it reads from `/data.json`, with
    /// the same fonts, clock and PDF settings as the documents. User text reaches typst only
    /// as that data. Returns the PDF and its number of pages.
    pub fn export_program(
        &self,
        program: &str,
        data: Vec<u8>,
    ) -> Result<(Vec<u8>, usize), PdfError> {
        let main = Source::new(self.main_id, program.to_string());
        let world = DocWorld {
            engine: self,
            main: &main,
            data: Bytes::new(data),
        };
        let warned = typst::compile::<PagedDocument>(&world);
        let result = warned.output.map_err(|d| PdfError(describe(&d)));
        comemo::evict(10);
        let paged = result?;
        let options = PdfOptions {
            ident: typst::foundations::Smart::Custom("vanban".into()),
            timestamp: None,
            ..PdfOptions::default()
        };
        let pages = paged.pages().len();
        typst_pdf::pdf(&paged, &options)
            .map(|bytes| (bytes, pages))
            .map_err(|d| PdfError(describe(&d)))
    }

    /// Lay out one document into pages.
    fn layout(&self, doc: &Document) -> Result<PagedDocument, PdfError> {
        let (program, json) = program(doc)?;
        let main = Source::new(self.main_id, program);
        let world = DocWorld {
            engine: self,
            main: &main,
            data: Bytes::new(json),
        };
        let warned = typst::compile::<PagedDocument>(&world);
        let result = warned.output.map_err(|d| PdfError(describe(&d)));
        // Free typst's memo cache of old documents: without it a batch grows without bound.
        comemo::evict(10);
        result
    }
}

/// The typst program that lays out `doc` (`render.typ` and the document's blocks as code)
/// and the `/data.json` it reads, with justified lines broken where LibreOffice breaks them
/// (issue 13, `fit.rs`). Public for the benchmarks.
pub fn program(doc: &Document) -> Result<(String, Vec<u8>), PdfError> {
    program_with(PROGRAM, doc)
}

/// [`program`] with another fixed start in place of `render.typ` (benchmarks of variants).
pub fn program_with(start: &str, doc: &Document) -> Result<(String, Vec<u8>), PdfError> {
    program_of(start, doc, false).map(|(program, json, _)| (program, json))
}

/// The program, its data and how many rule widths were measured in Rust; with `check`, typst
/// checks each of those against its own measure (`source::written`).
fn program_of(
    start: &str,
    doc: &Document,
    check: bool,
) -> Result<(String, Vec<u8>, usize), PdfError> {
    let doc = fit::fit(doc);
    let json = serde_json::to_vec(&data::data(&doc)).map_err(|e| PdfError(e.to_string()))?;
    let (blocks, measured) = source::written(&doc, check);
    Ok((format!("{start}{blocks}"), json, measured))
}

fn describe(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The world of one document: the shared engine plus this document's data file.
struct DocWorld<'a> {
    engine: &'a Engine,
    main: &'a Source,
    data: Bytes,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.engine.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.engine.main_id {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.engine.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // A fixed clock: the same input gives the same PDF.
        Datetime::from_ymd(2000, 1, 1)
    }
}

/// Write one document as PDF with the process-wide engine.
pub fn export(doc: &Document, standard: Standard) -> Result<Vec<u8>, PdfError> {
    Engine::get()?.export(doc, standard)
}

/// Write one document as PDF with the process-wide engine; also returns its number of pages.
pub fn export_paged(doc: &Document, standard: Standard) -> Result<(Vec<u8>, usize), PdfError> {
    Engine::get()?.export_paged(doc, standard)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Resources, Source, build_tree};

    /// The widths of the rules measured in Rust (data.rs) are typst's own, to the bit, in
    /// every sample: typst lays each sample out with an assertion after each such rule.
    #[test]
    fn rule_widths_measured_in_rust_are_typsts() {
        let res = Resources::builtin().expect("built-in resources");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut paths: Vec<_> = std::fs::read_dir(&root)
            .expect("samples")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        paths.sort();
        let engine = Engine::get().expect("engine");
        let mut measured = 0;
        for path in &paths {
            let (_, tree) =
                build_tree(&Source::File(path.clone()), &res, crate::data::Stage::Draft)
                    .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            let (program, json, n) = program_of(PROGRAM, &tree, true).expect("program");
            engine
                .export_program(&program, json)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            measured += n;
        }
        // The issuer's, the motto's and most titles' rules: not a test of nothing.
        assert!(measured >= 30, "only {measured} rules measured in Rust");
    }
}
