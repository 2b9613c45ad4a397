//! The .docx container: a zip of the package's parts, written here rather than by the zip
//! crate so that one deflate compressor serves every part (issue 17: the zip crate sets a
//! new one up per part, and zeroing its tables cost more than compressing the 18 small parts
//! of a typical document).

use flate2::{Compress, Compression, Crc, FlushCompress, Status};

use super::DocxError;

/// Writes the parts as a zip: each deflated (by one compressor, reset between parts: setting
/// one up cost more than compressing most parts), with fixed timestamps (1980-01-01 00:00,
/// the zip epoch) and permissions (rw-r--r--), sizes in the headers (no data descriptors) and
/// no zip64 (a part or a package of 4 GiB or more is refused: the largest document accepted
/// is far smaller). The layout is PKWARE's APPNOTE 6.3: local headers and data, then the
/// central directory and its end record.
pub(super) fn write(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, DocxError> {
    /// Version 2.0: what deflate needs to be read.
    const VERSION: u16 = 20;
    /// Made on Unix (3), so that readers take the permissions below.
    const MADE_BY: u16 = (3 << 8) | VERSION;
    const DEFLATED: u16 = 8;
    /// MS-DOS date 1980-01-01 (day 1, month 1, year 1980 + 0); the time is 00:00:00.
    const DOS_DATE: u16 = (1 << 5) | 1;
    /// A regular file, rw-r--r--, in the high half of the external attributes.
    const PERMISSIONS: u32 = 0o100_644 << 16;
    /// The name is UTF-8 (general purpose flag bit 11).
    const UTF8_NAME: u16 = 1 << 11;

    let too_big = |what: &str| DocxError::new(format!("the .docx zip: {what} is too large"));
    // The all-ones values mean "see the zip64 record" to readers: they are refused too.
    let u32_of = |n: usize, what: &str| {
        u32::try_from(n)
            .ok()
            .filter(|&v| v != u32::MAX)
            .ok_or_else(|| too_big(what))
    };
    let u16_of = |n: usize, what: &str| {
        u16::try_from(n)
            .ok()
            .filter(|&v| v != u16::MAX)
            .ok_or_else(|| too_big(what))
    };
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut deflate = Compress::new(Compression::default(), false);
    let mut packed = Vec::new();
    for (name, bytes) in parts {
        deflate.reset();
        packed.clear();
        packed.reserve(bytes.len() / 4 + 64);
        loop {
            let done = usize::try_from(deflate.total_in()).map_err(|_| too_big(name))?;
            let rest = bytes.get(done..).unwrap_or_default();
            let status = deflate
                .compress_vec(rest, &mut packed, FlushCompress::Finish)
                .map_err(|e| DocxError::wrap("cannot deflate a part of the .docx", e))?;
            if status == Status::StreamEnd {
                break;
            }
            packed.reserve(packed.capacity().max(64));
        }
        let mut crc = Crc::new();
        crc.update(bytes);
        let flags = if name.is_ascii() { 0 } else { UTF8_NAME };
        let offset = u32_of(out.len(), "the package")?;
        let (size, csize) = (u32_of(bytes.len(), name)?, u32_of(packed.len(), name)?);
        let name_len = u16_of(name.len(), name)?;
        // Local file header.
        out.extend_from_slice(&0x0403_4b50_u32.to_le_bytes());
        for v in [VERSION, flags, DEFLATED, 0, DOS_DATE] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc.sum(), csize, size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [name_len, 0] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        // Its central directory entry.
        central.extend_from_slice(&0x0201_4b50_u32.to_le_bytes());
        for v in [MADE_BY, VERSION, flags, DEFLATED, 0, DOS_DATE] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc.sum(), csize, size] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        // Name length, no extra field, no comment, disk 0, no internal attributes.
        for v in [name_len, 0, 0, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [PERMISSIONS, offset] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(name.as_bytes());
    }
    let entries = u16_of(parts.len(), "the number of parts")?;
    let (at, size) = (
        u32_of(out.len(), "the package")?,
        u32_of(central.len(), "the package")?,
    );
    out.extend_from_slice(&central);
    // End of central directory: disk 0, the directory on disk 0, its entries on this disk and
    // in all, its size and offset, no comment.
    out.extend_from_slice(&0x0605_4b50_u32.to_le_bytes());
    for v in [0, 0, entries, entries] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for v in [size, at] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&0_u16.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn the_zip_crate_reads_back_every_part() {
        let big: Vec<u8> = (0..200_000_u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let parts = vec![
            ("[Content_Types].xml".to_string(), b"<Types/>".to_vec()),
            ("word/document.xml".to_string(), big.clone()),
            ("word/tr\u{1ed1}ng.xml".to_string(), Vec::new()),
        ];
        let bytes = write(&parts).expect("zip");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        assert_eq!(zip.len(), parts.len());
        for (i, (name, content)) in parts.iter().enumerate() {
            let mut file = zip.by_index(i).expect("entry");
            assert_eq!(file.name(), name);
            assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
            assert_eq!(file.unix_mode(), Some(0o100_644));
            let mut read = Vec::new();
            file.read_to_end(&mut read).expect("inflates, CRC checked");
            assert!(&read == content, "{name}");
        }
        assert!(
            zip.by_index(1).expect("entry").compressed_size() < big.len() as u64 / 2,
            "deflated"
        );
    }

    #[test]
    fn the_same_parts_give_the_same_bytes() {
        let parts = vec![("a.xml".to_string(), b"<a>x</a>".repeat(100))];
        assert_eq!(write(&parts).expect("zip"), write(&parts).expect("zip"));
    }
}
