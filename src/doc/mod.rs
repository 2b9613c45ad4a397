//! The format-neutral document tree: what both exporters receive.
//!
//! The tree knows pages, paragraphs with their typographic style, borderless column
//! layouts (the two-column header and signature area), stamps, footnotes and page
//! numbering. It knows nothing of YAML, templates, typst or Word; sizes are typed
//! ([`Pt`], [`Mm`]) and converted to raw units only at the exporter edge.
//!
//! [`build`] turns the block markup produced by the templates into this tree.

mod assemble;
mod build;
mod inline;
#[cfg(test)]
mod literals;
pub mod profile;

pub use build::{BuildError, build, build_with};
pub use inline::parse_inline;

use serde::{Deserialize, Serialize};

/// A length in typographic points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Pt(pub f32);

/// A length in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Mm(pub f32);

impl Pt {
    /// Twentieths of a point (Word's "twips").
    pub fn twips(self) -> i32 {
        (self.0 * 20.0).round() as i32
    }
    /// Half-points (Word's font sizes).
    pub fn half_points(self) -> usize {
        (self.0 * 2.0).round().max(0.0) as usize
    }
    /// Eighths of a point (Word's border widths).
    pub fn eighths(self) -> usize {
        (self.0 * 8.0).round().max(0.0) as usize
    }
    /// The same length in millimetres.
    pub fn mm(self) -> Mm {
        Mm(self.0 * 25.4 / 72.0)
    }
}

impl Mm {
    /// Twentieths of a point (Word's "twips"): 1 mm = 56.69 twips.
    pub fn twips(self) -> i32 {
        (self.0 * 1440.0 / 25.4).round() as i32
    }
    /// The same length in points.
    pub fn pt(self) -> Pt {
        Pt(self.0 * 72.0 / 25.4)
    }
}

/// A whole document: page setup and the blocks in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Page size, margins and page numbering.
    pub page: PageSetup,
    /// Everything on the pages, in reading order.
    pub blocks: Vec<Block>,
    /// Metadata written into the PDF and DOCX properties.
    pub meta: Meta,
    /// How the rules under paragraphs are drawn.
    pub rule: RuleStyle,
    /// How footnotes are set.
    pub footnotes: FootnoteStyle,
    /// Values only the DOCX needs: Word has things the PDF has no counterpart for.
    pub docx: DocxValues,
}

/// The solid rules under the Tiêu ngữ, the issuing body and the trích yếu
/// ([`Para::rule_below`]). Profile table `rule`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleStyle {
    /// Thickness of the line (in DOCX a paragraph border: a multiple of 1/8 pt).
    pub thickness: Pt,
    /// From the bottom of the text's last line (its descender line, where Word's line box
    /// ends) to the rule. The DOCX makes it the height of the empty paragraph whose bottom
    /// border is the rule.
    pub gap: Pt,
}

/// Footnotes (chú thích cuối trang). Profile table `footnote`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FootnoteStyle {
    /// Size of the note text.
    pub size: Pt,
    /// Length of the separator line above the notes, as a share of the text width (PDF:
    /// Word draws its own separator, whose length cannot be set).
    pub separator: f32,
    /// Thickness of the separator line (PDF; Word draws its own).
    pub separator_rule: Pt,
    /// Space between two notes (PDF; the DOCX notes follow each other with none).
    pub gap: Pt,
    /// Space between the body text and the separator (PDF; Word's separator is a
    /// paragraph of its own).
    pub clearance: Pt,
}

/// What only the DOCX needs. Profile table `docx`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocxValues {
    /// Height of the empty paragraphs Word needs after a table that ends a cell, a section
    /// or the body (the PDF has no such paragraph).
    pub filler: Pt,
}

/// Document properties (PDF info, DOCX core properties).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Meta {
    /// Title: the kind and the subject.
    pub title: String,
    /// Author: the issuing body.
    pub author: String,
    /// Creation date as `YYYY-MM-DD`, if the document carries a full date.
    pub date: Option<String>,
    /// The layout profile the document was built with (`nd30`, `party-2018`, …).
    pub profile: String,
}

/// Page geometry. NĐ 30/2020, Phụ lục I, Phần I, Mục I: A4 portrait, margins in ranges.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageSetup {
    /// Page width (A4: 210 mm).
    pub width: Mm,
    /// Page height (A4: 297 mm).
    pub height: Mm,
    /// Top margin (20–25 mm).
    pub margin_top: Mm,
    /// Bottom margin (20–25 mm).
    pub margin_bottom: Mm,
    /// Left margin (30–35 mm).
    pub margin_left: Mm,
    /// Right margin (15–20 mm).
    pub margin_right: Mm,
    /// Page number, centred in the top margin, not on page 1 (NĐ 30, Phụ lục I, I.7).
    pub page_number: Option<PageNumber>,
    /// Body font size, the default for every paragraph.
    pub base_size: Pt,
    /// From the top edge of the page to the top of the header's line, the page number
    /// (Word's header distance).
    pub header_distance: Mm,
    /// From the bottom edge of the page to the footer (DOCX only: Word wants the value;
    /// vanban writes no footer).
    pub footer_distance: Mm,
}

