//! Grid assembly: the parsed parts of a document (header regions, title, recipients, body,
//! signature columns, Nơi nhận, appendices) placed on the page grid of the profile, with the
//! rules under the issuer, the motto and the title. The markup parser is `super::build`.

use super::build::{Parts, para};
use super::profile::Profile;
use super::*;

pub(super) fn set_rule_on_last(blocks: &mut [Block], share: f32, pick: impl Fn(&Para) -> bool) {
    if share <= 0.0 {
        return;
    }
    if let Some(Block::Para(p)) = blocks
        .iter_mut()
        .rev()
        .find(|b| matches!(b, Block::Para(p) if pick(p)))
    {
        p.rule_below = Some(share);
    }
}

pub(super) fn assemble(mut parts: Parts, profile: &Profile, meta: Meta) -> Document {
    let layout = &profile.layout;
    let mut blocks = Vec::new();
    // Rule under the issuing body: 1/3 to 1/2 of its last line (NĐ 30, Phụ lục I, II.2.b).
    set_rule_on_last(&mut parts.header_left, layout.issuer_rule, |p| p.style.bold);
    if !(parts.header_left.is_empty() && parts.header_right.is_empty()) {
        let mut rows = vec![vec![parts.header_left, parts.header_right]];
        if !(parts.header_left2.is_empty() && parts.header_right2.is_empty()) {
            rows.push(vec![parts.header_left2, parts.header_right2]);
        }
        blocks.push(Block::Columns(Columns {
            widths: layout.header.iter().map(|w| Mm(*w)).collect(),
            rows,
            keep_with_previous: false,
            space_before: Pt(0.0),
        }));
    }
    // Title block: tên loại and trích yếu, a short rule under its last line (II.5.b).
    set_rule_on_last(&mut parts.title, layout.title_rule, |_| true);
    blocks.extend(parts.title);
    let recipients = recipients_block(parts.recipients_label.take(), parts.recipients, profile);
    let at = parts.recipients_at.unwrap_or(0).min(parts.body.len());
    let mut body = parts.body;
    if let Some(r) = recipients {
        body.insert(at, r);
    }
    blocks.extend(body);
    let signers: Vec<Vec<Block>> = parts
        .signers
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !(signers.is_empty() && parts.dist.is_empty()) {
        // The signature area stays on the page of the last paragraph.
        if let Some(Block::Para(p)) = blocks.last_mut() {
            p.keep_with_next = true;
        }
        let widths: Vec<Mm> = layout.signature.iter().map(|w| Mm(*w)).collect();
        let column = if signers.len() <= 1 {
            widths.last().copied().unwrap_or(Mm(0.0))
        } else {
            Mm(profile.page.text_width().0 / signers.len() as f32)
        };
        let signers: Vec<Vec<Block>> = signers
            .into_iter()
            .map(|s| s.into_iter().map(|b| balance(b, column)).collect())
            .collect();
        if signers.len() <= 1 {
            // Nơi nhận on the left, level with the signer's authority line (II.9.d).
            let signer = signers.into_iter().next().unwrap_or_default();
            blocks.push(Block::Columns(Columns {
                widths,
                rows: vec![vec![parts.dist, signer]],
                keep_with_previous: true,
                space_before: layout.signature_before,
            }));
        } else {
            // Two signers side by side (biên bản: thư ký left, chủ tọa right; joint
            // documents), Nơi nhận below on the left (Phụ lục III, Mẫu 1.9).
            let half = profile.page.text_width().0 / 2.0;
            let n = signers.len();
            blocks.push(Block::Columns(Columns {
                widths: vec![Mm(profile.page.text_width().0 / n as f32); n],
                rows: vec![signers],
                keep_with_previous: true,
                space_before: layout.signature_before,
            }));
            if !parts.dist.is_empty() {
                blocks.push(Block::Columns(Columns {
                    widths: vec![Mm(half), Mm(half)],
                    rows: vec![vec![parts.dist, Vec::new()]],
                    keep_with_previous: false,
                    space_before: layout.signature_before,
                }));
            }
        }
    }
    blocks.extend(parts.tail);
    Document {
        page: profile.page.clone(),
        blocks,
        meta,
        rule: profile.rule,
        footnotes: profile.footnotes,
        docx: profile.docx,
    }
}

