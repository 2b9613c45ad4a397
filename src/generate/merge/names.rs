//! The output file name of each merge row.

use std::collections::HashMap;
use std::path::Path;

use crate::data::sheet::Sheet;
use crate::diag::Diagnostic;
use crate::output::{Namer, Naming};
use crate::text::slug;

/// Each row's output stem, and the warnings about it.
type Names = (Vec<String>, Vec<Vec<Diagnostic>>);

/// Output stems of every row: from the name column made safe, else `TEMPLATE-dong-N`; a
/// name already taken gets `-dong-N` appended, with a warning.
pub(super) fn name_rows(
    template: &Path,
    sheet: &Sheet,
    name_column: Option<&str>,
) -> Result<Names, Vec<Diagnostic>> {
    let base = template
        .file_stem()
        .map(|s| slug(&s.to_string_lossy()))
        .unwrap_or_else(|| "van-ban".into());
    let col = match name_column {
        Some(name) => Some(sheet.column(&[name]).ok_or_else(|| {
            vec![
                Diagnostic::error(
                    &sheet.path,
                    format!("bảng không có cột `{name}` để đặt tên tệp"),
                )
                .with_hint(format!("các cột của bảng: {}", sheet.headers.join(", "))),
            ]
        })?),
        None => None,
    };
    let mut namer = Namer::new(Naming::Slug);
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let mut stems = Vec::new();
    let mut notes = Vec::new();
    for row in &sheet.rows {
        let mut note = Vec::new();
        let fallback = format!("{base}-dong-{}", row.number);
        let wanted = match col {
            Some(c) if !row.get(c).trim().is_empty() => row.get(c).to_string(),
            Some(c) => {
                note.push(
                    Diagnostic::warning(
                        &sheet.path,
                        format!(
                            "{}: ô tên tệp để trống, tệp được đặt tên {fallback}",
                            sheet.column_place(c)
                        ),
                    )
                    .at_line(Some(row.number)),
                );
                fallback.clone()
            }
            None => fallback.clone(),
        };
        let (stem, clashed) = namer.claim_or(&wanted, &format!("-dong-{}", row.number));
        if let Some(taken) = clashed {
            let other = first_row.get(&taken).copied().unwrap_or(0);
            note.push(
                Diagnostic::warning(
                    &sheet.path,
                    format!(
                        "{}tên tệp `{taken}` trùng với dòng {other}, tệp được đặt tên {stem}",
                        crate::data::sheet::sheet_prefix(sheet.name.as_deref())
                    ),
                )
                .at_line(Some(row.number))
                .with_hint("đặt tên khác nhau cho từng dòng trong cột tên tệp"),
            );
        }
        first_row.entry(stem.clone()).or_insert(row.number);
        stems.push(stem);
        notes.push(note);
    }
    Ok((stems, notes))
}
