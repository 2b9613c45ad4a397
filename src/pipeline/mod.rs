//! One document through the whole pipeline, in memory:
//!
//! ```text
//! Source ──data::load──▶ data::Document ──rules::lint──▶ findings (errors stop here)
//!                              │
//!                      template::fill ──▶ block markup ──doc::build──▶ doc::Document (the tree)
//!                                                                          │
//!                                                        export::export(Pdf | Docx) ──▶ bytes
//! ```
//!
//! [`Resources`] (templates, kind catalogue, layout profiles) are loaded once per run and
//! shared by every document. [`make`] returns the bytes of each format; writing them is the
//! business of [`crate::output`].

mod resources;

use std::path::{Path, PathBuf};

use crate::data::{self, Format as DataFormat, model};
use crate::diag::rules::{self as catalogue_rules, Finding};
use crate::diag::{Diagnostic, Lang};
use crate::export::{self, Format, Formats, PdfStandard};
use crate::{doc, fonts, rules};

pub use resources::Resources;

/// A document to make.
#[derive(Debug, Clone)]
pub enum Source {
    /// A data file (YAML, JSON or TOML, by its extension).
    File(PathBuf),
    /// A document given as text; `name` stands for it in messages and its extension gives
    /// the format.
    Text {
        /// The name in messages (`.yaml`, `.json` or `.toml`).
        name: PathBuf,
        /// The text.
        text: String,
    },
    /// A document vanban generated (mail merge, extracts, dossiers), already in the input
    /// model; `name` stands for it in messages.
    Input {
        /// The name in messages.
        name: PathBuf,
        /// The document.
        input: Box<model::Input>,
    },
}

impl Source {
    /// The name that stands for the source in messages.
    pub fn name(&self) -> &Path {
        match self {
            Source::File(p) => p,
            Source::Text { name, .. } | Source::Input { name, .. } => name,
        }
    }
}

/// What the pipeline does with a document, from the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Which formats.
    pub formats: Formats,
    /// PDF standard.
    pub pdf_standard: PdfStandard,
    /// Draft or final.
    pub stage: data::Stage,
    /// Warnings stop the document as errors do.
    pub deny_warnings: bool,
}

/// One document made in memory, not yet written.
#[derive(Debug, Clone)]
pub struct Made {
    /// The files' bytes, in the order of [`Formats::list`].
    pub files: Vec<(Format, Vec<u8>)>,
    /// Number of pages of the laid-out document, when a PDF was made.
    pub pages: Option<usize>,
    /// Warnings (the document was made anyway).
    pub warnings: Vec<Diagnostic>,
}

/// A loaded, checked document with what the rules need of its source.
pub struct Loaded {
    /// The checked document.
    pub doc: data::Document,
    /// The source text as written, when it was text (empty for generated input).
    pub text: String,
    /// Whether the text is YAML (lines can be found by field path).
    pub yaml: bool,
}

/// Read and check a document.
pub fn load(
    source: &Source,
    res: &Resources,
    stage: data::Stage,
) -> Result<Loaded, Vec<Diagnostic>> {
    load_patched(source, res, stage, &mut |_| {})
}

/// [`load`], with `patch` applied to the input model before the checks: the register
/// writes the number and date it gives at issue over the file's own.
pub fn load_patched(
    source: &Source,
    res: &Resources,
    stage: data::Stage,
    patch: &mut dyn FnMut(&mut model::Input),
) -> Result<Loaded, Vec<Diagnostic>> {
    let loaded = load_unchecked(source, res, stage, patch)?;
    // The profile must be one of the run's profiles: `check` reports what `render` refuses.
    if res.profiles().get(&loaded.doc.profile).is_none() {
        let ids = res
            .profiles()
            .ids()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let p = &loaded.doc.profile;
        let line = data::locate::line_of(DataFormat::Yaml, &loaded.text, "profile")
            .filter(|_| loaded.yaml);
        return Err(vec![
            Diagnostic::error_bi(
                source.name(),
                (
                    format!("không có bộ quy tắc trình bày `{p}`"),
                    format!("there is no layout profile `{p}`"),
                ),
            )
            .at_field("profile")
            .at_line(line)
            .with_hint_bi((
                format!("dùng một trong {ids}, hoặc bỏ `profile` để vanban tự chọn"),
                format!("use one of {ids}, or remove `profile` to let vanban choose"),
            )),
        ]);
    }
    Ok(loaded)
}

