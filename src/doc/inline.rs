//! Inline markup inside text fields: the small, pandoc-like syntax clerks write.
//!
//! | markup          | meaning                       |
//! |-----------------|-------------------------------|
//! | `**chữ đậm**`   | bold                          |
//! | `*chữ nghiêng*` | italic                        |
//! | `~5~`           | subscript (NL~5~ = NL₅)       |
//! | `^2^`           | superscript                   |
//! | `^[lời chú]`    | footnote with that text       |
//! | `\*`            | a literal `*` (also `\~ \^ \\ \[ \]`) |
//!
//! Marks that are opened and never closed are kept as literal characters, so a stray `*`
//! never swallows the rest of a paragraph.

use super::{Inline, Script};

#[derive(Clone, Copy, Default, PartialEq)]
struct Marks {
    bold: bool,
    italic: bool,
    script: Script,
}

/// Parse inline markup into runs. Never fails: unbalanced marks are literal text.
pub fn parse_inline(src: &str) -> Vec<Inline> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    parse_into(&chars, Marks::default(), &mut out);
    let mut runs = merge_runs(out);
    mark_urls(&mut runs);
    runs
}

/// Where a web address may break: after a `/` of its path, and nowhere else (issue 12,
/// point 7). The tree carries a zero-width space (U+200B, Word's "no-width optional break")
/// there: the DOCX writes it as it is and Word breaks at it; the PDF (src/export/pdf/data.rs)
/// keeps the pieces between them whole.
pub const URL_BREAK: char = '\u{200B}';

fn mark_urls(runs: &mut [Inline]) {
    for r in runs {
        match r {
            Inline::Text { text, .. } => {
                if let Some(marked) = url_breaks(text) {
                    *text = marked;
                }
            }
            Inline::Footnote { inlines } => mark_urls(inlines),
            _ => {}
        }
    }
}

/// `text` with [`URL_BREAK`] after each `/` of the path of every web address in it
/// (`http://`, `https://` or `www.`, up to the next space), when something other than
/// punctuation follows; `None` when there is none to add.
pub fn url_breaks(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    if !(lower.contains("http://") || lower.contains("https://") || lower.contains("www.")) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut changed = false;
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let start = ["http://", "https://", "www."]
            .iter()
            .filter_map(|p| word.to_lowercase().find(p))
            .min()
            // to_lowercase keeps the byte offsets of ASCII text; anything else is left alone
            .filter(|&i| word.is_char_boundary(i));
        let Some(start) = start else {
            out.push_str(word);
            continue;
        };
        // the path starts after the host: the first `/` that is not part of `://`
        let host = word[start..].find("://").map_or(start, |i| start + i + 3);
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        for (n, &(i, c)) in chars.iter().enumerate() {
            out.push(c);
            let rest = chars.get(n + 1..).unwrap_or(&[]);
            if c == '/'
                && i >= host
                && rest
                    .first()
                    .is_some_and(|&(_, d)| d != '/' && d != URL_BREAK)
                && rest.iter().any(|&(_, d)| d.is_alphanumeric())
            {
                out.push(URL_BREAK);
                changed = true;
            }
        }
    }
    changed.then_some(out)
}

fn push_text(out: &mut Vec<Inline>, text: &str, m: Marks) {
    if text.is_empty() {
        return;
    }
    out.push(Inline::Text {
        text: text.to_string(),
        bold: m.bold,
        italic: m.italic,
        script: m.script,
    });
}

/// Index of the closing delimiter `delim` (one or two chars) at or after `from`, skipping
/// escaped characters; `None` when it is never closed.
fn find_close(chars: &[char], from: usize, delim: &[char]) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '\\' {
            i += 2;
            continue;
        }
        if chars[i..].starts_with(delim) {
            // "**" must not close a single "*" run, and "*" must not stop inside "**".
            if delim == ['*'] && chars.get(i + 1) == Some(&'*') {
                // a bold run inside italic: skip to its end
                match find_close(chars, i + 2, &['*', '*']) {
                    Some(j) => {
                        i = j + 2;
                        continue;
                    }
                    None => return Some(i),
                }
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Index of the `]` closing a footnote opened at `from`, allowing nested brackets.
fn find_bracket(chars: &[char], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => depth += 1,
            ']' if depth == 0 => return Some(i),
            ']' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

fn parse_into(chars: &[char], m: Marks, out: &mut Vec<Inline>) {
    let mut buf = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\\' if next.is_some_and(|n| "*~^\\[]".contains(n)) => {
                buf.push(next.unwrap_or('\\'));
                i += 2;
                continue;
            }
            '^' if next == Some('[') => {
                if let Some(end) = find_bracket(chars, i + 2) {
                    push_text(out, &buf, m);
                    buf.clear();
                    let mut note = Vec::new();
                    parse_into(&chars[i + 2..end], Marks::default(), &mut note);
                    out.push(Inline::Footnote {
                        inlines: merge_runs(note),
                    });
                    i = end + 1;
                    continue;
                }
            }
            '*' if next == Some('*') => {
                if let Some(end) = find_close(chars, i + 2, &['*', '*'])
                    && end > i + 2
                {
                    push_text(out, &buf, m);
                    buf.clear();
                    parse_into(&chars[i + 2..end], Marks { bold: true, ..m }, out);
                    i = end + 2;
                    continue;
                }
            }
            '*' => {
                if let Some(end) = find_close(chars, i + 1, &['*'])
                    && end > i + 1
                {
                    push_text(out, &buf, m);
                    buf.clear();
                    parse_into(&chars[i + 1..end], Marks { italic: true, ..m }, out);
                    i = end + 1;
                    continue;
                }
            }
            '~' | '^' => {
                let script = if c == '~' { Script::Sub } else { Script::Super };
                if let Some(end) = find_close(chars, i + 1, &[c]) {
                    let inner: String = chars[i + 1..end].iter().collect();
                    if end > i + 1 && !inner.contains(char::is_whitespace) {
                        push_text(out, &buf, m);
                        buf.clear();
                        parse_into(&chars[i + 1..end], Marks { script, ..m }, out);
                        i = end + 1;
                        continue;
                    }
                }
            }
            _ => {}
        }
        buf.push(c);
        i += 1;
    }
    push_text(out, &buf, m);
}

