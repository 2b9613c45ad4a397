//! Issue 4: one task table drives the body, the appendix, the per-unit extracts and the
//! calendars. These tests render the samples with `--split` and read every output.

mod common;

use std::path::{Path, PathBuf};

use common::layout;
use common::*;
use vanban::data::{self, Stage, tasks};
use vanban::pipeline::Resources as Templates;
use vanban::text::slug as safe_stem;

/// Text without the inline marks (`*italic*`, `**bold**`) and with single spaces.
fn plain(s: &str) -> String {
    s.replace('*', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Paragraphs of a DOCX, split into those inside tables (the appendix) and those outside.
fn docx_paragraphs(docx: &Path) -> (Vec<String>, Vec<String>) {
    let parts = docx_parts(docx);
    let xml = parts.get("word/document.xml").expect("document.xml");
    let (mut body, mut table) = (Vec::new(), Vec::new());
    let mut rest = xml.as_str();
    // Alternate outside/inside <w:tbl> … </w:tbl>.
    loop {
        match rest.find("<w:tbl>") {
            Some(i) => {
                body.extend(xml_text(&rest[..i]).lines().map(plain));
                let end = rest[i..].find("</w:tbl>").map_or(rest.len(), |j| i + j);
                // One line per cell: cells are paragraphs.
                table.extend(
                    rest[i..end]
                        .split("</w:tc>")
                        .map(|cell| plain(&xml_text(cell).replace('\n', " "))),
                );
                rest = &rest[end..];
            }
            None => {
                body.extend(xml_text(rest).lines().map(plain));
                break;
            }
        }
    }
    (body, table)
}

/// Rows of the appendix table: the cells' texts of each `<w:tr>`.
fn docx_rows(docx: &Path) -> Vec<Vec<String>> {
    let parts = docx_parts(docx);
    let xml = parts.get("word/document.xml").expect("document.xml");
    xml.split("</w:tr>")
        .filter(|r| r.contains("<w:tc>"))
        .map(|r| {
            r.split("</w:tc>")
                .map(|c| plain(&xml_text(c).replace('\n', " ")))
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect()
}

/// RFC 5545 unfolding: a line starting with a space continues the previous one.
fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "")
        .replace("\n ", "")
        .replace("\\,", ",")
        .replace("\\;", ";")
}

fn render_split(sample: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = root().join("samples").join(format!("{sample}.yaml"));
    let out = vanban(&[
        "render",
        path.to_str().expect("utf-8 path"),
        "-o",
        dir.path().to_str().expect("utf-8 path"),
        "--split",
    ]);
    assert!(
        out.status.success(),
        "render --split {sample}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, path)
}

/// Every task once in the appendix, once in the body, in each of its units' extracts and
/// calendars, with the same deadline text everywhere.
fn every_task_everywhere(sample: &str) {
    let (dir, path) = render_split(sample);
    let templates = Templates::builtin().expect("templates");
    let doc = data::load(&path, Stage::Draft, templates.catalogue()).expect("sample loads");
    let table = doc.tasks.as_ref().expect("the sample has a task table");
    assert!(!table.tasks.is_empty());
    let docx = dir.path().join(format!("{sample}.docx"));
    let (body, _) = docx_paragraphs(&docx);
    let rows = docx_rows(&docx);
    let extracts = dir.path().join(format!("{sample}-theo-don-vi"));
    for t in &table.tasks {
        let text = plain(&t.text());
        // The appendix: exactly one row holds the task, with its units and deadline.
        let hits: Vec<&Vec<String>> = rows.iter().filter(|r| r.contains(&text)).collect();
        assert_eq!(
            hits.len(),
            1,
            "{sample}: appendix rows with \"{text}\": {hits:?}"
        );
        let row = hits[0];
        assert!(
            row.contains(&plain(&vanban::text::capitalise(&t.deadline_text)))
                || t.deadline_text.is_empty(),
            "{sample}: the appendix row of \"{text}\" lacks its deadline \"{}\": {row:?}",
            t.deadline_text
        );
        assert!(row.contains(&plain(&t.lead.join("; "))), "{row:?}");
        // The body: one paragraph, with the deadline where the body prints it. A list ends
        // each task with ";" or "." whatever its own final mark (issue 12).
        let core = text.trim_end_matches(['.', ';']);
        let in_body: Vec<&String> = body.iter().filter(|p| p.contains(core)).collect();
        assert_eq!(
            in_body.len(),
            1,
            "{sample}: body paragraphs with \"{text}\": {in_body:?}"
        );
        if table.deadline_in_body || t.content.contains(tasks::DEADLINE_MARK) {
            assert!(
                in_body[0].contains(&t.deadline_text),
                "{sample}: the body prints \"{text}\" without \"{}\"",
                t.deadline_text
            );
        }
        // Each unit's extract: once, with the deadline; its calendar has the date.
        for unit in t.units() {
            let stem = safe_stem(unit);
            let ex = extracts.join(format!("{stem}.docx"));
            let (paras, _) = docx_paragraphs(&ex);
            // Supporting units read "Phối hợp với … thực hiện: rà soát …": compare without case.
            let needle: String = plain(&t.text()).to_lowercase().chars().take(60).collect();
            let hits: Vec<&String> = paras
                .iter()
                .filter(|p| p.to_lowercase().contains(&needle))
                .collect();
            assert_eq!(hits.len(), 1, "{}: \"{text}\" {hits:?}", ex.display());
            assert!(
                hits[0].contains(&t.deadline_text),
                "{}: \"{text}\" without its deadline \"{}\"",
                ex.display(),
                t.deadline_text
            );
            let pdf = run(
                "pdftotext",
                &[ex.with_extension("pdf").to_str().expect("utf-8"), "-"],
            );
            assert!(
                plain(&pdf.replace('\n', " ")).contains(&t.deadline_text),
                "{}: the PDF lacks \"{}\"",
                ex.display(),
                t.deadline_text
            );
            let ics = unfold(
                &std::fs::read_to_string(extracts.join(format!("{stem}.ics"))).expect("ics"),
            );
            if let Some(date) = t.deadline.as_ref().and_then(|d| d.date()) {
                let stamp = format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d"));
                assert!(ics.contains(&stamp), "{stem}.ics lacks {stamp}");
                assert!(
                    ics.contains(&format!("Thời hạn: {}", t.deadline_text)),
                    "{stem}.ics"
                );
            }
        }
    }
    // The calendar of the whole table: one event per task with a date or a recurrence.
    let all =
        unfold(&std::fs::read_to_string(dir.path().join(format!("{sample}.ics"))).expect("ics"));
    let expected = table
        .tasks
        .iter()
        .filter(|t| {
            t.deadline
                .as_ref()
                .is_some_and(|d| !matches!(d, vanban::data::deadline::Deadline::Ongoing))
        })
        .count();
    assert_eq!(
        all.matches("BEGIN:VEVENT").count(),
        expected,
        "{sample}.ics"
    );
    assert!(
        all.starts_with("BEGIN:VCALENDAR\r\n"),
        "CRLF line ends (RFC 5545)"
    );
    // Every DOCX of the run passes the validator.
    let n_extracts = std::fs::read_dir(&extracts)
        .expect("extracts")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "docx"))
        .count();
    for (target, files) in [(docx.clone(), 1), (extracts.clone(), n_extracts)] {
        let out = std::process::Command::new(layout::tool("openxml-audit"))
            .arg("--recursive")
            .arg(&target)
            .output()
            .expect("openxml-audit runs");
        let report = String::from_utf8_lossy(&out.stdout);
        let counts: Vec<&str> = report
            .lines()
            .filter_map(|l| l.strip_prefix("Errors: "))
            .collect();
        assert_eq!(
            counts.len(),
            files,
            "openxml-audit {}: {report}",
            target.display()
        );
        assert!(
            out.status.success() && counts.iter().all(|c| c.trim() == "0"),
            "openxml-audit {}: {report}",
            target.display()
        );
    }
}

#[test]
fn seed_000_task_table_in_body_appendix_extracts_and_calendars() {
    every_task_everywhere("cong-van-ubnd-ha-tinh");
}

#[test]
fn xlsx_task_table_in_body_appendix_extracts_and_calendars() {
    every_task_everywhere("cong-van-giao-nhiem-vu-huu-lung");
}

/// A document whose tasks come from `sheet` (written as `name`).
fn doc_with_sheet(dir: &Path, name: &str, sheet: &[u8]) -> PathBuf {
    std::fs::write(dir.join(name), sheet).expect("write sheet");
    let yaml = format!(
        "kind: cong-van\nissuer: {{name: [ỦY BAN NHÂN DÂN, HUYỆN HỮU LŨNG], text: Ủy ban nhân dân huyện Hữu Lũng}}\nnumber: 12\nsymbol: UBND-NN\nplace: Hữu Lũng\ndate: 15/07/2024\nsubject: phân công nhiệm vụ\nrecipients: [UBND các xã]\nbody:\n  - tasks: by-unit\nsignature: {{authority: KT, for: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Nguyễn Văn A}}\ndistribution: [Như trên]\narchive: VT\ntasks:\n  source: {name}\n"
    );
    let doc = dir.join("cv.yaml");
    std::fs::write(&doc, yaml).expect("write doc");
    doc
}

#[test]
fn csv_task_table_renders() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = "Nội dung nhiệm vụ;Cơ quan chủ trì;Cơ quan phối hợp;Thời hạn\nRà soát tiêu chí;Phòng Nông nghiệp;UBND các xã;30/9/2024\nBáo cáo kết quả;UBND các xã;;hằng tháng trước ngày 25\n";
    let doc = doc_with_sheet(dir.path(), "nv.csv", csv.as_bytes());
    let out = vanban(&[
        "render",
        doc.to_str().expect("utf-8"),
        "-o",
        dir.path().to_str().expect("utf-8"),
        "--format",
        "docx",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (body, table) = docx_paragraphs(&dir.path().join("cv.docx"));
    assert!(
        body.iter()
            .any(|p| p == "1. Phòng Nông nghiệp: Rà soát tiêu chí (thời hạn: 30/9/2024)."),
        "{body:?}"
    );
    assert!(
        table.iter().any(|c| c == "Hằng tháng trước ngày 25"),
        "{table:?}"
    );
}

/// Issue 12: deadlines as real plans write them are printed as written (dates normalised),
/// never refused; those with a date go into the calendars, those without get a note.
#[test]
fn deadlines_as_plans_write_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let rows = [
        ("Xây dựng kế hoạch", "2025"),
        ("Tổ chức hội nghị", "Quý IV/2025"),
        ("Báo cáo năm", "Tháng 12 hằng năm"),
        ("Triển khai thí điểm", "Từ tháng 3 đến tháng 6/2025"),
        ("Kiểm tra", "Theo kế hoạch riêng"),
        ("Sơ kết", "Sau khi Kế hoạch được ban hành"),
        ("Tập huấn", "Trong tháng 6"),
        ("Hoàn thiện hồ sơ", "trước ngày 30/06/2025."),
    ];
    let mut csv = String::from("Nội dung nhiệm vụ;Cơ quan chủ trì;Thời hạn\n");
    for (task, deadline) in rows {
        csv.push_str(&format!("{task};Phòng Nông nghiệp;{deadline}\n"));
    }
    let doc = doc_with_sheet(dir.path(), "nv.csv", csv.as_bytes());
    let doc = doc.to_str().expect("utf-8");
    let out = vanban(&["check", doc]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let notes: Vec<&str> = text.lines().filter(|l| l.starts_with("ghi chú:")).collect();
    assert_eq!(notes.len(), 3, "{text}");
    for words in [
        "Theo kế hoạch riêng",
        "Sau khi Kế hoạch được ban hành",
        "Trong tháng 6",
    ] {
        assert!(notes.iter().any(|n| n.contains(words)), "{words}: {text}");
    }
    assert!(text.contains("0 lỗi, 0 cảnh báo, 3 ghi chú."), "{text}");
    // A note never fails the final copy.
    let out_dir = dir.path().join("out");
    let out = vanban(&[
        "render",
        doc,
        "-o",
        out_dir.to_str().expect("utf-8"),
        "--final",
        "--split",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, table) = docx_paragraphs(&out_dir.join("cv.docx"));
    for printed in [
        "2025",
        "Quý IV/2025",
        "Tháng 12 hằng năm",
        "Từ tháng 3 đến tháng 6/2025",
        "Theo kế hoạch riêng",
        "Sau khi Kế hoạch được ban hành",
        "Trong tháng 6",
        "Trước ngày 30/6/2025",
    ] {
        assert!(table.iter().any(|c| c == printed), "{printed}: {table:?}");
    }
    let pdf = run(
        "pdftotext",
        &[out_dir.join("cv.pdf").to_str().expect("utf-8"), "-"],
    );
    assert!(plain(&pdf).contains("Từ tháng 3 đến tháng 6/2025"), "{pdf}");
    // Five deadlines have a date or a recurrence: five events, the yearly one repeating.
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                files(&e.path(), out);
            } else {
                out.push(e.path());
            }
        }
    }
    let mut all = Vec::new();
    files(&out_dir, &mut all);
    let ics = all
        .iter()
        .find(|p| {
            p.extension().is_some_and(|x| x == "ics")
                && !p.to_string_lossy().contains("theo-don-vi")
        })
        .or_else(|| {
            all.iter()
                .find(|p| p.extension().is_some_and(|x| x == "ics"))
        })
        .map(|p| unfold(&std::fs::read_to_string(p).expect("ics")))
        .expect("an .ics calendar");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5, "{ics}");
    for day in ["20251231", "20250630", "20251231"] {
        assert!(
            ics.contains(&format!("DTSTART;VALUE=DATE:{day}")),
            "{day}: {ics}"
        );
    }
    assert!(ics.contains("RRULE:FREQ=YEARLY"), "{ics}");
}

