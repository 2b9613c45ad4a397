//! Issue 12, the gaps left after the first pass: a long web address breaks only after a
//! "/" (point 7) at the same places in the PDF and the DOCX; a label of the wrong type is
//! blamed on `number` (point 4); errors in the task appendix's own parts are told where the
//! file wrote them (point 2); and the English half of every message pair written in the
//! Rust sources carries no Vietnamese words (point 8). The tests run the binary and read
//! the PDF (pdftotext) and the DOCX's XML.

mod common;

use std::path::{Path, PathBuf};

use common::words::{DOCUMENT_NAMES, unquoted_words};
use common::*;
use unicode_normalization::UnicodeNormalization;

const ZWSP: char = '\u{200B}';

fn fixture(dir: &str, name: &str) -> PathBuf {
    root().join("tests/fixtures").join(dir).join(name)
}

/// The 1-based line of `text` holding `want`.
fn line_with(text: &str, want: &str) -> usize {
    text.lines()
        .position(|l| l.contains(want))
        .unwrap_or_else(|| panic!("no line with {want:?}"))
        + 1
}

// ---- point 7: a long web address breaks only after "/" ----

/// The web addresses written in a document (words starting with http(s):// or www.).
fn addresses(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '"')
        .filter(|w| w.starts_with("https://") || w.starts_with("www."))
        .map(|w| w.trim_end_matches(['.', ',', ')']).to_string())
        .collect()
}

/// Where `address` is split across the lines of `lines`: the pieces, in order (one piece
/// when it is not split). Panics when the address is not there whole.
fn pieces_of(lines: &[String], address: &str) -> Vec<String> {
    let head: String = address.chars().take(16).collect();
    let start = lines
        .iter()
        .position(|l| l.contains(&head))
        .unwrap_or_else(|| panic!("{address} not found in {lines:#?}"));
    let mut pieces = Vec::new();
    let mut rest = address.to_string();
    let mut text = &lines[start][lines[start].find(&head).unwrap_or(0)..];
    let mut next = start + 1;
    loop {
        let piece: String = text.split(' ').next().unwrap_or("").to_string();
        let taken = piece.chars().count().min(rest.chars().count());
        let piece: String = piece.chars().take(taken).collect();
        assert!(
            !piece.is_empty() && rest.starts_with(&piece),
            "{address}: line {next} goes on with {text:?}, expected {rest:?}"
        );
        rest = rest[piece.len()..].to_string();
        pieces.push(piece);
        if rest.is_empty() {
            return pieces;
        }
        text = lines
            .get(next)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("{address}: ends early, {rest:?} missing"));
        next += 1;
    }
}

