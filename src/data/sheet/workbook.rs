//! Workbooks (XLSX, XLSM, XLSB, ODS, XLS) through calamine, with the limits of
//! [`super`]: parts' unpacked sizes checked first, XLSX sheets read cell by cell.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader};

use super::{
    Grid, MAX_CELLS, MAX_COLUMNS, MAX_PART_BYTES, MAX_ROWS, MAX_TEXT, MAX_UNPACKED_BYTES, clean,
    column_letters, fail, header_key, too_many,
};
use crate::diag::Diagnostic;

pub(super) fn read(
    path: &Path,
    ext: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<Grid, Box<Diagnostic>> {
    let open_error = |e: &dyn std::fmt::Display| {
        Diagnostic::error(path, format!("không mở được bảng tính: {e}"))
            .with_hint("mở tệp bằng Excel và lưu lại dạng .xlsx, hoặc xuất ra .csv (UTF-8)")
    };
    if ext == "xls" {
        // calamine reads a whole .xls at once into dense ranges, copying a shared string for
        // every cell that uses it: a 20 MB file can ask for gigabytes. Nothing bounds that
        // from outside, so the old format is refused with the way to convert it.
        return Err(Box::new(
            Diagnostic::error(
                path,
                "không đọc tệp .xls (Excel 97–2003): định dạng cũ này không đọc được một cách an toàn (có thể làm cạn bộ nhớ)",
            )
            .with_hint("mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx (hoặc .ods, .csv UTF-8)"),
        ));
    }
    check_parts(path, &bytes)?;
    if ext == "ods" {
        return super::ods::read(path, &bytes, sheet);
    }
    let choose = |names: Vec<String>| -> Result<String, Box<Diagnostic>> {
        match sheet {
            Some(s) => names
                .iter()
                .find(|n| header_key(n) == header_key(s))
                .cloned()
                .ok_or_else(|| {
                    Box::new(
                        Diagnostic::error(path, format!("bảng tính không có trang `{s}`"))
                            .with_hint(format!("các trang có: {}", names.join(", "))),
                    )
                }),
            None => names.first().cloned().ok_or_else(|| {
                Box::new(
                    Diagnostic::error(path, "bảng tính không có trang nào")
                        .with_hint("mở tệp bằng Excel và kiểm tra"),
                )
            }),
        }
    };
    let sheet_error = |name: &str, e: &dyn std::fmt::Display| {
        Diagnostic::error(path, format!("không đọc được trang `{name}`: {e}"))
            .with_hint("mở tệp bằng Excel và lưu lại dạng .xlsx")
    };
    let mut cells = Cells::new(path);
    if matches!(ext, "xlsx" | "xlsm") {
        // Cell by cell: a sheet whose used range is huge (one cell at A1, one at XFD1048576)
        // costs what its cells cost, never a dense range.
        let mut wb: calamine::Xlsx<_> =
            calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| open_error(&e))?;
        let name = choose(wb.sheet_names())?;
        let mut reader = wb
            .worksheet_cells_reader(&name)
            .map_err(|e| sheet_error(&name, &e))?;
        while let Some(cell) = reader.next_cell().map_err(|e| sheet_error(&name, &e))? {
            let (row, col) = cell.get_position();
            cells.add_ref(row, col, cell.get_value())?;
        }
        return Ok((Some(name.clone()), cells.grid()));
    }
    // XLSB: cell by cell as well.
    let mut wb: calamine::Xlsb<_> =
        calamine::Xlsb::new(std::io::Cursor::new(bytes)).map_err(|e| open_error(&e))?;
    let name = choose(wb.sheet_names())?;
    let mut reader = wb
        .worksheet_cells_reader(&name)
        .map_err(|e| sheet_error(&name, &e))?;
    while let Some(cell) = reader.next_cell().map_err(|e| sheet_error(&name, &e))? {
        let (row, col) = cell.get_position();
        cells.add_ref(row, col, cell.get_value())?;
    }
    Ok((Some(name.clone()), cells.grid()))
}

/// A workbook's cells as they are read, with the limits checked cell by cell.
pub(super) struct Cells<'a> {
    path: &'a Path,
    rows: std::collections::BTreeMap<u32, Vec<(u32, String)>>,
    count: usize,
    text: usize,
}

impl<'a> Cells<'a> {
    pub(super) fn new(path: &'a Path) -> Self {
        Cells {
            path,
            rows: Default::default(),
            count: 0,
            text: 0,
        }
    }

    /// One cell of an XLSX sheet at 0-based (row, column); a shared string is measured
    /// before it is copied.
    fn add_ref(
        &mut self,
        row: u32,
        col: u32,
        value: &calamine::DataRef<'_>,
    ) -> Result<(), Box<Diagnostic>> {
        use calamine::DataRef as D;
        let len = match value {
            D::Empty => return Ok(()),
            D::SharedString(s) => s.len(),
            D::String(s) | D::DateTimeIso(s) | D::DurationIso(s) => s.len(),
            _ => 24,
        };
        self.add(row, col, len, || match value {
            D::SharedString(s) => clean(s),
            other => cell_text(&Data::from(other.clone())),
        })
    }

