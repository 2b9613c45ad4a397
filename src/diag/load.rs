//! The problems of reading a document file, as values, worded once per language.
//!
//! The loader (`crate::data`) finds these from the parsers' own error kinds and positions;
//! [`Problem::words`] gives the message and the hint in Vietnamese and English side by side.
//! Nothing here is ever parsed back: a new wording changes one line of this file.

use super::Bi;

/// The syntax of a document file, for the hints that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// YAML.
    Yaml,
    /// JSON.
    Json,
    /// TOML.
    Toml,
}

impl Syntax {
    fn name(self) -> &'static str {
        match self {
            Syntax::Yaml => "YAML",
            Syntax::Json => "JSON",
            Syntax::Toml => "TOML",
        }
    }
}

/// Where a value of the wrong type was written: the key on its line and, when the value
/// opens with `[` or `{`, that bracket (a text read as a list or a mapping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueAt {
    /// The key.
    pub key: String,
    /// `[` or `{` when the value starts with one.
    pub opener: Option<char>,
}

/// A problem of reading a document file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file's extension is none of .yaml, .yml, .json, .toml.
    UnknownFormat,
    /// The YAML text ends in the middle of a value.
    EndsAbruptly,
    /// A field the format does not have; `near` is the valid name it probably meant.
    UnknownField {
        /// The field as written.
        field: String,
        /// The nearest valid name.
        near: Option<String>,
        /// The valid names at this place.
        valid: Vec<String>,
    },
    /// A field serde requires is missing.
    MissingField {
        /// The field.
        field: String,
        /// The file's syntax.
        syntax: Syntax,
    },
    /// A value of the wrong type, with what the parser found and expected (its words).
    WrongType {
        /// What was found ("string \"ba\"").
        found: String,
        /// What was expected ("u32").
        expected: String,
        /// Where.
        at: Option<ValueAt>,
    },
    /// A value of the wrong kind of YAML node (`expected` is the parser's word: "string
    /// scalar", "sequence", "mapping", …).
    Expected {
        /// The kind expected.
        expected: String,
        /// Where.
        at: Option<ValueAt>,
    },
    /// Not a valid whole number.
    BadNumber {
        /// Where.
        at: Option<ValueAt>,
    },
    /// A value matching none of the accepted forms (text, or a mapping of valid keys).
    WrongForm {
        /// Where.
        at: Option<ValueAt>,
    },
    /// A value the parser rejects, in its words.
    InvalidValue {
        /// The parser's words.
        detail: String,
        /// The file's syntax.
        syntax: Syntax,
    },
    /// A line indented with a Tab.
    TabIndent,
    /// A `:` where the indentation does not match (or unquoted text with `: `).
    BadIndent,
    /// A `:` in the wrong place, usually after a `[` list left open.
    MisplacedColon,
    /// A `[` list with no `]`.
    UnclosedList,
    /// Lists and mappings nested deeper than the reader allows.
    TooDeep,
    /// A YAML file past the reader's budget (nodes, aliases, anchors, documents).
    TooComplex,
    /// The same key twice in one mapping.
    DuplicateKey {
        /// The key, when it is text.
        key: Option<String>,
    },
    /// Any other YAML syntax error, in the parser's words.
    YamlSyntax {
        /// The parser's words.
        detail: String,
    },
    /// Any other reading error, in the parser's words.
    Invalid {
        /// The parser's words.
        detail: String,
        /// The file's syntax.
        syntax: Syntax,
    },
}

/// The hint for a syntax error in `syntax`.
pub fn syntax_hint(syntax: Syntax) -> Bi {
    let n = syntax.name();
    Bi::new(
        format!("sửa cú pháp {n} ở dòng này; xem docs/format.md để biết các trường hợp lệ"),
        format!("fix the {n} syntax on this line; docs/format.md lists the valid fields"),
    )
}

/// The hint for a value of the wrong type.
fn value_hint(at: &Option<ValueAt>) -> Bi {
    match at {
        Some(ValueAt {
            opener: Some(open), ..
        }) => {
            let (vi, en) = if *open == '[' {
                ("một danh sách", "a list")
            } else {
                ("một khối khóa: giá trị", "a mapping (key: value)")
            };
            Bi::new(
                format!(
                    "giá trị bắt đầu bằng `{open}` nên được đọc là {vi}; bỏ dấu `{open}`, hoặc đặt cả giá trị trong dấu nháy \"…\" nếu nó là chữ"
                ),
                format!(
                    "a value starting with `{open}` is read as {en}; remove the `{open}`, or put the whole value in quotes \"…\" if it is text"
                ),
            )
        }
        Some(ValueAt { key, .. }) => Bi::new(
            format!(
                "sửa giá trị của `{key}` ở dòng này cho đúng kiểu; xem docs/format.md (mục `{key}`)"
            ),
            format!(
                "give `{key}` on this line a value of the right type; see docs/format.md (`{key}`)"
            ),
        ),
        None => Bi::new(
            "sửa giá trị ở dòng này cho đúng kiểu; xem docs/format.md",
            "give the value on this line the right type; see docs/format.md",
        ),
    }
}

