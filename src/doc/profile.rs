//! Layout profiles (`templates/profiles.toml`): the sizes, styles and spacing of each rule
//! set, as data. `nd30` for state documents (NĐ 30/2020), `party-2018` (HD 36-HD/VPTW) and
//! `party-2026` (QĐ 399-QĐ/TW, whose layout values are not yet confirmed) for Party ones.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diag::Bi;

use super::{
    Align, DocxValues, FootnoteStyle, Mm, PageNumber, PageSetup, Pt, RuleStyle, StyleName,
};

/// The profiles shipped with vanban.
pub const BUILTIN: &str = include_str!("../../templates/profiles.toml");

/// Where a tag's element goes on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// Header, left column, first row (ô 2).
    HeaderLeft,
    /// Header, right column, first row (ô 1).
    HeaderRight,
    /// Header, left column, second row (ô 3, 5b).
    HeaderLeft2,
    /// Header, right column, second row (ô 4).
    HeaderRight2,
    /// The centred title block (ô 5a).
    Title,
    /// Kính gửi (ô 9a).
    Recipients,
    /// The body (ô 6).
    Body,
    /// The signer's column (ô 7).
    Sign,
    /// Nơi nhận (ô 9b, 12).
    Dist,
}

/// How one tag is laid out.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagStyle {
    /// Where it goes.
    pub region: Region,
    /// The named style.
    pub style: StyleName,
    /// Font size in pt.
    pub size: f32,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
    /// Alignment.
    #[serde(default = "center")]
    pub align: Align,
    /// First-line indent, mm.
    #[serde(default)]
    pub indent: f32,
    /// Left indent of the whole paragraph, mm.
    #[serde(default)]
    pub left: f32,
    /// Hanging indent, mm.
    #[serde(default)]
    pub hanging: f32,
    /// Space before, pt.
    #[serde(default)]
    pub before: f32,
    /// Space after, pt.
    #[serde(default)]
    pub after: f32,
    /// Line spacing, multiple of single.
    #[serde(default = "one")]
    pub line: f32,
    /// A rule under the text, as a share of its width.
    #[serde(default)]
    pub rule: Option<f32>,
}

fn center() -> Align {
    Align::Center
}
fn one() -> f32 {
    1.0
}

/// Page values of a profile, in mm and pt.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageIn {
    width: f32,
    height: f32,
    top: f32,
    bottom: f32,
    left: f32,
    right: f32,
    number_size: f32,
    base_size: f32,
    header_distance: f32,
    footer_distance: f32,
}

/// Column widths and other layout values of a profile.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Header columns, mm.
    pub header: [f32; 2],
    /// Signature area columns, mm.
    pub signature: [f32; 2],
    /// Space left for the hand signature and seal, pt.
    pub signature_space: f32,
    /// Rule under the issuer's last line, as a share of it (0: none).
    pub issuer_rule: f32,
    /// Where "Kính gửi:" starts, mm from the text's left edge.
    pub recipients_lead: f32,
    /// Rule under the title block's last line, as a share of it (0: none).
    pub title_rule: f32,
    /// Space before the signature area, and before Nơi nhận when it goes below two signers.
    pub signature_before: Pt,
    /// Added to the width of "Kính gửi: " to make the label's column, so that the label
    /// never wraps.
    pub recipients_slack: Mm,
}

/// Framed stamps: độ khẩn, phạm vi lưu hành, độ mật, "DỰ THẢO". Profile table `stamp`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StampStyle {
    /// Frame width when the template gives none (`::draft-mark`).
    pub width: Mm,
    /// Frame height.
    pub height: Mm,
    /// Text size (bold).
    pub size: Pt,
    /// Space before the frame.
    pub before: Pt,
    /// Thickness of the frame.
    pub frame: Pt,
}

