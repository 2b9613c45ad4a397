//! Block markup -> document tree.
//!
//! Templates produce *block markup*: one element a line, `::tag text`, where the tag names
//! the element (ô) of the layout grid and the text carries inline markup
//! (see [`super::parse_inline`]). Tags may take modifiers after dots: `::p.italic.center`.
//! Blank lines and lines starting with `#` are ignored.
//!
//! | tags                                   | where it goes (NĐ 30/2020, Phụ lục I)         |
//! |----------------------------------------|-----------------------------------------------|
//! | `parent`, `issuer`                     | header, left column (ô 2)                     |
//! | `national`, `motto`                    | header, right column (ô 1)                    |
//! | `number`, `subject`, `urgency`, `secrecy` | header, left column, second row (ô 3, 5b, 10) |
//! | `place-date`                           | header, right column, second row (ô 4)        |
//! | `recipients-label`, `recipient`        | Kính gửi (ô 9a)                               |
//! | `p`, `heading`, `item`, `sub-item`     | body (ô 6)                                    |
//! | `sign-authority`, `sign-title`, `sign-name` | signature, right column (ô 7)            |
//! | `dist-label`, `dist`, `drafter`        | Nơi nhận, left column (ô 9b, 12)              |
//!
//! The layout values (sizes, spacing, column widths) come from [`Profile`].

use super::{
    Align, Block, Columns, Document, Inline, Meta, Mm, PageNumber, PageSetup, Para, ParaStyle, Pt,
    Stamp, StyleName, parse_inline,
};

/// A template produced block markup the tree builder cannot read.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildError {
    /// 1-based line of the template output.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {} of the template output: {}",
            self.line, self.message
        )
    }
}

impl std::error::Error for BuildError {}

/// Layout values of the state rules (NĐ 30/2020, Phụ lục I). Defaults inside every range.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Page geometry.
    pub page: PageSetup,
    /// Header column widths (left: issuing body; right: national name), adding up to the
    /// text width. The decree's own templates use about 6–7 cm + 10–10.5 cm.
    pub header_widths: [Mm; 2],
    /// Signature area column widths (left: Nơi nhận; right: signer).
    pub signature_widths: [Mm; 2],
    /// Space left for the handwritten signature and seal, between title and name.
    pub signature_space: Pt,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            page: PageSetup {
                width: Mm(210.0),
                height: Mm(297.0),
                // Inside the legal ranges top/bottom 20–25, left 30–35, right 15–20 mm.
                margin_top: Mm(20.0),
                margin_bottom: Mm(20.0),
                margin_left: Mm(30.0),
                margin_right: Mm(15.0),
                page_number: Some(PageNumber {
                    size: Pt(14.0),
                    skip_first: true,
                }),
                base_size: Pt(14.0),
            },
            header_widths: [Mm(70.0), Mm(95.0)],
            signature_widths: [Mm(80.0), Mm(85.0)],
            signature_space: Pt(80.0),
        }
    }
}

fn style(name: StyleName, size: f32) -> ParaStyle {
    ParaStyle {
        name,
        size: Pt(size),
        bold: false,
        italic: false,
        align: Align::Center,
        first_line_indent: Mm(0.0),
        left_indent: Mm(0.0),
        hanging: Mm(0.0),
        space_before: Pt(0.0),
        space_after: Pt(0.0),
        line_spacing: 1.0,
    }
}

/// Body paragraph: 14 pt, justified, first-line indent 1 cm, 6 pt before, single spacing
/// (NĐ 30/2020, Phụ lục I, II.6.e).
fn body_style(name: StyleName) -> ParaStyle {
    ParaStyle {
        align: Align::Justify,
        first_line_indent: Mm(10.0),
        space_before: Pt(6.0),
        ..style(name, 14.0)
    }
}

fn para(inlines: Vec<Inline>, style: ParaStyle) -> Para {
    Para {
        inlines,
        style,
        rule_below: None,
        keep_with_next: false,
    }
}

#[derive(Default)]
struct Parts {
    header_left: Vec<Block>,
    header_right: Vec<Block>,
    header_left2: Vec<Block>,
    header_right2: Vec<Block>,
    recipients_label: Option<Vec<Inline>>,
    recipients: Vec<Vec<Inline>>,
    body: Vec<Block>,
    sign: Vec<Block>,
    dist: Vec<Block>,
    /// Where Kính gửi goes among the body blocks (after the header).
    recipients_at: Option<usize>,
}

/// Build the tree from block markup, with the state layout profile.
pub fn build(markup: &str) -> Result<Document, BuildError> {
    build_with(markup, &Profile::default())
}

