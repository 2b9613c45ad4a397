//! Lines of a Word document read as vanban's fields: list lines, dates, the signature,
//! signatures side by side.

use serde_json::{Map, Value, json};

use super::model::{Docx, Table};
use super::recover::{MARKS, Parts, column, is_upper, paras_of};

/// A list line without its dash and final punctuation.
pub fn list_line(t: &str) -> String {
    t.trim()
        .trim_start_matches(['-', '–', '+'])
        .trim()
        .trim_end_matches([';', '.', ','])
        .trim()
        .to_string()
}

/// "ngày 05 tháng 02 năm 2025" → "05/02/2025"; blanks (a draft) → the year or month/year.
pub(super) fn date_of(s: &str) -> String {
    let w: Vec<&str> = s.split_whitespace().collect();
    let after = |key: &str| {
        w.iter()
            .position(|x| *x == key)
            .and_then(|i| w.get(i + 1))
            .map(|v| v.trim_end_matches(|c: char| !c.is_ascii_digit()))
            .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()))
            .map(|v| v.to_string())
    };
    let (d, m, y) = (after("ngày"), after("tháng"), after("năm"));
    match (d, m, y) {
        (Some(d), Some(m), Some(y)) => format!("{d}/{m}/{y}"),
        (None, Some(m), Some(y)) => format!("{m}/{y}"),
        (_, _, Some(y)) => y,
        _ => s.trim().to_string(),
    }
}

pub(super) fn signature(d: &Docx, p: &Parts, m: &mut Map<String, Value>) {
    let text = |i: usize| d.paras.get(i).map(|x| x.flat()).unwrap_or_default();
    let lines: Vec<String> = p.signature.iter().map(|i| text(*i)).collect();
    if lines.is_empty() && p.signer.is_none() {
        return;
    }
    let mut s = Map::new();
    let mut rest: &[String] = &lines;
    // One authority line, or two stacked ("TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH").
    let (mut marks, mut fors) = (Vec::new(), Vec::new());
    while let Some(first) = rest.first()
        && let Some(mark) = MARKS.iter().find(|mk| first.starts_with(**mk))
        && marks.len() < 2
    {
        marks.push(json!(mark.trim_end_matches('.')));
        fors.push(json!(first[mark.len()..].trim()));
        rest = &rest[1..];
    }
    match marks.len() {
        0 => {}
        1 => {
            s.insert("authority".into(), marks.remove(0));
            s.insert("for".into(), fors.remove(0));
        }
        _ => {
            s.insert("authority".into(), Value::Array(marks));
            s.insert("for".into(), Value::Array(fors));
        }
    }
    if let Some(t) = rest.first() {
        s.insert("title".into(), json!(t));
    }
    if rest.len() > 1 {
        s.insert("other_post".into(), json!(rest[1..].join(" ")));
    }
    if let Some(n) = p.signer {
        s.insert("name".into(), json!(text(n)));
    }
    m.insert("signature".into(), Value::Object(s));
}

/// The height (twips) of one line of paragraph `i`, its spacing included.
fn line_height(d: &Docx, i: usize) -> f64 {
    let p = &d.paras[i];
    let pt = p.size().unwrap_or(22) as f64 / 2.0;
    let line = match p.props.line_rule.as_deref() {
        None | Some("auto") => pt * 20.0 * 1.15 * p.props.line.unwrap_or(240) as f64 / 240.0,
        _ => (p.props.line.unwrap_or(0) as f64).max(pt * 20.0),
    };
    line + (p.props.before.unwrap_or(0) + p.props.after.unwrap_or(0)).max(0) as f64
}

