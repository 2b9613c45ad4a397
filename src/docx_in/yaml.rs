//! The body and appendices as vanban's blocks (sections, dash items, articles, tables) and
//! the runs as vanban's inline markup; the YAML itself is written by `emit`.

use serde_json::{Map, Value, json};

use super::model::{Block, Docx, Para, Table};
use super::recover::Parts;
use crate::text::is_roman;

/// The runs of `p` in vanban's inline markup (`**bold**`, `*italic*`), from byte `skip` of
/// its flat text on; special characters escaped.
fn markup(p: &Para, whole_bold: bool) -> String {
    let mut out = String::new();
    for r in &p.runs {
        let t = r.text.replace(['\n', '\t'], " ");
        let mut esc = String::new();
        for c in t.chars() {
            if matches!(c, '*' | '~' | '^' | '\\' | '[' | ']') {
                esc.push('\\');
            }
            esc.push(c);
        }
        let bold = r.props.bold == Some(true) && !whole_bold;
        let italic = r.props.italic == Some(true);
        let core = esc.trim();
        if core.is_empty() || (!bold && !italic) {
            out.push_str(&esc);
            continue;
        }
        let lead = &esc[..esc.len() - esc.trim_start().len()];
        let tail = &esc[esc.trim_end().len()..];
        let (o, c) = match (bold, italic) {
            (true, true) => ("***", "***"),
            (true, false) => ("**", "**"),
            _ => ("*", "*"),
        };
        out.push_str(&format!("{lead}{o}{core}{c}{tail}"));
    }
    let out = out.replace("****", "").replace("** **", " ");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of the bold runs at the start of `p`, and the rest.
fn bold_split(p: &Para) -> (String, String) {
    let mut head = String::new();
    let mut tail = String::new();
    let mut in_head = true;
    for r in &p.runs {
        if in_head && (r.props.bold == Some(true) || r.text.trim().is_empty()) {
            head.push_str(&r.text);
        } else {
            in_head = false;
            tail.push_str(&r.text);
        }
    }
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    (flat(&head), flat(&tail))
}

/// A heading's number: "II. …" → ("II", rest), "2. …" → ("2", rest).
fn numbered(t: &str) -> Option<(String, String, bool)> {
    let (n, rest) = t.split_once(". ")?;
    if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && n.len() <= 3 {
        return Some((n.to_string(), rest.to_string(), false));
    }
    if is_roman(n) {
        return Some((n.to_string(), rest.to_string(), true));
    }
    None
}

/// The letters of points as NĐ 30 writes them (a, b, c, d, đ, e, g, …).
const POINT_LETTERS: &str = "abcdđeghiklmnopqrstuvxy";

/// A point under a numbered section, as typed: "a) …" → ("a", rest), "1.1. …" or "1.1 …" →
/// ("1.1", rest). The number is what comes before the text, the text what follows it.
fn point(t: &str) -> Option<(String, String)> {
    let mut chars = t.chars();
    if let Some(c) = chars.next()
        && POINT_LETTERS.contains(c)
        && let Some(rest) = chars.as_str().strip_prefix(") ")
    {
        return Some((c.to_string(), rest.trim_start().to_string()));
    }
    let (n, rest) = t.split_once(' ')?;
    let n = n.trim_end_matches('.');
    let parts: Vec<&str> = n.split('.').collect();
    (parts.len() >= 2
        && parts.len() <= 4
        && parts
            .iter()
            .all(|x| !x.is_empty() && x.len() <= 3 && x.chars().all(|c| c.is_ascii_digit())))
    .then(|| (n.to_string(), rest.trim_start().to_string()))
}

/// The bold words at the start of `t` after its number `n` (the point's title) and the rest.
fn point_title(p: &Para, n_chars: usize) -> (String, String) {
    let (head, tail) = bold_split(p);
    let head_chars = head.chars().count();
    if head_chars > n_chars {
        let title: String = head.chars().skip(n_chars).collect();
        return (title.trim().to_string(), tail);
    }
    let all = p.flat();
    let rest: String = all.chars().skip(n_chars).collect();
    (String::new(), rest.trim().to_string())
}

struct Open {
    level: usize,
    map: Map<String, Value>,
    body: Vec<Value>,
}

impl Open {
    /// A numbered section at `level`: its title, number and the text after the title (the
    /// document's closing "./." taken off when it is the last paragraph).
    fn section(title: &str, number: &str, tail: String, last: bool, level: usize) -> Open {
        let mut map = Map::new();
        map.insert("section".into(), json!(title));
        map.insert("number".into(), json!(number));
        let tail = if last {
            tail.trim_end_matches("./.").trim_end().to_string()
        } else {
            tail
        };
        if !tail.is_empty() {
            map.insert("text".into(), json!(tail));
        }
        Open {
            level,
            map,
            body: Vec::new(),
        }
    }
}

fn close(stack: &mut Vec<Open>, out: &mut Vec<Value>, to: usize) {
    while stack.last().is_some_and(|o| o.level >= to) {
        let Some(mut o) = stack.pop() else { break };
        if !o.body.is_empty() {
            o.map.insert("body".into(), Value::Array(o.body));
        }
        let v = Value::Object(o.map);
        match stack.last_mut() {
            Some(parent) => parent.body.push(v),
            None => out.push(v),
        }
    }
}

fn push(stack: &mut [Open], out: &mut Vec<Value>, v: Value) {
    match stack.last_mut() {
        Some(o) => o.body.push(v),
        None => out.push(v),
    }
}

/// Add a dash item ("- …") or a sub-item ("+ …") to the open list, or start one.
fn push_item(stack: &mut [Open], out: &mut Vec<Value>, text: String, sub: bool) {
    let target = match stack.last_mut() {
        Some(o) => &mut o.body,
        None => out,
    };
    if let Some(Value::Object(last)) = target.last_mut()
        && let Some(Value::Array(items)) = last.get_mut("items")
    {
        if sub && let Some(it) = items.last_mut() {
            match it {
                Value::Object(m) => {
                    if let Some(Value::Array(s)) = m.get_mut("items") {
                        s.push(json!(text));
                    }
                }
                other => {
                    let t = other.as_str().unwrap_or_default().to_string();
                    *other = json!({"text": t, "items": [text]});
                }
            }
            return;
        }
        items.push(json!(text));
        return;
    }
    target.push(json!({ "items": [text] }));
}

/// The body paragraphs as blocks; for a kind that decides (quyết định, nghị quyết), the
/// "Điều N." paragraphs as articles. Paragraphs read only as text go to `unplaced` when
/// they do not look like body text (centred, upper case).
pub fn body_blocks(
    d: &Docx,
    idx: &[usize],
    decides: bool,
    unplaced: &mut Vec<(usize, String)>,
) -> (Vec<Value>, Vec<Value>) {
    let mut out = Vec::new();
    let mut articles: Vec<Value> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut in_article = false;
    let last = idx.iter().rposition(|i| !d.paras[*i].flat().is_empty());
    for (k, &i) in idx.iter().enumerate() {
        let p = &d.paras[i];
        let mut t = p.flat();
        if Some(k) == last {
            t = t.trim_end_matches("./.").trim_end().to_string();
        }
        if t.is_empty() {
            continue;
        }
        let bold_all = p.all(|r| r.bold) == Some(true);
        // Điều N. of a quyết định
        if decides && let Some(rest) = t.strip_prefix("Điều ") {
            let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if !n.is_empty() && rest[n.len()..].starts_with('.') {
                close(&mut stack, &mut out, 0);
                if in_article {
                    flush_article(&mut articles, &mut out);
                }
                let (head, tail) = bold_split(p);
                let title = head
                    .split_once(". ")
                    .map(|(_, r)| r.to_string())
                    .unwrap_or_default();
                let mut a = Map::new();
                a.insert("title".into(), json!(title));
                let tail = if Some(k) == last {
                    tail.trim_end_matches("./.").trim_end().to_string()
                } else {
                    tail
                };
                if !tail.is_empty() {
                    a.insert("text".into(), json!(tail));
                }
                articles.push(Value::Object(a));
                in_article = true;
                continue;
            }
        }
        if let Some((n, rest, roman)) = numbered(&t)
            && p.runs.first().is_some_and(|r| r.props.bold == Some(true))
        {
            let level = if roman { 1 } else { 2 };
            close(&mut stack, &mut out, level);
            let (head, tail) = bold_split(p);
            let title = head
                .split_once(". ")
                .map(|(_, r)| r.to_string())
                .unwrap_or(rest);
            stack.push(Open::section(&title, &n, tail, Some(k) == last, level));
            continue;
        }
        // "a) …" and "1.1. …" under a numbered section: a point, bold or not.
        if stack.iter().any(|o| o.level == 2)
            && let Some((n, _)) = point(&t)
        {
            close(&mut stack, &mut out, 3);
            let n_chars = t.chars().count() - point(&t).map_or(0, |(_, r)| r.chars().count());
            let (title, tail) = point_title(p, n_chars);
            stack.push(Open::section(&title, &n, tail, Some(k) == last, 3));
            continue;
        }
        // "• " is a bullet of Word's automatic lists (Symbol, Wingdings): an item too.
        if let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("• ")) {
            push_item(&mut stack, &mut out, item.to_string(), false);
            continue;
        }
        if let Some(item) = t.strip_prefix("+ ") {
            push_item(&mut stack, &mut out, item.to_string(), true);
            continue;
        }
        let mut text = markup(p, bold_all);
        if Some(k) == last {
            text = text.trim_end_matches("./.").trim_end().to_string();
        }
        let centred = p.props.align.as_deref() == Some("center");
        if centred || (bold_all && t == t.to_uppercase() && t.chars().any(char::is_alphabetic)) {
            unplaced.push((p.index, t.clone()));
        }
        let v = if bold_all || centred {
            let mut m = Map::new();
            m.insert("para".into(), json!(text));
            if bold_all {
                m.insert("bold".into(), json!(true));
            }
            if centred {
                m.insert("align".into(), json!("center"));
                m.insert("indent".into(), json!(false));
            }
            Value::Object(m)
        } else {
            json!(text)
        };
        push(&mut stack, &mut out, v);
    }
    close(&mut stack, &mut out, 0);
    if in_article {
        flush_article(&mut articles, &mut out);
    }
    (out, articles)
}

