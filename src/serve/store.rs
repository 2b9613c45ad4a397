//! The clerks' drafts: an embedded SQLite database in the data folder. Every save is a new
//! version (none is ever overwritten), written in one transaction; the database is in WAL
//! mode with `synchronous = FULL`, so a version whose save was answered survives a kill of
//! the server at any moment.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// The database file's name in the data folder.
pub const FILE_NAME: &str = "drafts.sqlite";

/// A draft as listed.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The draft's id.
    pub id: i64,
    /// Its title (the subject, else the kind), from its latest version.
    pub title: String,
    /// The document kind, as written in the data.
    pub kind: String,
    /// The document's date, as written in the data.
    pub date: String,
    /// When the latest version was saved (UTC, RFC 3339).
    pub changed: String,
    /// Number of versions kept.
    pub versions: i64,
}

/// One saved version of a draft.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// The draft's id.
    pub id: i64,
    /// The version's number (1, 2, …; counted per draft).
    pub version: i64,
    /// When it was saved (UTC, RFC 3339).
    pub saved: String,
    /// `yaml`, `json` or `toml`.
    pub format: String,
    /// The document's text.
    pub text: String,
    /// Title, kind and date as listed.
    pub title: String,
    /// The kind.
    pub kind: String,
    /// The date.
    pub date: String,
}

/// A version as listed (without its text).
#[derive(Debug, Clone, Serialize)]
pub struct VersionInfo {
    /// The version's number.
    pub version: i64,
    /// When it was saved.
    pub saved: String,
    /// Its title.
    pub title: String,
    /// Size of its text in bytes.
    pub bytes: i64,
}

/// What the list shows of a document, read from its text.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: String,
    /// Date.
    pub date: String,
}

/// The drafts database.
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
}

