//! Writing the task table into the document: the body's numbered sections and dash items
//! (`- tasks: all | by-unit | GROUP`) and the "PHÂN CÔNG NHIỆM VỤ" appendix.

use super::*;

/// Replace `- tasks: …` entries of `blocks`, recursively.
#[allow(clippy::too_many_arguments)] // one recursive walk; the arguments are its context
/// `path` is the blocks' path in the file, `new_path` in the expanded document; every
/// block whose path changes is recorded in `renames` (expanded path, path in the file).
pub(super) fn expand_blocks(
    blocks: Vec<BlockIn>,
    (path, new_path): (&str, &str),
    table: &TaskTable,
    file: &Path,
    line_of: &dyn Fn(&str) -> Option<usize>,
    diags: &mut Vec<Diagnostic>,
    referenced: &mut bool,
    renames: &mut Renames,
) -> Vec<BlockIn> {
    let mut out = Vec::new();
    for (i, b) in blocks.into_iter().enumerate() {
        let here = format!("{path}[{i}]");
        let first = out.len();
        let new_here = format!("{new_path}[{first}]");
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
                    "headings" | "tiêu đề" => {
                        if table.groups.is_empty() {
                            out.extend(by_unit(table));
                        } else {
                            out.extend(headings(table));
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
                        (&format!("{here}.body"), &format!("{new_here}.body")),
                        table,
                        file,
                        line_of,
                        diags,
                        referenced,
                        renames,
                    ));
                }
                out.push(BlockIn::Map(m));
            }
            b => out.push(b),
        }
        // Written blocks are blamed on their directive.
        for k in first..out.len() {
            let new = format!("{new_path}[{k}]");
            if new != here {
                renames.push((new, here.clone()));
            }
        }
    }
    out
}

/// Dash items of the tasks that `keep` selects, as the body prints them.
fn items_of(table: &TaskTable, keep: impl Fn(&Task) -> bool) -> BlockIn {
    let members: Vec<&Task> = table.tasks.iter().filter(|t| keep(t)).collect();
    dash_items(table, &members)
}

/// Tasks as dash items: ";" after each, "." after the last (NĐ 30, Phụ lục I, II.6), also
/// when a task's text ends with its own "." or ";".
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

/// `text` ending with `end` (";" or "."): a final "." or ";" of its own gives way, so a
/// list never reads ".;" or ".."; an ellipsis ("…", "...", "v.v.") stays, "?" and "!"
/// stay, and so does the closing "./.".
pub(super) fn punctuate(text: &str, end: &str) -> String {
    let t = text.trim_end();
    if t.ends_with("./.") || t.ends_with(['!', '?', ':']) {
        return t.to_string();
    }
    if t.ends_with("...") || t.ends_with('…') || t.ends_with("v.v.") {
        return if end == "." {
            t.to_string()
        } else {
            format!("{t}{end}")
        };
    }
    let core = t.trim_end_matches(['.', ';', ',']).trim_end();
    format!("{core}{end}")
}

/// A numbered section: its heading with the one task on its line, or its intro and items
/// (a group with no tasks yet: its heading and intro alone).
fn section(
    title: &str,
    number: Option<&str>,
    intro: &[BlockIn],
    table: &TaskTable,
    members: &[&Task],
) -> BlockIn {
    let number = number.map(|n| Scalar::Text(n.to_string()));
    if intro.is_empty() && members.len() == 1 {
        return BlockIn::Map(Box::new(BlockMap {
            section: Some(title.to_string()),
            text: Some(punctuate(
                &members[0].body_text(table.deadline_in_body),
                ".",
            )),
            number,
            ..BlockMap::default()
        }));
    }
    let mut body = intro.to_vec();
    if !members.is_empty() {
        body.push(dash_items(table, members));
    }
    BlockIn::Map(Box::new(BlockMap {
        section: Some(title.to_string()),
        body: Some(body).filter(|b| !b.is_empty()),
        number,
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
            section(
                &heading(&g.title),
                g.number.as_deref(),
                &g.intro,
                table,
                &members,
            )
        })
        .collect()
}

/// `- tasks: headings`: each group's heading (and intro) only; the appendix details them.
fn headings(table: &TaskTable) -> Vec<BlockIn> {
    table
        .groups
        .iter()
        .map(|g| {
            let t = g.title.trim();
            // A heading with nothing under it does not end with ":".
            let title = if g.intro.is_empty() {
                t.trim_end_matches(':').trim_end()
            } else {
                t
            };
            section(title, g.number.as_deref(), &g.intro, table, &[])
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
    // Units in order of first appearance, each with its tasks: one key per task.
    let mut order: Vec<(String, Vec<&Task>)> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for t in &table.tasks {
        let l = lead_line(t);
        let i = *at.entry(unit_key(&l)).or_insert_with(|| {
            order.push((l.clone(), Vec::new()));
            order.len() - 1
        });
        if let Some((_, members)) = order.get_mut(i) {
            members.push(t);
        }
    }
    order
        .iter()
        .map(|(unit, members)| section(&heading(unit), None, &[], table, members))
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
