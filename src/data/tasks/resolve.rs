//! Reading the task table: the document's `tasks.items` and the rows of a `tasks.source`
//! sheet, resolved into groups and tasks with their deadlines.

use super::*;
use crate::data::sheet::Sheet;
use crate::text::is_roman;

/// Column names accepted in a task sheet, Vietnamese first (compared loosely).
const COLUMNS: &[(&str, &[&str])] = &[
    ("stt", &["STT", "TT", "Số TT", "Số thứ tự"]),
    (
        "group",
        &["Nhóm", "Nhóm nhiệm vụ", "Mục", "Nhiệm vụ số", "group"],
    ),
    (
        "content",
        &["Nội dung nhiệm vụ", "Nội dung", "Nhiệm vụ", "content"],
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
            "deadline",
        ],
    ),
    (
        "product",
        &["Sản phẩm", "Kết quả", "Sản phẩm đầu ra", "product"],
    ),
    ("note", &["Ghi chú", "note"]),
];

/// A task as read, before groups and deadlines are resolved.
struct RawTask {
    group: Option<String>,
    content: String,
    lead: Vec<String>,
    support: Vec<String>,
    deadline: Option<String>,
    product: String,
    note: String,
    origin: Origin,
    /// The place of each field, for messages: (field path or sheet place, line).
    places: BTreeMap<&'static str, (Option<Bi>, Option<usize>)>,
}

