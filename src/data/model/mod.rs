//! The input model: what a document file may contain, as serde reads it.
//!
//! Fields that a document kind requires are still `Option` here: [`super::check`] reports
//! every missing one at once, with its line, instead of stopping at the first.

use serde::{Deserialize, Serialize};

/// One document file (YAML, JSON or TOML).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[schemars(
    title = "Tệp dữ liệu văn bản vanban",
    description = "Một văn bản: tệp YAML, JSON hoặc TOML mà vanban trình bày theo Nghị định 30/2020/NĐ-CP (hoặc Hướng dẫn 36-HD/VPTW với văn bản của Đảng). Xem docs/format.md."
)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// Loại văn bản, an id of the catalogue (`templates/kinds.toml`): `cong-van` (the
    /// default), `quyet-dinh`, `dang-ket-luan`, …
    #[schemars(
        description = "Loại văn bản, theo danh mục `templates/kinds.toml` (29 loại của NĐ 30/2020 và các loại của Đảng, xem docs/format.md): `cong-van` (mặc định), `quyet-dinh`, `nghi-quyet`, `chi-thi`, `quy-che`, `quy-dinh`, `thong-cao`, `thong-bao`, `huong-dan`, `chuong-trinh`, `ke-hoach`, `phuong-an`, `de-an`, `du-an`, `bao-cao`, `bien-ban`, `to-trinh`, `hop-dong`, `cong-dien`, `ban-ghi-nho`, `ban-thoa-thuan`, `giay-uy-quyen`, `giay-moi`, `giay-gioi-thieu`, `giay-nghi-phep`, `phieu-gui`, `phieu-chuyen`, `phieu-bao`, `thu-cong`; của Đảng: `dang-cong-van`, `dang-ket-luan`, `dang-thong-bao-ket-luan`, `dang-nghi-quyet`, `dang-quyet-dinh`, …"
    )]
    pub kind: Option<String>,
    /// The tên loại as printed, instead of the kind's own ("THÔNG BÁO KẾT LUẬN").
    #[schemars(
        description = "Tên loại in ra thay cho tên của loại văn bản, ví dụ `THÔNG BÁO KẾT LUẬN`, `THƯ CHÚC MỪNG` (in hoa). Công văn không có tên loại."
    )]
    pub kind_name: Option<String>,
    /// A legal normative document: the year goes into the number (`144/2025/QĐ-CTUBND`).
    #[schemars(
        description = "`true`: văn bản quy phạm pháp luật, số có năm ban hành (`Số: 144/2025/QĐ-CTUBND`); năm lấy từ `date`."
    )]
    pub normative: Option<bool>,
    /// Layout profile: `nd30`, `party-2018`, `party-2026`; by default chosen from the kind's
    /// system and, for Party documents, the date.
    #[schemars(
        description = "Bộ quy tắc trình bày: `nd30`, `party-2018`, `party-2026`; mặc định theo loại văn bản và ngày ban hành."
    )]
    pub profile: Option<String>,
    /// Cơ quan ban hành (ô 2).
    #[schemars(description = "Tên cơ quan, tổ chức ban hành (ô 2). Bắt buộc `name`.")]
    pub issuer: Option<IssuerIn>,
    /// Số (ô 3): blank in a draft; numbers below 10 get a leading zero.
    #[schemars(
        description = "Số văn bản (ô 3), chỉ gồm chữ số; số dưới 10 tự thêm số 0 (`5` → `05`). Để trống `\"\"` khi là dự thảo; bắt buộc với `--final`."
    )]
    pub number: Option<Scalar>,
    /// Ký hiệu (ô 3), e.g. `UBND-NL₅`.
    #[schemars(
        description = "Ký hiệu (ô 3), viết liền, chữ in hoa. Công văn: cơ quan - đơn vị soạn thảo (`UBND-NL₅`); văn bản có tên loại: chỉ phần cơ quan (`UBND` → in `QĐ-UBND`); văn bản của Đảng: phần sau dấu `/` (`TU`)."
    )]
    pub symbol: Option<String>,
    /// Địa danh (ô 4).
    #[schemars(
        description = "Địa danh (ô 4), viết hoa chữ cái đầu, ví dụ `Hà Tĩnh`. Bắt buộc, trừ biên bản."
    )]
    pub place: Option<String>,
    /// Ngày ban hành (ô 4): `05/01/2025`, `2025-01-05`, `7/2024` or `2024`.
    #[schemars(
        description = "Ngày ban hành (ô 4): `05/01/2025`, `5/1/2025`, `2025-01-05`; dự thảo: `7/2024` hoặc `\"2024\"`."
    )]
    pub date: Option<Scalar>,
    /// Trích yếu (ô 5a, 5b): for a công văn without the leading "V/v".
    #[schemars(
        description = "Trích yếu nội dung (ô 5a, 5b), không có dấu chấm cuối; công văn không ghi \"V/v\" (vanban tự thêm)."
    )]
    pub subject: Option<String>,
    /// A line between the tên loại and the trích yếu ("CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH").
    #[schemars(
        description = "Dòng giữa tên loại và trích yếu, ví dụ \"của Ban Chấp hành Đảng bộ tỉnh\"."
    )]
    pub title_line: Option<String>,
    /// Thẩm quyền ban hành of a quyết định or nghị quyết ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …").
    #[schemars(
        description = "Thẩm quyền ban hành của quyết định, nghị quyết, ví dụ `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH`."
    )]
    pub authority_line: Option<String>,
    /// Căn cứ ban hành, one a line (printed in italics, ";" after each, "." after the last).
    #[schemars(
        description = "Căn cứ ban hành, mỗi dòng một căn cứ; vanban tự thêm `;` cuối mỗi dòng và `.` cuối dòng cuối."
    )]
    pub bases: Option<Vec<String>>,
    /// Điều 1 … n of a quyết định or nghị quyết.
    #[schemars(description = "Các Điều của quyết định, nghị quyết (Điều 1, Điều 2, …).")]
    pub articles: Option<Vec<ArticleIn>>,
    /// Kính gửi (ô 9a).
    #[schemars(
        description = "Kính gửi (ô 9a): chỉ công văn, tờ trình, báo cáo gửi cấp trên có. Không cần gõ `-`, `;`, `.`."
    )]
    pub recipients: Option<Lines>,
    /// Nội dung (ô 6).
    #[schemars(
        description = "Nội dung văn bản (ô 6): danh sách đoạn văn, mục, danh sách gạch đầu dòng. Câu cuối tự kết thúc bằng `./.`."
    )]
    pub body: Option<Vec<BlockIn>>,
    /// Chữ ký (ô 7).
    #[schemars(description = "Chữ ký (ô 7): một người ký.")]
    pub signature: Option<SignatureIn>,
    /// Two signatures side by side (biên bản; joint documents), instead of `signature`.
    #[schemars(
        description = "Hai người ký cạnh nhau (biên bản, văn bản liên tịch), thay cho `signature`."
    )]
    pub signatures: Option<Vec<SignatureIn>>,
    /// Nơi nhận (ô 9b), without the "Lưu" line.
    #[schemars(
        description = "Nơi nhận (ô 9b), không kể dòng Lưu; không cần gõ `-` và `;`. Công văn có Kính gửi thì dòng đầu là `Như trên`."
    )]
    pub distribution: Option<Vec<DistIn>>,
    /// Lưu: what follows "- Lưu:", e.g. `VT, TH, NL₅`.
    #[schemars(
        description = "Phần sau \"Lưu:\", ví dụ `VT, TH, NL₅` (in ra \"- Lưu: VT, TH, NL₅.\")."
    )]
    pub archive: Option<String>,
    /// Độ khẩn (ô 10b): `khan`, `thuong-khan`, `hoa-toc`.
    #[schemars(description = "Độ khẩn (ô 10b): `khan`, `thuong-khan`, `hoa-toc`.")]
    pub urgency: Option<String>,
    /// Độ mật (ô 10a): `mat`, `toi-mat`, `tuyet-mat`.
    #[schemars(description = "Độ mật (ô 10a): `mat`, `toi-mat`, `tuyet-mat`.")]
    pub secrecy: Option<String>,
    /// Ký hiệu người soạn thảo (ô 12), e.g. `PL`.
    #[schemars(
        description = "Ký hiệu người soạn thảo (ô 12), in đúng chữ hoa, chữ thường như viết, ví dụ `PL`, `Hg`."
    )]
    pub drafter: Option<String>,
    /// Số lượng bản phát hành (ô 12).
    #[schemars(description = "Số lượng bản phát hành (ô 12), in hai chữ số: `3` → `(03)`.")]
    pub copies: Option<u32>,
    /// Print the drafter's mark and the copies at the end of the Lưu line
    /// ("- Lưu: VT, NN (03). Hg.") instead of on a line of their own (ô 12).
    #[schemars(
        description = "`true`: in số bản và ký hiệu người soạn thảo ở cuối dòng Lưu (`- Lưu: VT, NN (03). Hg.`) thay cho dòng riêng (ô 12)."
    )]
    pub drafter_in_archive: Option<bool>,
    /// Phụ lục: appendices after the signature area.
    #[schemars(description = "Các phụ lục kèm theo, in sau phần chữ ký.")]
    pub appendices: Option<Vec<AppendixIn>>,
    /// Print a "DỰ THẢO" mark on a draft (a local convention, not in NĐ 30; never printed
    /// in final output).
    #[schemars(
        description = "`true`: in dấu \"DỰ THẢO\" (quy ước thường dùng, NĐ 30 không quy định); không in khi chạy `--final`."
    )]
    pub draft_mark: Option<bool>,
    /// Phân công nhiệm vụ: the task table that drives the body's directives (`- tasks: …`),
    /// the "PHÂN CÔNG NHIỆM VỤ" appendix and the per-unit extracts (see [`super::tasks`]).
    #[schemars(
        description = "Bảng phân công nhiệm vụ: viết các mục giao việc (`- tasks: all` trong `body`), Phụ lục phân công nhiệm vụ và bản trích cho từng cơ quan (docs/tasks.md)."
    )]
    pub tasks: Option<TasksIn>,
}

