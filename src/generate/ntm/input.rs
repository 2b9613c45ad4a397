//! Reading communes: one spreadsheet (a row per commune and indicator) or a folder of commune
//! files (YAML). Both give [`RawCommune`]s whose values keep their place for messages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::commune::{Field, Loc, RawCommune, RawRow};
use crate::data::sheet::{Row, Sheet};
use crate::diag::Diagnostic;
use crate::text::word_key;

/// What reading gives: the communes, and errors that belong to no commune (a row without a
/// commune name, an unreadable file). Each commune's own errors come later, from `assess`.
#[derive(Debug, Default)]
pub struct Read {
    /// Communes, in the order they first appear.
    pub communes: Vec<RawCommune>,
    /// Errors outside any commune.
    pub errors: Vec<Diagnostic>,
    /// Warnings outside any commune.
    pub warnings: Vec<Diagnostic>,
}

/// The columns of the spreadsheet: field, accepted header names, required.
const COLUMNS: &[(Col, &[&str], bool)] = &[
    (Col::Name, &["Xã", "Tên xã"], true),
    (
        Col::District,
        &["Huyện", "Huyện, thành phố", "Huyện/thị xã"],
        false,
    ),
    (Col::Province, &["Tỉnh", "Tỉnh, thành phố"], true),
    (Col::Period, &["Giai đoạn"], true),
    (Col::Level, &["Mức đề nghị", "Mức công nhận", "Mức"], true),
    (
        Col::Key,
        &["Vùng", "Nhóm xã", "Vùng/nhóm xã", "Vùng / nhóm xã", "Nhóm"],
        false,
    ),
    (Col::Set, &["Bộ tiêu chí"], false),
    (Col::Year, &["Năm", "Năm đề nghị", "Năm công nhận"], true),
    (Col::Date, &["Ngày", "Ngày văn bản"], false),
    (
        Col::Chair,
        &["Chủ tịch UBND xã", "Chủ tịch", "Người ký"],
        false,
    ),
    (Col::Secretary, &["Thư ký", "Thư ký cuộc họp"], false),
    (Col::Attended, &["Số thành viên dự họp", "Dự họp"], false),
    (Col::Agreed, &["Số thành viên nhất trí", "Nhất trí"], false),
    (Col::Id, &["Mã chỉ tiêu", "Mã", "Mã số"], true),
    (
        Col::Text,
        &["Nội dung chỉ tiêu", "Nội dung", "Tên chỉ tiêu"],
        false,
    ),
    (
        Col::Target,
        &["Mức đạt chuẩn", "Chỉ tiêu đạt chuẩn", "Mức yêu cầu"],
        false,
    ),
    (Col::Value, &["Kết quả", "Kết quả thực hiện"], true),
    (Col::Status, &["Tự đánh giá", "Đánh giá"], false),
    (Col::Evidence, &["Minh chứng", "Tài liệu minh chứng"], false),
    (Col::Note, &["Ghi chú"], false),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Name,
    District,
    Province,
    Period,
    Level,
    Key,
    Set,
    Year,
    Date,
    Chair,
    Secretary,
    Attended,
    Agreed,
    Id,
    Text,
    Target,
    Value,
    Status,
    Evidence,
    Note,
}

