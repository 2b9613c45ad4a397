//! The task appendix as the document lays it out (issue 12): the column titles the document
//! sets, columns left out or added, the numbering as given, rows "…" for tasks left out,
//! the framing (label, reference line, paragraphs before and after); and the appendix
//! written from the table.

use super::*;
use crate::data::model::{AppendixLabelIn, AppendixRefIn, TaskAppendixSpec, TaskColumnIn};
use crate::data::sheet::header_key;
use crate::text::{capitalise, roman};

/// What a column of the task appendix holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// STT / TT.
    Number,
    /// Nội dung.
    Content,
    /// Cơ quan chủ trì.
    Lead,
    /// Cơ quan phối hợp.
    Support,
    /// Thời hạn.
    Deadline,
    /// Sản phẩm.
    Product,
    /// Ghi chú.
    Note,
    /// An added column (`Kinh phí`): the tasks' `extra` value under this key.
    Extra(String),
}

impl Field {
    /// The comparison key of a column title or an `extra` name ("Kinh  phí:" = "kinh phí").
    pub fn key(s: &str) -> String {
        header_key(s)
    }

    /// The field a column title names (`TT`, `Nội dung thực hiện`, `Thời gian thực hiện`), or
    /// an added column of that title.
    pub fn of_title(title: &str) -> Field {
        Field::known(title).unwrap_or_else(|| Field::Extra(Field::key(title)))
    }

    /// A field named in English (`number`, `content` …) or by a column title it knows.
    fn known(name: &str) -> Option<Field> {
        let key = Field::key(name);
        let english = match key.as_str() {
            "number" | "stt" => Some(Field::Number),
            "content" => Some(Field::Content),
            "lead" => Some(Field::Lead),
            "support" => Some(Field::Support),
            "deadline" => Some(Field::Deadline),
            "product" => Some(Field::Product),
            "note" => Some(Field::Note),
            _ => None,
        };
        english.or_else(|| {
            let (id, _) = sheet::COLUMNS
                .iter()
                .find(|(_, names)| names.iter().any(|n| Field::key(n) == key))?;
            match *id {
                "stt" => Some(Field::Number),
                "content" => Some(Field::Content),
                "lead" => Some(Field::Lead),
                "support" => Some(Field::Support),
                "deadline" => Some(Field::Deadline),
                "product" => Some(Field::Product),
                "note" => Some(Field::Note),
                _ => None,
            }
        })
    }

    /// Default relative width and alignment.
    fn defaults(&self) -> (f32, &'static str) {
        match self {
            // Wide enough for "STT" in bold with the cell padding on a landscape page of seven
            // columns: Word breaks a word wider than its cell ("ST" / "T"), typst lets it overflow.
            Field::Number => (0.6, "center"),
            Field::Content => (5.0, "justify"),
            Field::Lead | Field::Support => (2.0, "center"),
            Field::Deadline => (1.5, "center"),
            Field::Product => (1.7, "center"),
            Field::Note => (1.1, "center"),
            Field::Extra(_) => (1.3, "center"),
        }
    }
}

/// A column of the task appendix.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskColumn {
    /// What it holds.
    pub field: Field,
    /// Its header as printed.
    pub title: String,
    /// Relative width.
    pub width: f32,
    /// Cell alignment.
    pub align: String,
}

/// The task appendix as the document lays it out; the default is vanban's layout.
#[derive(Debug, Clone, Default)]
pub struct AppendixLayout {
    /// The columns in order; `None`: STT, Nội dung nhiệm vụ, Cơ quan chủ trì, Cơ quan phối
    /// hợp, Thời gian hoàn thành, and Sản phẩm, Ghi chú when a task has them.
    pub columns: Option<Vec<TaskColumn>>,
    /// Numbers from the sheet's STT column (`numbers: source`).
    pub numbers_from_source: bool,
    /// The label line.
    pub label: Option<AppendixLabelIn>,
    /// The reference line.
    pub reference: Option<AppendixRefIn>,
    /// Landscape pages (default true).
    pub landscape: Option<bool>,
    /// Paragraphs before the table.
    pub body: Option<Vec<BlockIn>>,
    /// Paragraphs after the table.
    pub after: Option<Vec<BlockIn>>,
}

impl AppendixLayout {
    /// The key of each added column.
    pub fn extra_keys(&self) -> Vec<String> {
        self.columns
            .iter()
            .flatten()
            .filter_map(|c| match &c.field {
                Field::Extra(k) => Some(k.clone()),
                _ => None,
            })
            .collect()
    }
}

/// A row "…" in place of tasks left out: in its group, before the task at `at`.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Index into [`TaskTable::groups`].
    pub group: Option<usize>,
    /// Index into [`TaskTable::tasks`] of the task it stands before (`tasks.len()`: last).
    pub at: usize,
}

