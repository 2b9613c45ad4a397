//! The task table's part of the input model (`tasks`, docs/tasks.md).

use serde::Deserialize;

use super::{BlockIn, Lines, Scalar};

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
    /// The appendix: `true` (default), `false`, or its title.
    #[schemars(description = "Phụ lục phân công nhiệm vụ: `true`, `false` hoặc tiêu đề.")]
    pub appendix: Option<TaskAppendixIn>,
}

/// `appendix:` of the task table: on/off, or the title.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "`true` (mặc định), `false`, hoặc tiêu đề của Phụ lục phân công nhiệm vụ."
)]
pub enum TaskAppendixIn {
    /// On or off.
    On(bool),
    /// On, with this title.
    Title(String),
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
}
