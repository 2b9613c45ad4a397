//! Reading a task sheet (CSV or XLSX): its columns by their titles, group heading rows,
//! rows "…" for tasks left out, the appendix's added columns.

use super::resolve::RawTask;
use super::*;
use crate::data::sheet::Sheet;
use crate::text::is_roman;

/// Column names accepted in a task sheet, Vietnamese first (compared loosely).
pub(super) const COLUMNS: &[(&str, &[&str])] = &[
    ("stt", &["STT", "TT", "Số TT", "Số thứ tự"]),
    (
        "group",
        &["Nhóm", "Nhóm nhiệm vụ", "Mục", "Nhiệm vụ số", "group"],
    ),
    (
        "content",
        &[
            "Nội dung nhiệm vụ",
            "Nội dung",
            "Nhiệm vụ",
            "Nội dung thực hiện",
            "Nội dung công việc",
            "content",
        ],
    ),
    (
        "lead",
        &[
            "Cơ quan chủ trì",
            "Đơn vị chủ trì",
            "Chủ trì",
            "Cơ quan, đơn vị chủ trì",
            "lead",
        ],
    ),
    (
        "support",
        &[
            "Cơ quan phối hợp",
            "Đơn vị phối hợp",
            "Phối hợp",
            "Cơ quan, đơn vị phối hợp",
            "support",
        ],
    ),
    (
        "deadline",
        &[
            "Thời gian hoàn thành",
            "Thời hạn hoàn thành",
            "Thời hạn",
            "Thời gian",
            "Thời gian thực hiện",
            "Thời hạn thực hiện",
            "deadline",
        ],
    ),
    (
        "product",
        &[
            "Sản phẩm",
            "Kết quả",
            "Sản phẩm đầu ra",
            "Sản phẩm dự kiến",
            "product",
        ],
    ),
    ("note", &["Ghi chú", "note"]),
];

/// A cell that stands for rows left out: "…" or "...".
fn is_ellipsis(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '…' | '.'))
}

pub(super) fn read_sheet(
    sheet: &Sheet,
    layout: &AppendixLayout,
    groups: &mut Vec<TaskGroup>,
    raw: &mut Vec<RawTask>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut cols: BTreeMap<&'static str, usize> = BTreeMap::new();
    // Added columns of the appendix (`Kinh phí`): (sheet column, key).
    let mut extra_cols: Vec<(usize, String)> = Vec::new();
    let extra_keys = layout.extra_keys();
    for (i, h) in sheet.headers.iter().enumerate() {
        let key = crate::data::sheet::header_key(h);
        let known = COLUMNS.iter().find(|(_, names)| {
            names
                .iter()
                .any(|n| crate::data::sheet::header_key(n) == key)
        });
        match known {
            Some((name, _)) => {
                cols.insert(name, i);
            }
            None if extra_keys.contains(&key) => extra_cols.push((i, key)),
            None => diags.push(
                Diagnostic::error_bi(
                    &sheet.path,
                    (
                        format!(
                            "{}cột {} có tên `{h}` không dùng được cho bảng nhiệm vụ",
                            sheet
                                .name
                                .as_ref()
                                .map(|n| format!("trang `{n}`, "))
                                .unwrap_or_default(),
                            crate::data::sheet::column_letters(i)
                        ),
                        format!(
                            "{}column {} is named `{h}`, which a task table cannot use",
                            crate::data::sheet::sheet_prefix_en(sheet.name.as_deref()),
                            crate::data::sheet::column_letters(i)
                        ),
                    ),
                )
                .at_span(sheet.span(1, Some(i)))
                .with_hint_bi({
                    let names = COLUMNS.iter().map(|(_, n)| n[0]).collect::<Vec<_>>();
                    (
                        format!(
                            "đặt tên cột là một trong: {}; hoặc khai báo cột thêm trong `tasks.appendix.columns`",
                            names.join(", ")
                        ),
                        format!(
                            "name the column one of: `{}`; or declare it as an added column in `tasks.appendix.columns`",
                            names.join("`, `")
                        ),
                    )
                }),
            ),
        }
    }
    for need in ["content", "lead"] {
        if !cols.contains_key(need) {
            let title = COLUMNS
                .iter()
                .find(|(n, _)| *n == need)
                .map(|(_, names)| names[0])
                .unwrap_or(need);
            diags.push(
                Diagnostic::error_bi(
                    &sheet.path,
                    (
                        format!("bảng nhiệm vụ thiếu cột `{title}`"),
                        format!("the task table lacks the column `{title}`"),
                    ),
                )
                .at_line(Some(1))
                .with_hint_bi((
                    format!("thêm cột `{title}` ở dòng tiêu đề"),
                    format!("add the column `{title}` to the header row"),
                )),
            );
        }
    }
    if !cols.contains_key("content") || !cols.contains_key("lead") {
        return;
    }
    let cell = |row: &crate::data::sheet::Row, key: &str| -> String {
        cols.get(key)
            .map(|c| row.get(*c).to_string())
            .unwrap_or_default()
    };
    let mut current_group: Option<String> = None;
    for row in &sheet.rows {
        let stt = cell(row, "stt");
        let content = cell(row, "content");
        let lead = cell(row, "lead");
        // "I | Ủy ban nhân dân các huyện…" with no unit: a group heading row.
        if is_roman(&stt) && lead.is_empty() && cell(row, "deadline").is_empty() {
            if content.is_empty() {
                continue;
            }
            current_group = Some(content.clone());
            let number = Some(stt.clone()).filter(|_| layout.numbers_from_source);
            match groups.iter_mut().find(|g| {
                unit_key(&g.id) == unit_key(&content) || unit_key(&g.title) == unit_key(&content)
            }) {
                Some(g) => {
                    if g.number.is_none() {
                        g.number = number;
                    }
                }
                None => groups.push(TaskGroup {
                    id: content.clone(),
                    title: content.clone(),
                    origin: Origin::Row(sheet.path.clone(), sheet.row_place_bi(row), row.number),
                    intro: Vec::new(),
                    number,
                    appendix_title: None,
                }),
            }
            continue;
        }
        // "…" in the content (and no unit): tasks left out.
        let omitted = is_ellipsis(&content) && (lead.is_empty() || is_ellipsis(&lead));
        let mut places = BTreeMap::new();
        for key in ["group", "content", "lead", "deadline"] {
            let place = match cols.get(key) {
                Some(c) => sheet.column_place_bi(*c),
                None => sheet
                    .name
                    .as_ref()
                    .map(|n| Bi::new(format!("trang `{n}`"), format!("sheet `{n}`")))
                    .unwrap_or_default(),
            };
            places.insert(key, (Some(place), Some(row.number)));
        }
        let group = Some(cell(row, "group"))
            .filter(|g| !g.is_empty())
            .or_else(|| current_group.clone());
        raw.push(RawTask {
            group,
            content,
            lead: split_units(&lead),
            support: split_units(&cell(row, "support")),
            deadline: Some(cell(row, "deadline")).filter(|d| !d.is_empty()),
            product: cell(row, "product"),
            note: cell(row, "note"),
            number: Some(stt).filter(|n| layout.numbers_from_source && !n.is_empty() && !omitted),
            extra: extra_cols
                .iter()
                .map(|(c, k)| (k.clone(), row.get(*c).to_string()))
                .collect(),
            omitted,
            origin: Origin::Row(sheet.path.clone(), sheet.row_place_bi(row), row.number),
            places,
        });
    }
}
