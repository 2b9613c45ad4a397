//! Thời hạn: the deadlines clerks write in task tables, parsed, kept normalised and printed
//! back in Vietnamese (issue 4: "30/9/2024", "trước ngày 30/6/2025", "ngày 05 tháng 01 năm
//! 2025", "hằng tháng trước ngày 25", "quý: trước ngày 25 tháng cuối quý").

use super::date::DateSpec;
use crate::diag::Bi;
use chrono::NaiveDate;

/// A deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deadline {
    /// On a date: "30/9/2024", "ngày 05 tháng 01 năm 2025".
    On(NaiveDate),
    /// Before a date: "trước ngày 30/6/2025".
    Before(NaiveDate),
    /// A recurring duty.
    Recurring(Recurrence),
    /// Within a year: "năm 2024", "trong năm 2024".
    Year(i32),
    /// An ongoing duty: "thường xuyên".
    Ongoing,
}

/// A recurring reporting duty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recurrence {
    /// Every month, before day N: "hằng tháng trước ngày 25".
    Monthly {
        /// The day of the month.
        before_day: u32,
    },
    /// Every quarter, before day N of its last month: "quý: trước ngày 25 tháng cuối quý".
    Quarterly {
        /// The day of the quarter's last month.
        before_day: u32,
    },
    /// Every year, before a day and month: "năm (trước ngày 25/12)".
    Yearly {
        /// Day.
        day: u32,
        /// Month.
        month: u32,
    },
}

/// Parse a deadline as written. The error is worded in Vietnamese and English.
pub fn parse(s: &str) -> Result<Deadline, Bi> {
    let t = s.trim().trim_end_matches(['.', ';', ',']).trim();
    let lower = t.to_lowercase();
    let bad = || {
        Bi::new(
            format!(
                "không hiểu thời hạn `{t}`: viết `30/9/2024`, `trước ngày 30/6/2025`, `ngày 05 tháng 01 năm 2025`, `hằng tháng trước ngày 25`, `hằng quý trước ngày 25 tháng cuối quý`, `năm 2024` hoặc `thường xuyên`"
            ),
            format!(
                "cannot read the deadline `{t}`: write `30/9/2024`, `trước ngày 30/6/2025`, `ngày 05 tháng 01 năm 2025`, `hằng tháng trước ngày 25`, `hằng quý trước ngày 25 tháng cuối quý`, `năm 2024` or `thường xuyên`"
            ),
        )
    };
    let day_number = |rest: &str| -> Option<u32> {
        let d: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        d.parse().ok().filter(|d| (1..=31).contains(d))
    };
    if lower == "thường xuyên" || lower == "hằng ngày" || lower == "liên tục" {
        return Ok(Deadline::Ongoing);
    }
    if let Some(y) = lower
        .strip_prefix("trong năm")
        .or_else(|| lower.strip_prefix("năm"))
        .map(str::trim)
        .filter(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()))
    {
        let y: i32 = y.parse().map_err(|_| bad())?;
        check_year(y)?;
        return Ok(Deadline::Year(y));
    }
    if lower.contains("quý") {
        let i = lower.find("trước ngày").ok_or_else(bad)?;
        let d = day_number(&lower[i + "trước ngày".len()..]).ok_or_else(bad)?;
        return Ok(Deadline::Recurring(Recurrence::Quarterly { before_day: d }));
    }
    if lower.contains("hằng tháng") || lower.contains("hàng tháng") {
        let i = lower.find("trước ngày").ok_or_else(bad)?;
        let d = day_number(&lower[i + "trước ngày".len()..]).ok_or_else(bad)?;
        return Ok(Deadline::Recurring(Recurrence::Monthly { before_day: d }));
    }
    if lower.contains("hằng năm") || lower.contains("hàng năm") {
        let i = lower.find("trước ngày").ok_or_else(bad)?;
        let rest = lower[i + "trước ngày".len()..].trim();
        let (d, m) = rest.split_once('/').ok_or_else(bad)?;
        let m: String = m.chars().take_while(char::is_ascii_digit).collect();
        let (d, m) = (
            d.trim().parse::<u32>().map_err(|_| bad())?,
            m.parse::<u32>().map_err(|_| bad())?,
        );
        // 2024 is a leap year: any real day and month passes
        NaiveDate::from_ymd_opt(2024, m, d).ok_or_else(bad)?;
        return Ok(Deadline::Recurring(Recurrence::Yearly { day: d, month: m }));
    }
    let (before, rest) = match lower.strip_prefix("trước") {
        Some(r) => (true, r.trim_start()),
        None => (false, lower.as_str()),
    };
    let rest = rest.strip_prefix("ngày").unwrap_or(rest).trim();
    let date = parse_date(rest).ok_or_else(bad)??;
    Ok(if before {
        Deadline::Before(date)
    } else {
        Deadline::On(date)
    })
}

/// "30/9/2024", "2024-09-30" or "05 tháng 01 năm 2025"; `Some(Err)` for a date that does not
/// exist, `None` when the text is not a date at all.
fn parse_date(s: &str) -> Option<Result<NaiveDate, Bi>> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let (d, m, y) = if words.len() == 5 && words[1] == "tháng" && words[3] == "năm" {
        (words[0], words[2], words[4])
    } else if s.contains('/') {
        let p: Vec<&str> = s.split('/').collect();
        if p.len() != 3 {
            return None;
        }
        (p[0], p[1], p[2])
    } else if s.contains('-') {
        let p: Vec<&str> = s.split('-').collect();
        if p.len() != 3 {
            return None;
        }
        (p[2], p[1], p[0])
    } else {
        return None;
    };
    let num = |x: &str| x.trim().parse::<u32>().ok();
    let (d, m, y) = (num(d)?, num(m)?, num(y)?);
    if let Err(e) = check_year(i32::try_from(y).unwrap_or(i32::MAX)) {
        return Some(Err(e));
    }
    // One rule for what a date is: the document date's (DateSpec).
    Some(
        DateSpec::parse_bi(&format!("{d}/{m}/{y}")).and_then(|spec| {
            spec.naive().ok_or_else(|| {
                Bi::new(
                    format!("ngày {d}/{m}/{y} không tồn tại"),
                    format!("the date {d}/{m}/{y} does not exist"),
                )
            })
        }),
    )
}

