//! The dossier's documents, generated as document data (JSON, read by the ordinary pipeline):
//! the tờ trình, the báo cáo with its appendix "KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ …", and the
//! biên bản of the meeting. All three quote the same assessment, so their figures agree.

use serde_json::{Value, json};

use super::commune::{Commune, IndicatorResult, Level, TargetOrigin};
use super::target::Status;
use crate::data::date::DateSpec;
use crate::text::lower_first;

/// Mark after an indicator whose code or text is not confirmed by a source.
pub const MARK_TEXT: &str = "(\\*)";
/// Mark after a target not confirmed by a source (or written by the commune).
pub const MARK_TARGET: &str = "(\\*\\*)";

/// Escape text from data for the inline markup (`*`, `~`, `^`, `[`, `]`, `\`).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\*~^[]".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn level_noun(level: Level) -> &'static str {
    match level {
        Level::DatChuan => "xã nông thôn mới",
        Level::NangCao => "xã nông thôn mới nâng cao",
        Level::KieuMau => "xã nông thôn mới kiểu mẫu",
    }
}

fn issuer(c: &Commune) -> Value {
    json!({
        "name": ["ỦY BAN NHÂN DÂN", c.name.to_uppercase()],
        "text": format!("Ủy ban nhân dân {}", lower_first(&c.name)),
    })
}

/// The body the dossier goes to: the district (2021–2025) or the province.
pub fn recipient(c: &Commune) -> String {
    match &c.district {
        Some(d) => format!("Ủy ban nhân dân {}", lower_first(d)),
        None => format!("Ủy ban nhân dân {}", lower_first(&c.province)),
    }
}

fn signature(c: &Commune) -> Value {
    json!({"authority": "TM", "for": "Ủy ban nhân dân", "title": "Chủ tịch", "name": c.chair})
}

/// "Tiêu chí số 15 – Y tế: Chưa đạt (chỉ tiêu 15.a: kết quả 28,3%, mức đạt chuẩn ≤ 26,5%)".
pub fn criterion_line(c: &Commune, n: usize) -> String {
    let cr = &c.criteria[n];
    let mut s = format!(
        "Tiêu chí số {} – {}: **{}**",
        cr.number,
        esc(&cr.name),
        cr.status
    );
    if !cr.status.met() {
        let why: Vec<String> = cr
            .indicators
            .iter()
            .map(|&i| &c.indicators[i])
            .filter(|i| !i.status.met())
            .map(|i| {
                if i.status == Status::ChuaCoSoLieu {
                    format!("{} chưa có số liệu", indicator_label(i))
                } else if i.value.is_empty() {
                    format!("{} chưa đạt", indicator_label(i))
                } else {
                    format!(
                        "{}: kết quả {}, mức đạt chuẩn {}",
                        indicator_label(i),
                        esc(&i.value),
                        esc(&i.target.to_string())
                    )
                }
            })
            .collect();
        if cr.indicators.is_empty() {
            s.push_str(" (chưa có số liệu)");
        } else if !why.is_empty() {
            s.push_str(&format!(" ({})", why.join("; ")));
        }
    }
    s.push('.');
    s
}

fn indicator_label(i: &IndicatorResult) -> String {
    if i.whole {
        "đánh giá chung".into()
    } else {
        format!("chỉ tiêu {}", esc(&i.id))
    }
}

fn condition_lines(c: &Commune) -> Vec<Value> {
    c.conditions
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let mut s = format!("Điều kiện {}: {}", n + 1, esc(&r.condition.text));
            if !r.condition.confirmed {
                s.push_str(&format!(" {MARK_TEXT}"));
            }
            s.push_str(&format!(": **{}**", r.status));
            let mut detail = Vec::new();
            if !r.value.is_empty() {
                detail.push(format!("kết quả: {}", esc(&r.value)));
            }
            if let Some(t) = &r.target {
                let mark = if r.target_from_data || !r.condition.target_confirmed {
                    format!(" {MARK_TARGET}")
                } else {
                    String::new()
                };
                detail.push(format!("mức yêu cầu: {}{mark}", esc(&t.to_string())));
            }
            if !r.evidence.is_empty() {
                detail.push(format!("minh chứng: {}", esc(&r.evidence)));
            }
            if !detail.is_empty() {
                s.push_str(&format!(" ({})", detail.join("; ")));
            }
            s.push('.');
            Value::String(s)
        })
        .collect()
}

