//! LibreOffice's line fitting, so that the PDF breaks a justified body paragraph where
//! LibreOffice breaks the DOCX (issue 13; docs/parity.md, "How LibreOffice fits a line").
//!
//! The model, measured on LibreOffice 7.4 (Word's own rule is not known): Writer lays text out
//! on a reference device of 8640 dpi (6 device units per twip, 120 per point). Every glyph's
//! advance is rounded to a whole device unit, and a line holds its words while the sum of those
//! rounded advances (the space at the break left out) is at most the room, a whole number of
//! twips, times 6. typst sets the advances as they are, so a line within about 0.1 pt of its
//! room may fit in one and not in the other. Where LibreOffice's line ends before typst's
//! would, the PDF gets a justified line break there; where LibreOffice's line holds more,
//! nothing is changed (typst cannot be made to fit it).

use std::borrow::Cow;

use crate::doc::{Align, Block, Document, Inline, Para, Script};
use crate::fonts::{UNITS_PER_EM, advance_units};

/// Device units per point on LibreOffice's reference device (8640 dpi / 72).
const DEVICE_PER_PT: f64 = 120.0;
/// Device units per twip (8640 dpi / 1440).
const DEVICE_PER_TWIP: i64 = 6;
/// The character the PDF writes as a justified line break (LINE SEPARATOR; `source.rs`).
pub(super) const FIT_BREAK: char = '\u{2028}';
/// How far past its room typst still lets a line run (points; its layout epsilon).
const EPSILON: f64 = 1e-4;

/// A word of a paragraph (no space inside), with the space after it.
#[derive(Debug, Clone, Copy)]
struct Word {
    /// Where it starts: inline index and byte offset.
    start: (usize, usize),
    /// Where the spaces after it start, if they are in the same inline as the next word.
    space: Option<(usize, usize)>,
    /// Width as typst sets it, points.
    exact: f64,
    /// Width as LibreOffice lays it out, device units.
    device: i64,
    /// The spaces after it, the same two ways.
    space_exact: f64,
    space_device: i64,
    /// Whether the model knows its width in LibreOffice (not for a word with a footnote mark,
    /// a raised or lowered run, a tab, a hyphen or dash inside it, which LibreOffice may lay
    /// out with another font's width or break after, a break hint, a character the font
    /// lacks).
    known: bool,
}

/// The room of a paragraph's first line and of its other lines, in points (the PDF) and in
/// device units (whole twips of the DOCX × 6).
struct Room {
    first: (f64, i64),
    other: (f64, i64),
}

impl Room {
    fn new(doc: &Document, landscape: bool, para: &Para) -> Room {
        let page = &doc.page;
        let sheet = if landscape { page.height } else { page.width };
        let text = [page.margin_left, page.margin_right]
            .iter()
            .fold(f64::from(sheet.0), |w, m| w - f64::from(m.0));
        let text_twips = sheet.twips() - page.margin_left.twips() - page.margin_right.twips();
        let st = &para.style;
        let first_mm = f64::from(st.first_line_indent.0) - f64::from(st.hanging.0);
        let first_twips = st.first_line_indent.twips() - st.hanging.twips();
        let pt = |mm: f64| mm * 72.0 / 25.4;
        let other = (
            pt(text - f64::from(st.left_indent.0)),
            i64::from(text_twips - st.left_indent.twips()) * DEVICE_PER_TWIP,
        );
        Room {
            first: (
                other.0 - pt(first_mm),
                other.1 - i64::from(first_twips) * DEVICE_PER_TWIP,
            ),
            other,
        }
    }
}

/// The document with a justified line break wherever LibreOffice ends a line of a justified
/// body paragraph before typst would; the document itself when there is none (most).
pub(super) fn fit(doc: &Document) -> Cow<'_, Document> {
    let mut landscape = false;
    let mut edits = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::SectionBreak(s) => landscape = s.landscape,
            Block::Para(p) if p.style.align == Align::Justify => {
                let breaks = breaks(p, &Room::new(doc, landscape, p));
                if !breaks.is_empty() {
                    edits.push((i, breaks));
                }
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return Cow::Borrowed(doc);
    }
    let mut doc = doc.clone();
    for (i, breaks) in edits {
        if let Some(Block::Para(p)) = doc.blocks.get_mut(i) {
            apply(p, &breaks);
        }
    }
    Cow::Owned(doc)
}

/// An edit: in inline `inline`, the bytes `from .. to` (spaces before the word that starts
/// LibreOffice's next line) become [`FIT_BREAK`], or nothing when `mark` is false (the spaces
/// end one run of text and the break starts the next).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Break {
    inline: usize,
    from: usize,
    to: usize,
    mark: bool,
}

/// Makes the edits, last first so that earlier byte offsets stay right.
fn apply(para: &mut Para, breaks: &[Break]) {
    for b in breaks.iter().rev() {
        if let Some(Inline::Text { text, .. }) = para.inlines.get_mut(b.inline)
            && b.from <= b.to
            && b.to <= text.len()
            && text.is_char_boundary(b.from)
            && text.is_char_boundary(b.to)
        {
            let with = if b.mark {
                FIT_BREAK.to_string()
            } else {
                String::new()
            };
            text.replace_range(b.from..b.to, &with);
        }
    }
}

