//! PDF exporter: the document tree -> typst -> PDF.
//!
//! A typst program lays the tree out: a fixed start (`render.typ`, compiled into the binary:
//! page, text and footnote rules, reading the page set-up from one virtual file,
//! `/data.json`), then the document's blocks written as typst code for it (`source.rs`),
//! with line-keeping and rule widths worked out in Rust (`data.rs`). User text is written
//! only as string literals, never as typst markup. Each top-level block is a typst source
//! file of its own, and a thread keeps the last document's ([`SourceCache`]): a block whose
//! code is unchanged since the last document (most of a merged batch's, all but one of a
//! preview's after an edit) keeps its file, wherever it now stands, and is the same source
//! with the same spans, so typst takes its layout from its cache.
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
const WORD: &str = include_str!("word.typ");

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
        let main_id = file_id("/main.typ")?;
        let data_id = file_id("/data.json")?;
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
            sources: std::slice::from_ref(&main),
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
        self.lay_out(&program(doc)?)
    }

    /// Lay out a program written for a document, with the sources this thread kept from its
    /// last document where they are unchanged ([`SourceCache`]).
    fn lay_out(&self, program: &Program) -> Result<PagedDocument, PdfError> {
        let sources = KEPT.with(|kept| kept.borrow_mut().sources(self.main_id, program))?;
        let world = DocWorld {
            engine: self,
            sources: &sources,
            data: Bytes::new(program.json.clone()),
        };
        let warned = typst::compile::<PagedDocument>(&world);
        let result = warned.output.map_err(|d| PdfError(describe(&d)));
        // Free typst's memo cache of old documents: without it a batch grows without bound.
        // What the last ten layouts used stays, so the next document reuses the layout of
        // every block it shares with them.
        comemo::evict(10);
        let mut paged = result?;
        // What `set document(title: .., author: ..)` would set, but out of the blocks' styles.
        let info = paged.info_mut();
        info.title = Some(program.title.as_str().into());
        info.author = vec![program.author.as_str().into()];
        Ok(paged)
    }
}

thread_local! {
    /// The sources of the last document this thread laid out.
    static KEPT: std::cell::RefCell<SourceCache> = std::cell::RefCell::default();
}

/// How many top-level blocks of a document get a file of their own; the blocks after them are
/// written in the main file. typst numbers the files of a process with 16 bits, and block
/// files are numbered below this (`SourceCache`), so this bounds the names ever made.
const MAX_FILES: usize = 512;

/// Where block file number `n` is.
fn file_path(n: usize) -> String {
    format!("/vb/{n}.typ")
}

/// The line of the main file that includes block file number `n`.
fn include(n: usize) -> String {
    format!("include \"{}\"\n", file_path(n))
}

/// Where `single` (Word's single line) is defined.
const WORD_PATH: &str = "/vb/word.typ";

/// The typst program written for one document: the main file (`render.typ`, then the
/// document's blocks, each top-level block included from a file of its own), those files,
/// and the `/data.json` the main file reads. Public for the benchmarks.
pub struct Program {
    /// The main file's code around the blocks' `include`s: the `i`th block's goes between
    /// pieces `i` and `i + 1` (one piece more than `files`).
    pub pieces: Vec<String>,
    /// The top-level blocks' files, in order.
    pub files: Vec<String>,
    pub json: Vec<u8>,
    /// The PDF's title and author (the document's properties).
    pub title: String,
    pub author: String,
}

impl Program {
    /// The main file, the `i`th block's file being number `numbers[i]`.
    fn main_with(&self, numbers: &[usize]) -> String {
        let mut out = String::new();
        for (i, piece) in self.pieces.iter().enumerate() {
            out.push_str(piece);
            if let Some(&n) = numbers.get(i) {
                out.push_str(&include(n));
            }
        }
        out
    }

    /// The main file, the blocks' files numbered in order.
    pub fn main(&self) -> String {
        let numbers: Vec<usize> = (0..self.files.len()).collect();
        self.main_with(&numbers)
    }

    /// The whole program to read: the main file, then each block's file after its path.
    pub fn listing(&self) -> String {
        let mut out = self.main();
        for (i, f) in self.files.iter().enumerate() {
            out.push_str(&format!("\n// {}\n{f}\n", file_path(i)));
        }
        out
    }
}

/// The typst sources of the documents one thread lays out, one after another.
///
/// A block's file keeps the number it had in the last document when its code is the same,
/// wherever the block now stands (a block inserted or removed before it moves nothing), and
/// is the same [`Source`], with the same spans: typst takes its evaluation and layout from
/// its cache, and this spares parsing and hashing it again. The other blocks get the
/// lowest numbers free, so numbers stay below [`MAX_FILES`]. Holds one document's
/// sources at a time (none of a program over 1 MiB of code); a thread of `vanban serve`
/// keeps them until tokio ends it after ten idle seconds. Public for the benchmarks.
#[derive(Default)]
pub struct SourceCache {
    main: Option<Source>,
    word: Option<Source>,
    /// The last document's block files by their code: number and source (several for
    /// blocks written alike).
    files: std::collections::HashMap<String, Vec<(usize, Source)>>,
}