fn unconfirmed_note(c: &Commune) -> Option<Value> {
    if c.set.procedure_confirmed {
        return None;
    }
    Some(json!({
        "para": format!(
            "(Lưu ý: chưa xác nhận được văn bản quy định điều kiện, trình tự, thủ tục, hồ sơ xét, công nhận xã đạt chuẩn nông thôn mới giai đoạn {}; các điều kiện đánh dấu {MARK_TEXT} theo Quyết định số 18/2022/QĐ-TTg, cần đối chiếu trước khi ban hành.)",
            esc(&c.set.period)
        ),
        "italic": true,
    }))
}

/// The tờ trình proposing recognition.
pub fn to_trinh(c: &Commune) -> Value {
    let short = c.short_name();
    let mut body: Vec<Value> = c
        .set
        .bases
        .iter()
        .map(|b| Value::String(format!("Căn cứ {};", esc(b))))
        .collect();
    body.push(Value::String(format!(
        "Ủy ban nhân dân xã {} đã tổ chức tự đánh giá kết quả thực hiện các tiêu chí theo {}. Kết quả: xã **{}** (chi tiết tại Báo cáo kết quả thực hiện các tiêu chí {} năm {} của Ủy ban nhân dân xã kèm theo).",
        esc(&short),
        esc(&c.set.title),
        c.summary(),
        level_noun(c.level),
        c.year
    )));
    if !c.conditions.is_empty() {
        body.push(Value::String("Về các điều kiện công nhận:".to_string()));
        body.push(json!({"items": condition_lines(c)}));
    }
    if let (Some((a, b)), Some(p)) = (c.meeting, c.vote_share()) {
        body.push(Value::String(format!(
            "Tại cuộc họp đề nghị xét, công nhận, có {b}/{a} thành viên dự họp nhất trí, đạt {p}."
        )));
    }
    let ask = match &c.district {
        Some(_) => format!(
            "Ủy ban nhân dân xã {} kính trình {} xem xét, thẩm tra, đề nghị Ủy ban nhân dân {} xét, công nhận xã {} {} năm {}.",
            esc(&short),
            esc(&recipient(c)),
            esc(&lower_first(&c.province)),
            esc(&short),
            c.level.phrase(),
            c.year
        ),
        None => format!(
            "Ủy ban nhân dân xã {} kính trình {} xem xét, thẩm định, công nhận xã {} {} năm {}.",
            esc(&short),
            esc(&recipient(c)),
            esc(&short),
            c.level.phrase(),
            c.year
        ),
    };
    // the note stands before the request: the last paragraph carries the closing "./."
    if let Some(n) = unconfirmed_note(c) {
        body.push(n);
    }
    body.push(Value::String(ask));
    let verb = if c.district.is_some() {
        "thẩm tra, xét, công nhận"
    } else {
        "xét, công nhận"
    };
    json!({
        "kind": "to-trinh",
        "issuer": issuer(c),
        "number": "",
        "symbol": "UBND",
        "place": short,
        "date": c.date,
        "subject": format!("Về việc đề nghị {verb} xã {short} {} năm {}", c.level.phrase(), c.year),
        "recipients": [recipient(c)],
        "body": body,
        "signature": signature(c),
        "distribution": ["Như trên"],
        "archive": "VT, Hồ sơ NTM",
    })
}

