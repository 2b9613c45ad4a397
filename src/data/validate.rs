//! Semantic checks: the input model -> a checked document, or every problem at once.
//!
//! The checked [`Document`] is what the templates see: numbers padded, the date split into
//! its printed parts, list lines without their dashes and final punctuation (the template
//! adds them), sections numbered, and the body ending with "./.".

use serde::Serialize;

use super::catalogue::{Catalogue, Kind, RecipientsRule, System};
use super::model::{
    AppendixIn, ArticleIn, Authority, BlockIn, CellIn, DistIn, Input, ItemIn, RowIn, Scalar,
    SignatureIn,
};
use super::{Issue, date::DateSpec};
use crate::diag::Bi;
use crate::text::roman;

/// A document that passed the checks: the template context.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// The kind, from the catalogue.
    pub kind: Kind,
    /// The layout profile (`nd30`, `party-2018`, `party-2026`).
    pub profile: String,
    /// Cơ quan ban hành.
    pub issuer: Issuer,
    /// Số, padded to two digits; empty in a draft.
    pub number: String,
    /// Ký hiệu as printed after the number and its separator: `UBND-NL₅` (state công
    /// văn), `QĐ-UBND` (state, typed), `CV/TU` (Party).
    pub symbol: String,
    /// Địa danh.
    pub place: String,
    /// Ngày ban hành, possibly partial.
    pub date: DateSpec,
    /// Trích yếu (without "V/v").
    pub subject: String,
    /// Middle line of the title block, if any.
    pub title_line: String,
    /// Thẩm quyền ban hành of a decision, if any.
    pub authority_line: String,
    /// Căn cứ lines without their final punctuation.
    pub bases: Vec<String>,
    /// Điều 1 … n.
    pub articles: Vec<Article>,
    /// Kính gửi lines without dash or final punctuation.
    pub recipients: Vec<String>,
    /// Nội dung.
    pub body: Vec<Block>,
    /// Chữ ký: one, or two side by side.
    pub signatures: Vec<Signature>,
    /// Nơi nhận lines without dash or final punctuation.
    pub distribution: Vec<DistLine>,
    /// What follows "Lưu:" (without the final period).
    pub archive: String,
    /// Độ khẩn, printed (`HỎA TỐC`), with the stamp width in mm.
    pub urgency: Option<StampText>,
    /// Độ mật, printed (`MẬT`).
    pub secrecy: Option<StampText>,
    /// Ô 12: drafter initials and copies, printed (`PL.(300)`).
    pub drafter_mark: Option<String>,
    /// Print the "DỰ THẢO" mark.
    pub draft_mark: bool,
    /// Phụ lục.
    pub appendices: Vec<Appendix>,
    /// The task table, when the document has one (its body and appendix are already
    /// expanded; kept for the per-unit extracts and the calendar).
    #[serde(skip)]
    pub tasks: Option<super::tasks::TaskTable>,
}

/// A checked appendix.
#[derive(Debug, Clone, Serialize)]
pub struct Appendix {
    /// "Phụ lục", or "Phụ lục I", "Phụ lục II" … when there are two or more (NĐ 30,
    /// Phụ lục I, III.1.a; Party: "Phụ lục 1", UNCONFIRMED, spec part A §1).
    pub label: String,
    /// Title in capitals.
    pub title: String,
    /// "(Kèm theo Chỉ thị số …/CT-UBND ngày … của …)".
    pub reference: String,
    /// Landscape pages.
    pub landscape: bool,
    /// Paragraphs before the table.
    pub body: Vec<Block>,
    /// The table, if any.
    pub table: Option<TableData>,
}

/// A checked table.
#[derive(Debug, Clone, Serialize)]
pub struct TableData {
    /// Column titles.
    pub columns: Vec<String>,
    /// Relative widths.
    pub weights: Vec<f32>,
    /// Cell alignment per column.
    pub aligns: Vec<String>,
    /// Rows.
    pub rows: Vec<RowData>,
}

