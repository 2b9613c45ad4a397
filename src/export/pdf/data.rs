//! What the PDF's typst program is given besides its code: the page set-up it reads as
//! `/data.json`, and three things typst would otherwise work out for every document, done here
//! in Rust with the same result (issue 17: typst spent most of its extra time on them):
//!
//! - **Where text is kept whole.** Each run of text comes as a list of parts: plain text,
//!   boxes (a box is never broken across lines), the zero-width spaces and justified breaks
//!   between them. This reproduces exactly what the program made before with a `show` rule
//!   and two regular expressions at typst's realization: a slash between two letters or digits
//!   ("24/CTr-UBND") never breaks a line, a hyphen before a digit ("2021-2025") may, and a web
//!   address breaks only at its zero-width spaces (src/doc/inline.rs).
//! - **The length of the rule under a paragraph** (the issuing body, the motto, the trích
//!   yếu): the width of the paragraph's widest line, summed from the bundled font's advances
//!   as typst sums them, when every line of the paragraph plainly fits its column. Otherwise
//!   (a line that wraps, indents, raised text, a character the measure does not know) typst
//!   still measures the paragraph itself.
//! - **Whether page numbers restart** anywhere (an appendix numbered from 1): only then does
//!   the page header look up where sections start.

use serde::Serialize;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

use super::fit::FIT_BREAK;
use crate::doc::{Block, Document, FootnoteStyle, Inline, PageSetup, Para, Script};

// Three patterns decide where text is kept whole. They were regular expressions matched by
// typst at layout time; compiling them cost more than a whole document's other Rust work
// in a new process (issue 17: cold start), so they are matched by hand here. The tests below
// hold each against its regular expression (`regex`, the matcher typst used).

/// A letter or a decimal digit: `[\p{L}\d]`.
fn letter_or_digit(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Letter || digit(c)
}

/// A decimal digit: `\d` (Unicode).
fn digit(c: char) -> bool {
    c.general_category() == GeneralCategory::DecimalNumber
}

/// `s` with a zero-width space after each hyphen between a letter or digit and a digit
/// ("2021-2025"): LibreOffice may break a line there, typst would not (Unicode's line breaking
/// keeps "-2025" with its hyphen). The regular expression `([\p{L}\d])-(\d)`, replaced left to
/// right without overlaps (in "1-2-3" only the first hyphen).
fn hyphen_digit(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut rest: &[char] = &chars;
    while let Some((&c, tail)) = rest.split_first() {
        if let [hyphen, d, after @ ..] = tail
            && *hyphen == '-'
            && letter_or_digit(c)
            && digit(*d)
        {
            out.push(c);
            out.push('-');
            out.push(ZWSP);
            out.push(*d);
            rest = after;
        } else {
            out.push(c);
            rest = tail;
        }
    }
    out
}

/// Whether a word holds a slash between two letters or digits.
fn has_slash(word: &[(usize, char)]) -> bool {
    let mut rest = word;
    while let [(_, a), (_, slash), (_, b), ..] = rest {
        if *slash == '/' && letter_or_digit(*a) && letter_or_digit(*b) {
            return true;
        }
        rest = &rest[1..];
    }
    false
}

/// The stretches of `s` (byte ranges) around zero-width spaces: each run of non-space
/// characters holding one (a web address, or a hyphen before a digit), kept whole but for
/// its zero-width spaces. The regular expression `[^\s]*\u{200B}[^\s]*`.
fn zws_words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut has = false;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_whitespace() {
            if let Some(from) = start.take()
                && has
            {
                out.push((from, i));
            }
            has = false;
        } else {
            start.get_or_insert(i);
            has |= c == ZWSP;
        }
    }
    out
}

/// The slash words of `s` (byte ranges): a slash between two letters or digits ("24/CTr",
/// "đồng/người/năm") with the rest of its word up to and with its next hyphen, kept in one
/// box. LibreOffice does not break after such a slash; typst would. A line may still break
/// after "24/CTr-" or "04-", never before a hyphen. The regular expression
/// `[^\s-]*[\p{L}\d]/[\p{L}\d][^\s-]*-?`: a word is a run of characters that are neither
/// spaces nor hyphens, and a match is a whole word holding such a slash, with the hyphen
/// after it.
fn slash_words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() || c == '-' {
            i += 1;
            continue;
        }
        let from = i;
        while chars
            .get(i)
            .is_some_and(|&(_, c)| !(c.is_whitespace() || c == '-'))
        {
            i += 1;
        }
        if has_slash(&chars[from..i]) {
            let mut end = i;
            if chars.get(i).is_some_and(|&(_, c)| c == '-') {
                end += 1;
                i += 1;
            }
            let byte = |k: usize| chars.get(k).map_or(s.len(), |&(b, _)| b);
            out.push((byte(from), byte(end)));
        }
    }
    out
}

