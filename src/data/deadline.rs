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
    /// Within a year: "2025", "năm 2024", "trong năm 2024".
    Year(i32),
    /// Within a quarter, by its last day: "Quý IV/2025".
    Quarter {
        /// The year.
        year: i32,
        /// 1–4.
        quarter: u32,
    },
    /// Within a month, by its last day: "Trong tháng 6/2025", "Từ tháng 3 đến tháng 6/2025".
    Month {
        /// The year.
        year: i32,
        /// 1–12.
        month: u32,
    },
    /// Words with no date a calendar could hold: "Theo kế hoạch riêng", "Sau khi Kế hoạch
    /// được ban hành", "Trong tháng 6" (no year). Printed as written; `vanban check` notes it.
    Unscheduled,
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

/// Parse a deadline as written. Words that name no date a calendar could hold ("Theo kế
/// hoạch riêng", "Sau khi Đề án được phê duyệt", "Trong tháng 6") are
/// [`Deadline::Unscheduled`], never refused (issue 12: a deadline is the plan's own words);
/// the error, worded in Vietnamese and English, is only for a date that cannot exist.
pub fn parse(s: &str) -> Result<Deadline, Bi> {
    let t = s.trim().trim_end_matches(['.', ';', ',']).trim();
    let lower = t.to_lowercase().replace("hàng ", "hằng ");
    let day_number = |rest: &str| -> Option<u32> {
        let d: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        d.parse().ok().filter(|d| (1..=31).contains(d))
    };
    let before_day = |text: &str| -> Option<u32> {
        let i = text.find("trước ngày")?;
        day_number(&text[i + "trước ngày".len()..])
    };
    if ["thường xuyên", "hằng ngày", "liên tục"].contains(&lower.as_str()) {
        return Ok(Deadline::Ongoing);
    }
    let bare_year = |y: &str| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit());
    if let Some(y) = lower
        .strip_prefix("trong năm")
        .or_else(|| lower.strip_prefix("năm"))
        .map(str::trim)
        .or(Some(lower.as_str()))
        .filter(|y| bare_year(y))
    {
        let y: i32 = y.parse().unwrap_or(i32::MAX);
        check_year(y)?;
        return Ok(Deadline::Year(y));
    }
    let every_year = lower.contains("hằng năm");
    if lower.contains("quý") {
        if let Some(d) = before_day(&lower) {
            return Ok(Deadline::Recurring(Recurrence::Quarterly { before_day: d }));
        }
        if let Some((q, year)) = quarter(&lower) {
            return match year {
                Some(y) => {
                    check_year(y)?;
                    Ok(Deadline::Quarter {
                        year: y,
                        quarter: q,
                    })
                }
                None if every_year => Ok(Deadline::Recurring(Recurrence::Yearly {
                    day: last_day(2023, q * 3),
                    month: q * 3,
                })),
                None => Ok(Deadline::Unscheduled),
            };
        }
        return Ok(Deadline::Unscheduled);
    }
    if lower.contains("hằng tháng") {
        return Ok(match before_day(&lower) {
            Some(d) => Deadline::Recurring(Recurrence::Monthly { before_day: d }),
            None => Deadline::Unscheduled,
        });
    }
    if every_year {
        if let Some(i) = lower.find("trước ngày") {
            let rest = lower[i + "trước ngày".len()..].trim();
            let day_month = rest.split_once('/').and_then(|(d, m)| {
                let m: String = m.chars().take_while(char::is_ascii_digit).collect();
                Some((d.trim().parse::<u32>().ok()?, m.parse::<u32>().ok()?))
            });
            // 2024 is a leap year: any real day and month passes
            return match day_month {
                Some((d, m)) if NaiveDate::from_ymd_opt(2024, m, d).is_some() => {
                    Ok(Deadline::Recurring(Recurrence::Yearly { day: d, month: m }))
                }
                Some((d, m)) => Err(Bi::new(
                    format!("ngày {d}/{m} của thời hạn hằng năm không tồn tại"),
                    format!("the day {d}/{m} of the yearly deadline does not exist"),
                )),
                None => Ok(Deadline::Unscheduled),
            };
        }
        // "Tháng 12 hằng năm": by the end of that month, every year.
        return Ok(match month(&lower) {
            Some((m, _)) => Deadline::Recurring(Recurrence::Yearly {
                day: last_day(2023, m),
                month: m,
            }),
            None => Deadline::Unscheduled,
        });
    }
    // A whole date: "30/9/2024", "trước ngày 30/6/2025", "ngày 05 tháng 01 năm 2025".
    let (before, rest) = match lower.strip_prefix("trước") {
        Some(r) => (true, r.trim_start()),
        None => (false, lower.as_str()),
    };
    let rest = rest.strip_prefix("ngày").unwrap_or(rest).trim();
    if let Some(date) = parse_date(rest) {
        let date = date?;
        return Ok(if before {
            Deadline::Before(date)
        } else {
            Deadline::On(date)
        });
    }
    // A month of a year, or the last month of a span: "Trong tháng 6/2025", "Từ tháng 3 đến
    // tháng 6/2025", "tháng 12 năm 2025".
    if !lower.contains("ngày")
        && let Some((m, Some(y))) = month(&lower)
    {
        check_year(y)?;
        return Ok(Deadline::Month { year: y, month: m });
    }
    // A date inside other words: "Hoàn thành trước 30/6/2025", "từ 01/3 đến 30/6/2025": the
    // last date written is the deadline.
    if let Some((from, to)) = date_tokens(t).last() {
        let Some(date) = parse_date(&t[*from..*to]) else {
            return Ok(Deadline::Unscheduled);
        };
        let date = date?;
        let before = t[..*from].to_lowercase().contains("trước");
        return Ok(if before {
            Deadline::Before(date)
        } else {
            Deadline::On(date)
        });
    }
    Ok(Deadline::Unscheduled)
}