#[test]
fn a_long_web_address_breaks_only_after_a_slash_in_pdf_and_docx() {
    let input = fixture("issue12", "duong-dan.yaml");
    let source = std::fs::read_to_string(&input).unwrap();
    let urls = addresses(&source);
    assert_eq!(urls.len(), 3, "{urls:?}");
    let dir = tempfile::tempdir().unwrap();
    let out = vanban(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("duong-dan.pdf");
    let docx = dir.path().join("duong-dan.docx");

    // PDF: every address is there whole, split only after a "/", and none runs past the
    // right margin (a whole address kept on one line would).
    let text: String = run("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .nfc()
        .collect();
    assert!(!text.contains(ZWSP), "the break marks are not text");
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let mut broken = 0;
    for url in &urls {
        let pieces = pieces_of(&lines, url);
        for p in &pieces[..pieces.len() - 1] {
            assert!(p.ends_with('/'), "{url} breaks after {p:?}: {pieces:?}");
        }
        broken += usize::from(pieces.len() > 1);
    }
    assert!(broken >= 2, "the long addresses wrap");
    // a justified line ends at the right margin: "tại" ends the first one
    let words = pdf_words(&pdf);
    let right_edge = words
        .iter()
        .filter(|w| w.text == "tại")
        .map(|w| w.x1)
        .fold(0.0_f64, f64::max);
    let widest = words.iter().map(|w| w.x1).fold(0.0_f64, f64::max);
    assert!(
        right_edge > 0.0 && widest <= right_edge + 0.5,
        "text runs to {widest}, the margin is at {right_edge}"
    );

    // DOCX: the same addresses with a zero-width space (Word's no-width optional break)
    // after each "/" of the path and nowhere else; a document number stays as written.
    let xml = xml_text(&docx_parts(&docx)["word/document.xml"]);
    let mark = |url: &str| {
        let host_end = url.find("://").map_or(0, |i| i + 3);
        let chars: Vec<(usize, char)> = url.char_indices().collect();
        let mut marked = String::new();
        for (n, &(i, c)) in chars.iter().enumerate() {
            marked.push(c);
            if c == '/' && i >= host_end && n + 1 < chars.len() {
                marked.push(ZWSP);
            }
        }
        marked
    };
    let mut marks = 0;
    for url in &urls {
        let marked = mark(url);
        marks += marked.matches(ZWSP).count();
        assert!(xml.contains(&marked), "{marked:?} not in the DOCX:\n{xml}");
        // every place the PDF broke is a break point of the DOCX
        let pieces = pieces_of(&lines, url);
        let mut at = 0;
        for p in &pieces[..pieces.len() - 1] {
            at += p.len();
            assert!(
                marked.starts_with(&format!("{}{ZWSP}", mark(&url[..at]))),
                "{url}: the PDF breaks after {:?}, the DOCX does not",
                &url[..at]
            );
        }
    }
    assert_eq!(
        xml.matches(ZWSP).count(),
        marks,
        "break marks only in addresses"
    );
    assert_eq!(marks, 3 + 3 + 5);
    assert!(xml.contains("24/CTr-UBND,"), "{xml}");
}

// ---- point 4: a label of the wrong type ----

#[test]
fn a_label_of_the_wrong_type_is_blamed_on_number_with_its_line_and_fix() {
    let text = std::fs::read_to_string(fixture("issue12", "diem-danh-so.yaml"))
        .unwrap()
        .replacen("number: 1\n", "number: [1]\n", 1);
    let line = line_with(&text, "number: [1]");
    let (ok, out) = check_text("a.yaml", &text, &[]);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!("dòng {line}, trường `number`:")),
        "{out}"
    );
    assert!(
        out.contains("cần một số nguyên hoặc một chuỗi văn bản"),
        "{out}"
    );
    assert!(out.contains("bỏ dấu `[`"), "the fix: {out}");
    assert!(!out.contains("`section`"), "{out}");
    let (_, en) = check_text("a.yaml", &text, &["--lang", "en"]);
    assert!(
        en.contains(&format!("line {line}, field `number`: the value has the wrong type: expected a whole number or text")),
        "{en}"
    );
    // a decimal (YAML reads 1.5 as a number) and a misspelt key, inside a nested block
    let text2 = text.replacen("number: [1]\n", "number: 1.5\n", 1);
    let (_, out) = check_text("b.yaml", &text2, &[]);
    assert!(
        out.contains(&format!("dòng {line}, trường `number`:")),
        "{out}"
    );
    let text3 = text.replacen("number: [1]\n", "numbr: 1\n", 1);
    let (_, out) = check_text("c.yaml", &text3, &[]);
    assert!(
        out.contains(&format!(
            "dòng {line}: trường `numbr` không có trong định dạng; có phải là `number`?"
        )),
        "{out}"
    );
    // the same in JSON
    let json = r#"{"issuer": {"name": ["ỦY BAN NHÂN DÂN XÃ AN BÌNH"]}, "body": [{"section": "Mục", "number": [1]}]}"#;
    let (_, out) = check_text("d.json", json, &["--lang", "en"]);
    assert!(out.contains("expected a whole number or text"), "{out}");
}

// ---- point 2: the task appendix's own parts ----

#[test]
fn errors_in_the_task_appendix_are_told_where_the_file_wrote_them() {
    let text = std::fs::read_to_string(fixture("appendix", "ke-hoach-phu-luc-nhiem-vu.yaml"))
        .unwrap()
        .replace(
            "  - \"Thủ trưởng các đơn vị thuộc Sở chịu trách nhiệm tổ chức thực hiện Kế hoạch này.\"",
            "  - {para: \"Thủ trưởng các đơn vị thuộc Sở chịu trách nhiệm.\", align: trai}",
        )
        .replace(
            "archive: VT, VP\n",
            "archive: VT, VP\nappendices:\n  - title: Phụ lục riêng\n    body:\n      - {para: \"Một đoạn.\", align: duoi}\n",
        )
        + "    body:\n      - \"Đoạn trước bảng.\"\n      - {para: \"Đoạn hai.\", align: giua}\n    after:\n      - {para: \"Đoạn sau.\", align: phai}\n";
    let (ok, out) = check_text("k.yaml", &text, &[]);
    assert!(!ok, "{out}");
    for (field, value) in [
        ("body[4].align", "trai"),
        ("appendices[0].body[0].align", "duoi"),
        ("tasks.appendix.body[1].align", "giua"),
        ("tasks.appendix.after[0].align", "phai"),
    ] {
        let line = line_with(&text, &format!("align: {value}"));
        assert!(
            out.contains(&format!("dòng {line}, trường `{field}`: căn lề `{value}`")),
            "{field} at line {line}:\n{out}"
        );
    }
    assert!(!out.contains("appendices[1]"), "{out}");
    assert!(!out.contains("body[8]"), "{out}");
}

// ---- point 8: message pairs in the Rust sources ----

