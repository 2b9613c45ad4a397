//! What a document says about its own kind: a renamed tên loại (`kind_name`) and the number of
//! a legal normative document (`normative: true`: `Số: 144/2025/QĐ-CTUBND`).

use super::*;

/// Apply `kind_name`: the tên loại printed instead of the kind's own ("THÔNG BÁO KẾT LUẬN").
/// A công văn has no tên loại to rename.
pub(super) fn rename(kind: &mut Kind, input: &Input, issues: &mut Vec<Issue>) {
    let Some(name) = input.kind_name.as_deref().map(str::trim) else {
        return;
    };
    if kind.name.is_empty() {
        issues.push(Issue::new(
            "kind_name",
            (
                format!("`{}` là công văn, không có tên loại để đổi", kind.id),
                format!(
                    "`{}` is an official letter (\"công văn\"), which has no kind name (\"tên loại\") to rename",
                    kind.id
                ),
            ),
            (
                "bỏ `kind_name`, hoặc chọn loại văn bản có tên loại (`kind: thong-bao`, …)",
                "remove `kind_name`, or choose a kind with a kind name (\"tên loại\") (`kind: thong-bao`, …)",
            ),
        ));
    } else if name.is_empty() {
        issues.push(Issue::new(
            "kind_name",
            ("`kind_name` để trống", "`kind_name` is empty"),
            (
                format!(
                    "ghi tên loại, ví dụ `kind_name: {}`, hoặc bỏ dòng này",
                    kind.name
                ),
                format!(
                    "write the kind name (\"tên loại\"), e.g. `kind_name: {}`, or remove the line",
                    kind.name
                ),
            ),
        ));
    } else {
        kind.name = name.to_uppercase();
    }
}

/// The number as the file writes it, and the year after it when a normative document writes
/// its number with the year (`number: 144/2025`).
pub(super) fn split_year(number: &Scalar, normative: bool) -> (Scalar, Option<String>) {
    if let (true, Scalar::Text(t)) = (normative, number)
        && let Some((n, y)) = t.trim().split_once('/')
        && y.len() == 4
        && y.chars().all(|c| c.is_ascii_digit())
    {
        return (Scalar::Text(n.to_string()), Some(y.to_string()));
    }
    (number.clone(), None)
}

/// Whether a refused number looks like a normative document's (`144/2025`), for the hint.
pub(super) fn looks_normative(number: &Scalar) -> bool {
    split_year(number, true).1.is_some()
}

/// The printed symbol of a normative document: the year of issue before the kind's code
/// (`2025/QĐ-CTUBND`). Only a state document with a tên loại can be one.
pub(super) fn normative_symbol(
    kind: &Kind,
    symbol: String,
    date: &DateSpec,
    written_year: Option<&str>,
    issues: &mut Vec<Issue>,
) -> String {
    if kind.system != System::State || kind.code.is_empty() {
        issues.push(Issue::new(
            "normative",
            (
                format!(
                    "`{}` không phải văn bản quy phạm pháp luật: chỉ văn bản của Nhà nước có tên loại (quyết định, nghị quyết, …) mới ghi năm trong số",
                    kind.id
                ),
                format!(
                    "`{}` is not a legal normative document: only a state document with a kind name (\"quyết định\", \"nghị quyết\", …) has the year in its number",
                    kind.id
                ),
            ),
            ("bỏ `normative: true`", "remove `normative: true`"),
        ));
        return symbol;
    }
    if date.year <= 0 {
        return symbol;
    }
    let year = date.year.to_string();
    if let Some(w) = written_year
        && w != year
    {
        issues.push(
            Issue::new(
                "number",
                (
                    format!("số ghi năm {w} nhưng ngày ban hành là năm {year}"),
                    format!("the number gives the year {w} but the document is dated {year}"),
                ),
                (
                    format!("ghi `number: …/{year}` hoặc chỉ ghi số; vanban tự thêm năm ban hành"),
                    format!(
                        "write `number: …/{year}` or the number alone; vanban adds the year of issue"
                    ),
                ),
            )
            .rule("number-form"),
        );
    }
    if symbol.is_empty() || symbol.starts_with(&format!("{year}/")) {
        return symbol;
    }
    format!("{year}/{symbol}")
}