const ZWSP: char = '\u{200B}';

/// What render.typ reads from `/data.json`: the page and the styles its fixed rules use,
/// the same for every document of a kind (the document's title and author are set in Rust,
/// `mod.rs`). The blocks themselves come as typst code (`source.rs`).
#[derive(Serialize)]
pub(super) struct Data<'a> {
    page: &'a PageSetup,
    footnotes: &'a FootnoteStyle,
    /// Whether a section numbers its pages from 1 again.
    restarts: bool,
}

/// The page set-up render.typ reads.
pub(super) fn data(doc: &Document) -> Data<'_> {
    Data {
        page: &doc.page,
        footnotes: &doc.footnotes,
        restarts: doc
            .blocks
            .iter()
            .any(|b| matches!(b, Block::SectionBreak(s) if s.restart_page_numbers)),
    }
}

/// Millimetres as points (approximately: used only to tell whether a line plainly fits).
pub(super) fn pt_of_mm(mm: f32) -> f64 {
    f64::from(crate::doc::Mm(mm).pt().0)
}

/// A run's text: one string when nothing in it needs a box (most runs), else its parts.
#[derive(Debug, PartialEq)]
pub(super) enum Text {
    Plain(String),
    Parts(Vec<Part>),
}

/// A part of a run of text.
#[derive(Debug, PartialEq)]
pub(super) enum Part {
    /// Text as it is.
    Str(String),
    /// Parts kept whole on one line.
    Box { b: Vec<Part> },
    /// A zero-width space between two boxes (a possible break).
    Zws,
    /// A justified line break (where LibreOffice ends the line; src/export/pdf/fit.rs).
    Break,
}

/// A run's text in parts.
pub(super) fn text(s: &str) -> Text {
    let mut parts = Vec::new();
    for (i, line) in s.split(FIT_BREAK).enumerate() {
        if i > 0 {
            parts.push(Part::Break);
        }
        pieces(line, &mut parts);
    }
    match parts.as_mut_slice() {
        [Part::Str(one)] => Text::Plain(std::mem::take(one)),
        _ => Text::Parts(parts),
    }
}

/// The parts of text between justified breaks: zero-width spaces after a hyphen before a
/// digit, the stretches around zero-width spaces cut into boxes at them, and the slash words
/// boxed.
fn pieces(s: &str, out: &mut Vec<Part>) {
    let owned;
    let s = if s.contains('-') {
        owned = hyphen_digit(s);
        owned.as_str()
    } else {
        s
    };
    if !s.contains(ZWSP) {
        return kept_whole(s, out);
    }
    let mut at = 0;
    for (from, to) in zws_words(s) {
        // Text before the stretch is placed even when empty (as typst's slices were).
        kept_whole_or_empty(&s[at..from], out);
        for (i, piece) in s[from..to].split(ZWSP).enumerate() {
            if i > 0 {
                out.push(Part::Zws);
            }
            let mut inner = Vec::new();
            kept_whole_or_empty(piece, &mut inner);
            out.push(Part::Box { b: inner });
        }
        at = to;
    }
    kept_whole_or_empty(&s[at..], out);
}

fn kept_whole_or_empty(s: &str, out: &mut Vec<Part>) {
    if s.is_empty() {
        out.push(Part::Str(String::new()));
    } else {
        kept_whole(s, out);
    }
}

/// `s` with each slash word in a box of its own.
fn kept_whole(s: &str, out: &mut Vec<Part>) {
    let mut at = 0;
    for (from, to) in slash_words(s) {
        if from > at {
            push_str(out, &s[at..from]);
        }
        out.push(Part::Box {
            b: vec![Part::Str(s[from..to].to_string())],
        });
        at = to;
    }
    if at < s.len() || s.is_empty() {
        push_str(out, &s[at..]);
    }
}

/// Appends text, joined with the text before it as typst joins two strings.
fn push_str(out: &mut Vec<Part>, s: &str) {
    if let Some(Part::Str(prev)) = out.last_mut() {
        prev.push_str(s);
    } else {
        out.push(Part::Str(s.to_string()));
    }
}

