//! The messages a clerk reads, reviewed as snapshots: `vanban check` (Vietnamese and
//! English) and `vanban render` on typical mistakes (tests/fixtures/bad/*.yaml, one mistake
//! each, named by the file's first line). A changed message shows up as a snapshot diff;
//! review it with `cargo insta review` (or rerun with INSTA_UPDATE=always and read the
//! .snap files). If a message reads badly, fix the message, not the snapshot.

mod common;

use std::process::{Command, Output};

use common::{bin, root};

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(root())
        .output()
        .expect("the vanban binary runs")
}

fn text(out: &Output, out_dir: &str) -> String {
    let mut s = String::new();
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let t = String::from_utf8_lossy(bytes).replace(out_dir, "<OUT>");
        if !t.trim().is_empty() {
            s.push_str(&format!("[{name}]\n{}\n", t.trim_end()));
        }
    }
    s.push_str(&format!("[exit {}]\n", out.status.code().unwrap_or(-1)));
    s
}

#[test]
fn messages_for_typical_mistakes() {
    let dir = root().join("tests/fixtures/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for name in names {
        let file = format!("tests/fixtures/bad/{name}.yaml");
        let mistake = std::fs::read_to_string(root().join(&file))
            .unwrap()
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        let out = tempfile::tempdir().unwrap();
        let o = out.path().display().to_string();
        let snapshot = format!(
            "{mistake}\n\n== vanban check {file}\n{}\n== vanban check --lang en {file}\n{}\n== vanban render {file} -o <OUT> --format pdf\n{}",
            text(&run(&["check", &file]), &o),
            text(&run(&["check", &file, "--lang", "en"]), &o),
            text(&run(&["render", &file, "-o", &o, "--format", "pdf"]), &o),
        );
        insta::assert_snapshot!(name.as_str(), snapshot);
    }
}

/// A template error points at the template's file and line, and names the data file.
#[test]
fn template_errors_point_at_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let tdir = dir.path().join("mau");
    std::fs::create_dir(&tdir).unwrap();
    std::fs::write(tdir.join("cong-van.vb"), "::p một\n{{ khong_co_gi }}\n").unwrap();
    let data = "samples/cong-van-ubnd-huu-lung.yaml";
    let out = run(&[
        "render",
        data,
        "--templates",
        &tdir.display().to_string(),
        "-o",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let want = format!("lỗi: {}, dòng 2: ", tdir.join("cong-van.vb").display());
    assert!(err.contains(&want), "{err}");
    assert!(err.contains(data), "{err}");
}

/// Names of documents, parts and kinds that English messages quote as written.
const NAMES: &[&str] = &[
    "công văn",
    "kế hoạch",
    "tờ trình",
    "báo cáo",
    "quyết định",
    "biên bản",
    "Nơi nhận",
    "Lưu",
    "Điều",
    "Kính gửi",
    "Như trên",
];

/// The Vietnamese words in an English message text: outside `code`, "quotes", names of
/// documents and the legal sources of rules.
fn vietnamese_in_english(out: &str) -> Vec<String> {
    let has_marks = |w: &str| {
        w.chars().any(|c| {
            "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
                .contains(c.to_lowercase().next().unwrap_or(c))
        })
    };
    let mut found = Vec::new();
    for line in out.lines() {
        if line.trim_start().starts_with("rule:") {
            continue;
        }
        let mut text = String::new();
        let (mut tick, mut quote) = (false, false);
        for c in line.chars() {
            match c {
                '`' if !quote => tick = !tick,
                '"' if !tick => quote = !quote,
                _ if !tick && !quote => text.push(c),
                _ => {}
            }
        }
        for n in NAMES {
            text = text.replace(n, "");
        }
        found.extend(
            text.split_whitespace()
                .filter(|w| has_marks(w))
                .map(|w| format!("{w} in: {line}")),
        );
    }
    found
}

/// `vanban check --lang en` speaks English: on every typical mistake, and on a document whose
/// task table (`tasks.source`) cannot be read.
#[test]
fn english_messages_carry_no_vietnamese() {
    let dir = root().join("tests/fixtures/bad");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| p.display().to_string())
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let sample =
        std::fs::read_to_string(root().join("samples/cong-van-giao-nhiem-vu-huu-lung.yaml"))
            .unwrap();
    let doc = tmp.path().join("bang-hong.yaml");
    std::fs::write(&doc, sample.replace("tasks-huu-lung.xlsx", "khong-co.xlsx")).unwrap();
    files.push(doc.display().to_string());
    let csv = tmp.path().join("cot-la.yaml");
    std::fs::write(
        tmp.path().join("cot-la.csv"),
        "STT,Nội dung nhiệm vụ,Cột lạ\n1,Làm A,x\n",
    )
    .unwrap();
    std::fs::write(&csv, sample.replace("tasks-huu-lung.xlsx", "cot-la.csv")).unwrap();
    files.push(csv.display().to_string());
    files.sort();
    let mut bad = Vec::new();
    for f in &files {
        let out = run(&["check", f, "--lang", "en"]);
        let text = String::from_utf8_lossy(&out.stdout).replace(f.as_str(), "FILE");
        bad.extend(vietnamese_in_english(&text));
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
