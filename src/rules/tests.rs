//! Each rule's failing and passing cases.

use super::*;
use crate::data;
use crate::diag::Lang;
use crate::diag::rules::RULES;

/// Every finding for one file, as `vanban check` makes them.
fn check_file(path: &Path, cat: &Catalogue, stage: data::Stage) -> Vec<Finding> {
    match data::load_with_source(path, stage, cat) {
        Err(diags) => diags.iter().map(input_finding).collect(),
        Ok((doc, source)) => lint(path, &doc, &source, true, cat),
    }
}

fn findings(yaml: &str) -> Vec<Finding> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.yaml");
    std::fs::write(&p, yaml).unwrap();
    let t = Catalogue::builtin().unwrap();
    check_file(&p, &t, data::Stage::Draft)
}

const BASE: &str = "issuer:\n  name: [ỦY BAN NHÂN DÂN, XÃ AN BÌNH]\n  text: Ủy ban nhân dân xã An Bình\nsymbol: UBND-VP\nplace: An Bình\ndate: 05/01/2025\nsubject: họp giao ban\nrecipients: [Các thôn]\nbody:\n  - Thực hiện Kế hoạch số 61/KH-UBND ngày 16/02/2024 của UBND huyện.\nsignature:\n  authority: KT\n  for: CHỦ TỊCH\n  title: PHÓ CHỦ TỊCH\n  name: Lê Văn B\ndistribution: [Như trên]\narchive: VT\n";

fn ids(f: &[Finding]) -> Vec<&str> {
    f.iter().map(|x| x.rule.as_str()).collect()
}

#[test]
fn every_rule_is_worded_in_both_languages() {
    assert!(RULES.len() >= 9, "rules.toml parsed: {}", RULES.len());
    for (id, r) in RULES.iter() {
        assert!(
            ["error", "warning", "info"].contains(&r.severity.as_str()),
            "{id}"
        );
        assert!(
            !r.vi.is_empty() && !r.en.is_empty() && !r.source.is_empty(),
            "{id}"
        );
    }
}

#[test]
fn every_rule_is_documented() {
    let docs = include_str!("../../docs/format.md");
    for id in RULES.keys() {
        assert!(
            docs.contains(&format!("| `{id}` |")),
            "docs/format.md does not list the rule {id}"
        );
    }
}

#[test]
fn a_clean_document_has_no_findings() {
    assert_eq!(ids(&findings(BASE)), Vec::<&str>::new());
}

#[test]
fn impossible_cited_date_is_found_with_its_line() {
    let y = BASE.replace("16/02/2024", "20/20/2023");
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["cited-date-impossible"]);
    assert_eq!(f[0].line, Some(10));
    let d = f[0].diagnostic(Lang::En);
    assert!(d.message.contains("20/20/2023"), "{}", d.message);
    // the written-out form too
    let y = BASE.replace("ngày 16/02/2024", "ngày 31 tháng 02 năm 2024");
    assert_eq!(ids(&findings(&y)), vec!["cited-date-impossible"]);
}

#[test]
fn cited_symbol_form() {
    let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Quy định số 03/QYĐ-UBND");
    assert_eq!(ids(&findings(&y)), vec!["cited-symbol-form"]);
    let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Quy định số 03/QyĐ-UBND");
    assert!(findings(&y).is_empty());
}

#[test]
fn symbol_form_and_place_capital() {
    let y = BASE.replace("symbol: UBND-VP", "symbol: UBND - VP");
    assert_eq!(ids(&findings(&y)), vec!["symbol-form"]);
    let y = BASE.replace("symbol: UBND-VP", "symbol: ubnd-VP");
    assert_eq!(ids(&findings(&y)), vec!["symbol-form"]);
    let y = BASE.replace("place: An Bình", "place: an Bình");
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["place-capital"]);
    assert_eq!(f[0].line, Some(5));
    // the kind codes with lower-case letters are right as they are
    let y = BASE
        .replace("symbol: UBND-VP", "symbol: TTr-SNN")
        .replace("subject:", "kind: to-trinh\nsubject:");
    assert!(findings(&y).is_empty());
}

#[test]
fn subject_period() {
    let y = BASE.replace("subject: họp giao ban", "subject: họp giao ban.");
    assert_eq!(ids(&findings(&y)), vec!["subject-final-period"]);
}

#[test]
fn kinh_gui_needs_nhu_tren() {
    let y = BASE.replace("distribution: [Như trên]", "distribution: [Đảng ủy xã]");
    assert_eq!(ids(&findings(&y)), vec!["distribution-nhu-tren"]);
    let y = y.replace("recipients: [Các thôn]\n", "");
    assert!(findings(&y).is_empty());
}

#[test]
fn archive_has_vt() {
    let y = BASE.replace("archive: VT", "archive: TH");
    assert_eq!(ids(&findings(&y)), vec!["archive-vt"]);
}

