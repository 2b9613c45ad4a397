//! A commune's data and its assessment: per indicator the target (from the set, or written by
//! the commune), the result and the status; per criterion the status (đạt when all its
//! indicators are); the summary "đạt x/y tiêu chí" and the four recognition conditions.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::criteria::{Condition, CriteriaSet, Key};
use super::target::{Status, Target, format_number};
use crate::data::date::DateSpec;
use crate::diag::Diagnostic;

/// Where a value came from, for messages: a spreadsheet cell or a field of a commune file.
#[derive(Debug, Clone, Default)]
pub struct Loc {
    /// The input file.
    pub path: PathBuf,
    /// Row (spreadsheet) or line (YAML), when known.
    pub line: Option<usize>,
    /// Spreadsheet place ("trang `Xã`, dòng 7, cột H (Kết quả)"), empty for files.
    pub place: String,
    /// Field path in a commune file ("indicators[2].value").
    pub field: Option<String>,
}

impl Loc {
    /// An error at this place.
    pub fn error(&self, msg: impl std::fmt::Display) -> Diagnostic {
        self.diag(Diagnostic::error(&self.path, self.message(msg)))
    }

    /// A warning at this place.
    pub fn warning(&self, msg: impl std::fmt::Display) -> Diagnostic {
        self.diag(Diagnostic::warning(&self.path, self.message(msg)))
    }

    fn message(&self, msg: impl std::fmt::Display) -> String {
        if self.place.is_empty() {
            msg.to_string()
        } else {
            format!("{}: {msg}", self.place)
        }
    }

    fn diag(&self, d: Diagnostic) -> Diagnostic {
        let d = if self.place.is_empty() {
            d.at_line(self.line)
        } else {
            d
        };
        match &self.field {
            Some(f) => d.at_field(f.clone()),
            None => d,
        }
    }
}

/// A value as read, with its place.
#[derive(Debug, Clone, Default)]
pub struct Field {
    /// Trimmed text; empty when absent.
    pub text: String,
    /// Where it is.
    pub loc: Loc,
}

impl Field {
    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// One indicator (or criterion, or condition) row as read.
#[derive(Debug, Clone, Default)]
pub struct RawRow {
    /// "14.1", "1" (a criterion assessed as a whole) or "ĐK2" (a condition).
    pub id: Field,
    /// Indicator text (needed only when the set lacks it).
    pub text: Field,
    /// Target override.
    pub target: Field,
    /// Achieved value.
    pub value: Field,
    /// Stated status.
    pub status: Field,
    /// Evidence.
    pub evidence: Field,
    /// Where the row is (for row-level messages).
    pub loc: Loc,
}

/// A commune's data as read from a spreadsheet or a commune file.
#[derive(Debug, Clone, Default)]
pub struct RawCommune {
    /// Tên xã ("Xã Đăk Trăm").
    pub name: Field,
    /// Huyện (2021–2025), may be empty.
    pub district: Field,
    /// Tỉnh.
    pub province: Field,
    /// Giai đoạn ("2021-2025").
    pub period: Field,
    /// Mức đề nghị ("đạt chuẩn", "nâng cao", "kiểu mẫu").
    pub level: Field,
    /// Vùng / nhóm xã.
    pub key: Field,
    /// Criteria set id, optional.
    pub set: Field,
    /// Năm đề nghị công nhận.
    pub year: Field,
    /// Ngày of the documents, optional (draft: the year only).
    pub date: Field,
    /// Chủ tịch UBND xã.
    pub chair: Field,
    /// Thư ký cuộc họp.
    pub secretary: Field,
    /// Số thành viên dự họp.
    pub attended: Field,
    /// Số thành viên nhất trí.
    pub agreed: Field,
    /// Rows.
    pub rows: Vec<RawRow>,
    /// Where the commune starts.
    pub loc: Loc,
    /// Errors found while reading (a commune value written differently on two rows).
    pub errors: Vec<Diagnostic>,
}

/// The recognition level sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Đạt chuẩn nông thôn mới.
    DatChuan,
    /// Nông thôn mới nâng cao.
    NangCao,
    /// Nông thôn mới kiểu mẫu.
    KieuMau,
}

impl Level {
    /// Read what a clerk wrote.
    pub fn parse(s: &str) -> Option<Level> {
        let k = crate::text::word_key(s);
        if k.contains("nang-cao") {
            Some(Level::NangCao)
        } else if k.contains("kieu-mau") {
            Some(Level::KieuMau)
        } else if matches!(
            k.as_str(),
            "dat-chuan" | "ntm" | "dat-chuan-ntm" | "dat-chuan-nong-thon-moi" | "nong-thon-moi"
        ) {
            Some(Level::DatChuan)
        } else {
            None
        }
    }

    /// The id used in criteria files.
    pub fn id(self) -> &'static str {
        match self {
            Level::DatChuan => "dat-chuan",
            Level::NangCao => "nang-cao",
            Level::KieuMau => "kieu-mau",
        }
    }

    /// "đạt chuẩn nông thôn mới …" as written in documents.
    pub fn phrase(self) -> &'static str {
        match self {
            Level::DatChuan => "đạt chuẩn nông thôn mới",
            Level::NangCao => "đạt chuẩn nông thôn mới nâng cao",
            Level::KieuMau => "đạt chuẩn nông thôn mới kiểu mẫu",
        }
    }
}

