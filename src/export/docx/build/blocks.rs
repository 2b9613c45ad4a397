//! The block builder: the tree's blocks (paragraphs, tables, section breaks, stamps,
//! footnotes) as docx-rs paragraphs and tables, with the named styles.

use super::*;

pub(super) struct Builder {
    /// The values each named style declares.
    pub(super) styles: BTreeMap<StyleName, ParaStyle>,
    /// Footnotes made so far; the next one gets id `footnotes + 1`.
    pub(super) footnotes: usize,
    /// Header rows of each table made so far, in document order.
    pub(super) tables: Vec<usize>,
    /// How rules under paragraphs are drawn.
    pub(super) rule: RuleStyle,
    /// Footnote values.
    pub(super) notes: FootnoteStyle,
    /// Height of filler paragraphs (after a table that ends a cell, a section or the body).
    pub(super) filler: Pt,
}

impl Builder {
    /// docDefaults (font, base size, no spacing) and the named styles.
    pub(super) fn declare_styles(&self, docx: Docx, doc: &Document) -> Docx {
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
            // Widow and orphan control, as Word's Normal template has it and as typst lays the
            // PDF out (its default costs avoid a paragraph's first or last line alone on a page).
            style.paragraph_property = style.paragraph_property.widow_control(true);
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

    pub(super) fn block(&mut self, block: &Block, ctx: Ctx) -> Result<Vec<Item>, DocxError> {
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
            // The last row sticks to what follows (a signature area kept with it); a group row
            // sticks to the row after it (Word keeps a row with the next when its paragraphs
            // are kept with the next).
            let keep = (ctx.keep && r + 1 == t.rows.len())
                || (r + 1 < t.rows.len() && row.iter().any(|c| c.keep_with_next));
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
