//! Issue 12, points 2 and 5: the task appendix as real plans lay it out, and the framing of
//! appendices as the document has it. Each test runs the binary on a fixture under
//! tests/fixtures/appendix/ (or a small file written in a temporary folder) and reads the
//! PDF (pdftotext) and the DOCX (word/document.xml).

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Text with single spaces and no inline marks.
fn plain(s: &str) -> String {
    s.replace('*', "")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/appendix").join(name)
}

/// Render `doc` into a new folder; the folder and the PDF's and DOCX's paths.
fn render(doc: &Path) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let out = vanban(&[
        "render",
        doc.to_str().expect("utf-8"),
        "-o",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "render {}: {}",
        doc.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = doc.file_stem().and_then(|s| s.to_str()).expect("stem");
    let pdf = dir.path().join(format!("{stem}.pdf"));
    let docx = dir.path().join(format!("{stem}.docx"));
    (dir, pdf, docx)
}

/// The PDF's text as one line.
fn pdf_text(pdf: &Path) -> String {
    plain(&run("pdftotext", &[pdf.to_str().expect("utf-8"), "-"]))
}

/// The PDF's text with its physical layout (a table row on a line), as one line.
fn pdf_layout_text(pdf: &Path) -> String {
    plain(&run(
        "pdftotext",
        &["-layout", pdf.to_str().expect("utf-8"), "-"],
    ))
}

fn document_xml(docx: &Path) -> String {
    docx_parts(docx)
        .remove("word/document.xml")
        .expect("document.xml")
}

/// The DOCX's paragraphs outside tables, and the rows of its tables (cells' texts).
fn docx_paras_and_rows(docx: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let xml = document_xml(docx);
    let (mut paras, mut rows): (Vec<String>, Vec<Vec<String>>) = (Vec::new(), Vec::new());
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:tbl>") {
        paras.extend(xml_text(&rest[..i]).lines().map(plain));
        let end = rest[i..].find("</w:tbl>").map_or(rest.len(), |j| i + j);
        for r in rest[i..end]
            .split("</w:tr>")
            .filter(|r| r.contains("<w:tc>"))
        {
            rows.push(
                r.split("</w:tc>")
                    .filter(|c| c.contains("<w:p"))
                    .map(|c| plain(&xml_text(c).replace('\n', " ")))
                    .collect(),
            );
        }
        rest = &rest[end..];
    }
    paras.extend(xml_text(rest).lines().map(plain));
    paras.retain(|p| !p.is_empty());
    // The first page's layout tables (header, signature) come before the appendices' ones.
    let first = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "TT" || c == "STT"))
        .unwrap_or(rows.len());
    (paras, rows.split_off(first))
}

