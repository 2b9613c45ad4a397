//! The register as a table, in the form of NĐ 30/2020's model register of issued documents
//! (sổ đăng ký văn bản đi, Phụ lục IV), written as CSV, XLSX or PDF.
//!
//! The columns follow the model as the issue describes it: số, ký hiệu văn bản; ngày tháng
//! văn bản; tên loại và trích yếu nội dung; người ký; nơi nhận văn bản; đơn vị, người nhận
//! bản lưu; số lượng bản; ghi chú. NOT CONFIRMED against the decree's own text (it was not
//! at hand): the exact column titles and their order, whether the model has further
//! columns (e.g. "ngày chuyển", "ký nhận" of older models), and its page size; the PDF is
//! A4 landscape by our choice.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Error;
use super::ErrorKind;
use crate::output::csv_cell;

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// One issuer's code.
    pub issuer: Option<String>,
    /// One year.
    pub year: Option<i32>,
    /// Secret documents only (`Some(true)`), the others only (`Some(false)`), or both.
    pub secret: Option<bool>,
}

/// One entry of the register.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The issuer's code.
    pub issuer: String,
    /// The year of its series.
    pub year: i32,
    /// In the secret series.
    pub secret: bool,
    /// The number.
    pub number: u32,
    /// Number and symbol as printed (`145/UBND-VP`).
    pub number_symbol: String,
    /// The issue date, `dd/mm/yyyy`.
    pub date: String,
    /// Tên loại ("Công văn", "Quyết định").
    pub kind_name: String,
    /// Trích yếu.
    pub subject: String,
    /// Người ký.
    pub signer: String,
    /// Nơi nhận.
    pub recipients: Vec<String>,
    /// The archive line (đơn vị, người nhận bản lưu).
    pub archive: String,
    /// Số lượng bản.
    pub copies: Option<u32>,
    /// Độ mật as printed.
    pub secrecy: Option<String>,
    /// The data file it was issued from.
    pub input: String,
    /// The files and their SHA-256.
    pub files: Vec<(String, String)>,
    /// Whether all its files were put in place.
    pub placed: bool,
    /// When it was cancelled, and why.
    pub cancelled: Option<(String, String)>,
}

impl Entry {
    /// "Tên loại và trích yếu nội dung".
    pub fn kind_and_subject(&self) -> String {
        if self.kind_name == "Công văn" {
            format!("Công văn V/v {}", self.subject)
        } else {
            format!("{} {}", self.kind_name, self.subject)
        }
    }

    /// "Ghi chú": cancelled, secret, files not in place.
    pub fn note(&self) -> String {
        let mut n = Vec::new();
        if let Some((at, why)) = &self.cancelled {
            let day = at.get(..10).map_or(at.clone(), |d| {
                let p: Vec<&str> = d.split('-').collect();
                if p.len() == 3 {
                    format!("{}/{}/{}", p[2], p[1], p[0])
                } else {
                    d.to_string()
                }
            });
            n.push(format!("Đã hủy số ngày {day}: {why}"));
        }
        if let Some(s) = &self.secrecy {
            n.push(format!("Độ mật: {s}"));
        }
        if !self.placed {
            n.push("Tệp chưa đặt xong".to_string());
        }
        n.join("; ")
    }

    /// The eight cells of the model register.
    pub fn cells(&self) -> [String; 8] {
        [
            self.number_symbol.clone(),
            self.date.clone(),
            self.kind_and_subject(),
            self.signer.clone(),
            self.recipients.join("; "),
            self.archive.clone(),
            self.copies.map(|c| c.to_string()).unwrap_or_default(),
            self.note(),
        ]
    }
}

/// The column titles of the model register (see the module's note on what is confirmed).
pub const COLUMNS: [&str; 8] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ghi chú",
];

/// Relative widths of the columns (PDF, XLSX).
pub const WIDTHS: [f32; 8] = [1.4, 1.0, 3.2, 1.4, 2.6, 1.3, 0.7, 1.6];

