//! Targets (mức đạt chuẩn) and results: a number or percentage with a comparison is compared
//! automatically; any other target is a requirement in words whose status the commune states.
//! Numbers are read as Vietnamese write them: `85,5` (comma decimals), `1.200` (dot
//! thousands), `85.5` also accepted.

use std::fmt;

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// ≥
    Ge,
    /// >
    Gt,
    /// ≤
    Le,
    /// <
    Lt,
    /// =
    Eq,
}

impl Cmp {
    fn symbol(self) -> &'static str {
        match self {
            Cmp::Ge => "≥",
            Cmp::Gt => ">",
            Cmp::Le => "≤",
            Cmp::Lt => "<",
            Cmp::Eq => "=",
        }
    }

    /// Whether `value` meets `self target`.
    pub fn holds(self, value: f64, target: f64) -> bool {
        // Both sides come from decimal text: compare at a precision far below any figure a
        // commune reports, so 90 ≥ 90 and 0,1 + 0,2 style noise never flip a status.
        let eps = 1e-9 * target.abs().max(1.0);
        match self {
            Cmp::Ge => value >= target - eps,
            Cmp::Gt => value > target + eps,
            Cmp::Le => value <= target + eps,
            Cmp::Lt => value < target - eps,
            Cmp::Eq => (value - target).abs() <= eps,
        }
    }
}

/// A target.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A number or percentage with a comparison: `≥ 90%`, `≤ 26,5%`, `≥ 50 triệu đồng`.
    Compare {
        /// The comparison.
        cmp: Cmp,
        /// The number.
        value: f64,
        /// Written with `%`.
        percent: bool,
        /// Unit after the number ("triệu đồng/người/năm"), without `%`.
        unit: String,
    },
    /// A requirement in words ("Đạt", "Đạt chuẩn phổ cập giáo dục mức độ 2").
    Stated(String),
}

/// A number as a commune writes it, with its `%` and unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The value.
    pub value: f64,
    /// Written with `%`.
    pub percent: bool,
    /// What follows the number (unit), trimmed.
    pub unit: String,
}

/// Parse the leading number of `s`: "85,5%" -> 85.5, "1.200 người" -> 1200.
pub fn parse_number(s: &str) -> Option<Number> {
    let s = s.trim();
    let end = s
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.' || (*i == 0 && *c == '-')))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let (num, rest) = s.split_at(end);
    if !num.chars().any(|c| c.is_ascii_digit()) || num.ends_with([',', '.']) {
        return None;
    }
    let normal = if num.contains(',') {
        if num.matches(',').count() > 1 {
            return None;
        }
        num.replace('.', "").replace(',', ".")
    } else if num.matches('.').count() > 1 || is_thousands(num) {
        num.replace('.', "")
    } else {
        num.to_string()
    };
    let value: f64 = normal.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let rest = rest.trim();
    let (percent, unit) = match rest.strip_prefix('%') {
        Some(u) => (true, u.trim().to_string()),
        None => (false, rest.to_string()),
    };
    Some(Number {
        value,
        percent,
        unit,
    })
}

/// "1.200" (dot as thousands separator): one dot followed by exactly three digits, and a
/// leading group that is not 0.
fn is_thousands(num: &str) -> bool {
    match num.split_once('.') {
        Some((a, b)) => {
            b.len() == 3
                && !a.is_empty()
                && a.trim_start_matches('-') != "0"
                && !a.starts_with("-0")
        }
        None => false,
    }
}

impl Target {
    /// Parse a target as written: a comparison (`≥`, `>=`, `≤`, `<=`, `>`, `<`, `=`, or the
    /// words "từ … trở lên" / "tối thiểu" / "tối đa") with a number, or else a requirement
    /// in words. A comparison whose number cannot be read is an error, never a requirement.
    pub fn parse(s: &str) -> Result<Target, String> {
        let t = s.trim();
        if t.is_empty() {
            return Err("mức đạt chuẩn để trống".into());
        }
        let (cmp, rest) = if let Some(r) = t.strip_prefix("≥").or(t.strip_prefix(">=")) {
            (Some(Cmp::Ge), r)
        } else if let Some(r) = t.strip_prefix("≤").or(t.strip_prefix("<=")) {
            (Some(Cmp::Le), r)
        } else if let Some(r) = t.strip_prefix('>') {
            (Some(Cmp::Gt), r)
        } else if let Some(r) = t.strip_prefix('<') {
            (Some(Cmp::Lt), r)
        } else if let Some(r) = t.strip_prefix('=') {
            (Some(Cmp::Eq), r)
        } else if let Some(r) = t.strip_prefix("tối thiểu") {
            (Some(Cmp::Ge), r)
        } else if let Some(r) = t.strip_prefix("tối đa") {
            (Some(Cmp::Le), r)
        } else if let Some(r) = t
            .strip_prefix("từ")
            .and_then(|r| r.trim().strip_suffix("trở lên"))
        {
            (Some(Cmp::Ge), r)
        } else {
            (None, t)
        };
        match cmp {
            Some(cmp) => {
                let n = parse_number(rest).ok_or_else(|| {
                    format!("sau dấu so sánh `{}` không đọc được số", cmp.symbol())
                })?;
                Ok(Target::Compare {
                    cmp,
                    value: n.value,
                    percent: n.percent,
                    unit: n.unit,
                })
            }
            None => Ok(Target::Stated(t.to_string())),
        }
    }

