//! Word's automatic numbering (Bullets and Numbering): `numbering.xml` and each paragraph's
//! `w:numPr` (`w:numId`, `w:ilvl`), or its style's. Word prints the label ("1.", "II.",
//! "a)", "1.2.") before the paragraph's text; it is not in the text itself. vanban counts the
//! lists the way Word does and puts the printed label back in front of the text, so that the
//! text rules and `vanban import` see what the reader sees.

use std::collections::HashMap;

use super::xml::El;

/// Levels of a list (Word has 9).
const LEVELS: usize = 9;
/// Most lists kept (a file with more is hostile; the rest go unnumbered).
const MAX_LISTS: usize = 10_000;

/// One level of an abstract list.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    /// `decimal`, `upperRoman`, `lowerLetter`, `bullet`, `none` …
    fmt: String,
    /// `lvlText`: "%1.", "%1.%2.", "a)" …
    text: String,
    /// `w:isLgl`: every level's number in decimal.
    legal: bool,
    /// What follows the label: `tab` (default), `space` or `nothing`.
    suffix: String,
    /// `w:lvlRestart`: restart after this (1-based) level only; 0: never.
    restart: Option<u32>,
    /// Whether the level's run properties make the label bold.
    bold: Option<bool>,
}

/// One `w:num`: its abstract list and its level overrides.
#[derive(Debug, Clone, Default)]
struct Num {
    abs: String,
    /// Level (0-based) → start override.
    starts: HashMap<usize, u32>,
    /// Level (0-based) → a whole level given again.
    levels: HashMap<usize, Level>,
}

/// The lists of a document and the counters while reading it.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
    /// The counters of each list: by `w:num` when it restarts (start overrides), else by
    /// its abstract list (Word continues lists that share one).
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

/// A label as printed: its text (suffix included) and whether it is bold.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// "1.\t", "a) ", "II.\t" …
    pub text: String,
    /// Bold, when the level says.
    pub bold: Option<bool>,
}

fn level_of(l: &El) -> Level {
    let num = |n: &str| l.val(n).and_then(|v| v.trim().parse::<u32>().ok());
    Level {
        start: num("start").unwrap_or(1),
        fmt: l.val("numFmt").unwrap_or("decimal").to_string(),
        text: l.val("lvlText").unwrap_or("").to_string(),
        legal: l
            .child("isLgl")
            .is_some_and(|e| !matches!(e.attr("val"), Some("0" | "false" | "off"))),
        suffix: l.val("suff").unwrap_or("tab").to_string(),
        restart: num("lvlRestart"),
        bold: l
            .child("rPr")
            .and_then(|r| r.child("b"))
            .map(|b| !matches!(b.attr("val"), Some("0" | "false" | "off"))),
    }
}

fn levels_of(a: &El) -> Vec<Level> {
    let mut out = vec![Level::default(); LEVELS];
    for l in a.children_named("lvl") {
        if let Some(i) = l.attr("ilvl").and_then(|v| v.parse::<usize>().ok())
            && i < LEVELS
        {
            out[i] = level_of(l);
        }
    }
    out
}