/// A string or a number as written in the file (`number: 5` and `number: "05"` both work).
#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
#[schemars(description = "Một số hoặc một chuỗi (`5` và `\"05\"` đều được).")]
#[serde(untagged)]
pub enum Scalar {
    /// Written as a number.
    #[schemars(description = "Viết dạng số.")]
    Int(i64),
    /// Written as text.
    #[schemars(description = "Viết dạng chuỗi.")]
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
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Một dòng, hoặc danh sách nhiều dòng.")]
#[serde(untagged)]
pub enum Lines {
    /// A single line.
    #[schemars(description = "Một dòng (có thể nhiều dòng trong một chuỗi).")]
    One(String),
    /// Several lines.
    #[schemars(description = "Danh sách dòng.")]
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
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Tên cơ quan, tổ chức ban hành văn bản (ô 2).")]
#[serde(deny_unknown_fields)]
pub struct IssuerIn {
    /// Tên cơ quan chủ quản trực tiếp: upright capitals above the issuer (may be absent,
    /// e.g. for a People's Committee).
    #[schemars(
        description = "Tên cơ quan chủ quản trực tiếp, chữ in hoa đứng; có thể không có (ví dụ Ủy ban nhân dân)."
    )]
    pub parent: Option<Lines>,
    /// Tên cơ quan ban hành: bold capitals, one or more lines.
    #[schemars(description = "Tên cơ quan ban hành, in hoa đậm; một dòng hoặc danh sách dòng.")]
    pub name: Option<Lines>,
    /// The issuer as written inside a sentence ("Ủy ban nhân dân tỉnh Kon Tum"), for the
    /// "(Kèm theo … của …)" line of appendices.
    #[schemars(
        description = "Tên cơ quan ban hành viết trong câu (\"Ủy ban nhân dân tỉnh Kon Tum\"), cho dòng \"(Kèm theo … của …)\" của phụ lục."
    )]
    pub text: Option<String>,
}