/// The last day of month `m` of year `y` (28 for February of a common year).
fn last_day(y: i32, m: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(y, m, *d).is_some())
        .unwrap_or(28)
}

/// "quý IV/2025", "quý 4 năm 2025", "quý II": the quarter and its year when written.
fn quarter(lower: &str) -> Option<(u32, Option<i32>)> {
    let i = lower.rfind("quý")?;
    let rest = lower[i + "quý".len()..].trim_start();
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let q = match word.as_str() {
        "i" | "1" => 1,
        "ii" | "2" => 2,
        "iii" | "3" => 3,
        "iv" | "4" => 4,
        _ => return None,
    };
    Some((q, year_after(&rest[word.len()..])))
}

/// The last "tháng N" of the text and the year written after it ("/2025", " năm 2025").
fn month(lower: &str) -> Option<(u32, Option<i32>)> {
    let i = lower.rfind("tháng")?;
    let rest = lower[i + "tháng".len()..].trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let m: u32 = digits.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some((m, year_after(&rest[digits.len()..])))
}

/// A year written right after a month or quarter: "/2025", " năm 2025", " - 2025".
fn year_after(rest: &str) -> Option<i32> {
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix('/')
        .or_else(|| rest.strip_prefix("năm"))
        .or_else(|| rest.strip_prefix('-'))?
        .trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4 {
        digits.parse().ok()
    } else {
        None
    }
}

/// Byte ranges of the dates written `d/m/yyyy` in `text` (one or two digits of day and
/// month, four of year, not part of a longer run of digits and slashes).
fn date_tokens(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let edge = |i: usize| b.get(i).is_none_or(|c| !(c.is_ascii_digit() || *c == b'/'));
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || edge(i - 1)) {
            let d = digits(i);
            let j = i + d;
            if (1..=2).contains(&d) && b.get(j) == Some(&b'/') {
                let m = digits(j + 1);
                let k = j + 1 + m;
                if (1..=2).contains(&m) && b.get(k) == Some(&b'/') {
                    let y = digits(k + 1);
                    let end = k + 1 + y;
                    if y == 4 && edge(end) {
                        out.push((i, end));
                        i = end;
                        continue;
                    }
                }
            }
            i += d.max(1);
        } else {
            i += 1;
        }
    }
    out
}

