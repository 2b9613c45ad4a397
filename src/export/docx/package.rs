//! The package step: docx-rs's stored zip in, a valid, deflated, deterministic .docx out.
//!
//! For every XML part, once: complete the footnote part (the separator notes Word writes with
//! ids -1 and 0, and the `w:footnoteRef` mark at the start of each note), bring the part into
//! the schema's order ([`schema::conform`]) and number paragraph ids from 1 across the package.
//! The core properties are written here (docx-rs cannot set title and author). The zip is
//! rebuilt deflated (`container.rs`), `[Content_Types].xml` first, with fixed timestamps and
//! permissions.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::DocxError;
use super::build::NO_BREAK_HYPHEN;
use super::schema;
use super::xml::{self, Element, Node};
use crate::doc::Meta;

/// Creation date when the document has none: the zip epoch, obviously not a real one, so the
/// output stays deterministic.
const FALLBACK_DATE: &str = "1980-01-01T00:00:00Z";
/// The paragraph-id attribute (Word 2010 extension) docx-rs numbers per thread.
const PARA_ID: &str = "w14:paraId";
/// The character style of footnote marks (declared by the builder).
const FOOTNOTE_REFERENCE_STYLE: &str = "FootnoteReference";
/// A minimal Office theme naming Times New Roman: docx-rs writes none, and the document part
/// must relate one.
const THEME: &str = include_str!("theme.xml");
const THEME_PART: &str = "word/theme/theme1.xml";

/// Rewrites the package docx-rs packed (`stored`) into the final .docx bytes.
/// `header_rows` gives, for each table of the body in document order, how many of its first
/// rows repeat on every page.
pub(super) fn repack(
    stored: &[u8],
    meta: &Meta,
    has_footnotes: bool,
    header_rows: &[usize],
) -> Result<Vec<u8>, DocxError> {
    let zip_err = |e: zip::result::ZipError| DocxError::wrap("cannot reread docx-rs's package", e);
    let mut archive = ZipArchive::new(Cursor::new(stored)).map_err(zip_err)?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(zip_err)?;
        if file.is_dir() {
            continue;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
        file.read_to_end(&mut bytes)
            .map_err(|e| DocxError::wrap("cannot reread docx-rs's package", e))?;
        parts.push((file.name().to_string(), bytes));
    }
    parts.push((THEME_PART.to_string(), THEME.trim().as_bytes().to_vec()));
    if !has_footnotes {
        // docx-rs always writes the part, but relates it only when there are notes.
        parts.retain(|(name, _)| name != "word/footnotes.xml");
    }

    let mut next_para_id = 1_u32;
    for (name, bytes) in &mut parts {
        if name == "docProps/core.xml" {
            *bytes = core_properties(meta);
            continue;
        }
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut root = xml::parse(name, bytes)?;
        match name.as_str() {
            "word/footnotes.xml" => complete_footnotes(&mut root),
            "word/document.xml" => mark_header_rows(&mut root, header_rows)?,
            "[Content_Types].xml" => root.children.push(Node::Element(
                Element::new("Override")
                    .attr("PartName", &format!("/{THEME_PART}"))
                    .attr(
                        "ContentType",
                        "application/vnd.openxmlformats-officedocument.theme+xml",
                    ),
            )),
            "word/_rels/document.xml.rels" => root.children.push(Node::Element(
                Element::new("Relationship")
                    .attr("Id", "rIdVbTheme1")
                    .attr(
                        "Type",
                        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
                    )
                    .attr("Target", "theme/theme1.xml"),
            )),
            // docx-rs writes the Normal style without marking it the default one.
            "word/styles.xml" => {
                for style in root.elements_mut().filter(|e| e.name == "w:style") {
                    let normal = style
                        .attrs
                        .iter()
                        .any(|(k, v)| k == "w:styleId" && v == "Normal");
                    if normal && !style.attrs.iter().any(|(k, _)| k == "w:default") {
                        style.attrs.push(("w:default".to_string(), "1".to_string()));
                    }
                }
            }
            "word/settings.xml" if has_footnotes => root.children.push(Node::Element(
                Element::new("w:footnotePr")
                    .child(Element::new("w:footnote").attr("w:id", "-1"))
                    .child(Element::new("w:footnote").attr("w:id", "0")),
            )),
            _ => {}
        }
        no_break_hyphens(&mut root);
        schema::conform(&mut root).map_err(|e| DocxError::new(format!("{name}: {}", e.message)))?;
        root.walk_mut(&mut |e| {
            if let Some((_, v)) = e.attrs.iter_mut().find(|(k, _)| k == PARA_ID) {
                *v = format!("{next_para_id:08X}");
                next_para_id += 1;
            }
        });
        *bytes = xml::write(&root);
    }
    // The content types first: some readers look for them there. The sort is stable.
    parts.sort_by_key(|(name, _)| name != "[Content_Types].xml");
    super::container::write(&parts)
}