#[test]
fn a_bad_row_names_sheet_row_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = "STT,Nội dung nhiệm vụ,Cơ quan chủ trì,Thời hạn\n1,Rà soát,Phòng Nông nghiệp,30/9/2024\n2,Báo cáo,,31/6/2024\n";
    let doc = doc_with_sheet(dir.path(), "nv.csv", csv.as_bytes());
    let out = vanban(&[
        "render",
        doc.to_str().expect("utf-8"),
        "-o",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nv.csv, dòng 3: cột C (Cơ quan chủ trì): nhiệm vụ không có cơ quan chủ trì"),
        "{err}"
    );
    assert!(
        err.contains(
            "nv.csv, dòng 3: cột D (Thời hạn): ngày `31/6/2024` không tồn tại (tháng 6 năm 2024 không có ngày 31)"
        ),
        "{err}"
    );
    assert!(!dir.path().join("cv.pdf").exists() && !dir.path().join("cv.docx").exists());
}

#[test]
fn a_malformed_workbook_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("tmp");
    // Half of a real workbook: a truncated zip.
    let xlsx = std::fs::read(root().join("samples/tasks-huu-lung.xlsx")).expect("sample xlsx");
    let doc = doc_with_sheet(dir.path(), "nv.xlsx", &xlsx[..xlsx.len() / 2]);
    let out = vanban(&[
        "render",
        doc.to_str().expect("utf-8"),
        "-o",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nv.xlsx") && err.contains("không mở được bảng tính"),
        "{err}"
    );
    assert!(
        err.contains("tasks.source"),
        "the hint names the field that points at the sheet: {err}"
    );
    // A header the reader does not know, and a missing required column.
    let doc = doc_with_sheet(dir.path(), "nv.csv", "Việc,Chủ trì\nA,B\n".as_bytes());
    let out = vanban(&["check", doc.to_str().expect("utf-8")]);
    let err = String::from_utf8_lossy(&out.stdout);
    assert!(err.contains("cột A có tên `Việc` không dùng được"), "{err}");
    assert!(err.contains("thiếu cột `Nội dung nhiệm vụ`"), "{err}");
}

