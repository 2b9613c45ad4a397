//! Files in and out of the editor: a document or a task table opened from the clerk's disk
//! (its bytes uploaded by the browser, never a path), and the per-unit extracts and
//! calendars of a task table as one zip.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::api::{blocking, diag_list, read_doc, unprocessable};
use super::{AppState, MAX_BODY_BYTES};
use crate::data::sheet::{self, Sheet};
use crate::data::tasks::{self, TaskTable};
use crate::data::{self, Format as DataFormat, Stage};
use crate::diag::rules::diagnostics;
use crate::diag::{Diagnostic, Lang};
use crate::export::{Formats, PdfStandard};
use crate::generate::split;
use crate::pipeline::{self, Options, Source};

/// The largest file opened from disk: a task table may be as large as the CLI reads.
pub const MAX_UPLOAD_BYTES: usize = sheet::MAX_BYTES as usize;

/// The query of `POST /api/open`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct OpenQuery {
    /// The file's name as the clerk chose it (its extension says what it is).
    name: Option<String>,
    /// The workbook's sheet (default: the first).
    sheet: Option<String>,
    lang: Option<String>,
}

/// The file's own name, without any folder: it is never opened, only shown.
fn file_name(name: Option<&str>) -> PathBuf {
    let n = name
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim();
    PathBuf::from(if n.is_empty() { "tep-tai-len" } else { n })
}

fn lang_of(l: Option<&str>) -> Lang {
    match l {
        Some("en") => Lang::En,
        _ => Lang::Vi,
    }
}

/// `POST /api/open?name=FILE`: a file the clerk opened from disk, its bytes in the body.
/// A document (`.yaml`, `.yml`, `.json`, `.toml`) comes back as its data and its findings; a
/// task table (`.xlsx`, `.csv`, …) as the `tasks` of a document (groups and items), read by
/// the reader of `tasks.source`, with the same messages naming the sheet, row and cell.
pub(crate) async fn open(
    State(st): State<Arc<AppState>>,
    Query(q): Query<OpenQuery>,
    body: Body,
) -> Response {
    let name = file_name(q.name.as_deref());
    let lang = lang_of(q.lang.as_deref());
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_UPLOAD_BYTES).await {
        Ok(b) => b,
        Err(_) => {
            let d = data::source::too_big(
                &name,
                MAX_UPLOAD_BYTES as u64 + 1,
                MAX_UPLOAD_BYTES as u64,
                "tệp",
            );
            return (StatusCode::PAYLOAD_TOO_LARGE, Json(diag_list(&[*d]))).into_response();
        }
    };
    let ext = name
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "yaml" | "yml" | "json" | "toml") {
        return open_document(st, name, bytes, lang).await;
    }
    let sheet_name = q.sheet.clone();
    let out = blocking(&st, move |_| {
        let sheet = Sheet::from_bytes(&name, bytes.to_vec(), sheet_name.as_deref())
            .map_err(|d| vec![*d])?;
        let table = tasks::from_sheet(&sheet)?;
        Ok::<_, Vec<Diagnostic>>((table_json(&table), sheet.rows.len(), table.tasks.len()))
    })
    .await;
    match out {
        Err(r) => r,
        Ok(Err(diags)) => unprocessable(&diags),
        Ok(Ok((tasks, rows, count))) => Json(serde_json::json!({
            "type": "tasks",
            "tasks": tasks,
            "rows": rows,
            "count": count,
        }))
        .into_response(),
    }
}

/// A document opened from disk: its data (for the form) and the findings of `vanban check`.
async fn open_document(st: Arc<AppState>, name: PathBuf, bytes: Bytes, lang: Lang) -> Response {
    if bytes.len() > MAX_BODY_BYTES {
        let d = data::source::too_big(
            &name,
            bytes.len() as u64,
            MAX_BODY_BYTES as u64,
            "tệp dữ liệu",
        );
        return (StatusCode::PAYLOAD_TOO_LARGE, Json(diag_list(&[*d]))).into_response();
    }
    let text = match String::from_utf8(bytes.to_vec()) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to() + 1;
            let d = Diagnostic::error_bi(
                &name,
                (
                    format!("tệp không phải UTF-8 (byte thứ {at} sai)"),
                    format!("the file is not UTF-8 (byte {at} is wrong)"),
                ),
            )
            .with_hint_bi(("lưu tệp với bảng mã UTF-8", "save the file as UTF-8"));
            return unprocessable(&[d]);
        }
    };
    let format = DataFormat::of(&name).unwrap_or(DataFormat::Yaml);
    let nfc = data::source::normalise(&text);
    let value: Option<serde_json::Value> = match format {
        DataFormat::Yaml => serde_saphyr::from_str(&nfc).ok(),
        DataFormat::Json => serde_json::from_str(&nfc).ok(),
        DataFormat::Toml => toml::from_str(&nfc).ok(),
    };
    let source = Source::Text {
        name: name.clone(),
        text: text.clone(),
    };
    let diags = match blocking(&st, move |st| {
        diagnostics(
            &pipeline::check(&source, &st.res, Stage::Draft),
            lang,
            false,
        )
    })
    .await
    {
        Ok(d) => d,
        Err(r) => return r,
    };
    let status = if value.as_ref().is_some_and(serde_json::Value::is_object) {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    (
        status,
        Json(serde_json::json!({
            "type": "document",
            "format": match format {
                DataFormat::Yaml => "yaml",
                DataFormat::Json => "json",
                DataFormat::Toml => "toml",
            },
            "text": if format == DataFormat::Yaml { serde_json::Value::String(text) } else { serde_json::Value::Null },
            "data": value,
            "diagnostics": diag_list(&diags),
        })),
    )
        .into_response()
}

