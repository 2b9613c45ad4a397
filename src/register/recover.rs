//! Putting an issued document's files in place, and finishing what a killed run left
//! (see the crash cases in [`super::issue`]).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::params;

use super::{Error, Register};
use crate::output::sha256_hex;

/// Prefix and suffix of an issue's temporary files.
pub(super) const PART_PREFIX: &str = ".vanban-issue-";
pub(super) const PART_SUFFIX: &str = ".part";

/// Write `bytes` to the temporary `part` (replacing one a killed run left), synced.
pub(super) fn write_part(part: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(part)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Sync a folder so that renames in it survive a power cut (Unix; elsewhere nothing).
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// SHA-256 of a file, if it can be read.
fn file_sha(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| sha256_hex(&b))
}

/// Put a registered file in place: already there with its SHA-256, or renamed from its
/// `.part` (checked). Idempotent: two processes doing it at once both end with `true`.
pub(super) fn place(part: &Path, target: &Path, sha: &str) -> std::io::Result<bool> {
    if file_sha(target).as_deref() == Some(sha) {
        let _ = std::fs::remove_file(part);
        return Ok(true);
    }
    if file_sha(part).as_deref() == Some(sha) {
        match std::fs::rename(part, target) {
            Ok(()) => return Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(file_sha(target).as_deref() == Some(sha))
}

/// [`Register::recover`].
pub(super) fn recover(reg: &mut Register, dirs: &[&Path]) -> Result<Vec<String>, Error> {
    if reg.read_only {
        return Ok(Vec::new());
    }
    let path = reg.path.clone();
    let db = |e: rusqlite::Error| Error::db(&path, &e);
    let pending: i64 = reg
        .conn
        .query_row("SELECT count(*) FROM entries WHERE placed=0", [], |r| {
            r.get(0)
        })
        .map_err(db)?;
    if pending == 0 && dirs.is_empty() {
        return Ok(Vec::new());
    }
    let tx = reg.immediate()?;
    let rows: Vec<(i64, String, String, String, String)> = tx
        .prepare(
            "SELECT e.id, e.number_symbol, f.path, f.part, f.sha256 FROM files f
             JOIN entries e ON f.entry = e.id WHERE e.placed = 0 ORDER BY e.id",
        )
        .and_then(|mut s| {
            s.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect()
        })
        .map_err(db)?;
    let mut missing: Vec<(i64, String)> = Vec::new();
    let mut keep_parts = BTreeSet::new();
    let mut folders: BTreeSet<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    for (id, ns, target, part, sha) in &rows {
        let (target, part) = (PathBuf::from(target), PathBuf::from(part));
        if let Some(p) = part.parent() {
            folders.insert(p.to_path_buf());
        }
        if !place(&part, &target, sha).unwrap_or(false) {
            keep_parts.insert(part);
            if missing.last().is_none_or(|(m, _)| m != id) {
                missing.push((*id, ns.clone()));
            }
        }
    }
    let ids: BTreeSet<i64> = rows.iter().map(|r| r.0).collect();
    for id in ids {
        if !missing.iter().any(|(m, _)| *m == id) {
            tx.execute("UPDATE entries SET placed=1 WHERE id=?1", params![id])
                .map_err(db)?;
        }
    }
    // `.part` files of runs killed before their commit: their number was never used.
    for dir in &folders {
        let Ok(list) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in list.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(PART_PREFIX)
                && n.ends_with(PART_SUFFIX)
                && !keep_parts.contains(&e.path())
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    tx.commit().map_err(db)?;
    Ok(missing.into_iter().map(|(_, ns)| ns).collect())
}