/// A checked row.
#[derive(Debug, Clone, Serialize)]
pub struct RowData {
    /// A group heading row's text; empty for a row of cells.
    pub group: String,
    /// The cells.
    pub cells: Vec<CellData>,
}

/// A checked cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellData {
    /// Text.
    pub text: String,
    /// Columns spanned.
    pub span: usize,
    /// Rows spanned.
    pub rows: usize,
    /// Alignment (its column's).
    pub align: String,
}

/// Cơ quan ban hành.
#[derive(Debug, Clone, Serialize)]
pub struct Issuer {
    /// Cơ quan chủ quản lines.
    pub parent: Vec<String>,
    /// Cơ quan ban hành lines.
    pub name: Vec<String>,
    /// The issuer's name in a sentence ("Ủy ban nhân dân tỉnh Hà Tĩnh"), if given.
    pub text: Option<String>,
}

/// Chữ ký, with the prefix printed.
#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    /// `KT.`, `TM.` …, or empty when signing in one's own name.
    pub authority: String,
    /// The first line after the prefix (`CHỦ TỊCH`, `ỦY BAN NHÂN DÂN`), empty if none.
    pub on_behalf: String,
    /// The signer's title, empty if none.
    pub title: String,
    /// Họ và tên.
    pub name: String,
    /// Chức vụ khác, printed above the name; empty if none.
    pub other_post: String,
    /// The authority as the file wrote it (`KT`, `K/T`, …), for the checks.
    pub written: String,
}

/// A Nơi nhận line: the recipient without dash or final punctuation, and what follows the
/// punctuation (a brace and a group's note: "} (để b/c)").
#[derive(Debug, Clone, Serialize)]
pub struct DistLine {
    /// The recipient.
    pub text: String,
    /// After the line's punctuation; empty for most lines.
    pub suffix: String,
}

/// Điều of a decision.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// "Điều 1."
    pub number: String,
    /// Title after the number (bold).
    pub title: String,
    /// Text continuing the first line.
    pub text: String,
    /// Khoản, điểm.
    pub body: Vec<Block>,
}

/// A stamp's text and frame size (NĐ 30/2020, Phụ lục I, III.2.b).
#[derive(Debug, Clone, Serialize)]
pub struct StampText {
    /// Printed text, upper case.
    pub text: String,
    /// Frame width in mm.
    pub width_mm: f32,
}

/// A body element, checked.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// A paragraph.
    Para {
        /// Text with inline markup.
        text: String,
        /// Whole paragraph italic.
        italic: bool,
        /// Whole paragraph bold.
        bold: bool,
        /// First-line indent.
        indent: bool,
        /// `justify`, `center`, `left`, `right`.
        align: String,
    },
    /// A numbered section.
    Section {
        /// Printed number with its punctuation: `1.` or `a)`.
        number: String,
        /// Heading (bold).
        title: String,
        /// Text continuing the heading's line.
        text: String,
        /// Nested blocks.
        body: Vec<Block>,
    },
    /// Dash items.
    Items {
        /// The items.
        items: Vec<Item>,
    },
}

/// A dash item with its "+" sub-items.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Text with inline markup, without the leading dash.
    pub text: String,
    /// Sub-items without the leading "+".
    pub items: Vec<String>,
}

