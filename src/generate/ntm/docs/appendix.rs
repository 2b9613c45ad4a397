//! The appendix of the báo cáo: "KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ …", one row per indicator.

use super::*;
use crate::data::model::{AppendixIn, BlockIn, GroupRow, RowIn, TableIn};
use crate::generate::build::{cell, cell_rows, cell_span, column, italic, items, para, row};

/// The text of a target cell, with its mark.
pub fn target_cell(i: &IndicatorResult) -> String {
    let mark = if i.origin == TargetOrigin::SetConfirmed {
        String::new()
    } else {
        format!(" {MARK_TARGET}")
    };
    format!("{}{mark}", esc(&i.target.to_string()))
}

/// The text of an indicator cell, with its mark.
pub fn text_cell(i: &IndicatorResult) -> String {
    let mark = if i.text_confirmed {
        String::new()
    } else {
        format!(" {MARK_TEXT}")
    };
    format!("{}{mark}", esc(&i.text))
}

/// The appendix "KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ …": landscape, grouped by criterion group,
/// criterion cells merged over their indicators.
pub fn appendix(c: &Commune) -> AppendixIn {
    let key_text = c
        .key
        .as_ref()
        .map(|k| format!(" ({} {})", c.set.key_name, k.name))
        .unwrap_or_default();
    let center = Some("center");
    let columns = vec![
        column("TT", 0.8, center),
        column("Tên tiêu chí", 2.4, None),
        column("Mã", 1.0, center),
        column("Nội dung chỉ tiêu", 5.0, None),
        column(format!("Mức đạt chuẩn{key_text}"), 3.0, None),
        column("Kết quả thực hiện", 2.4, None),
        column("Đánh giá chỉ tiêu", 1.7, center),
        column("Đánh giá tiêu chí", 1.7, center),
        column("Minh chứng", 2.6, None),
    ];
    let mut rows: Vec<RowIn> = Vec::new();
    let mut last_group: Option<&str> = None;
    for cr in &c.criteria {
        if let Some(g) = cr.group.as_deref()
            && last_group != Some(g)
        {
            last_group = Some(g);
            let name = c
                .set
                .groups
                .iter()
                .find(|x| x.id == g)
                .map(|x| x.name.to_uppercase())
                .unwrap_or_default();
            rows.push(RowIn::Group(GroupRow {
                group: format!("{}. {}", esc(g), esc(&name)),
            }));
        }
        let span = cr.indicators.len().max(1);
        let merged = |text: String| {
            if span > 1 {
                cell_rows(text, span)
            } else {
                cell(text)
            }
        };
        if cr.indicators.is_empty() {
            rows.push(row(vec![
                cell(cr.number.to_string()),
                cell(esc(&cr.name)),
                cell(""),
                cell("Chưa có số liệu"),
                cell(""),
                cell(""),
                cell(""),
                cell(cr.status.to_string()),
                cell(""),
            ]));
            continue;
        }
        for (k, &i) in cr.indicators.iter().enumerate() {
            let ind = &c.indicators[i];
            let code = if ind.whole {
                "—".to_string()
            } else {
                esc(&ind.id)
            };
            let value = if ind.value.is_empty() {
                "—".to_string()
            } else {
                esc(&ind.value)
            };
            let mut cells = Vec::new();
            if k == 0 {
                cells.push(merged(cr.number.to_string()));
                cells.push(merged(esc(&cr.name)));
            }
            cells.push(cell(code));
            cells.push(cell(text_cell(ind)));
            cells.push(cell(target_cell(ind)));
            cells.push(cell(value));
            cells.push(cell(ind.status.to_string()));
            if k == 0 {
                cells.push(merged(cr.status.to_string()));
            }
            cells.push(cell(esc(&ind.evidence)));
            rows.push(row(cells));
        }
    }
    rows.push(row(vec![
        cell_span("**Tổng hợp**", 5),
        cell_span(format!("**{}**", c.summary()), 4),
    ]));
    let mut body: Vec<BlockIn> = vec![para(format!(
        "Bộ tiêu chí: {} ({}). Xã {}{}.",
        esc(&c.set.title),
        esc(&c.set.source),
        esc(&c.short_name()),
        c.key
            .as_ref()
            .map(|k| format!(" thuộc {} {}", c.set.key_name, esc(&k.name)))
            .unwrap_or_default()
    ))];
    let mut notes: Vec<String> = Vec::new();
    let whole: Vec<String> = c
        .indicators
        .iter()
        .filter(|i| i.whole)
        .map(|i| i.criterion.to_string())
        .collect();
    if !whole.is_empty() {
        notes.push(format!(
            "tiêu chí {}: được đánh giá chung cả tiêu chí, chưa tách theo chỉ tiêu (bộ tiêu chí chưa ghi các chỉ tiêu này)",
            whole.join(", ")
        ));
    }
    for i in c.indicators.iter().filter(|i| !i.whole) {
        let mut what = Vec::new();
        if let Some(n) = &i.note {
            what.push(esc(n));
        }
        if i.origin == TargetOrigin::Data {
            what.push("mức đạt chuẩn do xã ghi".into());
        }
        if !what.is_empty() && (!i.text_confirmed || i.origin != TargetOrigin::SetConfirmed) {
            notes.push(format!("chỉ tiêu {}: {}", esc(&i.id), what.join("; ")));
        }
    }
    if !c.set.group_mapping_confirmed {
        notes.push("việc xếp tiêu chí vào các nhóm chưa đối chiếu được với văn bản gốc".into());
    }
    body.push(italic(format!(
        "Ghi chú: {MARK_TEXT} mã hoặc nội dung chỉ tiêu chưa được xác nhận từ văn bản gốc; {MARK_TARGET} mức đạt chuẩn chưa được xác nhận từ văn bản gốc hoặc do xã ghi. Phải đối chiếu các mục đánh dấu trước khi ban hành:"
    )));
    if !notes.is_empty() {
        body.push(items(notes));
    }
    AppendixIn {
        title: Some(format!(
            "Kết quả thực hiện các tiêu chí {} năm {} của {}",
            level_noun(c.level),
            c.year,
            c.full_name()
        )),
        landscape: Some(true),
        body: Some(body),
        table: Some(TableIn { columns, rows }),
        ..AppendixIn::default()
    }
}
