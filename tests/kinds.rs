//! The document kinds, read back from the rendered samples: title blocks, the Party header
//! and number form, every signature form, appendices.

mod common;

use std::path::PathBuf;

use common::*;

fn pdf(stem: &str) -> PathBuf {
    rendered().join(format!("{stem}.pdf"))
}

fn docx(stem: &str) -> PathBuf {
    rendered().join(format!("{stem}.docx"))
}

/// The PDF's text, one line per text line (pdftotext), NFC.
fn pdf_lines(stem: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    run(
        "pdftotext",
        &["-layout", &pdf(stem).display().to_string(), "-"],
    )
    .nfc()
    .collect::<String>()
    .lines()
    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
    .filter(|l| !l.is_empty())
    .collect()
}

fn has_line(lines: &[String], want: &str) -> bool {
    lines.iter().any(|l| l.contains(want))
}

#[test]
fn title_block_of_a_decision() {
    let words = pdf_words(&pdf("quyet-dinh-ubnd-ha-tinh"));
    let name = words.iter().find(|w| w.text == "QUYẾT").expect("tên loại");
    // centred on the page width, under the header
    let line: Vec<&Word> = words
        .iter()
        .filter(|w| w.page == 1 && (w.y0 - name.y0).abs() < 1.0)
        .collect();
    let (x0, x1) = (line[0].x0, line[line.len() - 1].x1);
    let centre = (30.0 * MM + name.page_w - 15.0 * MM) / 2.0;
    assert!(
        ((x0 + x1) / 2.0 - centre).abs() < 3.0,
        "tên loại not centred"
    );
    let lines = pdf_lines("quyet-dinh-ubnd-ha-tinh");
    for want in [
        "Số: 1256/QĐ-UBND",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        "QUYẾT ĐỊNH:",
        "Điều 1.",
        "- Như Điều 3;",
        "Hà Tĩnh, ngày 05 tháng 02 năm 2025",
    ] {
        assert!(has_line(&lines, want), "missing `{want}`");
    }
    // căn cứ: ";" after each, "." after the last
    let text = docx_text(&docx("quyet-dinh-ubnd-ha-tinh"));
    assert!(text.contains("ngày 19 tháng 6 năm 2015;"));
    assert!(text.contains("ngày 28 tháng 01 năm 2025."));
    // a nghị quyết decides with "QUYẾT NGHỊ:"
    assert!(has_line(
        &pdf_lines("nghi-quyet-hdnd-xa-an-binh"),
        "QUYẾT NGHỊ:"
    ));
}

