//! Bảng tính: tables clerks keep in Excel or CSV (task tables, NTM indicators, mail-merge
//! records), read into rows of text with the header row naming the columns.
//!
//! XLSX/XLSM/XLS/ODS go through calamine, CSV through the csv crate. Every cell becomes
//! trimmed NFC text (numbers as written, dates as `dd/mm/yyyy`), so the readers downstream
//! see one shape whatever the source. Positions are kept so a message can name the sheet,
//! the row and the column ("trang `Nhiệm vụ`, dòng 7, cột C (Cơ quan chủ trì)").

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Bi, Diagnostic, Span};

/// Largest table read, in bytes of the file (as for document files).
const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Largest number of data rows read.
const MAX_ROWS: usize = 200_000;

/// One table: its header and its data rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The file it came from.
    pub path: PathBuf,
    /// The sheet's name (workbooks) or `None` (CSV).
    pub name: Option<String>,
    /// Column names from the first non-empty row, trimmed, NFC.
    pub headers: Vec<String>,
    /// Data rows, blank rows skipped.
    pub rows: Vec<Row>,
}

/// One data row.
#[derive(Debug, Clone)]
pub struct Row {
    /// The row's number as the spreadsheet shows it (1-based, header row included).
    pub number: usize,
    /// Cells, one per header column (missing cells are empty strings).
    pub cells: Vec<String>,
}

impl Row {
    /// The cell of column `col`, trimmed; empty when absent.
    pub fn get(&self, col: usize) -> &str {
        self.cells.get(col).map(String::as_str).unwrap_or("")
    }
}