impl PageSetup {
    /// Width of the text area.
    pub fn text_width(&self) -> Mm {
        Mm(self.width.0 - self.margin_left.0 - self.margin_right.0)
    }
}

/// Số trang: how page numbers are printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageNumber {
    /// Size of the number (13–14 pt).
    pub size: Pt,
    /// Whether page 1 shows no number (always true under NĐ 30).
    pub skip_first: bool,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// Borderless side-by-side columns (the header, Kính gửi, the signature area).
    Columns(Columns),
    /// A framed stamp such as "HỎA TỐC" (NĐ 30, Phụ lục I, III.2.b).
    Stamp(Stamp),
    /// A ruled table (appendices: merged cells, a header repeated on every page, rows
    /// that never split across pages).
    Table(Table),
    /// Starts a new section on a new page: the blocks after it, up to the next section
    /// break, are one appendix (Phụ lục), possibly landscape, with its own page numbers.
    SectionBreak(SectionBreak),
}

/// A ruled table. Cell borders are single lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Column widths; they add up to the text width of the section.
    pub widths: Vec<Mm>,
    /// How many of the first rows form the header, repeated at the top of every page.
    pub header_rows: usize,
    /// The rows. A cell spanning n columns stands for n of them; a cell covered by a
    /// row span above is not listed (as in HTML).
    pub rows: Vec<Vec<Cell>>,
    /// Space before the table.
    pub space_before: Pt,
    /// Thickness of the cell borders.
    pub rule: Pt,
    /// Padding inside every cell, on every side.
    pub padding: Pt,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// The cell's paragraphs.
    pub blocks: Vec<Block>,
    /// Columns spanned (1 = none).
    pub colspan: usize,
    /// Rows spanned (1 = none).
    pub rowspan: usize,
    /// The cell's row stays on the page of the row after it (a group row of the task
    /// appendix with its first task): `w:keepNext` in the DOCX, an unbreakable span in the PDF.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep_with_next: bool,
}

/// A section break: what the pages after it look like.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionBreak {
    /// Landscape A4 pages (wide tables; NĐ 30, Phụ lục I, I.2).
    pub landscape: bool,
    /// Number the section's pages from 1 (each appendix is numbered separately, NĐ 30,
    /// Phụ lục I, III.1.đ); the first page of the section shows no number.
    pub restart_page_numbers: bool,
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified (last line flush left).
    Justify,
}

/// A paragraph: inline content with its style.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Para {
    /// The text runs.
    pub inlines: Vec<Inline>,
    /// Typography and spacing.
    pub style: ParaStyle,
    /// A solid rule under the paragraph's last line, as a share of that line's text width,
    /// centred under it (the rules under the Tiêu ngữ, the issuing body, the trích yếu).
    pub rule_below: Option<f32>,
    /// Keep this paragraph on the same page as the next block.
    pub keep_with_next: bool,
}

/// How a paragraph looks. Every field is explicit: the exporters apply no defaults of their own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParaStyle {
    /// The style's name, written to DOCX as a named paragraph style ("VB Body", …).
    pub name: StyleName,
    /// Font size.
    pub size: Pt,
    /// Whole paragraph bold.
    pub bold: bool,
    /// Whole paragraph italic.
    pub italic: bool,
    /// Alignment.
    pub align: Align,
    /// First-line indent (NĐ 30: 1 cm or 1.27 cm for body text).
    pub first_line_indent: Mm,
    /// Indent of the whole paragraph from the left, with the first line outdented by
    /// `hanging` (dash lists whose continuation lines align after the dash).
    pub left_indent: Mm,
    /// How far the first line starts left of `left_indent`.
    pub hanging: Mm,
    /// Space before the paragraph.
    pub space_before: Pt,
    /// Space after the paragraph.
    pub space_after: Pt,
    /// Line spacing as a multiple of single spacing (NĐ 30: 1.0 to 1.5).
    pub line_spacing: f32,
}

/// The named paragraph styles. Each tree paragraph carries one; DOCX declares them in
/// styles.xml so a clerk editing in Word sees "VB Body", "VB Heading", ….
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum StyleName {
    /// Tên cơ quan chủ quản, tên cơ quan ban hành, Quốc hiệu, Tiêu ngữ.
    Header,
    /// Số, ký hiệu; địa danh, ngày tháng; V/v.
    HeaderLine,
    /// Tên loại and trích yếu of documents with a title block.
    Title,
    /// Kính gửi.
    Recipients,
    /// Body text.
    Body,
    /// Numbered section headings inside the body.
    Heading,
    /// Dash items in the body.
    ListItem,
    /// Quyền hạn, chức vụ, họ tên of the signer.
    Signature,
    /// "Nơi nhận:" and its list, ô 12.
    Distribution,
    /// Footnote text.
    Footnote,
    /// Text in table cells.
    Table,
}

