//! The layout rules of NĐ 30/2020 (state documents) and HD 36-HD/VPTW (Party documents) that
//! can be measured on a rendered PDF or DOCX. Each check returns the problems it found, one
//! line each; an empty list means the rules hold.
//!
//! PDF measures come from poppler-utils: `pdftotext -bbox` (word boxes), `pdftohtml -xml`
//! (runs of text with their font and size), `pdftocairo -svg` (the drawn rules), `pdffonts`.
//! A DOCX is read with the `zip` crate; [`libreoffice_pdf`] lays it out with LibreOffice so
//! that the PDF rules can be checked on it too.

use std::path::{Path, PathBuf};

use super::{MM, Word, docx_parts, pdf_words, run};

/// NFC, so that a phrase typed here matches the PDF's text.
fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&amp;", "&")
}

/// The value of `name="…"` in a tag, if any.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let rest = &tag[i..];
    Some(&rest[..rest.find('"')?])
}

fn num(tag: &str, name: &str) -> f64 {
    attr(tag, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// A run of text in one font, from `pdftohtml -xml`; positions in points from the top left.
#[derive(Debug, Clone)]
pub struct Run {
    pub page: usize,
    pub top: f64,
    pub left: f64,
    pub height: f64,
    /// Font size in points (to within 1/6 pt: pdftohtml rounds at its zoom of 3).
    pub size: f64,
    /// The font's full name, e.g. `LiberationSerif-BoldItalic`.
    pub font: String,
    pub text: String,
}

/// pdftohtml's zoom: sizes and positions come out multiplied by it, then rounded.
const ZOOM: f64 = 3.0;

/// The text runs of a PDF with their fonts.
pub fn pdf_runs(pdf: &Path) -> Vec<Run> {
    let xml = run(
        "pdftohtml",
        &[
            "-xml",
            "-i",
            "-q",
            "-zoom",
            "3",
            "-fontfullname",
            "-stdout",
            &pdf.display().to_string(),
        ],
    );
    let mut fonts: std::collections::HashMap<String, (f64, String)> = Default::default();
    let mut runs = Vec::new();
    let mut page = 0;
    for line in xml.lines() {
        let l = line.trim();
        if l.starts_with("<page ") {
            page = num(l, "number") as usize;
        } else if l.starts_with("<fontspec ") {
            let id = attr(l, "id").unwrap_or_default().to_string();
            let family = attr(l, "family").unwrap_or_default();
            // a subset's name starts with six capitals and +
            let family = family.split_once('+').map_or(family, |(_, f)| f);
            fonts.insert(id, (num(l, "size") / ZOOM, family.to_string()));
        } else if l.starts_with("<text ") {
            let Some((tag, rest)) = l.split_once('>') else {
                continue;
            };
            let inner = rest.rsplit_once("</text>").map_or(rest, |(t, _)| t);
            // the content holds <b>, <i> and <a> tags: keep only the text
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let (size, font) = attr(tag, "font")
                .and_then(|id| fonts.get(id))
                .cloned()
                .unwrap_or((f64::NAN, String::new()));
            runs.push(Run {
                page,
                top: num(tag, "top") / ZOOM,
                left: num(tag, "left") / ZOOM,
                height: num(tag, "height") / ZOOM,
                size,
                font,
                text: nfc(&unescape(&text)),
            });
        }
    }
    runs
}

/// The run holding the first character of `phrase` on the first line (top to bottom, page by
/// page) that contains it; spaces are not compared (pdftohtml splits and joins runs freely).
pub fn run_of_phrase<'a>(runs: &'a [Run], phrase: &str) -> Option<&'a Run> {
    let want: String = nfc(phrase).chars().filter(|c| !c.is_whitespace()).collect();
    let mut order: Vec<&Run> = runs.iter().collect();
    order.sort_by(|a, b| {
        (a.page, a.top, a.left)
            .partial_cmp(&(b.page, b.top, b.left))
            .unwrap()
    });
    // lines: runs of one page whose middles lie within 3 pt of each other
    let mut lines: Vec<Vec<&Run>> = Vec::new();
    for r in order {
        let mid = r.top + r.height / 2.0;
        match lines.last_mut() {
            Some(line)
                if line[0].page == r.page
                    && (line[0].top + line[0].height / 2.0 - mid).abs() < 3.0 =>
            {
                line.push(r)
            }
            _ => lines.push(vec![r]),
        }
    }
    for mut line in lines {
        line.sort_by(|a, b| a.left.partial_cmp(&b.left).unwrap());
        let chars: Vec<(char, &Run)> = line
            .iter()
            .flat_map(|r| {
                r.text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .map(move |c| (c, *r))
            })
            .collect();
        let text: String = chars.iter().map(|(c, _)| *c).collect();
        if let Some(byte) = text.find(&want) {
            let i = text[..byte].chars().count();
            return Some(chars[i].1);
        }
    }
    None
}

