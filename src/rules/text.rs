//! Rules on running text: documents cited (date, number, symbol, kind code), date forms,
//! text typed in a legacy encoding (TCVN3, VNI) and decomposed Unicode (NĐ 30, Phụ lục I,
//! II.6; Điều 8 on the font).

use super::{Ctx, block_texts};
use crate::data::Document;
use crate::data::catalogue::Catalogue;
use crate::diag::rules::Finding;

/// The findings of this family, appended to `out`.
pub(super) fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let (path, doc) = (cx.path, cx.doc);
    let line_of_text = |n: &str| cx.line_of_text(n);
    let catalogue = cx.catalogue;
    let source = cx.source;
    // Documents cited in the text: their dates and symbols.
    for text in doc_texts(doc) {
        for c in cited_documents(&text) {
            if !c.date_ok {
                out.push(
                    Finding::new("cited-date-impossible", path)
                        .arg("cited", c.whole.clone())
                        .arg("date", c.date.clone())
                        .at("", line_of_text(&c.whole)),
                );
            }
            if c.symbol.chars().take_while(char::is_ascii_digit).count() == 1 {
                out.push(
                    Finding::new("cited-number-form", path)
                        .arg("symbol", c.symbol.clone())
                        .at("", line_of_text(&c.whole)),
                );
            }
            if let Some((found, found_kind)) = cited_kind_mismatch(c.kind, &c.symbol, catalogue) {
                out.push(
                    Finding::new("cited-kind-code", path)
                        .arg("symbol", c.symbol.clone())
                        .arg("found", found)
                        .arg("found_kind", found_kind)
                        .arg("kind", c.kind.to_lowercase())
                        .at("", line_of_text(&c.whole)),
                );
            }
            if let Some(why) = symbol_problem(&c.symbol) {
                out.push(
                    Finding::new("cited-symbol-form", path)
                        .arg("symbol", c.symbol.clone())
                        .arg("why", why.0)
                        .arg("why_en", why.1)
                        .at("", line_of_text(&c.symbol)),
                );
            }
        }
        for (written, tight) in super::spacing::spaced_symbols(&text) {
            out.push(
                Finding::new("cited-symbol-form", path)
                    .arg("symbol", written.clone())
                    .arg("why", format!("có khoảng trắng (viết liền: {tight})"))
                    .arg("why_en", format!("it contains spaces (write {tight})"))
                    .at("", line_of_text(&written)),
            );
        }
        for (written, right) in date_form_problems(&text) {
            out.push(
                Finding::new("date-form", path)
                    .arg("written", written.clone())
                    .arg("right", right)
                    .at("", line_of_text(&written)),
            );
        }
        if let Some(sample) = legacy_encoding(&text) {
            out.push(
                Finding::new("text-legacy-encoding", path)
                    .arg("sample", sample.clone())
                    .at("", line_of_text(&sample)),
            );
        }
    }

    // Decomposed Unicode (NFD), e.g. pasted from a Mac or typed with "Unicode tổ hợp": the
    // loader already normalised it; say where it starts.
    {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        if let Some(i) = source.lines().position(|l| {
            is_nfc_quick(l.chars()) != IsNormalized::Yes && !unicode_normalization::is_nfc(l)
        }) {
            out.push(Finding::new("text-nfd", path).at("", Some(i + 1)));
        }
    }
}

/// All running text of a document (body, articles, căn cứ, appendices), one string a block.
fn doc_texts(doc: &Document) -> Vec<String> {
    let mut out = vec![doc.subject.clone()];
    out.extend(doc.bases.iter().cloned());
    block_texts(&doc.body, true, &mut out);
    for a in &doc.articles {
        out.push(format!("{} {}", a.title, a.text));
        block_texts(&a.body, true, &mut out);
    }
    for a in &doc.appendices {
        block_texts(&a.body, true, &mut out);
        block_texts(&a.after, true, &mut out);
    }
    out
}

