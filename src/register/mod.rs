//! The register of issued documents (sổ đăng ký văn bản đi, NĐ 30/2020, Điều 15–16): one
//! SQLite file that gives each issued document the next number of its series, once, and
//! records what the register needs.
//!
//! A series is an issuing body's code (from the symbol: `UBND` in `…/UBND-VP`, `QĐ-UBND`,
//! `CV/TU`), a year (from the issue date: numbers restart at 01 on 1 January) and whether
//! the document has a secrecy level (secret documents are numbered apart). [`Register`] is
//! the library's API: [`Register::open`], [`Register::issue`] (in [`issue`]),
//! [`Register::start`], [`Register::cancel`], [`Register::list`]; the binary and a future
//! server call only these.
//!
//! Concurrency: the database is in WAL mode; every change runs in a `BEGIN IMMEDIATE`
//! transaction and a process that finds the file locked waits (SQLite's busy timeout,
//! [`WAIT`]) instead of failing. The crash cases of an issue are described in [`issue`].

mod error;
pub mod issue;
mod recover;
mod series;
pub mod table;
mod xlsx;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

pub use error::{Error, ErrorKind};
pub use series::{Series, issuer_code, valid_code};

pub use issue::{IssueJob, Issued};
pub use table::Entry;

/// How long a process waits for another one that holds the register (seconds); the
/// environment variable `VANBAN_REGISTER_WAIT` sets another value.
pub const WAIT: u64 = 120;

/// `PRAGMA application_id` of a vanban register ("VBan").
const APPLICATION_ID: i32 = 0x5642_616e;

/// The schema's version (`PRAGMA user_version`).
const SCHEMA_VERSION: i32 = 1;

const SCHEMA: &str = "
CREATE TABLE issuers (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT ''
);
CREATE TABLE series (
    issuer TEXT NOT NULL REFERENCES issuers(code),
    year INTEGER NOT NULL,
    secret INTEGER NOT NULL,
    next INTEGER NOT NULL CHECK (next >= 1),
    PRIMARY KEY (issuer, year, secret)
);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    issuer TEXT NOT NULL,
    year INTEGER NOT NULL,
    secret INTEGER NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    number_symbol TEXT NOT NULL,
    symbol TEXT NOT NULL,
    date TEXT NOT NULL,
    kind TEXT NOT NULL,
    kind_name TEXT NOT NULL,
    subject TEXT NOT NULL,
    signer TEXT NOT NULL,
    recipients TEXT NOT NULL,
    archive TEXT NOT NULL,
    copies INTEGER,
    secrecy TEXT,
    input_name TEXT NOT NULL,
    input_data TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    placed INTEGER NOT NULL DEFAULT 0,
    cancelled_at TEXT,
    cancel_reason TEXT,
    UNIQUE (issuer, year, secret, number)
);
CREATE TABLE files (
    entry INTEGER NOT NULL REFERENCES entries(id),
    format TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    part TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    issuer TEXT,
    year INTEGER,
    secret INTEGER,
    number INTEGER,
    detail TEXT NOT NULL
);
";