/// One element of the body (read by `de.rs`, which names the inner field that is wrong).
#[derive(Debug, Clone, schemars::JsonSchema)]
#[schemars(
    description = "Một khối của nội dung: một đoạn văn (chuỗi), hoặc một khối có đúng một trong các khóa `section`, `items`, `para`."
)]
#[serde(untagged)]
pub enum BlockIn {
    /// A paragraph (inline markup allowed).
    #[schemars(description = "Một đoạn văn (được dùng định dạng trong câu).")]
    Para(String),
    /// A section, a list or a special paragraph.
    #[schemars(description = "Mục, danh sách hoặc đoạn văn có tùy chọn.")]
    Map(Box<BlockMap>),
}

/// A body element written as a mapping; exactly one of `section`, `items`, `para` is set.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[schemars(
    description = "Khối nội dung viết dạng khóa: giá trị; có đúng một trong `section` (mục có đánh số), `items` (danh sách gạch đầu dòng), `para` (đoạn văn có tùy chọn)."
)]
#[serde(deny_unknown_fields)]
pub struct BlockMap {
    /// A numbered section: its heading (numbered 1., 2., … or a), b), … when nested).
    #[schemars(description = "Tiêu đề mục có đánh số (1., 2., … hoặc a), b), … khi lồng nhau).")]
    pub section: Option<String>,
    /// Text that continues on the heading's line, not bold.
    #[schemars(description = "Chữ thường tiếp theo trên dòng tiêu đề mục.")]
    pub text: Option<String>,
    /// The section's own blocks.
    #[schemars(description = "Các khối bên trong mục.")]
    pub body: Option<Vec<BlockIn>>,
    /// The label to print instead of the automatic number: as written when it ends in `.`
    /// or `)` (`1.1.`, `(2)`, `a)`), else with the level's `.` or `)` added (`5`, `IV`).
    #[schemars(
        description = "Số (nhãn) in thay cho số tự động. Nhãn kết thúc bằng `.` hoặc `)` in đúng như viết (`1.1.`, `4.1.`, `(1)`, `(i)`, `a)`, `I.`); nhãn khác được thêm `.` (mục cấp 1) hoặc `)` (mục lồng): `5` → `5.`, `IV` → `IV.`. Viết số hay chuỗi đều được."
    )]
    pub number: Option<Scalar>,
    /// The number in bold even when the heading is not (`bold: false`).
    #[schemars(
        description = "Mục: in đậm số (nhãn) của mục; mặc định theo `bold`. Ví dụ `bold: false` cùng `number_bold: true` và `italic: true`: **1.** *Về …:* …"
    )]
    pub number_bold: Option<bool>,
    /// Dash items ("- …"), each with optional "+" sub-items.
    #[schemars(description = "Danh sách gạch đầu dòng (\"- …\"), mỗi mục có thể có các ý \"+\".")]
    pub items: Option<Vec<ItemIn>>,
    /// A paragraph with options (`italic`, `indent`, `align`).
    #[schemars(description = "Đoạn văn có tùy chọn (`italic`, `bold`, `indent`, `align`).")]
    pub para: Option<String>,
    /// The whole paragraph in italics; of a section: its heading (the lead-in).
    #[schemars(
        description = "Đoạn văn: in nghiêng cả đoạn. Mục: in nghiêng tiêu đề (phần dẫn đầu)."
    )]
    pub italic: Option<bool>,
    /// The whole paragraph in bold; of a section: its number and heading (default true).
    #[schemars(
        description = "Đoạn văn: in đậm cả đoạn. Mục: in đậm số và tiêu đề (mặc định `true`; `false`: đoạn văn đánh số thường)."
    )]
    pub bold: Option<bool>,
    /// First-line indent (default true).
    #[schemars(description = "Thụt đầu dòng (mặc định `true`).")]
    pub indent: Option<bool>,
    /// Alignment: `justify` (default), `center`, `left`, `right`.
    #[schemars(description = "Căn lề: `justify` (mặc định), `center`, `left`, `right`.")]
    pub align: Option<String>,
    /// The task table's directives here: `all` (numbered sections by group), `headings`
    /// (the groups' headings only), `by-unit` (numbered sections by lead unit), or a group's
    /// id (that group's tasks as dash items).
    #[schemars(
        description = "Chỗ in các nhiệm vụ của bảng `tasks`: `all` (mỗi nhóm một mục), `headings` (chỉ tiêu đề các nhóm), `by-unit` (mỗi cơ quan chủ trì một mục), hoặc mã một nhóm."
    )]
    pub tasks: Option<Scalar>,
    /// A table, inside an appendix only (docs/format.md).
    #[schemars(description = "Một bảng (chỉ dùng trong phụ lục), như `table` của phụ lục.")]
    pub table: Option<TableIn>,
}

