//! The parts of a Word document (header table, number, place and date, title, trích yếu,
//! Kính gửi, body, Nơi nhận, signature, appendices) and vanban's data recovered from them.
//! What cannot be placed stays in the body as text and is listed in `unplaced`.

use serde_json::{Map, Value, json};

use super::header::header_column;
use super::lines::{date_of, list_line, side_by_side, signature, signatures_joined};
use super::model::{Block, Docx, Table};
use crate::data::catalogue::{Catalogue, System};

/// Where each part of the document is (0-based positions in [`Docx::paras`]).
#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// Tên cơ quan chủ quản (not bold).
    pub parent: Vec<usize>,
    /// Tên cơ quan ban hành.
    pub issuer: Vec<usize>,
    /// The rule under the issuer.
    pub issuer_rule: Option<usize>,
    /// Quốc hiệu (or ĐẢNG CỘNG SẢN VIỆT NAM).
    pub nation: Option<usize>,
    /// Tiêu ngữ.
    pub motto: Option<usize>,
    /// The rule under the motto.
    pub motto_rule: Option<usize>,
    /// "Số: …".
    pub number: Option<usize>,
    /// "V/v …" of a công văn.
    pub vv: Vec<usize>,
    /// Place and date.
    pub place_date: Option<usize>,
    /// Tên loại.
    pub title: Option<usize>,
    /// Trích yếu under the title.
    pub subject: Vec<usize>,
    /// A line between the title and the trích yếu ("CỦA BAN CHẤP HÀNH …").
    pub title_line: Option<usize>,
    /// The rule under the trích yếu.
    pub title_rule: Option<usize>,
    /// Thẩm quyền ban hành line.
    pub authority_line: Option<usize>,
    /// Căn cứ lines.
    pub bases: Vec<usize>,
    /// Kính gửi lines (the first holds "Kính gửi").
    pub recipients: Vec<usize>,
    /// Body paragraphs.
    pub body: Vec<usize>,
    /// "Nơi nhận:".
    pub dist_label: Option<usize>,
    /// Nơi nhận lines (the Lưu line included).
    pub dist: Vec<usize>,
    /// Nơi nhận lines grouped under one brace in a table of their own (the lines, the
    /// paragraphs holding the brace and the note).
    pub dist_groups: Vec<(Vec<usize>, Vec<usize>)>,
    /// Signature lines.
    pub signature: Vec<usize>,
    /// The signer's name.
    pub signer: Option<usize>,
    /// Signatures side by side (biên bản): each column's title lines and name.
    pub signatures: Vec<(Vec<usize>, Option<usize>)>,
    /// Whether a Party document (ĐẢNG CỘNG SẢN VIỆT NAM).
    pub party: bool,
    /// Whether Quốc hiệu (or the Party's heading) is in the header's left column.
    pub nation_left: bool,
    /// The Party's star ("*") under the issuer.
    pub issuer_mark: Option<usize>,
    /// The appendix tables, after the signature.
    pub appendix_tables: Vec<Table>,
    /// Appendix paragraphs.
    pub appendix: Vec<usize>,
}

/// The recovered data and what could not be placed.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// The document in vanban's input model, as a value.
    pub value: Value,
    /// The parts found.
    pub parts: Parts,
    /// Paragraphs kept as body text that were not recognised: (1-based place, text).
    pub unplaced: Vec<(usize, String)>,
    /// The number line carries the kind code of another kind than the title's: (the
    /// symbol as written, the code, that kind's name, this kind's name).
    pub kind_code: Option<(String, String, String, String)>,
}

pub(super) fn paras_of(blocks: &[Block], out: &mut Vec<usize>) {
    for b in blocks {
        match b {
            Block::Para(i) => out.push(*i),
            Block::Table(t) => {
                for row in &t.rows {
                    for c in row {
                        paras_of(&c.blocks, out);
                    }
                }
            }
        }
    }
}

/// Paragraphs of column `col` of a table.
pub(super) fn column(t: &Table, col: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for row in &t.rows {
        if let Some(c) = row.get(col) {
            paras_of(&c.blocks, &mut out);
        }
    }
    out
}

