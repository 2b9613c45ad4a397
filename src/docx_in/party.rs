//! The layout of a Party document read from Word (HD 36-HD/VPTW, Phụ lục 3, as confirmed in
//! docs/profiles.md for `party-2018`): the heading "ĐẢNG CỘNG SẢN VIỆT NAM" at the top right
//! with a rule as long as it, the issuer with a star "*" under it (no rule), "Số" without a
//! colon, and the sizes and styles of the header, number, date, title, trích yếu and body.
//! What HD 36 leaves unconfirmed (margins, spacing, signature, Nơi nhận, page numbers) is
//! listed as not evaluated.

use std::path::Path;

use super::layout::{Located, Look, Unevaluated, at, fonts, look, page_setup, part_look};
use super::model::Docx;
use super::recover::Recovered;
use crate::diag::Bi;
use crate::diag::rules::Finding;

/// The Party layout findings of `d`.
pub(super) fn check(
    path: &Path,
    d: &Docx,
    rec: &Recovered,
    out: &mut Vec<Located>,
    skipped: &mut Vec<Unevaluated>,
) {
    let p = &rec.parts;
    page_setup(path, d, false, out);
    let para = |i: usize| &d.paras[i];
    let body: Vec<usize> = p
        .body
        .iter()
        .copied()
        .filter(|i| para(*i).depth == 0)
        .collect();
    let looks: Vec<(Vec<usize>, Look)> = vec![
        (
            p.nation.into_iter().collect(),
            look(
                "tiêu đề \"ĐẢNG CỘNG SẢN VIỆT NAM\"",
                "the heading \"ĐẢNG CỘNG SẢN VIỆT NAM\"",
                (15, 15),
                Some(true),
                Some(false),
                true,
            ),
        ),
        (
            p.parent.clone(),
            look(
                "tên cơ quan cấp trên",
                "the parent body",
                (14, 14),
                Some(false),
                Some(false),
                true,
            ),
        ),
        (
            p.issuer.clone(),
            look(
                "tên cơ quan ban hành",
                "the issuing body",
                (14, 14),
                Some(true),
                Some(false),
                true,
            ),
        ),
        (
            p.number.into_iter().collect(),
            look(
                "số, ký hiệu",
                "the number and symbol",
                (14, 14),
                Some(false),
                Some(false),
                false,
            ),
        ),
        (
            p.place_date.into_iter().collect(),
            look(
                "địa danh, ngày tháng",
                "the place and date",
                (14, 14),
                Some(false),
                Some(true),
                false,
            ),
        ),
        (
            p.title.into_iter().collect(),
            look(
                "tên loại văn bản",
                "the kind's title",
                (15, 16),
                Some(true),
                Some(false),
                true,
            ),
        ),
        (
            p.subject.clone(),
            look(
                "trích yếu",
                "the subject",
                (14, 15),
                Some(true),
                Some(false),
                false,
            ),
        ),
        (
            p.vv.clone(),
            look(
                "trích yếu công văn",
                "the subject of an official letter (\"công văn\")",
                (12, 12),
                Some(false),
                Some(true),
                false,
            ),
        ),
        (
            body,
            look("nội dung", "the body", (14, 15), None, None, false),
        ),
    ];
    for (idx, lk) in &looks {
        part_look(path, d, idx, lk, out);
    }
    fonts(path, d, out);
    let mut push = |vi: &str, en: &str, at_para: Option<usize>| {
        out.push(at(
            d,
            Finding::new("party-header", path)
                .arg("why", vi)
                .arg("why_en", en),
            at_para,
        ));
    };
    // The heading at the top right: in the header's right column, or aligned right.
    if let Some(n) = p.nation {
        let loose = para(n).depth == 0;
        let right = para(n).props.align.as_deref() == Some("right");
        if (!loose && p.nation_left) || (loose && !right) {
            push(
                "tiêu đề \"ĐẢNG CỘNG SẢN VIỆT NAM\" phải ở góc phải, dòng đầu của trang đầu",
                "the heading \"ĐẢNG CỘNG SẢN VIỆT NAM\" belongs at the top right of page 1",
                Some(n),
            );
        }
        if p.motto_rule.is_none() {
            out.push(at(
                d,
                Finding::new("rule-line", path)
                    .arg("part", "tiêu đề \"ĐẢNG CỘNG SẢN VIỆT NAM\"")
                    .arg("part_en", "the heading \"ĐẢNG CỘNG SẢN VIỆT NAM\""),
                Some(n),
            ));
        }
    }
    let mut push = |vi: &str, en: &str, at_para: Option<usize>| {
        out.push(at(
            d,
            Finding::new("party-header", path)
                .arg("why", vi)
                .arg("why_en", en),
            at_para,
        ));
    };
    if let Some(i) = p.issuer_rule {
        push(
            "dưới tên cơ quan ban hành là dấu sao (*), không kẻ đường kẻ",
            "under the issuing body stands a star (*), not a rule",
            Some(i),
        );
    } else if p.issuer_mark.is_none() && !p.issuer.is_empty() {
        push(
            "thiếu dấu sao (*) dưới tên cơ quan ban hành",
            "the star (*) under the issuing body is missing",
            p.issuer.last().copied(),
        );
    }
    if let Some(i) = p.number
        && para(i).flat().starts_with("Số:")
    {
        push(
            "số, ký hiệu viết \"Số 127-QĐ/TW\", không có dấu hai chấm sau \"Số\"",
            "the number is written \"Số 127-QĐ/TW\", without a colon after \"Số\"",
            Some(i),
        );
    }
    super::measure::rule_lengths(path, d, rec, out);
    skipped.push(Unevaluated {
        para: p.nation.map(|i| i + 1),
        what: Bi::new(
            "văn bản của Đảng: lề trang, giãn dòng, khoảng cách đoạn, số trang, chữ ký và Nơi nhận chưa được kiểm tra (HD 36-HD/VPTW chưa xác nhận các giá trị này, xem docs/profiles.md)",
            "a Party document: margins, line and paragraph spacing, page numbers, the signature and the recipients (\"Nơi nhận\") are not checked (HD 36-HD/VPTW's values for them are not confirmed, see docs/profiles.md)",
        ),
    });
}