#[test]
fn the_xlsx_sample_is_read_with_its_sheet_and_groups() {
    let sheet = vanban::data::sheet::Sheet::read(&root().join("samples/tasks-huu-lung.xlsx"), None)
        .expect("reads");
    assert_eq!(sheet.name.as_deref(), Some("Nhiệm vụ"));
    let csv = vanban::data::sheet::Sheet::read(&root().join("samples/tasks-huu-lung.csv"), None)
        .expect("reads");
    assert_eq!(sheet.headers, csv.headers);
    let cells =
        |s: &vanban::data::sheet::Sheet| s.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>();
    assert_eq!(
        cells(&sheet),
        cells(&csv),
        "the workbook and its CSV source hold the same table"
    );
}

#[test]
fn a_bad_task_row_is_one_error_not_also_a_missing_body() {
    // A body made only of `- tasks: all` is emptied when the table fails: the table's error
    // is the only one (issue 18, class 12: no false second error).
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("nhiem-vu.yaml");
    std::fs::write(
        &file,
        "issuer:\n  name: [ỦY BAN NHÂN DÂN, XÃ AN BÌNH]\n  text: Ủy ban nhân dân xã An Bình\nnumber: 12\nsymbol: UBND-VP\nplace: An Bình\ndate: 15/04/2025\nsubject: triển khai rà soát tiêu chí năm 2025\nrecipients: [Các thôn]\nbody:\n  - tasks: all\ntasks:\n  items:\n    - content: Rà soát tiêu chí\n      lead: \"\"\n      deadline: 30/6/2025\nsignature:\n  authority: TM\n  for: Ủy ban nhân dân\n  title: Chủ tịch\n  name: Lê Văn B\ndistribution: [Như trên]\narchive: VT\n",
    )
    .expect("writes");
    let out = vanban(&["check", &file.display().to_string()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("`tasks.items[0].lead`"), "{text}");
    assert!(!text.contains("thiếu nội dung"), "{text}");
    assert!(text.contains("1 lỗi"), "{text}");
}
