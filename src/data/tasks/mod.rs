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

use super::deadline::{self, Deadline};
use super::model::{
    AppendixIn, BlockIn, BlockMap, CellIn, CellMap, ColumnIn, Input, ItemIn, Lines, RowIn, Scalar,
    TableIn, TaskAppendixIn, TaskIn, TasksIn,
};
use crate::diag::{Bi, Diagnostic};
use crate::text::{loose_key, unit_key};

mod layout;
mod resolve;
mod sheet;
mod write;

use layout::appendix;
pub use layout::{AppendixLayout, Field, Gap, TaskColumn};
use resolve::{group_hint, resolve};
use write::expand_blocks;

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
    /// The appendix as the document lays it out (columns, numbering, framing).
    #[serde(skip)]
    pub layout: AppendixLayout,
    /// Rows "…" that stand for tasks left out of the appendix.
    #[serde(skip)]
    pub gaps: Vec<Gap>,
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
    /// Its number as the document prints it (`VI`); automatic when `None`.
    pub number: Option<String>,
    /// Its title in the appendix when it differs from the body's.
    pub appendix_title: Option<String>,
}

/// Where a task or group came from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub enum Origin {
    /// A field path in the document file.
    Field(String),
    /// A spreadsheet row: file, place text ("trang `…`, dòng 7", in both languages), row
    /// number.
    Row(PathBuf, Bi, usize),
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
    /// Its number as the document prints it in the appendix; automatic when `None`.
    pub number: Option<String>,
    /// The values of the appendix's added columns, by [`Field::key`] of the column title.
    pub extra: BTreeMap<String, String>,
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

/// Resolve the task table and replace the body's `- tasks: …` entries. `line_of` gives the
/// line of a field path in the document file. Returns the table (if the document has one)
/// and every problem found. On problems, the `tasks` entries are still removed from the
/// body, so the checks that follow do not report them twice.
pub fn expand(
    path: &Path,
    input: &mut Input,
    line_of: &dyn Fn(&str) -> Option<usize>,
    renames: &mut Renames,
) -> (Option<TaskTable>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let Some(spec) = input.tasks.take() else {
        // `- tasks:` without a table.
        if let Some(body) = &mut input.body {
            let mut found = Vec::new();
            strip_refs(body, "body", &mut found);
            for field in found {
                diags.push(
                    Diagnostic::error_bi(
                        path,
                        (
                            "nội dung gọi `tasks` nhưng văn bản không có bảng `tasks`",
                            "the body calls for `tasks` but the document has no `tasks` table",
                        ),
                    )
                    .at_field(field.clone())
                    .at_line(line_of(&field))
                    .with_hint_bi((
                        "thêm khối `tasks:` (xem docs/tasks.md), hoặc bỏ dòng `- tasks: …`",
                        "add a `tasks:` block (see docs/tasks.md), or remove the line `- tasks: …`",
                    )),
                );
            }
        }
        return (None, diags);
    };
    let table = resolve(path, &spec, None, line_of, &mut diags);
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
            ("body", "body"),
            &table,
            path,
            line_of,
            &mut diags,
            &mut referenced,
            renames,
        );
        input.body = Some(new_body);
    }
    if let Some(title) = &table.appendix {
        let appendix = appendix(&table, title);
        let appendices = input.appendices.get_or_insert_with(Vec::new);
        // The document's own appendices move down by one; the parts of this one that the
        // document wrote are in `tasks.appendix`.
        for k in 0..appendices.len() {
            renames.push((format!("appendices[{}]", k + 1), format!("appendices[{k}]")));
        }
        for part in ["body", "after", "label", "reference"] {
            renames.push((
                format!("appendices[0].{part}"),
                format!("tasks.appendix.{part}"),
            ));
        }
        renames.push(("appendices[0]".into(), "tasks.appendix".into()));
        appendices.insert(0, appendix);
    }
    (Some(table), diags)
}

/// Field paths of the expanded document that the file wrote elsewhere: (expanded path,
/// path in the file), most specific last-found; see [`user_field`].
pub type Renames = Vec<(String, String)>;

/// `field` of the expanded document as the file wrote it: the longest recorded path that
/// `field` starts with (as a whole part) is replaced.
pub fn user_field(field: &str, renames: &Renames) -> String {
    renames
        .iter()
        .filter(|(new, _)| {
            field.strip_prefix(new.as_str()).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with('.') || rest.starts_with('[')
            })
        })
        .max_by_key(|(new, _)| new.len())
        .map_or_else(
            || field.to_string(),
            |(new, old)| format!("{old}{}", &field[new.len()..]),
        )
}

