//! Trích giao nhiệm vụ: from a document's task table, one short công văn per unit listing
//! what it leads and what it supports (sorted by deadline, addressed to that unit), and
//! iCalendar files (RFC 5545) of the deadlines, per unit and for the whole table.
//!
//! The extracts are documents like any other: generated in the input model and made by the
//! pipeline ([`crate::pipeline::Source::Input`]), so they get the same checks and layout.
//! They are drafts (no number): each is registered and numbered when it is issued.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use icalendar::{Calendar, Component, EventLike};

use crate::data::catalogue::System;
use crate::data::deadline::{Deadline, Recurrence};
use crate::data::model::{
    BlockIn, BlockMap, DistIn, Input, IssuerIn, ItemIn, Lines, Scalar, SignatureIn,
};
use crate::data::tasks::{self, Task, TaskTable};
use crate::data::{self, Document};
use crate::diag::Diagnostic;
use crate::output::report::Item;
use crate::output::{Namer, Naming, OutputDir, input_stem};
use crate::pipeline::Source;
use crate::text::{lower_first, slug, unit_key};

/// The per-unit extracts of one document: batch jobs for the pipeline, and calendars.
pub struct Extracts {
    /// One extract per unit: where it goes and the document (or why it could not be made).
    pub jobs: Vec<(Item, Result<Source, Vec<Diagnostic>>)>,
    /// Calendars to write: the folder, the file name and the text (`.ics`).
    pub calendars: Vec<(OutputDir, String, String)>,
}

/// The folder name of a document's extracts: `STEM-theo-don-vi`.
pub fn extracts_folder(input: &Path) -> String {
    format!("{}-theo-don-vi", input_stem(input))
}

/// The per-unit extracts of `doc` (read from `input`), one short công văn per unit of its
/// task table into `out/STEM-theo-don-vi/`, with one calendar per unit there and
/// `out/STEM.ics` of every deadline. The folder is created; nothing else is written.
pub fn extracts(
    input: &Path,
    doc: &Document,
    out: &OutputDir,
) -> Result<Extracts, Vec<Diagnostic>> {
    let plan = plan(input, doc)?;
    let dir = out.sub(&plan.folder).map_err(|e| {
        vec![
            Diagnostic::error(
                input,
                format!(
                    "không tạo được thư mục {}: {e}",
                    out.path().join(&plan.folder).display()
                ),
            )
            .with_hint("kiểm tra quyền ghi vào thư mục -o"),
        ]
    })?;
    let mut jobs = Vec::new();
    for (stem, label, source) in plan.units {
        jobs.push((
            Item {
                input: label,
                record: None,
                dir: dir.clone(),
                stem,
            },
            Ok(source),
        ));
    }
    let mut calendars: Vec<(OutputDir, String, String)> = plan
        .unit_calendars
        .into_iter()
        .map(|(name, text)| (dir.clone(), name, text))
        .collect();
    calendars.push((out.clone(), plan.calendar.0, plan.calendar.1));
    Ok(Extracts { jobs, calendars })
}

/// The extracts of a document as data, nothing written: what [`extracts`] writes to disk
/// and what `vanban serve` packs into a zip.
pub struct Plan {
    /// The folder of the per-unit files: `STEM-theo-don-vi`.
    pub folder: String,
    /// One extract per unit: its file stem, the name messages give it, the document.
    pub units: Vec<(String, std::path::PathBuf, Source)>,
    /// One calendar per unit, in the folder: file name and text (`.ics`).
    pub unit_calendars: Vec<(String, String)>,
    /// The calendar of every deadline, beside the folder: `STEM.ics` and its text.
    pub calendar: (String, String),
}

