//! A bounded element tree of one XML part: quick-xml's event reader, with a cap on the
//! number of nodes and on depth, local names only (the `w:` of WordprocessingML dropped),
//! entity references decoded, text kept as written.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Most elements in one part (a 400-page report has about 2 million).
pub const MAX_NODES: usize = 4_000_000;
/// Deepest nesting of elements (tables in tables in text boxes …).
pub const MAX_DEPTH: usize = 256;

/// One element: its local name, attributes (local names) and children.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct El {
    /// Local name (`p`, `r`, `t`, …).
    pub name: String,
    /// Attributes by local name.
    pub attrs: Vec<(String, String)>,
    /// Child nodes in order.
    pub children: Vec<Node>,
}

/// A child node.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// An element.
    El(El),
    /// Text.
    Text(String),
}

impl El {
    /// An attribute's value by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// The child elements named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    /// `w:val` of the child `name`.
    pub fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }

    /// All text below this element.
    pub fn text(&self) -> String {
        let mut s = String::new();
        fn walk(e: &El, s: &mut String) {
            for n in &e.children {
                match n {
                    Node::Text(t) => s.push_str(t),
                    Node::El(c) => walk(c, s),
                }
            }
        }
        walk(self, &mut s);
        s
    }

    /// Whether some element below (or this one) is named `name`.
    pub fn has_descendant(&self, name: &str) -> bool {
        self.elements()
            .any(|c| c.name == name || c.has_descendant(name))
    }
}

/// Why a part could not be read as XML.
#[derive(Debug, Clone, PartialEq)]
pub enum XmlError {
    /// Not well-formed: the byte offset and the parser's words.
    Syntax(u64, String),
    /// Too many elements.
    TooManyNodes,
    /// Nested too deep.
    TooDeep,
    /// The time budget ran out.
    Timeout,
}

fn local(name: &[u8]) -> String {
    let n = match name.iter().rposition(|b| *b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(n).into_owned()
}

fn element(e: &BytesStart) -> El {
    let attrs = e
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            let v = unescape(&String::from_utf8_lossy(&a.value));
            (local(a.key.as_ref()), v)
        })
        .collect();
    El {
        name: local(e.name().as_ref()),
        attrs,
        children: Vec::new(),
    }
}

fn entity(name: &str) -> Option<String> {
    Some(
        match name {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            _ => {
                let code = if let Some(h) = name.strip_prefix("#x") {
                    u32::from_str_radix(h, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse().ok()?
                };
                return char::from_u32(code).map(String::from);
            }
        }
        .to_string(),
    )
}

/// Entity references of an attribute value decoded; unknown ones kept as written.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find(';').filter(|j| *j <= 12) {
            Some(j) => match entity(&after[..j]) {
                Some(e) => {
                    out.push_str(&e);
                    rest = &after[j + 1..];
                }
                None => {
                    out.push('&');
                    rest = after;
                }
            },
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parse `xml` into its root element. `deadline` stops a part that takes too long.
pub fn parse(xml: &[u8], deadline: std::time::Instant) -> Result<El, XmlError> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<El> = vec![El::default()];
    let mut nodes = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| XmlError::Syntax(reader.buffer_position(), e.to_string()))?;
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(XmlError::TooManyNodes);
        }
        if nodes.is_multiple_of(65_536) && std::time::Instant::now() > deadline {
            return Err(XmlError::Timeout);
        }
        let top = stack.len() - 1;
        match event {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(XmlError::TooDeep);
                }
                stack.push(element(&e));
            }
            Event::Empty(e) => stack[top].children.push(Node::El(element(&e))),
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(XmlError::Syntax(
                        reader.buffer_position(),
                        "closing tag without an opening one".into(),
                    ));
                }
                if let Some(done) = stack.pop() {
                    let top = stack.len() - 1;
                    stack[top].children.push(Node::El(done));
                }
            }
            Event::Text(t) => {
                let s = String::from_utf8_lossy(t.as_ref()).into_owned();
                push_text(&mut stack[top], &s);
            }
            Event::CData(t) => {
                let s = String::from_utf8_lossy(t.as_ref()).into_owned();
                push_text(&mut stack[top], &s);
            }
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                if let Some(s) = entity(&name) {
                    push_text(&mut stack[top], &s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(XmlError::Syntax(
            reader.buffer_position(),
            "the part ends inside an element".into(),
        ));
    }
    let root = stack.pop().unwrap_or_default();
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or(XmlError::Syntax(0, "no root element".into()))
}

fn push_text(e: &mut El, s: &str) {
    if let Some(Node::Text(t)) = e.children.last_mut() {
        t.push_str(s);
    } else {
        e.children.push(Node::Text(s.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn later() -> std::time::Instant {
        std::time::Instant::now() + std::time::Duration::from_secs(5)
    }

    #[test]
    fn local_names_entities_and_errors() {
        let e = parse(
            br#"<w:document xmlns:w="x"><w:p><w:r><w:t>a &amp; &#7875;</w:t></w:r></w:p></w:document>"#,
            later(),
        )
        .unwrap();
        assert_eq!(e.name, "document");
        assert_eq!(e.text(), "a & ể");
        assert!(parse(b"<a><b></a>", later()).is_err());
        assert!(parse(b"<a>", later()).is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 2);
        assert_eq!(parse(deep.as_bytes(), later()), Err(XmlError::TooDeep));
    }
}