impl SourceCache {
    /// The sources of `program`: main file first (its id `main`), `/vb/word.typ`, then the
    /// blocks' files in order.
    pub fn sources(&mut self, main: FileId, program: &Program) -> Result<Vec<Source>, PdfError> {
        let mut last = std::mem::take(&mut self.files);
        let count = program.files.len();
        let mut numbers: Vec<Option<usize>> = vec![None; count];
        let mut sources: Vec<Option<Source>> = vec![None; count];
        let mut taken = vec![false; MAX_FILES.max(count)];
        for (i, text) in program.files.iter().enumerate() {
            if let Some((n, kept)) = last.get_mut(text.as_str()).and_then(Vec::pop)
                && let Some(slot) = taken.get_mut(n)
            {
                *slot = true;
                numbers[i] = Some(n);
                sources[i] = Some(kept);
            }
        }
        let mut free = 0;
        for (i, text) in program.files.iter().enumerate() {
            if numbers[i].is_some() {
                continue;
            }
            while taken.get(free).copied().unwrap_or(false) {
                free += 1;
            }
            if let Some(slot) = taken.get_mut(free) {
                *slot = true;
            }
            numbers[i] = Some(free);
            let id = file_id(&file_path(free))?;
            sources[i] = Some(Source::new(id, text.clone()));
        }
        let numbers: Vec<usize> = numbers.into_iter().flatten().collect();
        let files: Vec<Source> = sources.into_iter().flatten().collect();

        let text = program.main_with(&numbers);
        let main = match self.main.take() {
            Some(kept) if kept.id() == main && kept.text() == text => kept,
            _ => Source::new(main, text),
        };
        let word = match self.word.take() {
            Some(kept) => kept,
            None => Source::new(file_id(WORD_PATH)?, WORD.to_string()),
        };
        let mut all = Vec::with_capacity(files.len() + 2);
        all.push(main.clone());
        all.push(word.clone());
        all.extend(files.iter().cloned());

        // A thread keeps a large document's parsed sources no longer than it needs them.
        self.word = Some(word);
        let size = main.text().len() + program.files.iter().map(String::len).sum::<usize>();
        if size <= KEEP_AT_MOST {
            self.main = Some(main);
            for ((text, n), source) in program.files.iter().zip(numbers).zip(files) {
                self.files
                    .entry(text.clone())
                    .or_default()
                    .push((n, source));
            }
        }
        Ok(all)
    }
}

/// The largest program (bytes of typst code) whose sources a thread keeps for the next
/// document (a two-page công văn's is 13 KB); past this size a document is laid out from
/// sources of its own, as if it were the first.
const KEEP_AT_MOST: usize = 1 << 20;

/// The id of a file of the program (a path of our own, never the user's).
fn file_id(path: &str) -> Result<FileId, PdfError> {
    let vp = VirtualPath::new(path).map_err(|e| PdfError(format!("{e:?}")))?;
    Ok(FileId::new(RootedPath::new(VirtualRoot::Project, vp)))
}

/// The typst program that lays out `doc` (`render.typ` and the document's blocks as code)
/// and the `/data.json` it reads, with justified lines broken where LibreOffice breaks them
/// (issue 13, `fit.rs`). Public for the benchmarks.
pub fn program(doc: &Document) -> Result<Program, PdfError> {
    program_with(PROGRAM, doc)
}

/// [`program`] with another fixed start in place of `render.typ` (benchmarks of variants).
pub fn program_with(start: &str, doc: &Document) -> Result<Program, PdfError> {
    program_of(start, doc, false).map(|(program, _)| program)
}

/// The program and how many rule widths were measured in Rust; with `check`, typst checks
/// each of those against its own measure (`source::written`).
fn program_of(start: &str, doc: &Document, check: bool) -> Result<(Program, usize), PdfError> {
    let doc = fit::fit(doc);
    let json = serde_json::to_vec(&data::data(&doc)).map_err(|e| PdfError(e.to_string()))?;
    let written = source::written(&doc, check);
    let mut pieces = written.main;
    if let Some(first) = pieces.first_mut() {
        first.insert_str(0, start);
    }
    let program = Program {
        pieces,
        files: written.files,
        json,
        title: doc.meta.title.clone(),
        author: doc.meta.author.clone(),
    };
    Ok((program, written.measured))
}