/// Vietnamese letters used for điểm: a, b, c, d, đ, e, g, h, i, k … (NĐ 30, Phụ lục I, II.6.đ).
const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// How strictly to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// A draft: the number, the day and the month may be blank.
    #[default]
    Draft,
    /// The version sent for signature and issue: number and full date required, no draft mark.
    Final,
}

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
    let kind = match catalogue.get(kind_id.trim()) {
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
                "the subject of the công văn (box 5b)",
            ),
            (
                "`subject: tập trung thực hiện mục tiêu xây dựng nông thôn mới` (không ghi \"V/v\")",
                "`subject: tập trung thực hiện mục tiêu xây dựng nông thôn mới` (without \"V/v\")",
            ),
        );
        s.strip_prefix("V/v ").map(str::to_string).unwrap_or(s)
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

    let number = match &input.number {
        None => String::new(),
        Some(s) => match check_number(s) {
            Ok(n) => n,
            Err(msg) => {
                issues.push(
                    Issue::new(
                        "number",
                        msg,
                        (
                            "ghi số bằng chữ số Ả Rập, ví dụ `number: 15`; để trống khi là dự thảo",
                            "write the number in Arabic digits, e.g. `number: 15`; leave it blank in a draft",
                        ),
                    )
                    .rule("number-form"),
                );
                String::new()
            }
        },
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
                    "a {} has no \"Kính gửi\" part (only a công văn, and a tờ trình or báo cáo sent up, have one)",
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

    let distribution: Vec<DistLine> = input
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
        .unwrap_or_default();
    if distribution.is_empty() {
        issues.push(Issue::new(
            "distribution",
            ("thiếu nơi nhận (ô 9b)", "missing Nơi nhận (box 9b)"),
            (
                "thêm `distribution: [Như trên, …]`; công văn có Kính gửi thì dòng đầu là \"Như trên\"",
                "add `distribution: [Như trên, …]`; a công văn with Kính gửi starts it with \"Như trên\"",
            ),
        ).rule("required-part"));
    }
    let archive = req(
        &mut issues,
        "archive",
        input.archive.clone(),
        (
            "dòng \"Lưu:\" của nơi nhận",
            "the \"Lưu:\" line of Nơi nhận",
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
    let drafter_mark = match (&input.drafter, input.copies) {
        (Some(d), Some(c)) => Some(format!("{}.({c})", d.trim().to_uppercase())),
        (Some(d), None) => Some(d.trim().to_uppercase()),
        (None, Some(c)) => Some(format!("({c})")),
        (None, None) => None,
    };

    if stage == Stage::Final {
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
            draft_mark,
            appendices,
            tasks: None,
        })
    } else {
        Err(issues)
    }
}

fn stamp(text: &str, width_mm: f32) -> StampText {
    StampText {
        text: text.to_string(),
        width_mm,
    }
}

