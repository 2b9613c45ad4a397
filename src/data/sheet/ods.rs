//! OpenDocument spreadsheets (`.ods`), read by vanban itself from `content.xml`, one cell at
//! a time, into the sparse [`Cells`] of [`super::workbook`]: a row or a cell repeated a
//! billion times (`table:number-rows-repeated`, `table:number-columns-repeated`) costs what
//! its non-empty cells cost, and every copy counts against the limits of [`super`] before it
//! is made. (calamine's reader expands repeats into a dense range of up to 100 million
//! cells, several gigabytes.)

use std::io::Read;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::workbook::{Cells, number_text};
use super::{Grid, MAX_PART_BYTES, MAX_TEXT, fail, header_key};
use crate::diag::Diagnostic;

/// Largest row index (0-based) an ODS sheet may reach; past it a row is refused (a sheet of
/// LibreOffice has 1,048,576 rows).
const MAX_ROW_INDEX: u64 = 1_048_576;

pub(super) fn read(
    path: &Path,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Grid, Box<Diagnostic>> {
    let broken = |detail: &dyn std::fmt::Display| {
        Box::new(
            Diagnostic::error(path, format!("không mở được bảng tính: {detail}"))
                .with_hint("mở tệp bằng LibreOffice hoặc Excel và lưu lại dạng .xlsx hoặc .ods"),
        )
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let mut xml = Vec::new();
    {
        let part = zip
            .by_name("content.xml")
            .map_err(|_| broken(&"không có phần `content.xml`"))?;
        part.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut xml)
            .map_err(|e| broken(&e))?;
    }
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut chosen: Option<String> = None;
    let mut cells = Cells::new(path);
    // Inside the chosen table: the next row's index, and the row being read.
    let mut in_table = false;
    let mut depth_in_table = 0usize;
    let mut row = 0u64;
    let mut row_repeat = 1u64;
    let mut row_cells: Vec<(u64, u64, String)> = Vec::new(); // (column, repeat, text)
    let mut col = 0u64;
    // The cell being read: its repeat, its value from attributes, its text so far.
    let mut cell: Option<(u64, Option<String>, String, usize)> = None; // + paragraphs seen
    let mut skip = 0usize; // depth inside an annotation
    let mut in_para = 0usize; // open `text:p`/`text:h` of the cell
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            broken(&format!(
                "phần `content.xml` hỏng ở byte {}: {e}",
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.name();
                let name = name.as_ref();
                if skip > 0 {
                    if !empty {
                        skip += 1;
                    }
                } else if name == b"table:table" && !in_table {
                    let table = attr(e, b"table:name").unwrap_or_default();
                    names.push(table.clone());
                    let wanted = match sheet {
                        Some(s) => chosen.is_none() && header_key(&table) == header_key(s),
                        None => chosen.is_none(),
                    };
                    if wanted && !empty {
                        chosen = Some(table);
                        in_table = true;
                        depth_in_table = 0;
                    } else if wanted {
                        chosen = Some(table);
                    }
                } else if in_table {
                    if !empty {
                        depth_in_table += 1;
                    }
                    match name {
                        b"table:table" => {}
                        b"table:table-row" => {
                            row_repeat = repeat(e, b"table:number-rows-repeated");
                            row_cells.clear();
                            col = 0;
                            if empty {
                                row = row.saturating_add(row_repeat);
                            }
                        }
                        b"table:table-cell" | b"table:covered-table-cell" => {
                            let n = repeat(e, b"table:number-columns-repeated");
                            let value = value_of(e);
                            if empty {
                                if let Some(v) =
                                    value.map(|v| super::clean(&v)).filter(|v| !v.is_empty())
                                {
                                    row_cells.push((col, n, v));
                                }
                                col = col.saturating_add(n);
                            } else {
                                cell = Some((n, value, String::new(), 0));
                            }
                        }
                        b"office:annotation" if cell.is_some() => {
                            skip = 1;
                            depth_in_table -= usize::from(!empty);
                            if empty {
                                skip = 0;
                            }
                        }
                        b"text:p" | b"text:h" => {
                            if let Some((_, _, text, paras)) = cell.as_mut() {
                                if *paras > 0 {
                                    text.push('\n');
                                }
                                *paras += 1;
                                in_para += usize::from(!empty);
                            }
                        }
                        b"text:s" => {
                            if let Some((_, _, text, _)) = cell.as_mut() {
                                let n = attr(e, b"text:c")
                                    .and_then(|c| c.parse::<usize>().ok())
                                    .unwrap_or(1);
                                grow(path, text, n)?;
                                text.extend(std::iter::repeat_n(' ', n));
                            }
                        }
                        b"text:tab" => {
                            if let Some((_, _, text, _)) = cell.as_mut() {
                                text.push('\t');
                            }
                        }
                        b"text:line-break" => {
                            if let Some((_, _, text, _)) = cell.as_mut() {
                                text.push('\n');
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::End(ref e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip > 0 {
                    skip -= 1;
                } else if in_table && depth_in_table == 0 {
                    // The chosen table's end.
                    in_table = false;
                } else if in_table {
                    depth_in_table -= 1;
                    match name {
                        b"text:p" | b"text:h" => in_para = in_para.saturating_sub(1),
                        b"table:table-cell" | b"table:covered-table-cell" => {
                            in_para = 0;
                            if let Some((n, value, text, _)) = cell.take() {
                                // Cleaned once, however often the cell is repeated.
                                let text = super::clean(&value.unwrap_or(text));
                                if !text.is_empty() {
                                    row_cells.push((col, n, text));
                                }
                                col = col.saturating_add(n);
                            }
                        }
                        b"table:table-row" => {
                            // A row repeated many times: each copy counts (cells, text,
                            // rows), so the limits stop a billion copies after a few.
                            if !row_cells.is_empty() {
                                for r in 0..row_repeat {
                                    let at = row.saturating_add(r);
                                    add_row(path, &mut cells, at, &row_cells)?;
                                }
                            }
                            row = row.saturating_add(row_repeat);
                        }
                        _ => {}
                    }
                }
            }
            Event::Text(ref t) if skip == 0 && in_para > 0 => {
                if let Some((_, _, text, _)) = cell.as_mut() {
                    let s = String::from_utf8_lossy(t.as_ref());
                    grow(path, text, s.len())?;
                    text.push_str(&s);
                }
            }
            Event::CData(ref t) if skip == 0 && in_para > 0 => {
                if let Some((_, _, text, _)) = cell.as_mut() {
                    let s = String::from_utf8_lossy(t.as_ref());
                    grow(path, text, s.len())?;
                    text.push_str(&s);
                }
            }
            Event::GeneralRef(ref r) if skip == 0 && in_para > 0 => {
                if let Some((_, _, text, _)) = cell.as_mut() {
                    let name = String::from_utf8_lossy(r.as_ref());
                    if let Ok(s) = quick_xml::escape::unescape(&format!("&{name};")) {
                        text.push_str(&s);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let Some(name) = chosen else {
        return fail(match sheet {
            Some(s) => Diagnostic::error(path, format!("bảng tính không có trang `{s}`"))
                .with_hint(format!("các trang có: {}", names.join(", "))),
            None => Diagnostic::error(path, "bảng tính không có trang nào")
                .with_hint("mở tệp bằng LibreOffice và kiểm tra"),
        });
    };
    Ok((Some(name), cells.grid()))
}

/// The cells of one row at 0-based row `at`, each repeated as the file says.
fn add_row(
    path: &Path,
    cells: &mut Cells<'_>,
    at: u64,
    row_cells: &[(u64, u64, String)],
) -> Result<(), Box<Diagnostic>> {
    if at >= MAX_ROW_INDEX {
        return fail(
            Diagnostic::error(
                path,
                format!(
                    "bảng tính có dữ liệu ở dòng {} (tối đa {MAX_ROW_INDEX} dòng)",
                    at + 1
                ),
            )
            .with_hint("xoá các dòng thừa ở cuối bảng, hoặc tách bảng thành nhiều tệp"),
        );
    }
    for (col, n, text) in row_cells {
        for c in 0..*n {
            let c = u32::try_from(col.saturating_add(c)).unwrap_or(u32::MAX);
            cells.add(at as u32, c, text.len(), || text.clone())?;
        }
    }
    Ok(())
}

/// Refuse a cell whose text would pass the limit on all text (one cell of `text:s
/// text:c="1000000000"` would be a gigabyte).
fn grow(path: &Path, text: &str, more: usize) -> Result<(), Box<Diagnostic>> {
    if text.len().saturating_add(more) > MAX_TEXT {
        return fail(
            Diagnostic::error(
                path,
                format!(
                    "bảng tính có quá nhiều chữ (một ô quá {} MB)",
                    MAX_TEXT / (1024 * 1024)
                ),
            )
            .with_hint("kiểm tra các ô rất dài; tách bảng thành nhiều tệp nhỏ hơn"),
        );
    }
    Ok(())
}

/// An attribute's value, entity references decoded.
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| {
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            match quick_xml::escape::unescape(&raw) {
                Ok(s) => s.into_owned(),
                Err(_) => raw,
            }
        })
}

/// A repeat count: 1 when absent or unreadable, never 0.
fn repeat(e: &BytesStart<'_>, key: &[u8]) -> u64 {
    attr(e, key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// A typed cell's value as a clerk reads it (numbers as in Excel, dates as `dd/mm/yyyy`);
/// `None` for text cells, whose text is their paragraphs.
fn value_of(e: &BytesStart<'_>) -> Option<String> {
    let kind = attr(e, b"office:value-type")?;
    match kind.as_str() {
        "float" | "percentage" | "currency" => {
            let v = attr(e, b"office:value")?;
            Some(match v.trim().parse::<f64>() {
                Ok(f) => number_text(f),
                Err(_) => v,
            })
        }
        "date" => {
            let v = attr(e, b"office:date-value")?;
            let day = v.get(..10).unwrap_or(&v);
            let midnight = matches!(v.get(10..), Some("" | "T00:00:00"));
            Some(match chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                Ok(d) if midnight => d.format("%d/%m/%Y").to_string(),
                _ => v,
            })
        }
        "boolean" => {
            let v = attr(e, b"office:boolean-value")?;
            Some(
                if v.eq_ignore_ascii_case("true") {
                    "TRUE"
                } else {
                    "FALSE"
                }
                .into(),
            )
        }
        _ => attr(e, b"office:string-value"),
    }
}