impl StyleName {
    /// The style id and display name used in DOCX.
    pub fn docx_name(self) -> (&'static str, &'static str) {
        match self {
            StyleName::Header => ("VBHeader", "VB Header"),
            StyleName::HeaderLine => ("VBHeaderLine", "VB Header Line"),
            StyleName::Title => ("VBTitle", "VB Title"),
            StyleName::Recipients => ("VBRecipients", "VB Recipients"),
            StyleName::Body => ("VBBody", "VB Body"),
            StyleName::Heading => ("VBHeading", "VB Heading"),
            StyleName::ListItem => ("VBListItem", "VB List Item"),
            StyleName::Signature => ("VBSignature", "VB Signature"),
            StyleName::Distribution => ("VBDistribution", "VB Distribution"),
            StyleName::Footnote => ("VBFootnote", "VB Footnote"),
            StyleName::Table => ("VBTable", "VB Table"),
        }
    }
}

/// Inline content of a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Inline {
    /// A run of text with its own marks (added to the paragraph's bold/italic).
    Text {
        /// The characters, NFC.
        text: String,
        /// Bold run.
        bold: bool,
        /// Italic run.
        italic: bool,
        /// Raised or lowered (subscripts such as NL₅).
        #[serde(skip_serializing_if = "is_baseline")]
        script: Script,
    },
    /// A footnote: the reference mark here, the note at the foot of the page.
    Footnote {
        /// The note's text.
        inlines: Vec<Inline>,
    },
    /// A forced line break inside the paragraph.
    LineBreak,
}

fn is_baseline(s: &Script) -> bool {
    *s == Script::Baseline
}

/// Vertical position of a text run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Script {
    /// Normal text.
    #[default]
    Baseline,
    /// Chỉ số dưới (subscript).
    Sub,
    /// Chỉ số trên (superscript).
    Super,
}

/// Side-by-side columns without borders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Columns {
    /// Column widths; they add up to the text width.
    pub widths: Vec<Mm>,
    /// Rows of cells; each cell holds blocks (paragraphs, stamps).
    pub rows: Vec<Vec<Vec<Block>>>,
    /// Keep this block on the same page as the block before it (the signature area with
    /// the last paragraph of the body).
    pub keep_with_previous: bool,
    /// Space before the whole block.
    pub space_before: Pt,
}

/// A framed stamp: độ khẩn (HỎA TỐC 30×8 mm, THƯỢNG KHẨN 40×8 mm, KHẨN 20×8 mm) or
/// phạm vi lưu hành.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stamp {
    /// Text, upper case.
    pub text: String,
    /// Frame width.
    pub width: Mm,
    /// Frame height.
    pub height: Mm,
    /// Text size (13–14 pt, bold).
    pub size: Pt,
    /// Alignment of the frame in its column.
    pub align: Align,
    /// Space before the frame.
    pub space_before: Pt,
    /// Thickness of the frame.
    pub frame: Pt,
}

pub use crate::grid::check_spans;

impl Document {
    /// All text of the document in reading order, one paragraph a line, footnotes after the
    /// paragraph that cites them. Used to check that both exporters carry the same text.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        let mut notes = Vec::new();
        for b in &self.blocks {
            block_text(b, &mut out, &mut notes);
        }
        for n in notes {
            out.push_str(&n);
            out.push('\n');
        }
        out
    }
}

fn block_text(b: &Block, out: &mut String, notes: &mut Vec<String>) {
    match b {
        Block::Para(p) => {
            inline_text(&p.inlines, out, notes);
            out.push('\n');
        }
        Block::Columns(c) => {
            for row in &c.rows {
                for cell in row {
                    for b in cell {
                        block_text(b, out, notes);
                    }
                }
            }
        }
        Block::Stamp(s) => {
            out.push_str(&s.text);
            out.push('\n');
        }
        Block::Table(t) => {
            for row in &t.rows {
                for cell in row {
                    for b in &cell.blocks {
                        block_text(b, out, notes);
                    }
                }
            }
        }
        Block::SectionBreak(_) => {}
    }
}

fn inline_text(inlines: &[Inline], out: &mut String, notes: &mut Vec<String>) {
    for i in inlines {
        match i {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::LineBreak => out.push('\n'),
            Inline::Footnote { inlines } => {
                let mut s = String::new();
                let mut inner = Vec::new();
                inline_text(inlines, &mut s, &mut inner);
                notes.push(s);
                notes.extend(inner);
            }
        }
    }
}