/// Số: Arabic numerals, below 10 with a leading zero (NĐ 30/2020, Phụ lục I, II.3.c).
fn check_number(s: &Scalar) -> Result<String, Bi> {
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
fn strip_list_marks(s: &str) -> String {
    let t = s.trim();
    let t = t.strip_prefix("- ").unwrap_or(t).trim();
    t.trim_end_matches([';', '.', ',']).trim_end().to_string()
}

fn check_blocks(
    blocks: &[BlockIn],
    path: &str,
    level: usize,
    issues: &mut Vec<Issue>,
) -> Vec<Block> {
    let mut out = Vec::new();
    let mut section_no = 0usize;
    for (i, b) in blocks.iter().enumerate() {
        let here = format!("{path}[{i}]");
        match b {
            BlockIn::Para(text) => out.push(para(text, false, false, true, "justify")),
            BlockIn::Map(m) if m.tasks.is_some() => issues.push(Issue::new(
                format!("{here}.tasks"),
                (
                    "`tasks` chỉ dùng được trong `body` của văn bản",
                    "`tasks` can only be used in the document's `body`",
                ),
                (
                    "đặt `- tasks: all` trong `body:` (xem docs/tasks.md); phụ lục phân công nhiệm vụ do vanban tự tạo",
                    "put `- tasks: all` in `body:` (see docs/tasks.md); vanban makes the appendix of assigned tasks itself",
                ),
            )),
            BlockIn::Map(m) => {
                let set = [m.section.is_some(), m.items.is_some(), m.para.is_some()]
                    .iter()
                    .filter(|x| **x)
                    .count();
                if set != 1 {
                    issues.push(Issue::new(
                        &here,
                        (
                            "mỗi phần tử của nội dung phải là một đoạn văn, hoặc có đúng một trong các khóa `section`, `items`, `para`",
                            "each element of the body must be a paragraph, or have exactly one of the keys `section`, `items`, `para`",
                        ),
                        (
                            "viết `- Nội dung đoạn văn`, hoặc `- section: Tiêu đề` kèm `body:`, hoặc `- items: [...]`",
                            "write `- The paragraph's text`, or `- section: Heading` with `body:`, or `- items: [...]`",
                        ),
                    ));
                    continue;
                }
                if let Some(title) = &m.section {
                    section_no += 1;
                    let number = match &m.number {
                        Some(n) => n.trim().trim_end_matches(['.', ')']).to_string(),
                        None if level == 1 => section_no.to_string(),
                        None => POINT_LETTERS
                            .get(section_no - 1)
                            .map_or_else(|| section_no.to_string(), |s| s.to_string()),
                    };
                    let number = if level == 1 {
                        format!("{number}.")
                    } else {
                        format!("{number})")
                    };
                    // Under a Roman-numbered part ("I. MỤC ĐÍCH, YÊU CẦU") the sections are
                    // numbered 1., 2.; under "1." they are a), b) (NĐ 30, Phụ lục I, II.6.đ).
                    let roman = m.number.as_deref().is_some_and(|n| {
                        !n.trim().is_empty() && crate::text::is_roman(n)
                    });
                    let child_level = if roman { level } else { level + 1 };
                    let body = match &m.body {
                        Some(b) => check_blocks(b, &format!("{here}.body"), child_level, issues),
                        None => Vec::new(),
                    };
                    out.push(Block::Section {
                        number,
                        title: title.trim().to_string(),
                        text: m.text.clone().unwrap_or_default().trim().to_string(),
                        body,
                    });
                } else if let Some(items) = &m.items {
                    if items.is_empty() {
                        issues.push(Issue::new(
                            format!("{here}.items"),
                            ("danh sách gạch đầu dòng trống", "the dash list is empty"),
                            (
                                "thêm ít nhất một mục hoặc xóa `items`",
                                "add at least one item or remove `items`",
                            ),
                        ));
                    }
                    out.push(Block::Items {
                        items: items
                            .iter()
                            .map(|it| match it {
                                ItemIn::Text(t) => Item {
                                    text: strip_item_dash(t, '-'),
                                    items: Vec::new(),
                                },
                                ItemIn::Map(m) => Item {
                                    text: strip_item_dash(&m.text, '-'),
                                    items: m
                                        .items
                                        .iter()
                                        .map(|s| strip_item_dash(s, '+'))
                                        .collect(),
                                },
                            })
                            .collect(),
                    });
                } else if let Some(text) = &m.para {
                    let align = m.align.clone().unwrap_or_else(|| "justify".into());
                    if !["justify", "center", "left", "right"].contains(&align.as_str()) {
                        issues.push(Issue::new(
                            format!("{here}.align"),
                            (
                                format!("căn lề `{align}` không hợp lệ"),
                                format!("the alignment `{align}` is not valid"),
                            ),
                            (
                                "dùng `justify`, `center`, `left` hoặc `right`",
                                "use `justify`, `center`, `left` or `right`",
                            ),
                        ));
                    }
                    out.push(para(
                        text,
                        m.italic.unwrap_or(false),
                        m.bold.unwrap_or(false),
                        m.indent.unwrap_or(true),
                        &align,
                    ));
                }
            }
        }
    }
    out
}

fn strip_item_dash(s: &str, mark: char) -> String {
    let t = s.trim();
    match t.strip_prefix(mark) {
        Some(rest) if rest.starts_with(' ') => rest.trim().to_string(),
        _ => t.to_string(),
    }
}

fn para(text: &str, italic: bool, bold: bool, indent: bool, align: &str) -> Block {
    Block::Para {
        text: text.trim().to_string(),
        italic,
        bold,
        indent,
        align: align.to_string(),
    }
}

/// End the body with "./." after its last sentence, as every template of NĐ 30/2020
/// (Phụ lục III, Mẫu 1.x) does, unless the text already ends so.
fn close_body(body: &mut [Block]) {
    fn last_text(b: &mut Block) -> Option<&mut String> {
        match b {
            Block::Para { text, .. } => Some(text),
            Block::Section {
                text, body, title, ..
            } => {
                if let Some(last) = body.last_mut() {
                    last_text(last)
                } else if text.is_empty() {
                    Some(title)
                } else {
                    Some(text)
                }
            }
            Block::Items { items } => items.last_mut().map(|it| match it.items.last_mut() {
                Some(sub) => sub,
                None => &mut it.text,
            }),
        }
    }
    if let Some(t) = body.last_mut().and_then(last_text)
        && !t.ends_with("./.")
    {
        let trimmed = t.trim_end().trim_end_matches(['.', ';', ',']).to_string();
        *t = format!("{trimmed}./.");
    }
}

/// The default layout profile: NĐ 30 for the state; for the Party, HD 36 (2018) before
/// QĐ 399-QĐ/TW took effect on 09/01/2026, the 2026 profile from then on. A draft dated only
/// by year or month falls on the later side when it can.
fn default_profile(system: System, date: &DateSpec) -> &'static str {
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

/// The ký hiệu as printed: the kind's code joined to the issuer's symbol as each system
/// writes it (NĐ 30, Phụ lục I, II.3.b; Party: `1144-CV/TU`). A symbol that already starts
/// with the code is kept as written.
fn print_symbol(kind: &Kind, symbol: &str) -> String {
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

fn check_articles(list: &[ArticleIn], issues: &mut Vec<Issue>) -> Vec<Article> {
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            let here = format!("articles[{i}]");
            let title = a.title.clone().unwrap_or_default().trim().to_string();
            let text = a.text.clone().unwrap_or_default().trim().to_string();
            let body = match &a.body {
                Some(b) => check_blocks(b, &format!("{here}.body"), 2, issues),
                None => Vec::new(),
            };
            if title.is_empty() && text.is_empty() && body.is_empty() {
                issues.push(Issue::new(
                    &here,
                    (
                        format!("Điều {} trống", i + 1),
                        format!("Điều {} is empty", i + 1),
                    ),
                    (
                        "thêm `title`, `text` hoặc `body` cho điều này",
                        "add `title`, `text` or `body` to this article",
                    ),
                ));
            }
            Article {
                number: format!("Điều {}.", i + 1),
                title,
                text,
                body,
            }
        })
        .collect()
}

