//! The input model: what a document file may contain, as serde reads it.
//!
//! Fields that a document kind requires are still `Option` here: [`super::check`] reports
//! every missing one at once, with its line, instead of stopping at the first.

use serde::{Deserialize, Serialize};

/// One document file (YAML, JSON or TOML).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// Loại văn bản, an id of the catalogue (`templates/kinds.toml`): `cong-van` (the
    /// default), `quyet-dinh`, `dang-ket-luan`, …
    pub kind: Option<String>,
    /// Layout profile: `nd30`, `party-2018`, `party-2026`; by default chosen from the kind's
    /// system and, for Party documents, the date.
    pub profile: Option<String>,
    /// Cơ quan ban hành (ô 2).
    pub issuer: Option<IssuerIn>,
    /// Số (ô 3): blank in a draft; numbers below 10 get a leading zero.
    pub number: Option<Scalar>,
    /// Ký hiệu (ô 3), e.g. `UBND-NL₅`.
    pub symbol: Option<String>,
    /// Địa danh (ô 4).
    pub place: Option<String>,
    /// Ngày ban hành (ô 4): `05/01/2025`, `2025-01-05`, `7/2024` or `2024`.
    pub date: Option<Scalar>,
    /// Trích yếu (ô 5a, 5b): for a công văn without the leading "V/v".
    pub subject: Option<String>,
    /// A line between the tên loại and the trích yếu ("CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH").
    pub title_line: Option<String>,
    /// Thẩm quyền ban hành of a quyết định or nghị quyết ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …").
    pub authority_line: Option<String>,
    /// Căn cứ ban hành, one a line (printed in italics, ";" after each, "." after the last).
    pub bases: Option<Vec<String>>,
    /// Điều 1 … n of a quyết định or nghị quyết.
    pub articles: Option<Vec<ArticleIn>>,
    /// Kính gửi (ô 9a).
    pub recipients: Option<Lines>,
    /// Nội dung (ô 6).
    pub body: Option<Vec<BlockIn>>,
    /// Chữ ký (ô 7).
    pub signature: Option<SignatureIn>,
    /// Two signatures side by side (biên bản; joint documents), instead of `signature`.
    pub signatures: Option<Vec<SignatureIn>>,
    /// Nơi nhận (ô 9b), without the "Lưu" line.
    pub distribution: Option<Vec<DistIn>>,
    /// Lưu: what follows "- Lưu:", e.g. `VT, TH, NL₅`.
    pub archive: Option<String>,
    /// Độ khẩn (ô 10b): `khan`, `thuong-khan`, `hoa-toc`.
    pub urgency: Option<String>,
    /// Độ mật (ô 10a): `mat`, `toi-mat`, `tuyet-mat`.
    pub secrecy: Option<String>,
    /// Ký hiệu người soạn thảo (ô 12), e.g. `PL`.
    pub drafter: Option<String>,
    /// Số lượng bản phát hành (ô 12).
    pub copies: Option<u32>,
    /// Phụ lục: appendices after the signature area.
    pub appendices: Option<Vec<AppendixIn>>,
    /// Print a "DỰ THẢO" mark on a draft (a local convention, not in NĐ 30; never printed
    /// in final output).
    pub draft_mark: Option<bool>,
    /// Phân công nhiệm vụ: the task table that drives the body's directives (`- tasks: …`),
    /// the "PHÂN CÔNG NHIỆM VỤ" appendix and the per-unit extracts (see [`super::tasks`]).
    pub tasks: Option<TasksIn>,
}

/// A string or a number as written in the file (`number: 5` and `number: "05"` both work).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// Written as a number.
    Int(i64),
    /// Written as text.
    Text(String),
}

impl Scalar {
    /// The value as text.
    pub fn as_text(&self) -> String {
        match self {
            Scalar::Int(i) => i.to_string(),
            Scalar::Text(s) => s.trim().to_string(),
        }
    }
}

/// One line or several.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Lines {
    /// A single line.
    One(String),
    /// Several lines.
    Many(Vec<String>),
}

