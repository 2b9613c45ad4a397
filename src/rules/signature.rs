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
        let written = s.written.trim().to_uppercase();
        let party_mark = written.contains('/');
        let state_mark = !written.is_empty() && !party_mark && written != "NONE";
        let (wrong, other, system) = match doc.kind.system {
            System::State if party_mark => (true, "văn bản của Đảng", "Nghị định 30/2020"),
            System::Party if state_mark && written != "Q" && written != "Q." => {
                (true, "văn bản nhà nước", "Hướng dẫn 36-HD/VPTW")
            }
            _ => (false, "", ""),
        };
        if wrong {
            out.push(
                Finding::new("signature-mark-system", path)
                    .arg("mark", s.written.trim())
                    .arg("other", other)
                    .arg("system", system)
                    .at(
                        &format!("{field}.authority"),
                        line_of_field(&format!("{field}.authority")),
                    ),
            );
        }
    }
    // TM. stands before a collective, not a person's title (NĐ 30, Phụ lục I, II.7.b;
    // Party T/M: HD 36, 1.7).
    for (i, s) in doc.signatures.iter().enumerate() {
        let field = if doc.signatures.len() == 1 {
            "signature.for".to_string()
        } else {
            format!("signatures[{i}].for")
        };
        let tm = matches!(s.authority.as_str(), "TM." | "T/M");
        let on_behalf = s.on_behalf.to_uppercase();
        if tm
            && PERSONAL_TITLES
                .iter()
                .any(|t| on_behalf.starts_with(t) || on_behalf == t.trim())
        {
            out.push(
                Finding::new("signature-tm-collective", path)
                    .arg("mark", s.authority.clone())
                    .arg("for", s.on_behalf.clone())
                    .at(&field, line_of_field(&field)),
            );
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