/// `needles` appear in `hay` in this order.
fn in_order(hay: &str, needles: &[&str], what: &str) {
    let mut from = 0usize;
    for n in needles {
        match hay[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => panic!("{what}: \"{n}\" missing or out of order in:\n{hay}"),
        }
    }
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Point 2: column titles set by the document, a column left out (Cơ quan phối hợp) and one
/// added (Kinh phí), groups I, II, VI, VII, tasks numbered as given, a row "…", a group
/// titled differently in the appendix and a group with no tasks yet.
#[test]
fn task_appendix_as_the_plan_lays_it_out() {
    let (_dir, pdf, docx) = render(&fixture("ke-hoach-phu-luc-nhiem-vu.yaml"));
    let (_, rows) = docx_paras_and_rows(&docx);
    let expected = vec![
        row(&[
            "TT",
            "Nội dung thực hiện",
            "Cơ quan chủ trì",
            "Thời gian thực hiện",
            "Sản phẩm dự kiến",
            "Kinh phí",
        ]),
        row(&["I", "Nhóm nhiệm vụ hoàn thiện thể chế"]),
        row(&[
            "1",
            "Rà soát quy chế quản lý văn bản điện tử.",
            "Văn phòng Sở",
            "Quý I/2026",
            "Quy chế sửa đổi",
            "Ngân sách tỉnh",
        ]),
        row(&["…"]),
        row(&[
            "4",
            "Ban hành danh mục dữ liệu mở của ngành.",
            "Phòng Kế hoạch - Tài chính",
            "Quý II/2026",
            "Quyết định ban hành danh mục",
            "",
        ]),
        row(&["II", "Phát triển hạ tầng số"]),
        row(&[
            "5",
            "Nâng cấp mạng nội bộ của Sở",
            "Văn phòng Sở",
            "30/6/2026",
            "Hệ thống mạng",
            "1.200 triệu đồng",
        ]),
        row(&["VI", "Các đơn vị thuộc Sở"]),
        row(&[
            "9",
            "Cập nhật cơ sở dữ liệu đất đai.",
            "Chi cục Quản lý đất đai",
            "Thường xuyên",
            "Cơ sở dữ liệu",
            "",
        ]),
        row(&[
            "9a",
            "Hướng dẫn sử dụng chữ ký số.",
            "Văn phòng Sở",
            "",
            "",
            "",
        ]),
        row(&[
            "10",
            "Số hóa hồ sơ thủ tục hành chính",
            "Các phòng thuộc Sở",
            "Tháng 12 hằng năm",
            "Hồ sơ số",
            "",
        ]),
        row(&["VII", "Kiểm tra, đánh giá"]),
    ];
    assert_eq!(rows, expected);
    // The row "…" spans the whole table.
    let xml = document_xml(&docx);
    let gap = xml
        .split("</w:tr>")
        .find(|r| xml_text(r).trim() == "…")
        .expect("a row \"…\"");
    assert!(gap.contains("<w:gridSpan w:val=\"6\""), "{gap}");
    // The PDF prints the same table in the same order, without "Cơ quan phối hợp".
    let text = pdf_layout_text(&pdf);
    in_order(
        &text,
        &[
            "Phụ lục",
            "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026",
            "(Kèm theo Kế hoạch số 215/KH-SNNMT ngày 25 tháng 11 năm 2025 của Sở Nông nghiệp và Môi trường tỉnh Hà Tĩnh)",
            "TT Nội dung thực hiện Cơ quan chủ trì",
            "Kinh phí",
            "I Nhóm nhiệm vụ hoàn thiện thể chế",
            "1 Rà soát quy chế",
            "Ngân sách tỉnh",
            "…",
            "4 Ban hành danh mục",
            "II Phát triển hạ tầng số",
            "5 Nâng cấp mạng",
            "VI Các đơn vị thuộc Sở",
            "9 Cập nhật",
            "9a Hướng dẫn",
            "10 Số hóa",
            "VII Kiểm tra, đánh giá",
        ],
        "PDF",
    );
    assert!(!text.contains("Cơ quan phối hợp"), "{text}");
}

/// Point 2: `tasks: headings` lists only the groups' headings (numbered as given, with
/// their intro) and the body's titles, not the appendix's; a group's dash list reads ";"
/// after each task and "." after the last, also when a task's text ends in ".".
#[test]
fn body_headings_and_uniform_list_punctuation() {
    let (_dir, pdf, docx) = render(&fixture("ke-hoach-phu-luc-nhiem-vu.yaml"));
    let (paras, _) = docx_paras_and_rows(&docx);
    let start = paras
        .iter()
        .position(|p| p.starts_with("Thực hiện Kế hoạch số 35/KH-UBND"))
        .expect("the opening paragraph");
    assert_eq!(
        paras[start + 1..start + 11].to_vec(),
        row(&[
            "I. Hoàn thiện thể chế, quy chế nội bộ",
            "II. Phát triển hạ tầng số",
            "Ưu tiên nâng cấp mạng nội bộ và trung tâm dữ liệu của Sở.",
            "VI. Các đơn vị thuộc Sở",
            "VII. Kiểm tra, đánh giá",
            "(chi tiết có Phụ lục phân công nhiệm vụ kèm theo)",
            "Riêng các đơn vị thuộc Sở tập trung thực hiện:",
            "- Cập nhật cơ sở dữ liệu đất đai (thời hạn: Thường xuyên);",
            "- Hướng dẫn sử dụng chữ ký số;",
            "- Số hóa hồ sơ thủ tục hành chính (thời hạn: Tháng 12 hằng năm).",
        ]),
    );
    // The body summarises: the tasks of the other groups are in the appendix only, and the
    // appendix's title of group I is not the body's.
    let body = paras[..paras
        .iter()
        .position(|p| p == "Phụ lục")
        .expect("the appendix label")]
        .join("\n");
    for absent in [
        "Rà soát quy chế",
        "Nâng cấp mạng",
        "Nhóm nhiệm vụ hoàn thiện thể chế",
    ] {
        assert!(!body.contains(absent), "{absent}: {body}");
    }
    assert!(!body.contains(".;") && !body.contains(".."), "{body}");
    let text = pdf_text(&pdf);
    in_order(
        &text,
        &[
            "I. Hoàn thiện thể chế, quy chế nội bộ II. Phát triển hạ tầng số",
            "VI. Các đơn vị thuộc Sở VII. Kiểm tra, đánh giá",
            "- Cập nhật cơ sở dữ liệu đất đai (thời hạn: Thường xuyên); - Hướng dẫn sử dụng chữ ký số; - Số hóa hồ sơ thủ tục hành chính (thời hạn: Tháng 12 hằng năm).",
        ],
        "PDF",
    );
    assert!(!text.contains(".;"), "{text}");
}

/// Point 2: a group with no tasks yet is a warning of `vanban check` (not an error), in
/// Vietnamese and, with `--lang en`, in English, naming the field.
#[test]
fn a_group_with_no_tasks_yet_is_a_warning() {
    let doc = fixture("ke-hoach-phu-luc-nhiem-vu.yaml");
    let doc = doc.to_str().expect("utf-8");
    let out = vanban(&["check", doc]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let warnings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("cảnh báo:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{text}");
    assert!(
        warnings[0].contains("trường `tasks.groups[3]`")
            && warnings[0].contains("nhóm nhiệm vụ \"Kiểm tra, đánh giá\" chưa có nhiệm vụ nào"),
        "{text}"
    );
    assert!(text.contains("[task-group-empty]"), "{text}");
    let out = vanban(&["check", doc, "--lang", "en"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("field `tasks.groups[3]`")
            && text.contains("the task group \"Kiểm tra, đánh giá\" has no tasks yet"),
        "{text}"
    );
}

/// A document whose task table is the CSV `csv`, with `appendix` as `tasks.appendix`.
fn doc_with_csv(dir: &Path, csv: &str, appendix: &str) -> PathBuf {
    std::fs::write(dir.join("nv.csv"), csv).expect("write csv");
    let yaml = format!(
        "kind: ke-hoach\nissuer: {{name: [ỦY BAN NHÂN DÂN, XÃ AN BÌNH], text: Ủy ban nhân dân xã An Bình}}\nnumber: 7\nsymbol: UBND\nplace: An Bình\ndate: 02/12/2025\nsubject: Thực hiện nhiệm vụ năm 2026\nbody:\n  - tasks: all\nsignature: {{authority: TM, for: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Lê Văn B}}\ndistribution: [Các thôn]\narchive: VT\ntasks:\n  source: nv.csv\n{appendix}"
    );
    let doc = dir.join("kh.yaml");
    std::fs::write(&doc, yaml).expect("write doc");
    doc
}

const CSV: &str = "STT;Nội dung thực hiện;Cơ quan chủ trì;Thời gian thực hiện;Kinh phí\nI;Nhiệm vụ chung;;;\n3;Rà soát hộ nghèo;Công chức Lao động;Quý I/2026;10 triệu đồng\n…;…;;;\n7;Tổng kết năm;Văn phòng UBND xã;Tháng 12/2026;\n";

/// Point 2: a sheet's STT as written with `numbers: source` (automatic numbering stays the
/// default), its added column read by the title the appendix declares, its row "…".
#[test]
fn sheet_numbers_as_written_added_column_and_omitted_row() {
    let dir = tempfile::tempdir().expect("tmp");
    let doc = doc_with_csv(
        dir.path(),
        CSV,
        "  appendix:\n    numbers: source\n    columns: [STT, Nội dung thực hiện, Cơ quan chủ trì, Thời gian thực hiện, Kinh phí]\n",
    );
    let (_out, pdf, docx) = render(&doc);
    let (_, rows) = docx_paras_and_rows(&docx);
    assert_eq!(
        rows,
        vec![
            row(&[
                "STT",
                "Nội dung thực hiện",
                "Cơ quan chủ trì",
                "Thời gian thực hiện",
                "Kinh phí"
            ]),
            row(&["I", "Nhiệm vụ chung"]),
            row(&[
                "3",
                "Rà soát hộ nghèo",
                "Công chức Lao động",
                "Quý I/2026",
                "10 triệu đồng"
            ]),
            row(&["…"]),
            row(&[
                "7",
                "Tổng kết năm",
                "Văn phòng UBND xã",
                "Tháng 12/2026",
                ""
            ]),
        ]
    );
    in_order(
        &pdf_text(&pdf),
        &["3 Rà soát hộ nghèo", "10 triệu đồng", "…", "7 Tổng kết năm"],
        "PDF",
    );
    // Without `numbers: source`, vanban numbers the tasks itself (the default).
    let dir = tempfile::tempdir().expect("tmp");
    let doc = doc_with_csv(
        dir.path(),
        CSV,
        "  appendix:\n    columns: [STT, Nội dung thực hiện, Cơ quan chủ trì, Thời gian thực hiện, Kinh phí]\n",
    );
    let (_out, _, docx) = render(&doc);
    let (_, rows) = docx_paras_and_rows(&docx);
    let numbers: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(numbers, ["STT", "I", "1", "…", "2"]);
}

/// Point 2: an added value without its column, and a sheet column the appendix does not
/// declare, are errors that name the place and the fix.
#[test]
fn an_added_value_needs_its_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let doc = doc_with_csv(dir.path(), CSV, "");
    let out = vanban(&["check", doc.to_str().expect("utf-8")]);
    let err =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cột E có tên `Kinh phí` không dùng được cho bảng nhiệm vụ")
            && err.contains("`tasks.appendix.columns`"),
        "{err}"
    );
    let yaml = "kind: ke-hoach\nissuer: {name: [ỦY BAN NHÂN DÂN, XÃ AN BÌNH], text: Ủy ban nhân dân xã An Bình}\nnumber: 7\nsymbol: UBND\nplace: An Bình\ndate: 02/12/2025\nsubject: Thực hiện nhiệm vụ năm 2026\nbody:\n  - tasks: all\nsignature: {authority: TM, for: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Lê Văn B}\ndistribution: [Các thôn]\narchive: VT\ntasks:\n  items:\n    - content: Rà soát hộ nghèo\n      lead: Công chức Lao động\n      extra: {Kinh phí: 10 triệu đồng}\n";
    let doc = dir.path().join("kh2.yaml");
    std::fs::write(&doc, yaml).expect("write");
    let out = vanban(&["check", doc.to_str().expect("utf-8"), "--lang", "en"]);
    let err =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("line 17")
            && err.contains("`tasks.items[0].extra.Kinh phí`")
            && err.contains("the appendix has no column `Kinh phí` for this value")
            && err.contains("add the column `Kinh phí` to `tasks.appendix.columns`"),
        "{err}"
    );
}