/// `phrase` (its first character) in a size within `sizes` (points, 0.3 pt of slack), and bold
/// and italic when asked (judged by the font's name, as PDF readers do).
pub fn text_size(
    runs: &[Run],
    phrase: &str,
    sizes: (f64, f64),
    bold: Option<bool>,
    italic: Option<bool>,
) -> Vec<String> {
    let Some(r) = run_of_phrase(runs, phrase) else {
        return vec![format!("'{phrase}' not found in the PDF")];
    };
    let mut out = Vec::new();
    if !(sizes.0 - 0.3 <= r.size && r.size <= sizes.1 + 0.3) {
        out.push(format!(
            "'{phrase}' is {:.1} pt (expected {}-{})",
            r.size, sizes.0, sizes.1
        ));
    }
    let name = r.font.to_lowercase();
    if let Some(b) = bold
        && name.contains("bold") != b
    {
        out.push(format!("'{phrase}' bold is {} (font {})", !b, r.font));
    }
    let is_italic = name.contains("italic") || name.contains("oblique");
    if let Some(i) = italic
        && is_italic != i
    {
        out.push(format!("'{phrase}' italic is {} (font {})", !i, r.font));
    }
    out
}

/// A horizontal stroke or thin box drawn on a page: from `x0` to `x1` at height `top`
/// (points from the top left).
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
}

