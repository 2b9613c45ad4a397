//! The editor's preview: each laid-out page drawn as SVG, with a hash of its drawing so the
//! editor is sent only the pages that changed.
//!
//! Drawing SVG costs about as much as a page's layout, so pages are drawn once: a drawing
//! is kept by a hash of the laid-out page (its frame, fill and bleed: everything the SVG is
//! made of), and a page laid out the same again is not drawn again. The kept drawings are
//! bounded by [`MAX_KEPT_BYTES`]; past it they are all dropped. typst's own caches stay
//! as the engine keeps them (`comemo::evict(10)` after each layout keeps what the last ten
//! layouts used), so consecutive previews of one draft lay out mostly from cache.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use typst::utils::hash128;

use super::{Engine, PdfError};
use crate::doc::Document;

/// The most bytes of SVG kept between previews.
pub const MAX_KEPT_BYTES: usize = 64 * 1024 * 1024;

/// One laid-out page for a preview: its drawing and its text.
#[derive(Debug, Clone)]
pub struct PagePreview {
    /// The page as an SVG image (glyphs drawn as outlines).
    pub svg: Arc<str>,
    /// A hash of [`PagePreview::svg`] (32 hexadecimal digits): equal hashes, equal drawings.
    pub hash: String,
    /// The page's text, run by run in layout order, one run a line (for screen readers and
    /// for finding what a page says).
    pub text: Arc<str>,
}

struct Kept {
    pages: HashMap<u128, PagePreview>,
    bytes: usize,
}

static KEPT: LazyLock<Mutex<Kept>> = LazyLock::new(|| {
    Mutex::new(Kept {
        pages: HashMap::new(),
        bytes: 0,
    })
});

/// Lay out one document and draw each page as an SVG image (the editor's preview), with the
/// process-wide engine: the same layout as the PDF's.
pub fn svg_pages(doc: &Document) -> Result<Vec<PagePreview>, PdfError> {
    let paged = Engine::get()?.layout(doc)?;
    let opts = typst_svg::SvgOptions::default();
    let mut out = Vec::with_capacity(paged.pages().len());
    for page in paged.pages() {
        let key = hash128(page);
        let kept = KEPT.lock().ok().and_then(|k| k.pages.get(&key).cloned());
        if let Some(p) = kept {
            out.push(p);
            continue;
        }
        let svg = typst_svg::svg(page, &opts);
        let mut text = String::new();
        frame_text(&page.frame, &mut text);
        let p = PagePreview {
            hash: format!("{:032x}", hash128(svg.as_str())),
            svg: svg.into(),
            text: text.into(),
        };
        if let Ok(mut k) = KEPT.lock() {
            let size = p.svg.len() + p.text.len();
            if k.bytes + size > MAX_KEPT_BYTES {
                k.pages.clear();
                k.bytes = 0;
            }
            k.bytes += size;
            k.pages.insert(key, p.clone());
        }
        out.push(p);
    }
    Ok(out)
}

/// The text runs of a frame, one a line.
fn frame_text(frame: &typst::layout::Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            typst::layout::FrameItem::Group(g) => frame_text(&g.frame, out),
            typst::layout::FrameItem::Text(t) => {
                out.push_str(t.text.as_str());
                out.push('\n');
            }
            _ => {}
        }
    }
}
