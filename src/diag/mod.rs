//! Diagnostics: what went wrong with an input, where, and how to fix it.
//!
//! Every message a clerk reads is Vietnamese, with its English beside it where the finding
//! was worded in both languages (`vanban check --lang en`); each carries the file, the line
//! (and a typed [`Span`] where the parser or the spreadsheet gives more), the field path, and
//! a hint. [`load`] words the problems of reading a file, [`rules`] the rules of the linter.

pub mod load;
pub mod rules;

use std::fmt;
use std::path::{Path, PathBuf};

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

/// A text worded in both languages: the loader words every problem once, in Vietnamese
/// and in English side by side, so that no message is ever translated after the fact.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bi {
    /// Vietnamese.
    pub vi: String,
    /// English.
    pub en: String,
}

impl Bi {
    /// A text in both languages.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Bi {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// A text printed without a language chosen is Vietnamese, the default.
impl fmt::Display for Bi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vi)
    }
}

/// Serialised as its Vietnamese, like every text of a document's data.
impl serde::Serialize for Bi {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.vi)
    }
}

impl<A: Into<String>, B: Into<String>> From<(A, B)> for Bi {
    fn from((vi, en): (A, B)) -> Self {
        Bi::new(vi, en)
    }
}

/// Where exactly a finding is, as the parser or the spreadsheet gives it. The printed place
/// stays `file, dòng L, trường F` ([`Diagnostic::line`], [`Diagnostic::field`]); the span
/// adds what a line number alone cannot say (the column, the sheet and cell), for editors
/// and the JSON report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// A place in a text file (YAML, JSON, TOML, CSV, a template): 1-based line and column.
    File {
        /// 1-based line.
        line: usize,
        /// 1-based column, when the parser gives it.
        column: Option<usize>,
    },
    /// A place in a spreadsheet: the sheet (for workbooks), the 1-based row, the column's
    /// letters ("C").
    Sheet {
        /// The sheet's name, for workbooks.
        sheet: Option<String>,
        /// 1-based row.
        row: usize,
        /// The column's letters, when the finding is about one cell.
        column: Option<String>,
    },
}

impl Span {
    /// The line (file) or row (sheet).
    pub fn line(&self) -> usize {
        match self {
            Span::File { line, .. } => *line,
            Span::Sheet { row, .. } => *row,
        }
    }
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The document cannot be produced.
    Error,
    /// The document is produced, but something deserves a look.
    Warning,
    /// Worth knowing, nothing to correct (a deadline with no date a calendar could hold):
    /// never turned into an error by `--deny-warnings` or `--final`.
    Info,
}

impl Severity {
    /// The severity's name in `--format json`: `error`, `warning` or `info`.
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding about one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The input file.
    pub file: PathBuf,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// Field path such as `signature.name` or `body[3].items[1]`, when known.
    pub field: Option<String>,
    /// What is wrong (Vietnamese).
    pub message: String,
    /// How to fix it (Vietnamese).
    pub hint: Option<String>,
    /// The rule id of `vanban check`, when the finding comes from a rule.
    pub rule: Option<String>,
    /// The rule's legal source.
    pub source: Option<String>,
    /// The exact place, when known (its line is also in `line`).
    pub span: Option<Span>,
    /// The message in English, when the finding was worded in both languages.
    pub message_en: Option<String>,
    /// The hint in English.
    pub hint_en: Option<String>,
}

impl Diagnostic {
    /// The diagnostic as `vanban check --format json` prints it (one item of its list; the
    /// server's API answers with the same items).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity.key(),
            "file": self.file.display().to_string(),
            "line": self.line,
            "field": self.field,
            "rule": self.rule,
            "source": self.source,
            "message": self.message,
            "hint": self.hint,
        })
    }

    /// An error about `file`.
    pub fn error(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line: None,
            field: None,
            message: message.into(),
            hint: None,
            rule: None,
            source: None,
            span: None,
            message_en: None,
            hint_en: None,
        }
    }

    /// Attach the exact place; its line (or row) becomes the printed line.
    pub fn at_span(mut self, span: Span) -> Self {
        self.line = Some(span.line());
        self.span = Some(span);
        self
    }

    /// An error about `file`, worded in both languages.
    pub fn error_bi(file: &Path, message: impl Into<Bi>) -> Self {
        let m = message.into();
        let mut d = Diagnostic::error(file, m.vi);
        d.message_en = Some(m.en);
        d
    }

    /// Attach a hint worded in both languages.
    pub fn with_hint_bi(mut self, hint: impl Into<Bi>) -> Self {
        let h = hint.into();
        self.hint = Some(h.vi);
        self.hint_en = Some(h.en);
        self
    }

    /// The message in `lang` (Vietnamese when it has no English).
    pub fn message_in(&self, lang: Lang) -> &str {
        match (lang, &self.message_en) {
            (Lang::En, Some(en)) => en,
            _ => &self.message,
        }
    }

    /// The hint in `lang` (Vietnamese when it has no English).
    pub fn hint_in(&self, lang: Lang) -> Option<&str> {
        match (lang, &self.hint_en) {
            (Lang::En, Some(en)) => Some(en),
            _ => self.hint.as_deref(),
        }
    }

    /// A warning about `file`.
    pub fn warning(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Attach the line.
    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// Attach the field path.
    pub fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Attach a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// The diagnostic as the clerk reads it: severity, file, line, field, message, hint and
    /// rule; the frame in English when `english` (`vanban check --lang en`).
    pub fn to_text(&self, english: bool) -> String {
        use std::fmt::Write;
        let (sev, line, field, fix, rule) = match (english, self.severity) {
            (false, Severity::Error) => ("lỗi", "dòng", "trường", "cách sửa", "quy định"),
            (false, Severity::Warning) => ("cảnh báo", "dòng", "trường", "cách sửa", "quy định"),
            (true, Severity::Error) => ("error", "line", "field", "fix", "rule"),
            (true, Severity::Warning) => ("warning", "line", "field", "fix", "rule"),
            (false, Severity::Info) => ("ghi chú", "dòng", "trường", "gợi ý", "quy định"),
            (true, Severity::Info) => ("note", "line", "field", "suggestion", "rule"),
        };
        let mut f = format!("{sev}: {}", self.file.display());
        if let Some(l) = self.line {
            let _ = write!(f, ", {line} {l}");
        }
        if let Some(name) = &self.field {
            let _ = write!(f, ", {field} `{name}`");
        }
        let _ = write!(f, ": {}", self.message);
        if let Some(hint) = &self.hint {
            let _ = write!(f, "\n  {fix}: {hint}");
        }
        if let (Some(id), Some(source)) = (&self.rule, &self.source)
            && id != "input"
        {
            let _ = write!(f, "\n  {rule}: {source} [{id}]");
        }
        f
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text(false))
    }
}