/// Read a spreadsheet (XLSX, CSV, …).
pub fn read_sheet(path: &Path) -> Read {
    let mut out = Read::default();
    let sheet = match Sheet::read(path, None) {
        Ok(s) => s,
        Err(d) => {
            out.errors.push(*d);
            return out;
        }
    };
    let mut cols: BTreeMap<Col, usize> = BTreeMap::new();
    let mut missing = Vec::new();
    for (col, names, required) in COLUMNS {
        match sheet.column(names) {
            Some(i) => {
                cols.insert(*col, i);
            }
            None if *required => missing.push(names[0]),
            None => {}
        }
    }
    if !missing.is_empty() {
        out.errors.push(
            Diagnostic::error(
                path,
                format!(
                    "bảng tính thiếu cột: {} (dòng tiêu đề có: {})",
                    missing.join(", "),
                    sheet.headers.join(", ")
                ),
            )
            .with_hint("dòng đầu tiên ghi tên các cột như docs/ntm.md; xem samples/ntm/"),
        );
        return out;
    }
    for (i, h) in sheet.headers.iter().enumerate() {
        if !h.is_empty() && !cols.values().any(|c| *c == i) {
            out.warnings.push(Diagnostic::warning(
                path,
                format!(
                    "cột {} (`{h}`) không phải cột vanban đọc, bị bỏ qua",
                    crate::data::sheet::column_letters(i)
                ),
            ));
        }
    }
    let field = |row: &Row, col: Col| -> Field {
        match cols.get(&col) {
            Some(&c) => Field {
                text: row.get(c).to_string(),
                loc: Loc {
                    path: path.to_path_buf(),
                    line: Some(row.number),
                    place: sheet.place(row, c),
                    field: None,
                },
            },
            None => Field {
                text: String::new(),
                loc: Loc {
                    path: path.to_path_buf(),
                    line: Some(row.number),
                    place: format!(
                        "{} (bảng không có cột `{}`)",
                        sheet.row_place(row),
                        COLUMNS
                            .iter()
                            .find(|(c, _, _)| *c == col)
                            .map(|(_, n, _)| n[0])
                            .unwrap_or("")
                    ),
                    field: None,
                },
            },
        }
    };
    // commune key: name + district; a row leaving the district blank joins the only commune
    // of that name
    let mut districts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in &sheet.rows {
        let n = word_key(&field(row, Col::Name).text);
        let d = field(row, Col::District).text;
        if !d.is_empty() {
            let v = districts.entry(n).or_default();
            let ds = word_key(&d);
            if !v.contains(&ds) {
                v.push(ds);
            }
        }
    }
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut firsts: Vec<BTreeMap<Col, (String, String)>> = Vec::new();
    for row in &sheet.rows {
        let name = field(row, Col::Name);
        if name.is_empty() {
            out.errors.push(
                name.loc
                    .error("thiếu tên xã: dòng này không thuộc xã nào")
                    .with_hint("ghi tên xã ở mỗi dòng chỉ tiêu"),
            );
            continue;
        }
        let n = word_key(&name.text);
        let d = field(row, Col::District).text;
        let d = if d.is_empty() {
            match districts.get(&n).map(Vec::as_slice) {
                Some([only]) => only.clone(),
                _ => String::new(),
            }
        } else {
            word_key(&d)
        };
        let k = *index.entry((n, d)).or_insert_with(|| {
            out.communes.push(RawCommune {
                loc: Loc {
                    path: path.to_path_buf(),
                    line: Some(row.number),
                    place: format!("{} ({})", sheet.row_place(row), name.text),
                    field: None,
                },
                ..Default::default()
            });
            firsts.push(BTreeMap::new());
            out.communes.len() - 1
        });
        let c = &mut out.communes[k];
        for col in [
            Col::Name,
            Col::District,
            Col::Province,
            Col::Period,
            Col::Level,
            Col::Key,
            Col::Set,
            Col::Year,
            Col::Date,
            Col::Chair,
            Col::Secretary,
            Col::Attended,
            Col::Agreed,
        ] {
            let f = field(row, col);
            let slot = match col {
                Col::Name => &mut c.name,
                Col::District => &mut c.district,
                Col::Province => &mut c.province,
                Col::Period => &mut c.period,
                Col::Level => &mut c.level,
                Col::Key => &mut c.key,
                Col::Set => &mut c.set,
                Col::Year => &mut c.year,
                Col::Date => &mut c.date,
                Col::Chair => &mut c.chair,
                Col::Secretary => &mut c.secretary,
                Col::Attended => &mut c.attended,
                _ => &mut c.agreed,
            };
            let first = &mut firsts[k];
            if f.is_empty() {
                if slot.is_empty() && slot.loc.path.as_os_str().is_empty() {
                    *slot = f;
                }
                continue;
            }
            match first.get(&col) {
                None => {
                    first.insert(col, (f.text.clone(), f.loc.place.clone()));
                    *slot = f;
                }
                Some((v, place)) if v.nfc().collect::<String>() != f.text => {
                    c.errors.push(
                        f.loc
                            .error(format!(
                                "giá trị của xã ghi không thống nhất: `{}` khác với `{v}` ở {place}",
                                f.text
                            ))
                            .with_hint("các dòng của cùng một xã ghi cùng một giá trị (hoặc để trống từ dòng thứ hai)"),
                    );
                }
                Some(_) => {}
            }
        }
        let id = field(row, Col::Id);
        c.rows.push(RawRow {
            id,
            text: field(row, Col::Text),
            target: field(row, Col::Target),
            value: field(row, Col::Value),
            status: field(row, Col::Status),
            evidence: field(row, Col::Evidence),
            loc: Loc {
                path: path.to_path_buf(),
                line: Some(row.number),
                place: sheet.row_place(row),
                field: None,
            },
        });
    }
    out
}

