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
                        "write two signature blocks, e.g. the secretary and the chair of minutes (\"biên bản\")",
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
    let written_all = sig
        .authority
        .as_ref()
        .map(Lines::to_vec)
        .unwrap_or_default();
    let for_all = sig.for_.as_ref().map(Lines::to_vec).unwrap_or_default();
    let stacked = written_all.len() > 1 || for_all.len() > 1;
    if stacked {
        check_stack(&written_all, &for_all, at, issues);
    }
    let mut marks = Vec::new();
    let mut authority = None;
    let n = written_all.len().max(for_all.len()).max(1);
    for k in 0..n {
        let written = written_all.get(k).map_or("", String::as_str);
        let field = if stacked {
            format!("{at}.authority[{k}]")
        } else {
            format!("{at}.authority")
        };
        let parsed = Authority::parse(written);
        if parsed.is_err() {
            issues.push(
                Issue::new(
                    field,
                    (
                        format!("quyền hạn ký `{written}` không hợp lệ"),
                        format!("the signing authority `{written}` is not valid"),
                    ),
                    hint,
                )
                .rule("signature-authority"),
            );
        }
        let this = parsed.unwrap_or(None);
        let on_behalf = for_all
            .get(k)
            .map_or_else(String::new, |s| s.trim().to_uppercase());
        let prefix = this.map_or("", |a| a.prefix(system));
        // A stack of unequal lists is reported once, by `check_stack`.
        let unequal = stacked && written_all.len() != for_all.len();
        if this.is_some() && on_behalf.is_empty() && !unequal {
            issues.push(
                Issue::new(
                    format!("{at}.for"),
                    (
                        format!("ký {prefix} nhưng thiếu chức danh/tập thể được ký thay"),
                        format!(
                            "signing {prefix} but the title or collective signed for is missing"
                        ),
                    ),
                    (
                        "thêm `for`, ví dụ `for: CHỦ TỊCH` (KT.) hoặc `for: ỦY BAN NHÂN DÂN` (TM.)",
                        "add `for`, e.g. `for: CHỦ TỊCH` (KT.) or `for: ỦY BAN NHÂN DÂN` (TM.)",
                    ),
                )
                .rule("signature-authority"),
            );
        }
        if parsed.is_ok() && this.is_none() && !on_behalf.is_empty() && !stacked {
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
        if this.is_some() {
            marks.push(SignMark {
                authority: prefix.to_string(),
                on_behalf,
                written: written.to_string(),
            });
        }
        authority = this;
    }
    let title = sig.title.clone().unwrap_or_default().trim().to_uppercase();
    let name = sig.name.clone().unwrap_or_default().trim().to_string();
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
    let last = marks.last().cloned();
    Signature {
        authority: last
            .as_ref()
            .map(|m| m.authority.clone())
            .unwrap_or_default(),
        on_behalf: last
            .as_ref()
            .map(|m| m.on_behalf.clone())
            .unwrap_or_default(),
        title,
        name,
        other_post: sig
            .other_post
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string(),
        written: match written_all.last() {
            Some(w) => w.clone(),
            None => String::new(),
        },
        marks,
    }
}

/// Most authority lines one signature may stack (NĐ 30, Phụ lục I, II.7.b shows two:
/// "TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH").
pub const MAX_SIGN_MARKS: usize = 2;

/// Stacked marks: as many `for` as `authority`, at most [`MAX_SIGN_MARKS`], none of them
/// `none`.
fn check_stack(written: &[String], for_: &[String], at: &str, issues: &mut Vec<Issue>) {
    let hint = (
        "ghi mỗi dòng quyền hạn một mục, hai danh sách dài bằng nhau, ví dụ `authority: [TM, KT]` và `for: [ỦY BAN NHÂN DÂN, CHỦ TỊCH]`",
        "write one entry per authority line, both lists of the same length, e.g. `authority: [TM, KT]` and `for: [ỦY BAN NHÂN DÂN, CHỦ TỊCH]`",
    );
    if written.len() != for_.len() {
        issues.push(
            Issue::new(
                format!("{at}.for"),
                (
                    format!(
                        "`authority` có {} dấu quyền hạn nhưng `for` có {} mục",
                        written.len(),
                        for_.len()
                    ),
                    format!(
                        "`authority` has {} marks but `for` has {} entries",
                        written.len(),
                        for_.len()
                    ),
                ),
                hint,
            )
            .rule("signature-authority"),
        );
    }
    if written.len().max(for_.len()) > MAX_SIGN_MARKS {
        issues.push(
            Issue::new(
                format!("{at}.authority"),
                (
                    format!("chữ ký có quá {MAX_SIGN_MARKS} dòng quyền hạn"),
                    format!("the signature has more than {MAX_SIGN_MARKS} authority lines"),
                ),
                (
                    "NĐ 30/2020, Phụ lục I, mục II.7.b chỉ chồng hai dòng, ví dụ \"TM. ỦY BAN NHÂN DÂN\" và \"KT. CHỦ TỊCH\"",
                    "NĐ 30/2020, Phụ lục I, II.7.b stacks two lines at most, e.g. \"TM. ỦY BAN NHÂN DÂN\" over \"KT. CHỦ TỊCH\"",
                ),
            )
            .rule("signature-authority"),
        );
    }
    for (k, w) in written.iter().enumerate() {
        if matches!(Authority::parse(w), Ok(None)) {
            issues.push(
                Issue::new(
                    format!("{at}.authority[{k}]"),
                    (
                        "dòng quyền hạn chồng nhau không được là `none`",
                        "a stacked authority line cannot be `none`",
                    ),
                    hint,
                )
                .rule("signature-authority"),
            );
        }
    }
}