pub(super) fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

pub(super) const MARKS: &[&str] = &[
    "TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T/L", "T/UQ",
];

pub(super) fn is_nation(t: &str) -> bool {
    let u = t.to_uppercase();
    u.starts_with("CỘNG HÒA XÃ HỘI")
        || u.starts_with("CỘNG HOÀ XÃ HỘI")
        || u == "ĐẢNG CỘNG SẢN VIỆT NAM"
}

pub(super) fn is_place_date(t: &str) -> bool {
    t.contains("ngày") && t.contains("tháng") && t.contains("năm")
}

/// Find the parts of `d`.
pub fn parts(d: &Docx, cat: &Catalogue) -> Parts {
    let mut p = Parts::default();
    let text = |i: usize| d.paras.get(i).map(|x| x.flat()).unwrap_or_default();
    let rest: &[Block];
    // 1. The header table: a table with Quốc hiệu (or the Party's name) in it.
    let head_at = d.body.iter().take(6).position(|b| match b {
        Block::Table(t) => {
            let mut v = Vec::new();
            paras_of(std::slice::from_ref(b), &mut v);
            let _ = t;
            v.iter().any(|i| is_nation(&text(*i)))
        }
        Block::Para(_) => false,
    });
    let mut loose_head = Vec::new();
    if let Some(at) = head_at {
        if let Block::Table(t) = &d.body[at] {
            for (col, cells) in [(0, column(t, 0)), (1, column(t, 1))] {
                header_column(d, &cells, col == 0, &mut p);
            }
        }
        // Paragraphs before the table (urgency, …) are kept as unplaced body text.
        let mut before = Vec::new();
        paras_of(&d.body[..at], &mut before);
        loose_head.extend(before);
        rest = &d.body[at + 1..];
    } else {
        // No header table: the first paragraphs up to the place/date line.
        let mut n = 0;
        for (k, b) in d.body.iter().enumerate().take(14) {
            if let Block::Para(i) = b
                && is_place_date(&text(*i))
            {
                n = k + 1;
                break;
            }
        }
        let mut ps = Vec::new();
        paras_of(&d.body[..n], &mut ps);
        header_column(d, &ps, true, &mut p);
        rest = &d.body[n..];
    }
    // 2. The closing table: the last table with "Nơi nhận" or a signature mark in it.
    let close_at = rest.iter().rposition(|b| match b {
        Block::Table(_) => {
            let mut v = Vec::new();
            paras_of(std::slice::from_ref(b), &mut v);
            v.iter().any(|i| {
                let t = text(*i);
                t.starts_with("Nơi nhận") || MARKS.iter().any(|m| t.starts_with(m))
            })
        }
        Block::Para(_) => false,
    });
    let (mut main, after): (&[Block], &[Block]) = match close_at {
        Some(c) => (&rest[..c], &rest[c + 1..]),
        None => (rest, &[]),
    };
    // Signatures side by side in a table of their own before the Nơi nhận (biên bản).
    if let Some(Block::Table(t)) = main.last()
        && let Some(sigs) = side_by_side(t, &text)
    {
        p.signatures = sigs;
        main = &main[..main.len() - 1];
    }
    // The signatures' table joined to the Nơi nhận's (see `signatures_joined`).
    let mut close = match close_at.map(|c| &rest[c]) {
        Some(Block::Table(t)) => Some(t.clone()),
        _ => None,
    };
    if p.signatures.is_empty()
        && let Some(t) = close.as_mut()
        && let Some(sigs) = signatures_joined(t, &text)
    {
        p.signatures = sigs;
    }
    if let Some(t) = &close {
        // A table inside the Nơi nhận cell: its first column the grouped lines, the others
        // the brace and the note.
        for row in &t.rows {
            for b in row.first().map(|c| c.blocks.as_slice()).unwrap_or(&[]) {
                if let Block::Table(nt) = b
                    && nt.rows.iter().any(|r| r.len() >= 2)
                {
                    let lines: Vec<usize> = column(nt, 0)
                        .into_iter()
                        .filter(|i| !text(*i).is_empty())
                        .collect();
                    let mut notes = Vec::new();
                    for col in 1..nt.rows.iter().map(Vec::len).max().unwrap_or(1) {
                        notes.extend(column(nt, col));
                    }
                    if lines.len() >= 2 {
                        p.dist_groups.push((lines, notes));
                    }
                }
            }
        }
        for cell_col in 0..t.rows.first().map(Vec::len).unwrap_or(0) {
            for i in column(t, cell_col) {
                let s = text(i);
                if s.is_empty() {
                    continue;
                }
                if s.starts_with("Nơi nhận") {
                    p.dist_label = Some(i);
                } else if p.dist_label.is_some() && cell_col == 0 {
                    p.dist.push(i);
                } else if cell_col > 0 {
                    p.signature.push(i);
                }
            }
        }
        if let Some(&last) = p.signature.last()
            && !is_upper(&text(last))
        {
            p.signer = Some(last);
            p.signature.pop();
        }
    }
    // 3. The main part: title, trích yếu, căn cứ, Kính gửi, body.
    let mut ps = Vec::new();
    for b in main {
        match b {
            Block::Para(i) => ps.push(*i),
            Block::Table(t) => {
                let mut v = Vec::new();
                paras_of(&[Block::Table(t.clone())], &mut v);
                if v.iter().any(|i| text(*i).starts_with("Kính gửi")) {
                    p.recipients
                        .extend(v.into_iter().filter(|i| !text(*i).is_empty()));
                } else {
                    ps.extend(v);
                }
            }
        }
    }
    let mut k = 0;
    let skip_empty = |k: &mut usize| {
        while *k < ps.len()
            && text(ps[*k]).is_empty()
            && d.paras[ps[*k]].props.border_bottom != Some(true)
            && d.paras[ps[*k]].lines == 0
        {
            *k += 1;
        }
    };
    skip_empty(&mut k);
    let kind_names: Vec<String> = cat
        .kinds()
        .filter(|x| !x.name.is_empty())
        .map(|x| x.name.to_uppercase())
        .collect();
    if k < ps.len() && kind_names.contains(&text(ps[k])) {
        p.title = Some(ps[k]);
        k += 1;
        while k < ps.len() {
            let para = &d.paras[ps[k]];
            let t = text(ps[k]);
            let typed_rule = super::header::is_rule_text(&t);
            if t.is_empty() || typed_rule {
                if para.props.border_bottom == Some(true) || para.lines > 0 || typed_rule {
                    p.title_rule = Some(ps[k]);
                    k += 1;
                }
                break;
            }
            if p.subject.is_empty()
                && p.title_line.is_none()
                && is_upper(&t)
                && para.props.align.as_deref() == Some("center")
                && ps
                    .get(k + 1)
                    .is_some_and(|n| !is_upper(&text(*n)) && !text(*n).is_empty())
            {
                p.title_line = Some(ps[k]);
                k += 1;
                continue;
            }
            if para.props.align.as_deref() != Some("center") || is_upper(&t) {
                break;
            }
            p.subject.push(ps[k]);
            k += 1;
        }
        skip_empty(&mut k);
        if k < ps.len()
            && is_upper(&text(ps[k]))
            && !kind_names.contains(&text(ps[k]).trim_end_matches(':').to_string())
        {
            p.authority_line = Some(ps[k]);
            k += 1;
        }
        let decides = kind_names_deciding(cat).contains(&text(p.title.unwrap_or(0)));
        while k < ps.len() && (decides || p.authority_line.is_some()) {
            let t = text(ps[k]);
            if t.starts_with("Căn cứ") || t.starts_with("Theo đề nghị") || t.starts_with("Xét ")
            {
                p.bases.push(ps[k]);
                k += 1;
            } else {
                break;
            }
        }
    }
    for &i in &ps[k..] {
        let kinh_gui = text(i).starts_with("Kính gửi") && p.body.is_empty();
        let addressee = !p.recipients.is_empty()
            && p.body.is_empty()
            && text(i).starts_with('-')
            && d.paras[i].props.align.as_deref() != Some("both");
        if kinh_gui || addressee {
            p.recipients.push(i);
        } else {
            p.body.push(i);
        }
    }
    p.body.retain(|i| !text(*i).is_empty());
    let mut lead = loose_head;
    lead.retain(|i| !text(*i).is_empty());
    lead.extend(p.body.iter());
    p.body = lead;
    // 4. After the signature: appendices.
    for b in after {
        match b {
            Block::Para(i) => {
                if !text(*i).is_empty() {
                    p.appendix.push(*i);
                }
            }
            Block::Table(t) => p.appendix_tables.push(t.clone()),
        }
    }
    p
}