/// The báo cáo of the criteria results, with the appendix table.
pub fn bao_cao(c: &Commune) -> Value {
    let short = c.short_name();
    let lines: Vec<Value> = (0..c.criteria.len())
        .map(|n| Value::String(criterion_line(c, n)))
        .collect();
    let failing: Vec<String> = c
        .failing()
        .iter()
        .map(|f| format!("tiêu chí số {} ({})", f.number, esc(&f.name)))
        .collect();
    let conclusion = if c.eligible() {
        format!(
            "Xã {} {} và đủ các điều kiện công nhận; Ủy ban nhân dân xã đề nghị xét, công nhận xã {} {} năm {}.",
            esc(&short),
            c.summary(),
            esc(&short),
            c.level.phrase(),
            c.year
        )
    } else {
        let mut why = Vec::new();
        if !failing.is_empty() {
            why.push(format!("còn {} chưa đạt", failing.join(", ")));
        }
        let conds: Vec<String> = c
            .conditions
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.condition.computed && !r.status.met())
            .map(|(n, _)| format!("điều kiện {}", n + 1))
            .collect();
        if !conds.is_empty() {
            why.push(format!(
                "{} chưa đạt hoặc chưa có số liệu",
                conds.join(", ")
            ));
        }
        format!(
            "Xã {} {}, chưa đủ điều kiện đề nghị xét, công nhận {} năm {} ({}). Ủy ban nhân dân xã tiếp tục chỉ đạo thực hiện để đạt chuẩn các tiêu chí, điều kiện còn lại.",
            esc(&short),
            c.summary(),
            c.level.phrase(),
            c.year,
            why.join("; ")
        )
    };
    let mut conditions_body = vec![if c.conditions.is_empty() {
        json!(format!(
            "{} không quy định điều kiện công nhận ngoài các tiêu chí.",
            esc(&c.set.title)
        ))
    } else {
        json!({"items": condition_lines(c)})
    }];
    conditions_body.extend(unconfirmed_note(c));
    let body = vec![
        json!({"section": "KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ", "number": "I", "body": [
            format!(
                "Căn cứ {} ({}), Ủy ban nhân dân xã {} tự đánh giá kết quả thực hiện các tiêu chí: xã **{}**.",
                esc(&c.set.title), esc(&c.set.source), esc(&short), c.summary()
            ),
            "Kết quả từng tiêu chí:",
            {"items": lines},
            {"para": "(Chi tiết kết quả thực hiện từng chỉ tiêu tại Phụ lục kèm theo)", "italic": true},
        ]}),
        json!({"section": "CÁC ĐIỀU KIỆN CÔNG NHẬN", "number": "II", "body": conditions_body}),
        json!({"section": "ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ", "number": "III", "body": [conclusion]}),
    ];
    json!({
        "kind": "bao-cao",
        "issuer": issuer(c),
        "number": "",
        "symbol": "UBND",
        "place": short,
        "date": c.date,
        "subject": format!(
            "Kết quả thực hiện các tiêu chí {} năm {} của xã {}",
            level_noun(c.level), c.year, short
        ),
        "recipients": [recipient(c)],
        "body": body,
        "signature": signature(c),
        "distribution": ["Như trên", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"],
        "archive": "VT, Hồ sơ NTM",
        "appendices": [appendix(c)],
    })
}

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
pub fn appendix(c: &Commune) -> Value {
    let key_text = c
        .key
        .as_ref()
        .map(|k| format!(" ({} {})", c.set.key_name, k.name))
        .unwrap_or_default();
    let columns = json!([
        {"title": "TT", "width": 0.8, "align": "center"},
        {"title": "Tên tiêu chí", "width": 2.4},
        {"title": "Mã", "width": 1.0, "align": "center"},
        {"title": "Nội dung chỉ tiêu", "width": 5.0},
        {"title": format!("Mức đạt chuẩn{key_text}"), "width": 3.0},
        {"title": "Kết quả thực hiện", "width": 2.4},
        {"title": "Đánh giá chỉ tiêu", "width": 1.7, "align": "center"},
        {"title": "Đánh giá tiêu chí", "width": 1.7, "align": "center"},
        {"title": "Minh chứng", "width": 2.6},
    ]);
    let mut rows: Vec<Value> = Vec::new();
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
            rows.push(json!({"group": format!("{}. {}", esc(g), esc(&name))}));
        }
        let span = cr.indicators.len().max(1);
        let merged = |text: String| -> Value {
            if span > 1 {
                json!({"text": text, "rows": span})
            } else {
                Value::String(text)
            }
        };
        if cr.indicators.is_empty() {
            rows.push(json!([
                cr.number.to_string(),
                esc(&cr.name),
                "",
                "Chưa có số liệu",
                "",
                "",
                "",
                cr.status.to_string(),
                "",
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
            let mut row = Vec::new();
            if k == 0 {
                row.push(merged(cr.number.to_string()));
                row.push(merged(esc(&cr.name)));
            }
            row.push(Value::String(code));
            row.push(Value::String(text_cell(ind)));
            row.push(Value::String(target_cell(ind)));
            row.push(Value::String(value));
            row.push(Value::String(ind.status.to_string()));
            if k == 0 {
                row.push(merged(cr.status.to_string()));
            }
            row.push(Value::String(esc(&ind.evidence)));
            rows.push(Value::Array(row));
        }
    }
    rows.push(json!([
        {"text": "**Tổng hợp**", "span": 5},
        {"text": format!("**{}**", c.summary()), "span": 4},
    ]));
    let mut body: Vec<Value> = vec![Value::String(format!(
        "Bộ tiêu chí: {} ({}). Xã {}{}.",
        esc(&c.set.title),
        esc(&c.set.source),
        esc(&c.short_name()),
        c.key
            .as_ref()
            .map(|k| format!(" thuộc {} {}", c.set.key_name, esc(&k.name)))
            .unwrap_or_default()
    ))];
    let mut notes: Vec<Value> = Vec::new();
    let whole: Vec<String> = c
        .indicators
        .iter()
        .filter(|i| i.whole)
        .map(|i| i.criterion.to_string())
        .collect();
    if !whole.is_empty() {
        notes.push(Value::String(format!(
            "tiêu chí {}: được đánh giá chung cả tiêu chí, chưa tách theo chỉ tiêu (bộ tiêu chí chưa ghi các chỉ tiêu này)",
            whole.join(", ")
        )));
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
            notes.push(Value::String(format!(
                "chỉ tiêu {}: {}",
                esc(&i.id),
                what.join("; ")
            )));
        }
    }
    if !c.set.group_mapping_confirmed {
        notes.push(Value::String(
            "việc xếp tiêu chí vào các nhóm chưa đối chiếu được với văn bản gốc".into(),
        ));
    }
    body.push(json!({"para": format!(
        "Ghi chú: {MARK_TEXT} mã hoặc nội dung chỉ tiêu chưa được xác nhận từ văn bản gốc; {MARK_TARGET} mức đạt chuẩn chưa được xác nhận từ văn bản gốc hoặc do xã ghi. Phải đối chiếu các mục đánh dấu trước khi ban hành:"
    ), "italic": true}));
    if !notes.is_empty() {
        body.push(json!({"items": notes}));
    }
    json!({
        "title": format!(
            "Kết quả thực hiện các tiêu chí {} năm {} của {}",
            level_noun(c.level), c.year, c.full_name()
        ),
        "landscape": true,
        "body": body,
        "table": {"columns": columns, "rows": rows},
    })
}

