//! Batches: parallel equals sequential, the manifest tells the truth, mail merge makes one
//! document per row, reports a bad row by its number and keeps names inside the folder.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use sha2::{Digest, Sha256};

fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("manifest written"))
        .expect("manifest is JSON")
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every output the manifest lists exists with that size and checksum, and every file in
/// the folder (but the manifest) is listed.
fn assert_manifest_true(dir: &Path) -> serde_json::Value {
    let m = manifest(dir);
    let files = files_of(dir);
    let outputs = m["outputs"].as_array().expect("outputs");
    for o in outputs {
        let name = o["output"].as_str().unwrap();
        let bytes = files
            .get(name)
            .unwrap_or_else(|| panic!("{name} listed, not written"));
        assert_eq!(o["bytes"].as_u64().unwrap(), bytes.len() as u64, "{name}");
        assert_eq!(o["sha256"].as_str().unwrap(), hex(bytes), "{name}");
        assert_eq!(
            o["format"].as_str().unwrap(),
            Path::new(name).extension().unwrap().to_str().unwrap()
        );
    }
    assert_eq!(outputs.len(), files.len() - 1, "every file is listed once");
    m
}

fn render(files: &[String], dir: &Path, jobs: &str) -> std::process::Output {
    let mut args = vec!["render".to_string()];
    args.extend(files.iter().cloned());
    args.extend([
        "-o".into(),
        dir.display().to_string(),
        "-j".into(),
        jobs.into(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    vanban(&args)
}

#[test]
fn parallel_batch_equals_sequential_and_manifest_is_true() {
    let files: Vec<String> = samples()
        .iter()
        .map(|s| s.path.display().to_string())
        .collect();
    let seq = tempfile::tempdir().unwrap();
    let par = tempfile::tempdir().unwrap();
    let out = render(&files, seq.path(), "1");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = render(&files, par.path(), "4");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "Tổng kết: {} văn bản đã tạo, 0 văn bản lỗi",
            files.len()
        )),
        "{err}"
    );
    // Messages come in input order whatever thread finished first.
    let created: Vec<&str> = err
        .lines()
        .filter_map(|l| l.strip_prefix("đã tạo "))
        .collect();
    let stems: Vec<String> = created
        .iter()
        .map(|p| {
            Path::new(p)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut expected = Vec::new();
    for s in samples() {
        expected.push(s.stem.clone());
        expected.push(s.stem.clone());
    }
    assert_eq!(stems, expected);

    let a = files_of(seq.path());
    let b = files_of(par.path());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between -j 1 and -j 4");
    }
    let m = assert_manifest_true(par.path());
    assert_eq!(m["documents"].as_u64(), Some(files.len() as u64));
    assert_eq!(m["outputs"].as_array().unwrap().len(), 2 * files.len());
    // Pages in the manifest are the PDF's pages.
    let first = &m["outputs"][0];
    let pdf = par.path().join(first["output"].as_str().unwrap());
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse::<u64>()
        .unwrap();
    assert_eq!(first["pages"].as_u64(), Some(pages));
}

fn merge(table: &str, dir: &Path, extra: &[&str]) -> std::process::Output {
    let template = root().join("samples/merge/cong-van-xa.yaml");
    let mut args = vec![
        "merge",
        template.to_str().unwrap(),
        table,
        "-o",
        dir.to_str().unwrap(),
    ];
    args.extend(extra);
    vanban(&args)
}

fn sample_table() -> String {
    std::fs::read_to_string(root().join("samples/merge/cac-xa.csv")).unwrap()
}

#[test]
fn merge_makes_one_document_per_row_and_is_reproducible() {
    let table = root().join("samples/merge/cac-xa.csv");
    let rows = sample_table().lines().count() - 1;
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let args = ["--name-column", "Tên tệp"];
    let out = merge(table.to_str().unwrap(), one.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = merge(
        table.to_str().unwrap(),
        two.path(),
        &["--name-column", "Tên tệp", "-j", "1"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = assert_manifest_true(one.path());
    assert_eq!(m["documents"].as_u64(), Some(rows as u64));
    assert_eq!(m["outputs"].as_array().unwrap().len(), 2 * rows);
    // Two runs: the same bytes, manifest included.
    assert_eq!(files_of(one.path()), files_of(two.path()));
    // Each record's data is in its own document, and the record is in the manifest.
    let o = m["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["output"] == "cong-van-xa-tung-loc.pdf")
        .expect("named from the column");
    assert_eq!(o["record"]["row"].as_u64(), Some(4));
    let text = run(
        "pdftotext",
        &[
            one.path()
                .join("cong-van-xa-tung-loc.pdf")
                .to_str()
                .unwrap(),
            "-",
        ],
    );
    assert!(text.contains("Ủy ban nhân dân xã Tùng Lộc"), "{text}");
    assert!(text.contains("không có (\"đạt toàn bộ\")"), "{text}");
    assert!(!text.contains("Cẩm Bình"), "{text}");
    let docx = docx_text(&one.path().join("cong-van-xa-tung-loc.docx"));
    assert!(docx.contains("15/7/2025"), "{docx}");
}

#[test]
fn a_bad_row_is_reported_by_number_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut table = sample_table();
    let rows = table.lines().count() - 1;
    // Row rows+2 (header is row 1): a month 13.
    table.push_str("xa-loi,Lỗi,Huyện,1,32/13/2025,1,1,1,không,30/6/2025,1,Cán bộ,0239\n");
    let csv = dir.path().join("bang.csv");
    std::fs::write(&csv, table).unwrap();
    let out_dir = dir.path().join("out");
    let out = merge(
        csv.to_str().unwrap(),
        &out_dir,
        &["--name-column", "Tên tệp"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let bad_row = rows + 2;
    assert!(
        err.contains(&format!("dòng {bad_row}, cột E (Ngày)")) && err.contains("tháng 13"),
        "{err}"
    );
    // The template line of the field is given too.
    assert!(
        err.contains("cong-van-xa.yaml, dòng 12, trường `date`"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{rows} văn bản đã tạo, 1 văn bản lỗi")),
        "{err}"
    );
    let m = assert_manifest_true(&out_dir);
    assert_eq!(m["failed"].as_u64(), Some(1));
    assert_eq!(
        m["failures"][0]["record"]["row"].as_u64(),
        Some(bad_row as u64)
    );
    assert!(!out_dir.join("xa-loi.pdf").exists());
    assert_eq!(m["outputs"].as_array().unwrap().len(), 2 * rows);
}

#[test]
fn cell_text_cannot_change_the_template_structure() {
    let dir = tempfile::tempdir().unwrap();
    let header = sample_table().lines().next().unwrap().to_string();
    // YAML structure, jinja syntax and quotes in cells stay text.
    let table = format!(
        "{header}\nthu,\"Hòa: \"\"A\"\"\nkind: quyet-dinh\n- x\",H,5,05/6/2025,3,1,2,\"{{{{ so }}}} {{% for %}}\",30/6/2025,1,Cán bộ,0239\n"
    );
    let csv = dir.path().join("bang.csv");
    std::fs::write(&csv, table).unwrap();
    let out_dir = dir.path().join("out");
    let out = merge(
        csv.to_str().unwrap(),
        &out_dir,
        &["--name-column", "Tên tệp", "--format", "pdf"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = run(
        "pdftotext",
        &[out_dir.join("thu.pdf").to_str().unwrap(), "-"],
    );
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Hòa: \"A\" kind: quyet-dinh - x"), "{flat}");
    assert!(flat.contains("{{ so }} {% for %}"), "{flat}");
    assert!(
        flat.contains("CÔNG VĂN") || !flat.contains("QUYẾT ĐỊNH"),
        "{flat}"
    );
}

#[test]
fn names_from_data_stay_in_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = sample_table().lines().map(String::from).collect::<Vec<_>>();
    let names = [
        "../../thoat",
        "/etc/passwd",
        "..",
        "",
        "C:\\Windows\\x",
        "trùng",
        "Trùng",
    ];
    for (i, name) in names.iter().enumerate() {
        let row = lines[1 + i % (lines.len() - 1)].clone();
        let rest = row.split_once(',').unwrap().1.to_string();
        lines.push(format!("\"{name}\",{rest}"));
    }
    let table = lines[..1]
        .iter()
        .chain(lines[lines.len() - names.len()..].iter())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    let csv = dir.path().join("bang.csv");
    std::fs::write(&csv, table).unwrap();
    let out_dir = dir.path().join("a").join("out");
    let out = merge(
        csv.to_str().unwrap(),
        &out_dir,
        &["--name-column", "Tên tệp", "--format", "docx"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let mut written: Vec<String> = files_of(&out_dir).into_keys().collect();
    written.sort();
    assert_eq!(
        written,
        vec![
            "c-windows-x.docx",
            "cong-van-xa-dong-5.docx",
            "etc-passwd.docx",
            "manifest.json",
            "thoat.docx",
            "trung-dong-8.docx",
            "trung.docx",
            "van-ban.docx",
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>(),
        "{err}"
    );
    // Nothing was written beside or above the folder.
    let names_in = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names_in(dir.path()), vec!["a", "bang.csv"]);
    assert_eq!(names_in(&dir.path().join("a")), vec!["out"]);
    assert!(err.contains("trùng với dòng 7"), "{err}");
    assert!(err.contains("ô tên tệp để trống"), "{err}");
}

#[test]
fn a_misspelt_column_stops_the_merge_before_any_row() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(root().join("samples/merge/cong-van-xa.yaml"))
        .unwrap()
        .replace("{{ huyen }}", "{{ huyem }}");
    let t = dir.path().join("mau.yaml");
    std::fs::write(&t, template).unwrap();
    let table = root().join("samples/merge/cac-xa.csv");
    let out_dir = dir.path().join("out");
    let out = vanban(&[
        "merge",
        t.to_str().unwrap(),
        table.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`huyem`") && err.contains("huyen (cột Huyện)"),
        "{err}"
    );
    assert!(err.contains("trường `distribution[3]`"), "{err}");
    assert!(!out_dir.exists() || files_of(&out_dir).is_empty());
}

#[test]
fn merge_from_a_workbook_equals_merge_from_csv() {
    let csv = tempfile::tempdir().unwrap();
    let xlsx = tempfile::tempdir().unwrap();
    let args = ["--name-column", "Tên tệp", "--format", "pdf"];
    let table = root().join("samples/merge/cac-xa.csv");
    let out = merge(table.to_str().unwrap(), csv.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The same records in a workbook (numbers stored as numbers), sheet "Các xã".
    let book = root().join("samples/merge/cac-xa.xlsx");
    let out = merge(
        book.to_str().unwrap(),
        xlsx.path(),
        &[
            "--name-column",
            "Tên tệp",
            "--format",
            "pdf",
            "--sheet",
            "Các xã",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = files_of(csv.path());
    let b = files_of(xlsx.path());
    for (name, bytes) in a.iter().filter(|(n, _)| n.ends_with(".pdf")) {
        assert!(bytes == &b[name], "{name} differs between CSV and XLSX");
    }
    let m = assert_manifest_true(xlsx.path());
    assert_eq!(m["outputs"][0]["record"]["sheet"], "Các xã");
}

/// A document's outputs are one unit: when its DOCX cannot be written (the path is a folder)
/// the PDF of the previous run stays as it was; output files get the usual permissions; a
/// `.part` file a killed run left is removed by the next run.
#[test]
fn outputs_are_one_unit_with_usual_permissions_and_no_leftovers() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path();
    let sample = root().join("samples/giay-moi-ubnd-huu-lung.yaml");
    let s = sample.to_str().expect("utf-8").to_string();
    // a temporary file left by a run killed long ago
    let stale = out.join(".vanban-killed.part");
    std::fs::write(&stale, b"half").expect("write");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(old))
        .expect("age the file");
    let o = render(std::slice::from_ref(&s), out, "1");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!stale.exists(), "the stale .part file is removed");
    let pdf = out.join("giay-moi-ubnd-huu-lung.pdf");
    let docx = out.join("giay-moi-ubnd-huu-lung.docx");
    let words: Vec<String> = pdf_words(&pdf).into_iter().map(|w| w.text).collect();
    assert!(
        words.windows(2).any(|w| w[0] == "GIẤY" && w[1] == "MỜI"),
        "{words:?}"
    );
    assert!(docx_text(&docx).contains("GIẤY MỜI"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let usual = out.join("usual.txt");
        std::fs::write(&usual, b"x").expect("write");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&pdf), mode(&usual));
        assert_eq!(mode(&docx), mode(&usual));
    }
    // the DOCX's place is taken by a folder: the document fails, its PDF is not replaced
    let before = std::fs::read(&pdf).expect("pdf");
    std::fs::remove_file(&docx).expect("rm");
    std::fs::create_dir(&docx).expect("mkdir");
    std::fs::write(&pdf, b"previous run").expect("write");
    let o = render(std::slice::from_ref(&s), out, "1");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&pdf).expect("pdf"), b"previous run");
    assert!(!before.is_empty());
    let parts = std::fs::read_dir(out)
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".part"))
        })
        .count();
    assert_eq!(parts, 0, "no temporary file is left");
}