impl Numbering {
    /// The lists of a `w:numbering` root.
    pub fn of(root: Option<&El>) -> Numbering {
        let mut n = Numbering::default();
        let Some(root) = root else {
            return n;
        };
        // A list may take its levels from a list style (`w:numStyleLink`): they are those
        // of the list that defines the style (`w:styleLink` of the same name).
        let mut defines: HashMap<&str, &str> = HashMap::new();
        let mut links: HashMap<&str, &str> = HashMap::new();
        for a in root.children_named("abstractNum").take(MAX_LISTS) {
            if let Some(id) = a.attr("abstractNumId") {
                n.abstracts.insert(id.to_string(), levels_of(a));
                if let Some(style) = a.val("styleLink") {
                    defines.insert(style, id);
                }
                if let Some(style) = a.val("numStyleLink") {
                    links.insert(id, style);
                }
            }
        }
        for e in root.children_named("num").take(MAX_LISTS) {
            let (Some(id), Some(abs)) = (e.attr("numId"), e.val("abstractNumId")) else {
                continue;
            };
            // One step only: the defining list's own link (a loop) is not followed.
            let abs = links
                .get(abs)
                .and_then(|style| defines.get(style))
                .copied()
                .unwrap_or(abs);
            let mut num = Num {
                abs: abs.to_string(),
                ..Num::default()
            };
            for o in e.children_named("lvlOverride") {
                let Some(i) = o.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if i >= LEVELS {
                    continue;
                }
                if let Some(s) = o.val("startOverride").and_then(|v| v.parse::<u32>().ok()) {
                    num.starts.insert(i, s);
                }
                if let Some(l) = o.child("lvl") {
                    num.levels.insert(i, level_of(l));
                }
            }
            n.nums.insert(id.to_string(), num);
        }
        n
    }

    /// The level `i` of list `num` (its override, else the abstract list's).
    fn level(&self, num: &Num, i: usize) -> Option<Level> {
        let mut l = num
            .levels
            .get(&i)
            .cloned()
            .or_else(|| self.abstracts.get(&num.abs).and_then(|a| a.get(i).cloned()))?;
        if let Some(s) = num.starts.get(&i) {
            l.start = *s;
        }
        Some(l)
    }

    /// Count one more paragraph of list `num_id` at level `ilvl` and give its label; `None`
    /// for no list (`numId` 0, an unknown list, a level without text).
    pub fn next(&mut self, num_id: &str, ilvl: usize) -> Option<Label> {
        let num = self.nums.get(num_id)?.clone();
        if ilvl >= LEVELS {
            return None;
        }
        let levels: Vec<Option<Level>> = (0..LEVELS).map(|i| self.level(&num, i)).collect();
        let this = levels[ilvl].clone()?;
        let key = if num.starts.is_empty() && num.levels.is_empty() {
            format!("a{}", num.abs)
        } else {
            format!("n{num_id}")
        };
        let c = self.counters.entry(key).or_insert([None; LEVELS]);
        c[ilvl] = Some(match c[ilvl] {
            Some(v) => v.saturating_add(1),
            None => this.start,
        });
        // Deeper levels restart, unless their `lvlRestart` names a level above this one.
        for (j, slot) in c.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = levels[j].as_ref().and_then(|l| l.restart);
            match restart {
                Some(0) => {}
                Some(r) if (r as usize) <= ilvl => {}
                _ => *slot = None,
            }
        }
        let counts = *c;
        let mut text = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let k = (d as usize).saturating_sub(1);
                if let Some(l) = levels.get(k).and_then(Option::as_ref) {
                    let v = counts[k].unwrap_or(l.start);
                    let fmt = if this.legal && k < ilvl {
                        "decimal"
                    } else {
                        l.fmt.as_str()
                    };
                    text.push_str(&format_number(v, fmt));
                }
                continue;
            }
            text.push(ch);
        }
        if this.fmt == "bullet" {
            text = bullet(&text).to_string();
        }
        if text.trim().is_empty() {
            return None;
        }
        text.push_str(match this.suffix.as_str() {
            "space" => " ",
            "nothing" => "",
            _ => "\t",
        });
        Some(Label {
            text,
            bold: this.bold,
        })
    }
}

/// A bullet as vanban's lists write it: dashes as "-", plus signs and the hollow "o" of a
/// second level as "+", any other symbol (Symbol and Wingdings private-use characters, "•",
/// "§") as "•".
fn bullet(t: &str) -> &str {
    match t.trim() {
        "-" | "–" | "—" => "-",
        "+" | "o" | "◦" => "+",
        _ => "•",
    }
}

