//! Cited symbols written with spaces ("68/TTr- SDTTG", "40/2014/ TT - BNNPTNT",
//! "34/ HD - SNN"): NĐ 30, Phụ lục I, II.3.c writes number and symbol without spaces.

/// Every number-and-symbol of `text` that has spaces around its "/" or "-": (as written,
/// without the spaces).
pub(super) fn spaced_symbols(text: &str) -> Vec<(String, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].1.is_ascii_digit()
            && (i == 0 || !chars[i - 1].1.is_alphanumeric() && chars[i - 1].1 != '/');
        if starts && let Some(end) = symbol_end(&chars, i) {
            let from = chars[i].0;
            let to = chars.get(end).map_or(text.len(), |c| c.0);
            let written = text[from..to].to_string();
            if written.contains(char::is_whitespace) {
                let tight: String = written.split_whitespace().collect();
                out.push((written, tight));
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// Where a number-and-symbol starting at `i` ends: digits, "/", an optional year and "/",
/// then at least two groups of letters joined by "-" or "/" (spaces allowed around the
/// marks); `None` if there is no such symbol.
fn symbol_end(chars: &[(usize, char)], mut i: usize) -> Option<usize> {
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < chars.len() && chars[*i].1.is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    let spaces = |i: &mut usize| {
        while *i < chars.len() && chars[*i].1 == ' ' {
            *i += 1;
        }
    };
    let mark = |i: &mut usize, set: &[char]| {
        let s = *i;
        spaces(i);
        if *i < chars.len() && set.contains(&chars[*i].1) {
            *i += 1;
            spaces(i);
            true
        } else {
            *i = s;
            false
        }
    };
    let group = |i: &mut usize| {
        let s = *i;
        while *i < chars.len() && chars[*i].1.is_alphabetic() {
            *i += 1;
        }
        let g: Vec<char> = chars[s..*i].iter().map(|c| c.1).collect();
        let upper = g.iter().filter(|c| c.is_uppercase()).count();
        if g.first().is_some_and(|c| c.is_uppercase()) && upper * 2 > g.len() {
            true
        } else {
            *i = s;
            false
        }
    };
    if digits(&mut i) == 0 || !mark(&mut i, &['/']) {
        return None;
    }
    // "40/2014/ TT - BNNPTNT": a year between two slashes.
    let save = i;
    if !(digits(&mut i) == 4 && mark(&mut i, &['/'])) {
        i = save;
    }
    if !group(&mut i) {
        return None;
    }
    let mut groups = 1;
    loop {
        let save = i;
        if mark(&mut i, &['-', '/']) && group(&mut i) {
            groups += 1;
        } else {
            i = save;
            break;
        }
    }
    (groups >= 2).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::spaced_symbols;

    #[test]
    fn finds_symbols_with_spaces_only() {
        let t = "Tờ trình số 68/TTr- SDTTG ngày 05/3/2025; Thông tư số 40/2014/ TT - BNNPTNT \
                 và Hướng dẫn số 34/ HD - SNN; Kế hoạch số 61/KH-UBND ngày 16/02/2024; \
                 tỷ lệ 50/ Tổng số; ngày 20/ 11/2025.";
        let found: Vec<String> = spaced_symbols(t).into_iter().map(|(_, t)| t).collect();
        assert_eq!(found, ["68/TTr-SDTTG", "40/2014/TT-BNNPTNT", "34/HD-SNN"]);
    }
}
