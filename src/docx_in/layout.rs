//! The layout rules of NĐ 30 read from a Word document: paper and margins, fonts, sizes and
//! styles of each part, the rules under the issuer, the motto and the title, page numbers,
//! spacing, the number and the date line, "V/v", Nơi nhận and "./.". Each finding names the
//! paragraph (and its page when known); what cannot be evaluated is listed apart.

use std::path::Path;

use super::model::{Docx, Para};
use super::recover::Recovered;
use crate::diag::Bi;
use crate::diag::rules::Finding;

/// A finding with its place in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// The finding.
    pub finding: Finding,
    /// The paragraph (1-based), when the finding is about one.
    pub para: Option<usize>,
    /// Its page, when known.
    pub page: Option<usize>,
    /// The text around the place.
    pub context: Option<String>,
    /// Whether the page is an estimate (the file does not store Word's page breaks).
    pub page_estimated: bool,
}

/// Something the rules could not evaluate (an image of a signature, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Unevaluated {
    /// The paragraph (1-based), when known.
    pub para: Option<usize>,
    /// What and why.
    pub what: Bi,
}

/// The text around a paragraph: its first 60 characters.
pub fn context(p: &Para) -> String {
    let t = p.flat();
    let mut s: String = t.chars().take(60).collect();
    if t.chars().count() > 60 {
        s.push('…');
    }
    s
}

/// A finding placed at paragraph `i` (0-based) of `d`.
pub fn at(d: &Docx, f: Finding, i: Option<usize>) -> Located {
    let p = i.and_then(|i| d.paras.get(i));
    Located {
        finding: f,
        para: p.map(|p| p.index),
        page: p.and_then(|p| p.page),
        context: p.map(context).filter(|c| !c.is_empty()),
        page_estimated: d.pages_estimated && p.is_some_and(|p| p.page.is_some()),
    }
}

const TWIPS_PER_MM: f64 = 56.692;

fn mm(t: i64) -> f64 {
    t as f64 / TWIPS_PER_MM
}

/// One part's expected look: (name vi, name en, size range in points, bold, italic, upper).
pub(super) struct Look {
    vi: &'static str,
    en: &'static str,
    size: (u32, u32),
    bold: Option<bool>,
    italic: Option<bool>,
    upper: bool,
}

pub(super) const fn look(
    vi: &'static str,
    en: &'static str,
    size: (u32, u32),
    bold: Option<bool>,
    italic: Option<bool>,
    upper: bool,
) -> Look {
    Look {
        vi,
        en,
        size,
        bold,
        italic,
        upper,
    }
}