/// Years a deadline may name: beyond them a date is a typing error (and 4294967295 would
/// print as `-1` and make an invalid calendar).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn check_year(y: i32) -> Result<(), Bi> {
    if YEARS.contains(&y) {
        Ok(())
    } else {
        Err(Bi::new(
            format!(
                "năm {y} của thời hạn nằm ngoài khoảng {}–{}: kiểm tra lại năm (viết đủ 4 chữ số, ví dụ 30/9/2025)",
                YEARS.start(),
                YEARS.end()
            ),
            format!(
                "the year {y} of the deadline is outside {}–{}: check the year (write all 4 digits, e.g. 30/9/2025)",
                YEARS.start(),
                YEARS.end()
            ),
        ))
    }
}

/// A date as documents write it in running text: "30/9/2024", days and months 1–2 with
/// their leading zero as NĐ 30 writes them ("05/01/2025", "28/02/2024").
pub fn short_date(d: NaiveDate) -> String {
    DateSpec::from(d).short()
}

impl Deadline {
    /// The deadline in Vietnamese, normalised.
    pub fn to_vietnamese(&self) -> String {
        match self {
            Deadline::On(d) => short_date(*d),
            Deadline::Before(d) => format!("trước ngày {}", short_date(*d)),
            Deadline::Recurring(Recurrence::Monthly { before_day }) => {
                format!("hằng tháng, trước ngày {before_day}")
            }
            Deadline::Recurring(Recurrence::Quarterly { before_day }) => {
                format!("hằng quý, trước ngày {before_day} tháng cuối quý")
            }
            Deadline::Recurring(Recurrence::Yearly { day, month }) => {
                format!("hằng năm, trước ngày {day}/{month}")
            }
            Deadline::Year(y) => format!("trong năm {y}"),
            Deadline::Ongoing => "thường xuyên".into(),
        }
    }

    /// The date to sort by and to put in a calendar, for a dated deadline.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Deadline::On(d) | Deadline::Before(d) => Some(*d),
            Deadline::Year(y) => NaiveDate::from_ymd_opt(*y, 12, 31),
            Deadline::Recurring(_) | Deadline::Ongoing => None,
        }
    }

    /// Order for lists sorted by deadline: dated ones by date, then recurring duties, then
    /// ongoing ones.
    pub fn sort_key(&self) -> (u8, Option<NaiveDate>) {
        match self {
            Deadline::Recurring(_) => (1, None),
            Deadline::Ongoing => (2, None),
            d => (0, d.date()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_forms_clerks_write() {
        assert_eq!(parse("30/9/2024"), Ok(Deadline::On(d(2024, 9, 30))));
        assert_eq!(
            parse("trước ngày 30/6/2025"),
            Ok(Deadline::Before(d(2025, 6, 30)))
        );
        assert_eq!(
            parse("trước 31/3/2025"),
            Ok(Deadline::Before(d(2025, 3, 31)))
        );
        assert_eq!(
            parse("ngày 05 tháng 01 năm 2025"),
            Ok(Deadline::On(d(2025, 1, 5)))
        );
        assert_eq!(
            parse("hằng tháng trước ngày 25"),
            Ok(Deadline::Recurring(Recurrence::Monthly { before_day: 25 }))
        );
        assert_eq!(
            parse("quý: trước ngày 25 tháng cuối quý"),
            Ok(Deadline::Recurring(Recurrence::Quarterly {
                before_day: 25
            }))
        );
        assert_eq!(
            parse("hằng năm trước ngày 25/12"),
            Ok(Deadline::Recurring(Recurrence::Yearly {
                day: 25,
                month: 12
            }))
        );
    }

    #[test]
    fn printed_back_normalised() {
        assert_eq!(parse("5/1/2025").unwrap().to_vietnamese(), "05/01/2025");
        assert_eq!(
            parse("trước ngày 30/06/2025").unwrap().to_vietnamese(),
            "trước ngày 30/6/2025"
        );
        assert_eq!(
            parse("Hàng tháng trước ngày 25.").unwrap().to_vietnamese(),
            "hằng tháng, trước ngày 25"
        );
    }

    #[test]
    fn wrong_dates_and_words_are_refused() {
        assert!(parse("31/6/2024").unwrap_err().vi.contains("không tồn tại"));
        assert!(
            parse("sớm nhất có thể")
                .unwrap_err()
                .vi
                .contains("không hiểu")
        );
        assert!(parse("hằng tháng").is_err());
        assert!(parse("hằng năm trước ngày 31/2").is_err());
        assert!(parse("năm sau").is_err());
    }

    #[test]
    fn years_and_ongoing_duties() {
        assert_eq!(parse("Năm 2024"), Ok(Deadline::Year(2024)));
        assert_eq!(parse("trong năm 2024"), Ok(Deadline::Year(2024)));
        assert_eq!(parse("Thường xuyên"), Ok(Deadline::Ongoing));
        assert_eq!(Deadline::Year(2024).to_vietnamese(), "trong năm 2024");
        assert_eq!(Deadline::Year(2024).date(), Some(d(2024, 12, 31)));
        assert!(Deadline::Ongoing.sort_key() > Deadline::Year(2030).sort_key());
    }
}