/// The thin horizontal shapes (lines, rectangles, curves) drawn on page `page` of a PDF:
/// every path of `pdftocairo -svg` outside its glyph definitions whose box is under 1.5 pt
/// high and over 5 pt wide.
pub fn pdf_segments(pdf: &Path, page: usize) -> Vec<Segment> {
    let p = page.to_string();
    let svg = run(
        "pdftocairo",
        &["-svg", "-f", &p, "-l", &p, &pdf.display().to_string(), "-"],
    );
    // glyph outlines and clip paths are defined in <defs>, drawn with <use>: skip them
    let body = svg.rsplit_once("</defs>").map_or(svg.as_str(), |(_, b)| b);
    let mut out = Vec::new();
    for piece in body.split("<path").skip(1) {
        let tag = format!(" {}", &piece[..piece.find('>').unwrap_or(piece.len())]);
        let Some(d) = attr(&tag, "d") else {
            continue;
        };
        // matrix(a,b,c,d,e,f): x' = a x + c y + e, y' = b x + d y + f
        let m: Vec<f64> = attr(&tag, "transform")
            .and_then(|t| t.strip_prefix("matrix("))
            .map(|t| {
                t.trim_end_matches(')')
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse().ok())
                    .collect()
            })
            .filter(|v: &Vec<f64>| v.len() == 6)
            .unwrap_or_else(|| vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        let nums: Vec<f64> = d
            .split(|c: char| c.is_ascii_alphabetic() || c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        if nums.len() < 4 || d.contains(['H', 'V', 'h', 'v', 'l', 'm', 'c', 'A', 'a']) {
            // only absolute M, L, C and Z (what cairo writes) are read
            continue;
        }
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for xy in nums.chunks_exact(2) {
            let x = m[0] * xy[0] + m[2] * xy[1] + m[4];
            let y = m[1] * xy[0] + m[3] * xy[1] + m[5];
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        if y1 - y0 < 1.5 && x1 - x0 > 5.0 {
            out.push(Segment { x0, x1, top: y0 });
        }
    }
    out
}

/// The words `phrase` on page 1, as one box: (x0, x1, bottom).
fn phrase_box(words: &[Word], phrase: &str) -> Option<(f64, f64, f64)> {
    let want: Vec<String> = nfc(phrase).split_whitespace().map(str::to_string).collect();
    let mut page1: Vec<&Word> = words.iter().filter(|w| w.page == 1).collect();
    page1.sort_by(|a, b| {
        (a.y1.round(), a.x0)
            .partial_cmp(&(b.y1.round(), b.x0))
            .unwrap()
    });
    (0..page1.len()).find_map(|i| {
        let got = page1.get(i..i + want.len())?;
        let same_line = got.iter().all(|w| (w.y1 - got[0].y1).abs() < 1.0);
        let same_words = got.iter().zip(&want).all(|(w, t)| nfc(&w.text) == *t);
        (same_line && same_words).then(|| {
            (
                got[0].x0,
                got[got.len() - 1].x1,
                got.iter().map(|w| w.y1).fold(f64::MIN, f64::max),
            )
        })
    })
}

/// The rule right under the line holding `phrase` on page 1: its length a share of the
/// phrase's width within `lo..=hi`, centred under it (3 pt), and clear of its descenders.
pub fn rule_under(
    words: &[Word],
    segments: &[Segment],
    phrase: &str,
    lo: f64,
    hi: f64,
) -> Vec<String> {
    let Some((x0, x1, bottom)) = phrase_box(words, phrase) else {
        return vec![format!("'{phrase}' not found on page 1")];
    };
    let Some(rule) = segments
        .iter()
        .filter(|s| {
            s.top >= bottom - 3.0 && s.top <= bottom + 14.0 && s.x1 > x0 - 20.0 && s.x0 < x1 + 20.0
        })
        .min_by(|a, b| a.top.partial_cmp(&b.top).unwrap())
    else {
        return vec![format!("no rule under '{phrase}'")];
    };
    let mut out = Vec::new();
    let share = (rule.x1 - rule.x0) / (x1 - x0);
    if !(lo..=hi).contains(&share) {
        out.push(format!(
            "the rule under '{phrase}' is {share:.2} of its width (expected {lo}-{hi})"
        ));
    }
    let off = (rule.x0 + rule.x1) / 2.0 - (x0 + x1) / 2.0;
    if off.abs() > 3.0 {
        out.push(format!(
            "the rule under '{phrase}' is off centre by {off:+.1} pt"
        ));
    }
    if rule.top < bottom - 0.5 {
        out.push(format!(
            "the rule under '{phrase}' cuts {:.1} pt into the text",
            bottom - rule.top
        ));
    }
    out
}

/// Fonts all embedded, pages A4 (portrait or landscape), the text inside NĐ 30's margins on
/// portrait pages, no page number on page 1 and a centred one in the top margin of page 2
/// (unless page 2 opens an appendix, which is numbered on its own).
pub fn pdf_pages(pdf: &Path, words: &[Word]) -> Vec<String> {
    let mut problems = Vec::new();
    let fonts = run("pdffonts", &[&pdf.display().to_string()]);
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [encoding] emb sub uni object ID: "emb" is the fifth from the end
        if cols.len() >= 6 && cols[cols.len() - 5] != "yes" {
            problems.push(format!("font not embedded: {}", cols[0]));
        }
    }
    let pages = words.iter().map(|w| w.page).max().unwrap_or(0);
    if pages == 0 {
        problems.push("no text".into());
    }
    for p in 1..=pages {
        let on: Vec<&Word> = words.iter().filter(|w| w.page == p).collect();
        let Some(first) = on.first() else { continue };
        let (w, h) = (first.page_w, first.page_h);
        let portrait = (w - 595.3).abs() < 2.0 && (h - 841.9).abs() < 2.0;
        let landscape = (h - 595.3).abs() < 2.0 && (w - 841.9).abs() < 2.0;
        if !portrait && !landscape {
            problems.push(format!("page {p}: {w:.1} x {h:.1} pt is not A4"));
            continue;
        }
        if !portrait {
            continue;
        }
        let body: Vec<&&Word> = on.iter().filter(|x| x.y0 > 25.0 * MM).collect();
        if !body.is_empty() {
            let left = body.iter().map(|x| x.x0).fold(f64::MAX, f64::min) / MM;
            let right = (w - body.iter().map(|x| x.x1).fold(f64::MIN, f64::max)) / MM;
            let bottom = (h - body.iter().map(|x| x.y1).fold(f64::MIN, f64::max)) / MM;
            if left < 29.0 {
                problems.push(format!(
                    "page {p}: text starts {left:.1} mm from the left edge (NĐ 30: 30-35 mm)"
                ));
            }
            if right < 14.0 {
                problems.push(format!(
                    "page {p}: text ends {right:.1} mm from the right edge (NĐ 30: 15-20 mm)"
                ));
            }
            if bottom < 19.0 {
                problems.push(format!(
                    "page {p}: text reaches {bottom:.1} mm from the bottom (NĐ 30: 20-25 mm)"
                ));
            }
        }
        let numbers: Vec<&&Word> = on
            .iter()
            .filter(|x| x.y1 < 19.5 * MM && x.text.chars().all(|c| c.is_ascii_digit()))
            .collect();
        if p == 1 {
            if !numbers.is_empty() {
                problems.push("page 1 shows a page number".into());
            }
            if on.iter().any(|x| x.y0 < 19.0 * MM) {
                problems.push("page 1: text inside the top margin".into());
            }
        }
        if p == 2 {
            let mut below: Vec<&&Word> = on.iter().filter(|x| x.y1 >= 19.5 * MM).collect();
            below.sort_by(|a, b| {
                (a.y0.round(), a.x0)
                    .partial_cmp(&(b.y0.round(), b.x0))
                    .unwrap()
            });
            let head: String = below
                .iter()
                .take(2)
                .map(|x| x.text.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            let opens_appendix = nfc(&head).starts_with("phụ lục");
            if !opens_appendix {
                match numbers.first() {
                    None => problems.push("page 2 has no page number in the top margin".into()),
                    Some(n) => {
                        let cx = (n.x0 + n.x1) / 2.0;
                        if (cx - w / 2.0).abs() > 40.0 {
                            problems
                                .push(format!("page 2: page number not centred (x={cx:.0} pt)"));
                        }
                    }
                }
            }
        }
    }
    problems
}

/// Every rule a PDF can be measured against: [`pdf_pages`]; the national name and motto (or
/// the Party's title) in their sizes and bold, the rule under the motto as long as it; "Kính
/// gửi" 13-14 pt regular; with `issuer` (the issuing body's last line, state documents), the
/// rule under it 1/3-1/2 of its length; "Nơi nhận:" 12 pt bold italic (state documents).
pub fn pdf_checks(pdf: &Path, issuer: Option<&str>) -> Vec<String> {
    let words = pdf_words(pdf);
    let runs = pdf_runs(pdf);
    let page1: String = nfc(&words
        .iter()
        .filter(|w| w.page == 1)
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" "));
    let all: String = nfc(&words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" "));
    let party = page1.contains("ĐẢNG CỘNG SẢN VIỆT NAM");
    let mut p = pdf_pages(pdf, &words);
    let segments = pdf_segments(pdf, 1);
    if party {
        p.extend(text_size(
            &runs,
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            (15.0, 15.0),
            Some(true),
            None,
        ));
    } else {
        p.extend(text_size(
            &runs,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            (12.0, 13.0),
            Some(true),
            None,
        ));
        p.extend(text_size(
            &runs,
            "Độc lập - Tự do - Hạnh phúc",
            (13.0, 14.0),
            Some(true),
            None,
        ));
        p.extend(rule_under(
            &words,
            &segments,
            "Độc lập - Tự do - Hạnh phúc",
            0.97,
            1.03,
        ));
    }
    if page1.contains("Kính gửi") {
        p.extend(text_size(
            &runs,
            "Kính gửi",
            (13.0, 14.0),
            Some(false),
            None,
        ));
    }
    // a Party committee has an asterisk beneath its name, not a rule (HD 36-HD/VPTW)
    if let Some(issuer) = issuer
        && !party
    {
        p.extend(rule_under(&words, &segments, issuer, 0.30, 0.65));
    }
    if all.contains("Nơi nhận:") && !party {
        p.extend(text_size(
            &runs,
            "Nơi nhận:",
            (12.0, 12.0),
            Some(true),
            Some(true),
        ));
    }
    p
}

