//! Property tests ("fuzzing" that runs in every `cargo test`): no input, however broken,
//! makes a stage panic. The corpus in tests/fuzz_corpus/ holds inputs that once mattered;
//! proptest keeps any new failing case in tests/fuzz.proptest-regressions.

use std::path::Path;

use proptest::prelude::*;

mod sheetgen;
use vanban::data::{self, Format, Stage, walk};
use vanban::pipeline::Resources as Templates;

fn templates() -> &'static Templates {
    static T: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    T.get_or_init(|| Templates::builtin().expect("built-in templates"))
}

/// The whole pipeline up to the tree; any outcome is fine but a panic.
fn pipeline(format: Format, text: &str) {
    let t = templates();
    if let Ok(doc) = data::parse_str(Path::new("x"), format, text, Stage::Draft, t.catalogue()) {
        if let Ok(markup) = t.templates().fill(&doc) {
            let _ = vanban::doc::build_with(&markup, t.profiles());
        }
        let _ = vanban::rules::lint(Path::new("x"), &doc, text, true, t.catalogue());
    }
}

const SAMPLE: &str = include_str!("../samples/cong-van-ubnd-huu-lung.yaml");

#[test]
fn the_corpus_never_panics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus");
    let mut n = 0;
    for e in std::fs::read_dir(dir).expect("corpus") {
        let p = e.expect("entry").path();
        let bytes = std::fs::read(&p).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        for f in [Format::Yaml, Format::Json, Format::Toml] {
            pipeline(f, &text);
        }
        n += 1;
    }
    assert!(n >= 5, "the corpus is there");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
    ))]

    /// Arbitrary text in any format.
    #[test]
    fn any_text_in_any_format(text in "\\PC{0,400}") {
        for f in [Format::Yaml, Format::Json, Format::Toml] {
            pipeline(f, &text);
        }
    }

    /// The sample with a line cut, swapped or doubled: structure-aware mutations.
    #[test]
    fn mutated_sample(cut in 0usize..200, len in 0usize..40, dup in 0usize..80) {
        let lines: Vec<&str> = SAMPLE.lines().collect();
        let mut m: Vec<&str> = lines.clone();
        let c = cut % m.len();
        let end = (c + len).min(m.len());
        m.drain(c..end);
        if !m.is_empty() {
            let d = dup % m.len();
            m.insert(d, m[d]);
        }
        pipeline(Format::Yaml, &m.join("\n"));
    }

    /// Any text in a paragraph, a recipient and the signer's name renders to a tree, and
    /// never opens a block-markup line of its own.
    #[test]
    fn user_text_stays_data(para in "\\PC{0,200}", name in "[^\\n\\r\"\\\\]{1,40}") {
        let quoted = serde_json::to_string(&para).expect("json string");
        let yaml = SAMPLE
            .replace("  - \"Ủy ban nhân dân huyện yêu cầu", &format!("  - {quoted}\n  - \"Ủy ban nhân dân huyện yêu cầu"))
            .replace("name: Dương Thị Hạnh", &format!("name: \"{name}\""));
        let t = templates();
        let doc = data::parse_str(Path::new("x"), Format::Yaml, &yaml, Stage::Draft, t.catalogue());
        if let Ok(doc) = doc {
            let markup = t.templates().fill(&doc).expect("the template fills");
            let tree = vanban::doc::build_with(&markup, t.profiles());
            prop_assert!(tree.is_ok(), "{:?}", tree.err());
        }
    }

    /// Inline markup parsing keeps every character that is not markup.
    #[test]
    fn inline_markup_never_loses_text(text in "[a-zđươ *~^\\[\\]\\\\]{0,60}") {
        let runs = vanban::doc::parse_inline(&text);
        let mut out = String::new();
        fn collect(r: &[vanban::doc::Inline], out: &mut String) {
            for i in r {
                match i {
                    vanban::doc::Inline::Text { text, .. } => out.push_str(text),
                    vanban::doc::Inline::Footnote { inlines } => collect(inlines, out),
                    vanban::doc::Inline::LineBreak => {}
                }
            }
        }
        collect(&runs, &mut out);
        let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        prop_assert_eq!(letters(&out), letters(&text));
    }

    /// The YAML line finder survives any path on any text.
    #[test]
    fn locate_never_panics(text in "\\PC{0,300}", path in "[a-z\\[\\]0-9.]{0,30}") {
        let _ = data::locate::yaml_line(&text, &path);
    }

    /// Task sheets: arbitrary bytes as CSV, and a real workbook cut or with bytes flipped,
    /// read as a document's task table: errors, never a panic.
    #[test]
    fn task_sheets_never_panic(
        csv in proptest::collection::vec(any::<u8>(), 0..300),
        cut in 0usize..7000,
        flip in 0usize..7000,
    ) {
        let dir = tempfile::tempdir().expect("tmp");
        let xlsx = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/tasks-huu-lung.xlsx"),
        )
        .expect("sample workbook");
        let mut broken = xlsx[..cut.min(xlsx.len())].to_vec();
        if let Some(b) = broken.get_mut(flip) {
            *b ^= 0x5a;
        }
        for (name, bytes) in [("t.csv", csv), ("t.xlsx", broken)] {
            std::fs::write(dir.path().join(name), &bytes).expect("write");
            let doc = format!(
                "kind: cong-van\nissuer: {{name: [A]}}\nsymbol: UBND\nplace: Hà Nội\ndate: 2024\nsubject: a\nrecipients: [b]\nbody:\n  - tasks: all\nsignature: {{name: A}}\ndistribution: [Như trên]\narchive: VT\ntasks:\n  source: {name}\n"
            );
            let path = dir.path().join("cv.yaml");
            std::fs::write(&path, doc).expect("write");
            let _ = data::load(&path, Stage::Draft, templates().catalogue());
        }
    }

    /// Workbooks with cells anywhere (up to XFD1048576) and any text: read sparsely within
    /// the limits (rows, columns, cells, text), an error or a table, never a dense range or
    /// a panic.
    #[test]
    fn workbook_cells_anywhere(
        cells in proptest::collection::vec(
            (1u32..1_048_577, 0usize..16_384, "[a-zA-Z0-9 <&đ]{0,20}"),
            0..12,
        ),
    ) {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("t.xlsx");
        let mut by_row: std::collections::BTreeMap<u32, Vec<(usize, String)>> = Default::default();
        for (r, c, t) in cells {
            by_row.entry(r).or_default().push((c, t.replace('&', "&amp;").replace('<', "&lt;")));
        }
        let mut data = String::new();
        for (r, mut cs) in by_row {
            cs.sort_by_key(|(c, _)| *c);
            cs.dedup_by_key(|(c, _)| *c);
            data.push_str(&format!("<row r=\"{r}\">"));
            for (c, t) in cs {
                let col = vanban::data::sheet::column_letters(c);
                data.push_str(&format!(
                    "<c r=\"{col}{r}\" t=\"inlineStr\"><is><t>{t}</t></is></c>"
                ));
            }
            data.push_str("</row>");
        }
        sheetgen::xlsx(&p, &data, &[]);
        if let Ok(sheet) = vanban::data::sheet::Sheet::read(&p, None) {
            prop_assert!(sheet.headers.len() <= vanban::data::sheet::MAX_COLUMNS);
            prop_assert!(sheet.rows.iter().all(|r| r.cells.len() == sheet.headers.len()));
        }
    }

    /// The template growth check reads any text without panicking.
    #[test]
    fn template_growth_check_never_panics(text in "(\\{%|%\\}|set |~|\\+|[a-z =\"]){0,80}") {
        let _ = vanban::text::self_growing_set(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
    ))]

    /// Any bytes as a DOCX, and a real DOCX with bytes flipped: messages, never a panic.
    #[test]
    fn docx_reading_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048),
                                 flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..16)) {
        let t = templates();
        let p = Path::new("x.docx");
        if let Ok(d) = vanban::docx_in::read_bytes(p, bytes) {
            let _ = vanban::docx_in::check_read(p, &d, t.catalogue(), Stage::Draft);
        }
        let mut good = docx_sample().to_vec();
        for (at, b) in flips {
            let n = good.len();
            if n > 0 {
                good[at % n] ^= b;
            }
        }
        if let Ok(d) = vanban::docx_in::read_bytes(p, good) {
            let _ = vanban::docx_in::check_read(p, &d, t.catalogue(), Stage::Draft);
            let _ = vanban::docx_in::to_yaml(&vanban::docx_in::import(&d, t.catalogue()).value);
        }
    }

    /// Any XML-ish text as document.xml: no panic in the parser or the model.
    #[test]
    fn docx_xml_never_panics(xml in "(<w:[a-z]{1,4}( w:val=\"[a-z0-9]{0,3}\")?/?>|</w:[a-z]{1,4}>|[a-zĐđ ]{0,5}){0,60}") {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let _ = vanban::docx_in::xml::parse(xml.as_bytes(), deadline);
    }
}