fn load_unchecked(
    source: &Source,
    res: &Resources,
    stage: data::Stage,
    patch: &mut dyn FnMut(&mut model::Input),
) -> Result<Loaded, Vec<Diagnostic>> {
    let cat = res.catalogue();
    match source {
        Source::File(path) => {
            let (doc, text) = data::load_patched(path, stage, cat, patch)?;
            let yaml = DataFormat::of(path) == Some(DataFormat::Yaml);
            Ok(Loaded { doc, text, yaml })
        }
        Source::Text { name, text } => {
            let Some(format) = DataFormat::of(name) else {
                return Err(vec![Diagnostic::error(
                    name,
                    "không nhận ra định dạng dữ liệu",
                )]);
            };
            let nfc = data::source::normalise(text);
            let doc = data::parse_patched(name, format, &nfc, stage, cat, patch)?;
            Ok(Loaded {
                doc,
                text: text.clone(),
                yaml: format == DataFormat::Yaml,
            })
        }
        Source::Input { name, input } => {
            let mut input = (**input).clone();
            patch(&mut input);
            let doc = data::from_input(name, input, stage, cat)?;
            Ok(Loaded {
                doc,
                text: String::new(),
                yaml: false,
            })
        }
    }
}

/// Every finding of `vanban check` for one document: load errors, then the rules.
pub fn check(source: &Source, res: &Resources, stage: data::Stage) -> Vec<Finding> {
    match load(source, res, stage) {
        Err(diags) => diags.iter().map(rules::input_finding).collect(),
        Ok(l) => rules::lint(source.name(), &l.doc, &l.text, l.yaml, res.catalogue()),
    }
}

/// data -> template -> tree for one document: the block markup and the tree (`--emit`).
pub fn build_tree(
    source: &Source,
    res: &Resources,
    stage: data::Stage,
) -> Result<(String, doc::Document), Vec<Diagnostic>> {
    let loaded = load(source, res, stage)?;
    tree_of(source.name(), res, &loaded.doc)
}

/// Template and tree of a checked document.
fn tree_of(
    name: &Path,
    res: &Resources,
    checked: &data::Document,
) -> Result<(String, doc::Document), Vec<Diagnostic>> {
    // A template error is a mistake in the template: it points at the template's line and
    // names the data file it was filling.
    let markup = res.templates().fill(checked).map_err(|e| {
        vec![
            Diagnostic::error_bi(
                &e.file,
                (
                    format!(
                        "không điền được mẫu văn bản cho `{}`: {}",
                        name.display(),
                        e.detail
                    ),
                    format!(
                        "the template could not be filled for `{}`: {}",
                        name.display(),
                        e.detail
                    ),
                ),
            )
            .at_line(e.line)
            .with_hint_bi(if res.custom() {
                (
                    "sửa mẫu trong thư mục --templates, hoặc bỏ --templates để dùng mẫu có sẵn",
                    "fix the template in the --templates folder, or drop --templates to use the built-in one",
                )
            } else {
                // the built-in templates ran out of steps or room: the document is too big
                (
                    "văn bản quá lớn cho mẫu có sẵn: tách nó thành nhiều văn bản (xem docs/limits.md)",
                    "the document is too big for the built-in template: split it into several documents (see docs/limits.md)",
                )
            }),
        ]
    })?;
    let tree = doc::build_with(&markup, res.profiles()).map_err(|e| {
        vec![
            Diagnostic::error(
                name,
                format!("mẫu văn bản sinh ra nội dung không đọc được: {e}"),
            )
            .with_hint(if res.custom() {
                "kiểm tra mẫu trong thư mục --templates (xem docs/templates.md)"
            } else {
                "xin báo lại lỗi này cho nhóm phát triển, kèm tệp dữ liệu"
            }),
        ]
    })?;
    Ok((markup, tree))
}

/// Make one document: load and check it, apply the rules (errors stop it, warnings are
/// returned), build the tree and export every format of `opts`.
pub fn make(source: &Source, res: &Resources, opts: &Options) -> Result<Made, Vec<Diagnostic>> {
    let loaded = load(source, res, opts.stage)?;
    make_loaded(source.name(), &loaded, res, opts)
}

