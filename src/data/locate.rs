//! Find the line of a field path (`signature.name`, `body[2].items[0]`) in a YAML, JSON or
//! TOML source.
//!
//! serde reads values without positions; the checks that run after it know the field path
//! of a problem. These scanners map the path back to a line: block-style YAML (what clerks
//! write), JSON, and TOML tables and keys. For anything they cannot follow they return the
//! deepest line they found.

use super::Format;

/// 1-based line of `path` in `src` written in `format`, or of its deepest ancestor found.
pub fn line_of(format: Format, src: &str, path: &str) -> Option<usize> {
    match format {
        Format::Yaml => yaml_line(src, path),
        Format::Json => json_line(src, path),
        Format::Toml => toml_line(src, path),
    }
}

/// 1-based line of byte offset `at` in `src`.
fn line_at(src: &str, at: usize) -> usize {
    src.as_bytes()[..at.min(src.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// A small JSON walker: enough to follow a field path through objects and arrays.
struct Json<'a> {
    b: &'a [u8],
    i: usize,
}

impl Json<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// A string at the cursor (opening quote included); its raw text.
    fn string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        self.i += 1;
        let start = self.i;
        while let Some(c) = self.peek() {
            match c {
                b'\\' => self.i += 2,
                b'"' => {
                    let s = String::from_utf8_lossy(&self.b[start..self.i]).into_owned();
                    self.i += 1;
                    return Some(s);
                }
                _ => self.i += 1,
            }
        }
        None
    }

    /// Skip the value at the cursor.
    fn skip(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                while let Some(c) = self.peek() {
                    match c {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
                None
            }
            _ => {
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']') || c.is_ascii_whitespace() {
                        break;
                    }
                    self.i += 1;
                }
                Some(())
            }
        }
    }

    /// Follow `segs` from the value at the cursor; the offset of the deepest step found.
    fn find(&mut self, segs: &[Seg], found: &mut Option<usize>) -> Option<()> {
        self.ws();
        let Some(seg) = segs.first() else {
            return Some(());
        };
        match (seg, self.peek()?) {
            (Seg::Key(k), b'{') => {
                self.i += 1;
                loop {
                    self.ws();
                    if self.peek()? == b'}' {
                        return None;
                    }
                    let at = self.i;
                    let key = self.string()?;
                    self.ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.i += 1;
                    if &key == k {
                        *found = Some(at);
                        return self.find(&segs[1..], found);
                    }
                    self.skip()?;
                    self.ws();
                    if self.peek()? == b',' {
                        self.i += 1;
                    }
                }
            }
            (Seg::Index(n), b'[') => {
                self.i += 1;
                for _ in 0..*n {
                    self.skip()?;
                    self.ws();
                    if self.peek()? != b',' {
                        return None;
                    }
                    self.i += 1;
                }
                self.ws();
                if self.peek()? == b']' {
                    return None;
                }
                *found = Some(self.i);
                self.find(&segs[1..], found)
            }
            _ => None,
        }
    }
}

/// 1-based line of `path` in a JSON source, or of its deepest ancestor found.
pub fn json_line(src: &str, path: &str) -> Option<usize> {
    let mut found = None;
    let mut walker = Json {
        b: src.as_bytes(),
        i: 0,
    };
    let _ = walker.find(&parse_path(path), &mut found);
    found.map(|at| line_at(src, at))
}

/// 1-based line of `path` in a TOML source (`[table]`, `[[array]]` headers and `key =`
/// lines), or of its deepest ancestor found.
pub fn toml_line(src: &str, path: &str) -> Option<usize> {
    let target = parse_path(path);
    let mut table: Vec<Seg> = Vec::new();
    let mut arrays: std::collections::HashMap<String, usize> = Default::default();
    let mut best: Option<(usize, usize)> = None; // (depth, line)
    let keys = |s: &str| -> Vec<Seg> {
        s.split('.')
            .map(|k| Seg::Key(k.trim().trim_matches('"').to_string()))
            .collect()
    };
    for (no, l) in src.lines().enumerate() {
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let here = if let Some(name) = t.strip_prefix("[[").and_then(|r| r.split_once("]]")) {
            let mut p = keys(name.0);
            let n = arrays.entry(name.0.trim().to_string()).or_insert(0);
            p.push(Seg::Index(*n));
            *n += 1;
            table = p.clone();
            p
        } else if let Some(name) = t.strip_prefix('[').and_then(|r| r.split_once(']')) {
            table = keys(name.0);
            table.clone()
        } else if let Some((k, _)) = t.split_once('=') {
            let mut p = table.clone();
            p.extend(keys(k));
            p
        } else {
            continue;
        };
        if here.len() <= target.len()
            && target.starts_with(&here)
            && best.is_none_or(|(d, _)| here.len() > d)
        {
            best = Some((here.len(), no + 1));
        }
    }
    best.map(|(_, line)| line)
}

/// A step in a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A mapping key.
    Key(String),
    /// A sequence index (0-based).
    Index(usize),
}

/// Parse `a.b[2].c` into segments.
pub fn parse_path(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            let key = &rest[..i];
            if !key.is_empty() {
                out.push(Seg::Key(key.to_string()));
            }
            rest = &rest[i..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(end) = stripped.find(']') else { break };
                if let Ok(n) = stripped[..end].parse() {
                    out.push(Seg::Index(n));
                }
                rest = &stripped[end + 1..];
            }
        } else if !rest.is_empty() {
            out.push(Seg::Key(rest.to_string()));
        }
    }
    out
}