/// `v` written in Word's number format `fmt`.
pub fn format_number(v: u32, fmt: &str) -> String {
    match fmt {
        "upperRoman" => roman(v),
        "lowerRoman" => roman(v).to_lowercase(),
        "upperLetter" => letters(v).to_uppercase(),
        "lowerLetter" => letters(v),
        "decimalZero" if v < 10 => format!("0{v}"),
        "none" => String::new(),
        "bullet" => String::new(),
        _ => v.to_string(),
    }
}

/// 1 → a, 26 → z, 27 → aa, 28 → bb (Word repeats the letter).
fn letters(v: u32) -> String {
    if v == 0 {
        return "0".into();
    }
    let n = ((v - 1) / 26 + 1).min(50) as usize;
    let c = char::from(b'a' + ((v - 1) % 26) as u8);
    std::iter::repeat_n(c, n).collect()
}

/// Word prints 0 and numbers past 3999 in upper/lower Roman as decimals.
fn roman(v: u32) -> String {
    if v == 0 || v > 3999 {
        return v.to_string();
    }
    crate::text::roman(v as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(x: &str) -> El {
        super::super::xml::parse(
            x.as_bytes(),
            std::time::Instant::now() + std::time::Duration::from_secs(5),
        )
        .unwrap()
    }

    #[test]
    fn labels_are_counted_as_word_prints_them() {
        let root = parse(
            r#"<w:numbering xmlns:w="w">
            <w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/><w:suff w:val="space"/></w:lvl>
              <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="1">
              <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            </w:numbering>"#,
        );
        let mut n = Numbering::of(Some(&root));
        let mut l = |id: &str, i: usize| n.next(id, i).map(|l| l.text).unwrap_or_default();
        assert_eq!(l("1", 0), "I.\t");
        assert_eq!(l("1", 1), "1.\t");
        assert_eq!(l("1", 2), "1.1. ");
        assert_eq!(l("1", 2), "1.2. ");
        assert_eq!(l("1", 3), "a)\t");
        assert_eq!(l("1", 3), "b)\t");
        assert_eq!(l("1", 1), "2.\t");
        assert_eq!(l("1", 2), "2.1. ");
        assert_eq!(l("1", 0), "II.\t");
        assert_eq!(l("1", 1), "1.\t");
        assert_eq!(l("2", 0), "•\t");
        assert_eq!(l("3", 1), "1.\t");
        assert_eq!(l("0", 0), "");
        assert_eq!(l("9", 0), "");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(7, "decimalZero"), "07");
    }

    #[test]
    fn lists_linked_to_a_list_style_take_its_levels() {
        // Word's Multilevel List defined as a list style: the style's own list holds the
        // levels (`w:styleLink`), the lists the paragraphs use only name it
        // (`w:numStyleLink`).
        let root = parse(
            r#"<w:numbering xmlns:w="w">
            <w:abstractNum w:abstractNumId="5"><w:styleLink w:val="DanhSach"/>
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/><w:suff w:val="space"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="6"><w:numStyleLink w:val="DanhSach"/></w:abstractNum>
            <w:abstractNum w:abstractNumId="7"><w:numStyleLink w:val="KhongCo"/></w:abstractNum>
            <w:abstractNum w:abstractNumId="8"><w:styleLink w:val="Vong"/><w:numStyleLink w:val="Vong"/></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="6"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="5"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>
            </w:numbering>"#,
        );
        let mut n = Numbering::of(Some(&root));
        let mut l = |id: &str, i: usize| n.next(id, i).map(|l| l.text).unwrap_or_default();
        assert_eq!(l("1", 0), "I.\t");
        assert_eq!(l("1", 1), "a) ");
        assert_eq!(l("1", 1), "b) ");
        // The style's own list is the same list: it goes on counting.
        assert_eq!(l("2", 0), "II.\t");
        assert_eq!(l("1", 1), "a) ");
        // A style no list defines, and a list linked to itself: no label, no loop.
        assert_eq!(l("3", 0), "");
        assert_eq!(l("4", 0), "");
    }
}
