//! Helpers shared by the integration tests: run the binary, read PDFs and DOCX files.
//! Everything they read lives in the repository; the tools they run (poppler-utils,
//! LibreOffice, openxml-audit) are installed by `scripts/test`.
#![allow(dead_code)] // each test file uses a different subset

pub mod layout;
pub mod seed;
pub mod server;
pub mod words;
pub mod xml;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The built `vanban` binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_vanban")
}

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run vanban with arguments.
pub fn vanban(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("the vanban binary runs")
}

/// Every sample, with the seed it reproduces (if any) and its issuer's last line.
pub struct Sample {
    /// samples/NAME.yaml
    pub path: PathBuf,
    /// File stem.
    pub stem: String,
    /// tests/fixtures/seeds/… when the sample is a real document.
    pub seed: Option<PathBuf>,
    /// The issuing body's last line, for the rule check (state documents; a Party issuer
    /// has an asterisk beneath instead).
    pub issuer: Option<&'static str>,
}

/// The samples the tests know about; a sample file the table misses fails `samples_are_known`.
pub fn samples() -> Vec<Sample> {
    let s = |name: &str, seed: Option<&str>, issuer: Option<&'static str>| Sample {
        path: root().join("samples").join(format!("{name}.yaml")),
        stem: name.to_string(),
        seed: seed.map(self::seed::path),
        issuer,
    };
    vec![
        s(
            "cong-van-ubnd-ha-tinh",
            Some("000_569adbc6ae2b561c.txt"),
            Some("TỈNH HÀ TĨNH"),
        ),
        s(
            "cong-van-ubnd-huu-lung",
            Some("001_ea566bc57a790287.txt"),
            Some("HUYỆN HỮU LŨNG"),
        ),
        s(
            "cong-van-tinh-uy-ha-tinh-1144",
            Some("002_662a6fbdc9e4369b.txt"),
            None,
        ),
        s(
            "ket-luan-tinh-uy-ha-tinh",
            Some("003_10db0ac44fef96e9.txt"),
            None,
        ),
        s(
            "chi-thi-ubnd-kon-tum",
            Some("004_8ed26bf99866191a.txt"),
            Some("TỈNH KON TUM"),
        ),
        s("quyet-dinh-ubnd-ha-tinh", None, Some("TỈNH HÀ TĨNH")),
        s("nghi-quyet-hdnd-xa-an-binh", None, Some("XÃ AN BÌNH")),
        s("ke-hoach-ubnd-huu-lung", None, Some("HUYỆN HỮU LŨNG")),
        s("thong-bao-ubnd-ha-tinh", None, Some("TỈNH HÀ TĨNH")),
        s("bao-cao-ubnd-xa-an-binh", None, Some("XÃ AN BÌNH")),
        s(
            "to-trinh-so-nnptnt-ha-tinh",
            None,
            Some("PHÁT TRIỂN NÔNG THÔN"),
        ),
        s("giay-moi-ubnd-huu-lung", None, Some("HUYỆN HỮU LŨNG")),
        s("bien-ban-hop-bcd-huu-lung", None, Some("HUYỆN HỮU LŨNG")),
        s(
            "cong-van-giao-nhiem-vu-huu-lung",
            None,
            Some("HUYỆN HỮU LŨNG"),
        ),
    ]
}

/// All samples rendered once into a temporary folder shared by the tests of one binary.
pub fn rendered() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut args = vec!["render".to_string()];
        args.extend(samples().iter().map(|s| s.path.display().to_string()));
        args.push("-o".into());
        args.push(dir.path().display().to_string());
        let out = Command::new(bin()).args(&args).output().expect("runs");
        assert!(
            out.status.success(),
            "rendering the samples failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
    .path()
}