#[derive(Clone)]
struct Line {
    no: usize,
    indent: usize,
    text: String,
}

/// 1-based line of `path` in `src`, or of its deepest ancestor found.
pub fn yaml_line(src: &str, path: &str) -> Option<usize> {
    let lines: Vec<Line> = src
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let t = l.trim_start();
            if t.is_empty() || t.starts_with('#') || t.starts_with("---") {
                return None;
            }
            Some(Line {
                no: i + 1,
                indent: l.len() - t.len(),
                text: t.to_string(),
            })
        })
        .collect();
    let mut block = lines;
    let mut found = None;
    for seg in parse_path(path) {
        let Some(indent) = block.first().map(|l| l.indent) else {
            break;
        };
        match seg {
            Seg::Key(k) => {
                let quoted = format!("\"{k}\"");
                let pos = block.iter().position(|l| {
                    l.indent == indent
                        && [k.as_str(), quoted.as_str()].iter().any(|key| {
                            l.text
                                .strip_prefix(key)
                                .is_some_and(|r| r.trim_start().starts_with(':'))
                        })
                });
                let Some(p) = pos else { break };
                found = Some(block[p].no);
                let after_colon = block[p]
                    .text
                    .split_once(':')
                    .map(|(_, v)| v.trim().to_string())
                    .unwrap_or_default();
                let mut child: Vec<Line> = block[p + 1..]
                    .iter()
                    .take_while(|l| {
                        l.indent > indent || (l.indent == indent && l.text.starts_with('-'))
                    })
                    .cloned()
                    .collect();
                if !after_colon.is_empty() && !after_colon.starts_with('|') && child.is_empty() {
                    break;
                }
                if child.is_empty() {
                    break;
                }
                // a sequence under a key may sit at the key's own indent
                if child[0].indent == indent && !child[0].text.starts_with('-') {
                    child.clear();
                }
                block = child;
            }
            Seg::Index(n) => {
                let starts: Vec<usize> = block
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.indent == indent && l.text.starts_with('-'))
                    .map(|(i, _)| i)
                    .collect();
                let Some(&s) = starts.get(n) else { break };
                let e = starts.get(n + 1).copied().unwrap_or(block.len());
                found = Some(block[s].no);
                let mut item: Vec<Line> = block[s..e].to_vec();
                // "- key: v" : the item's content starts after the dash
                let first = &item[0];
                let rest = first.text[1..].trim_start();
                let shift = first.text.len() - rest.len();
                if rest.is_empty() {
                    item.remove(0);
                } else {
                    item[0] = Line {
                        no: first.no,
                        indent: first.indent + shift,
                        text: rest.to_string(),
                    };
                }
                block = item;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "kind: cong-van\nissuer:\n  name:\n    - ỦY BAN NHÂN DÂN\n    - TỈNH HÀ TĨNH\n# note\nbody:\n  - Đoạn một.\n  - section: Một\n    body:\n      - a\n      - items:\n          - x\n          - y\nsignature:\n  title: PHÓ CHỦ TỊCH\n  name: Nguyễn Văn A\n";

    #[test]
    fn finds_nested_keys_and_items() {
        assert_eq!(yaml_line(SRC, "kind"), Some(1));
        assert_eq!(yaml_line(SRC, "issuer.name[1]"), Some(5));
        assert_eq!(yaml_line(SRC, "body[1].section"), Some(9));
        assert_eq!(yaml_line(SRC, "body[1].body[1].items[1]"), Some(14));
        assert_eq!(yaml_line(SRC, "signature.name"), Some(17));
    }

    #[test]
    fn finds_json_and_toml_fields() {
        let json = "{\n  \"kind\": \"cong-van\",\n  \"body\": [\n    \"a\",\n    {\"items\": [\"x\", \"y\"]}\n  ],\n  \"signature\": {\n    \"name\": \"A\"\n  }\n}\n";
        assert_eq!(json_line(json, "kind"), Some(2));
        assert_eq!(json_line(json, "body[1].items"), Some(5));
        assert_eq!(json_line(json, "signature.name"), Some(8));
        assert_eq!(json_line(json, "signature.title"), Some(7));
        let toml = "kind = \"cong-van\"\n[issuer]\nname = [\"A\"]\n[signature]\ntitle = \"T\"\nname = \"N\"\n[[appendices]]\ntitle = \"P1\"\n[[appendices]]\ntitle = \"P2\"\n";
        assert_eq!(toml_line(toml, "kind"), Some(1));
        assert_eq!(toml_line(toml, "signature.name"), Some(6));
        assert_eq!(toml_line(toml, "signature.for"), Some(4));
        assert_eq!(toml_line(toml, "appendices[1].title"), Some(10));
        assert_eq!(toml_line(toml, "issuer.name[0]"), Some(3));
    }

    #[test]
    fn missing_field_falls_back_to_parent() {
        assert_eq!(yaml_line(SRC, "signature.authority"), Some(15));
        assert_eq!(yaml_line(SRC, "date"), None);
    }
}