#[test]
fn kt_needs_a_deputy() {
    let y = BASE.replace("title: PHÓ CHỦ TỊCH", "title: CHỦ TỊCH");
    assert_eq!(ids(&findings(&y)), vec!["signature-kt-deputy"]);
}

#[test]
fn party_mark_in_a_state_document() {
    let y = BASE.replace("authority: KT", "authority: K/T");
    assert_eq!(ids(&findings(&y)), vec!["signature-mark-system"]);
}

#[test]
fn legacy_encoding_is_noticed() {
    let y = BASE.replace("Thực hiện", "Céng hoµ x· héi");
    assert_eq!(ids(&findings(&y)), vec!["text-legacy-encoding"]);
}

#[test]
fn decomposed_unicode_is_reported_and_normalised() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = BASE.replace("họp giao ban", &"họp giao ban".nfd().collect::<String>());
    let f = findings(&nfd);
    assert_eq!(ids(&f), vec!["text-nfd"]);
    assert_eq!(f[0].line, Some(7));
}

#[test]
fn load_errors_are_findings_with_their_rule() {
    // an impossible date of the document itself: an error of the rule date-valid
    let y = BASE.replace("date: 05/01/2025", "date: 30/02/2025");
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["date-valid"]);
    assert_eq!(f[0].line, Some(6));
    let d = f[0].diagnostic(Lang::Vi);
    assert!(d.is_error() && d.source.as_deref().unwrap().contains("II.4.b"));
    // a mistake in the file's form is of the rule `input`
    let y = BASE.replace("place: An Bình", "place: An Bình\nplcae: x");
    assert_eq!(ids(&findings(&y)), vec!["input"]);
}

fn findings_final(yaml: &str) -> Vec<Finding> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.yaml");
    std::fs::write(&p, yaml).unwrap();
    let t = Catalogue::builtin().unwrap();
    check_file(&p, &t, data::Stage::Final)
}

#[test]
fn required_parts_carry_their_rule_and_source() {
    let y = BASE.replace("archive: VT\n", "");
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["required-part"]);
    let d = f[0].diagnostic(Lang::Vi);
    assert!(d.to_string().contains("Điều 8"), "{d}");
    assert!(d.to_string().contains("[required-part]"), "{d}");
    // per kind: a quyết định needs its articles and its authority line
    let y = BASE
        .replace("recipients: [Các thôn]\n", "kind: quyet-dinh\n")
        .replace("distribution: [Như trên]", "distribution: [Như Điều 3]");
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["required-part", "required-part"], "{f:?}");
    let fields: Vec<_> = f.iter().map(|x| x.field.clone().unwrap()).collect();
    assert_eq!(fields, vec!["authority_line", "articles"]);
    // per stage: a draft may leave the number blank, the final version may not
    assert!(findings(&BASE.replace("date: 05/01/2025", "date: 1/2025")).is_empty());
    let f = findings_final(&BASE.replace("date: 05/01/2025", "date: 1/2025"));
    assert_eq!(ids(&f), vec!["final-number-date", "final-number-date"]);
    assert!(findings_final(&BASE.replace("symbol:", "number: 5\nsymbol:")).is_empty());
}

#[test]
fn number_form() {
    let y = BASE.replace("symbol:", "number: 1 5\nsymbol:");
    assert_eq!(ids(&findings(&y)), vec!["number-form"]);
    let y = BASE.replace("symbol:", "number: 15/QĐ\nsymbol:");
    assert_eq!(ids(&findings(&y)), vec!["number-form"]);
    // 5 is printed 05: vanban puts the zero itself
    let y = BASE.replace("symbol:", "number: 5\nsymbol:");
    assert!(findings(&y).is_empty());
}

#[test]
fn kinh_gui_only_where_the_kind_has_it() {
    let y = BASE.replace("subject:", "kind: ke-hoach\nsubject:");
    assert_eq!(ids(&findings(&y)), vec!["kinh-gui-kind"]);
    let y = y.replace("recipients: [Các thôn]\n", "");
    assert!(findings(&y).is_empty());
}

#[test]
fn signature_authority_is_known() {
    let y = BASE.replace("authority: KT", "authority: KTT");
    assert_eq!(ids(&findings(&y)), vec!["signature-authority"]);
}

#[test]
fn cited_number_form() {
    let y = BASE.replace("61/KH-UBND", "6/KH-UBND");
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["cited-number-form"]);
    assert_eq!(f[0].line, Some(10));
    let y = BASE.replace("61/KH-UBND", "06/KH-UBND");
    assert!(findings(&y).is_empty());
    // Party numbers too
    let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Nghị quyết số 4-NQ/TU");
    assert_eq!(ids(&findings(&y)), vec!["cited-number-form"]);
}

