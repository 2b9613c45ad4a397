//! `vanban ntm`: the sample spreadsheet into dossiers, read back from the PDFs and DOCX files.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::layout;
use common::*;

fn sample(ext: &str) -> PathBuf {
    root()
        .join("samples")
        .join("ntm")
        .join(format!("kon-tum-2024.{ext}"))
}

/// PDF text with all whitespace collapsed to single spaces.
fn pdf_flat(pdf: &Path) -> String {
    words(&run("pdftotext", &[&pdf.display().to_string(), "-"])).join(" ")
}

fn docx_flat(docx: &Path) -> String {
    words(&docx_text(docx)).join(" ")
}

/// The part of a document's text from the appendix on ("Phụ lục" title).
fn appendix_part(text: &str) -> &str {
    let i = text
        .find("Phụ lục KẾT QUẢ THỰC HIỆN")
        .expect("appendix present");
    &text[i..]
}

/// Expected result per commune, computed here from the sample CSV independently of vanban:
/// a row's stated status counts; 15.a is compared against the Tây Nguyên ceiling of 26,5 %,
/// 15.b against the sample's own ≥ 50 %.
fn expected() -> BTreeMap<String, (usize, Vec<u32>)> {
    let mut rdr = csv::Reader::from_path(sample("csv")).expect("sample csv");
    let mut per: BTreeMap<String, BTreeMap<u32, bool>> = BTreeMap::new();
    for rec in rdr.records() {
        let r = rec.expect("row");
        let (xa, id, value, status) = (&r[0], &r[12], &r[15], &r[16]);
        let Ok(criterion) = id.split('.').next().unwrap_or("").parse::<u32>() else {
            continue; // ĐK rows
        };
        let pct = || -> f64 {
            value
                .trim_end_matches('%')
                .replace(',', ".")
                .parse()
                .expect("number")
        };
        let met = if id == "15.a" {
            pct() <= 26.5
        } else if id == "15.b" {
            pct() >= 50.0
        } else {
            status == "Đạt"
        };
        let e = per
            .entry(xa.to_string())
            .or_default()
            .entry(criterion)
            .or_insert(true);
        *e &= met;
    }
    per.into_iter()
        .map(|(xa, crit)| {
            assert_eq!(crit.len(), 19, "{xa}: the sample covers the 19 criteria");
            let failing: Vec<u32> = crit.iter().filter(|(_, m)| !**m).map(|(n, _)| *n).collect();
            (xa, (19 - failing.len(), failing))
        })
        .collect()
}

fn folder_of(xa: &str) -> &'static str {
    match xa {
        "Xã Đăk Trăm" => "xa-dak-tram-huyen-dak-to",
        "Xã Hơ Moong" => "xa-ho-moong-huyen-sa-thay",
        "Xã Măng Ri" => "xa-mang-ri-huyen-tu-mo-rong",
        other => panic!("unknown commune {other}"),
    }
}

fn run_ntm(args: &[&str]) -> (std::process::Output, String) {
    let out = vanban(args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, err)
}