/// A tool's stdout, failing the test with its stderr if it fails to run.
pub fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} could not run ({e}): run scripts/test, it installs it"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A word of a PDF page with its box, in points from the top-left corner.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub page_w: f64,
    pub page_h: f64,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    tag.find(&key)
        .and_then(|i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .unwrap_or(f64::NAN)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Words of a PDF with their boxes (`pdftotext -bbox`).
pub fn pdf_words(pdf: &Path) -> Vec<Word> {
    let html = run("pdftotext", &["-bbox", &pdf.display().to_string(), "-"]);
    let mut words = Vec::new();
    let (mut page, mut pw, mut ph) = (0, 0.0, 0.0);
    for line in html.lines() {
        let l = line.trim();
        if l.starts_with("<page ") {
            page += 1;
            pw = attr(l, "width");
            ph = attr(l, "height");
        } else if l.starts_with("<word ") {
            let text = l
                .split_once('>')
                .and_then(|(_, r)| r.rsplit_once("</word>"))
                .map(|(t, _)| unescape(t))
                .unwrap_or_default();
            words.push(Word {
                page,
                page_w: pw,
                page_h: ph,
                x0: attr(l, "xMin"),
                y0: attr(l, "yMin"),
                x1: attr(l, "xMax"),
                y1: attr(l, "yMax"),
                text,
            });
        }
    }
    words
}

/// The parts of a DOCX, by name.
pub fn docx_parts(docx: &Path) -> BTreeMap<String, String> {
    let f = std::fs::File::open(docx).expect("docx exists");
    let mut z = zip::ZipArchive::new(f).expect("docx is a zip");
    let mut parts = BTreeMap::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).expect("zip entry");
        let mut s = String::new();
        if e.read_to_string(&mut s).is_ok() {
            parts.insert(e.name().to_string(), s);
        }
    }
    parts
}

/// The text of a DOCX (document, then footnotes), one paragraph a line.
pub fn docx_text(docx: &Path) -> String {
    let parts = docx_parts(docx);
    let mut out = String::new();
    for name in ["word/document.xml", "word/footnotes.xml"] {
        if let Some(xml) = parts.get(name) {
            out.push_str(&xml_text(xml));
        }
    }
    out
}

/// The w:t text of a WordprocessingML part, a line per paragraph; a non-breaking hyphen
/// (`w:noBreakHyphen`) reads as "-", as Word copies it.
pub fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let Some(j) = rest[i..].find('>') else { break };
        let tag = &rest[i + 1..i + j];
        rest = &rest[i + j + 1..];
        if tag == "w:t" || tag.starts_with("w:t ") {
            if let Some(end) = rest.find("</w:t>") {
                out.push_str(&unescape(&rest[..end]));
                rest = &rest[end..];
            }
        } else if tag.starts_with("w:noBreakHyphen") {
            out.push('-');
        } else if tag == "/w:p" || tag.starts_with("w:br") {
            out.push('\n');
        } else if tag.starts_with("w:tab") && !tag.starts_with("w:tabs") {
            out.push(' ');
        }
    }
    out
}

/// Words of a text, NFC, with subscript digits as plain digits.
pub fn words(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let t: String = text
        .nfc()
        .map(|c| match c {
            '₀'..='₉' => char::from(b'0' + (c as u32 - '₀' as u32) as u8),
            '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    t.split_whitespace().map(str::to_string).collect()
}

/// Length of the longest common subsequence of two word lists.
pub fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// 1 mm in points.
pub const MM: f64 = 72.0 / 25.4;

/// Share of words two texts have in common, ignoring order (a multiset), leaving out
/// tokens that are only digits (page numbers, footnote marks).
pub fn bag_share(a: &[String], b: &[String]) -> f64 {
    bag_compare(a, b).0
}

/// [`bag_share`], and up to 30 words that one side has more often than the other, for the
/// failure message.
pub fn bag_compare(a: &[String], b: &[String]) -> (f64, Vec<String>) {
    use std::collections::HashMap;
    let count = |v: &[String]| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for w in v.iter().filter(|w| !w.chars().all(|c| c.is_ascii_digit())) {
            *m.entry(w.clone()).or_default() += 1;
        }
        m
    };
    let (ca, cb) = (count(a), count(b));
    let common: usize = ca
        .iter()
        .map(|(w, n)| (*n).min(*cb.get(w).unwrap_or(&0)))
        .sum();
    let total = ca
        .values()
        .sum::<usize>()
        .max(cb.values().sum::<usize>())
        .max(1);
    let mut diff: Vec<String> = ca
        .iter()
        .filter(|(w, n)| cb.get(*w).unwrap_or(&0) != *n)
        .map(|(w, n)| format!("{w} ({n}/{})", cb.get(w).unwrap_or(&0)))
        .chain(
            cb.iter()
                .filter(|(w, _)| !ca.contains_key(*w))
                .map(|(w, n)| format!("{w} (0/{n})")),
        )
        .collect();
    diff.sort();
    diff.truncate(30);
    (common as f64 / total as f64, diff)
}

/// `vanban check` of a text written to a temporary file: (exit ok, stdout + stderr).
pub fn check_text(name: &str, text: &str, extra: &[&str]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join(name);
    std::fs::write(&input, text).expect("write input");
    let mut args = vec!["check", input.to_str().unwrap()];
    args.extend(extra);
    let out = vanban(&args);
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}
