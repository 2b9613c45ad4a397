//! Templates: the checked document -> block markup (see [`crate::doc::build`]).
//!
//! One template per document kind, in `templates/` (compiled into the binary). A user can
//! override any of them with `--templates DIR`: a file of the same name in DIR wins. The
//! environment is strict (an undefined value is an error, never an empty string), has a fuel
//! limit (a template loop that never ends stops with an error), and reads no file outside
//! DIR.
//!
//! Escaping happens in exactly one place, the formatter: every value printed with
//! `{{ … }}` has its line breaks folded to spaces, so user text can never start a new block
//! markup line.

use std::path::{Path, PathBuf};

use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};

use crate::data::Document;
use crate::data::source::{MAX_AUX_BYTES, read_in_folder};
use crate::text::{
    Capped, MAX_TEMPLATE_OUTPUT, self_growing_macro, self_growing_set, within_budget,
};

/// The templates shipped with vanban, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("_common.vb", include_str!("../../templates/_common.vb")),
    ("cong-van.vb", include_str!("../../templates/cong-van.vb")),
    ("van-ban.vb", include_str!("../../templates/van-ban.vb")),
    ("cong-dien.vb", include_str!("../../templates/cong-dien.vb")),
    (
        "dang-van-ban.vb",
        include_str!("../../templates/dang-van-ban.vb"),
    ),
];

/// Instructions a template may run for one document before it is stopped.
const FUEL: u64 = 2_000_000;

/// A template could not be filled.
#[derive(Debug)]
pub struct TemplateError {
    /// Template file name.
    pub template: String,
    /// The template's file: `DIR/NAME` when `--templates DIR` has it, else the built-in
    /// `templates/NAME`.
    pub file: PathBuf,
    /// Line in the template, when known.
    pub line: Option<usize>,
    /// What went wrong (minijinja's words; templates are written by technical staff).
    pub detail: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "mẫu `{}`", self.template)?;
        if let Some(l) = self.line {
            write!(f, ", dòng {l}")?;
        }
        write!(f, ": {}", self.detail)
    }
}

impl std::error::Error for TemplateError {}

/// The template environment: built once, used for every document. The templates come from
/// `templates/` and may be overridden by files of the same name (`*.vb`) in the
/// `--templates` folder.
pub struct Templates {
    env: Environment<'static>,
    /// The `--templates` folder, to name a failing template's file.
    dir: Option<PathBuf>,
}

impl Templates {
    /// Built-in templates, overridden by files of the same name in `dir` if given.
    pub fn new(dir: Option<&Path>) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(64);
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        // A custom escaping mode: values from data are folded to one line by the formatter,
        // while macro output (marked safe by minijinja under auto-escaping) passes as is.
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Custom("vb".into()));
        env.set_formatter(|out, state, value| {
            if value.is_none() || value.is_undefined() {
                return Ok(());
            }
            // A value past the output limit is refused before it is copied.
            if let Some(len) = value.as_str().map(str::len).or(value.len()) {
                spend(state, len)?;
            }
            let s = value.to_string();
            spend(state, s.len())?;
            // Macro output (and text a template marks `|safe`) is block markup already.
            if value.is_safe() {
                return out.write_str(&s).map_err(Error::from);
            }
            out.write_str(&one_line(&s)).map_err(Error::from)
        });
        env.add_filter("date_vn", date_vn);
        env.add_function("blank", blank);
        let dir: Option<PathBuf> = dir.map(Path::to_path_buf);
        let folder = dir.clone();
        env.set_loader(move |name| {
            if !is_plain_name(name) {
                return Err(Error::new(
                    ErrorKind::TemplateNotFound,
                    format!("tên mẫu `{name}` không hợp lệ (chỉ dùng tên tệp trong thư mục mẫu)"),
                ));
            }
            if let Some(d) = &dir
                && let Some(text) = read_in_folder(d, name, MAX_AUX_BYTES)
                    .map_err(|e| Error::new(ErrorKind::TemplateNotFound, e.message))?
            {
                if let Some((line, var)) = self_growing_set(&text) {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!(
                            "dòng {line}: `{{% set {var} = … {var} … %}}` nối biến `{var}` với chính nó; \
                             trong vòng lặp chuỗi này tăng gấp đôi mỗi lần tới hàng GB. \
                             Cách sửa: in từng phần ra bằng {{{{ … }}}} trong vòng lặp, hoặc dùng bộ lọc join"
                        ),
                    ));
                }
                if let Some((line, name)) = self_growing_macro(&text) {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!(
                            "dòng {line}: macro `{name}` gọi lại chính nó (trực tiếp hoặc qua macro khác) với đối số nối thêm chuỗi (`~`); \
                             mỗi lần gọi chuỗi tăng gấp đôi tới hàng GB. \
                             Cách sửa: truyền phần nhỏ hơn của dữ liệu (ví dụ `macro(muc.body)`), không nối chuỗi trong lời gọi"
                        ),
                    ));
                }
                return Ok(Some(text));
            }
            Ok(BUILTIN
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, src)| src.to_string()))
        });
        Templates { env, dir: folder }
    }

    /// The file a template comes from, for messages: the `--templates` folder's when it
    /// holds one of that name, else the built-in `templates/NAME`.
    fn file_of(&self, name: &str) -> PathBuf {
        match &self.dir {
            Some(d) if is_plain_name(name) && d.join(name).is_file() => d.join(name),
            _ => Path::new("templates").join(name),
        }
    }

    /// Fill the template of `doc.kind` with the document.
    pub fn fill(&self, doc: &Document) -> Result<String, TemplateError> {
        let name = doc.kind.template.clone();
        let wrap = |e: Error| TemplateError {
            template: e.name().unwrap_or(&name).to_string(),
            file: self.file_of(e.name().unwrap_or(&name)),
            line: e.line(),
            detail: match e.kind() {
                ErrorKind::OutOfFuel => {
                    "mẫu chạy quá lâu (có thể là vòng lặp không dừng)".to_string()
                }
                ErrorKind::TemplateNotFound => format!(
                    "không có mẫu được gọi tới hoặc tên mẫu không hợp lệ (chỉ dùng tệp trong thư mục mẫu): {}",
                    e.detail().unwrap_or_default()
                ),
                _ => e
                    .detail()
                    .map_or_else(|| e.kind().to_string(), str::to_string),
            },
        };
        let tmpl = self.env.get_template(&name).map_err(wrap)?;
        // Bounded output: a loop that prints without end stops at the limit (a per-document
        // error), never fills memory.
        let mut out = Capped::new(MAX_TEMPLATE_OUTPUT);
        let rendered = tmpl.render_captured_to(Value::from(minijinja::value::Serde(doc)), &mut out);
        if out.overflowed {
            return Err(TemplateError {
                file: self.file_of(&name),
                template: name,
                line: None,
                detail: too_large_text(),
            });
        }
        rendered.map_err(wrap)?;
        String::from_utf8(out.bytes).map_err(|_| TemplateError {
            file: self.file_of(&name),
            template: name,
            line: None,
            detail: "mẫu tạo ra văn bản không phải UTF-8".into(),
        })
    }
}