/// A dash item: text, or text with "+" sub-items (read by `de.rs`).
#[derive(Debug, Clone, schemars::JsonSchema)]
#[schemars(
    description = "Một mục gạch đầu dòng: chuỗi, hoặc `{text, items}` khi có các ý \"+\" bên dưới."
)]
#[serde(untagged)]
pub enum ItemIn {
    /// Just the text.
    #[schemars(description = "Chỉ có chữ.")]
    Text(String),
    /// Text and sub-items.
    #[schemars(description = "Chữ và các ý \"+\".")]
    Map(ItemMap),
}

/// A dash item with sub-items.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Mục gạch đầu dòng có các ý \"+\" bên dưới.")]
#[serde(deny_unknown_fields)]
pub struct ItemMap {
    /// The item's text.
    #[schemars(description = "Chữ của mục.")]
    pub text: String,
    /// Its "+" sub-items.
    #[schemars(description = "Các ý \"+\" bên dưới.")]
    #[serde(default)]
    pub items: Vec<String>,
}

/// Chữ ký (ô 7a, 7b).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Chữ ký (ô 7a, 7b): quyền hạn, chức vụ và họ tên người ký.")]
#[serde(deny_unknown_fields)]
pub struct SignatureIn {
    /// Quyền hạn: `TM`, `KT`, `TL`, `TUQ`, `Q` or `none` (signing in one's own name); two
    /// stacked marks as a list (`[TM, KT]`: "TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH").
    #[schemars(
        description = "Quyền hạn ký: `TM`, `KT`, `TL`, `TUQ`, `Q`, hoặc `none` khi người đứng đầu ký. Văn bản của Đảng in `T/M`, `K/T`. Hai dòng quyền hạn chồng nhau: danh sách, ví dụ `[TM, KT]` cùng `for: [ỦY BAN NHÂN DÂN, CHỦ TỊCH]`."
    )]
    pub authority: Option<Lines>,
    /// What the signer signs for: the collective after TM. (`ỦY BAN NHÂN DÂN`) or the head's
    /// title after KT./TL./TUQ./Q. (`CHỦ TỊCH`); a list, one for each mark of `authority`.
    #[schemars(
        description = "Tập thể sau TM. (`ỦY BAN NHÂN DÂN`) hoặc chức danh người đứng đầu sau KT., TL., TUQ., Q. (`CHỦ TỊCH`); danh sách khi `authority` là danh sách (mỗi dấu quyền hạn một mục)."
    )]
    #[serde(rename = "for")]
    pub for_: Option<Lines>,
    /// Chức vụ of the signer (`PHÓ CHỦ TỊCH`).
    #[schemars(description = "Chức vụ người ký (ô 7a), ví dụ `PHÓ CHỦ TỊCH`.")]
    pub title: Option<String>,
    /// Họ và tên.
    #[schemars(description = "Họ và tên người ký (ô 7b), không ghi học hàm, học vị.")]
    pub name: Option<String>,
    /// Chức vụ khác: another post of the signer, printed above the name (ô 7b).
    #[schemars(description = "Chức vụ khác của người ký, in trên họ tên (ô 7b).")]
    pub other_post: Option<String>,
}

