//! A commune's data and its assessment: per indicator the target (from the set, or written by
//! the commune), the result and the status; per criterion the status (đạt when all its
//! indicators are); the summary "đạt x/y tiêu chí" and the four recognition conditions.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::criteria::{Condition, CriteriaSet, Key, code_key, criterion_of};
use super::target::{Status, Target, evaluate, format_number};
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
        let k = crate::render::safe_stem(s);
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
        let mut parts = vec![lower_first(&self.name)];
        if let Some(d) = &self.district {
            parts.push(lower_first(d));
        }
        parts.push(lower_first(&self.province));
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

/// "Xã Đăk Trăm" -> "xã Đăk Trăm" (for use inside a sentence).
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefixes: &[&str]) -> &'a str {
    for p in prefixes {
        if let Some(r) = s.strip_prefix(p) {
            return r.trim();
        }
    }
    s.trim()
}

/// Choose the criteria set of a commune: the one its data names, or the first (province sets
/// before the bundled ones) serving its period and level.
fn choose_set<'a>(
    raw: &RawCommune,
    level: Level,
    period: &str,
    sets: &'a [CriteriaSet],
) -> Result<&'a CriteriaSet, Box<Diagnostic>> {
    let norm = |s: &str| s.replace([' ', '–', '—'], "-").replace("--", "-");
    if !raw.set.is_empty() {
        return sets
            .iter()
            .find(|s| s.id == raw.set.text.trim())
            .ok_or_else(|| {
                raw.set
                    .loc
                    .error(format!("không có bộ tiêu chí `{}`", raw.set.text))
                    .with_hint(format!(
                        "các bộ đã nạp: {}; bộ của tỉnh nạp bằng --criteria TỆP",
                        sets.iter()
                            .map(|s| s.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
            })
            .map_err(Box::new);
    }
    let same_period: Vec<&CriteriaSet> = sets
        .iter()
        .filter(|s| norm(&s.period) == norm(period))
        .collect();
    if same_period.is_empty() {
        return Err(Box::new(
            raw.period
                .loc
                .error(format!("không có bộ tiêu chí cho giai đoạn `{period}`"))
                .with_hint(format!(
                    "giai đoạn có bộ tiêu chí: {}",
                    sets.iter()
                        .map(|s| s.period.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
        ));
    }
    same_period
        .into_iter()
        .find(|s| s.levels.iter().any(|l| l == level.id()))
        .ok_or_else(|| {
            raw.level
                .loc
                .error(format!(
                    "chưa có bộ tiêu chí xã {} giai đoạn {period}: danh mục tiêu chí, chỉ tiêu của mức này chưa được xác nhận nên vanban không tự điền",
                    level.phrase().trim_start_matches("đạt chuẩn ")
                ))
                .with_hint("nạp bộ tiêu chí của tỉnh bằng --criteria TỆP (xem docs/ntm.md), hoặc sửa cột mức đề nghị")
        }).map_err(Box::new)
}

/// Assess a commune: every problem is returned, each with its place.
pub fn assess(raw: &RawCommune, sets: &[CriteriaSet]) -> Result<Commune, Vec<Diagnostic>> {
    let mut errs = raw.errors.clone();
    let mut warnings = Vec::new();
    let required = |errs: &mut Vec<Diagnostic>, f: &Field, what: &str, hint: &str| {
        if f.is_empty() {
            errs.push(
                f.loc
                    .error(format!("thiếu {what}"))
                    .with_hint(hint.to_string()),
            );
        }
    };
    required(
        &mut errs,
        &raw.name,
        "tên xã",
        "ghi tên xã, ví dụ `Xã Đăk Trăm`",
    );
    required(
        &mut errs,
        &raw.province,
        "tên tỉnh",
        "ghi tên tỉnh, ví dụ `Tỉnh Kon Tum`",
    );
    required(
        &mut errs,
        &raw.period,
        "giai đoạn",
        "ghi `2021-2025` hoặc `2026-2030`",
    );
    required(
        &mut errs,
        &raw.chair,
        "họ tên Chủ tịch Ủy ban nhân dân xã (người ký)",
        "ghi họ và tên người ký, không ghi học hàm, học vị",
    );
    required(
        &mut errs,
        &raw.secretary,
        "họ tên thư ký cuộc họp (người ký biên bản)",
        "ghi họ và tên thư ký cuộc họp đề nghị xét, công nhận",
    );
    let level = if raw.level.is_empty() {
        errs.push(
            raw.level
                .loc
                .error("thiếu mức đề nghị công nhận")
                .with_hint("ghi `đạt chuẩn`, `nâng cao` hoặc `kiểu mẫu`"),
        );
        None
    } else {
        let l = Level::parse(&raw.level.text);
        if l.is_none() {
            errs.push(
                raw.level
                    .loc
                    .error(format!("không hiểu mức đề nghị `{}`", raw.level.text))
                    .with_hint("ghi `đạt chuẩn`, `nâng cao` hoặc `kiểu mẫu`"),
            );
        }
        l
    };
    let year = match raw.year.text.trim().parse::<i32>() {
        Ok(y) if (2000..=2100).contains(&y) => Some(y),
        _ => {
            errs.push(
                raw.year
                    .loc
                    .error(format!(
                        "năm đề nghị công nhận `{}` không đúng",
                        raw.year.text
                    ))
                    .with_hint("ghi năm bằng 4 chữ số, ví dụ `2024`"),
            );
            None
        }
    };
    if !raw.date.is_empty()
        && let Err(e) = DateSpec::parse(&raw.date.text)
    {
        errs.push(
            raw.date
                .loc
                .error(e)
                .with_hint("ghi ngày dạng `15/10/2024`; để trống khi là dự thảo"),
        );
    }
    let meeting = meeting(raw, &mut errs);
    let (Some(level), Some(year)) = (level, year) else {
        return Err(errs);
    };
    if raw.period.is_empty() {
        return Err(errs);
    }
    let set = match choose_set(raw, level, raw.period.text.trim(), sets) {
        Ok(s) => s,
        Err(d) => {
            errs.push(*d);
            return Err(errs);
        }
    };
    let key = if raw.key.is_empty() {
        if set.keys.is_empty() {
            None
        } else {
            errs.push(
                raw.key
                    .loc
                    .error(format!("thiếu {} của xã", set.key_name))
                    .with_hint(format!(
                        "ghi một trong: {}",
                        set.keys
                            .iter()
                            .map(|k| format!("{} ({})", k.id, k.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
            );
            None
        }
    } else {
        match set.key(&raw.key.text) {
            Some(k) => Some(k.clone()),
            None => {
                errs.push(
                    raw.key
                        .loc
                        .error(format!("không có {} `{}`", set.key_name, raw.key.text))
                        .with_hint(format!(
                            "ghi một trong: {}",
                            set.keys
                                .iter()
                                .map(|k| format!("{} ({})", k.id, k.name))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                );
                None
            }
        }
    };
    let key_id = key.as_ref().map(|k| k.id.clone());

    let mut indicators = Vec::new();
    let mut cond_rows: BTreeMap<String, &RawRow> = BTreeMap::new();
    let mut seen: BTreeMap<String, Loc> = BTreeMap::new();
    for row in &raw.rows {
        let id = row.id.text.trim().to_string();
        if id.is_empty() {
            errs.push(row.id.loc.error("thiếu mã chỉ tiêu").with_hint(
                "ghi mã chỉ tiêu (`14.1`), số tiêu chí (`1`) hoặc mã điều kiện (`ĐK2`)",
            ));
            continue;
        }
        if let Some(first) = seen.get(&id) {
            errs.push(
                row.id
                    .loc
                    .error(format!(
                        "chỉ tiêu `{id}` ghi hai lần (lần đầu: {})",
                        if first.place.is_empty() {
                            first.field.clone().unwrap_or_default()
                        } else {
                            first.place.clone()
                        }
                    ))
                    .with_hint("mỗi chỉ tiêu của một xã ghi một dòng"),
            );
            continue;
        }
        seen.insert(id.clone(), row.id.loc.clone());
        let cond_id = normalise_condition(&id);
        if let Some(c) = set
            .conditions
            .iter()
            .find(|c| normalise_condition(&c.id) == cond_id)
        {
            if c.computed {
                errs.push(
                    row.id
                        .loc
                        .error(format!(
                            "điều kiện `{}` được tính từ kết quả các tiêu chí, không ghi dòng riêng",
                            c.id
                        ))
                        .with_hint("xóa dòng này"),
                );
            } else {
                cond_rows.insert(c.id.clone(), row);
            }
            continue;
        }
        match indicator_row(row, &id, set, key_id.as_deref()) {
            Ok((ind, warn)) => {
                warnings.extend(warn);
                indicators.push(ind);
            }
            Err(d) => errs.push(*d),
        }
    }
    indicators.sort_by_key(|a| code_key(&a.id));
    // a criterion is either assessed as a whole or indicator by indicator
    let mut criteria = Vec::new();
    for c in &set.criteria {
        let idx: Vec<usize> = indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| i.criterion == c.number)
            .map(|(n, _)| n)
            .collect();
        if idx.len() > 1 && idx.iter().any(|&n| indicators[n].whole) {
            errs.push(raw.loc.error(format!(
                "tiêu chí số {} ({}) vừa có dòng đánh giá chung (mã `{}`) vừa có dòng chỉ tiêu",
                c.number, c.name, c.number
            )).with_hint("giữ một cách ghi: hoặc một dòng cho cả tiêu chí, hoặc các dòng chỉ tiêu"));
        }
        let status = if idx.is_empty() {
            warnings.push(raw.loc.warning(format!(
                "{}: tiêu chí số {} ({}) chưa có số liệu, được tính là chưa đạt",
                raw.name.text, c.number, c.name
            )));
            Status::ChuaCoSoLieu
        } else if idx.iter().all(|&n| indicators[n].status.met()) {
            Status::Dat
        } else if idx.iter().any(|&n| indicators[n].status == Status::ChuaDat) {
            Status::ChuaDat
        } else {
            Status::ChuaCoSoLieu
        };
        criteria.push(super::commune::CriterionResult {
            number: c.number,
            name: c.name.clone(),
            group: c.group.clone(),
            status,
            indicators: idx,
        });
    }
    for ind in &indicators {
        if ind.status == Status::ChuaCoSoLieu {
            warnings.push(raw.loc.warning(format!(
                "{}: chỉ tiêu {} chưa có số liệu, được tính là chưa đạt",
                raw.name.text, ind.id
            )));
        }
    }
    let all_met = !criteria.is_empty() && criteria.iter().all(|c| c.status.met());
    let met = criteria.iter().filter(|c| c.status.met()).count();
    let mut conditions = Vec::new();
    for c in &set.conditions {
        if c.computed {
            conditions.push(ConditionResult {
                condition: c.clone(),
                value: format!("đạt {met}/{} tiêu chí", criteria.len()),
                target: None,
                target_from_data: false,
                evidence: String::new(),
                status: if all_met {
                    Status::Dat
                } else {
                    Status::ChuaDat
                },
            });
            continue;
        }
        let Some(row) = cond_rows.get(&c.id) else {
            warnings.push(raw.loc.warning(format!(
                "{}: chưa có dòng điều kiện `{}` ({}), được tính là chưa đạt",
                raw.name.text, c.id, c.text
            )));
            conditions.push(ConditionResult {
                condition: c.clone(),
                value: String::new(),
                target: c.target.clone(),
                target_from_data: false,
                evidence: String::new(),
                status: Status::ChuaCoSoLieu,
            });
            continue;
        };
        let (target, from_data) = if row.target.is_empty() {
            (c.target.clone(), false)
        } else {
            match Target::parse(&row.target.text) {
                Ok(t) => (Some(t), true),
                Err(e) => {
                    errs.push(
                        row.target
                            .loc
                            .error(format!("mức yêu cầu `{}`: {e}", row.target.text)),
                    );
                    continue;
                }
            }
        };
        let eval_target = target
            .clone()
            .unwrap_or_else(|| Target::Stated(c.text.clone()));
        match evaluate(&eval_target, &row.value.text, &row.status.text) {
            Ok(status) => {
                if status == Status::ChuaCoSoLieu {
                    warnings.push(row.loc.warning(format!(
                        "{}: điều kiện `{}` chưa có kết quả hoặc đánh giá, được tính là chưa đạt",
                        raw.name.text, c.id
                    )));
                }
                conditions.push(ConditionResult {
                    condition: c.clone(),
                    value: row.value.text.clone(),
                    target,
                    target_from_data: from_data,
                    evidence: row.evidence.text.clone(),
                    status,
                })
            }
            Err(e) => {
                let at = if matches!(e, super::target::EvalError::BadStatus(_)) {
                    &row.status.loc
                } else {
                    &row.value.loc
                };
                errs.push(at.error(format!("điều kiện `{}`: {e}", c.id)));
            }
        }
    }
    if indicators.is_empty() && errs.is_empty() {
        errs.push(
            raw.loc
                .error(format!("xã `{}` không có dòng chỉ tiêu nào", raw.name.text))
                .with_hint("mỗi chỉ tiêu (hoặc tiêu chí) của xã ghi một dòng"),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let date = if raw.date.is_empty() {
        year.to_string()
    } else {
        raw.date.text.trim().to_string()
    };
    if meeting.is_none()
        && raw.attended.is_empty()
        && raw.agreed.is_empty()
        && all_met
        && conditions.iter().all(|c| c.status.met())
    {
        warnings.push(raw.loc.warning(
            "chưa có số thành viên dự họp và nhất trí: biên bản và tờ trình để trống các số này",
        ));
    }
    Ok(Commune {
        source: raw.loc.path.clone(),
        name: raw.name.text.trim().to_string(),
        district: (!raw.district.is_empty()).then(|| raw.district.text.trim().to_string()),
        province: raw.province.text.trim().to_string(),
        level,
        set: set.clone(),
        key,
        year,
        date,
        chair: raw.chair.text.trim().to_string(),
        secretary: raw.secretary.text.trim().to_string(),
        meeting,
        indicators,
        criteria,
        conditions,
        warnings,
    })
}

/// "ĐK2", "DK2", "đk 2" -> "dk2".
fn normalise_condition(s: &str) -> String {
    crate::render::safe_stem(s).replace('-', "")
}

fn meeting(raw: &RawCommune, errs: &mut Vec<Diagnostic>) -> Option<(u32, u32)> {
    if raw.attended.is_empty() && raw.agreed.is_empty() {
        return None;
    }
    let num = |errs: &mut Vec<Diagnostic>, f: &Field, what: &str| -> Option<u32> {
        match f.text.trim().parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errs.push(
                    f.loc
                        .error(format!("{what} `{}` không phải là số nguyên", f.text))
                        .with_hint("ghi số người, ví dụ `25`"),
                );
                None
            }
        }
    };
    let a = num(errs, &raw.attended, "số thành viên dự họp")?;
    let b = num(errs, &raw.agreed, "số thành viên nhất trí")?;
    if a == 0 || b > a {
        errs.push(
            raw.agreed
                .loc
                .error(format!(
                    "số thành viên nhất trí ({b}) phải từ 0 đến số thành viên dự họp ({a}), và số dự họp lớn hơn 0"
                ))
                .with_hint("kiểm tra lại hai số của cuộc họp"),
        );
        return None;
    }
    Some((a, b))
}

/// One indicator row against the set.
fn indicator_row(
    row: &RawRow,
    id: &str,
    set: &CriteriaSet,
    key: Option<&str>,
) -> Result<(IndicatorResult, Vec<Diagnostic>), Box<Diagnostic>> {
    let mut warnings = Vec::new();
    let Some(criterion) = criterion_of(id).filter(|n| set.criterion(*n).is_some()) else {
        return Err(Box::new(row
            .id
            .loc
            .error(format!(
                "mã `{id}` không thuộc tiêu chí nào của {} (có {} tiêu chí)",
                set.title,
                set.criteria.len()
            ))
            .with_hint(
                "mã chỉ tiêu bắt đầu bằng số tiêu chí (`17.10`); điều kiện ghi `ĐK2`, `ĐK3`, `ĐK4`",
            )));
    };
    let whole = !id.contains('.');
    let in_set = set.indicator(id);
    if !whole && in_set.is_none() && (id.split('.').count() != 2 || id.ends_with('.')) {
        return Err(Box::new(
            row.id
                .loc
                .error(format!(
                    "mã chỉ tiêu `{id}` phải có dạng `số tiêu chí.số thứ tự`"
                ))
                .with_hint("ví dụ `14.1`, `17.10`"),
        ));
    }
    let (text, text_confirmed, note) = match in_set {
        Some(i) => {
            if !row.text.is_empty() && row.text.text.trim() != i.text {
                warnings.push(row.text.loc.warning(format!(
                    "nội dung chỉ tiêu {id} khác với bộ tiêu chí; dùng nội dung của bộ tiêu chí"
                )));
            }
            (i.text.clone(), i.confirmed, i.note.clone())
        }
        None if whole => (
            "Đánh giá chung cả tiêu chí".to_string(),
            false,
            Some("tiêu chí được đánh giá chung, chưa tách theo chỉ tiêu".to_string()),
        ),
        None => {
            if row.text.is_empty() {
                return Err(Box::new(row
                    .text
                    .loc
                    .error(format!(
                        "chỉ tiêu `{id}` không có trong {}: cần ghi nội dung chỉ tiêu",
                        set.title
                    ))
                    .with_hint("ghi nội dung chỉ tiêu theo văn bản của tỉnh; vanban đánh dấu là chưa xác nhận")));
            }
            (
                row.text.text.trim().to_string(),
                false,
                Some("chỉ tiêu do xã ghi, chưa đối chiếu với bộ tiêu chí".to_string()),
            )
        }
    };
    let (target, origin) = if !row.target.is_empty() {
        let t = Target::parse(&row.target.text).map_err(|e| {
            row.target
                .loc
                .error(format!("mức đạt chuẩn `{}`: {e}", row.target.text))
                .with_hint("viết như `≥ 90%`, `≤ 26,5%`, `≥ 50` hoặc một yêu cầu bằng chữ")
        })?;
        let same = in_set
            .and_then(|i| i.target_for(key))
            .is_some_and(|s| *s == t);
        let origin = match in_set {
            Some(i) if same && i.target_confirmed => TargetOrigin::SetConfirmed,
            Some(_) if same => TargetOrigin::SetUnconfirmed,
            _ => TargetOrigin::Data,
        };
        (t, origin)
    } else if let Some(t) = in_set.and_then(|i| i.target_for(key)) {
        let confirmed = in_set.is_some_and(|i| i.target_confirmed);
        (
            t.clone(),
            if confirmed {
                TargetOrigin::SetConfirmed
            } else {
                TargetOrigin::SetUnconfirmed
            },
        )
    } else if whole {
        // the requirement of a criterion assessed as a whole is the criterion itself: there is
        // no figure to confirm
        (
            Target::Stated("Đạt chuẩn".to_string()),
            TargetOrigin::SetConfirmed,
        )
    } else {
        return Err(Box::new(row
            .target
            .loc
            .error(format!(
                "chỉ tiêu `{id}` chưa có mức đạt chuẩn: bộ tiêu chí không ghi mức cho {}",
                key.map(|k| format!("{} `{k}`", set.key_name))
                    .unwrap_or_else(|| "xã".into())
            ))
            .with_hint("ghi mức đạt chuẩn vào cột Mức đạt chuẩn (ví dụ `≥ 90%` hoặc `Đạt`), theo văn bản hướng dẫn của tỉnh")));
    };
    let status = evaluate(&target, &row.value.text, &row.status.text).map_err(|e| {
        let at = if matches!(e, super::target::EvalError::BadStatus(_)) {
            &row.status.loc
        } else {
            &row.value.loc
        };
        at.error(format!("chỉ tiêu {id}: {e}")).with_hint(match e {
            super::target::EvalError::Contradicts { .. } => {
                "kiểm tra lại kết quả, hoặc để trống cột tự đánh giá để vanban tự tính"
            }
            _ => "ghi kết quả bằng số (ví dụ `92,5%`) và đánh giá `Đạt` hoặc `Chưa đạt`",
        })
    })?;
    Ok((
        IndicatorResult {
            id: id.to_string(),
            criterion,
            text,
            text_confirmed,
            whole,
            target,
            origin,
            value: row.value.text.trim().to_string(),
            evidence: row.evidence.text.trim().to_string(),
            status,
            note,
        },
        warnings,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> Field {
        Field {
            text: s.into(),
            loc: Loc {
                path: "x.csv".into(),
                line: Some(2),
                place: "dòng 2, cột A".into(),
                field: None,
            },
        }
    }

    fn row(id: &str, target: &str, value: &str, status: &str) -> RawRow {
        RawRow {
            id: f(id),
            target: f(target),
            value: f(value),
            status: f(status),
            ..Default::default()
        }
    }

    fn commune(rows: Vec<RawRow>) -> RawCommune {
        RawCommune {
            name: f("Xã Thử"),
            province: f("Tỉnh Kon Tum"),
            period: f("2021-2025"),
            level: f("đạt chuẩn"),
            key: f("Tây Nguyên"),
            year: f("2024"),
            chair: f("Nguyễn Văn A"),
            secretary: f("Trần Thị B"),
            attended: f("25"),
            agreed: f("24"),
            rows,
            ..Default::default()
        }
    }

    fn all_rows() -> Vec<RawRow> {
        let mut rows: Vec<RawRow> = (1..=19)
            .filter(|n| ![14, 15].contains(n))
            .map(|n| row(&n.to_string(), "", "", "Đạt"))
            .collect();
        rows.push(row("14.1", "", "Đạt mức độ 2", "Đạt"));
        rows.push(row("15.a", "", "20,5%", ""));
        rows.push(row("ĐK2", "", "95%", "Đạt"));
        rows.push(row("DK3", "", "Không có nợ đọng", "Đạt"));
        rows.push(row("đk4", "", "", "đạt"));
        rows
    }

    #[test]
    fn a_commune_meeting_everything_is_eligible() {
        let sets = CriteriaSet::builtin().expect("sets");
        let c = assess(&commune(all_rows()), &sets).expect("valid");
        assert_eq!(c.summary(), "đạt 19/19 tiêu chí");
        assert!(c.eligible());
        assert_eq!(c.conditions.len(), 4);
        assert_eq!(c.vote_share().as_deref(), Some("96%"));
        let i = c.indicators.iter().find(|i| i.id == "15.a").expect("15.a");
        assert_eq!(i.origin, TargetOrigin::SetUnconfirmed);
        assert_eq!(i.target.to_string(), "≤ 26,5%");
    }

    #[test]
    fn one_failing_indicator_fails_its_criterion_and_condition_1() {
        let sets = CriteriaSet::builtin().expect("sets");
        let mut rows = all_rows();
        for r in &mut rows {
            if r.id.text == "15.a" {
                r.value.text = "28,3%".into();
            }
        }
        let c = assess(&commune(rows), &sets).expect("valid");
        assert_eq!(c.summary(), "đạt 18/19 tiêu chí");
        assert!(!c.eligible());
        assert_eq!(c.failing()[0].number, 15);
        assert_eq!(c.conditions[0].status, Status::ChuaDat);
    }

    #[test]
    fn missing_rows_and_values_are_never_met() {
        let sets = CriteriaSet::builtin().expect("sets");
        let mut rows = all_rows();
        rows.retain(|r| r.id.text != "2" && r.id.text != "DK3");
        for r in &mut rows {
            if r.id.text == "15.a" {
                r.value.text = String::new();
            }
        }
        let c = assess(&commune(rows), &sets).expect("valid");
        assert_eq!(c.summary(), "đạt 17/19 tiêu chí");
        let c2 = c.criteria.iter().find(|c| c.number == 2).expect("2");
        assert_eq!(c2.status, Status::ChuaCoSoLieu);
        assert!(!c.eligible());
        assert!(c.warnings.len() >= 3);
    }

    #[test]
    fn errors_name_the_cell() {
        let sets = CriteriaSet::builtin().expect("sets");
        let mut rows = all_rows();
        rows.push(row("17.4", "≥ 90%", "95", ""));
        rows.push(row("20.1", "", "1", ""));
        rows.push(row("1", "", "", "Đạt"));
        for r in &mut rows {
            if r.id.text == "15.a" {
                r.value.text = "nhiều".into();
            }
        }
        let errs = assess(&commune(rows), &sets).expect_err("invalid");
        let all: String = errs.iter().map(|d| format!("{d}\n")).collect();
        assert!(all.contains("chỉ tiêu `17.4` không có trong"), "{all}");
        assert!(all.contains("`20.1` không thuộc tiêu chí nào"), "{all}");
        assert!(all.contains("chỉ tiêu `1` ghi hai lần"), "{all}");
        assert!(all.contains("kết quả `nhiều` không phải là số"), "{all}");
        assert!(all.contains("dòng 2, cột A"), "{all}");
    }

    #[test]
    fn levels_without_a_confirmed_set_are_refused() {
        let sets = CriteriaSet::builtin().expect("sets");
        let mut raw = commune(all_rows());
        raw.level = f("nâng cao");
        let errs = assess(&raw, &sets).expect_err("no set");
        assert!(
            errs[0]
                .to_string()
                .contains("chưa có bộ tiêu chí xã nông thôn mới nâng cao"),
            "{}",
            errs[0]
        );
        raw.level = f("tốt");
        assert!(assess(&raw, &sets).is_err());
    }
}
