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
use crate::doc::{
    Align, Block, Columns, Document, FootnoteStyle, Inline, Mm, Para, ParaStyle, Pt, RuleStyle,
    Script, Stamp, StyleName, Table as RuledTable, check_spans,
};
use crate::fonts::DOCX_FAMILY;

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

struct Builder {
    /// The values each named style declares.
    styles: BTreeMap<StyleName, ParaStyle>,
    /// Footnotes made so far; the next one gets id `footnotes + 1`.
    footnotes: usize,
    /// Header rows of each table made so far, in document order.
    tables: Vec<usize>,
    /// How rules under paragraphs are drawn.
    rule: RuleStyle,
    /// Footnote values.
    notes: FootnoteStyle,
    /// Height of filler paragraphs (after a table that ends a cell, a section or the body).
    filler: Pt,
}

impl Builder {
    /// docDefaults (font, base size, no spacing) and the named styles.
    fn declare_styles(&self, docx: Docx, doc: &Document) -> Docx {
        let mut docx = docx
            .default_fonts(fonts())
            .default_size(doc.page.base_size.half_points())
            .default_line_spacing(spacing(0.0, 0.0, 1.0));
        for name in STYLE_NAMES {
            let (id, display) = name.docx_name();
            let mut style = Style::new(id, StyleType::Paragraph)
                .name(display)
                .based_on(NORMAL_STYLE)
                .next(id);
            if let Some(v) = self.styles.get(&name) {
                style.run_property = props(v.size, v.bold, v.italic).fonts(fonts());
                style = style.align(alignment(v.align)).line_spacing(spacing(
                    v.space_before.0,
                    v.space_after.0,
                    v.line_spacing,
                ));
                let (left, special) = indents(v);
                style = style.indent(Some(left), special, Some(0), None);
            }
            docx = docx.add_style(style);
        }
        let mut stamp = Style::new(STAMP_STYLE.0, StyleType::Paragraph)
            .name(STAMP_STYLE.1)
            .based_on(NORMAL_STYLE)
            .align(AlignmentType::Center)
            .line_spacing(spacing(0.0, 0.0, 1.0));
        stamp.run_property = latin_only(RunProperty::new().bold()).fonts(fonts());
        docx = docx.add_style(stamp);
        let mut reference = Style::new(FOOTNOTE_REFERENCE_STYLE.0, StyleType::Character)
            .name(FOOTNOTE_REFERENCE_STYLE.1);
        reference.run_property = RunProperty::new().vert_align(VertAlignType::SuperScript);
        docx.add_style(reference)
    }

    fn block(&mut self, block: &Block, ctx: Ctx) -> Result<Vec<Item>, DocxError> {
        Ok(match block {
            Block::Para(p) => {
                let (text, rule) = self.para(p, ctx)?;
                std::iter::once(text)
                    .chain(rule)
                    .map(|p| Item::P(Box::new(p)))
                    .collect()
            }
            Block::Columns(c) => self.columns(c, ctx)?,
            Block::Stamp(s) => self.stamp(s, ctx),
            Block::Table(t) => self.table(t, ctx)?,
            // Only the body holds section breaks; `build` handles them.
            Block::SectionBreak(_) => Vec::new(),
        })
    }

