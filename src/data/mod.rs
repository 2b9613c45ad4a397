//! Loading input: a document file (YAML, JSON or TOML) -> the checked document model.
//!
//! `load` reads the file, normalises its text to Unicode NFC, deserialises it into the
//! input [`model`], and runs the semantic [`check`]s, which report every problem at once
//! with its field path and its line (found by `locate` in YAML, JSON and TOML). Reading
//! problems are [`crate::diag::load::Problem`] values, worded in both languages there.

pub mod catalogue;
pub mod date;
pub mod deadline;
pub mod locate;
pub mod model;
pub mod sheet;
pub mod source;
pub mod tasks;
pub mod validate;
pub mod walk;

use std::path::Path;

use crate::diag::load::{Problem, Syntax, ValueAt};
use crate::diag::{Bi, Diagnostic, Span};
pub use catalogue::Catalogue;
pub use validate::{Document, Stage};

/// Largest input file we read. A document's data is a few kilobytes; anything this large is
/// a wrong file.
pub const MAX_INPUT_BYTES: u64 = source::MAX_DOCUMENT_BYTES;

/// A problem found by the checks, before it is placed in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Field path (`signature.name`).
    pub field: String,
    /// What is wrong, in Vietnamese and English.
    pub message: Bi,
    /// How to fix it, in Vietnamese and English.
    pub hint: Bi,
    /// The `vanban check` rule this problem breaks (`src/diag/rules.toml`), if it is a rule
    /// of NĐ 30 or the Party guidance rather than a mistake in the file's form.
    pub rule: Option<&'static str>,
}

impl Issue {
    /// A new issue.
    pub fn new(field: impl Into<String>, message: impl Into<Bi>, hint: impl Into<Bi>) -> Self {
        Issue {
            field: field.into(),
            message: message.into(),
            hint: hint.into(),
            rule: None,
        }
    }

    /// Name the rule this problem breaks.
    pub fn rule(mut self, id: &'static str) -> Self {
        self.rule = Some(id);
        self
    }
}

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// YAML (`.yaml`, `.yml`).
    Yaml,
    /// JSON (`.json`).
    Json,
    /// TOML (`.toml`).
    Toml,
}

impl Format {
    /// The format of a file, from its extension.
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "json" => Some(Format::Json),
            "toml" => Some(Format::Toml),
            _ => None,
        }
    }
}

/// Read and check one document file.
pub fn load(path: &Path, stage: Stage, catalogue: &Catalogue) -> Result<Document, Vec<Diagnostic>> {
    load_with_source(path, stage, catalogue).map(|(doc, _)| doc)
}

/// Read and check one document file; also return the file's text as written (before NFC),
/// for the checks that point at lines or look at its encoding.
pub fn load_with_source(
    path: &Path,
    stage: Stage,
    catalogue: &Catalogue,
) -> Result<(Document, String), Vec<Diagnostic>> {
    load_patched(path, stage, catalogue, &mut |_| {})
}

/// [`load_with_source`], with `patch` applied to the input model before the checks (the
/// register writes the number and date it gives at issue over the file's own).
pub fn load_patched(
    path: &Path,
    stage: Stage,
    catalogue: &Catalogue,
    patch: &mut dyn FnMut(&mut model::Input),
) -> Result<(Document, String), Vec<Diagnostic>> {
    let one = |d: Diagnostic| vec![d];
    let Some(format) = Format::of(path) else {
        return Err(one(diagnostic(path, Problem::UnknownFormat, None, "")));
    };
    let text = source::read_text(path, MAX_INPUT_BYTES, "tệp").map_err(|d| one(*d))?;
    parse_patched(path, format, &text.nfc, stage, catalogue, patch).map(|doc| (doc, text.raw))
}

/// Check a document given as text (the file path is only used in messages).
pub fn parse_str(
    path: &Path,
    format: Format,
    text: &str,
    stage: Stage,
    catalogue: &Catalogue,
) -> Result<Document, Vec<Diagnostic>> {
    parse_patched(path, format, text, stage, catalogue, &mut |_| {})
}