/// The titles of the kinds that decide (quyết định, nghị quyết): the ones with căn cứ.
fn kind_names_deciding(cat: &Catalogue) -> Vec<String> {
    cat.kinds()
        .filter(|k| k.decides.is_some() && !k.name.is_empty())
        .map(|k| k.name.to_uppercase())
        .collect()
}

/// The kind of the document: by its title, else a công văn.
fn kind_of<'a>(
    d: &Docx,
    p: &Parts,
    cat: &'a Catalogue,
) -> Option<&'a crate::data::catalogue::Kind> {
    let system = if p.party {
        System::Party
    } else {
        System::State
    };
    let title = p.title.map(|i| d.paras[i].flat().to_uppercase());
    cat.kinds()
        .filter(|k| k.system == system)
        .find(|k| match &title {
            Some(t) => !k.name.is_empty() && k.name.to_uppercase() == *t,
            None => k.name.is_empty(),
        })
}

/// Recover vanban's data from `d`.
pub fn recover(d: &Docx, cat: &Catalogue) -> Recovered {
    let p = parts(d, cat);
    let text = |i: usize| d.paras.get(i).map(|x| x.flat()).unwrap_or_default();
    let mut m = Map::new();
    let mut unplaced = Vec::new();
    let kind = kind_of(d, &p, cat);
    let mut kind_code = None;
    if let Some(k) = kind {
        m.insert("kind".into(), json!(k.id));
    }
    let mut issuer = Map::new();
    if !p.parent.is_empty() {
        issuer.insert(
            "parent".into(),
            json!(p.parent.iter().map(|i| text(*i)).collect::<Vec<_>>()),
        );
    }
    let names: Vec<String> = p.issuer.iter().map(|i| text(*i)).collect();
    issuer.insert("name".into(), json!(names));
    // The issuer as written in a sentence, from an appendix's "(Kèm theo … của …)" line.
    if let Some(t) = p
        .appendix
        .iter()
        .map(|i| text(*i))
        .find(|t| t.starts_with("(Kèm theo"))
        && let Some((_, who)) = t.rsplit_once(" của ")
    {
        issuer.insert("text".into(), json!(who.trim_end_matches(')').trim()));
    } else if !p.appendix.is_empty() && !names.is_empty() {
        // Appendices without that line: vanban writes it, from the name in a sentence.
        issuer.insert(
            "text".into(),
            json!(super::lines::in_sentence(&names.join(" "))),
        );
    }
    m.insert("issuer".into(), Value::Object(issuer));
    // Số: 05/QĐ-UBND, Số 1144-CV/TU, Số:     /UBND-VP
    if let Some(i) = p.number {
        let t = text(i);
        let rest = t.trim_start_matches("Số").trim_start_matches(':').trim();
        let sep = if p.party { '-' } else { '/' };
        let (num, sym) = rest.split_once(sep).unwrap_or(("", rest));
        m.insert("number".into(), json!(num.trim()));
        let mut sym = sym.trim().to_string();
        if let Some(k) = kind
            && !k.code.is_empty()
        {
            let joint = if p.party { '/' } else { '-' };
            if let Some(s) = sym.strip_prefix(&format!("{}{joint}", k.code)) {
                sym = s.to_string();
            } else if let Some((code, _)) = sym.split_once(joint)
                && let Some(other) = cat
                    .kinds()
                    .find(|o| o.system == k.system && !o.name.is_empty() && o.code == code)
            {
                kind_code = Some((
                    sym.clone(),
                    code.to_string(),
                    other.name.to_lowercase(),
                    k.name.to_lowercase(),
                ));
                sym = sym[code.len() + 1..].to_string();
            }
        }
        m.insert("symbol".into(), json!(sym));
    }
    if let Some(i) = p.place_date {
        let t = text(i);
        let (place, date) = t.split_once(',').unwrap_or(("", t.as_str()));
        if !place.trim().is_empty() {
            m.insert("place".into(), json!(place.trim()));
        }
        m.insert("date".into(), json!(date_of(date)));
    }
    let subject: Vec<String> = if p.vv.is_empty() {
        p.subject.iter().map(|i| text(*i)).collect()
    } else {
        p.vv.iter().map(|i| text(*i)).collect()
    };
    let subject = subject.join(" ");
    let subject = subject
        .strip_prefix("V/v")
        .map(str::trim)
        .unwrap_or(&subject);
    if !subject.is_empty() {
        m.insert("subject".into(), json!(subject));
    }
    if let Some(i) = p.title_line {
        m.insert("title_line".into(), json!(text(i)));
    }
    if let Some(i) = p.authority_line {
        m.insert("authority_line".into(), json!(text(i)));
    }
    if !p.bases.is_empty() {
        m.insert(
            "bases".into(),
            json!(
                p.bases
                    .iter()
                    .map(|i| list_line(&text(*i)))
                    .collect::<Vec<_>>()
            ),
        );
    }
    if !p.recipients.is_empty() {
        let mut lines = Vec::new();
        for &i in &p.recipients {
            let t = text(i);
            let t = t
                .strip_prefix("Kính gửi")
                .map(|s| s.trim_start_matches(':').trim().to_string())
                .unwrap_or(t);
            if !t.is_empty() {
                lines.push(list_line(&t));
            }
        }
        m.insert("recipients".into(), json!(lines));
    }
    let decides = kind.and_then(|k| k.decides.clone());
    // The "QUYẾT ĐỊNH:" line vanban prints itself.
    let body_idx: Vec<usize> = p
        .body
        .iter()
        .copied()
        .filter(|i| {
            decides.as_deref().is_none_or(|w| {
                text(*i).trim_end_matches(':').to_uppercase()
                    != w.trim_end_matches(':').to_uppercase()
            })
        })
        .collect();
    let (body, articles) = super::yaml::body_blocks(d, &body_idx, decides.is_some(), &mut unplaced);
    if !articles.is_empty() {
        m.insert("articles".into(), Value::Array(articles));
    }
    if !body.is_empty() {
        m.insert("body".into(), Value::Array(body));
    }
    signature(d, &p, &mut m);
    if !p.signatures.is_empty() {
        let sigs: Vec<Value> = p
            .signatures
            .iter()
            .map(|(titles, name)| {
                let mut s = Map::new();
                if !titles.is_empty() {
                    s.insert(
                        "title".into(),
                        json!(
                            titles
                                .iter()
                                .map(|i| text(*i))
                                .collect::<Vec<_>>()
                                .join(" ")
                        ),
                    );
                }
                if let Some(n) = name {
                    s.insert("name".into(), json!(text(*n)));
                }
                Value::Object(s)
            })
            .collect();
        m.insert("signatures".into(), Value::Array(sigs));
    }
    // No date line (biên bản): the first date of the body.
    if p.place_date.is_none()
        && let Some(t) = p.body.iter().map(|i| text(*i)).find(|t| is_place_date(t))
        && let Some(at) = t.find("ngày ")
    {
        let date = date_of(&t[at..]);
        if date.contains('/') {
            m.insert("date".into(), json!(date));
        }
    }
    super::lines::distribution(d, &p, &mut m);
    let apps = super::yaml::appendices(d, &p, &mut unplaced);
    if !apps.is_empty() {
        m.insert("appendices".into(), Value::Array(apps));
    }
    Recovered {
        value: Value::Object(m),
        parts: p,
        unplaced,
        kind_code,
    }
}
