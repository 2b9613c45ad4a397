//! Preview latency of `vanban serve` (issues 14 and 17): the time from an edited field to
//! the SVG of the changed pages, over a run of edits of one document, as the server answers
//! `POST /api/preview` (the checks of `vanban check`, the layout, the pages drawn as SVG and
//! hashed), in process: HTTP and JSON are not counted (on loopback they add a few ms).
//!
//! Each edit types one more letter into one of the document's fields, in turn (the anchors
//! are texts of the document: a field's value), as a clerk does; a page counts as re-sent
//! when its hash was not among the previous preview's pages.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use vanban::data::Stage;
use vanban::diag::Lang;
use vanban::diag::rules::diagnostics;
use vanban::pipeline::{self, Resources, Source};

/// What [`run`] measured.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Pages of the document.
    pub pages: usize,
    /// Edits measured.
    pub edits: usize,
    /// The first preview (caches cold).
    pub cold: Duration,
    /// Median time of an edit's preview.
    pub p50: Duration,
    /// 95th percentile.
    pub p95: Duration,
    /// Pages re-sent per edit, on average.
    pub sent_mean: f64,
    /// Most pages re-sent by one edit.
    pub sent_max: usize,
}

/// One preview as the server makes it: diagnostics, then pages with their hashes.
fn preview(res: &Resources, text: &str) -> Vec<String> {
    let source = Source::Text {
        name: PathBuf::from("van-ban.yaml"),
        text: text.to_string(),
    };
    let (findings, pages) = pipeline::check_and_preview(&source, res, Stage::Draft);
    std::hint::black_box(diagnostics(&findings, Lang::Vi, false));
    pages
        .map(|pages| pages.into_iter().map(|p| p.hash).collect())
        .unwrap_or_default()
}

/// Measure `edits` edits of `text`, typed into each of `anchors` in turn (each must occur in
/// `text`).
pub fn run(res: &Resources, text: &str, anchors: &[&str], edits: usize) -> Figures {
    let started = Instant::now();
    let mut had: HashSet<String> = preview(res, text).into_iter().collect();
    let cold = started.elapsed();
    let pages = had.len();
    let mut times = Vec::with_capacity(edits);
    let mut sent = Vec::with_capacity(edits);
    let letters = "abcdefgh";
    for i in 0..edits {
        let anchor = anchors[i % anchors.len()];
        // One more letter each round, back to none after eight: the text stays near its size.
        let typed = &letters[..(i / anchors.len()) % (letters.len() + 1)];
        let edited = text.replacen(anchor, &format!("{anchor}{typed}"), 1);
        let t = Instant::now();
        let hashes = preview(res, &edited);
        times.push(t.elapsed());
        sent.push(hashes.iter().filter(|h| !had.contains(*h)).count());
        had = hashes.into_iter().collect();
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    Figures {
        pages,
        edits,
        cold,
        p50: at(0.50),
        p95: at(0.95),
        sent_mean: sent.iter().sum::<usize>() as f64 / edits.max(1) as f64,
        sent_max: sent.iter().copied().max().unwrap_or(0),
    }
}
