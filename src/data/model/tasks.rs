//! The task table's part of the input model (`tasks`, docs/tasks.md).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{AppendixLabelIn, AppendixRefIn, BlockIn, Lines, Scalar};

/// Bảng phân công nhiệm vụ: tasks written in the document, read from a spreadsheet, or both.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Bảng phân công nhiệm vụ (docs/tasks.md).")]
pub struct TasksIn {
    /// A CSV or XLSX file with one task a row (path relative to the document file).
    #[schemars(
        description = "Tệp Excel (.xlsx) hoặc CSV chứa bảng nhiệm vụ, tính từ thư mục của tệp văn bản."
    )]
    pub source: Option<String>,
    /// The workbook sheet to read (default: the first).
    #[schemars(description = "Tên trang tính cần đọc (mặc định: trang đầu).")]
    pub sheet: Option<String>,
    /// The groups (directives) in order, with their headings.
    #[schemars(description = "Các nhóm nhiệm vụ theo thứ tự.")]
    pub groups: Option<Vec<TaskGroupIn>>,
    /// Tasks written in the document.
    #[schemars(description = "Các nhiệm vụ ghi trong tệp.")]
    pub items: Option<Vec<TaskIn>>,
    /// Print each task's deadline in the body when its text has no `{thời hạn}` mark
    /// (default true).
    #[schemars(description = "In thời hạn sau mỗi nhiệm vụ trong nội dung (mặc định `true`).")]
    pub deadline_in_body: Option<bool>,
    /// The appendix: `true` (default), `false`, its title, or its layout.
    #[schemars(
        description = "Phụ lục phân công nhiệm vụ: `true`, `false`, tiêu đề, hoặc `{title, columns, …}`."
    )]
    pub appendix: Option<TaskAppendixIn>,
}

/// `appendix:` of the task table: on/off, the title, or the whole layout.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "`true` (mặc định), `false`, tiêu đề, hoặc cách trình bày Phụ lục phân công nhiệm vụ (`title`, `columns`, `numbers`, `label`, `reference`, `body`, `after`)."
)]
pub enum TaskAppendixIn {
    /// On or off.
    On(bool),
    /// On, with this title.
    Title(String),
    /// On, laid out as the document has it.
    Spec(Box<TaskAppendixSpec>),
}

/// The task appendix as the document lays it out.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Cách trình bày Phụ lục phân công nhiệm vụ (docs/tasks.md).")]
pub struct TaskAppendixSpec {
    /// The title (default "PHÂN CÔNG NHIỆM VỤ").
    #[schemars(description = "Tiêu đề (mặc định `PHÂN CÔNG NHIỆM VỤ`), in hoa.")]
    pub title: Option<String>,
    /// The columns in order: titles (`TT`, `Nội dung thực hiện`, `Kinh phí`) or
    /// `{title, field, width, align}`.
    #[schemars(
        description = "Các cột theo thứ tự: tiêu đề (`TT`, `Nội dung thực hiện`, `Cơ quan chủ trì`, `Kinh phí` …) hoặc `{title, field, width, align}`. Mặc định: STT, Nội dung nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian hoàn thành (Sản phẩm, Ghi chú nếu có)."
    )]
    pub columns: Option<Vec<TaskColumnIn>>,
    /// `auto` (default: groups I, II …, tasks 1, 2 … in each group) or `source` (the STT
    /// column of the sheet as written; `number` of items and groups always wins).
    #[schemars(
        description = "Đánh số: `auto` (mặc định: nhóm I, II …, nhiệm vụ 1, 2 … trong mỗi nhóm) hoặc `source` (lấy cột STT của bảng tính như viết). `number` của nhóm, nhiệm vụ luôn được dùng."
    )]
    pub numbers: Option<String>,
    /// The label line, as for `appendices`.
    #[schemars(description = "Dòng nhãn, như `label` của `appendices`.")]
    pub label: Option<AppendixLabelIn>,
    /// The reference line, as for `appendices`.
    #[schemars(description = "Dòng \"(Kèm theo …)\", như `reference` của `appendices`.")]
    pub reference: Option<AppendixRefIn>,
    /// Landscape pages (default true).
    #[schemars(description = "Trang ngang (mặc định `true`).")]
    pub landscape: Option<bool>,
    /// Paragraphs (and tables) before the task table.
    #[schemars(description = "Các đoạn (và bảng) trước bảng nhiệm vụ.")]
    pub body: Option<Vec<BlockIn>>,
    /// Paragraphs (and tables) after the task table.
    #[schemars(description = "Các đoạn (và bảng) sau bảng nhiệm vụ.")]
    pub after: Option<Vec<BlockIn>>,
}

/// A column of the task appendix.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "Một cột của phụ lục: tiêu đề (vanban nhận ra `TT`, `Nội dung thực hiện`, `Cơ quan chủ trì` …; tên khác là cột thêm, lấy từ `extra` của nhiệm vụ), hoặc `{title, field, width, align}`."
)]
pub enum TaskColumnIn {
    /// Just the title.
    #[schemars(description = "Chỉ có tiêu đề.")]
    Title(String),
    /// The title with its field, width and alignment.
    #[schemars(description = "Tiêu đề cùng trường, độ rộng, căn lề.")]
    Map(TaskColumnMap),
}