/// [`parse_str`], with `patch` applied to the input model before the checks.
pub fn parse_patched(
    path: &Path,
    format: Format,
    text: &str,
    stage: Stage,
    catalogue: &Catalogue,
    patch: &mut dyn FnMut(&mut model::Input),
) -> Result<Document, Vec<Diagnostic>> {
    let mut input: model::Input = match format {
        Format::Yaml => serde_saphyr::from_str(text).map_err(|e| {
            let (problem, line) = yaml_problem(&e, text);
            let column = e.location().map(|l| l.column() as usize).filter(|c| *c > 0);
            vec![diagnostic(path, problem, line, text).with_column(column)]
        })?,
        Format::Json => serde_json::from_str(text).map_err(|e| {
            let problem = serde_problem(&strip_position(&e.to_string()), Syntax::Json);
            vec![diagnostic(path, problem, Some(e.line()), text).with_column(Some(e.column()))]
        })?,
        Format::Toml => toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            vec![diagnostic(
                path,
                serde_problem(e.message(), Syntax::Toml),
                line,
                text,
            )]
        })?,
    };
    patch(&mut input);
    let line_of = |field: &str| locate::line_of(format, text, field);
    check_input(path, input, stage, catalogue, &line_of)
}

/// A document built as a value tree (a mail merge's filled template) in the input model,
/// with the loader's messages for a value of the wrong shape. `path` names it in messages.
pub fn input_from_value(
    path: &Path,
    value: serde_json::Value,
) -> Result<model::Input, Vec<Diagnostic>> {
    serde_json::from_value(value).map_err(|e| {
        let problem = serde_problem(&strip_position(&e.to_string()), Syntax::Json);
        let mut d = diagnostic(path, problem.clone(), None, "");
        if !problem.is_type_error() && !matches!(problem, Problem::UnknownField { .. }) {
            d = d.with_hint_bi((
                "sửa giá trị cho đúng kiểu; xem docs/format.md",
                "give the value the right type; see docs/format.md",
            ));
        }
        vec![d]
    })
}

/// Check a document given as the input model (documents vanban generates: mail-merge
/// records, per-unit extracts, dossier documents). `path` names it in messages.
pub fn from_input(
    path: &Path,
    input: model::Input,
    stage: Stage,
    catalogue: &Catalogue,
) -> Result<Document, Vec<Diagnostic>> {
    check_input(path, input, stage, catalogue, &|_| None)
}

/// The checks on a deserialised document; `line_of` places a field path in the file.
fn check_input(
    path: &Path,
    mut input: model::Input,
    stage: Stage,
    catalogue: &Catalogue,
    line_of: &dyn Fn(&str) -> Option<usize>,
) -> Result<Document, Vec<Diagnostic>> {
    // Control characters become spaces once, here, before anything reads the text (the
    // task table's inline items included).
    let mut controls = walk::replace_controls(&mut input);
    // The task table first: it writes body sections and an appendix the checks then see.
    let had_body = input.body.as_ref().is_some_and(|b| !b.is_empty());
    let mut renames = tasks::Renames::new();
    let (task_table, mut errors) = tasks::expand(path, &mut input, line_of, &mut renames);
    // Fields are told as the file wrote them (issue 12: not the generated `appendices[0]`).
    let user = |field: &str| tasks::user_field(field, &renames);
    // A body that held only `- tasks: …` is empty once a failed table's entries are taken
    // out: that is the table's error, already reported, not a missing body.
    let emptied_by_tasks =
        had_body && !errors.is_empty() && input.body.as_ref().is_none_or(Vec::is_empty);
    // Text read from a task sheet, and the size limits of the whole document.
    controls.extend(walk::replace_controls(&mut input).iter().map(|f| user(f)));
    controls.sort();
    controls.dedup();
    let sized = walk::size_issues(&mut input);
    let checked = if sized.is_empty() {
        validate::check(input, stage, catalogue)
    } else {
        Err(sized)
    };
    match checked {
        Ok(mut doc) if errors.is_empty() => {
            doc.tasks = task_table;
            doc.control_fields = controls;
            Ok(doc)
        }
        Ok(_) => Err(errors),
        Err(issues) => {
            let issues = issues.into_iter().filter(|i| {
                !(emptied_by_tasks && i.field == "body" && i.rule == Some("required-part"))
            });
            errors.extend(issues.map(|mut i| {
                i.field = user(&i.field);
                let mut d = Diagnostic::error_bi(path, i.message)
                    .at_line(line_of(&i.field))
                    .with_hint_bi(i.hint);
                if !i.field.is_empty() {
                    d = d.at_field(i.field);
                }
                if let Some(rule) = i.rule {
                    d.source = crate::diag::rules::RULES
                        .get(rule)
                        .map(|r| r.source.clone());
                    d.rule = Some(rule.to_string());
                }
                d
            }));
            Err(errors)
        }
    }
}

