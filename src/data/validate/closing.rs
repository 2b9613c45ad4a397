//! The closing parts: Nơi nhận, the urgency and secrecy marks, and what the final version
//! (`--final`) requires.

use super::*;

/// The Nơi nhận lines: dashes and final punctuation off; grouped lines end with a brace.
pub(super) fn distribution_lines(input: &Input) -> Vec<DistLine> {
    input
        .distribution
        .as_ref()
        .map(|v| {
            v.iter()
                .flat_map(|d| match d {
                    DistIn::Line(s) => vec![DistLine {
                        text: strip_list_marks(s),
                        suffix: String::new(),
                    }],
                    // Grouped lines end with a brace; the note stands after the first
                    // (seed 003: "- Các ban Đảng, UBKT, VP Trung ương Đảng, } (để b/c)").
                    DistIn::Group(g) => g
                        .group
                        .iter()
                        .enumerate()
                        .map(|(i, s)| DistLine {
                            text: strip_list_marks(s),
                            suffix: if i == 0 {
                                format!("}} {}", g.note.trim())
                            } else {
                                "}".to_string()
                            },
                        })
                        .collect(),
                })
                .filter(|d| !d.text.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The urgency and secrecy marks, as stamps.
pub(super) fn check_marks(
    input: &Input,
    issues: &mut Vec<Issue>,
) -> (Option<StampText>, Option<StampText>) {
    let urgency = match input.urgency.as_deref().map(str::trim) {
        None | Some("") => None,
        // Frame sizes: NĐ 30/2020, Phụ lục I, III.2.b.
        Some("khan") | Some("khẩn") | Some("KHẨN") => Some(stamp("KHẨN", 20.0)),
        Some("thuong-khan") | Some("thượng khẩn") | Some("THƯỢNG KHẨN") => {
            Some(stamp("THƯỢNG KHẨN", 40.0))
        }
        Some("hoa-toc") | Some("hỏa tốc") | Some("HỎA TỐC") => Some(stamp("HỎA TỐC", 30.0)),
        Some(other) => {
            issues.push(Issue::new(
                "urgency",
                (
                    format!("độ khẩn `{other}` không có trong Nghị định 30"),
                    format!("the urgency `{other}` is not one of Decree 30"),
                ),
                (
                    "dùng một trong: `khan`, `thuong-khan`, `hoa-toc`",
                    "use one of: `khan`, `thuong-khan`, `hoa-toc`",
                ),
            ));
            None
        }
    };
    let secrecy = match input.secrecy.as_deref().map(str::trim) {
        None | Some("") => None,
        // Stamp sizes for secrecy marks are not in NĐ 30 (UNCONFIRMED, spec §8): we use the
        // frame of the urgency stamps, sized to the text.
        Some("mat") | Some("mật") | Some("MẬT") => Some(stamp("MẬT", 20.0)),
        Some("toi-mat") | Some("tối mật") | Some("TỐI MẬT") => Some(stamp("TỐI MẬT", 30.0)),
        Some("tuyet-mat") | Some("tuyệt mật") | Some("TUYỆT MẬT") => {
            Some(stamp("TUYỆT MẬT", 35.0))
        }
        Some(other) => {
            issues.push(Issue::new(
                "secrecy",
                (
                    format!("độ mật `{other}` không hợp lệ"),
                    format!("the secrecy mark `{other}` is not valid"),
                ),
                (
                    "dùng một trong: `mat`, `toi-mat`, `tuyet-mat`",
                    "use one of: `mat`, `toi-mat`, `tuyet-mat`",
                ),
            ));
            None
        }
    };
    (urgency, secrecy)
}

/// The final version (`--final`) needs its number and its full date.
pub(super) fn check_final(input: &Input, number: &str, date: &DateSpec, issues: &mut Vec<Issue>) {
    if number.is_empty() && input.number.as_ref().is_none_or(|n| n.as_text().is_empty()) {
        issues.push(
            Issue::new(
                "number",
                (
                    "bản chính thức phải có số văn bản",
                    "the final version must have its number",
                ),
                (
                    "điền `number` (số đăng ký tại văn thư), hoặc bỏ `--final` để in bản dự thảo",
                    "fill in `number` (registered at the records office), or drop `--final` to print a draft",
                ),
            )
            .rule("final-number-date"),
        );
    }
    if date.year != 0 && !date.is_full() {
        issues.push(
            Issue::new(
                "date",
                (
                    "bản chính thức phải có đủ ngày, tháng, năm ban hành",
                    "the final version must have the full issue date (day, month, year)",
                ),
                (
                    "ghi đủ `date: 05/01/2025`, hoặc bỏ `--final` để in bản dự thảo",
                    "write the full `date: 05/01/2025`, or drop `--final` to print a draft",
                ),
            )
            .rule("final-number-date"),
        );
    }
}