#[test]
fn cited_kind_code() {
    let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Quyết định số 61/KH-UBND");
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["cited-kind-code"]);
    let d = f[0].diagnostic(Lang::Vi);
    assert!(d.message.contains("kế hoạch"), "{}", d.message);
    let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Quyết định số 61/QĐ-UBND");
    assert!(findings(&y).is_empty());
    // kinds and codes the catalogue does not know are left alone; a year is not a code
    let y = BASE.replace(
        "Kế hoạch số 61/KH-UBND ngày 16/02/2024",
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020",
    );
    assert!(findings(&y).is_empty());
    let y = BASE.replace("Kế hoạch số 61/KH-UBND", "Nghị quyết số 04-NQ/TU");
    assert!(findings(&y).is_empty());
}

#[test]
fn symbol_kind_code() {
    // a công văn has no kind code
    let y = BASE.replace("symbol: UBND-VP", "symbol: KH-UBND");
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["symbol-kind-code"]);
    assert_eq!(f[0].line, Some(4));
    // Cục Thuế writes CT-…: not a kind code there
    let y = BASE.replace("symbol: UBND-VP", "symbol: CT-TTHT");
    assert!(findings(&y).is_empty());
    // a kế hoạch whose symbol carries QĐ would print KH-QĐ-UBND
    let kh = BASE
        .replace("recipients: [Các thôn]\n", "kind: ke-hoach\n")
        .replace("symbol: UBND-VP", "symbol: QĐ-UBND");
    assert_eq!(ids(&findings(&kh)), vec!["symbol-kind-code"]);
    for ok in ["symbol: UBND", "symbol: KH-UBND"] {
        let y = kh.replace("symbol: QĐ-UBND", ok);
        assert!(findings(&y).is_empty(), "{ok}");
    }
}

#[test]
fn date_form() {
    let y = BASE.replace("ngày 16/02/2024", "ngày 5 tháng 01 năm 2024");
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["date-form"]);
    assert!(
        f[0].diagnostic(Lang::Vi)
            .message
            .contains("ngày 05 tháng 01")
    );
    let y = BASE.replace("ngày 16/02/2024", "ngày 16 tháng 03 năm 2024");
    assert_eq!(ids(&findings(&y)), vec!["date-form"]);
    let y = BASE.replace("ngày 16/02/2024", "ngày 16 tháng 2 năm 2024");
    assert_eq!(ids(&findings(&y)), vec!["date-form"]);
    for ok in ["ngày 05 tháng 01 năm 2024", "ngày 16 tháng 3 năm 2024"] {
        let y = BASE.replace("ngày 16/02/2024", ok);
        assert!(findings(&y).is_empty(), "{ok}");
    }
}

#[test]
fn list_punctuation() {
    let y = BASE.replace(
        "distribution: [Như trên]",
        "distribution: [Như trên, \"-Sở Nội vụ\"]",
    );
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["list-punctuation"]);
    assert_eq!(f[0].field.as_deref(), Some("distribution"));
    let y = BASE.replace(
        "distribution: [Như trên]",
        "distribution: [Như trên, \"Sở Nội vụ:\"]",
    );
    assert_eq!(ids(&findings(&y)), vec!["list-punctuation"]);
    // what vanban drops and prints itself is not a problem
    let y = BASE.replace(
        "distribution: [Như trên]",
        "distribution: [\"- Như trên;\", \"- Sở Nội vụ; Sở Tài chính.\"]",
    );
    assert!(findings(&y).is_empty());
}

#[test]
fn tm_needs_a_collective() {
    let y = BASE
        .replace("authority: KT", "authority: TM")
        .replace("title: PHÓ CHỦ TỊCH", "title: CHỦ TỊCH");
    let f = findings(&y);
    assert_eq!(ids(&f), vec!["signature-tm-collective"]);
    assert_eq!(f[0].line, Some(13));
    let y = y.replace("for: CHỦ TỊCH", "for: ỦY BAN NHÂN DÂN");
    assert!(findings(&y).is_empty());
}

#[test]
fn body_end_mark() {
    let two = BASE.replace("body:\n", "body:\n  - Đề nghị các thôn thực hiện./.\n");
    let f = findings(&two);
    assert_eq!(ids(&f), vec!["body-end-mark"]);
    assert_eq!(f[0].line, Some(10));
    let y = BASE.replace("của UBND huyện.", "của UBND huyện. /.");
    assert_eq!(ids(&findings(&y)), vec!["body-end-mark"]);
    // typed at the very end: vanban keeps it and adds nothing
    let y = BASE.replace("của UBND huyện.", "của UBND huyện./.");
    assert!(findings(&y).is_empty());
}

#[test]
fn control_characters_are_replaced_with_a_warning() {
    let y = BASE.replace(
        "subject: họp giao ban",
        "subject: \"họp\\x07giao\\u0085ban\"",
    );
    let f = findings(&y);
    assert_eq!(ids(&f), ["control-characters"]);
    assert_eq!(f[0].field.as_deref(), Some("subject"));
    assert_eq!(f[0].line, Some(7));
    assert!(ids(&findings(BASE)).is_empty());
}