    /// A paragraph, and the empty paragraph carrying its rule if it has one.
    fn para(&mut self, p: &Para, ctx: Ctx) -> Result<(Paragraph, Option<Paragraph>), DocxError> {
        let style = &p.style;
        let (id, _) = style.name.docx_name();
        let declared = self.declared(style.name);
        let keep = p.keep_with_next || ctx.keep;
        // With a rule, the space after the paragraph goes under the rule.
        let after = if p.rule_below.is_some() {
            0.0
        } else {
            style.space_after.0
        };
        let (left, special) = indents(style);
        let mut para = Paragraph::new()
            .style(id)
            .align(alignment(style.align))
            .indent(Some(left), special, Some(0), None)
            .line_spacing(spacing(
                style.space_before.0 + ctx.space_before,
                after,
                style.line_spacing,
            ));
        if keep || p.rule_below.is_some() {
            para = para.keep_next(true);
        }
        para.property.run_property = marks(style.size, style.bold, style.italic, &declared);
        for inline in &p.inlines {
            match inline {
                Inline::Text {
                    text,
                    bold,
                    italic,
                    script,
                } => {
                    let mut props = marks(
                        style.size,
                        style.bold || *bold,
                        style.italic || *italic,
                        &declared,
                    );
                    props = match script {
                        Script::Baseline => props,
                        Script::Sub => props.vert_align(VertAlignType::SubScript),
                        Script::Super => props.vert_align(VertAlignType::SuperScript),
                    };
                    for run in text_runs(text, &props) {
                        para = para.add_run(run);
                    }
                }
                Inline::LineBreak => {
                    let props = marks(style.size, style.bold, style.italic, &declared);
                    let run = Run::new().add_break(docx_rs::BreakType::TextWrapping);
                    para = para.add_run(with_props(run, props));
                }
                Inline::Footnote { inlines } => {
                    let note = self.footnote(inlines)?;
                    let props = marks(style.size, style.bold, style.italic, &declared)
                        .style(FOOTNOTE_REFERENCE_STYLE.0);
                    para = para.add_run(with_props(Run::new().add_footnote_reference(note), props));
                }
            }
        }
        let rule = p.rule_below.map(|share| {
            let at = measure::rule_indents(p, ctx.width, share);
            let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(self.rule.thickness.eighths())
                .space(0)
                .color("000000");
            let mut rule = Paragraph::new()
                .style(id)
                .align(AlignmentType::Left)
                .indent(
                    Some(Pt(at.left).twips()),
                    Some(SpecialIndentType::FirstLine(0)),
                    Some(Pt(at.right).twips()),
                    None,
                )
                .line_spacing(
                    LineSpacing::new()
                        .before(0)
                        .after(twips_u32(Pt(style.space_after.0)))
                        .line(self.rule.gap.twips())
                        .line_rule(LineSpacingType::Exact),
                );
            rule.property = rule
                .property
                .set_borders(ParagraphBorders::with_empty().set(border));
            rule.property.run_property = RunProperty::new().size(self.rule.gap.half_points());
            if keep {
                rule = rule.keep_next(true);
            }
            rule
        });
        Ok((para, rule))
    }

    /// The style values a paragraph of `name` inherits.
    fn declared(&self, name: StyleName) -> Declared {
        match self.styles.get(&name) {
            Some(s) => Declared {
                size: Some(s.size),
                bold: s.bold,
                italic: s.italic,
            },
            None => Declared {
                size: None,
                bold: false,
                italic: false,
            },
        }
    }

    /// A footnote with the next id. Notes cannot hold notes: the text of a note inside a note
    /// follows as a paragraph of its own, where `Document::plain_text` puts it too.
    fn footnote(&mut self, inlines: &[Inline]) -> Result<Footnote, DocxError> {
        self.footnotes += 1;
        let id = self.footnotes;
        let mut flat: Vec<Vec<Inline>> = vec![Vec::new()];
        flatten_note(inlines, &mut flat);
        let ctx = Ctx {
            width: 0.0,
            keep: false,
            space_before: 0.0,
        };
        let mut content = Vec::new();
        for inlines in flat {
            let note = Para {
                inlines,
                style: footnote_style(&self.notes),
                rule_below: None,
                keep_with_next: false,
            };
            content.push(self.para(&note, ctx)?.0);
        }
        Ok(Footnote { id, content })
    }

