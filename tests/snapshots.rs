//! The fast layer: every stage of every sample (samples/*.yaml) and of the focused cases
//! (tests/fixtures/focused/*.yaml) as reviewed snapshots, through the binary only:
//!
//! - `markup__NAME`: `vanban render NAME --emit markup`, what the template made of the data;
//! - `tree__NAME`: `vanban render NAME --emit tree`, the document tree as JSON;
//! - `document_xml__NAME`: `word/document.xml` of `vanban render NAME --format docx`, one
//!   element a line, with Word's volatile ids (w14:paraId, w14:textId, w:rsid*) left out.
//!
//! No external tool is needed and the whole file runs in seconds. A change of output shows up
//! as a snapshot diff: review it with `cargo insta review`, or rerun with
//! `INSTA_UPDATE=always cargo test --test snapshots` and read the diff of tests/snapshots/
//! in git. A diff nobody meant is a regression: fix the code, not the snapshot.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{bin, root, xml};

/// Every input the snapshots cover: the samples, then the focused fixtures.
fn cases() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for dir in ["samples", "tests/fixtures/focused"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        out.extend(files.into_iter().map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, p)
        }));
    }
    let names: std::collections::BTreeSet<&String> = out.iter().map(|(n, _)| n).collect();
    assert_eq!(names.len(), out.len(), "two inputs share a file name");
    assert!(out.len() >= 19, "{} inputs", out.len());
    out
}

/// The stdout of `vanban ARGS` (run from the project root), failing with its stderr.
fn vanban_stdout(args: &[&str]) -> String {
    let out = Command::new(bin())
        .args(args)
        .current_dir(root())
        .output()
        .expect("the vanban binary runs");
    assert!(
        out.status.success(),
        "vanban {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// `samples/NAME.yaml` as the binary is given it: relative to the project root, so that no
/// absolute path of this machine can reach a snapshot.
fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .expect("under the project root")
        .display()
        .to_string()
}

#[test]
fn markup_of_every_input() {
    for (name, path) in cases() {
        let markup = vanban_stdout(&["render", &relative(&path), "--emit", "markup"]);
        assert!(!markup.trim().is_empty(), "{name}: no markup");
        insta::assert_snapshot!(format!("markup__{name}"), markup);
    }
}

#[test]
fn tree_of_every_input() {
    for (name, path) in cases() {
        let tree = vanban_stdout(&["render", &relative(&path), "--emit", "tree"]);
        let json: serde_json::Value = serde_json::from_str(&tree)
            .unwrap_or_else(|e| panic!("{name}: the tree is not JSON ({e})"));
        assert!(json.is_object(), "{name}: the tree is not an object");
        insta::assert_snapshot!(format!("tree__{name}"), tree);
    }
}

#[test]
fn document_xml_of_every_input() {
    let cases = cases();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().display().to_string();
    // one run for all inputs: the binary starts once
    let mut args = vec!["render".to_string()];
    args.extend(cases.iter().map(|(_, p)| relative(p)));
    args.extend(["-o".into(), out, "--format".into(), "docx".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    vanban_stdout(&args);
    for (name, _) in &cases {
        let docx = dir.path().join(format!("{name}.docx"));
        let file = std::fs::File::open(&docx).unwrap_or_else(|e| panic!("{}: {e}", docx.display()));
        let mut zip = zip::ZipArchive::new(file).expect("the DOCX is a zip");
        let mut part = String::new();
        zip.by_name("word/document.xml")
            .expect("word/document.xml")
            .read_to_string(&mut part)
            .expect("UTF-8 part");
        let pretty = xml::normalise(&part);
        assert!(
            pretty.contains("<w:body>") && pretty.contains("<w:t"),
            "{name}: no body text"
        );
        insta::assert_snapshot!(format!("document_xml__{name}"), pretty);
    }
}

#[test]
fn normalise_drops_volatile_ids_and_keeps_text() {
    let raw = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="x"><w:body><w:p w14:paraId="12AB" w14:textId="77" w:rsidR="00A1"><w:r><w:t xml:space="preserve"> A &amp; B </w:t></w:r><w:r><w:tab/></w:r></w:p></w:body></w:document>"#;
    let pretty = xml::normalise(raw);
    assert_eq!(
        pretty,
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="x">
  <w:body>
    <w:p>
      <w:r>
        <w:t xml:space="preserve"> A &amp; B </w:t>
      </w:r>
      <w:r>
        <w:tab/>
      </w:r>
    </w:p>
  </w:body>
</w:document>
"#
    );
}
