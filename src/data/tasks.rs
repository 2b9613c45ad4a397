//! Phân công nhiệm vụ: one task table drives the body's numbered directives, the
//! "PHÂN CÔNG NHIỆM VỤ" appendix and the per-unit extracts, so they cannot disagree.
//!
//! The table comes from the document (`tasks.items`), from a spreadsheet (`tasks.source`, CSV
//! or XLSX through [`super::sheet`]), or both. [`expand`] runs before the semantic checks: it
//! resolves the table, replaces each `- tasks: …` body entry with ordinary sections and dash
//! items, and puts the appendix table in front of the other appendices. Everything after it
//! (templates, tree, exporters) sees a document like any other.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::deadline::{self, Deadline};
use super::model::{
    AppendixIn, BlockIn, BlockMap, CellIn, CellMap, ColumnIn, Input, ItemIn, Lines, RowIn, Scalar,
    TableIn, TaskAppendixIn, TaskIn, TasksIn,
};
use super::sheet::Sheet;
use crate::diag::Diagnostic;

/// Where the body prints a task's deadline inside its text.
pub const DEADLINE_MARK: &str = "{thời hạn}";

/// The resolved task table.
#[derive(Debug, Clone, Serialize)]
pub struct TaskTable {
    /// Groups (directives) in order.
    pub groups: Vec<TaskGroup>,
    /// Tasks in order.
    pub tasks: Vec<Task>,
    /// The appendix title, when the appendix is on.
    pub appendix: Option<String>,
    /// Deadlines printed in the body for texts without [`DEADLINE_MARK`].
    pub deadline_in_body: bool,
}

/// A group of tasks: a directive of the body.
#[derive(Debug, Clone, Serialize)]
pub struct TaskGroup {
    /// Its id, as tasks name it.
    pub id: String,
    /// Its heading as the body prints it.
    pub title: String,
    /// Where it was defined, for messages (`tasks.groups[0]`, or a sheet row).
    pub origin: Origin,
    /// Paragraphs under the heading (not serialised: only the body expansion uses them).
    #[serde(skip)]
    pub intro: Vec<BlockIn>,
}

/// Where a task or group came from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub enum Origin {
    /// A field path in the document file.
    Field(String),
    /// A spreadsheet row: file, place text ("trang `…`, dòng 7"), row number.
    Row(PathBuf, String, usize),
}

/// One task.
#[derive(Debug, Clone, Serialize)]
pub struct Task {
    /// Index into [`TaskTable::groups`].
    pub group: Option<usize>,
    /// Nội dung, as written (may hold [`DEADLINE_MARK`]).
    pub content: String,
    /// Cơ quan chủ trì.
    pub lead: Vec<String>,
    /// Cơ quan phối hợp.
    pub support: Vec<String>,
    /// Thời hạn, parsed.
    #[serde(skip)]
    pub deadline: Option<Deadline>,
    /// Thời hạn, normalised Vietnamese ("trước ngày 30/9/2024"); empty when none.
    pub deadline_text: String,
    /// Sản phẩm.
    pub product: String,
    /// Ghi chú.
    pub note: String,
    /// Where it was written.
    pub origin: Origin,
}

impl Task {
    /// The content with the deadline put in its place: the task's sentence as the appendix
    /// and the extracts print it.
    pub fn text(&self) -> String {
        self.content.replace(DEADLINE_MARK, &self.deadline_text)
    }

    /// The task as the body prints it: its text, and its deadline after it when the text
    /// does not already hold it.
    pub fn body_text(&self, deadline_in_body: bool) -> String {
        if self.content.contains(DEADLINE_MARK)
            || !deadline_in_body
            || self.deadline_text.is_empty()
        {
            return self.text();
        }
        with_deadline(&self.text(), &self.deadline_text)
    }

    /// All units named: leads, then supports.
    pub fn units(&self) -> impl Iterator<Item = &String> {
        self.lead.iter().chain(self.support.iter())
    }
}

