//! The checked document: what the templates see.

use super::*;

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
    /// Số lượng bản phát hành, as the file gives it (the register's "Số lượng bản").
    pub copies: Option<u32>,
    /// Print the "DỰ THẢO" mark.
    pub draft_mark: bool,
    /// Phụ lục.
    pub appendices: Vec<Appendix>,
    /// The task table, when the document has one (its body and appendix are already
    /// expanded; kept for the per-unit extracts and the calendar).
    #[serde(skip)]
    pub tasks: Option<crate::data::tasks::TaskTable>,
    /// The fields whose control characters were replaced by spaces when the document was
    /// read (one warning each, rule `control-characters`).
    #[serde(skip)]
    pub control_fields: Vec<String>,
}

/// A checked appendix.
#[derive(Debug, Clone, Serialize)]
pub struct Appendix {
    /// "Phụ lục", or "Phụ lục I", "Phụ lục II" … when there are two or more (NĐ 30,
    /// Phụ lục I, III.1.a; Party: "Phụ lục 1", UNCONFIRMED, spec part A §1); as the document
    /// writes it (`label`); empty when left out.
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
    /// Paragraphs after the table.
    pub after: Vec<Block>,
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
    /// Every authority line, top first: one, or two stacked ("TM. ỦY BAN NHÂN DÂN" over
    /// "KT. CHỦ TỊCH", NĐ 30, Phụ lục I, II.7.b); `authority`, `on_behalf` and `written`
    /// above are the last of them, the one next to the signer's title.
    pub marks: Vec<SignMark>,
}

/// One authority line of a signature: the printed mark and what it signs for.
#[derive(Debug, Clone, Serialize)]
pub struct SignMark {
    /// `KT.`, `TM.`, `T/M` …
    pub authority: String,
    /// `CHỦ TỊCH`, `ỦY BAN NHÂN DÂN`.
    pub on_behalf: String,
    /// The mark as the file wrote it.
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
        /// Number and heading in bold (the default); false: a plain numbered paragraph.
        bold: bool,
        /// The number in bold (follows `bold` unless the file says).
        number_bold: bool,
        /// The heading (lead-in) in italics.
        italic: bool,
    },
    /// Dash items.
    Items {
        /// The items.
        items: Vec<Item>,
    },
    /// A table (appendices only).
    Table {
        /// The table.
        table: TableData,
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

/// How strictly to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// A draft: the number, the day and the month may be blank.
    #[default]
    Draft,
    /// The version sent for signature and issue: number and full date required, no draft mark.
    Final,
}
