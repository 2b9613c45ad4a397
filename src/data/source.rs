//! Reading input files: the one reader every input goes through (document files, merge
//! templates, commune files, criteria sets, `--templates` overrides).
//!
//! One rule for all of them: only regular files are read (a FIFO or a device behind a
//! `.yaml` name is refused, never read until memory runs out), never more than the cap
//! (checked while reading, not from the metadata alone), the text must be UTF-8, a leading
//! byte-order mark is dropped and the text is put in Unicode NFC.

use std::io::Read;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::diag::Diagnostic;

/// Largest document file read. A document's data is a few kilobytes; anything this large is
/// a wrong file.
pub const MAX_DOCUMENT_BYTES: u64 = 5 * 1024 * 1024;

/// Largest merge template, commune file or criteria set read.
pub const MAX_AUX_BYTES: u64 = 10 * 1024 * 1024;

/// A text file as read: as written (for the checks that look at its encoding) and in NFC
/// without a byte-order mark (what is parsed).
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text as written (UTF-8, BOM kept).
    pub raw: String,
    /// The text to parse: BOM dropped, NFC.
    pub nfc: String,
}

/// Read `path` as text: a regular file of at most `cap` bytes, UTF-8. `what` names the file
/// in messages ("tệp", "tệp mẫu", …).
pub fn read_text(path: &Path, cap: u64, what: &str) -> Result<SourceText, Box<Diagnostic>> {
    let bytes = read_bytes(path, cap, what)?;
    let raw = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            return Err(Box::new(
                Diagnostic::error_bi(
                    path,
                    (
                        format!("{what} không phải văn bản UTF-8"),
                        format!("{} is not UTF-8 text", noun_en(what)),
                    ),
                )
                .at_line(Some(line))
                .with_hint_bi((
                    "lưu lại tệp với bảng mã UTF-8 (Unicode), không dùng TCVN3 hay VNI",
                    "save the file as UTF-8 (Unicode), not TCVN3 or VNI",
                )),
            ));
        }
    };
    let nfc = normalise(&raw);
    Ok(SourceText { raw, nfc })
}

/// Text in the form every stage expects: no byte-order mark, Unicode NFC.
pub fn normalise(text: &str) -> String {
    text.trim_start_matches('\u{feff}').nfc().collect()
}

/// Read `path` as bytes: a regular file of at most `cap` bytes.
pub fn read_bytes(path: &Path, cap: u64, what: &str) -> Result<Vec<u8>, Box<Diagnostic>> {
    let meta = std::fs::metadata(path).map_err(|e| Box::new(io_diag(path, &e, what)))?;
    if !meta.is_file() {
        return Err(Box::new(
            Diagnostic::error_bi(
                path,
                (
                    format!(
                        "{what} không phải một tệp thông thường (là thư mục, thiết bị hoặc ống dẫn)"
                    ),
                    format!(
                        "{} is not a regular file (it is a folder, a device or a pipe)",
                        noun_en(what)
                    ),
                ),
            )
            .with_hint_bi(("chỉ ra đúng tệp dữ liệu", "name the data file itself")),
        ));
    }
    let too_big = |size: u64| too_big(path, size, cap, what);
    if meta.len() > cap {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| Box::new(io_diag(path, &e, what)))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the metadata and the read: never take more than cap + 1.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Box::new(io_diag(path, &e, what)))?;
    if bytes.len() as u64 > cap {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The error for `what` of `size` bytes past the cap (a file, or bytes uploaded to
/// `vanban serve`).
pub fn too_big(path: &Path, size: u64, cap: u64, what: &str) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error_bi(
            path,
            (
                format!("{what} quá lớn ({size} byte; tối đa {cap} byte)"),
                format!(
                    "{} is too large ({size} bytes; at most {cap} bytes)",
                    noun_en(what)
                ),
            ),
        )
        .with_hint_bi((
            "kiểm tra lại có đúng tệp dữ liệu không; tách dữ liệu lớn thành nhiều tệp",
            "check that this is the right data file; split large data into several files",
        )),
    )
}

