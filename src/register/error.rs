//! The register's failures, worded in Vietnamese and English with how to fix them.

use std::path::Path;

use rusqlite::ErrorCode;

use super::wait;
use crate::diag::{Bi, Lang};

/// What kind of failure, for callers that act on it (a read-only register can still be
/// listed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Another process held the register longer than [`WAIT`].
    Locked,
    /// The file is damaged, or is not a SQLite database.
    Corrupt,
    /// A SQLite database, but not a vanban register.
    Foreign,
    /// The register's file or folder cannot be written.
    ReadOnly,
    /// No register at the path (when reading).
    Missing,
    /// The request does not fit the register (unknown series, number already used, …).
    Refused,
    /// Anything else (disk full, I/O).
    Other,
}

/// A register failure, worded in Vietnamese and English, with how to fix it.
#[derive(Debug, Clone)]
pub struct Error {
    /// What kind.
    pub kind: ErrorKind,
    /// What went wrong.
    pub message: Bi,
    /// How to fix it.
    pub hint: Option<Bi>,
}

impl Error {
    /// A failure of `kind`.
    pub fn new(kind: ErrorKind, message: impl Into<Bi>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
        }
    }

    /// Add how to fix it.
    pub fn hint(mut self, hint: impl Into<Bi>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// A request the register refuses.
    pub fn refused(message: impl Into<Bi>, hint: impl Into<Bi>) -> Self {
        Error::new(ErrorKind::Refused, message).hint(hint)
    }

    /// The message and hint as printed in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let (err, fix) = match lang {
            Lang::Vi => ("lỗi", "cách sửa"),
            Lang::En => ("error", "fix"),
        };
        let mut s = format!("{err}: {}", self.message.get(lang));
        if let Some(h) = &self.hint {
            s.push_str(&format!("\n  {fix}: {}", h.get(lang)));
        }
        s
    }

    /// A SQLite failure on the register at `path`, worded for the clerk.
    pub fn db(path: &Path, e: &rusqlite::Error) -> Self {
        let p = path.display();
        let code = e.sqlite_error_code();
        match code {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::new(
                ErrorKind::Locked,
                (
                    format!("sổ đăng ký {p} đang bị một tiến trình khác giữ (khóa) quá {} giây", wait().as_secs()),
                    format!("the register {p} has been held (locked) by another process for more than {} seconds", wait().as_secs()),
                ),
            )
            .hint((
                "chờ lệnh vanban khác đang cấp số xong rồi chạy lại; nếu không còn lệnh nào chạy, kiểm tra chương trình khác đang mở tệp sổ",
                "wait for the other vanban command that is issuing to finish and run again; if none is running, check which other program has the register file open",
            )),
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::new(
                ErrorKind::Corrupt,
                (
                    format!("tệp sổ đăng ký {p} bị hỏng hoặc không phải tệp sổ đăng ký ({e})"),
                    format!("the register file {p} is damaged or is not a register ({e})"),
                ),
            )
            .hint((
                "khôi phục tệp sổ từ bản sao lưu gần nhất; không cấp số khi sổ hỏng (số có thể bị trùng)",
                "restore the register file from the latest backup; do not issue while it is damaged (numbers could repeat)",
            )),
            Some(
                ErrorCode::ReadOnly
                | ErrorCode::CannotOpen
                | ErrorCode::PermissionDenied
                | ErrorCode::AuthorizationForStatementDenied,
            ) => Error::new(
                ErrorKind::ReadOnly,
                (
                    format!("không ghi được vào sổ đăng ký {p} (thư mục hoặc tệp chỉ đọc, hoặc không mở được): {e}"),
                    format!("the register {p} cannot be written (read-only folder or file, or it cannot be opened): {e}"),
                ),
            )
            .hint((
                "đặt sổ ở thư mục ghi được (--register TỆP); sổ cần ghi được cả tệp và thư mục chứa nó",
                "keep the register in a writable folder (--register FILE); both the file and its folder must be writable",
            )),
            Some(ErrorCode::DiskFull) => Error::new(
                ErrorKind::Other,
                (
                    format!("ổ đĩa chứa sổ đăng ký {p} đã đầy"),
                    format!("the disk holding the register {p} is full"),
                ),
            )
            .hint(("giải phóng chỗ trống rồi chạy lại", "free some space and run again")),
            _ => Error::new(
                ErrorKind::Other,
                (
                    format!("lỗi sổ đăng ký {p}: {e}"),
                    format!("register error {p}: {e}"),
                ),
            ),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::Vi))
    }
}

impl std::error::Error for Error {}
