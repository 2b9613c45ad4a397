//! One indicator row of a commune: its value, its target, its status.

use super::super::criteria::criterion_of;
use super::super::target::evaluate;
use super::*;

/// One indicator row against the set.
pub(super) fn indicator_row(
    row: &RawRow,
    id: &str,
    set: &CriteriaSet,
    key: Option<&str>,
) -> Result<(IndicatorResult, Vec<Diagnostic>), Box<Diagnostic>> {
    let mut warnings = Vec::new();
    let Some(criterion) = criterion_of(id).filter(|n| set.criterion(*n).is_some()) else {
        return Err(Box::new(row
            .id
            .loc
            .error(format!(
                "mã `{id}` không thuộc tiêu chí nào của {} (có {} tiêu chí)",
                set.title,
                set.criteria.len()
            ))
            .with_hint(
                "mã chỉ tiêu bắt đầu bằng số tiêu chí (`17.10`); điều kiện ghi `ĐK2`, `ĐK3`, `ĐK4`",
            )));
    };
    let whole = !id.contains('.');
    let in_set = set.indicator(id);
    if !whole && in_set.is_none() && (id.split('.').count() != 2 || id.ends_with('.')) {
        return Err(Box::new(
            row.id
                .loc
                .error(format!(
                    "mã chỉ tiêu `{id}` phải có dạng `số tiêu chí.số thứ tự`"
                ))
                .with_hint("ví dụ `14.1`, `17.10`"),
        ));
    }
    let (text, text_confirmed, note) = match in_set {
        Some(i) => {
            if !row.text.is_empty() && row.text.text.trim() != i.text {
                warnings.push(row.text.loc.warning(format!(
                    "nội dung chỉ tiêu {id} khác với bộ tiêu chí; dùng nội dung của bộ tiêu chí"
                )));
            }
            (i.text.clone(), i.confirmed, i.note.clone())
        }
        None if whole => (
            "Đánh giá chung cả tiêu chí".to_string(),
            false,
            Some("tiêu chí được đánh giá chung, chưa tách theo chỉ tiêu".to_string()),
        ),
        None => {
            if row.text.is_empty() {
                return Err(Box::new(row
                    .text
                    .loc
                    .error(format!(
                        "chỉ tiêu `{id}` không có trong {}: cần ghi nội dung chỉ tiêu",
                        set.title
                    ))
                    .with_hint("ghi nội dung chỉ tiêu theo văn bản của tỉnh; vanban đánh dấu là chưa xác nhận")));
            }
            (
                row.text.text.trim().to_string(),
                false,
                Some("chỉ tiêu do xã ghi, chưa đối chiếu với bộ tiêu chí".to_string()),
            )
        }
    };
    let (target, origin) = if !row.target.is_empty() {
        let t = Target::parse(&row.target.text).map_err(|e| {
            row.target
                .loc
                .error(format!("mức đạt chuẩn `{}`: {e}", row.target.text))
                .with_hint("viết như `≥ 90%`, `≤ 26,5%`, `≥ 50` hoặc một yêu cầu bằng chữ")
        })?;
        let same = in_set
            .and_then(|i| i.target_for(key))
            .is_some_and(|s| *s == t);
        let origin = match in_set {
            Some(i) if same && i.target_confirmed => TargetOrigin::SetConfirmed,
            Some(_) if same => TargetOrigin::SetUnconfirmed,
            _ => TargetOrigin::Data,
        };
        (t, origin)
    } else if let Some(t) = in_set.and_then(|i| i.target_for(key)) {
        let confirmed = in_set.is_some_and(|i| i.target_confirmed);
        (
            t.clone(),
            if confirmed {
                TargetOrigin::SetConfirmed
            } else {
                TargetOrigin::SetUnconfirmed
            },
        )
    } else if whole {
        // the requirement of a criterion assessed as a whole is the criterion itself: there is
        // no figure to confirm
        (
            Target::Stated("Đạt chuẩn".to_string()),
            TargetOrigin::SetConfirmed,
        )
    } else {
        return Err(Box::new(row
            .target
            .loc
            .error(format!(
                "chỉ tiêu `{id}` chưa có mức đạt chuẩn: bộ tiêu chí không ghi mức cho {}",
                key.map(|k| format!("{} `{k}`", set.key_name))
                    .unwrap_or_else(|| "xã".into())
            ))
            .with_hint("ghi mức đạt chuẩn vào cột Mức đạt chuẩn (ví dụ `≥ 90%` hoặc `Đạt`), theo văn bản hướng dẫn của tỉnh")));
    };
    let status = evaluate(&target, &row.value.text, &row.status.text).map_err(|e| {
        let at = if matches!(e, super::super::target::EvalError::BadStatus(_)) {
            &row.status.loc
        } else {
            &row.value.loc
        };
        at.error(format!("chỉ tiêu {id}: {e}")).with_hint(match e {
            super::super::target::EvalError::Contradicts { .. } => {
                "kiểm tra lại kết quả, hoặc để trống cột tự đánh giá để vanban tự tính"
            }
            _ => "ghi kết quả bằng số (ví dụ `92,5%`) và đánh giá `Đạt` hoặc `Chưa đạt`",
        })
    })?;
    Ok((
        IndicatorResult {
            id: id.to_string(),
            criterion,
            text,
            text_confirmed,
            whole,
            target,
            origin,
            value: row.value.text.trim().to_string(),
            evidence: row.evidence.text.trim().to_string(),
            status,
            note,
        },
        warnings,
    ))
}
