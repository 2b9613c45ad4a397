//! The zip container of a DOCX, opened with limits: the number of entries, the unpacked
//! size of each part read and of all together, the compression ratio and the time. Only the
//! parts vanban needs are unpacked (the document, styles, headers, relationships); images
//! and other media are never unpacked, only listed.

use std::io::{Cursor, Read};
use std::time::Instant;

use crate::diag::Bi;

/// Largest DOCX file read (bytes).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most entries in the zip.
pub const MAX_ENTRIES: usize = 5_000;
/// Largest unpacked XML part (bytes).
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// Largest unpacked total of the parts read (bytes).
pub const MAX_TOTAL_BYTES: u64 = 96 * 1024 * 1024;
/// Highest compression ratio (unpacked / packed) of a part over 1 MiB unpacked.
pub const MAX_RATIO: u64 = 200;
/// Time budget for reading one DOCX (seconds).
pub const MAX_SECONDS: u64 = 20;

/// An opened DOCX package.
pub struct Package {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    total: u64,
    /// When reading must stop.
    pub deadline: Instant,
}

/// A problem with the package, worded in both languages; `part` names the part.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageError {
    /// The part (`word/document.xml`), or empty for the whole file.
    pub part: String,
    /// What is wrong.
    pub message: Bi,
}

fn err(part: &str, vi: String, en: String) -> PackageError {
    PackageError {
        part: part.to_string(),
        message: Bi::new(vi, en),
    }
}

impl Package {
    /// Open the zip of `bytes`.
    pub fn open(bytes: Vec<u8>) -> Result<Package, PackageError> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(err(
                "",
                format!(
                    "tệp quá lớn ({} byte; tối đa {MAX_FILE_BYTES} byte)",
                    bytes.len()
                ),
                format!(
                    "the file is too large ({} bytes; at most {MAX_FILE_BYTES} bytes)",
                    bytes.len()
                ),
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            err(
                "",
                format!("không phải tệp DOCX (gói zip hỏng hoặc không phải zip: {e})"),
                format!("not a DOCX file (a broken zip, or not a zip: {e})"),
            )
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(err(
                "",
                format!("gói zip có {} mục (tối đa {MAX_ENTRIES})", zip.len()),
                format!("the zip has {} entries (at most {MAX_ENTRIES})", zip.len()),
            ));
        }
        Ok(Package {
            zip,
            total: 0,
            deadline: Instant::now() + std::time::Duration::from_secs(MAX_SECONDS),
        })
    }

    /// The names of all entries.
    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_string).collect()
    }

    /// The unpacked size an entry declares, without unpacking it.
    pub fn declared_size(&mut self, name: &str) -> Option<u64> {
        self.zip.by_name(name).ok().map(|f| f.size())
    }

    /// Unpack the part `name`: `Ok(None)` if there is no such part.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, PackageError> {
        if Instant::now() > self.deadline {
            return Err(err(
                name,
                format!("đọc tệp quá {MAX_SECONDS} giây"),
                format!("reading took more than {MAX_SECONDS} seconds"),
            ));
        }
        let total_before = self.total;
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(err(
                    name,
                    format!("không đọc được phần này của gói zip: {e}"),
                    format!("this part of the zip cannot be read: {e}"),
                ));
            }
        };
        let packed = file.compressed_size().max(1);
        let declared = file.size();
        let too_big = |n: u64| {
            err(
                name,
                format!("phần này giải nén ra quá lớn ({n} byte; tối đa {MAX_PART_BYTES} byte)"),
                format!("this part unpacks too large ({n} bytes; at most {MAX_PART_BYTES} bytes)"),
            )
        };
        if declared > MAX_PART_BYTES {
            return Err(too_big(declared));
        }
        // Never trust the declared size: read at most the cap + 1.
        let mut out = Vec::new();
        (&mut file)
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                err(
                    name,
                    format!("giải nén lỗi: {e}"),
                    format!("unpacking failed: {e}"),
                )
            })?;
        let n = out.len() as u64;
        if n > MAX_PART_BYTES {
            return Err(too_big(n));
        }
        if n > 1024 * 1024 && n / packed > MAX_RATIO {
            return Err(err(
                name,
                format!(
                    "tỉ lệ nén bất thường ({} lần; tối đa {MAX_RATIO}): có thể là \"bom zip\"",
                    n / packed
                ),
                format!(
                    "abnormal compression ratio ({}×; at most {MAX_RATIO}): possibly a zip bomb",
                    n / packed
                ),
            ));
        }
        self.total = total_before + n;
        if self.total > MAX_TOTAL_BYTES {
            return Err(err(
                name,
                format!("tổng dung lượng giải nén quá {MAX_TOTAL_BYTES} byte"),
                format!("the unpacked parts exceed {MAX_TOTAL_BYTES} bytes in total"),
            ));
        }
        Ok(Some(out))
    }
}