/// The message of a template evaluation past [`MAX_TEMPLATE_OUTPUT`].
fn too_large_text() -> String {
    format!(
        "mẫu tạo ra văn bản quá lớn (tối đa {} MB cho một văn bản); có thể là vòng lặp in hoặc \
         nối chuỗi không dừng — sửa mẫu, hoặc tách dữ liệu thành nhiều văn bản",
        MAX_TEMPLATE_OUTPUT / (1024 * 1024)
    )
}

/// Count `n` more bytes of output against the render's budget ([`within_budget`]).
fn spend(state: &mut minijinja::State, n: usize) -> Result<(), Error> {
    if within_budget(state, n) {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::InvalidOperation, too_large_text()))
    }
}

/// A template name must be a bare file name: no folders, no way out of the template folder.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.contains(['/', '\\', ':'])
        && name != "."
        && name != ".."
        && !name.starts_with('.')
}

/// Fold every run of whitespace containing a line break into one space.
fn one_line(s: &str) -> String {
    if !s.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
        return s.to_string();
    }
    s.split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `{{ blank(n) }}`: room for a value filled in by hand (a draft's number), as n no-break
/// spaces (at most 40).
fn blank(n: usize) -> String {
    "\u{a0}".repeat(n.min(40))
}

/// `{{ date | date_vn }}`: "ngày 05 tháng 01 năm 2025"; a draft's blank day or month keeps
/// room for the hand-written value (seed 000: "ngày    tháng    năm 2024").
fn date_vn(date: Value) -> Result<String, Error> {
    let get = |k: &str| -> Result<String, Error> {
        let v = date.get_attr(k)?;
        if v.is_undefined() {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("date_vn: the value has no `{k}`"),
            ));
        }
        Ok(v.as_str().unwrap_or_default().to_string())
    };
    let gap = blank(4);
    let day = get("day")?;
    let month = get("month")?;
    let year = get("year")?;
    let day = if day.is_empty() { gap.clone() } else { day };
    let month = if month.is_empty() { gap } else { month };
    Ok(format!("ngày {day} tháng {month} năm {year}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_open_a_markup_line() {
        assert_eq!(one_line("a\n::p injected\r\n b"), "a ::p injected b");
    }

    #[test]
    fn template_names_stay_in_their_folder() {
        assert!(is_plain_name("cong-van.vb"));
        for bad in ["../x.vb", "/etc/passwd", "a/b.vb", "..", ".hidden", "C:x"] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}
