//! Tree -> docx-rs. The only place that knows Word's raw units: twips (1/20 pt) for lengths,
//! half-points for font sizes, eighths of a point for borders.
//!
//! Each paragraph references its named style and also carries its spacing, indents and
//! alignment as direct formatting; run properties (size, bold, italic) are written where they
//! differ from the style, whose values are those most paragraphs of that style use. What Word
//! or LibreOffice shows is therefore the tree's value, whatever the style says.

use std::collections::BTreeMap;

use docx_rs::{
    AlignmentType, BorderType, Docx, FieldCharType, Footnote, Header, HeightRule, InstrPAGE,
    InstrText, LineSpacing, LineSpacingType, PageMargin, PageNumType, PageOrientationType,
    PageSize, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    RunProperty, SectionProperty, SpecialIndentType, Style, StyleType, Table, TableAlignmentType,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, VMergeType, VertAlignType, WidthType,
};

use super::{DocxError, measure};

mod blocks;
mod runs;

/// Word's non-breaking hyphen: typed by the user, written as `w:noBreakHyphen` when the
/// package is repacked (the character itself is not in every font).
pub(super) const NO_BREAK_HYPHEN: char = '\u{2011}';

use crate::doc::{
    Align, Block, Columns, Document, FootnoteStyle, Inline, Mm, Para, ParaStyle, Pt, RuleStyle,
    Script, Stamp, StyleName, Table as RuledTable, check_spans,
};
use crate::fonts::DOCX_FAMILY;
use blocks::Builder;
use runs::*;

/// Every named style, in the order styles.xml lists them.
pub(super) const STYLE_NAMES: [StyleName; 11] = [
    StyleName::Header,
    StyleName::HeaderLine,
    StyleName::Title,
    StyleName::Recipients,
    StyleName::Body,
    StyleName::Heading,
    StyleName::ListItem,
    StyleName::Signature,
    StyleName::Distribution,
    StyleName::Footnote,
    StyleName::Table,
];

/// Fails to compile when [`StyleName`] gains a variant [`STYLE_NAMES`] does not list.
const _: fn(StyleName) = |name| match name {
    StyleName::Header
    | StyleName::HeaderLine
    | StyleName::Title
    | StyleName::Recipients
    | StyleName::Body
    | StyleName::Heading
    | StyleName::ListItem
    | StyleName::Signature
    | StyleName::Distribution
    | StyleName::Footnote
    | StyleName::Table => {}
};

/// The paragraph style of stamp text: the tree gives stamps no style name.
const STAMP_STYLE: (&str, &str) = ("VBStamp", "VB Stamp");
/// Word's built-in style id of paragraphs the tree does not have (spacers, the page number).
const NORMAL_STYLE: &str = "Normal";
/// Word's built-in character style of footnote reference marks (superscript).
const FOOTNOTE_REFERENCE_STYLE: (&str, &str) = ("FootnoteReference", "footnote reference");

/// The docx-rs document and what the package step needs to know about it.
pub(super) struct Built {
    /// The document, ready to pack.
    pub docx: Docx,
    /// How many footnotes it has (ids 1..=footnotes).
    pub footnotes: usize,
    /// For each table of the body, in document order (nested ones after their parent's
    /// start), how many of its first rows repeat on every page: docx-rs cannot mark them.
    pub header_rows: Vec<usize>,
}

/// What goes into a body, a cell or a header: docx-rs has no common type for it.
enum Item {
    P(Box<Paragraph>),
    T(Box<Table>),
}

/// Where a block is laid out.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    /// Width available to the block, in points.
    width: f32,
    /// Keep every paragraph with the next (inside and before a `keep_with_previous` table).
    keep: bool,
    /// Space to add before the block (a Columns block's `space_before`, moved into its cells).
    space_before: f32,
}

/// One section of the document: the main part, then one per section break (appendices).
#[derive(Debug, Clone, Copy)]
struct Section {
    /// Landscape pages.
    landscape: bool,
    /// Pages numbered from 1 again.
    restart: bool,
    /// The first section (the main document).
    first: bool,
}

impl Section {
    /// Whether the section's first page shows no number: the document's first page, and the
    /// first page of a section that numbers from 1 again (as the PDF does).
    fn title_page(self, doc: &Document) -> bool {
        doc.page.page_number.as_ref().is_some_and(|n| n.skip_first) && (self.first || self.restart)
    }

    /// Width of the text area, in points.
    fn text_width(self, doc: &Document) -> f32 {
        let page = &doc.page;
        let width = if self.landscape {
            page.height
        } else {
            page.width
        };
        Mm(width.0 - page.margin_left.0 - page.margin_right.0)
            .pt()
            .0
    }
}

