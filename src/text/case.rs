//! Letter case at the start of a phrase.

/// "Tập trung …" -> "tập trung …" (a phrase used inside a sentence), keeping leading
/// emphasis marks (`*`) and the capitals of proper names after the first letter.
pub fn lower_first(s: &str) -> String {
    let (marks, rest) = s.split_at(s.len() - s.trim_start_matches('*').len());
    let mut c = rest.chars();
    match c.next() {
        Some(f) => format!("{marks}{}{}", f.to_lowercase(), c.as_str()),
        None => s.to_string(),
    }
}

/// Capitalise the first letter ("trước ngày …" -> "Trước ngày …"), for table cells.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case() {
        assert_eq!(lower_first("Xã Đăk Trăm"), "xã Đăk Trăm");
        assert_eq!(lower_first("*Tập trung* làm"), "*tập trung* làm");
        assert_eq!(lower_first(""), "");
        assert_eq!(capitalise("trước ngày 30/9"), "Trước ngày 30/9");
        assert_eq!(capitalise(""), "");
    }
}