/// The width typst gives the widest line of `p` (points), set in `room` points, its runs'
/// text given as `texts` (one per inline, in order). Lines are found as typst's simple line
/// breaking finds them (at spaces, as many words as fit) when every decision is clear by
/// more than [`MARGIN`] and nothing but letters, digits, spaces and plain punctuation can
/// break; otherwise, and for indents, raised text or footnotes, `None`: typst measures it.
pub(super) fn widest_line(p: &Para, texts: &[Option<&Text>], room: f64) -> Option<f64> {
    let st = &p.style;
    if st.first_line_indent.0 != 0.0 || st.left_indent.0 != 0.0 || st.hanging.0 != 0.0 {
        return None;
    }
    // Sizes as typst reads them: the shortest decimal of the f32.
    let size: f64 = st.size.0.to_string().parse().ok()?;
    let mut widest = 0.0_f64;
    let mut line = Line::default();
    for (x, text) in p.inlines.iter().zip(texts) {
        match (x, text) {
            (
                Inline::Text {
                    bold,
                    italic,
                    script,
                    ..
                },
                Some(text),
            ) => {
                if *script != Script::Baseline {
                    return None;
                }
                let face = (st.bold || *bold, st.italic || *italic);
                match text {
                    Text::Plain(s) => line.item(s, face, size)?,
                    Text::Parts(ps) => {
                        for part in ps {
                            line.part(part, face, size)?;
                        }
                    }
                }
            }
            (Inline::LineBreak, _) => {
                widest = widest.max(line.widest(room)?);
                line = Line::default();
            }
            _ => return None,
        }
    }
    Some(widest.max(line.widest(room)?))
}

/// How far (points) a line must be from its room for the measure here to decide that it fits
/// or does not (typst's own decision, with its rounding, is not reproduced closer than that).
const MARGIN: f64 = 0.5;

/// One line of a paragraph (up to a forced break) being measured: its glyphs, each with the
/// typst item it is set in (a run of text, or a box kept whole).
#[derive(Default)]
struct Line {
    glyphs: Vec<(char, f64, usize)>,
    items: usize,
    boxed: bool,
}

impl Line {
    /// A run of text: one item of typst's line.
    fn item(&mut self, s: &str, (bold, italic): (bool, bool), size: f64) -> Option<()> {
        self.glyphs.extend(
            glyph_widths(s, bold, italic, size)?
                .into_iter()
                .map(|(c, w)| (c, w, self.items)),
        );
        self.items += 1;
        Some(())
    }

    fn part(&mut self, part: &Part, face: (bool, bool), size: f64) -> Option<()> {
        match part {
            Part::Str(s) => self.item(s, face, size),
            Part::Box { b } => {
                // A box is one item of the line, its glyphs summed as one (a box holds one
                // string, or nested boxes of a web address: then the sum's rounding may
                // differ from typst's in the last bit).
                let at = self.items;
                for p in b {
                    self.part(p, face, size)?;
                }
                for g in &mut self.glyphs {
                    if g.2 >= at {
                        g.2 = at;
                    }
                }
                self.items = at + 1;
                self.boxed = true;
                Some(())
            }
            Part::Zws | Part::Break => None,
        }
    }

    /// The width of glyphs `from..to` with trailing spaces left out (typst trims them), summed
    /// as typst sums it: each item's glyphs, then the items.
    fn width(&self, from: usize, to: usize) -> f64 {
        let mut to = to;
        while to > from && self.glyphs.get(to - 1).is_some_and(|g| g.0 == ' ') {
            to -= 1;
        }
        let mut total = 0.0_f64;
        let mut item = None;
        let mut sum = 0.0_f64;
        for &(_, w, i) in self.glyphs.get(from..to).unwrap_or(&[]) {
            if item != Some(i) {
                if item.is_some() {
                    total += sum;
                }
                item = Some(i);
                sum = 0.0;
            }
            sum += w;
        }
        if item.is_some() {
            total += sum;
        }
        total
    }