#[test]
fn sample_spreadsheet_gives_dossiers_with_the_same_figures() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = dir.path().display().to_string();
    let (out, err) = run_ntm(&["ntm", &sample("xlsx").display().to_string(), "-o", &o]);
    assert!(out.status.success(), "{err}");
    let exp = expected();
    assert_eq!(exp.len(), 3);
    assert!(
        exp.values().any(|(_, f)| !f.is_empty()),
        "the sample has a commune missing a criterion"
    );
    // the summary table
    let table = std::fs::read_to_string(dir.path().join("tong-hop.csv")).expect("tong-hop.csv");
    let mut rdr = csv::Reader::from_reader(table.trim_start_matches('\u{feff}').as_bytes());
    let mut seen = 0;
    for rec in rdr.records() {
        let r = rec.expect("row");
        let (met, failing) = &exp[&r[1]];
        assert_eq!(&r[7], met.to_string(), "{r:?}");
        assert_eq!(&r[8], "19");
        assert_eq!(&r[14], if failing.is_empty() { "Có" } else { "Không" });
        assert_eq!(&r[16], folder_of(&r[1]));
        seen += 1;
    }
    assert_eq!(seen, 3);
    for (xa, (met, failing)) in &exp {
        let d = dir.path().join(folder_of(xa));
        let summary = format!("đạt {met}/19 tiêu chí");
        let bc = pdf_flat(&d.join("bao-cao.pdf"));
        let body = &bc[..bc.find("Phụ lục KẾT QUẢ").expect("appendix")];
        let app = appendix_part(&bc);
        assert!(
            body.contains(&summary),
            "{xa}: báo cáo lacks {summary}:\n{body}"
        );
        assert!(app.contains(&summary), "{xa}: appendix lacks {summary}");
        assert!(app.contains("Tổng hợp"), "{xa}: appendix total row");
        // per-criterion statuses in the báo cáo body
        for n in 1..=19u32 {
            let status = if failing.contains(&n) {
                "Chưa đạt"
            } else {
                "Đạt"
            };
            let needle = format!("Tiêu chí số {n} –");
            let at = body
                .find(&needle)
                .unwrap_or_else(|| panic!("{xa}: {needle}"));
            let rest = &body[at..];
            let colon = rest.find(": ").expect("colon");
            assert!(
                rest[colon + 2..].starts_with(status),
                "{xa}: criterion {n} should be {status}: {}",
                &rest[..colon + 30]
            );
        }
        // the appendix is landscape and repeats its header
        let info = run(
            "pdfinfo",
            &[
                "-f",
                "1",
                "-l",
                "20",
                &d.join("bao-cao.pdf").display().to_string(),
            ],
        );
        assert!(info.contains("size:  841.89 x 595.276"), "{info}");
        assert!(
            app.matches("Nội dung chỉ tiêu").count() >= 2,
            "{xa}: header not repeated"
        );
        // DOCX quotes the same figures
        let bcx = docx_flat(&d.join("bao-cao.docx"));
        assert!(bcx.matches(&summary).count() >= 3, "{xa}: báo cáo docx");
        assert!(bcx.contains("KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ"), "{xa}");
        let parts = docx_parts(&d.join("bao-cao.docx"));
        assert!(
            parts["word/document.xml"].contains("w:tblHeader"),
            "repeated header"
        );
        assert!(
            parts["word/document.xml"].contains("w:vMerge"),
            "merged criterion cells"
        );
        assert!(parts["word/document.xml"].contains(r#"w:orient="landscape""#));
        if failing.is_empty() {
            let tt = pdf_flat(&d.join("to-trinh.pdf"));
            assert!(tt.contains(&summary), "{xa}: tờ trình lacks {summary}");
            assert!(tt.contains("Kính gửi: Ủy ban nhân dân huyện"), "{xa}: {tt}");
            let bb = pdf_flat(&d.join("bien-ban.pdf"));
            assert!(bb.contains(&summary), "{xa}: biên bản lacks {summary}");
            assert!(docx_flat(&d.join("to-trinh.docx")).contains(&summary));
            assert!(docx_flat(&d.join("bien-ban.docx")).contains(&summary));
        } else {
            assert!(
                !d.join("to-trinh.pdf").exists(),
                "{xa}: no request when not eligible"
            );
            assert!(!d.join("bien-ban.docx").exists());
            assert!(body.contains("chưa đủ điều kiện"), "{xa}");
            for n in failing {
                let line = format!("Tiêu chí số {n} –");
                assert!(body.contains(&line));
            }
            // the failing figure and its unconfirmed target are in the appendix, marked: the
            // indicator's row reads "28,3%", then "Chưa đạt" for the indicator and for the
            // criterion (read by line: the criterion's cell spans two rows, and the order
            // pdftotext reads cells in without -layout follows their exact heights)
            let layout = run(
                "pdftotext",
                &["-layout", &d.join("bao-cao.pdf").display().to_string(), "-"],
            );
            let row = layout
                .lines()
                .find(|l| l.contains("28,3%") && l.contains("≤ 26,5%"))
                .unwrap_or_default();
            assert_eq!(row.matches("Chưa đạt").count(), 2, "{xa}: {row}");
            assert!(app.contains("≤ 26,5% (**)"), "{xa}: {app}");
        }
    }
    // Đăk Trăm's meeting: 26 of 27 agreed, the share computed
    let bb = pdf_flat(
        &dir.path()
            .join(folder_of("Xã Đăk Trăm"))
            .join("bien-ban.pdf"),
    );
    assert!(bb.contains("26/27 thành viên dự họp, đạt 96,3%"), "{bb}");
    let tt = pdf_flat(
        &dir.path()
            .join(folder_of("Xã Đăk Trăm"))
            .join("to-trinh.pdf"),
    );
    assert!(
        tt.contains("26/27 thành viên dự họp nhất trí, đạt 96,3%"),
        "{tt}"
    );
    // every DOCX passes openxml-audit; the layout rules (tests/common/layout.rs) are checked
    // on one full dossier and on the report of the commune that is not eligible (it is slow)
    let mut laid_out = Vec::new();
    for entry in walk(dir.path()) {
        let ext = entry.extension().map(|e| e.to_string_lossy().into_owned());
        if ext.as_deref() == Some("docx") {
            audit(&entry);
        }
        let path = entry.display().to_string();
        let checked = path.contains(folder_of("Xã Đăk Trăm"))
            || (path.contains(folder_of("Xã Măng Ri")) && path.ends_with(".pdf"));
        if !checked || !matches!(ext.as_deref(), Some("pdf" | "docx")) {
            continue;
        }
        let problems = if ext.as_deref() == Some("pdf") {
            layout::pdf_checks(&entry, None)
        } else {
            laid_out.push(entry.clone());
            layout::docx_checks(&entry)
        };
        assert!(
            problems.is_empty(),
            "layout rules on {}:\n{}",
            entry.display(),
            problems.join("\n")
        );
    }
    // the DOCX files as LibreOffice lays them out (one run for all)
    assert!(!laid_out.is_empty());
    let lo = tempfile::tempdir().expect("tmp");
    for (docx, pdf) in laid_out
        .iter()
        .zip(layout::libreoffice_pdfs(&laid_out, lo.path()))
    {
        let problems = layout::pdf_checks(&pdf, None);
        assert!(
            problems.is_empty(),
            "layout rules on {} as LibreOffice lays it out:\n{}",
            docx.display(),
            problems.join("\n")
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn audit(docx: &Path) {
    let problems = layout::openxml_audit(docx);
    assert!(
        problems.is_empty(),
        "openxml-audit on {}:\n{}",
        docx.display(),
        problems.join("\n")
    );
}

#[test]
fn bad_rows_are_reported_by_place_and_the_others_still_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = std::fs::read_to_string(sample("csv")).expect("csv");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Hơ Moong's 15.a result is not a number; a row has no commune name
    let i = lines
        .iter()
        .position(|l| l.starts_with("Xã Hơ Moong") && l.contains(",15.a,"))
        .expect("Hơ Moong 15.a");
    lines[i] = lines[i].replace("24,8%", "khoảng 25");
    lines.push(",,,,,,,,,,,,2,,,,Đạt,,".into());
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, lines.join("\n") + "\n").expect("write");
    let out_dir = dir.path().join("out");
    let (out, err) = run_ntm(&[
        "ntm",
        &bad.display().to_string(),
        "-o",
        &out_dir.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let row = i + 1;
    assert!(
        err.contains(&format!("dòng {row}, cột P (Kết quả)"))
            && err.contains("kết quả `khoảng 25` không phải là số"),
        "{err}"
    );
    assert!(
        err.contains(&format!("dòng {}, cột A (Xã): thiếu tên xã", lines.len())),
        "{err}"
    );
    assert!(
        out_dir
            .join("xa-dak-tram-huyen-dak-to/to-trinh.pdf")
            .is_file()
    );
    assert!(
        out_dir
            .join("xa-mang-ri-huyen-tu-mo-rong/bao-cao.docx")
            .is_file()
    );
    assert!(!out_dir.join("xa-ho-moong-huyen-sa-thay").exists());
    let table = std::fs::read_to_string(out_dir.join("tong-hop.csv")).expect("summary");
    assert!(
        table.contains("Xã Hơ Moong,Huyện Sa Thầy,Tỉnh Kon Tum,"),
        "{table}"
    );
    assert!(table.contains("Lỗi: "), "{table}");
    assert!(err.contains("Tổng kết: 2 xã đã lập hồ sơ"), "{err}");
}

#[test]
fn a_contradicting_assessment_and_an_inconsistent_commune_value_are_errors() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = std::fs::read_to_string(sample("csv")).expect("csv");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("Xã Măng Ri") && l.contains(",15.a,"))
        .expect("Măng Ri 15.a");
    lines[i] = lines[i].replace("\"28,3%\",,", "\"28,3%\",Đạt,");
    let j = lines
        .iter()
        .position(|l| l.starts_with("Xã Đăk Trăm,,,,,,,,,,,,2,"))
        .expect("Đăk Trăm row 2");
    lines[j] = lines[j].replacen("Xã Đăk Trăm,,,,,,,", "Xã Đăk Trăm,,,,,,2025,", 1);
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, lines.join("\n") + "\n").expect("write");
    let (out, err) = run_ntm(&[
        "ntm",
        &bad.display().to_string(),
        "-o",
        &dir.path().join("o").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cột tự đánh giá ghi `Đạt` nhưng theo số liệu là `Chưa đạt`"),
        "{err}"
    );
    assert!(
        err.contains(&format!("dòng {}, cột G (Năm)", j + 1)) && err.contains("không thống nhất"),
        "{err}"
    );
    assert!(
        dir.path()
            .join("o/xa-ho-moong-huyen-sa-thay/to-trinh.docx")
            .is_file()
    );
}

#[test]
fn commune_files_and_a_province_set() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("xa");
    std::fs::create_dir(&data).expect("mkdir");
    // a 2026-2030 commune: the national indicators are unconfirmed, so the commune writes its
    // own, and they are marked
    let mut indicators = String::new();
    for n in 1..=10 {
        if n == 5 {
            indicators.push_str(
                "  - {id: \"5.1\", text: \"Tỷ lệ hộ gia đình đạt chuẩn văn hóa\", target: \"≥ 90%\", value: \"90\"}\n",
            );
        } else {
            indicators.push_str(&format!(
                "  - {{id: \"{n}\", value: Đạt chuẩn, status: Đạt}}\n"
            ));
        }
    }
    let yaml = format!(
        "commune: Xã Cẩm Bình\nprovince: Tỉnh Hà Tĩnh\nperiod: 2026-2030\nlevel: đạt chuẩn\nregion: nhóm 2\nyear: 2026\nchair: Phan Văn Dũng\nsecretary: Lê Văn Tâm\nmeeting: {{attended: 20, agreed: 19}}\nindicators:\n{indicators}conditions:\n  - {{id: ĐK2, value: \"91%\", status: Đạt}}\n  - {{id: ĐK3, status: Đạt}}\n  - {{id: ĐK4, status: Đạt}}\n"
    );
    std::fs::write(data.join("cam-binh.yaml"), &yaml).expect("write");
    // a file with an indicator id written as a number
    std::fs::write(
        data.join("sai.yaml"),
        "commune: Xã Sai\nindicators:\n  - {id: 17.10, value: 1}\n",
    )
    .expect("write");
    let out_dir = dir.path().join("out");
    let (out, err) = run_ntm(&[
        "ntm",
        &data.display().to_string(),
        "-o",
        &out_dir.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("sai.yaml") && err.contains("17.10"), "{err}");
    let d = out_dir.join("xa-cam-binh-tinh-ha-tinh");
    let bc = pdf_flat(&d.join("bao-cao.pdf"));
    assert!(bc.contains("đạt 10/10 tiêu chí"), "{bc}");
    assert!(
        bc.contains("Tỷ lệ hộ gia đình đạt chuẩn văn hóa (*)"),
        "{bc}"
    );
    assert!(bc.contains("≥ 90% (**)"), "{bc}");
    assert!(bc.contains("chưa xác nhận được văn bản quy định"), "{bc}");
    let tt = pdf_flat(&d.join("to-trinh.pdf"));
    assert!(
        tt.contains("Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh"),
        "{tt}"
    );
    assert!(tt.contains("đạt 10/10 tiêu chí"), "{tt}");
    audit(&d.join("to-trinh.docx"));

    // a province set for nâng cao (none is bundled); and a broken one
    let set = dir.path().join("nang-cao.toml");
    std::fs::write(
        &set,
        "id = \"tinh-nang-cao\"\ntitle = \"Bộ tiêu chí xã nông thôn mới nâng cao của tỉnh\"\nsource = \"Quyết định của UBND tỉnh\"\nperiod = \"2026-2030\"\nlevels = [\"nang-cao\"]\n[[criteria]]\nnumber = 1\nname = \"Quy hoạch\"\n[[indicators]]\nid = \"1.1\"\ntext = \"Có quy hoạch chung xã được phê duyệt\"\ntarget = \"Đạt\"\n",
    )
    .expect("set");
    std::fs::remove_file(data.join("sai.yaml")).expect("rm");
    std::fs::write(
        data.join("cam-binh.yaml"),
        "commune: Xã Cẩm Bình\nprovince: Tỉnh Hà Tĩnh\nperiod: 2026-2030\nlevel: nâng cao\nyear: 2027\nchair: Phan Văn Dũng\nsecretary: Lê Văn Tâm\nindicators:\n  - {id: \"1.1\", status: Đạt}\n",
    )
    .expect("write");
    let (out, err) = run_ntm(&[
        "ntm",
        &data.display().to_string(),
        "-o",
        &out_dir.display().to_string(),
        "--criteria",
        &set.display().to_string(),
        "--format",
        "pdf",
    ]);
    // the set has no conditions: the criteria alone decide
    assert!(out.status.success(), "{err}");
    assert!(d.join("to-trinh.pdf").is_file());
    let bc = pdf_flat(&d.join("bao-cao.pdf"));
    assert!(bc.contains("nông thôn mới nâng cao"), "{bc}");
    assert!(bc.contains("đạt 1/1 tiêu chí"), "{bc}");
    assert!(bc.contains("Có quy hoạch chung xã được phê duyệt"), "{bc}");
    assert!(bc.contains("không quy định điều kiện công nhận"), "{bc}");

    std::fs::write(&set, "id = \"x\"\ntitle = \"X\"\nsource = \"Y\"\nperiod = \"2026-2030\"\nlevels = [\"nang-cao\"]\n[[criteria]]\nnumber = 1\nname = \"A\"\n[[indicators]]\nid = \"2.1\"\ntext = \"B\"\n").expect("set");
    let (out, err) = run_ntm(&[
        "ntm",
        &data.display().to_string(),
        "-o",
        &out_dir.display().to_string(),
        "--criteria",
        &set.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("nang-cao.toml")
            && err.contains("indicators[0].id")
            && err.contains("`2.1` không thuộc tiêu chí nào"),
        "{err}"
    );
}

#[test]
fn cells_after_a_row_merged_cell_take_their_columns_alignment() {
    let dir = tempfile::tempdir().expect("tmp");
    let doc = dir.path().join("bang.yaml");
    std::fs::write(
        &doc,
        r#"kind: bao-cao
issuer: {name: [ỦY BAN NHÂN DÂN, XÃ THỬ], text: Ủy ban nhân dân xã Thử}
number: ""
symbol: UBND
place: Thử
date: "2024"
subject: Thử bảng
body: [Nội dung.]
signature: {title: CHỦ TỊCH, name: Nguyễn Văn A}
distribution: [Lưu hồ sơ]
archive: VT
appendices:
  - title: Bảng
    table:
      columns:
        - {title: TT, align: center}
        - {title: Nội dung, align: left}
        - {title: Đánh giá, align: right}
      rows:
        - [{text: "1", rows: 2}, Dòng một, Đạt một]
        - [Dòng hai, Đạt hai]
"#,
    )
    .expect("write");
    let out = vanban(&["render", "--emit", "markup", &doc.display().to_string()]);
    let markup = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(markup.contains("::td.left Dòng hai"), "{markup}");
    assert!(markup.contains("::td.right Đạt hai"), "{markup}");
}
