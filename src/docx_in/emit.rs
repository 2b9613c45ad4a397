//! vanban's data written as YAML for `vanban import`: keys in the model's order, strings
//! plain where YAML reads them back unchanged, text of several lines as literal blocks.

use serde_json::Value;

/// The keys of vanban's input model in the model's order (docs/format.md): the document,
/// then inside the issuer, a signature, a block, an item, a group of Nơi nhận, an appendix, a
/// table, a column and a cell. One list serves every object because their orders agree.
const KEY_ORDER: &[&str] = &[
    "kind",
    "profile",
    "issuer",
    "parent",
    "authority",
    "for",
    "section",
    "group",
    "number",
    "symbol",
    "place",
    "date",
    "title",
    "subject",
    "title_line",
    "authority_line",
    "bases",
    "articles",
    "recipients",
    "landscape",
    "columns",
    "para",
    "name",
    "text",
    "other_post",
    "note",
    "width",
    "span",
    "align",
    "italic",
    "bold",
    "indent",
    "body",
    "items",
    "rows",
    "table",
    "signature",
    "signatures",
    "distribution",
    "archive",
    "urgency",
    "secrecy",
    "drafter",
    "copies",
    "appendices",
    "draft_mark",
    "tasks",
];

/// `v` as YAML: block style, keys in the model's order, strings plain where YAML reads them
/// back as the same string, double-quoted otherwise (JSON's escaping is YAML's), text of
/// several lines as a literal block.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    emit(v, 0, &mut out);
    out
}

/// Whether `s` can be written unquoted and read back as the same string.
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    let lower = s.to_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    // Anything a resolver might read as a number, a date or a time stays quoted ("05").
    let numberish = s.chars().all(|c| {
        c.is_ascii_digit() || matches!(c, '.' | '+' | '-' | '_' | ':' | 'e' | 'E' | 'x' | 'o')
    });
    !(numberish || lower == ".inf" || lower == ".nan" || lower == "-.inf")
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) if plain_ok(s) => s.clone(),
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        other => other.to_string(),
    }
}

/// A string of several lines as a literal block scalar (`|-`, `|` or `|+` as its end needs),
/// its lines indented by `indent`; `None` when a literal block cannot hold it exactly.
fn block_scalar(v: &Value, indent: usize) -> Option<String> {
    let s = v.as_str()?;
    if !s.contains('\n')
        || s.starts_with([' ', '\n'])
        || s.chars().any(|c| c.is_control() && c != '\n')
    {
        return None;
    }
    let body = s.trim_end_matches('\n');
    let chomp = match s.len() - body.len() {
        0 => "|-",
        1 => "|",
        _ => return None,
    };
    let pad = " ".repeat(indent);
    let mut out = format!("{chomp}\n");
    for line in body.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{pad}{line}\n"));
        }
    }
    Some(out)
}

fn rank(k: &str) -> usize {
    KEY_ORDER
        .iter()
        .position(|x| *x == k)
        .unwrap_or(KEY_ORDER.len())
}

fn emit(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            // Stable: keys outside the model keep their order after the known ones.
            keys.sort_by_key(|k| rank(k));
            for k in keys {
                let val = &m[k.as_str()];
                match val {
                    Value::Object(o) if !o.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        emit(val, indent + 2, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        emit(val, indent + 2, out);
                    }
                    Value::Object(_) => out.push_str(&format!("{pad}{k}: {{}}\n")),
                    Value::Array(_) => out.push_str(&format!("{pad}{k}: []\n")),
                    s => match block_scalar(s, indent + 2) {
                        Some(b) => out.push_str(&format!("{pad}{k}: {b}")),
                        None => out.push_str(&format!("{pad}{k}: {}\n", scalar(s))),
                    },
                }
            }
        }
        Value::Array(a) => {
            for item in a {
                match item {
                    Value::Object(o) if !o.is_empty() => {
                        let mut inner = String::new();
                        emit(item, indent + 2, &mut inner);
                        let inner = inner.trim_start().to_string();
                        out.push_str(&format!("{pad}- {inner}"));
                    }
                    Value::Array(x) if !x.is_empty() => {
                        let mut inner = String::new();
                        emit(item, indent + 2, &mut inner);
                        out.push_str(&format!("{pad}-\n{inner}"));
                    }
                    s => match block_scalar(s, indent + 2) {
                        Some(b) => out.push_str(&format!("{pad}- {b}")),
                        None => out.push_str(&format!("{pad}- {}\n", scalar(s))),
                    },
                }
            }
        }
        s => out.push_str(&format!("{pad}{}\n", scalar(s))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_where_safe_quoted_where_not() {
        assert!(plain_ok("UBND các xã"));
        assert!(plain_ok("05/02/2025"));
        assert!(plain_ok("(để b/c)"));
        for s in [
            "05",
            "",
            " a",
            "- a",
            "a: b",
            "yes",
            "No",
            "1.5",
            "*Huyện*",
            "a #b",
            "x:",
        ] {
            assert!(!plain_ok(s), "{s:?}");
        }
        let v = json!({"subject": "Về việc\nthứ hai", "number": "05", "kind": "cong-van"});
        assert_eq!(
            to_yaml(&v),
            "kind: cong-van\nnumber: \"05\"\nsubject: |-\n  Về việc\n  thứ hai\n"
        );
    }
}
