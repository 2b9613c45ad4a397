//! Appendices and their tables.

use super::*;

pub(super) struct AppendixContext<'a> {
    pub(super) kind: &'a Kind,
    pub(super) number: &'a str,
    pub(super) symbol: &'a str,
    pub(super) date: &'a DateSpec,
    pub(super) issuer_text: Option<String>,
}

pub(super) fn check_appendices(
    list: &[AppendixIn],
    ctx: &AppendixContext,
    issues: &mut Vec<Issue>,
) -> Vec<Appendix> {
    use crate::data::model::{AppendixLabelIn, AppendixRefIn, DateForm};
    // The reference line is filled from the parent document unless written out whole.
    let filled = list
        .iter()
        .any(|a| !matches!(a.reference, Some(AppendixRefIn::Text(_))));
    if ctx.issuer_text.is_none() && filled {
        issues.push(Issue::new(
            "issuer.text",
            (
                "phụ lục cần tên cơ quan ban hành viết trong câu cho dòng \"(Kèm theo … của …)\"",
                "an appendix needs the issuing body's name as written in a sentence, for its line \"(Kèm theo … của …)\"",
            ),
            (
                "thêm `issuer.text`, ví dụ `text: Ủy ban nhân dân tỉnh Kon Tum`",
                "add `issuer.text`, e.g. `text: Ủy ban nhân dân tỉnh Kon Tum`",
            ),
        ));
    }
    // "(Kèm theo Chỉ thị số …/CT-UBND ngày … tháng … năm … của …)" (Phụ lục I, III.1.c;
    // Phụ lục III, Mẫu 2.1), filled from the parent document; a draft keeps its blanks.
    // A document may word it otherwise ("Ban hành kèm theo …", "ngày 25/11/2025").
    let cite = |numeric: bool| {
        citation_dated(
            ctx.kind,
            ctx.number,
            ctx.symbol,
            ctx.date,
            ctx.issuer_text.as_deref(),
            numeric,
        )
    };
    let many = list.len() >= 2;
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            let here = format!("appendices[{i}]");
            let label = match &a.label {
                Some(AppendixLabelIn::On(false)) => String::new(),
                Some(AppendixLabelIn::Text(t)) if !t.trim().is_empty() => t.trim().to_string(),
                _ => match (many, ctx.kind.system) {
                    (false, _) => "Phụ lục".to_string(),
                    (true, System::State) => format!("Phụ lục {}", roman(i + 1)),
                    (true, System::Party) => format!("Phụ lục {}", i + 1),
                },
            };
            let reference =
                match &a.reference {
                    None => format!("(Kèm theo {})", cite(false)),
                    Some(AppendixRefIn::Form(f)) => {
                        let words = f
                            .words
                            .as_deref()
                            .map(str::trim)
                            .filter(|w| !w.is_empty())
                            .unwrap_or("Kèm theo")
                            .trim_start_matches('(');
                        let numeric = f.date == Some(DateForm::Numeric);
                        format!("({words} {})", cite(numeric))
                    }
                    Some(AppendixRefIn::Text(t)) => {
                        let t = t.trim();
                        if t.is_empty() {
                            issues.push(Issue::new(
                            format!("{here}.reference"),
                            ("dòng \"(Kèm theo …)\" trống", "the line \"(Kèm theo …)\" is empty"),
                            (
                                "ghi cả dòng, hoặc bỏ `reference` để vanban tự điền",
                                "write the whole line, or remove `reference` for vanban to fill it",
                            ),
                        ));
                        }
                        if t.starts_with('(') {
                            t.to_string()
                        } else {
                            format!("({t})")
                        }
                    }
                };
            let title = a.title.clone().unwrap_or_default().trim().to_uppercase();
            let body = match &a.body {
                Some(b) => check_blocks(b, &format!("{here}.body"), 1, issues),
                None => Vec::new(),
            };
            let table = a.table.as_ref().and_then(|t| check_table(t, &here, issues));
            let after = match &a.after {
                Some(b) => check_blocks(b, &format!("{here}.after"), 1, issues),
                None => Vec::new(),
            };
            if title.is_empty() && body.is_empty() && table.is_none() && after.is_empty() {
                issues.push(Issue::new(
                    &here,
                    ("phụ lục trống", "the appendix is empty"),
                    (
                        "thêm `title` và `table` hoặc `body` cho phụ lục",
                        "add `title`, and `table` or `body`, to the appendix",
                    ),
                ));
            }
            Appendix {
                label,
                title,
                reference,
                landscape: a.landscape.unwrap_or(false),
                body,
                table,
                after,
            }
        })
        .collect()
}

