//! Runs and paragraph properties: the tree's sizes, marks, alignment, indents and spacing
//! in Word's raw units.

use super::*;

/// The runs of a text: a `\n` becomes a line break and a `\t` a tab (the tree should hold
/// neither), and control characters XML cannot carry are dropped. Hyphens stay plain: Word
/// and LibreOffice may break a line after one ("04-" / "NQ/TU") and so does the PDF (a U+2011
/// typed by the user is still written as `w:noBreakHyphen` when the package is repacked).
pub(super) fn text_runs(text: &str, props: &RunProperty) -> Vec<Run> {
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
pub(super) fn flatten_note(inlines: &[Inline], out: &mut Vec<Vec<Inline>>) {
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
pub(super) struct Declared {
    pub(super) size: Option<Pt>,
    pub(super) bold: bool,
    pub(super) italic: bool,
}

/// Run properties for text of this size and marks under a style declaring `declared`.
pub(super) fn marks(size: Pt, bold: bool, italic: bool, declared: &Declared) -> RunProperty {
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
pub(super) fn latin_only(mut p: RunProperty) -> RunProperty {
    p.bold_cs = None;
    p.italic_cs = None;
    p
}

/// Size and marks written in full.
pub(super) fn props(size: Pt, bold: bool, italic: bool) -> RunProperty {
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

pub(super) fn plain_props(size: Pt) -> RunProperty {
    props(size, false, false)
}

pub(super) fn with_props(mut run: Run, props: RunProperty) -> Run {
    run.run_property = props;
    run
}

pub(super) fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(DOCX_FAMILY)
        .hi_ansi(DOCX_FAMILY)
        .cs(DOCX_FAMILY)
        .east_asia(DOCX_FAMILY)
}

pub(super) fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// Left indent and the first line's offset from it, in twips.
pub(super) fn indents(style: &ParaStyle) -> (i32, Option<SpecialIndentType>) {
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
pub(super) fn spacing(before: f32, after: f32, multiple: f32) -> LineSpacing {
    LineSpacing::new()
        .before(twips_u32(Pt(before)))
        .after(twips_u32(Pt(after)))
        .line((multiple * 240.0).round() as i32)
        .line_rule(LineSpacingType::Auto)
}

/// An empty paragraph of exactly `height`, in the Normal style.
pub(super) fn filler(height: Pt) -> Paragraph {
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
pub(super) fn grid_twips(widths: &[Mm]) -> Vec<usize> {
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

pub(super) fn twips_u32(pt: Pt) -> u32 {
    pt.twips().max(0) as u32
}