/// Ruled tables (appendices). Profile table `table`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableStyle {
    /// Space before a table.
    pub before: Pt,
    /// Thickness of the cell borders.
    pub rule: Pt,
    /// Padding inside every cell, on every side.
    pub padding: Pt,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileIn {
    title: String,
    system: String,
    #[serde(default)]
    unconfirmed: Vec<String>,
    inherits: Option<String>,
    warning: Option<String>,
    page: Option<PageIn>,
    layout: Option<Layout>,
    rule: Option<RuleStyle>,
    stamp: Option<StampStyle>,
    table: Option<TableStyle>,
    footnote: Option<FootnoteStyle>,
    docx: Option<DocxValues>,
    #[serde(default)]
    tags: BTreeMap<String, TagStyle>,
}

/// A resolved profile.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Its id (`nd30`, `party-2018`, …).
    pub id: String,
    /// What it follows, for messages.
    pub title: String,
    /// `state` or `party`.
    pub system: String,
    /// Values that follow common practice, not a confirmed rule.
    pub unconfirmed: Vec<String>,
    /// A warning every document rendered under this profile carries.
    pub warning: Option<String>,
    /// Page geometry.
    pub page: PageSetup,
    /// Column widths and rules.
    pub layout: Layout,
    /// The rules under paragraphs.
    pub rule: RuleStyle,
    /// Framed stamps.
    pub stamp: StampStyle,
    /// Ruled tables.
    pub table: TableStyle,
    /// Footnotes.
    pub footnotes: FootnoteStyle,
    /// Values only the DOCX needs.
    pub docx: DocxValues,
    /// Tag -> style.
    pub tags: BTreeMap<String, TagStyle>,
}

/// All profiles of a run.
#[derive(Debug, Clone)]
pub struct Profiles(BTreeMap<String, Profile>);

impl Profiles {
    /// The built-in profiles.
    pub fn builtin() -> Result<Profiles, String> {
        Profiles::parse(BUILTIN)
    }

    /// Parse a profiles file (the message in Vietnamese).
    pub fn parse(text: &str) -> Result<Profiles, String> {
        Profiles::parse_bi(text).map_err(|b| b.vi)
    }

