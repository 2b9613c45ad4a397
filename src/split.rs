//! Trích giao nhiệm vụ: from a document's task table, one short công văn per unit listing
//! what it leads and what it supports (sorted by deadline, addressed to that unit), and
//! iCalendar files (RFC 5545) of the deadlines, per unit and for the whole table.
//!
//! The extracts are documents like any other: generated as JSON data and rendered through
//! [`crate::render::render_source`], so they get the same checks and layout. They are drafts
//! (no number): each is registered and numbered when it is issued.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use icalendar::{Calendar, Component, EventLike};
use serde_json::{Value, json};

use crate::data::catalogue::System;
use crate::data::deadline::{Deadline, Recurrence};
use crate::data::tasks::{self, Task, TaskTable};
use crate::data::{self, Document, Stage};
use crate::diag::Diagnostic;
use crate::render::{RenderOptions, render_source, safe_stem, write_atomic};
use crate::template::Templates;

/// What `split_file` did.
#[derive(Debug, Default)]
pub struct SplitReport {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Warnings of the extracts.
    pub warnings: Vec<Diagnostic>,
    /// Units whose extract failed, with why. The others are written.
    pub failed: Vec<(String, Vec<Diagnostic>)>,
}

/// The folder of a document's extracts: `DIR/STEM-theo-don-vi`.
pub fn extracts_dir(input: &Path, opts: &RenderOptions) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "van-ban".into());
    opts.out_dir.join(format!("{stem}-theo-don-vi"))
}

/// Write the per-unit extracts (PDF/DOCX as `opts` says, and `.ics`) of `input` into
/// [`extracts_dir`], and `DIR/STEM.ics` with every deadline.
pub fn split_file(
    input: &Path,
    templates: &Templates,
    opts: &RenderOptions,
) -> Result<SplitReport, Vec<Diagnostic>> {
    let doc = data::load(input, opts.stage, templates.catalogue())?;
    let Some(table) = &doc.tasks else {
        return Err(vec![
            Diagnostic::error(input, "văn bản không có bảng phân công nhiệm vụ (`tasks`)")
                .with_hint("thêm khối `tasks:` (xem docs/tasks.md), hoặc bỏ `--split`"),
        ]);
    };
    let dir = extracts_dir(input, opts);
    std::fs::create_dir_all(&dir).map_err(|e| {
        vec![
            Diagnostic::error(
                input,
                format!("không tạo được thư mục {}: {e}", dir.display()),
            )
            .with_hint("kiểm tra quyền ghi vào thư mục -o"),
        ]
    })?;
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "van-ban".into());
    let mut report = SplitReport::default();
    let sub = RenderOptions {
        out_dir: dir.clone(),
        stage: Stage::Draft,
        ..opts.clone()
    };
    let mut used = std::collections::BTreeSet::new();
    for unit in tasks::units(table) {
        // Two units that fold to one file name ("Sở Y tế", "Sở Y Tế" are one unit already):
        // number the later one.
        let mut name = safe_stem(&unit);
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{}-{n}", safe_stem(&unit));
            n += 1;
        }
        let extract = extract(&doc, table, &unit);
        let text = match serde_json::to_string_pretty(&extract) {
            Ok(t) => t,
            Err(e) => {
                report.failed.push((
                    unit.clone(),
                    vec![Diagnostic::error(input, format!("lỗi nội bộ: {e}"))],
                ));
                continue;
            }
        };
        // Messages about an extract name the document and the unit.
        let label = input.with_file_name(format!("{stem} (trích cho {unit}).json"));
        match render_source(&label, &text, &name, templates, &sub) {
            Ok((written, warnings)) => {
                report.written.extend(written);
                report.warnings.extend(warnings);
            }
            Err(d) => {
                report.failed.push((unit.clone(), d));
                continue;
            }
        }
        let ics = calendar(&doc, table, Some(&unit), &stem);
        let path = dir.join(format!("{name}.ics"));
        write_atomic(&path, ics.as_bytes()).map_err(|e| write_error(input, &path, &e))?;
        report.written.push(path);
    }
    let path = opts.out_dir.join(format!("{stem}.ics"));
    let ics = calendar(&doc, table, None, &stem);
    write_atomic(&path, ics.as_bytes()).map_err(|e| write_error(input, &path, &e))?;
    report.written.push(path);
    Ok(report)
}

