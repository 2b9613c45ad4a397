//! Tests of the task table.

use super::write::punctuate;
use super::*;

fn input(yaml: &str) -> Input {
    serde_saphyr::from_str(yaml).expect("valid test YAML")
}

fn run(yaml: &str) -> (Input, Option<TaskTable>, Vec<Diagnostic>) {
    let mut i = input(yaml);
    let (t, d) = expand(Path::new("t.yaml"), &mut i, &|_| None, &mut Renames::new());
    (i, t, d)
}

const BASE: &str = r#"
body:
  - "Mở đầu."
  - tasks: all
tasks:
  groups:
    - {id: 1, title: "Ủy ban nhân dân các huyện:"}
    - {id: 2, title: "Sở Nông nghiệp và Phát triển nông thôn"}
  items:
    - {group: 1, content: "Rà soát tiêu chí.", lead: "UBND các huyện", deadline: "30/9/2024"}
    - {group: 1, content: "Hoàn thiện hồ sơ {thời hạn}.", lead: "UBND huyện Kỳ Anh", support: "Sở Xây dựng; Sở Tài chính", deadline: "trước 31/3/2025", product: "Hồ sơ"}
    - {group: 2, content: "Tổng hợp, báo cáo.", lead: "Sở Nông nghiệp và Phát triển nông thôn", deadline: "hằng tháng trước ngày 25"}
"#;

#[test]
fn body_sections_appendix_from_one_table() {
    let (i, t, d) = run(BASE);
    assert!(d.is_empty(), "{d:?}");
    let t = t.expect("table");
    assert_eq!(t.tasks.len(), 3);
    let body = i.body.expect("body");
    // Mở đầu, section 1, section 2, the reference.
    assert_eq!(body.len(), 4);
    let BlockIn::Map(s1) = &body[1] else {
        panic!("section")
    };
    assert_eq!(s1.section.as_deref(), Some("Ủy ban nhân dân các huyện:"));
    let BlockIn::Map(items) = &s1.body.as_ref().expect("body")[0] else {
        panic!("items")
    };
    let items: Vec<String> = items
        .items
        .as_ref()
        .expect("items")
        .iter()
        .map(|x| match x {
            ItemIn::Text(s) => s.clone(),
            ItemIn::Map(m) => m.text.clone(),
        })
        .collect();
    assert_eq!(
        items,
        [
            "Rà soát tiêu chí (thời hạn: 30/9/2024);",
            "Hoàn thiện hồ sơ trước 31/3/2025."
        ]
    );
    // Uniform list punctuation (issue 12): a task's own "." or ";" gives way.
    assert_eq!(punctuate("Làm A", ";"), "Làm A;");
    assert_eq!(punctuate("Làm A…", ";"), "Làm A…;");
    assert_eq!(punctuate("Làm A…", "."), "Làm A…");
    assert_eq!(punctuate("Làm A (nếu có).", ";"), "Làm A (nếu có);");
    assert_eq!(punctuate("Làm A;", "."), "Làm A.");
    assert_eq!(punctuate("Làm A.", "."), "Làm A.");
    assert_eq!(punctuate("Báo cáo, v.v.", ";"), "Báo cáo, v.v.;");
    // One task in group 2: on the heading's line.
    let BlockIn::Map(s2) = &body[2] else {
        panic!("section")
    };
    assert_eq!(
        s2.section.as_deref(),
        Some("Sở Nông nghiệp và Phát triển nông thôn:")
    );
    assert_eq!(
        s2.text.as_deref(),
        Some("Tổng hợp, báo cáo (thời hạn: hằng tháng trước ngày 25).")
    );
    let BlockIn::Map(r) = &body[3] else {
        panic!("reference")
    };
    assert!(r.para.as_deref().unwrap_or("").contains("Phụ lục"));
    let a = &i.appendices.expect("appendix")[0];
    assert_eq!(a.landscape, Some(true));
    let table = a.table.as_ref().expect("table");
    assert_eq!(table.columns.len(), 6, "product column, no notes column");
    // I, 1, 2, II, 1
    assert_eq!(table.rows.len(), 5);
}

#[test]
fn a_unit_gets_what_it_leads_and_supports_by_deadline() {
    let (_, t, _) = run(BASE);
    let t = t.expect("table");
    let (lead, support) = tasks_of(&t, "sở xây  dựng");
    assert!(lead.is_empty());
    assert_eq!(support.len(), 1);
    assert_eq!(units(&t).len(), 5);
}

