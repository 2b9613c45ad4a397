//! Every sample rendered by the binary, its PDF and DOCX read back and measured.

mod common;

use std::path::PathBuf;

use common::layout;
use common::*;

fn outputs(ext: &str) -> Vec<(Sample, PathBuf)> {
    let dir = rendered();
    samples()
        .into_iter()
        .map(|s| {
            let p = dir.join(format!("{}.{ext}", s.stem));
            assert!(p.is_file(), "{} was not written", p.display());
            (s, p)
        })
        .collect()
}

#[test]
fn samples_are_known() {
    let known: Vec<String> = samples().iter().map(|s| s.stem.clone()).collect();
    for e in std::fs::read_dir(root().join("samples")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "yaml") {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(
                known.contains(&stem),
                "tests/common samples() misses {stem}"
            );
        }
    }
}

#[test]
fn seeds_are_reproduced_in_pdf_and_docx() {
    let mut compared = 0;
    for ext in ["pdf", "docx"] {
        for (s, out) in outputs(ext) {
            let Some(seed) = &s.seed else { continue };
            let m = common::seed::compare(seed, &out);
            // Footnotes sit at the foot of a page (PDF) or in their own part (DOCX), so a
            // seed whose footnote text stands mid-page loses a few words of order. Issue 12
            // asks 0.98 of the DOCX (measured 2026-12-02: 0.981 to 1.000).
            assert!(
                m.share() >= 0.98,
                "{} does not reproduce {}:\n{}",
                out.display(),
                seed.display(),
                m.report()
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 10, "five seeds, each in PDF and DOCX");
}

#[test]
fn pdf_pages_are_a4_with_embedded_fonts() {
    for (_, pdf) in outputs("pdf") {
        let info = run(
            "pdfinfo",
            &["-f", "1", "-l", "99", &pdf.display().to_string()],
        );
        // "Page N size: …" lines (not "File size:"); landscape appendix pages are A4 too
        let sizes: Vec<&str> = info
            .lines()
            .filter(|l| l.starts_with("Page") && l.contains("size:"))
            .collect();
        assert!(!sizes.is_empty(), "pdfinfo shows no page sizes");
        for l in sizes {
            assert!(l.contains("595.") && l.contains("841."), "not A4: {l}");
        }
        let fonts = run("pdffonts", &[&pdf.display().to_string()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "no fonts listed");
        for r in rows {
            let cols: Vec<&str> = r.split_whitespace().collect();
            assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {r}");
            assert!(r.contains("LiberationSerif"), "unexpected font: {r}");
        }
    }
}

#[test]
fn pdf_margins_and_page_numbers() {
    let mut multi_page = 0;
    for (_, pdf) in outputs("pdf") {
        let words = pdf_words(&pdf);
        let pages = words.iter().map(|w| w.page).max().unwrap_or(0);
        multi_page += usize::from(pages >= 2);
        for p in 1..=pages {
            let on: Vec<&Word> = words.iter().filter(|w| w.page == p).collect();
            let (pw, ph) = (on[0].page_w, on[0].page_h);
            // Page number: inside the top margin (20 mm), centred; none on the first page of
            // the document or of an appendix, which is numbered on its own (NĐ 30, Phụ lục I,
            // III.1.đ).
            let in_margin: Vec<&&Word> = on.iter().filter(|w| w.y1 < 20.0 * MM).collect();
            let opens_appendix = |q: usize| {
                let mut ws = words.iter().filter(|w| w.page == q && w.y1 >= 20.0 * MM);
                ws.next().is_some_and(|w| w.text == "Phụ")
                    && ws.next().is_some_and(|w| w.text == "lục")
            };
            let start = (1..=p)
                .rev()
                .find(|q| *q == 1 || opens_appendix(*q))
                .unwrap_or(1);
            let expected = p - start + 1;
            if expected == 1 {
                assert!(
                    in_margin.is_empty(),
                    "page {p} shows a number: {in_margin:?}"
                );
            } else {
                assert_eq!(in_margin.len(), 1, "page {p}: {in_margin:?}");
                assert_eq!(in_margin[0].text, expected.to_string(), "page {p}");
                let cx = (in_margin[0].x0 + in_margin[0].x1) / 2.0;
                let text_centre = (30.0 * MM + pw - 15.0 * MM) / 2.0;
                assert!(
                    (cx - text_centre).abs() < 3.0 || (cx - pw / 2.0).abs() < 3.0,
                    "page {p}: number at x={cx}"
                );
            }
            let body: Vec<&&Word> = on.iter().filter(|w| w.y1 >= 20.0 * MM).collect();
            let left = body.iter().map(|w| w.x0).fold(f64::MAX, f64::min) / MM;
            let right = (pw - body.iter().map(|w| w.x1).fold(0.0, f64::max)) / MM;
            let bottom = (ph - body.iter().map(|w| w.y1).fold(0.0, f64::max)) / MM;
            assert!(left >= 29.9, "page {p}: left margin {left:.1} mm");
            // 0.5 mm of slack: a bold capital's glyph box at the end of a justified line
            assert!(right >= 14.5, "page {p}: right margin {right:.1} mm");
            assert!(bottom >= 19.9, "page {p}: bottom margin {bottom:.1} mm");
        }
    }
    assert!(
        multi_page >= 3,
        "the page-number checks need samples of two pages or more"
    );
}

#[test]
fn pdf_header_lines_share_rows() {
    for (_, pdf) in outputs("pdf") {
        let words = pdf_words(&pdf);
        let first = |pred: &dyn Fn(&str) -> bool, what: &str| {
            words
                .iter()
                .find(|w| w.page == 1 && pred(&w.text))
                .unwrap_or_else(|| panic!("{what} not on page 1 of {}", pdf.display()))
                .clone()
        };
        // "Số" and the italic place/date on one line (NĐ 30 II.4.c; HD 36 1.4).
        let so = first(&|t| t == "Số:" || t == "Số", "Số");
        // (a biên bản has no place and date line: Phụ lục III, Mẫu 1.9)
        if let Some(ngay) = words
            .iter()
            .find(|w| w.page == 1 && w.text == "ngày" && w.y1 < 60.0 * MM)
        {
            assert!(
                (so.y1 - ngay.y1).abs() < 1.0,
                "Số at {} but date at {}",
                so.y1,
                ngay.y1
            );
        }
        // The national name or the Party's title on the first line, in the right column.
        let top = first(&|t| t == "CỘNG" || t == "ĐẢNG", "Quốc hiệu / tiêu đề");
        assert!(top.x0 > 90.0 * MM && top.y0 < 30.0 * MM, "{top:?}");
        // V/v under the number (state công văn).
        if let Some(vv) = words.iter().find(|w| w.page == 1 && w.text == "V/v") {
            assert!(vv.y0 > so.y1, "V/v is not under the number");
        }
        // Nơi nhận on the left, level with the signer's authority line on the right.
        let noi = words.iter().find(|w| w.text == "Nơi").expect("Nơi nhận");
        let right = words
            .iter()
            .find(|w| w.page == noi.page && w.x0 > 110.0 * MM && (w.y0 - noi.y0).abs() < 3.0);
        // (a biên bản puts Nơi nhận under its two signers: Phụ lục III, Mẫu 1.9)
        if !pdf.display().to_string().contains("bien-ban") {
            assert!(
                right.is_some(),
                "{}: nothing level with Nơi nhận",
                pdf.display()
            );
        }
        assert!(noi.x0 < 35.0 * MM);
    }
}

#[test]
fn signature_stays_with_the_last_paragraph() {
    for (_, pdf) in outputs("pdf") {
        let words = pdf_words(&pdf);
        let noi = words.iter().find(|w| w.text == "Nơi").expect("Nơi nhận");
        // some body text above the signature area on its page (not the page number)
        let above = words
            .iter()
            .filter(|w| w.page == noi.page && w.y1 > 20.0 * MM && w.y1 < noi.y0 - 3.0)
            .count();
        assert!(
            above >= 3,
            "{}: the signature area stands alone on page {}",
            pdf.display(),
            noi.page
        );
    }
}

/// The measurable rules of NĐ 30 / HD 36 (tests/common/layout.rs) on every PDF.
#[test]
fn pdf_layout_rules_hold() {
    for (s, pdf) in outputs("pdf") {
        let problems = layout::pdf_checks(&pdf, s.issuer);
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            pdf.display(),
            problems.join("\n")
        );
    }
}

/// Every DOCX: valid OOXML (openxml-audit) and the section rules (tests/common/layout.rs).
#[test]
fn docx_is_valid_and_follows_the_section_rules() {
    for (_, docx) in outputs("docx") {
        let mut problems = layout::openxml_audit(&docx);
        problems.extend(layout::docx_checks(&docx));
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            docx.display(),
            problems.join("\n")
        );
    }
}

#[test]
fn docx_section_styles_and_header() {
    for (_, docx) in outputs("docx") {
        let parts = docx_parts(&docx);
        let doc = &parts["word/document.xml"];
        // the first section: the document itself (appendices follow in sections of their own)
        let sect = &doc[doc.find("<w:sectPr").expect("sectPr")..];
        assert!(
            sect.contains(r#"w:w="11906""#) && sect.contains(r#"w:h="16838""#),
            "A4"
        );
        let mar = &sect[sect.find("<w:pgMar").expect("pgMar")..];
        let get = |k: &str| -> f64 {
            let key = format!("w:{k}=\"");
            let i = mar.find(&key).unwrap() + key.len();
            mar[i..i + mar[i..].find('"').unwrap()]
                .parse::<f64>()
                .unwrap()
                / 56.69
        };
        for (k, lo, hi) in [
            ("top", 20.0, 25.0),
            ("bottom", 20.0, 25.0),
            ("left", 30.0, 35.0),
            ("right", 15.0, 20.0),
        ] {
            let v = get(k);
            assert!(v >= lo - 0.1 && v <= hi + 0.1, "margin {k} = {v:.1} mm");
        }
        assert!(sect.contains("<w:titlePg"), "different first page");
        let headers: Vec<&String> = parts
            .iter()
            .filter(|(n, _)| n.starts_with("word/header"))
            .map(|(_, v)| v)
            .collect();
        assert!(
            headers.iter().any(|h| h.contains("PAGE")),
            "a header with a PAGE field"
        );
        assert!(sect.contains("w:headerReference") && sect.contains(r#"w:type="first""#));
        let styles = &parts["word/styles.xml"];
        assert!(styles.contains("Times New Roman"));
        for id in ["VBBody", "VBHeader", "VBSignature", "VBDistribution"] {
            assert!(
                styles.contains(&format!("w:styleId=\"{id}\"")),
                "style {id}"
            );
            assert!(
                doc.contains(&format!("w:pStyle w:val=\"{id}\"")),
                "uses {id}"
            );
        }
        assert!(doc.contains("<w:tbl>"), "header and signature are tables");
    }
}

#[test]
fn docx_is_deflated() {
    for (_, docx) in outputs("docx") {
        let f = std::fs::File::open(&docx).unwrap();
        let mut z = zip::ZipArchive::new(f).unwrap();
        for i in 0..z.len() {
            let e = z.by_index(i).unwrap();
            if e.size() > 2000 {
                assert_eq!(
                    e.compression(),
                    zip::CompressionMethod::Deflated,
                    "{}",
                    e.name()
                );
            }
        }
    }
}

/// The PDF and the DOCX carry the same words, in the same order.
#[test]
fn pdf_and_docx_carry_the_same_text() {
    for ((_, pdf), (_, docx)) in outputs("pdf").into_iter().zip(outputs("docx")) {
        let pdf_all = pdf_words(&pdf);
        // the words of the document's own (portrait) pages, for the order: pdftotext reads
        // an appendix table column by column, the DOCX row by row
        let portrait: Vec<String> = words(
            &pdf_all
                .iter()
                .filter(|w| w.y1 >= 20.0 * MM && w.page_h > w.page_w)
                .map(|w| w.text.clone())
                .collect::<Vec<_>>()
                .join(" "),
        );
        let pdf_words: Vec<String> = {
            let ws = pdf_all.clone();
            // leave out the page numbers in the top margin
            let kept: Vec<String> = ws
                .iter()
                .filter(|w| w.y1 >= 20.0 * MM)
                .map(|w| w.text.clone())
                .collect();
            words(&kept.join(" "))
        };
        let docx_words = words(&docx_text(&docx));
        // A table's header row repeats on every page the table spans: in the PDF's text,
        // and only on screen in the DOCX (w:tblHeader). Drop the PDF's extra copies.
        let pdf_words = {
            let parts = docx_parts(&docx);
            let xml = parts.get("word/document.xml").map_or("", |s| s.as_str());
            let header_words: Vec<String> = xml
                .split("<w:tr>")
                .chain(xml.split("<w:tr "))
                .filter(|row| {
                    row.split("</w:tr>")
                        .next()
                        .is_some_and(|r| r.contains("<w:tblHeader"))
                })
                .flat_map(|row| words(&xml_text(row.split("</w:tr>").next().unwrap_or(""))))
                .collect();
            drop_repeated(pdf_words, &docx_words, &header_words)
        };
        // Same words: footnote marks are digits glued to a word in the PDF, so compare
        // without digits; same order: footnotes sit at the foot of a page in the PDF and
        // in their own part in the DOCX, so their words may move.
        let strip = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit()).to_string())
                .filter(|w| !w.is_empty())
                .collect()
        };
        let (a, b) = (strip(&pdf_words), strip(&docx_words));
        let (bag, diff) = bag_compare(&a, &b);
        assert!(
            bag > 0.995,
            "{}: the PDF and the DOCX differ in words ({bag:.4}); word (PDF/DOCX count): {diff:?}",
            pdf.display()
        );
        let parts = docx_parts(&docx);
        let notes = words(&xml_text(
            parts.get("word/footnotes.xml").map_or("", |s| s.as_str()),
        ));
        let p = strip(&portrait);
        let common = lcs(&p, &b);
        // Two-column blocks (the header, the signature area) are read row by row in the PDF
        // and cell by cell in the DOCX, and footnotes move: allow those words, no others.
        let slack = 40 + notes.len();
        assert!(
            common + slack >= p.len(),
            "{}: only {common} of {} words in the same order",
            pdf.display(),
            p.len()
        );
    }
}

/// LibreOffice opens each DOCX, lays out the same text as our PDF, and its layout follows
/// the same measurable rules as ours.
#[test]
fn libreoffice_reads_the_docx() {
    let lo = tempfile::tempdir().unwrap();
    let (pdfs, docx) = (outputs("pdf"), outputs("docx"));
    let files: Vec<PathBuf> = docx.iter().map(|(_, d)| d.clone()).collect();
    let lo_pdfs = layout::libreoffice_pdfs(&files, lo.path());
    let mut problems = Vec::new();
    for (((s, pdf), (_, docx)), lo_pdf) in pdfs.iter().zip(&docx).zip(&lo_pdfs) {
        let ours = words(&run("pdftotext", &[&pdf.display().to_string(), "-"]));
        let theirs = words(&run("pdftotext", &[&lo_pdf.display().to_string(), "-"]));
        // LibreOffice paginates on its own (page numbers, footnote places, the order in
        // which pdftotext reads table columns differ): the same words, mostly in order.
        let bag = bag_share(&ours, &theirs);
        assert!(
            bag > 0.99,
            "{}: LibreOffice text differs ({bag:.3})",
            docx.display()
        );
        let share = lcs(&ours, &theirs) as f64 / ours.len().max(theirs.len()) as f64;
        assert!(
            share > 0.9,
            "{}: LibreOffice order differs ({share:.3})",
            docx.display()
        );
        for p in layout::pdf_checks(lo_pdf, s.issuer) {
            problems.push(format!(
                "{} as LibreOffice lays it out: {p}",
                docx.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The measuring helpers (tests/common) report what they should: wrong expectations and a
/// doctored DOCX fail them, so the checks above can fail.
#[test]
fn the_checks_can_fail() {
    let pdf = rendered().join("cong-van-ubnd-ha-tinh.pdf");
    let docx = rendered().join("cong-van-ubnd-ha-tinh.docx");
    let (words, runs) = (pdf_words(&pdf), layout::pdf_runs(&pdf));
    let segments = layout::pdf_segments(&pdf, 1);
    // the national name is 12 pt bold upright: 14 pt regular italic is three problems
    let name = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    let wrong = layout::text_size(&runs, name, (14.0, 14.0), Some(false), Some(true));
    assert_eq!(wrong.len(), 3, "{wrong:?}");
    assert!(layout::text_size(&runs, name, (12.0, 12.0), Some(true), Some(false)).is_empty());
    assert_eq!(
        layout::text_size(&runs, "CỘNG HÒA NHÂN DÂN", (12.0, 12.0), None, None).len(),
        1
    );
    // the issuer's rule is 1/3-1/2 of its line, the motto's as long as the motto
    let issuer = layout::rule_under(&words, &segments, "TỈNH HÀ TĨNH", 0.97, 1.03);
    assert_eq!(issuer.len(), 1, "{issuer:?}");
    assert!(layout::rule_under(&words, &segments, "TỈNH HÀ TĨNH", 0.30, 0.65).is_empty());
    let motto = "Độc lập - Tự do - Hạnh phúc";
    assert_eq!(
        layout::rule_under(&words, &segments, motto, 0.30, 0.65).len(),
        1
    );
    // no rule under the number line
    let number = layout::rule_under(&words, &segments, "Số:", 0.0, 9.0);
    assert!(!number.is_empty(), "{number:?}");
    // another document's seed is not reproduced
    let other = common::seed::compare(&common::seed::path("004_8ed26bf99866191a.txt"), &pdf);
    assert!(other.share() < 0.5, "{}", other.report());
    // a DOCX with a 10 mm left margin, no different first page, an element Word does not
    // know, and stored uncompressed
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.docx");
    let mut parts = docx_parts(&docx);
    let doc = parts.get_mut("word/document.xml").unwrap();
    assert!(doc.contains(r#"w:left="1701""#) && doc.contains("<w:titlePg"));
    *doc = doc
        .replace(r#"w:left="1701""#, r#"w:left="567""#)
        .replace("<w:titlePg/>", "")
        .replace("<w:titlePg />", "")
        .replacen("<w:body>", "<w:body><w:bogus/>", 1);
    let mut z = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in &parts {
        z.start_file(name.as_str(), stored).unwrap();
        std::io::Write::write_all(&mut z, text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    let found = layout::docx_checks(&bad).join("\n");
    for want in ["margin left", "different first page", "stored uncompressed"] {
        assert!(found.contains(want), "{want}: {found}");
    }
    let audit = layout::openxml_audit(&bad);
    assert_eq!(
        audit.len(),
        1,
        "openxml-audit passes a DOCX with <w:bogus/>"
    );
    // LibreOffice lays it out with the text 10 mm from the left edge
    let lo = layout::libreoffice_pdfs(std::slice::from_ref(&bad), tmp.path());
    let found = layout::pdf_checks(&lo[0], Some("TỈNH HÀ TĨNH")).join("\n");
    assert!(found.contains("from the left edge"), "{found}");
}

/// Remove from `pdf` the occurrences of header words beyond what `docx` has.
fn drop_repeated(pdf: Vec<String>, docx: &[String], header: &[String]) -> Vec<String> {
    use std::collections::HashMap;
    let mut excess: HashMap<&str, usize> = HashMap::new();
    for w in header {
        let in_pdf = pdf.iter().filter(|x| *x == w).count();
        let in_docx = docx.iter().filter(|x| *x == w).count();
        excess.insert(w.as_str(), in_pdf.saturating_sub(in_docx));
    }
    let mut out = Vec::with_capacity(pdf.len());
    for w in pdf {
        match excess.get_mut(w.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(w),
        }
    }
    out
}
