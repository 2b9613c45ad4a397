//! Word documents in (issue 16): `vanban check FILE.docx` and `vanban import FILE.docx`.
//! Round trips through vanban's own DOCX, documents written here byte by byte with one
//! deliberate fault each, a DOCX saved by LibreOffice, and hostile zips.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::seed::{lcs_marks, words};
use common::{docx_parts, samples, vanban, xml_text};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn render_docx(yaml: &Path, out: &Path) -> PathBuf {
    let o = vanban(&[
        "render",
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
        yaml.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "render {}: {}",
        yaml.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    out.join(format!(
        "{}.docx",
        yaml.file_stem().unwrap().to_str().unwrap()
    ))
}

fn import(docx: &Path, yaml: &Path) {
    let o = vanban(&[
        "import",
        docx.to_str().unwrap(),
        "-o",
        yaml.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "import {}: {}",
        docx.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The rule ids `vanban check` reports for `file` (JSON), sorted, and the whole report.
fn rules_of(file: &Path) -> (Vec<String>, serde_json::Value) {
    let o = vanban(&["check", "--format", "json", file.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "check {} gave no JSON ({e}): {}",
            file.display(),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let mut ids: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| f["rule"].as_str().unwrap_or("?").to_string())
        .collect();
    ids.sort();
    (ids, v)
}

fn docx_words(docx: &Path) -> Vec<String> {
    let parts = docx_parts(docx);
    words(&xml_text(&parts["word/document.xml"]))
}

/// Share of `a`'s words found in `b` in order.
fn in_order(a: &[String], b: &[String]) -> f64 {
    let marks = lcs_marks(a, b);
    marks.iter().filter(|m| **m).count() as f64 / a.len().max(1) as f64
}

#[test]
fn every_sample_round_trips_through_word() {
    let dir = tmp();
    let mut report = Vec::new();
    for s in samples() {
        let a_dir = dir.path().join(format!("{}-a", s.stem));
        let b_dir = dir.path().join(format!("{}-b", s.stem));
        let a = render_docx(&s.path, &a_dir);
        let yaml = dir.path().join(format!("{}.yaml", s.stem));
        import(&a, &yaml);
        let b = render_docx(&yaml, &b_dir);
        let (wa, wb) = (docx_words(&a), docx_words(&b));
        let share = in_order(&wa, &wb).min(in_order(&wb, &wa));
        // The same findings: the sample, its DOCX and the imported data.
        let (from_yaml, _) = rules_of(&s.path);
        let (from_docx, json) = rules_of(&a);
        let (from_import, _) = rules_of(&yaml);
        if share < 0.99 || from_yaml != from_docx || from_yaml != from_import {
            report.push(format!(
                "{}: text {share:.3}; findings yaml {from_yaml:?}, docx {from_docx:?}, imported {from_import:?}\n{json:#}\n{}",
                s.stem,
                std::fs::read_to_string(&yaml).unwrap_or_default()
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n\n"));
}

// ---- DOCX written here, byte by byte: a compliant kế hoạch, then one fault per file.

fn run(text: &str, size: u32, bold: bool, italic: bool) -> String {
    format!(
        "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/>{}{}<w:sz w:val=\"{size}\"/></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>",
        if bold { "<w:b/>" } else { "" },
        if italic { "<w:i/>" } else { "" },
    )
}

fn para(jc: &str, text: &str, size: u32, bold: bool, italic: bool) -> String {
    format!(
        "<w:p><w:pPr><w:spacing w:before=\"120\" w:after=\"0\" w:line=\"276\" w:lineRule=\"auto\"/><w:jc w:val=\"{jc}\"/></w:pPr>{}</w:p>",
        run(text, size, bold, italic)
    )
}

fn rule() -> String {
    "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:pBdr><w:ind w:left=\"1500\" w:right=\"1500\"/></w:pPr></w:p>".to_string()
}

fn cell(content: &str) -> String {
    format!("<w:tc><w:tcPr><w:tcW w:w=\"4500\" w:type=\"dxa\"/></w:tcPr>{content}</w:tc>")
}

/// The compliant document's body XML.
fn good_body() -> String {
    let left = [
        para("center", "ỦY BAN NHÂN DÂN", 26, false, false),
        para("center", "HUYỆN HỮU LŨNG", 26, true, false),
        rule(),
        para("center", "Số: 05/KH-UBND", 26, false, false),
    ]
    .concat();
    let right = [
        para(
            "center",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            26,
            true,
            false,
        ),
        para("center", "Độc lập - Tự do - Hạnh phúc", 28, true, false),
        rule(),
        para(
            "center",
            "Hữu Lũng, ngày 05 tháng 01 năm 2025",
            28,
            false,
            true,
        ),
    ]
    .concat();
    let header = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&left),
        cell(&right)
    );
    let body = [
        para("center", "KẾ HOẠCH", 28, true, false),
        para("center", "Triển khai xây dựng nông thôn mới năm 2025", 28, true, false),
        rule(),
        para("both", "Căn cứ Kế hoạch số 12/KH-UBND ngày 08 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh, Ủy ban nhân dân huyện ban hành kế hoạch như sau:", 28, false, false),
        para("both", "Các xã tổ chức thực hiện đúng tiến độ, báo cáo kết quả trước ngày 20 hằng tháng./.", 28, false, false),
    ]
    .concat();
    let dist = [
        para("left", "Nơi nhận:", 24, true, true),
        para("left", "- UBND các xã;", 22, false, false),
        para("left", "- Lưu: VT, VP.", 22, false, false),
    ]
    .concat();
    let sig = [
        para("center", "TM. ỦY BAN NHÂN DÂN", 28, true, false),
        para("center", "CHỦ TỊCH", 28, true, false),
        para("center", "Nguyễn Văn An", 28, true, false),
    ]
    .concat();
    let closing = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell(&dist), cell(&sig));
    format!("{header}{body}{closing}")
}

const SECT: &str = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH1\"/><w:headerReference w:type=\"first\" r:id=\"rIdH2\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:titlePg/></w:sectPr>";

const HEADER_PAGE: &str = "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>";
const HEADER_EMPTY: &str = "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p/></w:hdr>";

/// A DOCX with `body` and `sect`, written with the zip crate: every byte chosen here.
fn write_docx(path: &Path, body: &str, sect: &str) {
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{body}{sect}</w:body></w:document>"
    );
    let parts: [(&str, &str); 6] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
        ),
        (
            "word/_rels/document.xml.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdH1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/><Relationship Id=\"rIdH2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header2.xml\"/></Relationships>",
        ),
        ("word/document.xml", &doc),
        ("word/header1.xml", HEADER_PAGE),
        ("word/header2.xml", HEADER_EMPTY),
    ];
    let f = std::fs::File::create(path).expect("create docx");
    let mut z = zip::ZipWriter::new(f);
    for (name, text) in parts {
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        z.write_all(text.as_bytes()).expect("zip write");
    }
    z.finish().expect("zip finish");
}

#[test]
fn a_word_document_made_elsewhere_passes_and_each_fault_is_found_by_its_rule() {
    let dir = tmp();
    let good = dir.path().join("tot.docx");
    write_docx(&good, &good_body(), SECT);
    let (ids, json) = rules_of(&good);
    assert!(ids.is_empty(), "the compliant document: {json:#}");
    let body = good_body();
    let faults: Vec<(&str, String, String)> = vec![
        (
            "page-margin",
            body.clone(),
            SECT.replace("w:left=\"1701\"", "w:left=\"1134\""),
        ),
        (
            "page-size",
            body.clone(),
            SECT.replace("w:h=\"16838\"", "w:h=\"23811\"")
                .replace("w:w=\"11906\"", "w:w=\"16838\""),
        ),
        (
            "page-number",
            body.clone(),
            SECT.replace("<w:titlePg/>", ""),
        ),
        (
            "font-size",
            body.replacen(
                "<w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Các xã",
                "<w:sz w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\">Các xã",
                1,
            ),
            SECT.into(),
        ),
        (
            "font-style",
            body.replacen(
                "<w:b/><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">KẾ HOẠCH",
                "<w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">KẾ HOẠCH",
                1,
            ),
            SECT.into(),
        ),
        (
            "font-face",
            body.replace("Times New Roman", "Arial"),
            SECT.into(),
        ),
        (
            "rule-line",
            {
                let i = body.find("Độc lập").unwrap();
                let j = i + body[i..].find(&rule()).unwrap();
                format!("{}{}", &body[..j], &body[j + rule().len()..])
            },
            SECT.into(),
        ),
        (
            "date-form",
            body.replace("ngày 05 tháng 01 năm 2025", "ngày 5 tháng 1 năm 2025"),
            SECT.into(),
        ),
        (
            "symbol-form",
            body.replace("Số: 05/KH-UBND", "Số: 05/KH-UBND VP"),
            SECT.into(),
        ),
        (
            "number-form",
            body.replace("Số: 05/KH-UBND", "Số: 5/KH-UBND"),
            SECT.into(),
        ),
        (
            "symbol-kind-code",
            body.replace("Số: 05/KH-UBND", "Số: 05/QĐ-UBND"),
            SECT.into(),
        ),
        (
            "list-punctuation",
            body.replace("- UBND các xã;", "- UBND các xã"),
            SECT.into(),
        ),
        (
            "paragraph-spacing",
            body.replace("w:before=\"120\"", "w:before=\"0\""),
            SECT.into(),
        ),
        (
            "line-spacing",
            body.replace("w:line=\"276\"", "w:line=\"480\""),
            SECT.into(),
        ),
        (
            "archive-vt",
            body.replace("- Lưu: VT, VP.", "- Lưu: VP."),
            SECT.into(),
        ),
        (
            "body-end-mark",
            body.replace("hằng tháng./.", "hằng tháng."),
            SECT.into(),
        ),
        (
            "cited-date-impossible",
            body.replace("ngày 08 tháng 01 năm 2024", "ngày 31 tháng 02 năm 2024"),
            SECT.into(),
        ),
        (
            "text-legacy-encoding",
            body.replace("Các xã tổ chức", "C¸c x· tæ chøc"),
            SECT.into(),
        ),
    ];
    let mut wrong = Vec::new();
    for (rule_id, body, sect) in faults {
        let f = dir.path().join(format!("{rule_id}.docx"));
        write_docx(&f, &body, &sect);
        let (ids, json) = rules_of(&f);
        if ids != [rule_id.to_string()] {
            wrong.push(format!("{rule_id}: found {ids:?}\n{json:#}"));
            continue;
        }
        // The finding says where: the paragraph, unless it is about the whole document.
        let one = &json.as_array().unwrap()[0];
        let whole_document = ["page-size", "page-margin", "page-number"];
        assert!(
            whole_document.contains(&rule_id) || one["paragraph"].is_u64(),
            "{one}"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn import_of_a_word_document_made_elsewhere_renders_and_checks() {
    let dir = tmp();
    let good = dir.path().join("tot.docx");
    write_docx(&good, &good_body(), SECT);
    let yaml = dir.path().join("tot.yaml");
    import(&good, &yaml);
    let text = std::fs::read_to_string(&yaml).unwrap();
    for want in [
        "ke-hoach",
        "HUYỆN HỮU LŨNG",
        "\"05\"",
        "05/01/2025",
        "Nguyễn Văn An",
        "VT, VP",
    ] {
        assert!(text.contains(want), "{want} in\n{text}");
    }
    let (ids, json) = rules_of(&yaml);
    assert!(ids.is_empty(), "{json:#}");
    let out = dir.path().join("out");
    let b = render_docx(&yaml, &out);
    let w = docx_words(&b);
    let src = docx_words(&good);
    assert!(in_order(&src, &w) >= 0.95, "{src:?}\n{w:?}");
}

#[test]
fn hostile_packages_get_clear_messages_and_no_panic() {
    let dir = tmp();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("khong-phai-zip.docx", b"this is not a zip".to_vec()),
        ("rong.docx", Vec::new()),
        ("bom.docx", {
            let mut buf = std::io::Cursor::new(Vec::new());
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            let zeros = vec![b' '; 1024 * 1024];
            for _ in 0..40 {
                z.write_all(&zeros).unwrap();
            }
            z.finish().unwrap();
            buf.into_inner()
        }),
        ("xml-hong.docx", {
            let mut buf = std::io::Cursor::new(Vec::new());
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            z.write_all(b"<w:document><w:body><w:p></w:body>").unwrap();
            z.finish().unwrap();
            buf.into_inner()
        }),
    ];
    for (name, bytes) in cases {
        let f = dir.path().join(name);
        std::fs::write(&f, bytes).unwrap();
        let o = vanban(&["check", f.to_str().unwrap()]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(1), "{name}: {out}");
        assert!(out.contains(name) && out.contains("lỗi"), "{name}: {out}");
        let o = vanban(&["import", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(String::from_utf8_lossy(&o.stderr).contains(name), "{name}");
    }
}

#[test]
fn a_docx_saved_by_libreoffice_imports_to_the_same_data() {
    let soffice = std::process::Command::new("soffice")
        .arg("--version")
        .output();
    if soffice.is_err() {
        assert!(std::env::var("CI").is_err(), "soffice is required on CI");
        println!("skipped: soffice (LibreOffice) is not installed");
        return;
    }
    let dir = tmp();
    let sample = common::root().join("samples/cong-van-ubnd-huu-lung.yaml");
    let a = render_docx(&sample, &dir.path().join("a"));
    let lo = dir.path().join("lo");
    std::fs::create_dir_all(&lo).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let o = std::process::Command::new("soffice")
        .args([
            &profile,
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            lo.to_str().unwrap(),
            a.to_str().unwrap(),
        ])
        .output()
        .expect("soffice runs");
    let b = lo.join("cong-van-ubnd-huu-lung.docx");
    assert!(b.exists(), "{}", String::from_utf8_lossy(&o.stderr));
    let (ya, yb) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
    import(&a, &ya);
    import(&b, &yb);
    let strip = |p: &Path| {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .skip(1)
            .map(str::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&ya), strip(&yb));
}

#[test]
fn tracked_changes_text_boxes_nested_tables_images_and_pages_are_read() {
    let dir = tmp();
    let body = good_body();
    // A text box and an image in a paragraph of the body, a table inside a table, and a
    // hard page break before the last paragraph (which lacks its "./.").
    let extra = format!(
        "<w:p><w:r><w:drawing><wp:anchor xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData><wps:wsp xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r><w:r><w:drawing><a:blip xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"/></w:drawing></w:r></w:p><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>",
        para("both", "CHỮ TRONG HỘP", 28, false, false),
        para("both", "CHỮ TRONG BẢNG LỒNG", 28, false, false),
    );
    let with_extra = body.replacen(
        &para(
            "both",
            "Các xã tổ chức thực hiện đúng tiến độ, báo cáo kết quả trước ngày 20 hằng tháng./.",
            28,
            false,
            false,
        ),
        &format!(
            "{extra}{}",
            para(
                "both",
                "Các xã tổ chức thực hiện đúng tiến độ, báo cáo kết quả trước ngày 20 hằng tháng.",
                28,
                false,
                false
            )
        ),
        1,
    );
    // Tracked changes: an insertion is taken, a deletion dropped.
    let changed = with_extra.replacen(
        "<w:t xml:space=\"preserve\">Các xã tổ chức",
        "<w:t xml:space=\"preserve\">Các xã </w:t></w:r><w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>CHỮ XÓA</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\">CHỮ CHÈN </w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\">tổ chức",
        1,
    );
    let f = dir.path().join("doc.docx");
    write_docx(&f, &changed, SECT);
    let yaml = dir.path().join("doc.yaml");
    let o = vanban(&["import", f.to_str().unwrap(), "-o", yaml.to_str().unwrap()]);
    assert!(o.status.success());
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert!(
        text.contains("CHỮ CHÈN") && !text.contains("CHỮ XÓA"),
        "{text}"
    );
    assert!(
        text.contains("CHỮ TRONG HỘP") && text.contains("CHỮ TRONG BẢNG LỒNG"),
        "{text}"
    );
    let (ids, json) = rules_of(&f);
    assert!(ids.contains(&"body-end-mark".to_string()), "{json:#}");
    let all = json.as_array().unwrap();
    let end = all.iter().find(|x| x["rule"] == "body-end-mark").unwrap();
    assert_eq!(end["page"], 2, "{end}");
    assert!(
        end["context"].as_str().unwrap().starts_with("Các xã"),
        "{end}"
    );
    // The image is reported as not evaluable, apart from the findings.
    assert!(
        all.iter().any(|x| x["severity"] == "info"
            && x["message"].as_str().unwrap().contains("hình ảnh")),
        "{json:#}"
    );
    // The text report says where, and says what could not be evaluated.
    let o = vanban(&["check", f.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("trang 2, đoạn") && out.contains("không đánh giá được"),
        "{out}"
    );
}

#[test]
fn a_document_without_a_header_table_is_still_read() {
    let dir = tmp();
    // The header typed as plain paragraphs, one under the other.
    let body = good_body();
    let start = body.find("<w:tbl>").unwrap();
    let end = body.find("</w:tbl>").unwrap() + "</w:tbl>".len();
    let loose = [
        para("center", "ỦY BAN NHÂN DÂN", 26, false, false),
        para("center", "HUYỆN HỮU LŨNG", 26, true, false),
        para("center", "Số: 05/KH-UBND", 26, false, false),
        para(
            "center",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            26,
            true,
            false,
        ),
        para("center", "Độc lập - Tự do - Hạnh phúc", 28, true, false),
        para(
            "center",
            "Hữu Lũng, ngày 05 tháng 01 năm 2025",
            28,
            false,
            true,
        ),
    ]
    .concat();
    let body = format!("{}{loose}{}", &body[..start], &body[end..]);
    let f = dir.path().join("khong-bang.docx");
    write_docx(&f, &body, SECT);
    let yaml = dir.path().join("khong-bang.yaml");
    import(&f, &yaml);
    let text = std::fs::read_to_string(&yaml).unwrap();
    for want in [
        "HUYỆN HỮU LŨNG",
        "\"05\"",
        "05/01/2025",
        "Hữu Lũng",
        "ke-hoach",
    ] {
        assert!(text.contains(want), "{want} in\n{text}");
    }
    // Without a table the rules under the issuer and the motto are not there: found.
    let (ids, json) = rules_of(&f);
    assert_eq!(ids, ["rule-line", "rule-line"], "{json:#}");
}
