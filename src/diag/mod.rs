//! Diagnostics: what went wrong with an input, where, and how to fix it.
//!
//! Every message a clerk reads is Vietnamese; each carries the file, the line (when the
//! input format keeps positions) and the field path, and a hint.

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

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The document cannot be produced.
    Error,
    /// The document is produced, but something deserves a look.
    Warning,
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
}

impl Diagnostic {
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