impl Lines {
    /// The lines, trimmed, empty ones dropped.
    pub fn to_vec(&self) -> Vec<String> {
        let v = match self {
            Lines::One(s) => s.lines().map(str::to_string).collect::<Vec<_>>(),
            Lines::Many(v) => v.clone(),
        };
        v.into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Tên cơ quan, tổ chức ban hành văn bản (ô 2).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerIn {
    /// Tên cơ quan chủ quản trực tiếp: upright capitals above the issuer (may be absent,
    /// e.g. for a People's Committee).
    pub parent: Option<Lines>,
    /// Tên cơ quan ban hành: bold capitals, one or more lines.
    pub name: Option<Lines>,
    /// The issuer as written inside a sentence ("Ủy ban nhân dân tỉnh Kon Tum"), for the
    /// "(Kèm theo … của …)" line of appendices.
    pub text: Option<String>,
}

/// One element of the body.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum BlockIn {
    /// A paragraph (inline markup allowed).
    Para(String),
    /// A section, a list or a special paragraph.
    Map(Box<BlockMap>),
}

/// A body element written as a mapping; exactly one of `section`, `items`, `para` is set.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockMap {
    /// A numbered section: its heading (numbered 1., 2., … or a), b), … when nested).
    pub section: Option<String>,
    /// Text that continues on the heading's line, not bold.
    pub text: Option<String>,
    /// The section's own blocks.
    pub body: Option<Vec<BlockIn>>,
    /// A number to print instead of the automatic one (e.g. `5`, `IV`).
    pub number: Option<String>,
    /// Dash items ("- …"), each with optional "+" sub-items.
    pub items: Option<Vec<ItemIn>>,
    /// A paragraph with options (`italic`, `indent`, `align`).
    pub para: Option<String>,
    /// The whole paragraph in italics.
    pub italic: Option<bool>,
    /// The whole paragraph in bold.
    pub bold: Option<bool>,
    /// First-line indent (default true).
    pub indent: Option<bool>,
    /// Alignment: `justify` (default), `center`, `left`, `right`.
    pub align: Option<String>,
    /// The task table's directives here: `all` (numbered sections by group), `by-unit`
    /// (numbered sections by lead unit), or a group's id (that group's tasks as dash items).
    pub tasks: Option<Scalar>,
}

/// A dash item: text, or text with "+" sub-items.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ItemIn {
    /// Just the text.
    Text(String),
    /// Text and sub-items.
    Map(ItemMap),
}

/// A dash item with sub-items.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemMap {
    /// The item's text.
    pub text: String,
    /// Its "+" sub-items.
    #[serde(default)]
    pub items: Vec<String>,
}

/// Chữ ký (ô 7a, 7b).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureIn {
    /// Quyền hạn: `TM`, `KT`, `TL`, `TUQ`, `Q` or `none` (signing in one's own name).
    pub authority: Option<String>,
    /// What the signer signs for: the collective after TM. (`ỦY BAN NHÂN DÂN`) or the head's
    /// title after KT./TL./TUQ./Q. (`CHỦ TỊCH`).
    #[serde(rename = "for")]
    pub for_: Option<String>,
    /// Chức vụ of the signer (`PHÓ CHỦ TỊCH`).
    pub title: Option<String>,
    /// Họ và tên.
    pub name: Option<String>,
    /// Chức vụ khác: another post of the signer, printed above the name (ô 7b).
    pub other_post: Option<String>,
}

/// A Nơi nhận line, or a group of lines sharing a note behind a brace ("(để b/c)", seed 003).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum DistIn {
    /// One recipient.
    Line(String),
    /// Recipients grouped by a brace with a note.
    Group(DistGroup),
}

/// Recipients grouped by a brace with a shared note.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistGroup {
    /// The grouped recipients.
    pub group: Vec<String>,
    /// The note behind the brace, e.g. "(để b/c)".
    pub note: String,
}

/// Phụ lục: an appendix (NĐ 30/2020, Phụ lục I, III.1).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppendixIn {
    /// Title, printed in capitals.
    pub title: Option<String>,
    /// Landscape pages, for a wide table.
    pub landscape: Option<bool>,
    /// Paragraphs before the table: the same blocks as the body.
    pub body: Option<Vec<BlockIn>>,
    /// A table.
    pub table: Option<TableIn>,
}

/// A table of an appendix.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableIn {
    /// The columns: their titles (the header row) and relative widths.
    pub columns: Vec<ColumnIn>,
    /// The rows: a list of cells, or `{group: …}` for a heading row across all columns.
    pub rows: Vec<RowIn>,
}

/// A table column.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnIn {
    /// Header text.
    pub title: String,
    /// Relative width (default 1).
    pub width: Option<f32>,
    /// Alignment of the column's cells: `left` (default), `center`, `right`, `justify`.
    pub align: Option<String>,
}

/// A table row.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RowIn {
    /// The cells.
    Cells(Vec<CellIn>),
    /// A heading row across all columns.
    Group(GroupRow),
}

/// A heading row across all columns ("I. HUYỆN ĐĂK TÔ").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRow {
    /// Its text (bold).
    pub group: String,
}

/// A table cell.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum CellIn {
    /// Just text (numbers are read as text).
    Text(Scalar),
    /// Text with spans.
    Map(CellMap),
}