/// Read the file `name` of the folder `dir`, if there is one: `Ok(None)` when it does not
/// exist. The file's real path (symbolic links resolved) must lie inside the folder's real
/// path: a link to a file elsewhere is refused, and its content never read or shown.
pub fn read_in_folder(dir: &Path, name: &str, cap: u64) -> Result<Option<String>, Box<Diagnostic>> {
    let path = dir.join(name);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let outside = || {
        Box::new(
            Diagnostic::error_bi(
                &path,
                (
                    "tệp này trỏ ra ngoài thư mục mẫu (liên kết tượng trưng); vanban không đọc nó",
                    "this file points outside the templates folder (a symbolic link); vanban does not read it",
                ),
            )
            .with_hint_bi((
                "chép tệp thật vào thư mục mẫu thay cho liên kết",
                "copy the real file into the templates folder instead of the link",
            )),
        )
    };
    let real_dir =
        std::fs::canonicalize(dir).map_err(|e| Box::new(io_diag(dir, &e, "thư mục mẫu")))?;
    let real = std::fs::canonicalize(&path).map_err(|_| outside())?;
    if !real.starts_with(&real_dir) {
        return Err(outside());
    }
    read_text(&real, cap, "tệp mẫu").map(|t| Some(t.nfc))
}

/// The message for a file that could not be read.
pub fn io_diag(path: &Path, e: &std::io::Error, what: &str) -> Diagnostic {
    let en = noun_en(what);
    let msg = match e.kind() {
        std::io::ErrorKind::NotFound => (
            format!("không tìm thấy {what}"),
            format!("{en} is not found"),
        ),
        std::io::ErrorKind::PermissionDenied => (
            format!("không có quyền đọc {what}"),
            format!("no permission to read {en}"),
        ),
        _ => (
            format!("không đọc được {what} ({e})"),
            format!("cannot read {en} ({e})"),
        ),
    };
    Diagnostic::error_bi(path, msg).with_hint_bi((
        "kiểm tra đường dẫn và quyền truy cập tệp",
        "check the path and the file's permissions",
    ))
}

/// The English of the names callers give a file in messages (`what`).
fn noun_en(what: &str) -> &'static str {
    match what {
        "tệp mẫu" => "the template file",
        "thư mục mẫu" => "the templates folder",
        "bảng tính" => "the spreadsheet",
        _ => "the file",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_drops_bom_and_normalises() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        // "ế" decomposed (e + circumflex + acute) becomes one code point
        std::fs::write(&p, "\u{feff}Ti\u{65}\u{302}\u{301}ng").unwrap();
        let t = read_text(&p, 100, "tệp").unwrap();
        assert_eq!(t.nfc, "Tiếng");
        assert!(t.raw.starts_with('\u{feff}'));
    }

    #[test]
    fn refuses_large_and_special_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, "x".repeat(101)).unwrap();
        let e = read_text(&p, 100, "tệp").unwrap_err();
        assert!(e.message.contains("quá lớn"), "{}", e.message);
        let e = read_text(dir.path(), 100, "tệp").unwrap_err();
        assert!(e.message.contains("không phải một tệp"), "{}", e.message);
        let e = read_text(&dir.path().join("none.yaml"), 100, "tệp").unwrap_err();
        assert!(e.message.contains("không tìm thấy"), "{}", e.message);
    }

    #[test]
    fn names_the_line_of_bad_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, b"a: 1\nb: \xff\n").unwrap();
        let e = read_text(&p, 100, "tệp").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn refuses_links_out_of_the_folder() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.toml");
        std::fs::write(&secret, "SECRET").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ok.vb"), "fine").unwrap();
        assert_eq!(
            read_in_folder(dir.path(), "ok.vb", 100).unwrap().as_deref(),
            Some("fine")
        );
        assert!(
            read_in_folder(dir.path(), "none.vb", 100)
                .unwrap()
                .is_none()
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&secret, dir.path().join("kinds.toml")).unwrap();
            let e = read_in_folder(dir.path(), "kinds.toml", 100).unwrap_err();
            assert!(!e.to_string().contains("SECRET"));
            assert!(e.message.contains("ngoài thư mục mẫu"), "{}", e.message);
        }
    }
}
