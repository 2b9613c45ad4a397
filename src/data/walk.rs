//! Every text of a document in the input model, with its field path: the one walk behind
//! the control-character clean-up and the size limits (issue 18, classes 5 and 8).
//!
//! Both run once, in `check_input`, after the task table has been expanded into the body
//! and the appendix, so text read from a task sheet is seen too.

use super::Issue;
use super::model::{
    AppendixIn, ArticleIn, BlockIn, CellIn, DistIn, Input, ItemIn, Lines, RowIn, Scalar,
    SignatureIn, TableIn,
};

/// Largest text of one field: one paragraph, one heading, one table cell (characters).
pub const MAX_PARAGRAPH_CHARS: usize = 20_000;
/// Largest number of rows of one table.
pub const MAX_TABLE_ROWS: usize = 1_000;
/// Largest number of cells of one table (rows × cells written).
pub const MAX_TABLE_CELLS: usize = 6_000;
/// Largest text of one table (characters of all its cells).
pub const MAX_TABLE_CHARS: usize = 400_000;
/// Largest text of one document (characters of all its fields).
pub const MAX_DOCUMENT_CHARS: usize = 1_000_000;
/// Largest number of texts (paragraphs, headings, list items, lines, table cells) of one
/// document, table rows counted once more.
pub const MAX_DOCUMENT_BLOCKS: usize = 8_000;
/// Deepest nesting of sections (`section` inside `section`).
pub const MAX_SECTION_DEPTH: usize = 6;

/// Call `f` with the field path and the text of every string of `input`. Paths are built
/// only when `f` asks for them (it receives a closure).
pub fn visit_strings(input: &mut Input, f: &mut dyn FnMut(&dyn Fn() -> String, &mut String)) {
    let mut one = |path: &str, s: &mut String| f(&|| path.to_string(), s);
    for (name, v) in [
        ("kind", &mut input.kind),
        ("profile", &mut input.profile),
        ("symbol", &mut input.symbol),
        ("place", &mut input.place),
        ("subject", &mut input.subject),
        ("title_line", &mut input.title_line),
        ("authority_line", &mut input.authority_line),
        ("archive", &mut input.archive),
        ("urgency", &mut input.urgency),
        ("secrecy", &mut input.secrecy),
        ("drafter", &mut input.drafter),
    ] {
        if let Some(s) = v {
            one(name, s);
        }
    }
    for (name, v) in [("number", &mut input.number), ("date", &mut input.date)] {
        if let Some(Scalar::Text(s)) = v {
            one(name, s);
        }
    }
    if let Some(i) = &mut input.issuer {
        lines(&mut i.parent, "issuer.parent", &mut one);
        lines(&mut i.name, "issuer.name", &mut one);
        if let Some(s) = &mut i.text {
            one("issuer.text", s);
        }
    }
    for (k, s) in input.bases.iter_mut().flatten().enumerate() {
        one(&format!("bases[{k}]"), s);
    }
    lines(&mut input.recipients, "recipients", &mut one);
    for (k, a) in input.articles.iter_mut().flatten().enumerate() {
        article(a, &format!("articles[{k}]"), &mut one);
    }
    if let Some(b) = &mut input.body {
        blocks(b, "body", &mut one);
    }
    if let Some(s) = &mut input.signature {
        signature(s, "signature", &mut one);
    }
    for (k, s) in input.signatures.iter_mut().flatten().enumerate() {
        signature(s, &format!("signatures[{k}]"), &mut one);
    }
    for (k, d) in input.distribution.iter_mut().flatten().enumerate() {
        let here = format!("distribution[{k}]");
        match d {
            DistIn::Line(s) => one(&here, s),
            DistIn::Group(g) => {
                for (j, s) in g.group.iter_mut().enumerate() {
                    one(&format!("{here}.group[{j}]"), s);
                }
                one(&format!("{here}.note"), &mut g.note);
            }
        }
    }
    for (k, a) in input.appendices.iter_mut().flatten().enumerate() {
        appendix(a, &format!("appendices[{k}]"), &mut one);
    }
    if let Some(t) = &mut input.tasks {
        for (k, g) in t.groups.iter_mut().flatten().enumerate() {
            one(&format!("tasks.groups[{k}].title"), &mut g.title);
            if let Some(b) = &mut g.intro {
                blocks(b, &format!("tasks.groups[{k}].intro"), &mut one);
            }
        }
        for (k, task) in t.items.iter_mut().flatten().enumerate() {
            let here = format!("tasks.items[{k}]");
            for (name, v) in [
                ("content", &mut task.content),
                ("product", &mut task.product),
                ("note", &mut task.note),
            ] {
                if let Some(s) = v {
                    one(&format!("{here}.{name}"), s);
                }
            }
            lines(&mut task.lead, &format!("{here}.lead"), &mut one);
            lines(&mut task.support, &format!("{here}.support"), &mut one);
        }
    }
}

