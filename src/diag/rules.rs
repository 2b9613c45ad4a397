//! The rule catalogue of `vanban check`: every rule's id, severity, legal source, message
//! and hint in Vietnamese and English, in one place (`rules.toml` beside this file). The
//! loader (`data`) and the linter (`rules`) name rules by id; this module words them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::{Diagnostic, Lang, Severity};

/// The catalogue's text.
const RULES_TOML: &str = include_str!("rules.toml");

/// One rule of the catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// `error` or `warning`.
    pub severity: String,
    /// The legal source.
    pub source: String,
    /// Message, Vietnamese.
    pub vi: String,
    /// Message, English.
    pub en: String,
    /// Hint, Vietnamese.
    pub hint_vi: String,
    /// Hint, English.
    pub hint_en: String,
}

/// The rule catalogue.
pub static RULES: LazyLock<BTreeMap<String, Rule>> =
    LazyLock::new(|| toml::from_str(RULES_TOML).unwrap_or_default());

/// A rule that applies somewhere, before it is worded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id.
    pub rule: String,
    /// The input file.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Field path, when known.
    pub field: Option<String>,
    /// Values for the message's placeholders.
    pub args: BTreeMap<String, String>,
}

fn fill(template: &str, args: &BTreeMap<String, String>) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

impl Finding {
    pub fn new(rule: &str, file: &Path) -> Self {
        Finding {
            rule: rule.to_string(),
            file: file.to_path_buf(),
            line: None,
            field: None,
            args: BTreeMap::new(),
        }
    }

    pub fn arg(mut self, k: &str, v: impl Into<String>) -> Self {
        self.args.insert(k.to_string(), v.into());
        self
    }

    pub fn at(mut self, field: &str, line: Option<usize>) -> Self {
        self.field = Some(field.to_string()).filter(|f| !f.is_empty());
        self.line = line;
        self
    }

    /// The finding as a diagnostic in `lang`.
    pub fn diagnostic(&self, lang: Lang) -> Diagnostic {
        let Some(rule) = RULES.get(&self.rule) else {
            return Diagnostic::error(&self.file, format!("unknown rule {}", self.rule));
        };
        let (msg, hint) = match lang {
            Lang::Vi => (&rule.vi, &rule.hint_vi),
            Lang::En => (&rule.en, &rule.hint_en),
        };
        let mut d = match rule.severity.as_str() {
            "error" => Diagnostic::error(&self.file, fill(msg, &self.args)),
            "info" => Diagnostic {
                severity: Severity::Info,
                ..Diagnostic::warning(&self.file, fill(msg, &self.args))
            },
            _ => Diagnostic::warning(&self.file, fill(msg, &self.args)),
        }
        .at_line(self.line)
        .with_hint(fill(hint, &self.args));
        d.field = self.field.clone();
        d.rule = Some(self.rule.clone());
        d.source = Some(rule.source.clone());
        d
    }
}

/// Diagnostics of `findings` in `lang`, warnings (not notes) as errors if `deny_warnings`.
pub fn diagnostics(findings: &[Finding], lang: Lang, deny_warnings: bool) -> Vec<Diagnostic> {
    findings
        .iter()
        .map(|f| {
            let mut d = f.diagnostic(lang);
            if deny_warnings && d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
            d
        })
        .collect()
}