/// Kính gửi (ô 9a): one addressee on the label's line; several as a dash list aligned after
/// the colon (NĐ 30/2020, Phụ lục I, II.9.d).
pub(super) fn recipients_block(
    label: Option<(Vec<Inline>, ParaStyle)>,
    list: Vec<(Vec<Inline>, ParaStyle)>,
    profile: &Profile,
) -> Option<Block> {
    let (label, label_style) = label?;
    if list.len() <= 1 {
        let mut inl = label;
        inl.push(text_inline(" "));
        inl.extend(list.into_iter().flat_map(|(i, _)| i));
        return Some(Block::Para(para(
            inl,
            ParaStyle {
                align: Align::Center,
                ..label_style
            },
        )));
    }
    let label_text: String = label
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            _ => "",
        })
        .collect();
    // The label starts `recipients_lead` into the line, as the decree's template places ô 9a;
    // its column is as wide as "Kính gửi: " so the dashes of the list align after the colon.
    let lead = Mm(profile.layout.recipients_lead);
    let label_w = crate::fonts::text_width(
        &format!("{label_text} "),
        label_style.size.0,
        label_style.bold,
        label_style.italic,
    );
    let label_col = Mm(lead.0 + Pt(label_w).mm().0 + profile.layout.recipients_slack.0);
    let rest = Mm(profile.page.text_width().0 - label_col.0);
    let space_before = label_style.space_before;
    let items: Vec<Block> = list
        .into_iter()
        .map(|(i, st)| Block::Para(para(i, st)))
        .collect();
    Some(Block::Columns(Columns {
        widths: vec![label_col, rest],
        rows: vec![vec![
            vec![Block::Para(para(
                label,
                ParaStyle {
                    align: Align::Left,
                    left_indent: lead,
                    space_before: Pt(0.0),
                    ..label_style
                },
            ))],
            items,
        ]],
        keep_with_previous: false,
        space_before,
    }))
}

pub(super) fn text_inline(s: &str) -> Inline {
    Inline::Text {
        text: s.to_string(),
        bold: false,
        italic: false,
        script: Default::default(),
    }
}

/// A signature line too long for its column is broken into two lines of about the same
/// width, so that no word is left alone on the second line ("PHÓ CHỦ TỊCH THƯỜNG TRỰC" over
/// "ỦY BAN NHÂN DÂN TỈNH", not "… ỦY" over one word). The break is a forced line break in the
/// tree, so the PDF and the DOCX break at the same place. A line that fits, has marks of
/// its own or cannot be set on two lines is left as it is.
fn balance(block: Block, column: Mm) -> Block {
    let Block::Para(mut p) = block else {
        return block;
    };
    let [Inline::Text { text, .. }] = p.inlines.as_slice() else {
        return Block::Para(p);
    };
    let avail = Mm(column.0 - p.style.left_indent.0 - p.style.first_line_indent.0)
        .pt()
        .0;
    let (size, bold, italic) = (p.style.size.0, p.style.bold, p.style.italic);
    let width = |s: &str| crate::fonts::text_width(s, size, bold, italic);
    if width(text) <= avail {
        return Block::Para(p);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let best = (1..words.len())
        .map(|k| {
            let (a, b) = (words[..k].join(" "), words[k..].join(" "));
            let w = width(&a).max(width(&b));
            (w, a, b)
        })
        .filter(|(w, _, _)| *w <= avail)
        .min_by(|x, y| x.0.total_cmp(&y.0));
    if let Some((_, first, second)) = best
        && let [Inline::Text { text, .. }] = p.inlines.as_mut_slice()
    {
        *text = first;
        let mut rest = p.inlines[0].clone();
        if let Inline::Text { text, .. } = &mut rest {
            *text = second;
        }
        p.inlines.push(Inline::LineBreak);
        p.inlines.push(rest);
    }
    Block::Para(p)
}