/// A column of the task appendix, written out.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Một cột của phụ lục phân công nhiệm vụ.")]
pub struct TaskColumnMap {
    /// The header text.
    #[schemars(description = "Tiêu đề cột.")]
    pub title: String,
    /// What it holds: `number`, `content`, `lead`, `support`, `deadline`, `product`,
    /// `note`, or the name of a task's `extra` field (default: from the title).
    #[schemars(
        description = "Cột chứa gì: `number`, `content`, `lead`, `support`, `deadline`, `product`, `note`, hoặc tên một trường `extra` của nhiệm vụ (mặc định: theo tiêu đề)."
    )]
    pub field: Option<String>,
    /// Relative width.
    #[schemars(description = "Độ rộng tương đối.")]
    pub width: Option<f64>,
    /// Alignment: `left`, `center`, `right`, `justify`.
    #[schemars(description = "Căn lề: `left`, `center`, `right`, `justify`.")]
    pub align: Option<String>,
}

/// One group (directive) of tasks.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Một nhóm (mục giao việc): mã, tiêu đề, các đoạn mở đầu.")]
pub struct TaskGroupIn {
    /// What tasks name in their `group`: a number or a short name.
    #[schemars(description = "Mã nhóm (số hoặc tên ngắn) mà nhiệm vụ ghi ở `group`.")]
    pub id: Scalar,
    /// The heading, as the body prints it ("Ủy ban nhân dân các huyện, thành phố, thị xã:").
    #[schemars(description = "Tiêu đề mục trong nội dung, ví dụ `Ủy ban nhân dân các huyện:`.")]
    pub title: String,
    /// Paragraphs printed under the heading before the tasks.
    #[schemars(description = "Các đoạn in dưới tiêu đề, trước các nhiệm vụ.")]
    pub intro: Option<Vec<BlockIn>>,
    /// The group's number as printed (`VI`), in the body and the appendix.
    #[schemars(
        description = "Số của nhóm in đúng như viết (`VI`), trong nội dung và phụ lục; mặc định tự đánh số."
    )]
    pub number: Option<Scalar>,
    /// The group's title in the appendix, when it differs from the body's.
    #[schemars(
        description = "Tiêu đề nhóm trong phụ lục, khi khác tiêu đề trong nội dung (mặc định: `title` bỏ dấu `:`)."
    )]
    pub appendix_title: Option<String>,
}

/// One task.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Một nhiệm vụ: nội dung, cơ quan chủ trì (bắt buộc), phối hợp, thời hạn, sản phẩm, ghi chú."
)]
pub struct TaskIn {
    /// The group's id (or its heading).
    #[schemars(description = "Mã (hoặc tiêu đề) nhóm của nhiệm vụ.")]
    pub group: Option<Scalar>,
    /// Nội dung nhiệm vụ. `{thời hạn}` marks where the body prints the deadline.
    #[schemars(description = "Nội dung nhiệm vụ; `{thời hạn}` đánh dấu chỗ in thời hạn.")]
    pub content: Option<String>,
    /// Cơ quan chủ trì: one unit, or several (a list, or one line split by `;`).
    #[schemars(description = "Cơ quan chủ trì (bắt buộc); nhiều cơ quan cách nhau bằng `;`.")]
    pub lead: Option<Lines>,
    /// Cơ quan phối hợp.
    #[schemars(description = "Cơ quan phối hợp, cách nhau bằng `;`.")]
    pub support: Option<Lines>,
    /// Thời hạn: "30/9/2024", "trước ngày 30/6/2025", "hằng tháng trước ngày 25",
    /// "thường xuyên", "năm 2024".
    #[schemars(
        description = "Thời hạn: `30/9/2024`, `trước ngày 30/6/2025`, `hằng tháng trước ngày 25`, `năm 2024`, `thường xuyên` …"
    )]
    pub deadline: Option<Scalar>,
    /// Sản phẩm.
    #[schemars(description = "Sản phẩm.")]
    pub product: Option<String>,
    /// Ghi chú.
    #[schemars(description = "Ghi chú.")]
    pub note: Option<String>,
    /// The task's number as printed in the appendix (`3`, `3.1`).
    #[schemars(
        description = "Số thứ tự của nhiệm vụ trong phụ lục, in đúng như viết; mặc định tự đánh số."
    )]
    pub number: Option<Scalar>,
    /// More fields for the appendix's added columns (`Kinh phí: …`).
    #[schemars(
        description = "Các trường thêm cho cột thêm của phụ lục, theo tiêu đề cột, ví dụ `{Kinh phí: Ngân sách tỉnh}`."
    )]
    pub extra: Option<BTreeMap<String, Scalar>>,
    /// A row "…" standing for tasks left out.
    #[schemars(
        description = "`true`: hàng \"…\" trải hết bảng, thay cho các nhiệm vụ được lược bớt."
    )]
    pub omitted: Option<bool>,
}