/// Builds the docx-rs document for `doc`.
pub(super) fn build(doc: &Document) -> Result<Built, DocxError> {
    let mut b = Builder {
        styles: style_values(doc),
        footnotes: 0,
        tables: Vec::new(),
        rule: doc.rule,
        notes: doc.footnotes,
        filler: doc.docx.filler,
    };
    let mut docx = b.declare_styles(Docx::new(), doc);

    let main = Section {
        landscape: false,
        restart: false,
        first: true,
    };
    let mut sections: Vec<(Section, Vec<Item>)> = vec![(main, Vec::new())];
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::SectionBreak(brk) = block {
            let next = Section {
                landscape: brk.landscape,
                restart: brk.restart_page_numbers,
                first: false,
            };
            sections.push((next, Vec::new()));
            continue;
        }
        let Some((section, items)) = sections.last_mut() else {
            continue;
        };
        let keep = matches!(doc.blocks.get(i + 1), Some(Block::Columns(c)) if c.keep_with_previous);
        let ctx = Ctx {
            width: section.text_width(doc),
            keep,
            space_before: 0.0,
        };
        items.extend(b.block(block, ctx)?);
    }

    // The page-number header on every page, an empty one on title pages.
    let mut default_header = None;
    let mut first_header = None;
    if let Some(number) = &doc.page.page_number {
        docx = docx.header(Header::new().add_paragraph(page_number(number.size)));
        default_header = docx.document.section_property.header_reference.clone();
        if sections.iter().any(|(s, _)| s.title_page(doc)) {
            docx = docx.first_header(Header::new().add_paragraph(filler(b.filler)));
            first_header = docx
                .document
                .section_property
                .first_header_reference
                .clone();
        }
    }
    let section_property = |section: Section, mut sp: SectionProperty| {
        let (size, margin) = page_geometry(doc, section.landscape);
        sp.page_size = size;
        sp.page_margin = margin;
        sp.header_reference = default_header.clone();
        sp.title_pg = section.title_page(doc);
        sp.first_header_reference = if sp.title_pg {
            first_header.clone()
        } else {
            None
        };
        sp.page_num_type = section.restart.then(|| PageNumType::new().start(1));
        sp
    };

    let count = sections.len();
    for (n, (section, mut items)) in sections.into_iter().enumerate() {
        // A section ends with a paragraph carrying its properties (the last one's are the
        // body's); a section ending with a table gets a tiny one. So does the body.
        if !matches!(items.last(), Some(Item::P(_))) {
            items.push(Item::P(Box::new(filler(b.filler))));
        }
        if n + 1 < count {
            if let Some(Item::P(p)) = items.last_mut() {
                p.property.section_property =
                    Some(section_property(section, SectionProperty::new()));
            }
        } else {
            let body = std::mem::take(&mut docx.document.section_property);
            docx.document.section_property = section_property(section, body);
        }
        for item in items {
            docx = match item {
                Item::P(p) => docx.add_paragraph(*p),
                Item::T(t) => docx.add_table(*t),
            };
        }
    }
    Ok(Built {
        docx,
        footnotes: b.footnotes,
        header_rows: b.tables,
    })
}

/// The header paragraph: a centred PAGE field of the tree's size.
fn page_number(size: Pt) -> Paragraph {
    let field = Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("2")
        .add_field_char(FieldCharType::End, false);
    let mut p = Paragraph::new()
        .style(NORMAL_STYLE)
        .align(AlignmentType::Center)
        .line_spacing(spacing(0.0, 0.0, 1.0))
        .indent(Some(0), None, Some(0), None)
        .add_run(with_props(field, plain_props(size)));
    p.property.run_property = plain_props(size);
    p
}

/// Page size and margins of a section, with the tree's header and footer distances. A
/// landscape page turns the sheet and keeps the margins where they are.
fn page_geometry(doc: &Document, landscape: bool) -> (PageSize, PageMargin) {
    let page = &doc.page;
    let twips = |m: Mm| m.twips().max(0);
    let (w, h) = (twips(page.width) as u32, twips(page.height) as u32);
    let size = if landscape {
        PageSize::new()
            .size(h, w)
            .orient(PageOrientationType::Landscape)
    } else {
        PageSize::new()
            .size(w, h)
            .orient(PageOrientationType::Portrait)
    };
    let margin = PageMargin {
        top: twips(page.margin_top),
        bottom: twips(page.margin_bottom),
        left: twips(page.margin_left),
        right: twips(page.margin_right),
        header: twips(page.header_distance),
        footer: twips(page.footer_distance),
        gutter: 0,
    };
    (size, margin)
}

/// The values each named style declares: those of the most frequent paragraph style of that
/// name in the tree (the first on a tie); footnotes use [`footnote_style`].
fn style_values(doc: &Document) -> BTreeMap<StyleName, ParaStyle> {
    fn collect<'a>(blocks: &'a [Block], out: &mut Vec<&'a ParaStyle>) {
        for block in blocks {
            match block {
                Block::Para(p) => out.push(&p.style),
                Block::Columns(c) => c.rows.iter().flatten().for_each(|cell| collect(cell, out)),
                Block::Table(t) => t
                    .rows
                    .iter()
                    .flatten()
                    .for_each(|c| collect(&c.blocks, out)),
                Block::Stamp(_) | Block::SectionBreak(_) => {}
            }
        }
    }
    let mut all = Vec::new();
    collect(&doc.blocks, &mut all);
    let mut counted: Vec<(&ParaStyle, usize)> = Vec::new();
    for style in all {
        match counted.iter_mut().find(|(s, _)| *s == style) {
            Some((_, n)) => *n += 1,
            None => counted.push((style, 1)),
        }
    }
    let mut values: BTreeMap<StyleName, (&ParaStyle, usize)> = BTreeMap::new();
    for (style, n) in counted {
        let best = values.entry(style.name).or_insert((style, n));
        if n > best.1 {
            *best = (style, n);
        }
    }
    let mut values: BTreeMap<_, _> = values
        .into_iter()
        .map(|(k, (s, _))| (k, s.clone()))
        .collect();
    values
        .entry(StyleName::Footnote)
        .or_insert_with(|| footnote_style(&doc.footnotes));
    values
}

/// Footnote text: the tree's footnote size, no indents, no spacing, justified.
fn footnote_style(notes: &FootnoteStyle) -> ParaStyle {
    ParaStyle {
        name: StyleName::Footnote,
        size: notes.size,
        bold: false,
        italic: false,
        align: Align::Justify,
        first_line_indent: Mm(0.0),
        left_indent: Mm(0.0),
        hanging: Mm(0.0),
        space_before: Pt(0.0),
        space_after: Pt(0.0),
        line_spacing: 1.0,
    }
}