fn close_article(a: &mut Article) {
    if a.body.is_empty() {
        let t = if a.text.is_empty() {
            &mut a.title
        } else {
            &mut a.text
        };
        if !t.ends_with("./.") {
            *t = format!("{}./.", t.trim_end().trim_end_matches(['.', ';', ',']));
        }
    } else {
        close_body(&mut a.body);
    }
}

fn check_signatures(input: &Input, system: System, issues: &mut Vec<Issue>) -> Vec<Signature> {
    match (&input.signature, &input.signatures) {
        (Some(_), Some(_)) => {
            issues.push(Issue::new(
                "signatures",
                (
                    "có cả `signature` và `signatures`",
                    "both `signature` and `signatures` are given",
                ),
                (
                    "dùng `signature` cho một người ký, `signatures` cho hai người ký cạnh nhau",
                    "use `signature` for one signer, `signatures` for two signing side by side",
                ),
            ));
            Vec::new()
        }
        (Some(s), None) => vec![check_signature(s, "signature", system, issues)],
        (None, Some(list)) => {
            if list.is_empty() || list.len() > 2 {
                issues.push(Issue::new(
                    "signatures",
                    (
                        "`signatures` cần một hoặc hai người ký",
                        "`signatures` takes one or two signers",
                    ),
                    (
                        "ghi hai khối chữ ký, ví dụ thư ký và chủ tọa của biên bản",
                        "write two signature blocks, e.g. the secretary and the chair of a biên bản",
                    ),
                ));
            }
            list.iter()
                .enumerate()
                .map(|(i, s)| check_signature(s, &format!("signatures[{i}]"), system, issues))
                .collect()
        }
        (None, None) => {
            issues.push(
                Issue::new(
                    "signature",
                    ("thiếu phần chữ ký (ô 7)", "missing the signature (box 7)"),
                    (
                        "thêm `signature:` với `authority`, `for`, `title`, `name`",
                        "add `signature:` with `authority`, `for`, `title`, `name`",
                    ),
                )
                .rule("required-part"),
            );
            Vec::new()
        }
    }
}

