//! The JSON/HTTP API (docs/api.md): render, check, preview, drafts and their versions.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::store::Meta;
use super::{AppState, MAX_BODY_BYTES, RENDER_TIMEOUT};
use crate::data::{self, Format as DataFormat, Stage, model};
use crate::diag::rules::diagnostics;
use crate::diag::{Diagnostic, Lang};
use crate::export::{Formats, PdfStandard};
use crate::pipeline::{self, Options, Source};

/// One error as a response: a list with one item shaped as `vanban check --format json`'s.
pub(crate) fn problem(
    status: StatusCode,
    message: (String, String),
    hint: (&str, &str),
) -> Response {
    let d = Diagnostic::error_bi(std::path::Path::new(""), message).with_hint_bi(hint);
    (status, Json(serde_json::json!([d.to_json()]))).into_response()
}

/// The query of the document endpoints.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct DocQuery {
    format: Option<String>,
    page: Option<usize>,
    #[serde(rename = "final")]
    final_: Option<String>,
    lang: Option<String>,
}

impl DocQuery {
    pub(crate) fn stage(&self) -> Stage {
        match self.final_.as_deref() {
            Some("1" | "true") => Stage::Final,
            _ => Stage::Draft,
        }
    }

    pub(crate) fn lang(&self) -> Lang {
        match self.lang.as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Vi,
        }
    }
}

/// A document read from a request body.
pub(crate) struct Doc {
    format: DataFormat,
    pub(crate) text: String,
}

impl Doc {
    fn name(&self) -> PathBuf {
        PathBuf::from(match self.format {
            DataFormat::Yaml => "van-ban.yaml",
            DataFormat::Json => "van-ban.json",
            DataFormat::Toml => "van-ban.toml",
        })
    }

    pub(crate) fn source(&self) -> Source {
        Source::Text {
            name: self.name(),
            text: self.text.clone(),
        }
    }

    pub(crate) fn format_name(&self) -> &'static str {
        match self.format {
            DataFormat::Yaml => "yaml",
            DataFormat::Json => "json",
            DataFormat::Toml => "toml",
        }
    }
}

/// The data format named by a `Content-Type` (YAML when none is named).
fn format_of(headers: &HeaderMap) -> DataFormat {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ct.contains("json") {
        DataFormat::Json
    } else if ct.contains("toml") {
        DataFormat::Toml
    } else {
        DataFormat::Yaml
    }
}

/// Read the body as a document: at most [`MAX_BODY_BYTES`], UTF-8.
pub(crate) async fn read_doc(headers: &HeaderMap, body: Body) -> Result<Doc, Response> {
    let too_big = || {
        problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            (
                format!("văn bản quá lớn (tối đa {MAX_BODY_BYTES} byte)"),
                format!("the document is too large (at most {MAX_BODY_BYTES} bytes)"),
            ),
            (
                "chia văn bản thành nhiều văn bản nhỏ hơn",
                "split the document into smaller ones",
            ),
        )
    };
    let bytes: Bytes = axum::body::to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| too_big())?;
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
        problem(
            StatusCode::BAD_REQUEST,
            (
                format!(
                    "văn bản không phải UTF-8 (byte thứ {} sai)",
                    e.utf8_error().valid_up_to() + 1
                ),
                format!(
                    "the document is not UTF-8 (byte {} is wrong)",
                    e.utf8_error().valid_up_to() + 1
                ),
            ),
            (
                "lưu văn bản với bảng mã UTF-8",
                "save the document as UTF-8",
            ),
        )
    })?;
    Ok(Doc {
        format: format_of(headers),
        text,
    })
}

