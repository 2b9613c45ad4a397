//! Which page each paragraph is on. Word stores where it last broke the pages
//! (`w:lastRenderedPageBreak`); when those marks are there, vanban takes them. Otherwise (a
//! file written by another program) the pages are estimated: each paragraph's height from
//! its size, line spacing, spacing before and after and its characters per line; table rows
//! as their tallest cell; hard page breaks start a new page; the page count of
//! `docProps/app.xml` (`<Pages>`), when given, scales the estimate.

use super::model::{Block, Docx, Para};

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

struct Flow<'a> {
    d: &'a Docx,
    /// Position from the top of the document, in twips of usable page height.
    y: f64,
    /// The usable height of a page, twips.
    page_h: f64,
    /// The hard page of the previous paragraph (counted while reading).
    hard: usize,
    /// Each paragraph's position (twips from the document's top).
    at: Vec<f64>,
}

impl Flow<'_> {
    fn blocks(&mut self, blocks: &[Block], width: i64) {
        for b in blocks {
            match b {
                Block::Para(i) => {
                    let p = &self.d.paras[*i];
                    let hard = p.page.unwrap_or(1);
                    if hard > self.hard {
                        // A hard break: the next page(s) start.
                        let pages = (self.y / self.page_h).floor() + (hard - self.hard) as f64;
                        self.y = pages * self.page_h;
                        self.hard = hard;
                    }
                    self.at[*i] = self.y;
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
/// `app` is the count Word or LibreOffice stored.
pub fn estimate(d: &mut Docx, app: Option<usize>) {
    let pg = &d.page;
    let (w, h) = (pg.width.unwrap_or(11906), pg.height.unwrap_or(16838));
    let (w, h) = if pg.landscape && w < h {
        (h, w)
    } else {
        (w, h)
    };
    let width = w - pg.left.unwrap_or(1701).abs() - pg.right.unwrap_or(850).abs();
    let page_h = (h - pg.top.unwrap_or(1134).abs() - pg.bottom.unwrap_or(1134).abs()).max(1440);
    let mut flow = Flow {
        d,
        y: 0.0,
        page_h: page_h as f64,
        hard: 1,
        at: vec![0.0; d.paras.len()],
    };
    let body = d.body.clone();
    flow.blocks(&body, width.max(1440));
    let total = (flow.y / flow.page_h).max(0.0);
    let at = flow.at;
    let est_pages = (total.ceil() as usize).max(1);
    // The stored count calibrates the estimate (the same document, laid out by its writer).
    let scale = match app {
        Some(n) if est_pages > 0 => n as f64 / total.max(0.01).ceil().max(1.0),
        _ => 1.0,
    };
    let last = app.unwrap_or(est_pages);
    for (p, y) in d.paras.iter_mut().zip(at) {
        let page = ((y / page_h as f64) * scale).floor() as usize + 1;
        p.page = Some(page.clamp(1, last));
    }
    d.page_count = Some(last);
    d.pages_estimated = true;
    d.page_count_estimated = app.is_none();
}
