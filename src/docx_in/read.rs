//! document.xml, styles and headers → the model: paragraphs with resolved formatting,
//! tables (nested too), the page setup and the page numbers of the headers.

use super::model::{Block, Cell, Docx, HeaderInfo, Page, Para, Run, Section, Table};
use super::numbering::Numbering;
use super::styles::{ParaProps, RunProps, Styles};
use super::xml::{El, Node};

/// Most paragraphs read (a 1,000-page document has about 20,000).
pub const MAX_PARAS: usize = 200_000;

/// What the walk of the body carries along.
struct Walk<'a> {
    styles: &'a Styles,
    paras: Vec<Para>,
    page: usize,
    /// Whether page breaks are known (Word's rendered breaks or hard breaks seen).
    paged: bool,
    images: Vec<usize>,
    /// Word's lists and their counters.
    numbering: Numbering,
    /// Whether Word's rendered page breaks give the pages (else a section break to a new
    /// page counts as a page break).
    rendered: bool,
    /// The sections ended so far: (paragraphs read when it ended, its `w:sectPr`).
    sections: Vec<(usize, El)>,
}

/// The section of a `w:sectPr` that starts at paragraph `first`.
fn section_of(first: usize, s: &El) -> Section {
    Section {
        first,
        page: page_of(s),
        title_page: s
            .child("titlePg")
            .is_some_and(|t| !matches!(t.attr("val"), Some("0" | "false" | "off"))),
        restart: s.child("pgNumType").and_then(|n| n.attr("start")).is_some(),
        refs: header_refs(s),
        headers: Vec::new(),
    }
}

/// Build the model from the parsed parts; `rendered`: Word's page breaks are in the file.
pub fn model(document: &El, styles: &Styles, numbering: Numbering, rendered: bool) -> Docx {
    let mut w = Walk {
        styles,
        paras: Vec::new(),
        page: 1,
        paged: true,
        images: Vec::new(),
        numbering,
        rendered,
        sections: Vec::new(),
    };
    let body = document.child("body");
    let blocks = body.map(|b| blocks(&mut w, b, 0)).unwrap_or_default();
    let mut sections = Vec::new();
    let mut first = 0;
    for (end, s) in &w.sections {
        sections.push(section_of(first, s));
        first = *end;
    }
    match body.and_then(|b| b.child("sectPr")) {
        Some(s) => sections.push(section_of(first, s)),
        None if sections.is_empty() => sections.push(Section::default()),
        None => {}
    }
    let page = sections.first().map(|s| s.page.clone()).unwrap_or_default();
    Docx {
        paras: w.paras,
        body: blocks,
        page,
        title_page: sections.first().is_some_and(|s| s.title_page),
        headers: Vec::new(),
        sections,
        images: w.images,
        paged: true,
        page_count: None,
        pages_estimated: false,
        page_count_estimated: false,
    }
}

/// The header and footer references of a section: (type, relationship id); a footer's type
/// is `footer-default`, `footer-first` ….
fn header_refs(s: &El) -> Vec<(String, String)> {
    s.elements()
        .filter_map(|h| {
            let prefix = match h.name.as_str() {
                "headerReference" => "",
                "footerReference" => "footer-",
                _ => return None,
            };
            Some((
                format!("{prefix}{}", h.attr("type").unwrap_or("default")),
                h.attr("id")?.to_string(),
            ))
        })
        .collect()
}

fn twips(e: Option<&El>, a: &str) -> Option<i64> {
    e.and_then(|e| e.attr(a))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .map(|f| f as i64)
}

fn page_of(sect: &El) -> Page {
    let sz = sect.child("pgSz");
    let mar = sect.child("pgMar");
    Page {
        width: twips(sz, "w"),
        height: twips(sz, "h"),
        landscape: sz.and_then(|s| s.attr("orient")) == Some("landscape"),
        top: twips(mar, "top"),
        bottom: twips(mar, "bottom"),
        left: twips(mar, "left"),
        right: twips(mar, "right"),
    }
}

/// Block-level content of a body, cell or text box.
fn blocks(w: &mut Walk, parent: &El, depth: usize) -> Vec<Block> {
    let mut out = Vec::new();
    for e in parent.elements() {
        if w.paras.len() >= MAX_PARAS {
            break;
        }
        match e.name.as_str() {
            "p" => out.extend(paragraph(w, e, depth)),
            "tbl" => out.push(Block::Table(table(w, e, depth))),
            // Content controls, custom XML and inserted or moved-in blocks: their content.
            "sdt" => {
                if let Some(c) = e.child("sdtContent") {
                    out.extend(blocks(w, c, depth));
                }
            }
            "customXml" | "ins" | "moveTo" | "sdtContent" => out.extend(blocks(w, e, depth)),
            _ => {}
        }
    }
    out
}

