//! `vanban check`: the rules of NĐ 30/2020 and the Party guidance as findings, each with its
//! rule id, severity, legal source, place and hint, in Vietnamese or English.
//!
//! The rules are data (`src/check/rules.toml`): id, severity, source, message and hint in
//! both languages with `{placeholders}`. This module finds where each applies.

pub mod english;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::data::catalogue::{Catalogue, System};
use crate::data::{self, Document, Format, locate};
use crate::diag::{Diagnostic, Severity};

mod tasks;

const RULES_TOML: &str = include_str!("rules.toml");

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

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
    fn new(rule: &str, file: &Path) -> Self {
        Finding {
            rule: rule.to_string(),
            file: file.to_path_buf(),
            line: None,
            field: None,
            args: BTreeMap::new(),
        }
    }

    fn arg(mut self, k: &str, v: impl Into<String>) -> Self {
        self.args.insert(k.to_string(), v.into());
        self
    }

    fn at(mut self, field: &str, line: Option<usize>) -> Self {
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
        let mut d = if rule.severity == "error" {
            Diagnostic::error(&self.file, fill(msg, &self.args))
        } else {
            Diagnostic::warning(&self.file, fill(msg, &self.args))
        }
        .at_line(self.line)
        .with_hint(fill(hint, &self.args));
        d.field = self.field.clone();
        d.rule = Some(self.rule.clone());
        d.source = Some(rule.source.clone());
        d
    }
}

/// A load error as a finding: of the rule the loader named (a required part, the number's
/// form, …), else of the rule `input`. Its text is already worded, in Vietnamese.
fn input_finding(d: &Diagnostic) -> Finding {
    let hint = d.hint.clone().unwrap_or_default();
    let mut f = Finding::new(d.rule.as_deref().unwrap_or("input"), &d.file)
        .arg(
            "message_en",
            english::translate(&d.message).unwrap_or_else(|| d.message.clone()),
        )
        .arg(
            "hint_en",
            english::translate(&hint).unwrap_or_else(|| hint.clone()),
        )
        .arg("message", d.message.clone())
        .arg("hint", hint);
    f.line = d.line;
    f.field = d.field.clone();
    f
}

/// Every finding for one file: load errors, then the rules on the checked document.
pub fn check_file(
    path: &Path,
    templates: &crate::template::Templates,
    stage: data::Stage,
) -> Vec<Finding> {
    match data::load_with_source(path, stage, templates.catalogue()) {
        Err(diags) => diags.iter().map(input_finding).collect(),
        Ok((doc, source)) => {
            let yaml = Format::of(path) == Some(Format::Yaml);
            rules(path, &doc, &source, yaml, templates.catalogue())
        }
    }
}