/// "Xây dựng kế hoạch." + "trước ngày 30/9/2024" -> "Xây dựng kế hoạch (thời hạn: trước ngày
/// 30/9/2024)."
pub fn with_deadline(text: &str, deadline: &str) -> String {
    let t = text.trim_end();
    let core = t.trim_end_matches(['.', ';', ',']);
    let end = &t[core.len()..];
    let end = if end.is_empty() { "" } else { &end[..1] };
    format!("{core} (thời hạn: {deadline}){end}")
}

/// Capitalise the first letter ("trước ngày …" -> "Trước ngày …") for table cells.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Units in one cell or line: "Sở Xây dựng; UBND các huyện" -> two units. Commas stay: unit
/// names hold them ("Sở Văn hóa, Thể thao và Du lịch").
pub fn split_units(s: &str) -> Vec<String> {
    s.split([';', '\n'])
        .map(|u| u.trim().trim_start_matches(['-', '+', '•']).trim())
        .filter(|u| !u.is_empty())
        .map(|u| u.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn units_of(lines: &Option<Lines>) -> Vec<String> {
    match lines {
        None => Vec::new(),
        Some(Lines::One(s)) => split_units(s),
        Some(Lines::Many(v)) => v.iter().flat_map(|s| split_units(s)).collect(),
    }
}

/// Key that makes two spellings of one unit equal: NFC, lower case, single spaces.
pub fn unit_key(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Looser key for near-duplicates: [`unit_key`] without diacritics or punctuation
/// ("Sở Tài chinh" and "Sở Tài chính", "UBND tỉnh." and "UBND tỉnh").
pub fn unit_loose_key(s: &str) -> String {
    let mut out = String::new();
    for c in unit_key(s).nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            'đ' => out.push('d'),
            c if c.is_alphanumeric() => out.push(c),
            _ => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        }
    }
    out.trim().to_string()
}

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
    places: BTreeMap<&'static str, (Option<String>, Option<usize>)>,
}

/// Resolve the task table and replace the body's `- tasks: …` entries. `line_of` gives the
/// line of a field path in the document file. Returns the table (if the document has one)
/// and every problem found. On problems, the `tasks` entries are still removed from the
/// body, so the checks that follow do not report them twice.
pub fn expand(
    path: &Path,
    input: &mut Input,
    line_of: &dyn Fn(&str) -> Option<usize>,
) -> (Option<TaskTable>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let Some(spec) = input.tasks.take() else {
        // `- tasks:` without a table.
        if let Some(body) = &mut input.body {
            let mut found = Vec::new();
            strip_refs(body, "body", &mut found);
            for field in found {
                diags.push(
                    Diagnostic::error(
                        path,
                        "nội dung gọi `tasks` nhưng văn bản không có bảng `tasks`",
                    )
                    .at_field(field.clone())
                    .at_line(line_of(&field))
                    .with_hint("thêm khối `tasks:` (xem docs/tasks.md), hoặc bỏ dòng `- tasks: …`"),
                );
            }
        }
        return (None, diags);
    };
    let table = resolve(path, &spec, line_of, &mut diags);
    let Some(table) = table else {
        if let Some(body) = &mut input.body {
            strip_refs(body, "body", &mut Vec::new());
        }
        return (None, diags);
    };
    if let Some(body) = input.body.take() {
        let mut referenced = false;
        let new_body = expand_blocks(
            body,
            "body",
            &table,
            path,
            line_of,
            &mut diags,
            &mut referenced,
        );
        input.body = Some(new_body);
    }
    if let Some(title) = &table.appendix {
        let appendix = appendix(&table, title);
        input
            .appendices
            .get_or_insert_with(Vec::new)
            .insert(0, appendix);
    }
    (Some(table), diags)
}

/// Remove `tasks` entries from blocks (recursively), recording their field paths.
fn strip_refs(blocks: &mut Vec<BlockIn>, path: &str, found: &mut Vec<String>) {
    let mut index = 0usize;
    blocks.retain_mut(|b| {
        let here = format!("{path}[{index}]");
        index += 1;
        if let BlockIn::Map(m) = b {
            if m.tasks.is_some() {
                found.push(format!("{here}.tasks"));
                return false;
            }
            if let Some(inner) = &mut m.body {
                strip_refs(inner, &format!("{here}.body"), found);
            }
        }
        true
    });
}