/// A reading problem at 1-based `line` of `text`, as a diagnostic: a value of the wrong
/// type is placed at the key written on its line.
fn diagnostic(path: &Path, mut problem: Problem, line: Option<usize>, text: &str) -> Diagnostic {
    let mut field = None;
    if problem.is_type_error()
        && let Some(key) = line.and_then(|l| key_on_line(text, l))
    {
        let written = line.and_then(|l| text.lines().nth(l - 1)).unwrap_or("");
        let value = written
            .split_once([':', '='])
            .map_or("", |(_, v)| v.trim_start());
        let opener = value.chars().next().filter(|c| *c == '[' || *c == '{');
        problem.at_value(ValueAt {
            key: key.clone(),
            opener,
        });
        field = Some(key);
    }
    let (message, hint) = problem.words();
    let mut d = Diagnostic::error_bi(path, message)
        .at_line(line)
        .with_hint_bi(hint);
    d.field = field;
    d
}

/// The parser's column, beside the line already placed.
trait WithColumn {
    fn with_column(self, column: Option<usize>) -> Self;
}

impl WithColumn for Diagnostic {
    fn with_column(self, column: Option<usize>) -> Self {
        match (self.line, column) {
            (Some(line), Some(c)) if c > 0 => self.at_span(Span::File {
                line,
                column: Some(c),
            }),
            _ => self,
        }
    }
}

/// A YAML reading error of a file whose text is not at hand, as a diagnostic.
pub(crate) fn yaml_diag(path: &Path, e: &serde_saphyr::Error) -> Diagnostic {
    let (problem, line) = yaml_problem(e, "");
    diagnostic(path, problem, line, "")
}

/// A YAML reading error as a problem and its line, from serde-saphyr's error kinds; the
/// scanner's syntax errors are told apart by its words.
pub(crate) fn yaml_problem(e: &serde_saphyr::Error, text: &str) -> (Problem, Option<usize>) {
    use serde_saphyr::Error as E;
    let line = e.location().map(|l| l.line() as usize).filter(|l| *l > 0);
    // the error itself, without the wrappers that add a snippet or an alias's place
    let mut inner = e;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = inner {
        inner = error;
    }
    let problem = match inner {
        E::Message { msg, .. } => serde_problem(msg, Syntax::Yaml),
        E::Eof { .. } => Problem::EndsAbruptly,
        E::SerdeUnknownField {
            field, expected, ..
        } => unknown_field(field, expected.iter().map(|s| s.to_string()).collect()),
        E::SerdeMissingField { field, .. } => Problem::MissingField {
            field: field.to_string(),
            syntax: Syntax::Yaml,
        },
        E::SerdeInvalidType { expected, .. }
            if [model::NUMBER_OR_TEXT, model::TEXT_OR_MAP].contains(&expected.as_str()) =>
        {
            Problem::Expected {
                expected: expected.clone(),
                at: None,
            }
        }
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => Problem::WrongType {
            found: unexpected.clone(),
            expected: expected.clone(),
            at: None,
        },
        E::InvalidScalar { ty, .. } if ty.starts_with(['u', 'i']) => {
            Problem::BadNumber { at: None }
        }
        E::DuplicateMappingKey { key, .. } => Problem::DuplicateKey { key: key.clone() },
        E::Budget {
            breach: serde_saphyr::budget::BudgetBreach::Depth { .. },
            ..
        } => Problem::TooDeep,
        E::Budget { .. } => Problem::TooComplex,
        E::Unexpected { expected, .. } => Problem::Expected {
            expected: expected.to_string(),
            at: None,
        },
        _ => {
            // "error: line L column C: <what>": the scanner's words.
            let raw = e.to_string();
            let first = raw.lines().next().unwrap_or("").trim();
            let what = first
                .split_once(": ")
                .map(|(_, rest)| rest)
                .and_then(|rest| rest.split_once(": ").map(|(_, w)| w).or(Some(rest)))
                .unwrap_or(first);
            if what.starts_with("invalid u") || what.starts_with("invalid i") {
                Problem::BadNumber { at: None }
            } else if let Some(expected) = what.strip_prefix("expected ") {
                Problem::Expected {
                    expected: expected.to_string(),
                    at: None,
                }
            } else {
                match serde_problem(what, Syntax::Yaml) {
                    Problem::Invalid { .. } => yaml_syntax(what),
                    p => p,
                }
            }
        }
    };
    if problem == Problem::TabIndent {
        // the scanner names the line where the scalar began; point at the tab itself
        let tab = text.lines().position(|l| {
            l.chars()
                .take_while(|c| c.is_whitespace())
                .any(|c| c == '\t')
        });
        return (problem, tab.map(|i| i + 1).or(line));
    }
    (problem, line)
}

