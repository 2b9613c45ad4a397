//! File-name slugs.

use super::key::word_key;

/// A file name stem made from data (a unit's name, a record's column): Vietnamese letters
/// lose their marks, everything but ASCII letters and digits becomes one `-`, so the name
/// is the same on every system and can never leave the output folder. "UBND xã Cẩm Bình"
/// -> "ubnd-xa-cam-binh". Empty results become "van-ban". A slug names files; compare data
/// with [`super::unit_key`] or [`super::loose_key`], never with a slug.
pub fn slug(s: &str) -> String {
    let mut out = word_key(s);
    out.truncate(100);
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "van-ban".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_ascii_and_stay_in_the_folder() {
        assert_eq!(slug("UBND xã Cẩm Bình"), "ubnd-xa-cam-binh");
        assert_eq!(
            slug("Sở Nông nghiệp và Phát triển nông thôn"),
            "so-nong-nghiep-va-phat-trien-nong-thon"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("Đồng Lộc"), "dong-loc");
        assert_eq!(slug("///"), "van-ban");
    }
}