/// Compare header names loosely: case, spaces, NFC and a trailing `(*)`/`:` do not matter.
pub fn header_key(s: &str) -> String {
    let t: String = s.nfc().collect::<String>().to_lowercase();
    let t = t.trim().trim_end_matches([':', '*']).trim();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Spreadsheet column letters of a 0-based index: 0 -> A, 26 -> AA.
pub fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

impl Sheet {
    /// Read a table file. For workbooks, `sheet` names the sheet; without it the first sheet
    /// is read.
    pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet, Box<Diagnostic>> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let size = std::fs::metadata(path)
            .map_err(|e| unreadable(path, &e))?
            .len();
        if size > MAX_BYTES {
            return fail(
                Diagnostic::error_bi(
                    path,
                    (
                        format!(
                            "bảng tính quá lớn ({} MB, tối đa {} MB)",
                            size / (1024 * 1024),
                            MAX_BYTES / (1024 * 1024)
                        ),
                        format!(
                            "the spreadsheet is too large ({} MB, at most {} MB)",
                            size / (1024 * 1024),
                            MAX_BYTES / (1024 * 1024)
                        ),
                    ),
                )
                .with_hint_bi(SPLIT_HINT),
            );
        }
        let grid = match ext.as_str() {
            "csv" => read_csv(path)?,
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path, sheet)?,
            _ => {
                return fail(
                    Diagnostic::error_bi(
                        path,
                        (
                            format!("không nhận ra loại bảng tính `.{ext}`"),
                            format!("unknown kind of spreadsheet `.{ext}`"),
                        ),
                    )
                    .with_hint_bi((
                        "dùng tệp .xlsx (Excel) hoặc .csv (UTF-8, dấu phẩy)",
                        "use an .xlsx (Excel) or .csv (UTF-8, commas) file",
                    )),
                );
            }
        };
        let (name, grid) = grid;
        Sheet::from_grid(path, name, grid)
    }

    /// Build from raw rows (1-based row numbers kept by position).
    fn from_grid(
        path: &Path,
        name: Option<String>,
        grid: Vec<Vec<String>>,
    ) -> Result<Sheet, Box<Diagnostic>> {
        let mut numbered = grid
            .into_iter()
            .enumerate()
            .map(|(i, cells)| (i + 1, cells))
            .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
        let Some((_, headers)) = numbered.next() else {
            return fail(
                Diagnostic::error_bi(
                    path,
                    (
                        "bảng tính trống: không có dòng tiêu đề",
                        "the spreadsheet is empty: it has no header row",
                    ),
                )
                .with_hint_bi((
                    "dòng đầu tiên của bảng ghi tên các cột, các dòng sau ghi dữ liệu",
                    "the first row names the columns, the rows after it hold the data",
                )),
            );
        };
        let mut headers = headers;
        while headers.last().is_some_and(String::is_empty) {
            headers.pop();
        }
        let width = headers.len();
        let mut rows = Vec::new();
        for (number, mut cells) in numbered {
            if rows.len() >= MAX_ROWS {
                return fail(
                    Diagnostic::error_bi(
                        path,
                        (
                            format!("bảng tính có quá nhiều dòng (tối đa {MAX_ROWS})"),
                            format!("the spreadsheet has too many rows (at most {MAX_ROWS})"),
                        ),
                    )
                    .with_hint_bi(SPLIT_HINT),
                );
            }
            if let Some(extra) = cells.iter().skip(width).position(|c| !c.is_empty()) {
                let col = width + extra;
                return fail(
                    Diagnostic::error_bi(
                        path,
                        (
                            format!(
                                "{}dòng {number}, cột {}: ô có dữ liệu nhưng cột không có tên ở dòng tiêu đề",
                                sheet_prefix(name.as_deref()),
                                column_letters(col)
                            ),
                            format!(
                                "{}row {number}, column {}: the cell has data but its column has no name in the header row",
                                sheet_prefix_en(name.as_deref()),
                                column_letters(col)
                            ),
                        ),
                    )
                    .with_hint_bi((
                        "đặt tên cho cột ở dòng tiêu đề, hoặc xoá dữ liệu thừa",
                        "name the column in the header row, or delete the stray data",
                    )),
                );
            }
            cells.resize(width, String::new());
            rows.push(Row { number, cells });
        }
        Ok(Sheet {
            path: path.to_path_buf(),
            name,
            headers,
            rows,
        })
    }

    /// The column whose header matches one of `names` (compared by [`header_key`]).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        let keys: Vec<String> = names.iter().map(|n| header_key(n)).collect();
        self.headers
            .iter()
            .position(|h| keys.contains(&header_key(h)))
    }

    /// Where a cell is, for messages: "trang `Nhiệm vụ`, dòng 7, cột C (Cơ quan chủ trì)".
    pub fn place(&self, row: &Row, col: usize) -> String {
        let header = self.headers.get(col).map(String::as_str).unwrap_or("");
        format!(
            "{}dòng {}, cột {} ({header})",
            sheet_prefix(self.name.as_deref()),
            row.number,
            column_letters(col)
        )
    }

    /// Where a cell is when the row goes in the diagnostic's line: "trang `Nhiệm vụ`, cột C
    /// (Cơ quan chủ trì)".
    pub fn column_place(&self, col: usize) -> String {
        let header = self.headers.get(col).map(String::as_str).unwrap_or("");
        format!(
            "{}cột {} ({header})",
            sheet_prefix(self.name.as_deref()),
            column_letters(col)
        )
    }

    /// Where a row is, for messages: "trang `Nhiệm vụ`, dòng 7".
    pub fn row_place(&self, row: &Row) -> String {
        format!("{}dòng {}", sheet_prefix(self.name.as_deref()), row.number)
    }

    /// [`Sheet::row_place`] in both languages.
    pub fn row_place_bi(&self, row: &Row) -> Bi {
        Bi::new(
            self.row_place(row),
            format!(
                "{}row {}",
                sheet_prefix_en(self.name.as_deref()),
                row.number
            ),
        )
    }

    /// [`Sheet::column_place`] in both languages.
    pub fn column_place_bi(&self, col: usize) -> Bi {
        let header = self.headers.get(col).map(String::as_str).unwrap_or("");
        Bi::new(
            self.column_place(col),
            format!(
                "{}column {} ({header})",
                sheet_prefix_en(self.name.as_deref()),
                column_letters(col)
            ),
        )
    }

    /// The span of a row, or of one cell of it.
    pub fn span(&self, row: usize, col: Option<usize>) -> Span {
        Span::Sheet {
            sheet: self.name.clone(),
            row,
            column: col.map(column_letters),
        }
    }

    /// An error about one cell, with the row as the diagnostic's line.
    pub fn cell_error(&self, row: &Row, col: usize, message: impl std::fmt::Display) -> Diagnostic {
        Diagnostic::error(&self.path, format!("{}: {message}", self.place(row, col)))
            .at_span(self.span(row.number, Some(col)))
    }
}

