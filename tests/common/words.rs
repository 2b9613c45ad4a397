//! Words of message texts, for the tests that read the sources' message pairs.

/// Words of `text` outside quotes ("…", `…`, “…”) and placeholders ({…}).
pub fn unquoted_words(text: &str) -> Vec<String> {
    let text = text.replace("\\\"", "\"").replace("\\n", " ");
    let mut out = String::new();
    let mut close: Option<char> = None;
    for c in text.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '"' => close = Some('"'),
                '`' => close = Some('`'),
                '“' => close = Some('”'),
                '{' => close = Some('}'),
                c => out.push(c),
            },
        }
    }
    out.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Names of documents (and their parts) that English messages may cite as they are.
pub const DOCUMENT_NAMES: &[&str] = &[
    "NĐ", "Nghị", "định", "Phụ", "lục", "mục", "Hướng", "dẫn", "Quy", "Điều", "Mẫu",
];