fn table(w: &mut Walk, tbl: &El, depth: usize) -> Table {
    let mut rows = Vec::new();
    let grid: Vec<i64> = tbl
        .child("tblGrid")
        .map(|g| {
            g.children_named("gridCol")
                .map(|c| twips(Some(c), "w").unwrap_or(0))
                .collect()
        })
        .unwrap_or_default();
    for tr in tbl.children_named("tr") {
        let mut cells = Vec::new();
        let mut col = 0usize;
        for tc in tr.elements().filter(|e| e.name == "tc" || e.name == "sdt") {
            let tc = if tc.name == "sdt" {
                match tc.child("sdtContent").and_then(|c| c.child("tc")) {
                    Some(c) => c,
                    None => continue,
                }
            } else {
                tc
            };
            let pr = tc.child("tcPr");
            let span = pr
                .and_then(|p| p.val("gridSpan"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 64);
            let merged = pr
                .and_then(|p| p.child("vMerge"))
                .is_some_and(|v| v.attr("val") != Some("restart"));
            let tcw = pr.and_then(|p| p.child("tcW"));
            let width = twips(tcw, "w");
            // The cell's width in twips: its own when in twips, else the grid's columns.
            let grid_w: i64 = grid.iter().skip(col).take(span).sum();
            let known = width
                .filter(|w| {
                    *w > 0 && matches!(tcw.and_then(|t| t.attr("type")), None | Some("dxa"))
                })
                .or((grid_w > 0).then_some(grid_w));
            col += span;
            let first = w.paras.len();
            let blocks = blocks(w, tc, depth + 1);
            for p in &mut w.paras[first..] {
                if p.container.is_none() {
                    p.container = known;
                }
            }
            cells.push(Cell {
                blocks,
                span,
                merged,
                width,
            });
        }
        rows.push(cells);
    }
    Table { rows, depth }
}

/// One `w:p`, and the paragraphs of the text boxes inside it (after it).
fn paragraph(w: &mut Walk, p: &El, depth: usize) -> Vec<Block> {
    let ppr = p.child("pPr");
    let style = ppr.and_then(|x| x.val("pStyle"));
    let (base_p, base_r) = w.styles.paragraph(style);
    let props = base_p.then(&ParaProps::of(ppr));
    if props.page_break_before == Some(true) && !w.paras.is_empty() {
        w.page += 1;
    }
    let mut acc = Acc {
        runs: Vec::new(),
        boxes: Vec::new(),
        images: 0,
        lines: 0,
        line_len: None,
        page_number: false,
        breaks_after: 0,
        breaks_before: 0,
        in_field_code: false,
        brace: None,
    };
    inline(w, p, &base_r, &mut acc);
    if let Some(id) = props.num_id.as_deref().filter(|id| *id != "0")
        && let Some(label) = w.numbering.next(id, props.ilvl.unwrap_or(0))
    {
        // The label as Word prints it: the paragraph mark's formatting and the level's;
        // bold like the text after it when neither says.
        let mark = RunProps::of(ppr.and_then(|x| x.child("rPr")));
        let mut lp = base_r.then(&mark);
        let first_bold = acc
            .runs
            .iter()
            .find(|r| !r.text.trim().is_empty())
            .and_then(|r| r.props.bold);
        lp.bold = label.bold.or(mark.bold).or(first_bold).or(lp.bold);
        if let Some(first) = acc.runs.iter().find(|r| !r.text.trim().is_empty()) {
            lp.size = mark.size.or(first.props.size).or(lp.size);
            lp.font = mark.font.clone().or(first.props.font.clone()).or(lp.font);
        }
        acc.runs.insert(
            0,
            Run {
                text: label.text,
                props: lp,
            },
        );
    }
    let index = w.paras.len() + 1;
    w.page += acc.breaks_before;
    let text: String = acc.runs.iter().map(|r| r.text.as_str()).collect();
    if acc.images > 0 {
        w.images.push(index);
    }
    w.paras.push(Para {
        index,
        page: w.paged.then_some(w.page),
        text,
        runs: acc.runs,
        props,
        style: style.map(str::to_string),
        depth,
        images: acc.images,
        lines: acc.lines,
        line_len: acc.line_len,
        container: None,
        page_number: acc.page_number,
        brace: acc.brace,
    });
    w.page += acc.breaks_after;
    if let Some(sp) = ppr.and_then(|x| x.child("sectPr"))
        && depth == 0
    {
        w.sections.push((w.paras.len(), sp.clone()));
        // A section break to a new page (the default) when Word's breaks are not known.
        if !w.rendered && sp.val("type").is_none_or(|t| t != "continuous") {
            w.page += 1;
        }
    }
    let mut out = vec![Block::Para(index - 1)];
    for b in acc.boxes {
        out.extend(blocks(w, &b, depth + 1));
    }
    out
}

/// What the walk of one paragraph's runs collects.
struct Acc {
    runs: Vec<Run>,
    boxes: Vec<El>,
    images: usize,
    lines: usize,
    line_len: Option<i64>,
    page_number: bool,
    breaks_after: usize,
    breaks_before: usize,
    in_field_code: bool,
    brace: Option<i64>,
}

fn is_page_field(instr: &str) -> bool {
    instr
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("PAGE"))
}