fn write_error(input: &Path, path: &Path, e: &std::io::Error) -> Vec<Diagnostic> {
    vec![
        Diagnostic::error(input, format!("không ghi được {}: {e}", path.display()))
            .with_hint("kiểm tra thư mục -o có tồn tại và ghi được không"),
    ]
}

/// The issuer's own symbol, without the kind's code: "CT-UBND" -> "UBND", "KL/TU" -> "TU".
fn issuer_symbol(doc: &Document) -> String {
    let code = &doc.kind.code;
    if code.is_empty() {
        return doc.symbol.clone();
    }
    let sep = match doc.kind.system {
        System::State => '-',
        System::Party => '/',
    };
    doc.symbol
        .strip_prefix(&format!("{code}{sep}"))
        .unwrap_or(&doc.symbol)
        .to_string()
}

/// The document's date as input text ("05/3/2024", "3/2024", "2024").
fn date_input(doc: &Document) -> String {
    let d = &doc.date;
    match (d.day, d.month) {
        (Some(day), Some(m)) => format!("{day:02}/{m:02}/{}", d.year),
        (None, Some(m)) => format!("{m:02}/{}", d.year),
        _ => d.year.to_string(),
    }
}

/// A task as the extract lists it: its text, the other units, its deadline.
fn extract_line(task: &Task, role_lead: bool) -> String {
    let mut text = task.text();
    if !role_lead {
        text = format!(
            "Phối hợp với {} thực hiện: {}",
            task.lead.join(", "),
            lower_first(&text)
        );
    } else if task.lead.len() > 1 || !task.support.is_empty() {
        let mut others = Vec::new();
        if task.lead.len() > 1 {
            others.push(format!("cùng chủ trì: {}", task.lead.join(", ")));
        }
        if !task.support.is_empty() {
            others.push(format!("phối hợp: {}", task.support.join(", ")));
        }
        text = format!(
            "{} ({})",
            text.trim_end_matches(['.', ';']),
            others.join("; ")
        );
    }
    if !task.deadline_text.is_empty() && !task.content.contains(tasks::DEADLINE_MARK) {
        text = tasks::with_deadline(&text, &task.deadline_text);
    }
    if !task.product.is_empty() {
        text = format!(
            "{}; sản phẩm: {}",
            text.trim_end_matches(['.', ';']),
            task.product
        );
    }
    text.trim_end_matches(['.', ';']).to_string()
}

/// "Tập trung …" -> "tập trung …", keeping italics marks and proper names' capitals
/// after the first word.
fn lower_first(s: &str) -> String {
    let (marks, rest) = s.split_at(s.len() - s.trim_start_matches('*').len());
    let mut c = rest.chars();
    match c.next() {
        Some(f) => format!("{marks}{}{}", f.to_lowercase(), c.as_str()),
        None => s.to_string(),
    }
}

