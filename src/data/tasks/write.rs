//! Writing the task table into the document: the body's numbered sections and dash items
//! (`- tasks: all | by-unit | GROUP`) and the "PHÂN CÔNG NHIỆM VỤ" appendix.

use super::*;
use crate::text::{capitalise, roman};

/// Replace `- tasks: …` entries of `blocks`, recursively.
#[allow(clippy::too_many_arguments)] // one recursive walk; the arguments are its context
pub(super) fn expand_blocks(
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
                                    Diagnostic::error_bi(
                                        file,
                                        (
                                            format!("không có nhóm nhiệm vụ `{id}`"),
                                            format!("there is no task group `{id}`"),
                                        ),
                                    )
                                    .at_line(line_of(&field))
                                    .at_field(field)
                                    .with_hint_bi(group_hint(
                                        "dùng `all`, `by-unit`, hoặc mã một nhóm",
                                        "use `all`, `by-unit`, or the id of a group",
                                        &table.groups,
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
pub(super) fn punctuate(text: &str, end: &str) -> String {
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
pub(super) fn appendix(table: &TaskTable, title: &str) -> AppendixIn {
    let has_notes = table.tasks.iter().any(|t| !t.note.is_empty());
    let has_products = table.tasks.iter().any(|t| !t.product.is_empty());
    let col = |title: &str, width: f32, align: Option<&str>| ColumnIn {
        title: title.into(),
        width: Some(f64::from(width)),
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
                text(&format!("**{}**", roman(gi + 1))),
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