/// The rules on a checked document. `source` is the file's text, for lines.
pub fn rules(
    path: &Path,
    doc: &Document,
    source: &str,
    yaml: bool,
    catalogue: &Catalogue,
) -> Vec<Finding> {
    let line_of_field = |field: &str| {
        if yaml {
            locate::yaml_line(source, field)
        } else {
            None
        }
    };
    // The first line holding `needle` outside comments.
    let line_of_text = |needle: &str| {
        source
            .lines()
            .position(|l| !l.trim_start().starts_with('#') && l.contains(needle))
            .map(|i| i + 1)
    };
    let mut out = Vec::new();

    // Documents cited in the text: their dates and symbols.
    for text in doc_texts(doc) {
        for c in cited_documents(&text) {
            if !c.date_ok {
                out.push(
                    Finding::new("cited-date-impossible", path)
                        .arg("cited", c.whole.clone())
                        .arg("date", c.date.clone())
                        .at("", line_of_text(&c.whole)),
                );
            }
            if c.symbol.chars().take_while(char::is_ascii_digit).count() == 1 {
                out.push(
                    Finding::new("cited-number-form", path)
                        .arg("symbol", c.symbol.clone())
                        .at("", line_of_text(&c.whole)),
                );
            }
            if let Some((found, found_kind)) = cited_kind_mismatch(c.kind, &c.symbol, catalogue) {
                out.push(
                    Finding::new("cited-kind-code", path)
                        .arg("symbol", c.symbol.clone())
                        .arg("found", found)
                        .arg("found_kind", found_kind)
                        .arg("kind", c.kind.to_lowercase())
                        .at("", line_of_text(&c.whole)),
                );
            }
            if let Some(why) = symbol_problem(&c.symbol) {
                out.push(
                    Finding::new("cited-symbol-form", path)
                        .arg("symbol", c.symbol.clone())
                        .arg("why", why.0)
                        .arg("why_en", why.1)
                        .at("", line_of_text(&c.symbol)),
                );
            }
        }
        for (written, right) in date_form_problems(&text) {
            out.push(
                Finding::new("date-form", path)
                    .arg("written", written.clone())
                    .arg("right", right)
                    .at("", line_of_text(&written)),
            );
        }
        if let Some(sample) = legacy_encoding(&text) {
            out.push(
                Finding::new("text-legacy-encoding", path)
                    .arg("sample", sample.clone())
                    .at("", line_of_text(&sample)),
            );
        }
    }

    // Decomposed Unicode (NFD), e.g. pasted from a Mac or typed with "Unicode tổ hợp": the
    // loader already normalised it; say where it starts.
    {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        if let Some(i) = source.lines().position(|l| {
            is_nfc_quick(l.chars()) != IsNormalized::Yes && !unicode_normalization::is_nfc(l)
        }) {
            out.push(Finding::new("text-nfd", path).at("", Some(i + 1)));
        }
    }
    // The document's own symbol: no spaces, groups in capitals (the kind codes QyĐ, TTr,
    // CTr keep their lower-case letters, NĐ 30 Phụ lục III).
    let symbol_why = if doc.symbol.chars().any(char::is_whitespace) {
        Some(("có khoảng trắng", "contains spaces"))
    } else if doc
        .symbol
        .split(['-', '/'])
        .any(|g| g.chars().next().is_some_and(char::is_lowercase))
    {
        Some(("có nhóm viết thường", "has a lower-case group"))
    } else {
        None
    };
    if let Some((why, why_en)) = symbol_why {
        out.push(
            Finding::new("symbol-form", path)
                .arg("symbol", doc.symbol.clone())
                .arg("why", why)
                .arg("why_en", why_en)
                .at("symbol", line_of_field("symbol")),
        );
    }
    if doc.place.chars().next().is_some_and(char::is_lowercase) {
        out.push(
            Finding::new("place-capital", path)
                .arg("place", doc.place.clone())
                .at("place", line_of_field("place")),
        );
    }
    if doc.subject.trim_end().ends_with('.') && !doc.subject.trim_end().ends_with("..") {
        out.push(
            Finding::new("subject-final-period", path).at("subject", line_of_field("subject")),
        );
    }
    if !doc.recipients.is_empty()
        && !doc
            .distribution
            .first()
            .is_some_and(|d| d.text.trim().eq_ignore_ascii_case("Như trên"))
    {
        out.push(
            Finding::new("distribution-nhu-tren", path)
                .at("distribution", line_of_field("distribution")),
        );
    }
    if doc.kind.system == System::State && !doc.archive.split([',', ' ']).any(|p| p.trim() == "VT")
    {
        out.push(Finding::new("archive-vt", path).at("archive", line_of_field("archive")));
    }
    for (i, s) in doc.signatures.iter().enumerate() {
        let field = if doc.signatures.len() == 1 {
            "signature".to_string()
        } else {
            format!("signatures[{i}]")
        };
        if s.authority.starts_with("KT") || s.authority.starts_with("K/T") {
            let t = s.title.to_uppercase();
            if !t.starts_with("PHÓ") && !t.contains("PHÓ ") {
                out.push(
                    Finding::new("signature-kt-deputy", path)
                        .arg("title", s.title.clone())
                        .at(
                            &format!("{field}.title"),
                            line_of_field(&format!("{field}.title")),
                        ),
                );
            }
        }
        let written = s.written.trim().to_uppercase();
        let party_mark = written.contains('/');
        let state_mark = !written.is_empty() && !party_mark && written != "NONE";
        let (wrong, other, system) = match doc.kind.system {
            System::State if party_mark => (true, "văn bản của Đảng", "Nghị định 30/2020"),
            System::Party if state_mark && written != "Q" && written != "Q." => {
                (true, "văn bản nhà nước", "Hướng dẫn 36-HD/VPTW")
            }
            _ => (false, "", ""),
        };
        if wrong {
            out.push(
                Finding::new("signature-mark-system", path)
                    .arg("mark", s.written.trim())
                    .arg("other", other)
                    .arg("system", system)
                    .at(
                        &format!("{field}.authority"),
                        line_of_field(&format!("{field}.authority")),
                    ),
            );
        }
    }
    // TM. stands before a collective, not a person's title (NĐ 30, Phụ lục I, II.7.b;
    // Party T/M: HD 36, 1.7).
    for (i, s) in doc.signatures.iter().enumerate() {
        let field = if doc.signatures.len() == 1 {
            "signature.for".to_string()
        } else {
            format!("signatures[{i}].for")
        };
        let tm = matches!(s.authority.as_str(), "TM." | "T/M");
        let on_behalf = s.on_behalf.to_uppercase();
        if tm
            && PERSONAL_TITLES
                .iter()
                .any(|t| on_behalf.starts_with(t) || on_behalf == t.trim())
        {
            out.push(
                Finding::new("signature-tm-collective", path)
                    .arg("mark", s.authority.clone())
                    .arg("for", s.on_behalf.clone())
                    .at(&field, line_of_field(&field)),
            );
        }
    }

    // The kind code inside the symbol: vanban prints the kind's own code before what the file
    // gives, so a code of another kind there ("KH-UBND" in a quyết định) is printed twice
    // over ("QĐ-KH-UBND"). A công văn has no kind code at all (Phụ lục I, II.3.b); there CT
    // and HD are left alone, as they are also common issuer abbreviations (Cục Thuế: CT-…).
    let (sep, own_code) = match doc.kind.system {
        System::State => ('-', doc.kind.code.as_str()),
        System::Party => ('/', doc.kind.code.as_str()),
    };
    let groups: Vec<&str> = doc.symbol.split(sep).collect();
    let written_code = if own_code.is_empty() {
        groups
            .first()
            .filter(|g| groups.len() >= 2 && !["CT", "HD"].contains(*g))
            .copied()
    } else if groups.len() >= 3 && groups.first() == Some(&own_code) {
        groups.get(1).copied()
    } else {
        None
    };
    if let Some(found) = written_code
        && found != own_code
        && let Some(other) = catalogue
            .kinds()
            .find(|k| !k.name.is_empty() && k.code == found && k.system == doc.kind.system)
    {
        let kind = if doc.kind.name.is_empty() {
            "công văn".to_string()
        } else {
            doc.kind.name.to_lowercase()
        };
        out.push(
            Finding::new("symbol-kind-code", path)
                .arg("symbol", doc.symbol.clone())
                .arg("found", found)
                .arg("found_kind", other.name.to_lowercase())
                .arg("kind", kind)
                .at("symbol", line_of_field("symbol")),
        );
    }

    // List lines: what vanban cannot put right itself.
    let lists: [(&str, Vec<&str>); 3] = [
        ("bases", doc.bases.iter().map(String::as_str).collect()),
        (
            "recipients",
            doc.recipients.iter().map(String::as_str).collect(),
        ),
        (
            "distribution",
            doc.distribution.iter().map(|d| d.text.as_str()).collect(),
        ),
    ];
    for (field, lines) in lists {
        for line in lines {
            if let Some((why, why_en)) = list_line_problem(line) {
                out.push(
                    Finding::new("list-punctuation", path)
                        .arg("line", line)
                        .arg("why", why)
                        .arg("why_en", why_en)
                        .at(field, line_of_text(line).or_else(|| line_of_field(field))),
                );
            }
        }
    }

    // "./." closes the last sentence only; vanban adds it (state documents). One written by
    // hand elsewhere, or a malformed one at the end, is printed as written.
    if doc.kind.system == System::State {
        let texts = closing_texts(doc);
        let marks: Vec<&String> = texts.iter().filter(|t| t.contains("./.")).collect();
        let malformed = texts.iter().find(|t| {
            [". /.", "./ .", "/./.", "./../."]
                .iter()
                .any(|m| t.contains(m))
        });
        let problem = if let Some(t) = malformed {
            Some((t.to_string(), "viết sai dạng", "is malformed"))
        } else if marks.len() > 1 {
            Some((
                marks[0].to_string(),
                "đứng giữa văn bản",
                "stands inside the text",
            ))
        } else {
            None
        };
        if let Some((text, why, why_en)) = problem {
            // the words before the mark, to find its line
            let at = text.find("./.").or_else(|| text.find("/.")).unwrap_or(0);
            let before: String = text[..at]
                .chars()
                .rev()
                .take(24)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            out.push(
                Finding::new("body-end-mark", path)
                    .arg("why", why)
                    .arg("why_en", why_en)
                    .at(
                        "",
                        line_of_text(before.trim_start()).filter(|_| !before.trim().is_empty()),
                    ),
            );
        }
    }
    out.extend(tasks::findings(path, doc, &line_of_field));
    out
}