fn resolve(
    path: &Path,
    spec: &TasksIn,
    line_of: &dyn Fn(&str) -> Option<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<TaskTable> {
    let before = diags.len();
    let at = |field: &str, msg: String, hint: &str| {
        Diagnostic::error(path, msg)
            .at_field(field.to_string())
            .at_line(line_of(field))
            .with_hint(hint.to_string())
    };
    let mut groups: Vec<TaskGroup> = Vec::new();
    for (i, g) in spec.groups.iter().flatten().enumerate() {
        let field = format!("tasks.groups[{i}]");
        let id = g.id.as_text();
        let title = g.title.trim().to_string();
        if title.is_empty() {
            diags.push(at(
                &format!("{field}.title"),
                "nhóm nhiệm vụ không có tiêu đề".into(),
                "ghi `title:` là câu mở đầu của mục trong nội dung, ví dụ `Ủy ban nhân dân các huyện, thành phố, thị xã:`",
            ));
        }
        if groups.iter().any(|o| unit_key(&o.id) == unit_key(&id)) {
            diags.push(at(
                &format!("{field}.id"),
                format!("hai nhóm nhiệm vụ cùng mã `{id}`"),
                "đặt mỗi nhóm một mã riêng (1, 2, 3 … hoặc tên ngắn)",
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
                let hint = format!(
                    "{} (tệp này là bảng nhiệm vụ ghi ở `tasks.source` của {}, dòng {})",
                    d.hint.clone().unwrap_or_default(),
                    path.display(),
                    line_of("tasks.source").map_or("?".into(), |l| l.to_string())
                );
                diags.push((*d).with_hint(hint));
            }
        }
    }
    if raw.is_empty() && diags.len() == before {
        diags.push(at(
            "tasks",
            "bảng nhiệm vụ không có nhiệm vụ nào".into(),
            "thêm `items:` với từng nhiệm vụ, hoặc `source:` là tệp Excel/CSV của bảng",
        ));
    }

    // Resolve groups, leads and deadlines; report every problem with its place.
    let place_diag = |t: &RawTask, key: &'static str, msg: String, hint: &str| -> Diagnostic {
        let (place, line) = t.places.get(key).cloned().unwrap_or((None, None));
        match &t.origin {
            Origin::Field(_) => {
                let field = place.unwrap_or_default();
                Diagnostic::error(path, msg)
                    .at_line(line_of(&field))
                    .at_field(field)
                    .with_hint(hint.to_string())
            }
            Origin::Row(file, _, _) => Diagnostic::error(
                file,
                match place.filter(|p| !p.is_empty()) {
                    Some(p) => format!("{p}: {msg}"),
                    None => msg,
                },
            )
            .at_line(line)
            .with_hint(hint.to_string()),
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
                    "nhiệm vụ không thuộc nhóm nào, trong khi bảng có chia nhóm".into(),
                    &format!(
                        "ghi mã nhóm ở `group` (có: {})",
                        groups
                            .iter()
                            .map(|g| g.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
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
                            format!("không có nhóm nhiệm vụ `{g}`"),
                            &format!(
                                "dùng mã của một nhóm trong `tasks.groups` (có: {})",
                                groups
                                    .iter()
                                    .map(|g| g.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
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
                "nhiệm vụ không có nội dung".into(),
                "ghi nội dung nhiệm vụ",
            ));
        }
        if t.lead.is_empty() {
            diags.push(place_diag(
                &t,
                "lead",
                "nhiệm vụ không có cơ quan chủ trì".into(),
                "ghi cơ quan chủ trì; nhiều cơ quan thì cách nhau bằng dấu `;`",
            ));
        }
        let (deadline, deadline_text) = match &t.deadline {
            None => (None, String::new()),
            Some(s) => match deadline::parse(s) {
                Ok(d) => {
                    let text = d.to_vietnamese();
                    (Some(d), text)
                }
                Err(e) => {
                    diags.push(place_diag(
                        &t,
                        "deadline",
                        e,
                        "sửa thời hạn theo một trong các cách viết trên",
                    ));
                    (None, String::new())
                }
            },
        };
        if t.content.contains(DEADLINE_MARK) && deadline.is_none() && t.deadline.is_none() {
            diags.push(place_diag(
                &t,
                "content",
                format!("nội dung có chỗ ghi thời hạn `{DEADLINE_MARK}` nhưng nhiệm vụ không có thời hạn"),
                "ghi thời hạn của nhiệm vụ, hoặc bỏ `{thời hạn}` khỏi nội dung",
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
            let msg = format!("nhóm nhiệm vụ `{}` không có nhiệm vụ nào", g.id);
            let hint = "thêm nhiệm vụ cho nhóm (trường `group` của nhiệm vụ), hoặc bỏ nhóm";
            diags.push(match &g.origin {
                Origin::Field(f) => at(f, msg, hint),
                Origin::Row(file, place, line) => {
                    Diagnostic::error(file, format!("{place}: {msg}"))
                        .at_line(Some(*line))
                        .with_hint(hint)
                }
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
        places.insert(key, (Some(f), None));
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

/// Is `s` a Roman numeral heading (I, II, IV …)?
fn is_roman(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    !t.is_empty() && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

fn read_sheet(
    sheet: &Sheet,
    groups: &mut Vec<TaskGroup>,
    raw: &mut Vec<RawTask>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut cols: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, h) in sheet.headers.iter().enumerate() {
        let key = super::sheet::header_key(h);
        let known = COLUMNS
            .iter()
            .find(|(_, names)| names.iter().any(|n| super::sheet::header_key(n) == key));
        match known {
            Some((name, _)) => {
                cols.insert(name, i);
            }
            None => diags.push(
                Diagnostic::error(
                    &sheet.path,
                    format!(
                        "{}cột {} có tên `{h}` không dùng được cho bảng nhiệm vụ",
                        sheet
                            .name
                            .as_ref()
                            .map(|n| format!("trang `{n}`, "))
                            .unwrap_or_default(),
                        super::sheet::column_letters(i)
                    ),
                )
                .at_line(Some(1))
                .with_hint(format!(
                    "đặt tên cột là một trong: {}",
                    COLUMNS
                        .iter()
                        .map(|(_, n)| n[0])
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
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
                Diagnostic::error(&sheet.path, format!("bảng nhiệm vụ thiếu cột `{title}`"))
                    .at_line(Some(1))
                    .with_hint(format!("thêm cột `{title}` ở dòng tiêu đề")),
            );
        }
    }
    if !cols.contains_key("content") || !cols.contains_key("lead") {
        return;
    }
    let cell = |row: &super::sheet::Row, key: &str| -> String {
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
                    origin: Origin::Row(sheet.path.clone(), sheet.row_place(row), row.number),
                    intro: Vec::new(),
                });
            }
            continue;
        }
        let mut places = BTreeMap::new();
        for key in ["group", "content", "lead", "deadline"] {
            let place = match cols.get(key) {
                Some(c) => sheet.column_place(*c),
                None => sheet
                    .name
                    .as_ref()
                    .map(|n| format!("trang `{n}`"))
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
            origin: Origin::Row(sheet.path.clone(), sheet.row_place(row), row.number),
            places,
        });
    }
}

/// Replace `- tasks: …` entries of `blocks`, recursively.
#[allow(clippy::too_many_arguments)] // one recursive walk; the arguments are its context
fn expand_blocks(
    blocks: Vec<BlockIn>,
    path: &str,
    table: &TaskTable,
    file: &Path,
    line_of: &dyn Fn(&str) -> Option<usize>,
    diags: &mut Vec<Diagnostic>,
    referenced: &mut bool,
) -> Vec<BlockIn> {
    let mut out = Vec::new();
    for (i, b) in blocks.into_iter().enumerate() {
        let here = format!("{path}[{i}]");
        match b {
            BlockIn::Map(mut m) if m.tasks.is_some() => {
                let what = m.tasks.take().map(|s| s.as_text()).unwrap_or_default();
                match what.as_str() {
                    "all" | "tất cả" => {
                        if table.groups.is_empty() {
                            out.extend(by_unit(table));
                        } else {
                            out.extend(by_group(table));
                        }
                        out.extend(reference(table, referenced));
                    }
                    "by-unit" | "theo đơn vị" => {
                        out.extend(by_unit(table));
                        out.extend(reference(table, referenced));
                    }
                    id => {
                        let key = unit_key(id);
                        match table
                            .groups
                            .iter()
                            .position(|g| unit_key(&g.id) == key || unit_key(&g.title) == key)
                        {
                            Some(g) => out.push(items_of(table, |t| t.group == Some(g))),
                            None => {
                                let field = format!("{here}.tasks");
                                diags.push(
                                    Diagnostic::error(
                                        file,
                                        format!("không có nhóm nhiệm vụ `{id}`"),
                                    )
                                    .at_line(line_of(&field))
                                    .at_field(field)
                                    .with_hint(format!(
                                        "dùng `all`, `by-unit`, hoặc mã một nhóm (có: {})",
                                        table
                                            .groups
                                            .iter()
                                            .map(|g| g.id.as_str())
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    )),
                                );
                            }
                        }
                    }
                }
            }
            BlockIn::Map(mut m) => {
                if let Some(inner) = m.body.take() {
                    m.body = Some(expand_blocks(
                        inner,
                        &format!("{here}.body"),
                        table,
                        file,
                        line_of,
                        diags,
                        referenced,
                    ));
                }
                out.push(BlockIn::Map(m));
            }
            b => out.push(b),
        }
    }
    out
}

/// Dash items of the tasks that `keep` selects, as the body prints them.
fn items_of(table: &TaskTable, keep: impl Fn(&Task) -> bool) -> BlockIn {
    let members: Vec<&Task> = table.tasks.iter().filter(|t| keep(t)).collect();
    dash_items(table, &members)
}

/// Tasks as dash items: ";" after each, "." after the last (NĐ 30, Phụ lục I, II.6), unless
/// the text already ends with its own punctuation.
fn dash_items(table: &TaskTable, members: &[&Task]) -> BlockIn {
    let n = members.len();
    BlockIn::Map(Box::new(BlockMap {
        items: Some(
            members
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let text = t.body_text(table.deadline_in_body);
                    let end = if i + 1 == n { "." } else { ";" };
                    ItemIn::Text(punctuate(&text, end))
                })
                .collect(),
        ),
        ..BlockMap::default()
    }))
}

/// `text` with `end` after it, unless it ends with punctuation already.
fn punctuate(text: &str, end: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', ';', ':', '!', '?', '…']) {
        t.to_string()
    } else {
        format!("{t}{end}")
    }
}

/// A numbered section: its heading with the one task on its line, or its intro and items.
fn section(title: &str, intro: &[BlockIn], table: &TaskTable, members: &[&Task]) -> BlockIn {
    if intro.is_empty() && members.len() == 1 {
        return BlockIn::Map(Box::new(BlockMap {
            section: Some(title.to_string()),
            text: Some(punctuate(
                &members[0].body_text(table.deadline_in_body),
                ".",
            )),
            ..BlockMap::default()
        }));
    }
    let mut body = intro.to_vec();
    body.push(dash_items(table, members));
    BlockIn::Map(Box::new(BlockMap {
        section: Some(title.to_string()),
        body: Some(body),
        ..BlockMap::default()
    }))
}

fn by_group(table: &TaskTable) -> Vec<BlockIn> {
    table
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let members: Vec<&Task> = table.tasks.iter().filter(|t| t.group == Some(i)).collect();
            section(&heading(&g.title), &g.intro, table, &members)
        })
        .collect()
}

/// A heading ends with ":" before its text.
fn heading(title: &str) -> String {
    let t = title.trim();
    if t.ends_with(':') {
        t.to_string()
    } else {
        format!("{}:", t.trim_end_matches(['.', ';']))
    }
}

/// The lead units of a task as one heading key and text.
fn lead_line(t: &Task) -> String {
    t.lead.join(", ")
}

fn by_unit(table: &TaskTable) -> Vec<BlockIn> {
    let mut order: Vec<String> = Vec::new();
    for t in &table.tasks {
        let l = lead_line(t);
        if !order.iter().any(|o| unit_key(o) == unit_key(&l)) {
            order.push(l);
        }
    }
    order
        .iter()
        .map(|unit| {
            let members: Vec<&Task> = table
                .tasks
                .iter()
                .filter(|t| unit_key(&lead_line(t)) == unit_key(unit))
                .collect();
            section(&heading(unit), &[], table, &members)
        })
        .collect()
}

/// "(chi tiết có Phụ lục phân công nhiệm vụ kèm theo)", once, after the directives.
fn reference(table: &TaskTable, referenced: &mut bool) -> Option<BlockIn> {
    if table.appendix.is_none() || *referenced {
        return None;
    }
    *referenced = true;
    Some(BlockIn::Map(Box::new(BlockMap {
        para: Some("(chi tiết có Phụ lục phân công nhiệm vụ kèm theo)".into()),
        italic: Some(true),
        ..BlockMap::default()
    })))
}

/// The "PHÂN CÔNG NHIỆM VỤ" appendix: landscape, groups numbered I, II … with their
/// tasks 1, 2 … beneath, the header repeated on every page.
fn appendix(table: &TaskTable, title: &str) -> AppendixIn {
    let has_notes = table.tasks.iter().any(|t| !t.note.is_empty());
    let has_products = table.tasks.iter().any(|t| !t.product.is_empty());
    let col = |title: &str, width: f32, align: Option<&str>| ColumnIn {
        title: title.into(),
        width: Some(width),
        align: align.map(str::to_string),
    };
    let mut columns = vec![
        col("STT", 0.55, Some("center")),
        col("Nội dung nhiệm vụ", 5.0, Some("justify")),
        col("Cơ quan chủ trì", 2.0, Some("center")),
        col("Cơ quan phối hợp", 2.0, Some("center")),
        col("Thời gian hoàn thành", 1.5, Some("center")),
    ];
    if has_products {
        columns.push(col("Sản phẩm", 1.7, Some("center")));
    }
    if has_notes {
        columns.push(col("Ghi chú", 1.1, Some("center")));
    }
    let n = columns.len();
    let text = |s: &str| CellIn::Text(Scalar::Text(s.to_string()));
    let task_row = |no: usize, t: &Task| {
        let mut cells = vec![
            text(&no.to_string()),
            text(&t.text()),
            text(&t.lead.join("; ")),
            text(&t.support.join("; ")),
            text(&capitalise(&t.deadline_text)),
        ];
        if has_products {
            cells.push(text(&t.product));
        }
        if has_notes {
            cells.push(text(&t.note));
        }
        RowIn::Cells(cells)
    };
    let mut rows = Vec::new();
    if table.groups.is_empty() {
        for (i, t) in table.tasks.iter().enumerate() {
            rows.push(task_row(i + 1, t));
        }
    } else {
        for (gi, g) in table.groups.iter().enumerate() {
            let title = g.title.trim().trim_end_matches(':').trim();
            rows.push(RowIn::Cells(vec![
                text(&format!("**{}**", super::check::roman(gi + 1))),
                CellIn::Map(CellMap {
                    text: Scalar::Text(format!("**{title}**")),
                    span: Some(n - 1),
                    rows: None,
                }),
            ]));
            for (i, t) in table
                .tasks
                .iter()
                .filter(|t| t.group == Some(gi))
                .enumerate()
            {
                rows.push(task_row(i + 1, t));
            }
        }
    }
    AppendixIn {
        title: Some(title.to_string()),
        landscape: Some(true),
        body: None,
        table: Some(TableIn { columns, rows }),
    }
}

/// Each unit of the table (leads and supports) with one spelling, in order of first
/// appearance: the spelling written first wins.
pub fn units(table: &TaskTable) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in &table.tasks {
        for u in t.units() {
            if !out.iter().any(|o| unit_key(o) == unit_key(u)) {
                out.push(u.clone());
            }
        }
    }
    out
}

/// A unit's tasks: those it leads, then those it supports, each sorted by deadline.
pub fn tasks_of<'a>(table: &'a TaskTable, unit: &str) -> (Vec<&'a Task>, Vec<&'a Task>) {
    let key = unit_key(unit);
    let sort = |v: &mut Vec<&Task>| {
        v.sort_by_key(|t| t.deadline.as_ref().map_or((3, None), Deadline::sort_key))
    };
    let mut lead: Vec<&Task> = table
        .tasks
        .iter()
        .filter(|t| t.lead.iter().any(|u| unit_key(u) == key))
        .collect();
    let mut support: Vec<&Task> = table
        .tasks
        .iter()
        .filter(|t| t.support.iter().any(|u| unit_key(u) == key))
        .collect();
    sort(&mut lead);
    sort(&mut support);
    (lead, support)
}

/// Units written in two ways: (first spelling, other spelling, exact-but-for-case-and-spaces).
/// The second flag is false for near-duplicates (differing in diacritics or punctuation).
pub fn spelling_conflicts(table: &TaskTable) -> Vec<(String, String, bool)> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for t in &table.tasks {
        for u in t.units() {
            if seen.contains(u) {
                continue;
            }
            if let Some(first) = seen.iter().find(|s| unit_key(s) == unit_key(u)) {
                out.push((first.clone(), u.clone(), true));
            } else if let Some(first) = seen.iter().find(|s| unit_loose_key(s) == unit_loose_key(u))
            {
                out.push((first.clone(), u.clone(), false));
            }
            seen.push(u.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(yaml: &str) -> Input {
        serde_saphyr::from_str(yaml).expect("valid test YAML")
    }

    fn run(yaml: &str) -> (Input, Option<TaskTable>, Vec<Diagnostic>) {
        let mut i = input(yaml);
        let (t, d) = expand(Path::new("t.yaml"), &mut i, &|_| None);
        (i, t, d)
    }

    const BASE: &str = r#"
body:
  - "Mở đầu."
  - tasks: all
tasks:
  groups:
    - {id: 1, title: "Ủy ban nhân dân các huyện:"}
    - {id: 2, title: "Sở Nông nghiệp và Phát triển nông thôn"}
  items:
    - {group: 1, content: "Rà soát tiêu chí.", lead: "UBND các huyện", deadline: "30/9/2024"}
    - {group: 1, content: "Hoàn thiện hồ sơ {thời hạn}.", lead: "UBND huyện Kỳ Anh", support: "Sở Xây dựng; Sở Tài chính", deadline: "trước 31/3/2025", product: "Hồ sơ"}
    - {group: 2, content: "Tổng hợp, báo cáo.", lead: "Sở Nông nghiệp và Phát triển nông thôn", deadline: "hằng tháng trước ngày 25"}
"#;

    #[test]
    fn body_sections_appendix_from_one_table() {
        let (i, t, d) = run(BASE);
        assert!(d.is_empty(), "{d:?}");
        let t = t.expect("table");
        assert_eq!(t.tasks.len(), 3);
        let body = i.body.expect("body");
        // Mở đầu, section 1, section 2, the reference.
        assert_eq!(body.len(), 4);
        let BlockIn::Map(s1) = &body[1] else {
            panic!("section")
        };
        assert_eq!(s1.section.as_deref(), Some("Ủy ban nhân dân các huyện:"));
        let BlockIn::Map(items) = &s1.body.as_ref().expect("body")[0] else {
            panic!("items")
        };
        let items: Vec<String> = items
            .items
            .as_ref()
            .expect("items")
            .iter()
            .map(|x| match x {
                ItemIn::Text(s) => s.clone(),
                ItemIn::Map(m) => m.text.clone(),
            })
            .collect();
        assert_eq!(
            items,
            [
                "Rà soát tiêu chí (thời hạn: 30/9/2024).",
                "Hoàn thiện hồ sơ trước ngày 31/3/2025."
            ]
        );
        assert_eq!(punctuate("Làm A", ";"), "Làm A;");
        assert_eq!(punctuate("Làm A…", ";"), "Làm A…");
        assert_eq!(punctuate("Làm A (nếu có).", ";"), "Làm A (nếu có).");
        // One task in group 2: on the heading's line.
        let BlockIn::Map(s2) = &body[2] else {
            panic!("section")
        };
        assert_eq!(
            s2.section.as_deref(),
            Some("Sở Nông nghiệp và Phát triển nông thôn:")
        );
        assert_eq!(
            s2.text.as_deref(),
            Some("Tổng hợp, báo cáo (thời hạn: hằng tháng, trước ngày 25).")
        );
        let BlockIn::Map(r) = &body[3] else {
            panic!("reference")
        };
        assert!(r.para.as_deref().unwrap_or("").contains("Phụ lục"));
        let a = &i.appendices.expect("appendix")[0];
        assert_eq!(a.landscape, Some(true));
        let table = a.table.as_ref().expect("table");
        assert_eq!(table.columns.len(), 6, "product column, no notes column");
        // I, 1, 2, II, 1
        assert_eq!(table.rows.len(), 5);
    }

    #[test]
    fn a_unit_gets_what_it_leads_and_supports_by_deadline() {
        let (_, t, _) = run(BASE);
        let t = t.expect("table");
        let (lead, support) = tasks_of(&t, "sở xây  dựng");
        assert!(lead.is_empty());
        assert_eq!(support.len(), 1);
        assert_eq!(units(&t).len(), 5);
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let (i, t, d) = run(r#"
body:
  - tasks: all
tasks:
  groups:
    - {id: 1, title: "A"}
    - {id: 2, title: "B"}
  items:
    - {group: 1, content: "X", deadline: "31/6/2024"}
    - {group: 3, content: "Y", lead: "Sở Y tế"}
"#);
        assert!(t.is_none());
        let msgs: Vec<String> = d
            .iter()
            .map(|d| format!("{} @ {}", d.message, d.field.clone().unwrap_or_default()))
            .collect();
        let all = msgs.join("\n");
        assert!(
            all.contains("không có cơ quan chủ trì @ tasks.items[0]"),
            "{all}"
        );
        assert!(
            all.contains("không tồn tại @ tasks.items[0].deadline"),
            "{all}"
        );
        assert!(
            all.contains("không có nhóm nhiệm vụ `3` @ tasks.items[1].group"),
            "{all}"
        );
        assert!(
            all.contains("`2` không có nhiệm vụ nào @ tasks.groups[1]"),
            "{all}"
        );
        // The `tasks` entry is gone, so later checks do not trip over it.
        assert!(i.body.expect("body").is_empty());
    }

    #[test]
    fn tasks_without_a_table_are_an_error() {
        let (_, t, d) = run("body:\n  - tasks: all\n");
        assert!(t.is_none());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].field.as_deref(), Some("body[0].tasks"));
    }

    #[test]
    fn by_unit_groups_by_lead() {
        let (i, _, d) = run(r#"
body:
  - tasks: by-unit
tasks:
  appendix: false
  items:
    - {content: "A.", lead: "Sở Y tế", deadline: "năm 2024"}
    - {content: "B.", lead: "Sở Xây dựng"}
    - {content: "C.", lead: "sở y  tế", deadline: thường xuyên}
"#);
        assert!(d.is_empty(), "{d:?}");
        let body = i.body.expect("body");
        assert_eq!(body.len(), 2, "two units, no appendix reference");
        assert!(i.appendices.is_none());
    }

    #[test]
    fn spellings() {
        let (_, t, _) = run(r#"
tasks:
  items:
    - {content: "A.", lead: "Sở Tài chính"}
    - {content: "B.", lead: "Sở Tài Chính"}
    - {content: "C.", lead: "Sở Tài chinh"}
"#);
        let c = spelling_conflicts(&t.expect("table"));
        assert_eq!(c.len(), 2);
        assert!(c[0].2, "case only");
        assert!(!c[1].2, "diacritics: near-duplicate");
    }

    #[test]
    fn deadline_goes_before_the_final_period() {
        assert_eq!(
            with_deadline("Làm A.", "30/9/2024"),
            "Làm A (thời hạn: 30/9/2024)."
        );
        assert_eq!(
            with_deadline("Làm A", "30/9/2024"),
            "Làm A (thời hạn: 30/9/2024)"
        );
        assert_eq!(
            split_units("Sở Văn hóa, Thể thao và Du lịch; - UBND xã"),
            ["Sở Văn hóa, Thể thao và Du lịch", "UBND xã"]
        );
    }
}
