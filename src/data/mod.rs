//! Loading input: a document file (YAML, JSON or TOML) -> the checked document model.
//!
//! `load` reads the file, normalises its text to Unicode NFC, deserialises it into the
//! input [`model`], and runs the semantic [`check`]s, which report every problem at once
//! with its field path; for YAML each problem also gets its line.

pub mod catalogue;
pub mod date;
pub mod deadline;
pub mod locate;
pub mod model;
pub mod sheet;
pub mod source;
pub mod tasks;
pub mod validate;

use std::path::Path;

use crate::diag::Diagnostic;
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
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// The `vanban check` rule this problem breaks (`src/check/rules.toml`), if it is a rule
    /// of NĐ 30 or the Party guidance rather than a mistake in the file's form.
    pub rule: Option<&'static str>,
}

impl Issue {
    /// A new issue.
    pub fn new(
        field: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
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
    let one = |d: Diagnostic| vec![d];
    let Some(format) = Format::of(path) else {
        return Err(one(Diagnostic::error(path, "không nhận ra định dạng tệp")
            .with_hint("đặt tên tệp với đuôi .yaml, .yml, .json hoặc .toml")));
    };
    let text = source::read_text(path, MAX_INPUT_BYTES, "tệp").map_err(|d| one(*d))?;
    parse_str(path, format, &text.nfc, stage, catalogue).map(|doc| (doc, text.raw))
}

/// Check a document given as text (the file path is only used in messages).
pub fn parse_str(
    path: &Path,
    format: Format,
    text: &str,
    stage: Stage,
    catalogue: &Catalogue,
) -> Result<Document, Vec<Diagnostic>> {
    let input: model::Input = match format {
        Format::Yaml => serde_saphyr::from_str(text)
            .map_err(|e| vec![refine(yaml_diag(path, &e), format, text)])?,
        Format::Json => serde_json::from_str(text).map_err(|e| {
            vec![refine(
                Diagnostic::error(path, translate_serde(&strip_position(&e.to_string())))
                    .at_line(Some(e.line()))
                    .with_hint(format_hint(format)),
                format,
                text,
            )]
        })?,
        Format::Toml => toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            vec![refine(
                Diagnostic::error(path, translate_serde(e.message()))
                    .at_line(line)
                    .with_hint(format_hint(format)),
                format,
                text,
            )]
        })?,
    };
    let line_of = |field: &str| match format {
        Format::Yaml => locate::yaml_line(text, field),
        _ => None,
    };
    check_input(path, input, stage, catalogue, &line_of)
}