/// Point 5: the reference line worded as the document has it (numeric date), the label
/// renamed or left out, text after a table ending "./.", several tables and paragraphs in
/// one appendix; `vanban check` finds nothing to warn about.
#[test]
fn appendix_framing_as_the_document_has_it() {
    let doc = fixture("quyet-dinh-khung-phu-luc.yaml");
    let out = vanban(&["check", doc.to_str().expect("utf-8")]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.contains("0 lỗi, 0 cảnh báo."),
        "{report}"
    );
    let (_dir, pdf, docx) = render(&doc);
    let reference = "(Ban hành kèm theo Quyết định số 2345/QĐ-UBND ngày 25/11/2025 của Ủy ban nhân dân tỉnh Hà Tĩnh)";
    let order = [
        "PHỤ LỤC",
        "DANH MỤC DỰ ÁN NĂM 2026",
        reference,
        "Tên dự án",
        "Kênh tưới tiêu nội đồng xã Kỳ Thọ",
        "Danh mục gồm 02 dự án, được bố trí vốn theo thứ tự ưu tiên./.",
        "Phụ lục 01",
        "ĐỊNH MỨC HỖ TRỢ",
        reference,
        "Định mức hỗ trợ được áp dụng như sau.",
        "1. Định mức hỗ trợ xây dựng",
        "Hạng mục",
        "Kênh mương nội đồng",
        "2. Định mức hỗ trợ sản xuất",
        "Giống cây trồng",
        "Vật tư nông nghiệp",
        "Các định mức trên áp dụng từ ngày 01/01/2026.",
        "BIỂU MẪU BÁO CÁO",
        "(Kèm theo Quyết định số 2345/QĐ-UBND của Ủy ban nhân dân tỉnh)",
        "Các huyện báo cáo theo mẫu do Sở Tài chính hướng dẫn.",
    ];
    let text = pdf_text(&pdf);
    in_order(&text, &order, "PDF");
    let (paras, rows) = docx_paras_and_rows(&docx);
    in_order(&plain(&docx_text(&docx).replace('\n', " ")), &order, "DOCX");
    // Three tables: one in the first appendix, two in the second.
    let xml = document_xml(&docx);
    let label = xml.find(">PHỤ LỤC<").expect("the first label");
    assert_eq!(xml[label..].matches("<w:tbl>").count(), 3);
    assert_eq!(rows.len(), 9, "{rows:?}");
    // The third appendix has no label line: its title follows the second's last paragraph,
    // and no "Phụ lục I/II/III" or "Phụ lục" appears beside the labels written.
    let i = paras
        .iter()
        .position(|p| p == "BIỂU MẪU BÁO CÁO")
        .expect("the third title");
    assert_eq!(
        paras[i - 1],
        "Các định mức trên áp dụng từ ngày 01/01/2026.",
        "{paras:?}"
    );
    for p in &paras {
        assert!(
            !p.starts_with("Phụ lục") || p == "Phụ lục 01",
            "a label not written: {p}"
        );
    }
    // The closing "./." is printed once, as written.
    assert_eq!(text.matches("./.").count(), 2, "{text}");
}