fn describe(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The world of one document: the shared engine plus this document's sources (main file
/// first) and data file.
struct DocWorld<'a> {
    engine: &'a Engine,
    sources: &'a [Source],
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
        self.sources
            .iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or(FileError::AccessDenied)
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
    use crate::doc::Block;
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
            let (program, n) = program_of(PROGRAM, &tree, true).expect("program");
            engine
                .lay_out(&program)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            measured += n;
        }
        // The issuer's, the motto's and most titles' rules: not a test of nothing.
        assert!(measured >= 30, "only {measured} rules measured in Rust");
    }

    fn sample(name: &str) -> Document {
        let res = Resources::builtin().expect("built-in resources");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name);
        build_tree(&Source::File(path), &res, crate::data::Stage::Draft)
            .expect("sample builds")
            .1
    }

    /// The document's first paragraph.
    fn first_para(doc: &Document) -> crate::doc::Para {
        doc.blocks
            .iter()
            .find_map(|x| match x {
                Block::Para(p) => Some(p.clone()),
                _ => None,
            })
            .expect("the sample has paragraphs")
    }

    /// A block whose code did not change is the same source as in the last document, and
    /// the PDF is the same whether typst's caches hold the last document or nothing.
    #[test]
    fn unchanged_blocks_are_kept_and_change_nothing() {
        let a = sample("cong-van-ubnd-huu-lung.yaml");
        let mut b = a.clone();
        let Some(Block::Para(p)) = b
            .blocks
            .iter_mut()
            .rev()
            .find(|x| matches!(x, Block::Para(_)))
        else {
            panic!("the sample has paragraphs");
        };
        p.inlines = crate::doc::parse_inline("Một đoạn khác hẳn.");
        let (pa, pb) = (program(&a).expect("a"), program(&b).expect("b"));
        assert_eq!(pa.files.len(), pb.files.len());
        let changed = pa
            .files
            .iter()
            .zip(&pb.files)
            .filter(|(x, y)| x != y)
            .count();
        assert_eq!(changed, 1, "one block changed");

        let main = file_id("/main.typ").expect("id");
        let mut cache = SourceCache::default();
        let first = cache.sources(main, &pa).expect("sources");
        let second = cache.sources(main, &pb).expect("sources");
        let hash = |s: &typst::syntax::Source| typst::utils::hash128(s);
        let same = first
            .iter()
            .zip(&second)
            .filter(|(x, y)| hash(x) == hash(y))
            .count();
        // As typst's cache sees them (by hash): all the same but the changed block's file.
        assert_eq!(same, first.len() - 1, "all but the changed block the same");

        // b after a (its unchanged blocks laid out from cache) and b alone give the same bytes.
        let engine = Engine::get().expect("engine");
        engine.export(&a, Standard::Plain).expect("a");
        let after = engine.export(&b, Standard::Plain).expect("b after a");
        let alone = std::thread::spawn(move || {
            comemo::evict(0);
            Engine::get()
                .expect("engine")
                .export(&b, Standard::Plain)
                .expect("b alone")
        })
        .join()
        .expect("thread");
        assert!(
            after == alone,
            "the PDF depends on what was laid out before"
        );
    }

    /// A block inserted at the top moves no other block's file: each keeps its number and
    /// source, so typst's cache still holds their layout.
    #[test]
    fn an_inserted_block_moves_no_other_file() {
        let a = sample("cong-van-ubnd-huu-lung.yaml");
        let mut b = a.clone();
        let mut para = first_para(&b);
        para.inlines = crate::doc::parse_inline("Một đoạn mới ở đầu.");
        b.blocks.insert(0, Block::Para(para));
        let (pa, pb) = (program(&a).expect("a"), program(&b).expect("b"));
        assert_eq!(pb.files.len(), pa.files.len() + 1);

        let main = file_id("/main.typ").expect("id");
        let mut cache = SourceCache::default();
        let first = cache.sources(main, &pa).expect("sources");
        let second = cache.sources(main, &pb).expect("sources");
        let hash = |s: &typst::syntax::Source| typst::utils::hash128(s);
        let before: std::collections::HashSet<u128> = first[2..].iter().map(hash).collect();
        let kept = second[2..]
            .iter()
            .filter(|s| before.contains(&hash(s)))
            .count();
        assert_eq!(
            kept,
            pa.files.len(),
            "every block of a is the same source in b"
        );
        // The new block takes the lowest number free: the one after a's.
        let new = second[2..]
            .iter()
            .find(|s| !before.contains(&hash(s)))
            .expect("new block");
        assert_eq!(new.id(), file_id(&file_path(pa.files.len())).expect("id"));
    }

    /// After [`MAX_FILES`] top-level blocks the rest are written in the main file,
    /// and the document lays out as usual.
    #[test]
    fn blocks_beyond_the_files_are_written_in_place() {
        let mut doc = sample("giay-moi-ubnd-huu-lung.yaml");
        let para = Block::Para(first_para(&doc));
        let before = doc.blocks.len();
        doc.blocks.extend(std::iter::repeat_n(para, MAX_FILES + 20));
        let p = program(&doc).expect("program");
        assert_eq!(p.files.len(), MAX_FILES);
        let main = p.main();
        let included = main.matches("include \"/vb/").count();
        assert_eq!(included, MAX_FILES);
        // The blocks past the files are code in the main file, after the last include.
        let last = main.rfind("include \"/vb/").expect("includes");
        let inline = main[last..].matches("block(").count();
        assert!(inline >= before + 20 - 1, "{inline} blocks in place");
        let (_, pages) = Engine::get()
            .expect("engine")
            .export_paged(&doc, Standard::Plain)
            .expect("lays out");
        assert!(pages > 1);
    }
}