/// A YAML node kind ("string scalar", "a sequence start", …) in both languages.
fn kind_words(expected: &str) -> Bi {
    let t = expected.replace(" start", "");
    let one = |t: &str| -> Bi {
        let en = match t.trim().trim_start_matches("a ") {
            "string scalar" => "text",
            "sequence" => "a list",
            "mapping" => "a mapping (key: value)",
            "unsigned integer" => "a whole number (0 or more)",
            "integer" => "a whole number",
            "boolean" => "true or false",
            other => other,
        };
        Bi::new("", en)
    };
    let parts: Vec<Bi> = t.split(" or ").map(one).collect();
    // The Vietnamese as it always read (the parser's words replaced in place).
    let vi = t
        .replace("string scalar", "một chuỗi văn bản")
        .replace("a sequence", "một danh sách")
        .replace("sequence", "một danh sách")
        .replace("a mapping", "một khối khóa: giá trị")
        .replace("mapping", "một khối khóa: giá trị")
        .replace("unsigned integer", "một số nguyên không âm")
        .replace("integer", "một số nguyên")
        .replace("boolean", "true hoặc false")
        .replace(" or ", " hoặc ");
    Bi::new(
        vi,
        parts
            .iter()
            .map(|b| b.en.as_str())
            .collect::<Vec<_>>()
            .join(" or "),
    )
}

impl Problem {
    /// Whether the problem is a value of the wrong type (its field is the key on its line).
    pub fn is_type_error(&self) -> bool {
        matches!(
            self,
            Problem::WrongType { .. }
                | Problem::Expected { .. }
                | Problem::BadNumber { .. }
                | Problem::WrongForm { .. }
        )
    }

    /// Place a type error at the key written on its line.
    pub fn at_value(&mut self, value_at: ValueAt) {
        if let Problem::WrongType { at, .. }
        | Problem::Expected { at, .. }
        | Problem::BadNumber { at }
        | Problem::WrongForm { at } = self
        {
            *at = Some(value_at);
        }
    }