/// A resolved task table as the document's `tasks` (groups and items), as a clerk would
/// have typed it in the grid.
fn table_json(table: &TaskTable) -> serde_json::Value {
    let units = |u: &[String]| match u {
        [] => serde_json::Value::Null,
        [one] => serde_json::Value::String(one.clone()),
        many => serde_json::json!(many),
    };
    let groups: Vec<serde_json::Value> = table
        .groups
        .iter()
        .map(|g| serde_json::json!({ "id": g.id, "title": g.title }))
        .collect();
    let items: Vec<serde_json::Value> = table
        .tasks
        .iter()
        .map(|t| {
            let mut m = serde_json::Map::new();
            if let Some(g) = t.group.and_then(|i| table.groups.get(i)) {
                m.insert("group".into(), g.id.clone().into());
            }
            m.insert("content".into(), t.content.clone().into());
            m.insert("lead".into(), units(&t.lead));
            if !t.support.is_empty() {
                m.insert("support".into(), units(&t.support));
            }
            for (k, v) in [
                ("deadline", &t.deadline_text),
                ("product", &t.product),
                ("note", &t.note),
            ] {
                if !v.is_empty() {
                    m.insert(k.into(), v.clone().into());
                }
            }
            serde_json::Value::Object(m)
        })
        .collect();
    let mut tasks = serde_json::Map::new();
    if !groups.is_empty() {
        tasks.insert("groups".into(), groups.into());
    }
    tasks.insert("items".into(), items.into());
    serde_json::Value::Object(tasks)
}

/// The query of `POST /api/extracts`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ZipQuery {
    /// The stem of the files' names (default `van-ban`).
    name: Option<String>,
}

/// `POST /api/extracts?name=STEM`: the per-unit extracts (PDF and DOCX) and calendars of
/// the document's task table, as `vanban render --split` writes them, in one zip.
pub(crate) async fn extracts(
    State(st): State<Arc<AppState>>,
    Query(q): Query<ZipQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let doc = match read_doc(&headers, body).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    if let Some(d) = super::api::names_a_file(&doc) {
        return unprocessable(&[d]);
    }
    let stem = q
        .name
        .as_deref()
        .map(crate::text::slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "van-ban".into());
    let input = PathBuf::from(format!("{stem}.{}", doc.format_name()));
    let text = doc.text.clone();
    let out = blocking(&st, move |st| {
        let source = Source::Text {
            name: input.clone(),
            text,
        };
        let loaded = pipeline::load(&source, &st.res, Stage::Draft)?;
        let plan = split::plan(&input, &loaded.doc)?;
        // Extracts are drafts: each is numbered when it is issued.
        let opts = Options {
            formats: Formats::Both,
            pdf_standard: PdfStandard::Plain,
            stage: Stage::Draft,
            deny_warnings: false,
        };
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut problems = Vec::new();
        for (name, _, source) in &plan.units {
            match pipeline::make(source, &st.res, &opts) {
                Ok(made) => {
                    for (format, bytes) in made.files {
                        files.push((
                            format!("{}/{name}.{}", plan.folder, format.extension()),
                            bytes,
                        ));
                    }
                }
                Err(d) => problems.extend(d),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        for (name, text) in plan.unit_calendars {
            files.push((format!("{}/{name}", plan.folder), text.into_bytes()));
        }
        files.push((plan.calendar.0, plan.calendar.1.into_bytes()));
        zip_of(&files).map_err(|e| vec![Diagnostic::error(&input, e)])
    })
    .await;
    match out {
        Err(r) => r,
        Ok(Err(diags)) => unprocessable(&diags),
        Ok(Ok(bytes)) => {
            let mut resp = (StatusCode::OK, bytes).into_response();
            let h = resp.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/zip"),
            );
            if let Ok(v) =
                HeaderValue::from_str(&format!("attachment; filename=\"{stem}-theo-don-vi.zip\""))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            resp
        }
    }
}

/// A zip of named files, in order.
fn zip_of(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(name.as_str(), opts)
            .and_then(|()| zip.write_all(bytes).map_err(Into::into))
            .map_err(|e| format!("không tạo được tệp zip: {e}"))?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| format!("không tạo được tệp zip: {e}"))
}
