//! Rules on signatures: KT. before a deputy, the marks of the right system, TM. before a
//! collective (NĐ 30, Phụ lục I, II.7; HD 36, 1.7).

use super::Ctx;
use crate::data::catalogue::System;
use crate::diag::rules::Finding;

/// The findings of this family, appended to `out`.
pub(super) fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let (path, doc) = (cx.path, cx.doc);
    let line_of_field = |f: &str| cx.line_of_field(f);
    for (i, s) in doc.signatures.iter().enumerate() {
        let field = if doc.signatures.len() == 1 {
            "signature".to_string()
        } else {
            format!("signatures[{i}]")
        };
        if s.authority.starts_with("KT") || s.authority.starts_with("K/T") {
            let t = s.title.to_uppercase();
            if !t.starts_with("PHÓ") && !t.contains("PHÓ ") {
                out.push(
                    Finding::new("signature-kt-deputy", path)
                        .arg("title", s.title.clone())
                        .at(
                            &format!("{field}.title"),
                            line_of_field(&format!("{field}.title")),
                        ),
                );
            }
        }
        // A Party mark (K/T, T/M) in a state document. In a Party document both spellings
        // are fine (`KT` and `K/T` print `K/T`; docs/format.md), so nothing is said there.
        let stacked = s.marks.len() > 1;
        for (k, m) in s.marks.iter().enumerate() {
            let at = if stacked {
                format!("{field}.authority[{k}]")
            } else {
                format!("{field}.authority")
            };
            let written = m.written.trim();
            if doc.kind.system == System::State && written.contains('/') {
                out.push(
                    Finding::new("signature-mark-system", path)
                        .arg("mark", written)
                        .at(
                            &at,
                            line_of_field(&at)
                                .or_else(|| line_of_field(&format!("{field}.authority"))),
                        ),
                );
            }
            // TM. stands before a collective, not a person's title (NĐ 30, Phụ lục I,
            // II.7.b; Party T/M: HD 36, 1.7).
            let for_at = if stacked {
                format!("{field}.for[{k}]")
            } else {
                format!("{field}.for")
            };
            let tm = matches!(m.authority.as_str(), "TM." | "T/M");
            let on_behalf = m.on_behalf.to_uppercase();
            if tm
                && PERSONAL_TITLES
                    .iter()
                    .any(|t| on_behalf.starts_with(t) || on_behalf == t.trim())
            {
                out.push(
                    Finding::new("signature-tm-collective", path)
                        .arg("mark", m.authority.clone())
                        .arg("for", m.on_behalf.clone())
                        .at(
                            &for_at,
                            line_of_field(&for_at)
                                .or_else(|| line_of_field(&format!("{field}.for"))),
                        ),
                );
            }
        }
    }
}

/// Signing titles of one person: after TM. comes a collective (NĐ 30, Phụ lục I, II.7.b:
/// "TM. ỦY BAN NHÂN DÂN"), never one of these.
const PERSONAL_TITLES: &[&str] = &[
    "CHỦ TỊCH",
    "PHÓ ",
    "GIÁM ĐỐC",
    "TỔNG GIÁM ĐỐC",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "BÍ THƯ",
    "TRƯỞNG ",
    "CHÁNH ",
    "CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "VIỆN TRƯỞNG",
    "HIỆU TRƯỞNG",
    "THỦ TRƯỞNG",
];