/// Join neighbouring text runs that carry the same marks.
fn merge_runs(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
    for r in runs {
        if let Some(Inline::Text {
            text: a,
            bold: ab,
            italic: ai,
            script: asc,
        }) = out.last_mut()
            && let Inline::Text {
                text: b,
                bold: bb,
                italic: bi,
                script: bsc,
            } = &r
            && (*ab, *ai, *asc) == (*bb, *bi, *bsc)
        {
            a.push_str(b);
            continue;
        }
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_break_after_their_slashes_only() {
        let z = URL_BREAK;
        assert_eq!(
            url_breaks("Xem https://a.gov.vn/van-ban/so-24.pdf.").as_deref(),
            Some(format!("Xem https://a.gov.vn/{z}van-ban/{z}so-24.pdf.").as_str())
        );
        assert_eq!(
            url_breaks("(www.a.vn/b/) và 24/CTr-UBND").as_deref(),
            Some(format!("(www.a.vn/{z}b/) và 24/CTr-UBND").as_str())
        );
        // no web address, or nothing to break
        assert_eq!(url_breaks("Số 24/CTr-UBND, đồng/người/năm"), None);
        assert_eq!(url_breaks("https://a.gov.vn"), None);
        // marks once
        let once = url_breaks("https://a.vn/b/c").unwrap_or_default();
        assert_eq!(url_breaks(&once), None);
        // in a footnote too
        let runs = parse_inline("x^[https://a.vn/b]");
        assert!(
            matches!(&runs[1], Inline::Footnote { inlines } if matches!(&inlines[0], Inline::Text { text, .. } if text.contains(z))),
            "{runs:?}"
        );
    }

    fn t(text: &str, bold: bool, italic: bool) -> Inline {
        Inline::Text {
            text: text.into(),
            bold,
            italic,
            script: Script::Baseline,
        }
    }

    #[test]
    fn plain_text_is_one_run() {
        assert_eq!(
            parse_inline("Kính gửi: Bộ Nội vụ"),
            vec![t("Kính gửi: Bộ Nội vụ", false, false)]
        );
    }

    #[test]
    fn bold_and_italic_lead_ins() {
        assert_eq!(
            parse_inline("*Đối với các xã*: tập trung"),
            vec![
                t("Đối với các xã", false, true),
                t(": tập trung", false, false)
            ]
        );
        assert_eq!(
            parse_inline("**Chế độ *báo cáo*:** các Sở"),
            vec![
                t("Chế độ ", true, false),
                t("báo cáo", true, true),
                t(":", true, false),
                t(" các Sở", false, false)
            ]
        );
    }

    #[test]
    fn scripts_and_footnotes() {
        let r = parse_inline("NL~5~ và m^2^^[Theo *Quyết định* số 1.]");
        assert_eq!(r.len(), 5);
        assert!(matches!(&r[1], Inline::Text { text, script: Script::Sub, .. } if text == "5"));
        assert!(matches!(&r[3], Inline::Text { text, script: Script::Super, .. } if text == "2"));
        match &r[4] {
            Inline::Footnote { inlines } => assert_eq!(inlines.len(), 3),
            other => panic!("expected a footnote, got {other:?}"),
        }
    }

    #[test]
    fn unbalanced_marks_stay_literal() {
        assert_eq!(parse_inline("a * b"), vec![t("a * b", false, false)]);
        assert_eq!(parse_inline("**a"), vec![t("**a", false, false)]);
        assert_eq!(
            parse_inline("x ~ y ~ z"),
            vec![t("x ~ y ~ z", false, false)]
        );
        assert_eq!(
            parse_inline("^[never closed"),
            vec![t("^[never closed", false, false)]
        );
        assert_eq!(parse_inline(r"5 \* 3"), vec![t("5 * 3", false, false)]);
    }
}