fn check_signature(
    sig: &SignatureIn,
    at: &str,
    system: System,
    issues: &mut Vec<Issue>,
) -> Signature {
    let hint = match system {
        System::State => (
            "dùng một trong: TM, KT, TL, TUQ, Q, hoặc `none` khi người đứng đầu ký",
            "use one of: TM, KT, TL, TUQ, Q, or `none` when the head signs",
        ),
        System::Party => (
            "dùng T/M hoặc K/T, hoặc `none` khi người đứng đầu ký",
            "use T/M or K/T, or `none` when the head signs",
        ),
    };
    let written = sig.authority.as_deref().unwrap_or("");
    let parsed = Authority::parse(written);
    if parsed.is_err() {
        issues.push(
            Issue::new(
                format!("{at}.authority"),
                (
                    format!("quyền hạn ký `{written}` không hợp lệ"),
                    format!("the signing authority `{written}` is not valid"),
                ),
                hint,
            )
            .rule("signature-authority"),
        );
    }
    let authority = parsed.unwrap_or(None);
    let prefix = authority.map_or("", |a| a.prefix(system));
    let on_behalf = sig.for_.clone().unwrap_or_default().trim().to_uppercase();
    let title = sig.title.clone().unwrap_or_default().trim().to_uppercase();
    let name = sig.name.clone().unwrap_or_default().trim().to_string();
    if authority.is_some() && on_behalf.is_empty() {
        issues.push(
            Issue::new(
                format!("{at}.for"),
                (
                    format!("ký {prefix} nhưng thiếu chức danh/tập thể được ký thay"),
                    format!("signing {prefix} but the title or collective signed for is missing"),
                ),
                (
                    "thêm `for`, ví dụ `for: CHỦ TỊCH` (KT.) hoặc `for: ỦY BAN NHÂN DÂN` (TM.)",
                    "add `for`, e.g. `for: CHỦ TỊCH` (KT.) or `for: ỦY BAN NHÂN DÂN` (TM.)",
                ),
            )
            .rule("signature-authority"),
        );
    }
    if parsed.is_ok() && authority.is_none() && !on_behalf.is_empty() {
        issues.push(
            Issue::new(
                format!("{at}.for"),
                (
                    "có `for` nhưng không có quyền hạn ký (TM., KT., …)",
                    "`for` is given without a signing authority (TM., KT., …)",
                ),
                (
                    "thêm `authority`, hoặc bỏ `for` khi người đứng đầu ký",
                    "add `authority`, or remove `for` when the head signs",
                ),
            )
            .rule("signature-authority"),
        );
    }
    if title.is_empty() && authority != Some(Authority::Q) {
        issues.push(
            Issue::new(
                format!("{at}.title"),
                (
                    "thiếu chức vụ người ký (ô 7a)",
                    "missing the signer's title (box 7a)",
                ),
                (
                    "thêm `title`, ví dụ `title: PHÓ CHỦ TỊCH`",
                    "add `title`, e.g. `title: PHÓ CHỦ TỊCH`",
                ),
            )
            .rule("required-part"),
        );
    }
    if name.is_empty() {
        issues.push(
            Issue::new(
                format!("{at}.name"),
                (
                    "thiếu họ tên người ký (ô 7b)",
                    "missing the signer's name (box 7b)",
                ),
                (
                    "thêm `name`, ví dụ `name: Nguyễn Văn A`",
                    "add `name`, e.g. `name: Nguyễn Văn A`",
                ),
            )
            .rule("required-part"),
        );
    }
    Signature {
        authority: prefix.to_string(),
        on_behalf,
        title,
        name,
        other_post: sig
            .other_post
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string(),
        written: sig.authority.clone().unwrap_or_default(),
    }
}

