//! Every layout value is written once, in `templates/profiles.toml` (or carried in the tree):
//! the programs that lay the tree out write no number of their own. This test scans them for
//! numeric literals and fails on any that is not 0, 1 or on the short allow-list below, each
//! entry of which says why it is no layout value.

/// The sources scanned: the typst program and the code that writes the rest of it per
/// document, the DOCX builder and the tree builder. Test code
/// at the end of a file (`#[cfg(test)] mod tests {`) is not scanned.
const SOURCES: &[(&str, &str)] = &[
    ("pdf/render.typ", include_str!("../export/pdf/render.typ")),
    ("pdf/word.typ", include_str!("../export/pdf/word.typ")),
    ("pdf/source.rs", include_str!("../export/pdf/source.rs")),
    ("pdf/data.rs", include_str!("../export/pdf/data.rs")),
    ("docx/build.rs", include_str!("../export/docx/build.rs")),
    (
        "docx/build/blocks.rs",
        include_str!("../export/docx/build/blocks.rs"),
    ),
    (
        "docx/build/runs.rs",
        include_str!("../export/docx/build/runs.rs"),
    ),
    ("docx/measure.rs", include_str!("../export/docx/measure.rs")),
    ("docx/package.rs", include_str!("../export/docx/package.rs")),
    ("docx/mod.rs", include_str!("../export/docx/mod.rs")),
    ("doc/build.rs", include_str!("build.rs")),
    ("doc/assemble.rs", include_str!("assemble.rs")),
];

/// Literals that are no layout value: (file, literal as written, text of its line that must
/// be present, why).
const ALLOWED: &[(&str, &str, &str, &str)] = &[
    (
        "pdf/render.typ",
        "1mm",
        "#let mm(x) = x * 1mm",
        "unit conversion",
    ),
    (
        "pdf/render.typ",
        "1pt",
        "#let pt(x) = x * 1pt",
        "unit conversion",
    ),
    (
        "pdf/render.typ",
        "100%",
        "* 100%",
        "a share from the tree as a typst ratio",
    ),
    (
        "pdf/render.typ",
        "100%",
        "justification-limits: (spacing: (min: 100%, max: 100%))",
        "spaces keep their width (no shrinking), as in Word",
    ),
    (
        "pdf/word.typ",
        "1.15em",
        "#let single = 1.15em",
        "font metric: Word's single line for Times New Roman (ascent + descent + line gap)",
    ),
    (
        "pdf/render.typ",
        "0.934em",
        "top-edge: 0.934em",
        "font metric: the line's top edge Word uses for Times New Roman",
    ),
    (
        "pdf/render.typ",
        "0.216em",
        "bottom-edge: -0.216em",
        "font metric: Times New Roman's Windows descent",
    ),
    (
        "pdf/data.rs",
        "0.5",
        "const MARGIN: f64 = 0.5;",
        "how sure the Rust measure must be of a line break (closer to its room, typst measures)",
    ),
    (
        "docx/build.rs",
        "11",
        "STYLE_NAMES: [StyleName; 11]",
        "an array length: the number of named styles",
    ),
    (
        "docx/build/runs.rs",
        "240.0",
        "multiple * 240.0",
        "Word's line spacing unit: 240ths of a single line",
    ),
    (
        "docx/build/runs.rs",
        "2",
        "clamp(2, 2 * 1638)",
        "Word's font sizes: half-points, from 1 pt to 1638 pt",
    ),
    (
        "docx/build/runs.rs",
        "1638",
        "clamp(2, 2 * 1638)",
        "Word's font sizes: half-points, from 1 pt to 1638 pt",
    ),
    (
        "docx/build/blocks.rs",
        "2.0",
        "padding.0 * 2.0",
        "a cell is padded on both sides",
    ),
    (
        "docx/measure.rs",
        "2.0",
        "SCRIPT_SCALE: f32 = 2.0 / 3.0",
        "Word's own shrinking of sub- and superscripts, measured",
    ),
    (
        "docx/measure.rs",
        "3.0",
        "SCRIPT_SCALE: f32 = 2.0 / 3.0",
        "Word's own shrinking of sub- and superscripts, measured",
    ),
    (
        "docx/measure.rs",
        "2.0",
        ") / 2.0",
        "centring: half of the space left over",
    ),
    (
        "doc/assemble.rs",
        "2.0",
        "text_width().0 / 2.0",
        "Nơi nhận below two signers takes the left half of the line",
    ),
];

/// One numeric literal found in code.
#[derive(Debug)]
struct Found {
    line: usize,
    literal: String,
    value: f64,
    /// The literal is the argument of `Pt(` or `Mm(`.
    typed_length: bool,
}