/// A document built as a value tree (a mail merge's filled template) in the input model,
/// with the loader's messages for a value of the wrong shape. `path` names it in messages.
pub fn input_from_value(
    path: &Path,
    value: serde_json::Value,
) -> Result<model::Input, Vec<Diagnostic>> {
    serde_json::from_value(value).map_err(|e| {
        vec![refine(
            Diagnostic::error(path, translate_serde(&strip_position(&e.to_string())))
                .with_hint("sửa giá trị cho đúng kiểu; xem docs/format.md"),
            Format::Json,
            "",
        )]
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
    // The task table first: it writes body sections and an appendix the checks then see.
    let (task_table, mut errors) = tasks::expand(path, &mut input, line_of);
    match validate::check(input, stage, catalogue) {
        Ok(mut doc) if errors.is_empty() => {
            doc.tasks = task_table;
            Ok(doc)
        }
        Ok(_) => Err(errors),
        Err(issues) => {
            errors.extend(issues.into_iter().map(|i| {
                let mut d = Diagnostic::error(path, i.message)
                    .at_line(line_of(&i.field))
                    .at_field(i.field)
                    .with_hint(i.hint);
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

fn format_hint(format: Format) -> &'static str {
    match format {
        Format::Yaml => "sửa cú pháp YAML ở dòng này; xem docs/format.md để biết các trường hợp lệ",
        Format::Json => "sửa cú pháp JSON ở dòng này; xem docs/format.md để biết các trường hợp lệ",
        Format::Toml => "sửa cú pháp TOML ở dòng này; xem docs/format.md để biết các trường hợp lệ",
    }
}

pub(crate) fn yaml_diag(path: &Path, e: &serde_saphyr::Error) -> Diagnostic {
    let line = e.location().map(|l| l.line() as usize).filter(|l| *l > 0);
    let msg = match e {
        serde_saphyr::Error::Message { msg, .. } => translate_serde(msg),
        serde_saphyr::Error::Eof { .. } => "tệp YAML kết thúc đột ngột".to_string(),
        _ => {
            // "error: line L column C: <what>": keep <what>, translated where we can.
            let raw = e.to_string();
            let first = raw.lines().next().unwrap_or("").trim();
            let what = first
                .split_once(": ")
                .map(|(_, rest)| rest)
                .and_then(|rest| rest.split_once(": ").map(|(_, w)| w).or(Some(rest)))
                .unwrap_or(first);
            if what.starts_with("invalid u") || what.starts_with("invalid i") {
                "số không hợp lệ: cần một số nguyên không âm".to_string()
            } else if let Some(expected) = what.strip_prefix("expected ") {
                format!("giá trị không đúng kiểu: cần {}", translate_kind(expected))
            } else {
                let t = translate_serde(what);
                if t.starts_with("dữ liệu không hợp lệ") {
                    format!("YAML không đúng cú pháp ({what})")
                } else {
                    t
                }
            }
        }
    };
    Diagnostic::error(path, msg)
        .at_line(line)
        .with_hint(format_hint(Format::Yaml))
}

/// Make a reading error precise: an unknown field gets the near-miss name it was probably
/// meant to be; a value of the wrong type gets the field named on its line and a hint about
/// the value, not about the file's syntax.
fn refine(mut d: Diagnostic, format: Format, text: &str) -> Diagnostic {
    const UNKNOWN: &str = "không có trong định dạng; các trường hợp lệ ở đây: ";
    if let Some((head, valid)) = d.message.clone().split_once(UNKNOWN) {
        let field = head
            .trim_start_matches("trường `")
            .trim_end_matches("` ")
            .to_string();
        let names: Vec<&str> = valid.split(", ").map(str::trim).collect();
        let near = names
            .iter()
            .map(|n| (edit_distance(&field, n), *n))
            .filter(|(dist, n)| *dist <= 2 && *dist < n.chars().count())
            .min();
        d.message = match near {
            Some((_, n)) => format!("trường `{field}` không có trong định dạng; có phải là `{n}`?"),
            None => format!("trường `{field}` không có trong định dạng"),
        };
        d.hint = Some(format!(
            "sửa tên trường cho đúng; các trường hợp lệ ở đây: {valid}"
        ));
        return d;
    }
    if format == Format::Yaml
        && let Some(what) = d.message.strip_prefix("YAML không đúng cú pháp (")
    {
        let what = what.trim_end_matches(')').to_string();
        if what.contains("found a tab") || what.contains("tab character") {
            // the scanner names the line where the scalar began; point at the tab itself
            if let Some(i) = text.lines().position(|l| {
                l.chars()
                    .take_while(|c| c.is_whitespace())
                    .any(|c| c == '\t')
            }) {
                d.line = Some(i + 1);
            }
            d.message = "dòng này thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách".into();
            d.hint = Some("thay Tab bằng dấu cách (thường 2 dấu cách cho mỗi cấp)".into());
        } else if what.starts_with("mapping values are not allowed") {
            d.message =
                "dấu `:` ở dòng này không hợp lệ: thụt lề không khớp với các dòng trên, hoặc chữ có dấu `: ` mà không đặt trong dấu nháy".into();
            d.hint = Some(
                "các trường cùng cấp phải lùi vào bằng nhau (thường 2 dấu cách cho mỗi cấp); chữ có dấu `: ` thì đặt cả giá trị trong dấu nháy \"…\"".into(),
            );
        } else if what.starts_with("illegal placement of ':'") {
            d.message = "dấu `:` đặt sai chỗ; thường do một danh sách mở bằng `[` ở dòng trên chưa có dấu đóng `]`".into();
            d.hint = Some("đóng danh sách bằng `]` ở cuối dòng của nó, hoặc đặt chữ có dấu `:` trong dấu nháy \"…\"".into());
        } else if what.contains("did not find expected ',' or ']'") {
            d.message = "danh sách mở bằng `[` nhưng không có dấu đóng `]`".into();
            d.hint = Some(
                "thêm `]` ở cuối danh sách, hoặc đặt chữ có dấu phẩy trong dấu nháy \"…\"".into(),
            );
        }
        return d;
    }
    let type_error = [
        "giá trị không đúng kiểu",
        "số không hợp lệ",
        "kiểu giá trị sai",
        "giá trị không đúng dạng",
    ]
    .iter()
    .any(|p| d.message.starts_with(p));
    if type_error
        && d.field.is_none()
        && let Some(key) = d.line.and_then(|l| key_on_line(text, l))
    {
        let line = d.line.and_then(|l| text.lines().nth(l - 1)).unwrap_or("");
        let value = line
            .split_once([':', '='])
            .map_or("", |(_, v)| v.trim_start());
        d.hint = Some(
            if let Some(open) = value.chars().next().filter(|c| *c == '[' || *c == '{') {
                let what = if open == '[' {
                    "một danh sách"
                } else {
                    "một khối khóa: giá trị"
                };
                format!(
                    "giá trị bắt đầu bằng `{open}` nên được đọc là {what}; bỏ dấu `{open}`, hoặc đặt cả giá trị trong dấu nháy \"…\" nếu nó là chữ"
                )
            } else {
                format!(
                    "sửa giá trị của `{key}` ở dòng này cho đúng kiểu; xem docs/format.md (mục `{key}`)"
                )
            },
        );
        d.field = Some(key);
    } else if type_error {
        d.hint = Some("sửa giá trị ở dòng này cho đúng kiểu; xem docs/format.md".into());
    }
    d
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

/// Names of YAML value kinds, in Vietnamese.
fn translate_kind(expected: &str) -> String {
    expected
        .replace(" start", "")
        .replace("string scalar", "một chuỗi văn bản")
        .replace("a sequence", "một danh sách")
        .replace("sequence", "một danh sách")
        .replace("a mapping", "một khối khóa: giá trị")
        .replace("mapping", "một khối khóa: giá trị")
        .replace("unsigned integer", "một số nguyên không âm")
        .replace("integer", "một số nguyên")
        .replace("boolean", "true hoặc false")
}

/// serde_json appends " at line L column C"; we print the line ourselves.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// serde's English messages, in Vietnamese.
fn translate_serde(msg: &str) -> String {
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
        return format!(
            "trường `{field}` không có trong định dạng; các trường hợp lệ ở đây: {expected}"
        );
    }
    if msg.starts_with("missing field") {
        return format!("thiếu trường `{}`", tick(msg).unwrap_or_default());
    }
    if msg.starts_with("data did not match any variant") {
        return "giá trị không đúng dạng (cần một chuỗi văn bản, hoặc một khối có các khóa hợp lệ)"
            .into();
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("kiểu giá trị sai: gặp {found}, cần {expected}");
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        return format!("giá trị không hợp lệ: {rest}");
    }
    format!("dữ liệu không hợp lệ: {msg}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_serde_messages() {
        assert_eq!(
            translate_serde("missing field `name`"),
            "thiếu trường `name`"
        );
        assert!(
            translate_serde("unknown field `nam`, expected one of `name`, `parent`")
                .contains("`nam` không có")
        );
        let d = refine(
            Diagnostic::error(
                Path::new("x"),
                translate_serde("unknown field `nam`, expected one of `name`, `parent`"),
            ),
            Format::Yaml,
            "",
        );
        assert!(d.message.contains("có phải là `name`?"), "{}", d.message);
        assert!(d.hint.unwrap().contains("name, parent"));
        assert_eq!(
            key_on_line("a: 1\n  copies: ba\n", 2).as_deref(),
            Some("copies")
        );
        assert_eq!(
            key_on_line("\"copies\": \"ba\"", 1).as_deref(),
            Some("copies")
        );
        assert_eq!(key_on_line("  - Một đoạn: văn", 1), None);
        assert_eq!(edit_distance("subjet", "subject"), 1);
    }
}
