//! Criteria sets (bộ tiêu chí) read from TOML files: the two national sets are bundled, a
//! province passes its own with `--criteria`. A set names its legal source and period, its
//! criteria (grouped), the indicators a source confirms and the recognition conditions; what a
//! source does not confirm is flagged in the data (`confirmed = false`) and printed as such.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::target::Target;
use crate::diag::Diagnostic;

/// The 2021–2025 national commune set (QĐ 318/QĐ-TTg, partial).
pub const BUILTIN_2021_2025: &str = include_str!("../../../templates/ntm/criteria-2021-2025.toml");
/// The 2026–2030 national commune set (QĐ 51/2025/QĐ-TTg, partial).
pub const BUILTIN_2026_2030: &str = include_str!("../../../templates/ntm/criteria-2026-2030.toml");

/// A criteria set as written in its file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    id: String,
    title: String,
    source: String,
    period: String,
    levels: Vec<String>,
    expected_criteria: Option<usize>,
    expected_indicators: Option<usize>,
    #[serde(default = "yes")]
    group_mapping_confirmed: bool,
    #[serde(default = "yes")]
    procedure_confirmed: bool,
    key_name: Option<String>,
    #[serde(default)]
    bases: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    keys: Vec<Key>,
    #[serde(default)]
    groups: Vec<Group>,
    criteria: Vec<CriterionFile>,
    #[serde(default)]
    indicators: Vec<IndicatorFile>,
    #[serde(default)]
    conditions: Vec<ConditionFile>,
}

fn yes() -> bool {
    true
}

/// A key of the targets: a region (2021–2025) or a commune group (2026–2030).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// Short id used in the files ("TN", "1").
    pub id: String,
    /// Full name ("Tây Nguyên", "Xã nhóm 1").
    pub name: String,
}

