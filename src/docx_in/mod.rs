//! Word documents in: a DOCX read safely (zip with limits, bounded XML), its paragraphs with
//! their resolved formatting ([`model`]), the layout rules of NĐ 30 that can be read from
//! Word ([`layout`]) and the recovery of vanban's data from it ([`recover`], `vanban
//! import`). Limits: docs/limits.md.

mod emit;
mod header;
pub mod layout;
mod lines;
mod measure;
pub mod model;
mod numbering;
pub mod package;
mod pages;
mod party;
mod read;
pub mod recover;
mod styles;
mod wording;
pub mod xml;
mod yaml;

use std::path::Path;

use crate::diag::{Bi, Diagnostic};
pub use model::Docx;
use model::HeaderInfo;

/// Most header and footer parts read (Word writes at most 6 per section).
const MAX_HEADER_PARTS: usize = 64;
use package::Package;

pub use emit::to_yaml;
pub use recover::{Recovered, recover};

fn problem(path: &Path, part: &str, message: Bi) -> Diagnostic {
    let where_vi = if part.is_empty() {
        String::new()
    } else {
        format!("phần {part}: ")
    };
    let where_en = if part.is_empty() {
        String::new()
    } else {
        format!("part {part}: ")
    };
    Diagnostic::error_bi(
        path,
        (
            format!("{where_vi}{}", message.vi),
            format!("{where_en}{}", message.en),
        ),
    )
    .with_hint_bi((
        "mở tệp bằng Word hoặc LibreOffice và lưu lại dạng .docx, rồi chạy lại",
        "open the file in Word or LibreOffice, save it again as .docx, and run again",
    ))
}

fn xml_problem(e: &xml::XmlError) -> Bi {
    match e {
        xml::XmlError::Syntax(at, why) => Bi::new(
            format!("XML hỏng ở byte {at}: {why}"),
            format!("broken XML at byte {at}: {why}"),
        ),
        xml::XmlError::TooManyNodes => Bi::new(
            format!("quá nhiều phần tử XML (tối đa {})", xml::MAX_NODES),
            format!("too many XML elements (at most {})", xml::MAX_NODES),
        ),
        xml::XmlError::TooDeep => Bi::new(
            format!("XML lồng quá sâu (tối đa {} cấp)", xml::MAX_DEPTH),
            format!("XML nested too deep (at most {} levels)", xml::MAX_DEPTH),
        ),
        xml::XmlError::Timeout => Bi::new(
            format!("đọc quá {} giây", package::MAX_SECONDS),
            format!("reading took more than {} seconds", package::MAX_SECONDS),
        ),
    }
}

/// Read the DOCX file at `path` (at most [`package::MAX_FILE_BYTES`]).
pub fn read_file(path: &Path) -> Result<Docx, Box<Diagnostic>> {
    let bytes = crate::data::source::read_bytes(path, package::MAX_FILE_BYTES, "tệp DOCX")?;
    read_bytes(path, bytes)
}

/// Read a DOCX given as bytes; `path` names it in messages.
pub fn read_bytes(path: &Path, bytes: Vec<u8>) -> Result<Docx, Box<Diagnostic>> {
    let mut pkg = Package::open(bytes).map_err(|e| Box::new(problem(path, &e.part, e.message)))?;
    let deadline = pkg.deadline;
    let mut part = |pkg: &mut Package, name: &str| -> Result<Option<xml::El>, Box<Diagnostic>> {
        let Some(bytes) = pkg
            .read(name)
            .map_err(|e| Box::new(problem(path, &e.part, e.message)))?
        else {
            return Ok(None);
        };
        xml::parse(&bytes, deadline)
            .map(Some)
            .map_err(|e| Box::new(problem(path, name, xml_problem(&e))))
    };
    let main = main_part(&mut pkg, &mut part)?;
    let Some(document) = part(&mut pkg, &main)? else {
        return Err(Box::new(problem(
            path,
            &main,
            Bi::new(
                "thiếu phần nội dung chính (không phải tệp Word .docx?)",
                "the main document part is missing (not a Word .docx file?)",
            ),
        )));
    };
    let dir = main.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let styles_root = part(&mut pkg, &format!("{dir}/styles.xml"))?;
    let styles = styles::Styles::of(styles_root.as_ref());
    // Word's own page breaks when it saved the file; else hard breaks and an estimate.
    let rendered = document.has_descendant("lastRenderedPageBreak");
    let rels_name = format!("{dir}/_rels/{}.rels", main.rsplit('/').next().unwrap_or(""));
    let rels = part(&mut pkg, &rels_name)?;
    let target_of = |kind: &str| {
        rels.as_ref().and_then(|r| {
            r.children_named("Relationship")
                .find(|x| x.attr("Type").is_some_and(|t| t.ends_with(kind)))
                .and_then(|x| x.attr("Target"))
                .map(|t| resolve(dir, t))
        })
    };
    let numbering_name = target_of("/numbering").unwrap_or_else(|| format!("{dir}/numbering.xml"));
    let numbering_root = part(&mut pkg, &numbering_name)?;
    let numbering = numbering::Numbering::of(numbering_root.as_ref());
    let mut doc = read::model(&document, &styles, numbering, rendered);
    let app = part(&mut pkg, "docProps/app.xml")
        .ok()
        .flatten()
        .and_then(|a| pages::app_pages(&a));
    if rendered {
        let last = doc.paras.iter().filter_map(|p| p.page).max().unwrap_or(1);
        doc.page_count = Some(app.unwrap_or(last).max(last));
    } else {
        pages::estimate(&mut doc, app);
    }
    // The headers and footers of every section, through the main part's relationships; a
    // section without its own of a kind has the one of the section before.
    let mut read_parts: Vec<(String, HeaderInfo)> = Vec::new();
    let mut inherited: Vec<HeaderInfo> = Vec::new();
    for k in 0..doc.sections.len() {
        let refs = doc.sections[k].refs.clone();
        for (kind, id) in refs {
            let Some(target) = rels.as_ref().and_then(|r| {
                r.children_named("Relationship")
                    .find(|x| x.attr("Id") == Some(id.as_str()))
                    .and_then(|x| x.attr("Target"))
                    .map(str::to_string)
            }) else {
                continue;
            };
            let name = resolve(dir, &target);
            let info = match read_parts.iter().find(|(n, _)| *n == name) {
                Some((_, h)) => Some(h.clone()),
                None if read_parts.len() < MAX_HEADER_PARTS => match part(&mut pkg, &name)? {
                    Some(h) => {
                        let info = read::header_info("", &h, &styles);
                        read_parts.push((name, info.clone()));
                        Some(info)
                    }
                    None => None,
                },
                None => None,
            };
            inherited.retain(|h| h.kind != kind);
            if let Some(mut info) = info {
                info.kind = kind;
                inherited.push(info);
            }
        }
        doc.sections[k].headers = inherited.clone();
    }
    doc.headers = doc
        .sections
        .first()
        .map(|s| s.headers.clone())
        .unwrap_or_default();
    Ok(doc)
}