/// The texts of the body and the articles in print order (the ones "./." may close).
fn closing_texts(doc: &Document) -> Vec<String> {
    use crate::data::check::Block;
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Para { text, .. } => out.push(text.clone()),
                Block::Section {
                    title, text, body, ..
                } => {
                    out.push(title.clone());
                    out.push(text.clone());
                    walk(body, out);
                }
                Block::Items { items } => {
                    for it in items {
                        out.push(it.text.clone());
                        out.extend(it.items.iter().cloned());
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for a in &doc.articles {
        out.push(a.title.clone());
        out.push(a.text.clone());
        walk(&a.body, &mut out);
    }
    walk(&doc.body, &mut out);
    out
}

/// All running text of a document (body, articles, căn cứ, appendices), one string a block.
fn doc_texts(doc: &Document) -> Vec<String> {
    use crate::data::check::Block;
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Para { text, .. } => out.push(text.clone()),
                Block::Section {
                    title, text, body, ..
                } => {
                    out.push(format!("{title} {text}"));
                    walk(body, out);
                }
                Block::Items { items } => {
                    for it in items {
                        out.push(it.text.clone());
                        out.extend(it.items.iter().cloned());
                    }
                }
            }
        }
    }
    let mut out = vec![doc.subject.clone()];
    out.extend(doc.bases.iter().cloned());
    walk(&doc.body, &mut out);
    for a in &doc.articles {
        out.push(format!("{} {}", a.title, a.text));
        walk(&a.body, &mut out);
    }
    for a in &doc.appendices {
        walk(&a.body, &mut out);
    }
    out
}

