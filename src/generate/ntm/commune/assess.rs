//! A commune's assessment: the criteria set chosen for it, each criterion's indicators
//! evaluated against their targets, the conditions of recognition, the meeting's vote.

use super::super::criteria::code_key;
use super::super::target::evaluate;
use super::indicators::indicator_row;
use super::*;

pub(super) fn strip_prefix_ci<'a>(s: &'a str, prefixes: &[&str]) -> &'a str {
    for p in prefixes {
        if let Some(r) = s.strip_prefix(p) {
            return r.trim();
        }
    }
    s.trim()
}

/// Choose the criteria set of a commune: the one its data names, or the first (province sets
/// before the bundled ones) serving its period and level.
fn choose_set<'a>(
    raw: &RawCommune,
    level: Level,
    period: &str,
    sets: &'a [CriteriaSet],
) -> Result<&'a CriteriaSet, Box<Diagnostic>> {
    let norm = |s: &str| s.replace([' ', '–', '—'], "-").replace("--", "-");
    if !raw.set.is_empty() {
        return sets
            .iter()
            .find(|s| s.id == raw.set.text.trim())
            .ok_or_else(|| {
                raw.set
                    .loc
                    .error(format!("không có bộ tiêu chí `{}`", raw.set.text))
                    .with_hint(format!(
                        "các bộ đã nạp: {}; bộ của tỉnh nạp bằng --criteria TỆP",
                        sets.iter()
                            .map(|s| s.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
            })
            .map_err(Box::new);
    }
    let same_period: Vec<&CriteriaSet> = sets
        .iter()
        .filter(|s| norm(&s.period) == norm(period))
        .collect();
    if same_period.is_empty() {
        return Err(Box::new(
            raw.period
                .loc
                .error(format!("không có bộ tiêu chí cho giai đoạn `{period}`"))
                .with_hint(format!(
                    "giai đoạn có bộ tiêu chí: {}",
                    sets.iter()
                        .map(|s| s.period.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
        ));
    }
    same_period
        .into_iter()
        .find(|s| s.levels.iter().any(|l| l == level.id()))
        .ok_or_else(|| {
            raw.level
                .loc
                .error(format!(
                    "chưa có bộ tiêu chí xã {} giai đoạn {period}: danh mục tiêu chí, chỉ tiêu của mức này chưa được xác nhận nên vanban không tự điền",
                    level.phrase().trim_start_matches("đạt chuẩn ")
                ))
                .with_hint("nạp bộ tiêu chí của tỉnh bằng --criteria TỆP (xem docs/ntm.md), hoặc sửa cột mức đề nghị")
        }).map_err(Box::new)
}

/// Assess a commune: every problem is returned, each with its place.
pub fn assess(raw: &RawCommune, sets: &[CriteriaSet]) -> Result<Commune, Vec<Diagnostic>> {
    let mut errs = raw.errors.clone();
    let mut warnings = Vec::new();
    let required = |errs: &mut Vec<Diagnostic>, f: &Field, what: &str, hint: &str| {
        if f.is_empty() {
            errs.push(
                f.loc
                    .error(format!("thiếu {what}"))
                    .with_hint(hint.to_string()),
            );
        }
    };
    required(
        &mut errs,
        &raw.name,
        "tên xã",
        "ghi tên xã, ví dụ `Xã Đăk Trăm`",
    );
    required(
        &mut errs,
        &raw.province,
        "tên tỉnh",
        "ghi tên tỉnh, ví dụ `Tỉnh Kon Tum`",
    );
    required(
        &mut errs,
        &raw.period,
        "giai đoạn",
        "ghi `2021-2025` hoặc `2026-2030`",
    );
    required(
        &mut errs,
        &raw.chair,
        "họ tên Chủ tịch Ủy ban nhân dân xã (người ký)",
        "ghi họ và tên người ký, không ghi học hàm, học vị",
    );
    required(
        &mut errs,
        &raw.secretary,
        "họ tên thư ký cuộc họp (người ký biên bản)",
        "ghi họ và tên thư ký cuộc họp đề nghị xét, công nhận",
    );
    let level = if raw.level.is_empty() {
        errs.push(
            raw.level
                .loc
                .error("thiếu mức đề nghị công nhận")
                .with_hint("ghi `đạt chuẩn`, `nâng cao` hoặc `kiểu mẫu`"),
        );
        None
    } else {
        let l = Level::parse(&raw.level.text);
        if l.is_none() {
            errs.push(
                raw.level
                    .loc
                    .error(format!("không hiểu mức đề nghị `{}`", raw.level.text))
                    .with_hint("ghi `đạt chuẩn`, `nâng cao` hoặc `kiểu mẫu`"),
            );
        }
        l
    };
    let year = match raw.year.text.trim().parse::<i32>() {
        Ok(y) if (2000..=2100).contains(&y) => Some(y),
        _ => {
            errs.push(
                raw.year
                    .loc
                    .error(format!(
                        "năm đề nghị công nhận `{}` không đúng",
                        raw.year.text
                    ))
                    .with_hint("ghi năm bằng 4 chữ số, ví dụ `2024`"),
            );
            None
        }
    };
    if !raw.date.is_empty()
        && let Err(e) = DateSpec::parse(&raw.date.text)
    {
        errs.push(
            raw.date
                .loc
                .error(e)
                .with_hint("ghi ngày dạng `15/10/2024`; để trống khi là dự thảo"),
        );
    }
    let meeting = meeting(raw, &mut errs);
    let (Some(level), Some(year)) = (level, year) else {
        return Err(errs);
    };
    if raw.period.is_empty() {
        return Err(errs);
    }
    let set = match choose_set(raw, level, raw.period.text.trim(), sets) {
        Ok(s) => s,
        Err(d) => {
            errs.push(*d);
            return Err(errs);
        }
    };
    let key = if raw.key.is_empty() {
        if set.keys.is_empty() {
            None
        } else {
            errs.push(
                raw.key
                    .loc
                    .error(format!("thiếu {} của xã", set.key_name))
                    .with_hint(format!(
                        "ghi một trong: {}",
                        set.keys
                            .iter()
                            .map(|k| format!("{} ({})", k.id, k.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
            );
            None
        }
    } else {
        match set.key(&raw.key.text) {
            Some(k) => Some(k.clone()),
            None => {
                errs.push(
                    raw.key
                        .loc
                        .error(format!("không có {} `{}`", set.key_name, raw.key.text))
                        .with_hint(format!(
                            "ghi một trong: {}",
                            set.keys
                                .iter()
                                .map(|k| format!("{} ({})", k.id, k.name))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                );
                None
            }
        }
    };
    let key_id = key.as_ref().map(|k| k.id.clone());

    let mut indicators = Vec::new();
    let mut cond_rows: BTreeMap<String, &RawRow> = BTreeMap::new();
    let mut seen: BTreeMap<String, Loc> = BTreeMap::new();
    for row in &raw.rows {
        let id = row.id.text.trim().to_string();
        if id.is_empty() {
            errs.push(row.id.loc.error("thiếu mã chỉ tiêu").with_hint(
                "ghi mã chỉ tiêu (`14.1`), số tiêu chí (`1`) hoặc mã điều kiện (`ĐK2`)",
            ));
            continue;
        }
        if let Some(first) = seen.get(&id) {
            errs.push(
                row.id
                    .loc
                    .error(format!(
                        "chỉ tiêu `{id}` ghi hai lần (lần đầu: {})",
                        if first.place.is_empty() {
                            first.field.clone().unwrap_or_default()
                        } else {
                            first.place.clone()
                        }
                    ))
                    .with_hint("mỗi chỉ tiêu của một xã ghi một dòng"),
            );
            continue;
        }
        seen.insert(id.clone(), row.id.loc.clone());
        let cond_id = normalise_condition(&id);
        if let Some(c) = set
            .conditions
            .iter()
            .find(|c| normalise_condition(&c.id) == cond_id)
        {
            if c.computed {
                errs.push(
                    row.id
                        .loc
                        .error(format!(
                            "điều kiện `{}` được tính từ kết quả các tiêu chí, không ghi dòng riêng",
                            c.id
                        ))
                        .with_hint("xóa dòng này"),
                );
            } else {
                cond_rows.insert(c.id.clone(), row);
            }
            continue;
        }
        match indicator_row(row, &id, set, key_id.as_deref()) {
            Ok((ind, warn)) => {
                warnings.extend(warn);
                indicators.push(ind);
            }
            Err(d) => errs.push(*d),
        }
    }
    indicators.sort_by_key(|a| code_key(&a.id));
    // a criterion is either assessed as a whole or indicator by indicator
    let mut criteria = Vec::new();
    for c in &set.criteria {
        let idx: Vec<usize> = indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| i.criterion == c.number)
            .map(|(n, _)| n)
            .collect();
        if idx.len() > 1 && idx.iter().any(|&n| indicators[n].whole) {
            errs.push(raw.loc.error(format!(
                "tiêu chí số {} ({}) vừa có dòng đánh giá chung (mã `{}`) vừa có dòng chỉ tiêu",
                c.number, c.name, c.number
            )).with_hint("giữ một cách ghi: hoặc một dòng cho cả tiêu chí, hoặc các dòng chỉ tiêu"));
        }
        let status = if idx.is_empty() {
            warnings.push(raw.loc.warning(format!(
                "{}: tiêu chí số {} ({}) chưa có số liệu, được tính là chưa đạt",
                raw.name.text, c.number, c.name
            )));
            Status::ChuaCoSoLieu
        } else if idx.iter().all(|&n| indicators[n].status.met()) {
            Status::Dat
        } else if idx.iter().any(|&n| indicators[n].status == Status::ChuaDat) {
            Status::ChuaDat
        } else {
            Status::ChuaCoSoLieu
        };
        criteria.push(CriterionResult {
            number: c.number,
            name: c.name.clone(),
            group: c.group.clone(),
            status,
            indicators: idx,
        });
    }
    for ind in &indicators {
        if ind.status == Status::ChuaCoSoLieu {
            warnings.push(raw.loc.warning(format!(
                "{}: chỉ tiêu {} chưa có số liệu, được tính là chưa đạt",
                raw.name.text, ind.id
            )));
        }
    }
    let all_met = !criteria.is_empty() && criteria.iter().all(|c| c.status.met());
    let met = criteria.iter().filter(|c| c.status.met()).count();
    let mut conditions = Vec::new();
    for c in &set.conditions {
        if c.computed {
            conditions.push(ConditionResult {
                condition: c.clone(),
                value: format!("đạt {met}/{} tiêu chí", criteria.len()),
                target: None,
                target_from_data: false,
                evidence: String::new(),
                status: if all_met {
                    Status::Dat
                } else {
                    Status::ChuaDat
                },
            });
            continue;
        }
        let Some(row) = cond_rows.get(&c.id) else {
            warnings.push(raw.loc.warning(format!(
                "{}: chưa có dòng điều kiện `{}` ({}), được tính là chưa đạt",
                raw.name.text, c.id, c.text
            )));
            conditions.push(ConditionResult {
                condition: c.clone(),
                value: String::new(),
                target: c.target.clone(),
                target_from_data: false,
                evidence: String::new(),
                status: Status::ChuaCoSoLieu,
            });
            continue;
        };
        let (target, from_data) = if row.target.is_empty() {
            (c.target.clone(), false)
        } else {
            match Target::parse(&row.target.text) {
                Ok(t) => (Some(t), true),
                Err(e) => {
                    errs.push(
                        row.target
                            .loc
                            .error(format!("mức yêu cầu `{}`: {e}", row.target.text)),
                    );
                    continue;
                }
            }
        };
        let eval_target = target
            .clone()
            .unwrap_or_else(|| Target::Stated(c.text.clone()));
        match evaluate(&eval_target, &row.value.text, &row.status.text) {
            Ok(status) => {
                if status == Status::ChuaCoSoLieu {
                    warnings.push(row.loc.warning(format!(
                        "{}: điều kiện `{}` chưa có kết quả hoặc đánh giá, được tính là chưa đạt",
                        raw.name.text, c.id
                    )));
                }
                conditions.push(ConditionResult {
                    condition: c.clone(),
                    value: row.value.text.clone(),
                    target,
                    target_from_data: from_data,
                    evidence: row.evidence.text.clone(),
                    status,
                })
            }
            Err(e) => {
                let at = if matches!(e, super::super::target::EvalError::BadStatus(_)) {
                    &row.status.loc
                } else {
                    &row.value.loc
                };
                errs.push(at.error(format!("điều kiện `{}`: {e}", c.id)));
            }
        }
    }
    if indicators.is_empty() && errs.is_empty() {
        errs.push(
            raw.loc
                .error(format!("xã `{}` không có dòng chỉ tiêu nào", raw.name.text))
                .with_hint("mỗi chỉ tiêu (hoặc tiêu chí) của xã ghi một dòng"),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let date = if raw.date.is_empty() {
        year.to_string()
    } else {
        raw.date.text.trim().to_string()
    };
    if meeting.is_none()
        && raw.attended.is_empty()
        && raw.agreed.is_empty()
        && all_met
        && conditions.iter().all(|c| c.status.met())
    {
        warnings.push(raw.loc.warning(
            "chưa có số thành viên dự họp và nhất trí: biên bản và tờ trình để trống các số này",
        ));
    }
    Ok(Commune {
        source: raw.loc.path.clone(),
        name: raw.name.text.trim().to_string(),
        district: (!raw.district.is_empty()).then(|| raw.district.text.trim().to_string()),
        province: raw.province.text.trim().to_string(),
        level,
        set: set.clone(),
        key,
        year,
        date,
        chair: raw.chair.text.trim().to_string(),
        secretary: raw.secretary.text.trim().to_string(),
        meeting,
        indicators,
        criteria,
        conditions,
        warnings,
    })
}

/// "ĐK2", "DK2", "đk 2" -> "dk2".
fn normalise_condition(s: &str) -> String {
    crate::text::word_key(s).replace('-', "")
}

fn meeting(raw: &RawCommune, errs: &mut Vec<Diagnostic>) -> Option<(u32, u32)> {
    if raw.attended.is_empty() && raw.agreed.is_empty() {
        return None;
    }
    let num = |errs: &mut Vec<Diagnostic>, f: &Field, what: &str| -> Option<u32> {
        match f.text.trim().parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errs.push(
                    f.loc
                        .error(format!("{what} `{}` không phải là số nguyên", f.text))
                        .with_hint("ghi số người, ví dụ `25`"),
                );
                None
            }
        }
    };
    let a = num(errs, &raw.attended, "số thành viên dự họp")?;
    let b = num(errs, &raw.agreed, "số thành viên nhất trí")?;
    if a == 0 || b > a {
        errs.push(
            raw.agreed
                .loc
                .error(format!(
                    "số thành viên nhất trí ({b}) phải từ 0 đến số thành viên dự họp ({a}), và số dự họp lớn hơn 0"
                ))
                .with_hint("kiểm tra lại hai số của cuộc họp"),
        );
        return None;
    }
    Some((a, b))
}
