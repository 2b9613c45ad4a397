//! Bảng tính: tables clerks keep in Excel or CSV (task tables, NTM indicators, mail-merge
//! records), read into rows of text with the header row naming the columns.
//!
//! XLSX/XLSM/XLS/ODS go through calamine, CSV through the csv crate. Every cell becomes
//! trimmed NFC text (numbers as written, dates as `dd/mm/yyyy`), so the readers downstream
//! see one shape whatever the source. Positions are kept so a message can name the sheet,
//! the row and the column ("trang `Nhiệm vụ`, dòng 7, cột C (Cơ quan chủ trì)").

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

mod ods;
mod workbook;

use crate::data::source::read_bytes;
use crate::diag::{Bi, Diagnostic, Span};

/// Largest table read, in bytes of the file (as for document files).
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Largest number of data rows read.
pub const MAX_ROWS: usize = 150_000;
/// Largest number of columns: a cell right of this column is refused (Excel's last column is
/// XFD, 16,384; a clerk's table has a few dozen).
pub const MAX_COLUMNS: usize = 1_000;
/// Largest number of cells kept (rows × columns, empty cells included).
pub const MAX_CELLS: usize = 2_000_000;
/// Largest total text of all cells, in bytes.
pub const MAX_TEXT: usize = 64 * 1024 * 1024;
/// Largest unpacked size of one part of a workbook (a sheet, the shared strings).
pub const MAX_PART_BYTES: u64 = 100 * 1024 * 1024;
/// Largest unpacked size of all parts of a workbook together.
pub const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;

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
    /// The first column (0-based) past the header's columns that holds data, if any: only
    /// [`Sheet::read_records`] keeps such rows.
    pub extra: Option<usize>,
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
    /// is read. A data cell under a column without a header is an error of the whole table.
    pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet, Box<Diagnostic>> {
        let sheet = Sheet::read_records(path, sheet)?;
        if let Some(row) = sheet.rows.iter().find(|r| r.extra.is_some()) {
            return fail(sheet.extra_cell_error(row));
        }
        Ok(sheet)
    }

    /// As [`Sheet::read`], but a row with data under a column without a header is kept (its
    /// [`Row::extra`] says where): a mail merge reports that row alone and renders the others.
    pub fn read_records(path: &Path, sheet: Option<&str>) -> Result<Sheet, Box<Diagnostic>> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let known = matches!(
            ext.as_str(),
            "csv" | "xlsx" | "xlsm" | "xls" | "xlsb" | "ods"
        );
        if !known {
            return fail(
                Diagnostic::error(path, format!("không nhận ra loại bảng tính `.{ext}`"))
                    .with_hint("dùng tệp .xlsx (Excel) hoặc .csv (UTF-8, dấu phẩy)"),
            );
        }
        // Regular files only, never more than the cap (a FIFO named `.csv` is refused at once).
        let bytes = read_bytes(path, MAX_BYTES, "bảng tính")?;
        Sheet::records_of_bytes(path, &ext, bytes, sheet)
    }

    /// As [`Sheet::read`], from a file's bytes already in memory (a file uploaded to
    /// `vanban serve`): `name` is the file's name, for its type and for messages; nothing is
    /// read from disk. The bytes are refused past [`MAX_BYTES`] as a file would be.
    pub fn from_bytes(
        name: &Path,
        bytes: Vec<u8>,
        sheet: Option<&str>,
    ) -> Result<Sheet, Box<Diagnostic>> {
        let ext = name
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !matches!(
            ext.as_str(),
            "csv" | "xlsx" | "xlsm" | "xls" | "xlsb" | "ods"
        ) {
            return fail(
                Diagnostic::error(name, format!("không nhận ra loại bảng tính `.{ext}`"))
                    .with_hint("dùng tệp .xlsx (Excel) hoặc .csv (UTF-8, dấu phẩy)"),
            );
        }
        if bytes.len() as u64 > MAX_BYTES {
            return Err(crate::data::source::too_big(
                name,
                bytes.len() as u64,
                MAX_BYTES,
                "bảng tính",
            ));
        }
        let sheet = Sheet::records_of_bytes(name, &ext, bytes, sheet)?;
        if let Some(row) = sheet.rows.iter().find(|r| r.extra.is_some()) {
            return fail(sheet.extra_cell_error(row));
        }
        Ok(sheet)
    }

    fn records_of_bytes(
        path: &Path,
        ext: &str,
        bytes: Vec<u8>,
        sheet: Option<&str>,
    ) -> Result<Sheet, Box<Diagnostic>> {
        let (name, grid) = match ext {
            "csv" => read_csv(path, &bytes)?,
            _ => workbook::read(path, ext, bytes, sheet)?,
        };
        Sheet::from_grid(path, name, grid)
    }

    /// The error for a row with data under a column without a header.
    pub fn extra_cell_error(&self, row: &Row) -> Diagnostic {
        let col = row.extra.unwrap_or(self.headers.len());
        Diagnostic::error(
            &self.path,
            format!(
                "{}dòng {}, cột {}: ô có dữ liệu nhưng cột không có tên ở dòng tiêu đề",
                sheet_prefix(self.name.as_deref()),
                row.number,
                column_letters(col)
            ),
        )
        .with_hint("đặt tên cho cột ở dòng tiêu đề, hoặc xoá dữ liệu thừa")
    }

    /// Build from numbered rows (1-based row numbers, in order).
    fn from_grid(
        path: &Path,
        name: Option<String>,
        grid: Vec<(usize, Vec<String>)>,
    ) -> Result<Sheet, Box<Diagnostic>> {
        let mut numbered = grid
            .into_iter()
            .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
        let Some((_, headers)) = numbered.next() else {
            return fail(
                Diagnostic::error(path, "bảng tính trống: không có dòng tiêu đề")
                    .with_hint("dòng đầu tiên của bảng ghi tên các cột, các dòng sau ghi dữ liệu"),
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
                return fail(too_many(path, "dòng", MAX_ROWS, number));
            }
            if (rows.len() + 1) * width.max(1) > MAX_CELLS {
                return fail(too_many(path, "ô", MAX_CELLS, number));
            }
            let extra = cells
                .iter()
                .skip(width)
                .position(|c| !c.is_empty())
                .map(|i| width + i);
            cells.resize(width, String::new());
            rows.push(Row {
                number,
                cells,
                extra,
            });
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

/// A sheet's name and its non-blank rows (1-based row number, cells), before the header is
/// taken.
type Grid = (Option<String>, Vec<(usize, Vec<String>)>);

/// "bảng tính có quá nhiều dòng/ô/cột": the limit, where it was passed, and the fix.
fn too_many(path: &Path, what: &str, limit: usize, row: usize) -> Diagnostic {
    Diagnostic::error(
        path,
        format!("bảng tính có quá nhiều {what} (tối đa {limit})"),
    )
    .at_line(Some(row))
    .with_hint("tách bảng thành nhiều tệp nhỏ hơn, hoặc xoá các dòng, cột thừa ở cuối bảng")
}

/// An error as the readers return it.
fn fail<T>(d: Diagnostic) -> Result<T, Box<Diagnostic>> {
    Err(Box::new(d))
}

/// [`sheet_prefix`] in English.
pub(crate) fn sheet_prefix_en(name: Option<&str>) -> String {
    name.map(|n| format!("sheet `{n}`, ")).unwrap_or_default()
}

/// "trang `NAME`, " for a workbook's sheet, nothing for a CSV.
pub fn sheet_prefix(name: Option<&str>) -> String {
    name.map(|n| format!("trang `{n}`, ")).unwrap_or_default()
}

fn clean(s: &str) -> String {
    s.nfc().collect::<String>().trim().to_string()
}

fn read_csv(path: &Path, bytes: &[u8]) -> Result<Grid, Box<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        return fail(
            Diagnostic::error(path, "tệp CSV không phải UTF-8")
                .at_line(Some(line))
                .with_hint("trong Excel chọn Lưu thành > \"CSV UTF-8 (phân tách bằng dấu phẩy)\""),
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
    let mut lines = Lines::new(bytes);
    let mut cells = 0usize;
    let mut rec = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| lines.line_of(p.byte() as usize));
                return fail(
                    Diagnostic::error(path, format!("tệp CSV hỏng: {e}"))
                        .at_line(line)
                        .with_hint("kiểm tra dấu ngoặc kép: ô có dấu phẩy phải đặt trong \"…\""),
                );
            }
        }
        // csv skips blank lines: keep the line each record starts on as its row number.
        let line = rec
            .position()
            .map(|p| lines.line_of(p.byte() as usize))
            .unwrap_or(grid.len() + 1);
        if rec.len() > MAX_COLUMNS && rec.iter().skip(MAX_COLUMNS).any(|c| !c.trim().is_empty()) {
            return fail(too_many(path, "cột", MAX_COLUMNS, line));
        }
        cells += rec.len();
        if cells > MAX_CELLS {
            return fail(too_many(path, "ô", MAX_CELLS, line));
        }
        grid.push((line, rec.iter().map(clean).collect()));
    }
    Ok((None, grid))
}

/// Line numbers of byte offsets given in increasing order, counted once: each call scans
/// only the bytes since the previous one (a CSV of 200,000 rows is read in one pass, not
/// rescanned from the start for every record).
struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Lines {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// 1-based line of the record starting at `offset` (csv reports the offset before the
    /// blank lines it skipped, so those are stepped over).
    fn line_of(&mut self, offset: usize) -> usize {
        let bytes = self.bytes;
        let mut offset = offset.min(bytes.len());
        while offset < bytes.len() && matches!(bytes[offset], b'\n' | b'\r') {
            offset += 1;
        }
        if offset < self.offset {
            // Not expected (offsets only grow): count from the start.
            self.offset = 0;
            self.line = 1;
        }
        self.line += bytes[self.offset..offset]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.offset = offset;
        self.line
    }
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
        assert_eq!(workbook::excel_date(45565.0).as_deref(), Some("30/09/2024"));
        assert_eq!(workbook::excel_date(0.5), None);
    }
}