#[test]
fn party_header_and_number_form() {
    for stem in ["cong-van-tinh-uy-ha-tinh-1144", "ket-luan-tinh-uy-ha-tinh"] {
        let lines = pdf_lines(stem);
        assert!(has_line(&lines, "ĐẢNG CỘNG SẢN VIỆT NAM"), "{stem}");
        assert!(
            !has_line(&lines, "CỘNG HÒA XÃ HỘI"),
            "{stem}: no national name"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.trim() == "*" || l.contains(" * ") || l.ends_with(" *")),
            "{stem}: asterisk"
        );
        let text = docx_text(&docx(stem));
        assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM") && text.lines().any(|l| l.trim() == "*"));
        assert!(
            text.contains("- Lưu Văn phòng Tỉnh ủy."),
            "{stem}: Party Lưu line"
        );
    }
    let lines = pdf_lines("cong-van-tinh-uy-ha-tinh-1144");
    assert!(
        has_line(&lines, "Số 1144-CV/TU"),
        "no colon, hyphen then slash"
    );
    assert!(!has_line(&lines, "Số: 1144"));
    let kl = pdf_lines("ket-luan-tinh-uy-ha-tinh");
    assert!(has_line(&kl, "KẾT LUẬN") && has_line(&kl, "CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH"));
    assert!(has_line(&kl, "-KL/TU"));
    // grouped Nơi nhận with a brace and its note
    assert!(has_line(&kl, "}"));
    assert!(docx_text(&docx("ket-luan-tinh-uy-ha-tinh")).contains("Trung ương Đảng, } (để b/c)"));
    // the Party's 15 pt bold title (HD 36, Phụ lục 3), and the page rules
    let runs = layout::pdf_runs(&pdf("ket-luan-tinh-uy-ha-tinh"));
    let title = layout::text_size(
        &runs,
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        (15.0, 15.0),
        Some(true),
        None,
    );
    assert!(title.is_empty(), "{title:?}");
    let problems = layout::pdf_checks(&pdf("ket-luan-tinh-uy-ha-tinh"), None);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn every_signature_form() {
    let cases: [(&str, &[&str]); 7] = [
        ("cong-van-ubnd-ha-tinh", &["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        (
            "bao-cao-ubnd-xa-an-binh",
            &["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        ),
        (
            "thong-bao-ubnd-ha-tinh",
            &["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        ),
        ("chi-thi-ubnd-kon-tum", &["CHỦ TỊCH", "Lê Ngọc Tuấn"]),
        ("ket-luan-tinh-uy-ha-tinh", &["T/M TỈNH ỦY", "PHÓ BÍ THƯ"]),
        (
            "cong-van-tinh-uy-ha-tinh-1144",
            &["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"],
        ),
        ("to-trinh-so-nnptnt-ha-tinh", &["GIÁM ĐỐC", "Trần Văn Hòa"]),
    ];
    for (stem, want) in cases {
        let lines = pdf_lines(stem);
        let text = docx_text(&docx(stem));
        for w in want {
            assert!(has_line(&lines, w), "{stem}: PDF lacks `{w}`");
            assert!(text.contains(w), "{stem}: DOCX lacks `{w}`");
        }
    }
    // two signers side by side, Nơi nhận below them (biên bản)
    let words = pdf_words(&pdf("bien-ban-hop-bcd-huu-lung"));
    let thu_ky = words.iter().find(|w| w.text == "THƯ").expect("THƯ KÝ");
    let chu_tri = words.iter().find(|w| w.text == "TRÌ").expect("CHỦ TRÌ");
    assert!((thu_ky.y0 - chu_tri.y0).abs() < 1.0 && thu_ky.x0 < chu_tri.x0);
    let noi = words.iter().find(|w| w.text == "Nơi").expect("Nơi nhận");
    assert!(noi.y0 > thu_ky.y0 + 40.0, "Nơi nhận under the signers");
    // a biên bản has no place and date line
    assert!(!has_line(
        &pdf_lines("bien-ban-hop-bcd-huu-lung"),
        "Hữu Lũng, ngày"
    ));
}

#[test]
fn appendix_landscape_repeated_header_own_numbers() {
    let stem = "chi-thi-ubnd-kon-tum";
    let info = run(
        "pdfinfo",
        &["-f", "1", "-l", "99", &pdf(stem).display().to_string()],
    );
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .collect();
    let last = sizes.last().expect("pages");
    assert!(
        last.contains("841.89 x 595.276"),
        "the appendix page is landscape: {last}"
    );
    assert!(
        sizes[0].contains("595.276 x 841.89"),
        "the document is portrait"
    );
    let lines = pdf_lines(stem);
    assert!(has_line(
        &lines,
        "DANH SÁCH XÃ MỤC TIÊU VÀ TRÁCH NHIỆM THỰC HIỆN NĂM 2024"
    ));
    assert!(has_line(&lines, "(Kèm theo Chỉ thị số"), "kèm theo line");
    assert!(has_line(&lines, "/CT-UBND ngày"));
    assert!(has_line(
        &lines,
        "của Chủ tịch Ủy ban nhân dân tỉnh Kon Tum)"
    ));
    // DOCX: a landscape section, its page numbers restarting, the header row repeated
    let parts = docx_parts(&docx(stem));
    let doc = &parts["word/document.xml"];
    let sects: Vec<&str> = doc
        .match_indices("<w:sectPr")
        .map(|(i, _)| &doc[i..])
        .collect();
    assert!(sects.len() >= 2, "the appendix is a section of its own");
    let appendix = sects[1];
    assert!(appendix.contains(r#"w:orient="landscape""#), "landscape");
    assert!(appendix.contains("<w:pgNumType") && appendix.contains(r#"w:start="1""#));
    assert!(
        appendix.contains("<w:titlePg"),
        "no number on the appendix's first page"
    );
    assert!(doc.contains("<w:tblHeader"), "repeated header row");
    assert!(doc.contains("<w:cantSplit"), "rows do not split");
    assert!(doc.contains("<w:gridSpan"), "merged group rows");
}

#[test]
fn every_kind_of_the_catalogue_has_its_code() {
    for (stem, code) in [
        ("chi-thi-ubnd-kon-tum", "/CT-UBND"),
        ("ke-hoach-ubnd-huu-lung", "Số: 61/KH-UBND"),
        ("thong-bao-ubnd-ha-tinh", "Số: 84/TB-UBND"),
        ("bao-cao-ubnd-xa-an-binh", "Số: 07/BC-UBND"),
        ("to-trinh-so-nnptnt-ha-tinh", "Số: 45/TTr-SNN"),
        ("giay-moi-ubnd-huu-lung", "Số: 15/GM-UBND"),
        ("bien-ban-hop-bcd-huu-lung", "Số: 03/BB-UBND"),
        ("nghi-quyet-hdnd-xa-an-binh", "Số: 12/NQ-HĐND"),
    ] {
        assert!(has_line(&pdf_lines(stem), code), "{stem}: `{code}`");
    }
}