/// Smallest and largest relative column width.
const MIN_WEIGHT: f64 = 0.1;
const MAX_WEIGHT: f64 = 100.0;

pub(super) fn check_table(
    t: &crate::data::model::TableIn,
    here: &str,
    issues: &mut Vec<Issue>,
) -> Option<TableData> {
    let n = t.columns.len();
    if n == 0 {
        issues.push(Issue::new(
            format!("{here}.table.columns"),
            ("bảng không có cột nào", "the table has no columns"),
            (
                "thêm `columns:` với `- title: STT` …",
                "add `columns:` with `- title: STT` …",
            ),
        ));
        return None;
    }
    let aligns: Vec<String> = t
        .columns
        .iter()
        .map(|c| c.align.clone().unwrap_or_else(|| "left".into()))
        .collect();
    for (i, a) in aligns.iter().enumerate() {
        if !["left", "center", "right", "justify"].contains(&a.as_str()) {
            issues.push(Issue::new(
                format!("{here}.table.columns[{i}].align"),
                (
                    format!("căn lề `{a}` không hợp lệ"),
                    format!("the alignment `{a}` is not valid"),
                ),
                (
                    "dùng `left`, `center`, `right` hoặc `justify`",
                    "use `left`, `center`, `right` or `justify`",
                ),
            ));
        }
    }
    if t.rows.is_empty() {
        issues.push(Issue::new(
            format!("{here}.table.rows"),
            ("bảng không có hàng nào", "the table has no rows"),
            (
                "thêm ít nhất một hàng, ví dụ `rows: [[\"1\", …]]`, hoặc bỏ `table`",
                "add at least one row, e.g. `rows: [[\"1\", …]]`, or remove `table`",
            ),
        ));
    }
    for (i, c) in t.columns.iter().enumerate() {
        if let Some(w) = c.width
            && !(w.is_finite() && (MIN_WEIGHT..=MAX_WEIGHT).contains(&w))
        {
            let w = if w.abs() < 1e6 {
                w.to_string()
            } else {
                format!("{w:e}")
            };
            issues.push(Issue::new(
                format!("{here}.table.columns[{i}].width"),
                (
                    format!("độ rộng cột {w} nằm ngoài khoảng {MIN_WEIGHT}–{MAX_WEIGHT}"),
                    format!("the column width {w} is outside {MIN_WEIGHT}–{MAX_WEIGHT}"),
                ),
                (
                    "độ rộng là tỉ lệ giữa các cột, ví dụ `width: 1` cho cột STT và `width: 4` cho cột nội dung",
                    "a width is relative to the other columns, e.g. `width: 1` for STT and `width: 4` for the text",
                ),
            ));
        }
    }
    let total_rows = t.rows.len();
    let before = issues.len();
    let mut rows = Vec::new();
    let mut spans = Vec::new();
    // per column: rows still covered by a cell merged from above (its column takes the
    // alignment of the column it stands in, not of its index in the row)
    let mut covered = vec![0usize; n];
    for (r, row) in t.rows.iter().enumerate() {
        match row {
            RowIn::Group(g) => {
                for c in covered.iter_mut() {
                    *c = c.saturating_sub(1);
                }
                spans.push(vec![(n, 1)]);
                rows.push(RowData {
                    group: g.group.trim().to_string(),
                    cells: Vec::new(),
                });
            }
            RowIn::Cells(cells) => {
                let mut col = 0usize;
                let mut newly = vec![0usize; n];
                let cells: Vec<CellData> = cells
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        let (text, span, rows) = match c {
                            CellIn::Text(s) => (s.as_text(), 1, 1),
                            CellIn::Map(m) => (
                                m.text.as_text(),
                                m.span.unwrap_or(1).max(1),
                                m.rows.unwrap_or(1).max(1),
                            ),
                        };
                        while covered.get(col).is_some_and(|r| *r > 0) {
                            col += 1;
                        }
                        let place = format!("{here}.table.rows[{r}][{k}]");
                        // A span past the last column or the last row is refused here, so
                        // that what `check` accepts renders the same in PDF and DOCX.
                        let cols_left = n.saturating_sub(col).max(1);
                        let span = if span > cols_left {
                            issues.push(Issue::new(
                                format!("{place}.span"),
                                (
                                    format!("ô gộp {span} cột nhưng hàng chỉ còn {cols_left} cột"),
                                    format!("the cell spans {span} columns but the row has only {cols_left} left"),
                                ),
                                (
                                    "giảm `span` cho vừa số cột còn lại của hàng",
                                    "lower `span` to the columns left in the row",
                                ),
                            ));
                            cols_left
                        } else {
                            span
                        };
                        let rows_left = total_rows - r;
                        let rows = if rows > rows_left {
                            issues.push(Issue::new(
                                format!("{place}.rows"),
                                (
                                    format!("ô gộp {rows} hàng nhưng bảng chỉ còn {rows_left} hàng (tính cả hàng này)"),
                                    format!("the cell spans {rows} rows but the table has only {rows_left} left (this one included)"),
                                ),
                                (
                                    "giảm `rows` cho vừa số hàng còn lại của bảng",
                                    "lower `rows` to the rows left in the table",
                                ),
                            ));
                            rows_left
                        } else {
                            rows
                        };
                        let align = aligns.get(col).cloned().unwrap_or_else(|| "left".into());
                        for k in newly.iter_mut().skip(col).take(span) {
                            *k = rows - 1;
                        }
                        col = col.saturating_add(span);
                        CellData {
                            text,
                            span,
                            rows,
                            align,
                        }
                    })
                    .collect();
                for (c, k) in covered.iter_mut().zip(newly) {
                    *c = if *c > 0 { *c - 1 } else { k };
                }
                spans.push(cells.iter().map(|c| (c.span, c.rows)).collect());
                rows.push(RowData {
                    group: String::new(),
                    cells,
                });
            }
        }
    }
    // A span already refused would only be counted again as a row of the wrong width.
    let spans_ok = issues.len() == before;
    if let Err((r, taken)) = crate::grid::check_spans(&spans, n)
        && spans_ok
    {
        issues.push(Issue::new(
            format!("{here}.table.rows[{r}]"),
            (
                format!("hàng có {taken} ô (tính cả ô gộp), bảng có {n} cột"),
                format!("the row has {taken} cells (counting merged ones), the table has {n} columns"),
            ),
            (
                "thêm hoặc bớt ô cho đủ số cột; ô gộp ghi `{text: …, span: 2}` hoặc `rows: 2`",
                "add or remove cells to match the columns; a merged cell is `{text: …, span: 2}` or `rows: 2`",
            ),
        ));
    }
    Some(TableData {
        columns: t
            .columns
            .iter()
            .map(|c| c.title.trim().to_string())
            .collect(),
        weights: t
            .columns
            .iter()
            .map(|c| c.width.unwrap_or(1.0).clamp(MIN_WEIGHT, MAX_WEIGHT) as f32)
            .collect(),
        aligns,
        rows,
    })
}
