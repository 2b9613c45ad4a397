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

// ---- The whole catalogue (issue 12, point 6) ------------------------------------------------

/// One kind of `templates/kinds.toml`, as the tests need it.
struct CatKind {
    id: String,
    party: bool,
    name: String,
    code: String,
    subject: bool,
    recipients: bool,
    requires: Vec<String>,
}

fn catalogue() -> Vec<CatKind> {
    let text = std::fs::read_to_string(root().join("templates/kinds.toml")).expect("kinds.toml");
    let table: toml::Table = toml::from_str(&text).expect("kinds.toml parses");
    table
        .iter()
        .map(|(id, v)| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            CatKind {
                id: id.clone(),
                party: s("system") == "party",
                name: s("name"),
                code: s("code"),
                subject: v.get("subject").and_then(|x| x.as_bool()).unwrap_or(true),
                recipients: s("recipients") == "expected",
                requires: v
                    .get("requires")
                    .and_then(|x| x.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str())
                            .map(String::from)
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// A minimal document of a kind: every part the kind needs and nothing else.
fn minimal(k: &CatKind) -> String {
    let mut y = format!("kind: {}\n", k.id);
    if k.party {
        y += "issuer:\n  name: [TỈNH ỦY HÀ TĨNH]\nsymbol: TU\n";
    } else {
        y += "issuer:\n  name: [ỦY BAN NHÂN DÂN, TỈNH HÀ TĨNH]\n";
        y += if k.name.is_empty() {
            "symbol: UBND-VP\n"
        } else {
            "symbol: UBND\n"
        };
    }
    y += "number: 7\nplace: Hà Tĩnh\ndate: 05/02/2025\n";
    if k.subject {
        y += &format!("subject: về việc thử loại {}\n", k.id);
    }
    if k.recipients {
        y += "recipients: [Sở Tài chính, Sở Nội vụ]\n";
    }
    if k.requires.iter().any(|r| r == "authority_line") {
        y += "authority_line: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\n";
    }
    if k.requires.iter().any(|r| r == "articles") {
        y += "articles:\n  - title: Điều thử\n    text: Nội dung điều thử.\n";
    } else {
        y += "body:\n  - Nội dung thử của văn bản.\n";
    }
    y += if k.party {
        "signature: {authority: T/M, for: BAN THƯỜNG VỤ, title: PHÓ BÍ THƯ, name: Nguyễn Văn An}\n"
    } else {
        "signature: {authority: TM, for: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Nguyễn Văn An}\n"
    };
    y += if k.party && k.recipients {
        "distribution: [Như trên, Các đồng chí Tỉnh ủy viên]\narchive: Văn phòng Tỉnh ủy\n"
    } else if k.party {
        "distribution: [Các đồng chí Tỉnh ủy viên]\narchive: Văn phòng Tỉnh ủy\n"
    } else {
        "distribution: [Như trên, Thường trực Tỉnh ủy]\narchive: VT, TH\n"
    };
    y
}

/// The number line each kind prints: "Số: 07/QĐ-UBND", "Số: 07/UBND-VP" (công văn),
/// "Số: 07/UBND" (thư công, no code), "Số 07-KL/TU" (Party).
fn number_line(k: &CatKind) -> String {
    match (k.party, k.code.is_empty(), k.name.is_empty()) {
        (true, _, _) => format!("Số 07-{}/TU", k.code),
        (false, false, _) => format!("Số: 07/{}-UBND", k.code),
        (false, true, true) => "Số: 07/UBND-VP".to_string(),
        (false, true, false) => "Số: 07/UBND".to_string(),
    }
}

/// Render files written into a fresh folder; the output folder, stdout and stderr.
fn render_files(files: &[(String, String)], extra: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args = vec!["render".to_string()];
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        args.push(p.display().to_string());
    }
    args.push("-o".into());
    args.push(dir.path().join("out").display().to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = std::process::Command::new(bin())
        .args(&args)
        .output()
        .expect("runs");
    (dir, out)
}

use std::process::Output;

fn lines_of(pdf: &std::path::Path) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    run("pdftotext", &["-layout", &pdf.display().to_string(), "-"])
        .nfc()
        .collect::<String>()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn every_kind_of_nd30_and_the_party_renders_its_title_block() {
    let kinds = catalogue();
    // NĐ 30/2020, Điều 7 and Phụ lục III: 29 kinds, with these codes
    let state: Vec<(&str, &str)> = kinds
        .iter()
        .filter(|k| !k.party)
        .map(|k| (k.name.as_str(), k.code.as_str()))
        .collect();
    assert_eq!(state.len(), 29, "{state:?}");
    for want in [
        ("NGHỊ QUYẾT", "NQ"),
        ("QUYẾT ĐỊNH", "QĐ"),
        ("CHỈ THỊ", "CT"),
        ("QUY CHẾ", "QC"),
        ("QUY ĐỊNH", "QyĐ"),
        ("THÔNG CÁO", "TC"),
        ("THÔNG BÁO", "TB"),
        ("HƯỚNG DẪN", "HD"),
        ("CHƯƠNG TRÌNH", "CTr"),
        ("KẾ HOẠCH", "KH"),
        ("PHƯƠNG ÁN", "PA"),
        ("ĐỀ ÁN", "ĐA"),
        ("DỰ ÁN", "DA"),
        ("BÁO CÁO", "BC"),
        ("BIÊN BẢN", "BB"),
        ("TỜ TRÌNH", "TTr"),
        ("HỢP ĐỒNG", "HĐ"),
        ("CÔNG ĐIỆN", "CĐ"),
        ("BẢN GHI NHỚ", "BGN"),
        ("BẢN THỎA THUẬN", "BTT"),
        ("GIẤY ỦY QUYỀN", "GUQ"),
        ("GIẤY MỜI", "GM"),
        ("GIẤY GIỚI THIỆU", "GGT"),
        ("GIẤY NGHỈ PHÉP", "GNP"),
        ("PHIẾU GỬI", "PG"),
        ("PHIẾU CHUYỂN", "PC"),
        ("PHIẾU BÁO", "PB"),
        ("", ""),
        ("THƯ", ""),
    ] {
        assert!(state.contains(&want), "missing {want:?}");
    }
    assert!(
        kinds
            .iter()
            .any(|k| k.party && k.name == "THÔNG BÁO KẾT LUẬN" && k.code == "TB")
    );

    let files: Vec<(String, String)> = kinds
        .iter()
        .map(|k| (format!("{}.yaml", k.id), minimal(k)))
        .collect();
    let (dir, out) = render_files(&files, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("cảnh báo") && !stderr.contains("lỗi:"),
        "no warning on a minimal document of any kind:\n{stderr}"
    );
    let out_dir = dir.path().join("out");
    for k in &kinds {
        let lines = lines_of(&out_dir.join(format!("{}.pdf", k.id)));
        let text = docx_text(&out_dir.join(format!("{}.docx", k.id)));
        let number = number_line(k);
        assert!(has_line(&lines, &number), "{}: PDF lacks `{number}`", k.id);
        assert!(text.contains(&number), "{}: DOCX lacks `{number}`", k.id);
        if !k.name.is_empty() {
            // the tên loại on a line of its own, whole
            assert!(
                lines.contains(&k.name),
                "{}: PDF has no line `{}`:\n{lines:#?}",
                k.id,
                k.name
            );
            assert!(
                text.lines().any(|l| l.trim() == k.name),
                "{}: DOCX has no paragraph `{}`",
                k.id,
                k.name
            );
        }
        let subject = format!("về việc thử loại {}", k.id);
        assert_eq!(
            has_line(&lines, &subject),
            k.subject,
            "{}: trích yếu printed if and only if the kind has one",
            k.id
        );
        assert_eq!(text.contains(&subject), k.subject, "{}", k.id);
    }
    // công điện (Mẫu 1.6): "<authority> điện:" then the addressees as a dash list
    let cd = lines_of(&out_dir.join("cong-dien.pdf"));
    let at = cd
        .iter()
        .position(|l| l == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH điện:")
        .expect("the sender's line");
    assert_eq!(cd[at + 1], "- Sở Tài chính;");
    assert_eq!(cd[at + 2], "- Sở Nội vụ.");
    assert!(!has_line(&cd, "Kính gửi"));
}

#[test]
fn party_thong_bao_ket_luan_one_line_with_the_short_rule() {
    let k = catalogue()
        .into_iter()
        .find(|k| k.id == "dang-thong-bao-ket-luan")
        .expect("kind");
    let doc = minimal(&k).replace(
        "subject:",
        "title_line: của Ban Thường vụ Tỉnh ủy\nsubject:",
    );
    let (dir, out) = render_files(&[("tbkl.yaml".into(), doc)], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("out/tbkl.pdf");
    let lines = lines_of(&pdf);
    let at = lines
        .iter()
        .position(|l| l == "THÔNG BÁO KẾT LUẬN")
        .expect("the title on one line");
    assert_eq!(lines[at + 1], "CỦA BAN THƯỜNG VỤ TỈNH ỦY");
    assert_eq!(lines[at + 2], "về việc thử loại dang-thong-bao-ket-luan");
    // the short rule under the trích yếu (UNCONFIRMED in HD 36; real Party documents print it)
    let words = pdf_words(&pdf);
    let segments = layout::pdf_segments(&pdf, 1);
    let problems = layout::rule_under(
        &words,
        &segments,
        "về việc thử loại dang-thong-bao-ket-luan",
        0.2,
        0.3,
    );
    assert!(problems.is_empty(), "{problems:?}");
    // DOCX: the paragraph after the trích yếu is the rule (a bottom border), the one after
    // the tên loại is the middle line
    let doc = &docx_parts(&dir.path().join("out/tbkl.docx"))["word/document.xml"];
    let next_para = |t: &str| {
        let i = doc.find(t).expect(t);
        let start = i + doc[i..].find("</w:p>").expect("end of paragraph");
        let end = start + 6 + doc[start + 6..].find("</w:p>").expect("next paragraph");
        doc[start..end].to_string()
    };
    assert!(next_para("về việc thử loại").contains(r#"<w:bottom w:val="single""#));
    let after_name = next_para("THÔNG BÁO KẾT LUẬN");
    assert!(after_name.contains("CỦA BAN THƯỜNG VỤ") && !after_name.contains("<w:bottom"));
    // and the state công văn-like Party công văn still has none (no title block)
    let cv = catalogue()
        .into_iter()
        .find(|k| k.id == "dang-cong-van")
        .expect("kind");
    let (dir, out) = render_files(&[("cv.yaml".into(), minimal(&cv))], &[]);
    assert!(out.status.success());
    let pdf = dir.path().join("out/cv.pdf");
    let problems = layout::rule_under(
        &pdf_words(&pdf),
        &layout::pdf_segments(&pdf, 1),
        "về việc thử loại dang-cong-van",
        0.0,
        1.0,
    );
    assert_eq!(
        problems,
        vec!["no rule under 'về việc thử loại dang-cong-van'"]
    );
}

#[test]
fn templates_kinds_toml_adds_and_overrides_entry_by_entry() {
    let tpl = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        tpl.path().join("kinds.toml"),
        "# one key of a built-in kind, and a new kind\n\
         [thong-bao]\nname = \"THÔNG BÁO NHANH\"\n\n\
         [giay-xac-nhan]\nsystem = \"state\"\nname = \"GIẤY XÁC NHẬN\"\ncode = \"GXN\"\n\
         template = \"van-ban.vb\"\nrecipients = \"none\"\nsubject = false\n",
    )
    .expect("write");
    let by_id = |id: &str| {
        catalogue()
            .into_iter()
            .find(|k| k.id == id)
            .expect("built-in kind")
    };
    let tb = minimal(&by_id("thong-bao"));
    let qd = minimal(&by_id("quyet-dinh"));
    let gxn = minimal(&by_id("giay-moi"))
        .replace("kind: giay-moi", "kind: giay-xac-nhan")
        .replace("subject: về việc thử loại giay-moi\n", "");
    let t = tpl.path().display().to_string();
    let (dir, out) = render_files(
        &[
            ("tb.yaml".into(), tb),
            ("qd.yaml".into(), qd),
            ("gxn.yaml".into(), gxn),
        ],
        &["--templates", &t],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let o = dir.path().join("out");
    // the overridden key changes, the others stay (code TB)
    let tb = lines_of(&o.join("tb.pdf"));
    assert!(tb.iter().any(|l| l == "THÔNG BÁO NHANH") && has_line(&tb, "Số: 07/TB-UBND"));
    // a kind the file does not name is still there, whole
    let qd = lines_of(&o.join("qd.pdf"));
    assert!(has_line(&qd, "Số: 07/QĐ-UBND") && has_line(&qd, "QUYẾT ĐỊNH:"));
    // the new kind
    let gxn = lines_of(&o.join("gxn.pdf"));
    assert!(gxn.iter().any(|l| l == "GIẤY XÁC NHẬN") && has_line(&gxn, "Số: 07/GXN-UBND"));
    assert!(docx_text(&o.join("gxn.docx")).contains("Số: 07/GXN-UBND"));

    // bad entries are refused with the entry named; nothing is rendered
    for (bad, want) in [
        ("[thong-bao]\nrecipients = \"sometimes\"\n", "[thong-bao]"),
        ("[moi]\nname = \"MỚI\"\n", "[moi]"),
        ("thong-bao = 3\n", "`thong-bao`"),
        ("[\"Bad Id\"]\nname = \"X\"\n", "`Bad Id`"),
    ] {
        std::fs::write(tpl.path().join("kinds.toml"), bad).expect("write");
        let (_d, out) = render_files(
            &[("tb.yaml".into(), minimal(&by_id("thong-bao")))],
            &["--templates", &t],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{bad}");
        assert!(
            err.contains("kinds.toml") && err.contains(want),
            "{bad}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn templates_kinds_toml_through_a_symlink_is_refused() {
    let tpl = tempfile::tempdir().expect("temp dir");
    let outside = tempfile::tempdir().expect("temp dir");
    let target = outside.path().join("kinds.toml");
    std::fs::write(&target, "[thong-bao]\nname = \"X\"\n").expect("write");
    std::os::unix::fs::symlink(&target, tpl.path().join("kinds.toml")).expect("symlink");
    let k = catalogue()
        .into_iter()
        .find(|k| k.id == "thong-bao")
        .expect("kind");
    let t = tpl.path().display().to_string();
    let (_d, out) = render_files(&[("tb.yaml".into(), minimal(&k))], &["--templates", &t]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("kinds.toml"));
}

#[test]
fn kind_name_renames_the_title_line() {
    let tb = catalogue()
        .into_iter()
        .find(|k| k.id == "thong-bao")
        .expect("kind");
    let doc = format!("kind_name: thông báo kết luận\n{}", minimal(&tb));
    let (dir, out) = render_files(&[("tb.yaml".into(), doc)], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = lines_of(&dir.path().join("out/tb.pdf"));
    assert!(
        lines.iter().any(|l| l == "THÔNG BÁO KẾT LUẬN"),
        "{lines:#?}"
    );
    assert!(has_line(&lines, "Số: 07/TB-UBND"));
    let text = docx_text(&dir.path().join("out/tb.docx"));
    assert!(text.lines().any(|l| l.trim() == "THÔNG BÁO KẾT LUẬN"));
    // a công văn has no tên loại to rename: an error that names the field
    let cv = catalogue()
        .into_iter()
        .find(|k| k.id == "cong-van")
        .expect("kind");
    let doc = format!("{}kind_name: CÔNG VĂN\n", minimal(&cv));
    let (_d, out) = render_files(&[("cv.yaml".into(), doc)], &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("kind_name") && err.contains("công văn"),
        "{err}"
    );
}

#[test]
fn normative_documents_carry_the_year_in_their_number() {
    let qd = catalogue()
        .into_iter()
        .find(|k| k.id == "quyet-dinh")
        .expect("kind");
    let base = minimal(&qd)
        .replace("symbol: UBND", "symbol: CTUBND")
        .replace("number: 7", "number: 144")
        .replace("date: 05/02/2025", "date: 10/12/2025");
    let with_year = base.replace("number: 144", "number: 144/2025");
    let (dir, out) = render_files(
        &[
            ("a.yaml".into(), format!("normative: true\n{base}")),
            ("b.yaml".into(), format!("normative: true\n{with_year}")),
        ],
        &[],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("cảnh báo"), "{err}");
    for stem in ["a", "b"] {
        let lines = lines_of(&dir.path().join(format!("out/{stem}.pdf")));
        assert!(
            has_line(&lines, "Số: 144/2025/QĐ-CTUBND"),
            "{stem}: {lines:#?}"
        );
        let text = docx_text(&dir.path().join(format!("out/{stem}.docx")));
        assert!(text.contains("Số: 144/2025/QĐ-CTUBND"), "{stem}");
    }
    // an administrative document keeps the number-form rule, and the hint names `normative`
    let (_d, out) = render_files(&[("c.yaml".into(), with_year.clone())], &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("[number-form]") && err.contains("normative: true"),
        "{err}"
    );
    // the year written must be the year of issue
    let wrong = format!(
        "normative: true\n{}",
        base.replace("number: 144", "number: 144/2024")
    );
    let (_d, out) = render_files(&[("d.yaml".into(), wrong)], &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("2024") && err.contains("2025"),
        "{err}"
    );
    // a công văn is never normative
    let cv = catalogue()
        .into_iter()
        .find(|k| k.id == "cong-van")
        .expect("kind");
    let (_d, out) = render_files(
        &[(
            "e.yaml".into(),
            format!("normative: true\n{}", minimal(&cv)),
        )],
        &[],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("normative"), "{err}");
}