/// The rules of `vanban check` on a loaded document, as diagnostics: errors stop it.
pub fn lint(name: &Path, loaded: &Loaded, res: &Resources, deny_warnings: bool) -> Vec<Diagnostic> {
    let findings = rules::lint(
        name,
        &loaded.doc,
        &loaded.text,
        loaded.yaml,
        res.catalogue(),
    );
    catalogue_rules::diagnostics(&findings, Lang::Vi, deny_warnings)
}

/// [`make`] of a document already loaded (`name` stands for it in messages).
pub fn make_loaded(
    name: &Path,
    loaded: &Loaded,
    res: &Resources,
    opts: &Options,
) -> Result<Made, Vec<Diagnostic>> {
    // The rules of `vanban check`: errors stop the document, warnings are printed.
    let mut warnings = lint(name, loaded, res, opts.deny_warnings);
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(warnings);
    }
    let tree = tree_of(name, res, &loaded.doc)?.1;
    if let Some(w) = res
        .profiles()
        .get(&tree.meta.profile)
        .and_then(|p| p.warning.as_ref())
    {
        warnings.push(Diagnostic::warning(name, w.clone()).at_field("profile"));
    }
    let missing = missing_glyphs(&tree);
    if !missing.is_empty() {
        warnings.push(
            Diagnostic::warning(
                name,
                format!(
                    "phông chữ không có các ký tự: {} (chúng sẽ hiện thành ô trống)",
                    missing
                        .iter()
                        .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .with_hint("thay các ký tự này bằng chữ Unicode tiếng Việt thông thường"),
        );
    }
    // The formats are made side by side, each on a thread of its own (the PDF on this one):
    // a document in PDF and DOCX takes about the PDF's time, not the sum (issue 17).
    let export_one = |format: Format| {
        export::export(&tree, format, opts.pdf_standard)
            .map_err(|e| vec![Diagnostic::error(name, e.to_string())])
    };
    let list = opts.formats.list();
    let outs: Vec<Result<export::Exported, Vec<Diagnostic>>> = std::thread::scope(|scope| {
        let others: Vec<_> = list
            .iter()
            .skip(1)
            .map(|&format| scope.spawn(move || export_one(format)))
            .collect();
        let mut outs: Vec<_> = list.first().map(|&f| export_one(f)).into_iter().collect();
        for handle in others {
            outs.push(handle.join().unwrap_or_else(|_| {
                Err(vec![Diagnostic::error(
                    name,
                    "lỗi nội bộ khi xuất văn bản (xin báo lại cho nhóm phát triển)",
                )])
            }));
        }
        outs
    });
    let mut files = Vec::new();
    let mut pages = None;
    for (&format, out) in list.iter().zip(outs) {
        let out = out?;
        pages = pages.or(out.pages);
        files.push((format, out.bytes));
    }
    Ok(Made {
        files,
        pages,
        warnings,
    })
}

/// The pages of one document drawn as SVG images, for the editor's preview: loaded and laid
/// out as [`make`] does (same tree, same typst layout as the PDF), but the rules' findings
/// do not stop it: the editor shows them beside the pages ([`check`]).
pub fn preview(
    source: &Source,
    res: &Resources,
    stage: data::Stage,
) -> Result<Vec<export::pdf::PagePreview>, Vec<Diagnostic>> {
    let (_, tree) = build_tree(source, res, stage)?;
    export::pdf::svg_pages(&tree).map_err(|e| vec![Diagnostic::error(source.name(), e.to_string())])
}

/// The findings of [`check`] and the pages of [`preview`] from one load of the document:
/// what the editor shows after each edit.
pub fn check_and_preview(
    source: &Source,
    res: &Resources,
    stage: data::Stage,
) -> (
    Vec<Finding>,
    Result<Vec<export::pdf::PagePreview>, Vec<Diagnostic>>,
) {
    match load(source, res, stage) {
        Err(diags) => (diags.iter().map(rules::input_finding).collect(), Err(diags)),
        Ok(l) => {
            let findings = rules::lint(source.name(), &l.doc, &l.text, l.yaml, res.catalogue());
            let pages = tree_of(source.name(), res, &l.doc).and_then(|(_, tree)| {
                export::pdf::svg_pages(&tree)
                    .map_err(|e| vec![Diagnostic::error(source.name(), e.to_string())])
            });
            (findings, pages)
        }
    }
}

/// Characters of the document the bundled font cannot draw.
fn missing_glyphs(tree: &doc::Document) -> Vec<char> {
    let mut all = fonts::missing_chars(&tree.plain_text(), false, false);
    all.sort_unstable();
    all.dedup();
    all
}