/// A document whose task table names a file is refused: no request names a path on disk.
/// The text is read with the loader's own deserialiser, so a document this lets through
/// either has no `tasks.source` or fails to load before any file is opened.
pub(crate) fn names_a_file(doc: &Doc) -> Option<Diagnostic> {
    let nfc = data::source::normalise(&doc.text);
    let input: Option<model::Input> = match doc.format {
        DataFormat::Yaml => serde_saphyr::from_str(&nfc).ok(),
        DataFormat::Json => serde_json::from_str(&nfc).ok(),
        DataFormat::Toml => toml::from_str(&nfc).ok(),
    };
    let source = input?.tasks?.source?;
    Some(
        Diagnostic::error_bi(
            &doc.name(),
            (
                format!("máy chủ không đọc tệp `{source}`: bảng nhiệm vụ phải nằm ngay trong văn bản"),
                format!("the server reads no file `{source}`: the task table must be in the document"),
            ),
        )
        .at_field("tasks.source")
        .with_hint_bi((
            "dán các dòng của bảng vào lưới “Bảng phân công nhiệm vụ” (tasks.items), hoặc dùng `vanban render` trên máy",
            "paste the table's rows into the task grid (tasks.items), or use `vanban render` locally",
        )),
    )
}

pub(crate) fn diag_list(diags: &[Diagnostic]) -> serde_json::Value {
    serde_json::Value::Array(diags.iter().map(Diagnostic::to_json).collect())
}

pub(crate) fn unprocessable(diags: &[Diagnostic]) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, Json(diag_list(diags))).into_response()
}

/// Run `f` on a blocking thread, at most [`super::RENDER_SLOTS`] at a time, answered within
/// [`RENDER_TIMEOUT`].
pub(crate) async fn blocking<T: Send + 'static>(
    st: &Arc<AppState>,
    f: impl FnOnce(&AppState) -> T + Send + 'static,
) -> Result<T, Response> {
    let busy = || {
        problem(
            StatusCode::SERVICE_UNAVAILABLE,
            (
                format!(
                    "dựng văn bản quá {} giây, đã dừng chờ",
                    RENDER_TIMEOUT.as_secs()
                ),
                format!(
                    "making the document took over {} seconds; gave up waiting",
                    RENDER_TIMEOUT.as_secs()
                ),
            ),
            (
                "thử lại sau; nếu văn bản rất dài, chia nhỏ nó",
                "try again later; if the document is very long, split it",
            ),
        )
    };
    let work = async {
        let permit = st.slots.clone().acquire_owned().await.ok()?;
        let st2 = st.clone();
        tokio::task::spawn_blocking(move || {
            let out = f(&st2);
            drop(permit);
            out
        })
        .await
        .ok()
    };
    match tokio::time::timeout(RENDER_TIMEOUT, work).await {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            (
                "lỗi nội bộ khi dựng văn bản (xin báo lại cho nhóm phát triển)".to_string(),
                "internal error while making the document (please report it)".to_string(),
            ),
            (
                "thử lại; nếu vẫn lỗi, gửi văn bản cho nhóm phát triển",
                "try again; if it persists, send the document to the developers",
            ),
        )),
        Err(_) => Err(busy()),
    }
}

/// `POST /api/check`: the findings of `vanban check --format json`.
pub(crate) async fn check(
    State(st): State<Arc<AppState>>,
    Query(q): Query<DocQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let doc = match read_doc(&headers, body).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    if let Some(d) = names_a_file(&doc) {
        return Json(diag_list(&[d])).into_response();
    }
    let (stage, lang) = (q.stage(), q.lang());
    match blocking(&st, move |st| {
        diagnostics(&pipeline::check(&doc.source(), &st.res, stage), lang, false)
    })
    .await
    {
        Ok(diags) => Json(diag_list(&diags)).into_response(),
        Err(r) => r,
    }
}