/// How long to wait for a register another process holds.
pub fn wait() -> Duration {
    let secs = std::env::var("VANBAN_REGISTER_WAIT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or(WAIT);
    Duration::from_secs(secs)
}

/// The register used when none is named: `$XDG_DATA_HOME/vanban/register.sqlite`, else
/// `~/.local/share/vanban/register.sqlite` (`%APPDATA%\vanban\register.sqlite` on Windows).
pub fn default_path() -> Option<PathBuf> {
    let nonempty = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(windows) {
        nonempty("APPDATA")
    } else {
        nonempty("XDG_DATA_HOME")
            .filter(|p| p.is_absolute())
            .or_else(|| nonempty("HOME").map(|h| h.join(".local").join("share")))
    }?;
    Some(base.join("vanban").join("register.sqlite"))
}

/// The register: one SQLite file.
pub struct Register {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl Register {
    /// Open the register at `path` for issuing, creating it (and its folder) when missing.
    /// Documents a killed run left half placed are finished first ([`Register::recover`]).
    pub fn open(path: &Path) -> Result<Register, Error> {
        if path.is_dir() {
            return Err(Error::new(
                ErrorKind::Other,
                (
                    format!(
                        "{} là một thư mục, không phải tệp sổ đăng ký",
                        path.display()
                    ),
                    format!("{} is a folder, not a register file", path.display()),
                ),
            )
            .hint((
                "ghi đường dẫn tệp, ví dụ --register so-di.sqlite",
                "name a file, e.g. --register so-di.sqlite",
            )));
        }
        check_header(path)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            return Err(Error::new(
                ErrorKind::ReadOnly,
                (
                    format!(
                        "không tạo được thư mục {} cho sổ đăng ký: {e}",
                        parent.display()
                    ),
                    format!(
                        "cannot create the folder {} for the register: {e}",
                        parent.display()
                    ),
                ),
            )
            .hint((
                "đặt sổ ở thư mục ghi được (--register TỆP)",
                "keep the register in a writable folder (--register FILE)",
            )));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| Error::db(path, &e))?;
        let mut reg = Register {
            conn,
            path: path.to_path_buf(),
            read_only: false,
        };
        reg.setup()?;
        reg.recover(&[])?;
        Ok(reg)
    }

    /// Open an existing register to read it (`vanban register`): read-write when it can be
    /// (so a killed run's documents are finished), else read-only.
    pub fn open_to_read(path: &Path) -> Result<Register, Error> {
        if !path.is_file() {
            return Err(Error::new(
                ErrorKind::Missing,
                (
                    format!("chưa có sổ đăng ký tại {}", path.display()),
                    format!("there is no register at {}", path.display()),
                ),
            )
            .hint((
                "cấp số văn bản đầu tiên bằng `vanban issue`, hoặc chỉ đúng tệp sổ bằng --register TỆP",
                "issue the first document with `vanban issue`, or name the register with --register FILE",
            )));
        }
        match Register::open(path) {
            Err(e) if e.kind == ErrorKind::ReadOnly => {
                check_header(path)?;
                let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let conn =
                    Connection::open_with_flags(path, flags).map_err(|e| Error::db(path, &e))?;
                let _ = conn.busy_timeout(wait());
                let reg = Register {
                    conn,
                    path: path.to_path_buf(),
                    read_only: true,
                };
                reg.check_ours()?;
                Ok(reg)
            }
            other => other,
        }
    }

    /// The register's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the register was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn db(&self, e: rusqlite::Error) -> Error {
        Error::db(&self.path, &e)
    }

    /// WAL, full sync, busy timeout, and the schema of a new file.
    fn setup(&mut self) -> Result<(), Error> {
        let path = self.path.clone();
        let db = |e: rusqlite::Error| Error::db(&path, &e);
        self.conn.busy_timeout(wait()).map_err(db)?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(db)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::new(
                ErrorKind::ReadOnly,
                (
                    format!(
                        "không bật được chế độ WAL cho sổ đăng ký {} (chế độ hiện tại: {mode})",
                        path.display()
                    ),
                    format!(
                        "cannot switch the register {} to WAL mode (current mode: {mode})",
                        path.display()
                    ),
                ),
            )
            .hint((
                "đặt sổ ở ổ đĩa cục bộ ghi được (--register TỆP)",
                "keep the register on a writable local disk (--register FILE)",
            )));
        }
        // A commit survives a power cut: the number given is never given again.
        self.conn
            .execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            .map_err(db)?;
        let tx = self.immediate()?;
        let app: i32 = tx
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(db)?;
        let tables: i64 = tx
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(db)?;
        if app == 0 && tables == 0 {
            tx.execute_batch(SCHEMA).map_err(db)?;
            tx.execute_batch(&format!(
                "PRAGMA application_id={APPLICATION_ID}; PRAGMA user_version={SCHEMA_VERSION};"
            ))
            .map_err(db)?;
        }
        tx.commit().map_err(db)?;
        self.check_ours()
    }

    /// The file is a vanban register of a version this program reads.
    fn check_ours(&self) -> Result<(), Error> {
        let p = self.path.display();
        let app: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| self.db(e))?;
        if app != APPLICATION_ID {
            return Err(Error::new(
                ErrorKind::Foreign,
                (
                    format!("{p} là cơ sở dữ liệu SQLite nhưng không phải sổ đăng ký của vanban"),
                    format!("{p} is a SQLite database but not a vanban register"),
                ),
            )
            .hint((
                "chỉ đúng tệp sổ bằng --register TỆP; không dùng tệp của chương trình khác",
                "name the right register with --register FILE; do not use another program's file",
            )));
        }
        let version: i32 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.db(e))?;
        if version > SCHEMA_VERSION {
            return Err(Error::new(
                ErrorKind::Foreign,
                (
                    format!("sổ đăng ký {p} do phiên bản vanban mới hơn tạo (lược đồ {version})"),
                    format!("the register {p} was made by a newer vanban (schema {version})"),
                ),
            )
            .hint(("cập nhật vanban", "update vanban")));
        }
        Ok(())
    }

    /// A `BEGIN IMMEDIATE` transaction: the write lock is taken now (waiting up to
    /// [`wait`]), so two processes never read the same next number.
    fn immediate(&mut self) -> Result<rusqlite::Transaction<'_>, Error> {
        let path = self.path.clone();
        rusqlite::Transaction::new(&mut self.conn, rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| Error::db(&path, &e))
    }

    /// Start (or move forward) a series: the next document gets `next`. An office that
    /// switches to vanban in the middle of a year gives the number it has reached. A series
    /// never goes back: a number at or below one already used is refused.
    pub fn start(&mut self, series: &Series, next: u32) -> Result<(), Error> {
        if !valid_code(&series.issuer) {
            return Err(Error::refused(
                (
                    format!("mã cơ quan `{}` không hợp lệ", series.issuer),
                    format!("the issuer code `{}` is not valid", series.issuer),
                ),
                (
                    "ghi mã như trong ký hiệu văn bản, chỉ gồm chữ và số, ví dụ --issuer UBND",
                    "write the code as in the document symbol, letters and digits only, e.g. --issuer UBND",
                ),
            ));
        }
        if next == 0 {
            return Err(Error::refused(
                ("số bắt đầu phải từ 1", "the next number must be 1 or more"),
                ("ví dụ --next 145", "e.g. --next 145"),
            ));
        }
        let path = self.path.clone();
        let db = |e: rusqlite::Error| Error::db(&path, &e);
        let tx = self.immediate()?;
        let last: Option<u32> = tx
            .query_row(
                "SELECT max(number) FROM entries WHERE issuer=?1 AND year=?2 AND secret=?3",
                params![series.issuer, series.year, series.secret],
                |r| r.get(0),
            )
            .map_err(db)?;
        if let Some(last) = last
            && next <= last
        {
            return Err(Error::refused(
                (
                    format!(
                        "sổ {} đã cấp đến số {last:02}: không bắt đầu lại từ số {next:02} được (số sẽ bị trùng)",
                        series.describe().vi
                    ),
                    format!(
                        "the series {} has already reached number {last:02}: it cannot restart at {next:02} (numbers would repeat)",
                        series.describe().en
                    ),
                ),
                (
                    format!(
                        "chọn --next lớn hơn {last}; số đã cấp muốn bỏ thì dùng `vanban register cancel`"
                    ),
                    format!(
                        "choose --next above {last}; to withdraw an issued number use `vanban register cancel`"
                    ),
                ),
            ));
        }
        tx.execute(
            "INSERT OR IGNORE INTO issuers(code, name) VALUES (?1, '')",
            params![series.issuer],
        )
        .map_err(db)?;
        tx.execute(
            "INSERT INTO series(issuer, year, secret, next) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(issuer, year, secret) DO UPDATE SET next=excluded.next",
            params![series.issuer, series.year, series.secret, next],
        )
        .map_err(db)?;
        event(&tx, "start", series, None, &format!("next={next}")).map_err(db)?;
        tx.commit().map_err(db)
    }

    /// Cancel an issued number with a reason: the entry stays in the register marked
    /// cancelled, and the number is never given again.
    pub fn cancel(&mut self, series: &Series, number: u32, reason: &str) -> Result<Entry, Error> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::refused(
                ("thiếu lý do hủy số", "the reason for cancelling is missing"),
                (
                    "ghi lý do, ví dụ --reason \"Văn bản ban hành nhầm\"",
                    "give a reason, e.g. --reason \"Issued by mistake\"",
                ),
            ));
        }
        let path = self.path.clone();
        let db = |e: rusqlite::Error| Error::db(&path, &e);
        let tx = self.immediate()?;
        let row: Option<(i64, Option<String>)> = tx
            .query_row(
                "SELECT id, cancelled_at FROM entries WHERE issuer=?1 AND year=?2 AND secret=?3 AND number=?4",
                params![series.issuer, series.year, series.secret, number],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(db)?;
        let Some((id, cancelled)) = row else {
            return Err(Error::refused(
                (
                    format!(
                        "sổ {} không có văn bản số {number:02}",
                        series.describe().vi
                    ),
                    format!(
                        "the series {} has no document number {number:02}",
                        series.describe().en
                    ),
                ),
                (
                    "xem các số đã cấp bằng `vanban register --year NĂM --issuer MÃ` (văn bản mật: thêm --secret)",
                    "list the issued numbers with `vanban register --year YEAR --issuer CODE` (secret documents: add --secret)",
                ),
            ));
        };
        if let Some(at) = cancelled {
            return Err(Error::refused(
                (
                    format!(
                        "văn bản số {number:02} của sổ {} đã bị hủy ({at})",
                        series.describe().vi
                    ),
                    format!(
                        "document number {number:02} of the series {} was already cancelled ({at})",
                        series.describe().en
                    ),
                ),
                ("không cần hủy lại", "nothing to do"),
            ));
        }
        let now = now();
        tx.execute(
            "UPDATE entries SET cancelled_at=?1, cancel_reason=?2 WHERE id=?3",
            params![now, reason, id],
        )
        .map_err(db)?;
        event(&tx, "cancel", series, Some(number), reason).map_err(db)?;
        tx.commit().map_err(db)?;
        let all = self.list(&table::Filter {
            issuer: Some(series.issuer.clone()),
            year: Some(series.year),
            secret: Some(series.secret),
        })?;
        all.into_iter().find(|e| e.number == number).ok_or_else(|| {
            Error::new(
                ErrorKind::Other,
                (
                    "không đọc lại được mục vừa hủy",
                    "cannot read back the cancelled entry",
                ),
            )
        })
    }

    /// The entries matching `filter`, by issuer, year, secret, number.
    pub fn list(&self, filter: &table::Filter) -> Result<Vec<Entry>, Error> {
        table::list(&self.conn, filter).map_err(|e| self.db(e))
    }

    /// Finish the documents a killed run left half placed: an entry whose transaction
    /// committed but whose files were not all renamed into place gets them from its
    /// `.part` files (checked by SHA-256); `.vanban-issue-*.part` files of `dirs` (and of
    /// those entries' folders) that belong to no entry are removed — they are what a run
    /// killed before its commit left, and their number was never used. Runs under the
    /// write lock, so no other process is between writing its parts and committing.
    /// Returns the entries whose files could not be found (they stay marked unplaced).
    pub fn recover(&mut self, dirs: &[&Path]) -> Result<Vec<String>, Error> {
        recover::recover(self, dirs)
    }
}

