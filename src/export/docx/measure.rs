//! Where the rule under a paragraph goes: the width of the paragraph's widest line, measured with
//! the bundled font (same metrics as Times New Roman), and the indents that centre a rule of a
//! given share of that width under it. All lengths here are points.

use crate::doc::{Align, Inline, Para, Script};
use crate::fonts::text_width;

/// Vertical alignment shrinks text in Word to about two thirds of its size.
const SCRIPT_SCALE: f32 = 2.0 / 3.0;

/// Left and right indents, in points, of the rule paragraph within its container.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct RuleIndents {
    /// From the container's left edge to the rule's start.
    pub left: f32,
    /// From the rule's end to the container's right edge.
    pub right: f32,
}

/// One word or one run of spaces of a line, with its width.
#[derive(Debug, Clone, Copy)]
struct Token {
    width: f32,
    space: bool,
}

/// The indents that put a rule of `share` × the width of the paragraph's widest line centred
/// under that line (NĐ 30: of "the line above"; the PDF measures the same line).
/// `container` is the width available to the paragraph (text area or column), in points.
pub(super) fn rule_indents(para: &Para, container: f32, share: f32) -> RuleIndents {
    let style = &para.style;
    let left = style.left_indent.pt().0;
    // Offset of the first line from `left`: first-line indent minus the hanging outdent.
    let first_offset = style.first_line_indent.pt().0 - style.hanging.pt().0;
    let avail = (container - left).max(1.0);
    let mut widest = (0.0_f32, true);
    for (i, hard) in hard_lines(para).iter().enumerate() {
        let first = i == 0;
        let first_avail = if first { avail - first_offset } else { avail };
        for (j, width) in line_widths(hard, first_avail, avail)
            .into_iter()
            .enumerate()
        {
            if width > widest.0 {
                widest = (width, first && j == 0);
            }
        }
    }
    let (width, is_first) = widest;
    // The line starts at `left`, or `left + first_offset` if it is the paragraph's first.
    let line_left = if is_first { left + first_offset } else { left };
    let start = match style.align {
        Align::Left | Align::Justify => line_left,
        Align::Center => line_left + (container - line_left - width) / 2.0,
        Align::Right => container - width,
    };
    let length = width * share;
    let rule_start = start + (width - length) / 2.0;
    RuleIndents {
        left: rule_start,
        right: container - rule_start - length,
    }
}

/// The paragraph's text split at forced line breaks into tokens (footnote marks ignored).
fn hard_lines(para: &Para) -> Vec<Vec<Token>> {
    let size = para.style.size.0;
    let mut lines = vec![Vec::new()];
    for inline in &para.inlines {
        match inline {
            Inline::Text {
                text,
                bold,
                italic,
                script,
            } => {
                let size = if *script == Script::Baseline {
                    size
                } else {
                    size * SCRIPT_SCALE
                };
                let (bold, italic) = (para.style.bold || *bold, para.style.italic || *italic);
                if let Some(line) = lines.last_mut() {
                    tokenize(text, size, bold, italic, line);
                }
            }
            Inline::LineBreak => lines.push(Vec::new()),
            Inline::Footnote { .. } => {}
        }
    }
    lines
}

/// Appends the words and space runs of `text` to `line`; a word continuing across runs with
/// different marks is merged with the previous token.
fn tokenize(text: &str, size: f32, bold: bool, italic: bool, line: &mut Vec<Token>) {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let space = c == ' ';
        let end = rest
            .find(|ch: char| (ch == ' ') != space)
            .unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        let width = text_width(piece, size, bold, italic);
        match line.last_mut() {
            Some(prev) if prev.space == space => prev.width += width,
            _ => line.push(Token { width, space }),
        }
        rest = tail;
    }
}

/// Widths of the visual lines when `tokens` are set greedily into lines of `first_avail` (the
/// first line) and `avail` points, as Word does; trailing spaces do not count.
fn line_widths(tokens: &[Token], first_avail: f32, avail: f32) -> Vec<f32> {
    let mut widths = Vec::new();
    let mut limit = first_avail;
    let mut line = 0.0_f32;
    let mut pending_space = 0.0_f32;
    let mut words_on_line = 0;
    for token in tokens {
        if token.space {
            if words_on_line == 0 && widths.is_empty() {
                // Leading spaces of the paragraph's line are visible.
                line += token.width;
            } else {
                pending_space += token.width;
            }
            continue;
        }
        if words_on_line > 0 && line + pending_space + token.width > limit {
            widths.push(line);
            limit = avail;
            line = token.width;
        } else {
            line += pending_space + token.width;
        }
        pending_space = 0.0;
        words_on_line += 1;
    }
    widths.push(line);
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Mm, ParaStyle, Pt, StyleName};

    fn para(text: &str, align: Align, bold: bool) -> Para {
        Para {
            inlines: vec![Inline::Text {
                text: text.into(),
                bold: false,
                italic: false,
                script: Script::Baseline,
            }],
            style: ParaStyle {
                name: StyleName::Header,
                size: Pt(13.0),
                bold,
                italic: false,
                align,
                first_line_indent: Mm(0.0),
                left_indent: Mm(0.0),
                hanging: Mm(0.0),
                space_before: Pt(0.0),
                space_after: Pt(0.0),
                line_spacing: 1.0,
            },
            rule_below: None,
            keep_with_next: false,
        }
    }

    #[test]
    fn centred_full_rule_spans_the_text() {
        let text = "Độc lập - Tự do - Hạnh phúc";
        let p = para(text, Align::Center, true);
        let w = text_width(text, 13.0, true, false);
        let r = rule_indents(&p, 300.0, 1.0);
        assert!((r.left - (300.0 - w) / 2.0).abs() < 0.01);
        assert!((r.right - r.left).abs() < 0.01);
    }

    #[test]
    fn short_rule_is_centred_under_a_left_aligned_line() {
        let p = para("TỈNH HÀ TĨNH", Align::Left, true);
        let w = text_width("TỈNH HÀ TĨNH", 13.0, true, false);
        let r = rule_indents(&p, 200.0, 0.4);
        assert!((r.left - 0.3 * w).abs() < 0.01);
        assert!((200.0 - r.right - r.left - 0.4 * w).abs() < 0.01);
    }

    #[test]
    fn the_widest_line_counts() {
        let mut p = para("ỦY BAN NHÂN DÂN", Align::Center, false);
        p.inlines.push(Inline::LineBreak);
        p.inlines.push(Inline::Text {
            text: "HUYỆN A".into(),
            bold: false,
            italic: false,
            script: Script::Baseline,
        });
        let w = text_width("ỦY BAN NHÂN DÂN", 13.0, false, false);
        let r = rule_indents(&p, 200.0, 1.0);
        assert!((200.0 - r.left - r.right - w).abs() < 0.01);
        // A line too long for the column wraps: the rule follows the widest wrapped line.
        let long = para("AAAA BBBB CCCC", Align::Left, false);
        let two_words = text_width("AAAA BBBB", 13.0, false, false);
        let r = rule_indents(&long, two_words + 1.0, 1.0);
        assert!((two_words + 1.0 - r.left - r.right - two_words).abs() < 0.01);
        assert!(r.left.abs() < 0.01);
        // A short last line does not shorten the rule.
        let title = para(
            "Về việc thành lập Tổ công tác thẩm tra hồ sơ",
            Align::Center,
            true,
        );
        let first = text_width("Về việc thành lập Tổ công tác thẩm", 13.0, true, false);
        let r = rule_indents(&title, first + 5.0, 0.4);
        assert!((first + 5.0 - r.left - r.right - 0.4 * first).abs() < 0.01);
    }
}
