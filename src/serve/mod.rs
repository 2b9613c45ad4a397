//! `vanban serve`: the clerks' editor in the browser and a small JSON/HTTP API (docs/api.md),
//! on one local server.
//!
//! - Listens on the loopback interface unless told otherwise; on another address every
//!   request must carry the token (`Authorization: Bearer …`, or the cookie the page gets
//!   from `?token=…`).
//! - Every request's `Host` must name this server (no DNS rebinding) and its `Origin`, when
//!   given, must be this server (no cross-site posts).
//! - Request bodies are read up to the document size limit of the CLI; a document is made
//!   on a blocking thread by the library's pipeline, at most [`RENDER_SLOTS`] at a time and
//!   answered within [`RENDER_TIMEOUT`].
//! - The templates are loaded once at start; no request names a path on disk (a document
//!   whose task table names a file is refused).

mod api;
mod files;
mod guard;
pub mod page;
mod preview;
pub mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::pipeline::Resources;

/// Most documents made at once (each on its own blocking thread).
pub const RENDER_SLOTS: usize = 2;

/// The longest a request waits for its document to be made.
pub const RENDER_TIMEOUT: Duration = Duration::from_secs(60);

/// The largest request body: the CLI's limit on a document file.
pub const MAX_BODY_BYTES: usize = crate::data::MAX_INPUT_BYTES as usize;

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on.
    pub addr: SocketAddr,
    /// The token every request must carry (required when `addr` is not loopback).
    pub token: Option<String>,
    /// The folder of the drafts database.
    pub data_dir: PathBuf,
    /// The `--templates` folder, read once at start.
    pub templates: Option<PathBuf>,
}

/// What the handlers share.
pub(crate) struct AppState {
    res: Resources,
    store: store::Store,
    token: Option<String>,
    /// The `Host` values this server answers to.
    hosts: Vec<String>,
    /// Any `Host` (listening on every interface, with a token).
    any_host: bool,
    slots: Arc<Semaphore>,
}

/// A bound server, not yet serving.
pub struct Server {
    listener: TcpListener,
    state: Arc<AppState>,
    local: SocketAddr,
}

/// The default data folder: `$XDG_DATA_HOME/vanban`, else `~/.local/share/vanban`.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
        return Some(PathBuf::from(x).join("vanban"));
    }
    let home = std::env::var_os("HOME").filter(|x| !x.is_empty())?;
    Some(PathBuf::from(home).join(".local/share/vanban"))
}

/// A new random token (32 hexadecimal digits) from the operating system's random source.
pub fn new_token() -> Result<String, String> {
    use std::io::Read;
    let mut buf = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| format!("không tạo được mã truy cập ngẫu nhiên: {e}"))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

impl Server {
    /// Load the resources, open the database and bind the address.
    pub async fn bind(cfg: Config) -> Result<Server, String> {
        if !cfg.addr.ip().is_loopback() && cfg.token.as_deref().is_none_or(str::is_empty) {
            return Err(format!(
                "địa chỉ {} không phải địa chỉ nội bộ (loopback): cần --token",
                cfg.addr
            ));
        }
        let res = Resources::load(cfg.templates.as_deref())?;
        let store = store::Store::open(&cfg.data_dir).map_err(|e| e.to_string())?;
        let listener = TcpListener::bind(cfg.addr)
            .await
            .map_err(|e| format!("không mở được cổng {}: {e}", cfg.addr))?;
        let local = listener
            .local_addr()
            .map_err(|e| format!("không đọc được địa chỉ máy chủ: {e}"))?;
        let port = local.port();
        let mut hosts = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        if !local.ip().is_unspecified() {
            hosts.push(local.to_string());
        }
        let state = AppState {
            res,
            store,
            token: cfg.token.filter(|t| !t.is_empty()),
            hosts,
            any_host: local.ip().is_unspecified(),
            slots: Arc::new(Semaphore::new(RENDER_SLOTS)),
        };
        Ok(Server {
            listener,
            state: Arc::new(state),
            local,
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// The address to open in a browser (with the token, when there is one).
    pub fn url(&self) -> String {
        let host = if self.local.ip().is_unspecified() || self.local.ip().is_loopback() {
            format!("127.0.0.1:{}", self.local.port())
        } else {
            self.local.to_string()
        };
        match &self.state.token {
            Some(t) => format!("http://{host}/?token={t}"),
            None => format!("http://{host}/"),
        }
    }

    /// The drafts database file.
    pub fn database(&self) -> PathBuf {
        self.state.store.path().to_path_buf()
    }

    /// Serve until `shutdown` completes.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), String> {
        let app = router(self.state);
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| format!("máy chủ dừng vì lỗi: {e}"))
    }
}

fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/app.css", get(page::style))
        .route("/api/kinds", get(page::kinds))
        .route("/api/schema", get(page::schema))
        .route("/api/check", post(api::check))
        .route("/api/render", post(api::render))
        .route("/api/preview", post(preview::preview))
        .route("/api/open", post(files::open))
        .route("/api/extracts", post(files::extracts))
        .route("/api/drafts", get(api::list_drafts).post(api::create_draft))
        .route(
            "/api/drafts/{id}",
            get(api::get_draft)
                .put(api::save_draft)
                .delete(api::delete_draft),
        )
        .route("/api/drafts/{id}/restore", post(api::restore_draft))
        .route("/api/drafts/{id}/versions", get(api::list_versions))
        .route("/api/drafts/{id}/versions/{version}", get(api::get_version))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .layer(axum::extract::DefaultBodyLimit::disable())
        .with_state(state)
}
