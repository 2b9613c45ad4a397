//! The wording rules read from a Word document: the date line, the number's leading zero,
//! "V/v", "./." at the end, "Nơi nhận:" and its punctuation.

use std::path::Path;

use super::layout::{Located, at};
use super::model::Docx;
use super::recover::Recovered;
use crate::diag::rules::Finding;

/// The findings of this family, appended to `out`.
pub(super) fn wording(path: &Path, d: &Docx, rec: &Recovered, out: &mut Vec<Located>) {
    let p = &rec.parts;
    if let Some(i) = p.place_date {
        for (written, right) in crate::rules::date_forms(&d.paras[i].flat()) {
            out.push(at(
                d,
                Finding::new("date-form", path)
                    .arg("written", written)
                    .arg("right", right),
                Some(i),
            ));
        }
    }
    if let Some(i) = p.number {
        let t = d.paras[i].flat();
        let num: String = t
            .trim_start_matches("Số")
            .trim_start_matches(':')
            .trim()
            .chars()
            .take_while(|c| !matches!(c, '/' | '-'))
            .collect();
        let num = num.trim();
        if num.len() == 1 && num.chars().all(|c| c.is_ascii_digit()) {
            out.push(at(
                d,
                Finding::new("number-form", path)
                    .arg(
                        "message",
                        format!("số \"{num}\" nhỏ hơn 10 nhưng thiếu số 0 ở trước"),
                    )
                    .arg(
                        "message_en",
                        format!("the number \"{num}\" is below 10 but lacks its leading zero"),
                    )
                    .arg("hint", format!("ghi \"0{num}\""))
                    .arg("hint_en", format!("write \"0{num}\"")),
                Some(i),
            ));
        }
    }
    if let Some((symbol, found, found_kind, kind)) = &rec.kind_code {
        out.push(at(
            d,
            Finding::new("symbol-kind-code", path)
                .arg("symbol", symbol.clone())
                .arg("found", found.clone())
                .arg("found_kind", found_kind.clone())
                .arg("kind", kind.clone()),
            p.number,
        ));
    }
    if p.title.is_none()
        && let Some(&i) = p.vv.first()
        && !d.paras[i].flat().starts_with("V/v")
    {
        out.push(at(d, Finding::new("subject-vv", path), Some(i)));
    }
    if p.title.is_none() && p.vv.is_empty() && p.number.is_some() {
        out.push(at(d, Finding::new("subject-vv", path), p.number));
    }
    if let Some(&i) = p.body.iter().rev().find(|i| d.paras[**i].depth == 0) {
        let t = d.paras[i].flat();
        if !t.ends_with("./.") {
            out.push(at(
                d,
                Finding::new("body-end-mark", path)
                    .arg("why", "thiếu sau câu cuối của nội dung")
                    .arg("why_en", "is missing after the last sentence"),
                Some(i),
            ));
        }
    }
    if p.dist_label.is_none() && (!p.signature.is_empty() || p.signer.is_some()) {
        out.push(at(
            d,
            Finding::new("distribution-missing", path),
            p.signature.first().copied(),
        ));
    }
    // Nơi nhận lines: "- " at the start, ";" at the end, "." after the last.
    let lines: Vec<usize> = p
        .dist
        .iter()
        .copied()
        .filter(|i| d.paras[*i].flat().starts_with('-') || d.paras[*i].flat().starts_with("Lưu"))
        .collect();
    for (k, &i) in lines.iter().enumerate() {
        let t = d.paras[i].flat();
        let last = k + 1 == lines.len();
        let why = if !t.starts_with("- ") {
            Some(("không bắt đầu bằng \"- \"", "does not start with \"- \""))
        } else if last && !t.ends_with('.') {
            Some((
                "là dòng cuối nhưng không kết thúc bằng \".\"",
                "is the last line but does not end with \".\"",
            ))
        } else if !last && !t.ends_with(';') {
            Some(("không kết thúc bằng \";\"", "does not end with \";\""))
        } else {
            None
        };
        if let Some((vi, en)) = why {
            out.push(at(
                d,
                Finding::new("list-punctuation", path)
                    .arg("line", t)
                    .arg("why", vi)
                    .arg("why_en", en),
                Some(i),
            ));
            break;
        }
    }
}