    /// The message and the hint, each in Vietnamese and English.
    pub fn words(&self) -> (Bi, Bi) {
        match self {
            Problem::UnknownFormat => (
                Bi::new("không nhận ra định dạng tệp", "unknown file format"),
                Bi::new(
                    "đặt tên tệp với đuôi .yaml, .yml, .json hoặc .toml",
                    "name the file with the extension .yaml, .yml, .json or .toml",
                ),
            ),
            Problem::EndsAbruptly => (
                Bi::new("tệp YAML kết thúc đột ngột", "the YAML file ends abruptly"),
                syntax_hint(Syntax::Yaml),
            ),
            Problem::UnknownField { field, near, valid } => {
                let valid = valid.join(", ");
                let message = match near {
                    Some(n) => Bi::new(
                        format!("trường `{field}` không có trong định dạng; có phải là `{n}`?"),
                        format!(
                            "the field `{field}` is not part of the format; did you mean `{n}`?"
                        ),
                    ),
                    None => Bi::new(
                        format!("trường `{field}` không có trong định dạng"),
                        format!("the field `{field}` is not part of the format"),
                    ),
                };
                (
                    message,
                    Bi::new(
                        format!("sửa tên trường cho đúng; các trường hợp lệ ở đây: {valid}"),
                        format!("correct the field's name; the valid fields here are: {valid}"),
                    ),
                )
            }
            Problem::MissingField { field, syntax } => (
                Bi::new(
                    format!("thiếu trường `{field}`"),
                    format!("missing the field `{field}`"),
                ),
                syntax_hint(*syntax),
            ),
            Problem::WrongType {
                found,
                expected,
                at,
            } => (
                Bi::new(
                    format!("kiểu giá trị sai: gặp {found}, cần {expected}"),
                    format!("wrong type: found {found}, expected {expected}"),
                ),
                value_hint(at),
            ),
            Problem::Expected { expected, at } => {
                let k = kind_words(expected);
                let en = match k.en.as_str() {
                    "text" => "the value has the wrong type: text is expected".to_string(),
                    "a list" => "the value has the wrong type: a list is expected".to_string(),
                    "a mapping (key: value)" => {
                        "the value has the wrong type: a mapping (key: value) is expected"
                            .to_string()
                    }
                    other => format!("the value has the wrong type: expected {other}"),
                };
                (
                    Bi::new(format!("giá trị không đúng kiểu: cần {}", k.vi), en),
                    value_hint(at),
                )
            }
            Problem::BadNumber { at } => (
                Bi::new(
                    "số không hợp lệ: cần một số nguyên không âm",
                    "not a valid number: a whole number (0 or more) is expected",
                ),
                value_hint(at),
            ),
            Problem::WrongForm { at } => (
                Bi::new(
                    "giá trị không đúng dạng (cần một chuỗi văn bản, hoặc một khối có các khóa hợp lệ)",
                    "the value has the wrong form (text, or a mapping with valid keys, is expected)",
                ),
                value_hint(at),
            ),
            Problem::InvalidValue { detail, syntax } => (
                Bi::new(
                    format!("giá trị không hợp lệ: {detail}"),
                    format!("invalid value: {detail}"),
                ),
                syntax_hint(*syntax),
            ),
            Problem::TabIndent => (
                Bi::new(
                    "dòng này thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách",
                    "this line is indented with a Tab; YAML allows only spaces",
                ),
                Bi::new(
                    "thay Tab bằng dấu cách (thường 2 dấu cách cho mỗi cấp)",
                    "replace the Tab with spaces (usually 2 spaces a level)",
                ),
            ),
            Problem::BadIndent => (
                Bi::new(
                    "dấu `:` ở dòng này không hợp lệ: thụt lề không khớp với các dòng trên, hoặc chữ có dấu `: ` mà không đặt trong dấu nháy",
                    "the `:` on this line is not allowed: the indentation does not match the lines above, or text containing `: ` is not quoted",
                ),
                Bi::new(
                    "các trường cùng cấp phải lùi vào bằng nhau (thường 2 dấu cách cho mỗi cấp); chữ có dấu `: ` thì đặt cả giá trị trong dấu nháy \"…\"",
                    "fields of one level are indented alike (usually 2 spaces a level); quote a value that contains `: `",
                ),
            ),
            Problem::MisplacedColon => (
                Bi::new(
                    "dấu `:` đặt sai chỗ; thường do một danh sách mở bằng `[` ở dòng trên chưa có dấu đóng `]`",
                    "a `:` in the wrong place; usually a list opened with `[` above is not closed with `]`",
                ),
                Bi::new(
                    "đóng danh sách bằng `]` ở cuối dòng của nó, hoặc đặt chữ có dấu `:` trong dấu nháy \"…\"",
                    "close the list with `]` at the end of its line, or quote text that contains `:`",
                ),
            ),
            Problem::UnclosedList => (
                Bi::new(
                    "danh sách mở bằng `[` nhưng không có dấu đóng `]`",
                    "a list opened with `[` is not closed with `]`",
                ),
                Bi::new(
                    "thêm `]` ở cuối danh sách, hoặc đặt chữ có dấu phẩy trong dấu nháy \"…\"",
                    "add `]` at the end of the list, or quote text that contains a comma",
                ),
            ),
            Problem::TooDeep => (
                Bi::new(
                    "danh sách, khối khóa: giá trị lồng nhau quá sâu (tối đa 64 tầng)",
                    "lists and mappings are nested too deep (at most 64 levels)",
                ),
                Bi::new(
                    "kiểm tra dấu `[` `{` thừa hoặc thụt lề sai; văn bản không cần lồng sâu như vậy",
                    "look for stray `[` `{` or wrong indentation; a document never nests this deep",
                ),
            ),
            Problem::TooComplex => (
                Bi::new(
                    "tệp YAML quá phức tạp (quá nhiều phần tử, bí danh `*` hoặc neo `&`)",
                    "the YAML file is too complex (too many nodes, aliases `*` or anchors `&`)",
                ),
                Bi::new(
                    "viết dữ liệu trực tiếp, không dùng neo `&` và bí danh `*`; tách tệp lớn thành nhiều tệp",
                    "write the data out without anchors `&` and aliases `*`; split a large file",
                ),
            ),
            Problem::DuplicateKey { key } => {
                let k = key.as_deref().unwrap_or("");
                (
                    Bi::new(
                        format!("khóa `{k}` được viết hai lần trong cùng một khối"),
                        format!("the key `{k}` is written twice in the same mapping"),
                    ),
                    Bi::new(
                        format!("giữ một dòng `{k}:` và xóa dòng kia"),
                        format!("keep one `{k}:` line and delete the other"),
                    ),
                )
            }
            Problem::YamlSyntax { detail } => (
                Bi::new(
                    format!("YAML không đúng cú pháp ({detail})"),
                    format!("YAML syntax error ({detail})"),
                ),
                syntax_hint(Syntax::Yaml),
            ),
            Problem::Invalid { detail, syntax } => (
                Bi::new(
                    format!("dữ liệu không hợp lệ: {detail}"),
                    format!("invalid data: {detail}"),
                ),
                syntax_hint(*syntax),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_both_languages() {
        let p = Problem::UnknownField {
            field: "nam".into(),
            near: Some("name".into()),
            valid: vec!["name".into(), "parent".into()],
        };
        let (m, h) = p.words();
        assert!(m.vi.contains("có phải là `name`?"), "{}", m.vi);
        assert!(m.en.contains("did you mean `name`?"), "{}", m.en);
        assert!(h.en.contains("name, parent"));
        let (m, _) = Problem::Expected {
            expected: "a sequence start".into(),
            at: None,
        }
        .words();
        assert_eq!(m.vi, "giá trị không đúng kiểu: cần một danh sách");
        assert_eq!(m.en, "the value has the wrong type: a list is expected");
    }
}
