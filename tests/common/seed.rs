//! How much of a seed text (tests/fixtures/seeds/*.txt, a real document's text) a rendered
//! PDF or DOCX reproduces, in order.

use std::path::{Path, PathBuf};

use super::{docx_parts, root, run, xml_text};

/// tests/fixtures/seeds/NAME.
pub fn path(name: &str) -> PathBuf {
    root()
        .join("tests")
        .join("fixtures")
        .join("seeds")
        .join(name)
}

/// Words for comparing a seed with an output: NFC; the extraction's `*` markers dropped;
/// subscript and superscript digits as plain digits; no-break and narrow spaces as spaces.
pub fn words(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let t: String = text
        .nfc()
        .filter(|c| *c != '*')
        .map(|c| match c {
            '₀'..='₉' => char::from_digit(c as u32 - '₀' as u32, 10).unwrap(),
            '⁰' => '0',
            '¹' => '1',
            '²' => '2',
            '³' => '3',
            '⁴'..='⁹' => char::from_digit(c as u32 - '⁴' as u32 + 4, 10).unwrap(),
            '\u{a0}' | '\u{2002}'..='\u{200b}' => ' ',
            c => c,
        })
        .collect();
    t.split_whitespace().map(str::to_string).collect()
}

/// Seed 002 is a newspaper article around the Party dispatch 1144-CV/TU: its headline, lead,
/// photo captions, byline and the site's footer are not the dispatch's text.
fn is_article_line(line: &str) -> bool {
    let l = line.trim();
    const STARTS: [&str; 8] = [
        "TẬP TRUNG LÃNH ĐẠO, CHỈ ĐẠO THỰC HIỆN XÂY DỰNG TỈNH",
        "Ban Thường vụ Tỉnh ủy Hà Tĩnh đề nghị cả hệ thống",
        "Thay mặt Ban Thường vụ Tỉnh ủy, Phó Bí thư",
        "Khu vui chơi thể thao công cộng",
        "Lắp đặt sân chơi tại nhà văn hóa",
        "Theo Ngô Thắng",
        "Email của bạn",
        "0943.685.786",
    ];
    STARTS.iter().any(|s| l.starts_with(s))
        || l.contains("(Ảnh Đông Thảo)")
        || l.contains("ảnh Đông Thảo")
        || l == "Trả lời"
}

/// The words of a seed, without the noise its extraction left (see [`is_article_line`]).
pub fn seed_words(seed: &Path) -> Vec<String> {
    let text =
        std::fs::read_to_string(seed).unwrap_or_else(|e| panic!("seed {}: {e}", seed.display()));
    let article = seed
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("002_"));
    if !article {
        return words(&text);
    }
    let kept: Vec<String> = text
        .lines()
        .filter(|l| !is_article_line(l))
        // the article glued its own last sentence to the next paragraph
        .map(|l| {
            l.replace(
                "báo cáo Ban Thường vụ Tỉnh ủy xem xétMặt trận",
                "báo cáo Ban Thường vụ Tỉnh ủy xem xét. Mặt trận",
            )
        })
        .collect();
    words(&kept.join("\n"))
}

/// The words of a rendered document: `pdftotext` for a PDF; for a DOCX the text of the body,
/// then footnotes, headers and footers.
pub fn output_words(out: &Path) -> Vec<String> {
    let ext = out.extension().map(|e| e.to_string_lossy().into_owned());
    match ext.as_deref() {
        Some("pdf") => words(&run(
            "pdftotext",
            &["-enc", "UTF-8", &out.display().to_string(), "-"],
        )),
        Some("docx") => {
            let parts = docx_parts(out);
            let mut text = parts
                .get("word/document.xml")
                .map(|x| xml_text(x))
                .unwrap_or_default();
            for (name, xml) in &parts {
                let other = ["word/footnotes.xml", "word/header", "word/footer"]
                    .iter()
                    .any(|p| name.starts_with(p));
                if other && name.ends_with(".xml") {
                    text.push('\n');
                    text.push_str(&xml_text(xml));
                }
            }
            words(&text)
        }
        _ => panic!("{}: not a .pdf or .docx", out.display()),
    }
}

/// The result of comparing a seed with an output.
pub struct Match {
    /// Seed words found in the output in the seed's order (a longest common subsequence).
    pub matched: usize,
    /// Words of the seed.
    pub total: usize,
    /// The longest runs of seed words the output misses (at most five, longest first).
    pub missing: Vec<String>,
}

impl Match {
    /// matched / total.
    pub fn share(&self) -> f64 {
        self.matched as f64 / self.total.max(1) as f64
    }

    /// For a failure message.
    pub fn report(&self) -> String {
        let mut s = format!(
            "{}/{} seed words in order = {:.3}\n",
            self.matched,
            self.total,
            self.share()
        );
        for m in &self.missing {
            s.push_str(&format!("missing: {m}\n"));
        }
        s
    }
}

/// How much of `seed` the rendered `out` reproduces in order.
pub fn compare(seed: &Path, out: &Path) -> Match {
    let a = seed_words(seed);
    let b = output_words(out);
    let kept = lcs_marks(&a, &b);
    let mut runs: Vec<Vec<&str>> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for (w, k) in a.iter().zip(&kept) {
        if *k {
            if !cur.is_empty() {
                runs.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(w);
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs.sort_by_key(|r| std::cmp::Reverse(r.len()));
    Match {
        matched: kept.iter().filter(|k| **k).count(),
        total: a.len(),
        missing: runs
            .iter()
            .take(5)
            .map(|r| {
                let mut s = r.iter().take(25).copied().collect::<Vec<_>>().join(" ");
                if r.len() > 25 {
                    s.push_str(" …");
                }
                s
            })
            .collect(),
    }
}

/// For each word of `a`, whether it belongs to one longest common subsequence with `b`.
pub fn lcs_marks(a: &[String], b: &[String]) -> Vec<bool> {
    let (n, m) = (a.len(), b.len());
    // table[i][j]: LCS of a[i..] and b[j..]
    let mut table = vec![0u16; (n + 1) * (m + 1)];
    assert!(n < usize::from(u16::MAX), "a seed of {n} words");
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if a[i] == b[j] {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let mut marks = vec![false; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            marks[i] = true;
            i += 1;
            j += 1;
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    marks
}