/// A sheet's name and its cells, row by row, before the header is taken.
type Grid = (Option<String>, Vec<Vec<String>>);

/// An error as the readers return it.
fn fail<T>(d: Diagnostic) -> Result<T, Box<Diagnostic>> {
    Err(Box::new(d))
}

fn sheet_prefix(name: Option<&str>) -> String {
    name.map(|n| format!("trang `{n}`, ")).unwrap_or_default()
}

/// [`sheet_prefix`] in English.
pub(crate) fn sheet_prefix_en(name: Option<&str>) -> String {
    name.map(|n| format!("sheet `{n}`, ")).unwrap_or_default()
}

/// The hint for a table too large.
const SPLIT_HINT: (&str, &str) = (
    "tách bảng thành nhiều tệp nhỏ hơn",
    "split the table into smaller files",
);

/// A spreadsheet that cannot be read.
fn unreadable(path: &Path, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error_bi(
        path,
        (
            format!("không đọc được bảng tính: {e}"),
            format!("cannot read the spreadsheet: {e}"),
        ),
    )
    .with_hint_bi((
        "kiểm tra đường dẫn và quyền đọc tệp",
        "check the path and the permission to read the file",
    ))
}

fn clean(s: &str) -> String {
    s.nfc().collect::<String>().trim().to_string()
}

fn read_csv(path: &Path) -> Result<Grid, Box<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, &e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        return fail(
            Diagnostic::error_bi(
                path,
                ("tệp CSV không phải UTF-8", "the CSV file is not UTF-8"),
            )
            .at_line(Some(line))
            .with_hint_bi((
                "trong Excel chọn Lưu thành > \"CSV UTF-8 (phân tách bằng dấu phẩy)\"",
                "in Excel choose Save As > \"CSV UTF-8 (Comma delimited)\"",
            )),
        );
    }
    // Excel in Vietnamese locales writes `;` between fields: take whichever of `,` `;` `\t`
    // the header line uses most.
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let delim = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.iter().filter(|b| *b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(bytes);
    let mut grid = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| line_of(bytes, p.byte() as usize));
            Diagnostic::error_bi(
                path,
                (
                    format!("tệp CSV hỏng: {e}"),
                    format!("the CSV file is damaged: {e}"),
                ),
            )
            .at_line(line)
            .with_hint_bi((
                "kiểm tra dấu ngoặc kép: ô có dấu phẩy phải đặt trong \"…\"",
                "check the quotes: a cell with a comma must be quoted \"…\"",
            ))
        })?;
        // csv skips blank lines: keep the line each record starts on as its row number.
        let line = rec
            .position()
            .map(|p| line_of(bytes, p.byte() as usize))
            .unwrap_or(grid.len() + 1);
        while grid.len() + 1 < line {
            grid.push(Vec::new());
        }
        grid.push(rec.iter().map(clean).collect());
    }
    Ok((None, grid))
}

