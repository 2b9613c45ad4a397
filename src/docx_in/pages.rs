//! Which page each paragraph is on. Word stores where it last broke the pages
//! (`w:lastRenderedPageBreak`); when those marks are there, vanban takes them. Otherwise (a
//! file written by another program) the pages are estimated: each paragraph's height from
//! its size, line spacing, spacing before and after and its characters per line; table rows
//! as their tallest cell; hard page breaks start a new page; the page count of
//! `docProps/app.xml` (`<Pages>`), when given, scales the estimate.

use std::path::Path;

use super::layout::{Located, at};
use super::model::{Block, Docx, Page, Para};
use crate::diag::rules::Finding;

/// Average width of a character of Vietnamese text in Times New Roman, as a share of the
/// font size (measured on the samples' body text: about 0.45–0.5 em).
const CHAR_EM: f64 = 0.48;
/// Height of a single line as a share of the font size (Times New Roman's line gap).
const LINE_EM: f64 = 1.15;

/// The page count of `docProps/app.xml` (`<Pages>`), when given and positive.
pub fn app_pages(app: &super::xml::El) -> Option<usize> {
    app.child("Pages")
        .and_then(|p| p.text().trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
}

/// The estimated height of paragraph `p` in twips, in a column `width` twips wide.
fn height(p: &Para, width: i64) -> f64 {
    let pt = p.size().unwrap_or(26) as f64 / 2.0;
    let avail = (width - p.props.left.unwrap_or(0) - p.props.right.unwrap_or(0)).max(1440) as f64;
    let per_line = (avail / (pt * 20.0 * CHAR_EM)).max(1.0);
    let lines: f64 = p
        .text
        .split('\n')
        .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
        .sum();
    let line = match p.props.line_rule.as_deref() {
        None | Some("auto") => pt * 20.0 * LINE_EM * p.props.line.unwrap_or(240) as f64 / 240.0,
        // exact or at least: twips
        _ => (p.props.line.unwrap_or(0) as f64).max(pt * 20.0),
    };
    lines * line + (p.props.before.unwrap_or(0) + p.props.after.unwrap_or(0)).max(0) as f64
}

/// The text width and usable page height of a section, twips.
#[derive(Clone, Copy)]
struct Geometry {
    width: i64,
    page_h: f64,
}

impl Geometry {
    fn of(pg: &Page) -> Geometry {
        let (w, h) = (pg.width.unwrap_or(11906), pg.height.unwrap_or(16838));
        let (w, h) = if pg.landscape && w < h {
            (h, w)
        } else {
            (w, h)
        };
        let width = w - pg.left.unwrap_or(1701).abs() - pg.right.unwrap_or(850).abs();
        let page_h = (h - pg.top.unwrap_or(1134).abs() - pg.bottom.unwrap_or(1134).abs()).max(1440);
        Geometry {
            width: width.max(1440),
            page_h: page_h as f64,
        }
    }
}

/// The first paragraph of a block (a table's: its first cell's), if any.
fn first_para(b: &Block) -> Option<usize> {
    match b {
        Block::Para(i) => Some(*i),
        Block::Table(t) => t
            .rows
            .iter()
            .flatten()
            .find_map(|c| c.blocks.iter().find_map(first_para)),
    }
}

struct Flow<'a> {
    d: &'a Docx,
    /// Pages laid out before the current section's top (a whole number, unless a section
    /// went on on the same page).
    before: f64,
    /// Position from the top of the current section, twips of its usable page height.
    y: f64,
    /// The current section: its place in [`Docx::sections`] and its geometry (a landscape
    /// appendix has its own).
    section: usize,
    geo: Geometry,
    /// The hard page of the previous paragraph (counted while reading).
    hard: usize,
    /// Each paragraph's position, in pages from the document's top.
    at: Vec<f64>,
}

impl Flow<'_> {
    /// Where the document is, in pages from its top.
    fn pages(&self) -> f64 {
        self.before + self.y / self.geo.page_h
    }

    /// Enter the section of a body block that starts at paragraph `first`: a section that
    /// starts a page (its first paragraph's hard page is a new one) starts it at the top.
    fn enter(&mut self, first: usize) {
        while let Some(next) = self.d.sections.get(self.section + 1)
            && first >= next.first
        {
            let hard = self.d.paras.get(first).and_then(|p| p.page).unwrap_or(1);
            let used = self.y / self.geo.page_h;
            if hard > self.hard {
                self.before += used.ceil() + (hard - self.hard - 1) as f64;
                self.hard = hard;
            } else {
                self.before += used;
            }
            self.y = 0.0;
            self.section += 1;
            self.geo = Geometry::of(&next.page);
        }
    }

    fn blocks(&mut self, blocks: &[Block], width: i64) {
        for b in blocks {
            match b {
                Block::Para(i) => {
                    let p = &self.d.paras[*i];
                    let hard = p.page.unwrap_or(1);
                    if hard > self.hard {
                        // A hard break: the next page(s) start.
                        let pages = (self.y / self.geo.page_h).floor() + (hard - self.hard) as f64;
                        self.y = pages * self.geo.page_h;
                        self.hard = hard;
                    }
                    self.at[*i] = self.pages();
                    self.y += height(p, p.container.unwrap_or(width));
                }
                Block::Table(t) => {
                    for row in &t.rows {
                        let top = self.y;
                        let mut bottom = top;
                        for c in row {
                            self.y = top;
                            self.blocks(
                                &c.blocks,
                                c.width.unwrap_or(width / row.len().max(1) as i64),
                            );
                            bottom = bottom.max(self.y);
                        }
                        self.y = bottom;
                    }
                }
            }
        }
    }
}