struct AppendixContext<'a> {
    kind: &'a Kind,
    number: &'a str,
    symbol: &'a str,
    date: &'a DateSpec,
    issuer_text: Option<String>,
}

/// How a document names another: "Công văn số 12/UBND-NL ngày 05 tháng 3 năm 2024 của Ủy
/// ban nhân dân tỉnh Hà Tĩnh"; a draft keeps blanks for what it lacks.
pub fn citation(
    kind: &Kind,
    number: &str,
    symbol: &str,
    date: &DateSpec,
    issuer_text: Option<&str>,
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
    format!(
        "{kind_name} số {number}{sep}{symbol} ngày {day} tháng {month} năm {}{issuer}",
        date.year
    )
}

fn check_appendices(
    list: &[AppendixIn],
    ctx: &AppendixContext,
    issues: &mut Vec<Issue>,
) -> Vec<Appendix> {
    if ctx.issuer_text.is_none() && !list.is_empty() {
        issues.push(Issue::new(
            "issuer.text",
            (
                "phụ lục cần tên cơ quan ban hành viết trong câu cho dòng \"(Kèm theo … của …)\"",
                "an appendix needs the issuing body's name as written in a sentence, for its line \"(Kèm theo … của …)\"",
            ),
            (
                "thêm `issuer.text`, ví dụ `text: Ủy ban nhân dân tỉnh Kon Tum`",
                "add `issuer.text`, e.g. `text: Ủy ban nhân dân tỉnh Kon Tum`",
            ),
        ));
    }
    // "(Kèm theo Chỉ thị số …/CT-UBND ngày … tháng … năm … của …)" (Phụ lục I, III.1.c;
    // Phụ lục III, Mẫu 2.1), filled from the parent document; a draft keeps its blanks.
    let reference = format!(
        "(Kèm theo {})",
        citation(
            ctx.kind,
            ctx.number,
            ctx.symbol,
            ctx.date,
            ctx.issuer_text.as_deref()
        )
    );
    let many = list.len() >= 2;
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            let here = format!("appendices[{i}]");
            let label = match (many, ctx.kind.system) {
                (false, _) => "Phụ lục".to_string(),
                (true, System::State) => format!("Phụ lục {}", roman(i + 1)),
                (true, System::Party) => format!("Phụ lục {}", i + 1),
            };
            let title = a.title.clone().unwrap_or_default().trim().to_uppercase();
            let body = match &a.body {
                Some(b) => check_blocks(b, &format!("{here}.body"), 1, issues),
                None => Vec::new(),
            };
            let table = a.table.as_ref().and_then(|t| check_table(t, &here, issues));
            if title.is_empty() && body.is_empty() && table.is_none() {
                issues.push(Issue::new(
                    &here,
                    ("phụ lục trống", "the appendix is empty"),
                    (
                        "thêm `title` và `table` hoặc `body` cho phụ lục",
                        "add `title`, and `table` or `body`, to the appendix",
                    ),
                ));
            }
            Appendix {
                label,
                title,
                reference: reference.clone(),
                landscape: a.landscape.unwrap_or(false),
                body,
                table,
            }
        })
        .collect()
}

