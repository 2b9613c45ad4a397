//! Block markup -> document tree.
//!
//! Templates produce *block markup*: one element a line, `::tag text`, where the tag names
//! an element of the layout grid and the text carries inline markup
//! (see [`super::parse_inline`]). Tags may take modifiers after dots: `::p.italic.center`.
//! Blank lines and lines starting with `#` are ignored.
//!
//! Where each tag goes and how it looks comes from the layout [`Profile`] that the markup
//! selects with `::profile ID` (default `nd30`); see `templates/profiles.toml` and
//! docs/templates.md. A few tags are structural and handled here:
//!
//! | tag | meaning |
//! |---|---|
//! | `::profile ID` | the layout profile (first line) |
//! | `::meta-title`, `::meta-author`, `::meta-date` | document properties |
//! | `::urgency.Nmm`, `::secrecy.Nmm` | framed stamps under the subject (ô 10) |
//! | `::draft-mark` | a framed "DỰ THẢO" under the place and date |
//! | `::signer` | starts the next signer's column (joint documents, biên bản) |
//! | `::appendix` (`.landscape`) | a new section for an appendix, after the signature area |
//! | `::table W,W,…` … `::end-table` | a ruled table; W are relative column widths |
//! | `::thead`, `::tr` | start a header row (repeated on every page) or a body row |
//! | `::th`, `::td` (`.span-N`, `.rows-N`) | a cell, spanning N columns or rows |
//! | `::group` | a row of one cell across all columns (a group heading, bold) |