    /// A borderless table, as wide as its columns, rows kept whole on a page (nothing for a
    /// block without rows: Word wants a row in every table).
    fn columns(&mut self, c: &Columns, ctx: Ctx) -> Result<Vec<Item>, DocxError> {
        if c.rows.is_empty() {
            return Ok(Vec::new());
        }
        self.tables.push(0);
        let keep = ctx.keep || c.keep_with_previous;
        let grid = grid_twips(&c.widths);
        let mut rows = Vec::with_capacity(c.rows.len());
        for (r, row) in c.rows.iter().enumerate() {
            if row.len() > c.widths.len() {
                return Err(DocxError::new(format!(
                    "a columns block has {} widths but its row {} has {} cells",
                    c.widths.len(),
                    r + 1,
                    row.len()
                )));
            }
            let mut cells = Vec::with_capacity(row.len());
            for ((blocks, width), twips) in row.iter().zip(&c.widths).zip(&grid) {
                let before = if r == 0 {
                    c.space_before.0 + ctx.space_before
                } else {
                    0.0
                };
                let cell_ctx = Ctx {
                    width: width.pt().0,
                    keep,
                    space_before: before,
                };
                let items = self.cell_items(blocks, cell_ctx)?;
                let mut cell = TableCell::new().width(*twips, WidthType::Dxa);
                for item in items {
                    cell = match item {
                        Item::P(p) => cell.add_paragraph(*p),
                        Item::T(t) => cell.add_table(*t),
                    };
                }
                cells.push(cell);
            }
            rows.push(TableRow::new(cells).cant_split());
        }
        let total = grid.iter().sum();
        let table = Table::new(rows)
            .set_borders(TableBorders::new().clear_all())
            .set_grid(grid)
            .width(total, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .indent(0)
            .margins(TableCellMargins::new().margin(0, 0, 0, 0));
        Ok(vec![Item::T(Box::new(table))])
    }

    /// A ruled table: single lines around every cell, the header rows repeated on every page
    /// (marked in the package step), rows kept whole, merged cells as Word merges them.
    fn table(&mut self, t: &RuledTable, ctx: Ctx) -> Result<Vec<Item>, DocxError> {
        if t.rows.is_empty() {
            return Ok(Vec::new());
        }
        self.tables.push(t.header_rows.min(t.rows.len()));
        let columns = t.widths.len();
        let spans: Vec<Vec<(usize, usize)>> = t
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| (c.colspan.max(1), c.rowspan.max(1)))
                    .collect()
            })
            .collect();
        check_spans(&spans, columns).map_err(|(row, filled)| {
            DocxError::new(format!(
                "a ruled table's row {} fills {filled} of its {columns} columns",
                row + 1
            ))
        })?;
        let mut items = Vec::new();
        let before = t.space_before.0 + ctx.space_before;
        if before > 0.0 {
            items.push(Item::P(Box::new(filler(Pt(before)).keep_next(ctx.keep))));
        }
        let grid = grid_twips(&t.widths);
        let padding = t.padding.0 * 2.0;
        // Per grid column: rows still covered by a cell above, and that cell's column span.
        let mut covered = vec![(0_usize, 1_usize); columns];
        let mut rows = Vec::with_capacity(t.rows.len());
        for (r, row) in t.rows.iter().enumerate() {
            // Only the last row sticks to what follows (a signature area kept with it).
            let keep = ctx.keep && r + 1 == t.rows.len();
            let mut listed = row.iter();
            let mut cells = Vec::new();
            let mut col = 0;
            while col < columns {
                let (rows_left, covered_span) = covered[col];
                if rows_left > 0 {
                    let span = covered_span.min(columns - col);
                    let width = grid[col..col + span].iter().sum();
                    let mut cell = TableCell::new()
                        .width(width, WidthType::Dxa)
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(filler(self.filler).keep_next(keep));
                    if span > 1 {
                        cell = cell.grid_span(span);
                    }
                    cells.push(cell);
                    covered[col].0 -= 1;
                    col += span;
                    continue;
                }
                let Some(source) = listed.next() else { break };
                let span = source.colspan.clamp(1, columns - col);
                let width = grid[col..col + span].iter().sum();
                let text: f32 = t.widths[col..col + span].iter().map(|w| w.pt().0).sum();
                let cell_ctx = Ctx {
                    width: text - padding,
                    keep,
                    space_before: 0.0,
                };
                let mut cell = TableCell::new().width(width, WidthType::Dxa);
                for item in self.cell_items(&source.blocks, cell_ctx)? {
                    cell = match item {
                        Item::P(p) => cell.add_paragraph(*p),
                        Item::T(t) => cell.add_table(*t),
                    };
                }
                if span > 1 {
                    cell = cell.grid_span(span);
                }
                if source.rowspan > 1 {
                    cell = cell.vertical_merge(VMergeType::Restart);
                    covered[col] = (source.rowspan - 1, span);
                }
                cells.push(cell);
                col += span;
            }
            rows.push(TableRow::new(cells).cant_split());
        }
        let line = |pos| {
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(t.rule.eighths())
                .color("000000")
        };
        let borders = TableBorders::with_empty()
            .set(line(TableBorderPosition::Top))
            .set(line(TableBorderPosition::Left))
            .set(line(TableBorderPosition::Bottom))
            .set(line(TableBorderPosition::Right))
            .set(line(TableBorderPosition::InsideH))
            .set(line(TableBorderPosition::InsideV));
        let margin = t.padding.twips().max(0) as usize;
        let total = grid.iter().sum();
        let table = Table::new(rows)
            .set_borders(borders)
            .set_grid(grid)
            .width(total, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .indent(0)
            .margins(TableCellMargins::new().margin(margin, margin, margin, margin));
        items.push(Item::T(Box::new(table)));
        Ok(items)
    }

    /// The content of one cell; the first block gets the context's space before. A cell must
    /// end with a paragraph: an empty one or one ending with a stamp gets a tiny filler.
    fn cell_items(&mut self, blocks: &[Block], ctx: Ctx) -> Result<Vec<Item>, DocxError> {
        let mut items = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            let before = if i == 0 { ctx.space_before } else { 0.0 };
            items.extend(self.block(
                block,
                Ctx {
                    space_before: before,
                    ..ctx
                },
            )?);
        }
        if !matches!(items.last(), Some(Item::P(_))) {
            let mut p = filler(self.filler);
            if ctx.keep {
                p = p.keep_next(true);
            }
            items.push(Item::P(Box::new(p)));
        }
        Ok(items)
    }

    /// A stamp: a one-cell table with a single frame, exact height, the text centred both ways.
    fn stamp(&mut self, s: &Stamp, ctx: Ctx) -> Vec<Item> {
        let mut items = Vec::new();
        self.tables.push(0);
        let before = s.space_before.0 + ctx.space_before;
        if before > 0.0 {
            let mut p = filler(Pt(before));
            if ctx.keep {
                p = p.keep_next(true);
            }
            items.push(Item::P(Box::new(p)));
        }
        let props = RunProperty::new().size(s.size.half_points());
        let mut text = Paragraph::new()
            .style(STAMP_STYLE.0)
            .align(AlignmentType::Center)
            .indent(Some(0), None, Some(0), None)
            .line_spacing(spacing(0.0, 0.0, 1.0));
        for run in text_runs(&s.text, &props) {
            text = text.add_run(run);
        }
        text.property.run_property = props;
        if ctx.keep {
            text = text.keep_next(true);
        }
        let width = s.width.twips().max(0) as usize;
        let cell = TableCell::new()
            .width(width, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
            .add_paragraph(text);
        let row = TableRow::new(vec![cell])
            .row_height(s.height.twips().max(0) as f32)
            .height_rule(HeightRule::Exact)
            .cant_split();
        let frame = |pos| {
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(s.frame.eighths())
                .color("000000")
        };
        let borders = TableBorders::with_empty()
            .set(frame(TableBorderPosition::Top))
            .set(frame(TableBorderPosition::Left))
            .set(frame(TableBorderPosition::Bottom))
            .set(frame(TableBorderPosition::Right));
        let align = match s.align {
            Align::Left | Align::Justify => TableAlignmentType::Left,
            Align::Center => TableAlignmentType::Center,
            Align::Right => TableAlignmentType::Right,
        };
        let table = Table::new(vec![row])
            .set_grid(vec![width])
            .width(width, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .align(align)
            .set_borders(borders)
            .margins(TableCellMargins::new().margin(0, 0, 0, 0));
        items.push(Item::T(Box::new(table)));
        items
    }
}

/// The runs of a text: a `\n` becomes a line break and a `\t` a tab (the tree should hold
/// neither), and control characters XML cannot carry are dropped.
fn text_runs(text: &str, props: &RunProperty) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut chunk = String::new();
    let flush = |chunk: &mut String, runs: &mut Vec<Run>| {
        if !chunk.is_empty() {
            runs.push(with_props(
                Run::new().add_text(std::mem::take(chunk)),
                props.clone(),
            ));
        }
    };
    for c in text.chars() {
        match c {
            '\n' | '\t' => {
                flush(&mut chunk, &mut runs);
                let run = if c == '\n' {
                    Run::new().add_break(docx_rs::BreakType::TextWrapping)
                } else {
                    Run::new().add_tab()
                };
                runs.push(with_props(run, props.clone()));
            }
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => chunk.push(c),
        }
    }
    flush(&mut chunk, &mut runs);
    runs
}