#[test]
fn every_problem_is_reported_with_its_place() {
    let (i, t, d) = run(r#"
body:
  - tasks: all
tasks:
  groups:
    - {id: 1, title: "A"}
    - {id: 2, title: "B"}
  items:
    - {group: 1, content: "X", deadline: "31/6/2024"}
    - {group: 3, content: "Y", lead: "Sở Y tế"}
"#);
    assert!(t.is_none());
    let msgs: Vec<String> = d
        .iter()
        .map(|d| format!("{} @ {}", d.message, d.field.clone().unwrap_or_default()))
        .collect();
    let all = msgs.join("\n");
    assert!(
        all.contains("không có cơ quan chủ trì @ tasks.items[0]"),
        "{all}"
    );
    assert!(
        all.contains(
            "ngày `31/6/2024` không tồn tại (tháng 6 năm 2024 không có ngày 31) @ tasks.items[0].deadline"
        ),
        "{all}"
    );
    assert!(
        all.contains("không có nhóm nhiệm vụ `3` @ tasks.items[1].group"),
        "{all}"
    );
    // A group with no tasks yet is a warning of `vanban check` (task-group-empty), not a
    // load error (issue 12).
    assert!(!all.contains("không có nhiệm vụ nào"), "{all}");
    // The `tasks` entry is gone, so later checks do not trip over it.
    assert!(i.body.expect("body").is_empty());
}

#[test]
fn tasks_without_a_table_are_an_error() {
    let (_, t, d) = run("body:\n  - tasks: all\n");
    assert!(t.is_none());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].field.as_deref(), Some("body[0].tasks"));
}

#[test]
fn by_unit_groups_by_lead() {
    let (i, _, d) = run(r#"
body:
  - tasks: by-unit
tasks:
  appendix: false
  items:
    - {content: "A.", lead: "Sở Y tế", deadline: "năm 2024"}
    - {content: "B.", lead: "Sở Xây dựng"}
    - {content: "C.", lead: "sở y  tế", deadline: thường xuyên}
"#);
    assert!(d.is_empty(), "{d:?}");
    let body = i.body.expect("body");
    assert_eq!(body.len(), 2, "two units, no appendix reference");
    assert!(i.appendices.is_none());
}

#[test]
fn spellings() {
    let (_, t, _) = run(r#"
tasks:
  items:
    - {content: "A.", lead: "Sở Tài chính"}
    - {content: "B.", lead: "Sở Tài Chính"}
    - {content: "C.", lead: "Sở Tài chinh"}
"#);
    let c = spelling_conflicts(&t.expect("table"));
    assert_eq!(c.len(), 2);
    assert!(c[0].2, "case only");
    assert!(!c[1].2, "diacritics: near-duplicate");
}

#[test]
fn deadline_goes_before_the_final_period() {
    assert_eq!(
        with_deadline("Làm A.", "30/9/2024"),
        "Làm A (thời hạn: 30/9/2024)."
    );
    assert_eq!(
        with_deadline("Làm A", "30/9/2024"),
        "Làm A (thời hạn: 30/9/2024)"
    );
    assert_eq!(
        split_units("Sở Văn hóa, Thể thao và Du lịch; - UBND xã"),
        ["Sở Văn hóa, Thể thao và Du lịch", "UBND xã"]
    );
}

#[test]
fn renamed_paths_are_told_as_written() {
    let renames: Renames = vec![
        ("body[8]".into(), "body[4]".into()),
        ("body[8].body[3]".into(), "body[4].body[1]".into()),
        ("appendices[0]".into(), "tasks.appendix".into()),
        ("appendices[0].after".into(), "tasks.appendix.after".into()),
        ("appendices[1]".into(), "appendices[0]".into()),
    ];
    let user = |f: &str| user_field(f, &renames);
    assert_eq!(user("body[8].align"), "body[4].align");
    assert_eq!(user("body[8].body[3].text"), "body[4].body[1].text");
    assert_eq!(user("body[80]"), "body[80]");
    assert_eq!(
        user("appendices[0].after[0].align"),
        "tasks.appendix.after[0].align"
    );
    assert_eq!(user("appendices[0].table"), "tasks.appendix.table");
    assert_eq!(user("appendices[1].body[0]"), "appendices[0].body[0]");
    assert_eq!(user("appendices[10]"), "appendices[10]");
}