/// Estimate the page of every paragraph of `d` (see the module's text) and the page count;
/// `app` is the count Word or LibreOffice stored. Each section is laid out on its own page
/// size (a landscape appendix holds fewer lines on a page).
pub fn estimate(d: &mut Docx, app: Option<usize>) {
    let geo = Geometry::of(d.sections.first().map_or(&d.page, |s| &s.page));
    let mut flow = Flow {
        d,
        before: 0.0,
        y: 0.0,
        section: 0,
        geo,
        hard: 1,
        at: vec![0.0; d.paras.len()],
    };
    let body = d.body.clone();
    for b in &body {
        if let Some(first) = first_para(b) {
            flow.enter(first);
        }
        let width = flow.geo.width;
        flow.blocks(std::slice::from_ref(b), width);
    }
    let total = flow.pages().max(0.0);
    let at = flow.at;
    let est_pages = (total.ceil() as usize).max(1);
    // The stored count calibrates the estimate (the same document, laid out by its writer).
    let scale = match app {
        Some(n) if est_pages > 0 => n as f64 / total.max(0.01).ceil().max(1.0),
        _ => 1.0,
    };
    let last = app.unwrap_or(est_pages);
    for (p, pos) in d.paras.iter_mut().zip(at) {
        let page = (pos * scale).floor() as usize + 1;
        p.page = Some(page.clamp(1, last));
    }
    d.page_count = Some(last);
    d.pages_estimated = true;
    d.page_count_estimated = app.is_none();
}

/// Page numbers, section by section: none on page 1; from page 2 on, centred in the top
/// margin at 13–14 pt. A section without a header of its own has the one before; a section
/// with "Different First Page" (`w:titlePg`) has its first page's own header; a section whose
/// numbers start again (an appendix numbered on its own) may leave its first page bare.
pub(super) fn page_numbers(path: &Path, d: &Docx, out: &mut Vec<Located>) {
    let mut seen: Vec<String> = Vec::new();
    let mut push = |vi: String, en: String, para: Option<usize>| {
        if seen.contains(&vi) {
            return;
        }
        seen.push(vi.clone());
        out.push(at(
            d,
            Finding::new("page-number", path)
                .arg("why", vi)
                .arg("why_en", en),
            para,
        ));
    };
    let single = d.sections.len() <= 1;
    for (k, s) in d.sections.iter().enumerate() {
        let part = |kind: &str| s.headers.iter().find(|h| h.kind == kind);
        let (first, default) = (part("first"), part("default"));
        let (foot_first, foot_default) = (part("footer-first"), part("footer-default"));
        let end = d
            .sections
            .get(k + 1)
            .map_or(d.paras.len(), |n| n.first)
            .min(d.paras.len());
        let pages: Vec<usize> = d
            .paras
            .get(s.first..end)
            .unwrap_or(&[])
            .iter()
            .filter_map(|p| p.page)
            .collect();
        let (lo, hi) = (
            pages.iter().min().copied().unwrap_or(1),
            pages.iter().max().copied().unwrap_or(1),
        );
        let hi = if single {
            d.page_count.unwrap_or(hi).max(hi)
        } else {
            hi
        };
        let at_para = (k > 0).then_some(s.first);
        let (est_vi, est_en) = if d.pages_estimated {
            (" (ước tính)", " (estimated)")
        } else {
            ("", "")
        };
        let first_has = [first, foot_first].iter().flatten().any(|h| h.page_number);
        if k == 0 {
            let page1 = if s.title_page {
                [first, foot_first]
            } else {
                [default, foot_default]
            };
            if page1.iter().flatten().any(|h| h.page_number) {
                push(
                    "có trên trang đầu".into(),
                    "appears on the first page".into(),
                    None,
                );
            }
        } else if s.title_page && !s.restart && !first_has && lo >= 2 {
            push(
                format!(
                    "không có trên trang {lo}{est_vi}, trang đầu của phần {} (phần này đặt \"trang đầu khác\" mà trang đầu không có số trang)",
                    k + 1
                ),
                format!(
                    "is missing from page {lo}{est_en}, the first page of section {} (the section has a different first page without a page number)",
                    k + 1
                ),
                at_para,
            );
        }
        // The pages of this section the default header is on.
        let from = if s.title_page || k == 0 { lo + 1 } else { lo };
        if let Some(h) = default.filter(|h| h.page_number) {
            if !h.centred {
                push("không căn giữa".into(), "is not centred".into(), at_para);
            }
            if let Some(sz) = h.size
                && !(26..=28).contains(&sz)
            {
                push("không cỡ 13–14".into(), "is not 13–14 pt".into(), at_para);
            }
        } else if foot_default.is_some_and(|h| h.page_number) {
            push(
                "ở chân trang; phải ở giữa lề trên".into(),
                "is in the footer; it belongs centred in the top margin".into(),
                at_para,
            );
        } else if single && let Some(n) = d.page_count.filter(|n| *n >= 2) {
            let (est_vi, est_en) = if d.page_count_estimated {
                (" theo ước tính", " by estimate")
            } else {
                ("", "")
            };
            push(
                format!("không có trên các trang từ trang 2 (văn bản có {n} trang{est_vi})"),
                format!("is missing from page 2 on (the document has {n} pages{est_en})"),
                None,
            );
        } else if !single && from <= hi {
            let span = if from == hi {
                format!("{from}")
            } else {
                format!("{from}–{hi}")
            };
            push(
                format!(
                    "không có trên trang {span}{est_vi} (phần {} của văn bản, Section {})",
                    k + 1,
                    k + 1
                ),
                format!(
                    "is missing from page {span}{est_en} (section {} of the document)",
                    k + 1
                ),
                at_para,
            );
        }
    }
}