/// Groups of Nơi nhận lines beside a right brace drawn as a shape (Shapes → Right Brace):
/// the brace is anchored in a line (or an empty paragraph just above the lines) and is as
/// tall as the lines it holds; the note is a text box near it (its paragraphs are read
/// after the paragraph holding the box, deeper than the lines).
fn drawn_braces(d: &Docx, p: &Parts) -> Vec<(Vec<usize>, Vec<usize>)> {
    let text = |i: usize| d.paras.get(i).map(|x| x.flat()).unwrap_or_default();
    let (Some(&first), Some(&last)) = (p.dist.first(), p.dist.last()) else {
        return Vec::new();
    };
    let from = p.dist_label.unwrap_or(first).min(first);
    let lines_all: Vec<usize> = p
        .dist
        .iter()
        .copied()
        .filter(|i| text(*i).starts_with('-') && !text(*i).contains('}'))
        .collect();
    let base = lines_all
        .iter()
        .map(|i| d.paras[*i].depth)
        .min()
        .unwrap_or(0);
    let is_line = |i: usize| lines_all.contains(&i) && d.paras[i].depth == base;
    let is_note =
        |i: usize| d.paras[i].depth > base && !text(i).is_empty() && !text(i).starts_with('-');
    let mut out: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    for j in from..=last.min(d.paras.len().saturating_sub(1)) {
        let Some(h) = d.paras[j].brace else {
            continue;
        };
        let start_line = lines_all
            .iter()
            .copied()
            .find(|i| *i >= j && is_line(*i) && !taken.contains(i));
        let Some(start_line) = start_line else {
            continue;
        };
        let n = if h > 0 {
            ((h as f64 / line_height(d, start_line)).round() as usize).max(2)
        } else {
            2
        };
        let lines: Vec<usize> = lines_all
            .iter()
            .copied()
            .filter(|i| *i >= start_line && is_line(*i))
            .take(n)
            .collect();
        let end = lines.last().copied().unwrap_or(start_line);
        // The note: text boxes from the anchor to just after the last line.
        let mut notes: Vec<usize> = (j..=end).filter(|i| is_note(*i)).collect();
        let mut k = end + 1;
        while k < d.paras.len() && is_note(k) {
            notes.push(k);
            k += 1;
        }
        if lines.len() >= 2 {
            taken.extend(&lines);
            out.push((lines, notes));
        }
    }
    out
}

/// Nơi nhận: the lines (single, or grouped under a brace: typed "}" or a table of their
/// own), the "Lưu" line, the drafter's mark and the number of copies.
pub(super) fn distribution(d: &Docx, p: &Parts, m: &mut Map<String, Value>) {
    let text = |i: usize| d.paras.get(i).map(|x| x.flat()).unwrap_or_default();
    let mut dist = Vec::new();
    let mut grouped: Vec<usize> = Vec::new();
    // Lines typed with a brace at their end ("- Sở Tài chính;   } (để b/c)").
    let mut braced: Vec<(String, String)> = Vec::new();
    let flush_braced = |braced: &mut Vec<(String, String)>, dist: &mut Vec<Value>| {
        if braced.is_empty() {
            return;
        }
        let note = braced
            .iter()
            .map(|(_, n)| n.clone())
            .find(|n| !n.is_empty())
            .unwrap_or_default();
        if braced.len() == 1 && note.is_empty() {
            dist.push(json!(braced[0].0));
        } else {
            let lines: Vec<&String> = braced.iter().map(|(l, _)| l).collect();
            dist.push(json!({"group": lines, "note": note}));
        }
        braced.clear();
    };
    let mut groups = p.dist_groups.clone();
    groups.extend(drawn_braces(d, p));
    for &i in &p.dist {
        if grouped.contains(&i) {
            continue;
        }
        if let Some((lines, notes)) = groups
            .iter()
            .find(|(l, n)| l.contains(&i) || n.contains(&i))
        {
            flush_braced(&mut braced, &mut dist);
            let note = notes
                .iter()
                .map(|n| text(*n).replace('}', " ").trim().to_string())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let group: Vec<String> = lines.iter().map(|l| list_line(&text(*l))).collect();
            dist.push(json!({"group": group, "note": note}));
            grouped.extend(lines.iter().chain(notes.iter()));
            continue;
        }
        let t = text(i);
        if let Some((line, note)) = t.split_once('}')
            && t.starts_with('-')
        {
            braced.push((list_line(line), note.trim().to_string()));
            continue;
        }
        flush_braced(&mut braced, &mut dist);
        let line = list_line(&t);
        if let Some(a) = line
            .strip_prefix("Lưu")
            .filter(|r| r.starts_with(|c: char| c == ':' || c.is_whitespace()))
            .map(|r| r.trim_start_matches(|c: char| c == ':' || c.is_whitespace()))
        {
            m.insert("archive".into(), json!(a.trim()));
        } else if !t.starts_with('-')
            && is_upper(
                &t.replace(['.', '(', ')'], "")
                    .chars()
                    .filter(|c| !c.is_ascii_digit())
                    .collect::<String>(),
            )
        {
            // ô 12: drafter and copies, "NL.(15)"
            let (who, n) = t.split_once('.').unwrap_or((&t, ""));
            m.insert("drafter".into(), json!(who.trim()));
            if let Ok(c) = n.trim_matches(['(', ')', ' ']).parse::<u32>() {
                m.insert("copies".into(), json!(c));
            }
        } else {
            dist.push(json!(line));
        }
    }
    flush_braced(&mut braced, &mut dist);
    if !dist.is_empty() {
        m.insert("distribution".into(), Value::Array(dist));
    }
}

