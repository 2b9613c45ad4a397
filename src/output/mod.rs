//! Writing outputs: one output folder type with one naming policy, atomic writes, SHA-256,
//! the batch runner ([`batch`]) and its report and manifest ([`report`]).
//!
//! Every file vanban writes goes through [`write_atomic`]: a temporary `.part` file in the
//! same folder, synced, then renamed over the target, so a reader never sees half a file.
//! A document's files (PDF and DOCX) are one unit: all are written to temporaries first and
//! renamed only when all were written ([`OutputDir::write_document`]).
//!
//! Durability (what a crash can lose) is made once per batch, not once per file: on Linux a
//! batch's documents are renamed into place without an `fsync` each, and [`sync_batch`]
//! makes all of them durable with one `syncfs` and one `fsync` of each output folder when
//! the batch ends (before the manifest is written). See docs/PERFORMANCE.md, "Writing".

pub mod batch;
pub mod report;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::export::Format;
use crate::pipeline::Made;
use crate::text;

pub use report::{Done, Outcome, Report, Written};

/// Prefix and suffix of temporary files.
const PART_PREFIX: &str = ".vanban-";
const PART_SUFFIX: &str = ".part";

/// The `.part` files this run has open, and whether it is stopping (Ctrl-C): a file is
/// registered when it is created and a document's renames happen under the same lock, so
/// [`interrupt`] never races a document half-renamed.
struct Live {
    stopping: bool,
    parts: BTreeSet<PathBuf>,
}

static LIVE: std::sync::Mutex<Live> = std::sync::Mutex::new(Live {
    stopping: false,
    parts: BTreeSet::new(),
});

fn live() -> std::sync::MutexGuard<'static, Live> {
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn stopped() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::Interrupted, "vanban đang dừng (Ctrl-C)")
}

/// Stop writing (Ctrl-C): no temporary is created nor renamed after this returns, and every
/// `.part` file of this run is removed. Waits for a document being renamed to finish, so
/// each document keeps all its new outputs or none. Returns how many files it removed.
pub fn interrupt() -> usize {
    let mut l = live();
    l.stopping = true;
    let parts = std::mem::take(&mut l.parts);
    parts
        .iter()
        .filter(|p| std::fs::remove_file(p).is_ok())
        .count()
}

/// A `.part` file older than this was left by a run that was killed: it is removed when a
/// folder is opened. Younger ones may belong to a run writing at the same moment.
const STALE_PART: Duration = Duration::from_secs(60);

/// How the stems of output files are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// The input file's own stem (`render`: `a/cong-van.yaml` -> `cong-van.pdf`); two inputs
    /// that would write the same file are an error for the later one.
    InputStem,
    /// A slug of data (a unit's name, a table's column: [`text::slug`]), numbered `-2`, `-3`
    /// when two slugs meet (merge records, extracts, communes).
    Slug,
}

/// Chooses stems by one [`Naming`] policy and remembers the ones taken.
#[derive(Debug, Clone)]
pub struct Namer {
    policy: Naming,
    taken: BTreeSet<String>,
}

impl Namer {
    /// A namer with nothing taken.
    pub fn new(policy: Naming) -> Self {
        Namer {
            policy,
            taken: BTreeSet::new(),
        }
    }

    /// The stem for `wanted` (an input path's stem for [`Naming::InputStem`], any text for
    /// [`Naming::Slug`]); `Err(stem)` when the policy refuses a clash.
    pub fn claim(&mut self, wanted: &str) -> Result<String, String> {
        match self.policy {
            Naming::InputStem => {
                let stem = if wanted.is_empty() { "van-ban" } else { wanted };
                if self.taken.insert(stem.to_string()) {
                    Ok(stem.to_string())
                } else {
                    Err(stem.to_string())
                }
            }
            Naming::Slug => Ok(self.claim_or(wanted, "").0),
        }
    }

    /// As [`Namer::claim`] for [`Naming::Slug`], but a slug already taken first gets `alt`
    /// appended (a merge record's "-dong-7"), then numbers. Returns the stem and, after a
    /// clash, the slug that was taken.
    pub fn claim_or(&mut self, wanted: &str, alt: &str) -> (String, Option<String>) {
        let base = text::slug(wanted);
        if self.taken.insert(base.clone()) {
            return (base, None);
        }
        let second = format!("{base}{alt}");
        let mut stem = second.clone();
        let mut n = 2;
        while !self.taken.insert(stem.clone()) {
            stem = format!("{second}-{n}");
            n += 1;
        }
        (stem, Some(base))
    }
}

