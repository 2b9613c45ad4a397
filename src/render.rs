//! One input file through the whole pipeline, outputs written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::diag::Diagnostic;
use crate::template::Templates;
use crate::{data, doc, export};

/// Which files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Only STEM.pdf.
    Pdf,
    /// Only STEM.docx.
    Docx,
    /// Both.
    Both,
}

impl OutputFormat {
    fn pdf(self) -> bool {
        matches!(self, OutputFormat::Pdf | OutputFormat::Both)
    }
    fn docx(self) -> bool {
        matches!(self, OutputFormat::Docx | OutputFormat::Both)
    }
}

/// Everything `render` needs to know, from the command line.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Output folder.
    pub out_dir: PathBuf,
    /// Which formats.
    pub format: OutputFormat,
    /// PDF standard.
    pub pdf_standard: export::pdf::Standard,
    /// Draft or final.
    pub stage: data::Stage,
    /// Warnings stop the document as errors do.
    pub deny_warnings: bool,
}

/// Intermediate stages, for `--emit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The block markup the template produced.
    Markup,
    /// The document tree, as JSON.
    Tree,
}

/// Run data -> template -> tree for one file.
pub fn build_tree(
    path: &Path,
    templates: &Templates,
    stage: data::Stage,
) -> Result<(String, doc::Document), Vec<Diagnostic>> {
    let checked = data::load(path, stage, templates.catalogue())?;
    tree_of(path, templates, &checked)
}

/// Template and tree of a checked document.
fn tree_of(
    path: &Path,
    templates: &Templates,
    checked: &data::Document,
) -> Result<(String, doc::Document), Vec<Diagnostic>> {
    let markup = templates.fill(checked).map_err(|e| {
        vec![
            Diagnostic::error(path, format!("không điền được mẫu văn bản: {e}")).with_hint(
                "sửa mẫu trong thư mục --templates, hoặc bỏ --templates để dùng mẫu có sẵn",
            ),
        ]
    })?;
    let tree = doc::build_with(&markup, templates.profiles()).map_err(|e| {
        vec![
            Diagnostic::error(
                path,
                format!("mẫu văn bản sinh ra nội dung không đọc được: {e}"),
            )
            .with_hint("kiểm tra mẫu trong thư mục --templates (xem docs/templates.md)"),
        ]
    })?;
    Ok((markup, tree))
}

/// The paths `render_file` writes for `input`.
pub fn output_paths(input: &Path, opts: &RenderOptions) -> Vec<PathBuf> {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "van-ban".into());
    let mut out = Vec::new();
    if opts.format.pdf() {
        out.push(opts.out_dir.join(format!("{stem}.pdf")));
    }
    if opts.format.docx() {
        out.push(opts.out_dir.join(format!("{stem}.docx")));
    }
    out
}

/// Render one file to DIR/STEM.pdf and/or DIR/STEM.docx. Both outputs are made in memory
/// first and then written through temporary files renamed into place, so a failure never
/// leaves a partial file. Returns the written paths and the warnings.
pub fn render_file(
    input: &Path,
    templates: &Templates,
    opts: &RenderOptions,
) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Vec<Diagnostic>> {
    write_made(input, make_file(input, templates, opts)?)
}

/// Render a document given as text rather than a file: documents vanban generates (per-unit
/// extracts, dossier documents, mail-merge records). `name` stands for the document in
/// messages and its extension gives the format (`.yaml`, `.json`, `.toml`); the outputs are
/// `opts.out_dir/STEM.pdf` and/or `.docx`.
pub fn render_source(
    name: &Path,
    text: &str,
    stem: &str,
    templates: &Templates,
    opts: &RenderOptions,
) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Vec<Diagnostic>> {
    write_made(name, make_source(name, text, stem, templates, opts)?)
}

/// Write a made document's outputs atomically.
fn write_made(
    input: &Path,
    made: Made,
) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut written = Vec::new();
    for (p, bytes) in made.files {
        write_atomic(&p, &bytes).map_err(|e| vec![write_error(input, &p, &e)])?;
        written.push(p);
    }
    Ok((written, made.warnings))
}

/// One document made in memory, not yet written: what a batch needs to hash, count and
/// write its outputs itself.
#[derive(Debug, Clone)]
pub struct Made {
    /// The output paths and their bytes, PDF before DOCX.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Number of pages of the laid-out document, when a PDF was made.
    pub pages: Option<usize>,
    /// Warnings (the document was made anyway).
    pub warnings: Vec<Diagnostic>,
}

