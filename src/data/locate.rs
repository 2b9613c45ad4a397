//! Find the line of a field path (`signature.name`, `body[2].items[0]`) in a YAML source.
//!
//! serde reads values without positions; the checks that run after it know the field path
//! of a problem. This scanner maps the path back to a line for block-style YAML (what clerks
//! write). For flow style or anything it cannot follow it returns the deepest line it found.

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
    fn missing_field_falls_back_to_parent() {
        assert_eq!(yaml_line(SRC, "signature.authority"), Some(15));
        assert_eq!(yaml_line(SRC, "date"), None);
    }
}
