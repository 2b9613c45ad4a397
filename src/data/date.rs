//! Ngày ban hành: full, or partial for a draft, checked with chrono.

use crate::diag::Bi;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A date as a document carries it: a draft may leave the day, or day and month, blank
/// (seed 000: "ngày   tháng   năm 2024"; seed 001: "ngày   tháng 7 năm 2024").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpec {
    /// Year.
    pub year: i32,
    /// Month 1–12, if given.
    pub month: Option<u32>,
    /// Day of month, if given (only with a month).
    pub day: Option<u32>,
}

impl DateSpec {
    /// A date with only the year.
    pub fn year_only(year: i32) -> Self {
        DateSpec {
            year,
            month: None,
            day: None,
        }
    }

    /// Parse `05/01/2025`, `5/1/2025`, `2025-01-05`, `7/2024`, `07/2024` or `2024`.
    /// The error is a Vietnamese sentence naming what is wrong.
    pub fn parse(s: &str) -> Result<Self, String> {
        Self::parse_bi(s).map_err(|e| e.vi)
    }

    /// [`DateSpec::parse`], the error worded in Vietnamese and English.
    pub fn parse_bi(s: &str) -> Result<Self, Bi> {
        let t = s.trim();
        let bad = || {
            Bi::new(
                format!("ngày `{t}` không đúng dạng"),
                format!("the date `{t}` is malformed"),
            )
        };
        let nums = |parts: &[&str]| -> Result<Vec<u32>, Bi> {
            parts
                .iter()
                .map(|p| {
                    if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 4 {
                        Err(bad())
                    } else {
                        p.parse::<u32>().map_err(|_| bad())
                    }
                })
                .collect()
        };
        let (d, m, y) = if t.contains('-') {
            let v = nums(&t.split('-').collect::<Vec<_>>())?;
            match v.as_slice() {
                [y, m, d] => (Some(*d), Some(*m), *y),
                [y, m] => (None, Some(*m), *y),
                _ => return Err(bad()),
            }
        } else {
            let v = nums(&t.split('/').collect::<Vec<_>>())?;
            match v.as_slice() {
                [d, m, y] => (Some(*d), Some(*m), *y),
                [m, y] => (None, Some(*m), *y),
                [y] => (None, None, *y),
                _ => return Err(bad()),
            }
        };
        if !(1900..=2200).contains(&y) {
            return Err(Bi::new(
                format!("năm {y} của ngày `{t}` không hợp lý"),
                format!("the year {y} of the date `{t}` is not plausible"),
            ));
        }
        if let Some(m) = m
            && !(1..=12).contains(&m)
        {
            return Err(Bi::new(
                format!("ngày `{t}` có tháng {m}, không tồn tại"),
                format!("the date `{t}` has the month {m}, which does not exist"),
            ));
        }
        if let (Some(d), Some(m)) = (d, m)
            && NaiveDate::from_ymd_opt(y as i32, m, d).is_none()
        {
            return Err(Bi::new(
                format!("ngày `{t}` không tồn tại (tháng {m} năm {y} không có ngày {d})"),
                format!("the date `{t}` does not exist (month {m} of {y} has no day {d})"),
            ));
        }
        Ok(DateSpec {
            year: y as i32,
            month: m,
            day: d,
        })
    }

    /// The full date, when day, month and year are given.
    pub fn naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// The date as running text writes it: "05/01/2025", "30/9/2024" (NĐ 30, Phụ lục I,
    /// II.4.b: day with two digits, months 1 and 2 with a leading zero); "…/2024" parts
    /// that are blank are left out ("7/2024", "2024").
    pub fn short(&self) -> String {
        match (self.day, self.month) {
            (Some(_), Some(_)) => {
                format!("{}/{}/{}", self.day_text(), self.month_text(), self.year)
            }
            (None, Some(_)) => format!("{}/{}", self.month_text(), self.year),
            _ => self.year.to_string(),
        }
    }

    /// Whether day, month and year are all given.
    pub fn is_full(&self) -> bool {
        self.day.is_some() && self.month.is_some()
    }

    /// `YYYY-MM-DD` for a full date.
    pub fn iso(&self) -> Option<String> {
        let (d, m) = (self.day?, self.month?);
        let date = NaiveDate::from_ymd_opt(self.year, m, d)?;
        Some(format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            date.month(),
            date.day()
        ))
    }

    /// The day as printed: two digits (`05`), empty when blank (NĐ 30, Phụ lục I, II.4.b).
    pub fn day_text(&self) -> String {
        self.day.map_or(String::new(), |d| format!("{d:02}"))
    }

    /// The month as printed: `01`, `02` with a leading zero, `3` … `12` without
    /// (NĐ 30/2020, Phụ lục I, II.4.b); empty when blank.
    pub fn month_text(&self) -> String {
        match self.month {
            None => String::new(),
            Some(m @ (1 | 2)) => format!("{m:02}"),
            Some(m) => m.to_string(),
        }
    }
}

impl From<NaiveDate> for DateSpec {
    fn from(d: NaiveDate) -> Self {
        DateSpec {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
}

impl Serialize for DateSpec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("DateSpec", 5)?;
        st.serialize_field("day", &self.day_text())?;
        st.serialize_field("month", &self.month_text())?;
        st.serialize_field("year", &self.year.to_string())?;
        st.serialize_field("full", &self.is_full())?;
        st.serialize_field("iso", &self.iso())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_and_partial_dates() {
        let d = DateSpec::parse("5/1/2025").unwrap();
        assert_eq!((d.day_text(), d.month_text()), ("05".into(), "01".into()));
        assert_eq!(d.iso().as_deref(), Some("2025-01-05"));
        let d = DateSpec::parse("2019-06-29").unwrap();
        assert_eq!((d.day_text(), d.month_text()), ("29".into(), "6".into()));
        let d = DateSpec::parse("7/2024").unwrap();
        assert_eq!(
            (d.day_text(), d.month_text(), d.is_full()),
            ("".into(), "7".into(), false)
        );
        let d = DateSpec::parse("2024").unwrap();
        assert_eq!((d.month, d.day), (None, None));
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(
            DateSpec::parse("20/20/2023")
                .unwrap_err()
                .contains("tháng 20")
        );
        assert!(
            DateSpec::parse("30/02/2024")
                .unwrap_err()
                .contains("không tồn tại")
        );
        assert!(DateSpec::parse("29/02/2024").is_ok());
        assert!(DateSpec::parse("ngày 5").is_err());
        assert!(DateSpec::parse("1/2/3/2024").is_err());
    }
}