/// A cell with spans.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellMap {
    /// Its text.
    pub text: Scalar,
    /// Columns spanned.
    pub span: Option<usize>,
    /// Rows spanned.
    pub rows: Option<usize>,
}

/// Điều: an article of a quyết định or nghị quyết.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleIn {
    /// The article's title, after "Điều N." (bold).
    pub title: Option<String>,
    /// Text continuing the article's first line.
    pub text: Option<String>,
    /// Khoản and điểm: the same blocks as the body.
    pub body: Option<Vec<BlockIn>>,
}

/// A signature authority that NĐ 30 does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownAuthority;

/// The authority marks of NĐ 30/2020, Phụ lục I, II.7.b.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Authority {
    /// Thay mặt (on behalf of a collective).
    TM,
    /// Ký thay (a deputy for the head).
    KT,
    /// Thừa lệnh.
    TL,
    /// Thừa ủy quyền.
    TUQ,
    /// Quyền (acting head).
    Q,
}

impl Authority {
    /// Parse the forms clerks write: `KT`, `kt`, `KT.`; `None` for `none`/empty.
    pub fn parse(s: &str) -> Result<Option<Authority>, UnknownAuthority> {
        let t = s.trim().trim_end_matches('.').to_uppercase();
        Ok(Some(match t.as_str() {
            "" | "NONE" | "KHÔNG" => return Ok(None),
            "TM" | "T/M" => Authority::TM,
            "KT" | "K/T" => Authority::KT,
            "TL" | "T/L" => Authority::TL,
            "TUQ" | "T/UQ" => Authority::TUQ,
            "Q" => Authority::Q,
            _ => return Err(UnknownAuthority),
        }))
    }

    /// The printed prefix: `KT.` for the state (a period and a space, NĐ 30, Phụ lục I,
    /// II.7.b); `K/T` for the Party (a slash, no period; HD 36, 1.7). The Party's T/L, T/UQ
    /// are UNCONFIRMED (spec part A §8) and follow the same slash form.
    pub fn prefix(self, system: super::catalogue::System) -> &'static str {
        use super::catalogue::System::{Party, State};
        match (self, system) {
            (Authority::TM, State) => "TM.",
            (Authority::KT, State) => "KT.",
            (Authority::TL, State) => "TL.",
            (Authority::TUQ, State) => "TUQ.",
            (Authority::Q, State) => "Q.",
            (Authority::TM, Party) => "T/M",
            (Authority::KT, Party) => "K/T",
            (Authority::TL, Party) => "T/L",
            (Authority::TUQ, Party) => "T/UQ",
            (Authority::Q, Party) => "Q.",
        }
    }
}

/// Bảng phân công nhiệm vụ: tasks written in the document, read from a spreadsheet, or both.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TasksIn {
    /// A CSV or XLSX file with one task a row (path relative to the document file).
    pub source: Option<String>,
    /// The workbook sheet to read (default: the first).
    pub sheet: Option<String>,
    /// The groups (directives) in order, with their headings.
    pub groups: Option<Vec<TaskGroupIn>>,
    /// Tasks written in the document.
    pub items: Option<Vec<TaskIn>>,
    /// Print each task's deadline in the body when its text has no `{thời hạn}` mark
    /// (default true).
    pub deadline_in_body: Option<bool>,
    /// The appendix: `true` (default), `false`, or its title.
    pub appendix: Option<TaskAppendixIn>,
}

/// `appendix:` of the task table: on/off, or the title.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TaskAppendixIn {
    /// On or off.
    On(bool),
    /// On, with this title.
    Title(String),
}

/// One group (directive) of tasks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskGroupIn {
    /// What tasks name in their `group`: a number or a short name.
    pub id: Scalar,
    /// The heading, as the body prints it ("Ủy ban nhân dân các huyện, thành phố, thị xã:").
    pub title: String,
    /// Paragraphs printed under the heading before the tasks.
    pub intro: Option<Vec<BlockIn>>,
}

/// One task.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskIn {
    /// The group's id (or its heading).
    pub group: Option<Scalar>,
    /// Nội dung nhiệm vụ. `{thời hạn}` marks where the body prints the deadline.
    pub content: Option<String>,
    /// Cơ quan chủ trì: one unit, or several (a list, or one line split by `;`).
    pub lead: Option<Lines>,
    /// Cơ quan phối hợp.
    pub support: Option<Lines>,
    /// Thời hạn: "30/9/2024", "trước ngày 30/6/2025", "hằng tháng trước ngày 25",
    /// "thường xuyên", "năm 2024".
    pub deadline: Option<Scalar>,
    /// Sản phẩm.
    pub product: Option<String>,
    /// Ghi chú.
    pub note: Option<String>,
}
