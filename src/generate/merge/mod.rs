//! Trộn thư (mail merge): one document file used as a template plus a table of records
//! (CSV or a workbook), one document per row.
//!
//! The template is an ordinary document file (YAML, JSON or TOML) whose text values may
//! hold minijinja placeholders: `{{ ten_xa }}` (the column "Tên xã" as a variable: marks
//! dropped, lowercase, `_` between words) or `{{ cot["Tên xã"] }}` (the column by its exact
//! header). The template is parsed once into a value tree and every placeholder is filled
//! *after* parsing, inside the string it belongs to: a cell's text can never add, remove or
//! reshape fields, whatever it contains (`:`, quotes, new lines, `- `). The filled tree is
//! written back in the template's format and goes through [`render::make_source`] like any
//! document. Every placeholder is compiled once for the whole table, with strict undefined
//! values (a misspelt column is an error before any row is rendered) and a fuel limit.
//!
//! A row's errors name the table, the sheet, the row, and the columns that fed the field,
//! with the line of the template; the other rows are still rendered.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::data::sheet::{Row, Sheet, column_letters};
use crate::data::{self, Format, model};
use crate::diag::Diagnostic;
use crate::output::OutputDir;
use crate::output::report::{Item, Record};
use crate::pipeline::Source;
mod names;

use crate::text::{Capped, MAX_TEMPLATE_OUTPUT, self_growing_set, slug, within_budget};
use names::name_rows;

/// Fuel of one placeholder for one row (minijinja instructions): plenty for filters and
/// conditions, a bound on loops.
const FUEL: u64 = 100_000;
/// The variable holding every column by its exact header.
const COLUMNS_VAR: &str = "cot";

/// What a merge needs from the command line.
#[derive(Debug, Clone)]
pub struct MergeOptions {
    /// The template document.
    pub template: PathBuf,
    /// The table of records.
    pub table: PathBuf,
    /// The sheet of a workbook (default: the first).
    pub sheet: Option<String>,
    /// The column whose value names each output file.
    pub name_column: Option<String>,
}

/// One placeholder-bearing text value of the template.
#[derive(Debug, Clone)]
struct Leaf {
    /// JSON pointer into the tree.
    pointer: String,
    /// Field path as diagnostics write it (`body[2].items[0]`).
    field: String,
    /// Columns it reads.
    columns: Vec<usize>,
}

/// A prepared merge: the template parsed and its placeholders compiled, the table read and
/// every row's output name chosen.
pub struct Merge {
    template: PathBuf,
    format: Format,
    source: String,
    tree: Value,
    env: Environment<'static>,
    leaves: Vec<Leaf>,
    sheet: Sheet,
    vars: Vec<(String, usize)>,
    stems: Vec<String>,
    notes: Vec<Vec<Diagnostic>>,
}

/// The variable name of a column header: "Tên xã" -> `ten_xa`, "1. Số" -> `cot_1_so`.
pub fn column_var(header: &str) -> String {
    let v = slug(header).replace('-', "_");
    if v.starts_with(|c: char| c.is_ascii_digit()) {
        format!("cot_{v}")
    } else {
        v
    }
}