use super::assemble::assemble;
use super::profile::{Profile, Profiles, Region, TagStyle};
use super::{
    Align, Block, Cell, Document, Inline, Meta, Mm, Para, ParaStyle, Pt, SectionBreak, Stamp,
    Table, parse_inline,
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

pub(super) fn para(inlines: Vec<Inline>, style: ParaStyle) -> Para {
    Para {
        inlines,
        style,
        rule_below: None,
        keep_with_next: false,
    }
}

fn para_style(t: &TagStyle) -> ParaStyle {
    ParaStyle {
        name: t.style,
        size: Pt(t.size),
        bold: t.bold,
        italic: t.italic,
        align: t.align,
        first_line_indent: Mm(t.indent),
        left_indent: Mm(t.left),
        hanging: Mm(t.hanging),
        space_before: Pt(t.before),
        space_after: Pt(t.after),
        line_spacing: t.line,
    }
}

#[derive(Default)]
pub(super) struct Parts {
    pub(super) header_left: Vec<Block>,
    pub(super) header_right: Vec<Block>,
    pub(super) header_left2: Vec<Block>,
    pub(super) header_right2: Vec<Block>,
    pub(super) title: Vec<Block>,
    pub(super) recipients_label: Option<(Vec<Inline>, ParaStyle)>,
    pub(super) recipients: Vec<(Vec<Inline>, ParaStyle)>,
    pub(super) body: Vec<Block>,
    pub(super) signers: Vec<Vec<Block>>,
    pub(super) dist: Vec<Block>,
    /// Where Kính gửi goes among the body blocks.
    pub(super) recipients_at: Option<usize>,
    /// Appendices: after the signature area, each opened by a section break.
    pub(super) tail: Vec<Block>,
    /// Whether the current section is landscape (for table widths).
    pub(super) landscape: bool,
    /// A table being built.
    pub(super) table: Option<TableBuild>,
}

pub(super) struct TableBuild {
    weights: Vec<f32>,
    header_rows: usize,
    in_header: bool,
    rows: Vec<Vec<Cell>>,
    line: usize,
}

/// Build the tree from block markup with the built-in profiles.
pub fn build(markup: &str) -> Result<Document, BuildError> {
    let profiles = Profiles::builtin().map_err(|message| BuildError { line: 0, message })?;
    build_with(markup, &profiles)
}

/// Build the tree from block markup with the given profiles.
pub fn build_with(markup: &str, profiles: &Profiles) -> Result<Document, BuildError> {
    let mut parts = Parts::default();
    let mut meta = Meta::default();
    let mut profile: Option<&Profile> = None;
    let mut after_post = false;
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
        if tag == "profile" {
            if profile.is_some() {
                return Err(err("`::profile` may appear once, before any element".into()));
            }
            profile = Some(
                profiles
                    .get(text)
                    .ok_or_else(|| err(format!("unknown layout profile `{text}`")))?,
            );
            continue;
        }
        let prof = match profile {
            Some(p) => p,
            None => {
                let p = profiles
                    .get("nd30")
                    .ok_or_else(|| err("the profile `nd30` is missing".into()))?;
                profile = Some(p);
                p
            }
        };
        let inl = parse_inline(text);
        match tag {
            "meta-title" => meta.title = text.to_string(),
            "meta-author" => meta.author = text.to_string(),
            "meta-date" => meta.date = Some(text.to_string()).filter(|s| !s.is_empty()),
            "urgency" | "secrecy" | "draft-mark" => {
                let st = &prof.stamp;
                let width = mods
                    .iter()
                    .find_map(|m| m.strip_suffix("mm").and_then(|v| v.parse::<f32>().ok()))
                    .map_or(st.width, Mm);
                // NĐ 30/2020, Phụ lục I, III.2.b: 13–14 pt bold in a single frame.
                let stamp = Block::Stamp(Stamp {
                    text: text.to_string(),
                    width,
                    height: st.height,
                    size: st.size,
                    align: Align::Center,
                    space_before: st.before,
                    frame: st.frame,
                });
                // "DỰ THẢO" is a local convention (TT 01/2011 had a box for it, NĐ 30 has
                // none): framed under the place and date. UNCONFIRMED placement.
                if tag == "draft-mark" {
                    parts.header_right2.push(stamp);
                } else {
                    parts.header_left2.push(stamp);
                }
            }
            "signer" => {
                parts.signers.push(Vec::new());
                after_post = false;
            }
            "appendix" => {
                if parts.table.is_some() {
                    return Err(err(
                        "`::appendix` inside a table: close it with `::end-table`".into(),
                    ));
                }
                parts.landscape = mods.contains(&"landscape");
                parts.tail.push(Block::SectionBreak(SectionBreak {
                    landscape: parts.landscape,
                    restart_page_numbers: true,
                }));
            }
            "table" => {
                if parts.table.is_some() {
                    return Err(err("a table inside a table".into()));
                }
                let weights: Result<Vec<f32>, _> =
                    text.split(',').map(|w| w.trim().parse::<f32>()).collect();
                let weights = weights
                    .ok()
                    .filter(|w| !w.is_empty() && w.iter().all(|x| *x > 0.0))
                    .ok_or_else(|| {
                        err(format!(
                            "`::table` needs column weights like `1,4,2`, found `{text}`"
                        ))
                    })?;
                parts.table = Some(TableBuild {
                    weights,
                    header_rows: 0,
                    in_header: false,
                    rows: Vec::new(),
                    line: no + 1,
                });
            }
            "thead" | "tr" | "group" | "end-table" => {
                let Some(t) = parts.table.as_mut() else {
                    return Err(err(format!("`::{tag}` outside a table")));
                };
                match tag {
                    "thead" => {
                        if !t.in_header && !t.rows.is_empty() {
                            return Err(err("header rows must come first".into()));
                        }
                        t.in_header = true;
                        t.header_rows += 1;
                        t.rows.push(Vec::new());
                    }
                    "tr" => {
                        t.in_header = false;
                        t.rows.push(Vec::new());
                    }
                    "group" => {
                        t.in_header = false;
                        let ts = prof
                            .tags
                            .get("td")
                            .ok_or_else(|| err("profile has no `td` style".into()))?;
                        let st = ParaStyle {
                            bold: true,
                            ..para_style(ts)
                        };
                        t.rows.push(vec![Cell {
                            blocks: vec![Block::Para(para(inl, st))],
                            colspan: t.weights.len(),
                            rowspan: 1,
                            // A group heading is never left alone at the foot of a page.
                            keep_with_next: true,
                        }]);
                    }
                    _ => {
                        let Some(t) = parts.table.take() else {
                            return Err(err("`::end-table` outside a table".into()));
                        };
                        let block = finish_table(t, prof, parts.landscape)
                            .map_err(|(line, message)| BuildError { line, message })?;
                        if parts.tail.is_empty() {
                            parts.body.push(block);
                        } else {
                            parts.tail.push(block);
                        }
                    }
                }
            }
            "th" | "td" => {
                let Some(t) = parts.table.as_mut() else {
                    return Err(err(format!("`::{tag}` outside a table")));
                };
                let ts = prof
                    .tags
                    .get(tag)
                    .ok_or_else(|| err(format!("profile has no `{tag}` style")))?;
                let mut st = para_style(ts);
                let (mut colspan, mut rowspan) = (1usize, 1usize);
                for m in &mods {
                    if let Some(n) = m.strip_prefix("span-").and_then(|n| n.parse().ok()) {
                        colspan = n;
                    } else if let Some(n) = m.strip_prefix("rows-").and_then(|n| n.parse().ok()) {
                        rowspan = n;
                    } else {
                        match *m {
                            "center" => st.align = Align::Center,
                            "left" => st.align = Align::Left,
                            "right" => st.align = Align::Right,
                            "justify" => st.align = Align::Justify,
                            "bold" => st.bold = true,
                            "italic" => st.italic = true,
                            other => {
                                return Err(err(format!(
                                    "unknown modifier `.{other}` on `::{tag}`"
                                )));
                            }
                        }
                    }
                }
                let Some(row) = t.rows.last_mut() else {
                    return Err(err(format!("`::{tag}` before `::thead` or `::tr`")));
                };
                row.push(Cell {
                    blocks: vec![Block::Para(para(inl, st))],
                    colspan: colspan.max(1),
                    rowspan: rowspan.max(1),
                    keep_with_next: false,
                });
            }
            _ => {
                let Some(ts) = prof.tags.get(tag) else {
                    return Err(err(format!(
                        "unknown tag `::{tag}` for the layout profile `{}`",
                        prof.id
                    )));
                };
                let mut st = para_style(ts);
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
                // The signing space sits above the other post line if there is one, else
                // above the name (ô 7b, 7c).
                if tag == "sign-post" || (tag == "sign-name" && !after_post) {
                    st.space_before = Pt(prof.layout.signature_space);
                }
                after_post = tag == "sign-post";
                let p = Block::Para(Para {
                    rule_below: ts.rule.filter(|r| *r > 0.0),
                    ..para(inl.clone(), st.clone())
                });
                if !parts.tail.is_empty() {
                    // inside an appendix: everything flows in its section
                    parts.tail.push(p);
                    continue;
                }
                match ts.region {
                    Region::HeaderLeft => parts.header_left.push(p),
                    Region::HeaderRight => parts.header_right.push(p),
                    Region::HeaderLeft2 => parts.header_left2.push(p),
                    Region::HeaderRight2 => parts.header_right2.push(p),
                    Region::Title => parts.title.push(p),
                    Region::Body => parts.body.push(p),
                    Region::Dist => parts.dist.push(p),
                    Region::Sign => {
                        if parts.signers.is_empty() {
                            parts.signers.push(Vec::new());
                        }
                        if let Some(s) = parts.signers.last_mut() {
                            s.push(p);
                        }
                    }
                    Region::Recipients => {
                        parts.recipients_at.get_or_insert(parts.body.len());
                        if tag == "recipients-label" {
                            parts.recipients_label = Some((inl, st));
                        } else {
                            parts.recipients.push((inl, st));
                        }
                    }
                }
            }
        }
    }
    let profile = match profile {
        Some(p) => p,
        None => profiles.get("nd30").ok_or(BuildError {
            line: 0,
            message: "the profile `nd30` is missing".into(),
        })?,
    };
    if let Some(t) = &parts.table {
        return Err(BuildError {
            line: t.line,
            message: "a table is never closed with `::end-table`".into(),
        });
    }
    meta.profile = profile.id.clone();
    Ok(assemble(parts, profile, meta))
}