/// As [`render_file`], but returns the outputs in memory instead of writing them.
pub fn make_file(
    input: &Path,
    templates: &Templates,
    opts: &RenderOptions,
) -> Result<Made, Vec<Diagnostic>> {
    let (checked, source) = data::load_with_source(input, opts.stage, templates.catalogue())?;
    let yaml = data::Format::of(input) == Some(data::Format::Yaml);
    make_checked(
        input,
        &checked,
        &source,
        yaml,
        output_paths(input, opts),
        templates,
        opts,
    )
}

/// As [`render_source`], but returns the outputs in memory instead of writing them.
pub fn make_source(
    name: &Path,
    text: &str,
    stem: &str,
    templates: &Templates,
    opts: &RenderOptions,
) -> Result<Made, Vec<Diagnostic>> {
    let Some(format) = data::Format::of(name) else {
        return Err(vec![Diagnostic::error(
            name,
            "không nhận ra định dạng dữ liệu",
        )]);
    };
    let nfc: String = text.nfc().collect();
    let checked = data::parse_str(name, format, &nfc, opts.stage, templates.catalogue())?;
    let paths = output_paths(Path::new(&format!("{}.yaml", safe_stem(stem))), opts);
    make_checked(
        name,
        &checked,
        text,
        format == data::Format::Yaml,
        paths,
        templates,
        opts,
    )
}

/// The message for an output that could not be written.
pub fn write_error(input: &Path, path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(input, format!("không ghi được {}: {e}", path.display()))
        .with_hint("kiểm tra thư mục -o có tồn tại và ghi được không")
}

/// Check, build and export one loaded document to `paths`, in memory.
fn make_checked(
    input: &Path,
    checked: &data::Document,
    source: &str,
    yaml: bool,
    paths: Vec<PathBuf>,
    templates: &Templates,
    opts: &RenderOptions,
) -> Result<Made, Vec<Diagnostic>> {
    // The rules of `vanban check`: errors stop the document, warnings are printed.
    let findings = crate::check::rules(input, checked, source, yaml, templates.catalogue());
    let mut warnings =
        crate::check::diagnostics(&findings, crate::check::Lang::Vi, opts.deny_warnings);
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(warnings);
    }
    let tree = tree_of(input, templates, checked)?.1;
    if let Some(w) = templates
        .profiles()
        .get(&tree.meta.profile)
        .and_then(|p| p.warning.as_ref())
    {
        warnings.push(Diagnostic::warning(input, w.clone()).at_field("profile"));
    }
    let missing = missing_glyphs(&tree);
    if !missing.is_empty() {
        warnings.push(
            Diagnostic::warning(
                input,
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
    let internal = |what: &str, e: &dyn std::fmt::Display| {
        vec![Diagnostic::error(
            input,
            format!("không tạo được {what}: {e}"),
        )]
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut pages = None;
    for p in paths {
        let bytes = if p.extension().is_some_and(|e| e == "pdf") {
            let (bytes, n) = export::pdf::export_paged(&tree, opts.pdf_standard)
                .map_err(|e| internal("PDF", &e))?;
            pages = Some(n);
            bytes
        } else {
            export::docx::export(&tree).map_err(|e| internal("DOCX", &e))?
        };
        files.push((p, bytes));
    }
    Ok(Made {
        files,
        pages,
        warnings,
    })
}

/// Write through a temporary file in the same folder, then rename over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".vanban-")
        .suffix(".part")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A file name stem made from data (a unit's name, a record's column): Vietnamese letters
/// lose their marks, everything but ASCII letters and digits becomes one `-`, so the name
/// is the same on every system and can never leave the output folder. "UBND xã Cẩm Bình"
/// -> "ubnd-xa-cam-binh". Empty results become "van-ban".
pub fn safe_stem(s: &str) -> String {
    let mut out = String::new();
    for c in s.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            '\u{300}'..='\u{36f}' => continue,
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(100);
    if out.is_empty() {
        "van-ban".into()
    } else {
        out
    }
}

/// Characters of the document the bundled font cannot draw.
fn missing_glyphs(tree: &doc::Document) -> Vec<char> {
    let mut all = crate::fonts::missing_chars(&tree.plain_text(), false, false);
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::safe_stem;

    #[test]
    fn stems_are_ascii_and_stay_in_the_folder() {
        assert_eq!(safe_stem("UBND xã Cẩm Bình"), "ubnd-xa-cam-binh");
        assert_eq!(
            safe_stem("Sở Nông nghiệp và Phát triển nông thôn"),
            "so-nong-nghiep-va-phat-trien-nong-thon"
        );
        assert_eq!(safe_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_stem("Đồng Lộc"), "dong-loc");
        assert_eq!(safe_stem("///"), "van-ban");
    }
}
