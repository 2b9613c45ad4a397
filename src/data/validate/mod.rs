//! Semantic checks: the input model -> a checked document, or every problem at once.
//!
//! The checked [`Document`] is what the templates see: numbers padded, the date split into
//! its printed parts, list lines without their dashes and final punctuation (the template
//! adds them), sections numbered, and the body ending with "./.".

use serde::Serialize;

use super::catalogue::{Catalogue, Kind, RecipientsRule, System};
use super::model::{
    AppendixIn, ArticleIn, Authority, BlockIn, CellIn, DistIn, Input, ItemIn, Lines, RowIn, Scalar,
    SignatureIn,
};
use super::{Issue, date::DateSpec};
use crate::diag::Bi;
use crate::text::roman;

mod appendix;
mod blocks;
mod closing;
mod document;
mod kinds;
mod signature;
mod wording;

use appendix::{AppendixContext, check_appendices};
use blocks::{check_articles, check_blocks, close_article, close_body};
use closing::{check_final, check_marks, distribution_lines};
pub use document::*;
use signature::check_signatures;
pub use wording::citation;
use wording::{citation_dated, default_profile, print_symbol};

/// Check an input, reporting every problem with its field path.
pub fn check(input: Input, stage: Stage, catalogue: &Catalogue) -> Result<Document, Vec<Issue>> {
    let mut issues = Vec::new();
    let req = |issues: &mut Vec<Issue>,
               field: &str,
               v: Option<String>,
               what: (&str, &str),
               example: (&str, &str)|
     -> String {
        match v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
            Some(s) => s,
            None => {
                issues.push(
                    Issue::new(
                        field,
                        (format!("thiếu {}", what.0), format!("missing {}", what.1)),
                        (
                            format!("thêm `{field}`, ví dụ: {}", example.0),
                            format!("add `{field}`, e.g. {}", example.1),
                        ),
                    )
                    .rule("required-part"),
                );
                String::new()
            }
        }
    };

    let kind_id = input.kind.clone().unwrap_or_else(|| "cong-van".into());
    let mut kind = match catalogue.get(kind_id.trim()) {
        Some(k) => k.clone(),
        None => {
            issues.push(Issue::new(
                "kind",
                (
                    format!("không có loại văn bản `{kind_id}`"),
                    format!("there is no document kind `{kind_id}`"),
                ),
                (
                    format!("dùng một trong: {}", catalogue.ids().join(", ")),
                    format!("use one of: {}", catalogue.ids().join(", ")),
                ),
            ));
            return Err(issues);
        }
    };
    let is_cong_van = kind.name.is_empty();
    kinds::rename(&mut kind, &input, &mut issues);
    let normative = input.normative.unwrap_or(false);
    let issuer_in = input.issuer.clone().unwrap_or_default();
    let name = issuer_in
        .name
        .as_ref()
        .map(|l| l.to_vec())
        .unwrap_or_default();
    if name.is_empty() {
        req(
            &mut issues,
            "issuer.name",
            None,
            (
                "tên cơ quan ban hành (ô 2)",
                "the issuing body's name (box 2)",
            ),
            (
                "`name: [ỦY BAN NHÂN DÂN, TỈNH HÀ TĨNH]`",
                "`name: [ỦY BAN NHÂN DÂN, TỈNH HÀ TĨNH]`",
            ),
        );
    }
    let issuer = Issuer {
        parent: issuer_in
            .parent
            .as_ref()
            .map(|l| l.to_vec())
            .unwrap_or_default(),
        name,
        text: issuer_in
            .text
            .as_ref()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
    };
    let symbol_example: (String, String) = match (kind.system, is_cong_van) {
        (System::State, true) => (
            "`symbol: UBND-NL₅` (cơ quan - đơn vị soạn thảo)".to_string(),
            "`symbol: UBND-NL₅` (issuing body - drafting unit)".to_string(),
        ),
        (System::State, false) if kind.code.is_empty() => (
            "`symbol: UBND` (in ra `Số: 01/UBND`)".to_string(),
            "`symbol: UBND` (printed `Số: 01/UBND`)".to_string(),
        ),
        (System::State, false) => (
            format!(
                "`symbol: UBND` (vanban in ra mã loại văn bản trước: {}-UBND)",
                kind.code
            ),
            format!(
                "`symbol: UBND` (vanban prints the kind's code before it: {}-UBND)",
                kind.code
            ),
        ),
        (System::Party, _) => (
            format!("`symbol: TU` (in ra `Số 01-{}/TU`)", kind.code),
            format!("`symbol: TU` (printed `Số 01-{}/TU`)", kind.code),
        ),
    };
    let symbol = req(
        &mut issues,
        "symbol",
        input.symbol.clone(),
        ("ký hiệu văn bản (ô 3)", "the document's symbol (box 3)"),
        (&symbol_example.0, &symbol_example.1),
    );
    let symbol = print_symbol(&kind, &symbol);
    let place = if kind.place_date {
        req(
            &mut issues,
            "place",
            input.place.clone(),
            ("địa danh (ô 4)", "the place name (box 4)"),
            ("`place: Hà Tĩnh`", "`place: Hà Tĩnh`"),
        )
    } else {
        input.place.clone().unwrap_or_default()
    };
    let subject = if is_cong_van {
        let s = req(
            &mut issues,
            "subject",
            input.subject.clone(),
            (
                "trích yếu nội dung công văn (ô 5b)",
                "the subject of the official letter (\"công văn\", box 5b)",
            ),
            (
                "`subject: tập trung thực hiện mục tiêu xây dựng nông thôn mới` (không ghi \"V/v\")",
                "`subject: tập trung thực hiện mục tiêu xây dựng nông thôn mới` (without \"V/v\")",
            ),
        );
        s.strip_prefix("V/v ").map(str::to_string).unwrap_or(s)
    } else if !kind.subject {
        // giấy giới thiệu, giấy nghỉ phép (Mẫu 1.8, 1.10): no trích yếu unless given
        input.subject.clone().unwrap_or_default().trim().to_string()
    } else {
        req(
            &mut issues,
            "subject",
            input.subject.clone(),
            ("trích yếu nội dung (ô 5a)", "the subject (box 5a)"),
            (
                "`subject: về công tác phòng, chống lụt bão`",
                "`subject: về công tác phòng, chống lụt bão`",
            ),
        )
    };
    let title_line = input
        .title_line
        .clone()
        .unwrap_or_default()
        .trim()
        .to_string();
    let authority_line = input
        .authority_line
        .clone()
        .unwrap_or_default()
        .trim()
        .to_uppercase();
    if kind.requires.iter().any(|r| r == "authority_line") && authority_line.is_empty() {
        issues.push(
            Issue::new(
                "authority_line",
                (
                    format!("{} cần dòng thẩm quyền ban hành", kind.name.to_lowercase()),
                    format!(
                        "a {} needs the line of the issuing authority",
                        kind.name.to_lowercase()
                    ),
                ),
                (
                    "thêm `authority_line: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH`",
                    "add `authority_line: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH`",
                ),
            )
            .rule("required-part"),
        );
    }
    let bases: Vec<String> = input
        .bases
        .as_ref()
        .map(|v| {
            v.iter()
                .map(|s| strip_list_marks(s))
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();

    let mut written_year = None;
    let number = match &input.number {
        None => String::new(),
        Some(s) => {
            let (s, year) = kinds::split_year(s, normative);
            written_year = year;
            match check_number(&s) {
                Ok(n) => n,
                Err(msg) => {
                    let hint = if kinds::looks_normative(&s) {
                        (
                            "số có năm (`144/2025`) chỉ dùng cho văn bản quy phạm pháp luật: thêm `normative: true`; văn bản hành chính ghi số không có năm, ví dụ `number: 15` (NĐ 30/2020, Phụ lục I, mục II.3)",
                            "a number with a year (`144/2025`) is only for a legal normative document: add `normative: true`; an administrative document's number has no year, e.g. `number: 15` (NĐ 30/2020, Phụ lục I, II.3)",
                        )
                    } else {
                        (
                            "ghi số bằng chữ số Ả Rập, ví dụ `number: 15`; để trống khi là dự thảo",
                            "write the number in Arabic digits, e.g. `number: 15`; leave it blank in a draft",
                        )
                    };
                    issues.push(Issue::new("number", msg, hint).rule("number-form"));
                    String::new()
                }
            }
        }
    };

    let date = match &input.date {
        None => {
            issues.push(
                Issue::new(
                    "date",
                    ("thiếu ngày ban hành (ô 4)", "missing the issue date (box 4)"),
                    (
                        "thêm `date: 05/01/2025`; dự thảo có thể ghi `date: 2024` hoặc `date: 7/2024`",
                        "add `date: 05/01/2025`; a draft may write `date: 2024` or `date: 7/2024`",
                    ),
                )
                .rule("required-part"),
            );
            DateSpec::year_only(0)
        }
        Some(s) => match DateSpec::parse_bi(&s.as_text()) {
            Ok(d) => d,
            Err(msg) => {
                issues.push(Issue::new(
                    "date",
                    msg,
                    (
                        "ghi ngày dạng `05/01/2025` (ngày/tháng/năm), `2025-01-05`, `7/2024` hoặc `2024`",
                        "write the date as `05/01/2025` (day/month/year), `2025-01-05`, `7/2024` or `2024`",
                    ),
                ).rule("date-valid"));
                DateSpec::year_only(0)
            }
        },
    };

    let symbol = if normative {
        kinds::normative_symbol(&kind, symbol, &date, written_year.as_deref(), &mut issues)
    } else {
        symbol
    };

    let recipients: Vec<String> = input
        .recipients
        .as_ref()
        .map(|l| l.to_vec().iter().map(|s| strip_list_marks(s)).collect())
        .unwrap_or_default();
    if kind.recipients == RecipientsRule::None && !recipients.is_empty() {
        issues.push(Issue::new(
            "recipients",
            (
                format!(
                    "{} không có phần \"Kính gửi\" (chỉ công văn, tờ trình và báo cáo gửi cấp trên có)",
                    kind.name.to_lowercase()
                ),
                format!(
                    "a {} has no \"Kính gửi\" part (only an official letter, \"công văn\", and a submission, \"tờ trình\", or report, \"báo cáo\", sent up have one)",
                    kind.name.to_lowercase()
                ),
            ),
            (
                "chuyển các nơi nhận vào `distribution`",
                "move the addressees to `distribution`",
            ),
        ).rule("kinh-gui-kind"));
    }

    let needs_articles = kind.requires.iter().any(|r| r == "articles");
    let mut articles = match &input.articles {
        Some(a) => check_articles(a, &mut issues),
        None => Vec::new(),
    };
    if needs_articles && articles.is_empty() {
        issues.push(
            Issue::new(
                "articles",
                (
                    format!("{} cần ít nhất một điều", kind.name.to_lowercase()),
                    format!("a {} needs at least one article", kind.name.to_lowercase()),
                ),
                (
                    "thêm `articles:` với `- title: …` và `text: …` cho Điều 1, Điều 2, …",
                    "add `articles:` with `- title: …` and `text: …` for Điều 1, Điều 2, …",
                ),
            )
            .rule("required-part"),
        );
    }
    let mut body = match &input.body {
        Some(b) if !b.is_empty() => check_blocks(b, "body", 1, &mut issues),
        _ => {
            if !needs_articles {
                issues.push(
                    Issue::new(
                        "body",
                        ("thiếu nội dung văn bản (ô 6)", "missing the body (box 6)"),
                        (
                            "thêm `body:` với ít nhất một đoạn văn",
                            "add `body:` with at least one paragraph",
                        ),
                    )
                    .rule("required-part"),
                );
            }
            Vec::new()
        }
    };
    // "./." after the last sentence (of the last article if the decision has them): the
    // practice of every NĐ 30 template. Party documents do not use it (seed 003 ends
    // "…trong Nhân dân."; HD 36 text UNCONFIRMED), so their text is left as written.
    if kind.system == System::State {
        match articles.last_mut() {
            Some(last) if body.is_empty() => close_article(last),
            _ => close_body(&mut body),
        }
    }

    let signatures = check_signatures(&input, kind.system, &mut issues);

    let distribution = distribution_lines(&input);
    if distribution.is_empty() {
        issues.push(Issue::new(
            "distribution",
            ("thiếu nơi nhận (ô 9b)", "missing the recipients (\"Nơi nhận\", box 9b)"),
            (
                "thêm `distribution: [Như trên, …]`; công văn có Kính gửi thì dòng đầu là \"Như trên\"",
                "add `distribution: [Như trên, …]`; an official letter (\"công văn\") with \"Kính gửi\" starts it with \"Như trên\"",
            ),
        ).rule("required-part"));
    }
    let archive = req(
        &mut issues,
        "archive",
        input.archive.clone(),
        (
            "dòng \"Lưu:\" của nơi nhận",
            "the \"Lưu:\" line of the recipients (\"Nơi nhận\")",
        ),
        (
            "`archive: VT, TH` (in ra \"- Lưu: VT, TH.\")",
            "`archive: VT, TH` (printed \"- Lưu: VT, TH.\")",
        ),
    );
    let archive = archive
        .trim_start_matches("Lưu:")
        .trim_start_matches("Lưu ")
        .trim()
        .trim_end_matches('.')
        .to_string();

    let (urgency, secrecy) = check_marks(&input, &mut issues);
    // Ô 12 as typed (the drafter's case kept), copies in two digits: "Hg.(03)"; or at the
    // end of the Lưu line: "- Lưu: VT, NN (03). Hg.".
    let drafter = input
        .drafter
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let (archive, drafter_mark) = if input.drafter_in_archive.unwrap_or(false) {
        let mut a = archive;
        if let Some(c) = input.copies {
            a = format!("{a} ({c:02})");
        }
        if let Some(d) = drafter {
            a = format!("{a}. {}", d.trim_end_matches('.'));
        }
        (a, None)
    } else {
        let mark = match (drafter, input.copies) {
            (Some(d), Some(c)) => Some(format!("{d}.({c:02})")),
            (Some(d), None) => Some(d.to_string()),
            (None, Some(c)) => Some(format!("({c:02})")),
            (None, None) => None,
        };
        (archive, mark)
    };

    if stage == Stage::Final {
        check_final(&input, &number, &date, &mut issues);
    }
    let draft_mark = stage == Stage::Draft && input.draft_mark.unwrap_or(false);
    let appendices = match &input.appendices {
        Some(list) => check_appendices(
            list,
            &AppendixContext {
                kind: &kind,
                number: &number,
                symbol: &symbol,
                date: &date,
                issuer_text: input.issuer.as_ref().and_then(|i| i.text.clone()),
            },
            &mut issues,
        ),
        None => Vec::new(),
    };

    let profile = match &input.profile {
        Some(p) => p.trim().to_string(),
        None => default_profile(kind.system, &date).to_string(),
    };

    if issues.is_empty() {
        Ok(Document {
            kind,
            profile,
            issuer,
            number,
            symbol,
            place,
            date,
            subject,
            title_line,
            authority_line,
            bases,
            articles,
            recipients,
            body,
            signatures,
            distribution,
            archive,
            urgency,
            secrecy,
            drafter_mark,
            copies: input.copies,
            draft_mark,
            appendices,
            tasks: None,
            control_fields: Vec::new(),
        })
    } else {
        Err(issues)
    }
}

pub(super) fn stamp(text: &str, width_mm: f32) -> StampText {
    StampText {
        text: text.to_string(),
        width_mm,
    }
}

/// Số: Arabic numerals, below 10 with a leading zero (NĐ 30/2020, Phụ lục I, II.3.c).
pub(super) fn check_number(s: &Scalar) -> Result<String, Bi> {
    let t = s.as_text();
    if t.is_empty() {
        return Ok(String::new());
    }
    if !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(Bi::new(
            format!("số văn bản `{t}` phải chỉ gồm chữ số"),
            format!("the document number `{t}` must consist of digits only"),
        ));
    }
    let n: u64 = t.parse().map_err(|_| {
        Bi::new(
            format!("số văn bản `{t}` quá lớn"),
            format!("the document number `{t}` is too large"),
        )
    })?;
    if n == 0 {
        return Err(Bi::new(
            "số văn bản bắt đầu từ 01, không có số 0",
            "document numbers start at 01; there is no number 0",
        ));
    }
    Ok(format!("{n:02}"))
}

/// Drop a leading "- " and the final ";", "." or "," of a list line: the template prints them.
pub(super) fn strip_list_marks(s: &str) -> String {
    let t = s.trim();
    let t = t.strip_prefix("- ").unwrap_or(t).trim();
    t.trim_end_matches([';', '.', ',']).trim_end().to_string()
}