impl Merge {
    /// Read the template and the table, compile the placeholders and name the outputs.
    pub fn new(opts: &MergeOptions) -> Result<Merge, Vec<Diagnostic>> {
        let template = opts.template.clone();
        let format = Format::of(&template).ok_or_else(|| {
            vec![
                Diagnostic::error(&template, "không nhận ra định dạng của tệp mẫu")
                    .with_hint("tệp mẫu phải là .yaml, .yml, .json hoặc .toml"),
            ]
        })?;
        let source = read_template(&template)?;
        let tree = parse_tree(&template, format, &source)?;
        // A row with a cell under a nameless column is that row's error; the others render.
        let sheet =
            Sheet::read_records(&opts.table, opts.sheet.as_deref()).map_err(|d| vec![*d])?;

        // Column variables; a header whose name another column already took is reachable
        // only through `cot["..."]`.
        let mut vars: Vec<(String, usize)> = Vec::new();
        for (col, h) in sheet.headers.iter().enumerate() {
            let v = column_var(h);
            if !h.is_empty() && v != "van_ban" && !vars.iter().any(|(n, _)| *n == v) {
                vars.push((v, col));
            }
        }

        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
        // Fuel bounds steps, not sizes: every value printed counts against the field's output
        // limit (captured `{% set %}` blocks included), and the field's output is capped.
        env.set_formatter(|out, state, value| {
            let len = value.as_str().map(str::len).or(value.len()).unwrap_or(0);
            if !within_budget(state, len) {
                return Err(minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    too_large(),
                ));
            }
            minijinja::escape_formatter(out, state, value)
        });
        let mut leaves = Vec::new();
        let mut errors = Vec::new();
        let mut found = Vec::new();
        collect_leaves(&tree, String::new(), String::new(), &mut found);
        for (pointer, field, text) in found {
            let line = line_of(format, &source, &field);
            if text.contains("macro") && text.contains("{%") {
                errors.push(
                    Diagnostic::error(
                        &template,
                        "chỗ điền dữ liệu không được định nghĩa macro (`{% macro %}`)",
                    )
                    .at_line(line)
                    .at_field(field.clone())
                    .with_hint("chỗ điền chỉ dùng {{ ten_cot }}, {% if %} và {% for %}; macro đặt trong mẫu văn bản (--templates)"),
                );
                continue;
            }
            if let Some((_, var)) = self_growing_set(&text) {
                errors.push(
                    Diagnostic::error(
                        &template,
                        format!(
                            "chỗ điền dữ liệu nối biến `{var}` với chính nó (`{{% set {var} = … {var} … %}}`): trong vòng lặp chuỗi này tăng gấp đôi mỗi lần, tới hàng GB"
                        ),
                    )
                    .at_line(line)
                    .at_field(field.clone())
                    .with_hint("in từng phần ra bằng {{ … }} trong vòng lặp, hoặc dùng bộ lọc join"),
                );
                continue;
            }
            if let Err(e) = env.add_template_owned(field.clone(), text) {
                errors.push(
                    Diagnostic::error(
                        &template,
                        format!("chỗ điền dữ liệu viết sai: {}", jinja_detail(&e)),
                    )
                    .at_line(line)
                    .at_field(field.clone())
                    .with_hint("chỗ điền viết dạng {{ ten_cot }} hoặc {{ cot[\"Tên cột\"] }}"),
                );
                continue;
            }
            let names = env
                .get_template(&field)
                .map(|t| t.undeclared_variables(false))
                .unwrap_or_default();
            let mut columns = Vec::new();
            let mut names: Vec<String> = names.into_iter().collect();
            names.sort();
            for n in names {
                if n == COLUMNS_VAR {
                    // Which columns `cot[...]` reads is known only per row; name them all
                    // that the text spells out.
                    for (col, h) in sheet.headers.iter().enumerate() {
                        if env
                            .templates()
                            .find(|(name, _)| *name == field)
                            .is_some_and(|(_, t)| t.source().contains(h.as_str()))
                        {
                            columns.push(col);
                        }
                    }
                } else if let Some((_, col)) = vars.iter().find(|(v, _)| *v == n) {
                    columns.push(*col);
                } else {
                    errors.push(
                        Diagnostic::error(
                            &template,
                            format!(
                                "mẫu dùng biến `{n}` nhưng bảng {} không có cột nào ứng với nó",
                                opts.table.display()
                            ),
                        )
                        .at_line(line)
                        .at_field(field.clone())
                        .with_hint(format!(
                            "các biến có thể dùng: {}; hoặc viết {{{{ cot[\"Tên cột\"] }}}} với đúng tên cột",
                            vars.iter()
                                .map(|(v, c)| format!("{v} (cột {})", sheet.headers[*c]))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    );
                }
            }
            leaves.push(Leaf {
                pointer,
                field,
                columns,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if leaves.is_empty() {
            return Err(vec![
                Diagnostic::error(
                    &template,
                    "tệp mẫu không có chỗ điền dữ liệu nào: mọi văn bản sẽ giống hệt nhau",
                )
                .with_hint("đặt {{ ten_cot }} vào chỗ cần điền, ví dụ `to: UBND xã {{ ten_xa }}`"),
            ]);
        }

        let (stems, notes) = name_rows(&template, &sheet, opts.name_column.as_deref())?;
        Ok(Merge {
            template,
            format,
            source,
            tree,
            env,
            leaves,
            sheet,
            vars,
            stems,
            notes,
        })
    }

    /// Number of records (documents).
    pub fn len(&self) -> usize {
        self.sheet.rows.len()
    }

    /// Whether the table has no record.
    pub fn is_empty(&self) -> bool {
        self.sheet.rows.is_empty()
    }

    /// The output stem of record `i`.
    pub fn stem(&self, i: usize) -> &str {
        self.stems.get(i).map(String::as_str).unwrap_or("van-ban")
    }

    /// The batch items, one per record, written into `out`.
    pub fn items(&self, out: &OutputDir) -> Vec<Item> {
        self.sheet
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| Item {
                input: self.template.clone(),
                record: Some(Record {
                    table: self.sheet.path.clone(),
                    sheet: self.sheet.name.clone(),
                    row: r.number,
                }),
                dir: out.clone(),
                stem: self.stem(i).to_string(),
            })
            .collect()
    }

    /// The document of record `i`: the template with the row's values filled in.
    pub fn input_of(&self, i: usize) -> Result<model::Input, Vec<Diagnostic>> {
        let row = self.row(i)?;
        let tree = self.filled(i)?;
        data::input_from_value(&self.template, tree)
            .map_err(|diags| diags.into_iter().map(|d| self.locate(row, d)).collect())
    }

    /// The template's value tree with record `i`'s values filled in.
    pub fn filled(&self, i: usize) -> Result<Value, Vec<Diagnostic>> {
        let row = self.row(i)?;
        if row.extra.is_some() {
            return Err(vec![self.sheet.extra_cell_error(row)]);
        }
        let ctx = self.context(row);
        let mut tree = self.tree.clone();
        let mut errors = Vec::new();
        for leaf in &self.leaves {
            let mut out = Capped::new(MAX_TEMPLATE_OUTPUT);
            let rendered = self
                .env
                .get_template(&leaf.field)
                .and_then(|t| t.render_captured_to(&ctx, &mut out))
                .map_err(|e| {
                    if out.overflowed {
                        too_large()
                    } else {
                        jinja_detail(&e)
                    }
                })
                .and_then(|_| {
                    String::from_utf8(std::mem::take(&mut out.bytes))
                        .map_err(|_| "kết quả không phải UTF-8".to_string())
                });
            match rendered {
                Ok(text) => {
                    if let Some(slot) = tree.pointer_mut(&leaf.pointer) {
                        *slot = Value::String(text.nfc().collect());
                    }
                }
                Err(e) => errors.push(
                    Diagnostic::error(
                        &self.template,
                        format!(
                            "{}: không điền được dữ liệu: {e}",
                            self.place(row, &leaf.columns),
                        ),
                    )
                    .at_line(line_of(self.format, &self.source, &leaf.field))
                    .at_field(leaf.field.clone()),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(tree)
    }

    /// Make record `i`'s document with `make` (the pipeline), given the template filled
    /// with the row's values as a source. Its messages are told in terms of the template
    /// and the row (the template's line, the row and the columns that fed the field), with
    /// the record's own notes (its file name).
    pub fn make<T>(
        &self,
        i: usize,
        make: impl FnOnce(&Source) -> Result<T, Vec<Diagnostic>>,
        warnings: impl FnOnce(&mut T) -> &mut Vec<Diagnostic>,
    ) -> Result<T, Vec<Diagnostic>> {
        let row = self.row(i)?;
        let notes = self.notes.get(i).cloned().unwrap_or_default();
        let input = self.input_of(i).map_err(|mut e| {
            e.extend(notes.clone());
            e
        })?;
        let source = Source::Input {
            name: self.template.clone(),
            input: Box::new(input),
        };
        match make(&source) {
            Ok(mut made) => {
                let list = warnings(&mut made);
                let mut located: Vec<Diagnostic> =
                    list.drain(..).map(|d| self.locate(row, d)).collect();
                located.extend(notes);
                *list = located;
                Ok(made)
            }
            Err(diags) => {
                let mut out: Vec<Diagnostic> =
                    diags.into_iter().map(|d| self.locate(row, d)).collect();
                out.extend(notes);
                Err(out)
            }
        }
    }

    fn row(&self, i: usize) -> Result<&Row, Vec<Diagnostic>> {
        self.sheet.rows.get(i).ok_or_else(|| {
            vec![Diagnostic::error(
                &self.template,
                "lỗi nội bộ: không có bản ghi này",
            )]
        })
    }

    fn context(&self, row: &Row) -> minijinja::Value {
        let mut ctx: BTreeMap<String, minijinja::Value> = BTreeMap::new();
        for (v, col) in &self.vars {
            ctx.insert(v.clone(), minijinja::Value::from(row.get(*col)));
        }
        let by_header: BTreeMap<String, String> = self
            .sheet
            .headers
            .iter()
            .enumerate()
            .map(|(c, h)| (h.clone(), row.get(c).to_string()))
            .collect();
        ctx.insert(COLUMNS_VAR.into(), minijinja::Value::from(by_header));
        minijinja::Value::from(ctx)
    }

    /// "bản ghi ds.csv, dòng 7, cột C (Ngày)": the row and the columns.
    fn place(&self, row: &Row, columns: &[usize]) -> String {
        let mut s = format!(
            "bản ghi {}, {}",
            self.sheet.path.display(),
            self.sheet.row_place(row)
        );
        if !columns.is_empty() {
            let cols: Vec<String> = columns
                .iter()
                .map(|&c| {
                    format!(
                        "{} ({})",
                        column_letters(c),
                        self.sheet.headers.get(c).map(String::as_str).unwrap_or("")
                    )
                })
                .collect();
            s.push_str(&format!(", cột {}", cols.join(", ")));
        }
        s
    }

    /// A diagnostic of the filled document, told in terms of the template and the row: the
    /// line of the template, the row and the columns that fed the field.
    fn locate(&self, row: &Row, mut d: Diagnostic) -> Diagnostic {
        let columns: Vec<usize> = match &d.field {
            Some(f) => {
                let mut cols: Vec<usize> = self
                    .leaves
                    .iter()
                    .filter(|l| {
                        *f == l.field
                            || f.starts_with(&format!("{}.", l.field))
                            || f.starts_with(&format!("{}[", l.field))
                            || l.field.starts_with(&format!("{f}."))
                            || l.field.starts_with(&format!("{f}["))
                    })
                    .flat_map(|l| l.columns.iter().copied())
                    .collect();
                cols.sort_unstable();
                cols.dedup();
                cols
            }
            None => Vec::new(),
        };
        d.line = d
            .field
            .as_deref()
            .and_then(|f| line_of(self.format, &self.source, f));
        d.message = format!("{}: {}", self.place(row, &columns), d.message);
        d
    }
}

fn read_template(path: &Path) -> Result<String, Vec<Diagnostic>> {
    data::source::read_text(path, data::source::MAX_AUX_BYTES, "tệp mẫu")
        .map(|t| t.nfc)
        .map_err(|d| vec![*d])
}

/// Parse the template into a value tree. A syntax error is reported as the document loader
/// reports it (line and a Vietnamese message).
fn parse_tree(path: &Path, format: Format, text: &str) -> Result<Value, Vec<Diagnostic>> {
    let parsed: Result<Value, String> = match format {
        Format::Yaml => serde_saphyr::from_str(text).map_err(|e| e.to_string()),
        Format::Json => serde_json::from_str(text).map_err(|e| e.to_string()),
        Format::Toml => toml::from_str(text).map_err(|e| e.to_string()),
    };
    match parsed {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(vec![
            Diagnostic::error(
                path,
                "tệp mẫu phải là một văn bản (các trường kind, issuer, …)",
            )
            .with_hint("xem docs/format.md"),
        ]),
        Err(raw) => {
            // The loader's own message for the same text is Vietnamese and has the line.
            let loader = crate::data::catalogue::Catalogue::builtin()
                .ok()
                .and_then(|c| data::parse_str(path, format, text, data::Stage::Draft, &c).err());
            Err(loader.unwrap_or_else(|| {
                vec![Diagnostic::error(
                    path,
                    format!("không đọc được tệp mẫu: {raw}"),
                )]
            }))
        }
    }
}

/// Every string value holding a placeholder: (JSON pointer, field path, text).
fn collect_leaves(
    v: &Value,
    pointer: String,
    field: String,
    out: &mut Vec<(String, String, String)>,
) {
    match v {
        Value::String(s) if s.contains("{{") || s.contains("{%") || s.contains("{#") => {
            out.push((pointer, field, s.clone()));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_leaves(item, format!("{pointer}/{i}"), format!("{field}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let p = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
                let f = if field.is_empty() {
                    k.clone()
                } else {
                    format!("{field}.{k}")
                };
                collect_leaves(item, p, f, out);
            }
        }
        _ => {}
    }
}

fn line_of(format: Format, source: &str, field: &str) -> Option<usize> {
    match format {
        Format::Yaml => data::locate::yaml_line(source, field),
        _ => None,
    }
}

/// minijinja's message without its English framing, plus the line inside the value.
/// The message of a field whose output passed [`MAX_TEMPLATE_OUTPUT`].
fn too_large() -> String {
    format!(
        "chỗ điền tạo ra chuỗi quá lớn (tối đa {} MB); sửa vòng lặp hoặc phép nối chuỗi trong tệp mẫu",
        MAX_TEMPLATE_OUTPUT / (1024 * 1024)
    )
}

fn jinja_detail(e: &minijinja::Error) -> String {
    let kind = match e.kind() {
        minijinja::ErrorKind::UndefinedError => "giá trị không có (tên cột hoặc tên biến sai?)",
        minijinja::ErrorKind::SyntaxError => "cú pháp sai",
        minijinja::ErrorKind::OutOfFuel => "vòng lặp quá dài",
        _ => "lỗi khi điền",
    };
    match e.detail() {
        Some(d) => format!("{kind} ({d})"),
        None => kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::column_var;

    #[test]
    fn column_variables() {
        assert_eq!(column_var("Tên xã"), "ten_xa");
        assert_eq!(column_var("Số hiệu (*)"), "so_hieu");
        assert_eq!(column_var("1. Đơn vị"), "cot_1_don_vi");
    }
}