/// The layout of `tasks.appendix: {…}`, every problem appended to `diags`.
pub(super) fn from_spec(
    path: &Path,
    spec: &TaskAppendixSpec,
    line_of: &dyn Fn(&str) -> Option<usize>,
    diags: &mut Vec<Diagnostic>,
) -> AppendixLayout {
    let at = |field: String, msg: Bi, hint: Bi| {
        Diagnostic::error_bi(path, msg)
            .at_line(line_of(&field))
            .at_field(field)
            .with_hint_bi(hint)
    };
    let columns = spec.columns.as_ref().map(|list| {
        if list.is_empty() {
            diags.push(at(
                "tasks.appendix.columns".into(),
                Bi::new("phụ lục không có cột nào", "the appendix has no columns"),
                Bi::new(
                    "ghi các cột, ví dụ `columns: [TT, Nội dung thực hiện, Cơ quan chủ trì, Thời gian thực hiện]`, hoặc bỏ `columns` để dùng cột mặc định",
                    "list the columns, e.g. `columns: [TT, Nội dung thực hiện, Cơ quan chủ trì, Thời gian thực hiện]`, or remove `columns` for the default ones",
                ),
            ));
        }
        list.iter()
            .enumerate()
            .map(|(i, c)| {
                let here = format!("tasks.appendix.columns[{i}]");
                let (title, field, width, align) = match c {
                    TaskColumnIn::Title(t) => (t.trim().to_string(), Field::of_title(t), None, None),
                    TaskColumnIn::Map(m) => {
                        let field = match m.field.as_deref().map(str::trim) {
                            Some(f) if !f.is_empty() => Field::known(f)
                                .unwrap_or_else(|| Field::Extra(Field::key(f))),
                            _ => Field::of_title(&m.title),
                        };
                        (m.title.trim().to_string(), field, m.width, m.align.clone())
                    }
                };
                if title.is_empty() {
                    diags.push(at(
                        here.clone(),
                        Bi::new("cột không có tiêu đề", "the column has no title"),
                        Bi::new(
                            "ghi tiêu đề cột như văn bản in, ví dụ `Nội dung thực hiện`",
                            "write the column's title as the document prints it, e.g. `Nội dung thực hiện`",
                        ),
                    ));
                }
                let (w0, a0) = field.defaults();
                let width = match width {
                    Some(w) if !(w.is_finite() && (0.1..=100.0).contains(&w)) => {
                        diags.push(at(
                            format!("{here}.width"),
                            Bi::new(
                                format!("độ rộng cột {w} nằm ngoài khoảng 0.1–100"),
                                format!("the column width {w} is outside 0.1–100"),
                            ),
                            Bi::new(
                                "độ rộng là tỉ lệ giữa các cột, ví dụ `width: 1` cho cột TT và `width: 5` cho cột nội dung",
                                "a width is relative to the other columns, e.g. `width: 1` for TT and `width: 5` for the text",
                            ),
                        ));
                        w0
                    }
                    Some(w) => w as f32,
                    None => w0,
                };
                let align = align.map_or_else(|| a0.to_string(), |a| a.trim().to_string());
                if !["left", "center", "right", "justify"].contains(&align.as_str()) {
                    diags.push(at(
                        format!("{here}.align"),
                        Bi::new(
                            format!("căn lề `{align}` không hợp lệ"),
                            format!("the alignment `{align}` is not valid"),
                        ),
                        Bi::new(
                            "dùng `left`, `center`, `right` hoặc `justify`",
                            "use `left`, `center`, `right` or `justify`",
                        ),
                    ));
                }
                TaskColumn {
                    field,
                    title,
                    width,
                    align,
                }
            })
            .collect()
    });
    let numbers_from_source = match spec.numbers.as_deref().map(str::trim) {
        None | Some("auto" | "tự động") => false,
        Some("source" | "theo bảng" | "như viết") => true,
        Some(other) => {
            diags.push(at(
                "tasks.appendix.numbers".into(),
                Bi::new(
                    format!("cách đánh số `{other}` không có"),
                    format!("there is no numbering `{other}`"),
                ),
                Bi::new(
                    "dùng `auto` (tự đánh số) hoặc `source` (lấy cột STT của bảng tính)",
                    "use `auto` (numbered by vanban) or `source` (the sheet's STT column)",
                ),
            ));
            false
        }
    };
    AppendixLayout {
        columns,
        numbers_from_source,
        label: spec.label.clone(),
        reference: spec.reference.clone(),
        landscape: spec.landscape,
        body: spec.body.clone(),
        after: spec.after.clone(),
    }
}