/// `POST /api/render?format=pdf|pdfa|docx|svg`: the file's bytes, or the diagnostics.
pub(crate) async fn render(
    State(st): State<Arc<AppState>>,
    Query(q): Query<DocQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let doc = match read_doc(&headers, body).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    if let Some(d) = names_a_file(&doc) {
        return unprocessable(&[d]);
    }
    let format = q.format.clone().unwrap_or_else(|| "pdf".into());
    let (formats, standard, mime) = match format.as_str() {
        "pdf" => (Formats::Pdf, PdfStandard::Plain, "application/pdf"),
        "pdfa" => (Formats::Pdf, PdfStandard::A2b, "application/pdf"),
        "docx" => (
            Formats::Docx,
            PdfStandard::Plain,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "svg" => return render_svg(st, q, doc).await,
        other => {
            return problem(
                StatusCode::BAD_REQUEST,
                (
                    format!("không có định dạng `{other}`"),
                    format!("there is no format `{other}`"),
                ),
                (
                    "dùng format=pdf, pdfa, docx hoặc svg",
                    "use format=pdf, pdfa, docx or svg",
                ),
            );
        }
    };
    let opts = Options {
        formats,
        pdf_standard: standard,
        stage: q.stage(),
        deny_warnings: false,
    };
    let made = blocking(&st, move |st| pipeline::make(&doc.source(), &st.res, &opts)).await;
    match made {
        Err(r) => r,
        Ok(Err(diags)) => unprocessable(&diags),
        Ok(Ok(made)) => {
            let Some((_, bytes)) = made.files.into_iter().next() else {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            };
            let mut resp = (StatusCode::OK, bytes).into_response();
            let h = resp.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
            if let Some(p) = made.pages {
                h.insert("x-vanban-pages", HeaderValue::from(p));
            }
            h.insert("x-vanban-warnings", HeaderValue::from(made.warnings.len()));
            resp
        }
    }
}

/// `format=svg`: one page (`page`, from 1) as an SVG image.
async fn render_svg(st: Arc<AppState>, q: DocQuery, doc: Doc) -> Response {
    let (stage, lang) = (q.stage(), q.lang());
    let out = blocking(&st, move |st| {
        let source = doc.source();
        let diags = diagnostics(&pipeline::check(&source, &st.res, stage), lang, false);
        if diags.iter().any(Diagnostic::is_error) {
            return Err(diags);
        }
        pipeline::preview(&source, &st.res, stage)
    })
    .await;
    let pages = match out {
        Err(r) => return r,
        Ok(Err(diags)) => return unprocessable(&diags),
        Ok(Ok(p)) => p,
    };
    let n = pages.len();
    let index = q.page.unwrap_or(1);
    let Some(page) = index.checked_sub(1).and_then(|i| pages.into_iter().nth(i)) else {
        return problem(
            StatusCode::NOT_FOUND,
            (
                format!("văn bản có {n} trang, không có trang {index}"),
                format!("the document has {n} pages, not page {index}"),
            ),
            ("chọn page từ 1", "choose page from 1"),
        );
    };
    let mut resp = (StatusCode::OK, page.svg.to_string()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    resp.headers_mut()
        .insert("x-vanban-pages", HeaderValue::from(n));
    resp
}

/// The document's data as a JSON value, when it parses.
pub(crate) fn parse_value(doc: &Doc) -> serde_json::Value {
    let nfc = data::source::normalise(&doc.text);
    match doc.format {
        DataFormat::Yaml => serde_saphyr::from_str(&nfc).ok(),
        DataFormat::Json => serde_json::from_str(&nfc).ok(),
        DataFormat::Toml => toml::from_str(&nfc).ok(),
    }
    .unwrap_or(serde_json::Value::Null)
}

/// Title, kind and date of a document, for the list.
fn meta_of(doc: &Doc) -> Meta {
    let v = parse_value(doc);
    let s = |k: &str| match v.get(k) {
        Some(serde_json::Value::String(s)) => s.trim().to_string(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let title = [s("subject"), s("title_line")]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| "(chưa có trích yếu)".to_string());
    Meta {
        title,
        kind: s("kind"),
        date: s("date"),
    }
}

fn store_error(e: super::store::StoreError) -> Response {
    problem(
        StatusCode::INTERNAL_SERVER_ERROR,
        (e.0.clone(), e.0),
        (
            "kiểm tra thư mục dữ liệu (--data) còn chỗ trống và ghi được",
            "check that the data folder (--data) has room and is writable",
        ),
    )
}

fn no_draft(id: i64) -> Response {
    problem(
        StatusCode::NOT_FOUND,
        (
            format!("không có bản nháp số {id}"),
            format!("there is no draft {id}"),
        ),
        (
            "xem danh sách bản nháp (GET /api/drafts)",
            "see the list of drafts (GET /api/drafts)",
        ),
    )
}

async fn store_op<T: Send + 'static>(
    st: &Arc<AppState>,
    f: impl FnOnce(&super::store::Store) -> Result<T, super::store::StoreError> + Send + 'static,
) -> Result<T, Response> {
    let st = st.clone();
    match tokio::task::spawn_blocking(move || f(&st.store)).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(store_error(e)),
        Err(e) => Err(store_error(super::store::StoreError(e.to_string()))),
    }
}

/// `GET /api/drafts`.
pub(crate) async fn list_drafts(State(st): State<Arc<AppState>>) -> Response {
    match store_op(&st, |s| s.list()).await {
        Ok(list) => Json(list).into_response(),
        Err(r) => r,
    }
}

/// `POST /api/drafts`: a new draft from the body.
pub(crate) async fn create_draft(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let doc = match read_doc(&headers, body).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let meta = meta_of(&doc);
    match store_op(&st, move |s| s.create(doc.format_name(), &doc.text, &meta)).await {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(r) => r,
    }
}

/// `GET /api/drafts/{id}`: the latest version.
pub(crate) async fn get_draft(State(st): State<Arc<AppState>>, Path(id): Path<i64>) -> Response {
    match store_op(&st, move |s| s.get(id, None)).await {
        Ok(Some(v)) => Json(v).into_response(),
        Ok(None) => no_draft(id),
        Err(r) => r,
    }
}

/// `PUT /api/drafts/{id}`: save a new version.
pub(crate) async fn save_draft(
    State(st): State<Arc<AppState>>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let doc = match read_doc(&headers, body).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let meta = meta_of(&doc);
    match store_op(&st, move |s| {
        s.save(id, doc.format_name(), &doc.text, &meta)
    })
    .await
    {
        Ok(Some(v)) => Json(v).into_response(),
        Ok(None) => no_draft(id),
        Err(r) => r,
    }
}

/// `DELETE /api/drafts/{id}`.
pub(crate) async fn delete_draft(State(st): State<Arc<AppState>>, Path(id): Path<i64>) -> Response {
    match store_op(&st, move |s| s.delete(id)).await {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => no_draft(id),
        Err(r) => r,
    }
}

/// `POST /api/drafts/{id}/restore`: undo a delete (until vanban stops).
pub(crate) async fn restore_draft(
    State(st): State<Arc<AppState>>,
    Path(id): Path<i64>,
) -> Response {
    match store_op(&st, move |s| {
        if s.restore(id)? {
            s.get(id, None)
        } else {
            Ok(None)
        }
    })
    .await
    {
        Ok(Some(v)) => Json(v).into_response(),
        Ok(None) => problem(
            StatusCode::NOT_FOUND,
            (
                format!("không có bản nháp số {id} vừa xóa để lấy lại"),
                format!("there is no deleted draft {id} to restore"),
            ),
            (
                "chỉ lấy lại được bản nháp xóa từ lần chạy vanban này",
                "only drafts deleted since vanban started can be restored",
            ),
        ),
        Err(r) => r,
    }
}

/// `GET /api/drafts/{id}/versions`.
pub(crate) async fn list_versions(
    State(st): State<Arc<AppState>>,
    Path(id): Path<i64>,
) -> Response {
    match store_op(&st, move |s| s.versions(id)).await {
        Ok(Some(v)) => Json(v).into_response(),
        Ok(None) => no_draft(id),
        Err(r) => r,
    }
}

/// `GET /api/drafts/{id}/versions/{version}`.
pub(crate) async fn get_version(
    State(st): State<Arc<AppState>>,
    Path((id, version)): Path<(i64, i64)>,
) -> Response {
    match store_op(&st, move |s| s.get(id, Some(version))).await {
        Ok(Some(v)) => Json(v).into_response(),
        Ok(None) => problem(
            StatusCode::NOT_FOUND,
            (
                format!("bản nháp số {id} không có phiên bản {version}"),
                format!("draft {id} has no version {version}"),
            ),
            (
                "xem các phiên bản (GET /api/drafts/{id}/versions)",
                "see the versions (GET /api/drafts/{id}/versions)",
            ),
        ),
        Err(r) => r,
    }
}

/// Any other path.
pub(crate) async fn not_found() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        (
            "không có trang hoặc lệnh này".to_string(),
            "no such page or endpoint".to_string(),
        ),
        ("xem docs/api.md", "see docs/api.md"),
    )
}