/// A database error, worded for the clerk.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(format!("lỗi cơ sở dữ liệu bản nháp: {e}"))
    }
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS drafts (
    id INTEGER PRIMARY KEY,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    draft INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    saved TEXT NOT NULL,
    format TEXT NOT NULL,
    text TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    PRIMARY KEY (draft, version)
);
";

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Store {
    /// Open (or create) the database in `dir`, creating the folder if needed.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| {
            StoreError(format!(
                "không tạo được thư mục dữ liệu {}: {e}",
                dir.display()
            ))
        })?;
        let path = dir.join(FILE_NAME);
        let conn = Connection::open(&path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        // Drafts deleted in an earlier run (kept only so that a delete can be undone while
        // vanban runs) are removed for good; databases from before the undo get the column.
        let has_deleted = conn
            .prepare("SELECT 1 FROM pragma_table_info('drafts') WHERE name = 'deleted'")?
            .exists([])?;
        if !has_deleted {
            conn.execute_batch("ALTER TABLE drafts ADD COLUMN deleted TEXT")?;
        }
        conn.execute_batch(
            "BEGIN;
             DELETE FROM versions WHERE draft IN (SELECT id FROM drafts WHERE deleted IS NOT NULL);
             DELETE FROM drafts WHERE deleted IS NOT NULL;
             COMMIT;",
        )?;
        Ok(Store {
            conn: Mutex::new(conn),
            path,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, rusqlite::Error>,
    ) -> Result<T, StoreError> {
        let mut conn = self
            .conn
            .lock()
            .map_err(|_| StoreError("cơ sở dữ liệu bản nháp bị khóa do lỗi trước".into()))?;
        f(&mut conn).map_err(StoreError::from)
    }

    /// Every draft, the last changed first.
    pub fn list(&self) -> Result<Vec<Summary>, StoreError> {
        self.with(|c| {
            let mut st = c.prepare(
                "SELECT v.draft, v.title, v.kind, v.date, v.saved, n.cnt
                 FROM versions v
                 JOIN (SELECT draft, MAX(version) AS last, COUNT(*) AS cnt
                       FROM versions GROUP BY draft) n
                   ON n.draft = v.draft AND n.last = v.version
                 WHERE v.draft IN (SELECT id FROM drafts WHERE deleted IS NULL)
                 ORDER BY v.saved DESC, v.draft DESC",
            )?;
            let rows = st.query_map([], |r| {
                Ok(Summary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    kind: r.get(2)?,
                    date: r.get(3)?,
                    changed: r.get(4)?,
                    versions: r.get(5)?,
                })
            })?;
            rows.collect()
        })
    }

    /// A new draft with its first version; returns its id.
    pub fn create(&self, format: &str, text: &str, meta: &Meta) -> Result<Version, StoreError> {
        let saved = now();
        let id = self.with(|c| {
            let tx = c.transaction()?;
            tx.execute("INSERT INTO drafts (created) VALUES (?1)", params![saved])?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO versions (draft, version, saved, format, text, title, kind, date)
                 VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, saved, format, text, meta.title, meta.kind, meta.date],
            )?;
            tx.commit()?;
            Ok(id)
        })?;
        self.get(id, None)?
            .ok_or_else(|| StoreError("bản nháp vừa lưu không đọc lại được".into()))
    }

    /// Save a new version of draft `id`; `None` when there is no such draft.
    pub fn save(
        &self,
        id: i64,
        format: &str,
        text: &str,
        meta: &Meta,
    ) -> Result<Option<Version>, StoreError> {
        let saved = now();
        let done = self.with(|c| {
            let tx = c.transaction()?;
            let last: Option<i64> = tx
                .query_row(
                    "SELECT MAX(version) FROM versions WHERE draft = ?1
                     AND draft IN (SELECT id FROM drafts WHERE deleted IS NULL)",
                    params![id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            let Some(last) = last else {
                return Ok(false);
            };
            tx.execute(
                "INSERT INTO versions (draft, version, saved, format, text, title, kind, date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    last + 1,
                    saved,
                    format,
                    text,
                    meta.title,
                    meta.kind,
                    meta.date
                ],
            )?;
            tx.commit()?;
            Ok(true)
        })?;
        if done { self.get(id, None) } else { Ok(None) }
    }

    /// Draft `id` at `version` (the latest when `None`).
    pub fn get(&self, id: i64, version: Option<i64>) -> Result<Option<Version>, StoreError> {
        self.with(|c| {
            let sql = "SELECT draft, version, saved, format, text, title, kind, date
                       FROM versions WHERE draft = ?1
                         AND draft IN (SELECT id FROM drafts WHERE deleted IS NULL)
                         AND version = COALESCE(?2,
                         (SELECT MAX(version) FROM versions WHERE draft = ?1))";
            c.query_row(sql, params![id, version], |r| {
                Ok(Version {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    saved: r.get(2)?,
                    format: r.get(3)?,
                    text: r.get(4)?,
                    title: r.get(5)?,
                    kind: r.get(6)?,
                    date: r.get(7)?,
                })
            })
            .optional()
        })
    }

    /// The versions of draft `id`, the latest first; `None` when there is no such draft.
    pub fn versions(&self, id: i64) -> Result<Option<Vec<VersionInfo>>, StoreError> {
        let list = self.with(|c| {
            let mut st = c.prepare(
                "SELECT version, saved, title, length(CAST(text AS BLOB)) FROM versions
                 WHERE draft = ?1 AND draft IN (SELECT id FROM drafts WHERE deleted IS NULL)
                 ORDER BY version DESC",
            )?;
            let rows = st.query_map(params![id], |r| {
                Ok(VersionInfo {
                    version: r.get(0)?,
                    saved: r.get(1)?,
                    title: r.get(2)?,
                    bytes: r.get(3)?,
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()
        })?;
        Ok(if list.is_empty() { None } else { Some(list) })
    }

    /// Delete draft `id` with all its versions; false when there was none. The draft is
    /// only marked deleted: [`Store::restore`] brings it back until the database is next
    /// opened, which removes it for good.
    pub fn delete(&self, id: i64) -> Result<bool, StoreError> {
        self.with(|c| {
            let n = c.execute(
                "UPDATE drafts SET deleted = ?2 WHERE id = ?1 AND deleted IS NULL",
                params![id, now()],
            )?;
            Ok(n > 0)
        })
    }

    /// Undo the delete of draft `id`, with every version; false when it was not deleted
    /// (or is gone for good).
    pub fn restore(&self, id: i64) -> Result<bool, StoreError> {
        self.with(|c| {
            let n = c.execute(
                "UPDATE drafts SET deleted = NULL WHERE id = ?1 AND deleted IS NOT NULL",
                params![id],
            )?;
            Ok(n > 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_kept_and_listed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let s = Store::open(dir.path()).expect("open");
        let meta = Meta {
            title: "a".into(),
            kind: "cong-van".into(),
            date: "7/2024".into(),
        };
        let v = s.create("yaml", "kind: cong-van\n", &meta).expect("create");
        assert_eq!(v.version, 1);
        let v2 = s.save(v.id, "yaml", "kind: cong-van\nsubject: b\n", &meta);
        assert_eq!(v2.expect("save").expect("draft").version, 2);
        assert!(s.save(999, "yaml", "", &meta).expect("save").is_none());
        let list = s.list().expect("list");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].versions, 2);
        let first = s.get(v.id, Some(1)).expect("get").expect("v1");
        assert_eq!(first.text, "kind: cong-van\n");
        assert_eq!(s.versions(v.id).expect("versions").expect("some").len(), 2);
        assert!(s.delete(v.id).expect("delete"));
        assert!(s.list().expect("list").is_empty());
        assert!(s.get(v.id, None).expect("get").is_none());
        assert!(s.versions(v.id).expect("versions").is_none());
        assert!(s.save(v.id, "yaml", "", &meta).expect("save").is_none());
        assert!(!s.delete(v.id).expect("delete twice"));
        // Undo: the draft is back with both versions.
        assert!(s.restore(v.id).expect("restore"));
        assert!(!s.restore(v.id).expect("restore twice"));
        assert_eq!(s.list().expect("list")[0].versions, 2);
        assert_eq!(
            s.get(v.id, Some(1)).expect("get").expect("v1").text,
            "kind: cong-van\n"
        );
        // Deleted again and the database reopened: gone for good.
        assert!(s.delete(v.id).expect("delete"));
        drop(s);
        let s = Store::open(dir.path()).expect("reopen");
        assert!(!s.restore(v.id).expect("restore after reopen"));
        assert!(s.list().expect("list").is_empty());
        let left: i64 = s
            .with(|c| c.query_row("SELECT COUNT(*) FROM versions", [], |r| r.get(0)))
            .expect("count");
        assert_eq!(left, 0);
    }
}
