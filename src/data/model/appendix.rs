//! The framing of an appendix: its label line and its reference line (docs/format.md).

use serde::Deserialize;

/// `label:` of an appendix: on (the default label), off, or the label as written.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "`true` (nhãn mặc định), `false` (không in dòng nhãn), hoặc nhãn in đúng như viết (`PHỤ LỤC`, `Phụ lục 01`)."
)]
pub enum AppendixLabelIn {
    /// On (the default label) or off.
    #[schemars(description = "`true`: nhãn mặc định; `false`: không in.")]
    On(bool),
    /// The label as written.
    #[schemars(description = "Nhãn in đúng như viết.")]
    Text(String),
}

/// `reference:` of an appendix: the whole line as written, or its wording and date form.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "Dòng \"(Kèm theo …)\": cả dòng in đúng như viết, hoặc `{words, date}` để vanban điền số, ký hiệu, ngày từ văn bản."
)]
pub enum AppendixRefIn {
    /// The whole line as written (parentheses added when missing).
    #[schemars(description = "Cả dòng in đúng như viết (tự thêm dấu ngoặc nếu thiếu).")]
    Text(String),
    /// The wording and the date form; the number, symbol and date come from the document.
    #[schemars(description = "Lời mở đầu và cách ghi ngày; số, ký hiệu, ngày lấy từ văn bản.")]
    Form(RefForm),
}

/// The reference line's wording and date form.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Lời mở đầu và cách ghi ngày của dòng \"(Kèm theo …)\".")]
pub struct RefForm {
    /// The opening words (default "Kèm theo"), e.g. "Ban hành kèm theo".
    #[schemars(description = "Lời mở đầu (mặc định `Kèm theo`), ví dụ `Ban hành kèm theo`.")]
    pub words: Option<String>,
    /// The date form: `words` (default, "ngày 25 tháng 11 năm 2025") or `numeric`
    /// ("ngày 25/11/2025").
    #[schemars(
        description = "Cách ghi ngày: `words` (mặc định, \"ngày 25 tháng 11 năm 2025\") hoặc `numeric` (\"ngày 25/11/2025\")."
    )]
    pub date: Option<DateForm>,
}

/// How the reference line writes the document's date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(description = "`words`: ngày … tháng … năm …; `numeric`: ngày …/…/….")]
pub enum DateForm {
    /// "ngày 25 tháng 11 năm 2025".
    #[default]
    Words,
    /// "ngày 25/11/2025".
    Numeric,
}