/// Blocks after the last "Điều" belong to it.
fn flush_article(articles: &mut [Value], out: &mut Vec<Value>) {
    if out.is_empty() {
        return;
    }
    if let Some(Value::Object(a)) = articles.last_mut() {
        let body = std::mem::take(out);
        match a.get_mut("body") {
            Some(Value::Array(b)) => b.extend(body),
            _ => {
                a.insert("body".into(), Value::Array(body));
            }
        }
    }
}

/// The appendices after the signature: "Phụ lục" line, title, the "(Kèm theo …)" line (vanban
/// writes it again), paragraphs, and tables.
pub fn appendices(d: &Docx, p: &Parts, unplaced: &mut Vec<(usize, String)>) -> Vec<Value> {
    let mut out: Vec<Map<String, Value>> = Vec::new();
    let mut tables = p.appendix_tables.iter();
    for &i in &p.appendix {
        let t = d.paras[i].flat();
        if t.starts_with("Phụ lục") || t.starts_with("PHỤ LỤC") {
            out.push(Map::new());
            continue;
        }
        if out.is_empty() {
            out.push(Map::new());
        }
        let Some(cur) = out.last_mut() else { continue };
        if t.starts_with("(Kèm theo") {
            continue;
        }
        if !cur.contains_key("title") && t == t.to_uppercase() {
            cur.insert("title".into(), json!(t));
            continue;
        }
        let body = cur.entry("body").or_insert_with(|| json!([]));
        if let Value::Array(b) = body {
            b.push(json!(t));
        }
        unplaced.push((d.paras[i].index, t));
    }
    for (k, t) in tables.by_ref().enumerate() {
        if out.is_empty() {
            out.push(Map::new());
        }
        let at = k.min(out.len() - 1);
        if out[at].contains_key("table") {
            out.push(Map::new());
        }
        let at = out.len() - 1;
        out[at].insert("table".into(), table(d, t));
    }
    out.into_iter().map(Value::Object).collect()
}