/// Runs of a paragraph (or of a hyperlink, an insertion, a field …).
fn inline(w: &Walk, parent: &El, base: &RunProps, acc: &mut Acc) {
    for e in parent.elements() {
        match e.name.as_str() {
            "r" => run(w, e, base, acc),
            // Tracked changes: insertions and moves in are taken, deletions and moves out
            // dropped.
            "del" | "moveFrom" | "pPr" => {}
            "fldSimple" => {
                if e.attr("instr").is_some_and(is_page_field) {
                    acc.page_number = true;
                }
                inline(w, e, base, acc);
            }
            "AlternateContent" => {
                // The first choice only: the fallback repeats it for older readers.
                if let Some(c) = e.child("Choice").or_else(|| e.child("Fallback")) {
                    inline(w, c, base, acc);
                }
            }
            _ => inline(w, e, base, acc),
        }
    }
}

fn run(w: &Walk, r: &El, base: &RunProps, acc: &mut Acc) {
    let rpr = r.child("rPr");
    let mut props = base.clone();
    if let Some(cs) = rpr.and_then(|x| x.val("rStyle")) {
        props = props.then(&w.styles.character(cs));
    }
    props = props.then(&RunProps::of(rpr));
    let mut text = String::new();
    for c in r.elements() {
        match c.name.as_str() {
            // zero-width spaces are break points (vanban's own after the `/` of a web
            // address), not text
            "t" if !acc.in_field_code => {
                text.extend(plain(c).chars().filter(|&ch| ch != '\u{200B}'));
            }
            "tab" | "ptab" => text.push('\t'),
            "br" | "cr" => {
                if c.attr("type") == Some("page") {
                    acc.breaks_after += 1;
                } else {
                    text.push('\n');
                }
            }
            "noBreakHyphen" => text.push('-'),
            "lastRenderedPageBreak"
                if acc.runs.iter().all(|r| r.text.trim().is_empty()) && text.trim().is_empty() =>
            {
                acc.breaks_before += 1;
            }
            "fldChar" => match c.attr("fldCharType") {
                Some("begin") => acc.in_field_code = true,
                Some("separate" | "end") => acc.in_field_code = false,
                _ => {}
            },
            "instrText" if is_page_field(&plain(c)) => acc.page_number = true,
            "drawing" | "pict" | "object" => drawing(c, acc),
            "AlternateContent" => {
                if let Some(ch) = c.child("Choice").or_else(|| c.child("Fallback")) {
                    for d in ch.elements() {
                        drawing(d, acc);
                    }
                }
            }
            _ => {}
        }
    }
    if !text.is_empty() {
        acc.runs.push(Run { text, props });
    }
}

/// An image, a line or a text box inside a run.
fn drawing(e: &El, acc: &mut Acc) {
    let mut boxes = Vec::new();
    find_boxes(e, &mut boxes);
    let is_line = find(e, &|x| {
        x.name == "line" || (x.name == "prstGeom" && x.attr("prst") == Some("line"))
    }) || find(e, &|x| x.name == "cNvCnPr");
    let is_image = find(e, &|x| x.name == "blip" || x.name == "imagedata");
    // A right brace: DrawingML's preset, or VML's shape type 88.
    let is_brace = find(e, &|x| {
        (x.name == "prstGeom" && x.attr("prst") == Some("rightBrace"))
            || (x.name == "shape"
                && (x.attr("type").is_some_and(|t| t.ends_with("_x0000_t88"))
                    || x.attr("spt") == Some("88")))
            || (x.name == "shapetype" && x.attr("spt") == Some("88"))
    });
    if is_brace {
        let h = shape_height(e).unwrap_or(0);
        acc.brace = Some(acc.brace.map_or(h, |b| b.max(h)));
    } else if is_line {
        acc.lines += 1;
        if let Some(len) = line_length(e) {
            acc.line_len = Some(acc.line_len.map_or(len, |l| l.max(len)));
        }
    } else if is_image {
        acc.images += 1;
    }
    acc.boxes.extend(boxes);
}

