//! The lengths of the rules under the issuer and the motto, as Word stores them: a drawn
//! line (its extent), an empty paragraph's bottom border (the paragraph's width between its
//! indents), a border on the text's own paragraph, the text underlined, or a typed line of
//! underscores. NĐ 30: under the issuer 1/3–1/2 of the issuer's line (Phụ lục I, II.2.b),
//! under the motto as long as the motto (II.1.b), under the trích yếu 1/3–1/2 of the line
//! above (II.5.b). Lines are set the way vanban's DOCX sets them: words wrapped greedily at
//! the width of the paragraph's cell or text area, the widest line measured.

use std::path::Path;

use super::header::is_rule_text;
use super::layout::{Located, at};
use super::model::{Docx, Para};
use super::recover::Recovered;
use crate::diag::rules::Finding;

/// Shares of the text's width a rule may have: the issuer's (1/3–1/2, with a little room
/// for how Word and vanban measure) and the motto's (the same length).
const ISSUER_SHARE: (f64, f64) = (0.30, 0.55);
const MOTTO_SHARE: (f64, f64) = (0.90, 1.12);

/// The width (twips) of the widest line of `p` as set in Times New Roman (vanban's bundled
/// metrics); capitals when the runs say `caps`.
pub(super) fn text_width(p: &Para) -> Option<f64> {
    wrapped_width(p, f64::INFINITY)
}

/// The width (twips) of the widest line of `p` with its words wrapped at `avail` twips.
fn wrapped_width(p: &Para, avail: f64) -> Option<f64> {
    let size = p.size()? as f32 / 2.0;
    let bold = p.all(|r| r.bold) == Some(true);
    let italic = p.all(|r| r.italic) == Some(true);
    let caps = p.all(|r| r.caps) == Some(true);
    let w = |s: &str| f64::from(crate::fonts::text_width(s, size, bold, italic)) * 20.0;
    let mut widest: Option<f64> = None;
    for line in p.text.split('\n') {
        let line = line.replace('\t', " ");
        let line = if caps {
            line.trim().to_uppercase()
        } else {
            line.trim().to_string()
        };
        let mut cur = String::new();
        let mut widths = Vec::new();
        for word in line.split_whitespace() {
            let next = if cur.is_empty() {
                word.to_string()
            } else {
                format!("{cur} {word}")
            };
            if !cur.is_empty() && w(&next) > avail {
                widths.push(w(&cur));
                cur = word.to_string();
            } else {
                cur = next;
            }
        }
        widths.push(w(&cur));
        for x in widths {
            widest = Some(widest.map_or(x, |a: f64| a.max(x)));
        }
    }
    widest.filter(|w| *w > 0.0)
}

/// The width (twips) a paragraph's lines have: its cell or the page's text area, less its
/// indents.
fn avail(d: &Docx, p: &Para) -> f64 {
    let page = &d.page;
    let body = page.width.unwrap_or(11906)
        - page.left.unwrap_or(1701).abs()
        - page.right.unwrap_or(850).abs();
    let width = p.container.unwrap_or(body);
    (width - p.props.left.unwrap_or(0).max(0) - p.props.right.unwrap_or(0).max(0)).max(1440) as f64
}

/// How long the rule in paragraph `rule` is (twips), under the text of paragraph `text`;
/// `None` when the file does not say (a drawn line without its size).
fn rule_length(d: &Docx, rule: usize, text: usize) -> Option<f64> {
    let r = &d.paras[rule];
    if let Some(l) = r.line_len {
        return Some(l as f64);
    }
    if r.lines > 0 {
        return None;
    }
    if rule == text && r.all(|x| x.underline) == Some(true) {
        return text_width(r);
    }
    if is_rule_text(&r.flat()) {
        return text_width(r);
    }
    if r.props.border_bottom == Some(true) {
        let page = &d.page;
        let body = page.width.unwrap_or(11906)
            - page.left.unwrap_or(1701).abs()
            - page.right.unwrap_or(850).abs();
        let width = r.container.unwrap_or(body);
        let len = width - r.props.left.unwrap_or(0) - r.props.right.unwrap_or(0);
        return (len > 0).then_some(len as f64);
    }
    None
}

fn mm(twips: f64) -> String {
    format!("{:.0} mm", twips / 56.692)
}

/// The rules' lengths against their text lines.
pub(super) fn rule_lengths(path: &Path, d: &Docx, rec: &Recovered, out: &mut Vec<Located>) {
    let p = &rec.parts;
    let issuer_rule = if p.party { None } else { p.issuer_rule };
    let (motto, motto_part) = if p.party {
        (
            p.nation,
            (
                "tiêu đề \"ĐẢNG CỘNG SẢN VIỆT NAM\"",
                "the heading \"ĐẢNG CỘNG SẢN VIỆT NAM\"",
            ),
        )
    } else {
        (p.motto, ("Tiêu ngữ", "the motto"))
    };
    // The trích yếu's rule: under its last paragraph (a title without a subject: the title).
    let title_text = p.subject.last().copied().or(p.title);
    let title_rule = p.title_rule.filter(|_| !p.party);
    let cases = [
        (
            title_rule,
            title_text,
            ISSUER_SHARE,
            ("trích yếu", "the subject"),
            (
                "từ 1/3 đến 1/2 độ dài dòng chữ",
                "1/3 to 1/2 of the text line",
            ),
        ),
        (
            issuer_rule,
            p.issuer.last().copied(),
            ISSUER_SHARE,
            ("tên cơ quan ban hành", "the issuing body"),
            (
                "từ 1/3 đến 1/2 độ dài dòng chữ",
                "1/3 to 1/2 of the text line",
            ),
        ),
        (
            p.motto_rule,
            motto,
            MOTTO_SHARE,
            motto_part,
            ("bằng độ dài dòng chữ", "as long as the text line"),
        ),
    ];
    for (rule, text, (lo, hi), (part, part_en), (want, want_en)) in cases {
        let (Some(rule), Some(text)) = (rule, text) else {
            continue;
        };
        let tp = &d.paras[text];
        let (Some(len), Some(width)) =
            (rule_length(d, rule, text), wrapped_width(tp, avail(d, tp)))
        else {
            continue;
        };
        let share = len / width;
        if share < lo || share > hi {
            out.push(at(
                d,
                Finding::new("rule-length", path)
                    .arg("part", part)
                    .arg("part_en", part_en)
                    .arg("found", mm(len))
                    .arg("text", mm(width))
                    .arg("share", format!("{share:.2}").replace('.', ","))
                    .arg("share_en", format!("{share:.2}"))
                    .arg("want", want)
                    .arg("want_en", want_en),
                Some(rule),
            ));
        }
    }
}