/// A relationship target relative to `dir`.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Reads one part of the package as XML.
type PartReader<'a> =
    dyn FnMut(&mut Package, &str) -> Result<Option<xml::El>, Box<Diagnostic>> + 'a;

/// The main document part: from `_rels/.rels`, else `word/document.xml`.
fn main_part(pkg: &mut Package, part: &mut PartReader) -> Result<String, Box<Diagnostic>> {
    let rels = part(pkg, "_rels/.rels")?;
    let found = rels.and_then(|r| {
        r.children_named("Relationship")
            .find(|x| {
                x.attr("Type")
                    .is_some_and(|t| t.ends_with("/officeDocument"))
            })
            .and_then(|x| x.attr("Target"))
            .map(|t| resolve("", t))
    });
    Ok(found.unwrap_or_else(|| "word/document.xml".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets() {
        assert_eq!(resolve("word", "header1.xml"), "word/header1.xml");
        assert_eq!(resolve("word", "../customXml/a.xml"), "customXml/a.xml");
        assert_eq!(resolve("word", "/word/h.xml"), "word/h.xml");
    }
}

/// What `vanban check FILE.docx` found.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The findings, each with its place.
    pub findings: Vec<layout::Located>,
    /// What could not be evaluated.
    pub unevaluated: Vec<layout::Unevaluated>,
}

/// Every string of `v` in Unicode NFC.
fn nfc(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => *s = crate::data::source::normalise(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(nfc),
        serde_json::Value::Object(m) => m.values_mut().for_each(nfc),
        _ => {}
    }
}

/// Recover the data of a read DOCX: the value (NFC) and the unplaced paragraphs.
pub fn import(d: &Docx, cat: &crate::data::catalogue::Catalogue) -> Recovered {
    let mut r = recover(d, cat);
    nfc(&mut r.value);
    r
}

/// Check the DOCX at `path`: its layout and, through the recovered data, every text rule
/// of `vanban check`.
pub fn check(
    path: &Path,
    cat: &crate::data::catalogue::Catalogue,
    stage: crate::data::Stage,
) -> Result<Checked, Box<Diagnostic>> {
    let d = read_file(path)?;
    Ok(check_read(path, &d, cat, stage))
}

/// Check a read DOCX (see [`check`]).
pub fn check_read(
    path: &Path,
    d: &Docx,
    cat: &crate::data::catalogue::Catalogue,
    stage: crate::data::Stage,
) -> Checked {
    let rec = import(d, cat);
    let (mut findings, unevaluated) = layout::check(path, d, &rec);
    // The text of the paragraphs as written, one line each: the text rules' lines are then
    // paragraph numbers.
    let source: String = d
        .paras
        .iter()
        .map(|p| p.text.replace(['\n', '\t'], " "))
        .collect::<Vec<_>>()
        .join("\n");
    let data = crate::data::input_from_value(path, rec.value.clone())
        .and_then(|input| crate::data::from_input(path, input, stage, cat));
    let text_findings = match data {
        Ok(doc) => crate::rules::lint(path, &doc, &source, false, cat),
        Err(diags) => diags.iter().map(crate::rules::input_finding).collect(),
    };
    for mut f in text_findings {
        let parts = &rec.parts;
        // Rules on a field have no line here: the paragraph of that part.
        let part = match f.rule.as_str() {
            "symbol-form" | "symbol-kind-code" | "number-form" | "final-number-date" => {
                parts.number
            }
            "place-capital" | "date-valid" => parts.place_date,
            "subject-final-period" => parts.vv.first().or(parts.subject.first()).copied(),
            "archive-vt" | "distribution-nhu-tren" => {
                parts.dist.last().copied().or(parts.dist_label)
            }
            r if r.starts_with("signature") => parts.signature.first().copied(),
            _ => None,
        };
        let para = f.line.take().and_then(|l| l.checked_sub(1)).or(part);
        f.field = None;
        // Layout rules that say the same thing already (the date line) stay once.
        if findings
            .iter()
            .any(|x| x.finding.rule == f.rule && x.finding.args == f.args)
        {
            continue;
        }
        findings.push(layout::at(d, f, para));
    }
    Checked {
        findings,
        unevaluated,
    }
}
