//! Tests of the assessment.

use super::*;

fn f(s: &str) -> Field {
    Field {
        text: s.into(),
        loc: Loc {
            path: "x.csv".into(),
            line: Some(2),
            place: "dòng 2, cột A".into(),
            field: None,
        },
    }
}

fn row(id: &str, target: &str, value: &str, status: &str) -> RawRow {
    RawRow {
        id: f(id),
        target: f(target),
        value: f(value),
        status: f(status),
        ..Default::default()
    }
}

fn commune(rows: Vec<RawRow>) -> RawCommune {
    RawCommune {
        name: f("Xã Thử"),
        province: f("Tỉnh Kon Tum"),
        period: f("2021-2025"),
        level: f("đạt chuẩn"),
        key: f("Tây Nguyên"),
        year: f("2024"),
        chair: f("Nguyễn Văn A"),
        secretary: f("Trần Thị B"),
        attended: f("25"),
        agreed: f("24"),
        rows,
        ..Default::default()
    }
}

fn all_rows() -> Vec<RawRow> {
    let mut rows: Vec<RawRow> = (1..=19)
        .filter(|n| ![14, 15].contains(n))
        .map(|n| row(&n.to_string(), "", "", "Đạt"))
        .collect();
    rows.push(row("14.1", "", "Đạt mức độ 2", "Đạt"));
    rows.push(row("15.a", "", "20,5%", ""));
    rows.push(row("ĐK2", "", "95%", "Đạt"));
    rows.push(row("DK3", "", "Không có nợ đọng", "Đạt"));
    rows.push(row("đk4", "", "", "đạt"));
    rows
}

#[test]
fn a_commune_meeting_everything_is_eligible() {
    let sets = CriteriaSet::builtin().expect("sets");
    let c = assess(&commune(all_rows()), &sets).expect("valid");
    assert_eq!(c.summary(), "đạt 19/19 tiêu chí");
    assert!(c.eligible());
    assert_eq!(c.conditions.len(), 4);
    assert_eq!(c.vote_share().as_deref(), Some("96%"));
    let i = c.indicators.iter().find(|i| i.id == "15.a").expect("15.a");
    assert_eq!(i.origin, TargetOrigin::SetUnconfirmed);
    assert_eq!(i.target.to_string(), "≤ 26,5%");
}

#[test]
fn one_failing_indicator_fails_its_criterion_and_condition_1() {
    let sets = CriteriaSet::builtin().expect("sets");
    let mut rows = all_rows();
    for r in &mut rows {
        if r.id.text == "15.a" {
            r.value.text = "28,3%".into();
        }
    }
    let c = assess(&commune(rows), &sets).expect("valid");
    assert_eq!(c.summary(), "đạt 18/19 tiêu chí");
    assert!(!c.eligible());
    assert_eq!(c.failing()[0].number, 15);
    assert_eq!(c.conditions[0].status, Status::ChuaDat);
}

#[test]
fn missing_rows_and_values_are_never_met() {
    let sets = CriteriaSet::builtin().expect("sets");
    let mut rows = all_rows();
    rows.retain(|r| r.id.text != "2" && r.id.text != "DK3");
    for r in &mut rows {
        if r.id.text == "15.a" {
            r.value.text = String::new();
        }
    }
    let c = assess(&commune(rows), &sets).expect("valid");
    assert_eq!(c.summary(), "đạt 17/19 tiêu chí");
    let c2 = c.criteria.iter().find(|c| c.number == 2).expect("2");
    assert_eq!(c2.status, Status::ChuaCoSoLieu);
    assert!(!c.eligible());
    assert!(c.warnings.len() >= 3);
}

#[test]
fn errors_name_the_cell() {
    let sets = CriteriaSet::builtin().expect("sets");
    let mut rows = all_rows();
    rows.push(row("17.4", "≥ 90%", "95", ""));
    rows.push(row("20.1", "", "1", ""));
    rows.push(row("1", "", "", "Đạt"));
    for r in &mut rows {
        if r.id.text == "15.a" {
            r.value.text = "nhiều".into();
        }
    }
    let errs = assess(&commune(rows), &sets).expect_err("invalid");
    let all: String = errs.iter().map(|d| format!("{d}\n")).collect();
    assert!(all.contains("chỉ tiêu `17.4` không có trong"), "{all}");
    assert!(all.contains("`20.1` không thuộc tiêu chí nào"), "{all}");
    assert!(all.contains("chỉ tiêu `1` ghi hai lần"), "{all}");
    assert!(all.contains("kết quả `nhiều` không phải là số"), "{all}");
    assert!(all.contains("dòng 2, cột A"), "{all}");
}

#[test]
fn levels_without_a_confirmed_set_are_refused() {
    let sets = CriteriaSet::builtin().expect("sets");
    let mut raw = commune(all_rows());
    raw.level = f("nâng cao");
    let errs = assess(&raw, &sets).expect_err("no set");
    assert!(
        errs[0]
            .to_string()
            .contains("chưa có bộ tiêu chí xã nông thôn mới nâng cao"),
        "{}",
        errs[0]
    );
    raw.level = f("tốt");
    assert!(assess(&raw, &sets).is_err());
}
