//! `POST /api/preview`: the editor's view of a document in one answer, sending again only
//! the pages whose drawing changed.

use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::api::{DocQuery, blocking, diag_list, names_a_file, parse_value, read_doc};
use crate::diag::rules::diagnostics;
use crate::pipeline;

/// `POST /api/preview`: the editor's view of a YAML document in one answer: its pages as
/// SVG (laid out even when the rules find errors), its diagnostics and its data as JSON.
pub(crate) async fn preview(
    State(st): State<Arc<AppState>>,
    Query(q): Query<DocQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let doc = match read_doc(&headers, body).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let started = std::time::Instant::now();
    let have = pages_had(&headers);
    let data = parse_value(&doc);
    if let Some(d) = names_a_file(&doc) {
        return Json(serde_json::json!({
            "pages": [], "diagnostics": diag_list(&[d]), "data": data, "ms": 0
        }))
        .into_response();
    }
    let (stage, lang) = (q.stage(), q.lang());
    let out = blocking(&st, move |st| {
        let source = doc.source();
        let (findings, pages) = pipeline::check_and_preview(&source, &st.res, stage);
        (diagnostics(&findings, lang, false), pages)
    })
    .await;
    match out {
        Err(r) => r,
        Ok((mut diags, pages)) => {
            let pages = match pages {
                // Pages the editor already has (by hash) are sent without their drawing.
                Ok(p) => p
                    .into_iter()
                    .map(|p| {
                        if have.contains(p.hash.as_str()) {
                            serde_json::json!({ "hash": p.hash, "text": &*p.text })
                        } else {
                            serde_json::json!({ "hash": p.hash, "svg": &*p.svg, "text": &*p.text })
                        }
                    })
                    .collect(),
                Err(more) => {
                    for d in more {
                        if !diags.iter().any(|x| x.message == d.message) {
                            diags.push(d);
                        }
                    }
                    Vec::new()
                }
            };
            Json(serde_json::json!({
                "pages": pages,
                "diagnostics": diag_list(&diags),
                "data": data,
                "ms": started.elapsed().as_millis() as u64,
            }))
            .into_response()
        }
    }
}

/// The hashes of the pages the editor already shows (`X-Vanban-Have: HASH,HASH,…`).
fn pages_had(headers: &HeaderMap) -> std::collections::HashSet<String> {
    headers
        .get("x-vanban-have")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .take(10_000)
        .map(str::to_string)
        .collect()
}