/// The extract for one unit, as input data.
fn extract(doc: &Document, table: &TaskTable, unit: &str) -> Value {
    let (lead, support) = tasks::tasks_of(table, unit);
    let parent = data::check::citation(
        &doc.kind,
        &doc.number,
        &doc.symbol,
        &doc.date,
        doc.issuer.text.as_deref(),
    );
    let about = if doc.subject.is_empty() {
        String::new()
    } else {
        format!(" về {}", doc.subject)
    };
    let kind = match doc.kind.system {
        System::State => "cong-van",
        System::Party => "dang-cong-van",
    };
    let mut body = vec![json!(format!(
        "Thực hiện {parent}{about}, đề nghị {unit} triển khai thực hiện các nhiệm vụ được giao dưới đây (xếp theo thời hạn):"
    ))];
    let items = |list: &[&Task], role_lead: bool| -> Value {
        // ";" after each item, "." after the last (NĐ 30, Phụ lục I, II.6).
        let n = list.len();
        let lines: Vec<String> = list
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let end = if i + 1 == n { "." } else { ";" };
                format!("{}{end}", extract_line(t, role_lead))
            })
            .collect();
        json!({ "items": lines })
    };
    if !lead.is_empty() {
        body.push(json!({"section": "Nhiệm vụ chủ trì thực hiện:", "body": [items(&lead, true)]}));
    }
    if !support.is_empty() {
        body.push(
            json!({"section": "Nhiệm vụ phối hợp thực hiện:", "body": [items(&support, false)]}),
        );
    }
    body.push(json!(format!(
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị {unit} kịp thời báo cáo để xem xét, giải quyết./."
    )));
    let signatures: Vec<Value> = doc
        .signatures
        .iter()
        .map(|s| {
            json!({
                "authority": if s.authority.is_empty() { "none" } else { s.authority.as_str() },
                "for": s.on_behalf,
                "title": s.title,
                "name": s.name,
                "other_post": s.other_post,
            })
        })
        .collect();
    let mut v = json!({
        "kind": kind,
        "profile": doc.profile,
        "issuer": {
            "parent": doc.issuer.parent,
            "name": doc.issuer.name,
        },
        "number": "",
        "symbol": issuer_symbol(doc),
        "place": doc.place,
        "date": date_input(doc),
        "subject": format!("triển khai nhiệm vụ được giao tại {}", short_citation(doc)),
        "recipients": [unit],
        "body": body,
        "distribution": ["Như trên"],
        "archive": match doc.kind.system {
            System::State => "VT",
            System::Party => "Văn phòng",
        },
    });
    if let Some(text) = &doc.issuer.text {
        v["issuer"]["text"] = json!(text);
    }
    match signatures.len() {
        0 => {}
        1 => v["signature"] = signatures[0].clone(),
        _ => v["signatures"] = json!(signatures),
    }
    v
}

/// "Công văn số 12/UBND-NL" (blank number in a draft).
fn short_citation(doc: &Document) -> String {
    let full = data::check::citation(&doc.kind, &doc.number, &doc.symbol, &doc.date, None);
    full.split(" ngày ").next().unwrap_or(&full).to_string()
}

/// The first day on or after `from` that is day `day` of a month `step` months apart,
/// counting from `first_month`: the next occurrence of a recurring duty.
fn next_occurrence(from: NaiveDate, day: u32, months: &[u32]) -> Option<NaiveDate> {
    for year in from.year()..=from.year() + 1 {
        for &m in months {
            let last = (28..=31)
                .rev()
                .find(|d| NaiveDate::from_ymd_opt(year, m, *d).is_some())
                .unwrap_or(28);
            if let Some(d) = NaiveDate::from_ymd_opt(year, m, day.min(last))
                && d >= from
            {
                return Some(d);
            }
        }
    }
    None
}