/// Vietnamese letters with diacritics (and đ).
fn is_vietnamese(c: char) -> bool {
    let folded: String = c.to_string().nfd().collect();
    !c.is_ascii() && c.is_alphabetic() && (folded.chars().count() > 1 || matches!(c, 'đ' | 'Đ'))
}

/// A string expression of Rust source: a literal, or a `format!("…", …)` call read as its
/// literal. (start, end, literal's text as written).
fn strings(src: &str) -> Vec<(usize, usize, String)> {
    let b = src.as_bytes();
    let literal = |k: usize| -> (String, usize) {
        let mut j = k + 1;
        while j < b.len() && b[j] != b'"' {
            j += if b[j] == b'\\' { 2 } else { 1 };
        }
        (
            src.get(k + 1..j.min(b.len())).unwrap_or("").to_string(),
            j + 1,
        )
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(b.len(), |n| i + n);
            continue;
        }
        if src[i..].starts_with("format!(") {
            let k = i + 8 + (src[i + 8..].len() - src[i + 8..].trim_start().len());
            if b.get(k) == Some(&b'"') {
                let (text, mut m) = literal(k);
                let mut depth = 1;
                while m < b.len() && depth > 0 {
                    match b[m] {
                        b'"' => {
                            m = literal(m).1;
                            continue;
                        }
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    m += 1;
                }
                out.push((i, m, text));
                i = m;
                continue;
            }
        }
        if b[i] == b'\'' {
            // a character literal ('"' among them), not a lifetime
            let rest = &src[i + 1..];
            let len = if let Some(esc) = rest.strip_prefix('\\') {
                esc.find('\'').map(|n| n + 2)
            } else {
                rest.chars()
                    .next()
                    .map(char::len_utf8)
                    .filter(|&n| rest[n..].starts_with('\''))
            };
            if let Some(n) = len {
                i += n + 2;
                continue;
            }
        }
        if b[i] == b'"' && (i == 0 || !matches!(b[i - 1], b'r' | b'#' | b'\\')) {
            let (text, end) = literal(i);
            out.push((i, end, text));
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs")
            && p.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(p);
        }
    }
}

#[test]
fn english_halves_of_message_pairs_in_the_sources_carry_no_vietnamese() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.sort();
    let (mut bad, mut missing, mut pairs) = (Vec::new(), Vec::new(), 0);
    for file in &files {
        let all = std::fs::read_to_string(file).unwrap();
        let src = all
            .find("#[cfg(test)]\nmod tests")
            .map_or(all.as_str(), |k| &all[..k]);
        let found = strings(src);
        for (a, b) in found.iter().zip(found.iter().skip(1)) {
            // (vi, en) or (vi, en, …) as call arguments or a tuple
            let paired = src[a.1..b.0].trim() == ","
                && src[..a.0].trim_end().ends_with('(')
                && src[b.1..].trim_start().starts_with([')', ',']);
            if !paired {
                continue;
            }
            let (vi, en) = (&a.2, &b.2);
            let vi_words = unquoted_words(vi);
            let english = unquoted_words(en).iter().any(|w| {
                w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()) && !vi_words.contains(w)
            });
            let line = src[..a.0].matches('\n').count() + 1;
            let place = format!(
                "{}:{line}",
                file.strip_prefix(root()).unwrap_or(file).display()
            );
            if vi.chars().any(is_vietnamese) && english {
                pairs += 1;
                let viet: Vec<String> = unquoted_words(en)
                    .into_iter()
                    .filter(|w| {
                        w.chars().any(is_vietnamese) && !DOCUMENT_NAMES.contains(&w.as_str())
                    })
                    .collect();
                if !viet.is_empty() {
                    bad.push(format!("{place}: {viet:?} in {en:?}"));
                }
            }
            // a Bi built in place has a Vietnamese half of its own
            let before = src[..a.0].trim_end();
            if (before.ends_with("Bi::new(") || before.ends_with("_bi(("))
                && english
                && (vi.trim().is_empty() || vi == en)
            {
                missing.push(format!("{place}: {vi:?} / {en:?}"));
            }
        }
    }
    assert!(pairs > 300, "the scan finds the pairs: {pairs}");
    assert!(
        bad.is_empty(),
        "Vietnamese outside quotes:\n{}",
        bad.join("\n")
    );
    assert!(
        missing.is_empty(),
        "no Vietnamese half:\n{}",
        missing.join("\n")
    );
    // the scan sees a bad pair when there is one
    let probe = "f((\"thiếu nơi nhận\", \"missing Nơi nhận\")); g(Bi::new(\"\", \"the text\"))";
    let s = strings(probe);
    assert_eq!(s.len(), 4);
    assert_eq!(unquoted_words(&s[1].2), ["missing", "Nơi", "nhận"]);
    assert!(is_vietnamese('ơ') && is_vietnamese('đ') && !is_vietnamese('e'));
}
