use super::*;
use crate::doc::{Mm, ParaStyle, Pt, StyleName};

fn run(text: &str, italic: bool) -> Inline {
    Inline::Text {
        text: text.into(),
        bold: false,
        italic,
        script: Script::Baseline,
    }
}

fn para(inlines: Vec<Inline>, size: f32, bold: bool) -> Para {
    Para {
        inlines,
        style: ParaStyle {
            name: StyleName::Body,
            size: Pt(size),
            bold,
            italic: false,
            align: Align::Justify,
            first_line_indent: Mm(10.0),
            left_indent: Mm(0.0),
            hanging: Mm(0.0),
            space_before: Pt(0.0),
            space_after: Pt(0.0),
            line_spacing: 1.0,
        },
        rule_below: None,
        keep_with_next: false,
    }
}

/// Width of one line of `text` as typst sets it (points) and as LibreOffice lays it out
/// (device units of 1/120 pt).
fn widths(text: &str, size: f32, bold: bool, italic: bool) -> (f64, i64) {
    let p = para(vec![run(text, italic)], size, bold);
    let lines = words(&p);
    let words = lines.first().cloned().unwrap_or_default();
    let mut exact = 0.0;
    let mut device = 0;
    for (i, w) in words.iter().enumerate() {
        exact += w.exact;
        device += w.device;
        if i + 1 < words.len() {
            exact += w.space_exact;
            device += w.space_device;
        }
    }
    (exact, device)
}

/// The six lines measured on LibreOffice 7.4 (a DOCX with each line alone in a paragraph whose
/// room was set in steps of 0.05 pt): the extra room LibreOffice needed beyond the advance
/// widths lay in (low, high] points. The model's extra room (rounded advances less exact ones)
/// falls in every interval, to the twip (0.05 pt) the room was stepped by.
#[test]
fn the_model_explains_the_measured_lines() {
    let measured = [
        (
            false,
            false,
            14.0,
            "5. Bám sát các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà",
            0.047,
            0.097,
        ),
        (
            false,
            true,
            14.0,
            "Nghĩa thuộc huyện Sa Thầy; xã Đăk Pét thuộc huyện Đăk Glei; xã Diên Bình và xã",
            0.018,
            0.068,
        ),
        (
            false,
            false,
            13.0,
            "Thực hiện Quyết định số của Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh",
            -0.118,
            -0.068,
        ),
        (
            false,
            false,
            12.0,
            "Thực hiện Quyết định số của Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh, xã",
            -0.078,
            -0.028,
        ),
        (
            true,
            false,
            14.0,
            "Thực hiện Quyết định số của Ban Chỉ đạo các Chương trình mục tiêu quốc",
            -0.061,
            -0.011,
        ),
        (
            false,
            false,
            14.0,
            "mmmmmmmmmm mmmmmmmmmm mmmmmmmmmm mmmmmmmmmm mmmmmmmmmm",
            0.068,
            0.118,
        ),
    ];
    for (bold, italic, size, text, low, high) in measured {
        let (exact, device) = widths(text, size, bold, italic);
        let extra = device as f64 / DEVICE_PER_PT - exact;
        assert!(
            extra > low - 0.001 && extra <= high + 0.001,
            "{text}: {extra:.4} pt not in ({low}, {high}]"
        );
    }
}

const KET_LUAN: &str = "5. Bám sát các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà \
nước, tình hình thực tiễn của địa phương để lãnh đạo, chỉ đạo kịp thời.";

/// The A4 page of the Party sample: 165 mm of text, a first line indented 10 mm.
fn room() -> Room {
    let pt = |mm: f64| mm * 72.0 / 25.4;
    Room {
        first: (pt(155.0), (9355 - 567) * DEVICE_PER_TWIP),
        other: (pt(165.0), 9355 * DEVICE_PER_TWIP),
    }
}

#[test]
fn a_line_libreoffice_cannot_fit_breaks_one_word_earlier() {
    // 439.353 pt by the advance widths for 439.370 pt of room in the PDF: typst fits it;
    // 439.417 pt rounded for 439.400 pt (8788 twips) in LibreOffice: it does not.
    let (exact, device) = widths(
        "5. Bám sát các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà",
        14.0,
        false,
        false,
    );
    assert!((exact - 439.3525).abs() < 1e-3, "{exact}");
    assert_eq!(device, 52730);
    let mut p = para(vec![run(KET_LUAN, false)], 14.0, false);
    let breaks = breaks(&p, &room());
    assert_eq!(breaks.len(), 1, "{breaks:?}");
    apply(&mut p, &breaks);
    let Some(Inline::Text { text, .. }) = p.inlines.first() else {
        panic!("no text")
    };
    assert!(
        text.contains(&format!("pháp luật của{FIT_BREAK}Nhà nước,")),
        "{text}"
    );
}

#[test]
fn a_break_between_two_runs_moves_the_spaces() {
    let (head, tail) = KET_LUAN.split_at(KET_LUAN.find("Nhà").unwrap_or(0));
    let mut p = para(vec![run(head, false), run(tail, false)], 14.0, false);
    let breaks = breaks(&p, &room());
    apply(&mut p, &breaks);
    let texts: Vec<&str> = p
        .inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(texts[0].ends_with("của"), "{texts:?}");
    assert!(
        texts[1].starts_with(&format!("{FIT_BREAK}Nhà")),
        "{texts:?}"
    );
}

#[test]
fn lines_that_fit_both_ways_are_left_alone() {
    // A wider room: both fit the line; a narrower one: both break before "Nhà".
    for extra_twips in [20, -20] {
        let mut r = room();
        r.first.0 += f64::from(extra_twips) / 20.0;
        r.first.1 += i64::from(extra_twips) * DEVICE_PER_TWIP;
        let p = para(vec![run(KET_LUAN, false)], 14.0, false);
        assert_eq!(breaks(&p, &r), Vec::new(), "{extra_twips}");
    }
}

#[test]
fn what_the_model_does_not_cover_is_left_alone() {
    let footnote = Inline::Footnote {
        inlines: vec![run("Ghi chú.", false)],
    };
    // A footnote mark on the word that decides the first line: its width is not modelled.
    let (head, tail) = KET_LUAN.split_at(KET_LUAN.find(" nước").unwrap_or(0));
    let p = para(
        vec![run(head, false), footnote.clone(), run(tail, false)],
        14.0,
        false,
    );
    assert!(breaks(&p, &room()).is_empty());
    // One at the end of the paragraph does not matter to the first line.
    let p = para(vec![run(KET_LUAN, false), footnote], 14.0, false);
    assert_eq!(breaks(&p, &room()).len(), 1);
    let hyphen = KET_LUAN.replace("Bám sát", "Bám-sát");
    let p = para(vec![run(&hyphen, false)], 14.0, false);
    assert!(breaks(&p, &room()).is_empty());
    // A dash standing alone between spaces is a word of its own, as in "- Ông …".
    let dash = format!("- {KET_LUAN}");
    let p = para(vec![run(&dash, false)], 14.0, false);
    assert!(words(&p).iter().flatten().all(|w| w.known));
    // A hyphen inside a word two lines down does not keep the first line from its break.
    let later = KET_LUAN.replace("kịp thời", "kịp-thời");
    let p = para(vec![run(&later, false)], 14.0, false);
    assert_eq!(breaks(&p, &room()).len(), 1);
}
