//! The header of a Word document, one column at a time: issuer (parent and name), the rule
//! under it, Quốc hiệu and Tiêu ngữ with their rule, the number, "V/v", place and date.

use super::model::Docx;
use super::recover::{Parts, is_nation, is_place_date};

/// A line typed as a rule: underscores, dashes or box-drawing strokes only ("________").
pub(super) fn is_rule_text(t: &str) -> bool {
    t.chars().count() >= 3
        && t.chars()
            .all(|c| matches!(c, '_' | '-' | '–' | '—' | '─' | '━' | '¯' | '‾'))
}

/// One column of the header table (or the loose header lines).
pub(super) fn header_column(d: &Docx, cells: &[usize], left: bool, p: &mut Parts) {
    let mut seen_number = false;
    for &i in cells {
        let para = &d.paras[i];
        let t = para.flat();
        if t.is_empty() || is_rule_text(&t) {
            if para.props.border_bottom == Some(true) || para.lines > 0 || !t.is_empty() {
                if p.motto.is_some() && p.motto_rule.is_none() && !left {
                    p.motto_rule = Some(i);
                } else if left && !p.issuer.is_empty() && p.issuer_rule.is_none() && !seen_number {
                    p.issuer_rule = Some(i);
                } else if p.nation.is_some() && p.party && p.motto_rule.is_none() {
                    p.motto_rule = Some(i);
                }
            }
            continue;
        }
        if is_nation(&t) {
            p.nation = Some(i);
            p.nation_left = left;
            p.party = t.to_uppercase().starts_with("ĐẢNG");
            // The Party's heading with its rule as its own border or underline.
            if p.party
                && (para.props.border_bottom == Some(true)
                    || para.all(|r| r.underline) == Some(true))
            {
                p.motto_rule = Some(i);
            }
        } else if t.starts_with("Độc lập") {
            p.motto = Some(i);
            // A bottom border on the motto itself, or the motto underlined.
            if para.props.border_bottom == Some(true) || para.all(|r| r.underline) == Some(true) {
                p.motto_rule = Some(i);
            }
        } else if t.starts_with("Số:") || t.starts_with("Số ") {
            p.number = Some(i);
            seen_number = true;
        } else if t.starts_with("Kính gửi") {
            // LibreOffice joins the Kính gửi table to the header table.
            p.recipients.push(i);
        } else if !p.recipients.is_empty() && !is_place_date(&t) {
            p.recipients.push(i);
        } else if t.starts_with("V/v") || (left && seen_number && !is_place_date(&t)) {
            p.vv.push(i);
        } else if is_place_date(&t) {
            p.place_date = Some(i);
        } else if !p.vv.is_empty() {
            p.vv.push(i);
        } else if left && !seen_number && t.chars().all(|c| c == '*' || c.is_whitespace()) {
            // the Party's star under the issuer
            p.issuer_mark = Some(i);
        } else if left && !seen_number {
            let bold = para.all(|r| r.bold) == Some(true);
            if bold || !p.issuer.is_empty() {
                p.issuer.push(i);
            } else {
                p.parent.push(i);
            }
            if para.props.border_bottom == Some(true) {
                p.issuer_rule = Some(i);
            }
        }
    }
}