type One<'a> = dyn FnMut(&str, &mut String) + 'a;

fn lines(l: &mut Option<Lines>, here: &str, one: &mut One) {
    match l {
        Some(Lines::One(s)) => one(here, s),
        Some(Lines::Many(v)) => {
            for (k, s) in v.iter_mut().enumerate() {
                one(&format!("{here}[{k}]"), s);
            }
        }
        None => {}
    }
}

fn signature(s: &mut SignatureIn, here: &str, one: &mut One) {
    lines(&mut s.authority, &format!("{here}.authority"), one);
    lines(&mut s.for_, &format!("{here}.for"), one);
    for (name, v) in [
        ("title", &mut s.title),
        ("name", &mut s.name),
        ("other_post", &mut s.other_post),
    ] {
        if let Some(t) = v {
            one(&format!("{here}.{name}"), t);
        }
    }
}

fn article(a: &mut ArticleIn, here: &str, one: &mut One) {
    if let Some(s) = &mut a.title {
        one(&format!("{here}.title"), s);
    }
    if let Some(s) = &mut a.text {
        one(&format!("{here}.text"), s);
    }
    if let Some(b) = &mut a.body {
        blocks(b, &format!("{here}.body"), one);
    }
}

fn appendix(a: &mut AppendixIn, here: &str, one: &mut One) {
    if let Some(s) = &mut a.title {
        one(&format!("{here}.title"), s);
    }
    if let Some(b) = &mut a.body {
        blocks(b, &format!("{here}.body"), one);
    }
    if let Some(t) = &mut a.table {
        table(t, &format!("{here}.table"), one);
    }
}

fn table(t: &mut TableIn, here: &str, one: &mut One) {
    for (k, c) in t.columns.iter_mut().enumerate() {
        one(&format!("{here}.columns[{k}].title"), &mut c.title);
    }
    for (r, row) in t.rows.iter_mut().enumerate() {
        match row {
            RowIn::Group(g) => one(&format!("{here}.rows[{r}].group"), &mut g.group),
            RowIn::Cells(cells) => {
                for (k, c) in cells.iter_mut().enumerate() {
                    let s = match c {
                        CellIn::Text(Scalar::Text(s)) => s,
                        CellIn::Map(m) => match &mut m.text {
                            Scalar::Text(s) => s,
                            Scalar::Int(_) => continue,
                        },
                        CellIn::Text(Scalar::Int(_)) => continue,
                    };
                    one(&format!("{here}.rows[{r}][{k}]"), s);
                }
            }
        }
    }
}