/// The default columns: STT, Nội dung nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời
/// gian hoàn thành, and Sản phẩm, Ghi chú when a task has them.
fn default_columns(table: &TaskTable) -> Vec<TaskColumn> {
    let col = |field: Field, title: &str| {
        let (width, align) = field.defaults();
        TaskColumn {
            field,
            title: title.into(),
            width,
            align: align.into(),
        }
    };
    let mut columns = vec![
        col(Field::Number, "STT"),
        col(Field::Content, "Nội dung nhiệm vụ"),
        col(Field::Lead, "Cơ quan chủ trì"),
        col(Field::Support, "Cơ quan phối hợp"),
        col(Field::Deadline, "Thời gian hoàn thành"),
    ];
    if table.tasks.iter().any(|t| !t.product.is_empty()) {
        columns.push(col(Field::Product, "Sản phẩm"));
    }
    if table.tasks.iter().any(|t| !t.note.is_empty()) {
        columns.push(col(Field::Note, "Ghi chú"));
    }
    columns
}

/// The "PHÂN CÔNG NHIỆM VỤ" appendix: landscape, groups numbered I, II … with their
/// tasks 1, 2 … beneath (or as the document numbers them), the header repeated on every
/// page, a row "…" where tasks were left out.
pub(super) fn appendix(table: &TaskTable, title: &str) -> AppendixIn {
    let layout = &table.layout;
    let columns = layout
        .columns
        .clone()
        .unwrap_or_else(|| default_columns(table));
    let n = columns.len();
    let text = |s: &str| CellIn::Text(Scalar::Text(s.to_string()));
    let across = |s: String, span: usize| {
        if span <= 1 {
            text(&s)
        } else {
            CellIn::Map(CellMap {
                text: Scalar::Text(s),
                span: Some(span),
                rows: None,
            })
        }
    };
    let task_row = |no: usize, t: &Task| {
        let number = t.number.clone().unwrap_or_else(|| no.to_string());
        RowIn::Cells(
            columns
                .iter()
                .map(|c| match &c.field {
                    Field::Number => text(&number),
                    Field::Content => text(&t.text()),
                    Field::Lead => text(&t.lead.join("; ")),
                    Field::Support => text(&t.support.join("; ")),
                    Field::Deadline => text(&capitalise(&t.deadline_text)),
                    Field::Product => text(&t.product),
                    Field::Note => text(&t.note),
                    Field::Extra(k) => text(t.extra.get(k).map_or("", String::as_str)),
                })
                .collect(),
        )
    };
    let gap_row = || RowIn::Cells(vec![across("…".into(), n)]);
    // The tasks and gaps of one group (or of the whole table) in order.
    let members = |group: Option<usize>, rows: &mut Vec<RowIn>| {
        let mut seq: Vec<(usize, u8, Option<&Task>)> = table
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.group == group)
            .map(|(k, t)| (k, 1, Some(t)))
            .collect();
        seq.extend(
            table
                .gaps
                .iter()
                .filter(|g| g.group == group)
                .map(|g| (g.at, 0, None)),
        );
        seq.sort_by_key(|(k, order, _)| (*k, *order));
        let mut no = 0usize;
        for (_, _, t) in seq {
            match t {
                Some(t) => {
                    no += 1;
                    rows.push(task_row(no, t));
                }
                None => rows.push(gap_row()),
            }
        }
    };
    let mut rows = Vec::new();
    if table.groups.is_empty() {
        members(None, &mut rows);
    } else {
        for (gi, g) in table.groups.iter().enumerate() {
            let number = g.number.clone().unwrap_or_else(|| roman(gi + 1));
            let title = g
                .appendix_title
                .as_deref()
                .unwrap_or(&g.title)
                .trim()
                .trim_end_matches(':')
                .trim()
                .to_string();
            if columns.first().is_some_and(|c| c.field == Field::Number) && n > 1 {
                rows.push(RowIn::Cells(vec![
                    text(&format!("**{number}**")),
                    across(format!("**{title}**"), n - 1),
                ]));
            } else {
                let number = number.trim_end_matches('.');
                rows.push(RowIn::Cells(vec![across(
                    format!("**{number}. {title}**"),
                    n,
                )]));
            }
            members(Some(gi), &mut rows);
        }
    }
    AppendixIn {
        title: Some(title.to_string()),
        landscape: Some(layout.landscape.unwrap_or(true)),
        body: layout.body.clone(),
        table: Some(TableIn {
            columns: columns
                .iter()
                .map(|c| ColumnIn {
                    title: c.title.clone(),
                    width: Some(f64::from(c.width)),
                    align: Some(c.align.clone()),
                })
                .collect(),
            rows,
        }),
        after: layout.after.clone(),
        label: layout.label.clone(),
        reference: layout.reference.clone(),
    }
}
