//! The command line: exit codes, messages a clerk reads, and no output left behind on error.

mod common;

use std::path::Path;

use common::*;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn sample_text() -> String {
    std::fs::read_to_string(root().join("samples/cong-van-ubnd-huu-lung.yaml")).unwrap()
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".yaml") && !n.ends_with(".json") && !n.ends_with(".toml"))
        .collect()
}

#[test]
fn help_is_vietnamese_and_usage_errors_exit_2() {
    let out = vanban(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("Cách dùng") && help.contains("render"),
        "{help}"
    );
    let out = vanban(&["render", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("--format") && help.contains("Thư mục ghi kết quả"),
        "{help}"
    );

    assert_eq!(vanban(&["render"]).status.code(), Some(2));
    assert_eq!(
        vanban(&["render", "x.yaml", "--format", "odt"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(vanban(&["bogus"]).status.code(), Some(2));
    let err = String::from_utf8_lossy(&vanban(&["bogus"]).stderr).into_owned();
    assert!(err.contains("gọi lệnh sai cách"), "{err}");
}

#[test]
fn malformed_yaml_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = sample_text().replacen("place: Hữu Lũng", "place: [Hữu Lũng", 1);
    let f = write(dir.path(), "hong.yaml", &bad);
    let out = vanban(&["render", &f, "-o", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("hong.yaml") && err.contains("dòng") && err.contains("cách sửa"),
        "{err}"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn missing_fields_are_all_reported_with_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text()
        .replace("  name: Dương Thị Hạnh\n", "")
        .replace("symbol: UBND-NN\n", "");
    let f = write(dir.path(), "thieu.yaml", &text);
    let out = vanban(&["render", &f, "-o", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("trường `signature.name`") && err.contains("họ tên người ký"),
        "{err}"
    );
    assert!(
        err.contains("trường `symbol`") && err.contains("ký hiệu"),
        "{err}"
    );
    // the signature block's line is named for the missing name
    let sig_line = text
        .lines()
        .position(|l| l.starts_with("signature:"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("dòng {sig_line}")), "{err}");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn impossible_date_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text().replace("date: 7/2024", "date: 30/02/2024");
    let f = write(dir.path(), "ngay.yaml", &text);
    let out = vanban(&["render", &f, "-o", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let line = text.lines().position(|l| l.starts_with("date:")).unwrap() + 1;
    assert!(
        err.contains(&format!("dòng {line}")) && err.contains("không tồn tại"),
        "{err}"
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn unknown_field_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text().replace("place: Hữu Lũng", "place: Hữu Lũng\nplcae: x");
    let f = write(dir.path(), "la.yaml", &text);
    let out = vanban(&["render", &f, "-o", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`plcae`") && err.contains("dòng"), "{err}");
}

#[test]
fn a_bad_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "tot.yaml", &sample_text());
    let bad = write(dir.path(), "xau.yaml", "kind: [");
    let out = vanban(&[
        "render",
        &bad,
        &good,
        "-o",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let mut left = leftovers(dir.path());
    left.sort();
    assert_eq!(left, vec!["tot.docx", "tot.pdf"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 văn bản đã tạo, 1 văn bản lỗi"), "{err}");
}

#[test]
fn json_and_toml_read_into_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let json = r#"{"issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"]}, "number": 5, "symbol": "UBND-VP",
      "place": "An Bình", "date": "05/01/2025", "subject": "họp giao ban",
      "recipients": ["Các thôn"], "body": ["Đề nghị các thôn dự họp."],
      "signature": {"authority": "TM", "for": "Ủy ban nhân dân", "title": "Chủ tịch", "name": "Lê Văn B"},
      "distribution": ["Như trên"], "archive": "VT"}"#;
    let toml = "symbol = \"UBND-VP\"\nnumber = 5\nplace = \"An Bình\"\ndate = \"05/01/2025\"\nsubject = \"họp giao ban\"\nrecipients = [\"Các thôn\"]\nbody = [\"Đề nghị các thôn dự họp.\"]\ndistribution = [\"Như trên\"]\narchive = \"VT\"\n[issuer]\nname = [\"ỦY BAN NHÂN DÂN\", \"XÃ AN BÌNH\"]\n[signature]\nauthority = \"TM\"\nfor = \"Ủy ban nhân dân\"\ntitle = \"Chủ tịch\"\nname = \"Lê Văn B\"\n";
    let j = write(dir.path(), "a.json", json);
    let t = write(dir.path(), "b.toml", toml);
    let tree = |f: &str| {
        let out = vanban(&["render", f, "--emit", "tree"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let a = tree(&j);
    assert_eq!(a, tree(&t));
    assert!(
        a.contains("Số: 05/UBND-VP") && a.contains("ngày 05 tháng 01 năm 2025"),
        "{a}"
    );
    assert!(
        a.contains("TM. ỦY BAN NHÂN DÂN") && a.contains("Kính gửi:"),
        "{a}"
    );
    // JSON syntax errors carry their line
    let bad = write(dir.path(), "c.json", "{\n\"symbol\": \"x\",\n}");
    let err = String::from_utf8_lossy(&vanban(&["render", &bad]).stderr).into_owned();
    assert!(err.contains("c.json, dòng 3"), "{err}");
}

#[test]
fn user_templates_override_and_are_confined() {
    let dir = tempfile::tempdir().unwrap();
    let tdir = dir.path().join("mau");
    std::fs::create_dir(&tdir).unwrap();
    // the shared macros are a template too: overriding them changes every kind
    let builtin = std::fs::read_to_string(root().join("templates/_common.vb")).unwrap();
    std::fs::write(
        tdir.join("_common.vb"),
        builtin.replace(
            "::dist-label Nơi nhận:",
            "::dist-label Nơi nhận (mẫu riêng):",
        ),
    )
    .unwrap();
    let f = write(dir.path(), "x.yaml", &sample_text());
    let out = vanban(&[
        "render",
        &f,
        "--templates",
        &tdir.display().to_string(),
        "--emit",
        "markup",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Nơi nhận (mẫu riêng):"));

    // a template that tries to leave its folder, and one that never ends
    std::fs::write(
        tdir.join("cong-van.vb"),
        "{% include \"../../etc/passwd\" %}",
    )
    .unwrap();
    let out = vanban(&[
        "render",
        &f,
        "--templates",
        &tdir.display().to_string(),
        "-o",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không hợp lệ"));
    std::fs::write(
        tdir.join("cong-van.vb"),
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    )
    .unwrap();
    let out = vanban(&[
        "render",
        &f,
        "--templates",
        &tdir.display().to_string(),
        "-o",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("quá lâu"));
    assert_eq!(leftovers(dir.path()), vec!["mau".to_string()]);
}

#[test]
fn same_input_gives_identical_files() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let s = root()
        .join("samples/cong-van-ubnd-huu-lung.yaml")
        .display()
        .to_string();
    let other = root()
        .join("samples/cong-van-ubnd-ha-tinh.yaml")
        .display()
        .to_string();
    assert!(
        vanban(&["render", &s, "-o", &a.path().display().to_string()])
            .status
            .success()
    );
    // in a batch, after another document
    assert!(
        vanban(&["render", &other, &s, "-o", &b.path().display().to_string()])
            .status
            .success()
    );
    for ext in ["pdf", "docx"] {
        let x = std::fs::read(a.path().join(format!("cong-van-ubnd-huu-lung.{ext}"))).unwrap();
        let y = std::fs::read(b.path().join(format!("cong-van-ubnd-huu-lung.{ext}"))).unwrap();
        assert!(x == y, "{ext} differs between runs");
    }
}

#[test]
fn final_requires_number_and_full_date_and_drops_the_draft_mark() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text().replace("archive: VT, NN", "archive: VT, NN\ndraft_mark: true");
    let f = write(dir.path(), "du-thao.yaml", &text);
    let out = vanban(&[
        "render",
        "--final",
        &f,
        "-o",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("trường `number`") && err.contains("trường `date`"),
        "{err}"
    );
    assert!(leftovers(dir.path()).is_empty());

    let draft = vanban(&["render", &f, "--emit", "markup"]);
    assert!(String::from_utf8_lossy(&draft.stdout).contains("::draft-mark DỰ THẢO"));
    let full = text
        .replace("number: \"\"", "number: 7")
        .replace("date: 7/2024", "date: 15/7/2024");
    let f = write(dir.path(), "chinh-thuc.yaml", &full);
    let out = vanban(&["render", "--final", &f, "--emit", "markup"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let markup = String::from_utf8_lossy(&out.stdout);
    assert!(!markup.contains("DỰ THẢO"));
    assert!(
        markup.contains("Số: 07/UBND-NN") && markup.contains("ngày 15 tháng 7 năm 2024"),
        "{markup}"
    );
}

#[test]
fn pdf_a_2b_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let s = root()
        .join("samples/quyet-dinh-ubnd-ha-tinh.yaml")
        .display()
        .to_string();
    let out = vanban(&[
        "render",
        &s,
        "--format",
        "pdf",
        "--pdf-standard",
        "a-2b",
        "-o",
        &dir.path().display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("quyet-dinh-ubnd-ha-tinh.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("<pdfaid:part>2</pdfaid:part>")
            && text.contains("<pdfaid:conformance>B</pdfaid:conformance>")
    );
    assert!(
        text.contains("2025-02-05"),
        "the document's date is the PDF's date"
    );
    // a plain PDF carries no PDF/A claim
    let out = vanban(&[
        "render",
        &s,
        "--format",
        "pdf",
        "-o",
        &dir.path().display().to_string(),
    ]);
    assert!(out.status.success());
    let pdf = std::fs::read(dir.path().join("quyet-dinh-ubnd-ha-tinh.pdf")).unwrap();
    assert!(!String::from_utf8_lossy(&pdf).contains("pdfaid:part"));
}

#[test]
fn check_reports_exactly_the_real_problems_of_the_samples() {
    let mut args = vec!["check".to_string(), "--format".into(), "json".into()];
    for s in samples() {
        args.push(s.path.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = vanban(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Notes (severity info, e.g. the Party profile chosen by date) are not problems.
    let items: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .collect();
    // seed 001 cites "Kế hoạch số 318/KH-UBND ngày 20/20/2023": the one problem there is
    assert_eq!(items.len(), 1, "{v:#}");
    let f = &items[0];
    assert_eq!(f["rule"], "cited-date-impossible");
    assert!(
        f["file"]
            .as_str()
            .unwrap()
            .ends_with("cong-van-ubnd-huu-lung.yaml")
    );
    let text = std::fs::read_to_string(root().join("samples/cong-van-ubnd-huu-lung.yaml")).unwrap();
    let line = text
        .lines()
        .position(|l| !l.trim_start().starts_with('#') && l.contains("20/20/2023"))
        .unwrap()
        + 1;
    assert_eq!(f["line"], line);
    assert!(f["source"].as_str().unwrap().contains("NĐ 30/2020"));
}

#[test]
fn check_speaks_english_on_request_and_denies_warnings() {
    let s = root()
        .join("samples/cong-van-ubnd-huu-lung.yaml")
        .display()
        .to_string();
    let out = vanban(&["check", &s, "--lang", "en"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("does not exist") && text.contains("1 warning(s)"),
        "{text}"
    );
    let out = vanban(&["check", &s, "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
    // render prints the same warning, and stops with --deny-warnings
    let dir = tempfile::tempdir().unwrap();
    let out = vanban(&[
        "render",
        &s,
        "-o",
        &dir.path().display().to_string(),
        "--format",
        "pdf",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("20/20/2023"));
    let dir = tempfile::tempdir().unwrap();
    let out = vanban(&[
        "render",
        &s,
        "-o",
        &dir.path().display().to_string(),
        "--deny-warnings",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn hostile_inputs_end_in_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let o = out_dir.display().to_string();
    // a 50 MB file
    let big = dir.path().join("lon.yaml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let out = vanban(&["render", &big.display().to_string(), "-o", &o]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tệp quá lớn"));
    // deeply nested YAML
    let deep = write(
        dir.path(),
        "sau.yaml",
        &format!("body: {}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let out = vanban(&["render", &deep, "-o", &o]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // invalid UTF-8 (a TCVN3 file saved as bytes), with its line
    let bad = dir.path().join("tcvn3.yaml");
    std::fs::write(&bad, b"place: H\xb5 N\xe9i\n").unwrap();
    let out = vanban(&["render", &bad.display().to_string(), "-o", &o]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("UTF-8") && err.contains("dòng 1"), "{err}");
    // an alias bomb
    let bomb = write(
        dir.path(),
        "bom.yaml",
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
    );
    let out = vanban(&["render", &bomb, "-o", &o]);
    assert_eq!(out.status.code(), Some(1));
    // nothing was written for any of them
    assert!(!out_dir.exists() || leftovers(&out_dir).is_empty());
}

#[test]
fn party_2026_profile_warns_and_party_2018_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let base =
        std::fs::read_to_string(root().join("samples/cong-van-tinh-uy-ha-tinh-1144.yaml")).unwrap();
    let o = dir.path().display().to_string();
    let new = write(
        dir.path(),
        "moi.yaml",
        &base.replace("date: 05/8/2022", "date: 15/01/2026"),
    );
    let out = vanban(&["render", &new, "-o", &o, "--format", "pdf"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cảnh báo") && err.contains("399-QĐ/TW"),
        "{err}"
    );
    let tree =
        String::from_utf8_lossy(&vanban(&["render", &new, "--emit", "tree"]).stdout).into_owned();
    assert!(tree.contains("\"profile\": \"party-2026\""));
    // the day before QĐ 399 took effect: the 2018 rules, no warning
    let old = write(
        dir.path(),
        "cu.yaml",
        &base.replace("date: 05/8/2022", "date: 08/01/2026"),
    );
    let out = vanban(&["render", &old, "-o", &o, "--format", "pdf"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("399-QĐ/TW"));
    let tree =
        String::from_utf8_lossy(&vanban(&["render", &old, "--emit", "tree"]).stdout).into_owned();
    assert!(tree.contains("\"profile\": \"party-2018\""));
}

#[test]
fn appendix_labels_and_other_post() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root().join("samples/chi-thi-ubnd-kon-tum.yaml")).unwrap();
    let i = base.find("appendices:\n").unwrap();
    let one = &base[i + "appendices:\n".len()..];
    let two = format!("{base}{one}");
    let two = two.replacen(
        "  title: CHỦ TỊCH\n",
        "  title: CHỦ TỊCH\n  other_post: TRƯỞNG BAN CHỈ ĐẠO\n",
        1,
    );
    let f = write(dir.path(), "hai.yaml", &two);
    let out = vanban(&["render", &f, "--emit", "markup"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = String::from_utf8_lossy(&out.stdout);
    assert!(
        m.contains("::appendix-label Phụ lục I\n") && m.contains("::appendix-label Phụ lục II\n"),
        "{m}"
    );
    assert!(m.contains("::sign-post TRƯỞNG BAN CHỈ ĐẠO"));
    // a single appendix is just "Phụ lục"
    let out = vanban(&[
        "render",
        &root()
            .join("samples/chi-thi-ubnd-kon-tum.yaml")
            .display()
            .to_string(),
        "--emit",
        "markup",
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("::appendix-label Phụ lục\n"));
    // a row that does not fill the table is an error with its place
    let bad = base.replace(
        "        - [\"1\", \"Xã Đăk Trăm\", \"Huyện Đăk Tô\", ",
        "        - [\"Huyện Đăk Tô\", ",
    );
    let f = write(dir.path(), "bang.yaml", &bad);
    let out = vanban(&["render", &f, "--emit", "markup"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("appendices[0].table.rows[1]") && err.contains("dòng"),
        "{err}"
    );
}

#[test]
fn every_party_kind_renders_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let base =
        std::fs::read_to_string(root().join("samples/cong-van-tinh-uy-ha-tinh-1144.yaml")).unwrap();
    let base = base.replace("recipients:              # chosen (plausible), see above\n  - Các huyện, thành, thị ủy, đảng ủy trực thuộc Tỉnh ủy\n  - Các sở, ban, ngành, Mặt trận Tổ quốc và các đoàn thể cấp tỉnh\n", "");
    for (kind, name, code) in [
        ("dang-nghi-quyet", "NGHỊ QUYẾT", "NQ"),
        ("dang-chi-thi", "CHỈ THỊ", "CT"),
        ("dang-thong-bao", "THÔNG BÁO", "TB"),
        ("dang-bao-cao", "BÁO CÁO", "BC"),
        ("dang-quy-dinh", "QUY ĐỊNH", "QĐ"),
        ("dang-ket-luan", "KẾT LUẬN", "KL"),
    ] {
        let f = write(
            dir.path(),
            &format!("{kind}.yaml"),
            &base.replace("kind: dang-cong-van", &format!("kind: {kind}")),
        );
        let out = vanban(&["render", &f, "-o", &dir.path().display().to_string()]);
        assert!(
            out.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let m = String::from_utf8_lossy(&vanban(&["render", &f, "--emit", "markup"]).stdout)
            .into_owned();
        assert!(m.contains(&format!("::kind-name {name}")), "{kind}");
        assert!(
            m.contains(&format!("::number Số 1144-{code}/TU")),
            "{kind}: {m}"
        );
        assert!(m.contains("::sign-authority T/M BAN THƯỜNG VỤ"), "{kind}");
    }
}

#[test]
fn acting_and_authorised_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let base = sample_text();
    let q = base.replace(
        "signature:\n  authority: KT\n  for: CHỦ TỊCH\n  title: PHÓ CHỦ TỊCH\n",
        "signature:\n  authority: Q\n  for: Chủ tịch\n",
    );
    let f = write(dir.path(), "q.yaml", &q);
    let out = vanban(&["render", &f, "--emit", "markup"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        m.contains("::sign-authority Q. CHỦ TỊCH\n") && !m.contains("::sign-title"),
        "{m}"
    );
    let tuq = base.replace(
        "authority: KT\n  for: CHỦ TỊCH\n  title: PHÓ CHỦ TỊCH",
        "authority: TUQ\n  for: CHỦ TỊCH\n  title: CHÁNH VĂN PHÒNG",
    );
    let f = write(dir.path(), "tuq.yaml", &tuq);
    let m =
        String::from_utf8_lossy(&vanban(&["render", &f, "--emit", "markup"]).stdout).into_owned();
    assert!(
        m.contains("::sign-authority TUQ. CHỦ TỊCH\n::sign-title CHÁNH VĂN PHÒNG"),
        "{m}"
    );
    // an authority NĐ 30 does not know is refused with its line
    let bad = base.replace("authority: KT", "authority: TT");
    let f = write(dir.path(), "tt.yaml", &bad);
    let out = vanban(&["render", &f, "--emit", "markup"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("signature.authority"));
}
