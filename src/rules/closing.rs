//! Rules on the end of a document: Nơi nhận ("Như trên", "Lưu: VT"), list punctuation and
//! the closing "./." (NĐ 30, Phụ lục I, II.6, II.9).

use super::{Ctx, block_texts};
use crate::data::Document;
use crate::data::catalogue::System;
use crate::diag::rules::Finding;

/// The findings of this family, appended to `out`.
pub(super) fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let (path, doc) = (cx.path, cx.doc);
    let line_of_field = |f: &str| cx.line_of_field(f);
    let line_of_text = |n: &str| cx.line_of_text(n);
    if !doc.recipients.is_empty()
        && !doc
            .distribution
            .first()
            .is_some_and(|d| d.text.trim().eq_ignore_ascii_case("Như trên"))
    {
        out.push(
            Finding::new("distribution-nhu-tren", path)
                .at("distribution", line_of_field("distribution")),
        );
    }
    if doc.kind.system == System::State && !doc.archive.split([',', ' ']).any(|p| p.trim() == "VT")
    {
        out.push(Finding::new("archive-vt", path).at("archive", line_of_field("archive")));
    }
    // List lines: what vanban cannot put right itself.
    let lists: [(&str, Vec<&str>); 3] = [
        ("bases", doc.bases.iter().map(String::as_str).collect()),
        (
            "recipients",
            doc.recipients.iter().map(String::as_str).collect(),
        ),
        (
            "distribution",
            doc.distribution.iter().map(|d| d.text.as_str()).collect(),
        ),
    ];
    for (field, lines) in lists {
        for line in lines {
            if let Some((why, why_en)) = list_line_problem(line) {
                out.push(
                    Finding::new("list-punctuation", path)
                        .arg("line", line)
                        .arg("why", why)
                        .arg("why_en", why_en)
                        .at(field, line_of_text(line).or_else(|| line_of_field(field))),
                );
            }
        }
    }

    // "./." closes the last sentence only; vanban adds it (state documents). One written by
    // hand elsewhere, or a malformed one at the end, is printed as written.
    if doc.kind.system == System::State {
        let texts = closing_texts(doc);
        let marks: Vec<&String> = texts.iter().filter(|t| t.contains("./.")).collect();
        let malformed = texts.iter().find(|t| {
            [". /.", "./ .", "/./.", "./../."]
                .iter()
                .any(|m| t.contains(m))
        });
        let problem = if let Some(t) = malformed {
            Some((t.to_string(), "viết sai dạng", "is malformed"))
        } else if marks.len() > 1 {
            Some((
                marks[0].to_string(),
                "đứng giữa văn bản",
                "stands inside the text",
            ))
        } else {
            None
        };
        if let Some((text, why, why_en)) = problem {
            // the words before the mark, to find its line
            let at = text.find("./.").or_else(|| text.find("/.")).unwrap_or(0);
            let before: String = text[..at]
                .chars()
                .rev()
                .take(24)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            out.push(
                Finding::new("body-end-mark", path)
                    .arg("why", why)
                    .arg("why_en", why_en)
                    .at(
                        "",
                        line_of_text(before.trim_start()).filter(|_| !before.trim().is_empty()),
                    ),
            );
        }
    }
}

/// The texts of the body and the articles in print order (the ones "./." may close).
fn closing_texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for a in &doc.articles {
        out.push(a.title.clone());
        out.push(a.text.clone());
        block_texts(&a.body, false, &mut out);
    }
    block_texts(&doc.body, false, &mut out);
    out
}

/// What is wrong with a list line (căn cứ, Kính gửi, Nơi nhận) that vanban cannot put right
/// itself. It already drops a leading "- " and a final ";", "." or "," and prints the
/// punctuation of NĐ 30 (";" after each line, "." after the last).
fn list_line_problem(line: &str) -> Option<(&'static str, &'static str)> {
    let t = line.trim();
    if t.starts_with(['-', '–', '—', '•', '+']) {
        return Some((
            "còn dấu gạch đầu dòng ở đầu (vanban tự in \"- \")",
            "still starts with a dash (vanban prints \"- \" itself)",
        ));
    }
    if t.ends_with(':') {
        return Some((
            "kết thúc bằng dấu \":\" (vanban tự thêm \";\" hoặc \".\" ở cuối dòng)",
            "ends with \":\" (vanban adds \";\" or \".\" at the end of the line)",
        ));
    }
    None
}