fn check_table(
    t: &super::model::TableIn,
    here: &str,
    issues: &mut Vec<Issue>,
) -> Option<TableData> {
    let n = t.columns.len();
    if n == 0 {
        issues.push(Issue::new(
            format!("{here}.table.columns"),
            ("bảng không có cột nào", "the table has no columns"),
            (
                "thêm `columns:` với `- title: STT` …",
                "add `columns:` with `- title: STT` …",
            ),
        ));
        return None;
    }
    let aligns: Vec<String> = t
        .columns
        .iter()
        .map(|c| c.align.clone().unwrap_or_else(|| "left".into()))
        .collect();
    for (i, a) in aligns.iter().enumerate() {
        if !["left", "center", "right", "justify"].contains(&a.as_str()) {
            issues.push(Issue::new(
                format!("{here}.table.columns[{i}].align"),
                (
                    format!("căn lề `{a}` không hợp lệ"),
                    format!("the alignment `{a}` is not valid"),
                ),
                (
                    "dùng `left`, `center`, `right` hoặc `justify`",
                    "use `left`, `center`, `right` or `justify`",
                ),
            ));
        }
    }
    let mut rows = Vec::new();
    let mut spans = Vec::new();
    // per column: rows still covered by a cell merged from above (its column takes the
    // alignment of the column it stands in, not of its index in the row)
    let mut covered = vec![0usize; n];
    for row in &t.rows {
        match row {
            RowIn::Group(g) => {
                for c in covered.iter_mut() {
                    *c = c.saturating_sub(1);
                }
                spans.push(vec![(n, 1)]);
                rows.push(RowData {
                    group: g.group.trim().to_string(),
                    cells: Vec::new(),
                });
            }
            RowIn::Cells(cells) => {
                let mut col = 0usize;
                let mut newly = vec![0usize; n];
                let cells: Vec<CellData> = cells
                    .iter()
                    .map(|c| {
                        let (text, span, rows) = match c {
                            CellIn::Text(s) => (s.as_text(), 1, 1),
                            CellIn::Map(m) => (
                                m.text.as_text(),
                                m.span.unwrap_or(1).max(1),
                                m.rows.unwrap_or(1).max(1),
                            ),
                        };
                        while covered.get(col).is_some_and(|r| *r > 0) {
                            col += 1;
                        }
                        let align = aligns.get(col).cloned().unwrap_or_else(|| "left".into());
                        for k in newly.iter_mut().skip(col).take(span) {
                            *k = rows - 1;
                        }
                        col += span;
                        CellData {
                            text,
                            span,
                            rows,
                            align,
                        }
                    })
                    .collect();
                for (c, k) in covered.iter_mut().zip(newly) {
                    *c = if *c > 0 { *c - 1 } else { k };
                }
                spans.push(cells.iter().map(|c| (c.span, c.rows)).collect());
                rows.push(RowData {
                    group: String::new(),
                    cells,
                });
            }
        }
    }
    if let Err((r, taken)) = crate::grid::check_spans(&spans, n) {
        issues.push(Issue::new(
            format!("{here}.table.rows[{r}]"),
            (
                format!("hàng có {taken} ô (tính cả ô gộp), bảng có {n} cột"),
                format!("the row has {taken} cells (counting merged ones), the table has {n} columns"),
            ),
            (
                "thêm hoặc bớt ô cho đủ số cột; ô gộp ghi `{text: …, span: 2}` hoặc `rows: 2`",
                "add or remove cells to match the columns; a merged cell is `{text: …, span: 2}` or `rows: 2`",
            ),
        ));
    }
    Some(TableData {
        columns: t
            .columns
            .iter()
            .map(|c| c.title.trim().to_string())
            .collect(),
        weights: t
            .columns
            .iter()
            .map(|c| c.width.unwrap_or(1.0).max(0.1))
            .collect(),
        aligns,
        rows,
    })
}
