//! A small XML tree over quick-xml, for the package fix-ups. Text and attribute values are
//! kept exactly as written (still escaped), so a part read and written back changes only
//! where a fix-up changed it. Names are qualified names as written ("w:pPr"): docx-rs always
//! uses the same prefixes.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::DocxError;

/// A node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    /// An element.
    Element(Element),
    /// Character data or an entity reference, as written (escaped).
    Text(String),
    /// A comment, CDATA section or processing instruction, with its markup.
    Raw(String),
}

/// An element with its attributes (values as written, escaped) and children.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Element {
    /// Qualified name, e.g. `w:pPr`.
    pub name: String,
    /// Attributes in their order, values escaped.
    pub attrs: Vec<(String, String)>,
    /// Child nodes in their order.
    pub children: Vec<Node>,
}

impl Element {
    /// An element without attributes or children.
    pub fn new(name: &str) -> Self {
        Element {
            name: name.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Adds an attribute; `value` must not need escaping (names, numbers).
    pub fn attr(mut self, name: &str, value: &str) -> Self {
        self.attrs.push((name.to_string(), value.to_string()));
        self
    }

    /// Adds a child element.
    pub fn child(mut self, child: Element) -> Self {
        self.children.push(Node::Element(child));
        self
    }

    /// Adds text; `text` must not need escaping.
    pub fn text(mut self, text: &str) -> Self {
        self.children.push(Node::Text(text.to_string()));
        self
    }

    /// The value of an attribute, as written.
    #[cfg(test)]
    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// Child elements, mutable.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// Calls `f` on this element and every element below it, parents first.
    pub fn walk_mut(&mut self, f: &mut impl FnMut(&mut Element)) {
        f(self);
        for child in self.elements_mut() {
            child.walk_mut(f);
        }
    }
}

/// Parses a whole part; the declaration is dropped (the writer adds its own).
pub(super) fn parse(part: &str, bytes: &[u8]) -> Result<Element, DocxError> {
    let err = |e: &dyn std::fmt::Display| DocxError::wrap(&format!("cannot read {part}"), e);
    let text = std::str::from_utf8(bytes).map_err(|e| err(&e))?;
    let mut reader = Reader::from_str(text);
    // Stack of open elements; the bottom one collects the root.
    let mut stack: Vec<Element> = vec![Element::new("")];
    loop {
        let event = reader.read_event().map_err(|e| err(&e))?;
        match event {
            Event::Start(start) => stack.push(element(&start).map_err(|e| err(&e))?),
            Event::Empty(start) => {
                let e = element(&start).map_err(|e| err(&e))?;
                push(&mut stack, Node::Element(e));
            }
            Event::End(_) => {
                let done = stack.pop().filter(|_| !stack.is_empty());
                match done {
                    Some(e) => push(&mut stack, Node::Element(e)),
                    None => return Err(err(&"unbalanced end tag")),
                }
            }
            Event::Text(t) => push(&mut stack, Node::Text(utf8(&t).map_err(|e| err(&e))?)),
            Event::GeneralRef(r) => {
                let name = utf8(&r).map_err(|e| err(&e))?;
                push(&mut stack, Node::Text(format!("&{name};")))
            }
            Event::CData(c) => {
                let body = utf8(&c).map_err(|e| err(&e))?;
                push(&mut stack, Node::Raw(format!("<![CDATA[{body}]]>")))
            }
            Event::Comment(c) => {
                let body = utf8(&c).map_err(|e| err(&e))?;
                push(&mut stack, Node::Raw(format!("<!--{body}-->")))
            }
            Event::PI(p) => {
                let body = utf8(&p).map_err(|e| err(&e))?;
                push(&mut stack, Node::Raw(format!("<?{body}?>")))
            }
            Event::Decl(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    let mut top = match (stack.pop(), stack.is_empty()) {
        (Some(top), true) => top,
        _ => return Err(err(&"unclosed element")),
    };
    let mut roots = std::mem::take(&mut top.children)
        .into_iter()
        .filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        });
    match (roots.next(), roots.next()) {
        (Some(root), None) => Ok(root),
        _ => Err(err(&"not exactly one root element")),
    }
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

fn utf8(bytes: &[u8]) -> Result<String, std::str::Utf8Error> {
    std::str::from_utf8(bytes).map(str::to_string)
}

fn element(start: &BytesStart) -> Result<Element, Box<dyn std::error::Error>> {
    let mut e = Element::new(std::str::from_utf8(start.name().as_ref())?);
    for attr in start.attributes() {
        let attr = attr?;
        let key = std::str::from_utf8(attr.key.as_ref())?;
        // Values are re-quoted with `"`: escape a bare `"` a single-quoted value may hold.
        let value = std::str::from_utf8(&attr.value)?.replace('"', "&quot;");
        e.attrs.push((key.to_string(), value));
    }
    Ok(e)
}

/// Writes a part: the XML declaration, then the tree.
pub(super) fn write(root: &Element) -> Vec<u8> {
    let mut out = String::from(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    write_element(root, &mut out);
    out.into_bytes()
}

fn write_element(e: &Element, out: &mut String) {
    out.push('<');
    out.push_str(&e.name);
    for (k, v) in &e.attrs {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        out.push_str(v);
        out.push('"');
    }
    if e.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for child in &e.children {
        match child {
            Node::Element(c) => write_element(c, out),
            Node::Text(t) | Node::Raw(t) => out.push_str(t),
        }
    }
    out.push_str("</");
    out.push_str(&e.name);
    out.push('>');
}

/// Escapes text for element content or a double-quoted attribute value.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_text_and_escapes() {
        let src = r#"<?xml version="1.0" encoding="UTF-8"?><w:p a="x &amp; &quot;y&quot;"><w:t xml:space="preserve">a  &amp; b &lt;c&gt;</w:t><w:br/><!-- c --></w:p>"#;
        let root = parse("test", src.as_bytes()).unwrap();
        let out = String::from_utf8(write(&root)).unwrap();
        assert!(out.ends_with(
            r#"<w:p a="x &amp; &quot;y&quot;"><w:t xml:space="preserve">a  &amp; b &lt;c&gt;</w:t><w:br/><!-- c --></w:p>"#
        ));
        assert!(parse("test", b"<a><b></a>").is_err());
        assert!(parse("test", b"<a/><b/>").is_err());
    }
}
