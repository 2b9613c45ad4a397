//! `vanban check`: the rules of NĐ 30/2020 and the Party guidance as findings, each with its
//! rule id, severity, legal source, place and hint, in Vietnamese or English.
//!
//! The rules are data (`src/diag/rules.toml`, worded by [`crate::diag::rules`]): id,
//! severity, source, message and hint in both languages with `{placeholders}`. This module
//! finds where each applies.

mod closing;
mod header;
mod signature;
mod spacing;
mod tasks;
mod text;

use std::path::Path;

use crate::data::catalogue::Catalogue;
use crate::data::validate::Block;
use crate::data::{Document, Format, locate};
use crate::diag::rules::Finding;
use crate::diag::{Diagnostic, Lang};

/// What every rule family sees: the document, its source text and where to find lines.
pub(crate) struct Ctx<'a> {
    /// The file, for the findings.
    pub path: &'a Path,
    /// The checked document.
    pub doc: &'a Document,
    /// The source text as written (empty for a generated document).
    pub source: &'a str,
    /// Whether the source is YAML (lines can be found by field path).
    pub yaml: bool,
    /// The kind catalogue.
    pub catalogue: &'a Catalogue,
}

impl Ctx<'_> {
    /// The line of a field path in the source (YAML, JSON or TOML, by the file's name).
    pub fn line_of_field(&self, field: &str) -> Option<usize> {
        if self.source.is_empty() {
            return None;
        }
        let format = if self.yaml {
            Some(Format::Yaml)
        } else {
            Format::of(self.path)
        };
        format.and_then(|f| locate::line_of(f, self.source, field))
    }

    /// The first line holding `needle` outside comments.
    pub fn line_of_text(&self, needle: &str) -> Option<usize> {
        self.source
            .lines()
            .position(|l| !l.trim_start().starts_with('#') && l.contains(needle))
            .map(|i| i + 1)
    }
}

/// A load error as a finding: of the rule the loader named (a required part, the number's
/// form, …), else of the rule `input`. The loader worded it in both languages already.
pub fn input_finding(d: &Diagnostic) -> Finding {
    let mut f = Finding::new(d.rule.as_deref().unwrap_or("input"), &d.file)
        .arg("message_en", d.message_in(Lang::En))
        .arg("hint_en", d.hint_in(Lang::En).unwrap_or_default())
        .arg("message", d.message.clone())
        .arg("hint", d.hint.clone().unwrap_or_default());
    f.line = d.line;
    f.field = d.field.clone();
    f
}

/// The texts of `blocks` in print order, one string a paragraph, item or sub-item; a
/// section's title and text as one string when `joined`, else as two.
fn block_texts(blocks: &[Block], joined: bool, out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Para { text, .. } => out.push(text.clone()),
            Block::Section {
                title, text, body, ..
            } => {
                if joined {
                    out.push(format!("{title} {text}"));
                } else {
                    out.push(title.clone());
                    out.push(text.clone());
                }
                block_texts(body, joined, out);
            }
            Block::Items { items } => {
                for it in items {
                    out.push(it.text.clone());
                    out.extend(it.items.iter().cloned());
                }
            }
            // Table cells are not running text (an appendix's `table` is not read either).
            Block::Table { .. } => {}
        }
    }
}

/// Written-out dates in `text` whose day or month breaks the leading-zero rule (NĐ 30,
/// Phụ lục I, II.4.b): each as written and as it should be.
pub fn date_forms(text: &str) -> Vec<(String, String)> {
    text::date_form_problems(text)
}

/// The rules on a checked document, one family after the other. `source` is the file's
/// text, for lines.
pub fn lint(
    path: &Path,
    doc: &Document,
    source: &str,
    yaml: bool,
    catalogue: &Catalogue,
) -> Vec<Finding> {
    let cx = Ctx {
        path,
        doc,
        source,
        yaml,
        catalogue,
    };
    let mut out = Vec::new();
    text::check(&cx, &mut out);
    header::check(&cx, &mut out);
    closing::check(&cx, &mut out);
    signature::check(&cx, &mut out);
    out.extend(tasks::findings(path, doc, &|f: &str| cx.line_of_field(f)));
    for field in &doc.control_fields {
        out.push(Finding::new("control-characters", path).at(field, cx.line_of_field(field)));
    }
    out
}

#[cfg(test)]
mod tests;