/// Where an indicator's target comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetOrigin {
    /// The criteria set, confirmed by a source.
    SetConfirmed,
    /// The criteria set, not confirmed.
    SetUnconfirmed,
    /// The commune's data.
    Data,
}

/// An assessed indicator row.
#[derive(Debug, Clone)]
pub struct IndicatorResult {
    /// Code ("14.1"), or the criterion number for a criterion assessed as a whole.
    pub id: String,
    /// Criterion number.
    pub criterion: u32,
    /// Text.
    pub text: String,
    /// Whether code and text are confirmed (the set lists it as confirmed).
    pub text_confirmed: bool,
    /// A criterion assessed as a whole (no indicator split).
    pub whole: bool,
    /// Target.
    pub target: Target,
    /// Its origin.
    pub origin: TargetOrigin,
    /// Result as written.
    pub value: String,
    /// Evidence.
    pub evidence: String,
    /// Status.
    pub status: Status,
    /// Note from the set on what is unconfirmed.
    pub note: Option<String>,
}

/// An assessed criterion.
#[derive(Debug, Clone)]
pub struct CriterionResult {
    /// Number.
    pub number: u32,
    /// Name.
    pub name: String,
    /// Group id.
    pub group: Option<String>,
    /// Đạt when all its indicators are; Chưa có số liệu when it has none.
    pub status: Status,
    /// Indexes into `Commune::indicators`.
    pub indicators: Vec<usize>,
}

/// An assessed condition.
#[derive(Debug, Clone)]
pub struct ConditionResult {
    /// The set's condition.
    pub condition: Condition,
    /// Result as written (or computed, for ĐK1).
    pub value: String,
    /// Target used (when any).
    pub target: Option<Target>,
    /// Whether the target came from the data.
    pub target_from_data: bool,
    /// Evidence.
    pub evidence: String,
    /// Status.
    pub status: Status,
}

/// A commune's assessed data.
#[derive(Debug, Clone)]
pub struct Commune {
    /// The input file.
    pub source: PathBuf,
    /// "Xã Đăk Trăm".
    pub name: String,
    /// "Huyện Đăk Tô", if any.
    pub district: Option<String>,
    /// "Tỉnh Kon Tum".
    pub province: String,
    /// Level sought.
    pub level: Level,
    /// The criteria set used.
    pub set: CriteriaSet,
    /// Region / group.
    pub key: Option<Key>,
    /// Recognition year.
    pub year: i32,
    /// Date of the documents as written ("15/10/2024", or the year for a draft).
    pub date: String,
    /// Chủ tịch UBND xã.
    pub chair: String,
    /// Thư ký.
    pub secretary: String,
    /// (attended, agreed) of the meeting.
    pub meeting: Option<(u32, u32)>,
    /// Indicator rows, sorted by code.
    pub indicators: Vec<IndicatorResult>,
    /// Criteria, in the set's order.
    pub criteria: Vec<CriterionResult>,
    /// Conditions, in the set's order.
    pub conditions: Vec<ConditionResult>,
    /// Warnings (missing figures, …).
    pub warnings: Vec<Diagnostic>,
}

impl Commune {
    /// Number of criteria met.
    pub fn met(&self) -> usize {
        self.criteria.iter().filter(|c| c.status.met()).count()
    }

    /// Number of criteria of the set.
    pub fn total(&self) -> usize {
        self.criteria.len()
    }

    /// "đạt 18/19 tiêu chí".
    pub fn summary(&self) -> String {
        format!("đạt {}/{} tiêu chí", self.met(), self.total())
    }

    /// Every criterion is met and every condition of the set holds (a province set without
    /// conditions: the criteria alone).
    pub fn eligible(&self) -> bool {
        self.met() == self.total() && self.conditions.iter().all(|c| c.status.met())
    }

    /// The criteria not met.
    pub fn failing(&self) -> Vec<&CriterionResult> {
        self.criteria.iter().filter(|c| !c.status.met()).collect()
    }

    /// The commune's name without "Xã " ("Đăk Trăm"), the place of its documents.
    pub fn short_name(&self) -> String {
        strip_prefix_ci(&self.name, &["xã ", "Xã "]).to_string()
    }

    /// "xã Đăk Trăm, huyện Đăk Tô, tỉnh Kon Tum".
    pub fn full_name(&self) -> String {
        let mut parts = vec![crate::text::lower_first(&self.name)];
        if let Some(d) = &self.district {
            parts.push(crate::text::lower_first(d));
        }
        parts.push(crate::text::lower_first(&self.province));
        parts.join(", ")
    }

    /// Vote share of the meeting, printed ("96%").
    pub fn vote_share(&self) -> Option<String> {
        let (a, b) = self.meeting?;
        Some(format!(
            "{}%",
            format_number(f64::from(b) * 100.0 / f64::from(a))
        ))
    }
}

mod assess;
mod indicators;

pub use assess::assess;
use assess::strip_prefix_ci;

#[cfg(test)]
mod tests;