/// A document cited in the text: "Kế hoạch số 318/KH-UBND ngày 20/20/2023".
#[derive(Debug, Clone, PartialEq)]
struct Cited {
    kind: &'static str,
    whole: String,
    symbol: String,
    date: String,
    date_ok: bool,
}

const CITED_KINDS: &[&str] = &[
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Quy chế",
    "Quy định",
    "Thông báo",
    "Hướng dẫn",
    "Chương trình",
    "Kế hoạch",
    "Phương án",
    "Đề án",
    "Báo cáo",
    "Tờ trình",
    "Công văn",
    "Văn bản",
    "Kết luận",
    "Thông tư",
    "Nghị định",
    "Luật",
];

/// Find "<kind> số <symbol>[,] ngày <d>/<m>/<y>" and "… ngày <d> tháng <m> năm <y>".
fn cited_documents(text: &str) -> Vec<Cited> {
    let mut out = Vec::new();
    for kind in CITED_KINDS {
        let pat = format!("{kind} số ");
        let mut from = 0;
        while let Some(i) = text[from..].find(&pat) {
            let start = from + i;
            let rest = &text[start + pat.len()..];
            from = start + pat.len();
            let symbol: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != ',')
                .collect();
            if symbol.is_empty() || !symbol.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            let after = rest[symbol.len()..].trim_start_matches(',').trim_start();
            let Some(date_part) = after.strip_prefix("ngày ") else {
                continue;
            };
            let (date, parsed, len) = parse_cited_date(date_part);
            if date.is_empty() {
                continue;
            }
            let whole_len = pat.len() + (rest.len() - after.len()) + "ngày ".len() + len;
            out.push(Cited {
                kind,
                whole: text[start..(start + whole_len).min(text.len())].to_string(),
                symbol,
                date,
                date_ok: parsed,
            });
        }
    }
    out
}

/// A date after "ngày ": "20/20/2023" or "05 tháng 12 năm 2023". Returns the date as
/// written, whether it exists, and how many bytes it took.
fn parse_cited_date(s: &str) -> (String, bool, usize) {
    let numeric: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '/')
        .collect();
    let parts: Vec<&str> = numeric.split('/').collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty()) {
        let date = numeric.trim_end_matches('/').to_string();
        let ok = crate::data::date::DateSpec::parse(&date).is_ok_and(|d| d.is_full());
        return (date.clone(), ok, date.len());
    }
    // "05 tháng 12 năm 2023"
    let words: Vec<&str> = s.split_whitespace().take(5).collect();
    if words.len() == 5 && words[1] == "tháng" && words[3] == "năm" {
        let y: String = words[4].chars().take_while(char::is_ascii_digit).collect();
        let date = format!("{}/{}/{}", words[0], words[2], y);
        let ok = crate::data::date::DateSpec::parse(&date).is_ok_and(|d| d.is_full());
        let written = format!("{} tháng {} năm {}", words[0], words[2], y);
        let len = written.len();
        return (written, ok, len);
    }
    (String::new(), false, 0)
}

/// What is wrong with a cited symbol such as "318/KH-UBND", if anything: the reason in
/// Vietnamese and in English.
fn symbol_problem(symbol: &str) -> Option<(&'static str, &'static str)> {
    let code = symbol.split(['/', '-']).nth(1).unwrap_or("");
    if code == "QYĐ" {
        return Some((
            "mã của Quy định là \"QyĐ\" (NĐ 30, Phụ lục III), không phải \"QYĐ\"",
            "the code of a Quy định is \"QyĐ\" (NĐ 30, Phụ lục III), not \"QYĐ\"",
        ));
    }
    if symbol.ends_with(['.', ';', ':']) {
        return None;
    }
    if !symbol.contains('/') {
        return Some((
            "thiếu dấu \"/\" giữa số và ký hiệu",
            "the \"/\" between the number and the symbol is missing",
        ));
    }
    None
}

/// The kind code of a number-and-symbol: the first group after the number that is not a
/// year ("318/KH-UBND" -> KH, "30/2020/NĐ-CP" -> NĐ, Party "04-NQ/TU" -> NQ).
fn kind_code_of(symbol: &str) -> Option<&str> {
    symbol
        .split(['/', '-'])
        .skip(1)
        .find(|g| !g.is_empty() && !g.chars().all(|c| c.is_ascii_digit()))
}