/// Splits a note's inlines into paragraphs: the note's own, then one per nested note.
fn flatten_note(inlines: &[Inline], out: &mut Vec<Vec<Inline>>) {
    let own = out.len() - 1;
    let mut nested = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Footnote { inlines } => nested.push(inlines),
            other => out[own].push(other.clone()),
        }
    }
    for inner in nested {
        out.push(Vec::new());
        flatten_note(inner, out);
    }
}

/// What a paragraph inherits from its style, to write only the run properties that differ.
struct Declared {
    size: Option<Pt>,
    bold: bool,
    italic: bool,
}

/// Run properties for text of this size and marks under a style declaring `declared`.
fn marks(size: Pt, bold: bool, italic: bool, declared: &Declared) -> RunProperty {
    let mut p = RunProperty::new();
    if declared.size.map(Pt::half_points) != Some(size.half_points()) {
        p = p.size(size.half_points());
    }
    match (bold, declared.bold) {
        (true, false) => p = p.bold(),
        (false, true) => p = p.disable_bold(),
        _ => {}
    }
    match (italic, declared.italic) {
        (true, false) => p = p.italic(),
        (false, true) => p = p.disable_italic(),
        _ => {}
    }
    latin_only(p)
}

/// Drops the complex-script twins docx-rs adds to bold and italic: it writes a disabled
/// `w:bCs` as `<w:bCs/>`, which means on. Vietnamese is not a complex script, so they are
/// not needed either.
fn latin_only(mut p: RunProperty) -> RunProperty {
    p.bold_cs = None;
    p.italic_cs = None;
    p
}

