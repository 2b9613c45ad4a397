//! Comparison keys: when two spellings of a name are the same name.

use unicode_normalization::UnicodeNormalization;

/// The text without Vietnamese marks: tones and vowel marks dropped, `đ`/`Đ` as `d`/`D`.
/// "Đồng Lộc" -> "Dong Loc". Case and everything else is kept.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter_map(|c| match c {
            '\u{300}'..='\u{36f}' => None,
            'đ' => Some('d'),
            'Đ' => Some('D'),
            c => Some(c),
        })
        .collect()
}

/// Key of a word or phrase a clerk writes in a cell ("Nâng cao", "nang cao", "Đạt"): marks
/// dropped, lower case, runs of ASCII letters and digits joined by `-` ("nang-cao"). Unlike
/// [`super::slug`] it is never cut short and an empty text has an empty key.
pub fn word_key(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Key that makes two spellings of one unit equal: NFC, lower case, single spaces.
pub fn unit_key(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Looser key for near-duplicates: [`unit_key`] without marks or punctuation ("Sở Tài
/// chinh" and "Sở Tài chính", "UBND tỉnh." and "UBND tỉnh").
pub fn loose_key(s: &str) -> String {
    let mut out = String::new();
    for c in fold(&unit_key(s)).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(fold("Đồng Lộc"), "Dong Loc");
        assert_eq!(word_key(" Chưa đạt "), "chua-dat");
        assert_eq!(word_key(""), "");
        assert_eq!(unit_key("  Sở  Y TẾ "), "sở y tế");
        assert_eq!(loose_key("Sở Tài chinh"), loose_key("Sở Tài chính."));
        assert_ne!(loose_key("Sở Y tế"), loose_key("Sở Xây dựng"));
    }
}
