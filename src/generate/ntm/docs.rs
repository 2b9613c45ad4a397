//! The dossier's documents, generated in the input model (made by the ordinary pipeline):
//! the tờ trình, the báo cáo with its appendix "KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ …", and the
//! biên bản of the meeting. All three quote the same assessment, so their figures agree.

use super::super::build::{distribution, italic, items, lines, para, section, text};
use super::commune::{Commune, IndicatorResult, Level, TargetOrigin};
use super::target::Status;
mod appendix;

use crate::data::date::DateSpec;
use crate::data::model::{BlockIn, Input, IssuerIn, Lines, SignatureIn};
use crate::text::lower_first;
pub use appendix::{appendix, target_cell, text_cell};

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

fn issuer(c: &Commune) -> IssuerIn {
    IssuerIn {
        parent: None,
        name: Some(lines([
            "ỦY BAN NHÂN DÂN".to_string(),
            c.name.to_uppercase(),
        ])),
        text: Some(format!("Ủy ban nhân dân {}", lower_first(&c.name))),
    }
}

/// The body the dossier goes to: the district (2021–2025) or the province.
pub fn recipient(c: &Commune) -> String {
    match &c.district {
        Some(d) => format!("Ủy ban nhân dân {}", lower_first(d)),
        None => format!("Ủy ban nhân dân {}", lower_first(&c.province)),
    }
}

fn signature(c: &Commune) -> SignatureIn {
    SignatureIn {
        authority: Some(Lines::One("TM".into())),
        for_: Some(Lines::One("Ủy ban nhân dân".into())),
        title: Some("Chủ tịch".into()),
        name: Some(c.chair.clone()),
        other_post: None,
    }
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

fn condition_lines(c: &Commune) -> Vec<String> {
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
            s
        })
        .collect()
}

fn unconfirmed_note(c: &Commune) -> Option<BlockIn> {
    if c.set.procedure_confirmed {
        return None;
    }
    Some(italic(format!(
        "(Lưu ý: chưa xác nhận được văn bản quy định điều kiện, trình tự, thủ tục, hồ sơ xét, công nhận xã đạt chuẩn nông thôn mới giai đoạn {}; các điều kiện đánh dấu {MARK_TEXT} theo Quyết định số 18/2022/QĐ-TTg, cần đối chiếu trước khi ban hành.)",
        esc(&c.set.period)
    )))
}