/// vanban's own DOCX of one sample, made once.
fn docx_sample() -> &'static [u8] {
    static D: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    D.get_or_init(|| {
        let t = templates();
        let src = vanban::pipeline::Source::Text {
            name: "x.yaml".into(),
            text: SAMPLE.to_string(),
        };
        let opts = vanban::pipeline::Options {
            formats: vanban::export::Formats::Docx,
            ..Default::default()
        };
        vanban::pipeline::make(&src, t, &opts)
            .ok()
            .and_then(|m| m.files.into_iter().next().map(|f| f.1))
            .unwrap_or_default()
    })
}

/// A sample with its top-level `body:` replaced by `body` (YAML lines).
fn sample_with_body(body: &str) -> String {
    let i = SAMPLE.find("\nbody:\n").expect("body") + 1;
    let after = i + "body:\n".len();
    let mut end = after;
    for line in SAMPLE[after..].split_inclusive('\n') {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            break;
        }
        end += line.len();
    }
    format!("{}body:\n{}{}", &SAMPLE[..i], body, &SAMPLE[end..])
}

const KON_TUM: &str = include_str!("../samples/chi-thi-ubnd-kon-tum.yaml");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(40)
    ))]

    /// Class 5: documents around the size limits of `data::walk` (one field's characters,
    /// section nesting, paragraphs of a document): reading never panics, and a document is
    /// refused exactly when it passes a limit, with the message that names that limit.
    #[test]
    fn document_limits_hold_at_their_edges(
        field in (walk::MAX_PARAGRAPH_CHARS - 3)..(walk::MAX_PARAGRAPH_CHARS + 3),
        depth in 1usize..10,
        paragraphs in 1usize..60,
    ) {
        let t = templates();
        // one long paragraph, then `paragraphs` short ones, then sections nested `depth` deep
        let mut body = format!("  - \"{}\"\n", "a".repeat(field));
        for _ in 0..paragraphs {
            body.push_str(&format!("  - \"{}\"\n", "b ".repeat(10_000)));
        }
        let mut indent = String::from("  ");
        for d in 0..depth {
            body.push_str(&format!("{indent}- section: \"Mục {d}\"\n{indent}  body:\n"));
            indent.push_str("    ");
        }
        body.push_str(&format!("{indent}- \"cuối\"\n"));
        let text = sample_with_body(&body);
        let total = field + paragraphs * 20_000;
        let r = data::parse_str(Path::new("x.yaml"), Format::Yaml, &text, Stage::Draft, t.catalogue());
        let messages: Vec<String> = match &r {
            Ok(_) => Vec::new(),
            Err(ds) => ds.iter().filter(|d| d.severity == vanban::diag::Severity::Error).map(|d| d.message.clone()).collect(),
        };
        let all = messages.join("\n");
        prop_assert_eq!(field > walk::MAX_PARAGRAPH_CHARS, all.contains("đoạn văn quá dài"), "{}", all);
        prop_assert_eq!(depth > walk::MAX_SECTION_DEPTH, all.contains("mục lồng nhau quá sâu"), "{}", all);
        // `total` leaves out the sample's other text (header, signature, Nơi nhận: a few
        // hundred characters), so within 5,000 characters of the limit either answer is right.
        if total.abs_diff(walk::MAX_DOCUMENT_CHARS) > 5_000 {
            prop_assert_eq!(total > walk::MAX_DOCUMENT_CHARS, all.contains("văn bản quá dài"), "{}", all);
        }
        prop_assert_eq!(r.is_ok(), messages.is_empty(), "{}", all);
    }

    /// Class 5: tables around the row, cell and text limits: refused exactly past a limit,
    /// the limit named; never a panic.
    #[test]
    fn table_limits_hold_at_their_edges(
        rows in (walk::MAX_TABLE_ROWS - 2)..(walk::MAX_TABLE_ROWS + 2),
        width in 1usize..8,
        chars in prop_oneof![Just(1usize), Just(60), Just(80)],
    ) {
        let t = templates();
        let i = KON_TUM.find("      columns:\n").expect("table");
        let mut table = String::from("      columns:\n");
        for c in 0..width {
            table.push_str(&format!("        - {{title: C{c}, width: 1}}\n"));
        }
        table.push_str("      rows:\n");
        let cell = format!("\"{}\"", "x".repeat(chars));
        let row = format!("        - [{}]\n", vec![cell.as_str(); width].join(", "));
        for _ in 0..rows {
            table.push_str(&row);
        }
        let text = format!("{}{}", &KON_TUM[..i], table);
        let r = data::parse_str(Path::new("x.yaml"), Format::Yaml, &text, Stage::Draft, t.catalogue());
        let all = match &r {
            Ok(_) => String::new(),
            Err(ds) => ds.iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("\n"),
        };
        let cells = rows * width;
        prop_assert_eq!(rows > walk::MAX_TABLE_ROWS, all.contains(&format!("bảng có {rows} hàng")), "{}", all);
        prop_assert_eq!(cells > walk::MAX_TABLE_CELLS, all.contains(&format!("bảng có {cells} ô")), "{}", all);
        prop_assert_eq!(cells * chars > walk::MAX_TABLE_CHARS, all.contains("chữ trong bảng dài"), "{}", all);
    }
}
