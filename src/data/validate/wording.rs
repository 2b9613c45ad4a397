//! How the document words itself: citations of documents, the printed symbol, the default
//! layout profile.

use super::*;

/// How a document names another: "Công văn số 12/UBND-NL ngày 05 tháng 3 năm 2024 của Ủy
/// ban nhân dân tỉnh Hà Tĩnh"; a draft keeps blanks for what it lacks.
pub fn citation(
    kind: &Kind,
    number: &str,
    symbol: &str,
    date: &DateSpec,
    issuer_text: Option<&str>,
) -> String {
    citation_dated(kind, number, symbol, date, issuer_text, false)
}

/// [`citation`] with the date written "ngày 25/11/2025" when `numeric`, as some documents
/// cite their parent in an appendix's reference line.
pub(super) fn citation_dated(
    kind: &Kind,
    number: &str,
    symbol: &str,
    date: &DateSpec,
    issuer_text: Option<&str>,
    numeric: bool,
) -> String {
    let kind_name = if kind.name.is_empty() {
        "Công văn".to_string()
    } else {
        let lower = kind.name.to_lowercase();
        let mut c = lower.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let gap = "\u{a0}".repeat(4);
    let number = if number.is_empty() {
        gap.repeat(2)
    } else {
        number.to_string()
    };
    let sep = match kind.system {
        System::State => "/",
        System::Party => "-",
    };
    let day = if date.day.is_some() {
        date.day_text()
    } else {
        gap.clone()
    };
    let month = if date.month.is_some() {
        date.month_text()
    } else {
        gap.clone()
    };
    let issuer = issuer_text
        .map(|t| format!(" của {}", t.trim()))
        .unwrap_or_default();
    if numeric {
        return format!(
            "{kind_name} số {number}{sep}{symbol} ngày {day}/{month}/{}{issuer}",
            date.year
        );
    }
    format!(
        "{kind_name} số {number}{sep}{symbol} ngày {day} tháng {month} năm {}{issuer}",
        date.year
    )
}

/// The ký hiệu as printed: the kind's code joined to the issuer's symbol as each system
/// writes it (NĐ 30, Phụ lục I, II.3.b; Party: `1144-CV/TU`). A symbol that already starts
/// with the code is kept as written.
pub(super) fn print_symbol(kind: &Kind, symbol: &str) -> String {
    if symbol.is_empty() || kind.code.is_empty() {
        return symbol.to_string();
    }
    match kind.system {
        System::State => {
            if symbol.starts_with(&format!("{}-", kind.code)) {
                symbol.to_string()
            } else {
                format!("{}-{symbol}", kind.code)
            }
        }
        System::Party => {
            if symbol.starts_with(&format!("{}/", kind.code)) {
                symbol.to_string()
            } else {
                format!("{}/{symbol}", kind.code)
            }
        }
    }
}

/// The default layout profile: NĐ 30 for the state; for the Party, HD 36 (2018) before
/// QĐ 399-QĐ/TW took effect on 09/01/2026, the 2026 profile from then on. A draft dated only
/// by year or month falls on the later side when it can.
pub(super) fn default_profile(system: System, date: &DateSpec) -> &'static str {
    match system {
        System::State => "nd30",
        System::Party => {
            let (y, m, d) = (date.year, date.month.unwrap_or(12), date.day.unwrap_or(31));
            if (y, m, d) >= (2026, 1, 9) {
                "party-2026"
            } else {
                "party-2018"
            }
        }
    }
}
