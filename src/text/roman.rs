//! Roman numerals (I, II, … XC) for appendix labels and group numbers.

/// `n` in Roman numerals; 0 gives "".
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Is `s` a Roman numeral heading ("I", "IV.", "XII")? Capitals only; a trailing `.` is
/// allowed.
pub fn is_roman(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    !t.is_empty() && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(99), "XCIX");
        assert_eq!(roman(0), "");
        assert!(is_roman("IV."));
        assert!(is_roman(" XII "));
        assert!(!is_roman("1."));
        assert!(!is_roman(""));
        assert!(!is_roman("iv"));
    }
}
