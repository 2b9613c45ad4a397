//! A series of numbers, and the issuing body's code read from a symbol.

use crate::diag::Bi;

/// A series of numbers: an issuing body's code, a year, secret or not.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Series {
    /// The issuing body's code (`UBND`).
    pub issuer: String,
    /// The year.
    pub year: i32,
    /// Documents with a secrecy level.
    pub secret: bool,
}

impl Series {
    /// The series as a clerk reads it: "UBND, năm 2026" ("…, mật").
    pub fn describe(&self) -> Bi {
        let (vi, en) = if self.secret {
            (", văn bản mật", ", secret documents")
        } else {
            ("", "")
        };
        Bi::new(
            format!("{}, năm {}{vi}", self.issuer, self.year),
            format!("{}, year {}{en}", self.issuer, self.year),
        )
    }
}

/// Whether `code` can be an issuer's code: letters and digits, at most 30 characters.
pub fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.chars().count() <= 30
        && code
            .chars()
            .all(|c| c.is_alphanumeric() || c == 'Đ' || c == 'đ')
}

/// The issuing body's code in a printed symbol (`UBND-NL₅` → `UBND`, `QĐ-UBND` → `UBND`,
/// `CV/TU` → `TU`, `CV/BTG-TU` → `BTG`): for the Party the part after `/`; for the state
/// the part after the kind's code, if the symbol starts with it; then up to the first `-`.
pub fn issuer_code(kind_code: &str, party: bool, symbol: &str) -> String {
    let s = symbol.trim();
    let s = if party {
        s.rsplit_once('/').map_or(s, |(_, rest)| rest)
    } else {
        let s = s.rsplit_once('/').map_or(s, |(_, rest)| rest);
        match s.split_once('-') {
            Some((first, rest)) if !kind_code.is_empty() && first == kind_code => rest,
            _ => s,
        }
    };
    s.split('-').next().unwrap_or("").trim().to_string()
}
