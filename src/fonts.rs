//! The bundled fonts: Liberation Serif 2.x (SIL OFL 1.1), metric-compatible with Times New
//! Roman and covering every Vietnamese letter. They are compiled into the binary; no system
//! font is ever read.

/// Family name the DOCX names: clerks have Times New Roman, and LibreOffice maps it to
/// Liberation Serif with the same metrics (NĐ 30/2020, Phụ lục I, I.4).
pub const DOCX_FAMILY: &str = "Times New Roman";

/// The four faces, in the order regular, bold, italic, bold italic.
pub const FACES: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

fn face_index(bold: bool, italic: bool) -> usize {
    match (bold, italic) {
        (false, false) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (true, true) => 3,
    }
}

/// The four faces, parsed once for the whole process (measuring runs per word).
static PARSED: std::sync::LazyLock<Vec<Option<ttf_parser::Face<'static>>>> =
    std::sync::LazyLock::new(|| {
        FACES
            .iter()
            .map(|bytes| ttf_parser::Face::parse(bytes, 0).ok())
            .collect()
    });

fn with_face<T>(bold: bool, italic: bool, f: impl FnOnce(&ttf_parser::Face) -> T) -> Option<T> {
    PARSED
        .get(face_index(bold, italic))
        .and_then(Option::as_ref)
        .map(f)
}

/// The advance of each character of `text` in `face`, font units (0 where it has no glyph).
fn advances<'a>(face: &'a ttf_parser::Face, text: &'a str) -> impl Iterator<Item = u16> + 'a {
    text.chars().map(|c| {
        face.glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .unwrap_or(0)
    })
}

/// Width of `text` set in the bundled serif at `size_pt`, in points (advance widths, no
/// kerning: Word does not kern by default either).
pub fn text_width(text: &str, size_pt: f32, bold: bool, italic: bool) -> f32 {
    with_face(bold, italic, |face| {
        let upem = f32::from(face.units_per_em());
        let units: u32 = advances(face, text).map(u32::from).sum();
        units as f32 * size_pt / upem
    })
    .unwrap_or(0.0)
}

/// The advance width of each character of `text` in the bundled serif, in font units of
/// `UNITS_PER_EM` (0 for a character the font lacks).
pub fn advance_units(text: &str, bold: bool, italic: bool) -> Vec<u16> {
    with_face(bold, italic, |face| advances(face, text).collect()).unwrap_or_default()
}

/// Font units per em of the four bundled faces (Liberation Serif 2.x).
pub const UNITS_PER_EM: u16 = 2048;

/// The characters of `text` that the bundled font cannot draw (typst would leave them blank
/// without a warning). Whitespace and control characters are not reported.
pub fn missing_chars(text: &str, bold: bool, italic: bool) -> Vec<char> {
    // Each character looked up once: a document uses a few hundred of them.
    let mut chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    with_face(bold, italic, |face| {
        chars
            .into_iter()
            .filter(|c| face.glyph_index(*c).is_none())
            .collect()
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_parses_and_covers_vietnamese() {
        let letters = "ĂÂĐÊÔƠƯăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ₅";
        for (b, i) in [(false, false), (true, false), (false, true), (true, true)] {
            assert!(
                missing_chars(letters, b, i).is_empty(),
                "face bold={b} italic={i}"
            );
        }
        assert_eq!(missing_chars("a\u{2603}b", false, false), vec!['\u{2603}']);
    }

    #[test]
    fn widths_match_times_metrics() {
        // Times New Roman: "M" is 0.889 em, "i" 0.278 em.
        assert!((text_width("M", 10.0, false, false) - 8.89).abs() < 0.01);
        assert!((text_width("i", 10.0, false, false) - 2.78).abs() < 0.01);
        assert!(
            text_width("Độc lập", 13.0, true, false) > text_width("Độc lập", 13.0, false, false)
        );
        for face in FACES {
            let parsed = ttf_parser::Face::parse(face, 0)
                .ok()
                .map(|f| f.units_per_em());
            assert_eq!(parsed, Some(UNITS_PER_EM));
        }
        let units: u32 = advance_units("Độc lập", true, false)
            .into_iter()
            .map(u32::from)
            .sum();
        let width = units as f32 * 13.0 / f32::from(UNITS_PER_EM);
        assert!((width - text_width("Độc lập", 13.0, true, false)).abs() < 1e-3);
    }
}