/// A Nơi nhận line, or a group of lines sharing a note behind a brace ("(để b/c)", seed 003).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(
    description = "Một dòng Nơi nhận, hoặc một nhóm dòng chung một ghi chú sau dấu ngoặc `}`."
)]
#[serde(untagged)]
pub enum DistIn {
    /// One recipient.
    #[schemars(description = "Một nơi nhận.")]
    Line(String),
    /// Recipients grouped by a brace with a note.
    #[schemars(description = "Nhóm nơi nhận chung một ghi chú.")]
    Group(DistGroup),
}

/// Recipients grouped by a brace with a shared note.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Nhóm nơi nhận chung một ghi chú sau dấu ngoặc `}`, ví dụ \"(để b/c)\".")]
#[serde(deny_unknown_fields)]
pub struct DistGroup {
    /// The grouped recipients.
    #[schemars(description = "Các nơi nhận trong nhóm.")]
    pub group: Vec<String>,
    /// The note behind the brace, e.g. "(để b/c)".
    #[schemars(description = "Ghi chú sau dấu ngoặc, ví dụ \"(để b/c)\".")]
    pub note: String,
}

/// Phụ lục: an appendix (NĐ 30/2020, Phụ lục I, III.1).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Phụ lục kèm theo văn bản (NĐ 30/2020, Phụ lục I, mục III.1).")]
#[serde(deny_unknown_fields)]
pub struct AppendixIn {
    /// Title, printed in capitals.
    #[schemars(description = "Tên phụ lục, in hoa.")]
    pub title: Option<String>,
    /// Landscape pages, for a wide table.
    #[schemars(description = "In trang ngang (cho bảng rộng).")]
    pub landscape: Option<bool>,
    /// Paragraphs before the table: the same blocks as the body.
    #[schemars(description = "Các đoạn trước bảng, như `body` của văn bản.")]
    pub body: Option<Vec<BlockIn>>,
    /// A table.
    #[schemars(description = "Bảng của phụ lục.")]
    pub table: Option<TableIn>,
    /// Paragraphs after the table (a closing sentence).
    #[schemars(description = "Các đoạn sau bảng, ví dụ câu kết thúc bằng `./.`.")]
    pub after: Option<Vec<BlockIn>>,
    /// The label line: `true` (default "Phụ lục", "Phụ lục I" …), `false`, or as written.
    #[schemars(
        description = "Dòng nhãn: `true` (mặc định \"Phụ lục\", \"Phụ lục I\" …), `false` (không in) hoặc in đúng như viết (`PHỤ LỤC`, `Phụ lục 01`)."
    )]
    pub label: Option<AppendixLabelIn>,
    /// The reference line "(Kèm theo …)": its wording and date form.
    #[schemars(
        description = "Dòng \"(Kèm theo … ngày … tháng … năm … của …)\": `{words, date}` hoặc cả dòng như viết."
    )]
    pub reference: Option<AppendixRefIn>,
}

