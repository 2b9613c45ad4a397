//! Rules on the header: the document's symbol (form and kind code), the place name and the
//! trích yếu (NĐ 30, Phụ lục I, II.3–II.5; Phụ lục III).

use super::Ctx;
use crate::data::catalogue::System;
use crate::diag::rules::Finding;

/// The findings of this family, appended to `out`.
pub(super) fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let (path, doc) = (cx.path, cx.doc);
    let line_of_field = |f: &str| cx.line_of_field(f);
    let catalogue = cx.catalogue;
    // The document's own symbol: no spaces, groups in capitals (the kind codes QyĐ, TTr,
    // CTr keep their lower-case letters, NĐ 30 Phụ lục III).
    let symbol_why = if doc.symbol.chars().any(char::is_whitespace) {
        Some(("có khoảng trắng", "contains spaces"))
    } else if doc
        .symbol
        .split(['-', '/'])
        .any(|g| g.chars().next().is_some_and(char::is_lowercase))
    {
        Some(("có nhóm viết thường", "has a lower-case group"))
    } else {
        None
    };
    if let Some((why, why_en)) = symbol_why {
        out.push(
            Finding::new("symbol-form", path)
                .arg("symbol", doc.symbol.clone())
                .arg("why", why)
                .arg("why_en", why_en)
                .at("symbol", line_of_field("symbol")),
        );
    }
    if doc.place.chars().next().is_some_and(char::is_lowercase) {
        out.push(
            Finding::new("place-capital", path)
                .arg("place", doc.place.clone())
                .at("place", line_of_field("place")),
        );
    }
    if doc.subject.trim_end().ends_with('.') && !doc.subject.trim_end().ends_with("..") {
        out.push(
            Finding::new("subject-final-period", path).at("subject", line_of_field("subject")),
        );
    }
    // A trích yếu in capitals ("VỀ VIỆC …"): NĐ 30, Phụ lục I, II.5 sets it in lower case
    // (chữ in thường); only the tên loại is in capitals.
    let letters: Vec<char> = doc.subject.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= SUBJECT_CAPITALS_MIN && letters.iter().all(|c| !c.is_lowercase()) {
        out.push(
            Finding::new("subject-capitals", path)
                .arg("subject", doc.subject.clone())
                .at("subject", line_of_field("subject")),
        );
    }
    // A Party document's layout profile chosen by its date (QĐ 66 and HD 36 before
    // 09/01/2026, QĐ 399 from then): say which, as a note.
    if doc.kind.system == System::Party
        && !cx.source.is_empty()
        && line_of_field("profile").is_none()
    {
        out.push(
            Finding::new("profile-by-date", path)
                .arg("profile", doc.profile.clone())
                .at("date", line_of_field("date")),
        );
    }
    // The kind code inside the symbol: vanban prints the kind's own code before what the file
    // gives, so a code of another kind there ("KH-UBND" in a quyết định) is printed twice
    // over ("QĐ-KH-UBND"). A công văn has no kind code at all (Phụ lục I, II.3.b); there CT
    // and HD are left alone, as they are also common issuer abbreviations (Cục Thuế: CT-…).
    let (sep, own_code) = match doc.kind.system {
        System::State => ('-', doc.kind.code.as_str()),
        System::Party => ('/', doc.kind.code.as_str()),
    };
    let groups: Vec<&str> = doc.symbol.split(sep).collect();
    let written_code = if own_code.is_empty() {
        groups
            .first()
            .filter(|g| groups.len() >= 2 && !["CT", "HD"].contains(*g))
            .copied()
    } else if groups.len() >= 3 && groups.first() == Some(&own_code) {
        groups.get(1).copied()
    } else {
        None
    };
    if let Some(found) = written_code
        && found != own_code
        && let Some(other) = catalogue
            .kinds()
            .find(|k| !k.name.is_empty() && k.code == found && k.system == doc.kind.system)
    {
        let kind = if doc.kind.name.is_empty() {
            "công văn".to_string()
        } else {
            doc.kind.name.to_lowercase()
        };
        out.push(
            Finding::new("symbol-kind-code", path)
                .arg("symbol", doc.symbol.clone())
                .arg("found", found)
                .arg("found_kind", other.name.to_lowercase())
                .arg("kind", kind)
                .at("symbol", line_of_field("symbol")),
        );
    }
}

/// Fewest letters of a trích yếu in capitals that `subject-capitals` reports (an acronym
/// alone, "NTM", is left alone).
const SUBJECT_CAPITALS_MIN: usize = 6;
