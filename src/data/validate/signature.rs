//! Signature blocks: authority (TM., KT., …), the title or collective signed for, name.

use super::*;

pub(super) fn check_signatures(
    input: &Input,
    system: System,
    issues: &mut Vec<Issue>,
) -> Vec<Signature> {
    match (&input.signature, &input.signatures) {
        (Some(_), Some(_)) => {
            issues.push(Issue::new(
                "signatures",
                (
                    "có cả `signature` và `signatures`",
                    "both `signature` and `signatures` are given",
                ),
                (
                    "dùng `signature` cho một người ký, `signatures` cho hai người ký cạnh nhau",
                    "use `signature` for one signer, `signatures` for two signing side by side",
                ),
            ));
            Vec::new()
        }
        (Some(s), None) => vec![check_signature(s, "signature", system, issues)],
        (None, Some(list)) => {
            if list.is_empty() || list.len() > 2 {
                issues.push(Issue::new(
                    "signatures",
                    (
                        "`signatures` cần một hoặc hai người ký",
                        "`signatures` takes one or two signers",
                    ),
                    (
                        "ghi hai khối chữ ký, ví dụ thư ký và chủ tọa của biên bản",
                        "write two signature blocks, e.g. the secretary and the chair of a biên bản",
                    ),
                ));
            }
            list.iter()
                .enumerate()
                .map(|(i, s)| check_signature(s, &format!("signatures[{i}]"), system, issues))
                .collect()
        }
        (None, None) => {
            issues.push(
                Issue::new(
                    "signature",
                    ("thiếu phần chữ ký (ô 7)", "missing the signature (box 7)"),
                    (
                        "thêm `signature:` với `authority`, `for`, `title`, `name`",
                        "add `signature:` with `authority`, `for`, `title`, `name`",
                    ),
                )
                .rule("required-part"),
            );
            Vec::new()
        }
    }
}

fn check_signature(
    sig: &SignatureIn,
    at: &str,
    system: System,
    issues: &mut Vec<Issue>,
) -> Signature {
    let hint = match system {
        System::State => (
            "dùng một trong: TM, KT, TL, TUQ, Q, hoặc `none` khi người đứng đầu ký",
            "use one of: TM, KT, TL, TUQ, Q, or `none` when the head signs",
        ),
        System::Party => (
            "dùng T/M hoặc K/T, hoặc `none` khi người đứng đầu ký",
            "use T/M or K/T, or `none` when the head signs",
        ),
    };
    let written = sig.authority.as_deref().unwrap_or("");
    let parsed = Authority::parse(written);
    if parsed.is_err() {
        issues.push(
            Issue::new(
                format!("{at}.authority"),
                (
                    format!("quyền hạn ký `{written}` không hợp lệ"),
                    format!("the signing authority `{written}` is not valid"),
                ),
                hint,
            )
            .rule("signature-authority"),
        );
    }
    let authority = parsed.unwrap_or(None);
    let prefix = authority.map_or("", |a| a.prefix(system));
    let on_behalf = sig.for_.clone().unwrap_or_default().trim().to_uppercase();
    let title = sig.title.clone().unwrap_or_default().trim().to_uppercase();
    let name = sig.name.clone().unwrap_or_default().trim().to_string();
    if authority.is_some() && on_behalf.is_empty() {
        issues.push(
            Issue::new(
                format!("{at}.for"),
                (
                    format!("ký {prefix} nhưng thiếu chức danh/tập thể được ký thay"),
                    format!("signing {prefix} but the title or collective signed for is missing"),
                ),
                (
                    "thêm `for`, ví dụ `for: CHỦ TỊCH` (KT.) hoặc `for: ỦY BAN NHÂN DÂN` (TM.)",
                    "add `for`, e.g. `for: CHỦ TỊCH` (KT.) or `for: ỦY BAN NHÂN DÂN` (TM.)",
                ),
            )
            .rule("signature-authority"),
        );
    }
    if parsed.is_ok() && authority.is_none() && !on_behalf.is_empty() {
        issues.push(
            Issue::new(
                format!("{at}.for"),
                (
                    "có `for` nhưng không có quyền hạn ký (TM., KT., …)",
                    "`for` is given without a signing authority (TM., KT., …)",
                ),
                (
                    "thêm `authority`, hoặc bỏ `for` khi người đứng đầu ký",
                    "add `authority`, or remove `for` when the head signs",
                ),
            )
            .rule("signature-authority"),
        );
    }
    if title.is_empty() && authority != Some(Authority::Q) {
        issues.push(
            Issue::new(
                format!("{at}.title"),
                (
                    "thiếu chức vụ người ký (ô 7a)",
                    "missing the signer's title (box 7a)",
                ),
                (
                    "thêm `title`, ví dụ `title: PHÓ CHỦ TỊCH`",
                    "add `title`, e.g. `title: PHÓ CHỦ TỊCH`",
                ),
            )
            .rule("required-part"),
        );
    }
    if name.is_empty() {
        issues.push(
            Issue::new(
                format!("{at}.name"),
                (
                    "thiếu họ tên người ký (ô 7b)",
                    "missing the signer's name (box 7b)",
                ),
                (
                    "thêm `name`, ví dụ `name: Nguyễn Văn A`",
                    "add `name`, e.g. `name: Nguyễn Văn A`",
                ),
            )
            .rule("required-part"),
        );
    }
    Signature {
        authority: prefix.to_string(),
        on_behalf,
        title,
        name,
        other_post: sig
            .other_post
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string(),
        written: sig.authority.clone().unwrap_or_default(),
    }
}