    /// The widest of the lines this one is broken into in `room`, if the measure here is sure
    /// of them.
    fn widest(&self, room: f64) -> Option<f64> {
        let n = self.glyphs.len();
        let first = self.glyphs.first().map(|g| g.0);
        let last = self.glyphs.last().map(|g| g.0);
        if first == Some(' ') || last == Some(' ') {
            return None;
        }
        let clear = |w: f64| (w - room).abs() > MARGIN;
        let whole = self.width(0, n);
        if whole <= room - MARGIN {
            return Some(whole);
        }
        if self.boxed || !self.breaks_only_at_spaces() {
            return None;
        }
        // typst's simple line breaking: at each break (after spaces, and the end), the line
        // from the last start; a line that no longer fits ends at the last break that did.
        let ends = (1..=n).filter(|&i| {
            i == n
                || (self.glyphs[i - 1].0 == ' ' && self.glyphs.get(i).is_some_and(|g| g.0 != ' '))
        });
        let (mut start, mut last, mut widest) = (0, None::<(f64, usize)>, 0.0_f64);
        for end in ends {
            let mut attempt = self.width(start, end);
            if !clear(attempt) {
                return None;
            }
            if attempt > room
                && let Some((w, at)) = last.take()
            {
                widest = widest.max(w);
                start = at;
                attempt = self.width(start, end);
                if !clear(attempt) {
                    return None;
                }
            }
            if end == n || attempt > room {
                widest = widest.max(attempt);
                start = end;
                last = None;
            } else {
                last = Some((attempt, end));
            }
        }
        Some(widest)
    }

    /// Whether Unicode's line breaking allows a break only after spaces in this line: letters,
    /// digits, spaces and plain punctuation, a hyphen only between two spaces.
    fn breaks_only_at_spaces(&self) -> bool {
        let g = &self.glyphs;
        g.iter().enumerate().all(|(i, &(c, _, _))| {
            c.is_alphanumeric()
                || matches!(c, ' ' | ',' | '.' | ':' | ';' | '(' | ')')
                || (c == '-'
                    && i > 0
                    && g.get(i - 1).is_some_and(|p| p.0 == ' ')
                    && g.get(i + 1).is_some_and(|n| n.0 == ' '))
        })
    }
}