/// A YAML scanner error, from its words.
fn yaml_syntax(what: &str) -> Problem {
    if what.contains("found a tab") || what.contains("tab character") {
        Problem::TabIndent
    } else if what.starts_with("mapping values are not allowed") {
        Problem::BadIndent
    } else if what.starts_with("illegal placement of ':'") {
        Problem::MisplacedColon
    } else if what.contains("did not find expected ',' or ']'") {
        Problem::UnclosedList
    } else {
        Problem::YamlSyntax {
            detail: what.to_string(),
        }
    }
}

/// An unknown field, with the valid name it was probably meant to be.
fn unknown_field(field: &str, valid: Vec<String>) -> Problem {
    let near = valid
        .iter()
        .map(|n| (edit_distance(field, n), n))
        .filter(|(dist, n)| *dist <= 2 && *dist < n.chars().count())
        .min()
        .map(|(_, n)| n.clone());
    Problem::UnknownField {
        field: field.to_string(),
        near,
        valid,
    }
}

/// A serde error as a problem. serde_json and toml give their errors as text only (serde's
/// fixed sentences: "unknown field `x`, expected one of …", "invalid type: …"); this is the
/// one place that reads them.
fn serde_problem(msg: &str, syntax: Syntax) -> Problem {
    let tick = |s: &str| -> Option<String> {
        let a = s.find('`')?;
        let b = s[a + 1..].find('`')? + a + 1;
        Some(s[a + 1..b].to_string())
    };
    if msg.starts_with("unknown field") {
        let field = tick(msg).unwrap_or_default();
        let expected = msg
            .split_once("expected one of ")
            .map(|(_, e)| e.replace('`', ""))
            .or_else(|| msg.split_once("expected ").map(|(_, e)| e.replace('`', "")))
            .unwrap_or_default();
        let valid = expected.split(", ").map(|n| n.trim().to_string()).collect();
        return unknown_field(&field, valid);
    }
    if msg.starts_with("missing field") {
        return Problem::MissingField {
            field: tick(msg).unwrap_or_default(),
            syntax,
        };
    }
    if msg.starts_with("data did not match any variant") {
        return Problem::WrongForm { at: None };
    }
    if msg.starts_with("invalid length") && msg.contains("expected struct") {
        // a list where a document (a mapping) is expected
        return Problem::Expected {
            expected: "mapping".into(),
            at: None,
        };
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        // serde's Rust type names ("u32", "struct Input") in the words of the YAML reader
        let kind = match expected {
            "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
                return Problem::BadNumber { at: None };
            }
            "a string" | "string" => Some("string scalar"),
            "a sequence" | "sequence" => Some("sequence"),
            "a boolean" | "bool" => Some("boolean"),
            e if e.starts_with("struct ") || e.starts_with("a map") => Some("mapping"),
            e if e == model::NUMBER_OR_TEXT || e == model::TEXT_OR_MAP => Some(e),
            _ => None,
        };
        if let Some(k) = kind {
            return Problem::Expected {
                expected: k.into(),
                at: None,
            };
        }
        return Problem::WrongType {
            found: found.to_string(),
            expected: expected.to_string(),
            at: None,
        };
    }
    if msg.starts_with("invalid value: integer") && msg.contains(", expected u") {
        return Problem::BadNumber { at: None };
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        return Problem::InvalidValue {
            detail: rest.to_string(),
            syntax,
        };
    }
    Problem::Invalid {
        detail: msg.to_string(),
        syntax,
    }
}

/// The key written on 1-based `line` ("  copies: ba", "copies = 1", "\"copies\": 1").
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let t = l
        .trim_start()
        .trim_start_matches("- ")
        .trim_start_matches('"');
    let key: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let rest = t[key.len()..].trim_start_matches('"').trim_start();
    (!key.is_empty() && (rest.starts_with(':') || rest.starts_with('='))).then_some(key)
}

/// Levenshtein distance, for near-miss field names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// serde_json appends " at line L column C"; we print the line ourselves.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests;