/// Build the tree from block markup with the given layout profile.
pub fn build_with(markup: &str, profile: &Profile) -> Result<Document, BuildError> {
    let mut parts = Parts::default();
    let mut meta = Meta::default();
    for (no, raw) in markup.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| BuildError {
            line: no + 1,
            message,
        };
        let Some(rest) = line.strip_prefix("::") else {
            return Err(err(format!("expected `::tag text`, found `{line}`")));
        };
        let (head, text) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let text = text.trim();
        let mut mods = head.split('.');
        let tag = mods.next().unwrap_or("");
        let mods: Vec<&str> = mods.collect();
        let inl = parse_inline(text);
        match tag {
            "meta-title" => meta.title = text.to_string(),
            "meta-author" => meta.author = text.to_string(),
            "meta-date" => meta.date = Some(text.to_string()).filter(|s| !s.is_empty()),
            "parent" => parts
                .header_left
                .push(Block::Para(para(inl, style(StyleName::Header, 12.0)))),
            "issuer" => parts.header_left.push(Block::Para(para(
                inl,
                ParaStyle {
                    bold: true,
                    ..style(StyleName::Header, 12.0)
                },
            ))),
            "national" => parts.header_right.push(Block::Para(para(
                inl,
                ParaStyle {
                    bold: true,
                    ..style(StyleName::Header, 12.0)
                },
            ))),
            "motto" => parts.header_right.push(Block::Para(Para {
                // Tiêu ngữ one point above the Quốc hiệu, rule as long as the text.
                rule_below: Some(1.0),
                ..para(
                    inl,
                    ParaStyle {
                        bold: true,
                        ..style(StyleName::Header, 13.0)
                    },
                )
            })),
            "number" => parts.header_left2.push(Block::Para(para(
                inl,
                ParaStyle {
                    space_before: Pt(6.0),
                    ..style(StyleName::HeaderLine, 13.0)
                },
            ))),
            "subject" => parts.header_left2.push(Block::Para(para(
                inl,
                // V/v 12 pt, 6 pt under the Số line (Phụ lục I, II.5.b).
                ParaStyle {
                    space_before: Pt(6.0),
                    ..style(StyleName::HeaderLine, 12.0)
                },
            ))),
            "urgency" | "secrecy" => {
                let width = mods
                    .iter()
                    .find_map(|m| m.strip_suffix("mm").and_then(|v| v.parse::<f32>().ok()))
                    .unwrap_or(30.0);
                parts.header_left2.push(Block::Stamp(Stamp {
                    text: text.to_string(),
                    width: Mm(width),
                    height: Mm(8.0),
                    size: Pt(13.0),
                    align: Align::Center,
                    space_before: Pt(8.0),
                }));
            }
            "place-date" => parts.header_right2.push(Block::Para(para(
                inl,
                ParaStyle {
                    italic: true,
                    space_before: Pt(6.0),
                    ..style(StyleName::HeaderLine, 13.0)
                },
            ))),
            "recipients-label" => {
                parts.recipients_at.get_or_insert(parts.body.len());
                parts.recipients_label = Some(inl);
            }
            "recipient" => {
                parts.recipients_at.get_or_insert(parts.body.len());
                parts.recipients.push(inl);
            }
            "p" | "heading" | "item" | "sub-item" => {
                let name = match tag {
                    "heading" => StyleName::Heading,
                    "item" | "sub-item" => StyleName::ListItem,
                    _ => StyleName::Body,
                };
                let mut st = body_style(name);
                for m in &mods {
                    match *m {
                        "italic" => st.italic = true,
                        "bold" => st.bold = true,
                        "noindent" => st.first_line_indent = Mm(0.0),
                        "center" => st.align = Align::Center,
                        "left" => st.align = Align::Left,
                        "right" => st.align = Align::Right,
                        "justify" => st.align = Align::Justify,
                        other => {
                            return Err(err(format!("unknown modifier `.{other}` on `::{tag}`")));
                        }
                    }
                }
                parts.body.push(Block::Para(para(inl, st)));
            }
            "sign-authority" | "sign-title" => parts.sign.push(Block::Para(para(
                inl,
                ParaStyle {
                    bold: true,
                    ..style(StyleName::Signature, 14.0)
                },
            ))),
            "sign-name" => parts.sign.push(Block::Para(para(
                inl,
                ParaStyle {
                    bold: true,
                    space_before: profile.signature_space,
                    ..style(StyleName::Signature, 14.0)
                },
            ))),
            "dist-label" => parts.dist.push(Block::Para(para(
                inl,
                // "Nơi nhận:" 12 pt bold italic, level with the signer's title (II.9.d).
                ParaStyle {
                    bold: true,
                    italic: true,
                    align: Align::Left,
                    ..style(StyleName::Distribution, 12.0)
                },
            ))),
            "dist" => parts.dist.push(Block::Para(para(
                inl,
                ParaStyle {
                    align: Align::Left,
                    // a long line wraps under its text, not under the dash
                    left_indent: Mm(2.5),
                    hanging: Mm(2.5),
                    ..style(StyleName::Distribution, 11.0)
                },
            ))),
            "drafter" => parts.dist.push(Block::Para(para(
                inl,
                // Ô 12: 11 pt, bottom right of the Nơi nhận area (Phụ lục I, III.3).
                ParaStyle {
                    align: Align::Right,
                    space_before: Pt(6.0),
                    ..style(StyleName::Distribution, 11.0)
                },
            ))),
            other => return Err(err(format!("unknown tag `::{other}`"))),
        }
    }
    Ok(assemble(parts, profile, meta))
}