pub(super) fn list(conn: &Connection, f: &Filter) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT id, issuer, year, secret, number, number_symbol, date, kind_name, subject, signer,
                recipients, archive, copies, secrecy, input_name, placed, cancelled_at, cancel_reason
         FROM entries
         WHERE (?1 IS NULL OR issuer = ?1) AND (?2 IS NULL OR year = ?2) AND (?3 IS NULL OR secret = ?3)
         ORDER BY issuer, year, secret, number",
    )?;
    let mut files =
        conn.prepare("SELECT path, sha256 FROM files WHERE entry=?1 ORDER BY format DESC")?;
    let rows = stmt.query_map(params![f.issuer, f.year, f.secret], |r| {
        let iso: String = r.get(6)?;
        let date = chrono::NaiveDate::parse_from_str(&iso, "%Y-%m-%d")
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or(iso);
        let recipients: String = r.get(10)?;
        let cancelled_at: Option<String> = r.get(16)?;
        let reason: Option<String> = r.get(17)?;
        Ok((
            r.get::<_, i64>(0)?,
            Entry {
                issuer: r.get(1)?,
                year: r.get(2)?,
                secret: r.get(3)?,
                number: r.get(4)?,
                number_symbol: r.get(5)?,
                date,
                kind_name: r.get(7)?,
                subject: r.get(8)?,
                signer: r.get(9)?,
                recipients: serde_json::from_str(&recipients).unwrap_or_default(),
                archive: r.get(11)?,
                copies: r.get(12)?,
                secrecy: r.get(13)?,
                input: r.get(14)?,
                files: Vec::new(),
                placed: r.get(15)?,
                cancelled: cancelled_at.map(|at| (at, reason.unwrap_or_default())),
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, mut e) = row?;
        e.files = files
            .query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(e);
    }
    Ok(out)
}

/// The register as CSV: the model's columns, then the series and the files' SHA-256 for
/// checking; every cell made safe for a spreadsheet ([`csv_cell`]).
pub fn csv(entries: &[Entry]) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = COLUMNS.iter().map(|s| s.to_string()).collect();
    head.extend(["Mã cơ quan", "Năm", "Sổ mật", "Tệp", "SHA-256"].map(String::from));
    let fail = |e: String| {
        Error::new(
            ErrorKind::Other,
            (
                format!("không viết được CSV: {e}"),
                format!("cannot write the CSV: {e}"),
            ),
        )
    };
    w.write_record(&head).map_err(|e| fail(e.to_string()))?;
    for e in entries {
        let mut row: Vec<String> = e.cells().iter().map(|c| csv_cell(c)).collect();
        row.push(csv_cell(&e.issuer));
        row.push(e.year.to_string());
        row.push(if e.secret { "có" } else { "không" }.to_string());
        row.push(csv_cell(
            &e.files
                .iter()
                .map(|f| f.0.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ));
        row.push(
            e.files
                .iter()
                .map(|f| f.1.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        );
        w.write_record(&row).map_err(|e| fail(e.to_string()))?;
    }
    w.into_inner().map_err(|e| fail(e.to_string()))
}

/// The register's title lines: "SỔ ĐĂNG KÝ VĂN BẢN ĐI", then the issuer and the year.
pub fn title(filter: &Filter) -> (String, String) {
    let mut sub = Vec::new();
    if let Some(i) = &filter.issuer {
        sub.push(format!("Cơ quan: {i}"));
    }
    if let Some(y) = filter.year {
        sub.push(format!("Năm {y}"));
    }
    match filter.secret {
        Some(true) => sub.push("Văn bản mật".into()),
        Some(false) => sub.push("Văn bản thường".into()),
        None => {}
    }
    ("SỔ ĐĂNG KÝ VĂN BẢN ĐI".to_string(), sub.join(" – "))
}

/// The register as XLSX ([`super::xlsx`]).
pub fn xlsx(entries: &[Entry], filter: &Filter) -> Result<Vec<u8>, Error> {
    let (t, sub) = title(filter);
    let rows: Vec<Vec<String>> = entries.iter().map(|e| e.cells().to_vec()).collect();
    super::xlsx::workbook(&t, &sub, &COLUMNS, &WIDTHS, &rows).map_err(|e| {
        Error::new(
            ErrorKind::Other,
            (
                format!("không viết được XLSX: {e}"),
                format!("cannot write the XLSX: {e}"),
            ),
        )
    })
}

/// The typst program of the register's PDF.
const PROGRAM: &str = include_str!("register.typ");

/// The register as PDF: A4 landscape, the header row repeated on every page, the bundled
/// fonts embedded (the documents' typst engine).
pub fn pdf(entries: &[Entry], filter: &Filter) -> Result<Vec<u8>, Error> {
    let (t, sub) = title(filter);
    let data = serde_json::json!({
        "title": t,
        "subtitle": sub,
        "columns": COLUMNS,
        "widths": WIDTHS,
        "rows": entries.iter().map(|e| e.cells().to_vec()).collect::<Vec<_>>(),
    });
    let fail = |e: String| {
        Error::new(
            ErrorKind::Other,
            (
                format!("không tạo được PDF của sổ: {e}"),
                format!("cannot make the register's PDF: {e}"),
            ),
        )
    };
    let bytes = serde_json::to_vec(&data).map_err(|e| fail(e.to_string()))?;
    let engine = crate::export::pdf::Engine::get().map_err(|e| fail(e.to_string()))?;
    engine
        .export_program(PROGRAM, bytes)
        .map(|(b, _)| b)
        .map_err(|e| fail(e.to_string()))
}
