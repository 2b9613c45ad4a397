//! What vanban reads from a DOCX: paragraphs in document order (those of tables and text
//! boxes included) with their resolved formatting, the block structure, the page setup.

use super::styles::{ParaProps, RunProps};

/// A read document.
#[derive(Debug, Clone, Default)]
pub struct Docx {
    /// Every paragraph in reading order; `Para::index` is its place (1-based).
    pub paras: Vec<Para>,
    /// The body's blocks (paragraphs by their place in `paras`, tables).
    pub body: Vec<Block>,
    /// The page setup of the first section (the one page 1 is in).
    pub page: Page,
    /// Whether page 1 has its own header (`w:titlePg` of the first section).
    pub title_page: bool,
    /// The headers and footers of the first section.
    pub headers: Vec<HeaderInfo>,
    /// Every section, in order (a document has at least one).
    pub sections: Vec<Section>,
    /// The paragraphs (1-based) holding images.
    pub images: Vec<usize>,
    /// Whether pages are known (Word's rendered page breaks, or hard page breaks).
    pub paged: bool,
    /// The number of pages: Word's rendered breaks, else `docProps/app.xml`, else estimated.
    pub page_count: Option<usize>,
    /// Whether the pages of the paragraphs are an estimate.
    pub pages_estimated: bool,
    /// Whether the page count is an estimate (no page breaks of Word, no `<Pages>`).
    pub page_count_estimated: bool,
}

/// A section of the document (Layout → Breaks → Section Break).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    /// Its first paragraph (0-based place in [`Docx::paras`]).
    pub first: usize,
    /// Its page setup.
    pub page: Page,
    /// Whether its first page has its own header (`w:titlePg`).
    pub title_page: bool,
    /// Whether its page numbers start again (`w:pgNumType/@w:start`).
    pub restart: bool,
    /// Its header and footer references: (type, relationship id), a footer's type
    /// `footer-default` ….
    pub refs: Vec<(String, String)>,
    /// Its headers and footers, those it inherits from the section before included.
    pub headers: Vec<HeaderInfo>,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph: its 0-based position in [`Docx::paras`].
    Para(usize),
    /// A table.
    Table(Table),
}

/// A table; `depth` is 0 for a table of the body, 1 inside a cell, …
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The rows of cells.
    pub rows: Vec<Vec<Cell>>,
    /// Nesting depth.
    pub depth: usize,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Its content.
    pub blocks: Vec<Block>,
    /// Columns spanned.
    pub span: usize,
    /// A continuation of a vertically merged cell.
    pub merged: bool,
    /// Its width in twips, when given.
    pub width: Option<i64>,
}

/// The page setup, in twips.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Width.
    pub width: Option<i64>,
    /// Height.
    pub height: Option<i64>,
    /// Landscape.
    pub landscape: bool,
    /// Top margin.
    pub top: Option<i64>,
    /// Bottom margin.
    pub bottom: Option<i64>,
    /// Left margin.
    pub left: Option<i64>,
    /// Right margin.
    pub right: Option<i64>,
}

/// A header part, as far as page numbers go.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeaderInfo {
    /// `default`, `first` or `even`.
    pub kind: String,
    /// Whether it holds a PAGE field.
    pub page_number: bool,
    /// Whether that field's paragraph is centred.
    pub centred: bool,
    /// Its size in half-points.
    pub size: Option<u32>,
    /// All its text.
    pub text: String,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// 1-based place in the document.
    pub index: usize,
    /// Its page, when pages are known.
    pub page: Option<usize>,
    /// Its text (tabs as `\t`, line breaks as `\n`).
    pub text: String,
    /// Its runs with resolved properties.
    pub runs: Vec<Run>,
    /// Resolved paragraph properties.
    pub props: ParaProps,
    /// Its style id.
    pub style: Option<String>,
    /// 0 in the body, 1 in a table cell, 2 in a nested table or a text box …
    pub depth: usize,
    /// Images in it.
    pub images: usize,
    /// Drawn lines in it.
    pub lines: usize,
    /// The length of its longest drawn line, in twips, when the drawing gives it.
    pub line_len: Option<i64>,
    /// The width of the table cell it is in (twips), when known; `None` in the body.
    pub container: Option<i64>,
    /// Whether it holds a PAGE field.
    pub page_number: bool,
    /// A right brace drawn as a shape (Shapes → Right Brace) anchored here: its height in
    /// twips (0 when the drawing does not say).
    pub brace: Option<i64>,
}

impl Para {
    /// The runs that carry visible text.
    pub fn text_runs(&self) -> impl Iterator<Item = &Run> {
        self.runs.iter().filter(|r| !r.text.trim().is_empty())
    }

    /// A property of all text runs if they agree: `Some(true)` all set, `Some(false)` none
    /// or mixed; `None` with no text.
    pub fn all(&self, f: impl Fn(&RunProps) -> Option<bool>) -> Option<bool> {
        let mut any = false;
        for r in self.text_runs() {
            any = true;
            if f(&r.props) != Some(true) {
                return Some(false);
            }
        }
        any.then_some(true)
    }

    /// The size (half-points) most of the text has.
    pub fn size(&self) -> Option<u32> {
        let mut by: Vec<(u32, usize)> = Vec::new();
        for r in self.text_runs() {
            let s = r.props.size.unwrap_or(20);
            let n = r.text.chars().count();
            match by.iter_mut().find(|(k, _)| *k == s) {
                Some(e) => e.1 += n,
                None => by.push((s, n)),
            }
        }
        by.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s)
    }

    /// The font most of the text has.
    pub fn font(&self) -> Option<String> {
        let mut by: Vec<(String, usize)> = Vec::new();
        for r in self.text_runs() {
            let f = r.props.font.clone().unwrap_or_default();
            let n = r.text.chars().count();
            match by.iter_mut().find(|(k, _)| *k == f) {
                Some(e) => e.1 += n,
                None => by.push((f, n)),
            }
        }
        by.into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(s, _)| s)
            .filter(|s| !s.is_empty())
    }

    /// The text with line breaks and tabs as spaces, trimmed.
    pub fn flat(&self) -> String {
        self.text
            .split(['\n', '\t'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A run.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Its text.
    pub text: String,
    /// Resolved properties.
    pub props: RunProps,
}