/// A length of VML ("120pt", "1.5in", "3cm", "40mm", "96px", "2540000" EMU) in twips.
fn vml_length(v: &str) -> Option<f64> {
    let v = v.trim();
    let split = v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len());
    let n: f64 = v[..split].trim().parse().ok()?;
    let per = match &v[split..] {
        "pt" => 20.0,
        "in" => 1440.0,
        "cm" => 566.93,
        "mm" => 56.693,
        "px" => 15.0,
        "pc" => 240.0,
        "emu" => 1.0 / 635.0,
        // Bare numbers in VML coordinates: Word writes points in `from`/`to`.
        "" => 20.0,
        _ => return None,
    };
    Some(n * per)
}

/// The length (twips) of a drawn line: DrawingML's extent (EMU), VML's `from`/`to`, or the
/// width in a VML shape's style.
fn line_length(e: &El) -> Option<i64> {
    let mut best: Option<f64> = None;
    let mut take = |v: f64| {
        if v.is_finite() && v > 0.0 {
            best = Some(best.map_or(v, |b| b.max(v)));
        }
    };
    fn walk(e: &El, take: &mut dyn FnMut(f64)) {
        match e.name.as_str() {
            "extent" | "ext" if e.attr("cx").is_some() => {
                let cx: f64 = e.attr("cx").and_then(|v| v.parse().ok()).unwrap_or(0.0);
                take(cx / 635.0);
            }
            "line" => {
                let x = |a: &str| {
                    e.attr(a)
                        .and_then(|v| v.split(',').next())
                        .and_then(vml_length)
                };
                if let (Some(a), Some(b)) = (x("from"), x("to")) {
                    take((b - a).abs());
                }
            }
            _ => {}
        }
        if let Some(style) = e.attr("style") {
            for decl in style.split(';') {
                if let Some((k, v)) = decl.split_once(':')
                    && k.trim() == "width"
                    && let Some(w) = vml_length(v)
                {
                    take(w);
                }
            }
        }
        for c in e.elements() {
            walk(c, take);
        }
    }
    walk(e, &mut take);
    best.map(|b| b.round() as i64)
}

/// The height (twips) of a drawn shape: DrawingML's extent (EMU) or the height in a VML
/// shape's style.
fn shape_height(e: &El) -> Option<i64> {
    if matches!(e.name.as_str(), "extent" | "ext")
        && let Some(cy) = e.attr("cy").and_then(|v| v.parse::<f64>().ok())
        && cy > 0.0
    {
        return Some((cy / 635.0).round() as i64);
    }
    if let Some(style) = e.attr("style") {
        for decl in style.split(';') {
            if let Some((k, v)) = decl.split_once(':')
                && k.trim() == "height"
                && let Some(h) = vml_length(v)
                && h.is_finite()
                && h > 0.0
            {
                return Some(h.round() as i64);
            }
        }
    }
    e.elements().find_map(shape_height)
}

fn find(e: &El, f: &dyn Fn(&El) -> bool) -> bool {
    f(e) || e.elements().any(|c| find(c, f))
}

fn find_boxes(e: &El, out: &mut Vec<El>) {
    for c in e.elements() {
        if c.name == "txbxContent" {
            out.push(c.clone());
        } else {
            find_boxes(c, out);
        }
    }
}

fn plain(e: &El) -> String {
    e.children
        .iter()
        .filter_map(|n| match n {
            Node::Text(t) => Some(t.as_str()),
            Node::El(_) => None,
        })
        .collect()
}

/// The page-number facts of one header part.
pub fn header_info(kind: &str, root: &El, styles: &Styles) -> HeaderInfo {
    let mut w = Walk {
        styles,
        paras: Vec::new(),
        page: 1,
        paged: false,
        images: Vec::new(),
        numbering: Numbering::default(),
        rendered: true,
        sections: Vec::new(),
    };
    let _ = blocks(&mut w, root, 0);
    let para = w.paras.iter().find(|p| p.page_number);
    HeaderInfo {
        kind: kind.to_string(),
        page_number: para.is_some(),
        centred: para.is_some_and(|p| p.props.align.as_deref() == Some("center")),
        size: para.and_then(|p| p.runs.first().and_then(|r| r.props.size)),
        text: w
            .paras
            .iter()
            .map(|p| p.text.clone())
            .collect::<Vec<_>>()
            .join(" "),
    }
}