/// The source with comments and string literals blanked (newlines kept, so line numbers
/// stay), for Rust and typst alike.
fn code_only(src: &str, rust: bool) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if rust
            && c == 'r'
            && matches!(next, Some('"') | Some('#'))
            && (i == 0 || !ident(chars[i - 1]))
        {
            // raw string r"…", r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.extend(chars[i..j.min(chars.len())].iter().map(|c| blank(*c)));
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if rust && c == '\'' {
            // a char literal ('a', '\n', '\u{FFFE}'); otherwise a lifetime
            let end = if next == Some('\\') {
                (i + 2..chars.len()).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.extend(chars[i..=end].iter().map(|c| blank(*c)));
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The numeric literals of `code` (comments and strings already blanked). A digit after a
/// letter, an underscore or a dot belongs to a name or a field (`w14`, `self.0`).
fn literals(code: &str) -> Vec<Found> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
        }
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        if !c.is_ascii_digit() || prev.is_alphanumeric() || prev == '_' || prev == '.' {
            i += 1;
            continue;
        }
        let start = i;
        let mut number = String::new();
        if c == '0' && matches!(chars.get(i + 1), Some('x' | 'o' | 'b')) {
            i += 2;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let literal: String = chars[start..i].iter().collect();
            found.push(Found {
                line,
                literal,
                value: f64::NAN,
                typed_length: false,
            });
            continue;
        }
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '_') {
            if chars[i] != '_' {
                number.push(chars[i]);
            }
            i += 1;
        }
        if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            number.push('.');
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                number.push(chars[i]);
                i += 1;
            }
        }
        if matches!(chars.get(i), Some('e' | 'E'))
            && chars
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_digit() || *c == '-')
        {
            number.push('e');
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '-') {
                number.push(chars[i]);
                i += 1;
            }
        }
        // a unit (typst) or a type suffix (Rust)
        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '%') {
            i += 1;
            if chars[i - 1] == '%' {
                break;
            }
        }
        let literal: String = chars[start..i].iter().collect();
        let before: String = chars[start.saturating_sub(3)..start].iter().collect();
        found.push(Found {
            line,
            literal,
            value: number.parse().unwrap_or(f64::NAN),
            typed_length: before == "Pt(" || before == "Mm(",
        });
    }
    found
}

/// Whether a literal is 0 or 1 and free to use: a bare 0 or 1 (indices, counts, single
/// spacing, the unit), and in typst a zero length. `Pt(1.0)` or a typst `1pt` is a layout
/// value.
fn neutral(file: &str, f: &Found) -> bool {
    let typst = file.ends_with(".typ");
    if f.value == 0.0 {
        return true;
    }
    if f.value == 1.0 {
        let bare = f.literal.chars().all(|c| c.is_ascii_digit() || c == '.');
        return if typst { bare } else { !f.typed_length };
    }
    false
}

#[test]
fn no_layout_literals_in_exporters() {
    let mut used = vec![false; ALLOWED.len()];
    let mut bad = Vec::new();
    for (file, src) in SOURCES {
        let src = match src.find("#[cfg(test)]\nmod tests {") {
            Some(at) => &src[..at],
            None => src,
        };
        let code = code_only(src, file.ends_with(".rs"));
        let lines: Vec<&str> = src.lines().collect();
        for f in literals(&code) {
            if neutral(file, &f) {
                continue;
            }
            let text = lines.get(f.line - 1).copied().unwrap_or("");
            let allowed = ALLOWED.iter().position(|(af, lit, context, _)| {
                af == file && *lit == f.literal && text.contains(context)
            });
            match allowed {
                Some(k) => used[k] = true,
                None => bad.push(format!(
                    "{file}:{}: `{}` in `{}`",
                    f.line,
                    f.literal,
                    text.trim()
                )),
            }
        }
    }
    assert!(
        bad.is_empty(),
        "layout values must be written in templates/profiles.toml (or carried in the tree), \
         not in the exporters:\n{}",
        bad.join("\n")
    );
    let stale: Vec<_> = ALLOWED
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(a, _)| format!("{} `{}` ({})", a.0, a.1, a.3))
        .collect();
    assert!(
        stale.is_empty(),
        "allow-list entries no longer needed: {stale:?}"
    );
}

#[test]
fn the_scan_sees_layout_literals() {
    let typ = "#let x = 1\n// 9pt in a comment\n#line(stroke: 0.6pt, length: 30%)\n#text(\"7mm\")\n#v(pt(0))";
    let found: Vec<String> = literals(&code_only(typ, false))
        .into_iter()
        .filter(|f| !neutral("x.typ", f))
        .map(|f| f.literal)
        .collect();
    assert_eq!(found, ["0.6pt", "30%"]);
    let rs = "let a = self.0 * 2.0; // 5\nlet b = Pt(1.0); let c = \"12\"; let d = 'x'; let e: &'static str = r#\"3\"#; let w14 = 0_usize + 1;";
    let found: Vec<String> = literals(&code_only(rs, true))
        .into_iter()
        .filter(|f| !neutral("x.rs", f))
        .map(|f| f.literal)
        .collect();
    assert_eq!(found, ["2.0", "1.0"]);
}