/// A table of an appendix.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Bảng của phụ lục.")]
#[serde(deny_unknown_fields)]
pub struct TableIn {
    /// The columns: their titles (the header row) and relative widths.
    #[schemars(description = "Các cột: tiêu đề (hàng đầu bảng) và độ rộng tương đối.")]
    pub columns: Vec<ColumnIn>,
    /// The rows: a list of cells, or `{group: …}` for a heading row across all columns.
    #[schemars(description = "Các hàng: danh sách ô, hoặc `{group: …}` cho hàng tiêu đề nhóm.")]
    pub rows: Vec<RowIn>,
}

/// A table column.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Một cột của bảng.")]
#[serde(deny_unknown_fields)]
pub struct ColumnIn {
    /// Header text.
    #[schemars(description = "Tiêu đề cột.")]
    pub title: String,
    /// Relative width (default 1).
    #[schemars(description = "Độ rộng tương đối (mặc định 1).")]
    pub width: Option<f64>,
    /// Alignment of the column's cells: `left` (default), `center`, `right`, `justify`.
    #[schemars(
        description = "Căn lề các ô của cột: `left` (mặc định), `center`, `right`, `justify`."
    )]
    pub align: Option<String>,
}

/// A table row.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(
    description = "Một hàng của bảng: danh sách ô, hoặc `{group: …}` cho hàng tiêu đề nhóm trải hết các cột."
)]
#[serde(untagged)]
pub enum RowIn {
    /// The cells.
    #[schemars(description = "Các ô của hàng.")]
    Cells(Vec<CellIn>),
    /// A heading row across all columns.
    #[schemars(description = "Hàng tiêu đề nhóm.")]
    Group(GroupRow),
}