    /// One cell at 0-based (row, column) of `len` bytes of text, made by `text` once the
    /// limits are checked.
    pub(super) fn add(
        &mut self,
        row: u32,
        col: u32,
        len: usize,
        text: impl FnOnce() -> String,
    ) -> Result<(), Box<Diagnostic>> {
        let number = row as usize + 1;
        if col as usize >= MAX_COLUMNS {
            return fail(
                Diagnostic::error(
                    self.path,
                    format!(
                        "cột {}: bảng tính có quá nhiều cột (tối đa {MAX_COLUMNS}, tức tới cột {})",
                        column_letters(col as usize),
                        column_letters(MAX_COLUMNS - 1)
                    ),
                )
                .at_line(Some(number))
                .with_hint("xoá các ô thừa ở bên phải bảng, hoặc tách bảng thành nhiều tệp"),
            );
        }
        self.count += 1;
        if self.count > MAX_CELLS {
            return fail(too_many(self.path, "ô", MAX_CELLS, number));
        }
        self.text += len;
        if self.text > MAX_TEXT {
            return fail(
                Diagnostic::error(
                    self.path,
                    format!(
                        "bảng tính có quá nhiều chữ (tổng các ô quá {} MB)",
                        MAX_TEXT / (1024 * 1024)
                    ),
                )
                .at_line(Some(number))
                .with_hint("kiểm tra các ô rất dài; tách bảng thành nhiều tệp nhỏ hơn"),
            );
        }
        let text = text();
        if !text.is_empty() {
            // The header row and MAX_ROWS data rows; stop at the next (a row repeated a
            // billion times in an ODS stops here, not at the cell limit).
            if self.rows.len() > MAX_ROWS && !self.rows.contains_key(&row) {
                return fail(too_many(self.path, "dòng", MAX_ROWS, number));
            }
            self.rows.entry(row).or_default().push((col, text));
        }
        Ok(())
    }

    /// The rows in order, each as wide as its last cell (sparse: a blank row costs nothing).
    pub(super) fn grid(self) -> Vec<(usize, Vec<String>)> {
        self.rows
            .into_iter()
            .map(|(row, mut cells)| {
                cells.sort_by_key(|(c, _)| *c);
                let width = cells.last().map_or(0, |(c, _)| *c as usize + 1);
                let mut out = vec![String::new(); width];
                for (c, t) in cells {
                    out[c as usize] = t;
                }
                (row as usize + 1, out)
            })
            .collect()
    }
}

/// A workbook is a zip archive: check the unpacked size of every part before calamine reads
/// any (a 1 MB file can hold a 1 GB sheet). Sizes are counted while unpacking, not taken
/// from the archive's directory, which may lie.
fn check_parts(path: &Path, bytes: &[u8]) -> Result<(), Box<Diagnostic>> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        // Not a zip: calamine says what is wrong with it.
        return Ok(());
    };
    let too_big = |part: &str, limit: u64| {
        Box::new(
            Diagnostic::error(
                path,
                format!(
                    "bảng tính quá lớn khi giải nén: phần `{part}` vượt {} MB (tối đa {} MB mỗi phần, {} MB cả tệp)",
                    limit / (1024 * 1024),
                    MAX_PART_BYTES / (1024 * 1024),
                    MAX_UNPACKED_BYTES / (1024 * 1024)
                ),
            )
            .with_hint("tách bảng thành nhiều tệp nhỏ hơn, hoặc xuất ra .csv (UTF-8)"),
        )
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_string();
        if part.size() > MAX_PART_BYTES {
            return Err(too_big(&name, MAX_PART_BYTES));
        }
        let n = std::io::copy(
            &mut (&mut part).take(MAX_PART_BYTES + 1),
            &mut std::io::sink(),
        )
        .unwrap_or(0);
        if n > MAX_PART_BYTES {
            return Err(too_big(&name, MAX_PART_BYTES));
        }
        total += n;
        if total > MAX_UNPACKED_BYTES {
            return Err(too_big(&name, MAX_UNPACKED_BYTES));
        }
    }
    Ok(())
}

/// A workbook cell as text, as a clerk reads it in Excel.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) => excel_date(dt.as_f64()).unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => clean(s),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as Excel shows it by default: 12, 12.5, 0.85 (the shortest form that reads back
/// the same).
pub(super) fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// An Excel serial date (1900 system) as `dd/mm/yyyy`.
pub(super) fn excel_date(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Serial 1 is 1900-01-01 and Excel counts a 29/02/1900 that never was: from serial 61 on,
    // 1899-12-30 + serial days is exact.
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = serial.floor() as i64;
    let date = base.checked_add_signed(chrono::Duration::days(days))?;
    Some(date.format("%d/%m/%Y").to_string())
}
