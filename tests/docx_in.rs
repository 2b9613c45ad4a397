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