/// The task table of a sheet already read (a file uploaded to `vanban serve`): the same
/// reader and the same checks as a `tasks.source` file, every problem naming its cell.
pub fn from_sheet(sheet: &crate::data::sheet::Sheet) -> Result<TaskTable, Vec<Diagnostic>> {
    let spec = TasksIn {
        source: Some(sheet.path.display().to_string()),
        ..TasksIn::default()
    };
    let mut diags = Vec::new();
    match resolve(&sheet.path, &spec, Some(sheet), &|_| None, &mut diags) {
        Some(table) if diags.is_empty() => Ok(table),
        _ => Err(diags),
    }
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

/// Each unit of the table (leads and supports) with one spelling, in order of first
/// appearance: the spelling written first wins.
pub fn units(table: &TaskTable) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for t in &table.tasks {
        for u in t.units() {
            if seen.insert(unit_key(u)) {
                out.push(u.clone());
            }
        }
    }
    out
}

/// The tasks of every unit of a table, found once: a look-up per unit instead of a pass over
/// every task's units for each unit (5,000 units took minutes).
pub struct UnitIndex<'a> {
    table: &'a TaskTable,
    /// Unit key → indices of the tasks it leads and of those it supports, in table order.
    by_key: std::collections::HashMap<String, (Vec<usize>, Vec<usize>)>,
}

impl<'a> UnitIndex<'a> {
    /// Index the units of `table`.
    pub fn new(table: &'a TaskTable) -> Self {
        let mut by_key: std::collections::HashMap<String, (Vec<usize>, Vec<usize>)> =
            std::collections::HashMap::new();
        for (i, t) in table.tasks.iter().enumerate() {
            for u in &t.lead {
                let e = &mut by_key.entry(unit_key(u)).or_default().0;
                if e.last() != Some(&i) {
                    e.push(i);
                }
            }
            for u in &t.support {
                let e = &mut by_key.entry(unit_key(u)).or_default().1;
                if e.last() != Some(&i) {
                    e.push(i);
                }
            }
        }
        UnitIndex { table, by_key }
    }

    /// A unit's tasks: those it leads, then those it supports, each sorted by deadline.
    pub fn tasks_of(&self, unit: &str) -> (Vec<&'a Task>, Vec<&'a Task>) {
        let table = self.table;
        let pick = |ids: &[usize]| -> Vec<&'a Task> {
            let mut v: Vec<&'a Task> = ids.iter().filter_map(|&i| table.tasks.get(i)).collect();
            v.sort_by_key(|t| t.deadline.as_ref().map_or((4, None), Deadline::sort_key));
            v
        };
        match self.by_key.get(&unit_key(unit)) {
            Some((lead, support)) => (pick(lead), pick(support)),
            None => (Vec::new(), Vec::new()),
        }
    }
}

/// A unit's tasks: those it leads, then those it supports, each sorted by deadline.
pub fn tasks_of<'a>(table: &'a TaskTable, unit: &str) -> (Vec<&'a Task>, Vec<&'a Task>) {
    UnitIndex::new(table).tasks_of(unit)
}

/// Units written in two ways: (first spelling, other spelling, exact-but-for-case-and-spaces).
/// The second flag is false for near-duplicates (differing in diacritics or punctuation).
pub fn spelling_conflicts(table: &TaskTable) -> Vec<(String, String, bool)> {
    use std::collections::{HashMap, HashSet};
    // Each key maps to the first spelling seen with it: one look-up per unit instead of a
    // comparison with every unit seen before (5,000 units took two minutes).
    let mut seen: HashSet<&str> = HashSet::new();
    let mut by_key: HashMap<String, &str> = HashMap::new();
    let mut by_loose: HashMap<String, &str> = HashMap::new();
    let mut out = Vec::new();
    for t in &table.tasks {
        for u in t.units() {
            if !seen.insert(u.as_str()) {
                continue;
            }
            let key = unit_key(u);
            let loose = loose_key(u);
            if let Some(first) = by_key.get(&key) {
                out.push((first.to_string(), u.clone(), true));
            } else if let Some(first) = by_loose.get(&loose) {
                out.push((first.to_string(), u.clone(), false));
            }
            by_key.entry(key).or_insert(u.as_str());
            by_loose.entry(loose).or_insert(u.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests;