/// A cited document whose symbol carries the code of another kind of the catalogue
/// ("Quyết định số 15/KH-UBND"): the code found and the kind it belongs to. Kinds the
/// catalogue does not know (Luật, Nghị định, Công văn …) and codes it does not know are
/// left alone.
fn cited_kind_mismatch(
    kind: &str,
    symbol: &str,
    catalogue: &Catalogue,
) -> Option<(String, String)> {
    let expected: Vec<&str> = catalogue
        .kinds()
        .filter(|k| !k.name.is_empty() && k.name.to_lowercase() == kind.to_lowercase())
        .map(|k| k.code.as_str())
        .collect();
    if expected.is_empty() {
        return None;
    }
    let found = kind_code_of(symbol)?;
    if expected.contains(&found) {
        return None;
    }
    let other = catalogue
        .kinds()
        .find(|k| !k.name.is_empty() && k.code == found)?;
    Some((found.to_string(), other.name.to_lowercase()))
}

/// Written-out dates ("ngày 5 tháng 01 năm 2024") whose day or month breaks the leading
/// zero rule of NĐ 30, Phụ lục I, II.4.b: days 1–9 and months 1, 2 take a zero, months
/// 3–12 do not. The rule is written for the header date; citations in the text follow the
/// same form in every seed ("ngày 08 tháng 01 năm 2024"), so vanban holds them to it.
/// Short forms ("8/3/2022") are common in practice and their form is UNCONFIRMED: not checked.
/// Returns each date as written and as it should be.
fn date_form_problems(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("ngày ") {
        let start = from + i;
        from = start + "ngày ".len();
        let rest = &text[from..];
        let day: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Some(after_day) = rest[day.len()..].strip_prefix(" tháng ") else {
            continue;
        };
        let month: String = after_day.chars().take_while(char::is_ascii_digit).collect();
        let (Ok(d), Ok(m)) = (day.parse::<u32>(), month.parse::<u32>()) else {
            continue;
        };
        if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
            continue;
        }
        let right_day = format!("{d:02}");
        let right_month = if m < 3 {
            format!("{m:02}")
        } else {
            m.to_string()
        };
        if day != right_day || month != right_month {
            out.push((
                format!("ngày {day} tháng {month}"),
                format!("ngày {right_day} tháng {right_month}"),
            ));
        }
    }
    out
}

/// What is wrong with a list line (căn cứ, Kính gửi, Nơi nhận) that vanban cannot put right
/// itself. It already drops a leading "- " and a final ";", "." or "," and prints the
/// punctuation of NĐ 30 (";" after each line, "." after the last).
fn list_line_problem(line: &str) -> Option<(&'static str, &'static str)> {
    let t = line.trim();
    if t.starts_with(['-', '–', '—', '•', '+']) {
        return Some((
            "còn dấu gạch đầu dòng ở đầu (vanban tự in \"- \")",
            "still starts with a dash (vanban prints \"- \" itself)",
        ));
    }
    if t.ends_with(':') {
        return Some((
            "kết thúc bằng dấu \":\" (vanban tự thêm \";\" hoặc \".\" ở cuối dòng)",
            "ends with \":\" (vanban adds \";\" or \".\" at the end of the line)",
        ));
    }
    None
}

/// Signing titles of one person: after TM. comes a collective (NĐ 30, Phụ lục I, II.7.b:
/// "TM. ỦY BAN NHÂN DÂN"), never one of these.
const PERSONAL_TITLES: &[&str] = &[
    "CHỦ TỊCH",
    "PHÓ ",
    "GIÁM ĐỐC",
    "TỔNG GIÁM ĐỐC",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "BÍ THƯ",
    "TRƯỞNG ",
    "CHÁNH ",
    "CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "VIỆN TRƯỞNG",
    "HIỆU TRƯỞNG",
    "THỦ TRƯỞNG",
];

/// A run of text that looks like TCVN3 or VNI pasted as Latin-1 (e.g. "Céng hoµ",
/// "Vieät Nam"): Latin-1 characters that are not Vietnamese letters.
fn legacy_encoding(text: &str) -> Option<String> {
    const VIETNAMESE_LATIN1: &str = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";
    // Latin-1 symbols that real Vietnamese text uses.
    const ORDINARY: &str = "\u{a0}°±²³·×÷«»©®§¶¼½¾";
    let suspicious = |c: char| {
        ('\u{a1}'..='\u{ff}').contains(&c)
            && !VIETNAMESE_LATIN1.contains(c)
            && !ORDINARY.contains(c)
    };
    let count = text.chars().filter(|c| suspicious(*c)).count();
    // TCVN3 also puts "µ", "¸", "¶", "·" … for tone marks: a word mixing them with letters.
    let tcvn_marks = text
        .split_whitespace()
        .filter(|w| {
            w.chars().any(|c| "µ¸¶·¹»¾¼½".contains(c)) && w.chars().any(char::is_alphabetic)
        })
        .count();
    if count >= 3 || tcvn_marks >= 2 {
        let word = text
            .split_whitespace()
            .find(|w| w.chars().any(|c| suspicious(c) || "µ¸¶·¹»¾¼½".contains(c)))
            .unwrap_or("");
        return Some(word.chars().take(40).collect());
    }
    None
}