/// The text width of a page of the profile, portrait or landscape.
fn profile_text_width(prof: &Profile, landscape: bool) -> Mm {
    let pg = &prof.page;
    let width = if landscape { pg.height } else { pg.width };
    Mm(width.0 - pg.margin_left.0 - pg.margin_right.0)
}

/// Check the rows of a table fill its columns, and scale the weights to the text width.
fn finish_table(t: TableBuild, prof: &Profile, landscape: bool) -> Result<Block, (usize, String)> {
    let text_width = profile_text_width(prof, landscape);
    let n = t.weights.len();
    let spans: Vec<Vec<(usize, usize)>> = t
        .rows
        .iter()
        .map(|row| row.iter().map(|c| (c.colspan, c.rowspan)).collect())
        .collect();
    if let Err((r, taken)) = super::check_spans(&spans, n) {
        return Err((
            t.line,
            format!("table row {} has {taken} columns, the table has {n}", r + 1),
        ));
    }
    let total: f32 = t.weights.iter().sum();
    Ok(Block::Table(Table {
        widths: t
            .weights
            .iter()
            .map(|w| Mm(text_width.0 * w / total))
            .collect(),
        header_rows: t.header_rows,
        rows: t.rows,
        space_before: prof.table.before,
        rule: prof.table.rule,
        padding: prof.table.padding,
    }))
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
        assert_eq!(doc.meta.profile, "nd30");
    }

    #[test]
    fn unknown_tags_and_untagged_lines_are_errors() {
        assert_eq!(build("::p a\n::nope b").unwrap_err().line, 2);
        assert_eq!(build("\n\nplain").unwrap_err().line, 3);
        assert!(build("::p.blink a").is_err());
        assert!(build("::profile nowhere\n::p a").is_err());
        assert!(build("::p a\n::profile nd30").is_err());
    }

    #[test]
    fn one_recipient_shares_the_label_line() {
        let doc = build("::recipients-label Kính gửi:\n::recipient Bộ Nội vụ\n::p x").unwrap();
        assert_eq!(doc.plain_text().lines().next(), Some("Kính gửi: Bộ Nội vụ"));
    }

    #[test]
    fn party_profile_sizes_and_two_signers() {
        let doc = build(
            "::profile party-2018\n::issuer TỈNH ỦY HÀ TĨNH\n::issuer-mark *\n::party ĐẢNG CỘNG SẢN VIỆT NAM\n::p x\n::sign-title THƯ KÝ\n::sign-name A\n::signer\n::sign-title CHỦ TỌA\n::sign-name B\n::dist-label Nơi nhận:",
        )
        .unwrap();
        assert_eq!(doc.meta.profile, "party-2018");
        let Block::Columns(h) = &doc.blocks[0] else {
            panic!()
        };
        let Block::Para(party) = &h.rows[0][1][0] else {
            panic!()
        };
        assert_eq!((party.style.size, party.rule_below), (Pt(15.0), Some(1.0)));
        // no rule under a Party issuer: the asterisk stands there
        assert!(
            h.rows[0][0]
                .iter()
                .all(|b| matches!(b, Block::Para(p) if p.rule_below.is_none()))
        );
        let Block::Columns(sig) = &doc.blocks[2] else {
            panic!()
        };
        assert_eq!(sig.rows[0].len(), 2);
        assert!(
            matches!(doc.blocks[3], Block::Columns(_)),
            "Nơi nhận below the signers"
        );
    }
}