fn cell_text(d: &Docx, blocks: &[Block]) -> String {
    let mut v = Vec::new();
    for b in blocks {
        match b {
            Block::Para(i) => v.push(d.paras[*i].flat()),
            Block::Table(t) => {
                for row in &t.rows {
                    for c in row {
                        v.push(cell_text(d, &c.blocks));
                    }
                }
            }
        }
    }
    v.retain(|s| !s.is_empty());
    v.join(" ")
}

/// A table as vanban's `table`: the first row as the column titles.
fn table(d: &Docx, t: &Table) -> Value {
    let Some(head) = t.rows.first() else {
        return json!({"columns": [], "rows": []});
    };
    let widths: Vec<Option<i64>> = head.iter().map(|c| c.width).collect();
    let weights = weights(&widths);
    let columns: Vec<Value> = head
        .iter()
        .zip(weights)
        .map(|(c, w)| {
            let mut m = Map::new();
            m.insert("title".into(), json!(cell_text(d, &c.blocks)));
            if let Some(w) = w {
                let w = if w.fract() == 0.0 {
                    json!(w as i64)
                } else {
                    json!(w)
                };
                m.insert("width".into(), w);
            }
            Value::Object(m)
        })
        .collect();
    let ncols: usize = head.iter().map(|c| c.span).sum();
    let rows: Vec<Value> = t.rows[1..]
        .iter()
        .map(|row| {
            if row.len() == 1 && ncols > 1 {
                return json!({"group": cell_text(d, &row[0].blocks)});
            }
            let cells: Vec<Value> = row
                .iter()
                .filter(|c| !c.merged)
                .map(|c| {
                    let text = cell_text(d, &c.blocks);
                    if c.span > 1 {
                        json!({"text": text, "span": c.span})
                    } else {
                        json!(text)
                    }
                })
                .collect();
            Value::Array(cells)
        })
        .collect();
    json!({"columns": columns, "rows": rows})
}