/// The task table of a `tasks` block: its groups and tasks from `items` and `source`, every
/// problem appended to `diags`.
pub(super) fn resolve(
    path: &Path,
    spec: &TasksIn,
    line_of: &dyn Fn(&str) -> Option<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<TaskTable> {
    let before = diags.len();
    let at = |field: &str, msg: Bi, hint: Bi| {
        Diagnostic::error_bi(path, msg)
            .at_field(field.to_string())
            .at_line(line_of(field))
            .with_hint_bi(hint)
    };
    let mut groups: Vec<TaskGroup> = Vec::new();
    for (i, g) in spec.groups.iter().flatten().enumerate() {
        let field = format!("tasks.groups[{i}]");
        let id = g.id.as_text();
        let title = g.title.trim().to_string();
        if title.is_empty() {
            diags.push(at(
                &format!("{field}.title"),
                Bi::new("nhóm nhiệm vụ không có tiêu đề", "the task group has no title"),
                Bi::new(
                    "ghi `title:` là câu mở đầu của mục trong nội dung, ví dụ `Ủy ban nhân dân các huyện, thành phố, thị xã:`",
                    "write `title:` as the opening sentence of the group's section in the body, e.g. `Ủy ban nhân dân các huyện, thành phố, thị xã:`",
                ),
            ));
        }
        if groups.iter().any(|o| unit_key(&o.id) == unit_key(&id)) {
            diags.push(at(
                &format!("{field}.id"),
                Bi::new(
                    format!("hai nhóm nhiệm vụ cùng mã `{id}`"),
                    format!("two task groups have the same id `{id}`"),
                ),
                Bi::new(
                    "đặt mỗi nhóm một mã riêng (1, 2, 3 … hoặc tên ngắn)",
                    "give each group its own id (1, 2, 3 … or a short name)",
                ),
            ));
        }
        groups.push(TaskGroup {
            id,
            title,
            origin: Origin::Field(field),
            intro: g.intro.clone().unwrap_or_default(),
        });
    }

    let mut raw: Vec<RawTask> = Vec::new();
    for (i, t) in spec.items.iter().flatten().enumerate() {
        raw.push(raw_from_item(i, t));
    }
    if let Some(source) = &spec.source {
        let sheet_path = path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join(source.trim());
        match Sheet::read(&sheet_path, spec.sheet.as_deref()) {
            Ok(sheet) => read_sheet(&sheet, &mut groups, &mut raw, diags),
            Err(d) => {
                let line = line_of("tasks.source").map_or("?".into(), |l| l.to_string());
                let hint = Bi::new(
                    format!(
                        "{} (tệp này là bảng nhiệm vụ ghi ở `tasks.source` của {}, dòng {line})",
                        d.hint.clone().unwrap_or_default(),
                        path.display(),
                    ),
                    format!(
                        "{} (this file is the task table named in `tasks.source` of {}, line {line})",
                        d.hint_in(crate::diag::Lang::En).unwrap_or_default(),
                        path.display(),
                    ),
                );
                diags.push((*d).with_hint_bi(hint));
            }
        }
    }
    if raw.is_empty() && diags.len() == before {
        diags.push(at(
            "tasks",
            Bi::new(
                "bảng nhiệm vụ không có nhiệm vụ nào",
                "the task table has no tasks",
            ),
            Bi::new(
                "thêm `items:` với từng nhiệm vụ, hoặc `source:` là tệp Excel/CSV của bảng",
                "add `items:` with each task, or `source:` naming the table's Excel/CSV file",
            ),
        ));
    }

    // Resolve groups, leads and deadlines; report every problem with its place.
    let place_diag = |t: &RawTask, key: &'static str, msg: Bi, hint: Bi| -> Diagnostic {
        let (place, line) = t.places.get(key).cloned().unwrap_or((None, None));
        match &t.origin {
            Origin::Field(_) => {
                let field = place.map(|p| p.vi).unwrap_or_default();
                Diagnostic::error_bi(path, msg)
                    .at_line(line_of(&field))
                    .at_field(field)
                    .with_hint_bi(hint)
            }
            Origin::Row(file, _, _) => Diagnostic::error_bi(
                file,
                match place.filter(|p| !p.vi.is_empty()) {
                    Some(p) => at_place(&p, &msg),
                    None => msg,
                },
            )
            .at_line(line)
            .with_hint_bi(hint),
        }
    };
    let mut tasks = Vec::new();
    for t in raw {
        let group = match &t.group {
            None if groups.is_empty() => None,
            None => {
                diags.push(place_diag(
                    &t,
                    "group",
                    Bi::new(
                        "nhiệm vụ không thuộc nhóm nào, trong khi bảng có chia nhóm",
                        "the task belongs to no group, while the table has groups",
                    ),
                    group_hint(
                        "ghi mã nhóm ở `group`",
                        "write the group's id in `group`",
                        &groups,
                    ),
                ));
                None
            }
            Some(g) => {
                let key = unit_key(g);
                let found = groups
                    .iter()
                    .position(|x| unit_key(&x.id) == key || unit_key(&x.title) == key);
                match found {
                    Some(i) => Some(i),
                    None if matches!(t.origin, Origin::Row(..)) => {
                        // A sheet names its groups by their headings: the first row of a
                        // new heading starts the group.
                        groups.push(TaskGroup {
                            id: g.clone(),
                            title: g.clone(),
                            origin: t.origin.clone(),
                            intro: Vec::new(),
                        });
                        Some(groups.len() - 1)
                    }
                    None => {
                        diags.push(place_diag(
                            &t,
                            "group",
                            Bi::new(
                                format!("không có nhóm nhiệm vụ `{g}`"),
                                format!("there is no task group `{g}`"),
                            ),
                            group_hint(
                                "dùng mã của một nhóm trong `tasks.groups`",
                                "use the id of a group in `tasks.groups`",
                                &groups,
                            ),
                        ));
                        None
                    }
                }
            }
        };
        if t.content.trim().is_empty() {
            diags.push(place_diag(
                &t,
                "content",
                Bi::new("nhiệm vụ không có nội dung", "the task has no content"),
                Bi::new("ghi nội dung nhiệm vụ", "write the task's content"),
            ));
        }
        if t.lead.is_empty() {
            diags.push(place_diag(
                &t,
                "lead",
                Bi::new(
                    "nhiệm vụ không có cơ quan chủ trì",
                    "the task has no lead unit",
                ),
                Bi::new(
                    "ghi cơ quan chủ trì; nhiều cơ quan thì cách nhau bằng dấu `;`",
                    "write the lead unit; separate several with `;`",
                ),
            ));
        }
        let (deadline, deadline_text) = match &t.deadline {
            None => (None, String::new()),
            Some(s) => match deadline::parse(s) {
                Ok(d) => (Some(d), deadline::as_written(s)),
                Err(e) => {
                    diags.push(place_diag(
                        &t,
                        "deadline",
                        e,
                        Bi::new(
                            "sửa ngày của thời hạn (ngày/tháng/năm có thật, năm đủ 4 chữ số)",
                            "correct the deadline's date (a real day/month/year, the year in 4 digits)",
                        ),
                    ));
                    (None, String::new())
                }
            },
        };
        if t.content.contains(DEADLINE_MARK) && deadline.is_none() && t.deadline.is_none() {
            diags.push(place_diag(
                &t,
                "content",
                Bi::new(
                    format!("nội dung có chỗ ghi thời hạn `{DEADLINE_MARK}` nhưng nhiệm vụ không có thời hạn"),
                    format!("the content has the deadline mark `{DEADLINE_MARK}` but the task has no deadline"),
                ),
                Bi::new(
                    "ghi thời hạn của nhiệm vụ, hoặc bỏ `{thời hạn}` khỏi nội dung",
                    "write the task's deadline, or remove `{thời hạn}` from the content",
                ),
            ));
        }
        tasks.push(Task {
            group,
            content: t.content.trim().to_string(),
            lead: t.lead,
            support: t.support,
            deadline,
            deadline_text,
            product: t.product,
            note: t.note,
            origin: t.origin,
        });
    }
    // A group defined with no task: the body would print an empty directive.
    for (i, g) in groups.iter().enumerate() {
        if !tasks.iter().any(|t| t.group == Some(i)) {
            let msg = Bi::new(
                format!("nhóm nhiệm vụ `{}` không có nhiệm vụ nào", g.id),
                format!("the task group `{}` has no tasks", g.id),
            );
            let hint = Bi::new(
                "thêm nhiệm vụ cho nhóm (trường `group` của nhiệm vụ), hoặc bỏ nhóm",
                "add tasks to the group (the task's field `group`), or remove the group",
            );
            diags.push(match &g.origin {
                Origin::Field(f) => at(f, msg, hint),
                Origin::Row(file, place, line) => Diagnostic::error_bi(file, at_place(place, &msg))
                    .at_line(Some(*line))
                    .with_hint_bi(hint),
            });
        }
    }
    if diags.len() > before {
        return None;
    }
    let appendix = match &spec.appendix {
        None | Some(TaskAppendixIn::On(true)) => Some("PHÂN CÔNG NHIỆM VỤ".to_string()),
        Some(TaskAppendixIn::On(false)) => None,
        Some(TaskAppendixIn::Title(t)) => Some(t.trim().to_uppercase()),
    };
    Some(TaskTable {
        groups,
        tasks,
        appendix,
        deadline_in_body: spec.deadline_in_body.unwrap_or(true),
    })
}

