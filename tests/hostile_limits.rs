//! Hostile input, part two (issue 18): size limits of one document (class 5), control
//! characters (class 8), tables and sections that `check` must refuse when render cannot
//! draw them the same in both formats (class 10), layout values (class 11). Every input is
//! generated here from a sample; none is stored.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use vanban::data::walk;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(common::root().join("samples").join(name)).expect("sample")
}

/// The sample `name` with its top-level `body:` replaced by `body` (YAML lines).
fn with_body(name: &str, body: &str) -> String {
    let s = sample(name);
    let i = s.find("\nbody:\n").expect("body") + 1;
    let after = i + "body:\n".len();
    let mut end = after;
    for line in s[after..].split_inclusive('\n') {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            break;
        }
        end += line.len();
    }
    format!("{}body:\n{}{}", &s[..i], body, &s[end..])
}

/// The Kon Tum directive (it has an appendix table) with its table's columns and rows
/// replaced by `table` (YAML lines under `table:`).
fn with_table(table: &str) -> String {
    let s = sample("chi-thi-ubnd-kon-tum.yaml");
    let i = s.find("      columns:\n").expect("table");
    format!("{}{}", &s[..i], table)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// stdout and stderr of a run, and its exit code.
fn run(args: &[&str]) -> (Option<i32>, String) {
    let o = common::vanban(args);
    (
        o.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

/// `check` and `render` of `doc` both exit 1 with `vi` in the message (and `en` with
/// `--lang en`), never a panic, never an internal error.
fn refused_by_check_and_render(dir: &Path, doc: &Path, vi: &str, en: &str) {
    let (code, out) = run(&["check", doc.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains(vi), "{out}");
    let (code, out) = run(&["check", "--lang", "en", doc.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains(en), "{out}");
    let o = dir.join("out");
    let (code, out) = run(&["render", doc.to_str().unwrap(), "-o", o.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains(vi), "{out}");
    assert!(
        !out.contains("nội bộ") && !out.contains("panicked"),
        "{out}"
    );
    assert!(std::fs::read_dir(&o).map_or(true, |mut d| d.all(|e| {
        let n = e.unwrap().file_name();
        n == "manifest.json"
    })));
}

/// A paragraph of `n` characters of Vietnamese words.
fn words(n: usize) -> String {
    let w = "Ủy ban nhân dân huyện đề nghị các cơ quan đơn vị triển khai thực hiện nghiêm túc ";
    w.chars().cycle().take(n).collect()
}

/// Class 10: every table the loader accepts renders; what neither format can draw is
/// refused by `check` with the field named, in both languages.
#[test]
fn tables_check_refuses_what_render_cannot_draw() {
    let dir = tmp();
    let head = "      columns:\n        - {title: STT}\n        - {title: Tên}\n        - {title: Ghi chú}\n";
    let cases: [(&str, String, &str, &str); 6] = [
        (
            "span",
            format!(
                "{head}      rows:\n        - [\"1\", {{text: a, span: 18446744073709551615}}, \"c\"]\n"
            ),
            "`appendices[0].table.rows[0][1].span`: ô gộp 18446744073709551615 cột nhưng hàng chỉ còn 2 cột",
            "the cell spans 18446744073709551615 columns but the row has only 2 left",
        ),
        (
            "rows-max",
            format!(
                "{head}      rows:\n        - [\"1\", {{text: a, rows: 18446744073709551615}}, \"c\"]\n        - [\"2\", \"c\"]\n"
            ),
            "ô gộp 18446744073709551615 hàng nhưng bảng chỉ còn 2 hàng (tính cả hàng này)",
            "the cell spans 18446744073709551615 rows but the table has only 2 left",
        ),
        (
            "rows-past",
            format!("{head}      rows:\n        - [\"1\", {{text: a, rows: 50}}, \"c\"]\n"),
            "ô gộp 50 hàng nhưng bảng chỉ còn 1 hàng",
            "the cell spans 50 rows but the table has only 1 left",
        ),
        (
            "no-rows",
            format!("{head}      rows: []\n"),
            "`appendices[0].table.rows`: bảng không có hàng nào",
            "the table has no rows",
        ),
        (
            "width",
            "      columns:\n        - {title: STT, width: 1e308}\n        - {title: Tên}\n      rows:\n        - [\"1\", \"a\"]\n".to_string(),
            "`appendices[0].table.columns[0].width`: độ rộng cột 1e308 nằm ngoài khoảng 0.1–100",
            "the column width 1e308 is outside 0.1–100",
        ),
        (
            "width-nan",
            "      columns:\n        - {title: STT, width: .nan}\n        - {title: Tên}\n      rows:\n        - [\"1\", \"a\"]\n".to_string(),
            "độ rộng cột NaN nằm ngoài khoảng",
            "the column width NaN is outside",
        ),
    ];
    for (name, table, vi, en) in &cases {
        let d = dir.path().join(name);
        std::fs::create_dir(&d).unwrap();
        let doc = write(&d, "pl.yaml", &with_table(table));
        refused_by_check_and_render(&d, &doc, vi, en);
    }
}

/// Class 10: a profile that does not exist, sections nested past the limit: `check`
/// reports what `render` refuses (they used to pass `check` and fail in render).
#[test]
fn profile_and_nesting_are_checked_before_render() {
    let dir = tmp();
    let doc = sample("cong-van-ubnd-huu-lung.yaml").replacen("kind:", "profile: nope\nkind:", 1);
    let p = write(dir.path(), "nope.yaml", &doc);
    refused_by_check_and_render(
        dir.path(),
        &p,
        "trường `profile`: không có bộ quy tắc trình bày `nope`",
        "there is no layout profile `nope`",
    );
    let nested = |n: usize| {
        let mut body = String::new();
        let mut ind = String::from("  ");
        for d in 0..n {
            body.push_str(&format!("{ind}- section: Mục {d}\n{ind}  body:\n"));
            ind.push_str("    ");
        }
        body.push_str(&format!("{ind}- Đoạn trong cùng.\n"));
        with_body("cong-van-ubnd-huu-lung.yaml", &body)
    };
    let p = write(dir.path(), "nine.yaml", &nested(9));
    refused_by_check_and_render(
        dir.path(),
        &p,
        "mục lồng nhau quá sâu (9 tầng; tối đa 6)",
        "sections are nested too deep (9 levels; at most 6)",
    );
    // the deepest nesting allowed renders in both formats with every heading
    let p = write(dir.path(), "six.yaml", &nested(walk::MAX_SECTION_DEPTH));
    let out = dir.path().join("six");
    let (code, msg) = run(&["render", p.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{msg}");
    let pdf = common::run("pdftotext", &[out.join("six.pdf").to_str().unwrap(), "-"]);
    let docx = common::docx_text(&out.join("six.docx"));
    for d in 0..walk::MAX_SECTION_DEPTH {
        let h = format!("Mục {d}");
        assert!(pdf.contains(&h) && docx.contains(&h), "{h}\n{pdf}\n{docx}");
    }
}

/// Class 10: a table with row and column spans that `check` accepts renders the same
/// cells in the PDF and the DOCX (a rowspan reaching past the last row used to print 49
/// blank rows in the PDF and none in the DOCX; it is now refused).
#[test]
fn accepted_spans_render_the_same_in_both_formats() {
    let dir = tmp();
    let table = "      columns:\n        - {title: STT}\n        - {title: Tên}\n        - {title: Ghi chú}\n      rows:\n        - [\"1\", {text: Gộp hai hàng, rows: 2}, \"c1\"]\n        - [\"2\", \"c2\"]\n        - [{text: Gộp ba cột, span: 3}]\n        - group: NHÓM CUỐI\n        - [\"3\", \"t3\", {text: cuối, rows: 1}]\n";
    let p = write(dir.path(), "pl.yaml", &with_table(table));
    let (code, msg) = run(&["check", p.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{msg}");
    let out = dir.path().join("o");
    let (code, msg) = run(&["render", p.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{msg}");
    let pdf = common::words(&common::run(
        "pdftotext",
        &[out.join("pl.pdf").to_str().unwrap(), "-"],
    ));
    let docx = common::words(&common::docx_text(&out.join("pl.docx")));
    for cell in [
        "Gộp", "hai", "hàng", "c1", "c2", "ba", "cột", "NHÓM", "CUỐI", "t3", "cuối",
    ] {
        let n = |w: &[String]| w.iter().filter(|x| x.as_str() == cell).count();
        assert!(n(&pdf) > 0, "{cell} missing from the PDF");
        assert_eq!(n(&pdf), n(&docx), "{cell}: PDF and DOCX differ");
    }
    // the DOCX table has as many rows as the model: 1 header + 5
    let xml = common::docx_parts(&out.join("pl.docx"))["word/document.xml"].clone();
    let last_table = &xml[xml.rfind("<w:tbl>").expect("a table")..];
    assert_eq!(
        last_table.matches("<w:tr>").count() + last_table.matches("<w:tr ").count(),
        6
    );
}

/// Class 8: control characters in any field become one space each, once, at input, with a
/// warning naming the field; the DOCX's core.xml and document.xml stay well-formed XML.
#[test]
fn control_characters_become_spaces_with_a_warning() {
    let dir = tmp();
    let doc = sample("cong-van-ubnd-huu-lung.yaml").replacen(
        "subject: ",
        "subject: \"Đôn\\x07đốc\\x1b kiểm\\u0085tra\\uFFFE\" # ",
        1,
    );
    let doc = with_body_text(&doc, "  - \"Báo\\x01cáo\\x7Fkết\\x0Bquả.\"\n");
    let p = write(dir.path(), "cc.yaml", &doc);
    let (code, out) = run(&["check", p.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("trường `subject`: trường có ký tự điều khiển (không in được); vanban đã thay chúng bằng dấu cách"),
        "{out}"
    );
    assert!(
        out.contains("trường `body[0]`: trường có ký tự điều khiển"),
        "{out}"
    );
    let (_, out) = run(&["check", "--lang", "en", p.to_str().unwrap()]);
    assert!(
        out.contains("field `subject`: the field has control characters (not printable); vanban replaced them with spaces"),
        "{out}"
    );
    let o = dir.path().join("o");
    let (code, out) = run(&["render", p.to_str().unwrap(), "-o", o.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{out}");
    let parts = common::docx_parts(&o.join("cc.docx"));
    for name in ["docProps/core.xml", "word/document.xml"] {
        let xml = &parts[name];
        let mut r = quick_xml::Reader::from_str(xml);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}"),
            }
        }
        assert!(
            !xml.chars().any(walk::is_stray_control),
            "{name} holds a control character"
        );
    }
    assert!(
        parts["docProps/core.xml"].contains("Đôn đốc"),
        "{}",
        parts["docProps/core.xml"]
    );
    let text = common::docx_text(&o.join("cc.docx"));
    assert!(text.contains("Báo cáo kết quả"), "{text}");
    let pdf = common::run("pdftotext", &[o.join("cc.pdf").to_str().unwrap(), "-"]);
    assert!(pdf.contains("Báo cáo kết quả"), "{pdf}");
    assert!(pdf.contains("Đôn đốc"), "{pdf}");
}

/// `doc` with its body's first paragraph replaced by `para` (a YAML list line).
fn with_body_text(doc: &str, para: &str) -> String {
    let i = doc.find("\nbody:\n").expect("body") + 7;
    format!("{}{}{}", &doc[..i], para, &doc[i..])
}

/// Class 11: every value of profiles.toml is bounded, with the key named.
#[test]
fn profile_values_are_bounded() {
    let dir = tmp();
    let doc = common::root().join("samples/cong-van-ubnd-huu-lung.yaml");
    let original = std::fs::read_to_string(common::root().join("templates/profiles.toml")).unwrap();
    let cases = [
        (
            "width = 210.0",
            "width = 0.0",
            "`page.width` = 0 mm không hợp lệ; giá trị phải từ 100 đến 600 mm",
        ),
        (
            "height = 297.0",
            "height = 1.0",
            "`page.height` = 1 mm không hợp lệ",
        ),
        (
            "left = 30.0       # 30–35 mm\nright = 15.0",
            "left = 100.0\nright = 70.0",
            "lề trang (`page.top`, `page.bottom`, `page.left`, `page.right`) lớn quá khổ giấy",
        ),
        (
            "parent = { region = \"header-left\", style = \"header\", size = 12.0 }",
            "parent = { region = \"header-left\", style = \"header\", size = -3.0 }",
            "`tags.parent.size` = -3 pt không hợp lệ",
        ),
        (
            "parent = { region = \"header-left\", style = \"header\", size = 12.0 }",
            "parent = { region = \"header-left\", style = \"header\", size = 0.0 }",
            "`tags.parent.size` = 0 pt không hợp lệ",
        ),
        (
            "left = 30.0",
            "left = 95.0",
            "`layout.header (tổng hai cột)` = 165 mm không hợp lệ; giá trị phải từ 20 đến 100.01 mm",
        ),
        (
            "header = [70.0, 95.0]",
            "header = [70.0, 900.0]",
            "`layout.header[1]` = 900 mm không hợp lệ",
        ),
        (
            "base_size = 14.0",
            "base_size = 0.0",
            "`page.base_size` = 0 pt không hợp lệ",
        ),
    ];
    for (i, (from, to, want)) in cases.iter().enumerate() {
        assert!(original.contains(from), "{from}");
        let t = dir.path().join(format!("mau{i}"));
        std::fs::create_dir(&t).unwrap();
        std::fs::write(t.join("profiles.toml"), original.replacen(from, to, 1)).unwrap();
        for cmd in ["check", "render"] {
            let o = dir.path().join(format!("o{i}"));
            let mut args = vec![
                cmd,
                doc.to_str().unwrap(),
                "--templates",
                t.to_str().unwrap(),
            ];
            if cmd == "render" {
                args.extend(["-o", o.to_str().unwrap()]);
            }
            let (code, out) = run(&args);
            assert_ne!(code, Some(0), "{cmd} {to}: {out}");
            assert!(out.contains(want), "{cmd} {to}: {out}");
            assert!(!o.join("cong-van-ubnd-huu-lung.pdf").exists());
        }
        // English with `--lang en`: no Vietnamese word of the message is left.
        let (code, out) = run(&[
            "check",
            doc.to_str().unwrap(),
            "--templates",
            t.to_str().unwrap(),
            "--lang",
            "en",
        ]);
        assert_eq!(code, Some(1), "{to}: {out}");
        assert!(
            out.starts_with("error: profiles.toml, profile `"),
            "{to}: {out}"
        );
        assert!(
            out.contains("is not valid") || out.contains("too large for the paper"),
            "{to}: {out}"
        );
        for vi in ["không", "bộ quy tắc", "giá trị", "tổng hai cột", "lỗi"] {
            assert!(!out.contains(vi), "{to}: Vietnamese left in English: {out}");
        }
    }
}

/// Class 5: one paragraph, one table and one document are bounded; each limit is named
/// with the size found and how to split; the largest accepted of each renders in bounded
/// time (measured in docs/limits.md).
#[test]
fn document_size_limits_name_the_limit() {
    let dir = tmp();
    // one paragraph: the limit is accepted, one more character is refused
    let at = |n: usize| {
        with_body(
            "cong-van-ubnd-huu-lung.yaml",
            &format!("  - \"{}\"\n", words(n)),
        )
    };
    let p = write(dir.path(), "p.yaml", &at(walk::MAX_PARAGRAPH_CHARS + 1));
    refused_by_check_and_render(
        dir.path(),
        &p,
        &format!(
            "trường `body[0]`: đoạn văn quá dài ({} ký tự; tối đa {} ký tự một đoạn, một ô)",
            walk::MAX_PARAGRAPH_CHARS + 1,
            walk::MAX_PARAGRAPH_CHARS
        ),
        "the paragraph is too long",
    );
    let (code, out) = run(&["check", p.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(out.contains("tách đoạn này thành nhiều đoạn"), "{out}");
    let p = write(dir.path(), "ok.yaml", &at(walk::MAX_PARAGRAPH_CHARS));
    let o = dir.path().join("ok");
    let t = Instant::now();
    let (code, out) = run(&["render", p.to_str().unwrap(), "-o", o.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{out}");
    assert!(t.elapsed() < Duration::from_secs(20));
    // one table: rows, then cells, then text
    let cols = |n: usize| {
        let mut s = String::from("      columns:\n");
        for c in 0..n {
            s.push_str(&format!("        - {{title: C{c}}}\n"));
        }
        s.push_str("      rows:\n");
        s
    };
    let rows = |n: usize, cells: usize, text: &str| {
        let mut s = cols(cells);
        let row = format!(
            "        - [{}]\n",
            vec![format!("\"{text}\""); cells].join(", ")
        );
        s.push_str(&row.repeat(n));
        s
    };
    let cases = [
        (
            rows(walk::MAX_TABLE_ROWS + 1, 1, "x"),
            format!(
                "bảng có {} hàng; tối đa {} hàng một bảng",
                walk::MAX_TABLE_ROWS + 1,
                walk::MAX_TABLE_ROWS
            ),
        ),
        (
            rows(1000, 7, "x"),
            format!(
                "bảng có 7000 ô; tối đa {} ô một bảng",
                walk::MAX_TABLE_CELLS
            ),
        ),
        (
            rows(500, 2, &words(401)),
            format!(
                "chữ trong bảng dài 401000 ký tự; tối đa {} ký tự một bảng",
                walk::MAX_TABLE_CHARS
            ),
        ),
    ];
    for (i, (table, want)) in cases.iter().enumerate() {
        let d = dir.path().join(format!("t{i}"));
        std::fs::create_dir(&d).unwrap();
        let p = write(&d, "pl.yaml", &with_table(table));
        let (code, out) = run(&["check", p.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{out}");
        assert!(out.contains(want), "{out}");
        assert!(out.contains("tách bảng thành nhiều phụ lục"), "{out}");
    }
    // one document: its whole text, its number of parts
    let body = format!("  - \"{}\"\n", words(19_000)).repeat(53);
    let p = write(
        dir.path(),
        "d.yaml",
        &with_body("cong-van-ubnd-huu-lung.yaml", &body),
    );
    refused_by_check_and_render(
        dir.path(),
        &p,
        &format!(
            "ký tự; tối đa {} ký tự một văn bản)",
            walk::MAX_DOCUMENT_CHARS
        ),
        "the document is too long",
    );
    let body = "  - Một đoạn ngắn.\n".repeat(walk::MAX_DOCUMENT_BLOCKS);
    let p = write(
        dir.path(),
        "b.yaml",
        &with_body("cong-van-ubnd-huu-lung.yaml", &body),
    );
    let (code, out) = run(&["check", p.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("văn bản có quá nhiều phần ("), "{out}");
    assert!(out.contains("tách văn bản thành nhiều văn bản"), "{out}");
}

/// Class 12: messages never show the reader's internals (Rust types, serde-saphyr's
/// budget, its option names) nor clap's English; each is worded in Vietnamese, or English
/// with `--lang en`.
#[test]
fn messages_never_leak_internals() {
    let dir = tmp();
    // (`body` now refuses a list in place of a block at the first `[`, with its own message:
    // the nesting is tried on `recipients`, text or a list of texts, read to the end.)
    let deep = format!(
        "kind: cong-van\nrecipients: {}{}\n",
        "[".repeat(70),
        "]".repeat(70)
    );
    // sections nested in sections, read block by block, meet the same limit
    let mut sections = String::from("kind: cong-van\nbody:\n");
    for depth in 0..70 {
        let ind = "    ".repeat(depth);
        sections.push_str(&format!("{ind}  - section: x\n{ind}    body:\n"));
    }
    sections.push_str(&format!("{}  - x\n", "    ".repeat(70)));
    let dup = sample("cong-van-ubnd-huu-lung.yaml").replacen("place:", "place: X\nplace:", 1);
    let cases: [(&str, String, &str, &str); 6] = [
        (
            "deep.yaml",
            deep,
            "danh sách, khối khóa: giá trị lồng nhau quá sâu (tối đa 64 tầng)",
            "lists and mappings are nested too deep (at most 64 levels)",
        ),
        (
            "sections.yaml",
            sections,
            "danh sách, khối khóa: giá trị lồng nhau quá sâu (tối đa 64 tầng)",
            "lists and mappings are nested too deep (at most 64 levels)",
        ),
        (
            "dup.yaml",
            dup,
            "khóa `place` được viết hai lần trong cùng một khối",
            "the key `place` is written twice in the same mapping",
        ),
        (
            "copies.json",
            "{\"copies\": \"ba\"}".into(),
            "số không hợp lệ: cần một số nguyên không âm",
            "not a valid number: a whole number (0 or more) is expected",
        ),
        (
            "big.json",
            "{\"copies\": 99999999999}".into(),
            "số không hợp lệ: cần một số nguyên không âm",
            "not a valid number: a whole number (0 or more) is expected",
        ),
        (
            "list.json",
            "[]".into(),
            "giá trị không đúng kiểu: cần một khối khóa: giá trị",
            "the value has the wrong type: a mapping (key: value) is expected",
        ),
    ];
    for (name, text, vi, en) in &cases {
        let p = write(dir.path(), name, text);
        let (code, out) = run(&["check", p.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{out}");
        assert!(out.contains(vi), "{name}: {out}");
        let (_, out_en) = run(&["check", "--lang", "en", p.to_str().unwrap()]);
        assert!(out_en.contains(en), "{name}: {out_en}");
        for leak in [
            "budget",
            "Depth",
            "DuplicateKeyPolicy",
            "u32",
            "struct",
            "Options",
            ".cargo",
        ] {
            assert!(
                !out.contains(leak) && !out_en.contains(leak),
                "{name}: {out}{out_en}"
            );
        }
    }
    // clap: one line in the user's language, the usage line, no English help text
    let clap = [
        (
            vec!["render"],
            "lỗi: gọi lệnh sai cách: thiếu <DỮ_LIỆU>...\n  cách dùng: vanban render <DỮ_LIỆU>...\n  xem `vanban --help` hoặc `vanban LỆNH --help`\n",
        ),
        (
            vec!["rendr", "x"],
            "lỗi: gọi lệnh sai cách: không có lệnh `rendr`\n  có phải ý bạn là `render`?\n",
        ),
        (
            vec!["check", "--bogus", "x"],
            "lỗi: gọi lệnh sai cách: không có tùy chọn `--bogus`\n  cách dùng: vanban check [TÙY_CHỌN] <DỮ_LIỆU>...\n",
        ),
        (
            vec!["render", "--format", "xls", "x"],
            "lỗi: gọi lệnh sai cách: giá trị `xls` không hợp lệ cho `--format <ĐỊNH_DẠNG>`\n  giá trị hợp lệ: pdf, docx, both\n",
        ),
        (
            vec!["render", "--format", "xls", "x", "--lang", "en"],
            "error: wrong command line: the value `xls` is not valid for `--format <ĐỊNH_DẠNG>`\n  valid: pdf, docx, both\n  see `vanban --help` or `vanban COMMAND --help`\n",
        ),
    ];
    for (args, want) in &clap {
        let o = common::vanban(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.starts_with(want), "{args:?}:\n{err}");
        for english in [
            "error: unexpected",
            "Usage:",
            "For more information",
            "tip:",
        ] {
            assert!(!err.contains(english), "{args:?}: {err}");
        }
    }
}

/// Class 7: Ctrl-C during a large batch removes the run's own `.part` files at once; every
/// document left in the folder has all its outputs, complete (no half set, no half file).
#[cfg(unix)]
#[test]
fn ctrl_c_removes_its_own_part_files() {
    let dir = tmp();
    let src = sample("chi-thi-ubnd-kon-tum.yaml");
    let mut inputs = Vec::new();
    for i in 0..300 {
        inputs.push(write(dir.path(), &format!("d{i}.yaml"), &src));
    }
    let out = dir.path().join("out");
    let child = std::process::Command::new(common::bin())
        .arg("render")
        .args(&inputs)
        .arg("-o")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // wait until some documents are written, then interrupt in the middle of the batch
    let t = Instant::now();
    while std::fs::read_dir(&out).map_or(0, |d| d.count()) < 6 {
        assert!(t.elapsed() < Duration::from_secs(60), "no output");
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(130), "{err}");
    assert!(err.contains("đã dừng (Ctrl-C): đã xoá"), "{err}");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".part")), "{names:?}");
    assert!(names.len() < 600, "the batch finished before Ctrl-C");
    for n in names.iter().filter(|n| n.ends_with(".pdf")) {
        let stem = n.trim_end_matches(".pdf");
        assert!(
            names.contains(&format!("{stem}.docx")),
            "{stem}: PDF without DOCX"
        );
        let pdf = std::fs::read(out.join(n)).unwrap();
        assert!(
            pdf.starts_with(b"%PDF") && pdf.trim_ascii_end().ends_with(b"%%EOF"),
            "{n}"
        );
        common::docx_parts(&out.join(format!("{stem}.docx")));
    }
    for n in names.iter().filter(|n| n.ends_with(".docx")) {
        let stem = n.trim_end_matches(".docx");
        assert!(
            names.contains(&format!("{stem}.pdf")),
            "{stem}: DOCX without PDF"
        );
    }
}

/// Class 3: a recursive macro in a `--templates` file that doubles its argument is refused
/// when the template is loaded (it used to exhaust memory); the batch's other document is
/// made.
#[test]
fn recursive_macro_doubling_is_refused() {
    let dir = tmp();
    let cases = [
        (
            "{% macro d(s) %}{{ d(s ~ s) }}{% endmacro %}{{ d(\"x\" * 1000000) }}",
            "dòng 1: macro `d` gọi lại chính nó (trực tiếp hoặc qua macro khác) với đối số nối thêm chuỗi (`~`)",
        ),
        // indirect: `a` doubles into `b`, `b` calls `a` back
        (
            "{% macro a(s) %}{{ b(s ~ s) }}{% endmacro %}\n{% macro b(s) %}{{ a(s) }}{% endmacro %}{{ a(\"x\" * 1000000) }}",
            "dòng 1: macro `a → b → a` gọi lại chính nó (trực tiếp hoặc qua macro khác)",
        ),
    ];
    for (i, (template, want)) in cases.iter().enumerate() {
        let t = dir.path().join(format!("mau{i}"));
        std::fs::create_dir(&t).unwrap();
        std::fs::write(t.join("cong-van.vb"), template).unwrap();
        let a = common::root().join("samples/cong-van-ubnd-huu-lung.yaml");
        let b = common::root().join("samples/bao-cao-ubnd-xa-an-binh.yaml");
        let out = dir.path().join(format!("o{i}"));
        let t0 = Instant::now();
        let o = common::vanban(&[
            "render",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--templates",
            t.to_str().unwrap(),
            "--format",
            "docx",
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(want), "{err}");
        assert!(err.contains("cong-van-ubnd-huu-lung.yaml"), "{err}");
        assert!(out.join("bao-cao-ubnd-xa-an-binh.docx").exists(), "{err}");
        assert!(!out.join("cong-van-ubnd-huu-lung.docx").exists(), "{err}");
        assert!(t0.elapsed() < Duration::from_secs(20));
    }
}

#[test]
fn five_thousand_distinct_units_are_checked_in_linear_time() {
    // Class 4 (quadratic work): each unit's tasks were found by a pass over every task's
    // units, once per unit; 5,000 distinct units took more than two minutes. The table is
    // then refused by the row limit of the appendix, with that limit's message.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut csv = String::from("STT,Nội dung,Cơ quan chủ trì,Thời hạn\n");
    for i in 1..=5000 {
        csv.push_str(&format!("{i},Nhiệm vụ số {i},Phòng ban số {i},30/6/2025\n"));
    }
    std::fs::write(dir.path().join("nv.csv"), csv).expect("writes");
    let doc = dir.path().join("nv.yaml");
    std::fs::write(
        &doc,
        "issuer:\n  name: [ỦY BAN NHÂN DÂN, XÃ AN BÌNH]\n  text: Ủy ban nhân dân xã An Bình\nnumber: 12\nsymbol: UBND-VP\nplace: An Bình\ndate: 15/04/2025\nsubject: rà soát\nrecipients: [Các thôn]\nbody:\n  - tasks: all\ntasks:\n  source: nv.csv\nsignature:\n  authority: TM\n  for: Ủy ban nhân dân\n  title: Chủ tịch\n  name: Lê Văn B\ndistribution: [Như trên]\narchive: VT\n",
    )
    .expect("writes");
    let t = Instant::now();
    let out = common::vanban(&["check", &doc.display().to_string()]);
    let took = t.elapsed();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("bảng có 5000 hàng; tối đa 1000 hàng"),
        "{text}"
    );
    assert!(took < Duration::from_secs(20), "took {took:?}");
}