/// Refuse a file that is plainly not SQLite before SQLite reads it (a damaged file gets
/// the corrupt message, not a confusing one later).
fn check_header(path: &Path) -> Result<(), Error> {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return Ok(());
    };
    let mut head = [0u8; 16];
    let n = f.read(&mut head).unwrap_or(0);
    if n == 0 || head.starts_with(b"SQLite format 3\0") {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Corrupt,
        (
            format!("tệp sổ đăng ký {} bị hỏng hoặc không phải tệp sổ đăng ký (phần đầu tệp không phải SQLite)", path.display()),
            format!("the register file {} is damaged or is not a register (its header is not SQLite)", path.display()),
        ),
    )
    .hint((
        "khôi phục tệp sổ từ bản sao lưu gần nhất, hoặc chỉ đúng tệp sổ bằng --register TỆP",
        "restore the register file from the latest backup, or name the right file with --register FILE",
    )))
}

/// Now, as recorded (local time, RFC 3339).
fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Record an event of the register (start, cancel).
fn event(
    tx: &rusqlite::Transaction<'_>,
    action: &str,
    s: &Series,
    number: Option<u32>,
    detail: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO events(at, action, issuer, year, secret, number, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![now(), action, s.issuer, s.year, s.secret, number, detail],
    )
    .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_codes_from_symbols() {
        assert_eq!(issuer_code("", false, "UBND-NL₅"), "UBND");
        assert_eq!(issuer_code("QĐ", false, "QĐ-UBND"), "UBND");
        assert_eq!(issuer_code("QĐ", false, "UBND-VP"), "UBND");
        assert_eq!(issuer_code("CV", true, "CV/TU"), "TU");
        assert_eq!(issuer_code("CV", true, "CV/BTG-TU"), "BTG");
        assert_eq!(issuer_code("", false, "145/UBND-VP"), "UBND");
        assert!(valid_code("UBND"));
        assert!(!valid_code("UB ND"));
        assert!(!valid_code(""));
    }
}