/// 1-based line of the record starting at a byte offset (csv reports the offset before the
/// blank lines it skipped).
fn line_of(bytes: &[u8], offset: usize) -> usize {
    let mut offset = offset.min(bytes.len());
    while offset < bytes.len() && matches!(bytes[offset], b'\n' | b'\r') {
        offset += 1;
    }
    bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Grid, Box<Diagnostic>> {
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| {
        Diagnostic::error_bi(
            path,
            (
                format!("không mở được bảng tính: {e}"),
                format!("cannot open the spreadsheet: {e}"),
            ),
        )
        .with_hint_bi((
            "mở tệp bằng Excel và lưu lại dạng .xlsx, hoặc xuất ra .csv (UTF-8)",
            "open the file in Excel and save it as .xlsx, or export it as .csv (UTF-8)",
        ))
    })?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| header_key(n) == header_key(s))
            .cloned()
            .ok_or_else(|| {
                Diagnostic::error_bi(
                    path,
                    (
                        format!("bảng tính không có trang `{s}`"),
                        format!("the spreadsheet has no sheet `{s}`"),
                    ),
                )
                .with_hint_bi((
                    format!("các trang có: {}", names.join(", ")),
                    format!("its sheets are: {}", names.join(", ")),
                ))
            })?,
        None => names.first().cloned().ok_or_else(|| {
            Diagnostic::error_bi(
                path,
                (
                    "bảng tính không có trang nào",
                    "the spreadsheet has no sheets",
                ),
            )
            .with_hint_bi((
                "mở tệp bằng Excel và kiểm tra",
                "open the file in Excel and check it",
            ))
        })?,
    };
    let range = wb.worksheet_range(&name).map_err(|e| {
        Diagnostic::error_bi(
            path,
            (
                format!("không đọc được trang `{name}`: {e}"),
                format!("cannot read the sheet `{name}`: {e}"),
            ),
        )
        .with_hint_bi((
            "mở tệp bằng Excel và lưu lại dạng .xlsx",
            "open the file in Excel and save it as .xlsx",
        ))
    })?;
    // calamine's range starts at its first used cell: pad so row numbers match Excel's.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut grid: Vec<Vec<String>> = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells = vec![String::new(); left as usize];
        cells.extend(row.iter().map(cell_text));
        grid.push(cells);
    }
    Ok((Some(name), grid))
}

/// A workbook cell as text, as a clerk reads it in Excel.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                // Shortest form that reads back the same: 12.5, 0.85.
                format!("{f}")
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) => excel_date(dt.as_f64()).unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => clean(s),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial date (1900 system) as `dd/mm/yyyy`.
fn excel_date(serial: f64) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_sheet(text: &str) -> Result<Sheet, Box<Diagnostic>> {
        let dir =
            tempfile::tempdir().map_err(|e| Diagnostic::error(Path::new("x"), e.to_string()))?;
        let p = dir.path().join("t.csv");
        std::fs::write(&p, text).map_err(|e| Diagnostic::error(&p, e.to_string()))?;
        Sheet::read(&p, None)
    }

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let s = csv_sheet("STT,Nội dung nhiệm vụ,Cơ quan chủ trì\n1,Làm A,Sở Xây dựng\n\n2,\"Làm B, C\",UBND xã\n")
            .expect("reads");
        assert_eq!(s.headers, ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"]);
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[1].number, 4);
        assert_eq!(s.rows[1].get(1), "Làm B, C");
        assert_eq!(s.column(&["cơ quan  CHỦ TRÌ:"]), Some(2));
        assert_eq!(s.place(&s.rows[1], 2), "dòng 4, cột C (Cơ quan chủ trì)");
    }

    #[test]
    fn csv_with_semicolons_and_bom() {
        let s = csv_sheet("\u{feff}a;b\n1;2\n").expect("reads");
        assert_eq!(s.headers, ["a", "b"]);
        assert_eq!(s.rows[0].cells, ["1", "2"]);
    }

    #[test]
    fn data_under_a_nameless_column_is_an_error() {
        let e = csv_sheet("a,b\n1,2,3\n").expect_err("extra cell");
        assert!(e.message.contains("dòng 2, cột C"), "{}", e.message);
    }

    #[test]
    fn non_utf8_csv_is_an_error() {
        let e = csv_sheet("a,b\n\u{0}").map(|_| ());
        assert!(e.is_ok());
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("t.csv");
        std::fs::write(&p, b"a,b\n1,\xff\n").expect("write");
        let e = Sheet::read(&p, None).expect_err("latin-1");
        assert!(e.message.contains("UTF-8"));
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn empty_sheet_is_an_error() {
        assert!(csv_sheet("\n\n").is_err());
    }

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_date(45565.0).as_deref(), Some("30/09/2024"));
        assert_eq!(excel_date(0.5), None);
    }
}