/// The first section of a DOCX: A4, margins within NĐ 30's ranges, a different first page (no
/// number on page 1); Times New Roman named; a header with a PAGE field; large parts deflated.
pub fn docx_checks(docx: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let parts = docx_parts(docx);
    let doc = parts.get("word/document.xml").map_or("", String::as_str);
    let styles = parts.get("word/styles.xml").map_or("", String::as_str);
    let first = doc
        .find("<w:sectPr")
        .and_then(|i| doc[i..].find("</w:sectPr>").map(|j| &doc[i..i + j]));
    let Some(sect) = first else {
        return vec!["no sectPr".into()];
    };
    let tag = |name: &str| {
        sect.find(&format!("<{name} "))
            .map(|i| &sect[i..i + sect[i..].find('>').unwrap_or(0)])
    };
    match tag("w:pgSz") {
        Some(sz) => {
            let mut wh = [num(sz, "w:w"), num(sz, "w:h")];
            wh.sort_by(|a, b| a.partial_cmp(b).unwrap());
            if wh != [11906.0, 16838.0] {
                problems.push(format!("first section is not A4: {sz}"));
            }
        }
        None => problems.push("no page size".into()),
    }
    match tag("w:pgMar") {
        Some(mar) => {
            for (k, lo, hi) in [
                ("top", 20.0, 25.0),
                ("bottom", 20.0, 25.0),
                ("left", 30.0, 35.0),
                ("right", 15.0, 20.0),
            ] {
                let v = num(mar, &format!("w:{k}")) / 56.69;
                if !(lo - 0.3..=hi + 0.3).contains(&v) {
                    problems.push(format!("margin {k} = {v:.1} mm (NĐ 30: {lo}-{hi})"));
                }
            }
        }
        None => problems.push("no page margins".into()),
    }
    if !sect.contains("<w:titlePg") {
        problems.push("no different first page (page 1 would show a number)".into());
    }
    if !doc.contains("Times New Roman") && !styles.contains("Times New Roman") {
        problems.push("Times New Roman is not named".into());
    }
    let page_field = parts
        .iter()
        .any(|(n, x)| n.starts_with("word/header") && x.contains("PAGE"));
    if !page_field {
        problems.push("no header with a PAGE field".into());
    }
    let f = std::fs::File::open(docx).expect("docx");
    let mut z = zip::ZipArchive::new(f).expect("docx is a zip");
    for i in 0..z.len() {
        let e = z.by_index(i).expect("zip entry");
        if e.size() > 2000 && e.compression() == zip::CompressionMethod::Stored {
            problems.push(format!("{} is stored uncompressed", e.name()));
        }
    }
    problems
}