/// Where the PDF must break `para` so that its lines are LibreOffice's (see the module's note).
fn breaks(para: &Para, room: &Room) -> Vec<Break> {
    let lines = words(para);
    let mut out = Vec::new();
    for (n, words) in lines.iter().enumerate() {
        let mut from = 0;
        let mut first = n == 0;
        while from < words.len() {
            let (pdf_room, lo_room) = if first { room.first } else { room.other };
            first = false;
            let lo = line_end(words, from, |w| (w.device, w.space_device), lo_room);
            let pdf = line_end(
                words,
                from,
                |w| (w.exact, w.space_exact),
                pdf_room + EPSILON,
            );
            // The words that decided both lines: theirs and the first one left out.
            let last = lo.max(pdf).min(words.len() - 1);
            if words
                .get(from..=last)
                .is_some_and(|d| d.iter().any(|w| !w.known))
            {
                return out;
            }
            if lo < pdf {
                // LibreOffice's line ends before typst's: break the PDF there, at the spaces
                // between the two words when they are in one run of text.
                let (Some(prev), Some(next)) = (words.get(lo - 1), words.get(lo)) else {
                    return out;
                };
                let Some((inline, at)) = prev.space else {
                    return out;
                };
                let (next_inline, next_at) = next.start;
                if inline == next_inline {
                    out.push(Break {
                        inline,
                        from: at,
                        to: next_at,
                        mark: true,
                    });
                } else if next_inline == inline + 1 {
                    // The spaces end this run; the next word starts the next run.
                    let Some(Inline::Text { text, .. }) = para.inlines.get(inline) else {
                        return out;
                    };
                    out.push(Break {
                        inline,
                        from: at,
                        to: text.len(),
                        mark: false,
                    });
                    out.push(Break {
                        inline: next_inline,
                        from: 0,
                        to: next_at,
                        mark: true,
                    });
                } else {
                    return out;
                }
            } else if lo > pdf {
                // LibreOffice holds more than typst can: the lines differ from here on.
                return out;
            }
            from = lo;
        }
    }
    out
}

/// The index after the last word of the line that starts at `from`: as many words as fit in
/// `room` (at least one), by the given widths of a word and of the spaces after it.
fn line_end<T>(words: &[Word], from: usize, width: impl Fn(&Word) -> (T, T), room: T) -> usize
where
    T: Copy + PartialOrd + std::ops::Add<Output = T>,
{
    let Some(head) = words.get(from) else {
        return from;
    };
    let (mut used, mut gap) = width(head);
    let mut end = from + 1;
    while let Some(word) = words.get(end) {
        let (w, s) = width(word);
        let next = used + gap + w;
        if next > room {
            break;
        }
        (used, gap) = (next, s);
        end += 1;
    }
    end
}

/// The paragraph's words, per line of its own (split at forced line breaks).
fn words(para: &Para) -> Vec<Vec<Word>> {
    let size = f64::from(para.style.size.0);
    let ppem = (size * DEVICE_PER_PT).round();
    let upem = f64::from(UNITS_PER_EM);
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    // Characters of the current word, and whether one of them is a hyphen or a dash.
    let (mut chars, mut dash) = (0_usize, false);
    // Ends the current word: a hyphen or dash inside it leaves its width unknown.
    let close = |current: &mut Option<Word>, chars: &mut usize, dash: &mut bool| {
        let word = current.take().map(|mut w| {
            w.known &= !(*dash && *chars > 1);
            w
        });
        (*chars, *dash) = (0, false);
        word
    };
    for (i, inline) in para.inlines.iter().enumerate() {
        match inline {
            Inline::Text {
                text,
                bold,
                italic,
                script,
            } => {
                let units =
                    advance_units(text, *bold || para.style.bold, *italic || para.style.italic);
                let baseline = *script == Script::Baseline;
                for ((at, c), u) in text.char_indices().zip(units) {
                    let exact = f64::from(u) * size / upem;
                    let device = (f64::from(u) * ppem / upem).round() as i64;
                    if c == ' ' && baseline {
                        if let Some(mut w) = close(&mut current, &mut chars, &mut dash) {
                            w.space = Some((i, at));
                            line.push(w);
                        }
                        if let Some(w) = line.last_mut() {
                            w.space_exact += exact;
                            w.space_device += device;
                        }
                        continue;
                    }
                    chars += 1;
                    dash |= matches!(c, '-' | '\u{2010}' | '\u{2013}' | '\u{2014}');
                    let w = current.get_or_insert(Word {
                        start: (i, at),
                        space: None,
                        exact: 0.0,
                        device: 0,
                        space_exact: 0.0,
                        space_device: 0,
                        known: true,
                    });
                    w.exact += exact;
                    w.device += device;
                    w.known &= baseline
                        && u != 0
                        && !matches!(c, '\t' | '\u{AD}' | '\u{200B}' | '\u{2011}' | FIT_BREAK);
                }
            }
            Inline::LineBreak => {
                let word = close(&mut current, &mut chars, &mut dash);
                line.extend(word);
                lines.push(std::mem::take(&mut line));
            }
            Inline::Footnote { .. } => {
                // Its mark follows the word before it (or the word it ends).
                if let Some(w) = current.as_mut().or(line.last_mut()) {
                    w.known = false;
                }
            }
        }
    }
    let word = close(&mut current, &mut chars, &mut dash);
    line.extend(word);
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests;