/// Size and marks written in full.
fn props(size: Pt, bold: bool, italic: bool) -> RunProperty {
    marks(
        size,
        bold,
        italic,
        &Declared {
            size: None,
            bold: false,
            italic: false,
        },
    )
}

fn plain_props(size: Pt) -> RunProperty {
    props(size, false, false)
}

fn with_props(mut run: Run, props: RunProperty) -> Run {
    run.run_property = props;
    run
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(DOCX_FAMILY)
        .hi_ansi(DOCX_FAMILY)
        .cs(DOCX_FAMILY)
        .east_asia(DOCX_FAMILY)
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// Left indent and the first line's offset from it, in twips.
fn indents(style: &ParaStyle) -> (i32, Option<SpecialIndentType>) {
    let left = style.left_indent.twips();
    let first = style.first_line_indent.twips() - style.hanging.twips();
    // Always explicit: a zero first line must override a style's hanging indent.
    let special = if first >= 0 {
        SpecialIndentType::FirstLine(first)
    } else {
        SpecialIndentType::Hanging(-first)
    };
    (left, Some(special))
}

/// Space before and after (points) and line spacing as a multiple of single.
fn spacing(before: f32, after: f32, multiple: f32) -> LineSpacing {
    LineSpacing::new()
        .before(twips_u32(Pt(before)))
        .after(twips_u32(Pt(after)))
        .line((multiple * 240.0).round() as i32)
        .line_rule(LineSpacingType::Auto)
}

/// An empty paragraph of exactly `height`, in the Normal style.
fn filler(height: Pt) -> Paragraph {
    let mut p = Paragraph::new().style(NORMAL_STYLE).line_spacing(
        LineSpacing::new()
            .before(0)
            .after(0)
            .line(height.twips())
            .line_rule(LineSpacingType::Exact),
    );
    // The paragraph mark's size must not exceed the line, or Word grows it.
    p.property.run_property = RunProperty::new().size(height.half_points().clamp(2, 2 * 1638));
    p
}

/// Column widths in twips, rounded so that they add up to their rounded total (the text
/// width when the columns fill it).
fn grid_twips(widths: &[Mm]) -> Vec<usize> {
    let mut total = 0.0_f32;
    let mut done = 0_i32;
    widths
        .iter()
        .map(|w| {
            total += w.0;
            let end = Mm(total).twips();
            let width = (end - done).max(0);
            done = end;
            width as usize
        })
        .collect()
}

fn twips_u32(pt: Pt) -> u32 {
    pt.twips().max(0) as u32
}