/// The most units the weights of a table's columns are looked for in (vanban's own tables:
/// weights in tenths adding up to 20 at most).
const MAX_UNITS: i64 = 200;

/// How far (twips) a column's edge may be from the weights found: vanban rounds each edge
/// to the twip, LibreOffice moves it by up to about one more.
const EDGE_SLACK: f64 = 2.0;

/// The columns' relative widths (`width`) from their widths in twips.
///
/// The same table must give the same weights whoever wrote the file: vanban writes each
/// column edge rounded to the twip from the weights, and LibreOffice, which keeps edges as
/// parts of the table's width, writes them a twip or so apart. So the weights are the
/// fewest whole units (up to [`MAX_UNITS`]) that put every edge within [`EDGE_SLACK`] of
/// where it is — the weights `1, 3, 3, 5, 5` of a table vanban wrote from those, whether
/// read from its file or LibreOffice's. Widths with no such units (a table drawn by hand)
/// are kept as twips / 100; a column without a width gets none.
pub(super) fn weights(widths: &[Option<i64>]) -> Vec<Option<f64>> {
    let plain = || {
        widths
            .iter()
            .map(|w| w.map(|w| (w as f64 / 100.0).clamp(0.1, 100.0)))
            .collect()
    };
    let Some(twips) = widths
        .iter()
        .map(|w| w.filter(|w| *w > 0))
        .collect::<Option<Vec<i64>>>()
    else {
        return plain();
    };
    let total: i64 = twips.iter().sum();
    if twips.is_empty() || total <= 0 {
        return plain();
    }
    let edges: Vec<f64> = twips
        .iter()
        .scan(0_i64, |at, w| {
            *at += w;
            Some(*at as f64)
        })
        .collect();
    let total = total as f64;
    for units in twips.len() as i64..=MAX_UNITS {
        let per = total / units as f64;
        let marks: Vec<i64> = edges.iter().map(|e| (e / per).round() as i64).collect();
        let fits = marks
            .iter()
            .zip(&edges)
            .all(|(m, e)| (*m as f64 * per - e).abs() <= EDGE_SLACK);
        let mut before = 0;
        let mut out = Vec::with_capacity(marks.len());
        for m in &marks {
            out.push(m - before);
            before = *m;
        }
        if fits && out.iter().all(|u| (1..=100).contains(u)) {
            return out.into_iter().map(|u| Some(u as f64)).collect();
        }
    }
    plain()
}