/// A heading row across all columns ("I. HUYỆN ĐĂK TÔ").
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Hàng tiêu đề nhóm trải hết các cột, in đậm (\"I. HUYỆN ĐĂK TÔ\").")]
#[serde(deny_unknown_fields)]
pub struct GroupRow {
    /// Its text (bold).
    #[schemars(description = "Chữ của hàng tiêu đề nhóm (in đậm).")]
    pub group: String,
}

/// A table cell.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(
    description = "Một ô: chữ (số cũng được đọc thành chữ), hoặc `{text, span, rows}` khi gộp ô."
)]
#[serde(untagged)]
pub enum CellIn {
    /// Just text (numbers are read as text).
    #[schemars(description = "Chỉ có chữ.")]
    Text(Scalar),
    /// Text with spans.
    #[schemars(description = "Ô có gộp.")]
    Map(CellMap),
}

/// A cell with spans.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Ô có gộp cột hoặc gộp hàng.")]
#[serde(deny_unknown_fields)]
pub struct CellMap {
    /// Its text.
    #[schemars(description = "Chữ của ô.")]
    pub text: Scalar,
    /// Columns spanned.
    #[schemars(description = "Số cột gộp.")]
    pub span: Option<usize>,
    /// Rows spanned.
    #[schemars(description = "Số hàng gộp.")]
    pub rows: Option<usize>,
}

/// Điều: an article of a quyết định or nghị quyết.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[schemars(description = "Một Điều của quyết định, nghị quyết.")]
#[serde(deny_unknown_fields)]
pub struct ArticleIn {
    /// The article's title, after "Điều N." (bold).
    #[schemars(description = "Tên điều, in đậm sau \"Điều N.\".")]
    pub title: Option<String>,
    /// Text continuing the article's first line.
    #[schemars(description = "Chữ thường tiếp theo trên dòng đầu của điều.")]
    pub text: Option<String>,
    /// Khoản and điểm: the same blocks as the body.
    #[schemars(description = "Khoản, điểm: như `body` của văn bản.")]
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

mod appendix;
mod de;
pub use de::{NUMBER_OR_TEXT, TEXT_OR_MAP};
mod tasks;

pub use appendix::{AppendixLabelIn, AppendixRefIn, DateForm, RefForm};
pub use tasks::{
    TaskAppendixIn, TaskAppendixSpec, TaskColumnIn, TaskColumnMap, TaskGroupIn, TaskIn, TasksIn,
};