/// A group of criteria ("I. Quy hoạch").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Roman numeral.
    pub id: String,
    /// Name.
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionFile {
    number: u32,
    name: String,
    group: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorFile {
    id: String,
    text: String,
    #[serde(default = "yes")]
    confirmed: bool,
    target: Option<String>,
    #[serde(default)]
    targets: BTreeMap<String, String>,
    #[serde(default = "yes")]
    target_confirmed: bool,
    note: Option<String>,
    source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionFile {
    id: String,
    text: String,
    #[serde(default)]
    computed: bool,
    #[serde(default = "yes")]
    confirmed: bool,
    target: Option<String>,
    #[serde(default = "yes")]
    target_confirmed: bool,
    note: Option<String>,
}

/// A criterion of a set.
#[derive(Debug, Clone)]
pub struct Criterion {
    /// Its number (1..19, 1..10).
    pub number: u32,
    /// Its name.
    pub name: String,
    /// The group id, when the set groups its criteria.
    pub group: Option<String>,
}

/// An indicator a set lists.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// "14.1", or "15.a" when the source gives no code.
    pub id: String,
    /// The criterion it belongs to.
    pub criterion: u32,
    /// Its text.
    pub text: String,
    /// Whether its code and text are confirmed by a source.
    pub confirmed: bool,
    /// The common target (chỉ tiêu chung).
    pub target: Option<Target>,
    /// Targets by key (region or group id).
    pub targets: BTreeMap<String, Target>,
    /// Whether the targets are confirmed.
    pub target_confirmed: bool,
    /// What is not confirmed, printed with the mark.
    pub note: Option<String>,
    /// Source tag.
    pub source: Option<String>,
}

impl Indicator {
    /// The target for a key (region/group), falling back to the common one.
    pub fn target_for(&self, key: Option<&str>) -> Option<&Target> {
        key.and_then(|k| self.targets.get(k))
            .or(self.target.as_ref())
    }
}

/// A recognition condition.
#[derive(Debug, Clone)]
pub struct Condition {
    /// "ĐK1".."ĐK4".
    pub id: String,
    /// Its text.
    pub text: String,
    /// Computed from the criteria (condition 1).
    pub computed: bool,
    /// Whether the condition is confirmed for the set's period.
    pub confirmed: bool,
    /// A target (e.g. a satisfaction rate), when known.
    pub target: Option<Target>,
    /// Whether the target is confirmed.
    pub target_confirmed: bool,
    /// What is not confirmed.
    pub note: Option<String>,
}

/// A loaded, validated criteria set.
#[derive(Debug, Clone)]
pub struct CriteriaSet {
    /// Where it came from (a file, or `<có sẵn>/…` for the bundled sets).
    pub path: PathBuf,
    /// Its id ("xa-ntm-2021-2025").
    pub id: String,
    /// Its title, used in documents.
    pub title: String,
    /// Legal source.
    pub source: String,
    /// Period, "2021-2025".
    pub period: String,
    /// Levels it serves ("dat-chuan", "nang-cao", "kieu-mau").
    pub levels: Vec<String>,
    /// Expected number of indicators (for the note on completeness).
    pub expected_indicators: Option<usize>,
    /// Whether the criterion-to-group mapping is confirmed.
    pub group_mapping_confirmed: bool,
    /// Whether the recognition procedure of the period is confirmed.
    pub procedure_confirmed: bool,
    /// "vùng" or "nhóm xã".
    pub key_name: String,
    /// "Căn cứ" lines for the documents.
    pub bases: Vec<String>,
    /// Notes on what is not confirmed.
    pub notes: Vec<String>,
    /// Regions or groups.
    pub keys: Vec<Key>,
    /// Criterion groups.
    pub groups: Vec<Group>,
    /// Criteria, in order.
    pub criteria: Vec<Criterion>,
    /// Indicators the set lists, sorted by code.
    pub indicators: Vec<Indicator>,
    /// Recognition conditions.
    pub conditions: Vec<Condition>,
}

/// Sort key of an indicator code: "17.10" after "17.9"; letters after numbers.
pub fn code_key(code: &str) -> Vec<(u64, String)> {
    code.split('.')
        .map(|p| match p.parse::<u64>() {
            Ok(n) => (n, String::new()),
            Err(_) => (u64::MAX, p.to_string()),
        })
        .collect()
}

/// The criterion number an indicator code starts with ("17.10" -> 17).
pub fn criterion_of(code: &str) -> Option<u32> {
    let head = code.split('.').next()?;
    head.trim().parse().ok()
}

impl CriteriaSet {
    /// The bundled sets.
    pub fn builtin() -> Result<Vec<CriteriaSet>, Vec<Diagnostic>> {
        Ok(vec![
            CriteriaSet::parse(
                Path::new("<có sẵn>/criteria-2021-2025.toml"),
                BUILTIN_2021_2025,
            )?,
            CriteriaSet::parse(
                Path::new("<có sẵn>/criteria-2026-2030.toml"),
                BUILTIN_2026_2030,
            )?,
        ])
    }

    /// Read and validate a set file.
    pub fn load(path: &Path) -> Result<CriteriaSet, Vec<Diagnostic>> {
        let text = crate::data::source::read_text(
            path,
            crate::data::source::MAX_AUX_BYTES,
            "tệp bộ tiêu chí",
        )
        .map_err(|d| vec![*d])?;
        CriteriaSet::parse(path, &text.nfc)
    }

    /// Parse and validate a set given as text; every problem is reported, each naming the
    /// entry.
    pub fn parse(path: &Path, text: &str) -> Result<CriteriaSet, Vec<Diagnostic>> {
        use unicode_normalization::UnicodeNormalization;
        let text: String = text.nfc().collect();
        let file: SetFile = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            vec![
                Diagnostic::error(path, format!("tệp bộ tiêu chí viết sai: {}", e.message()))
                    .at_line(line)
                    .with_hint("xem mẫu templates/ntm/criteria-2021-2025.toml và docs/ntm.md"),
            ]
        })?;
        let mut errs = Vec::new();
        let err = |errs: &mut Vec<Diagnostic>, field: String, msg: String, hint: &str| {
            errs.push(
                Diagnostic::error(path, msg)
                    .at_field(field)
                    .with_hint(hint.to_string()),
            );
        };
        for (name, v) in [
            ("id", &file.id),
            ("title", &file.title),
            ("source", &file.source),
            ("period", &file.period),
        ] {
            if v.trim().is_empty() {
                err(
                    &mut errs,
                    name.into(),
                    format!("`{name}` của bộ tiêu chí để trống"),
                    "ghi đủ mã, tên, văn bản làm căn cứ và giai đoạn của bộ tiêu chí",
                );
            }
        }
        for (i, l) in file.levels.iter().enumerate() {
            if !matches!(l.as_str(), "dat-chuan" | "nang-cao" | "kieu-mau") {
                err(
                    &mut errs,
                    format!("levels[{i}]"),
                    format!("mức `{l}` không có"),
                    "dùng `dat-chuan`, `nang-cao` hoặc `kieu-mau`",
                );
            }
        }
        if file.levels.is_empty() {
            err(
                &mut errs,
                "levels".into(),
                "bộ tiêu chí không ghi mức công nhận nào (`levels`)".into(),
                "ví dụ: levels = [\"dat-chuan\"]",
            );
        }
        let mut key_ids = BTreeSet::new();
        for (i, k) in file.keys.iter().enumerate() {
            if !key_ids.insert(k.id.clone()) {
                err(
                    &mut errs,
                    format!("keys[{i}].id"),
                    format!("vùng/nhóm `{}` ghi hai lần", k.id),
                    "mỗi vùng/nhóm một mục",
                );
            }
        }
        let mut group_ids = BTreeSet::new();
        for (i, g) in file.groups.iter().enumerate() {
            if !group_ids.insert(g.id.clone()) {
                err(
                    &mut errs,
                    format!("groups[{i}].id"),
                    format!("nhóm tiêu chí `{}` ghi hai lần", g.id),
                    "mỗi nhóm một mục",
                );
            }
        }
        let mut numbers = BTreeSet::new();
        if file.criteria.is_empty() {
            err(
                &mut errs,
                "criteria".into(),
                "bộ tiêu chí không có tiêu chí nào".into(),
                "thêm các mục [[criteria]] với number, name",
            );
        }
        for (i, c) in file.criteria.iter().enumerate() {
            if !numbers.insert(c.number) {
                err(
                    &mut errs,
                    format!("criteria[{i}].number"),
                    format!("tiêu chí số {} ghi hai lần", c.number),
                    "mỗi tiêu chí một số riêng",
                );
            }
            if c.name.trim().is_empty() {
                err(
                    &mut errs,
                    format!("criteria[{i}].name"),
                    format!("tiêu chí số {} không có tên", c.number),
                    "ghi tên tiêu chí",
                );
            }
            match &c.group {
                Some(g) if !group_ids.contains(g) => err(
                    &mut errs,
                    format!("criteria[{i}].group"),
                    format!(
                        "tiêu chí số {} thuộc nhóm `{g}` nhưng nhóm này không có trong [[groups]]",
                        c.number
                    ),
                    "thêm nhóm vào [[groups]] hoặc sửa mã nhóm",
                ),
                None if !file.groups.is_empty() => err(
                    &mut errs,
                    format!("criteria[{i}].group"),
                    format!("tiêu chí số {} không ghi nhóm", c.number),
                    "bộ tiêu chí có nhóm thì mỗi tiêu chí ghi `group`",
                ),
                _ => {}
            }
        }
        if let Some(n) = file.expected_criteria
            && n != file.criteria.len()
        {
            err(
                &mut errs,
                "criteria".into(),
                format!(
                    "bộ tiêu chí ghi {n} tiêu chí (`expected_criteria`) nhưng liệt kê {}",
                    file.criteria.len()
                ),
                "bổ sung hoặc bớt tiêu chí cho khớp",
            );
        }
        let parse_target = |errs: &mut Vec<Diagnostic>, field: String, s: &str| -> Option<Target> {
            match Target::parse(s) {
                Ok(t) => Some(t),
                Err(e) => {
                    errs.push(
                        Diagnostic::error(path, format!("mức đạt chuẩn `{s}`: {e}"))
                            .at_field(field)
                            .with_hint(
                                "viết như `≥ 90%`, `≤ 26,5%`, `≥ 50` hoặc một yêu cầu bằng chữ",
                            ),
                    );
                    None
                }
            }
        };
        let mut ids = BTreeSet::new();
        let mut indicators = Vec::new();
        for (i, ind) in file.indicators.iter().enumerate() {
            if !ids.insert(ind.id.clone()) {
                err(
                    &mut errs,
                    format!("indicators[{i}].id"),
                    format!("chỉ tiêu `{}` ghi hai lần", ind.id),
                    "mỗi chỉ tiêu một mã riêng",
                );
            }
            let criterion = criterion_of(&ind.id);
            let Some(criterion) = criterion.filter(|n| numbers.contains(n)) else {
                err(
                    &mut errs,
                    format!("indicators[{i}].id"),
                    format!(
                        "chỉ tiêu `{}` không thuộc tiêu chí nào của bộ (mã phải bắt đầu bằng số tiêu chí, như `17.10`)",
                        ind.id
                    ),
                    "sửa mã chỉ tiêu hoặc thêm tiêu chí",
                );
                continue;
            };
            if ind.id.split('.').count() != 2 || ind.id.ends_with('.') {
                err(
                    &mut errs,
                    format!("indicators[{i}].id"),
                    format!(
                        "mã chỉ tiêu `{}` phải có dạng `số tiêu chí.số thứ tự`",
                        ind.id
                    ),
                    "ví dụ `14.1`, `17.10`",
                );
            }
            if ind.text.trim().is_empty() {
                err(
                    &mut errs,
                    format!("indicators[{i}].text"),
                    format!("chỉ tiêu `{}` không có nội dung", ind.id),
                    "ghi nội dung chỉ tiêu",
                );
            }
            let target = ind
                .target
                .as_deref()
                .and_then(|t| parse_target(&mut errs, format!("indicators[{i}].target"), t));
            let mut targets = BTreeMap::new();
            for (k, t) in &ind.targets {
                if !key_ids.contains(k) {
                    err(
                        &mut errs,
                        format!("indicators[{i}].targets.{k}"),
                        format!(
                            "chỉ tiêu `{}`: vùng/nhóm `{k}` không có trong [[keys]]",
                            ind.id
                        ),
                        "dùng mã vùng/nhóm đã khai báo trong [[keys]]",
                    );
                }
                if let Some(t) = parse_target(&mut errs, format!("indicators[{i}].targets.{k}"), t)
                {
                    targets.insert(k.clone(), t);
                }
            }
            indicators.push(Indicator {
                id: ind.id.clone(),
                criterion,
                text: ind.text.clone(),
                confirmed: ind.confirmed,
                target,
                targets,
                target_confirmed: ind.target_confirmed,
                note: ind.note.clone(),
                source: ind.source.clone(),
            });
        }
        if let Some(n) = file.expected_indicators
            && indicators.len() > n
        {
            err(
                &mut errs,
                "indicators".into(),
                format!(
                    "bộ tiêu chí ghi {n} chỉ tiêu (`expected_indicators`) nhưng liệt kê {}",
                    indicators.len()
                ),
                "bớt chỉ tiêu thừa hoặc sửa `expected_indicators`",
            );
        }
        indicators.sort_by_key(|a| code_key(&a.id));
        let mut cond_ids = BTreeSet::new();
        let mut conditions = Vec::new();
        for (i, c) in file.conditions.iter().enumerate() {
            if !cond_ids.insert(c.id.clone()) {
                err(
                    &mut errs,
                    format!("conditions[{i}].id"),
                    format!("điều kiện `{}` ghi hai lần", c.id),
                    "mỗi điều kiện một mã riêng",
                );
            }
            let target = c
                .target
                .as_deref()
                .and_then(|t| parse_target(&mut errs, format!("conditions[{i}].target"), t));
            conditions.push(Condition {
                id: c.id.clone(),
                text: c.text.clone(),
                computed: c.computed,
                confirmed: c.confirmed,
                target,
                target_confirmed: c.target_confirmed,
                note: c.note.clone(),
            });
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(CriteriaSet {
            path: path.to_path_buf(),
            id: file.id,
            title: file.title,
            source: file.source,
            period: file.period,
            levels: file.levels,
            expected_indicators: file.expected_indicators,
            group_mapping_confirmed: file.group_mapping_confirmed,
            procedure_confirmed: file.procedure_confirmed,
            key_name: file.key_name.unwrap_or_else(|| "vùng".into()),
            bases: file.bases,
            notes: file.notes,
            keys: file.keys,
            groups: file.groups,
            criteria: file
                .criteria
                .into_iter()
                .map(|c| Criterion {
                    number: c.number,
                    name: c.name,
                    group: c.group,
                })
                .collect(),
            indicators,
            conditions,
        })
    }

    /// The criterion with this number.
    pub fn criterion(&self, number: u32) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.number == number)
    }

    /// The indicator with this code.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The region/group matching what a clerk wrote ("TN", "Tây Nguyên", "nhóm 2").
    pub fn key(&self, written: &str) -> Option<&Key> {
        let w = crate::text::word_key(written);
        self.keys.iter().find(|k| {
            let id = crate::text::word_key(&k.id);
            let name = crate::text::word_key(&k.name);
            w == id
                || w == name
                || w.strip_prefix("xa-").unwrap_or(&w) == name.strip_prefix("xa-").unwrap_or(&name)
                || w.strip_prefix("nhom-") == Some(id.as_str())
                || w.strip_prefix("vung-") == Some(id.as_str())
                || w.strip_prefix("vung-") == Some(name.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_sets_load_with_their_counts() {
        let sets = CriteriaSet::builtin().expect("bundled sets are valid");
        assert_eq!(sets[0].criteria.len(), 19);
        assert_eq!(sets[0].groups.len(), 5);
        assert_eq!(sets[1].criteria.len(), 10);
        assert!(sets[1].indicators.is_empty());
        assert_eq!(sets[0].key("Tây Nguyên").map(|k| k.id.as_str()), Some("TN"));
        assert_eq!(sets[0].key("tn").map(|k| k.id.as_str()), Some("TN"));
        assert_eq!(sets[1].key("nhóm 2").map(|k| k.id.as_str()), Some("2"));
        assert_eq!(sets[1].key("Xã nhóm 3").map(|k| k.id.as_str()), Some("3"));
        let i = sets[0].indicator("15.a").expect("15.a");
        assert!(!i.target_confirmed);
        assert_eq!(
            i.target_for(Some("TN")).map(|t| t.to_string()),
            Some("≤ 26,5%".into())
        );
    }

    #[test]
    fn codes_sort_numerically() {
        let mut v = vec!["17.10", "17.9", "2.1", "15.a", "15.1"];
        v.sort_by_key(|c| code_key(c));
        assert_eq!(v, ["2.1", "15.1", "15.a", "17.9", "17.10"]);
    }

    #[test]
    fn a_bad_set_is_reported_entry_by_entry() {
        let text = r#"
id = "x"
title = "Bộ thử"
source = "QĐ thử"
period = "2021-2025"
levels = ["dat-chuan", "tot"]
expected_criteria = 3
[[groups]]
id = "I"
name = "Nhóm"
[[criteria]]
number = 1
name = "A"
group = "I"
[[criteria]]
number = 1
name = "B"
group = "II"
[[indicators]]
id = "1.1"
text = "x"
[[indicators]]
id = "1.1"
text = "y"
target = "≥ abc%"
[[indicators]]
id = "4.1"
text = "z"
"#;
        let errs = CriteriaSet::parse(Path::new("tinh.toml"), text).expect_err("invalid");
        let all: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
        let joined = all.join("\n");
        assert!(joined.contains("tinh.toml"), "{joined}");
        assert!(joined.contains("mức `tot` không có"), "{joined}");
        assert!(joined.contains("tiêu chí số 1 ghi hai lần"), "{joined}");
        assert!(joined.contains("nhóm `II`"), "{joined}");
        assert!(joined.contains("ghi 3 tiêu chí"), "{joined}");
        assert!(joined.contains("chỉ tiêu `1.1` ghi hai lần"), "{joined}");
        assert!(joined.contains("`≥ abc%`"), "{joined}");
        assert!(
            joined.contains("chỉ tiêu `4.1` không thuộc tiêu chí nào"),
            "{joined}"
        );
        assert!(joined.contains("indicators[2].id"), "{joined}");
    }

    #[test]
    fn toml_syntax_errors_name_the_line() {
        let errs =
            CriteriaSet::parse(Path::new("a.toml"), "id = \"x\"\ntitle = \n").expect_err("bad");
        assert_eq!(errs[0].line, Some(2), "{}", errs[0]);
    }
}