/// The stem of an input file's name ("a/cong-van.yaml" -> "cong-van").
pub fn input_stem(input: &Path) -> String {
    input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "van-ban".into())
}

/// An output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputDir {
    root: PathBuf,
}

impl OutputDir {
    /// The folder `root`, created if missing; `.part` files a killed run left are removed.
    pub fn create(root: &Path) -> std::io::Result<OutputDir> {
        std::fs::create_dir_all(root)?;
        remove_stale_parts(root);
        Ok(OutputDir {
            root: root.to_path_buf(),
        })
    }

    /// The folder `root`, as it is (nothing created: `--emit`, paths in messages).
    pub fn at(root: &Path) -> OutputDir {
        OutputDir {
            root: root.to_path_buf(),
        }
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// A sub-folder named by a stem from a [`Namer`] (never a path from data), created.
    pub fn sub(&self, stem: &str) -> std::io::Result<OutputDir> {
        OutputDir::create(&self.root.join(stem))
    }

    /// The path of a document's file in `format`.
    pub fn file(&self, stem: &str, format: Format) -> PathBuf {
        self.root.join(format!("{stem}.{}", format.extension()))
    }

    /// Write a made document's files as `STEM.pdf` / `STEM.docx`: every file goes to a
    /// temporary first, and the temporaries are renamed into place only when all were
    /// written, so a failed document leaves its previous outputs as they were.
    pub fn write_document(&self, stem: &str, made: &Made) -> std::io::Result<Vec<Written>> {
        let mut staged = Vec::new();
        for (format, bytes) in &made.files {
            let path = self.file(stem, *format);
            if path.is_dir() {
                return Err(std::io::Error::other(format!(
                    "{} là một thư mục",
                    path.display()
                )));
            }
            staged.push((path, stage(&self.root, bytes, !DEFER_SYNC)?, *format, bytes));
        }
        let mut written = Vec::new();
        // the renames of one document under the lock: Ctrl-C waits for all of them
        let mut l = live();
        if l.stopping {
            return Err(stopped());
        }
        for (path, tmp, format, bytes) in staged {
            l.parts.remove(tmp.path());
            tmp.persist(&path).map_err(|e| e.error)?;
            written.push(Written::of(path, format.extension(), bytes));
        }
        Ok(written)
    }

    /// Write one file named `name` (a fixed name such as `manifest.json`, or a stem from a
    /// [`Namer`] with its extension) atomically.
    pub fn write_file(&self, name: &str, bytes: &[u8]) -> std::io::Result<Written> {
        let path = self.root.join(name);
        write_atomic(&path, bytes)?;
        let ext = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Written::of(path, &ext, bytes))
    }
}

/// Whether a batch's documents skip the `fsync` of each file ([`sync_batch`] makes them
/// durable at the end). Linux only, where one `syncfs` covers them all; elsewhere each
/// file is synced before its rename, as single files always are.
const DEFER_SYNC: bool = cfg!(target_os = "linux");

/// A temporary file in `dir` holding `bytes`, synced if `sync`, not yet renamed. Created
/// with the usual permissions (0666 less the umask, like any file the user creates), not
/// 0600.
fn stage(dir: &Path, bytes: &[u8], sync: bool) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(PART_PREFIX).suffix(PART_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = {
        let mut l = live();
        if l.stopping {
            return Err(stopped());
        }
        let tmp = builder.tempfile_in(dir)?;
        l.parts.insert(tmp.path().to_path_buf());
        tmp
    };
    tmp.write_all(bytes)?;
    if sync {
        tmp.as_file().sync_all()?;
    }
    Ok(tmp)
}

/// Make durable everything written into `dirs` by [`OutputDir::write_document`] (a
/// batch's documents): one `syncfs` of the file system (Linux; data and renames of every
/// file written) and one `fsync` of each folder. Called once when a batch ends.
pub fn sync_batch<'a>(dirs: impl IntoIterator<Item = &'a Path>) -> std::io::Result<()> {
    let mut seen = BTreeSet::new();
    let mut synced_fs = false;
    for dir in dirs {
        if !seen.insert(dir.to_path_buf()) {
            continue;
        }
        if DEFER_SYNC && !synced_fs {
            syncfs(dir)?;
            synced_fs = true;
        }
        sync_dir(dir)?;
    }
    Ok(())
}

