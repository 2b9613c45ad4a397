//! The blocks of one document as typst code, after `render.typ` in the main file, each
//! top-level block in a file of its own (issue 17).
//!
//! The program used to walk the tree from JSON with typst closures; typst evaluates and
//! memoizes every closure call, which cost more than the layout the hand-written equivalent
//! needs. This module writes, once per document, the calls those closures made, in the same
//! order and with the same arguments, so the laid-out pages are the same to the byte
//! (`scripts/sample-hashes`).
//!
//! **User text is never markup.** Every string of the tree is written as a typst string
//! literal in code mode ([`Code::string`]): inside one, only `\` escapes mean anything, and
//! they are all written by [`Code::string`] itself. Numbers come from the tree as JSON would
//! give them (the shortest decimal of each `f32`), so typst computes with the same values.
//! This module writes no layout value of its own (`src/doc/literals.rs` checks it).

use std::fmt::Write as _;

use super::data::{Part, Text, pt_of_mm, text, widest_line};
use super::{MAX_FILES, WORD_PATH};
use crate::doc::{
    Align, Block, Cell, Columns, Document, Inline, Para, Script, SectionBreak, Stamp, Table,
};

/// The program written for one document.
pub(super) struct Written {
    /// The code after `render.typ`: the first section's blocks, then one `page` per later
    /// section (appendix), each top-level block included from its own file. In pieces: the
    /// `i`th block's `include` goes between `main[i]` and `main[i + 1]`.
    pub main: Vec<String>,
    /// The top-level blocks' files, in order.
    pub files: Vec<String>,
    /// How many rule widths were measured in Rust.
    pub measured: usize,
}

/// The typst code of the document's blocks ([`Written`]). Each top-level block is a file of
/// its own: between two documents of a batch, or two previews of one draft, a block whose
/// code is unchanged is the same typst source, with the same spans, so typst reuses its
/// evaluation and layout from its cache (issue 17: "typst's own incremental compilation").
/// With `check`, an assertion after each rule measured in Rust that typst's own measure of
/// the paragraph gives the same width to the bit (for the tests).
pub(super) fn written(doc: &Document, check: bool) -> Written {
    let mut code = Code {
        out: String::new(),
        base_size: num(doc.page.base_size.0),
        rule_thickness: pt(doc.rule.thickness.0),
        rule_gap: pt(doc.rule.gap.0),
        check,
        measured: 0,
        files: Vec::new(),
        main: Vec::new(),
        uses_single: false,
    };
    let mut sections: Vec<(Option<&SectionBreak>, Vec<&Block>)> = vec![(None, Vec::new())];
    for b in &doc.blocks {
        match b {
            Block::SectionBreak(s) => sections.push((Some(s), Vec::new())),
            _ => {
                if let Some((_, blocks)) = sections.last_mut() {
                    blocks.push(b);
                }
            }
        }
    }
    let room = |landscape: bool| {
        let sheet = if landscape {
            doc.page.height
        } else {
            doc.page.width
        };
        pt_of_mm(sheet.0) - pt_of_mm(doc.page.margin_left.0) - pt_of_mm(doc.page.margin_right.0)
    };
    code.out.push_str("\n#{\n");
    if let Some((_, first)) = sections.first() {
        code.top(first, Some(room(false)));
    }
    code.out.push_str("}\n#{\n");
    for (s, blocks) in sections.iter().skip(1) {
        let Some(s) = s else { continue };
        let _ = write!(code.out, "page(flipped: {}, {{", s.landscape);
        if s.restart_page_numbers {
            code.out.push_str("[#metadata(\"section\") <vb-section>];");
        }
        code.top(blocks, Some(room(s.landscape)));
        code.out.push_str("})\n");
    }
    code.out.push_str("}\n");
    code.main.push(code.out);
    Written {
        main: code.main,
        files: code.files,
        measured: code.measured,
    }
}

/// A number as JSON gives it to typst (the shortest decimal that reads back as the `f32`).
fn num(x: f32) -> String {
    if x.is_finite() {
        serde_json::to_string(&x).unwrap_or_else(|_| "0.0".into())
    } else {
        // The tree never holds one; JSON would write null, which typst could not compute with.
        "0.0".into()
    }
}

