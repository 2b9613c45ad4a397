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
    if ctx.issuer_text.is_none() && !list.is_empty() {
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
    let reference = format!(
        "(Kèm theo {})",
        citation(
            ctx.kind,
            ctx.number,
            ctx.symbol,
            ctx.date,
            ctx.issuer_text.as_deref()
        )
    );
    let many = list.len() >= 2;
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            let here = format!("appendices[{i}]");
            let label = match (many, ctx.kind.system) {
                (false, _) => "Phụ lục".to_string(),
                (true, System::State) => format!("Phụ lục {}", roman(i + 1)),
                (true, System::Party) => format!("Phụ lục {}", i + 1),
            };
            let title = a.title.clone().unwrap_or_default().trim().to_uppercase();
            let body = match &a.body {
                Some(b) => check_blocks(b, &format!("{here}.body"), 1, issues),
                None => Vec::new(),
            };
            let table = a.table.as_ref().and_then(|t| check_table(t, &here, issues));
            if title.is_empty() && body.is_empty() && table.is_none() {
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
                reference: reference.clone(),
                landscape: a.landscape.unwrap_or(false),
                body,
                table,
            }
        })
        .collect()
}

fn check_table(
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
    let mut rows = Vec::new();
    let mut spans = Vec::new();
    // per column: rows still covered by a cell merged from above (its column takes the
    // alignment of the column it stands in, not of its index in the row)
    let mut covered = vec![0usize; n];
    for row in &t.rows {
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
                    .map(|c| {
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
                        let align = aligns.get(col).cloned().unwrap_or_else(|| "left".into());
                        for k in newly.iter_mut().skip(col).take(span) {
                            *k = rows - 1;
                        }
                        col += span;
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
    if let Err((r, taken)) = crate::grid::check_spans(&spans, n) {
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
            .map(|c| c.width.unwrap_or(1.0).max(0.1))
            .collect(),
        aligns,
        rows,
    })
}