    /// Parse a profiles file; the message in both languages.
    pub fn parse_bi(text: &str) -> Result<Profiles, Bi> {
        let raw: BTreeMap<String, ProfileIn> = toml::from_str(text).map_err(|e| {
            Bi::new(
                format!("profiles.toml: tệp TOML không đúng cấu trúc: {e}"),
                format!("profiles.toml: the TOML file is not well formed: {e}"),
            )
        })?;
        let mut out = BTreeMap::new();
        for (id, p) in &raw {
            let mut chain = vec![p];
            let mut cur = p;
            while let Some(parent) = &cur.inherits {
                let Some(next) = raw.get(parent) else {
                    return Err(Bi::new(
                        format!(
                            "profiles.toml, bộ quy tắc `{id}`: kế thừa (`inherits`) bộ quy tắc `{parent}` không có"
                        ),
                        format!(
                            "profiles.toml, profile `{id}`: inherits unknown profile `{parent}`"
                        ),
                    ));
                };
                if chain.len() > 8 {
                    return Err(Bi::new(
                        format!("profiles.toml, bộ quy tắc `{id}`: `inherits` tạo thành vòng lặp"),
                        format!("profiles.toml, profile `{id}`: `inherits` forms a loop"),
                    ));
                }
                chain.push(next);
                cur = next;
            }
            // the most distant ancestor first, the profile itself last: each table is taken
            // whole from the nearest profile that has it
            let missing = |table: &str| {
                Bi::new(
                    format!(
                        "profiles.toml: bộ quy tắc `{id}` thiếu bảng [{id}.{table}] (và không kế thừa được)"
                    ),
                    format!(
                        "profiles.toml: profile `{id}` has no table [{id}.{table}] (and inherits none)"
                    ),
                )
            };
            let pg = chain
                .iter()
                .find_map(|q| q.page.clone())
                .ok_or_else(|| missing("page"))?;
            let layout = chain
                .iter()
                .find_map(|q| q.layout.clone())
                .ok_or_else(|| missing("layout"))?;
            let rule = chain
                .iter()
                .find_map(|q| q.rule)
                .ok_or_else(|| missing("rule"))?;
            let stamp = chain
                .iter()
                .find_map(|q| q.stamp)
                .ok_or_else(|| missing("stamp"))?;
            let table = chain
                .iter()
                .find_map(|q| q.table)
                .ok_or_else(|| missing("table"))?;
            let footnotes = chain
                .iter()
                .find_map(|q| q.footnote)
                .ok_or_else(|| missing("footnote"))?;
            let docx = chain
                .iter()
                .find_map(|q| q.docx)
                .ok_or_else(|| missing("docx"))?;
            let mut tags = BTreeMap::new();
            for q in chain.iter().rev() {
                tags.extend(q.tags.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            let mut unconfirmed = p.unconfirmed.clone();
            for q in chain.iter().skip(1) {
                unconfirmed.extend(q.unconfirmed.iter().cloned());
            }
            let profile = Profile {
                id: id.clone(),
                title: p.title.clone(),
                system: p.system.clone(),
                unconfirmed,
                warning: p.warning.clone(),
                page: PageSetup {
                    width: Mm(pg.width),
                    height: Mm(pg.height),
                    margin_top: Mm(pg.top),
                    margin_bottom: Mm(pg.bottom),
                    margin_left: Mm(pg.left),
                    margin_right: Mm(pg.right),
                    page_number: Some(PageNumber {
                        size: Pt(pg.number_size),
                        skip_first: true,
                    }),
                    base_size: Pt(pg.base_size),
                    header_distance: Mm(pg.header_distance),
                    footer_distance: Mm(pg.footer_distance),
                },
                layout,
                rule,
                stamp,
                table,
                footnotes,
                docx,
                tags,
            };
            validate(&profile)?;
            out.insert(id.clone(), profile);
        }
        Ok(Profiles(out))
    }

    /// The profile with this id.
    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.0.get(id)
    }

    /// Ids of all profiles.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

/// A value of a profile outside its sane range: a message naming the key.
fn out_of_range(id: &str, key: &str, value: f32, unit: &str, lo: f32, hi: f32) -> Bi {
    let (key_en, unit_en) = (
        key.replace("(tổng hai cột)", "(both columns)"),
        unit.replace("(phần bề rộng dòng)", "(fraction of the line width)"),
    );
    Bi::new(
        format!(
            "profiles.toml, bộ quy tắc `{id}`: `{key}` = {value} {unit} không hợp lệ; \
             giá trị phải từ {lo} đến {hi} {unit}"
        ),
        format!(
            "profiles.toml, profile `{id}`: `{key_en}` = {value} {unit_en} is not valid; \
             the value must be from {lo} to {hi} {unit_en}"
        ),
    )
}

/// Checks the values both exporters draw with: positive, within sane bounds, and border
/// widths Word can write (eighths of a point).
fn validate(p: &Profile) -> Result<(), Bi> {
    let id = p.id.as_str();
    let range = |key: &str, value: f32, unit: &str, lo: f32, hi: f32| {
        if value.is_finite() && (lo..=hi).contains(&value) {
            Ok(())
        } else {
            Err(out_of_range(id, key, value, unit, lo, hi))
        }
    };
    // A line both exporters draw: from 1/4 pt (Word's thinnest border) to 3 pt.
    let line = |key: &str, value: Pt| range(key, value.0, "pt", 0.25, 3.0);
    // A border Word writes: in eighths of a point.
    let eighths = |key: &str, value: Pt| {
        line(key, value)?;
        if (value.0 * 8.0 - (value.0 * 8.0).round()).abs() > 1e-4 {
            return Err(Bi::new(
                format!(
                    "profiles.toml, bộ quy tắc `{id}`: `{key}` = {} pt không hợp lệ; Word chỉ ghi \
                     được độ dày đường kẻ theo bội số của 1/8 pt (0.25, 0.375, 0.5, 0.625, 0.75 …)",
                    value.0
                ),
                format!(
                    "profiles.toml, profile `{id}`: `{key}` = {} pt is not valid; Word writes \
                     line widths only in multiples of 1/8 pt (0.25, 0.375, 0.5, 0.625, 0.75 …)",
                    value.0
                ),
            ));
        }
        Ok(())
    };
    let pg = &p.page;
    // Paper from A6 to A2; margins that leave a text area of at least 50 mm each way.
    range("page.width", pg.width.0, "mm", 100.0, 600.0)?;
    range("page.height", pg.height.0, "mm", 100.0, 600.0)?;
    for (key, v) in [
        ("page.top", pg.margin_top.0),
        ("page.bottom", pg.margin_bottom.0),
        ("page.left", pg.margin_left.0),
        ("page.right", pg.margin_right.0),
    ] {
        range(key, v, "mm", 0.0, 100.0)?;
    }
    let text_width = pg.width.0 - pg.margin_left.0 - pg.margin_right.0;
    let text_height = pg.height.0 - pg.margin_top.0 - pg.margin_bottom.0;
    if text_width < 50.0 || text_height < 50.0 {
        return Err(Bi::new(
            format!(
                "profiles.toml, bộ quy tắc `{id}`: lề trang (`page.top`, `page.bottom`, `page.left`, \
                 `page.right`) lớn quá khổ giấy: vùng chữ còn {text_width} × {text_height} mm; \
                 vùng chữ phải rộng và cao ít nhất 50 mm"
            ),
            format!(
                "profiles.toml, profile `{id}`: the margins (`page.top`, `page.bottom`, \
                 `page.left`, `page.right`) are too large for the paper: the text area is \
                 {text_width} × {text_height} mm; it must be at least 50 mm wide and high"
            ),
        ));
    }
    range(
        "page.number_size",
        pg.page_number.as_ref().map_or(13.0, |n| n.size.0),
        "pt",
        6.0,
        30.0,
    )?;
    range("page.base_size", pg.base_size.0, "pt", 6.0, 30.0)?;
    let l = &p.layout;
    for (key, cols) in [
        ("layout.header", l.header),
        ("layout.signature", l.signature),
    ] {
        for (k, w) in cols.iter().enumerate() {
            range(&format!("{key}[{k}]"), *w, "mm", 10.0, text_width)?;
        }
        range(
            &format!("{key} (tổng hai cột)"),
            cols[0] + cols[1],
            "mm",
            20.0,
            text_width + 0.01,
        )?;
    }
    range(
        "layout.signature_space",
        l.signature_space,
        "pt",
        0.0,
        200.0,
    )?;
    range("layout.issuer_rule", l.issuer_rule, "", 0.0, 1.0)?;
    range("layout.title_rule", l.title_rule, "", 0.0, 1.0)?;
    range(
        "layout.recipients_lead",
        l.recipients_lead,
        "mm",
        0.0,
        text_width / 2.0,
    )?;
    for (tag, t) in &p.tags {
        let key = |k: &str| format!("tags.{tag}.{k}");
        range(&key("size"), t.size, "pt", 4.0, 72.0)?;
        range(&key("indent"), t.indent, "mm", -50.0, 50.0)?;
        range(&key("left"), t.left, "mm", 0.0, text_width / 2.0)?;
        range(&key("hanging"), t.hanging, "mm", 0.0, 50.0)?;
        range(&key("before"), t.before, "pt", 0.0, 72.0)?;
        range(&key("after"), t.after, "pt", 0.0, 72.0)?;
        range(&key("line"), t.line, "", 0.5, 5.0)?;
        if let Some(r) = t.rule {
            range(&key("rule"), r, "", 0.0, 1.0)?;
        }
    }
    range(
        "page.header_distance",
        pg.header_distance.0,
        "mm",
        1.0,
        pg.margin_top.0,
    )?;
    range(
        "page.footer_distance",
        pg.footer_distance.0,
        "mm",
        0.0,
        pg.margin_bottom.0,
    )?;
    range(
        "layout.signature_before",
        l.signature_before.0,
        "pt",
        0.0,
        72.0,
    )?;
    range(
        "layout.recipients_slack",
        l.recipients_slack.0,
        "mm",
        0.0,
        10.0,
    )?;
    let r = &p.rule;
    eighths("rule.thickness", r.thickness)?;
    // The DOCX gap is the exact height of a paragraph: Word reads 0 as "automatic".
    range("rule.gap", r.gap.0, "pt", 0.5, 12.0)?;
    let s = &p.stamp;
    range("stamp.width", s.width.0, "mm", 5.0, 100.0)?;
    range("stamp.height", s.height.0, "mm", 4.0, 30.0)?;
    range("stamp.size", s.size.0, "pt", 6.0, 30.0)?;
    range("stamp.before", s.before.0, "pt", 0.0, 36.0)?;
    eighths("stamp.frame", s.frame)?;
    let t = &p.table;
    range("table.before", t.before.0, "pt", 0.0, 36.0)?;
    eighths("table.rule", t.rule)?;
    range("table.padding", t.padding.0, "pt", 0.0, 12.0)?;
    let f = &p.footnotes;
    range("footnote.size", f.size.0, "pt", 6.0, 16.0)?;
    range(
        "footnote.separator",
        f.separator,
        "(phần bề rộng dòng)",
        0.05,
        1.0,
    )?;
    line("footnote.separator_rule", f.separator_rule)?;
    range("footnote.gap", f.gap.0, "pt", 0.0, 12.0)?;
    range("footnote.clearance", f.clearance.0, "pt", 0.0, 36.0)?;
    // Word's smallest font size, which the filler's paragraph mark takes, is 1 pt.
    range("docx.filler", p.docx.filler.0, "pt", 1.0, 6.0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_resolve() {
        let p = Profiles::builtin().unwrap();
        let nd30 = p.get("nd30").unwrap();
        assert_eq!(nd30.tags["dist-label"].size, 12.0);
        assert!(nd30.tags["dist-label"].bold && nd30.tags["dist-label"].italic);
        let p26 = p.get("party-2026").unwrap();
        let p18 = p.get("party-2018").unwrap();
        assert_eq!(p26.tags, p18.tags);
        assert!(p26.warning.is_some() && p18.warning.is_none());
        assert_eq!(p18.tags["party"].size, 15.0);
        // margins inside the legal ranges for every profile
        for id in p.ids() {
            let pg = &p.get(id).unwrap().page;
            assert!((20.0..=25.0).contains(&pg.margin_top.0), "{id}");
            assert!((30.0..=35.0).contains(&pg.margin_left.0), "{id}");
        }
    }

    #[test]
    fn layout_values_are_checked_with_the_key_named() {
        let err = |from: &str, to: &str| {
            assert!(BUILTIN.contains(from), "{from}");
            Profiles::parse(&BUILTIN.replacen(from, to, 1)).unwrap_err()
        };
        let e = err("thickness = 0.5 ", "thickness = 9.0 ");
        assert!(
            e.contains("`nd30`") && e.contains("`rule.thickness`"),
            "{e}"
        );
        assert!(e.contains("không hợp lệ"), "{e}");
        let e = err("frame = 0.75", "frame = 0.7");
        assert!(e.contains("`stamp.frame`") && e.contains("1/8 pt"), "{e}");
        let e = err("size = 11.0 ", "size = -11.0 ");
        assert!(e.contains("`footnote.size`"), "{e}");
        let e = err("header_distance = 10.0", "header_distance = 30.0");
        assert!(e.contains("`page.header_distance`"), "{e}");
        let e = err("[nd30.docx]\nfiller = 1.0", "");
        assert!(e.contains("[nd30.docx]"), "{e}");
    }
}
