//! The body: paragraphs, sections, dash lists and articles, numbered and closed with "./.".

use super::*;

/// Vietnamese letters used for điểm: a, b, c, d, đ, e, g, h, i, k … (NĐ 30, Phụ lục I, II.6.đ).
const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

pub(super) fn check_blocks(
    blocks: &[BlockIn],
    path: &str,
    level: usize,
    issues: &mut Vec<Issue>,
) -> Vec<Block> {
    let mut out = Vec::new();
    let mut section_no = 0usize;
    for (i, b) in blocks.iter().enumerate() {
        let here = format!("{path}[{i}]");
        match b {
            BlockIn::Para(text) => out.push(para(text, false, false, true, "justify")),
            BlockIn::Map(m) if m.tasks.is_some() => issues.push(Issue::new(
                format!("{here}.tasks"),
                (
                    "`tasks` chỉ dùng được trong `body` của văn bản",
                    "`tasks` can only be used in the document's `body`",
                ),
                (
                    "đặt `- tasks: all` trong `body:` (xem docs/tasks.md); phụ lục phân công nhiệm vụ do vanban tự tạo",
                    "put `- tasks: all` in `body:` (see docs/tasks.md); vanban makes the appendix of assigned tasks itself",
                ),
            )),
            BlockIn::Map(m) if m.table.is_some() => {
                if !path.starts_with("appendices[") {
                    issues.push(Issue::new(
                        format!("{here}.table"),
                        (
                            "`table` chỉ dùng được trong phụ lục",
                            "`table` can only be used in an appendix",
                        ),
                        (
                            "đặt bảng trong `appendices:` (`table:`, hoặc `- table:` trong `body`/`after` của phụ lục)",
                            "put the table in `appendices:` (`table:`, or `- table:` in the appendix's `body`/`after`)",
                        ),
                    ));
                } else if let Some(t) = m.table.as_ref()
                    && let Some(table) = super::appendix::check_table(t, &here, issues)
                {
                    out.push(Block::Table { table });
                }
            }
            BlockIn::Map(m) => {
                let set = [m.section.is_some(), m.items.is_some(), m.para.is_some()]
                    .iter()
                    .filter(|x| **x)
                    .count();
                if set != 1 {
                    issues.push(Issue::new(
                        &here,
                        (
                            "mỗi phần tử của nội dung phải là một đoạn văn, hoặc có đúng một trong các khóa `section`, `items`, `para`",
                            "each element of the body must be a paragraph, or have exactly one of the keys `section`, `items`, `para`",
                        ),
                        (
                            "viết `- Nội dung đoạn văn`, hoặc `- section: Tiêu đề` kèm `body:`, hoặc `- items: [...]`",
                            "write `- The paragraph's text`, or `- section: Heading` with `body:`, or `- items: [...]`",
                        ),
                    ));
                    continue;
                }
                if let Some(title) = &m.section {
                    section_no += 1;
                    // A label written with its punctuation (`1.1.`, `(2)`, `a)`, `I.`) is
                    // printed as it is; a bare one (`5`, `IV`) gets the level's.
                    let given = m.number.as_ref().map(Scalar::as_text);
                    let bare = given
                        .as_deref()
                        .map(|n| n.trim_end_matches(['.', ')']).to_string());
                    let number = match &given {
                        Some(n) if n.ends_with(['.', ')']) => n.clone(),
                        _ => {
                            let n = match &bare {
                                Some(n) => n.clone(),
                                None if level == 1 => section_no.to_string(),
                                None => POINT_LETTERS
                                    .get(section_no - 1)
                                    .map_or_else(|| section_no.to_string(), |s| s.to_string()),
                            };
                            // "1.1" (a point numbered as the clerk typed it) ends with a
                            // period too.
                            if level == 1 || n.contains('.') {
                                format!("{n}.")
                            } else {
                                format!("{n})")
                            }
                        }
                    };
                    // Under a Roman-numbered part ("I. MỤC ĐÍCH, YÊU CẦU") the sections are
                    // numbered 1., 2.; under "1." they are a), b) (NĐ 30, Phụ lục I, II.6.đ).
                    let roman = bare
                        .as_deref()
                        .is_some_and(|n| !n.trim().is_empty() && crate::text::is_roman(n));
                    let child_level = if roman { level } else { level + 1 };
                    let body = match &m.body {
                        Some(b) => check_blocks(b, &format!("{here}.body"), child_level, issues),
                        None => Vec::new(),
                    };
                    let bold = m.bold.unwrap_or(true);
                    out.push(Block::Section {
                        number,
                        title: title.trim().to_string(),
                        text: m.text.clone().unwrap_or_default().trim().to_string(),
                        body,
                        bold,
                        number_bold: m.number_bold.unwrap_or(bold),
                        italic: m.italic.unwrap_or(false),
                    });
                } else if let Some(items) = &m.items {
                    if items.is_empty() {
                        issues.push(Issue::new(
                            format!("{here}.items"),
                            ("danh sách gạch đầu dòng trống", "the dash list is empty"),
                            (
                                "thêm ít nhất một mục hoặc xóa `items`",
                                "add at least one item or remove `items`",
                            ),
                        ));
                    }
                    out.push(Block::Items {
                        items: items
                            .iter()
                            .map(|it| match it {
                                ItemIn::Text(t) => Item {
                                    text: strip_item_dash(t, '-'),
                                    items: Vec::new(),
                                },
                                ItemIn::Map(m) => Item {
                                    text: strip_item_dash(&m.text, '-'),
                                    items: m
                                        .items
                                        .iter()
                                        .map(|s| strip_item_dash(s, '+'))
                                        .collect(),
                                },
                            })
                            .collect(),
                    });
                } else if let Some(text) = &m.para {
                    let align = m.align.clone().unwrap_or_else(|| "justify".into());
                    if !["justify", "center", "left", "right"].contains(&align.as_str()) {
                        issues.push(Issue::new(
                            format!("{here}.align"),
                            (
                                format!("căn lề `{align}` không hợp lệ"),
                                format!("the alignment `{align}` is not valid"),
                            ),
                            (
                                "dùng `justify`, `center`, `left` hoặc `right`",
                                "use `justify`, `center`, `left` or `right`",
                            ),
                        ));
                    }
                    out.push(para(
                        text,
                        m.italic.unwrap_or(false),
                        m.bold.unwrap_or(false),
                        m.indent.unwrap_or(true),
                        &align,
                    ));
                }
            }
        }
    }
    out
}