    /// Whether the target is compared automatically.
    pub fn is_numeric(&self) -> bool {
        matches!(self, Target::Compare { .. })
    }
}

/// Print a number the Vietnamese way: comma decimals, no trailing zeros, dot thousands.
pub fn format_number(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    let neg = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc() as u64;
    let frac = ((abs - abs.trunc()) * 100.0).round() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let mut out = if neg { format!("-{grouped}") } else { grouped };
    if frac > 0 {
        let f = format!("{frac:02}");
        out.push(',');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Compare {
                cmp,
                value,
                percent,
                unit,
            } => {
                write!(f, "{} {}", cmp.symbol(), format_number(*value))?;
                if *percent {
                    f.write_str("%")?;
                }
                if !unit.is_empty() {
                    write!(f, " {unit}")?;
                }
                Ok(())
            }
            Target::Stated(s) => f.write_str(s),
        }
    }
}

/// The status of an indicator, a criterion or a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Đạt.
    Dat,
    /// Chưa đạt.
    ChuaDat,
    /// No figure yet: never counts as met.
    ChuaCoSoLieu,
}

impl Status {
    /// Whether met.
    pub fn met(self) -> bool {
        self == Status::Dat
    }

    /// Read a status a clerk wrote: "Đạt", "x", "Chưa đạt", "Không đạt", "Có"/"Không"
    /// are not accepted (ambiguous for negative conditions).
    pub fn parse(s: &str) -> Option<Status> {
        match crate::text::word_key(s).as_str() {
            "dat" | "da-dat" | "dat-chuan" | "x" => Some(Status::Dat),
            "chua-dat" | "khong-dat" | "chua-dat-chuan" => Some(Status::ChuaDat),
            _ => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Dat => "Đạt",
            Status::ChuaDat => "Chưa đạt",
            Status::ChuaCoSoLieu => "Chưa có số liệu",
        })
    }
}

/// Why a result could not be evaluated.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    /// The result is not a number although the target is.
    NotANumber(String),
    /// The target is a percentage, the result a number with a different unit.
    UnitMismatch(String),
    /// The status column says something else than the computed one.
    Contradicts {
        /// What the clerk wrote.
        stated: Status,
        /// What the figures say.
        computed: Status,
    },
    /// The status could not be read.
    BadStatus(String),
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::NotANumber(v) => write!(
                f,
                "kết quả `{v}` không phải là số, trong khi mức đạt chuẩn là một con số"
            ),
            EvalError::UnitMismatch(v) => write!(
                f,
                "kết quả `{v}` có đơn vị khác với mức đạt chuẩn (tỷ lệ phần trăm)"
            ),
            EvalError::Contradicts { stated, computed } => write!(
                f,
                "cột tự đánh giá ghi `{stated}` nhưng theo số liệu là `{computed}`"
            ),
            EvalError::BadStatus(s) => {
                write!(f, "không hiểu đánh giá `{s}` (ghi `Đạt` hoặc `Chưa đạt`)")
            }
        }
    }
}

