//! The task table's rules (issue 4): deadlines before the document's date, and one unit
//! written in two ways.

use std::path::Path;

use super::Finding;
use crate::data::Document;
use crate::data::tasks::{self, Origin};

/// Findings about the document's task table, if it has one.
pub(super) fn findings(
    path: &Path,
    doc: &Document,
    line_of_field: &dyn Fn(&str) -> Option<usize>,
) -> Vec<Finding> {
    let Some(table) = &doc.tasks else {
        return Vec::new();
    };
    // Where a task is: its field in the document, or its row in the spreadsheet.
    let at = |f: Finding, origin: &Origin, key: &str| -> Finding {
        match origin {
            Origin::Field(field) => {
                let field = format!("{field}.{key}");
                let line = line_of_field(&field);
                f.at(&field, line)
            }
            Origin::Row(file, place, row) => {
                let mut f = f.arg("place", format!("{place}: "));
                f.file = file.clone();
                f.line = Some(*row);
                f
            }
        }
    };
    let mut out = Vec::new();
    // The earliest day the document can bear: its date, or the first day of its month or
    // year when a draft leaves them blank.
    let issued = chrono::NaiveDate::from_ymd_opt(
        doc.date.year,
        doc.date.month.unwrap_or(1),
        doc.date.day.unwrap_or(1),
    );
    for t in &table.tasks {
        let Some(deadline) = &t.deadline else {
            continue;
        };
        if *deadline == tasks_deadline::Unscheduled {
            out.push(at(
                Finding::new("task-deadline-unscheduled", path)
                    .arg("deadline", t.deadline_text.clone())
                    .arg("place", ""),
                &t.origin,
                "deadline",
            ));
            continue;
        }
        let past = match (deadline, issued) {
            (tasks_deadline::Year(y), _) => *y < doc.date.year,
            (d, Some(issued)) => d.date().is_some_and(|d| d < issued),
            _ => false,
        };
        if past {
            out.push(at(
                Finding::new("task-deadline-past", path)
                    .arg("deadline", t.deadline_text.clone())
                    .arg("date", date_text(&doc.date))
                    .arg("place", ""),
                &t.origin,
                "deadline",
            ));
        }
    }
    // A group with no tasks (and no row "…" for tasks left out) yet.
    for (i, g) in table.groups.iter().enumerate() {
        let used = table.tasks.iter().any(|t| t.group == Some(i))
            || table.gaps.iter().any(|gap| gap.group == Some(i));
        if used {
            continue;
        }
        let f = Finding::new("task-group-empty", path)
            .arg("group", g.title.trim().trim_end_matches(':').trim())
            .arg("place", "");
        out.push(match &g.origin {
            Origin::Field(field) => {
                let line = line_of_field(field);
                f.at(field, line)
            }
            Origin::Row(file, place, row) => {
                let mut f = f.arg("place", format!("{place}: "));
                f.file = file.clone();
                f.line = Some(*row);
                f
            }
        });
    }
    for (first, other, exact) in tasks::spelling_conflicts(table) {
        let rule = if exact {
            "task-unit-spelling"
        } else {
            "task-unit-near-duplicate"
        };
        // Point at the first task that uses the other spelling.
        let origin = table
            .tasks
            .iter()
            .find(|t| t.units().any(|u| *u == other))
            .map(|t| t.origin.clone());
        let f = Finding::new(rule, path)
            .arg("first", first)
            .arg("other", other)
            .arg("place", "");
        out.push(match origin {
            Some(o) => at(f, &o, "lead"),
            None => f,
        });
    }
    out
}

use crate::data::deadline::Deadline as tasks_deadline;

/// "05/3/2024", "3/2024" or "2024", as far as the document's date is known.
fn date_text(d: &crate::data::date::DateSpec) -> String {
    match (d.day, d.month) {
        (Some(day), Some(m)) => chrono::NaiveDate::from_ymd_opt(d.year, m, day)
            .map(crate::data::deadline::short_date)
            .unwrap_or_else(|| d.year.to_string()),
        (None, Some(m)) => format!("{m}/{}", d.year),
        _ => d.year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::data::{self, Format, Stage};

    fn rules_of(yaml: &str) -> Vec<String> {
        let t = crate::data::Catalogue::builtin().expect("catalogue");
        let doc = data::parse_str(Path::new("t.yaml"), Format::Yaml, yaml, Stage::Draft, &t)
            .expect("valid");
        super::super::lint(Path::new("t.yaml"), &doc, yaml, true, &t)
            .into_iter()
            .map(|f| {
                let d = f.diagnostic(crate::diag::Lang::Vi);
                format!("{} {} {}", f.rule, d.line.unwrap_or(0), d.message)
            })
            .collect()
    }

    const HEAD: &str = "kind: cong-van\nissuer: {name: [ỦY BAN NHÂN DÂN, TỈNH HÀ TĨNH]}\nnumber: 12\nsymbol: UBND-NL\nplace: Hà Tĩnh\ndate: 05/03/2024\nsubject: a\nrecipients: [Sở Y tế]\nbody:\n  - tasks: all\nsignature: {authority: KT, for: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: A}\ndistribution: [Như trên]\narchive: VT\ntasks:\n  appendix: false\n  items:\n";

    #[test]
    fn deadline_before_the_document_date() {
        let bad = format!("{HEAD}    - {{content: X., lead: Sở Y tế, deadline: 28/02/2024}}\n");
        let f = rules_of(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].starts_with("task-deadline-past 17 "), "{f:?}");
        assert!(f[0].contains("28/02/2024"), "{f:?}");
        let good = format!("{HEAD}    - {{content: X., lead: Sở Y tế, deadline: 05/03/2024}}\n");
        assert!(rules_of(&good).is_empty());
    }

    #[test]
    fn a_unit_written_two_ways() {
        let bad = format!(
            "{HEAD}    - {{content: X., lead: Sở Tài chính}}\n    - {{content: Y., lead: Sở Tài Chính}}\n    - {{content: Z., lead: Sở Tài chinh}}\n"
        );
        let f = rules_of(&bad);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[0].starts_with("task-unit-spelling 18 "), "{f:?}");
        assert!(f[1].starts_with("task-unit-near-duplicate 19 "), "{f:?}");
        let good = format!(
            "{HEAD}    - {{content: X., lead: Sở Tài chính}}\n    - {{content: Y., lead: Sở Tài chính}}\n"
        );
        assert!(rules_of(&good).is_empty());
    }

    #[test]
    fn a_deadline_with_no_date_is_a_note() {
        let words =
            format!("{HEAD}    - {{content: X., lead: Sở Y tế, deadline: Theo kế hoạch riêng}}\n");
        let f = rules_of(&words);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].starts_with("task-deadline-unscheduled 17 "), "{f:?}");
        assert!(f[0].contains("\"Theo kế hoạch riêng\""), "{f:?}");
        let t = crate::data::Catalogue::builtin().expect("catalogue");
        let doc = crate::data::parse_str(
            Path::new("t.yaml"),
            crate::data::Format::Yaml,
            &words,
            crate::data::Stage::Draft,
            &t,
        )
        .expect("valid");
        let d = super::super::lint(Path::new("t.yaml"), &doc, &words, true, &t);
        let d = crate::diag::rules::diagnostics(&d, crate::diag::Lang::Vi, true);
        assert_eq!(d[0].severity, crate::diag::Severity::Info, "never an error");
        let dated = format!("{HEAD}    - {{content: X., lead: Sở Y tế, deadline: Quý IV/2025}}\n");
        assert!(rules_of(&dated).is_empty());
    }
}