/// The deadline as the document prints it: the clerk's own words, with only what NĐ 30
/// asks of dates ("30/06/2025" → "30/6/2025", "5/1/2025" → "05/01/2025") and without
/// the list punctuation the table or the list adds itself.
pub fn as_written(s: &str) -> String {
    let t = s.trim().trim_end_matches(['.', ';', ',']).trim();
    let mut out = String::with_capacity(t.len());
    let mut last = 0;
    for (from, to) in date_tokens(t) {
        out.push_str(&t[last..from]);
        match parse_date(&t[from..to]) {
            Some(Ok(d)) => out.push_str(&short_date(d)),
            _ => out.push_str(&t[from..to]),
        }
        last = to;
    }
    out.push_str(&t[last..]);
    out
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
    /// The date to sort by and to put in a calendar, for a dated deadline.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Deadline::On(d) | Deadline::Before(d) => Some(*d),
            Deadline::Year(y) => NaiveDate::from_ymd_opt(*y, 12, 31),
            Deadline::Quarter { year, quarter } => {
                NaiveDate::from_ymd_opt(*year, quarter * 3, last_day(*year, quarter * 3))
            }
            Deadline::Month { year, month } => {
                NaiveDate::from_ymd_opt(*year, *month, last_day(*year, *month))
            }
            Deadline::Recurring(_) | Deadline::Ongoing | Deadline::Unscheduled => None,
        }
    }

    /// Order for lists sorted by deadline: dated ones by date, then recurring duties, then
    /// ongoing ones, then those without a date.
    pub fn sort_key(&self) -> (u8, Option<NaiveDate>) {
        match self {
            Deadline::Recurring(_) => (1, None),
            Deadline::Ongoing => (2, None),
            Deadline::Unscheduled => (3, None),
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
    fn printed_as_written_with_dates_normalised() {
        assert_eq!(as_written("5/1/2025"), "05/01/2025");
        assert_eq!(as_written("trước ngày 30/06/2025."), "trước ngày 30/6/2025");
        assert_eq!(
            as_written("Hàng tháng trước ngày 25;"),
            "Hàng tháng trước ngày 25"
        );
        assert_eq!(as_written("Quý IV/2025"), "Quý IV/2025");
        assert_eq!(
            as_written("Từ 01/3/2025 đến 30/06/2025"),
            "Từ 01/3/2025 đến 30/6/2025"
        );
        // not dates: a symbol's number, a month of a year, a long run of digits
        assert_eq!(as_written("Theo 12/2025/TT-BTC"), "Theo 12/2025/TT-BTC");
        assert_eq!(as_written("tháng 6/2025"), "tháng 6/2025");
        assert_eq!(as_written("1/2/20255"), "1/2/20255");
    }

    #[test]
    fn plans_own_words() {
        assert_eq!(parse("2025"), Ok(Deadline::Year(2025)));
        assert_eq!(
            parse("Quý IV/2025"),
            Ok(Deadline::Quarter {
                year: 2025,
                quarter: 4
            })
        );
        assert_eq!(parse("Quý IV/2025").unwrap().date(), Some(d(2025, 12, 31)));
        assert_eq!(
            parse("trong quý 2 năm 2026").unwrap().date(),
            Some(d(2026, 6, 30))
        );
        assert_eq!(
            parse("Tháng 12 hằng năm"),
            Ok(Deadline::Recurring(Recurrence::Yearly {
                day: 31,
                month: 12
            }))
        );
        assert_eq!(
            parse("Từ tháng 3 đến tháng 6/2025"),
            Ok(Deadline::Month {
                year: 2025,
                month: 6
            })
        );
        assert_eq!(
            parse("Trong tháng 02/2024").unwrap().date(),
            Some(d(2024, 2, 29))
        );
        assert_eq!(
            parse("Hoàn thành trước 30/6/2025"),
            Ok(Deadline::Before(d(2025, 6, 30)))
        );
        for words in [
            "Theo kế hoạch riêng",
            "Sau khi Kế hoạch được ban hành",
            "Trong tháng 6",
            "sớm nhất có thể",
            "hằng tháng",
            "năm sau",
            "Quý II",
        ] {
            assert_eq!(parse(words), Ok(Deadline::Unscheduled), "{words}");
        }
    }

    #[test]
    fn wrong_dates_and_words_are_refused() {
        assert!(parse("31/6/2024").unwrap_err().vi.contains("không tồn tại"));
        assert!(parse("trước ngày 30/2/2025").is_err());
        assert!(parse("Hoàn thành trước 31/4/2025").is_err());
        assert!(parse("hằng năm trước ngày 31/2").is_err());
        assert!(parse("Quý I/1800").is_err());
        assert!(parse("tháng 6/1800").is_err());
    }

    #[test]
    fn years_and_ongoing_duties() {
        assert_eq!(parse("Năm 2024"), Ok(Deadline::Year(2024)));
        assert_eq!(parse("trong năm 2024"), Ok(Deadline::Year(2024)));
        assert_eq!(parse("Thường xuyên"), Ok(Deadline::Ongoing));
        assert_eq!(Deadline::Year(2024).date(), Some(d(2024, 12, 31)));
        assert!(Deadline::Ongoing.sort_key() > Deadline::Year(2030).sort_key());
    }
}