/// Evaluate one result against its target. `value` is the achieved figure as written (may be
/// empty), `stated` the commune's own assessment (may be empty). A comparable target is
/// computed (and a stated status that disagrees is an error); a requirement in words takes the
/// stated status. Missing figures give [`Status::ChuaCoSoLieu`], never Đạt.
pub fn evaluate(target: &Target, value: &str, stated: &str) -> Result<Status, EvalError> {
    let stated_status = if stated.trim().is_empty() {
        None
    } else {
        Some(Status::parse(stated).ok_or_else(|| EvalError::BadStatus(stated.trim().into()))?)
    };
    match target {
        Target::Compare {
            cmp,
            value: goal,
            percent,
            ..
        } => {
            if value.trim().is_empty() {
                return Ok(Status::ChuaCoSoLieu);
            }
            let n =
                parse_number(value).ok_or_else(|| EvalError::NotANumber(value.trim().into()))?;
            if *percent && !n.percent && !n.unit.is_empty() {
                return Err(EvalError::UnitMismatch(value.trim().into()));
            }
            let computed = if cmp.holds(n.value, *goal) {
                Status::Dat
            } else {
                Status::ChuaDat
            };
            if let Some(s) = stated_status
                && s != computed
            {
                return Err(EvalError::Contradicts {
                    stated: s,
                    computed,
                });
            }
            Ok(computed)
        }
        Target::Stated(_) => Ok(stated_status.unwrap_or(Status::ChuaCoSoLieu)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Target {
        Target::parse(s).expect("target parses")
    }

    #[test]
    fn boundary_values_meet_the_target() {
        assert_eq!(evaluate(&t("≥ 90%"), "90", ""), Ok(Status::Dat));
        assert_eq!(evaluate(&t("≥ 90%"), "90%", ""), Ok(Status::Dat));
        assert_eq!(evaluate(&t("≥ 90%"), "89,99%", ""), Ok(Status::ChuaDat));
        assert_eq!(evaluate(&t(">= 90 %"), "90,0 %", ""), Ok(Status::Dat));
        assert_eq!(evaluate(&t("> 90%"), "90", ""), Ok(Status::ChuaDat));
        assert_eq!(evaluate(&t("< 5%"), "5", ""), Ok(Status::ChuaDat));
        assert_eq!(evaluate(&t("= 100%"), "100", ""), Ok(Status::Dat));
    }

    #[test]
    fn ceilings_are_compared_downwards() {
        assert_eq!(evaluate(&t("≤ 26,5%"), "26,5%", ""), Ok(Status::Dat));
        assert_eq!(evaluate(&t("≤ 26,5%"), "26,6", ""), Ok(Status::ChuaDat));
        assert_eq!(evaluate(&t("<= 26.5%"), "12", ""), Ok(Status::Dat));
        assert_eq!(evaluate(&t("tối đa 3%"), "3,1%", ""), Ok(Status::ChuaDat));
    }

    #[test]
    fn comma_decimals_and_dot_thousands() {
        assert_eq!(parse_number("85,5").map(|n| n.value), Some(85.5));
        assert_eq!(parse_number("85.5").map(|n| n.value), Some(85.5));
        assert_eq!(parse_number("1.200").map(|n| n.value), Some(1200.0));
        assert_eq!(
            parse_number("1.234.567,8").map(|n| n.value),
            Some(1234567.8)
        );
        assert_eq!(parse_number("0.125").map(|n| n.value), Some(0.125));
        assert_eq!(
            parse_number("56 triệu đồng").map(|n| n.unit),
            Some("triệu đồng".into())
        );
        assert_eq!(parse_number("khoảng 90"), None);
        assert_eq!(parse_number("85,"), None);
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(evaluate(&t("≥ 85,5%"), "85,5", ""), Ok(Status::Dat));
        assert_eq!(evaluate(&t("≥ 1.000 người"), "1.200", ""), Ok(Status::Dat));
        assert_eq!(
            evaluate(&t("từ 50 trở lên"), "49,9", ""),
            Ok(Status::ChuaDat)
        );
    }

    #[test]
    fn missing_values_are_never_met() {
        assert_eq!(evaluate(&t("≥ 90%"), "", ""), Ok(Status::ChuaCoSoLieu));
        assert_eq!(evaluate(&t("≥ 90%"), "  ", "Đạt"), Ok(Status::ChuaCoSoLieu));
        assert_eq!(evaluate(&t("Đạt"), "", ""), Ok(Status::ChuaCoSoLieu));
        assert_eq!(
            evaluate(&t("≥ 90%"), "chưa thống kê", ""),
            Err(EvalError::NotANumber("chưa thống kê".into()))
        );
    }

    #[test]
    fn stated_targets_take_the_stated_status() {
        assert_eq!(evaluate(&t("Đạt"), "Có quy hoạch", "Đạt"), Ok(Status::Dat));
        assert_eq!(evaluate(&t("Đạt"), "", "chưa đạt"), Ok(Status::ChuaDat));
        assert_eq!(evaluate(&t("Đạt"), "", "Không đạt"), Ok(Status::ChuaDat));
        assert_eq!(
            evaluate(&t("Đạt"), "", "tốt"),
            Err(EvalError::BadStatus("tốt".into()))
        );
        // a percentage at the start without a comparison is a requirement in words
        assert!(!t("100% đạt mức độ 1").is_numeric());
    }

    #[test]
    fn a_contradicting_assessment_is_an_error() {
        assert_eq!(
            evaluate(&t("≥ 90%"), "85", "Đạt"),
            Err(EvalError::Contradicts {
                stated: Status::Dat,
                computed: Status::ChuaDat
            })
        );
        assert_eq!(evaluate(&t("≥ 90%"), "95", "Đạt"), Ok(Status::Dat));
        assert_eq!(
            evaluate(&t("≥ 90%"), "95 hộ", ""),
            Err(EvalError::UnitMismatch("95 hộ".into()))
        );
    }

    #[test]
    fn bad_comparisons_are_errors_and_targets_print_back() {
        assert!(Target::parse("≥ nhiều").is_err());
        assert!(Target::parse("").is_err());
        assert_eq!(t(">=90,50 %").to_string(), "≥ 90,5%");
        assert_eq!(t("≤ 1.500 triệu đồng").to_string(), "≤ 1.500 triệu đồng");
        assert_eq!(format_number(96.0), "96");
        assert_eq!(format_number(91.666), "91,67");
    }
}
