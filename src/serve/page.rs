//! The editor's page (HTML, CSS and JavaScript compiled into the binary), the kind
//! catalogue with a ready example of each kind, and the field help of `vanban schema`.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::data::catalogue::System;

const INDEX: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/app.css");

/// The ready examples, by kind (the repository's samples, seed data of real documents).
const SAMPLES: &[(&str, &str)] = &[
    (
        "cong-van",
        include_str!("../../samples/cong-van-ubnd-huu-lung.yaml"),
    ),
    (
        "quyet-dinh",
        include_str!("../../samples/quyet-dinh-ubnd-ha-tinh.yaml"),
    ),
    (
        "nghi-quyet",
        include_str!("../../samples/nghi-quyet-hdnd-xa-an-binh.yaml"),
    ),
    (
        "chi-thi",
        include_str!("../../samples/chi-thi-ubnd-kon-tum.yaml"),
    ),
    (
        "ke-hoach",
        include_str!("../../samples/ke-hoach-ubnd-huu-lung.yaml"),
    ),
    (
        "thong-bao",
        include_str!("../../samples/thong-bao-ubnd-ha-tinh.yaml"),
    ),
    (
        "bao-cao",
        include_str!("../../samples/bao-cao-ubnd-xa-an-binh.yaml"),
    ),
    (
        "to-trinh",
        include_str!("../../samples/to-trinh-so-nnptnt-ha-tinh.yaml"),
    ),
    (
        "giay-moi",
        include_str!("../../samples/giay-moi-ubnd-huu-lung.yaml"),
    ),
    (
        "bien-ban",
        include_str!("../../samples/bien-ban-hop-bcd-huu-lung.yaml"),
    ),
    ("cong-dien", include_str!("page/cong-dien.yaml")),
    (
        "dang-cong-van",
        include_str!("../../samples/cong-van-tinh-uy-ha-tinh-1144.yaml"),
    ),
    (
        "dang-ket-luan",
        include_str!("../../samples/ket-luan-tinh-uy-ha-tinh.yaml"),
    ),
];

/// The example a new document of `kind` starts from: the kind's own sample, else the
/// sample of a kind of the same system laid out the same way, with its `kind` line
/// replaced. The samples' leading comments are dropped.
pub fn example(kind: &str, system: System) -> String {
    let own = SAMPLES.iter().find(|(k, _)| *k == kind).map(|(_, t)| *t);
    let base = own.unwrap_or_else(|| {
        let stand_in = match system {
            System::State => "ke-hoach",
            System::Party => "dang-ket-luan",
        };
        SAMPLES
            .iter()
            .find(|(k, _)| *k == stand_in)
            .map_or("", |(_, t)| *t)
    });
    let mut out = String::new();
    let mut head = true;
    for line in base.lines() {
        if head && (line.starts_with('#') || line.trim().is_empty()) {
            continue;
        }
        head = false;
        if line.starts_with("kind:") {
            out.push_str(&format!("kind: {kind}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn with_type(body: &'static str, mime: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    r
}

/// `GET /`.
pub(crate) async fn index() -> Response {
    let mut r = with_type(INDEX, "text/html; charset=utf-8");
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        ),
    );
    r
}

/// `GET /app.js`.
pub(crate) async fn script() -> Response {
    with_type(SCRIPT, "text/javascript; charset=utf-8")
}

/// `GET /app.css`.
pub(crate) async fn style() -> Response {
    with_type(STYLE, "text/css; charset=utf-8")
}

/// `GET /api/kinds`: the catalogue of the server's templates, each kind with its example.
pub(crate) async fn kinds(State(st): State<Arc<AppState>>) -> Response {
    let list: Vec<serde_json::Value> = st
        .res
        .catalogue()
        .kinds()
        .map(|k| {
            serde_json::json!({
                "id": k.id,
                "name": if k.name.is_empty() { "CÔNG VĂN".to_string() } else { k.name.clone() },
                "system": match k.system { System::State => "state", System::Party => "party" },
                "recipients": k.recipients,
                "requires": k.requires,
                "example": example(&k.id, k.system),
            })
        })
        .collect();
    Json(list).into_response()
}

/// `GET /api/schema`: the JSON Schema of `vanban schema`, whose descriptions are the
/// form's field help.
pub(crate) async fn schema() -> Response {
    with_type_owned(crate::schema::input_schema(), "application/json")
}

fn with_type_owned(body: String, mime: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    r
}