fn blocks(list: &mut [BlockIn], here: &str, one: &mut One) {
    for (k, b) in list.iter_mut().enumerate() {
        let here = format!("{here}[{k}]");
        match b {
            BlockIn::Para(s) => one(&here, s),
            BlockIn::Map(m) => {
                for (name, v) in [
                    ("section", &mut m.section),
                    ("text", &mut m.text),
                    ("para", &mut m.para),
                ] {
                    if let Some(s) = v {
                        one(&format!("{here}.{name}"), s);
                    }
                }
                if let Some(Scalar::Text(s)) = &mut m.number {
                    one(&format!("{here}.number"), s);
                }
                for (j, it) in m.items.iter_mut().flatten().enumerate() {
                    match it {
                        ItemIn::Text(s) => one(&format!("{here}.items[{j}]"), s),
                        ItemIn::Map(im) => {
                            one(&format!("{here}.items[{j}].text"), &mut im.text);
                            for (q, s) in im.items.iter_mut().enumerate() {
                                one(&format!("{here}.items[{j}].items[{q}]"), s);
                            }
                        }
                    }
                }
                if let Some(b) = &mut m.body {
                    blocks(b, &format!("{here}.body"), one);
                }
            }
        }
    }
}

/// Whether `c` is a control character the documents never carry: C0 but tab and newline,
/// DEL, C1, and the non-characters U+FFFE and U+FFFF.
pub fn is_stray_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Replace every stray control character of `input` by a space (so the words on both sides
/// stay apart); return the field paths where it did, for one warning each.
pub fn replace_controls(input: &mut Input) -> Vec<String> {
    let mut fields = Vec::new();
    visit_strings(input, &mut |path, s| {
        if s.chars().any(is_stray_control) {
            *s = s
                .chars()
                .map(|c| if is_stray_control(c) { ' ' } else { c })
                .collect();
            fields.push(path());
        }
    });
    fields
}

/// The size limits of one document: a field's text, each appendix table (rows, cells,
/// text), the document's text and blocks, the nesting of sections. Every limit broken is
/// one issue naming the limit, the size found and how to split the document.
pub fn size_issues(input: &mut Input) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut total = 0usize;
    let mut strings = 0usize;
    visit_strings(input, &mut |path, s| {
        strings += 1;
        let n = s.chars().count();
        total = total.saturating_add(n);
        if n > MAX_PARAGRAPH_CHARS {
            issues.push(Issue::new(
                path(),
                (
                    format!(
                        "đoạn văn quá dài ({n} ký tự; tối đa {MAX_PARAGRAPH_CHARS} ký tự một đoạn, một ô)"
                    ),
                    format!(
                        "the paragraph is too long ({n} characters; at most {MAX_PARAGRAPH_CHARS} characters in one paragraph or cell)"
                    ),
                ),
                (
                    "tách đoạn này thành nhiều đoạn (mỗi đoạn một phần tử của danh sách)",
                    "split this paragraph into several (one list element each)",
                ),
            ));
        }
    });
    if total > MAX_DOCUMENT_CHARS {
        issues.push(Issue::new(
            "",
            (
                format!("văn bản quá dài ({total} ký tự; tối đa {MAX_DOCUMENT_CHARS} ký tự một văn bản)"),
                format!("the document is too long ({total} characters; at most {MAX_DOCUMENT_CHARS} characters in one document)"),
            ),
            (
                "tách văn bản thành nhiều văn bản, hoặc đưa phần dài thành phụ lục riêng",
                "split it into several documents, or move the long part into a separate appendix document",
            ),
        ));
    }
    let mut blocks_n = strings;
    for (k, a) in input.appendices.iter().flatten().enumerate() {
        if let Some(t) = &a.table {
            blocks_n = blocks_n.saturating_add(t.rows.len());
            table_issues(t, &format!("appendices[{k}].table"), &mut issues);
        }
    }
    if blocks_n > MAX_DOCUMENT_BLOCKS {
        issues.push(Issue::new(
            "",
            (
                format!("văn bản có quá nhiều phần ({blocks_n} đoạn, dòng, ô bảng và hàng bảng; tối đa {MAX_DOCUMENT_BLOCKS})"),
                format!("the document has too many parts ({blocks_n} paragraphs, lines, table cells and rows; at most {MAX_DOCUMENT_BLOCKS})"),
            ),
            (
                "tách văn bản thành nhiều văn bản",
                "split it into several documents",
            ),
        ));
    }
    let mut deepest = (0usize, String::new());
    if let Some(b) = &input.body {
        depth(b, "body", 1, &mut deepest);
    }
    for (k, a) in input.articles.iter().flatten().enumerate() {
        if let Some(b) = &a.body {
            depth(b, &format!("articles[{k}].body"), 1, &mut deepest);
        }
    }
    for (k, a) in input.appendices.iter().flatten().enumerate() {
        if let Some(b) = &a.body {
            depth(b, &format!("appendices[{k}].body"), 1, &mut deepest);
        }
    }
    if deepest.0 > MAX_SECTION_DEPTH {
        issues.push(Issue::new(
            deepest.1,
            (
                format!(
                    "mục lồng nhau quá sâu ({} tầng; tối đa {MAX_SECTION_DEPTH})",
                    deepest.0
                ),
                format!(
                    "sections are nested too deep ({} levels; at most {MAX_SECTION_DEPTH})",
                    deepest.0
                ),
            ),
            (
                "đưa các mục con lên tầng trên, hoặc viết chúng thành danh sách `items`",
                "move the inner sections up a level, or write them as an `items` list",
            ),
        ));
    }
    issues
}