/// A length in points: `12.0pt` is the same length as JSON's `12.0` times `1pt`.
fn pt(x: f32) -> String {
    unit(x, "pt")
}

/// A length in millimetres: `70.0mm` is the same length as JSON's `70.0` times `1mm`.
fn mm(x: f32) -> String {
    unit(x, "mm")
}

fn unit(x: f32, unit: &str) -> String {
    let n = num(x);
    if n.contains(['e', 'E']) {
        // No literal with an exponent: the product, as the program computed it.
        format!("({n} * 1{unit})")
    } else {
        format!("{n}{unit}")
    }
}

/// The shortest decimal of an `f32`, read back as typst reads it (an `f64`).
fn value(x: f32) -> f64 {
    num(x).parse().unwrap_or(0.0)
}

/// Each inline's text in parts (`None` for what is not text), in order.
fn texts_of(xs: &[Inline]) -> Vec<Option<Text>> {
    xs.iter()
        .map(|x| match x {
            Inline::Text { text: t, .. } => Some(text(t)),
            _ => None,
        })
        .collect()
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Left | Align::Justify => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

struct Code {
    out: String,
    /// The text size render.typ sets for the document (`page.base_size`).
    base_size: String,
    rule_thickness: String,
    rule_gap: String,
    /// Whether typst checks the rule widths measured here ([`written`]).
    check: bool,
    /// How many rule widths were measured here.
    measured: usize,
    /// The top-level blocks' files written so far.
    files: Vec<String>,
    /// The main file's code before each file's `include` ([`Written::main`]).
    main: Vec<String>,
    /// Whether the code written since the last file refers to `single`.
    uses_single: bool,
}

impl Code {
    /// A typst string literal holding `s` exactly.
    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '\\' => self.out.push_str("\\\\"),
                '"' => self.out.push_str("\\\""),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                c if c.is_control() => {
                    let _ = write!(self.out, "\\u{{{:x}}}", u32::from(c));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    /// Top-level blocks: each in a file of its own (as a code block, so that no markup space
    /// comes between blocks), included where it stands; after [`MAX_FILES`], in place.
    fn top(&mut self, bs: &[&Block], room: Option<f64>) {
        for b in bs {
            if self.files.len() >= MAX_FILES {
                self.blocks(&[b], false, room);
                continue;
            }
            let main = std::mem::take(&mut self.out);
            self.uses_single = false;
            self.blocks(&[b], false, room);
            let body = std::mem::replace(&mut self.out, main);
            let mut file = String::from("#{\n");
            if self.uses_single {
                let _ = writeln!(file, "import \"{WORD_PATH}\": single");
            }
            file.push_str(&body);
            file.push('}');
            let before = std::mem::take(&mut self.out);
            self.main.push(before);
            self.files.push(file);
        }
    }

    /// `blocks(bs, in-cell: ..)` of the old program: each block, with the space before the
    /// first block of a table cell kept (typst would drop it at the top of a container; Word
    /// keeps it). `room` is the width paragraphs are set in (points), where known.
    fn blocks(&mut self, bs: &[&Block], in_cell: bool, room: Option<f64>) {
        for (i, b) in bs.iter().enumerate() {
            if in_cell && i == 0 {
                let gap = match b {
                    Block::Para(p) => p.style.space_before.0,
                    Block::Columns(c) => c.space_before.0,
                    Block::Stamp(s) => s.space_before.0,
                    Block::Table(t) => t.space_before.0,
                    Block::SectionBreak(_) => 0.0,
                };
                if value(gap) > 0.0 {
                    let _ = write!(self.out, "v({});", pt(gap));
                }
            }
            match b {
                Block::Para(p) => self.para(p, room),
                Block::Stamp(s) => self.stamp(s),
                Block::Columns(c) => self.columns(c),
                Block::Table(t) => self.table(t),
                Block::SectionBreak(_) => {}
            }
            self.out.push('\n');
        }
    }

    /// A cell's blocks as one code block (none when it has none).
    fn cell_blocks(&mut self, bs: &[Block], room: Option<f64>) {
        if bs.is_empty() {
            self.out.push_str("none");
            return;
        }
        let refs: Vec<&Block> = bs.iter().collect();
        self.out.push_str("{\n");
        self.blocks(&refs, true, room);
        self.out.push('}');
    }

    fn para(&mut self, p: &Para, room: Option<f64>) {
        let st = &p.style;
        let texts = texts_of(&p.inlines);
        let inset = value(st.left_indent.0) - value(st.hanging.0);
        // What equals the defaults set at the start of render.typ (no space around blocks,
        // the base size, no indent, single leading, flush left) is not set again.
        self.out.push_str("block(width: 100%");
        if value(st.space_before.0) != 0.0 {
            let _ = write!(self.out, ", above: {}", pt(st.space_before.0));
        }
        if value(st.space_after.0) != 0.0 {
            let _ = write!(self.out, ", below: {}", pt(st.space_after.0));
        }
        if p.keep_with_next {
            self.out.push_str(", sticky: true");
        }
        // The paragraph's own settings are its arguments; a size or an alignment other than
        // the defaults is a set rule in a code block of its own around it.
        let mut sets = Vec::new();
        if num(st.size.0) != self.base_size {
            sets.push(format!("set text(size: {})", pt(st.size.0)));
        }
        if matches!(st.align, Align::Center | Align::Right) {
            sets.push(format!("set align({})", align(st.align)));
        }
        let scoped = !sets.is_empty() || p.rule_below.is_some();
        self.out.push_str(", ");
        if scoped {
            self.out.push_str("{\n");
            if p.rule_below.is_some() {
                self.out.push_str("let body = ");
            }
            self.out.push_str("{\n");
            for s in &sets {
                self.out.push_str(s);
                self.out.push('\n');
            }
        }
        let mut par = Vec::new();
        if st.align == Align::Justify {
            par.push("justify: true".to_string());
        }
        if value(st.first_line_indent.0) != 0.0 {
            par.push(format!(
                "first-line-indent: (amount: {}, all: true)",
                mm(st.first_line_indent.0)
            ));
        }
        if value(st.hanging.0) != 0.0 {
            par.push(format!("hanging-indent: {}", mm(st.hanging.0)));
        }
        if value(st.line_spacing) != 1.0 {
            par.push(format!("leading: ({} - 1) * single", num(st.line_spacing)));
            self.uses_single = true;
        }
        let pad = inset != 0.0;
        if pad {
            let _ = write!(
                self.out,
                "pad(left: ({} - {}) * 1mm, ",
                num(st.left_indent.0),
                num(st.hanging.0)
            );
        }
        self.out.push_str("par(");
        for a in &par {
            self.out.push_str(a);
            self.out.push_str(", ");
        }
        self.inlines(&p.inlines, &texts, st.bold, st.italic);
        self.out.push(')');
        if pad {
            self.out.push(')');
        }
        if !scoped {
            self.out.push(')');
            return;
        }
        self.out.push_str("\n}\n");
        if p.rule_below.is_some() {
            self.out.push_str("body\n");
        }
        if let Some(share) = p.rule_below {
            let share = num(share);
            let refs: Vec<Option<&Text>> = texts.iter().map(Option::as_ref).collect();
            match room.and_then(|room| widest_line(p, &refs, room)) {
                Some(width) => {
                    self.measured += 1;
                    if self.check {
                        let _ = writeln!(
                            self.out,
                            "layout(size => {{ let w = calc.min(measure(body, width: size.width).width, size.width)\nassert(w == {width:?} * 1pt, message: \"typst measures \" + repr(w) + \", Rust {width:?}pt\") }})"
                        );
                    }
                    // Measured in Rust as typst measures it (data.rs): no inset, every line fits.
                    let _ = write!(
                        self.out,
                        "v({gap})\n{{\nlet w = {width:?} * 1pt\n",
                        gap = self.rule_gap,
                    );
                    let placed = if st.align == Align::Right {
                        "right"
                    } else {
                        align(st.align)
                    };
                    let _ = write!(
                        self.out,
                        "align({placed}, box(width: w, align(center, line(length: w * {share}, stroke: {t}))))\n}}\n",
                        t = self.rule_thickness,
                    );
                }
                None => {
                    // A paragraph measured in the column's width is as wide as its widest
                    // line; the left padding is taken off again.
                    let _ = write!(
                        self.out,
                        "layout(size => {{\nlet inset = ({li} - {h}) * 1mm\nlet w = calc.min(measure(body, width: size.width).width, size.width) - inset\nv({gap})\nlet r = box(width: w, align(center, line(length: w * {share}, stroke: {t})))\n",
                        li = num(st.left_indent.0),
                        h = num(st.hanging.0),
                        gap = self.rule_gap,
                        t = self.rule_thickness,
                    );
                    if st.align == Align::Right {
                        self.out.push_str("align(right, r)\n})\n");
                    } else {
                        let _ = writeln!(
                            self.out,
                            "pad(left: inset, align({}, r))\n}})",
                            align(st.align)
                        );
                    }
                }
            }
        }
        self.out.push_str("})");
    }

    /// `inlines(xs, bold:, italic:)` of the old program, as one code block.
    fn inlines(&mut self, xs: &[Inline], texts: &[Option<Text>], bold: bool, italic: bool) {
        self.out.push('{');
        for (x, t) in xs.iter().zip(texts) {
            match (x, t) {
                (
                    Inline::Text {
                        bold: b,
                        italic: i,
                        script,
                        ..
                    },
                    Some(t),
                ) => {
                    let wrap = match script {
                        Script::Baseline => None,
                        Script::Sub => Some("sub"),
                        Script::Super => Some("super"),
                    };
                    if let Some(w) = wrap {
                        let _ = write!(self.out, "{w}(");
                    }
                    // Every run keeps a `text` of its own, even when it sets what is set
                    // already: typst shapes two runs with the same styles as one, and the
                    // PDF would change. Upright is the default nothing else changes.
                    let _ = write!(
                        self.out,
                        "text(weight: \"{}\", {}",
                        if *b || bold { "bold" } else { "regular" },
                        if *i || italic {
                            "style: \"italic\", "
                        } else {
                            ""
                        },
                    );
                    self.text(t);
                    self.out.push(')');
                    if wrap.is_some() {
                        self.out.push(')');
                    }
                }
                (Inline::LineBreak, _) => self.out.push_str("linebreak()"),
                (Inline::Footnote { inlines }, _) => {
                    self.out.push_str("footnote(");
                    self.inlines(inlines, &texts_of(inlines), false, false);
                    self.out.push(')');
                }
                (Inline::Text { .. }, None) => {}
            }
            self.out.push(';');
        }
        self.out.push('}');
    }

    /// A run's text: a string, or its parts joined in a code block.
    fn text(&mut self, t: &Text) {
        match t {
            Text::Plain(s) => self.string(s),
            Text::Parts(ps) => self.parts(ps),
        }
    }

    fn parts(&mut self, ps: &[Part]) {
        if let [Part::Str(s)] = ps {
            return self.string(s);
        }
        self.out.push('{');
        for p in ps {
            match p {
                Part::Str(s) => self.string(s),
                Part::Box { b } => {
                    self.out.push_str("box(");
                    self.parts(b);
                    self.out.push(')');
                }
                Part::Zws => self.out.push_str("sym.zws"),
                Part::Break => self.out.push_str("linebreak(justify: true)"),
            }
            self.out.push(';');
        }
        self.out.push('}');
    }

    fn stamp(&mut self, s: &Stamp) {
        let _ = write!(
            self.out,
            "block(above: {}, width: 100%, align({}, box(width: {}, height: {}, stroke: {}, align(center + horizon, text(size: {}, weight: \"bold\", ",
            pt(s.space_before.0),
            align(s.align),
            mm(s.width.0),
            mm(s.height.0),
            pt(s.frame.0),
            pt(s.size.0),
        );
        self.text(&text(&s.text));
        self.out.push_str(")))))");
    }

    /// Borderless columns; the signature area is unbreakable and sticks to the paragraph
    /// before it.
    fn columns(&mut self, c: &Columns) {
        let _ = write!(
            self.out,
            "block(width: 100%, above: {}, breakable: {}, grid(columns: ",
            pt(c.space_before.0),
            !c.keep_with_previous
        );
        self.lengths(None, c.widths.iter().map(|w| w.0));
        for row in &c.rows {
            for (i, cell) in row.iter().enumerate() {
                self.out.push_str(",\n");
                let room = c.widths.get(i).map(|w| pt_of_mm(w.0));
                self.cell_blocks(cell, room);
            }
        }
        self.out.push_str("))");
    }

    /// An array of lengths in millimetres, after an optional first entry written as is.
    fn lengths(&mut self, first: Option<&str>, widths: impl Iterator<Item = f32>) {
        let mut items: Vec<String> = first.map(str::to_string).into_iter().collect();
        items.extend(widths.map(mm));
        self.out.push('(');
        self.out.push_str(&items.join(", "));
        if items.len() == 1 {
            // `(x,)` is an array of one; `(x)` would be x itself.
            self.out.push(',');
        }
        self.out.push(')');
    }

    fn table_cell(&mut self, c: &Cell) {
        let _ = write!(
            self.out,
            "table.cell(colspan: {}, rowspan: {}, breakable: false, ",
            c.colspan, c.rowspan
        );
        // A cell's paragraphs are measured by typst (their room depends on spans and padding).
        self.cell_blocks(&c.blocks, None);
        self.out.push(')');
    }

    /// A ruled table: the header rows repeat on every page, no row splits across pages. A
    /// row kept with the next (a group row with its first task; `w:keepNext` in the DOCX)
    /// shares an empty unbreakable cell with it in a first column of no width: typst keeps
    /// the rows an unbreakable cell spans on one page.
    fn table(&mut self, t: &Table) {
        let kept: Vec<bool> = t
            .rows
            .iter()
            .map(|r| r.iter().any(|c| c.keep_with_next))
            .collect();
        let lead = kept.iter().any(|k| *k);
        let blank =
            |n: usize| format!("table.cell(rowspan: {n}, breakable: false, inset: 0pt, [])");
        let _ = write!(
            self.out,
            "block(width: 100%, above: {}, table(columns: ",
            pt(t.space_before.0)
        );
        self.lengths(lead.then_some("0pt"), t.widths.iter().map(|w| w.0));
        let _ = write!(
            self.out,
            ", stroke: {r}, inset: (x: {p}, top: {p}, bottom: ({pn} + {rn}) * 1pt),\ntable.header(repeat: true",
            r = pt(t.rule.0),
            p = pt(t.padding.0),
            pn = num(t.padding.0),
            rn = num(t.rule.0),
        );
        let head = t.header_rows.min(t.rows.len());
        for row in &t.rows[..head] {
            if lead {
                self.out.push_str(", ");
                self.out.push_str(&blank(1));
            }
            for c in row {
                self.out.push_str(",\n");
                self.table_cell(c);
            }
        }
        self.out.push(')');
        let mut covered = 0;
        for i in head..t.rows.len() {
            if lead && covered > 0 {
                covered -= 1;
            } else if lead {
                let mut n = 1;
                while i + n < t.rows.len() && kept.get(i + n - 1).copied().unwrap_or(false) {
                    n += 1;
                }
                self.out.push_str(",\n");
                self.out.push_str(&blank(n));
                covered = n - 1;
            }
            for c in &t.rows[i] {
                self.out.push_str(",\n");
                self.table_cell(c);
            }
        }
        self.out.push_str("))");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_literals_whatever_they_hold() {
        let mut c = Code {
            out: String::new(),
            base_size: String::new(),
            check: false,
            measured: 0,
            rule_thickness: String::new(),
            rule_gap: String::new(),
            files: Vec::new(),
            main: Vec::new(),
            uses_single: false,
        };
        c.string("a\"b\\c\n#set page(width: 1pt) $x$ *y* \u{7}");
        assert_eq!(
            c.out,
            "\"a\\\"b\\\\c\\n#set page(width: 1pt) $x$ *y* \\u{7}\""
        );
    }

    #[test]
    fn numbers_are_written_as_json_writes_them() {
        assert_eq!(num(13.0), "13.0");
        assert_eq!(num(0.4), "0.4");
        assert_eq!(value(0.4), 0.4_f64);
        assert_eq!(num(f32::NAN), "0.0");
    }
}