/// Plan the per-unit extracts and calendars of `doc` (read from `input`).
pub fn plan(input: &Path, doc: &Document) -> Result<Plan, Vec<Diagnostic>> {
    let Some(table) = &doc.tasks else {
        return Err(vec![
            Diagnostic::error(input, "văn bản không có bảng phân công nhiệm vụ (`tasks`)")
                .with_hint("thêm khối `tasks:` (xem docs/tasks.md), hoặc bỏ `--split`"),
        ]);
    };
    let folder = extracts_folder(input);
    let stem = input_stem(input);
    let mut namer = Namer::new(Naming::Slug);
    let mut units = Vec::new();
    let mut unit_calendars = Vec::new();
    let index = tasks::UnitIndex::new(table);
    for unit in tasks::units(table) {
        // Two units that fold to one file name are numbered.
        let name = namer.claim(&unit).unwrap_or_else(|s| s);
        // Messages about an extract name the document and the unit.
        let label = input.with_file_name(format!("{stem} (trích cho {unit})"));
        let source = Source::Input {
            name: label.clone(),
            input: Box::new(extract(doc, &index, &unit)),
        };
        let ics = calendar(doc, table, Some(&unit), &stem);
        unit_calendars.push((format!("{name}.ics"), ics));
        units.push((name, label, source));
    }
    let ics = calendar(doc, table, None, &stem);
    Ok(Plan {
        folder,
        units,
        unit_calendars,
        calendar: (format!("{stem}.ics"), ics),
    })
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

/// The extract for one unit, in the input model.
fn extract(doc: &Document, index: &tasks::UnitIndex, unit: &str) -> Input {
    let (lead, support) = index.tasks_of(unit);
    let parent = data::validate::citation(
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
    let mut body = vec![BlockIn::Para(format!(
        "Thực hiện {parent}{about}, đề nghị {unit} triển khai thực hiện các nhiệm vụ được giao dưới đây (xếp theo thời hạn):"
    ))];
    let items = |list: &[&Task], role_lead: bool| -> BlockIn {
        // ";" after each item, "." after the last (NĐ 30, Phụ lục I, II.6).
        let n = list.len();
        let lines = list
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let end = if i + 1 == n { "." } else { ";" };
                ItemIn::Text(format!("{}{end}", extract_line(t, role_lead)))
            })
            .collect();
        BlockIn::Map(Box::new(BlockMap {
            items: Some(lines),
            ..BlockMap::default()
        }))
    };
    let section = |title: &str, inner: BlockIn| {
        BlockIn::Map(Box::new(BlockMap {
            section: Some(title.to_string()),
            body: Some(vec![inner]),
            ..BlockMap::default()
        }))
    };
    if !lead.is_empty() {
        body.push(section("Nhiệm vụ chủ trì thực hiện:", items(&lead, true)));
    }
    if !support.is_empty() {
        body.push(section(
            "Nhiệm vụ phối hợp thực hiện:",
            items(&support, false),
        ));
    }
    body.push(BlockIn::Para(format!(
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị {unit} kịp thời báo cáo để xem xét, giải quyết./."
    )));
    let mut signatures: Vec<SignatureIn> = doc
        .signatures
        .iter()
        .map(|s| SignatureIn {
            authority: Some(if s.marks.is_empty() {
                Lines::One("none".to_string())
            } else {
                Lines::Many(s.marks.iter().map(|m| m.authority.clone()).collect())
            }),
            for_: Some(Lines::Many(
                s.marks.iter().map(|m| m.on_behalf.clone()).collect(),
            )),
            title: Some(s.title.clone()),
            name: Some(s.name.clone()),
            other_post: Some(s.other_post.clone()),
        })
        .collect();
    let (signature, signatures) = match signatures.len() {
        0 => (None, None),
        1 => (signatures.pop(), None),
        _ => (None, Some(signatures)),
    };
    Input {
        kind: Some(kind.to_string()),
        profile: Some(doc.profile.clone()),
        issuer: Some(IssuerIn {
            parent: Some(Lines::Many(doc.issuer.parent.clone())),
            name: Some(Lines::Many(doc.issuer.name.clone())),
            text: doc.issuer.text.clone(),
        }),
        number: Some(Scalar::Text(String::new())),
        symbol: Some(issuer_symbol(doc)),
        place: Some(doc.place.clone()),
        date: Some(Scalar::Text(date_input(doc))),
        subject: Some(format!(
            "triển khai nhiệm vụ được giao tại {}",
            short_citation(doc)
        )),
        recipients: Some(Lines::Many(vec![unit.to_string()])),
        body: Some(body),
        distribution: Some(vec![DistIn::Line("Như trên".to_string())]),
        archive: Some(
            match doc.kind.system {
                System::State => "VT",
                System::Party => "Văn phòng",
            }
            .to_string(),
        ),
        signature,
        signatures,
        ..Input::default()
    }
}

/// "Công văn số 12/UBND-NL" (blank number in a draft).
fn short_citation(doc: &Document) -> String {
    let full = data::validate::citation(&doc.kind, &doc.number, &doc.symbol, &doc.date, None);
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
    let key = unit.map(unit_key);
    for (i, t) in table.tasks.iter().enumerate() {
        let role = match &key {
            None => "",
            Some(k) if t.lead.iter().any(|u| unit_key(u) == *k) => "Chủ trì: ",
            Some(k) if t.support.iter().any(|u| unit_key(u) == *k) => "Phối hợp: ",
            Some(_) => continue,
        };
        let Some(deadline) = &t.deadline else {
            continue;
        };
        let (start, rule) = match deadline {
            Deadline::On(d) | Deadline::Before(d) => (*d, None),
            Deadline::Year(_) | Deadline::Quarter { .. } | Deadline::Month { .. } => {
                match deadline.date() {
                    Some(d) => (d, None),
                    None => continue,
                }
            }
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
            Deadline::Ongoing | Deadline::Unscheduled => continue,
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
            slug(stem),
            i + 1,
            unit.map(slug).unwrap_or_else(|| "tat-ca".into())
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