/// Where a tool the tests need lives: on PATH, or for openxml-audit in the virtual environment
/// `scripts/test` makes. Fails the test with what to run when the tool is missing.
pub fn tool(name: &str) -> PathBuf {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    });
    let venv = std::env::var_os("VANBAN_VENV")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache/vanban-ci-venv")))
        .map(|v| v.join("bin").join(name));
    on_path.or(venv.filter(|p| p.is_file())).unwrap_or_else(|| {
        panic!("{name} is not installed: run scripts/test (it installs what the tests need)")
    })
}

/// openxml-audit's findings on a DOCX (schema and semantic validation as Word reads it).
pub fn openxml_audit(docx: &Path) -> Vec<String> {
    let out = std::process::Command::new(tool("openxml-audit"))
        .args(["-o", "json", "-m", "0"])
        .arg(docx)
        .output()
        .expect("openxml-audit runs");
    let report: serde_json::Value = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => {
            return vec![format!(
                "openxml-audit gave no report ({e}): {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )];
        }
    };
    let r = &report[0];
    let errors = r["error_count"].as_u64().unwrap_or(u64::MAX);
    if errors != 0 || r["valid"] != serde_json::Value::Bool(true) {
        return vec![format!(
            "openxml-audit: {errors} errors, first: {}",
            r["errors"][0]
        )];
    }
    Vec::new()
}

/// The DOCX files laid out by LibreOffice, as PDFs in `out` (one run of soffice for all).
pub fn libreoffice_pdfs(docx: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", out.display());
    let mut args = vec![
        profile,
        "--headless".into(),
        "--convert-to".into(),
        "pdf".into(),
        "--outdir".into(),
        out.display().to_string(),
    ];
    args.extend(docx.iter().map(|d| d.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(tool("soffice").to_str().expect("path"), &args);
    docx.iter()
        .map(|d| {
            let pdf = out.join(d.file_name().expect("name")).with_extension("pdf");
            assert!(pdf.is_file(), "LibreOffice made no PDF of {}", d.display());
            pdf
        })
        .collect()
}
