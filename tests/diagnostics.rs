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