/// An issuer's name in capitals as written in a sentence: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"
/// → "Ủy ban nhân dân huyện Hữu Lũng" (the words after the unit, a place name, capitalised).
pub(super) fn in_sentence(name: &str) -> String {
    const UNITS: [&str; 8] = [
        "tỉnh",
        "huyện",
        "xã",
        "quận",
        "phường",
        "thị trấn",
        "thị xã",
        "thành phố",
    ];
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut place_from = words.len();
    for (k, _) in words.iter().enumerate() {
        for u in UNITS {
            let n = u.split(' ').count();
            if k + n < words.len() && words[k..k + n].join(" ") == u {
                place_from = place_from.min(k + n);
            }
        }
    }
    let cap = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    words
        .iter()
        .enumerate()
        .map(|(k, w)| {
            if k == 0 || k >= place_from {
                cap(w)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Signatures side by side (biên bản): every column of `t` (two or more) holds title lines
/// in capitals and then a name; each column's titles and name.
pub(super) fn side_by_side(
    t: &Table,
    text: &dyn Fn(usize) -> String,
) -> Option<Vec<(Vec<usize>, Option<usize>)>> {
    let n = t.rows.first().map_or(0, Vec::len);
    if n < 2 {
        return None;
    }
    let cols: Vec<Vec<usize>> = (0..n)
        .map(|c| {
            column(t, c)
                .into_iter()
                .filter(|i| !text(*i).is_empty())
                .collect()
        })
        .collect();
    let signed = |v: &Vec<usize>| {
        v.len() >= 2
            && v[..v.len() - 1].iter().all(|i| is_upper(&text(*i)))
            && !is_upper(&text(v[v.len() - 1]))
    };
    if !cols.iter().all(signed) {
        return None;
    }
    Some(
        cols.into_iter()
            .map(|v| {
                let (name, titles) = v
                    .split_last()
                    .map(|(n, t)| (*n, t.to_vec()))
                    .unwrap_or_default();
                (titles, Some(name))
            })
            .collect(),
    )
}

/// The signatures side by side at the top of the closing table `t`, taken out of it.
///
/// A table with nothing between it and the next is one table to Word and LibreOffice, and
/// LibreOffice saves vanban's table of signatures and its Nơi nhận table as one, the
/// signatures' rows first: those rows are read as the table of their own they were.
pub(super) fn signatures_joined(
    t: &mut Table,
    text: &dyn Fn(usize) -> String,
) -> Option<Vec<(Vec<usize>, Option<usize>)>> {
    let r = t.rows.iter().position(|row| {
        row.first().is_some_and(|c| {
            let mut v = Vec::new();
            paras_of(&c.blocks, &mut v);
            v.iter().any(|i| text(*i).starts_with("Nơi nhận"))
        })
    })?;
    if r == 0 {
        return None;
    }
    let head = Table {
        rows: t.rows[..r].to_vec(),
        depth: t.depth,
    };
    let sigs = side_by_side(&head, text)?;
    t.rows.drain(..r);
    Some(sigs)
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_in_a_sentence() {
        assert_eq!(
            super::in_sentence("ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"),
            "Ủy ban nhân dân huyện Hữu Lũng"
        );
        assert_eq!(
            super::in_sentence("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"),
            "Ủy ban nhân dân thành phố Hà Nội"
        );
        assert_eq!(super::in_sentence("BỘ TÀI CHÍNH"), "Bộ tài chính");
    }
}