/// The layout findings of `d` with its recovered parts.
pub fn check(path: &Path, d: &Docx, rec: &Recovered) -> (Vec<Located>, Vec<Unevaluated>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let p = &rec.parts;
    for &i in &d.images {
        skipped.push(Unevaluated {
            para: Some(i),
            what: Bi::new(
                "có hình ảnh (chữ ký, con dấu, logo…): không kiểm tra được nội dung của ảnh",
                "an image (signature, seal, logo…): its content cannot be checked",
            ),
        });
    }
    if p.party {
        super::party::check(path, d, rec, &mut out, &mut skipped);
        return (out, skipped);
    }
    page_setup(path, d, true, &mut out);
    let looks: Vec<(Vec<usize>, Look)> = vec![
        (
            p.nation.into_iter().collect(),
            look(
                "Quốc hiệu",
                "the national name",
                (12, 13),
                Some(true),
                Some(false),
                true,
            ),
        ),
        (
            p.motto.into_iter().collect(),
            look(
                "Tiêu ngữ",
                "the motto",
                (13, 14),
                Some(true),
                Some(false),
                false,
            ),
        ),
        (
            p.parent.clone(),
            look(
                "tên cơ quan chủ quản",
                "the parent body",
                (12, 13),
                Some(false),
                Some(false),
                true,
            ),
        ),
        (
            p.issuer.clone(),
            look(
                "tên cơ quan ban hành",
                "the issuing body",
                (12, 13),
                Some(true),
                Some(false),
                true,
            ),
        ),
        (
            p.number.into_iter().collect(),
            look(
                "số, ký hiệu",
                "the number and symbol",
                (13, 13),
                Some(false),
                Some(false),
                false,
            ),
        ),
        (
            p.place_date.into_iter().collect(),
            look(
                "địa danh, ngày tháng",
                "the place and date",
                (13, 14),
                Some(false),
                Some(true),
                false,
            ),
        ),
        (
            p.title.into_iter().collect(),
            look(
                "tên loại văn bản",
                "the kind's title",
                (13, 14),
                Some(true),
                Some(false),
                true,
            ),
        ),
        (
            p.subject.clone(),
            look(
                "trích yếu",
                "the subject",
                (13, 14),
                Some(true),
                Some(false),
                false,
            ),
        ),
        (
            p.vv.clone(),
            look(
                "trích yếu công văn (V/v)",
                "the subject of an official letter (\"công văn\", V/v)",
                (12, 13),
                Some(false),
                Some(false),
                false,
            ),
        ),
        (
            p.bases.clone(),
            look(
                "căn cứ ban hành",
                "the legal bases",
                (13, 14),
                None,
                Some(true),
                false,
            ),
        ),
        (
            p.body
                .iter()
                .copied()
                .filter(|i| d.paras[*i].depth == 0)
                .collect(),
            look("nội dung", "the body", (13, 14), None, None, false),
        ),
        (
            p.dist_label.into_iter().collect(),
            look(
                "\"Nơi nhận:\"",
                "\"Nơi nhận:\"",
                (12, 12),
                Some(true),
                Some(true),
                false,
            ),
        ),
        (
            p.dist
                .iter()
                .copied()
                .filter(|i| d.paras[*i].flat().starts_with('-'))
                .collect(),
            look(
                "danh sách nơi nhận",
                "the list of recipients (\"Nơi nhận\")",
                (11, 11),
                Some(false),
                Some(false),
                false,
            ),
        ),
        (
            p.signature.clone(),
            look(
                "quyền hạn, chức vụ người ký",
                "the signer's authority and title",
                (13, 14),
                Some(true),
                Some(false),
                true,
            ),
        ),
        (
            p.signer.into_iter().collect(),
            look(
                "họ tên người ký",
                "the signer's name",
                (13, 14),
                Some(true),
                Some(false),
                false,
            ),
        ),
    ];
    for (idx, lk) in &looks {
        part_look(path, d, idx, lk, &mut out);
    }
    fonts(path, d, &mut out);
    rules_under(path, d, rec, &mut out);
    super::measure::rule_lengths(path, d, rec, &mut out);
    super::pages::page_numbers(path, d, &mut out);
    spacing(path, d, rec, &mut out);
    super::wording::wording(path, d, rec, &mut out);
    if p.signer.is_none() && !p.signature.is_empty() {
        skipped.push(Unevaluated {
            para: p.signature.last().map(|i| i + 1),
            what: Bi::new(
                "không tìm thấy họ tên người ký dưới chức vụ",
                "the signer's name was not found under the title",
            ),
        });
    }
    (out, skipped)
}

/// Paper size, and the margins of NĐ 30 when `margins`.
pub(super) fn page_setup(path: &Path, d: &Docx, margins: bool, out: &mut Vec<Located>) {
    let pg = &d.page;
    if let (Some(w), Some(h)) = (pg.width, pg.height) {
        let (a, b) = if w < h { (w, h) } else { (h, w) };
        if (mm(a) - 210.0).abs() > 1.5 || (mm(b) - 297.0).abs() > 1.5 {
            out.push(at(
                d,
                Finding::new("page-size", path)
                    .arg("found", format!("{:.0} × {:.0} mm", mm(w), mm(h))),
                None,
            ));
        }
    }
    let sides = [
        (pg.top, "trên", "top", (20.0, 25.0)),
        (pg.bottom, "dưới", "bottom", (20.0, 25.0)),
        (pg.left, "trái", "left", (30.0, 35.0)),
        (pg.right, "phải", "right", (15.0, 20.0)),
    ];
    for (v, vi, en, (lo, hi)) in sides {
        let Some(v) = v.filter(|_| margins) else {
            continue;
        };
        let m = mm(v.abs());
        if m < lo - 0.5 || m > hi + 0.5 {
            out.push(at(
                d,
                Finding::new("page-margin", path)
                    .arg("side", vi)
                    .arg("side_en", en)
                    .arg("found", format!("{m:.0} mm"))
                    .arg("range", format!("{lo:.0}–{hi:.0} mm")),
                None,
            ));
        }
    }
}