/// The biên bản of the meeting proposing recognition.
pub fn bien_ban(c: &Commune) -> Value {
    let short = c.short_name();
    let date = DateSpec::parse(&c.date).ok();
    let dots = |s: String| if s.is_empty() { "…".to_string() } else { s };
    let when = match date {
        Some(d) => format!(
            "ngày {} tháng {} năm {}",
            dots(d.day_text()),
            dots(d.month_text()),
            d.year
        ),
        None => format!("ngày … tháng … năm {}", c.year),
    };
    let failing: Vec<String> = c
        .failing()
        .iter()
        .map(|f| format!("tiêu chí số {} ({})", f.number, esc(&f.name)))
        .collect();
    let vote = match (c.meeting, c.vote_share()) {
        (Some((a, b)), Some(p)) => format!(
            "3. Kết quả biểu quyết: số thành viên dự họp nhất trí đề nghị xét, công nhận xã {} {} năm {} là **{b}/{a}** thành viên dự họp, đạt **{p}**.",
            esc(&short),
            c.level.phrase(),
            c.year
        ),
        _ => format!(
            "3. Kết quả biểu quyết: số thành viên dự họp nhất trí đề nghị xét, công nhận xã {} {} năm {} là …/… thành viên dự họp, đạt …%.",
            esc(&short),
            c.level.phrase(),
            c.year
        ),
    };
    let mut report = format!(
        "1. Ủy ban nhân dân xã báo cáo kết quả tự đánh giá theo {}: xã **{}**",
        esc(&c.set.title),
        c.summary()
    );
    if failing.is_empty() {
        report.push('.');
    } else {
        report.push_str(&format!("; chưa đạt: {}.", failing.join(", ")));
    }
    let mut body = vec![
        Value::String(format!("**Thời gian:** … giờ … phút, {when}.")),
        Value::String(format!("**Địa điểm:** Ủy ban nhân dân xã {}.", esc(&short))),
        Value::String(
            "**Thành phần:** thành viên Ban Chỉ đạo, Ban Quản lý xây dựng nông thôn mới xã và các Ban Phát triển thôn."
                .into(),
        ),
        Value::String(format!(
            "**Chủ trì:** {}, Chủ tịch Ủy ban nhân dân xã. **Thư ký:** {}.",
            esc(&c.chair),
            esc(&c.secretary)
        )),
        Value::String("**Nội dung:**".into()),
        Value::String(report),
    ];
    if !c.conditions.is_empty() {
        body.push(json!({"items": condition_lines(c)}));
    }
    body.extend([
        Value::String("2. Ý kiến của các thành viên dự họp: …".into()),
        Value::String(vote),
        Value::String(
            "Biên bản kết thúc hồi … giờ … phút cùng ngày, đã thông qua cho các thành viên dự họp cùng nghe và nhất trí"
                .into(),
        ),
    ]);
    json!({
        "kind": "bien-ban",
        "issuer": issuer(c),
        "number": "",
        "symbol": "UBND",
        "date": c.date,
        "subject": format!("Họp đề nghị xét, công nhận xã {short} {} năm {}", c.level.phrase(), c.year),
        "body": body,
        "signatures": [
            {"title": "THƯ KÝ", "name": c.secretary},
            {"title": "CHỦ TRÌ", "name": c.chair},
        ],
        "distribution": [recipient(c), "Hồ sơ đề nghị xét, công nhận"],
        "archive": "VT",
    })
}