/// A document cited in the text: "Kế hoạch số 318/KH-UBND ngày 20/20/2023".
#[derive(Debug, Clone, PartialEq)]
struct Cited {
    kind: &'static str,
    whole: String,
    symbol: String,
    date: String,
    date_ok: bool,
}
const CITED_KINDS: &[&str] = &[
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Quy chế",
    "Quy định",
    "Thông báo",
    "Hướng dẫn",
    "Chương trình",
    "Kế hoạch",
    "Phương án",
    "Đề án",
    "Báo cáo",
    "Tờ trình",
    "Công văn",
    "Văn bản",
    "Kết luận",
    "Thông tư",
    "Nghị định",
    "Luật",
];
/// Find "<kind> số <symbol>[,] ngày <d>/<m>/<y>" and "… ngày <d> tháng <m> năm <y>".
fn cited_documents(text: &str) -> Vec<Cited> {
    let mut out = Vec::new();
    for kind in CITED_KINDS {
        let pat = format!("{kind} số ");
        let mut from = 0;
        while let Some(i) = text[from..].find(&pat) {
            let start = from + i;
            let rest = &text[start + pat.len()..];
            from = start + pat.len();
            let symbol: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != ',')
                .collect();
            if symbol.is_empty() || !symbol.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            let after = rest[symbol.len()..].trim_start_matches(',').trim_start();
            let Some(date_part) = after.strip_prefix("ngày ") else {
                continue;
            };
            let (date, parsed, len) = parse_cited_date(date_part);
            if date.is_empty() {
                continue;
            }
            let whole_len = pat.len() + (rest.len() - after.len()) + "ngày ".len() + len;
            out.push(Cited {
                kind,
                whole: text[start..(start + whole_len).min(text.len())].to_string(),
                symbol,
                date,
                date_ok: parsed,
            });
        }
    }
    out
}
/// A date after "ngày ": "20/20/2023" or "05 tháng 12 năm 2023". Returns the date as
/// written, whether it exists, and how many bytes it took.
fn parse_cited_date(s: &str) -> (String, bool, usize) {
    let numeric: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '/')
        .collect();
    let parts: Vec<&str> = numeric.split('/').collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty()) {
        let date = numeric.trim_end_matches('/').to_string();
        let ok = crate::data::date::DateSpec::parse(&date).is_ok_and(|d| d.is_full());
        return (date.clone(), ok, date.len());
    }
    // "05 tháng 12 năm 2023"
    let words: Vec<&str> = s.split_whitespace().take(5).collect();
    if words.len() == 5 && words[1] == "tháng" && words[3] == "năm" {
        let y: String = words[4].chars().take_while(char::is_ascii_digit).collect();
        let date = format!("{}/{}/{}", words[0], words[2], y);
        let ok = crate::data::date::DateSpec::parse(&date).is_ok_and(|d| d.is_full());
        let written = format!("{} tháng {} năm {}", words[0], words[2], y);
        let len = written.len();
        return (written, ok, len);
    }
    (String::new(), false, 0)
}
/// What is wrong with a cited symbol such as "318/KH-UBND", if anything: the reason in
/// Vietnamese and in English.
fn symbol_problem(symbol: &str) -> Option<(&'static str, &'static str)> {
    let code = symbol.split(['/', '-']).nth(1).unwrap_or("");
    if code == "QYĐ" {
        return Some((
            "mã của Quy định là \"QyĐ\" (NĐ 30, Phụ lục III), không phải \"QYĐ\"",
            "the code of a Quy định is \"QyĐ\" (NĐ 30, Phụ lục III), not \"QYĐ\"",
        ));
    }
    if symbol.ends_with(['.', ';', ':']) {
        return None;
    }
    if !symbol.contains('/') {
        return Some((
            "thiếu dấu \"/\" giữa số và ký hiệu",
            "the \"/\" between the number and the symbol is missing",
        ));
    }
    None
}
/// The kind code of a number-and-symbol: the first group after the number that is not a
/// year ("318/KH-UBND" -> KH, "30/2020/NĐ-CP" -> NĐ, Party "04-NQ/TU" -> NQ).
fn kind_code_of(symbol: &str) -> Option<&str> {
    symbol
        .split(['/', '-'])
        .skip(1)
        .find(|g| !g.is_empty() && !g.chars().all(|c| c.is_ascii_digit()))
}
/// A cited document whose symbol carries the code of another kind of the catalogue
/// ("Quyết định số 15/KH-UBND"): the code found and the kind it belongs to. Kinds the
/// catalogue does not know (Luật, Nghị định, Công văn …) and codes it does not know are
/// left alone.
fn cited_kind_mismatch(
    kind: &str,
    symbol: &str,
    catalogue: &Catalogue,
) -> Option<(String, String)> {
    let expected: Vec<&str> = catalogue
        .kinds()
        .filter(|k| !k.name.is_empty() && k.name.to_lowercase() == kind.to_lowercase())
        .map(|k| k.code.as_str())
        .collect();
    if expected.is_empty() {
        return None;
    }
    let found = kind_code_of(symbol)?;
    if expected.contains(&found) {
        return None;
    }
    let other = catalogue
        .kinds()
        .find(|k| !k.name.is_empty() && k.code == found)?;
    Some((found.to_string(), other.name.to_lowercase()))
}
/// Written-out dates ("ngày 5 tháng 01 năm 2024") whose day or month breaks the leading
/// zero rule of NĐ 30, Phụ lục I, II.4.b: days 1–9 and months 1, 2 take a zero, months
/// 3–12 do not. The rule is written for the header date; citations in the text follow the
/// same form in every seed ("ngày 08 tháng 01 năm 2024"), so vanban holds them to it.
/// Short forms ("8/3/2022") are common in practice and their form is UNCONFIRMED: not checked.
/// Returns each date as written and as it should be.
pub(super) fn date_form_problems(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("ngày ") {
        let start = from + i;
        from = start + "ngày ".len();
        let rest = &text[from..];
        let day: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Some(after_day) = rest[day.len()..].strip_prefix(" tháng ") else {
            continue;
        };
        let month: String = after_day.chars().take_while(char::is_ascii_digit).collect();
        let (Ok(d), Ok(m)) = (day.parse::<u32>(), month.parse::<u32>()) else {
            continue;
        };
        if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
            continue;
        }
        let right_day = format!("{d:02}");
        let right_month = if m < 3 {
            format!("{m:02}")
        } else {
            m.to_string()
        };
        if day != right_day || month != right_month {
            out.push((
                format!("ngày {day} tháng {month}"),
                format!("ngày {right_day} tháng {right_month}"),
            ));
        }
    }
    out
}
/// A run of text that looks like TCVN3 or VNI pasted as Latin-1 (e.g. "Céng hoµ",
/// "Vieät Nam"): Latin-1 characters that are not Vietnamese letters.
fn legacy_encoding(text: &str) -> Option<String> {
    const VIETNAMESE_LATIN1: &str = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";
    // Latin-1 symbols that real Vietnamese text uses.
    const ORDINARY: &str = "\u{a0}°±²³·×÷«»©®§¶¼½¾";
    let suspicious = |c: char| {
        ('\u{a1}'..='\u{ff}').contains(&c)
            && !VIETNAMESE_LATIN1.contains(c)
            && !ORDINARY.contains(c)
    };
    let count = text.chars().filter(|c| suspicious(*c)).count();
    // TCVN3 also puts "µ", "¸", "¶", "·" … for tone marks: a word mixing them with letters.
    let tcvn_marks = text
        .split_whitespace()
        .filter(|w| {
            w.chars().any(|c| "µ¸¶·¹»¾¼½".contains(c)) && w.chars().any(char::is_alphabetic)
        })
        .count();
    if count >= 3 || tcvn_marks >= 2 {
        let word = text
            .split_whitespace()
            .find(|w| w.chars().any(|c| suspicious(c) || "µ¸¶·¹»¾¼½".contains(c)))
            .unwrap_or("");
        return Some(word.chars().take(40).collect());
    }
    None
}
