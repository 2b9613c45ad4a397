//! WordprocessingML for people: one element per line, volatile ids left out.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Attributes whose values change with no change of content (revision-session ids, Word's
/// paragraph and text ids): left out of the normalised XML.
pub fn is_volatile(attr: &str) -> bool {
    matches!(attr, "w14:paraId" | "w14:textId") || attr.starts_with("w:rsid")
}

/// A piece of the document, its text kept escaped as it stands in the part.
enum Token {
    Open(String),
    Close(String),
    Empty(String),
    Text(String),
}

/// `<name a="…" …` with the volatile attributes left out (no closing bracket).
fn tag(e: &BytesStart) -> String {
    let mut s = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    for a in e.attributes().with_checks(false).flatten() {
        let key = String::from_utf8_lossy(a.key.as_ref());
        if is_volatile(&key) {
            continue;
        }
        s.push_str(&format!(" {key}=\"{}\"", String::from_utf8_lossy(&a.value)));
    }
    s
}

/// The part pretty-printed: one element a line, indented by depth; an element that holds only
/// text stays on one line (`<w:t>…</w:t>`). Text is kept exactly (escaped, spaces included).
/// Panics with the position if the part is not well-formed XML.
pub fn normalise(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut tokens: Vec<Token> = Vec::new();
    let mut text = String::new();
    loop {
        let event = reader.read_event().unwrap_or_else(|e| {
            panic!(
                "not well-formed XML at byte {}: {e}",
                reader.buffer_position()
            )
        });
        match &event {
            Event::Text(t) => {
                text.push_str(&String::from_utf8_lossy(t.as_ref()));
                continue;
            }
            Event::GeneralRef(r) => {
                text.push_str(&format!("&{};", String::from_utf8_lossy(r.as_ref())));
                continue;
            }
            Event::CData(t) => {
                text.push_str(&format!(
                    "<![CDATA[{}]]>",
                    String::from_utf8_lossy(t.as_ref())
                ));
                continue;
            }
            _ => {}
        }
        if !text.is_empty() {
            tokens.push(Token::Text(std::mem::take(&mut text)));
        }
        match event {
            Event::Start(e) => tokens.push(Token::Open(tag(&e))),
            Event::Empty(e) => tokens.push(Token::Empty(tag(&e))),
            Event::End(e) => tokens.push(Token::Close(
                String::from_utf8_lossy(e.name().as_ref()).into_owned(),
            )),
            Event::Decl(d) => {
                tokens.push(Token::Empty(format!(
                    "?{}?",
                    String::from_utf8_lossy(d.as_ref()).trim_end_matches('?')
                )));
            }
            Event::Eof => break,
            // comments, processing instructions, doctype: none in a DOCX part
            _ => {}
        }
    }
    let mut out = String::new();
    let mut depth = 0usize;
    let mut i = 0;
    let line = |out: &mut String, depth: usize, s: &str| {
        out.push_str(&"  ".repeat(depth));
        out.push_str(s);
        out.push('\n');
    };
    while i < tokens.len() {
        match (&tokens[i], tokens.get(i + 1), tokens.get(i + 2)) {
            (Token::Open(t), Some(Token::Text(x)), Some(Token::Close(c))) => {
                line(&mut out, depth, &format!("<{t}>{x}</{c}>"));
                i += 3;
            }
            (Token::Open(t), Some(Token::Close(c)), _) => {
                line(&mut out, depth, &format!("<{t}></{c}>"));
                i += 2;
            }
            (Token::Open(t), _, _) => {
                line(&mut out, depth, &format!("<{t}>"));
                depth += 1;
                i += 1;
            }
            (Token::Close(c), _, _) => {
                depth = depth.saturating_sub(1);
                line(&mut out, depth, &format!("</{c}>"));
                i += 1;
            }
            (Token::Empty(t), _, _) => {
                if t.starts_with('?') {
                    line(&mut out, depth, &format!("<{t}>"));
                } else {
                    line(&mut out, depth, &format!("<{t}/>"));
                }
                i += 1;
            }
            (Token::Text(x), _, _) => {
                // whitespace between elements is layout of the file, not content
                if !x.trim().is_empty() {
                    line(&mut out, depth, x);
                }
                i += 1;
            }
        }
    }
    out
}