/// A scalar of a commune file: text, number or boolean, kept as text.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.trim().to_string(),
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CommuneFile {
    commune: Option<String>,
    district: Option<String>,
    province: Option<String>,
    period: Option<String>,
    level: Option<String>,
    #[serde(alias = "group")]
    region: Option<Scalar>,
    criteria_set: Option<String>,
    year: Option<Scalar>,
    date: Option<String>,
    chair: Option<String>,
    secretary: Option<String>,
    meeting: Option<Meeting>,
    #[serde(default)]
    indicators: Vec<IndicatorIn>,
    #[serde(default)]
    conditions: Vec<IndicatorIn>,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meeting {
    attended: Option<Scalar>,
    agreed: Option<Scalar>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorIn {
    id: Option<Scalar>,
    text: Option<String>,
    target: Option<Scalar>,
    value: Option<Scalar>,
    status: Option<String>,
    evidence: Option<String>,
    note: Option<String>,
}

/// Read every `.yaml`/`.yml` file of a folder (sorted by name), one commune each.
pub fn read_folder(dir: &Path) -> Read {
    let mut out = Read::default();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.errors.push(Diagnostic::error(
                dir,
                format!("không đọc được thư mục: {e}"),
            ));
            return out;
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        out.errors.push(
            Diagnostic::error(dir, "thư mục không có tệp dữ liệu xã (.yaml)")
                .with_hint("mỗi xã một tệp .yaml như docs/ntm.md"),
        );
    }
    for f in files {
        match read_commune_file(&f) {
            Ok(c) => out.communes.push(c),
            Err(d) => out.errors.push(*d),
        }
    }
    out
}

/// Read one commune file.
pub fn read_commune_file(path: &Path) -> Result<RawCommune, Box<Diagnostic>> {
    let text =
        crate::data::source::read_text(path, crate::data::source::MAX_AUX_BYTES, "tệp dữ liệu xã")?
            .nfc;
    let file: CommuneFile = serde_saphyr::from_str(&text).map_err(|e| {
        crate::data::yaml_diag(path, &e).with_hint("xem docs/ntm.md (tệp dữ liệu xã)")
    })?;
    let loc = |field: &str| Loc {
        path: path.to_path_buf(),
        line: crate::data::locate::yaml_line(&text, field),
        place: String::new(),
        field: Some(field.to_string()),
    };
    let fld = |v: Option<String>, name: &str| Field {
        text: v.map(|s| s.trim().to_string()).unwrap_or_default(),
        loc: loc(name),
    };
    let _ = &file.note;
    let mut c = RawCommune {
        name: fld(file.commune, "commune"),
        district: fld(file.district, "district"),
        province: fld(file.province, "province"),
        period: fld(file.period, "period"),
        level: fld(file.level, "level"),
        key: fld(file.region.map(|s| s.text()), "region"),
        set: fld(file.criteria_set, "criteria_set"),
        year: fld(file.year.map(|s| s.text()), "year"),
        date: fld(file.date, "date"),
        chair: fld(file.chair, "chair"),
        secretary: fld(file.secretary, "secretary"),
        loc: Loc {
            path: path.to_path_buf(),
            line: None,
            place: String::new(),
            field: None,
        },
        ..Default::default()
    };
    if let Some(m) = file.meeting {
        c.attended = fld(m.attended.map(|s| s.text()), "meeting.attended");
        c.agreed = fld(m.agreed.map(|s| s.text()), "meeting.agreed");
    } else {
        c.attended = fld(None, "meeting");
        c.agreed = fld(None, "meeting");
    }
    for (list, items) in [
        ("indicators", file.indicators),
        ("conditions", file.conditions),
    ] {
        for (i, ind) in items.into_iter().enumerate() {
            let base = format!("{list}[{i}]");
            let _ = &ind.note;
            let id_text =
                match &ind.id {
                    Some(Scalar::Float(f)) => {
                        return Err(Box::new(Diagnostic::error(
                        path,
                        format!(
                            "mã chỉ tiêu `{f}` viết như một số: `17.10` sẽ bị đọc thành 17.1"
                        ),
                    )
                    .at_field(format!("{base}.id"))
                    .at_line(crate::data::locate::yaml_line(&text, &format!("{base}.id")))
                    .with_hint("đặt mã trong dấu nháy: id: \"17.10\"")));
                    }
                    Some(s) => s.text(),
                    None => String::new(),
                };
            c.rows.push(RawRow {
                id: Field {
                    text: id_text,
                    loc: loc(&format!("{base}.id")),
                },
                text: fld(ind.text, &format!("{base}.text")),
                target: fld(ind.target.map(|s| s.text()), &format!("{base}.target")),
                value: fld(ind.value.map(|s| s.text()), &format!("{base}.value")),
                status: fld(ind.status, &format!("{base}.status")),
                evidence: fld(ind.evidence, &format!("{base}.evidence")),
                loc: loc(&base),
            });
        }
    }
    Ok(c)
}