#[cfg(test)]
mod tests {
    use super::weights;

    /// Column widths in twips as vanban writes them: each edge rounded to the twip.
    fn grid(weights: &[f64], total_mm: f64) -> Vec<Option<i64>> {
        let sum: f64 = weights.iter().sum();
        let mut at = 0.0;
        let mut done = 0;
        weights
            .iter()
            .map(|w| {
                at += w / sum * total_mm;
                let end = (at * 1440.0 / 25.4).round() as i64;
                let width = end - done;
                done = end;
                Some(width)
            })
            .collect()
    }

    fn whole(v: &[f64]) -> Vec<Option<f64>> {
        v.iter().map(|x| Some(*x)).collect()
    }

    #[test]
    fn weights_are_the_same_from_vanban_and_from_libreoffice() {
        // Landscape A4 text width (252 mm): vanban's grid and LibreOffice's re-save of it.
        let ours = grid(&[1.0, 3.0, 3.0, 5.0, 5.0], 252.0);
        assert_eq!(
            ours,
            [840, 2522, 2521, 4202, 4202].map(Some).to_vec(),
            "the grid vanban writes"
        );
        let theirs = [840, 2521, 2522, 4202, 4202].map(Some);
        assert_eq!(weights(&ours), whole(&[1.0, 3.0, 3.0, 5.0, 5.0]));
        assert_eq!(weights(&theirs), weights(&ours));
        // A task table's default weights (tenths), and LibreOffice's edges a twip off.
        let tenths = [0.6, 5.0, 2.0, 2.0, 1.5, 1.7, 1.1];
        let ours = grid(&tenths, 252.0);
        let theirs = [617, 5139, 2054, 2056, 1543, 1746, 1131].map(Some);
        let expect = whole(&[6.0, 50.0, 20.0, 20.0, 15.0, 17.0, 11.0]);
        assert_eq!(weights(&ours), expect);
        assert_eq!(weights(&theirs), expect);
        // Portrait (165 mm), uneven weights.
        let ours = grid(&[0.6, 5.0, 2.0, 2.0, 1.5, 1.7], 165.0);
        assert_eq!(weights(&ours), whole(&[6.0, 50.0, 20.0, 20.0, 15.0, 17.0]));
    }

    #[test]
    fn widths_with_no_small_weights_stay_in_twips() {
        // Edges nowhere near whole parts of the width: twips / 100, as before.
        let drawn = [Some(1234), Some(3001), Some(4567), Some(2999), Some(1111)];
        assert_eq!(weights(&drawn), whole(&[12.34, 30.01, 45.67, 29.99, 11.11]));
        // A column without a width: no weight for it, the others as read.
        assert_eq!(
            weights(&[Some(2000), None, Some(500)]),
            vec![Some(20.0), None, Some(5.0)]
        );
        // A single column: one unit.
        assert_eq!(weights(&[Some(14287)]), whole(&[1.0]));
        assert_eq!(weights(&[]), Vec::<Option<f64>>::new());
    }
}
