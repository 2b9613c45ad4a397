//! The checks every request passes before a handler sees it: the `Host` names this server,
//! the `Origin` (when sent) is this server, the token (when there is one) is carried.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::api::problem;

/// The cookie that carries the token after the page was opened with `?token=…`.
const COOKIE: &str = "vanban_token";

/// Refuse a request that fails a check; set the token cookie when the page is opened with
/// the right `?token=…`.
pub(crate) async fn guard(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !st.any_host && !st.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return problem(
            StatusCode::FORBIDDEN,
            (
                format!("máy chủ không nhận tên miền `{host}`"),
                format!("the server does not answer to host `{host}`"),
            ),
            (
                "mở trang bằng địa chỉ vanban serve đã in ra (ví dụ http://127.0.0.1:8080/)",
                "open the address vanban serve printed (e.g. http://127.0.0.1:8080/)",
            ),
        );
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let ok = origin
            .to_str()
            .ok()
            .and_then(|o| o.strip_prefix("http://"))
            .is_some_and(|o| o.eq_ignore_ascii_case(host));
        if !ok {
            return problem(
                StatusCode::FORBIDDEN,
                (
                    "yêu cầu đến từ một trang khác, không được nhận".to_string(),
                    "a request from another site is refused".to_string(),
                ),
                (
                    "chỉ trang của vanban serve mới gửi được yêu cầu này",
                    "only vanban serve's own page may send this request",
                ),
            );
        }
    } else if headers
        .get("sec-fetch-site")
        .is_some_and(|s| s.as_bytes() == b"cross-site")
    {
        return problem(
            StatusCode::FORBIDDEN,
            (
                "yêu cầu đến từ một trang khác, không được nhận".to_string(),
                "a request from another site is refused".to_string(),
            ),
            (
                "chỉ trang của vanban serve mới gửi được yêu cầu này",
                "only vanban serve's own page may send this request",
            ),
        );
    }
    let mut set_cookie = false;
    if let Some(token) = &st.token {
        let query_token = req.uri().query().and_then(|q| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("token="))
                .map(str::to_string)
        });
        if query_token.as_deref().is_some_and(|t| same(t, token)) {
            set_cookie = true;
        } else if !carries(headers, token) {
            return problem(
                StatusCode::UNAUTHORIZED,
                (
                    "thiếu mã truy cập hoặc mã không đúng".to_string(),
                    "the access token is missing or wrong".to_string(),
                ),
                (
                    "mở trang bằng địa chỉ có ?token=… mà vanban serve đã in ra, hoặc gửi tiêu đề `Authorization: Bearer <mã>`",
                    "open the address with ?token=… that vanban serve printed, or send the header `Authorization: Bearer <token>`",
                ),
            );
        }
    }
    let mut resp = next.run(req).await;
    if set_cookie
        && let Some(token) = &st.token
        && let Ok(v) = HeaderValue::from_str(&format!(
            "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
        ))
    {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    let h = resp.headers_mut();
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp.into_response()
}

/// Whether the request carries the token, as a bearer header or as the cookie.
fn carries(headers: &HeaderMap, token: &str) -> bool {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|t| same(t.trim(), token));
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .any(|t| same(t, token));
    bearer || cookie
}

/// Compare in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