/// The tờ trình proposing recognition.
pub fn to_trinh(c: &Commune) -> Input {
    let short = c.short_name();
    let mut body: Vec<BlockIn> = c
        .set
        .bases
        .iter()
        .map(|b| para(format!("Căn cứ {};", esc(b))))
        .collect();
    body.push(para(format!(
        "Ủy ban nhân dân xã {} đã tổ chức tự đánh giá kết quả thực hiện các tiêu chí theo {}. Kết quả: xã **{}** (chi tiết tại Báo cáo kết quả thực hiện các tiêu chí {} năm {} của Ủy ban nhân dân xã kèm theo).",
        esc(&short),
        esc(&c.set.title),
        c.summary(),
        level_noun(c.level),
        c.year
    )));
    if !c.conditions.is_empty() {
        body.push(para("Về các điều kiện công nhận:"));
        body.push(items(condition_lines(c)));
    }
    if let (Some((a, b)), Some(p)) = (c.meeting, c.vote_share()) {
        body.push(para(format!(
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
    body.push(para(ask));
    let verb = if c.district.is_some() {
        "thẩm tra, xét, công nhận"
    } else {
        "xét, công nhận"
    };
    Input {
        kind: Some("to-trinh".into()),
        issuer: Some(issuer(c)),
        number: Some(text("")),
        symbol: Some("UBND".into()),
        date: Some(text(c.date.clone())),
        subject: Some(format!(
            "Về việc đề nghị {verb} xã {short} {} năm {}",
            c.level.phrase(),
            c.year
        )),
        place: Some(short),
        recipients: Some(lines([recipient(c)])),
        body: Some(body),
        signature: Some(signature(c)),
        distribution: Some(distribution(["Như trên"])),
        archive: Some("VT, Hồ sơ NTM".into()),
        ..Input::default()
    }
}

/// The báo cáo of the criteria results, with the appendix table.
pub fn bao_cao(c: &Commune) -> Input {
    let short = c.short_name();
    let results: Vec<String> = (0..c.criteria.len())
        .map(|n| criterion_line(c, n))
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
        para(format!(
            "{} không quy định điều kiện công nhận ngoài các tiêu chí.",
            esc(&c.set.title)
        ))
    } else {
        items(condition_lines(c))
    }];
    conditions_body.extend(unconfirmed_note(c));
    let body = vec![
        section(
            "KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ",
            Some("I"),
            vec![
                para(format!(
                    "Căn cứ {} ({}), Ủy ban nhân dân xã {} tự đánh giá kết quả thực hiện các tiêu chí: xã **{}**.",
                    esc(&c.set.title),
                    esc(&c.set.source),
                    esc(&short),
                    c.summary()
                )),
                para("Kết quả từng tiêu chí:"),
                items(results),
                italic("(Chi tiết kết quả thực hiện từng chỉ tiêu tại Phụ lục kèm theo)"),
            ],
        ),
        section("CÁC ĐIỀU KIỆN CÔNG NHẬN", Some("II"), conditions_body),
        section(
            "ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ",
            Some("III"),
            vec![para(conclusion)],
        ),
    ];
    Input {
        kind: Some("bao-cao".into()),
        issuer: Some(issuer(c)),
        number: Some(text("")),
        symbol: Some("UBND".into()),
        date: Some(text(c.date.clone())),
        subject: Some(format!(
            "Kết quả thực hiện các tiêu chí {} năm {} của xã {}",
            level_noun(c.level),
            c.year,
            short
        )),
        place: Some(short),
        recipients: Some(lines([recipient(c)])),
        body: Some(body),
        signature: Some(signature(c)),
        distribution: Some(distribution([
            "Như trên",
            "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        ])),
        archive: Some("VT, Hồ sơ NTM".into()),
        appendices: Some(vec![appendix(c)]),
        ..Input::default()
    }
}

/// The biên bản of the meeting proposing recognition.
pub fn bien_ban(c: &Commune) -> Input {
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
        para(format!("**Thời gian:** … giờ … phút, {when}.")),
        para(format!("**Địa điểm:** Ủy ban nhân dân xã {}.", esc(&short))),
        para(
            "**Thành phần:** thành viên Ban Chỉ đạo, Ban Quản lý xây dựng nông thôn mới xã và các Ban Phát triển thôn.",
        ),
        para(format!(
            "**Chủ trì:** {}, Chủ tịch Ủy ban nhân dân xã. **Thư ký:** {}.",
            esc(&c.chair),
            esc(&c.secretary)
        )),
        para("**Nội dung:**"),
        para(report),
    ];
    if !c.conditions.is_empty() {
        body.push(items(condition_lines(c)));
    }
    body.extend([
        para("2. Ý kiến của các thành viên dự họp: …"),
        para(vote),
        para(
            "Biên bản kết thúc hồi … giờ … phút cùng ngày, đã thông qua cho các thành viên dự họp cùng nghe và nhất trí",
        ),
    ]);
    let signer = |title: &str, name: &str| SignatureIn {
        title: Some(title.into()),
        name: Some(name.into()),
        ..SignatureIn::default()
    };
    Input {
        kind: Some("bien-ban".into()),
        issuer: Some(issuer(c)),
        number: Some(text("")),
        symbol: Some("UBND".into()),
        date: Some(text(c.date.clone())),
        subject: Some(format!(
            "Họp đề nghị xét, công nhận xã {short} {} năm {}",
            c.level.phrase(),
            c.year
        )),
        body: Some(body),
        signatures: Some(vec![
            signer("THƯ KÝ", &c.secretary),
            signer("CHỦ TRÌ", &c.chair),
        ]),
        distribution: Some(distribution([
            recipient(c),
            "Hồ sơ đề nghị xét, công nhận".to_string(),
        ])),
        archive: Some("VT".into()),
        ..Input::default()
    }
}