/// The deadlines of `table` (of one unit, or all) as an iCalendar file: one all-day event
/// a dated task, a repeating event a recurring duty; ongoing duties have no date and are
/// left out. Ids and stamps come from the document, so the file is the same every run.
pub fn calendar(doc: &Document, table: &TaskTable, unit: Option<&str>, stem: &str) -> String {
    let issued = NaiveDate::from_ymd_opt(
        doc.date.year,
        doc.date.month.unwrap_or(1),
        doc.date.day.unwrap_or(1),
    )
    .unwrap_or_default();
    let stamp = issued.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let mut cal = Calendar::new();
    let name = match unit {
        Some(u) => format!("Thời hạn nhiệm vụ: {u}"),
        None => format!("Thời hạn nhiệm vụ: {}", short_citation(doc)),
    };
    cal.name(&name);
    let key = unit.map(tasks::unit_key);
    for (i, t) in table.tasks.iter().enumerate() {
        let role = match &key {
            None => "",
            Some(k) if t.lead.iter().any(|u| tasks::unit_key(u) == *k) => "Chủ trì: ",
            Some(k) if t.support.iter().any(|u| tasks::unit_key(u) == *k) => "Phối hợp: ",
            Some(_) => continue,
        };
        let Some(deadline) = &t.deadline else {
            continue;
        };
        let (start, rule) = match deadline {
            Deadline::On(d) | Deadline::Before(d) => (*d, None),
            Deadline::Year(y) => match NaiveDate::from_ymd_opt(*y, 12, 31) {
                Some(d) => (d, None),
                None => continue,
            },
            Deadline::Recurring(Recurrence::Monthly { before_day }) => {
                let months: Vec<u32> = (1..=12).collect();
                match next_occurrence(issued, *before_day, &months) {
                    Some(d) => (d, Some(format!("FREQ=MONTHLY;BYMONTHDAY={before_day}"))),
                    None => continue,
                }
            }
            Deadline::Recurring(Recurrence::Quarterly { before_day }) => {
                match next_occurrence(issued, *before_day, &[3, 6, 9, 12]) {
                    Some(d) => (
                        d,
                        Some(format!("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY={before_day}")),
                    ),
                    None => continue,
                }
            }
            Deadline::Recurring(Recurrence::Yearly { day, month }) => {
                match next_occurrence(issued, *day, &[*month]) {
                    Some(d) => (d, Some("FREQ=YEARLY".to_string())),
                    None => continue,
                }
            }
            Deadline::Ongoing => continue,
        };
        let text = t.text();
        let summary: String = {
            let plain = text.replace('*', "");
            let short: String = plain.chars().take(90).collect();
            if short.len() < plain.len() {
                format!("{role}{short}…")
            } else {
                format!("{role}{short}")
            }
        };
        let mut description = format!(
            "Nhiệm vụ: {}\nChủ trì: {}\nThời hạn: {}",
            text.replace('*', ""),
            t.lead.join("; "),
            t.deadline_text
        );
        if !t.support.is_empty() {
            description.push_str(&format!("\nPhối hợp: {}", t.support.join("; ")));
        }
        if !t.product.is_empty() {
            description.push_str(&format!("\nSản phẩm: {}", t.product));
        }
        description.push_str(&format!("\nTheo: {}", short_citation(doc)));
        let uid = format!(
            "{}-{}-{}@vanban",
            safe_stem(stem),
            i + 1,
            unit.map(safe_stem).unwrap_or_else(|| "tat-ca".into())
        );
        let mut event = icalendar::Event::new();
        event
            .uid(&uid)
            .timestamp(stamp)
            .summary(&summary)
            .description(&description)
            .starts(start)
            .ends(start.succ_opt().unwrap_or(start));
        if let Some(r) = rule {
            event.add_property("RRULE", r);
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_occurrences() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(
            next_occurrence(d(2024, 3, 26), 25, &[3, 6, 9, 12]),
            Some(d(2024, 6, 25))
        );
        assert_eq!(
            next_occurrence(d(2024, 12, 26), 25, &[12]),
            Some(d(2025, 12, 25))
        );
        assert_eq!(
            next_occurrence(d(2024, 2, 1), 31, &[2]),
            Some(d(2024, 2, 29))
        );
    }

    #[test]
    fn lower_first_keeps_italics() {
        assert_eq!(lower_first("*Huyện Kỳ Anh*: làm"), "*huyện Kỳ Anh*: làm");
        assert_eq!(lower_first("Tăng cường"), "tăng cường");
    }
}