fn assemble(mut parts: Parts, profile: &Profile, meta: Meta) -> Document {
    let mut blocks = Vec::new();
    // Rule under the issuing body: 1/3 to 1/2 of its last line (Phụ lục I, II.2.b).
    if let Some(Block::Para(p)) = parts
        .header_left
        .iter_mut()
        .rev()
        .find(|b| matches!(b, Block::Para(p) if p.style.bold))
    {
        p.rule_below = Some(0.4);
    }
    if !(parts.header_left.is_empty() && parts.header_right.is_empty()) {
        let mut rows = vec![vec![parts.header_left, parts.header_right]];
        if !(parts.header_left2.is_empty() && parts.header_right2.is_empty()) {
            rows.push(vec![parts.header_left2, parts.header_right2]);
        }
        blocks.push(Block::Columns(Columns {
            widths: profile.header_widths.to_vec(),
            rows,
            keep_with_previous: false,
            space_before: Pt(0.0),
        }));
    }
    let recipients = recipients_block(parts.recipients_label.take(), parts.recipients, profile);
    let at = parts.recipients_at.unwrap_or(0).min(parts.body.len());
    let mut body = parts.body;
    if let Some(r) = recipients {
        body.insert(at, r);
    }
    blocks.extend(body);
    if !(parts.sign.is_empty() && parts.dist.is_empty()) {
        // The signature area stays on the page of the last paragraph.
        if let Some(Block::Para(p)) = blocks.last_mut() {
            p.keep_with_next = true;
        }
        blocks.push(Block::Columns(Columns {
            widths: profile.signature_widths.to_vec(),
            rows: vec![vec![parts.dist, parts.sign]],
            keep_with_previous: true,
            space_before: Pt(12.0),
        }));
    }
    Document {
        page: profile.page.clone(),
        blocks,
        meta,
    }
}

/// Kính gửi (ô 9a): one addressee on the label's line, centred; several as a dash list
/// aligned under the colon (Phụ lục I, II.9.d).
fn recipients_block(
    label: Option<Vec<Inline>>,
    list: Vec<Vec<Inline>>,
    profile: &Profile,
) -> Option<Block> {
    let label = label?;
    let base = ParaStyle {
        space_before: Pt(12.0),
        ..style(StyleName::Recipients, 14.0)
    };
    if list.len() <= 1 {
        let mut inl = label;
        inl.push(text_inline(" "));
        inl.extend(list.into_iter().flatten());
        return Some(Block::Para(para(inl, base)));
    }
    let label_text: String = label
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            _ => "",
        })
        .collect();
    // The label starts `lead` into the line, as the decree's template places ô 9a; its
    // column is as wide as "Kính gửi: " so the dashes of the list align after the colon.
    let lead = Mm(20.0);
    let label_w = crate::fonts::text_width(&format!("{label_text} "), 14.0, false, false);
    let label_col = Mm(lead.0 + label_w * 25.4 / 72.0 + 0.5);
    let rest = Mm(profile.page.text_width().0 - label_col.0);
    let item_style = ParaStyle {
        align: Align::Justify,
        ..style(StyleName::Recipients, 14.0)
    };
    let items: Vec<Block> = list
        .into_iter()
        .map(|i| Block::Para(para(i, item_style.clone())))
        .collect();
    Some(Block::Columns(Columns {
        widths: vec![label_col, rest],
        rows: vec![vec![
            vec![Block::Para(para(
                label,
                ParaStyle {
                    align: Align::Left,
                    left_indent: lead,
                    ..style(StyleName::Recipients, 14.0)
                },
            ))],
            items,
        ]],
        keep_with_previous: false,
        space_before: Pt(12.0),
    }))
}

fn text_inline(s: &str) -> Inline {
    Inline::Text {
        text: s.to_string(),
        bold: false,
        italic: false,
        script: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rows_and_rules() {
        let doc = build(
            "::issuer ỦY BAN NHÂN DÂN\n::issuer TỈNH HÀ TĨNH\n::national CỘNG HÒA\n::motto Độc lập\n::number Số: /UBND\n::place-date Hà Tĩnh\n::p Một.\n",
        )
        .unwrap();
        let Block::Columns(h) = &doc.blocks[0] else {
            panic!("header first")
        };
        assert_eq!(h.rows.len(), 2);
        let Block::Para(last_issuer) = &h.rows[0][0][1] else {
            panic!()
        };
        assert_eq!(last_issuer.rule_below, Some(0.4));
        let Block::Para(first) = &h.rows[0][0][0] else {
            panic!()
        };
        assert_eq!(first.rule_below, None);
    }

    #[test]
    fn unknown_tags_and_untagged_lines_are_errors() {
        assert_eq!(build("::p a\n::nope b").unwrap_err().line, 2);
        assert_eq!(build("\n\nplain").unwrap_err().line, 3);
        assert!(build("::p.blink a").is_err());
    }

    #[test]
    fn one_recipient_shares_the_label_line() {
        let doc = build("::recipients-label Kính gửi:\n::recipient Bộ Nội vụ\n::p x").unwrap();
        assert_eq!(doc.plain_text().lines().next(), Some("Kính gửi: Bộ Nội vụ"));
    }
}