/// The glyphs of a run of text as typst shapes it with the bundled font (kerning off, no
/// ligature the font would apply): each character with its advance at `size`, in points.
/// `None` for a character whose glyph typst might set otherwise (one the font lacks, a
/// combining mark, a control or formatting character, a special space).
fn glyph_widths(s: &str, bold: bool, italic: bool, size: f64) -> Option<Vec<(char, f64)>> {
    let upem = f64::from(crate::fonts::UNITS_PER_EM);
    let units = crate::fonts::advance_units(s, bold, italic);
    let mut out = Vec::with_capacity(units.len());
    for (c, u) in s.chars().zip(units) {
        let plain = c == ' '
            || !(c.is_whitespace()
                || c.is_control()
                || u == 0
                || ('\u{0300}'..='\u{036F}').contains(&c)
                || ('\u{2000}'..='\u{200F}').contains(&c)
                || ('\u{2028}'..='\u{202F}').contains(&c)
                || ('\u{2060}'..='\u{206F}').contains(&c)
                || c == '\u{00AD}'
                || c == '\u{2011}'
                || c == '\u{FEFF}');
        if !plain {
            return None;
        }
        out.push((c, size * (f64::from(u) / upem)));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Part {
        Part::Str(x.into())
    }

    fn b(xs: Vec<Part>) -> Part {
        Part::Box { b: xs }
    }

    /// The regular expressions the matchers above stand for (typst matched them before).
    fn oracles() -> [regex::Regex; 3] {
        [
            regex::Regex::new(r"([\p{L}\d])-(\d)"),
            regex::Regex::new("[^\\s]*\u{200B}[^\\s]*"),
            regex::Regex::new(r"[^\s-]*[\p{L}\d]/[\p{L}\d][^\s-]*-?"),
        ]
        .map(|r| r.expect("a valid regular expression"))
    }

    fn check_against_oracles(s: &str, [hyphen, zws, slash]: &[regex::Regex; 3]) {
        assert_eq!(
            hyphen_digit(s),
            hyphen.replace_all(s, "${1}-\u{200B}${2}"),
            "{s:?}"
        );
        let ranges = |r: &regex::Regex, s: &str| -> Vec<(usize, usize)> {
            r.find_iter(s).map(|m| (m.start(), m.end())).collect()
        };
        assert_eq!(zws_words(s), ranges(zws, s), "{s:?}");
        assert_eq!(slash_words(s), ranges(slash, s), "{s:?}");
    }

    #[test]
    fn the_matchers_agree_with_their_regular_expressions() {
        let oracles = oracles();
        for s in [
            "",
            "-",
            "/",
            "a/b",
            "a/ b",
            "a /b",
            "24/CTr-UBND",
            "24/CTr-UBND-",
            "Số: 24/CTr-UBND ngày 15/7/2021-2025 --a/b-- x/-y",
            "1-2-3 4-5 a-6 -7 ٣-٤ Ⅳ-5",
            "https://\u{200B}x.gov.vn/\u{200B}a/b nhé \u{200B} a\u{200B}",
            "đồng/người/năm\u{a0}x/y\u{2003}z/w\u{200B}/v",
            "a//b a/-b ab/ /cd ½/2 x²/y",
        ] {
            check_against_oracles(s, &oracles);
        }
        // Every string of up to four characters of a small alphabet holding each kind.
        let alphabet = ['a', 'Đ', '1', '٣', '-', '/', ' ', '\u{200B}', '\u{a0}', '²'];
        let n = alphabet.len();
        for len in 1..=4_u32 {
            for mut k in 0..n.pow(len) {
                let mut s = String::new();
                for _ in 0..len {
                    s.push(alphabet[k % n]);
                    k /= n;
                }
                check_against_oracles(&s, &oracles);
            }
        }
    }

    #[test]
    fn plain_text_stays_one_string() {
        assert_eq!(
            text("Kính gửi: Ủy ban nhân dân"),
            Text::Plain("Kính gửi: Ủy ban nhân dân".into())
        );
    }

    #[test]
    fn slash_words_are_boxed_up_to_their_hyphen() {
        assert_eq!(
            text("Số: 24/CTr-UBND ngày"),
            Text::Parts(vec![s("Số: "), b(vec![s("24/CTr-")]), s("UBND ngày")])
        );
        assert_eq!(
            text("đồng/người/năm"),
            Text::Parts(vec![b(vec![s("đồng/người/năm")])])
        );
        // A slash with a space beside it is no slash word.
        assert_eq!(text("a / b"), Text::Plain("a / b".into()));
    }

    #[test]
    fn a_hyphen_before_a_digit_may_break() {
        assert_eq!(
            text("giai đoạn 2021-2025, tỉnh"),
            Text::Parts(vec![
                s("giai đoạn "),
                b(vec![s("2021-")]),
                Part::Zws,
                b(vec![s("2025,")]),
                s(" tỉnh"),
            ])
        );
        // Matches do not overlap: the second hyphen of "1-2-3" follows a digit already taken.
        assert_eq!(
            text("1-2-3"),
            Text::Parts(vec![
                s(""),
                b(vec![s("1-")]),
                Part::Zws,
                b(vec![s("2-3")]),
                s(""),
            ])
        );
    }

    #[test]
    fn a_web_address_breaks_only_at_its_marks() {
        let t = text("tại https://\u{200B}x.gov.vn/\u{200B}a/b nhé");
        assert_eq!(
            t,
            Text::Parts(vec![
                s("tại "),
                b(vec![s("https://")]),
                Part::Zws,
                b(vec![s("x.gov.vn/")]),
                Part::Zws,
                b(vec![b(vec![s("a/b")])]),
                s(" nhé"),
            ])
        );
    }

    #[test]
    fn justified_breaks_split_the_run() {
        assert_eq!(
            text("một\u{2028}hai"),
            Text::Parts(vec![s("một"), Part::Break, s("hai")])
        );
    }

    #[test]
    fn a_line_is_measured_only_when_typst_surely_breaks_it_so() {
        let line = |t: &str| {
            let mut l = Line::default();
            l.item(t, (true, false), 13.0).map(|()| l)
        };
        let motto = line("Độc lập - Tự do - Hạnh phúc").expect("plain text");
        let w = motto.width(0, motto.glyphs.len());
        assert_eq!(motto.widest(w + 1.0), Some(w));
        // Too close to its room to tell.
        assert_eq!(motto.widest(w + 0.2), None);
        assert_eq!(motto.widest(w - 0.2), None);
        // Broken after "Độc lập - Tự do - " in a narrower room: the wider line counts.
        let head = motto.width(0, "Độc lập - Tự do -".chars().count());
        assert_eq!(motto.widest(head + 5.0), Some(head));
        // A zero-width space or a combining mark: typst measures.
        assert!(line("a\u{200B}b").is_none());
        assert!(line("a\u{0301}").is_none());
        // A slash may break in Unicode's rules: not measured here once the line wraps.
        let slash = line("Kế hoạch 24/KH ngày 15 tháng 3").expect("plain text");
        let all = slash.width(0, slash.glyphs.len());
        assert_eq!(slash.widest(all + 1.0), Some(all));
        assert_eq!(slash.widest(all / 2.0), None);
    }
}