/// Diagnostics of `findings` in `lang`, warnings as errors if `deny_warnings`.
pub fn diagnostics(findings: &[Finding], lang: Lang, deny_warnings: bool) -> Vec<Diagnostic> {
    findings
        .iter()
        .map(|f| {
            let mut d = f.diagnostic(lang);
            if deny_warnings {
                d.severity = Severity::Error;
            }
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Templates;

    fn findings(yaml: &str) -> Vec<Finding> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.yaml");
        std::fs::write(&p, yaml).unwrap();
        let t = Templates::new(None).unwrap();
        check_file(&p, &t, data::Stage::Draft)
    }

    const BASE: &str = "issuer:\n  name: [ỦY BAN NHÂN DÂN, XÃ AN BÌNH]\n  text: Ủy ban nhân dân xã An Bình\nsymbol: UBND-VP\nplace: An Bình\ndate: 05/01/2025\nsubject: họp giao ban\nrecipients: [Các thôn]\nbody:\n  - Thực hiện Kế hoạch số 61/KH-UBND ngày 16/02/2024 của UBND huyện.\nsignature:\n  authority: KT\n  for: CHỦ TỊCH\n  title: PHÓ CHỦ TỊCH\n  name: Lê Văn B\ndistribution: [Như trên]\narchive: VT\n";

    fn ids(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|x| x.rule.as_str()).collect()
    }

    #[test]
    fn every_rule_is_worded_in_both_languages() {
        assert!(RULES.len() >= 9, "rules.toml parsed: {}", RULES.len());
        for (id, r) in RULES.iter() {
            assert!(["error", "warning"].contains(&r.severity.as_str()), "{id}");
            assert!(
                !r.vi.is_empty() && !r.en.is_empty() && !r.source.is_empty(),
                "{id}"
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        let docs = include_str!("../../docs/format.md");
        for id in RULES.keys() {
            assert!(
                docs.contains(&format!("| `{id}` |")),
                "docs/format.md does not list the rule {id}"
            );
        }
    }

    #[test]
    fn a_clean_document_has_no_findings() {
        assert_eq!(ids(&findings(BASE)), Vec::<&str>::new());
    }

    #[test]
    fn impossible_cited_date_is_found_with_its_line() {
        let y = BASE.replace("16/02/2024", "20/20/2023");
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["cited-date-impossible"]);
        assert_eq!(f[0].line, Some(10));
        let d = f[0].diagnostic(Lang::En);
        assert!(d.message.contains("20/20/2023"), "{}", d.message);
        // the written-out form too
        let y = BASE.replace("ngày 16/02/2024", "ngày 31 tháng 02 năm 2024");
        assert_eq!(ids(&findings(&y)), vec!["cited-date-impossible"]);
    }

    #[test]
    fn cited_symbol_form() {
        let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Quy định số 03/QYĐ-UBND");
        assert_eq!(ids(&findings(&y)), vec!["cited-symbol-form"]);
        let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Quy định số 03/QyĐ-UBND");
        assert!(findings(&y).is_empty());
    }

    #[test]
    fn symbol_form_and_place_capital() {
        let y = BASE.replace("symbol: UBND-VP", "symbol: UBND - VP");
        assert_eq!(ids(&findings(&y)), vec!["symbol-form"]);
        let y = BASE.replace("symbol: UBND-VP", "symbol: ubnd-VP");
        assert_eq!(ids(&findings(&y)), vec!["symbol-form"]);
        let y = BASE.replace("place: An Bình", "place: an Bình");
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["place-capital"]);
        assert_eq!(f[0].line, Some(5));
        // the kind codes with lower-case letters are right as they are
        let y = BASE
            .replace("symbol: UBND-VP", "symbol: TTr-SNN")
            .replace("subject:", "kind: to-trinh\nsubject:");
        assert!(findings(&y).is_empty());
    }

    #[test]
    fn subject_period() {
        let y = BASE.replace("subject: họp giao ban", "subject: họp giao ban.");
        assert_eq!(ids(&findings(&y)), vec!["subject-final-period"]);
    }

    #[test]
    fn kinh_gui_needs_nhu_tren() {
        let y = BASE.replace("distribution: [Như trên]", "distribution: [Đảng ủy xã]");
        assert_eq!(ids(&findings(&y)), vec!["distribution-nhu-tren"]);
        let y = y.replace("recipients: [Các thôn]\n", "");
        assert!(findings(&y).is_empty());
    }

    #[test]
    fn archive_has_vt() {
        let y = BASE.replace("archive: VT", "archive: TH");
        assert_eq!(ids(&findings(&y)), vec!["archive-vt"]);
    }

    #[test]
    fn kt_needs_a_deputy() {
        let y = BASE.replace("title: PHÓ CHỦ TỊCH", "title: CHỦ TỊCH");
        assert_eq!(ids(&findings(&y)), vec!["signature-kt-deputy"]);
    }

    #[test]
    fn party_mark_in_a_state_document() {
        let y = BASE.replace("authority: KT", "authority: K/T");
        assert_eq!(ids(&findings(&y)), vec!["signature-mark-system"]);
    }

    #[test]
    fn legacy_encoding_is_noticed() {
        let y = BASE.replace("Thực hiện", "Céng hoµ x· héi");
        assert_eq!(ids(&findings(&y)), vec!["text-legacy-encoding"]);
    }

    #[test]
    fn decomposed_unicode_is_reported_and_normalised() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = BASE.replace("họp giao ban", &"họp giao ban".nfd().collect::<String>());
        let f = findings(&nfd);
        assert_eq!(ids(&f), vec!["text-nfd"]);
        assert_eq!(f[0].line, Some(7));
    }

    #[test]
    fn load_errors_are_findings_with_their_rule() {
        // an impossible date of the document itself: an error of the rule date-valid
        let y = BASE.replace("date: 05/01/2025", "date: 30/02/2025");
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["date-valid"]);
        assert_eq!(f[0].line, Some(6));
        let d = f[0].diagnostic(Lang::Vi);
        assert!(d.is_error() && d.source.as_deref().unwrap().contains("II.4.b"));
        // a mistake in the file's form is of the rule `input`
        let y = BASE.replace("place: An Bình", "place: An Bình\nplcae: x");
        assert_eq!(ids(&findings(&y)), vec!["input"]);
    }

    fn findings_final(yaml: &str) -> Vec<Finding> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.yaml");
        std::fs::write(&p, yaml).unwrap();
        let t = Templates::new(None).unwrap();
        check_file(&p, &t, data::Stage::Final)
    }

    #[test]
    fn required_parts_carry_their_rule_and_source() {
        let y = BASE.replace("archive: VT\n", "");
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["required-part"]);
        let d = f[0].diagnostic(Lang::Vi);
        assert!(d.to_string().contains("Điều 8"), "{d}");
        assert!(d.to_string().contains("[required-part]"), "{d}");
        // per kind: a quyết định needs its articles and its authority line
        let y = BASE
            .replace("recipients: [Các thôn]\n", "kind: quyet-dinh\n")
            .replace("distribution: [Như trên]", "distribution: [Như Điều 3]");
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["required-part", "required-part"], "{f:?}");
        let fields: Vec<_> = f.iter().map(|x| x.field.clone().unwrap()).collect();
        assert_eq!(fields, vec!["authority_line", "articles"]);
        // per stage: a draft may leave the number blank, the final version may not
        assert!(findings(&BASE.replace("date: 05/01/2025", "date: 1/2025")).is_empty());
        let f = findings_final(&BASE.replace("date: 05/01/2025", "date: 1/2025"));
        assert_eq!(ids(&f), vec!["final-number-date", "final-number-date"]);
        assert!(findings_final(&BASE.replace("symbol:", "number: 5\nsymbol:")).is_empty());
    }

    #[test]
    fn number_form() {
        let y = BASE.replace("symbol:", "number: 1 5\nsymbol:");
        assert_eq!(ids(&findings(&y)), vec!["number-form"]);
        let y = BASE.replace("symbol:", "number: 15/QĐ\nsymbol:");
        assert_eq!(ids(&findings(&y)), vec!["number-form"]);
        // 5 is printed 05: vanban puts the zero itself
        let y = BASE.replace("symbol:", "number: 5\nsymbol:");
        assert!(findings(&y).is_empty());
    }

    #[test]
    fn kinh_gui_only_where_the_kind_has_it() {
        let y = BASE.replace("subject:", "kind: ke-hoach\nsubject:");
        assert_eq!(ids(&findings(&y)), vec!["kinh-gui-kind"]);
        let y = y.replace("recipients: [Các thôn]\n", "");
        assert!(findings(&y).is_empty());
    }

    #[test]
    fn signature_authority_is_known() {
        let y = BASE.replace("authority: KT", "authority: KTT");
        assert_eq!(ids(&findings(&y)), vec!["signature-authority"]);
    }

    #[test]
    fn cited_number_form() {
        let y = BASE.replace("61/KH-UBND", "6/KH-UBND");
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["cited-number-form"]);
        assert_eq!(f[0].line, Some(10));
        let y = BASE.replace("61/KH-UBND", "06/KH-UBND");
        assert!(findings(&y).is_empty());
        // Party numbers too
        let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Nghị quyết số 4-NQ/TU");
        assert_eq!(ids(&findings(&y)), vec!["cited-number-form"]);
    }

    #[test]
    fn cited_kind_code() {
        let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Quyết định số 61/KH-UBND");
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["cited-kind-code"]);
        let d = f[0].diagnostic(Lang::Vi);
        assert!(d.message.contains("kế hoạch"), "{}", d.message);
        let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Quyết định số 61/QĐ-UBND");
        assert!(findings(&y).is_empty());
        // kinds and codes the catalogue does not know are left alone; a year is not a code
        let y = BASE.replace(
            "Kế hoạch số 61/KH-UBND ngày 16/02/2024",
            "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020",
        );
        assert!(findings(&y).is_empty());
        let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Nghị quyết số 04-NQ/TU");
        assert!(findings(&y).is_empty());
    }

    #[test]
    fn symbol_kind_code() {
        // a công văn has no kind code
        let y = BASE.replace("symbol: UBND-VP", "symbol: KH-UBND");
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["symbol-kind-code"]);
        assert_eq!(f[0].line, Some(4));
        // Cục Thuế writes CT-…: not a kind code there
        let y = BASE.replace("symbol: UBND-VP", "symbol: CT-TTHT");
        assert!(findings(&y).is_empty());
        // a kế hoạch whose symbol carries QĐ would print KH-QĐ-UBND
        let kh = BASE
            .replace("recipients: [Các thôn]\n", "kind: ke-hoach\n")
            .replace("symbol: UBND-VP", "symbol: QĐ-UBND");
        assert_eq!(ids(&findings(&kh)), vec!["symbol-kind-code"]);
        for ok in ["symbol: UBND", "symbol: KH-UBND"] {
            let y = kh.replace("symbol: QĐ-UBND", ok);
            assert!(findings(&y).is_empty(), "{ok}");
        }
    }

    #[test]
    fn date_form() {
        let y = BASE.replace("ngày 16/02/2024", "ngày 5 tháng 01 năm 2024");
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["date-form"]);
        assert!(
            f[0].diagnostic(Lang::Vi)
                .message
                .contains("ngày 05 tháng 01")
        );
        let y = BASE.replace("ngày 16/02/2024", "ngày 16 tháng 03 năm 2024");
        assert_eq!(ids(&findings(&y)), vec!["date-form"]);
        let y = BASE.replace("ngày 16/02/2024", "ngày 16 tháng 2 năm 2024");
        assert_eq!(ids(&findings(&y)), vec!["date-form"]);
        for ok in ["ngày 05 tháng 01 năm 2024", "ngày 16 tháng 3 năm 2024"] {
            let y = BASE.replace("ngày 16/02/2024", ok);
            assert!(findings(&y).is_empty(), "{ok}");
        }
    }

    #[test]
    fn list_punctuation() {
        let y = BASE.replace(
            "distribution: [Như trên]",
            "distribution: [Như trên, \"-Sở Nội vụ\"]",
        );
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["list-punctuation"]);
        assert_eq!(f[0].field.as_deref(), Some("distribution"));
        let y = BASE.replace(
            "distribution: [Như trên]",
            "distribution: [Như trên, \"Sở Nội vụ:\"]",
        );
        assert_eq!(ids(&findings(&y)), vec!["list-punctuation"]);
        // what vanban drops and prints itself is not a problem
        let y = BASE.replace(
            "distribution: [Như trên]",
            "distribution: [\"- Như trên;\", \"- Sở Nội vụ; Sở Tài chính.\"]",
        );
        assert!(findings(&y).is_empty());
    }

    #[test]
    fn tm_needs_a_collective() {
        let y = BASE
            .replace("authority: KT", "authority: TM")
            .replace("title: PHÓ CHỦ TỊCH", "title: CHỦ TỊCH");
        let f = findings(&y);
        assert_eq!(ids(&f), vec!["signature-tm-collective"]);
        assert_eq!(f[0].line, Some(13));
        let y = y.replace("for: CHỦ TỊCH", "for: ỦY BAN NHÂN DÂN");
        assert!(findings(&y).is_empty());
    }

    #[test]
    fn body_end_mark() {
        let two = BASE.replace("body:\n", "body:\n  - Đề nghị các thôn thực hiện./.\n");
        let f = findings(&two);
        assert_eq!(ids(&f), vec!["body-end-mark"]);
        assert_eq!(f[0].line, Some(10));
        let y = BASE.replace("của UBND huyện.", "của UBND huyện. /.");
        assert_eq!(ids(&findings(&y)), vec!["body-end-mark"]);
        // typed at the very end: vanban keeps it and adds nothing
        let y = BASE.replace("của UBND huyện.", "của UBND huyện./.");
        assert!(findings(&y).is_empty());
    }
}
