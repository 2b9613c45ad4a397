//! Layout profiles (`templates/profiles.toml`): the sizes, styles and spacing of each rule
//! set, as data. `nd30` for state documents (NĐ 30/2020), `party-2018` (HD 36-HD/VPTW) and
//! `party-2026` (QĐ 399-QĐ/TW, whose layout values are not yet confirmed) for Party ones.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Align, Mm, PageNumber, PageSetup, Pt, StyleName};

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

    /// Parse a profiles file.
    pub fn parse(text: &str) -> Result<Profiles, String> {
        let raw: BTreeMap<String, ProfileIn> =
            toml::from_str(text).map_err(|e| format!("profiles.toml: {e}"))?;
        let mut out = BTreeMap::new();
        for (id, p) in &raw {
            let mut chain = vec![p];
            let mut cur = p;
            while let Some(parent) = &cur.inherits {
                let Some(next) = raw.get(parent) else {
                    return Err(format!("profile `{id}` inherits unknown `{parent}`"));
                };
                if chain.len() > 8 {
                    return Err(format!("profile `{id}`: inheritance loop"));
                }
                chain.push(next);
                cur = next;
            }
            // the most distant ancestor first, the profile itself last
            let mut page = None;
            let mut layout = None;
            let mut tags = BTreeMap::new();
            for q in chain.iter().rev() {
                if let Some(pg) = &q.page {
                    page = Some(pg.clone());
                }
                if let Some(l) = &q.layout {
                    layout = Some(l.clone());
                }
                tags.extend(q.tags.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            let (Some(pg), Some(layout)) = (page, layout) else {
                return Err(format!("profile `{id}` has no [page] or [layout]"));
            };
            let mut unconfirmed = p.unconfirmed.clone();
            for q in chain.iter().skip(1) {
                unconfirmed.extend(q.unconfirmed.iter().cloned());
            }
            out.insert(
                id.clone(),
                Profile {
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
                    },
                    layout,
                    tags,
                },
            );
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
}