/// `syncfs(2)` of the file system holding `dir`: every file's data and metadata.
#[cfg(target_os = "linux")]
fn syncfs(dir: &Path) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let f = std::fs::File::open(dir)?;
    // SAFETY: syncfs takes an open descriptor, valid for the lifetime of `f`.
    if unsafe { libc::syncfs(f.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn syncfs(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// `fsync` of a folder, so the renames into it survive a crash (Unix; elsewhere a folder
/// cannot be opened for it and renames are made durable by the file system).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    match std::fs::File::open(dir)?.sync_all() {
        // some file systems cannot sync a folder (EINVAL): their renames are what they are
        Err(e)
            if !matches!(
                e.kind(),
                std::io::ErrorKind::InvalidInput | std::io::ErrorKind::Unsupported
            ) =>
        {
            return Err(e);
        }
        _ => {}
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Write through a temporary file in the same folder (synced), rename it over the target,
/// then sync the folder: once this returns, the file survives a crash.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let tmp = stage(dir, bytes, true)?;
    {
        let mut l = live();
        if l.stopping {
            return Err(stopped());
        }
        l.parts.remove(tmp.path());
        tmp.persist(path).map_err(|e| e.error)?;
    }
    // the rename itself survives a crash once its folder is synced
    sync_dir(dir)
}

/// Remove the `.part` files a killed run left in `dir` (older than [`STALE_PART`]).
fn remove_stale_parts(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        // `.vanban-issue-*.part` belong to the register of issued documents, which keeps
        // or removes them itself (src/register/issue.rs).
        if !(name.starts_with(PART_PREFIX) && name.ends_with(PART_SUFFIX))
            || name.starts_with(".vanban-issue-")
        {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_PART);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The message for an output that could not be written.
pub fn write_error(input: &Path, path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(input, format!("không ghi được {}: {e}", path.display()))
        .with_hint("kiểm tra thư mục -o có tồn tại và ghi được không")
}

/// A cell of a CSV file vanban writes, safe to open in a spreadsheet: text starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula, so it gets a
/// leading `'` (OWASP, "CSV Injection").
pub fn csv_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn csv_cells_are_not_formulas() {
        assert_eq!(csv_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_cell("+HYPERLINK(1)"), "'+HYPERLINK(1)");
        assert_eq!(csv_cell("@x"), "'@x");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("Xã Đăk Trăm"), "Xã Đăk Trăm");
    }

    #[test]
    fn namers() {
        let mut n = Namer::new(Naming::Slug);
        assert_eq!(n.claim("Sở Y tế").unwrap(), "so-y-te");
        assert_eq!(n.claim("Sở Y Tế").unwrap(), "so-y-te-2");
        assert_eq!(n.claim("../..").unwrap(), "van-ban");
        let mut n = Namer::new(Naming::InputStem);
        assert_eq!(n.claim("cong-van").unwrap(), "cong-van");
        assert_eq!(n.claim("cong-van").unwrap_err(), "cong-van");
    }

    #[test]
    fn a_document_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::create(dir.path()).unwrap();
        let made = |a: &[u8], b: &[u8]| Made {
            files: vec![(Format::Pdf, a.to_vec()), (Format::Docx, b.to_vec())],
            pages: Some(1),
            warnings: Vec::new(),
        };
        let w = out.write_document("x", &made(b"pdf1", b"docx1")).unwrap();
        assert_eq!(w.len(), 2);
        // the DOCX's path is taken by a folder: nothing of the second run is written
        std::fs::remove_file(dir.path().join("x.docx")).unwrap();
        std::fs::create_dir(dir.path().join("x.docx")).unwrap();
        assert!(out.write_document("x", &made(b"pdf2", b"docx2")).is_err());
        assert_eq!(std::fs::read(dir.path().join("x.pdf")).unwrap(), b"pdf1");
        let parts = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".part")
            })
            .count();
        assert_eq!(parts, 0);
    }

    #[test]
    fn a_batch_is_synced_once_and_complete() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::create(dir.path()).unwrap();
        let made = Made {
            files: vec![
                (Format::Pdf, b"pdf".to_vec()),
                (Format::Docx, b"docx".to_vec()),
            ],
            pages: Some(1),
            warnings: Vec::new(),
        };
        for stem in ["a", "b"] {
            out.write_document(stem, &made).unwrap();
        }
        sync_batch([out.path(), out.path()]).unwrap();
        assert_eq!(std::fs::read(dir.path().join("b.docx")).unwrap(), b"docx");
        // nothing left behind but the four outputs
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
        // a folder that is gone cannot be synced: the batch hears of it
        assert!(sync_batch([dir.path().join("gone").as_path()]).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn files_get_the_usual_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_atomic(&p, b"x").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        // the same as a file created the ordinary way: 0666 less the umask (0644 under 022)
        let q = dir.path().join("b.txt");
        std::fs::write(&q, b"x").unwrap();
        let usual = std::fs::metadata(&q).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, usual, "{mode:o} vs {usual:o}");
    }
}