fn raw_from_item(i: usize, t: &TaskIn) -> RawTask {
    let field = format!("tasks.items[{i}]");
    let mut places = BTreeMap::new();
    for key in ["group", "content", "lead", "deadline"] {
        let f = if key == "lead" && t.lead.is_none() || key == "content" && t.content.is_none() {
            field.clone()
        } else {
            format!("{field}.{key}")
        };
        places.insert(key, (Some(Bi::new(f.clone(), f)), None));
    }
    RawTask {
        group: t
            .group
            .as_ref()
            .map(Scalar::as_text)
            .filter(|g| !g.is_empty()),
        content: t.content.clone().unwrap_or_default(),
        lead: units_of(&t.lead),
        support: units_of(&t.support),
        deadline: t
            .deadline
            .as_ref()
            .map(Scalar::as_text)
            .filter(|d| !d.is_empty()),
        product: t.product.clone().unwrap_or_default().trim().to_string(),
        note: t.note.clone().unwrap_or_default().trim().to_string(),
        origin: Origin::Field(field),
        places,
    }
}

fn read_sheet(
    sheet: &Sheet,
    groups: &mut Vec<TaskGroup>,
    raw: &mut Vec<RawTask>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut cols: BTreeMap<&'static str, usize> = BTreeMap::new();
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
                        format!("đặt tên cột là một trong: {}", names.join(", ")),
                        format!("name the column one of: `{}`", names.join("`, `")),
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
            if !groups.iter().any(|g| {
                unit_key(&g.id) == unit_key(&content) || unit_key(&g.title) == unit_key(&content)
            }) {
                groups.push(TaskGroup {
                    id: content.clone(),
                    title: content.clone(),
                    origin: Origin::Row(sheet.path.clone(), sheet.row_place_bi(row), row.number),
                    intro: Vec::new(),
                });
            }
            continue;
        }
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
            origin: Origin::Row(sheet.path.clone(), sheet.row_place_bi(row), row.number),
            places,
        });
    }
}

/// "place: message" in both languages.
fn at_place(place: &Bi, msg: &Bi) -> Bi {
    Bi::new(
        format!("{}: {}", place.vi, msg.vi),
        format!("{}: {}", place.en, msg.en),
    )
}

/// A hint that lists the task groups: "… (có: 1, 2)".
pub(super) fn group_hint(vi: &str, en: &str, groups: &[TaskGroup]) -> Bi {
    let ids = groups
        .iter()
        .map(|g| g.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if ids.is_empty() {
        // No group at all: "(có: )" would say nothing.
        return Bi::new(
            format!("{vi} (văn bản chưa khai báo nhóm nào: thêm `tasks.groups`, hoặc bỏ `group`)"),
            format!("{en} (the document declares no group: add `tasks.groups`, or drop `group`)"),
        );
    }
    Bi::new(
        format!("{vi} (có: {ids})"),
        format!("{en} (there are: {ids})"),
    )
}
