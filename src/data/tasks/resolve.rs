//! Reading the task table: the document's `tasks.items` and the rows of a `tasks.source`
//! sheet, resolved into groups and tasks with their deadlines.

use super::sheet::read_sheet;
use super::*;
use crate::data::sheet::Sheet;

/// A task as read, before groups and deadlines are resolved.
pub(super) struct RawTask {
    pub(super) group: Option<String>,
    pub(super) content: String,
    pub(super) lead: Vec<String>,
    pub(super) support: Vec<String>,
    pub(super) deadline: Option<String>,
    pub(super) product: String,
    pub(super) note: String,
    /// The number as written (`number`, or the sheet's STT with `numbers: source`).
    pub(super) number: Option<String>,
    /// Values of added columns, by column key.
    pub(super) extra: BTreeMap<String, String>,
    /// A row "…" for tasks left out.
    pub(super) omitted: bool,
    pub(super) origin: Origin,
    /// The place of each field, for messages: (field path or sheet place, line).
    pub(super) places: BTreeMap<&'static str, (Option<Bi>, Option<usize>)>,
}

/// The task table of a `tasks` block: its groups and tasks from `items` and `source`, every
/// problem appended to `diags`.
/// `given`: the sheet of `spec.source` already read (bytes uploaded to `vanban serve`);
/// without it the file is read from beside the document.
pub(super) fn resolve(
    path: &Path,
    spec: &TasksIn,
    given: Option<&Sheet>,
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
            number: g
                .number
                .as_ref()
                .map(Scalar::as_text)
                .filter(|n| !n.is_empty()),
            appendix_title: g
                .appendix_title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        });
    }

    // The appendix's layout first: a sheet's added columns are read by its titles.
    let (appendix, layout) = match &spec.appendix {
        None | Some(TaskAppendixIn::On(true)) => (
            Some("PHÂN CÔNG NHIỆM VỤ".to_string()),
            AppendixLayout::default(),
        ),
        Some(TaskAppendixIn::On(false)) => (None, AppendixLayout::default()),
        Some(TaskAppendixIn::Title(t)) => {
            (Some(t.trim().to_uppercase()), AppendixLayout::default())
        }
        Some(TaskAppendixIn::Spec(s)) => (
            Some(
                s.title
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .unwrap_or("PHÂN CÔNG NHIỆM VỤ")
                    .to_uppercase(),
            ),
            super::layout::from_spec(path, s, line_of, diags),
        ),
    };

    let mut raw: Vec<RawTask> = Vec::new();
    for (i, t) in spec.items.iter().flatten().enumerate() {
        raw.push(raw_from_item(i, t, &layout, path, line_of, diags));
    }
    if let Some(sheet) = given {
        read_sheet(sheet, &layout, &mut groups, &mut raw, diags);
    } else if let Some(source) = &spec.source {
        let sheet_path = path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join(source.trim());
        match Sheet::read(&sheet_path, spec.sheet.as_deref()) {
            Ok(sheet) => read_sheet(&sheet, &layout, &mut groups, &mut raw, diags),
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
    let mut tasks: Vec<Task> = Vec::new();
    let mut gaps: Vec<Gap> = Vec::new();
    // The group of the row before: a row "…" without a group stays in it.
    let mut last_group: Option<usize> = None;
    for t in raw {
        let group = match &t.group {
            None if groups.is_empty() => None,
            None if t.omitted => last_group,
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
                            number: None,
                            appendix_title: None,
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
        last_group = group;
        if t.omitted {
            gaps.push(Gap {
                group,
                at: tasks.len(),
            });
            continue;
        }
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
            number: t.number,
            extra: t.extra,
            origin: t.origin,
        });
    }
    // A group defined with no task yet is a warning of `vanban check`
    // (`task-group-empty`, rules/tasks.rs): the body prints its heading alone.
    if diags.len() > before {
        return None;
    }
    Some(TaskTable {
        groups,
        tasks,
        appendix,
        deadline_in_body: spec.deadline_in_body.unwrap_or(true),
        layout,
        gaps,
    })
}

fn raw_from_item(
    i: usize,
    t: &TaskIn,
    layout: &AppendixLayout,
    path: &Path,
    line_of: &dyn Fn(&str) -> Option<usize>,
    diags: &mut Vec<Diagnostic>,
) -> RawTask {
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
    // Added columns: each value needs its column, or the appendix would drop it.
    let keys = layout.extra_keys();
    let mut extra = BTreeMap::new();
    for (name, value) in t.extra.iter().flatten() {
        let key = Field::key(name);
        if keys.contains(&key) {
            extra.insert(key, value.as_text());
        } else {
            let here = format!("{field}.extra.{name}");
            let line = line_of(&here).or_else(|| line_of(&format!("{field}.extra")));
            diags.push(
                Diagnostic::error_bi(
                    path,
                    (
                        format!("phụ lục không có cột `{name}` cho giá trị này"),
                        format!("the appendix has no column `{name}` for this value"),
                    ),
                )
                .at_field(here)
                .at_line(line)
                .with_hint_bi((
                    format!(
                        "thêm cột `{name}` vào `tasks.appendix.columns`, hoặc sửa tên cho trùng tiêu đề một cột đã có"
                    ),
                    format!(
                        "add the column `{name}` to `tasks.appendix.columns`, or rename it to the title of a column there"
                    ),
                )),
            );
        }
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
        number: t
            .number
            .as_ref()
            .map(Scalar::as_text)
            .filter(|n| !n.is_empty()),
        extra,
        omitted: t.omitted.unwrap_or(false),
        origin: Origin::Field(field),
        places,
    }
}

/// "place: message" in both languages.
pub(super) fn at_place(place: &Bi, msg: &Bi) -> Bi {
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