pub(super) fn part_look(path: &Path, d: &Docx, idx: &[usize], lk: &Look, out: &mut Vec<Located>) {
    let mut size_done = false;
    let mut style_done = false;
    for &i in idx {
        let p = &d.paras[i];
        if p.flat().is_empty() {
            continue;
        }
        if !size_done && let Some(s) = p.size() {
            let pt = s as f64 / 2.0;
            if pt < lk.size.0 as f64 || pt > lk.size.1 as f64 {
                let range = if lk.size.0 == lk.size.1 {
                    format!("{}", lk.size.0)
                } else {
                    format!("{}–{}", lk.size.0, lk.size.1)
                };
                out.push(at(
                    d,
                    Finding::new("font-size", path)
                        .arg("part", lk.vi)
                        .arg("part_en", lk.en)
                        .arg("found", format!("{pt}"))
                        .arg("range", range),
                    Some(i),
                ));
                size_done = true;
            }
        }
        if style_done {
            continue;
        }
        let mut wrong: Option<(&str, &str)> = None;
        let bold = p.all(|r| r.bold);
        let italic = p.all(|r| r.italic);
        if lk.bold == Some(true) && bold == Some(false) {
            wrong = Some(("chữ đậm", "bold"));
        } else if lk.bold == Some(false) && p.text_runs().any(|r| r.props.bold == Some(true)) {
            wrong = Some(("chữ không đậm", "not bold"));
        } else if lk.italic == Some(true) && italic == Some(false) {
            wrong = Some(("chữ nghiêng", "italic"));
        } else if lk.italic == Some(false) && p.text_runs().any(|r| r.props.italic == Some(true)) {
            wrong = Some(("chữ đứng (không nghiêng)", "upright (not italic)"));
        } else if lk.upper
            && p.all(|r| r.caps) != Some(true)
            && p.flat().chars().any(char::is_lowercase)
        {
            wrong = Some(("chữ in hoa", "capitals"));
        }
        if let Some((vi, en)) = wrong {
            out.push(at(
                d,
                Finding::new("font-style", path)
                    .arg("part", lk.vi)
                    .arg("part_en", lk.en)
                    .arg("want", vi)
                    .arg("want_en", en),
                Some(i),
            ));
            style_done = true;
        }
    }
}

pub(super) fn fonts(path: &Path, d: &Docx, out: &mut Vec<Located>) {
    let mut first = None;
    let mut count = 0;
    let mut name = String::new();
    for (i, p) in d.paras.iter().enumerate() {
        if let Some(f) = p.font()
            && f != "Times New Roman"
        {
            count += 1;
            if first.is_none() {
                first = Some(i);
                name = f;
            }
        }
    }
    if count > 0 {
        out.push(at(
            d,
            Finding::new("font-face", path)
                .arg("font", name)
                .arg("count", count.to_string()),
            first,
        ));
    }
}

fn rules_under(path: &Path, d: &Docx, rec: &Recovered, out: &mut Vec<Located>) {
    let p = &rec.parts;
    let mut missing = |part: (&str, &str), at_para: Option<usize>| {
        out.push(at(
            d,
            Finding::new("rule-line", path)
                .arg("part", part.0)
                .arg("part_en", part.1),
            at_para,
        ));
    };
    if !p.issuer.is_empty() && p.issuer_rule.is_none() {
        missing(
            ("tên cơ quan ban hành", "the issuing body"),
            p.issuer.last().copied(),
        );
    }
    if p.motto.is_some() && p.motto_rule.is_none() {
        missing(("Tiêu ngữ", "the motto"), p.motto);
    }
    if p.title.is_some() && !p.subject.is_empty() && p.title_rule.is_none() {
        missing(("trích yếu", "the subject"), p.subject.last().copied());
    }
}

fn spacing(path: &Path, d: &Docx, rec: &Recovered, out: &mut Vec<Located>) {
    let body: Vec<usize> = rec
        .parts
        .body
        .iter()
        .copied()
        .filter(|i| d.paras[*i].depth == 0)
        .collect();
    let bad_line = body.iter().copied().filter(|i| {
        let pp = &d.paras[*i].props;
        matches!(pp.line_rule.as_deref(), None | Some("auto"))
            && pp.line.is_some_and(|l| !(240..=360).contains(&l))
    });
    let bad: Vec<usize> = bad_line.collect();
    if let Some(&i) = bad.first() {
        let l = d.paras[i].props.line.unwrap_or(240) as f64 / 240.0;
        out.push(at(
            d,
            Finding::new("line-spacing", path)
                .arg("found", format!("{l:.2}"))
                .arg("count", bad.len().to_string()),
            Some(i),
        ));
    }
    let tight: Vec<usize> = body
        .iter()
        .copied()
        .filter(|i| {
            let pp = &d.paras[*i].props;
            pp.before.unwrap_or(0) + pp.after.unwrap_or(0) < 120
        })
        .collect();
    if tight.len() * 2 > body.len()
        && let Some(&i) = tight.first()
    {
        let pp = &d.paras[i].props;
        out.push(at(
            d,
            Finding::new("paragraph-spacing", path)
                .arg(
                    "found",
                    format!("{}", (pp.before.unwrap_or(0) + pp.after.unwrap_or(0)) / 20),
                )
                .arg("count", tight.len().to_string()),
            Some(i),
        ));
    }
}