/// The deepest section of `list` (a section at the top is level 1).
fn depth(list: &[BlockIn], here: &str, level: usize, deepest: &mut (usize, String)) {
    for (k, b) in list.iter().enumerate() {
        if let BlockIn::Map(m) = b
            && m.section.is_some()
        {
            let here = format!("{here}[{k}]");
            if level > deepest.0 {
                *deepest = (level, here.clone());
            }
            // the parser bounds the nesting of the file, so does this recursion
            if let Some(inner) = &m.body {
                depth(inner, &format!("{here}.body"), level + 1, deepest);
            }
        }
    }
}

fn table_issues(t: &TableIn, here: &str, issues: &mut Vec<Issue>) {
    let rows = t.rows.len();
    let cells: usize = t
        .rows
        .iter()
        .map(|r| match r {
            RowIn::Cells(c) => c.len(),
            RowIn::Group(_) => 1,
        })
        .sum();
    let chars: usize = t
        .rows
        .iter()
        .map(|r| match r {
            RowIn::Cells(c) => c
                .iter()
                .map(|c| match c {
                    CellIn::Text(Scalar::Text(s)) => s.chars().count(),
                    CellIn::Map(m) => match &m.text {
                        Scalar::Text(s) => s.chars().count(),
                        Scalar::Int(_) => 8,
                    },
                    CellIn::Text(Scalar::Int(_)) => 8,
                })
                .sum::<usize>(),
            RowIn::Group(g) => g.group.chars().count(),
        })
        .sum();
    let mut over = |what: (String, String)| {
        issues.push(Issue::new(
            here,
            what,
            (
                "tách bảng thành nhiều phụ lục, hoặc chia văn bản thành nhiều văn bản (ví dụ theo từng nhóm hàng)",
                "split the table into several appendices, or the document into several (e.g. by group of rows)",
            ),
        ));
    };
    if rows > MAX_TABLE_ROWS {
        over((
            format!("bảng có {rows} hàng; tối đa {MAX_TABLE_ROWS} hàng một bảng"),
            format!("the table has {rows} rows; at most {MAX_TABLE_ROWS} rows in one table"),
        ));
    }
    if cells > MAX_TABLE_CELLS {
        over((
            format!("bảng có {cells} ô; tối đa {MAX_TABLE_CELLS} ô một bảng"),
            format!("the table has {cells} cells; at most {MAX_TABLE_CELLS} cells in one table"),
        ));
    }
    if chars > MAX_TABLE_CHARS {
        over((
            format!("chữ trong bảng dài {chars} ký tự; tối đa {MAX_TABLE_CHARS} ký tự một bảng"),
            format!(
                "the table's text is {chars} characters long; at most {MAX_TABLE_CHARS} in one table"
            ),
        ));
    }
}