/// Point 5: the default reference line is unchanged, and a table outside an appendix is an
/// error naming its field.
#[test]
fn default_reference_and_tables_only_in_appendices() {
    let (_dir, pdf, _) = render(&root().join("samples/chi-thi-ubnd-kon-tum.yaml"));
    let text = pdf_text(&pdf);
    assert!(
        text.contains("(Kèm theo Chỉ thị số") && text.contains("tháng") && text.contains("năm"),
        "{text}"
    );
    let dir = tempfile::tempdir().expect("tmp");
    let yaml = "kind: cong-van\nissuer: {name: [ỦY BAN NHÂN DÂN, XÃ AN BÌNH]}\nnumber: 7\nsymbol: UBND-VP\nplace: An Bình\ndate: 02/12/2025\nsubject: a\nrecipients: [Các thôn]\nbody:\n  - table:\n      columns: [{title: TT}]\n      rows: [[\"1\"]]\nsignature: {authority: TM, for: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Lê Văn B}\ndistribution: [Như trên]\narchive: VT\n";
    let doc = dir.path().join("cv.yaml");
    std::fs::write(&doc, yaml).expect("write");
    let out = vanban(&["check", doc.to_str().expect("utf-8")]);
    let err =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("dòng 10")
            && err.contains("`body[0].table`")
            && err.contains("`table` chỉ dùng được trong phụ lục"),
        "{err}"
    );
}