/// Marks the first rows of each table as header rows (`w:tblHeader`), which Word repeats at
/// the top of every page. Tables are counted in document order, parents first; the count
/// must match the builder's.
fn mark_header_rows(root: &mut Element, header_rows: &[usize]) -> Result<(), DocxError> {
    let mut index = 0;
    root.walk_mut(&mut |e| {
        if e.name != "w:tbl" {
            return;
        }
        let rows = header_rows.get(index).copied().unwrap_or(0);
        index += 1;
        for row in e.elements_mut().filter(|r| r.name == "w:tr").take(rows) {
            let has_props = row.elements().any(|c| c.name == "w:trPr");
            if !has_props {
                row.children
                    .insert(0, Node::Element(Element::new("w:trPr")));
            }
            if let Some(props) = row.elements_mut().find(|c| c.name == "w:trPr") {
                props
                    .children
                    .push(Node::Element(Element::new("w:tblHeader")));
            }
        }
    });
    if index == header_rows.len() {
        Ok(())
    } else {
        Err(DocxError::new(format!(
            "word/document.xml has {index} tables, the builder made {}",
            header_rows.len()
        )))
    }
}

/// Writes each U+2011 the builder put in a run's text as a `w:noBreakHyphen` between the
/// pieces of the text (Word's own non-breaking hyphen; the character itself is not in every
/// font).
fn no_break_hyphens(root: &mut Element) {
    let marked = |t: &Element| {
        t.name == "w:t"
            && t.children
                .iter()
                .any(|n| matches!(n, Node::Text(s) if s.contains(NO_BREAK_HYPHEN)))
    };
    root.walk_mut(&mut |e| {
        if e.name != "w:r" || !e.elements().any(marked) {
            return;
        }
        let mut out = Vec::with_capacity(e.children.len());
        for node in std::mem::take(&mut e.children) {
            match node {
                Node::Element(t) if marked(&t) => {
                    let text: String = t
                        .children
                        .iter()
                        .filter_map(|n| match n {
                            Node::Text(s) => Some(s.as_str()),
                            _ => None,
                        })
                        .collect();
                    for (i, piece) in text.split(NO_BREAK_HYPHEN).enumerate() {
                        if i > 0 {
                            out.push(Node::Element(Element::new("w:noBreakHyphen")));
                        }
                        if !piece.is_empty() {
                            out.push(Node::Element(Element {
                                name: t.name.clone(),
                                attrs: t.attrs.clone(),
                                children: vec![Node::Text(piece.to_string())],
                            }));
                        }
                    }
                }
                other => out.push(other),
            }
        }
        e.children = out;
    });
}

/// Adds the separator notes and starts each note with its reference mark and a space.
fn complete_footnotes(root: &mut Element) {
    for note in root.elements_mut().filter(|e| e.name == "w:footnote") {
        if let Some(p) = note.elements_mut().find(|e| e.name == "w:p") {
            let at = usize::from(p.elements().next().is_some_and(|e| e.name == "w:pPr"));
            let mark = Element::new("w:r")
                .child(
                    Element::new("w:rPr")
                        .child(Element::new("w:rStyle").attr("w:val", FOOTNOTE_REFERENCE_STYLE)),
                )
                .child(Element::new("w:footnoteRef"));
            let space = Element::new("w:r")
                .child(Element::new("w:t").attr("xml:space", "preserve").text(" "));
            // pPr is the first child when present (docx-rs writes it first).
            p.children.insert(at, Node::Element(space));
            p.children.insert(at, Node::Element(mark));
        }
    }
    let separator = |kind: &str, id: &str, mark: &str| {
        Node::Element(
            Element::new("w:footnote")
                .attr("w:type", kind)
                .attr("w:id", id)
                .child(
                    Element::new("w:p")
                        .child(
                            Element::new("w:pPr").child(
                                Element::new("w:spacing")
                                    .attr("w:after", "0")
                                    .attr("w:line", "240")
                                    .attr("w:lineRule", "auto"),
                            ),
                        )
                        .child(Element::new("w:r").child(Element::new(mark))),
                ),
        )
    };
    root.children.insert(
        0,
        separator("continuationSeparator", "0", "w:continuationSeparator"),
    );
    root.children
        .insert(0, separator("separator", "-1", "w:separator"));
}

/// docProps/core.xml: title and author from the tree, dates from its date or a fixed one.
fn core_properties(meta: &Meta) -> Vec<u8> {
    let date = meta
        .date
        .as_deref()
        .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        .map_or_else(|| FALLBACK_DATE.to_string(), |d| format!("{d}T00:00:00Z"));
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#,
        r#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/""#,
        r#" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    ));
    if !meta.title.is_empty() {
        out.push_str(&format!(
            "<dc:title>{}</dc:title>",
            xml::escape(&meta.title)
        ));
    }
    if !meta.author.is_empty() {
        let author = xml::escape(&meta.author);
        out.push_str(&format!("<dc:creator>{author}</dc:creator>"));
        out.push_str(&format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"));
    }
    out.push_str("<cp:revision>1</cp:revision>");
    out.push_str(&format!(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#
    ));
    out.push_str(&format!(
        r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#
    ));
    out.push_str("</cp:coreProperties>");
    out.into_bytes()
}
