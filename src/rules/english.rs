//! English for the loader's messages (`vanban check --lang en`).
//!
//! The loader words its problems in Vietnamese where it finds them (src/data/); this table
//! gives their English by pattern, `{}` standing for a part that is copied, itself
//! translated when the table knows it. A message the table does not know stays Vietnamese,
//! so a new message is never lost, only untranslated; the snapshot tests show which.

/// (Vietnamese pattern, English pattern); the `{}` parts correspond in order.
const TABLE: &[(&str, &str)] = &[
    // parts named in "thiếu …"
    (
        "tên cơ quan ban hành (ô 2)",
        "the issuing body's name (box 2)",
    ),
    ("ký hiệu văn bản (ô 3)", "the document's symbol (box 3)"),
    ("địa danh (ô 4)", "the place name (box 4)"),
    (
        "trích yếu nội dung công văn (ô 5b)",
        "the subject of the công văn (box 5b)",
    ),
    ("trích yếu nội dung (ô 5a)", "the subject (box 5a)"),
    (
        "dòng \"Lưu:\" của nơi nhận",
        "the \"Lưu:\" line of Nơi nhận",
    ),
    ("ngày ban hành (ô 4)", "the issue date (box 4)"),
    ("nội dung văn bản (ô 6)", "the body (box 6)"),
    ("nơi nhận (ô 9b)", "Nơi nhận (box 9b)"),
    ("phần chữ ký (ô 7)", "the signature (box 7)"),
    ("chức vụ người ký (ô 7a)", "the signer's title (box 7a)"),
    ("họ tên người ký (ô 7b)", "the signer's name (box 7b)"),
    ("trường `{}`", "the field `{}`"),
    ("thiếu {}", "missing {}"),
    // src/data/check.rs
    ("thêm `{}`, ví dụ: {}", "add `{}`, e.g. {}"),
    (
        "không có loại văn bản `{}`",
        "there is no document kind `{}`",
    ),
    ("dùng một trong: {}", "use one of: {}"),
    (
        "{} cần dòng thẩm quyền ban hành",
        "a {} needs the line of the issuing authority",
    ),
    ("thêm `authority_line: {}`", "add `authority_line: {}`"),
    (
        "ghi số bằng chữ số Ả Rập, ví dụ `number: 15`; để trống khi là dự thảo",
        "write the number in Arabic digits, e.g. `number: 15`; leave it blank in a draft",
    ),
    (
        "số văn bản `{}` phải chỉ gồm chữ số",
        "the document number `{}` must consist of digits only",
    ),
    (
        "số văn bản `{}` quá lớn",
        "the document number `{}` is too large",
    ),
    (
        "số văn bản bắt đầu từ 01, không có số 0",
        "document numbers start at 01; there is no number 0",
    ),
    (
        "thêm `date: 05/01/2025`; dự thảo có thể ghi `date: 2024` hoặc `date: 7/2024`",
        "add `date: 05/01/2025`; a draft may write `date: 2024` or `date: 7/2024`",
    ),
    (
        "ghi ngày dạng `05/01/2025` (ngày/tháng/năm), `2025-01-05`, `7/2024` hoặc `2024`",
        "write the date as `05/01/2025` (day/month/year), `2025-01-05`, `7/2024` or `2024`",
    ),
    (
        "ngày `{}` không tồn tại (tháng {} năm {} không có ngày {})",
        "the date `{}` does not exist (month {} of {} has no day {})",
    ),
    ("ngày `{}` không đúng dạng", "the date `{}` is malformed"),
    (
        "năm {} của ngày `{}` không hợp lý",
        "the year {} of the date `{}` is not plausible",
    ),
    (
        "ngày `{}` có tháng {}, không tồn tại",
        "the date `{}` has the month {}, which does not exist",
    ),
    (
        "{} không có phần \"Kính gửi\" (chỉ công văn, tờ trình và báo cáo gửi cấp trên có)",
        "a {} has no \"Kính gửi\" part (only a công văn, and a tờ trình or báo cáo sent up, have one)",
    ),
    (
        "chuyển các nơi nhận vào `distribution`",
        "move the addressees to `distribution`",
    ),
    ("{} cần ít nhất một điều", "a {} needs at least one article"),
    (
        "thêm `articles:` với `- title: …` và `text: …` cho Điều 1, Điều 2, …",
        "add `articles:` with `- title: …` and `text: …` for Điều 1, Điều 2, …",
    ),
    (
        "thêm `body:` với ít nhất một đoạn văn",
        "add `body:` with at least one paragraph",
    ),
    (
        "thêm `distribution: [Như trên, …]`; công văn có Kính gửi thì dòng đầu là \"Như trên\"",
        "add `distribution: [Như trên, …]`; a công văn with Kính gửi starts it with \"Như trên\"",
    ),
    (
        "độ khẩn `{}` không có trong Nghị định 30",
        "the urgency `{}` is not one of Decree 30",
    ),
    (
        "độ mật `{}` không hợp lệ",
        "the secrecy mark `{}` is not valid",
    ),
    (
        "bản chính thức phải có số văn bản",
        "the final version must have its number",
    ),
    (
        "điền `number` (số đăng ký tại văn thư), hoặc bỏ `--final` để in bản dự thảo",
        "fill in `number` (registered at the records office), or drop `--final` to print a draft",
    ),
    (
        "bản chính thức phải có đủ ngày, tháng, năm ban hành",
        "the final version must have the full issue date (day, month, year)",
    ),
    (
        "ghi đủ `date: 05/01/2025`, hoặc bỏ `--final` để in bản dự thảo",
        "write the full `date: 05/01/2025`, or drop `--final` to print a draft",
    ),
    (
        "mỗi phần tử của nội dung phải là một đoạn văn, hoặc có đúng một trong các khóa `section`, `items`, `para`",
        "each element of the body must be a paragraph, or have exactly one of the keys `section`, `items`, `para`",
    ),
    ("danh sách gạch đầu dòng trống", "the dash list is empty"),
    (
        "thêm ít nhất một mục hoặc xóa `items`",
        "add at least one item or remove `items`",
    ),
    (
        "căn lề `{}` không hợp lệ",
        "the alignment `{}` is not valid",
    ),
    ("Điều {} trống", "Điều {} is empty"),
    (
        "thêm `title`, `text` hoặc `body` cho điều này",
        "add `title`, `text` or `body` to this article",
    ),
    (
        "có cả `signature` và `signatures`",
        "both `signature` and `signatures` are given",
    ),
    (
        "`signatures` cần một hoặc hai người ký",
        "`signatures` takes one or two signers",
    ),
    (
        "thêm `signature:` với `authority`, `for`, `title`, `name`",
        "add `signature:` with `authority`, `for`, `title`, `name`",
    ),
    (
        "quyền hạn ký `{}` không hợp lệ",
        "the signing authority `{}` is not valid",
    ),
    (
        "dùng một trong: TM, KT, TL, TUQ, Q, hoặc `none` khi người đứng đầu ký",
        "use one of: TM, KT, TL, TUQ, Q, or `none` when the head signs",
    ),
    (
        "dùng T/M hoặc K/T, hoặc `none` khi người đứng đầu ký",
        "use T/M or K/T, or `none` when the head signs",
    ),
    (
        "ký {} nhưng thiếu chức danh/tập thể được ký thay",
        "signing {} but the title or collective signed for is missing",
    ),
    (
        "thêm `for`, ví dụ `for: CHỦ TỊCH` (KT.) hoặc `for: ỦY BAN NHÂN DÂN` (TM.)",
        "add `for`, e.g. `for: CHỦ TỊCH` (KT.) or `for: ỦY BAN NHÂN DÂN` (TM.)",
    ),
    (
        "có `for` nhưng không có quyền hạn ký (TM., KT., …)",
        "`for` is given without a signing authority (TM., KT., …)",
    ),
    (
        "thêm `authority`, hoặc bỏ `for` khi người đứng đầu ký",
        "add `authority`, or remove `for` when the head signs",
    ),
    (
        "thêm `title`, ví dụ `title: PHÓ CHỦ TỊCH`",
        "add `title`, e.g. `title: PHÓ CHỦ TỊCH`",
    ),
    (
        "thêm `name`, ví dụ `name: Nguyễn Văn A`",
        "add `name`, e.g. `name: Nguyễn Văn A`",
    ),
    ("phụ lục trống", "the appendix is empty"),
    ("bảng không có cột nào", "the table has no columns"),
    (
        "hàng có {} ô (tính cả ô gộp), bảng có {} cột",
        "the row has {} cells (counting merged ones), the table has {} columns",
    ),
    // the examples of the symbol
    (
        "`symbol: UBND-NL₅` (cơ quan - đơn vị soạn thảo)",
        "`symbol: UBND-NL₅` (issuing body - drafting unit)",
    ),
    (
        "`symbol: UBND` (vanban in ra mã loại văn bản trước: {})",
        "`symbol: UBND` (vanban prints the kind's code before it: {})",
    ),
    ("`symbol: TU` (in ra `{}`)", "`symbol: TU` (printed `{}`)"),
    // src/data/mod.rs: reading the file
    ("không nhận ra định dạng tệp", "unknown file format"),
    (
        "đặt tên tệp với đuôi .yaml, .yml, .json hoặc .toml",
        "name the file with the extension .yaml, .yml, .json or .toml",
    ),
    ("không tìm thấy tệp", "file not found"),
    ("không có quyền đọc tệp", "no permission to read the file"),
    (
        "kiểm tra đường dẫn và quyền truy cập tệp",
        "check the path and the file's permissions",
    ),
    ("tệp không phải văn bản UTF-8", "the file is not UTF-8 text"),
    (
        "lưu lại tệp với bảng mã UTF-8 (Unicode), không dùng TCVN3 hay VNI",
        "save the file as UTF-8 (Unicode), not TCVN3 or VNI",
    ),
    (
        "tệp quá lớn ({} byte; tối đa {} byte cho một văn bản)",
        "the file is too large ({} bytes; at most {} bytes for one document)",
    ),
    (
        "kiểm tra lại có đúng tệp dữ liệu văn bản không",
        "check that this is the document's data file",
    ),
    ("tệp YAML kết thúc đột ngột", "the YAML file ends abruptly"),
    (
        "sửa cú pháp {} ở dòng này; xem docs/format.md để biết các trường hợp lệ",
        "fix the {} syntax on this line; docs/format.md lists the valid fields",
    ),
    (
        "trường `{}` không có trong định dạng; có phải là `{}`?",
        "the field `{}` is not part of the format; did you mean `{}`?",
    ),
    (
        "trường `{}` không có trong định dạng",
        "the field `{}` is not part of the format",
    ),
    (
        "sửa tên trường cho đúng; các trường hợp lệ ở đây: {}",
        "correct the field's name; the valid fields here are: {}",
    ),
    (
        "giá trị không đúng kiểu: cần một chuỗi văn bản",
        "the value has the wrong type: text is expected",
    ),
    (
        "giá trị không đúng kiểu: cần một danh sách",
        "the value has the wrong type: a list is expected",
    ),
    (
        "giá trị không đúng kiểu: cần một khối khóa: giá trị",
        "the value has the wrong type: a mapping (key: value) is expected",
    ),
    (
        "giá trị không đúng kiểu: cần {}",
        "the value has the wrong type: expected {}",
    ),
    (
        "số không hợp lệ: cần một số nguyên không âm",
        "not a valid number: a whole number (0 or more) is expected",
    ),
    (
        "giá trị không đúng dạng (cần một chuỗi văn bản, hoặc một khối có các khóa hợp lệ)",
        "the value has the wrong form (text, or a mapping with valid keys, is expected)",
    ),
    (
        "sửa giá trị của `{}` ở dòng này cho đúng kiểu; xem docs/format.md (mục `{}`)",
        "give `{}` on this line a value of the right type; see docs/format.md (`{}`)",
    ),
    (
        "sửa giá trị ở dòng này cho đúng kiểu; xem docs/format.md",
        "give the value on this line the right type; see docs/format.md",
    ),
    (
        "giá trị bắt đầu bằng `{}` nên được đọc là một danh sách; bỏ dấu `{}`, hoặc đặt cả giá trị trong dấu nháy \"…\" nếu nó là chữ",
        "a value starting with `{}` is read as a list; remove the `{}`, or put the whole value in quotes \"…\" if it is text",
    ),
    (
        "dòng này thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách",
        "this line is indented with a Tab; YAML allows only spaces",
    ),
    (
        "thay Tab bằng dấu cách (thường 2 dấu cách cho mỗi cấp)",
        "replace the Tab with spaces (usually 2 spaces a level)",
    ),
    (
        "dấu `:` ở dòng này không hợp lệ: thụt lề không khớp với các dòng trên, hoặc chữ có dấu `: ` mà không đặt trong dấu nháy",
        "the `:` on this line is not allowed: the indentation does not match the lines above, or text containing `: ` is not quoted",
    ),
    (
        "các trường cùng cấp phải lùi vào bằng nhau (thường 2 dấu cách cho mỗi cấp); chữ có dấu `: ` thì đặt cả giá trị trong dấu nháy \"…\"",
        "fields of one level are indented alike (usually 2 spaces a level); quote a value that contains `: `",
    ),
    (
        "dấu `:` đặt sai chỗ; thường do một danh sách mở bằng `[` ở dòng trên chưa có dấu đóng `]`",
        "a `:` in the wrong place; usually a list opened with `[` above is not closed with `]`",
    ),
    (
        "đóng danh sách bằng `]` ở cuối dòng của nó, hoặc đặt chữ có dấu `:` trong dấu nháy \"…\"",
        "close the list with `]` at the end of its line, or quote text that contains `:`",
    ),
    (
        "danh sách mở bằng `[` nhưng không có dấu đóng `]`",
        "a list opened with `[` is not closed with `]`",
    ),
    ("YAML không đúng cú pháp ({})", "YAML syntax error ({})"),
];