fn strip_item_dash(s: &str, mark: char) -> String {
    let t = s.trim();
    match t.strip_prefix(mark) {
        Some(rest) if rest.starts_with(' ') => rest.trim().to_string(),
        _ => t.to_string(),
    }
}

pub(super) fn para(text: &str, italic: bool, bold: bool, indent: bool, align: &str) -> Block {
    Block::Para {
        text: text.trim().to_string(),
        italic,
        bold,
        indent,
        align: align.to_string(),
    }
}

/// End the body with "./." after its last sentence, as every template of NĐ 30/2020
/// (Phụ lục III, Mẫu 1.x) does, unless the text already ends so.
pub(super) fn close_body(body: &mut [Block]) {
    fn last_text(b: &mut Block) -> Option<&mut String> {
        match b {
            Block::Para { text, .. } => Some(text),
            Block::Section {
                text, body, title, ..
            } => {
                if let Some(last) = body.last_mut() {
                    last_text(last)
                } else if text.is_empty() {
                    Some(title)
                } else {
                    Some(text)
                }
            }
            Block::Items { items } => items.last_mut().map(|it| match it.items.last_mut() {
                Some(sub) => sub,
                None => &mut it.text,
            }),
            Block::Table { .. } => None,
        }
    }
    if let Some(t) = body.last_mut().and_then(last_text)
        && !t.ends_with("./.")
    {
        let trimmed = t.trim_end().trim_end_matches(['.', ';', ',']).to_string();
        *t = format!("{trimmed}./.");
    }
}

pub(super) fn check_articles(list: &[ArticleIn], issues: &mut Vec<Issue>) -> Vec<Article> {
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            let here = format!("articles[{i}]");
            let title = a.title.clone().unwrap_or_default().trim().to_string();
            let text = a.text.clone().unwrap_or_default().trim().to_string();
            let body = match &a.body {
                Some(b) => check_blocks(b, &format!("{here}.body"), 2, issues),
                None => Vec::new(),
            };
            if title.is_empty() && text.is_empty() && body.is_empty() {
                issues.push(Issue::new(
                    &here,
                    (
                        format!("Điều {} trống", i + 1),
                        format!("Điều {} is empty", i + 1),
                    ),
                    (
                        "thêm `title`, `text` hoặc `body` cho điều này",
                        "add `title`, `text` or `body` to this article",
                    ),
                ));
            }
            Article {
                number: format!("Điều {}.", i + 1),
                title,
                text,
                body,
            }
        })
        .collect()
}

pub(super) fn close_article(a: &mut Article) {
    if a.body.is_empty() {
        let t = if a.text.is_empty() {
            &mut a.title
        } else {
            &mut a.text
        };
        if !t.ends_with("./.") {
            *t = format!("{}./.", t.trim_end().trim_end_matches(['.', ';', ',']));
        }
    } else {
        close_body(&mut a.body);
    }
}
