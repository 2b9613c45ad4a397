//! Issue 12 (real documents as clerks write them), points 3, 4, 7 and 8: stacked signatures
//! and balanced titles, numbered points as written, the small things of the closing and the
//! document properties, and `vanban check` on real text. Every test runs the binary on a
//! fixture of tests/fixtures/issue12 and reads the PDF (pdftotext) and the DOCX XML.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::words::{DOCUMENT_NAMES, unquoted_words};
use common::*;
use unicode_normalization::UnicodeNormalization;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/issue12").join(name)
}

/// Render `input` into `dir`; the run must succeed.
fn render_in(input: &Path, dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "render".to_string(),
        input.display().to_string(),
        "-o".into(),
        dir.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = vanban(&args);
    assert!(
        out.status.success(),
        "render {} failed:\n{}",
        input.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A rendered document: its folder, the PDF's lines and the DOCX's lines (a line per
/// paragraph or forced break), spaces folded, NFC.
struct Rendered {
    _dir: tempfile::TempDir,
    pdf: PathBuf,
    docx: PathBuf,
    pdf_lines: Vec<String>,
    docx_lines: Vec<String>,
}

fn fold(text: &str) -> Vec<String> {
    text.nfc()
        .collect::<String>()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

fn render_text(name: &str, text: &str) -> Rendered {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join(name);
    std::fs::write(&input, text).expect("write input");
    let out_dir = dir.path().join("out");
    render_in(&input, &out_dir, &[]);
    let stem = Path::new(name).file_stem().unwrap().to_string_lossy();
    let pdf = out_dir.join(format!("{stem}.pdf"));
    let docx = out_dir.join(format!("{stem}.docx"));
    Rendered {
        pdf_lines: fold(&run(
            "pdftotext",
            &["-layout", &pdf.display().to_string(), "-"],
        )),
        docx_lines: fold(&docx_text(&docx)),
        pdf,
        docx,
        _dir: dir,
    }
}

fn render(name: &str) -> Rendered {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture");
    render_text(name, &text)
}

fn has(lines: &[String], want: &str) -> bool {
    lines.iter().any(|l| l.contains(want))
}

/// The index of the first line containing `want`.
fn line_of(lines: &[String], want: &str) -> usize {
    lines
        .iter()
        .position(|l| l.contains(want))
        .unwrap_or_else(|| panic!("no line with {want:?} in {lines:#?}"))
}

// ---- point 3: stacked signatures, balanced titles ----

#[test]
fn tm_over_kt_prints_both_authority_lines_and_the_title() {
    let r = render("ky-tm-kt.yaml");
    for lines in [&r.pdf_lines, &r.docx_lines] {
        let tm = line_of(lines, "TM. ỦY BAN NHÂN DÂN");
        let kt = line_of(lines, "KT. CHỦ TỊCH");
        let title = line_of(lines, "PHÓ CHỦ TỊCH");
        assert!(tm < kt && kt < title, "order TM, KT, title: {lines:#?}");
        assert!(has(lines, "Nguyễn Hồng Lĩnh"));
    }
    let (ok, out) = check_text(
        "a.yaml",
        &std::fs::read_to_string(fixture("ky-tm-kt.yaml")).unwrap(),
        &[],
    );
    assert!(ok && out.contains("0 cảnh báo"), "{out}");
}

#[test]
fn a_wrapping_signer_title_is_balanced_in_pdf_and_docx() {
    let r = render("ky-tm-kt.yaml");
    let title = "PHÓ CHỦ TỊCH THƯỜNG TRỰC ỦY BAN NHÂN DÂN TỈNH";
    let want: Vec<&str> = title.split(' ').collect();
    // PDF: the title's words right of the page's middle, grouped into lines by height.
    let words = pdf_words(&r.pdf);
    let kt = words
        .iter()
        .find(|w| w.text == "KT.")
        .expect("the KT. line");
    let name = words.iter().find(|w| w.text == "Lĩnh").expect("the name");
    let mut rows: Vec<(f64, Vec<String>)> = Vec::new();
    for w in words.iter().filter(|w| {
        w.page == 1 && w.x0 > w.page_w / 2.0 - 40.0 && w.y0 > kt.y0 + 1.0 && w.y0 < name.y0 - 1.0
    }) {
        match rows.iter_mut().find(|(y, _)| (y - w.y0).abs() < 3.0) {
            Some((_, row)) => row.push(w.text.nfc().collect()),
            None => rows.push((w.y0, vec![w.text.nfc().collect()])),
        }
    }
    let pdf_rows: Vec<Vec<String>> = rows.into_iter().map(|(_, r)| r).collect();
    assert_eq!(pdf_rows.len(), 2, "the title takes two lines: {pdf_rows:?}");
    assert_eq!(pdf_rows.concat(), want, "{pdf_rows:?}");
    for row in &pdf_rows {
        assert!(row.len() >= 2, "a word alone on a line: {pdf_rows:?}");
    }
    // DOCX: the same two lines, a forced break between them.
    let at = line_of(&r.docx_lines, "PHÓ CHỦ TỊCH");
    let docx_rows: Vec<Vec<String>> = r.docx_lines[at..at + 2]
        .iter()
        .map(|l| l.split(' ').map(str::to_string).collect())
        .collect();
    assert_eq!(docx_rows, pdf_rows, "DOCX and PDF break at the same place");
}

#[test]
fn party_t_m_over_k_t_and_tm_with_q() {
    let r = render("dang-tm-kt.yaml");
    for lines in [&r.pdf_lines, &r.docx_lines] {
        let tm = line_of(lines, "T/M BAN THƯỜNG VỤ");
        let kt = line_of(lines, "K/T BÍ THƯ");
        let title = line_of(lines, "PHÓ BÍ THƯ");
        assert!(tm < kt && kt < title, "{lines:#?}");
        assert!(!has(lines, "TM. ") && !has(lines, "KT. "), "{lines:#?}");
    }
    // TM. over Q. (an acting chair signs for the committee).
    let text = std::fs::read_to_string(fixture("ky-tm-kt.yaml"))
        .unwrap()
        .replace("authority: [TM, KT]", "authority: [TM, Q]")
        .replace(
            "title: PHÓ CHỦ TỊCH THƯỜNG TRỰC ỦY BAN NHÂN DÂN TỈNH",
            "title: PHÓ CHỦ TỊCH",
        );
    let r = render_text("q.yaml", &text);
    for lines in [&r.pdf_lines, &r.docx_lines] {
        let tm = line_of(lines, "TM. ỦY BAN NHÂN DÂN");
        let q = line_of(lines, "Q. CHỦ TỊCH");
        assert!(tm < q, "{lines:#?}");
    }
    // The Party's T/M with the signer's title (no second mark) keeps both lines too.
    let text = std::fs::read_to_string(fixture("dang-tm-kt.yaml"))
        .unwrap()
        .replace("authority: [TM, KT]", "authority: T/M")
        .replace("for: [BAN THƯỜNG VỤ, BÍ THƯ]", "for: BAN THƯỜNG VỤ")
        .replace("title: PHÓ BÍ THƯ", "title: BÍ THƯ");
    let r = render_text("t.yaml", &text);
    for lines in [&r.pdf_lines, &r.docx_lines] {
        let tm = line_of(lines, "T/M BAN THƯỜNG VỤ");
        let title = lines
            .iter()
            .position(|l| l.ends_with("BÍ THƯ") && !l.contains("T/M"))
            .expect("the title line");
        assert!(tm < title, "{lines:#?}");
    }
}

#[test]
fn stacked_marks_must_pair_with_for() {
    let text = std::fs::read_to_string(fixture("ky-tm-kt.yaml"))
        .unwrap()
        .replace("for: [Ủy ban nhân dân, Chủ tịch]", "for: [Ủy ban nhân dân]");
    let (ok, out) = check_text("a.yaml", &text, &[]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("signature.for") && out.contains("2 dấu quyền hạn") && out.contains("1 mục"),
        "{out}"
    );
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("for:"))
        .unwrap()
        + 1;
    assert!(out.contains(&format!("dòng {line},")), "line {line}: {out}");
    assert_eq!(out.matches("lỗi: ").count(), 1, "one error: {out}");
}

// ---- point 4: numbered points as written ----

/// The `w:p` of the DOCX whose text starts with `start`.
fn docx_para(docx: &Path, start: &str) -> String {
    let xml = docx_parts(docx)
        .remove("word/document.xml")
        .expect("document.xml");
    xml.split("<w:p ")
        .map(|p| p.split("</w:p>").next().unwrap_or("").to_string())
        .find(|p| xml_text(p).trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no paragraph starting {start:?}"))
}

/// The runs of a paragraph: (text, bold, italic).
fn runs(p: &str) -> Vec<(String, bool, bool)> {
    p.split("<w:r>")
        .skip(1)
        .map(|r| {
            let props = r.split("</w:rPr>").next().unwrap_or("");
            (
                xml_text(r),
                props.contains("<w:b/>"),
                props.contains("<w:i/>"),
            )
        })
        .filter(|(t, _, _)| !t.trim().is_empty())
        .collect()
}

#[test]
fn numbered_points_print_their_labels_as_written() {
    let r = render("diem-danh-so.yaml");
    for lines in [&r.pdf_lines, &r.docx_lines] {
        for want in [
            "I. MỤC ĐÍCH",
            "1. Về công tác tuyên truyền: đẩy mạnh tuyên truyền.",
            "1.1. Thực hiện rà soát.",
            "4.1. Thực hiện rà soát lần hai.",
            "(2) Nội dung thứ hai",
            "(i) Nội dung (i)",
            "a) Nội dung a./.",
        ] {
            assert!(
                lines.iter().any(|l| l.starts_with(want)),
                "{want:?} in {lines:#?}"
            );
        }
        assert!(!has(lines, "(2."), "{lines:#?}");
    }
    // Plain numbered paragraphs: nothing bold.
    for start in ["1.1.", "4.1.", "(2)", "a)"] {
        let p = docx_para(&r.docx, start);
        assert!(
            runs(&p).iter().all(|(_, b, i)| !b && !i),
            "{start}: {:?}",
            runs(&p)
        );
    }
    // `**1.** *Về …:* …`: the number bold, the lead-in italic, the rest plain.
    let p = runs(&docx_para(&r.docx, "1. Về"));
    assert_eq!(
        p,
        vec![
            ("1.".to_string(), true, false),
            ("Về công tác tuyên truyền:".to_string(), false, true),
            (" đẩy mạnh tuyên truyền.".to_string(), false, false),
        ]
    );
    // A section by default stays bold.
    assert!(runs(&docx_para(&r.docx, "(i)")).iter().all(|(_, b, _)| *b));
    // The PDF agrees: the lead-in is set in the italic face, the number in the bold one.
    let fonts = run("pdffonts", &[&r.pdf.display().to_string()]);
    assert!(fonts.contains("Italic"), "{fonts}");
}

#[test]
fn a_numeric_label_is_accepted() {
    // `number: 1` (a YAML integer) used to be refused with an error naming `section`.
    let text = std::fs::read_to_string(fixture("diem-danh-so.yaml")).unwrap();
    assert!(text.contains("number: 1\n"));
    let (ok, out) = check_text("a.yaml", &text, &[]);
    assert!(ok && out.contains("0 lỗi"), "{out}");
}

// ---- point 7: small things ----

#[test]
fn drafter_on_the_archive_line_copies_in_two_digits_and_properties() {
    let r = render("luu-nguoi-soan.yaml");
    for lines in [&r.pdf_lines, &r.docx_lines] {
        assert!(has(lines, "- Lưu: VT, NN (03). Hg."), "{lines:#?}");
        assert!(!has(lines, "HG"), "the drafter keeps its case: {lines:#?}");
    }
    // On a line of its own (ô 12), as typed, copies in two digits.
    let text = std::fs::read_to_string(fixture("luu-nguoi-soan.yaml"))
        .unwrap()
        .replace("drafter_in_archive: true\n", "");
    let r2 = render_text("o.yaml", &text);
    for lines in [&r2.pdf_lines, &r2.docx_lines] {
        assert!(has(lines, "Hg.(03)"), "{lines:#?}");
        assert!(has(lines, "- Lưu: VT, NN."), "{lines:#?}");
    }
    // Document properties: the title line and the whole issuer.
    let info = run("pdfinfo", &[&r.pdf.display().to_string()]);
    let info: String = info.nfc().collect();
    assert!(
        info.contains("KẾ HOẠCH triển khai chuyển đổi số năm 2025"),
        "{info}"
    );
    assert!(
        info.contains("UBND TỈNH HÀ TĨNH SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"),
        "{info}"
    );
    let core = docx_parts(&r.docx)
        .remove("docProps/core.xml")
        .expect("core.xml");
    assert!(
        core.contains("<dc:title>KẾ HOẠCH triển khai chuyển đổi số năm 2025</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>UBND TỈNH HÀ TĨNH SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG</dc:creator>"),
        "{core}"
    );
}

#[test]
fn outputs_are_0644_under_umask_022() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let cmd = format!(
        "umask 022 && exec '{}' render '{}' -o '{}'",
        bin(),
        fixture("luu-nguoi-soan.yaml").display(),
        dir.path().display()
    );
    let out = std::process::Command::new("sh")
        .args(["-c", &cmd])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for ext in ["pdf", "docx"] {
        let p = dir.path().join(format!("luu-nguoi-soan.{ext}"));
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{}", p.display());
    }
}

#[test]
fn the_profile_chosen_by_date_is_told_on_render_and_check() {
    let f = fixture("dang-tm-kt.yaml");
    let dir = tempfile::tempdir().unwrap();
    let out = render_in(&f, dir.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("party-2018") && err.contains("[profile-by-date]"),
        "{err}"
    );
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("date: 20/03/2025", "date: 20/03/2026");
    let (ok, out) = check_text("a.yaml", &text, &[]);
    assert!(
        ok && out.contains("party-2026") && out.contains("1 ghi chú"),
        "{out}"
    );
    // Not said when the file chooses, nor for a state document.
    let (_, out) = check_text("b.yaml", &format!("{text}profile: party-2018\n"), &[]);
    assert!(!out.contains("profile-by-date"), "{out}");
    let (_, out) = check_text(
        "c.yaml",
        &std::fs::read_to_string(fixture("ky-tm-kt.yaml")).unwrap(),
        &[],
    );
    assert!(!out.contains("profile-by-date"), "{out}");
}

// ---- point 8: `vanban check` on real text ----

#[test]
fn check_flags_spaced_cited_symbols_and_a_subject_in_capitals() {
    let text = std::fs::read_to_string(fixture("diem-danh-so.yaml"))
        .unwrap()
        .replace("subject: triển khai nhiệm vụ", "subject: VỀ VIỆC TRIỂN KHAI NHIỆM VỤ")
        .replace(
            "  - section: \"Nội dung thứ hai\"",
            "  - \"Căn cứ Tờ trình số 68/TTr- SDTTG, Thông tư số 40/2014/ TT - BNNPTNT và Hướng dẫn số 34/ HD - SNN; Kế hoạch số 61/KH-UBND.\"\n  - section: \"Nội dung thứ hai\"",
        );
    let (ok, out) = check_text("a.yaml", &text, &[]);
    assert!(ok, "warnings only: {out}");
    let line = text
        .lines()
        .position(|l| l.contains("68/TTr- SDTTG"))
        .unwrap()
        + 1;
    for (written, tight) in [
        ("68/TTr- SDTTG", "68/TTr-SDTTG"),
        ("40/2014/ TT - BNNPTNT", "40/2014/TT-BNNPTNT"),
        ("34/ HD - SNN", "34/HD-SNN"),
    ] {
        assert!(
            out.contains(&format!("dòng {line}: ký hiệu \"{written}\"")) && out.contains(tight),
            "{written}: {out}"
        );
    }
    assert!(!out.contains("\"61/KH-UBND\""), "{out}");
    assert_eq!(out.matches("[cited-symbol-form]").count(), 3, "{out}");
    assert!(out.contains("[subject-capitals]"), "{out}");
    let subject = text
        .lines()
        .position(|l| l.starts_with("subject:"))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!("dòng {subject}, trường `subject`")),
        "{out}"
    );
}

#[test]
fn party_documents_accept_kt_and_tm() {
    let (ok, out) = check_text(
        "a.yaml",
        &std::fs::read_to_string(fixture("dang-tm-kt.yaml")).unwrap(),
        &["--deny-warnings"],
    );
    assert!(ok && out.contains("0 cảnh báo"), "{out}");
    assert!(!out.contains("signature-mark-system"), "{out}");
    // A Party mark in a state document is still reported, in English without Vietnamese
    // words beyond the decree's name.
    let text = std::fs::read_to_string(fixture("ky-tm-kt.yaml"))
        .unwrap()
        .replace("authority: [TM, KT]", "authority: [T/M, K/T]");
    let (_, out) = check_text("b.yaml", &text, &["--lang", "en"]);
    assert_eq!(out.matches("[signature-mark-system]").count(), 2, "{out}");
}

#[test]
fn english_rule_messages_carry_no_vietnamese() {
    let text = std::fs::read_to_string(root().join("src/diag/rules.toml")).unwrap();
    let rules: toml::Table = toml::from_str(&text).unwrap();
    let mut bad = Vec::new();
    for (id, rule) in &rules {
        for field in ["en", "hint_en"] {
            let Some(s) = rule.get(field).and_then(|v| v.as_str()) else {
                continue;
            };
            let viet: Vec<String> = unquoted_words(s)
                .into_iter()
                .filter(|w| !w.is_ascii() && !DOCUMENT_NAMES.contains(&w.as_str()))
                .collect();
            if !viet.is_empty() {
                bad.push(format!("{id}.{field}: {viet:?} in {s:?}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "Vietnamese outside quotes:\n{}",
        bad.join("\n")
    );
    // The test sees Vietnamese when it is there.
    assert_eq!(
        unquoted_words("the Nơi nhận \"Lưu\" {x}"),
        ["the", "Nơi", "nhận"]
    );
}