/// Match `text` against `pattern`; the parts standing for `{}`.
fn captures<'a>(pattern: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let lits: Vec<&str> = pattern.split("{}").collect();
    let mut rest = text.strip_prefix(lits[0])?;
    let mut caps = Vec::new();
    for (i, lit) in lits.iter().enumerate().skip(1) {
        let last = i == lits.len() - 1;
        let at = if last {
            if lit.is_empty() {
                rest.len()
            } else {
                rest.strip_suffix(lit)?.len()
            }
        } else {
            rest.find(lit)?
        };
        caps.push(&rest[..at]);
        rest = &rest[at + lit.len()..];
    }
    (lits.len() > 1 || rest.is_empty()).then_some(caps)
}

/// The English of a Vietnamese message or hint of the loader, if the table knows it.
pub fn translate(vi: &str) -> Option<String> {
    translate_depth(vi, 0)
}

fn translate_depth(vi: &str, depth: usize) -> Option<String> {
    if depth > 3 {
        return None;
    }
    for (pattern, en) in TABLE {
        let Some(caps) = captures(pattern, vi) else {
            continue;
        };
        let mut out = String::new();
        let mut parts = en.split("{}");
        out.push_str(parts.next().unwrap_or(""));
        for (cap, lit) in caps.iter().zip(parts) {
            out.push_str(&translate_depth(cap, depth + 1).unwrap_or_else(|| cap.to_string()));
            out.push_str(lit);
        }
        return Some(out);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_translate_with_their_parts() {
        assert_eq!(
            translate("thiếu họ tên người ký (ô 7b)").as_deref(),
            Some("missing the signer's name (box 7b)")
        );
        assert_eq!(
            translate("ngày `30/02/2025` không tồn tại (tháng 2 năm 2025 không có ngày 30)")
                .as_deref(),
            Some("the date `30/02/2025` does not exist (month 2 of 2025 has no day 30)")
        );
        assert_eq!(
            translate(
                "thêm `symbol`, ví dụ: `symbol: UBND` (vanban in ra mã loại văn bản trước: KH-UBND)"
            )
            .as_deref(),
            Some(
                "add `symbol`, e.g. `symbol: UBND` (vanban prints the kind's code before it: KH-UBND)"
            )
        );
        assert_eq!(translate("một câu lạ"), None);
        // every pattern's placeholders correspond
        for (vi, en) in TABLE {
            assert_eq!(vi.matches("{}").count(), en.matches("{}").count(), "{vi}");
        }
    }
}
